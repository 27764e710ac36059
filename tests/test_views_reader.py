"""The bilingual reader: render_reader_html on the seeds, and ReaderView driven like a student."""

from __future__ import annotations

import re

import pytest

import kit
from kit.errors import KitError
from kit.views import reader as reader_module
from kit.views.reader import MODES, ReaderCache, ReaderView, render_reader_html

REPORT = "000_7ca6473d3635779a"       # the report on the cadre meeting
COMMENTARY = "003_0d759123a74baf35"   # the 经济生活简评 commentary


@pytest.fixture(scope="module")
def view(corpus, glossary, notes):
    """One ReaderView over the seeds (shared: each test sets every control it relies on)."""
    return ReaderView(corpus, glossary, notes)


def term(glossary, zh):
    return next(t for t in glossary if t.zh == zh)


def reset(view, **values):
    settings = dict(article=REPORT, mode="paragraphs", pinyin=False, highlight=True,
                    traditional=False, size=18)
    settings.update(values)
    for name, value in settings.items():
        getattr(view, name).value = value
    return view.html.value


def plain(page):
    """The article text of a page: no style, notes, pinyin or tags."""
    return re.sub(r"(?s)<style>.*?</style>|<aside.*?</aside>|<rt>.*?</rt>|<rp>.*?</rp>|"
                  r'<div class="kit-cards" hidden>.*$|<[^>]+>', "", page)


def zh_blocks(page):
    return re.findall(r'<(?:p|div) class="kit-(?:cell kit-)?zh" lang="(zh-Han[st])"', page)


# -- modes ---------------------------------------------------------------------------------
def test_chinese_mode_shows_every_chinese_paragraph_and_no_english_body(view, corpus):
    page = reset(view, mode="zh")
    article = corpus[REPORT]
    assert page.count('<p class="kit-zh" lang="zh-Hans"') == len(article.paragraphs_zh) == 3
    assert "沈阳某工厂在今年增产节约运动中" in plain(page)
    assert '<p class="kit-en"' not in page
    assert "a factory in Shenyang" not in plain(page)


def test_english_mode_shows_the_translation_only(view):
    page = reset(view, mode="en")
    assert page.count('<p class="kit-en" lang="en"') == 3
    assert "a factory in Shenyang" in plain(page)
    assert '<p class="kit-zh"' not in page


def test_paragraph_mode_pairs_each_chinese_paragraph_with_its_english(view):
    page = reset(view, mode="paragraphs")
    pairs = re.findall(r'<div class="kit-pair" data-paragraph="(\d+)">', page)
    assert pairs == ["0", "1", "2"]
    second = page.split('data-paragraph="1">')[1].split('data-paragraph="2">')[0]
    assert "在中共中央东北局" in plain(second) and "Northeast Bureau" in plain(second)
    assert "中文 (original)" in page and "English (translation)" in page


def test_sentence_mode_has_one_row_per_bead_with_both_languages(view, corpus):
    page = reset(view, mode="sentences", article=COMMENTARY)
    beads = corpus[COMMENTARY].sentence_pairs()
    rows = re.findall(r'<div class="kit-pair" data-bead="(\d+)"', page)
    assert rows == [str(i) for i in range(len(beads))]
    first_en, first_zh = beads[0]
    row = page.split('<div class="kit-pair" data-bead="0"')[1].split('<div class="kit-pair"')[0]
    assert first_zh[0] in plain(row) and first_en[0] in plain(row)
    assert 'class="kit-cell kit-zh" lang="zh-Hans"' in row and 'class="kit-cell kit-en" lang="en"' in row


def test_sentence_mode_hover_is_css_only(view):
    page = reset(view, mode="sentences")
    assert ".kit-pair:has(.kit-cell:hover) .kit-cell" in page
    assert "<script" not in page and "onmouseover" not in page


def test_interlinear_puts_each_chinese_sentence_above_its_english(view, corpus):
    page = reset(view, mode="interlinear", article=COMMENTARY)
    blocks = re.findall(r'<div class="kit-inter kit-pair" data-bead="\d+">(.*?)</div></div>', page)
    assert len(blocks) == len(corpus[COMMENTARY].sentence_pairs())
    for block in blocks:
        if "kit-zh" in block and "kit-en" in block:
            assert block.index("kit-zh") < block.index("kit-en")


def test_every_mode_labels_the_languages(view):
    for mode in MODES:
        page = reset(view, mode=mode)
        if mode != "en":
            assert set(zh_blocks(page)) == {"zh-Hans"}
        if mode != "zh":
            assert 'lang="en"' in page


def test_unknown_mode_is_refused_with_the_modes_listed(corpus):
    with pytest.raises(KitError, match="unknown reader mode 'columns': use one of 'zh', 'en'"):
        render_reader_html(corpus[REPORT], "columns")


# -- header --------------------------------------------------------------------------------
def test_header_shows_date_page_headline_as_printed_and_citation(view, corpus):
    page = reset(view, article=REPORT)
    header = page.split("</header>")[0]
    assert "1952-08-03" in header and "第2版" in header
    assert "<span>东北总工会召开干部大会</span><span>介绍某工厂推广先进经验的经验</span>" in header
    assert "Cite as:" in header and "People&#x27;s Daily" in header


def test_header_names_the_column_of_the_commentary(view):
    header = reset(view, article=COMMENTARY).split("</header>")[0]
    assert "经济生活简评" in header and "Economic Life Brief Commentary" in header


# -- pinyin --------------------------------------------------------------------------------
def test_pinyin_off_has_no_ruby(view):
    page = reset(view, pinyin=False, mode="zh")
    assert "<ruby>" not in page and "kit-pinyin-notice" not in page


def ruby(word, *syllables):
    """The reader's HTML of a word's characters, one syllable over each."""
    return "".join(f"<ruby>{ch}<rp>(</rp><rt>{s}</rt><rp>)</rp></ruby>"
                   for ch, s in zip(word, syllables))


@pytest.mark.parametrize("word, reading", [("厂长", "chǎng zhǎng"), ("干部", "gàn bù"),
                                           ("调查", "diào chá"), ("行政", "xíng zhèng")])
def test_pinyin_puts_one_syllable_in_context_over_each_character(view, word, reading):
    page = reset(view, pinyin=True, mode="zh")
    assert f'role="button" tabindex="-1">{ruby(word, *reading.split())}</span>' in page


def test_pinyin_leaves_punctuation_without_ruby(view):
    page = reset(view, pinyin=True, mode="zh")
    assert "<ruby>。" not in page and "<ruby>，" not in page
    assert "。" in page


def test_pinyin_notice_says_hanyu_pinyin_dates_from_1958(view):
    page = reset(view, pinyin=True)
    assert re.search(r'class="kit-notice kit-pinyin-notice">[^<]*1958', page)


def test_pinyin_in_every_mode_that_shows_chinese(view):
    for mode in ("zh", "paragraphs", "sentences", "interlinear"):
        assert "<rt>" in reset(view, pinyin=True, mode=mode)
    assert "<rt>" not in reset(view, pinyin=True, mode="en")


# -- glossary highlighting -----------------------------------------------------------------
def test_glossary_terms_are_marked_with_english_and_gloss_on_hover(view, glossary):
    page = reset(view, highlight=True, mode="paragraphs")
    hao = term(glossary, "郝建秀工作法")
    marks = re.findall(r'<mark class="kit-term" data-term="%s" title="([^"]*)"' % re.escape(hao.id),
                       page)
    assert marks, "郝建秀工作法 should be highlighted in the report"
    assert any(m.startswith(hao.en.replace("'", "&#x27;")) for m in marks)
    assert ".kit-view mark.kit-term:hover::after" in page          # the CSS tooltip
    assert "border-bottom: 2px dotted" in page                      # not colour alone


def test_terms_are_marked_in_the_english_too(view, glossary):
    page = reset(view, highlight=True, mode="en")
    hao = term(glossary, "郝建秀工作法")
    assert re.search(r'data-term="%s"[^>]*>Hao Jianxiu work method</mark>' % re.escape(hao.id), page)


def test_highlight_off_removes_every_mark(view):
    assert "<mark" not in reset(view, highlight=False)


def test_highlights_and_pinyin_together_keep_whole_ruby_words(view, glossary):
    page = reset(view, highlight=True, pinyin=True, mode="zh")
    hao = term(glossary, "郝建秀工作法")
    mark = re.search(r'data-term="%s"[^>]*>(.*?)</mark>' % re.escape(hao.id), page)
    assert mark and "<rt>" in mark.group(1)
    assert re.sub(r"<rp>.*?</rp>|<rt>.*?</rt>|<[^>]+>", "", mark.group(1)) == "郝建秀工作法"


# -- translator's notes --------------------------------------------------------------------
def test_sentences_with_a_translators_note_are_marked_and_the_note_is_beside_them(view, notes):
    page = reset(view, mode="sentences", article=REPORT)
    article_notes = notes.for_article(REPORT)
    assert article_notes
    assert "†1" in page and '<aside class="kit-note"' in page
    youth = [n for n in article_notes if "青年团" in n.zh]
    assert youth, "the 青年团 note should exist"
    before, after = page.split(f'data-note="{youth[0].id}"')
    aside = after.split("</aside>")[0]
    assert "Communist Youth League" in aside and "New Democratic Youth League" in aside
    noted_row = before.rsplit('<div class="kit-pair"', 1)[1]       # the sentence just above
    assert "青年团" in plain(noted_row) and "kit-note-mark" in noted_row


def test_notes_are_shown_in_every_mode(view):
    for mode in MODES:
        page = reset(view, mode=mode, article=REPORT)
        assert '<aside class="kit-note"' in page and "kit-note-mark" in page


# -- traditional characters ----------------------------------------------------------------
def test_as_printed_in_1952_converts_to_traditional_forms(view):
    page = reset(view, traditional=True, mode="zh")
    body = plain(page.split("</header>")[1])
    assert "經驗" in body and "東北" in body and "经验" not in body and "东北" not in body
    assert set(zh_blocks(page)) == {"zh-Hant"}
    assert "modern approximation" in page


def test_traditional_with_pinyin_keeps_the_readings(view):
    page = reset(view, traditional=True, pinyin=True, mode="zh")
    assert ruby("經驗", "jīng", "yàn") in page
    assert ruby("廠長", "chǎng", "zhǎng") in page


def test_traditional_header_headline(view):
    header = reset(view, traditional=True).split("</header>")[0]
    assert "東北總工會召開幹部大會" in header


# -- size and widget behaviour -------------------------------------------------------------
def test_default_size_is_readable_and_the_slider_changes_it(view):
    assert "--kit-size: 18px" in reset(view)
    assert "--kit-size: 24px" in reset(view, size=24)


def test_view_has_its_controls_and_css_class(view):
    assert "kit-reader" in view._dom_classes
    for name in ("article", "mode", "pinyin", "highlight", "traditional", "size", "html"):
        assert getattr(view, name) is not None
    assert [value for _, value in view.article.options] == [REPORT, COMMENTARY]
    assert view.article.options[0][0].startswith("1952-08-03 · 东北总工会召开干部大会")


def test_switching_article_changes_the_page(view):
    first = reset(view, article=REPORT)
    second = reset(view, article=COMMENTARY)
    assert "齐廷汉" in plain(first) and "齐廷汉" not in plain(second)


def test_rerendering_does_not_segment_again(corpus, glossary, notes, monkeypatch):
    """Switching mode, pinyin, traditional or size re-renders without calling jieba again."""
    import importlib

    import kit.language

    pinyin_module = importlib.import_module("kit.language.pinyin")  # the module, not the function

    calls = {"segment": 0, "pairs": 0}
    real_tokens, real_pairs = pinyin_module.tokens, kit.language.sentence_pairs

    def counting_tokens(text):
        calls["segment"] += 1
        return real_tokens(text)

    def counting_pairs(article, *args, **kwargs):
        calls["pairs"] += 1
        return real_pairs(article, *args, **kwargs)

    monkeypatch.setattr(pinyin_module, "tokens", counting_tokens)
    monkeypatch.setattr(kit.language, "sentence_pairs", counting_pairs)
    pinyin_module._annotated.cache_clear()
    fresh = ReaderView(corpus, glossary, notes, pinyin=True)
    for mode in MODES:  # every mode once: the first time may segment
        fresh.mode.value = mode
    after_first = dict(calls)
    assert after_first["segment"] > 0 and after_first["pairs"] == 1
    for mode in MODES:
        fresh.mode.value = mode
    fresh.traditional.value = True
    fresh.size.value = 22
    fresh.pinyin.value = False
    fresh.pinyin.value = True
    assert calls == after_first


def test_kit_errors_in_a_callback_are_shown_in_the_view(view, monkeypatch):
    def broken(*args, **kwargs):
        raise KitError("the sentence aligner could not read this article")

    monkeypatch.setattr(reader_module, "render_reader_html", broken)
    view.size.value = 19 if view.size.value != 19 else 20
    assert 'class="kit-error"' in view.html.value
    assert "could not read this article" in view.html.value


def test_unknown_article_names_the_ones_that_exist(corpus, glossary, notes):
    with pytest.raises(KitError, match="unknown article '0001': try one of 000_7ca6473d3635779a"):
        ReaderView(corpus, glossary, notes, article="0001")


def test_a_cache_keeps_per_article_work(corpus, glossary, notes):
    cache = ReaderCache(size=1)
    render_reader_html(corpus[REPORT], glossary=glossary, notes=notes, cache=cache)
    render_reader_html(corpus[COMMENTARY], glossary=glossary, notes=notes, cache=cache)
    assert len(cache._entries) == 1


def test_a_broken_quiz_module_does_not_break_the_other_views(monkeypatch):
    import sys

    import kit.views

    monkeypatch.setitem(sys.modules, "kit.views.quiz", None)     # as if quiz.py failed to import
    monkeypatch.delitem(kit.views.__dict__, "QuizView", raising=False)
    with pytest.raises(ImportError, match="kit.views.QuizView could not be loaded"):
        kit.views.QuizView
    assert kit.views.ReaderView is ReaderView
    assert kit.views.style_block().startswith("<style>")


# -- glossary links stand on both languages (issue 15) ---------------------------------------
def bead_rows(page):
    """``{bead index: (Chinese cell, English cell)}`` of a page in sentence mode."""
    rows = {}
    for index, zh, en in re.findall(r'<div class="kit-pair" data-bead="(\d+)"[^>]*>'
                                    r'<div class="kit-cell kit-zh"[^>]*>(.*?)</div>'
                                    r'<div class="kit-cell kit-en"[^>]*>(.*?)</div></div>', page):
        rows[int(index)] = (zh, en)
    return rows


def linked_terms(cell):
    return re.findall(r'<mark class="kit-term" data-term="([^"]+)"', cell)


def test_english_workers_is_not_linked_to_zhigong_where_the_chinese_says_gongren(view, corpus):
    rows = bead_rows(reset(view, mode="sentences", article=REPORT))
    for index in (3, 4, 9):                 # "workers" over 工人 / 工人群众, no 职工 in the Chinese
        zh, en = rows[index]
        assert "工人" in plain(zh) and "职工" not in plain(zh)
        assert re.search(r"\bworkers\b", plain(en))
        assert "zhigong" not in linked_terms(en)


def test_english_workers_is_linked_where_the_chinese_says_zhigong(view):
    zh, en = bead_rows(reset(view, mode="sentences", article=REPORT))[8]
    assert "职工" in plain(zh) and "zhigong" in linked_terms(zh)
    assert re.search(r'data-term="zhigong"[^>]*>workers</mark>', en)


def test_enthusiasm_is_linked_where_the_chinese_has_jijixing(view):
    zh, en = bead_rows(reset(view, mode="sentences", article=COMMENTARY))[0]
    assert "积极性" in plain(zh)
    assert re.search(r'data-term="jijixing"[^>]*>enthusiasm</mark>', en)


LAODONG_REQING = """Title: Workers Show Enthusiasm
Author:
Date: 1952-08-03
Page: 2

The workers showed great enthusiasm in the emulation campaign.

<hr />
Original:
### 工人表现了劳动热情

1952-08-03
第2版()
专栏：

    工人在竞赛中表现了很高的劳动热情。
"""


def test_links_in_an_article_whose_chinese_has_neither_term(glossary):
    """"workers" over 工人 and "enthusiasm" over 劳动热情 link neither 职工 nor 积极性."""
    article = kit.parse_article(LAODONG_REQING, source="laodong_reqing.txt")
    page = render_reader_html(article, "sentences", glossary=glossary, cache=ReaderCache())
    en = " ".join(en for _, en in bead_rows(page).values())
    assert "workers" in plain(en) and "enthusiasm" in plain(en)
    assert "zhigong" not in linked_terms(en) and "jijixing" not in linked_terms(en)
    assert "zhigong" not in linked_terms(render_reader_html(article, "en", glossary=glossary,
                                                            cache=ReaderCache()))


def test_an_english_word_links_the_term_whose_chinese_is_there(glossary):
    """When two terms share an English form, the word links the one the Chinese holds."""
    from kit.glossary import Glossary, Term

    gongren = Term("gongren-test", "工人", "gōngrén", "workers", "role", "Workers.", "",
                   glossary["zhigong"].sources)
    both = Glossary(list(glossary) + [gongren])
    article = kit.parse_article(LAODONG_REQING, source="laodong_reqing.txt")
    page = render_reader_html(article, "en", glossary=both, cache=ReaderCache())
    assert re.search(r'data-term="gongren-test"[^>]*>workers</mark>', page)


# -- the article picker (issue 14: 10,000 articles) -----------------------------------------
@pytest.fixture(scope="module")
def many(corpus):
    """120 articles copied from the seeds, each with its own id and date."""
    import dataclasses
    import datetime as dt

    seeds = list(corpus)
    return kit.Corpus([dataclasses.replace(seeds[k % 2], id=f"{k:03d}_{seeds[k % 2].id}",
                                           date=seeds[k % 2].date + dt.timedelta(days=k))
                       for k in range(120)])


def test_the_picker_lists_a_few_matches_not_every_article(many, glossary, notes):
    from kit.views.picker import MAX_SHOWN

    big = ReaderView(many, glossary, notes)
    assert len(big.article.options) == MAX_SHOWN < len(many)
    assert "120 of 120 articles match; the first 50 are listed" in big.article.status.value
    big.article.search.value = "1952-08-07"
    assert [value for _, value in big.article.options] == ["004_000_7ca6473d3635779a"]
    big.article.choice.value = "004_000_7ca6473d3635779a"
    assert big.article.value == "004_000_7ca6473d3635779a"
    assert "1952-08-07" in big.html.value


def test_the_picker_searches_headline_title_and_words_in_any_order(many, glossary, notes):
    big = ReaderView(many, glossary, notes)
    big.article.search.value = "timely 及时总结"
    found = [value for _, value in big.article.options]
    assert found and all(value.endswith("003_0d759123a74baf35") for value in found)
    big.article.search.value = "no such article"
    assert big.article.options == () and big.article.value == "000_000_7ca6473d3635779a"
    assert "0 of 120 articles match" in big.article.status.value


def test_any_article_opens_even_when_the_list_does_not_show_it(many, glossary, notes):
    big = ReaderView(many, glossary, notes)
    big.show("119_003_0d759123a74baf35")
    assert big.article.value == "119_003_0d759123a74baf35"
    assert big.article.choice.value == "119_003_0d759123a74baf35"
    assert "齐廷汉" not in plain(big.html.value)


def test_the_picker_is_a_text_box_and_a_list_for_the_keyboard(view):
    import ipywidgets as widgets

    assert isinstance(view.article.search, widgets.Text)
    assert isinstance(view.article.choice, widgets.Dropdown)


def test_unknown_article_lists_only_a_few_ids(many, glossary, notes):
    big = ReaderView(many, glossary, notes)
    with pytest.raises(KitError, match=r"unknown article '000_000_7ca6473d3635779b' \(did you "
                                       r"mean '000_000_7ca6473d3635779a'\?\): try one of .*, …, or"):
        big.show("000_000_7ca6473d3635779b")
