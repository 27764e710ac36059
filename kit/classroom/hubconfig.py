"""The class's JupyterHub: its config file, and starting and stopping it.

:func:`write_config` writes ``classroom/hub/jupyterhub_config.py``: PAM log-in for the
accounts of :mod:`kit.classroom.roster` (group ``kitclass``; group ``instructors`` are
admins), one JupyterLab per student run as that student, timeouts fit for a class logging in
at once, and the checking service ``kit`` (:mod:`kit.classroom.service`), which the hub
starts and stops. :func:`start` runs the hub in the background and waits until it answers;
:func:`stop` ends it (the hub stops the proxy, the students' servers and the service).

    >>> text = config_text(ClassroomPaths("/srv/class"), ip="127.0.0.1", port=8000)
    >>> "c.JupyterHub.ip = '127.0.0.1'" in text and "'name': 'kit'" in text
    True
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from pprint import pformat

from .._data import PROJECT_DIR
from ..errors import KitError
from .paths import ClassroomPaths, sync_keys
from .roster import CLASS_GROUP, INSTRUCTORS_GROUP

__all__ = ["config_text", "write_config", "start", "stop", "is_running", "protect_sets",
           "HTTP_TIMEOUT_S", "START_TIMEOUT_S", "SERVICE_PORT", "HUB_API_PORT"]

#: How long the hub waits for a student's server to answer HTTP once started (default 30 s:
#: too short when a class logs in at once on a small machine).
HTTP_TIMEOUT_S = 120
#: How long a server may take to start (default 60 s; 30 students on 2 cores needed ~60 s).
START_TIMEOUT_S = 300
#: Where the checking service listens (loopback; students reach it through the proxy).
SERVICE_PORT = 10101
#: The hub's own API port (loopback).
HUB_API_PORT = 8081
#: How long :func:`start` waits for the hub to answer, and :func:`stop` for it to end (s).
START_WAIT_S = 90
STOP_WAIT_S = 40
#: Pause between two checks while waiting (s).
POLL_S = 0.5


def config_text(paths: ClassroomPaths, ip: str = "127.0.0.1", port: int = 8000,
                base_url: str = "/", api_port: int = HUB_API_PORT,
                service_port: int = SERVICE_PORT) -> str:
    """The text of ``jupyterhub_config.py`` for this classroom (loopback ports: the hub's
    API ``api_port``, the proxy's API ``api_port + 1``, the service ``service_port``)."""
    service_url = f"http://127.0.0.1:{port}{base_url.rstrip('/')}/services/kit/"
    env = {"KIT_SEEDS_DIR": str(PROJECT_DIR / "seeds"), "KIT_CLASSROOM_URL": service_url}
    service = {
        "name": "kit", "url": f"http://127.0.0.1:{service_port}", "display": True,
        "oauth_no_confirm": True,
        "command": [str(paths.python), "-m", "kit.classroom.service",
                    "--keys", str(paths.keys), "--db", str(paths.db)],
        "cwd": str(paths.service),
    }
    roles = [
        {"name": "user", "scopes": ["self", "access:services!service=kit"]},
        {"name": "kit-service", "scopes": ["read:users", "read:groups"], "services": ["kit"]},
    ]
    return f'''# Written by `python -m kit.classroom hub start` ({__name__}); edits are overwritten.
c = get_config()  # noqa: F821
c.JupyterHub.ip = {ip!r}
c.JupyterHub.port = {port}
c.JupyterHub.base_url = {base_url!r}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {api_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port + 1}"
c.JupyterHub.db_url = {"sqlite:///" + str(paths.hub / "jupyterhub.sqlite")!r}
c.JupyterHub.cookie_secret_file = {str(paths.hub / "jupyterhub_cookie_secret")!r}
c.ConfigurableHTTPProxy.command = [{str(paths.proxy)!r}]
c.ConfigurableHTTPProxy.pid_file = {str(paths.hub / "proxy.pid")!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# Log-in: the Unix accounts of the class (PAM); instructors are admins.
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.allowed_groups = {{{CLASS_GROUP!r}}}
c.PAMAuthenticator.admin_groups = {{{INSTRUCTORS_GROUP!r}}}

# One JupyterLab per student, run as that student from the classroom's Python.
c.Spawner.cmd = [{str(paths.venv / "bin" / "jupyterhub-singleuser")!r}]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.http_timeout = {HTTP_TIMEOUT_S}
c.Spawner.start_timeout = {START_TIMEOUT_S}
c.Spawner.environment = {env!r}
c.Spawner.server_token_scopes = ["users:activity!user", "access:servers!server",
                                 "access:services!service=kit"]

# The checking service: started and stopped by the hub.
c.JupyterHub.services = [{pformat(service, indent=1, width=96)}]
c.JupyterHub.load_roles = {pformat(roles, width=96)}
'''


def protect_sets(sets_dir: str | Path | None = None) -> bool:
    """Close the instructor's sets folder to other accounts (``chmod o-rwx``); True if changed."""
    folder = Path(sets_dir) if sets_dir else PROJECT_DIR / "exercises"
    mode = folder.stat().st_mode
    if mode & 0o007:
        folder.chmod(mode & ~0o007)
        return True
    return False


def write_config(paths: ClassroomPaths, ip: str = "127.0.0.1", port: int = 8000,
                 sets_dir: str | Path | None = None, **ports) -> Path:
    """Write the config (keys copied from ``sets_dir``, default exercises/; folders made with
    their modes); returns its path. ``ports``: ``api_port``, ``service_port``."""
    paths.make()
    sync_keys(paths, sets_dir)
    paths.config.write_text(config_text(paths, ip, port, **ports), encoding="utf-8")
    paths.config.chmod(0o600)
    return paths.config


def _pid(paths: ClassroomPaths) -> int | None:
    try:
        pid = int(paths.pid_file.read_text().strip())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def is_running(paths: ClassroomPaths) -> bool:
    """The hub of this classroom is running (its pid file names a live process)."""
    return _pid(paths) is not None


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as reply:
            return reply.status == 200
    except (urllib.error.URLError, OSError):
        return False


def start(paths: ClassroomPaths | None = None, ip: str = "127.0.0.1", port: int = 8000,
          report=print, sets_dir: str | Path | None = None, **ports) -> int:
    """Start the hub in the background; returns its pid once ``/hub/api`` answers.

    ``sets_dir`` holds the instructor's sets (default exercises/): copied to the keys folder,
    and closed to other accounts. ``ports``: see :func:`config_text`."""
    paths = paths or ClassroomPaths()
    if os.geteuid() != 0:
        raise KitError("the class's hub runs as root (it starts each student's server as that "
                       "student): sudo make hub")
    for needed, how in ((paths.venv / "bin" / "jupyterhub", "make hub installs it"),
                        (paths.proxy, "make hub installs it with npm (Node.js needed)")):
        if not needed.exists():
            raise KitError(f"{needed} is missing: {how}")
    if is_running(paths):
        report(f"the hub is already running (pid {_pid(paths)}); make hub-stop stops it")
        return _pid(paths)
    if protect_sets(sets_dir):
        report(f"{sets_dir or 'exercises/'} is now closed to other accounts (chmod o-rwx): "
               "students cannot read the keys")
    write_config(paths, ip, port, sets_dir, **ports)
    env = dict(os.environ, PATH=f"{paths.proxy.parent}:{paths.venv / 'bin'}:{os.environ.get('PATH', '')}")
    with open(paths.log, "ab") as log:
        proc = subprocess.Popen([str(paths.venv / "bin" / "jupyterhub"), "-f", str(paths.config)],
                                cwd=paths.hub, env=env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    paths.pid_file.write_text(str(proc.pid))
    deadline = time.monotonic() + START_WAIT_S
    url = f"http://127.0.0.1:{port}/hub/api"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            _stop_children(paths)
            paths.pid_file.unlink(missing_ok=True)
            raise KitError(f"the hub stopped at once (exit {proc.returncode}); see {paths.log}")
        if _answers(url):
            shown = "127.0.0.1" if ip in ("", "0.0.0.0") else ip
            report(f"JupyterHub is up at http://{shown}:{port}/ (pid {proc.pid}; log {paths.log}); "
                   f"instructor page: http://{shown}:{port}/services/kit/")
            return proc.pid
        time.sleep(POLL_S)
    stop(paths, report=lambda _m: None)
    raise KitError(f"the hub did not answer within {START_WAIT_S} s; see {paths.log}")


def stop(paths: ClassroomPaths | None = None, report=print) -> bool:
    """Stop the hub (SIGTERM: it stops the proxy, every server and the service); True if it ran."""
    paths = paths or ClassroomPaths()
    pid = _pid(paths)
    if pid is None:
        report("the hub is not running")
        paths.pid_file.unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_WAIT_S
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(POLL_S)
    if _alive(pid):
        os.killpg(pid, signal.SIGKILL)   # the hub's own session: started by start()
    _stop_children(paths)
    paths.pid_file.unlink(missing_ok=True)
    report(f"the hub (pid {pid}) has stopped")
    return True


def _alive(pid: int) -> bool:
    try:
        done, _status = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _stop_children(paths: ClassroomPaths) -> None:
    """End, by the pids they wrote, the proxy and the service if the hub left them running."""
    for pid_file in (paths.hub / "proxy.pid", paths.service / "service.pid"):
        try:
            pid = int(pid_file.read_text().strip())
            os.kill(pid, signal.SIGTERM)
        except (OSError, ValueError):
            pass
        pid_file.unlink(missing_ok=True)


if __name__ == "__main__":  # pragma: no cover - use python -m kit.classroom
    sys.exit("use: python -m kit.classroom hub start|stop")
