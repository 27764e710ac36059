"""The :class:`Glossary`: a collection of terms that finds them in articles and searches them.

    >>> from kit.glossary import load_glossary
    >>> g = load_glossary()
    >>> len(g) >= 60, "campaign" in g.categories
    (True, True)
"""

from __future__ import annotations

import csv
import html
import unicodedata
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import KitError, UnknownTermError, check_lang, did_you_mean
from .match import PART_RANK, Matcher, article_texts, is_article, sentence_around
from .model import CATEGORIES, FirstUse, Occurrence, Term
from .search import score

__all__ = ["Glossary"]

#: How many terms a glossary's notebook display lists before "... (N more terms)".
HTML_PREVIEW_TERMS = 10

#: Terms close to an unknown id that the error message suggests, and how close they must be.
SUGGESTIONS, SUGGESTION_CUTOFF = 3, 0.8

#: Public methods that moved to :mod:`kit.exports` (presentation), and the call to use now.
MOVED = {
    "to_anki": "kit.exports.glossary_to_anki(glossary, path, corpus=None)",
    "handout_html": "kit.exports.handout_html(glossary, article)",
}

FRAME_COLUMNS = ["id", "zh", "pinyin", "en", "category", "gloss", "note", "variants_zh",
                 "aliases_en", "related", "sources"]


class Glossary:
    """The terms of ``glossary.yaml``: iterate, ``len()``, ``glossary[id]``, find, search, tables.

    >>> from kit.glossary import load_glossary
    >>> load_glossary()["东北总工会"].en                # a Chinese form works as a key too
    'Northeast Federation of Trade Unions'
    """

    def __init__(self, terms: Iterable[Term], path: str | Path | None = None):
        self._terms = tuple(terms)
        self._by_id = {t.id: t for t in self._terms}
        self._by_zh: dict[str, Term] = {}
        for t in self._terms:
            for form in t.zh_forms:
                self._by_zh.setdefault(form, t)
        self.path = Path(path) if path is not None else None
        self._matcher: Matcher | None = None

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

        >>> from kit.glossary import load_glossary
        >>> [t.zh for t in load_glossary().by_category("place")]
        ['东北', '沈阳', '青岛']
        """
        if category not in CATEGORIES:
            hint = did_you_mean(category, CATEGORIES, style="paren")
            raise KitError(f"unknown category {category!r}{hint}; the categories are: "
                           f"{', '.join(CATEGORIES)}.")
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
        hint = did_you_mean(key, self._by_id, n=SUGGESTIONS, cutoff=SUGGESTION_CUTOFF)
        raise UnknownTermError(
            f"no term with the id {key!r} in the glossary; {hint or 'no id is close to it.'} "
            "(glossary.ids lists every id; glossary.search('...') finds terms by Chinese, "
            "pinyin or English)")

    def get(self, key: str, default=None):
        """``glossary[key]``, or ``default`` when there is no such term."""
        try:
            return self[key]
        except UnknownTermError:
            return default

    def __getattr__(self, name: str):
        if name in MOVED:
            raise AttributeError(f"Glossary.{name}() has moved to the exports: call {MOVED[name]}")
        raise AttributeError(f"'Glossary' object has no attribute {name!r}")

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(self.by_category(c))} {c}" for c in self.categories)
        return f"<Glossary of {len(self)} terms: {counts}>"

    def _repr_html_(self) -> str:
        e = html.escape
        rows = "".join(
            f"<tr><td lang='zh-Hans'>{e(t.zh)}</td><td>{e(t.pinyin)}</td>"
            f"<td>{e(t.en)}</td><td>{e(t.category)}</td></tr>"
            for t in self._terms[:HTML_PREVIEW_TERMS])
        more = len(self) - HTML_PREVIEW_TERMS
        more = f"<p>… ({more} more terms)</p>" if more > 0 else ""
        return (f"<p>Glossary of {len(self)} terms</p><table><tr><th>Chinese</th><th>Pinyin</th>"
                f"<th>English</th><th>Category</th></tr>{rows}</table>{more}")

    # -- finding terms in articles ---------------------------------------------------------
    @property
    def matcher(self) -> Matcher:
        """The :class:`~kit.glossary.match.Matcher` of these terms (built on first use)."""
        if self._matcher is None:
            self._matcher = Matcher(self._terms)
        return self._matcher

    def find_text(self, text: str, lang: str) -> list[Occurrence]:
        """The terms in one piece of text (``lang`` is ``'zh'`` or ``'en'``).

        >>> from kit.glossary import load_glossary
        >>> [(o.term_id, o.text, o.nested) for o in load_glossary().find_text("推广郝建秀工作法", "zh")]
        [('tuiguang', '推广', False), ('hao-jianxiu-gongzuofa', '郝建秀工作法', False), ('hao-jianxiu', '郝建秀', True), ('zuofa', '作法', True)]
        """
        check_lang(lang)
        return [Occurrence(tid, "", lang, None, s, e, text[s:e], "text", nested, within)
                for tid, s, e, nested, within in self.matcher.matches(text, lang)]

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
        >>> occ = [o for o in kit.load_glossary().find(article) if o.term_id == "gaosu-qiexiaofa"]
        >>> [(o.lang, o.paragraph, o.text) for o in occ]
        [('zh', 1, '高速切削法'), ('en', 1, 'high-speed cutting methods')]
        """
        if lang is not None:
            check_lang(lang)
        out: list[Occurrence] = []
        for article in _articles(articles):
            for text_lang, part, paragraph, text in article_texts(article):
                if lang is not None and text_lang != lang:
                    continue
                for tid, s, e, nested, within in self.matcher.matches(text, text_lang):
                    out.append(Occurrence(tid, article.id, text_lang, paragraph, s, e, text[s:e],
                                          part, nested, within))
        return out

    def first_uses(self, article) -> list[FirstUse]:
        """The article's terms in order of first appearance (Chinese text first, then English),
        each with the sentence where it is first used in each language.

        >>> import kit
        >>> uses = kit.load_glossary().first_uses(kit.load_corpus()["003_0d759123a74baf35"])
        >>> [u.term.zh for u in uses][:5]
        ['总结', '传播', '推广', '先进经验', '经验']
        """
        if not is_article(article):
            raise KitError(f"first_uses() takes one article, got {type(article).__name__}")
        first: dict[str, tuple] = {}
        contexts: dict[str, dict[str, tuple[str, str]]] = {}
        for text_lang, part, paragraph, text in article_texts(article):
            for tid, s, end, _, _ in self.matcher.matches(text, text_lang):
                key = (0 if text_lang == "zh" else 1, PART_RANK[part], paragraph or 0, s)
                first[tid] = min(first.get(tid, key), key)
                ctx = contexts.setdefault(tid, {})
                # the first sentence of the body where it occurs; the title only if not in the body
                if text_lang not in ctx or (part == "body" and ctx[text_lang][1] != "body"):
                    ctx[text_lang] = (sentence_around(text, s, end, text_lang), part)
        return [FirstUse(self._by_id[tid], contexts[tid].get("zh", ("", ""))[0],
                         contexts[tid].get("en", ("", ""))[0])
                for tid in sorted(first, key=first.__getitem__)]

    def examples(self, corpus=None) -> dict[str, tuple[str, str, str]]:
        """For each term, the first aligned sentence pair where it occurs: ``(zh, en, citation)``.

        Sentences come from ``article.sentence_pairs()``, then the title and the column name;
        ``corpus`` defaults to the project's seeds.
        """
        if corpus is None:
            from ..corpus import load_corpus

            corpus = load_corpus()
        articles = [corpus] if is_article(corpus) else list(corpus)
        found: dict[str, tuple[str, str, str]] = {}
        for article in articles:
            pairs = [(" ".join(en), "".join(zh)) for en, zh in article.sentence_pairs()]
            pairs += [(article.title_en, article.headline), (article.column_en, article.column_zh)]
            for en, zh in pairs:  # the body's sentences first, then the title and the column
                zh_ids = {m[0] for m in self.matcher.matches(zh or "", "zh")}
                en_ids = {m[0] for m in self.matcher.matches(en or "", "en")}
                for tid in zh_ids | en_ids:
                    if tid not in found:
                        found[tid] = (zh, en, article.citation())
        return found

    # -- searching -------------------------------------------------------------------------
    def search(self, query: str, limit: int | None = None) -> list[Term]:
        """Terms matching a query in Chinese, pinyin (with or without tones) or English.

        Pinyin may be toneless with or without spaces (``gongyouzhi``, ``Hao Jianxiu``),
        tone-marked (``gōnghuì``) or tone-numbered (``gong1hui4``). Exact matches come first
        (the tiers are :class:`kit.glossary.search.Score`).

        >>> from kit.glossary import load_glossary
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
            points = score(term, query)
            if points > 0:
                scored.append((-points, len(term.zh), index, term))
        scored.sort(key=lambda item: item[:3])
        found = [item[3] for item in scored]
        return found[:limit] if limit is not None else found

    # -- tables ----------------------------------------------------------------------------
    def to_frame(self):
        """A pandas DataFrame with one row per term (lists joined by ``'; '``).

        >>> from kit.glossary import load_glossary
        >>> list(load_glossary().to_frame().columns[:4])
        ['id', 'zh', 'pinyin', 'en']
        """
        import pandas as pd

        rows = [{
            "id": t.id, "zh": t.zh, "pinyin": t.pinyin, "en": t.en, "category": t.category,
            "gloss": t.gloss, "note": t.note, "variants_zh": "; ".join(t.variants_zh),
            "aliases_en": "; ".join(t.aliases_en), "related": "; ".join(t.related),
            "sources": " | ".join(s.citation() for s in t.sources),
        } for t in self._terms]
        return pd.DataFrame(rows, columns=FRAME_COLUMNS)

    def to_csv(self, path: str | Path) -> Path:
        """Write the table of :meth:`to_frame` as UTF-8 CSV (with a BOM, so Excel shows Chinese)."""
        path = Path(path)
        frame = self.to_frame()
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(list(frame.columns))
            writer.writerows(frame.itertuples(index=False, name=None))
        return path


def _articles(articles) -> list:
    """The articles of an ``Article``, a ``Corpus`` or a list (find()'s argument), checked."""
    if is_article(articles):
        return [articles]
    if isinstance(articles, (str, bytes)) or not hasattr(articles, "__iter__"):
        raise KitError("find() takes an article, a corpus or a list of articles "
                       f"(got {type(articles).__name__}); for plain text use "
                       "glossary.find_text(text, 'zh')")
    out = list(articles)
    for article in out:
        if not is_article(article):
            raise KitError(f"find() expected articles, got {type(article).__name__}")
    return out
