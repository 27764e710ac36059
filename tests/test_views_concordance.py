"""KWIC over the corpus: kit.concordance (pure) and ConcordanceView."""

from __future__ import annotations

import re

import pytest

import kit
from kit.concordance import concordance, find_spans, kwic, sort_lines
from kit.errors import KitError
from kit.views.concordance import ConcordanceView, render_concordance_html


@pytest.fixture()
def view(corpus):
    return ConcordanceView(corpus)


def test_chinese_query_finds_every_occurrence_with_article_and_paragraph(corpus):
    lines = concordance(corpus, "先进经验")
    expected = sum(p.count("先进经验") for a in corpus for p in a.paragraphs_zh)
    assert len(lines) == expected > 20
    for line in lines:
        article = corpus[line.article_id]
        assert article.paragraphs_zh[line.paragraph][line.start:line.end] == "先进经验"
        assert line.lang == "zh" and len(line.left) <= 15 and len(line.right) <= 15


def test_english_query_ignores_case_and_matches_whole_words(corpus):
    lines = concordance(corpus, "ADVANCED EXPERIENCES")
    expected = sum(p.lower().count("advanced experiences") for a in corpus for p in a.paragraphs_en)
    assert len(lines) == expected > 10
    assert {l.match for l in lines} == {"advanced experiences"}
    assert concordance(corpus, "advanced experience") == []      # whole words only
    assert len(concordance(corpus, "advanced experience*")) == expected


def test_star_matches_any_ending(corpus):
    matches = {l.match.lower() for l in concordance(corpus, "promot*")}
    assert {"promote", "promoting", "promotion"} <= matches


def test_sorting_by_left_and_right_context(corpus):
    lines = concordance(corpus, "经验", sort="right")
    rights = [l.right for l in lines]
    assert rights == sorted(rights)
    lefts = [l.left[::-1] for l in concordance(corpus, "经验", sort="left")]
    assert lefts == sorted(lefts)
    by_position = concordance(corpus, "经验")
    assert sort_lines(concordance(corpus, "经验", sort="left"), "position") == by_position


def test_english_left_sort_reads_the_nearest_word_first(corpus):
    lines = concordance(corpus, "experience*", "en", sort="left")
    nearest = [re.findall(r"\w+", l.left)[-1].lower() for l in lines if re.findall(r"\w+", l.left)]
    assert nearest == sorted(nearest)


def test_empty_query_gives_no_lines_and_bad_arguments_are_explained(corpus):
    assert concordance(corpus, "") == [] and concordance(corpus, "   ") == []
    with pytest.raises(KitError, match="unknown sort 'middle'"):
        concordance(corpus, "经验", sort="middle")
    with pytest.raises(KitError, match="unknown lang 'fr'"):
        concordance(corpus, "经验", lang="fr")


def test_kwic_and_find_spans_are_plain_functions():
    assert kwic("推广先进经验的经验", 2, 6, 2) == ("推广", "先进经验", "的经")
    assert find_spans("a+b (c)", "(c)", "en") == [(4, 7)]


def test_view_searches_as_the_student_types(view, corpus):
    assert "kit-concordance" in view._dom_classes
    assert "Type a Chinese word" in view.html.value
    view.query.value = "郝建秀工作法"
    page = view.html.value
    assert page.count("<strong>郝建秀工作法</strong>") == len(concordance(corpus, "郝建秀工作法"))
    assert "1952-08-03" in page and "¶2" in page


def test_view_language_and_sort_controls(view):
    view.query.value = "experience"
    assert view.lang.value == "auto" and 'lang="en"' in view.html.value
    view.sort.value = "right"
    rights = re.findall(r'<td class="kit-right" lang="en">([^<]*)</td>', view.html.value)
    assert rights == sorted(rights, key=lambda r: [w.casefold() for w in re.findall(r"\w+", r)])
    view.lang.value = "zh"
    assert "No line contains “experience”" in view.html.value


def test_no_results_message(view):
    view.query.value = "拖拉机"
    assert "No line contains “拖拉机”" in view.html.value


def test_long_results_are_cut_with_a_count(corpus):
    lines = concordance(corpus, "的")
    page = render_concordance_html(lines, "的", limit=5)
    assert page.count("<tr") == 5 and f"{len(lines)} lines" in page and "showing the first 5" in page
