"""The timeline view: a year range and a category filter over the campaigns' timeline.

The plot is drawn once (a :class:`kit.plots.TimelineChart`); a new year range or category
only moves it (hidden events, re-packed lanes, new axis limits), so a slider answers at once.

    >>> import kit
    >>> timeline = kit.load_timeline()
    >>> events = select_events(timeline, (1952, 1952))
    >>> all(e.start.year <= 1952 <= e.end_date.year for e in events)
    True
    >>> "kit-events" in render_events_html(events, (1952, 1952))
    True
"""

from __future__ import annotations

import base64
import io
from collections import OrderedDict

import ipywidgets as widgets

from ..errors import KitError
from ..plots import TimelineChart, plot_timeline
from ..timeline import CATEGORY_LABELS, load_timeline
from ._html import attrs, esc, render_safely, sources_html, view_html
from .fallback import StaticFallback

__all__ = ["TimelineView", "select_events", "render_events_html", "timeline_png", "chart_img_html",
           "YEARS"]

#: The years the slider covers by default: from the Stakhanovite movement to the Great Leap.
YEARS = (1935, 1958)

ALL_CATEGORIES = ""

#: Resolution of the view's plot, in dots per inch.
DPI = 80
#: How many (years, category) pictures a view keeps, so going back to one is instant.
PNG_CACHE_SIZE = 16


def _category_label(category: str) -> str:
    return CATEGORY_LABELS.get("en", {}).get(category, category)


def select_events(timeline, years=YEARS, category: str = ALL_CATEGORIES):
    """The events overlapping ``years`` (first, last; both included), of ``category`` if given."""
    first, last = years
    if first > last:
        raise KitError(f"the year range runs backwards ({first}–{last}): "
                       f"give the earlier year first, e.g. ({last}, {first})")
    events = timeline.between(first, last)
    return events.only(category) if category else events


def render_events_html(events, years=None) -> str:
    """A table of events (date, Chinese and English title, category, description, sources)."""
    span = f" {years[0]}–{years[1]}" if years else ""
    events = list(events)
    if not events:
        return view_html(f'<p class="kit-empty">No events in{esc(span)} for this filter. '
                         "Widen the year range or choose all categories.</p>", "kit-timeline-page")
    rows = []
    for event in events:
        sources = sources_html(event.sources)
        doubt = f"<br><em>Sources disagree:</em> {esc(event.uncertain)}" if event.uncertain else ""
        rows.append(
            f"<tr{attrs(data_event=event.id)}>"
            f'<td class="kit-where">{esc(event.date_label("en"))}</td>'
            f'<td><span lang="zh-Hans">{esc(event.title_zh)}</span><br>'
            f'<span lang="en"><strong>{esc(event.title_en)}</strong></span></td>'
            f'<td><span class="kit-tag">{esc(_category_label(event.category))}</span></td>'
            f'<td lang="en">{esc(event.description)}{doubt}</td>'
            f'<td lang="en" class="kit-sources">{sources}</td></tr>')
    head = ("<thead><tr><th>Date</th><th>Event</th><th>Category</th><th>What happened</th>"
            "<th>Sources</th></tr></thead>")
    count = f'<p class="kit-meta">{len(events)} event{"s" if len(events) != 1 else ""}' \
            f"{esc(span)}</p>"
    return view_html(f'{count}<table class="kit-table kit-events">{head}<tbody>{"".join(rows)}'
                     "</tbody></table>", "kit-timeline-page")


def timeline_png(timeline, years=YEARS, category: str = ALL_CATEGORIES, *, dpi: int = DPI) -> bytes:
    """The plot of :func:`kit.plot_timeline` for these years and category, as PNG bytes
    (a new figure each time; the view moves one figure instead)."""
    first, last = years
    fig = plot_timeline(timeline, start=first, end=last,
                        categories=[category] if category else None)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def chart_img_html(png: bytes, alt: str) -> str:
    """The chart as an ``<img>`` with its text alternative (screen readers read ``alt``).

    >>> chart_img_html(b"\\x89PNG", "Timeline <1952>")[:63]
    '<img class="kit-timeline-chart" alt="Timeline &lt;1952&gt;" src'
    """
    data = base64.b64encode(png).decode("ascii")
    return (f'<img class="kit-timeline-chart" alt="{esc(alt)}" src="data:image/png;base64,{data}"'
            ' style="max-width: 100%; height: auto">')


class TimelineView(StaticFallback, widgets.VBox):
    """The campaigns' timeline: choose years and a category; see the plot and the events.

    Controls (attributes): ``years`` (an IntRangeSlider), ``category``; the plot is in
    ``image`` (an HTML ``<img>`` with a text alternative that names the years, the category
    and the number of events; ``png()`` gives its bytes) and the list of events in ``html``. ``chart`` is the one
    :class:`kit.plots.TimelineChart` the view draws once and then moves.
    """

    def __init__(self, timeline=None, *, years=YEARS):
        self.timeline = timeline if timeline is not None else load_timeline()
        low = min(YEARS[0], self.timeline.first_year or YEARS[0])
        high = max(YEARS[1], self.timeline.last_year or YEARS[1])
        self.chart = TimelineChart(self.timeline)
        self._pngs: OrderedDict[tuple, bytes] = OrderedDict()
        self.years = widgets.IntRangeSlider(value=tuple(years), min=low, max=high, step=1,
                                            description="Years", continuous_update=False,
                                            layout=widgets.Layout(width="36rem"))
        self.category = widgets.Dropdown(
            options=[("All categories", ALL_CATEGORIES)]
            + [(_category_label(c), c) for c in self.timeline.categories],
            description="Category")
        self.image = widgets.HTML(layout=widgets.Layout(max_width="100%"))
        self.html = widgets.HTML()
        self.errors = widgets.Output()
        super().__init__([widgets.HBox([self.years, self.category]), self.image, self.html,
                          self.errors])
        self.add_class("kit-timeline")
        self.years.observe(self._refresh, names="value")
        self.category.observe(self._refresh, names="value")
        self._refresh()

    def events(self):
        """The events the view shows now."""
        return select_events(self.timeline, self.years.value, self.category.value)

    def png(self) -> bytes:
        """The plot for the current settings: the chart moved there and drawn (the last
        :data:`PNG_CACHE_SIZE` pictures are kept)."""
        (first, last), category = self.years.value, self.category.value
        self.chart.show(first, last, [category] if category else None)  # cheap: no drawing
        key = (first, last, category)
        if key in self._pngs:
            self._pngs.move_to_end(key)
            return self._pngs[key]
        self._pngs[key] = self.chart.png(dpi=DPI)
        if len(self._pngs) > PNG_CACHE_SIZE:
            self._pngs.popitem(last=False)
        return self._pngs[key]

    def render(self) -> str:
        """Draw the plot into ``image`` and return the events' HTML (what ``html`` shows)."""
        events = self.events()  # first: a backwards range is explained, not drawn
        self.image.value = chart_img_html(self.png(), self._alt_text(events))
        return render_events_html(events, self.years.value)

    def static_summary(self) -> str:
        (first, last), category = self.years.value, self.category.value
        return f"{first}–{last}, {_category_label(category) if category else 'all categories'}"

    def static_html(self) -> str:
        return self.image.value + self.html.value

    def _alt_text(self, events) -> str:
        (first, last), category = self.years.value, self.category.value
        shown = _category_label(category) if category else "all categories"
        return (f"Timeline chart, {first}–{last}, {shown}: {len(events)} events, "
                "listed in the table below.")

    def _refresh(self, change=None) -> None:
        with self.errors:
            self.html.value = render_safely(self.render, view_class="kit-timeline-page")
