"""Interactive views for reading and exploring the articles in JupyterLab (ipywidgets).

    >>> import kit.views
    >>> sorted(kit.views.__all__)[:5]
    ['ConcordanceView', 'GlossaryView', 'QuizView', 'ReaderView', 'TimelineView']
    >>> kit.views.render_term_card is kit.views.glossary_view.render_term_card
    True

Each view is a pure render function (tested without a browser) plus a thin ``VBox``
subclass whose controls are attributes; set a control's ``.value`` to drive it::

    reader = kit.views.ReaderView()          # then display it: a notebook cell's last line
    reader.mode.value = "sentences"
    reader.pinyin.value = True

Views are imported on first use, so a problem in one view never breaks the others.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:                 # what editors and type checkers see; loaded lazily below
    from ._html import reader_script, style_block
    from .cards import render_card_html
    from .concordance import ConcordanceView, render_concordance_html
    from .glossary_view import GlossaryView, render_term_card
    from .quiz import QuizView
    from .reader import ReaderView, render_reader_html
    from .timeline_view import TimelineView, render_events_html

_EXPORTS = {
    "ReaderView": "reader",
    "render_reader_html": "reader",
    "GlossaryView": "glossary_view",
    "render_term_card": "glossary_view",
    "TimelineView": "timeline_view",
    "render_events_html": "timeline_view",
    "ConcordanceView": "concordance",
    "render_concordance_html": "concordance",
    "QuizView": "quiz",
    "style_block": "_html",
    "reader_script": "_html",
    "render_card_html": "cards",
}

__all__ = ["ReaderView", "GlossaryView", "TimelineView", "ConcordanceView", "QuizView",
           "render_reader_html", "render_term_card", "render_events_html",
           "render_concordance_html", "render_card_html", "style_block", "reader_script",
           "clear_caches"]


def __getattr__(name: str):
    if name in _EXPORTS:
        try:
            module = importlib.import_module(f".{_EXPORTS[name]}", __name__)
        except ImportError as err:
            raise ImportError(f"kit.views.{name} could not be loaded ({err}); the other views "
                              "still work") from err
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kit.views' has no attribute {name!r}; the views are: "
                         + ", ".join(__all__))


def clear_caches() -> None:
    """Forget what the loaded views remember: the style sheet, traditional forms and the
    articles the reader has prepared (each view's own cache goes with the view).

    >>> clear_caches()
    """
    for name in ("_html", "reader", "words"):
        module = sys.modules.get(f"{__name__}.{name}")
        if module is not None:
            module.clear_caches()


def __dir__():
    return sorted(set(globals()) | set(__all__))
