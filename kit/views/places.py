"""Where one glossary term occurs in a corpus, found when the term is asked for.

Finding every term in every article at once (``glossary.find(corpus)``) takes minutes on
10,000 articles; a term card needs one term. :class:`CorpusTexts` joins the corpus's
searchable texts (headlines, columns, paragraphs) into one string per language, once, so
that the places of a term are one regular-expression scan, and :class:`Places` turns only
the places a card shows into :class:`~kit.glossary.Occurrence` objects.

A place is where one of the term's Chinese forms appears, or one of its English forms as
whole words (any case): the places ``glossary.find`` reports, nested ones included.

    >>> import kit
    >>> texts = CorpusTexts(kit.load_corpus())
    >>> places = texts.places(kit.load_glossary()["郝建秀工作法"])
    >>> len(places["zh"]) >= 1, places["zh"][0].text, places["en"][0].text
    (True, '郝建秀工作法', 'Hao Jianxiu work method')
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from ..glossary import Occurrence

__all__ = ["CorpusTexts", "Places", "SEPARATOR"]

#: Joins the texts of one language; no glossary form contains it, so no match spans two texts.
SEPARATOR = "\x00"
#: Characters that may not touch an English form (it matches whole words only).
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def _article_texts(article):
    """``(lang, part, paragraph, text)`` of every searchable text of an article."""
    yield "zh", "title", None, article.headline
    yield "zh", "column", None, article.column_zh or ""
    for number, paragraph in enumerate(article.paragraphs_zh):
        yield "zh", "body", number, paragraph
    yield "en", "title", None, article.title_en
    yield "en", "column", None, article.column_en or ""
    for number, paragraph in enumerate(article.paragraphs_en):
        yield "en", "body", number, paragraph


def _en_form(form: str) -> str:
    words = [re.escape(word).replace("'", "['’]") for word in form.split()]
    return r"\s+".join(words)


def term_pattern(term, lang: str, *, lower: bool = False) -> re.Pattern | None:
    """The regular expression of a term's forms in ``lang``, longest form first.

    English forms match whole words, in any case; with ``lower=True`` the pattern is for
    lower-case text and leaves the check before the match to the caller (a look-behind makes
    the scan of a long text several times slower).
    """
    forms = term.zh_forms if lang == "zh" else term.en_forms
    forms = sorted({f for f in forms if f and f.strip()}, key=len, reverse=True)
    if not forms:
        return None
    if lang == "zh":
        return re.compile("|".join(re.escape(f) for f in forms))
    body = "|".join(_en_form(f.lower() if lower else f) for f in forms)
    if lower:
        return re.compile(f"(?:{body})(?![a-z0-9])")
    return re.compile(f"(?<![A-Za-z0-9])(?:{body})(?![A-Za-z0-9])", re.IGNORECASE)


def _whole_word_spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    """Matches of ``pattern`` in lower-case ``text`` that no letter or digit precedes."""
    out, position = [], 0
    search = pattern.search
    match = search(text, position)
    while match is not None:
        start = match.start()
        if start and text[start - 1] in _WORD_CHARS:
            match = search(text, start + 1)
            continue
        out.append((start, match.end()))
        match = search(text, match.end())
    return out


class Places(Sequence):
    """The places of one term in one language: a sequence of :class:`Occurrence`, built on
    demand (``len()`` is free; ``places[:10]`` builds ten)."""

    def __init__(self, texts: "CorpusTexts", term_id: str, lang: str, hits: list):
        self._texts, self._term_id, self._lang, self._hits = texts, term_id, lang, hits

    def __len__(self) -> int:
        return len(self._hits)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._occurrence(hit) for hit in self._hits[index]]
        return self._occurrence(self._hits[index])

    def _occurrence(self, hit) -> Occurrence:
        number, start, end = self._texts.locate(self._lang, *hit)
        article_id, part, paragraph, text = self._texts.entry(self._lang, number)
        return Occurrence(self._term_id, article_id, self._lang, paragraph, start, end,
                          text[start:end], part)


class CorpusTexts:
    """The searchable texts of a corpus, one joined string per language (built once).

    Args:
        corpus: a :class:`kit.Corpus` or any iterable of articles.
    """

    def __init__(self, corpus):
        self._entries: dict = {"zh": [], "en": []}
        for article in corpus:
            for lang, part, paragraph, text in _article_texts(article):
                self._entries[lang].append((article.id, part, paragraph, text or ""))
        self._joined, self._starts = {}, {}
        for lang, entries in self._entries.items():
            starts, position = [], 0
            for entry in entries:
                starts.append(position)
                position += len(entry[3]) + len(SEPARATOR)
            self._starts[lang] = starts
            self._joined[lang] = SEPARATOR.join(entry[3] for entry in entries)
        lowered = self._joined["en"].lower()
        self._lower_en = lowered if len(lowered) == len(self._joined["en"]) else None

    def entry(self, lang: str, number: int) -> tuple:
        """``(article_id, part, paragraph, text)`` of the ``number``-th text in ``lang``."""
        return self._entries[lang][number]

    def locate(self, lang: str, start: int, end: int) -> tuple[int, int, int]:
        """``(text number, start, end)`` in that text of a span of the joined ``lang`` text."""
        number = bisect.bisect_right(self._starts[lang], start) - 1
        offset = self._starts[lang][number]
        return number, start - offset, end - offset

    def hits(self, term, lang: str) -> list[tuple[int, int]]:
        """``(start, end)`` in the joined ``lang`` text of every place of ``term``."""
        if lang == "en" and self._lower_en is not None:
            pattern = term_pattern(term, lang, lower=True)
            return [] if pattern is None else _whole_word_spans(pattern, self._lower_en)
        pattern = term_pattern(term, lang)
        if pattern is None:
            return []
        return [match.span() for match in pattern.finditer(self._joined[lang])]

    def places(self, term) -> dict[str, Places]:
        """``{"zh": Places, "en": Places}``: every place of ``term``, in corpus order."""
        return {lang: Places(self, term.id, lang, self.hits(term, lang)) for lang in ("zh", "en")}
