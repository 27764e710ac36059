"""``python -m kit``: list, show, check (with exit status and file:line: message)."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kit.cli import PACKAGES, main

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = Path(__file__).resolve().parent / "data" / "articles"  # copies of the two seeds


def test_list(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["id", "date", "page", "column", "paragraphs", "title"]
    assert out[1].startswith("000_7ca6473d3635779a  1952-08-03")
    assert "经济生活简评" in out[2] and "3/3" in out[2]


@pytest.mark.parametrize("lang", ["zh", "en", "both"])
def test_show(capsys, lang):
    assert main(["show", "003_0d759123a74baf35", "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert out.startswith("及时总结和传播推广先进经验的经验\n")
    assert ("全国性的增产节约运动开展以来" in out) == (lang != "en")
    assert ("Since the launch of the national campaign" in out) == (lang != "zh")
    assert "People's Daily" in out


def test_show_unknown_id(capsys):
    assert main(["show", "0001"]) == 2
    assert "unknown article '0001'" in capsys.readouterr().err


def test_show_from_a_folder_that_does_not_exist(tmp_path, capsys):
    assert main(["show", "0001", "--path", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err.startswith("no article folder or file at")


def test_check_good(capsys):
    assert main(["check"]) == 0
    assert "2 of 2 article file(s) ok" in capsys.readouterr().err


def test_check_bad_files(tmp_path, capsys):
    good = (ARTICLES / "000_7ca6473d3635779a.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(good.replace("\n1952-08-03\n", "\n1952-13-45\n"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(good.replace("Original: ", ""), encoding="utf-8")
    (tmp_path / "c.txt").write_text(good, encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert lines[0] == f"{tmp_path / 'a.txt'}:21: expected a date like 1952-08-03 after the Chinese title, found '1952-13-45' (there is no month 13)"
    assert lines[1].startswith(f"{tmp_path / 'b.txt'}:29: there is no 'Original:' line")
    assert lines[2].startswith("ok  ")
    assert "1 of 3 article file(s) ok, 2 with problems" in out.err


def test_module_entry_point_exit_status(tmp_path):
    (tmp_path / "x.txt").write_text("Title: only a title\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "kit", "check", "-q", str(tmp_path / "x.txt")],
                         capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 1
    assert run.stdout.strip() == f"{tmp_path / 'x.txt'}:1: there is no 'Original:' line: expected the English translation, then a line 'Original:', then the Chinese original"


def test_glossary_exports(tmp_path, capsys):
    assert main(["glossary", "--csv", str(tmp_path / "g.csv"), "--anki", str(tmp_path / "g.apkg")]) == 0
    out = capsys.readouterr().out
    assert "terms written to" in out and "flashcards written to" in out
    assert "郝建秀工作法" in (tmp_path / "g.csv").read_text(encoding="utf-8-sig")
    assert (tmp_path / "g.apkg").read_bytes()[:2] == b"PK"


def test_handout(tmp_path, capsys):
    assert main(["handout", "003_0d759123a74baf35", "-o", str(tmp_path / "h.html")]) == 0
    page = (tmp_path / "h.html").read_text(encoding="utf-8")
    assert "增产节约运动" in page and "<html" in page.lower()


def test_doctor(capsys):
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "Articles: 2 loaded, 0 with problems" in out
    assert "Chinese font for plots:" in out and "jupyterlab" in out


def test_doctor_reports_every_dependency_of_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["test"]
    assert {re.split(r"[<>=!~ \[]", r, maxsplit=1)[0].lower() for r in wanted} == \
        {p.lower() for p in PACKAGES}


# -- bad input: named pipes, odd folder entries, empty folders, cut files ----------------------
def _kit(*args, timeout=60, **kw):
    return subprocess.run([sys.executable, "-m", "kit", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout, **kw)


def test_check_a_named_pipe_does_not_hang(tmp_path):
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    os.mkfifo(tmp_path / "x.txt")
    run = _kit("check", str(tmp_path / "x.txt"), timeout=30)
    assert run.returncode == 1
    assert run.stdout.strip() == (f"{tmp_path / 'x.txt'}:0: this is a named pipe (FIFO), not an article file: "
                                  "the kit reads only regular files")


def test_check_names_every_odd_entry_of_a_folder(tmp_path, capsys):
    import os

    text = (ARTICLES / "003_0d759123a74baf35.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "f.txt").mkdir()
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    odd = 3
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.txt")
        odd += 1
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr()
    problems = {line.split(":")[0].rsplit("/", 1)[-1]: line for line in out.out.splitlines() if not line.startswith("ok")}
    assert "this is a folder" in problems["f.txt"]
    assert "leads back to itself" in problems["loop.txt"]
    assert "which does not exist" in problems["dangling.txt"]
    assert len(problems) == odd and f"1 of {odd + 1} article file(s) ok, {odd} with problems" in out.err


def test_check_a_folder_without_articles_fails_and_says_so(tmp_path, capsys):
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path}: no article files here" in err and "0 of 0 article file(s) ok" in err


def test_check_shows_warnings_and_still_passes(tmp_path, capsys):
    text = (ARTICLES / "000_7ca6473d3635779a.txt").read_text(encoding="utf-8")
    (tmp_path / "cut.txt").write_text(text[: text.index("是保证实现先进增产节约计划的基本办法")], encoding="utf-8")
    assert main(["check", "-q", str(tmp_path)]) == 0
    out = capsys.readouterr()
    assert out.out.startswith(f"{tmp_path / 'cut.txt'}:29: warning: the last Chinese paragraph ends with ")
    assert "1 of 1 article file(s) ok, 1 warning(s)" in out.err


def test_show_into_a_closed_pipe_ends_quietly():
    """python -m kit show ID | head: no BrokenPipeError traceback."""
    import os

    if os.name != "posix":
        pytest.skip("needs a POSIX shell")
    run = subprocess.run(f"'{sys.executable}' -m kit show 000_7ca6473d3635779a --width 40 | head -n 1",
                         shell=True, capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert run.stdout == "东北总工会召开干部大会 介绍某工厂推广先进经验的经验\n"
    assert "Traceback" not in run.stderr and "BrokenPipeError" not in run.stderr


def test_progress_table_fits_a_terminal(tmp_path, monkeypatch, capsys):
    from kit.progress import record_attempt

    monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path))
    long_answer = "推广先进经验的经验 " * 30
    record_attempt("a-student-with-a-rather-long-name", "01_reading_the_report", "q1", "short",
                   correct=False, response=long_answer)
    record_attempt("a-student-with-a-rather-long-name", "01_reading_the_report", "q1", "short",
                   correct=True, response="七月二十日", attempt=2)
    assert main(["progress"]) == 0
    lines = capsys.readouterr().out.splitlines()
    from kit.cli import TABLE_WIDTH, _width

    assert len(lines) == 3 and lines[0].split()[:3] == ["student", "set", "question"]
    assert all(_width(line) <= TABLE_WIDTH for line in lines), [_width(line) for line in lines]
    assert "…" in lines[1] and "七月二十日" in lines[2]
    assert main(["progress", "--csv"]) == 0
    assert long_answer.strip() in capsys.readouterr().out  # the CSV keeps every character
