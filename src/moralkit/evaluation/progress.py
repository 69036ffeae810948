"""Action-plan progress from a 6- or 12-month report: success rate, budget, timeliness.

The success rate is activities achieved over activities planned, as a percentage rounded half-up
to 2 places (the formula is inferred: no source states it). For the 12-month round every activity
of the plan is planned; for the 6-month round, the activities dated to start by 31 March, plus any
the report mentions.

A `PlanProgress` has ``achieved`` and ``planned`` counts, so it can be given directly as
success-rate evidence to `moralkit.moral.Evidence.of`.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Literal

from attrs import field, frozen

from moralkit._decimal import CONTEXT, round_half_up
from moralkit.errors import Problem, ValidationError
from moralkit.model import ActionPlan, Activity, ActivityResult, ProgressReport
from moralkit.model._base import MANY
from moralkit.trace import Node, RuleValue

__all__ = ["Breakdown", "PlanProgress", "plan_progress"]

#: The success-rate formula is read between the lines of the sources, never stated.
_FORMULA = RuleValue("success_rate", None, "inferred")


def _share(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    # No activities planned (or no budget) has no rate: None, never a division by zero.
    if not whole:
        return None
    with localcontext(CONTEXT):
        return round_half_up(Fraction(part) * 100 / Fraction(whole), 2)


@frozen
class Breakdown:
    """Progress of one group of activities: a strategy, a target virtue, or the whole plan."""

    key: str
    label_th: str
    planned: int
    achieved: int
    success_rate: Decimal | None
    budget: Decimal
    spent: Decimal
    budget_execution: Decimal | None


@frozen
class PlanProgress:
    """A plan's progress at one reporting round."""

    plan: str
    round: Literal[6, 12]
    planned: int
    achieved: int
    success_rate: Decimal | None
    budget: Decimal
    spent: Decimal
    budget_execution: Decimal | None
    on_time_share: Decimal | None
    not_reported: tuple[str, ...]
    by_strategy: tuple[Breakdown, ...]
    by_virtue: tuple[Breakdown, ...]
    trace: tuple[Node, ...] = field(default=(), **MANY)


def _breakdown(
    key: str, label: str, activities: list[Activity], results: dict[str, ActivityResult]
) -> Breakdown:
    achieved = sum(1 for a in activities if a.id in results and results[a.id].done)
    budget = sum((a.budget for a in activities if a.budget is not None), Decimal(0))
    spent = sum(
        (results[a.id].spent or Decimal(0) for a in activities if a.id in results), Decimal(0)
    )
    return Breakdown(
        key,
        label,
        len(activities),
        achieved,
        _share(achieved, len(activities)),
        budget,
        spent,
        _share(spent, budget),
    )


def _planned(
    plan: ActionPlan, months: int, report: ProgressReport
) -> tuple[list[Activity], list[Node]]:
    activities = list(plan.activities)
    if months == 12:
        return activities, []
    if plan.fiscal_year is None:
        return activities, [Node("evaluation.caveat.no_fiscal_year", len(activities))]
    end = plan.fiscal_year.halves[0].end
    mentioned = {r.activity for r in report.results}
    chosen = [
        a for a in activities if (a.dates is not None and a.dates.start <= end) or a.id in mentioned
    ]
    return chosen, []


def plan_progress(plan: ActionPlan, months: Literal[6, 12]) -> PlanProgress:
    """The plan's progress from its 6- or 12-month report.

    Raises `moralkit.ValidationError` when the plan has no report for that round or the report
    names activities the plan lacks.
    """
    if not isinstance(plan, ActionPlan):
        raise ValidationError([Problem("plan", "evaluation.not_a_plan")], "plan_progress")
    if type(months) is not int or months not in (6, 12):
        raise ValidationError(
            [Problem("months", "evaluation.bad_round_months", {"months": months})], plan.id
        )
    report = plan.report(months)
    if report is None:
        raise ValidationError(
            [Problem("reports", "evaluation.no_report", {"months": months})], plan.id
        )
    known = {a.id for a in plan.activities}
    index = plan.reports.index(report)
    unknown = [
        Problem(
            f"reports[{index}].results[{i}].activity",
            "evaluation.unknown_activity",
            {"activity": r.activity},
        )
        for i, r in enumerate(report.results)
        if r.activity not in known
    ]
    if unknown:
        raise ValidationError(unknown, plan.id)
    results = {r.activity: r for r in report.results}
    planned, caveats = _planned(plan, months, report)
    whole = _breakdown("plan", plan.title_th, planned, results)
    timed = [
        results[a.id].on_time
        for a in planned
        if a.id in results and results[a.id].on_time is not None
    ]
    on_time = _share(sum(1 for t in timed if t), len(timed)) if timed else None
    planned_ids = {a.id for a in planned}
    strategies = [
        _breakdown(
            f"strategy-{s.number}",
            s.title_th,
            [a for a in s.activities if a.id in planned_ids],
            results,
        )
        for s in plan.strategies
    ]
    virtues: dict[str, tuple[str, list[Activity]]] = {}
    for activity in planned:
        target = activity.target_virtue
        key = (
            "none"
            if target is None
            else (target.virtue.value if target.virtue else f"own:{target.name_th}")
        )
        label = "ไม่ระบุ" if target is None else target.label_th
        virtues.setdefault(key, (label, []))[1].append(activity)
    return PlanProgress(
        plan=plan.id,
        round=months,
        planned=whole.planned,
        achieved=whole.achieved,
        success_rate=whole.success_rate,
        budget=whole.budget,
        spent=whole.spent,
        budget_execution=whole.budget_execution,
        on_time_share=on_time,
        not_reported=tuple(a.id for a in planned if a.id not in results),
        by_strategy=tuple(strategies),
        by_virtue=tuple(
            _breakdown(k, label, acts, results) for k, (label, acts) in virtues.items()
        ),
        trace=(
            Node(
                "evaluation.success_rate",
                whole.success_rate,
                None,
                {"achieved": whole.achieved, "planned": whole.planned, "months": months},
                (),
                _FORMULA,
            ),
            Node(
                "evaluation.budget_execution",
                whole.budget_execution,
                None,
                {"spent": str(whole.spent), "budget": str(whole.budget)},
            ),
            Node("evaluation.on_time", on_time, None, {"timed": len(timed)}),
            Node(
                "evaluation.not_reported",
                len(planned) - len([a for a in planned if a.id in results]),
            ),
            *caveats,
        ),
    )
