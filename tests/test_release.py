"""Student copies attacked as a curious student would: with the kit's own loader, with a
dictionary, and by timing one guess (issue 12). Released at the real cost, in both modes."""

from __future__ import annotations

import dataclasses
import re
import time
from pathlib import Path

import pytest

from kit._data import exercises_dir
from kit.exercises import (TYPED, check, list_sets, load_exercises, normalise, pinyin_parts,
                           release_notice, release_sets)
from kit.exercises.sealing import CHOICE_COST, TYPED_COST, derive, new_salt

SETS = {name: load_exercises(name) for name in list_sets()}
MIN_SECRET_CHARS = 12           # shorter texts (e.g. "Yes.") may be public words by chance
GUESS_BUDGET_S = 2.0            # CPU seconds the dictionary attack may spend
MAX_GUESSES_PER_S = 40          # what "slow" means here, per core
MIN_GUESS_CPU_S = 0.050         # issue 12: one guess costs at least 50 ms of CPU


_COPIES: dict = {}


def _release(mode: str, tmp_path_factory) -> tuple[str, dict]:
    """Every set released once per mode, at the real cost (shared by the tests below)."""
    if mode not in _COPIES:
        written = release_sets(exercises_dir(), tmp_path_factory.mktemp(mode), mode=mode)
        _COPIES[mode] = mode, {p.stem: p for p in written if p.suffix == ".yaml"}
    return _COPIES[mode]


@pytest.fixture(scope="module", params=["practice", "exam"])
def copies(request, tmp_path_factory):
    return _release(request.param, tmp_path_factory)


@pytest.fixture(scope="module")
def exam_copies(tmp_path_factory):
    return _release("exam", tmp_path_factory)


# -- what a student must not be able to read ------------------------------------------------------
def typed_secrets(q) -> list[str]:
    """Every form of a typed answer: the answer, each accepted variant, pinyin letters and numbers."""
    if q.type not in TYPED:
        return []
    facets = dict(q.key.facets)
    if q.type == "cloze":
        return sorted(facets["answer"])
    return sorted({q.solution, *facets["letters"]})


def text_secrets(q) -> list[str]:
    """What is shown only after answering: explanation, worked answer, per-choice feedback."""
    public = {q.prompt, *q.choices, *q.left, *q.right, *q.items, *q.hints}
    texts = [q.explanation, *(fb for _, fb in q.feedback), *q.rubric]
    if q.type in TYPED or q.type in ("matching", "ordering", "short_answer"):
        texts.append(q.solution)
    return [t for t in texts if t and len(t) > MIN_SECRET_CHARS and t not in public]


def strings_in(obj, seen=None):
    """Every string reachable from ``obj``: dataclass fields, tuples, lists, dicts, sets, bytes."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, bytes):
        yield obj.decode("latin-1")
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from strings_in(getattr(obj, f.name), seen)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from strings_in(k, seen)
            yield from strings_in(v, seen)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for item in obj:
            yield from strings_in(item, seen)
    elif hasattr(obj, "__dict__"):
        yield from strings_in(vars(obj), seen)


def readable(secret: str, text: str, lang: str) -> bool:
    n = normalise(secret, lang)
    t = normalise(text, lang)
    if re.search(r"[\u3400-\u9fff]", n):
        return n in t
    return re.search(rf"(?<![\w]){re.escape(n)}(?![\w])", t) is not None


@pytest.mark.parametrize("name", sorted(SETS))
def test_the_kits_own_loader_finds_no_answer_in_a_student_copy(name, copies):
    mode, paths = copies
    student = load_exercises(paths[name])
    assert student.released and student.mode == mode
    haystack = [*strings_in(student), paths[name].read_text(encoding="utf-8")]
    found = []
    for q in SETS[name]:
        lang = q.lang or "en"
        for secret in typed_secrets(q):
            found += [f"{q.id}: answer {secret!r}" for text in haystack if readable(secret, text, lang)]
        for secret in text_secrets(q):
            found += [f"{q.id}: {secret[:40]!r}" for text in haystack if secret in text]
    assert not found, found[:10]


@pytest.mark.parametrize("name", sorted(SETS))
def test_an_exam_copy_never_shows_a_typed_answer_even_after_every_hint(name, exam_copies):
    """(A practice copy does, after the last hint: the README says so plainly; tested cheaply in
    test_exercises.py.)"""
    _, paths = exam_copies
    student = load_exercises(paths[name])
    for q in (q for q in SETS[name] if q.type in TYPED):
        fb = check(student[q.id], "zzz" if q.type == "cloze" else "ma1", attempt=len(q.hints) + 1)
        assert fb.done and fb.correct is False
        assert fb.solution is None and fb.explanation is None


def test_feedback_is_the_same_on_the_copy_for_typed_answers(exam_copies):
    """Right, wrong, almost and hints, at the real cost (every type and both modes are compared
    cheaply in test_exercise_sets.py)."""
    _, paths = exam_copies
    for name, s in SETS.items():
        student = load_exercises(paths[name])
        for q in (q for q in s if q.type in TYPED):
            right = q.solution
            wrong = pinyin_parts(q.solution)[0] if q.type == "pinyin" else "完全错误"
            assert check(q, right) == check(student[q.id], right)
            plain, copy = check(q, wrong), check(student[q.id], wrong)
            assert (plain.correct, plain.almost, plain.hint, plain.message) == (
                copy.correct, copy.almost, copy.hint, copy.message)


# -- what a guess costs --------------------------------------------------------------------------------
def test_one_guess_costs_at_least_50_ms_of_cpu():
    salt = new_salt()
    start = time.process_time()
    rounds = 3
    for i in range(rounds):
        derive(salt, TYPED_COST, "q", "answer", f"guess{i}")
    per_guess = (time.process_time() - start) / rounds
    print(f"\none guess at TYPED_COST={TYPED_COST}: {per_guess * 1000:.0f} ms CPU")
    assert per_guess >= MIN_GUESS_CPU_S
    assert CHOICE_COST < TYPED_COST


def _jieba_words() -> list[str]:
    import jieba

    dictionary = Path(jieba.__file__).with_name("dict.txt")
    return [line.split(" ", 1)[0] for line in dictionary.read_text(encoding="utf-8").splitlines()]


def test_the_jieba_dictionary_against_a_released_chinese_cloze_answer(exam_copies):
    name, qid = "06_translation_workshop", "cloze-roots"
    plain = SETS[name][qid]
    assert plain.type == "cloze" and plain.lang == "zh"
    target = load_exercises(exam_copies[1][name])[qid]
    words = _jieba_words()
    assert plain.solution in words, "the dictionary would find it, given time"
    tried, found = 0, None
    start = time.process_time()
    for word in words:
        if time.process_time() - start >= GUESS_BUDGET_S:
            break
        tried += 1
        if check(target, word).correct:
            found = word
            break
    rate = tried / (time.process_time() - start)
    hours = len(words) / rate / 3600
    print(f"\n{tried} guesses in {GUESS_BUDGET_S} s CPU: {rate:.1f} guesses/s per core; "
          f"the {len(words):,}-word jieba dictionary would take {hours:.1f} h per core")
    assert found is None
    assert rate <= MAX_GUESSES_PER_S


def test_release_says_what_an_offline_copy_cannot_hide():
    for mode in ("practice", "exam"):
        notice = release_notice(mode)
        assert "cannot be hidden" in notice and "classroom service" in notice
    assert "cannot keep that answer secret" in release_notice("practice")


def test_a_released_notebook_loads_the_set_beside_it(tmp_path, monkeypatch):
    written = release_sets(exercises_dir(), tmp_path / "copy", cost=2)
    notebooks = [p for p in written if p.suffix == ".ipynb"]
    for nb in notebooks:
        code = nb.read_text(encoding="utf-8")
        assert f'QuizView(\\"{nb.stem}.yaml\\"' in code, "the set is named by its file"
    monkeypatch.chdir(tmp_path / "copy")
    assert load_exercises(f"{notebooks[0].stem}.yaml").released
    monkeypatch.chdir(tmp_path)
    with pytest.raises(Exception, match="no exercise set file"):
        load_exercises(f"{notebooks[0].stem}.yaml")
