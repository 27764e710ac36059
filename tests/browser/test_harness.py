"""The browser harness checks itself: it must see an error, a stderr line and a widget
that never renders, and must pass a clean notebook, before its "no problems" on the
real notebooks means anything."""

from __future__ import annotations

import json

import _lab


def test_harness_sees_what_a_student_sees(lab_page, lab_server):
    _lab.write_notebook(lab_server.root / "scratch" / "harness.ipynb", [
        "# %% md\n# A scratch notebook",
        "import ipywidgets as w\nw.IntSlider(value=3, description='slider')",
        "print('fine')",
        "import sys\nprint('a warning', file=sys.stderr)",
        "1 / 0",
        "print('never runs')",
    ])
    lab_page.run_notebook("scratch/harness.ipynb")
    problems = lab_page.problems()
    cells = lab_page.cells()

    assert [c["kind"] for c in cells] == ["markdown"] + ["code"] * 5
    assert cells[1]["widgets"] == 1
    assert lab_page.page.locator(f"{_lab.VISIBLE_PANEL} .widget-slider").count() == 1
    text = "\n".join(problems)
    assert "cell 4 shows an error or stderr output" in text and "a warning" in text
    assert "cell 5 shows an error" in text and "ZeroDivisionError" in text
    assert "cell 6 did not run" in text
    assert not any(p.startswith(("cell 2", "cell 3")) for p in problems), problems


def test_harness_passes_a_clean_notebook_with_an_expected_error(lab_page, lab_server):
    path = _lab.write_notebook(lab_server.root / "scratch" / "clean.ipynb", [
        "x = 1",
        "raise ValueError('taught on purpose')",
        "print(x + 1)",
    ])
    nb = json.loads(path.read_text())
    nb["cells"][1]["metadata"]["tags"] = ["raises-exception"]
    path.write_text(json.dumps(nb))

    lab_page.run_notebook("scratch/clean.ipynb")
    assert lab_page.problems() == []
    assert lab_page.cells()[2]["prompt"] == "[3]:"
