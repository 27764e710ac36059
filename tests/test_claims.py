"""Figures are claims of their sources: the kit's rule for numbers (docs/sourcing.md).

A figure that only the period press (kind ``primary``) or a mirror, popular or commemorative page
(kind ``weak``) gives is that source's claim, and the kit says so in the same sentence: "was
reported to", "according to", "is said to", "claimed". A figure backed by a scholarly or reference
source may be stated plainly. Years, days of the month, "No. 3", "page 2", ordinals, numbers
inside quotation marks (names such as the "53 Factory"), campaign names ("Three-anti",
"Five-Year Plan") and the small number words of prose ("two", "the four bodies") are not figures.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kit.glossary import load_glossary
from kit.sources import CLAIM_ONLY_KINDS
from kit.timeline import load_timeline

DATA = Path(__file__).parent / "data"

#: Words that mark a figure as the claim of a source.
CLAIM_WORDING = re.compile(
    r"\b(?:reported|according to|(?:is|are|was|were) said|said to|claim(?:s|ed)?|says|say|"
    r"gives?|given as|puts? (?:it )?at|credited with|counts?|counted|reckoned|sources? disagree)\b",
    re.I)

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec")
#: Number words from eleven up count as figures; "two", "four bodies" and the like are prose.
_NUMBER_WORDS = ("eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
                 "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million")
_SMALL_WORDS = "two|three|four|five|six|seven|eight|nine|ten"
#: Spans that hold numbers but are not figures; they are blanked before figures are looked for.
NOT_FIGURES = [
    re.compile(r"[\"“][^\"”]*[\"”]"),                                 # quoted names and slogans
    re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b"),                        # ISO dates
    re.compile(rf"\b\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?\s+(?:{_MONTHS})\b"),   # 3 August, 30-31 Aug
    re.compile(rf"\b(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b"),    # August 3, July 20th
    re.compile(r"\b1[6-9]\d{2}s?\b|\b20\d{2}s?\b"),                  # years and decades
    re.compile(r"\b(?:No|p|pp|page|pages|section|paragraph|vol)[.-]?\s*\d+", re.I),
    re.compile(r"\b\d+(?:st|nd|rd|th)\b"),                            # ordinals
    re.compile(rf"\b(?:{_NUMBER_WORDS}|{_SMALL_WORDS})-(?=[A-Za-z])", re.I),  # Three-anti
]
FIGURE = re.compile(rf"\b\d[\d,.]*\b|\b(?:{_NUMBER_WORDS})\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?;])(?<!\bNo\.)(?<!\bp\.)\s+(?=[A-Z0-9\"“(])")


def figures(text: str) -> list[str]:
    """The figures in one sentence (numbers that are not dates, names or ordinals)."""
    for pattern in NOT_FIGURES:
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return [m.group() for m in FIGURE.finditer(text)]


def unmarked_figures(entries, fields) -> list[tuple[str, str, str]]:
    """(entry id, figure, sentence) for figures that only primary/weak sources give and that
    lack claim wording in their sentence."""
    found = []
    for entry in entries:
        if not entry.sources or any(s.kind not in CLAIM_ONLY_KINDS for s in entry.sources):
            continue
        for field in fields:
            for sentence in _SENTENCE_END.split(getattr(entry, field) or ""):
                if CLAIM_WORDING.search(sentence):
                    continue
                found += [(entry.id, figure, sentence) for figure in figures(sentence)]
    return found


TIMELINE_FIELDS = ("title_en", "description")
GLOSSARY_FIELDS = ("gloss", "note")


def _report(found) -> str:
    return "\n".join(f"{eid}: the figure {fig!r} needs claim wording ('was reported to', "
                     f"'according to' ...) in: {sentence}" for eid, fig, sentence in found)


def test_timeline_figures_from_the_press_are_worded_as_claims():
    found = unmarked_figures(load_timeline(), TIMELINE_FIELDS)
    assert not found, _report(found)


def test_glossary_figures_from_the_press_are_worded_as_claims():
    found = unmarked_figures(load_glossary(), GLOSSARY_FIELDS)
    assert not found, _report(found)


def test_a_planted_press_figure_stated_as_fact_is_caught_with_its_id_and_number():
    found = unmarked_figures(load_timeline(DATA / "claims_timeline.yaml"), TIMELINE_FIELDS)
    assert [(eid, fig) for eid, fig, _ in found] == [("planted-bad-figure", "18,000")]
    assert "planted-bad-figure: the figure '18,000'" in _report(found)


def test_a_planted_glossary_figure_is_caught_but_dates_names_and_claims_are_not():
    found = unmarked_figures(load_glossary(DATA / "claims_glossary.yaml"), GLOSSARY_FIELDS)
    assert [(eid, fig) for eid, fig, _ in found] == [("planted-term", "102")]


@pytest.mark.parametrize("sentence, expected", [
    ("Stakhanov cut 102 tonnes against a norm of about 7 tonnes.", ["102", "7"]),
    ("About three thousand workers met, fifteen of them women.", ["thousand", "fifteen"]),
    ("The four bodies of a unit and two base-area papers.", []),
    ("On 30-31 August 1935, at No. 3 Machine Works, page 2.", []),
    ("The Three-anti and Five-anti campaigns of the 1950s, the First Five-Year Plan.", []),
    ('The "53 Factory" and the 3rd congress on July 20th.', []),
    ("One report in 1952-08-03 and one shift.", []),
])
def test_what_counts_as_a_figure(sentence, expected):
    assert figures(sentence) == expected
