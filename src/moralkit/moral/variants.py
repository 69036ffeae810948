"""Variants of a rubric: change a threshold or the level rule without touching the original.

>>> from decimal import Decimal
>>> from moralkit.moral import RUBRICS
>>> strict = with_threshold(RUBRICS.for_year(2568), 7, Decimal(90))
>>> strict.activity(7).bands[0].min, strict.id
(Decimal('90'), 'moral-org-b-2568.derived')
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from moralkit.moral.assess import RUBRICS
from moralkit.moral.rubric import Band, EvidenceKind, LevelRule, Rubric

__all__ = ["with_level_rule", "with_requirement", "with_threshold"]

_CENT = Decimal("0.01")


def _replace(rubric: Rubric, number: int, **changes: Any) -> Rubric:
    rubric.activity(number)  # KeyError naming the numbers when it does not exist
    activities = tuple(
        attrs.evolve(a, **changes) if a.number == number else a for a in rubric.activities
    )
    return RUBRICS.derive(rubric, activities=activities)


def with_threshold(rubric: Rubric, number: int, minimum: Decimal | int) -> Rubric:
    """Activity ``number`` is met (full marks) from ``minimum`` up, and scores 0 below it.

    For percentage, success-rate and count activities; the result has two bands.
    """
    activity = rubric.activity(number)
    top = rubric.max_points
    low = Decimal(minimum)
    if activity.evidence is EvidenceKind.COUNT:
        bands = (Band(low, None, top), Band(Decimal(0), low - 1, 0))
    elif activity.evidence in (EvidenceKind.PERCENTAGE, EvidenceKind.SUCCESS_RATE):
        bands = (Band(low, Decimal(100), top), Band(Decimal(0), low - _CENT, 0))
    else:
        raise ValueError(f"activity {number} is {activity.evidence.value}: it has no threshold")
    return _replace(rubric, number, bands=bands)


def with_requirement(rubric: Rubric, number: int, name: str, minimum: int) -> Rubric:
    """Change the minimum of one named count of a several-counts activity."""
    activity = rubric.activity(number)
    names = [r.name for r in activity.requirements]
    if name not in names:
        raise KeyError(f"activity {number} has no count {name!r}; it has {', '.join(names)}")
    requirements = tuple(
        attrs.evolve(r, min=minimum) if r.name == name else r for r in activity.requirements
    )
    return _replace(rubric, number, requirements=requirements)


def with_level_rule(
    rubric: Rubric, rule: str, threshold: int | None = None, check: str | None = None
) -> Rubric:
    """The same rubric passed under another level rule (``R0``-``R3``)."""
    level_rule = LevelRule(rule, threshold, check, "unsourced")  # type: ignore[arg-type]
    return RUBRICS.derive(rubric, level_rule=level_rule)
