"""YAML loading that remembers line numbers, so data errors can name the line.

``load_yaml(path)`` returns plain Python data in which every mapping is a
:class:`LineDict`: a ``dict`` that also knows the line it starts on
(``.line``) and the line of each key (``.key_line(key)``)::

    >>> data = loads_yaml("terms:\\n  - id: a\\n    zh: 工会\\n")
    >>> term = data["terms"][0]
    >>> term["zh"], term.line, term.key_line("zh")
    ('工会', 2, 3)
    >>> loads_yaml("a: 1\\na: 2\\n", source="x.yaml")
    Traceback (most recent call last):
    ...
    kit.errors.DataFileError: x.yaml, line 2: the key 'a' appears twice in the same entry
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ._data import display_path
from .errors import DataFileError

__all__ = ["LineDict", "LineList", "load_yaml", "loads_yaml"]


class LineDict(dict):
    """A dict with the 1-based line where it starts and where each key stands."""

    line: int = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._key_lines: dict[Any, int] = {}

    def key_line(self, key) -> int:
        """The line of ``key`` (the entry's own line when the key is missing)."""
        return self._key_lines.get(key, self.line)


class LineList(list):
    """A list with the 1-based line where it starts and where each item starts."""

    line: int = 0

    def __init__(self, *args):
        super().__init__(*args)
        self.item_lines: list[int] = []


def _construct(node, loader, source, error_cls):
    if isinstance(node, yaml.MappingNode):
        out = LineDict()
        out.line = node.start_mark.line + 1
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in out:
                raise error_cls(f"the key '{key}' appears twice in the same entry",
                                path=source, line=key_node.start_mark.line + 1, field=str(key))
            out[key] = _construct(value_node, loader, source, error_cls)
            out._key_lines[key] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        out = LineList()
        out.line = node.start_mark.line + 1
        for item in node.value:
            out.append(_construct(item, loader, source, error_cls))
            out.item_lines.append(item.start_mark.line + 1)
        return out
    return loader.construct_object(node, deep=True)


def loads_yaml(text: str, source: str = "<yaml>", error_cls=DataFileError):
    """Parse YAML text; syntax errors become ``error_cls`` naming source and line."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _construct(node, loader, source, error_cls)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or str(exc)
        raise error_cls(f"this is not valid YAML ({problem})", path=source, line=line) from None
    finally:
        loader.dispose()


def load_yaml(path: str | Path, error_cls=DataFileError, source: str | None = None):
    """Read and parse a YAML file (UTF-8); errors name the file and the line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error_cls(f"the file is not UTF-8 text ({exc.reason})", path=source or path) from None
    except OSError as exc:
        raise error_cls(f"cannot read the file ({exc.strerror})", path=source or path) from None
    return loads_yaml(text, source=str(source or path), error_cls=error_cls)


def load_entries(path: str | Path, key: str, error_cls=DataFileError) -> tuple[str, list[tuple[Any, int]]]:
    """Read a data file whose top level is ``key:`` followed by a list of entries.

    Returns ``(shown_path, [(entry, line), ...])``, where ``shown_path`` is the
    path as error messages show it and ``line`` is where each entry starts.

        >>> import tempfile, os
        >>> with tempfile.TemporaryDirectory() as d:
        ...     p = os.path.join(d, "t.yaml")
        ...     _ = open(p, "w", encoding="utf-8").write("events:\\n  - id: a\\n  - id: b\\n")
        ...     [(e["id"], line) for e, line in load_entries(p, "events")[1]]
        [('a', 2), ('b', 3)]
    """
    shown = display_path(path)
    data = load_yaml(path, error_cls=error_cls, source=shown)
    entries = data.get(key) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise error_cls(f"the file must have a top-level '{key}:' list, one entry per item "
                        "(see the comment at the top of the file for the format)",
                        path=shown, line=getattr(data, "line", 1) or 1, field=key)
    lines = getattr(entries, "item_lines", [None] * len(entries))
    return shown, list(zip(entries, lines))
