"""Everything Thai-locale, with no domain knowledge: digits, the calendar, dates.

>>> from moralkit.thai import FiscalYear, parse_thai_date
>>> FiscalYear.of(parse_thai_date("16/09/2567"))
FiscalYear(2567)
"""

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
)
from moralkit.thai.dates import (
    DateStyle,
    DigitStyle,
    format_thai_date,
    format_thai_date_range,
    parse_fiscal_year,
    parse_thai_date,
    parse_thai_date_range,
)
from moralkit.thai.numerals import THAI_DIGITS, to_arabic_digits, to_thai_digits

__all__ = [
    "MONTHS_EN",
    "MONTHS_EN_ABBR",
    "THAI_DIGITS",
    "THAI_MONTHS",
    "THAI_MONTHS_ABBR",
    "THAI_WEEKDAYS",
    "THAI_WEEKDAYS_ABBR",
    "WEEKDAYS_EN",
    "DateRange",
    "DateStyle",
    "DigitStyle",
    "FiscalYear",
    "be_year",
    "ce_date",
    "ce_year",
    "format_thai_date",
    "format_thai_date_range",
    "parse_fiscal_year",
    "parse_thai_date",
    "parse_thai_date_range",
    "to_arabic_digits",
    "to_thai_digits",
]
