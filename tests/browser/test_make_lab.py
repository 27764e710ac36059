"""`make lab`, the README's first command, checked as it is: it must serve JupyterLab on
127.0.0.1 only, ask for a token, and open notebooks/00_start_here.ipynb.

It runs in a scratch copy (Makefile, pyproject.toml, notebooks/, and a link to the
project's .venv), so the student's tree is never served or written to.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time

import pytest

import _lab

START_NOTEBOOK = "notebooks/00_start_here.ipynb"


@pytest.fixture(scope="module")
def make_lab(tmp_path_factory):
    """`make lab` started on a free port with a random token; the process group is ended after."""
    tmp_path = tmp_path_factory.mktemp("make-lab")
    project = _lab.PROJECT_DIR
    if shutil.which("make") is None:
        pytest.skip("`make` is not installed")
    if not (project / ".venv" / "bin" / "jupyter").exists():
        pytest.skip("the project's .venv has no jupyter: run `make lab` or `make test` once")
    assert (project / START_NOTEBOOK).exists(), f"{START_NOTEBOOK} is missing"

    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(project / name, copy / name)          # keeps mtimes: the stamp stays fresh
    shutil.copytree(project / "notebooks", copy / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    (copy / ".venv").symlink_to(project / ".venv", target_is_directory=True)

    env = _lab.lab_environment(tmp_path / "work")
    for var in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
        env.pop(var, None)
    dry = subprocess.run(["make", "-n", "lab"], cwd=copy, env=env, capture_output=True,
                         text=True, timeout=60)
    if "pip install" in dry.stdout or "-m venv" in dry.stdout:
        pytest.skip("the .venv is older than pyproject.toml, so `make lab` would rebuild it: "
                    "run `make lab` once, then these tests")

    port, token = _lab.free_port(), os.urandom(16).hex()
    lab_args = f"--no-browser --ServerApp.token={token}"
    makefile = (copy / "Makefile").read_text()
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "allow-root" not in makefile:
        lab_args += " --allow-root"
    log = tmp_path / "make-lab.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(["make", "lab", f"PORT={port}", f"LAB_ARGS={lab_args}"],
                                   cwd=copy, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _lab.wait_for_status(base, token, process, log, timeout=90)
        yield {"base": base, "port": port, "token": token, "env": env, "log": log,
               "copy": copy}
    finally:
        _lab.stop_process_group(process, whole_group=True)


def test_make_lab_answers_on_loopback_only(make_lab):
    port = make_lab["port"]
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        pass
    reachable = []
    for address in _lab.other_local_addresses():
        try:
            with socket.create_connection((address, port), timeout=2):
                reachable.append(address)
        except OSError:
            pass
    assert not reachable, (f"`make lab` also answers on {', '.join(reachable)}: it must bind "
                           "to 127.0.0.1 only (--ip 127.0.0.1)")

    listed = subprocess.run([str(_lab.PROJECT_DIR / ".venv" / "bin" / "jupyter"), "server",
                             "list", "--json"], env=make_lab["env"], capture_output=True,
                            text=True, timeout=60)
    servers = [json.loads(line) for line in listed.stdout.splitlines() if line.strip()]
    ours = [s for s in servers if s.get("port") == port]
    assert ours, f"`jupyter server list` does not show the server on port {port}: {listed}"
    assert ours[0]["hostname"] == "127.0.0.1", ours[0]


def test_make_lab_asks_for_a_token(make_lab):
    base, token = make_lab["base"], make_lab["token"]
    status, _, _ = _lab.http_get(f"{base}/api/status")
    assert status == 403, f"/api/status without a token answered {status}, expected 403"
    status, headers, _ = _lab.http_get(f"{base}/lab", follow=False)
    assert status == 302 and "/login" in headers.get("Location", ""), (status, headers)
    status, _, body = _lab.http_get(f"{base}/api/status?token={token}")
    assert status == 200 and "started" in json.loads(body)


def test_make_lab_opens_the_start_notebook(make_lab, browser_context):
    base, token = make_lab["base"], make_lab["token"]
    status, headers, _ = _lab.http_get(f"{base}/?token={token}", follow=False)
    assert status in (301, 302), status
    location = headers.get("Location", "").split("?")[0]
    assert location.endswith("/lab/tree/notebooks/00_start_here.ipynb"), (
        f"`make lab` opens {location}, not {START_NOTEBOOK}. JupyterLab replaces "
        "--ServerApp.default_url with its own; set --LabApp.default_url in the Makefile")

    page = browser_context.new_page()
    try:
        page.goto(f"{base}/?token={token}")
        tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current "
                           ".lm-TabBar-tabLabel")
        tab.filter(has_text="00_start_here.ipynb").wait_for(timeout=60_000)
        page.locator(f"{_lab.VISIBLE_PANEL} .jp-Cell").first.wait_for(timeout=30_000)
        assert page.locator(f"{_lab.VISIBLE_PANEL} h1").first.inner_text().strip()
        _lab.ARTIFACTS_DIR.mkdir(exist_ok=True)
        page.screenshot(path=str(_lab.ARTIFACTS_DIR / "make-lab-start.png"))
    finally:
        page.close()
