from datetime import date
from decimal import Decimal

import attrs
import pytest

from moralkit import ValidationError, samples, validate
from moralkit.model import (
    ActionPlan,
    Activity,
    ActivityResult,
    Contribution,
    CpiRecord,
    Dataset,
    DeclarationOfIntent,
    Event,
    EventKind,
    EventRole,
    Indicator,
    NationalPlan,
    Organization,
    OrganizationRegistry,
    Person,
    PlanStrategy,
    ProgressReport,
    Round,
    Session,
    SourceDocument,
    TargetGroup,
    TargetVirtue,
    Venue,
    Virtue,
)
from moralkit.thai import DateRange, FiscalYear

JUNE = DateRange(date(2019, 6, 25), date(2019, 6, 26))


def codes(obj):
    return [(p.path, p.code, p.severity) for p in validate(obj)]


def test_a_clean_object_has_no_problems():
    event = Event("e", EventKind.SEMINAR, "ส", dates=JUNE, dates_text_th="25-26 มิถุนายน 2562")
    assert validate(event) == []
    # A moralkit object with nothing to check is fine; something else is not.
    assert validate(Venue("หอประชุม")) == []


@pytest.mark.parametrize("value", ["not a moralkit object", None, {"id": "e"}, [], 7, object()])
def test_a_value_that_is_not_a_moralkit_object_is_refused(value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        validate(value)
    (problem,) = caught.value.problems
    assert (problem.path, problem.code) == ("", "wrong_type")
    assert "moralkit.load" in problem.message_en
    assert "moralkit.load" in problem.message_th


def test_weekday_in_source_text_disagrees():
    event = Event(
        "e", EventKind.SEMINAR, "ส", dates=JUNE, dates_text_th="วันพุธที่ ๒๕ - วันพฤหัสบดีที่ ๒๖ มิถุนายน ๒๕๖๒"
    )
    (problem,) = validate(event)
    assert (problem.path, problem.code) == ("dates_text_th", "weekday_mismatch")
    assert "26 June 2562 (2019-06-26) is a Wednesday, not a Thursday" in problem.message_en
    assert "เป็นวันพุธ" in problem.message_th


def test_dates_disagree_with_their_text():
    event = Event("e", EventKind.SEMINAR, "ส", dates=JUNE, dates_text_th="25-27 มิถุนายน 2562")
    assert codes(event) == [("dates_text_th", "dates_text_mismatch", "error")]
    unreadable = Event("e", EventKind.SEMINAR, "ส", dates_text_th="ปลายเดือนมิถุนายน")
    assert codes(unreadable) == [("dates_text_th", "unreadable_dates_text", "error")]


def test_round_weekday_and_capacity():
    round_ = Round(
        5,
        dates=JUNE,
        dates_text_th="วันพุธที่ 25 - 26 มิถุนายน 2562",
        participants=200,
        venue=Venue(capacity=150),
    )
    event = Event("e", EventKind.SEMINAR, "ส", rounds=[round_], rounds_planned=4)
    assert codes(event) == [
        ("rounds[0].dates_text_th", "weekday_mismatch", "error"),
        ("rounds[0].participants", "above_capacity", "warning"),
        ("rounds[0].number", "round_beyond_plan", "error"),
    ]


def test_stated_fiscal_year_disagrees_with_dates():
    event = Event("e", EventKind.SEMINAR, "ส", dates=JUNE, fiscal_year_stated=FiscalYear(2563))
    assert codes(event) == [("fiscal_year_stated", "fiscal_year_mismatch", "error")]


def test_participants_above_capacity_and_plan():
    event = Event(
        "e",
        EventKind.SEMINAR,
        "ส",
        participants=40,
        venue=Venue(capacity=30),
        target_groups=[TargetGroup("ก", planned_size=30)],
    )
    assert codes(event) == [
        ("participants", "above_capacity", "warning"),
        ("participants", "above_planned_size", "warning"),
    ]
    approximate = attrs.evolve(
        event,
        target_groups=[TargetGroup("ก", planned_size=30, size_is_approximate=True)],
        venue=None,
    )
    assert validate(approximate) == []


def test_session_refers_to_missing_target_group():
    event = Event(
        "e",
        EventKind.SEMINAR,
        "ส",
        target_groups=[TargetGroup("ก")],
        sessions=[Session("ช่วงเช้า", target_groups=(1, 2))],
    )
    assert codes(event) == [("sessions[0].target_groups[1]", "unknown_target_group", "error")]


def test_declaration_checks():
    declaration = DeclarationOfIntent(
        "d",
        "o",
        signatories=51,
        members=50,
        declared_on=date(2023, 10, 2),
        fiscal_year=FiscalYear(2566),
        target_virtues=[TargetVirtue(Virtue.GRATITUDE)],
    )
    assert codes(declaration) == [
        ("declared_on", "fiscal_year_mismatch", "error"),
        ("signatories", "signatories_above_members", "error"),
    ]
    early = DeclarationOfIntent(
        "d",
        "o",
        fiscal_year=FiscalYear(2564),
        target_virtues=[TargetVirtue(Virtue.HONESTY), TargetVirtue(Virtue.GRATITUDE)],
    )
    assert codes(early) == [("target_virtues[1]", "virtue_not_core_yet", "warning")]


def _plan(**changes):
    activity = Activity(
        "a1",
        "กิจกรรม",
        budget=Decimal(1000),
        dates=DateRange.single(date(2024, 3, 1)),
        indicators=[Indicator("ร้อยละของบุคลากรที่เข้าร่วม", Decimal(80), unit_th="ร้อยละ")],
    )
    plan = ActionPlan(
        "p",
        "o",
        "แผน",
        fiscal_year=FiscalYear(2567),
        strategies=[PlanStrategy(1, "ยุทธศาสตร์", activities=[activity])],
    )
    return attrs.evolve(plan, **changes)


def test_plan_checks():
    assert validate(_plan()) == []
    overspent = _plan(
        reports=[
            ProgressReport(
                6,
                as_of=date(2024, 3, 31),
                results=[
                    ActivityResult("a1", done=True, spent=Decimal("1000.01")),
                    ActivityResult("a9", done=False),
                ],
            )
        ]
    )
    assert codes(overspent) == [
        ("reports[0].results[0].spent", "overspent", "warning"),
        ("reports[0].results[1].activity", "unknown_reference", "error"),
    ]
    late = _plan(reports=[ProgressReport(12, as_of=date(2024, 10, 15))])
    assert codes(late) == [("reports[0].as_of", "fiscal_year_mismatch", "error")]


def test_plan_activity_checks():
    bad = Activity(
        "a1",
        "กิจกรรม",
        dates=DateRange.single(date(2024, 10, 1)),
        target_virtue=TargetVirtue(Virtue.GRATITUDE),
        indicators=[Indicator("ร้อยละ", Decimal(120), unit_th="ร้อยละ")],
    )
    plan = ActionPlan(
        "p",
        "o",
        "แผน",
        fiscal_year=FiscalYear(2564),
        strategies=[PlanStrategy(1, "ก", activities=[bad])],
        other_activities=[Activity("a1", "ซ้ำ")],
        stated_activity_count=5,
    )
    assert codes(plan) == [
        ("strategies[0].activities[0].target_virtue", "virtue_not_core_yet", "warning"),
        ("strategies[0].activities[0].dates", "outside_fiscal_year", "warning"),
        ("strategies[0].activities[0].indicators[0].target", "above_maximum", "error"),
        ("other_activities[0].id", "duplicate", "error"),
        ("stated_activity_count", "count_mismatch", "warning"),
    ]


def test_national_plan_ends_before_it_starts():
    plan = NationalPlan("n", "แผน", first_year=FiscalYear(2570), last_year=FiscalYear(2566))
    assert codes(plan) == [("last_year", "end_before_start", "error")]


def test_document_printed_weekday():
    doc = SourceDocument(
        "d", "ข่าว", published_on=date(2024, 9, 16), published_text_th="วันอังคารที่ 16 กันยายน 2567"
    )
    assert codes(doc) == [("published_text_th", "weekday_mismatch", "error")]


def test_dataset_duplicates_parents_and_references():
    data = Dataset(
        documents=[SourceDocument("seed-x", "ข่าว")],
        organizations=[
            Organization("a", "ก"),
            Organization("a", "ก ซ้ำ"),
            Organization("b", "ข", parent="ghost"),
        ],
        people=[Person("p1", "คน", organization="nowhere"), Person("p1", "คนซ้ำ")],
        events=[
            Event(
                "e",
                EventKind.SEMINAR,
                "ส",
                organizers=["a", "zz"],
                sources=["seed-y"],
                people=[EventRole("p9")],
            )
        ],
    )
    assert codes(data) == [
        ("organizations[1].id", "duplicate", "error"),
        ("organizations[2].parent", "unknown_parent", "error"),
        ("people[1].id", "duplicate", "error"),
        ("people[0].organization", "unknown_reference", "error"),
        ("events[0].organizers[1]", "unknown_reference", "error"),
        ("events[0].sources[0]", "unknown_reference", "error"),
        ("events[0].people[0].person", "unknown_reference", "error"),
    ]


def test_nested_problems_carry_the_dataset_path():
    event = Event("e", EventKind.SEMINAR, "ส", dates=JUNE, fiscal_year_stated=FiscalYear(2563))
    data = Dataset(events=[Event("ok", EventKind.SEMINAR, "ส"), event])
    assert codes(data) == [("events[1].fiscal_year_stated", "fiscal_year_mismatch", "error")]


def test_sample_dataset_is_clean():
    assert validate(samples.load()) == []


@pytest.mark.parametrize("seed_id", samples.SEED_IDS)
def test_each_seed_alone_has_only_cross_seed_references(seed_id):
    for problem in validate(samples.load_seed(seed_id)):
        assert problem.code in {"unknown_reference", "unknown_parent"}


def test_references_are_derived_from_the_field_specs():
    event = Event(
        "e",
        EventKind.SEMINAR,
        "ส",
        sessions=[Session("s", contributions=[Contribution("ผู้พูด", person="ghost")])],
        cited_cpi=[CpiRecord(2020, 36, sources=["no-such-doc"])],
    )
    assert codes(Dataset(events=[event])) == [
        ("events[0].sessions[0].contributions[0].person", "unknown_reference", "error"),
        ("events[0].cited_cpi[0].sources[0]", "unknown_reference", "error"),
    ]


def test_a_deep_hierarchy_is_checked_in_linear_time():
    chain = [Organization("o0", "ก")]
    chain += [Organization(f"o{i}", "ก", parent=f"o{i - 1}") for i in range(1, 10_000)]
    registry = OrganizationRegistry(chain)
    assert len(registry.descendants("o0")) == 9_999
    assert validate(Dataset(organizations=chain)) == []
