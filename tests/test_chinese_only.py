"""Articles with no translation (issue 16): a file holding only the Chinese part loads, is
checked, read, searched and quizzed; alignment features say there is no translation.

``paragraphs_en`` stays a tuple, like every text field of an Article: it is ``()`` (the issue
writes ``[]``; the two are the same emptiness, and tests compare with ``()``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kit
from kit.cli import main
from kit.concordance import concordance
from kit.errors import KitError
from kit.exercises import generate_cloze
from kit.views.reader import MODES, NO_TRANSLATION, ReaderCache, ReaderView, render_reader_html

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"  # copies of the two seeds
COMMENTARY = ARTICLES / "003_0d759123a74baf35.txt"


def chinese_part(with_original: bool) -> str:
    """The commentary's file from its ``### `` title line on (optionally with 'Original:')."""
    text = COMMENTARY.read_text(encoding="utf-8")
    part = text[text.index("### "):]
    return ("Original:\n\n" + part) if with_original else part


@pytest.fixture
def folder(tmp_path):
    """The two seed articles and a Chinese-only copy of the commentary, 900_chinese.txt."""
    for path in ARTICLES.glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "900_chinese.txt").write_text(chinese_part(False), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("with_original", [False, True])
def test_a_chinese_only_file_loads_with_no_english(with_original):
    article = kit.parse_article(chinese_part(with_original), source="chinese.txt")
    full = kit.parse_article(COMMENTARY.read_text(encoding="utf-8"), source="003.txt")
    assert article.paragraphs_en == () and article.title_en == "" and not article.has_translation
    assert article.paragraphs_zh == full.paragraphs_zh
    assert (article.date.isoformat(), article.page, article.column_zh) == ("1952-08-03", 2, "经济生活简评")
    assert article.headline == "及时总结和传播推广先进经验的经验"
    assert article.citation() == ("“及时总结和传播推广先进经验的经验”. Column 《经济生活简评》. "
                                  "人民日报 [People's Daily], August 3, 1952, p. 2.")


def test_kit_check_and_list_accept_it(folder, capsys):
    assert main(["check", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "900_chinese.txt: 1952-08-03 p.2 0 English / 3 Chinese paragraphs (Chinese only" in out
    assert main(["list", str(folder)]) == 0
    listed = capsys.readouterr().out
    assert "900_chinese" in listed and "0/3" in listed and "levels (% of words)" in listed


def test_the_reader_shows_it_with_pinyin_dictionary_levels_and_glossary(folder, glossary):
    article = kit.load_corpus(folder)["900_chinese"]
    for mode in MODES:
        page = render_reader_html(article, mode, pinyin=True, glossary=glossary, mark_above=4,
                                  cache=ReaderCache())
        assert NO_TRANSLATION in page                       # said, not a crash
        assert "kit-mode-zh" in page and "<rt>" in page and 'data-card="' in page
        assert "kit-above" in page and 'data-term="tuiguang"' in page
    view = ReaderView(kit.load_corpus(folder), glossary, article="900_chinese", mode="sentences")
    assert NO_TRANSLATION in view.html.value
    assert view.article.options[-1][0].endswith("(Chinese only)")


def test_concordance_and_generated_cloze_work(folder, glossary):
    corpus = kit.load_corpus(folder)
    lines = [line for line in concordance(corpus, "先进经验") if line.article_id == "900_chinese"]
    assert len(lines) >= 10
    questions = generate_cloze(corpus["900_chinese"], glossary)
    assert questions and all(q.lang == "zh" for q in questions)


def test_alignment_features_say_there_is_no_translation(folder):
    article = kit.load_corpus(folder)["900_chinese"]
    with pytest.raises(KitError, match="needs the English translation, and article "
                                       "'900_chinese' has none"):
        article.parallel(0)
    assert [en for en, _ in article.paragraph_pairs()] == ["", "", ""]
    assert all(not bead[0] for bead in article.sentence_pairs())


def test_levels_and_the_vocabulary_list_work_on_it(folder, tmp_path):
    article = kit.load_corpus(folder)["900_chinese"]
    profile = kit.levels.difficulty_profile(article)
    assert abs(sum(profile.values()) - 1) < 1e-9
    words = kit.levels.words_above(article, 5)
    words.to_csv(tmp_path / "words.csv", index=False)
    assert "领导" not in set(words["word"]) and "干部" in set(words["word"])
    assert "干部" in (tmp_path / "words.csv").read_text(encoding="utf-8")
