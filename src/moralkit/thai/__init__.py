"""Everything Thai-locale, with no domain knowledge: digits, the calendar, dates.

The modules import one way only: ``numerals`` <- ``_text`` <- ``calendar`` <- ``dates``.

>>> from moralkit.thai import FiscalYear, parse_thai_date
>>> FiscalYear.of(parse_thai_date("16/09/2567"))
FiscalYear(2567)
"""

from moralkit.thai._text import MAX_TEXT_LENGTH
from moralkit.thai.calendar import (
    MONTHS_EN,
    MONTHS_EN_ABBR,
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    THAI_WEEKDAYS,
    THAI_WEEKDAYS_ABBR,
    WEEKDAYS_EN,
    DateRange,
    FiscalYear,
    be_year,
    ce_date,
    ce_year,
    parse_fiscal_year,
)
from moralkit.thai.dates import (
    SUPPORTED_DATES,
    ClockStyle,
    DateStyle,
    DigitStyle,
    EraStyle,
    WeekdayStyle,
    bangkok,
    format_thai_date,
    format_thai_date_range,
    format_thai_datetime,
    parse_thai_date,
    parse_thai_date_range,
    parse_thai_datetime,
)
from moralkit.thai.numerals import THAI_DIGITS, to_arabic_digits, to_thai_digits

__all__ = [
    "MAX_TEXT_LENGTH",
    "MONTHS_EN",
    "MONTHS_EN_ABBR",
    "SUPPORTED_DATES",
    "THAI_DIGITS",
    "THAI_MONTHS",
    "THAI_MONTHS_ABBR",
    "THAI_WEEKDAYS",
    "THAI_WEEKDAYS_ABBR",
    "WEEKDAYS_EN",
    "ClockStyle",
    "DateRange",
    "DateStyle",
    "DigitStyle",
    "EraStyle",
    "FiscalYear",
    "WeekdayStyle",
    "bangkok",
    "be_year",
    "ce_date",
    "ce_year",
    "format_thai_date",
    "format_thai_date_range",
    "format_thai_datetime",
    "parse_fiscal_year",
    "parse_thai_date",
    "parse_thai_date_range",
    "parse_thai_datetime",
    "to_arabic_digits",
    "to_thai_digits",
]
