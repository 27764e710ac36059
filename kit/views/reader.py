"""The bilingual reader: one article in Chinese, English, side by side or interlinear.

The work is done by :func:`render_reader_html`, a pure function from an article and the
reader's settings to one self-contained HTML string; :class:`ReaderView` only wires
ipywidgets controls to it. The page works on its own, anywhere HTML is shown:

* its ``<style>`` is ``kit/data/views.css`` (:func:`kit.views.style_block`), scoped under
  ``.kit-view``; no script and no external resource is in it, and all article text is
  escaped;
* every Chinese word is a ``<span class="kit-w" data-card="N" role="button">`` with one
  ``<ruby>`` per character when pinyin is on (:mod:`kit.views.words`); its dictionary card
  is the hidden ``.kit-cards [data-card-id="N"]`` at the end of the page
  (:mod:`kit.views.cards`); English glossary terms are ``<mark data-card="N">``;
* the cards open with ``kit/data/reader.js`` (:func:`kit.views.reader_script`, plain
  JavaScript, installed once per page): click or Enter/Space on a word, Escape / a click
  elsewhere / the pointer leaving closes it; one tab stop per sentence, arrow keys from
  word to word. A page without the script still shows the text, pinyin and level marks.
  In JupyterLab the ReaderView adds the script itself, and the card's star saves the word
  to my words through a hidden text box (``.kit-reader-bridge``).

    >>> import kit
    >>> article = kit.load_corpus()["003_0d759123a74baf35"]
    >>> page = render_reader_html(article, "zh", pinyin=True)
    >>> '<ruby>经<rp>(</rp><rt>jīng</rt><rp>)</rp></ruby><ruby>验<rp>(</rp><rt>yàn</rt>' in page
    True
    >>> "經驗" in render_reader_html(article, "zh", traditional=True)
    True
    >>> render_reader_html(article, "columns")
    Traceback (most recent call last):
    ...
    kit.errors.KitError: unknown reader mode 'columns': use one of 'zh', 'en', 'paragraphs', 'sentences', 'interlinear'
"""

from __future__ import annotations

import json

import ipywidgets as widgets
from IPython.display import HTML

from ..errors import KitError, did_you_mean
from ._html import error_html, reader_script, render_safely, view_html
from .fallback import StaticFallback
from .picker import ArticlePicker
from .prepared import CACHED_ARTICLES, ReaderCache
from .reader_page import (MODE_LABELS, NO_TRANSLATION, PINYIN_NOTICE, TRADITIONAL_NOTICE, Settings,
                          body_html, header_html, no_translation_html, to_traditional)
from .words import WordStyle

__all__ = ["ReaderView", "render_reader_html", "MODES", "ReaderCache", "to_traditional",
           "CACHED_ARTICLES", "clear_caches", "PINYIN_NOTICE", "TRADITIONAL_NOTICE",
           "NO_TRANSLATION", "MAX_LEVEL"]

#: Reading modes: value → label shown on the mode buttons.
MODES = MODE_LABELS
#: The highest HSK level a student may name (levels 7, 8 and 9 are one band).
MAX_LEVEL = 9
#: Font size of the Chinese text, in pixels: the default and the range render accepts.
DEFAULT_SIZE = 18
SIZE_RANGE = (10, 48)
#: An error about an unknown article lists at most this many ids.
LISTED_IDS = 5
#: The range of the view's text-size slider, in pixels.
SLIDER_RANGE = (14, 32)
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
    st = Settings(mode, words, bool(highlight) and glossary is not None)
    if not article.paragraphs_en and mode != "zh":
        st.mode = "zh"
    classes = "kit-reader-page" + (" kit-pinyin-on" if words.pinyin else "") + (
        " kit-tones-on" if words.tones else "")
    body = header_html(article, st) + no_translation_html(article, mode) + body_html(prep, st)
    return view_html(body + prep.cards.html(frozenset(starred)), classes, size=size)


# ------------------------------------------------------------------------------------------
# The widget
# ------------------------------------------------------------------------------------------
class ReaderView(StaticFallback, widgets.VBox):
    """Read an article: pick it, choose a mode, pinyin, levels, terms and traditional forms.

    Controls (attributes): ``article``, ``mode``, ``pinyin``, ``tones``, ``highlight``,
    ``traditional``, ``size``, ``mark_above`` and ``pinyin_above`` (0: off, else an HSK
    level); the page is in ``html``. Set a control's ``.value`` to change the view. Click
    a word (or press Enter on it) for its dictionary card; the card's star adds the word,
    its sentence and the article's citation to *my words* (:func:`kit.add_my_word`).

    Args:
        corpus: the articles (``kit.load_corpus()`` when None).
        glossary: terms to highlight (``kit.load_glossary()`` when None).
        notes: translator's notes (``kit.load_translation_notes()`` when None).
        article: id of the article to open first (the first article when None).
        mode, pinyin, traditional, size: initial settings.
        words_folder: where my words are kept (default: the progress folder).
    """

    def __init__(self, corpus=None, glossary=None, notes=None, *, article: str | None = None,
                 mode: str = "paragraphs", pinyin: bool = False, traditional: bool = False,
                 size: int = DEFAULT_SIZE, words_folder=None):
        from ..corpus import load_corpus
        from ..glossary import load_glossary
        from ..translation_notes import load_translation_notes

        self.corpus = corpus if corpus is not None else load_corpus()
        self.glossary = glossary if glossary is not None else load_glossary()
        self.notes = notes if notes is not None else load_translation_notes()
        self.words_folder = words_folder
        self._cache = ReaderCache()
        self._starred: set | None = None
        ids = list(self.corpus.ids)
        if not ids:
            raise KitError("the corpus has no articles: add article files to seeds/ "
                           "or pass corpus=kit.load_corpus('path/to/articles')")
        if article is not None:
            self._check_article(article)
        _check_mode(mode)
        self.article = ArticlePicker(self.corpus, value=article or ids[0])
        self._make_controls(mode, pinyin, traditional, size)
        self.html = widgets.HTML()
        self.errors = widgets.Output()
        self.bridge = widgets.Text(layout=widgets.Layout(display="none"))
        self.bridge.add_class("kit-reader-bridge")
        self._script = widgets.Output(layout=widgets.Layout(display="none"))
        self._script.append_display_data(HTML(reader_script()))   # runs in JupyterLab
        super().__init__([self.article, self.mode, self._toggles, self._levels, self.html,
                          self.errors, self.bridge, self._script])
        self.add_class("kit-reader")
        for control in self._controls():
            control.observe(self._refresh, names="value")
        self.bridge.observe(self._message, names="value")
        self._refresh()

    def _make_controls(self, mode: str, pinyin: bool, traditional: bool, size: int) -> None:
        wide = widgets.Layout(width="auto")
        self.mode = widgets.ToggleButtons(options=[(label, m) for m, label in MODES.items()],
                                          value=mode, description="Mode",
                                          style={"button_width": "auto"})
        self.pinyin = widgets.Checkbox(value=pinyin, description="Pinyin", indent=False,
                                       layout=wide)
        self.tones = widgets.Checkbox(value=False, description="Tone colours", indent=False,
                                      layout=wide)
        self.highlight = widgets.Checkbox(value=True, description="Glossary terms", indent=False,
                                          layout=wide)
        self.traditional = widgets.Checkbox(value=traditional, indent=False, layout=wide,
                                            description="As printed in 1952 (traditional forms)")
        self.size = widgets.IntSlider(value=size, min=SLIDER_RANGE[0], max=SLIDER_RANGE[1],
                                      step=1, description="Text size", readout_format="d",
                                      layout=widgets.Layout(width="22rem", min_width="18rem"))
        levels = [("off", 0)] + [(f"HSK {n}", n) for n in range(1, 7)]
        self.mark_above = widgets.Dropdown(options=levels, value=0,
                                           description="Mark words above",
                                           style={"description_width": "auto"},
                                           layout=widgets.Layout(width="auto"))
        self.pinyin_above = widgets.Dropdown(
            options=[("every word", 0)] + [(f"words above HSK {n}", n) for n in range(1, 7)],
            value=0, description="Pinyin on", style={"description_width": "auto"},
            layout=widgets.Layout(width="auto"))
        row = widgets.Layout(flex_flow="row wrap", align_items="center")
        self._toggles = widgets.HBox([self.pinyin, self.tones, self.highlight, self.traditional,
                                      self.size], layout=row)
        self._levels = widgets.HBox([self.mark_above, self.pinyin_above], layout=row)

    def _controls(self) -> tuple:
        return (self.article, self.mode, self.pinyin, self.tones, self.highlight,
                self.traditional, self.size, self.mark_above, self.pinyin_above)

    @property
    def starred(self) -> set:
        """The words in my words (read once, then kept up to date by the stars)."""
        if self._starred is None:
            from ..word_list import my_word_set

            self._starred = set(my_word_set(self.words_folder))
        return self._starred

    def render(self) -> str:
        """The HTML of the current settings (what ``html.value`` shows)."""
        return render_reader_html(
            self.corpus[self.article.value], self.mode.value, pinyin=self.pinyin.value,
            glossary=self.glossary, highlight=self.highlight.value, size=self.size.value,
            traditional=self.traditional.value, notes=self.notes, tones=self.tones.value,
            pinyin_above=self.pinyin_above.value or None,
            mark_above=self.mark_above.value or None, starred=self.starred, cache=self._cache)

    def show(self, article_id: str) -> None:
        """Open the article ``article_id``."""
        self._check_article(article_id)
        self.article.value = article_id

    def star(self, word: str, bead: int | None = None, on: bool = True) -> None:
        """What the card's star does: add ``word`` to my words with the sentence of ``bead``
        (and the article's citation), or take it off (``on=False``)."""
        from ..word_list import add_my_word, remove_my_word

        article = self.corpus[self.article.value]
        sentence = ""
        if bead is not None:
            beads = self._cache.prepared(article, self.glossary, self.notes).beads
            if 0 <= bead < len(beads):
                sentence = "".join(beads[bead].zh)
        if on:
            add_my_word(word, article.id, sentence if word in sentence else "",
                        citation=article.citation(), folder=self.words_folder)
            self.starred.add(word)
        elif word in self.starred:
            remove_my_word(word, folder=self.words_folder)
            self.starred.discard(word)

    def static_summary(self) -> str:
        article = self.corpus[self.article.value]
        return f"{article.date.isoformat()} {article.headline} ({MODES[self.mode.value]})"

    def static_html(self) -> str:
        page = self.html.value
        cut = page.find('<div class="kit-cards"')
        return page if cut < 0 else page[:cut] + "</div>"

    def _check_article(self, article_id: str) -> None:
        ids = list(self.corpus.ids)
        if article_id not in ids:
            listed = ", ".join(ids[:LISTED_IDS]) + (", …" if len(ids) > LISTED_IDS else "")
            raise KitError(f"unknown article {article_id!r}"
                           f"{did_you_mean(article_id, ids, style='paren')}: try one of "
                           f"{listed}, or kit.load_corpus().ids")

    def _message(self, change) -> None:
        """A star pressed in the page (reader.js writes JSON into the hidden bridge box)."""
        try:
            message = json.loads(change["new"] or "{}")
        except ValueError:
            return
        if not isinstance(message, dict) or not isinstance(message.get("word"), str):
            return
        with self.errors:
            try:
                bead = message.get("bead")
                self.star(message["word"], bead if isinstance(bead, int) else None,
                          on=message.get("action") == "star")
            except KitError as err:
                self.html.value = error_html(err, "kit-reader-page") + self.html.value

    def _refresh(self, change=None) -> None:
        with self.errors:
            self.html.value = render_safely(self.render, view_class="kit-reader-page")
