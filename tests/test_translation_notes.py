"""Translator's notes: every note matches the real seed text, and bad entries are caught."""

from __future__ import annotations

import re

import pytest

import kit
from kit.errors import GlossaryError, TranslationNoteError
from kit.translation_notes import (TranslationNote, TranslationNotes, aligned_english,
                                   load_translation_notes)

SEED_A = "000_7ca6473d3635779a"
SEED_B = "003_0d759123a74baf35"


def test_public_names_are_exported():
    assert kit.load_translation_notes is load_translation_notes
    assert kit.TranslationNote is TranslationNote


def test_at_least_fifteen_notes_on_both_seeds(notes):
    assert len(notes) >= 15
    assert set(notes.articles) == {SEED_A, SEED_B}
    assert len(set(notes.ids)) == len(notes)


def test_every_note_matches_the_real_seed_text(notes, corpus):
    assert notes.verify(corpus) == []
    for note in notes:  # the same check, spelt out, so a failure names the note
        article = corpus[note.article]
        assert note.zh in article.paragraphs_zh[note.paragraph], note.id
        if note.en_used:
            assert note.en_used in aligned_english(article, note.paragraph), note.id


def test_every_note_is_complete_and_sourced(notes):
    for note in notes:
        assert len(note.comment.split()) >= 15 and len(note.reason.split()) >= 10, note.id
        assert note.better.strip(), note.id
        assert note.sources, note.id
        for source in note.sources:
            assert source.url or (source.author and source.year), note.id
            if source.url:
                assert re.match(r"^https?://\S+$", source.url), note.id
        assert note.better != note.en_used, note.id


@pytest.mark.parametrize("zh, en_used", [
    ("青年团", "Communist Youth League"),
    ("推广先进经验的经验", "experience in promoting advanced techniques"),
    ("行政", "administration"),
    ("思想顾虑", "ideological concerns"),
    ("明学暗不学", "outwardly learning but inwardly not learning"),
    ("形式主义的一套作法", "formalistic approaches"),
    ("某工厂", "a factory in Shenyang"),
    ("某工厂", "a certain factory"),
    ("推广先进经验的经验", "experience in promoting advanced experiences"),
    ("推广", "promoted"),
    ("干部", "cadre"),
    ("厂矿", "factories and mines"),
    ("窍门", "tips"),
    ("急躁粗暴", "hasty and crude"),
    ("保守、自满、嫌麻烦", "conservative, complacent, and trouble-averse"),
    ("群众", "masses"),
    ("发动", "mobilize"),
    ("自觉地", "consciously"),
    ("号召", "general appeals"),
    ("号召", "general calls"),
    ("增产节约运动", "increased production and economy campaign"),
])
def test_the_renderings_the_issue_asks_about_have_notes(notes, zh, en_used):
    assert [n.id for n in notes if zh in n.zh and en_used in n.en_used], (zh, en_used)


def test_the_youth_league_note_gives_the_1952_name(notes):
    note = notes["youth-league-anachronism"]
    assert note.article == SEED_A
    assert "New Democratic" in note.better
    assert "1957" in note.comment
    assert any("1957-05-25" in s.title for s in note.sources)


def test_the_title_note_covers_the_english_title_and_first_sentence(notes, corpus):
    note = notes["title-advanced-techniques"]
    article = corpus[SEED_A]
    assert note.paragraph == 0
    assert "Advanced Techniques" in article.title_en
    assert article.paragraphs_en[0].startswith("The Northeast Federation")
    assert note.en_used in article.paragraphs_en[0]
    assert "先进经验" in article.paragraphs_zh[0]


def test_jingsai_is_absent_from_the_seeds_and_the_file_says_so(corpus):
    for article in corpus:
        assert "竞赛" not in "".join(article.paragraphs_zh) + "".join(article.headline_zh)
    header = kit._data.data_path("translation_notes.yaml").read_text(encoding="utf-8")
    assert "竞赛" in header.split("notes:")[0]


def test_notes_for_an_article_and_for_a_sentence(notes, corpus):
    assert {n.article for n in notes.for_article(SEED_B)} == {SEED_B}
    assert notes.for_article(corpus[SEED_B]) == notes.for_article(SEED_B)
    paragraph = corpus[SEED_A].paragraphs_zh[2]
    sentence = next(s for s in re.split(r"(?<=。)", paragraph) if "青年团" in s)
    ids = [n.id for n in notes.for_sentence(SEED_A, sentence)]
    assert {"youth-league-anachronism", "xingzheng-management", "mou-factory-anonymous",
            "experience-doubled", "zengchan-jieyue-campaign"} <= set(ids)
    assert "qiaomen-tips" not in ids
    assert notes.for_sentence(SEED_B, sentence) == []


def test_every_note_is_found_from_some_sentence(notes, corpus):
    """The reader view finds notes sentence by sentence: no note may span two sentences."""
    for note in notes:
        sentences = re.split(r"(?<=[。；？！])", corpus[note.article].paragraphs_zh[note.paragraph])
        assert any(note in notes.for_sentence(note.article, s) for s in sentences), note.id


def test_omitted_renderings(notes):
    note = notes["gongren-qunzhong-omitted"]
    assert note.zh == "工人群众" and "群众" not in note.en_used
    assert not note.omitted  # the phrase is there, only 群众 is dropped
    assert "rank-and-file" in note.better


def test_to_frame_and_repr(notes):
    frame = notes.to_frame()
    assert len(frame) == len(notes)
    assert list(frame.columns[:5]) == ["id", "article", "paragraph", "zh", "en_used"]
    assert "Communist Youth League" in repr(notes["youth-league-anachronism"])
    assert repr(notes).startswith(f"<TranslationNotes: {len(notes)} notes")
    with pytest.raises(KeyError, match="no translation note with id 'x'"):
        notes["x"]


# ------------------------------------------------------------------------------------------
# Validation: errors name the file, the line and the field
# ------------------------------------------------------------------------------------------

GOOD = """\
notes:
  - id: test-note
    article: 000_7ca6473d3635779a
    paragraph: 2
    zh: 青年团
    en_used: Communist Youth League
    comment: It was the New Democratic Youth League in 1952.
    better: the Youth League
    reason: The name changed only in 1957.
    sources:
      - title: A page
        url: https://example.org/page
"""


def _write(tmp_path, text):
    path = tmp_path / "translation_notes.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_loads_and_verifies(tmp_path, corpus):
    loaded = load_translation_notes(_write(tmp_path, GOOD))
    assert isinstance(loaded, TranslationNotes) and loaded.ids == ["test-note"]
    assert loaded.verify(corpus) == []


def test_an_empty_en_used_means_omitted(tmp_path, corpus):
    loaded = load_translation_notes(_write(tmp_path, GOOD.replace(
        "en_used: Communist Youth League", 'en_used: ""')))
    assert loaded[0].omitted and loaded.verify(corpus) == []


@pytest.mark.parametrize("old, new, line, field, message", [
    ("    better: the Youth League\n", "", 2, "better", "has no 'better'"),
    ("    en_used: Communist Youth League\n", "", 2, "en_used", 'write en_used: ""'),
    ("paragraph: 2", "paragraph: two", 4, "paragraph", "paragraph must be a whole number"),
    ("paragraph: 2", "paragraph: -1", 4, "paragraph", "paragraph must be a whole number"),
    ("zh: 青年团", "zh: Youth League", 5, "zh", "zh must be the Chinese phrase"),
    ("    sources:\n      - title: A page\n        url: https://example.org/page\n",
     "    sources: []\n", 10, "sources", "at least one source"),
    ("url: https://example.org/page", "url: example.org", 12, "sources",
     "a url starts with http"),
    ("comment: It", "coment: It", 7, "coment", "unknown field 'coment'"),
])
def test_malformed_notes_name_file_line_and_field(tmp_path, old, new, line, field, message):
    assert old in GOOD
    with pytest.raises(TranslationNoteError) as info:
        load_translation_notes(_write(tmp_path, GOOD.replace(old, new)))
    err = info.value
    assert isinstance(err, GlossaryError), "caught as before by except GlossaryError"
    assert err.path.endswith("translation_notes.yaml")
    assert (err.line, err.field) == (line, field)
    assert message in str(err)


def test_duplicate_ids(tmp_path):
    second = GOOD.split("notes:\n", 1)[1]
    with pytest.raises(TranslationNoteError, match=r"'test-note' is used twice \(first on line 2\)") \
            as info:
        load_translation_notes(_write(tmp_path, GOOD + second))
    assert info.value.line == 13


def test_verify_reports_text_that_is_not_in_the_article(tmp_path, corpus):
    bad = (GOOD.replace("zh: 青年团", "zh: 共青团")
           .replace("en_used: Communist Youth League", "en_used: Young Pioneers"))
    bad += bad.split("notes:\n", 1)[1].replace("test-note", "other-note") \
        .replace("paragraph: 2", "paragraph: 9")
    bad += GOOD.split("notes:\n", 1)[1].replace("test-note", "third-note") \
        .replace("000_7ca6473d3635779a", "999_missing")
    problems = load_translation_notes(_write(tmp_path, bad)).verify(corpus)
    assert len(problems) == 4
    assert problems[0].startswith(str(tmp_path / "translation_notes.yaml") + ":2: note 'test-note'")
    assert "'共青团' is not in Chinese paragraph 2" in problems[0]
    assert "'Young Pioneers' is not in the English aligned with paragraph 2" in problems[1]
    assert "paragraph 9 does not exist; the article has 3" in problems[2]
    assert "no article '999_missing'" in problems[3]
