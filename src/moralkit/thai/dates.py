"""Strict reading and writing of Thai dates, times, date ranges and fiscal years.

Text is normalised first (Thai digits to Arabic, white space folded, zero-width spaces
dropped), then matched against a fixed set of forms; the date is built from its parts with
`ce_date`, so a Buddhist-Era year is never mistaken for a Common-Era one. Nothing here hands
Thai text to ``dateutil.parser``, which would read ``15/07/2565`` as the year 2565 CE.

>>> parse_thai_date("วันจันทร์ที่ ๑๖ กันยายน ๒๕๖๗")
datetime.date(2024, 9, 16)
>>> parse_thai_date("23 พ.ย. 64")
datetime.date(2021, 11, 23)
>>> parse_thai_datetime("8 มกราคม 2568 เวลา 12:22 น.")
datetime.datetime(2025, 1, 8, 12, 22, tzinfo=zoneinfo.ZoneInfo(key='Asia/Bangkok'))
>>> r = parse_thai_date_range("วันอังคารที่ ๒๕ - วันพุธที่ ๒๖ มิถุนายน ๒๕๖๒")
>>> r.start, r.end
(datetime.date(2019, 6, 25), datetime.date(2019, 6, 26))
>>> format_thai_date_range(r)
'25-26 มิถุนายน 2562'
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import cache
from typing import Literal, NamedTuple, NoReturn

from moralkit._args import not_allowed, refuse, wrong_type
from moralkit.errors import Problem, ThaiDateError
from moralkit.thai._text import normalise
from moralkit.thai.calendar import (
    MONTHS_EN,
    MONTHS_EN_ABBR,
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    THAI_WEEKDAYS,
    THAI_WEEKDAYS_ABBR,
    WEEKDAYS_EN,
    DateRange,
    be_year,
    ce_date,
    month_words,
    parse_fiscal_year,
    weekday_words,
)
from moralkit.thai.numerals import to_thai_digits

__all__ = [
    "SUPPORTED_DATES",
    "ClockStyle",
    "DateStyle",
    "DigitStyle",
    "EraStyle",
    "WeekdayStyle",
    "bangkok",
    "format_thai_date",
    "format_thai_date_range",
    "format_thai_datetime",
    "parse_fiscal_year",
    "parse_thai_date",
    "parse_thai_date_range",
    "parse_thai_datetime",
]

DateStyle = Literal["full", "abbr", "numeric"]
DigitStyle = Literal["arabic", "thai"]
WeekdayStyle = Literal["full", "abbr"]
EraStyle = Literal["be", "ce"]
ClockStyle = Literal["th", "24h", "12h"]

_STYLES = ("full", "abbr", "numeric")
_DIGITS = ("arabic", "thai")
_WEEKDAY_STYLES = ("full", "abbr")
_WEEKDAY_CHOICES = (False, True, *_WEEKDAY_STYLES)
_ERAS = ("be", "ce")
_ERA_CHOICES = (False, True, *_ERAS)
_YEAR_DIGITS = (4, 2)
_CLOCKS = ("th", "24h", "12h")

# Four-digit years from this one on are Buddhist-Era; below it, Common-Era.
_MIN_BE_YEAR = 2400

#: Every date `format_thai_date` writes and the readers read back to the same date: from
#: 1 April 1857 (the first day of BE 2400) to 31 December 9456 (the last day of BE 9999).
SUPPORTED_DATES = DateRange(date(1857, 4, 1), date(9456, 12, 31))
# The dates written with a Common-Era year (era="ce") that read back: CE years 1-2399.
_CE_DATES = DateRange(date(1, 1, 1), date(_MIN_BE_YEAR - 1, 12, 31))


@cache
def bangkok() -> tzinfo:
    """The ``Asia/Bangkok`` time zone, in which `parse_thai_datetime` returns its results.

    It is read from the system's time-zone database (or the ``tzdata`` package). Where
    neither is installed, a fixed UTC+07:00 named ``Asia/Bangkok`` stands in: Thailand has
    kept that offset, without daylight saving, since 1 April 1920, so only earlier times
    differ (by the 17 min 56 s of Bangkok Mean Time).

    >>> bangkok()
    zoneinfo.ZoneInfo(key='Asia/Bangkok')
    """
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # noqa: PLC0415 (only when asked)

    try:
        return ZoneInfo("Asia/Bangkok")
    except ZoneInfoNotFoundError:
        return timezone(timedelta(hours=7), "Asia/Bangkok")


# --- the forms ---------------------------------------------------------------------------

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


def _key(token: str) -> str:
    return token.replace(".", "").replace(" ", "").lower()


_MONTH_BY_KEY: dict[str, int] = {}
for _number, _names in enumerate(
    zip(THAI_MONTHS, THAI_MONTHS_ABBR, _THAI_MONTHS_SHORT, MONTHS_EN, MONTHS_EN_ABBR, strict=True),
    1,
):
    for _name in _names:
        _MONTH_BY_KEY[_key(_name)] = _number
_MONTH_BY_KEY["sept"] = 9
_ENGLISH_MONTHS = frozenset(k for k in _MONTH_BY_KEY if k.isascii())


def _abbr_pattern(abbr: str) -> str:
    # "มี.ค." -> r"มี\.?\s?ค\.?": each dot optional, a space allowed where a dot was.
    parts = [p for p in abbr.split(".") if p]
    return r"\.?\s?".join(re.escape(p) for p in parts) + r"\.?"


def _longest_first(alternatives: list[str]) -> str:
    return "(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + ")"


_MONTH_TH = _longest_first(
    [re.escape(n) for n in THAI_MONTHS + _THAI_MONTHS_SHORT]
    + [_abbr_pattern(a) for a in THAI_MONTHS_ABBR]
)
_MONTH_EN = _longest_first(sorted(_ENGLISH_MONTHS)) + r"\.?"
_MONTH = f"(?:{_MONTH_TH}|{_MONTH_EN})"

_WEEKDAY_BY_KEY: dict[str, int] = {}
for _index, _words in enumerate(zip(THAI_WEEKDAYS, THAI_WEEKDAYS_ABBR, WEEKDAYS_EN, strict=True)):
    for _word in _words:
        _WEEKDAY_BY_KEY[_key(_word)] = _index
    _WEEKDAY_BY_KEY[WEEKDAYS_EN[_index][:3].lower()] = _index
_WEEKDAY_BY_KEY |= {"พฤหัส": 3, "tues": 1, "thur": 3, "thurs": 3}
_WEEKDAY_TH = _longest_first([*THAI_WEEKDAYS, "พฤหัส"])
_WEEKDAY_TH_ABBR = _longest_first([re.escape(_key(a)) for a in THAI_WEEKDAYS_ABBR])
_WEEKDAY_EN = _longest_first([k for k in _WEEKDAY_BY_KEY if k.isascii()])
# A weekday before the day: วันจันทร์ที่, จันทร์, จ., Monday, Mon.
_WEEKDAY_PART = (
    rf"(?:(?:วัน)?(?P<weekday>{_WEEKDAY_TH})(?:\s?ที่)?|(?P<weekday_abbr>{_WEEKDAY_TH_ABBR})\."
    rf"|(?P<weekday_en>{_WEEKDAY_EN})\.?),?\s?"
)
# Words that open a single date: เมื่อวันที่, ณ วันที่, ในวันจันทร์ที่ (only at the start).
_LEAD = r"(?:(?:เมื่อ|ณ|ใน)\s?(?=วัน))?"
_DAY_WORD = r"(?:วันที่\s?)?"
_ERA_WORDS = (
    r"พ\.?\s?ศ\.?|พุทธศักราช|b\.?\s?e\.?"  # Buddhist Era
    r"|ค\.?\s?ศ\.?|คริสต์ศักราช|c\.?\s?e\.?|a\.?\s?d\.?"  # Common Era
)
_YEAR_PART = (
    rf"(?:(?P<era>{_ERA_WORDS})\s?)?(?P<year>[0-9]{{4}}|[0-9]{{2}})"
    rf"(?:\s?(?P<era_after>{_ERA_WORDS}))?"
)
_DAY = r"(?P<day>[0-9]{1,2})"
_ORDINAL = r"(?:st|nd|rd|th)?"
# A time after the date: เวลา 12:22 น., 09:00:01, 7:00 pm, 18.30 น., 7 pm.
_SUFFIX = r"น\.?|นาฬิกา|a\.?\s?m\.?|p\.?\s?m\.?"
_TIME_PART = (
    r"(?:,?\s?(?:เวลา(?:ประมาณ)?|at)\s?|,\s?|\s|t)"
    r"(?P<time>(?P<hour>[0-9]{1,2})(?:(?P<sep>[:.])(?P<minute>[0-9]{2})(?:(?P=sep)(?P<second>[0-9]{2}))?"
    rf"(?:\s?(?P<suffix>{_SUFFIX}))?|\s?(?P<suffix_alone>{_SUFFIX})))"
)


def _forms(lead: bool) -> tuple[re.Pattern[str], ...]:
    opening = (_LEAD if lead else "") + rf"(?:{_WEEKDAY_PART})?{_DAY_WORD}"
    time_part = f"(?:{_TIME_PART})?"
    # The forms exclude each other, so their order changes only the time taken.
    bodies = (
        # 16 กันยายน 2567, 16 ก.ย. 67, 8 Sep 2544 B.E., 8th of September 2544 BE
        rf"{_DAY}{_ORDINAL}\s?(?:of\s)?(?P<month>{_MONTH}),?\s?{_YEAR_PART}",
        # 16/09/2567, 16-9-2567, 16.09.67
        rf"{_DAY}(?P<numsep>[/.-])(?P<number>[0-9]{{1,2}})(?P=numsep)"
        rf"(?P<year>[0-9]{{4}}|[0-9]{{2}})(?:\s?(?P<era_after>{_ERA_WORDS}))?",
        # September 8, 2544 BE
        rf"(?P<month>{_MONTH_EN})\s?{_DAY}{_ORDINAL},?\s?{_YEAR_PART}",
    )
    forms = [re.compile(opening + body + time_part, re.IGNORECASE) for body in bodies]
    iso = r"(?P<iso>[0-9]{4})-(?P<number>[0-9]{2})-(?P<day>[0-9]{2})"
    forms.append(re.compile(iso + time_part, re.IGNORECASE))
    return tuple(forms)


class _Patterns(NamedTuple):
    forms: tuple[re.Pattern[str], ...]  # a whole date, lead words allowed
    end_forms: tuple[re.Pattern[str], ...]  # the end of a range: no lead words
    unknown_month: re.Pattern[str]  # a date whose month word is no month, to say so
    range_start: re.Pattern[str]  # the start of a range: a day, perhaps its month and year


@cache
def _patterns() -> _Patterns:
    # Compiled on first use, not at import: they are large, and most imports read no date.
    return _Patterns(
        _forms(lead=True),
        _forms(lead=False),
        re.compile(
            rf"{_LEAD}(?:{_WEEKDAY_PART})?{_DAY_WORD}{_DAY}\s?(?P<word>[^\s0-9]+?),?\s?"
            rf"{_YEAR_PART}",
            re.IGNORECASE,
        ),
        re.compile(
            rf"(?:{_WEEKDAY_PART})?{_DAY_WORD}{_DAY}{_ORDINAL}"
            rf"(?:\s?(?:of\s)?(?P<month>{_MONTH})(?:,?\s?{_YEAR_PART})?)?",
            re.IGNORECASE,
        ),
    )


_RANGE_SEPARATOR = re.compile(r"\s?(?:-|–|—|จนถึง|ถึง)\s?")
# Words that open a range (ระหว่างวันที่ 2-3 ..., ตั้งแต่ 28 ธ.ค. ...): only at the very start.
_RANGE_PREFIX = re.compile(r"(?:ระหว่าง|ตั้งแต่)\s?(?=[0-9]|วัน)")


# --- reading -----------------------------------------------------------------------------


class _Read(NamedTuple):
    day: date
    common_era: bool  # the year was written in the Common Era
    clock: time | None


def _era(text: str, before: str | None, after: str | None) -> str | None:
    if before is not None and after is not None:
        raise ThaiDateError(text, "date.unreadable")
    word = before or after
    if word is None:
        return None
    key = _key(word)
    return "be" if key in ("พศ", "พุทธศักราช", "be") else "ce"


def _be_date(text: str, day: int, month: int, be: int) -> date:
    try:
        return ce_date(day, month, be)
    except ThaiDateError as exc:
        raise ThaiDateError(text, exc.code, exc.params) from None


def _ce_date(text: str, day: int, month: int, year: int) -> date:
    if year >= _MIN_BE_YEAR:
        raise ThaiDateError(text, "date.ce_year_looks_be", {"year": year, "ce": year - 543})
    if year < 1:
        raise ThaiDateError(text, "date.ce_year_out_of_range", {"year": year})
    if not 1 <= month <= 12:
        raise ThaiDateError(text, "date.month_out_of_range", {"month": month})
    try:
        return date(year, month, day)
    except ValueError:
        last = (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days
        params = {"day": day, "month_name": month_words(month), "year": year, "days": last}
        raise ThaiDateError(text, "date.day_out_of_range_ce", params) from None


def _in_era(text: str, day: int, month: int, year: int, common_era: bool) -> date:
    if common_era:
        return _ce_date(text, day, month, year)
    return _be_date(text, day, month, year)


def _resolve(
    text: str, day: int, month: int, year_text: str, era: str | None, *, english: bool, strict: bool
) -> tuple[date, bool]:
    """Build the date from its parts, deciding the era of the year; (date, common_era)."""
    year = int(year_text)
    if len(year_text) == 2:
        if era == "ce":
            raise ThaiDateError(text, "date.two_digit_ce_year", {"year": year_text})
        if era is None and english:
            raise ThaiDateError(text, "date.two_digit_year_unclear", {"year": year_text})
        return _be_date(text, day, month, 2500 + year), False
    if era == "ce" or (era is None and year < _MIN_BE_YEAR):
        if era is None and strict:
            params = {"year": year, "minimum": _MIN_BE_YEAR, "be": year + 543}
            raise ThaiDateError(text, "date.year_needs_ce_marker", params)
        return _ce_date(text, day, month, year), True
    if year < _MIN_BE_YEAR:
        params = {"year": year, "minimum": _MIN_BE_YEAR, "be": year + 543}
        raise ThaiDateError(text, "date.be_year_below_minimum", params)
    return _be_date(text, day, month, year), False


def _named_weekday(groups: dict[str, str | None]) -> int | None:
    word = groups.get("weekday") or groups.get("weekday_abbr") or groups.get("weekday_en")
    return None if word is None else _WEEKDAY_BY_KEY[_key(word)]


def _check_weekday(text: str, result: date, named: int | None) -> None:
    if named is None:
        return
    actual = result.weekday()
    if actual != named:
        params = {
            "day": result.day,
            "month_name": month_words(result.month),
            "year": be_year(result),
            "date": result,
            "weekday": weekday_words(actual),
            "named_weekday": weekday_words(named),
        }
        raise ThaiDateError(text, "date.weekday_mismatch", params)


def _clock(text: str, groups: dict[str, str | None]) -> time | None:
    written = groups.get("time")
    if written is None:
        return None
    hour = int(groups["hour"] or 0)
    minute = int(groups["minute"] or 0)
    second = int(groups["second"] or 0)
    suffix = _key(groups["suffix"] or groups["suffix_alone"] or "")
    if suffix in ("am", "pm"):
        valid = 1 <= hour <= 12
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    else:
        valid = hour <= 23
    if not valid or minute > 59 or second > 59:
        raise ThaiDateError(text, "date.time_out_of_range", {"time": written})
    return time(hour, minute, second)


def _from_match(match: re.Match[str], text: str, strict: bool) -> _Read:
    groups: dict[str, str | None] = match.groupdict()
    day = int(match["day"])
    iso, number = groups.get("iso"), groups.get("number")
    if iso is not None:
        result = _ce_date(text, day, int(match["number"]), int(iso))
        common_era = True
    else:
        era = _era(text, groups.get("era"), groups.get("era_after"))
        if number is not None:
            month, english = int(number), False
        else:
            key = _key(match["month"])
            month, english = _MONTH_BY_KEY[key], key in _ENGLISH_MONTHS
        result, common_era = _resolve(
            text, day, month, match["year"], era, english=english, strict=strict
        )
    _check_weekday(text, result, _named_weekday(groups))
    return _Read(result, common_era, _clock(text, groups))


def _read(norm: str, text: str, *, strict: bool, lead: bool = True) -> _Read:
    patterns = _patterns()
    for form in patterns.forms if lead else patterns.end_forms:
        match = form.fullmatch(norm)
        if match:
            return _from_match(match, text, strict)
    match = patterns.unknown_month.fullmatch(norm)
    if match and _key(match["word"]) not in _MONTH_BY_KEY:
        raise ThaiDateError(text, "date.unknown_month", {"word": match["word"]})
    raise ThaiDateError(text, "date.unreadable")


def _refuse_reader(text: object, strict: object, function: str) -> NoReturn:
    """Refuse a reader's arguments: ``text`` not a str, ``strict`` not a bool, or both."""
    problems = []
    if not isinstance(text, str):
        problems.append(wrong_type("text", "kind.text", text))
    if not isinstance(strict, bool):
        problems.append(wrong_type("strict", "kind.boolean", strict))
    refuse(problems, function)


def parse_thai_date(text: str, *, strict: bool = False) -> date:
    """Read one date written the Thai way, in English with a BE year, or in ISO 8601.

    Accepts Thai or Arabic digits; full, abbreviated (dots optional) or colloquial Thai month
    names, and English ones; ``พ.ศ.``/``BE`` or ``ค.ศ.``/``CE``/``AD`` markers; two-digit
    Buddhist-Era years (``64`` is 2564); numeric day-first dates (``16/09/2567``); ISO dates;
    a leading weekday, which must agree with the date; leading ``วันที่``, ``เมื่อวันที่``,
    ``ณ วันที่``; and a time after the date (``เวลา 12:22 น.``, ``09:00:01``, ``7:00 pm``),
    which must be a real time and is then dropped (see `parse_thai_datetime`).

    A four-digit year from 2400 on is Buddhist-Era; below 2400 it is Common-Era
    (``8 มกราคม 2015``), and with ``strict=True`` such a year must be marked ``ค.ศ.``. So
    a date is never 543 years off. Raises `ThaiDateError` otherwise.

    >>> parse_thai_date("21 กุมภาพันธ์ 2565")
    datetime.date(2022, 2, 21)
    >>> parse_thai_date("16/09/2567"), parse_thai_date("September 16, 2567 BE")
    (datetime.date(2024, 9, 16), datetime.date(2024, 9, 16))
    >>> parse_thai_date("8 มกราคม 2015")
    datetime.date(2015, 1, 8)
    >>> parse_thai_date("16 ก.ย 2024", strict=True)
    Traceback (most recent call last):
    ...
    moralkit.errors.ThaiDateError: cannot read '16 ก.ย 2024': the year 2024 is below 2400, ...

    Text that is not a str, or a ``strict`` that is not a bool, is a `ValidationError`
    (``wrong_type`` at ``text`` or ``strict``).
    """
    if not isinstance(text, str) or not isinstance(strict, bool):
        _refuse_reader(text, strict, "parse_thai_date")
    return _read(normalise(text, "parse_thai_date"), text, strict=strict).day


def parse_thai_datetime(text: str, *, strict: bool = False) -> datetime:
    """Read a date and the time after it, as an aware `datetime` in ``Asia/Bangkok``.

    The date is read as `parse_thai_date` reads it; the time may be written ``เวลา 12:22 น.``,
    ``12.22 น.``, ``09:00:01``, ``7:00 pm`` or ``7 pm``. Text without a time is a
    `ThaiDateError` (``date.time_missing``): no time of day is made up. Arguments are
    checked as `parse_thai_date` checks them.

    >>> parse_thai_datetime("วันพุธที่ 8 มกราคม 2568 เวลา 18.30 น.").isoformat()
    '2025-01-08T18:30:00+07:00'
    >>> parse_thai_datetime("September 8, 2544 BE 7:00 pm").isoformat()
    '2001-09-08T19:00:00+07:00'
    """
    if not isinstance(text, str) or not isinstance(strict, bool):
        _refuse_reader(text, strict, "parse_thai_datetime")
    read = _read(normalise(text, "parse_thai_datetime"), text, strict=strict)
    if read.clock is None:
        raise ThaiDateError(text, "date.time_missing")
    return datetime.combine(read.day, read.clock, tzinfo=bangkok())


def _range_start(left: str, end: _Read, text: str, strict: bool) -> date:
    match = _patterns().range_start.fullmatch(left)
    if match is None or match["year"] is not None:
        # A complete date (textual with its year, numeric or ISO) stands on its own.
        return _read(left, text, strict=strict).day
    day = int(match["day"])
    year = end.day.year if end.common_era else be_year(end.day)
    if match["month"] is None:
        start = _in_era(text, day, end.day.month, year, end.common_era)
    else:
        month = _MONTH_BY_KEY[_key(match["month"])]
        start = _in_era(text, day, month, year, end.common_era)
        if start > end.day and month != end.day.month:
            # "28 ธ.ค. - 3 ม.ค. 2567": the start lies in the year before the stated one.
            start = _in_era(text, day, month, year - 1, end.common_era)
    _check_weekday(text, start, _named_weekday(match.groupdict()))
    return start


def parse_thai_date_range(text: str, *, strict: bool = False) -> DateRange:
    """Read a date or a range of dates written the Thai way.

    The end carries the month and year; the start may repeat them or leave them out:
    ``2-3 พฤษภาคม 2566``, ``๒๕ - ๒๖ มิถุนายน ๒๕๖๒``,
    ``วันอังคารที่ ๒๕ - วันพุธที่ ๒๖ มิถุนายน ๒๕๖๒``, ``30 ก.ย. - 1 ต.ค. 2567``,
    ``28 ธ.ค. 2566 - 3 ม.ค. 2567``. Separators are ``-``, ``–``, ``ถึง`` and ``จนถึง``; the
    words ``ระหว่าง`` and ``ตั้งแต่`` may open the text, and nowhere else. A single date gives
    a one-day range. A range that ends before it starts is a `ThaiDateError`. ``strict``, and
    the check of both arguments, are as for `parse_thai_date`.

    The time taken grows with the length of the text and no faster: folded text longer than
    `MAX_TEXT_LENGTH <moralkit.thai._text.MAX_TEXT_LENGTH>` characters is refused before any
    matching, and each of the (at most that many) separators is tried once.

    >>> r = parse_thai_date_range("28 ธ.ค. - 3 ม.ค. 2567")
    >>> r.start, r.end, r.days
    (datetime.date(2023, 12, 28), datetime.date(2024, 1, 3), 7)
    """
    if not isinstance(text, str) or not isinstance(strict, bool):
        _refuse_reader(text, strict, "parse_thai_date_range")
    norm = normalise(text, "parse_thai_date_range")
    prefix = _RANGE_PREFIX.match(norm)
    if prefix is not None:
        norm = norm[prefix.end() :]
    try:
        return DateRange.single(_read(norm, text, strict=strict).day)
    except ThaiDateError as exc:
        single_error = exc
    start_error: ThaiDateError | None = None
    end_error: ThaiDateError | None = None
    for separator in _RANGE_SEPARATOR.finditer(norm):
        left, right = norm[: separator.start()], norm[separator.end() :]
        if not left or not right:
            continue
        try:
            end = _read(right, text, strict=strict, lead=False)
        except ThaiDateError as exc:
            end_error = end_error or exc
            continue
        try:
            start = _range_start(left, end, text, strict)
        except ThaiDateError as exc:
            start_error = start_error or exc
            continue
        if end.day < start:
            raise ThaiDateError(text, "end_before_start", {"start": start, "end": end.day})
        return DateRange(start, end.day)
    raise start_error or end_error or single_error


# --- writing -----------------------------------------------------------------------------


def _choice(value: object, name: str, allowed: tuple[str, ...], problems: list[Problem]) -> None:
    """Add a problem unless ``value`` is one of the strings ``allowed``."""
    if not isinstance(value, str):
        problems.append(wrong_type(name, "kind.text", value))
    elif value not in allowed:
        problems.append(not_allowed(name, allowed, value))


class _Options(NamedTuple):
    style: str
    weekday: str | None
    era: str | None  # the marker to write: "be" (พ.ศ.), "ce" (ค.ศ.) or none
    year_digits: int
    pad_day: bool


def _options(
    problems: list[Problem],
    style: object,
    digits: object,
    weekday: object,
    *,
    era: object,
    year_digits: object,
    pad_day: object,
) -> _Options:
    """The date options, checked; each fault is added to ``problems``.

    Each check is an isinstance or identity test before any comparison, so an argument's own
    ``__eq__`` never runs (a signalling decimal NaN raises on ``==``) and the valid case stays
    cheap. The options returned mean something only when no problem was added.
    """
    if not (isinstance(style, str) and style in _STYLES):
        _choice(style, "style", _STYLES, problems)
        style = "full"
    if not (isinstance(digits, str) and digits in _DIGITS):
        _choice(digits, "digits", _DIGITS, problems)
    named: str | None = None
    if weekday is True:
        named = "full"
    elif isinstance(weekday, str) and weekday in _WEEKDAY_STYLES:
        named = weekday
    elif weekday is not False:
        problems.append(not_allowed("weekday", _WEEKDAY_CHOICES, weekday))
    marker: str | None = None
    if era is True:
        marker = "be"
    elif isinstance(era, str) and era in _ERAS:
        marker = era
    elif era is not False:
        problems.append(not_allowed("era", _ERA_CHOICES, era))
    if not isinstance(year_digits, int) or isinstance(year_digits, bool):
        problems.append(wrong_type("year_digits", "kind.integer", year_digits))
        year_digits = 4
    elif year_digits not in _YEAR_DIGITS:
        problems.append(not_allowed("year_digits", _YEAR_DIGITS, year_digits))
    if not isinstance(pad_day, bool):
        problems.append(wrong_type("pad_day", "kind.boolean", pad_day))
        pad_day = False
    if marker is not None and style == "numeric":
        problems.append(Problem("era", "date.era_not_in_numeric", {"era": era}))
    elif marker == "ce" and year_digits == 2:
        problems.append(Problem("year_digits", "date.two_digit_year_with_ce", {}))
    return _Options(style, named, marker, year_digits, pad_day)


def _check_supported(d: date, options: _Options) -> None:
    supported = _CE_DATES if options.era == "ce" else SUPPORTED_DATES
    if d not in supported:
        params = {"date": d, "first": supported.start, "last": supported.end}
        raise ThaiDateError(None, "date.outside_supported_range", params)


def _year_of(d: date, options: _Options) -> int:
    return d.year if options.era == "ce" else be_year(d)


def _year(d: date, options: _Options) -> str:
    if options.era == "ce":
        return f"ค.ศ. {d.year:04d}"
    be = be_year(d)
    if options.year_digits == 2:
        if not 2500 <= be <= 2599:
            raise ThaiDateError(None, "date.two_digit_year_out_of_range", {"date": d})
        text = f"{be % 100:02d}"
    else:
        text = str(be)
    return f"พ.ศ. {text}" if options.era else text


def _day(d: date, options: _Options) -> str:
    return f"{d.day:02d}" if options.pad_day else str(d.day)


def _day_month(d: date, options: _Options) -> str:
    names = THAI_MONTHS if options.style == "full" else THAI_MONTHS_ABBR
    return f"{_day(d, options)} {names[d.month - 1]}"


def _weekday_prefix(d: date, options: _Options) -> str:
    if options.weekday == "abbr":
        return f"{THAI_WEEKDAYS_ABBR[d.weekday()]} "
    return f"วัน{THAI_WEEKDAYS[d.weekday()]}ที่ "


def _format(d: date, options: _Options) -> str:
    _check_supported(d, options)
    prefix = _weekday_prefix(d, options) if options.weekday else ""
    if options.style == "numeric":
        return f"{prefix}{d.day:02d}/{d.month:02d}/{_year(d, options)}"
    return f"{prefix}{_day_month(d, options)} {_year(d, options)}"


def format_thai_date(
    d: date,
    style: DateStyle = "full",
    digits: DigitStyle = "arabic",
    weekday: bool | WeekdayStyle = False,
    *,
    era: bool | EraStyle = False,
    year_digits: Literal[4, 2] = 4,
    pad_day: bool = False,
) -> str:
    """Write ``d`` the Thai way, with its Buddhist-Era year.

    ``style`` is ``"full"`` (16 กันยายน 2567), ``"abbr"`` (16 ก.ย. 2567) or ``"numeric"``
    (16/09/2567); ``digits`` is ``"arabic"`` or ``"thai"``; ``weekday`` puts the weekday
    first, in full (``True`` or ``"full"``: วันจันทร์ที่ 16 กันยายน 2567) or abbreviated
    (``"abbr"``: จ. 16 ก.ย. 2567); ``era=True`` (or ``"be"``) writes ``พ.ศ.`` before the
    year, and ``era="ce"`` the Common-Era year after ``ค.ศ.`` (``16 กันยายน ค.ศ. 2024``);
    ``year_digits=2`` writes ``67`` for 2567 (BE 2500-2599 only); ``pad_day=True`` writes
    ``01`` for the first. `parse_thai_date` reads every result back to ``d``, even with
    ``strict=True``. Dates whose year would not read back are a `ThaiDateError`: outside
    `SUPPORTED_DATES` for a BE year, after 2399 for a CE year. Arguments of the wrong kind
    or outside their set are a `ValidationError` at the argument's name (``wrong_type``,
    ``not_allowed``), every one at once.

    >>> from datetime import date
    >>> format_thai_date(date(2024, 9, 16), "abbr", digits="thai", weekday=True)
    'วันจันทร์ที่ ๑๖ ก.ย. ๒๕๖๗'
    >>> format_thai_date(date(2024, 9, 1), "abbr", weekday="abbr", year_digits=2, pad_day=True)
    'อา. 01 ก.ย. 67'
    >>> format_thai_date(date(2024, 9, 16), era=True)
    '16 กันยายน พ.ศ. 2567'
    >>> format_thai_date("2024-09-16", "long")
    Traceback (most recent call last):
    ...
    moralkit.errors.ValidationError: 2 problems in format_thai_date:
      d: expected a date (datetime.date) (got 2024-09-16) / ...
      style: expected one of full, abbr, numeric (got long) / ...
    """
    problems: list[Problem] = []
    if not isinstance(d, date):
        problems.append(wrong_type("d", "date.kind.date", d))
    options = _options(
        problems, style, digits, weekday, era=era, year_digits=year_digits, pad_day=pad_day
    )
    if problems:
        refuse(problems, "format_thai_date")
    text = _format(d, options)
    return to_thai_digits(text) if digits == "thai" else text


def _clock_text(t: time, clock: str, seconds: bool) -> str:
    if clock == "th":
        text = f"{t.hour:02d}.{t.minute:02d}" + (f".{t.second:02d}" if seconds else "")
        return f"เวลา {text} น."
    rest = f"{t.minute:02d}" + (f":{t.second:02d}" if seconds else "")
    if clock == "24h":
        return f"{t.hour:02d}:{rest}"
    return f"{(t.hour - 1) % 12 + 1}:{rest} {'am' if t.hour < 12 else 'pm'}"


def _in_bangkok(dt: datetime, options: _Options) -> datetime:
    """``dt`` in Bangkok time: converted if aware, taken as it is if naive."""
    zone = dt.tzinfo
    if zone is None or zone is bangkok():  # naive, or already there (astimezone's own test)
        return dt
    if dt.utcoffset() is None:  # a time zone that gives no offset: naive all the same
        return dt
    try:
        return dt.astimezone(bangkok())
    except OverflowError:  # its Bangkok time falls before 1 January 1 or after 9999
        supported = _CE_DATES if options.era == "ce" else SUPPORTED_DATES
        params = {"date": dt.date(), "first": supported.start, "last": supported.end}
        raise ThaiDateError(None, "date.outside_supported_range", params) from None


def format_thai_datetime(
    dt: datetime,
    style: DateStyle = "full",
    digits: DigitStyle = "arabic",
    weekday: bool | WeekdayStyle = False,
    *,
    era: bool | EraStyle = False,
    year_digits: Literal[4, 2] = 4,
    pad_day: bool = False,
    clock: ClockStyle = "th",
    seconds: bool = False,
) -> str:
    """Write a date and its time of day; the date options are those of `format_thai_date`.

    An aware ``dt`` is first converted to Bangkok time; a naive one is taken as Bangkok time.
    ``clock`` is ``"th"`` (เวลา 09.30 น., as Thai official letters write it), ``"24h"``
    (09:30) or ``"12h"`` (9:30 am); ``seconds=True`` adds the seconds. `parse_thai_datetime`
    reads every result back to the same instant (to the minute, or to the second).
    Arguments are checked as `format_thai_date` checks them; ``dt`` must be a `datetime`.

    >>> from datetime import datetime
    >>> format_thai_datetime(datetime(2025, 1, 8, 12, 22))
    '8 มกราคม 2568 เวลา 12.22 น.'
    >>> format_thai_datetime(datetime(2025, 1, 8, 19, 0, 5), "numeric", clock="12h", seconds=True)
    '08/01/2568 7:00:05 pm'
    """
    problems: list[Problem] = []
    if not isinstance(dt, datetime):
        problems.append(wrong_type("dt", "date.kind.datetime", dt))
    options = _options(
        problems, style, digits, weekday, era=era, year_digits=year_digits, pad_day=pad_day
    )
    if not (isinstance(clock, str) and clock in _CLOCKS):
        _choice(clock, "clock", _CLOCKS, problems)
    if not isinstance(seconds, bool):
        problems.append(wrong_type("seconds", "kind.boolean", seconds))
    if problems:
        refuse(problems, "format_thai_datetime")
    local = _in_bangkok(dt, options)
    text = f"{_format(local.date(), options)} {_clock_text(local.time(), clock, seconds)}"
    return to_thai_digits(text) if digits == "thai" else text


def format_thai_date_range(
    r: DateRange,
    style: DateStyle = "full",
    digits: DigitStyle = "arabic",
    weekday: bool | WeekdayStyle = False,
    *,
    era: bool | EraStyle = False,
    year_digits: Literal[4, 2] = 4,
    pad_day: bool = False,
) -> str:
    """Write a range, sharing the month and year where the two ends share them.

    The options are those of `format_thai_date`, checked the same way; ``r`` must be a
    `DateRange`. `parse_thai_date_range` reads every result back to ``r``.

    >>> from datetime import date
    >>> format_thai_date_range(DateRange(date(2024, 9, 30), date(2024, 10, 1)), "abbr")
    '30 ก.ย. - 1 ต.ค. 2567'
    >>> format_thai_date_range(DateRange(date(2019, 6, 25), date(2019, 6, 26)), weekday=True)
    'วันอังคารที่ 25 - วันพุธที่ 26 มิถุนายน 2562'
    """
    problems: list[Problem] = []
    if not isinstance(r, DateRange):
        problems.append(wrong_type("r", "date.kind.date_range", r))
    options = _options(
        problems, style, digits, weekday, era=era, year_digits=year_digits, pad_day=pad_day
    )
    if problems:
        refuse(problems, "format_thai_date_range")
    start, end = r.start, r.end
    if start == end:
        text = _format(start, options)
    elif style == "numeric" or _year_of(start, options) != _year_of(end, options):
        text = f"{_format(start, options)} - {_format(end, options)}"
    else:
        _check_supported(start, options)
        first = _weekday_prefix(start, options) if options.weekday else ""
        if start.month == end.month:
            first += _day(start, options)
            joint = " - " if options.weekday else "-"
        else:
            first += _day_month(start, options)
            joint = " - "
        text = f"{first}{joint}{_format(end, options)}"
    return to_thai_digits(text) if digits == "thai" else text
