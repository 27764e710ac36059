"""First draw of a new year range in the timeline view, against a full draw in the same run.

The baseline is what the view did before it kept its figure: build the whole timeline
figure for the range (:func:`kit.plot_timeline`) and save it as PNG. The view now draws its
figure once and then moves it; each figure below is the time of the first picture of a
range the view has not shown yet (best of several views, so no picture is reused).
Times are CPU time of this process (``time.process_time``), which other programs running
at the same time disturb less than wall time. Target: a new range in at most 100 ms.

    python benchmarks/bench_timeline.py
"""

from __future__ import annotations

import io
import time

import matplotlib

matplotlib.use("Agg")

import kit  # noqa: E402
from kit.views.timeline_view import TimelineView  # noqa: E402

RANGES = [(1951, 1953), (1940, 1950), (1952, 1952), (1935, 1958), (1949, 1955)]
TARGET_MS = 100.0
REPEAT = 3


def rebuild_ms(timeline, years) -> float:
    """The old way: a new figure for the range, saved as PNG."""
    start = time.process_time()
    fig = kit.plot_timeline(timeline, start=years[0], end=years[1])
    fig.savefig(io.BytesIO(), format="png", dpi=80)
    return (time.process_time() - start) * 1000


def new_range_ms(timeline) -> list[float]:
    """Per range, the best time of a first picture in a view that draws it for the first time."""
    best = [float("inf")] * len(RANGES)
    for _ in range(REPEAT):
        view = TimelineView(timeline, years=(1935, 1958))
        for i, years in enumerate(RANGES):
            first = years if years != tuple(view.years.value) else (years[0] + 1, years[1])
            start = time.process_time()
            view.years.value = first
            best[i] = min(best[i], (time.process_time() - start) * 1000)
    return best


def main() -> None:
    timeline = kit.load_timeline()
    rebuild_ms(timeline, RANGES[0])  # fonts found, matplotlib warmed up
    baseline = min(rebuild_ms(timeline, years) for years in RANGES)
    times = new_range_ms(timeline)
    print(f"baseline: new figure + PNG for a range      {baseline:7.1f} ms")
    for years, ms in zip(RANGES, times):
        flag = "ok" if ms <= TARGET_MS else f"over {TARGET_MS:.0f} ms"
        print(f"view, first draw of {years[0]}–{years[1]}            {ms:7.1f} ms  "
              f"{ms / baseline:5.2f}× baseline  {flag}")


if __name__ == "__main__":
    main()
