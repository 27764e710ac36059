"""The exported reader page and the static site, opened from files in Chromium with the
network switched off (Playwright's offline mode), on a desktop and a 390×844 phone screen:
pinyin, modes, 1952 forms and word cards work, nothing overflows sideways, every link of
the site opens, and axe-core finds no serious or critical accessibility problem.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from kit.export_page import write_page
from kit.site import build_site

import _lab
from test_app import blocking_violations

ARTICLES = _lab.PROJECT_DIR / "tests" / "data" / "articles"
REPORT_ID = "000_7ca6473d3635779a"
COMMENTARY_ID = "003_0d759123a74baf35"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

_JS_OVERFLOW = """() => {
  // Elements sticking out past the right edge of the screen (the page scrolls sideways).
  const width = document.documentElement.clientWidth, out = [];
  if (document.documentElement.scrollWidth > width + 1)
    out.push('page is ' + document.documentElement.scrollWidth + ' px wide');
  const scrolls = (el) => {          // inside a box that scrolls (code cells): not the page
    for (let p = el.parentElement; p; p = p.parentElement)
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
    return false;
  };
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 1 && scrolls(el)) continue;
    if (r.width && r.right > width + 1 && getComputedStyle(el).visibility !== 'hidden'
        && !el.closest('[hidden], details:not([open]) > :not(summary)'))
      out.push(el.tagName.toLowerCase() + '.' + el.className + ' ends at ' + Math.round(r.right));
    if (out.length > 5) break;
  }
  return out;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The static site of the two test articles and the lesson notebooks."""
    import kit

    out = tmp_path_factory.mktemp("site")
    build_site(out, kit.load_corpus(ARTICLES), notebook_dirs=["notebooks"])
    return out


@pytest.fixture()
def offline(chromium, request):
    """A new offline context (``viewport`` from the test's parameter, desktop by default);
    any request that is not for a local file is recorded and refused."""
    viewport = getattr(request, "param", DESKTOP)
    context = chromium.new_context(viewport=viewport, locale="en-US")
    context.set_default_timeout(15_000)
    context.set_offline(True)
    requested: list[str] = []

    def refuse(route):
        requested.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^(?!file:|data:|blob:).*"), refuse)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.requested, page.errors = requested, errors
    yield page
    context.close()


def open_page(page, path):
    page.goto(path.as_uri())
    page.locator("#kit-reader .kit-view").wait_for()
    return page


def test_reader_page_works_offline(offline, site):
    page = open_page(offline, site / "articles" / f"{COMMENTARY_ID}.html")
    rt = page.locator("#kit-reader .kit-body rt").first
    assert not rt.is_visible(), "pinyin shows before it is asked for"
    page.get_by_label("Pinyin", exact=True).check()
    assert rt.is_visible()
    page.get_by_label("Sentences side by side").check()
    page.locator("#kit-reader .kit-mode-sentences").wait_for()
    assert page.locator("#kit-reader .kit-body rt").first.is_visible(), "pinyin lost on a mode switch"
    page.get_by_label(re.compile("As printed in 1952")).check()
    page.wait_for_function("document.querySelector('#kit-reader').dataset.variant === 'sentences|t'")
    assert "經驗" in page.locator("#kit-reader .kit-body").inner_text()
    word = page.locator("#kit-reader .kit-body .kit-w").nth(3)
    word.click()
    card = page.locator("#kit-reader .kit-popup")
    card.wait_for()
    assert re.search(r"[a-zāáǎàēéěèīíǐìōóǒòūúǔù]", card.inner_text()), card.inner_text()
    page.keyboard.press("Escape")
    assert card.count() == 0
    page.get_by_label("Interlinear").check()
    page.locator("#kit-reader .kit-mode-interlinear").wait_for()
    assert not page.errors and not page.requested, (page.errors, page.requested)


def test_a_card_opens_from_the_keyboard(offline, site):
    page = open_page(offline, site / "articles" / f"{REPORT_ID}.html")
    first = page.locator("#kit-reader .kit-body .kit-w[tabindex='0']").first
    first.focus()
    page.keyboard.press("Enter")
    page.locator("#kit-reader .kit-popup").wait_for()
    page.keyboard.press("Escape")
    assert page.locator("#kit-reader .kit-popup").count() == 0


@pytest.mark.parametrize("offline", [PHONE], indirect=True)
def test_nothing_overflows_on_a_phone(offline, site):
    page = open_page(offline, site / "articles" / f"{REPORT_ID}.html")
    page.get_by_label("Pinyin", exact=True).check()
    for mode in ("Paragraphs side by side", "Sentences side by side", "Interlinear", "English",
                 "中文 Chinese"):
        page.get_by_label(mode).check()
        page.wait_for_timeout(100)
        wide = page.evaluate(_JS_OVERFLOW)
        assert not wide, f"{mode}: {wide}"
    for name in ("index.html", "glossary.html", "timeline.html",
                 "notebooks/01_reading_the_report.html"):
        page.goto((site / name).as_uri())
        wide = page.evaluate(_JS_OVERFLOW)
        assert not wide, f"{name}: {wide}"


def test_every_link_of_the_site_opens(offline, site):
    page = offline
    seen, queue = set(), [site / "index.html"]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        page.goto(path.as_uri())
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for href in hrefs:
            if not href.startswith("file:"):
                continue
            target = Path(unquote(re.sub(r"[#?].*$", "", href).replace("file://", "")))
            assert target.is_file(), f"{path.relative_to(site)} links to a missing {target}"
            if target.suffix == ".html" and target not in seen:
                queue.append(target)
    assert len(seen) >= 3 + 2 + 8, sorted(str(p.relative_to(site)) for p in seen)
    page.goto((site / "glossary.html").as_uri())
    page.get_by_label(re.compile("Search the glossary")).fill("jingyan")
    shown = page.locator("[data-search]:not([hidden])")
    assert 0 < shown.count() < page.locator("[data-search]").count()
    assert not page.requested, page.requested


#: What axe-core checks on the glossary page: the search and the first dozen cards (every card
#: is made the same way; the whole page takes axe-core over ten seconds).
GLOSSARY_SAMPLE = {"include": [["main > h1"], ["main > p"],
                               [".kit-glossary-list > li:nth-child(-n+12)"]]}


def test_no_serious_accessibility_problem_in_the_pages(offline, site):
    page = open_page(offline, site / "articles" / f"{COMMENTARY_ID}.html")
    problems = blocking_violations(page)
    page.get_by_label("Pinyin", exact=True).check()
    page.get_by_label("Tone colours").check()
    page.get_by_label("Sentences side by side").check()
    page.locator("#kit-reader .kit-mode-sentences").wait_for()
    page.locator("#kit-reader .kit-body mark .kit-w").first.click()
    page.locator("#kit-reader .kit-popup").wait_for()
    problems += blocking_violations(page)
    for name, context in (("index.html", None), ("glossary.html", GLOSSARY_SAMPLE),
                          ("timeline.html", None)):
        page.goto((site / name).as_uri())
        problems += [f"{name}: {p}" for p in blocking_violations(page, context)]
    assert not problems, "\n".join(problems)
