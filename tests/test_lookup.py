"""The dictionary card (kit.lookup): pinyin in context, every CC-CEDICT reading, glossary, HSK."""

from __future__ import annotations

import json
import re

import pytest

import kit
from kit import dictionary_lookup as lookup_module
from kit.language import annotate, cedict, segment
from kit.levels import hsk_level
from kit.dictionary_lookup import Entry, lookup
from kit.text import has_han

@pytest.fixture(scope="module")
def articles(corpus):
    """The fixed test articles (tests/data/articles/, the conftest's ``corpus``)."""
    return list(corpus)


def _paragraphs(article):
    return list(article.headline_zh) + list(article.paragraphs_zh)


def test_a_polyphonic_character_gives_the_reading_in_context_first():
    entry = lookup("行", context="银行行长")
    assert entry.pinyin == "háng"
    assert [r.pinyin for r in entry.readings] == ["háng", "xíng"]
    assert entry.readings[0].in_context and not entry.readings[1].in_context
    assert entry.definitions[0] == "row"           # CC-CEDICT's first sense of hang2
    assert lookup("行", context="他行不行").readings[0].pinyin == "xíng"
    assert lookup("长", context="银行行长").pinyin == "zhǎng"
    assert [r.pinyin for r in lookup("长", context="银行行长").readings] == ["zhǎng", "cháng"]


def test_every_reading_and_definition_of_cc_cedict_is_kept():
    entry = lookup("了", context="厂长来了。")
    assert entry.pinyin == "le"
    assert [r.numbers for r in entry.readings] == ["le5", "liao3", "liao4"]
    by_reading: dict[str, list[str]] = {}
    for reading, definitions in cedict()["了"]:
        by_reading.setdefault(reading, []).extend(d for d in definitions if d not in by_reading.get(reading, []))
    assert {r.numbers: list(r.definitions) for r in entry.readings} == by_reading


def test_pinyin_of_words_read_alone():
    assert lookup("厂长").pinyin == "chǎngzhǎng"
    assert lookup("干部").pinyin == "gànbù"
    assert lookup("增产节约运动").pinyin == kit.pinyin("增产节约运动") == "zēngchǎn jiéyuē yùndòng"


def test_ganbu_has_its_cc_cedict_definitions():
    entry = lookup("干部")
    ((reading, definitions),) = cedict()["干部"]
    assert reading == "gan4 bu4"
    assert entry.readings[0].numbers == "gan4 bu4"
    assert entry.readings[0].pinyin == "gànbù"
    assert list(entry.definitions) == definitions
    assert "cadre" in entry.definitions
    assert entry.hsk_level == hsk_level("干部") == 7


def test_a_glossary_term_returns_its_term(glossary):
    for term in glossary:
        entry = lookup(term.zh)
        assert entry.term is not None, term.zh
        assert entry.term.id == glossary[term.zh].id
    assert lookup("郝建秀").term.id == "hao-jianxiu"
    assert lookup("郝建秀").found


def test_a_term_cc_cedict_lacks_shows_the_dictionary_words_it_is_made_of():
    entry = lookup("增产节约运动")
    assert entry.readings == ()
    assert entry.term.id == "zengchan-jieyue-yundong"
    assert [p.word for p in entry.parts] == ["增产", "节约", "运动"]
    assert all(p.definitions for p in entry.parts)


def test_an_unknown_word_gives_an_empty_entry_not_an_error():
    entry = lookup("䶮䶮")
    assert entry.readings == () and entry.definitions == () and entry.term is None
    assert not entry.found
    assert entry.hsk_level is None


@pytest.mark.parametrize("word", ["factory", "", "  ", "1952", None])
def test_a_word_without_chinese_is_a_student_error(word):
    with pytest.raises(kit.KitError, match="lookup\\(\\) finds Chinese words.*kit.lookup\\('干部'\\)"):
        lookup(word)


def test_a_context_must_contain_the_word():
    with pytest.raises(kit.KitError, match="does not contain '厂长'.*leave context out"):
        lookup("厂长", context="银行行长")
    with pytest.raises(kit.KitError, match="start=0 does not point at '行'"):
        lookup("行", context="银行行长", start=0)


def test_start_picks_the_occurrence():
    assert lookup("行", context="银行行长", start=2).pinyin == "háng"


def test_entries_are_cached_and_plain_data():
    first = lookup("干部", context="有的领导干部只一般地号召")
    assert lookup("干部", context="有的领导干部只一般地号召") is first
    lookup_module.clear_caches()
    again = lookup("干部", context="有的领导干部只一般地号召")
    assert again == first and again is not first
    data = json.loads(json.dumps(first.as_dict(), ensure_ascii=False))
    assert data["word"] == "干部" and data["readings"][0]["definitions"][0] == "cadre"
    assert data["term"]["id"] == "ganbu" and data["hsk_label"] == "7–9"
    assert isinstance(first, Entry)
    assert repr(first).startswith("<Entry 干部 gànbù: cadre")


def test_a_card_for_every_word_of_every_article(articles, glossary):
    """No card is empty where CC-CEDICT or the glossary has the word; pinyin as the reader shows it."""
    table = cedict()
    checked = 0
    for article in articles:
        for paragraph in _paragraphs(article):
            pos = 0
            for token, reading in annotate(paragraph):
                if has_han(token):
                    entry = lookup(token, context=paragraph, start=pos)
                    assert entry.pinyin == reading, (token, paragraph[:20])
                    if token in table:
                        assert entry.definitions, token
                    if token in glossary:
                        assert entry.term is not None, token
                    assert entry.found or entry.parts, token
                    checked += 1
                pos += len(token)
            for token in segment(paragraph):   # the reader's words keep glossary terms whole
                if has_han(token) and (token in table or token in glossary):
                    entry = lookup(token, context=paragraph)
                    assert entry.definitions or entry.term is not None, token
    assert checked > 500


def test_the_reading_in_context_comes_first_for_every_polyphonic_word(articles):
    seen = 0
    for article in articles:
        for paragraph in _paragraphs(article):
            pos = 0
            for token, numbers in annotate(paragraph, style="numbers"):
                start, pos = pos, pos + len(token)
                entry = lookup(token, context=paragraph, start=start) if has_han(token) else None
                if entry is None or len(entry.readings) < 2:
                    continue
                keys = [r.numbers.replace(" ", "") for r in entry.readings]
                if numbers in keys:
                    assert keys[0] == numbers, (token, numbers, keys)
                    seen += 1
    assert seen > 50
    # the particle 地 in 有领导地 is read de, and that reading leads the card
    entry = lookup("地", context="有计划、有组织、有领导地加以推广")
    assert entry.readings[0].numbers == "de5"
    assert re.match(r"^de$", entry.pinyin)


def test_an_empty_context_is_no_context_and_pinyin_alone_is_quick():
    assert lookup("行", context="") == lookup("行")
    assert lookup_module.pinyin_in_context("行", context="银行行长") == "háng"
    assert lookup_module.pinyin_in_context("厂长") == "chǎngzhǎng"
    with pytest.raises(kit.KitError, match="has no Chinese characters"):
        lookup_module.pinyin_in_context("bank")
