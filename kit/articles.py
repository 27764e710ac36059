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

Archives mostly give only the Chinese: a file holding only the Chinese part (from its
``### `` title line on, with or without the ``Original:`` line) loads as an article with no
translation: ``paragraphs_en == ()`` (a tuple, like every text field), ``title_en == ""``,
date and page from the Chinese header. Features that need the English (``parallel()``) raise
a :class:`~kit.errors.KitError` saying so; the reader shows it in Chinese with a note.

    >>> chinese = parse_article(text.split("Original:")[1], source="chinese.txt")
    >>> chinese.paragraphs_en, chinese.date, chinese.page, chinese.has_translation
    ((), datetime.date(1952, 8, 3), 2, False)
    >>> chinese.paragraph_pairs()
    [('', '工人们于七月二十日开会。')]
"""

from __future__ import annotations

import datetime as _dt
import errno
import html
import os
import stat
import warnings as _warnings
from dataclasses import dataclass, field
from pathlib import Path

from .article_format import MONTHS, headline_left, parse_fields
from .errors import ArticleFormatError, KitError, KitWarning, check_lang

__all__ = ["Article", "ParallelText", "parse_article", "read_article", "decode_article_bytes",
           "MAX_ARTICLE_BYTES", "max_article_bytes", "format_warnings"]

NEWSPAPER_ZH = "人民日报"
NEWSPAPER_EN = "People's Daily"

_MONTHS = MONTHS
#: MLA abbreviates a month name longer than four letters (MLA Handbook, 9th ed.; e.g.
#: https://libguides.umgc.edu/c.php?g=1018622&p=7378037): May, June and July stay whole.
_MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.",
               "Nov.", "Dec."]


@dataclass(frozen=True, init=False)
class Article:
    """A parsed article. Fields hold text exactly as printed (stripped of indentation).

    ``paragraphs_en`` and ``paragraphs_zh`` hold the body only: no header lines,
    no repeated title, headline or column name. ``source_lines`` gives the line of each
    field in the file; ``warnings`` what looked wrong when it was read (a last Chinese
    paragraph that seems cut short), also issued as a :class:`~kit.errors.KitWarning`.
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
    warnings: tuple[KitWarning, ...] = field(default=(), repr=False, compare=False, hash=False)

    def __init__(self, id: str, path: Path | None, title_en: str, title_zh: str,  # noqa: A002
                 headline_zh: tuple[str, ...], author_en: str, author_zh: str, date: _dt.date,
                 page: int, section: str, column_zh: str, column_en: str,
                 paragraphs_en: tuple[str, ...], paragraphs_zh: tuple[str, ...],
                 source_lines: dict | None = None, warnings: tuple[KitWarning, ...] = ()):
        # The dataclass's own __init__ would set each field with object.__setattr__ (it is
        # frozen), five times slower than this one update; the loader makes one per file.
        self.__dict__.update(
            id=id, path=path, title_en=title_en, title_zh=title_zh, headline_zh=tuple(headline_zh),
            author_en=author_en, author_zh=author_zh, date=date, page=page, section=section,
            column_zh=column_zh, column_en=column_en, paragraphs_en=tuple(paragraphs_en),
            paragraphs_zh=tuple(paragraphs_zh), source_lines={} if source_lines is None else source_lines,
            warnings=tuple(warnings))

    # -- reading ---------------------------------------------------------------------
    def paragraph_pairs(self) -> list[tuple[str, str]]:
        """Aligned ``(en, zh)`` paragraph pairs.

        One to one when both languages have the same number of paragraphs;
        otherwise :func:`kit.align` decides from their lengths, and paragraphs
        that belong together are joined (English with a space, Chinese directly).
        A paragraph with no counterpart is paired with ``""``; an article with no
        translation (:attr:`has_translation` False) pairs every paragraph with ``""``.
        """
        if not self.paragraphs_en:           # no translation: each paragraph with ""
            return [("", zh) for zh in self.paragraphs_zh]
        if len(self.paragraphs_en) == len(self.paragraphs_zh):
            return list(zip(self.paragraphs_en, self.paragraphs_zh))
        from .language import align

        pairs = []
        for en_idx, zh_idx in align(list(self.paragraphs_en), list(self.paragraphs_zh)):
            pairs.append((" ".join(self.paragraphs_en[i] for i in en_idx),
                          "".join(self.paragraphs_zh[i] for i in zh_idx)))
        return pairs

    @property
    def has_translation(self) -> bool:
        """False for an article loaded from its Chinese part only (``paragraphs_en == ()``)."""
        return bool(self.paragraphs_en)

    def _need_translation(self, what: str) -> None:
        if not self.paragraphs_en:
            raise KitError(f"{what} needs the English translation, and article {self.id!r} "
                           f"has none (its file holds only the Chinese part); read it with "
                           f"kit.views.ReaderView(article={self.id!r}, mode='zh') or add the "
                           f"translation above an 'Original:' line")

    def sentence_pairs(self):
        """Aligned sentence beads ``(en_sentences, zh_sentences)``; see :func:`kit.language.sentence_pairs`."""
        from .language import sentence_pairs

        return sentence_pairs(self)

    def text(self, lang: str = "zh") -> str:
        """The body in one language, paragraphs separated by blank lines."""
        return "\n\n".join(self._paragraphs(lang))

    def _paragraphs(self, lang: str) -> tuple[str, ...]:
        return self.paragraphs_zh if check_lang(lang) == "zh" else self.paragraphs_en

    @property
    def headline(self) -> str:
        """The Chinese headline on one line, its printed lines joined by a space."""
        return " ".join(self.headline_zh) if self.headline_zh else self.title_zh

    def parallel(self, paragraph: int = 0) -> "ParallelText":
        """One aligned paragraph pair, shown side by side in a notebook (0-based index)."""
        self._need_translation("parallel()")
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
        en = f" [{self.title_en}]" if self.title_en else ""   # none for a Chinese-only article
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
            return f"{lead}“{title_zh}”{en}.{col} {paper}, {when}, p. {self.page}."
        if style == "apa":
            when = f"({year}, {_MONTHS[month - 1]} {day})"
            if author:
                return f"{author}. {when}. {title_zh}{en}.{col} {paper}, {self.page}."
            return f"{title_zh}{en}. {when}.{col} {paper}, {self.page}."
        if style == "mla":
            return (f"{lead}“{title_zh}{en}.”{col} {paper}, "
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
#: The largest article file the kit reads, in bytes: 2 MB. A page of the People's Daily is
#: rarely over 50 KB; a bigger file is usually several articles pasted together, or not an
#: article, and would make the reader slow. Raise it with ``max_bytes=`` (``read_article``,
#: ``load_corpus``) or the environment variable ``KIT_MAX_ARTICLE_BYTES``.
MAX_ARTICLE_BYTES = 2 * 1024 * 1024
MAX_BYTES_ENV = "KIT_MAX_ARTICLE_BYTES"
_MEGABYTE = 1024 * 1024
#: How much of a file's start is looked at to tell text from binary data.
_BINARY_SNIFF_BYTES = 4096
#: More than this share of control characters (other than tab, newlines, form feed): not text.
_BINARY_CONTROL_SHARE = 0.05
_READ_CHUNK = 65536


def max_article_bytes(max_bytes: int | None = None) -> int:
    """The article size limit in bytes: ``max_bytes`` when given, else ``KIT_MAX_ARTICLE_BYTES``,
    else :data:`MAX_ARTICLE_BYTES`.

    >>> max_article_bytes(), max_article_bytes(10_000_000)
    (2097152, 10000000)
    """
    if max_bytes is not None:
        return int(max_bytes)
    value = os.environ.get(MAX_BYTES_ENV, "").strip()
    if not value:
        return MAX_ARTICLE_BYTES
    try:
        return int(value)
    except ValueError:
        raise KitError(f"{MAX_BYTES_ENV} must be a number of bytes, like {MAX_BYTES_ENV}=10000000, "
                       f"not {value!r}") from None


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
    if _looks_binary(data[:_BINARY_SNIFF_BYTES]):
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
    return _explain_undecodable(data, source)


def _explain_undecodable(data: bytes, source: str) -> str:
    """UTF-8 with a BOM, or an ArticleFormatError saying what the bytes are (GB18030 or unknown)."""
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
    """Too many control characters (other than tab, newlines, form feed): not text."""
    if not chunk:
        return False
    controls = len(chunk.translate(None, _TEXT_BYTES))
    return controls / len(chunk) > _BINARY_CONTROL_SHARE


_PATH_TYPE = type(Path())  # PosixPath or WindowsPath: what Path(...) returns
# O_NONBLOCK: should the file become a named pipe between the stat and the open, opening it
# must not wait for a writer (it has no effect on a regular file).
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
               | getattr(os, "O_NONBLOCK", 0))


def _not_a_file(path: Path, mode: int) -> str | None:
    """What the entry at ``path`` is when it is not a regular file (None when it is one)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return ("this is a folder, not an article file: rename it (article files end in .txt), "
                f"or check its articles on their own: python -m kit check {path}")
    if stat.S_ISFIFO(mode):
        return "this is a named pipe (FIFO), not an article file: the kit reads only regular files"
    if stat.S_ISSOCK(mode):
        return "this is a socket, not an article file: the kit reads only regular files"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "this is a device, not an article file: the kit reads only regular files"
    return "this is not a regular file: the kit reads only regular files"


def _stat_problem(path: Path, exc: OSError) -> str:
    """Why ``os.stat`` failed, said for a student: a dangling link, a link loop, a missing file."""
    try:
        is_link = os.path.islink(path)
        target = os.readlink(path) if is_link else ""
    except OSError:
        is_link, target = False, ""
    if is_link and isinstance(exc, FileNotFoundError):
        return (f"this is a symbolic link to '{target}', which does not exist: "
                "remove the link, or make it point to an article file")
    if is_link and exc.errno == errno.ELOOP:
        return (f"this is a symbolic link that leads back to itself (a loop, through '{target}'): "
                "remove the link, or make it point to an article file")
    return f"cannot read the file ({exc.strerror})"


def _read_bytes(path: Path, label: str, max_bytes: int) -> bytes:
    """The file's bytes, after checking with ``os.stat`` (without opening it) that it is a
    regular file no bigger than ``max_bytes``.

    One ``stat``, one ``open`` and one ``read`` when the file is as long as ``stat`` said.
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        raise ArticleFormatError(_stat_problem(path, exc), path=label) from None
    problem = _not_a_file(path, info.st_mode)
    if problem:
        raise ArticleFormatError(problem, path=label)
    size = info.st_size
    if size > max_bytes:
        raise ArticleFormatError(
            f"the file is {size / _MEGABYTE:.1f} MB, more than the {max_bytes / _MEGABYTE:g} MB an "
            "article may have: check that it holds one article; to read it anyway, pass a bigger "
            f"max_bytes= to kit.load_corpus or read_article, or set {MAX_BYTES_ENV}", path=label)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise ArticleFormatError(f"cannot read the file ({exc.strerror})", path=label) from None
    try:
        data = os.read(fd, size + 1)
        if len(data) > size:  # it grew since the stat: read on, up to the limit
            chunks = [data]
            while (chunk := os.read(fd, _READ_CHUNK)) and sum(map(len, chunks)) <= max_bytes:
                chunks.append(chunk)
            data = b"".join(chunks)
            if len(data) > max_bytes:
                raise ArticleFormatError(f"the file grew past the {max_bytes} bytes an article may "
                                         "have while it was being read", path=label)
        return data
    except OSError as exc:
        raise ArticleFormatError(f"cannot read the file ({exc.strerror})", path=label) from None
    finally:
        os.close(fd)


def read_article(path: str | Path, encoding: str | None = None, source: str | None = None,
                 max_bytes: int | None = None) -> Article:
    """Read and parse one article file.

    Args:
        path: the file (a regular file: a folder, a named pipe or a broken link is refused
            with an :class:`ArticleFormatError` that says what it is, without opening it).
        encoding: force a codec (e.g. ``"gb18030"``).
        source: the name messages give the file (default: ``path``).
        max_bytes: the size limit (default: :func:`max_article_bytes`, 2 MB).

    A file that loads but looks wrong (e.g. cut short) gives a :class:`~kit.errors.KitWarning`.
    """
    if type(path) is not _PATH_TYPE:
        path = Path(path)
    label = source or str(path)
    data = _read_bytes(path, label, max_article_bytes(max_bytes))
    text = decode_article_bytes(data, label, encoding)
    return parse_article(text, source=label, path=path, article_id=path.stem)


# ------------------------------------------------------------------------------------
# Parsing
# ------------------------------------------------------------------------------------
def parse_article(text: str, source: str = "<text>", path: Path | None = None,
                  article_id: str | None = None) -> Article:
    """Parse the text of one article (see the module docstring for the format).

    Args:
        text: the whole article, English part then Chinese part.
        source: the name used in error messages (a file name).
        path: the file it was read from, if any.
        article_id: the id; defaults to the stem of ``source``.

    Raises:
        ArticleFormatError: naming ``source`` and the line, saying what was expected.

    A last Chinese paragraph that ends without closing punctuation (the file may be cut
    short) is loaded, and a :class:`~kit.errors.KitWarning` naming the file and the line
    is issued.
    """
    fields = parse_fields(text, source)
    if path is not None and type(path) is not _PATH_TYPE:
        path = Path(path)
    article = Article(id=article_id or Path(source).stem, path=path, **fields)
    for warning in article.warnings:
        _warnings.warn(warning, stacklevel=2)
    return article


def format_warnings(article: Article, source: str | None = None) -> list[KitWarning]:
    """What ``python -m kit check`` reports about an article that loads: its ``warnings`` (a
    last paragraph cut short), and headline text left at the start of the Chinese body.

    ``source`` names the file in the messages (default: the article's path).
    """
    source = source or str(article.path or article.id)
    found = [w if w.path == source else KitWarning(w.reason, source, w.line) for w in article.warnings]
    lines = article.source_lines.get("paragraphs_zh") or (None,)
    left = headline_left(article.title_zh, article.headline_zh, article.paragraphs_zh[0], source, lines[0])
    return found + ([left] if left else [])
