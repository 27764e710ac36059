"""The checking service's record of every attempt: one SQLite file in WAL mode.

One row per checked answer: the student (from the hub, never from the request), the set,
the question, the response (JSON), the result, the attempt number (counted here, per
student and question) and the time. Every insert is committed before the answer is
returned, so nothing is lost when the service restarts.

    >>> import tempfile, pathlib
    >>> store = AttemptStore(pathlib.Path(tempfile.mkdtemp()) / "attempts.sqlite")
    >>> store.record("kitstu1", "01_reading_the_report", "when", "single", "3 August 1952", False)
    1
    >>> store.record("kitstu1", "01_reading_the_report", "when", "single", "20 July 1952", True)
    2
    >>> store.wrong_streak("kitstu1", "01_reading_the_report", "when")
    0
    >>> [row["first_try_rate"] for row in store.question_summary()]
    [0.0]
    >>> store.close()
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import time
from pathlib import Path
from typing import Any

__all__ = ["AttemptStore", "CSV_COLUMNS", "MOST_MISSED"]

#: The columns of the CSV download and of :meth:`AttemptStore.rows`, in order.
CSV_COLUMNS = ["student", "set", "question", "type", "correct", "response", "attempt", "time"]
#: How many questions the instructor's page lists as "most often missed".
MOST_MISSED = 10
#: How long a writer waits for another writer's lock before giving up (seconds).
BUSY_TIMEOUT_S = 10.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    student   TEXT NOT NULL,
    set_name  TEXT NOT NULL,
    question  TEXT NOT NULL,
    qtype     TEXT NOT NULL,
    response  TEXT NOT NULL,
    correct   INTEGER,          -- 1 right, 0 wrong, NULL not auto-checked
    attempt   INTEGER NOT NULL, -- 1 for this student's first attempt at this question
    time      REAL NOT NULL     -- seconds since the epoch, UTC
);
CREATE INDEX IF NOT EXISTS attempts_by_question ON attempts (student, set_name, question);
"""


class AttemptStore:
    """The attempts database (created with its folder when missing).

    Args:
        path: the SQLite file, e.g. ``classroom/service/attempts.sqlite``.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                   check_same_thread=False)  # one thread at a time (tornado)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")   # a committed attempt survives a crash
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        """Close the database (the WAL is checkpointed)."""
        self._db.close()

    @property
    def journal_mode(self) -> str:
        """``"wal"`` once open."""
        return self._db.execute("PRAGMA journal_mode").fetchone()[0]

    def record(self, student: str, set_name: str, question: str, qtype: str,
               response: Any, correct: bool | None, when: float | None = None) -> int:
        """Save one attempt; returns its attempt number (1 for the first at this question)."""
        with self._transaction():
            number = self.attempts_at(student, set_name, question) + 1
            self._db.execute(
                "INSERT INTO attempts (student, set_name, question, qtype, response, correct, attempt, time)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (student, set_name, question, qtype, json.dumps(response, ensure_ascii=False),
                 None if correct is None else int(bool(correct)), number,
                 time.time() if when is None else when))
        return number

    def _transaction(self):
        db = self._db

        class _Tx:
            def __enter__(self):
                db.execute("BEGIN IMMEDIATE")

            def __exit__(self, kind, value, tb):
                db.execute("COMMIT" if kind is None else "ROLLBACK")
        return _Tx()

    def attempts_at(self, student: str, set_name: str, question: str) -> int:
        """How many attempts ``student`` has made at one question."""
        row = self._db.execute("SELECT COUNT(*) FROM attempts WHERE student=? AND set_name=? AND question=?",
                               (student, set_name, question)).fetchone()
        return int(row[0])

    def wrong_streak(self, student: str, set_name: str, question: str) -> int:
        """Wrong answers in a row at one question, counting back from the latest (0 once right)."""
        rows = self._db.execute(
            "SELECT correct FROM attempts WHERE student=? AND set_name=? AND question=? ORDER BY id DESC",
            (student, set_name, question)).fetchall()
        streak = 0
        for (correct,) in rows:
            if correct != 0:
                break
            streak += 1
        return streak

    def last_time(self, student: str, set_name: str, question: str) -> float | None:
        """When ``student`` last answered one question (None: never)."""
        row = self._db.execute("SELECT MAX(time) FROM attempts WHERE student=? AND set_name=? AND question=?",
                               (student, set_name, question)).fetchone()
        return row[0]

    def rows(self, student: str | None = None) -> list[dict]:
        """Every attempt (or one student's), oldest first, as :data:`CSV_COLUMNS` dicts."""
        sql = ("SELECT student, set_name AS \"set\", question, qtype AS type, correct, response, attempt, time "
               "FROM attempts")
        args: tuple = ()
        if student is not None:
            sql += " WHERE student=?"
            args = (student,)
        out = []
        for r in self._db.execute(sql + " ORDER BY id", args):
            d = dict(r)
            d["correct"] = None if d["correct"] is None else bool(d["correct"])
            d["response"] = json.loads(d["response"])
            d["time"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(d["time"]))
            out.append(d)
        return out

    def count(self) -> int:
        """How many attempts are stored."""
        return int(self._db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0])

    def csv_text(self) -> str:
        """Every attempt as CSV (:data:`CSV_COLUMNS`; responses as JSON)."""
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(CSV_COLUMNS)
        for r in self.rows():
            writer.writerow([json.dumps(r[c], ensure_ascii=False) if c == "response" else r[c]
                             for c in CSV_COLUMNS])
        return buf.getvalue()

    def question_summary(self) -> list[dict]:
        """Per question: students who tried it, first-try rate, mean attempts, wrong answers.

        ``first_try_rate`` is the share of students whose first attempt was right;
        ``attempts`` the mean number of attempts per student.
        """
        sql = """
        SELECT set_name, question, COUNT(DISTINCT student) AS students, COUNT(*) AS attempts,
               SUM(CASE WHEN attempt = 1 AND correct = 1 THEN 1 ELSE 0 END) AS first_right,
               SUM(CASE WHEN correct = 0 THEN 1 ELSE 0 END) AS wrong,
               MIN(id) AS first_id
        FROM attempts GROUP BY set_name, question ORDER BY set_name, first_id"""
        out = []
        for r in self._db.execute(sql):
            students = r["students"] or 1
            out.append({"set": r["set_name"], "question": r["question"], "students": r["students"],
                        "attempts": r["attempts"], "mean_attempts": r["attempts"] / students,
                        "first_try_rate": r["first_right"] / students, "wrong": r["wrong"]})
        return out

    def most_missed(self, limit: int = MOST_MISSED) -> list[dict]:
        """The questions with the most wrong answers, each with its wrong answers and counts."""
        summary = sorted((q for q in self.question_summary() if q["wrong"]),
                         key=lambda q: (-q["wrong"], q["first_try_rate"]))[:limit]
        for q in summary:
            answers = self._db.execute(
                "SELECT response, COUNT(*) AS n FROM attempts WHERE set_name=? AND question=? AND correct=0 "
                "GROUP BY response ORDER BY n DESC, response", (q["set"], q["question"])).fetchall()
            q["wrong_answers"] = [(json.loads(a["response"]), a["n"]) for a in answers]
        return summary

    def students(self) -> list[dict]:
        """Per student: attempts, questions tried, questions right, last activity (UTC)."""
        sql = """
        SELECT student, COUNT(*) AS attempts,
               COUNT(DISTINCT set_name || '/' || question) AS tried,
               COUNT(DISTINCT CASE WHEN correct = 1 THEN set_name || '/' || question END) AS right,
               MAX(time) AS last
        FROM attempts GROUP BY student ORDER BY student"""
        return [{**dict(r), "last": time.strftime("%Y-%m-%d %H:%M", time.gmtime(r["last"]))}
                for r in self._db.execute(sql)]
