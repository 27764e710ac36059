"""Fixtures for the classroom tests: the checking service on loopback, without a hub.

The hub's authentication is replaced at the tornado level by :class:`TokenAuth`, which
knows a few tokens (as the hub would): the user is whoever owns the token in the
``Authorization`` header, never a name in the request.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import shutil
import socket
import threading
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"

#: The users the stand-in hub knows, by token.
TOKENS = {
    "tok-stu1": {"name": "kitstu1", "admin": False, "groups": []},
    "tok-stu2": {"name": "kitstu2", "admin": False, "groups": []},
    "tok-ins1": {"name": "kitins1", "admin": False, "groups": ["instructors"]},
}


class TokenAuth:
    """Stand-in for ``HubOAuthenticated``: the token in the Authorization header names the user."""

    def get_current_user(self):
        header = self.request.headers.get("Authorization", "")
        token = header[len("token "):].strip() if header.startswith("token ") else ""
        return TOKENS.get(token)


class FakeClock:
    """A clock the tests move by hand."""

    def __init__(self, now: float = 1_700_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RunningService:
    """The app served from a thread on 127.0.0.1; ``stop()`` ends it (restartable on the same db)."""

    def __init__(self, service, port: int | None = None):
        from kit.classroom.service import make_app

        self.service = service
        self.port = port or _free_port()
        self.base = f"http://127.0.0.1:{self.port}/services/kit/"
        self._ready = threading.Event()
        self._loop = None

        async def serve():
            app = make_app(service, TokenAuth)
            self._server = app.listen(self.port, address="127.0.0.1")
            self._stop = asyncio.Event()
            self._ready.set()
            await self._stop.wait()
            self._server.stop()

        def run():
            self._loop = asyncio.new_event_loop()
            self._loop.run_until_complete(serve())
            self._loop.close()

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        assert self._ready.wait(10), "the service did not start within 10 s"

    def stop(self):
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)


@pytest.fixture
def keys_dir(tmp_path) -> Path:
    keys = tmp_path / "keys"
    shutil.copytree(DATA / "keys", keys)
    return keys


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def running(tmp_path, keys_dir, clock):
    from kit.classroom.service import ClassroomService, Keys
    from kit.classroom.store import AttemptStore

    store = AttemptStore(tmp_path / "service" / "attempts.sqlite")
    server = RunningService(ClassroomService(store, Keys(keys_dir), clock=clock))
    yield server
    server.stop()
    store.close()


# -- a real hub (the end-to-end and browser tests) -------------------------------------------
ROOT = Path(__file__).resolve().parents[2]
INSTALL = ROOT / "classroom"


def hub_installed() -> bool:
    """``make hub`` has installed the hub's Python and proxy in classroom/."""
    return ((INSTALL / "venv" / "bin" / "jupyterhub").exists()
            and (INSTALL / "node" / "node_modules" / ".bin" / "configurable-http-proxy").exists())


def hub_skip_reason() -> str | None:
    """Why the real-hub tests cannot run here (None: they run)."""
    import os

    if os.environ.get("KIT_HUB_TESTS") == "1":
        return None
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "hub test skipped: needs root (accounts are created); run as root or set KIT_HUB_TESTS=1"
    if not hub_installed():
        return ("hub test skipped: the hub is not installed (make hub installs it in classroom/); "
                "or set KIT_HUB_TESTS=1")
    return None


@functools.cache
def install_current_kit() -> None:
    """Put this checkout's kit into the hub's Python (once per run): students' servers import it
    from there, so a stale copy from an earlier ``make hub`` would test old code."""
    import subprocess

    subprocess.run([str(INSTALL / "venv" / "bin" / "python"), "-m", "pip", "install", "--quiet",
                    "--no-deps", "--force-reinstall", str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    subprocess.run(["chmod", "-R", "a+rX", str((INSTALL / "venv").resolve())], check=True, timeout=60)


@contextlib.contextmanager
def running_hub(students: list[str], instructor: str, sets_dir: Path):
    """A hub on free loopback ports with its own state folder, the accounts of ``students``
    and ``instructor`` (removed afterwards), and the sets of ``sets_dir`` as its keys."""
    import tempfile

    from kit.classroom import hubconfig
    from kit.classroom.paths import ClassroomPaths
    from kit.classroom.roster import add_students, remove_students

    install_current_kit()
    state = Path(tempfile.mkdtemp(prefix="kit-hub-test-"))
    state.chmod(0o755)
    (state / "venv").symlink_to(INSTALL / "venv")
    (state / "node").symlink_to(INSTALL / "node")
    sets = state / "sets"
    shutil.copytree(sets_dir, sets)
    sets.chmod(0o700)
    roster = state / "roster.csv"
    roster.write_text("username,name,role\n" + "".join(f"{s},Student {i},student\n" for i, s in
                      enumerate(students, 1)) + f"{instructor},Teacher,instructor\n", encoding="utf-8")
    quiet = lambda _m: None  # noqa: E731
    remove_students(roster, report=quiet)   # left over from an interrupted run
    paths = ClassroomPaths(state)
    port = _free_port()
    try:
        add_students(roster, paths, report=quiet, sets_dir=sets)
        hubconfig.start(paths, port=port, report=quiet, sets_dir=sets,
                        api_port=_free_port(), service_port=_free_port())
        with open(paths.passwords, encoding="utf-8") as f:
            import csv

            passwords = {r["username"]: r["password"] for r in csv.DictReader(f)}
        yield {"paths": paths, "url": f"http://127.0.0.1:{port}", "state": state, "passwords": passwords}
    finally:
        hubconfig.stop(paths, report=quiet)
        remove_students(roster, report=quiet)
        shutil.rmtree(state, ignore_errors=True)
