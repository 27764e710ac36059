"""The article parser: every field of both seeds, the format variations, every error."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import kit
from kit.articles import parse_article, read_article
from kit.errors import KitWarning

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"  # copies of the two seeds
REPORT = ARTICLES / "000_7ca6473d3635779a.txt"
COMMENTARY = ARTICLES / "003_0d759123a74baf35.txt"


@pytest.fixture(scope="module")
def report():
    return read_article(REPORT)


@pytest.fixture(scope="module")
def commentary():
    return read_article(COMMENTARY)


# -- the seeds, field by field ---------------------------------------------------------
def test_report_header_fields(report):
    assert report.id == "000_7ca6473d3635779a"
    assert report.path == REPORT
    assert report.title_en == ("Northeast Federation of Trade Unions Convenes Cadre Meeting: Introducing "
                               "a Factory's Experience in Promoting Advanced Techniques")
    assert report.title_zh == "东北总工会召开干部大会  介绍某工厂推广先进经验的经验"
    assert report.headline_zh == ("东北总工会召开干部大会", "介绍某工厂推广先进经验的经验")
    assert report.author_en == "" and report.author_zh == ""
    assert report.date == dt.date(1952, 8, 3)
    assert report.page == 2
    assert report.section == ""
    assert report.column_zh == "" and report.column_en == ""


def test_report_body(report):
    assert len(report.paragraphs_en) == 3 and len(report.paragraphs_zh) == 3
    assert report.paragraphs_en[0].startswith("The Northeast Federation of Trade Unions convened a cadre meeting on July 20th")
    assert report.paragraphs_en[2].endswith("was truly worthy of learning.")
    assert report.paragraphs_zh[0] == "东北总工会于七月二十日召开各省市，各产业工会干部大会，介绍某厂推广先进经验的经验。"
    assert report.paragraphs_zh[1].startswith("在中共中央东北局及东北人民政府的领导下")
    assert report.paragraphs_zh[2].endswith("做得又深入又细致，真是值得学习。")
    # no header, headline, separator or indentation left in the body
    for p in report.paragraphs_zh + report.paragraphs_en:
        assert p == p.strip() and "<hr" not in p and "Original" not in p
    assert "东北总工会召开干部大会" not in report.paragraphs_zh


def test_commentary_fields(commentary):
    assert commentary.id == "003_0d759123a74baf35"
    assert commentary.title_en == ("Experience in Timely Summarization, Dissemination and Promotion of "
                                   "Advanced Experience")
    assert commentary.title_zh == "及时总结和传播推广先进经验的经验"
    assert commentary.headline_zh == ("及时总结和传播推广先进经验的经验",)
    assert commentary.author_en == commentary.author_zh == ""
    assert (commentary.date, commentary.page, commentary.section) == (dt.date(1952, 8, 3), 2, "")
    assert commentary.column_zh == "经济生活简评"
    assert commentary.column_en == "Economic Life Brief Commentary"
    assert len(commentary.paragraphs_en) == 3 and len(commentary.paragraphs_zh) == 3
    assert commentary.paragraphs_en[0].startswith("Since the launch of the national campaign")
    assert commentary.paragraphs_zh[0].startswith("全国性的增产节约运动开展以来")
    assert commentary.paragraphs_zh[2].endswith("把推广先进经验的工作提高一步。")
    assert commentary.title_en not in commentary.paragraphs_en
    assert "经济生活简评" not in commentary.paragraphs_zh


def test_paragraph_pairs_are_one_to_one(report):
    pairs = report.paragraph_pairs()
    assert len(pairs) == 3
    assert pairs[0][0].startswith("The Northeast Federation") and pairs[0][1].startswith("东北总工会于七月二十日")
    assert pairs[2][1].startswith("沈阳某工厂")


def test_repr_and_html(report):
    assert repr(report) == "<Article 1952-08-03 p.2 东北总工会召开干部大会>"
    html = report._repr_html_()
    assert "lang='zh-Hans'" in html and "3 paragraphs" in html


def test_citations(report, commentary):
    chicago = commentary.citation()
    assert chicago.startswith("“及时总结和传播推广先进经验的经验” [Experience in Timely Summarization")
    assert "经济生活简评" in chicago and "Economic Life Brief Commentary" in chicago
    assert "人民日报 [People's Daily], August 3, 1952, p. 2." in chicago
    apa = report.citation("apa")
    assert "(1952, August 3)" in apa and "人民日报 [People's Daily], 2." in apa
    assert "东北总工会召开干部大会 介绍某工厂推广先进经验的经验" in apa
    assert "3 Aug. 1952" in report.citation("mla")
    with pytest.raises(kit.KitError, match="unknown citation style 'harvard'"):
        report.citation("harvard")


@pytest.mark.parametrize("month, written", [(5, "May"), (6, "June"), (7, "July"), (9, "Sept."),
                                            (1, "Jan.")])
def test_mla_abbreviates_only_months_longer_than_four_letters(report, month, written):
    import dataclasses

    moved = dataclasses.replace(report, date=dt.date(1952, month, 3))
    assert f"People's Daily], 3 {written} 1952, p. 2." in moved.citation("mla")


def test_text_in_one_language(commentary):
    assert commentary.text("zh").split("\n\n") == list(commentary.paragraphs_zh)
    assert commentary.text("en").startswith("Since the launch of the national campaign")
    with pytest.raises(kit.KitError, match="lang must be 'zh' or 'en', not 'fr'"):
        commentary.text("fr")


def test_citation_names_the_author():
    text = REPORT.read_text(encoding="utf-8").replace("Author:", "Author: Zhang San").replace(
        "### 东北总工会召开干部大会  介绍某工厂推广先进经验的经验\n\n",
        "### 东北总工会召开干部大会  介绍某工厂推广先进经验的经验\n本报记者 张三\n")
    a = parse_article(text, source="x.txt")
    assert a.author_en == "Zhang San" and a.author_zh == "本报记者 张三"
    assert a.citation().startswith("本报记者 张三. “东北总工会")


# -- variations that must parse to the same content ----------------------------------
def _same_content(a, b):
    fields = ["title_en", "title_zh", "headline_zh", "author_en", "author_zh", "date", "page",
              "section", "column_zh", "column_en", "paragraphs_en", "paragraphs_zh"]
    for f in fields:
        assert getattr(a, f) == getattr(b, f), f


def _variants(text: str):
    yield "crlf", text.replace("\n", "\r\n")
    yield "bom", "\ufeff" + text
    yield "bom+crlf", "\ufeff" + text.replace("\n", "\r\n")
    yield "trailing spaces", re.sub(r"\n", "   \n", text)
    yield "tabs before paragraphs", re.sub(r"(?m)^    ", "\t", text)
    yield "no indentation", re.sub(r"(?m)^    ", "", text)
    yield "two-space indentation", re.sub(r"(?m)^    ", "  ", text)
    yield "ascii column colon", text.replace("专栏：", "专栏:")
    yield "full-width header colons", re.sub(r"(?m)^(Title|Author|Date|Page):", r"\1：", text)
    yield "no blank lines", re.sub(r"\n\s*\n", "\n", text)
    yield "extra blank lines", text.replace("\n", "\n\n")
    yield "no final newline", text.rstrip("\n")
    yield "no <hr />", text.replace("<hr /> ", "")
    yield "lower-case keys", re.sub(r"(?m)^(Title|Author|Date|Page):", lambda m: m.group(1).lower() + ":", text)
    yield "blank lines between paragraphs", re.sub(r"(?m)^(    [^\n]+)\n", r"\1\n\n", text)


@pytest.mark.parametrize("seed", [REPORT, COMMENTARY], ids=["report", "commentary"])
def test_variations_parse_to_the_same_content(seed):
    text = seed.read_text(encoding="utf-8")
    original = parse_article(text, source=seed.name)
    for name, variant in _variants(text):
        try:
            _same_content(parse_article(variant, source=name), original)
        except AssertionError as exc:
            raise AssertionError(f"variant '{name}' differs in {exc}") from None


def test_variant_files_on_disk(tmp_path):
    """The same variations through the file reader (bytes, BOM, CRLF)."""
    data = COMMENTARY.read_bytes()
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"))
    a = read_article(tmp_path / "a.txt")
    assert a.column_zh == "经济生活简评" and len(a.paragraphs_zh) == 3 and a.id == "a"


def test_chinese_page_numeral_and_section():
    text = COMMENTARY.read_text(encoding="utf-8").replace("第2版()", "第二版（经济）")
    a = parse_article(text.replace("Page: 2\n", ""), source="x.txt")
    assert (a.page, a.section) == (2, "经济")


def test_headline_split_over_lines_in_body_only():
    """A title on one line whose headline the body prints on two lines."""
    text = REPORT.read_text(encoding="utf-8").replace(
        "### 东北总工会召开干部大会  介绍某工厂推广先进经验的经验", "### 东北总工会召开干部大会介绍某工厂推广先进经验的经验")
    a = parse_article(text, source="x.txt")
    assert a.headline_zh == ("东北总工会召开干部大会", "介绍某工厂推广先进经验的经验")
    assert len(a.paragraphs_zh) == 3


def test_unequal_paragraph_counts_are_aligned():
    """An English paragraph split in two: the aligner joins them back."""
    text = REPORT.read_text(encoding="utf-8")
    text = text.replace(" Among the workers, phenomena", "\n\nAmong the workers, phenomena")
    a = parse_article(text, source="x.txt")
    assert len(a.paragraphs_en) == 4
    pairs = a.paragraph_pairs()
    assert len(pairs) == 3
    assert pairs[1][0].startswith("Under the leadership") and pairs[1][0].endswith("also occur.")
    assert pairs[2][1].startswith("沈阳某工厂")


# -- errors: each names the file and the line ---------------------------------------
def _err(text, match, line, encoding=None, tmp_path=None, name="005_x.txt"):
    with pytest.raises(kit.ArticleFormatError, match=match) as info:
        if isinstance(text, bytes):
            p = tmp_path / name
            p.write_bytes(text)
            read_article(p, encoding=encoding, source=f"seeds/{name}")
        else:
            parse_article(text, source=f"seeds/{name}")
    assert info.value.path == f"seeds/{name}"
    assert info.value.line == line
    assert str(info.value).startswith(f"seeds/{name}, line {line}: ")
    return info.value


@pytest.fixture(scope="module")
def seed_text():
    return REPORT.read_text(encoding="utf-8")


def test_impossible_chinese_date(seed_text):
    text = seed_text.replace("\n1952-08-03\n", "\n1952-13-45\n")
    e = _err(text, r"expected a date like 1952-08-03 after the Chinese title, found '1952-13-45'", 21)
    assert "month 13" in str(e)


def test_impossible_header_date(seed_text):
    _err(seed_text.replace("Date: 1952-08-03", "Date: 1952-02-30"),
         r"after 'Date:', found '1952-02-30' \(there is no day 30 in February 1952\)", 3)


def test_date_that_is_not_a_date(seed_text):
    _err(seed_text.replace("Date: 1952-08-03", "Date: August"), r"expected a date like 1952-08-03 after 'Date:'", 3)


def test_page_not_a_number(seed_text):
    _err(seed_text.replace("Page: 2", "Page: two"), r"expected a page number like 'Page: 2', found 'two'", 4)


def test_chinese_page_not_a_number(seed_text):
    _err(seed_text.replace("第2版()", "第X版()"), r"expected a page number like 第2版 in '第X版\(\)'", 22)


def test_missing_original(seed_text):
    _err(seed_text.replace("Original: ", ""), r"there is no 'Original:' line", 29)


def test_missing_title(seed_text):
    _err(seed_text.replace("Title: Northeast", "Titel: Northeast"), r"the English title is missing", 1)
    _err(seed_text.replace("Title: Northeast Federation of Trade Unions Convenes Cadre Meeting: "
                           "Introducing a Factory's Experience in Promoting Advanced Techniques", "Title:"),
         r"the English title is missing", 1)


def test_missing_chinese_title(seed_text):
    _err(seed_text.replace("### 东北总工会召开干部大会  介绍某工厂推广先进经验的经验", "###"),
         r"the Chinese title is missing", 19)
    _err(seed_text.replace("### 东北总工会召开干部大会  介绍某工厂推广先进经验的经验\n", ""),
         r"expected the Chinese title as a line starting with '### ' after 'Original:', found '1952-08-03'", 20)


def test_empty_english_body(seed_text):
    head, _, rest = seed_text.partition("The Northeast Federation of Trade Unions convened")
    _, _, tail = rest.partition("<hr />")
    _err(head + "<hr />" + tail, r"the English body is empty", 6)


def test_empty_chinese_body(seed_text):
    text = seed_text.split("专栏：")[0] + "专栏：\n\n    东北总工会召开干部大会\n    介绍某工厂推广先进经验的经验\n"
    _err(text, r"the Chinese body is empty", 26)


def test_not_utf8_but_gbk(tmp_path, seed_text):
    e = _err(seed_text.encode("gb18030"), r"looks like GBK/GB18030.*iconv -f GB18030 -t UTF-8", 19,
             tmp_path=tmp_path)
    assert "encoding='gb18030'" in str(e)


def test_gbk_with_explicit_encoding(tmp_path, seed_text):
    p = tmp_path / "gbk.txt"
    p.write_bytes(seed_text.encode("gb18030"))
    assert read_article(p, encoding="gb18030").paragraphs_zh == read_article(REPORT).paragraphs_zh


def test_not_text_at_all(tmp_path):
    _err(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), r"binary file", 1, tmp_path=tmp_path)
    _err(b"\xff\xfe\x00\xd8" * 20, r"binary file|not UTF-8", 1, tmp_path=tmp_path)


def test_empty_file(tmp_path):
    _err(b"", r"the file is empty", 1, tmp_path=tmp_path)
    _err(b"  \n\n", r"the file is empty", 1, tmp_path=tmp_path)


def test_error_is_a_kit_error_and_value_error(seed_text):
    with pytest.raises(ValueError):
        parse_article(seed_text.replace("Page: 2", "Page: x"))
    with pytest.raises(kit.KitError):
        parse_article(seed_text.replace("Page: 2", "Page: x"))


# -- what the fast parser must keep ----------------------------------------------------
def test_parsed_article_is_an_ordinary_frozen_dataclass(report):
    """parse_article builds the Article with its constructor: a frozen dataclass like any other."""
    import dataclasses

    values = {f.name: getattr(report, f.name) for f in dataclasses.fields(report)}
    built = kit.Article(**values)
    assert built == report and hash(built) == hash(report)
    assert vars(built) == vars(report)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.page = 3
    assert dataclasses.replace(report, page=3).page == 3


def test_source_lines_of_the_seeds(report, commentary):
    assert report.source_lines == {"title_en": 1, "date": 3, "title_zh": 19, "date_zh": 21,
                                   "paragraphs_en": (6, 8, 10), "paragraphs_zh": (27, 28, 29)}
    assert commentary.source_lines["paragraphs_en"] == (9, 10, 11)
    assert commentary.source_lines["paragraphs_zh"] == (27, 28, 29)


@pytest.mark.parametrize("spelling", ["original:", "ORIGINAL：", "  Original", "\tOriginal :"])
def test_other_spellings_of_original(seed_text, spelling):
    a = parse_article(seed_text.replace("Original: ", spelling), source="x.txt")
    assert a.title_zh == "东北总工会召开干部大会  介绍某工厂推广先进经验的经验"
    assert len(a.paragraphs_en) == len(a.paragraphs_zh) == 3


def test_english_line_starting_with_o_is_not_original(seed_text):
    """Only a line that is 'Original:' alone splits the two parts."""
    text = seed_text.replace("\n\n<hr />", "\n\nOriginally reported by the Northeast Daily.\n\n<hr />")
    a = parse_article(text, source="x.txt")
    assert a.paragraphs_en[-1] == "Originally reported by the Northeast Daily."
    assert a.source_lines["paragraphs_en"][-1] == 14
    assert len(a.paragraphs_zh) == 3


@pytest.mark.parametrize("title_line", ["#东北总工会召开干部大会  介绍某工厂推广先进经验的经验",
                                        "######\t东北总工会召开干部大会  介绍某工厂推广先进经验的经验",
                                        "  ###   东北总工会召开干部大会  介绍某工厂推广先进经验的经验  "])
def test_other_spellings_of_the_chinese_title(seed_text, title_line):
    a = parse_article(seed_text.replace("### 东北总工会召开干部大会  介绍某工厂推广先进经验的经验", title_line),
                      source="x.txt")
    assert a.title_zh == "东北总工会召开干部大会  介绍某工厂推广先进经验的经验"
    assert a.headline_zh == ("东北总工会召开干部大会", "介绍某工厂推广先进经验的经验")


def test_header_dates_in_other_forms(seed_text):
    for form in ("1952/8/3", "1952.08.03", "1952年8月3日", " 1952 - 08 - 03"):
        assert parse_article(seed_text.replace("Date: 1952-08-03", f"Date: {form}")).date == dt.date(1952, 8, 3)


def test_parse_article_calls_the_constructor(seed_text, monkeypatch):
    """No object.__new__ short cut: an Article made by the parser went through __init__."""
    calls = []
    init = kit.Article.__init__
    monkeypatch.setattr(kit.Article, "__init__", lambda self, *a, **k: calls.append(k) or init(self, *a, **k))
    a = parse_article(seed_text, source="x.txt")
    assert len(calls) == 1 and calls[0]["title_zh"] == a.title_zh and a.warnings == ()


# -- a file cut short: it loads, with a warning that names the file and the line -----------
def test_truncated_article_loads_and_warns(seed_text):
    cut = seed_text[: seed_text.index("是保证实现先进增产节约计划的基本办法")]  # mid paragraph, no newline
    with pytest.warns(KitWarning, match=r"x\.txt, line 29: the last Chinese paragraph ends with "
                                            r"'.*', without closing punctuation") as record:
        a = parse_article(cut, source="x.txt")
    assert len(record) == 1 and record[0].message.line == 29 and record[0].message.path == "x.txt"
    assert a.paragraphs_zh[2].endswith("都认识到推广先进经验，") and len(a.paragraphs_zh) == 3
    assert [w.line for w in a.warnings] == [29]


@pytest.mark.parametrize("ending", ["", "\n", "   ", "\n\n\n"])
def test_complete_last_sentence_loads_quietly(seed_text, ending, recwarn):
    a = parse_article(seed_text.rstrip() + ending, source="x.txt")
    assert a.paragraphs_zh[2].endswith("真是值得学习。")
    assert a.warnings == () and not [w for w in recwarn if issubclass(w.category, KitWarning)]


def test_short_signature_line_with_final_newline_is_not_a_cut(seed_text, recwarn):
    a = parse_article(seed_text.rstrip() + "\n    一九五二年七月二十日\n", source="x.txt")
    assert a.paragraphs_zh[-1] == "一九五二年七月二十日" and a.warnings == ()
    with pytest.warns(KitWarning, match="without closing punctuation"):
        parse_article(seed_text.rstrip() + "\n    一九五二年七月二十日", source="x.txt")


# -- the headline repeated at the top of the body, sometimes glued to the next line ---------
LETTER = """Title: Guarantee Increased Production and Economy of More Than 1,300 Tons of Grain
Date: 1952-08-03
Page: 2

Chairman Gao Gang:
We, all the members of the cooperative, guarantee to increase production this year.

Original:
### 给高岗主席的信  保证增产节约一千三百多吨粮食
1952-08-03
第2版()
    给高岗主席的信
    保证增产节约一千三百多吨粮食高岗主席：
    我们全体社员保证今年增产节约。
"""


def test_headline_glued_to_the_salutation_is_cut_off():
    a = parse_article(LETTER, source="letter.txt")
    assert a.headline_zh == ("给高岗主席的信", "保证增产节约一千三百多吨粮食")
    assert a.paragraphs_zh == ("高岗主席：", "我们全体社员保证今年增产节约。")
    assert a.source_lines["paragraphs_zh"] == (13, 14)
    assert a.paragraph_pairs()[0] == ("Chairman Gao Gang:", "高岗主席：")
    assert kit.articles.format_warnings(a) == []


def test_whole_one_line_headline_glued_to_the_first_line():
    text = LETTER.replace("### 给高岗主席的信  保证增产节约一千三百多吨粮食", "### 保证增产节约一千三百多吨粮食") \
                 .replace("    给高岗主席的信\n", "")
    a = parse_article(text, source="letter.txt")
    assert a.headline_zh == ("保证增产节约一千三百多吨粮食",) and a.paragraphs_zh[0] == "高岗主席："


def test_only_the_first_headline_lines_repeated():
    a = parse_article(LETTER.replace("    保证增产节约一千三百多吨粮食高岗主席：", "    高岗主席："), source="l.txt")
    assert a.headline_zh == ("给高岗主席的信", "保证增产节约一千三百多吨粮食")
    assert a.paragraphs_zh == ("高岗主席：", "我们全体社员保证今年增产节约。")


def test_sentence_that_starts_with_the_headline_is_kept_and_check_warns():
    text = LETTER.replace("    保证增产节约一千三百多吨粮食高岗主席：", "    保证增产节约一千三百多吨粮食，是我们的决心。")
    a = parse_article(text.replace("    给高岗主席的信\n", ""), source="l.txt")
    assert a.paragraphs_zh[0] == "保证增产节约一千三百多吨粮食，是我们的决心。"
    (warning,) = kit.articles.format_warnings(a, "seeds/l.txt")
    assert warning.as_check_line() == (
        "seeds/l.txt:12: warning: the Chinese body starts with the headline text '保证增产节约一千三百多吨粮食': "
        "if the headline is repeated there, put it on a line of its own before the first paragraph")


def test_the_seeds_have_no_headline_left_in_the_body(report, commentary):
    assert kit.articles.format_warnings(report) == kit.articles.format_warnings(commentary) == []


# -- what is not an article file is refused without opening it -------------------------------
def _fifo(tmp_path, name="x.txt"):
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    path = tmp_path / name
    os.mkfifo(path)
    return path


def _in_thread(fn, timeout=10):
    """fn() in a daemon thread: the test fails (instead of hanging) if it blocks."""
    import threading

    box = {}

    def run():
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            box["error"] = exc
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), "reading the file blocked"
    if "error" in box:
        raise box["error"]
    return box["value"]


def test_a_named_pipe_is_refused_without_opening_it(tmp_path):
    fifo = _fifo(tmp_path)
    with pytest.raises(kit.ArticleFormatError, match=r"x\.txt: this is a named pipe \(FIFO\), not an article file"):
        _in_thread(lambda: read_article(fifo))


def test_a_folder_and_broken_links_are_explained(tmp_path):
    (tmp_path / "f.txt").mkdir()
    with pytest.raises(kit.ArticleFormatError, match="this is a folder, not an article file"):
        read_article(tmp_path / "f.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    with pytest.raises(kit.ArticleFormatError, match=r"a symbolic link to '.*gone\.txt', which does not exist"):
        read_article(tmp_path / "dangling.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    with pytest.raises(kit.ArticleFormatError, match="a symbolic link that leads back to itself"):
        read_article(tmp_path / "loop.txt")


# -- the size limit --------------------------------------------------------------------------
def test_size_limit_is_checked_before_reading(tmp_path, seed_text, monkeypatch):
    from kit.articles import MAX_ARTICLE_BYTES

    assert MAX_ARTICLE_BYTES == 2 * 1024 * 1024
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:  # a sparse file: 3 MB that were never written
        f.truncate(3 * 1024 * 1024)
    reads = []
    monkeypatch.setattr(kit.articles.os, "read", lambda *a: reads.append(a) or b"")
    with pytest.raises(kit.ArticleFormatError, match=r"big\.txt: the file is 3\.0 MB, more than the 2 MB an "
                                                     r"article may have.*max_bytes=.*KIT_MAX_ARTICLE_BYTES"):
        read_article(big)
    assert reads == []


def test_size_limit_can_be_raised(tmp_path, seed_text, monkeypatch):
    path = tmp_path / "long.txt"
    path.write_text(seed_text.replace("真是值得学习。", "真是值得学习。" * 200_000), encoding="utf-8")
    with pytest.raises(kit.ArticleFormatError, match="more than the 2 MB"):
        read_article(path)
    assert len(read_article(path, max_bytes=10_000_000).paragraphs_zh[2]) > 1_000_000
    assert kit.load_corpus([path], max_bytes=10_000_000).ids == ["long"]
    monkeypatch.setenv("KIT_MAX_ARTICLE_BYTES", "10000000")
    assert read_article(path).id == "long"
    monkeypatch.setenv("KIT_MAX_ARTICLE_BYTES", "ten")
    with pytest.raises(kit.KitError, match="KIT_MAX_ARTICLE_BYTES must be a number of bytes"):
        read_article(path)
