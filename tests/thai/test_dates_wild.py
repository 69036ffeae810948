"""Dates as news sites, forms and other systems write them: times, Common-Era years, English
month names, lead words; and round trips for every formatting option."""

import calendar
import re
from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from moralkit import ThaiDateError, ValidationError
from moralkit.thai import (
    MONTHS_EN,
    MONTHS_EN_ABBR,
    SUPPORTED_DATES,
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    DateRange,
    bangkok,
    be_year,
    format_thai_date,
    format_thai_date_range,
    format_thai_datetime,
    parse_thai_date,
    parse_thai_date_range,
    parse_thai_datetime,
    to_thai_digits,
)

BKK = bangkok()
supported = st.dates(SUPPORTED_DATES.start, SUPPORTED_DATES.end)
two_digit_years = st.dates(date(1957, 1, 1), date(2056, 12, 31))  # BE 2500-2599
styles = st.sampled_from(["full", "abbr", "numeric"])
digit_sets = st.sampled_from(["arabic", "thai"])
weekdays = st.sampled_from([False, True, "full", "abbr"])
clocks = st.sampled_from(["th", "24h", "12h"])


CE_LAST = date(2399, 12, 31)


@st.composite
def date_options(draw, dates=supported):
    """A date and a set of formatting options that can write it."""
    style = draw(styles)
    era = draw(st.sampled_from([False, True, "be", "ce"])) if style != "numeric" else False
    year_digits = 4 if era == "ce" else draw(st.sampled_from([4, 2]))
    if era == "ce":
        d = draw(st.dates(date(1, 1, 1), CE_LAST))
    else:
        d = draw(two_digit_years if year_digits == 2 else dates)
    return d, {
        "style": style,
        "digits": draw(digit_sets),
        "weekday": draw(weekdays),
        "era": era,
        "year_digits": year_digits,
        "pad_day": draw(st.booleans()),
    }


def _last(options):
    if options["era"] == "ce":
        return CE_LAST
    return date(2056, 12, 31) if options["year_digits"] == 2 else SUPPORTED_DATES.end


# --- the seeds' own style, with what the wild adds to it ------------------------------------

WILD_DATES = {
    # A time after the date.
    "21 กุมภาพันธ์ 2565 เวลา 12:22 น.": datetime(2022, 2, 21, 12, 22),
    "๑๕ กรกฎาคม ๒๕๖๓ เวลา ๐๙.๓๐ น.": datetime(2020, 7, 15, 9, 30),
    "วันจันทร์ที่ 16 กันยายน 2567 09:00:01": datetime(2024, 9, 16, 9, 0, 1),
    "16/09/2567 7:00 pm": datetime(2024, 9, 16, 19, 0),
    "16/09/2567 เวลา 18.30 น.": datetime(2024, 9, 16, 18, 30),
    "12 กันยายน 2567 18.30 น.": datetime(2024, 9, 12, 18, 30),
    "12 กันยายน 2567, 7 pm": datetime(2024, 9, 12, 19, 0),
    "12 กันยายน 2567 12:00 AM": datetime(2024, 9, 12, 0, 0),
    "12 กันยายน 2567 12:00 p.m.": datetime(2024, 9, 12, 12, 0),
    "เมื่อวันที่ 8 มกราคม 2568 เวลาประมาณ 14.30 น.": datetime(2025, 1, 8, 14, 30),
    "ณ วันที่ 8 ม.ค. 68 เวลา 08.00 นาฬิกา": datetime(2025, 1, 8, 8, 0),
    "2024-09-16T09:30:15": datetime(2024, 9, 16, 9, 30, 15),
    "2024-09-16 09:30": datetime(2024, 9, 16, 9, 30),
    # Common-Era years below 2400 without ค.ศ.
    "8 มกราคม 2015 เวลา 12:22 น.": datetime(2015, 1, 8, 12, 22),
    "16/09/2024 09:00": datetime(2024, 9, 16, 9, 0),
    # English month names with a Buddhist-Era year.
    "September 8, 2544 BE 7:00 pm": datetime(2001, 9, 8, 19, 0),
    "8 Sep 2544 B.E. at 09:15": datetime(2001, 9, 8, 9, 15),
}

WILD_DAYS = {
    "8 มกราคม 2015": date(2015, 1, 8),
    "8 ม.ค. 2015": date(2015, 1, 8),
    "๘ มกราคม ๒๐๑๕": date(2015, 1, 8),
    "16/09/2024": date(2024, 9, 16),
    "1 มกราคม 1900": date(1900, 1, 1),
    "8 มกราคม ค.ศ. 2015": date(2015, 1, 8),
    "8 January 2015 AD": date(2015, 1, 8),
    "8 January 2015 CE": date(2015, 1, 8),
    "September 8, 2544 BE": date(2001, 9, 8),
    "September 8 2544": date(2001, 9, 8),
    "8 Sep 2544 B.E.": date(2001, 9, 8),
    "8 Sept. 2544 BE": date(2001, 9, 8),
    "8th of September, 2544 BE": date(2001, 9, 8),
    "8 Sep 44 BE": date(2001, 9, 8),
    "8 september พ.ศ. 2544": date(2001, 9, 8),
    "Saturday, September 8, 2544 BE": date(2001, 9, 8),
    "Sat 8 Sep 2544": date(2001, 9, 8),
    "ส. 8 ก.ย. 2544": date(2001, 9, 8),
    "อา. 1 ก.ย. 67": date(2024, 9, 1),
    "พฤ. 12 ก.ย. 2567": date(2024, 9, 12),
    "เมื่อวันที่ 21 กุมภาพันธ์ 2565": date(2022, 2, 21),
    "ในวันจันทร์ที่ 16 กันยายน 2567": date(2024, 9, 16),
}


@pytest.mark.parametrize(("text", "expected"), WILD_DATES.items())
def test_a_time_after_the_date(text, expected):
    assert parse_thai_date(text) == expected.date()
    parsed = parse_thai_datetime(text)
    assert parsed == expected.replace(tzinfo=BKK)
    assert parsed.tzinfo is BKK
    assert parsed.utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize(("text", "expected"), WILD_DAYS.items())
def test_dates_in_the_wild(text, expected):
    assert parse_thai_date(text) == expected
    assert parse_thai_date_range(text) == DateRange.single(expected)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        (
            "2 พฤษภาคม 2566 เวลา 09.00 น. - 3 พฤษภาคม 2566 16.00 น.",
            date(2023, 5, 2),
            date(2023, 5, 3),
        ),
        ("ตั้งแต่วันที่ 28 ธ.ค. 2566 ถึงวันที่ 3 ม.ค. 2567", date(2023, 12, 28), date(2024, 1, 3)),
        ("ตั้งแต่ 1 จนถึง 3 มีนาคม 2567", date(2024, 3, 1), date(2024, 3, 3)),
        ("ระหว่าง 25 - 26 มิถุนายน 2562", date(2019, 6, 25), date(2019, 6, 26)),
        ("8-9 January 2015", date(2015, 1, 8), date(2015, 1, 9)),
        ("28 Dec - 3 Jan 2015", date(2014, 12, 28), date(2015, 1, 3)),
        ("28 มีนาคม - 3 เมษายน 1900", date(1900, 3, 28), date(1900, 4, 3)),
        ("8 - 9 Sep 2544 BE", date(2001, 9, 8), date(2001, 9, 9)),
        ("ส. 8 - อา. 9 ก.ย. 44", date(2001, 9, 8), date(2001, 9, 9)),
    ],
)
def test_wild_ranges(text, start, end):
    assert parse_thai_date_range(text) == DateRange(start, end)


def test_strict_still_requires_the_common_era_marker():
    with pytest.raises(ThaiDateError, match=r"the year 2015 is below 2400") as info:
        parse_thai_date("8 มกราคม 2015", strict=True)
    assert info.value.code == "date.year_needs_ce_marker"
    assert info.value.params == {"year": 2015, "minimum": 2400, "be": 2558}
    assert parse_thai_date("8 มกราคม ค.ศ. 2015", strict=True) == date(2015, 1, 8)
    assert parse_thai_date("8 มกราคม 2558", strict=True) == date(2015, 1, 8)
    with pytest.raises(ThaiDateError):
        parse_thai_date_range("8-9 มกราคม 2015", strict=True)
    with pytest.raises(ThaiDateError):
        parse_thai_datetime("8 มกราคม 2015 เวลา 12:22 น.", strict=True)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("8 Sep 44", "date.two_digit_year_unclear"),
        ("September 8, 44", "date.two_digit_year_unclear"),
        ("8 มกราคม ค.ศ. 15", "date.two_digit_ce_year"),
        ("8 January 15 AD", "date.two_digit_ce_year"),
        ("8 Sep 2544 CE", "date.ce_year_looks_be"),
        ("8 Sep 2001 BE", "date.be_year_below_minimum"),
        ("8 Sep พ.ศ. 2544 BE", "date.unreadable"),
        ("16 กันยายน 2567 เวลา 25:00 น.", "date.time_out_of_range"),
        ("16 กันยายน 2567 12:60", "date.time_out_of_range"),
        ("16 กันยายน 2567 09:00:60", "date.time_out_of_range"),
        ("16 กันยายน 2567 13 pm", "date.time_out_of_range"),
        ("16 กันยายน 2567 0:30 am", "date.time_out_of_range"),
        ("16 กันยายน 2567 10", "date.unreadable"),
        ("16 กันยายน 2567 เวลา", "date.unreadable"),
        ("Friday, September 8, 2544 BE", "date.weekday_mismatch"),
        ("จ. 8 ก.ย. 2544", "date.weekday_mismatch"),
        ("8 Septembre 2544", "date.unknown_month"),
        ("0000-01-01", "date.ce_year_out_of_range"),
        ("1 มกราคม 0000", "date.ce_year_out_of_range"),
    ],
)
def test_wild_refusals(text, code):
    with pytest.raises(ThaiDateError) as info:
        parse_thai_date(text)
    assert info.value.code == code


def test_a_date_without_a_time_is_no_datetime():
    with pytest.raises(ThaiDateError, match="no time of day") as info:
        parse_thai_datetime("16 กันยายน 2567")
    assert info.value.code == "date.time_missing"


# --- lead words stand only at the start ------------------------------------------------------

LEAD_WORDS = ["ระหว่าง", "ตั้งแต่", "ระหว่างวันที่", "ตั้งแต่วันที่", "เมื่อวันที่", "ณ วันที่", "ใน", "วันที่"]


@pytest.mark.parametrize(
    "text",
    [
        "2ระหว่าง5 มิถุนายน 2562",
        "25 มิถุนายน ระหว่าง 2562",
        "2ตั้งแต่6 มิถุนายน 2562",
        "25 ระหว่าง 26 มิถุนายน 2562",
        "25 - ระหว่าง 26 มิถุนายน 2562",
        "25 - เมื่อวันที่ 26 มิถุนายน 2562",
        "1เมื่อวันที่6 มิถุนายน 2562",
    ],
)
def test_lead_words_in_the_middle_are_refused(text):
    with pytest.raises(ThaiDateError):
        parse_thai_date_range(text)


@given(
    st.dates(date(1941, 1, 1), date(2600, 12, 31)),
    st.integers(0, 40),
    styles,
    st.sampled_from(LEAD_WORDS),
    st.integers(1, 200),
)
def test_a_lead_word_anywhere_but_the_start_never_gives_another_range(start, days, style, word, at):
    r = DateRange(start, start + timedelta(days=days))
    text = format_thai_date_range(r, style)
    at = at % len(text) or 1
    changed = text[:at] + word + text[at:]
    try:
        result = parse_thai_date_range(changed)
    except ThaiDateError:
        return
    assert result == r, changed


# --- round trips for every form the formatters write --------------------------------------


@given(date_options())
def test_every_format_option_round_trips(case):
    d, options = case
    text = format_thai_date(d, **options)
    assert parse_thai_date(text) == d, text
    assert parse_thai_date(text, strict=True) == d, text
    assert parse_thai_date_range(text) == DateRange.single(d), text


@given(date_options(), st.integers(0, 800))
def test_every_range_format_option_round_trips(case, length):
    start, options = case
    r = DateRange(start, min(start + timedelta(days=length), _last(options)))
    text = format_thai_date_range(r, **options)
    assert parse_thai_date_range(text) == r, text
    assert parse_thai_date_range(text, strict=True) == r, text


zones = st.sampled_from([None, BKK, UTC, timezone(timedelta(hours=-9, minutes=-30))])


@given(
    st.datetimes(datetime(1857, 4, 2), datetime(9456, 12, 30), timezones=zones),
    date_options(),
    clocks,
    st.booleans(),
)
def test_datetime_format_then_parse_round_trips(dt, case, clock, seconds):
    _, options = case
    if options["era"] == "ce":
        options["era"] = True
    if options["year_digits"] == 2:
        year = 2000 + dt.year % 50
        # 29 February moves only to another leap year.
        assume(not (dt.month == 2 and dt.day == 29 and not calendar.isleap(year)))
        dt = dt.replace(year=year)
    text = format_thai_datetime(dt, **options, clock=clock, seconds=seconds)
    parsed = parse_thai_datetime(text)
    local = dt.astimezone(BKK) if dt.tzinfo is not None else dt.replace(tzinfo=BKK)
    expected = local.replace(microsecond=0) if seconds else local.replace(second=0, microsecond=0)
    assert parsed == expected, text
    assert (parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute) == (
        expected.year,
        expected.month,
        expected.day,
        expected.hour,
        expected.minute,
    )
    assert parse_thai_date(text) == expected.date()


@given(st.dates(date(1, 1, 1), date(2399, 12, 31)), st.sampled_from(["th", "th_abbr", "en"]))
def test_common_era_years_below_2400_read_as_written(d, names):
    month = {"th": THAI_MONTHS, "th_abbr": THAI_MONTHS_ABBR, "en": MONTHS_EN}[names][d.month - 1]
    written = f"{d.day} {month} {d.year:04d}"
    assert parse_thai_date(written) == d
    assert parse_thai_date(f"{d.day} {month} ค.ศ. {d.year:04d}", strict=True) == d
    with pytest.raises(ThaiDateError):
        parse_thai_date(written, strict=True)


@given(supported, st.sampled_from(["dmy", "mdy", "abbr"]), st.sampled_from(["BE", "B.E.", ""]))
def test_english_month_names_with_a_be_year(d, order, marker):
    be = be_year(d)
    if be < 2400 or (not marker and be < 2400):
        return
    era = f" {marker}" if marker else ""
    text = {
        "dmy": f"{d.day} {MONTHS_EN[d.month - 1]} {be}{era}",
        "mdy": f"{MONTHS_EN[d.month - 1]} {d.day}, {be}{era}",
        "abbr": f"{d.day} {MONTHS_EN_ABBR[d.month - 1]} {be}{era}",
    }[order]
    assert parse_thai_date(text) == d, text
    assert parse_thai_date(text.upper()) == d, text


TIME_FORMS = [
    lambda t: f"เวลา {t.hour:02d}:{t.minute:02d} น.",
    lambda t: f"เวลา {t.hour}.{t.minute:02d} น.",
    lambda t: f"{t.hour:02d}.{t.minute:02d} น.",
    lambda t: f"{t.hour:02d}:{t.minute:02d}:{t.second:02d}",
    lambda t: f"{(t.hour - 1) % 12 + 1}:{t.minute:02d} {'pm' if t.hour >= 12 else 'am'}",
    lambda t: f"{(t.hour - 1) % 12 + 1}:{t.minute:02d} {'P.M.' if t.hour >= 12 else 'A.M.'}",
]


@given(supported, st.times(), st.sampled_from(range(len(TIME_FORMS))), digit_sets)
def test_time_forms_give_the_written_time(d, t, form, digits):
    written = TIME_FORMS[form](t)
    text = f"{format_thai_date(d)} {written}"
    if digits == "thai":
        text = to_thai_digits(text)
    parsed = parse_thai_datetime(text)
    seconds = t.second if form == 3 else 0
    assert parsed == datetime.combine(d, time(t.hour, t.minute, seconds), tzinfo=BKK), text
    assert parse_thai_date(text) == d


# --- formatting options --------------------------------------------------------------------


def test_format_options():
    d = date(2024, 9, 1)
    assert format_thai_date(d, era=True) == "1 กันยายน พ.ศ. 2567"
    assert format_thai_date(d, "abbr", year_digits=2) == "1 ก.ย. 67"
    assert format_thai_date(d, "numeric", year_digits=2) == "01/09/67"
    assert format_thai_date(d, pad_day=True) == "01 กันยายน 2567"
    assert format_thai_date(d, "abbr", weekday="abbr") == "อา. 1 ก.ย. 2567"
    assert format_thai_date(d, weekday="full") == "วันอาทิตย์ที่ 1 กันยายน 2567"
    assert format_thai_date(d, "abbr", "thai", "abbr", era=True, year_digits=2, pad_day=True) == (
        "อา. ๐๑ ก.ย. พ.ศ. ๖๗"
    )
    r = DateRange(date(2019, 6, 25), date(2019, 6, 26))
    assert (
        format_thai_date_range(r, "abbr", weekday="abbr", year_digits=2) == "อ. 25 - พ. 26 มิ.ย. 62"
    )
    assert format_thai_date_range(r, era=True, pad_day=True) == "25-26 มิถุนายน พ.ศ. 2562"


def test_format_datetime_clocks():
    dt = datetime(2025, 1, 8, 12, 22, 5, tzinfo=BKK)
    assert format_thai_datetime(dt) == "8 มกราคม 2568 เวลา 12.22 น."
    assert format_thai_datetime(dt, seconds=True) == "8 มกราคม 2568 เวลา 12.22.05 น."
    assert format_thai_datetime(dt, "numeric", clock="24h") == "08/01/2568 12:22"
    assert format_thai_datetime(dt, "abbr", clock="12h") == "8 ม.ค. 2568 12:22 pm"
    assert format_thai_datetime(dt.replace(hour=0), clock="12h") == "8 มกราคม 2568 12:22 am"
    utc = datetime(2025, 1, 8, 5, 22, tzinfo=UTC)
    assert format_thai_datetime(utc, digits="thai") == "๘ มกราคม ๒๕๖๘ เวลา ๑๒.๒๒ น."


@pytest.mark.parametrize(
    ("kwargs", "where", "fragment"),
    [
        ({"weekday": "short"}, "weekday", "expected one of false, true, full, abbr (got short)"),
        ({"year_digits": 3}, "year_digits", "expected one of 4, 2 (got 3)"),
        ({"year_digits": "2"}, "year_digits", "expected an integer (got 2)"),
        ({"era": "yes"}, "era", "expected one of false, true, be, ce (got yes)"),
        ({"era": 1}, "era", "expected one of false, true, be, ce (got 1)"),
        ({"pad_day": 1}, "pad_day", "expected true or false (got 1)"),
        (
            {"style": "numeric", "era": True},
            "era",
            "'era' marks the year in the full and abbr styles only",
        ),
        (
            {"style": "numeric", "era": "ce"},
            "era",
            "'era' marks the year in the full and abbr styles only",
        ),
        ({"era": "ce", "year_digits": 2}, "year_digits", "two-digit years are Buddhist-Era"),
    ],
)
def test_format_option_errors(kwargs, where, fragment):
    d = date(2024, 9, 16)
    calls = [
        lambda: format_thai_date(d, **kwargs),
        lambda: format_thai_date_range(DateRange.single(d), **kwargs),
        lambda: format_thai_datetime(datetime(2024, 9, 16, 9, 0), **kwargs),
    ]
    for call in calls:
        with pytest.raises(ValidationError, match=re.escape(f"{where}: {fragment}")) as info:
            call()
        assert [p.path for p in info.value.problems] == [where]


def test_format_datetime_option_errors():
    with pytest.raises(ValidationError, match="clock: expected one of th, 24h, 12h"):
        format_thai_datetime(datetime(2024, 9, 16), clock="am")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="seconds: expected true or false"):
        format_thai_datetime(datetime(2024, 9, 16), seconds=1)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"dt: expected a date and time"):
        format_thai_datetime(date(2024, 9, 16))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("d", "kwargs", "code"),
    [
        (date(1857, 3, 31), {}, "date.outside_supported_range"),
        (date(1500, 1, 1), {"style": "numeric"}, "date.outside_supported_range"),
        (date(9457, 1, 1), {}, "date.outside_supported_range"),
        (date(1956, 12, 31), {"year_digits": 2}, "date.two_digit_year_out_of_range"),
        (date(2057, 1, 1), {"year_digits": 2}, "date.two_digit_year_out_of_range"),
        (date(2400, 1, 1), {"era": "ce"}, "date.outside_supported_range"),
    ],
)
def test_dates_that_would_not_read_back_are_not_written(d, kwargs, code):
    with pytest.raises(ThaiDateError) as info:
        format_thai_date(d, **kwargs)
    assert info.value.code == code
    with pytest.raises(ThaiDateError):
        format_thai_date_range(DateRange(d, d + timedelta(days=1)), **kwargs)


def test_common_era_writing():
    assert format_thai_date(date(2024, 9, 16), era="ce") == "16 กันยายน ค.ศ. 2024"
    assert format_thai_date(date(800, 2, 3), "abbr", era="ce") == "3 ก.พ. ค.ศ. 0800"
    r = DateRange(date(1800, 12, 28), date(1801, 1, 3))
    assert format_thai_date_range(r, "abbr", era="ce") == "28 ธ.ค. ค.ศ. 1800 - 3 ม.ค. ค.ศ. 1801"
    assert parse_thai_date_range(format_thai_date_range(r, era="ce"), strict=True) == r
    # Every date from 1 January 1 to 9456 reads back in one era or the other.
    assert date(1, 1, 1) == parse_thai_date(format_thai_date(date(1, 1, 1), era="ce"))


def test_supported_dates_edges_round_trip():
    for d in (SUPPORTED_DATES.start, SUPPORTED_DATES.end):
        for style in ("full", "abbr", "numeric"):
            assert parse_thai_date(format_thai_date(d, style)) == d
    assert format_thai_date(SUPPORTED_DATES.start) == "1 เมษายน 2400"
    assert format_thai_date(SUPPORTED_DATES.end) == "31 ธันวาคม 9999"
