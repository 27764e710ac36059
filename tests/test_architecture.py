"""The kit's shape, read from its code: layers that point down, no cycles, small modules.

These are the limits a new maintainer can rely on (docs/architecture.md draws them):
- import-linter's contracts in ``.importlinter`` (layers, no cycles between siblings);
- no module imports another module's ``_private`` name (inside one sub-package is fine);
- no module over 600 lines, no function over 80 lines;
- the facade ``kit`` shows every public name, and every ``kit.X`` a notebook uses exists.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import re
from pathlib import Path

import pytest

import kit

ROOT = Path(__file__).resolve().parents[1]
KIT = ROOT / "kit"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80


def _modules() -> list[Path]:
    return sorted(KIT.rglob("*.py"))


def _trees():
    for path in _modules():
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def test_import_contracts_hold():
    """Layers point down and siblings form no cycle (import-linter reads every import)."""
    from importlinter.cli import lint_imports

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = lint_imports(config_filename=str(ROOT / ".importlinter"), no_cache=True)
    report = out.getvalue()
    assert code == 0, "an import breaks the kit's layers (see docs/architecture.md):\n" + report[-3000:]
    assert "BROKEN" not in report and "KEPT" in report


def test_a_module_below_cannot_import_one_above(tmp_path):
    """The contract really bites: an upward import planted in a copy of the kit is reported."""
    import shutil
    import subprocess
    import sys

    copy = tmp_path / "kit"
    shutil.copytree(KIT, copy, ignore=shutil.ignore_patterns("__pycache__", "data"))
    text = copy / "text.py"
    text.write_text(text.read_text(encoding="utf-8") + "\nfrom .glossary import load_glossary\n",
                    encoding="utf-8")
    config = tmp_path / ".importlinter"
    config.write_text((ROOT / ".importlinter").read_text(encoding="utf-8"), encoding="utf-8")
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(linter), "--config", str(config), "--no-cache"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0, result.stdout[-2000:]
    assert "kit.text -> kit.glossary" in result.stdout


def test_no_module_imports_another_modules_private_names():
    found = []
    for path, tree in _trees():
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            module = node.module or ""
            across = path.parent == KIT or node.level >= 2 or module.startswith("kit")
            if not (across and (node.level or module.startswith("kit"))):
                continue
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {alias.name} from {module or '.'}")
    assert not found, "\n".join(found)


def test_modules_and_functions_stay_small():
    too_long = []
    for path, tree in _trees():
        lines = path.read_text(encoding="utf-8").count("\n") + 1
        if lines > MAX_MODULE_LINES:
            too_long.append(f"{path.relative_to(ROOT)} has {lines} lines (limit {MAX_MODULE_LINES})")
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                size = node.end_lineno - node.lineno + 1
                if size > MAX_FUNCTION_LINES:
                    too_long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} has {size} lines")
    assert not too_long, "\n".join(too_long)


def test_the_facade_shows_every_public_name():
    missing = [name for name in kit.__all__ if not hasattr(kit, name)]
    assert not missing
    assert set(kit.__all__) <= set(dir(kit))
    assert "load_corpus" in (kit.__doc__ or "") or "load_corpus" in dir(kit)


def _notebook_code():
    for nb in sorted([*(ROOT / "notebooks").glob("*.ipynb"), *(ROOT / "exercises").glob("*.ipynb")]):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            if cell["cell_type"] == "code":
                yield nb.name, "".join(cell["source"])


@pytest.mark.parametrize("name", sorted({m for _, code in _notebook_code()
                                         for m in re.findall(r"\bkit\.([A-Za-z_]\w*)", code)}))
def test_every_name_a_notebook_uses_is_in_the_facade(name):
    assert hasattr(kit, name), f"notebooks use kit.{name}, which the facade does not offer"
