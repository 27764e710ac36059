"""Fixtures shared by the tests: the kit's real data, loaded once per run.

The articles come from ``tests/data/articles/``: byte-for-byte copies of the two seed
articles (tests/test_setup.py checks it), never from ``seeds/``, where instructors add
articles. ``KIT_SEEDS_DIR`` points there too, for the whole run, so that every kit call
that defaults to the seeds (``kit.load_corpus()``, the views, doctests, and notebooks run
by ``pytest --nbval`` in the same run) reads the same two articles whatever ``seeds/`` holds.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import kit

#: The fixed copies of the two seed articles.
ARTICLES = Path(__file__).resolve().parent / "data" / "articles"
REPORT = ARTICLES / "000_7ca6473d3635779a.txt"
COMMENTARY = ARTICLES / "003_0d759123a74baf35.txt"

os.environ["KIT_SEEDS_DIR"] = str(ARTICLES)


@pytest.fixture(scope="session")
def corpus():
    """The two seed articles (fixed copies in tests/data/articles/)."""
    return kit.load_corpus(ARTICLES)


@pytest.fixture(scope="session")
def glossary():
    """The kit's glossary (kit/data/glossary.yaml)."""
    return kit.load_glossary()


@pytest.fixture(scope="session")
def notes():
    """The translator's notes (kit/data/translation_notes.yaml)."""
    return kit.load_translation_notes()


@pytest.fixture(scope="session")
def timeline():
    """The timeline (kit/data/timeline.yaml)."""
    return kit.load_timeline()
