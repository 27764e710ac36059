"""Plots with Chinese labels: the font is found, used without warnings, or replaced politely."""

from __future__ import annotations

import io
import shutil
import subprocess
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.font_manager as fm  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import kit  # noqa: E402
from kit import plots  # noqa: E402
from kit.errors import KitError  # noqa: E402
from kit.plots import fonts, plot_timeline  # noqa: E402
from kit.timeline import SEED_DATE  # noqa: E402


def _system_has_cjk_font() -> bool:
    if not shutil.which("fc-list"):
        return False
    out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
    return bool(out.strip())


needs_cjk = pytest.mark.skipif(not _system_has_cjk_font(),
                               reason="no CJK font installed (Debian: apt-get install fonts-noto-cjk)")


@pytest.fixture
def no_cjk_font(monkeypatch):
    """Pretend no CJK font is installed, with a fresh 'notice shown' flag."""
    monkeypatch.setattr(fonts, "find_cjk_font", lambda refresh=False: None)
    monkeypatch.setattr(fonts, "_notice_shown", False)


def _points(fig):
    """Number of event markers drawn in the figure."""
    return sum(len(c.get_offsets()) for ax in fig.axes for c in ax.collections
               if (c.get_gid() or "").startswith("events-"))


def _labels(fig):
    return {t.get_gid(): t.get_text() for ax in fig.axes for t in ax.texts
            if (t.get_gid() or "").startswith("label-")}


def _draw(fig):
    """Render to PNG and return the warnings matplotlib emitted while doing so."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png", dpi=60)
    return [str(w.message) for w in caught]


# ------------------------------------------------------------------------------------------
# Finding the font
# ------------------------------------------------------------------------------------------

@needs_cjk
def test_find_cjk_font_finds_the_installed_font():
    family = plots.find_cjk_font(refresh=True)
    assert family is not None
    assert "last resort" not in family.lower()
    assert family in {e.name for e in fm.fontManager.ttflist}
    assert family in plots.CJK_FONT_FAMILIES


@needs_cjk
def test_a_stale_font_cache_is_rebuilt_once(monkeypatch):
    # matplotlib's cache "predates" the font: the manager does not know any CJK file yet.
    stale = [e for e in fm.fontManager.ttflist
             if not fonts._CJK_FILE_HINT.search(e.fname) and "CJK" not in e.name]
    monkeypatch.setattr(fm.fontManager, "ttflist", stale)
    monkeypatch.setattr(fonts, "_cache_rebuilt", False)
    monkeypatch.setattr(fonts, "_found_family", fonts._NOT_SEARCHED)
    try:
        family = plots.find_cjk_font()
        assert family in plots.CJK_FONT_FAMILIES
        assert fonts._cache_rebuilt
        assert family in {e.name for e in fm.fontManager.ttflist}
    finally:
        fm.fontManager._findfont_cached.cache_clear()
    monkeypatch.undo()
    fm.fontManager._findfont_cached.cache_clear()
    plots.find_cjk_font(refresh=True)


def test_the_last_resort_font_is_never_chosen(monkeypatch):
    last_resort = [e for e in fm.fontManager.ttflist if "last resort" in e.name.lower()]
    monkeypatch.setattr(fm.fontManager, "ttflist", last_resort)
    monkeypatch.setattr(fonts, "_cache_rebuilt", True)  # do not rescan the disk here
    assert plots.find_cjk_font(refresh=True) is None
    monkeypatch.undo()
    plots.find_cjk_font(refresh=True)


@needs_cjk
def test_use_cjk_font_sets_a_latin_then_cjk_family_list():
    with matplotlib.rc_context():
        family = plots.use_cjk_font()
        assert matplotlib.rcParams["font.family"] == ["DejaVu Sans", family]


@needs_cjk
def test_mixed_chinese_label_draws_without_glyph_warnings():
    with plots.cjk_font_context():
        fig = Figure()
        ax = fig.add_subplot()
        ax.set_title("东北总工会 Northeast Federation of Trade Unions, 1952")
        ax.set_xlabel("推广先进经验")
    messages = _draw(fig)
    assert not [m for m in messages if "Glyph" in m and "missing" in m], messages


# ------------------------------------------------------------------------------------------
# The timeline plot
# ------------------------------------------------------------------------------------------

def test_plot_timeline_returns_a_figure_with_one_marker_per_event(timeline):
    fig = plot_timeline(lang="en")
    assert isinstance(fig, Figure)
    assert _points(fig) == len(timeline)
    assert set(_labels(fig)) == {f"label-{e.id}" for e in timeline}


def test_the_seed_articles_day_is_marked_and_labelled():
    fig = plot_timeline(lang="en")
    ax = fig.axes[0]
    lines = [line for line in ax.lines if line.get_gid() == "seed-articles"]
    assert len(lines) == 1
    assert list(lines[0].get_xdata()) == [mdates.date2num(SEED_DATE)] * 2
    label = [t for t in ax.texts if t.get_gid() == "seed-articles-label"]
    assert label and "1952" in label[0].get_text()


def test_mark_articles_can_be_turned_off():
    fig = plot_timeline(lang="en", mark_articles=False)
    assert not [line for line in fig.axes[0].lines if line.get_gid() == "seed-articles"]


def test_markers_differ_in_shape_as_well_as_colour():
    from kit.plots import CATEGORY_STYLE

    shapes = [style[0] for style in CATEGORY_STYLE.values()]
    colours = [style[1] for style in CATEGORY_STYLE.values()]
    assert len(set(shapes)) == len(shapes) and len(set(colours)) == len(colours)
    fig = plot_timeline(lang="en")
    legend = [c for c in fig.get_children() if getattr(c, "get_gid", lambda: None)() == "legend"]
    assert legend, "the figure has a legend of categories"
    texts = [t.get_text() for t in legend[0].get_texts()]
    assert "Soviet precedent" in texts and "People's Daily" in texts


def test_filters_by_years_and_categories(timeline):
    fig = plot_timeline(start=1951, end=1952, categories=["campaign", "emulation"], lang="en")
    expected = timeline.between(1951, 1952).only(["campaign", "emulation"])
    assert _points(fig) == len(expected) > 3
    with pytest.raises(KitError, match="unknown category 'sports'"):
        plot_timeline(categories=["sports"], lang="en")
    with pytest.raises(KitError, match="lang must be"):
        plot_timeline(lang="fr")


def test_labels_do_not_overlap_in_the_packed_lanes():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = plot_timeline(lang="en")
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in fig.axes[0].texts
             if (t.get_gid() or "").startswith("label-")]
    overlaps = sum(1 for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.overlaps(b))
    assert overlaps == 0, f"{overlaps} pairs of labels overlap"
    frame = fig.axes[0].get_window_extent(renderer)
    assert all(frame.x0 - 2 <= b.x0 and b.x1 <= frame.x1 + 2 for b in boxes), \
        "every label stays inside the plot"


def test_draws_into_a_given_axes(timeline):
    fig = Figure(figsize=(10, 6))
    ax = fig.add_subplot()
    assert plot_timeline(start=1949, end=1953, lang="en", ax=ax) is fig
    assert _points(fig) == len(timeline.between(1949, 1953))


@needs_cjk
def test_chinese_labels_when_a_font_is_installed(timeline):
    fig = plot_timeline()  # lang="auto"
    labels = _labels(fig)
    seed = labels["label-seed-articles-published"].replace("\n", "")
    assert seed == timeline["seed-articles-published"].title_zh
    assert "年" in fig.axes[0].get_title(loc="left")
    messages = _draw(fig)
    assert not [m for m in messages if "Glyph" in m], messages


def test_without_a_font_labels_are_english_and_one_notice_is_printed(timeline, no_cjk_font,
                                                                        capsys):
    fig = plot_timeline()
    plot_timeline(start=1950, end=1952)
    out = capsys.readouterr()
    assert out.out.count("fonts-noto-cjk") == 1, "the install notice is printed once"
    assert "font-ttf-noto-cjk" in out.out
    assert out.err == ""
    labels = _labels(fig)
    assert labels["label-seed-articles-published"].replace("\n", " ") == \
        timeline["seed-articles-published"].title_en
    assert not any(plots.has_cjk(text) for text in labels.values())
    assert not [m for m in _draw(fig) if "Glyph" in m]


# ------------------------------------------------------------------------------------------
# Word-frequency bars
# ------------------------------------------------------------------------------------------

COUNTS = {"先进经验": 21, "推广": 19, "工会": 7, "干部": 5}


@needs_cjk
def test_frequency_plot_with_chinese_words():
    fig = plots.frequency_plot(COUNTS, "种子文章 000 的高频词")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == list(COUNTS)
    assert [p.get_width() for p in ax.patches] == list(COUNTS.values())
    assert not [m for m in _draw(fig) if "Glyph" in m]


def test_frequency_plot_accepts_series_and_pairs_and_sorts():
    import pandas as pd

    series = pd.Series({"工会": 7, "推广": 19})
    for data in (series, [("工会", 7), ("推广", 19)]):
        fig = plots.frequency_plot(data, lang="en")
        assert [p.get_width() for p in fig.axes[0].patches] == [19, 7]
    assert plots.bar_chart is plots.frequency_plot


def test_frequency_plot_falls_back_to_pinyin(no_cjk_font, capsys):
    fig = plots.frequency_plot({**COUNTS, "嫌麻烦": 3}, "高频词")
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    # read in context, as kit.pinyin reads it: word by word, the kit's overrides first
    assert ticks == ["xiānjìn jīngyàn", "tuīguǎng", "gōnghuì", "gànbù", "xiánmáfan"]
    assert fig.axes[0].get_title() == "gāopíncí"
    assert "fonts-noto-cjk" in capsys.readouterr().out
    assert not [m for m in _draw(fig) if "Glyph" in m]


def test_kit_exports_plot_timeline():
    assert kit.plot_timeline is plot_timeline
