"""The timeline view: year range and category over kit.plot_timeline, and the list of events."""

from __future__ import annotations

import re

import matplotlib.dates as mdates
import pytest

import kit
from kit.errors import KitError
from kit.views.timeline_view import TimelineView, render_events_html, select_events

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def view(timeline):
    """One TimelineView (drawing is slow: shared by the tests, each sets what it needs)."""
    return TimelineView(timeline)


def png_of(view) -> bytes:
    """The PNG bytes inside the view's <img> (a data: URL)."""
    import base64

    return base64.b64decode(re.search(r'src="data:image/png;base64,([^"]+)"', view.image.value).group(1))


def listed(page):
    return re.findall(r'<tr data-event="([^"]+)">', page)


def test_opens_on_1935_to_1958_with_every_event(view, timeline):
    view.years.value, view.category.value = (1935, 1958), ""
    assert "kit-timeline" in view._dom_classes
    assert view.years.min <= 1935 and view.years.max >= 1958
    assert png_of(view).startswith(PNG)
    assert 'alt="Timeline chart, 1935–1958, all categories: ' in view.image.value
    assert listed(view.html.value) == [e.id for e in timeline.between(1935, 1958)]


def test_moving_the_slider_redraws_and_narrows_the_list(view, timeline):
    view.years.value, view.category.value = (1935, 1958), ""
    before = png_of(view)
    view.years.value = (1951, 1953)
    assert png_of(view).startswith(PNG) and png_of(view) != before
    assert "1951–1953" in view.image.value
    ids = listed(view.html.value)
    assert ids and len(ids) < len(timeline)
    for event in (timeline[i] for i in ids):
        assert event.start.year <= 1953 and event.end_date.year >= 1951


def test_the_seed_meeting_of_july_1952_is_listed(view):
    view.years.value, view.category.value = (1952, 1952), ""
    page = view.html.value
    assert "20 Jul 1952" in page            # the cadre meeting the report describes


def test_category_filter(view, timeline):
    view.years.value = (1935, 1958)
    category = timeline.categories[0]
    view.category.value = category
    ids = listed(view.html.value)
    assert ids and all(timeline[i].category == category for i in ids)
    view.category.value = ""


def test_events_show_both_titles_and_sources(view, timeline):
    view.years.value, view.category.value = (1935, 1958), ""
    page = view.html.value
    event = list(timeline)[0]
    row = page.split(f'<tr data-event="{event.id}">')[1].split("</tr>")[0]
    assert f'<span lang="zh-Hans">{event.title_zh}</span>' in row
    assert 'class="kit-sources"' in row and len(row.split('class="kit-sources">')[1]) > 10


def test_an_empty_range_says_so(timeline):
    page = render_events_html(select_events(timeline, (1900, 1901)), (1900, 1901))
    assert "No events in 1900–1901" in page


def test_a_backwards_range_is_explained(timeline):
    with pytest.raises(KitError, match=r"runs backwards \(1958–1935\)"):
        select_events(timeline, (1958, 1935))


def _shown_in_plot(view):
    """The events whose marker and label the view's figure draws now."""
    return view.chart.shown_ids()


def test_a_new_range_moves_the_same_figure_to_exactly_its_events(timeline):
    view = TimelineView(timeline)
    figure, axes = view.chart.figure, view.chart.ax
    for years, category in [((1951, 1953), ""), ((1940, 1950), ""), ((1952, 1952), "campaign"),
                            ((1935, 1958), "")]:
        view.years.value, view.category.value = years, category
        expected = [e.id for e in select_events(timeline, years, category)]
        assert _shown_in_plot(view) == expected
        assert listed(view.html.value) == expected
        assert view.chart.figure is figure and view.chart.ax is axes   # never rebuilt
        low, high = axes.get_xlim()
        assert mdates.num2date(low).year <= years[0] and mdates.num2date(high).year >= years[1]
        assert str(years[0]) in axes.get_title(loc="left")
    assert len(figure.axes) == 1


def test_hidden_events_are_not_drawn_and_shown_ones_do_not_overlap(timeline):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    view = TimelineView(timeline)
    view.years.value = (1950, 1953)
    chart = view.chart
    canvas = FigureCanvasAgg(chart.figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    labels = [t for t in chart.ax.texts if (t.get_gid() or "").startswith("label-")]
    visible = [t for t in labels if t.get_visible()]
    assert {t.get_gid()[len("label-"):] for t in visible} == set(chart.shown_ids())
    boxes = [t.get_window_extent(renderer) for t in visible]
    assert not [1 for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.overlaps(b)]


def test_pictures_are_kept_for_a_few_settings_only(timeline):
    from kit.views import timeline_view

    view = TimelineView(timeline)
    for first in range(1935, 1935 + timeline_view.PNG_CACHE_SIZE + 4):
        view.years.value = (first, 1958)
    assert len(view._pngs) == timeline_view.PNG_CACHE_SIZE


def test_without_a_kernel_the_view_shows_its_chart_and_events(view):
    """A notebook opened before it is run shows the chart (with its text alternative) and the
    events as static HTML, not a raw widget repr."""
    view.years.value, view.category.value = (1951, 1953), ""
    bundle = view._repr_mimebundle_()
    assert bundle["text/plain"].startswith("TimelineView: 1951–1953, all categories")
    assert 'alt="Timeline chart, 1951–1953' in bundle["text/html"]
    assert listed(bundle["text/html"]) == listed(view.html.value)
