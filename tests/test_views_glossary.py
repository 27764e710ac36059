"""The glossary browser: search, filter, the term card with its sources and KWIC lines."""

from __future__ import annotations

import re

import pytest

import kit
from kit.views.glossary_view import GlossaryView, filter_terms, render_term_card

REPORT = "000_7ca6473d3635779a"


@pytest.fixture()
def view(glossary, corpus):
    """A fresh GlossaryView over the kit's glossary and the seeds."""
    return GlossaryView(glossary, corpus)


def term(glossary, zh):
    return next(t for t in glossary if t.zh == zh)


def test_opens_on_the_first_term_with_a_card(view, glossary):
    assert "kit-glossary" in view._dom_classes
    assert view.results.value == list(glossary)[0].id
    assert '<article class="kit-card"' in view.html.value
    assert f"{len(list(glossary))} terms" in view.html.value


@pytest.mark.parametrize("query", ["郝建秀工作法", "haojianxiu", "hao jian xiu", "Hao Jianxiu"])
def test_search_in_chinese_toneless_pinyin_and_english(view, glossary, query):
    hao = term(glossary, "郝建秀工作法")
    view.query.value = query
    assert hao.id in [value for _, value in view.results.options]


def test_choosing_a_result_shows_its_card(view, glossary):
    hao = term(glossary, "郝建秀工作法")
    view.query.value = "郝建秀"
    view.results.value = hao.id
    card = view.html.value
    assert f'<span lang="zh-Hans">{hao.zh}</span>' in card
    assert hao.pinyin in card and hao.en.replace("'", "&#x27;") in card
    assert "<dt>Gloss</dt>" in card and "<dt>Note</dt>" in card and "<dt>Sources</dt>" in card


def test_category_filter_keeps_only_that_category(view, glossary):
    view.category.value = "person"
    people = [glossary[value] for _, value in view.results.options]
    assert people and all(t.category == "person" for t in people)
    assert "齐廷汉" in [t.zh for t in people]


def test_no_result_says_so_and_how_to_search(view):
    view.query.value = "zzzz-not-a-term"
    assert view.results.options == () and view.results.value is None
    assert "No term matches “zzzz-not-a-term”" in view.html.value
    assert view.related.children == ()


def test_sources_with_urls_are_safe_links(glossary):
    with_url = [t for t in glossary if any(getattr(s, "url", None) for s in t.sources)]
    assert with_url
    card = render_term_card(with_url[0], glossary)
    links = re.findall(r"<a ([^>]*)>", card)
    assert links
    for link in links:
        assert 'rel="noopener noreferrer"' in link and 'target="_blank"' in link
        assert re.search(r'href="https?://', link)


def test_related_terms_are_buttons_that_open_their_card(view, glossary):
    start = next(t for t in glossary if t.related)
    view.results.value = start.id
    buttons = view.related.children
    assert len(buttons) == len(start.related)
    buttons[0].click()
    assert view.results.value == start.related[0]
    assert f'data-term="{start.related[0]}"' in view.html.value


def test_related_button_opens_a_term_hidden_by_the_search(view, glossary):
    start = next(t for t in glossary if t.related)
    view.results.value = start.id
    view.query.value = start.zh            # only this term (and maybe longer ones) now listed
    target = start.related[0]
    view.related.children[0].click()
    assert view.results.value == target


def test_card_lists_every_occurrence_as_kwic_in_both_languages(view, glossary, corpus):
    hao = term(glossary, "郝建秀工作法")
    view.query.value = "郝建秀"
    view.results.value = hao.id
    card = view.html.value
    found = [o for o in glossary.find(corpus) if o.term_id == hao.id]
    zh = [o for o in found if o.lang == "zh"]
    en = [o for o in found if o.lang == "en"]
    assert zh and en
    assert f"{len(zh)} in Chinese, {len(en)} in English" in card
    assert card.count('<td class="kit-key" lang="zh-Hans"><strong>郝建秀工作法</strong>') == len(zh)
    assert '<td class="kit-key" lang="en"><strong>Hao Jianxiu work method</strong>' in card
    assert "多刀多刃切削法、" in card                       # the left context in Chinese


def test_filter_terms_is_a_plain_function(glossary):
    assert filter_terms(glossary) == list(glossary)
    orgs = filter_terms(glossary, category="organisation")
    assert "东北总工会" in [t.zh for t in orgs]
    assert filter_terms(glossary, "东北总工会", "person") == []


# -- show() takes what a student types (issue 14) -------------------------------------------
@pytest.mark.parametrize("key", ["推广", "tuiguang", "tuīguǎng", "tui guang", "Tuiguang",
                                 "promote", "to popularise, spread"])
def test_show_opens_a_term_by_its_chinese_pinyin_english_or_id(view, glossary, key):
    view.query.value = "郝建秀"                      # a search that hides 推广
    view.show(key)
    assert view.results.value == "tuiguang"
    assert '<article class="kit-card" data-term="tuiguang">' in view.html.value
    assert view.query.value == ""


def test_show_prefers_the_exact_tones(glossary):
    from kit.views.glossary_view import find_term

    hao = term(glossary, "郝建秀工作法")
    assert find_term(glossary, hao.pinyin) is hao
    assert find_term(glossary, hao.zh) is hao and find_term(glossary, hao.en) is hao


def test_show_of_an_unknown_term_says_so_in_the_view_with_close_matches(view):
    view.show("tuiguan")
    page = view.html.value
    assert 'class="kit-error" role="alert"' in page
    assert "No term “tuiguan” in the glossary" in page
    assert "推广 tuīguǎng" in page and "id &#x27;tuiguang&#x27;" in page
    assert "view.show(&#x27;推广&#x27;)" in page
    assert view.related.children == ()


def test_show_of_a_hostile_unknown_term_is_escaped(view):
    view.show("<script>alert(1)</script>")
    assert "<script>" not in view.html.value.split("</style>")[1]
    assert "&lt;script&gt;" in view.html.value


# -- large corpora: lines capped, places found for the selected term only (issue 14) --------
@pytest.fixture(scope="module")
def many(corpus):
    """30 articles copied from the seeds, each with its own id."""
    import dataclasses

    seeds = list(corpus)
    return kit.Corpus([dataclasses.replace(seeds[k % 2], id=f"{k:03d}_{seeds[k % 2].id}")
                       for k in range(30)])


def kwic_keys(page, lang):
    return re.findall(r'<td class="kit-key" lang="%s">' % lang, page)


def test_a_card_shows_ten_lines_per_language_and_a_more_button(glossary, many):
    from kit.views.glossary_view import PAGE_SIZE

    view = GlossaryView(glossary, many)
    view.show("先进经验")
    found = [o for o in glossary.find(many) if o.term_id == "xianjin-jingyan"]
    zh = [o for o in found if o.lang == "zh"]
    en = [o for o in found if o.lang == "en"]
    assert len(zh) > PAGE_SIZE and len(en) > PAGE_SIZE
    page = view.html.value
    assert f"{len(zh)} in Chinese, {len(en)} in English" in page
    assert len(kwic_keys(page, "zh-Hans")) == len(kwic_keys(page, "en")) == PAGE_SIZE
    assert f"Chinese: the first {PAGE_SIZE} of {len(zh)}" in page
    hidden = len(zh) + len(en) - 2 * PAGE_SIZE
    assert view.more.layout.display != "none"
    assert view.more.description == f"Show {PAGE_SIZE} more lines ({hidden} not shown)"
    view.more.click()
    assert len(kwic_keys(view.html.value, "zh-Hans")) == 2 * PAGE_SIZE
    view.show("郝建秀工作法")                          # another term starts at the first page again
    assert view.limit == PAGE_SIZE


def test_no_more_button_when_every_line_is_shown(view, glossary):
    view.show("郝建秀工作法")
    assert view.more.layout.display == "none"


def test_the_view_finds_only_the_selected_terms_places(glossary, many, monkeypatch):
    """Opening the view and a card never searches every term in every article."""
    def every_term(*args, **kwargs):
        raise AssertionError("glossary.find(corpus) searched every term")

    monkeypatch.setattr(glossary, "find", every_term)
    view = GlossaryView(glossary, many)
    view.show("推广")
    assert "In the articles:" in view.html.value


def test_the_cards_counts_agree_with_glossary_find_on_the_seeds(glossary, corpus):
    from kit.views.places import CorpusTexts

    texts = CorpusTexts(corpus)
    found = glossary.find(corpus)
    for zh in ("郝建秀工作法", "先进经验", "东北总工会", "推广", "职工", "思想顾虑"):
        t = term(glossary, zh)
        places = texts.places(t)
        for lang in ("zh", "en"):
            assert len(places[lang]) == len([o for o in found
                                             if o.term_id == t.id and o.lang == lang]), (zh, lang)
