"""Building blocks shared by the model: labelled enums and constrained field specs.

Each spec declares a field's rule once, as a `moralkit._fields.Constraint` in the field's
metadata. The same rule becomes the attrs validator (for objects built in Python), the check
`moralkit.load` runs with a path (for data), the JSON Schema keyword, and the bound the
Hypothesis strategies in `moralkit.testing` respect. Specs are used as
``name_th: str = field(**TEXT)`` and ``name_en: str | None = field(default=None, **TEXT)``;
writing ``default=`` in the class keeps every default visible to type checkers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Any, Self, TypeVar

from moralkit._fields import (
    CONSTRAINT_KEY,
    ITEM_CONSTRAINT_KEY,
    REFERENCE_KEY,
    Constraint,
    Reference,
    invariant,
)
from moralkit.errors import Problem
from moralkit.thai.calendar import DateRange

__all__ = [
    "COUNT",
    "ID",
    "IDS",
    "ID_PATTERN",
    "MANY",
    "MONEY",
    "PERCENT",
    "PROVINCE",
    "PROVINCES",
    "PROVINCE_CODE_PATTERN",
    "TEXT",
    "TEXTS",
    "LabelledEnum",
    "LabelledIntEnum",
    "as_tuple",
    "bounded",
    "refers_to",
]

T = TypeVar("T")

#: Identifiers: lower-case ASCII words joined by hyphens, dots or underscores (``moph-hsd``).
ID_PATTERN = r"[a-z0-9]+(?:[-_.][a-z0-9]+)*"
#: The 77 ISO 3166-2:TH province codes, such as ``TH-10`` (Bangkok), and no others.
PROVINCE_CODE_PATTERN = r"TH-(?:1[0-9]|2[0-7]|[34][0-9]|5[0-8]|6[0-7]|7[0-7]|8[0-6]|9[0-6])"


E = TypeVar("E", bound=Enum)


def _member(_cls: type[E], member: E, value: object, label_th: str, label_en: str) -> E:
    """Finish an enum member created by its data type: set its value and both labels."""
    member._value_ = value
    member.label_th = label_th  # type: ignore[attr-defined]
    member.label_en = label_en  # type: ignore[attr-defined]
    return member


class LabelledEnum(StrEnum):
    """A string enum whose members carry a Thai and an English label.

    Members are declared as ``NAME = "value", "ป้ายไทย", "English label"``; the value is what
    travels on the wire.
    """

    label_th: str
    label_en: str

    if TYPE_CHECKING:  # type checkers see the lookup, ``Virtue("discipline")``

        def __new__(cls, value: str) -> Self: ...

    else:

        def __new__(cls, value: str, label_th: str, label_en: str) -> Self:
            return _member(cls, str.__new__(cls, value), value, label_th, label_en)

    def __str__(self) -> str:
        return str(self.value)

    def label(self, lang: str = "th") -> str:
        """The Thai (``"th"``) or English (``"en"``) label."""
        if lang == "th":
            return self.label_th
        if lang == "en":
            return self.label_en
        raise ValueError(f"'lang' must be 'th' or 'en' (got {lang!r})")


class LabelledIntEnum(int, Enum):
    """An integer enum (levels, ranks) whose members carry Thai and English labels."""

    label_th: str
    label_en: str

    if TYPE_CHECKING:  # type checkers see the lookup, ``MoralLevel(3)``

        def __new__(cls, value: int) -> Self: ...

    else:

        def __new__(cls, value: int, label_th: str, label_en: str) -> Self:
            return _member(cls, int.__new__(cls, value), value, label_th, label_en)

    def __str__(self) -> str:
        return str(self.value)


def as_tuple(value: Iterable[T]) -> tuple[T, ...]:
    """Turn a list (or any iterable but a string) into a tuple.

    A string is refused: ``tuple("abc")`` would silently become three one-letter items.
    """
    if isinstance(value, str | bytes):
        raise TypeError(f"expected a list or tuple, not a string (got {value!r})")
    return tuple(value)


def _spec(constraint: Constraint) -> dict[str, Any]:
    return {"validator": constraint.validator, "metadata": {CONSTRAINT_KEY: constraint}}


def _items_spec(constraint: Constraint) -> dict[str, Any]:
    return {
        "converter": as_tuple,
        "validator": constraint.each,
        "metadata": {ITEM_CONSTRAINT_KEY: constraint},
    }


def bounded(minimum: int | Decimal, maximum: int | Decimal) -> dict[str, Any]:
    """The spec of a number between ``minimum`` and ``maximum`` inclusive."""
    return _spec(Constraint(minimum=minimum, maximum=maximum))


_NON_BLANK = Constraint(min_length=1)
_ID = Constraint(min_length=1, pattern=ID_PATTERN, format="format.id")
_PROVINCE = Constraint(pattern=PROVINCE_CODE_PATTERN, format="format.province_code")

#: A non-blank string.
TEXT = _spec(_NON_BLANK)
#: An identifier (`ID_PATTERN`), of this object or of another it refers to.
ID = _spec(_ID)
#: A tuple of identifiers; lists are accepted.
IDS = _items_spec(_ID)
#: A tuple of non-blank strings; lists are accepted.
TEXTS = _items_spec(_NON_BLANK)
#: A tuple of values; lists are accepted.
MANY: dict[str, Any] = {"converter": as_tuple}
#: A whole number >= 0: people, items, rounds.
COUNT = _spec(Constraint(minimum=0))
#: An amount in baht as `~decimal.Decimal` >= 0.
MONEY = _spec(Constraint(minimum=Decimal(0)))
#: A percentage as `~decimal.Decimal` between 0 and 100.
PERCENT = _spec(Constraint(minimum=Decimal(0), maximum=Decimal(100)))
#: An ISO 3166-2:TH province code.
PROVINCE = _spec(_PROVINCE)
#: A tuple of ISO 3166-2:TH province codes; lists are accepted.
PROVINCES = _items_spec(_PROVINCE)


def refers_to(target: str, *, many: bool = False) -> dict[str, Any]:
    """The spec of a field holding the id (or, with ``many``, ids) of a ``target`` object.

    ``target`` is a `moralkit._fields.Reference` kind (``"organization"``, ``"person"`` ...);
    `moralkit.validate` checks that each id names an object of that kind.
    """
    spec = dict(IDS if many else ID)
    spec["metadata"] = {**spec["metadata"], REFERENCE_KEY: Reference(target)}
    return spec


@invariant(DateRange)
def _range_in_order(fields: Mapping[str, Any]) -> list[Problem]:
    start, end = fields.get("start"), fields.get("end")
    if start is not None and end is not None and end < start:
        return [Problem("end", "end_before_start", {"start": start, "end": end})]
    return []
