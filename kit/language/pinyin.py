"""Pinyin in context: pypinyin word by word, the kit's overrides first, no tone sandhi.

    >>> pinyin("厂长生动地介绍了经验。")
    'chǎngzhǎng shēngdòng de jièshào le jīngyàn.'
"""

from __future__ import annotations

from functools import lru_cache

from ..errors import KitError
from ..text import HAN_RE, TONE_MARKS, all_han, has_han, strip_tones
from .overrides import overrides
from .segment import LONG_WORD, sub_words, tokens, user_words
from .vocabulary import on_change

__all__ = ["annotate", "pinyin", "toneless", "clear_caches"]

#: Citation readings of the characters whose tone pypinyin's phrase data changes by sandhi.
NO_SANDHI = {"一": "yī", "不": "bù"}
#: The written forms of a reading: tone marks (chǎngzhǎng) or tone numbers (chang3zhang3).
STYLES = ("marks", "numbers")
#: The tone number of a syllable without a tone mark (the neutral tone).
NEUTRAL_TONE = 5
#: Syllables that take an apostrophe when they follow another one (xī'ān, yīn'ér).
APOSTROPHE_BEFORE = "aāáǎàoōóǒòeēéěè"
#: Texts whose reading is remembered (a paragraph is a good unit).
TEXT_CACHE_SIZE = 4096
#: Words remembered with their reading, when the reading does not depend on the context.
WORD_CACHE_SIZE = 200_000

Syllables = tuple[str, ...]
#: A reading and its two written forms: (syllables, with tone marks, with tone numbers).
Reading = tuple[Syllables, str, str]


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _pypinyin_syllables(token: str) -> Syllables:
    """pypinyin's reading of one word, Han characters only, one syllable per character."""
    from pypinyin import Style, lazy_pinyin

    han = "".join(ch for ch in token if HAN_RE.match(ch))
    syllables = lazy_pinyin(han, style=Style.TONE, errors="ignore") if han else []
    if len(syllables) != len(han):   # a character pypinyin splits oddly: read one by one
        syllables = [(lazy_pinyin(ch, style=Style.TONE, errors="ignore") or [""])[0] for ch in han]
    return tuple(NO_SANDHI.get(ch, s) for ch, s in zip(han, syllables))


def _word_syllables(token: str) -> Syllables:
    """The reading of a word that does not depend on its context."""
    if not has_han(token):
        return ()
    found = overrides().words.get(token)
    return found if found is not None else _pypinyin_syllables(token)


def _context_syllables(tokens_: list[str], k: int, text: str, start: int) -> Syllables:
    """Syllables of ``tokens_[k]`` (which starts at ``start`` in ``text``), in context."""
    token = tokens_[k]
    if not has_han(token):
        return ()
    ov = overrides()
    for context, offset, syllables in ov.in_context.get(token, ()):
        at = start - offset
        if at >= 0 and text.startswith(context, at):
            return syllables
    if token in ov.words:
        return ov.words[token]
    particle = ov.particles.get(token)
    if particle is not None and k > 0:
        previous = tokens_[k - 1]
        if all_han(previous) and previous not in particle[1]:
            return particle[0]
    return _pypinyin_syllables(token)


def _to_numbers(syllable: str) -> str:
    tone, letters = NEUTRAL_TONE, []
    for ch in syllable:
        if ch in TONE_MARKS:
            base, tone = TONE_MARKS[ch]
            letters.append(base)
        else:
            letters.append(ch)
    return "".join(letters) + str(tone)


def _with_marks(syllables: Syllables) -> str:
    out = []
    for i, s in enumerate(syllables):
        if i and s[:1] in APOSTROPHE_BEFORE:
            out.append("'")   # pinyin orthography: xī'ān, yīn'ér
        out.append(s)
    return "".join(out)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _reading(syllables: Syllables) -> Reading:
    """A reading and its two written forms."""
    return syllables, _with_marks(syllables), "".join(_to_numbers(s) for s in syllables)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _plain_reading(token: str) -> Reading | None:
    """The reading of a token read the same everywhere; None for one read by its context."""
    if token in overrides().sensitive:
        return None
    return _reading(_word_syllables(token))


#: Endings that stay joined to their word in pinyin, as the Basic Rules of Hanyu Pinyin
#: Orthography (GB/T 16159-2012) write them: 形式主义 xíngshìzhǔyì, 社会主义 shèhuìzhǔyì.
JOINED_ENDINGS = ("主义",)


def _reading_words(found: list[str]) -> list[str]:
    """Cut long kit words into the words they are made of, for pinyin.

    Segmentation keeps 郝建秀工作法 or 干部大会 whole (a reader looks them up whole),
    but pinyin is read and shown word by word: Hǎo Jiànxiù + gōngzuòfǎ, gànbù + dàhuì.
    Words the overrides name stay whole.
    """
    words, keep = user_words(), overrides().words
    out: list[str] = []
    for t in found:
        if len(t) >= LONG_WORD and t in words and t not in keep and not t.endswith(JOINED_ENDINGS):
            out.extend(sub_words(t))
        else:
            out.append(t)
    return out


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _annotated(text: str) -> tuple[tuple[str, Reading], ...]:
    """``((token, (syllables, marks, numbers)), ...)`` for ``text``, cached per text."""
    found = _reading_words(tokens(text))
    readings = list(map(_plain_reading, found))
    if None in readings:
        pos = 0
        for k, token in enumerate(found):
            if readings[k] is None:
                readings[k] = _reading(_context_syllables(found, k, text, pos))
            pos += len(token)
    return tuple(zip(found, readings))


def _check_style(style: str) -> int:
    """The index of the written form in a :data:`Reading`, or a KitError naming the choices."""
    if style not in STYLES:
        raise KitError(f"style must be 'marks' (chǎngzhǎng) or 'numbers' (chang3zhang3), "
                       f"not {style!r}")
    return 1 + STYLES.index(style)


def annotate(text: str, style: str = "marks") -> list[tuple[str, str]]:
    """Every word of ``text`` with its pinyin in context: ``[(token, pinyin), ...]``.

    Joining the tokens gives ``text`` back exactly; punctuation, spaces, digits and
    Latin text have the pinyin ``""``. Pinyin is read word by word (pypinyin's phrase
    data), after the kit's overrides (``kit/data/pinyin_overrides.yaml``) and the
    particles 地/得 (de); syllables of a word are joined, with an apostrophe before
    a, o, e (yīn'ér). Tone marks, ü as ü, the neutral tone unmarked, no tone sandhi
    (一 yī, 不 bù). Lower case throughout, names included.

    Args:
        text: Chinese text (any length; a paragraph is a good unit).
        style: ``"marks"`` (chǎngzhǎng) or ``"numbers"`` (chang3zhang3; the neutral tone
            is 5: le5, ü stays ü: lü4).

    >>> annotate("厂长生动地介绍了经验。")
    [('厂长', 'chǎngzhǎng'), ('生动', 'shēngdòng'), ('地', 'de'), ('介绍', 'jièshào'), ('了', 'le'), ('经验', 'jīngyàn'), ('。', '')]
    >>> annotate("厂长 A1", style="numbers")
    [('厂长', 'chang3zhang3'), (' ', ''), ('A1', '')]
    >>> annotate("厂长", style="tones")
    Traceback (most recent call last):
    ...
    kit.errors.KitError: style must be 'marks' (chǎngzhǎng) or 'numbers' (chang3zhang3), not 'tones'
    """
    i = _check_style(style)
    return [(token, reading[i]) for token, reading in _annotated(text)]


_PUNCT_TO_ASCII = str.maketrans({"，": ",", "。": ".", "、": ",", "；": ";", "：": ":", "？": "?",
                                 "！": "!", "（": "(", "）": ")", "《": "«", "》": "»"})
_OPENING = set("([{«“‘")


def pinyin(text: str, style: str = "marks") -> str:
    """The pinyin of ``text`` as one string, words separated by spaces.

    Punctuation is kept in its Latin form next to the word before it (an opening
    bracket or quote next to the word after it), so the sentences stay readable.

    >>> pinyin("厂长来了。")
    'chǎngzhǎng lái le.'
    >>> pinyin("厂长来了", style="numbers")
    'chang3zhang3 lai2 le5'
    """
    parts: list[str] = []
    glue_next = False
    for token, reading in annotate(text, style):
        item = reading or token.strip().translate(_PUNCT_TO_ASCII)
        if not item:
            continue
        is_punct = not reading and not any(ch.isalnum() for ch in item)
        if parts and (glue_next or (is_punct and item[0] not in _OPENING)):
            parts[-1] += item
        else:
            parts.append(item)
        glue_next = is_punct and item[-1] in _OPENING
    return " ".join(parts)


def toneless(token: str) -> str:
    """The letters of a word's pinyin without tone marks, ü as u: 郝建秀 → ``'haojianxiu'``.

    >>> toneless("郝建秀")
    'haojianxiu'
    """
    plain = strip_tones("".join(_pypinyin_syllables(token))).replace("ü", "u")
    return "".join(ch for ch in plain if ch.isalpha())


def clear_caches() -> None:
    """Forget every reading (texts, words, syllables)."""
    for cached in (_pypinyin_syllables, _reading, _plain_reading, _annotated):
        cached.cache_clear()


on_change(clear_caches)   # the kit's words changed: forget what depended on them
