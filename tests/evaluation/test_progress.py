import json
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moralkit import ValidationError, explain, samples
from moralkit.evaluation import (
    KnowledgeTest,
    OutcomeCheck,
    OutcomeTick,
    attendance,
    check_outcomes,
    knowledge_gain,
    plan_progress,
)
from moralkit.model import (
    ActionPlan,
    Activity,
    ActivityResult,
    PlanStrategy,
    ProgressReport,
    TargetVirtue,
    Virtue,
)
from moralkit.moral import Evidence, assess
from moralkit.thai import DateRange, FiscalYear

DISCIPLINE = TargetVirtue(Virtue.DISCIPLINE)
HONESTY = TargetVirtue(Virtue.HONESTY)


def activity(aid, month, budget, virtue):
    year = 2023 if month >= 10 else 2024
    return Activity(
        aid,
        f"กิจกรรม {aid}",
        budget=Decimal(budget),
        target_virtue=virtue,
        dates=DateRange.single(date(year, month, 15)),
    )


PLAN = ActionPlan(
    "plan",
    "org",
    "แผนปฏิบัติการส่งเสริมคุณธรรม ประจำปีงบประมาณ พ.ศ. 2567",
    fiscal_year=FiscalYear(2567),
    strategies=[
        PlanStrategy(
            1,
            "วางรากฐาน",
            activities=[activity("a1", 11, 10000, DISCIPLINE), activity("a2", 2, 5000, HONESTY)],
        ),
        PlanStrategy(
            2,
            "ขยายผล",
            activities=[activity("a3", 5, 20000, DISCIPLINE), activity("a4", 8, 0, HONESTY)],
        ),
    ],
    reports=[
        ProgressReport(
            6,
            as_of=date(2024, 3, 31),
            results=[
                ActivityResult("a1", done=True, spent=Decimal(9000), on_time=True),
                ActivityResult("a2", done=False, spent=Decimal(1000), on_time=False),
            ],
        ),
        ProgressReport(
            12,
            as_of=date(2024, 9, 30),
            results=[
                ActivityResult("a1", done=True, spent=Decimal(9000), on_time=True),
                ActivityResult("a2", done=True, spent=Decimal(5000), on_time=False),
                ActivityResult("a3", done=True, spent=Decimal(16000), on_time=True),
            ],
        ),
    ],
)


def test_twelve_month_progress():
    p = plan_progress(PLAN, 12)
    assert (p.planned, p.achieved, p.success_rate) == (4, 3, Decimal("75.00"))
    assert (p.budget, p.spent, p.budget_execution) == (
        Decimal(35000),
        Decimal(30000),
        Decimal("85.71"),
    )
    assert p.on_time_share == Decimal("66.67")
    assert p.not_reported == ("a4",)
    assert [(b.key, b.success_rate) for b in p.by_strategy] == [
        ("strategy-1", Decimal("100.00")),
        ("strategy-2", Decimal("50.00")),
    ]
    assert {b.key: (b.planned, b.achieved) for b in p.by_virtue} == {
        "discipline": (2, 2),
        "honesty": (2, 1),
    }


def test_six_month_progress_counts_what_was_due():
    p = plan_progress(PLAN, 6)
    assert (p.planned, p.achieved, p.success_rate) == (2, 1, Decimal("50.00"))
    assert p.budget_execution == Decimal("66.67")  # 10000 of 15000


def test_progress_feeds_the_moral_rubric():
    six, twelve = plan_progress(PLAN, 6), plan_progress(PLAN, 12)
    result = assess(Evidence.of("org", 2568, {4: six, 7: twelve}))
    assert (result.score(4).params["part"], result.score(4).params["whole"]) == (1, 2)
    assert result.score(4).points == 0  # 50% < 70%
    assert result.score(7).points == 1  # 75% >= 70% in FY2568


def test_missing_report_and_unknown_activity():
    with pytest.raises(ValidationError, match="no 6-month report"):
        plan_progress(ActionPlan("p", "o", "แผน"), 6)
    bad = ActionPlan(
        "p", "o", "แผน", reports=[ProgressReport(12, results=[ActivityResult("zz", done=True)])]
    )
    with pytest.raises(ValidationError) as info:
        plan_progress(bad, 12)
    assert info.value.paths == ("reports[0].results[0].activity",)


def test_no_fiscal_year_is_noted():
    plan = ActionPlan(
        "p",
        "o",
        "แผน",
        other_activities=[Activity("a", "ก")],
        reports=[ProgressReport(6, results=[ActivityResult("a", done=True)])],
    )
    p = plan_progress(plan, 6)
    assert p.success_rate == Decimal("100.00")
    caveat = next(n for n in p.trace if n.code == "evaluation.caveat.no_fiscal_year")
    assert caveat.value == 1
    assert "no fiscal year" in explain(p, "en")
    assert "ไม่ระบุปีงบประมาณ" in explain(p, "th")


@given(st.lists(st.booleans(), min_size=1, max_size=20))
def test_success_rate_within_0_and_100(done):
    activities = [Activity(f"a{i}", "ก") for i in range(len(done))]
    results = [ActivityResult(f"a{i}", done=d) for i, d in enumerate(done)]
    plan = ActionPlan(
        "p", "o", "แผน", other_activities=activities, reports=[ProgressReport(12, results=results)]
    )
    rate = plan_progress(plan, 12).success_rate
    assert Decimal(0) <= rate <= Decimal(100)


# --- knowledge, attendance, outcomes ---------------------------------------------------------


def test_knowledge_gain_reports_missing_pairs():
    gain = knowledge_gain(pre={"a": 6, "b": 7, "c": 5}, post={"a": 9, "b": 7, "d": 8})
    assert (gain.paired, gain.mean_pre, gain.mean_post, gain.mean_gain) == (
        2,
        Decimal("6.50"),
        Decimal("8.00"),
        Decimal("1.50"),
    )
    assert gain.share_improved == Decimal("50.00")
    assert (gain.missing_post, gain.missing_pre) == (("c",), ("d",))
    assert knowledge_gain({"a": 1}, {"b": 2}).paired == 0
    with pytest.raises(ValidationError) as info:
        knowledge_gain({"a": -1}, {"a": 2.5})
    assert info.value.paths == ("pre['a']", "post['a']")


@pytest.mark.parametrize("test", ["mapping", "KnowledgeTest"])
def test_a_knowledge_score_that_is_not_a_number_is_the_input_policys_problem(test):
    pre, post = {"a": Decimal("NaN"), "b": 5}, {"a": 6, "b": Decimal("-Infinity")}
    if test == "KnowledgeTest":  # built directly, so never loaded
        pre, post = KnowledgeTest(pre=pre, post=post), None
    with pytest.raises(ValidationError) as info:
        knowledge_gain(pre, post)
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("pre['a']", "not_finite"),
        ("post['b']", "not_finite"),
    ]


def test_attendance_against_seed_004_target_groups():
    seminar = samples.load().from_source("seed-004").events[0]
    lines = attendance(seminar, {5: {1: 57, 2: 104, 3: 9}})
    round5 = [line for line in lines if line.round == 5]
    assert [
        (line.planned, line.planned_is_approximate, line.actual, line.share) for line in round5
    ] == [
        (60, True, 57, Decimal("95.00")),
        (100, True, 104, Decimal("104.00")),
        (10, True, 9, Decimal("90.00")),
    ]
    totals = [line for line in lines if line.round == 0]
    assert [line.planned for line in totals] == [60, 100, 10]
    two_rounds = attendance(seminar, {4: {1: 50}, 5: {1: 57}})
    assert next(line.planned for line in two_rounds if line.round == 0) == 120  # per round, twice
    with pytest.raises(ValidationError) as info:
        attendance(seminar, {5: {4: 3, 1: -2}})
    assert info.value.paths == ("counts[5][4]", "counts[5][1]")


def test_expected_outcomes_checklist():
    seminar = samples.load().from_source("seed-004").events[0]
    check = OutcomeCheck(
        seminar.id,
        ticks=(
            OutcomeTick(1, True, ("แบบประเมินผล",)),
            OutcomeTick(2, True),
            OutcomeTick(3, False),
        ),
    )
    report = check_outcomes(seminar, check)
    assert (report.expected, report.achieved, report.not_achieved, report.not_ticked) == (
        3,
        (1, 2),
        (3,),
        (),
    )
    assert report.share_achieved == Decimal("66.67")
    assert report.without_evidence == (2,)
    with pytest.raises(ValidationError) as info:
        check_outcomes(seminar, OutcomeCheck("other", ticks=(OutcomeTick(4, True),)))
    assert info.value.paths == ("ticks[0].outcome", "event")


def test_knowledge_test_is_an_input_class_with_a_schema():
    from moralkit import json_schema, load  # noqa: PLC0415
    from moralkit.evaluation import KnowledgeTest  # noqa: PLC0415

    assert "pre" in json.dumps(json_schema(KnowledgeTest))
    test = load(KnowledgeTest, {"pre": {"a": "6"}, "post": {"a": 9}})
    assert knowledge_gain(test) == knowledge_gain({"a": Decimal(6)}, {"a": 9})
    empty = knowledge_gain({}, {})
    assert (empty.paired, empty.mean_gain) == (0, None)
    assert "ไม่มีผู้ใดทำแบบทดสอบทั้งก่อนและหลัง" in explain(empty, "th")
    with pytest.raises(ValidationError):
        knowledge_gain(["a"], {"a": 1})
    with pytest.raises(ValidationError):
        knowledge_gain({"a": Decimal("1E+999999999")}, {"a": 1})
