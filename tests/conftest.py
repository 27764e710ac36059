"""Fixtures shared by the tests: the kit's real data, loaded once per run."""

from __future__ import annotations

import pytest

import kit


@pytest.fixture(scope="session")
def corpus():
    """The seed articles in seeds/."""
    return kit.load_corpus()


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
