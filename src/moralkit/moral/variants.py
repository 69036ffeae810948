"""Variants of a rubric: shipped ones chosen by name, and your own changes to any rubric.

Shipped variants are rubric files beside the packaged ones (``rules/variants/``). They are
never chosen by fiscal year: you ask for one by its id.

* ``moral-org-b-2568.fy2569-thresholds``: FY2566-2568 held to the FY2569 thresholds of items
  1 and 2 (>= 80 % signatures, >= 5 problems/good deeds, >= 3 Do & Don't items).
* ``moral-org-a.community``, ``moral-org-b-2568.community``, ``moral-org-b-2569.community``:
  communities and districts, whose first three steps come in their own order (target virtues,
  declaration, plan; Phichit 2561).

>>> variant("moral-org-b-2568.fy2569-thresholds").activity(1).bands[0].min
Decimal('80.00')
>>> [v.id for v in variants(2567, tier="community")]
['moral-org-b-2568.community']

`with_threshold`, `with_requirement` and `with_level_rule` derive your own variant:

>>> from decimal import Decimal
>>> from moralkit.moral import RUBRICS
>>> strict = with_threshold(RUBRICS.for_year(2568), 7, Decimal(90))
>>> strict.activity(7).bands[0].min, strict.id
(Decimal('90'), 'moral-org-b-2568.derived')
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import Any

import attrs

from moralkit._decimal import CONTEXT, check_decimal
from moralkit.errors import Problem, ValidationError
from moralkit.moral.assess import RUBRICS
from moralkit.moral.rubric import Band, EvidenceKind, LevelRule, Rubric, Tier, check_rubric
from moralkit.rules import RuleBook, covers
from moralkit.thai.calendar import FiscalYear

__all__ = [
    "VARIANTS",
    "variant",
    "variants",
    "with_level_rule",
    "with_requirement",
    "with_threshold",
]

#: The shipped variants, looked up by id (``VARIANTS.by_id``), never by fiscal year alone.
VARIANTS: RuleBook[Rubric] = RuleBook(
    "moral-variant", Rubric, "moralkit.moral", "rules/variants", check_rubric
)


def variant(variant_id: str) -> Rubric:
    """The shipped variant with this id; `KeyError` naming the ids that exist."""
    return VARIANTS.by_id(variant_id)


def variants(fiscal_year: FiscalYear | int, tier: Tier | None = None) -> tuple[Rubric, ...]:
    """The shipped variants effective in ``fiscal_year`` (and assessing ``tier``, if given)."""
    fy = fiscal_year if isinstance(fiscal_year, FiscalYear) else FiscalYear(fiscal_year)
    return tuple(v for v in VARIANTS.all() if covers(v, fy) and (tier is None or tier in v.tiers))


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
    low = check_decimal(minimum)  # the one number policy: no float, bool, NaN or huge value
    if isinstance(low, Problem):
        raise ValidationError([low.at("minimum")], f"threshold of {rubric.id}")
    if activity.evidence is EvidenceKind.COUNT:
        with localcontext(CONTEXT):
            bands = (Band(low, None, top), Band(Decimal(0), low - 1, 0))
    elif activity.evidence in (EvidenceKind.PERCENTAGE, EvidenceKind.SUCCESS_RATE):
        with localcontext(CONTEXT):
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
