"""The reader's dictionary cards: one card for every Chinese word, glossary term first.

A card shows what :func:`kit.lookup` finds for a word **as read in its sentence**: the
glossary's curated card when the word is (part of) a glossary term, then the word with its
pinyin in context and HSK level, then every CC-CEDICT reading with its definitions (the
reading used in the sentence first, marked "in this sentence"); a word CC-CEDICT lacks
shows the dictionary words it is made of. A star button adds the word to *my words*.

A :class:`CardSet` numbers the cards of one article (the reader's words point to them with
``data-card``) and renders them once; the reader puts them, hidden, at the end of its page,
and ``kit/data/reader.js`` shows the one asked for beside its word.

    >>> cards = CardSet()
    >>> number, level = cards.word_card("行长", "银行行长来了。", 2)
    >>> html = cards.card_html(number)
    >>> "hángzhǎng" in html and "bank president" in html, level    # level: by its parts
    (True, 3)
    >>> card = render_card_html("干部")
    >>> "cadre" in card and "HSK 7–9" in card
    True
"""

from __future__ import annotations

from ..dictionary_lookup import lookup
from ..levels import hsk_level, level_label
from ._html import attrs, esc

__all__ = ["CardSet", "render_card_html", "star_html", "MAX_READINGS", "MAX_DEFINITIONS",
           "CEDICT_CREDIT"]

#: At most this many CC-CEDICT readings on a card (polyphonic characters have up to ~6).
MAX_READINGS = 6
#: At most this many definitions per reading (the longest entries list dozens).
MAX_DEFINITIONS = 8
#: At most this many parts of a word CC-CEDICT lacks.
MAX_PARTS = 6
#: Where the definitions come from (CC BY-SA 4.0 asks for the credit).
CEDICT_CREDIT = "Definitions: CC-CEDICT (CC BY-SA 4.0)"


def star_html(word: str, on: bool) -> str:
    """The card's star: a toggle button that adds ``word`` to my words (or takes it off).

    >>> star_html("干部", True)
    '<button type="button" class="kit-star" data-word="干部" aria-pressed="true">My words</button>'
    """
    return (f'<button type="button" class="kit-star"{attrs(data_word=word)} '
            f'aria-pressed="{"true" if on else "false"}">My words</button>')


def _term_html(term) -> str:
    """The glossary's part of a card: Chinese, pinyin, English, gloss."""
    gloss = f'<p class="kit-card-gloss">{esc(term.gloss)}</p>' if term.gloss else ""
    return (f'<section class="kit-card-term"{attrs(data_term=term.id)}>'
            f'<p class="kit-card-head"><span class="kit-card-zh" lang="zh-Hans">{esc(term.zh)}'
            f'</span> <span class="kit-pinyin">{esc(term.pinyin)}</span> '
            f'<span class="kit-tag">glossary</span></p>'
            f"<p><strong>{esc(term.en)}</strong></p>{gloss}</section>")


def _level_tag(entry, level) -> str:
    label = "outside HSK" if level is None else f"HSK {level_label(level)}"
    if level is not None and entry.hsk_level is None:
        label += " (by its parts)"
    return f'<span class="kit-tag kit-level">{esc(label)}</span>'


def _readings_html(entry) -> str:
    items = []
    for reading in entry.readings[:MAX_READINGS]:
        here = (' <span class="kit-tag kit-in-context">in this sentence</span>'
                if reading.in_context and len(entry.readings) > 1 else "")
        defs = "; ".join(esc(d) for d in reading.definitions[:MAX_DEFINITIONS])
        items.append(f'<li><span class="kit-pinyin">{esc(reading.pinyin)}</span>{here} {defs}</li>')
    return f'<ol class="kit-readings">{"".join(items)}</ol>' if items else ""


def _parts_html(entry) -> str:
    parts = []
    for part in entry.parts[:MAX_PARTS]:
        defs = "; ".join(esc(d) for d in part.definitions[:3])
        parts.append(f'<li><span lang="zh-Hans">{esc(part.word)}</span> '
                     f'<span class="kit-pinyin">{esc(part.pinyin)}</span> {defs}</li>')
    if not parts:
        return ""
    return f'<p class="kit-meta">Not in CC-CEDICT as one word; its parts:</p><ul>{"".join(parts)}</ul>'


def _entry_html(entry, level) -> str:
    """The dictionary's part of a card."""
    body = _readings_html(entry) or _parts_html(entry)
    if not body and entry.term is None:
        body = '<p class="kit-empty">Not in CC-CEDICT or the glossary.</p>'
    return (f'<section class="kit-card-dict"><p class="kit-card-head">'
            f'<span class="kit-card-zh" lang="zh-Hans">{esc(entry.word)}</span> '
            f'<span class="kit-pinyin">{esc(entry.pinyin)}</span> {_level_tag(entry, level)}</p>'
            f"{body}</section>")


def _card_parts(entry, term, level) -> tuple[str, str, str]:
    """``(before the star, the word starred, after it)`` of one card."""
    head = _term_html(term) if term is not None else ""
    if entry is not None:
        head += _entry_html(entry, level)
        word = entry.word
    else:
        word = term.zh
    credit = f'<span class="kit-meta">{esc(CEDICT_CREDIT)}</span>' if entry is not None else ""
    return head + '<p class="kit-card-foot">', word, f"{credit}</p>"


def render_card_html(word: str, context: str | None = None, start: int | None = None, *,
                     term=None, starred: bool = False) -> str:
    """One word's card as HTML (the glossary ``term`` first when given; escaped throughout).

    >>> "háng" in render_card_html("行", context="银行行长")
    True
    """
    entry = lookup(word, context, start)
    before, star_word, after = _card_parts(entry, term or entry.term,
                                           hsk_level(entry.word, compounds=True))
    return (f'<div class="kit-card kit-word-card" lang="en">{before}'
            f"{star_html(star_word, starred)}{after}</div>")


class CardSet:
    """The cards of one article, numbered in the order the reader first asks for them.

    :meth:`word_card` gives the number of a word's card (one card per word, reading and
    glossary term) and its HSK level; :meth:`term_card` the number of a glossary term's
    card (English terms); :meth:`html` all the cards, each star set from ``starred``.
    """

    def __init__(self):
        self._numbers: dict[tuple, int] = {}
        self._cards: list[tuple[str, str, str]] = []
        self._levels: dict[str, int | None] = {}

    def __len__(self) -> int:
        return len(self._cards)

    def _level(self, word: str) -> int | None:
        if word not in self._levels:
            self._levels[word] = hsk_level(word, compounds=True)
        return self._levels[word]

    def word_card(self, word: str, context: str, start: int, term=None) -> tuple[int, int | None]:
        """``(card number, HSK level)`` of ``word`` read at ``context[start:]``."""
        entry = lookup(word, context, start)
        term = term or entry.term
        key = (word, entry.pinyin, term.id if term is not None else None)
        level = self._level(word)
        number = self._numbers.get(key)
        if number is None:
            number = self._numbers[key] = len(self._cards)
            self._cards.append(_card_parts(entry, term, level))
        return number, level

    def term_card(self, term) -> int:
        """The number of the card of a glossary term alone (for English words)."""
        key = ("term", term.id)
        number = self._numbers.get(key)
        if number is None:
            number = self._numbers[key] = len(self._cards)
            self._cards.append(_card_parts(None, term, None))
        return number

    def card_html(self, number: int, starred=frozenset()) -> str:
        """One card's ``<div>`` (hidden until reader.js shows a copy beside its word)."""
        before, word, after = self._cards[number]
        return (f'<div class="kit-card kit-word-card" data-card-id="{number}" lang="en">'
                f"{before}{star_html(word, word in starred)}{after}</div>")

    def html(self, starred=frozenset()) -> str:
        """Every card made so far, in a hidden ``<div class="kit-cards">``."""
        cards = "".join(self.card_html(n, starred) for n in range(len(self._cards)))
        return f'<div class="kit-cards" hidden>{cards}</div>'
