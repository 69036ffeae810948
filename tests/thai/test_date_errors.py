"""ThaiDateError: catalogue codes and parameters, every code reachable, used and documented."""

import json
import pickle
import re
from datetime import date, datetime
from pathlib import Path

import pytest

import moralkit
from moralkit.errors import DATE_FORMS, Problem, ThaiDateError
from moralkit.messages import Words, catalogue
from moralkit.thai import (
    MONTHS_EN,
    THAI_MONTHS,
    THAI_WEEKDAYS,
    WEEKDAYS_EN,
    DateRange,
    FiscalYear,
    ce_date,
    ce_year,
    format_thai_date,
    parse_fiscal_year,
    parse_thai_date,
    parse_thai_date_range,
    parse_thai_datetime,
)
from moralkit.thai.calendar import month_words, weekday_words

ROOT = Path(__file__).resolve().parents[2]
DATES_JSON = ROOT / "src" / "moralkit" / "catalogue" / "dates.json"
DOCS = ROOT / "docs" / "thai-dates.md"
CODES = json.loads(DATES_JSON.read_text("utf-8"))
# Codes rendered by ThaiDateError itself (names and the forms table), not raised.
FORM_CODES = {c for c in CODES if c.startswith("date.form.")}
# Terms naming the kind of value an argument must be (the `wrong_type` problem's `expected`).
KIND_TERMS = {c for c in CODES if c.startswith("date.kind.")}
# Codes of a ValidationError problem about the writers' options that clash with each other.
ARGUMENT_CODES = {"date.era_not_in_numeric", "date.two_digit_year_with_ce"}
# The codes a ThaiDateError carries: this area's, and one shared with the model's date checks.
RAISED_CODES = (set(CODES) - FORM_CODES - KIND_TERMS - ARGUMENT_CODES) | {"end_before_start"}


def _raises(function, *args, **kwargs):
    with pytest.raises(ThaiDateError) as info:
        function(*args, **kwargs)
    return info.value


# One way to reach every code that is raised, with what the error carries.
REACH = {
    "date.unreadable": lambda: _raises(parse_thai_date, "yesterday"),
    "date.too_long": lambda: _raises(parse_thai_date_range, "1 - " * 100),
    "date.unknown_month": lambda: _raises(parse_thai_date, "16 กันยน 2567"),
    "date.month_out_of_range": lambda: _raises(parse_thai_date, "16/13/2567"),
    "date.day_out_of_range": lambda: _raises(parse_thai_date, "31 มิถุนายน 2562"),
    "date.day_out_of_range_ce": lambda: _raises(parse_thai_date, "2024-02-30"),
    "date.month_never_existed": lambda: _raises(parse_thai_date, "1 มกราคม 2483"),
    "date.be_year_out_of_range": lambda: _raises(ce_year, 10543, 5),
    "date.year_needs_ce_marker": lambda: _raises(parse_thai_date, "16/09/2024", strict=True),
    "date.be_year_below_minimum": lambda: _raises(parse_thai_date, "16 ก.ย. พ.ศ. 2024"),
    "date.ce_year_looks_be": lambda: _raises(parse_thai_date, "2567-09-16"),
    "date.ce_year_out_of_range": lambda: _raises(parse_thai_date, "0000-09-16"),
    "date.two_digit_ce_year": lambda: _raises(parse_thai_date, "16 ก.ย. ค.ศ. 24"),
    "date.two_digit_year_unclear": lambda: _raises(parse_thai_date, "16 Sep 24"),
    "date.weekday_mismatch": lambda: _raises(parse_thai_date, "วันพุธที่ 25 มิถุนายน 2562"),
    "end_before_start": lambda: _raises(parse_thai_date_range, "26 - 25 มิถุนายน 2562"),
    "date.time_out_of_range": lambda: _raises(parse_thai_date, "16 ก.ย. 2567 เวลา 24.00 น."),
    "date.time_missing": lambda: _raises(parse_thai_datetime, "16 ก.ย. 2567"),
    "date.outside_supported_range": lambda: _raises(format_thai_date, date(1800, 1, 1)),
    "date.two_digit_year_out_of_range": lambda: _raises(
        format_thai_date, date(2060, 1, 1), year_digits=2
    ),
    "date.fiscal_year_out_of_range": lambda: _raises(FiscalYear, 12000),
    "date.not_a_fiscal_year": lambda: _raises(parse_fiscal_year, "ปีงบประมาณ"),
    "date.fiscal_year_needs_prefix": lambda: _raises(parse_fiscal_year, "FY67"),
    "date.fiscal_year_not_be": lambda: _raises(parse_fiscal_year, "FY2024"),
}


def test_every_raised_code_is_reached_by_one_input():
    assert set(REACH) == RAISED_CODES


@pytest.mark.parametrize("code", sorted(REACH))
def test_each_code_renders_in_both_languages(code):
    error = REACH[code]()
    assert error.code == code
    en, th = error.message("en"), error.message("th")
    assert en
    assert th
    assert en != th
    assert "{" not in en, "a parameter was left unfilled"
    assert "{" not in th, "a parameter was left unfilled"
    # Thai carries every number English carries.
    assert sorted(re.findall(r"\d+", en)) == sorted(re.findall(r"\d+", th)) or code in {
        "date.month_never_existed",  # "1940" is written only in English (BE 2483 in both)
    }
    assert error.problem_en == en
    assert error.problem_th == th
    assert str(error).count(en) == 1
    assert th in str(error)


def test_the_catalogue_holds_the_codes():
    assert set(catalogue()) >= RAISED_CODES | FORM_CODES
    assert {code for _, code in DATE_FORMS} == FORM_CODES


def test_names_are_the_calendar_names():
    for number in range(1, 13):
        assert month_words(number) == Words(THAI_MONTHS[number - 1], MONTHS_EN[number - 1])
    for number in range(7):
        assert weekday_words(number) == Words(THAI_WEEKDAYS[number], WEEKDAYS_EN[number])


def test_every_code_is_used_in_the_source_and_every_used_code_exists():
    source = "\n".join(
        path.read_text("utf-8") for path in (ROOT / "src" / "moralkit" / "thai").glob("*.py")
    )
    used = set(re.findall(r'"(date\.[a-z_.]+|end_before_start)"', source))
    assert used == RAISED_CODES | ARGUMENT_CODES | KIND_TERMS


def test_the_argument_codes_are_in_the_catalogue_and_documented():
    assert set(CODES) >= ARGUMENT_CODES
    documented = set(re.findall(r"`([a-z_.0-9]+)`", DOCS.read_text("utf-8")))
    missing = (ARGUMENT_CODES | KIND_TERMS) - documented
    assert not missing, f"codes missing from docs/thai-dates.md: {sorted(missing)}"


def test_every_code_is_documented():
    documented = set(re.findall(r"`([a-z_.0-9]+)`", DOCS.read_text("utf-8")))
    missing = {c for c in RAISED_CODES if c not in documented}
    assert not missing, f"codes missing from docs/thai-dates.md: {sorted(missing)}"


def test_names_render_in_the_language_of_the_message():
    error = REACH["date.weekday_mismatch"]()
    assert error.params == {
        "day": 25,
        "month_name": Words("มิถุนายน", "June"),
        "year": 2562,
        "date": date(2019, 6, 25),
        "weekday": Words("อังคาร", "Tuesday"),
        "named_weekday": Words("พุธ", "Wednesday"),
    }
    assert error.message("en") == (
        "the weekday does not match the date: 25 June 2562 (2019-06-25) is a Tuesday, "
        "not a Wednesday"
    )
    assert error.message("th") == (
        "วันในสัปดาห์ไม่ตรงกับวันที่: 25 มิถุนายน 2562 (2019-06-25) เป็นวันอังคาร ไม่ใช่วันพุธ"
    )


ERRORS = [
    ThaiDateError(
        "31 มิถุนายน 2562", "date.day_out_of_range", {"day": 31, "month_name": month_words(6)}
    ),
    ThaiDateError(None, "end_before_start", {"start": date(2019, 6, 26), "end": date(2019, 6, 25)}),
    ThaiDateError("x", "date.unreadable"),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: e.code)
def test_errors_pickle_equal_and_hash(error):
    copy = pickle.loads(pickle.dumps(error))
    assert copy == error
    assert hash(copy) == hash(error)
    assert str(copy) == str(error)
    assert copy.text == error.text
    assert copy.code == error.code
    assert copy.params == error.params


def test_errors_compare_by_value():
    a = ThaiDateError("x", "date.unknown_month", {"word": "a"})
    assert a == ThaiDateError("x", "date.unknown_month", {"word": "a"})
    assert a != ThaiDateError("x", "date.unknown_month", {"word": "b"})
    assert a != ThaiDateError("y", "date.unknown_month", {"word": "a"})
    assert a != ThaiDateError("x", "date.unreadable")


def test_str_quotes_the_input_and_lists_the_forms_in_both_languages():
    message = str(REACH["date.unknown_month"]())
    assert message.startswith(
        "cannot read '16 กันยน 2567': unknown month name 'กันยน' / ไม่รู้จักชื่อเดือน 'กันยน'\n"
        "Accepted forms (รูปแบบที่รับได้):\n"
    )
    for example, code in DATE_FORMS:
        assert example in message
        assert catalogue()[code].en in message
        assert catalogue()[code].th in message
    assert str(ThaiDateError(None, "date.unreadable")) == (
        "not a date in any accepted form / ไม่ใช่วันที่ในรูปแบบที่รับได้"
    )


def test_a_huge_input_is_quoted_short():
    text = "๑" * 100_000
    error = _raises(parse_thai_date, text)
    assert error.code == "date.too_long"
    assert error.params == {"length": 100_000, "maximum": 300}
    assert error.text == text
    first_line = str(error).splitlines()[0]
    assert len(first_line) < 400
    assert "(100000 characters)" in first_line


def test_errors_are_value_errors_and_exported():
    assert issubclass(ThaiDateError, ValueError)
    assert moralkit.ThaiDateError is ThaiDateError
    assert isinstance(_raises(ce_date, 1, 1, 2483), moralkit.MoralkitError)


def test_calendar_errors_carry_no_text():
    error = _raises(DateRange, date(2019, 6, 26), date(2019, 6, 25))
    assert error.text is None
    assert str(error) == (
        "the end (2019-06-25) is before the start (2019-06-26) / "
        "วันสิ้นสุด (2019-06-25) อยู่ก่อนวันเริ่ม (2019-06-26)"
    )
    assert _raises(parse_thai_datetime, "16 ก.ย. 2567 25:00").params == {"time": "25:00"}
    assert datetime(2024, 9, 16).date() == parse_thai_date("16 ก.ย. 2567")


@pytest.mark.parametrize("code", sorted(REACH))
def test_a_problem_with_the_same_code_and_params_says_the_same(code):
    error = REACH[code]()
    problem = Problem("dates", error.code, error.params)
    assert problem.message("en") == error.message("en")
    assert problem.message("th") == error.message("th")
