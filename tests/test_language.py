"""The language layer: words, pinyin in context, sentences (kit/language/)."""

from __future__ import annotations

import subprocess
import sys

import pytest

import kit
from kit import language
from kit.errors import DataFileError, KitError
from kit.text import all_han, has_han

A = "000_7ca6473d3635779a"  # news report, Northeast FTU cadre meeting
B = "003_0d759123a74baf35"  # commentary, column 经济生活简评


def zh_sentences(corpus) -> list[str]:
    return [s for a in corpus for p in a.paragraphs_zh for s in kit.split_sentences(p, "zh")]


# ------------------------------------------------------------------------------- import cost

def test_import_kit_language_loads_neither_jieba_nor_pypinyin():
    code = ("import sys, kit, kit.language; "
            "print(sorted(m for m in ('jieba', 'pypinyin', 'pandas') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_first_use_is_quiet():
    """jieba's 'Building prefix dict' log must not reach a student's notebook."""
    code = "import kit; print(kit.segment('东北总工会召开干部大会'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr == ""
    assert "'东北总工会'" in out.stdout


# ------------------------------------------------------------------------------------ words

@pytest.mark.parametrize("term", ["郝建秀工作法", "增产节约运动", "东北总工会", "齐廷汉", "郭瓦廖夫工作方法",
                                  "一九五一织布法", "中共中央东北局"])
def test_terms_and_names_stay_whole_in_the_seeds(corpus, term):
    words = [w for a in corpus for p in a.paragraphs_zh for w in kit.segment(p)]
    assert term in words


def test_every_glossary_term_stays_whole():
    for term in kit.load_glossary():
        for form in (term.zh, *term.variants_zh):
            if all_han(form) and len(form) > 1:
                assert kit.segment(form) == [form], form


def test_every_glossary_term_reads_as_the_glossary_says():
    """Where pypinyin misreads a term (嫌麻烦), kit/data/pinyin_overrides.yaml corrects it."""
    def letters(s):
        return "".join(ch for ch in s.lower() if ch.isalpha())

    for term in kit.load_glossary():
        assert letters(kit.pinyin(term.zh)) == letters(term.pinyin), term.zh


def test_segment_drops_spaces_but_keeps_punctuation():
    assert kit.segment("工会 召开，大会。") == ["工会", "召开", "，", "大会", "。"]


def test_rare_jieba_compounds_are_cut_into_words():
    # jieba's dictionary lists 推广先进 and 完全必要 as words; a reader sees two
    assert kit.segment("推广先进技术") == ["推广", "先进", "技术"]
    assert kit.segment("这种作法是完全必要的") == ["这种", "作法", "是", "完全", "必要", "的"]


# ------------------------------------------------------------------------------- round trip

def test_annotate_gives_every_seed_text_back_exactly(corpus):
    texts = [t for a in corpus for t in (*a.paragraphs_zh, a.title_zh, *a.headline_zh)]
    assert len(texts) >= 8
    for text in texts:
        assert "".join(token for token, _ in kit.annotate(text)) == text


@pytest.mark.parametrize("text", [
    "", " ", "\n", "东北总工会 于 7 月 20 日\n召开大会。", "Qi Tinghan（齐廷汉）说：“好！”",
    "１９５２年，ABC-123 厂长", "\t\u3000缩进的段落", "𠀀罕见字",
])
def test_annotate_round_trip_on_mixed_text(text):
    pairs = kit.annotate(text)
    assert "".join(t for t, _ in pairs) == text
    for token, reading in pairs:
        if not has_han(token):
            assert reading == "", token


# ---------------------------------------------------------------------------- pinyin style

def test_pinyin_marks_and_numbers():
    assert kit.pinyin("厂长") == "chǎngzhǎng"
    assert kit.pinyin("厂长", style="numbers") == "chang3zhang3"
    assert kit.pinyin("他们来了", style="numbers") == "ta1men5 lai2 le5"   # neutral tone is 5


def test_pinyin_writes_u_umlaut_and_apostrophes():
    assert kit.pinyin("绿色") == "lǜsè"
    assert kit.pinyin("绿色", style="numbers") == "lü4se4"
    assert kit.pinyin("因而") == "yīn'ér"
    assert kit.pinyin("因而", style="numbers") == "yin1er2"


def test_no_tone_sandhi_for_yi_and_bu():
    assert dict(kit.annotate("一般"))["一般"] == "yībān"      # pypinyin's phrase data says yìbān
    assert dict(kit.annotate("一个组"))["一个组"] == "yīgèzǔ"
    assert dict(kit.annotate("不愿"))["不愿"] == "bùyuàn"


def test_pinyin_keeps_punctuation_readable():
    assert kit.pinyin("厂长说：“好！”") == 'chǎngzhǎng shuō: “hǎo!”'
    assert kit.pinyin("厂长（齐廷汉）") == "chǎngzhǎng (qítínghàn)"


def test_unknown_style_is_refused_with_the_choices():
    with pytest.raises(KitError, match="'marks'.*'numbers'"):
        kit.annotate("厂长", style="tones")


# ------------------------------------------------------------------ polyphones in context
# Every word of the seeds that holds a polyphonic character (pypinyin lists more than one
# reading), with its reading in context, checked by reading the sentence; particles and
# one-character words at each place they occur. Columns: a stretch of text that occurs once
# in the seeds, the word inside it, its pinyin.
POLYPHONES = """
东北总工会于 东北总工会 dōngběizǒnggōnghuì
会于七 于 yú
于七月二 七月 qīyuè
日召开各 召开 zhàokāi
开各省市， 各省市 gèshěngshì
，各产 各 gè
，各产业工会干部大会 工会 gōnghuì
产业工会干部大会，介 干部 gànbù
干部大会，介 大会 dàhuì
，介绍某 介绍 jièshào
绍某厂推 某厂 mǒuchǎng
绍某厂推广先进经 推广 tuīguǎng
推广先进经验的经验。 经验 jīngyàn
进经验的经验。 的 de
中共中央东北局 中共中央东北局 zhōnggòngzhōngyāngdōngběijú
东北人民政府 东北人民政府 dōngběirénmínzhèngfǔ
府的领 的 de
，东北各 东北 dōngběi
北各地厂 各地 gèdì
地厂矿推 厂矿 chǎngkuàng
验工作是 工作 gōngzuò
作是有 是 shì
是有成 有 yǒu
成绩 成绩 chéngjì
绩的。 的 de
许多重 许多 xǔduō
重要 重要 zhòngyào
要的先 的 de
的先进经验， 先进经验 xiānjìnjīngyàn
高速切削法 高速切削法 gāosùqiēxiāofǎ
多刀多刃切削法 多刀多刃切削法 duōdāoduōrènqiēxiāofǎ
郝建秀工作法 郝建秀工作法 hǎojiànxiùgōngzuòfǎ
与 与 yǔ
一九五一织布法 一九五一织布法 yījiǔwǔyīzhībùfǎ
等都已 都 dōu
已 已 yǐ
但是，在 但是 dànshì
验中， 中 zhōng
，还存 还 hái
如有些单 有些 yǒuxiē
些单位还 单位 dānwèi
位还只 还 hái
还只限 只 zhǐ
限于 限于 xiànyú
于一般号 一般 yībān
般号召， 号召 hàozhào
，缺乏有 缺乏 quēfá
有目的地 有目的地 yǒumùdìde
位满足于 满足 mǎnzú
位满足于形式主义的一套作 形式主义 xíngshìzhǔyì
式主义的一套作 的 de
的一套作 一套 yītào
套作法， 作法 zuòfǎ
作法，不注意推 不 bù
不注意推 注意 zhùyì
广的实 的 de
广的实际效果；甚至有 效果 xiàoguǒ
效果；甚至有的单 甚至 shènzhì
有的单 的 de
采取 采取 cǎiqǔ
急躁粗暴 急躁粗暴 jízàocūbào
粗暴的方法 的 de
暴的方法，强 方法 fāngfǎ
强制 强制 qiángzhì
而在 而 ér
人群众中 群众 qúnzhòng
，也产 也 yě
明学暗不学 明学暗不学 míngxué'ànbùxué
时不学或 不学 bùxué
或学 或学 huòxué
学了这 了 le
这个 这个 zhège
丢了那 了 le
那个 那个 nàge
个的现 的 de
沈阳 沈阳 shěnyáng
阳某工 某 mǒu
某工厂在 工厂 gōngchǎng
今年 今年 jīnnián
年增产节约运动中 增产节约运动 zēngchǎnjiéyuēyùndòng
党委 党委 dǎngwěi
统一领导 统一领导 tǒngyīlǐngdǎo
经过 经过 jīngguò
行政 行政 xíngzhèng
青年团 青年团 qīngniántuán
共同 共同 gòngtóng
力，创造了比 创造 chuàngzào
造了比 了 le
比较 比较 bǐjiào
功的推 的 de
进经验的经验（ 的 de
见 见 jiàn
为了将 为了 wèile
了将这 将 jiāng
将这经 这 zhè
验加以推 加以 jiāyǐ
，解决目 解决 jiějué
目前 目前 mùqián
在的问 的 de
常务委员会 常务委员会 chángwùwěiyuánhuì
由 由 yóu
工会主席 工会主席 gōnghuìzhǔxí
席齐廷汉同 齐廷汉 qítínghàn
汉同志生 同志 tóngzhì
动地介 地 de
绍了他 了 le
了他们的 他们 tāmen
了他们的经验。 的 de
验的主 的 de
主要 主要 zhǔyào
内容 内容 nèiróng
：一、 一 yī
、要打 要 yào
打破 打破 dǎpò
部的保 的 de
保守 保守 bǎoshǒu
嫌麻烦 嫌麻烦 xiánmáfan
烦思想， 思想 sīxiǎng
全厂 全厂 quánchǎng
厂从厂 从 cóng
厂长 厂长 chǎngzhǎng
小组长 小组长 xiǎozǔzhǎng
，都认 都 dōu
认识 认识 rènshi
进增产节约计 增产节约 zēngchǎnjiéyuē
约计划的 计划 jìhuà
划的基 的 de
基本 基本 jīběn
、发动教 发动 fādòng
动教育职 教育 jiàoyù
全体 全体 quántǐ
自觉 自觉 zìjué
觉地学 地 de
要达 要 yào
达到 达到 dádào
这目的， 目的 mùdì
就要 就要 jiùyào
调查 调查 diàochá
那些 那些 nǎxiē
些思想顾虑使 思想顾虑 sīxiǎnggùlǜ
人不愿学 不愿 bùyuàn
；总结先 总结 zǒngjié
验的思 的 de
况和操 和 hé
和操作技 操作 cāozuò
作技术， 技术 jìshù
向大家作 大家 dàjiā
家作报 作 zuò
作报告； 报告 bàogào
检查 检查 jiǎnchá
自己 自己 zìjǐ
验的根 的 de
郭瓦廖夫工作方法 郭瓦廖夫工作方法 guōwǎliàofūgōngzuòfāngfǎ
，把一 把 bǎ
一个组 一个组 yīgèzǔ
、一个车 一个 yīgè
车间 车间 chējiān
间的先 的 de
验和窍 和 hé
成技术操作规程， 技术操作规程 jìshùcāozuòguīchéng
，提高技 提高 tígāo
掌握 掌握 zhǎngwò
进的技 的 de
进行 进行 jìnxíng
宣传 宣传 xuānchuán
告得又 得 de
又具体， 具体 jùtǐ
受到 受到 shòudào
欢迎 欢迎 huānyíng
认为 认为 rènwéi
先进生产经验 先进生产经验 xiānjìnshēngchǎnjīngyàn
产经验的工作， 的 de
做得又 得 de
又细致， 细致 xìzhì
真是 真是 zhēnshì
值得 值得 zhíde
性的增 的 de
以来 以来 yǐlái
发挥 发挥 fāhuī
挥了高 了 le
高度 高度 gāodù
度的积 的 de
积极性 积极性 jījíxìng
造了许 了 le
如何 如何 rúhé
何将这 将 jiāng
将这些经 这些 zhèxiē
导地加 地 de
广呢， 呢 ne
时应该从 应该 yīnggāi
从何 从何 cónghé
着手 着手 zhuóshǒu
一些 一些 yīxiē
什么 什么 shénme
一方面 一方面 yīfāngmiàn
面的经 的 de
，还极 还 hái
极为 极为 jíwéi
有的领 的 de
的领导干部只 领导干部 lǐngdǎogànbù
部只一 只 zhǐ
般地号 地 de
不作具 作 zuò
有的满 的 de
式主义的一套方 的 de
作的实 的 de
有的以 的 de
的以粗 以 yǐ
以粗暴的 粗暴 cūbào
粗暴的方式 的 de
方式 方式 fāngshì
强迫 强迫 qiǎngpò
是十分错 十分 shífēn
误的， 的 de
因而 因而 yīn'ér
不能 不能 bùnéng
群众运动 群众运动 qúnzhòngyùndòng
验的方 的 de
厂的实 的 de
实例 实例 shílì
研究 研究 yánjiū
究和总 和 hé
指出 指出 zhǐchū
出了一 了 le
验的具 的 de
道路 道路 dàolù
并 并 bìng
召集 召集 zhàojí
会议 会议 huìyì
传播 传播 chuánbō
这种作 这种 zhèzhǒng
完全 完全 wánquán
必要 必要 bìyào
要的， 的 de
这是 这是 zhèshì
帮助 帮助 bāngzhù
厂矿企业 厂矿企业 chǎngkuàngqǐyè
进一步 进一步 jìnyībù
验的好 的 de
好 好 hǎo
厂的经 的 de
说明 说明 shuōmíng
明了： 了 le
作为 作为 zuòwéi
个厂、 厂 chǎng
矿的领 的 de
，应十 应 yīng
肃地对 地 de
对待 对待 duìdài
众的先 的 de
应细 应 yīng
致地、 地 de
入地解 地 de
众的各 的 de
各种 各种 gèzhǒng
虑，把推广 把 bǎ
验的过 的 de
的过程， 过程 guòchéng
众的自 的 de
自我教育 自我教育 zìwǒjiàoyù
育的过 的 de
他们的经验， 的 de
不仅 不仅 bùjǐn
北各厂、 各厂 gèchǎng
矿是 矿是 kuàngshì
最 最 zuì
切实 切实 qièshí
实的教 的 de
也应学 应 yīng
领导方法 领导方法 lǐngdǎofāngfǎ
法，把推广 把 bǎ
进经验的工作提 的 de
高一步。 一步 yībù
"""
POLYPHONE_ROWS = [tuple(line.split(" ")) for line in POLYPHONES.strip().splitlines()]


def test_polyphone_table_is_big_and_covers_the_hard_cases():
    words = {(w, r) for _, w, r in POLYPHONE_ROWS}
    assert len(POLYPHONE_ROWS) >= 250
    for must in [("厂长", "chǎngzhǎng"), ("干部", "gànbù"), ("调查", "diàochá"), ("行政", "xíngzhèng"),
                 ("教育", "jiàoyù"), ("重要", "zhòngyào"), ("为了", "wèile"), ("作为", "zuòwéi"),
                 ("强制", "qiángzhì"), ("强迫", "qiǎngpò"), ("切实", "qièshí"), ("传播", "chuánbō"),
                 ("着手", "zhuóshǒu"), ("得", "de"), ("地", "de"), ("有目的地", "yǒumùdìde")]:
        assert must in words, must


@pytest.mark.parametrize("context, word, reading", POLYPHONE_ROWS,
                         ids=[f"{c}-{w}" for c, w, _ in POLYPHONE_ROWS])
def test_polyphone_reading_in_its_sentence(corpus, context, word, reading):
    sentence = next(s for s in zh_sentences(corpus) if context in s)
    start = sentence.index(context) + context.index(word)
    pos, covered = 0, []
    for token, pinyin in kit.annotate(sentence):
        if start <= pos < start + len(word):
            covered.append((token, pinyin))
        pos += len(token)
    # the word is one token, or (a long glossary term) the words it is made of
    assert "".join(t for t, _ in covered) == word, f"tokens {covered} do not cover {word!r} exactly"
    assert "".join(p for _, p in covered).replace("'", "") == reading.replace("'", "")


@pytest.mark.parametrize("sentence, word, reading", [
    ("有的领导干部只一般地号召推广先进经验", "地", "de"),
    ("他生动地介绍了经验", "地", "de"),
    ("东北各地厂矿", "各地", "gèdì"),
    ("这块地很好", "地", "dì"),
    ("他伟大地完成了任务", "地", "de"),
    ("一片地", "地", "dì"),
    ("齐廷汉同志报告得又详细又具体", "得", "de"),
    ("工作做得又深入又细致", "得", "de"),
    ("他得到了奖励", "得到", "dédào"),
    ("他们有目的地推广", "有目的地", "yǒumùdìde"),
    ("目的地是沈阳", "目的地", "mùdìdì"),
    ("就要调查有那些思想顾虑", "那些", "nǎxiē"),
    ("丢了那些东西", "那些", "nàxiē"),
    ("学了这个丢了那个", "了", "le"),
    ("我了解这个问题", "了解", "liǎojiě"),
    ("银行行长", "行长", "hángzhǎng"),
    ("切削和切实", "切削", "qiēxiāo"),
])
def test_context_rules_outside_the_seeds(sentence, word, reading):
    assert (word, reading) in kit.annotate(sentence)


# ------------------------------------------------------------------------------ overrides

def test_overrides_file_is_valid_and_every_entry_is_needed():
    ov = language.load_overrides()
    assert ov.words["麻烦"] == ("má", "fan")
    from pypinyin import Style, lazy_pinyin
    for word, syllables in ov.words.items():
        assert tuple(lazy_pinyin(word, style=Style.TONE)) != syllables, f"{word}: pypinyin is right"


@pytest.mark.parametrize("body, message, line", [
    ("words:\n  - word: 麻烦\n    pinyin: ma fan fan\n    reason: x\n", "2 syllable", 3),
    ("words:\n  - word: 麻烦\n    pinyin: má fan\n", "reason", 2),
    ("words:\n  - pinyin: má fan\n", "needs a 'word'", 2),
    ("words:\n  - word: 那些\n    context: 这些\n    pinyin: nǎ xiē\n    reason: x\n", "context", 3),
])
def test_bad_override_entries_name_the_line(tmp_path, body, message, line):
    path = tmp_path / "pinyin_overrides.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DataFileError, match=message) as err:
        language.load_overrides(path)
    assert err.value.line == line


# ------------------------------------------------------------------------------ sentences

@pytest.mark.parametrize("text, expected", [
    ("甲。乙！丙？", ["甲。", "乙！", "丙？"]),
    ("他说：“好。”我们走吧。", ["他说：“好。”", "我们走吧。"]),
    ("（见人民日报七月十四日第二版）。下一句。", ["（见人民日报七月十四日第二版）。", "下一句。"]),
    ("一、要打破；二、要学习：三、要推广。", ["一、要打破；二、要学习：三、要推广。"]),
    ("真的吗？！是的……", ["真的吗？！", "是的……"]),
    ("没有句号的结尾", ["没有句号的结尾"]),
    ("  \n", []),
])
def test_split_chinese_sentences(text, expected):
    assert kit.split_sentences(text, "zh") == expected


@pytest.mark.parametrize("text, expected", [
    ("One. Two! Three?", ["One.", "Two!", "Three?"]),
    ("Mr. Qi and Dr. Wang met on Jan. 5 at No. 3 Factory.", None),
    ("Output rose 3.5 times. Then it fell.", ["Output rose 3.5 times.", "Then it fell."]),
    ("Experts from the U.S.S.R. helped. The plan worked.", ["Experts from the U.S.S.R. helped.", "The plan worked."]),
    ("They came from the U.S.S.R. They stayed.", ["They came from the U.S.S.R.", "They stayed."]),
    ("Tools, dies, etc. were made, e.g. cutters, i.e. knives, vs. before (p. 2).", None),
    ("He said \"Learn.\" Then he left.", ['He said "Learn."', "Then he left."]),
    ("(see page 2 of the People's Daily, July 14th). In order to", ["(see page 2 of the People's Daily, July 14th).", "In order to"]),
    ("Comrade F. L. Kovalev spoke. St. Petersburg.", ["Comrade F. L. Kovalev spoke.", "St. Petersburg."]),
    ("The main contents are: First, learn; second, teach.", None),
])
def test_split_english_sentences(text, expected):
    assert kit.split_sentences(text, "en") == (expected or [text])


def test_split_sentences_of_the_seeds(corpus):
    counts = [(len(kit.split_sentences(en, "en")), len(kit.split_sentences(zh, "zh")))
              for a in corpus for en, zh in a.paragraph_pairs()]
    assert counts == [(1, 1), (5, 4), (9, 8), (5, 5), (2, 2), (3, 3)]


def test_split_sentences_needs_a_known_language():
    with pytest.raises(KitError, match="'zh' or 'en'"):
        kit.split_sentences("x", "fr")


# ------------------------------------------------------------------------------ dictionary

def test_cedict_keeps_every_reading():
    table = language.cedict()
    assert {p for p, _ in table["行"]} >= {"xing2", "hang2"}
    assert any("-ly" in d for p, defs in table["地"] if p == "de5" for d in defs)


def test_sentence_splitting_reads_the_text_once():
    """Linear, not quadratic: the splitter copies each sentence once, never the rest of the text.

    Before, every full stop copied everything after it (a 4 MB paragraph took 22 s).
    """
    class CountingStr(str):
        copied = 0

        def __getitem__(self, key):
            part = str.__getitem__(self, key)
            CountingStr.copied += len(part)
            return part

    en = CountingStr("Mr. Qi spoke on July 20th at No. 3 Factory. Output rose 3.5 times, e.g. in "
                     "the U.S.S.R. too. Cadres learned! " * 2000)
    zh = CountingStr("东北总工会于七月二十日召开干部大会。他说：“好。”对吗？" * 2000)
    for text, lang, sentences in ((en, "en", 6000), (zh, "zh", 6000)):
        CountingStr.copied = 0
        assert len(kit.split_sentences(text, lang)) == sentences
        assert CountingStr.copied <= 2 * len(text), (lang, CountingStr.copied, len(text))


def test_a_long_run_of_full_stops_is_read_once():
    text = "Wait" + "." * 20_000 + "x and then. Done."   # a run of marks is not re-read per mark
    assert kit.split_sentences(text, "en")[-1] == "Done."


# ------------------------------------------------------------------------------ vocabulary

def test_the_language_layer_never_imports_the_glossary_articles_or_corpus():
    """Not even inside a function: the kit's words come from a registered provider."""
    import ast
    from pathlib import Path

    found = []
    for path in sorted((Path(kit.__file__).parent / "language").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [a.name for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            if any(part in ("glossary", "articles", "corpus")
                   for name in names for part in name.split(".")):
                found.append(f"{path.name}:{node.lineno}")
    assert not found


def test_keep_whole_words_stay_whole_until_removed():
    cut = ["苏长", "有", "砌砖", "法", "推广", "经验"]     # Su Changyou's bricklaying method
    assert kit.segment("苏长有砌砖法推广经验") == cut
    provider = language.keep_whole(["苏长有砌砖法"])
    try:
        assert kit.segment("苏长有砌砖法推广经验") == ["苏长有砌砖法", "推广", "经验"]
    finally:
        assert language.unregister_vocabulary(provider)
    assert kit.segment("苏长有砌砖法推广经验") == cut


def test_a_registered_provider_is_called_once_and_only_when_needed():
    calls = []

    def provider():
        calls.append(1)
        return [(["大连造船厂"], ["Dalian Shipyard"])]     # jieba alone: 大连 + 造船厂

    language.register_vocabulary(provider)
    try:
        assert calls == []
        assert "大连造船厂" in kit.segment("大连造船厂的工人")
        kit.segment("大连造船厂")
        kit.annotate("大连造船厂")
        assert calls == [1]
    finally:
        language.unregister_vocabulary(provider)


def test_a_term_registered_with_both_forms_is_an_anchor():
    language.register_vocabulary(provider := lambda: [(["大连造船厂"], ["Dalian Shipyard"])])
    try:
        beads = language.align_sentences("The Dalian Shipyard held a meeting. It went well.",
                                         "大连造船厂召开大会。很好。")
        assert "大连造船厂 ~ Dalian Shipyard" in beads[0].evidence
    finally:
        language.unregister_vocabulary(provider)


def test_a_broken_glossary_never_breaks_reading(monkeypatch):
    """The facade's provider gives no words, instead of an error, while the glossary is broken."""
    import kit.glossary
    from kit.errors import GlossaryError

    def broken(*args, **kwargs):
        raise GlossaryError("broken on purpose", path="kit/data/glossary.yaml", line=3)

    monkeypatch.setattr(kit.glossary, "load_glossary", broken)
    assert kit._glossary_vocabulary() == []


def test_the_glossary_is_registered_whatever_is_imported_first():
    code = ("import kit.language as L; print(L.segment('东北总工会召开干部大会')); "
            "import kit; print(kit.segment('推广郝建秀工作法'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["['东北总工会', '召开', '干部大会']",
                                          "['推广', '郝建秀工作法']"]


@pytest.mark.parametrize("first", [
    "L.sub_words('增产节约运动')", "L.annotate('厂长')", "L.pinyin('厂长')", "L.user_words()",
    "L.sentence_pairs(kit.load_corpus()['003_0d759123a74baf35'])", "L.cedict()['行']",
    "L.clear_caches()",
])
def test_any_function_may_come_first(first):
    """No hidden order: each cache is built by the function that needs it."""
    code = (f"import kit, kit.language as L; {first}; L.clear_caches(); "
            "print(L.annotate('厂长生动地介绍了经验')[2])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "('地', 'de')"


# ------------------------------------------------------------------------------ disk cache

def test_the_cache_keeps_what_it_was_given_under_its_key(tmp_path, monkeypatch):
    from kit.language import cache

    monkeypatch.setenv("KIT_CACHE_DIR", str(tmp_path / "kit"))
    assert cache.load("demo", ("v1",)) is None
    assert cache.store("demo", ("v1",), {"行": [("xing2", ["to walk"])]})
    assert cache.load("demo", ("v1",)) == {"行": [("xing2", ["to walk"])]}
    assert cache.load("demo", ("v2",)) is None                   # stale: another version
    assert cache.store("demo", ("v2",), {})
    assert [p.name.split("-")[0] for p in (tmp_path / "kit").iterdir()] == ["demo"]  # old one gone


def test_a_corrupt_cache_file_is_ignored(tmp_path, monkeypatch):
    from kit.language import cache

    monkeypatch.setenv("KIT_CACHE_DIR", str(tmp_path))
    cache.store("demo", ("v1",), [1, 2, 3])
    for path in tmp_path.iterdir():
        path.write_bytes(b"\x00garbage" + path.read_bytes()[:7])
    assert cache.load("demo", ("v1",)) is None


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch):
    from kit.language import cache

    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    monkeypatch.setenv("KIT_CACHE_DIR", str(not_a_folder / "kit"))
    assert cache.store("demo", ("v1",), [1]) is False
    assert cache.load("demo", ("v1",)) is None


def test_a_fresh_process_builds_the_cache_then_reuses_it_and_survives_corruption(tmp_path):
    """Cold, warm, then every cache file garbled: the same words and beads each time."""
    import os

    env = {**os.environ, "KIT_CACHE_DIR": str(tmp_path)}
    code = ("import kit; a = kit.load_corpus()['000_7ca6473d3635779a']; "
            "print(kit.segment('推广郝建秀工作法')); "
            "print([(b.paragraph, b.en_index, b.zh_index) for b in kit.sentence_pairs(a)])")

    def run():
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, env=env)
        assert out.stderr == ""
        return out.stdout

    cold = run()
    files = sorted(p.name.split("-")[0] for p in tmp_path.iterdir())
    assert files == ["cedict", "jieba", "vocabulary"]
    stamps = {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    assert run() == cold
    assert {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == stamps   # read, not rewritten
    for path in tmp_path.iterdir():
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert run() == cold
    assert all(p.stat().st_size > 1000 for p in tmp_path.iterdir())          # rebuilt whole


def test_a_provider_that_asks_for_the_words_gets_an_error_not_a_recursion():
    language.register_vocabulary(provider := lambda: [([kit.segment("工会")[0]], [])])
    try:
        with pytest.raises(KitError, match="while they were being read"):
            kit.segment("工会")
    finally:
        language.unregister_vocabulary(provider)
    assert kit.segment("工会") == ["工会"]


def test_zhuyi_words_are_written_as_one_word_in_pinyin():
    """GB/T 16159 joins -主义 to its word: xíngshìzhǔyì, not xíngshì zhǔyì (issue 15, item 8)."""
    assert kit.pinyin("形式主义") == "xíngshìzhǔyì"
    assert ("形式主义", "xíngshìzhǔyì") in kit.annotate("反对形式主义")
