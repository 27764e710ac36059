"""Crude English stems, so that "factories" in a translation meets "factory" in a dictionary.

Only content words count: short words and a list of function words (and the words
dictionaries use about themselves: "variant", "classifier") are left out.

    >>> stem("organisations"), stem("factories"), stem("workers")
    ('organi', 'factor', 'work')
    >>> content_stems("The workers of the factory")
    {'work': 'workers', 'factor': 'factory'}
"""

from __future__ import annotations

import re

__all__ = ["STOP_WORDS", "stem", "content_stems", "WORD_RE"]

#: Words that say nothing about the content (and words dictionaries use about themselves).
STOP_WORDS = frozenset("""a an the to of in on at by for from with and or but not no as is are be
been being was were it its this that these those he she they them his her their one ones sth sb
something someone somebody used use variant surname abbr abbreviation see also etc form kind type
thing things way ways make makes made take give get put do does done have has had very more most
some any all cl classifier pr old archaic person people place also lit fig used other such than then
there here so can could will would may might must shall should up down out over into about which
what who whom whose how when where why just only even still yet again""".split())
#: One English word.
WORD_RE = re.compile(r"[A-Za-z]+")
#: Endings cut from a word, longest first (only one per word).
SUFFIXES = ("ations", "ation", "ions", "ion", "ings", "ing", "ments", "ment", "ness", "ers",
            "ies", "ied", "ed", "es", "er", "ly", "s")
#: Letters a word keeps after its ending is cut (shorter words keep their ending).
MIN_STEM = 3
#: Letters of a stem compared (organisation and organise meet at "organi").
STEM_LENGTH = 6
#: Shortest word that counts as a content word.
MIN_CONTENT_WORD = 3


def stem(word: str) -> str:
    """The word in lower case, one ending cut, at most :data:`STEM_LENGTH` letters."""
    w = word.lower()
    for suf in SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= MIN_STEM:
            w = w[:-len(suf)]
            break
    return w[:STEM_LENGTH]


def is_content_word(word: str) -> bool:
    """A word long enough and not in :data:`STOP_WORDS`."""
    return len(word) >= MIN_CONTENT_WORD and word.lower() not in STOP_WORDS


def content_stems(text: str) -> dict[str, str]:
    """Content-word stems of an English text: ``{stem: first surface word}``."""
    out: dict[str, str] = {}
    for w in WORD_RE.findall(text):
        if is_content_word(w):
            out.setdefault(stem(w), w)
    return out
