import json
import pickle
import re
from decimal import Decimal
from importlib.resources import files

import attrs
import pytest

from moralkit import ValidationError, dump, explain, load
from moralkit.ita import (
    RULES,
    CpiNotHeldError,
    ItaRecord,
    cpi,
    cpi_change,
    cpi_sources,
    cpi_years,
    load_rules,
    published,
    published_years,
    score,
    score_many,
    summary,
    summary_by,
)
from moralkit.ita.many import UNGROUPED
from moralkit.messages import render


def record(agency, iit, eit, oit, **groups):
    return ItaRecord(
        agency, tools={"IIT": str(iit), "EIT": str(eit), "OIT": str(oit)}, groups=groups
    )


RECORDS = [
    record("a", 90, 88, 95, province="TH-23", type="province"),  # 91.40
    record("b", 80, 75, 60, province="TH-22", type="province"),  # 70.50
    record("c", 99, 99, 99, province="TH-23", type="department"),  # 99.00
    record("d", 86, 84, 90, province="TH-22", type="department"),  # 87.00
]


def test_score_many_and_summary():
    scored = score_many(RECORDS, 2566)
    assert [s.result.total for s in scored] == [
        Decimal("91.40"),
        Decimal("70.50"),
        Decimal("99.00"),
        Decimal("87.00"),
    ]
    s = summary(scored)
    assert (s.count, s.mean, s.median, s.passing, s.share_passing) == (
        4,
        Decimal("86.98"),
        Decimal("89.20"),
        3,
        Decimal("75.00"),
    )
    assert s.target_share == Decimal(80)
    assert s.meets_target is False
    assert {(lc.code, lc.count) for lc in s.levels} == {
        ("good", 1),
        ("improve", 1),
        ("excellent", 1),
        ("pass", 1),
    }


def test_summary_by_group():
    by_province = {s.key: s for s in summary_by(score_many(RECORDS, 2566), "province")}
    assert by_province["TH-23"].share_passing == Decimal("100.00")
    assert by_province["TH-22"].count == 2
    by_type = {s.key: s for s in summary_by(score_many(RECORDS, 2566), "ministry")}
    assert by_type[UNGROUPED].count == 4


def test_score_many_collects_problems_with_record_paths():
    bad = [*RECORDS, ItaRecord("e", tools={"IIT": "101", "EIT": "1", "OIT": "1"}), ItaRecord("f")]
    with pytest.raises(ValidationError) as info:
        score_many(bad, 2566)
    assert info.value.paths == ("records[4].tools['IIT']", "records[5]")


def test_summary_needs_results():
    with pytest.raises(ValueError, match="at least one"):
        summary([])


# --- national figures and targets -----------------------------------------------------------


def test_published_national_shares_recompute():
    for year in published_years():
        if year.passing is not None and year.agencies is not None:
            share = (Decimal(year.passing) * 100 / year.agencies).quantize(Decimal("0.01"))
            assert share == year.share_passing
    assert published(2565).share_passing == Decimal("70.52")
    assert published(2568).passing == 7832
    assert published(2567).status == "derived"
    with pytest.raises(KeyError, match="held: 2563"):
        published(2562)


# --- CPI ---------------------------------------------------------------------------------------

CPI = {
    2012: (37, 88, 176),
    2013: (35, 102, 177),
    2014: (38, 85, 175),
    2015: (38, 76, 168),
    2016: (35, 101, 176),
    2017: (37, 96, 180),
    2018: (36, 99, 180),
    2019: (36, 101, 180),
    2020: (36, 104, 180),
    2021: (35, 110, 180),
    2022: (36, 101, 180),
    2023: (35, 108, 180),
    2024: (34, 107, 180),
}


@pytest.mark.parametrize(("year", "expected"), CPI.items())
def test_cpi_table(year, expected):
    record = cpi(year)
    assert (record.score, record.rank, record.countries) == expected
    assert record.year_be == year + 543
    known = {s.id for s in cpi_sources()}
    assert set(record.sources) <= known


def test_cpi_matches_the_seed_001_figures():
    assert (cpi(2016).score, cpi(2016).rank, cpi(2016).countries) == (35, 101, 176)
    assert (cpi(2015).score, cpi(2015).rank, cpi(2015).countries) == (38, 76, 168)


def test_cpi_change_and_errors():
    change = cpi_change(2024)
    assert (change.score, change.rank) == (-1, 1)
    assert cpi_years() == tuple(range(2012, 2025))
    with pytest.raises(CpiNotHeldError, match="0-10 scale") as info:
        cpi(2011)
    assert isinstance(info.value, LookupError)
    assert pickle.loads(pickle.dumps(info.value)) == info.value
    with pytest.raises(CpiNotHeldError, match="held: 2012-2024"):
        cpi(2025)
    with pytest.raises(CpiNotHeldError):
        cpi_change(2012)


# --- rule files ---------------------------------------------------------------------------------


def rules_data(year=2566):
    return json.loads(
        files("moralkit.ita").joinpath("rules", f"ita-{year}.json").read_text("utf-8")
    )


def test_load_own_rules():
    data = rules_data() | {
        "id": "ita-2569-mine",
        "first_year": 2569,
        "last_year": 2569,
        "status": "unverified",
    }
    mine = load_rules(data)
    assert (
        score(2569, tools={"IIT": 90, "EIT": 90, "OIT": 90}, rules=mine).rules_id == "ita-2569-mine"
    )
    assert RULES.derive(RULES.for_year(2566), pass_mark=Decimal(80)).id == "ita-2566.derived"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda d: d["tools"][0].__setitem__("weight", "31"), "ita_rules.weights_not_100"),
        (lambda d: d["levels"].reverse(), "ita_rules.levels_out_of_order"),
        (lambda d: d["levels"].pop(), "ita_rules.no_floor"),
        (lambda d: d["levels"][2].__setitem__("code", "good"), "ita_rules.duplicate"),
        (lambda d: d["levels"][3].__setitem__("passed", True), "ita_rules.pass_below_mark"),
        (
            lambda d: d["oit_items"][0].__setitem__("sub_indicator", "9.9"),
            "ita_rules.unknown_reference",
        ),
        (lambda d: d["oit_items"][1].__setitem__("code", "O1"), "ita_rules.duplicate"),
        (
            lambda d: d["indicators"].__setitem__(0, d["indicators"][0] | {"tool": "OIT"}),
            "ita_rules.question_not_iit_eit",
        ),
        (lambda d: d["tools"].pop(), "ita_rules.bad_tools"),
        (
            lambda d: d["answer_scales"][0]["choices"].__setitem__(
                1, d["answer_scales"][0]["choices"][0]
            ),
            "ita_rules.bad_scale",
        ),
        (lambda d: d["levels"][0].__setitem__("min_total", "101"), "above_maximum"),
    ],
)
def test_malformed_rule_files(change, code):
    references = ("ita_rules.unknown_reference", "ita_rules.question_not_iit_eit")
    data = rules_data(2564 if code in references else 2566)
    if code in references:
        data["questions"] = [{"code": "I1", "indicator": 1, "scale": "level4"}]
    change(data)
    with pytest.raises(ValidationError) as info:
        load_rules(data)
    assert code in {p.code for p in info.value.problems}


# --- the national target carries its status (corrections item 11) -----------------------------


@pytest.mark.parametrize(
    ("year", "status"),
    [
        (2563, "verified"),
        (2565, "verified"),
        (2566, "unverified"),
        (2567, "unverified"),
        (2568, "unverified"),
    ],
)
def test_meets_target_carries_the_status_of_the_target(year, status):
    s = summary(score_many(RECORDS, year))
    rules = RULES.for_year(year)
    assert s.target_status == status == rules.national_target_status
    assert s.target_sources == rules.national_target_sources
    assert s.meets_target is not None


def test_explain_says_the_target_is_unverified_in_both_languages():
    s = summary(score_many(RECORDS, 2567))
    en, th = explain(s, "en"), explain(s, "th")
    target_en, target_th = en.splitlines()[1], th.splitlines()[1]
    assert "below the national target of 80%: not met" in target_en
    assert render("status.unverified", "en") in target_en
    assert "ต่ำกว่าค่าเป้าหมายระดับประเทศ ร้อยละ 80" in target_th
    assert render("status.unverified", "th") in target_th
    assert "target66" in target_en
    assert "target66" in target_th
    # The same numbers in both languages.
    assert re.findall(r"\d+(?:\.\d+)?", en) == re.findall(r"\d+(?:\.\d+)?", th)


def test_a_verified_target_says_so():
    s = summary(score_many(RECORDS[:1], 2565))
    assert s.meets_target is True
    assert render("status.verified", "th") in explain(s, "th").splitlines()[1]


def test_results_of_rules_the_summary_was_not_given_leave_the_status_unknown():
    own = attrs.evolve(RULES.for_year(2567), id="my-ita-2567", national_target_status="verified")
    scored = score_many(RECORDS, 2567, rules=own)
    unknown = summary(scored)
    assert unknown.target_share == Decimal(80)
    assert unknown.target_status is None
    assert "status is unknown" in explain(unknown, "en")
    assert "ไม่ทราบสถานะของค่าเป้าหมาย" in explain(unknown, "th")
    given = summary(scored, rules=own)
    assert (given.target_status, given.meets_target) == ("verified", False)
    assert all(s.target_status == "verified" for s in summary_by(scored, "type", rules=own))


def test_no_target_is_said_plainly():
    s = attrs.evolve(summary(score_many(RECORDS, 2567)), target_share=None)
    assert s.meets_target is None
    assert explain(s, "en").splitlines()[1] == "no national target is set for this year"


def test_a_summary_round_trips_with_its_target_status():
    s = summary(score_many(RECORDS, 2566))
    assert load(type(s), dump(s)) == s
    assert dump(s)["target_status"] == "unverified"


def test_summary_refuses_what_is_not_a_result_by_index():
    scored = score_many(RECORDS, 2566)
    with pytest.raises(ValidationError) as info:
        summary([scored[0], {"total": 90}, None, scored[1].result])
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("items[1]", "wrong_type"),
        ("items[2]", "wrong_type"),
    ]
    with pytest.raises(ValidationError) as info:
        summary(None, key=["TH"], rules="ita-2566")
    assert info.value.paths == ("items", "key", "rules")


def test_summary_by_takes_scored_agencies_only():
    scored = score_many(RECORDS, 2566)
    with pytest.raises(ValidationError) as info:
        summary_by([scored[0], scored[1].result], "province")
    (problem,) = info.value.problems
    assert (problem.path, problem.code) == ("items[1]", "wrong_type")
    assert "ScoredAgency" in problem.message("en")
    with pytest.raises(ValidationError) as info:
        summary_by(scored, None)
    assert [(p.path, p.code) for p in info.value.problems] == [("group", "wrong_type")]


def test_agencies_without_the_group_are_worded_in_each_language():
    (found,) = summary_by(score_many(RECORDS, 2566), "ministry")
    assert found.key == UNGROUPED
    assert explain(found, "en").startswith("agencies with no such group given: 4 agencies")
    assert explain(found, "th").startswith("หน่วยงานที่ไม่ได้ระบุกลุ่มนี้: 4 หน่วยงาน")
    assert "unknown" not in explain(found, "th")
