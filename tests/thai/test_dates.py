import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pythainlp.util import thai_strftime

from moralkit import ThaiDateError, ValidationError
from moralkit.thai import (
    DateRange,
    FiscalYear,
    format_thai_date,
    format_thai_date_range,
    parse_fiscal_year,
    parse_thai_date,
    parse_thai_date_range,
    to_arabic_digits,
)
from tests.conftest import SEEDS_DIR

modern_dates = st.dates(date(1941, 1, 1), date(2600, 12, 31))
styles = st.sampled_from(["full", "abbr", "numeric"])
digit_sets = st.sampled_from(["arabic", "thai"])

# Every date and range written in the five source documents, with what it means.
SEED_DATES = {
    "21 กุมภาพันธ์ 2565": DateRange.single(date(2022, 2, 21)),  # 000
    "๑๕ กรกฎาคม ๒๕๖๓": DateRange.single(date(2020, 7, 15)),  # 001
    "2-3 พฤษภาคม 2566": DateRange(date(2023, 5, 2), date(2023, 5, 3)),  # 002
    "วันจันทร์ที่ 16 กันยายน 2567": DateRange.single(date(2024, 9, 16)),  # 003
    "16/09/2567": DateRange.single(date(2024, 9, 16)),  # 003
    "12 กันยายน 2567": DateRange.single(date(2024, 9, 12)),  # 003
    "วันอังคารที่ ๒๕ - วันพุธที่ ๒๖ มิถุนายน ๒๕๖๒": DateRange(date(2019, 6, 25), date(2019, 6, 26)),
}
SEED_FISCAL_YEARS = {
    "ปีงบประมาณ พ.ศ. 2565": FiscalYear(2565),  # 000
    "ปีงบประมาณ พ.ศ. 2567": FiscalYear(2567),  # 003
}


@pytest.mark.parametrize(("text", "expected"), SEED_DATES.items())
def test_seed_dates(text, expected):
    assert parse_thai_date_range(text) == expected
    if expected.days == 1:
        assert parse_thai_date(text) == expected.start


@pytest.mark.parametrize(("text", "expected"), SEED_FISCAL_YEARS.items())
def test_seed_fiscal_years(text, expected):
    assert parse_fiscal_year(text) == expected


_DATE_IN_TEXT = re.compile(
    r"(?:วัน\S+ที่ )?[0-9๐-๙]{1,2}(?: ?- ?(?:วัน\S+ที่ )?[0-9๐-๙]{1,2})? "
    r"(?:มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม"
    r"|พฤศจิกายน|ธันวาคม) [0-9๐-๙]{4}|[0-9]{2}/[0-9]{2}/[0-9]{4}"
)


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="the shared seeds are not beside the repo")
def test_every_date_in_the_seeds_is_known_and_parses():
    found = set()
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        found.update(_DATE_IN_TEXT.findall(path.read_text("utf-8")))
    assert found == set(SEED_DATES), "a date in the seeds has no expected value in this test"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16 ก.ย. 2567", date(2024, 9, 16)),
        ("16 ก.ย 2567", date(2024, 9, 16)),
        ("16 กย 2567", date(2024, 9, 16)),
        ("16 ก. ย. 2567", date(2024, 9, 16)),
        ("16 กันยา 2567", date(2024, 9, 16)),
        ("16กันยายน2567", date(2024, 9, 16)),
        ("  16   กันยายน\u200b 2567 ", date(2024, 9, 16)),
        ("23 พ.ย. 64", date(2021, 11, 23)),
        ("1 ม.ค. 00", date(1957, 1, 1)),
        ("16 กันยายน พ.ศ. 2567", date(2024, 9, 16)),
        ("16 กันยายน พ.ศ.2567", date(2024, 9, 16)),
        ("16 กันยายน พุทธศักราช ๒๕๖๗", date(2024, 9, 16)),
        ("16 กันยายน ค.ศ. 2024", date(2024, 9, 16)),
        ("16 ก.ย. คศ 2024", date(2024, 9, 16)),
        ("วันที่ 16 กันยายน 2567", date(2024, 9, 16)),
        ("วันจันทร์ 16 กันยายน 2567", date(2024, 9, 16)),
        ("จันทร์ที่ 16 ก.ย. 67", date(2024, 9, 16)),
        ("วันพฤหัสที่ 12 กันยายน 2567", date(2024, 9, 12)),
        ("วันพฤหัสบดีที่ 12 กันยายน 2567", date(2024, 9, 12)),
        ("16/9/2567", date(2024, 9, 16)),
        ("16-09-2567", date(2024, 9, 16)),
        ("16.09.67", date(2024, 9, 16)),
        ("๑๖/๐๙/๒๕๖๗", date(2024, 9, 16)),
        ("16/09/2024 ค.ศ.", date(2024, 9, 16)),
        ("2024-09-16", date(2024, 9, 16)),
        ("29 ก.พ. 2567", date(2024, 2, 29)),
        ("1 กุมภาพันธ์ 2482", date(1940, 2, 1)),
        ("1 เมษายน 2483", date(1940, 4, 1)),
        ("1 มกราคม 2484", date(1941, 1, 1)),
        ("1 มี.ค. 2567", date(2024, 3, 1)),
        ("1 มิ.ย. 2567", date(2024, 6, 1)),
    ],
)
def test_parse_forms(text, expected):
    assert parse_thai_date(text) == expected


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2-3 พฤษภาคม 2566", date(2023, 5, 2), date(2023, 5, 3)),
        ("๒๕ - ๒๖ มิถุนายน ๒๕๖๒", date(2019, 6, 25), date(2019, 6, 26)),
        ("25–26 มิ.ย. 62", date(2019, 6, 25), date(2019, 6, 26)),
        ("25 ถึง 26 มิถุนายน 2562", date(2019, 6, 25), date(2019, 6, 26)),
        ("ระหว่างวันที่ 25 - 26 มิถุนายน 2562", date(2019, 6, 25), date(2019, 6, 26)),
        ("30 ก.ย. - 1 ต.ค. 2567", date(2024, 9, 30), date(2024, 10, 1)),
        ("28 ธ.ค. 2566 - 3 ม.ค. 2567", date(2023, 12, 28), date(2024, 1, 3)),
        ("28 ธ.ค. - 3 ม.ค. 2567", date(2023, 12, 28), date(2024, 1, 3)),
        ("16/09/2567 - 18/09/2567", date(2024, 9, 16), date(2024, 9, 18)),
        ("2024-09-16 - 2024-09-18", date(2024, 9, 16), date(2024, 9, 18)),
        ("16 กันยายน 2567", date(2024, 9, 16), date(2024, 9, 16)),
        ("วันจันทร์ที่ 30 ก.ย. - วันอังคารที่ 1 ต.ค. 2567", date(2024, 9, 30), date(2024, 10, 1)),
        ("31 มี.ค. - 1 เม.ย. 2482", date(1939, 3, 31), date(1939, 4, 1)),
    ],
)
def test_parse_ranges(text, start, end):
    assert parse_thai_date_range(text) == DateRange(start, end)


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("16 กันยน 2567", ["unknown month name 'กันยน'", "ไม่รู้จักชื่อเดือน"]),
        ("31 มิถุนายน 2562", ["day 31 is out of range for June 2562 (30 days)", "มี 30 วัน"]),
        ("29 ก.พ. 2566", ["day 29 is out of range for February 2566"]),
        ("31/04/2567", ["day 31 is out of range for April 2567"]),
        ("16/13/2567", ["month 13 does not exist"]),
        (
            "วันพุธที่ 25 มิถุนายน 2562",
            ["25 June 2562 (2019-06-25) is a Tuesday, not a Wednesday", "เป็นวันอังคาร"],
        ),
        ("16 กันยายน พ.ศ. 2024", ["the year 2024 is marked Buddhist-Era but is below 2400"]),
        ("16 กันยายน ค.ศ. 24", ["two-digit year is read as Buddhist-Era"]),
        ("16 กันยายน ค.ศ. 2567", ["2567 is read as Common-Era", "(พ.ศ. 2567 = ค.ศ. 2024)"]),
        ("2567-09-16", ["ISO dates", "2567 is read as Common-Era", "looks like a Buddhist-Era"]),
        ("2024-02-30", ["day 30 is out of range for February 2024 CE"]),
        ("1 มกราคม 2483", ["January BE 2483 never existed"]),
        ("yesterday", ["not a date in any accepted form"]),
        ("", ["not a date in any accepted form"]),
    ],
)
def test_parse_errors_name_the_problem(text, fragments):
    with pytest.raises(ThaiDateError) as info:
        parse_thai_date(text)
    message = str(info.value)
    assert repr(text) in message  # quotes the input
    assert "Accepted forms" in message
    assert "16 กันยายน 2567" in message  # shows an example of an accepted form
    for fragment in fragments:
        assert fragment in message
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("26 - 25 มิถุนายน 2562", "the end (2019-06-25) is before the start (2019-06-26)"),
        ("3 ม.ค. 2567 - 28 ธ.ค. 2566", "is before the start"),
        ("วันพุธที่ 25 - วันพุธที่ 26 มิถุนายน 2562", "is a Tuesday, not a Wednesday"),
        ("25 - 26 มิถุนายน พ.ศ. 2062", "the year 2062 is marked Buddhist-Era but is below 2400"),
        ("25 - 31 มิถุนายน 2562", "day 31 is out of range for June 2562"),
        ("31 - 30 มิถุนายน 2562", "day 31 is out of range for June 2562"),
        ("25 - 26 มิถุนยน 2562", "unknown month name"),
        ("25 -", "not a date in any accepted form"),
    ],
)
def test_range_errors(text, fragment):
    with pytest.raises(ThaiDateError, match=re.escape(fragment)):
        parse_thai_date_range(text)


@pytest.mark.parametrize("function", [parse_thai_date, parse_thai_date_range])
def test_non_str_input_is_a_validation_error(function):
    with pytest.raises(ValidationError) as info:
        function(date(2024, 9, 16))
    assert [(p.path, p.code) for p in info.value.problems] == [("text", "wrong_type")]


def test_format_examples():
    d = date(2024, 9, 16)
    assert format_thai_date(d) == "16 กันยายน 2567"
    assert format_thai_date(d, "abbr") == "16 ก.ย. 2567"
    assert format_thai_date(d, "numeric") == "16/09/2567"
    assert format_thai_date(d, digits="thai") == "๑๖ กันยายน ๒๕๖๗"
    assert format_thai_date(d, weekday=True) == "วันจันทร์ที่ 16 กันยายน 2567"
    assert format_thai_date(date(1940, 2, 1)) == "1 กุมภาพันธ์ 2482"


def test_format_range_examples():
    r = DateRange(date(2019, 6, 25), date(2019, 6, 26))
    assert format_thai_date_range(r) == "25-26 มิถุนายน 2562"
    assert format_thai_date_range(r, digits="thai") == "๒๕-๒๖ มิถุนายน ๒๕๖๒"
    assert format_thai_date_range(r, weekday=True) == "วันอังคารที่ 25 - วันพุธที่ 26 มิถุนายน 2562"
    assert format_thai_date_range(r, "numeric") == "25/06/2562 - 26/06/2562"
    across_months = DateRange(date(2024, 9, 30), date(2024, 10, 1))
    assert format_thai_date_range(across_months, "abbr") == "30 ก.ย. - 1 ต.ค. 2567"
    across_years = DateRange(date(2023, 12, 28), date(2024, 1, 3))
    assert format_thai_date_range(across_years, "abbr") == "28 ธ.ค. 2566 - 3 ม.ค. 2567"
    assert format_thai_date_range(DateRange.single(date(2024, 9, 16))) == "16 กันยายน 2567"


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"style": "long"}, "style: expected one of full, abbr, numeric (got long)"),
        ({"digits": "roman"}, "digits: expected one of arabic, thai (got roman)"),
    ],
)
def test_format_rejects_unknown_options(kwargs, fragment):
    with pytest.raises(ValidationError, match=re.escape(fragment)):
        format_thai_date(date(2024, 9, 16), **kwargs)
    with pytest.raises(ValidationError, match=re.escape(fragment)):
        format_thai_date_range(DateRange.single(date(2024, 9, 16)), **kwargs)


def test_format_rejects_non_dates():
    with pytest.raises(ValidationError, match="d: expected a date"):
        format_thai_date("2024-09-16")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="r: expected a range of dates"):
        format_thai_date_range(date(2024, 9, 16))  # type: ignore[arg-type]


@given(modern_dates, styles, digit_sets, st.booleans())
def test_format_then_parse_round_trips(d, style, digits, weekday):
    assert parse_thai_date(format_thai_date(d, style, digits, weekday)) == d


@given(st.dates(date(1857, 4, 1), date(2600, 12, 31)), styles)  # BE 2400 onward
def test_round_trip_before_1941(d, style):
    assert parse_thai_date(format_thai_date(d, style)) == d


@given(modern_dates, st.integers(0, 400), styles, digit_sets, st.booleans())
def test_range_format_then_parse_round_trips(start, length, style, digits, weekday):
    end = min(start + timedelta(days=length), date(2600, 12, 31))
    r = DateRange(start, end)
    assert parse_thai_date_range(format_thai_date_range(r, style, digits, weekday)) == r


@given(modern_dates, styles)
def test_format_agrees_with_pythainlp(d, style):
    pattern = {"full": "%-d %B %Y", "abbr": "%-d %b %Y", "numeric": "%d/%m/%Y"}[style]
    assert format_thai_date(d, style) == thai_strftime(d, pattern)
    assert format_thai_date(d, style, digits="thai") == thai_strftime(d, pattern, thaidigit=True)
    weekday = thai_strftime(d, "%A")  # "วันจันทร์"
    assert format_thai_date(d, style, weekday=True) == f"{weekday}ที่ {thai_strftime(d, pattern)}"


@given(modern_dates)
def test_parse_never_returns_a_date_543_years_off(d):
    text = format_thai_date(d, "numeric")
    assert parse_thai_date(text).year == d.year
    ce_written = to_arabic_digits(text)[:-4] + str(d.year)
    if d.year < 2400:
        # A Common-Era year below 2400 is read as one, or refused when strict: never 543 off.
        assert parse_thai_date(ce_written) == d
        with pytest.raises(ThaiDateError, match=re.escape("strict reading needs ค.ศ.")):
            parse_thai_date(ce_written, strict=True)


@pytest.mark.parametrize(
    ("text", "be"),
    [
        ("ปีงบประมาณ พ.ศ. ๒๕๖๗", 2567),
        ("ปีงบประมาณ พ.ศ.2567", 2567),
        ("ปีงบประมาณ 2567", 2567),
        ("ปีงบ 2567", 2567),
        ("ปีงบ. 67", 2567),
        ("ปีงบประมาณ 67", 2567),
        ("FY2567", 2567),
        ("fy 2567", 2567),
        ("F.Y. 2567", 2567),
        ("2567", 2567),
        ("๒๕๖๗", 2567),
        ("พ.ศ. 2567", 2567),
    ],
)
def test_parse_fiscal_year(text, be):
    assert FiscalYear.parse(text) == FiscalYear(be)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("FY2024", "the fiscal year ending in 2024 CE is FY2567"),
        ("67", "needs the Thai prefix"),
        ("FY67", "needs the Thai prefix"),
        ("ปีงบประมาณ", "not a fiscal year"),
        ("year 2567", "not a fiscal year"),
    ],
)
def test_parse_fiscal_year_errors(text, fragment):
    with pytest.raises(ThaiDateError, match=re.escape(fragment)):
        FiscalYear.parse(text)


@given(st.integers(2400, 3000), st.booleans())
def test_fiscal_year_label_round_trips(be, thai):
    fy = FiscalYear(be)
    for lang in ("th", "en"):
        assert FiscalYear.parse(fy.label(lang, "thai" if thai else "arabic")) == fy
