"""The reader measured in Chromium: pinyin over its own character, cards a student can use.

A small notebook (written into the test's copy of the project) opens one ReaderView per
fixed seed article with pinyin on. For every text size (14, 18, 24, 32) and every mode
that shows Chinese, one ``page.evaluate`` measures every syllable: its box is over its own
character's box and inside its column, and it does not overlap the syllable before it on
the same line. Then the dictionary cards are opened with the mouse and with the keyboard.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import _lab

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
NOTEBOOK = "reader_geometry.ipynb"
SIZES = (14, 18, 24, 32)
MODES = {"zh": "中文 Chinese", "paragraphs": "Paragraphs side by side",
         "sentences": "Sentences side by side", "interlinear": "Interlinear"}
#: Pixels of slack for sub-pixel rounding.
SLACK = 1.5

CELLS = [
    "import kit\n"
    "from kit.views.reader import ReaderView\n"
    f"corpus = kit.load_corpus({str(ARTICLES)!r})",
    "report = ReaderView(corpus, article='000_7ca6473d3635779a', pinyin=True, mode='zh')\n"
    "report",
    "commentary = ReaderView(corpus, article='003_0d759123a74baf35', pinyin=True, mode='zh')\n"
    "commentary",
]

#: Every syllable of one reader: over its character, inside its column, not over its neighbour.
MEASURE = r"""
(index) => {
  const reader = document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .kit-reader')[index];
  const page = reader.querySelector('.kit-reader-page');
  const problems = [];
  let count = 0, previous = null;
  for (const rt of page.querySelectorAll('.kit-body rt')) {
    const ruby = rt.parentElement;
    const text = Array.from(ruby.childNodes).find(n => n.nodeType === 3 && n.textContent.trim());
    const range = document.createRange();
    range.selectNodeContents(text);
    const ch = range.getBoundingClientRect();
    const r = rt.getBoundingClientRect();
    const col = ruby.closest('.kit-cell, p.kit-zh').getBoundingClientRect();
    const centre = (r.left + r.right) / 2;
    const em = parseFloat(getComputedStyle(ruby).fontSize);
    const glyphTop = (ch.top + ch.bottom) / 2 - em / 2;   // the ideographic em box
    const name = text.textContent + ' ' + rt.textContent;
    count += 1;
    if (centre < ch.left - SLACK || centre > ch.right + SLACK) problems.push(name + ': not over its character');
    if (r.bottom > glyphTop + SLACK) problems.push(name + ': below the top of its character');
    if (r.left < col.left - SLACK || r.right > col.right + SLACK || ch.right > col.right + SLACK)
      problems.push(name + ': outside its column');
    if (previous && Math.abs(previous.top - r.top) < 2 && previous.right > r.left + SLACK)
      problems.push(name + ': overlaps ' + previous.name);
    previous = {top: r.top, right: r.right, name: name};
  }
  return {count: count, problems: problems.slice(0, 20), total: problems.length,
          size: page.getAttribute('style'), body: page.querySelector('.kit-body').className};
}
""".replace("SLACK", str(SLACK))


@pytest.fixture(scope="module")
def reader_lab(browser_context, lab_server):
    """The geometry notebook, run once, in one tab for the whole module."""
    _lab.write_notebook(lab_server.root / NOTEBOOK, CELLS)
    page = browser_context.new_page()
    lab = _lab.LabPage(page, lab_server)
    try:
        lab.run_notebook(NOTEBOOK)
        page.locator(f"{_lab.VISIBLE_PANEL} .kit-reader .kit-w").first.wait_for()
        yield lab
    finally:
        page.close()
        lab_server.shutdown_kernels(wait=False)


def readers(lab):
    return lab.page.locator(f"{_lab.VISIBLE_PANEL} .kit-reader")


def set_size(reader, size: int) -> None:
    """Move the Text size slider with the keyboard: Home (14), then → to ``size``."""
    handle = reader.locator(".widget-slider .noUi-handle, .jupyter-widget-slider .noUi-handle").first
    handle.focus()
    handle.press("Home")
    for _ in range(size - 14):
        handle.press("ArrowRight")


def wait_page(lab, index: int, size: int, mode: str) -> None:
    lab.page.wait_for_function(
        """([i, size, mode]) => {
             const r = document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .kit-reader')[i];
             const p = r && r.querySelector('.kit-reader-page');
             return p && (p.getAttribute('style') || '').includes('--kit-size: ' + size + 'px')
                    && p.querySelector('.kit-body.kit-mode-' + mode);
           }""", arg=[index, size, mode], timeout=20_000)


def test_every_syllable_sits_over_its_character_inside_its_column(reader_lab):
    checked, failures = 0, []
    for index in range(2):
        reader = readers(reader_lab).nth(index)
        for size in SIZES:
            set_size(reader, size)
            for mode, label in MODES.items():
                reader.locator(".widget-toggle-button, .jupyter-widget-toggle-button",
                               has_text=label).first.click()
                wait_page(reader_lab, index, size, mode)
                found = reader_lab.page.evaluate(MEASURE, index)
                checked += found["count"]
                assert found["count"] > 100, found
                if found["total"]:
                    failures.append(f"article {index}, size {size}, {mode}: {found['total']} "
                                    f"problems, e.g. {found['problems'][:5]}")
    assert failures == [], "\n".join(failures)
    assert checked > 2 * len(SIZES) * len(MODES) * 100


def test_a_word_card_opens_on_click_and_closes_on_escape_and_elsewhere(reader_lab):
    page = reader_lab.page
    reader = readers(reader_lab).nth(0)
    reader.locator(".widget-toggle-button, .jupyter-widget-toggle-button",
                   has_text="Paragraphs side by side").first.click()
    wait_page(reader_lab, 0, int(_size(reader)), "paragraphs")
    word = reader.locator(".kit-body .kit-w", has_text=re.compile(r"^干\(gàn\)部\(bù\)$")).first
    word.click()
    popup = reader.locator(".kit-popup")
    popup.wait_for()
    assert "cadre" in popup.inner_text()
    box, column = popup.bounding_box(), reader.locator(".kit-cell.kit-zh").first.bounding_box()
    assert box["x"] >= column["x"] - SLACK and box["x"] + box["width"] <= column["x"] + column["width"] + SLACK
    page.keyboard.press("Escape")
    assert popup.count() == 0
    word.click()
    popup.wait_for()
    reader.locator(".kit-header").click()          # a click elsewhere closes it
    assert reader.locator(".kit-popup").count() == 0


def test_a_card_closes_when_the_pointer_leaves(reader_lab):
    reader = readers(reader_lab).nth(0)
    reader.locator(".kit-body .kit-w").nth(5).click()
    reader.locator(".kit-popup").wait_for()
    reader_lab.page.mouse.move(5, 5)
    reader_lab.page.wait_for_timeout(700)
    assert reader.locator(".kit-popup").count() == 0


def test_keyboard_alone_reaches_words_opens_cards_and_stars_a_word(reader_lab, lab_server):
    page = reader_lab.page
    reader = readers(reader_lab).nth(1)
    first = reader.locator('.kit-body .kit-w[tabindex="0"]').first
    first.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    focused = page.evaluate("document.activeElement.className")
    assert "kit-w" in focused
    page.keyboard.press("Enter")
    popup = reader.locator(".kit-popup")
    popup.wait_for()
    page.keyboard.press("ArrowRight")              # the open card follows the focus
    popup.wait_for()
    page.keyboard.press("Tab")                      # into the card: its star
    assert page.evaluate("document.activeElement.className") == "kit-star"
    word = page.evaluate("document.activeElement.dataset.word")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"
    path = lab_server.progress_dir / "my_words.json"
    page.wait_for_function("() => true")
    for _ in range(50):
        if path.exists() and word in path.read_text(encoding="utf-8"):
            break
        page.wait_for_timeout(100)
    saved = json.loads(path.read_text(encoding="utf-8"))
    record = next(r for r in saved["words"] if r["word"] == word)
    assert record["article_id"] == "003_0d759123a74baf35" and "People" in record["citation"]
    page.keyboard.press("Escape")
    assert popup.count() == 0
    assert page.evaluate("document.activeElement.className").startswith("kit-w")


def _size(reader) -> str:
    style = reader.locator(".kit-reader-page").first.get_attribute("style") or ""
    return re.search(r"--kit-size: (\d+)px", style).group(1)
