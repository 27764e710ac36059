"""The notebooks keep their promises: goals and time at the top, short cells, clean outputs, live links.

These checks read the stored notebooks (no kernel); ``make test`` also runs every notebook
under ``pytest --nbval``, which re-executes them and compares their stored outputs.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))
NOTEBOOKS = LESSONS + EXERCISES
NUMBERED = [nb for nb in LESSONS if re.match(r"0[1-6]_", nb.name)]

MAX_CODE_LINES = 15
LINK = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|href=\"([^\"]+)\"")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|#)", re.IGNORECASE)
TIME = re.compile(r"\b\d+\s*(?:-|–|to)?\s*\d*\s*(?:minutes|min)\b", re.IGNORECASE)
# A path on the machine that ran the notebook: it would not exist on a student's computer.
ABSOLUTE = re.compile(r"(?:^|[\s'\"(=])(?:/(?:home|root|work|tmp|Users|private|var/folders)/|"
                      r"[A-Za-z]:\\\\?(?:Users|Documents))")


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _read(path: Path):
    return nbformat.read(path, as_version=4)


def _markdown(nb) -> list[str]:
    return [cell.source for cell in nb.cells if cell.cell_type == "markdown"]


def _output_texts(cell) -> list[str]:
    texts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            texts.append(out.get("text", ""))
        for mime, value in out.get("data", {}).items():
            if mime.startswith("text/") or mime == "application/json":
                texts.append(value if isinstance(value, str) else str(value))
    return texts


def test_there_are_lessons_to_check():
    names = {nb.stem for nb in LESSONS}
    assert "00_start_here" in names
    assert len(NUMBERED) == 6, f"expected the six lessons 01-06, found {[nb.name for nb in NUMBERED]}"
    assert "instructor_guide" in names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_valid_nbformat(path):
    nbformat.validate(_read(path))


@pytest.mark.parametrize("path", LESSONS, ids=_id)
def test_lesson_opens_with_title_goals_and_time(path):
    first = _read(path).cells[0]
    assert first.cell_type == "markdown", "the first cell must be the title and goals (markdown)"
    assert re.match(r"#\s+\S", first.source.lstrip()), "the first cell must start with a # heading"
    assert re.search(r"you will", first.source, re.IGNORECASE), "state the goals: 'In this notebook you will:'"
    goals = re.findall(r"(?m)^\s*[-*]\s+\S", first.source)
    assert 3 <= len(goals) <= 6, f"list 3-5 goals in the first cell (found {len(goals)})"
    assert TIME.search(first.source), "give the time the notebook takes, e.g. 'about 40 minutes'"


@pytest.mark.parametrize("path", EXERCISES, ids=_id)
def test_exercise_notebook_says_what_it_practises(path):
    first = _read(path).cells[0]
    assert first.cell_type == "markdown" and re.match(r"#\s+\S", first.source.lstrip())
    assert re.search(r"practi[sc]", first.source, re.IGNORECASE), \
        "the first cell should say what the set practises"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_code_cells_are_short(path):
    long = [(i, len(c.source.strip().splitlines())) for i, c in enumerate(_read(path).cells)
            if c.cell_type == "code" and len(c.source.strip().splitlines()) > MAX_CODE_LINES]
    assert not long, f"code cells over {MAX_CODE_LINES} lines (cell, lines): {long}; move code into kit/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_no_error_or_stderr_outputs(path):
    bad = []
    for i, cell in enumerate(_read(path).cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                bad.append((i, f"error {out.get('ename')}: {out.get('evalue')}"))
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                bad.append((i, "stderr: " + out.get("text", "")[:120]))
    assert not bad, bad


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_outputs_are_stored(path):
    """nbval compares only cells that were executed when the notebook was saved."""
    unrun = [i for i, c in enumerate(_read(path).cells) if c.cell_type == "code"
             and c.source.strip() and c.get("execution_count") is None]
    assert not unrun, f"code cells without stored outputs (run the notebook and save): {unrun}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_relative_links_resolve(path):
    missing = []
    for text in _markdown(_read(path)):
        for a, b in LINK.findall(text):
            target = (a or b).strip()
            if not target or EXTERNAL.match(target):
                continue
            if target.startswith("/"):
                missing.append(f"{target} (absolute: use a path relative to the notebook)")
                continue
            if not (path.parent / target.split("#")[0]).exists():
                missing.append(target)
    assert not missing, f"links that do not resolve from {path.parent.name}/: {missing}"


@pytest.mark.parametrize("path", NUMBERED, ids=_id)
def test_lesson_ends_with_its_exercise_set_and_next_step(path):
    cells = _markdown(_read(path))
    ending = "\n".join(cells[-2:])
    own_set = f"../exercises/{path.stem}.ipynb"
    assert own_set in ending, f"the last cells should link to the exercise set {own_set}"
    assert (path.parent / own_set).exists(), f"{own_set} does not exist yet"
    links = [a for a, _ in LINK.findall(ending) if a.endswith(".ipynb") and "exercises/" not in a]
    assert links, "the last cells should link to the next notebook (or the guide)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_no_absolute_paths(path):
    found = []
    for i, cell in enumerate(_read(path).cells):
        for text in [cell.source] + _output_texts(cell):
            m = ABSOLUTE.search(text)
            if m:
                found.append((i, text[max(0, m.start() - 20):m.end() + 30]))
    assert not found, f"absolute paths (a student's computer will not have them): {found}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_chinese_in_markdown_is_simplified(path):
    """Markdown Chinese is simplified unless marked lang="zh-Hant" (e.g. 'as printed in 1952')."""
    import opencc

    t2s = opencc.OpenCC("t2s")
    for i, text in enumerate(_markdown(_read(path))):
        text = re.sub(r'<(\w+)[^>]*lang="zh-Hant"[^>]*>.*?</\1>', "", text, flags=re.S)
        for run in re.findall(r"[\u3400-\u9fff]+", text):
            assert t2s.convert(run) == run, f"cell {i}: {run!r} has traditional forms ({t2s.convert(run)})"
