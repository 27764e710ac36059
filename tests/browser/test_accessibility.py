"""Accessibility, measured: axe-core in Chromium on the output areas of every view, and the
reader used with the keyboard alone.

axe-core comes with the Python package ``axe-playwright-python`` (it ships ``axe.min.js``:
nothing is downloaded). The rule: no violation of impact "serious" or "critical" in the
reader (pinyin, tone colours and level marks on, a card open), the glossary, the timeline,
the concordance and the quiz.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import _lab

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
NOTEBOOK = "accessibility.ipynb"
#: Impacts that fail the test (axe also reports "minor" and "moderate").
FAILING = ("serious", "critical")

CELLS = [
    "import kit\n"
    f"corpus = kit.load_corpus({str(ARTICLES)!r})",
    "reader = kit.views.ReaderView(corpus, article='000_7ca6473d3635779a', mode='sentences',\n"
    "                              pinyin=True)\n"
    "reader.tones.value = True\n"
    "reader.mark_above.value = 4\n"
    "reader",
    "kit.views.GlossaryView(corpus=corpus)",
    "kit.views.TimelineView()",
    "kit.views.ConcordanceView(corpus, query='经验')",
    "from kit.exercises import ExerciseSet, generate_cloze\n"
    "questions = tuple(generate_cloze(corpus['003_0d759123a74baf35']))\n"
    "kit.views.QuizView(ExerciseSet('Generated cloze', questions), mode='all')",
]

#: The output area of each view, by the widget's own class.
AREAS = {"reader": ".kit-reader", "glossary": ".kit-glossary", "timeline": ".kit-timeline",
         "concordance": ".kit-concordance", "quiz": ".kit-quiz"}


@pytest.fixture(scope="module")
def views_lab(browser_context, lab_server):
    _lab.write_notebook(lab_server.root / NOTEBOOK, CELLS)
    page = browser_context.new_page()
    lab = _lab.LabPage(page, lab_server)
    try:
        lab.run_notebook(NOTEBOOK)
        for selector in AREAS.values():
            page.locator(f"{_lab.VISIBLE_PANEL} {selector}").first.wait_for()
        yield lab
    finally:
        page.close()
        lab_server.shutdown_kernels(wait=False)


def serious(results) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} — e.g. {v['nodes'][0]['html'][:160]}"
            for v in results.response["violations"] if v["impact"] in FAILING]


@pytest.mark.parametrize("name", list(AREAS))
def test_no_serious_or_critical_violation(views_lab, name):
    from axe_playwright_python.sync_playwright import Axe

    page = views_lab.page
    area = f"{_lab.VISIBLE_PANEL} {AREAS[name]}"
    if name == "reader":                       # with a card open, as a student reads
        page.locator(f"{area} .kit-body .kit-w").nth(3).click()
        page.locator(f"{area} .kit-popup").wait_for()
    results = Axe().run(page, context={"include": [[area]]})
    assert serious(results) == [], "\n".join(serious(results))
    assert results.response["passes"] or results.response["violations"] is not None


def test_the_reader_with_the_keyboard_alone(views_lab):
    """Tab reaches the controls and the text; Enter opens a card, Tab reaches its star,
    Escape closes it and gives the focus back to the word."""
    page = views_lab.page
    area = f"{_lab.VISIBLE_PANEL} .kit-reader"
    page.locator(f"{area} .kit-article-picker input").first.focus()
    reached = set()
    for _ in range(60):                        # Tab through the reader's controls into the text
        page.keyboard.press("Tab")
        reached.add(page.evaluate(
            "(() => { const e = document.activeElement; return e.className.split(' ')[0]"
            " + ':' + (e.closest('.kit-reader') ? 'in' : 'out'); })()"))
        if page.evaluate("document.activeElement.classList.contains('kit-w')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('kit-w')"), sorted(reached)
    page.keyboard.press("Enter")
    page.locator(f"{area} .kit-popup").wait_for()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "kit-star"
    page.keyboard.press("Escape")
    assert page.locator(f"{area} .kit-popup").count() == 0
    assert page.evaluate("document.activeElement.classList.contains('kit-w')")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    page.locator(f"{area} .kit-popup").wait_for()
    page.keyboard.press("Escape")
