"""What a province reports each year: units per level per tier, its own decision rule, its rubric.

A province (through its moral-promotion sub-committee and the Provincial Culture Office) assesses
the organizations, communities and districts in it and reports how many reached each level.

* `ProvinceReport` holds those counts, per tier; `ProvinceReport.from_results` builds one from
  `moralkit.moral.assess` results.
* `DecisionRule` is a rule of the form "N % of units at level k". **No such rule is published**,
  so moralkit ships none and `decide` has no default: the province supplies its rule as data
  (`load_decision_rule`), with the status it gives it.
* The province's own ten-indicator rubric (10 indicators, 3 levels: a central standard whose
  texts are not public) ships as a scaffold to fill in (`province_scaffold`);
  `load_province_rubric` refuses it while any text, level or evidence kind is left empty.

Bangkok's FY2562 tallies (communities 7 / 6 / 9 and organizations 28 / 18 / 12 at levels
3 / 2 / 1), judged by a rule a province might choose, "80 % of organizations at level 2 or
above":

>>> report = ProvinceReport("TH-10", FiscalYear(2562), (
...     TierCount("community", model=7, moral=6, promoting=9),
...     TierCount("organization", model=28, moral=18, promoting=12),
... ))
>>> report.total("community"), report.total("organization")
(22, 58)
>>> rule = DecisionRule("my-rule", level=2, share=Decimal(80), counting="at_least",
...                     tiers=("organization",), status="unsourced")
>>> decision = decide(report, rule)
>>> decision.met, decision.share, decision.short_by
(False, Decimal('79.31'), 1)
>>> decision.message("en")
'rule my-rule: 46 of 58 units (79.31 %) count at level 2; 80 % are needed, 1 more would do'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

from attrs import field, frozen

from moralkit._decimal import percent
from moralkit.errors import Problem, ValidationError
from moralkit.messages import Lang, render
from moralkit.model._base import COUNT, ID, IDS, MANY, PERCENT, PROVINCE, TEXT, bounded
from moralkit.moral.assess import RUBRICS, Result
from moralkit.moral.rubric import Rubric
from moralkit.rules import RuleStatus
from moralkit.serde import load
from moralkit.thai.calendar import FiscalYear

__all__ = [
    "Decision",
    "DecisionRule",
    "ProvinceReport",
    "TierCount",
    "UnitTier",
    "decide",
    "load_decision_rule",
    "load_province_rubric",
    "province_scaffold",
]

#: The tiers a province reports on.
UnitTier = Literal["organization", "community", "district"]

_SCAFFOLD = "province-10-indicators.json"
_INDICATORS = 10


@frozen
class TierCount:
    """Units of one tier at each level: ``model`` (3), ``moral`` (2), ``promoting`` (1).

    ``not_yet`` counts units assessed that reached no level.

    >>> TierCount("community", model=7, moral=6, promoting=9).total  # BMA FY2562 (T10)
    22
    """

    tier: UnitTier
    model: int = field(default=0, **COUNT)
    moral: int = field(default=0, **COUNT)
    promoting: int = field(default=0, **COUNT)
    not_yet: int = field(default=0, **COUNT)

    def at(self, level: int) -> int:
        """Units at exactly ``level`` (0 for those at no level)."""
        counts = (self.not_yet, self.promoting, self.moral, self.model)
        if not 0 <= level <= 3:
            raise ValueError(f"'level' must be 0 to 3 (got {level})")
        return counts[level]

    def at_least(self, level: int) -> int:
        """Units at ``level`` or above."""
        return sum(self.at(k) for k in range(level, 4))

    @property
    def total(self) -> int:
        """Every unit counted, at a level or not."""
        return self.not_yet + self.promoting + self.moral + self.model


def _one_per_tier(_instance: object, _attribute: object, value: tuple[TierCount, ...]) -> None:
    seen = [t.tier for t in value]
    twice = sorted({t for t in seen if seen.count(t) > 1})
    if twice:
        raise ValueError(f"'tiers' must count each tier once (got {', '.join(twice)} twice)")


@frozen
class ProvinceReport:
    """A province's yearly roll-up: units per level per tier, for one fiscal year.

    ``province`` is an ISO 3166-2:TH code; ``tiers`` holds one `TierCount` per tier reported.
    """

    province: str = field(**PROVINCE)
    fiscal_year: FiscalYear
    tiers: tuple[TierCount, ...] = field(default=(), validator=_one_per_tier, **MANY)
    reported_on: date | None = field(default=None)
    sources: tuple[str, ...] = field(default=(), **IDS)
    note_th: str | None = field(default=None, **TEXT)

    def tier(self, tier: UnitTier) -> TierCount:
        """The counts of one tier; `KeyError` when the report does not cover it."""
        for counts in self.tiers:
            if counts.tier == tier:
                return counts
        have = ", ".join(t.tier for t in self.tiers) or "none"
        raise KeyError(f"the report has no {tier!r} counts (it has {have})")

    def count(self, tier: UnitTier, level: int) -> int:
        """Units of ``tier`` at exactly ``level``."""
        return self.tier(tier).at(level)

    def total(self, tier: UnitTier) -> int:
        """Units of ``tier`` counted."""
        return self.tier(tier).total

    @classmethod
    def from_results(
        cls, province: str, fiscal_year: FiscalYear | int, results: Iterable[Result]
    ) -> ProvinceReport:
        """Count assessment results per tier and level (each unit's ``level``).

        Every result must be for ``fiscal_year`` and for an organization, community or
        district; the others are refused with their index.
        """
        fy = fiscal_year if isinstance(fiscal_year, FiscalYear) else FiscalYear(fiscal_year)
        counts: dict[str, list[int]] = {}
        problems: list[Problem] = []
        for index, result in enumerate(results):
            tier = result.evidence.tier
            if result.evidence.fiscal_year != fy:
                problems.append(
                    Problem(
                        f"[{index}].evidence.fiscal_year",
                        "moral_cycle.other_fiscal_year",
                        {"got": result.evidence.fiscal_year.be, "expected": fy.be},
                    )
                )
            if tier not in ("organization", "community", "district"):
                problems.append(
                    Problem(
                        f"[{index}].evidence.tier", "moral_cycle.not_a_unit_tier", {"tier": tier}
                    )
                )
                continue
            counts.setdefault(tier, [0, 0, 0, 0])[result.level] += 1
        if problems:
            raise ValidationError(problems, "results")
        tiers = tuple(
            TierCount(tier, model=c[3], moral=c[2], promoting=c[1], not_yet=c[0])  # type: ignore[arg-type]
            for tier, c in sorted(counts.items())
        )
        return cls(province, fy, tiers)


@frozen
class DecisionRule:
    """A province's decision rule: "``share`` % of units at level ``level``".

    ``counting`` says whether units *at or above* the level count (``"at_least"``) or only
    those *at* it (``"exactly"``); ``tiers`` which tiers are pooled. Every field but the
    sources and note must be given: no rule of this kind is published, so moralkit has no
    default to fall back on. ``status`` is how far *you* can trust your rule (``verified``
    when your province's guideline states it).

    >>> DecisionRule("r", level=3, share=Decimal(50), counting="exactly",
    ...              tiers=("district",), status="verified").share
    Decimal('50')
    """

    id: str = field(**ID)
    level: int = field(**bounded(1, 3))
    share: Decimal = field(**PERCENT)
    counting: Literal["at_least", "exactly"]
    tiers: tuple[UnitTier, ...] = field(**MANY)
    status: RuleStatus
    sources: tuple[str, ...] = field(default=(), **MANY)
    note: str | None = field(default=None, **TEXT)

    def __attrs_post_init__(self) -> None:
        if not self.tiers:
            raise ValueError("'tiers' must name at least one tier (got none)")


def load_decision_rule(data: object) -> DecisionRule:
    """Read a decision rule from JSON-like data with the one converter."""
    return load(DecisionRule, data)


@frozen
class Decision:
    """The outcome of `decide`: whether a province's report meets its decision rule.

    ``share`` is the percentage of ``units`` that count (``qualifying``), rounded half-up to
    2 places, and compared with ``needed`` after rounding. ``short_by`` is the fewest more
    qualifying units that would meet the rule (0 when met; ``None`` when no unit is counted).
    ``reason`` is a catalogue code and ``params`` its parameters: `message` renders them.
    """

    rule_id: str
    rule_status: RuleStatus
    province: str
    fiscal_year: FiscalYear
    units: int
    qualifying: int
    share: Decimal | None
    needed: Decimal
    met: bool
    short_by: int | None
    reason: str
    params: Mapping[str, Any] = field(factory=dict, hash=False)

    def message(self, lang: Lang = "th") -> str:
        """The outcome in words, in ``lang``."""
        return render(self.reason, lang, self.params)


def _meets(qualifying: int, units: int, needed: Decimal) -> bool:
    return percent(qualifying, units) >= needed


def _short_by(qualifying: int, units: int, needed: Decimal) -> int | None:
    if _meets(qualifying, units, needed):
        return 0
    # The exact count first, then one lower in case rounding half-up lets it through.
    exact = Fraction(needed) * units / 100
    target = -(-exact.numerator // exact.denominator)
    for candidate in (target - 1, target):
        if qualifying <= candidate <= units and _meets(candidate, units, needed):
            return candidate - qualifying
    return None


def decide(
    report: ProvinceReport | Mapping[str, Any], rule: DecisionRule | Mapping[str, Any]
) -> Decision:
    """Apply a province's own decision rule to its report. There is no default rule.

    Each argument is the class or a plain mapping of the same shape (read by the one converter).

    Tiers the rule names but the report lacks are refused (`KeyError`): a missing count is
    not a zero.
    """
    if not isinstance(rule, DecisionRule):
        rule = load_decision_rule(rule)  # a plain mapping, checked as a rule file is
    if not isinstance(report, ProvinceReport):
        report = load(ProvinceReport, report)
    counts = [report.tier(t) for t in rule.tiers]
    units = sum(c.total for c in counts)
    if rule.counting == "at_least":
        qualifying = sum(c.at_least(rule.level) for c in counts)
    else:
        qualifying = sum(c.at(rule.level) for c in counts)
    params: dict[str, Any] = {
        "rule": rule.id,
        "level": rule.level,
        "needed": rule.share,
        "units": units,
        "qualifying": qualifying,
    }
    share = percent(qualifying, units) if units else None
    met = share is not None and share >= rule.share
    short = _short_by(qualifying, units, rule.share) if units else None
    if share is None:
        reason = "moral_cycle.decision_no_units"
    else:
        reason = "moral_cycle.decision_met" if met else "moral_cycle.decision_not_met"
        params |= {"share": share, "short_by": short}
    return Decision(
        rule_id=rule.id,
        rule_status=rule.status,
        province=report.province,
        fiscal_year=report.fiscal_year,
        units=units,
        qualifying=qualifying,
        share=share,
        needed=rule.share,
        met=met,
        short_by=short,
        reason=reason,
        params=params,
    )


# --- the province's own ten-indicator rubric --------------------------------------------------

_TOP_TO_FILL = ("id", "version", "title_th", "title_en", "first_year", "scale", "status")
_ACTIVITY_TO_FILL = ("level", "evidence", "text_th", "text_en", "status")


def province_scaffold() -> dict[str, Any]:
    """A fresh copy of the scaffold of a province's ten-indicator rubric, to fill in.

    The central standard has 10 indicators and 3 levels; their texts are not public. Fill in
    every empty value (texts, levels, evidence kinds and bands, the level rule, the years and
    statuses) from your province's copy of the criteria, save it, and read it with
    `load_province_rubric`.

    >>> scaffold = province_scaffold()
    >>> len(scaffold["activities"]), scaffold["tiers"], scaffold["activities"][0]["text_th"]
    (10, ['province'], '')
    """
    text = files("moralkit.moral").joinpath("scaffolds", _SCAFFOLD).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _unfilled(data: Mapping[str, Any]) -> list[Problem]:
    # Keys left empty by the scaffold; a key that is absent altogether is the loader's to report.
    problems = [
        Problem(key, "moral_cycle.unfilled", {"field": key})
        for key in (*_TOP_TO_FILL, "level_rule")
        if key in data and _blank(data[key])
    ]
    if "tiers" not in data:
        problems.append(Problem("tiers", "missing", {"key": "tiers"}))
    elif data["tiers"] != ["province"]:
        problems.append(
            Problem("tiers", "moral_cycle.province_tiers", {"tiers": data.get("tiers")})
        )
    activities = data.get("activities")
    if activities is None and "activities" not in data:
        return [*problems, Problem("activities", "missing", {"key": "activities"})]
    if not isinstance(activities, list):
        return [*problems, Problem("activities", "moral_cycle.unfilled", {"field": "activities"})]
    if len(activities) != _INDICATORS:
        problems.append(
            Problem(
                "activities",
                "moral_cycle.province_indicator_count",
                {"expected": _INDICATORS, "got": len(activities)},
            )
        )
    for index, activity in enumerate(activities):
        if not isinstance(activity, Mapping):
            continue  # the loader reports its type
        problems.extend(
            Problem(f"activities[{index}].{key}", "moral_cycle.unfilled", {"field": key})
            for key in _ACTIVITY_TO_FILL
            if key in activity and _blank(activity[key])
        )
    return problems


def load_province_rubric(source: str | Path | bytes | Mapping[str, Any]) -> Rubric:
    """Read a province's filled-in ten-indicator rubric (a path, JSON text or parsed data).

    Refuses, with every path at once, a file that still has empty values from the scaffold
    (``moral_cycle.unfilled``), that assesses anything but provinces, or that does not have
    ten indicators; then runs the checks every rubric gets (bands, levels, level rule).

    >>> load_province_rubric(province_scaffold())
    Traceback (most recent call last):
    ...
    moralkit.errors.ValidationError: 56 problems in province rubric:
      id: fill in 'id'; the scaffold leaves it empty / ...
    ...
    """
    try:
        if isinstance(source, Path):
            data: object = json.loads(source.read_text("utf-8"))
        elif isinstance(source, str | bytes):
            data = json.loads(source)
        else:
            data = source
    except ValueError as exc:
        problem = Problem("", "moral_cycle.not_json", {"error": str(exc)})
        raise ValidationError([problem], "province rubric") from None
    if not isinstance(data, Mapping):
        raise ValidationError(
            [Problem("", "moral_cycle.unfilled", {"field": "the rubric"})], "province rubric"
        )
    problems = _unfilled(data)
    if problems:
        raise ValidationError(problems, "province rubric")
    return RUBRICS.load(data)
