"""Bar charts of word counts, with Chinese labels or, without a CJK font, pinyin.

    >>> fig = frequency_plot({"经验": 9, "推广": 7}, "seed 000", lang="en")
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['jīngyàn', 'tuīguǎng']
"""

from __future__ import annotations

import contextlib

from . import fonts
from .figure import new_axes

__all__ = ["frequency_plot", "bar_chart", "pinyin_label"]

#: The bars a chart shows unless ``top`` says otherwise.
DEFAULT_TOP = 20
#: Figure width, height per bar and height of the title and axis, in inches.
WIDTH_IN, BAR_HEIGHT_IN, FRAME_HEIGHT_IN, MIN_HEIGHT_IN = 7, 0.32, 1.2, 2.5


def pinyin_label(text: str) -> str:
    """Tone-marked pinyin, read in context like :func:`kit.pinyin`, for plots without a CJK font.

    >>> pinyin_label("工会"), pinyin_label("嫌麻烦"), pinyin_label("ACFTU")
    ('gōnghuì', 'xiánmáfan', 'ACFTU')
    """
    if not fonts.has_cjk(text):
        return text
    from ..language import pinyin

    return pinyin(text)


def frequency_plot(series, title: str = "", *, top: int = DEFAULT_TOP, lang: str = "auto",
                   xlabel: str | None = None, ax=None, color: str = "#0072B2"):
    """A horizontal bar chart of word counts, most frequent at the top.

    Args:
        series: a pandas Series (index = words, values = counts), a mapping, or
            a list of ``(word, count)`` pairs.
        title: the chart title (may be Chinese).
        top: how many bars to show.
        lang: ``"auto"`` draws Chinese when a CJK font is installed; without one
            (or with ``"en"``) Chinese words are shown in tone-marked pinyin.
        xlabel: the axis label (default "count").
        ax: draw into this Axes instead of a new figure.

    Returns:
        the matplotlib Figure.

    >>> fig = frequency_plot({"经验": 9, "推广": 7}, "seed 000", lang="en")
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['jīngyàn', 'tuīguǎng']
    """
    if hasattr(series, "items"):  # a pandas Series or a mapping
        pairs = list(series.items())
    else:
        pairs = [tuple(p) for p in series]
    pairs = sorted(pairs, key=lambda p: (-p[1], str(p[0])))[:top]
    use = fonts.resolve_lang(lang)
    labels = [str(w) if use == "zh" else pinyin_label(str(w)) for w, _ in pairs]
    if use != "zh" and fonts.has_cjk(title):
        title = pinyin_label(title)
    counts = [c for _, c in pairs]
    with fonts.cjk_font_context() if use == "zh" else contextlib.nullcontext():
        fig, ax = new_axes(ax, (WIDTH_IN, max(MIN_HEIGHT_IN,
                                             BAR_HEIGHT_IN * len(pairs) + FRAME_HEIGHT_IN)))
        families = fonts.font_families(fonts.find_cjk_font() if use == "zh" else None)
        positions = list(range(len(pairs)))
        ax.barh(positions, counts, color=color)
        ax.set_yticks(positions, labels, fontfamily=families)
        ax.invert_yaxis()
        ax.set_xlabel(xlabel or "count", fontfamily=families)
        if title:
            ax.set_title(title, fontfamily=families)
        ax.spines[["top", "right"]].set_visible(False)
    return fig


#: Another name for :func:`frequency_plot`, for notebooks that think of it as a bar chart.
bar_chart = frequency_plot
