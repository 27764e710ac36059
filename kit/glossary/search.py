"""Scoring glossary terms against a search query in Chinese, pinyin or English.

A query is compared with every form of a term; the best tier it reaches is the term's
score, and :meth:`kit.glossary.Glossary.search` lists terms by score, best first::

    >>> from kit.glossary import load_glossary
    >>> g = load_glossary()
    >>> score(g["gonghui"], "gōnghuì") == Score.PINYIN_SAME_TONES
    True
    >>> score(g["gonghui"], "gong3hui4") == Score.PINYIN_OTHER_TONES
    True
    >>> pinyin_key("Gōng-huì nǚ")
    'gonghuinu'
"""

from __future__ import annotations

import re
import unicodedata

from ..text import has_han, strip_tones, tone_numbers
from .model import Term

__all__ = ["Score", "SCORE_TIERS", "score", "pinyin_key"]


class Score:
    """The score tiers of a match, best first (0: no match). Ties keep the glossary's order."""

    EXACT = 100                 # the query is a Chinese form of the term, or its id
    PINYIN_SAME_TONES = 98      # the whole pinyin, with the same tones (gōnghuì, gong1hui4)
    PINYIN = 95                 # the whole pinyin, toneless (gonghui, Gong Hui)
    ENGLISH = 90                # the English, or an English alias, exactly
    ZH_PREFIX = 80              # a Chinese form starts with the query (增产 → 增产节约运动)
    PINYIN_PREFIX = 70          # the pinyin starts with the query (3+ letters, tones agree)
    ENGLISH_WORD = 65           # the query is a whole word (or words) of an English form
    ZH_INSIDE = 60              # the query is inside a Chinese form
    PINYIN_INSIDE = 50          # the query is inside the pinyin (4+ letters)
    ENGLISH_INSIDE = 45         # the query is inside an English form (3+ letters)
    PINYIN_OTHER_TONES = 40     # the whole pinyin, but the tones differ
    PINYIN_PREFIX_OTHER_TONES = 30  # the pinyin starts with the query, the tones differ
    GLOSS_WORD = 30             # the query is a whole word of the gloss (3+ letters)
    ZH_IN_NOTE = 20             # a Chinese query appears in the term's note
    NOTE_WORD = 15              # the query is a whole word of the note (4+ letters)
    NONE = 0                    # no match


#: Every tier as ``(name, score)``, best first (the table above, for docs and tests).
SCORE_TIERS = tuple(sorted(((name, value) for name, value in vars(Score).items()
                            if name.isupper()), key=lambda item: -item[1]))

#: Shortest query (in letters) compared as a pinyin prefix, inside pinyin, inside English...
MIN_PINYIN_WHOLE = 2
MIN_PINYIN_PREFIX = 3
MIN_PINYIN_INSIDE = 4
MIN_ENGLISH_INSIDE = 3
MIN_GLOSS_WORD = 3
MIN_NOTE_WORD = 4

#: Tone number 5 marks the neutral tone, which tone-marked pinyin leaves unmarked.
NEUTRAL_TONE = 5


def pinyin_key(text: str) -> str:
    """Letters only, lower case, no tones, ü and v as u: the key toneless searches compare."""
    text = strip_tones(unicodedata.normalize("NFC", text)).lower()
    return "".join("u" if ch in "üv" else ch for ch in text if "a" <= ch <= "z" or ch in "üv")


def _score_chinese(term: Term, query: str) -> int:
    best = Score.NONE
    for form in term.zh_forms:
        if query == form:
            best = max(best, Score.EXACT)
        elif form.startswith(query):
            best = max(best, Score.ZH_PREFIX)
        elif query in form:
            best = max(best, Score.ZH_INSIDE)
    if query in term.note:
        best = max(best, Score.ZH_IN_NOTE)
    return best


def _score_pinyin(term: Term, query: str) -> int:
    key = pinyin_key(re.sub(r"[0-9]", "", query))
    term_key = pinyin_key(term.pinyin)
    digits = [int(d) for d in re.findall(r"[1-5]", query)]
    tones = tone_numbers(query) or [d for d in digits if d != NEUTRAL_TONE]
    term_tones = tone_numbers(term.pinyin)
    if len(key) < MIN_PINYIN_WHOLE:
        return Score.NONE
    if key == term_key:
        if not tones:
            return Score.PINYIN
        return Score.PINYIN_SAME_TONES if tones == term_tones else Score.PINYIN_OTHER_TONES
    if len(key) >= MIN_PINYIN_PREFIX and term_key.startswith(key):
        agree = not tones or term_tones[:len(tones)] == tones
        return Score.PINYIN_PREFIX if agree else Score.PINYIN_PREFIX_OTHER_TONES
    if len(key) >= MIN_PINYIN_INSIDE and key in term_key:
        return Score.PINYIN_INSIDE
    return Score.NONE


def _score_english(term: Term, q: str) -> int:
    best = Score.NONE
    words = re.compile(r"(?<![a-z0-9])" + re.escape(q) + r"(?![a-z0-9])")
    for form in term.en_forms:
        f = form.lower()
        if q == f:
            best = max(best, Score.ENGLISH)
        elif words.search(f):
            best = max(best, Score.ENGLISH_WORD)
        elif len(q) >= MIN_ENGLISH_INSIDE and q in f:
            best = max(best, Score.ENGLISH_INSIDE)
    if len(q) >= MIN_GLOSS_WORD and words.search(term.gloss.lower()):
        best = max(best, Score.GLOSS_WORD)
    if len(q) >= MIN_NOTE_WORD and words.search(term.note.lower()):
        best = max(best, Score.NOTE_WORD)
    return best


def score(term: Term, query: str) -> int:
    """How well ``term`` matches ``query``: one of the :class:`Score` tiers (0: not at all)."""
    if has_han(query):
        return _score_chinese(term, query)
    q = query.lower()
    best = Score.EXACT if q == term.id else Score.NONE
    return max(best, _score_pinyin(term, query), _score_english(term, q))
