"""Alignment: kit.align (paragraphs or sentences) and sentence_pairs against the gold of the seeds."""

from __future__ import annotations

import dataclasses
import pickle
import random
from pathlib import Path

import pytest
import yaml

import kit
from kit import language
from kit.language import SentenceBead, align, align_sentences, sentence_pairs

DATA = Path(__file__).parent / "data"
A = "000_7ca6473d3635779a"  # news report, Northeast FTU cadre meeting
B = "003_0d759123a74baf35"  # commentary, column 经济生活简评


def load_gold(article_id: str) -> list[dict]:
    data = yaml.safe_load((DATA / f"gold_sentences_{article_id[:3]}.yaml").read_text(encoding="utf-8"))
    assert data["article"] == article_id
    return data["beads"]


@pytest.fixture(scope="module")
def gold_beads(corpus):
    """Every gold bead of both seeds as (en sentences, zh sentences)."""
    return [(b["en"], b["zh"]) for a in corpus for b in load_gold(a.id)]


# ---------------------------------------------------------------------------------- align

def covers_in_order(beads, n, m) -> bool:
    en = [i for e, _ in beads for i in e]
    zh = [j for _, z in beads for j in z]
    return en == list(range(n)) and zh == list(range(m)) and all(e or z for e, z in beads)


def test_align_one_to_one_when_lengths_agree():
    assert align([30, 90, 60], [10, 30, 20]) == [([0], [0]), ([1], [1]), ([2], [2])]


def test_align_merges_when_one_side_splits():
    assert align([100, 100], [60]) == [([0, 1], [0])]
    assert align([200], [30, 40]) == [([0], [0, 1])]


def test_align_handles_empty_sides():
    assert align([], []) == []
    assert align(["Only English."], []) == [([0], [])]
    assert align([], ["只有中文。", "还有一句。"]) == [([], [0]), ([], [1])]


def test_align_estimates_the_ratio_from_the_units():
    en = [120, 300, 90, 210]
    zh = [40, 100, 30, 70]
    assert align(en, zh) == align(en, [3 * z for z in zh]) == [([i], [i]) for i in range(4)]


@pytest.mark.parametrize("seed", range(30))
def test_align_always_covers_every_unit_once_in_order(seed):
    rng = random.Random(seed)
    n, m = rng.randint(0, 12), rng.randint(0, 12)
    beads = align([rng.randint(1, 400) for _ in range(n)], [rng.randint(1, 120) for _ in range(m)])
    assert covers_in_order(beads, n, m)
    assert all((len(e), len(z)) in language.BEAD_PRIORS for e, z in beads)


def test_align_puts_split_paragraphs_back_together(corpus):
    """What Article.paragraph_pairs() relies on when the counts differ."""
    article = corpus[A]
    zh = list(article.paragraphs_zh)
    cut = zh[2].index("这经验的主要内容")
    split_zh = zh[:2] + [zh[2][:cut], zh[2][cut:]]
    assert align(list(article.paragraphs_en), split_zh) == [([0], [0]), ([1], [1]), ([2], [2, 3])]
    en = list(article.paragraphs_en)
    assert align([en[0] + " " + en[1], en[2]], zh) == [([0], [0, 1]), ([1], [2])]


# ------------------------------------------------------------------------------------ gold

@pytest.mark.parametrize("article_id", [A, B])
def test_sentence_pairs_reproduce_the_gold_alignment(corpus, article_id):
    gold = load_gold(article_id)
    beads = corpus[article_id].sentence_pairs()
    got = [{"paragraph": b.paragraph, "en": b[0], "zh": b[1]} for b in beads]
    want = [{"paragraph": g["paragraph"], "en": g["en"], "zh": g["zh"]} for g in gold]
    assert got == want


def test_gold_files_cover_every_sentence_of_the_seeds(corpus):
    for article in corpus:
        gold = load_gold(article.id)
        en = [s for p in article.paragraphs_en for s in kit.split_sentences(p, "en")]
        zh = [s for p in article.paragraphs_zh for s in kit.split_sentences(p, "zh")]
        assert [s for g in gold for s in g["en"]] == en
        assert [s for g in gold for s in g["zh"]] == zh


def test_a_bead_unpacks_as_a_pair_and_says_where_and_why(corpus):
    beads = sentence_pairs(corpus[A])
    en, zh = beads[0]
    assert isinstance(beads[0], SentenceBead) and isinstance(beads[0], tuple)
    assert en[0].startswith("The Northeast Federation") and zh[0].startswith("东北总工会于七月二十日")
    two_to_one = beads[3]
    assert (two_to_one.paragraph, two_to_one.en_index, two_to_one.zh_index) == (1, [2, 3], [2])
    assert two_to_one.shape == "2-1"
    assert pickle.loads(pickle.dumps(two_to_one)) == two_to_one
    assert pickle.loads(pickle.dumps(two_to_one)).evidence == two_to_one.evidence
    assert "paragraph=1" in repr(two_to_one)


@pytest.mark.parametrize("article_id, bead, evidence", [
    (A, 0, "七月 ~ July"),
    (A, 0, "二十日 ~ 20th"),
    (A, 0, "东北总工会 ~ Northeast Federation of Trade Unions"),
    (A, 2, "一九五一 ~ 1951"),
    (A, 2, "郝建秀工作法 ~ Hao Jianxiu work method"),
    (A, 5, "十四日 ~ 14th"),
    (A, 5, "沈阳 ~ Shenyang"),
    (A, 6, "齐廷汉 ~ Qi Tinghan"),
    (A, 7, "一、 ~ First"),
    (A, 11, "四、 ~ Fourth"),
    (B, 0, "增产节约运动 ~ campaign for increased production and economy"),
    (B, 4, "CC-CEDICT: "),
])
def test_evidence_names_the_anchors(corpus, article_id, bead, evidence):
    assert evidence in corpus[article_id].sentence_pairs()[bead].evidence


def test_evidence_of_a_bead_starts_with_the_lengths(corpus):
    for bead in corpus[B].sentence_pairs():
        assert bead.evidence.startswith("length ")


def test_a_given_corpus_ratio_gives_the_same_gold(corpus):
    ratio = language.corpus_ratio(corpus)
    for article in corpus:
        assert [tuple(b) for b in sentence_pairs(article, ratio=ratio)] == \
               [tuple(b) for b in article.sentence_pairs()]


# ---------------------------------------------------------------------- whole-article edits

def texts(beads):
    return [(tuple(e), tuple(z)) for e, z in beads]


@pytest.mark.parametrize("article_id", [A, B])
def test_a_paragraph_split_on_one_side_gives_the_same_sentences(corpus, article_id):
    article = corpus[article_id]
    zh = list(article.paragraphs_zh)
    last = kit.split_sentences(zh[-1], "zh")
    cut = len("".join(last[: len(last) // 2 + 1]))
    edited = dataclasses.replace(article, paragraphs_zh=tuple(zh[:-1] + [zh[-1][:cut], zh[-1][cut:]]))
    assert texts(edited.sentence_pairs()) == texts(article.sentence_pairs())


@pytest.mark.parametrize("article_id", [A, B])
def test_paragraphs_merged_on_one_side_give_the_same_sentences(corpus, article_id):
    article = corpus[article_id]
    en = list(article.paragraphs_en)
    edited = dataclasses.replace(article, paragraphs_en=(en[0] + " " + en[1], *en[2:]))
    assert texts(edited.sentence_pairs()) == texts(article.sentence_pairs())


def test_a_sentence_missing_from_the_translation_becomes_a_one_sided_bead(corpus):
    article = corpus[B]
    en = list(article.paragraphs_en)
    sentences = kit.split_sentences(en[0], "en")
    dropped = sentences.pop(2)           # "There is still a significant lack of experience…"
    edited = dataclasses.replace(article, paragraphs_en=(" ".join(sentences), *en[1:]))
    beads = edited.sentence_pairs()
    lone = [b for b in beads if not b[0]]
    assert [b[1] for b in lone] == [["这一方面的经验，还极为缺乏。"]]
    assert dropped not in [s for b in beads for s in b[0]]
    assert lone[0].evidence.startswith("no counterpart")


# ------------------------------------------------------------------- synthetic perturbations
# Paragraph pairs built from the gold beads of both seeds in new orders and lengths, then
# edited the way real translations differ: a sentence left out on one side, two English
# sentences joined into one, a Chinese sentence cut in two. At least 95% of beads must match.

def synthetic_case(rng, gold_beads, edit):
    k = rng.randint(2, 8)
    beads = [(list(e), list(z)) for e, z in rng.sample(gold_beads, k)]
    if edit in ("drop_en", "drop_zh"):
        side = 0 if edit == "drop_en" else 1
        k, i = rng.choice([(k, i) for k, b in enumerate(beads) for i in range(len(b[side]))])
        del beads[k][side][i]
        if not beads[k][0] and not beads[k][1]:
            del beads[k]
        elif not beads[k][0] or not beads[k][1]:
            e, z = beads.pop(k)
            beads[k:k] = [([s], []) for s in e] + [([], [s]) for s in z]
    elif edit == "join_en":
        spots = [k for k in range(len(beads) - 1)
                 if all(len(side) == 1 for side in (*beads[k], *beads[k + 1]))]
        if spots:
            k = rng.choice(spots)
            first, second = beads[k][0][0], beads[k + 1][0][0]
            beads[k:k + 2] = [([first.rstrip(".") + "; " + second[0].lower() + second[1:]],
                               beads[k][1] + beads[k + 1][1])]
    elif edit == "cut_zh":
        spots = [(k, j) for k, b in enumerate(beads) for j, z in enumerate(b[1]) if z.count("，") >= 2]
        if spots:
            k, j = rng.choice(spots)
            z = beads[k][1][j]
            commas = [i for i, ch in enumerate(z) if ch == "，"]
            c = commas[len(commas) // 2]
            beads[k][1][j:j + 1] = [z[:c] + "。", z[c + 1:]]
    en = " ".join(s for e, _ in beads for s in e)
    zh = "".join(s for _, z in beads for s in z)
    return en, zh, beads


@pytest.mark.parametrize("edit", ["none", "drop_en", "drop_zh", "join_en", "cut_zh"])
def test_at_least_95_percent_of_beads_right_on_edited_paragraphs(corpus, gold_beads, edit):
    rng = random.Random(2024)
    ratio = language.corpus_ratio(corpus)
    right = total = 0
    for _ in range(40):
        en, zh, want = synthetic_case(rng, gold_beads, edit)
        got = set(texts(align_sentences(en, zh, ratio=ratio)))
        right += sum(1 for bead in texts(want) if bead in got)
        total += len(want)
    assert total > 100
    assert right / total >= (1.0 if edit == "none" else 0.95), (right, total)
