"""The kit as a static site: files to upload anywhere (a course site, an LMS, a USB stick).

:func:`build_site` writes, into one folder::

    index.html               the articles, the glossary, the timeline and the lessons
    articles/<id>.html       a reader page for each article (kit.export_page)
    glossary.html            every term's card, searchable in the page
    timeline.html            the timeline chart (SVG) and its table of events
    notebooks/<name>.html    the lesson notebooks with their stored outputs (not executed)
    exercises/<name>.html    the exercise notebooks, likewise

Every page is self-contained (inline style and script, no request to any server); links
between them are relative, and :func:`broken_links` checks that each one resolves.

    >>> import kit, tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> written = build_site(folder.name, kit.load_corpus(), notebook_dirs=())
    >>> sorted(p.name for p in written)[:3]
    ['000_7ca6473d3635779a.html', '003_0d759123a74baf35.html', 'glossary.html']
    >>> broken_links(folder.name)
    []
    >>> folder.cleanup()
"""

from __future__ import annotations

import functools
import html as _html
import io
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ._data import PROJECT_DIR
from .export_page import esc, page_document, write_page
from .text import strip_tones
from .views import reader_script, render_events_html, render_term_card

__all__ = ["build_site", "index_html", "glossary_page_html", "timeline_page_html",
           "notebook_page_html", "broken_links", "NOTEBOOK_DIRS", "SEARCH_SCRIPT"]

#: The folders of notebooks put on the site (relative to the project), in this order.
NOTEBOOK_DIRS = ("notebooks", "exercises")
#: The glossary page's search: hide the cards whose text does not hold every word typed.
SEARCH_SCRIPT = """(function () {
  var box = document.getElementById('kit-search'), count = document.getElementById('kit-count');
  var items = Array.prototype.slice.call(document.querySelectorAll('[data-search]'));
  function norm(s) { return s.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').toLowerCase(); }
  box.addEventListener('input', function () {
    var words = norm(box.value).split(/\\s+/).filter(Boolean), shown = 0;
    items.forEach(function (item) {
      var hay = norm(item.dataset.search);
      var hit = words.every(function (w) { return hay.indexOf(w) >= 0; });
      item.hidden = !hit;
      if (hit) shown += 1;
    });
    count.textContent = shown + ' of ' + items.length + ' terms';
  });
})();"""
#: href and src attributes in a page (what :func:`broken_links` follows).
_LINK = re.compile(r"""<(\w+)\b[^>]*?\s(href|src)=(["'])(.*?)\3""", re.S)
_ID = re.compile(r"""\sid=(["'])(.*?)\1""")
#: The site's links on top of a notebook page (which has nbconvert's style, not the site's).
NAV_STYLE = ("<style>.kit-site-nav { display: flex; flex-wrap: wrap; gap: 0.4em 1.2em; "
             "padding: 0.5em 1rem; border-bottom: 1px solid #8a8a8a; } "
             ".kit-site-nav a { color: #0b4f9c; }</style>")
#: A widget's output (its view needs a kernel), and what a page shows when it has no copy.
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = ('<p class="kit-help">An interactive view: open this notebook in JupyterLab '
               "(make lab) or use the app (make app) to use it.</p>")
#: The opening of a link in a rendered notebook, and a link made plain text (not on the site).
_A_HREF = re.compile(r'<a(\s[^>]*?)?href="([^"]*)"')
_OFFSITE = re.compile(r'<a(\s[^>]*?)?data-offsite="([^"]*)"[^>]*>(.*?)</a>', re.S)


def _nav(prefix: str) -> str:
    """The links at the top of every page; ``prefix`` leads from the page to the site root."""
    links = [("index.html", "Articles and lessons"), ("glossary.html", "Glossary"),
             ("timeline.html", "Timeline")]
    return ('<nav class="kit-site-nav" aria-label="Site">'
            + "".join(f'<a href="{prefix}{href}">{esc(text)}</a>' for href, text in links)
            + "</nav>")


def index_html(corpus, notebooks: dict[str, list[str]]) -> str:
    """The site's front page: the articles (newest first), the glossary, the timeline and the
    notebooks (``{folder: [page file names]}``).

    >>> import kit
    >>> "articles/003_0d759123a74baf35.html" in index_html(kit.load_corpus(), {})
    True
    """
    items = []
    for article in sorted(corpus, key=lambda a: (a.date, a.id), reverse=True):
        items.append(f'<li><a href="articles/{esc(article.id)}.html"><span lang="zh-Hans">'
                     f"{esc(article.headline)}</span></a><br>{esc(article.title_en)} "
                     f'<span class="kit-help">({esc(article.date.isoformat())}, 人民日报 p. '
                     f"{esc(article.page)})</span></li>")
    lessons = []
    for folder, pages in notebooks.items():
        links = "".join(f'<li><a href="{esc(folder)}/{esc(name)}">{esc(_title(name))}</a></li>'
                        for name in pages)
        if links:
            lessons.append(f"<h2>{esc(folder.capitalize())}</h2><ul>{links}</ul>")
    body = (f'<main class="kit-site">{_nav("")}<h1>Reading the production-emulation campaigns'
            "</h1><p>People's Daily (人民日报) articles of the 1950s with their English translation, "
            "a glossary and a timeline. Each reader page works offline.</p>"
            f'<h2>Articles</h2><ol class="kit-article-list">{"".join(items)}</ol>'
            f'{"".join(lessons)}</main>')
    return page_document("Reading the production-emulation campaigns", body)


def _title(page_name: str) -> str:
    return page_name.rsplit(".", 1)[0].replace("_", " ")


def glossary_page_html(glossary) -> str:
    """Every term's card, with a search box that filters them as the student types (Chinese,
    pinyin with or without tones, English).

    >>> import kit
    >>> page = glossary_page_html(kit.load_glossary())
    >>> 'id="kit-search"' in page and "jingyan" in page
    True
    """
    items = []
    for term in glossary:
        words = [term.zh, *term.variants_zh, term.pinyin, strip_tones(term.pinyin).replace(" ", ""),
                 term.en, *term.aliases_en, term.category]
        items.append(f'<li id="term-{esc(term.id)}" data-search="{esc(" ".join(words))}">'
                     f"{render_term_card(term, glossary)}</li>")
    body = (f'<main class="kit-site">{_nav("")}<h1>Glossary</h1>'
            '<p><label for="kit-search">Search the glossary (Chinese, pinyin or English)</label><br>'
            '<input id="kit-search" class="kit-search" type="search" autocomplete="off"> '
            f'<span id="kit-count" class="kit-help" aria-live="polite">{len(items)} terms</span></p>'
            f'<ul class="kit-glossary-list kit-view">{"".join(items)}</ul></main>')
    return page_document("Glossary", body, script=SEARCH_SCRIPT)


def _timeline_svg(timeline) -> str:
    """The timeline chart as inline SVG (text kept as text, so it is searchable and small)."""
    import matplotlib
    import matplotlib.pyplot as plt

    from .plots import plot_timeline

    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "kit"}):
        figure = plot_timeline(timeline, lang="en")
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", bbox_inches="tight")
        plt.close(figure)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    return svg.replace("<svg ", '<svg role="img" aria-labelledby="kit-timeline-title" ', 1)


def timeline_page_html(timeline) -> str:
    """The timeline as a chart (SVG) and as a table of events with their sources.

    >>> import kit
    >>> page = timeline_page_html(kit.load_timeline())
    >>> "<svg" in page and "kit-events" in page
    True
    """
    body = (f'<main class="kit-site">{_nav("")}<h1 id="kit-timeline-title">Timeline: production '
            "emulation and the campaigns</h1>"
            f'<figure class="kit-timeline-figure">{_timeline_svg(timeline)}</figure>'
            f"{render_events_html(list(timeline))}</main>")
    return page_document("Timeline", body)


def notebook_page_html(path, *, prefix: str = "../", known: set[str] | None = None) -> str:
    """A notebook as HTML with its stored outputs (nbconvert's ``lab`` template; nothing is
    executed and no script is loaded from the web; the reader's own script is inline, so its
    word cards open). Widgets show their static ``text/html``;
    links to notebooks on the site (``known``: site-relative paths) point to their pages.
    """
    import nbformat

    notebook = nbformat.read(str(path), as_version=4)
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            _static_output(output.get("data", {}))
    resources = {"kit_nav": _nav(prefix), "kit_script": reader_script(), "kit_style": NAV_STYLE,
                 "metadata": {"name": _title(Path(path).name)}}
    body, _ = _exporter().from_notebook_node(notebook, resources=resources)
    return _rewrite_notebook_links(body, Path(path), known or set())


def _static_output(data: dict) -> None:
    """A widget's output as the page shows it: its static ``text/html`` copy (the views carry
    one), or a note saying where the view works, never the widget's ``repr``."""
    if WIDGET_MIME not in data:
        return
    del data[WIDGET_MIME]
    if "text/html" not in data:
        data["text/html"] = WIDGET_NOTE
        data.pop("text/plain", None)


@functools.cache
def _exporter():
    """nbconvert's HTML exporter with :data:`_NB_TEMPLATE` (made once: loading templates is slow)."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="lab", template_file="kit_site.html.j2",
                        extra_loaders=[DictLoader({"kit_site.html.j2": _NB_TEMPLATE})])


#: nbconvert's lab template without its scripts from the web (require.js, MathJax, mermaid,
#: the widget manager), with the site's links on top.
_NB_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block body_header -%}{{ super() }}{{ resources.kit_nav }}{%- endblock body_header -%}
{% block extra_css %}{{ resources.kit_style }}{% endblock extra_css %}
{% block footer_js %}{{ resources.kit_script }}{% endblock footer_js %}
"""


def _rewrite_notebook_links(page: str, path: Path, known: set[str]) -> str:
    """Relative links of a notebook page: ``x.ipynb`` → ``x.html``; a link to anything that is
    not on the site (``known``: site-relative paths) becomes plain text, so no link breaks."""
    folder = path.parent.name

    def fix(match):
        link = _html.unescape(match.group(2))
        parts = urlsplit(link)
        if parts.scheme or link.startswith(("#", "//")) or not parts.path:
            return match.group(0)
        target = parts.path[:-len(".ipynb")] + ".html" if parts.path.endswith(".ipynb") \
            else parts.path
        if _normalise(f"{folder}/{unquote(target)}") in known:
            fragment = f"#{parts.fragment}" if parts.fragment else ""
            return f'<a{match.group(1) or " "}href="{esc(target + fragment)}"'
        return f'<a{match.group(1) or " "}data-offsite="{esc(link)}"'

    out = _A_HREF.sub(fix, page)
    return _OFFSITE.sub(r'<span class="kit-offsite" title="in the kit\'s folder: \2">\3</span>',
                        out)


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def build_site(out, corpus=None, *, glossary=None, timeline=None, notes=None,
               notebook_dirs=None) -> list[Path]:
    """Write the static site into the folder ``out``; returns the files written.

    Args:
        out: the folder (created if needed; files of the same names are replaced).
        corpus, glossary, timeline, notes: the data (the kit's own when None).
        notebook_dirs: folders of notebooks to render, relative to the project (or absolute);
            :data:`NOTEBOOK_DIRS` when None.
    """
    from .corpus import load_corpus
    from .glossary import load_glossary
    from .timeline import load_timeline
    from .translation_notes import load_translation_notes

    out = Path(out)
    corpus = load_corpus(errors="report") if corpus is None else corpus
    glossary = load_glossary() if glossary is None else glossary
    written = [write_page(a, out / "articles" / f"{a.id}.html", glossary=glossary,
                          notes=load_translation_notes() if notes is None else notes,
                          home="../index.html") for a in corpus]
    notebooks = _notebook_sources(NOTEBOOK_DIRS if notebook_dirs is None else notebook_dirs)
    known = {f"{folder}/{p.stem}.html" for folder, paths in notebooks.items() for p in paths}
    known |= {"index.html", "glossary.html", "timeline.html"}
    known |= {f"articles/{a.id}.html" for a in corpus}
    pages = {folder: [] for folder in notebooks}
    for folder, paths in notebooks.items():
        for source in paths:
            target = out / folder / f"{source.stem}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(notebook_page_html(source, known=known), encoding="utf-8")
            pages[folder].append(target.name)
            written.append(target)
    timeline = load_timeline() if timeline is None else timeline
    for name, page in (("index.html", index_html(corpus, pages)),
                       ("glossary.html", glossary_page_html(glossary)),
                       ("timeline.html", timeline_page_html(timeline))):
        (out / name).write_text(page, encoding="utf-8")
        written.append(out / name)
    return written


def _notebook_sources(notebook_dirs) -> dict[str, list[Path]]:
    found = {}
    for name in notebook_dirs:
        folder = Path(name) if Path(name).is_absolute() else PROJECT_DIR / name
        if folder.is_dir():
            found[folder.name] = sorted(folder.glob("*.ipynb"))
    return found


def broken_links(folder) -> list[str]:
    """Every relative ``href``/``src`` in the site's pages that does not resolve (a missing
    file, or a ``#fragment`` that is no ``id`` of its page), as ``"page: link"`` lines.
    Links out (``http(s)``, ``mailto:``) are not followed.
    """
    folder = Path(folder)
    ids: dict[Path, set[str]] = {}

    def ids_of(page: Path) -> set[str]:
        if page not in ids:
            text = page.read_text(encoding="utf-8", errors="replace")
            ids[page] = {_html.unescape(m.group(2)) for m in _ID.finditer(text)}
        return ids[page]

    problems = []
    for page in sorted(folder.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        for match in _LINK.finditer(text):
            link = _html.unescape(match.group(4))
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if not target.is_file():
                problems.append(f"{page.relative_to(folder)}: {link} (no such file)")
            elif parts.fragment and target.suffix == ".html" and \
                    not {parts.fragment, unquote(parts.fragment)} & ids_of(target):
                problems.append(f"{page.relative_to(folder)}: {link} (no such anchor)")
    return problems
