"""The glossary: sourced terms of the 1950s emulation campaigns, linked to the articles.

``kit/data/glossary.yaml`` holds the terms (people, bodies, places, campaigns, techniques
and political vocabulary), each with pinyin, English, a gloss, a note of historical context
and its sources. This package loads and checks that file, finds the terms in articles in
both languages, searches them and makes tables of them (data and queries only: the Anki
deck and the printable handout are in :mod:`kit.exports`)::

    >>> glossary = load_glossary()
    >>> term = glossary["zengchan-jieyue-yundong"]
    >>> term.zh, term.pinyin, term.category
    ('增产节约运动', 'zēngchǎn jiéyuē yùndòng', 'campaign')
    >>> [t.id for t in glossary.search("gonghui")][:1]
    ['gonghui']
    >>> glossary["dongbei-zonggonghu"]
    Traceback (most recent call last):
    ...
    kit.errors.UnknownTermError: no term with the id 'dongbei-zonggonghu' in the glossary; did you mean 'dongbei-zonggonghui'? (glossary.ids lists every id; glossary.search('...') finds terms by Chinese, pinyin or English)

Modules: ``model`` (Term, Occurrence), ``match`` (finding terms in text), ``search``
(the score tiers of a search), ``collection`` (Glossary), ``load`` (reading the file).
"""

from __future__ import annotations

from ..errors import UnknownTermError
from ..sources import Source
from .collection import Glossary
from .load import clear_caches, load_glossary
from .model import CATEGORIES, FirstUse, Occurrence, Term
from .search import SCORE_TIERS, Score

__all__ = [
    "CATEGORIES",
    "Source",
    "Term",
    "Occurrence",
    "FirstUse",
    "Glossary",
    "UnknownTermError",
    "Score",
    "SCORE_TIERS",
    "load_glossary",
    "clear_caches",
]
