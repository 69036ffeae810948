"""Knowledge tests, attendance against plans, and the expected-outcomes checklist.

>>> gain = knowledge_gain(pre={"a": 6, "b": 7, "c": 5}, post={"a": 9, "b": 7, "d": 8})
>>> gain.paired, gain.mean_gain, gain.share_improved, gain.missing_post, gain.missing_pre
(2, Decimal('1.50'), Decimal('50.00'), ('c',), ('d',))
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from attrs import field, frozen

from moralkit.errors import Problem, ValidationError
from moralkit.model import Event
from moralkit.model._base import ID, MANY, TEXT

__all__ = [
    "AttendanceLine",
    "KnowledgeGain",
    "OutcomeCheck",
    "OutcomeReport",
    "OutcomeTick",
    "attendance",
    "check_outcomes",
    "knowledge_gain",
]

_CENT = Decimal("0.01")


def _round(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        _CENT, rounding=ROUND_HALF_UP
    )


def _score(value: object, path: str, problems: list[Problem]) -> Fraction | None:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        problems.append(
            Problem.legacy(
                path,
                "wrong_type",
                f"expected a score as int or Decimal (got {value!r})",
                "ต้องเป็นคะแนน (int หรือ Decimal)",
            )
        )
        return None
    if value < 0:
        problems.append(
            Problem.legacy(
                path,
                "below_minimum",
                f"a score must be >= 0 (got {value})",
                f"คะแนนต้องไม่ติดลบ (ได้รับ {value})",
            )
        )
        return None
    return Fraction(value)


@frozen
class KnowledgeGain:
    """Pre- and post-test scores of the same people, paired by id.

    People with only one of the two tests are reported, not silently dropped.
    """

    paired: int
    mean_pre: Decimal | None
    mean_post: Decimal | None
    mean_gain: Decimal | None
    share_improved: Decimal | None
    missing_pre: tuple[str, ...]
    missing_post: tuple[str, ...]


def knowledge_gain(
    pre: Mapping[str, int | Decimal], post: Mapping[str, int | Decimal]
) -> KnowledgeGain:
    """The paired mean gain and the share of participants who improved (rounded to 2 places)."""
    problems: list[Problem] = []
    before = {k: _score(v, f"pre[{k!r}]", problems) for k, v in pre.items()}
    after = {k: _score(v, f"post[{k!r}]", problems) for k, v in post.items()}
    if problems:
        raise ValidationError(problems, "knowledge_gain")
    both = [k for k in pre if k in post]
    if not both:
        return KnowledgeGain(
            0,
            None,
            None,
            None,
            None,
            tuple(k for k in post if k not in pre),
            tuple(k for k in pre if k not in post),
        )
    pairs = [(before[k], after[k]) for k in both]
    n = len(pairs)
    mean_pre = sum((p for p, _ in pairs if p is not None), Fraction(0)) / n
    mean_post = sum((q for _, q in pairs if q is not None), Fraction(0)) / n
    improved = sum(1 for p, q in pairs if p is not None and q is not None and q > p)
    return KnowledgeGain(
        n,
        _round(mean_pre),
        _round(mean_post),
        _round(mean_post - mean_pre),
        _round(Fraction(improved * 100, n)),
        tuple(k for k in post if k not in pre),
        tuple(k for k in pre if k not in post),
    )


@frozen
class AttendanceLine:
    """Participants of one target group in one round (``round`` 0: the whole event)."""

    round: int
    group: int
    description_th: str
    planned: int | None
    planned_is_approximate: bool
    actual: int
    share: Decimal | None


def attendance(event: Event, counts: Mapping[int, Mapping[int, int]]) -> tuple[AttendanceLine, ...]:
    """Participants against each target group's planned size, per round and in total.

    ``counts`` is ``{round number: {target group number (1-based): participants}}``; use round
    ``1`` for an event held once. Sizes given per round (ครั้งละ) are planned for each round held;
    approximate sizes stay marked approximate. The last lines (round 0) are the totals.
    """
    groups = event.target_groups
    problems: list[Problem] = []
    for round_number, per_group in counts.items():
        for number, value in per_group.items():
            path = f"counts[{round_number}][{number}]"
            if not 1 <= number <= len(groups):
                problems.append(
                    Problem.legacy(
                        path,
                        "unknown_target_group",
                        f"the event has target groups 1-{len(groups)} (got {number})",
                        f"ไม่มีกลุ่มเป้าหมายที่ {number}",
                    )
                )
            elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
                problems.append(
                    Problem.legacy(
                        path,
                        "wrong_type",
                        f"expected a count >= 0 (got {value!r})",
                        "ต้องเป็นจำนวนที่ไม่ติดลบ",
                    )
                )
    if problems:
        raise ValidationError(problems, f"attendance at {event.id}")
    lines = []
    rounds = sorted(counts)
    for round_number in rounds:
        for group_number, group in enumerate(groups, 1):
            actual = counts[round_number].get(group_number, 0)
            planned = group.planned_size if group.size_per_round or len(rounds) == 1 else None
            share = _round(Fraction(actual * 100, planned)) if planned else None
            lines.append(
                AttendanceLine(
                    round_number,
                    group_number,
                    group.description_th,
                    planned,
                    group.size_is_approximate,
                    actual,
                    share,
                )
            )
    for group_number, group in enumerate(groups, 1):
        actual = sum(counts[r].get(group_number, 0) for r in rounds)
        planned = group.planned_size
        if planned is not None and group.size_per_round:
            planned *= len(rounds)
        share = _round(Fraction(actual * 100, planned)) if planned else None
        lines.append(
            AttendanceLine(
                0,
                group_number,
                group.description_th,
                planned,
                group.size_is_approximate,
                actual,
                share,
            )
        )
    return tuple(lines)


@frozen
class OutcomeTick:
    """The organizer's tick against one expected outcome (1-based), with its evidence."""

    outcome: int
    achieved: bool
    evidence: tuple[str, ...] = field(default=(), **MANY)


@frozen
class OutcomeCheck:
    """An event's expected outcomes as a checklist the organizer ticks."""

    event: str = field(**ID)
    ticks: tuple[OutcomeTick, ...] = field(default=(), **MANY)
    note_th: str | None = field(default=None, **TEXT)


@frozen
class OutcomeReport:
    """Which expected outcomes were achieved, with evidence, and which were not (or not ticked)."""

    expected: int
    achieved: tuple[int, ...]
    not_achieved: tuple[int, ...]
    not_ticked: tuple[int, ...]
    share_achieved: Decimal | None
    without_evidence: tuple[int, ...]


def check_outcomes(event: Event, check: OutcomeCheck) -> OutcomeReport:
    """Compare the ticks with the event's expected outcomes."""
    expected = len(event.expected_outcomes_th)
    problems = [
        Problem.legacy(
            f"ticks[{i}].outcome",
            "unknown_outcome",
            f"the event has expected outcomes 1-{expected} (got {t.outcome})",
            f"ไม่มีผลสัมฤทธิ์ที่คาดหวังข้อ {t.outcome}",
        )
        for i, t in enumerate(check.ticks)
        if not 1 <= t.outcome <= expected
    ]
    if check.event != event.id:
        problems.append(
            Problem.legacy(
                "event",
                "wrong_event",
                f"the checklist is for {check.event!r}, not {event.id!r}",
                "รายการตรวจสอบไม่ตรงกับกิจกรรม",
            )
        )
    if problems:
        raise ValidationError(problems, "OutcomeCheck")
    ticked = {t.outcome: t for t in check.ticks}
    achieved = tuple(sorted(n for n, t in ticked.items() if t.achieved))
    return OutcomeReport(
        expected,
        achieved,
        tuple(sorted(n for n, t in ticked.items() if not t.achieved)),
        tuple(n for n in range(1, expected + 1) if n not in ticked),
        _round(Fraction(len(achieved) * 100, expected)) if expected else None,
        tuple(n for n in achieved if not ticked[n].evidence),
    )
