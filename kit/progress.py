"""Where exercise attempts are kept: one JSON file per computer, never lost.

Every answer a student checks in a :class:`kit.views.QuizView` becomes one
*attempt* (student, set, question, type, correct, response, attempt, time),
appended to ``progress.json`` in :func:`progress_dir`:

* the folder is ``platformdirs.user_data_dir("kit", appauthor=False)/progress``,
  or the folder named by the environment variable ``KIT_PROGRESS_DIR``;
* every write goes to a temporary file in the same folder, which is flushed,
  ``os.fsync``-ed and then renamed over the old file with ``os.replace``, so the
  file on disk is always either the old or the new complete version;
* writers take a lock (``progress.json.lock``) around read-modify-write, so two
  notebooks saving at once never lose each other's attempts;
* a file that does not parse is moved aside to ``progress.json.corrupt-<time>``
  with a warning saying where it went; it is never silently overwritten.

The student's name is asked once and kept in ``profile.json`` in the same folder.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "progress.json"   # default: progress_path()
    >>> saved = record_attempt("Li Wei", "01_reading_the_report", "p1-when", "single",
    ...                        True, "20 July 1952", attempt=1, path=path)
    >>> saved["question"], saved["correct"]
    ('p1-when', True)
    >>> frame = progress_frame(path)
    >>> list(frame.columns)
    ['student', 'set', 'question', 'type', 'correct', 'response', 'attempt', 'time']
    >>> len(frame)
    1
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import tempfile
import warnings
from pathlib import Path
from typing import Any

from .errors import ProgressError

__all__ = ["progress_dir", "progress_path", "record_attempt", "read_attempts", "progress_frame",
           "load_student", "save_student", "ProgressWarning", "COLUMNS"]

#: The columns of :func:`progress_frame`, in order.
COLUMNS = ["student", "set", "question", "type", "correct", "response", "attempt", "time"]

FILE_NAME = "progress.json"
PROFILE_NAME = "profile.json"
_FORMAT = "kit-progress"
_VERSION = 1


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
    """The progress file, ``progress_dir() / "progress.json"``."""
    return progress_dir() / FILE_NAME


# -- low-level file handling ---------------------------------------------------------------
@contextlib.contextmanager
def _locked(folder: Path):
    """Hold an exclusive lock on ``folder/progress.json.lock`` (released if the process dies)."""
    folder.mkdir(parents=True, exist_ok=True)
    lock_path = folder / (FILE_NAME + ".lock")
    try:
        handle = open(lock_path, "a+b")
    except OSError as exc:
        raise ProgressError(f"cannot open the lock file {lock_path} ({exc.strerror}); "
                            "check that the folder is writable or set KIT_PROGRESS_DIR") from None
    try:
        try:
            import fcntl
        except ImportError:  # Windows
            fcntl = None
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        else:  # pragma: no cover - Windows only
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
        yield
    finally:
        handle.close()  # closing releases the lock


def _atomic_write(path: Path, text: str) -> None:
    """Replace ``path`` by ``text`` atomically: temp file, write, flush, fsync, os.replace."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as tmp:
            tmp.write(text)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise ProgressError(f"could not save {path} ({exc.strerror or exc}); the previous "
                                "file is unchanged") from None
        raise
    if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable
        with contextlib.suppress(OSError):
            dir_fd = os.open(path.parent, os.O_DIRECTORY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def _remove_stale_temp_files(folder: Path, name: str) -> None:
    """Delete temp files left by a writer that died (only called while holding the lock)."""
    for leftover in folder.glob(f".{name}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _move_aside(path: Path, problem: str) -> Path:
    stamp = _dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    os.replace(path, target)
    warnings.warn(f"The progress file {path} could not be read ({problem}). It was moved to "
                  f"{target} so nothing in it is lost, and a new progress file was started. "
                  "Show both files to your instructor if earlier attempts are missing.",
                  ProgressWarning, stacklevel=3)
    return target


def _parse(text: str) -> list[dict]:
    """The attempts in a progress file's text; ValueError when it is not a progress file."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        raise ValueError("it is not a kit progress file")
    attempts = data.get("attempts")
    if not isinstance(attempts, list) or not all(isinstance(a, dict) for a in attempts):
        raise ValueError("its 'attempts' is not a list of records")
    return attempts


def _read_locked(path: Path) -> list[dict]:
    """Read the attempts (lock held); a corrupt file is moved aside and [] returned."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except UnicodeDecodeError:
        _move_aside(path, "it is not UTF-8 text")
        return []
    except OSError as exc:
        raise ProgressError(f"cannot read {path} ({exc.strerror})") from None
    try:
        return _parse(text)
    except ValueError as exc:
        problem = f"not valid JSON: {exc}" if isinstance(exc, json.JSONDecodeError) else str(exc)
        _move_aside(path, problem)
        return []


def _dump(attempts: list[dict]) -> str:
    return json.dumps({"format": _FORMAT, "version": _VERSION, "attempts": attempts},
                      ensure_ascii=False, indent=1) + "\n"


# -- public API ----------------------------------------------------------------------------
def record_attempt(student: str, set_name: str, question: str, qtype: str,
                   correct: bool | None, response: Any, attempt: int = 1,
                   time: _dt.datetime | None = None, path: str | Path | None = None) -> dict:
    """Append one attempt to the progress file and return the saved record.

    When this function returns, the attempt is on disk (written atomically and
    fsync-ed). Raises :class:`kit.ProgressError` when the folder is not writable.

    Args:
        student: the student's name.
        set_name: the exercise set (file name without ``.yaml``).
        question: the question id; ``qtype`` its type.
        correct: True, False, or None (not marked).
        response: what the student answered (anything JSON can hold).
        attempt: 1 for the first attempt at the question.
        time: when (default: now, UTC).
        path: another progress file (default: :func:`progress_path`).
    """
    if not str(student or "").strip():
        raise ProgressError("a student name is needed to save progress; type your name in the quiz")
    path = Path(path) if path is not None else progress_path()
    when = (time or _dt.datetime.now(_dt.timezone.utc)).isoformat(timespec="seconds")
    record = {"student": str(student).strip(), "set": str(set_name), "question": str(question),
              "type": str(qtype), "correct": correct, "response": _jsonable(response),
              "attempt": int(attempt), "time": when}
    with _locked(path.parent):
        _remove_stale_temp_files(path.parent, path.name)
        attempts = _read_locked(path)
        attempts.append(record)
        _atomic_write(path, _dump(attempts))
    return record


def read_attempts(path: str | Path | None = None) -> list[dict]:
    """All saved attempts, oldest first (a corrupt file is moved aside with a warning)."""
    path = Path(path) if path is not None else progress_path()
    if not path.exists():
        return []
    with _locked(path.parent):
        return _read_locked(path)


def progress_frame(path: str | Path | None = None):
    """The saved attempts as a pandas DataFrame with the columns in :data:`COLUMNS`.

    ``response`` holds text; answers that are lists or mappings are written as JSON.
    ``time`` is a timezone-aware timestamp. ``python -m kit progress --csv`` exports it.
    """
    import pandas as pd

    rows = []
    for a in read_attempts(path):
        row = {c: a.get(c) for c in COLUMNS}
        if not isinstance(row["response"], str) and row["response"] is not None:
            row["response"] = json.dumps(row["response"], ensure_ascii=False)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["time"] = pd.to_datetime(frame["time"], utc=True, format="ISO8601")
    frame["attempt"] = frame["attempt"].astype("int64")
    frame["correct"] = frame["correct"].astype("object")
    return frame


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
    with _locked(folder):
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
