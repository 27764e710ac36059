"""Where exercise attempts are kept: one append-only file per computer, never rewritten.

Every answer a student checks in a :class:`kit.views.QuizView` becomes one
*attempt* (student, set, question, type, correct, response, attempt, time, hints),
appended as one JSON line to ``progress.jsonl`` in :func:`progress_dir`:

* the folder is ``platformdirs.user_data_dir("kit", appauthor=False)/progress``,
  or the folder named by the environment variable ``KIT_PROGRESS_DIR``;
* the first line names the format; each attempt is one line, appended, flushed and
  ``os.fsync``-ed before :func:`record_attempt` returns, so saving costs the same with
  50,000 attempts as with one (the old format rewrote the whole file every time);
* a writer killed mid-line leaves a torn last line: readers skip it (it was never
  reported saved) and the next writer cuts it off before appending;
* writers take a lock (``progress.jsonl.lock``), so two notebooks never interleave lines;
* a file that is not a progress file is moved aside to ``progress.jsonl.corrupt-<time>``
  with a warning saying where it went; it is never silently overwritten;
* an old ``progress.json`` (one JSON document, kit 0.1) in the same folder keeps loading:
  its attempts come first, and it is never written again.

The student's name is asked once and kept in ``profile.json`` in the same folder.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "progress.jsonl"   # default: progress_path()
    >>> saved = record_attempt("Li Wei", "01_reading_the_report", "p1-when", "single",
    ...                        True, "20 July 1952", attempt=1, path=path)
    >>> saved["question"], saved["correct"]
    ('p1-when', True)
    >>> frame = progress_frame(path)
    >>> list(frame.columns) == COLUMNS, len(frame)
    (True, 1)
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import warnings
from pathlib import Path
from typing import Any

from .errors import ProgressError
from .safe_files import atomic_write, locked, move_aside

__all__ = ["progress_dir", "progress_path", "record_attempt", "read_attempts", "progress_frame",
           "progress_summary", "load_student", "save_student", "ProgressWarning", "COLUMNS",
           "SUMMARY_COLUMNS", "FILE_NAME", "LEGACY_NAME"]

#: The columns of :func:`progress_frame`, in order (``hints``: hints seen before the attempt;
#: ``self_assessed``: the student marked the answer, a short answer).
COLUMNS = ["student", "set", "question", "type", "correct", "response", "attempt", "time",
           "hints", "self_assessed"]
#: The columns of :func:`progress_summary`: one row per student, set and question.
SUMMARY_COLUMNS = ["student", "set", "question", "type", "attempts", "first_try",
                   "attempts_to_right", "hints", "self_assessed", "right"]

FILE_NAME = "progress.jsonl"
LEGACY_NAME = "progress.json"   # kit 0.1: one JSON document, rewritten on every save
PROFILE_NAME = "profile.json"
_FORMAT = "kit-progress"
_VERSION = 2
_HEADER = json.dumps({"format": _FORMAT, "version": _VERSION}) + "\n"
_TAIL_CHUNK = 4096              # bytes read at a time when looking for the last whole line
_HEADER_MAX = 256               # the header line is short; more than this is not a header


class ProgressWarning(UserWarning):
    """Something happened to the progress file that the student should know about."""


# -- where ---------------------------------------------------------------------------------
def progress_dir() -> Path:
    """The folder of the progress file (``KIT_PROGRESS_DIR`` wins). Not created here."""
    env = os.environ.get("KIT_PROGRESS_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("kit", appauthor=False)) / "progress"


def progress_path() -> Path:
    """The progress file, ``progress_dir() / "progress.jsonl"``."""
    return progress_dir() / FILE_NAME


# -- low-level file handling ---------------------------------------------------------------
def _locked(folder: Path, name: str = FILE_NAME):
    """Hold the lock of ``folder/<name>`` (see :func:`kit.safe_files.locked`)."""
    return locked(Path(folder) / name, "your progress")


def _atomic_write(path: Path, text: str) -> None:
    atomic_write(path, text, "your progress")


def _move_aside(path: Path, problem: str) -> Path:
    target = move_aside(path)
    warnings.warn(f"The progress file {path} could not be read ({problem}). It was moved to "
                  f"{target} so nothing in it is lost, and a new progress file was started. "
                  "Show both files to your instructor if earlier attempts are missing.",
                  ProgressWarning, stacklevel=3)
    return target


def _read_at(fd: int, size: int, offset: int) -> bytes:
    """``size`` bytes at ``offset`` (os.pread where it exists; Windows has none)."""
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    os.lseek(fd, offset, os.SEEK_SET)  # pragma: no cover - Windows only
    return os.read(fd, size)           # pragma: no cover


def _has_header(fd: int) -> bool:
    first = _read_at(fd, _HEADER_MAX, 0)
    return first.startswith(_HEADER.encode("utf-8"))


def _cut_torn_tail(fd: int, size: int) -> int:
    """Cut a torn last line (no final newline) off the file; return the new size."""
    if size == 0 or _read_at(fd, 1, size - 1) == b"\n":
        return size
    end = size
    while end > 0:
        start = max(0, end - _TAIL_CHUNK)
        chunk = _read_at(fd, end - start, start)
        cut = chunk.rfind(b"\n")
        if cut >= 0:
            os.ftruncate(fd, start + cut + 1)
            return start + cut + 1
        end = start
    os.ftruncate(fd, 0)
    return 0


def _open_for_append(path: Path) -> int:
    """An O_APPEND descriptor of a progress file that starts with the header (lock held)."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_APPEND)
    except FileNotFoundError:
        for leftover in path.parent.glob(f".{path.name}.*.tmp"):  # from a writer that died
            with contextlib.suppress(OSError):
                leftover.unlink()
        _atomic_write(path, _HEADER)
        fd = os.open(path, os.O_RDWR | os.O_APPEND)
    except OSError as exc:
        raise ProgressError(f"cannot open {path} ({exc.strerror})") from None
    if not _has_header(fd) and os.fstat(fd).st_size > 0:
        os.close(fd)
        _move_aside(path, "it is not a kit progress file")
        return _open_for_append(path)
    return fd


def _append(path: Path, line: str) -> None:
    """Append one line, fsync it; on failure put the file back as it was (lock held)."""
    fd = _open_for_append(path)
    try:
        size = _cut_torn_tail(fd, os.fstat(fd).st_size)
        try:
            data = line.encode("utf-8")
            written = 0
            while written < len(data):
                written += os.write(fd, data[written:])
            os.fsync(fd)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, size)
            raise ProgressError(f"could not save {path} ({exc.strerror or exc}); the previous "
                                "file is unchanged") from None
    finally:
        os.close(fd)


# -- reading ---------------------------------------------------------------------------------
def _parse_legacy(text: str) -> list[dict]:
    """The attempts of a kit 0.1 progress file; ValueError when it is not one."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        raise ValueError("it is not a kit progress file")
    attempts = data.get("attempts")
    if not isinstance(attempts, list) or not all(isinstance(a, dict) for a in attempts):
        raise ValueError("its 'attempts' is not a list of records")
    return attempts


def _parse_lines(text: str, path: Path) -> list[dict]:
    """The attempts of a progress.jsonl text: a torn last line is skipped quietly, a damaged
    line elsewhere with a warning naming it (the file is left as it is)."""
    complete = text.split("\n")[:-1]   # what follows the last newline was never reported saved
    attempts = []
    for number, line in enumerate(complete[1:], 2):
        try:
            record = json.loads(line)
        except ValueError:
            record = None
        if isinstance(record, dict):
            attempts.append(record)
        elif line.strip():
            warnings.warn(f"{path}, line {number}: a damaged line was skipped; the other "
                          "attempts are read as usual.", ProgressWarning, stacklevel=3)
    return attempts


def _read_file(path: Path, legacy: bool) -> list[dict]:
    """Read one progress file (lock held); a file that is not one is moved aside, [] returned."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except UnicodeDecodeError:
        _move_aside(path, "it is not UTF-8 text")
        return []
    except OSError as exc:
        raise ProgressError(f"cannot read {path} ({exc.strerror})") from None
    if not legacy and text.startswith(_HEADER):
        return _parse_lines(text, path)
    if not legacy and not text:
        return []
    try:
        return _parse_legacy(text)
    except ValueError as exc:
        problem = f"not valid JSON: {exc}" if isinstance(exc, json.JSONDecodeError) else str(exc)
        _move_aside(path, problem)
        return []


# -- public API ----------------------------------------------------------------------------
def record_attempt(student: str, set_name: str, question: str, qtype: str,
                   correct: bool | None, response: Any, attempt: int = 1,
                   time: _dt.datetime | None = None, path: str | Path | None = None,
                   hints: int | None = None) -> dict:
    """Append one attempt to the progress file and return the saved record.

    When this function returns, the attempt is on disk (appended and fsync-ed).
    Raises :class:`kit.ProgressError` when the folder is not writable.

    Args:
        student: the student's name.
        set_name: the exercise set (file name without ``.yaml``).
        question: the question id; ``qtype`` its type.
        correct: True, False, or None (not marked).
        response: what the student answered (anything JSON can hold).
        attempt: 1 for the first attempt at the question (Retry does not start again).
        time: when (default: now, UTC).
        path: another progress file (default: :func:`progress_path`).
        hints: how many hints the student had seen before this attempt.
    """
    if not str(student or "").strip():
        raise ProgressError("a student name is needed to save progress; type your name in the quiz")
    path = _where(path)
    when = (time or _dt.datetime.now(_dt.timezone.utc)).isoformat(timespec="seconds")
    record = {"student": str(student).strip(), "set": str(set_name), "question": str(question),
              "type": str(qtype), "correct": correct, "response": _jsonable(response),
              "attempt": int(attempt), "time": when}
    if hints is not None:
        record["hints"] = int(hints)
    line = json.dumps(record, ensure_ascii=False) + "\n"
    with _locked(path.parent, path.name):
        _append(path, line)
    return record


def _where(path: str | Path | None) -> Path:
    """The progress file to use (an old ``progress.json`` names the new file beside it)."""
    path = Path(path) if path is not None else progress_path()
    return path.with_name(FILE_NAME) if path.name == LEGACY_NAME else path


def read_attempts(path: str | Path | None = None) -> list[dict]:
    """All saved attempts, oldest first: an old ``progress.json`` beside the file first.

    A file that is not a progress file is moved aside with a :class:`ProgressWarning`.
    """
    path = _where(path)
    legacy = path.with_name(LEGACY_NAME) if path.name == FILE_NAME else None
    if not path.exists() and not (legacy and legacy.exists()):
        return []
    with _locked(path.parent, path.name):
        old = _read_file(legacy, legacy=True) if legacy is not None else []
        return old + _read_file(path, legacy=path.suffix == ".json")


def progress_frame(path: str | Path | None = None):
    """The saved attempts as a pandas DataFrame with the columns in :data:`COLUMNS`.

    ``response`` holds text; answers that are lists or mappings are written as JSON.
    ``time`` is a timezone-aware timestamp; ``hints`` is empty for attempts saved before
    the kit counted hints. ``python -m kit progress --csv`` exports it.
    """
    import pandas as pd

    rows = []
    for a in read_attempts(path):
        row = {c: a.get(c) for c in COLUMNS}
        if not isinstance(row["response"], str) and row["response"] is not None:
            row["response"] = json.dumps(row["response"], ensure_ascii=False)
        row["self_assessed"] = row["type"] == "short_answer" and row["correct"] is not None
        rows.append(row)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["time"] = pd.to_datetime(frame["time"], utc=True, format="ISO8601")
    frame["attempt"] = frame["attempt"].astype("int64")
    frame["hints"] = frame["hints"].astype("Int64")
    frame["self_assessed"] = frame["self_assessed"].astype("bool")
    frame["correct"] = frame["correct"].astype("object")
    return frame


def progress_summary(path: str | Path | None = None):
    """One row per student, set and question: how it went, from the history of attempts.

    ``attempts`` (how many), ``first_try`` (right at the first attempt), ``attempts_to_right``
    (the attempt that was first right; empty if none), ``hints`` (the most seen),
    ``self_assessed`` (a short answer the student marked: its ``right`` is their own mark,
    counted apart from the kit's checks) and ``right`` (ever right). Attempts are numbered
    by their order in the file, so files from kits that restarted the count on Retry
    are read correctly too.
    """
    import pandas as pd

    frame = progress_frame(path)
    rows = []
    for (student, set_name, question), group in frame.groupby(["student", "set", "question"], sort=False):
        correct = group["correct"].tolist()
        first_right = next((i for i, c in enumerate(correct, 1) if c is True), None)
        rows.append({"student": student, "set": set_name, "question": question,
                     "type": group["type"].iloc[0], "attempts": len(group),
                     "first_try": first_right == 1, "attempts_to_right": first_right,
                     "hints": group["hints"].max(), "self_assessed": bool(group["self_assessed"].any()),
                     "right": first_right is not None})
    out = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    out["attempts_to_right"] = out["attempts_to_right"].astype("Int64")
    out["hints"] = out["hints"].astype("Int64")
    return out


def load_student(folder: str | Path | None = None) -> str | None:
    """The name stored by :func:`save_student`, or None (reads only; creates nothing)."""
    folder = Path(folder) if folder is not None else progress_dir()
    try:
        data = json.loads((folder / PROFILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    name = data.get("student") if isinstance(data, dict) else None
    return name.strip() if isinstance(name, str) and name.strip() else None


def save_student(name: str, folder: str | Path | None = None) -> str:
    """Store the student's name once, so the quizzes do not ask again. Returns the name."""
    name = str(name or "").strip()
    if not name:
        raise ProgressError("type a name (any name your instructor will recognise)")
    folder = Path(folder) if folder is not None else progress_dir()
    with _locked(folder, PROFILE_NAME):
        _atomic_write(folder / PROFILE_NAME, json.dumps({"student": name}, ensure_ascii=False) + "\n")
    return name


def _jsonable(value):
    """``value`` with tuples/sets turned into lists, so it survives a JSON round trip."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_jsonable(v) for v in value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
