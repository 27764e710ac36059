"""The timeline of the campaigns, 1935-1958: sourced events and queries over them.

Events live in ``kit/data/timeline.yaml`` (each with a date precision, English
and Chinese titles, a category and at least one source)::

    >>> timeline = load_timeline()
    >>> seed = timeline["seed-articles-published"]
    >>> seed.start.isoformat(), seed.precision, seed.category
    ('1952-08-03', 'day', 'publication')
    >>> [e.id for e in timeline.between(1952, 1952)][:2]
    ['five-anti-launched', 'hao-jianxiu-group-named']

:func:`kit.plots.plot_timeline` (also ``kit.plot_timeline``) draws them; this module holds
the data and the queries only.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ._data import data_path
from ._yaml import load_entries
from .errors import KitError, TimelineError, UnknownIdError, did_you_mean
from .sources import Source, parse_sources

__all__ = ["CATEGORIES", "CATEGORY_LABELS", "SEED_DATE", "Source", "Event", "Timeline",
           "load_timeline", "as_timeline", "date_bound", "clear_caches"]

#: The fixed list of categories (documented in the header of timeline.yaml).
CATEGORIES = ("soviet", "emulation", "campaign", "institution", "politics", "publication")

#: The day the report and the commentary (the seed articles) appeared in the People's Daily, page 2.
SEED_DATE = dt.date(1952, 8, 3)

#: How many close ids an unknown event id's error message suggests.
SUGGESTIONS = 5

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
            containing = [i for i in self._by_id if str(key).lower() in i]
            hint = (did_you_mean(key, containing, n=SUGGESTIONS, cutoff=0, style="clause")
                    or did_you_mean(key, self._by_id, n=SUGGESTIONS, style="clause"))
            raise UnknownIdError(f"no event with id {key!r}{hint} (timeline.ids lists them "
                                 "all)") from None

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
        lo = date_bound(start_year, first=True)
        hi = date_bound(end_year, first=False)
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


def date_bound(value, first: bool) -> dt.date | None:
    """A year, ISO date string or date as a date: the first day (``first``) or the last.

    >>> date_bound(1952, first=False), date_bound("1952-08", first=True)
    (datetime.date(1952, 12, 31), datetime.date(1952, 8, 1))
    """
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


@functools.lru_cache(maxsize=1)  # one default timeline per session
def _default_timeline() -> Timeline:
    return _read(data_path("timeline.yaml"))


def clear_caches() -> None:
    """Forget the default timeline, so the next :func:`load_timeline` reads the file again."""
    _default_timeline.cache_clear()


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


#: The category names shown in legends and views, by language.
CATEGORY_LABELS = {
    "en": {"soviet": "Soviet precedent", "emulation": "emulation & advanced experience",
           "campaign": "campaign", "institution": "institution",
           "politics": "politics & planning", "publication": "People's Daily"},
    "zh": {"soviet": "苏联先例", "emulation": "劳动竞赛与先进经验", "campaign": "政治运动",
           "institution": "机构", "politics": "政治与计划", "publication": "人民日报报道"},
}


def as_timeline(events=None) -> Timeline:
    """A :class:`Timeline` from None (the kit's), a timeline, one event or a list of events.

    >>> len(as_timeline([load_timeline()["seed-articles-published"]]))
    1
    """
    if events is None:
        return load_timeline()
    if isinstance(events, Timeline):
        return events
    if isinstance(events, Event):
        return Timeline([events])
    return Timeline(events)
