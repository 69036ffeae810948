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

import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from functools import cache, singledispatch
from typing import Any

import attrs

from moralkit._fields import REFERENCE_KEY, Reference
from moralkit.errors import Problem, Severity, ThaiDateError, ValidationError
from moralkit.messages import Term, Words, render, show
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

__all__ = ["LONGEST_DATES_TEXT", "declared_references", "validate"]


def _problem(
    path: str, code: str, params: Mapping[str, Any] | None = None, severity: Severity = "error"
) -> Problem:
    return Problem(path, code, params or {}, severity)


#: The longest dates text `validate` reads; longer text is reported unreadable, unparsed.
LONGEST_DATES_TEXT = 200
_WEEKDAY = re.compile(r"\(?วัน(?:จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัส|ศุกร์|เสาร์|อาทิตย์)(?:ที่)?\)?\s*")


def validate(obj: object) -> list[Problem]:
    """Every cross-field problem in ``obj`` (a `Dataset` or one domain object), in order.

    Paths are relative to ``obj``. moralkit objects with nothing to check give an empty list.
    Anything else (a raw dict, ``None``, a string) is refused with `moralkit.ValidationError`
    (code ``wrong_type`` at path ``""``, as the loader refuses a value of the wrong type):
    load dicts with `moralkit.load` first.

    >>> validate({"id": "d1"})
    Traceback (most recent call last):
    ...
    moralkit.errors.ValidationError: 1 problem:
      (input): expected a Dataset or a moralkit domain object ... (got {id}) / ...
    """
    if not _is_moralkit_object(obj):
        expected = Term("validation.kind.domain_object")
        raise ValidationError(
            [_problem("", "wrong_type", {"expected": expected, "value": show(obj)})]
        )
    return list(_check(obj))


def _is_moralkit_object(obj: object) -> bool:
    # moralkit's own attrs classes (model, rules, results); not a dict, None, text or a tuple.
    kind = type(obj)
    return attrs.has(kind) and kind.__module__.partition(".")[0] == "moralkit"


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
    if len(text) > LONGEST_DATES_TEXT:
        limit = {"limit": LONGEST_DATES_TEXT}
        too_long = Words(  # the reason, in both languages, from the catalogue
            render("validation.reason.too_long", "th", limit),
            render("validation.reason.too_long", "en", limit),
        )
        return [_problem(path, "unreadable_dates_text", {"text": text, "reason": too_long})]
    try:
        parsed = parse_thai_date_range(text)
    except ThaiDateError as exc:
        params = {"text": text, "reason": Words(exc.problem_th, exc.problem_en)}
        # Read again without the weekday names: if that works, only a weekday was wrong.
        try:
            parse_thai_date_range(_WEEKDAY.sub("", text))
        except ThaiDateError:
            return [_problem(path, "unreadable_dates_text", params)]
        return [_problem(path, "weekday_mismatch", params)]
    if dates is not None and parsed != dates:
        return [
            _problem(
                path,
                "dates_text_mismatch",
                {
                    "text": text,
                    "text_start": parsed.start,
                    "text_end": parsed.end,
                    "start": dates.start,
                    "end": dates.end,
                },
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
            {"stated": stated.be, "day": day, "actual": actual.be, "what": Term(what)},
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
            {
                "virtue_th": virtue.label_th,
                "virtue_en": virtue.label_en,
                "core_from": virtue.core_from.be,
                "fiscal_year": fiscal_year.be,
            },
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
        "declared_on", declaration.fiscal_year, declaration.declared_on, "what.declaration_date"
    )
    s, m = declaration.signatories, declaration.members
    if s is not None and m is not None and s > m:
        problems.append(
            _problem("signatories", "signatories_above_members", {"signatories": s, "members": m})
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
    return [_problem("last_year", "end_before_start", {"start": first.be, "end": last.be})]


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
                {"start": dates.start, "end": dates.end, "fiscal_year": fiscal_year.be},
                "warning",
            )
        )
    for index, indicator in enumerate(activity.indicators):
        target = indicator.target
        if indicator.is_percentage and target is not None and target > 100:
            where = f"indicators[{index}].target"
            problems.append(_problem(where, "above_maximum", {"maximum": 100, "value": target}))
        elif indicator.is_percentage and target is not None and target < 0:
            where = f"indicators[{index}].target"
            problems.append(_problem(where, "below_minimum", {"minimum": 0, "value": target}))
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
                {"stated": stated, "listed": listed},
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
                        f"{path}.spent", "overspent", {"spent": spent, "budget": budget}, "warning"
                    )
                )
        problems.extend(
            _fiscal_year_against(
                f"reports[{r}].as_of", plan.fiscal_year, report.as_of, "what.report_date"
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
            {"participants": participants, "capacity": venue.capacity},
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
                {
                    "stated": stated.be,
                    "day": event.dates.start if event.dates else None,
                    "actual": derived.be,
                    "what": Term("what.event_date"),
                },
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
                {"participants": participants, "planned": planned},
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
                        {"round": round_.number, "planned": event.rounds_planned},
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
                        {"number": number, "groups": groups},
                    )
                )
    return problems


# --- a whole dataset -------------------------------------------------------------------------


def _duplicate(path: str, value: str) -> Problem:
    return _problem(path, "duplicate", {"value": value})


def _unknown(path: str, what: str, value: str) -> Problem:
    return _problem(path, "unknown_reference", {"kind": Term(f"ref.{what}"), "value": value})


#: The Dataset collection each reference kind names objects of.
_COLLECTIONS = {
    "organization": "organizations",
    "person": "people",
    "document": "documents",
    "event": "events",
    "national_plan": "national_plans",
}


@cache
def _reference_fields(cls: type[Any]) -> tuple[tuple[str, Reference | None], ...]:
    """The fields of ``cls`` to look at: references, and fields that may hold objects."""
    fields: list[tuple[str, Reference | None]] = []
    for f in attrs.fields(cls):
        reference = f.metadata.get(REFERENCE_KEY)
        if isinstance(reference, Reference):
            fields.append((f.name, reference))
        elif not _plain_type(f.type):
            fields.append((f.name, None))
    return tuple(fields)


def _plain_type(hint: object) -> bool:
    # Scalars and tuples of scalars hold no objects; anything else is walked.
    text = hint if isinstance(hint, str) else getattr(hint, "__name__", repr(hint))
    return bool(re.fullmatch(r"(?:str|int|bool|Decimal|date|FiscalYear)(?: \| None)?", text)) or (
        text in ("tuple[str, ...]", "tuple[int, ...]")
    )


def declared_references(obj: object, path: str = "") -> Iterator[tuple[str, str, str]]:
    """Every ``(path, kind, id)`` that ``obj`` and the objects inside it declare, in order.

    The references are the fields declared with a `moralkit._fields.Reference` spec; nothing
    is listed by hand, so a new field that names another object is checked as soon as it
    declares so. The walk is iterative and visits each object once.
    """
    stack: list[tuple[str, object]] = [(path, obj)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, tuple):
            stack.extend((f"{where}[{i}]", v) for i, v in reversed(list(enumerate(item))))
            continue
        kind: Any = type(item)
        if not attrs.has(kind):
            continue
        nested: list[tuple[str, object]] = []
        for name, reference in _reference_fields(kind):
            value = getattr(item, name)
            step = f"{where}.{name}" if where else name
            if reference is None:
                if value is not None:
                    nested.append((step, value))
            elif isinstance(value, tuple):
                yield from ((f"{step}[{i}]", reference.target, v) for i, v in enumerate(value))
            elif value is not None:
                yield step, reference.target, value
        stack.extend(reversed(nested))


def _references(data: Dataset) -> Iterable[Problem]:
    known = {
        kind: {getattr(item, "id", None) for item in getattr(data, collection)}
        for kind, collection in _COLLECTIONS.items()
    }
    for name, item in _indexed(data):
        for path, kind, value in declared_references(item, _path(name)):
            if kind in known and value not in known[kind]:
                yield _unknown(path, kind, value)


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
