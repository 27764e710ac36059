"""Run every benchmark (``make bench``): each prints its figures as ratios to a baseline
measured in the same run, so the numbers mean the same on a slow or a fast machine."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    for path in sorted(HERE.glob("bench_*.py")):
        print(f"\n== {path.stem} " + "=" * (60 - len(path.stem)))
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
