"""Build frozen result objects from values that scoring already holds exactly.

attrs' ``__init__`` of a frozen slotted class sets each field through ``object.__setattr__``,
which looks the field up on the class every time; for results built thousands of times a
second that look-up is a good part of a record's cost. `builder` makes a function that sets
the slots directly. It runs no converter, validator or default, so it is only for classes
whose ``__init__`` does nothing else, and for callers that pass exactly what the fields hold.

>>> from attrs import frozen
>>> @frozen
... class Pair:
...     left: int
...     right: tuple[int, ...] = ()
>>> make = builder(Pair)
>>> make(1, (2,)) == Pair(1, (2,))
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

__all__ = ["builder"]

T = TypeVar("T")


def builder(cls: type[T]) -> Callable[..., T]:
    """``build(*values)``: an instance of ``cls`` with one value per field, in field order.

    ``cls`` must be a slotted attrs class without validators or ``__attrs_post_init__``
    (checked here); converters do not run, so pass tuples where the field holds a tuple.
    The instance equals ``cls(*values)`` and stays frozen.
    """
    fields = attrs.fields(cls)  # type: ignore[arg-type]  # any attrs class
    if any(f.validator is not None for f in fields) or hasattr(cls, "__attrs_post_init__"):
        raise TypeError(f"{cls.__name__} checks its values in __init__: build it with __init__")
    scope: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    lines = ["    self = _new(_cls)"]
    for index, field in enumerate(fields):
        slot = cls.__dict__.get(field.name)
        if not hasattr(slot, "__set__"):
            raise TypeError(f"{cls.__name__} is not slotted")
        scope[f"_set{index}"] = slot.__set__  # type: ignore[union-attr]  # checked above
        lines.append(f"    _set{index}(self, v{index})")
    arguments = ", ".join(f"v{index}" for index in range(len(fields)))
    source = f"def build({arguments}):\n" + "\n".join(lines) + "\n    return self\n"
    # Generated like attrs' own __init__: straight-line code, one call per slot.
    exec(compile(source, f"<moralkit builder {cls.__qualname__}>", "exec"), scope)
    build: Callable[..., T] = scope["build"]
    return build
