"""The timeline data and its loader: real events, real sources, helpful errors."""

from __future__ import annotations

import datetime as dt
import re
import textwrap

import pytest

import kit
from kit.errors import KitError, TimelineError
from kit.timeline import CATEGORIES, SEED_DATE, Event, Timeline, load_timeline


def test_public_names_are_exported():
    assert kit.load_timeline is load_timeline
    assert kit.Event is Event


def test_enough_events_between_1935_and_1958(timeline):
    assert len(timeline) >= 25
    assert timeline.first_year == 1935
    assert timeline.last_year == 1958
    assert all(1935 <= e.start.year and e.end_date.year <= 1958 for e in timeline)


def test_ids_are_unique(timeline):
    assert len(set(timeline.ids)) == len(timeline)


@pytest.mark.parametrize("event_id, date", [
    ("stakhanov-record", "1935-08-31"),
    ("model-worker-conference-1950", "1950-09-25"),
    ("hao-jianxiu-method-named", "1951-08-17"),
    ("increase-production-campaign", "1951-10"),
    ("three-anti-launched", "1951-12-01"),
    ("five-anti-launched", "1952-01-26"),
    ("northeast-ftu-cadre-meeting", "1952-07-20"),
    ("seed-articles-published", "1952-08-03"),
    ("first-five-year-plan", "1953"),
    ("national-advanced-producers", "1956-04"),
    ("communist-youth-league-renamed", "1957-05-24"),
    ("great-leap-forward", "1958-05"),
])
def test_the_key_events_are_there_with_their_dates(timeline, event_id, date):
    assert timeline[event_id].date == date


def test_the_seed_events_match_the_article(timeline, corpus):
    article = corpus["000_7ca6473d3635779a"]
    assert timeline["seed-articles-published"].start == article.date == SEED_DATE
    assert "七月二十日" in article.paragraphs_zh[0]
    assert timeline["northeast-ftu-cadre-meeting"].start == dt.date(1952, 7, 20)


def test_every_event_has_a_real_looking_source(timeline):
    for event in timeline:
        assert event.sources, event.id
        for source in event.sources:
            assert source.title.strip(), event.id
            assert source.url or (source.author and source.year), event.id
            if source.url:
                assert re.match(r"^https?://\S+$", source.url), (event.id, source.url)


def test_dates_agree_with_their_precision(timeline):
    shapes = {"day": r"^\d{4}-\d{2}-\d{2}$", "month": r"^\d{4}-\d{2}$", "year": r"^\d{4}$"}
    for event in timeline:
        assert re.match(shapes[event.precision], event.date), event.id
        if event.end:
            assert re.match(shapes[event.precision], event.end), event.id
            assert event.end_date >= event.start, event.id
        assert isinstance(event.start, dt.date) and event.year == event.start.year


def test_fields_are_filled_and_one_line(timeline):
    for event in timeline:
        assert event.category in CATEGORIES
        assert re.search(r"[\u4e00-\u9fff]", event.title_zh), event.id
        for text in (event.title_en, event.title_zh, event.description):
            assert text.strip() and "\n" not in text, event.id


def test_events_are_in_date_order_in_the_file_and_the_collection(timeline):
    starts = [(e.start, e.end_date) for e in timeline]
    assert starts == sorted(starts)
    file_order = sorted(timeline, key=lambda e: e.line)
    assert [e.id for e in file_order] == timeline.ids, "keep timeline.yaml in date order"


def test_disputed_facts_say_so(timeline):
    # the 1950 decision date and delegate count, the 1951 editorial's date, the 1956 dates,
    # and the 14 July 1952 report that has not been found
    for event_id in ("model-worker-conference-decision", "model-worker-conference-1950",
                     "increase-production-campaign", "national-advanced-producers",
                     "shenyang-factory-report"):
        assert timeline[event_id].uncertain, event_id
    assert "20 October" in timeline["increase-production-campaign"].uncertain


def test_youth_league_dates_support_the_translation_note(timeline):
    founded = timeline["ndyl-first-congress"].start
    renamed = timeline["communist-youth-league-renamed"].start
    assert founded < SEED_DATE < renamed


def test_between_and_only(timeline):
    in_1952 = timeline.between(1952, 1952)
    assert len(in_1952) >= 5
    assert all(e.start <= dt.date(1952, 12, 31) and e.end_date >= dt.date(1952, 1, 1)
               for e in in_1952)
    assert "first-five-year-plan" in timeline.between(1955, 1955).ids  # ranges overlap
    soviet = timeline.only("soviet")
    assert soviet.categories == ("soviet",) and len(soviet) >= 4
    with pytest.raises(KitError, match="unknown category 'sovet'; use one of: soviet"):
        timeline.only(["sovet"])


def test_categories_in_fixed_order(timeline):
    assert timeline.categories == CATEGORIES


def test_to_frame(timeline):
    frame = timeline.to_frame()
    assert len(frame) == len(timeline)
    assert {"id", "date", "precision", "start", "category", "title_en", "title_zh",
            "sources"} <= set(frame.columns)
    assert str(frame["start"].dtype).startswith("datetime64")
    row = frame.set_index("id").loc["seed-articles-published"]
    assert row["start"].date() == SEED_DATE


def test_lookup_and_repr(timeline):
    assert timeline[0].id == "stakhanov-record"
    with pytest.raises(KeyError, match="no event with id 'nope'"):
        timeline["nope"]
    assert "events, 1935–1958" in repr(timeline)
    assert timeline["three-anti-launched"].date_label("zh") == "1951年12月1日"
    assert timeline["first-five-year-plan"].date_label() == "1953 – 1957"


def test_default_timeline_is_loaded_once():
    assert load_timeline() is load_timeline()


# ------------------------------------------------------------------------------------------
# Validation: errors name the file, the line and the field
# ------------------------------------------------------------------------------------------

GOOD = """\
events:
  - id: good-event
    date: "1952-08-03"
    precision: day
    title_en: A title
    title_zh: 标题
    description: One line.
    category: publication
    sources:
      - title: A page
        url: https://example.org/page
"""


def _write(tmp_path, text):
    path = tmp_path / "timeline.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_loads(tmp_path):
    loaded = load_timeline(_write(tmp_path, GOOD))
    assert isinstance(loaded, Timeline) and loaded.ids == ["good-event"]


@pytest.mark.parametrize("old, new, line, field, message", [
    ("    category: publication\n", "", 2, "category", "has no 'category'"),
    ("category: publication", "category: sovet", 8, "category",
     "unknown category 'sovet'; use one of: soviet, emulation, campaign"),
    ('date: "1952-08-03"', 'date: "1952-13-45"', 3, "date", "not a real date"),
    ('date: "1952-08-03"', 'date: "1952-08"', 3, "date",
     "written at month precision but precision is 'day'"),
    ("    precision: day\n", '    precision: day\n    end: "1952-07-01"\n', 5, "end",
     "end '1952-07-01' is before date '1952-08-03'"),
    ("precision: day", "precision: week", 4, "precision", "not one of day, month, year"),
    ("title_en: A title", "titel_en: A title", 5, "titel_en", "unknown field 'titel_en'"),
    ("      - title: A page\n        url: https://example.org/page\n", "      - title: A page\n",
     10, "sources", "needs a url, or an author and a year"),
])
def test_malformed_events_name_file_line_and_field(tmp_path, old, new, line, field, message):
    assert old in GOOD
    path = _write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(TimelineError) as info:
        load_timeline(path)
    err = info.value
    assert err.path.endswith("timeline.yaml")
    assert err.line == line
    assert err.field == field
    assert message in str(err)
    assert f"timeline.yaml, line {line}:" in str(err)


def test_duplicate_id_names_the_second_line(tmp_path):
    second = GOOD.split("events:\n", 1)[1]
    path = _write(tmp_path, GOOD + second)
    with pytest.raises(TimelineError, match=r"'good-event' is used twice \(first on line 2\)") \
            as info:
        load_timeline(path)
    assert info.value.line == 12 and info.value.field == "id"


def test_broken_yaml_names_the_line(tmp_path):
    path = _write(tmp_path, GOOD.replace("    title_zh: 标题\n", "    title_zh: [标题\n"))
    with pytest.raises(TimelineError, match="not valid YAML") as info:
        load_timeline(path)
    assert info.value.line is not None and info.value.line >= 6


def test_an_event_that_is_not_a_mapping(tmp_path):
    with pytest.raises(TimelineError, match="must be a mapping of fields") as info:
        load_timeline(_write(tmp_path, GOOD + "  - just a line of text\n"))
    assert info.value.line == 12


def test_a_file_without_events_list(tmp_path):
    with pytest.raises(TimelineError, match="top-level 'events:' list"):
        load_timeline(_write(tmp_path, "- id: x\n"))


def test_unquoted_dates_are_accepted(tmp_path):
    text = textwrap.dedent(GOOD).replace('date: "1952-08-03"', "date: 1952-08-03")
    assert load_timeline(_write(tmp_path, text))[0].date == "1952-08-03"
