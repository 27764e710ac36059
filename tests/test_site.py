"""The static site (kit.site, ``python -m kit export --site site/``): the articles' reader
pages, the glossary with its search, the timeline and the notebooks, linked together, every
link resolving and nothing fetched from the web."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

import kit.site
from kit.cli import main
from kit.site import broken_links, build_site

REPORT_ID = "000_7ca6473d3635779a"


def write_notebooks(folder: Path) -> Path:
    """Two lesson notebooks: links to each other, to a file not on the site and to the web,
    and a stored widget output with its static text/html."""
    lessons = folder / "lessons"
    lessons.mkdir(parents=True)
    first = nbformat.v4.new_notebook()
    first.cells = [
        nbformat.v4.new_markdown_cell("# One\n\nNext: [lesson two](02_two.ipynb#Two), the "
                                      "[sources](../docs/sourcing.md) and "
                                      "[Wikipedia](https://en.wikipedia.org/wiki/Stakhanovite_movement)."),
        nbformat.v4.new_code_cell("view", execution_count=1, outputs=[nbformat.v4.new_output(
            "display_data", data={
                "application/vnd.jupyter.widget-view+json": {"model_id": "abc", "version_major": 2,
                                                             "version_minor": 0},
                "text/html": '<div class="kit-view"><p lang="zh-Hans">推广先进经验</p></div>',
                "text/plain": "ReaderView(children=(…))"})]),
    ]
    first.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    second = nbformat.v4.new_notebook()
    second.cells = [nbformat.v4.new_markdown_cell("# Two\n\nBack to [one](01_one.ipynb).")]
    nbformat.write(first, str(lessons / "01_one.ipynb"))
    nbformat.write(second, str(lessons / "02_two.ipynb"))
    return lessons


@pytest.fixture(scope="module")
def site(tmp_path_factory, corpus, glossary, notes, timeline):
    root = tmp_path_factory.mktemp("site")
    lessons = write_notebooks(root / "src")
    out = root / "site"
    written = build_site(out, corpus, glossary=glossary, notes=notes, timeline=timeline,
                         notebook_dirs=[lessons])
    return out, written


def test_the_site_has_every_page(site, corpus):
    out, written = site
    names = {str(p.relative_to(out)) for p in written}
    assert names == {"index.html", "glossary.html", "timeline.html", "lessons/01_one.html",
                     "lessons/02_two.html", *(f"articles/{aid}.html" for aid in corpus.ids)}
    index = (out / "index.html").read_text(encoding="utf-8")
    for aid in corpus.ids:
        assert f'href="articles/{aid}.html"' in index
    assert 'href="lessons/01_one.html"' in index and 'href="glossary.html"' in index
    article = (out / "articles" / f"{REPORT_ID}.html").read_text(encoding="utf-8")
    assert 'href="../index.html"' in article


def test_every_link_resolves(site):
    out, _ = site
    assert broken_links(out) == []


def test_a_broken_link_is_found(tmp_path):
    (tmp_path / "a.html").write_text('<p id="here"><a href="b.html">b</a> <a href="#here">x</a> '
                                     '<a href="#gone">y</a> <a href="https://example.org/">z</a>')
    assert broken_links(tmp_path) == ["a.html: b.html (no such file)",
                                      "a.html: #gone (no such anchor)"]


def test_notebook_links_and_widgets(site):
    out, _ = site
    page = (out / "lessons" / "01_one.html").read_text(encoding="utf-8")
    assert 'href="02_two.html#Two"' in page
    assert "sourcing.md" not in re.findall(r'href="([^"]*)"', page)
    assert 'class="kit-offsite"' in page and ">sources</span>" in page
    assert 'href="https://en.wikipedia.org/wiki/Stakhanovite_movement"' in page
    assert "推广先进经验" in page, "the widget's static text/html is not shown"
    assert "widget-state" not in page and "ReaderView(children" not in page
    assert 'href="../index.html"' in page


def test_nothing_is_fetched_from_the_web(site):
    out, written = site
    for path in written:
        page = path.read_text(encoding="utf-8")
        where = path.relative_to(out)
        assert not re.search(r"""\ssrc=["']?(https?:)?//""", page), where
        assert not re.search(r"<link\b[^>]*href=[\"']?(https?:)?//", page), where
        assert not re.search(r"<script\b[^>]*\ssrc=", page), where
        assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", page), where
        for tag in re.findall(r"""<(\w+)\b[^>]*\shref=["']https?:""", page):
            assert tag == "a", f"{where}: a <{tag}> points to the web"


def test_glossary_page_is_searchable(site, glossary):
    out, _ = site
    page = (out / "glossary.html").read_text(encoding="utf-8")
    assert page.count("data-search=") == len(glossary)
    assert 'id="kit-search"' in page and "addEventListener('input'" in page
    item = re.search(r'<li id="term-zengchan-jieyue-yundong" data-search="([^"]*)"', page)
    assert item and "zengchanjieyue" in item.group(1).replace(" ", "")


def test_timeline_page_has_the_chart_as_svg(site, timeline):
    out, _ = site
    page = (out / "timeline.html").read_text(encoding="utf-8")
    assert page.count("<svg") >= 1 and 'role="img"' in page
    assert page.count("data-event=") == len(list(timeline))


def test_cli_export_site(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(kit.site, "NOTEBOOK_DIRS", ())
    assert main(["export", "--site", str(tmp_path / "site")]) == 0
    assert (tmp_path / "site" / "index.html").is_file()
    assert "pages written" in capsys.readouterr().out


def test_a_widget_without_a_static_copy_says_where_it_works(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("view", execution_count=1, outputs=[
        nbformat.v4.new_output("display_data", data={
            "application/vnd.jupyter.widget-view+json": {"model_id": "x", "version_major": 2,
                                                         "version_minor": 0},
            "text/plain": "QuizView(children=(HTML(value='')))"})])]
    path = tmp_path / "n.ipynb"
    nbformat.write(notebook, str(path))
    page = kit.site.notebook_page_html(path)
    assert "QuizView(children" not in page and "make app" in page
    assert "window.kitReader" in page      # the reader's script: cards open in stored views


def test_the_index_shows_hostile_titles_as_text():
    text = (Path(__file__).resolve().parent / "data" / "articles" / f"{REPORT_ID}.txt").read_text(
        encoding="utf-8")
    hostile = text.replace("Title: ", "Title: <script>alert(1)</script> ", 1)
    page = kit.site.index_html([kit.parse_article(hostile, source="hostile.txt")], {})
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
