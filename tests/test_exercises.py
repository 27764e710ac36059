"""kit.exercises: validation, checking, normalisation, student copies, generated cloze questions."""

from __future__ import annotations

import textwrap

import pytest

import kit
from kit.errors import ExerciseError, KitError
from kit.exercises import (TYPES, AnswerKey, check, generate_cloze, load_exercises, normalise,
                           pinyin_parts, question_from_dict, release_set, release_sets)
from kit.exercises.release import released_question, released_question_data
from kit.exercises.sealing import MIN_COST


def write_set(tmp_path, body: str, name: str = "demo.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


GOOD = """\
title: Demo
lesson: notebooks/01_reading_the_report.ipynb
questions:
  - id: q1
    type: single
    prompt: Who called the meeting?
    answers:
      - {answer: The union federation, correct: true}
      - {answer: The government, correct: false, feedback: No.}
  - id: q2
    type: cloze
    prompt: Fill the blank.
    sentence: 各产业工会____大会
    answer: 干部
"""


def released(question, mode="practice"):
    """The same question as a student copy holds it (cheap hashes: only the logic is tested)."""
    return released_question(released_question_data(question, mode, cost=MIN_COST))


# -- loading and validation -------------------------------------------------------------------
def test_load_by_path_and_by_name(tmp_path):
    s = load_exercises(write_set(tmp_path, GOOD))
    assert (s.title, s.lesson, s.ids, s.name) == ("Demo", "notebooks/01_reading_the_report.ipynb",
                                                  ["q1", "q2"], "demo")
    assert [q.type for q in s] == ["single", "cloze"]
    assert load_exercises("01_reading_the_report").path.name == "01_reading_the_report.yaml"
    assert kit.load_exercises("03_vocabulary").title == "Vocabulary of the campaign"


def test_unknown_set_name_lists_the_sets():
    with pytest.raises(ExerciseError, match="did you mean '01_reading_the_report'.*03_vocabulary"):
        load_exercises("01_reading_the_reprot")


@pytest.mark.parametrize("question, message, line", [
    ("  - id: q3\n    type: essay\n    prompt: Why?\n",
     r"line 16: question 'q3': unknown type 'essay'; the types are: single, multiple", 16),
    ("  - id: q3\n    type: single\n    prompt: Why?\n    choices: [a, b]\n",
     r"line 15: question 'q3': 'answer' is missing", 15),
    ("  - id: q3\n    type: single\n    prompt: Why?\n    choices: [a, b]\n    answer: c\n",
     r"line 19: question 'q3': the answer 'c' is not among the choices: a; b", 19),
    ("  - id: q1\n    type: true_false\n    prompt: Why?\n    answer: true\n",
     r"line 15: the id 'q1' is used twice \(first on line 4\)", 15),
    ("  - id: q3\n    type: single\n    prompt: Why?\n    answers: []\n",
     r"line 18: question 'q3': 'answers' is empty", 18),
    ("  - id: q3\n    type: multiple\n    prompt: Why?\n    answers:\n      - {answer: a}\n      - {answer: b}\n",
     r"question 'q3': no answer is marked right", 18),
    ("  - id: q3\n    type: matching\n    prompt: Why?\n    pairs: [[厂长, director], [干部]]\n",
     r"line 18: question 'q3': a pair must be \[term, meaning\]", 18),
    ("  - id: q3\n    type: ordering\n    prompt: Why?\n    items: [only one]\n",
     r"line 18: question 'q3': 'items' needs at least 2 items", 18),
    ("  - id: q3\n    type: true_false\n    answer: true\n",
     r"line 15: question 'q3': 'prompt' is missing", 15),
    ("  - id: q3\n    type: cloze\n    prompt: Fill it.\n    sentence: 各产业工会干部大会\n    answer: 干部\n",
     r"line 18: question 'q3': the sentence has no blank", 18),
    ("  - id: q3\n    type: cloze\n    prompt: Fill it.\n    sentence: 工会____大会, 干部\n    answer: 干部\n",
     r"question 'q3': the answer '干部' can be read in the sentence", 18),
    ("  - id: q3\n    type: pinyin\n    prompt: Why?\n    term: 厂长\n    answer: changzhang\n",
     r"line 19: question 'q3': 'changzhang' has no tones", 19),
    ("  - id: q3\n    type: single\n    prompt: Why?\n    hint: [look]\n    choices: [a, b]\n    answer: a\n",
     r"line 18: question 'q3': unknown field 'hint' in a single question \(did you mean 'hints'\?\)", 18),
])
def test_validation_errors_name_file_line_and_question(tmp_path, question, message, line):
    path = write_set(tmp_path, GOOD + question)
    with pytest.raises(ExerciseError, match=message) as info:
        load_exercises(path)
    err = info.value
    assert err.line == line
    assert err.path.endswith("demo.yaml") and "demo.yaml" in str(err)
    if "used twice" not in message:
        assert err.question_id == "q3"


def test_set_level_errors(tmp_path):
    with pytest.raises(ExerciseError, match="needs a 'title'"):
        load_exercises(write_set(tmp_path, "questions: []\n"))
    with pytest.raises(ExerciseError, match="needs 'questions'"):
        load_exercises(write_set(tmp_path, "title: T\n"))
    with pytest.raises(ExerciseError, match=r"line 3: this is not valid YAML"):
        load_exercises(write_set(tmp_path, "title: T\nquestions: [\n"))


def test_every_type_is_known_to_the_checker():
    from kit.exercises.check import CHECKERS
    from kit.exercises.release import PUBLIC_FIELDS
    from kit.exercises.validate import BUILDERS

    assert set(BUILDERS) == set(CHECKERS) == set(PUBLIC_FIELDS) == set(TYPES)


# -- normalisation ----------------------------------------------------------------------------
@pytest.mark.parametrize("typed, expected", [
    ("干部", "干部"), ("干 部", "干部"), (" 干部。", "干部"), ("ｇａｎｂｕ", "ganbu"),
    ("Mass  Movement", "mass movement"), ("MASS MOVEMENT.", "mass movement"),
    ("“mass movement”", "mass movement"), ("mass\u3000movement", "mass movement"),
])
def test_normalise(typed, expected):
    assert normalise(typed) == expected


@pytest.mark.parametrize("typed", ["gànbù", "gan4bu4", "Gàn Bù", "gan4 bu4", "GAN4BU4", "gàn-bù",
                                   "ｇａｎ４ｂｕ４"])
def test_pinyin_forms_accepted(typed):
    q = question_from_dict({"id": "p", "type": "pinyin", "prompt": "Why?", "term": "干部", "answer": "gànbù"})
    assert check(q, typed).correct is True
    assert check(released(q), typed).correct is True


@pytest.mark.parametrize("typed, almost, words", [
    ("ganbu", True, "add the tones"),
    ("gan3bu4", True, "a tone is not"),
    ("gan bu", True, "add the tones"),
    ("ganbo", False, "Not quite"),
])
def test_pinyin_almost_and_wrong(typed, almost, words):
    q = question_from_dict({"id": "p", "type": "pinyin", "prompt": "Why?", "term": "干部",
                            "answer": "gànbù", "hints": ["h"]})
    for form in (q, released(q)):
        fb = check(form, typed)
        assert fb.correct is False and fb.almost is almost and words in fb.message


def test_characters_typed_for_pinyin_are_explained_not_counted():
    q = question_from_dict({"id": "p", "type": "pinyin", "prompt": "Why?", "term": "干部",
                            "answer": "gànbù", "hints": ["h"]})
    for form in (q, released(q)):
        fb = check(form, "干部")
        assert fb.correct is None and fb.empty and fb.hint is None
        assert "Latin letters" in fb.message and "not the characters" in fb.message


@pytest.mark.parametrize("typed, correct", [("gùlǜ", True), ("gu4lv4", True), ("gu4lu:4", True),
                                            ("GU4LV4", True), ("gu4lu4", False)])
def test_pinyin_umlaut(typed, correct):
    q = question_from_dict({"id": "p", "type": "pinyin", "prompt": "Why?", "term": "顾虑", "answer": "gùlǜ"})
    fb = check(q, typed)
    assert fb.correct is correct
    if not correct:
        assert fb.almost and "ü" in fb.message


def test_pinyin_parts_after_jqxy():
    assert pinyin_parts("qu4")[0] == pinyin_parts("qü4")[0] == "qu"
    assert pinyin_parts("lv4")[0] == "lv" != pinyin_parts("lu4")[0]


@pytest.mark.parametrize("typed, correct", [
    ("mass movement", True), ("Mass Movement", True), ("  mass   movement ", True),
    ("ｍａｓｓ ｍｏｖｅｍｅｎｔ", True), ("a mass movement", True), ("mass movement.", True),
    ("mass movements", False), ("movement", False),
])
def test_cloze_english_normalisation(typed, correct):
    q = question_from_dict({"id": "c", "type": "cloze", "prompt": "Why?", "sentence": "make it a ____.",
                            "answer": "mass movement", "accept": ["a mass movement"]})
    assert check(q, typed).correct is correct
    assert check(released(q), typed).correct is correct


@pytest.mark.parametrize("typed, correct", [("干部", True), (" 干 部 ", True), ("干部。", True),
                                            ("幹部", False), ("工人", False)])
def test_cloze_chinese_normalisation(typed, correct):
    q = question_from_dict({"id": "c", "type": "cloze", "prompt": "Why?", "sentence": "工会____大会",
                            "answer": "干部"})
    assert check(q, typed).correct is correct


# -- checking -------------------------------------------------------------------------------------
def tf_question(hints=("Look at 某.", "某 means 'a certain'.")):
    return question_from_dict({"id": "tf", "type": "true_false", "prompt": "The factory is named.",
                               "answer": False, "hints": list(hints), "explanation": "It is 某工厂.",
                               "feedback": {True: "Look again.", False: "Right, it is anonymous."}})


def test_hints_come_one_at_a_time_then_the_answer():
    q = tf_question()
    first, second, third = (check(q, True, attempt=n) for n in (1, 2, 3))
    assert (first.hint, second.hint, third.hint) == ("Look at 某.", "某 means 'a certain'.", None)
    assert not first.done and first.explanation is None and first.solution is None
    assert third.done and third.solution == "The statement is false." and third.explanation == "It is 某工厂."
    assert "Look again." in first.message


def test_right_answer_shows_explanation_and_choice_feedback():
    fb = check(tf_question(), "False")
    assert fb.correct is True and fb.done and fb.explanation == "It is 某工厂."
    assert "Right, it is anonymous." in fb.message


def test_empty_responses_are_not_attempts():
    q = tf_question()
    for response in (None, "", "  ", []):
        fb = check(q, response)
        assert fb.correct is None and fb.empty


def test_response_outside_the_choices_is_a_clear_error():
    with pytest.raises(KitError, match="'Maybe' is not one of the choices of question 'tf'"):
        check(tf_question(), "Maybe")
    with pytest.raises(KitError, match="attempt counts from 1"):
        check(tf_question(), True, attempt=0)
    o = question_from_dict({"id": "o", "type": "ordering", "prompt": "Why?", "items": ["1935", "1950"]})
    with pytest.raises(KitError, match="'1949' is not one of the items of question 'o': "):
        check(o, ["1949", "1935"])
    with pytest.raises(KitError, match=r"item number 2 does not exist; question 'o' has 2 items \(0 to 1\)"):
        check(o, [2, 0])


def test_multiple_counts_what_is_missing_and_wrong():
    q = question_from_dict({"id": "m", "type": "multiple", "prompt": "Why?", "choices": ["a", "b", "c", "d"],
                            "answer": ["a", "b"]})
    for form in (q, released(q)):
        assert check(form, ["b", "a"]).correct
        assert check(form, [1, 0]).correct
        fb = check(form, ["a", "c"])
        assert not fb.correct and "1 of your ticks is wrong" in fb.message and "1 right answer is not ticked" in fb.message


def test_matching_and_ordering_partial_credit_in_both_forms():
    m = question_from_dict({"id": "m", "type": "matching", "prompt": "Why?",
                            "pairs": [["厂长", "factory director"], ["干部", "cadre"], {"zh": "工会", "en": "trade union"}]})
    o = question_from_dict({"id": "o", "type": "ordering", "prompt": "Why?", "items": ["1935", "1950", "1953", "1958"]})
    assert list(o.items) != ["1935", "1950", "1953", "1958"]  # shown scrambled
    for mq, oq in ((m, o), (released(m), released(o))):
        assert check(mq, {"厂长": "factory director", "干部": "cadre", "工会": "trade union"}).correct
        assert "1 of 3 pairs are right" in check(mq, {"厂长": "factory director", "干部": "trade union",
                                                      "工会": "cadre"}).message
        assert check(oq, ["1935", "1950", "1953", "1958"]).correct
        assert "2 of 4 are in the right place" in check(oq, ["1935", "1950", "1958", "1953"]).message
        assert check(oq, ["1935", "1935", "1953", "1958"]).empty


def test_short_answer_is_self_assessed():
    q = question_from_dict({"id": "s", "type": "short_answer", "prompt": "Whose voices?",
                            "model_answer": "The union's.", "rubric": ["Names the union."]})
    first = check(q, "The workers are missing.")
    assert first.correct is None and first.needs_self_assessment
    assert first.solution == "The union's." and first.rubric == ("Names the union.",)
    assert check(q, {"text": "x", "self_assessed": True}).correct is True
    assert check(q, {"text": "x", "self_assessed": False}).correct is False
    assert check(q, {"text": "", "self_assessed": True}).empty


def test_check_is_pure_and_deterministic():
    q = tf_question()
    assert check(q, True, attempt=2) == check(q, True, attempt=2) == check(released(q), True, attempt=2)


# -- student copies ---------------------------------------------------------------------------
def test_release_hashes_answers_and_round_trips(tmp_path):
    src = write_set(tmp_path, GOOD)
    out = release_set(load_exercises(src), tmp_path / "out" / "demo.yaml", cost=MIN_COST)
    text = out.read_text(encoding="utf-8")
    assert "干部" not in text and "correct" not in text and "No." not in text
    assert "key:" in text and "sealed:" in text and "salt:" in text and "mode: practice" in text
    student = load_exercises(out)
    assert student.released and student.mode == "practice" and student.ids == ["q1", "q2"]
    assert isinstance(student["q2"].key, AnswerKey) and student["q2"].key.cost == MIN_COST
    assert student["q1"].key.salt != student["q2"].key.salt, "a salt per question"
    assert check(student["q2"], "干部").correct and not check(student["q2"], "工人").correct
    assert check(student["q1"], "The government").message == "Not quite. No."
    assert src.read_text(encoding="utf-8") == textwrap.dedent(GOOD)


def test_release_refuses_an_unknown_mode_and_an_old_copy(tmp_path):
    src = write_set(tmp_path, GOOD)
    with pytest.raises(ExerciseError, match="mode must be one of: practice, exam"):
        release_sets(tmp_path, tmp_path / "out", mode="quiz")
    old = write_set(tmp_path, "title: T\nreleased: true\nsalt: abc\nquestions: []\n", "old.yaml")
    with pytest.raises(ExerciseError, match="written by an older kit"):
        load_exercises(old)
    assert src.exists()


def test_release_refuses_to_overwrite_the_source(tmp_path):
    write_set(tmp_path, GOOD)
    with pytest.raises(ExerciseError, match="another folder"):
        release_sets(tmp_path, tmp_path)


def test_release_validates_every_set_before_writing(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    write_set(src, GOOD, "a.yaml")
    write_set(src, GOOD + "  - id: bad\n    type: nope\n    prompt: Why?\n", "b.yaml")
    with pytest.raises(ExerciseError, match="unknown type 'nope'"):
        release_sets(src, tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("field, damage, message", [
    ("sealed", lambda t: t.replace("sealed:\n    ", "sealed:\n    zz", 1), "sealed feedback .* is damaged"),
    ("key", lambda t: t.replace("answer:\n    - ", "answer:\n    - zz", 1), "answer key 'answer' is damaged"),
    ("salt", lambda t: t.replace("salt: ", "salt: x", 1), "salt .* is damaged"),
    ("cost", lambda t: t.replace("cost: 2", "cost: 3", 1), "cost of the answer key .* is damaged"),
])
def test_damaged_student_copy_is_reported(tmp_path, field, damage, message):
    out = release_set(load_exercises(write_set(tmp_path, GOOD)), tmp_path / "s.yaml", cost=MIN_COST)
    text = out.read_text(encoding="utf-8")
    out.write_text(damage(text), encoding="utf-8")
    with pytest.raises(ExerciseError, match=message) as info:
        load_exercises(out)
    assert info.value.line and info.value.question_id in ("q1", "q2")
    assert "fresh copy" in str(info.value)


# -- generated cloze questions ------------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus():
    return kit.load_corpus()


@pytest.mark.parametrize("article_id", ["000_7ca6473d3635779a", "003_0d759123a74baf35"])
def test_generate_cloze_on_the_seeds(corpus, glossary, article_id):
    article = corpus[article_id]
    questions = generate_cloze(article, glossary, 6)
    assert len(questions) == 6
    assert len({q.id for q in questions}) == 6
    assert {q.lang for q in questions} == {"zh", "en"}
    for q in questions:
        assert q.type == "cloze" and q.hints
        filled = q.sentence.replace("____", q.solution)
        text = article.text(q.lang)
        assert filled in text, "the blanked sentence comes from the article"
        assert check(q, q.solution).correct
        assert check(released(q), q.solution).correct
        assert not check(q, "zzz").correct
    assert generate_cloze(article, glossary, 6) == questions  # deterministic


def test_generate_cloze_gives_fewer_when_the_article_has_few_terms(corpus, glossary):
    article = corpus["003_0d759123a74baf35"]
    many = generate_cloze(article, glossary, 500)
    assert 6 < len(many) < 500
    assert generate_cloze(article, glossary, 0) == []


@pytest.mark.parametrize("extra, where", [
    ("  - id: q3\n    type: true_false\n    prompt: Is it so?\n    answer: true\n    hints: [Think of 干部.]\n",
     "question 'q3'"),
    ("  - id: ganbu-sense\n    type: true_false\n    prompt: Is it so?\n    answer: true\n", "question 'ganbu-sense'"),
])
def test_release_refuses_a_set_that_would_give_a_typed_answer_away(tmp_path, extra, where):
    body = GOOD + "  - id: p\n    type: pinyin\n    prompt: Type the pinyin.\n    term: 干部\n    answer: gànbù\n"
    src = tmp_path / "src"
    src.mkdir()
    write_set(src, body + extra)
    with pytest.raises(ExerciseError, match=rf"would give answers away.*can be read in {where}"):
        release_sets(src, tmp_path / "out", cost=MIN_COST)
    assert not (tmp_path / "out").exists()
