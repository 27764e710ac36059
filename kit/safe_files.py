"""Files that are never half written: a lock per file, atomic replacement, nothing deleted.

A student's progress and word list, and the classroom client's outbox, are saved with these
three tools, so a crash, a full disk or two notebooks saving at once never loses what was
there before:

- :func:`locked` holds an exclusive lock on ``<file>.lock`` (the system releases it when the
  process dies, so a killed kernel never leaves the file locked);
- :func:`atomic_write` writes a temporary file in the same folder, flushes and syncs it, then
  renames it over the old one (the rename is atomic; the folder is synced too);
- :func:`move_aside` renames a file that cannot be read to ``<file>.corrupt-<time>`` instead
  of deleting it.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "notes.json"
    >>> with locked(path, "your notes"):
    ...     atomic_write(path, '{"a": 1}\\n', "your notes")
    >>> path.read_text(encoding="utf-8")
    '{"a": 1}\\n'
    >>> move_aside(path).name.startswith("notes.json.corrupt-"), path.exists()
    (True, False)
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import tempfile
from pathlib import Path

from .errors import ProgressError

__all__ = ["locked", "atomic_write", "fsync_folder", "move_aside"]


@contextlib.contextmanager
def locked(path: Path, what: str):
    """Hold an exclusive lock on ``<path>.lock`` while the block runs (``what`` names the file
    for a student: "your progress", "your word list")."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path.with_name(path.name + ".lock"), "a+b")
    except OSError as exc:
        raise ProgressError(f"cannot use the folder {path.parent} for {what} ({exc.strerror}); "
                            "check that it is writable or set KIT_PROGRESS_DIR to another "
                            "folder") from None
    try:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
        else:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield
    finally:
        handle.close()  # closing releases the lock


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the system allows it)."""
    if hasattr(os, "O_DIRECTORY"):
        with contextlib.suppress(OSError):
            dir_fd = os.open(folder, os.O_DIRECTORY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def atomic_write(path: Path, text: str, what: str) -> None:
    """Replace ``path`` by ``text`` (UTF-8) atomically; call it while holding :func:`locked`.

    Temporary files left by a writer that died are removed first. On failure the old file is
    unchanged and a :class:`~kit.errors.ProgressError` says so.
    """
    path = Path(path)
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()
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
            raise ProgressError(f"could not save {what} in {path} ({exc.strerror or exc}); "
                                "the previous file is unchanged") from None
        raise
    fsync_folder(path.parent)


def move_aside(path: Path) -> Path:
    """Rename an unreadable ``path`` to ``<name>.corrupt-<time>`` (never over another file)
    and return the new path; the caller tells the student where it went."""
    path = Path(path)
    stamp = _dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    target, n = path.with_name(f"{path.name}.corrupt-{stamp}"), 1
    while target.exists():
        target, n = path.with_name(f"{path.name}.corrupt-{stamp}-{n}"), n + 1
    os.replace(path, target)
    return target
