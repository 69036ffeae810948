"""Assess evidence against a rubric: points per activity, the level reached, why, and the gap.

`assess` is pure: the same evidence and rubric always give the same `Result`, which is a frozen
value carrying the rubric's id and version, the evidence it used, every activity's score and the
reason for it, each level's verdict, what is missing for the next level, and a step-by-step
explanation in English and Thai. Percentages are rounded half-up to 2 places before bands are
applied, so 79.995 becomes 80.00 and never falls between two bands.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from attrs import field, frozen

from moralkit.errors import Problem, ValidationError
from moralkit.model import MoralLevel
from moralkit.model._base import MANY
from moralkit.moral.evidence import ActivityEvidence, Evidence
from moralkit.moral.rubric import Activity, Band, EvidenceKind, Rubric, check_rubric
from moralkit.rules import RuleBook, RuleStatus, Step

__all__ = [
    "RUBRICS",
    "ActivityScore",
    "GapItem",
    "LevelCheck",
    "Result",
    "Step",
    "assess",
    "level_label",
]

#: The packaged rubrics, looked up by fiscal year: ``RUBRICS.for_year(2567)``.
RUBRICS: RuleBook[Rubric] = RuleBook("moral", Rubric, "moralkit.moral", "rules", check_rubric)

_LEVEL_ZERO = ("ยังไม่ผ่านระดับที่ 1", "not yet at level 1")


def level_label(level: int, tier: str = "organization", lang: str = "th") -> str:
    """The name of a level (0-3) for a tier, in Thai or English.

    >>> level_label(3, "community"), level_label(2, lang="en"), level_label(0)
    ('ชุมชนคุณธรรมต้นแบบ', 'moral organization', 'ยังไม่ผ่านระดับที่ 1')
    """
    if level == 0:
        return _LEVEL_ZERO[0] if lang == "th" else _LEVEL_ZERO[1]
    moral = MoralLevel(level)
    if lang == "en":
        return moral.label_en.replace("organization", tier)
    return moral.label_for(tier)


@frozen
class ActivityScore:
    """How one activity scored, and why."""

    number: int
    level: int
    evidence: EvidenceKind
    measured: str | None
    value: Decimal | None
    points: int
    max_points: int
    reason_en: str
    reason_th: str
    status: RuleStatus = "unsourced"

    @property
    def full_marks(self) -> bool:
        """Whether the activity scored the most it can."""
        return self.points == self.max_points


@frozen
class LevelCheck:
    """Whether one level is passed, and why."""

    level: int
    passed: bool
    reason_en: str
    reason_th: str


@frozen
class GapItem:
    """Something still needed for the next level."""

    level: int
    number: int | None
    needs_en: str
    needs_th: str


@frozen
class Result:
    """The outcome of `assess`: the level reached and everything that explains it.

    ``level`` is 0 to 3. Under level rule R0 it is the declared level, and
    ``declared_supported`` says whether the scores support it.
    """

    rubric_id: str
    rubric_version: str
    rubric_status: RuleStatus
    level_rule: str
    level_rule_status: RuleStatus
    evidence: Evidence
    scores: tuple[ActivityScore, ...] = field(**MANY)
    levels: tuple[LevelCheck, ...] = field(**MANY)
    level: int = 0
    declared_supported: bool | None = None
    gap: tuple[GapItem, ...] = field(default=(), **MANY)
    explanation: tuple[Step, ...] = field(default=(), **MANY)

    @property
    def organization(self) -> str:
        """The id of the organization (or area) assessed."""
        return self.evidence.organization

    @property
    def moral_level(self) -> MoralLevel | None:
        """The level as a `MoralLevel`, or ``None`` below level 1."""
        return MoralLevel(self.level) if self.level else None

    @property
    def label_th(self) -> str:
        """The level's Thai name for the evidence's tier (องค์กรคุณธรรมต้นแบบ ...)."""
        return level_label(self.level, self.evidence.tier, "th")

    @property
    def label_en(self) -> str:
        """The level's English name for the evidence's tier."""
        return level_label(self.level, self.evidence.tier, "en")

    def score(self, number: int) -> ActivityScore:
        """The score of activity ``number``."""
        return next(s for s in self.scores if s.number == number)


# --- fitting the evidence to the rubric ------------------------------------------------------

_FORMS = {
    EvidenceKind.PERCENTAGE: {"percentage", "part_of_whole"},
    EvidenceKind.SUCCESS_RATE: {"percentage", "part_of_whole"},
    EvidenceKind.COUNT: {"count"},
    EvidenceKind.COUNTS: {"counts"},
    EvidenceKind.YES_NO: {"done"},
}
_FORM_FIELD = {
    "percentage": "percentage",
    "part_of_whole": "part",
    "count": "count",
    "counts": "counts",
    "done": "done",
}


def _fit_problems(evidence: Evidence, rubric: Rubric) -> list[Problem]:
    problems: list[Problem] = []
    if evidence.tier not in rubric.tiers:
        problems.append(
            Problem.legacy(
                "tier",
                "wrong_tier",
                f"rubric {rubric.id!r} assesses {', '.join(rubric.tiers)}, not {evidence.tier}",
                f"เกณฑ์ {rubric.id!r} ใช้ประเมิน {', '.join(rubric.tiers)} ไม่ใช่ {evidence.tier}",
            )
        )
    if rubric.level_rule.rule == "R0" and evidence.declared_level is None:
        problems.append(
            Problem.legacy(
                "declared_level",
                "missing",
                "level rule R0 checks a declared level, and none is given",
                "เกณฑ์ R0 ตรวจสอบระดับที่หน่วยงานประกาศ แต่ไม่ได้ระบุระดับ",
            )
        )
    numbers = {a.number: a for a in rubric.activities}
    seen: set[int] = set()
    for index, item in enumerate(evidence.activities):
        path = f"activities[{index}]"
        activity = numbers.get(item.number)
        if item.number in seen:
            problems.append(
                Problem.legacy(
                    f"{path}.number",
                    "duplicate",
                    f"activity {item.number} is given twice",
                    f"กิจกรรมที่ {item.number} ซ้ำ",
                )
            )
            continue
        seen.add(item.number)
        if activity is None:
            have = ", ".join(str(n) for n in sorted(numbers))
            problems.append(
                Problem.legacy(
                    f"{path}.number",
                    "unknown_activity",
                    f"rubric {rubric.id!r} has no activity {item.number} (it has {have})",
                    f"เกณฑ์ {rubric.id!r} ไม่มีกิจกรรมที่ {item.number} (มี {have})",
                )
            )
            continue
        if item.form not in _FORMS[activity.evidence]:
            wanted = " or ".join(sorted(_FORMS[activity.evidence]))
            problems.append(
                Problem.legacy(
                    f"{path}.{_FORM_FIELD[item.form]}",
                    "wrong_evidence",
                    f"activity {item.number} needs {activity.evidence.label_en} ({wanted}), "
                    f"not {item.form.replace('_', ' ')}",
                    f"กิจกรรมที่ {item.number} ต้องการหลักฐานแบบ{activity.evidence.label_th}",
                )
            )
        elif item.counts is not None:
            wanted_names = {r.name for r in activity.requirements}
            for c, named in enumerate(item.counts):
                if named.name not in wanted_names:
                    problems.append(
                        Problem.legacy(
                            f"{path}.counts[{c}].name",
                            "unknown_count",
                            f"activity {item.number} counts {', '.join(sorted(wanted_names))}, "
                            f"not {named.name!r}",
                            f"กิจกรรมที่ {item.number} ไม่มีรายการนับ {named.name!r}",
                        )
                    )
    return problems


# --- scoring ---------------------------------------------------------------------------------


def _band_for(bands: Iterable[Band], value: Decimal) -> Band:
    for band in bands:
        if band.min <= value and (band.max is None or value <= band.max):
            return band
    raise AssertionError(f"checked bands cover every value (got {value})")  # pragma: no cover


def _band_text(band: Band, unit: str) -> str:
    if band.max is None:
        return f">= {band.min}{unit}"
    return f"{band.min}-{band.max}{unit}"


def _score(activity: Activity, item: ActivityEvidence | None, top: int) -> ActivityScore:
    kind = activity.evidence

    def result(
        points: int, measured: str | None, value: Decimal | None, en: str, th: str
    ) -> ActivityScore:
        return ActivityScore(
            activity.number,
            activity.level,
            kind,
            measured,
            value,
            points,
            top,
            en,
            th,
            activity.status,
        )

    if item is None:
        return result(0, None, None, "no evidence given: 0 points", "ไม่มีหลักฐาน: 0 คะแนน")
    measured = item.describe()
    if kind in (EvidenceKind.PERCENTAGE, EvidenceKind.SUCCESS_RATE):
        value = item.as_percentage
        assert value is not None  # the form was checked
        band = _band_for(activity.bands, value)
        if item.percentage is not None and item.percentage == value:
            shown = f"{value}%"
        elif item.percentage is not None:
            shown = f"{measured} rounded half-up to {value}%"
        else:
            shown = f"{measured} = {value}%"
        return result(
            band.points,
            measured,
            value,
            f"{shown} lies in the band {_band_text(band, '%')}: {band.points} of {top}",
            f"{value}% อยู่ในช่วง {_band_text(band, '%')}: ได้ {band.points} จาก {top}",
        )
    if kind is EvidenceKind.COUNT:
        value = Decimal(item.count or 0)
        band = _band_for(activity.bands, value)
        return result(
            band.points,
            measured,
            value,
            f"{item.count} lies in the band {_band_text(band, '')}: {band.points} of {top}",
            f"{item.count} อยู่ในช่วง {_band_text(band, '')}: ได้ {band.points} จาก {top}",
        )
    if kind is EvidenceKind.COUNTS:
        given = {c.name: c.count for c in item.counts or ()}
        short = [r for r in activity.requirements if given.get(r.name, 0) < r.min]
        if short:
            en = "; ".join(f"{r.name} {given.get(r.name, 0)} < {r.min}" for r in short)
            th = "; ".join(
                f"{r.label_th or r.name} {given.get(r.name, 0)} < {r.min}" for r in short
            )
            return result(0, measured, None, f"not met: {en}", f"ไม่ผ่าน: {th}")
        en = ", ".join(f"{r.name} {given[r.name]} >= {r.min}" for r in activity.requirements)
        return result(top, measured, None, f"met: {en}", f"ผ่าน: {en}")
    if item.done:
        return result(
            top, measured, None, f"done: {top} of {top}", f"ดำเนินการแล้ว: ได้ {top} จาก {top}"
        )
    return result(0, measured, None, "not done: 0 points", "ยังไม่ดำเนินการ: 0 คะแนน")


# --- levels ------------------------------------------------------------------------------------


def _level_passes(
    rule: str, threshold: int | None, scores: list[ActivityScore]
) -> tuple[bool, str, str]:
    if rule == "R1":
        short = [s.number for s in scores if not s.full_marks]
        if short:
            return (
                False,
                f"activities {short} are below full marks",
                f"กิจกรรม {short} ยังไม่ได้คะแนนเต็ม",
            )
        return True, "every activity at full marks", "ทุกกิจกรรมได้คะแนนเต็ม"
    if rule == "R2":
        short = [s.number for s in scores if s.points < 1]
        if short:
            return False, f"activities {short} score 0", f"กิจกรรม {short} ได้ 0 คะแนน"
        return True, "every activity scores at least 1", "ทุกกิจกรรมได้อย่างน้อย 1 คะแนน"
    total = sum(s.points for s in scores)
    needed = threshold or 0
    if total < needed:
        return (
            False,
            f"the level's activities total {total}, below {needed}",
            f"คะแนนรวม {total} ต่ำกว่า {needed}",
        )
    return (
        True,
        f"the level's activities total {total} >= {needed}",
        f"คะแนนรวม {total} ไม่ต่ำกว่า {needed}",
    )


def _levels(rubric: Rubric, scores: list[ActivityScore], rule: str) -> list[LevelCheck]:
    checks: list[LevelCheck] = []
    lower_passed = True
    for level in (1, 2, 3):
        own = [s for s in scores if s.level == level]
        # R1 and R2 judge every activity of the level and below; R3 the level's own total.
        judged = own if rule == "R3" else [s for s in scores if s.level <= level]
        ok, en, th = _level_passes(rule, rubric.level_rule.threshold, judged)
        if ok and not lower_passed:
            ok, en, th = False, f"level {level - 1} is not passed", f"ยังไม่ผ่านระดับที่ {level - 1}"
        checks.append(LevelCheck(level, ok, en, th))
        lower_passed = ok
    return checks


def _needs(activity: Activity, score: ActivityScore, points_needed: int) -> tuple[str, str]:
    kind = activity.evidence
    if kind in (EvidenceKind.PERCENTAGE, EvidenceKind.SUCCESS_RATE, EvidenceKind.COUNT):
        unit = "" if kind is EvidenceKind.COUNT else "%"
        lowest = min(b.min for b in activity.bands if b.points >= points_needed)
        has = f" (has {score.value}{unit})" if score.value is not None else " (no evidence)"
        return (
            f"activity {activity.number}: needs at least {lowest}{unit}{has}",
            f"กิจกรรมที่ {activity.number}: ต้องได้อย่างน้อย {lowest}{unit}",
        )
    if kind is EvidenceKind.COUNTS:
        wanted = ", ".join(f"{r.name} >= {r.min}" for r in activity.requirements)
        wanted_th = ", ".join(
            f"{r.label_th or r.name} อย่างน้อย {r.min}" for r in activity.requirements
        )
        return (
            f"activity {activity.number}: needs {wanted}",
            f"กิจกรรมที่ {activity.number}: ต้องมี {wanted_th}",
        )
    return (
        f"activity {activity.number}: needs to be done",
        f"กิจกรรมที่ {activity.number}: ต้องดำเนินการ",
    )


def _gap(rubric: Rubric, scores: list[ActivityScore], reached: int, rule: str) -> list[GapItem]:
    if reached >= 3:
        return []
    target = reached + 1
    by_number = {s.number: s for s in scores}
    items: list[GapItem] = []
    if rule == "R3":
        threshold = rubric.level_rule.threshold or 0
        for level in range(1, target + 1):
            total = sum(s.points for s in scores if s.level == level)
            if total < threshold:
                items.append(
                    GapItem(
                        level,
                        None,
                        f"level {level} activities total {total}; they need {threshold}",
                        f"กิจกรรมระดับที่ {level} ได้รวม {total} คะแนน ต้องได้ {threshold}",
                    )
                )
        return items
    needed = rubric.max_points if rule == "R1" else 1
    for activity in sorted(rubric.activities, key=lambda a: a.number):
        score = by_number[activity.number]
        if activity.level <= target and score.points < needed:
            en, th = _needs(activity, score, needed)
            items.append(GapItem(activity.level, activity.number, en, th))
    return items


def assess(evidence: Evidence, rules: Rubric | None = None) -> Result:
    """Assess ``evidence`` against ``rules``, or against the packaged rubric of its fiscal year.

    Raises `moralkit.RuleNotFoundError` when no packaged rubric covers the fiscal year, and
    `moralkit.ValidationError` (with paths) when the evidence does not fit the rubric: an
    activity the rubric lacks, a count where a percentage is needed, the wrong tier.

    >>> from decimal import Decimal
    >>> ev = Evidence.of("unit-a", 2569, {1: Decimal("85"),
    ...     2: {"problems_and_good_deeds": 5, "do_and_dont": 3}, 3: True, 4: Decimal("75")})
    >>> result = assess(ev)
    >>> result.level, result.label_th
    (1, 'องค์กรส่งเสริมคุณธรรม')
    >>> [g.needs_en for g in result.gap][:2]
    ['activity 5: needs to be done', 'activity 6: needs to be done']
    """
    rubric = rules if rules is not None else RUBRICS.for_year(evidence.fiscal_year)
    problems = _fit_problems(evidence, rubric)
    if problems:
        raise ValidationError(problems, f"Evidence for rubric {rubric.id}")
    top = rubric.max_points
    given = {item.number: item for item in evidence.activities}
    scores = [_score(activity, given.get(activity.number), top) for activity in rubric.ordered]
    level_rule = rubric.level_rule
    rule = level_rule.check if level_rule.rule == "R0" and level_rule.check else level_rule.rule
    levels = _levels(rubric, scores, rule)
    computed = max((c.level for c in levels if c.passed), default=0)
    declared_supported: bool | None = None
    reached = computed
    if level_rule.rule == "R0" and evidence.declared_level is not None:
        reached = evidence.declared_level.value
        declared_supported = reached <= computed
    steps = [
        Step(
            f"Rubric {rubric.id} version {rubric.version} ({rubric.status}) "
            f"for {evidence.fiscal_year}; scale {rubric.scale}; "
            f"level rule {level_rule.rule} ({level_rule.status})",
            f"เกณฑ์ {rubric.title_th} รุ่น {rubric.version} สำหรับ{evidence.fiscal_year.label_th}",
        )
    ]
    steps.extend(
        Step(
            f"Activity {s.number} (level {s.level}): {s.reason_en}",
            f"กิจกรรมที่ {s.number} (ระดับ {s.level}): {s.reason_th}",
        )
        for s in scores
    )
    steps.extend(
        Step(
            f"Level {c.level} {'passed' if c.passed else 'not passed'}: {c.reason_en}",
            f"ระดับที่ {c.level} {'ผ่าน' if c.passed else 'ไม่ผ่าน'}: {c.reason_th}",
        )
        for c in levels
    )
    if declared_supported is not None:
        verdict = "supports" if declared_supported else "does NOT support"
        steps.append(
            Step(
                f"Declared level {reached}; the scores reach level {computed}, which {verdict} it",
                f"ระดับที่ประกาศ {reached}; คะแนนถึงระดับ {computed}"
                + ("" if declared_supported else " ซึ่งไม่สนับสนุนระดับที่ประกาศ"),
            )
        )
    steps.append(
        Step(
            f"Result: level {reached}, {level_label(reached, evidence.tier, 'en')}",
            f"ผลการประเมิน: ระดับ {reached} {level_label(reached, evidence.tier, 'th')}",
        )
    )
    return Result(
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        rubric_status=rubric.status,
        level_rule=level_rule.rule if level_rule.rule != "R0" else f"R0/{rule}",
        level_rule_status=level_rule.status,
        evidence=evidence,
        scores=tuple(scores),
        levels=tuple(levels),
        level=reached,
        declared_supported=declared_supported,
        gap=tuple(_gap(rubric, scores, computed, rule)),
        explanation=tuple(steps),
    )
