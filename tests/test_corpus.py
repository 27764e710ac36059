"""Loading a corpus: sorting, lookup, frames, and bad files that never hide good ones."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

import kit

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_default_corpus_is_the_seeds(corpus):
    assert len(corpus) == 2
    assert corpus.ids == ["000_7ca6473d3635779a", "003_0d759123a74baf35"]
    assert [a.id for a in corpus] == corpus.ids
    assert corpus["003_0d759123a74baf35"].column_zh == "经济生活简评"
    assert corpus.problems == []
    assert repr(corpus) == "<Corpus of 2 article(s)>"
    assert corpus[0] is corpus["000_7ca6473d3635779a"] and "003_0d759123a74baf35" in corpus


def test_unknown_id_lists_the_ids(corpus):
    with pytest.raises(KeyError, match="unknown article '0001': try one of 000_7ca6473d3635779a"):
        corpus["0001"]


def _copy(tmp_path, name, text=None):
    src = SEEDS / "003_0d759123a74baf35.txt"
    (tmp_path / name).write_text(text if text is not None else src.read_text(encoding="utf-8"), encoding="utf-8")


def test_sorted_by_date_then_id(tmp_path):
    text = (SEEDS / "003_0d759123a74baf35.txt").read_text(encoding="utf-8")
    _copy(tmp_path, "b.txt", text)
    _copy(tmp_path, "a.txt", text)
    _copy(tmp_path, "c.txt", text.replace("1952-08-03", "1951-01-02"))
    corpus = kit.load_corpus(tmp_path)
    assert corpus.ids == ["c", "a", "b"]
    assert corpus["c"].date == dt.date(1951, 1, 2)


def test_list_of_files_and_single_file():
    files = sorted(SEEDS.glob("*.txt"))
    assert kit.load_corpus(files).ids == kit.load_corpus().ids
    assert kit.load_corpus(files[1]).ids == ["003_0d759123a74baf35"]


def test_report_mode_keeps_the_good_files(tmp_path):
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "005_bad.txt").write_text(
        (SEEDS / "003_0d759123a74baf35.txt").read_text(encoding="utf-8").replace("Page: 2", "Page: II"),
        encoding="utf-8")
    (tmp_path / "006_gbk.txt").write_bytes((SEEDS / "000_7ca6473d3635779a.txt").read_text(encoding="utf-8").encode("gb18030"))
    corpus = kit.load_corpus(tmp_path, errors="report")
    assert corpus.ids == ["000_7ca6473d3635779a", "003_0d759123a74baf35"]
    assert len(corpus.problems) == 2
    assert [Path(p.path).name for p in corpus.problems] == ["005_bad.txt", "006_gbk.txt"]
    assert all(isinstance(p, kit.ArticleFormatError) for p in corpus.problems)
    assert corpus.problems[0].line == 4
    with pytest.raises(kit.ArticleFormatError, match="005_bad.txt, line 4: expected a page number"):
        kit.load_corpus(tmp_path)


def test_missing_folder_is_explained(tmp_path):
    with pytest.raises(kit.KitError, match="no article folder or file at"):
        kit.load_corpus(tmp_path / "nowhere")


def test_bad_errors_argument():
    with pytest.raises(kit.KitError, match="errors must be 'raise' or 'report'"):
        kit.load_corpus(errors="ignore")


def test_articles_frame(corpus):
    frame = corpus.articles_frame()
    assert list(frame["id"]) == ["000_7ca6473d3635779a", "003_0d759123a74baf35"]
    assert list(frame["paragraphs_zh"]) == [3, 3] and list(frame["paragraphs_en"]) == [3, 3]
    assert list(frame["column_zh"]) == ["", "经济生活简评"]
    assert frame.loc[0, "title_zh"] == "东北总工会召开干部大会 介绍某工厂推广先进经验的经验"
    assert (frame["chars_zh"] > 200).all()


def test_paragraphs_frame(corpus):
    frame = corpus.paragraphs_frame()
    assert list(frame.columns) == ["article", "index", "en", "zh"]
    assert len(frame) == 6
    first = frame.iloc[0]
    assert first["article"] == "000_7ca6473d3635779a" and first["index"] == 0
    assert first["zh"].startswith("东北总工会于七月二十日") and "July 20th" in first["en"]


def test_sentences_frame_has_one_row_per_bead(corpus):
    frame = corpus.sentences_frame()
    assert list(frame.columns) == ["article", "paragraph", "bead", "en", "zh"]
    assert len(frame) == sum(len(a.sentence_pairs()) for a in corpus)
    two_to_one = frame.iloc[3]   # the report's paragraph 1: two English sentences, one Chinese
    assert (two_to_one["article"], two_to_one["paragraph"], two_to_one["bead"]) == \
        ("000_7ca6473d3635779a", 1, 3)
    assert two_to_one["zh"].count("。") == 1 and two_to_one["en"].count(". ") >= 1


def test_folder_listing_takes_only_txt_files(tmp_path):
    """The *.txt files of the folder, sorted by name: not other files, not folders."""
    from kit.corpus import article_files

    text = (SEEDS / "003_0d759123a74baf35.txt").read_text(encoding="utf-8")
    for name in ["b.txt", "a.txt", "notes.md", "a.txt.bak", "10.txt", "2.txt"]:
        _copy(tmp_path, name, text)
    (tmp_path / "folder.txt").mkdir()
    assert [f.name for f in article_files(tmp_path)] == ["10.txt", "2.txt", "a.txt", "b.txt"]
    assert article_files(tmp_path) == sorted(f for f in tmp_path.glob("*.txt") if f.is_file())
    assert kit.load_corpus(tmp_path).ids == ["10", "2", "a", "b"]
    assert kit.load_corpus(str(tmp_path))["a"].path == tmp_path / "a.txt"


def test_problems_name_the_folder_and_the_file(tmp_path):
    text = (SEEDS / "003_0d759123a74baf35.txt").read_text(encoding="utf-8")
    _copy(tmp_path, "good.txt", text)
    _copy(tmp_path, "bad.txt", text.replace("Date: 1952-08-03", "Date: 1952-02-30"))
    corpus = kit.load_corpus(tmp_path, errors="report")
    assert corpus.ids == ["good"]
    (problem,) = corpus.problems
    assert problem.path == f"{tmp_path}/bad.txt" and problem.line == 3
    assert str(problem).startswith(f"{tmp_path}/bad.txt, line 3: expected a date like 1952-08-03")


def test_many_files_load_in_order(tmp_path):
    data = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(200):
        (tmp_path / f"{i:03d}_copy.txt").write_bytes(data[i % 2])
    corpus = kit.load_corpus(tmp_path)
    assert len(corpus) == 200 and corpus.problems == []
    assert corpus.ids == [f"{i:03d}_copy" for i in range(200)]
    assert {len(a.paragraphs_zh) for a in corpus} == {3}
