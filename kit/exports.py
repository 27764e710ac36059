"""Exports of the glossary for use outside the notebooks: CSV, an Anki deck, a printable handout.

The glossary (:mod:`kit.glossary`) holds the data and answers queries; this module turns
them into files a student or an instructor takes away::

    >>> import kit
    >>> glossary = kit.load_glossary()
    >>> page = handout_html(glossary, kit.load_corpus()["003_0d759123a74baf35"])
    >>> page.startswith("<!DOCTYPE html>"), "增产节约运动" in page
    (True, True)
    >>> ANKI_DECK_ID == glossary_deck_id()         # fixed: re-importing updates the cards
    True
"""

from __future__ import annotations

import functools
import hashlib
import html
from pathlib import Path

from ._data import data_path
from .errors import KitError

__all__ = ["glossary_to_csv", "glossary_to_anki", "handout_html", "handout_css",
           "glossary_deck_id", "ANKI_DECK_ID", "ANKI_MODEL_ID"]

#: The namespace of the deck's ids and of each note's GUID. Never change it: Anki recognises
#: a re-imported card by its GUID, so a new namespace would duplicate every card.
ANKI_NAMESPACE = "kit.glossary.anki/v1"
#: Hex digits of the SHA-1 of the namespace kept for an Anki id (32 bits fit Anki's ids).
_ID_HEX_DIGITS = 8


def _stable_id(kind: str) -> int:
    digest = hashlib.sha1(f"{ANKI_NAMESPACE}:{kind}".encode()).hexdigest()
    return int(digest[:_ID_HEX_DIGITS], 16)


def glossary_deck_id() -> int:
    """The Anki deck id of the glossary (the same in every export)."""
    return _stable_id("deck")


ANKI_DECK_ID = glossary_deck_id()
ANKI_MODEL_ID = _stable_id("model")

ANKI_DECK_NAME = "Kit glossary: 1950s labour emulation (人民日报 1952)"
ANKI_FIELDS = ("Chinese", "Pinyin", "English", "Gloss", "Note", "ExampleZh", "ExampleEn",
               "Citation", "Category", "Id")
ANKI_FRONT = "<div class='zh' lang='zh-Hans'>{{Chinese}}</div><div class='py'>{{Pinyin}}</div>"
ANKI_BACK = ("{{FrontSide}}<hr id='answer'><div class='en' lang='en'>{{English}}</div>"
             "<div class='cat'>{{Category}}</div><p lang='en'>{{Gloss}}</p>"
             "<p class='note' lang='en'>{{Note}}</p>"
             "{{#ExampleZh}}<div class='ex'><p lang='zh-Hans'>{{ExampleZh}}</p>"
             "<p lang='en'>{{ExampleEn}}</p><p class='cite'>{{Citation}}</p></div>{{/ExampleZh}}")
ANKI_CSS = (".card { font-family: sans-serif; font-size: 18px; text-align: center; }"
            ".zh { font-size: 40px; } .py { font-size: 22px; font-style: italic; }"
            ".en { font-size: 24px; font-weight: bold; } .cat { font-size: 12px; color: #666; }"
            ".note, .ex { font-size: 15px; text-align: left; } .cite { font-size: 12px; color: #555; }")


def glossary_to_csv(glossary, path: str | Path) -> Path:
    """Write the glossary's table as UTF-8 CSV with a BOM (Excel shows the Chinese); see
    :meth:`kit.glossary.Glossary.to_csv`. Returns the path."""
    return glossary.to_csv(path)


def _anki_model():
    import genanki

    return genanki.Model(ANKI_MODEL_ID, "Kit glossary term (Chinese → English)",
                         fields=[{"name": n} for n in ANKI_FIELDS],
                         templates=[{"name": "Chinese → English", "qfmt": ANKI_FRONT,
                                     "afmt": ANKI_BACK}],
                         css=ANKI_CSS)


def glossary_to_anki(glossary, path: str | Path, corpus=None) -> Path:
    """Write an Anki deck (.apkg) of the glossary and return its path.

    Chinese and pinyin are on the front; English, gloss, note, a first example in both
    languages (from ``corpus``, default the project's seeds) and its citation on the back.
    The deck and note-type ids are fixed and each note's GUID comes from its term id, so
    importing a newer deck updates the cards instead of duplicating them. Every field is
    HTML-escaped.
    """
    import genanki

    e = html.escape
    examples = glossary.examples(corpus)
    model = _anki_model()
    deck = genanki.Deck(ANKI_DECK_ID, ANKI_DECK_NAME)
    for t in glossary:
        zh, en, cite = examples.get(t.id, ("", "", ""))
        fields = [t.zh, t.pinyin, t.en, t.gloss, t.note, zh, en, cite, t.category, t.id]
        deck.add_note(genanki.Note(model=model, fields=[e(f) for f in fields],
                                   guid=genanki.guid_for(ANKI_NAMESPACE, t.id),
                                   tags=["kit-glossary", t.category]))
    path = Path(path)
    genanki.Package(deck).write_to_file(str(path))
    return path


@functools.cache
def handout_css() -> str:
    """The style sheet of the handout (``kit/data/handout.css``), read once."""
    return data_path("handout.css").read_text(encoding="utf-8")


def _handout_row(n: int, use) -> str:
    e, t = html.escape, use.term
    context = ""
    if use.zh:
        context += f"<div class='context' lang='zh-Hans'>{e(use.zh)}</div>"
    if use.en:
        context += f"<div class='context' lang='en'>{e(use.en)}</div>"
    return (f"<tr><td>{n}</td><td class='zh' lang='zh-Hans'>{e(t.zh)}</td>"
            f"<td class='py' lang='zh-Latn-pinyin'>{e(t.pinyin)}</td>"
            f"<td lang='en'><b>{e(t.en)}</b><div class='cat'>{e(t.category)}</div></td>"
            f"<td lang='en'>{e(t.gloss)}{context}</td></tr>")


def handout_html(glossary, article) -> str:
    """A printable, standalone HTML vocabulary sheet for one article.

    Lists the article's terms in order of first appearance (Chinese text first, then
    English; see :meth:`kit.glossary.Glossary.first_uses`), each with pinyin, English,
    gloss and the sentence where it first occurs. All text is HTML-escaped.
    """
    if not (hasattr(article, "paragraphs_zh") and hasattr(article, "paragraphs_en")):
        raise KitError(f"handout_html() takes one article, got {type(article).__name__}")
    e = html.escape
    uses = glossary.first_uses(article)
    rows = "\n".join(_handout_row(n, use) for n, use in enumerate(uses, 1)) \
        or "<tr><td colspan='5'>No glossary terms found in this article.</td></tr>"
    return (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        f"<title>Vocabulary: {e(article.title_en or article.headline)}</title>\n"
        f"<style>\n{handout_css()}</style>\n</head>\n<body>\n<header>\n"
        f"<h1 lang='zh-Hans'>{e(article.headline)}</h1>\n"
        f"<p class='title-en' lang='en'>{e(article.title_en)}</p>\n"
        f"<p class='citation'>{e(article.citation())}</p>\n</header>\n"
        f"<h2>Vocabulary ({len(uses)} terms, in order of first appearance)</h2>\n"
        "<table>\n<thead><tr><th>#</th><th>Chinese</th><th>Pinyin</th><th>English</th>"
        "<th>Meaning and first use</th></tr></thead>\n<tbody>\n"
        f"{rows}\n</tbody>\n</table>\n"
        "<footer>Glossary entries, with their sources, are in the teaching kit "
        "(kit/data/glossary.yaml; <code>kit.load_glossary()</code>).</footer>\n"
        "</body>\n</html>\n")
