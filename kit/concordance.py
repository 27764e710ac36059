"""Key word in context (KWIC): every place a word occurs in the corpus, with its surroundings.

    >>> import kit
    >>> lines = concordance(kit.load_corpus(), "郝建秀工作法")
    >>> len(lines), lines[0].article_id, lines[0].paragraph
    (1, '000_7ca6473d3635779a', 1)
    >>> print(lines[0])
    如高速切削法、多刀多刃切削法、[郝建秀工作法]与一九五一织布法等都已初步推广
    >>> [str(line) for line in concordance(kit.load_corpus(), "mass", width=12)]
    ['periences a [mass] movement.', ' process of [mass] self-educat']

Chinese queries match anywhere in the text; English queries ignore case and match whole
words, and a final ``*`` matches any ending (``promot*`` finds promote, promotion,
promoting). ``lang="auto"`` searches the Chinese text when the query holds a Chinese
character and the English text otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .errors import KitError
from .text import has_han

__all__ = ["KwicLine", "kwic", "find_spans", "concordance", "sort_lines", "detect_lang",
           "SORT_KEYS", "DEFAULT_WIDTH"]

#: Characters of context on each side, by language.
DEFAULT_WIDTH = {"zh": 15, "en": 45}

#: The orders :func:`sort_lines` knows.
SORT_KEYS = ("position", "left", "right")

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class KwicLine:
    """One occurrence: the matched text and its context in one paragraph of one article.

    ``paragraph`` is a 0-based index into ``article.paragraphs_zh`` or
    ``article.paragraphs_en`` (by ``lang``); ``start``/``end`` are character offsets in it.
    """

    article_id: str
    title: str
    date: object
    lang: str
    paragraph: int
    start: int
    end: int
    left: str
    match: str
    right: str

    def __str__(self) -> str:
        return f"{self.left}[{self.match}]{self.right}"


def detect_lang(query: str) -> str:
    """``"zh"`` when ``query`` holds a Chinese character, else ``"en"``.

    >>> detect_lang("先进经验"), detect_lang("advanced experience")
    ('zh', 'en')
    """
    return "zh" if has_han(query or "") else "en"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def kwic(text: str, start: int, end: int, width: int = 20) -> tuple[str, str, str]:
    """``(left, match, right)`` around ``text[start:end]``, each side at most ``width`` long.

    Line breaks and runs of spaces in the context become one space.

    >>> kwic("The workers learned the method quickly.", 24, 30, width=8)
    ('ned the ', 'method', ' quickly')
    """
    if not 0 <= start <= end <= len(text):
        raise KitError(f"kwic: expected 0 <= start <= end <= {len(text)}, found start={start}, "
                       f"end={end}")
    return (_flat(text[max(0, start - width):start]), text[start:end],
            _flat(text[end:end + width]))


def _pattern(query: str, lang: str) -> re.Pattern | None:
    query = query.strip()
    if not query:
        return None
    prefix = lang == "en" and query.endswith("*")
    query = query.rstrip("*").strip() if lang == "en" else query
    if not query:
        return None
    body = r"\s+".join(re.escape(part) for part in query.split())
    if lang == "zh":
        return re.compile(body)
    left = r"(?<!\w)" if re.match(r"\w", query) else ""
    right = r"\w*" if prefix else (r"(?!\w)" if re.search(r"\w$", query) else "")
    return re.compile(left + body + right, re.IGNORECASE)


def find_spans(text: str, query: str, lang: str = "auto") -> list[tuple[int, int]]:
    """``(start, end)`` of every match of ``query`` in ``text`` (rules as in the module doc).

    >>> find_spans("Advance, advanced, ADVANCE.", "advance")
    [(0, 7), (19, 26)]
    >>> find_spans("Advance, advanced, ADVANCE.", "advance*")
    [(0, 7), (9, 17), (19, 26)]
    >>> find_spans("推广先进经验的经验", "经验")
    [(4, 6), (7, 9)]
    """
    if lang == "auto":
        lang = detect_lang(query)
    pattern = _pattern(query or "", lang)
    if pattern is None:
        return []
    return [m.span() for m in pattern.finditer(text)]


def _articles(corpus) -> Iterable:
    if hasattr(corpus, "paragraphs_zh"):
        return [corpus]
    return corpus


def concordance(corpus, query: str, lang: str = "auto", *, width: int | None = None,
                sort: str = "position") -> list[KwicLine]:
    """Every occurrence of ``query`` in ``corpus`` (a Corpus, a list of articles, or one article).

    Args:
        corpus: what to search, e.g. ``kit.load_corpus()``.
        query: a Chinese word or phrase, or English words (a final ``*`` matches any ending).
        lang: ``"zh"``, ``"en"`` or ``"auto"`` (Chinese if the query holds a Chinese character).
        width: characters of context on each side (default 15 for Chinese, 45 for English).
        sort: ``"position"`` (article and paragraph order), ``"left"`` or ``"right"`` context.

    Returns:
        A list of :class:`KwicLine`; empty when the query is empty or not found.

    Raises:
        KitError: for an unknown ``lang`` or ``sort``.
    """
    if lang not in ("zh", "en", "auto"):
        raise KitError(f"unknown lang {lang!r}: use 'zh', 'en' or 'auto'")
    if sort not in SORT_KEYS:
        raise KitError(f"unknown sort {sort!r}: use one of {', '.join(SORT_KEYS)}")
    if lang == "auto":
        lang = detect_lang(query or "")
    pattern = _pattern(query or "", lang)
    if pattern is None:
        return []
    width = DEFAULT_WIDTH[lang] if width is None else width
    lines = []
    for article in _articles(corpus):
        paragraphs = article.paragraphs_zh if lang == "zh" else article.paragraphs_en
        title = article.title_zh if lang == "zh" else article.title_en
        for number, text in enumerate(paragraphs):
            for m in pattern.finditer(text):
                left, match, right = kwic(text, m.start(), m.end(), width)
                lines.append(KwicLine(article.id, title, article.date, lang, number,
                                      m.start(), m.end(), left, match, right))
    return sort_lines(lines, sort)


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _left_key(line: KwicLine):
    if line.lang == "zh":
        return line.left[::-1]
    return _words(line.left)[::-1]


def _right_key(line: KwicLine):
    if line.lang == "zh":
        return line.right
    return _words(line.right)


def sort_lines(lines: Iterable[KwicLine], by: str = "position") -> list[KwicLine]:
    """KWIC lines ordered by position, or by the context just left or right of the match.

    Left sorting reads outwards from the match: the nearest character (Chinese) or word
    (English) first, as in a printed concordance.

    >>> import kit
    >>> lines = concordance(kit.load_corpus(), "运动", sort="left")
    >>> [line.left[-4:] for line in lines]
    ['形成群众', '增产节约', '增产节约']
    """
    lines = list(lines)
    if by == "left":
        return sorted(lines, key=lambda l: (_left_key(l), l.article_id, l.paragraph, l.start))
    if by == "right":
        return sorted(lines, key=lambda l: (_right_key(l), l.article_id, l.paragraph, l.start))
    if by == "position":
        return sorted(lines, key=lambda l: (str(l.date), l.article_id, l.paragraph, l.start))
    raise KitError(f"unknown sort {by!r}: use one of {', '.join(SORT_KEYS)}")

