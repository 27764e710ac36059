"""The article format: reading an article's text into the values of its fields.

:func:`parse_fields` does the reading, in five named steps (the English header,
the English body, the Chinese header, the Chinese body, the headline), and
returns plain values; :func:`kit.articles.parse_article` builds the
:class:`~kit.articles.Article` from them. The format is described in
:mod:`kit.articles` and in the README ("Adding an article").

    >>> text = '''Title: A Short Report
    ... Date: 1952-08-03
    ... Page: 2
    ...
    ... Workers met on July 20th.
    ...
    ... Original:
    ... ### 简短的报道
    ... 1952-08-03
    ... 第2版()
    ...     简短的报道工人们于七月二十日开会。
    ... '''
    >>> fields = parse_fields(text, source="short.txt")
    >>> fields["title_zh"], fields["headline_zh"], fields["paragraphs_zh"]
    ('简短的报道', ('简短的报道',), ('工人们于七月二十日开会。',))

The parser splits the text into lines once and reads them by index (line number =
index + 1). Regular expressions only look at the few lines of the two headers; body
lines are only stripped, so the cost grows with the number of lines, not with their
length.
"""

from __future__ import annotations

import datetime as _dt
import re
from itertools import repeat
from typing import Any, NamedTuple

from .errors import ArticleFormatError, KitWarning
from .text import zh_int

__all__ = ["parse_fields", "take_headline", "headline_left", "MONTHS"]

#: English month names, for dates in messages and citations.
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

_COLON = r"\s*[:：]\s*"
_HEADER_RE = re.compile(r"^\s*(title|author|date|page)" + _COLON + r"(.*)$", re.IGNORECASE)
_HEADER_KEYS = {"Title": "title", "Author": "author", "Date": "date", "Page": "page"}
_SEPARATOR_RE = re.compile(r"^\s*(<hr\s*/?>|-{3,}|\*{3,}|_{3,})\s*$", re.IGNORECASE)
_ORIGINAL_RE = re.compile(r"^\s*original\s*[:：]?\s*$", re.IGNORECASE)
_ORIGINAL_HINT_RE = re.compile(r"\n[^\S\n]*[oO]")  # a line that may be 'Original:'
_ZH_TITLE_RE = re.compile(r"^\s*#{1,6}\s*(.*)$")
_DATE_LIKE_RE = re.compile(r"^\s*\d{2,4}\s*[-/.年]")
_DATE_RE = re.compile(r"^\s*(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)\s*$")
_PAGE_ZH_RE = re.compile(r"^\s*第\s*(\S+?)\s*版\s*(?:[(（]\s*(.*?)\s*[)）])?\s*$")
_COLUMN_RE = re.compile(r"^\s*专栏" + _COLON + r"(.*)$")
_SPACES_RE = re.compile(r"\s+")
_NOT_ALNUM_RE = re.compile(r"[^a-z0-9]+")
_HEADLINE_GAP_RE = re.compile(r"\s{2,}|\u3000+")
_SENTENCE_END = (".", "!", "?", "。", "！", "？", '"', "”", "’", ":", ";")

#: What a complete Chinese paragraph ends with: a full stop, a question or exclamation mark,
#: an ellipsis, a closing quotation mark or bracket, a semicolon.
CLOSING_PUNCTUATION = "。！？!?.…”’\"'」』）)》〉】];；"
#: A last paragraph longer than this (characters) with no closing punctuation was cut short
#: even when the file ends with a newline; a shorter one may be a signature or a date line.
SIGNATURE_MAX_CHARS = 30
#: A headline line is at most this many times the title's length plus HEADLINE_SLACK characters.
HEADLINE_LINE_FACTOR = 2
HEADLINE_SLACK = 10
#: The same for an English title repeated in the body (a column name is at most
#: COLUMN_MAX_CHARS characters and COLUMN_MAX_WORDS words).
TITLE_SLACK_EN = 20
COLUMN_MAX_CHARS = 80
COLUMN_MAX_WORDS = 8
#: A headline part shorter than this is not looked for at the start of the body by ``kit check``,
#: nor cut off the first body line when no headline line comes before it.
HEADLINE_ECHO_MIN_CHARS = 4
#: What separates a headline glued to the start of a sentence from a sentence that starts with
#: the headline's words: the sentence goes on with punctuation.
_CONTINUING_PUNCTUATION = "，、。；：！？,.;:!?的地得"


class _Text:
    """The article's lines, stripped (``lines``) and as written (``raw``), and its name."""

    def __init__(self, text: str, source: str):
        if text[:1] == "\ufeff":
            text = text.lstrip("\ufeff")
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.text = text
        self.source = source
        self.raw = text.split("\n")  # raw[k] is line k + 1
        self.lines = list(map(str.strip, self.raw))  # "" for a blank line
        self.count = len(self.raw)

    def error(self, message: str, line: int | None) -> ArticleFormatError:
        return ArticleFormatError(message, path=self.source, line=line)

    def last_text_line(self, stop: int = -1) -> int | None:
        """The number of the last line that is not blank, after index ``stop``; None if none."""
        return next((k + 1 for k in range(self.count - 1, stop, -1) if self.lines[k]), None)


class _EnglishHeader(NamedTuple):
    title: str
    author: str
    date: _dt.date | None
    page: int | None
    body_start: int  # index of the first line after the header


class _ChineseHeader(NamedTuple):
    title: str
    author: str
    date: _dt.date | None
    page: int | None
    section: str
    column: str
    body_start: int


def parse_fields(text: str, source: str = "<text>") -> dict[str, Any]:
    """The values of an article's fields, read from its text (see :mod:`kit.articles`).

    Returns a dict with every :class:`~kit.articles.Article` field except ``id`` and
    ``path``; ``warnings`` holds a :class:`~kit.errors.KitWarning` for each thing that
    loads but looks wrong (a last Chinese paragraph that seems cut short).

    Raises:
        ArticleFormatError: naming ``source`` and the line, saying what was expected.
    """
    t = _Text(text, source)
    source_lines: dict[str, Any] = {}
    original_at = _find_original(t.text, t.raw, t.lines)
    chinese_only = _chinese_only_start(t, original_at)
    if chinese_only is not None:
        return _chinese_only_fields(t, chinese_only, source_lines)
    if original_at is None:
        raise t.error("there is no 'Original:' line: expected the English translation, then a line "
                      "'Original:', then the Chinese original",
                      t.last_text_line() or 1)
    en = _english_header(t, original_at, source_lines)
    zh = _chinese_header(t, original_at, en.date, source_lines)
    page = en.page if en.page is not None else zh.page
    if page is None:
        raise t.error("the page number is missing: expected 'Page: 2' in the English header "
                      "or a line like 第2版() after the Chinese date",
                      source_lines.get("date_zh") or _first_line(t.lines))
    headline, body_zh = _chinese_body(t, zh, original_at)
    column_en, body_en = _english_body(t, en, zh.column, original_at)
    source_lines["paragraphs_en"], paragraphs_en = zip(*body_en)
    source_lines["paragraphs_zh"], paragraphs_zh = zip(*body_zh)
    cut_short = _cut_short(t, body_zh)
    return dict(title_en=en.title, title_zh=zh.title, headline_zh=tuple(headline),
                author_en=en.author, author_zh=zh.author, date=en.date or zh.date, page=page,
                section=zh.section, column_zh=zh.column, column_en=column_en,
                paragraphs_en=paragraphs_en, paragraphs_zh=paragraphs_zh, source_lines=source_lines,
                warnings=(cut_short,) if cut_short else ())


# -- an article with no translation -----------------------------------------------------------
def _chinese_only_start(t: _Text, original_at: int | None) -> int | None:
    """The index just before the Chinese header of a file that holds only the Chinese part
    (its first line is the ``### `` title, or 'Original:' with nothing before it); else None."""
    first = _skip_blank(t.lines, 0)
    if first >= t.count:
        return None
    if original_at is None:
        return first - 1 if t.lines[first].startswith("#") else None
    return original_at if original_at == first else None


def _chinese_only_fields(t: _Text, original_at: int, source_lines: dict) -> dict[str, Any]:
    """The fields of a Chinese-only article: no English (``paragraphs_en == ()``), the date
    and page from the Chinese header."""
    zh = _chinese_header(t, original_at, None, source_lines)
    if zh.page is None:
        raise t.error("the page number is missing: expected a line like 第2版() after the "
                      "Chinese date", source_lines.get("date_zh") or _first_line(t.lines))
    headline, body_zh = _chinese_body(t, zh, original_at)
    source_lines["paragraphs_en"] = ()
    source_lines["paragraphs_zh"], paragraphs_zh = zip(*body_zh)
    cut_short = _cut_short(t, body_zh)
    return dict(title_en="", title_zh=zh.title, headline_zh=tuple(headline), author_en="",
                author_zh=zh.author, date=zh.date, page=zh.page, section=zh.section,
                column_zh=zh.column, column_en="", paragraphs_en=(), paragraphs_zh=paragraphs_zh,
                source_lines=source_lines, warnings=(cut_short,) if cut_short else ())


# -- step 1: the English header ---------------------------------------------------------
def _english_header(t: _Text, original_at: int, source_lines: dict) -> _EnglishHeader:
    """Title, Author, Date and Page: the lines before the first line that is not one of them."""
    header: dict[str, tuple[int, str]] = {}
    i = 0
    while i < original_at:
        s = t.lines[i]
        if not s:
            i += 1
            continue
        c = s.find(":")
        key = _HEADER_KEYS.get(s[:c]) if 3 < c < 7 else None  # "Title:" as the seeds write it
        if key is not None:
            value = s[c + 1:]
        else:  # any other spelling ("title：", "TITLE :"), or not a header line
            m = _HEADER_RE.match(s)
            if not m:
                break
            key, value = m.group(1).lower(), m.group(2)
        if key in header:
            break
        header[key] = (i + 1, value.strip())
        i += 1
    if "title" not in header or not header["title"][1]:
        at = header["title"][0] if "title" in header else _first_line(t.lines)
        raise t.error("the English title is missing: expected a first line like 'Title: Workers Meet'", at)
    source_lines["title_en"] = header["title"][0]
    date = page = None
    if "date" in header:
        n, value = header["date"]
        date = _parse_date(value, lambda why: t.error(
            f"expected a date like 1952-08-03 after 'Date:', found '{value}'{why}", n))
        source_lines["date"] = n
    if "page" in header:
        n, value = header["page"]
        page = _parse_page(value, lambda: t.error(f"expected a page number like 'Page: 2', found '{value}'", n))
    author = _squash(header["author"][1]) if "author" in header else ""
    return _EnglishHeader(_squash(header["title"][1]), author, date, page, i)


# -- step 2: the English body -------------------------------------------------------------
def _english_body(t: _Text, en: _EnglishHeader, column_zh: str, original_at: int):
    """``(column_en, [(line number, paragraph), ...])``: the column name and the repeated
    title dropped."""
    body = _body_lines(t.lines, en.body_start, original_at)
    column_en = ""
    start = 0
    title_norm = None  # _norm_en(title), computed when a line may repeat the title
    if body and _may_be_column_name(body[0][1]):
        title_norm = _norm_en(en.title)
        if _is_column_line(body, en.title, column_zh, title_norm):
            column_en = body[0][1]
            start = 1
    start += _repeated_title_lines(en.title, body, start, title_norm)
    if start >= len(body):
        sep = next((k + 1 for k in range(original_at) if _SEPARATOR_RE.match(t.lines[k])), original_at + 1)
        raise t.error("the English body is empty: expected the translated paragraphs between the "
                      "header (Title, Author, Date, Page) and 'Original:'", sep)
    return column_en, body[start:]


# -- step 3: the Chinese header ------------------------------------------------------------
def _chinese_header(t: _Text, original_at: int, date_en, source_lines: dict) -> _ChineseHeader:
    """### title, author line, date, 第N版(section), 专栏：column."""
    lines, count, original_line = t.lines, t.count, original_at + 1
    j = _skip_blank(lines, original_at + 1)
    if j >= count:
        raise t.error("the Chinese original is missing: expected a line '### <Chinese title>' "
                      "after 'Original:'", original_line)
    title = _chinese_title(t, j)
    source_lines["title_zh"] = j + 1
    author = ""
    j = _skip_blank(lines, j + 1)
    if j < count and not _DATE_LIKE_RE.match(lines[j]) and not _is_zh_meta(lines[j]) \
            and _is_author_line(lines, j):
        author = _squash(lines[j])
        j = _skip_blank(lines, j + 1)
    if j >= count:
        raise t.error("expected a date like 1952-08-03 after the Chinese title, found the end of the file",
                      count if count > original_line else original_line)
    n, s = j + 1, lines[j]
    date = None
    if not (_is_zh_meta(s) and date_en is not None):  # else: the English header's date stands
        date = _parse_date(s, lambda why: t.error(
            f"expected a date like 1952-08-03 after the Chinese title, found '{s}'{why}", n))
        source_lines["date_zh"] = n
        j += 1
    page, section, column, j = _page_and_column(t, j)
    return _ChineseHeader(title, author, date, page, section, column, j)


def _chinese_title(t: _Text, j: int) -> str:
    n, s = j + 1, t.lines[j]
    if s.startswith("### "):  # as the seeds write it: what the pattern below would find
        title = s[4:].strip()
    else:
        m = _ZH_TITLE_RE.match(s)
        if not m or not s.startswith("#"):
            raise t.error(f"expected the Chinese title as a line starting with '### ' after 'Original:', "
                          f"found '{s}'", n)
        title = m.group(1).strip()
    if not title:
        raise t.error("the Chinese title is missing: expected '### <Chinese title>'", n)
    return title


def _page_and_column(t: _Text, j: int) -> tuple[int | None, str, str, int]:
    """The 第N版(section) and 专栏：column lines from index ``j``, in either order:
    ``(page, section, column, index after them)``."""
    page, section, column = None, "", ""
    while (j := _skip_blank(t.lines, j)) < t.count:
        n, s = j + 1, t.lines[j]
        first = s[:1]  # each pattern needs its own first character
        pm = _PAGE_ZH_RE.match(s) if first == "第" else None
        cm = _COLUMN_RE.match(s) if first == "专" else None
        if pm and page is None:
            page = _parse_page(pm.group(1), lambda: t.error(f"expected a page number like 第2版 in '{s}'", n))
            section = (pm.group(2) or "").strip()
        elif cm and not column:
            column = cm.group(1).strip()
        else:
            break
        j += 1
    return page, section, column, j


# -- step 4: the Chinese body ----------------------------------------------------------------
def _chinese_body(t: _Text, zh: _ChineseHeader, original_at: int):
    """``(headline lines, [(line number, paragraph), ...])``: the repeated headline and column
    dropped from the start of the body."""
    body = _body_lines(t.lines, zh.body_start, t.count)
    headline, body = take_headline(zh.title, body)
    if zh.column and body and _norm_zh(body[0][1]) == _norm_zh(zh.column):
        body = body[1:]
    if not body:
        raise t.error("the Chinese body is empty: expected paragraphs after the Chinese header "
                      "(date, 第N版, 专栏)", t.last_text_line(original_at) or original_at + 1)
    return headline, body


# -- step 5: the headline ---------------------------------------------------------------------
def take_headline(title_zh: str, body: list[tuple[int, str]]) -> tuple[list[str], list[tuple[int, str]]]:
    """Split the printed headline off the start of the Chinese body: ``(headline lines, rest)``.

    The body usually repeats the headline, one printed line per body line (the title line
    joins them with two spaces); sometimes the last headline line is glued to the line
    after it, and only its start is headline. With no repeated headline, the headline is
    the title split where it has two spaces.

    >>> take_headline("保证增产节约  一千三百多吨粮食", [(1, "保证增产节约"), (2, "一千三百多吨粮食高岗主席："), (3, "我们…")])
    (['保证增产节约', '一千三百多吨粮食'], [(2, '高岗主席：'), (3, '我们…')])
    """
    target = _norm_zh(title_zh)
    longest = HEADLINE_LINE_FACTOR * len(title_zh) + HEADLINE_SLACK
    taken, joined = [], ""
    for k, (n, s) in enumerate(body):
        rest = target[len(joined):]
        if len(s) <= longest and rest.startswith(candidate := _norm_zh(s)) and candidate:
            taken.append(s)
            joined += candidate
            if joined == target:
                return taken, body[k + 1:]
            continue
        # a whole title glued to the first line must be long enough not to be a sentence's subject
        cut = _glued_prefix(s, rest) if joined or len(rest) >= HEADLINE_ECHO_MIN_CHARS else None
        if cut is not None:  # the headline's last line, glued to the next line
            return taken + [s[:cut].strip()], [(n, s[cut:].strip())] + body[k + 1:]
        break
    parts = [p.strip() for p in _HEADLINE_GAP_RE.split(title_zh) if p.strip()]
    if taken and joined in _part_prefixes(parts):  # the first headline lines, not all of them
        return parts, body[len(taken):]
    return parts or [title_zh], body


def _glued_prefix(line: str, wanted: str) -> int | None:
    """Where ``wanted`` (the rest of a headline, without spaces) ends in ``line``, when the line
    starts with it and goes on with a new sentence (not with punctuation that continues it)."""
    if not wanted:
        return None
    i, size = 0, len(line)
    for ch in wanted:
        while i < size and line[i].isspace():
            i += 1
        if i >= size or line[i] != ch:
            return None
        i += 1
    after = line[i:].lstrip()
    if not after or after[0] in _CONTINUING_PUNCTUATION:
        return None
    return i


def _part_prefixes(parts: list[str]) -> set[str]:
    """The title's first part, first two parts... joined without spaces."""
    out, joined = set(), ""
    for p in parts[:-1]:
        joined += _norm_zh(p)
        out.add(joined)
    return out


# -- warnings --------------------------------------------------------------------------------
def _cut_short(t: _Text, body_zh: list[tuple[int, str]]) -> KitWarning | None:
    """A warning when the last Chinese paragraph ends without closing punctuation, and either
    the file has no final newline or the paragraph is too long to be a signature or a date."""
    n, last = body_zh[-1]
    ends_without_newline = bool(t.lines[-1])
    if last[-1] in CLOSING_PUNCTUATION or not (ends_without_newline or len(last) > SIGNATURE_MAX_CHARS):
        return None
    return KitWarning(f"the last Chinese paragraph ends with '{last[-8:]}', without closing punctuation "
                      "(。！？): the file may be cut short; compare it with the printed article",
                      path=t.source, line=n)


def headline_left(title_zh: str, headline: tuple[str, ...] | list[str], first_paragraph: str,
                  source: str = "<text>", line: int | None = None) -> KitWarning | None:
    """A warning when the first Chinese paragraph starts with text of the headline (what
    ``python -m kit check`` reports: a repeated headline the parser could not cut off).

    >>> print(headline_left("及时总结和传播推广先进经验的经验", ["及时总结和传播推广先进经验的经验"],
    ...                     "及时总结和传播推广先进经验的经验，是一件大事。", "a.txt", 27))
    a.txt, line 27: the Chinese body starts with the headline text '及时总结和传播推广先进经验的经验': if the headline is repeated there, put it on a line of its own before the first paragraph
    """
    if not any(first_paragraph.startswith(p[:1]) for p in headline):
        return None  # the usual case: the paragraph does not even start like a headline line
    first = _norm_zh(first_paragraph[:HEADLINE_LINE_FACTOR * len(title_zh) + HEADLINE_SLACK])
    for part in sorted({_norm_zh(p) for p in [*headline, title_zh]}, key=len, reverse=True):
        if len(part) >= HEADLINE_ECHO_MIN_CHARS and first.startswith(part):
            return KitWarning(f"the Chinese body starts with the headline text '{part}': if the headline "
                              "is repeated there, put it on a line of its own before the first paragraph",
                              path=source, line=line)
    return None


# -- helpers ------------------------------------------------------------------------------------
def _find_original(text: str, lines: list[str], stripped: list[str]) -> int | None:
    """The index of the first 'Original:' line, or None (``lines`` raw, ``stripped`` stripped).

    The usual case first: a line that is 'Original:', and no line before it that starts
    with an 'o'. Otherwise one search over the text finds the lines that start with an
    'o' (after indentation), and only those are tested in full.
    """
    try:
        k = stripped.index("Original:")
    except ValueError:
        pass
    else:
        if lines[k][:12].lstrip()[:1] == "O" and \
                not any(map(str.startswith, stripped[:k], repeat(("o", "O"), k))):
            return k
    if _is_original_line(lines[0]):
        return 0
    k, pos = 0, 0
    while m := _ORIGINAL_HINT_RE.search(text, pos):
        start = m.start() + 1  # where the candidate line begins
        pos = text.find("\n", start)
        line = text[start:pos] if pos >= 0 else text[start:]
        # its index: an earlier line with the same text was an earlier candidate, and failed
        k = lines.index(line, k + 1)
        if _is_original_line(line):
            return k
        if pos < 0:
            return None
    return None


def _is_original_line(s: str) -> bool:
    return s[:12].lstrip()[:1] in ("o", "O") and _ORIGINAL_RE.match(s) is not None


def _body_lines(lines: list[str], start: int, stop: int) -> list[tuple[int, str]]:
    """``(line number, line)`` for the lines in ``lines[start:stop]`` (stripped lines) that
    are neither blank nor a separator."""
    return [(n, s) for n, s in enumerate(lines[start:stop], start + 1)
            if s and (s[0] not in "<-*_" or not _SEPARATOR_RE.match(s))]


def _first_line(lines: list[str]) -> int:
    """The number of the first line that is not blank (1 when there is none); lines stripped."""
    return next((k + 1 for k, s in enumerate(lines) if s), 1)


def _skip_blank(lines: list[str], j: int) -> int:
    """The index of the first line from ``j`` on that is not blank; lines stripped."""
    while j < len(lines) and not lines[j]:
        j += 1
    return j


def _squash(s: str) -> str:
    if s.isprintable() and "  " not in s and s[:1] != " " and s[-1:] != " ":
        return s  # its only whitespace is single inner spaces (isprintable() is False for the rest)
    return _SPACES_RE.sub(" ", s).strip()


def _norm_zh(s: str) -> str:
    return "".join(s.split())  # every whitespace character removed (\u3000 is whitespace too)


def _norm_en(s: str) -> str:
    if s.isascii():  # the same as the regular expression below, several times faster
        return b" ".join(s.encode("ascii").translate(_EN_NORM_TABLE).split()).decode("ascii")
    return _NOT_ALNUM_RE.sub(" ", s.lower()).strip()


# for ASCII bytes: letters to lower case, digits kept, everything else to a space
_EN_NORM_TABLE = bytes(c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789"
                       else c + 32 if chr(c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" else 32 for c in range(256))


def _is_zh_meta(s: str) -> bool:
    return s.lstrip()[:1] in ("第", "专") and bool(_PAGE_ZH_RE.match(s) or _COLUMN_RE.match(s))


def _is_author_line(lines: list[str], j: int) -> bool:
    """An author line is a short line directly followed (after blanks) by the date."""
    k = _skip_blank(lines, j + 1)
    return k < len(lines) and bool(_DATE_LIKE_RE.match(lines[k]))


def _parse_date(value: str, fail):
    if len(value) == 10 and value[4] == "-" == value[7] and value.isascii():
        try:  # the usual 1952-08-03: the C parser does it all
            return _dt.date.fromisoformat(value)
        except ValueError:
            pass  # e.g. 1952-13-45: the code below says what is wrong
    m = _DATE_RE.match(value)
    if not m:
        raise fail("")
    year = int(m.group(1))
    month = int(m.group(2) or m.group(4))
    day = int(m.group(3) or m.group(5))
    if not 1 <= month <= 12:
        raise fail(f" (there is no month {month})")
    try:
        return _dt.date(year, month, day)
    except ValueError:
        raise fail(f" (there is no day {day} in {MONTHS[month - 1]} {year})") from None


def _parse_page(value: str, fail) -> int:
    """A page number: digits (2), or a Chinese numeral (二, 十二)."""
    value = value.strip()
    if value.isdecimal():  # what the pattern \d+ matches
        return int(value)
    number = zh_int(value) if value else None
    if number is None:
        raise fail()
    return number


def _first_letters_differ(a: str, b: str) -> bool:
    """Both start with an ASCII letter or digit, not the same one (ignoring case): then
    ``_norm_en(a)`` cannot start ``_norm_en(b)``."""
    x, y = a[:1], b[:1]
    return x.isascii() and y.isascii() and x.isalnum() and y.isalnum() and x.lower() != y.lower()


def _may_be_column_name(line: str) -> bool:
    """Short, a few words, not a sentence."""
    return not (len(line) > COLUMN_MAX_CHARS or line.endswith(_SENTENCE_END)
                or len(line.split()) > COLUMN_MAX_WORDS)


def _is_column_line(body_en: list[tuple[int, str]], title_en: str, column_zh: str, title: str) -> bool:
    """Whether the English body opens with a column name; ``title`` is ``_norm_en(title_en)``.

    The caller has checked that the first line may be one (:func:`_may_be_column_name`).
    """
    first = body_en[0][1]
    if _norm_en(first) == title:
        return False
    if column_zh:
        return True
    second = body_en[1][1] if len(body_en) > 1 else ""
    return len(second) <= HEADLINE_LINE_FACTOR * len(title_en) + TITLE_SLACK_EN and _norm_en(second) == title


def _repeated_title_lines(title_en: str, body: list[tuple[int, str]], start: int,
                          target: str | None = None) -> int:
    """How many lines of the English body, from ``body[start]`` on, repeat its title (whole,
    or split over lines): 0 when they do not. ``target`` is ``_norm_en(title_en)`` (None:
    computed here when needed)."""
    taken, joined = 0, ""
    longest = HEADLINE_LINE_FACTOR * len(title_en) + TITLE_SLACK_EN
    for _, s in body[start:]:
        if len(s) > longest:
            break
        if not joined and _first_letters_differ(s, title_en):
            break  # the usual paragraph: no need to normalise it, or the title
        if target is None:
            target = _norm_en(title_en)
        candidate = (joined + " " + _norm_en(s)).strip()
        if candidate and target.startswith(candidate):
            taken += 1
            joined = candidate
            if joined == target:
                return taken
        else:
            break
    return 0
