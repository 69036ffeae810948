"""The table functions refuse arguments of the wrong kind as `ValidationError`, each by name."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from moralkit import ValidationError
from moralkit._synthetic import synthetic_ita
from moralkit.ita import RULES
from moralkit.ita.tables import (
    indicators_from_answers,
    oit_from_checklist,
    score_table,
    summarize_table,
    year_over_year,
)
from moralkit.messages import render

DEEP: list = []
for _ in range(2000):
    DEEP = [DEEP]


def refusal(call) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as info:
        call()
    str(info.value)  # renders, whatever was passed
    return [(p.path, p.code) for p in info.value.problems]


@pytest.fixture(scope="module")
def data():
    return synthetic_ita(agencies=2, respondents=20, fiscal_year=2567, seed=5)


HUGE = 10**5000


@pytest.mark.parametrize(
    "year",
    ["2567", 2567.0, None, [], HUGE, Decimal("NaN"), DEEP],
    ids=["text", "float", "None", "list", "huge", "nan", "deep"],
)
def test_a_fiscal_year_that_is_not_a_whole_be_year_is_refused_at_fiscal_year(data, year):
    for function, table in (
        (oit_from_checklist, data.oit),
        (indicators_from_answers, data.answers),
    ):
        found = refusal(lambda f=function, t=table: f(t, year))
        assert [path for path, _ in found] == ["fiscal_year"]


def test_rules_that_are_not_ita_rules_are_refused_at_rules(data):
    assert refusal(lambda: oit_from_checklist(data.oit, 2567, rules={"id": "x"})) == [
        ("rules", "wrong_type")
    ]
    found = refusal(lambda: indicators_from_answers(data.answers, 2567, rules="ita-2567"))
    assert found == [("rules", "wrong_type")]


def test_every_wrong_argument_is_named_at_once(data):
    found = refusal(
        lambda: indicators_from_answers(
            "answers.csv", "x", rules=5, columns=["agency"], minimum_respondents="many"
        )
    )
    assert sorted(found) == [
        ("answers", "wrong_type"),
        ("columns", "wrong_type"),
        ("fiscal_year", "wrong_type"),
        ("minimum_respondents", "wrong_type"),
        ("rules", "wrong_type"),
    ]


def test_a_year_without_packaged_rules_is_still_named(data):
    assert refusal(lambda: oit_from_checklist(data.oit, 2400)) == [
        ("fiscal_year", "tables.unknown_year")
    ]


@pytest.mark.parametrize("function", [summarize_table, year_over_year])
@pytest.mark.parametrize(
    "value",
    [None, {}, [[1]], "scores.csv", HUGE, DEEP],
    ids=["None", "dict", "list", "text", "huge", "deep"],
)
def test_a_value_that_is_not_a_frame_names_what_is_accepted(function, value):
    with pytest.raises(ValidationError) as info:
        function(value)
    (problem,) = info.value.problems
    assert (problem.path, problem.code) == ("scored", "wrong_type")
    assert render("tables.kind.frame", "en") in problem.message("en")
    assert render("tables.kind.frame", "th") in problem.message("th")


@pytest.fixture(scope="module")
def scored():
    frame = pl.DataFrame(
        {
            "agency": ["a", "a"],
            "fiscal_year": [2566, 2567],
            "IIT": ["90", "92"],
            "EIT": ["88", "90"],
            "OIT": ["95", "97"],
        }
    )
    return score_table(frame)


def test_summaries_check_their_other_arguments(scored):
    assert refusal(lambda: summarize_table(scored, by=[1], rules="x")) == [
        ("by", "wrong_type"),
        ("rules", "wrong_type"),
    ]
    assert refusal(lambda: summarize_table(scored, by="province")) == [
        ("scored", "tables.missing_column")
    ]
    # One column name alone is a list of one; rules by year are accepted.
    by_year = {2566: RULES.for_year(2566), 2567: RULES.for_year(2567)}
    assert summarize_table(scored, by="fiscal_year", rules=by_year).height == 2
    assert refusal(lambda: year_over_year(scored, columns=5, key=None)) == [
        ("columns", "wrong_type"),
        ("key", "wrong_type"),
    ]
    assert refusal(lambda: year_over_year(scored, columns="score")) == [
        ("scored", "tables.missing_column")
    ]
    assert year_over_year(scored, columns="total")["total_change"].to_list() == [Decimal("2.00")]


def test_figures_that_are_not_exact_are_named_by_row_and_column():
    frame = pl.DataFrame(
        {
            "agency": ["a", "a", "b"],
            "fiscal_year": [2566, 2567, 2567],
            "total": [90.5, float("nan"), 80.0],
            "level": ["good", "good", "pass"],
            "passed": [True, True, False],
        }
    )
    found = refusal(lambda: year_over_year(frame, columns=["total"]))
    assert found == [(f"[{i}].total", "tables.not_a_score") for i in range(3)]
    found = refusal(lambda: summarize_table(frame))
    assert found == [(f"[{i}].total", "tables.not_a_score") for i in range(3)]
    texts = frame.with_columns(pl.col("total").cast(pl.String), pl.lit("FY").alias("fiscal_year"))
    found = refusal(lambda: year_over_year(texts.with_columns(pl.lit("85.5").alias("total"))))
    assert found == [(f"[{i}].fiscal_year", "wrong_type") for i in range(3)]
