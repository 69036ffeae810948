"""The Thai solar calendar: Buddhist-Era years, month and weekday names, fiscal years.

Buddhist-Era (พ.ศ.) years are always *derived* from a `datetime.date`; nothing stores a BE
year in place of a date.

* From 1 January 1941 (พ.ศ. 2484) onward, BE = CE + 543.
* Before that the Thai year began on 1 April, so 1 January - 31 March of a CE year up to 1940
  belongs to the BE year CE + 542. BE 2483 had only nine months (1 April - 31 December 1940):
  there is no 1 January - 31 March 2483.
* The government fiscal year (ปีงบประมาณ) runs from 1 October to 30 September and is named by
  the BE year in which it ends (Budget Procedure Act B.E. 2561, s. 4). The rule is applied to
  every year alike, including years before it was law.

>>> from datetime import date
>>> be_year(date(2024, 9, 16))
2567
>>> be_year(date(1940, 2, 1))
2482
>>> FiscalYear.of(date(2024, 10, 1))
FiscalYear(2568)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Literal

from attrs import field, frozen
from dateutil.relativedelta import relativedelta

from moralkit._args import not_allowed, refuse, wrong_type
from moralkit.errors import ThaiDateError
from moralkit.messages import Words
from moralkit.thai._text import normalise
from moralkit.thai.numerals import to_thai_digits

__all__ = [
    "MONTHS_EN",
    "MONTHS_EN_ABBR",
    "THAI_MONTHS",
    "THAI_MONTHS_ABBR",
    "THAI_WEEKDAYS",
    "THAI_WEEKDAYS_ABBR",
    "WEEKDAYS_EN",
    "DateRange",
    "FiscalYear",
    "be_year",
    "ce_date",
    "ce_year",
    "month_words",
    "parse_fiscal_year",
    "weekday_words",
]

#: Full Thai month names, January first (index 0).
THAI_MONTHS: tuple[str, ...] = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
#: Abbreviated Thai month names with their dots, January first.
THAI_MONTHS_ABBR: tuple[str, ...] = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
#: Thai weekday names without the leading วัน, Monday first (as `date.weekday()` counts).
THAI_WEEKDAYS: tuple[str, ...] = (
    "จันทร์",
    "อังคาร",
    "พุธ",
    "พฤหัสบดี",
    "ศุกร์",
    "เสาร์",
    "อาทิตย์",
)
#: Abbreviated Thai weekday names with their dots, Monday first.
THAI_WEEKDAYS_ABBR: tuple[str, ...] = ("จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส.", "อา.")
#: English month names, January first.
MONTHS_EN: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: Three-letter English month names, January first.
MONTHS_EN_ABBR: tuple[str, ...] = tuple(m[:3] for m in MONTHS_EN)
#: English weekday names, Monday first.
WEEKDAYS_EN: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)

# BE 2484 (1941) is the first year that starts on 1 January.
_FIRST_JANUARY_YEAR_CE = 1941
_OFFSET = 543
_MIN_BE = 1 + _OFFSET  # CE year 1
_MAX_BE = 9999 + _OFFSET


def be_year(d: date) -> int:
    """Return the Buddhist-Era year of ``d``, exact for every date.

    >>> from datetime import date
    >>> be_year(date(1941, 1, 1)), be_year(date(1940, 3, 31)), be_year(date(1940, 4, 1))
    (2484, 2482, 2483)
    """
    if not isinstance(d, date):
        refuse([wrong_type("d", "kind.date_value", d)], "be_year")
    if d.year < _FIRST_JANUARY_YEAR_CE and d.month < 4:
        return d.year + _OFFSET - 1
    return d.year + _OFFSET


def ce_year(be: int, month: int) -> int:
    """Return the Common-Era year in which month ``month`` of BE year ``be`` falls.

    Raises `ThaiDateError` for months that never existed (January - March 2483), and
    `moralkit.ValidationError` (``wrong_type`` at ``be`` or ``month``) for a value that is not
    a whole number.

    >>> ce_year(2567, 9), ce_year(2482, 2), ce_year(2482, 4)
    (2024, 1940, 1939)
    """
    if type(be) is not int or type(month) is not int:
        _check_ints("ce_year", be=be, month=month)
    if not 1 <= month <= 12:
        raise ThaiDateError(None, "date.month_out_of_range", {"month": month})
    if be == 2483 and month < 4:
        raise ThaiDateError(None, "date.month_never_existed", {"month_name": month_words(month)})
    ce = be - _OFFSET
    if be < 2483 and month < 4:
        ce += 1
    if not 1 <= ce <= 9999:
        raise ThaiDateError(
            None,
            "date.be_year_out_of_range",
            {"year": be, "minimum": _MIN_BE, "maximum": _MAX_BE},
        )
    return ce


def ce_date(day: int, month: int, be: int) -> date:
    """Build the `datetime.date` for ``day`` ``month`` of Buddhist-Era year ``be``.

    Rejects dates that never existed, with a `ThaiDateError` that says why, and arguments
    that are not whole numbers with `moralkit.ValidationError` (``wrong_type`` at each).

    >>> ce_date(16, 9, 2567)
    datetime.date(2024, 9, 16)
    >>> ce_date(1, 2, 2482)
    datetime.date(1940, 2, 1)
    >>> ce_date(1, 1, 2483)
    Traceback (most recent call last):
    ...
    moralkit.errors.ThaiDateError: January BE 2483 never existed: ...
    """
    if type(day) is not int or type(month) is not int or type(be) is not int:
        _check_ints("ce_date", day=day, month=month, be=be)
    year = ce_year(be, month)
    last = _days_in_month(year, month)
    if not 1 <= day <= last:
        raise ThaiDateError(
            None,
            "date.day_out_of_range",
            {"day": day, "month_name": month_words(month), "year": be, "days": last},
        )
    return date(year, month, day)


def month_words(month: int) -> Words:
    """The Thai and English names of ``month`` (1-12), as a message parameter.

    >>> month_words(6)
    Words(th='มิถุนายน', en='June')
    """
    return Words(THAI_MONTHS[month - 1], MONTHS_EN[month - 1])


def weekday_words(weekday: int) -> Words:
    """The Thai and English names of ``weekday`` (0-6, Monday first), as a message parameter.

    >>> weekday_words(1)
    Words(th='อังคาร', en='Tuesday')
    """
    return Words(THAI_WEEKDAYS[weekday], WEEKDAYS_EN[weekday])


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_ints(subject: str, **values: object) -> None:
    """Refuse, together, each of ``values`` that is not a whole number (bool is not one)."""
    problems = [
        wrong_type(name, "kind.integer", value)
        for name, value in values.items()
        if not _is_int(value)
    ]
    if problems:
        refuse(problems, subject)


def _as_date(value: date) -> date:
    return date(value.year, value.month, value.day) if type(value) is not date else value


def _range_end_not_before_start(instance: DateRange, _attribute: object, end: date) -> None:
    if _as_date(end) < _as_date(instance.start):
        raise ThaiDateError(
            None, "end_before_start", {"start": _as_date(instance.start), "end": _as_date(end)}
        )


def _day(value: object, name: str) -> date:
    if not isinstance(value, date):
        refuse([wrong_type(name, "kind.date_value", value)], "DateRange")
    return _as_date(value)


def _start_day(value: object) -> date:
    return _day(value, "start")


def _end_day(value: object) -> date:
    return _day(value, "end")


@frozen(order=True)
class DateRange:
    """An inclusive range of calendar days; a single day has ``start == end``.

    Both ends are dates (a datetime counts as its calendar day); anything else is refused with
    `moralkit.ValidationError` (``wrong_type`` at ``start`` or ``end``).

    >>> from datetime import date
    >>> r = DateRange(date(2019, 6, 25), date(2019, 6, 26))
    >>> r.days, date(2019, 6, 26) in r, [d.day for d in r]
    (2, True, [25, 26])
    >>> DateRange(date(2019, 6, 26), date(2019, 6, 25))
    Traceback (most recent call last):
    ...
    moralkit.errors.ThaiDateError: the end (2019-06-25) is before the start (2019-06-26) ...
    """

    start: date = field(converter=_start_day)
    end: date = field(converter=_end_day, validator=_range_end_not_before_start)

    @classmethod
    def single(cls, day: date) -> DateRange:
        """Return the one-day range of ``day``."""
        return cls(day, day)

    @property
    def days(self) -> int:
        """Number of days in the range, both ends counted."""
        return (self.end - self.start).days + 1

    def __contains__(self, item: object) -> bool:
        if not isinstance(item, date):
            return False
        return self.start <= _as_date(item) <= self.end

    def __iter__(self) -> Iterator[date]:
        one = timedelta(days=1)
        day = self.start
        while day <= self.end:
            yield day
            day += one

    def __len__(self) -> int:
        return self.days

    def overlaps(self, other: DateRange) -> bool:
        """Whether the two ranges share at least one day."""
        return self.start <= other.end and other.start <= self.end

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def _check_fiscal_be(_instance: object, _attribute: object, value: int) -> None:
    if type(value) is not int:
        _check_ints("FiscalYear", be=value)
    if not _MIN_BE + 1 <= value <= _MAX_BE:
        raise ThaiDateError(
            None,
            "date.fiscal_year_out_of_range",
            {"minimum": _MIN_BE + 1, "maximum": _MAX_BE, "value": value},
        )


Language = Literal["th", "en"]
Digits = Literal["arabic", "thai"]
_LANGS: tuple[str, ...] = ("th", "en")
_DIGITS: tuple[str, ...] = ("arabic", "thai")


def _refuse_label(lang: object, digits: object) -> None:
    problems = [
        not_allowed(name, allowed, value)
        for name, allowed, value in (("lang", _LANGS, lang), ("digits", _DIGITS, digits))
        if not (isinstance(value, str) and value in allowed)
    ]
    if problems:
        refuse(problems, "FiscalYear.label")


@frozen(order=False)
class FiscalYear:
    """A Thai government fiscal year (ปีงบประมาณ), named by the BE year in which it ends.

    ``FiscalYear(2567)`` runs from 1 October 2023 to 30 September 2024. Values are frozen,
    ordered and hashable. A year that is not a whole number is refused with
    `moralkit.ValidationError` (``wrong_type`` at ``be``); one outside the calendar with
    `moralkit.ThaiDateError`.

    >>> fy = FiscalYear(2567)
    >>> fy.start, fy.end
    (datetime.date(2023, 10, 1), datetime.date(2024, 9, 30))
    >>> str(fy), fy.label_th
    ('FY2567', 'ปีงบประมาณ พ.ศ. 2567')
    >>> [str(h) for h in fy.halves]
    ['2023-10-01..2024-03-31', '2024-04-01..2024-09-30']
    """

    be: int = field(validator=_check_fiscal_be)

    @classmethod
    def of(cls, d: date) -> FiscalYear:
        """Return the fiscal year that contains ``d``.

        >>> from datetime import date
        >>> FiscalYear.of(date(2021, 10, 1)), FiscalYear.of(date(2022, 9, 30))
        (FiscalYear(2565), FiscalYear(2565))
        """
        if not isinstance(d, date):
            refuse([wrong_type("d", "kind.date_value", d)], "FiscalYear.of")
        return cls(d.year + _OFFSET + (1 if d.month >= 10 else 0))

    @classmethod
    def parse(cls, text: str) -> FiscalYear:
        """Read a fiscal year written in Thai or English.

        Accepts ``ปีงบประมาณ พ.ศ. 2567``, ``ปีงบประมาณ ๒๕๖๗``, ``ปีงบ 2567``, ``FY2567``,
        ``FY 2567`` and a bare ``2567``; Thai or Arabic digits.

        >>> FiscalYear.parse("ปีงบประมาณ พ.ศ. ๒๕๖๗")
        FiscalYear(2567)
        """
        return parse_fiscal_year(text)

    @property
    def start(self) -> date:
        """1 October of the previous CE year."""
        return date(self.be - _OFFSET - 1, 10, 1)

    @property
    def end(self) -> date:
        """30 September of the CE year in which the fiscal year ends."""
        return date(self.be - _OFFSET, 9, 30)

    @property
    def range(self) -> DateRange:
        """The whole fiscal year as a `DateRange`."""
        return DateRange(self.start, self.end)

    @property
    def halves(self) -> tuple[DateRange, DateRange]:
        """The two halves: 1 October - 31 March and 1 April - 30 September.

        The 6-month report (รอบ 6 เดือน) covers the first half; the 12-month report
        (รอบ 12 เดือน) covers both, see `reporting_period`.
        """
        middle = self._month_start(6)
        return (DateRange(self.start, middle - timedelta(days=1)), DateRange(middle, self.end))

    def reporting_period(self, months: Literal[6, 12]) -> DateRange:
        """The span a 6- or 12-month progress report covers, from 1 October.

        >>> str(FiscalYear(2567).reporting_period(6))
        '2023-10-01..2024-03-31'
        """
        if months == 6:
            return self.halves[0]
        if months != 12:
            refuse([not_allowed("months", (6, 12), months)], "FiscalYear.reporting_period")
        return self.range

    @property
    def quarters(self) -> tuple[DateRange, DateRange, DateRange, DateRange]:
        """The four quarters: Oct-Dec, Jan-Mar, Apr-Jun, Jul-Sep."""
        one = timedelta(days=1)
        q1, q2, q3, q4 = (self._month_start(3 * i) for i in range(4))
        return (
            DateRange(q1, q2 - one),
            DateRange(q2, q3 - one),
            DateRange(q3, q4 - one),
            DateRange(q4, self.end),
        )

    def _month_start(self, months_after_start: int) -> date:
        result: date = self.start + relativedelta(months=months_after_start)
        return result

    # Ordering compares the BE year directly (attrs' generated ordering builds tuples).
    def __lt__(self, other: object) -> bool:
        if not isinstance(other, FiscalYear):
            return NotImplemented
        return self.be < other.be

    def __le__(self, other: object) -> bool:
        if not isinstance(other, FiscalYear):
            return NotImplemented
        return self.be <= other.be

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, FiscalYear):
            return NotImplemented
        return self.be > other.be

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, FiscalYear):
            return NotImplemented
        return self.be >= other.be

    def next(self) -> FiscalYear:
        """The following fiscal year."""
        return FiscalYear(self.be + 1)

    def previous(self) -> FiscalYear:
        """The preceding fiscal year."""
        return FiscalYear(self.be - 1)

    def __add__(self, years: int) -> FiscalYear:
        if not isinstance(years, int) or isinstance(years, bool):
            return NotImplemented
        return FiscalYear(self.be + years)

    def __sub__(self, years: int) -> FiscalYear:
        if not isinstance(years, int) or isinstance(years, bool):
            return NotImplemented
        return FiscalYear(self.be - years)

    def __contains__(self, item: object) -> bool:
        if not isinstance(item, date):
            return False
        return self.start <= _as_date(item) <= self.end

    def label(self, lang: Language = "th", digits: Digits = "arabic") -> str:
        """The name of the year in Thai (``ปีงบประมาณ พ.ศ. 2567``) or English (``FY2567``).

        Another ``lang`` or ``digits`` is refused with `moralkit.ValidationError`
        (``not_allowed`` at the argument's name).

        >>> FiscalYear(2567).label("th", digits="thai")
        'ปีงบประมาณ พ.ศ. ๒๕๖๗'
        """
        if (
            type(lang) is not str
            or type(digits) is not str
            or lang not in _LANGS
            or digits not in _DIGITS
        ):
            _refuse_label(lang, digits)
        text = f"ปีงบประมาณ พ.ศ. {self.be}" if lang == "th" else f"FY{self.be}"
        return to_thai_digits(text) if digits == "thai" else text

    @property
    def label_th(self) -> str:
        """``ปีงบประมาณ พ.ศ. 2567``."""
        return self.label("th")

    @property
    def label_en(self) -> str:
        """``FY2567``."""
        return self.label("en")

    def __str__(self) -> str:
        return self.label_en

    def __repr__(self) -> str:
        return f"FiscalYear({self.be})"

    def __format__(self, spec: str) -> str:
        """``format(fy, "th")`` gives the Thai name, ``"en"`` (or nothing) the English one."""
        if spec in ("", "en"):
            return self.label_en
        if spec == "th":
            return self.label_th
        raise ValueError(f"format spec for FiscalYear must be '', 'en' or 'th' (got {spec!r})")


# Four-digit years below this are never read as Buddhist-Era years.
_MIN_BE_YEAR = 2400
_FISCAL_YEAR = re.compile(
    r"(?:(?P<prefix>ปีงบประมาณ|ปีงบ\.?|fy|f\.y\.)\s?)?(?:พ\.?\s?ศ\.?\s?)?(?P<year>[0-9]{4}|[0-9]{2})",
    re.IGNORECASE,
)


def parse_fiscal_year(text: str) -> FiscalYear:
    """Read a fiscal year: ``ปีงบประมาณ พ.ศ. 2567``, ``ปีงบ 67``, ``FY2567``, ``2567``.

    Two-digit years need a Thai prefix (``ปีงบ 67``); a four-digit year below 2400 is
    refused, because ``FY2024`` most likely means the Common-Era year (= ``FY2567``).
    Text that is not a fiscal year raises `moralkit.ThaiDateError`; a ``text`` that is not a
    string, `moralkit.ValidationError` (``wrong_type`` at ``text``).

    >>> parse_fiscal_year("ปีงบ ๖๗"), parse_fiscal_year("FY 2567")
    (FiscalYear(2567), FiscalYear(2567))
    """
    if not isinstance(text, str):
        refuse([wrong_type("text", "kind.text", text)], "parse_fiscal_year")
    norm = normalise(text, "parse_fiscal_year")
    match = _FISCAL_YEAR.fullmatch(norm)
    if match is None:
        raise ThaiDateError(text, "date.not_a_fiscal_year")
    year, prefix = match["year"], (match["prefix"] or "")
    if len(year) == 2:
        if not prefix.startswith("ปี"):
            raise ThaiDateError(text, "date.fiscal_year_needs_prefix")
        return FiscalYear(2500 + int(year))
    value = int(year)
    if value < _MIN_BE_YEAR:
        raise ThaiDateError(text, "date.fiscal_year_not_be", {"year": value, "be": value + 543})
    return FiscalYear(value)
