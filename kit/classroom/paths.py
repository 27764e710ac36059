"""Where a classroom keeps its state: one folder, ``classroom/`` in the project by default.

=======================  ===========================================  ======================
path                     what                                         readable by
=======================  ===========================================  ======================
``venv/``                link to the hub's Python in HUB_HOME         everyone (students run it)
``node/``                link to configurable-http-proxy in HUB_HOME  everyone
``hub/``                 config, hub database, cookie secret, logs    root
``keys/``                the instructor's exercise sets               root (the service)
``service/``             ``attempts.sqlite``: every attempt           root (the service)
``release/``             exam-mode student copies, copied to homes    root
``passwords.csv``        the students' first passwords                root (mode 600)
=======================  ===========================================  ======================

    >>> p = ClassroomPaths("/srv/class")
    >>> p.keys, p.db
    (PosixPath('/srv/class/keys'), PosixPath('/srv/class/service/attempts.sqlite'))
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .._data import PROJECT_DIR

__all__ = ["ClassroomPaths", "default_root", "sync_keys", "PRIVATE_MODE", "PUBLIC_DIR_MODE"]

#: Folders only root (the hub, the service, the instructor with sudo) may enter.
PRIVATE_MODE = 0o700
#: The classroom folder itself and the hub's Python: students must be able to run it.
PUBLIC_DIR_MODE = 0o755


def default_root() -> Path:
    """``KIT_CLASSROOM_DIR``, or ``classroom/`` in the project."""
    return Path(os.environ.get("KIT_CLASSROOM_DIR") or PROJECT_DIR / "classroom").absolute()


@dataclass(frozen=True)
class ClassroomPaths:
    """The paths of one classroom's state (see the module's table)."""

    root: Path

    def __init__(self, root: str | Path | None = None):
        object.__setattr__(self, "root", Path(root).absolute() if root else default_root())

    # resolved: make hub links them to HUB_HOME (/opt/kit-classroom), which student accounts
    # can reach wherever the project lives; the hub must start students' servers from there
    venv = property(lambda self: (self.root / "venv").resolve())
    node = property(lambda self: (self.root / "node").resolve())
    hub = property(lambda self: self.root / "hub")
    keys = property(lambda self: self.root / "keys")
    service = property(lambda self: self.root / "service")
    release = property(lambda self: self.root / "release")
    db = property(lambda self: self.service / "attempts.sqlite")
    passwords = property(lambda self: self.root / "passwords.csv")
    config = property(lambda self: self.hub / "jupyterhub_config.py")
    pid_file = property(lambda self: self.hub / "hub.pid")
    log = property(lambda self: self.hub / "hub.log")
    python = property(lambda self: self.venv / "bin" / "python")
    proxy = property(lambda self: self.node / "node_modules" / ".bin" / "configurable-http-proxy")

    def make(self) -> "ClassroomPaths":
        """Create the folders with their modes (and tighten them if they exist)."""
        self.root.mkdir(parents=True, exist_ok=True)
        self.root.chmod(PUBLIC_DIR_MODE)
        for private in (self.hub, self.keys, self.service, self.release):
            private.mkdir(exist_ok=True)
            private.chmod(PRIVATE_MODE)
        return self


def sync_keys(paths: ClassroomPaths, sets_dir: str | Path | None = None) -> list[Path]:
    """Copy the instructor's sets (``exercises/*.yaml``) into the keys folder (mode 700).

    Returns the files copied. Student copies (``released: true``) are refused: a key must
    hold the answers.
    """
    src = Path(sets_dir) if sets_dir else PROJECT_DIR / "exercises"
    paths.make()
    copied = []
    for f in sorted(src.glob("*.yaml")):
        text = f.read_text(encoding="utf-8")
        if "\nreleased: true" in text or text.startswith("released: true"):
            continue
        dest = paths.keys / f.name
        shutil.copyfile(f, dest)
        dest.chmod(0o600)
        copied.append(dest)
    return copied
