"""The bilingual reader: one article in Chinese, English, side by side or interlinear.

The work is done by :func:`render_reader_html`, a pure function from an article and the
reader's settings to HTML; :class:`ReaderView` only wires ipywidgets controls to it.

    >>> import kit
    >>> article = kit.load_corpus()["003_0d759123a74baf35"]
    >>> page = render_reader_html(article, "zh", pinyin=True)
    >>> '<ruby>经验<rp>(</rp><rt>jīngyàn</rt><rp>)</rp></ruby>' in page
    True
    >>> "經驗" in render_reader_html(article, "zh", traditional=True)
    True
    >>> render_reader_html(article, "columns")
    Traceback (most recent call last):
    ...
    kit.errors.KitError: unknown reader mode 'columns': use one of 'zh', 'en', 'paragraphs', 'sentences', 'interlinear'
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import ipywidgets as widgets

from ..errors import KitError, did_you_mean
from ..language import annotate
from ._html import attrs, esc, render_safely, sources_html, view_html, zh_lang
from .picker import ArticlePicker
from .prepared import CACHED_ARTICLES, Bead, Prepared, ReaderCache, en_term_spans, term_spans
from .words import WordStyle, zh_words_html

__all__ = ["ReaderView", "render_reader_html", "MODES", "ReaderCache", "to_traditional",
           "CACHED_ARTICLES", "clear_caches"]

#: Reading modes: value → label shown on the mode buttons.
MODES = {
    "zh": "中文 Chinese",
    "en": "English",
    "paragraphs": "Paragraphs side by side",
    "sentences": "Sentences side by side",
    "interlinear": "Interlinear",
}

#: Font size of the Chinese text, in pixels: the default and the range render accepts.
DEFAULT_SIZE = 18
SIZE_RANGE = (10, 48)
#: An error about an unknown article lists at most this many ids.
LISTED_IDS = 5
#: The range of the view's text-size slider, in pixels.
SLIDER_RANGE = (14, 32)
#: How many converted texts :func:`to_traditional` remembers (sentences, headlines, notes).
TRADITIONAL_CACHE_SIZE = 8192
PINYIN_NOTICE = ("Pinyin above the characters is Hanyu Pinyin, adopted in February 1958, "
                 "after this article was printed: a modern reading aid, not part of the page.")
NO_TRANSLATION = ("This article has no English translation in the kit: it is shown in Chinese "
                  "only, with pinyin, the dictionary, levels and the glossary.")
#: The highest HSK level a student may name (levels 7, 8 and 9 are one band).
MAX_LEVEL = 9
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


def _zh_html(text: str, prep: Prepared, st: "_Settings") -> str:
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
class _Settings:
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


def _bead_html(prep, bead, st: _Settings, lang: str, *, marks=True) -> str:
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


def _asides(prep: Prepared, beads, st: _Settings) -> str:
    out = []
    for bead in beads:
        for number, note in prep.notes_by_bead.get(bead.index, []):
            out.append(_note_html(number, note, st))
    return "".join(out)


def _note_html(number: int, note, st: _Settings) -> str:
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


def _header_html(article, st: _Settings) -> str:
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


def _body_html(prep: Prepared, st: _Settings) -> str:
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


#: The cache of render_reader_html when it is given none (a view has its own).
_DEFAULT_CACHE = ReaderCache()


def clear_caches() -> None:
    """Forget prepared articles and converted texts (tests; after editing the data)."""
    _DEFAULT_CACHE.clear()
    to_traditional.cache_clear()


def _check_mode(mode: str) -> None:
    if mode not in MODES:
        raise KitError(f"unknown reader mode {mode!r}: use one of "
                       + ", ".join(repr(m) for m in MODES))


def _check_level(name: str, level) -> int | None:
    if level is None:
        return None
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= MAX_LEVEL:
        raise KitError(f"{name} must be an HSK level from 1 to {MAX_LEVEL}, or None for none, "
                       f"not {level!r}; e.g. render_reader_html(article, {name}=3)")
    return level


def render_reader_html(article, mode: str = "paragraphs", *, pinyin: bool = False,
                       glossary=None, highlight: bool = True, size: int = DEFAULT_SIZE,
                       traditional: bool = False, notes=None, tones: bool = False,
                       pinyin_above: int | None = None, mark_above: int | None = None,
                       starred=frozenset(), cache: ReaderCache | None = None) -> str:
    """The reader's HTML for one article: a pure function of its arguments.

    Args:
        article: a :class:`kit.Article` (one with no English shows its Chinese, with a note).
        mode: ``"zh"``, ``"en"``, ``"paragraphs"`` (side by side), ``"sentences"`` (side by
            side, sentence by sentence; hovering one side outlines the other) or
            ``"interlinear"`` (each Chinese sentence with its English below).
        pinyin: Hanyu Pinyin, one syllable over each character (:mod:`kit.views.words`).
        glossary: a :class:`kit.Glossary` whose terms are highlighted (None: no highlights).
        highlight: highlight glossary terms (when a glossary is given).
        size: font size of the Chinese text in pixels (English is 90% of it).
        traditional: show traditional character forms ("as printed in 1952", via OpenCC).
        notes: translator's notes (``kit.load_translation_notes()``), marked † where they apply.
        tones: colour syllables and characters by tone (with pinyin; the marks stay).
        pinyin_above: with pinyin, show it only on words above this HSK level (1–9).
        mark_above: underline the words above this HSK level (1–9; words outside HSK too).
        starred: the words in my words (their cards' star is on).
        cache: where per-article work is kept (the module's default cache when None).

    Returns:
        A self-contained HTML string (its ``<style>``, no script): every Chinese word is a
        ``.kit-w`` button with ``data-card``, whose card is in the hidden ``.kit-cards``
        block; ``kit/data/reader.js`` (:func:`kit.views.reader_script`) opens the cards
        and moves the keyboard from word to word. All article text is escaped.

    Raises:
        KitError: for an unknown mode, a size outside :data:`SIZE_RANGE` (10–48) or a level
        outside 1–9.
    """
    _check_mode(mode)
    low, high = SIZE_RANGE
    if not low <= int(size) <= high:
        raise KitError(f"text size {size!r} is outside {low}–{high} pixels; "
                       f"try size={DEFAULT_SIZE}")
    words = WordStyle(bool(pinyin), bool(tones) and bool(pinyin),
                      _check_level("pinyin_above", pinyin_above),
                      _check_level("mark_above", mark_above), bool(traditional))
    prep = (cache or _DEFAULT_CACHE).prepared(article, glossary, notes)
    st = _Settings(mode, words, bool(highlight) and glossary is not None)
    if not article.paragraphs_en and mode != "zh":
        st.mode = "zh"
    classes = "kit-reader-page" + (" kit-pinyin-on" if words.pinyin else "") + (
        " kit-tones-on" if words.tones else "")
    body = _header_html(article, st) + _no_translation_html(article, mode) + _body_html(prep, st)
    return view_html(body + prep.cards.html(frozenset(starred)), classes, size=size)


def _no_translation_html(article, mode: str) -> str:
    """A visible note when an article has no English (it is shown in Chinese whatever the mode)."""
    if article.paragraphs_en:
        return ""
    return (f'<p class="kit-notice kit-no-translation" role="note">{esc(NO_TRANSLATION)}'
            + (f" (asked for: {esc(MODES[mode])})" if mode != "zh" else "") + "</p>")


# ------------------------------------------------------------------------------------------
# The widget
# ------------------------------------------------------------------------------------------
class ReaderView(widgets.VBox):
    """Read an article: pick it, choose a mode, turn pinyin, terms and traditional forms on.

    Controls (attributes): ``article``, ``mode``, ``pinyin``, ``highlight``, ``traditional``,
    ``size``; the page is in ``html``. Set a control's ``.value`` to change the view.

    Args:
        corpus: the articles (``kit.load_corpus()`` when None).
        glossary: terms to highlight (``kit.load_glossary()`` when None).
        notes: translator's notes (``kit.load_translation_notes()`` when None).
        article: id of the article to open first (the first article when None).
        mode, pinyin, traditional, size: initial settings.
    """

    def __init__(self, corpus=None, glossary=None, notes=None, *, article: str | None = None,
                 mode: str = "paragraphs", pinyin: bool = False, traditional: bool = False,
                 size: int = DEFAULT_SIZE):
        from ..corpus import load_corpus
        from ..glossary import load_glossary
        from ..translation_notes import load_translation_notes

        self.corpus = corpus if corpus is not None else load_corpus()
        self.glossary = glossary if glossary is not None else load_glossary()
        self.notes = notes if notes is not None else load_translation_notes()
        self._cache = ReaderCache()
        ids = list(self.corpus.ids)
        if not ids:
            raise KitError("the corpus has no articles: add article files to seeds/ "
                           "or pass corpus=kit.load_corpus('path/to/articles')")
        if article is not None:
            self._check_article(article)
        _check_mode(mode)
        self.article = ArticlePicker(self.corpus, value=article or ids[0])
        self.mode = widgets.ToggleButtons(options=[(label, m) for m, label in MODES.items()],
                                          value=mode, description="Mode")
        self.pinyin = widgets.Checkbox(value=pinyin, description="Pinyin", indent=False)
        self.highlight = widgets.Checkbox(value=True, description="Glossary terms", indent=False)
        self.traditional = widgets.Checkbox(value=traditional, indent=False,
                                            description="As printed in 1952 (traditional forms)")
        self.size = widgets.IntSlider(value=size, min=SLIDER_RANGE[0], max=SLIDER_RANGE[1],
                                      step=1, description="Text size", readout_format="d")
        self.html = widgets.HTML()
        self.errors = widgets.Output()
        toggles = widgets.HBox([self.pinyin, self.highlight, self.traditional, self.size])
        super().__init__([self.article, self.mode, toggles, self.html, self.errors])
        self.add_class("kit-reader")
        for control in (self.article, self.mode, self.pinyin, self.highlight, self.traditional,
                        self.size):
            control.observe(self._refresh, names="value")
        self._refresh()

    def render(self) -> str:
        """The HTML of the current settings (what ``html.value`` shows)."""
        return render_reader_html(
            self.corpus[self.article.value], self.mode.value, pinyin=self.pinyin.value,
            glossary=self.glossary, highlight=self.highlight.value, size=self.size.value,
            traditional=self.traditional.value, notes=self.notes, cache=self._cache)

    def show(self, article_id: str) -> None:
        """Open the article ``article_id``."""
        self._check_article(article_id)
        self.article.value = article_id

    def _check_article(self, article_id: str) -> None:
        ids = list(self.corpus.ids)
        if article_id not in ids:
            listed = ", ".join(ids[:LISTED_IDS]) + (", …" if len(ids) > LISTED_IDS else "")
            raise KitError(f"unknown article {article_id!r}"
                           f"{did_you_mean(article_id, ids, style='paren')}: try one of "
                           f"{listed}, or kit.load_corpus().ids")

    def _refresh(self, change=None) -> None:
        with self.errors:
            self.html.value = render_safely(self.render, view_class="kit-reader-page")
