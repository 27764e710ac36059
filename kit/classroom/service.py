"""The checking service: a JupyterHub service that checks answers where students cannot read the key.

The hub starts it (``c.JupyterHub.services``, see :mod:`kit.classroom.hubconfig`) with::

    python -m kit.classroom.service --keys classroom/keys --db classroom/service/attempts.sqlite

Its routes, under the hub's prefix ``/services/kit/``:

=========================  =====================================================================
``POST api/check``         ``{"set", "question", "response", "attempt"}`` → ``{"feedback", "attempt",
                           "student"}``; 429 with ``wait_s`` while guessing is slowed
``GET api/progress/NAME``  one student's attempts (that student, or an instructor; others: 403)
``GET api/health``         ``{"ok": true}`` (no log-in: for start-up checks)
``GET ``                   the instructor's page (instructors only: hub admins or the
                           ``instructors`` group; others: 403)
``GET attempts.csv``       every attempt as CSV (instructors only)
=========================  =====================================================================

The student is whoever the hub says owns the token or cookie (``jupyterhub.services.auth``);
a name in the request body is ignored. The app takes the authentication as a mixin, so the
tests run it without a hub (:func:`make_app`).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any, Callable

import tornado.web

from ..errors import KitError
from ..exercises import ExerciseSet, Feedback, check, load_exercises
from .page import forbidden_page, instructor_page
from .store import AttemptStore

__all__ = ["ClassroomService", "Keys", "make_app", "main", "is_instructor",
           "THROTTLE_AFTER", "THROTTLE_STEP_S", "THROTTLE_MAX_S", "INSTRUCTORS_GROUP"]

#: Wrong answers in a row to one question after which every further check must wait.
THROTTLE_AFTER = 3
#: The wait after the first slowed answer, growing by as much with each further wrong one (s).
THROTTLE_STEP_S = 5
#: The longest wait (s).
THROTTLE_MAX_S = 60
#: Largest request body accepted (bytes): an answer is short.
MAX_BODY_BYTES = 64 * 1024
#: The highest attempt number a client may ask feedback for (hints are numbered by it).
MAX_CLIENT_ATTEMPT = 100
#: Members of this Unix/hub group see the instructor's page (as hub admins do).
INSTRUCTORS_GROUP = "instructors"
#: The service's pid file, beside its database (``make hub-stop`` ends a service left behind).
PID_NAME = "service.pid"
#: The service's URL prefix behind the hub's proxy (the service is named "kit").
DEFAULT_PREFIX = "/services/kit/"


def is_instructor(user: dict | None) -> bool:
    """A hub user model is an instructor's: an admin, or in the ``instructors`` group.

    >>> is_instructor({"name": "kitins1", "admin": False, "groups": ["instructors"]})
    True
    >>> is_instructor({"name": "kitstu1", "admin": False, "groups": []})
    False
    """
    return bool(user) and bool(user.get("admin") or INSTRUCTORS_GROUP in (user.get("groups") or ()))


class Keys:
    """The instructor's exercise sets, read from the keys folder (re-read when a file changes)."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self._sets: dict[str, tuple[float, ExerciseSet]] = {}

    def get(self, name: str) -> ExerciseSet:
        """The set called ``name`` (``keys/NAME.yaml``); KeyError when there is none."""
        if not name or "/" in name or "\\" in name or name.startswith("."):
            raise KeyError(name)
        path = self.folder / f"{name}.yaml"
        try:
            mtime = path.stat().st_mtime
        except OSError:
            raise KeyError(name) from None
        cached = self._sets.get(name)
        if cached is None or cached[0] != mtime:
            cached = (mtime, load_exercises(path))
            self._sets[name] = cached
        return cached[1]


class Refusal(Exception):
    """A check that is not done: ``status`` (HTTP) and what the student is told."""

    def __init__(self, status: int, message: str, wait_s: int | None = None):
        super().__init__(message)
        self.status, self.message, self.wait_s = status, message, wait_s


@dataclasses.dataclass
class ClassroomService:
    """What the routes do, without HTTP: check, record, slow guessing down."""

    store: AttemptStore
    keys: Keys
    exam: bool = True                      # never send the answer after a wrong one
    clock: Callable[[], float] = time.time

    def wait_left(self, student: str, set_name: str, question: str) -> int:
        """Seconds ``student`` must still wait before checking this question again (0: none)."""
        streak = self.store.wrong_streak(student, set_name, question)
        if streak < THROTTLE_AFTER:
            return 0
        wait = min(THROTTLE_MAX_S, THROTTLE_STEP_S * (streak - THROTTLE_AFTER + 1))
        last = self.store.last_time(student, set_name, question) or 0.0
        return max(0, math.ceil(last + wait - self.clock()))

    def check(self, student: str, body: dict) -> dict:
        """Check one answer from ``student`` (the hub's name for the caller)."""
        set_name, qid = str(body.get("set", "")), str(body.get("question", ""))
        try:
            question = self.keys.get(set_name)[qid]
        except (KeyError, KitError):
            question = None
        if question is None:
            raise Refusal(404, f"The checking service has no question '{qid}' in the set "
                               f"'{set_name}'. Tell your instructor.")
        wait = self.wait_left(student, set_name, qid)
        if wait:
            raise Refusal(429, f"Please wait {wait} s before checking this answer again "
                               "(too many wrong answers in a row).", wait)
        attempt = body.get("attempt", 1)
        attempt = min(max(attempt, 1), MAX_CLIENT_ATTEMPT) if isinstance(attempt, int) else 1
        try:
            fb = check(question, body.get("response"), attempt=attempt)
        except KitError as err:
            raise Refusal(400, str(err)) from None
        if self.exam and not fb.correct and not fb.needs_self_assessment:
            fb = dataclasses.replace(fb, solution=None, explanation=None)
        number = None
        if not (fb.empty or fb.needs_self_assessment):
            number = self.store.record(student, set_name, qid, question.type,
                                       body.get("response"), fb.correct, when=self.clock())
        return {"student": student, "attempt": number, "feedback": feedback_dict(fb)}


def feedback_dict(fb: Feedback) -> dict:
    """A :class:`~kit.exercises.Feedback` as JSON-ready data."""
    d = dataclasses.asdict(fb)
    d["rubric"] = list(d["rubric"])
    return d


class _Base(tornado.web.RequestHandler):
    """Shared by every route; ``get_current_user`` comes from the auth mixin."""

    @property
    def service(self) -> ClassroomService:
        return self.settings["kit_service"]

    def user_name(self) -> str:
        return self.current_user["name"]

    def user_model(self) -> dict:
        lookup = self.settings.get("kit_lookup_user")
        model = dict(self.current_user)
        if lookup is not None and ("admin" not in model or "groups" not in model):
            model.update(lookup(model["name"]) or {})
        return model

    def send_json(self, data: Any, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(data, ensure_ascii=False))


class CheckHandler(_Base):
    @tornado.web.authenticated
    def post(self):
        if len(self.request.body) > MAX_BODY_BYTES:
            return self.send_json({"error": "This answer is too long to check."}, 413)
        try:
            body = json.loads(self.request.body or b"{}")
            if not isinstance(body, dict):
                raise ValueError
        except ValueError:
            return self.send_json({"error": "The request was not a JSON object."}, 400)
        try:  # body.get("student") is never read: the hub says who asks
            result = self.service.check(self.user_name(), body)
        except Refusal as r:
            if r.wait_s:
                self.set_header("Retry-After", str(r.wait_s))
            return self.send_json({"error": r.message, "wait_s": r.wait_s}, r.status)
        self.send_json(result)


class ProgressHandler(_Base):
    @tornado.web.authenticated
    def get(self, name: str):
        if name != self.user_name() and not is_instructor(self.user_model()):
            return self.send_json({"error": "You can see only your own progress."}, 403)
        self.send_json({"student": name, "attempts": self.service.store.rows(name)})


class HealthHandler(tornado.web.RequestHandler):
    def get(self):
        self.set_header("Content-Type", "application/json")
        self.finish('{"ok": true}')


class PageHandler(_Base):
    @tornado.web.authenticated
    def get(self):
        if not is_instructor(self.user_model()):
            self.set_status(403)
            return self.finish(forbidden_page(self.user_name()))
        store = self.service.store
        self.set_header("Cache-Control", "no-store")
        self.finish(instructor_page(store.students(), store.question_summary(), store.most_missed()))


class CsvHandler(_Base):
    @tornado.web.authenticated
    def get(self):
        if not is_instructor(self.user_model()):
            return self.send_json({"error": "Instructors only."}, 403)
        self.set_header("Content-Type", "text/csv; charset=utf-8")
        self.set_header("Content-Disposition", 'attachment; filename="attempts.csv"')
        self.finish(self.service.store.csv_text())


_ROUTES = [(r"api/check", CheckHandler), (r"api/progress/([^/]+)", ProgressHandler),
           (r"attempts\.csv", CsvHandler), (r"", PageHandler)]


def make_app(service: ClassroomService, auth: type, prefix: str = DEFAULT_PREFIX,
             extra_handlers: list | None = None, lookup_user: Callable | None = None,
             **settings) -> tornado.web.Application:
    """The tornado app; ``auth`` is the mixin giving ``get_current_user`` (the hub's
    ``HubOAuthenticated`` in a hub, a stand-in in tests)."""
    handlers = [(prefix + "api/health", HealthHandler)]
    for pattern, cls in _ROUTES:
        handlers.append((prefix + pattern, type(cls.__name__, (auth, cls), {})))
    return tornado.web.Application(handlers + list(extra_handlers or []), kit_service=service,
                                   kit_lookup_user=lookup_user, **settings)


def _hub_app(service: ClassroomService, prefix: str) -> tornado.web.Application:
    from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
    from jupyterhub.utils import url_path_join

    from .hubapi import lookup_user

    return make_app(service, HubOAuthenticated, prefix,
                    extra_handlers=[(url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler)],
                    lookup_user=lookup_user,
                    cookie_secret=os.urandom(32))


def main(argv: list[str] | None = None) -> int:
    """Run the service as the hub starts it (bound to ``JUPYTERHUB_SERVICE_URL``)."""
    import asyncio
    from urllib.parse import urlparse

    parser = argparse.ArgumentParser(prog="python -m kit.classroom.service")
    parser.add_argument("--keys", required=True, help="folder of the instructor's sets (mode 700)")
    parser.add_argument("--db", required=True, help="the attempts database (SQLite)")
    parser.add_argument("--practice", action="store_true",
                        help="show the answer after the last hint (default: never, as in an exam copy)")
    args = parser.parse_args(argv)
    url = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101"))
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", DEFAULT_PREFIX)
    service = ClassroomService(AttemptStore(args.db), Keys(args.keys), exam=not args.practice)
    pid_file = Path(args.db).parent / PID_NAME

    async def serve():   # listen inside the running loop (tornado binds to the current loop)
        app = _hub_app(service, prefix)
        app.listen(url.port, address=url.hostname or "127.0.0.1", xheaders=True)
        pid_file.write_text(str(os.getpid()))
        print(f"kit checking service on {url.geturl()} (prefix {prefix}), keys {args.keys}, "
              f"{service.store.count()} attempts in {args.db}", file=sys.stderr, flush=True)
        stop = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        await stop.wait()   # the hub stops its services with SIGTERM

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        pass
    finally:
        service.store.close()
        pid_file.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
