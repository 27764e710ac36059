"""The glossary browser: search terms, read a term's card, see every place it occurs.

:func:`filter_terms`, :func:`find_term` and :func:`render_term_card` do the work;
:class:`GlossaryView` wires a search box, a category filter, a result list, related-term
buttons and a "more lines" button to them. The places of a term are found when its card
is opened (:mod:`kit.views.places`), and a card shows :data:`PAGE_SIZE` lines per language
at first, so the view stays quick on a corpus of thousands of articles.

    >>> import kit
    >>> glossary, corpus = kit.load_glossary(), kit.load_corpus()
    >>> [t.zh for t in filter_terms(glossary, "Hao Jianxiu")][:2]
    ['郝建秀', '郝建秀小组']
    >>> card = render_term_card(glossary[filter_terms(glossary, "郝建秀工作法")[0].id],
    ...                         glossary, corpus=corpus)
    >>> 'lang="zh-Hans"' in card and "kit-kwic" in card
    True
"""

from __future__ import annotations

import unicodedata

import ipywidgets as widgets

from ..concordance import kwic
from ..errors import KitError, did_you_mean
from ..text import strip_tones
from ._html import attrs, error_html, esc, render_safely, source_html, view_html
from .fallback import StaticFallback
from .places import CorpusTexts

__all__ = ["GlossaryView", "filter_terms", "find_term", "render_term_card",
           "render_unknown_term_html", "occurrences_by_term", "ALL_CATEGORIES", "PAGE_SIZE",
           "CLOSE_MATCHES"]

#: The category filter's value meaning "every category".
ALL_CATEGORIES = ""

#: Characters of context on each side of a KWIC line, by language.
KWIC_WIDTH = {"zh": 14, "en": 40}
#: Lines shown per language when a card opens; the view's "more" button adds as many again.
PAGE_SIZE = 10
#: How many close matches a message about an unknown term lists.
CLOSE_MATCHES = 5
#: Rows of the result list.
RESULT_ROWS = 8


def filter_terms(glossary, query: str = "", category: str = ALL_CATEGORIES) -> list:
    """The terms matching ``query`` (Chinese, toneless pinyin or English) in ``category``.

    An empty query gives every term; ``category`` ``""`` means every category.
    """
    query = (query or "").strip()
    terms = list(glossary.search(query)) if query else list(glossary)
    if category:
        terms = [t for t in terms if t.category == category]
    return terms


def _pinyin_key(text: str) -> str:
    """Pinyin compared loosely: lower case, no spaces, apostrophes, hyphens or tone digits."""
    return "".join(ch for ch in text.lower() if ch.isalpha())


def find_term(glossary, key: str):
    """The term ``key`` names: its id, a Chinese form, its pinyin (with or without tones,
    spaces or tone numbers) or one of its English forms, exactly; None when none does.

    >>> import kit
    >>> g = kit.load_glossary()
    >>> [find_term(g, key).id for key in ("tuiguang", "推广", "tuīguǎng", "Tui guang")]
    ['tuiguang', 'tuiguang', 'tuiguang', 'tuiguang']
    >>> find_term(g, "Northeast Federation of Trade Unions").zh, find_term(g, "zzz")
    ('东北总工会', None)
    """
    key = unicodedata.normalize("NFC", str(key or "")).strip()
    if not key:
        return None
    term = glossary.get(key)
    if term is not None:
        return term
    lower, toneless = key.lower(), _pinyin_key(strip_tones(key))
    marked = _pinyin_key(key) if strip_tones(key) != key else None
    by_pinyin = [t for t in glossary
                 if toneless and _pinyin_key(strip_tones(t.pinyin)) == toneless]
    candidates = ([t for t in by_pinyin if marked and _pinyin_key(t.pinyin) == marked],
                  by_pinyin,
                  [t for t in glossary if lower in (f.lower() for f in t.en_forms)],
                  [t for t in glossary if t.id == lower])
    return next((found[0] for found in candidates if found), None)


def _close_terms(glossary, key: str) -> list:
    """Terms close to ``key``: the glossary's search first, then similar spellings."""
    close = list(glossary.search(key, limit=CLOSE_MATCHES)) if key.strip() else []
    if len(close) < CLOSE_MATCHES:
        forms = {}
        for term in glossary:
            for form in (term.id, strip_tones(term.pinyin).lower(), *term.zh_forms,
                         *(f.lower() for f in term.en_forms)):
                forms.setdefault(form, term)
        hint = did_you_mean(key.lower(), forms, n=CLOSE_MATCHES, cutoff=0.6)
        for name in hint.split("'")[1::2]:
            if forms[name] not in close:
                close.append(forms[name])
    return close[:CLOSE_MATCHES]


def render_unknown_term_html(glossary, key: str) -> str:
    """The view's message for a term it does not know, with the closest terms it has.

    >>> import kit
    >>> page = render_unknown_term_html(kit.load_glossary(), "tuiguan")
    >>> "No term “tuiguan” in the glossary" in page and "推广" in page
    True
    """
    close = _close_terms(glossary, key)
    listed = "; ".join(f"{t.zh} {t.pinyin} ({t.en}), id '{t.id}'" for t in close)
    advice = (f" Close matches: {listed}." if close else " No term is close to it.")
    return error_html(f"No term “{key}” in the glossary.{advice} Show a term by its id, its "
                      "Chinese, its pinyin or its English: view.show('tuiguang'), "
                      "view.show('推广'), view.show('tuīguǎng'), view.show('promote'); "
                      "or type in the Search box.", "kit-glossary-page")


def occurrences_by_term(glossary, corpus) -> dict:
    """``{term_id: [Occurrence, ...]}`` for every term found in ``corpus`` (computed once).

    This finds every term in every article (slow on a large corpus); a card needs only its
    own term: :meth:`kit.views.places.CorpusTexts.places`.
    """
    found: dict = {}
    if corpus is None:
        return found
    for occ in glossary.find(corpus):
        found.setdefault(occ.term_id, []).append(occ)
    return found


def _source_of(occ, article) -> tuple[str, str] | None:
    """The text an occurrence points into, and how to name the place (``¶2``, ``title``)."""
    zh = occ.lang == "zh"
    if occ.part == "title":
        return (article.headline if zh else article.title_en), "title"
    if occ.part == "column":
        return (article.column_zh if zh else article.column_en), "column"
    paragraphs = article.paragraphs_zh if zh else article.paragraphs_en
    if occ.paragraph is None or not 0 <= occ.paragraph < len(paragraphs):
        return None
    return paragraphs[occ.paragraph], f"¶{occ.paragraph + 1}"


def _kwic_rows(occurrences, corpus, lang: str) -> list[str]:
    rows = []
    for occ in occurrences:
        if occ.lang != lang:
            continue
        try:
            article = corpus[occ.article_id]
        except (KeyError, KitError):
            continue
        found = _source_of(occ, article)
        if found is None or not 0 <= occ.start <= occ.end <= len(found[0] or ""):
            continue
        text, place = found
        left, match, right = kwic(text, occ.start, occ.end, KWIC_WIDTH[lang])
        title = article.headline if lang == "zh" else article.title_en
        lang_attr = "zh-Hans" if lang == "zh" else "en"
        rows.append(
            f'<tr><td class="kit-where"{attrs(title=title)}>'
            f"{esc(article.date.isoformat())} {esc(place)}</td>"
            f'<td class="kit-left" lang="{lang_attr}">{esc(left)}</td>'
            f'<td class="kit-key" lang="{lang_attr}"><strong>{esc(match)}</strong></td>'
            f'<td class="kit-right" lang="{lang_attr}">{esc(right)}</td></tr>')
    return rows


def _by_lang(occurrences) -> dict:
    """``{"zh": [...], "en": [...]}`` from a list of occurrences or from places by language."""
    if isinstance(occurrences, dict):
        return {lang: occurrences.get(lang, ()) for lang in ("zh", "en")}
    occurrences = list(occurrences or ())
    return {lang: [o for o in occurrences if o.lang == lang] for lang in ("zh", "en")}


def _occurrences_html(occurrences, corpus, limit: int | None = PAGE_SIZE) -> str:
    """The card's "In the articles" part: counts, then the first ``limit`` lines per language."""
    if corpus is None:
        return ""
    by_lang = _by_lang(occurrences)
    counts = {lang: len(found) for lang, found in by_lang.items()}
    if not any(counts.values()):
        return ('<h4>In the articles</h4>'
                '<p class="kit-empty">This term does not occur in the articles loaded.</p>')
    out = [f"<h4>In the articles: {counts['zh']:,} in Chinese, {counts['en']:,} in English</h4>"]
    for lang, label in (("zh", "Chinese"), ("en", "English")):
        shown = by_lang[lang] if limit is None else by_lang[lang][:limit]
        rows = _kwic_rows(shown, corpus, lang)
        if not rows:
            continue
        if len(shown) < counts[lang]:
            label += f": the first {len(shown):,} of {counts[lang]:,}"
        out.append(f'<table class="kit-table kit-kwic"><caption>{label}</caption>'
                   f'<tbody>{"".join(rows)}</tbody></table>')
    return "".join(out)


def _related_html(term, glossary) -> str:
    names = []
    for rid in term.related:
        try:
            other = glossary[rid] if glossary is not None else None
        except (KeyError, KitError):
            other = None
        label = (f'<span lang="zh-Hans">{esc(other.zh)}</span> {esc(other.en)}'
                 if other is not None else esc(rid))
        names.append(f'<span class="kit-related"{attrs(data_term=rid)}>{label}</span>')
    return "<dt>Related</dt><dd>" + "; ".join(names) + "</dd>"


def render_term_card(term, glossary=None, occurrences=None, corpus=None, *,
                     limit: int | None = PAGE_SIZE) -> str:
    """The HTML card of one glossary term.

    Args:
        term: a :class:`kit.Term`.
        glossary: the glossary, to name the related terms (ids only when None).
        occurrences: the term's occurrences (a list, or ``{"zh": ..., "en": ...}``); found in
            ``corpus`` when None (:meth:`kit.views.places.CorpusTexts.places`).
        corpus: the articles the occurrences point into (no KWIC lines when None).
        limit: at most this many KWIC lines per language (None: every line); the count
            line always gives the full numbers.

    Returns:
        HTML: Chinese, pinyin, English, category, gloss, note, sources (links where they
        have an http(s) URL, with their kind), related terms and key-word-in-context lines
        in both languages.
    """
    if occurrences is None and corpus is not None:
        occurrences = CorpusTexts(corpus).places(term)
    parts = [f'<article class="kit-card"{attrs(data_term=term.id)}>',
             f'<h3><span lang="zh-Hans">{esc(term.zh)}</span> '
             f'<span class="kit-pinyin" lang="zh-Latn-pinyin">{esc(term.pinyin)}</span></h3>',
             f'<p lang="en"><strong>{esc(term.en)}</strong> '
             f'<span class="kit-tag">{esc(term.category)}</span></p><dl lang="en">']
    if term.variants_zh:
        parts.append('<dt>Also written</dt><dd lang="zh-Hans">'
                     + "、".join(esc(v) for v in term.variants_zh) + "</dd>")
    if term.aliases_en:
        parts.append("<dt>Translated as</dt><dd>"
                     + "; ".join(esc(a) for a in term.aliases_en) + "</dd>")
    if term.gloss:
        parts.append(f"<dt>Gloss</dt><dd>{esc(term.gloss)}</dd>")
    if term.note:
        parts.append(f"<dt>Note</dt><dd>{esc(term.note)}</dd>")
    if term.sources:
        parts.append("<dt>Sources</dt><dd><ul>"
                     + "".join(f"<li>{source_html(s)}</li>" for s in term.sources) + "</ul></dd>")
    if term.related:
        parts.append(_related_html(term, glossary))
    parts.append("</dl>")
    parts.append(_occurrences_html(occurrences or [], corpus, limit))
    parts.append("</article>")
    return "".join(parts)


def render_glossary_html(term, glossary, occurrences=None, corpus=None, *, query: str = "",
                         count: int | None = None, limit: int | None = PAGE_SIZE) -> str:
    """The view's page: a result count line and the card of ``term`` (or a no-result message)."""
    head = ""
    if count is not None:
        shown = f" for “{esc(query)}”" if query else ""
        head = f'<p class="kit-meta">{count} term{"s" if count != 1 else ""}{shown}</p>'
    if term is None:
        what = f"No term matches “{esc(query)}”." if query else "No term in this category."
        return view_html(head + f'<p class="kit-empty">{what} Search in Chinese (经验), '
                         "in pinyin without tones (jingyan) or in English (experience).</p>",
                         "kit-glossary-page")
    return view_html(head + render_term_card(term, glossary, occurrences, corpus, limit=limit),
                     "kit-glossary-page")


def _term_label(term) -> str:
    return f"{term.zh}  {term.pinyin} — {term.en}"


class GlossaryView(StaticFallback, widgets.VBox):
    """Browse the glossary: search (Chinese, toneless pinyin, English), filter, read a card.

    Controls (attributes): ``query`` (search box), ``category`` (filter), ``results`` (the
    matching terms; its value is a term id), ``related`` (buttons that open related terms),
    ``more`` (shows :data:`PAGE_SIZE` more lines of the term in the articles); the card is
    in ``html``. ``view.show("推广")`` opens a term by its id, Chinese, pinyin or English.
    """

    def __init__(self, glossary=None, corpus=None):
        from ..corpus import load_corpus
        from ..glossary import load_glossary

        self.glossary = glossary if glossary is not None else load_glossary()
        self.corpus = corpus if corpus is not None else load_corpus()
        self._texts = None                    # CorpusTexts, built when a card first needs it
        self._places = (None, None)           # (term id, its places): the card shown
        self.limit = PAGE_SIZE
        self.query = widgets.Text(description="Search",
                                  placeholder="经验 · jingyan · experience")
        categories = sorted(self.glossary.categories)
        self.category = widgets.Dropdown(
            options=[("All categories", ALL_CATEGORIES)] + [(c, c) for c in categories],
            description="Category")
        self.results = widgets.Select(rows=RESULT_ROWS, description="Terms",
                                      layout=widgets.Layout(width="auto", min_width="24rem"))
        self._set_options()
        self.related = widgets.HBox([], layout=widgets.Layout(flex_flow="row wrap"))
        self.more = widgets.Button(description="More lines", layout=widgets.Layout(
            width="auto", display="none"), tooltip=f"show {PAGE_SIZE} more lines per language")
        self.more.on_click(lambda _button: self.show_more())
        self.html = widgets.HTML()
        self.errors = widgets.Output()
        super().__init__([widgets.HBox([self.query, self.category]), self.results, self.html,
                          self.more, self.related, self.errors])
        self.add_class("kit-glossary")
        self.query.observe(self._filter, names="value")
        self.category.observe(self._filter, names="value")
        self.results.observe(self._refresh, names="value")
        self._refresh()

    def static_summary(self) -> str:
        term_id = self.results.value
        return _term_label(self.glossary[term_id]) if term_id else "no term chosen"

    def _options(self) -> list:
        terms = filter_terms(self.glossary, self.query.value, self.category.value)
        return [(_term_label(t), t.id) for t in terms]

    def show(self, key: str) -> None:
        """Open the card of a term named by its id, Chinese, pinyin (tones optional) or
        English (clearing the search if it hides that term); an unknown name shows a
        message with the closest terms instead."""
        term = find_term(self.glossary, key)
        if term is None:
            self.html.value = render_unknown_term_html(self.glossary, str(key))
            self.related.children = ()
            self.more.layout.display = "none"
            return
        if term.id not in [value for _, value in self.results.options]:
            self.query.value, self.category.value = "", ALL_CATEGORIES
        if self.results.value == term.id:
            self._refresh()
        self.results.value = term.id

    def show_more(self) -> None:
        """Show :data:`PAGE_SIZE` more lines of the term in the articles, per language."""
        self.limit += PAGE_SIZE
        with self.errors:
            self.html.value = render_safely(self.render, view_class="kit-glossary-page")
            self._update_more()

    def places(self, term_id: str) -> dict:
        """The places of ``term_id`` in the view's corpus (found once per card opened)."""
        if self._places[0] != term_id:
            if self._texts is None:
                self._texts = CorpusTexts(self.corpus)
            self._places = (term_id, self._texts.places(self.glossary[term_id]))
        return self._places[1]

    def render(self) -> str:
        """The HTML of the current selection (what ``html.value`` shows)."""
        term_id = self.results.value
        term = self.glossary[term_id] if term_id else None
        return render_glossary_html(term, self.glossary, self.places(term_id) if term else None,
                                    self.corpus, query=self.query.value,
                                    count=len(self.results.options), limit=self.limit)

    def _filter(self, change=None) -> None:
        with self.errors:
            self._set_options()
            self._refresh()

    def _set_options(self) -> None:
        current, options = self.results.value, self._options()
        self.results.options = options
        ids = [value for _, value in options]
        self.results.value = current if current in ids else (ids[0] if ids else None)

    def _refresh(self, change=None) -> None:
        with self.errors:
            if change is not None and change.get("name") == "value" and change["owner"] is \
                    self.results:
                self.limit = PAGE_SIZE
            self.html.value = render_safely(self.render, view_class="kit-glossary-page")
            self.related.children = self._related_buttons()
            self._update_more()

    def _update_more(self) -> None:
        term_id = self.results.value
        hidden = 0
        if term_id and self._places[0] == term_id:
            hidden = sum(max(0, len(found) - self.limit) for found in self._places[1].values())
        self.more.description = f"Show {PAGE_SIZE} more lines ({hidden:,} not shown)"
        self.more.layout.display = None if hidden else "none"

    def _related_buttons(self) -> list:
        term_id = self.results.value
        if not term_id:
            return []
        buttons = []
        for rid in self.glossary[term_id].related:
            try:
                other = self.glossary[rid]
            except (KeyError, KitError):
                continue
            button = widgets.Button(description=f"→ {other.zh} {other.en}", tooltip=other.gloss,
                                    layout=widgets.Layout(width="auto"))
            button.on_click(lambda _b, rid=rid: self.show(rid))
            buttons.append(button)
        return buttons
