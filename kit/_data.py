"""Where the kit's files live. The only module that builds paths to them.

    >>> data_path("glossary.yaml").name
    'glossary.yaml'
    >>> seeds_dir().is_dir()   # seeds/, or the folder KIT_SEEDS_DIR names (the tests use their own)
    True
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


def data_path(name: str) -> Path:
    """The path of a data file shipped in ``kit/data/``."""
    return PACKAGE_DIR / "data" / name


def seeds_dir() -> Path:
    """The project's ``seeds/`` folder (``KIT_SEEDS_DIR`` overrides it)."""
    return Path(os.environ.get("KIT_SEEDS_DIR") or PROJECT_DIR / "seeds")


def exercises_dir() -> Path:
    """The project's ``exercises/`` folder."""
    return PROJECT_DIR / "exercises"


def display_path(path: str | Path) -> str:
    """A path as a student would write it: relative to the project when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(PROJECT_DIR))
    except ValueError:
        return str(path)
