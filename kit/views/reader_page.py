"""The reader's page, piece by piece: sentences, notes, header and the body in each mode.

:func:`kit.views.reader.render_reader_html` puts these together; this module turns the
prepared sentence pairs (:mod:`kit.views.prepared`) into escaped HTML. Chinese sentences are
made of word buttons (:mod:`kit.views.words`) inside glossary-term marks; English sentences
link the terms their aligned Chinese bears out.

    >>> to_traditional("推广先进经验")
    '推廣先進經驗'
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..language import annotate
from ._html import attrs, esc, sources_html, zh_lang
from .prepared import Bead, Prepared, en_term_spans, term_spans
from .words import WordStyle, zh_words_html

__all__ = ["Settings", "to_traditional", "body_html", "header_html", "no_translation_html",
           "PINYIN_NOTICE", "TRADITIONAL_NOTICE", "NO_TRANSLATION", "MODE_LABELS",
           "TRADITIONAL_CACHE_SIZE"]

#: Reading modes: value → label shown on the mode buttons.
MODE_LABELS = {
    "zh": "中文 Chinese",
    "en": "English",
    "paragraphs": "Paragraphs side by side",
    "sentences": "Sentences side by side",
    "interlinear": "Interlinear",
}

#: How many converted texts :func:`to_traditional` remembers (sentences, headlines, notes).
TRADITIONAL_CACHE_SIZE = 8192
PINYIN_NOTICE = ("Pinyin above the characters is Hanyu Pinyin, adopted in February 1958, "
                 "after this article was printed: a modern reading aid, not part of the page.")
NO_TRANSLATION = ("This article has no English translation in the kit: it is shown in Chinese "
                  "only, with pinyin, the dictionary, levels and the glossary.")
TRADITIONAL_NOTICE = ("Traditional forms are converted by OpenCC (s2t), a modern approximation: "
                      "the 1952 paper predates the 1956 simplification, but its type may have "
                      "used variant forms that a modern converter does not reproduce.")


# ------------------------------------------------------------------------------------------
# Text conversions, cached by text (so a re-render never re-segments)
# ------------------------------------------------------------------------------------------
@functools.cache
def _opencc():
    import opencc

    return opencc.OpenCC("s2t")


@functools.lru_cache(maxsize=TRADITIONAL_CACHE_SIZE)
def to_traditional(text: str) -> str:
    """Traditional character forms of simplified ``text`` (OpenCC ``s2t``; an approximation).

    >>> to_traditional("推广先进经验"), to_traditional("东北总工会")
    ('推廣先進經驗', '東北總工會')
    """
    return _opencc().convert(text) if text else text


def _term_tip(term, lang: str) -> str:
    head = term.en if lang == "zh" else f"{term.zh} {term.pinyin}".strip()
    return f"{head} — {term.gloss}" if term.gloss else head


def _open_mark(term, lang: str, card: int | None = None) -> str:
    """A glossary term's ``<mark>``; an English one is itself a button opening the term's card
    (a Chinese one holds word buttons, so it is not one)."""
    tip = _term_tip(term, lang)
    button = "" if card is None else f' data-card="{card}" role="button" tabindex="0"'
    return f'<mark class="kit-term"{attrs(data_term=term.id, title=tip)}{button}>'


def _snap(spans, bounds):
    """Widen term spans to token boundaries (a word cannot be split) and merge overlaps."""
    starts = [b[0] for b in bounds]
    out = []
    for s, e, term in spans:
        s2 = max((b for b in starts if b <= s), default=0)
        e2 = min((b[1] for b in bounds if b[1] >= e), default=e)
        if out and s2 < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e2), out[-1][2])
        else:
            out.append((s2, e2, term))
    return out


def _shown(text: str, traditional: bool) -> str:
    """The characters shown for ``text``, as long as ``text`` (traditional forms if asked)."""
    if not traditional:
        return text
    shown = to_traditional(text)
    if len(shown) != len(text):          # a phrase changed length: convert one by one
        shown = "".join(c if len(t) != 1 else t for c, t in ((c, to_traditional(c)) for c in text))
    return shown


def _zh_html(text: str, prep: Prepared, st: "Settings") -> str:
    """One Chinese sentence: word buttons (with per-character pinyin) inside term marks."""
    key = ("zh", text, st.words, st.highlight)
    cached = prep.pieces.get(key)
    if cached is not None:
        return cached
    bounds, pos = [], 0
    for token, _ in annotate(text):      # cached per text in kit.language
        bounds.append((pos, pos + len(token)))
        pos += len(token)
    spans = _snap(term_spans(text, "zh", prep), bounds) if st.highlight else []
    term_at = {}
    for s, e, term in spans:
        term_at.update({b[0]: term for b in bounds if s <= b[0] < e})
    tokens = zh_words_html(
        text, _shown(text, st.traditional), st.words,
        lambda word, at: prep.cards.word_card(word, text, at, term_at.get(at)))
    opens = {s: term for s, _, term in spans}
    closes = {e for _, e, _ in spans}
    out = []
    for a, b, piece in tokens:
        if a in opens:
            out.append(_open_mark(opens[a], "zh"))
        out.append(piece)
        if b in closes:
            out.append("</mark>")
    result = "".join(out)
    prep.pieces[key] = result
    return result


def _en_html(text: str, prep: Prepared, *, highlight: bool, zh: str) -> str:
    """One English sentence; ``zh`` is its aligned Chinese (terms link only when it agrees)."""
    key = ("en", text, highlight, zh)
    cached = prep.pieces.get(key)
    if cached is not None:
        return cached
    out, pos = [], 0
    for s, e, term in (en_term_spans(text, zh, prep) if highlight else []):
        out.append(esc(text[pos:s]))
        card = prep.cards.term_card(term)
        out.append(_open_mark(term, "en", card) + esc(text[s:e]) + "</mark>")
        pos = e
    out.append(esc(text[pos:]))
    result = "".join(out)
    prep.pieces[key] = result
    return result


# ------------------------------------------------------------------------------------------
# Blocks
# ------------------------------------------------------------------------------------------
@dataclass
class Settings:
    """What one render shows: its mode, how words are shown, whether terms are marked."""

    mode: str
    words: WordStyle
    highlight: bool

    @property
    def pinyin(self) -> bool:
        return self.words.pinyin

    @property
    def traditional(self) -> bool:
        return self.words.traditional

    @property
    def lang_zh(self) -> str:
        return zh_lang(self.traditional)


def _note_marks(prep: Prepared, bead: Bead) -> str:
    numbers = [n for n, _ in prep.notes_by_bead.get(bead.index, [])]
    if not numbers:
        return ""
    label = " ".join(f"†{n}" for n in numbers)
    return (f'<sup class="kit-note-mark" title="translator\'s note {esc(label)}">'
            f"{esc(label)}</sup>")


def _bead_html(prep, bead, st: Settings, lang: str, *, marks=True) -> str:
    """One bead's sentences in ``lang`` as a ``kit-s`` span (with its note marks)."""
    if lang == "zh":
        text = "".join(_zh_html(s, prep, st) for s in bead.zh)
    else:
        zh = "".join(bead.zh)
        text = " ".join(_en_html(s, prep, highlight=st.highlight, zh=zh) for s in bead.en)
    cls = "kit-s kit-has-note" if bead.index in prep.notes_by_bead else "kit-s"
    mark = _note_marks(prep, bead) if marks else ""
    return f'<span class="{cls}" data-bead="{bead.index}">{text}</span>{mark}'


def _join_en(parts) -> str:
    return " ".join(p for p in parts if p)


def _asides(prep: Prepared, beads, st: Settings) -> str:
    out = []
    for bead in beads:
        for number, note in prep.notes_by_bead.get(bead.index, []):
            out.append(_note_html(number, note, st))
    return "".join(out)


def _note_html(number: int, note, st: Settings) -> str:
    """One note as an ``<aside>``: a summary line that is always shown, details on a click."""
    zh_shown = to_traditional(note.zh) if st.traditional else note.zh
    summary = [f'<span class="kit-note-mark">†{number}</span> <strong>Translator\'s note</strong>'
               f' on <span lang="{st.lang_zh}">{esc(zh_shown)}</span>: ']
    summary.append(f"the translation has “{esc(note.en_used)}”" if note.en_used
                   else "the translation leaves it out")
    if note.better:
        summary.append(f"; better: “{esc(note.better)}”")
    details = []
    if note.comment:
        details.append(f"<p>{esc(note.comment)}</p>")
    if note.reason:
        details.append(f"<p><em>Why:</em> {esc(note.reason)}</p>")
    if note.sources:
        details.append(f'<p class="kit-sources">Sources: {sources_html(note.sources)}</p>')
    return (f'<aside class="kit-note" lang="en"{attrs(data_note=note.id)}><details>'
            f'<summary>{"".join(summary)}</summary>{"".join(details)}</details></aside>')


def header_html(article, st: Settings) -> str:
    conv = to_traditional if st.traditional else (lambda s: s)
    lz = st.lang_zh
    headline = article.headline_zh or (article.title_zh,)
    lines = "".join(f"<span>{esc(conv(line))}</span>" for line in headline)
    meta = [esc(article.date.isoformat()),
            f'<span lang="{lz}">{esc(conv("人民日报"))}</span> (People\'s Daily)',
            f'<span lang="{lz}">{esc(conv(f"第{article.page}版"))}</span> '
            f"page {esc(article.page)}"]
    if article.section:
        meta.append(f'<span lang="{lz}">{esc(conv(article.section))}</span>')
    if article.column_zh or article.column_en:
        col = f'column <span lang="{lz}">{esc(conv(article.column_zh))}</span>'
        if article.column_en:
            col += f' <span lang="en">({esc(article.column_en)})</span>'
        meta.append(col)
    author = ""
    if article.author_zh or article.author_en:
        author = (f'<p class="kit-meta">By <span lang="{lz}">{esc(conv(article.author_zh))}</span>'
                  f' <span lang="en">{esc(article.author_en)}</span></p>')
    notices = []
    if st.pinyin and st.mode != "en":
        notices.append(f'<p class="kit-notice kit-pinyin-notice">{esc(PINYIN_NOTICE)}</p>')
    if st.traditional and st.mode != "en":
        notices.append('<p class="kit-notice kit-traditional-notice">'
                       f"{esc(TRADITIONAL_NOTICE)}</p>")
    return (f'<header class="kit-header">'
            f'<p class="kit-meta">{" · ".join(meta)}</p>'
            f'<h2 class="kit-headline" lang="{lz}">{lines}</h2>'
            f'<p class="kit-title-en" lang="en"><em>{esc(article.title_en)}</em></p>{author}'
            f'<p class="kit-citation">Cite as: {esc(article.citation("chicago"))}</p>'
            f'{"".join(notices)}</header>')


def _grid_pair(attributes: str, zh: str, en: str, lang_zh: str) -> str:
    """One row of the side-by-side grid: already-safe Chinese and English HTML."""
    return (f'<div class="kit-pair"{attributes}><div class="kit-cell kit-zh" lang="{lang_zh}">{zh}'
            f'</div><div class="kit-cell kit-en" lang="en">{en}</div></div>')


def body_html(prep: Prepared, st: Settings) -> str:
    lz = st.lang_zh
    if not prep.beads:
        return '<p class="kit-empty">This article has no body text.</p>'
    out = []
    if st.mode in ("zh", "en"):
        for number, beads in enumerate(prep.paragraphs):
            if st.mode == "zh":
                body = "".join(_bead_html(prep, b, st, "zh") for b in beads if b.zh)
                out.append(f'<p class="kit-zh" lang="{lz}" data-paragraph="{number}">{body}</p>')
            else:
                body = _join_en(_bead_html(prep, b, st, "en") for b in beads if b.en)
                out.append(f'<p class="kit-en" lang="en" data-paragraph="{number}">{body}</p>')
            out.append(_asides(prep, beads, st))
        return f'<div class="kit-body kit-mode-{st.mode}">{"".join(out)}</div>'
    if st.mode in ("paragraphs", "sentences"):   # side by side: one grid row per pair
        out.append('<div class="kit-colhead">中文 (original)</div>'
                   '<div class="kit-colhead">English (translation)</div>')
        for number, beads in enumerate(prep.paragraphs):
            pnum = f'<span class="kit-pnum" lang="en">¶{number + 1}</span>'
            if st.mode == "paragraphs":
                zh = "".join(_bead_html(prep, b, st, "zh") for b in beads if b.zh)
                en = _join_en(_bead_html(prep, b, st, "en") for b in beads if b.en)
                out.append(_grid_pair(attrs(data_paragraph=number), pnum + zh, en, lz))
                out.append(_asides(prep, beads, st))
            else:
                for k, bead in enumerate(beads):
                    why = f"paired by: {bead.evidence}" if bead.evidence else None
                    zh = (pnum if k == 0 else "") + _bead_html(prep, bead, st, "zh")
                    out.append(_grid_pair(attrs(data_bead=bead.index, title=why), zh,
                                          _bead_html(prep, bead, st, "en"), lz))
                    out.append(_asides(prep, [bead], st))
        return f'<div class="kit-body kit-grid kit-mode-{st.mode}">{"".join(out)}</div>'
    # interlinear
    for number, beads in enumerate(prep.paragraphs):
        out.append(f'<p class="kit-pnum" lang="en">¶{number + 1}</p>')
        for bead in beads:
            out.append(f'<div class="kit-inter kit-pair" data-bead="{bead.index}">'
                       f'<div class="kit-cell kit-zh" lang="{lz}">'
                       f'{_bead_html(prep, bead, st, "zh")}</div>'
                       f'<div class="kit-cell kit-en" lang="en">'
                       f'{_bead_html(prep, bead, st, "en", marks=False)}</div></div>')
            out.append(_asides(prep, [bead], st))
    return f'<div class="kit-body kit-mode-interlinear">{"".join(out)}</div>'


def no_translation_html(article, mode: str) -> str:
    """A visible note when an article has no English (it is shown in Chinese whatever the mode)."""
    if article.paragraphs_en:
        return ""
    return (f'<p class="kit-notice kit-no-translation" role="note">{esc(NO_TRANSLATION)}'
            + (f" (asked for: {esc(MODE_LABELS[mode])})" if mode != "zh" else "") + "</p>")
