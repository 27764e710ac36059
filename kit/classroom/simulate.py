"""A simulated student on loopback: log in through the hub's form, start a server, run code
in a kernel. Used by the classroom's end-to-end test and its benchmark; standard library
plus ``websocket-client`` (a dependency of jupyter_server).

Every wait has a deadline; every request goes to the hub's address given (127.0.0.1).
"""

from __future__ import annotations

import http.cookiejar
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

from ..errors import KitError

__all__ = ["HubSession", "REQUEST_TIMEOUT_S"]

#: One HTTP request's timeout (s).
REQUEST_TIMEOUT_S = 30
#: Pause between two polls of a starting server (s).
POLL_S = 0.5


class HubSession:
    """One browser-like session with the hub: cookies, the log-in form, the student's server."""

    def __init__(self, hub_url: str, username: str):
        self.hub = hub_url.rstrip("/")
        self.user = username
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def cookie(self, name: str, path_prefix: str = "/") -> str | None:
        found = [c for c in self.jar if c.name == name and c.path.startswith(path_prefix)]
        return found[-1].value if found else None

    def request(self, path: str, data: dict | bytes | None = None, method: str | None = None,
                headers: dict | None = None, timeout: float = REQUEST_TIMEOUT_S) -> tuple[int, bytes, str]:
        """(status, body, final URL) of one request (redirects followed, cookies kept)."""
        if isinstance(data, dict):
            data = urllib.parse.urlencode(data).encode()
        req = urllib.request.Request(self.hub + path, data=data, method=method, headers=headers or {})
        try:
            with self.opener.open(req, timeout=timeout) as reply:
                return reply.status, reply.read(), reply.geturl()
        except urllib.error.HTTPError as err:
            return err.code, err.read(), err.geturl()

    def login(self, password: str) -> bool:
        """Log in through ``/hub/login`` (the form, with its ``_xsrf``); True when it worked."""
        self.request("/hub/login")
        xsrf = self.cookie("_xsrf") or ""
        status, _, url = self.request("/hub/login?next=%2Fhub%2Fhome",
                                      {"username": self.user, "password": password, "_xsrf": xsrf})
        return status == 200 and "/hub/login" not in url and self.cookie("jupyterhub-session-id") is not None

    def spawn(self, deadline_s: float) -> float:
        """Start the student's server and wait until it serves ``/lab``; returns seconds taken."""
        start = time.monotonic()
        self.request("/hub/spawn", timeout=deadline_s)
        deadline = start + deadline_s
        while time.monotonic() < deadline:
            status, body, url = self.request(f"/user/{self.user}/lab", timeout=REQUEST_TIMEOUT_S)
            if status == 200 and f"/user/{self.user}/lab" in url and b"jupyter" in body.lower():
                return time.monotonic() - start
            time.sleep(POLL_S)
        raise KitError(f"{self.user}: the server did not start within {deadline_s:.0f} s")

    def _server_headers(self) -> dict:
        xsrf = self.cookie("_xsrf", f"/user/{self.user}") or self.cookie("_xsrf") or ""
        return {"X-XSRFToken": xsrf, "Content-Type": "application/json"}

    def start_kernel(self) -> str:
        """Start a kernel in the student's server; returns its id."""
        status, body, _ = self.request(f"/user/{self.user}/api/kernels", b'{"name": "python3"}',
                                       method="POST", headers=self._server_headers())
        if status not in (200, 201):
            raise KitError(f"{self.user}: starting a kernel failed (HTTP {status}): {body[:200]!r}")
        return json.loads(body)["id"]

    def run(self, kernel_id: str, code: str, deadline_s: float = 60) -> str:
        """Run ``code`` in the kernel; returns what it printed (stdout). Errors raise KitError."""
        import websocket

        ws_url = self.hub.replace("http", "ws", 1) + f"/user/{self.user}/api/kernels/{kernel_id}/channels"
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.jar)
        ws = websocket.create_connection(ws_url, header=[f"Cookie: {cookies}"], origin=self.hub,
                                         timeout=deadline_s)
        try:
            msg_id = uuid.uuid4().hex
            ws.send(json.dumps({
                "header": {"msg_id": msg_id, "username": self.user, "session": uuid.uuid4().hex,
                           "msg_type": "execute_request", "version": "5.3"},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": code, "silent": False, "store_history": False,
                            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
            return self._collect(ws, msg_id, time.monotonic() + deadline_s)
        finally:
            ws.close()

    def _collect(self, ws, msg_id: str, deadline: float) -> str:
        out, error, replied, idle = [], None, False, False
        while time.monotonic() < deadline and not (replied and idle):
            msg = json.loads(ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if kind == "stream" and msg["content"].get("name") == "stdout":
                out.append(msg["content"]["text"])
            elif kind == "error":
                error = "\n".join(msg["content"].get("traceback", []))[-2000:]
            elif kind == "execute_reply":
                replied = True
            elif kind == "status" and msg["content"].get("execution_state") == "idle":
                idle = True
        if error:
            raise KitError(f"{self.user}: the kernel raised an error:\n{error}")
        if not (replied and idle):
            raise KitError(f"{self.user}: the kernel did not finish in time")
        return "".join(out)

    def stop_server(self, deadline_s: float = 60) -> None:
        """Ask the hub to stop the student's server (cookie + the hub's _xsrf)."""
        xsrf = self.cookie("_xsrf", "/hub") or ""
        self.request(f"/hub/api/users/{self.user}/server", method="DELETE",
                     headers={"X-XSRFToken": xsrf}, timeout=deadline_s)
