"""Finding glossary forms in Chinese or English text: longest match first, no overlaps.

    >>> from kit.glossary import load_glossary
    >>> matcher = Matcher(load_glossary().terms)
    >>> [(tid, nested) for tid, s, e, nested, within in matcher.matches("推广郝建秀工作法", "zh")]
    [('tuiguang', False), ('hao-jianxiu-gongzuofa', False), ('hao-jianxiu', True), ('zuofa', True)]
    >>> sentence_around("他来了。我们去沈阳。好。", 7, 9, "zh")
    '我们去沈阳。'
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from .model import Term

__all__ = ["Matcher", "Match", "article_texts", "is_article", "sentence_around", "PART_RANK"]

#: Where a text sits in an article, in reading order (used to order first appearances).
PART_RANK = {"title": 0, "column": 1, "body": 2, "text": 3}

#: Sentence-ending punctuation, by language.
SENTENCE_ENDERS = {"zh": "。！？；", "en": ".!?;"}

#: One match: ``(term_id, start, end, nested, within)``.
Match = tuple[str, int, int, bool, "str | None"]

_Span = tuple[str, int, int]


def _en_key(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).lower()


def _en_pattern(form: str) -> str:
    parts = [re.escape(p).replace("'", "['’]") for p in form.split()]
    return r"\s+".join(parts)


def _compile(forms) -> re.Pattern | None:
    forms = sorted(forms, key=len, reverse=True)
    if not forms:
        return None
    return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(_en_pattern(f) for f in forms)
                      + r")(?![A-Za-z0-9])", re.IGNORECASE)


def _select(candidates: list[_Span]) -> list[_Span]:
    """Longest matches win; the rest must not overlap them."""
    taken: list[_Span] = []
    for tid, s, e in sorted(candidates, key=lambda c: (c[1] - c[2], c[1])):
        if all(e <= ts or s >= te for _, ts, te in taken):
            taken.append((tid, s, e))
    return sorted(taken, key=lambda c: c[1])


class Matcher:
    """Finds the forms of some terms in text (built once per glossary)."""

    def __init__(self, terms: Iterable[Term]):
        self.zh: dict[str, str] = {}
        self.en: dict[str, str] = {}
        for term in terms:
            for form in term.zh_forms:
                self.zh.setdefault(form, term.id)
            for form in term.en_forms:
                self.en.setdefault(form.lower(), term.id)
        self.zh_lengths = sorted({len(f) for f in self.zh}, reverse=True)
        self.en_re = _compile(self.en)
        self._en_form_res: dict[str, re.Pattern | None] = {}

    def _zh_candidates(self, text: str, exclude: str | None) -> list[_Span]:
        out = []
        for i in range(len(text)):
            for length in self.zh_lengths:  # longest first: one candidate per position
                tid = self.zh.get(text[i:i + length]) if i + length <= len(text) else None
                if tid is not None and tid != exclude:
                    out.append((tid, i, i + length))
                    break
        return out

    def _en_candidates(self, text: str, exclude: str | None) -> list[_Span]:
        if exclude is not None:
            return self._en_nested(text, exclude)
        pattern = self.en_re
        if pattern is None:
            return []
        out = []
        for i, ch in enumerate(text):
            if not ch.isalnum() or (i and text[i - 1].isalnum()):
                continue
            m = pattern.match(text, i)  # alternatives are ordered longest first
            if m:
                out.append((self.en[_en_key(m.group(0))], m.start(), m.end()))
        return out

    def _en_nested(self, text: str, exclude: str) -> list[_Span]:
        """Forms of other terms inside a matched span (short text): one small pattern per form."""
        if not self._en_form_res:
            self._en_form_res = {f: _compile([f]) for f in self.en}
        best: dict[int, _Span] = {}
        for form, pattern in self._en_form_res.items():
            tid = self.en[form]
            if tid == exclude or form not in text.lower().replace("’", "'"):
                continue
            for m in pattern.finditer(text):
                if m.start() not in best or m.end() > best[m.start()][2]:
                    best[m.start()] = (tid, m.start(), m.end())
        return [best[k] for k in sorted(best)]

    def matches(self, text: str, lang: str) -> list[Match]:
        """``(term_id, start, end, nested, within)`` for every match, in text order."""
        candidates = self._zh_candidates if lang == "zh" else self._en_candidates
        out: list[Match] = []
        for tid, start, end in _select(candidates(text, None)):
            out.append((tid, start, end, False, None))
            inner = candidates(text[start:end], tid)
            for t, s, e in _select(inner):
                out.append((t, start + s, start + e, True, tid))
        return out


def article_texts(article) -> Iterator[tuple[str, str, int | None, str]]:
    """``(lang, part, paragraph, text)`` for the searchable texts of an article."""
    yield "zh", "title", None, article.headline
    yield "zh", "column", None, article.column_zh or ""
    for i, p in enumerate(article.paragraphs_zh):
        yield "zh", "body", i, p
    yield "en", "title", None, article.title_en
    yield "en", "column", None, article.column_en or ""
    for i, p in enumerate(article.paragraphs_en):
        yield "en", "body", i, p


def is_article(obj) -> bool:
    """True for an article (anything with Chinese and English paragraphs)."""
    return hasattr(obj, "paragraphs_zh") and hasattr(obj, "paragraphs_en")


def sentence_around(text: str, start: int, end: int, lang: str) -> str:
    """The sentence of ``text`` that contains ``text[start:end]``."""
    enders = SENTENCE_ENDERS[lang]
    left = max((text.rfind(ch, 0, start) for ch in enders), default=-1)
    rights = [i for i in (text.find(ch, end) for ch in enders) if i != -1]
    right = min(rights) + 1 if rights else len(text)
    return text[left + 1:right].strip()
