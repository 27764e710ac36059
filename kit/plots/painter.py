"""Drawing one figure to PNG again and again, quickly: for views whose plot moves.

matplotlib lays out and rasterises every piece of text at every draw, which is most of the
time a figure with many labels takes. A :class:`Painter` draws its figure once with the
layout engine (then freezes the layout), keeps the pixels of the parts that never change
(a legend), and draws labels as sprites: each label is rasterised once, then pasted where
it belongs::

    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(3, 2))
    >>> painter = Painter(fig, dpi=50)
    >>> png = painter.png([Sprite("trade union", (20, 40), 9, ("DejaVu Sans",))])
    >>> png[1:4]
    b'PNG'
"""

from __future__ import annotations

import contextlib
import functools
import io
import math
from dataclasses import dataclass

__all__ = ["Painter", "Sprite", "PNG_COMPRESS_LEVEL", "SPRITE_CANVAS_IN"]

#: PNG compression of the pictures: fast (level 1 of 9) rather than smallest.
PNG_COMPRESS_LEVEL = 1
#: Size (inches) of the scratch figure a label is rasterised on: room for any label.
SPRITE_CANVAS_IN = (8.0, 2.0)
#: How many rasterised labels a painter keeps (each a few kilobytes).
SPRITE_CACHE_SIZE = 512
#: Extra pixels kept around a fixed part, so its anti-aliased edge is kept too.
KEEP_MARGIN_PX = 2
#: The largest value of a colour channel.
OPAQUE = 255
#: How much of a text's width lies left of its anchor, by horizontal alignment.
_ALIGN_SHARE = {"left": 0.0, "center": 0.5, "right": 1.0}


@dataclass(frozen=True)
class Sprite:
    """A piece of text to paste, its style, and its anchor in pixels from the bottom left.

    ``ha`` and ``va`` place the text against the anchor as matplotlib's alignments do; the
    lines of a multi-line text are aligned on the left (one raster serves every ``ha``).
    """

    text: str
    anchor: tuple[float, float]
    size: float
    families: tuple = ()
    ha: str = "left"
    va: str = "bottom"
    color: str = "black"

    @classmethod
    def of(cls, text, anchor) -> "Sprite":
        """The sprite of a matplotlib ``Text`` drawn at ``anchor`` (pixels)."""
        return cls(text.get_text(), tuple(anchor), text.get_fontsize(),
                   tuple(text.get_fontfamily()), text.get_horizontalalignment(),
                   text.get_verticalalignment(), text.get_color())


class Painter:
    """Draws ``figure`` to PNG; the layout is computed at the first draw, then kept.

    Args:
        figure: a matplotlib Figure (its artists may move and hide between drawings).
        dpi: the resolution of the pictures.
        context: a function returning the context to draw in (e.g. a font context).
    """

    def __init__(self, figure, dpi: int, context=contextlib.nullcontext, keep=(), hide=()):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.figure, self.dpi, self.context = figure, dpi, context
        figure.set_dpi(dpi)
        self.canvas = FigureCanvasAgg(figure)
        with _hidden(hide), context():
            self.canvas.draw()                  # the layout engine runs here, once
        figure.set_layout_engine("none")
        renderer = self.canvas.get_renderer()
        #: The parts that never change (e.g. a legend), kept as pixels from that drawing.
        self._kept = {artist: self.canvas.copy_from_bbox(
            artist.get_window_extent(renderer).padded(KEEP_MARGIN_PX)) for artist in keep}
        self._scratch_canvas = self._scratch_text = None
        self._sprite = functools.lru_cache(maxsize=SPRITE_CACHE_SIZE)(self._rasterise)

    def png(self, sprites=(), hide=()) -> bytes:
        """The figure with ``sprites`` pasted on it, as PNG bytes; the artists in ``hide``
        (those the sprites stand for) are left out of the drawing."""
        import numpy as np
        from PIL import Image

        kept = [a for a in self._kept if a.get_visible()]
        with _hidden([*kept, *hide]), self.context():
            self.canvas.draw()
        for artist in kept:
            self.canvas.restore_region(self._kept[artist])
        pixels = np.array(self.canvas.buffer_rgba())[..., :3]
        for sprite in sprites:
            self._paste(pixels, sprite)
        out = io.BytesIO()
        Image.fromarray(pixels).save(out, format="png", compress_level=PNG_COMPRESS_LEVEL)
        return out.getvalue()

    def _scratch(self):
        """One transparent scratch figure and text, reused for every label rasterised."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        if self._scratch_text is None:
            scratch = Figure(figsize=SPRITE_CANVAS_IN, dpi=self.dpi)
            scratch.patch.set_alpha(0)
            self._scratch_canvas = FigureCanvasAgg(scratch)
            self._scratch_text = scratch.text(0.5, 0.5, "", ha="left", multialignment="left")
        return self._scratch_canvas, self._scratch_text

    def _rasterise(self, text: str, size: float, families: tuple, va: str, color: str):
        """``(alpha, colour, dx, dy, width)``: the text's coverage and colour, its offset from
        a left anchor and its width, drawn once on the transparent scratch figure."""
        import numpy as np

        canvas, label = self._scratch()
        label.set(text=text, va=va, fontsize=size, color=color,
                  fontfamily=list(families) or None)
        with self.context():
            canvas.draw()
        box = label.get_window_extent(canvas.get_renderer())
        width, height = canvas.get_width_height()
        x0, x1 = max(0, math.floor(box.x0)), min(width, math.ceil(box.x1))
        y0, y1 = max(0, math.floor(box.y0)), min(height, math.ceil(box.y1))
        rgba = np.asarray(canvas.buffer_rgba())[height - y1:height - y0, x0:x1]
        alpha = rgba[..., 3:4].astype(np.float32) / OPAQUE
        return (alpha, rgba[..., :3].astype(np.float32), x0 - width / 2, y0 - height / 2,
                box.width)

    def _paste(self, pixels, sprite: Sprite) -> None:
        alpha, colour, dx, dy, width = self._sprite(sprite.text, sprite.size, sprite.families,
                                                    sprite.va, sprite.color)
        rows, cols = alpha.shape[:2]
        left = round(sprite.anchor[0] - width * _ALIGN_SHARE[sprite.ha] + dx)
        top = pixels.shape[0] - (round(sprite.anchor[1] + dy) + rows)
        # the part of the sprite that falls on the picture
        r0, c0 = max(0, -top), max(0, -left)
        r1, c1 = min(rows, pixels.shape[0] - top), min(cols, pixels.shape[1] - left)
        if r0 >= r1 or c0 >= c1:
            return
        region = pixels[top + r0:top + r1, left + c0:left + c1]
        a = alpha[r0:r1, c0:c1]
        region[...] = (colour[r0:r1, c0:c1] * a + region * (1 - a)).astype(pixels.dtype)


@contextlib.contextmanager
def _hidden(artists):
    """Within the block, the visible ones of ``artists`` are hidden."""
    shown = [a for a in artists if a.get_visible()]
    for artist in shown:
        artist.set_visible(False)
    try:
        yield
    finally:
        for artist in shown:
            artist.set_visible(True)
