"""The reader's words and cards (issue 16): one syllable per character, a card for every word,
levels, tone colours, the star of my words, and views a notebook shows without a kernel."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from kit.concordance import concordance
from kit.views.cards import CardSet, render_card_html
from kit.views.concordance import HELP, ConcordanceView
from kit.views.glossary_view import GlossaryView
from kit.views.reader import ReaderCache, ReaderView, render_reader_html

REPORT = "000_7ca6473d3635779a"
COMMENTARY = "003_0d759123a74baf35"


class _Words(HTMLParser):
    """The word buttons of a page (their card number and text) and its hidden cards."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words, self.cards, self._stack = [], {}, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "span" and "kit-w" in (a.get("class") or "").split():
            self._stack.append(("word", a, []))
        elif tag == "div" and "data-card-id" in a:
            self._stack.append(("card", a, []))
        elif self._stack:
            self._stack.append(("inner", a, self._stack[-1][2]))
        if tag == "rt" and self._stack:
            self._stack.append(("rt", a, None))

    def handle_endtag(self, tag):
        if not self._stack:
            return
        kind, a, text = self._stack.pop()
        if kind == "rt":
            kind, a, text = self._stack.pop()
        if kind == "word":
            self.words.append((a, "".join(text)))
        elif kind == "card":
            self.cards[a["data-card-id"]] = "".join(text)

    def handle_data(self, data):
        if self._stack and self._stack[-1][0] not in ("rt",) and self._stack[-1][2] is not None:
            self._stack[-1][2].append(data)


def parse(page):
    page = re.sub(r"<rp>.*?</rp>|<rt>.*?</rt>", "", page)
    parser = _Words()
    parser.feed(page)
    return parser


@pytest.fixture(scope="module")
def pages(corpus, glossary, notes):
    return {i: render_reader_html(corpus[i], "zh", pinyin=True, glossary=glossary, notes=notes,
                                  cache=ReaderCache()) for i in (REPORT, COMMENTARY)}


# -- pinyin: one syllable over each character -----------------------------------------------
def test_each_character_has_its_own_syllable_and_a_word_is_one_unbreakable_button(pages):
    page = pages[REPORT]
    assert ('<span class="kit-w" data-card="0" data-level="3" role="button" tabindex="0">'
            "<ruby>东<rp>(</rp><rt>dōng</rt><rp>)</rp></ruby><ruby>北<rp>(</rp><rt>běi</rt>"
            "<rp>)</rp></ruby></span>") in page
    for ruby in re.findall(r"<ruby[^>]*>(.*?)</ruby>", page):
        base = re.sub(r"<rp>.*?</rp>|<rt>.*?</rt>", "", ruby)
        assert len(base) == 1, ruby                   # never a string over a whole word
    assert ".kit-view .kit-w { display: inline-block; white-space: nowrap;" in page
    assert "font-size: 0.56em" in page                # at least 0.55 of the character size


def test_polyphonic_characters_take_their_reading_in_context(pages):
    page = pages[COMMENTARY]
    assert "<ruby>作<rp>(</rp><rt>zuò</rt>" in page and "<ruby>行<rp>(</rp><rt>xíng</rt>" not in page
    report = pages[REPORT]
    assert "<ruby>行<rp>(</rp><rt>xíng</rt><rp>)</rp></ruby><ruby>政" in report   # 行政 xíngzhèng


def test_one_tab_stop_per_sentence(pages, corpus):
    page = pages[COMMENTARY].split('<div class="kit-cards"')[0]
    sentences = sum(len(bead[1]) for bead in corpus[COMMENTARY].sentence_pairs())
    assert page.count('tabindex="0"') == sentences >= 10
    assert page.count('tabindex="-1"') > 5 * sentences        # the other words: arrow keys


def test_tone_colours_only_with_pinyin_and_never_without_the_marks(corpus, glossary):
    article = corpus[COMMENTARY]
    page = render_reader_html(article, "zh", pinyin=True, tones=True, glossary=glossary)
    assert 'class="kit-view kit-reader-page kit-pinyin-on kit-tones-on"' in page
    assert '<ruby class="kit-t1">东<rp>(</rp><rt>dōng</rt>' in page
    assert '<ruby class="kit-t5">的<rp>(</rp><rt>de</rt>' in page
    plain = render_reader_html(article, "zh", pinyin=False, tones=True, glossary=glossary)
    assert 'kit-pinyin-on' not in plain.split("<style>")[0] and not re.search(r'class="kit-t\d', plain)
    assert "kit-tones-on" not in plain.split("<style>")[0]


# -- levels ----------------------------------------------------------------------------------
def test_words_above_a_level_are_marked_and_carry_their_level(corpus):
    page = render_reader_html(corpus[REPORT], "zh", mark_above=4, cache=ReaderCache())
    words = parse(page).words
    above = {text for a, text in words if "kit-above" in a["class"]}
    below = {text for a, text in words if "kit-above" not in a["class"]}
    assert {"干部", "郝建秀"} <= above and {"工厂", "经验", "的"} <= below
    assert all(int(a["data-level"]) > 4 for a, _ in words if "kit-above" in a["class"]
               and "data-level" in a)
    assert ".kit-view .kit-w.kit-above { border-bottom: 2px dashed" in page   # not colour alone


def test_pinyin_only_on_the_words_above_a_level(corpus):
    page = render_reader_html(corpus[REPORT], "zh", pinyin=True, pinyin_above=3,
                              cache=ReaderCache())
    assert "<ruby>干<rp>(</rp><rt>gàn</rt>" in page          # 干部: HSK 7–9
    assert re.search(r'tabindex="-1">的</span>', page)         # 的: HSK 1, no pinyin
    assert not re.search(r'tabindex="-?\d"><ruby>的<rp>', page)
    with pytest.raises(Exception, match="pinyin_above must be an HSK level from 1 to 9"):
        render_reader_html(corpus[REPORT], "zh", pinyin_above=0)


# -- cards -----------------------------------------------------------------------------------
@pytest.mark.parametrize("article_id", [REPORT, COMMENTARY])
def test_every_word_has_a_card_and_none_is_empty_where_the_dictionary_knows_it(pages, article_id):
    import kit

    found = parse(pages[article_id])
    assert len(found.words) > 200
    for attributes, word in found.words:
        card = found.cards[attributes["data-card"]]
        assert word in card, (word, card[:80])
        entry = kit.lookup(word)
        if entry.found:
            assert ("Not in CC-CEDICT or the glossary" not in card), word
            assert any(d in card for d in entry.definitions[:1]) or entry.term is not None or \
                entry.parts, (word, card[:200])
        assert "HSK" in card


def test_a_glossary_term_card_comes_first_then_the_dictionary(corpus, glossary):
    cards = CardSet()
    term = glossary["dongbei-zonggonghui"]
    number, level = cards.word_card("东北", "东北总工会召开干部大会", 0, term)
    html = cards.card_html(number)
    assert html.index("Northeast Federation of Trade Unions") < html.index("Northeast China")
    assert level == 3 and "HSK 3" in html


def test_a_polyphonic_word_lists_every_reading_the_one_in_context_first():
    card = render_card_html("行", context="银行行长", start=2)
    readings = re.findall(r'<li><span class="kit-pinyin">([^<]+)</span>', card)
    assert readings[0] == "háng" and "xíng" in readings
    assert "in this sentence" in card.split("</li>")[0]


def test_card_text_is_escaped(glossary):
    import dataclasses

    term = dataclasses.replace(glossary["tuiguang"], en="<script>x</script>", gloss='"><b>')
    card = render_card_html("推广", term=term)
    assert "<script>" not in card and "&lt;script&gt;" in card and "&quot;&gt;&lt;b&gt;" in card


# -- my words --------------------------------------------------------------------------------
def test_the_star_saves_the_word_with_its_sentence_and_citation(corpus, glossary, notes, tmp_path):
    import kit

    view = ReaderView(corpus, glossary, notes, article=COMMENTARY, words_folder=tmp_path)
    bead = next(b for b in view._cache.prepared(corpus[COMMENTARY], glossary, notes).beads
                if "领导干部" in "".join(b.zh))
    view.bridge.value = json.dumps({"action": "star", "word": "干部", "bead": bead.index, "at": 1})
    saved = kit.my_words(tmp_path)
    assert saved["word"].tolist() == ["干部"]
    assert "领导干部" in saved["sentence"][0] and "人民日报" in saved["citation"][0]
    view.mode.value = "zh"
    assert '<button type="button" class="kit-star" data-word="干部" aria-pressed="true">' in view.html.value
    again = ReaderView(corpus, glossary, notes, article=COMMENTARY, words_folder=tmp_path)
    assert 'data-word="干部" aria-pressed="true"' in again.html.value      # it persists
    again.bridge.value = json.dumps({"action": "unstar", "word": "干部", "bead": None, "at": 2})
    assert kit.my_words(tmp_path).empty


# -- widgets: controls that fit, a view without a kernel --------------------------------------
def test_controls_are_labelled_in_full_and_the_slider_has_room(corpus, glossary, notes, tmp_path):
    view = ReaderView(corpus, glossary, notes, words_folder=tmp_path)
    assert view.mode.style.button_width == "auto"          # "Paragraphs side by side", uncut
    assert view.size.layout.min_width == "18rem"
    assert view.size.layout.width == "22rem"
    assert "row wrap" in view._toggles.layout.flex_flow


def test_every_view_shows_its_page_without_a_kernel(corpus, glossary, notes, tmp_path):
    reader = ReaderView(corpus, glossary, notes, article=REPORT, words_folder=tmp_path)
    bundle = reader._repr_mimebundle_()
    assert bundle["text/plain"].startswith("ReaderView: 1952-08-03 东北总工会召开干部大会")
    assert "ReaderView(children" not in bundle["text/plain"]
    assert "run this cell" in bundle["text/html"] and "沈阳某工厂" in bundle["text/html"]
    assert '<div class="kit-cards"' not in bundle["text/html"]
    for view in (GlossaryView(glossary, corpus), ConcordanceView(corpus, query="经验")):
        bundle = view._repr_mimebundle_()
        assert "(run this cell to use its controls)" in bundle["text/plain"]
        assert 'class="kit-view' in bundle["text/html"]


def test_the_concordance_help_examples_find_lines(corpus):
    examples = re.findall(r"\(([^)]+)\)", HELP)
    assert examples == ["经验", "advanced experiences", "promot*"]
    for query in examples:
        assert concordance(corpus, query), query
