"""Where one glossary term occurs in a corpus, found when the term is asked for.

Finding every term in every article at once (``glossary.find(corpus)``) takes minutes on
10,000 articles; a term card needs one term. :class:`CorpusTexts` joins the corpus's
searchable texts (headlines, columns, paragraphs) into one string per language, once, so
that the places of a term are one regular-expression scan, and :class:`Places` turns only
the places a card shows into :class:`~kit.glossary.Occurrence` objects.

A place is where one of the term's Chinese forms appears, or one of its English forms as
whole words (any case): the places ``glossary.find`` reports, nested ones included. Where
the forms of two terms overlap in part, the glossary's matcher gives the place to one of them
and this scan to both (on the seeds, one count in about 190 differs: "a factory" in "of a
factory or mine", which the matcher gives to 厂矿 "factory or mine").

    >>> import kit
    >>> texts = CorpusTexts(kit.load_corpus())
    >>> places = texts.places(kit.load_glossary()["郝建秀工作法"])
    >>> len(places["zh"]) >= 1, places["zh"][0].text, places["en"][0].text
    (True, '郝建秀工作法', 'Hao Jianxiu work method')
"""

from __future__ import annotations

import bisect
import re
from collections import OrderedDict
from collections.abc import Sequence

from ..glossary import Occurrence
from ..glossary.match import article_texts

__all__ = ["CorpusTexts", "Places", "term_patterns", "SEPARATOR", "GROUP_PREFIX", "CACHED_TERMS"]

#: Joins the texts of one language; no glossary form contains it, so no match spans two texts.
SEPARATOR = "\x00"
#: How many terms' places a :class:`CorpusTexts` remembers (opening a card again is free).
CACHED_TERMS = 64
#: Characters that may not touch an English form (it matches whole words only).
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


#: Forms are scanned in groups that share their first characters (this many, by language):
#: a scan whose pattern starts with a literal is fast, an alternation of unlike forms is not.
GROUP_PREFIX = {"zh": 2, "en": 4}


def _piece(text: str, lang: str) -> str:
    """A regular expression for ``text``: English spaces match any run of white space and
    apostrophes either apostrophe."""
    if lang == "zh":
        return re.escape(text)
    parts = re.split(r"(\s+|['’])", text)
    return "".join(r"\s+" if p.isspace() else "['’]" if p in ("'", "’") else re.escape(p)
                   for p in parts if p)


def _prefix(forms: list[str]) -> str:
    """The longest literal start the forms share (English: up to a space or an apostrophe)."""
    first, last = min(forms), max(forms)
    n = 0
    while n < len(first) and n < len(last) and first[n] == last[n] and \
            not first[n].isspace() and first[n] not in "'’":
        n += 1
    return first[:n]


def term_patterns(term, lang: str) -> list[re.Pattern]:
    """Regular expressions of a term's forms in ``lang`` (English: lower case, to be run on
    lower-case text), one per group of forms with a shared start, longest forms first."""
    forms = term.zh_forms if lang == "zh" else [f.lower() for f in term.en_forms]
    groups: dict = {}
    for form in sorted({f.strip() for f in forms if f and f.strip()}, key=len, reverse=True):
        groups.setdefault(form[:GROUP_PREFIX[lang]], []).append(form)
    patterns = []
    for group in groups.values():
        head = _prefix(group)
        tails = "|".join(_piece(form[len(head):], lang) for form in group)
        body = f"{re.escape(head)}(?:{tails})"
        patterns.append(re.compile(body if lang == "zh" else body + "(?![a-z0-9])"))
    return patterns


def _spans(pattern: re.Pattern, text: str, whole_words: bool) -> list[tuple[int, int]]:
    """Matches of ``pattern`` in ``text``; with ``whole_words``, those no letter or digit
    precedes (checked here: a look-behind makes the scan of a long text much slower)."""
    spans = [match.span() for match in pattern.finditer(text)]
    if not whole_words:
        return spans
    return [(start, end) for start, end in spans if not start or text[start - 1] not in _WORD_CHARS]


def _leftmost_longest(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans that do not overlap: the leftmost first, the longest of those starting together."""
    out, end = [], -1
    for start, stop in sorted(spans, key=lambda span: (span[0], -span[1])):
        if start >= end:
            out.append((start, stop))
            end = stop
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
            for lang, part, paragraph, text in article_texts(article):
                self._entries[lang].append((article.id, part, paragraph, text or ""))
        self._joined, self._starts = {}, {}
        for lang, entries in self._entries.items():
            starts, position = [], 0
            for entry in entries:
                starts.append(position)
                position += len(entry[3]) + len(SEPARATOR)
            self._starts[lang] = starts
            self._joined[lang] = SEPARATOR.join(entry[3] for entry in entries)
        self._cache: OrderedDict = OrderedDict()      # term -> {lang: Places}, newest last
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
        text = self._joined[lang] if lang == "zh" else self._lower_en
        if text is None:                       # lower case changed lengths: slow but right
            text = self._joined[lang]
            patterns = [re.compile(p.pattern, re.IGNORECASE) for p in term_patterns(term, lang)]
        else:
            patterns = term_patterns(term, lang)
        spans = [span for pattern in patterns for span in _spans(pattern, text, lang == "en")]
        return _leftmost_longest(spans) if len(patterns) > 1 else spans

    def places(self, term) -> dict[str, Places]:
        """``{"zh": Places, "en": Places}``: every place of ``term``, in corpus order."""
        found = self._cache.get(term)
        if found is None:
            found = {lang: Places(self, term.id, lang, self.hits(term, lang)) for lang in ("zh", "en")}
            self._cache[term] = found
            while len(self._cache) > CACHED_TERMS:
                self._cache.popitem(last=False)
        self._cache.move_to_end(term)
        return found

    def clear_cache(self) -> None:
        """Forget the places found so far."""
        self._cache.clear()
