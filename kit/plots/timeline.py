"""The timeline chart: events on a time axis, labels packed in lanes, drawn once and then moved.

:func:`plot_timeline` returns a figure for one selection of events. :class:`TimelineChart`
draws every event once and then only moves the view to a new year range or category
(hiding the other events and re-packing the lanes), which is what the timeline view does
each time a slider moves::

    >>> chart = TimelineChart(lang="en")
    >>> shown = chart.show(1951, 1952)
    >>> chart.shown_ids() == [e.id for e in shown]
    True
    >>> chart.png(dpi=40)[1:4]
    b'PNG'
"""

from __future__ import annotations

import contextlib
import datetime as dt
import textwrap

from ..timeline import CATEGORIES, CATEGORY_LABELS, SEED_DATE, as_timeline, date_bound
from . import fonts
from .figure import new_axes
from .painter import Painter, Sprite

__all__ = ["CATEGORY_STYLE", "TIMELINE_WORDS", "TimelineChart", "plot_timeline"]

#: Marker shape and colour per category (Okabe-Ito colours, readable with colour blindness).
CATEGORY_STYLE = {
    "soviet": ("s", "#D55E00"),
    "emulation": ("o", "#0072B2"),
    "campaign": ("^", "#E69F00"),
    "institution": ("D", "#009E73"),
    "politics": ("P", "#CC79A7"),
    "publication": ("v", "#56B4E9"),
}
TIMELINE_WORDS = {
    "en": {"title": "Production emulation and the campaigns, {a}–{b}",
           "seed": "3 Aug 1952: the two articles", "uncertain": "open marker: sources disagree"},
    "zh": {"title": "劳动竞赛与政治运动大事年表({a}–{b}年)",
           "seed": "1952年8月3日 本课两篇文章刊出", "uncertain": "空心标记:史料记载不一"},
}

# Sizes (points unless said otherwise) and the figure's layout, in inches.
LABEL_FONT_SIZE = 7.5          # event labels
SEED_FONT_SIZE = 8.0           # the label of the seed articles' day
SMALL_FONT_SIZE = 8            # axis ticks and legend
TITLE_FONT_SIZE = 11
TITLE_PAD = 14                 # between the title and the top of the axes
TIMELINE_WIDTH_IN = 13.0       # a new figure's width
AXES_SHARE = 0.92              # share of a new figure's width the axes get (the rest: margins)
LANE_HEIGHT_IN = 0.42          # one lane: two lines of label above the marker line
FRAME_HEIGHT_IN = 1.6          # title, axis and legend, above and below the lanes
MIN_HEIGHT_IN = 3.0
PAD_SHARE = 0.02               # empty time at each end of the axis, as a share of the span
LABEL_GAP_IN = 0.12            # least space between two labels in one lane
LABEL_SLACK_IN = 0.1           # added to a label's estimated width
LABEL_OFFSET = (3, 4)          # a label's offset from its marker: sideways, upwards
POINTS_PER_INCH = 72
WIDE_CHAR_EM, NARROW_CHAR_EM = 1.0, 0.56   # estimated advance of a CJK / other character
FIRST_WIDE_CODEPOINT = 0x2E80  # CJK radicals onwards are drawn a full em wide
WRAP_CHARS = {"zh": 13, "en": 30}    # least label line length before wrapping
WRAP_SLACK = {"zh": 1, "en": 6}      # ... added to half the title's length
MAX_LABEL_LINES = 2
MARKER_AREA, MARKER_EDGE = 42, 1.1
BAR_WIDTH, BAR_ALPHA = 3, 0.45       # the bar of an event that lasts
SEED_COLOUR, SEED_LINE_WIDTH = "#B00000", 1.2
LANE_TOP, LANE_BOTTOM_MARGIN = 1.05, 0.4   # y limits around the lanes (lane n sits at y = -n)
YEARLY_TICKS_FROM_DAYS = 3 * 365     # longer spans get a tick per year ...
EVERY_OTHER_YEAR_FROM_DAYS = 12 * 366  # ... or every other year
MIN_TICKS, MAX_TICKS = 3, 10
LEGEND_COLUMNS = 4
GRID_COLOUR, GRID_WIDTH = "#dddddd", 0.6


def _text_width_in(text: str, size: float = LABEL_FONT_SIZE) -> float:
    """Rough width of a (possibly multi-line) label in inches."""
    def line_width(line):
        ems = sum(WIDE_CHAR_EM if ord(ch) > FIRST_WIDE_CODEPOINT else NARROW_CHAR_EM for ch in line)
        return ems * size / POINTS_PER_INCH
    return max(line_width(line) for line in text.split("\n"))


def _wrap(text: str, lang: str) -> str:
    """Wrap a label to at most two lines (wider lines for long titles)."""
    width = max(WRAP_CHARS[lang], -(-len(text) // MAX_LABEL_LINES) + WRAP_SLACK[lang])
    lines = textwrap.wrap(text, width, break_long_words=True)
    while len(lines) > MAX_LABEL_LINES:
        width += 2
        lines = textwrap.wrap(text, width, break_long_words=True)
    return "\n".join(lines)


def _pack_lanes(events, labels, x0, days_per_inch, xmin, xmax):
    """Give each event the lowest lane where its marker, bar and label fit.

    A label goes right of its marker if it can, else left of it. Returns the
    lanes, the sides ("right"/"left") and the number of lanes.
    """
    gap = LABEL_GAP_IN * days_per_inch
    lane_spans: list[list[tuple[float, float]]] = []
    lanes, sides = [], []

    def free(lane, left, right):
        return all(right + gap < a or left > b + gap for a, b in lane_spans[lane])

    for event, label in zip(events, labels):
        start = event.anchor.toordinal() - x0
        stop = event.end_date.toordinal() - x0
        width = (_text_width_in(label) + LABEL_SLACK_IN) * days_per_inch
        options = []
        if start + width <= xmax:
            options.append((start, max(stop, start + width), "right"))
        if start - width >= xmin or not options:
            options.append((start - width, stop, "left"))
        placed = None
        for lane in range(len(lane_spans)):
            placed = next(((lane, o) for o in options if free(lane, o[0], o[1])), None)
            if placed:
                break
        if placed is None:
            lane_spans.append([])
            placed = (len(lane_spans) - 1, options[0])
        lane, (left, right, side) = placed
        lane_spans[lane].append((left, right))
        lanes.append(lane)
        sides.append(side)
    return lanes, sides, max(1, len(lane_spans))


def _window(timeline, start, end) -> tuple[dt.date, dt.date]:
    """The first and last day shown: the bounds asked for, else the events' years."""
    lo = date_bound(start, True) or (dt.date(timeline.first_year, 1, 1) if len(timeline)
                                     else SEED_DATE.replace(month=1, day=1))
    hi = date_bound(end, False) or (dt.date(timeline.last_year, 12, 31) if len(timeline)
                                    else SEED_DATE.replace(month=12, day=31))
    return lo, hi


def _marker_group(event) -> tuple[str, bool]:
    """Events drawn by one collection of markers: same category, sources agreeing or not."""
    return event.category, bool(event.uncertain)


def _draw_markers(ax, groups) -> dict:
    """One (empty) collection of markers per group, in the order of the categories."""
    markers = {}
    for category in CATEGORIES:
        marker, colour = CATEGORY_STYLE[category]
        for doubt in (False, True):
            if (category, doubt) in groups:
                markers[category, doubt] = ax.scatter(
                    [], [], marker=marker, s=MARKER_AREA, zorder=3, linewidths=MARKER_EDGE,
                    facecolors="white" if doubt else colour,
                    edgecolors=colour if doubt else "black",
                    gid=f"events-{category}{'-uncertain' if doubt else ''}")
    return markers


class _EventArtists:
    """The bar (for a lasting event) and the label of one event; its marker is in a group."""

    def __init__(self, ax, event, label: str, families):
        import matplotlib.dates as mdates

        colour = CATEGORY_STYLE[event.category][1]
        self.group = _marker_group(event)
        self.x = mdates.date2num(event.anchor)
        self.span = (mdates.date2num(event.start), mdates.date2num(event.end_date))
        self.bar = ax.hlines(0, *self.span, colors=colour, linewidth=BAR_WIDTH, alpha=BAR_ALPHA,
                             zorder=2) if event.is_range else None
        self.label = ax.annotate(label, (self.x, 0), xytext=LABEL_OFFSET,
                                 textcoords="offset points", va="bottom", multialignment="left",
                                 fontsize=LABEL_FONT_SIZE, fontfamily=families,
                                 gid=f"label-{event.id}")

    def place(self, lane: int | None, side: str = "right") -> None:
        """Move to ``lane`` with the label on ``side``; hide when ``lane`` is None."""
        shown = lane is not None
        for artist in (self.bar, self.label):
            if artist is not None:
                artist.set_visible(shown)
        if not shown:
            return
        if self.bar is not None:
            self.bar.set_segments([[(self.span[0], -lane), (self.span[1], -lane)]])
        self.label.xy = (self.x, -lane)
        self.label.set_position((LABEL_OFFSET[0] * (1 if side == "right" else -1),
                                 LABEL_OFFSET[1]))
        self.label.set_horizontalalignment("left" if side == "right" else "right")


class TimelineChart:
    """A timeline figure drawn once, then moved to a year range and categories by :meth:`show`.

    Args:
        events: a :class:`~kit.timeline.Timeline` or a list of events (default: the kit's).
        lang: ``"auto"`` (Chinese labels when a CJK font is installed), ``"zh"`` or ``"en"``.
        mark_articles: draw the day the seed articles appeared (1952-08-03).
        ax: draw into this Axes instead of a new figure.
        start, end: the first view (default: every year of the events).

    ``figure`` is the same object after every :meth:`show`; a new range re-packs the lanes
    of the events shown and hides the others, without drawing anything new.
    """

    def __init__(self, events=None, *, lang: str = "auto", mark_articles: bool = True,
                 ax=None, start=None, end=None):
        self.timeline = as_timeline(events)
        self.lang = fonts.resolve_lang(lang)
        self.families = fonts.font_families(fonts.find_cjk_font() if self.lang == "zh" else None)
        self.words = TIMELINE_WORDS[self.lang]
        self.mark_articles = mark_articles
        self._painter: Painter | None = None
        self.legend = None
        own_figure = ax is None
        axes_in = TIMELINE_WIDTH_IN * AXES_SHARE if own_figure else \
            ax.figure.get_size_inches()[0] * ax.get_position().width
        lo, hi = _window(self.timeline, start, end)
        self.lanes = self._layout(self.timeline, lo, hi, axes_in)[2]
        height = max(MIN_HEIGHT_IN, self.lanes * LANE_HEIGHT_IN + FRAME_HEIGHT_IN)
        with self._fonts():
            self.figure, self.ax = new_axes(ax, (TIMELINE_WIDTH_IN, height))
            self.axes_in = axes_in
            self.markers = _draw_markers(self.ax, {_marker_group(e) for e in self.timeline})
            self.artists = {e.id: _EventArtists(self.ax, e, _wrap(e.title(self.lang), self.lang),
                                                self.families) for e in self.timeline}
            self._draw_frame(own_figure)
        self.shown = self.show(start, end)

    def _fonts(self):
        return fonts.cjk_font_context() if self.lang == "zh" else contextlib.nullcontext()

    def _layout(self, events, lo: dt.date, hi: dt.date, axes_in: float):
        span = max(1, (hi - lo).days)
        pad = span * PAD_SHARE
        labels = [_wrap(e.title(self.lang), self.lang) for e in events]
        lanes, sides, n_lanes = _pack_lanes(events, labels, lo.toordinal(),
                                            (span + 2 * pad) / axes_in, -pad, span + pad)
        return lanes, sides, n_lanes, pad

    def _draw_frame(self, own_figure: bool) -> None:
        """What does not move: the seed articles' day, the axis style and the legend."""
        import matplotlib.dates as mdates
        from matplotlib.lines import Line2D

        ax, families = self.ax, self.families
        seed_x = mdates.date2num(SEED_DATE)
        self.seed = (ax.axvline(seed_x, color=SEED_COLOUR, linestyle="--",
                                linewidth=SEED_LINE_WIDTH, zorder=1, gid="seed-articles"),
                     ax.annotate(self.words["seed"], (seed_x, 1.0),
                                 xycoords=("data", "axes fraction"), xytext=(3, 2),
                                 textcoords="offset points", ha="left", va="bottom",
                                 fontsize=SEED_FONT_SIZE, color=SEED_COLOUR,
                                 fontfamily=families, gid="seed-articles-label")) \
            if self.mark_articles else ()
        ax.tick_params(axis="x", labelsize=SMALL_FONT_SIZE, labelfontfamily=fonts.LATIN_FAMILY)
        ax.set_yticks([])
        ax.spines[["left", "right", "top"]].set_visible(False)
        ax.grid(axis="x", which="major", color=GRID_COLOUR, linewidth=GRID_WIDTH, zorder=0)
        handles = [Line2D([], [], linestyle="", marker=CATEGORY_STYLE[c][0],
                          markerfacecolor=CATEGORY_STYLE[c][1], markeredgecolor="black",
                          label=CATEGORY_LABELS[self.lang][c]) for c in self.timeline.categories]
        if any(e.uncertain for e in self.timeline):
            handles.append(Line2D([], [], linestyle="", marker="o", markerfacecolor="white",
                                  markeredgecolor="#555555", label=self.words["uncertain"]))
        if handles:
            options = dict(handles=handles, ncols=min(LEGEND_COLUMNS, len(handles)),
                           frameon=False, prop={"family": families, "size": SMALL_FONT_SIZE})
            legend = self.figure.legend(loc="outside lower center", **options) if own_figure \
                else ax.legend(loc="lower left", **options)
            legend.set_gid("legend")
            self.legend = legend

    def show(self, start=None, end=None, categories=None):
        """Move the view to the events overlapping ``start``–``end`` (years, ISO dates or
        dates; None: the events' own years) of ``categories``; return those events."""
        import numpy as np

        selected = self.timeline.between(start, end)
        if categories is not None:
            selected = selected.only(categories)
        lo, hi = _window(self.timeline, start, end)
        lanes, sides, n_lanes, pad = self._layout(selected, lo, hi, self.axes_in)
        placed = {e.id: (lane, side) for e, lane, side in zip(selected, lanes, sides)}
        points: dict[tuple, list] = {group: [] for group in self.markers}
        for event_id, artists in self.artists.items():
            lane, side = placed.get(event_id, (None, "right"))
            artists.place(lane, side)
            if lane is not None:
                points[artists.group].append((artists.x, -lane))
        for group, collection in self.markers.items():
            collection.set_offsets(np.array(points[group], dtype=float).reshape(-1, 2))
            collection.set_visible(bool(points[group]))
        self._set_view(lo, hi, pad, n_lanes)
        self.shown = selected
        return selected

    def _set_view(self, lo: dt.date, hi: dt.date, pad: float, n_lanes: int) -> None:
        import matplotlib.dates as mdates
        from matplotlib.ticker import NullLocator

        ax = self.ax
        ax.set_xlim(mdates.date2num(lo) - pad, mdates.date2num(hi) + pad)
        # as many lanes as the events need, but lanes at most twice as far apart as in the
        # first view (the figure keeps its height)
        ax.set_ylim(-max(n_lanes, self.lanes // 2) + LANE_BOTTOM_MARGIN, LANE_TOP)
        for artist in self.seed:
            artist.set_visible(lo <= SEED_DATE <= hi)
        span = (hi - lo).days
        if span > YEARLY_TICKS_FROM_DAYS:
            ax.xaxis.set_major_locator(
                mdates.YearLocator(1 if span <= EVERY_OTHER_YEAR_FROM_DAYS else 2))
            ax.xaxis.set_minor_locator(mdates.YearLocator(1))
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        else:  # a short span: months (or days) on the axis
            locator = mdates.AutoDateLocator(minticks=MIN_TICKS, maxticks=MAX_TICKS)
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_minor_locator(NullLocator())
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
        self.title = ax.set_title(self.words["title"].format(a=lo.year, b=hi.year),
                                  fontfamily=self.families, fontsize=TITLE_FONT_SIZE, loc="left",
                                  pad=TITLE_PAD, y=1.0)  # a fixed y: not re-placed at each draw

    def shown_ids(self) -> list[str]:
        """The ids of the events drawn now, in date order."""
        return [e.id for e in self.timeline if self.artists[e.id].label.get_visible()]

    def png(self, dpi: int = 80) -> bytes:
        """The figure as PNG bytes, drawn quickly: the layout is computed at the first call and
        then kept, the legend is kept as pixels and every text is pasted as a sprite."""
        labels = [a.label for a in self.artists.values()]   # inside the axes: no room needed
        texts = labels + [self.title] + [a for a in self.seed if hasattr(a, "get_text")]
        if self._painter is None or self._painter.dpi != dpi:
            self._painter = Painter(self.figure, dpi, self._fonts, hide=labels,
                                    keep=[self.legend] if self.legend is not None else [])
        sprites = self._label_sprites() + self._frame_sprites()
        self.ax.tick_params(axis="x", labelbottom=False)  # the ticks' labels are sprites too
        try:
            return self._painter.png(sprites, hide=texts)
        finally:
            self.ax.tick_params(axis="x", labelbottom=True)

    def _label_sprites(self) -> list[Sprite]:
        """The visible event labels, anchored where matplotlib would draw them."""
        xmin, xmax = self.ax.get_xlim()
        to_pixels = self.ax.transData.transform
        scale = self.figure.dpi / POINTS_PER_INCH
        sprites = []
        for artists in self.artists.values():
            label = artists.label
            if not label.get_visible() or not xmin <= label.xy[0] <= xmax:
                continue  # matplotlib too leaves out a label whose point is off the axes
            x, y = to_pixels(label.xy)
            dx, dy = label.get_position()   # the offset, in points
            sprites.append(Sprite.of(label, (x + dx * scale, y + dy * scale)))
        return sprites

    def _frame_sprites(self) -> list[Sprite]:
        """The title, the seed articles' label and the labels of the x ticks, as sprites."""
        import matplotlib as mpl

        ax, scale = self.ax, self.figure.dpi / POINTS_PER_INCH
        title = self.title
        sprites = [Sprite.of(title, title.get_transform().transform(title.get_position()))]
        if len(self.seed) == 2 and self.seed[1].get_visible():
            label = self.seed[1]
            x = ax.transData.transform((label.xy[0], 0))[0]
            y = ax.transAxes.transform((0, label.xy[1]))[1]
            dx, dy = label.get_position()
            sprites.append(Sprite.of(label, (x + dx * scale, y + dy * scale)))
        xmin, xmax = sorted(ax.get_xlim())
        ticks = [t for t in ax.xaxis.get_major_locator()() if xmin <= t <= xmax]
        pad = mpl.rcParams["xtick.major.size"] + mpl.rcParams["xtick.major.pad"]
        to_pixels, va, ha = ax.get_xaxis_text1_transform(pad)
        for tick, text in zip(ticks, ax.xaxis.get_major_formatter().format_ticks(ticks)):
            sprites.append(Sprite(text, tuple(to_pixels.transform((tick, 0))), SMALL_FONT_SIZE,
                                  (fonts.LATIN_FAMILY,), ha, va))
        return sprites


def plot_timeline(events=None, *, start=None, end=None, categories=None, mark_articles=True,
                  lang="auto", ax=None):
    """Draw events on a horizontal time axis and return the matplotlib Figure.

    Args:
        events: a :class:`~kit.timeline.Timeline` or a list of events (default: the kit's).
        start, end: only events overlapping these years (int, ISO date string or date).
        categories: only these categories (see :data:`kit.timeline.CATEGORIES`).
        mark_articles: draw and label a vertical line on 1952-08-03, the day the report and
            the commentary appeared.
        lang: ``"auto"`` labels in Chinese when a CJK font is installed and in English
            otherwise (printing one notice on how to install a font); ``"zh"`` or ``"en"``.
        ax: draw into this Axes instead of a new figure.

    Each category has its own marker shape *and* colour; an event whose sources
    disagree has an open marker; a lasting event has a bar to its end. Labels are
    stacked in lanes so that they do not overlap. Nothing is shown on screen: the
    Figure displays itself as the last value of a notebook cell.

    >>> fig = plot_timeline(start=1951, end=1952, lang="en")
    >>> fig.axes[0].get_title(loc="left")
    'Production emulation and the campaigns, 1951–1952'
    """
    selected = as_timeline(events).between(start, end)
    if categories is not None:
        selected = selected.only(categories)
    chart = TimelineChart(selected, lang=lang, mark_articles=mark_articles, ax=ax,
                          start=start, end=end)
    for artist in chart.seed:
        if not artist.get_visible():  # the seed articles' day is outside this figure's years
            artist.remove()
    return chart.figure
