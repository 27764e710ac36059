"""Every notebook in notebooks/ and exercises/, opened and run in JupyterLab in Chromium
as a student would: Run All, then no error on the page and every widget drawn.

A full-page screenshot of each is saved to test-artifacts/<folder>-<name>.png, and the
first Chinese text on the page is checked to be drawn with real glyphs, not empty boxes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import _lab

NOTEBOOKS = sorted(
    path.relative_to(_lab.PROJECT_DIR).as_posix()
    for folder in ("notebooks", "exercises")
    for path in (_lab.PROJECT_DIR / folder).glob("*.ipynb")
)

PARAMS = NOTEBOOKS or [pytest.param(None, marks=pytest.mark.skip(
    reason="no notebooks yet in notebooks/ or exercises/"))]


def artifact_name(relpath: str) -> str:
    return relpath.removesuffix(".ipynb").replace("/", "-")


@pytest.mark.parametrize("relpath", PARAMS, ids=lambda p: p or "none")
def test_notebook_runs_clean_in_lab(lab_page, relpath, timings):
    seconds = lab_page.run_notebook(relpath)
    problems = lab_page.problems()
    cells = lab_page.cells()
    chinese = _lab.chinese_on_page(lab_page)
    shots = lab_page.screenshot(artifact_name(relpath))
    timings[relpath] = seconds

    assert cells, f"{relpath}: no cells appeared in JupyterLab"
    assert not problems, (
        f"{relpath} run in JupyterLab (Run All) shows problems a student would see:\n"
        + "\n".join(f"- {p}" for p in problems)
        + f"\nScreenshot: {', '.join(str(Path(s)) for s in shots)}"
        + ("\nBrowser console errors:\n" + "\n".join(lab_page.console_errors[:10])
           if lab_page.console_errors else ""))
    if chinese is not None:
        assert not chinese["tofu"] and chinese["distinct"] >= min(3, len(chinese["checked"])), (
            f"{relpath}: Chinese characters {chinese['tofu'] or chinese['checked']} are drawn as "
            f"empty boxes in the font {chinese['fontFamily']} (install fonts-noto-cjk)")
