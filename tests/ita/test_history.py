"""An agency's ITA history: changes per tool and indicator, and the FY2566 change of wording."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moralkit import ValidationError, dump, explain
from moralkit.ita import RULES, published_rows, score
from moralkit.ita.history import history

ROWS = {row.id: row for row in published_rows()}


def tools(iit, eit, oit):
    return {"IIT": str(iit), "EIT": str(eit), "OIT": str(oit)}


def test_ipst_published_totals_across_the_wording_change():
    ipst = [row for row in published_rows() if row.agency_en == "IPST"]
    found = history("IPST", reversed(ipst))
    assert [y.fiscal_year.be for y in found.years] == [2562, 2563, 2564, 2565, 2566, 2567]
    assert [y.scheme for y in found.years].count("letters") == 4
    change = found.change(2565, 2566)
    assert (change.level_before, change.level_after) == ("A", "pass")
    assert change.total == Decimal("-3.44")
    assert change.wording_changed
    # 90.22 with no tool scores could be a good pass or a pass under the FY2566 wording.
    assert change.reads_as == ("good", "pass")
    assert not found.change(2566, 2567).wording_changed
    assert found.change(2566, 2567).reads_as == ()


def test_state_audit_office_downgrade_explained():
    sao = [ROWS["sao-2567"], ROWS["sao-2568"]]
    change = history("สตง.", sao).change(2567, 2568)
    assert change.total == Decimal("2.21")
    assert (change.level_before, change.level_after) == ("good", "pass")
    assert change.passed_before
    assert change.passed_after
    assert not change.wording_changed


def test_tool_and_indicator_changes():
    trat = score(2564, indicators=ROWS["trat-2564"].indicator_scores)
    later = score(2565, indicators={**ROWS["trat-2564"].indicator_scores, 9: "90.00", 10: "85.00"})
    found = history("Trat", [trat, later])
    change = found.change(2564, 2565)
    by_tool = {c.figure: c.change for c in change.tools}
    assert by_tool["IIT"] == Decimal(0)
    assert by_tool["OIT"] == Decimal("18.2750")
    by_indicator = {c.figure: c.change for c in change.indicators}
    assert by_indicator["9"] == Decimal("17.1100")
    assert by_indicator["10"] == Decimal("19.4400")
    assert (change.level_before, change.level_after) == ("B", "A")


def test_wording_change_read_from_tools():
    before = score(2565, tools=tools(96, 90, 97))
    after = score(2566, tools=tools(97, 84, 99))
    change = history("agency", [after, before]).change(2565, 2566)
    assert change.reads_as == ("good",)
    english = explain(history("agency", [before, after]), "en")
    thai = explain(history("agency", [before, after]), "th")
    assert "A reads as good pass in the new wording" in english
    assert "ระดับ A เทียบได้กับ ผ่านดี" in thai
    assert "every tool at its threshold" in english
    assert english.count("\n") == thai.count("\n")


def test_gaps_between_years_are_not_compared():
    found = history("IPST", [ROWS["ipst-2562"], ROWS["ipst-2564"]])
    assert found.changes == ()


def test_problems():
    with pytest.raises(ValidationError) as info:
        history("IPST", [ROWS["ipst-2562"], ROWS["ipst-2562"]])
    assert info.value.problems[0].code == "ita_history.year_twice"


def test_history_is_data():
    found = history("IPST", [ROWS["ipst-2565"], ROWS["ipst-2566"]])
    assert dump(found)["changes"][0]["reads_as"] == ["good", "pass"]


def test_custom_rules():
    data = dump(RULES.for_year(2568))
    mine = RULES.load({**data, "id": "mine-2569", "first_year": 2569, "last_year": 2569})
    last = score(2568, tools=tools(90, 90, 90))
    this = score(2569, tools=tools(95, 95, 95), rules=mine)
    with pytest.raises(ValidationError):
        history("agency", [last, this])
    change = history("agency", [last, this], rules=[mine]).change(2568, 2569)
    assert (change.level_before, change.level_after) == ("good", "excellent")


SCORES = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(SCORES, SCORES, SCORES)
def test_read_as_level_is_the_level_the_same_tools_get_in_fy2566(iit, eit, oit):
    before = score(2565, tools={"IIT": iit, "EIT": eit, "OIT": oit})
    same = score(2566, tools={"IIT": iit, "EIT": eit, "OIT": oit})
    change = history("agency", [before, same]).change(2565, 2566)
    assert change.reads_as == (same.level.code,)
    assert change.total == 0
    assert change.passed_before == change.passed_after


def test_arguments_of_the_wrong_type_are_each_named():
    rows = [row for row in published_rows() if row.agency_en == "IPST"]
    with pytest.raises(ValidationError) as info:
        history("IPST", [rows[0], 7, "x"], rules=[rows[0]])
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("results[1]", "wrong_type"),
        ("results[2]", "wrong_type"),
        ("rules[0]", "wrong_type"),
    ]
    with pytest.raises(ValidationError) as info:
        history("IPST", 5, rules="ita-2567")
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("results", "wrong_type"),
        ("rules", "wrong_type"),
    ]


def test_an_agency_that_is_not_text_and_huge_values_are_refused_without_showing_them_whole():
    deep = []
    for _ in range(2000):
        deep = [deep]
    with pytest.raises(ValidationError) as info:
        history(10**5000, [deep])
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("agency", "wrong_type"),
        ("results[0]", "wrong_type"),
    ]
    assert len(str(info.value)) < 1000
