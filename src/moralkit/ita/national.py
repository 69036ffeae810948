"""Published national ITA aggregates, for dashboards and sanity checks.

>>> published(2568).share_passing, published(2568).passing
(Decimal('94.17'), 7832)
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from importlib.resources import files

from attrs import field, frozen

from moralkit.model._base import MANY, TEXT
from moralkit.rules import RuleSource, RuleStatus
from moralkit.serde import from_json
from moralkit.thai.calendar import FiscalYear

__all__ = ["NationalResult", "published", "published_years"]


@frozen
class NationalResult:
    """One year's published national figures; what a source does not give is ``None``."""

    fiscal_year: FiscalYear
    status: RuleStatus
    agencies: int | None = None
    mean: Decimal | None = None
    passing: int | None = None
    share_passing: Decimal | None = None
    note: str | None = field(default=None, **TEXT)
    sources: tuple[str, ...] = field(default=(), **MANY)


@frozen
class _NationalData:
    about: str
    sources: tuple[RuleSource, ...]
    years: tuple[NationalResult, ...]


@cache
def _data() -> _NationalData:
    return from_json(
        _NationalData, files("moralkit.ita").joinpath("data/national.json").read_bytes()
    )


def published_years() -> tuple[NationalResult, ...]:
    """Every year held, oldest first."""
    return _data().years


def published(fiscal_year: FiscalYear | int) -> NationalResult:
    """The published national figures of one fiscal year (`KeyError` when not held)."""
    be = fiscal_year.be if isinstance(fiscal_year, FiscalYear) else fiscal_year
    for year in _data().years:
        if year.fiscal_year.be == be:
            return year
    held = ", ".join(str(y.fiscal_year.be) for y in _data().years)
    raise KeyError(f"no published national ITA figures for FY{be}; held: {held}")


def sources() -> tuple[RuleSource, ...]:
    """The sources the national figures cite."""
    return _data().sources
