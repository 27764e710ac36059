"""The exercise sets in exercises/: every question answered right and wrong, as written and as a
student copy; what a student copy must not reveal; facts in the sets checked against the seeds."""

from __future__ import annotations

import json
import re

import pytest

import kit
from kit._data import PROJECT_DIR, exercises_dir
from kit.exercises import (AUTO_CHECKED, BLANK_RE, check, list_sets, load_exercises, normalise,
                           release_sets)
from kit.exercises.sealing import MIN_COST

SET_NAMES = list_sets()
SETS = {name: load_exercises(name) for name in SET_NAMES}
CASES = [(name, q.id) for name, s in SETS.items() for q in s]


@pytest.fixture(scope="module")
def student_copies(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    written = release_sets(exercises_dir(), out, cost=MIN_COST)  # cheap hashes: the logic is tested
    return {p.stem: p for p in written if p.suffix == ".yaml"}, written


@pytest.fixture(scope="module")
def exam_sets(tmp_path_factory):
    out = tmp_path_factory.mktemp("exam")
    written = release_sets(exercises_dir(), out, mode="exam", cost=MIN_COST)
    return {p.stem: load_exercises(p) for p in written if p.suffix == ".yaml"}


@pytest.fixture(scope="module")
def student_sets(student_copies):
    paths, _ = student_copies
    return {name: load_exercises(path) for name, path in paths.items()}


# -- answers for a question, worked out from the instructor's plain key -------------------------
def right_response(q):
    """A right response, built from the instructor's (plain) answer key."""
    facets = dict(q.key.facets)
    if q.type in ("single", "true_false", "translation"):
        return next(c for c in q.choices if normalise(c) in facets["answer"])
    if q.type == "multiple":
        return [c for c in q.choices if normalise(c) in facets["choice"]]
    if q.type in ("cloze", "pinyin"):
        return q.solution
    if q.type == "matching":
        pairs = {}
        for facet in facets["pair"]:
            left, right = facet.split("\x1f")
            pairs[next(x for x in q.left if normalise(x) == left)] = next(
                x for x in q.right if normalise(x) == right)
        return pairs
    if q.type == "ordering":
        order = sorted(facets["position"], key=lambda f: int(f.split("\x1f")[0]))
        return [next(i for i in q.items if normalise(i) == f.split("\x1f")[1]) for f in order]
    return {"text": "My answer.", "self_assessed": True}


def wrong_response(q):
    right = right_response(q)
    if q.type in ("single", "true_false", "translation"):
        return next(c for c in q.choices if c != right)
    if q.type == "multiple":
        wrong = [c for c in q.choices if c not in right]
        return wrong[:1] or right[:-1]
    if q.type == "cloze":
        return "完全错误" if q.lang == "zh" else "utterly wrong"
    if q.type == "pinyin":
        return "ma1ma1"
    if q.type == "matching":
        lefts = list(right)
        return {left: right[lefts[(i + 1) % len(lefts)]] for i, left in enumerate(lefts)}
    if q.type == "ordering":
        return list(reversed(right))
    return {"text": "My answer.", "self_assessed": False}


# -- the sets as a whole --------------------------------------------------------------------------
def test_six_sets_one_per_lesson_with_enough_questions():
    assert SET_NAMES == ["01_reading_the_report", "02_reading_the_commentary", "03_vocabulary",
                         "04_historical_context", "05_language_of_the_campaign",
                         "06_translation_workshop"]
    assert all(len(s) >= 10 for s in SETS.values())
    assert sum(len(s) for s in SETS.values()) >= 60
    used = {q.type for s in SETS.values() for q in s}
    assert used == set(kit.exercises.TYPES)


@pytest.mark.parametrize("name", SET_NAMES)
def test_set_metadata(name):
    s = SETS[name]
    assert s.lesson == f"notebooks/{name}.ipynb"
    assert s.title and s.description
    corpus_ids = set(kit.load_corpus().ids)
    assert s.article and set(s.article) <= corpus_ids
    assert (exercises_dir() / f"{name}.ipynb").is_file(), "each set has its student notebook"


@pytest.mark.parametrize("name, qid", CASES)
def test_every_question_is_complete(name, qid):
    q = SETS[name][qid]
    assert q.prompt and q.hints, "every question has a prompt and at least one hint"
    assert q.explanation, "every question explains its answer"
    if q.type == "translation":
        assert all(q.feedback_for(c) for c in q.choices), "a translation question says why for each option"


# -- right and wrong answers, as written and as a student copy ---------------------------------
@pytest.mark.parametrize("name, qid", CASES)
def test_right_answer_accepted_wrong_rejected(name, qid, student_sets):
    q = SETS[name][qid]
    student_q = student_sets[name][qid]
    right, wrong = right_response(q), wrong_response(q)
    for form in (q, student_q):
        good = check(form, right)
        assert good.correct is True and good.done, (form.key.salt, good)
        bad = check(form, wrong)
        assert bad.correct is False
        if q.hints and q.type != "short_answer":
            assert bad.hint == q.hints[0] and not bad.done
    for attempt in (1, 2, len(q.hints) + 1):
        assert check(q, wrong, attempt) == check(student_q, wrong, attempt), "same feedback in both forms"
    assert check(q, right) == check(student_q, right)


@pytest.mark.parametrize("name, qid", CASES)
def test_an_exam_copy_gives_the_same_results_but_never_the_answer(name, qid, exam_sets):
    q, exam_q = SETS[name][qid], exam_sets[name][qid]
    right, wrong = right_response(q), wrong_response(q)
    assert check(q, right) == check(exam_q, right), "after a right answer: the same explanation"
    for attempt in (1, len(q.hints) + 1):
        plain, exam = check(q, wrong, attempt), check(exam_q, wrong, attempt)
        assert (plain.correct, plain.almost, plain.hint, plain.done, plain.message) == (
            exam.correct, exam.almost, exam.hint, exam.done, exam.message)
        if q.type != "short_answer":
            assert exam.solution is None and exam.explanation is None


@pytest.mark.parametrize("name, qid", [c for c in CASES if SETS[c[0]][c[1]].type == "pinyin"])
def test_pinyin_questions_accept_tone_numbers_and_flag_toneless(name, qid, student_sets):
    from kit.exercises import pinyin_parts

    q = student_sets[name][qid]
    letters, tones, _ = pinyin_parts(SETS[name][qid].solution)
    assert check(q, letters).almost and "add the tones" in check(q, letters).message
    numbered = SETS[name][qid].solution.lower()
    assert check(q, numbered.upper()).correct


# -- what a student copy must not show -------------------------------------------------------------
def _typed_answers(q):
    """Answers a student types (cloze, pinyin): they must never be readable in a student copy."""
    raw = [q.solution] if q.type in ("cloze", "pinyin") else []
    return [a for a in raw if a]


@pytest.mark.parametrize("name", SET_NAMES)
def test_student_copy_hides_the_answer_key(name, student_copies):
    paths, _ = student_copies
    text = paths[name].read_text(encoding="utf-8")
    lowered = text.casefold()
    s = SETS[name]
    assert "correct:" not in text and "answers:" not in text and "model_answer" not in text
    for q in s:
        for answer in _typed_answers(q):
            assert answer.casefold() not in lowered, f"{q.id}: the answer {answer!r} is readable"
        for secret in (q.explanation, q.solution, *(fb for _, fb in q.feedback)):  # hints may show
            if secret and len(secret) > 12 and secret not in (q.prompt, *q.choices):
                assert secret not in text, f"{q.id}: {secret[:40]!r} is readable"
        if q.type in AUTO_CHECKED:
            assert f"id: {q.id}" in text


@pytest.mark.parametrize("name", SET_NAMES)
def test_typed_answers_do_not_appear_elsewhere_in_the_set(name):
    """A cloze or pinyin answer must not be readable in another question's prompt or choices."""
    s = SETS[name]
    public = " ".join([s.title, s.description] + [
        " ".join([q.prompt, q.source, BLANK_RE.sub(" ", q.sentence), q.term, q.context,
                  *q.choices, *q.left, *q.right, *q.items]) for q in s]).casefold()
    for q in s:
        for answer in _typed_answers(q):
            assert answer.casefold() not in public, f"{q.id}: {answer!r} can be read in the set"


def test_student_notebooks_are_copied_without_outputs(student_copies):
    _, written = student_copies
    notebooks = [p for p in written if p.suffix == ".ipynb"]
    assert len(notebooks) == len(SET_NAMES)
    for nb in notebooks:
        data = json.loads(nb.read_text(encoding="utf-8"))
        assert all(not c.get("outputs") for c in data["cells"] if c["cell_type"] == "code")


def test_instructor_sets_are_unchanged_by_release(tmp_path):
    before = {p.name: p.read_bytes() for p in exercises_dir().glob("*.yaml")}
    release_sets(exercises_dir(), tmp_path / "copy", cost=MIN_COST)
    assert before == {p.name: p.read_bytes() for p in exercises_dir().glob("*.yaml")}


def test_each_release_and_each_question_uses_a_new_salt(tmp_path):
    a = release_sets(exercises_dir(), tmp_path / "a", cost=MIN_COST)[0].read_text(encoding="utf-8")
    b = release_sets(exercises_dir(), tmp_path / "b", cost=MIN_COST)[0].read_text(encoding="utf-8")
    salt = re.compile(r"^  salt: (\w+)$", re.M)
    salts_a, salts_b = salt.findall(a), salt.findall(b)
    assert len(salts_a) == len(SETS[SET_NAMES[0]]) == len(set(salts_a))
    assert not set(salts_a) & set(salts_b)


# -- content checked against the seeds ---------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus():
    return kit.load_corpus()


@pytest.mark.parametrize("name, qid", [c for c in CASES if SETS[c[0]][c[1]].type == "cloze"])
def test_cloze_sentences_come_from_the_articles(name, qid, corpus):
    """Filled in with the answer, every cloze sentence is (a piece of) one of the articles."""
    q = SETS[name][qid]
    filled = BLANK_RE.sub(q.solution, q.sentence).rstrip("…")
    texts = [a.text(q.lang) for a in corpus]
    assert any(filled in t for t in texts), filled


@pytest.mark.parametrize("name, qid", [c for c in CASES if SETS[c[0]][c[1]].type == "pinyin"])
def test_pinyin_answers_agree_with_pypinyin_in_context(name, qid):
    from pypinyin import Style, pinyin

    q = SETS[name][qid]
    assert q.term in q.context, "the context shows the term"
    expected = "".join(s[0] for s in pinyin(q.term, style=Style.TONE))
    assert normalise(q.solution.replace(" ", "")) == normalise(expected)


def test_counts_in_the_language_set_match_the_seeds(corpus):
    report, commentary = corpus["000_7ca6473d3635779a"], corpus["003_0d759123a74baf35"]
    r, c = report.text("zh"), commentary.text("zh")
    r_body = "".join(report.paragraphs_zh)
    c_body = "".join(commentary.paragraphs_zh)
    assert r.count("先进经验") == 12 and c.count("先进经验") == 11
    assert [p.count("先进经验") for p in report.paragraphs_zh] == [1, 3, 8]
    assert [p.count("先进经验") for p in commentary.paragraphs_zh] == [5, 3, 3]
    assert (r.count("推广先进经验"), c.count("推广先进经验")) == (6, 9)
    assert (r.count("经验"), c.count("经验")) == (18, 15)
    assert r.count("学习先进经验") == 3 and c.count("学习先进经验") == 0
    assert (len(r_body), len(c_body)) == (742, 471)
    assert (r.count("群众"), c.count("群众")) == (1, 4)
    assert (r.count("工会"), c.count("工会")) == (6, 2)
    assert (r.count("工人"), c.count("工人")) == (4, 1)
    assert (r.count("领导"), c.count("领导")) == (3, 5)
    for word in ("沈阳", "齐廷汉", "郭瓦廖夫"):
        assert word in r and word not in c
    for word in ("东北总工会", "形式主义"):
        assert word in r and word in c
    en = report.text("en")
    assert len(re.findall(r"advanced experiences?\b", en)) == 11
    assert en.count("advanced techniques") == 1 and "advanced techniques" in report.paragraphs_en[0]
    assert "formalistic approaches" in en


def test_project_has_no_plain_answers_left_in_released_notebook_outputs(student_copies):
    _, written = student_copies
    for nb in (p for p in written if p.suffix == ".ipynb"):
        assert "widgets" not in json.loads(nb.read_text(encoding="utf-8")).get("metadata", {})


def test_sets_name_only_files_inside_the_project():
    for s in SETS.values():
        assert (PROJECT_DIR / s.lesson).suffix == ".ipynb"
        assert not s.lesson.startswith("/")
