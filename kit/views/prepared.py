"""What the reader prepares once per article: sentence pairs, notes, term spans.

:class:`ReaderCache` keeps the :class:`Prepared` work of the articles read last, so a
re-render (another mode, pinyin, size) never segments or aligns again. Term spans live here
too, with the rule that keeps glossary links honest in both languages: an English word links
a term only when its aligned Chinese sentence holds that term.

    >>> import kit
    >>> article = kit.load_corpus()["000_7ca6473d3635779a"]
    >>> prep = ReaderCache().prepared(article, kit.load_glossary(), None)
    >>> def linked(bead):            # the terms an English sentence links, given its Chinese
    ...     return [t.zh for _, _, t in en_term_spans(bead.en[0], "".join(bead.zh), prep)]
    >>> prep.beads[8].zh[0][:9], "职工" in linked(prep.beads[8])   # the Chinese says 职工
    ('二、发动教育职工，', True)
    >>> "职工" in linked(prep.beads[4])                             # it says 工人 here
    False
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from .cards import CardSet

__all__ = ["Bead", "Prepared", "ReaderCache", "prepare", "term_spans", "en_term_spans",
           "CACHED_ARTICLES"]

#: How many articles a :class:`ReaderCache` keeps prepared (sentence pairs, notes, pieces).
CACHED_ARTICLES = 32

@dataclass
class Bead:
    """One sentence bead: its English and Chinese sentences, its paragraph pair, why paired."""

    index: int
    paragraph: int
    en: list
    zh: list
    evidence: str


@dataclass
class Prepared:
    """An article made ready to render: its beads by paragraph, notes and rendered pieces."""

    glossary: object
    notes: object
    beads: list
    paragraphs: list                      # list of lists of Bead, by paragraph pair
    notes_by_bead: dict = field(default_factory=dict)  # bead index -> [(number, note)]
    pieces: dict = field(default_factory=dict)         # rendered sentence cache
    by_en_form: dict = field(default_factory=dict)     # English form -> terms that have it
    cards: CardSet = field(default_factory=CardSet)    # the dictionary cards of its words


class ReaderCache:
    """Per-article preparation (sentence pairs, glossary matches, notes) and rendered sentences.

    Keeps the ``size`` most recently used articles; a view owns one, the module has a default.
    """

    def __init__(self, size: int = CACHED_ARTICLES):
        self.size = size
        self._entries: OrderedDict = OrderedDict()

    def prepared(self, article, glossary, notes) -> Prepared:
        key = (article, id(glossary), id(notes))
        entry = self._entries.get(key)
        if entry is not None and entry.glossary is glossary and entry.notes is notes:
            self._entries.move_to_end(key)
            return entry
        entry = prepare(article, glossary, notes)
        self._entries[key] = entry
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return entry

    def clear(self) -> None:
        self._entries.clear()



def prepare(article, glossary, notes) -> Prepared:
    beads = [Bead(index, bead.paragraph, list(bead[0]), list(bead[1]), bead.evidence)
             for index, bead in enumerate(article.sentence_pairs())]
    count = max([b.paragraph for b in beads], default=-1) + 1
    paragraphs = [[] for _ in range(count)]
    for bead in beads:
        paragraphs[bead.paragraph].append(bead)
    prep = Prepared(glossary, notes, beads, paragraphs, by_en_form=_terms_by_en_form(glossary))

    if notes is not None:
        _attach_notes(prep, article, notes)
    return prep


def _zh_paragraphs_of_pairs(article) -> list[set]:
    """For each paragraph pair, the indices of ``article.paragraphs_zh`` it is made of."""
    paragraphs, i, out = article.paragraphs_zh, 0, []
    for _, zh in article.paragraph_pairs():
        taken, length = set(), 0
        while i < len(paragraphs) and length < len(zh):
            taken.add(i)
            length += len(paragraphs[i])
            i += 1
        out.append(taken)
    return out


def _attach_notes(prep: Prepared, article, notes) -> None:
    """Give each translator's note one bead: the first sentence holding its phrase, preferring
    the paragraph the note names; number the notes in reading order."""
    candidates: dict = {}
    for bead in prep.beads:
        for sentence in bead.zh:
            for note in notes.for_sentence(article.id, sentence):
                candidates.setdefault(id(note), (note, []))[1].append(bead)
    if not candidates:
        return
    pairs = _zh_paragraphs_of_pairs(article) if prep.paragraphs else []
    chosen = []
    for note, beads in candidates.values():
        exact = [b for b in beads
                 if b.paragraph < len(pairs) and note.paragraph in pairs[b.paragraph]]
        chosen.append(((exact or beads)[0].index, note))
    chosen.sort(key=lambda item: item[0])
    for number, (index, note) in enumerate(chosen, start=1):
        prep.notes_by_bead.setdefault(index, []).append((number, note))


# ------------------------------------------------------------------------------------------
# Sentences to HTML
# ------------------------------------------------------------------------------------------
def term_spans(text: str, lang: str, prep: Prepared) -> list:
    """``(start, end, Term)`` of the glossary terms in ``text`` (outermost matches only)."""
    glossary = prep.glossary
    if glossary is None or not text:
        return []
    return [(occ.start, occ.end, glossary[occ.term_id])
            for occ in glossary.find_text(text, lang) if not getattr(occ, "nested", False)]


def _en_key(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().split())


def _terms_by_en_form(glossary) -> dict:
    """``{english form: [terms]}``: every term an English phrase may stand for."""
    found: dict = {}
    for term in glossary or ():
        for form in term.en_forms:
            found.setdefault(_en_key(form), []).append(term)
    return found


def _held_in(term, zh: str) -> bool:
    return any(form in zh for form in term.zh_forms)


def en_term_spans(text: str, zh: str, prep: Prepared) -> list:
    """The English term spans of ``text`` that its aligned Chinese ``zh`` bears out.

    An English word links a term only when the Chinese sentence holds one of the term's
    Chinese forms ("workers" is 职工 only where the Chinese says 职工); when another term
    shares that English and its Chinese is there, the word links that term instead.
    """
    spans = []
    for start, end, term in term_spans(text, "en", prep):
        if not _held_in(term, zh):
            others = prep.by_en_form.get(_en_key(text[start:end]), [])
            term = next((other for other in others if _held_in(other, zh)), None)
        if term is not None:
            spans.append((start, end, term))
    return spans
