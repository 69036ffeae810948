"""The moral-organization rubric: activities, their evidence and bands, and the level rule.

A rubric is data (one JSON file per version in ``moralkit/moral/rules/``) read into the classes
here. `check_rubric` finds what the loader cannot: bands with gaps or overlaps, levels with no
activity, a level rule that cannot work.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from attrs import field, frozen

from moralkit.errors import Problem
from moralkit.model import MoralLevel
from moralkit.model._base import ID, MANY, TEXT, LabelledEnum, bounded
from moralkit.rules import RuleSource, RuleStatus, tiling_problems
from moralkit.thai.calendar import FiscalYear

__all__ = [
    "Activity",
    "Band",
    "EvidenceKind",
    "LevelRule",
    "Requirement",
    "Rubric",
    "Tier",
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


@frozen
class LevelRule:
    """How a level is passed; levels are cumulative.

    * ``R1``: every activity of the level and of all lower levels scores full marks.
    * ``R2``: every activity of the level and below scores at least 1 point.
    * ``R3``: the level's activities together score at least ``threshold``, and the lower
      levels are passed.
    * ``R0``: the level the organization declares, checked against the scores with the rule
      named in ``check``; a declared level the scores do not support is flagged.
    """

    rule: Literal["R0", "R1", "R2", "R3"]
    threshold: int | None = field(default=None, **bounded(0, 99))
    check: Literal["R1", "R2", "R3"] | None = None
    status: RuleStatus = "unsourced"
    note: str | None = field(default=None, **TEXT)


@frozen
class Rubric:
    """A versioned rubric: its activities, scale, level rule, years and sources.

    ``scale`` is ``"points"`` (2/1/0 per activity) or ``"met"`` (1 met / 0 not met).
    """

    id: str = field(**ID)
    version: str = field(**TEXT)
    title_th: str = field(**TEXT)
    title_en: str = field(**TEXT)
    first_year: FiscalYear
    last_year: FiscalYear | None
    scale: Literal["points", "met"]
    level_rule: LevelRule
    activities: tuple[Activity, ...] = field(**MANY)
    tiers: tuple[Tier, ...] = field(default=("organization",), **MANY)
    status: RuleStatus = "unsourced"
    sources: tuple[RuleSource, ...] = field(default=(), **MANY)
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
        """The activity with this number; `KeyError` naming the numbers that exist."""
        for activity in self.activities:
            if activity.number == number:
                return activity
        numbers = ", ".join(str(a.number) for a in self.activities)
        raise KeyError(f"rubric {self.id!r} has no activity {number}; it has {numbers}")

    def at_level(self, level: int) -> tuple[Activity, ...]:
        """The activities of one level, in number order."""
        return tuple(
            sorted((a for a in self.activities if a.level == level), key=lambda a: a.number)
        )


def _problem(path: str, code: str, en: str, th: str) -> Problem:
    return Problem.legacy(path, code, en, th)


def _percentage_band_problems(path: str, bands: tuple[Band, ...], top: int) -> list[Problem]:
    problems: list[Problem] = []
    spans: list[tuple[Decimal, Decimal]] = []
    for index, band in enumerate(bands):
        if band.max is None or band.max < band.min:
            problems.append(
                _problem(
                    f"{path}[{index}]",
                    "bad_band",
                    f"a percentage band needs max >= min (got {band.min}-{band.max})",
                    f"ช่วงร้อยละต้องมีค่าสูงสุดไม่น้อยกว่าค่าต่ำสุด ({band.min}-{band.max})",
                )
            )
            continue
        if band.points > top:
            problems.append(
                _problem(
                    f"{path}[{index}].points",
                    "above_maximum",
                    f"points must be <= {top} on this scale (got {band.points})",
                    f"คะแนนต้องไม่เกิน {top} (ได้รับ {band.points})",
                )
            )
        spans.append((band.min, band.max))
    problems.extend(tiling_problems(path, spans, Decimal(0), Decimal(100), _CENT))
    return problems


def _count_band_problems(path: str, bands: tuple[Band, ...]) -> list[Problem]:
    problems: list[Problem] = []
    ordered = sorted(bands, key=lambda b: b.min)
    if not ordered or ordered[0].min != 0:
        problems.append(
            _problem(path, "band_gap", "the bands must start at 0", "ช่วงคะแนนต้องเริ่มที่ 0")
        )
    for index, band in enumerate(ordered):
        last = index + 1 == len(ordered)
        if band.min != band.min.to_integral_value() or (
            band.max is not None and band.max != band.max.to_integral_value()
        ):
            problems.append(
                _problem(
                    path, "bad_band", "count bands use whole numbers", "ช่วงจำนวนต้องเป็นจำนวนเต็ม"
                )
            )
        elif not last and band.max is not None and ordered[index + 1].min != band.max + 1:
            problems.append(
                _problem(
                    path,
                    "band_gap" if ordered[index + 1].min > band.max + 1 else "band_overlap",
                    "count bands must follow on from each other "
                    f"(after {band.max} comes {ordered[index + 1].min})",
                    "ช่วงจำนวนต้องต่อเนื่องกัน",
                )
            )
        elif (band.max is None) != last:
            problems.append(
                _problem(
                    path,
                    "bad_band",
                    "only the last count band is open-ended",
                    "เฉพาะช่วงสุดท้ายที่ไม่มีค่าสูงสุด",
                )
            )
    return problems


def _activity_problems(activity: Activity, top: int) -> list[Problem]:
    kind = activity.evidence
    if kind in (EvidenceKind.PERCENTAGE, EvidenceKind.SUCCESS_RATE):
        return _percentage_band_problems("bands", activity.bands, top)
    if kind is EvidenceKind.COUNT:
        return _count_band_problems("bands", activity.bands)
    problems = []
    if activity.bands:
        problems.append(
            _problem(
                "bands",
                "unexpected_bands",
                f"{kind.value} evidence is met or not met; it takes no bands",
                "หลักฐานประเภทนี้พิจารณาผ่าน/ไม่ผ่าน ไม่มีช่วงคะแนน",
            )
        )
    if kind is EvidenceKind.COUNTS and not activity.requirements:
        problems.append(
            _problem(
                "requirements",
                "missing",
                "several-counts evidence needs at least one requirement",
                "หลักฐานแบบหลายจำนวนต้องมีเงื่อนไขอย่างน้อยหนึ่งข้อ",
            )
        )
    return problems


def check_rubric(rubric: Rubric) -> list[Problem]:
    """Everything wrong with a rubric that its types alone do not catch."""
    problems: list[Problem] = []
    top = rubric.max_points
    seen: set[int] = set()
    for index, activity in enumerate(rubric.activities):
        path = f"activities[{index}]"
        if activity.number in seen:
            problems.append(
                _problem(
                    f"{path}.number",
                    "duplicate",
                    f"activity {activity.number} appears twice",
                    f"กิจกรรมที่ {activity.number} ซ้ำ",
                )
            )
        seen.add(activity.number)
        problems.extend(p.at(path) for p in _activity_problems(activity, top))
    problems.extend(
        _problem(
            "activities",
            "missing_level",
            f"no activity belongs to level {level.value} ({level.label_en})",
            f"ไม่มีกิจกรรมของระดับที่ {level.value} ({level.label_th})",
        )
        for level in MoralLevel
        if not rubric.at_level(level.value)
    )
    rule = rubric.level_rule
    needs_threshold = rule.rule == "R3" or (rule.rule == "R0" and rule.check == "R3")
    if needs_threshold and rule.threshold is None:
        problems.append(
            _problem(
                "level_rule.threshold",
                "missing",
                "rule R3 needs a threshold",
                "เกณฑ์ R3 ต้องกำหนดคะแนนขั้นต่ำ",
            )
        )
    if rule.threshold is not None:
        most = max((len(rubric.at_level(level.value)) for level in MoralLevel), default=0) * top
        if rule.threshold > most:
            problems.append(
                _problem(
                    "level_rule.threshold",
                    "above_maximum",
                    f"a threshold of {rule.threshold} can never be reached "
                    f"(a level scores at most {most})",
                    f"คะแนนขั้นต่ำ {rule.threshold} ไม่มีทางถึงได้ (สูงสุด {most})",
                )
            )
    if rule.rule == "R0" and rule.check is None:
        problems.append(
            _problem(
                "level_rule.check",
                "missing",
                "rule R0 needs the rule to check a declared level with",
                "เกณฑ์ R0 ต้องระบุเกณฑ์ที่ใช้ตรวจสอบ",
            )
        )
    known = {source.id for source in rubric.sources}
    for index, activity in enumerate(rubric.activities):
        for s, source_id in enumerate(activity.sources):
            if source_id not in known:
                problems.append(
                    _problem(
                        f"activities[{index}].sources[{s}]",
                        "unknown_reference",
                        f"no source {source_id!r} in the rubric's sources",
                        f"ไม่พบแหล่งอ้างอิง {source_id!r}",
                    )
                )
    return problems
