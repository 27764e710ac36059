"""Students from a roster: a Unix account each, a home with the lessons, a password to hand out.

``python -m kit classroom add roster.csv`` (as root) reads a CSV with a ``username``
column (and optionally ``name`` and ``role``: ``student`` or ``instructor``) and, for every
new name:

* creates the account with ``useradd``: no login shell (``/usr/sbin/nologin``), a home
  only its owner can open (mode 700), in the group ``kitclass`` (the hub lets that group in)
  and, for instructors, in ``instructors`` (the hub makes them admins);
* sets a random password (``chpasswd``), appended to ``classroom/passwords.csv``, mode 600,
  owned by root: only the instructor (root) can read it;
* copies the lesson notebooks to ``~/notebooks`` and the *exam-mode student copies* of the
  exercise sets (answers only as hashes) with their notebooks to ``~/exercises``.

An account that exists already is left alone (its password is not changed).

    >>> rows = read_roster_text("username,name,role\\nkitstu1,Li Wei,\\nkitins1,Wang Fang,instructor\\n")
    >>> [(r.username, r.role) for r in rows]
    [('kitstu1', 'student'), ('kitins1', 'instructor')]
"""

from __future__ import annotations

import csv
import io
import os
import pwd
import secrets
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .._data import PROJECT_DIR
from ..errors import KitError
from .paths import ClassroomPaths

__all__ = ["RosterEntry", "read_roster", "read_roster_text", "add_students", "remove_students",
           "prepare_copies", "CLASS_GROUP", "INSTRUCTORS_GROUP", "NOLOGIN"]

#: Every account the kit creates is in this group; the hub allows it (and only it, with admins).
CLASS_GROUP = "kitclass"
#: Instructors: hub admins, and the checking service shows them the class.
INSTRUCTORS_GROUP = "instructors"
#: The shell of a student account: no terminal log-in (JupyterHub logs in through PAM).
NOLOGIN = "/usr/sbin/nologin"
#: Random bytes in a password (``secrets.token_urlsafe``: 12 characters).
PASSWORD_BYTES = 9
#: Names useradd accepts and the hub keeps as they are (lower case, no dots).
USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_-")
MAX_USERNAME = 32
ROLES = ("student", "instructor")


@dataclass(frozen=True)
class RosterEntry:
    username: str
    name: str = ""
    role: str = "student"


def _check_name(name: str, where: str) -> str:
    if (not name or len(name) > MAX_USERNAME or not set(name) <= USERNAME_CHARS
            or not name[0].isalpha()):
        raise KitError(f"{where}: '{name}' cannot be an account name: use lower-case letters, "
                       f"digits, - and _, starting with a letter, at most {MAX_USERNAME} characters "
                       "(e.g. liwei or stu01)")
    return name


def read_roster_text(text: str, source: str = "roster") -> list[RosterEntry]:
    """The entries of a roster CSV's text; errors name the line."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if not reader.fieldnames or "username" not in [f.strip().lower() for f in reader.fieldnames]:
        raise KitError(f"{source}, line 1: the first line must name the columns, with at least "
                       "'username' (and optionally 'name' and 'role'), e.g. username,name,role")
    out, seen = [], set()
    for line, row in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        if not any(row.values()):
            continue
        where = f"{source}, line {line}"
        name = _check_name(row.get("username", ""), where)
        role = (row.get("role") or "student").lower()
        if role not in ROLES:
            raise KitError(f"{where}: role '{role}' is unknown; use student or instructor")
        if name in seen:
            raise KitError(f"{where}: '{name}' is on the roster twice")
        seen.add(name)
        out.append(RosterEntry(name, row.get("name", ""), role))
    return out


def read_roster(path: str | Path) -> list[RosterEntry]:
    """The entries of a roster CSV file (UTF-8)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise KitError(f"cannot read the roster {path}: {err.strerror}") from None
    return read_roster_text(text, str(path))


def _exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def _run(cmd: list[str], stdin: str | None = None) -> None:
    done = subprocess.run(cmd, input=stdin, text=True, capture_output=True, check=False)
    if done.returncode:
        raise KitError(f"{' '.join(cmd[:2])} … failed ({done.returncode}): {done.stderr.strip()}")


def prepare_copies(paths: ClassroomPaths, sets_dir: str | Path | None = None) -> Path:
    """The exam-mode student copies in ``classroom/release/`` (made again when a set changed)."""
    from ..exercises import release_sets

    src = Path(sets_dir) if sets_dir else PROJECT_DIR / "exercises"
    paths.make()
    newest = max((f.stat().st_mtime for f in src.glob("*.*")), default=0)
    made = [f.stat().st_mtime for f in paths.release.glob("*.yaml")]
    if not made or min(made) < newest:
        shutil.rmtree(paths.release)
        paths.make()
        release_sets(src, paths.release, mode="exam")
    return paths.release


def _fill_home(entry: RosterEntry, home: Path, copies: Path, lessons: Path) -> None:
    nb_dir, ex_dir = home / "notebooks", home / "exercises"
    nb_dir.mkdir(exist_ok=True)
    for nb in sorted(lessons.glob("*.ipynb")):
        if not nb.name.startswith("instructor"):
            shutil.copyfile(nb, nb_dir / nb.name)
    shutil.copytree(copies, ex_dir, dirs_exist_ok=True)
    _run(["chown", "-R", f"{entry.username}:", str(home)])
    home.chmod(0o700)


def _save_passwords(paths: ClassroomPaths, new: list[tuple[str, str, str]]) -> None:
    """Append to passwords.csv, written whole to a mode-600 temporary file, then renamed."""
    rows = []
    if paths.passwords.exists():
        rows = list(csv.reader(io.StringIO(paths.passwords.read_text(encoding="utf-8"))))[1:]
    rows += [list(r) for r in new]
    tmp = paths.passwords.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["username", "name", "password"])
        writer.writerows(rows)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, paths.passwords)
    paths.passwords.chmod(0o600)


def add_students(roster: str | Path, paths: ClassroomPaths | None = None,
                 report: Callable[[str], None] = print,
                 sets_dir: str | Path | None = None) -> list[str]:
    """Create the roster's new accounts (see the module's docstring); returns their names.

    ``sets_dir``: the instructor's sets whose exam copies go to the homes (default exercises/)."""
    if os.geteuid() != 0:
        raise KitError("creating accounts needs root: run  sudo python -m kit classroom add "
                       f"{roster}")
    entries = read_roster(roster)
    paths = (paths or ClassroomPaths()).make()
    copies = prepare_copies(paths, sets_dir)
    for group in (CLASS_GROUP, INSTRUCTORS_GROUP):
        _run(["groupadd", "-f", group])
    made, passwords = [], []
    for e in entries:
        if _exists(e.username):
            report(f"{e.username}: the account exists already; left as it is")
            continue
        groups = CLASS_GROUP + ("," + INSTRUCTORS_GROUP if e.role == "instructor" else "")
        _run(["useradd", "--create-home", "--shell", NOLOGIN, "--groups", groups,
              "--comment", e.name.replace(":", " ") or e.username, e.username])
        password = secrets.token_urlsafe(PASSWORD_BYTES)
        _run(["chpasswd"], stdin=f"{e.username}:{password}\n")
        _fill_home(e, Path(pwd.getpwnam(e.username).pw_dir), copies, PROJECT_DIR / "notebooks")
        passwords.append((e.username, e.name, password))
        made.append(e.username)
        report(f"{e.username}: account created ({e.role})")
    if passwords:
        _save_passwords(paths, passwords)
        report(f"{len(passwords)} password(s) added to {paths.passwords} (readable by root only)")
    return made


def _stop_processes_of(uid: int) -> None:
    """Kill, by process id, what still runs as ``uid`` (a student's server or kernel)."""
    import signal

    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if proc.stat().st_uid == uid:
                os.kill(int(proc.name), signal.SIGKILL)
        except (OSError, ProcessLookupError):
            pass


def remove_students(roster: str | Path, report: Callable[[str], None] = print) -> list[str]:
    """Delete the roster's accounts that the kit made (in ``kitclass``), with their homes."""
    import grp

    try:
        members = set(grp.getgrnam(CLASS_GROUP).gr_mem)
    except KeyError:
        members = set()
    removed = []
    for e in read_roster(roster):
        if e.username not in members:
            report(f"{e.username}: not an account of the class; left alone")
            continue
        _stop_processes_of(pwd.getpwnam(e.username).pw_uid)
        _run(["userdel", "--remove", e.username])
        removed.append(e.username)
        report(f"{e.username}: account and home removed")
    return removed
