"""New matplotlib figures for the kit's charts, shown as pictures in a notebook.

    >>> fig, ax = new_axes(None, (4, 3))
    >>> fig.get_size_inches().tolist()
    [4.0, 3.0]
"""

from __future__ import annotations

__all__ = ["show_figures_inline", "new_axes"]

_inline_done = False


def show_figures_inline() -> None:
    """In a notebook, show the figures kit returns as pictures, with no ``%matplotlib`` magic.

    kit draws on plain ``matplotlib.figure.Figure`` objects (no pyplot state, so a
    figure never shows twice); this teaches IPython to display them as PNG.
    Outside IPython it does nothing.
    """
    global _inline_done
    if _inline_done:
        return
    _inline_done = True
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return
    from IPython.core.pylabtools import print_figure
    from matplotlib.figure import Figure

    shell.display_formatter.formatters["image/png"].for_type(
        Figure, lambda fig: print_figure(fig, "png", bbox_inches="tight"))


def new_axes(ax, figsize):
    """``(figure, axes)``: those of ``ax`` when given, else a new constrained-layout figure."""
    show_figures_inline()
    if ax is not None:
        return ax.figure, ax
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, layout="constrained")
    return fig, fig.add_subplot()
