"""Write JupyterLab settings into the kit's environment (run once by ``make``).

Turns off the "Jupyter news" notification and the update check, which would
otherwise try to reach the network from a student's lab.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def main() -> Path:
    target = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    current = {}
    if target.exists():
        try:
            current = json.loads(target.read_text(encoding="utf-8"))
        except ValueError:
            current = {}
    current.update(OVERRIDES)
    target.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")
    print(f"JupyterLab settings written to {target}")
    return target


if __name__ == "__main__":
    main()
