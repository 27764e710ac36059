"""The glossary: its data (kit/data/glossary.yaml), checking, linking to the seeds, search, exports."""

from __future__ import annotations

import re

import pytest

from kit.errors import GlossaryError, KitError
from kit.glossary import CATEGORIES, Term, UnknownTermError, load_glossary

A = "000_7ca6473d3635779a"  # news report, Northeast FTU cadre meeting
B = "003_0d759123a74baf35"  # commentary, column 经济生活简评


@pytest.fixture(scope="module")
def occurrences(glossary, corpus):
    """Every occurrence in each seed, by article id."""
    return {a.id: glossary.find(a) for a in corpus}


# ---------------------------------------------------------------------------------- the data

def test_glossary_has_at_least_60_terms_in_known_categories(glossary):
    assert len(glossary) >= 60
    assert all(isinstance(t, Term) for t in glossary)
    assert {t.category for t in glossary} <= set(CATEGORIES)
    # the seeds' people, bodies, places, campaigns and techniques are all represented
    for category in ("organisation", "person", "place", "campaign", "technique", "concept", "role", "genre"):
        assert glossary.by_category(category), category


def test_every_term_is_complete_and_sourced(glossary):
    ids = set(glossary.ids)
    for t in glossary:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", t.id)
        assert t.gloss and "\n" not in t.gloss, t.id
        assert t.sources, t.id
        for s in t.sources:
            assert s.title and (s.url or (s.author and s.year)), (t.id, s)
            assert s.citation().startswith((s.author or s.title)[:5]), (t.id, s)
        assert set(t.related) <= ids and t.id not in t.related, t.id
        assert t.en in t.en_forms and t.zh in t.zh_forms


_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!No)(?<!\sp)[.!?](?=\s+[A-Z0-9\"“(]|\s*$)")


def test_every_note_has_two_to_five_sentences(glossary):
    for t in glossary:
        count = len(_SENTENCE_END.findall(t.note))
        assert 2 <= count <= 5, (t.id, count, t.note)


def test_seed_only_terms_cite_the_seed(glossary):
    for zh in ("齐廷汉", "多刀多刃切削法", "经济生活简评", "明学暗不学"):
        cited = " ".join(s.citation() for s in glossary[zh].sources)
        assert "东北总工会召开干部大会" in cited or "及时总结和传播推广先进经验的经验" in cited, zh
        assert "1952" in cited


def test_pitfalls_are_stated_not_repeated(glossary):
    # 青年团 in 1952 was the New Democratic Youth League; the note says so.
    assert "New Democratic Youth League" in glossary["qingniantuan"].note
    assert "anachronistic" in glossary["qingniantuan"].note
    # 郭瓦廖夫 is Kovalev, an engineer; no introduction date is asserted.
    assert glossary["郭瓦廖夫"].en == "Kovalev"
    assert "not known" in glossary["guowaliaofu-gongzuo-fangfa"].note
    # 五一 in the weaving method is a year, not May Day.
    assert "not for May Day" in glossary["yijiuwuyi-zhibufa"].note
    # disagreements between sources are said, not hidden
    assert "464 or 462" in glossary["quanguo-laomo-daibiao-huiyi"].note


def test_pinyin_uses_tone_marks_and_context_readings(glossary):
    expected = {"行政": "xíngzhèng", "干部": "gànbù", "厂长": "chǎngzhǎng", "传播": "chuánbō",
                "强制": "qiángzhì", "郭瓦廖夫": "Guōwǎliàofū", "高速切削法": "gāosù qiēxiāofǎ",
                "小组长": "xiǎozǔzhǎng", "东北总工会": "Dōngběi Zǒnggōnghuì"}
    for zh, pinyin in expected.items():
        assert glossary[zh].pinyin == pinyin
    assert glossary["高岗"].pinyin_toneless == "Gao Gang"


# ---------------------------------------------------------------------------------- lookups

def test_lookup_by_id_and_by_chinese(glossary):
    assert glossary["dongbei-zonggonghui"] is glossary["东北总工会"]
    assert glossary["劳模"].id == "laodong-mofan"          # a variant works too
    assert "沈阳" in glossary and "nothing-here" not in glossary
    assert glossary.get("nothing-here") is None


def test_unknown_id_is_a_keyerror_that_suggests_close_ids(glossary):
    with pytest.raises(KeyError):
        glossary["dongbei-zonggonghu"]
    with pytest.raises(KitError, match=r"did you mean 'dongbei-zonggonghui'\?.*glossary\.ids"):
        glossary["dongbei-zonggonghu"]
    with pytest.raises(UnknownTermError, match="no id is close"):
        glossary["zzzzzz"]


def test_by_category_rejects_an_unknown_category_listing_the_valid_ones(glossary):
    assert [t.zh for t in glossary.by_category("place")] == ["东北", "沈阳", "青岛"]
    with pytest.raises(KitError, match=r"unknown category 'people'.*organisation, person, place"):
        glossary.by_category("people")


def test_load_glossary_is_cached_for_the_default_file(glossary):
    assert load_glossary() is load_glossary()
    assert glossary.categories[0] == "organisation"


# ---------------------------------------------------------------------------------- linking

# (article, Chinese as printed, term id, English phrase the seed translation uses)
SEED_TERMS = [
    (A, "齐廷汉", "qi-tinghan", "Qi Tinghan"),
    (A, "东北总工会", "dongbei-zonggonghui", "Northeast Federation of Trade Unions"),
    (A, "中共中央东北局", "zhonggong-zhongyang-dongbeiju",
     "Northeast Bureau of the Central Committee of the Communist Party of China"),
    (A, "东北人民政府", "dongbei-renmin-zhengfu", "Northeast People's Government"),
    (A, "沈阳", "shenyang", "Shenyang"),
    (A, "东北", "dongbei", "Northeast China"),
    (A, "郝建秀工作法", "hao-jianxiu-gongzuofa", "Hao Jianxiu work method"),
    (A, "一九五一织布法", "yijiuwuyi-zhibufa", "1951 weaving method"),
    (A, "郭瓦廖夫工作方法", "guowaliaofu-gongzuo-fangfa", "Kovalev work method"),
    (A, "高速切削法", "gaosu-qiexiaofa", "high-speed cutting methods"),
    (A, "多刀多刃切削法", "duodao-duoren-qiexiaofa", "multi-tool multi-edge cutting methods"),
    (A, "增产节约运动", "zengchan-jieyue-yundong", "increased production and economy campaign"),
    (A, "先进经验", "xianjin-jingyan", "advanced experiences"),
    (A, "先进生产经验", "xianjin-jingyan", "advanced production experience"),
    (A, "推广", "tuiguang", "promoting"),
    (A, "形式主义", "xingshi-zhuyi", "formalistic approaches"),
    (A, "保守", "baoshou", "conservative"),
    (A, "自满", "ziman", "complacent"),
    (A, "嫌麻烦", "xian-mafan", "trouble-averse"),
    (A, "思想顾虑", "sixiang-guli", "ideological concerns"),
    (A, "技术操作规程", "jishu-caozuo-guicheng", "technical operating procedures"),
    (A, "党委", "dangwei", "Party committee"),
    (A, "统一领导", "tongyi-lingdao", "unified leadership"),
    (A, "行政", "xingzheng", "administration"),
    (A, "工会", "gonghui", "trade union"),
    (A, "青年团", "qingniantuan", "Communist Youth League"),
    (A, "厂长", "changzhang", "factory director"),
    (A, "小组长", "xiaozuzhang", "group leaders"),
    (A, "干部", "ganbu", "cadres"),
    (A, "厂矿", "changkuang", "factories and mines"),
    (A, "职工", "zhigong", "workers"),
    (A, "常务委员会", "changwu-weiyuanhui", "Standing Committee"),
    (A, "产业工会", "chanye-gonghui", "industrial trade unions"),
    (A, "人民日报", "renmin-ribao", "People's Daily"),
    (A, "明学暗不学", "mingxue-anbuxue", "outwardly learning but inwardly not learning"),
    (A, "及时奖励", "jishi-jiangli", "timely rewards"),
    (A, "宣传工作", "xuanchuan-gongzuo", "publicity work"),
    (A, "窍门", "qiaomen", "tips"),
    (A, "一般号召", "yiban-haozhao", "general appeals"),
    (A, "强制", "qiangzhi", "force"),
    (A, "急躁粗暴", "cubao", "hasty and crude"),
    (A, "同志", "tongzhi", "Comrade"),
    (A, "工会主席", "gonghui-zhuxi", "chairman of the factory's trade union"),
    (A, "先进工人", "xianjin-gongren", "advanced workers"),
    (A, "车间", "chejian", "workshop"),
    (A, "总结", "zongjie", "summarize"),
    (A, "干部大会", "ganbu-dahui", "cadre meeting"),
    (A, "单位", "danwei", "units"),
    (A, "发动", "fadong", "mobilize"),
    (B, "经济生活简评", "jingji-shenghuo-jianping", "Economic Life Brief Commentary"),
    (B, "增产节约运动", "zengchan-jieyue-yundong", "campaign for increased production and economy"),
    (B, "东北总工会", "dongbei-zonggonghui", "Northeast Federation of Trade Unions"),
    (B, "领导干部", "lingdao-ganbu", "leading cadres"),
    (B, "先进经验", "xianjin-jingyan", "advanced experiences"),
    (B, "形式主义", "xingshi-zhuyi", "formalistic methods"),
    (B, "一般地号召", "yiban-haozhao", "general calls"),
    (B, "粗暴", "cubao", "crude methods"),
    (B, "强迫", "qiangzhi", "force"),
    (B, "群众运动", "qunzhong-yundong", "mass movement"),
    (B, "群众", "qunzhong", "the masses"),
    (B, "思想顾虑", "sixiang-guli", "ideological concerns"),
    (B, "自我教育", "ziwo-jiaoyu", "self-education"),
    (B, "传播", "chuanbo", "disseminate"),
    (B, "厂矿企业", "changkuang", "factories and mines"),
    (B, "工矿企业", "gongkuang-qiye", "industrial and mining enterprises"),
    (B, "领导方法", "lingdao-fangfa", "leadership method"),
    (B, "职工", "zhigong", "workers"),
    (B, "总结", "zongjie", "summarized"),
    (B, "干部会议", "ganbu-dahui", "conference of cadres"),
    (B, "积极性", "jijixing", "enthusiasm"),
]


@pytest.mark.parametrize("article_id, zh, term_id, english", SEED_TERMS,
                         ids=[f"{row[0][:3]}-{row[2]}" for row in SEED_TERMS])
def test_seed_term_is_in_the_glossary_and_linked_in_both_languages(
        glossary, occurrences, article_id, zh, term_id, english):
    term = glossary[zh]
    assert term.id == term_id
    occ = [o for o in occurrences[article_id] if o.term_id == term_id and not o.nested]
    assert any(o.lang == "zh" and o.text == zh for o in occ), f"{zh} not linked in the Chinese"
    assert any(o.lang == "en" and english.lower() in o.text.lower() for o in occ), \
        f"{english!r} not linked to {term_id} in the English: {[o.text for o in occ if o.lang == 'en']}"


def _texts(article):
    return {"zh": [article.headline, article.column_zh, *article.paragraphs_zh],
            "en": [article.title_en, article.column_en, *article.paragraphs_en]}


def test_every_term_that_occurs_in_a_seed_is_found(glossary, corpus, occurrences):
    checked = 0
    for article in corpus:
        found = {(o.lang, o.term_id) for o in occurrences[article.id]}
        texts = _texts(article)
        for term in glossary:
            for form in term.zh_forms:
                if any(form in text for text in texts["zh"]):
                    checked += 1
                    assert ("zh", term.id) in found, (article.id, term.id, form)
            for form in term.en_forms:
                pattern = re.compile(r"(?<![A-Za-z0-9])" + re.escape(form) + r"(?![A-Za-z0-9])", re.I)
                if any(pattern.search(text) for text in texts["en"]):
                    checked += 1
                    assert ("en", term.id) in found, (article.id, term.id, form)
    assert checked > 100


def test_occurrence_offsets_point_at_the_text(corpus, occurrences):
    for article in corpus:
        for o in occurrences[article.id]:
            if o.part == "body":
                source = (article.paragraphs_zh if o.lang == "zh" else article.paragraphs_en)[o.paragraph]
            elif o.part == "title":
                source = article.headline if o.lang == "zh" else article.title_en
            else:
                source = article.column_zh if o.lang == "zh" else article.column_en
            assert source[o.start:o.end] == o.text
            assert o.article_id == article.id


def test_primary_matches_never_overlap_and_nested_ones_say_where(corpus, occurrences):
    for article in corpus:
        spans = {}
        for o in occurrences[article.id]:
            if not o.nested:
                spans.setdefault((o.lang, o.part, o.paragraph), []).append((o.start, o.end))
        for key, items in spans.items():
            items.sort()
            assert all(a[1] <= b[0] for a, b in zip(items, items[1:])), key
    nested = [o for o in occurrences[A] if o.nested]
    assert ("hao-jianxiu", "hao-jianxiu-gongzuofa") in {(o.term_id, o.within) for o in nested}
    assert ("guowaliaofu", "guowaliaofu-gongzuo-fangfa") in {(o.term_id, o.within) for o in nested}


def test_longest_match_wins_in_both_languages(glossary):
    zh = [o for o in glossary.find_text("全国性的增产节约运动开展以来", "zh") if not o.nested]
    assert [(o.term_id, o.text) for o in zh] == [("zengchan-jieyue-yundong", "增产节约运动")]
    en = glossary.find_text("The Northeast Federation of Trade Unions convened", "en")
    assert [(o.term_id, o.nested) for o in en] == [("dongbei-zonggonghui", False), ("dongbei", True),
                                                    ("gonghui", True)]
    # case-insensitive, whole words only
    assert [o.term_id for o in glossary.find_text("CADRES and cadreship", "en")] == ["ganbu"]


def test_find_takes_a_corpus_and_one_language(glossary, corpus):
    every = glossary.find(corpus)
    assert {o.article_id for o in every} == {A, B}
    only_zh = glossary.find(corpus, lang="zh")
    assert only_zh and all(o.lang == "zh" for o in only_zh)
    with pytest.raises(KitError, match="find_text"):
        glossary.find("东北总工会")
    with pytest.raises(KitError, match="lang must be 'zh' or 'en'"):
        glossary.find(corpus, lang="fr")


# ---------------------------------------------------------------------------------- search

@pytest.mark.parametrize("query, first", [
    ("工会", "gonghui"),                                # Chinese, exact
    ("总工会", "dongbei-zonggonghui"),                    # Chinese, substring
    ("gonghui", "gonghui"),                            # toneless pinyin
    ("dongbeizonggonghui", "dongbei-zonggonghui"),     # without spaces
    ("dong bei zong gong hui", "dongbei-zonggonghui"),  # with spaces between syllables
    ("HAO JIANXIU", "hao-jianxiu"),                    # case
    ("Hao Jianxiu", "hao-jianxiu"),
    ("gong1hui4", "gonghui"),                          # tone numbers
    ("gōnghuì", "gonghui"),                            # tone marks
    ("zeng1chan3 jie2yue1 yun4dong4", "zengchan-jieyue-yundong"),
    ("Kovalev", "guowaliaofu"),                        # English alias
    ("Northeast Federation of Trade Unions", "dongbei-zonggonghui"),
    ("mass line", "qunzhong-luxian"),
    ("commandism", "qiangzhi"),                        # a word of the gloss/alias
    ("Stakhanovite", "sidahannuofu-yundong"),
])
def test_search_finds_terms_by_chinese_pinyin_and_english(glossary, query, first):
    results = glossary.search(query)
    assert results and results[0].id == first, [t.id for t in results[:5]]


def test_search_ranks_exact_matches_first_and_limits(glossary):
    ids = [t.id for t in glossary.search("Hao Jianxiu")]
    assert ids[0] == "hao-jianxiu" and "hao-jianxiu-gongzuofa" in ids
    assert len(glossary.search("gonghui", limit=2)) == 2
    assert glossary.search("") == [] and glossary.search("qwxz") == []


# ---------------------------------------------------------------------------------- validation

GOOD = """\
terms:
  - id: gonghui
    zh: 工会
    pinyin: gōnghuì
    en: trade union
    aliases_en: [trade union, trade unions]
    category: organisation
    gloss: A workers' union.
    note: One sentence. Another sentence.
    sources:
      - title: A dictionary
        url: https://example.org/gonghui
    related: [ganbu]
  - id: ganbu
    zh: 干部
    pinyin: gànbù
    en: cadre
    category: role
    gloss: A functionary.
    note: One sentence. Another sentence.
    sources:
      - title: A book
        author: Someone
        year: 2001
"""


def _write(tmp_path, text, name="glossary.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _last_line_of(text, needle):
    """The number of the last line of ``text`` that contains ``needle``."""
    return [i for i, line in enumerate(text.splitlines(), 1) if needle in line][-1]


def test_a_small_valid_file_loads(tmp_path):
    g = load_glossary(_write(tmp_path, GOOD))
    assert g.ids == ["gonghui", "ganbu"]
    assert g["ganbu"].sources[0].citation() == "Someone (2001). A book."


# (text in GOOD, its replacement, text on the line the error names (its last occurrence),
#  the field named, the message)
@pytest.mark.parametrize("old, new, needle, field, message", [
    ("    gloss: A functionary.\n", "", "- id: ganbu", "gloss",
     r"term 'ganbu': the field 'gloss' is missing"),
    ("category: role", "category: people", "category: people", "category",
     r"unknown category 'people'; use one of: organisation, person, place, campaign"),
    ("pinyin: gànbù", "pinyin: ganbu", "pinyin: ganbu", "pinyin",
     r"not tone-marked pinyin: it has no tone marks"),
    ("pinyin: gànbù", "pinyin: gàn2bù", "pinyin: gàn2bù", "pinyin", r"tone numbers"),
    ("pinyin: gànbù", "pinyin: xrtà", "pinyin: xrtà", "pinyin",
     r"'xrtà' is not made of pinyin syllables"),
    ("    sources:\n      - title: A book\n        author: Someone\n        year: 2001\n",
     "    sources: []\n", "- id: ganbu", "sources", r"the field 'sources' is missing or empty"),
    ("        author: Someone\n", "", "- title: A book", "sources",
     r"source 1 \('A book'\) needs a url, or an author and a year"),
    ("- id: ganbu", "- id: gonghui", "- id: gonghui", "id",
     r"the id 'gonghui' is used twice \(first on line 2\)"),
    ("related: [ganbu]", "related: [ganbo]", "related: [ganbo]", "related",
     r"related id 'ganbo' is not a term in the glossary; did you mean 'ganbu'\?"),
    ("zh: 干部", "zh: 工会", "zh: 工会", "zh",
     r"the Chinese form '工会' already belongs to term 'gonghui' \(line 2\)"),
    ("    gloss: A functionary.", "    glos: A functionary.", "glos:", "glos",
     r"unknown field 'glos' \(did you mean 'gloss'\?\)"),
])
def test_validation_errors_name_file_line_and_field(tmp_path, old, new, needle, field, message):
    assert GOOD.count(old) == 1
    text = GOOD.replace(old, new)
    path = _write(tmp_path, text, name="bad_glossary.yaml")
    with pytest.raises(GlossaryError, match=message) as info:
        load_glossary(path)
    err = info.value
    assert "bad_glossary.yaml" in str(err)
    assert err.line == _last_line_of(text, needle), str(err)
    assert f"line {err.line}:" in str(err)
    assert err.field == field


def test_a_file_without_a_terms_list(tmp_path):
    with pytest.raises(GlossaryError, match=r"glossary\.yaml, line 1: .*top-level 'terms:' list"):
        load_glossary(_write(tmp_path, "- id: gonghui\n"))


def test_broken_yaml_names_the_line(tmp_path):
    path = _write(tmp_path, GOOD.replace("    zh: 干部", "    zh: [干部"))
    with pytest.raises(GlossaryError, match=r"glossary\.yaml, line \d+: this is not valid YAML"):
        load_glossary(path)


# ---------------------------------------------------------------------------------- exports

def test_to_frame_has_one_row_per_term(glossary):
    frame = glossary.to_frame()
    assert len(frame) == len(glossary)
    assert frame.set_index("id").loc["dongbei-zonggonghui", "zh"] == "东北总工会"
    assert "increased production and economy campaign" in \
        frame.set_index("id").loc["zengchan-jieyue-yundong", "aliases_en"]


def test_csv_round_trip(glossary, tmp_path):
    import pandas as pd

    path = glossary.to_csv(tmp_path / "glossary.csv")
    back = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, dtype=str)
    frame = glossary.to_frame().astype(str)
    assert list(back.columns) == list(frame.columns)
    assert back.equals(frame)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel opens Chinese correctly


def test_moved_exports_say_where_they_went(glossary):
    with pytest.raises(AttributeError, match=r"kit\.exports\.glossary_to_anki\(glossary, path"):
        glossary.to_anki
    with pytest.raises(AttributeError, match=r"kit\.exports\.handout_html\(glossary, article\)"):
        glossary.handout_html
    with pytest.raises(AttributeError, match="no attribute 'to_pdf'"):
        glossary.to_pdf
