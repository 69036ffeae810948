"""A unit's self-assessment submission compared with its evidence (rule R0's question)."""

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moralkit import ValidationError, dump, load
from moralkit.messages import catalogue
from moralkit.model import MoralLevel
from moralkit.moral import RUBRICS, Evidence, assess, with_level_rule
from moralkit.moral.submission import (
    CommitteeVerdict,
    EvidenceDocument,
    Submission,
    check_submission,
    load_submission,
)
from moralkit.thai import FiscalYear

from .evidence_values import FULL_B, LEVEL_1_B


def activities(year, values):
    return Evidence.of("x", year, values).activities


def docs(*numbers, dated=date(2024, 3, 1)):
    return tuple(
        EvidenceDocument(n, url=f"https://example.org/{n}.pdf", dated=dated) for n in numbers
    )


def codes(check):
    return [(p.path, p.code, p.severity) for p in check.findings]


def test_declared_level_supported_by_documented_evidence():
    sub = Submission(
        "moind-ops-hr",
        FiscalYear(2567),
        MoralLevel.PROMOTING,
        activities=activities(2567, LEVEL_1_B),
        documents=docs(1, 2, 3),
        submitted_on=date(2024, 8, 1),
        verdict=CommitteeVerdict(date(2024, 9, 12), MoralLevel.PROMOTING),
    )
    check = check_submission(sub)
    assert (check.declared, check.supported, check.verdict) == (1, 1, 1)
    assert check.agrees
    assert check.findings == ()
    assert check.messages("en") == (
        "moind-ops-hr: the declared level 1 agrees with the evidence (level 1)",
    )
    assert check.messages("th")[0].startswith("moind-ops-hr: ระดับที่ประกาศ 1 สอดคล้อง")


def test_declared_above_the_evidence_names_every_gap():
    # Seed 003's units were awarded level 3 for FY2567; a unit declaring 3 with level-1
    # evidence only is flagged, activity by activity.
    sub = Submission(
        "moind-ops-ict",
        FiscalYear(2567),
        MoralLevel.MODEL,
        activities=activities(2567, LEVEL_1_B | {4: (10, 20)}),
        documents=docs(1, 2, 3),
    )
    check = check_submission(sub)
    assert (check.declared, check.supported, check.agrees) == (3, 1, False)
    assert codes(check) == [
        ("declared_level", "moral_cycle.declared_above_evidence", "error"),
        ("activities[3]", "moral_cycle.activity_short", "error"),
        ("activities", "moral_cycle.activity_missing", "error"),
        ("activities", "moral_cycle.activity_missing", "error"),
        ("activities", "moral_cycle.activity_missing", "error"),
        ("activities", "moral_cycle.activity_missing", "error"),
        ("activities", "moral_cycle.activity_missing", "error"),
        ("activities[3]", "moral_cycle.no_document", "warning"),
    ]
    short = check.findings[1]
    assert short.params == {"activity": 4, "level": 2, "points": 0, "needed": 1}
    assert short.message("en") == ("activity 4 (level 2) scores 0; the declared level needs 1")
    assert short.message("th") == ("กิจกรรมที่ 4 (ระดับ 2) ได้ 0 คะแนน ระดับที่ประกาศต้องได้ 1")
    assert [p.params["activity"] for p in check.findings[2:7]] == [5, 6, 7, 8, 9]


def test_declared_below_the_evidence_is_a_warning():
    sub = Submission(
        "u", FiscalYear(2569), MoralLevel.PROMOTING,
        activities=activities(2569, FULL_B), documents=docs(*range(1, 10), dated=date(2025, 12, 1)),
    )  # fmt: skip
    check = check_submission(sub)
    assert check.supported == 3
    assert codes(check) == [("declared_level", "moral_cycle.declared_below_evidence", "warning")]
    assert check.agrees


def test_documents_dates_and_the_verdict():
    sub = Submission(
        "u",
        FiscalYear(2568),
        MoralLevel.PROMOTING,
        activities=activities(2568, LEVEL_1_B),
        documents=(
            EvidenceDocument(1, file_name="ประกาศเจตนารมณ์.pdf", dated=date(2024, 9, 30)),
            EvidenceDocument(2, url="https://example.org/targets"),
            EvidenceDocument(12, url="https://example.org/extra"),
        ),
        submitted_on=date(2025, 8, 1),
        verdict=CommitteeVerdict(date(2025, 7, 1), None, committee_th="คณะอนุกรรมการ"),
    )
    check = check_submission(sub)
    assert codes(check) == [
        ("documents[0].dated", "moral_cycle.document_outside_year", "warning"),
        ("documents[2].activity", "moral_cycle.document_unknown_activity", "error"),
        ("activities[2]", "moral_cycle.no_document", "warning"),
        ("verdict.level", "moral_cycle.verdict_differs", "warning"),
        ("verdict.decided_on", "moral_cycle.verdict_before_submission", "error"),
    ]
    assert check.verdict == 0
    assert check.findings[0].message("en") == (
        "the evidence for activity 1 is dated 2024-09-30, outside fiscal year 2568"
    )


def test_a_variant_or_rule_r3_can_judge_the_submission():
    values = {1: Decimal(60), 2: Decimal(90), 3: True}
    sub = Submission(
        "u", FiscalYear(2565), MoralLevel.PROMOTING,
        activities=activities(2565, values), documents=docs(1, 2, 3),
    )  # fmt: skip
    assert check_submission(sub).supported == 0  # R1: activity 1 has 1 point of 2
    lenient = with_level_rule(RUBRICS.for_year(2565), "R3", threshold=5)
    check = check_submission(sub, lenient)
    assert check.supported == 1
    assert check.agrees
    stricter = with_level_rule(RUBRICS.for_year(2565), "R3", threshold=6)
    assert codes(check_submission(sub, stricter))[1] == (
        "activities",
        "moral_cycle.level_total_short",
        "error",
    )


def test_evidence_that_does_not_fit_is_refused():
    sub = Submission(
        "u", FiscalYear(2569), MoralLevel.PROMOTING, activities=activities(2569, {1: 5})
    )
    with pytest.raises(ValidationError, match=r"activities\[0\]\.count"):
        check_submission(sub)


def test_loading_and_dumping_through_the_one_converter():
    data = {
        "unit": "moind-ops-hr",
        "fiscal_year": 2567,
        "declared_level": 1,
        "activities": [{"number": 1, "part": 45, "whole": 50}, {"number": 3, "done": True}],
        "documents": [{"activity": 1, "url": "https://example.org/d.pdf", "dated": "2023-11-01"}],
        "submitted_on": "2024-08-01",
        "verdict": {"decided_on": "2024-09-12", "level": 1},
    }
    sub = load_submission(data)
    assert sub.documents[0].dated == date(2023, 11, 1)
    assert load(Submission, dump(sub)) == sub
    with pytest.raises(ValidationError) as info:
        load_submission(data | {"declared_level": 0, "documents": [{"activity": 1}]})
    assert info.value.paths == ("declared_level", "documents[0]")
    with pytest.raises(ValueError, match="needs a 'file_name' or a 'url'"):
        EvidenceDocument(1)


measures = st.fixed_dictionaries(
    {
        1: st.decimals(min_value=0, max_value=100, places=2),
        2: st.fixed_dictionaries(
            {"problems_and_good_deeds": st.integers(0, 7), "do_and_dont": st.integers(0, 4)}
        ),
        3: st.booleans(),
        4: st.tuples(st.integers(0, 20), st.just(20)),
        5: st.booleans(),
        6: st.booleans(),
        7: st.tuples(st.integers(0, 20), st.just(20)),
        8: st.booleans(),
        9: st.booleans(),
    }
)


@given(measures, st.sampled_from([2566, 2567, 2568, 2569]), st.sampled_from(list(MoralLevel)))
def test_the_check_agrees_with_assess(values, year, declared):
    sub = Submission(
        "u",
        FiscalYear(year),
        declared,
        activities=activities(year, values),
        documents=docs(*values),
    )
    check = check_submission(sub)
    assert check.supported == assess(Evidence.of("u", year, values)).level
    found = {p.code for p in check.findings}
    assert ("moral_cycle.declared_above_evidence" in found) == (declared > check.supported)
    assert ("moral_cycle.declared_below_evidence" in found) == (declared < check.supported)
    assert check.agrees == (declared <= check.supported)


def test_under_rule_r0_the_declared_level_is_checked_with_its_rule():
    r0 = with_level_rule(RUBRICS.for_year(2565), "R0", check="R2")
    values = {1: Decimal(60), 2: Decimal(60), 3: True}
    sub = Submission(
        "u", FiscalYear(2565), MoralLevel.MORAL,
        activities=activities(2565, values), documents=docs(1, 2, 3, dated=date(2022, 3, 1)),
    )  # fmt: skip
    check = check_submission(sub, r0)
    assert check.supported == 1  # R2: one point each is enough for level 1
    assert check.result.declared_supported is False
    assert [p.params.get("activity") for p in check.findings[1:]] == [4, 5, 6]


def test_every_moral_cycle_code_is_in_the_catalogue_and_used():
    here = Path(__file__).resolve().parents[2] / "src" / "moralkit" / "moral"
    source = (here / "submission.py").read_text("utf-8") + (here / "province.py").read_text("utf-8")
    used = set(re.findall(r'"(moral_cycle\.[a-z_]+)"', source))
    defined = {code for code in catalogue() if code.startswith("moral_cycle.")}
    assert used == defined
