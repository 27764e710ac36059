"""The kit's pinyin overrides and extra words (kit/data/pinyin_overrides.yaml), read and checked.

The file corrects pypinyin where it misreads a word of the articles (麻烦 má fan), in
context when needed (调查有那些 → nǎ xiē), names the particles read ``de`` after another
word (生动地, 报告得), and lists names jieba must keep whole (齐廷汉).

    >>> load_overrides().words["麻烦"]
    ('má', 'fan')
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

from .._data import data_path, display_path
from ..errors import DataFileError
from ..text import HAN_RE

__all__ = ["Overrides", "load_overrides", "overrides", "clear_caches"]

#: The file, in kit/data/.
OVERRIDES_FILE = "pinyin_overrides.yaml"
#: One pinyin syllable with tone marks (the neutral tone unmarked).
SYLLABLE_RE = re.compile(r"^[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+$")

Syllables = tuple[str, ...]


class Overrides(NamedTuple):
    """What the overrides file says, ready for lookups."""

    #: word -> syllables, wherever it stands
    words: dict[str, Syllables]
    #: word -> [(context, offset of the word in the context, syllables)]
    in_context: dict[str, list[tuple[str, int, Syllables]]]
    #: particle -> (syllables, words after which it keeps its full reading)
    particles: dict[str, tuple[Syllables, frozenset[str]]]
    #: names and terms jieba must keep whole
    keep_whole: tuple[str, ...]
    #: words read by their context (in_context and particles): never cached by the word alone
    sensitive: frozenset[str]


def _word_entry(entry, shown: str) -> tuple[str, Syllables, str]:
    """One entry under ``words:`` checked: ``(word, syllables, context or "")``."""
    line = getattr(entry, "line", None)
    if not isinstance(entry, dict) or not entry.get("word") or not entry.get("pinyin"):
        raise DataFileError("each entry under 'words' needs a 'word' and its 'pinyin', "
                            "e.g. {word: 麻烦, pinyin: má fan, reason: ...}", path=shown, line=line)
    word, syllables = str(entry["word"]).strip(), tuple(str(entry["pinyin"]).split())
    han = sum(1 for ch in word if HAN_RE.match(ch))
    if len(syllables) != han or not all(SYLLABLE_RE.match(s) for s in syllables):
        raise DataFileError(f"the pinyin '{entry['pinyin']}' of '{word}' should be {han} "
                            "syllable(s) with tone marks, separated by spaces (like 'má fan')",
                            path=shown, line=entry.key_line("pinyin"), field="pinyin")
    if not str(entry.get("reason") or "").strip():
        raise DataFileError(f"the override of '{word}' needs a one-line 'reason'",
                            path=shown, line=line, field="reason")
    context = str(entry.get("context") or "")
    if context and word not in context:
        raise DataFileError(f"the context '{context}' does not contain the word '{word}'",
                            path=shown, line=entry.key_line("context"), field="context")
    return word, syllables, context


def _particles(raw: dict, shown: str) -> dict[str, tuple[Syllables, frozenset[str]]]:
    out = {}
    for char, entry in (raw.get("particles") or {}).items():
        if not isinstance(entry, dict) or not entry.get("pinyin"):
            raise DataFileError(f"the particle '{char}' needs its 'pinyin' (and may list "
                                "'except_after' words)", path=shown,
                                line=raw["particles"].key_line(char), field=str(char))
        out[str(char)] = (tuple(str(entry["pinyin"]).split()),
                          frozenset(str(w) for w in entry.get("except_after") or ()))
    return out


def load_overrides(path: str | Path | None = None) -> Overrides:
    """Read and check an overrides file (the kit's own when ``path`` is None).

    Raises:
        DataFileError: an entry is incomplete or its pinyin does not fit the word; the
            message names the file and the line.
    """
    from .._yaml import load_yaml   # PyYAML loads only when the file is read

    path = path or data_path(OVERRIDES_FILE)
    shown = display_path(path)
    raw = load_yaml(path, error_cls=DataFileError, source=shown) or {}
    if not isinstance(raw, dict):
        raise DataFileError("expected the sections 'words:', 'keep_whole:' and 'particles:'",
                            path=shown, line=1)
    words: dict[str, Syllables] = {}
    in_context: dict[str, list[tuple[str, int, Syllables]]] = {}
    for entry in raw.get("words") or []:
        word, syllables, context = _word_entry(entry, shown)
        if context:
            in_context.setdefault(word, []).append((context, context.index(word), syllables))
        else:
            words[word] = syllables
    keep = tuple(str(w).strip() for w in raw.get("keep_whole") or [] if str(w).strip())
    particles = _particles(raw, shown)
    return Overrides(words=words, in_context=in_context, particles=particles, keep_whole=keep,
                     sensitive=frozenset(in_context) | frozenset(particles))


@cache
def overrides() -> Overrides:
    """The kit's overrides, read once (``overrides.cache_clear()`` reads them again)."""
    return load_overrides()


def clear_caches() -> None:
    """Forget the overrides (the file is read again on next use)."""
    overrides.cache_clear()
