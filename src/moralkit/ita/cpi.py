"""Thailand's Corruption Perceptions Index (Transparency International), 2012-2024.

>>> cpi(2016).score, cpi(2016).rank, cpi(2016).countries
(35, 101, 176)
>>> cpi_change(2016)
CpiChange(year=2016, score=-3, rank=-25)
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

from attrs import frozen

from moralkit.errors import MoralkitError
from moralkit.model import CpiRecord
from moralkit.rules import RuleSource
from moralkit.serde import from_json

__all__ = ["CpiChange", "CpiNotHeldError", "cpi", "cpi_change", "cpi_sources", "cpi_years"]


@frozen
class _CpiData:
    about: str
    sources: tuple[RuleSource, ...]
    records: tuple[CpiRecord, ...]


class CpiNotHeldError(MoralkitError, LookupError):
    """A CPI year moralkit does not hold."""

    def __init__(self, year: int, held: tuple[int, ...]) -> None:
        self.year = year
        self.held = held
        super().__init__(year, held)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.year, self.held))

    def __str__(self) -> str:
        scale = (
            " (CPI 2011 and earlier used a 0-10 scale, not mixed in)" if self.year < 2012 else ""
        )
        return f"no CPI for {self.year}; held: {self.held[0]}-{self.held[-1]}{scale}"


@cache
def _data() -> _CpiData:
    return from_json(_CpiData, files("moralkit.ita").joinpath("data/cpi.json").read_bytes())


def cpi_years() -> tuple[int, ...]:
    """The CPI years held."""
    return tuple(r.year for r in _data().records)


def cpi(year: int) -> CpiRecord:
    """Thailand's CPI score, rank and number of countries in ``year`` (calendar year)."""
    for record in _data().records:
        if record.year == year:
            return record
    raise CpiNotHeldError(year, cpi_years())


@frozen
class CpiChange:
    """Change from the previous year: score points, and ranks (positive = moved up)."""

    year: int
    score: int
    rank: int


def cpi_change(year: int) -> CpiChange:
    """How Thailand's score and rank changed from ``year - 1`` to ``year``."""
    now, before = cpi(year), cpi(year - 1)
    assert now.rank is not None  # every held record has a rank
    assert before.rank is not None
    return CpiChange(year, now.score - before.score, before.rank - now.rank)


def cpi_sources() -> tuple[RuleSource, ...]:
    """Where each CPI figure comes from (cited by id in each record's ``sources``)."""
    return _data().sources
