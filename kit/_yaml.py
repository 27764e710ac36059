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


#: Aliases (``*name``) may add at most this many values to what a file writes out. Each
#: node is built once, but code that walks the data would meet a "billion laughs" file (a
#: kilobyte of nested aliases) as billions of values; such a file is refused.
MAX_ALIAS_EXPANSION = 100_000
#: Lists and mappings nested deeper than this are refused before they are read any further
#: (the kit's files nest four or five levels; PyYAML slows down badly past a few thousand).
MAX_NESTING = 100

_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_STANDARD_PREFIX = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_MAP_TAG, _SEQ_TAG} | {_STANDARD_PREFIX + t for t in
                                       ("str", "int", "float", "bool", "null", "timestamp", "binary", "merge")}


def _shown_tag(tag: str) -> str:
    return "!!" + tag[len(_STANDARD_PREFIX):] if tag.startswith(_STANDARD_PREFIX) else tag


class _Builder:
    """Builds plain data (:class:`LineDict`, :class:`LineList`, scalars) from a YAML node graph.

    Each node is built once: an alias gives the same object again. Before building, the
    graph is measured: an alias loop, an unknown tag (``!!python/object``...) or aliases that
    expand the data past :data:`MAX_ALIAS_EXPANSION` values raise ``error_cls``.
    """

    def __init__(self, loader, source: str, error_cls):
        self.loader, self.source, self.error_cls = loader, source, error_cls
        self.sizes: dict[int, int] = {}  # id(node) -> values it expands to
        self.active: set[int] = set()  # the nodes being measured: meeting one again is a loop
        self.built: dict[int, Any] = {}

    def error(self, reason: str, node) -> Exception:
        return self.error_cls(reason, path=self.source, line=node.start_mark.line + 1)

    def measure(self, node) -> int:
        """The number of values ``node`` expands to, aliases followed; checks tags and loops."""
        key = id(node)
        if key in self.sizes:
            return self.sizes[key]
        if key in self.active:
            raise self.error("an alias (*name) is used inside the entry its anchor (&name) marks: "
                             "a loop that never ends; copy the values instead", node)
        if node.tag not in _ALLOWED_TAGS:
            raise self.error(f"the tag '{_shown_tag(node.tag)}' is not allowed in the kit's data files "
                             "(they hold only text, numbers, dates, lists and mappings): remove it", node)
        self.active.add(key)
        size = 1
        if isinstance(node, yaml.MappingNode):
            size += sum(self.measure(k) + self.measure(v) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            size += sum(self.measure(item) for item in node.value)
        self.active.discard(key)
        self.sizes[key] = size
        return size

    def check_expansion(self, root) -> None:
        expanded = self.measure(root)
        if expanded > len(self.sizes) + MAX_ALIAS_EXPANSION:
            raise self.error(f"its aliases (*name) expand the file to {expanded:,} values, from "
                             f"{len(self.sizes):,} written: more than the kit reads "
                             f"({MAX_ALIAS_EXPANSION:,} extra); write the values out instead", root)

    def build(self, node):
        key = id(node)
        if key in self.built:
            return self.built[key]
        if isinstance(node, yaml.MappingNode):
            out = self.built[key] = self._mapping(node)
        elif isinstance(node, yaml.SequenceNode):
            out = self.built[key] = LineList()
            out.line = node.start_mark.line + 1
            for item in node.value:
                out.append(self.build(item))
                out.item_lines.append(item.start_mark.line + 1)
        else:
            out = self.built[key] = self.loader.construct_object(node, deep=True)
        return out

    def _mapping(self, node) -> LineDict:
        out = LineDict()
        out.line = node.start_mark.line + 1
        self.built[id(node)] = out  # before its values: they may not refer to it (no loops)
        self.loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.error("a key must be plain text (found a list or a mapping as a key)", key_node)
            key = self.loader.construct_object(key_node, deep=True)
            if key in out:
                raise self.error_cls(f"the key '{key}' appears twice in the same entry", path=self.source,
                                     line=key_node.start_mark.line + 1, field=str(key))
            out[key] = self.build(value_node)
            out._key_lines[key] = key_node.start_mark.line + 1
        return out


class _NestingLimitedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, stopping at :data:`MAX_NESTING` levels of lists and mappings."""

    depth = 0

    def compose_node(self, parent, index):
        self.depth += 1
        try:
            if self.depth > MAX_NESTING:
                raise yaml.composer.ComposerError(
                    None, None, f"lists or mappings nested more than {MAX_NESTING} levels deep",
                    self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _loader(text: str):
    """libyaml's parser when PyYAML has it (about 15 times faster: the glossary in 25 ms, not
    0.4 s; it refuses nesting past its own limit), else the pure-Python one with ours."""
    if getattr(yaml, "__with_libyaml__", False):
        return yaml.CSafeLoader(text)
    return _NestingLimitedLoader(text)


def loads_yaml(text: str, source: str = "<yaml>", error_cls=DataFileError):
    """Parse YAML text; syntax errors, unknown tags and alias loops or bombs become
    ``error_cls`` naming source and line.

    >>> loads_yaml("questions: &q [*q]", source="s.yaml")
    Traceback (most recent call last):
    ...
    kit.errors.DataFileError: s.yaml, line 1: an alias (*name) is used inside the entry its anchor (&name) marks: a loop that never ends; copy the values instead
    >>> loads_yaml("a: !!python/object:os.system {}", source="s.yaml")
    Traceback (most recent call last):
    ...
    kit.errors.DataFileError: s.yaml, line 1: the tag '!!python/object:os.system' is not allowed in the kit's data files (they hold only text, numbers, dates, lists and mappings): remove it
    """
    loader = _loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        builder = _Builder(loader, source, error_cls)
        builder.check_expansion(node)
        return builder.build(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or str(exc)
        raise error_cls(f"this is not valid YAML ({problem})", path=source, line=line) from None
    except RecursionError:
        raise error_cls("the data is nested too deeply to read (or an alias refers to itself)",
                        path=source, line=None) from None
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
