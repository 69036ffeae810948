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

from moralkit._args import refuse, shown
from moralkit._decimal import check_integer
from moralkit.errors import MoralkitError, Problem
from moralkit.messages import Lang, render
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
    """A CPI year moralkit does not hold; ``message(lang)`` says so in Thai or English.

    >>> print(CpiNotHeldError(2010, (2012, 2024)))
    no CPI for 2010; held: 2012-2024 (CPI 2011 and earlier used a 0-10 scale, not mixed in) / ...
    """

    def __init__(self, year: int, held: tuple[int, ...]) -> None:
        self.year = year
        self.held = held
        super().__init__(year, held)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.year, self.held))

    @property
    def code(self) -> str:
        """The catalogue code of the message: the old 0-10 scale is named for 2011 and before."""
        old = type(self.year) is int and self.year < _FIRST
        return "ita.cpi.old_scale" if old else "ita.cpi.not_held"

    def message(self, lang: Lang) -> str:
        """What is not held, in ``lang`` (``"th"`` or ``"en"``)."""
        held = tuple(self.held) if isinstance(self.held, tuple | list) else ()
        params = {
            "year": shown(self.year),
            "first": shown(held[0]) if held else "-",
            "last": shown(held[-1]) if held else "-",
        }
        return render(self.code, lang, params)

    def __str__(self) -> str:
        return f"{self.message('en')} / {self.message('th')}"


#: The first year of the 0-100 scale: earlier scores are not comparable.
_FIRST = 2012


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


def _year(year: object) -> int:
    """``year`` as a whole calendar year, or `moralkit.ValidationError` at ``year``."""
    whole = check_integer(year)
    if isinstance(whole, Problem):
        refuse([whole.at("year")], "CPI")
    return whole


def cpi(year: int) -> CpiRecord:
    """Thailand's CPI score, rank and number of countries in ``year`` (calendar year).

    A year that is not held raises `CpiNotHeldError` (a `LookupError`) naming the years
    held; a year that is not a whole number, `moralkit.ValidationError` at ``year``.
    """
    year = _year(year)
    found = _records().get(year)
    if found is None:
        raise CpiNotHeldError(year, cpi_years())
    return found


def cpi_status(year: int) -> CpiStatus:
    """The status of ``year``'s CPI record, with its sources in full.

    >>> [s.url for s in cpi_status(2017).sources][0][:26]
    'https://www.wiseknow.com/t'
    """
    year = _year(year)
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
    year = _year(year)
    now, before = cpi(year), cpi(year - 1)
    assert now.rank is not None  # every held record has a rank
    assert before.rank is not None
    return CpiChange(year, now.score - before.score, before.rank - now.rank)


def cpi_sources() -> tuple[RuleSource, ...]:
    """Where each CPI figure comes from (cited by id in each record's ``sources``)."""
    return _data().sources
