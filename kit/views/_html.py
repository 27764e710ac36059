"""Small helpers shared by the views: escaping, attributes, the style sheet, error boxes.

Every piece of text that comes from an article, the glossary or a user goes through
:func:`esc` before it is put into HTML::

    >>> esc('<img src=x onerror=alert(1)> & "quotes"')
    '&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;'
    >>> attrs(title='A "term"', lang="zh-Hans", hidden=None)
    ' title="A &quot;term&quot;" lang="zh-Hans"'
    >>> view_html("<p>hi</p>", "kit-reader-page").startswith('<div class="kit-view kit-reader-page"')
    True
"""

from __future__ import annotations

import functools
import html
from typing import Callable

from ..errors import KitError

__all__ = ["esc", "attrs", "style_block", "view_html", "error_html", "safe_url",
           "render_safely", "zh_lang", "reader_script", "SCRIPT_FILE", "kind_badge", "source_html", "sources_html",
           "STYLE_FILE", "SOURCE_KINDS", "clear_caches"]

#: The style sheet shared by every view (package data: ``kit/data/views.css``).
STYLE_FILE = "views.css"
#: The reader's small script (cards, keyboard): ``kit/data/reader.js``.
SCRIPT_FILE = "reader.js"

#: What each kind of source is (issue 15), shown as the badge's tooltip. A kind not listed
#: here is still shown, with a plain tooltip.
SOURCE_KINDS = {
    "primary": "primary source: the period press (People's Daily and other 1950s papers)",
    "scholarly": "scholarly source: a book or a journal article",
    "reference": "reference work: an encyclopaedia or a dictionary",
    "weak": "weak source: a mirror site, a forum or an unsigned web page; check it elsewhere",
}


def esc(text) -> str:
    """``text`` as HTML text or attribute value (``None`` → empty string)."""
    return "" if text is None else html.escape(str(text), quote=True)


def attrs(**values) -> str:
    """HTML attributes from keyword arguments, escaped; ``None`` values are left out.

    A trailing underscore is dropped (``class_="x"`` → ``class="x"``) and other
    underscores become hyphens (``data_term="x"`` → ``data-term="x"``).
    """
    out = []
    for name, value in values.items():
        if value is None:
            continue
        name = name.rstrip("_").replace("_", "-")
        out.append(f' {name}="{esc(value)}"')
    return "".join(out)


@functools.cache
def _css() -> str:
    from .._data import data_path

    return data_path(STYLE_FILE).read_text(encoding="utf-8")


@functools.cache
def _js() -> str:
    from .._data import data_path

    return data_path(SCRIPT_FILE).read_text(encoding="utf-8")


def clear_caches() -> None:
    """Read the style sheet and the script again on next use (after editing kit/data/)."""
    _css.cache_clear()
    _js.cache_clear()


def reader_script() -> str:
    """The reader's ``<script>`` (``kit/data/reader.js``): cards on click and keyboard.

    The HTML of :func:`kit.views.render_reader_html` has no script; a page that shows it
    adds this once (the ReaderView does it in JupyterLab). It installs itself once per page.

    >>> script = reader_script()
    >>> script.startswith("<script>") and "window.kitReader" in script
    True
    """
    return f"<script>{_js()}</script>"


def style_block() -> str:
    """The views' shared ``<style>`` element (rules scoped under ``.kit-view``).

    >>> block = style_block()
    >>> block.startswith("<style>") and ".kit-view" in block
    True
    """
    return f"<style>{_css()}</style>"


def view_html(body: str, view_class: str, *, size: int | None = None, lang: str = "en") -> str:
    """Wrap an already-safe HTML ``body`` in the root ``<div>`` of a view, with the style sheet.

    Args:
        body: HTML built from escaped pieces.
        view_class: the page's CSS class, e.g. ``"kit-reader-page"`` (the widget itself has
            ``"kit-reader"``, so a browser test finds each exactly once).
        size: font size of Chinese text in pixels (English follows at 90%).
        lang: the language of the surrounding interface text.
    """
    style = f' style="--kit-size: {int(size)}px"' if size else ""
    return (f'<div class="kit-view {esc(view_class)}" lang="{esc(lang)}"{style}>'
            f"{style_block()}{body}</div>")


def error_html(message, view_class: str = "kit-error-view") -> str:
    """A visible, escaped error box (used when a callback meets a ``KitError``).

    >>> "&lt;b&gt;" in error_html("unknown article '<b>'")
    True
    """
    return view_html(f'<div class="kit-error" role="alert">{esc(message)}</div>', view_class)


def render_safely(render: Callable[..., str], *args, view_class: str = "kit-error-view",
                  **kwargs) -> str:
    """Call ``render(*args, **kwargs)``; a :class:`~kit.errors.KitError` becomes an error box.

    >>> def broken():
    ...     raise KitError("no such term 'x'")
    >>> "no such term" in render_safely(broken)
    True
    """
    try:
        return render(*args, **kwargs)
    except KitError as err:
        return error_html(err, view_class)


def safe_url(url) -> str | None:
    """``url`` when it is an http(s) address, else None (no ``javascript:`` links).

    >>> safe_url("https://example.org/a?b=1"), safe_url("javascript:alert(1)")
    ('https://example.org/a?b=1', None)
    """
    if not url:
        return None
    text = str(url).strip()
    if text.lower().startswith(("http://", "https://")):
        return text
    return None


def kind_badge(kind) -> str:
    """A small badge naming the kind of a source (text, not colour alone), or "" for none.

    >>> kind_badge("primary")
    '<span class="kit-tag kit-source-kind" data-kind="primary" title="primary source: the period press (People&#x27;s Daily and other 1950s papers)">primary</span>'
    >>> kind_badge(None), kind_badge("<b>").endswith('>&lt;b&gt;</span>')
    ('', True)
    """
    if not kind:
        return ""
    text = str(kind).strip()
    tip = SOURCE_KINDS.get(text, f"kind of source: {text}")
    return f'<span class="kit-tag kit-source-kind"{attrs(data_kind=text, title=tip)}>{esc(text)}</span>'


def source_html(source) -> str:
    """A :class:`~kit.sources.Source` as escaped HTML: its citation, as a link (opening in
    a new tab) when it has an http(s) URL, after a badge with its kind when it has one.

    >>> from types import SimpleNamespace as Src
    >>> book = Src(citation=lambda: "A <b>book</b>.", url="https://example.org/?a=1&b=2")
    >>> source_html(book)
    '<a href="https://example.org/?a=1&amp;b=2" rel="noopener noreferrer" target="_blank">A &lt;b&gt;book&lt;/b&gt;.</a>'
    >>> source_html(Src(citation=lambda: "Renmin Ribao, 1952.", url=None, kind="primary"))[:60]
    '<span class="kit-tag kit-source-kind" data-kind="primary" ti'
    """
    text = esc(source.citation())
    url = safe_url(getattr(source, "url", None))
    badge = kind_badge(getattr(source, "kind", None))
    badge = badge + " " if badge else ""
    if url:
        return (f'{badge}<a href="{esc(url)}" rel="noopener noreferrer" target="_blank">'
                f'{text}</a>')
    return badge + text


def sources_html(sources) -> str:
    """Several sources as :func:`source_html` links separated by semicolons."""
    return "; ".join(source_html(s) for s in sources)


def zh_lang(traditional: bool = False) -> str:
    """The ``lang`` attribute of Chinese text: ``zh-Hant`` for traditional forms."""
    return "zh-Hant" if traditional else "zh-Hans"
