"""End to end: a real JupyterHub on loopback with three students and an instructor.

Each student logs in through the hub's form, gets a server (run as that student), starts a
kernel and answers through the checking service from it; the attempts land in the service's
database under the name the hub gives, whatever name the request claims. From the kernel,
a student cannot read the keys folder, the instructor's sets or another student's home, and
gets 403 from the instructor's page and from another student's progress.

Runs when ``KIT_HUB_TESTS=1``, or as root when ``make hub`` has installed the hub
(classroom/venv and classroom/node). About a minute; it removes the accounts it made.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from .conftest import hub_skip_reason

DATA = Path(__file__).parent / "data"
STUDENTS = ["kitstue2e1", "kitstue2e2", "kitstue2e3"]
INSTRUCTOR = "kitinse2e1"
#: Deadlines (s): one server's start, and the whole class's.
SPAWN_DEADLINE_S = 120
CLASS_DEADLINE_S = 170


pytestmark = pytest.mark.skipif(hub_skip_reason() is not None, reason=hub_skip_reason() or "")


#: What each student's kernel runs: a wrong then a right answer (the second with a forged
#: name), then probes of what the account may read and ask for. Prints one JSON line.
KERNEL_CODE = r'''
import json, os, urllib.request, urllib.error
from kit.classroom import remote_checker
rc = remote_checker()
out = {"uid": os.getuid(), "user": os.environ.get("JUPYTERHUB_USER")}
out["wrong"] = rc.check_data("c1_practice", "when", "3 August 1952")
token = os.environ["JUPYTERHUB_API_TOKEN"]
def call(path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(rc.url.rsplit("api/check", 1)[0] + path, data=data,
        headers={"Authorization": "token " + token, "Content-Type": "application/json"},
        method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, json.loads(r.read() or b"null") if path.startswith("api") else None
    except urllib.error.HTTPError as e:
        return e.code, None
out["forged"] = call("api/check", {"set": "c1_practice", "question": "when",
                                   "response": "20 July 1952", "student": OTHER, "user": OTHER})
out["page"] = call("")[0]
out["csv"] = call("attempts.csv")[0]
out["other_progress"] = call("api/progress/" + OTHER)[0]
out["own_progress"] = call("api/progress/" + out["user"])[0]
def readable(path):
    try:
        if os.path.isdir(path):
            os.listdir(path)
        else:
            open(path, "rb").read(1)
        return True
    except OSError:
        return False
out["read"] = {name: readable(p) for name, p in PROBES.items()}
print(json.dumps(out))
'''


@pytest.fixture(scope="module")
def classroom():
    """A hub on free loopback ports, with its own state folder and four accounts."""
    from .conftest import running_hub

    with running_hub(STUDENTS, INSTRUCTOR, DATA / "keys") as hub:
        yield hub


def _student_run(url, name, password, other, probes, results):
    from kit.classroom.simulate import HubSession

    try:
        s = HubSession(url, name)
        assert s.login(password), f"{name} could not log in"
        s.spawn(SPAWN_DEADLINE_S)
        kernel = s.start_kernel()
        code = f"OTHER = {other!r}\nPROBES = {probes!r}\n" + KERNEL_CODE
        results[name] = {"kernel": json.loads(s.run(kernel, code, deadline_s=90).strip().splitlines()[-1]),
                         "page_status": s.request("/services/kit/")[0]}
    except Exception as err:  # noqa: BLE001 - reported by the test
        results[name] = {"error": repr(err)}


def test_three_students_answer_through_the_service_and_cannot_read_the_keys(classroom):
    paths, url = classroom["paths"], classroom["url"]
    passwords = classroom["passwords"]
    assert not (paths.passwords.stat().st_mode & 0o077)             # mode 600: root only
    results: dict = {}
    threads = []
    for i, name in enumerate(STUDENTS):
        other = STUDENTS[(i + 1) % len(STUDENTS)]
        probes = {"keys": str(paths.keys / "c1_practice.yaml"), "keys_dir": str(paths.keys),
                  "sets": str(classroom["state"] / "sets" / "c1_practice.yaml"),
                  "db": str(paths.db), "passwords": str(paths.passwords),
                  "other_home": f"/home/{other}", "own_exam_copy": f"/home/{name}/exercises/c1_practice.yaml"}
        t = threading.Thread(target=_student_run, args=(url, name, passwords[name], other, probes, results))
        t.start()
        threads.append(t)
    deadline = time.monotonic() + CLASS_DEADLINE_S
    for t in threads:
        t.join(max(1, deadline - time.monotonic()))
    assert set(results) == set(STUDENTS), f"not every student finished in {CLASS_DEADLINE_S} s: {results}"
    for name in STUDENTS:
        r = results[name]
        assert "error" not in r, r
        k = r["kernel"]
        assert k["user"] == name and k["uid"] != 0                   # the kernel runs as the student
        assert k["wrong"]["status"] == 200 and k["wrong"]["feedback"]["correct"] is False
        assert k["wrong"]["feedback"]["hint"] == "七月 is the seventh month."
        assert k["forged"][0] == 200
        assert (k["page"], k["csv"], k["other_progress"], k["own_progress"]) == (403, 403, 403, 200)
        assert r["page_status"] == 403                               # in the browser too
        assert k["read"] == {"keys": False, "keys_dir": False, "sets": False, "db": False,
                             "passwords": False, "other_home": False, "own_exam_copy": True}
    with sqlite3.connect(paths.db) as con:
        rows = con.execute("SELECT student, question, correct, attempt FROM attempts ORDER BY id").fetchall()
    assert sorted(rows) == sorted([(n, "when", 0, 1) for n in STUDENTS] + [(n, "when", 1, 2) for n in STUDENTS])


def test_the_instructor_sees_the_class(classroom):
    from kit.classroom.simulate import HubSession

    s = HubSession(classroom["url"], INSTRUCTOR)
    assert s.login(classroom["passwords"][INSTRUCTOR])
    status, page, _ = s.request("/services/kit/")                   # OAuth through the hub
    assert status == 200
    text = page.decode()
    assert all(name in text for name in STUDENTS) and "<svg" in text
    assert "3 August 1952 (×3)" in text
    status, csv_text, _ = s.request("/services/kit/attempts.csv")
    assert status == 200 and csv_text.decode().count("\n") == 1 + 2 * len(STUDENTS)


def test_a_wrong_password_does_not_log_in(classroom):
    from kit.classroom.simulate import HubSession

    assert not HubSession(classroom["url"], STUDENTS[0]).login("not-the-password")
