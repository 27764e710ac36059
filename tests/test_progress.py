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
from kit.progress import (COLUMNS, ProgressWarning, load_student, progress_dir, progress_frame,
                          progress_path, read_attempts, record_attempt, save_student)

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
    assert progress_path() == progress_folder / "progress.json"
    monkeypatch.delenv("KIT_PROGRESS_DIR")
    import platformdirs

    assert progress_dir() == Path(platformdirs.user_data_dir("kit", appauthor=False)) / "progress"


def test_attempts_are_saved_and_read_back(progress_folder):
    saved = record_attempt("Li Wei", "03_vocabulary", "pinyin-cadre", "pinyin", False, "ganbu",
                           attempt=2)
    assert saved["correct"] is False and saved["attempt"] == 2 and saved["time"]
    data = json.loads((progress_folder / "progress.json").read_text(encoding="utf-8"))
    assert data["format"] == "kit-progress" and data["attempts"] == [saved]
    assert read_attempts() == [saved]


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


def test_a_name_is_needed():
    with pytest.raises(ProgressError, match="a student name is needed"):
        record_attempt("  ", "s", "q", "single", True, "a")


# -- crashes in the middle of a write -------------------------------------------------------------
class _HalfWrite:
    """A file whose write stops half-way with 'disk full'."""

    def __init__(self, f):
        self.f = f

    def write(self, text):
        self.f.write(text[: len(text) // 2])
        raise OSError(28, "No space left on device")

    def __getattr__(self, name):
        return getattr(self.f, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.f.close()


@pytest.mark.parametrize("fail_at", ["os.replace", "os.fsync", "write"])
def test_a_crash_mid_write_leaves_the_old_file_intact(progress_folder, monkeypatch, fail_at):
    save(2)
    path = progress_folder / "progress.json"
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as m:
        if fail_at == "write":
            real_fdopen = os.fdopen
            m.setattr(progress.os, "fdopen", lambda *a, **k: _HalfWrite(real_fdopen(*a, **k)))
        else:
            m.setattr(progress.os, fail_at.split(".")[1], boom)
        with pytest.raises(ProgressError, match="previous file is unchanged"):
            save(1)
    assert path.read_bytes() == before
    assert len(read_attempts()) == 2
    assert not list(progress_folder.glob(".progress.json.*.tmp")), "the temp file is cleaned up"


def test_stale_temp_files_are_removed(progress_folder):
    save(1)
    stale = progress_folder / ".progress.json.abc123.tmp"
    stale.write_text('{"half": ', encoding="utf-8")
    save(1)
    assert not stale.exists()


# -- a corrupt file is kept aside, never overwritten ------------------------------------------------
@pytest.mark.parametrize("content", ['{"format": "kit-progress", "attempts": [', "not json at all",
                                     '{"something": "else"}', b"\xff\xfe\x00garbage"])
def test_a_corrupt_file_is_moved_aside(progress_folder, content):
    progress_folder.mkdir(parents=True)
    path = progress_folder / "progress.json"
    raw = content if isinstance(content, bytes) else content.encode("utf-8")
    path.write_bytes(raw)
    with pytest.warns(ProgressWarning, match=r"could not be read .* moved to .*progress\.json\.corrupt-"):
        save(1)
    kept = list(progress_folder.glob("progress.json.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == raw
    assert [a["question"] for a in read_attempts()] == ["q0"]


def test_two_corrupt_files_in_the_same_second_are_both_kept(progress_folder):
    progress_folder.mkdir(parents=True)
    path = progress_folder / "progress.json"
    for text in ("first broken", "second broken"):
        path.write_text(text, encoding="utf-8")
        with pytest.warns(ProgressWarning):
            read_attempts()
    kept = sorted(p.read_text(encoding="utf-8") for p in progress_folder.glob("progress.json.corrupt-*"))
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

    def watch():  # a reader that never takes the lock must always see a whole file
        path = progress_folder / "progress.json"
        while not stop.is_set():
            try:
                text = path.read_text(encoding="utf-8")
            except FileNotFoundError:
                continue
            try:
                json.loads(text)
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
    assert not list(progress_folder.glob("progress.json.corrupt-*"))


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
