"""The set-up files agree with each other, and the seeds are the shared seeds byte for byte."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_lists_the_pyproject_packages():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    listed = set()
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            listed |= {_name(d) for d in dep["pip"] if not d.startswith("-e")}
        else:
            listed.add(_name(dep))
    listed -= {"python", "pip"}
    assert listed == wanted, f"only in pyproject: {wanted - listed}; only in environment.yml: {listed - wanted}"


def test_lower_bounds_on_every_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for req in project["dependencies"] + project["optional-dependencies"]["test"]:
        assert ">=" in req, f"{req} has no lower bound"
    assert project["requires-python"] == ">=3.10"


def test_layout_of_the_design_card():
    for name in ["notebooks", "kit", "seeds", "exercises", "tests", "environment.yml", "README.md",
                 "pyproject.toml", "Makefile", ".ci/run"]:
        assert (ROOT / name).exists(), name
    assert "make test" in (ROOT / ".ci/run").read_text(encoding="utf-8")


def test_seed_files_are_untouched():
    """The seeds are the published articles: these digests pin them byte for byte, and the
    tests' fixed copies (tests/data/articles/) are the same bytes. Articles an instructor
    adds to seeds/ are not the tests' business."""
    import hashlib

    digest = lambda f: hashlib.sha256(f.read_bytes()).hexdigest()[:16]  # noqa: E731
    copies = ROOT / "tests" / "data" / "articles"
    assert {f.name: digest(f) for f in copies.glob("*.txt")} == {
        "000_7ca6473d3635779a.txt": DIGESTS["000"],
        "003_0d759123a74baf35.txt": DIGESTS["003"],
    }
    for copy in copies.glob("*.txt"):
        assert digest(ROOT / "seeds" / copy.name) == digest(copy), copy.name


DIGESTS = {"000": "53d6d8693f588248", "003": "15c76733a84bd05f"}
