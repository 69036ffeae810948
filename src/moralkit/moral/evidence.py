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
from decimal import Decimal
from typing import Any, Literal, Protocol, runtime_checkable

from attrs import field, frozen

from moralkit._args import refuse
from moralkit._decimal import (
    MAX_MAGNITUDE,
    check_integer,
    plain_scalar,
    quantize_half_up,
    share_of_counts,
)
from moralkit._fields import invariant
from moralkit.errors import Problem, ValidationError
from moralkit.model import MoralLevel
from moralkit.model._base import COUNT, ID, MANY, PERCENT, TEXT, bounded
from moralkit.thai.calendar import FiscalYear

__all__ = ["ActivityEvidence", "Evidence", "Form", "NamedCount", "SuccessCounts", "percent_of"]

Form = Literal["percentage", "part_of_whole", "count", "counts", "done"]


def percent_of(part: int, whole: int) -> Decimal:
    """``part`` as a percentage of ``whole``, rounded half-up to 2 places.

    Both are whole numbers under the input policy and ``whole`` is at least 1; anything else
    is refused with `moralkit.ValidationError`, each problem at the argument's name.

    >>> percent_of(2, 3)
    Decimal('66.67')
    """
    if (
        type(part) is not int
        or type(whole) is not int
        or not 1 <= whole < MAX_MAGNITUDE
        or not -MAX_MAGNITUDE < part < MAX_MAGNITUDE
    ):
        part, whole = _counts_for_share(part, whole)
    return share_of_counts(part, whole)


def _counts_for_share(part: object, whole: object) -> tuple[int, int]:
    checked = {name: check_integer(value) for name, value in (("part", part), ("whole", whole))}
    problems = [p.at(name) for name, p in checked.items() if isinstance(p, Problem)]
    count = checked["whole"]
    if isinstance(count, int) and count < 1:
        problems.append(Problem("whole", "below_minimum", {"minimum": 1, "value": count}))
    if problems:
        refuse(problems, "percent_of")
    numbers = tuple(checked.values())
    assert isinstance(numbers[0], int) and isinstance(numbers[1], int)  # noqa: PT018
    return numbers[0], numbers[1]


@frozen
class NamedCount:
    """One named count: ``NamedCount("do_and_dont", 3)``."""

    name: str = field(**ID)
    count: int = field(**COUNT)


def _measure_problems(fields: Mapping[str, Any]) -> list[Problem]:
    """The rules that join the fields of one activity's measure (the loader checks each field)."""
    number, part, whole = fields.get("number"), fields.get("part"), fields.get("whole")
    given = tuple(
        name
        for name, value in (
            ("percentage", fields.get("percentage")),
            ("part/whole", part if part is not None else whole),
            ("count", fields.get("count")),
            ("counts", fields.get("counts")),
            ("done", fields.get("done")),
        )
        if value is not None
    )
    if len(given) != 1:
        return [Problem("", "moral.one_form", {"number": number, "given": given})]
    if (part is None) != (whole is None):
        return [Problem("", "moral.part_and_whole", {"number": number})]
    if whole == 0:
        return [Problem("whole", "moral.empty_whole", {"number": number})]
    if part is not None and whole is not None and part > whole:
        params = {"number": number, "part": part, "whole": whole}
        return [Problem("part", "moral.part_above_whole", params)]
    return []


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
        problems = self.problems()
        if problems:
            raise ValidationError(problems, f"activity {self.number}")

    def problems(self) -> list[Problem]:
        """What is wrong with the measure across its fields (the loader checks each field).

        Building a measure with such a problem raises `moralkit.ValidationError`:

        >>> ActivityEvidence(1, part=5, whole=4)
        Traceback (most recent call last):
        ...
        moralkit.errors.ValidationError: 1 problem in activity 1:
          part: ...
        """
        return _measure_problems({name: getattr(self, name) for name in _MEASURE_FIELDS})

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
            return quantize_half_up(self.percentage, 2)
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


def _activity(number: object, value: object) -> dict[str, Any]:
    """One ``{number: value}`` entry as the loader's data for an `ActivityEvidence`."""
    value = plain_scalar(value)  # numpy and pandas scalars as their Python twins
    if isinstance(value, tuple) and len(value) == 2:
        value = (plain_scalar(value[0]), plain_scalar(value[1]))
    if isinstance(value, SuccessCounts) and not isinstance(value, Mapping):
        return {"number": number, "part": value.achieved, "whole": value.planned}
    if isinstance(value, bool):
        return {"number": number, "done": value}
    if isinstance(value, Decimal):
        return {"number": number, "percentage": value}
    if isinstance(value, int):
        return {"number": number, "count": value}
    if isinstance(value, tuple) and len(value) == 2:
        return {"number": number, "part": value[0], "whole": value[1]}
    if isinstance(value, Mapping):
        counts = [{"name": k, "count": v} for k, v in value.items()]
        return {"number": number, "counts": counts}
    raise ValidationError(
        [Problem(f"activities[{number}]", "moral.bad_value", {"number": number, "value": value})],
        "Evidence",
    )


_MEASURE_FIELDS = ("number", "percentage", "part", "whole", "count", "counts", "done")
# The loader checks the joined rules before it builds the object, so their problems keep paths.
invariant(ActivityEvidence)(_measure_problems)


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
        refused: they cannot carry two decimals exactly. The result is built by the one
        converter, so every problem (a value of the wrong kind, a fiscal year given as text)
        is raised together as `moralkit.ValidationError` with its path.
        """
        from moralkit.serde import dump, load  # noqa: PLC0415 (the loader is the one way in)

        if not isinstance(values, Mapping):
            raise ValidationError([Problem("activities", "moral.values_not_a_mapping")], "Evidence")
        problems: list[Problem] = []
        items = []
        ordered = sorted(values.items(), key=lambda item: str(item[0]).zfill(9))
        for index, (number, value) in enumerate(ordered):
            try:
                item = _activity(number, value)
            except ValidationError as exc:
                problems.extend(exc.problems)
                continue
            part, whole = item.get("part"), item.get("whole")
            if isinstance(part, int) and isinstance(whole, int) and (whole == 0 or part > whole):
                field_name, code = (
                    ("whole", "moral.empty_whole")
                    if whole == 0
                    else ("part", "moral.part_above_whole")
                )
                params = {"number": number, "part": part, "whole": whole}
                problems.append(Problem(f"activities[{index}].{field_name}", code, params))
                continue
            items.append(item)
        if problems:
            raise ValidationError(problems, "Evidence")
        data = {
            "organization": organization,
            "fiscal_year": fiscal_year.be if isinstance(fiscal_year, FiscalYear) else fiscal_year,
            "activities": items,
            **{k: dump(v) if hasattr(v, "__attrs_attrs__") else v for k, v in options.items()},
        }
        declared = data.get("declared_level")
        if isinstance(declared, MoralLevel):
            data["declared_level"] = declared.value
        return load(cls, data)

    def measure(self, number: int) -> ActivityEvidence | None:
        """The measure given for activity ``number``, if any."""
        return next((a for a in self.activities if a.number == number), None)
