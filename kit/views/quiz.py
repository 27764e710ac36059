"""QuizView: practise an exercise set, one question at a time or all at once.

The logic lives in pure functions, tested without a browser: :func:`render_prompt_html`,
:func:`render_feedback_html`, :func:`render_hints_html`, :func:`score_summary` and
:func:`render_summary_html`; answers are checked by :func:`kit.exercises.check`.
The widget only wires controls to them and saves each attempt with
:func:`kit.progress.record_attempt`::

    quiz = kit.views.QuizView("01_reading_the_report")      # display it as a cell's last line
    panel = quiz.panels[0]
    panel.control.value = panel.question.choices[0]          # what a student's click does
    panel.check_button.click()
    panel.feedback.value                                     # the feedback HTML

Everything works with the keyboard alone: Tab moves between the controls, arrow keys
choose in a list of choices, Enter in a text box checks the answer, and Enter or Space
presses the focused button. Feedback always says in words and with a symbol
(✓ ✗ ≈ ✎) whether the answer is right, never by colour alone.

    >>> from kit.exercises import Feedback
    >>> html_text = render_feedback_html(Feedback(False, "Not quite.", hint="Look at <b>某</b>."),
    ...                                  show_hint=True)
    >>> "✗" in html_text and "&lt;b&gt;某&lt;/b&gt;" in html_text
    True
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any, Callable

import ipywidgets as widgets

from ..errors import KitError
from ._html import esc, style_block, zh_lang
from .. import exercises, progress
from ..classroom import hub_user, remote_checker
from .fallback import StaticFallback
from .quiz_inputs import INPUTS, zh_attr

ExerciseSet, Question, Feedback = exercises.ExerciseSet, exercises.Question, exercises.Feedback

__all__ = ["QuizView", "render_header_html", "render_prompt_html", "render_feedback_html",
           "render_hints_html", "score_summary", "render_summary_html", "QuestionState"]

_CRASH = "Something went wrong in the quiz ({}: {}). Please tell your instructor."


# ==========================================================================================
# Pure rendering functions
# ==========================================================================================
def render_header_html(exercise_set: ExerciseSet) -> str:
    """The quiz's title block (with the views' style sheet, which also styles the quiz's
    controls; included once per quiz).

    >>> from kit.exercises import ExerciseSet
    >>> "&lt;i&gt;" in render_header_html(ExerciseSet("A <i>set</i>", ()))
    True
    """
    lesson = (f'<p class="kit-meta">Practice for the lesson {esc(exercise_set.lesson)} · '
              f'{len(exercise_set)} questions</p>' if exercise_set.lesson
              else f'<p class="kit-meta">{len(exercise_set)} questions</p>')
    shown = {"exam": "answers are never shown", "practice": "after the last hint the answer is shown"}
    copy = (f'<p class="kit-notice">Student copy: typed answers are checked without being stored '
            f'in the file; {shown.get(exercise_set.mode, shown["practice"])}.</p>'
            if exercise_set.released else "")
    desc = f"<p>{esc(exercise_set.description)}</p>" if exercise_set.description else ""
    return (f'<div class="kit-view kit-quiz-header" lang="en">{style_block()}'
            f'<header class="kit-header"><h3>{esc(exercise_set.title)}</h3>{lesson}{desc}{copy}'
            f"</header></div>")


def render_prompt_html(question: Question, number: int | None = None, total: int | None = None) -> str:
    """A question's prompt with what the student needs to answer it (sentence, term, source).

    >>> from kit.exercises import question_from_dict
    >>> q = question_from_dict({"id": "c", "type": "cloze", "prompt": "Fill <it>.",
    ...                         "sentence": "各产业工会____大会", "answer": "干部"})
    >>> page = render_prompt_html(q, 1, 3)
    >>> "Question 1 of 3" in page, "Fill &lt;it&gt;." in page, "干部" in page
    (True, True, False)
    """
    where = f"Question {number} of {total} · " if number is not None and total else ""
    kind = exercises.TYPES.get(question.type, question.type)
    parts = [f'<p class="kit-meta">{esc(where)}{esc(kind)}</p>',
             f"<p><strong>{esc(question.prompt)}</strong></p>"]
    if question.type == "translation" and question.source:
        parts.append(f'<p class="kit-quiz-source"{zh_attr(question.source)}>{esc(question.source)}</p>')
    if question.type == "cloze":
        pieces = exercises.BLANK_RE.split(question.sentence)
        blank = '<span class="kit-quiz-blank" role="img" aria-label="blank">＿＿＿＿</span>'
        sentence = blank.join(esc(p) for p in pieces)
        lang = zh_lang() if question.lang == "zh" else "en"
        parts.append(f'<p class="kit-quiz-sentence" lang="{lang}">{sentence}</p>')
    if question.type == "pinyin":
        parts.append(f'<p class="kit-quiz-term" lang="{zh_lang()}" style="font-size:1.6em">'
                     f"{esc(question.term)}</p>")
        if question.context:
            parts.append(f'<p class="kit-meta">In context: <span lang="{zh_lang()}">'
                         f"{esc(question.context)}</span></p>")
    if question.type == "matching":
        parts.append('<p class="kit-meta">Choose a meaning for each term.</p>')
    if question.type == "ordering":
        parts.append('<p class="kit-meta">Give each item its place: 1 for the first.</p>')
    return f'<div class="kit-view kit-quiz-prompt" lang="en">{"".join(parts)}</div>'


def _status(feedback: Feedback) -> tuple[str, str]:
    if feedback.empty:
        return "ⓘ", "kit-quiz-info"
    if feedback.needs_self_assessment:
        return "✎", "kit-quiz-self"
    if feedback.correct:
        return "✓", "kit-quiz-right"
    if feedback.almost:
        return "≈", "kit-quiz-almost"
    return "✗", "kit-quiz-wrong"


def render_feedback_html(feedback: Feedback | None, show_hint: bool = False) -> str:
    """Feedback as HTML: a symbol and words first, then hint, answer, checklist, explanation.

    Args:
        feedback: from :func:`kit.exercises.check`, or None (nothing checked yet: "").
        show_hint: include ``feedback.hint`` (the QuizView shows hints in their own list).

    >>> from kit.exercises import Feedback
    >>> page = render_feedback_html(Feedback(True, "Right.", explanation="七月 is July.", done=True))
    >>> "✓" in page and "Right." in page and "七月 is July." in page
    True
    >>> render_feedback_html(None)
    ''
    """
    if feedback is None:
        return ""
    symbol, css = _status(feedback)
    parts = [f'<p><strong aria-hidden="true">{symbol}</strong> {esc(feedback.message)}</p>']
    if show_hint and feedback.hint:
        parts.append(f"<p><strong>Hint:</strong> {esc(feedback.hint)}</p>")
    shown = feedback.needs_self_assessment or feedback.rubric or (feedback.done and not feedback.correct)
    if feedback.solution and shown:
        label = "Model answer" if feedback.rubric or feedback.needs_self_assessment else "Answer"
        parts.append(f"<p><strong>{label}:</strong> <span{zh_attr(feedback.solution)}>"
                     f"{esc(feedback.solution)}</span></p>")
    if feedback.rubric:
        items = "".join(f"<li>{esc(r)}</li>" for r in feedback.rubric)
        parts.append(f"<p><strong>Checklist:</strong></p><ul>{items}</ul>")
    if feedback.explanation:
        parts.append(f"<p><strong>Why:</strong> {esc(feedback.explanation)}</p>")
    return (f'<div class="kit-view kit-quiz-feedback {css}" role="status" lang="en" '
            f'style="border-left: 6px solid var(--kit-border); padding-left: 0.6em">{"".join(parts)}</div>')


def render_hints_html(hints) -> str:
    """The hints shown so far, numbered.

    >>> render_hints_html(["Read <b>paragraph 1</b>."])
    '<div class="kit-view kit-quiz-hints" lang="en"><p><strong>Hint 1:</strong> Read &lt;b&gt;paragraph 1&lt;/b&gt;.</p></div>'
    >>> render_hints_html([])
    ''
    """
    if not hints:
        return ""
    items = "".join(f"<p><strong>Hint {i}:</strong> {esc(h)}</p>" for i, h in enumerate(hints, 1))
    return f'<div class="kit-view kit-quiz-hints" lang="en">{items}</div>'


@dataclass
class QuestionState:
    """What a student has done with one question so far: a history Retry never rewrites."""

    attempts: int = 0            # every checked attempt; Retry clears the input, not the count
    hints_shown: int = 0         # hints shown so far; they stay shown after Retry
    result: bool | None = None   # True once right; False once the answer was shown first
    first_try: bool = False      # right at the very first attempt
    done: bool = False           # this round is over: Check waits for Retry
    last_response: Any = None
    feedback: Feedback | None = None
    attempts_to_right: int | None = None  # the attempt that was first right
    self_assessed: bool = False  # the result is the student's own mark (short answer)


def _status_of(st: QuestionState) -> str:
    if st.self_assessed and st.result is not None:
        return "marked as covering it by you" if st.result else "marked not there yet by you"
    if st.result is True:
        return ("right at the first try" if st.first_try
                else f"right after {st.attempts_to_right or st.attempts} tries")
    if st.result is False or st.done:
        return "answer shown"
    return "not finished" if st.attempts else "not tried"


def score_summary(questions, states: dict) -> dict:
    """Count the results: right (checked by the kit), right at the first try, shown after the
    hints, hints used, short answers marked by the student, not yet done.

    >>> from kit.exercises import question_from_dict
    >>> qs = [question_from_dict({"id": i, "type": "true_false", "prompt": "?", "answer": True})
    ...       for i in ("a", "b", "c")]
    >>> s = score_summary(qs, {"a": QuestionState(1, 0, True, True, True),
    ...                        "b": QuestionState(2, 1, False, False, True)})
    >>> s["right"], s["first_try"], s["shown"], s["open"], s["total"], s["hints"]
    (1, 1, 1, 1, 3, 1)
    """
    rows = []
    for number, q in enumerate(questions, 1):
        st = states.get(q.id) or QuestionState()
        rows.append({"number": number, "id": q.id, "type": q.type, "prompt": q.prompt,
                     "result": st.result, "attempts": st.attempts, "hints": st.hints_shown,
                     "attempts_to_right": st.attempts_to_right, "first_try": st.first_try,
                     "self_assessed": st.self_assessed, "status": _status_of(st)})
    checked = [r for r in rows if r["type"] != "short_answer"]
    marked = [r for r in rows if r["type"] == "short_answer"]
    return {"total": len(rows), "checked": len(checked),
            "right": sum(r["result"] is True for r in checked),
            "first_try": sum(r["result"] is True and r["first_try"] for r in checked),
            "shown": sum(r["status"] == "answer shown" for r in checked),
            "open": sum(r["status"] in ("not tried", "not finished") for r in rows),
            "hints": sum(r["hints"] for r in rows),
            "self_marked": sum(r["result"] is True for r in marked), "self_total": len(marked),
            "rows": rows}


_PROMPT_CHARS = 90  # a prompt longer than this is cut in the summary table


def render_summary_html(summary: dict, title: str = "") -> str:
    """The score at the end: totals in words, then one row per question.

    >>> page = render_summary_html({"total": 2, "right": 1, "first_try": 1, "shown": 0, "open": 1,
    ...     "rows": [{"number": 1, "prompt": "A <b>", "status": "right at the first try", "result": True},
    ...              {"number": 2, "prompt": "B", "status": "not tried", "result": None}]})
    >>> "1 of 2 right" in page and "&lt;b&gt;" in page
    True
    """
    symbols = {True: "✓", False: "✗", None: "·"}
    checked = summary.get("checked", summary["total"])
    marked = (f" Short answers you marked as covering the model answer: {summary['self_marked']} of "
              f"{summary['self_total']}." if summary.get("self_total") else "")
    head = (f"<p><strong>Your score: {summary['right']} of {checked} right</strong> "
            f"({summary['first_try']} at the first try; {summary['shown']} shown after the hints; "
            f"{summary.get('hints', 0)} hints used; {summary['open']} still open).{esc(marked)}</p>")
    rows = "".join(
        f"<tr><td>{r['number']}</td><td>{symbols.get(r['result'], '·')} {esc(r['status'])}</td>"
        f"<td{zh_attr(r['prompt'])}>{esc(r['prompt'][:_PROMPT_CHARS] + ('…' if len(r['prompt']) > _PROMPT_CHARS else ''))}</td></tr>"
        for r in summary["rows"])
    caption = f"<caption>{esc(title)}</caption>" if title else ""
    table = (f'<table class="kit-table">{caption}<thead><tr><th>#</th><th>Result</th>'
             "<th>Question</th></tr></thead>"
             f"<tbody>{rows}</tbody></table>")
    return f'<div class="kit-view kit-quiz-summary" lang="en" role="status">{head}{table}</div>'


def _guarded(fn: Callable, show: Callable[[str], None]) -> Callable:
    """``fn`` as a widget callback: an error is shown with ``show(message)``, never lost."""
    def handler(*args):
        try:
            fn(*args)
        except KitError as err:
            show(str(err))
        except Exception as err:  # noqa: BLE001 - a callback must never fail silently
            show(_CRASH.format(type(err).__name__, err))
    return handler


# ==========================================================================================
# ==========================================================================================
# One question
# ==========================================================================================
class QuestionPanel(widgets.VBox):
    """One question: prompt, answer controls, Check / Hint / Retry, hints and feedback.

    ``on_attempt(question, response, feedback, attempt, hints=n)`` is called after every
    checked attempt (a short answer: after the student marks it).
    """

    def __init__(self, question: Question, number: int = 1, total: int = 1,
                 on_attempt: Callable | None = None, checker: Callable | None = None):
        self.question = question
        self.state = QuestionState()
        self._on_attempt = on_attempt
        self._checker = checker or exercises.check   # in a hub: the classroom service
        self.prompt = widgets.HTML(render_prompt_html(question, number, total))
        self.input = INPUTS[question.type](question, self._guard(self._check))
        self.control = self.input.control
        is_short = question.type == "short_answer"
        self.check_button = widgets.Button(
            description="Compare with the model answer" if is_short else "Check",
            button_style="primary", tooltip="Check your answer (Enter in a text box does it too)",
            layout=widgets.Layout(width="auto"))
        self.hint_button = widgets.Button(description="Hint", tooltip="Show the next hint",
                                          layout=widgets.Layout(width="auto"))
        self.retry_button = widgets.Button(description="Retry", tooltip="Clear and answer again",
                                           layout=widgets.Layout(width="auto"))
        self.assess_yes = widgets.Button(description="✓ My answer covers it",
                                         layout=widgets.Layout(width="auto"))
        self.assess_no = widgets.Button(description="✗ Not yet", layout=widgets.Layout(width="auto"))
        self.assess_row = widgets.HBox([widgets.HTML("<span>Mark your answer:</span>"),
                                        self.assess_yes, self.assess_no],
                                       layout=widgets.Layout(display="none"))
        self.hints_html = widgets.HTML("")
        self.feedback = widgets.HTML("")
        self.check_button.on_click(self._guard(self._check))
        self.hint_button.on_click(self._guard(self._hint))
        self.retry_button.on_click(self._guard(self._retry))
        self.assess_yes.on_click(self._guard(lambda _=None: self._assess(True)))
        self.assess_no.on_click(self._guard(lambda _=None: self._assess(False)))
        buttons = widgets.HBox([self.check_button, self.hint_button, self.retry_button])
        super().__init__([self.prompt, self.input.widget, buttons, self.assess_row,
                          self.hints_html, self.feedback],
                         layout=widgets.Layout(padding="0.4em 0 0.8em 0"))
        self.add_class("kit-quiz-question")
        self._refresh_buttons()

    # -- callbacks -------------------------------------------------------------------------
    def _guard(self, fn: Callable) -> Callable:
        return _guarded(fn, self._inform)

    def _inform(self, message: str) -> None:
        """Show a message that is not a checked answer (ⓘ, not counted)."""
        notice = exercises.Feedback(None, message, empty=True)
        self.feedback.value = render_feedback_html(notice)

    def _check(self, _=None):
        st = self.state
        if st.done:
            return
        response = self.input.response()  # an InputProblem is shown by the guard, not counted
        if st.feedback is not None and response == st.last_response and not st.feedback.empty:
            return  # the same answer again (e.g. Enter, then the Check button): not a new attempt
        number = max(st.attempts, st.hints_shown) + 1
        fb = self._checker(self.question, response, attempt=number)
        st.last_response = response
        st.feedback = fb
        if fb.empty or fb.needs_self_assessment:
            self.feedback.value = render_feedback_html(fb)
            if fb.needs_self_assessment:
                self.assess_row.layout.display = "flex"
            self._refresh_buttons()
            return
        self._record(response, fb, number)

    def _assess(self, covers: bool):
        st = self.state
        if st.done:
            return
        response = {"text": self.input.response(), "self_assessed": covers}
        fb = self._checker(self.question, response, attempt=st.attempts + 1)
        if fb.empty:
            self.feedback.value = render_feedback_html(fb)
            return
        st.feedback = fb
        self.assess_row.layout.display = "none"
        self._record(response, fb, st.attempts + 1, self_assessed=True)

    def _record(self, response, fb: Feedback, hint_number: int, self_assessed: bool = False):
        """Add one attempt to the history (never rewritten) and show its feedback."""
        st = self.state
        hints_seen = st.hints_shown
        st.attempts += 1
        if self_assessed:      # the student's latest mark is the result
            st.self_assessed, st.result = True, fb.correct
        elif fb.correct and st.result is None:
            st.result, st.first_try, st.attempts_to_right = True, st.attempts == 1, st.attempts
        if fb.done:
            st.done = True
            if not fb.correct and st.result is None:
                st.result = False   # the answer was shown before it was found
        if fb.hint is not None:  # check() gave hint number `hint_number`
            st.hints_shown = max(st.hints_shown, hint_number)
        self.hints_html.value = render_hints_html(self.question.hints[:st.hints_shown])
        self.feedback.value = render_feedback_html(fb)
        self._refresh_buttons()
        if self._on_attempt is not None:
            self._on_attempt(self.question, response, fb, st.attempts, hints=hints_seen)

    def _hint(self, _=None):
        st = self.state
        if st.hints_shown < len(self.question.hints):
            st.hints_shown += 1
        self.hints_html.value = render_hints_html(self.question.hints[:st.hints_shown])
        self._refresh_buttons()

    def _retry(self, _=None):
        """Answer again: the input and the feedback are cleared; the attempt count, the result
        and the hints already shown are kept."""
        st = self.state
        st.done, st.last_response, st.feedback = False, None, None
        self.input.clear()
        self.feedback.value = ""
        self.assess_row.layout.display = "none"
        self._refresh_buttons()

    def _refresh_buttons(self):
        st = self.state
        left = len(self.question.hints) - st.hints_shown
        self.hint_button.description = f"Hint ({left} left)" if left else "No more hints"
        self.hint_button.disabled = left <= 0 or st.done
        self.check_button.disabled = st.done
        self.input.disable(st.done)
        self.retry_button.disabled = st.attempts == 0 and st.feedback is None


# ==========================================================================================
# The view
# ==========================================================================================
class QuizView(StaticFallback, widgets.VBox):
    """Practise an exercise set: immediate feedback, hints, retry, a score at the end.

    Args:
        set_or_path: an :class:`~kit.exercises.ExerciseSet`, a file, or a set name such
            as ``"01_reading_the_report"``.
        mode: ``"one"`` (one question at a time, Previous / Next) or ``"all"``.
        student: the name to save attempts under; by default the name stored on this
            computer, asked for once when there is none.

    Every checked attempt is saved with :func:`kit.progress.record_attempt`; nothing is
    written until the student checks an answer.
    """

    def __init__(self, set_or_path: ExerciseSet | str, mode: str = "one", student: str | None = None):
        if mode not in ("one", "all"):
            raise KitError(f"mode must be 'one' (a question at a time) or 'all', not {mode!r}")
        self.exercise_set = (set_or_path if isinstance(set_or_path, exercises.ExerciseSet)
                             else exercises.load_exercises(set_or_path))
        if not len(self.exercise_set):
            raise KitError(f"the set '{self.exercise_set.name}' has no questions")
        self.mode = mode
        self.remote = remote_checker()   # None outside a JupyterHub session: checked here
        self.student = (student or "").strip() or hub_user() or progress.load_student()
        self._pending: list[dict] = []
        total = len(self.exercise_set)
        self.header = widgets.HTML(render_header_html(self.exercise_set))
        self.status = widgets.HTML("")
        self.name_box = widgets.Text(value="", placeholder="your name, then Enter",
                                     description="Your name:", continuous_update=False)
        self.name_button = widgets.Button(description="Save my name", layout=widgets.Layout(width="auto"))
        self.name_row = widgets.HBox([self.name_box, self.name_button])
        self.name_box.observe(self._guard(lambda change: self._save_name()), names="value")
        self.name_button.on_click(self._guard(lambda _=None: self._save_name()))
        if self.student:
            self.name_row.layout.display = "none"
            self.status.value = self._notice(f"Your answers are saved as {self.student}.")
        else:
            self.status.value = self._notice(
                "Type your name above so your answers are saved for your instructor "
                "(asked once on this computer).")
        checker = self.remote and self.remote.checker_for(self.exercise_set.name)
        self.panels = [QuestionPanel(q, i, total, on_attempt=self._on_attempt, checker=checker)
                       for i, q in enumerate(self.exercise_set, 1)]
        self.summary = widgets.HTML("")
        self.prev_button = widgets.Button(description="◀ Previous", layout=widgets.Layout(width="auto"))
        self.next_button = widgets.Button(description="Next ▶", layout=widgets.Layout(width="auto"))
        self.position = widgets.HTML("")
        self.prev_button.on_click(self._guard(lambda _=None: self.show(self.current - 1)))
        self.next_button.on_click(self._guard(lambda _=None: self.show(self.current + 1)))
        self.nav = widgets.HBox([self.prev_button, self.position, self.next_button])
        self.body = widgets.VBox([])
        self.current = 0
        super().__init__([self.header, self.name_row, self.status, self.body])
        self.add_class("kit-quiz")
        if mode == "all":
            self.body.children = [*self.panels, self.summary]
            self._update_summary()
        else:
            self.show(0)

    def __repr__(self) -> str:
        return (f"<QuizView {self.exercise_set.name}: {len(self.exercise_set)} questions, "
                f"mode '{self.mode}'>")

    def static_summary(self) -> str:
        return f"{self.exercise_set.name}, {len(self.exercise_set)} questions"

    def static_html(self) -> str:
        """The set's title and every question's prompt (never an answer), for a notebook seen
        without a kernel."""
        total = len(self.exercise_set)
        prompts = "".join(render_prompt_html(q, i, total)
                          for i, q in enumerate(self.exercise_set, 1))
        return self.header.value + f'<div class="kit-view kit-quiz-static">{prompts}</div>'

    # -- navigation ------------------------------------------------------------------------
    def show(self, index: int) -> None:
        """Show question ``index`` (0-based); ``len(set)`` shows the score summary."""
        total = len(self.panels)
        index = max(0, min(index, total))
        self.current = index
        if index == total:
            self._update_summary()
            self.body.children = [self.summary, self.nav]
            self.position.value = '<span class="kit-meta">Your score</span>'
        else:
            self.body.children = [self.panels[index], self.nav]
            self.position.value = f'<span class="kit-meta">{index + 1} / {total}</span>'
        self.prev_button.disabled = index == 0
        self.next_button.disabled = index == total
        self.next_button.description = "See your score ▶" if index == total - 1 else "Next ▶"

    @property
    def states(self) -> dict:
        return {p.question.id: p.state for p in self.panels}

    def score(self) -> dict:
        """The current :func:`score_summary`."""
        return score_summary(self.exercise_set.questions, self.states)

    # -- saving ----------------------------------------------------------------------------
    def _guard(self, fn: Callable) -> Callable:
        return _guarded(fn, self._alert)

    def _alert(self, message: str) -> None:
        self.status.value = self._notice(message, error=True)

    @staticmethod
    def _notice(text: str, error: bool = False) -> str:
        css = "kit-error" if error else "kit-notice"
        role = ' role="alert"' if error else ""
        return f'<div class="kit-view" lang="en"><p class="{css}"{role}>{esc(text)}</p></div>'

    def _on_attempt(self, question: Question, response, feedback: Feedback, attempt: int,
                    hints: int = 0):
        record = {"set_name": self.exercise_set.name, "question": question.id,
                  "qtype": question.type, "correct": feedback.correct, "response": response,
                  "attempt": attempt, "hints": hints}
        self._pending.append(record)
        self._update_summary()
        try:
            self._flush()
        except KitError as err:
            self._alert(str(err))

    def _flush(self):

        if not self.student:
            n = len(self._pending)
            self.status.value = self._notice(
                f"{n} answer{'s' if n != 1 else ''} not saved yet: type your name above to save.")
            return
        notes = []
        while self._pending:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", progress.ProgressWarning)
                progress.record_attempt(self.student, **self._pending[0])
            self._pending.pop(0)
            notes += [str(w.message) for w in caught if issubclass(w.category, progress.ProgressWarning)]
        if notes:
            self._alert(" ".join(notes))
        else:
            self.status.value = self._notice(f"Saved for {self.student}.")

    def _save_name(self):

        name = self.name_box.value.strip()
        if not name:
            return
        self.student = progress.save_student(name)
        self.name_row.layout.display = "none"
        self.status.value = self._notice(f"Your answers are saved as {self.student}.")
        self._flush()

    def _update_summary(self):
        self.summary.value = render_summary_html(self.score(), self.exercise_set.title)

