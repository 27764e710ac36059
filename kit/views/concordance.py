"""The concordance view: every occurrence of a word across the corpus, in its context.

The search is :func:`kit.concordance.concordance`; :func:`render_concordance_html` turns its
lines into a table and :class:`ConcordanceView` adds a query box, a language and a sort order.

    >>> import kit
    >>> from kit.concordance import concordance
    >>> page = render_concordance_html(concordance(kit.load_corpus(), "先进经验"), "先进经验")
    >>> "<strong>先进经验</strong>" in page
    True
    >>> "No line" in render_concordance_html([], "<b>x</b>")
    True
"""

from __future__ import annotations

import ipywidgets as widgets

from ..concordance import concordance
from ._html import attrs, esc, render_safely, view_html
from .fallback import StaticFallback

__all__ = ["ConcordanceView", "render_concordance_html", "LANGS", "SORTS", "MAX_LINES"]

#: Language choices: value → label.
LANGS = {"auto": "Auto", "zh": "中文", "en": "English"}
#: Sort orders: value → label.
SORTS = {"position": "Article order", "left": "Left context", "right": "Right context"}

#: At most this many lines are shown (the count line says how many were found).
MAX_LINES = 500
#: Article titles in the "where" column are cut to this many characters (the full title is
#: the cell's tooltip).
SHORT_TITLE = 18

#: The help line; each example finds lines in the seed articles (tests check it).
HELP = ("Type a Chinese word (经验), or English words (advanced experiences); "
        "a final * matches any ending (promot*).")


def render_concordance_html(lines, query: str, *, limit: int = MAX_LINES) -> str:
    """KWIC lines as an HTML table: where (date, article, paragraph), left, match, right.

    Args:
        lines: :class:`kit.concordance.KwicLine` objects.
        query: the query typed (shown in the count line; escaped).
        limit: at most this many lines are shown (the count says how many were found).
    """
    query = (query or "").strip()
    lines = list(lines)
    if not query:
        return view_html(f'<p class="kit-empty">{esc(HELP)}</p>', "kit-concordance-page")
    if not lines:
        return view_html(f'<p class="kit-empty">No line contains “{esc(query)}”. '
                         f"{esc(HELP)}</p>",
                         "kit-concordance-page")
    lang_attr = "zh-Hans" if lines[0].lang == "zh" else "en"
    articles = len({line.article_id for line in lines})
    shown = lines[:limit]
    more = f" (showing the first {limit})" if len(lines) > limit else ""
    rows = []
    for line in shown:
        rows.append(
            f"<tr{attrs(data_article=line.article_id, data_paragraph=line.paragraph)}>"
            f'<td class="kit-where"{attrs(title=line.title)}>{esc(line.date.isoformat())} '
            f'<span lang="{lang_attr}">{esc(_short(line.title))}</span> ¶{line.paragraph + 1}</td>'
            f'<td class="kit-left" lang="{lang_attr}">{esc(line.left)}</td>'
            f'<td class="kit-key" lang="{lang_attr}"><strong>{esc(line.match)}</strong></td>'
            f'<td class="kit-right" lang="{lang_attr}">{esc(line.right)}</td></tr>')
    count = (f'<p class="kit-meta">{len(lines)} line{"s" if len(lines) != 1 else ""} for '
             f'“{esc(query)}” in {articles} article{"s" if articles != 1 else ""}{more}</p>')
    return view_html(f'{count}<table class="kit-table kit-kwic"><tbody>{"".join(rows)}'
                     "</tbody></table>", "kit-concordance-page")


def _short(text: str, n: int = SHORT_TITLE) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


class ConcordanceView(StaticFallback, widgets.VBox):
    """Search the corpus and read each hit in its context, sorted as you choose.

    Controls (attributes): ``query`` (a text box), ``lang`` (auto, zh, en), ``sort``
    (article order, left or right context); the lines are in ``html``.
    """

    def __init__(self, corpus=None, *, query: str = ""):
        from ..corpus import load_corpus

        self.corpus = corpus if corpus is not None else load_corpus()
        self.query = widgets.Text(value=query, description="Search",
                                  placeholder="经验 · experience")
        self.lang = widgets.ToggleButtons(options=[(v, k) for k, v in LANGS.items()],
                                          description="Language")
        self.sort = widgets.ToggleButtons(options=[(v, k) for k, v in SORTS.items()],
                                          description="Sort by")
        self.html = widgets.HTML()
        self.errors = widgets.Output()
        super().__init__([self.query, self.lang, self.sort, self.html, self.errors])
        self.add_class("kit-concordance")
        for control in (self.query, self.lang, self.sort):
            control.observe(self._refresh, names="value")
        self._refresh()

    def static_summary(self) -> str:
        return f"“{self.query.value}”" if self.query.value.strip() else "no query yet"

    def lines(self) -> list:
        """The KWIC lines of the current query, language and order."""
        return concordance(self.corpus, self.query.value, self.lang.value, sort=self.sort.value)

    def render(self) -> str:
        """The HTML of the current settings (what ``html.value`` shows)."""
        return render_concordance_html(self.lines(), self.query.value)

    def _refresh(self, change=None) -> None:
        with self.errors:
            self.html.value = render_safely(self.render, view_class="kit-concordance-page")
