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
    >>> check(q, "ganbu").almost
    True

The package's modules, each with one job: :mod:`~kit.exercises.answers` (normalising
answers), :mod:`~kit.exercises.schema` (the classes), :mod:`~kit.exercises.validate`
(reading an instructor's set), :mod:`~kit.exercises.check` (feedback),
:mod:`~kit.exercises.sealing` (slow hashes, sealed text), :mod:`~kit.exercises.release`
(student copies: typed answers only as slow salted hashes, what follows a right answer
encrypted with a key derived from it; see that module for what an offline copy cannot
hide), :mod:`~kit.exercises.loading` (finding sets) and :mod:`~kit.exercises.cloze`
(questions generated from an article).
"""

from __future__ import annotations

from .._data import exercises_dir
from ..progress import progress_frame  # re-exported: ``python -m kit progress`` uses it
from .answers import normalise, pinyin_parts
from .check import Feedback, check
from .cloze import generate_cloze
from .loading import list_sets, load_exercises
from .release import OFFLINE_LIMITS, release_notice, release_set, release_sets
from .schema import (AUTO_CHECKED, BLANK_RE, MODES, TRUE_FALSE, TYPED, TYPES, AnswerKey,
                     ExerciseSet, Question)
from .sealing import TYPED_COST
from .validate import question_from_dict

__all__ = [
    "TYPES", "AUTO_CHECKED", "TYPED", "TRUE_FALSE", "BLANK_RE", "MODES", "TYPED_COST",
    "ExerciseSet", "Question", "Feedback", "AnswerKey",
    "load_exercises", "list_sets", "question_from_dict", "check",
    "normalise", "pinyin_parts",
    "release_sets", "release_set", "release_notice", "OFFLINE_LIMITS",
    "generate_cloze", "progress_frame", "exercises_dir",
]
