"""The checking service, served on loopback with the hub's authentication stood in for.

A student's answers are checked and recorded under the name the token belongs to; guessing
is slowed; the instructor's page, chart and CSV are for instructors only; the quiz client
keeps what it cannot send and sends it later.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import urllib.error
import urllib.request

import pytest

from kit.classroom.client import UNREACHABLE, RemoteChecker
from kit.classroom.service import THROTTLE_AFTER, THROTTLE_STEP_S, ClassroomService, Keys
from kit.classroom.store import AttemptStore

from .conftest import RunningService


def call(base: str, path: str, token: str | None = None, body: dict | None = None):
    """(status, text) of one request to the service."""
    headers = {"Authorization": f"token {token}"} if token else {}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(base + path, data=data, headers=headers,
                                     method="POST" if body is not None else "GET")
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def answer(running, token, question, response, **extra):
    status, text = call(running.base, "api/check", token,
                        {"set": "c1_practice", "question": question, "response": response, **extra})
    return status, json.loads(text)


def test_an_answer_is_checked_and_recorded_under_the_token_owner(running):
    status, reply = answer(running, "tok-stu1", "when", "3 August 1952")
    assert status == 200
    assert reply["feedback"]["correct"] is False
    assert "printed" in reply["feedback"]["message"]
    assert reply["feedback"]["hint"] == "七月 is the seventh month."
    status, reply = answer(running, "tok-stu1", "when", "20 July 1952")
    assert (status, reply["feedback"]["correct"], reply["attempt"]) == (200, True, 2)
    rows = running.service.store.rows()
    assert [(r["student"], r["question"], r["correct"], r["attempt"]) for r in rows] == [
        ("kitstu1", "when", False, 1), ("kitstu1", "when", True, 2)]
    assert rows[0]["response"] == "3 August 1952"


def test_a_forged_student_name_is_ignored(running):
    status, reply = answer(running, "tok-stu1", "cadre", "干部", student="kitstu2", user="kitstu2")
    assert status == 200 and reply["student"] == "kitstu1"
    assert {r["student"] for r in running.service.store.rows()} == {"kitstu1"}


def test_without_a_token_nothing_is_checked(running):
    status, _ = call(running.base, "api/check", None, {"set": "c1_practice", "question": "when",
                                                        "response": "20 July 1952"})
    assert status == 403
    assert running.service.store.count() == 0


def test_exam_mode_never_sends_the_answer_after_a_wrong_one(running):
    status, reply = answer(running, "tok-stu1", "named", True, attempt=5)
    assert status == 200 and reply["feedback"]["done"] is True
    assert reply["feedback"]["solution"] is None and reply["feedback"]["explanation"] is None
    status, reply = answer(running, "tok-stu1", "named", False)
    assert reply["feedback"]["explanation"] == "某工厂 means 'a certain factory'."


def test_unknown_set_or_question_is_a_clear_404(running):
    status, reply = answer(running, "tok-stu1", "nope", "x")
    assert status == 404 and "no question 'nope'" in reply["error"]
    status, _ = call(running.base, "api/check", "tok-stu1", {"set": "../keys/c1_practice",
                                                             "question": "when", "response": "x"})
    assert status == 404


def test_guessing_is_slowed_after_several_wrong_answers(running, clock):
    for _ in range(THROTTLE_AFTER):
        assert answer(running, "tok-stu1", "cadre", "工人")[0] == 200
        clock.now += 1
    status, reply = answer(running, "tok-stu1", "cadre", "干部")
    assert status == 429
    assert reply["wait_s"] == THROTTLE_STEP_S - 1
    assert f"Please wait {THROTTLE_STEP_S - 1} s" in reply["error"]
    assert answer(running, "tok-stu2", "cadre", "干部")[0] == 200   # other students are not slowed
    clock.now += THROTTLE_STEP_S
    status, reply = answer(running, "tok-stu1", "cadre", "干部")
    assert status == 200 and reply["feedback"]["correct"] is True
    assert running.service.store.attempts_at("kitstu1", "c1_practice", "cadre") == THROTTLE_AFTER + 1


def test_a_student_sees_only_their_own_progress(running):
    answer(running, "tok-stu1", "when", "20 July 1952")
    status, text = call(running.base, "api/progress/kitstu1", "tok-stu1")
    assert status == 200 and len(json.loads(text)["attempts"]) == 1
    assert call(running.base, "api/progress/kitstu1", "tok-stu2")[0] == 403
    assert call(running.base, "api/progress/kitstu1", "tok-ins1")[0] == 200


def test_the_instructor_page_chart_and_csv_are_for_instructors_only(running):
    answer(running, "tok-stu1", "when", "3 August 1952")
    answer(running, "tok-stu1", "when", "20 July 1952")
    answer(running, "tok-stu2", "when", "20 July 1952")
    answer(running, "tok-stu2", "named", True)
    status, page = call(running.base, "", "tok-stu1")
    assert status == 403 and "Instructors only" in page and "kitstu2" not in page
    assert call(running.base, "attempts.csv", "tok-stu2")[0] == 403
    status, page = call(running.base, "", "tok-ins1")
    assert status == 200
    assert "<svg" in page and "50% first try" in page          # 'when': 1 of 2 right at once
    assert "3 August 1952 (×1)" in page                       # the wrong answer given
    assert "kitstu1" in page and "kitstu2" in page
    status, text = call(running.base, "attempts.csv", "tok-ins1")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert status == 200 and len(rows) == 4
    assert rows[0]["student"] == "kitstu1" and json.loads(rows[0]["response"]) == "3 August 1952"


def test_attempts_survive_a_restart_and_the_database_is_in_wal_mode(tmp_path, keys_dir):
    db = tmp_path / "attempts.sqlite"
    store = AttemptStore(db)
    server = RunningService(ClassroomService(store, Keys(keys_dir)))
    answer(server, "tok-stu1", "when", "1 May 1952")
    server.stop()
    store.close()
    store = AttemptStore(db)
    server = RunningService(ClassroomService(store, Keys(keys_dir)), port=server.port)
    try:
        status, reply = answer(server, "tok-stu1", "when", "20 July 1952")
        assert reply["attempt"] == 2
    finally:
        server.stop()
        store.close()
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert con.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 2


def test_the_client_checks_through_the_service(running, tmp_path):
    rc = RemoteChecker(running.base + "api/check", "tok-stu2", tmp_path / "outbox.json")
    fb = rc.check("c1_practice", "cadre", "干部")
    assert fb.correct is True and fb.explanation == "干部 are cadres."
    fb = rc.check("c1_practice", "cadre", "", attempt=1)
    assert fb.empty and fb.correct is None


def test_the_client_keeps_what_it_cannot_send_and_sends_it_later(running, tmp_path):
    outbox = tmp_path / "outbox.json"
    dead = RemoteChecker("http://127.0.0.1:9/services/kit/api/check", "tok-stu1", outbox, timeout=2)
    fb = dead.check("c1_practice", "when", "20 July 1952")
    assert fb.empty and fb.message == UNREACHABLE
    dead.check("c1_practice", "when", "20 July 1952")          # the same answer again: kept once
    assert len(dead.pending()) == 1
    alive = RemoteChecker(running.base + "api/check", "tok-stu1", outbox)
    fb = alive.check("c1_practice", "named", False)
    assert fb.correct is True and alive.pending() == []
    assert [r["question"] for r in running.service.store.rows()] == ["when", "named"]


def test_the_client_says_how_long_to_wait(running, tmp_path):
    rc = RemoteChecker(running.base + "api/check", "tok-stu1", tmp_path / "outbox.json")
    for _ in range(THROTTLE_AFTER):
        rc.check("c1_practice", "named", True)
    fb = rc.check("c1_practice", "named", False)
    assert fb.empty and fb.message.startswith("Please wait") and rc.pending() == []
