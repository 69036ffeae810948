import itertools
import pickle
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moralkit import ThaiDateError, ValidationError
from moralkit.thai import (
    MONTHS_EN,
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    THAI_WEEKDAYS,
    THAI_WEEKDAYS_ABBR,
    DateRange,
    FiscalYear,
    be_year,
    ce_date,
    ce_year,
    parse_fiscal_year,
)


def _refused(info: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    str(info.value)  # the message renders, whatever was passed
    return [(p.path, p.code) for p in info.value.problems]


modern_dates = st.dates(date(1941, 1, 1), date(2600, 12, 31))
all_dates = st.dates(date(2, 1, 1), date(9998, 12, 31))
fiscal_years = st.integers(2400, 3100).map(FiscalYear)


# --- Buddhist Era -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "be"),
    [
        (date(1941, 1, 1), 2484),  # T19
        (date(1940, 2, 1), 2482),  # T20: the 542 offset before 1941
        (date(1940, 4, 1), 2483),  # T21
        (date(1940, 3, 31), 2482),
        (date(1940, 12, 31), 2483),
        (date(1939, 4, 1), 2482),
        (date(2024, 10, 1), 2567),  # T18
        (date(2024, 1, 1), 2567),
    ],
)
def test_be_year(day, be):
    assert be_year(day) == be


@given(all_dates)
def test_ce_date_inverts_be_year(day):
    assert ce_date(day.day, day.month, be_year(day)) == day


@pytest.mark.parametrize("month", [1, 2, 3])
def test_first_quarter_of_2483_never_existed(month):
    with pytest.raises(ThaiDateError, match=r"BE 2483 never existed") as info:
        ce_date(1, month, 2483)
    assert "ไม่มีเดือน" in str(info.value)


def test_ce_date_rejects_impossible_days():
    with pytest.raises(ThaiDateError, match=r"day 31 is out of range for June 2562 \(30 days\)"):
        ce_date(31, 6, 2562)
    with pytest.raises(ThaiDateError, match="day 29 is out of range for February 2566"):
        ce_date(29, 2, 2566)
    assert ce_date(29, 2, 2567) == date(2024, 2, 29)
    with pytest.raises(ThaiDateError, match="month 13 does not exist"):
        ce_date(1, 13, 2567)
    with pytest.raises(ThaiDateError, match="outside the supported range"):
        ce_date(1, 1, 11000)


def test_ce_date_rejects_non_ints():
    with pytest.raises(ValidationError) as info:
        ce_date("1", 1, 2567)  # type: ignore[arg-type]
    assert _refused(info) == [("day", "wrong_type")]
    with pytest.raises(ValidationError) as info:
        ce_date(None, [[1]], 25.67)  # type: ignore[arg-type]
    assert _refused(info) == [("day", "wrong_type"), ("month", "wrong_type"), ("be", "wrong_type")]
    with pytest.raises(ValidationError) as info:
        ce_year(True, 1)
    assert _refused(info) == [("be", "wrong_type")]
    with pytest.raises(ValidationError) as info:
        ce_year(2567, "9")  # type: ignore[arg-type]
    assert _refused(info) == [("month", "wrong_type")]
    with pytest.raises(ThaiDateError, match="outside the supported range") as too_big:
        ce_year(10**5000, 1)
    assert "~10^5000" in str(too_big.value)


@pytest.mark.parametrize("bad", ["2024-09-16", 2567, None, [date(2024, 9, 16)]])
def test_be_year_and_of_refuse_what_is_not_a_date(bad):
    with pytest.raises(ValidationError) as info:
        be_year(bad)
    assert _refused(info) == [("d", "wrong_type")]
    with pytest.raises(ValidationError) as info:
        FiscalYear.of(bad)
    assert _refused(info) == [("d", "wrong_type")]


@pytest.mark.parametrize("bad", [b"2567", 2567, None, pytest.param(10**5000, id="huge")])
def test_parse_fiscal_year_refuses_what_is_not_text(bad):
    for function in (parse_fiscal_year, FiscalYear.parse):
        with pytest.raises(ValidationError) as info:
            function(bad)
        assert _refused(info) == [("text", "wrong_type")]


def test_ce_year():
    assert ce_year(2567, 9) == 2024
    assert ce_year(2482, 2) == 1940
    assert ce_year(2482, 4) == 1939


# --- Names --------------------------------------------------------------------------------


def test_names():
    assert len(THAI_MONTHS) == len(THAI_MONTHS_ABBR) == len(MONTHS_EN) == 12
    assert THAI_MONTHS[8] == "กันยายน"
    assert THAI_MONTHS_ABBR[10] == "พ.ย."
    assert len(THAI_WEEKDAYS) == len(THAI_WEEKDAYS_ABBR) == 7
    assert THAI_WEEKDAYS[date(2019, 6, 25).weekday()] == "อังคาร"


# --- Fiscal years -------------------------------------------------------------------------


def test_fiscal_year_bounds():
    fy = FiscalYear(2567)
    assert fy.start == date(2023, 10, 1)
    assert fy.end == date(2024, 9, 30)
    assert FiscalYear.of(date(2021, 10, 1)) == FiscalYear(2565)  # T17
    assert FiscalYear.of(date(2022, 9, 30)) == FiscalYear(2565)  # T17
    assert FiscalYear.of(date(2024, 10, 1)) == FiscalYear(2568)  # T18


def test_fiscal_year_is_a_value():
    assert FiscalYear(2567) == FiscalYear(2567)
    assert hash(FiscalYear(2567)) == hash(FiscalYear(2567))
    assert FiscalYear(2566) < FiscalYear(2567)
    assert sorted({FiscalYear(2568), FiscalYear(2566), FiscalYear(2567)})[0] == FiscalYear(2566)
    assert pickle.loads(pickle.dumps(FiscalYear(2567))) == FiscalYear(2567)
    with pytest.raises(AttributeError):
        FiscalYear(2567).be = 2568  # type: ignore[misc]


def test_fiscal_year_parts():
    fy = FiscalYear(2567)
    first, second = fy.halves
    assert (first.start, first.end) == (date(2023, 10, 1), date(2024, 3, 31))
    assert (second.start, second.end) == (date(2024, 4, 1), date(2024, 9, 30))
    assert fy.reporting_period(6) == first
    assert fy.reporting_period(12) == DateRange(fy.start, fy.end)
    with pytest.raises(ValidationError) as info:
        fy.reporting_period(9)  # type: ignore[arg-type]
    assert _refused(info) == [("months", "not_allowed")]
    assert [(q.start, q.end) for q in fy.quarters] == [
        (date(2023, 10, 1), date(2023, 12, 31)),
        (date(2024, 1, 1), date(2024, 3, 31)),
        (date(2024, 4, 1), date(2024, 6, 30)),
        (date(2024, 7, 1), date(2024, 9, 30)),
    ]
    assert fy.next() == FiscalYear(2568)
    assert fy.previous() == FiscalYear(2566)
    assert fy + 2 == FiscalYear(2569)
    assert fy - 2 == FiscalYear(2565)


def test_fiscal_year_labels():
    fy = FiscalYear(2567)
    assert str(fy) == "FY2567"
    assert repr(fy) == "FiscalYear(2567)"
    assert fy.label_th == "ปีงบประมาณ พ.ศ. 2567"
    assert fy.label_en == "FY2567"
    assert fy.label("th", digits="thai") == "ปีงบประมาณ พ.ศ. ๒๕๖๗"
    assert f"{fy:th}" == "ปีงบประมาณ พ.ศ. 2567"
    assert f"{fy}" == "FY2567"
    with pytest.raises(ValueError, match="format spec"):
        format(fy, "de")
    with pytest.raises(ValidationError) as info:
        fy.label("de")  # type: ignore[arg-type]
    assert _refused(info) == [("lang", "not_allowed")]
    with pytest.raises(ValidationError) as info:
        fy.label("th", digits="roman")  # type: ignore[arg-type]
    assert _refused(info) == [("digits", "not_allowed")]
    with pytest.raises(ValidationError) as info:
        fy.label(["th"], digits={"thai": 1})  # type: ignore[arg-type]
    assert _refused(info) == [("lang", "not_allowed"), ("digits", "not_allowed")]


@pytest.mark.parametrize("bad", [True, 2567.0, "2567", None, [[2567]]])
def test_fiscal_year_rejects_non_ints(bad):
    with pytest.raises(ValidationError) as info:
        FiscalYear(bad)
    assert isinstance(info.value, ValueError)  # existing ``except ValueError`` still catches it
    assert _refused(info) == [("be", "wrong_type")]


def test_fiscal_year_rejects_out_of_range():
    with pytest.raises(ThaiDateError, match="between"):
        FiscalYear(99)


def test_contains_handles_other_types():
    fy = FiscalYear(2567)
    assert datetime(2024, 9, 30, 23, 59) in fy
    assert "2024-09-30" not in fy
    assert 2567 not in fy


@given(modern_dates)
def test_every_date_lies_in_exactly_one_fiscal_year(day):
    fy = FiscalYear.of(day)
    assert day in fy
    assert day not in fy.next()
    assert day not in fy.previous()
    assert fy.start <= day <= fy.end


@given(fiscal_years)
def test_of_start_and_end(fy):
    assert FiscalYear.of(fy.start) == fy
    assert FiscalYear.of(fy.end) == fy
    assert FiscalYear.of(fy.end + timedelta(days=1)) == fy.next()
    assert (fy.end - fy.start).days + 1 in (365, 366)


@given(fiscal_years)
def test_halves_and_quarters_tile_the_year(fy):
    for parts in (fy.halves, fy.quarters):
        assert parts[0].start == fy.start
        assert parts[-1].end == fy.end
        for a, b in itertools.pairwise(parts):
            assert b.start - a.end == timedelta(days=1)
        assert sum(p.days for p in parts) == fy.range.days


# --- Date ranges --------------------------------------------------------------------------


def test_date_range():
    r = DateRange(date(2019, 6, 25), date(2019, 6, 26))
    assert r.days == len(r) == 2
    assert list(r) == [date(2019, 6, 25), date(2019, 6, 26)]
    assert date(2019, 6, 24) not in r
    assert "2019-06-25" not in r
    assert str(r) == "2019-06-25..2019-06-26"
    assert DateRange.single(date(2019, 6, 25)).days == 1
    assert r.overlaps(DateRange.single(date(2019, 6, 26)))
    assert not r.overlaps(DateRange.single(date(2019, 6, 27)))


def test_date_range_end_before_start():
    with pytest.raises(ThaiDateError, match=r"the end \(2019-06-25\) is before the start") as info:
        DateRange(date(2019, 6, 26), date(2019, 6, 25))
    assert isinstance(info.value, ValueError)
    assert info.value.code == "end_before_start"
    assert info.value.params == {"start": date(2019, 6, 26), "end": date(2019, 6, 25)}


def test_date_range_takes_dates_only():
    with pytest.raises(ValidationError) as info:
        DateRange("2019-06-25", date(2019, 6, 26))  # type: ignore[arg-type]
    assert _refused(info) == [("start", "wrong_type")]
    with pytest.raises(ValidationError) as info:
        DateRange(date(2019, 6, 25), 10**5000)  # type: ignore[arg-type]
    assert _refused(info) == [("end", "wrong_type")]
    r = DateRange(datetime(2019, 6, 25, 10, 0), date(2019, 6, 26))
    assert type(r.start) is date
