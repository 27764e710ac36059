"""The classroom under load: N students log in at once, start a server and a kernel, and answer
20 questions each through the checking service from that kernel.

    sudo make classroom-bench            # 30 students
    sudo classroom/venv/bin/python benchmarks/classroom_bench.py --students 5

Needs root (it creates the accounts kitstub01…, removed at the end) and the hub installed by
``make hub``. It starts its own hub on a free loopback port with its own state folder, and
stops everything it started. Every wait has a deadline. The last line reads like::

    classroom: 30/30 students started, spawn median 21.0 s p90 35.2 s, answer median 40 ms p95 180 ms, attempts 600/600 recorded, peak memory 5.1 GB
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kit.classroom import hubconfig  # noqa: E402
from kit.classroom.paths import ClassroomPaths  # noqa: E402
from kit.classroom.roster import add_students, remove_students  # noqa: E402
from kit.classroom.simulate import HubSession  # noqa: E402
from kit.exercises import load_exercises  # noqa: E402

#: Seconds one student's server may take to start, at least, and per student in the burst.
SPAWN_DEADLINE_MIN_S = 120
SPAWN_DEADLINE_PER_STUDENT_S = 10   # 30 students: 300 s, the hub's own Spawner.start_timeout
#: Seconds all the students may take to answer once their kernels are up.
ANSWER_DEADLINE_S = 180
#: How often memory is sampled (s).
MEMORY_SAMPLE_S = 0.5
#: Question types answered (one simple response each, no throttling: one answer per question).
SIMPLE_TYPES = ("single", "true_false", "multiple", "cloze", "pinyin", "translation")

KERNEL_CODE = r'''
import json, time
from kit.classroom import remote_checker
rc = remote_checker()
times, ok = [], 0
for set_name, qid, response in PLAN:
    t = time.perf_counter()
    reply = rc.check_data(set_name, qid, response)
    times.append(time.perf_counter() - t)
    ok += reply["status"] == 200
print(json.dumps({"times": times, "ok": ok, "unsent": len(rc.pending())}))
'''


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answer_plan(n_questions: int) -> list[tuple[str, str, object]]:
    """``n_questions`` (set, question, response) from the project's sets: simple types only."""
    plan = []
    for path in sorted((ROOT / "exercises").glob("*.yaml")):
        s = load_exercises(path)
        for q in s:
            if q.type in SIMPLE_TYPES:
                response = {"true_false": True, "cloze": "干部", "pinyin": "gan4bu4",
                            "multiple": list(q.choices[:1])}.get(q.type, q.choices[0] if q.choices else "x")
                plan.append((s.name, q.id, response))
            if len(plan) == n_questions:
                return plan
    return plan


class MemoryPeak(threading.Thread):
    """Samples used memory (MemTotal − MemAvailable); ``peak`` is the most above the start."""

    def __init__(self):
        super().__init__(daemon=True)
        self.base = self.used()
        self.peak = 0
        self.done = threading.Event()

    @staticmethod
    def used() -> int:
        info = dict(line.split(":", 1) for line in Path("/proc/meminfo").read_text().splitlines())
        kb = lambda k: int(info[k].split()[0])  # noqa: E731
        return (kb("MemTotal") - kb("MemAvailable")) * 1024

    def run(self):
        while not self.done.wait(MEMORY_SAMPLE_S):
            self.peak = max(self.peak, self.used() - self.base)


def student(url, name, password, plan, go: threading.Event, deadline_s, out: dict):
    """One student: log in, spawn, kernel, wait for everyone, answer; results in ``out[name]``."""
    record: dict = {}
    out[name] = record
    try:
        s = HubSession(url, name)
        if not s.login(password):
            record["error"] = "log-in refused"
            return
        record["spawn_s"] = s.spawn(deadline_s)
        kernel = s.start_kernel()
        s.run(kernel, "import kit.classroom", deadline_s=deadline_s)   # warm: imports before the clock (slow while 30 kernels start)
        record["ready"] = True
        if not go.wait(deadline_s):
            record["error"] = "the class never got ready"
            return
        code = f"PLAN = {plan!r}\n" + KERNEL_CODE
        record.update(json.loads(s.run(kernel, code, deadline_s=ANSWER_DEADLINE_S).strip().splitlines()[-1]))
    except Exception as err:  # noqa: BLE001 - counted as a student who did not finish
        record["error"] = repr(err)


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q * (len(values) - 1))))] if values else float("nan")


def run(n: int, n_questions: int) -> str:
    state = Path(tempfile.mkdtemp(prefix="kit-bench-"))
    state.chmod(0o755)
    (state / "venv").symlink_to(ROOT / "classroom" / "venv")
    (state / "node").symlink_to(ROOT / "classroom" / "node")
    names = [f"kitstub{i:02d}" for i in range(1, n + 1)]
    roster = state / "roster.csv"
    roster.write_text("username,name\n" + "".join(f"{u},Bench {u}\n" for u in names), encoding="utf-8")
    paths = ClassroomPaths(state)
    quiet = lambda _m: None  # noqa: E731
    remove_students(roster, report=quiet)
    memory = MemoryPeak()
    results: dict = {}
    try:
        print(f"creating {n} accounts…", file=sys.stderr, flush=True)
        add_students(roster, paths, report=quiet)
        port = free_port()
        hubconfig.start(paths, port=port, report=quiet, api_port=free_port(), service_port=free_port())
        passwords = dict(line.split(",")[0::2] for line in paths.passwords.read_text().splitlines()[1:])
        plan = answer_plan(n_questions)
        memory.start()
        go = threading.Event()
        deadline_s = max(SPAWN_DEADLINE_MIN_S, SPAWN_DEADLINE_PER_STUDENT_S * n)
        threads = [threading.Thread(target=student, daemon=True, args=(
            f"http://127.0.0.1:{port}", u, passwords[u], plan, go, deadline_s, results)) for u in names]
        print(f"{n} students log in at once…", file=sys.stderr, flush=True)
        for t in threads:
            t.start()
        end = time.monotonic() + deadline_s + 90
        while time.monotonic() < end and not all(
                results.get(u, {}).get("ready") or "error" in results.get(u, {}) for u in names):
            time.sleep(0.5)
        go.set()
        for t in threads:
            t.join(max(1, end + ANSWER_DEADLINE_S - time.monotonic()))
        with sqlite3.connect(paths.db) as con:
            recorded = con.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
    finally:
        memory.done.set()
        hubconfig.stop(paths, report=quiet)
        remove_students(roster, report=quiet)
        shutil.rmtree(state, ignore_errors=True)
    for u in names:
        if "error" in results.get(u, {}):
            print(f"{u}: {results[u]['error']}", file=sys.stderr)
    spawns = [r["spawn_s"] for r in results.values() if "spawn_s" in r]
    times = [t for r in results.values() for t in r.get("times", [])]
    return (f"classroom: {len(spawns)}/{n} students started, spawn median {statistics.median(spawns) if spawns else float('nan'):.1f} s "
            f"p90 {pct(spawns, 0.9):.1f} s, answer median {1000 * statistics.median(times) if times else float('nan'):.0f} ms "
            f"p95 {1000 * pct(times, 0.95):.0f} ms, attempts {recorded}/{n * len(plan)} recorded, "
            f"peak memory {memory.peak / 1e9:.1f} GB")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--questions", type=int, default=20)
    args = parser.parse_args(argv)
    print(run(args.students, args.questions))
    return 0


if __name__ == "__main__":
    sys.exit(main())
