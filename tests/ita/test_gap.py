"""ita.gap: what a result lacks, from the published cases and by property."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moralkit import ValidationError, dump, explain
from moralkit.ita import RULES, published_rows, score
from moralkit.ita.gap import gap, item_worth, reaches
from moralkit.ita.rules_model import TOOL_CODES

ROWS = {row.id: row for row in published_rows()}
CENT = Decimal("0.01")


def tools(iit, eit, oit):
    return {"IIT": str(iit), "EIT": str(eit), "OIT": str(oit)}


def level_rule(rules, code):
    return next(level for level in rules.levels if level.code == code)


# --- the State Audit Office case (FY2568) ---------------------------------------------------


def test_state_audit_office_needs_eit_85_and_nothing_else():
    result = score(2568, tools=tools(98, 84, "99.5"))
    assert (result.total, result.level.code) == (Decimal("94.40"), "pass")
    found = gap(result)
    assert [t.level for t in found.targets] == ["good"]
    good = found.target("good")
    assert [(r.tool, r.needed) for r in good.together] == [("EIT", Decimal("85.00"))]
    assert good.total_after == Decimal("94.70")
    assert good.cost == Decimal("1.0000")
    alone = {a.tool: a for a in good.alone}
    assert alone["EIT"].needed == Decimal("85.00")
    assert alone["IIT"].needed is None
    assert alone["IIT"].blocked_by == ("EIT",)
    assert alone["OIT"].blocked_by == ("EIT",)
    after = score(2568, tools=tools(98, "85.00", "99.5"))
    assert (after.total, after.level.code) == (Decimal("94.70"), "good")


def test_the_trace_says_it_in_both_languages():
    found = gap(score(2568, tools=tools(98, 84, "99.5")))
    english, thai = explain(found, "en"), explain(found, "th")
    assert "EIT alone: at least 85.00" in english
    assert "เพิ่ม EIT อย่างเดียว: อย่างน้อย 85.00" in thai
    assert "ผ่านดี" in thai
    assert "good pass" in english
    assert english.count("\n") == thai.count("\n")


def test_gap_is_data():
    found = gap(score(2568, tools=tools(98, 84, "99.5")))
    data = dump(found)
    assert data["targets"][0]["together"][0]["needed"] == "85.00"


# --- published rows -------------------------------------------------------------------------


def test_trat_2564_needs_the_oit_for_the_pass_mark():
    trat = score(2564, indicators=ROWS["trat-2564"].indicator_scores)
    found = gap(trat)
    assert (found.level, [t.level for t in found.targets]) == ("B", ["A"])
    target = found.target("A")
    assert target.kind == "next_level_and_pass_mark"
    (oit,) = target.together
    assert oit.tool == "OIT"
    raised = {**{c: trat.tool(c) for c in TOOL_CODES}, "OIT": oit.needed}
    assert score(2564, tools=raised).level.code == "A"
    lower = {**raised, "OIT": oit.needed - CENT}
    assert score(2564, tools=lower).level.code == "B"


def test_chanthaburi_2563_is_two_levels_from_passing():
    found = gap(score(2563, indicators=ROWS["chanthaburi-2563"].indicator_scores))
    assert found.level == "C"
    assert [(t.level, t.kind) for t in found.targets] == [("B", "next_level"), ("A", "pass_mark")]


def test_top_level_has_nothing_to_reach():
    found = gap(score(2568, tools=tools(100, 100, 100)))
    assert found.targets == ()
    top = found.trace[-1]
    assert (top.code, top.value) == ("ita_gap.top", "excellent")
    english, thai = explain(found, "en").splitlines()[-1], explain(found, "th").splitlines()[-1]
    assert english == "already at the top level (excellent pass): nothing to reach"
    # The level by its Thai label, never its code, and the same "nothing to reach".
    assert thai == "อยู่ในระดับสูงสุดแล้ว (ผ่านดีเยี่ยม) จึงไม่มีระดับที่สูงกว่าให้ไปถึง"


@pytest.mark.parametrize(("year", "asked"), [(2568, "pass"), (2568, "good"), (2564, "B")])
def test_a_level_already_reached_is_not_called_the_top(year, asked):
    result = score(year, tools=tools(90, 90, 90))  # good (FY2568), A (FY2564): not the top
    assert result.level.code in ("good", "A")
    found = gap(result, level=asked)
    assert found.targets == ()
    reached = found.trace[-1]
    assert (reached.code, reached.value) == ("ita_gap.reached", asked)
    english, thai = explain(found, "en"), explain(found, "th")
    assert "top level" not in english
    assert "สูงสุด" not in thai
    rules = RULES.for_year(year)
    wanted, current = level_rule(rules, asked), level_rule(rules, result.level.code)
    last_en, last_th = english.splitlines()[-1], thai.splitlines()[-1]
    assert f"{wanted.label_en} (total {wanted.min_total} or more), is already reached" in last_en
    assert f"the result is at {current.label_en}" in last_en
    assert f"ได้ระดับที่ขอ คือ {wanted.label_th} (คะแนนรวมไม่น้อยกว่า {wanted.min_total}) แล้ว" in (last_th)
    assert f"อยู่ในระดับ {current.label_th}" in last_th


def test_the_top_level_asked_for_at_the_top_is_reached():
    found = gap(score(2568, tools=tools(100, 100, 100)), level="excellent")
    assert [node.code for node in found.trace][-1] == "ita_gap.reached"


def test_a_target_names_its_level_with_a_space_in_thai():
    found = gap(score(2564, tools={"IIT": "89.95", "EIT": "89.27", "OIT": "69.22"}))
    assert "เพื่อให้ได้ระดับ A (คะแนนรวมไม่น้อยกว่า" in explain(found, "th")


def test_a_level_asked_for():
    found = gap(score(2568, tools=tools(98, 84, "99.5")), level="excellent")
    (target,) = found.targets
    assert target.kind == "asked"
    assert [(r.tool, r.needed) for r in target.together] == [("EIT", Decimal("95.00"))]
    with pytest.raises(ValidationError) as info:
        gap(score(2568, tools=tools(98, 84, "99.5")), level="AA")
    assert info.value.problems[0].code == "ita_gap.unknown_level"


# --- the OIT checklist ----------------------------------------------------------------------


def checklist(year, missing):
    return {item.code: item.code not in missing for item in RULES.for_year(year).oit_items}


def test_missing_items_with_their_worth_fy2564():
    rules = RULES.for_year(2564)
    present = checklist(2564, {"O1", "O42", "O43"})
    result = score(2564, indicators=dict.fromkeys(range(1, 9), "90"), oit=present)
    found = gap(result, checklist=present)
    worth = {m.code: m for m in found.missing_items}
    # 10.2 has two items and indicator 10 two sub-indicators: each item is worth
    # 100 / 2 / 2 / 2 = 12.5 OIT points, 5 points of the total.
    assert worth["O42"].worth_oit == Decimal("12.5000")
    assert worth["O42"].worth_total == Decimal("5.0000")
    # O1 is one of nine items of 9.1, one of five sub-indicators of indicator 9.
    assert worth["O1"].worth_oit == Decimal("1.1111")
    assert [m.code for m in found.missing_items] == ["O42", "O43", "O1"]
    assert sum(item_worth(rules).values()) == 100
    target = found.targets[0]
    assert target.items is not None
    with_items = dict(present, **dict.fromkeys(target.items, True))
    assert reaches(
        rules,
        level_rule(rules, target.level),
        {
            c: score(2564, indicators=dict.fromkeys(range(1, 9), "90"), oit=with_items).tool(c)
            for c in TOOL_CODES
        },
    )


def missing_line(year, item, lang):
    present = checklist(year, {item})
    result = score(year, indicators=dict.fromkeys(range(1, 9), "90"), oit=present)
    return explain(gap(result, checklist=present), lang).splitlines()[-1].strip()


def test_a_missing_item_without_a_thai_name_is_named_as_its_source_gives_it():
    # The sources give O40 (FY2564) in English only: Thai says so rather than make a name up.
    english, thai = missing_line(2564, "O40", "en"), missing_line(2564, "O40", "th")
    assert english.startswith("O40 6-month monitoring report: +")
    assert thai.startswith("O40 (ชื่อภาษาอังกฤษตามแหล่งที่มา: 6-month monitoring report): OIT เพิ่ม")
    assert thai.count("O40") == 1


def test_a_missing_item_with_a_thai_name_is_named_in_thai():
    english, thai = missing_line(2566, "O10", "en"), missing_line(2566, "O10", "th")
    assert english.startswith("O10 personal-data protection policy: +")
    assert thai.startswith("O10 นโยบายคุ้มครองข้อมูลส่วนบุคคล: OIT เพิ่ม")


def test_a_missing_item_without_any_name_says_so_once():
    assert RULES.for_year(2568).oit_items[4].code == "O5"
    assert RULES.for_year(2568).oit_items[4].name_en is None
    english, thai = missing_line(2568, "O5", "en"), missing_line(2568, "O5", "th")
    assert english.startswith("O5 (no name held for this item): +")
    assert thai.startswith("O5 (ไม่มีชื่อของรายการนี้ในข้อมูลเกณฑ์): OIT เพิ่ม")


def test_missing_items_share_of_items_fy2568():
    present = checklist(2568, {"O17", "O18", "O19"})
    result = score(2568, indicators=dict.fromkeys(range(1, 9), "99"), oit=present)
    found = gap(result, checklist=present)
    assert {m.code for m in found.missing_items} == {"O17", "O18", "O19"}
    assert {m.worth_oit for m in found.missing_items} == {Decimal("3.8462")}
    assert "O17" in explain(found, "en")


def test_a_checklist_that_was_not_scored_is_refused():
    present = checklist(2564, {"O1"})
    result = score(2564, indicators=dict.fromkeys(range(1, 9), "90"), oit=present)
    with pytest.raises(ValidationError) as info:
        gap(result, checklist=checklist(2564, {"O2", "O3"}))
    assert info.value.problems[0].code == "ita_gap.checklist_mismatch"
    with pytest.raises(ValidationError) as info:
        gap(result, checklist={**present, "O99": True})
    assert info.value.paths == ("checklist['O99']",)


def test_custom_rules_must_be_given():
    data = dump(RULES.for_year(2566))
    mine = RULES.load({**data, "id": "mine", "first_year": 2569, "last_year": 2569})
    result = score(2569, tools=tools(90, 80, 90), rules=mine)
    with pytest.raises(ValidationError, match="rules="):
        gap(result)
    assert gap(result, rules=mine).targets[0].level == "good"


# --- properties -----------------------------------------------------------------------------

SCORES = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
YEARS = st.sampled_from([2564, 2566, 2568])


def apply(result, raises):
    values = {c: result.tool(c) for c in TOOL_CODES}
    values.update(raises)
    return values


@settings(max_examples=150, deadline=None)
@given(YEARS, SCORES, SCORES, SCORES)
def test_proposed_raises_reach_and_smaller_ones_do_not(year, iit, eit, oit):
    rules = RULES.for_year(year)
    result = score(year, tools={"IIT": iit, "EIT": eit, "OIT": oit})
    for target in gap(result).targets:
        level = level_rule(rules, target.level)
        assert not reaches(rules, level, apply(result, {}))
        raised = {r.tool: r.needed for r in target.together}
        assert reaches(rules, level, apply(result, raised))
        after = score(year, tools=apply(result, raised))
        assert after.total == target.total_after
        codes = [lv.code for lv in rules.levels]
        assert codes.index(after.level.code) <= codes.index(target.level)
        for tool, needed in raised.items():
            smaller = max(needed - CENT, result.tool(tool))
            before = score(year, tools=apply(result, {**raised, tool: smaller}))
            assert codes.index(before.level.code) > codes.index(target.level)
        for tool, needed in raised.items():
            smaller = max(needed - CENT, result.tool(tool))
            assert not reaches(rules, level, apply(result, {**raised, tool: smaller}))
        for alone in target.alone:
            if alone.needed is None:
                assert not reaches(rules, level, apply(result, {alone.tool: Decimal(100)}))
                continue
            assert reaches(rules, level, apply(result, {alone.tool: alone.needed}))
            smaller = max(alone.needed - CENT, result.tool(alone.tool))
            assert not reaches(rules, level, apply(result, {alone.tool: smaller}))
            # Together never costs more than any one tool alone.
            assert target.cost <= alone.by


@settings(max_examples=60, deadline=None)
@given(st.sets(st.sampled_from([f"O{n}" for n in range(1, 44)]), max_size=20))
def test_fewest_items_reach_and_one_fewer_does_not(missing):
    rules = RULES.for_year(2564)
    others = dict.fromkeys(range(1, 9), "95")
    present = checklist(2564, missing)
    result = score(2564, indicators=others, oit=present)
    found = gap(result, checklist=present)
    lost = sum(Fraction(m.worth_oit) for m in found.missing_items)
    assert abs(lost - (100 - Fraction(result.tool("OIT")))) < Fraction(1, 1000)
    for target in found.targets:
        if target.items is None:
            continue
        level = level_rule(rules, target.level)
        after = score(
            2564, indicators=others, oit=dict(present, **dict.fromkeys(target.items, True))
        )
        assert after.level.code == target.level or reaches(rules, level, apply(after, {}))
        if target.items:
            fewer = dict(present, **dict.fromkeys(target.items[:-1], True))
            before = score(2564, indicators=others, oit=fewer)
            assert not reaches(rules, level, apply(before, {}))
