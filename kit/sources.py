"""Sources: where a fact in the kit's data files comes from, and how to cite it.

Glossary terms, timeline events and translator's notes each carry ``sources:``, a list of
mappings with a title and a url, or a title, an author and a year (``publisher``, ``note`` and
``kind`` are optional). ``kind`` says what sort of evidence the source is (see :data:`KINDS`):
``primary`` (the period press and documents of the time), ``scholarly`` (a book or journal
article), ``reference`` (an encyclopaedia or dictionary) or ``weak`` (a mirror, forum, popular or
commemorative page). A figure that only primary or weak sources give is a claim of those
sources, and the kit words it as one (docs/sourcing.md)::

    >>> Source("Model worker", url="https://en.wikipedia.org/wiki/Model_worker").citation()
    'Model worker. https://en.wikipedia.org/wiki/Model_worker'
    >>> Source("中共中央东北局", author="戴茂林, 李波", year=2010).citation()
    '戴茂林, 李波 (2010). 中共中央东北局.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._yaml import LineDict
from .errors import did_you_mean

__all__ = ["CLAIM_ONLY_KINDS", "FIELDS", "KINDS", "Source", "parse_sources"]

#: The fields a source may have.
FIELDS = ("title", "url", "author", "year", "publisher", "note", "kind")

#: The kinds of source, with what each means (shown to students next to a source).
KINDS = {
    "primary": "period press or document of the time",
    "scholarly": "book or journal article",
    "reference": "encyclopaedia or dictionary",
    "weak": "mirror, forum, popular or commemorative page",
}

#: Kinds whose figures are claims of the source: the kit writes "was reported", "according to".
CLAIM_ONLY_KINDS = frozenset({"primary", "weak"})

_URL_RE = re.compile(r"https?://\S+$")


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: a title plus a URL, or a title with an author and a year."""

    title: str
    url: str | None = None
    author: str | None = None
    year: int | str | None = None
    publisher: str | None = None
    note: str | None = None
    kind: str | None = None

    @property
    def kind_label(self) -> str:
        """The kind with its meaning, for a table or a card ("" when no kind is recorded).

        >>> Source("A page", url="https://example.org", kind="weak").kind_label
        'weak: mirror, forum, popular or commemorative page'
        """
        return f"{self.kind}: {KINDS[self.kind]}" if self.kind in KINDS else ""

    def citation(self) -> str:
        """The source as one line of text, ready for a bibliography, a table or a card.

        >>> Source("Seed B", author="People's Daily", year=1952, note="page 2.").citation()
        "People's Daily (1952). Seed B. page 2."
        """
        lead = self.author or ""
        if self.year is not None:
            lead = f"{lead} ({self.year})".strip()
        parts = [lead + "."] if lead else []
        parts += [text.rstrip(".") + "." for text in (self.title, self.publisher, self.note) if text]
        if self.url:
            parts.append(self.url)
        return " ".join(parts)


def parse_sources(entry: LineDict, owner: str, source_path: str, error_cls) -> tuple[Source, ...]:
    """The checked ``sources:`` of one data-file entry.

    Args:
        entry: the entry (a mapping from :func:`kit._yaml.load_yaml`) with a ``sources`` key.
        owner: how messages name the entry, e.g. ``"event 'five-anti-launched'"``.
        source_path: the file as messages show it.
        error_cls: the :class:`~kit.errors.DataFileError` subclass to raise.

    Raises:
        error_cls: naming the file, the line and the field ``sources`` when the list is
        empty, a source is not a mapping, lacks a title, has an unknown field, an unknown
        ``kind`` or a url that is not http(s), or has neither a url nor an author and a year.

    >>> from kit._yaml import loads_yaml
    >>> from kit.errors import TimelineError
    >>> entry = loads_yaml("sources:\\n  - title: A page\\n    url: example.org\\n")
    >>> parse_sources(entry, "event 'x'", "t.yaml", TimelineError)
    Traceback (most recent call last):
    ...
    kit.errors.TimelineError: t.yaml, line 3: event 'x': source 1 has the url 'example.org'; a url starts with http:// or https:// and has no spaces
    >>> entry = loads_yaml("sources:\\n  - title: A page\\n    url: https://example.org\\n    kind: primery\\n")
    >>> parse_sources(entry, "event 'x'", "t.yaml", TimelineError)
    Traceback (most recent call last):
    ...
    kit.errors.TimelineError: t.yaml, line 4: event 'x': source 1 has the unknown kind 'primery' (did you mean 'primary'?); kinds are: primary, scholarly, reference, weak
    """
    def fail(reason: str, line: int):
        raise error_cls(f"{owner}: {reason}", path=source_path, line=line, field="sources")

    raw = entry["sources"]
    if not isinstance(raw, list) or not raw:
        fail("'sources' must be a list with at least one source (a title and a url, "
             "or a title, an author and a year)", entry.key_line("sources"))
    lines = getattr(raw, "item_lines", [])
    out = []
    for n, src in enumerate(raw, 1):
        at = lines[n - 1] if n <= len(lines) else entry.key_line("sources")
        if not isinstance(src, LineDict):
            fail(f"source {n} must be a mapping with a title and a url (or an author and a year), "
                 f"found {src!r}", at)
        for key in src:
            if key not in FIELDS:
                fail(f"source {n} has an unknown field '{key}'; source fields are: "
                     f"{', '.join(FIELDS)}", src.key_line(key))
        title = src.get("title")
        if not isinstance(title, str) or not title.strip():
            fail(f"source {n} has no title; every source needs a title and a url "
                 "(or an author and a year)", at)
        url = src.get("url")
        has_url = isinstance(url, str) and _URL_RE.match(url.strip())
        if url is not None and not has_url:
            fail(f"source {n} has the url {url!r}; a url starts with http:// or https:// "
                 "and has no spaces", src.key_line("url"))
        if not has_url and not (src.get("author") and src.get("year")):
            fail(f"source {n} ('{title.strip()}') needs a url, or an author and a year", at)
        kind = src.get("kind")
        if kind is not None and kind not in KINDS:
            fail(f"source {n} has the unknown kind {kind!r}"
                 f"{did_you_mean(kind, KINDS, style='paren')}; kinds are: {', '.join(KINDS)}",
                 src.key_line("kind"))
        out.append(Source(title=title.strip(), url=url.strip() if has_url else None,
                          author=_text_or_none(src.get("author")), year=src.get("year"),
                          publisher=_text_or_none(src.get("publisher")),
                          note=_text_or_none(src.get("note")), kind=kind))
    return tuple(out)


def _text_or_none(value) -> str | None:
    return str(value).strip() if value not in (None, "") else None
