"""kit/_yaml.py: line numbers kept, and hostile YAML (alias bombs, alias loops, tags) refused."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from kit._yaml import MAX_ALIAS_EXPANSION, loads_yaml
from kit.errors import DataFileError, ExerciseError


def _bomb(levels: int = 9, width: int = 9) -> str:
    """A 'billion laughs' file: each anchor is a list of ``width`` aliases to the one before."""
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels + 1)]
    return "\n".join(lines + [f"questions: *a{levels}", ""])


def test_alias_bomb_is_refused_fast_and_small():
    text = _bomb()
    assert len(text) < 1100
    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(DataFileError, match=r"bomb\.yaml, line 1: its aliases \(\*name\) expand the file to "
                                            r"[\d,]+ values, from 31 written"):
        loads_yaml(text, source="bomb.yaml")
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert seconds < 2 and peak < 5_000_000


def test_aliases_build_each_value_once():
    """Shared values are one object (as yaml.safe_load gives); a modest expansion loads."""
    data = loads_yaml(_bomb(levels=3, width=9))
    assert data["questions"][0] is data["a2"] and len(data["questions"]) == 9
    assert 9 ** 4 < MAX_ALIAS_EXPANSION


@pytest.mark.parametrize("text, line", [
    ("questions: &q [*q]\n", 1),
    ("a: 1\nset: &s\n  name: x\n  again: *s\n", 2),
    ("a: &a {<<: *a}\n", 1),
])
def test_alias_loops_are_a_data_file_error(text, line):
    with pytest.raises(ExerciseError, match=r"set\.yaml, line \d+: an alias \(\*name\) is used inside the entry") as info:
        loads_yaml(text, source="set.yaml", error_cls=ExerciseError)
    assert info.value.line == line


@pytest.mark.parametrize("text, tag", [
    ("a: !!python/object/apply:os.system [ls]\n", "!!python/object/apply:os.system"),
    ("a: !!python/name:os.system ''\n", "!!python/name:os.system"),
    ("a:\n  b: !!python/object:collections.OrderedDict {x: 1}\n", "!!python/object:collections.OrderedDict"),
    ("a: !!python/tuple [1, 2]\n", "!!python/tuple"),
    ("a: !custom {x: 1}\n", "!custom"),
    ("a: !!set {x: null}\n", "!!set"),
])
def test_unknown_tags_on_scalars_sequences_and_mappings_are_refused(text, tag):
    with pytest.raises(DataFileError, match="the tag '(.*)' is not allowed in the kit's data files") as info:
        loads_yaml(text, source="g.yaml")
    assert f"'{tag}'" in str(info.value) and info.value.path == "g.yaml"
    assert info.value.line == text.count("\n", 0, text.index("!")) + 1


def test_line_numbers_are_kept():
    data = loads_yaml("terms:\n  - &t\n    id: a\n    zh: 工会\n  - *t\n  - id: b\n")
    first, again, second = data["terms"]
    assert first is again and first.line == 2 and first.key_line("zh") == 4  # the anchor's line
    assert data["terms"].item_lines == [2, 2, 6] and second.key_line("id") == 6


def test_merge_keys_still_work():
    data = loads_yaml("base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  z: 3\n")
    assert data["c"] == {"x": 1, "y": 2, "z": 3}


def test_deeply_nested_lists_are_refused_quickly_with_the_line():
    """5,000 nested lists took PyYAML over a minute; the kit stops at a nesting limit (its own
    MAX_NESTING with the pure-Python parser, libyaml's when PyYAML has libyaml)."""
    import time

    from kit._yaml import MAX_NESTING, loads_yaml

    text = "title: deep\nquestions: " + "[" * 5000 + "]" * 5000 + "\n"
    started = time.process_time()
    with pytest.raises(DataFileError, match=rf"deep.yaml, line 2: .*(nested more than {MAX_NESTING} levels"
                                            r"|exceeded maximum nesting depth)"):
        loads_yaml(text, source="deep.yaml")
    assert time.process_time() - started < 20   # a generous bound: it was minutes before
    assert loads_yaml("a: " + "[" * 20 + "]" * 20) == {"a": [[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]}


def test_the_pure_python_parser_stops_at_max_nesting(monkeypatch):
    import yaml

    from kit._yaml import MAX_NESTING

    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    with pytest.raises(DataFileError, match=rf"line 1: .*nested more than {MAX_NESTING} levels"):
        loads_yaml("a: " + "[" * 500 + "]" * 500, source="deep.yaml")
    assert loads_yaml("a: [[1]]\nb: 2") == {"a": [[1]], "b": 2}
