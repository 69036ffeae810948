"""Thailand's Corruption Perceptions Index (Transparency International), 2012-2024.

>>> cpi(2016).score, cpi(2016).rank, cpi(2016).countries
(35, 101, 176)
>>> cpi_change(2016)
CpiChange(year=2016, score=-3, rank=-25)
>>> cpi_status(2015).status
'unverified'
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

from attrs import field, frozen

from moralkit.errors import MoralkitError
from moralkit.model import CpiRecord
from moralkit.model._base import MANY
from moralkit.rules import RuleSource, RuleStatus
from moralkit.serde import from_json

__all__ = [
    "CpiChange",
    "CpiNotHeldError",
    "CpiStatus",
    "cpi",
    "cpi_change",
    "cpi_sources",
    "cpi_status",
    "cpi_years",
]


@frozen
class _CpiRow:
    year: int
    score: int
    rank: int
    countries: int
    status: RuleStatus
    sources: tuple[str, ...] = field(**MANY)
    note: str | None = None


@frozen
class _CpiData:
    about: str
    sources: tuple[RuleSource, ...]
    records: tuple[_CpiRow, ...]


@frozen
class CpiStatus:
    """How far one year's CPI figures can be trusted, and where they come from.

    ``note`` says which figure is weaker when the record is not verified as a whole.
    """

    year: int
    status: RuleStatus
    sources: tuple[RuleSource, ...]
    note: str | None = None


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


@cache
def _records() -> dict[int, CpiRecord]:
    return {
        row.year: CpiRecord(row.year, row.score, row.rank, row.countries, row.sources)
        for row in _data().records
    }


def cpi_years() -> tuple[int, ...]:
    """The CPI years held."""
    return tuple(r.year for r in _data().records)


def cpi(year: int) -> CpiRecord:
    """Thailand's CPI score, rank and number of countries in ``year`` (calendar year)."""
    found = _records().get(year)
    if found is None:
        raise CpiNotHeldError(year, cpi_years())
    return found


def cpi_status(year: int) -> CpiStatus:
    """The status of ``year``'s CPI record, with its sources in full.

    >>> [s.url for s in cpi_status(2017).sources][0][:26]
    'https://www.wiseknow.com/t'
    """
    for row in _data().records:
        if row.year == year:
            known = {s.id: s for s in _data().sources}
            return CpiStatus(year, row.status, tuple(known[s] for s in row.sources), row.note)
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
