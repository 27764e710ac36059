"""The shapes of exercises: question types, :class:`Question`, :class:`ExerciseSet`, :class:`AnswerKey`.

The same classes hold an instructor's set (answers in plain text) and a student copy
(answers only as slow salted hashes, and what is shown after a right answer sealed with
a key derived from that answer: see :mod:`kit.exercises.sealing`). Validation lives in
:mod:`kit.exercises.validate`, checking in :mod:`kit.exercises.check`.

    >>> sorted(TYPES)[:3]
    ['cloze', 'matching', 'multiple']
    >>> AnswerKey((("answer", frozenset({"干部"})),)).has("q", "answer", "干部")
    True
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .answers import normalise
from .sealing import TYPED_COST, derive, stored_key, unseal

__all__ = ["TYPES", "AUTO_CHECKED", "TYPED", "TRUE_FALSE", "BLANK_RE", "MODES", "REVEAL",
           "Proof", "AnswerKey", "Question", "ExerciseSet"]

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
#: Types whose answer the student types: a student copy can keep these secret.
TYPED = frozenset({"cloze", "pinyin"})
TRUE_FALSE = ("True", "False")
BLANK_RE = re.compile(r"_{3,}")
#: Release modes: what a student copy does after the last hint.
MODES = {"practice": "the answer may be shown after the last hint",
         "exam": "the answer is never shown; nothing is recoverable but by guessing"}
#: The purpose under which a practice copy seals what it reveals after the last hint.
REVEAL = "reveal"


class Proof(NamedTuple):
    """What a right facet yields: its verifier and the key it derives ('' and b'' when plain)."""

    verifier: str
    key: bytes


@dataclass(frozen=True)
class AnswerKey:
    """What counts as right, by *kind* of facet: in plain text, or as salted hashes.

    ``salt`` is None in an instructor's set (facets are normalised answers); in a student
    copy it is the question's salt and facets are scrypt verifiers of cost ``cost``.
    """

    facets: tuple[tuple[str, frozenset], ...] = ()
    salt: str | None = None
    cost: int = TYPED_COST

    def values(self, kind: str) -> frozenset:
        """The stored facets (or verifiers) of ``kind``."""
        for k, values in self.facets:
            if k == kind:
                return values
        return frozenset()

    def prove(self, qid: str, kind: str, facet: str) -> Proof | None:
        """A :class:`Proof` when ``facet`` (already normalised) is right for ``kind``, else None."""
        values = self.values(kind)
        if self.salt is None:
            return Proof("", b"") if facet in values else None
        verifier, key = derive(self.salt, self.cost, qid, kind, facet)
        return Proof(verifier, key) if verifier in values else None

    def has(self, qid: str, kind: str, facet: str) -> bool:
        """Whether ``facet`` (already normalised) is among the right ones of ``kind``."""
        return self.prove(qid, kind, facet) is not None

    def count(self, kind: str) -> int:
        """How many right facets of ``kind`` there are (e.g. the number of pairs)."""
        return len(self.values(kind))

    def as_data(self) -> dict:
        return {k: sorted(v) for k, v in self.facets}


@dataclass(frozen=True)
class Question:
    """One question, the same object whether it came from an instructor's set or a student copy.

    Public fields (shown to the student): ``id``, ``type``, ``prompt``, ``choices``
    (choice questions; ``("True", "False")`` for true_false), ``source`` (the Chinese
    of a translation question), ``sentence`` and ``lang`` (cloze, the blank written
    ``____``), ``term`` and ``context`` (pinyin), ``left`` and ``right`` (matching,
    right in display order), ``items`` (ordering, in display order) and ``hints``.
    Shown after answering: ``explanation``, ``feedback`` (per choice), ``solution``
    (the right answer in words; the model answer of a short answer) and ``rubric``.
    The ``key`` decides what is right. In a student copy the after-answer fields are
    empty: ``sealed`` holds them encrypted (verifier → token) and ``reveal`` holds what
    a practice copy shows after the last hint.
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
    sealed: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    reveal: str = field(default="", repr=False)
    line: int | None = field(default=None, repr=False, compare=False)
    path: str | None = field(default=None, repr=False, compare=False)

    @property
    def auto_checked(self) -> bool:
        """True unless the student marks the answer themselves (short_answer)."""
        return self.type in AUTO_CHECKED

    @property
    def released(self) -> bool:
        """True for a question of a student copy (its key holds hashes only)."""
        return self.key.salt is not None

    def _open(self, proof: Proof | None) -> dict:
        token = dict(self.sealed).get(proof.verifier) if proof is not None else None
        opened = unseal(proof.key, token) if token else None
        return opened if isinstance(opened, dict) else {}

    def feedback_for(self, choice: str) -> str:
        """The feedback written for one choice ('' when none)."""
        if not self.released:
            return next((fb for text, fb in self.feedback if text == choice), "")
        opened = self._open(self.key.prove(self.id, "feedback", normalise(choice)))
        return str(opened.get("feedback") or "")

    def after_right(self, proof: Proof | None) -> dict:
        """What is shown once answered right: ``explanation`` and ``solution`` (opened with
        the key the right answer derives, in a student copy)."""
        if not self.released:
            return {"explanation": self.explanation, "solution": self.solution}
        return self._open(proof)

    def after_last_hint(self) -> dict | None:
        """What is shown when no hint is left (and a short answer's model answer and checklist):
        None in an exam copy."""
        if not self.released:
            return {"explanation": self.explanation, "solution": self.solution,
                    "rubric": list(self.rubric)}
        if not self.reveal:
            return None
        opened = unseal(stored_key(self.key.salt, self.id, REVEAL), self.reveal)
        return opened if isinstance(opened, dict) else None


@dataclass(frozen=True)
class ExerciseSet:
    """An exercise set: its title, the lesson it follows, and its questions.

    Iterating gives the questions; ``exercise_set["q-id"]`` or ``exercise_set[0]``
    picks one. ``released`` is True for a student copy, whose ``mode`` is
    ``"practice"`` or ``"exam"`` (see :data:`MODES`).
    """

    title: str
    questions: tuple[Question, ...]
    lesson: str = ""
    article: tuple[str, ...] = ()
    description: str = ""
    path: Path | None = None
    released: bool = False
    mode: str = ""

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
        kind = f"student copy, {self.mode}" if self.released else "set"
        return f"<ExerciseSet {self.name}: {self.title!r}, {len(self)} questions ({kind})>"

    def _repr_html_(self) -> str:
        counts: dict[str, int] = {}
        for q in self.questions:
            counts[q.type] = counts.get(q.type, 0) + 1
        kinds = ", ".join(f"{n} {t}" for t, n in counts.items())
        return (f"<div><b>{html.escape(self.title)}</b> <small>({html.escape(self.name)}, "
                f"{len(self)} questions: {html.escape(kinds)})</small>"
                f"<p>{html.escape(self.description)}</p></div>")
