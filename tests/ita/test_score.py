import decimal
import json
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moralkit import RuleNotFoundError, ValidationError, dump, explain, json_schema, load
from moralkit.ita import (
    RULES,
    Answer,
    ItaInput,
    Response,
    Result,
    possible_levels,
    published_rows,
    score,
)
from tests.snapshots.regenerate import HERE, ita_snapshot

ROWS = {row.id: row for row in published_rows()}
TRAT_2564 = ROWS["trat-2564"].indicator_scores
CHANTHABURI_2563 = ROWS["chanthaburi-2563"].indicator_scores


def tools(iit, eit, oit):
    return {"IIT": str(iit), "EIT": str(eit), "OIT": str(oit)}


# --- rule files ------------------------------------------------------------------------------


def test_rule_files_by_fiscal_year():
    assert RULES.years() == (2562, 2563, 2564, 2565, 2566, 2567, 2568)
    assert RULES.for_year(2564).id == "ita-2564"
    for year in (2561, 2569):
        with pytest.raises(
            RuleNotFoundError, match="available: 2562, 2563, 2564, 2565, 2566, 2567, 2568"
        ):
            score(year, tools=tools(90, 90, 90))


def test_statuses_say_what_is_known():
    assert RULES.for_year(2563).weights_status == "verified"
    assert RULES.for_year(2562).weights_status == "unverified"
    assert RULES.for_year(2567).weights_status == "third-party"
    assert len(RULES.for_year(2564).oit_items) == 43
    assert len(RULES.for_year(2566).oit_items) == 43
    assert RULES.for_year(2568).oit_scoring == "share_of_items"
    result = score(2562, tools=tools(90, 90, 90))
    assert result.weights_status == "unverified"
    caveat = next(n for n in result.trace if n.code == "ita.caveat.weights")
    assert caveat.rule is not None
    assert caveat.rule.status == "unverified"
    assert "ไม่ได้ยืนยัน" in explain(result, "th")


# --- published rows (domain reference, section 3) -------------------------------------------


def test_trat_2564_recomputes_the_published_total():
    result = score(2564, indicators=TRAT_2564)
    assert result.total == Decimal("81.45")
    assert result.level.code == "B"
    assert (result.tool("IIT"), result.tool("EIT"), result.tool("OIT")) == (
        Decimal("89.9460"),
        Decimal("89.2700"),
        Decimal("69.2250"),
    )
    assert not result.passed


def test_chanthaburi_2563_within_a_hundredth():
    result = score(2563, indicators=CHANTHABURI_2563)
    assert abs(result.total - Decimal("67.54")) <= Decimal("0.01")
    assert result.total == Decimal("67.53")  # 67.5346: NACC computes from unrounded data
    assert result.level.code == "C"


PHICHIT = [  # i9, i10, OIT/40 published, W1 (/30), total, level
    ("100", "100", "40.00", "28.04", "98.04", "AA"),
    ("100", "100", "40.00", "28.11", "97.41", "AA"),
    ("93.50", "100", "38.70", "28.67", "97.37", "AA"),
    ("97.50", "100", "39.50", "28.65", "97.25", "AA"),
]


@pytest.mark.parametrize(("i9", "i10", "oit40", "w1", "total", "level"), PHICHIT)
def test_phichit_2564_oit_rows(i9, i10, oit40, w1, total, level):
    oit = (Decimal(i9) + Decimal(i10)) / 2
    assert (oit * Decimal("0.4")).quantize(Decimal("0.01")) == Decimal(oit40)
    other = (Decimal(total) - Decimal(oit40) - Decimal(w1)) / Decimal("0.3")
    places = Decimal("1E-12")  # the input policy's most decimal places
    iit = (Decimal(w1) / Decimal("0.3")).quantize(places)
    result = score(2564, tools={"IIT": iit, "EIT": other.quantize(places), "OIT": oit})
    assert result.total == Decimal(total)
    assert result.level.code == level


@pytest.mark.parametrize("row", published_rows(), ids=lambda r: r.id)
def test_published_rows(row):
    if row.indicators is not None:
        result = score(row.fiscal_year, indicators=row.indicator_scores)
        assert abs(result.total - row.total) <= Decimal("0.01")
        assert result.level.code == row.published_level
    assert row.published_level in possible_levels(row.fiscal_year, row.total)
    if row.fiscal_year.be <= 2565:  # letter bands depend on the total alone
        assert possible_levels(row.fiscal_year, row.total) == (row.published_level,)


def test_possible_levels_rule_out_what_cannot_be():
    assert possible_levels(2566, "97.29") == ("excellent", "good")  # pass would need a tool < 85
    assert possible_levels(2566, "84.99") == ("improve",)
    assert possible_levels(2566, "60") == ("urgent",)


def test_state_audit_office_fy2568():  # an EIT below 85 holds the level at pass
    low = score(2568, tools=tools(98, 84, "99.5"))
    assert (low.total, low.level.code, low.level.label_th, low.passed) == (
        Decimal("94.40"),
        "pass",
        "ผ่าน",
        True,
    )
    held = next(n for n in low.trace if n.code == "ita.held_below")
    assert (held.value, held.params["tools"]) == ("good", ("EIT",))
    assert "EIT below 85" in explain(low, "en")
    assert "EIT ต่ำกว่า 85" in explain(low, "th")
    good = score(2568, tools=tools(98, 85, "99.5"))
    assert (good.total, good.level.code, good.level.label_th) == (Decimal("94.70"), "good", "ผ่านดี")


# --- band edges ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "letter", "new"),
    [
        ("84.99", "B", "improve"),
        ("85.00", "A", "good"),
        ("94.99", "A", "good"),
        ("95.00", "AA", "excellent"),
        ("84.995", "A", "good"),
        ("84.994", "B", "improve"),
        ("74.99", "C", "improve"),
        ("69.99", "C", "urgent"),
        ("49.99", "F", "urgent"),
        ("50", "E", "urgent"),
    ],
)
def test_band_edges(value, letter, new):
    assert score(2565, tools=tools(value, value, value)).level.code == letter
    assert score(2566, tools=tools(value, value, value)).level.code == new


def test_total_is_rounded_half_up_before_classifying():
    result = score(2565, tools=tools("84.995", "84.995", "84.995"))
    assert result.total == Decimal("85.00")
    assert result.passed


# --- raw answers and the OIT checklist ------------------------------------------------------


def test_iit_indicators_from_answers():
    answers = [
        Response.of(
            "r1",
            "IIT",
            {
                "I1": "highest",
                "I2": "high",
                "I3": "high",
                "I4": "no",
                "I5": "no",
                "I6": "yes",
                "I7": "high",
                "I8": "low",
            },
        ),
        Response.of(
            "r2",
            "IIT",
            {
                "I1": "high",
                "I2": "high",
                "I3": "highest",
                "I4": "no",
                "I5": "no",
                "I6": "no",
                "I7": "highest",
                "I8": "high",
            },
        ),
    ]
    others = dict.fromkeys(range(3, 11), "90")
    result = score(2564, responses=answers, indicators=others)
    # question means: I1 83.5, I2 67, I3 83.5, I4 100, I5 100, I6 50 -> 484 / 6
    assert result.indicator(1) == Decimal("80.6667")
    # I7 83.5, I8 50 -> 66.75
    assert result.indicator(2) == Decimal("66.7500")
    assert not any(f.given for f in result.indicators if f.code in ("1", "2"))
    assert all(f.given for f in result.indicators if f.code not in ("1", "2"))


def _all_items(year, missing=()):
    return {item.code: item.code not in missing for item in RULES.for_year(year).oit_items}


@pytest.mark.parametrize(
    ("missing", "i9", "i10"),
    [
        (("O9",), "97.7778", "100.0000"),  # 9.1 has 9 items: (8/9*100 + 4*100) / 5 = 97.78
        (("O17", "O24"), "94.6429", "100.0000"),  # (100 + 87.5 + 85.71 + 100 + 100) / 5 = 94.64
        (("O41",), "100.0000", "93.7500"),  # 10.1 has 8 items: (7/8*100 + 100) / 2
        (("O40", "O41"), "100.0000", "87.5000"),
    ],
)
def test_oit_from_the_checklist_matches_phichit(missing, i9, i10):
    others = dict.fromkeys(range(1, 9), "90")
    result = score(2564, indicators=others, oit=_all_items(2564, missing))
    assert (result.indicator(9), result.indicator(10)) == (Decimal(i9), Decimal(i10))
    assert len(result.sub_indicators) == 7


def test_oit_share_of_items_when_grouping_is_unknown():
    others = dict.fromkeys(range(1, 9), "90")
    present = {f"O{n}": n <= 13 for n in range(1, 27)}
    result = score(2568, indicators=others, oit=present)
    assert result.tool("OIT") == Decimal("50.0000")
    assert any(n.code == "ita.caveat.oit_share_of_items" for n in result.trace)
    assert "plain share" in explain(result, "en")


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "paths"),
    [
        ({"tools": {"IIT": "101", "EIT": "-1", "OIT": "90"}}, {"tools['IIT']", "tools['EIT']"}),
        ({"tools": {"IIT": "90", "EIT": "90"}}, {"tools"}),
        ({"tools": {"IIT": "90", "EIT": "90", "OIT": "90", "XIT": "1"}}, {"tools['XIT']"}),
        ({"tools": {"IIT": 90.5, "EIT": "90", "OIT": "90"}}, {"tools['IIT']"}),
        ({"tools": {"IIT": "๙๐", "EIT": "90", "OIT": "90"}}, {"tools['IIT']"}),
        ({"tools": {"IIT": True, "EIT": "90", "OIT": "90"}}, {"tools['IIT']"}),
        ({"indicators": {1: "90"}}, {"indicators"}),
        ({"indicators": {11: "90"}}, {"indicators[11]"}),
        ({"tools": tools(90, 90, 90), "indicators": {1: "90"}}, {"tools"}),
        ({}, {""}),
        ({"indicators": {9: "90"}, "oit": {}}, {"oit"}),
        (
            {
                "indicators": dict.fromkeys(range(1, 11), "90"),
                "oit": _all_items(2564) | {"O99": True},
            },
            {"oit['O99']", "indicators[9]", "indicators[10]"},
        ),
        (
            {"responses": [Response.of("r", "IIT", {"I1": "maybe"})]},
            {"responses[0].answers[0].choice"},
        ),
        (
            {"responses": [Response.of("r", "IIT", {"I99": "high"})]},
            {"responses[0].answers[0].question"},
        ),
        (
            {"responses": [Response.of("r", "EIT", {"I1": "high"})]},
            {"responses[0].answers[0].question"},
        ),
        (
            {
                "responses": [
                    Response.of("r", "IIT", {"I1": "high"}),
                    Response.of("r", "IIT", {"I1": "low"}),
                ]
            },
            {"responses[1].respondent"},
        ),
    ],
)
def test_bad_input(kwargs, paths):
    with pytest.raises(ValidationError) as info:
        score(2564, **kwargs)
    assert paths <= set(info.value.paths)


def test_floats_need_the_explicit_option():
    with pytest.raises(ValidationError) as info:
        score(2566, tools={"IIT": 90.5, "EIT": 90, "OIT": 90})
    assert [p.code for p in info.value.problems] == ["float"]
    assert score(
        2566, tools={"IIT": 90.5, "EIT": 90, "OIT": 90}, allow_float=True
    ).total == Decimal("90.15")


def test_no_oit_catalogue_for_fy2562():
    with pytest.raises(ValidationError, match="no OIT item list is held for fiscal year 2562"):
        score(2562, indicators=dict.fromkeys(range(1, 9), "90"), oit={"O1": True})


# --- results -----------------------------------------------------------------------------------


def test_result_round_trips_and_explains():
    result = score(2564, indicators=TRAT_2564)
    assert load(Result, dump(result)) == result
    text = explain(result, "en").splitlines()
    assert "total: the weighted sum 81.4548, rounded half-up to 81.45" in text
    assert any(line.startswith("level B: total 81.45 >= 75") for line in text)
    assert result.explanation[0].text_en == text[0]
    json.dumps(dump(result), ensure_ascii=False)


@pytest.mark.parametrize("rules", RULES.all(), ids=lambda r: r.id)
def test_golden_snapshots(rules):
    expected = json.loads((HERE / "ita" / f"{rules.id}.json").read_text("utf-8"))
    assert ita_snapshot(rules) == expected, (
        "rules changed: run `make snapshots` and review the diff"
    )


# --- properties --------------------------------------------------------------------------------

score_values = st.decimals(0, 100, places=2, allow_nan=False, allow_infinity=False)
indicator_sets = st.lists(score_values, min_size=10, max_size=10)
years = st.sampled_from([2563, 2564, 2566, 2568])


@given(indicator_sets, st.integers(0, 9), score_values, years)
def test_raising_an_indicator_never_lowers_the_total(values, which, extra, fy):
    base = dict(enumerate(values, 1))
    raised = base | {which + 1: max(base[which + 1], extra)}
    assert score(fy, indicators=raised).total >= score(fy, indicators=base).total


@given(indicator_sets, years)
def test_total_lies_between_the_lowest_and_highest_tool(values, fy):
    result = score(fy, indicators=dict(enumerate(values, 1)))
    tool_values = [f.value for f in result.tools]
    assert (
        min(tool_values) - Decimal("0.005") <= result.total <= max(tool_values) + Decimal("0.005")
    )


@given(
    score_values,
    score_values,
    score_values,
    st.lists(st.decimals(-5, 5, places=2), min_size=7, max_size=7),
    years,
)
def test_indicators_and_the_tools_they_imply_score_the_same(iit, eit, oit, shifts, fy):
    # Build indicators whose means are exactly the chosen tool scores.
    def spread(mean, deltas):
        values = [mean + d for d in deltas] + [
            mean * (len(deltas) + 1) - sum(mean + d for d in deltas)
        ]
        return values if all(0 <= v <= 100 for v in values) else [mean] * (len(deltas) + 1)

    iit_values = spread(iit, shifts[:4])
    eit_values = spread(eit, shifts[4:6])
    oit_values = spread(oit, shifts[6:7])
    indicators = dict(enumerate(iit_values + eit_values + oit_values, 1))
    from_indicators = score(fy, indicators=indicators)
    from_tools = score(fy, tools={"IIT": iit, "EIT": eit, "OIT": oit})
    assert from_indicators.total == from_tools.total
    assert from_indicators.level == from_tools.level


# --- inputs through the converter, and hostile input -----------------------------------------


def test_input_as_class_mapping_or_keywords_agree():
    keywords = score(2564, indicators=TRAT_2564)
    as_mapping = score(2564, {"indicators": {str(k): str(v) for k, v in TRAT_2564.items()}})
    as_class = score(2564, load(ItaInput, {"indicators": dump(TRAT_2564)}))
    assert keywords == as_mapping == as_class


def test_input_schema_is_exported():
    schema = json_schema(ItaInput)
    assert "tools" in json.dumps(schema)


@pytest.mark.parametrize("year", ["2567", 2567.0, [2567], True, None])
def test_a_fiscal_year_of_the_wrong_type_is_a_validation_error(year):
    with pytest.raises(ValidationError) as info:
        score(year, tools=tools(90, 90, 90))
    assert info.value.paths == ("fiscal_year",)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"tools": ["IIT", "EIT"]},
        {"indicators": [1, 2, 3]},
        {"responses": {"r": "x"}},
        {"oit": ["O1"]},
        {"tools": {"IIT": {"nested": 1}, "EIT": "90", "OIT": "90"}},
    ],
)
def test_wrong_shapes_are_validation_errors_never_type_errors(kwargs):
    with pytest.raises(ValidationError):
        score(2564, **kwargs)


def test_answers_repeated_within_one_respondent_are_refused():
    repeated = Response("r1", "IIT", (Answer("I1", "high"),) * 3)
    with pytest.raises(ValidationError) as info:
        score(2564, responses=[repeated], indicators=dict.fromkeys(range(3, 11), "90"))
    assert [p.code for p in info.value.problems] == ["ita.repeated_answer"] * 2
    assert info.value.paths == (
        "responses[0].answers[1].question",
        "responses[0].answers[2].question",
    )


@pytest.mark.parametrize("huge", ["1E+999999999", "1E-999999999", "-1E+999999999", "0E-999999999"])
def test_a_huge_exponent_is_refused_quickly(huge):
    with pytest.raises(ValidationError):
        score(2566, tools={"IIT": Decimal(huge), "EIT": 90, "OIT": 90})


def test_explicit_rules_must_cover_the_year():
    with pytest.raises(RuleNotFoundError, match="fiscal year 2560; available: 2568"):
        score(2560, tools=tools(90, 90, 90), rules=RULES.for_year(2568))
    with pytest.raises(RuleNotFoundError):
        possible_levels(2560, "90", rules=RULES.for_year(2568))


def test_custom_rules_with_an_indicator_without_items_report_a_problem():
    rules = RULES.for_year(2564)
    items = tuple(i for i in rules.oit_items if not i.sub_indicator.startswith("10."))
    # The rule-file checks refuse such rules before anything is scored with them.
    with pytest.raises(ValidationError) as info:
        RULES.derive(rules, oit_items=items)
    assert "ita_rules.indicator_without_items" in {p.code for p in info.value.problems}


def _in_context(context, values):
    with decimal.localcontext(context):
        return score(2566, tools=tools(*values))


CONTEXTS = [
    decimal.Context(prec=2),
    decimal.Context(prec=5, rounding=decimal.ROUND_DOWN),
    decimal.Context(prec=100, rounding=decimal.ROUND_CEILING, traps=[decimal.Inexact]),
]


@given(
    st.tuples(*[st.decimals(0, 100, places=3)] * 3),
    st.sampled_from(CONTEXTS),
)
def test_the_callers_decimal_context_never_changes_a_figure(values, context):
    assert _in_context(context, values) == score(2566, tools=tools(*values))


def test_indicator_path_ignores_the_callers_context():
    with decimal.localcontext(decimal.Context(prec=2)):
        low = score(2564, indicators=TRAT_2564)
    assert low == score(2564, indicators=TRAT_2564)


def test_results_are_identical_on_threads():
    cases = [tools(50 + n % 50, 60 + n % 40, 70 + n % 30) for n in range(200)]
    sequential = [score(2567, tools=case) for case in cases]
    with ThreadPoolExecutor(8) as pool:
        threaded = list(pool.map(lambda case: score(2567, tools=case), cases))
    assert threaded == sequential


@given(
    st.sampled_from(RULES.years()),
    st.tuples(*[st.decimals(0, 100, places=4)] * 3),
)
def test_the_quick_path_for_tool_scores_equals_the_general_one(year, values):
    scores = dict(zip(("IIT", "EIT", "OIT"), values, strict=True))
    assert score(year, tools=scores) == score(year, ItaInput(tools=scores))


@given(
    st.sampled_from(RULES.years()),
    st.tuples(*[st.decimals(0, 100, places=p) for p in (5, 8, 12)]),
    st.permutations(("IIT", "EIT", "OIT")),
)
def test_the_quick_path_equals_the_general_one_beyond_four_places(year, values, order):
    # Scores of more than 4 places are rounded for the figures and compared to the floors
    # each tool must reach only once rounded to 2: the quick path must do both alike.
    scores = dict(zip(order, values, strict=True))
    assert score(year, tools=scores) == score(year, ItaInput(tools=scores))


def test_a_tool_just_below_a_floor_holds_the_level_back_on_both_paths():
    # 84.995 rounds to 85.00, the floor each tool must reach for "good"; 84.99499 does not.
    for oit, expected in (("84.995", "good"), ("84.99499", "pass")):
        scores = {"IIT": Decimal(100), "EIT": Decimal(100), "OIT": Decimal(oit)}
        quick = score(2568, tools=scores)
        assert quick == score(2568, ItaInput(tools=scores))
        assert quick.level.code == expected


def test_results_show_as_a_bilingual_table_in_jupyter():
    html = pytest.importorskip(
        "moralkit._html", reason="moralkit._html (the notebook tables) is not on this branch"
    )
    result = score(2568, tools={"IIT": 98, "EIT": 84, "OIT": "99.5"})
    page = result._repr_html_()
    assert page == html.repr_html(result)
    assert "94.40" in page
    assert "ITA" in page


def _outcome(call):
    try:
        return call()
    except ValidationError as exc:
        return [(p.path, p.code) for p in exc.problems]


@pytest.mark.parametrize(
    "value",
    [
        Decimal("NaN"),
        Decimal("sNaN"),
        Decimal("-Infinity"),
        Decimal("1E+1"),
        Decimal("0E+3"),
        Decimal("-0"),
        Decimal("-0.00"),
        Decimal("98.0000000000000"),  # more places than the number policy allows
        Decimal("99.50000"),  # more than 4 places, some of them zeros
        Decimal("84.99499999"),
        Decimal("0E-12"),
        Decimal("0E-13"),  # a zero with more places than the policy allows
        Decimal("1E-999999999"),
        Decimal("99.999999999999"),
        Decimal("100.0000000001"),
        Decimal("-0.0001"),
        True,
        0,
        100,
        101,
        -1,
        "99.5",
        "1e1",
        "๙๙",
        1.5,
        None,
    ],
    ids=repr,
)
def test_the_quick_path_checks_what_the_loader_checks(value):
    scores = {"IIT": Decimal(98), "EIT": value, "OIT": 90}
    quick = _outcome(lambda: score(2568, tools=scores))
    loaded = _outcome(lambda: score(2568, {"tools": scores}))
    assert quick == loaded
    if not isinstance(quick, list):
        assert dump(quick) == dump(loaded)


@pytest.mark.parametrize("rules", ["ita-2568", {"id": "ita-2568"}, 7])
def test_rules_that_are_not_ita_rules_are_refused(rules):
    with pytest.raises(ValidationError) as info:
        score(2568, tools={"IIT": 98, "EIT": 84, "OIT": 99}, rules=rules)
    assert [(p.path, p.code) for p in info.value.problems] == [("rules", "wrong_type")]
    with pytest.raises(ValidationError) as info:
        score("2568", tools={"IIT": 98, "EIT": 84, "OIT": 99}, rules=rules)
    assert [p.path for p in info.value.problems] == ["fiscal_year", "rules"]


@pytest.mark.parametrize("allow_float", [None, "yes", 1])
def test_allow_float_is_true_or_false(allow_float):
    with pytest.raises(ValidationError) as info:
        score(2568, tools={"IIT": 98, "EIT": 84, "OIT": 99}, allow_float=allow_float)
    assert [(p.path, p.code) for p in info.value.problems] == [("allow_float", "wrong_type")]


def test_possible_levels_refuses_every_wrong_argument_at_once():
    with pytest.raises(ValidationError) as info:
        possible_levels(None, decimal.Decimal("NaN"), rules="ita-2568")
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("fiscal_year", "wrong_type"),
        ("rules", "wrong_type"),
        ("total", "not_finite"),
    ]
    with pytest.raises(ValidationError) as info:
        possible_levels(2568, 10**5000)
    assert [(p.path, p.code) for p in info.value.problems] == [("total", "above_maximum")]
