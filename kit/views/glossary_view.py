"""The glossary browser: search terms, read a term's card, see every place it occurs.

:func:`filter_terms` and :func:`render_term_card` do the work; :class:`GlossaryView` wires
a search box, a category filter, a result list and related-term buttons to them.

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

import ipywidgets as widgets

from ..concordance import kwic
from ..errors import KitError
from ._html import attrs, esc, render_safely, source_html, view_html

__all__ = ["GlossaryView", "filter_terms", "render_term_card", "occurrences_by_term",
           "ALL_CATEGORIES"]

#: The category filter's value meaning "every category".
ALL_CATEGORIES = ""

#: Characters of context on each side of a KWIC line, by language.
KWIC_WIDTH = {"zh": 14, "en": 40}


def filter_terms(glossary, query: str = "", category: str = ALL_CATEGORIES) -> list:
    """The terms matching ``query`` (Chinese, toneless pinyin or English) in ``category``.

    An empty query gives every term; ``category`` ``""`` means every category.
    """
    query = (query or "").strip()
    terms = list(glossary.search(query)) if query else list(glossary)
    if category:
        terms = [t for t in terms if t.category == category]
    return terms


def occurrences_by_term(glossary, corpus) -> dict:
    """``{term_id: [Occurrence, ...]}`` for every term found in ``corpus`` (computed once)."""
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


def _occurrences_html(occurrences, corpus) -> str:
    if corpus is None:
        return ""
    zh_rows = _kwic_rows(occurrences, corpus, "zh")
    en_rows = _kwic_rows(occurrences, corpus, "en")
    if not zh_rows and not en_rows:
        return ('<h4>In the articles</h4>'
                '<p class="kit-empty">This term does not occur in the articles loaded.</p>')
    out = [f"<h4>In the articles: {len(zh_rows)} in Chinese, {len(en_rows)} in English</h4>"]
    for label, rows in (("Chinese", zh_rows), ("English", en_rows)):
        if rows:
            out.append(f'<table class="kit-table kit-kwic"><caption>{label}</caption>'
                       f'<tbody>{"".join(rows)}</tbody></table>')
    return "".join(out)


def render_term_card(term, glossary=None, occurrences=None, corpus=None) -> str:
    """The HTML card of one glossary term.

    Args:
        term: a :class:`kit.Term`.
        glossary: the glossary, to name the related terms (ids only when None).
        occurrences: the term's occurrences; found with ``glossary.find(corpus)`` when None.
        corpus: the articles the occurrences point into (no KWIC lines when None).

    Returns:
        HTML: Chinese, pinyin, English, category, gloss, note, sources (links where they
        have an http(s) URL), related terms and key-word-in-context lines in both languages.
    """
    if occurrences is None and glossary is not None:
        occurrences = occurrences_by_term(glossary, corpus).get(term.id)
    occurrences = occurrences or []
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
        names = []
        for rid in term.related:
            try:
                other = glossary[rid] if glossary is not None else None
            except (KeyError, KitError):
                other = None
            label = (f'<span lang="zh-Hans">{esc(other.zh)}</span> {esc(other.en)}'
                     if other is not None else esc(rid))
            names.append(f'<span class="kit-related"{attrs(data_term=rid)}>{label}</span>')
        parts.append("<dt>Related</dt><dd>" + "; ".join(names) + "</dd>")
    parts.append("</dl>")
    parts.append(_occurrences_html(occurrences, corpus))
    parts.append("</article>")
    return "".join(parts)


def render_glossary_html(term, glossary, occurrences=None, corpus=None, *, query: str = "",
                         count: int | None = None) -> str:
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
    return view_html(head + render_term_card(term, glossary, occurrences, corpus),
                     "kit-glossary-page")


def _term_label(term) -> str:
    return f"{term.zh}  {term.pinyin} — {term.en}"


class GlossaryView(widgets.VBox):
    """Browse the glossary: search (Chinese, toneless pinyin, English), filter, read a card.

    Controls (attributes): ``query`` (search box), ``category`` (filter), ``results`` (the
    matching terms; its value is a term id), ``related`` (buttons that open related terms);
    the card is in ``html``.
    """

    def __init__(self, glossary=None, corpus=None):
        import kit

        self.glossary = glossary if glossary is not None else kit.load_glossary()
        self.corpus = corpus if corpus is not None else kit.load_corpus()
        self._occurrences = occurrences_by_term(self.glossary, self.corpus)
        self.query = widgets.Text(description="Search",
                                  placeholder="经验 · jingyan · experience")
        categories = sorted(self.glossary.categories)
        self.category = widgets.Dropdown(
            options=[("All categories", ALL_CATEGORIES)] + [(c, c) for c in categories],
            description="Category")
        self.results = widgets.Select(rows=8, description="Terms",
                                      layout=widgets.Layout(width="auto", min_width="24rem"))
        self._set_options()
        self.related = widgets.HBox([], layout=widgets.Layout(flex_flow="row wrap"))
        self.html = widgets.HTML()
        self.errors = widgets.Output()
        super().__init__([widgets.HBox([self.query, self.category]), self.results, self.html,
                          self.related, self.errors])
        self.add_class("kit-glossary")
        self.query.observe(self._filter, names="value")
        self.category.observe(self._filter, names="value")
        self.results.observe(self._refresh, names="value")
        self._refresh()

    def _options(self) -> list:
        terms = filter_terms(self.glossary, self.query.value, self.category.value)
        return [(_term_label(t), t.id) for t in terms]

    def show(self, term_id: str) -> None:
        """Open the card of ``term_id`` (clearing the search if it hides that term)."""
        self.glossary[term_id]                       # raises a KitError for an unknown id
        if term_id not in [value for _, value in self.results.options]:
            self.query.value, self.category.value = "", ALL_CATEGORIES
        self.results.value = term_id

    def render(self) -> str:
        """The HTML of the current selection (what ``html.value`` shows)."""
        term_id = self.results.value
        term = self.glossary[term_id] if term_id else None
        return render_glossary_html(term, self.glossary, self._occurrences.get(term_id, []),
                                    self.corpus, query=self.query.value,
                                    count=len(self.results.options))

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
            self.html.value = render_safely(self.render, view_class="kit-glossary-page")
            self.related.children = self._related_buttons()

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
