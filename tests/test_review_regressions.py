"""Regressions found by trying the public API as a caller or an attacker would.

Each test names the promise it holds: bad input gets a moralkit error with a path, never a
crash (``AttributeError``, ``TypeError``, ``decimal`` exceptions), and numbers follow the one
policy everywhere (no float, bool, NaN; numpy scalars as their Python twins).
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from moralkit import ValidationError, dump, explain
from moralkit.evaluation import attendance, check_outcomes, summarize
from moralkit.ita import gap, history, load_checklist, score
from moralkit.moral import RUBRICS, Evidence, assess, with_threshold
from moralkit.samples import load as load_samples

np = pytest.importorskip("numpy")


def _result() -> Any:
    return score(2568, tools={"IIT": "98", "EIT": "84", "OIT": "99.5"})


# --- moral.with_threshold: the number policy ---------------------------------------------------


@pytest.mark.parametrize(
    ("minimum", "code"),
    [
        (Decimal("NaN"), "not_finite"),
        (Decimal("sNaN"), "not_finite"),
        (80.5, "float"),
        (True, "wrong_type"),
        (Decimal("1E+999999"), "above_maximum"),
    ],
)
def test_with_threshold_refuses_what_the_number_policy_refuses(minimum: object, code: str) -> None:
    rubric = RUBRICS.for_year(2565)
    with pytest.raises(ValidationError) as info:
        with_threshold(rubric, 1, minimum)  # type: ignore[arg-type]
    assert [(p.path, p.code) for p in info.value.problems] == [("minimum", code)]


def test_with_threshold_ignores_the_callers_decimal_context() -> None:
    rubric = RUBRICS.for_year(2565)
    expected = with_threshold(rubric, 1, Decimal("80.50")).activity(1).bands
    with decimal.localcontext(decimal.Context(prec=3)):
        got = with_threshold(rubric, 1, Decimal("80.50")).activity(1).bands
    assert got == expected
    assert expected[1].max == Decimal("80.49")


# --- ita.load_checklist: a path that cannot be read --------------------------------------------


def test_load_checklist_missing_path_is_a_validation_error_naming_the_file(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "no-such-checklist.json"
    with pytest.raises(ValidationError) as info:
        load_checklist(missing)
    assert str(missing) in str(info.value)
    with pytest.raises(ValidationError):
        load_checklist(tmp_path)  # a directory


# --- wrong argument types give ValidationError, never AttributeError/TypeError -----------------


@pytest.mark.parametrize("lang", ["fr", "", None, 1])
def test_explain_unknown_language_is_a_validation_error(lang: object) -> None:
    with pytest.raises(ValidationError) as info:
        explain(_result(), lang=lang)  # type: ignore[arg-type]
    assert info.value.problems[0].path == "lang"


def test_explain_of_something_without_a_trace_is_a_validation_error() -> None:
    with pytest.raises(ValidationError):
        explain(object())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "call",
    [
        lambda r: gap(None),  # type: ignore[arg-type]
        lambda r: gap(r, checklist=[1, 2]),  # type: ignore[arg-type]
        lambda r: gap(r, rules=5),  # type: ignore[arg-type]
    ],
    ids=["result-none", "checklist-list", "rules-int"],
)
def test_gap_wrong_argument_types(call: Any) -> None:
    with pytest.raises(ValidationError):
        call(_result())


@pytest.mark.parametrize(
    ("results", "rules"),
    [(None, ()), ([1, 2], ()), ({"x": 1}, ()), ("ab", ()), ([], [1]), ([], None)],
    ids=["none", "ints", "dict", "str", "rules-ints", "rules-none"],
)
def test_history_wrong_argument_types(results: Any, rules: Any) -> None:
    with pytest.raises(ValidationError):
        history("A", results, rules=rules)


@pytest.mark.parametrize("rules", [5, {}, "moral-org-a"])
def test_assess_with_rules_that_are_not_a_rubric(rules: object) -> None:
    full = {1: Decimal(100), 2: Decimal(100), **dict.fromkeys(range(3, 10), True)}
    with pytest.raises(ValidationError) as info:
        assess(Evidence.of("unit", 2565, full), rules=rules)  # type: ignore[arg-type]
    assert info.value.problems[0].path == "rules"


# --- Evidence.of: numpy scalars follow the rules of their Python twins -------------------------


def test_evidence_of_reads_numpy_scalars_as_their_python_twins() -> None:
    given = Evidence.of(
        "unit",
        np.int64(2565),
        {1: np.int64(5), 2: (np.int64(3), np.int64(4)), 3: np.bool_(True)},
    )
    plain = Evidence.of("unit", 2565, {1: 5, 2: (3, 4), 3: True})
    assert given == plain


def test_evidence_of_refuses_numpy_floats_as_it_refuses_floats() -> None:
    with pytest.raises(ValidationError):
        Evidence.of("unit", 2565, {1: np.float64(85.5)})


# --- evaluation: the event and the form as the class or a plain mapping ------------------------


def test_attendance_and_check_outcomes_read_an_event_given_as_a_mapping() -> None:
    event = load_samples().events[0]
    assert attendance(dump(event), {1: {1: 5}}) == attendance(event, {1: {1: 5}})
    check = {"event": event.id, "ticks": []}
    assert check_outcomes(dump(event), check) == check_outcomes(event, check)


@pytest.mark.parametrize("event", [None, [], 1, "event-1", {}])
def test_attendance_and_check_outcomes_refuse_what_is_not_an_event(event: object) -> None:
    with pytest.raises(ValidationError) as info:
        attendance(event, {1: {1: 5}})  # type: ignore[arg-type]
    assert all(p.path.startswith("event") for p in info.value.problems)
    with pytest.raises(ValidationError):
        check_outcomes(event, {"event": "x", "ticks": []})  # type: ignore[arg-type]


@pytest.mark.parametrize(("form", "interpretation"), [([], None), (None, None), ({}, None)])
def test_summarize_refuses_a_form_that_is_not_one(form: object, interpretation: object) -> None:
    with pytest.raises(ValidationError) as info:
        summarize(form, [], interpretation)  # type: ignore[arg-type]
    assert all(p.path.startswith("form") for p in info.value.problems)


def test_summarize_refuses_an_interpretation_that_is_not_a_table() -> None:
    form = {"id": "f", "title_th": "แบบ", "items": []}
    with pytest.raises(ValidationError) as info:
        summarize(form, [], [1])  # type: ignore[arg-type]
    assert [p.path for p in info.value.problems] == ["interpretation"]


# --- CLI: the accepted date forms are described in words, not as catalogue codes ---------------


@pytest.mark.parametrize(("lang", "words"), [("en", "full month name"), ("th", "ชื่อเดือนเต็ม")])
def test_cli_date_error_describes_the_accepted_forms(
    lang: str, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from moralkit.cli import EXIT_USAGE, main  # noqa: PLC0415

    assert main(["--lang", lang, "date", "not a date"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert words in err
    assert "date.form." not in err


# --- moral.check_submission: the submission as the class or a plain mapping --------------------


def test_check_submission_reads_a_mapping_and_refuses_what_is_not_one() -> None:
    from moralkit.model import MoralLevel  # noqa: PLC0415
    from moralkit.moral.submission import Submission, check_submission  # noqa: PLC0415
    from moralkit.thai import FiscalYear  # noqa: PLC0415

    values = {1: Decimal(100), 2: Decimal(100), **dict.fromkeys(range(3, 10), True)}
    activities = Evidence.of("x", 2565, values).activities
    sub = Submission("unit", FiscalYear(2565), MoralLevel.PROMOTING, activities=activities)
    assert check_submission(dump(sub)) == check_submission(sub)
    for wrong in (None, [], 5):
        with pytest.raises(ValidationError):
            check_submission(wrong)  # type: ignore[arg-type]


# --- small signatures that crashed with AttributeError ------------------------------------------


def test_approval_year_takes_an_int_as_approval_year_rule_does() -> None:
    from moralkit.moral import approval_year, approval_year_rule  # noqa: PLC0415
    from moralkit.thai import FiscalYear  # noqa: PLC0415

    assert approval_year(2562) == approval_year(FiscalYear(2562)) == FiscalYear(2563)
    assert approval_year_rule(2562).value == 2563


@pytest.mark.parametrize("value", [None, 5, "2024-01-01", b"x"])
def test_be_year_refuses_a_non_date_as_its_siblings_do(value: object) -> None:
    from moralkit.thai import be_year  # noqa: PLC0415

    with pytest.raises(ValidationError) as info:
        be_year(value)  # type: ignore[arg-type]
    assert [(p.path, p.code) for p in info.value.problems] == [("d", "wrong_type")]
    assert "d: expected a date (datetime.date)" in str(info.value)


# --- CLI tables: a value is never chosen or shifted silently ------------------------------------


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("agency,IIT,EIT,EIT,OIT\na,90,10,95,90\n", "header"),
        ("agency,IIT,EIT,OIT\na,85,5,90,80\n", "rows[0]"),  # an unquoted decimal comma
    ],
    ids=["duplicate-header", "more-cells-than-header"],
)
def test_cli_ita_score_refuses_duplicate_headers_and_long_rows(
    text: str, path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from moralkit.cli import EXIT_INVALID, main  # noqa: PLC0415

    table = tmp_path / "tools.csv"
    table.write_text(text, encoding="utf-8")
    status = main(["--lang", "en", "ita", "score", "--fiscal-year", "2568", str(table)])
    assert status == EXIT_INVALID
    captured = capsys.readouterr()
    assert f"  {path}: " in captured.err
    assert "good pass" not in captured.out


# --- score_table / indicators_from_answers ------------------------------------------------------


def test_score_table_refuses_duplicate_columns_with_a_validation_error() -> None:
    pd = pytest.importorskip("pandas")
    from moralkit.ita import score_table  # noqa: PLC0415

    frame = pd.DataFrame([["a", "90", "10", "95", "90"]])
    frame.columns = ["agency", "IIT", "EIT", "EIT", "OIT"]
    with pytest.raises(ValidationError):
        score_table(frame, 2568)


@pytest.mark.parametrize("frame", [[1, 2], {"agency": ["a"]}, None, "table.csv"])
def test_score_table_refuses_what_is_not_a_frame(frame: object) -> None:
    from moralkit.ita import score_table  # noqa: PLC0415

    with pytest.raises(ValidationError):
        score_table(frame, 2568)


@pytest.mark.parametrize("answers", [[1], None])
def test_indicators_from_answers_refuses_what_is_not_a_frame(answers: object) -> None:
    from moralkit.ita import indicators_from_answers  # noqa: PLC0415

    with pytest.raises(ValidationError):
        indicators_from_answers(answers, 2568)


# --- plot: nothing drawn silently wrong, nothing crashing on odd arguments ----------------------


@pytest.mark.parametrize(
    ("totals", "kwargs", "paths"),
    [
        ([1000, 50], {}, ["data[0].total"]),  # off the scale: it would fall outside every bar
        ([-5, 50], {}, ["data[0].total"]),
        ([50, 60], {"bin_width": 0}, ["bin_width"]),  # range() step zero
        ([50, 60], {"bin_width": -1}, ["bin_width"]),  # max() of nothing
        ([50, 60], {"bin_width": "2"}, ["bin_width"]),
    ],
)
def test_distribution_refuses_totals_off_the_scale_and_bad_bin_widths(
    totals: list[int], kwargs: dict[str, Any], paths: list[str]
) -> None:
    pytest.importorskip("matplotlib")
    from moralkit.plot import distribution  # noqa: PLC0415

    with pytest.raises(ValidationError) as info:
        distribution(totals, 2568, **kwargs)
    assert [p.path for p in info.value.problems] == paths


@pytest.mark.parametrize("name", ["share_passing", "moral_levels"])
def test_charts_refuse_none_as_data(name: str) -> None:
    pytest.importorskip("matplotlib")
    import moralkit.plot  # noqa: PLC0415

    with pytest.raises(ValidationError):
        getattr(moralkit.plot, name)(None)


# --- ita.carry_forward: wrong argument types -----------------------------------------------------


@pytest.mark.parametrize(
    ("checklist", "to_year", "paths"),
    [(None, 2568, ["checklist"]), ("keep", "2568", ["to_year"]), ("keep", [2568], ["to_year"])],
)
def test_carry_forward_wrong_argument_types(
    checklist: object, to_year: object, paths: list[str]
) -> None:
    from moralkit.ita import carry_forward  # noqa: PLC0415

    if checklist == "keep":
        checklist = load_checklist(
            '{"agency": "a", "fiscal_year": 2567, "items": [{"item": "O4", "present": true}]}'
        )
    with pytest.raises(ValidationError) as info:
        carry_forward(checklist, to_year)  # type: ignore[arg-type]
    assert [p.path for p in info.value.problems] == paths


# --- moral.rollup and province.decide: wrong argument types ---------------------------------


@pytest.mark.parametrize("results", [None, [1, "x"], {"a": 1}])
def test_rollup_refuses_what_is_not_a_list_of_results(results: object) -> None:
    from moralkit.moral import rollup  # noqa: PLC0415

    with pytest.raises(ValidationError):
        rollup(results)  # type: ignore[arg-type]


@pytest.mark.parametrize(("report", "rule"), [(None, None), ([], {}), (5, "rule")])
def test_decide_refuses_what_is_not_a_report_or_a_rule(report: object, rule: object) -> None:
    from moralkit.moral.province import decide  # noqa: PLC0415

    with pytest.raises(ValidationError):
        decide(report, rule)  # type: ignore[arg-type]
