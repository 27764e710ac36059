"""Loading a corpus: sorting, lookup, frames, and bad files that never hide good ones."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

import kit

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"  # copies of the two seeds


def test_the_two_seed_articles(corpus):
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
    src = ARTICLES / "003_0d759123a74baf35.txt"
    (tmp_path / name).write_text(text if text is not None else src.read_text(encoding="utf-8"), encoding="utf-8")


def test_sorted_by_date_then_id(tmp_path):
    text = (ARTICLES / "003_0d759123a74baf35.txt").read_text(encoding="utf-8")
    _copy(tmp_path, "b.txt", text)
    _copy(tmp_path, "a.txt", text)
    _copy(tmp_path, "c.txt", text.replace("1952-08-03", "1951-01-02"))
    corpus = kit.load_corpus(tmp_path)
    assert corpus.ids == ["c", "a", "b"]
    assert corpus["c"].date == dt.date(1951, 1, 2)


def test_list_of_files_and_single_file(corpus):
    files = sorted(ARTICLES.glob("*.txt"))
    assert kit.load_corpus(files).ids == corpus.ids
    assert kit.load_corpus(files[1]).ids == ["003_0d759123a74baf35"]


def test_report_mode_keeps_the_good_files(tmp_path):
    for f in ARTICLES.glob("*.txt"):
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "005_bad.txt").write_text(
        (ARTICLES / "003_0d759123a74baf35.txt").read_text(encoding="utf-8").replace("Page: 2", "Page: II"),
        encoding="utf-8")
    (tmp_path / "006_gbk.txt").write_bytes((ARTICLES / "000_7ca6473d3635779a.txt").read_text(encoding="utf-8").encode("gb18030"))
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


def test_folder_listing_takes_only_txt_entries(tmp_path):
    """The *.txt entries of the folder, sorted by name: not other files."""
    from kit.corpus import article_files

    text = (ARTICLES / "003_0d759123a74baf35.txt").read_text(encoding="utf-8")
    for name in ["b.txt", "a.txt", "notes.md", "a.txt.bak", "10.txt", "2.txt"]:
        _copy(tmp_path, name, text)
    assert [f.name for f in article_files(tmp_path)] == ["10.txt", "2.txt", "a.txt", "b.txt"]
    assert article_files(tmp_path) == sorted(tmp_path.glob("*.txt"))
    assert kit.load_corpus(tmp_path).ids == ["10", "2", "a", "b"]
    assert kit.load_corpus(str(tmp_path))["a"].path == tmp_path / "a.txt"


def _odd_folder(tmp_path):
    """Two good articles, and four *.txt entries that are not article files."""
    import os

    text = (ARTICLES / "003_0d759123a74baf35.txt").read_text(encoding="utf-8")
    _copy(tmp_path, "a.txt", text)
    _copy(tmp_path, "z.txt", text)
    (tmp_path / "f.txt").mkdir()
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.txt")
    return tmp_path


def test_entries_that_are_not_files_are_problems_with_their_name(tmp_path):
    """Nothing is skipped silently: each odd entry is a problem saying what it is (and a named
    pipe is never opened: this test would hang)."""
    folder = _odd_folder(tmp_path)
    corpus = kit.load_corpus(folder, errors="report")
    assert corpus.ids == ["a", "z"]
    found = {Path(p.path).name: p.reason for p in corpus.problems}
    assert found["f.txt"].startswith("this is a folder, not an article file")
    assert found["loop.txt"].startswith("this is a symbolic link that leads back to itself")
    assert found["dangling.txt"].startswith("this is a symbolic link to ") and "which does not exist" in found["dangling.txt"]
    if (folder / "pipe.txt").exists():
        assert found["pipe.txt"].startswith("this is a named pipe (FIFO), not an article file")
    assert all(p.path.startswith(str(folder)) for p in corpus.problems)
    with pytest.raises(kit.ArticleFormatError, match="dangling.txt: this is a symbolic link"):
        kit.load_corpus(folder)


def test_a_named_pipe_in_a_list_does_not_hang(tmp_path):
    import os
    import threading

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    os.mkfifo(tmp_path / "x.txt")
    box = {}
    thread = threading.Thread(target=lambda: box.update(c=kit.load_corpus([tmp_path / "x.txt"], errors="report")),
                              daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "load_corpus blocked on a named pipe"
    (problem,) = box["c"].problems
    assert "named pipe" in problem.reason


def test_empty_folder_gives_an_empty_corpus(tmp_path):
    assert len(kit.load_corpus(tmp_path)) == 0


def test_select_by_id(corpus):
    unit = corpus.select(["003_0d759123a74baf35"])
    assert unit.ids == ["003_0d759123a74baf35"] and unit[0] is corpus["003_0d759123a74baf35"]
    with pytest.raises(kit.UnknownIdError, match="unknown article 'nope'"):
        corpus.select(["nope"])


def test_problems_name_the_folder_and_the_file(tmp_path):
    text = (ARTICLES / "003_0d759123a74baf35.txt").read_text(encoding="utf-8")
    _copy(tmp_path, "good.txt", text)
    _copy(tmp_path, "bad.txt", text.replace("Date: 1952-08-03", "Date: 1952-02-30"))
    corpus = kit.load_corpus(tmp_path, errors="report")
    assert corpus.ids == ["good"]
    (problem,) = corpus.problems
    assert problem.path == f"{tmp_path}/bad.txt" and problem.line == 3
    assert str(problem).startswith(f"{tmp_path}/bad.txt, line 3: expected a date like 1952-08-03")


def test_many_files_load_in_order(tmp_path):
    data = [p.read_bytes() for p in sorted(ARTICLES.glob("*.txt"))]
    for i in range(200):
        (tmp_path / f"{i:03d}_copy.txt").write_bytes(data[i % 2])
    corpus = kit.load_corpus(tmp_path)
    assert len(corpus) == 200 and corpus.problems == []
    assert corpus.ids == [f"{i:03d}_copy" for i in range(200)]
    assert {len(a.paragraphs_zh) for a in corpus} == {3}


# -- instructors add articles to seeds/: nothing the unit relies on changes ----------------------
ROOT = Path(__file__).resolve().parents[1]
ARTICLE_ID = re.compile(r"\b\d{3}_[0-9a-f]{16}\b")


def _extra_articles(folder: Path) -> list[str]:
    """Four more valid articles, one dated before the seeds (so it sorts first)."""
    report = (ARTICLES / "000_7ca6473d3635779a.txt").read_text(encoding="utf-8")
    commentary = (ARTICLES / "003_0d759123a74baf35.txt").read_text(encoding="utf-8")
    extras = {
        "001_instructor_early": report.replace("1952-08-03", "1951-04-01"),
        "005_ma_hengchang": commentary.replace("1952-08-03", "1952-09-15").replace("Page: 2", "Page: 1"),
        "010_copy_of_report": report,
        "zz_last": commentary.replace("1952-08-03", "1953-01-01"),
    }
    for name, text in extras.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return sorted(extras)


@pytest.fixture
def seeds_with_more_articles(tmp_path, monkeypatch):
    """The project's seeds/ plus four articles an instructor added, as the kit's seeds folder."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for f in (ROOT / "seeds").glob("*.txt"):
        shutil.copy(f, folder / f.name)
    extra = _extra_articles(folder)
    monkeypatch.setenv("KIT_SEEDS_DIR", str(folder))
    return folder, extra


def test_more_articles_in_seeds_load_and_check(seeds_with_more_articles, capsys):
    from kit.cli import main

    folder, extra = seeds_with_more_articles
    corpus = kit.load_corpus()
    assert corpus.problems == [] and set(extra) <= set(corpus.ids)
    assert len(corpus) == len(list(folder.glob("*.txt")))
    assert corpus.ids[0] == "001_instructor_early"  # sorted by date: positions change, ids do not
    assert main(["check", "-q"]) == 0
    assert f"{len(corpus)} of {len(corpus)} article file(s) ok" in capsys.readouterr().err


def test_the_articles_the_lessons_use_are_there(seeds_with_more_articles):
    corpus = kit.load_corpus()
    used = set()
    for path in [*(ROOT / "notebooks").glob("*.ipynb"), *(ROOT / "exercises").glob("*.ipynb"),
                 *(ROOT / "exercises").glob("*.yaml")]:
        used |= set(ARTICLE_ID.findall(path.read_text(encoding="utf-8")))
    assert used and used <= set(corpus.ids), used - set(corpus.ids)


def test_start_here_notebook_runs_with_more_articles(seeds_with_more_articles, capsys):
    """The code cells of 00_start_here, run in order: they print what the notebook has stored
    (made with the two seeds only) and still show the unit's two articles."""
    import nbformat

    nb = nbformat.read(ROOT / "notebooks" / "00_start_here.ipynb", as_version=4)
    namespace: dict = {}
    stored = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, "00_start_here", "exec"), namespace)  # noqa: S102
            stored += [out.text for out in cell.outputs if out.output_type == "stream"]
    assert len(namespace["corpus"]) == 6
    assert namespace["unit"].ids == ["000_7ca6473d3635779a", "003_0d759123a74baf35"]
    assert len(namespace["unit"].articles_frame()) == 2
    assert capsys.readouterr().out == "".join(stored)
