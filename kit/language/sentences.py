"""Sentences: a paragraph cut where a Chinese or an English sentence ends.

The cut runs in one pass over the text (its time grows with the text's length, never
with its square): each sentence end is looked at once, and only the sentences
themselves are copied.

    >>> split_sentences("甲。乙！", "zh")
    ['甲。', '乙！']
"""

from __future__ import annotations

import re

from ..errors import check_lang

__all__ = ["split_sentences", "EN_NEVER_END", "EN_MAYBE_END"]

_ZH_END = re.compile(r"[。！？!?]+[”’」』）)》\"']*")
#: An English sentence end: . ! ? (and closing quotes or brackets) before a space or the end.
#: The look-behind starts a match only at the first mark of a run, so a long run of marks
#: is read once, not once per mark.
_EN_END = re.compile(r"(?<![.!?])[.!?]+[\"'”’)\]]*(?=\s|$)")
_NOT_SPACE = re.compile(r"\S")
#: Characters of the word before a full stop: ASCII letters and inner full stops (U.S.S.R).
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")

#: Abbreviations after which a sentence never ends (a name or a number follows).
EN_NEVER_END = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "capt", "sgt", "rev", "hon", "sen",
    "rep", "gov", "pres", "no", "nos", "vol", "vols", "fig", "figs", "p", "pp", "vs", "cf", "e.g",
    "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "ch", "art", "para", "ed", "eds", "approx", "ca", "comp", "dept", "mt", "ft",
})
#: Abbreviations that end a sentence only when a capitalised word follows.
EN_MAYBE_END = frozenset({"etc", "u.s.s.r", "u.s", "u.k", "u.n", "co", "inc", "ltd", "a.m", "p.m",
                          "jr", "sr", "bros", "corp", "p.r.c", "d.c"})


def _split_zh(text: str) -> list[str]:
    out, start = [], 0
    for m in _ZH_END.finditer(text):
        out.append(text[start:m.end()])
        start = m.end()
    out.append(text[start:])
    return out


def _word_before(text: str, end: int, start: int) -> str:
    """The word (letters and inner full stops, starting with a letter) that ends at ``end``.

    Read backwards from ``end``: the scan stops at the first space, so over a whole
    paragraph every character is read a bounded number of times.
    """
    i = end
    while i > start and text[i - 1] in _WORD_CHARS:
        i -= 1
    while i < end and text[i] == ".":
        i += 1
    return text[i:end]


def _ends_here(text: str, stop: int, after: int, start: int) -> bool:
    """Whether the full stop at ``stop`` (its mark ending at ``after``) ends a sentence."""
    word = _word_before(text, stop, start).lower()
    if word in EN_NEVER_END or (len(word) == 1 and word.isalpha() and text[stop - 1].isupper()):
        return False                                   # Mr. Qi, F. L. Kovalev
    following = _NOT_SPACE.search(text, after)
    first = following.group(0) if following else ""
    if word in EN_MAYBE_END and not first.isupper():
        return False                                   # the U.S.S.R. too
    return not first.islower()                         # "approx. one half", "a.m. on"


def _split_en(text: str) -> list[str]:
    out, start = [], 0
    for m in _EN_END.finditer(text):
        end = m.end()
        if text[m.start()] == "." and not _ends_here(text, m.start(), end, start):
            continue
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return out


def split_sentences(text: str, lang: str) -> list[str]:
    """Cut a paragraph into sentences.

    Chinese (``lang="zh"``) ends a sentence at 。！？ (a closing quote or bracket stays
    with its sentence; ；and ：do not end one). English (``"en"``) ends one at . ! ?
    followed by a space or the end, but not after an abbreviation (Mr., No., e.g.,
    U.S.S.R. before a small letter), an initial, or inside a number (3.5).
    Sentences come back without surrounding spaces; empty ones are dropped.

    >>> split_sentences("他说：“好。”我们走吧！对吗？", "zh")
    ['他说：“好。”', '我们走吧！', '对吗？']
    >>> split_sentences("Mr. Qi spoke on July 20th. Output rose 3.5 times, e.g. in the U.S.S.R. too.", "en")
    ['Mr. Qi spoke on July 20th.', 'Output rose 3.5 times, e.g. in the U.S.S.R. too.']
    >>> split_sentences("Il pleut.", "fr")
    Traceback (most recent call last):
    ...
    kit.errors.KitError: lang must be 'zh' or 'en', not 'fr'
    """
    parts = _split_zh(text) if check_lang(lang) == "zh" else _split_en(text)
    return [s for s in (p.strip() for p in parts) if s]
