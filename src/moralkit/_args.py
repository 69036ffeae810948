"""Checks of a public function's arguments: the wrong kind of value is a `ValidationError`.

Every public function refuses an argument of the wrong kind the same way: a `Problem` at the
argument's name with a catalogue code (``wrong_type``, ``not_allowed``, or the input policy's
own codes for numbers and fiscal years), raised together as `moralkit.ValidationError`.
Problems keep scalars as they are and anything else as shown text, so an error never holds
(or shows in full) the caller's huge or deeply nested object.

>>> problems = []
>>> fiscal_year_arg("2568", problems), [p.code for p in problems]
(None, ['wrong_type'])
>>> refuse([wrong_type("text", "kind.text", 7)], "to_thai_digits")
Traceback (most recent call last):
...
moralkit.errors.ValidationError: 1 problem in to_thai_digits:
  text: expected a string (got 7) / ต้องเป็นข้อความ (ได้รับ 7)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NoReturn

from moralkit.errors import Problem, ValidationError
from moralkit.messages import Term

if TYPE_CHECKING:
    from moralkit.thai.calendar import FiscalYear

__all__ = ["fiscal_year_arg", "items_of", "not_allowed", "refuse", "shown", "wrong_type"]


def shown(value: object) -> object:
    """``value`` as a problem may hold it: a plain scalar as it is, anything else as short text."""
    if value is None or isinstance(value, bool | str | Decimal):
        return value
    if isinstance(value, int) and -(10**15) < value < 10**15:
        return value
    from moralkit.messages import show  # noqa: PLC0415

    return show(value)


def wrong_type(path: str, kind: str, value: object) -> Problem:
    """``path`` holds a value that is not a ``kind`` (a catalogue term such as ``kind.text``)."""
    return Problem(path, "wrong_type", {"expected": Term(kind), "value": shown(value)})


def not_allowed(path: str, allowed: tuple[object, ...], value: object) -> Problem:
    """``path`` holds a value outside ``allowed``."""
    return Problem(path, "not_allowed", {"allowed": allowed, "value": shown(value)})


def items_of(
    name: str,
    items: object,
    cls: type[Any] | tuple[type[Any], ...],
    kind: str,
    problems: list[Problem],
) -> tuple[Any, ...]:
    """``items`` as a tuple when it is a collection of ``cls``; else its problems, at ``name``.

    Text and mappings are not collections of items here; each item of another type is a
    ``wrong_type`` at ``name[index]``, with ``kind`` saying what it should be.
    """
    if not isinstance(items, Iterable) or isinstance(items, str | bytes | Mapping):
        problems.append(wrong_type(name, "kind.list", items))
        return ()
    found = tuple(items)
    problems.extend(
        wrong_type(f"{name}[{index}]", kind, item)
        for index, item in enumerate(found)
        if not isinstance(item, cls)
    )
    return found


def fiscal_year_arg(
    value: object, problems: list[Problem], path: str = "fiscal_year"
) -> FiscalYear | None:
    """``value`` as a fiscal year under the one input policy, or None with its problems added.

    A `FiscalYear` or a whole BE year is accepted; text, floats and lists are not.
    """
    from moralkit.serde import load  # noqa: PLC0415 (serde imports the model)
    from moralkit.thai.calendar import FiscalYear  # noqa: PLC0415

    if isinstance(value, FiscalYear):
        return value
    try:
        return load(FiscalYear, value)
    except ValidationError as exc:
        problems.extend(p.at(path) for p in exc.problems)
        return None


def refuse(problems: list[Problem], subject: str) -> NoReturn:
    """Raise ``problems`` together, as one `ValidationError` about ``subject``."""
    raise ValidationError(problems, subject)
