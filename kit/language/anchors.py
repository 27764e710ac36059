"""Lexical anchors: what the two sides of a candidate sentence bead share.

Numbers and dates (七月二十日 ~ July 20th), the kit's terms (registered vocabulary:
东北总工会 ~ Northeast Federation of Trade Unions), names read in pinyin (齐廷汉 ~ Qi
Tinghan) and CC-CEDICT translations (工厂 ~ factory). Each found pair is evidence, in
nats, in favour of the bead; :func:`kit.language.align` subtracts it from the bead's cost.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from ..text import all_han
from .dictionary import gloss_stems
from .numbers import en_numbers, zh_numbers
from .pinyin import toneless
from .segment import segment
from .stems import WORD_RE, content_stems
from .vocabulary import on_change, vocabulary_entries

__all__ = ["ANCHOR_WEIGHTS", "Anchors", "term_index", "clear_caches"]

#: Evidence weights, in nats (the same unit as the length and shape costs): each number or
#: name found on both sides, each number found on one side only, and each word of the bead
#: (Chinese or English) that finds its translation on the other side, minus a threshold.
ANCHOR_WEIGHTS = {"number": 3.0, "number_missing": 1.0, "name": 3.0,
                  "coverage": 1.0, "coverage_threshold": 0.4}
#: Letters of toneless pinyin a word needs to count as a name (齐廷汉: qitinghan).
MIN_NAME_LETTERS = 6
#: Shortest Chinese word that can be an anchor.
MIN_ZH_WORD = 2
#: Lengths of the runs of English words compared with a name's pinyin (Qi Tinghan: 2).
NAME_WORDS = (1, 2, 3)
#: Words on both sides that each matched pair accounts for.
PAIR = 2
#: CC-CEDICT matches named in a bead's evidence (the others are counted).
DICTIONARY_SHOWN = 4


class TermIndex(NamedTuple):
    """The vocabulary as anchors: Chinese form -> term, a regex of English forms, form -> terms."""

    zh: dict[str, int]
    en_re: re.Pattern | None
    en: dict[str, set[int]]


@cache
def term_index() -> TermIndex:
    """The registered terms with both Chinese and English forms, indexed for the aligner."""
    zh_ids: dict[str, int] = {}
    en_ids: dict[str, set[int]] = {}
    for term_id, (zh, en) in enumerate(vocabulary_entries()):
        if not (zh and en):
            continue
        for z in zh:
            if all_han(z):
                zh_ids.setdefault(z, term_id)
        for e in en:
            en_ids.setdefault(e.lower(), set()).add(term_id)
    pattern = None
    if en_ids:
        forms = sorted(en_ids, key=len, reverse=True)
        # a lookahead finds the longest form starting at every position, overlapping
        pattern = re.compile(r"(?<![A-Za-z])(?=(" + "|".join(map(re.escape, forms))
                             + r")(?![A-Za-z]))", re.I)
    return TermIndex(zh_ids, pattern, en_ids)


class _SideZh:
    """What a Chinese sentence offers as anchors: numbers, terms, names, words."""

    __slots__ = ("numbers", "items")

    def __init__(self, text: str):
        self.numbers = zh_numbers(text)
        zh_ids = term_index().zh
        # items: (token, term id or None, CC-CEDICT gloss stems, toneless pinyin or "")
        self.items = []
        seen = set()
        for t in segment(text):
            if len(t) < MIN_ZH_WORD or not all_han(t) or t in seen:
                continue
            seen.add(t)
            py = toneless(t)
            gloss = gloss_stems(t)
            tid = zh_ids.get(t)
            if tid is not None or gloss or len(py) >= MIN_NAME_LETTERS:
                self.items.append((t, tid, gloss, py if len(py) >= MIN_NAME_LETTERS else ""))


def _term_spans(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    """Where the vocabulary's English forms stand in ``text``: longest first, not overlapping."""
    spans = sorted(((m.start(), m.start() + len(m.group(1))) for m in pattern.finditer(text)),
                   key=lambda se: se[0] - se[1])
    taken: list[tuple[int, int]] = []
    for a, b in spans:
        if all(b <= x or a >= y for x, y in taken):
            taken.append((a, b))
    return sorted(taken)


class _SideEn:
    """What an English sentence offers as anchors: numbers, terms, word stems."""

    __slots__ = ("numbers", "terms", "grams", "stems")

    def __init__(self, text: str):
        self.numbers = en_numbers(text)
        index = term_index()
        self.terms = []          # [(surface, term ids)], left to right, not overlapping
        rest = text
        if index.en_re is not None:
            taken = _term_spans(text, index.en_re)
            self.terms = [(text[a:b], index.en[text[a:b].lower()]) for a, b in taken]
            pieces, last = [], 0
            for a, b in taken:
                pieces.append(text[last:a])
                last = b
            rest = " | ".join([*pieces, text[last:]])
        words = WORD_RE.findall(text)
        self.grams = {}
        for n in NAME_WORDS:
            for i in range(len(words) - n + 1):
                self.grams.setdefault("".join(words[i:i + n]).lower(), " ".join(words[i:i + n]))
        self.stems = content_stems(rest)   # words outside the terms


class Found:
    """The anchors of one candidate bead: pairs found on both sides, and counts."""

    __slots__ = ("numbers", "missing", "terms", "names", "dictionary", "items", "matched")

    def __init__(self, numbers: list[tuple[str, str]], missing: int):
        self.numbers = numbers          # (Chinese, English) numbers and dates
        self.missing = missing          # numbers found on one side only
        self.terms: list[tuple[str, str]] = []        # vocabulary terms
        self.names: list[tuple[str, str]] = []        # names ~ their romanisation
        self.dictionary: list[tuple[str, str]] = []   # words ~ a CC-CEDICT translation
        self.items = 0                  # words of the bead that could be matched
        self.matched = 0                # words that were


def _match_words(zh: list[_SideZh], en: list[_SideEn], hit: Found) -> None:
    """Match Chinese items to English ones one to one, so that an English sentence that
    repeats what its neighbour already says gains nothing: term to term, name to its
    romanisation, word to a word of its CC-CEDICT definitions."""
    grams = {k: v for s in en for k, v in s.grams.items()}
    stems = {k: v for s in en for k, v in s.stems.items()}
    en_terms = [(surface, ids) for s in en for surface, ids in s.terms]
    used_terms = [False] * len(en_terms)
    available: dict[str, int] = {}
    for s in en:
        for x in s.stems:
            available[x] = available.get(x, 0) + 1
    items = [it for s in zh for it in s.items]
    matched = 0
    for tok, tid, gloss, py in items:
        if tid is not None:
            k = next((k for k, (_, ids) in enumerate(en_terms)
                      if not used_terms[k] and tid in ids), None)
            if k is not None:
                used_terms[k] = True
                matched += PAIR
                hit.terms.append((tok, en_terms[k][0]))
                continue
        if py and py in grams:
            matched += PAIR
            hit.names.append((tok, grams[py]))
            continue
        x = next((x for x in sorted(gloss) if available.get(x)), None)  # sorted: same every run
        if x is not None:
            available[x] -= 1
            matched += PAIR
            hit.dictionary.append((tok, stems[x]))
    hit.items = len(items) + len(en_terms) + sum(len(s.stems) for s in en)
    hit.matched = min(matched, hit.items)


class Anchors:
    """Anchor evidence for the candidate beads of one paragraph pair."""

    def __init__(self, en_sentences: list[str], zh_sentences: list[str]):
        self.en = [_SideEn(s) for s in en_sentences]
        self.zh = [_SideZh(s) for s in zh_sentences]
        self._found: dict[tuple[tuple[int, ...], tuple[int, ...]], Found] = {}

    def found(self, en_idx, zh_idx) -> Found:
        """The anchors shared by the English sentences ``en_idx`` and the Chinese ``zh_idx``."""
        key = (tuple(en_idx), tuple(zh_idx))
        hit = self._found.get(key)
        if hit is None:
            en = [self.en[i] for i in en_idx]
            zh = [self.zh[j] for j in zh_idx]
            en_num = {k: v for s in en for k, v in s.numbers.items()}
            zh_num = {k: v for s in zh for k, v in s.numbers.items()}
            hit = Found(numbers=[(zh_num[k], en_num[k]) for k in zh_num if k in en_num],
                        missing=len(set(zh_num) ^ set(en_num)))
            _match_words(zh, en, hit)
            self._found[key] = hit
        return hit

    def bonus(self, en_idx, zh_idx) -> float:
        """The evidence for a candidate bead, in nats."""
        hit = self.found(en_idx, zh_idx)
        w = ANCHOR_WEIGHTS
        return (w["number"] * len(hit.numbers) - w["number_missing"] * hit.missing
                + w["name"] * len(hit.names)
                + w["coverage"] * (hit.matched - w["coverage_threshold"] * hit.items))

    def evidence(self, en_idx, zh_idx, length: str) -> str:
        """What decided a bead, in words: its lengths, then every anchor found."""
        hit = self.found(en_idx, zh_idx)
        parts = [length]
        for label, pairs in (("numbers", hit.numbers), ("names", hit.names),
                             ("glossary", hit.terms)):
            if pairs:
                parts.append(f"{label}: " + ", ".join(f"{z} ~ {e}" for z, e in pairs))
        if hit.dictionary:
            shown = ", ".join(f"{z} ~ {e}" for z, e in hit.dictionary[:DICTIONARY_SHOWN])
            more = len(hit.dictionary) - DICTIONARY_SHOWN
            parts.append(f"CC-CEDICT: {shown}" + (f" (+{more} more)" if more > 0 else ""))
        if hit.items:
            parts.append(f"{hit.matched} of {hit.items} words matched")
        return "; ".join(parts)


def clear_caches() -> None:
    """Forget the term index (it is rebuilt from the vocabulary on next use)."""
    term_index.cache_clear()


on_change(clear_caches)   # the kit's words changed: forget what depended on them
