"""Reading an instructor's exercise set: every field checked, every error naming file, line and id.

    >>> q = question_from_dict({"id": "tf", "type": "true_false", "prompt": "The factory is named.",
    ...                         "answer": False})
    >>> q.type, q.choices
    ('true_false', ('True', 'False'))
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path
from typing import Any, Callable, Mapping

from .._data import display_path
from .._yaml import load_yaml
from ..errors import ExerciseError, KitError, check_lang, did_you_mean
from ..text import has_han
from .answers import (all_pairs_facet, find_text, first_duplicate, loose, multi_facet,
                      normalise, order_facet, pair_facet, pinyin_parts, position_facet)
from .schema import BLANK_RE, TRUE_FALSE, TYPES, AnswerKey, ExerciseSet, Question

__all__ = ["question_from_dict", "set_from_data", "read_set_file", "load_instructor_set",
           "line_of", "unknown_keys", "question_type", "RawQuestion", "COMMON_FIELDS",
           "SET_KEYS", "BUILDERS"]

COMMON_FIELDS = {"id", "type", "prompt", "hints", "explanation"}
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
SET_KEYS = {"title", "lesson", "article", "description", "questions"}
_MIN_CHOICES = 2


def line_of(raw: Any, key: str | None = None) -> int | None:
    """The line of ``raw`` (or of its field ``key``) in its YAML file, when known."""
    if key is not None and hasattr(raw, "key_line"):
        return raw.key_line(key)
    return getattr(raw, "line", None) or None


def unknown_keys(raw: Mapping, allowed: set, what: str, path: str | None, qid: str | None = None):
    """Raise an ExerciseError for the first key of ``raw`` not in ``allowed``."""
    for key in raw:
        if key not in allowed:
            raise ExerciseError(f"unknown field '{key}' in {what}"
                                f"{did_you_mean(key, sorted(allowed), style='paren')}; the fields "
                                "allowed here are: " + ", ".join(sorted(allowed)), path=path,
                                line=line_of(raw, key), field=str(key), question_id=qid)


class RawQuestion:
    """One question's fields as written, read with errors naming the file, line and id."""

    def __init__(self, raw: Mapping, path: str | None, qid: str | None):
        self.raw, self.path, self.qid = raw, path, qid

    def fail(self, reason: str, key: str | None = None) -> ExerciseError:
        return ExerciseError(reason, path=self.path, line=line_of(self.raw, key), field=key,
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


def question_type(r: RawQuestion) -> str:
    """The question's ``type``, checked against :data:`TYPES`."""
    qtype = r.raw.get("type")
    if qtype in TYPES:
        return qtype
    if qtype is None:
        raise r.fail("'type' is missing; the types are: " + ", ".join(TYPES), "type")
    raise r.fail(f"unknown type '{qtype}'{did_you_mean(qtype, list(TYPES), style='paren')}; "
                 "the types are: " + ", ".join(TYPES), "type")


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
                            path=path, line=line_of(raw))
    qid = raw.get("id")
    r = RawQuestion(raw, path, None)
    if qid is None or isinstance(qid, bool) or not isinstance(qid, (str, int)) or not str(qid).strip():
        raise r.fail("the question has no 'id': give it a short unique name such as 'p1-when'", "id")
    r.qid = str(qid).strip()
    qtype = question_type(r)
    unknown_keys(raw, COMMON_FIELDS | _FIELDS[qtype], f"a {qtype} question", path, r.qid)
    prompt = r.text("prompt", what="the question the student reads")
    hints = r.texts("hints")
    explanation = r.text("explanation", required=False)
    public, facets, secret = BUILDERS[qtype](r)
    if qtype in ("cloze", "pinyin"):
        _check_not_given_away(r, prompt)
    return Question(id=r.qid, type=qtype, prompt=prompt,
                    key=AnswerKey(tuple((k, frozenset(v)) for k, v in facets.items())),
                    hints=hints, explanation=explanation, line=line_of(raw), path=path,
                    **public, **secret)


# -- per-type builders: each returns (public fields, answer facets, secret fields) --------
def _choices_from_answers(r: RawQuestion):
    answers = r.raw["answers"]
    if "choices" in r.raw or "answer" in r.raw:
        raise r.fail("write either 'answers' (each with answer/correct/feedback) or "
                     "'choices' with 'answer', not both", "answers")
    if not isinstance(answers, list) or not answers:
        raise r.fail("'answers' is empty: list the choices, each as "
                     "{answer: ..., correct: true/false, feedback: ...}", "answers")
    choices, correct, feedback = [], [], []
    for item in answers:
        if not isinstance(item, Mapping) or "answer" not in item:
            raise r.fail(f"each item of 'answers' needs an 'answer' text, found {item!r}", "answers")
        unknown_keys(item, {"answer", "correct", "feedback"}, "a choice", r.path, r.qid)
        text = str(item["answer"]).strip()
        if not text:
            raise r.fail("a choice has an empty 'answer'", "answers")
        flag = item.get("correct", False)
        if not isinstance(flag, bool):
            raise r.fail(f"'correct' must be true or false, found {flag!r} (choice '{text}')", "answers")
        choices.append(text)
        if flag:
            correct.append(text)
        fb = item.get("feedback")
        if fb is not None and str(fb).strip():
            feedback.append((text, str(fb).strip()))
    return choices, correct, feedback


def _choices_and_answer(r: RawQuestion):
    if "choices" not in r.raw:
        raise r.fail("the choices are missing: write 'answers' (each with answer/correct/"
                     "feedback) or 'choices' and 'answer'", None)
    choices = list(r.texts("choices"))
    if not choices:
        raise r.fail("'choices' is empty: list at least two choices", "choices")
    if "answer" not in r.raw or r.raw["answer"] in (None, "", []):
        raise r.fail("'answer' is missing: write the right choice", "answer")
    given = r.raw["answer"] if isinstance(r.raw["answer"], list) else [r.raw["answer"]]
    correct = []
    for g in given:
        match = find_text(choices, g)
        if match is None:
            raise r.fail(f"the answer '{g}' is not among the choices: " + "; ".join(choices), "answer")
        correct.append(match)
    return choices, correct, []


def _choice_list(r: RawQuestion, multiple: bool):
    written = "answers" in r.raw
    choices, correct, feedback = (_choices_from_answers if written else _choices_and_answer)(r)
    where = "answers" if written else "choices"
    if len(choices) < _MIN_CHOICES:
        raise r.fail(f"a choice question needs at least two choices, found {len(choices)}", where)
    dup = first_duplicate(choices)
    if dup is not None:
        raise r.fail(f"the choice '{dup}' is listed twice", where)
    if not correct:
        raise r.fail("no answer is marked right: mark one with 'correct: true'",
                     "answers" if written else "answer")
    if not multiple and len(correct) > 1:
        raise r.fail(f"{len(correct)} answers are marked right; a {r.raw['type']} question has "
                     "exactly one (use type 'multiple' for several)", "answers" if written else "answer")
    return choices, correct, feedback


def _build_choice(r: RawQuestion, multiple: bool = False):
    choices, correct, feedback = _choice_list(r, multiple)
    facets = {"answer": {multi_facet(correct) if multiple else normalise(correct[0])}}
    if multiple:
        facets["choice"] = {normalise(c) for c in correct}
    secret = {"feedback": tuple(feedback), "solution": "; ".join(correct)}
    return {"choices": tuple(choices)}, facets, secret


def _build_translation(r: RawQuestion):
    public, facets, secret = _build_choice(r)
    missing = [c for c in public["choices"] if not dict(secret["feedback"]).get(c)]
    if missing:
        raise r.fail("a translation question explains every rendering: add 'feedback' (why it "
                     f"fits or not) to: {'; '.join(missing)}", "answers")
    public["source"] = r.text("source", what="the Chinese text the renderings translate")
    return public, facets, secret


_TF_KEYS = {True: "True", False: "False", "true": "True", "false": "False"}


def _build_true_false(r: RawQuestion):
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
        key = _TF_KEYS.get(k.lower() if isinstance(k, str) else k)
        if key is None:
            raise r.fail(f"'feedback' keys must be true or false, found {k!r}", "feedback")
        feedback.append((key, str(v).strip()))
    right = TRUE_FALSE[0] if answer else TRUE_FALSE[1]
    return ({"choices": TRUE_FALSE}, {"answer": {normalise(right)}},
            {"feedback": tuple(feedback), "solution": f"The statement is {right.lower()}."})


def _cloze_lang(r: RawQuestion, sentence: str) -> str:
    lang = r.raw.get("lang") or ("zh" if has_han(BLANK_RE.sub("", sentence)) else "en")
    try:
        return check_lang(lang)
    except KitError as err:
        raise r.fail(f"'lang': {err}", "lang") from None


def _build_cloze(r: RawQuestion):
    sentence = r.text("sentence", what="the sentence with ____ where the blank is")
    if not BLANK_RE.search(sentence):
        raise r.fail("the sentence has no blank: write ____ (at least three underscores) "
                     "where the missing word goes", "sentence")
    lang = _cloze_lang(r, sentence)
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


def _build_pinyin(r: RawQuestion):
    term = r.text("term", what="the Chinese term whose pinyin is asked")
    answer = r.text("answer", what="the pinyin with tone marks, e.g. chǎngzhǎng")
    full, letters, loose_letters = set(), set(), set()
    for key, v in [("answer", answer)] + [("accept", a) for a in r.texts("accept")]:
        let, tones, clean = pinyin_parts(v)
        if not clean or not let:
            raise r.fail(f"'{v}' is not pinyin (letters with tone marks or tone numbers)", key)
        if not tones:
            raise r.fail(f"'{v}' has no tones: write them as marks (nǐ) or numbers (ni3)", key)
        full.add(f"{let}|{tones}")
        letters.add(let)
        loose_letters.add(loose(let))
    return ({"term": term, "context": r.text("context", required=False)},
            {"answer": full, "letters": letters, "loose": loose_letters}, {"solution": answer})


def _one_pair(r: RawQuestion, item: Any) -> tuple[str, str]:
    if isinstance(item, Mapping):
        keys = [k for k in ("left", "zh") if k in item], [k for k in ("right", "en") if k in item]
        if len(item) != 2 or len(keys[0]) != 1 or len(keys[1]) != 1:
            raise r.fail(f"a pair must have two sides (left/right or zh/en), found {dict(item)!r}", "pairs")
        pair = (item[keys[0][0]], item[keys[1][0]])
    elif isinstance(item, list) and len(item) == 2:
        pair = tuple(item)
    else:
        raise r.fail(f"a pair must be [term, meaning], found {item!r}", "pairs")
    if not all(isinstance(s, (str, int)) and str(s).strip() for s in pair):
        raise r.fail(f"both sides of a pair must be non-empty text, found {item!r}", "pairs")
    return str(pair[0]).strip(), str(pair[1]).strip()


def _pairs(r: RawQuestion) -> list[tuple[str, str]]:
    raw = r.raw.get("pairs")
    if not isinstance(raw, list) or len(raw) < 2:
        raise r.fail("'pairs' must list at least two pairs, each as [term, meaning] or "
                     "{zh: term, en: meaning}", "pairs")
    out = [_one_pair(r, item) for item in raw]
    for side, name in ((0, "term"), (1, "meaning")):
        dup = first_duplicate([p[side] for p in out])
        if dup is not None:
            raise r.fail(f"the {name} '{dup}' appears in two pairs; each must be unique", "pairs")
    return out


def _build_matching(r: RawQuestion):
    pairs = _pairs(r)
    return ({"left": tuple(p[0] for p in pairs), "right": _scramble(r.qid, [p[1] for p in pairs])},
            {"pair": {pair_facet(a, b) for a, b in pairs}, "answer": {all_pairs_facet(pairs)}},
            {"solution": "; ".join(f"{a} → {b}" for a, b in pairs)})


def _build_ordering(r: RawQuestion):
    items = r.texts("items", required=True, minimum=2)
    dup = first_duplicate(items)
    if dup is not None:
        raise r.fail(f"the item '{dup}' is listed twice", "items")
    return ({"items": _scramble(r.qid, list(items))},
            {"position": {position_facet(i, item) for i, item in enumerate(items)},
             "answer": {order_facet(items)}},
            {"solution": " → ".join(items)})


def _build_short_answer(r: RawQuestion):
    model = r.text("model_answer", what="a model answer the student compares with")
    return {}, {}, {"solution": model, "rubric": r.texts("rubric")}


BUILDERS: dict[str, Callable] = {
    "single": _build_choice, "multiple": functools.partial(_build_choice, multiple=True),
    "translation": _build_translation,
    "true_false": _build_true_false, "cloze": _build_cloze, "pinyin": _build_pinyin,
    "matching": _build_matching, "ordering": _build_ordering, "short_answer": _build_short_answer,
}


def _check_not_given_away(r: RawQuestion, prompt: str):
    """A typed answer (cloze, pinyin) must not be readable in the prompt."""
    norm_prompt = normalise(prompt)
    for v in (r.raw.get("answer"),) + r.texts("accept"):
        n = normalise(v)
        if n and len(n) > 1 and n in norm_prompt:
            raise r.fail(f"the prompt gives the answer '{v}' away; reword it", "prompt")


def _scramble(qid: str | None, items: list[str]) -> tuple[str, ...]:
    """A fixed display order that is not the answer's order (the same in every copy)."""
    out = sorted(items, key=lambda s: hashlib.sha256(f"{qid}\x1f{s}".encode()).hexdigest())
    if len(out) > 1 and out == list(items):
        out = out[1:] + out[:1]
    return tuple(out)


# -- a whole set --------------------------------------------------------------------------------
def _set_fields(data: Any, shown: str) -> dict:
    """The set-level fields (title, lesson, article, description), validated."""
    if not isinstance(data, Mapping):
        raise ExerciseError("an exercise set must be a mapping with 'title' and 'questions' "
                            f"at the top, found {type(data).__name__}", path=shown, line=1)
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ExerciseError("the set needs a 'title' (a line of text)", path=shown,
                            line=line_of(data, "title"), field="title")
    for key in ("lesson", "description"):
        if key in data and not isinstance(data[key], str):
            raise ExerciseError(f"'{key}' must be text", path=shown, line=line_of(data, key), field=key)
    article = data.get("article") or ()
    if isinstance(article, str):
        article = (article,)
    if not isinstance(article, (list, tuple)) or not all(isinstance(a, str) for a in article):
        raise ExerciseError("'article' must be an article id or a list of ids", path=shown,
                            line=line_of(data, "article"), field="article")
    return {"title": title.strip(), "lesson": str(data.get("lesson") or ""),
            "article": tuple(article), "description": str(data.get("description") or "").strip()}


def set_from_data(data: Any, shown: str, path: Path | None,
                  read_question: Callable[[Any, str], Question] | None = None,
                  allowed: set | None = None, **extra) -> ExerciseSet:
    """Build an :class:`ExerciseSet` from parsed YAML: the set's fields, then each question
    read by ``read_question(raw, shown)`` (default: :func:`question_from_dict`)."""
    if isinstance(data, Mapping):
        unknown_keys(data, allowed or SET_KEYS, "the set", shown)
    fields = _set_fields(data, shown)
    read_question = read_question or (lambda raw, where: question_from_dict(raw, path=where))
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise ExerciseError("the set needs 'questions': a list with at least one question",
                            path=shown, line=line_of(data, "questions") or 1, field="questions")
    seen: dict[str, int | None] = {}
    questions = []
    for raw in raw_questions:
        q = read_question(raw, shown)
        if q.id in seen:
            raise ExerciseError(f"the id '{q.id}' is used twice (first on line {seen[q.id]}); "
                                "give every question its own id", path=shown,
                                line=line_of(raw, "id"), field="id", question_id=q.id)
        seen[q.id] = line_of(raw, "id")
        questions.append(q)
    return ExerciseSet(questions=tuple(questions), path=path, **fields, **extra)


def read_set_file(path: Path) -> tuple[Any, str]:
    """(the parsed YAML, the path as shown in messages) of one set file."""
    shown = display_path(path)
    return load_yaml(path, error_cls=ExerciseError, source=shown), shown


def load_instructor_set(path: Path) -> ExerciseSet:
    """An instructor's set from its file (a student copy is refused)."""
    data, shown = read_set_file(path)
    if isinstance(data, Mapping) and data.get("released"):
        raise ExerciseError("this is already a student copy; release the instructor's set", path=shown)
    return set_from_data(data, shown, path)
