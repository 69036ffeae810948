"""The ``moralkit`` command: the demo, and quick look-ups of Thai dates and fiscal years.

This is the only module that prints.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from moralkit import evaluation, ita, moral, samples
from moralkit.errors import MoralkitError
from moralkit.model import Dataset, Event, EventMode, SourceDocument, Venue, province
from moralkit.serde import from_json, to_json
from moralkit.thai import (
    DateRange,
    FiscalYear,
    format_thai_date,
    format_thai_date_range,
    parse_fiscal_year,
    parse_thai_date_range,
)
from moralkit.validation import validate

__all__ = ["main"]


def _print(text: str = "") -> None:
    print(text)


def _describe_range(text: str) -> str:
    r = parse_thai_date_range(text)
    fiscal = sorted({FiscalYear.of(r.start), FiscalYear.of(r.end)})
    iso = r.start.isoformat() if r.days == 1 else f"{r.start.isoformat()} .. {r.end.isoformat()}"
    years = ", ".join(f"{fy.label_en} ({fy.label_th})" for fy in fiscal)
    return f"{iso}  |  {format_thai_date_range(r, 'abbr')}  |  {years}"


def _when(dates: DateRange | None) -> str:
    if dates is None:
        return "not stated (ไม่ระบุ)"
    fy = FiscalYear.of(dates.start)
    iso = dates.start.isoformat() if dates.days == 1 else str(dates)
    return f"{format_thai_date_range(dates, 'abbr')} ({iso})  ·  {fy.label_en} / {fy.label_th}"


def _where(venue: Venue | None) -> str:
    if venue is None:
        return "not stated (ไม่ระบุ)"
    parts = [venue.room_th, f"ชั้น {venue.floor_th}" if venue.floor_th else None]
    parts += [venue.building_th, venue.name_th]
    if venue.district_th:
        parts.append(f"อำเภอ{venue.district_th}")
    if venue.province:
        parts.append(province(venue.province).label_th)
    return " ".join(p for p in parts if p)


def _event(data: Dataset, event: Event) -> None:
    _print(f"  Event ({event.kind.label_en} / {event.kind.label_th}): {event.title_th}")
    _print(f"    When:  {_when(event.dates)}")
    where = _where(event.venue)
    if event.mode is not EventMode.ON_SITE:
        where += f"  ·  {event.mode.label_en}" + (f" ({event.platform})" if event.platform else "")
    _print(f"    Where: {where}")
    for role in event.people:
        person = data.person(role.person)
        position = f" - {person.position_th}" if person.position_th else ""
        _print(f"    {role.role.label_en} ({role.role.label_th}): {person.label_th}{position}")
    if event.participants is not None:
        about = "about " if event.participants_approximate else ""
        _print(f"    Participants: {about}{event.participants}")
    for group in event.target_groups:
        size = ""
        if group.planned_size is not None:
            about = "~" if group.size_is_approximate else ""
            each = " per round" if group.size_per_round else ""
            size = f" [{about}{group.planned_size}{each}]"
        _print(f"    Target group{size}: {group.description_th}")
    for round_ in event.rounds:
        names = ", ".join(province(code).name_th for code in round_.provinces)
        _print(f"    Round {round_.number}/{event.rounds_planned or '?'}: {_when(round_.dates)}")
        _print(f"      {len(round_.provinces)} provinces: {names}")
        _print(f"      at {_where(round_.venue)}")
    if event.provinces:
        _print(f"    Provinces taking part: {len(event.provinces)}")
    if event.budget is not None:
        _print(f"    Budget: {event.budget} baht (งบประมาณ)")
    for cpi in event.cited_cpi:
        _print(
            f"    CPI {cpi.year} (พ.ศ. {cpi.year_be}): score {cpi.score}, "
            f"rank {cpi.rank}/{cpi.countries}"
        )
    if event.fiscal_year is not None and event.dates is None:
        _print(f"    Fiscal year (from its rounds): {event.fiscal_year.label_en}")


def _source(data: Dataset, doc: SourceDocument) -> None:
    part = data.from_source(doc.id)
    _print(f"[{doc.id}] {doc.kind_en or ''} ({doc.kind_th or ''}): {doc.title_th}")
    if doc.published_on is not None:
        _print(f"  Published: {format_thai_date(doc.published_on, weekday=True)}")
    for event in part.events:
        _event(data, event)
    for plan in part.action_plans:
        count = plan.activity_count
        year = plan.fiscal_year.label_en if plan.fiscal_year else "fiscal year not stated"
        _print(f"  Action plan ({year}): {plan.title_th}")
        _print(f"    {len(plan.strategies)} strategies, {count} projects/activities")
        for strategy in plan.strategies:
            _print(f"    {strategy.number}) {strategy.title_th}")
    for national in part.national_plans:
        years = national.fiscal_years
        span = f", FY{years[0].be}-{years[-1].be}" if years else ""
        _print(f"  National plan ({national.kind.label_en}{span}): {national.name_th}")
    for declaration in part.declarations:
        virtues = ", ".join(t.label_th for t in declaration.target_virtues)
        _print(f"  Declaration ({declaration.kind.label_en}): target virtues {virtues}")
    for award in part.awards:
        year = f" {award.fiscal_year.label_en}" if award.fiscal_year else ""
        _print(f"  Award{year}: {award.name_th}")
        for recipient in award.recipients:
            level = recipient.level.label_th if recipient.level else recipient.prize_th or ""
            _print(f"    {data.organization(recipient.organization).label_th}: {level}")
    _print()


def _demo(_args: argparse.Namespace) -> int:
    data = samples.load()
    counts = ", ".join(
        f"{name.replace('_', ' ')} {len(getattr(data, name))}"
        for name in (
            "documents",
            "organizations",
            "people",
            "events",
            "action_plans",
            "national_plans",
            "declarations",
            "awards",
        )
    )
    _print("moralkit demo: the five source documents as data (เอกสารต้นทาง 5 ฉบับ)")
    _print(f"Loaded: {counts}")
    problems = validate(data)
    if problems:
        _print(f"Validation: {len(problems)} problems")
        for problem in problems:
            _print(f"  {problem}")
    else:
        _print("Validation: no problems (ตรวจสอบแล้ว ไม่พบปัญหา)")
    _print()
    for doc in data.documents:
        _source(data, doc)
    _print("Organizations (หน่วยงาน), by hierarchy:")
    registry = data.registry()

    def show(org_id: str, depth: int) -> None:
        org = registry.get(org_id)
        _print(f"  {'  ' * depth}{org.label_th}  [{org.kind.label_en}]")
        for child in registry.children(org_id):
            show(child.id, depth + 1)

    for root in registry.roots():
        show(root.id, 0)
    _print()
    _moral_demo()
    _print()
    _ita_demo()
    _print()
    _monitoring_demo(data)
    return 0


def _moral_demo() -> None:
    _print("The moral-organization ladder (องค์กรคุณธรรม 3 ระดับ 9 กิจกรรม):")
    rubric = moral.RUBRICS.for_year(2567)
    _print(f"  Rubric for FY2567: {rubric.title_th} ({rubric.id}, {rubric.status})")
    for activity in sorted(rubric.activities, key=lambda a: a.number):
        _print(f"    {activity.number}. [level {activity.level}] {activity.text_en}")
    _print("  Example evidence (made up for the demo): declaration signed by 45 of 50 members,")
    _print("  5 problems/good deeds and 3 Do & Don't items, a plan, 15 of 20 activities achieved.")
    evidence = moral.Evidence.of(
        "moind-ops-hr",
        2567,
        {1: (45, 50), 2: {"problems_and_good_deeds": 5, "do_and_dont": 3}, 3: True, 4: (15, 20)},
    )
    result = moral.assess(evidence)
    for step in result.explanation:
        _print(f"    {step.text_en}")
    _print("  Still needed for the next level (ยังขาด):")
    for item in result.gap:
        _print(f"    {item.needs_en} / {item.needs_th}")
    _print("  Published tallies, Bangkok FY2562 [BMA certificate notice, 10 Feb 2564]:")
    for what, counts in (
        ("communities", {3: 7, 2: 6, 1: 9}),
        ("organizations", {3: 28, 2: 18, 1: 12}),
    ):
        tally = moral.Tally.from_counts("กรุงเทพมหานคร", counts)
        shares = ", ".join(
            f"level {level} {tally.count(level)} ({tally.share(level)}%)" for level in (3, 2, 1)
        )
        _print(f"    {what}: {tally.total} in all; {shares}")


def _ita_demo() -> None:
    _print("The ITA (การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ):")
    _print("  Published results recomputed from their indicator scores:")
    for row in ita.published_rows():
        indicators = row.indicator_scores
        if indicators is None:
            continue
        result = ita.score(row.fiscal_year, indicators=indicators)
        _print(
            f"    {row.agency_th} {row.fiscal_year.label_en} [{', '.join(row.sources)}]: "
            f"published {row.total} ({row.published_level}), recomputed {result.total} "
            f"({result.level.code})"
        )
        for step in result.explanation[-5:]:
            _print(f"      {step.text_en}")
    _print(
        "  The FY2568 State Audit Office case [MGR Online]: a total in the nineties, EIT below 85:"
    )
    for eit in (84, 85):
        result = ita.score(2568, tools={"IIT": 98, "EIT": eit, "OIT": "99.5"})
        level = f"{result.level.label_th} ({result.level.label_en})"
        _print(f"    IIT 98, EIT {eit}, OIT 99.5 -> {result.total} {level}")
    _print("  Published national results [Nation Thailand; Matichon]:")
    for year in ita.published_years():
        parts = [f"mean {year.mean}"] if year.mean is not None else []
        if year.agencies is not None:
            parts.insert(0, f"{year.agencies} agencies")
        if year.share_passing is not None:
            parts.append(f"{year.share_passing}% at 85 or more (target 80%)")
        _print(f"    {year.fiscal_year.label_en}: {', '.join(parts)} [{year.status}]")
    _print("  Thailand's CPI (Transparency International):")
    line = ", ".join(f"{y} {ita.cpi(y).score}" for y in ita.cpi_years())
    _print(f"    {line}")


def _monitoring_demo(data: Dataset) -> None:
    _print("Programme monitoring (การติดตามประเมินผล):")
    seminar = data.from_source("seed-004").events[0]
    _print(
        f"  {seminar.title_th[:60]}...: evaluation by {', '.join(seminar.evaluation_methods_th)}"
    )
    _print("  Planned attendance per round (the seeds publish no actual counts):")
    for number, group in enumerate(seminar.target_groups, 1):
        about = "about " if group.size_is_approximate else ""
        each = " per round" if group.size_per_round else ""
        _print(f"    group {number}: {about}{group.planned_size}{each}")
    _print("  Expected outcomes to tick after the event (ผลสัมฤทธิ์ที่คาดหวัง):")
    for number, outcome in enumerate(seminar.expected_outcomes_th, 1):
        _print(f"    [ ] {number}. {outcome[:70]}...")
    table = evaluation.INTERPRETATIONS.all()[0]
    bands = ", ".join(f"{b.min}-{b.max} {b.label_th}" for b in table.bands)
    _print(f"  Reading a 5-point mean ({table.status} convention): {bands}")


def _assess(args: argparse.Namespace) -> int:
    evidence = from_json(moral.Evidence, Path(args.file).read_bytes())
    result = moral.assess(evidence)
    if args.json:
        _print(to_json(result))
        return 0
    for step in result.explanation:
        _print(step.text_th if args.thai else step.text_en)
    for item in result.gap:
        _print(f"  {item.needs_th if args.thai else item.needs_en}")
    return 0


def _date(args: argparse.Namespace) -> int:
    for text in args.text:
        _print(f"{text}  ->  {_describe_range(text)}")
    return 0


def _fiscal_year(args: argparse.Namespace) -> int:
    fy = parse_fiscal_year(args.text)
    _print(f"{fy.label_th} / {fy.label_en}")
    _print(f"  {format_thai_date(fy.start)} - {format_thai_date(fy.end)}")
    for number, half in enumerate(fy.halves, 1):
        _print(f"  half {number}: {format_thai_date_range(half, 'abbr')}")
    for number, quarter in enumerate(fy.quarters, 1):
        _print(f"  quarter {number}: {format_thai_date_range(quarter, 'abbr')}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="moralkit", description="Thailand's moral-promotion domain, from the command line."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="show moralkit on its bundled sample data")
    demo.set_defaults(run=_demo)
    date = commands.add_parser("date", help="read Thai dates or ranges; print ISO and fiscal year")
    date.add_argument("text", nargs="+", help="for example '๑๕ กรกฎาคม ๒๕๖๓' or '2-3 พ.ค. 2566'")
    date.set_defaults(run=_date)
    assess = commands.add_parser("assess", help="assess an organization's evidence (a JSON file)")
    assess.add_argument("file", help="evidence as JSON, as moralkit.dump writes it")
    assess.add_argument("--json", action="store_true", help="print the whole result as JSON")
    assess.add_argument("--thai", action="store_true", help="explain in Thai")
    assess.set_defaults(run=_assess)
    fy = commands.add_parser("fy", help="show a fiscal year's dates, halves and quarters")
    fy.add_argument("text", help="for example 'ปีงบประมาณ พ.ศ. 2567' or 'FY2567'")
    fy.set_defaults(run=_fiscal_year)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (2 for input moralkit cannot read)."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    args = _parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except MoralkitError as exc:
        print(f"moralkit: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`moralkit demo | head`): stop quietly, as Unix tools do.
        # Python's documented recipe: point stdout at devnull so the exit flush cannot fail.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return status
