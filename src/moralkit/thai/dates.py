"""Strict reading and writing of Thai dates, date ranges and fiscal years.

Text is normalised first (Thai digits to Arabic, white space folded, zero-width spaces
dropped), then matched against a fixed set of forms; the date is built from its parts with
`ce_date`, so a Buddhist-Era year is never mistaken for a Common-Era one. Nothing here hands
Thai text to ``dateutil.parser``, which would read ``15/07/2565`` as the year 2565 CE.

>>> parse_thai_date("วันจันทร์ที่ ๑๖ กันยายน ๒๕๖๗")
datetime.date(2024, 9, 16)
>>> parse_thai_date("23 พ.ย. 64")
datetime.date(2021, 11, 23)
>>> r = parse_thai_date_range("วันอังคารที่ ๒๕ - วันพุธที่ ๒๖ มิถุนายน ๒๕๖๒")
>>> r.start, r.end
(datetime.date(2019, 6, 25), datetime.date(2019, 6, 26))
>>> format_thai_date_range(r)
'25-26 มิถุนายน 2562'
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Literal

from moralkit.errors import ThaiDateError
from moralkit.thai.calendar import (
    MONTHS_EN,
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    THAI_WEEKDAYS,
    WEEKDAYS_EN,
    DateRange,
    FiscalYear,
    be_year,
    ce_date,
)
from moralkit.thai.numerals import to_arabic_digits, to_thai_digits

__all__ = [
    "DateStyle",
    "DigitStyle",
    "format_thai_date",
    "format_thai_date_range",
    "parse_fiscal_year",
    "parse_thai_date",
    "parse_thai_date_range",
]

DateStyle = Literal["full", "abbr", "numeric"]
DigitStyle = Literal["arabic", "thai"]

_STYLES = ("full", "abbr", "numeric")
_DIGITS = ("arabic", "thai")

# Four-digit years below this are never read as Buddhist-Era years without an explicit ค.ศ.
_MIN_BE_YEAR = 2400

# Colloquial short month names (มกรา, กุมภา ...) as they appear in informal documents.
_THAI_MONTHS_SHORT = (
    "มกรา",
    "กุมภา",
    "มีนา",
    "เมษา",
    "พฤษภา",
    "มิถุนา",
    "กรกฎา",
    "สิงหา",
    "กันยา",
    "ตุลา",
    "พฤศจิกา",
    "ธันวา",
)


def _month_key(token: str) -> str:
    return token.replace(".", "").replace(" ", "")


_MONTH_BY_KEY: dict[str, int] = {}
for _number, _names in enumerate(
    zip(THAI_MONTHS, THAI_MONTHS_ABBR, _THAI_MONTHS_SHORT, strict=True), 1
):
    for _name in _names:
        _MONTH_BY_KEY[_month_key(_name)] = _number


def _abbr_pattern(abbr: str) -> str:
    # "มี.ค." -> r"มี\.?\s?ค\.?": each dot optional, a space allowed where a dot was.
    parts = [p for p in abbr.split(".") if p]
    return r"\.?\s?".join(re.escape(p) for p in parts) + r"\.?"


_MONTH_ALTERNATIVES = sorted(
    [re.escape(n) for n in THAI_MONTHS + _THAI_MONTHS_SHORT]
    + [_abbr_pattern(a) for a in THAI_MONTHS_ABBR],
    key=len,
    reverse=True,
)
_MONTH = "(?:" + "|".join(_MONTH_ALTERNATIVES) + ")"
_WEEKDAY_BY_NAME = {name: i for i, name in enumerate(THAI_WEEKDAYS)} | {"พฤหัส": 3}
_WEEKDAY = "(?:" + "|".join(sorted(_WEEKDAY_BY_NAME, key=len, reverse=True)) + ")"
_WEEKDAY_PART = rf"(?:วัน)?(?P<weekday>{_WEEKDAY})(?:\s?ที่)?,?\s?"
_ERA = r"(?P<era>พ\.?\s?ศ\.?|ค\.?\s?ศ\.?|พุทธศักราช|คริสต์ศักราช)"
_YEAR = r"(?P<year>[0-9]{4}|[0-9]{2})"
_DAY = r"(?P<day>[0-9]{1,2})"

_TEXTUAL = re.compile(
    rf"(?:{_WEEKDAY_PART})?(?:วันที่\s?)?{_DAY}\s?(?P<month>{_MONTH})\s?(?:{_ERA}\s?)?{_YEAR}"
)
_NUMERIC = re.compile(
    rf"(?:{_WEEKDAY_PART})?(?:วันที่\s?)?{_DAY}(?P<sep>[/.-])(?P<month>[0-9]{{1,2}})(?P=sep)"
    rf"{_YEAR}(?:\s?{_ERA})?"
)
_ISO = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})")
# A textual date whose month word is not a month: used only to say "unknown month".
_UNKNOWN_MONTH = re.compile(
    rf"(?:{_WEEKDAY_PART})?(?:วันที่\s?)?{_DAY}\s?(?P<word>[^\s0-9]+)\s?(?:{_ERA}\s?)?{_YEAR}"
)
# The first part of a range: a day, optionally with its month and year.
_RANGE_START = re.compile(
    rf"(?:{_WEEKDAY_PART})?(?:วันที่\s?)?{_DAY}"
    rf"(?:\s?(?P<month>{_MONTH})(?:\s?(?:{_ERA}\s?)?{_YEAR})?)?"
)
_RANGE_SEPARATOR = re.compile(r"\s?(?:-|–|—|ถึง)\s?")
_RANGE_PREFIX = re.compile(r"(?:ระหว่าง|ตั้งแต่)\s?")
_SPACES = re.compile(r"\s+")
_FISCAL_YEAR = re.compile(
    r"(?:(?P<prefix>ปีงบประมาณ|ปีงบ\.?|fy|f\.y\.)\s?)?(?:พ\.?\s?ศ\.?\s?)?(?P<year>[0-9]{4}|[0-9]{2})",
    re.IGNORECASE,
)


def _normalise(text: object, function: str) -> str:
    if not isinstance(text, str):
        raise TypeError(f"{function}() takes a str (got {type(text).__name__}: {text!r})")
    folded = unicodedata.normalize("NFC", text).replace("\u200b", "").replace("\ufeff", "")
    return _SPACES.sub(" ", to_arabic_digits(folded)).strip()


def _is_ce_era(era: str | None) -> bool:
    return era is not None and (era.startswith("ค") or era == "คริสต์ศักราช")


def _build(
    text: str, day: int, month: int, year: str, *, era: str | None, weekday: str | None
) -> date:
    """Turn matched parts into a date, checking the year's era and the weekday."""
    if _is_ce_era(era):
        if len(year) == 2:
            raise ThaiDateError(
                text,
                "a two-digit year is read as Buddhist-Era; write a Common-Era year in full "
                "after ค.ศ.",
                "ปีสองหลักถือเป็นปี พ.ศ.; ปี ค.ศ. ต้องเขียนเต็มสี่หลัก",
            )
        result = _ce_date_checked(text, day, month, int(year))
    else:
        be = 2500 + int(year) if len(year) == 2 else int(year)
        if be < _MIN_BE_YEAR:
            raise ThaiDateError(
                text,
                f"the year {be} is below {_MIN_BE_YEAR}, so it is not read as Buddhist-Era; "
                f"mark a Common-Era year with ค.ศ. (ค.ศ. {be} = พ.ศ. {be + 543})",
                f"ปี {be} ต่ำกว่า {_MIN_BE_YEAR} จึงไม่ถือเป็นปี พ.ศ.; หากเป็นปี ค.ศ. ให้ระบุ ค.ศ. "
                f"(ค.ศ. {be} = พ.ศ. {be + 543})",
            )
        try:
            result = ce_date(day, month, be)
        except ThaiDateError as exc:
            raise ThaiDateError(text, exc.problem_en, exc.problem_th) from None
    if weekday is not None:
        _check_weekday(text, result, _WEEKDAY_BY_NAME[weekday])
    return result


def _ce_date_checked(text: str, day: int, month: int, year: int) -> date:
    if not 1 <= month <= 12:
        raise ThaiDateError(
            text, f"month {month} does not exist (months are 1-12)", f"ไม่มีเดือนที่ {month}"
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise ThaiDateError(
            text,
            f"day {day} is out of range for {MONTHS_EN[month - 1]} {year} CE",
            f"ไม่มีวันที่ {day} ใน{THAI_MONTHS[month - 1]} ค.ศ. {year}",
        ) from None


def _check_weekday(text: str, result: date, named: int) -> None:
    actual = result.weekday()
    if actual != named:
        be = be_year(result)
        when_en = f"{result.day} {MONTHS_EN[result.month - 1]} {be} ({result.isoformat()})"
        when_th = f"{result.day} {THAI_MONTHS[result.month - 1]} {be}"
        raise ThaiDateError(
            text,
            f"the weekday does not match the date: {when_en} is a {WEEKDAYS_EN[actual]}, "
            f"not a {WEEKDAYS_EN[named]}",
            f"วันในสัปดาห์ไม่ตรงกับวันที่: {when_th} เป็นวัน{THAI_WEEKDAYS[actual]} "
            f"ไม่ใช่วัน{THAI_WEEKDAYS[named]}",
        )


def _parse_normalised(norm: str, text: str) -> date:
    match = _TEXTUAL.fullmatch(norm)
    if match:
        return _build(
            text,
            int(match["day"]),
            _MONTH_BY_KEY[_month_key(match["month"])],
            match["year"],
            era=match["era"],
            weekday=match["weekday"],
        )
    match = _NUMERIC.fullmatch(norm)
    if match:
        return _build(
            text,
            int(match["day"]),
            int(match["month"]),
            match["year"],
            era=match["era"],
            weekday=match["weekday"],
        )
    match = _ISO.fullmatch(norm)
    if match:
        year = int(match["year"])
        if year >= _MIN_BE_YEAR:
            raise ThaiDateError(
                text,
                f"ISO dates are Common-Era, and {year} looks like a Buddhist-Era year "
                f"(พ.ศ. {year} = ค.ศ. {year - 543})",
                f"วันที่รูปแบบ ISO ใช้ปี ค.ศ. แต่ {year} ดูเป็นปี พ.ศ. (= ค.ศ. {year - 543})",
            )
        return _ce_date_checked(text, int(match["day"]), int(match["month"]), year)
    match = _UNKNOWN_MONTH.fullmatch(norm)
    if match:
        raise ThaiDateError(
            text,
            f"unknown month name {match['word']!r}",
            f"ไม่รู้จักชื่อเดือน {match['word']!r}",
        )
    raise ThaiDateError(text, "not a date in any accepted form", "ไม่ใช่วันที่ในรูปแบบที่รับได้")


def parse_thai_date(text: str) -> date:
    """Read one date written the Thai way, or in ISO 8601.

    Accepts Thai or Arabic digits; full, abbreviated (dots optional) or colloquial month
    names; ``พ.ศ.`` or ``ค.ศ.`` markers; two-digit Buddhist-Era years (``64`` is 2564);
    numeric day-first dates (``16/09/2567``); ISO dates; and a leading weekday, which must
    agree with the date. A four-digit year below 2400 is read only after an explicit
    ``ค.ศ.``, so a date is never 543 years off. Raises `ThaiDateError` otherwise.

    >>> parse_thai_date("21 กุมภาพันธ์ 2565")
    datetime.date(2022, 2, 21)
    >>> parse_thai_date("16/09/2567")
    datetime.date(2024, 9, 16)
    >>> parse_thai_date("16 ก.ย 2024")
    Traceback (most recent call last):
    ...
    moralkit.errors.ThaiDateError: cannot read '16 ก.ย 2024': the year 2024 is below 2400, ...
    """
    return _parse_normalised(_normalise(text, "parse_thai_date"), text)


def _parse_range_start(left: str, end: date, text: str) -> date:
    match = _RANGE_START.fullmatch(left)
    if match is None or match["year"] is not None:
        # A complete date (textual with its year, numeric or ISO) stands on its own.
        return _parse_normalised(left, text)
    day = int(match["day"])
    if match["month"] is None:
        month, be = end.month, be_year(end)
        start = _build(text, day, month, str(be), era=None, weekday=match["weekday"])
    else:
        month = _MONTH_BY_KEY[_month_key(match["month"])]
        be = be_year(end)
        start = _build(text, day, month, str(be), era=None, weekday=None)
        if start > end and month != end.month:
            # "28 ธ.ค. - 3 ม.ค. 2567": the start lies in the year before the stated one.
            start = _build(text, day, month, str(be - 1), era=None, weekday=None)
        if match["weekday"] is not None:
            _check_weekday(text, start, _WEEKDAY_BY_NAME[match["weekday"]])
    return start


def parse_thai_date_range(text: str) -> DateRange:
    """Read a date or a range of dates written the Thai way.

    The end carries the month and year; the start may repeat them or leave them out:
    ``2-3 พฤษภาคม 2566``, ``๒๕ - ๒๖ มิถุนายน ๒๕๖๒``,
    ``วันอังคารที่ ๒๕ - วันพุธที่ ๒๖ มิถุนายน ๒๕๖๒``, ``30 ก.ย. - 1 ต.ค. 2567``,
    ``28 ธ.ค. 2566 - 3 ม.ค. 2567``. Separators are ``-``, ``–`` and ``ถึง``. A single date
    gives a one-day range. A range that ends before it starts is a `ThaiDateError`.

    >>> r = parse_thai_date_range("28 ธ.ค. - 3 ม.ค. 2567")
    >>> r.start, r.end, r.days
    (datetime.date(2023, 12, 28), datetime.date(2024, 1, 3), 7)
    """
    norm = _RANGE_PREFIX.sub("", _normalise(text, "parse_thai_date_range"), count=1)
    try:
        return DateRange.single(_parse_normalised(norm, text))
    except ThaiDateError as exc:
        single_error = exc
    start_error: ThaiDateError | None = None
    end_error: ThaiDateError | None = None
    for separator in _RANGE_SEPARATOR.finditer(norm):
        left, right = norm[: separator.start()], norm[separator.end() :]
        if not left or not right:
            continue
        try:
            end = _parse_normalised(right, text)
        except ThaiDateError as exc:
            end_error = end_error or exc
            continue
        try:
            start = _parse_range_start(left, end, text)
        except ThaiDateError as exc:
            start_error = start_error or exc
            continue
        if end < start:
            raise ThaiDateError(
                text,
                f"the range ends ({end.isoformat()}) before it starts ({start.isoformat()})",
                f"ช่วงวันที่สิ้นสุด ({end.isoformat()}) ก่อนวันเริ่ม ({start.isoformat()})",
            )
        return DateRange(start, end)
    raise start_error or end_error or single_error


def _check_choice(value: str, name: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        choices = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"{name!r} must be one of {choices} (got {value!r})")


def _day_month(d: date, style: str) -> str:
    if style == "full":
        return f"{d.day} {THAI_MONTHS[d.month - 1]}"
    return f"{d.day} {THAI_MONTHS_ABBR[d.month - 1]}"


def _weekday_prefix(d: date) -> str:
    return f"วัน{THAI_WEEKDAYS[d.weekday()]}ที่ "


def _format(d: date, style: str, weekday: bool) -> str:
    prefix = _weekday_prefix(d) if weekday else ""
    if style == "numeric":
        return f"{prefix}{d.day:02d}/{d.month:02d}/{be_year(d)}"
    return f"{prefix}{_day_month(d, style)} {be_year(d)}"


def format_thai_date(
    d: date,
    style: DateStyle = "full",
    digits: DigitStyle = "arabic",
    weekday: bool = False,
) -> str:
    """Write ``d`` the Thai way, with its Buddhist-Era year.

    ``style`` is ``"full"`` (16 กันยายน 2567), ``"abbr"`` (16 ก.ย. 2567) or ``"numeric"``
    (16/09/2567); ``digits`` is ``"arabic"`` or ``"thai"``; ``weekday=True`` puts the weekday
    first (วันจันทร์ที่ 16 กันยายน 2567). `parse_thai_date` reads every result back.

    >>> from datetime import date
    >>> format_thai_date(date(2024, 9, 16), "abbr", digits="thai", weekday=True)
    'วันจันทร์ที่ ๑๖ ก.ย. ๒๕๖๗'
    """
    _check_choice(style, "style", _STYLES)
    _check_choice(digits, "digits", _DIGITS)
    if not isinstance(d, date):
        raise TypeError(f"format_thai_date() takes a datetime.date (got {d!r})")
    text = _format(d, style, weekday)
    return to_thai_digits(text) if digits == "thai" else text


def format_thai_date_range(
    r: DateRange,
    style: DateStyle = "full",
    digits: DigitStyle = "arabic",
    weekday: bool = False,
) -> str:
    """Write a range, sharing the month and year where the two ends share them.

    >>> from datetime import date
    >>> format_thai_date_range(DateRange(date(2024, 9, 30), date(2024, 10, 1)), "abbr")
    '30 ก.ย. - 1 ต.ค. 2567'
    >>> format_thai_date_range(DateRange(date(2019, 6, 25), date(2019, 6, 26)), weekday=True)
    'วันอังคารที่ 25 - วันพุธที่ 26 มิถุนายน 2562'
    """
    _check_choice(style, "style", _STYLES)
    _check_choice(digits, "digits", _DIGITS)
    if not isinstance(r, DateRange):
        raise TypeError(f"format_thai_date_range() takes a DateRange (got {r!r})")
    start, end = r.start, r.end
    if start == end:
        text = _format(start, style, weekday)
    elif style == "numeric" or be_year(start) != be_year(end):
        text = f"{_format(start, style, weekday)} - {_format(end, style, weekday)}"
    else:
        first = _weekday_prefix(start) if weekday else ""
        if start.month == end.month:
            first += str(start.day)
            joint = " - " if weekday else "-"
        else:
            first += _day_month(start, style)
            joint = " - "
        text = f"{first}{joint}{_format(end, style, weekday)}"
    return to_thai_digits(text) if digits == "thai" else text


def parse_fiscal_year(text: str) -> FiscalYear:
    """Read a fiscal year: ``ปีงบประมาณ พ.ศ. 2567``, ``ปีงบ 67``, ``FY2567``, ``2567``.

    Two-digit years need a Thai prefix (``ปีงบ 67``); a four-digit year below 2400 is
    refused, because ``FY2024`` most likely means the Common-Era year (= ``FY2567``).

    >>> parse_fiscal_year("ปีงบ ๖๗"), parse_fiscal_year("FY 2567")
    (FiscalYear(2567), FiscalYear(2567))
    """
    norm = _normalise(text, "parse_fiscal_year")
    match = _FISCAL_YEAR.fullmatch(norm)
    if match is None:
        raise ThaiDateError(
            text,
            "not a fiscal year; write it as ปีงบประมาณ พ.ศ. 2567, ปีงบ 67, FY2567 or 2567",
            "ไม่ใช่ปีงบประมาณ; เขียนเป็น ปีงบประมาณ พ.ศ. 2567, ปีงบ 67, FY2567 หรือ 2567",
        )
    year, prefix = match["year"], (match["prefix"] or "")
    if len(year) == 2:
        if not prefix.startswith("ปี"):
            raise ThaiDateError(
                text,
                "a two-digit fiscal year needs the Thai prefix (ปีงบ 67); write four digits",
                "ปีงบประมาณสองหลักต้องมีคำว่า ปีงบ นำหน้า; หรือเขียนเต็มสี่หลัก",
            )
        return FiscalYear(2500 + int(year))
    value = int(year)
    if value < _MIN_BE_YEAR:
        raise ThaiDateError(
            text,
            f"{value} is not a Buddhist-Era year; the fiscal year ending in {value} CE is "
            f"FY{value + 543}",
            f"{value} ไม่ใช่ปี พ.ศ.; ปีงบประมาณที่สิ้นสุดใน ค.ศ. {value} คือ พ.ศ. {value + 543}",
        )
    return FiscalYear(value)
