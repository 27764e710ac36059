"""The difficulty chart: how an article's words spread over the HSK 3.0 levels.

:func:`plot_difficulty` draws one stacked horizontal bar per article (the shares of
:func:`kit.levels.difficulty_profile`), easiest words on the left, words outside HSK on the
right. Each level has its own colour (a sequential, colour-blind-safe scale) and the two
hardest bands a hatch, so the chart reads in grey too.

    >>> import kit
    >>> fig = plot_difficulty(kit.load_corpus())
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()][:2]
    ['HSK 1', 'HSK 2']
"""

from __future__ import annotations

from ..levels import PROFILE_KEYS, difficulty_frame
from .figure import new_axes

__all__ = ["plot_difficulty", "LEVEL_COLOURS"]

#: One colour per key of :data:`kit.levels.PROFILE_KEYS`: light (easy) to dark (hard), then
#: grey for the words outside HSK (viridis steps, readable for colour-blind readers).
LEVEL_COLOURS = ("#fde725", "#a0da39", "#4ac16d", "#1fa187", "#277f8e", "#365c8d", "#46327e",
                 "#9e9e9e")
#: Hatches that tell the hardest band and the words outside HSK apart without colour.
HATCHES = {"HSK 7–9": "//", "outside HSK": ".."}
#: Figure size: width, and height per article (inches), plus room for the legend.
WIDTH_IN, BAR_HEIGHT_IN, FRAME_HEIGHT_IN = 8.0, 0.45, 1.6


def plot_difficulty(source, *, title: str = "Words by HSK 3.0 level", ax=None):
    """A stacked bar per article: the share of its Chinese words at each HSK level.

    Args:
        source: articles (a corpus or a list of :class:`kit.Article`), or a frame from
            :func:`kit.levels.difficulty_frame` (one row per article, its id as index).
        title: the chart's title.
        ax: draw into this Axes instead of a new figure.

    Returns:
        the matplotlib Figure.
    """
    frame = source if hasattr(source, "columns") else difficulty_frame(source)
    labels = [str(i) for i in frame.index]
    fig, ax = new_axes(ax, (WIDTH_IN, BAR_HEIGHT_IN * len(labels) + FRAME_HEIGHT_IN))
    left = [0.0] * len(labels)
    for key, colour in zip(PROFILE_KEYS, LEVEL_COLOURS):
        shares = [100 * float(v) for v in frame[key]]
        ax.barh(labels, shares, left=left, color=colour, label=key, hatch=HATCHES.get(key),
                edgecolor="white", linewidth=0.5)
        left = [a + b for a, b in zip(left, shares)]
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of the article's Chinese words (%)")
    ax.invert_yaxis()
    ax.set_title(title, loc="left")
    ax.legend(ncols=4, loc="upper center", bbox_to_anchor=(0.5, -0.25 - 0.1 / max(1, len(labels))),
              frameon=False, fontsize="small")
    ax.spines[["top", "right"]].set_visible(False)
    return fig
