"""Sources: one citation format and one set of checks for the glossary, timeline and notes."""

from __future__ import annotations

import pytest

from kit._yaml import loads_yaml
from kit.errors import TimelineError
from kit.glossary import load_glossary
from kit.sources import CLAIM_ONLY_KINDS, KINDS, Source, parse_sources
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


# ---------------------------------------------------------------------------------- kinds

def test_every_source_in_the_kits_data_records_its_kind():
    loaded = {"glossary": load_glossary(), "timeline": load_timeline(),
              "translation notes": load_translation_notes()}
    for name, items in loaded.items():
        for item in items:
            for s in item.sources:
                assert s.kind in KINDS, (name, item.id, s.title)
    kinds = {s.kind for items in loaded.values() for item in items for s in item.sources}
    assert kinds == set(KINDS)


def test_the_kind_follows_the_evidence():
    sources = [s for loaded in (load_glossary(), load_timeline(), load_translation_notes())
               for item in loaded for s in item.sources]
    for s in sources:
        if s.url and ("rmrb.online" in s.url or "govopendata.com/renminribao" in s.url):
            assert s.kind == "primary", s                  # the newspaper itself
        if s.url and "cc-cedict.org" in s.url:
            assert s.kind == "reference", s
        if "论文部分内容阅读" in s.title or (s.note and "mirror" in s.note.lower()):
            assert s.kind == "weak", s                     # boilerplate titles and mirrors


def test_kind_is_optional_exposed_and_labelled():
    entry = _sources("  - title: A\n    url: https://example.org\n    kind: scholarly\n")
    (source,) = parse_sources(entry, "event 'x'", "t.yaml", TimelineError)
    assert source.kind == "scholarly" and source.kind_label == "scholarly: " + KINDS["scholarly"]
    (bare,) = parse_sources(_sources("  - title: A\n    url: https://example.org\n"),
                            "event 'x'", "t.yaml", TimelineError)
    assert bare.kind is None and bare.kind_label == ""
    assert "kind" not in source.citation()          # the kind is shown beside a citation, not in it


@pytest.mark.parametrize("kind, hint", [("primery", "did you mean 'primary'?"),
                                        ("Weak", "did you mean 'weak'?"),
                                        ("blog", "kinds are: primary, scholarly, reference, weak")])
def test_an_unknown_kind_names_the_file_line_and_a_suggestion(kind, hint):
    text = f"  - title: A\n    url: https://example.org\n    kind: {kind}\n"
    with pytest.raises(TimelineError) as info:
        parse_sources(_sources(text), "event 'x'", "t.yaml", TimelineError)
    err = info.value
    assert (err.path, err.line, err.field) == ("t.yaml", 4, "sources")
    assert f"source 1 has the unknown kind '{kind}'" in str(err) and hint in str(err)


def test_claim_only_kinds_are_the_press_and_weak_pages():
    assert CLAIM_ONLY_KINDS == {"primary", "weak"} and CLAIM_ONLY_KINDS <= set(KINDS)
