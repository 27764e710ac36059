"""The timing helper the benchmarks share."""

from __future__ import annotations

import time


def best_of(fn, repeat: int = 3, clock=time.perf_counter) -> float:
    """The fastest of ``repeat`` runs of ``fn()``, in seconds of ``clock``.

    ``time.perf_counter`` (the default) measures wall time, file reads included;
    ``time.process_time`` measures this process's CPU time, which other programs
    running at the same time do not disturb.
    """
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        fn()
        best = min(best, clock() - start)
    return best
