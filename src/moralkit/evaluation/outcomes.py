"""Knowledge tests, attendance against plans, and the expected-outcomes checklist.

>>> gain = knowledge_gain(pre={"a": 6, "b": 7, "c": 5}, post={"a": 9, "b": 7, "d": 8})
>>> gain.paired, gain.mean_gain, gain.share_improved, gain.missing_post, gain.missing_pre
(2, Decimal('1.50'), Decimal('50.00'), ('c',), ('d',))
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any

from attrs import field, frozen

from moralkit._decimal import CONTEXT, check_decimal, round_half_up
from moralkit.errors import Problem, ValidationError
from moralkit.model import Event, TargetGroup
from moralkit.model._base import ID, MANY, TEXT
from moralkit.serde import load
from moralkit.trace import Node

__all__ = [
    "AttendanceLine",
    "KnowledgeGain",
    "KnowledgeTest",
    "OutcomeCheck",
    "OutcomeReport",
    "OutcomeTick",
    "attendance",
    "check_outcomes",
    "knowledge_gain",
]

#: The largest test score accepted, and the most decimal places: a bound before exact arithmetic.
MAX_SCORE = Decimal(1_000_000)
MAX_PLACES = 12


def _round(value: Fraction) -> Decimal:
    with localcontext(CONTEXT):
        return round_half_up(value, 2)


def _score(given: object, path: str, problems: list[Problem]) -> Fraction | None:
    # The input policy first (NaN, infinities, floats: a KnowledgeTest built directly is not
    # loaded), then compared before any exact conversion: a huge exponent is cheap to compare.
    value = check_decimal(given)
    if isinstance(value, Problem):
        problems.append(value.at(path))
        return None
    if value < 0:
        problems.append(Problem(path, "below_minimum", {"minimum": 0, "value": value}))
        return None
    if value > MAX_SCORE:
        problems.append(Problem(path, "above_maximum", {"maximum": MAX_SCORE, "value": value}))
        return None
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_PLACES:
        problems.append(
            Problem(path, "evaluation.too_many_places", {"places": MAX_PLACES, "value": value})
        )
        return None
    return Fraction(value)


@frozen
class KnowledgeTest:
    """Pre- and post-test scores by participant id: the input of `knowledge_gain`.

    Scores are decimals from 0 (strings such as ``"7.5"`` in JSON); load it from data with
    ``moralkit.load(KnowledgeTest, data)``, which also gives its JSON Schema.

    >>> from moralkit import load
    >>> load(KnowledgeTest, {"pre": {"a": 5}, "post": {"a": "8.5"}}).post["a"]
    Decimal('8.5')
    """

    pre: Mapping[str, Decimal] = field(factory=dict)
    post: Mapping[str, Decimal] = field(factory=dict)


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
    trace: tuple[Node, ...] = field(default=(), **MANY)


def _as_test(pre: object, post: object) -> KnowledgeTest:
    if isinstance(pre, KnowledgeTest) and post is None:
        return pre
    raw = {"pre": pre, "post": post if post is not None else {}}
    try:
        return load(KnowledgeTest, raw)
    except ValidationError as exc:
        # Report the out-of-range numbers the loader let through alongside its own problems.
        problems = list(exc.problems)
        # A number the input policy refuses (NaN, infinite, too large) is already among them.
        for side, values in raw.items():
            if isinstance(values, Mapping):
                for key, value in values.items():
                    if isinstance(value, int | Decimal) and not isinstance(value, bool):
                        checked = check_decimal(value)
                        if isinstance(checked, Decimal):
                            _score(checked, f"{side}[{key!r}]", problems)
        problems.sort(key=lambda p: not p.path.startswith("pre"))
        raise ValidationError(problems, "knowledge_gain") from None


def knowledge_gain(
    pre: KnowledgeTest | Mapping[str, Any], post: Mapping[str, Any] | None = None
) -> KnowledgeGain:
    """The paired mean gain and the share of participants who improved (rounded to 2 places).

    Give the scores as two mappings (``pre``, ``post``) or one `KnowledgeTest`. Scores of the
    wrong type, negative or absurdly precise ones raise `moralkit.ValidationError` with paths.
    With nobody taking both tests the figures are ``None`` (a defined empty result), and the
    trace says so.
    """
    test = _as_test(pre, post)
    problems: list[Problem] = []
    before = {k: _score(v, f"pre[{k!r}]", problems) for k, v in test.pre.items()}
    after = {k: _score(v, f"post[{k!r}]", problems) for k, v in test.post.items()}
    if problems:
        raise ValidationError(problems, "knowledge_gain")
    missing_pre = tuple(k for k in test.post if k not in test.pre)
    missing_post = tuple(k for k in test.pre if k not in test.post)
    unpaired = Node(
        "evaluation.unpaired",
        len(missing_pre) + len(missing_post),
        None,
        {"missing_pre": len(missing_pre), "missing_post": len(missing_post)},
    )
    both = [k for k in test.pre if k in test.post]
    if not both:
        empty = (Node("evaluation.nobody_paired", 0), unpaired)
        return KnowledgeGain(0, None, None, None, None, missing_pre, missing_post, empty)
    pairs = [(before[k], after[k]) for k in both]
    n = len(pairs)
    mean_pre = sum((p for p, _ in pairs if p is not None), Fraction(0)) / n
    mean_post = sum((q for _, q in pairs if q is not None), Fraction(0)) / n
    improved = sum(1 for p, q in pairs if p is not None and q is not None and q > p)
    figures = (_round(mean_pre), _round(mean_post), _round(mean_post - mean_pre))
    share = _round(Fraction(improved * 100, n))
    trace = (
        Node("evaluation.paired", n),
        Node("evaluation.mean_pre", figures[0], None, {"count": n}),
        Node("evaluation.mean_post", figures[1], None, {"count": n}),
        Node("evaluation.mean_gain", figures[2]),
        Node("evaluation.share_improved", share, None, {"improved": improved, "count": n}),
        unpaired,
    )
    return KnowledgeGain(n, *figures, share, missing_pre, missing_post, trace)


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


def _as_event(event: object, subject: str) -> Event:
    """An `Event`, or a plain mapping of one read by the one converter (problems at 'event')."""
    if isinstance(event, Event):
        return event
    try:
        return load(Event, event)
    except ValidationError as exc:
        raise ValidationError([p.at("event") for p in exc.problems], subject) from None


def _attendance_line(
    round_number: int, group_number: int, group: TargetGroup, planned: int | None, actual: int
) -> AttendanceLine:
    """One line of `attendance`: ``actual`` against ``planned``, as a share when planned."""
    share = _round(Fraction(actual * 100, planned)) if planned else None
    return AttendanceLine(
        round_number,
        group_number,
        group.description_th,
        planned,
        group.size_is_approximate,
        actual,
        share,
    )


def attendance(
    event: Event | Mapping[str, Any], counts: Mapping[int, Mapping[int, int]]
) -> tuple[AttendanceLine, ...]:
    """Participants against each target group's planned size, per round and in total.

    ``counts`` is ``{round number: {target group number (1-based): participants}}``; use round
    ``1`` for an event held once. Sizes given per round (ครั้งละ) are planned for each round held;
    approximate sizes stay marked approximate. The last lines (round 0) are the totals.
    """
    event = _as_event(event, "attendance")
    groups = event.target_groups
    try:
        counts = load(dict[int, dict[int, int]], counts)
    except ValidationError as exc:
        raise ValidationError(
            [p.at("counts") for p in exc.problems], f"attendance at {event.id}"
        ) from None
    problems: list[Problem] = []
    for round_number, per_group in counts.items():
        if round_number < 1:
            problems.append(
                Problem(f"counts[{round_number}]", "evaluation.bad_round", {"round": round_number})
            )
        for number, value in per_group.items():
            path = f"counts[{round_number}][{number}]"
            if not 1 <= number <= len(groups):
                problems.append(
                    Problem(
                        path,
                        "evaluation.unknown_target_group",
                        {"groups": len(groups), "group": number},
                    )
                )
            elif value < 0:
                problems.append(Problem(path, "below_minimum", {"minimum": 0, "value": value}))
    if problems:
        raise ValidationError(problems, f"attendance at {event.id}")
    lines = []
    rounds = sorted(counts)
    for round_number in rounds:
        for group_number, group in enumerate(groups, 1):
            actual = counts[round_number].get(group_number, 0)
            planned = group.planned_size if group.size_per_round or len(rounds) == 1 else None
            lines.append(_attendance_line(round_number, group_number, group, planned, actual))
    for group_number, group in enumerate(groups, 1):
        actual = sum(counts[r].get(group_number, 0) for r in rounds)
        planned = group.planned_size
        if planned is not None and group.size_per_round:
            planned *= len(rounds)
        lines.append(_attendance_line(0, group_number, group, planned, actual))
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


def check_outcomes(
    event: Event | Mapping[str, Any], check: OutcomeCheck | Mapping[str, Any]
) -> OutcomeReport:
    """Compare the ticks with the event's expected outcomes.

    ``check`` is an `OutcomeCheck` or a plain mapping of the same shape (loaded by the one
    converter). An outcome ticked twice, or one the event does not expect, is a
    `moralkit.ValidationError`.
    """
    if not isinstance(check, OutcomeCheck):
        try:
            check = load(OutcomeCheck, check)
        except ValidationError as exc:
            raise ValidationError(exc.problems, "OutcomeCheck") from None
    event = _as_event(event, "check_outcomes")
    expected = len(event.expected_outcomes_th)
    problems = [
        Problem(
            f"ticks[{i}].outcome",
            "evaluation.unknown_outcome",
            {"expected": expected, "outcome": t.outcome},
        )
        for i, t in enumerate(check.ticks)
        if not 1 <= t.outcome <= expected
    ]
    seen: set[int] = set()
    for i, t in enumerate(check.ticks):
        if t.outcome in seen:
            problems.append(
                Problem(f"ticks[{i}].outcome", "evaluation.outcome_twice", {"outcome": t.outcome})
            )
        seen.add(t.outcome)
    if check.event != event.id:
        problems.append(
            Problem("event", "evaluation.wrong_event", {"check": check.event, "event": event.id})
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
