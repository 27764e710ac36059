"""The article picker: a search box and a short list of the articles that match it.

A drop-down of every article sends every label to the browser (2.3 MB for 10,000 articles)
and takes seconds to build; the picker lists at most :data:`MAX_SHOWN` matches of what is
typed (date, headline, English title or id), so it stays small and quick at any corpus size.
Both parts work from the keyboard: Tab into the box, type, Tab to the list, arrow keys.

    >>> import kit
    >>> picker = ArticlePicker(kit.load_corpus())
    >>> picker.value
    '000_7ca6473d3635779a'
    >>> picker.search.value = "传播"
    >>> [article_id for _, article_id in picker.options]
    ['003_0d759123a74baf35']
    >>> picker.choice.value = "003_0d759123a74baf35"
    >>> picker.value
    '003_0d759123a74baf35'
"""

from __future__ import annotations

import ipywidgets as widgets
import traitlets

from ._html import esc

__all__ = ["ArticlePicker", "article_label", "MAX_SHOWN", "LABEL_LENGTH"]

#: At most this many articles are listed at once (type to narrow the list).
MAX_SHOWN = 50
#: Longest label shown for one article, in characters (longer ones end in "…").
LABEL_LENGTH = 110


def article_label(article) -> str:
    """How the picker names an article: date · headline — English title (shortened).

    >>> import kit
    >>> article_label(kit.load_corpus()["003_0d759123a74baf35"])[:52]
    '1952-08-03 · 及时总结和传播推广先进经验的经验 — Experience in Timely'
    """
    english = f" — {article.title_en}" if article.title_en else " (Chinese only)"
    label = f"{article.date.isoformat()} · {article.headline}{english}"
    return label if len(label) <= LABEL_LENGTH else label[:LABEL_LENGTH - 1] + "…"


class ArticlePicker(widgets.VBox):
    """Choose an article by typing part of its date, headline, title or id.

    ``value`` is the chosen article id (set it to open another article); ``search`` is the
    text box; ``choice`` lists at most ``max_shown`` matches; ``status`` says how many match.

    Args:
        articles: the articles (a corpus or any iterable of articles).
        value: the id chosen first (the first article when None).
        max_shown: how many matches the list shows at most.
    """

    value = traitlets.Unicode(allow_none=True)

    def __init__(self, articles, value: str | None = None, *, max_shown: int = MAX_SHOWN,
                 description: str = "Article"):
        self._labels = {article.id: article_label(article) for article in articles}
        self._order = {article_id: n for n, article_id in enumerate(self._labels)}
        self._keys = {article_id: f"{label} {article_id}".lower()
                      for article_id, label in self._labels.items()}
        self.max_shown = max_shown
        self._filling = False
        self.search = widgets.Text(description="Find", continuous_update=True,
                                   placeholder="date, headline, title or id",
                                   layout=widgets.Layout(width="24rem"))
        self.choice = widgets.Dropdown(description=description,
                                       layout=widgets.Layout(width="auto", max_width="100%"))
        self.status = widgets.HTML()
        first = value if value is not None else next(iter(self._labels), None)
        super().__init__([widgets.HBox([self.search, self.status]), self.choice])
        self.add_class("kit-article-picker")
        self.value = first
        self._fill()
        self.search.observe(lambda _change: self._fill(), names="value")
        self.choice.observe(self._chosen, names="value")
        self.observe(lambda _change: self._fill(), names="value")

    @property
    def options(self) -> tuple:
        """The ``(label, id)`` pairs listed now."""
        return self.choice.options

    @traitlets.validate("value")
    def _known(self, proposal):
        if proposal.value is not None and proposal.value not in self._labels:
            raise traitlets.TraitError(f"unknown article {proposal.value!r}")
        return proposal.value

    def matches(self, query: str) -> list[str]:
        """The ids of every article whose label or id holds each word of ``query``."""
        words = (query or "").lower().split()
        if not words:
            return list(self._labels)
        return [i for i, key in self._keys.items() if all(w in key for w in words)]

    def _shown(self, found: list[str]) -> list[str]:
        shown = found[:self.max_shown]
        if self.value in self._labels and self.value not in shown and (
                not self.search.value.strip() or self.value in found):
            shown = sorted(shown[:self.max_shown - 1] + [self.value], key=self._order.get)
        return shown

    def _fill(self) -> None:
        found = self.matches(self.search.value)
        shown = self._shown(found)
        options = tuple((self._labels[i], i) for i in shown)
        self._filling = True
        try:
            if options != self.choice.options:
                self.choice.options = options
            self.choice.value = self.value if self.value in shown else None
        finally:
            self._filling = False
        more = f"; the first {len(shown)} are listed" if len(found) > len(shown) else ""
        self.status.value = (f'<span class="kit-meta">{len(found):,} of {len(self._labels):,} '
                             f"articles match{esc(more)}</span>")

    def _chosen(self, change) -> None:
        if not self._filling and change.new is not None and change.new != self.value:
            self.value = change.new
