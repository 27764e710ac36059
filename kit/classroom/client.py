"""The quiz's side of the checking service: used from a student's kernel in a hub session.

Outside a hub, :func:`remote_checker` returns None and the quiz checks answers locally
as always. In a hub session (the kernel's environment holds ``JUPYTERHUB_API_TOKEN``) it
returns a :class:`RemoteChecker`, which sends each answer with the hub token in the
``Authorization`` header to ``/services/kit/api/check`` through the hub's proxy:

    >>> remote_checker(environ={}) is None
    True
    >>> rc = remote_checker(environ={"JUPYTERHUB_API_TOKEN": "t", "JUPYTERHUB_BASE_URL": "/",
    ...                              "KIT_CLASSROOM_URL": "http://127.0.0.1:9/services/kit/",
    ...                              "KIT_PROGRESS_DIR": "/tmp"})
    >>> rc.url
    'http://127.0.0.1:9/services/kit/api/check'

When the service cannot be reached the attempt is kept in a local *outbox* (a JSON file
written atomically) and sent again before the next check; the student is told so. When
guessing is slowed, the student is told how long to wait. Neither counts as an attempt.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Mapping

from ..safe_files import atomic_write

__all__ = ["remote_checker", "RemoteChecker", "in_hub", "hub_user", "UNREACHABLE", "OUTBOX_NAME"]

#: How long one check may take before the service counts as unreachable (s).
TIMEOUT_S = 5.0
#: The outbox of unsent attempts, in the progress folder (``KIT_PROGRESS_DIR`` or the default).
OUTBOX_NAME = "classroom_outbox.json"
#: The most attempts resent before one check (the rest wait for the next).
RESEND_BATCH = 50
#: The hub's address as seen from a student's kernel when ``KIT_CLASSROOM_URL`` is not set.
DEFAULT_HUB = "http://127.0.0.1:8000"
#: The service's name in the hub's config.
SERVICE_NAME = "kit"

UNREACHABLE = ("The checking service cannot be reached just now. Your answer is kept on this "
               "server and will be sent as soon as the service answers again; press Check again "
               "in a minute. (If this goes on, tell your instructor.)")


def in_hub(environ: Mapping[str, str] | None = None) -> bool:
    """True in a JupyterHub session (a hub token and the hub's API or prefix are set)."""
    env = os.environ if environ is None else environ
    return bool(env.get("JUPYTERHUB_API_TOKEN")) and bool(
        env.get("JUPYTERHUB_SERVICE_PREFIX") or env.get("JUPYTERHUB_API_URL")
        or env.get("JUPYTERHUB_BASE_URL") or env.get("KIT_CLASSROOM_URL"))


def hub_user(environ: Mapping[str, str] | None = None) -> str | None:
    """The student's name as the hub gave it (``JUPYTERHUB_USER``) in a hub session, else None.

    >>> hub_user({"JUPYTERHUB_API_TOKEN": "t", "JUPYTERHUB_API_URL": "x", "JUPYTERHUB_USER": "liwei"})
    'liwei'
    >>> hub_user({}) is None
    True
    """
    env = os.environ if environ is None else environ
    return (env.get("JUPYTERHUB_USER") or None) if in_hub(env) else None


def _service_url(env: Mapping[str, str]) -> str:
    url = env.get("KIT_CLASSROOM_URL")
    if not url:
        base = env.get("JUPYTERHUB_BASE_URL", "/")
        url = f"{DEFAULT_HUB}{base.rstrip('/')}/services/{SERVICE_NAME}/"
    return url if url.endswith("/") else url + "/"


def _outbox_path(env: Mapping[str, str]) -> Path:
    folder = env.get("KIT_PROGRESS_DIR")
    if folder:
        return Path(folder).expanduser() / OUTBOX_NAME
    from ..progress import progress_dir

    return progress_dir() / OUTBOX_NAME


def remote_checker(environ: Mapping[str, str] | None = None) -> "RemoteChecker | None":
    """A :class:`RemoteChecker` in a hub session (``KIT_CLASSROOM=off`` turns it off), else None."""
    env = os.environ if environ is None else environ
    if not in_hub(env) or env.get("KIT_CLASSROOM", "").lower() == "off":
        return None
    return RemoteChecker(_service_url(env) + "api/check", env["JUPYTERHUB_API_TOKEN"],
                         _outbox_path(env))


class RemoteChecker:
    """Checks answers with the classroom service; keeps what it could not send.

    Args:
        url: the service's ``api/check`` URL.
        token: the hub token (the student's identity: the service asks the hub whose it is).
        outbox: the file of unsent attempts.
        timeout: seconds before the service counts as unreachable.
    """

    def __init__(self, url: str, token: str, outbox: str | Path, timeout: float = TIMEOUT_S):
        self.url, self.token, self.outbox, self.timeout = url, token, Path(outbox), timeout

    def __repr__(self) -> str:
        return f"<RemoteChecker {self.url}, {len(self.pending())} unsent>"

    # -- the outbox -----------------------------------------------------------------------
    def pending(self) -> list[dict]:
        """The attempts not sent yet, oldest first."""
        try:
            data = json.loads(self.outbox.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return data if isinstance(data, list) else []

    def _save(self, items: list[dict]) -> None:
        """Write the outbox atomically (see :func:`kit.safe_files.atomic_write`)."""
        self.outbox.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.outbox, json.dumps(items, ensure_ascii=False), "your unsent answers")

    def resend(self) -> int:
        """Send the kept attempts (up to :data:`RESEND_BATCH`); returns how many went."""
        items = self.pending()
        sent = 0
        for body in items[:RESEND_BATCH]:
            status, _ = self._post(body)
            if status is None or status == 429 or status >= 500:
                break   # still unreachable (or slowed): keep the rest, in order
            sent += 1   # answered (even a refusal such as 404): never sent again
        if sent:
            self._save(items[sent:])
        return sent

    # -- checking -------------------------------------------------------------------------
    def _post(self, body: dict) -> tuple[int | None, dict]:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(self.url, data=data, method="POST", headers={
            "Authorization": f"token {self.token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                return reply.status, json.loads(reply.read() or b"{}")
        except urllib.error.HTTPError as err:
            try:
                return err.code, json.loads(err.read() or b"{}")
            except ValueError:
                return err.code, {}
        except (urllib.error.URLError, OSError, ValueError):
            return None, {}

    def check_data(self, set_name: str, question_id: str, response: Any, attempt: int = 1) -> dict:
        """Check one answer; the reply as data: ``{"status", "feedback", "attempt"}``.

        ``feedback`` has the fields of :class:`kit.exercises.Feedback`. When nothing was
        checked (unreachable, slowed down, refused), ``feedback["empty"]`` is True and its
        message says why; an unreachable attempt is kept in the outbox.
        """
        body = {"set": set_name, "question": question_id, "response": response, "attempt": attempt}
        kept = self.pending()
        same = ("set", "question", "response")
        if kept and all(kept[-1].get(k) == body[k] for k in same):
            self._save(kept[:-1])   # the same answer checked again: sent once, not twice
        self.resend()
        status, reply = self._post(body)
        if status is None or status >= 500:
            self._save(self.pending() + [body])
            return {"status": status, "attempt": None, "feedback": _note(UNREACHABLE)}
        if status != 200:
            message = reply.get("error") or f"The checking service refused this answer (HTTP {status})."
            return {"status": status, "attempt": None, "wait_s": reply.get("wait_s"),
                    "feedback": _note(message)}
        return {"status": status, "attempt": reply.get("attempt"), "feedback": reply["feedback"]}

    def checker_for(self, set_name: str):
        """A function with :func:`kit.exercises.check`'s signature that checks with the service
        (``question`` is a :class:`~kit.exercises.Question` of the set ``set_name``)."""
        def check(question, response, attempt: int = 1):
            return self.check(set_name, question.id, response, attempt)
        return check

    def check(self, set_name: str, question_id: str, response: Any, attempt: int = 1):
        """Check one answer; a :class:`kit.exercises.Feedback` (``empty`` when not checked)."""
        from ..exercises import Feedback

        fb = dict(self.check_data(set_name, question_id, response, attempt)["feedback"])
        fb["rubric"] = tuple(fb.get("rubric") or ())
        known = Feedback.__dataclass_fields__
        return Feedback(**{k: v for k, v in fb.items() if k in known})


def _note(message: str) -> dict:
    return {"correct": None, "message": message, "hint": None, "almost": False, "explanation": None,
            "solution": None, "rubric": [], "done": False, "empty": True,
            "needs_self_assessment": False}
