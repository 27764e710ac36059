"""Alignment: paragraphs or sentences paired by length (Gale & Church 1993) and shared anchors.

    >>> align(["A short one.", "A much longer English paragraph than the first."],
    ...       ["短的。", "比第一段长得多的中文段落。"])
    [([0], [0]), ([1], [1])]
"""

from __future__ import annotations

import math
from typing import Callable, Sequence

from .anchors import Anchors
from .sentences import split_sentences

__all__ = ["align", "unit_length", "estimate_ratio", "align_sentences", "sentence_pairs",
           "corpus_ratio", "SentenceBead", "BEAD_PRIORS", "DEFAULT_EN_PER_ZH", "DEFAULT_VARIANCE",
           "RATIO_MIX", "Bead"]

#: Prior probabilities of the bead shapes, (English count, Chinese count), after Gale & Church
#: (1993): 1-1 0.89; 1-0 and 0-1 0.0099 each; their 0.089 for "2-1 or 1-2" split evenly
#: (their 2-2, 0.011, is left out: it is rare and a 1-1 pair does the same work).
BEAD_PRIORS = {
    (1, 1): 0.89,
    (1, 0): 0.0099,
    (0, 1): 0.0099,
    (2, 1): 0.045,
    (1, 2): 0.045,
}

#: English characters per Chinese character, used only when the units give no evidence
#: (the seeds have about 3.7 English characters, spaces excluded, per Chinese one).
DEFAULT_EN_PER_ZH = 3.5

#: Variance of the length difference per character (Gale & Church's s², on the English scale).
#: The seeds' gold beads give about 3.8; Gale & Church's 6.8 is kept, to tolerate freer
#: translations than the seeds'.
DEFAULT_VARIANCE = 6.8

#: Weight of the article's (or corpus's) length ratio against the paragraph's own when aligning
#: sentences: a paragraph with a sentence left untranslated has a skewed ratio of its own.
RATIO_MIX = 0.8

#: The smallest probability the length cost takes (its log stays finite).
MIN_PROBABILITY = 1e-300
#: The smallest mean length (in characters) in Gale & Church's delta (no division by zero).
MIN_MEAN_LENGTH = 1.0

Bead = tuple  # ([en indices], [zh indices])
Bonus = Callable[[Sequence[int], Sequence[int]], float]


def unit_length(unit) -> float:
    """The length the aligner uses: a number as is, a text by its non-space characters.

    >>> unit_length("ab c"), unit_length("工会。"), unit_length(7)
    (3, 3, 7)
    """
    if isinstance(unit, (int, float)):
        return unit
    return sum(1 for ch in str(unit) if not ch.isspace())


def estimate_ratio(en_units: Sequence, zh_units: Sequence) -> float:
    """English length per Chinese length, estimated from the units themselves.

    Falls back to :data:`DEFAULT_EN_PER_ZH` when one side is empty.

    >>> estimate_ratio(["abcdef"], ["工会"])
    3.0
    >>> estimate_ratio([], ["工会"]) == DEFAULT_EN_PER_ZH
    True
    """
    en = sum(unit_length(u) for u in en_units)
    zh = sum(unit_length(u) for u in zh_units)
    if en <= 0 or zh <= 0:
        return DEFAULT_EN_PER_ZH
    return en / zh


def _norm_sf(z: float) -> float:
    """Two-sided tail probability of a standard normal at |z|."""
    return math.erfc(abs(z) / math.sqrt(2.0))


def _length_cost(en_len: float, zh_len: float, ratio: float, variance: float) -> float:
    """-log P(length difference | match), Gale & Church's delta on English-scaled lengths."""
    zh_scaled = zh_len * ratio
    if en_len == 0 or zh_scaled == 0:
        return 0.0   # a sentence without counterpart: its shape prior alone says how rare that is
    mean = (en_len + zh_scaled) / 2.0
    delta = (zh_scaled - en_len) / math.sqrt(variance * max(mean, MIN_MEAN_LENGTH))
    return -math.log(max(_norm_sf(delta), MIN_PROBABILITY))


def _best_paths(en_len: list, zh_len: list, ratio: float, variance: float,
                prior_cost: dict, bonus: Bonus | None) -> list[list]:
    """The dynamic programme: for each (i, j), the bead shape that reaches it most cheaply."""
    n, m = len(en_len), len(zh_len)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            for (di, dj), pc in prior_cost.items():
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                c = here + pc + _length_cost(sum(en_len[i:ni]), sum(zh_len[j:nj]), ratio, variance)
                if bonus is not None and di and dj:
                    c -= bonus(range(i, ni), range(j, nj))
                if c < cost[ni][nj]:
                    cost[ni][nj] = c
                    back[ni][nj] = (di, dj)
    return back


def _trace(back: list[list], n: int, m: int) -> list[Bead]:
    """The beads along the best path, from the start."""
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        beads.append((list(range(i - di, i)), list(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def align(en_units: Sequence, zh_units: Sequence, ratio: float | None = None, *,
          variance: float | None = None, bonus: Bonus | None = None,
          priors: dict | None = None) -> list[Bead]:
    """Align English units with Chinese units (paragraphs or sentences) in order.

    A Gale–Church style dynamic programme over lengths with beads 1-1, 1-2, 2-1,
    1-0 and 0-1. Every unit of both sides appears in exactly one bead, in order.

    Args:
        en_units, zh_units: texts (or their lengths as numbers).
        ratio: English length per Chinese length; estimated from the units when None.
        variance: Gale & Church's s² (English characters); :data:`DEFAULT_VARIANCE` when None.
        bonus: optional ``bonus(en_indices, zh_indices) -> float``, evidence in favour of a
            candidate bead in nats (e.g. shared numbers or glossary terms); it is subtracted
            from the bead's cost.
        priors: bead shape → prior probability, to replace :data:`BEAD_PRIORS`.

    Returns:
        A list of beads ``([en indices], [zh indices])``.

    >>> align(["One.", "Two, longer.", "Three is longest of all."], ["一。", "二较长。", "三是最长的一句。"])
    [([0], [0]), ([1], [1]), ([2], [2])]
    >>> align(["Short.", "Also short."], ["短的，也短的。"])
    [([0, 1], [0])]
    >>> align([], ["孤单。"])
    [([], [0])]
    """
    en_len = [unit_length(u) for u in en_units]
    zh_len = [unit_length(u) for u in zh_units]
    if ratio is None:
        ratio = estimate_ratio(en_len, zh_len)
    if variance is None:
        variance = DEFAULT_VARIANCE
    shapes = priors or BEAD_PRIORS
    prior_cost = {shape: -math.log(p) for shape, p in shapes.items() if p > 0}
    back = _best_paths(en_len, zh_len, ratio, variance, prior_cost, bonus)
    return _trace(back, len(en_len), len(zh_len))


# --------------------------------------------------------------------------------------------
# Sentence alignment within aligned paragraphs.
# --------------------------------------------------------------------------------------------

class SentenceBead(tuple):
    """One aligned bead: ``(en_sentences, zh_sentences)``, two lists of str.

    It unpacks like a pair and also says where it is and why it was chosen:
    ``paragraph`` (index of the paragraph pair), ``en_index`` / ``zh_index``
    (sentence indices within that paragraph) and ``evidence`` (what decided it).

    >>> bead = SentenceBead(["Good."], ["好。"], paragraph=2, en_index=[0], zh_index=[0])
    >>> en, zh = bead
    >>> zh, bead.shape, bead.paragraph
    (['好。'], '1-1', 2)
    """

    def __new__(cls, en, zh, paragraph=0, en_index=(), zh_index=(), evidence=""):
        bead = super().__new__(cls, (list(en), list(zh)))
        bead.paragraph = paragraph
        bead.en_index = list(en_index)
        bead.zh_index = list(zh_index)
        bead.evidence = evidence
        return bead

    @property
    def shape(self) -> str:
        """The bead's shape, English count first: ``"1-1"``, ``"2-1"``, ``"0-1"``…"""
        return f"{len(self[0])}-{len(self[1])}"

    def __reduce__(self):
        return (SentenceBead, (self[0], self[1], self.paragraph, self.en_index, self.zh_index,
                               self.evidence))

    def __repr__(self):
        return (f"SentenceBead(paragraph={self.paragraph}, en_index={self.en_index}, "
                f"zh_index={self.zh_index}, evidence={self.evidence!r})")


def corpus_ratio(articles) -> float:
    """English characters per Chinese character over many articles (for :func:`sentence_pairs`).

    >>> import kit
    >>> 2.5 < corpus_ratio(kit.load_corpus()) < 4.5
    True
    """
    en, zh = [], []
    for a in articles:
        en.extend(a.paragraphs_en)
        zh.extend(a.paragraphs_zh)
    return estimate_ratio(en, zh)


def _length_note(en_len: float, zh_len: float, used: float, both_sides: bool) -> str:
    if both_sides:
        return f"length {en_len} en ~ {zh_len} zh chars (expected {zh_len * used:.0f} en)"
    return f"no counterpart ({en_len or zh_len} chars on one side only)"


def align_sentences(en_text: str, zh_text: str, ratio: float | None = None,
                    paragraph: int = 0) -> list[SentenceBead]:
    """Split one aligned paragraph pair into sentences and align them.

    Args:
        en_text, zh_text: the English and the Chinese paragraph.
        ratio: the expected English/Chinese length ratio (from the article or the corpus);
            it is combined with the paragraph's own ratio.
        paragraph: the paragraph index to record in the beads.

    >>> [(b.shape, b.evidence[:6]) for b in align_sentences("Good. Bad.", "好。坏。")]
    [('1-1', 'length'), ('1-1', 'length')]
    """
    en_s, zh_s = split_sentences(en_text, "en"), split_sentences(zh_text, "zh")
    en_len, zh_len = [unit_length(s) for s in en_s], [unit_length(s) for s in zh_s]
    local = estimate_ratio(en_len, zh_len)
    if ratio and en_s and zh_s:
        used = ratio ** RATIO_MIX * local ** (1 - RATIO_MIX)
    else:
        used = ratio or local
    anchors = Anchors(en_s, zh_s)
    out = []
    for en_idx, zh_idx in align(en_len, zh_len, ratio=used, bonus=anchors.bonus):
        length = _length_note(sum(en_len[i] for i in en_idx), sum(zh_len[j] for j in zh_idx),
                              used, bool(en_idx and zh_idx))
        out.append(SentenceBead([en_s[i] for i in en_idx], [zh_s[j] for j in zh_idx],
                                paragraph=paragraph, en_index=en_idx, zh_index=zh_idx,
                                evidence=anchors.evidence(en_idx, zh_idx, length)))
    return out


def sentence_pairs(article, ratio: float | None = None) -> list[SentenceBead]:
    """Aligned sentence beads of an article, paragraph pair by paragraph pair.

    Each bead unpacks as ``(en_sentences, zh_sentences)`` and carries ``paragraph``,
    ``en_index``, ``zh_index`` and ``evidence``. Length (Gale & Church) and shared
    anchors decide: numbers and dates (七月二十日 ~ July 20th), glossary terms, names
    (齐廷汉 ~ Qi Tinghan) and CC-CEDICT translations (工厂 ~ factory).

    Args:
        article: a :class:`kit.Article` (anything with ``paragraph_pairs()``).
        ratio: the English/Chinese length ratio of the corpus; estimated from the
            article itself when None.

    >>> import kit
    >>> beads = kit.load_corpus()["000_7ca6473d3635779a"].sentence_pairs()
    >>> en, zh = beads[0]
    >>> zh[0][:13], beads[0].paragraph
    ('东北总工会于七月二十日召开', 0)
    >>> "七月 ~ July" in beads[0].evidence
    True
    """
    pairs = article.paragraph_pairs()
    if ratio is None:
        ratio = estimate_ratio([en for en, _ in pairs], [zh for _, zh in pairs])
    out: list[SentenceBead] = []
    for p, (en, zh) in enumerate(pairs):
        out.extend(align_sentences(en, zh, ratio=ratio, paragraph=p))
    return out
