"""indicators_from_answers and oit_from_checklist agree with ita.score, and name bad rows."""

from __future__ import annotations

from functools import cache
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moralkit import ValidationError, ita
from moralkit._synthetic import synthetic_ita
from moralkit.ita import tables
from moralkit.ita.rules_model import ItaRules
from moralkit.ita.score import Response
from moralkit.ita.tables import indicators_from_answers, oit_from_checklist
from tests.tables.conftest import rows_of, to_engine

YEAR = 2567


@cache
def rules() -> ItaRules:
    return synthetic_ita(agencies=1, respondents=10, fiscal_year=YEAR, seed=0).rules


def scale_of(question: str) -> list[tuple[str, str | None]]:
    r = rules()
    scale_id = next(q.scale for q in r.questions if q.code == question)
    scale = next(s for s in r.answer_scales if s.id == scale_id)
    return [(c.value, c.label_th) for c in scale.choices]


def tool_questions(tool: str) -> list[str]:
    numbers = {i.number for i in rules().indicators_of(tool)}
    return [q.code for q in rules().questions if q.indicator in numbers]


@st.composite
def answer_tables(draw: st.DrawFn) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    respondent = 0
    for agency in range(draw(st.integers(1, 3))):
        for tool in ("IIT", "EIT"):
            for k in range(draw(st.integers(1, 3))):
                respondent += 1
                for question in tool_questions(tool):
                    if k > 0 and draw(st.booleans()) and draw(st.booleans()):
                        continue  # skipped; the first respondent answers everything
                    value, label = draw(st.sampled_from(scale_of(question)))
                    thai = label is not None and draw(st.integers(0, 4)) == 0
                    rows.append(
                        {
                            "agency": f"A{agency}",
                            "tool": tool,
                            "respondent": f"r{respondent}",
                            "question": question,
                            "choice": label if thai else value,
                            "value": value,
                        }
                    )
    return rows


def expected(rows: list[dict[str, Any]], agency: str) -> dict[str, Any]:
    answers: dict[tuple[str, str], dict[str, str]] = {}
    for row in rows:
        if row["agency"] == agency:
            key = (row["tool"], row["respondent"])
            answers.setdefault(key, {})[row["question"]] = row["value"]
    responses = [Response.of(r, t, a) for (t, r), a in answers.items()]  # type: ignore[arg-type]
    result = ita.score(YEAR, responses=responses, indicators={9: 100, 10: 100}, rules=rules())
    return {f"i{n}": result.indicator(n) for n in range(1, 9)}


def table(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    keys = ("agency", "tool", "respondent", "question", "choice")
    return {k: [r[k] for r in rows] for k in keys}


SETTINGS = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("engine", ["polars", "pandas", "dask"])
@SETTINGS
@given(rows=answer_tables())
def test_indicators_agree_with_score(engine: str, rows: list[dict[str, Any]]) -> None:
    out = rows_of(indicators_from_answers(to_engine(table(rows), engine), YEAR, rules=rules()))
    assert [o["agency"] for o in out] == sorted({r["agency"] for r in rows})
    for got in out:
        assert {k: got[k] for k in (f"i{n}" for n in range(1, 9))} == expected(rows, got["agency"])
        assert got["fiscal_year"] == YEAR


def test_the_chain_from_answers_to_totals() -> None:
    data = synthetic_ita(agencies=6, respondents=400, fiscal_year=2566, seed=5)
    answers = indicators_from_answers(data.answers, 2566, rules=data.rules)
    oit = oit_from_checklist(data.oit, 2566, rules=data.rules)
    scored = ita.score_table(answers.join(oit.drop("fiscal_year"), on="agency"), rules=data.rules)
    assert scored.height == 6
    first = scored.row(0, named=True)
    indicators = answers.join(oit.drop("fiscal_year"), on="agency").row(0, named=True)
    direct = ita.score(2566, indicators={n: indicators[f"i{n}"] for n in range(1, 11)})
    assert (first["total"], first["level"]) == (direct.total, direct.level.code)


def problems(frame: Any, **kwargs: Any) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as info:
        indicators_from_answers(frame, YEAR, rules=rules(), **kwargs)
    return sorted((p.path, p.code) for p in info.value.problems)


BAD = {
    "agency": ["A", "A", "A", "A", "A", "A", "A"],
    "tool": ["IIT", "IIT", "IIT", "EIT", "IIT", "IIT", "XYZ"],
    "respondent": ["r1", "r1", "r1", "r2", "r1", "r1", "r3"],
    "question": ["I1", "Q99", "I2", "I3", "I1", "I7", "I8"],
    "choice": ["highest", "highest", "maybe", "high", "low", "มาก", "high"],
}


@pytest.mark.parametrize("engine", ["polars", "pandas"])
def test_bad_rows_are_reported_with_their_numbers(engine: str) -> None:
    assert problems(to_engine(BAD, engine)) == [
        ("[1].question", "tables.unknown_question"),
        ("[2].choice", "tables.not_on_scale"),
        ("[3].question", "tables.wrong_tool"),
        ("[4].question", "tables.answered_twice"),
        ("[6].tool", "tables.unknown_tool"),
    ]


def test_lazy_frames_name_the_answer_instead_of_the_row() -> None:
    found = problems(to_engine(BAD, "polars-lazy"))
    assert (
        "[agency='A', respondent='r1', question='Q99'].question",
        "tables.unknown_question",
    ) in found


def test_too_few_respondents() -> None:
    data = synthetic_ita(agencies=3, respondents=60, fiscal_year=YEAR, seed=2)
    found = problems(data.answers, minimum_respondents={"IIT": 10, "EIT": 1})
    assert found
    assert all(code == "tables.too_few_respondents" for _, code in found)
    with pytest.raises(ValidationError) as info:
        indicators_from_answers(data.answers, YEAR, rules=rules(), minimum_respondents=10)
    assert "below the minimum of 10" in info.value.problems[0].message_en


def test_a_year_without_a_question_catalogue_says_so() -> None:
    with pytest.raises(ValidationError) as info:
        indicators_from_answers(to_engine(BAD, "polars"), 2566)
    assert info.value.problems[0].code == "tables.no_questions"


@pytest.mark.parametrize("engine", ["polars", "pandas"])
def test_oit_agrees_with_score(engine: str) -> None:
    for year in (2566, 2568):
        data = synthetic_ita(agencies=5, respondents=50, fiscal_year=year, seed=year)
        rows = data.oit.to_dicts()
        out = rows_of(
            oit_from_checklist(to_engine(data.oit.to_dict(as_series=False), engine), year)
        )
        for got in out:
            marks = {r["item"]: r["present"] for r in rows if r["agency"] == got["agency"]}
            result = ita.score(year, indicators=dict.fromkeys(range(1, 9), 100), oit=marks)
            if year == 2568:
                assert got["OIT"] == result.tool("OIT")
            else:
                assert (got["i9"], got["i10"]) == (result.indicator(9), result.indicator(10))


def test_oit_problems() -> None:
    frame = to_engine(
        {
            "agency": ["A", "A", "A"],
            "item": ["O1", "O99", "O2"],
            "present": ["มี", "true", "perhaps"],
        },
        "polars",
    )
    with pytest.raises(ValidationError) as info:
        oit_from_checklist(frame, 2566)
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("[1].item", "tables.unknown_item"),
        ("[2].present", "tables.not_a_flag"),
    ]
    frame = to_engine(
        {"agency": ["A", "A"], "item": ["O1", "O1"], "present": [True, False]}, "polars"
    )
    with pytest.raises(ValidationError) as info:
        oit_from_checklist(frame, 2566)
    assert [p.code for p in info.value.problems] == ["tables.item_twice", "tables.missing_items"]


@pytest.mark.parametrize("engine", ["duckdb", "dask"])
def test_lazy_engines_report_repeats_and_unknowns(engine: str) -> None:
    found = problems(to_engine(BAD, engine))
    codes = sorted(code for _, code in found)
    assert codes == [
        "tables.answered_twice",
        "tables.not_on_scale",
        "tables.unknown_question",
        "tables.unknown_tool",
        "tables.wrong_tool",
    ]


def test_a_rule_files_minimum_is_read_when_it_gives_a_number() -> None:
    # The shape a rule file gives: one entry per tool, its minimum None when unpublished.
    entries = (
        SimpleNamespace(tool="IIT", minimum=1000),
        SimpleNamespace(tool="EIT", minimum=None),
    )
    with_minimum = SimpleNamespace(minimum_respondents=entries)
    assert tables._minimum(with_minimum, None) == {"IIT": 1000}  # type: ignore[arg-type]
    given = tables._minimum_arg(5, [])
    assert tables._minimum(with_minimum, given) == {"IIT": 5, "EIT": 5}  # type: ignore[arg-type]
    assert tables._minimum(rules(), None) == {}


@pytest.mark.parametrize(
    ("given", "found"),
    [
        (5, [("minimum_respondents", "ok")]),
        ({"IIT": 3, "EIT": 0}, [("minimum_respondents", "ok")]),
        (-1, [("minimum_respondents", "below_minimum")]),
        ("5", [("minimum_respondents", "wrong_type")]),
        (True, [("minimum_respondents", "wrong_type")]),
        (2.0, [("minimum_respondents", "float")]),
        (
            {"OIT": 3, "IIT": "x", "EIT": 10**5000},
            [
                ("minimum_respondents", "not_allowed"),
                ("minimum_respondents['IIT']", "wrong_type"),
                ("minimum_respondents['EIT']", "above_maximum"),
            ],
        ),
    ],
)
def test_a_minimum_of_respondents_is_a_whole_number_per_survey_tool(given, found) -> None:
    problems: list = []
    checked = tables._minimum_arg(given, problems)
    assert [(p.path, p.code) for p in problems] == [f for f in found if f[1] != "ok"]
    if not problems:
        assert checked == (given if isinstance(given, dict) else {"IIT": given, "EIT": given})
