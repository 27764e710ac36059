"""Chinese text as the reader shows it: one clickable span per word, one syllable per character.

:func:`zh_words_html` turns one Chinese sentence into HTML the way reading apps (Pleco, Du
Chinese) show it:

* every word of :func:`kit.annotate` is a ``<span class="kit-w">`` that opens its dictionary
  card (``data-card`` names the card, see :mod:`kit.views.cards`); a word is an inline block
  that never breaks across lines, and with pinyin on, words are set apart by a small gap;
* with pinyin, each Han character is its own ``<ruby>`` with its own syllable
  (东北 → ``<ruby>东<rt>dōng</rt></ruby><ruby>北<rt>běi</rt></ruby>``), so a long reading never
  pushes another character's syllable out of place;
* tone colours (optional) follow the common scheme of the apps, on the syllable and its
  character: 1 red, 2 green, 3 blue, 4 purple, neutral grey. The colour only repeats the
  tone mark, which is always written, so nothing rests on colour alone (and the colours
  keep a 4.5:1 contrast in light and dark themes, see ``kit/data/views.css``);
* words above an HSK level can be marked (a dashed underline and their level on the card),
  and pinyin can be kept for those words only (the words a learner does not know yet).

    >>> syllables("东北", "dong1bei3")
    ['dōng', 'běi']
    >>> syllables("3月", "yue4")
    ['yuè']
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..language import annotate
from ..text import HAN_RE
from ._html import esc

__all__ = ["WordStyle", "syllables", "tone_of", "zh_words_html", "clear_caches",
           "SYLLABLE_CACHE_SIZE"]

#: How many syllables' tone-mark spellings to keep (Mandarin has about 1,300 toned syllables).
SYLLABLE_CACHE_SIZE = 4096
#: One syllable with its tone number, as :func:`kit.annotate` writes it (neutral tone: 5).
_NUMBERED = re.compile(r"[a-zü]+[1-5]")


@dataclass(frozen=True)
class WordStyle:
    """How the words of a sentence are shown (one per render; hashable, so pieces cache by it).

    ``pinyin``: syllables over the characters; ``tones``: tone colours (with pinyin only);
    ``pinyin_above``: pinyin only on words above this HSK level (None: on every word);
    ``mark_above``: underline words above this HSK level (None: none);
    ``traditional``: show traditional forms.
    """

    pinyin: bool = False
    tones: bool = False
    pinyin_above: int | None = None
    mark_above: int | None = None
    traditional: bool = False


@functools.lru_cache(maxsize=SYLLABLE_CACHE_SIZE)
def _marked(numbered: str) -> str:
    """``'hang2'`` → ``'háng'``, ``'le5'`` → ``'le'`` (pypinyin's converter, cached)."""
    from pypinyin.contrib.tone_convert import to_tone

    return to_tone(numbered)


def clear_caches() -> None:
    """Forget the tone-mark spellings converted so far (tests)."""
    _marked.cache_clear()


def syllables(word: str, numbers: str) -> list[str]:
    """The syllables (tone marks) of the Han characters of ``word``, read from its tone numbers.

    Returns [] when the count does not match the word's Han characters.
    """
    found = _NUMBERED.findall(numbers)
    if len(found) != sum(1 for ch in word if HAN_RE.match(ch)):
        return []
    return [_marked(s) for s in found]


def tone_of(numbered: str) -> int:
    """The tone number of one numbered syllable (5 for the neutral tone).

    >>> tone_of("bei3"), tone_of("le5")
    (3, 5)
    """
    return int(numbered[-1]) if numbered[-1:].isdigit() else 5


def _above(level: int | None, limit: int | None) -> bool:
    """True when a word of HSK ``level`` (None: outside HSK) is above ``limit``."""
    return limit is not None and (level is None or level > limit)


def _ruby(chars: str, numbers: str, style: WordStyle, show: bool) -> str:
    """The characters of one word, each Han character with its syllable when ``show``."""
    if not show:
        return esc(chars)
    found = _NUMBERED.findall(numbers)
    out, k = [], 0
    for ch in chars:
        if not HAN_RE.match(ch) or k >= len(found):
            out.append(esc(ch))
            continue
        tone = f' class="kit-t{tone_of(found[k])}"' if style.tones else ""
        out.append(f"<ruby{tone}>{esc(ch)}<rp>(</rp><rt>{esc(_marked(found[k]))}</rt>"
                   f"<rp>)</rp></ruby>")
        k += 1
    return "".join(out)


def zh_words_html(text: str, shown: str, style: WordStyle, word_card, *,
                  first_stop: bool = True) -> list[tuple[int, int, str]]:
    """``(start, end, html)`` of every token of one Chinese sentence.

    Args:
        text: the sentence (simplified, as in the article).
        shown: the characters to show, as long as ``text`` (its traditional forms or itself).
        style: a :class:`WordStyle`.
        word_card: ``word_card(word, start) -> (card number, HSK level)`` for a word token.
        first_stop: the first word is a keyboard stop (``tabindex="0"``; the others ``-1``:
            one tab stop per sentence, arrow keys move from word to word).

    Punctuation, spaces and Latin text come back as escaped text, not word spans.
    """
    out, pos, stop = [], 0, first_stop
    numbered = annotate(text, "numbers")
    for (token, reading), (_, numbers) in zip(annotate(text), numbered):
        end = pos + len(token)
        chars = shown[pos:end]
        if not reading:
            out.append((pos, end, esc(chars)))
            pos = end
            continue
        card, level = word_card(token, pos)
        show = style.pinyin and (style.pinyin_above is None or _above(level, style.pinyin_above))
        if show and not syllables(token, numbers):   # rare: read as a whole word
            body = f"<ruby>{esc(chars)}<rp>(</rp><rt>{esc(reading)}</rt><rp>)</rp></ruby>"
        else:
            body = _ruby(chars, numbers, style, show)
        classes = "kit-w kit-above" if _above(level, style.mark_above) else "kit-w"
        level_attr = "" if level is None else f' data-level="{level}"'
        out.append((pos, end, f'<span class="{classes}" data-card="{card}"{level_attr} '
                              f'role="button" tabindex="{0 if stop else -1}">'
                              f"{body}</span>"))
        stop = False
        pos = end
    return out
