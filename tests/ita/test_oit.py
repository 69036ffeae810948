"""The OIT evidence checklist: loading, checking, scoring and carrying forward."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moralkit import ValidationError, dump, load, to_json
from moralkit.ita import RULES, score
from moralkit.ita.gap import gap
from moralkit.ita.oit import (
    ItemEvidence,
    OitChecklist,
    carry_forward,
    checklist_from_rows,
    checklist_problems,
    load_checklist,
    mapping_steps,
    oit_items,
)
from moralkit.thai.calendar import FiscalYear

SITE = "https://agency.go.th/"


def full_rows(year, absent=(), **extra):
    return [
        {
            "item": item.code,
            "present": "ไม่มี" if item.code in absent else "มี",
            "urls": "" if item.code in absent else f"{SITE}{item.code.lower()}",
            **extra,
        }
        for item in RULES.for_year(year).oit_items
    ]


def test_rows_to_a_score():
    rows = full_rows(2564, absent={"O42", "O43"})
    rows[0] |= {"explanation": "ผังโครงสร้างหน่วยงาน", "verdict": "accepted"}
    checklist = checklist_from_rows(rows, agency="agency", fiscal_year=2564)
    assert checklist.missing() == ("O42", "O43")
    assert checklist.item("O1").explanation == "ผังโครงสร้างหน่วยงาน"
    indicators = dict.fromkeys(range(1, 9), "90")
    result = score(2564, indicators=indicators, oit=checklist.presence())
    # 10.2 empty: indicator 10 = (100 + 0) / 2 = 50, OIT = (100 + 50) / 2 = 75.
    assert str(result.tool("OIT")) == "75.0000"
    assert [m.code for m in gap(result, checklist=checklist).missing_items] == ["O42", "O43"]


def test_a_rejected_item_does_not_count():
    rows = full_rows(2568)
    rows[3] |= {"verdict": "rejected", "comment": "ลิงก์ไม่ตรงกับข้อมูลปีนี้"}
    checklist = checklist_from_rows(rows, agency="agency", fiscal_year=2568)
    assert checklist.presence()["O4"] is False
    assert checklist.item("O4").present


def test_table_problems_all_at_once_with_row_paths():
    rows = full_rows(2568)
    rows[1]["present"] = "maybe"
    rows[2]["urls"] = 42
    rows[3]["colour"] = "red"
    rows[4]["verdict"] = "approved"
    with pytest.raises(ValidationError) as info:
        checklist_from_rows(rows, agency="agency", fiscal_year=2568)
    assert set(info.value.paths) == {"[1].present", "[2].urls", "[3].colour"}
    del rows[3]["colour"]
    rows[1]["present"], rows[2]["urls"] = True, []
    with pytest.raises(ValidationError) as info:
        checklist_from_rows(rows, agency="agency", fiscal_year=2568)
    assert info.value.paths == ("[4].verdict",)


def test_agency_and_year_from_columns():
    rows = full_rows(2568, agency="agency", fiscal_year="2568")
    assert checklist_from_rows(rows).fiscal_year == FiscalYear(2568)
    rows[0]["fiscal_year"] = 2567
    with pytest.raises(ValidationError, match="one agency's for one fiscal year"):
        checklist_from_rows(rows)


def test_checks_against_the_years_list():
    checklist = OitChecklist(
        "agency",
        FiscalYear(2568),
        (
            ItemEvidence("O1", True),
            ItemEvidence("O1", False),
            ItemEvidence("O99", True, ("ftp://x",)),
            ItemEvidence("O2", False, verdict="rejected"),
        ),
    )
    found = {(p.path, p.code, p.severity) for p in checklist_problems(checklist)}
    assert ("items[1].item", "ita_oit.duplicate_item", "error") in found
    assert ("items[2].item", "ita_oit.unknown_item", "error") in found
    assert ("items[2].urls[0]", "ita_oit.bad_url", "error") in found
    assert ("items[0].urls", "ita_oit.no_url", "warning") in found
    assert ("items[3].comment", "ita_oit.rejected_without_comment", "warning") in found
    assert ("items", "ita_oit.items_left_out", "warning") in found
    for problem in checklist_problems(checklist):
        assert problem.message("th") != problem.message("en")


def test_json_round_trip():
    checklist = checklist_from_rows(full_rows(2566), agency="agency", fiscal_year=2566)
    assert load(OitChecklist, dump(checklist)) == checklist
    assert load_checklist(to_json(checklist)) == checklist
    data = json.loads(to_json(checklist))
    data["items"][0]["present"] = "yes"
    with pytest.raises(ValidationError) as info:
        load_checklist(data)
    assert info.value.paths == ("items[0].present",)


def test_items_of_each_year_with_status():
    fy2564 = {i.code: i for i in oit_items(2564)}
    assert fy2564["O1"].status == "verified"
    fy2568 = {i.code: i for i in oit_items(2568)}
    assert fy2568["O17"].name_en == "complaint-handling guideline"
    assert fy2568["O17"].status == "third-party"
    fy2566 = {i.code: i for i in oit_items(2566)}
    assert fy2566["O10"].name_th == "นโยบายคุ้มครองข้อมูลส่วนบุคคล"
    assert fy2566["O10"].sources == ("oit6466",)


def test_every_mapping_refers_to_real_items():
    for step in mapping_steps():
        before = {i.code for i in RULES.for_year(step.from_year).oit_items}
        after = {i.code for i in RULES.for_year(step.to_year).oit_items}
        for pair in step.pairs:
            assert pair.item in before
            assert set(pair.to) <= after


def test_carry_forward_fy2567_to_fy2568():
    old = checklist_from_rows(full_rows(2567, absent={"O32"}), agency="agency", fiscal_year=2567)
    carried = carry_forward(old, 2568)
    new = carried.checklist
    assert new.fiscal_year == FiscalYear(2568)
    assert [e.item for e in new.items] == [i.code for i in RULES.for_year(2568).oit_items]
    # O21 (No Gift Policy and culture) comes from O31 and O32: absent while O32 was.
    assert new.item("O21").carried_from == ("O31", "O32")
    assert not new.item("O21").present
    assert new.item("O17").urls == (f"{SITE}o27",)
    assert set(carried.new_items) == {"O2", "O5", "O6", "O7"}
    assert "FY2567 O2" in carried.dropped
    statuses = dict(carried.statuses)
    assert statuses["O12"] == "unverified"
    assert statuses["O17"] == "derived"
    assert all(e.verdict is None for e in new.items)


def test_carry_forward_over_several_years():
    old = checklist_from_rows(full_rows(2565), agency="agency", fiscal_year=2565)
    carried = carry_forward(old, 2568)
    assert carried.checklist.fiscal_year == FiscalYear(2568)
    # FY2565 O29 -> FY2566 O27 -> FY2567 O27 -> FY2568 O17; the FY2566->2567 step is unverified.
    assert dict(carried.statuses)["O17"] == "unverified"
    with pytest.raises(ValidationError, match="no mapping"):
        carry_forward(old, 2565)


CELLS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=12)
    | st.lists(st.text(max_size=8), max_size=3)
    | st.sampled_from(["มี", "ไม่มี", "O1", "O17", "accepted", "rejected", "https://a.go.th/x"])
)
ROW = st.dictionaries(
    st.sampled_from(["item", "present", "urls", "explanation", "verdict", "comment", "x"]),
    CELLS,
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(ROW | st.integers(), max_size=5))
def test_hostile_rows_give_a_checklist_or_problems_with_paths(rows):
    problems = ()
    try:
        checklist = checklist_from_rows(rows, agency="agency", fiscal_year=2568)
    except ValidationError as error:
        problems = error.problems
    if problems:
        assert all(p.path for p in problems)
        assert all(p.message("th") and p.message("en") for p in problems)
        return
    assert load(OitChecklist, dump(checklist)) == checklist
    assert set(checklist.presence()) <= {i.code for i in RULES.for_year(2568).oit_items}


@pytest.mark.parametrize("rows", [None, 7, "O1 มี", {"item": "O1", "present": True}])
def test_rows_that_are_not_a_list_of_rows_are_refused(rows):
    with pytest.raises(ValidationError) as info:
        checklist_from_rows(rows, agency="agency", fiscal_year=2568)
    assert [(p.path, p.code) for p in info.value.problems] == [("rows", "wrong_type")]


def test_wrong_arguments_and_cells_are_refused_together_by_name():
    rows = [{"item": "O1", "present": True, "agency": ["a"], "fiscal_year": [2568], 7: "x"}]
    with pytest.raises(ValidationError) as info:
        checklist_from_rows(rows, agency=["agency"], fiscal_year=None, rules="ita-2568")
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("agency", "wrong_type"),
        ("rules", "wrong_type"),
        ("[0][7]", "ita_oit.unknown_column"),
        ("[0].agency", "wrong_type"),
        ("[0].fiscal_year", "wrong_type"),
    ]
    assert "ItaRules" in info.value.problems[1].message("th")


@pytest.mark.parametrize(
    ("arguments", "paths"),
    [
        ({"fiscal_year": "2568"}, ["fiscal_year"]),
        ({"fiscal_year": 2568, "rules": {"id": "ita-2568"}}, ["rules"]),
        ({"fiscal_year": None, "rules": 1}, ["fiscal_year", "rules"]),
    ],
)
def test_oit_items_refuses_wrong_arguments_by_name(arguments, paths):
    with pytest.raises(ValidationError) as info:
        oit_items(**arguments)
    assert [p.path for p in info.value.problems] == paths
    assert {p.code for p in info.value.problems} == {"wrong_type"}
