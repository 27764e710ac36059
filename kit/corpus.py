"""A collection of articles, loaded from a folder or a list of files.

    >>> corpus = load_corpus()   # the articles in seeds/ (instructors may have added some)
    >>> unit = corpus.select(["000_7ca6473d3635779a", "003_0d759123a74baf35"])
    >>> len(unit), unit.ids
    (2, ['000_7ca6473d3635779a', '003_0d759123a74baf35'])
    >>> unit["0001"]
    Traceback (most recent call last):
    ...
    kit.errors.UnknownIdError: unknown article '0001': try one of 000_7ca6473d3635779a, 003_0d759123a74baf35, or kit.load_corpus().ids

A folder is read without surprises: every entry named ``*.txt`` is an article file,
and one that is not a regular file (a folder, a named pipe, a broken or looping
symbolic link) becomes a problem that says what it is; nothing is skipped silently.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from operator import attrgetter
from pathlib import Path

from ._data import display_path, seeds_dir
from .articles import Article, max_article_bytes, read_article
from .errors import ArticleFormatError, KitError, UnknownIdError

__all__ = ["Corpus", "load_corpus", "article_files", "labelled_files"]


_BY_DATE_AND_ID = attrgetter("date", "id")  # the key (a.date, a.id), built in C


class Corpus:
    """Articles sorted by date, then id; ``corpus[id]`` finds one by its file stem
    (``corpus[0]``, a position, works too)."""

    def __init__(self, articles: Iterable[Article] = (), problems: Iterable[ArticleFormatError] = ()):
        self.articles: tuple[Article, ...] = tuple(sorted(articles, key=_BY_DATE_AND_ID))
        self.problems: list[ArticleFormatError] = list(problems)
        self._by_id = {a.id: a for a in self.articles}

    # -- collection protocol ---------------------------------------------------------
    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __contains__(self, article_id) -> bool:
        return article_id in self._by_id

    def __getitem__(self, article_id: str) -> Article:
        if isinstance(article_id, int):
            return self.articles[article_id]
        try:
            return self._by_id[article_id]
        except KeyError:
            prefix = str(article_id)[:3]  # ids that start alike first, then the rest
            close = sorted(self.ids, key=lambda i: not i.startswith(prefix))
            raise UnknownIdError(f"unknown article '{article_id}': try one of {', '.join(close[:5])}, "
                           "or kit.load_corpus().ids") from None

    @property
    def ids(self) -> list[str]:
        """The article ids, in corpus order."""
        return [a.id for a in self.articles]

    def select(self, ids: Iterable[str]) -> "Corpus":
        """A corpus of the articles ``ids`` only (an unknown id raises :class:`UnknownIdError`).

        Notebooks use it to pick the articles a lesson is about by id, so that articles an
        instructor adds to ``seeds/`` never change what a lesson shows.
        """
        return Corpus([self[i] for i in ids])

    def __repr__(self) -> str:
        extra = f", {len(self.problems)} problem(s)" if self.problems else ""
        return f"<Corpus of {len(self)} article(s){extra}>"

    def _repr_html_(self) -> str:
        return self.articles_frame()._repr_html_()

    # -- tables ------------------------------------------------------------------------
    def articles_frame(self, levels=None):
        """One row per article: id, date, page, column, titles, paragraph and character counts.

        ``levels``: a function giving an article's difficulty profile, e.g.
        ``kit.levels.difficulty_profile``, adds its columns (share of words per HSK level;
        the corpus sits below kit.levels, so it is passed in, never imported here).
        """
        import pandas as pd

        rows = [{
            "id": a.id,
            "date": a.date,
            "page": a.page,
            "column_zh": a.column_zh,
            "title_zh": a.headline,
            "title_en": a.title_en,
            "author": a.author_zh or a.author_en,
            "paragraphs_en": len(a.paragraphs_en),
            "paragraphs_zh": len(a.paragraphs_zh),
            "chars_zh": sum(len(p) for p in a.paragraphs_zh),
            "words_en": sum(len(p.split()) for p in a.paragraphs_en),
        } for a in self.articles]
        columns = ["id", "date", "page", "column_zh", "title_zh", "title_en", "author",
                   "paragraphs_en", "paragraphs_zh", "chars_zh", "words_en"]
        frame = pd.DataFrame(rows, columns=columns)
        if levels is not None:
            profiles = pd.DataFrame([levels(a) for a in self.articles], index=frame.index)
            frame = pd.concat([frame, profiles], axis=1)
        return frame

    def paragraphs_frame(self):
        """One row per aligned paragraph pair: article, index (0-based), en, zh."""
        import pandas as pd

        rows = [{"article": a.id, "index": i, "en": en, "zh": zh}
                for a in self.articles for i, (en, zh) in enumerate(a.paragraph_pairs())]
        return pd.DataFrame(rows, columns=["article", "index", "en", "zh"])

    def sentences_frame(self):
        """One row per aligned sentence bead: article, paragraph, bead, en, zh.

        ``en`` and ``zh`` join the bead's sentences (a bead may hold 0, 1 or 2 per side).
        """
        import pandas as pd

        rows = []
        for a in self.articles:
            for b, bead in enumerate(a.sentence_pairs()):
                en, zh = bead
                rows.append({"article": a.id, "paragraph": bead.paragraph,
                             "bead": b, "en": " ".join(en), "zh": "".join(zh)})
        return pd.DataFrame(rows, columns=["article", "paragraph", "bead", "en", "zh"])


def article_files(path: str | Path | Iterable[str | Path] | None = None) -> list[Path]:
    """The article files named by ``path``: a folder (its ``*.txt`` entries), one file, or a list."""
    return [f for f, _ in labelled_files(path)]


_CASE_INSENSITIVE = os.path.normcase("A") == "a"  # Windows: Path.glob and sorting ignore case


def _txt_names(folder: Path) -> list[str]:
    """The names of the entries of ``folder`` that end in ``.txt``, sorted: files, and also what
    is not a file (a folder, a pipe, a link), so that reading it says what it is."""
    with os.scandir(folder) as it:
        if _CASE_INSENSITIVE:
            names = [e.name for e in it if e.name.lower().endswith(".txt")]
        else:
            names = [e.name for e in it if e.name.endswith(".txt")]
    names.sort(key=str.lower if _CASE_INSENSITIVE else None)
    return names


def labelled_files(path: str | Path | Iterable[str | Path] | None = None) -> list[tuple[Path, str]]:
    """:func:`article_files`, each with the name that messages give it (``load_corpus`` and
    ``python -m kit check`` use it): its folder as :func:`kit._data.display_path` shows it,
    then its name.

    Args:
        path: a folder (default: the project's ``seeds/``, or ``KIT_SEEDS_DIR``), one file,
            or a list of files.

    Raises:
        KitError: when ``path`` is neither a folder nor a file, or the folder cannot be listed.

    >>> "003_0d759123a74baf35.txt" in {Path(label).name for _, label in labelled_files()}
    True
    """
    if path is None:
        path = seeds_dir()
    if isinstance(path, (str, Path)):
        p = Path(path)
        if p.is_dir():
            where = display_path(p)
            prefix = "" if where == "." else where + "/"
            try:
                return [(p / name, prefix + name) for name in _txt_names(p)]
            except OSError as exc:
                raise KitError(f"cannot list the folder '{path}' ({exc.strerror})") from None
        if not os.path.lexists(p):  # a broken link exists: reading it will say so
            raise KitError(f"no article folder or file at '{path}': give a folder of .txt articles "
                           "(like seeds/) or a list of files")
        files = [p]
    else:
        files = [Path(f) for f in path]
    labelled = []
    labels: dict[Path, str] = {}
    for f in files:
        folder = labels.get(f.parent) or labels.setdefault(f.parent, display_path(f.parent))
        labelled.append((f, f"{folder}/{f.name}" if folder != "." else f.name))
    return labelled


def load_corpus(path: str | Path | Iterable[str | Path] | None = None, errors: str = "raise",
                encoding: str | None = None, max_bytes: int | None = None) -> Corpus:
    """Load articles into a :class:`Corpus`.

    Args:
        path: a folder (default: the project's ``seeds/``, or the folder named by the
            environment variable ``KIT_SEEDS_DIR``), one file, or a list of files.
        errors: ``"raise"`` stops at the first bad file with its :class:`ArticleFormatError`;
            ``"report"`` loads every good file and keeps the errors in ``corpus.problems``
            (an entry that is not a regular file, e.g. a folder named ``x.txt``, is one).
        encoding: force a text encoding for every file (e.g. ``"gb18030"``).
        max_bytes: the size limit of one article file (default
            :data:`kit.articles.MAX_ARTICLE_BYTES`, 2 MB, or ``KIT_MAX_ARTICLE_BYTES``).
    """
    if errors not in ("raise", "report"):
        raise KitError(f"errors must be 'raise' or 'report', not {errors!r}")
    limit = max_article_bytes(max_bytes)
    articles, problems = [], []
    seen: dict[str, Path] = {}
    for f, label in labelled_files(path):
        try:
            article = read_article(f, encoding=encoding, source=label, max_bytes=limit)
            if article.id in seen:
                raise ArticleFormatError(f"another file has the same id '{article.id}' "
                                         f"({display_path(seen[article.id])}): rename one", path=label, line=1)
        except ArticleFormatError as exc:
            if errors == "raise":
                raise
            problems.append(exc)
            continue
        seen[article.id] = f
        articles.append(article)
    return Corpus(articles, problems)
