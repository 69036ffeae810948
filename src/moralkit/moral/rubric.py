"""The moral-organization rubric: activities, their evidence and bands, and the level rule.

A rubric is data (one JSON file per version in ``moralkit/moral/rules/``) read into the classes
here. `check_rubric` finds what the loader cannot: bands with gaps or overlaps, levels with no
activity, a level rule that cannot work.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from attrs import field, frozen

from moralkit._decimal import check_integer
from moralkit.errors import Problem, ValidationError
from moralkit.messages import Term, show
from moralkit.model import MoralLevel
from moralkit.model._base import ID, MANY, TEXT, LabelledEnum, bounded
from moralkit.rules import RuleFile, RuleStatus, tiling_problems

__all__ = [
    "LEVEL_RULE_ALIASES",
    "LEVEL_RULE_NAMES",
    "Activity",
    "Band",
    "EvidenceKind",
    "LevelRule",
    "Requirement",
    "Rubric",
    "Tier",
    "canonical_rule",
    "check_rubric",
]

_CENT = Decimal("0.01")

#: What a rubric assesses: organizations, communities, districts or provinces.
Tier = Literal["organization", "community", "district", "province"]


class EvidenceKind(LabelledEnum):
    """What an activity asks to be measured."""

    PERCENTAGE = "percentage", "ร้อยละ", "a percentage (or a part of a whole)"
    SUCCESS_RATE = "success_rate", "ร้อยละความสำเร็จ", "a success rate of planned activities"
    COUNT = "count", "จำนวน", "a count"
    COUNTS = "counts", "จำนวนหลายรายการ", "several named counts"
    YES_NO = "yes_no", "มี/ไม่มี", "done or not done"


@frozen
class Band:
    """Points for values from ``min`` to ``max`` inclusive (``max`` ``None``: no upper end)."""

    min: Decimal
    max: Decimal | None
    points: int = field(**bounded(0, 2))


@frozen
class Requirement:
    """One named count an activity requires, with its minimum (``do_and_dont`` >= 3)."""

    name: str = field(**ID)
    min: int = field(**bounded(0, 1_000_000))
    label_th: str | None = field(default=None, **TEXT)
    label_en: str | None = field(default=None, **TEXT)


@frozen
class Activity:
    """One of the rubric's activities (กิจกรรม) or indicators (ตัวชี้วัด)."""

    number: int = field(**bounded(1, 99))
    level: int = field(**bounded(1, 3))
    evidence: EvidenceKind
    text_en: str = field(**TEXT)
    text_th: str | None = field(default=None, **TEXT)
    text_th_complete: bool = True
    bands: tuple[Band, ...] = field(default=(), **MANY)
    requirements: tuple[Requirement, ...] = field(default=(), **MANY)
    status: RuleStatus = "unsourced"
    sources: tuple[str, ...] = field(default=(), **MANY)
    note: str | None = field(default=None, **TEXT)


#: The level-pass rules by the names that say what they do, and the old codes kept as aliases.
LevelRuleName = Literal[
    "all_full_marks",
    "all_score_a_point",
    "level_total_at_least",
    "declared_level",
    "R0",
    "R1",
    "R2",
    "R3",
]
CheckRuleName = Literal[
    "all_full_marks", "all_score_a_point", "level_total_at_least", "R1", "R2", "R3"
]
#: Old code -> name.
LEVEL_RULE_ALIASES: dict[str, str] = {
    "R0": "declared_level",
    "R1": "all_full_marks",
    "R2": "all_score_a_point",
    "R3": "level_total_at_least",
}
#: Every name a rubric may use for its level rule (names and aliases).
LEVEL_RULE_NAMES: frozenset[str] = frozenset(LEVEL_RULE_ALIASES) | frozenset(
    LEVEL_RULE_ALIASES.values()
)


def canonical_rule(name: str | None) -> str | None:
    """The name of a level rule given by name or old code; ``None`` when it is neither.

    >>> canonical_rule("R1"), canonical_rule("all_full_marks"), canonical_rule("R9")
    ('all_full_marks', 'all_full_marks', None)
    """
    if not isinstance(name, str) or name not in LEVEL_RULE_NAMES:
        return None
    return LEVEL_RULE_ALIASES.get(name, name)


@frozen
class LevelRule:
    """How a level is passed; levels are cumulative.

    * ``all_full_marks`` (old code ``R1``): every activity of the level and of all lower
      levels scores full marks.
    * ``all_score_a_point`` (``R2``): every activity of the level and below scores at least
      1 point. On the met / not-met scale (``scale="met"``, version B from FY2566) full marks
      are 1 point, so this rule gives exactly the same levels as ``all_full_marks``; the two
      differ only on the 2/1/0 points scale.
    * ``level_total_at_least`` (``R3``): the level's activities together score at least
      ``threshold``, and the lower levels are passed.
    * ``declared_level`` (``R0``): the level the organization declares, checked against the
      scores with the rule named in ``check``; a declared level the scores do not support is
      flagged.

    An unknown name is refused when the rubric is checked (`check_rubric`, which loading and
    deriving run), never read as some other rule.

    >>> LevelRule("R1").name, LevelRule("level_total_at_least", 4).name
    ('all_full_marks', 'level_total_at_least')
    >>> LevelRule("R2").name, LevelRule("R2").judged_by
    ('all_score_a_point', 'all_score_a_point')
    """

    rule: LevelRuleName
    threshold: int | None = field(default=None, **bounded(0, 99))
    check: CheckRuleName | None = None
    status: RuleStatus = "unsourced"
    note: str | None = field(default=None, **TEXT)

    @property
    def name(self) -> str:
        """The rule's name (``all_full_marks`` ...), whether it was written by name or code."""
        return canonical_rule(self.rule) or self.rule

    @property
    def check_name(self) -> str | None:
        """The name of the rule a declared level is checked with, if any."""
        return canonical_rule(self.check) or self.check

    @property
    def judged_by(self) -> str:
        """The rule the scores are judged by: ``check`` under ``declared_level``, else itself."""
        if self.name == "declared_level" and self.check_name is not None:
            return self.check_name
        return self.name


@frozen
class Rubric(RuleFile):
    """A versioned rubric: its activities, scale, level rule, years and sources.

    The header (id, version, titles, years, status, sources) is the shared `RuleFile`.
    ``scale`` is ``"points"`` (2/1/0 per activity) or ``"met"`` (1 met / 0 not met).
    """

    scale: Literal["points", "met"]
    level_rule: LevelRule
    activities: tuple[Activity, ...] = field(**MANY)
    tiers: tuple[Tier, ...] = field(default=("organization",), **MANY)
    notes: tuple[str, ...] = field(default=(), **MANY)

    @property
    def max_points(self) -> int:
        """Full marks for one activity: 2 on the points scale, 1 on the met scale."""
        return 2 if self.scale == "points" else 1

    @property
    def ordered(self) -> tuple[Activity, ...]:
        """The activities in number order."""
        return tuple(sorted(self.activities, key=lambda a: a.number))

    def activity(self, number: int) -> Activity:
        """The activity with this number.

        Any other number is refused with `moralkit.ValidationError` (``moral.unknown_activity``
        at path ``number``, naming the numbers there are; ``wrong_type`` for a value that is
        not a whole number).
        """
        if type(number) is int:  # the common case, before any policy check
            for activity in self.activities:
                if activity.number == number:
                    return activity
        whole = check_integer(number)
        if isinstance(whole, Problem):
            raise ValidationError([whole.at("number")], self.id)
        for activity in self.activities:
            if activity.number == whole:
                return activity
        numbers = tuple(a.number for a in self.ordered)
        params = {"rubric": self.id, "number": whole, "numbers": numbers}
        raise ValidationError([Problem("number", "moral.unknown_activity", params)], self.id)

    def at_level(self, level: int) -> tuple[Activity, ...]:
        """The activities of one level (1-3), in number order.

        Any other level is refused with `moralkit.ValidationError` at path ``level``, rather
        than answered with no activities.
        """
        if type(level) is not int or not 1 <= level <= 3:
            whole = check_integer(level)
            if isinstance(whole, Problem):
                raise ValidationError([whole.at("level")], self.id)
            if not 1 <= whole <= 3:
                code, params = (
                    ("below_minimum", {"minimum": 1, "value": whole})
                    if whole < 1
                    else ("above_maximum", {"maximum": 3, "value": whole})
                )
                raise ValidationError([Problem("level", code, params)], self.id)
            level = whole  # an IntEnum member or a numpy integer, as a plain int
        return tuple(
            sorted((a for a in self.activities if a.level == level), key=lambda a: a.number)
        )


def _on_grid(value: Decimal) -> bool:
    # Percentages are rounded half-up to 2 places before bands apply, so a band edge with
    # more places would leave values that fall between two bands.
    exponent = value.as_tuple().exponent
    return isinstance(exponent, int) and (exponent >= -2 or value == value.quantize(_CENT))


def _percentage_band_problems(path: str, bands: tuple[Band, ...], top: int) -> list[Problem]:
    problems: list[Problem] = []
    spans: list[tuple[Decimal, Decimal]] = []
    for index, band in enumerate(bands):
        if band.max is None or band.max < band.min:
            problems.append(
                Problem(f"{path}[{index}]", "moral.bad_band", {"min": band.min, "max": band.max})
            )
            continue
        if band.points > top:
            problems.append(
                Problem(
                    f"{path}[{index}].points",
                    "above_maximum",
                    {"maximum": top, "value": band.points},
                )
            )
        for edge, value in (("min", band.min), ("max", band.max)):
            if not _on_grid(value):
                problems.append(
                    Problem(f"{path}[{index}].{edge}", "moral.band_off_grid", {"value": value})
                )
        spans.append((band.min, band.max))
    problems.extend(tiling_problems(path, spans, Decimal(0), Decimal(100), _CENT))
    return problems


def _count_band_problems(path: str, bands: tuple[Band, ...]) -> list[Problem]:
    problems: list[Problem] = []
    ordered = sorted(bands, key=lambda b: b.min)
    if not ordered or ordered[0].min != 0:
        problems.append(Problem(path, "moral.count_bands_start"))
    for index, band in enumerate(ordered):
        last = index + 1 == len(ordered)
        if band.min != band.min.to_integral_value() or (
            band.max is not None and band.max != band.max.to_integral_value()
        ):
            problems.append(Problem(path, "moral.count_band_whole"))
        elif not last and band.max is not None and ordered[index + 1].min != band.max + 1:
            following = ordered[index + 1].min
            problems.append(
                Problem(
                    path,
                    "moral.count_band_gap"
                    if following > band.max + 1
                    else "moral.count_band_overlap",
                    {"end": band.max, "next": following},
                )
            )
        elif (band.max is None) != last:
            problems.append(Problem(path, "moral.count_band_open"))
    return problems


def _activity_problems(activity: Activity, top: int) -> list[Problem]:
    kind = activity.evidence
    if kind in (EvidenceKind.PERCENTAGE, EvidenceKind.SUCCESS_RATE, EvidenceKind.COUNT):
        if kind is EvidenceKind.COUNT:
            problems = _count_band_problems("bands", activity.bands)
        else:
            problems = _percentage_band_problems("bands", activity.bands, top)
        best = max((b.points for b in activity.bands), default=0)
        if best < top:
            problems.append(Problem("bands", "moral.never_full_marks", {"best": best, "top": top}))
        return problems
    problems = []
    if activity.bands:
        problems.append(Problem("bands", "moral.unexpected_bands"))
    if kind is EvidenceKind.COUNTS and not activity.requirements:
        problems.append(Problem("requirements", "moral.no_requirements"))
    return problems


def _level_rule_problems(rubric: Rubric) -> list[Problem]:
    problems: list[Problem] = []
    rule = rubric.level_rule
    known = tuple(sorted(LEVEL_RULE_NAMES))
    if canonical_rule(rule.rule) is None:
        problems.append(
            Problem(
                "level_rule.rule", "moral.unknown_level_rule", {"rule": rule.rule, "known": known}
            )
        )
        return problems
    if rule.check is not None and (
        canonical_rule(rule.check) is None or rule.check_name == "declared_level"
    ):
        problems.append(
            Problem(
                "level_rule.check", "moral.unknown_level_rule", {"rule": rule.check, "known": known}
            )
        )
        return problems
    if rule.judged_by == "level_total_at_least" and rule.threshold is None:
        problems.append(Problem("level_rule.threshold", "moral.threshold_missing"))
    if rule.threshold is not None:
        most = max((len(rubric.at_level(level.value)) for level in MoralLevel), default=0)
        most *= rubric.max_points
        if rule.threshold > most:
            problems.append(
                Problem(
                    "level_rule.threshold",
                    "moral.threshold_unreachable",
                    {"threshold": rule.threshold, "most": most},
                )
            )
    if rule.name == "declared_level" and rule.check is None:
        problems.append(Problem("level_rule.check", "moral.check_missing"))
    return problems


def check_rubric(rubric: Rubric) -> list[Problem]:
    """Everything wrong with a rubric that its types alone do not catch.

    Something that is not a `Rubric` is refused with `moralkit.ValidationError`. Loading and
    deriving run it, so a derived rubric is checked as strictly as a shipped one:
    an unknown level-rule name, band edges off the 0.01 grid, bands that never give full
    marks, a threshold no level can reach.

    >>> from moralkit.moral import RUBRICS
    >>> check_rubric(RUBRICS.for_year(2569))
    []
    """
    if not isinstance(rubric, Rubric):
        expected = Term("moral.kind.rubric")
        problem = Problem("", "wrong_type", {"expected": expected, "value": show(rubric)})
        raise ValidationError([problem], "check_rubric")
    problems: list[Problem] = []
    top = rubric.max_points
    seen: set[int] = set()
    for index, activity in enumerate(rubric.activities):
        path = f"activities[{index}]"
        if activity.number in seen:
            problems.append(
                Problem(f"{path}.number", "moral.activity_twice", {"number": activity.number})
            )
        seen.add(activity.number)
        problems.extend(p.at(path) for p in _activity_problems(activity, top))
    problems.extend(
        Problem(
            "activities",
            "moral.missing_level",
            {"level": level.value},
        )
        for level in MoralLevel
        if not rubric.at_level(level.value)
    )
    problems.extend(_level_rule_problems(rubric))
    known = {source.id for source in rubric.sources}
    for index, activity in enumerate(rubric.activities):
        for s, source_id in enumerate(activity.sources):
            if source_id not in known:
                problems.append(
                    Problem(
                        f"activities[{index}].sources[{s}]",
                        "moral.unknown_source",
                        {"source": source_id},
                    )
                )
    return problems
