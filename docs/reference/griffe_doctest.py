"""A griffe extension for the API reference: docstring examples become ``pycon`` code blocks.

moralkit's docstrings show runnable ``>>>`` examples (pytest runs them). Markdown would read
their ``>`` as quotes and their ``[...][...]`` as links, so each run of example lines is
fenced before mkdocstrings renders it.
"""

from __future__ import annotations

from typing import Any

import griffe


def fence(text: str) -> str:
    r"""Wrap each run of ``>>>`` lines and their output in a fenced ``pycon`` block.

    >>> fence("Intro.\n\n>>> 1 + 1\n2\n\nAfter.").splitlines()
    ['Intro.', '', '```pycon', '>>> 1 + 1', '2', '```', '', 'After.']
    """
    out: list[str] = []
    inside = False
    fenced = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("```"):
            fenced = not fenced
        if not fenced and not inside and stripped.startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}```pycon")
            inside = True
        elif inside and not stripped:
            out.append(f"{indent}```")
            inside = False
        out.append(line)
    if inside:
        out.append(f"{indent}```")
    return "\n".join(out)


class DoctestBlocks(griffe.Extension):
    """Fence the examples of every object's docstring."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Fence the examples of one object as griffe loads it."""
        if obj.docstring is not None:
            obj.docstring.value = fence(obj.docstring.value)
