"""The glossary: sourced terms of the 1950s emulation campaigns, linked to the articles.

``kit/data/glossary.yaml`` holds the terms (people, bodies, places, campaigns, techniques
and political vocabulary), each with pinyin, English, a gloss, a note of historical context
and its sources. This module loads and checks that file, finds the terms in articles in
both languages, searches them, and exports them (table, CSV, Anki deck, printable handout)::

    >>> glossary = load_glossary()
    >>> term = glossary["zengchan-jieyue-yundong"]
    >>> term.zh, term.pinyin, term.category
    ('增产节约运动', 'zēngchǎn jiéyuē yùndòng', 'campaign')
    >>> [t.id for t in glossary.search("gonghui")][:1]
    ['gonghui']
    >>> glossary["dongbei-zonggonghu"]
    Traceback (most recent call last):
    ...
    kit.glossary.UnknownTermError: no term with the id 'dongbei-zonggonghu' in the glossary; did you mean 'dongbei-zonggonghui'? (glossary.ids lists every id; glossary.search('...') finds terms by Chinese, pinyin or English)
"""

from __future__ import annotations

import csv
import difflib
import functools
import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ._data import data_path
from ._yaml import LineDict, load_entries
from .errors import GlossaryError, KitError, UnknownIdError
from .language import _has_han, _strip_tones, _tones
from .sources import Source, parse_sources

__all__ = [
    "CATEGORIES",
    "Source",
    "Term",
    "Occurrence",
    "Glossary",
    "UnknownTermError",
    "load_glossary",
]

#: The categories a term may have, in the order the kit lists them.
CATEGORIES = ("organisation", "person", "place", "campaign", "technique", "concept", "role", "genre")

_REQUIRED = ("id", "zh", "pinyin", "en", "category", "gloss", "note", "sources")
_OPTIONAL = ("variants_zh", "aliases_en", "related")
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# --------------------------------------------------------------------------------------------
# Pinyin helpers
# --------------------------------------------------------------------------------------------

_INITIALS = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINALS = ("iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|van|ai|ei|ao|ou|an|en|er|ia|ie|"
           "iu|in|ua|uo|ui|un|ün|vn|üe|ve|ue|a|o|e|i|u|ü|v|ê")
_SYLLABLE = f"{_INITIALS}(?:{_FINALS})r?"
_WORD_RE = re.compile(f"^(?:{_SYLLABLE})+$")


def _pinyin_key(text: str) -> str:
    """Letters only, lower case, no tones, ü and v as u: the key toneless searches compare."""
    text = _strip_tones(unicodedata.normalize("NFC", text)).lower()
    return "".join("u" if ch in "üv" else ch for ch in text if "a" <= ch <= "z" or ch in "üv")


def _pinyin_problem(pinyin: str) -> str | None:
    """Why ``pinyin`` is not tone-marked pinyin, or None when it is."""
    text = unicodedata.normalize("NFC", pinyin)
    if re.search(r"[1-5]", text):
        return "it uses tone numbers; write tone marks instead (gōnghuì, not gong1hui4)"
    if not _tones(text):
        return "it has no tone marks (write e.g. 'gōnghuì', not 'gonghui')"
    for word in re.split(r"[\s\-']+", text.strip()):
        if not word:
            continue
        plain = _strip_tones(word).lower()
        if not re.fullmatch(r"[a-zü]+", plain) or not _WORD_RE.match(plain):
            return f"'{word}' is not made of pinyin syllables"
    return None


# --------------------------------------------------------------------------------------------
# Data classes
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One glossary entry. ``sources`` are :class:`Source`; ``related`` are term ids."""

    id: str
    zh: str
    pinyin: str
    en: str
    category: str
    gloss: str
    note: str
    sources: tuple[Source, ...]
    variants_zh: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    line: int | None = field(default=None, compare=False, repr=False)

    @property
    def zh_forms(self) -> tuple[str, ...]:
        """The Chinese form and its variants."""
        return (self.zh,) + tuple(v for v in self.variants_zh if v != self.zh)

    @property
    def en_forms(self) -> tuple[str, ...]:
        """The preferred English and the aliases, without repeats (case-insensitive)."""
        seen, out = set(), []
        for form in (self.en,) + self.aliases_en:
            if form.lower() not in seen:
                seen.add(form.lower())
                out.append(form)
        return tuple(out)

    @property
    def pinyin_toneless(self) -> str:
        """The pinyin without tone marks, e.g. ``'Dongbei Zonggonghui'``."""
        return _strip_tones(self.pinyin)

    def __repr__(self) -> str:
        return f"<Term {self.id}: {self.zh} {self.pinyin} '{self.en}' ({self.category})>"

    def _repr_html_(self) -> str:
        e = html.escape
        return (f"<div><b lang='zh-Hans'>{e(self.zh)}</b> <i>{e(self.pinyin)}</i> — "
                f"<span lang='en'>{e(self.en)}</span> <small>({e(self.category)})</small>"
                f"<p lang='en'>{e(self.gloss)}</p><p lang='en'><small>{e(self.note)}</small></p></div>")


@dataclass(frozen=True)
class Occurrence:
    """Where a term occurs in an article.

    ``paragraph`` indexes ``article.paragraphs_zh`` or ``article.paragraphs_en`` (by
    ``lang``) when ``part == "body"``; for the title (``part="title"``: the Chinese headline
    or the English title) and the column name (``part="column"``) it is None. ``start``
    and ``end`` are character offsets in that text, so ``text == source[start:end]``.
    Matches never overlap, except ``nested`` ones: a shorter term inside a longer one (郝建秀
    inside 郝建秀工作法), reported so that every term present is found; ``within`` then names
    the enclosing term. Views that highlight text should skip nested occurrences.
    """

    term_id: str
    article_id: str
    lang: str
    paragraph: int | None
    start: int
    end: int
    text: str
    part: str = "body"
    nested: bool = False
    within: str | None = None


class UnknownTermError(UnknownIdError):
    """A term id (or Chinese form) that the glossary does not have."""


# --------------------------------------------------------------------------------------------
# Matching terms in text
# --------------------------------------------------------------------------------------------

_PART_RANK = {"title": 0, "column": 1, "body": 2, "text": 3}


class _Matcher:
    """Finds glossary forms in Chinese or English text: longest match first, no overlaps."""

    def __init__(self, terms: Iterable[Term]):
        self.zh: dict[str, str] = {}
        self.en: dict[str, str] = {}
        for term in terms:
            for form in term.zh_forms:
                self.zh.setdefault(form, term.id)
            for form in term.en_forms:
                self.en.setdefault(form.lower(), term.id)
        self.zh_lengths = sorted({len(f) for f in self.zh}, reverse=True)
        self.en_re = self._compile(self.en)
        self._en_form_res: dict[str, re.Pattern | None] = {}

    @staticmethod
    def _compile(forms) -> re.Pattern | None:
        forms = sorted(forms, key=len, reverse=True)
        if not forms:
            return None
        return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(_en_pattern(f) for f in forms)
                          + r")(?![A-Za-z0-9])", re.IGNORECASE)

    def _zh_candidates(self, text: str, exclude: str | None) -> list[tuple[str, int, int]]:
        out = []
        for i in range(len(text)):
            for length in self.zh_lengths:  # longest first: one candidate per position
                tid = self.zh.get(text[i:i + length]) if i + length <= len(text) else None
                if tid is not None and tid != exclude:
                    out.append((tid, i, i + length))
                    break
        return out

    def _en_candidates(self, text: str, exclude: str | None) -> list[tuple[str, int, int]]:
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

    def _en_nested(self, text: str, exclude: str) -> list[tuple[str, int, int]]:
        """Forms of other terms inside a matched span (short text): one small pattern per form."""
        if not self._en_form_res:
            self._en_form_res = {f: self._compile([f]) for f in self.en}
        best: dict[int, tuple[str, int, int]] = {}
        for form, pattern in self._en_form_res.items():
            tid = self.en[form]
            if tid == exclude or form not in text.lower().replace("’", "'"):
                continue
            for m in pattern.finditer(text):
                if m.start() not in best or m.end() > best[m.start()][2]:
                    best[m.start()] = (tid, m.start(), m.end())
        return [best[k] for k in sorted(best)]

    @staticmethod
    def _select(candidates: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """Longest matches win; the rest must not overlap them."""
        taken: list[tuple[str, int, int]] = []
        for tid, s, e in sorted(candidates, key=lambda c: (c[1] - c[2], c[1])):
            if all(e <= ts or s >= te for _, ts, te in taken):
                taken.append((tid, s, e))
        return sorted(taken, key=lambda c: c[1])

    def matches(self, text: str, lang: str) -> list[tuple[str, int, int, bool, str | None]]:
        """``(term_id, start, end, nested, within)`` for every match, in text order."""
        candidates = self._zh_candidates if lang == "zh" else self._en_candidates
        out = []
        for tid, start, end in self._select(candidates(text, None)):
            out.append((tid, start, end, False, None))
            inner = [(t, s, e) for t, s, e in candidates(text[start:end], tid)]
            for t, s, e in self._select(inner):
                out.append((t, start + s, start + e, True, tid))
        return out


def _en_key(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).lower()


def _en_pattern(form: str) -> str:
    parts = [re.escape(p).replace("'", "['’]") for p in form.split()]
    return r"\s+".join(parts)


def _check_lang(lang: str) -> None:
    if lang not in ("zh", "en"):
        raise KitError(f"lang must be 'zh' or 'en', not {lang!r}")


def _article_texts(article) -> Iterator[tuple[str, str, int | None, str]]:
    """``(lang, part, paragraph, text)`` for the searchable texts of an article."""
    yield "zh", "title", None, article.headline
    yield "zh", "column", None, article.column_zh or ""
    for i, p in enumerate(article.paragraphs_zh):
        yield "zh", "body", i, p
    yield "en", "title", None, article.title_en
    yield "en", "column", None, article.column_en or ""
    for i, p in enumerate(article.paragraphs_en):
        yield "en", "body", i, p


def _is_article(obj) -> bool:
    return hasattr(obj, "paragraphs_zh") and hasattr(obj, "paragraphs_en")


def _sentence_around(text: str, start: int, end: int, lang: str) -> str:
    """The sentence of ``text`` that contains ``text[start:end]``."""
    enders = "。！？；" if lang == "zh" else ".!?;"
    left = max((text.rfind(ch, 0, start) for ch in enders), default=-1)
    rights = [i for i in (text.find(ch, end) for ch in enders) if i != -1]
    right = min(rights) + 1 if rights else len(text)
    return text[left + 1:right].strip()


# --------------------------------------------------------------------------------------------
# The glossary
# --------------------------------------------------------------------------------------------

_ANKI_NAMESPACE = "kit.glossary.anki/v1"
ANKI_DECK_ID = int(hashlib.sha1(f"{_ANKI_NAMESPACE}:deck".encode()).hexdigest()[:8], 16)
ANKI_MODEL_ID = int(hashlib.sha1(f"{_ANKI_NAMESPACE}:model".encode()).hexdigest()[:8], 16)

_HANDOUT_CSS = """
@page { size: A4; margin: 15mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
       "Noto Sans", "DejaVu Sans", sans-serif; font-size: 11pt; color: #111; margin: 1.5em; }
header { border-bottom: 2px solid #333; margin-bottom: 1em; }
h1 { font-size: 16pt; margin: 0 0 .2em; }
.title-en { font-style: italic; margin: 0 0 .3em; }
.citation { font-size: 9pt; color: #444; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #bbb; padding: .35em .4em; vertical-align: top; text-align: left; }
th { background: #eee; }
td.zh { font-size: 14pt; white-space: nowrap; }
td.py { font-style: italic; white-space: nowrap; }
.context { font-size: 9pt; color: #333; margin-top: .3em; }
.cat { font-size: 8pt; color: #666; text-transform: uppercase; }
footer { margin-top: 1.5em; font-size: 8pt; color: #555; }
@media print { body { margin: 0; } tr { page-break-inside: avoid; } th { background: none; } }
"""


class Glossary:
    """The terms of ``glossary.yaml``: iterate, ``len()``, ``glossary[id]``, find, search, export.

    >>> g = load_glossary()
    >>> len(g) >= 60, "campaign" in g.categories
    (True, True)
    >>> g["东北总工会"].en                       # a Chinese form works as a key too
    'Northeast Federation of Trade Unions'
    """

    def __init__(self, terms: Iterable[Term], path: str | Path | None = None):
        self._terms = tuple(terms)
        self._by_id = {t.id: t for t in self._terms}
        self._by_zh = {}
        for t in self._terms:
            for form in t.zh_forms:
                self._by_zh.setdefault(form, t)
        self.path = Path(path) if path is not None else None
        self._matcher: _Matcher | None = None

    # -- the collection --------------------------------------------------------------------
    @property
    def terms(self) -> tuple[Term, ...]:
        """All terms, in file order."""
        return self._terms

    @property
    def ids(self) -> list[str]:
        """All term ids, in file order."""
        return [t.id for t in self._terms]

    @property
    def categories(self) -> tuple[str, ...]:
        """The categories that have terms, in the order of :data:`CATEGORIES`."""
        present = {t.category for t in self._terms}
        return tuple(c for c in CATEGORIES if c in present)

    def by_category(self, category: str) -> list[Term]:
        """The terms of one category (see :data:`CATEGORIES`).

        >>> [t.zh for t in load_glossary().by_category("place")]
        ['东北', '沈阳', '青岛']
        """
        if category not in CATEGORIES:
            close = difflib.get_close_matches(str(category), CATEGORIES, n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise KitError(f"unknown category {category!r}; the categories are: "
                           f"{', '.join(CATEGORIES)}.{hint}")
        return [t for t in self._terms if t.category == category]

    def __iter__(self) -> Iterator[Term]:
        return iter(self._terms)

    def __len__(self) -> int:
        return len(self._terms)

    def __contains__(self, key) -> bool:
        return key in self._by_id or key in self._by_zh

    def __getitem__(self, key: str) -> Term:
        if key in self._by_id:
            return self._by_id[key]
        if key in self._by_zh:
            return self._by_zh[key]
        close = difflib.get_close_matches(str(key), list(self._by_id), n=3, cutoff=0.8)
        if close:
            names = [f"'{c}'" for c in close]
            hint = "did you mean " + (", ".join(names[:-1]) + " or " if len(names) > 1 else "") + names[-1] + "?"
        else:
            hint = "no id is close to it."
        raise UnknownTermError(
            f"no term with the id {key!r} in the glossary; {hint} (glossary.ids lists every id; "
            f"glossary.search('...') finds terms by Chinese, pinyin or English)")

    def get(self, key: str, default=None):
        """``glossary[key]``, or ``default`` when there is no such term."""
        try:
            return self[key]
        except UnknownTermError:
            return default

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(self.by_category(c))} {c}" for c in self.categories)
        return f"<Glossary of {len(self)} terms: {counts}>"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td lang='zh-Hans'>{html.escape(t.zh)}</td><td>{html.escape(t.pinyin)}</td>"
            f"<td>{html.escape(t.en)}</td><td>{html.escape(t.category)}</td></tr>"
            for t in self._terms[:10])
        more = f"<p>… ({len(self) - 10} more terms)</p>" if len(self) > 10 else ""
        return (f"<p>Glossary of {len(self)} terms</p><table><tr><th>Chinese</th><th>Pinyin</th>"
                f"<th>English</th><th>Category</th></tr>{rows}</table>{more}")

    # -- finding terms in articles ---------------------------------------------------------
    @property
    def _match(self) -> _Matcher:
        if self._matcher is None:
            self._matcher = _Matcher(self._terms)
        return self._matcher

    def find_text(self, text: str, lang: str) -> list[Occurrence]:
        """The terms in one piece of text (``lang`` is ``'zh'`` or ``'en'``).

        >>> [(o.term_id, o.text, o.nested) for o in load_glossary().find_text("推广郝建秀工作法", "zh")]
        [('tuiguang', '推广', False), ('hao-jianxiu-gongzuofa', '郝建秀工作法', False), ('hao-jianxiu', '郝建秀', True)]
        """
        _check_lang(lang)
        return [Occurrence(tid, "", lang, None, s, e, text[s:e], "text", nested, within)
                for tid, s, e, nested, within in self._match.matches(text, lang)]

    def find(self, articles, lang: str | None = None) -> list[Occurrence]:
        """Every occurrence of every term in an article, a corpus or a list of articles.

        Chinese: the term's form and its variants, longest match first (增产节约运动
        rather than 增产节约). English: the preferred English and the aliases,
        case-insensitive, whole words, longest match first. The headline/title and the
        column name are searched as well as the body (see :class:`Occurrence`).

        Args:
            articles: an ``Article``, a ``Corpus`` or any iterable of articles.
            lang: ``'zh'`` or ``'en'`` for one language only; both by default.

        Returns:
            Occurrences ordered by article, language (zh, en), title/column/body,
            paragraph and position.

        >>> import kit
        >>> article = kit.load_corpus()["000_7ca6473d3635779a"]
        >>> occ = [o for o in load_glossary().find(article) if o.term_id == "gaosu-qiexiaofa"]
        >>> [(o.lang, o.paragraph, o.text) for o in occ]
        [('zh', 1, '高速切削法'), ('en', 1, 'high-speed cutting methods')]
        """
        if lang is not None:
            _check_lang(lang)
        if _is_article(articles):
            articles = [articles]
        elif isinstance(articles, (str, bytes)) or not hasattr(articles, "__iter__"):
            raise KitError("find() takes an article, a corpus or a list of articles "
                           f"(got {type(articles).__name__}); for plain text use "
                           "glossary.find_text(text, 'zh')")
        out: list[Occurrence] = []
        for article in articles:
            if not _is_article(article):
                raise KitError(f"find() expected articles, got {type(article).__name__}")
            for text_lang, part, paragraph, text in _article_texts(article):
                if lang is not None and text_lang != lang:
                    continue
                for tid, s, e, nested, within in self._match.matches(text, text_lang):
                    out.append(Occurrence(tid, article.id, text_lang, paragraph, s, e, text[s:e],
                                          part, nested, within))
        return out

    # -- searching -------------------------------------------------------------------------
    def search(self, query: str, limit: int | None = None) -> list[Term]:
        """Terms matching a query in Chinese, pinyin (with or without tones) or English.

        Pinyin may be toneless with or without spaces (``gongyouzhi``, ``Hao Jianxiu``),
        tone-marked (``gōnghuì``) or tone-numbered (``gong1hui4``). Exact matches come first.

        >>> g = load_glossary()
        >>> [t.id for t in g.search("Hao Jianxiu")][:3]
        ['hao-jianxiu', 'hao-jianxiu-xiaozu', 'hao-jianxiu-gongzuofa']
        >>> g.search("增产节约")[0].id
        'zengchan-jieyue-yundong'
        >>> g.search("cadre")[0].zh
        '干部'
        """
        query = unicodedata.normalize("NFC", (query or "").strip())
        if not query:
            return []
        scored = []
        for index, term in enumerate(self._terms):
            score = _score(term, query)
            if score > 0:
                scored.append((-score, len(term.zh), index, term))
        scored.sort(key=lambda item: item[:3])
        found = [item[3] for item in scored]
        return found[:limit] if limit is not None else found

    # -- exports ---------------------------------------------------------------------------
    def to_frame(self):
        """A pandas DataFrame with one row per term (lists joined by ``'; '``).

        >>> frame = load_glossary().to_frame()
        >>> list(frame.columns[:4])
        ['id', 'zh', 'pinyin', 'en']
        """
        import pandas as pd

        rows = []
        for t in self._terms:
            rows.append({
                "id": t.id, "zh": t.zh, "pinyin": t.pinyin, "en": t.en, "category": t.category,
                "gloss": t.gloss, "note": t.note,
                "variants_zh": "; ".join(t.variants_zh),
                "aliases_en": "; ".join(t.aliases_en),
                "related": "; ".join(t.related),
                "sources": " | ".join(s.citation() for s in t.sources),
            })
        return pd.DataFrame(rows, columns=["id", "zh", "pinyin", "en", "category", "gloss", "note",
                                           "variants_zh", "aliases_en", "related", "sources"])

    def to_csv(self, path: str | Path) -> Path:
        """Write the table of :meth:`to_frame` as UTF-8 CSV (with a BOM, so Excel shows Chinese)."""
        path = Path(path)
        frame = self.to_frame()
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(list(frame.columns))
            writer.writerows(frame.itertuples(index=False, name=None))
        return path

    def examples(self, corpus=None) -> dict[str, tuple[str, str, str]]:
        """For each term, the first aligned sentence pair where it occurs: ``(zh, en, citation)``.

        Sentences come from ``article.sentence_pairs()``, then the title and the column name;
        ``corpus`` defaults to the project's seeds.
        """
        if corpus is None:
            from .corpus import load_corpus

            corpus = load_corpus()
        articles = [corpus] if _is_article(corpus) else list(corpus)
        found: dict[str, tuple[str, str, str]] = {}
        for article in articles:
            pairs = [(" ".join(en), "".join(zh)) for en, zh in article.sentence_pairs()]
            pairs += [(article.title_en, article.headline), (article.column_en, article.column_zh)]
            for en, zh in pairs:  # the body's sentences first, then the title and the column
                zh_ids = {m[0] for m in self._match.matches(zh or "", "zh")}
                en_ids = {m[0] for m in self._match.matches(en or "", "en")}
                for tid in zh_ids | en_ids:
                    if tid not in found:
                        found[tid] = (zh, en, article.citation())
        return found

    def to_anki(self, path: str | Path, corpus=None) -> Path:
        """Write an Anki deck (.apkg): Chinese and pinyin on the front; English, gloss, note,
        a first example in both languages and its citation on the back.

        The deck and note-type ids are fixed and each note's GUID comes from its term id,
        so importing a newer deck updates the cards instead of duplicating them.
        """
        import genanki

        e = html.escape
        examples = self.examples(corpus)
        model = genanki.Model(
            ANKI_MODEL_ID,
            "Kit glossary term (Chinese → English)",
            fields=[{"name": n} for n in ("Chinese", "Pinyin", "English", "Gloss", "Note",
                                          "ExampleZh", "ExampleEn", "Citation", "Category", "Id")],
            templates=[{
                "name": "Chinese → English",
                "qfmt": "<div class='zh' lang='zh-Hans'>{{Chinese}}</div><div class='py'>{{Pinyin}}</div>",
                "afmt": ("{{FrontSide}}<hr id='answer'><div class='en' lang='en'>{{English}}</div>"
                         "<div class='cat'>{{Category}}</div><p lang='en'>{{Gloss}}</p>"
                         "<p class='note' lang='en'>{{Note}}</p>"
                         "{{#ExampleZh}}<div class='ex'><p lang='zh-Hans'>{{ExampleZh}}</p>"
                         "<p lang='en'>{{ExampleEn}}</p><p class='cite'>{{Citation}}</p></div>{{/ExampleZh}}"),
            }],
            css=(".card { font-family: sans-serif; font-size: 18px; text-align: center; }"
                 ".zh { font-size: 40px; } .py { font-size: 22px; font-style: italic; }"
                 ".en { font-size: 24px; font-weight: bold; } .cat { font-size: 12px; color: #666; }"
                 ".note, .ex { font-size: 15px; text-align: left; } .cite { font-size: 12px; color: #555; }"),
        )
        deck = genanki.Deck(ANKI_DECK_ID, "Kit glossary: 1950s labour emulation (人民日报 1952)")
        for t in self._terms:
            zh, en, cite = examples.get(t.id, ("", "", ""))
            deck.add_note(genanki.Note(
                model=model,
                fields=[e(t.zh), e(t.pinyin), e(t.en), e(t.gloss), e(t.note), e(zh), e(en), e(cite),
                        e(t.category), e(t.id)],
                guid=genanki.guid_for(_ANKI_NAMESPACE, t.id),
                tags=["kit-glossary", t.category],
            ))
        path = Path(path)
        genanki.Package(deck).write_to_file(str(path))
        return path

    def handout_html(self, article) -> str:
        """A printable, standalone HTML vocabulary sheet for one article.

        Lists the article's terms in order of first appearance (Chinese text first, then
        English), each with pinyin, English, gloss and the sentence where it first occurs.
        All text is HTML-escaped.

        >>> import kit
        >>> page = load_glossary().handout_html(kit.load_corpus()["003_0d759123a74baf35"])
        >>> page.startswith("<!DOCTYPE html>"), "增产节约运动" in page
        (True, True)
        """
        if not _is_article(article):
            raise KitError(f"handout_html() takes one article, got {type(article).__name__}")
        e = html.escape
        first: dict[str, tuple] = {}
        contexts: dict[str, dict[str, str]] = {}
        for text_lang, part, paragraph, text in _article_texts(article):
            for tid, s, end, nested, within in self._match.matches(text, text_lang):
                key = (0 if text_lang == "zh" else 1, _PART_RANK[part], paragraph or 0, s)
                if tid not in first or key < first[tid]:
                    first[tid] = key
                ctx = contexts.setdefault(tid, {})
                # the first sentence of the body where it occurs; the title only if not in the body
                if text_lang not in ctx or (part == "body" and ctx.get(text_lang + "-part") != "body"):
                    ctx[text_lang] = _sentence_around(text, s, end, text_lang)
                    ctx[text_lang + "-part"] = part
        order = sorted(first, key=lambda tid: first[tid])
        rows = []
        for n, tid in enumerate(order, 1):
            t = self._by_id[tid]
            ctx = contexts.get(tid, {})
            context = ""
            if ctx.get("zh"):
                context += f"<div class='context' lang='zh-Hans'>{e(ctx['zh'])}</div>"
            if ctx.get("en"):
                context += f"<div class='context' lang='en'>{e(ctx['en'])}</div>"
            rows.append(
                f"<tr><td>{n}</td><td class='zh' lang='zh-Hans'>{e(t.zh)}</td>"
                f"<td class='py' lang='zh-Latn-pinyin'>{e(t.pinyin)}</td>"
                f"<td lang='en'><b>{e(t.en)}</b><div class='cat'>{e(t.category)}</div></td>"
                f"<td lang='en'>{e(t.gloss)}{context}</td></tr>")
        headline = article.headline
        citation = article.citation()
        body_rows = "\n".join(rows) or "<tr><td colspan='5'>No glossary terms found in this article.</td></tr>"
        return (
            "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
            f"<title>Vocabulary: {e(article.title_en or headline)}</title>\n"
            f"<style>{_HANDOUT_CSS}</style>\n</head>\n<body>\n<header>\n"
            f"<h1 lang='zh-Hans'>{e(headline)}</h1>\n"
            f"<p class='title-en' lang='en'>{e(article.title_en)}</p>\n"
            f"<p class='citation'>{e(citation)}</p>\n</header>\n"
            f"<h2>Vocabulary ({len(order)} terms, in order of first appearance)</h2>\n"
            "<table>\n<thead><tr><th>#</th><th>Chinese</th><th>Pinyin</th><th>English</th>"
            "<th>Meaning and first use</th></tr></thead>\n<tbody>\n"
            f"{body_rows}\n</tbody>\n</table>\n"
            "<footer>Glossary entries, with their sources, are in the teaching kit "
            "(kit/data/glossary.yaml; <code>kit.load_glossary()</code>).</footer>\n"
            "</body>\n</html>\n")


def _score(term: Term, query: str) -> int:
    """How well ``term`` matches ``query`` (0: not at all; higher is better)."""
    best = 0
    if _has_han(query):
        for form in term.zh_forms:
            if query == form:
                best = max(best, 100)
            elif form.startswith(query):
                best = max(best, 80)
            elif query in form:
                best = max(best, 60)
        if query in term.note:
            best = max(best, 20)
        return best
    q = query.lower()
    if q == term.id:
        best = 100
    # pinyin, with or without tones
    key = _pinyin_key(re.sub(r"[0-9]", "", query))
    term_key = _pinyin_key(term.pinyin)
    digits = [int(d) for d in re.findall(r"[1-5]", query)]
    tones = _tones(query) or [d for d in digits if d != 5]
    if key and len(key) >= 2:
        if key == term_key:
            score = 95
            if tones:
                score = 98 if tones == _tones(term.pinyin) else 40
            best = max(best, score)
        elif len(key) >= 3 and term_key.startswith(key):
            best = max(best, 70 if not tones or _tones(term.pinyin)[:len(tones)] == tones else 30)
        elif len(key) >= 4 and key in term_key:
            best = max(best, 50)
    # English
    words = re.compile(r"(?<![a-z0-9])" + re.escape(q) + r"(?![a-z0-9])")
    for form in term.en_forms:
        f = form.lower()
        if q == f:
            best = max(best, 90)
        elif words.search(f):
            best = max(best, 65)
        elif len(q) >= 3 and q in f:
            best = max(best, 45)
    if len(q) >= 3 and words.search(term.gloss.lower()):
        best = max(best, 30)
    if len(q) >= 4 and words.search(term.note.lower()):
        best = max(best, 15)
    return best


# --------------------------------------------------------------------------------------------
# Loading and checking
# --------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _default_glossary() -> Glossary:
    return _read(data_path("glossary.yaml"))


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
    for (entry, _), term in zip(entries, terms):
        for rid in term.related:
            if rid not in seen_ids:
                close = difflib.get_close_matches(rid, list(seen_ids), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else "; use the id of an existing term"
                raise GlossaryError(f"term '{term.id}': related id '{rid}' is not a term in the "
                                    f"glossary{hint}", path=shown, line=entry.key_line("related"),
                                    field="related")
    return Glossary(terms, path=path)


def _term_from(entry, path: str, line: int | None) -> Term:
    if not isinstance(entry, LineDict):
        raise GlossaryError(f"expected a term (a mapping with id, zh, pinyin, ...), found "
                            f"{type(entry).__name__} {entry!r}", path=path, line=line)
    name = entry.get("id") if isinstance(entry.get("id"), str) else "?"
    where = f"term '{name}'"

    def fail(reason: str, fld: str | None, at: int | None = None):
        raise GlossaryError(f"{where}: {reason}", path=path,
                            line=at or (entry.key_line(fld) if fld else entry.line), field=fld)

    for key in entry:
        if key not in _REQUIRED + _OPTIONAL:
            close = difflib.get_close_matches(str(key), _REQUIRED + _OPTIONAL, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            fail(f"unknown field '{key}'{hint}; the fields are: {', '.join(_REQUIRED + _OPTIONAL)}", key)
    for fld in _REQUIRED:
        if fld not in entry or entry[fld] in (None, "", []):
            fail(f"the field '{fld}' is missing or empty; every term needs "
                 f"{', '.join(_REQUIRED)}", fld, entry.line)
    for fld in ("id", "zh", "pinyin", "en", "category", "gloss", "note"):
        if not isinstance(entry[fld], str):
            fail(f"'{fld}' must be text, found {entry[fld]!r}", fld)
    term_id = entry["id"].strip()
    if not _ID_RE.match(term_id):
        fail(f"the id '{term_id}' must be lower-case ASCII words joined by hyphens, "
             "like 'dongbei-zonggonghui'", "id")
    if not _has_han(entry["zh"]):
        fail(f"'zh' must be Chinese characters, found {entry['zh']!r}", "zh")
    category = entry["category"].strip()
    if category not in CATEGORIES:
        fail(f"unknown category '{category}'; use one of: {', '.join(CATEGORIES)}", "category")
    problem = _pinyin_problem(entry["pinyin"])
    if problem:
        fail(f"the pinyin '{entry['pinyin']}' is not tone-marked pinyin: {problem}", "pinyin")
    if "\n" in entry["gloss"].strip():
        fail("'gloss' must be one line; put longer text in 'note'", "gloss")
    lists = {}
    for fld in _OPTIONAL:
        value = entry.get(fld) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            fail(f"'{fld}' must be a list of text items, like [a, b], found {value!r}", fld)
        lists[fld] = tuple(v.strip() for v in value)
    for form in lists["variants_zh"]:
        if not _has_han(form):
            fail(f"the variant {form!r} in 'variants_zh' has no Chinese characters", "variants_zh")
    if term_id in lists["related"]:
        fail("a term cannot be related to itself", "related")
    sources = parse_sources(entry, where, path, GlossaryError)
    return Term(id=term_id, zh=entry["zh"].strip(), pinyin=entry["pinyin"].strip(),
                en=entry["en"].strip(), category=category, gloss=entry["gloss"].strip(),
                note=" ".join(entry["note"].split()), sources=sources,
                variants_zh=lists["variants_zh"], aliases_en=lists["aliases_en"],
                related=lists["related"], line=line or entry.line)
