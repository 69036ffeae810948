"""moralkit: Thailand's moral-promotion domain as typed, immutable Python values.

The public names are re-exported here on purpose; submodules hold the details.

>>> import moralkit
>>> moralkit.FiscalYear.of(moralkit.parse_thai_date("๑๕ กรกฎาคม ๒๕๖๓"))
FiscalYear(2563)
"""

from __future__ import annotations

from moralkit.errors import (
    MoralkitError,
    Problem,
    RuleNotFoundError,
    Severity,
    ThaiDateError,
    ValidationError,
)
from moralkit.thai import (
    DateRange,
    FiscalYear,
    be_year,
    ce_date,
    format_thai_date,
    format_thai_date_range,
    parse_fiscal_year,
    parse_thai_date,
    parse_thai_date_range,
    to_arabic_digits,
    to_thai_digits,
)

__all__ = [
    "DateRange",
    "FiscalYear",
    "MoralkitError",
    "Problem",
    "RuleNotFoundError",
    "Severity",
    "ThaiDateError",
    "ValidationError",
    "be_year",
    "ce_date",
    "format_thai_date",
    "format_thai_date_range",
    "parse_fiscal_year",
    "parse_thai_date",
    "parse_thai_date_range",
    "to_arabic_digits",
    "to_thai_digits",
]


def __getattr__(name: str) -> str:
    # The version is read from the installed metadata on first use, never hard-coded.
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("moralkit")
    raise AttributeError(f"module 'moralkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), "__version__"])
