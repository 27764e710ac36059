"""Fixtures for the classroom tests: the checking service on loopback, without a hub.

The hub's authentication is replaced at the tornado level by :class:`TokenAuth`, which
knows a few tokens (as the hub would): the user is whoever owns the token in the
``Authorization`` header, never a name in the request.
"""

from __future__ import annotations

import asyncio
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
