"""Words: jieba, loaded once and quietly, with the kit's words kept whole.

jieba's prefix dictionary is kept in the kit's cache folder (see :mod:`kit.language.cache`),
so a fresh kernel reads it in a fraction of the time jieba needs to rebuild it; the kit's
own words (the registered vocabulary and the overrides file) are added on top each time,
which takes a millisecond. Rare dictionary compounds made of two common words are cut
(推广先进 → 推广 + 先进), as a reader would.

    >>> segment("沈阳某工厂在今年增产节约运动中")
    ['沈阳', '某', '工厂', '在', '今年', '增产节约运动', '中']
"""

from __future__ import annotations

from functools import cache, lru_cache

from ..text import all_han
from . import cache as disk
from .overrides import overrides
from .vocabulary import on_change, vocabulary_entries

__all__ = ["segment", "tokens", "user_words", "tokenizer", "sub_words", "clear_caches"]

#: Words of this many characters or more are "long": the kit's long words get at least
#: LONG_WORD_FREQ, and jieba's long entries may be split as compounds.
LONG_WORD = 4
#: Frequency given to the kit's long words, so that they beat rare dictionary compounds
#: which would otherwise swallow their first half (推广先进 + 经验 instead of 推广 + 先进经验).
LONG_WORD_FREQ = 2000
#: A jieba entry at most this frequent is rare enough to be a compound (推广先进: 3).
RARE_COMPOUND_FREQ = 5
#: Both halves of a compound to split must be at least this frequent.
COMMON_PART_FREQ = 50
#: Shortest split point inside a compound: each half has at least two characters.
MIN_PART = 2
#: Long words remembered with their sub-words (for pinyin).
SUB_WORDS_CACHE_SIZE = 4096


@cache
def user_words() -> frozenset[str]:
    """Every word the kit adds to jieba: the vocabulary's Chinese forms and the overrides' words."""
    words = {form for zh, _ in vocabulary_entries() for form in zh}
    ov = overrides()
    words.update(ov.words)
    words.update(ov.keep_whole)
    return frozenset(words)


def _prefix_dictionary(tok) -> None:
    """Fill ``tok`` with jieba's prefix dictionary, from the kit's cache when it holds one."""
    import os
    import tempfile

    jieba = _import_jieba()
    dictionary = os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    size = os.path.getsize(dictionary) if os.path.exists(dictionary) else -1
    key = ("jieba-prefix-dict", jieba.__version__, disk.package_version("kit"), dictionary, size,
           disk.source_digest(__file__))
    cached = disk.load("jieba", key)
    if (isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[0], dict)
            and isinstance(cached[1], int)):
        tok.FREQ, tok.total = cached
        tok.initialized = True
        return
    tok.tmp_dir = tempfile.gettempdir()
    tok.initialize()
    disk.store("jieba", key, (tok.FREQ, tok.total))


def _import_jieba():
    """``import jieba``, without the setuptools ``pkg_resources`` jieba tries first.

    jieba uses ``pkg_resources`` only to open its own dictionary file and falls back to
    ``open()`` when it is missing; importing it costs a quarter of a second.
    """
    import sys

    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba
        return jieba
    sys.modules["pkg_resources"] = None   # makes "import pkg_resources" fail, as if absent
    try:
        import jieba
    finally:
        if sys.modules.get("pkg_resources", "") is None:
            del sys.modules["pkg_resources"]
    return jieba


@cache
def tokenizer():
    """jieba's tokenizer with the kit's words, built on first use (quietly: no log)."""
    import logging

    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    _prefix_dictionary(tok)
    for word in sorted(user_words(), key=lambda w: (len(w), w)):
        if len(word) > 1 and all_han(word):
            freq = max(tok.FREQ.get(word, 0), LONG_WORD_FREQ) if len(word) >= LONG_WORD else None
            tok.add_word(word, freq)
    return tok


def _split_compound(token: str, freq: dict, words: frozenset[str]) -> list[str]:
    """Split a rare 4+ character jieba entry made of two common words (推广先进 → 推广 先进)."""
    if (len(token) < LONG_WORD or token in words or freq.get(token, 0) > RARE_COMPOUND_FREQ
            or not all_han(token)):
        return [token]
    best, best_score = None, 0
    for i in range(MIN_PART, len(token) - 1):
        left, right = freq.get(token[:i], 0), freq.get(token[i:], 0)
        if left >= COMMON_PART_FREQ and right >= COMMON_PART_FREQ and left * right > best_score:
            best, best_score = i, left * right
    if best is None:
        return [token]
    return [token[:best], token[best:]]


def tokens(text: str) -> list[str]:
    """jieba's tokens of ``text``, spaces included (joined, they give ``text`` back).

    >>> tokens("工会 召开")
    ['工会', ' ', '召开']
    """
    tok = tokenizer()
    found = tok.lcut(text)
    if max(map(len, found), default=0) < LONG_WORD:
        return found
    freq, words = tok.FREQ, user_words()
    out: list[str] = []
    for t in found:
        if len(t) >= LONG_WORD:
            out.extend(_split_compound(t, freq, words))
        else:
            out.append(t)
    return out


def segment(text: str) -> list[str]:
    """Cut Chinese text into words, the way a reader would (jieba, with the kit's words).

    Glossary terms and names the kit knows stay whole. Punctuation and Latin text
    come back as their own items; spaces and line breaks are left out.

    >>> segment("工会 召开，大会。")
    ['工会', '召开', '，', '大会', '。']
    """
    return [t for t in tokens(text) if not t.isspace()]


@lru_cache(maxsize=SUB_WORDS_CACHE_SIZE)
def sub_words(word: str) -> tuple[str, ...]:
    """jieba's best route through ``word`` that takes neither ``word`` itself nor another long kit word.

    >>> sub_words("增产节约运动")
    ('增产', '节约', '运动')
    """
    tok = tokenizer()
    dag = tok.get_DAG(word)
    words = user_words()
    for i in dag:  # neither the word itself nor another long glossary form (五一织布法)
        dag[i] = [x for x in dag[i] if x - i + 1 < LONG_WORD or word[i:x + 1] not in words] or [i]
    route: dict = {}
    tok.calc(word, dag, route)
    out, x = [], 0
    while x < len(word):
        y = route[x][1] + 1
        out.append(word[x:y])
        x = y
    return tuple(out)


def clear_caches() -> None:
    """Forget the tokenizer and the kit's words (they are rebuilt on next use)."""
    for cached in (user_words, tokenizer, sub_words):
        cached.cache_clear()


on_change(clear_caches)   # the kit's words changed: forget what depended on them
