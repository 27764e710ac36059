"""Hostile text is shown as text: articles, notes, glossary entries and queries never become markup."""

from __future__ import annotations

import itertools
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest

import kit
from kit.concordance import concordance
from kit.views.concordance import ConcordanceView, render_concordance_html
from kit.views.glossary_view import GlossaryView, render_term_card
from kit.views.reader import MODES, ReaderView, render_reader_html
from kit.views.timeline_view import render_events_html

HOSTILE_ARTICLE = """Title: <script>alert(1)</script> Promoting Advanced Experience
Author: <b>Mallory</b>
Date: 1952-08-03
Page: 2

The Northeast Federation of Trade Unions <img src=x onerror=alert(1)> promoted advanced experience. Workers said "AT&T &lt;b&gt;" twice.

The Hao Jianxiu work method <script>alert("en")</script> was studied in the factory.

<hr />
Original:
### 东北总工会<script>alert(1)</script>推广先进经验

1952-08-03
第2版()
专栏：<i onclick=alert(1)>经济生活简评</i>

    东北总工会<script>alert(1)</script>推广先进经验
    东北总工会<img src=x onerror=alert(1)>推广先进经验。工人说“AT&T &lt;b&gt;”。
    工厂学习了郝建秀工作法<script>alert("zh")</script>，厂长很满意。
"""

HOSTILE_QUERIES = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "(", "[",
                   "*", "\\", "a|b", "经验<b>", "&amp;", "' onmouseover='x"]

ALLOWED_TAGS = {"div", "style", "header", "p", "h2", "h3", "h4", "span", "em", "strong", "mark",
                "ruby", "rt", "rp", "sup", "aside", "a", "table", "thead", "tbody", "tr", "td",
                "th", "caption", "article", "dl", "dt", "dd", "ul", "li", "br", "details",
                "summary", "button", "section", "ol"}
ALLOWED_ATTRS = {"class", "lang", "title", "tabindex", "href", "rel", "target", "style", "role",
                 "hidden", "type", "aria-pressed"}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.problems, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name not in ALLOWED_ATTRS and not name.startswith("data-"):
                self.problems.append(f"attribute {name}={value!r} on <{tag}>")
            if name == "href" and not (value or "").startswith(("http://", "https://")):
                self.problems.append(f"href {value!r}")
            if name == "style" and tag != "div":
                self.problems.append(f"style on <{tag}>")

    def handle_data(self, data):
        self.text.append(data)


def check_safe(page: str) -> str:
    """Assert ``page`` holds only the views' own markup; return its text content."""
    parser = _Tags()
    parser.feed(page)
    parser.close()
    assert parser.problems == []
    assert parser.tags.count("style") == 1
    return "".join(parser.text)


@pytest.fixture(scope="module")
def hostile():
    return kit.parse_article(HOSTILE_ARTICLE, source="hostile.txt")


class HostileNotes:
    """Translator's notes whose every field is hostile."""

    def __init__(self):
        self.note = SimpleNamespace(
            id='n"><script>', article="hostile", paragraph=0, zh="东北总工会",
            en_used="<script>alert('used')</script>", comment="<img src=x onerror=alert(2)>",
            better="</aside><b>x</b>", reason="<style>body{display:none}</style>",
            sources=[SimpleNamespace(citation=lambda: "<i>book</i>", url="javascript:alert(3)"),
                     SimpleNamespace(citation=lambda: "ok", url='https://x.org/"onmouseover="a')])

    def for_article(self, article_id):
        return [self.note]

    def for_sentence(self, article_id, sentence):
        return [self.note] if self.note.zh in sentence else []


@pytest.mark.parametrize("mode, pinyin, traditional, highlight",
                         list(itertools.product(MODES, [False, True], [False, True], [False, True])))
def test_hostile_article_renders_as_text_in_every_setting(hostile, glossary, notes, mode, pinyin,
                                                          traditional, highlight):
    page = render_reader_html(hostile, mode, pinyin=pinyin, traditional=traditional,
                              glossary=glossary, highlight=highlight, notes=notes)
    text = check_safe(page)
    assert "<script>alert(1)</script>" in text              # shown, as characters
    if mode in ("en", "paragraphs", "sentences", "interlinear"):
        assert "<img src=x onerror=alert(1)>" in text
        assert "AT&T &lt;b&gt;" in text
    if mode != "en" and not traditional and not pinyin:
        assert "工人说“AT&T &lt;b&gt;”" in text.replace("\n", "")
    if pinyin and mode != "en":
        assert "<rt>" in page and ("<ruby>厂<rp>(</rp><rt>chǎng</rt><rp>)</rp></ruby><ruby>长"
                                   "<rp>(</rp><rt>zhǎng</rt>") in page.replace("廠", "厂").replace(
            "長", "长")
    if highlight:
        assert '<mark class="kit-term"' in page
    else:
        assert "<mark" not in page


def test_hostile_notes_are_escaped(hostile):
    page = render_reader_html(hostile, "sentences", notes=HostileNotes())
    text = check_safe(page)
    assert "<script>alert('used')</script>" in text and "</aside><b>x</b>" in text
    assert "javascript:" not in page                          # a bad URL is not a link
    assert 'href="https://x.org/&quot;onmouseover=&quot;a"' in page


def test_reader_view_with_hostile_article(hostile, glossary, notes):
    view = ReaderView(_OneArticle(hostile), glossary, notes)
    for mode in MODES:
        view.mode.value = mode
        check_safe(view.html.value)
    view.pinyin.value = view.traditional.value = True
    check_safe(view.html.value)
    assert "<script>" in view.article.options[0][0]           # option labels are plain text


class _OneArticle:
    """A corpus of one article (what a Corpus offers the views)."""

    def __init__(self, article):
        self.article = article

    def __iter__(self):
        return iter([self.article])

    def __getitem__(self, article_id):
        return self.article

    @property
    def ids(self):
        return [self.article.id]


def test_hostile_glossary_term_card():
    evil = SimpleNamespace(
        id='x" onclick="alert(1)', zh="<script>alert(1)</script>", pinyin="<b>pin</b>",
        en="<img src=x onerror=alert(1)>", category="<i>c</i>", gloss="<u>g</u>",
        note="</article><script>n</script>", variants_zh=["<s>v</s>"], aliases_en=["<em>a</em>"],
        related=["<rel>"],
        sources=[SimpleNamespace(citation=lambda: "<script>s</script>", url="javascript:alert(1)")])
    page = render_term_card(evil, glossary=None)
    text = check_safe(f"<div><style></style>{page}</div>")
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
    assert "javascript:" not in page


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_in_the_concordance(query, hostile):
    corpus = kit.load_corpus()
    page = render_concordance_html(concordance(corpus, query), query)
    check_safe(page)
    page = render_concordance_html(concordance([hostile], query), query)
    check_safe(page)
    view = ConcordanceView(corpus)
    view.query.value = query
    text = check_safe(view.html.value)
    assert query.strip() in text or "Type a Chinese word" in text


def test_concordance_finds_markup_as_text(hostile):
    lines = concordance([hostile], "<script>")
    assert lines and all(line.match == "<script>" for line in lines)
    page = render_concordance_html(lines, "<script>")
    assert "<strong>&lt;script&gt;</strong>" in page
    check_safe(page)


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_in_the_glossary_search(query, glossary):
    view = GlossaryView(glossary, kit.load_corpus())
    view.query.value = query
    check_safe(view.html.value)


def test_hostile_timeline_events_are_escaped():
    event = SimpleNamespace(
        id='e"><script>', title_zh="<script>z</script>", title_en="<img src=x onerror=1>",
        category="<b>c</b>", description="<style>*{}</style>", uncertain="<i>u</i>",
        sources=[SimpleNamespace(citation=lambda: "<script>s</script>", url="javascript:1")],
        date_label=lambda lang="en": "<b>1952</b>")
    text = check_safe(render_events_html([event], (1952, 1952)))
    assert "<script>z</script>" in text and "<style>*{}</style>" in text


def test_a_sources_kind_is_a_text_badge_and_escaped():
    """Issue 15: each source shows its kind (primary, scholarly, reference, weak) as text."""
    from kit.views._html import source_html

    def card(kind):
        term = SimpleNamespace(
            id="t", zh="推广", pinyin="tuīguǎng", en="promote", category="concept", gloss="",
            note="", variants_zh=[], aliases_en=[], related=[],
            sources=[SimpleNamespace(citation=lambda: "人民日报 1952-08-03.", url=None, kind=kind)])
        return render_term_card(term, glossary=None)

    page = card("primary")
    assert '<span class="kit-tag kit-source-kind" data-kind="primary"' in page
    assert ">primary</span> 人民日报 1952-08-03." in page
    text = check_safe(f"<div><style></style>{card('<script>alert(1)</script>')}</div>")
    assert "<script>alert(1)</script>" in text
    plain = SimpleNamespace(citation=lambda: "A book.", url=None)       # no kind: no badge
    assert source_html(plain) == "A book."
