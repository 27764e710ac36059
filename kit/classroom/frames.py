"""The service's attempts as a pandas table, for the instructor's notebook.

    >>> frame = attempts_frame(example_database())
    >>> len(frame), sorted(frame["student"].unique())
    (9, ['liwei', 'wangfang', 'zhangmin'])
    >>> frame["response"].iloc[0]
    '3 August 1952'
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from pathlib import Path

from .paths import ClassroomPaths
from .store import AttemptStore

__all__ = ["class_database", "example_database", "attempts_frame", "EXAMPLE_START"]

#: The time of the example database's first attempt (seconds since the epoch, fixed).
EXAMPLE_START = 1_700_000_000.0
#: Seconds between two example attempts.
EXAMPLE_STEP_S = 60

_EXAMPLE = [
    ("liwei", "p1-when", "3 August 1952", False), ("liwei", "p1-when", "20 July 1952", True),
    ("zhangmin", "p1-when", "20 July 1952", True), ("wangfang", "p1-when", "3 August 1952", False),
    ("wangfang", "p1-when", "14 July 1952", False), ("wangfang", "p1-when", "20 July 1952", True),
    ("liwei", "p1-cloze", "干部", True), ("zhangmin", "p1-cloze", "工人", False),
    ("zhangmin", "p1-cloze", "干部", True)]


def example_database(folder: str | Path | None = None) -> Path:
    """A small example database: three students, two questions of set 01, fixed times."""
    path = Path(folder or tempfile.mkdtemp()) / "attempts.sqlite"
    store = AttemptStore(path)
    for i, (student, question, response, correct) in enumerate(_EXAMPLE):
        store.record(student, "01_reading_the_report", question,
                     "single" if question == "p1-when" else "cloze", response, correct,
                     when=EXAMPLE_START + EXAMPLE_STEP_S * i)
    store.close()
    return path


def class_database() -> Path | None:
    """``KIT_CLASSROOM_DB``, else the classroom's database when it holds attempts, else None."""
    named = os.environ.get("KIT_CLASSROOM_DB")
    if named:
        return Path(named)
    db = ClassroomPaths().db
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
            if con.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]:
                return db
    except sqlite3.Error:
        pass
    return None


def attempts_frame(db: str | Path):
    """Every attempt in ``db`` as a DataFrame: student, set, question, type, response (text
    for a typed or chosen answer, JSON otherwise), correct, attempt, time (UTC)."""
    import pandas as pd

    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        frame = pd.read_sql_query(
            'SELECT student, set_name AS "set", question, qtype AS type, response, correct, '
            "attempt, time FROM attempts ORDER BY id", con)
    frame["time"] = pd.to_datetime(frame["time"], unit="s", utc=True)
    frame["correct"] = frame["correct"].map({1: True, 0: False})
    frame["response"] = [r if isinstance(r := json.loads(t), str) else t for t in frame["response"]]
    return frame
