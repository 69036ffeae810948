"""The figure class of `moralkit.plot`: a matplotlib Figure that shows itself in Jupyter.

A bare `~matplotlib.figure.Figure` shows as a PNG in a notebook only after pyplot (or
``%matplotlib inline``) has set up the inline backend. moralkit's charts are made without
pyplot, so nothing is registered globally; this subclass draws its own PNG when Jupyter asks.
Imported only by `moralkit.plot`, when matplotlib is installed.
"""

from __future__ import annotations

import io

from matplotlib.figure import Figure

__all__ = ["ChartFigure"]


class ChartFigure(Figure):
    """A matplotlib Figure with a PNG form for Jupyter; otherwise a plain Figure."""

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png")
        return buffer.getvalue()
