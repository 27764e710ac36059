"""Exports of the glossary: CSV, an Anki deck that updates instead of duplicating, a handout."""

from __future__ import annotations

import dataclasses
import json
import re
import sqlite3
import zipfile

import pytest

import kit
from kit import exports
from kit.errors import KitError
from kit.glossary import Glossary

A = "000_7ca6473d3635779a"  # news report, Northeast FTU cadre meeting
B = "003_0d759123a74baf35"  # commentary, column 经济生活简评


def _anki_db(path, tmp_path, name):
    with zipfile.ZipFile(path) as z:
        assert "collection.anki2" in z.namelist()
        target = tmp_path / name
        target.write_bytes(z.read("collection.anki2"))
    return sqlite3.connect(target)


def test_exports_are_reachable_from_the_facade():
    assert kit.exports.glossary_to_anki is exports.glossary_to_anki
    assert kit.exports.handout_html is exports.handout_html


def test_csv_export_writes_the_glossary_table(glossary, tmp_path):
    import pandas as pd

    path = exports.glossary_to_csv(glossary, tmp_path / "glossary.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, dtype=str)
    assert len(back) == len(glossary)
    assert back.set_index("id").loc["dongbei-zonggonghui", "zh"] == "东北总工会"


def test_anki_deck_has_one_note_per_term_with_stable_ids(glossary, corpus, tmp_path):
    first = exports.glossary_to_anki(glossary, tmp_path / "one.apkg", corpus)
    second = exports.glossary_to_anki(glossary, tmp_path / "two.apkg", corpus)
    db1, db2 = _anki_db(first, tmp_path, "one.db"), _anki_db(second, tmp_path, "two.db")
    notes1 = dict(db1.execute("select guid, flds from notes").fetchall())
    notes2 = dict(db2.execute("select guid, flds from notes").fetchall())
    assert len(notes1) == len(glossary)
    assert set(notes1) == set(notes2)                        # same GUIDs: re-import updates
    assert set(json.loads(db1.execute("select models from col").fetchone()[0])) == \
        set(json.loads(db2.execute("select models from col").fetchone()[0]))
    decks1 = set(json.loads(db1.execute("select decks from col").fetchone()[0])) - {"1"}
    decks2 = set(json.loads(db2.execute("select decks from col").fetchone()[0])) - {"1"}
    assert decks1 == decks2 == {str(exports.ANKI_DECK_ID)}
    assert db1.execute("select count(*) from cards").fetchone()[0] == len(glossary)
    # the back of 齐廷汉 carries the first sentence in both languages and the citation
    fields = {f.split("\x1f")[9]: f.split("\x1f") for f in notes1.values()}
    qi = fields["qi-tinghan"]
    assert qi[0] == "齐廷汉" and qi[1] == "Qí Tínghàn"
    assert "齐廷汉" in qi[5] and "Qi Tinghan" in qi[6]
    assert "People&#x27;s Daily" in qi[7] and "1952" in qi[7]


def test_anki_ids_never_change():
    """Decks exported before the move to kit.exports must still update, not duplicate."""
    assert (exports.ANKI_DECK_ID, exports.ANKI_MODEL_ID) == (2142015847, 3805590323)


def test_anki_fields_are_escaped(glossary, tmp_path, corpus):
    term = dataclasses.replace(glossary["gonghui"], gloss="A <script>alert(1)</script> union.",
                               related=())
    db = _anki_db(exports.glossary_to_anki(Glossary([term]), tmp_path / "x.apkg", corpus),
                  tmp_path, "x.db")
    flds = [row[0] for row in db.execute("select flds from notes")]
    assert any("&lt;script&gt;" in f for f in flds)
    assert not any("<script>" in f for f in flds)


def test_handout_lists_terms_in_order_of_first_appearance(glossary, corpus):
    article = corpus[B]
    page = exports.handout_html(glossary, article)
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    assert exports.handout_css() in page                       # the style sheet of kit/data
    assert "lang='zh-Hans'" in page and "lang='en'" in page
    rows = re.findall(r"<td class='zh' lang='zh-Hans'>(.*?)</td>", page)
    first = []
    for o in glossary.find(article, lang="zh"):
        if glossary[o.term_id].zh not in first:
            first.append(glossary[o.term_id].zh)
    assert rows == first
    assert rows[:6] == ["总结", "传播", "推广", "先进经验", "经验", "经济生活简评"]


def test_handout_shows_the_first_sentence_of_each_term(glossary, corpus):
    uses = {u.term.id: u for u in glossary.first_uses(corpus[A])}
    use = uses["gaosu-qiexiaofa"]
    assert "高速切削法" in use.zh and use.zh.endswith("。")
    assert "high-speed cutting" in use.en
    page = exports.handout_html(glossary, corpus[A])
    assert f"<div class='context' lang='zh-Hans'>{use.zh}</div>" in page


def test_handout_escapes_article_text(glossary, corpus):
    article = dataclasses.replace(
        corpus[A],
        paragraphs_zh=("<script>alert('zh')</script>沈阳的工会。",),
        paragraphs_en=("<script>alert('en')</script> the trade union in Shenyang.",))
    page = exports.handout_html(glossary, article)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#x27;zh&#x27;)&lt;/script&gt;沈阳的工会。" in page
    assert "&lt;script&gt;alert(&#x27;en&#x27;)&lt;/script&gt; the trade union in Shenyang." in page


def test_handout_of_something_else_is_explained(glossary, corpus):
    with pytest.raises(KitError, match=r"handout_html\(\) takes one article, got Corpus"):
        exports.handout_html(glossary, corpus)
