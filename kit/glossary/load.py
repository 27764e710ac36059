"""Loading and checking ``glossary.yaml``: every error names the file, the line and the field.

    >>> pinyin_problem("gōnghuì") is None
    True
    >>> pinyin_problem("gong1hui4")
    'it uses tone numbers; write tone marks instead (gōnghuì, not gong1hui4)'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from .._data import data_path
from .._yaml import LineDict, load_entries
from ..errors import GlossaryError, did_you_mean
from ..sources import parse_sources
from ..text import has_han, strip_tones, tone_numbers
from .collection import Glossary
from .model import CATEGORIES, Term

__all__ = ["load_glossary", "clear_caches", "pinyin_problem", "REQUIRED_FIELDS", "OPTIONAL_FIELDS"]

#: Every term has these fields ...
REQUIRED_FIELDS = ("id", "zh", "pinyin", "en", "category", "gloss", "note", "sources")
#: ... and may have these lists.
OPTIONAL_FIELDS = ("variants_zh", "aliases_en", "related")
_TEXT_FIELDS = ("id", "zh", "pinyin", "en", "category", "gloss", "note")
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_INITIALS = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINALS = ("iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|van|ai|ei|ao|ou|an|en|er|ia|ie|"
           "iu|in|ua|uo|ui|un|ün|vn|üe|ve|ue|a|o|e|i|u|ü|v|ê")
_SYLLABLE = f"{_INITIALS}(?:{_FINALS})r?"
_WORD_RE = re.compile(f"^(?:{_SYLLABLE})+$")


def pinyin_problem(pinyin: str) -> str | None:
    """Why ``pinyin`` is not tone-marked pinyin, or None when it is."""
    text = unicodedata.normalize("NFC", pinyin)
    if re.search(r"[1-5]", text):
        return "it uses tone numbers; write tone marks instead (gōnghuì, not gong1hui4)"
    if not tone_numbers(text):
        return "it has no tone marks (write e.g. 'gōnghuì', not 'gonghui')"
    for word in re.split(r"[\s\-']+", text.strip()):
        if not word:
            continue
        plain = strip_tones(word).lower()
        if not re.fullmatch(r"[a-zü]+", plain) or not _WORD_RE.match(plain):
            return f"'{word}' is not made of pinyin syllables"
    return None


@functools.lru_cache(maxsize=1)  # one default glossary per session
def _default_glossary() -> Glossary:
    return _read(data_path("glossary.yaml"))


def clear_caches() -> None:
    """Forget the default glossary, so the next :func:`load_glossary` reads the file again."""
    _default_glossary.cache_clear()


def load_glossary(path: str | Path | None = None) -> Glossary:
    """Load and check a glossary file (default: the kit's ``kit/data/glossary.yaml``).

    The default glossary is read once and then reused.

    Raises:
        GlossaryError: the file is malformed; the message names the file, the line and
        the field, says what was expected and how to fix it.

    >>> load_glossary() is load_glossary()
    True
    """
    if path is None:
        return _default_glossary()
    return _read(Path(path))


def _read(path: Path) -> Glossary:
    shown, entries = load_entries(path, "terms", GlossaryError)
    terms: list[Term] = []
    seen_ids: dict[str, int] = {}
    seen_zh: dict[str, tuple[str, int]] = {}
    for entry, line in entries:
        term = _term_from(entry, shown, line)
        if term.id in seen_ids:
            raise GlossaryError(f"the id '{term.id}' is used twice (first on line {seen_ids[term.id]}); "
                                "give each term its own id", path=shown, line=entry.key_line("id"),
                                field="id")
        seen_ids[term.id] = term.line
        for form, fld in [(term.zh, "zh")] + [(v, "variants_zh") for v in term.variants_zh]:
            if form in seen_zh:
                other, other_line = seen_zh[form]
                raise GlossaryError(
                    f"term '{term.id}': the Chinese form '{form}' already belongs to term '{other}' "
                    f"(line {other_line}); a Chinese form may name only one term", path=shown,
                    line=entry.key_line(fld), field=fld)
            seen_zh[form] = (term.id, term.line)
        terms.append(term)
    _check_related(entries, terms, list(seen_ids), shown)
    return Glossary(terms, path=path)


def _check_related(entries, terms: list[Term], ids: list[str], shown: str) -> None:
    for (entry, _), term in zip(entries, terms):
        for rid in term.related:
            if rid not in ids:
                hint = did_you_mean(rid, ids, style="clause") or "; use the id of an existing term"
                raise GlossaryError(f"term '{term.id}': related id '{rid}' is not a term in the "
                                    f"glossary{hint}", path=shown, line=entry.key_line("related"),
                                    field="related")


class _EntryChecker:
    """Raises a :class:`GlossaryError` about one entry, at the line of the field at fault."""

    def __init__(self, entry: LineDict, path: str):
        self.entry, self.path = entry, path
        name = entry.get("id") if isinstance(entry.get("id"), str) else "?"
        self.where = f"term '{name}'"

    def fail(self, reason: str, fld: str | None, at: int | None = None):
        line = at or (self.entry.key_line(fld) if fld else self.entry.line)
        raise GlossaryError(f"{self.where}: {reason}", path=self.path, line=line, field=fld)

    def fields(self) -> None:
        entry, known = self.entry, REQUIRED_FIELDS + OPTIONAL_FIELDS
        for key in entry:
            if key not in known:
                hint = did_you_mean(key, known, style="paren")
                self.fail(f"unknown field '{key}'{hint}; the fields are: {', '.join(known)}", key)
        for fld in REQUIRED_FIELDS:
            if fld not in entry or entry[fld] in (None, "", []):
                self.fail(f"the field '{fld}' is missing or empty; every term needs "
                          f"{', '.join(REQUIRED_FIELDS)}", fld, entry.line)
        for fld in _TEXT_FIELDS:
            if not isinstance(entry[fld], str):
                self.fail(f"'{fld}' must be text, found {entry[fld]!r}", fld)

    def values(self) -> None:
        entry = self.entry
        term_id = entry["id"].strip()
        if not _ID_RE.match(term_id):
            self.fail(f"the id '{term_id}' must be lower-case ASCII words joined by hyphens, "
                      "like 'dongbei-zonggonghui'", "id")
        if not has_han(entry["zh"]):
            self.fail(f"'zh' must be Chinese characters, found {entry['zh']!r}", "zh")
        category = entry["category"].strip()
        if category not in CATEGORIES:
            self.fail(f"unknown category '{category}'; use one of: {', '.join(CATEGORIES)}",
                      "category")
        problem = pinyin_problem(entry["pinyin"])
        if problem:
            self.fail(f"the pinyin '{entry['pinyin']}' is not tone-marked pinyin: {problem}",
                      "pinyin")
        if "\n" in entry["gloss"].strip():
            self.fail("'gloss' must be one line; put longer text in 'note'", "gloss")

    def lists(self) -> dict[str, tuple[str, ...]]:
        lists = {}
        for fld in OPTIONAL_FIELDS:
            value = self.entry.get(fld) or []
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                self.fail(f"'{fld}' must be a list of text items, like [a, b], found {value!r}", fld)
            lists[fld] = tuple(v.strip() for v in value)
        for form in lists["variants_zh"]:
            if not has_han(form):
                self.fail(f"the variant {form!r} in 'variants_zh' has no Chinese characters",
                          "variants_zh")
        if self.entry["id"].strip() in lists["related"]:
            self.fail("a term cannot be related to itself", "related")
        return lists


def _term_from(entry, path: str, line: int | None) -> Term:
    if not isinstance(entry, LineDict):
        raise GlossaryError(f"expected a term (a mapping with id, zh, pinyin, ...), found "
                            f"{type(entry).__name__} {entry!r}", path=path, line=line)
    check = _EntryChecker(entry, path)
    check.fields()
    check.values()
    lists = check.lists()
    sources = parse_sources(entry, check.where, path, GlossaryError)
    return Term(id=entry["id"].strip(), zh=entry["zh"].strip(), pinyin=entry["pinyin"].strip(),
                en=entry["en"].strip(), category=entry["category"].strip(),
                gloss=entry["gloss"].strip(), note=" ".join(entry["note"].split()),
                sources=sources, variants_zh=lists["variants_zh"],
                aliases_en=lists["aliases_en"], related=lists["related"],
                line=line or entry.line)
