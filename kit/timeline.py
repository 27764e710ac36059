"""The timeline of the campaigns, 1935-1958: sourced events and a plot of them.

Events live in ``kit/data/timeline.yaml`` (each with a date precision, English
and Chinese titles, a category and at least one source)::

    >>> timeline = load_timeline()
    >>> seed = timeline["seed-articles-published"]
    >>> seed.start.isoformat(), seed.precision, seed.category
    ('1952-08-03', 'day', 'publication')
    >>> [e.id for e in timeline.between(1952, 1952)][:2]
    ['five-anti-launched', 'hao-jianxiu-group-named']

``plot_timeline()`` draws them on a time axis, marks the day the report and the
commentary appeared (1952-08-03) and labels in Chinese when a CJK font is installed.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import functools
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ._data import data_path
from ._yaml import load_entries
from .errors import KitError, TimelineError, UnknownIdError
from .sources import Source, parse_sources

__all__ = ["CATEGORIES", "SEED_DATE", "Source", "Event", "Timeline", "load_timeline",
           "plot_timeline"]

#: The fixed list of categories (documented in the header of timeline.yaml).
CATEGORIES = ("soviet", "emulation", "campaign", "institution", "politics", "publication")

#: The day the report and the commentary (the seed articles) appeared in the People's Daily, page 2.
SEED_DATE = dt.date(1952, 8, 3)

PRECISIONS = ("day", "month", "year")
REQUIRED_FIELDS = ("id", "date", "precision", "title_en", "title_zh", "description",
                   "category", "sources")
OPTIONAL_FIELDS = ("end", "uncertain")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _period(text: str) -> tuple[dt.date, dt.date, str]:
    """First day, last day and precision of an ISO date string at day/month/year precision."""
    m = _DATE_RE.match(text)
    if not m:
        raise ValueError(text)
    year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    if day:
        d = dt.date(year, month, day)
        return d, d, "day"
    if month:
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last), "month"
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _date_text(text: str, lang: str) -> str:
    first, _, precision = _period(text)
    if lang == "zh":
        return {"day": f"{first.year}年{first.month}月{first.day}日",
                "month": f"{first.year}年{first.month}月", "year": f"{first.year}年"}[precision]
    return {"day": f"{first.day} {_MONTHS_EN[first.month - 1]} {first.year}",
            "month": f"{_MONTHS_EN[first.month - 1]} {first.year}",
            "year": str(first.year)}[precision]


@dataclass(frozen=True)
class Event:
    """One dated event. ``date`` and ``end`` are ISO strings at the stated precision.

    >>> e = Event("x", "1951-06", "month", "A title", "标题", "One line.", "emulation",
    ...           (Source("A page", url="https://example.org"),))
    >>> e.start, e.end_date, e.anchor, e.year
    (datetime.date(1951, 6, 1), datetime.date(1951, 6, 30), datetime.date(1951, 6, 15), 1951)
    >>> e.date_label("en"), e.date_label("zh")
    ('Jun 1951', '1951年6月')
    """

    id: str
    date: str
    precision: str
    title_en: str
    title_zh: str
    description: str
    category: str
    sources: tuple[Source, ...]
    end: str | None = None
    uncertain: str | None = None
    line: int = field(default=0, compare=False, repr=False)

    @property
    def start(self) -> dt.date:
        """The first day of the event (the 1st of the month or year when less precise)."""
        return _period(self.date)[0]

    @property
    def end_date(self) -> dt.date:
        """The last day the event covers (of ``end`` if given, else of ``date``)."""
        return _period(self.end or self.date)[1]

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def anchor(self) -> dt.date:
        """Where the event is drawn: its day, the middle of its month or year, or a range's start."""
        if self.end or self.precision == "day":
            return self.start
        first, last, _ = _period(self.date)
        return first + (last - first) / 2

    @property
    def is_range(self) -> bool:
        return self.end is not None

    def title(self, lang: str = "en") -> str:
        """The title in ``"en"`` or ``"zh"``."""
        return self.title_zh if lang == "zh" else self.title_en

    def date_label(self, lang: str = "en") -> str:
        """The date as a reader writes it, at the event's precision (with the end, if any)."""
        label = _date_text(self.date, lang)
        if self.end:
            label += ("至" if lang == "zh" else " – ") + _date_text(self.end, lang)
        return label

    def citations(self) -> list[str]:
        return [s.citation() for s in self.sources]

    def __repr__(self) -> str:
        return f"<Event {self.date} {self.id}: {self.title_en}>"


class Timeline:
    """An ordered, read-only collection of :class:`Event` (by start date, then id).

    Iterate over it, take ``len()``, look up an event by position or id, filter
    with :meth:`between` or :meth:`only`, and turn it into a table with :meth:`to_frame`.
    """

    def __init__(self, events: Iterable[Event], path: str | Path | None = None):
        self.events = tuple(sorted(events, key=lambda e: (e.start, e.end_date, e.id)))
        self.path = path
        self._by_id = {e.id: e for e in self.events}

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    def __len__(self) -> int:
        return len(self.events)

    def __getitem__(self, key):
        if isinstance(key, (int, slice)):
            return self.events[key]
        try:
            return self._by_id[key]
        except KeyError:
            close = [i for i in self._by_id if str(key).lower() in i][:5]
            hint = f" Did you mean: {', '.join(close)}?" if close else ""
            raise UnknownIdError(f"no event with id {key!r}.{hint} See timeline.ids for all.") from None

    def __contains__(self, key) -> bool:
        return key in self._by_id or key in self.events

    @property
    def ids(self) -> list[str]:
        return [e.id for e in self.events]

    @property
    def categories(self) -> tuple[str, ...]:
        """The categories that occur, in the fixed order of :data:`CATEGORIES`."""
        present = {e.category for e in self.events}
        return tuple(c for c in CATEGORIES if c in present)

    @property
    def first_year(self) -> int | None:
        return min((e.start.year for e in self.events), default=None)

    @property
    def last_year(self) -> int | None:
        return max((e.end_date.year for e in self.events), default=None)

    def between(self, start_year=None, end_year=None) -> "Timeline":
        """The events that overlap the years ``start_year`` to ``end_year`` (both included).

        Either bound may be None, an int year, an ISO date string or a ``datetime.date``.
        """
        lo = _bound(start_year, first=True)
        hi = _bound(end_year, first=False)
        return Timeline((e for e in self.events
                         if (lo is None or e.end_date >= lo) and (hi is None or e.start <= hi)),
                        self.path)

    def only(self, categories) -> "Timeline":
        """The events of the given categories (a name or a list of names)."""
        wanted = _check_categories(categories)
        return Timeline((e for e in self.events if e.category in wanted), self.path)

    def to_frame(self):
        """A pandas DataFrame, one row per event (``start``/``end_date`` as timestamps)."""
        import pandas as pd

        rows = [{
            "id": e.id, "date": e.date, "precision": e.precision, "end": e.end,
            "start": pd.Timestamp(e.start), "end_date": pd.Timestamp(e.end_date),
            "year": e.year, "category": e.category, "title_en": e.title_en,
            "title_zh": e.title_zh, "description": e.description,
            "sources": "; ".join(e.citations()), "uncertain": e.uncertain,
        } for e in self.events]
        columns = ["id", "date", "precision", "end", "start", "end_date", "year", "category",
                   "title_en", "title_zh", "description", "sources", "uncertain"]
        return pd.DataFrame(rows, columns=columns)

    def __repr__(self) -> str:
        if not self.events:
            return "<Timeline: no events>"
        return (f"<Timeline: {len(self)} events, {self.first_year}–{self.last_year}, "
                f"categories {', '.join(self.categories)}>")


def _bound(value, first: bool) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int):
        return dt.date(value, 1, 1) if first else dt.date(value, 12, 31)
    try:
        lo, hi, _ = _period(str(value))
    except ValueError:
        raise KitError(f"expected a year like 1952 or a date like '1952-08-03', got {value!r}") \
            from None
    return lo if first else hi


def _check_categories(categories) -> set[str]:
    if isinstance(categories, str):
        categories = [categories]
    wanted = set(categories)
    unknown = sorted(wanted - set(CATEGORIES))
    if unknown:
        raise KitError(f"unknown categor{'y' if len(unknown) == 1 else 'ies'} "
                       f"{', '.join(map(repr, unknown))}; use one of: {', '.join(CATEGORIES)}")
    return wanted


# ------------------------------------------------------------------------------------------
# Loading and validation
# ------------------------------------------------------------------------------------------

def _date_string(value) -> str:
    """Accept what YAML makes of an unquoted date (a date or an int year) as a string."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _parse_event(entry, source: str, seen: dict[str, int], item_line: int | None = None) -> Event:
    def err(reason, line, fld=None):
        return TimelineError(reason, path=source, line=line, field=fld)

    if not isinstance(entry, dict):
        raise err(f"each event must be a mapping of fields (id: ..., date: ...), found "
                  f"{entry!r}", item_line)
    eid = str(entry.get("id") or "").strip() or "?"
    unknown = sorted(set(entry) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        raise err(f"event '{eid}': unknown field '{unknown[0]}'; the fields are "
                  f"{', '.join(REQUIRED_FIELDS + OPTIONAL_FIELDS)}",
                  entry.key_line(unknown[0]), unknown[0])
    for name in REQUIRED_FIELDS:
        value = entry.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise err(f"event '{eid}' has no '{name}'; every event needs "
                      f"{', '.join(REQUIRED_FIELDS)}", entry.key_line(name), name)
    if not _ID_RE.match(eid):
        raise err(f"event id '{eid}' should be lower-case words joined by hyphens, "
                  "like 'three-anti-launched'", entry.key_line("id"), "id")
    if eid in seen:
        raise err(f"event id '{eid}' is used twice (first on line {seen[eid]}); ids must be "
                  "unique", entry.key_line("id"), "id")
    seen[eid] = entry.key_line("id")

    precision = str(entry["precision"]).strip()
    if precision not in PRECISIONS:
        raise err(f"event '{eid}': precision '{precision}' is not one of "
                  f"{', '.join(PRECISIONS)}", entry.key_line("precision"), "precision")
    dates = {}
    for name in ("date", "end"):
        if entry.get(name) is None:
            continue
        text = _date_string(entry[name])
        try:
            first, _, shape = _period(text)
        except ValueError:
            raise err(f"event '{eid}': {name} '{text}' is not a real date; write it as "
                      "\"YYYY-MM-DD\", \"YYYY-MM\" or \"YYYY\" in quotes",
                      entry.key_line(name), name) from None
        if shape != precision:
            raise err(f"event '{eid}': {name} '{text}' is written at {shape} precision but "
                      f"precision is '{precision}'; make them agree", entry.key_line(name), name)
        dates[name] = (text, first)
    if "end" in dates and dates["end"][1] < dates["date"][1]:
        raise err(f"event '{eid}': end '{dates['end'][0]}' is before date "
                  f"'{dates['date'][0]}'", entry.key_line("end"), "end")

    category = str(entry["category"]).strip()
    if category not in CATEGORIES:
        raise err(f"event '{eid}': unknown category '{category}'; use one of: "
                  f"{', '.join(CATEGORIES)}", entry.key_line("category"), "category")
    for name in ("title_en", "title_zh", "description", "uncertain"):
        value = entry.get(name)
        if value is not None and (not isinstance(value, str) or "\n" in value.strip()):
            raise err(f"event '{eid}': {name} must be one line of text",
                      entry.key_line(name), name)
    return Event(
        id=eid, date=dates["date"][0], precision=precision,
        title_en=entry["title_en"].strip(), title_zh=entry["title_zh"].strip(),
        description=entry["description"].strip(), category=category,
        sources=parse_sources(entry, f"event '{eid}'", source, TimelineError),
        end=dates["end"][0] if "end" in dates else None,
        uncertain=(entry.get("uncertain") or "").strip() or None,
        line=entry.line,
    )


def _read(path: Path) -> Timeline:
    source, entries = load_entries(path, "events", TimelineError)
    seen: dict[str, int] = {}
    return Timeline((_parse_event(e, source, seen, line) for e, line in entries), path)


@functools.lru_cache(maxsize=1)
def _default_timeline() -> Timeline:
    return _read(data_path("timeline.yaml"))


def load_timeline(path: str | Path | None = None) -> Timeline:
    """Load and check the timeline (default: the kit's ``timeline.yaml``, read once).

    Raises:
        TimelineError: naming the file, the line and the field of the first
            malformed event (missing field, unknown category, bad date, precision
            that disagrees with the date, end before start, duplicate id).

    >>> len(load_timeline()) >= 25
    True
    """
    if path is None:
        return _default_timeline()
    return _read(Path(path))


# ------------------------------------------------------------------------------------------
# Plotting
# ------------------------------------------------------------------------------------------

#: Marker shape and colour per category (Okabe-Ito colours, readable with colour blindness).
CATEGORY_STYLE = {
    "soviet": ("s", "#D55E00"),
    "emulation": ("o", "#0072B2"),
    "campaign": ("^", "#E69F00"),
    "institution": ("D", "#009E73"),
    "politics": ("P", "#CC79A7"),
    "publication": ("v", "#56B4E9"),
}
CATEGORY_LABELS = {
    "en": {"soviet": "Soviet precedent", "emulation": "emulation & advanced experience",
           "campaign": "campaign", "institution": "institution",
           "politics": "politics & planning", "publication": "People's Daily"},
    "zh": {"soviet": "苏联先例", "emulation": "劳动竞赛与先进经验", "campaign": "政治运动",
           "institution": "机构", "politics": "政治与计划", "publication": "人民日报报道"},
}
_TEXT = {
    "en": {"title": "Production emulation and the campaigns, {a}–{b}",
           "seed": "3 Aug 1952: the two articles", "uncertain": "open marker: sources disagree"},
    "zh": {"title": "劳动竞赛与政治运动大事年表({a}–{b}年)",
           "seed": "1952年8月3日 本课两篇文章刊出", "uncertain": "空心标记:史料记载不一"},
}
_FONT_SIZE = 7.5


def _text_width_in(text: str, size: float = _FONT_SIZE) -> float:
    """Rough width of a (possibly multi-line) label in inches."""
    def line_width(line):
        return sum(1.0 if ord(ch) > 0x2E80 else 0.56 for ch in line) * size / 72
    return max(line_width(line) for line in text.split("\n"))


def _wrap(text: str, lang: str) -> str:
    """Wrap a label to at most two lines (wider lines for long titles)."""
    base = 13 if lang == "zh" else 30
    width = max(base, -(-len(text) // 2) + (1 if lang == "zh" else 6))
    lines = textwrap.wrap(text, width, break_long_words=True)
    while len(lines) > 2:
        width += 2
        lines = textwrap.wrap(text, width, break_long_words=True)
    return "\n".join(lines)


def _pack_lanes(events, labels, x0, days_per_inch, xmin, xmax):
    """Give each event the lowest lane where its marker, bar and label fit.

    A label goes right of its marker if it can, else left of it. Returns the
    lanes, the sides ("right"/"left") and the number of lanes.
    """
    gap = 0.12 * days_per_inch
    lane_spans: list[list[tuple[float, float]]] = []
    lanes, sides = [], []

    def free(lane, left, right):
        return all(right + gap < a or left > b + gap for a, b in lane_spans[lane])

    for event, label in zip(events, labels):
        start = event.anchor.toordinal() - x0
        stop = event.end_date.toordinal() - x0
        width = _text_width_in(label) * days_per_inch + 0.1 * days_per_inch
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


def _as_timeline(events) -> Timeline:
    if events is None:
        return load_timeline()
    if isinstance(events, Timeline):
        return events
    if isinstance(events, Event):
        return Timeline([events])
    return Timeline(events)


def plot_timeline(events=None, *, start=None, end=None, categories=None, mark_articles=True,
                  lang="auto", ax=None):
    """Draw events on a horizontal time axis and return the matplotlib Figure.

    Args:
        events: a :class:`Timeline` or a list of :class:`Event` (default: the kit's timeline).
        start, end: only events overlapping these years (int, ISO date string or date).
        categories: only these categories (see :data:`CATEGORIES`).
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
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D

    from .plots import cjk_font_context, find_cjk_font, font_families, _new_axes, _resolve_lang

    timeline = _as_timeline(events).between(start, end)
    if categories is not None:
        timeline = timeline.only(categories)
    use = _resolve_lang(lang)
    families = font_families(find_cjk_font() if use == "zh" else None)
    words = _TEXT[use]

    lo = _bound(start, True) or (dt.date(timeline.first_year, 1, 1) if len(timeline)
                                 else SEED_DATE.replace(month=1, day=1))
    hi = _bound(end, False) or (dt.date(timeline.last_year, 12, 31) if len(timeline)
                                else SEED_DATE.replace(month=12, day=31))
    span = max(1, (hi - lo).days)
    pad = span * 0.02
    width_in = 13.0
    axes_in = width_in * 0.92 if ax is None else ax.figure.get_size_inches()[0] \
        * ax.get_position().width
    days_per_inch = (span + 2 * pad) / axes_in
    x0 = lo.toordinal()
    labels = [_wrap(e.title(use), use) for e in timeline]
    lanes, sides, n_lanes = _pack_lanes(timeline, labels, x0, days_per_inch, -pad, span + pad)
    lane_h = 0.42  # inches per lane: two lines of text above the marker line

    context = cjk_font_context() if use == "zh" else contextlib.nullcontext()
    own_figure = ax is None
    with context:
        fig, ax = _new_axes(ax, (width_in, max(3.0, n_lanes * lane_h + 1.6)))
        by_key: dict[tuple[str, bool], list] = {}
        for event, lane in zip(timeline, lanes):
            by_key.setdefault((event.category, bool(event.uncertain)), []).append((event, lane))
        for category in CATEGORIES:
            marker, colour = CATEGORY_STYLE[category]
            for uncertain in (False, True):
                items = by_key.get((category, uncertain), [])
                if not items:
                    continue
                xs = [mdates.date2num(e.anchor) for e, _ in items]
                ys = [-lane for _, lane in items]
                ax.scatter(xs, ys, marker=marker, s=42, zorder=3, linewidths=1.1,
                           facecolors="white" if uncertain else colour,
                           edgecolors=colour if uncertain else "black",
                           gid=f"events-{category}{'-uncertain' if uncertain else ''}")
                for event, lane in items:
                    if event.is_range:
                        ax.hlines(-lane, mdates.date2num(event.start),
                                  mdates.date2num(event.end_date), colors=colour, linewidth=3,
                                  alpha=0.45, zorder=2)
        for event, lane, side, label in zip(timeline, lanes, sides, labels):
            x = mdates.date2num(event.anchor)
            ax.annotate(label, (x, -lane), xytext=(3 if side == "right" else -3, 4),
                        textcoords="offset points", ha="left" if side == "right" else "right",
                        va="bottom", fontsize=_FONT_SIZE, fontfamily=families,
                        gid=f"label-{event.id}")

        ax.set_xlim(mdates.date2num(lo) - pad, mdates.date2num(hi) + pad)
        ax.set_ylim(-n_lanes + 0.4, 1.05)
        if mark_articles and lo <= SEED_DATE <= hi:
            seed_x = mdates.date2num(SEED_DATE)
            ax.axvline(seed_x, color="#B00000", linestyle="--", linewidth=1.2, zorder=1,
                       gid="seed-articles")
            ax.annotate(words["seed"], (seed_x, 1.0), xycoords=("data", "axes fraction"),
                        xytext=(3, 2), textcoords="offset points", ha="left", va="bottom",
                        fontsize=_FONT_SIZE + 0.5, color="#B00000", fontfamily=families,
                        gid="seed-articles-label")
        if span > 3 * 365:
            ax.xaxis.set_major_locator(mdates.YearLocator(1 if span <= 12 * 366 else 2))
            ax.xaxis.set_minor_locator(mdates.YearLocator(1))
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        else:  # a short span: months (or days) on the axis
            locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.tick_params(axis="x", labelsize=8)
        ax.set_yticks([])
        ax.spines[["left", "right", "top"]].set_visible(False)
        ax.grid(axis="x", which="major", color="#dddddd", linewidth=0.6, zorder=0)
        ax.set_title(words["title"].format(a=lo.year, b=hi.year), fontfamily=families,
                     fontsize=11, loc="left", pad=14)

        handles = [Line2D([], [], linestyle="", marker=CATEGORY_STYLE[c][0],
                          markerfacecolor=CATEGORY_STYLE[c][1], markeredgecolor="black",
                          label=CATEGORY_LABELS[use][c]) for c in timeline.categories]
        if any(e.uncertain for e in timeline):
            handles.append(Line2D([], [], linestyle="", marker="o", markerfacecolor="white",
                                  markeredgecolor="#555555", label=words["uncertain"]))
        if handles:
            options = dict(handles=handles, ncols=min(4, len(handles)), frameon=False,
                           prop={"family": families, "size": 8})
            if own_figure:
                legend = fig.legend(loc="outside lower center", **options)
            else:
                legend = ax.legend(loc="lower left", **options)
            legend.set_gid("legend")
    return fig

