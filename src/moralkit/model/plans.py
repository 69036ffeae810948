"""National plans and an organization's annual action plan, with its progress reports.

An organization's plan (แผนปฏิบัติการส่งเสริมคุณธรรม ประจำปีงบประมาณ) is made of strategies
(ยุทธศาสตร์), each with projects and activities (โครงการ/กิจกรรม) that carry a target virtue,
the problem they fix, the good deed they do, indicators (ตัวชี้วัด), dates and a budget.
Progress is reported at 6 and 12 months (รอบ 6 เดือน / รอบ 12 เดือน).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from attrs import field, frozen

from moralkit.model._base import (
    COUNT,
    ID,
    MANY,
    MONEY,
    TEXT,
    TEXTS,
    LabelledEnum,
    bounded,
    refers_to,
)
from moralkit.model.virtues import TargetVirtue
from moralkit.thai.calendar import DateRange, FiscalYear

__all__ = [
    "ActionPlan",
    "Activity",
    "ActivityKind",
    "ActivityResult",
    "Indicator",
    "NationalPlan",
    "NationalPlanKind",
    "NationalStrategy",
    "PlanStrategy",
    "ProgressReport",
    "SubPlan",
]

_PERCENT_UNITS = frozenset({"ร้อยละ", "%", "percent", "เปอร์เซ็นต์"})


class NationalPlanKind(LabelledEnum):
    """The two kinds of national plan."""

    MASTER_PLAN = "master_plan", "แผนแม่บท", "master plan"
    ACTION_PLAN = "action_plan", "แผนปฏิบัติการ", "action plan"


@frozen
class NationalStrategy:
    """A strategy (ยุทธศาสตร์) of a national plan."""

    number: int = field(**bounded(1, 99))
    title_th: str = field(**TEXT)
    title_en: str | None = field(default=None, **TEXT)


@frozen
class SubPlan:
    """A sub-plan (แผนย่อย) of a national action plan."""

    number: int = field(**bounded(1, 99))
    title_th: str = field(**TEXT)
    title_en: str | None = field(default=None, **TEXT)


@frozen
class NationalPlan:
    """A national moral-promotion plan covering ``first_year`` to ``last_year`` inclusive.

    ``strategy_count`` and ``sub_plan_count`` hold counts a source states when it does not
    list the parts themselves.

    >>> plan = NationalPlan("mp1", "แผนแม่บทส่งเสริมคุณธรรมแห่งชาติ ฉบับที่ 1",
    ...                     first_year=FiscalYear(2559), last_year=FiscalYear(2565))
    >>> plan.covers(FiscalYear(2563)), len(plan.fiscal_years)
    (True, 7)
    """

    id: str = field(**ID)
    name_th: str = field(**TEXT)
    name_en: str | None = field(default=None, **TEXT)
    kind: NationalPlanKind = NationalPlanKind.MASTER_PLAN
    first_year: FiscalYear | None = field(default=None)
    last_year: FiscalYear | None = field(default=None)
    approved_on: date | None = field(default=None)
    strategies: tuple[NationalStrategy, ...] = field(default=(), **MANY)
    sub_plans: tuple[SubPlan, ...] = field(default=(), **MANY)
    strategy_count: int | None = field(default=None, **COUNT)
    sub_plan_count: int | None = field(default=None, **COUNT)
    goals_th: tuple[str, ...] = field(default=(), **TEXTS)
    sources: tuple[str, ...] = field(default=(), **refers_to("document", many=True))

    @property
    def fiscal_years(self) -> tuple[FiscalYear, ...]:
        """Every fiscal year the plan covers, in order (empty when the period is unknown)."""
        if self.first_year is None or self.last_year is None:
            return ()
        return tuple(FiscalYear(be) for be in range(self.first_year.be, self.last_year.be + 1))

    def covers(self, fiscal_year: FiscalYear) -> bool:
        """Whether ``fiscal_year`` lies within the plan's period."""
        return fiscal_year in self.fiscal_years


@frozen
class Indicator:
    """An indicator (ตัวชี้วัด) with its target and unit: "ร้อยละ 80", "2 ครั้ง"."""

    description_th: str = field(**TEXT)
    target: Decimal | None = field(default=None)
    unit_th: str | None = field(default=None, **TEXT)
    description_en: str | None = field(default=None, **TEXT)
    unit_en: str | None = field(default=None, **TEXT)

    @property
    def is_percentage(self) -> bool:
        """Whether the unit is a percentage (ร้อยละ, %)."""
        return (self.unit_th or self.unit_en or "").strip().lower() in _PERCENT_UNITS


class ActivityKind(LabelledEnum):
    """Projects contain work; activities are the work."""

    PROJECT = "project", "โครงการ", "project"
    ACTIVITY = "activity", "กิจกรรม", "activity"


@frozen
class Activity:
    """A project or activity of an action plan.

    ``responsible`` is the id of the responsible unit; ``responsible_th`` its name as the
    plan writes it, when it is not an organization in the data. ``budget`` is in baht,
    ``None`` when not stated.
    """

    id: str = field(**ID)
    title_th: str = field(**TEXT)
    kind: ActivityKind = ActivityKind.ACTIVITY
    title_en: str | None = field(default=None, **TEXT)
    target_virtue: TargetVirtue | None = field(default=None)
    problem_th: str | None = field(default=None, **TEXT)
    good_deed_th: str | None = field(default=None, **TEXT)
    objectives_th: tuple[str, ...] = field(default=(), **TEXTS)
    indicators: tuple[Indicator, ...] = field(default=(), **MANY)
    dates: DateRange | None = field(default=None)
    budget: Decimal | None = field(default=None, **MONEY)
    responsible: str | None = field(default=None, **refers_to("organization"))
    responsible_th: str | None = field(default=None, **TEXT)


@frozen
class PlanStrategy:
    """A strategy of an organization's plan, with its projects and activities."""

    number: int = field(**bounded(1, 99))
    title_th: str = field(**TEXT)
    title_en: str | None = field(default=None, **TEXT)
    activities: tuple[Activity, ...] = field(default=(), **MANY)


@frozen
class ActivityResult:
    """What a progress report says of one planned activity.

    ``done`` is whether it was carried out and achieved its target; ``on_time`` whether it
    happened within its planned dates, when known; ``spent`` is in baht.
    """

    activity: str = field(**refers_to("activity"))
    done: bool = field()
    spent: Decimal | None = field(default=None, **MONEY)
    participants: int | None = field(default=None, **COUNT)
    dates: DateRange | None = field(default=None)
    on_time: bool | None = field(default=None)
    evidence: tuple[str, ...] = field(default=(), **TEXTS)
    note_th: str | None = field(default=None, **TEXT)


@frozen
class ProgressReport:
    """A 6- or 12-month progress report (รายงานผลรอบ 6 / 12 เดือน) of an action plan."""

    round: Literal[6, 12] = field()
    as_of: date | None = field(default=None)
    results: tuple[ActivityResult, ...] = field(default=(), **MANY)


@frozen
class ActionPlan:
    """An organization's moral-promotion action plan for a fiscal year.

    ``stated_activity_count`` holds the number of projects/activities a source states when
    it does not list them (the MOPH Health Administration Division's plan: 17).
    ``fiscal_year`` is ``None`` when the source does not say which year the plan is for.
    ``other_activities`` are activities whose strategy the source does not name.
    """

    id: str = field(**ID)
    organization: str = field(**refers_to("organization"))
    title_th: str = field(**TEXT)
    fiscal_year: FiscalYear | None = field(default=None)
    national_plan: str | None = field(default=None, **refers_to("national_plan"))
    strategies: tuple[PlanStrategy, ...] = field(default=(), **MANY)
    other_activities: tuple[Activity, ...] = field(default=(), **MANY)
    stated_activity_count: int | None = field(default=None, **COUNT)
    outcomes_th: tuple[str, ...] = field(default=(), **TEXTS)
    success_factors_th: tuple[str, ...] = field(default=(), **TEXTS)
    reports: tuple[ProgressReport, ...] = field(default=(), **MANY)
    sources: tuple[str, ...] = field(default=(), **refers_to("document", many=True))

    @property
    def activities(self) -> tuple[Activity, ...]:
        """Every project and activity, strategy by strategy, then the other activities."""
        return tuple(a for s in self.strategies for a in s.activities) + self.other_activities

    @property
    def activity_count(self) -> int | None:
        """Activities listed, or the stated count when none are listed."""
        listed = len(self.activities)
        return listed if listed else self.stated_activity_count

    def report(self, months: Literal[6, 12]) -> ProgressReport | None:
        """The 6- or 12-month report, when there is one."""
        return next((r for r in self.reports if r.round == months), None)
