"""Checking a response: the one pure function behind every quiz, :func:`check`, and its :class:`Feedback`.

It gives the same result on an instructor's set and on a student copy: both compare
the same normalised facets (:mod:`kit.exercises.answers`), in plain text or as hashes.

    >>> from kit.exercises.validate import question_from_dict
    >>> q = question_from_dict({"id": "term", "type": "pinyin", "prompt": "Type the pinyin of 干部.",
    ...                         "term": "干部", "answer": "gànbù", "hints": ["Both tones fall."]})
    >>> check(q, "gan4bu4").correct
    True
    >>> fb = check(q, "ganbu")
    >>> fb.correct, fb.almost, fb.message
    (False, True, 'Almost: add the tones (tone marks like nǐ or tone numbers like ni3 both work).')
    >>> fb.hint
    'Both tones fall.'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, NamedTuple, Sequence

from ..errors import KitError
from .answers import (all_pairs_facet, find_text, loose, multi_facet, normalise, order_facet,
                      pair_facet, pinyin_parts, position_facet)
from .schema import TRUE_FALSE, Proof, Question

__all__ = ["Feedback", "check", "CHECKERS", "OUTCOMES"]

#: What each checker's status means for :attr:`Feedback.correct` ("empty" is not an outcome).
OUTCOMES = {"correct": True, "wrong": False, "almost": False,
            "self": None, "assessed-right": True, "assessed-wrong": False}


@dataclass(frozen=True)
class Feedback:
    """What :func:`check` says about one response.

    ``correct`` is True or False, or None when nothing was checked (``empty``: no
    answer given, or one that cannot be checked, such as characters typed for pinyin)
    or the student still has to mark a short answer themselves
    (``needs_self_assessment``). ``almost`` flags a nearly right answer (pinyin
    without tones). ``hint`` is the next hint after a wrong attempt; once no hint is
    left, ``done`` is True and ``solution`` and ``explanation`` are filled in, as
    they are when the answer is right (an exam copy leaves them out after the hints).
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


class Verdict(NamedTuple):
    """A checker's result: its status, the message, and the proof of a right answer."""

    status: str
    message: str
    proof: Proof | None = None


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

    >>> from kit.exercises.validate import question_from_dict
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
    if question.type not in CHECKERS:
        raise KitError(f"unknown question type '{question.type}'")
    if not isinstance(attempt, int) or attempt < 1:
        raise KitError(f"attempt counts from 1, found {attempt!r}")
    status, message, proof = CHECKERS[question.type](question, response)
    if status == "empty":
        return Feedback(None, message, empty=True)
    almost = status == "almost"
    if status in ("wrong", "almost") and attempt <= len(question.hints):
        return Feedback(False, message, hint=question.hints[attempt - 1], almost=almost)
    shown = (question.after_right(proof) if status == "correct"
             else question.after_last_hint()) or {}
    return Feedback(OUTCOMES[status], message, almost=almost,
                    explanation=shown.get("explanation") or None,
                    solution=shown.get("solution") or None,
                    rubric=tuple(shown.get("rubric") or ()), done=status != "self",
                    needs_self_assessment=status == "self")


def _pick(q: Question, options: Sequence[str], value: Any, what: str) -> str:
    """The one of ``options`` (a question's choices or items) that ``value`` names, by its
    index or its text."""
    if isinstance(value, int) and not isinstance(value, bool):
        if 0 <= value < len(options):
            return options[value]
        raise KitError(f"{what} number {value} does not exist; question '{q.id}' has "
                       f"{len(options)} {what}s (0 to {len(options) - 1})")
    found = find_text(options, value)
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


def _check_single(q: Question, response: Any) -> Verdict:
    if _is_blank(response):
        return Verdict("empty", "Choose an answer first.")
    choice = _pick_choice(q, response)
    proof = q.key.prove(q.id, "answer", normalise(choice))
    head = "Right." if proof else "Not quite."
    return Verdict("correct" if proof else "wrong", f"{head} {q.feedback_for(choice)}".strip(), proof)


def _ticks_message(q: Question, chosen: list[str]) -> str:
    good = sum(q.key.has(q.id, "choice", normalise(c)) for c in chosen)
    missed, bad = q.key.count("choice") - good, len(chosen) - good
    parts = []
    if bad:
        parts.append(f"{bad} of your ticks {'is' if bad == 1 else 'are'} wrong")
    if missed:
        parts.append(f"{missed} right answer{'' if missed == 1 else 's'} "
                     f"{'is' if missed == 1 else 'are'} not ticked yet")
    return f"Not quite: {' and '.join(parts)}."


def _check_multiple(q: Question, response: Any) -> Verdict:
    if isinstance(response, (str, int)):
        response = [response]
    if _is_blank(response):
        return Verdict("empty", "Tick at least one answer first.")
    chosen: list[str] = []
    for value in response:
        c = _pick_choice(q, value)
        if c not in chosen:
            chosen.append(c)
    notes = " ".join(fb for fb in (q.feedback_for(c) for c in chosen) if fb)
    proof = q.key.prove(q.id, "answer", multi_facet(chosen))
    if proof:
        return Verdict("correct", f"Right: you ticked every right answer and no other. {notes}".strip(),
                       proof)
    return Verdict("wrong", f"{_ticks_message(q, chosen)} {notes}".strip())


def _check_cloze(q: Question, response: Any) -> Verdict:
    if _is_blank(response):
        return Verdict("empty", "Type a word for the blank first.")
    proof = q.key.prove(q.id, "answer", normalise(response, q.lang))
    return Verdict("correct", "Right.", proof) if proof else Verdict("wrong", "Not quite.")


def _check_pinyin(q: Question, response: Any) -> Verdict:
    if _is_blank(response):
        return Verdict("empty", "Type the pinyin first.")
    letters, tones, _ = pinyin_parts(response)
    if not letters:  # e.g. the characters themselves: a slip of the keyboard, not an attempt
        return Verdict("empty", "Type the pinyin in Latin letters, with tone marks (nǐ) or tone "
                                "numbers (ni3), not the characters.")
    proof = q.key.prove(q.id, "answer", f"{letters}|{tones}")
    if proof:
        return Verdict("correct", "Right.", proof)
    if q.key.has(q.id, "letters", letters):
        if not tones:
            return Verdict("almost", "Almost: add the tones (tone marks like nǐ or tone numbers "
                                     "like ni3 both work).")
        return Verdict("almost", "Almost: the syllables are right, but a tone is not.")
    if q.key.has(q.id, "loose", loose(letters)):
        return Verdict("almost", "Almost: check which vowel is ü (type ü as v or u:, e.g. nv3 or "
                                 "nu:3 for 女).")
    return Verdict("wrong", "Not quite.")


def _matched(q: Question, response: Any) -> dict[str, str]:
    """The pairs of a matching response, each term in the question's own spelling."""
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
    return given


def _check_matching(q: Question, response: Any) -> Verdict:
    given = _matched(q, response)
    if not given:
        return Verdict("empty", "Match at least one term first.")
    good = sum(q.key.has(q.id, "pair", pair_facet(k, v)) for k, v in given.items())
    n = len(q.left)
    if good == n:
        return Verdict("correct", f"Right: all {n} pairs match.",
                       q.key.prove(q.id, "answer", all_pairs_facet(given.items())))
    missing = n - len(given)
    extra = f" ({missing} not matched yet)" if missing else ""
    return Verdict("wrong", f"Not quite: {good} of {n} pairs are right{extra}.")


def _check_ordering(q: Question, response: Any) -> Verdict:
    if _is_blank(response):
        return Verdict("empty", "Put the items in order first.")
    if not isinstance(response, (list, tuple)):
        raise KitError(f"an ordering answer is a list of the items, found {type(response).__name__}")
    order = [_pick(q, q.items, value, "item") for value in response]
    if sorted(order) != sorted(q.items):
        return Verdict("empty", f"Use each of the {len(q.items)} items exactly once.")
    good = sum(q.key.has(q.id, "position", position_facet(i, item)) for i, item in enumerate(order))
    n = len(q.items)
    if good == n:
        return Verdict("correct", "Right: that is the order.",
                       q.key.prove(q.id, "answer", order_facet(order)))
    return Verdict("wrong", f"Not quite: {good} of {n} are in the right place.")


def _check_short_answer(q: Question, response: Any) -> Verdict:
    if isinstance(response, Mapping):
        text = response.get("text", "")
        marked = response.get("self_assessed")
        if not isinstance(marked, bool):
            raise KitError("a short answer's self-assessment is {'text': ..., 'self_assessed': "
                           f"True or False}}, found {marked!r}")
        if _is_blank(text):
            return Verdict("empty", "Write your answer first.")
        if marked:
            return Verdict("assessed-right", "You marked your answer as covering the model answer.")
        return Verdict("assessed-wrong", "You marked your answer as not there yet: read the model "
                                         "answer and the checklist again, then try again.")
    if _is_blank(response):
        return Verdict("empty", "Write your answer first.")
    return Verdict("self", "Compare your answer with the model answer and the checklist, then mark "
                           "it yourself.")


CHECKERS = {
    "single": _check_single, "true_false": _check_single, "translation": _check_single,
    "multiple": _check_multiple, "cloze": _check_cloze, "pinyin": _check_pinyin,
    "matching": _check_matching, "ordering": _check_ordering, "short_answer": _check_short_answer,
}
