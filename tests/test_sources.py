"""Sources: one citation format and one set of checks for the glossary, timeline and notes."""

from __future__ import annotations

import pytest

from kit._yaml import loads_yaml
from kit.errors import TimelineError
from kit.glossary import load_glossary
from kit.sources import Source, parse_sources
from kit.timeline import load_timeline
from kit.translation_notes import load_translation_notes


def test_every_data_file_cites_its_sources_the_same_way():
    sources = [s for loaded in (load_glossary(), load_timeline(), load_translation_notes())
               for item in loaded for s in item.sources]
    assert len(sources) > 300 and all(isinstance(s, Source) for s in sources)
    for s in sources:
        text = s.citation()
        assert s.title.rstrip(".") in text
        assert text.endswith(s.url) if s.url else text.startswith(f"{s.author} ({s.year}).")


def test_a_citation_with_every_field():
    source = Source("Title.", url="https://example.org", author="An Author", year=1952,
                    publisher="A Press", note="page 2")
    assert source.citation() == "An Author (1952). Title. A Press. page 2. https://example.org"


def _sources(text):
    return loads_yaml("sources:\n" + text, source="t.yaml")


@pytest.mark.parametrize("text, line, message", [
    ("  []\n", 1, "at least one source"),
    ("  - just text\n", 2, "source 1 must be a mapping with a title"),
    ("  - url: https://example.org\n", 2, "source 1 has no title"),
    ("  - title: A\n    url: https://example.org\n    pages: 3\n", 4,
     "unknown field 'pages'; source fields are: title, url, author, year, publisher, note"),
    ("  - title: A\n    url: example.org\n", 3, "a url starts with http:// or https://"),
    ("  - title: A\n    author: Someone\n", 2, "source 1 ('A') needs a url, or an author and a year"),
])
def test_bad_sources_name_the_line(text, line, message):
    with pytest.raises(TimelineError) as info:
        parse_sources(_sources(text), "event 'x'", "t.yaml", TimelineError)
    err = info.value
    assert (err.path, err.line, err.field) == ("t.yaml", line, "sources")
    assert str(err).startswith(f"t.yaml, line {line}: event 'x': ")
    assert message in str(err)
