"""QuizView: driven like a student would, without a browser (set .value, click buttons)."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import ipywidgets as widgets
import pytest

import kit
from kit.exercises import (Feedback, check, list_sets, load_exercises, question_from_dict,
                           release_sets)
from kit.exercises.sealing import MIN_COST
from kit.progress import progress_frame, progress_summary, save_student
from kit.views.quiz import (QuestionState, QuizView, render_feedback_html, render_hints_html,
                            render_prompt_html, render_summary_html, score_summary)


def _sets_module():
    """The answers worked out in test_exercise_sets.py (tests are not a package here)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).with_name("test_exercise_sets.py")
    spec = importlib.util.spec_from_file_location("_kit_test_exercise_sets", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_SETS_MODULE = _sets_module()
CASES, SETS = _SETS_MODULE.CASES, _SETS_MODULE.SETS
right_response, wrong_response = _SETS_MODULE.right_response, _SETS_MODULE.wrong_response


@pytest.fixture(autouse=True)
def progress_folder(tmp_path, monkeypatch):
    folder = tmp_path / "progress"
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(folder))
    return folder


@pytest.fixture(scope="module")
def student_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    release_sets(kit.exercises.exercises_dir(), out, cost=MIN_COST)  # cheap hashes: logic only
    return out


def text_of(page: str) -> str:
    class P(HTMLParser):
        parts: list[str] = []

        def handle_data(self, data):
            self.parts.append(data)

    p = P()
    p.parts = []
    p.feed(page)
    return "".join(p.parts)


# -- pure functions -------------------------------------------------------------------------------
def test_feedback_says_it_in_words_and_symbols_not_colour():
    right = render_feedback_html(Feedback(True, "Right.", explanation="Because.", solution="A", done=True))
    shown = render_feedback_html(Feedback(False, "Not quite.", explanation="Because.", solution="A", done=True))
    assert "Answer: A" in text_of(shown) and "Answer" not in text_of(right)
    wrong = render_feedback_html(Feedback(False, "Not quite.", hint="Look <here>."), show_hint=True)
    almost = render_feedback_html(Feedback(False, "Almost: add the tones.", almost=True))
    assert "✓" in right and "Right." in text_of(right) and "Why: Because." in text_of(right)
    assert "✗" in wrong and "Hint: Look <here>." in text_of(wrong) and "&lt;here&gt;" in wrong
    assert "≈" in almost and "Almost" in text_of(almost)
    assert "Hint" not in render_feedback_html(Feedback(False, "No.", hint="h"))


def test_self_assessment_feedback_shows_model_answer_and_checklist():
    page = render_feedback_html(Feedback(None, "Compare.", solution="Model <b>", rubric=("Point 1",),
                                         needs_self_assessment=True))
    assert "✎" in page and "Model answer: Model <b>" in text_of(page) and "<li>Point 1</li>" in page


def test_prompt_shows_what_the_question_needs_escaped():
    q = question_from_dict({"id": "t", "type": "translation", "prompt": "Pick <one>.",
                            "source": "青年团<团>", "answers": [
                                {"answer": "a", "correct": True, "feedback": "x"},
                                {"answer": "b", "correct": False, "feedback": "y"}]})
    page = render_prompt_html(q, 2, 5)
    assert "Question 2 of 5" in page and "&lt;团&gt;" in page and "<团>" not in page
    assert 'lang="zh-Hans"' in page


def test_hints_are_numbered():
    assert "Hint 2: b" in text_of(render_hints_html(["a", "b"]))


def test_score_summary_counts_results():
    s = SETS["01_reading_the_report"]
    states = {s[0].id: QuestionState(attempts=1, result=True, first_try=True, done=True),
              s[1].id: QuestionState(attempts=3, result=True, done=True),
              s[2].id: QuestionState(attempts=2, result=False, done=True),
              s[3].id: QuestionState(attempts=1)}
    summary = score_summary(s.questions, states)
    checked = sum(q.type != "short_answer" for q in s)
    assert (summary["right"], summary["first_try"], summary["shown"], summary["total"],
            summary["checked"]) == (2, 1, 1, len(s), checked)
    assert summary["open"] == len(s) - 3
    statuses = [r["status"] for r in summary["rows"][:5]]
    assert statuses == ["right at the first try", "right after 3 tries", "answer shown",
                        "not finished", "not tried"]
    page = render_summary_html(summary, s.title)
    assert f"Your score: 2 of {checked} right" in text_of(page)


# -- the widget, question by question, as written and as a student copy ----------------------------
def panel_for(view, qid):
    return next(p for p in view.panels if p.question.id == qid)


_VIEWS: dict = {}


def view_for(name, form, student_dir):
    key = (name, form)
    if key not in _VIEWS:
        source = name if form == "instructor" else student_dir / f"{name}.yaml"
        _VIEWS[key] = QuizView(source, mode="all", student="Tester")
    return _VIEWS[key]


def answer(panel, response):
    """Do what a student does: set the controls, press Check (and mark a short answer)."""
    if panel.question.type == "short_answer":
        panel.input.set_response(response["text"])
        panel.check_button.click()
        assert panel.assess_row.layout.display == "flex"
        (panel.assess_yes if response["self_assessed"] else panel.assess_no).click()
    else:
        panel.input.set_response(response)
        panel.check_button.click()


@pytest.mark.parametrize("form", ["instructor", "student"])
@pytest.mark.parametrize("name, qid", CASES)
def test_every_question_through_the_widget(name, qid, form, student_dir, progress_folder):
    view = view_for(name, form, student_dir)
    assert view.exercise_set.released is (form == "student")
    panel = panel_for(view, qid)
    panel.retry_button.click()
    q = SETS[name][qid]
    answer(panel, wrong_response(q))
    wrong_text = text_of(panel.feedback.value)
    assert "✗" in panel.feedback.value and "not" in wrong_text.lower()
    if q.type != "short_answer":
        assert panel.state.attempts == 1 and not panel.state.done
        assert q.hints[0] in text_of(panel.hints_html.value), "a wrong attempt brings the first hint"
    panel.retry_button.click()
    assert panel.feedback.value == "" and panel.state.attempts == 1, "Retry keeps the count"
    hints_before = panel.hints_html.value
    answer(panel, right_response(q))
    assert "✓" in panel.feedback.value
    assert panel.state.result is True
    assert not panel.state.first_try or q.type == "short_answer"
    assert panel.hints_html.value == hints_before, "hints shown stay shown"
    assert panel.check_button.disabled, "a finished question waits for Retry"
    frame = progress_frame()
    assert frame["question"].tolist() == [qid, qid]
    assert frame["correct"].tolist() == [False, True]
    assert frame["attempt"].tolist() == [1, 2]
    assert set(frame["set"]) == {name} and set(frame["student"]) == {"Tester"}


# -- behaviour a student notices -------------------------------------------------------------------
def test_building_a_quiz_saves_nothing(progress_folder):
    for name in list_sets():
        QuizView(name)
    assert not progress_folder.exists()


def test_name_is_asked_once_and_earlier_answers_are_kept(progress_folder):
    view = QuizView("01_reading_the_report")
    assert view.name_row.layout.display != "none" and "Type your name" in text_of(view.status.value)
    panel = view.panels[0]
    panel.control.value = right_response(panel.question)
    panel.check_button.click()
    assert "not saved yet" in text_of(view.status.value) and not progress_folder.exists()
    view.name_box.value = "Li Wei"          # Enter in the name box
    assert view.name_row.layout.display == "none"
    assert progress_frame()["student"].tolist() == ["Li Wei"]
    again = QuizView("02_reading_the_commentary")
    assert again.student == "Li Wei" and again.name_row.layout.display == "none"


def test_enter_in_a_text_box_checks_the_answer(progress_folder):
    save_student("Li Wei")
    view = QuizView("03_vocabulary")
    panel = panel_for(view, "pinyin-cadre")
    panel.control.value = "ganbu"           # typing, then Enter (continuous_update=False)
    assert "≈" in panel.feedback.value and "add the tones" in panel.feedback.value
    panel.check_button.click()              # the same answer again is not a new attempt
    assert panel.state.attempts == 1
    panel.control.value = "gan4bu4"
    assert "✓" in panel.feedback.value and panel.state.attempts == 2
    assert progress_frame()["correct"].tolist() == [False, True]


def test_characters_typed_for_pinyin_are_explained_not_counted(progress_folder):
    view = QuizView("03_vocabulary", student="T")
    panel = panel_for(view, "pinyin-cadre")
    panel.control.value = "干部"             # the input method was still on
    assert "ⓘ" in panel.feedback.value and "Latin letters" in text_of(panel.feedback.value)
    assert panel.state.attempts == 0 and panel.hints_html.value == ""
    assert not progress_folder.exists()
    panel.control.value = "gan4bu4"
    assert "✓" in panel.feedback.value and panel.state.first_try


def test_hint_button_and_running_out_of_hints(progress_folder):
    view = QuizView("01_reading_the_report", student="T")
    panel = panel_for(view, "p2-methods")
    hints = panel.question.hints
    assert panel.hint_button.description == f"Hint ({len(hints)} left)"
    panel.hint_button.click()
    assert hints[0] in text_of(panel.hints_html.value) and hints[1] not in text_of(panel.hints_html.value)
    wrong = wrong_response(panel.question)
    for n in range(len(hints) + 1):
        panel.input.set_response(wrong if n % 2 == 0 else [panel.question.choices[-1]])
        panel.check_button.click()
    assert panel.state.done and panel.state.result is False
    page = text_of(panel.feedback.value)
    assert "Answer: the high-speed cutting method (高速切削法); the multi-tool" in page and "Why:" in page
    assert panel.hint_button.disabled and panel.check_button.disabled


def test_ordering_needs_distinct_places(progress_folder):
    view = QuizView("01_reading_the_report", student="T")
    panel = panel_for(view, "p3-points")
    for d in panel.input.dropdowns:
        d.value = 1
    panel.check_button.click()
    assert "different place" in text_of(panel.feedback.value) and panel.state.attempts == 0
    assert not progress_folder.exists()


def test_one_question_at_a_time_with_a_score_at_the_end(progress_folder):
    view = QuizView("02_reading_the_commentary", student="T")
    n = len(view.panels)
    assert view.body.children[0] is view.panels[0] and view.prev_button.disabled
    view.next_button.click()
    assert view.body.children[0] is view.panels[1] and "2 / " in view.position.value
    for _ in range(n):
        view.next_button.click()
    assert view.body.children[0] is view.summary and view.next_button.disabled
    checked = sum(p.question.type != "short_answer" for p in view.panels)
    assert f"Your score: 0 of {checked} right" in text_of(view.summary.value)
    view.prev_button.click()
    panel = next(p for p in reversed(view.panels) if p.question.type != "short_answer")
    answer(panel, right_response(panel.question))
    view.show(n)
    assert f"Your score: 1 of {checked} right" in text_of(view.summary.value)


def test_all_on_one_page_updates_the_summary(progress_folder):
    view = QuizView("05_language_of_the_campaign", mode="all", student="T")
    assert view.summary in view.body.children and len(view.body.children) == len(view.panels) + 1
    panel = view.panels[0]
    answer(panel, right_response(panel.question))
    assert "Your score: 1 of" in text_of(view.summary.value)


def test_errors_are_shown_in_the_view(progress_folder, monkeypatch):
    view = QuizView("01_reading_the_report", student="T")
    panel = view.panels[0]

    def broken(*args, **kwargs):
        raise kit.ProgressError("cannot save: the disk is full")

    monkeypatch.setattr("kit.progress.record_attempt", broken)
    panel.control.value = right_response(panel.question)
    panel.check_button.click()
    assert "✓" in panel.feedback.value
    assert "the disk is full" in text_of(view.status.value) and 'role="alert"' in view.status.value


def test_a_corrupt_progress_file_is_reported(progress_folder):
    progress_folder.mkdir()
    (progress_folder / "progress.jsonl").write_text("garbage", encoding="utf-8")
    view = QuizView("01_reading_the_report", student="T")
    panel = view.panels[0]
    panel.control.value = right_response(panel.question)
    panel.check_button.click()
    status = text_of(view.status.value)
    assert "could not be read" in status and "progress.jsonl.corrupt-" in status
    assert list(progress_folder.glob("progress.jsonl.corrupt-*"))


def test_bad_arguments_are_explained():
    with pytest.raises(kit.KitError, match="mode must be 'one'"):
        QuizView("01_reading_the_report", mode="many")
    with pytest.raises(kit.ExerciseError, match="no exercise set 'nope'"):
        QuizView("nope")


def test_controls_are_ordinary_focusable_widgets():
    view = QuizView("03_vocabulary", mode="all", student="T")
    kinds = {type(p.control) for p in view.panels}
    assert widgets.Text in kinds and widgets.VBox in kinds
    for p in view.panels:
        assert isinstance(p.check_button, widgets.Button) and p.check_button.description
    assert repr(view) == "<QuizView 03_vocabulary: 19 questions, mode 'all'>"
    assert "kit-quiz" in view._dom_classes, "the root carries the class the style sheet scopes to"
    assert ".kit-quiz .widget-radio-box label" in view.header.value, "long choices wrap"


def test_accepts_a_set_object_and_a_path():
    s = load_exercises("06_translation_workshop")
    assert QuizView(s).exercise_set is s
    assert len(QuizView(s.path).panels) == len(s)
    assert check(s[0], right_response(s[0])).correct


# -- Retry keeps the history (issue 12) --------------------------------------------------------------
def test_retry_numbers_every_attempt_and_the_score_is_honest(progress_folder):
    """exercises/01, question 1: wrong, Check, Retry, right, Check: two attempts, not a first try."""
    view = QuizView("01_reading_the_report", student="Li Wei")
    panel = view.panels[0]
    q = panel.question
    panel.control.value = wrong_response(q)
    panel.check_button.click()
    assert q.hints[0] in text_of(panel.hints_html.value)
    panel.retry_button.click()
    assert panel.control.value is None, "Retry clears the input"
    assert q.hints[0] in text_of(panel.hints_html.value), "the hint shown stays shown"
    panel.control.value = right_response(q)
    panel.check_button.click()
    frame = progress_frame()
    assert frame["attempt"].tolist() == [1, 2] and frame["correct"].tolist() == [False, True]
    assert frame["hints"].tolist() == [0, 1]
    row = progress_summary().iloc[0]
    assert (row["attempts"], bool(row["first_try"]), row["attempts_to_right"], row["hints"]) == (2, False, 2, 1)
    score = view.score()
    assert (score["right"], score["first_try"], score["hints"]) == (1, 0, 1)
    assert score["rows"][0]["status"] == "right after 2 tries"
    panel.retry_button.click()                      # right, then Retry and wrong: still right once
    panel.control.value = wrong_response(q)
    panel.check_button.click()
    assert progress_frame()["attempt"].tolist() == [1, 2, 3]
    assert view.score()["right"] == 1 and view.score()["first_try"] == 0
    page = text_of(view.summary.value)
    assert "Your score: 1 of" in page and "0 at the first try" in page and "1 hints used" in page


def test_retry_cannot_buy_a_first_try_nor_more_hints(progress_folder):
    view = QuizView("03_vocabulary", student="T")
    panel = panel_for(view, "pinyin-cadre")
    hints = panel.question.hints
    for _ in range(len(hints) + 1):                # wrong every time, Retry in between
        panel.control.value = "ma1ma1"
        panel.retry_button.click()
    assert panel.state.attempts == len(hints) + 1 and panel.state.result is False
    panel.control.value = "gan4bu4"
    assert "✓" in panel.feedback.value
    assert view.score()["rows"][[p.question.id for p in view.panels].index("pinyin-cadre")]["status"] == "answer shown"
    assert progress_frame()["attempt"].tolist() == list(range(1, len(hints) + 3))


def test_self_marked_short_answers_are_counted_apart(progress_folder):
    view = QuizView("01_reading_the_report", mode="all", student="T")
    panel = next(p for p in view.panels if p.question.type == "short_answer")
    answer(panel, {"text": "The workers' own voices.", "self_assessed": True})
    score = view.score()
    assert score["right"] == 0 and score["self_marked"] == 1
    assert "marked as covering it by you" in text_of(view.summary.value)
    assert "Short answers you marked as covering the model answer: 1 of" in text_of(view.summary.value)
    assert progress_frame()["self_assessed"].tolist() == [True]


def test_without_a_kernel_a_quiz_shows_its_prompts_and_no_answer():
    """The static copy of a quiz (GitHub, nbviewer, a notebook not yet run) lists the prompts,
    never a solution."""
    quiz = kit.views.QuizView(kit.load_exercises("01_reading_the_report"))
    bundle = quiz._repr_mimebundle_()
    assert bundle["text/plain"].startswith("QuizView: 01_reading_the_report, ")
    page = bundle["text/html"]
    for question in quiz.exercise_set:
        assert html.escape(question.prompt, quote=False).split("\n")[0][:30] in page
        if question.type == "cloze":
            assert f">{html.escape(question.solution)}<" not in page
