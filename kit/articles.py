"""One article: an English translation followed by the Chinese original.

The format, as the seed files show it (``cat -A`` shows every byte)::

    Title: <English title>
    Author: <may be empty>
    Date: 1952-08-03
    Page: 2

    [English column name]          e.g. "Economic Life Brief Commentary"
    [English title repeated]
    <English paragraphs, one per line>

    <hr />
    Original:
    ### <Chinese title; a two-line headline joined by two spaces>
    <author line, may be blank>
    1952-08-03
    第2版(<section, usually empty>)
    专栏：<column, may be empty>
        <headline lines, repeated>
        <Chinese paragraphs, one per line>

Files saved by other tools vary (CRLF, a BOM, tabs, ASCII colons, missing blank
lines): the parser reads lines by what they mean, not by position, and reports
what does not fit with the file and the line.

    >>> text = '''Title: A Short Report
    ... Author:
    ... Date: 1952-08-03
    ... Page: 2
    ...
    ... Workers met on July 20th.
    ...
    ... <hr />
    ... Original:
    ... ### 简短的报道
    ...
    ... 1952-08-03
    ... 第2版()
    ... 专栏：
    ...     简短的报道
    ...     工人们于七月二十日开会。
    ... '''
    >>> article = parse_article(text, source="short.txt")
    >>> article
    <Article 1952-08-03 p.2 简短的报道>
    >>> article.paragraph_pairs()
    [('Workers met on July 20th.', '工人们于七月二十日开会。')]
    >>> parse_article(text.replace("Date: 1952-08-03", "Date: 1952-13-45"), source="bad.txt")
    Traceback (most recent call last):
    ...
    kit.errors.ArticleFormatError: bad.txt, line 3: expected a date like 1952-08-03 after 'Date:', found '1952-13-45' (there is no month 13)
"""

from __future__ import annotations

import datetime as _dt
import html
import os
import re
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

from .errors import ArticleFormatError, KitError

__all__ = ["Article", "ParallelText", "parse_article", "read_article", "decode_article_bytes"]

NEWSPAPER_ZH = "人民日报"
NEWSPAPER_EN = "People's Daily"

_COLON = r"\s*[:：]\s*"
_HEADER_RE = re.compile(r"^\s*(title|author|date|page)" + _COLON + r"(.*)$", re.IGNORECASE)
_SEPARATOR_RE = re.compile(r"^\s*(<hr\s*/?>|-{3,}|\*{3,}|_{3,})\s*$", re.IGNORECASE)
_ORIGINAL_RE = re.compile(r"^\s*original\s*[:：]?\s*$", re.IGNORECASE)
_ZH_TITLE_RE = re.compile(r"^\s*#{1,6}\s*(.*)$")
_DATE_LIKE_RE = re.compile(r"^\s*\d{2,4}\s*[-/.年]")
_DATE_RE = re.compile(r"^\s*(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)\s*$")
_PAGE_ZH_RE = re.compile(r"^\s*第\s*(\S+?)\s*版\s*(?:[(（]\s*(.*?)\s*[)）])?\s*$")
_COLUMN_RE = re.compile(r"^\s*专栏" + _COLON + r"(.*)$")
_SENTENCE_END = (".", "!", "?", "。", "！", "？", '"', "”", "’", ":", ";")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
#: MLA abbreviates a month name longer than four letters (MLA Handbook, 9th ed.; e.g.
#: https://libguides.umgc.edu/c.php?g=1018622&p=7378037): May, June and July stay whole.
_MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.",
               "Nov.", "Dec."]


@dataclass(frozen=True)
class Article:
    """A parsed article. Fields hold text exactly as printed (stripped of indentation).

    ``paragraphs_en`` and ``paragraphs_zh`` hold the body only: no header lines,
    no repeated title, headline or column name.
    """

    id: str
    path: Path | None
    title_en: str
    title_zh: str
    headline_zh: tuple[str, ...]
    author_en: str
    author_zh: str
    date: _dt.date
    page: int
    section: str
    column_zh: str
    column_en: str
    paragraphs_en: tuple[str, ...]
    paragraphs_zh: tuple[str, ...]
    source_lines: dict = field(default_factory=dict, repr=False, compare=False, hash=False)

    # -- reading ---------------------------------------------------------------------
    def paragraph_pairs(self) -> list[tuple[str, str]]:
        """Aligned ``(en, zh)`` paragraph pairs.

        One to one when both languages have the same number of paragraphs;
        otherwise :func:`kit.align` decides from their lengths, and paragraphs
        that belong together are joined (English with a space, Chinese directly).
        A paragraph with no counterpart is paired with ``""``.
        """
        if len(self.paragraphs_en) == len(self.paragraphs_zh):
            return list(zip(self.paragraphs_en, self.paragraphs_zh))
        from .language import align

        pairs = []
        for en_idx, zh_idx in align(list(self.paragraphs_en), list(self.paragraphs_zh)):
            pairs.append((" ".join(self.paragraphs_en[i] for i in en_idx),
                          "".join(self.paragraphs_zh[i] for i in zh_idx)))
        return pairs

    def sentence_pairs(self):
        """Aligned sentence beads ``(en_sentences, zh_sentences)``; see :func:`kit.language.sentence_pairs`."""
        from .language import sentence_pairs

        return sentence_pairs(self)

    def text(self, lang: str = "zh") -> str:
        """The body in one language, paragraphs separated by blank lines."""
        return "\n\n".join(self._paragraphs(lang))

    def _paragraphs(self, lang: str) -> tuple[str, ...]:
        if lang == "zh":
            return self.paragraphs_zh
        if lang == "en":
            return self.paragraphs_en
        raise KitError(f"lang must be 'zh' or 'en', not {lang!r}")

    @property
    def headline(self) -> str:
        """The Chinese headline on one line, its printed lines joined by a space."""
        return " ".join(self.headline_zh) if self.headline_zh else self.title_zh

    def parallel(self, paragraph: int = 0) -> "ParallelText":
        """One aligned paragraph pair, shown side by side in a notebook (0-based index)."""
        pairs = self.paragraph_pairs()
        if not 0 <= paragraph < len(pairs):
            raise IndexError(f"paragraph {paragraph} does not exist: this article has "
                             f"{len(pairs)} aligned paragraphs, numbered 0 to {len(pairs) - 1}")
        en, zh = pairs[paragraph]
        return ParallelText(zh, en, f"{self.id} ¶{paragraph}")

    # -- citing ----------------------------------------------------------------------
    def citation(self, style: str = "chicago") -> str:
        """A citation ready to paste into an essay.

        Styles: ``"chicago"`` (notes and bibliography, newspaper), ``"apa"`` (7th
        edition), ``"mla"`` (9th edition). Chinese title first, English title in
        brackets, 人民日报 / People's Daily, date, page and column.
        """
        style = style.lower()
        title_zh = self.headline
        title_en = self.title_en
        column = ""
        if self.column_zh:
            column = f"《{self.column_zh}》" + (f" [{self.column_en}]" if self.column_en else "")
        year, month, day = self.date.year, self.date.month, self.date.day
        paper = f"{NEWSPAPER_ZH} [{NEWSPAPER_EN}]"
        author = self.author_zh or self.author_en
        lead = f"{author}. " if author else ""
        col = f" {column}." if column else ""
        if style == "chicago":
            col = f" Column {column}." if column else ""
            when = f"{_MONTHS[month - 1]} {day}, {year}"
            return f"{lead}“{title_zh}” [{title_en}].{col} {paper}, {when}, p. {self.page}."
        if style == "apa":
            when = f"({year}, {_MONTHS[month - 1]} {day})"
            if author:
                return f"{author}. {when}. {title_zh} [{title_en}].{col} {paper}, {self.page}."
            return f"{title_zh} [{title_en}]. {when}.{col} {paper}, {self.page}."
        if style == "mla":
            return (f"{lead}“{title_zh} [{title_en}].”{col} {paper}, "
                    f"{day} {_MLA_MONTHS[month - 1]} {year}, p. {self.page}.")
        raise KitError(f"unknown citation style {style!r}: use 'chicago', 'apa' or 'mla'")

    # -- display ---------------------------------------------------------------------
    def __repr__(self) -> str:
        return f"<Article {self.date.isoformat()} p.{self.page} {self.headline_zh[0] if self.headline_zh else self.title_zh}>"

    def _repr_html_(self) -> str:
        first_en = self.paragraphs_en[0] if self.paragraphs_en else ""
        first_zh = self.paragraphs_zh[0] if self.paragraphs_zh else ""
        short = lambda s, n: html.escape(s if len(s) <= n else s[: n - 1] + "…")  # noqa: E731
        return (
            f"<div><b lang='zh-Hans'>{html.escape(self.headline)}</b> "
            f"<span lang='en'>[{html.escape(self.title_en)}]</span><br>"
            f"<small>{html.escape(self.id)} · {self.date.isoformat()} · p. {self.page}"
            f"{' · ' + html.escape(self.column_zh) if self.column_zh else ''} · "
            f"{len(self.paragraphs_zh)} paragraphs</small>"
            f"<p lang='zh-Hans'>{short(first_zh, 80)}</p><p lang='en'>{short(first_en, 160)}</p></div>"
        )


@dataclass(frozen=True)
class ParallelText:
    """A Chinese paragraph and its English translation, side by side in HTML."""

    zh: str
    en: str
    label: str = ""

    def __repr__(self) -> str:
        return f"[{self.label}]\n{self.zh}\n\n{self.en}" if self.label else f"{self.zh}\n\n{self.en}"

    def _repr_html_(self) -> str:
        cell = "padding:0.4em 0.8em;vertical-align:top;width:50%;line-height:1.7;text-align:left"
        return (f"<table style='width:100%;table-layout:fixed'><tr>"
                f"<td lang='zh-Hans' style='{cell};font-size:1.15em'>{html.escape(self.zh)}</td>"
                f"<td lang='en' style='{cell}'>{html.escape(self.en)}</td></tr></table>")


# ------------------------------------------------------------------------------------
# Reading files
# ------------------------------------------------------------------------------------
def decode_article_bytes(data: bytes, source: str = "<bytes>", encoding: str | None = None) -> str:
    """Decode an article file's bytes, explaining what went wrong when they are not UTF-8 text.

    >>> decode_article_bytes("Title: x".encode("gb18030"), "a.txt")
    'Title: x'
    >>> decode_article_bytes("标题".encode("gb18030"), "b.txt")
    Traceback (most recent call last):
    ...
    kit.errors.ArticleFormatError: b.txt, line 1: the file is not UTF-8 text; it looks like GBK/GB18030 (a common Chinese encoding). Convert it with: iconv -f GB18030 -t UTF-8 b.txt > b-utf8.txt, or load it with encoding='gb18030'
    """
    # data.strip() copies the whole file: only worth it when the file starts with blanks
    if not data or data[0] in _BLANK_BYTES:
        if not data.strip():
            raise ArticleFormatError("the file is empty: expected an article starting with 'Title: '",
                                     path=source, line=1)
    if _looks_binary(data[:4096]):
        raise ArticleFormatError("this looks like a binary file, not a text article "
                                 "(expected UTF-8 text starting with 'Title: ')", path=source, line=1)
    if encoding:
        try:
            return data.decode(encoding).lstrip("\ufeff")
        except (UnicodeDecodeError, LookupError) as exc:
            line = data[: getattr(exc, "start", 0)].count(b"\n") + 1
            raise ArticleFormatError(f"the file cannot be read as {encoding}: {exc}", path=source,
                                     line=line) from None
    try:
        # the built-in UTF-8 decoder, then drop the BOM: what "utf-8-sig" does, without its
        # Python-level codec call. Only a file that fails takes the slower path below.
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return text[1:] if text[:1] == "\ufeff" else text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            raise ArticleFormatError(
                f"the file is not UTF-8 text (byte {data[exc.start]:#04x} cannot be decoded); "
                "save it as UTF-8 in your editor", path=source, line=line) from None
        stem = Path(source).stem
        raise ArticleFormatError(
            "the file is not UTF-8 text; it looks like GBK/GB18030 (a common Chinese encoding). "
            f"Convert it with: iconv -f GB18030 -t UTF-8 {source} > {stem}-utf8.txt, "
            "or load it with encoding='gb18030'", path=source, line=line) from None


_BLANK_BYTES = frozenset(b" \t\n\r\x0b\x0c")  # what bytes.strip() removes
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_TEXT_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)


def _looks_binary(chunk: bytes) -> bool:
    """More than 5% control characters (other than tab, newlines, form feed): not text."""
    if not chunk:
        return False
    controls = len(chunk.translate(None, _TEXT_BYTES))
    return controls / len(chunk) > 0.05


_PATH_TYPE = type(Path())  # PosixPath or WindowsPath: what Path(...) returns
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def _read_bytes(path: str | Path) -> bytes:
    """The file's bytes, like ``Path.read_bytes`` but without the buffered file object.

    One ``open``, one ``fstat``, and one ``read`` when the file is as long as
    ``fstat`` says (it always is for a regular file nobody is writing to).
    """
    fd = os.open(path, _OPEN_FLAGS)
    try:
        size = os.fstat(fd).st_size
        data = os.read(fd, size + 1)
        if len(data) != size:  # grown, shrunk, or a file whose size fstat does not know
            chunks = [data]
            while chunk := os.read(fd, 65536):
                chunks.append(chunk)
            data = b"".join(chunks)
        return data
    finally:
        os.close(fd)


def read_article(path: str | Path, encoding: str | None = None, source: str | None = None) -> Article:
    """Read and parse one article file. ``encoding`` forces a codec (e.g. ``"gb18030"``)."""
    if type(path) is not _PATH_TYPE:
        path = Path(path)
    label = source or str(path)
    try:
        data = _read_bytes(path)
    except OSError as exc:
        raise ArticleFormatError(f"cannot read the file ({exc.strerror})", path=label) from None
    text = decode_article_bytes(data, label, encoding)
    return parse_article(text, source=label, path=path, article_id=path.stem)


# ------------------------------------------------------------------------------------
# Parsing
# ------------------------------------------------------------------------------------
# The parser splits the text into lines once and reads them by index (line number =
# index + 1). Lines keep their trailing whitespace: every test below strips the line
# or uses a pattern ending in \s*$, which gives the same result as on a stripped line.
# Regular expressions only look at the few lines of the two headers; body lines are
# only stripped, so the cost grows with the number of lines, not with their length.
_ORIGINAL_HINT_RE = re.compile(r"\n[^\S\n]*[oO]")  # a line that may be 'Original:'
_HEADER_KEYS = {"Title": "title", "Author": "author", "Date": "date", "Page": "page"}
_SPACES_RE = re.compile(r"\s+")
_NOT_ALNUM_RE = re.compile(r"[^a-z0-9]+")
_HEADLINE_GAP_RE = re.compile(r"\s{2,}|\u3000+")


def parse_article(text: str, source: str = "<text>", path: Path | None = None,
                  article_id: str | None = None) -> Article:
    """Parse the text of one article (see the module docstring for the format).

    Args:
        text: the whole article, English part then Chinese part.
        source: the name used in error messages (a file name).
        article_id: the id; defaults to the stem of ``source``.

    Raises:
        ArticleFormatError: naming ``source`` and the line, saying what was expected.
    """
    if text[:1] == "\ufeff":
        text = text.lstrip("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw = text.split("\n")  # raw[k] is line k + 1
    count = len(raw)
    err = lambda msg, line: ArticleFormatError(msg, path=source, line=line)  # noqa: E731
    source_lines: dict[str, int] = {}

    # -- split English part / Chinese part at "Original:" ----------------------------
    lines = list(map(str.strip, raw))  # what every test below reads: "" for a blank line
    original_at = _find_original(text, raw, lines)
    if original_at is None:
        last = next((k + 1 for k in range(count - 1, -1, -1) if lines[k]), 1)
        raise err("there is no 'Original:' line: expected the English translation, then a line "
                  "'Original:', then the Chinese original", last)
    original_line = original_at + 1

    # -- English header --------------------------------------------------------------
    header: dict[str, tuple[int, str]] = {}
    i = 0
    while i < original_at:
        s = lines[i]
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
        at = header["title"][0] if "title" in header else _first_line(lines)
        raise err("the English title is missing: expected a first line like 'Title: Workers Meet'", at)
    title_en = _squash(header["title"][1])
    source_lines["title_en"] = header["title"][0]
    author_en = _squash(header["author"][1]) if "author" in header else ""

    date = None
    if "date" in header:
        n, value = header["date"]
        date = _parse_date(value, lambda why: err(f"expected a date like 1952-08-03 after 'Date:', "
                                                  f"found '{value}'{why}", n))
        source_lines["date"] = n
    page = None
    if "page" in header:
        n, value = header["page"]
        page = _parse_page(value, lambda: err(f"expected a page number like 'Page: 2', found '{value}'", n))

    body_en = _body_lines(lines, i, original_at)

    # -- Chinese header ----------------------------------------------------------------
    j = _skip_blank(lines, original_at + 1)
    if j >= count:
        raise err("the Chinese original is missing: expected a line '### <Chinese title>' "
                  "after 'Original:'", original_line)
    n, s = j + 1, lines[j]
    if s.startswith("### "):  # as the seeds write it: what the pattern below would find
        title_zh = s[4:].strip()
    else:
        m = _ZH_TITLE_RE.match(s)
        if not m or not s.startswith("#"):
            raise err(f"expected the Chinese title as a line starting with '### ' after 'Original:', "
                      f"found '{s}'", n)
        title_zh = m.group(1).strip()
    if not title_zh:
        raise err("the Chinese title is missing: expected '### <Chinese title>'", n)
    source_lines["title_zh"] = n
    j += 1

    # author line (optional), then the date
    author_zh = ""
    j = _skip_blank(lines, j)
    if j < count and not _DATE_LIKE_RE.match(lines[j]) and not _is_zh_meta(lines[j]) \
            and _is_author_line(lines, j):
        author_zh = _squash(lines[j])
        j = _skip_blank(lines, j + 1)
    if j >= count:
        raise err("expected a date like 1952-08-03 after the Chinese title, found the end of the file",
                  count if count > original_at + 1 else original_line)
    n, s = j + 1, lines[j]
    if _is_zh_meta(s) and date is not None:
        zh_date = None  # no Chinese date line: the English header's date stands
    else:
        zh_date = _parse_date(s, lambda why: err(
            f"expected a date like 1952-08-03 after the Chinese title, found '{s}'{why}", n))
        source_lines["date_zh"] = n
        j += 1

    section = ""
    column_zh = ""
    zh_page = None
    while True:
        j = _skip_blank(lines, j)
        if j >= count:
            break
        n, s = j + 1, lines[j]
        first = s[:1]  # each pattern needs its own first character
        pm = _PAGE_ZH_RE.match(s) if first == "第" else None
        cm = _COLUMN_RE.match(s) if first == "专" else None
        if pm and zh_page is None:
            zh_page = _parse_page(pm.group(1), lambda: err(
                f"expected a page number like 第2版 in '{s}'", n))
            section = (pm.group(2) or "").strip()
        elif cm and not column_zh:
            column_zh = cm.group(1).strip()
        else:
            break
        j += 1

    date = date or zh_date
    if page is None:
        page = zh_page
    if page is None:
        raise err("the page number is missing: expected 'Page: 2' in the English header "
                  "or a line like 第2版() after the Chinese date",
                  source_lines["date_zh"] if "date_zh" in source_lines else _first_line(lines))

    # -- Chinese body: drop the repeated headline and column -----------------------------
    body_zh = _body_lines(lines, j, count)
    headline, start_zh = _take_headline(title_zh, body_zh)
    if column_zh and start_zh < len(body_zh) and _norm_zh(body_zh[start_zh][1]) == _norm_zh(column_zh):
        start_zh += 1
    if start_zh >= len(body_zh):
        raise err("the Chinese body is empty: expected paragraphs after the Chinese header "
                  "(date, 第N版, 专栏)",
                  next((k + 1 for k in range(count - 1, original_at, -1) if lines[k]), original_line))

    # -- English body: drop the column name and the repeated title ------------------------
    column_en = ""
    start_en = 0
    title_norm = None  # _norm_en(title_en), computed when a line may repeat the title
    if body_en and _may_be_column_name(body_en[0][1]):
        title_norm = _norm_en(title_en)
        if _is_column_line(body_en, title_en, column_zh, title_norm):
            column_en = body_en[0][1]
            start_en = 1
    start_en += _repeated_title_lines(title_en, body_en, start_en, title_norm)
    if start_en >= len(body_en):
        sep = next((k + 1 for k in range(original_at) if _SEPARATOR_RE.match(lines[k])), original_line)
        raise err("the English body is empty: expected the translated paragraphs between the "
                  "header (Title, Author, Date, Page) and 'Original:'", sep)

    source_lines["paragraphs_en"], paragraphs_en = zip(*body_en[start_en:])
    source_lines["paragraphs_zh"], paragraphs_zh = zip(*body_zh[start_zh:])
    # Article(...) without its __init__: a frozen dataclass's __init__ sets each field with
    # object.__setattr__, several times slower than filling the instance dict in one call,
    # and the loader makes one Article per file. (Article has no __post_init__ to skip.)
    article = object.__new__(Article)
    article.__dict__.update(
        id=article_id or Path(source).stem,
        path=None if path is None else path if type(path) is _PATH_TYPE else Path(path),
        title_en=title_en,
        title_zh=title_zh,
        headline_zh=tuple(headline),
        author_en=author_en,
        author_zh=author_zh,
        date=date,
        page=page,
        section=section,
        column_zh=column_zh,
        column_en=column_en,
        paragraphs_en=paragraphs_en,
        paragraphs_zh=paragraphs_zh,
        source_lines=source_lines,
    )
    return article


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
        raise fail(f" (there is no day {day} in {_MONTHS[month - 1]} {year})") from None


def _parse_page(value: str, fail) -> int:
    """A page number: digits (2), or a Chinese numeral (二, 十二)."""
    value = value.strip()
    if value.isdecimal():  # what the pattern \d+ matches
        return int(value)
    from .language import _zh_int  # the kit's one reader of Chinese numerals

    number = _zh_int(value) if value else None
    if number is None:
        raise fail()
    return number


def _take_headline(title_zh: str, body: list[tuple[int, str]]) -> tuple[list[str], int]:
    """Split the printed headline off the start of the Chinese body.

    The body usually repeats the headline, one printed line per body line; the
    title line joins them with two spaces. Returns ``(headline_lines, number of
    body lines it takes)``.
    """
    target = _norm_zh(title_zh)
    taken, joined = [], ""
    for _, s in body:
        if len(s) > 2 * len(title_zh) + 10:
            break
        candidate = joined + _norm_zh(s)
        if candidate and target.startswith(candidate):
            taken.append(s)
            joined = candidate
            if joined == target:
                return taken, len(taken)
        else:
            break
    # No repeated headline in the body: the title itself, split where it has 2+ spaces.
    parts = [p.strip() for p in _HEADLINE_GAP_RE.split(title_zh) if p.strip()]
    return parts or [title_zh], 0


def _first_letters_differ(a: str, b: str) -> bool:
    """Both start with an ASCII letter or digit, not the same one (ignoring case): then
    ``_norm_en(a)`` cannot start ``_norm_en(b)``."""
    x, y = a[:1], b[:1]
    return x.isascii() and y.isascii() and x.isalnum() and y.isalnum() and x.lower() != y.lower()


def _may_be_column_name(line: str) -> bool:
    """Short, a few words, not a sentence."""
    return not (len(line) > 80 or line.endswith(_SENTENCE_END) or len(line.split()) > 8)


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
    return len(second) <= 2 * len(title_en) + 20 and _norm_en(second) == title


def _repeated_title_lines(title_en: str, body: list[tuple[int, str]], start: int,
                          target: str | None = None) -> int:
    """How many lines of the English body, from ``body[start]`` on, repeat its title (whole,
    or split over lines): 0 when they do not. ``target`` is ``_norm_en(title_en)`` (None:
    computed here when needed)."""
    taken, joined = 0, ""
    for _, s in body[start:]:
        if len(s) > 2 * len(title_en) + 20:
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
