"""Exercise sets: written as YAML by instructors, checked here, practised in a QuizView.

A set is a YAML file in ``exercises/``, one per lesson::

    title: Reading the report
    lesson: notebooks/01_reading_the_report.ipynb
    article: 000_7ca6473d3635779a
    questions:
      - id: when
        type: single
        prompt: When did the meeting take place?
        answers:
          - {answer: 20 July 1952, correct: true, feedback: Yes, the first sentence says 七月二十日.}
          - {answer: 3 August 1952, correct: false, feedback: That is when the report was printed.}
        hints: [Look for 七月 in the first paragraph.]
        explanation: The report opens with the date of the meeting, 七月二十日.

At the top: ``title``, ``lesson`` (the notebook it follows), ``article`` (an id or a
list), ``description``, ``questions``. Every question has ``id`` (unique in the set),
``type``, ``prompt``, ``hints`` (a list, shown one at a time after wrong attempts) and
``explanation`` (shown once answered), plus the fields of its type:

=============  ==============================================================================
type           fields
=============  ==============================================================================
single         ``answers``: list of {answer, correct, feedback}, exactly one correct; or
               ``choices`` (list) and ``answer`` (one of them)
multiple       the same, one or more correct (``answer`` may be a list)
translation    ``source`` (the Chinese) and ``answers`` with a ``feedback`` (why) for each
true_false     ``answer: true|false``; optional ``feedback: {true: ..., false: ...}``
cloze          ``sentence`` with ``____`` for the blank, ``answer``, ``accept`` (variants),
               ``lang`` (zh|en, guessed when left out). Full-width/half-width, spaces, case
               and punctuation at the ends do not matter
pinyin         ``term``, ``answer`` with tone marks, ``accept``, ``context``. Students may type
               marks or numbers; ü as v or u:; an answer without tones is "almost"
matching       ``pairs``: [[term, meaning], ...] or [{zh: ..., en: ...}, ...]
ordering       ``items`` in the right order (shown scrambled)
short_answer   ``model_answer`` and ``rubric`` (a checklist); the student marks their own answer
=============  ==============================================================================

Every question goes through one pure function, :func:`check`, which returns a
:class:`Feedback`:

    >>> q = question_from_dict({"id": "term", "type": "pinyin", "prompt": "Type the pinyin of 干部.",
    ...                         "term": "干部", "answer": "gànbù", "hints": ["Both tones fall."]})
    >>> check(q, "gan4bu4").correct
    True
    >>> fb = check(q, "ganbu")
    >>> fb.correct, fb.almost, fb.message
    (False, True, 'Almost: add the tones (tone marks like nǐ or tone numbers like ni3 both work).')
    >>> fb.hint
    'Both tones fall.'

Student copies (:func:`release_sets`) keep the prompts and choices but store the answers
of auto-checked questions only as salted SHA-256 hashes, so :func:`check` still works
and gives the same feedback, while the file does not show the answer key. The hints,
explanations, per-choice feedback and the worked answer (shown after the last hint) are
stored *sealed*: XOR-ed with a key derived from the set's salt and base64-encoded. That
is not encryption (anyone with this module can unseal them); it only keeps them from
being read at a glance or found by searching the file for an answer.
"""

from __future__ import annotations

import base64
import difflib
import functools
import hashlib
import html
import json
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from ._data import display_path, exercises_dir
from .errors import ExerciseError, KitError
from .language import _has_han
from .progress import progress_frame  # re-exported: ``python -m kit progress`` uses it

__all__ = [
    "TYPES", "ExerciseSet", "Question", "Feedback", "AnswerKey",
    "load_exercises", "list_sets", "question_from_dict", "check",
    "normalise", "pinyin_parts",
    "release_sets", "release_set", "generate_cloze", "progress_frame",
]

#: Question types and what a student does in each.
TYPES = {
    "single": "choose the one right answer",
    "multiple": "tick every right answer",
    "true_false": "say whether a statement is true",
    "matching": "match each term with its meaning",
    "cloze": "fill the blank in a sentence",
    "pinyin": "type the pinyin of a term",
    "ordering": "put items in order",
    "translation": "choose the English rendering that fits the Chinese",
    "short_answer": "write an answer, then compare it with a model answer",
}
AUTO_CHECKED = frozenset(TYPES) - {"short_answer"}
TRUE_FALSE = ("True", "False")

_COMMON = {"id", "type", "prompt", "hints", "explanation"}
_FIELDS = {
    "single": {"answers", "choices", "answer"},
    "multiple": {"answers", "choices", "answer"},
    "translation": {"answers", "choices", "answer", "source"},
    "true_false": {"answer", "feedback"},
    "cloze": {"sentence", "answer", "accept", "lang"},
    "pinyin": {"term", "answer", "accept", "context"},
    "matching": {"pairs"},
    "ordering": {"items"},
    "short_answer": {"model_answer", "rubric"},
}
#: Fields a student copy keeps in plain text, per type (besides id, type, prompt).
_PUBLIC = {
    "single": ("choices",), "multiple": ("choices",), "translation": ("source", "choices"),
    "true_false": (), "cloze": ("sentence", "lang"), "pinyin": ("term", "context"),
    "matching": ("left", "right"), "ordering": ("items",), "short_answer": (),
}
_SET_KEYS = {"title", "lesson", "article", "description", "questions"}
_RELEASED_SET_KEYS = _SET_KEYS | {"released", "salt"}
BLANK_RE = re.compile(r"_{3,}")


# ==========================================================================================
# Normalising answers
# ==========================================================================================
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "＇": "'"})
_EDGE_PUNCT = " \t\n.,;:!?\"'()[]。，、；：！？「」『』《》（）"


def normalise(text: Any, lang: str | None = None) -> str:
    """An answer in the form used for comparing: what students may type differently is evened out.

    Full-width letters, digits and spaces become half-width (NFKC), letters are
    case-folded, curly quotes become straight, punctuation at either end is dropped,
    and whitespace is removed in Chinese (``lang="zh"``, or any text with Chinese
    characters) or collapsed to one space otherwise.

    >>> normalise("  Advanced   Techniques. ")
    'advanced techniques'
    >>> normalise("干 部。"), normalise("ＣＡＤＲＥ")
    ('干部', 'cadre')
    """
    s = unicodedata.normalize("NFKC", str(text)).translate(_QUOTES).casefold()
    if lang == "zh" or (lang is None and _has_han(s)):
        s = re.sub(r"\s+", "", s)
    else:
        s = re.sub(r"\s+", " ", s)
    return s.strip(_EDGE_PUNCT)


def _find(texts: Sequence[str], value: Any) -> str | None:
    """The text of ``texts`` that ``value`` names once both are normalised, or None."""
    n = normalise(value)
    return next((t for t in texts if normalise(t) == n), None)


def _first_duplicate(texts: Sequence[str]) -> str | None:
    """The first text that occurs twice once normalised (None when all differ)."""
    seen: set[str] = set()
    for t in texts:
        if normalise(t) in seen:
            return t
        seen.add(normalise(t))
    return None


_PINYIN_SKIP = set(" \t'’‘-·")


def pinyin_parts(text: str) -> tuple[str, str, bool]:
    """Split typed pinyin into (letters, tones, clean).

    ``letters`` are lower case without separators, ü written ``v`` (after j, q, x
    and y it is written ``u``, as in standard spelling); ``tones`` are the tone
    numbers in order (neutral tone, 5 or 0, left out); ``clean`` is False when the
    text held anything that is not pinyin.

    >>> pinyin_parts("chǎngzhǎng"), pinyin_parts("Chang3 zhang3")
    (('changzhang', '33', True), ('changzhang', '33', True))
    >>> pinyin_parts("gùlǜ"), pinyin_parts("gu4lv4"), pinyin_parts("gu4lu:4")
    (('gulv', '44', True), ('gulv', '44', True), ('gulv', '44', True))
    >>> pinyin_parts("厂长")
    ('', '', False)
    """
    from .language import _TONE_MARKS  # "ǎ" -> ("a", 3): the kit's one table of tone marks

    typed = unicodedata.normalize("NFKC", str(text)).casefold().replace("u:", "ü")
    letters: list[str] = []
    tones: list[str] = []
    clean = True
    for ch in unicodedata.normalize("NFC", typed):   # a separately typed mark joins its letter
        base, tone = _TONE_MARKS.get(ch, (ch, None))
        if tone is not None:
            tones.append(str(tone))
        if base == "ü":
            letters.append("v")
        elif base in "1234":
            tones.append(base)
        elif base in "05" or base in _PINYIN_SKIP:
            continue
        elif "a" <= base <= "z":
            letters.append(base)
        else:
            clean = False
    joined = re.sub(r"(?<=[jqxy])v", "u", "".join(letters))
    return joined, "".join(tones), clean


def _loose(letters: str) -> str:
    return letters.replace("v", "u")


# ==========================================================================================
# Data classes
# ==========================================================================================
@dataclass(frozen=True)
class AnswerKey:
    """What counts as right, by *kind* of facet: in plain text, or as salted hashes.

    ``salt`` is None in an instructor's set (facets are normalised answers) and the
    set's salt in a student copy (facets are SHA-256 hex digests).
    """

    facets: tuple[tuple[str, frozenset], ...] = ()
    salt: str | None = None

    def _get(self, kind: str) -> frozenset:
        for k, values in self.facets:
            if k == kind:
                return values
        return frozenset()

    def has(self, qid: str, kind: str, facet: str) -> bool:
        """Whether ``facet`` (already normalised) is among the right ones of ``kind``."""
        values = self._get(kind)
        if self.salt is None:
            return facet in values
        return _digest(self.salt, qid, kind, facet) in values

    def count(self, kind: str) -> int:
        """How many right facets of ``kind`` there are (e.g. the number of pairs)."""
        return len(self._get(kind))

    def hashed(self, qid: str, salt: str) -> "AnswerKey":
        """The same key as salted hashes (for a student copy)."""
        if self.salt is not None:
            return self
        return AnswerKey(tuple((k, frozenset(_digest(salt, qid, k, f) for f in v))
                               for k, v in self.facets), salt)

    def as_data(self) -> dict:
        return {k: sorted(v) for k, v in self.facets}


@dataclass(frozen=True)
class Question:
    """One question, the same object whether it came from an instructor's set or a student copy.

    Public fields (shown to the student): ``id``, ``type``, ``prompt``, ``choices``
    (choice questions; ``("True", "False")`` for true_false), ``source`` (the Chinese
    of a translation question), ``sentence`` and ``lang`` (cloze, the blank written
    ``____``), ``term`` and ``context`` (pinyin), ``left`` and ``right`` (matching,
    right in display order), ``items`` (ordering, in display order).
    Shown after answering: ``hints``, ``explanation``, ``feedback`` (per choice),
    ``solution`` (the right answer in words; the model answer of a short answer) and
    ``rubric``. The ``key`` decides what is right.
    """

    id: str
    type: str
    prompt: str
    key: AnswerKey = field(default_factory=AnswerKey, repr=False)
    choices: tuple[str, ...] = ()
    source: str = ""
    sentence: str = ""
    lang: str = ""
    term: str = ""
    context: str = ""
    left: tuple[str, ...] = ()
    right: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    hints: tuple[str, ...] = field(default=(), repr=False)
    explanation: str = field(default="", repr=False)
    feedback: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    solution: str = field(default="", repr=False)
    rubric: tuple[str, ...] = field(default=(), repr=False)
    line: int | None = field(default=None, repr=False, compare=False)
    path: str | None = field(default=None, repr=False, compare=False)

    @property
    def auto_checked(self) -> bool:
        """True unless the student marks the answer themselves (short_answer)."""
        return self.type in AUTO_CHECKED

    def feedback_for(self, choice: str) -> str:
        """The feedback written for one choice ('' when none)."""
        for text, fb in self.feedback:
            if text == choice:
                return fb
        return ""


@dataclass(frozen=True)
class ExerciseSet:
    """An exercise set: its title, the lesson it follows, and its questions.

    Iterating gives the questions; ``exercise_set["q-id"]`` or ``exercise_set[0]``
    picks one. ``released`` is True for a student copy.
    """

    title: str
    questions: tuple[Question, ...]
    lesson: str = ""
    article: tuple[str, ...] = ()
    description: str = ""
    path: Path | None = None
    released: bool = False

    @property
    def name(self) -> str:
        """The set's name: its file name without ``.yaml`` (used in progress records)."""
        if self.path is not None:
            return Path(self.path).stem
        return re.sub(r"[^0-9a-z]+", "_", self.title.lower()).strip("_") or "exercises"

    @property
    def ids(self) -> list[str]:
        return [q.id for q in self.questions]

    def __len__(self) -> int:
        return len(self.questions)

    def __iter__(self):
        return iter(self.questions)

    def __getitem__(self, key: int | str) -> Question:
        if isinstance(key, int):
            return self.questions[key]
        for q in self.questions:
            if q.id == key:
                return q
        raise KeyError(f"no question '{key}' in the set '{self.name}'; its ids are: "
                       + ", ".join(self.ids))

    def __repr__(self) -> str:
        kind = "student copy" if self.released else "set"
        return f"<ExerciseSet {self.name}: {self.title!r}, {len(self)} questions ({kind})>"

    def _repr_html_(self) -> str:
        counts: dict[str, int] = {}
        for q in self.questions:
            counts[q.type] = counts.get(q.type, 0) + 1
        kinds = ", ".join(f"{n} {t}" for t, n in counts.items())
        return (f"<div><b>{html.escape(self.title)}</b> <small>({html.escape(self.name)}, "
                f"{len(self)} questions: {html.escape(kinds)})</small>"
                f"<p>{html.escape(self.description)}</p></div>")


@dataclass(frozen=True)
class Feedback:
    """What :func:`check` says about one response.

    ``correct`` is True or False, or None when nothing was checked (``empty``: no
    answer given, or one that cannot be checked, such as characters typed for pinyin)
    or the student still has to mark a short answer themselves
    (``needs_self_assessment``). ``almost`` flags a nearly right answer (pinyin
    without tones). ``hint`` is the next hint after a wrong attempt; once no hint is
    left, ``done`` is True and ``solution`` and ``explanation`` are filled in, as
    they are when the answer is right.
    """

    correct: bool | None
    message: str
    hint: str | None = None
    almost: bool = False
    explanation: str | None = None
    solution: str | None = None
    rubric: tuple[str, ...] = ()
    done: bool = False
    empty: bool = False
    needs_self_assessment: bool = False


# ==========================================================================================
# Loading and validation
# ==========================================================================================
def list_sets(folder: str | Path | None = None) -> list[str]:
    """The names of the exercise sets in ``folder`` (default: the project's exercises/).

    >>> "01_reading_the_report" in list_sets()
    True
    """
    folder = Path(folder) if folder is not None else exercises_dir()
    return sorted(p.stem for p in folder.glob("*.yaml"))


def _resolve(path_or_name: str | Path) -> Path:
    p = Path(path_or_name)
    if p.is_file():
        return p
    name = str(path_or_name)
    looks_like_name = p.suffix == "" and "/" not in name and "\\" not in name
    if looks_like_name:
        for folder in (Path.cwd(), exercises_dir()):
            candidate = folder / f"{name}.yaml"
            if candidate.is_file():
                return candidate
    if p.is_dir():
        raise ExerciseError("this is a folder; give one set's file, e.g. "
                            f"{display_path(p / '01_reading_the_report.yaml')}", path=display_path(p))
    known = list_sets()
    close = difflib.get_close_matches(p.stem, known, n=1)
    tip = f"did you mean '{close[0]}'? " if close else ""
    raise ExerciseError(f"no exercise set '{name}' was found; {tip}the sets are: "
                        + ", ".join(known), path=display_path(p))


def load_exercises(path_or_name: str | Path) -> ExerciseSet:
    """Load and validate an exercise set (an instructor's set or a student copy).

    Args:
        path_or_name: a YAML file, or a set's name such as ``"01_reading_the_report"``
            (looked up in the current folder, then in the project's ``exercises/``).

    Returns:
        An :class:`ExerciseSet`.

    Raises:
        kit.ExerciseError: naming the file, the line and the question id, when the set
            is malformed (unknown type, missing answer, answer not among the choices,
            duplicate ids, ...).

    >>> s = load_exercises("01_reading_the_report")
    >>> s.title, s.lesson
    ('Reading the report', 'notebooks/01_reading_the_report.ipynb')
    >>> s.questions[0].type in TYPES
    True
    """
    from ._yaml import load_yaml

    path = _resolve(path_or_name)
    shown = display_path(path)
    data = load_yaml(path, error_cls=ExerciseError, source=shown)
    return _set_from_data(data, shown, path)


def _line(raw: Any, key: str | None = None) -> int | None:
    if key is not None and hasattr(raw, "key_line"):
        return raw.key_line(key)
    return getattr(raw, "line", None) or None


def _unknown_keys(raw: Mapping, allowed: set, what: str, path: str, qid: str | None = None):
    for key in raw:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            tip = f" (did you mean '{close[0]}'?)" if close else ""
            raise ExerciseError(f"unknown field '{key}' in {what}{tip}; the fields allowed here are: "
                                + ", ".join(sorted(allowed)), path=path, line=_line(raw, key),
                                field=str(key), question_id=qid)


def _set_from_data(data: Any, shown: str, path: Path | None) -> ExerciseSet:
    if not isinstance(data, Mapping):
        raise ExerciseError("an exercise set must be a mapping with 'title' and 'questions' "
                            f"at the top, found {type(data).__name__}", path=shown, line=1)
    released = bool(data.get("released"))
    _unknown_keys(data, _RELEASED_SET_KEYS if released else _SET_KEYS, "the set", shown)
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ExerciseError("the set needs a 'title' (a line of text)", path=shown,
                            line=_line(data, "title"), field="title")
    for key in ("lesson", "description"):
        if key in data and not isinstance(data[key], str):
            raise ExerciseError(f"'{key}' must be text", path=shown, line=_line(data, key), field=key)
    article = data.get("article") or ()
    if isinstance(article, str):
        article = (article,)
    if not isinstance(article, (list, tuple)) or not all(isinstance(a, str) for a in article):
        raise ExerciseError("'article' must be an article id or a list of ids", path=shown,
                            line=_line(data, "article"), field="article")
    salt = None
    if released:
        salt = data.get("salt")
        if not isinstance(salt, str) or not salt:
            raise ExerciseError("this student copy has no 'salt'; write it again with "
                                "python -m kit release", path=shown, line=_line(data, "salt"))
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise ExerciseError("the set needs 'questions': a list with at least one question",
                            path=shown, line=_line(data, "questions") or 1, field="questions")
    seen: dict[str, int | None] = {}
    questions = []
    for raw in raw_questions:
        q = (_released_question(raw, shown, salt) if released
             else question_from_dict(raw, path=shown))
        if q.id in seen:
            raise ExerciseError(f"the id '{q.id}' is used twice (first on line {seen[q.id]}); "
                                "give every question its own id", path=shown,
                                line=_line(raw, "id"), field="id", question_id=q.id)
        seen[q.id] = _line(raw, "id")
        questions.append(q)
    return ExerciseSet(title=title.strip(), questions=tuple(questions),
                       lesson=str(data.get("lesson") or ""), article=tuple(article),
                       description=str(data.get("description") or "").strip(), path=path,
                       released=released)


class _Raw:
    """Helpers to read one question's fields with errors naming the file, line and id."""

    def __init__(self, raw: Mapping, path: str | None, qid: str | None):
        self.raw, self.path, self.qid = raw, path, qid

    def fail(self, reason: str, key: str | None = None) -> ExerciseError:
        return ExerciseError(reason, path=self.path, line=_line(self.raw, key), field=key,
                             question_id=self.qid)

    def text(self, key: str, required: bool = True, what: str | None = None) -> str:
        value = self.raw.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self.fail(f"'{key}' is missing: {what or 'write it as text'}", key)
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self.fail(f"'{key}' must be text, found {type(value).__name__}", key)
        return str(value).strip()

    def texts(self, key: str, required: bool = False, minimum: int = 0) -> tuple[str, ...]:
        value = self.raw.get(key)
        if value is None:
            if required:
                raise self.fail(f"'{key}' is missing: write a list", key)
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise self.fail(f"'{key}' must be a list of texts, found {type(value).__name__}", key)
        out = []
        for item in value:
            if isinstance(item, bool) or not isinstance(item, (str, int, float)) or not str(item).strip():
                raise self.fail(f"every item of '{key}' must be a non-empty text, found {item!r}", key)
            out.append(str(item).strip())
        if len(out) < minimum:
            raise self.fail(f"'{key}' needs at least {minimum} items, found {len(out)}", key)
        return tuple(out)


def question_from_dict(raw: Mapping, path: str | None = None) -> Question:
    """Validate one question written by an instructor and build it.

    Raises :class:`kit.ExerciseError` naming the file, the line and the question id.

    >>> question_from_dict({"id": "x", "type": "essay", "prompt": "?"}, path="sets/demo.yaml")
    Traceback (most recent call last):
    ...
    kit.errors.ExerciseError: sets/demo.yaml: question 'x': unknown type 'essay'; the types are: single, multiple, true_false, matching, cloze, pinyin, ordering, translation, short_answer
    """
    if not isinstance(raw, Mapping):
        raise ExerciseError(f"each question must be a mapping (id, type, prompt, ...), found {raw!r}",
                            path=path, line=_line(raw))
    qid = raw.get("id")
    r = _Raw(raw, path, None)
    if qid is None or isinstance(qid, bool) or not isinstance(qid, (str, int)) or not str(qid).strip():
        raise r.fail("the question has no 'id': give it a short unique name such as 'p1-when'", "id")
    qid = str(qid).strip()
    r.qid = qid
    qtype = _question_type(r)
    _unknown_keys(raw, _COMMON | _FIELDS[qtype], f"a {qtype} question", path, qid)
    prompt = r.text("prompt", what="the question the student reads")
    hints = r.texts("hints")
    explanation = r.text("explanation", required=False)
    public, facets, secret = _BUILDERS[qtype](r)
    if qtype in ("cloze", "pinyin"):
        _check_not_given_away(r, prompt)
    return Question(id=qid, type=qtype, prompt=prompt,
                    key=AnswerKey(tuple((k, frozenset(v)) for k, v in facets.items())),
                    hints=hints, explanation=explanation, line=_line(raw), path=path,
                    **public, **secret)


def _question_type(r: _Raw) -> str:
    """The question's ``type``, checked against :data:`TYPES`."""
    qtype = r.raw.get("type")
    if qtype in TYPES:
        return qtype
    if qtype is None:
        raise r.fail("'type' is missing; the types are: " + ", ".join(TYPES), "type")
    close = difflib.get_close_matches(str(qtype), list(TYPES), n=1)
    tip = f" (did you mean '{close[0]}'?)" if close else ""
    raise r.fail(f"unknown type '{qtype}'{tip}; the types are: " + ", ".join(TYPES), "type")


# -- per-type builders: each returns (public fields, answer facets, secret fields) --------
def _choice_list(r: _Raw, multiple: bool):
    raw = r.raw
    if "answers" in raw:
        if "choices" in raw or "answer" in raw:
            raise r.fail("write either 'answers' (each with answer/correct/feedback) or "
                         "'choices' with 'answer', not both", "answers")
        answers = raw["answers"]
        if not isinstance(answers, list) or not answers:
            raise r.fail("'answers' is empty: list the choices, each as "
                         "{answer: ..., correct: true/false, feedback: ...}", "answers")
        choices, correct, feedback = [], [], []
        for item in answers:
            if not isinstance(item, Mapping) or "answer" not in item:
                raise r.fail(f"each item of 'answers' needs an 'answer' text, found {item!r}", "answers")
            _unknown_keys(item, {"answer", "correct", "feedback"}, "a choice", r.path, r.qid)
            text = str(item["answer"]).strip()
            if not text:
                raise r.fail("a choice has an empty 'answer'", "answers")
            flag = item.get("correct", False)
            if not isinstance(flag, bool):
                raise r.fail(f"'correct' must be true or false, found {flag!r} (choice '{text}')",
                             "answers")
            choices.append(text)
            if flag:
                correct.append(text)
            fb = item.get("feedback")
            if fb is not None and str(fb).strip():
                feedback.append((text, str(fb).strip()))
    else:
        if "choices" not in raw:
            raise r.fail("the choices are missing: write 'answers' (each with answer/correct/"
                         "feedback) or 'choices' and 'answer'", None)
        choices = list(r.texts("choices"))
        if not choices:
            raise r.fail("'choices' is empty: list at least two choices", "choices")
        if "answer" not in raw or raw["answer"] in (None, "", []):
            raise r.fail("'answer' is missing: write the right choice", "answer")
        given = raw["answer"] if isinstance(raw["answer"], list) else [raw["answer"]]
        correct = []
        for g in given:
            match = _find(choices, g)
            if match is None:
                raise r.fail(f"the answer '{g}' is not among the choices: " + "; ".join(choices),
                             "answer")
            correct.append(match)
        feedback = []
    if len(choices) < 2:
        raise r.fail(f"a choice question needs at least two choices, found {len(choices)}",
                     "answers" if "answers" in raw else "choices")
    dup = _first_duplicate(choices)
    if dup is not None:
        raise r.fail(f"the choice '{dup}' is listed twice", "answers" if "answers" in raw else "choices")
    if not correct:
        raise r.fail("no answer is marked right: mark one with 'correct: true'",
                     "answers" if "answers" in raw else "answer")
    if not multiple and len(correct) > 1:
        raise r.fail(f"{len(correct)} answers are marked right; a {r.raw['type']} question has "
                     "exactly one (use type 'multiple' for several)",
                     "answers" if "answers" in raw else "answer")
    return choices, correct, feedback


def _build_choice(r: _Raw, multiple: bool = False):
    choices, correct, feedback = _choice_list(r, multiple)
    facets = {"answer": {_multi_facet(correct) if multiple else normalise(correct[0])}}
    if multiple:
        facets["choice"] = {normalise(c) for c in correct}
    secret = {"feedback": tuple(feedback), "solution": "; ".join(correct)}
    return {"choices": tuple(choices)}, facets, secret


def _build_translation(r):
    public, facets, secret = _build_choice(r)
    missing = [c for c in public["choices"] if not dict(secret["feedback"]).get(c)]
    if missing:
        raise r.fail("a translation question explains every rendering: add 'feedback' (why it "
                     f"fits or not) to: {'; '.join(missing)}", "answers")
    public["source"] = r.text("source", what="the Chinese text the renderings translate")
    return public, facets, secret


def _build_true_false(r: _Raw):
    answer = r.raw.get("answer")
    if isinstance(answer, str) and answer.strip().lower() in ("true", "false"):
        answer = answer.strip().lower() == "true"
    if not isinstance(answer, bool):
        raise r.fail(f"'answer' must be true or false, found {answer!r}", "answer")
    fb = r.raw.get("feedback") or {}
    if not isinstance(fb, Mapping):
        raise r.fail("'feedback' must map true and false to a text each", "feedback")
    feedback = []
    for k, v in fb.items():
        key = {True: "True", False: "False", "true": "True", "false": "False"}.get(
            k.lower() if isinstance(k, str) else k)
        if key is None:
            raise r.fail(f"'feedback' keys must be true or false, found {k!r}", "feedback")
        feedback.append((key, str(v).strip()))
    right = TRUE_FALSE[0] if answer else TRUE_FALSE[1]
    return ({"choices": TRUE_FALSE}, {"answer": {normalise(right)}},
            {"feedback": tuple(feedback), "solution": f"The statement is {right.lower()}."})


def _build_cloze(r: _Raw):
    sentence = r.text("sentence", what="the sentence with ____ where the blank is")
    if not BLANK_RE.search(sentence):
        raise r.fail("the sentence has no blank: write ____ (at least three underscores) "
                     "where the missing word goes", "sentence")
    lang = r.raw.get("lang") or ("zh" if _has_han(BLANK_RE.sub("", sentence)) else "en")
    if lang not in ("zh", "en"):
        raise r.fail(f"'lang' must be 'zh' or 'en', found {lang!r}", "lang")
    answer = r.text("answer", what="the word that fills the blank")
    variants = (answer,) + r.texts("accept")
    norm_sentence = normalise(BLANK_RE.sub(" ", sentence), lang)
    for v in variants:
        n = normalise(v, lang)
        if not n:
            raise r.fail(f"the accepted answer {v!r} is empty once normalised", "accept")
        readable = (n in norm_sentence if lang == "zh"
                    else re.search(rf"(?<!\w){re.escape(n)}(?!\w)", norm_sentence))
        if readable:
            raise r.fail(f"the answer '{v}' can be read in the sentence itself; blank every "
                         "place it occurs or choose another word", "sentence")
    return ({"sentence": sentence, "lang": lang}, {"answer": {normalise(v, lang) for v in variants}},
            {"solution": answer})


def _build_pinyin(r: _Raw):
    term = r.text("term", what="the Chinese term whose pinyin is asked")
    answer = r.text("answer", what="the pinyin with tone marks, e.g. chǎngzhǎng")
    full, letters, loose = set(), set(), set()
    for key, v in [("answer", answer)] + [("accept", a) for a in r.texts("accept")]:
        let, tones, clean = pinyin_parts(v)
        if not clean or not let:
            raise r.fail(f"'{v}' is not pinyin (letters with tone marks or tone numbers)", key)
        if not tones:
            raise r.fail(f"'{v}' has no tones: write them as marks (nǐ) or numbers (ni3)", key)
        full.add(f"{let}|{tones}")
        letters.add(let)
        loose.add(_loose(let))
    return ({"term": term, "context": r.text("context", required=False)},
            {"answer": full, "letters": letters, "loose": loose}, {"solution": answer})


def _pairs(r: _Raw):
    raw = r.raw.get("pairs")
    if not isinstance(raw, list) or len(raw) < 2:
        raise r.fail("'pairs' must list at least two pairs, each as [term, meaning] or "
                     "{zh: term, en: meaning}", "pairs")
    out = []
    for item in raw:
        if isinstance(item, Mapping):
            keys = [k for k in ("left", "zh") if k in item], [k for k in ("right", "en") if k in item]
            if len(item) != 2 or len(keys[0]) != 1 or len(keys[1]) != 1:
                raise r.fail(f"a pair must have two sides (left/right or zh/en), found {dict(item)!r}",
                             "pairs")
            pair = (item[keys[0][0]], item[keys[1][0]])
        elif isinstance(item, list) and len(item) == 2:
            pair = tuple(item)
        else:
            raise r.fail(f"a pair must be [term, meaning], found {item!r}", "pairs")
        if not all(isinstance(s, (str, int)) and str(s).strip() for s in pair):
            raise r.fail(f"both sides of a pair must be non-empty text, found {item!r}", "pairs")
        out.append((str(pair[0]).strip(), str(pair[1]).strip()))
    for side, name in ((0, "term"), (1, "meaning")):
        dup = _first_duplicate([p[side] for p in out])
        if dup is not None:
            raise r.fail(f"the {name} '{dup}' appears in two pairs; each must be unique", "pairs")
    return out


def _build_matching(r: _Raw):
    pairs = _pairs(r)
    left = tuple(p[0] for p in pairs)
    right = _scramble(r.qid, [p[1] for p in pairs])
    return ({"left": left, "right": right},
            {"pair": {_pair_facet(a, b) for a, b in pairs}},
            {"solution": "; ".join(f"{a} → {b}" for a, b in pairs)})


def _build_ordering(r: _Raw):
    items = r.texts("items", required=True, minimum=2)
    dup = _first_duplicate(items)
    if dup is not None:
        raise r.fail(f"the item '{dup}' is listed twice", "items")
    return ({"items": _scramble(r.qid, list(items))},
            {"position": {_position_facet(i, item) for i, item in enumerate(items)}},
            {"solution": " → ".join(items)})


def _build_short_answer(r: _Raw):
    model = r.text("model_answer", what="a model answer the student compares with")
    return {}, {}, {"solution": model, "rubric": r.texts("rubric")}


_BUILDERS = {
    "single": _build_choice, "multiple": functools.partial(_build_choice, multiple=True),
    "translation": _build_translation,
    "true_false": _build_true_false, "cloze": _build_cloze, "pinyin": _build_pinyin,
    "matching": _build_matching, "ordering": _build_ordering, "short_answer": _build_short_answer,
}


def _check_not_given_away(r: _Raw, prompt: str):
    """A typed answer (cloze, pinyin) must not be readable in the prompt."""
    norm_prompt = normalise(prompt)
    for v in (r.raw.get("answer"),) + r.texts("accept"):
        n = normalise(v)
        if n and len(n) > 1 and n in norm_prompt:
            raise r.fail(f"the prompt gives the answer '{v}' away; reword it", "prompt")


def _multi_facet(choices: Iterable[str]) -> str:
    return "\x1f".join(sorted(normalise(c) for c in choices))


def _pair_facet(left: str, right: str) -> str:
    return f"{normalise(left)}\x1f{normalise(right)}"


def _position_facet(index: int, item: str) -> str:
    return f"{index}\x1f{normalise(item)}"


def _scramble(qid: str | None, items: list[str]) -> tuple[str, ...]:
    """A fixed display order that is not the answer's order (the same in every copy)."""
    out = sorted(items, key=lambda s: hashlib.sha256(f"{qid}\x1f{s}".encode()).hexdigest())
    if len(out) > 1 and out == list(items):
        out = out[1:] + out[:1]
    return tuple(out)


# ==========================================================================================
# Checking
# ==========================================================================================
#: What each checker's status means for :attr:`Feedback.correct` ("empty" is not an outcome).
_OUTCOMES = {"correct": True, "wrong": False, "almost": False,
             "self": None, "assessed-right": True, "assessed-wrong": False}


def check(question: Question, response: Any, attempt: int = 1) -> Feedback:
    """Check one response to one question: the pure function behind every quiz.

    Args:
        question: a :class:`Question` (instructor's or student copy: same result).
        response: what the student gave. single, true_false, translation: the choice
            text or its index (true_false also takes True/False); multiple: a list of
            choices; cloze, pinyin: text; matching: a mapping term → meaning; ordering:
            the items (texts or indices into ``question.items``) in the chosen order;
            short_answer: the text, then ``{"text": ..., "self_assessed": True/False}``.
        attempt: which attempt this is, 1 for the first. After wrong attempt *n* the
            *n*-th hint is given; once no hint is left the answer and the explanation
            are shown (``done``).

    Returns:
        A :class:`Feedback`.

    Raises:
        kit.KitError: when the response names a choice or item the question does not have.

    >>> q = question_from_dict({"id": "tf", "type": "true_false", "prompt": "The factory is named.",
    ...                         "answer": False, "hints": ["Look at 某工厂."],
    ...                         "explanation": "某工厂 means 'a certain factory'."})
    >>> check(q, True).hint
    'Look at 某工厂.'
    >>> fb = check(q, True, attempt=2)
    >>> fb.done, fb.solution
    (True, 'The statement is false.')
    >>> check(q, "false").correct
    True
    """
    if question.type not in _CHECKERS:
        raise KitError(f"unknown question type '{question.type}'")
    if not isinstance(attempt, int) or attempt < 1:
        raise KitError(f"attempt counts from 1, found {attempt!r}")
    status, message = _CHECKERS[question.type](question, response)
    if status == "empty":
        return Feedback(None, message, empty=True)
    almost = status == "almost"
    if status in ("wrong", "almost") and attempt <= len(question.hints):
        return Feedback(False, message, hint=question.hints[attempt - 1], almost=almost)
    return Feedback(_OUTCOMES[status], message, almost=almost,
                    explanation=question.explanation or None, solution=question.solution or None,
                    rubric=question.rubric, done=status != "self",
                    needs_self_assessment=status == "self")


def _pick(q: Question, options: Sequence[str], value: Any, what: str) -> str:
    """The one of ``options`` (a question's choices or items) that ``value`` names, by its
    index or its text."""
    if isinstance(value, int) and not isinstance(value, bool):
        if 0 <= value < len(options):
            return options[value]
        raise KitError(f"{what} number {value} does not exist; question '{q.id}' has "
                       f"{len(options)} {what}s (0 to {len(options) - 1})")
    found = _find(options, value)
    if found is None:
        raise KitError(f"'{value}' is not one of the {what}s of question '{q.id}': "
                       + "; ".join(options))
    return found


def _pick_choice(q: Question, value: Any) -> str:
    if isinstance(value, bool) and q.type == "true_false":
        return TRUE_FALSE[0] if value else TRUE_FALSE[1]
    return _pick(q, q.choices, value, "choice")


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, (list, tuple, set, frozenset, dict)) and not value)


def _check_single(q: Question, response: Any):
    if _is_blank(response):
        return "empty", "Choose an answer first."
    choice = _pick_choice(q, response)
    right = q.key.has(q.id, "answer", normalise(choice))
    fb = q.feedback_for(choice)
    head = "Right." if right else "Not quite."
    return ("correct" if right else "wrong"), f"{head} {fb}".strip()


def _check_multiple(q: Question, response: Any):
    if isinstance(response, (str, int)):
        response = [response]
    if _is_blank(response):
        return "empty", "Tick at least one answer first."
    chosen = []
    for value in response:
        c = _pick_choice(q, value)
        if c not in chosen:
            chosen.append(c)
    if q.key.has(q.id, "answer", _multi_facet(chosen)):
        notes = " ".join(q.feedback_for(c) for c in chosen if q.feedback_for(c))
        return "correct", f"Right: you ticked every right answer and no other. {notes}".strip()
    good = sum(q.key.has(q.id, "choice", normalise(c)) for c in chosen)
    missed = q.key.count("choice") - good
    bad = len(chosen) - good
    parts = []
    if bad:
        parts.append(f"{bad} of your ticks {'is' if bad == 1 else 'are'} wrong")
    if missed:
        parts.append(f"{missed} right answer{'' if missed == 1 else 's'} "
                     f"{'is' if missed == 1 else 'are'} not ticked yet")
    notes = " ".join(q.feedback_for(c) for c in chosen if q.feedback_for(c))
    return "wrong", f"Not quite: {' and '.join(parts)}. {notes}".strip()


def _check_cloze(q: Question, response: Any):
    if _is_blank(response):
        return "empty", "Type a word for the blank first."
    if q.key.has(q.id, "answer", normalise(response, q.lang)):
        return "correct", "Right."
    return "wrong", "Not quite."


def _check_pinyin(q: Question, response: Any):
    if _is_blank(response):
        return "empty", "Type the pinyin first."
    letters, tones, _ = pinyin_parts(response)
    if not letters:  # e.g. the characters themselves: a slip of the keyboard, not an attempt
        return "empty", ("Type the pinyin in Latin letters, with tone marks (nǐ) or tone "
                         "numbers (ni3), not the characters.")
    if q.key.has(q.id, "answer", f"{letters}|{tones}"):
        return "correct", "Right."
    if q.key.has(q.id, "letters", letters):
        if not tones:
            return "almost", ("Almost: add the tones (tone marks like nǐ or tone numbers "
                              "like ni3 both work).")
        return "almost", "Almost: the syllables are right, but a tone is not."
    if q.key.has(q.id, "loose", _loose(letters)):
        return "almost", "Almost: check which vowel is ü (type ü as v or u:, e.g. nv3 or nu:3 for 女)."
    return "wrong", "Not quite."


def _check_matching(q: Question, response: Any):
    if isinstance(response, (list, tuple)) and all(isinstance(p, (list, tuple)) and len(p) == 2
                                                   for p in response):
        response = dict(response)
    if not isinstance(response, Mapping):
        raise KitError(f"a matching answer is a mapping term → meaning, found {type(response).__name__}")
    by_norm = {normalise(left): left for left in q.left}
    rights = {normalise(r) for r in q.right}
    given = {}
    for k, v in response.items():
        if _is_blank(v):
            continue
        if normalise(k) not in by_norm:
            raise KitError(f"'{k}' is not one of the terms of question '{q.id}': " + "; ".join(q.left))
        if normalise(v) not in rights:
            raise KitError(f"'{v}' is not one of the meanings of question '{q.id}': " + "; ".join(q.right))
        given[by_norm[normalise(k)]] = v
    if not given:
        return "empty", "Match at least one term first."
    good = sum(q.key.has(q.id, "pair", _pair_facet(k, v)) for k, v in given.items())
    n = len(q.left)
    if good == n:
        return "correct", f"Right: all {n} pairs match."
    missing = n - len(given)
    extra = f" ({missing} not matched yet)" if missing else ""
    return "wrong", f"Not quite: {good} of {n} pairs are right{extra}."


def _check_ordering(q: Question, response: Any):
    if _is_blank(response):
        return "empty", "Put the items in order first."
    if not isinstance(response, (list, tuple)):
        raise KitError(f"an ordering answer is a list of the items, found {type(response).__name__}")
    order = [_pick(q, q.items, value, "item") for value in response]
    if sorted(order) != sorted(q.items):
        return "empty", f"Use each of the {len(q.items)} items exactly once."
    good = sum(q.key.has(q.id, "position", _position_facet(i, item)) for i, item in enumerate(order))
    n = len(q.items)
    if good == n:
        return "correct", "Right: that is the order."
    return "wrong", f"Not quite: {good} of {n} are in the right place."


def _check_short_answer(q: Question, response: Any):
    if isinstance(response, Mapping):
        text = response.get("text", "")
        marked = response.get("self_assessed")
        if not isinstance(marked, bool):
            raise KitError("a short answer's self-assessment is {'text': ..., 'self_assessed': "
                           f"True or False}}, found {marked!r}")
        if _is_blank(text):
            return "empty", "Write your answer first."
        if marked:
            return "assessed-right", "You marked your answer as covering the model answer."
        return "assessed-wrong", ("You marked your answer as not there yet: read the model answer "
                                  "and the checklist again, then try again.")
    if _is_blank(response):
        return "empty", "Write your answer first."
    return "self", ("Compare your answer with the model answer and the checklist, then mark "
                    "it yourself.")


_CHECKERS = {
    "single": _check_single, "true_false": _check_single, "translation": _check_single,
    "multiple": _check_multiple, "cloze": _check_cloze, "pinyin": _check_pinyin,
    "matching": _check_matching, "ordering": _check_ordering, "short_answer": _check_short_answer,
}


# ==========================================================================================
# Student copies
# ==========================================================================================
_RELEASE_NOTE = """\
# Student copy written by `python -m kit release`. The answers of auto-checked questions
# are stored only as salted SHA-256 hashes ('key'); hints, explanations and feedback are
# 'sealed' (XOR with a key derived from the salt, then base64): not a secret, just not
# readable at a glance. Edit the instructor's set, not this file, and release it again.
"""


def _digest(salt: str, qid: str, kind: str, facet: str) -> str:
    return hashlib.sha256(f"{salt}\x1f{qid}\x1f{kind}\x1f{facet}".encode("utf-8")).hexdigest()


def _keystream(salt: str, qid: str, n: int) -> bytes:
    seed = hashlib.sha256(f"{salt}\x1f{qid}\x1fseal".encode("utf-8")).digest()
    out = bytearray()
    counter = 0
    while len(out) < n:
        out += hashlib.sha256(seed + counter.to_bytes(8, "big")).digest()
        counter += 1
    return bytes(out[:n])


def _seal(salt: str, qid: str, obj: Any) -> str:
    data = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    stream = _keystream(salt, qid, len(data))
    return base64.b64encode(bytes(a ^ b for a, b in zip(data, stream))).decode("ascii")


def _unseal(salt: str, qid: str, text: str) -> Any:
    data = base64.b64decode(text.encode("ascii"), validate=True)
    stream = _keystream(salt, qid, len(data))
    return json.loads(bytes(a ^ b for a, b in zip(data, stream)).decode("utf-8"))


def _released_dict(q: Question, salt: str) -> dict:
    out: dict[str, Any] = {"id": q.id, "type": q.type, "prompt": q.prompt}
    for name in _PUBLIC[q.type]:
        value = getattr(q, name)
        if value:
            out[name] = list(value) if isinstance(value, tuple) else value
    if q.auto_checked:
        out["key"] = q.key.hashed(q.id, salt).as_data()
    hidden = {"hints": list(q.hints), "explanation": q.explanation,
              "feedback": [list(p) for p in q.feedback], "solution": q.solution,
              "rubric": list(q.rubric)}
    out["sealed"] = _seal(salt, q.id, hidden)
    return out


def _released_question(raw: Any, path: str, salt: str) -> Question:
    if not isinstance(raw, Mapping):
        raise ExerciseError(f"each question must be a mapping, found {raw!r}", path=path, line=_line(raw))
    r = _Raw(raw, path, None)
    qid = r.text("id", what="the question id")
    r.qid = qid
    qtype = _question_type(r)
    _unknown_keys(raw, {"id", "type", "prompt", "key", "sealed"} | set(_PUBLIC[qtype]),
                  f"a released {qtype} question", path, qid)
    public: dict[str, Any] = {}
    for name in _PUBLIC[qtype]:
        if name in ("choices", "left", "right", "items"):
            public[name] = r.texts(name, required=True, minimum=2)
        else:
            public[name] = r.text(name, required=name in ("source", "sentence", "term"))
    if qtype == "true_false":
        public["choices"] = TRUE_FALSE
    key = AnswerKey(salt=salt)
    if qtype in AUTO_CHECKED:
        data = raw.get("key")
        if not isinstance(data, Mapping) or not data:
            raise r.fail("the answer key ('key') is missing; release the set again", "key")
        facets = []
        for kind, values in data.items():
            if not isinstance(values, list) or not all(isinstance(v, str) and re.fullmatch(
                    r"[0-9a-f]{64}", v) for v in values):
                raise r.fail(f"the key '{kind}' must be a list of SHA-256 digests", "key")
            facets.append((str(kind), frozenset(values)))
        key = AnswerKey(tuple(facets), salt)
    try:
        hidden = _unseal(salt, qid, r.text("sealed", what="the sealed hints and feedback"))
        if not isinstance(hidden, dict):
            raise ValueError
    except (ValueError, UnicodeDecodeError, TypeError):
        raise r.fail("the sealed hints and feedback are damaged; ask for a fresh copy", "sealed") from None
    return Question(id=qid, type=qtype, prompt=r.text("prompt"), key=key,
                    hints=tuple(hidden.get("hints") or ()),
                    explanation=hidden.get("explanation") or "",
                    feedback=tuple(tuple(p) for p in hidden.get("feedback") or ()),
                    solution=hidden.get("solution") or "", rubric=tuple(hidden.get("rubric") or ()),
                    line=_line(raw), path=path, **public)


def release_set(exercise_set: ExerciseSet | str | Path, out_path: str | Path,
                salt: str | None = None) -> Path:
    """Write a student copy of one set to ``out_path`` (see :func:`release_sets`)."""
    import yaml

    s = exercise_set if isinstance(exercise_set, ExerciseSet) else load_exercises(exercise_set)
    if s.released:
        raise ExerciseError("this is already a student copy; release the instructor's set",
                            path=display_path(s.path) if s.path else None)
    salt = salt or secrets.token_hex(16)
    data: dict[str, Any] = {"title": s.title}
    if s.lesson:
        data["lesson"] = s.lesson
    if s.article:
        data["article"] = list(s.article) if len(s.article) > 1 else s.article[0]
    if s.description:
        data["description"] = s.description
    data["released"] = True
    data["salt"] = salt
    data["questions"] = [_released_dict(q, salt) for q in s.questions]
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    text = _RELEASE_NOTE + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    out_path.write_text(text, encoding="utf-8")
    return out_path


def release_sets(src_dir: str | Path, out_dir: str | Path) -> list[Path]:
    """Write student copies of every set in ``src_dir`` (and its notebooks) to ``out_dir``.

    Every ``*.yaml`` set is validated first (nothing is written if one is malformed),
    then written with a fresh random salt: the answers of auto-checked questions become
    salted hashes and hints, explanations and feedback are sealed (see the module
    docstring). Notebooks ``*.ipynb`` next to the sets are copied with their outputs
    cleared, so the student copy runs on its own. The instructor's files are not changed.

    Returns:
        The paths written, sets first.

    Raises:
        kit.ExerciseError: when a set is malformed, ``src_dir`` has no sets, or
            ``out_dir`` is ``src_dir``.
    """
    src, out = Path(src_dir), Path(out_dir)
    if not src.is_dir():
        raise ExerciseError("the source must be a folder of exercise sets, e.g. exercises/",
                            path=display_path(src))
    if out.exists() and out.resolve() == src.resolve():
        raise ExerciseError("the student copies must go to another folder than the instructor's "
                            "sets, e.g. python -m kit release exercises/ student/", path=display_path(out))
    sets = [load_exercises(p) for p in sorted(src.glob("*.yaml"))]
    if not sets:
        raise ExerciseError("no exercise sets (*.yaml) in this folder", path=display_path(src))
    written = [release_set(s, out / Path(s.path).name) for s in sets]
    for nb in sorted(src.glob("*.ipynb")):
        written.append(_copy_notebook(nb, out / nb.name))
    return written


def _copy_notebook(src: Path, dest: Path) -> Path:
    data = json.loads(src.read_text(encoding="utf-8"))
    for cell in data.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    data.get("metadata", {}).pop("widgets", None)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return dest


# ==========================================================================================
# Generated cloze questions
# ==========================================================================================
def generate_cloze(article, glossary=None, n: int = 5) -> list[Question]:
    """Cloze questions from the glossary terms of any article: exercises for free.

    For each glossary term found in the article (``glossary.find(article)``), in the
    order it first occurs, the sentence holding it becomes a question with the term
    blanked; the hints are the term's meaning and then its pinyin (or, for an English
    blank, its Chinese). At most one question per term and per sentence, Chinese
    blanks before English ones at the same place; the result is the same every time.

    Args:
        article: a :class:`kit.Article`.
        glossary: a :class:`kit.Glossary` (default: ``kit.load_glossary()``).
        n: how many questions at most (fewer when the article holds fewer terms).

    Returns:
        A list of validated cloze :class:`Question` objects.
    """
    from .language import split_sentences

    if glossary is None:
        from .glossary import load_glossary

        glossary = load_glossary()
    occurrences = sorted((o for o in glossary.find(article)
                          if o.part == "body" and not o.nested and o.paragraph is not None),
                         key=lambda o: (o.paragraph, 0 if o.lang == "zh" else 1, o.start, o.end))
    questions: list[Question] = []
    used_terms: set[tuple[str, str]] = set()
    used_sentences: set[tuple[str, int, int]] = set()
    sentences: dict[tuple[str, int], list[str]] = {}  # (lang, paragraph) -> its sentences
    for occ in occurrences:
        if len(questions) >= n:
            break
        lang = occ.lang
        if (occ.term_id, lang) in used_terms:
            continue
        paragraphs = article.paragraphs_zh if lang == "zh" else article.paragraphs_en
        paragraph = paragraphs[occ.paragraph]
        if (lang, occ.paragraph) not in sentences:
            sentences[lang, occ.paragraph] = split_sentences(paragraph, lang)
        found = _sentence_at(paragraph, sentences[lang, occ.paragraph], occ.start)
        if found is None:
            continue
        s_start, sentence = found
        if (lang, occ.paragraph, s_start) in used_sentences:
            continue
        surface = paragraph[occ.start:occ.end]
        local = occ.start - s_start
        blanked = sentence[:local] + "____" + sentence[local + len(surface):]
        term = glossary[occ.term_id]
        raw = _cloze_raw(article, occ, term, lang, surface, blanked)
        try:
            q = question_from_dict(raw, path=f"<generated from {article.id}>")
        except ExerciseError:
            continue  # e.g. the term occurs twice in the sentence: the blank would give it away
        questions.append(q)
        used_terms.add((occ.term_id, lang))
        used_sentences.add((lang, occ.paragraph, s_start))
    return questions


def _sentence_at(paragraph: str, sentences: Sequence[str], offset: int):
    """(start, sentence) of the sentence of ``paragraph`` that holds ``offset``."""
    cursor = 0
    for sentence in sentences:
        start = paragraph.find(sentence, cursor)
        if start < 0:
            continue
        end = start + len(sentence)
        if start <= offset < end:
            return start, sentence
        cursor = end
    return None


def _cloze_raw(article, occ, term, lang, surface, blanked) -> dict:
    zh, pinyin, en, gloss = term.zh, term.pinyin, term.en, term.gloss
    where = f"paragraph {occ.paragraph + 1}"
    if lang == "zh":
        prompt = f"Fill the blank with the Chinese term ({where})."
        hints = [f"It means “{en}”." if en else gloss, f"Its pinyin is {pinyin}." if pinyin else ""]
        accept = [zh] if zh and zh != surface else []
    else:
        prompt = f"Fill the blank with the English words the translation uses ({where})."
        hints = [gloss or (f"It translates {zh}." if zh else ""), f"The Chinese is {zh} ({pinyin})."]
        accept = [v for v in term.en_forms if v and normalise(v) != normalise(surface)]
    explanation = (f"{zh} ({pinyin}): {en}." if zh else f"{surface}.") + (f" {gloss}" if gloss else "")
    explanation += f" Source: {article.citation()}"
    raw = {"id": f"cloze-{occ.term_id}-{lang}", "type": "cloze", "prompt": prompt,
           "sentence": blanked, "lang": lang, "answer": surface,
           "hints": [h for h in hints if h], "explanation": explanation}
    if accept:
        raw["accept"] = accept
    return raw
