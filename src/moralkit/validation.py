"""Cross-field and cross-object checks that return every problem at once.

Single-field rules (a negative budget, a blank name, a province code that does not exist) are
enforced when an object is built or loaded. `validate` checks what needs more than one field or
object: dates against the text they were read from, fiscal years against dates, signatories
against members, spending against plans, references between objects. Each `Problem` has a
severity: ``"error"`` for data that cannot be right, ``"warning"`` for data worth a second look.

>>> from datetime import date
>>> from moralkit.model import DeclarationOfIntent
>>> d = DeclarationOfIntent("d1", "org", signatories=60, members=50,
...                         declared_on=date(2024, 1, 10), fiscal_year=FiscalYear(2566))
>>> for problem in validate(d):
...     print(problem.path, problem.code, problem.severity)
declared_on fiscal_year_mismatch error
signatories signatories_above_members error
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import singledispatch
from typing import Any

from moralkit.errors import Problem, Severity, ThaiDateError
from moralkit.model import (
    ActionPlan,
    Activity,
    Dataset,
    DeclarationOfIntent,
    Event,
    NationalPlan,
    OrganizationRegistry,
    Round,
    SourceDocument,
    TargetVirtue,
    Venue,
    Virtue,
)
from moralkit.thai.calendar import DateRange, FiscalYear
from moralkit.thai.dates import parse_thai_date_range

__all__ = ["validate"]


def _problem(path: str, code: str, en: str, th: str, severity: Severity = "error") -> Problem:
    return Problem.legacy(path, code, en, th, severity)


def validate(obj: object) -> list[Problem]:
    """Every cross-field problem in ``obj`` (a `Dataset` or one domain object), in order.

    Paths are relative to ``obj``. Objects with nothing to check give an empty list.
    """
    return list(_check(obj))


@singledispatch
def _check(_obj: object) -> Iterable[Problem]:
    return ()


def _within(prefix: str, problems: Iterable[Problem]) -> Iterable[Problem]:
    return (p.at(prefix) for p in problems)


# --- dates ---------------------------------------------------------------------------------


def _dates_against_text(path: str, dates: DateRange | None, text: str | None) -> list[Problem]:
    """Check that dates agree with the Thai text they came from (weekday names included)."""
    if text is None:
        return []
    try:
        parsed = parse_thai_date_range(text)
    except ThaiDateError as exc:
        code = "weekday_mismatch" if "weekday" in exc.problem_en else "unreadable_dates_text"
        return [_problem(path, code, exc.problem_en, exc.problem_th)]
    if dates is not None and parsed != dates:
        return [
            _problem(
                path,
                "dates_text_mismatch",
                f"the text {text!r} says {parsed}, but the dates are {dates}",
                f"ข้อความ {text!r} ระบุ {parsed} แต่วันที่ที่บันทึกคือ {dates}",
            )
        ]
    return []


def _fiscal_year_against(
    path: str, stated: FiscalYear | None, day: date | None, what: str
) -> list[Problem]:
    if stated is None or day is None or day in stated:
        return []
    actual = FiscalYear.of(day)
    return [
        _problem(
            path,
            "fiscal_year_mismatch",
            f"the stated fiscal year is {stated}, "
            f"but the {what} {day.isoformat()} falls in {actual}",
            f"ระบุ{stated.label_th} แต่วันที่ {day.isoformat()} อยู่ใน{actual.label_th}",
        )
    ]


def _virtue_before_core(
    path: str, target: TargetVirtue | None, fiscal_year: FiscalYear | None
) -> list[Problem]:
    if target is None or target.virtue is None or fiscal_year is None:
        return []
    virtue: Virtue = target.virtue
    if virtue.is_core_in(fiscal_year):
        return []
    return [
        _problem(
            path,
            "virtue_not_core_yet",
            f"{virtue.label_en} ({virtue.label_th}) is a core virtue only from {virtue.core_from}, "
            f"not in {fiscal_year}",
            f"{virtue.label_th} เป็นคุณธรรมหลักตั้งแต่{virtue.core_from.label_th} "
            f"ไม่ใช่{fiscal_year.label_th}",
            "warning",
        )
    ]


# --- objects -------------------------------------------------------------------------------


@_check.register
def _(doc: SourceDocument) -> Iterable[Problem]:
    dates = DateRange.single(doc.published_on) if doc.published_on else None
    return _dates_against_text("published_text_th", dates, doc.published_text_th)


@_check.register
def _(declaration: DeclarationOfIntent) -> Iterable[Problem]:
    problems = _fiscal_year_against(
        "declared_on", declaration.fiscal_year, declaration.declared_on, "declaration date"
    )
    s, m = declaration.signatories, declaration.members
    if s is not None and m is not None and s > m:
        problems.append(
            _problem(
                "signatories",
                "signatories_above_members",
                f"{s} signatories is more than the {m} members",
                f"ผู้ลงนาม {s} คน มากกว่าสมาชิก {m} คน",
            )
        )
    year = declaration.fiscal_year or (
        FiscalYear.of(declaration.declared_on) if declaration.declared_on else None
    )
    for index, target in enumerate(declaration.target_virtues):
        problems.extend(_virtue_before_core(f"target_virtues[{index}]", target, year))
    return problems


@_check.register
def _(plan: NationalPlan) -> Iterable[Problem]:
    first, last = plan.first_year, plan.last_year
    if first is None or last is None or first <= last:
        return []
    return [
        _problem(
            "last_year",
            "end_before_start",
            f"the plan ends ({last}) before it starts ({first})",
            f"แผนสิ้นสุด ({last.be}) ก่อนเริ่ม ({first.be})",
        )
    ]


def _inside(dates: DateRange, fiscal_year: FiscalYear) -> bool:
    return dates.start in fiscal_year and dates.end in fiscal_year


def _activity_problems(activity: Activity, fiscal_year: FiscalYear | None) -> list[Problem]:
    problems = _virtue_before_core("target_virtue", activity.target_virtue, fiscal_year)
    dates = activity.dates
    if fiscal_year is not None and dates is not None and not _inside(dates, fiscal_year):
        problems.append(
            _problem(
                "dates",
                "outside_fiscal_year",
                f"dates {dates} fall outside the plan's {fiscal_year}",
                f"วันที่ {dates} อยู่นอก{fiscal_year.label_th}ของแผน",
                "warning",
            )
        )
    for index, indicator in enumerate(activity.indicators):
        target = indicator.target
        if indicator.is_percentage and target is not None and not 0 <= target <= 100:
            problems.append(
                _problem(
                    f"indicators[{index}].target",
                    "percentage_out_of_range",
                    f"a percentage target must be between 0 and 100 (got {target})",
                    f"ค่าเป้าหมายร้อยละต้องอยู่ระหว่าง 0 ถึง 100 (ได้รับ {target})",
                )
            )
    return problems


def _activity_paths(plan: ActionPlan) -> list[tuple[str, Activity]]:
    paths = [
        (f"strategies[{s}].activities[{a}]", activity)
        for s, strategy in enumerate(plan.strategies)
        for a, activity in enumerate(strategy.activities)
    ]
    paths.extend((f"other_activities[{a}]", act) for a, act in enumerate(plan.other_activities))
    return paths


@_check.register
def _(plan: ActionPlan) -> Iterable[Problem]:
    problems: list[Problem] = []
    by_id: dict[str, Activity] = {}
    for path, activity in _activity_paths(plan):
        if activity.id in by_id:
            problems.append(_duplicate(f"{path}.id", activity.id))
        by_id.setdefault(activity.id, activity)
        problems.extend(_within(path, _activity_problems(activity, plan.fiscal_year)))
    listed = len(by_id)
    stated = plan.stated_activity_count
    if listed and stated is not None and listed != stated:
        problems.append(
            _problem(
                "stated_activity_count",
                "count_mismatch",
                f"the plan states {stated} activities but lists {listed}",
                f"แผนระบุ {stated} กิจกรรม แต่มีรายการ {listed} กิจกรรม",
                "warning",
            )
        )
    for r, report in enumerate(plan.reports):
        for i, result in enumerate(report.results):
            path = f"reports[{r}].results[{i}]"
            planned = by_id.get(result.activity)
            if planned is None:
                problems.append(_unknown(f"{path}.activity", "activity", result.activity))
                continue
            budget, spent = planned.budget, result.spent
            if budget is not None and spent is not None and spent > budget:
                problems.append(
                    _problem(
                        f"{path}.spent",
                        "overspent",
                        f"spent {spent} baht, more than the {budget} baht planned",
                        f"ใช้จ่าย {spent} บาท มากกว่างบประมาณที่วางแผนไว้ {budget} บาท",
                        "warning",
                    )
                )
        problems.extend(
            _fiscal_year_against(
                f"reports[{r}].as_of", plan.fiscal_year, report.as_of, "report date"
            )
        )
    return problems


def _capacity_problems(path: str, participants: int | None, venue: Venue | None) -> list[Problem]:
    if participants is None or venue is None or venue.capacity is None:
        return []
    if participants <= venue.capacity:
        return []
    return [
        _problem(
            path,
            "above_capacity",
            f"{participants} participants is more than the venue's {venue.capacity} seats",
            f"ผู้เข้าร่วม {participants} คน เกินความจุของสถานที่ {venue.capacity} ที่นั่ง",
            "warning",
        )
    ]


def _round_problems(round_: Round) -> list[Problem]:
    problems = _dates_against_text("dates_text_th", round_.dates, round_.dates_text_th)
    problems.extend(_capacity_problems("participants", round_.participants, round_.venue))
    return problems


@_check.register
def _(event: Event) -> Iterable[Problem]:
    problems = _dates_against_text("dates_text_th", event.dates, event.dates_text_th)
    derived = event.fiscal_year
    stated = event.fiscal_year_stated
    if stated is not None and derived is not None and stated != derived:
        problems.append(
            _problem(
                "fiscal_year_stated",
                "fiscal_year_mismatch",
                f"the stated fiscal year is {stated}, but the dates fall in {derived}",
                f"ระบุ{stated.label_th} แต่วันที่จัดอยู่ใน{derived.label_th}",
            )
        )
    problems.extend(_capacity_problems("participants", event.participants, event.venue))
    planned = event.planned_size
    exact = not any(g.size_is_approximate or g.size_per_round for g in event.target_groups)
    participants = event.participants
    if participants is not None and planned is not None and exact and participants > planned:
        problems.append(
            _problem(
                "participants",
                "above_planned_size",
                f"{participants} participants is more than the {planned} planned",
                f"ผู้เข้าร่วม {participants} คน มากกว่าที่วางแผนไว้ {planned} คน",
                "warning",
            )
        )
    for index, round_ in enumerate(event.rounds):
        problems.extend(_within(f"rounds[{index}]", _round_problems(round_)))
    if event.rounds_planned is not None:
        for index, round_ in enumerate(event.rounds):
            if round_.number > event.rounds_planned:
                problems.append(
                    _problem(
                        f"rounds[{index}].number",
                        "round_beyond_plan",
                        f"round {round_.number} is beyond the {event.rounds_planned} planned",
                        f"ครั้งที่ {round_.number} เกินจำนวนที่วางแผนไว้ {event.rounds_planned} ครั้ง",
                    )
                )
    groups = len(event.target_groups)
    for s, session in enumerate(event.sessions):
        for g, number in enumerate(session.target_groups):
            if not 1 <= number <= groups:
                problems.append(
                    _problem(
                        f"sessions[{s}].target_groups[{g}]",
                        "unknown_target_group",
                        f"target group {number} does not exist (the event has {groups})",
                        f"ไม่มีกลุ่มเป้าหมายที่ {number} (มีทั้งหมด {groups} กลุ่ม)",
                    )
                )
    return problems


# --- a whole dataset -------------------------------------------------------------------------


def _duplicate(path: str, value: str) -> Problem:
    return _problem(path, "duplicate_id", f"duplicate id {value!r}", f"รหัสซ้ำ {value!r}")


def _unknown(path: str, what: str, value: str) -> Problem:
    return _problem(
        path,
        "unknown_reference",
        f"no {what} with id {value!r}",
        f"ไม่พบ{_WHAT_TH.get(what, what)}ที่มีรหัส {value!r}",
    )


_WHAT_TH = {
    "organization": "หน่วยงาน",
    "person": "บุคคล",
    "document": "เอกสาร",
    "event": "กิจกรรม",
    "activity": "โครงการ/กิจกรรม",
    "national plan": "แผนระดับชาติ",
}


def _references(data: Dataset) -> Iterable[Problem]:
    known = {
        "organization": {o.id for o in data.organizations},
        "person": {p.id for p in data.people},
        "document": {d.id for d in data.documents},
        "event": {e.id for e in data.events},
        "national plan": {n.id for n in data.national_plans},
    }

    def refs(path: str, what: str, values: Iterable[str | None]) -> Iterable[Problem]:
        for index, value in enumerate(values):
            if value is not None and value not in known[what]:
                yield _unknown(path.format(index), what, value)

    for name, item in _indexed(data):
        if hasattr(item, "sources") and name[0] != "documents":
            yield from refs(f"{_path(name)}.sources[{{}}]", "document", item.sources)
    for i, person in enumerate(data.people):
        yield from refs(f"people[{i}].organization", "organization", [person.organization])
    for i, plan in enumerate(data.action_plans):
        yield from refs(f"action_plans[{i}].organization", "organization", [plan.organization])
        yield from refs(f"action_plans[{i}].national_plan", "national plan", [plan.national_plan])
        for path, activity in _activity_paths(plan):
            yield from refs(
                f"action_plans[{i}].{path}.responsible", "organization", [activity.responsible]
            )
    for i, decl in enumerate(data.declarations):
        yield from refs(f"declarations[{i}].organization", "organization", [decl.organization])
    for i, event in enumerate(data.events):
        yield from refs(f"events[{i}].organizers[{{}}]", "organization", event.organizers)
        yield from refs(f"events[{i}].responsible", "organization", [event.responsible])
        yield from refs(
            f"events[{i}].people[{{}}].person", "person", [r.person for r in event.people]
        )
        for s, session in enumerate(event.sessions):
            people = [r.person for r in session.people]
            yield from refs(f"events[{i}].sessions[{s}].people[{{}}].person", "person", people)
    for i, award in enumerate(data.awards):
        yield from refs(f"awards[{i}].presenter", "person", [award.presenter])
        yield from refs(f"awards[{i}].event", "event", [award.event])
        yield from refs(
            f"awards[{i}].recipients[{{}}].organization",
            "organization",
            [r.organization for r in award.recipients],
        )


def _path(name: tuple[str, int]) -> str:
    return f"{name[0]}[{name[1]}]"


def _indexed(data: Dataset) -> Iterable[tuple[tuple[str, int], Any]]:
    counters: dict[str, int] = {}
    for collection, item in data.items():
        index = counters.get(collection, 0)
        counters[collection] = index + 1
        yield (collection, index), item


def _duplicates(data: Dataset) -> Iterable[Problem]:
    seen: dict[str, set[str]] = {}
    for name, item in _indexed(data):
        item_id = getattr(item, "id", None)
        if item_id is None or name[0] == "organizations":
            continue  # organizations are checked with their hierarchy
        ids = seen.setdefault(name[0], set())
        if item_id in ids:
            yield _duplicate(f"{_path(name)}.id", item_id)
        ids.add(item_id)


@_check.register
def _(data: Dataset) -> Iterable[Problem]:
    problems = list(OrganizationRegistry.problems(data.organizations))
    problems.extend(_duplicates(data))
    problems.extend(_references(data))
    for name, item in _indexed(data):
        problems.extend(_within(_path(name), _check(item)))
    return problems
