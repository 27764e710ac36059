"""The glossary's data classes: a :class:`Term` and an :class:`Occurrence` of one in a text.

    >>> from kit.sources import Source
    >>> term = Term("gonghui", "工会", "gōnghuì", "trade union", "organisation", "A union.",
    ...             "Note one. Note two.", (Source("A page", url="https://example.org"),),
    ...             aliases_en=("union", "Trade Union"))
    >>> term.en_forms, term.pinyin_toneless
    (('trade union', 'union'), 'gonghui')
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from ..sources import Source
from ..text import strip_tones

__all__ = ["CATEGORIES", "Term", "Occurrence", "FirstUse"]

#: The categories a term may have, in the order the kit lists them.
CATEGORIES = ("organisation", "person", "place", "campaign", "technique", "concept", "role", "genre")


@dataclass(frozen=True)
class Term:
    """One glossary entry. ``sources`` are :class:`Source`; ``related`` are term ids."""

    id: str
    zh: str
    pinyin: str
    en: str
    category: str
    gloss: str
    note: str
    sources: tuple[Source, ...]
    variants_zh: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    line: int | None = field(default=None, compare=False, repr=False)

    @property
    def zh_forms(self) -> tuple[str, ...]:
        """The Chinese form and its variants."""
        return (self.zh,) + tuple(v for v in self.variants_zh if v != self.zh)

    @property
    def en_forms(self) -> tuple[str, ...]:
        """The preferred English and the aliases, without repeats (case-insensitive)."""
        seen, out = set(), []
        for form in (self.en,) + self.aliases_en:
            if form.lower() not in seen:
                seen.add(form.lower())
                out.append(form)
        return tuple(out)

    @property
    def pinyin_toneless(self) -> str:
        """The pinyin without tone marks, e.g. ``'Dongbei Zonggonghui'``."""
        return strip_tones(self.pinyin)

    def __repr__(self) -> str:
        return f"<Term {self.id}: {self.zh} {self.pinyin} '{self.en}' ({self.category})>"

    def _repr_html_(self) -> str:
        e = html.escape
        return (f"<div><b lang='zh-Hans'>{e(self.zh)}</b> <i>{e(self.pinyin)}</i> — "
                f"<span lang='en'>{e(self.en)}</span> <small>({e(self.category)})</small>"
                f"<p lang='en'>{e(self.gloss)}</p><p lang='en'><small>{e(self.note)}</small></p></div>")


@dataclass(frozen=True)
class Occurrence:
    """Where a term occurs in an article.

    ``paragraph`` indexes ``article.paragraphs_zh`` or ``article.paragraphs_en`` (by
    ``lang``) when ``part == "body"``; for the title (``part="title"``: the Chinese headline
    or the English title) and the column name (``part="column"``) it is None. ``start``
    and ``end`` are character offsets in that text, so ``text == source[start:end]``.
    Matches never overlap, except ``nested`` ones: a shorter term inside a longer one (郝建秀
    inside 郝建秀工作法), reported so that every term present is found; ``within`` then names
    the enclosing term. Views that highlight text should skip nested occurrences.
    """

    term_id: str
    article_id: str
    lang: str
    paragraph: int | None
    start: int
    end: int
    text: str
    part: str = "body"
    nested: bool = False
    within: str | None = None


@dataclass(frozen=True)
class FirstUse:
    """A term's first appearance in one article, with the sentence around it in each language.

    ``zh`` and ``en`` are the first body sentences that contain the term (the title's or the
    column's when the body has none), or "" when the term does not appear in that language.
    """

    term: Term
    zh: str
    en: str
