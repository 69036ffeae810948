"""The shipped ITA rule files against the review of their sources, and the strict checks."""

import json
import re
from decimal import Decimal
from importlib.resources import files
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moralkit import RuleNotFoundError, ValidationError
from moralkit.evaluation.forms import InterpretationTable
from moralkit.ita import RULES, gap, load_rules, score
from moralkit.ita.rules_model import SCAFFOLD_YEARS, ItaRules, check_ita_rules, scaffold
from moralkit.messages import catalogue, render
from moralkit.moral import Rubric
from moralkit.rules import RuleFile


def rules_data(year):
    return json.loads(files("moralkit.ita").joinpath(f"rules/ita-{year}.json").read_text("utf-8"))


def problem_codes(data):
    with pytest.raises(ValidationError) as info:
        load_rules(data)
    return {p.code for p in info.value.problems}


# --- corrections to the shipped data ----------------------------------------------------------


@pytest.mark.parametrize("year", [2563, 2564])
def test_fy2563_2564_weights_are_verified_by_recomputation(year):
    rules = RULES.for_year(year)
    assert rules.weights_status == "verified"
    assert all(tool.sources == ("recompute",) for tool in rules.tools)


def test_fy2567_weights_cite_their_own_sources():
    rules = RULES.for_year(2567)
    iit, eit, oit = (rules.tool(code) for code in ("IIT", "EIT", "OIT"))
    assert (iit.weight, iit.status, iit.sources) == (Decimal(30), "inferred", ("iit30",))
    assert (eit.status, eit.sources) == ("third-party", ("dashboard",))
    assert (oit.weight, oit.status, oit.sources) == (Decimal(40), "third-party", ("dashboard",))
    urls = {s.id: s.url for s in rules.sources}
    assert urls["iit30"] == "https://www.sakonarea1.go.th/new2024/iit/"


@pytest.mark.parametrize(
    ("year", "status"),
    [(2562, "verified"), (2565, "verified"), (2566, "unverified"), (2568, "unverified")],
)
def test_national_target_status(year, status):
    rules = RULES.for_year(year)
    assert rules.national_target_share == Decimal(80)
    assert rules.national_target_status == status
    if status == "unverified":
        assert "target66" in rules.national_target_sources


@pytest.mark.parametrize(
    ("year", "names", "grouping"),
    [
        (2564, "verified", "verified"),
        (2565, "verified", "verified"),
        (2566, "third-party", "derived"),
        (2567, "third-party", "derived"),
        (2568, "third-party", None),
    ],
)
def test_oit_catalogue_status(year, names, grouping):
    catalogue = RULES.for_year(year).oit_catalogue
    assert catalogue is not None
    assert (catalogue.names_status, catalogue.grouping_status) == (names, grouping)


@pytest.mark.parametrize("year", [2566, 2567])
def test_fy2566_2567_oit_names_restored(year):
    rules = RULES.for_year(year)
    items = {i.code: i for i in rules.oit_items}
    fy2565 = {i.code: i for i in RULES.for_year(2565).oit_items}
    for n in range(1, 10):
        assert items[f"O{n}"].name_en == fy2565[f"O{n}"].name_en
    assert items["O10"].name_th == "นโยบายคุ้มครองข้อมูลส่วนบุคคล"
    assert [items[f"O{n}"].name_en for n in range(23, 27)] == [
        "HR policy and plan",
        "implementation of the HR policy and plan",
        "HR criteria",
        "annual HR report",
    ]
    subs = {s.code: s.name_th for s in rules.sub_indicators}
    assert subs["9.3"] == "การจัดซื้อจัดจ้างหรือการจัดหาพัสดุ"
    assert subs["9.4"] == "การบริหารและพัฒนาทรัพยากรบุคคล"
    assert subs["9.5"] == "การส่งเสริมความโปร่งใส"
    assert subs["10.1"] == "การดำเนินการเพื่อป้องกันการทุจริต"
    assert subs["10.2"] == "มาตรการภายในเพื่อส่งเสริมความโปร่งใสและป้องกันการทุจริต"


def test_fy2566_budget_merge_is_unverified():
    nine_two = {s.code: s for s in RULES.for_year(2566).sub_indicators}["9.2"]
    assert nine_two.status == "unverified"
    assert {s.code: s for s in RULES.for_year(2567).sub_indicators}["9.2"].status == "verified"


def test_fy2568_complaint_items_are_three():
    items = {i.code: i.name_en for i in RULES.for_year(2568).oit_items}
    assert (items["O17"], items["O18"], items["O19"]) == (
        "complaint-handling guideline",
        "complaint channels",
        "annual complaint statistics",
    )


def test_questionnaires_say_what_is_known():
    fy2567 = RULES.for_year(2567)
    assert fy2567.questionnaire is not None
    assert fy2567.questionnaire.names_status == "unverified"
    assert fy2567.questions == ()
    fy2564 = RULES.for_year(2564)
    assert fy2564.questionnaire is not None
    assert not fy2564.questionnaire.complete
    labels = {c.label_th for s in fy2564.answer_scales for c in s.choices}
    assert "มากที่สุด" in labels


@pytest.mark.parametrize("year", RULES.years())
def test_minimum_respondents_held_without_inventing_a_number(year):
    rules = RULES.for_year(year)
    assert {m.tool for m in rules.minimum_respondents} == {"IIT", "EIT"}
    assert all(m.minimum is None and m.status == "verified" for m in rules.minimum_respondents)


def test_no_fy2569_rules_are_shipped():
    assert 2569 not in RULES.years()
    assert SCAFFOLD_YEARS == (2569,)


# --- the scaffold -----------------------------------------------------------------------------


def test_unfilled_scaffold_is_refused_with_what_to_fill():
    codes = problem_codes(scaffold(2569))
    assert "ita_rules.scaffold" in codes
    assert {"ita_rules.weights_not_100", "ita_rules.no_floor"} <= codes


def test_filled_scaffold_loads():
    data = json.loads(scaffold(2569))
    fy2568 = rules_data(2568)
    for key in ("tools", "indicators", "levels", "pass_mark", "sources"):
        data[key] = fy2568[key]
    data["scaffold"] = False
    mine = load_rules(data)
    assert mine.first_year.be == 2569
    result = score(2569, tools={"IIT": 98, "EIT": 84, "OIT": "99.5"}, rules=mine)
    assert result.level.code == "pass"


def test_scaffold_for_a_year_without_one():
    with pytest.raises(RuleNotFoundError, match="available: 2569") as info:
        scaffold(2570)
    assert isinstance(info.value, LookupError)
    assert info.value.available == SCAFFOLD_YEARS


@pytest.mark.parametrize(
    ("year", "code"),
    [
        ("2569", "wrong_type"),
        (None, "wrong_type"),
        pytest.param(10**5000, "above_maximum", id="huge"),
    ],
)
def test_scaffold_refuses_a_year_that_is_not_a_whole_number(year, code):
    with pytest.raises(ValidationError) as info:
        scaffold(year)
    assert [(p.path, p.code) for p in info.value.problems] == [("fiscal_year", code)]
    assert "fiscal_year" in str(info.value)


@pytest.mark.parametrize("rules", [None, {"id": "ita-2568"}, RULES.for_year(2568).tools])
def test_check_ita_rules_refuses_what_is_not_ita_rules(rules):
    with pytest.raises(ValidationError) as info:
        check_ita_rules(rules)
    (problem,) = info.value.problems
    assert (problem.path, problem.code) == ("rules", "wrong_type")
    assert "ItaRules" in problem.message("en")
    assert "ItaRules" in problem.message("th")


# --- strict checks on custom and derived rules ------------------------------------------------


def _drop_items_of(data, sub):
    data["oit_items"] = [i for i in data["oit_items"] if i["sub_indicator"] != sub]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda d: _drop_items_of(d, "9.4"), "ita_rules.sub_indicator_without_items"),
        (
            lambda d: [_drop_items_of(d, s) for s in ("10.1", "10.2")],
            "ita_rules.indicator_without_items",
        ),
        (lambda d: d["levels"][1].__setitem__("min_total", "84.995"), "ita_rules.off_grid"),
        (lambda d: d["tools"][0].__setitem__("weight", "30.001"), "ita_rules.off_grid"),
        (lambda d: d.__setitem__("pass_mark", "85.5"), "ita_rules.pass_below_mark"),
        (lambda d: d["levels"][3].__setitem__("min_total", "85"), "ita_rules.fail_above_mark"),
        (
            lambda d: [level.__setitem__("passed", False) for level in d["levels"]],
            "ita_rules.no_pass_level",
        ),
        (
            lambda d: d["tools"][1].__setitem__("sources", ["nowhere"]),
            "ita_rules.unknown_reference",
        ),
        (lambda d: d["sub_indicators"].append(d["sub_indicators"][0]), "ita_rules.duplicate"),
        (
            lambda d: d["answer_scales"].append(d["answer_scales"][0]),
            "ita_rules.duplicate",
        ),
        (
            lambda d: d["minimum_respondents"].append(d["minimum_respondents"][0]),
            "ita_rules.duplicate",
        ),
        (
            lambda d: d["levels"].insert(2, dict(d["levels"][1], code="also-good")),
            "ita_rules.levels_out_of_order",
        ),
    ],
)
def test_custom_rules_are_checked_strictly(change, code):
    data = rules_data(2566)
    change(data)
    assert code in problem_codes(data)


def test_derived_rules_are_checked_strictly():
    rules = RULES.for_year(2564)
    with pytest.raises(ValidationError) as info:
        RULES.derive(rules, oit_items=rules.oit_items[:-2])
    assert [p.path for p in info.value.problems] == ["sub_indicators[6]"]


def test_a_fractional_threshold_read_from_text_is_refused(tmp_path):
    data = rules_data(2568)
    data["levels"][0]["min_each_tool"] = "94.999"
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ValidationError, match="more than 2 decimal places"):
        load_rules(path)


@pytest.mark.parametrize("rules", RULES.all(), ids=lambda r: r.id)
def test_every_packaged_file_passes(rules):
    assert check_ita_rules(rules) == []


def test_problems_render_in_both_languages():
    with pytest.raises(ValidationError) as info:
        load_rules(scaffold(2569))
    for problem in info.value.problems:
        assert problem.message("th") != problem.message("en")
        assert "{" not in problem.message("th") + problem.message("en")
    assert render("ita_rules.weights_not_100", "th", {"total": 90}).startswith("น้ำหนัก")


def test_every_ita_cycle_code_is_in_the_catalogue_in_both_languages():
    folder = Path(__file__).parents[2] / "src" / "moralkit" / "ita"
    used = set()
    for name in ("rules_model.py", "gap.py", "oit.py", "history.py"):
        text = (folder / name).read_text("utf-8")
        used |= set(re.findall(r'"(ita_(?:rules|gap|oit|history)\.[a-z_.]+)"', text))
    used |= {
        f"ita_gap.reason.{kind}"
        for kind in ("next_level", "pass_mark", "next_level_and_pass_mark", "asked")
    }
    used |= {f"ita_history.scheme.{scheme}" for scheme in ("letters", "pass_levels")}
    known = catalogue()
    assert used - set(known) == set()
    assert len(used) > 60
    for code in used:
        words = re.sub(r"\{[a-z_]+\}", "", known[code].en)
        assert known[code].th != known[code].en or not re.search("[a-z]", words)


# --- hostile edits: a rule file the checks accept never breaks scoring or gap ----------------

GRID_OR_NOT = st.decimals(min_value=0, max_value=100, places=3, allow_nan=False)


@st.composite
def edited_rules(draw):
    year = draw(st.sampled_from([2564, 2566, 2568]))
    data = rules_data(year)
    edits = draw(st.lists(st.integers(0, 9), min_size=1, max_size=4))
    for edit in edits:
        if edit == 0 and data["oit_items"]:
            keep = draw(
                st.lists(
                    st.booleans(), min_size=len(data["oit_items"]), max_size=len(data["oit_items"])
                )
            )
            data["oit_items"] = [i for i, k in zip(data["oit_items"], keep, strict=True) if k]
        elif edit == 1 and data["sub_indicators"]:
            data["sub_indicators"].pop(draw(st.integers(0, len(data["sub_indicators"]) - 1)))
        elif edit == 2:
            tool = draw(st.integers(0, 2))
            data["tools"][tool]["weight"] = str(draw(GRID_OR_NOT))
        elif edit == 3 and data["levels"]:
            level = data["levels"][draw(st.integers(0, len(data["levels"]) - 1))]
            level["min_total"] = str(draw(GRID_OR_NOT))
            if draw(st.booleans()):
                level["min_each_tool"] = str(draw(GRID_OR_NOT))
        elif edit == 4 and data["levels"]:
            level = data["levels"][draw(st.integers(0, len(data["levels"]) - 1))]
            level["passed"] = not level["passed"]
        elif edit == 5:
            data["levels"] = draw(st.permutations(data["levels"]))
        elif edit == 6:
            data["pass_mark"] = str(draw(GRID_OR_NOT))
        elif edit == 7 and data["oit_items"]:
            item = data["oit_items"][draw(st.integers(0, len(data["oit_items"]) - 1))]
            item["sub_indicator"] = draw(st.sampled_from(["9.1", "9.5", "10.2", "11.1", None]))
        elif edit == 8:
            data["oit_scoring"] = draw(st.sampled_from(["sub_indicators", "share_of_items"]))
        elif edit == 9:
            indicator = data["indicators"][draw(st.integers(0, 9))]
            indicator["tool"] = draw(st.sampled_from(["IIT", "EIT", "OIT"]))
    return data


@settings(max_examples=150, deadline=None)
@given(edited_rules(), st.tuples(GRID_OR_NOT, GRID_OR_NOT, GRID_OR_NOT), st.randoms())
def test_accepted_rules_never_break_scoring_or_gap(data, values, rnd):
    try:
        rules = load_rules(data)
    except ValidationError:
        return
    year = rules.first_year
    result = score(year, tools=dict(zip(("IIT", "EIT", "OIT"), values, strict=True)), rules=rules)
    gap(result, rules=rules)
    if rules.oit_items:
        present = {item.code: rnd.random() < 0.7 for item in rules.oit_items}
        others = {i.number: "90" for i in rules.indicators if i.tool != "OIT"}
        checked = score(year, indicators=others, oit=present, rules=rules)
        gap(checked, checklist=present, rules=rules)


# --- the one rule-file header -----------------------------------------------------------------

HEADER = ("id", "version", "title_th", "title_en", "first_year", "last_year", "status", "sources")


def test_ita_rules_share_the_rule_file_header():
    for cls in (ItaRules, Rubric, InterpretationTable):
        assert issubclass(cls, RuleFile)
        fields = attrs.fields_dict(cls)
        # Inherited, not declared again; ITA files only redeclare status for their own default.
        redeclared = {name for name in HEADER if not fields[name].inherited}
        assert redeclared == ({"status"} if cls is ItaRules else set()), cls


def test_an_ita_file_without_a_status_stays_unverified():
    data = rules_data(2564)
    del data["status"]
    assert load_rules(data).status == "unverified"
    assert RULES.for_year(2564).status == "verified"  # the shipped file states its own


def test_the_header_reads_the_same_through_the_base_class():
    rules = RULES.for_year(2566)
    assert (rules.first_year.be, rules.last_year.be) == (2566, 2566)
    assert rules.covers(2566)
    assert not rules.covers(2565)
    assert not rules.covers(2567)
