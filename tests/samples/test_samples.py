"""The sample dataset holds what each seed states, and nothing else."""

import pickle
from datetime import date
from decimal import Decimal

import pytest

from moralkit import ValidationError, samples, validate
from moralkit.model import EventKind, EventMode, MoralLevel, Region, Virtue, provinces
from moralkit.thai import DateRange, FiscalYear


def seed(n):
    return samples.load().from_source(f"seed-00{n}")


def test_the_dataset_is_cached_and_clean():
    assert samples.load() is samples.load()
    assert validate(samples.load()) == []
    assert [d.id for d in samples.load().documents] == list(samples.SEED_IDS)


def test_every_object_cites_a_seed():
    for name, item in samples.load().items():
        if hasattr(item, "sources"):
            assert item.sources, f"{name}: {item!r} cites no seed"
            assert set(item.sources) <= set(samples.SEED_IDS)


def test_seed_000_training_plan_and_award():
    data = seed(0)
    (event,) = data.events
    assert event.kind is EventKind.WORKSHOP
    assert event.mode is EventMode.HYBRID
    assert event.platform == "Webex"
    assert event.dates == DateRange.single(date(2022, 2, 21))
    assert event.fiscal_year == event.fiscal_year_stated == FiscalYear(2565)
    assert (event.participants, event.participants_approximate) == (70, True)
    assert (event.venue.room_th, event.venue.floor_th, event.venue.province) == (
        "ห้องประชุม 1",
        "6",
        "TH-12",
    )
    assert len(event.people) == 2
    (plan,) = data.action_plans
    assert len(plan.strategies) == 3
    assert plan.activity_count == 17
    assert plan.fiscal_year is None  # the seed does not say
    assert len(plan.success_factors_th) == 4
    assert data.organization("moph-hsd").abbreviation_th == "กบรส."
    (award,) = data.awards
    assert award.recipients[0].prize_th == "ชนะเลิศ"


def test_seed_001_forum():
    (event,) = seed(1).events
    assert event.kind is EventKind.EXCHANGE_FORUM
    assert event.dates == DateRange.single(date(2020, 7, 15))
    assert event.budget == Decimal(0)  # stated as "-": none, which differs from not stated
    assert len(event.objectives_th) == 2
    assert event.target_groups[0].planned_size == 30
    assert not event.target_groups[0].size_is_approximate
    assert len(event.discussion) == 3
    assert [len(t.answers_th) for t in event.discussion] == [7, 5, 7]
    assert len(event.follow_up_th) == 2
    cpi = {(c.year, c.score, c.rank, c.countries) for c in event.cited_cpi}
    assert cpi == {(2016, 35, 101, 176), (2015, 38, 76, 168)}
    assert samples.load().organization("thoen-dho-strong").member_count == 30


def test_seed_002_meeting():
    data = seed(2)
    (event,) = data.events
    assert event.kind is EventKind.FOCUS_GROUP
    assert event.dates == DateRange(date(2023, 5, 2), date(2023, 5, 3))
    assert set(event.provinces) == {p.code for p in provinces(Region.NORTH)}
    assert len(event.provinces) == 17
    first, panel, _closing = event.sessions
    assert (first.day, first.sub_groups, len(first.topics_th)) == (1, 2, 2)
    assert len(panel.contributions) == 4
    assert event.figures[0].value == 1
    assert event.figures[0].total == 12
    plans = {p.id: p for p in data.national_plans}
    assert [fy.be for fy in plans["action-plan-2"].fiscal_years] == [2566, 2567, 2568, 2569, 2570]
    assert plans["master-plan-1"].first_year == FiscalYear(2559)
    assert plans["master-plan-1"].last_year == FiscalYear(2565)
    assert [c.name_th for c in data.communities] == ["บ้านเมืองรวง"]


def test_seed_003_award_and_units():
    data = seed(3)
    (award,) = data.awards
    assert award.fiscal_year == FiscalYear(2567)
    assert len(award.recipients) == 8  # T14
    assert {r.level for r in award.recipients} == {MoralLevel.MODEL}
    registry = samples.load().registry()
    units = registry.children("moind-ops")
    assert len(units) == 8
    assert {u.id for u in units} == {r.organization for r in award.recipients}
    (declaration,) = data.declarations
    assert declaration.target_virtues[0].virtue is Virtue.DISCIPLINE
    assert declaration.fiscal_year == FiscalYear(2567)
    (doc,) = data.documents
    assert doc.published_on == date(2024, 9, 16)
    presiding = [r for r in data.events[0].people if r.role.value == "presiding"]
    assert samples.load().person(presiding[0].person).name_th == "ณัฏฐิญา เนตยสุภา"


def test_seed_004_project():
    (event,) = seed(4).events
    assert event.kind is EventKind.SEMINAR
    assert event.dates is None
    assert event.rounds_planned == 5
    (round5,) = event.rounds
    assert round5.number == 5
    assert len(round5.provinces) == 11
    assert round5.dates == DateRange(date(2019, 6, 25), date(2019, 6, 26))
    assert round5.venue.province == "TH-71"
    assert event.fiscal_year == FiscalYear(2562)
    sizes = [(g.planned_size, g.size_is_approximate, g.size_per_round) for g in event.target_groups]
    assert sizes == [(60, True, True), (100, True, True), (10, True, False)]
    assert len(event.objectives_th) == 3
    assert len(event.expected_outcomes_th) == 3
    assert [s.duration_days for s in event.sessions] == [Decimal(1), Decimal(2), Decimal("0.5")]
    assert event.responsible == "ocsc-ethics-center"
    assert event.budget is None  # not stated


@pytest.mark.parametrize("seed_id", ["seed-009", "", "SEED-000", 3, ("seed-000",), None])
def test_load_seed_refuses_unknown_ids_naming_the_seeds(seed_id):
    with pytest.raises(ValidationError) as info:
        samples.load_seed(seed_id)
    assert not isinstance(info.value, KeyError)
    (problem,) = info.value.problems
    assert (problem.path, problem.code) == ("seed_id", "samples.unknown_seed")
    assert problem.params["known"] == samples.SEED_IDS
    for lang in ("en", "th"):
        assert all(s in problem.message(lang) for s in samples.SEED_IDS)


def test_unknown_seed_messages_in_both_languages():
    with pytest.raises(ValidationError) as info:
        samples.load_seed("seed-009")
    (problem,) = info.value.problems
    assert problem.message_en == (
        "no sample seed seed-009; the seeds are seed-000, seed-001, seed-002, seed-003, seed-004"
    )
    assert problem.message_th.startswith("ไม่มีเอกสารตัวอย่าง seed-009 (")
    assert pickle.loads(pickle.dumps(info.value)) == info.value


def test_each_seed_is_read_once():
    assert samples.load_seed("seed-003") is samples.load_seed("seed-003")
    assert samples.load_seed("seed-000").documents[0].id == "seed-000"
