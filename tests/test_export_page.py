"""The exported reader page (kit.export_page, ``python -m kit export ID -o page.html``): one
self-contained file with every mode, pinyin, the 1952 forms, cards, notes and the citation,
small enough for a phone, and safe whatever the article's text holds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import kit
from kit.cli import main
from kit.export_page import (DEFAULT_MODE, FORMS, MAX_PAGE_BYTES, export_page_html, json_script,
                             pack, split_cards, unpack)
from kit.views.reader import MODES

#: An article whose every field tries to be markup (tests/test_views_safety.py has its twin).
HOSTILE_ARTICLE = """Title: <script>alert(1)</script> Promoting Advanced Experience
Author: <b>Mallory</b>
Date: 1952-08-03
Page: 2

The Northeast Federation of Trade Unions <img src=x onerror=alert(1)> promoted advanced experience. Workers said "AT&T &lt;b&gt;" twice.

The Hao Jianxiu work method </script><script>alert("en")</script> was studied in the factory.

<hr />
Original:
### 东北总工会<script>alert(1)</script>推广先进经验

1952-08-03
第2版()
专栏：<i onclick=alert(1)>经济生活简评</i>

    东北总工会<script>alert(1)</script>推广先进经验
    东北总工会<img src=x onerror=alert(1)>推广先进经验。工人说“AT&T &lt;b&gt;”。
    工厂学习了郝建秀工作法</script><script>alert("zh")</script>，厂长很满意。
"""

ARTICLES_DIR = Path(__file__).resolve().parent / "data" / "articles"
REPORT_ID = "000_7ca6473d3635779a"
COMMENTARY_ID = "003_0d759123a74baf35"
VARIANTS = re.compile(r'<script type="application/json" id="kit-variants">(.*?)</script>', re.S)


def variants_of(page: str) -> dict[str, str]:
    """Every reader variant of a page, unpacked: ``{"mode|form": html}`` and ``"cards"``."""
    packed = json.loads(VARIANTS.search(page).group(1))
    out = {key: unpack(value) for key, value in packed.items() if value}
    reader = re.search(r'<div id="kit-reader"[^>]*data-variant="([^"]+)"[^>]*>', page)
    out[reader.group(1)] = page[reader.end():page.index('<section class="kit-page-glossary')]
    return out


@pytest.fixture(scope="module")
def pages(corpus, glossary, notes):
    return {aid: export_page_html(corpus[aid], glossary=glossary, notes=notes)
            for aid in (REPORT_ID, COMMENTARY_ID)}


@pytest.mark.parametrize("aid", [REPORT_ID, COMMENTARY_ID])
def test_a_seed_article_page_is_small_and_complete(pages, aid):
    page = pages[aid]
    assert page.startswith("<!DOCTYPE html>")
    assert len(page.encode("utf-8")) < MAX_PAGE_BYTES, f"{aid}: {len(page.encode()):,} bytes"
    variants = variants_of(page)
    assert {f"{m}|{f}" for m in MODES for f in FORMS} <= set(variants)
    for mode in MODES:
        assert f"kit-mode-{mode}" in variants[f"{mode}|s"], mode
    assert variants["cards"].count("data-card-id=") > 100, "the dictionary cards are missing"
    assert variants[f"{DEFAULT_MODE}|s"].count('class="kit-w"') > 100


def test_pinyin_1952_forms_cards_notes_and_citation(pages, corpus):
    page = pages[REPORT_ID]
    variants = variants_of(page)
    zh, zh_1952 = variants["zh|s"], variants["zh|t"]
    assert "<rt>" in zh and re.search(r"<rt>[a-zāáǎàēéěèīíǐìōóǒòūúǔù]+</rt>", zh)
    assert "总工会" in zh and "總工會" in zh_1952 and "總工會" not in zh
    assert "工人" in variants["cards"] and "CC-CEDICT" in variants["cards"]
    assert 'class="kit-note"' in variants["paragraphs|s"], "no translator's note"
    assert "kit-source-kind" in variants["paragraphs|s"], "notes' sources lack their kind"
    citation = corpus[REPORT_ID].citation("chicago")
    assert citation.split("”")[0].lstrip("“") in page
    assert 'id="kit-glossary-h"' in page and "增产节约运动" in page
    for switch in ('name="pinyin"', 'name="traditional"', 'name="tones"', 'name="size"'):
        assert switch in page


def test_the_page_loads_nothing_from_the_network(pages):
    for aid, page in pages.items():
        assert not re.search(r"""\ssrc=["']?(https?:)?//""", page), aid
        assert not re.search(r"<link\b", page), aid
        assert "@import" not in page and not re.search(r"url\(\s*['\"]?(https?:)?//", page)
        for tag in re.findall(r"""<(\w+)\b[^>]*\shref=["']https?:""", page):
            assert tag == "a", f"{aid}: a <{tag}> points to the web"
        assert not re.search(r"<script\b[^>]*\ssrc=", page)


def test_hostile_article_text_stays_text():
    hostile = kit.parse_article(HOSTILE_ARTICLE, source="hostile.txt")
    page = export_page_html(hostile)
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts.count('<script type="application/json" id="kit-variants">') == 1
    assert len(scripts) == 3, scripts          # the variants, reader.js and page.js
    for html in [page, *variants_of(page).values()]:
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "<i onclick" not in html and "<b>Mallory" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page   # shown, as text


def test_json_in_a_script_element_cannot_close_it():
    block = json_script("x", {"text": "</script><script>alert(1)</script> & <!--"})
    assert block.count("</script>") == 1 and "<!--" not in block.split(">", 1)[1]
    inner = block[block.index(">") + 1:-len("</script>")]
    assert json.loads(inner) == {"text": "</script><script>alert(1)</script> & <!--"}


def test_pack_and_split_cards():
    assert unpack(pack("全国性的<b>")) == "全国性的<b>"
    view = '<div class="kit-view">{}<div class="kit-cards" hidden>{}</div></div>'
    rests, cards = split_cards({"a": view.format("A", "1"), "b": view.format("B", "12")})
    assert rests == {"a": '<div class="kit-view">A</div>', "b": '<div class="kit-view">B</div>'}
    assert cards == '<div class="kit-cards" hidden>12</div>'
    mixed = {"a": view.format("A", "1"), "b": view.format("B", "2")}   # not one numbering
    assert split_cards(mixed) == (mixed, "")


def test_cli_export_writes_the_page(tmp_path, capsys):
    out = tmp_path / "reader.html"
    assert main(["export", COMMENTARY_ID, "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "works offline" in capsys.readouterr().out


def test_cli_export_of_an_unknown_article_says_which_exist(capsys):
    assert main(["export", "003_0d759123a74baf3"]) == 2
    assert "003_0d759123a74baf35" in capsys.readouterr().err
    assert main(["export"]) == 2
    assert "--site" in capsys.readouterr().err


def test_a_chinese_only_article_exports(corpus):
    text = (ARTICLES_DIR / f"{COMMENTARY_ID}.txt").read_text(encoding="utf-8")
    article = kit.parse_article(text[text.index("### "):], source="zh_only.txt")
    page = export_page_html(article)
    variants = variants_of(page)
    assert "推广先进经验" in variants["zh|s"] and variants["cards"].count("data-card-id=") > 50
