"""kit.progress: every attempt reported saved is on disk, whatever happens to the writer."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from kit import progress
from kit.errors import ProgressError
from kit.progress import (COLUMNS, SUMMARY_COLUMNS, ProgressWarning, load_student, progress_dir,
                          progress_frame, progress_path, progress_summary, read_attempts,
                          record_attempt, save_student)

DATA = Path(__file__).resolve().parent / "data"

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def progress_folder(tmp_path, monkeypatch):
    folder = tmp_path / "progress"
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(folder))
    return folder


def save(n: int = 1, **kw):
    for i in range(n):
        record_attempt(kw.get("student", "Li Wei"), "01_reading_the_report", f"q{i}", "single",
                       i % 2 == 0, f"answer {i}", attempt=1)


def test_where_progress_goes(progress_folder, monkeypatch):
    assert progress_dir() == progress_folder
    assert progress_path() == progress_folder / "progress.jsonl"
    monkeypatch.delenv("KIT_PROGRESS_DIR")
    import platformdirs

    assert progress_dir() == Path(platformdirs.user_data_dir("kit", appauthor=False)) / "progress"


def test_attempts_are_saved_and_read_back(progress_folder):
    saved = record_attempt("Li Wei", "03_vocabulary", "pinyin-cadre", "pinyin", False, "ganbu",
                           attempt=2)
    assert saved["correct"] is False and saved["attempt"] == 2 and saved["time"]
    lines = (progress_folder / "progress.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == {"format": "kit-progress", "version": 2}
    assert [json.loads(line) for line in lines[1:]] == [saved]
    assert read_attempts() == [saved]


def test_an_old_progress_file_keeps_loading_and_is_never_rewritten(progress_folder):
    """kit 0.1 wrote one JSON document (and numbered every attempt after Retry 1)."""
    progress_folder.mkdir(parents=True)
    old = progress_folder / "progress.json"
    old.write_bytes((DATA / "progress_v1.json").read_bytes())
    before = old.read_bytes()
    record_attempt("Li Wei", "01_reading_the_report", "p2-where", "single", True, "Shenyang",
                   attempt=1, hints=0)
    assert old.read_bytes() == before
    attempts = read_attempts()
    assert [a["question"] for a in attempts] == ["p1-when", "p1-when", "p2-where"]
    summary = progress_summary().set_index("question")
    assert summary.loc["p1-when", "attempts"] == 2, "numbered by order, not by the old counter"
    assert not summary.loc["p1-when", "first_try"] and summary.loc["p1-when", "attempts_to_right"] == 2
    assert summary.loc["p2-where", "first_try"]
    assert progress_frame()["hints"].isna().tolist() == [True, True, False]


def test_progress_frame(progress_folder):
    assert list(progress_frame().columns) == COLUMNS and progress_frame().empty
    save(3)
    record_attempt("Zhang San", "01_reading_the_report", "p3-points", "ordering", True,
                   ["a", "b"], attempt=1)
    frame = progress_frame()
    assert list(frame.columns) == COLUMNS
    assert len(frame) == 4
    assert frame["student"].tolist() == ["Li Wei"] * 3 + ["Zhang San"]
    assert frame["correct"].tolist() == [True, False, True, True]
    assert frame["response"].iloc[3] == '["a", "b"]'
    assert str(frame["time"].dt.tz) == "UTC"
    assert frame.to_csv(index=False).splitlines()[0] == ",".join(COLUMNS)


def test_summary_reports_first_try_attempts_hints_and_self_marking_apart(progress_folder):
    for attempt, correct, hints in ((1, False, 0), (2, False, 1), (3, True, 2)):
        record_attempt("Li Wei", "s", "cloze-1", "cloze", correct, "x", attempt=attempt, hints=hints)
    record_attempt("Li Wei", "s", "tf", "true_false", True, "True", attempt=1, hints=0)
    record_attempt("Li Wei", "s", "essay", "short_answer", True, {"text": "t", "self_assessed": True},
                   attempt=1, hints=0)
    summary = progress_summary()
    assert list(summary.columns) == SUMMARY_COLUMNS
    rows = summary.set_index("question")
    assert rows.loc["cloze-1", ["attempts", "first_try", "attempts_to_right", "hints"]].tolist() == [
        3, False, 3, 2]
    assert rows.loc["tf", "first_try"] and not rows.loc["tf", "self_assessed"]
    assert rows.loc["essay", "self_assessed"] and rows.loc["essay", "right"]
    assert progress_frame()["self_assessed"].tolist() == [False] * 4 + [True]


def test_a_name_is_needed():
    with pytest.raises(ProgressError, match="a student name is needed"):
        record_attempt("  ", "s", "q", "single", True, "a")


# -- crashes in the middle of a write -------------------------------------------------------------
@pytest.mark.parametrize("fail_at", ["fsync", "write"])
def test_a_crash_mid_write_leaves_the_old_file_intact(progress_folder, monkeypatch, fail_at):
    save(2)
    path = progress_folder / "progress.jsonl"
    before = path.read_bytes()
    real_write = os.write

    def boom(fd, data=b"", *rest):
        if fail_at == "write":
            real_write(fd, data[: len(data) // 2])   # half the line reaches the disk
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(progress.os, fail_at, boom)
        with pytest.raises(ProgressError, match="previous file is unchanged"):
            save(1)
    assert path.read_bytes() == before
    assert len(read_attempts()) == 2


def test_a_torn_last_line_is_skipped_then_cut_off(progress_folder):
    save(2)
    path = progress_folder / "progress.jsonl"
    with path.open("a", encoding="utf-8") as f:
        f.write('{"student": "Li Wei", "set": "s", "quest')   # a writer killed mid-line
    assert len(read_attempts()) == 2
    save(1)
    assert [a["question"] for a in read_attempts()] == ["q0", "q1", "q0"]
    assert path.read_text(encoding="utf-8").endswith("}\n")


def test_a_damaged_line_inside_is_reported_and_the_rest_kept(progress_folder):
    save(2)
    path = progress_folder / "progress.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(lines[0] + "garbage\n" + "".join(lines[1:]), encoding="utf-8")
    with pytest.warns(ProgressWarning, match="line 2: a damaged line was skipped"):
        assert len(read_attempts()) == 2


def test_saving_does_not_read_or_rewrite_earlier_attempts(progress_folder, monkeypatch):
    save(3)
    monkeypatch.setattr(progress, "_read_file", lambda *a, **k: pytest.fail("a save read the file"))
    monkeypatch.setattr(progress, "_atomic_write", lambda *a, **k: pytest.fail("a save rewrote it"))
    save(1)


# -- a corrupt file is kept aside, never overwritten ------------------------------------------------
@pytest.mark.parametrize("name", ["progress.jsonl", "progress.json"])
@pytest.mark.parametrize("content", ['{"format": "kit-progress", "attempts": [', "not json at all",
                                     '{"something": "else"}', b"\xff\xfe\x00garbage"])
def test_a_corrupt_file_is_moved_aside(progress_folder, content, name):
    progress_folder.mkdir(parents=True)
    path = progress_folder / name
    raw = content if isinstance(content, bytes) else content.encode("utf-8")
    path.write_bytes(raw)
    with pytest.warns(ProgressWarning, match=rf"could not be read .* moved to .*{name}\.corrupt-"):
        save(1) if name.endswith("l") else read_attempts()
        save(1) if name.endswith("n") else None
    kept = list(progress_folder.glob(f"{name}.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == raw
    assert [a["question"] for a in read_attempts()] == ["q0"]


def test_two_corrupt_files_in_the_same_second_are_both_kept(progress_folder):
    progress_folder.mkdir(parents=True)
    path = progress_folder / "progress.jsonl"
    for text in ("first broken", "second broken"):
        path.write_text(text, encoding="utf-8")
        with pytest.warns(ProgressWarning):
            read_attempts()
    kept = sorted(p.read_text(encoding="utf-8") for p in progress_folder.glob("progress.jsonl.corrupt-*"))
    assert kept == ["first broken", "second broken"]


# -- killed writers and concurrent writers ----------------------------------------------------------
WRITER = textwrap.dedent("""
    import sys
    from kit.progress import record_attempt
    name, count = sys.argv[1], int(sys.argv[2])
    for i in range(count):
        record_attempt(name, "set", f"{name}-{i}", "cloze", True, "x" * 200, attempt=1)
        print(f"saved {name}-{i}", flush=True)
""")


def start_writer(tmp_path, name: str, count: int) -> subprocess.Popen:
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    return subprocess.Popen([sys.executable, str(script), name, str(count)], cwd=PROJECT,
                            stdout=subprocess.PIPE, text=True, env=os.environ.copy())


def test_killing_the_writer_at_random_moments_never_loses_a_saved_attempt(progress_folder, tmp_path):
    rng = random.Random(1952)
    reported: list[str] = []
    parse_failures: list[str] = []
    stop = threading.Event()

    def watch():  # a reader that never takes the lock sees whole lines (the last may be torn)
        path = progress_folder / "progress.jsonl"
        while not stop.is_set():
            try:
                text = path.read_text(encoding="utf-8")
            except FileNotFoundError:
                continue
            lines = text.split("\n")[:-1]
            if lines and json.loads(lines[0]).get("format") != "kit-progress":
                parse_failures.append("no header")
            for line in lines[1:]:
                try:
                    json.loads(line)
                except ValueError as exc:
                    parse_failures.append(str(exc))

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    deadline = time.monotonic() + 40
    try:
        for round_ in range(5):
            proc = start_writer(tmp_path, f"w{round_}", 100_000)
            lines: list[str] = []
            reader = threading.Thread(target=lambda: lines.extend(iter(proc.stdout.readline, "")),
                                      daemon=True)
            reader.start()
            time.sleep(0.4 + rng.random() * 0.8)
            proc.kill()  # SIGKILL: no chance to clean up
            proc.wait(timeout=10)
            reader.join(timeout=10)
            reported += [ln.split()[1] for ln in lines if ln.startswith("saved ")]
            attempts = read_attempts()  # parses, and
            saved = {a["question"] for a in attempts}
            missing = [r for r in reported if r not in saved]
            assert not missing, f"attempts reported saved but lost: {missing[:5]}"
            assert time.monotonic() < deadline
    finally:
        stop.set()
        watcher.join(timeout=5)
    assert not parse_failures, parse_failures[:3]
    assert len(reported) > 5, "the writer had time to save some attempts"
    assert not list(progress_folder.glob("progress.jsonl.corrupt-*"))


def test_two_writers_at_once_lose_nothing(progress_folder, tmp_path):
    procs = [start_writer(tmp_path, name, 25) for name in ("a", "b")]
    for p in procs:
        out, _ = p.communicate(timeout=60)
        assert p.returncode == 0 and out.count("saved") == 25
    questions = sorted(a["question"] for a in read_attempts())
    assert questions == sorted([f"a-{i}" for i in range(25)] + [f"b-{i}" for i in range(25)])


# -- the student's name ----------------------------------------------------------------------------
def test_student_name_is_stored_once(progress_folder):
    assert load_student() is None
    assert not progress_folder.exists(), "reading the profile creates nothing"
    assert save_student("  Li Wei ") == "Li Wei"
    assert load_student() == "Li Wei"
    with pytest.raises(ProgressError, match="type a name"):
        save_student(" ")
    (progress_folder / "profile.json").write_text("{broken", encoding="utf-8")
    assert load_student() is None
