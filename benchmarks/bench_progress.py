"""Saving one answer: kit.progress.record_attempt with 1,000 and 50,000 attempts already saved.

Baselines measured in the same run, on the same disk:
- *raw append*: one line written with ``os.write`` and ``os.fsync`` (the least a durable save
  can cost);
- *rewrite*: the kit 0.1 way, reading the whole JSON file, adding the attempt and writing it
  back atomically (temp file, fsync, rename): 842 ms per answer at 50,000 attempts when
  issue 14 was filed.
Target: record_attempt within 3x of the raw append, and the same at 1,000 and 50,000 attempts.

    python benchmarks/bench_progress.py
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from _timing import best_of

from kit import progress

SIZES = (1_000, 50_000)
SAVES = 20                  # answers saved per measurement
TARGET_RATIO = 3.0
_RECORD = {"student": "Li Wei", "set": "01_reading_the_report", "question": "p1-when",
           "type": "single", "correct": True, "response": "20 July 1952", "attempt": 1,
           "time": "2024-03-04T09:15:02+00:00", "hints": 0}


def build(folder: Path, n: int) -> tuple[Path, Path]:
    """A progress.jsonl and an old-style progress.json, each with ``n`` attempts."""
    jsonl, old = folder / progress.FILE_NAME, folder / "old" / progress.LEGACY_NAME
    old.parent.mkdir()
    line = json.dumps(_RECORD, ensure_ascii=False) + "\n"
    jsonl.write_text(json.dumps({"format": "kit-progress", "version": 2}) + "\n" + line * n,
                     encoding="utf-8")
    old.write_text(json.dumps({"format": "kit-progress", "version": 1, "attempts": [_RECORD] * n},
                              ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return jsonl, old


def raw_append(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    try:
        os.write(fd, (json.dumps(_RECORD) + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def rewrite(path: Path) -> None:
    """kit 0.1: read everything, add one, write everything (atomically)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data["attempts"].append(_RECORD)
    fd, tmp = tempfile.mkstemp(dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


REPEAT = 7                  # best of: fsync times are noisy on a shared disk


def per_save(fn, path: Path, saves: int = SAVES, repeat: int = REPEAT) -> float:
    return best_of(lambda: [fn(path) for _ in range(saves)], repeat=repeat) / saves


def main() -> list[dict]:
    results = []
    print(f"{'attempts':>9} {'raw append ms':>14} {'record_attempt ms':>18} {'ratio':>6} "
          f"{'rewrite (0.1) ms':>17} {'speed-up':>9}")
    for n in SIZES:
        with tempfile.TemporaryDirectory(prefix=f"kit-bench-progress-{n}-") as tmp:
            jsonl, old = build(Path(tmp), n)
            raw = per_save(raw_append, Path(tmp) / "raw.jsonl")
            new = per_save(lambda p: progress.record_attempt(
                "Li Wei", "s", "q", "single", True, "x", attempt=1, path=p, hints=0), jsonl)
            before = per_save(rewrite, old, saves=3, repeat=1)
            assert len(progress.read_attempts(jsonl)) == n + REPEAT * SAVES
        row = {"attempts": n, "raw_ms": raw * 1e3, "record_ms": new * 1e3, "ratio": new / raw,
               "rewrite_ms": before * 1e3, "speedup": before / new}
        results.append(row)
        print(f"{n:>9,} {row['raw_ms']:>14.2f} {row['record_ms']:>18.2f} {row['ratio']:>6.2f} "
              f"{row['rewrite_ms']:>17.1f} {row['speedup']:>8.0f}x")
    worst = max(r["ratio"] for r in results)
    print(f"record_attempt / raw append: worst {worst:.2f}x (target <= {TARGET_RATIO}x); "
          f"at 50,000 attempts it is {results[-1]['speedup']:.0f}x faster than rewriting the file")
    return results


if __name__ == "__main__":
    main()
