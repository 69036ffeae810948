"""Published national ITA aggregates, for dashboards and sanity checks.

>>> published(2568).share_passing, published(2568).passing
(Decimal('94.17'), 7832)
>>> [row.id for row in published_rows() if row.indicators][:1]
['trat-2564']
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from importlib.resources import files

from attrs import field, frozen

from moralkit.model._base import COUNT, ID, MANY, TEXT
from moralkit.rules import RuleSource, RuleStatus
from moralkit.serde import from_json
from moralkit.thai.calendar import FiscalYear

__all__ = [
    "NationalResult",
    "NationalTarget",
    "NotHeld",
    "PublishedRow",
    "not_held",
    "published",
    "published_rows",
    "published_years",
]


@frozen
class NationalResult:
    """One year's published national figures; what a source does not give is ``None``.

    ``agencies_over`` and ``respondents_over`` hold a published lower bound ("more than
    1.35 million respondents") where no exact count is given; ``mean_change`` is the change
    of the national mean from the year before, as published.

    >>> year = published(2566)
    >>> year.agencies, year.passing, year.failing, year.share_passing, year.status
    (8323, 6737, 1586, Decimal('80.94'), 'verified')
    """

    fiscal_year: FiscalYear
    status: RuleStatus
    agencies: int | None = field(default=None, **COUNT)
    agencies_over: int | None = field(default=None, **COUNT)
    respondents: int | None = field(default=None, **COUNT)
    respondents_over: int | None = field(default=None, **COUNT)
    mean: Decimal | None = None
    mean_change: Decimal | None = None
    passing: int | None = field(default=None, **COUNT)
    failing: int | None = field(default=None, **COUNT)
    share_passing: Decimal | None = None
    note: str | None = field(default=None, **TEXT)
    sources: tuple[str, ...] = field(default=(), **MANY)

    def target(self) -> NationalTarget:
        """The national target of the year, whether the year met it, and how sure that is.

        The target (80 % of agencies at 85 or more) is verified for the master plan of
        2561-2580; for FY2566-2568 the revised plan's values could not be read, so a
        "met" from those years carries the status ``unverified``.

        >>> target = published(2566).target()
        >>> target.share, target.met, target.status
        (Decimal('80'), True, 'unverified')
        >>> published(2565).target().met, published(2565).target().status
        (False, 'verified')
        """
        from moralkit.ita.score import RULES  # noqa: PLC0415 (score imports nothing from here)

        rules = RULES.for_year(self.fiscal_year)
        share = rules.national_target_share
        met = None if share is None or self.share_passing is None else self.share_passing >= share
        return NationalTarget(
            share, met, rules.national_target_status, rules.national_target_sources
        )


@frozen
class NationalTarget:
    """The national target share of a year, whether it was met, and the target's status.

    ``met`` is ``None`` when the year's share of agencies passing is not published.
    """

    share: Decimal | None
    met: bool | None
    status: RuleStatus
    sources: tuple[str, ...] = ()


@frozen
class NotHeld:
    """A year whose figures are announced but not published, and why none are shipped."""

    fiscal_year: FiscalYear
    status: RuleStatus
    note: str = field(**TEXT)
    agencies_over: int | None = field(default=None, **COUNT)
    sources: tuple[str, ...] = field(default=(), **MANY)


@frozen
class PublishedRow:
    """A published result of one agency or province.

    The total, the level, and, where the source prints them, the ten indicator scores.
    """

    id: str = field(**ID)
    agency_en: str = field(**TEXT)
    fiscal_year: FiscalYear
    total: Decimal
    published_level: str = field(**TEXT)
    level_status: RuleStatus
    agency_th: str | None = field(default=None, **TEXT)
    indicators: tuple[Decimal, ...] | None = None
    sources: tuple[str, ...] = field(default=(), **MANY)

    @property
    def indicator_scores(self) -> dict[int, Decimal] | None:
        """The indicators as ``{1: ..., 10: ...}``, ready for `moralkit.ita.score`."""
        return dict(enumerate(self.indicators, 1)) if self.indicators else None


@frozen
class _Rows:
    about: str
    sources: tuple[RuleSource, ...]
    rows: tuple[PublishedRow, ...]


@cache
def _rows() -> _Rows:
    return from_json(_Rows, files("moralkit.ita").joinpath("data/rows.json").read_bytes())


def published_rows() -> tuple[PublishedRow, ...]:
    """Published results of named agencies and provinces (test vectors; demo data)."""
    return _rows().rows


def row_sources() -> tuple[RuleSource, ...]:
    """The sources the published rows cite."""
    return _rows().sources


@frozen
class _NationalData:
    about: str
    sources: tuple[RuleSource, ...]
    years: tuple[NationalResult, ...]
    not_held: tuple[NotHeld, ...] = ()


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
    why = next((f" ({n.note})" for n in _data().not_held if n.fiscal_year.be == be), "")
    raise KeyError(f"no published national ITA figures for FY{be}{why}; held: {held}")


def not_held() -> tuple[NotHeld, ...]:
    """Years announced but not published, each with why nothing is shipped for it.

    >>> [n.fiscal_year.be for n in not_held()]
    [2569]
    """
    return _data().not_held


def sources() -> tuple[RuleSource, ...]:
    """The sources the national figures cite."""
    return _data().sources
