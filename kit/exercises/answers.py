"""What counts as the same answer: normalising typed text and pinyin, and answer *facets*.

A facet is one normalised fact about a right answer (the right choice, one right pair,
the syllables of a pinyin answer ...). The instructor's key holds facets in plain text;
a student copy holds only their slow salted hashes (:mod:`kit.exercises.sealing`). Both
are built from the same functions here, so a response is compared in exactly one way.

    >>> normalise("  Advanced   Techniques. "), normalise("干 部。")
    ('advanced techniques', '干部')
    >>> pinyin_parts("gàn bù")
    ('ganbu', '44', True)
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterable, Sequence

from ..text import TONE_MARKS, has_han

__all__ = ["normalise", "pinyin_parts", "loose", "find_text", "first_duplicate",
           "multi_facet", "pair_facet", "position_facet", "all_pairs_facet", "order_facet",
           "FACET_SEP"]

#: Joins the parts of one facet (a character no answer contains).
FACET_SEP = "\x1f"

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "＇": "'"})
_EDGE_PUNCT = " \t\n.,;:!?\"'()[]。，、；：！？「」『』《》（）"
_PINYIN_SKIP = set(" \t'’‘-·")
_NEUTRAL_TONES = "05"      # typed for the neutral tone, which has no number in a facet
_TONE_DIGITS = "1234"


def normalise(text: Any, lang: str | None = None) -> str:
    """An answer in the form used for comparing: what students may type differently is evened out.

    Full-width letters, digits and spaces become half-width (NFKC), letters are
    case-folded, curly quotes become straight, punctuation at either end is dropped,
    and whitespace is removed in Chinese (``lang="zh"``, or any text with Chinese
    characters) or collapsed to one space otherwise.

    >>> normalise("  Advanced   Techniques. ")
    'advanced techniques'
    >>> normalise("干 部。"), normalise("ＣＡＤＲＥ")
    ('干部', 'cadre')
    """
    s = unicodedata.normalize("NFKC", str(text)).translate(_QUOTES).casefold()
    if lang == "zh" or (lang is None and has_han(s)):
        s = re.sub(r"\s+", "", s)
    else:
        s = re.sub(r"\s+", " ", s)
    return s.strip(_EDGE_PUNCT)


def find_text(texts: Sequence[str], value: Any) -> str | None:
    """The text of ``texts`` that ``value`` names once both are normalised, or None.

    >>> find_text(["Yes", "No"], " yes. ")
    'Yes'
    """
    n = normalise(value)
    return next((t for t in texts if normalise(t) == n), None)


def first_duplicate(texts: Sequence[str]) -> str | None:
    """The first text that occurs twice once normalised (None when all differ).

    >>> first_duplicate(["a", "b", "A."]), first_duplicate(["a", "b"])
    ('A.', None)
    """
    seen: set[str] = set()
    for t in texts:
        if normalise(t) in seen:
            return t
        seen.add(normalise(t))
    return None


def pinyin_parts(text: str) -> tuple[str, str, bool]:
    """Split typed pinyin into (letters, tones, clean).

    ``letters`` are lower case without separators, ü written ``v`` (after j, q, x
    and y it is written ``u``, as in standard spelling); ``tones`` are the tone
    numbers in order (neutral tone, 5 or 0, left out); ``clean`` is False when the
    text held anything that is not pinyin.

    >>> pinyin_parts("chǎngzhǎng"), pinyin_parts("Chang3 zhang3")
    (('changzhang', '33', True), ('changzhang', '33', True))
    >>> pinyin_parts("gùlǜ"), pinyin_parts("gu4lv4"), pinyin_parts("gu4lu:4")
    (('gulv', '44', True), ('gulv', '44', True), ('gulv', '44', True))
    >>> pinyin_parts("厂长")
    ('', '', False)
    """
    typed = unicodedata.normalize("NFKC", str(text)).casefold().replace("u:", "ü")
    letters: list[str] = []
    tones: list[str] = []
    clean = True
    for ch in unicodedata.normalize("NFC", typed):   # a separately typed mark joins its letter
        base, tone = TONE_MARKS.get(ch, (ch, None))
        if tone is not None:
            tones.append(str(tone))
        if base == "ü":
            letters.append("v")
        elif base in _TONE_DIGITS:
            tones.append(base)
        elif base in _NEUTRAL_TONES or base in _PINYIN_SKIP:
            continue
        elif "a" <= base <= "z":
            letters.append(base)
        else:
            clean = False
    joined = re.sub(r"(?<=[jqxy])v", "u", "".join(letters))
    return joined, "".join(tones), clean


def loose(letters: str) -> str:
    """Pinyin letters with ü (v) read as u: the facet behind "check which vowel is ü".

    >>> loose("nv")
    'nu'
    """
    return letters.replace("v", "u")


def multi_facet(choices: Iterable[str]) -> str:
    """The facet of a set of ticked choices (order does not matter).

    >>> multi_facet(["B", "a"]) == multi_facet(["a", "b"])
    True
    """
    return FACET_SEP.join(sorted(normalise(c) for c in choices))


def pair_facet(left: str, right: str) -> str:
    """The facet of one matched pair."""
    return f"{normalise(left)}{FACET_SEP}{normalise(right)}"


def all_pairs_facet(pairs: Iterable[tuple[str, str]]) -> str:
    """The facet of a whole matching: every pair, in a fixed order."""
    return "\x1e".join(sorted(pair_facet(a, b) for a, b in pairs))


def position_facet(index: int, item: str) -> str:
    """The facet of one item at one place of an ordering."""
    return f"{index}{FACET_SEP}{normalise(item)}"


def order_facet(items: Iterable[str]) -> str:
    """The facet of a whole ordering: the items in the chosen order."""
    return "\x1e".join(normalise(i) for i in items)
