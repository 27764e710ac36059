"""A student's journeys through the views, in JupyterLab in Chromium.

Each journey writes a small notebook into the server's copy of the project
(``journeys/<name>.ipynb``: ``import kit`` and the view), runs it, then uses the view
with the mouse and keyboard and checks what appears on the page. Element screenshots go
to test-artifacts/journey-*.png.

Controls are found through the views' root classes (``kit-reader``, ``kit-glossary``,
``kit-timeline``, ``kit-quiz``) and their ipywidgets DOM and visible labels.
"""

from __future__ import annotations

import json
import re

import _lab

ZH_TEXT = re.compile(r"[\u4e00-\u9fff]")
PINYIN_WITH_TONES = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")


def open_view(lab_page, lab_server, name: str, constructor: str):
    """Write journeys/<name>.ipynb showing ``kit.views.<constructor>`` (e.g. ``"ReaderView()"``),
    run it, and return the view's root locator."""
    code = f"import kit\nview = kit.views.{constructor}\nview"
    _lab.write_notebook(lab_server.root / "journeys" / f"{name}.ipynb", [code])
    lab_page.run_notebook(f"journeys/{name}.ipynb")
    problems = lab_page.problems()
    assert not problems, f"journeys/{name}.ipynb:\n" + "\n".join(problems)
    # The view is the widget the last cell displays (checked by assert_view_laid_out).
    view = lab_page.page.locator(
        f"{_lab.VISIBLE_PANEL} .jp-OutputArea-output > .jupyter-widgets").last
    view.wait_for()
    return view


def assert_view_laid_out(view, view_class: str, what: str) -> None:
    """The view marks its root with its class (kit-reader, kit-quiz, ...) for styling and
    tests, and no text of it runs past its right edge, where a student cannot read it."""
    classes = (view.get_attribute("class") or "").split()
    assert view_class in classes, (f"the view's root element lacks the CSS class {view_class!r} "
                                   f"(has: {' '.join(classes)}): add self.add_class({view_class!r})")
    cut = _lab.text_past_right_edge(view)
    assert not cut, (f"{what}: text runs past the view's right edge (cut off or needs "
                     "side-scrolling; long URLs and words need CSS like overflow-wrap: anywhere):\n"
                     + "\n".join(f"- {c}" for c in cut))


def assert_no_view_errors(lab_page, where: str) -> None:
    problems = lab_page.problems()
    assert not problems, f"after {where}:\n" + "\n".join(problems)
    boxes = lab_page.page.locator(f"{_lab.VISIBLE_PANEL} .kit-error")
    assert boxes.count() == 0, f"after {where} the view shows: {boxes.first.inner_text()}"


# ------------------------------------------------------------------------------- ReaderView

def test_reader_sentences_with_pinyin_in_chinese_type(lab_page, lab_server):
    view = open_view(lab_page, lab_server, "reader", "ReaderView()")
    assert view.locator("ruby").count() == 0, "pinyin is on before the student asked for it"

    mode = view.locator(".widget-toggle-button", has_text=re.compile(r"Sentences"))
    mode.click()
    view.get_by_role("checkbox", name="Pinyin", exact=True).check()

    view.locator(".kit-mode-sentences").first.wait_for()
    view.locator("ruby").first.wait_for()
    assert_no_view_errors(lab_page, "choosing sentence mode and pinyin")
    assert "mod-active" in (mode.get_attribute("class") or "")

    # Ruby annotations: Chinese characters below, toned pinyin above.
    rubies = view.locator(".kit-zh ruby")
    assert rubies.count() > 100, f"only {rubies.count()} <ruby> in the Chinese text"
    first = rubies.first.evaluate(
        "r => ({base: Array.from(r.childNodes).filter(n => n.nodeType === 3)"
        ".map(n => n.textContent).join(''), rt: (r.querySelector('rt') || {}).textContent})")
    assert ZH_TEXT.search(first["base"]), first
    readings = " ".join(view.locator(".kit-zh ruby rt").all_text_contents()[:60])
    assert PINYIN_WITH_TONES.search(readings), readings[:200]
    assert ZH_TEXT.search(view.locator(".kit-zh").first.inner_text())
    assert view.locator("[lang='zh-Hans'] ruby").count() == rubies.count()

    # Sentence mode pairs sentences: several Chinese and English cells, side by side.
    zh_cells, en_cells = view.locator(".kit-mode-sentences .kit-zh"), view.locator(
        ".kit-mode-sentences .kit-en")
    assert zh_cells.count() >= 5 and en_cells.count() >= 5
    zh_box, en_box = zh_cells.first.bounding_box(), en_cells.first.bounding_box()
    assert en_box["x"] > zh_box["x"] + zh_box["width"] / 2, "sentences are not side by side"

    # The characters are drawn with a Chinese font, not as empty boxes (tofu).
    panel = _lab.VISIBLE_PANEL
    fonts = _lab.platform_fonts(lab_page.page, f"{panel} .kit-reader .kit-zh ruby")
    cjk = [f for f in fonts if _lab.CJK_FONT_NAMES.search(f["familyName"])]
    assert cjk and sum(f["glyphCount"] for f in cjk) >= len(_lab.HAN.findall(first["base"])), (
        f"the Chinese in the reader is not drawn with a CJK font: {fonts} "
        "(install one: apt-get install fonts-noto-cjk)")
    headline = view.locator(".kit-headline").first
    drawn = _lab.tofu_check(headline)
    assert len(drawn["checked"]) >= 5 and not drawn["tofu"] and drawn["distinct"] >= 5, drawn

    lab_page.element_screenshot(view, "journey-reader-sentences-pinyin")
    assert_view_laid_out(view, "kit-reader", "ReaderView in sentence mode with pinyin")


# ----------------------------------------------------------------------------- GlossaryView

def test_glossary_search_by_toneless_pinyin_and_open_a_term(lab_page, lab_server):
    view = open_view(lab_page, lab_server, "glossary", "GlossaryView()")
    search = view.locator(".widget-text input").first
    search.fill("haojianxiu")
    results = view.locator(".widget-select select").first
    options = results.locator("option")
    lab_page.page.wait_for_function(
        "s => s.options.length > 0 && Array.from(s.options).every(o => o.text.includes('郝建秀'))",
        arg=results.element_handle())
    labels = options.all_text_contents()
    assert labels and all("郝建秀" in label for label in labels), labels

    # Open the work method's card by clicking it in the list.
    wanted = options.filter(has_text="郝建秀工作法").first
    results.select_option(value=wanted.get_attribute("value"))
    card = view.locator(".kit-card").first
    card.locator("h3", has_text="郝建秀工作法").wait_for()
    assert_no_view_errors(lab_page, "opening 郝建秀工作法")
    heading = card.locator("h3").inner_text()
    assert "郝建秀工作法" in heading and PINYIN_WITH_TONES.search(heading), heading
    assert "Hao Jianxiu" in card.inner_text()
    kwic = card.locator(".kit-kwic tr")
    assert kwic.count() >= 1, "the card does not show where the term occurs in the articles"
    drawn = _lab.tofu_check(card.locator("h3 [lang='zh-Hans']").first)
    assert not drawn["tofu"] and drawn["distinct"] >= 4, drawn
    lab_page.element_screenshot(view, "journey-glossary-haojianxiu")

    # A related term opens with one click.
    related = view.locator(".widget-button", has_text="→").first
    if related.count():
        target = related.inner_text().split("→", 1)[1].split()[0]
        related.click()
        card.locator("h3", has_text=target).wait_for()
        assert_no_view_errors(lab_page, f"opening the related term {target}")
    assert_view_laid_out(view, "kit-glossary", "GlossaryView with a term's card open")


# ----------------------------------------------------------------------------- TimelineView

def test_timeline_slider_changes_the_plot(lab_page, lab_server):
    view = open_view(lab_page, lab_server, "timeline", "TimelineView()")
    image = view.locator("img.kit-timeline-chart").first
    image.wait_for()
    view.page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                                arg=image.element_handle())
    before_src, before_png = image.get_attribute("src"), image.screenshot()
    readout = view.locator(".widget-readout").first
    before_range = readout.inner_text()
    before_rows = view.locator(".kit-events tbody tr").count()
    lab_page.element_screenshot(view, "journey-timeline-before")

    # Move the lower handle of the year slider with the keyboard, as a student can:
    # PageUp moves it 5 years; the view redraws once per move.
    handle = view.locator(".noUi-handle-lower").first
    handle.focus()
    for _ in range(3):
        handle.press("PageUp")
    # The chart is an <img> inside an HTML widget, replaced on every redraw: look it up anew.
    view.page.wait_for_function(
        "([root, readout, src]) => { const img = root.querySelector('img.kit-timeline-chart');"
        " return readout.textContent.trim().startsWith('1950') && img !== null"
        " && img.alt.startsWith('Timeline chart, 1950')"
        " && img.getAttribute('src') !== src && img.complete && img.naturalWidth > 0; }",
        arg=[view.element_handle(), readout.element_handle(), before_src], timeout=30_000)
    lab_page.wait_kernel_idle()
    assert_no_view_errors(lab_page, "moving the year slider")

    assert readout.inner_text() != before_range
    assert image.screenshot() != before_png, "the plot looks the same after moving the slider"
    after_rows = view.locator(".kit-events tbody tr").count()
    assert after_rows < before_rows, (before_range, readout.inner_text(), before_rows, after_rows)
    lab_page.element_screenshot(view, "journey-timeline-after")
    assert_view_laid_out(view, "kit-timeline", "TimelineView's list of events")


# --------------------------------------------------------------------------------- QuizView

QUIZ_SET = """\
title: Journey check
questions:
  - id: meeting-date
    type: single
    prompt: When did the Northeast Federation of Trade Unions hold its cadre meeting?
    answers:
      - {answer: 20 July 1952, correct: true, feedback: Yes. The report opens with 七月二十日.}
      - {answer: 3 August 1952, correct: false, feedback: That is the day the report was printed.}
    hints: [Look for 七月 in the first sentence.]
    explanation: The report opens with the date of the meeting, 七月二十日 (20 July).
"""


def test_quiz_wrong_then_right_is_saved(lab_page, lab_server):
    set_path = lab_server.root / "journeys" / "journey_quiz.yaml"
    set_path.parent.mkdir(exist_ok=True)
    set_path.write_text(QUIZ_SET, encoding="utf-8")
    # A first use on this computer: no saved name (kit.progress keeps it in profile.json).
    (lab_server.progress_dir / "profile.json").unlink(missing_ok=True)
    view = open_view(lab_page, lab_server, "quiz", "QuizView('journey_quiz.yaml')")
    page = lab_page.page

    # First use on this computer: the quiz asks for the student's name once.
    name = view.get_by_role("textbox", name=re.compile(r"name", re.I))
    name.fill("Journey Student")
    name.press("Enter")
    view.get_by_text(re.compile(r"(saved as|Saved for) Journey Student")).wait_for()
    assert name.is_hidden(), "the name box is still shown after the name was given"

    def answer(choice: str):
        view.get_by_role("radio", name=choice, exact=True).check()
        before = view.locator(".kit-quiz-feedback").all_inner_texts()
        view.get_by_role("button", name="Check", exact=True).click()
        page.wait_for_function(
            "([el, before]) => { const f = el.querySelectorAll('.kit-quiz-feedback');"
            " return f.length && JSON.stringify(Array.from(f).map(x => x.innerText)) !== before; }",
            arg=[view.element_handle(), json.dumps(before)])
        lab_page.wait_kernel_idle()
        feedback = view.locator(".kit-quiz-feedback").last
        return feedback.get_attribute("class"), feedback.inner_text()

    css, wrong = answer("3 August 1952")
    assert "kit-quiz-wrong" in css and "✗" in wrong, wrong
    assert "printed" in wrong, f"the choice's own feedback is missing: {wrong}"
    hints = view.locator(".kit-quiz-hints")
    assert "七月" in hints.inner_text(), "the hint did not appear after a wrong answer"

    css, right = answer("20 July 1952")
    assert "kit-quiz-right" in css and "✓" in right, right
    assert_no_view_errors(lab_page, "answering the quiz")
    view.get_by_text(re.compile(r"Saved for Journey Student")).wait_for()
    lab_page.element_screenshot(view, "journey-quiz-wrong-then-right")

    progress = lab_server.progress_dir / "progress.jsonl"   # one JSON line per attempt
    assert progress.exists(), f"no progress file in KIT_PROGRESS_DIR ({lab_server.progress_dir})"
    records = [json.loads(line) for line in progress.read_text(encoding="utf-8").splitlines()[1:]]
    attempts = [a for a in records if a["question"] == "meeting-date" and "journey_quiz" in a["set"]]
    assert [a["correct"] for a in attempts] == [False, True], attempts
    assert [a["attempt"] for a in attempts] == [1, 2], attempts
    assert {a["student"] for a in attempts} == {"Journey Student"}, attempts
    assert [a["response"] for a in attempts] == ["3 August 1952", "20 July 1952"], attempts
    assert_view_laid_out(view, "kit-quiz", "QuizView")
