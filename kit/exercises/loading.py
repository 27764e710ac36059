"""Finding and loading exercise sets: by file, or by name in the current folder or ``exercises/``.

    >>> "01_reading_the_report" in list_sets()
    True
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from .._data import display_path, exercises_dir
from ..errors import ExerciseError, did_you_mean
from .release import released_set_from_data
from .schema import ExerciseSet
from .validate import read_set_file, set_from_data

__all__ = ["list_sets", "load_exercises", "resolve_set"]

_EXAMPLE_SET = "01_reading_the_report.yaml"


def list_sets(folder: str | Path | None = None) -> list[str]:
    """The names of the exercise sets in ``folder`` (default: the project's exercises/).

    >>> "01_reading_the_report" in list_sets()
    True
    """
    folder = Path(folder) if folder is not None else exercises_dir()
    return sorted(p.stem for p in folder.glob("*.yaml"))


def resolve_set(path_or_name: str | Path) -> Path:
    """The file of a set: ``path_or_name`` itself, or for a bare name (no suffix, no folder)
    ``NAME.yaml`` in the current folder, then in the project's ``exercises/``.

    A path (``"01_x.yaml"``, ``"copies/01_x.yaml"``) is only ever that file: a student
    copy's notebook names its set this way, so it never loads the instructor's copy.
    """
    p = Path(path_or_name)
    if p.is_file():
        return p
    name = str(path_or_name)
    looks_like_name = p.suffix == "" and "/" not in name and "\\" not in name
    if looks_like_name:
        for folder in (Path.cwd(), exercises_dir()):
            candidate = folder / f"{name}.yaml"
            if candidate.is_file():
                return candidate
    if p.is_dir():
        raise ExerciseError("this is a folder; give one set's file, e.g. "
                            f"{display_path(p / _EXAMPLE_SET)}", path=display_path(p))
    if not looks_like_name:
        raise ExerciseError(f"there is no exercise set file '{name}' in {Path.cwd()}; open the "
                            "notebook from the folder that holds its set, or give the set's full "
                            "path", path=display_path(p))
    known = list_sets()
    tip = did_you_mean(p.stem, known)
    raise ExerciseError(f"no exercise set '{name}' was found; {tip + ' ' if tip else ''}the sets "
                        "are: " + ", ".join(known), path=display_path(p))


def load_exercises(path_or_name: str | Path) -> ExerciseSet:
    """Load and validate an exercise set (an instructor's set or a student copy).

    Args:
        path_or_name: a YAML file, or a set's name such as ``"01_reading_the_report"``
            (looked up in the current folder, then in the project's ``exercises/``).

    Returns:
        An :class:`ExerciseSet`.

    Raises:
        kit.ExerciseError: naming the file, the line and the question id, when the set
            is malformed (unknown type, missing answer, answer not among the choices,
            duplicate ids, ...).

    >>> s = load_exercises("01_reading_the_report")
    >>> s.title, s.lesson
    ('Reading the report', 'notebooks/01_reading_the_report.ipynb')
    """
    path = resolve_set(path_or_name)
    data, shown = read_set_file(path)
    if isinstance(data, Mapping) and data.get("released"):
        return released_set_from_data(data, shown, path)
    return set_from_data(data, shown, path)
