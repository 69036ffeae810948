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

An id that is not shipped raises `UnknownVariantError` (a `moralkit.RuleNotFoundError`)
naming the ids there are:

>>> variant("nope")
Traceback (most recent call last):
...
moralkit.moral.variants.UnknownVariantError: no shipped rubric variant nope; the variants are ...

`with_threshold`, `with_requirement` and `with_level_rule` derive your own variant:

>>> from decimal import Decimal
>>> from moralkit.moral import RUBRICS
>>> strict = with_threshold(RUBRICS.for_year(2568), 7, Decimal(90))
>>> strict.activity(7).bands[0].min, strict.id
(Decimal('90'), 'moral-org-b-2568.derived')

Their arguments are checked as input is: every problem at once, each at the name of the
argument it is about, as `moralkit.ValidationError`.

>>> with_threshold(RUBRICS.for_year(2568), 99, "1.5e3")
Traceback (most recent call last):
...
moralkit.errors.ValidationError: 2 problems in a variant of moral-org-b-2568:
  number: rubric moral-org-b-2568 has no activity 99 (it has 1, 2, ...) / ...
  minimum: ...
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, localcontext
from typing import Any

import attrs

from moralkit._args import fiscal_year_arg, not_allowed, refuse, shown, wrong_type
from moralkit._decimal import CONTEXT, check_decimal, check_integer
from moralkit.errors import Problem, RuleNotFoundError, ValidationError
from moralkit.messages import Lang, Verbatim, Words, render
from moralkit.moral.assess import RUBRICS
from moralkit.moral.rubric import (
    LEVEL_RULE_NAMES,
    Activity,
    Band,
    EvidenceKind,
    LevelRule,
    Rubric,
    Tier,
    canonical_rule,
    check_rubric,
)
from moralkit.rules import RuleBook, covers
from moralkit.thai.calendar import FiscalYear

__all__ = [
    "VARIANTS",
    "UnknownVariantError",
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

#: The tiers a rubric may assess, in the order the docs list them.
TIERS: tuple[Tier, ...] = ("organization", "community", "district", "province")


class UnknownVariantError(RuleNotFoundError):
    """No shipped variant has the asked id; ``known`` lists the ids there are.

    A `moralkit.RuleNotFoundError` (and so a `LookupError`) that is looked up by id, not by
    fiscal year: ``fiscal_year`` is ``None``. Its message is in English and Thai.

    >>> err = UnknownVariantError("x", ("a", "b"))
    >>> err.message("th")
    'ไม่มีเกณฑ์ฉบับปรับ x ในชุดที่ moralkit จัดมา (ที่มี: a, b)'
    """

    fiscal_year: int | None  # type: ignore[assignment]  # looked up by id, not by year

    def __init__(self, variant_id: str, known: Iterable[str]) -> None:
        self.variant_id = variant_id
        self.known = tuple(known)
        self.kind = VARIANTS.kind
        self.fiscal_year = None
        self.available: tuple[int, ...] = ()
        LookupError.__init__(self, variant_id, self.known)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.variant_id, self.known))

    def message(self, lang: Lang) -> str:
        """What is wrong, in ``lang`` (``"th"`` or ``"en"``), from the catalogue."""
        known = Verbatim(", ".join(self.known))  # every id, never cut short
        return render("moral.unknown_variant", lang, {"variant": self.variant_id, "known": known})

    def __str__(self) -> str:
        return f"{self.message('en')} / {self.message('th')}"


def variant(variant_id: str) -> Rubric:
    """The shipped variant with this id; `UnknownVariantError` naming the ids that exist.

    >>> variant("moral-org-a.community").tiers
    ('community', 'district')
    """
    if not isinstance(variant_id, str):
        refuse([wrong_type("variant_id", "kind.text", variant_id)], "variant")
    for shipped in VARIANTS.all():
        if shipped.id == variant_id:
            return shipped
    raise UnknownVariantError(variant_id, (v.id for v in VARIANTS.all()))


def variants(fiscal_year: FiscalYear | int, tier: Tier | None = None) -> tuple[Rubric, ...]:
    """The shipped variants effective in ``fiscal_year`` (and assessing ``tier``, if given).

    >>> [v.id for v in variants(2569, tier="district")]
    ['moral-org-b-2569.community']
    """
    problems: list[Problem] = []
    fy = fiscal_year_arg(fiscal_year, problems)
    if tier is not None and tier not in TIERS:
        problems.append(not_allowed("tier", TIERS, tier))
    if fy is None or problems:
        refuse(problems, "variants")
    return tuple(v for v in VARIANTS.all() if covers(v, fy) and (tier is None or tier in v.tiers))


_CENT = Decimal("0.01")


def _rubric(rubric: object, problems: list[Problem]) -> Rubric | None:
    if isinstance(rubric, Rubric):
        return rubric
    problems.append(wrong_type("rubric", "moral.kind.rubric", rubric))
    return None


def _activity(rubric: Rubric | None, number: object, problems: list[Problem]) -> Activity | None:
    whole = check_integer(number)
    if isinstance(whole, Problem):
        problems.append(whole.at("number"))
        return None
    if rubric is None:
        return None
    for activity in rubric.activities:
        if activity.number == whole:
            return activity
    numbers = tuple(a.number for a in rubric.ordered)
    problems.append(
        Problem(
            "number",
            "moral.unknown_activity",
            {"rubric": rubric.id, "number": whole, "numbers": numbers},
        )
    )
    return None


def _bounded(
    path: str, value: Decimal | int, low: Decimal | int, high: Decimal | int | None
) -> list[Problem]:
    if value < low:
        return [Problem(path, "below_minimum", {"minimum": low, "value": value})]
    if high is not None and value > high:
        return [Problem(path, "above_maximum", {"maximum": high, "value": value})]
    return []


def _replace(rubric: Rubric, number: int, subject: str, **changes: Any) -> Rubric:
    activities = tuple(
        attrs.evolve(a, **changes) if a.number == number else a for a in rubric.activities
    )
    return _derived(rubric, subject, activities=activities)


def _derived(
    rubric: Rubric, subject: str, paths: Mapping[str, str] | None = None, **changes: Any
) -> Rubric:
    """`RUBRICS.derive`, its problems moved to the argument they come from where one does."""
    try:
        return RUBRICS.derive(rubric, **changes)
    except ValidationError as exc:
        moved = [
            Problem((paths or {}).get(p.path, p.path), p.code, p.params, p.severity)
            for p in exc.problems
        ]
        raise ValidationError(moved, subject) from None


def _subject(rubric: Rubric | None) -> str:
    return f"a variant of {rubric.id}" if rubric is not None else "a variant"


def with_threshold(rubric: Rubric, number: int, minimum: Decimal | int) -> Rubric:
    """Activity ``number`` is met (full marks) from ``minimum`` up, and scores 0 below it.

    For percentage, success-rate and count activities; the result has two bands. A
    percentage threshold is above 0 and at most 100, with at most two decimal places (the
    places rounded percentages have); a count threshold is a whole number from 1.
    """
    problems: list[Problem] = []
    checked = _rubric(rubric, problems)
    activity = _activity(checked, number, problems)
    low = check_decimal(minimum)  # the one number policy: no float, bool, NaN or huge value
    if isinstance(low, Problem):
        problems.append(low.at("minimum"))
    elif activity is not None and activity.evidence is EvidenceKind.COUNT:
        problems.extend(_bounded("minimum", low, 1, None))
        if low != low.to_integral_value():
            problems.append(wrong_type("minimum", "kind.integer", low))
    elif activity is not None and activity.evidence in (
        EvidenceKind.PERCENTAGE,
        EvidenceKind.SUCCESS_RATE,
    ):
        problems.extend(_bounded("minimum", low, _CENT, Decimal(100)))
        if low != low.quantize(_CENT, context=CONTEXT):
            problems.append(Problem("minimum", "moral.band_off_grid", {"value": low}))
    elif activity is not None:
        kind = activity.evidence
        evidence = Words(kind.label_th, kind.label_en)
        problems.append(
            Problem(
                "number", "moral.no_threshold", {"number": activity.number, "evidence": evidence}
            )
        )
    if problems or checked is None or activity is None or isinstance(low, Problem):
        refuse(problems, _subject(checked))
    top = checked.max_points
    with localcontext(CONTEXT):
        if activity.evidence is EvidenceKind.COUNT:
            bands = (Band(low, None, top), Band(Decimal(0), low - 1, 0))
        else:
            bands = (Band(low, Decimal(100), top), Band(Decimal(0), low - _CENT, 0))
    return _replace(checked, activity.number, _subject(checked), bands=bands)


#: The bounds of a requirement's minimum (`moralkit.moral.Requirement`).
_REQUIREMENT_MAX = 1_000_000


def with_requirement(rubric: Rubric, number: int, name: str, minimum: int) -> Rubric:
    """Change the minimum of one named count of a several-counts activity.

    >>> from moralkit.moral import RUBRICS
    >>> b69 = with_requirement(RUBRICS.for_year(2569), 2, "do_and_dont", 4)
    >>> [(r.name, r.min) for r in b69.activity(2).requirements][-1]
    ('do_and_dont', 4)
    """
    problems: list[Problem] = []
    checked = _rubric(rubric, problems)
    activity = _activity(checked, number, problems)
    count = check_integer(minimum)
    if isinstance(count, Problem):
        problems.append(count.at("minimum"))
    else:
        problems.extend(_bounded("minimum", count, 0, _REQUIREMENT_MAX))
    if not isinstance(name, str):
        problems.append(wrong_type("name", "kind.text", name))
    elif activity is not None:
        names = tuple(r.name for r in activity.requirements)
        if name not in names:
            params = {"number": activity.number, "names": names, "name": name}
            problems.append(Problem("name", "moral.unknown_count", params))
    if problems or checked is None or activity is None or isinstance(count, Problem):
        refuse(problems, _subject(checked))
    requirements = tuple(
        attrs.evolve(r, min=count) if r.name == name else r for r in activity.requirements
    )
    return _replace(checked, activity.number, _subject(checked), requirements=requirements)


#: Where `with_level_rule` reports a problem `check_rubric` finds in the rule it built.
_LEVEL_RULE_PATHS = {
    "level_rule.rule": "rule",
    "level_rule.check": "check",
    "level_rule.threshold": "threshold",
}


def with_level_rule(
    rubric: Rubric, rule: str, threshold: int | None = None, check: str | None = None
) -> Rubric:
    """The same rubric passed under another level rule (``R0``-``R3``, or by name).

    >>> from moralkit.moral import RUBRICS
    >>> with_level_rule(RUBRICS.for_year(2565), "R3", 4).level_rule.name
    'level_total_at_least'
    """
    problems: list[Problem] = []
    checked = _rubric(rubric, problems)
    known = tuple(sorted(LEVEL_RULE_NAMES))
    for path, value in (("rule", rule), ("check", check)):
        if path == "check" and value is None:
            continue
        if not isinstance(value, str) or canonical_rule(value) is None:
            params = {"rule": shown(value), "known": known}
            problems.append(Problem(path, "moral.unknown_level_rule", params))
    whole: int | None = None
    if threshold is not None:
        checked_threshold = check_integer(threshold)
        if isinstance(checked_threshold, Problem):
            problems.append(checked_threshold.at("threshold"))
        else:
            whole = checked_threshold
            problems.extend(_bounded("threshold", whole, 0, 99))
    if problems or checked is None:
        refuse(problems, _subject(checked))
    level_rule = LevelRule(rule, whole, check, "unsourced")  # type: ignore[arg-type]
    return _derived(checked, _subject(checked), _LEVEL_RULE_PATHS, level_rule=level_rule)
