"""Charts with Chinese labels: every chart of the kit, and the font that draws them.

- ``fonts``: find a CJK font, use it, or fall back to English or pinyin labels with one
  notice on how to install a font;
- ``frequency``: bar charts of word counts (:func:`frequency_plot`);
- ``timeline``: the campaigns' timeline (:func:`plot_timeline`, :class:`TimelineChart`);
- ``figure``: new figures that a notebook shows as pictures.

    >>> font_families("Noto Sans CJK SC")
    ['DejaVu Sans', 'Noto Sans CJK SC']
    >>> fig = plot_timeline(start=1952, end=1952, lang="en")
    >>> len(fig.axes[0].get_title(loc="left")) > 0
    True

matplotlib is imported only when a function needs it.
"""

from __future__ import annotations

from .figure import new_axes, show_figures_inline
from .fonts import (CJK_FONT_FAMILIES, INSTALL_HINT, LATIN_FAMILY, cjk_font_context, cjk_notice,
                    clear_caches, find_cjk_font, font_families, has_cjk, resolve_lang,
                    use_cjk_font)
from .frequency import bar_chart, frequency_plot, pinyin_label
from .timeline import CATEGORY_STYLE, TIMELINE_WORDS, TimelineChart, plot_timeline

__all__ = [
    "CJK_FONT_FAMILIES",
    "LATIN_FAMILY",
    "INSTALL_HINT",
    "find_cjk_font",
    "use_cjk_font",
    "font_families",
    "cjk_font_context",
    "has_cjk",
    "cjk_notice",
    "resolve_lang",
    "clear_caches",
    "show_figures_inline",
    "new_axes",
    "frequency_plot",
    "bar_chart",
    "pinyin_label",
    "CATEGORY_STYLE",
    "TIMELINE_WORDS",
    "TimelineChart",
    "plot_timeline",
]
