"""Evidence: what an organization did in a fiscal year, activity by activity.

Each activity's measure takes exactly one form: a ``percentage``; a ``part`` of a ``whole``
(45 signatories of 50 members, 15 activities achieved of 20 planned); a ``count``; several
named ``counts``; or ``done``.

>>> from decimal import Decimal
>>> ev = Evidence.of("moind-ops-hr", 2567, {1: Decimal("85"), 2: {"problems_and_good_deeds": 5,
...                  "do_and_dont": 3}, 3: True, 4: (15, 20)})
>>> [a.form for a in ev.activities]
['percentage', 'counts', 'done', 'part_of_whole']
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal, Protocol, runtime_checkable

from attrs import field, frozen

from moralkit.model import MoralLevel
from moralkit.model._base import COUNT, ID, MANY, PERCENT, TEXT, bounded
from moralkit.thai.calendar import FiscalYear

__all__ = ["ActivityEvidence", "Evidence", "Form", "NamedCount", "SuccessCounts", "percent_of"]

_CENT = Decimal("0.01")

Form = Literal["percentage", "part_of_whole", "count", "counts", "done"]


def percent_of(part: int, whole: int) -> Decimal:
    """``part`` as a percentage of ``whole``, rounded half-up to 2 places.

    >>> percent_of(2, 3)
    Decimal('66.67')
    """
    return (Decimal(part) * 100 / Decimal(whole)).quantize(_CENT, rounding=ROUND_HALF_UP)


@frozen
class NamedCount:
    """One named count: ``NamedCount("do_and_dont", 3)``."""

    name: str = field(**ID)
    count: int = field(**COUNT)


@frozen
class ActivityEvidence:
    """The measure of one activity, in exactly one form."""

    number: int = field(**bounded(1, 99))
    percentage: Decimal | None = field(default=None, **PERCENT)
    part: int | None = field(default=None, **COUNT)
    whole: int | None = field(default=None, **COUNT)
    count: int | None = field(default=None, **COUNT)
    counts: tuple[NamedCount, ...] | None = None
    done: bool | None = None
    note: str | None = field(default=None, **TEXT)

    def __attrs_post_init__(self) -> None:
        given = [
            name
            for name, value in (
                ("percentage", self.percentage),
                ("part/whole", self.part if self.part is not None else self.whole),
                ("count", self.count),
                ("counts", self.counts),
                ("done", self.done),
            )
            if value is not None
        ]
        if len(given) != 1:
            raise ValueError(
                f"activity {self.number} needs exactly one of percentage, part/whole, count, "
                f"counts or done (got {', '.join(given) or 'none'})"
            )
        if (self.part is None) != (self.whole is None):
            raise ValueError(f"activity {self.number}: 'part' and 'whole' go together")
        if self.part is not None and self.whole is not None:
            if self.whole == 0:
                raise ValueError(f"activity {self.number}: 'whole' must be > 0 (got 0)")
            if self.part > self.whole:
                raise ValueError(
                    f"activity {self.number}: 'part' ({self.part}) is more than 'whole' "
                    f"({self.whole}), such as more signatories than members"
                )

    @property
    def form(self) -> Form:
        """Which form the measure takes."""
        if self.percentage is not None:
            return "percentage"
        if self.part is not None:
            return "part_of_whole"
        if self.count is not None:
            return "count"
        if self.counts is not None:
            return "counts"
        return "done"

    @property
    def as_percentage(self) -> Decimal | None:
        """The measure as a percentage rounded half-up to 2 places, when it is one."""
        if self.percentage is not None:
            return self.percentage.quantize(_CENT, rounding=ROUND_HALF_UP)
        if self.part is not None and self.whole is not None:
            return percent_of(self.part, self.whole)
        return None

    def describe(self) -> str:
        """The measure as written: ``79.995%``, ``45 of 50``, ``4``, ``done``."""
        if self.percentage is not None:
            return f"{self.percentage}%"
        if self.part is not None:
            return f"{self.part} of {self.whole}"
        if self.count is not None:
            return str(self.count)
        if self.counts is not None:
            return ", ".join(f"{c.name} {c.count}" for c in self.counts)
        return "done" if self.done else "not done"


@runtime_checkable
class SuccessCounts(Protocol):
    """Anything with ``achieved`` and ``planned`` counts, such as a plan's progress."""

    @property
    def achieved(self) -> int:
        """Activities achieved."""

    @property
    def planned(self) -> int:
        """Activities planned."""


Value = Decimal | int | bool | tuple[int, int] | Mapping[str, int] | SuccessCounts


def _activity(number: int, value: Value) -> ActivityEvidence:
    if isinstance(value, SuccessCounts):
        return ActivityEvidence(number, part=value.achieved, whole=value.planned)
    if isinstance(value, bool):
        return ActivityEvidence(number, done=value)
    if isinstance(value, Decimal):
        return ActivityEvidence(number, percentage=value)
    if isinstance(value, int):
        return ActivityEvidence(number, count=value)
    if isinstance(value, tuple):
        return ActivityEvidence(number, part=value[0], whole=value[1])
    if isinstance(value, Mapping):
        return ActivityEvidence(number, counts=tuple(NamedCount(k, v) for k, v in value.items()))
    raise TypeError(
        f"activity {number}: use a Decimal percentage, an int count, a (part, whole) pair, "
        f"a mapping of named counts or a bool (got {value!r})"
    )


@frozen
class Evidence:
    """What an organization (or community, district, province) did in one fiscal year.

    ``declared_level`` is the level the unit declares itself, used only by level rule R0.
    """

    organization: str = field(**ID)
    fiscal_year: FiscalYear
    activities: tuple[ActivityEvidence, ...] = field(default=(), **MANY)
    tier: Literal["organization", "community", "district", "province"] = "organization"
    declared_level: MoralLevel | None = None
    note: str | None = field(default=None, **TEXT)

    @classmethod
    def of(
        cls,
        organization: str,
        fiscal_year: FiscalYear | int,
        values: Mapping[int, Value],
        **options: object,
    ) -> Evidence:
        """Build evidence from ``{activity number: value}``.

        A `~decimal.Decimal` is a percentage, an ``int`` a count, a ``(part, whole)`` pair a
        share, a mapping a set of named counts, a ``bool`` done or not, and anything with
        ``achieved`` and ``planned`` counts (a plan's progress) a success rate. Floats are
        refused: they cannot carry two decimals exactly.
        """
        fy = fiscal_year if isinstance(fiscal_year, FiscalYear) else FiscalYear(fiscal_year)
        items = tuple(_activity(number, value) for number, value in sorted(values.items()))
        return cls(organization, fy, items, **options)  # type: ignore[arg-type]

    def measure(self, number: int) -> ActivityEvidence | None:
        """The measure given for activity ``number``, if any."""
        return next((a for a in self.activities if a.number == number), None)
