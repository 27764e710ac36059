"""Translator's notes: where the English of the two articles is contestable, and why.

Each note ties a Chinese phrase in one body paragraph of an article to the English the
translation uses for it, says what is gained or lost, and proposes a better
rendering with its reason and sources (``kit/data/translation_notes.yaml``)::

    >>> notes = load_translation_notes()
    >>> note = notes["youth-league-anachronism"]
    >>> note.zh, note.en_used, note.better
    ('青年团', 'Communist Youth League', 'the (New Democratic) Youth League')
    >>> [n.id for n in notes.for_sentence("000_7ca6473d3635779a",
    ...                                   "而在工人群众中，也产生明学暗不学的现象。")]
    ['ming-xue-an-bu-xue', 'gongren-qunzhong-omitted']

Loading checks the file's shape only; :meth:`TranslationNotes.verify` checks the
notes against the articles (the Chinese and the English must really be there).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ._data import data_path, display_path
from ._yaml import load_entries
from .errors import TranslationNoteError, UnknownIdError
from .sources import Source, parse_sources
from .text import has_han

__all__ = ["TranslationNote", "TranslationNotes", "load_translation_notes"]

REQUIRED_FIELDS = ("id", "article", "paragraph", "zh", "en_used", "comment", "better",
                   "reason", "sources")
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class TranslationNote:
    """One contestable rendering in an article's English translation.

    ``paragraph`` is the 0-based index into ``Article.paragraphs_zh``; ``zh`` occurs
    in that paragraph and ``en_used`` in the aligned English paragraph (``""`` when
    the translation leaves the phrase out).
    """

    id: str
    article: str
    paragraph: int
    zh: str
    en_used: str
    comment: str
    better: str
    reason: str
    sources: tuple[Source, ...]
    line: int = field(default=0, compare=False, repr=False)

    @property
    def omitted(self) -> bool:
        """True when the translation has no English for the phrase."""
        return not self.en_used

    def citations(self) -> list[str]:
        return [s.citation() for s in self.sources]

    def __repr__(self) -> str:
        used = f'"{self.en_used}"' if self.en_used else "(omitted)"
        return f"<TranslationNote {self.id}: {self.zh} → {used}; better: \"{self.better}\">"


class TranslationNotes:
    """The notes, in file order: iterate, ``len()``, look up by id, select by article or sentence."""

    def __init__(self, notes: Iterable[TranslationNote], path: str | Path | None = None):
        self.notes = tuple(notes)
        self.path = path
        self._by_id = {n.id: n for n in self.notes}

    def __iter__(self) -> Iterator[TranslationNote]:
        return iter(self.notes)

    def __len__(self) -> int:
        return len(self.notes)

    def __getitem__(self, key):
        if isinstance(key, (int, slice)):
            return self.notes[key]
        try:
            return self._by_id[key]
        except KeyError:
            raise UnknownIdError(f"no translation note with id {key!r}; see notes.ids") from None

    @property
    def ids(self) -> list[str]:
        return [n.id for n in self.notes]

    @property
    def articles(self) -> list[str]:
        """The article ids that have notes, in order of first appearance."""
        return list(dict.fromkeys(n.article for n in self.notes))

    def for_article(self, article_id) -> list[TranslationNote]:
        """The notes on one article (an id or an Article), in the order of the notes file."""
        aid = getattr(article_id, "id", article_id)
        return [n for n in self.notes if n.article == aid]

    def for_sentence(self, article_id, zh_sentence: str) -> list[TranslationNote]:
        """The notes on one article whose Chinese phrase occurs in ``zh_sentence``."""
        return [n for n in self.for_article(article_id) if n.zh in zh_sentence]

    def for_paragraph(self, article_id, paragraph: int) -> list[TranslationNote]:
        return [n for n in self.for_article(article_id) if n.paragraph == paragraph]

    def verify(self, corpus) -> list[str]:
        """Check every note against the articles; returns problems as ``file:line: message``.

        A note is wrong when its article is not in the corpus, its paragraph does not
        exist, its ``zh`` is not in that Chinese paragraph, or its ``en_used`` is not in
        the aligned English paragraph.
        """
        where = display_path(self.path) if self.path else "<notes>"
        problems = []
        for note in self.notes:
            at = f"{where}:{note.line}: note '{note.id}': "
            try:
                article = corpus[note.article]
            except (KeyError, LookupError, ValueError):
                problems.append(at + f"no article '{note.article}' in the corpus")
                continue
            if not 0 <= note.paragraph < len(article.paragraphs_zh):
                problems.append(at + f"paragraph {note.paragraph} does not exist; the article "
                                f"has {len(article.paragraphs_zh)} Chinese paragraphs (0-based)")
                continue
            zh_par = article.paragraphs_zh[note.paragraph]
            if note.zh not in zh_par:
                problems.append(at + f"'{note.zh}' is not in Chinese paragraph {note.paragraph}")
            en_par = aligned_english(article, note.paragraph)
            if note.en_used and note.en_used not in en_par:
                problems.append(at + f"'{note.en_used}' is not in the English aligned with "
                                f"paragraph {note.paragraph}")
        return problems

    def to_frame(self):
        """A pandas DataFrame, one row per note."""
        import pandas as pd

        columns = ["id", "article", "paragraph", "zh", "en_used", "better", "comment", "reason",
                   "sources"]
        return pd.DataFrame([{**{c: getattr(n, c) for c in columns[:-1]},
                              "sources": "; ".join(n.citations())} for n in self.notes],
                            columns=columns)

    def __repr__(self) -> str:
        return f"<TranslationNotes: {len(self)} notes on {len(self.articles)} articles>"


def aligned_english(article, paragraph: int) -> str:
    """The English paragraph aligned with Chinese paragraph ``paragraph`` of ``article``."""
    zh = article.paragraphs_zh[paragraph]
    if len(article.paragraphs_en) == len(article.paragraphs_zh):
        return article.paragraphs_en[paragraph]
    for en_text, zh_text in article.paragraph_pairs():
        if zh in zh_text:
            return en_text
    return ""


# ------------------------------------------------------------------------------------------
# Loading and validation
# ------------------------------------------------------------------------------------------

def _parse_note(entry, source: str, seen: dict[str, int],
                item_line: int | None = None) -> TranslationNote:
    def err(reason, line, fld=None):
        return TranslationNoteError(reason, path=source, line=line, field=fld)

    if not isinstance(entry, dict):
        raise err("each note must be a mapping of fields (id: ..., article: ...), found "
                  f"{entry!r}", item_line)
    nid = str(entry.get("id") or "").strip() or "?"
    unknown = sorted(set(entry) - set(REQUIRED_FIELDS))
    if unknown:
        raise err(f"note '{nid}': unknown field '{unknown[0]}'; the fields are "
                  f"{', '.join(REQUIRED_FIELDS)}", entry.key_line(unknown[0]), unknown[0])
    for name in REQUIRED_FIELDS:
        value = entry.get(name)
        missing = value is None or (isinstance(value, str) and not value.strip()
                                    and name != "en_used")
        if missing:
            hint = ' (write en_used: "" when the translation leaves the phrase out)' \
                if name == "en_used" else ""
            raise err(f"note '{nid}' has no '{name}'{hint}; every note needs "
                      f"{', '.join(REQUIRED_FIELDS)}", entry.key_line(name), name)
    if not _ID_RE.match(nid):
        raise err(f"note id '{nid}' should be lower-case words joined by hyphens",
                  entry.key_line("id"), "id")
    if nid in seen:
        raise err(f"note id '{nid}' is used twice (first on line {seen[nid]}); ids must be "
                  "unique", entry.key_line("id"), "id")
    seen[nid] = entry.key_line("id")
    paragraph = entry["paragraph"]
    if isinstance(paragraph, bool) or not isinstance(paragraph, int) or paragraph < 0:
        raise err(f"note '{nid}': paragraph must be a whole number from 0 (the first Chinese "
                  f"body paragraph), found {paragraph!r}", entry.key_line("paragraph"),
                  "paragraph")
    for name in ("article", "zh", "en_used", "comment", "better", "reason"):
        if not isinstance(entry[name], str):
            raise err(f"note '{nid}': {name} must be text, found {entry[name]!r}",
                      entry.key_line(name), name)
    if not has_han(entry["zh"]):
        raise err(f"note '{nid}': zh must be the Chinese phrase, found {entry['zh']!r}",
                  entry.key_line("zh"), "zh")
    return TranslationNote(
        id=nid, article=entry["article"].strip(), paragraph=paragraph, zh=entry["zh"].strip(),
        en_used=entry["en_used"].strip(), comment=" ".join(entry["comment"].split()),
        better=entry["better"].strip(), reason=" ".join(entry["reason"].split()),
        sources=parse_sources(entry, f"note '{nid}'", source, TranslationNoteError),
        line=entry.line,
    )


def _read(path: Path) -> TranslationNotes:
    source, entries = load_entries(path, "notes", TranslationNoteError)
    seen: dict[str, int] = {}
    return TranslationNotes((_parse_note(e, source, seen, line) for e, line in entries), path)


@functools.lru_cache(maxsize=1)
def _default_notes() -> TranslationNotes:
    return _read(data_path("translation_notes.yaml"))


def load_translation_notes(path: str | Path | None = None) -> TranslationNotes:
    """Load and check the translator's notes (default: the kit's file, read once).

    Raises:
        TranslationNoteError: (a ``GlossaryError`` too) naming the file, the line and the
            field of the first malformed note (missing field, duplicate id, bad paragraph,
            no source).

    >>> len(load_translation_notes()) >= 15
    True
    """
    if path is None:
        return _default_notes()
    return _read(Path(path))
