"""Loader speed: reading the raw bytes of N article files vs kit.load_corpus on the same files.

Builds 100, 1,000 and 10,000 articles in a temporary folder from the seeds and prints, for each
size, the time to read the raw bytes (the baseline), the time of ``kit.load_corpus`` and their
ratio. Target: within 5x of the raw read at 10,000 articles, and time growing linearly.

    python benchmarks/bench_corpus.py
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
import tracemalloc
from pathlib import Path

from _timing import best_of

import kit
from kit._data import seeds_dir

SIZES = (100, 1_000, 10_000)
TARGET_RATIO = 5.0


def build(folder: Path, n: int) -> None:
    seeds = [p.read_bytes() for p in sorted(seeds_dir().glob("*.txt"))]
    for i, data in zip(range(n), itertools.cycle(seeds)):
        (folder / f"{i:05d}_bench.txt").write_bytes(data)


def main() -> list[dict]:
    results = []
    print(f"{'articles':>9} {'raw read s':>11} {'load_corpus s':>14} {'ratio':>7} {'per article ms':>15} {'peak MB':>8}")
    for n in SIZES:
        folder = Path(tempfile.mkdtemp(prefix=f"kit-bench-{n}-"))
        try:
            build(folder, n)
            files = sorted(folder.glob("*.txt"))
            raw = best_of(lambda: [f.read_bytes() for f in files])
            load = best_of(lambda: kit.load_corpus(folder))
            tracemalloc.start()
            corpus = kit.load_corpus(folder)
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
            assert len(corpus) == n
            ratio = load / raw
            results.append({"articles": n, "raw_s": raw, "load_s": load, "ratio": ratio, "peak_mb": peak})
            print(f"{n:>9} {raw:>11.4f} {load:>14.4f} {ratio:>6.1f}x {1000 * load / n:>15.3f} {peak:>8.1f}")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    growth = (results[-1]["load_s"] / results[-1]["articles"]) / (results[1]["load_s"] / results[1]["articles"])
    print(f"time per article at 10,000 vs 1,000: {growth:.2f}x (1.0 = linear)")
    verdict = "meets" if results[-1]["ratio"] <= TARGET_RATIO else "MISSES"
    print(f"10,000 articles: load_corpus is {results[-1]['ratio']:.1f}x the raw read ({verdict} the {TARGET_RATIO:.0f}x target)")
    return results


if __name__ == "__main__":
    main()
