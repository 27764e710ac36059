"""A view that a notebook without a kernel still shows: its page as static HTML.

A notebook opened before its cells are run (or on GitHub, or exported) cannot show widgets;
JupyterLab then falls back to the output's ``text/html`` or ``text/plain``. Without this mixin
that fallback is the raw ``ReaderView(children=(Dropdown(…`` repr. With it, the mimebundle
carries the view's page as last rendered (escaped, like the live view; no controls) under a
line saying to run the cell, and a one-line ``text/plain`` that names the view.

    >>> import kit.views
    >>> bundle = kit.views.ConcordanceView(query="经验")._repr_mimebundle_()
    >>> sorted(bundle)
    ['application/vnd.jupyter.widget-view+json', 'text/html', 'text/plain']
    >>> bundle["text/plain"]
    'ConcordanceView: “经验” (run this cell to use its controls)'
"""

from __future__ import annotations

from ._html import esc

__all__ = ["StaticFallback", "RUN_NOTE"]

#: The line above a static copy of a view.
RUN_NOTE = "A copy of this view without its controls: run this cell to use them."


class StaticFallback:
    """Mixin for a view (an ipywidgets box) that has ``html`` (an HTML widget) and may define
    ``static_summary()`` (a short description for ``text/plain``)."""

    def static_summary(self) -> str:
        return ""

    def static_html(self) -> str:
        """The page the view shows now, for a notebook seen without a kernel."""
        return self.html.value

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if not bundle:
            return bundle
        summary = self.static_summary()
        name = type(self).__name__
        bundle["text/plain"] = (f"{name}: {summary} (run this cell to use its controls)"
                                if summary else f"{name} (run this cell to use its controls)")
        bundle["text/html"] = (f'<p class="kit-static-note"><em>{esc(RUN_NOTE)}</em></p>'
                               + self.static_html())
        return bundle
