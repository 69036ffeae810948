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
from typing import Any

from attrs import field, frozen

from moralkit._args import fiscal_year_arg, refuse, shown
from moralkit.errors import MoralkitError, Problem
from moralkit.messages import Lang, render
from moralkit.model._base import COUNT, ID, MANY, TEXT
from moralkit.rules import RuleSource, RuleStatus
from moralkit.serde import from_json
from moralkit.thai.calendar import FiscalYear

__all__ = [
    "NationalNotHeldError",
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


class NationalNotHeldError(MoralkitError, KeyError):
    """A fiscal year whose national figures moralkit does not hold.

    It is a `KeyError` (what `published` raised before) and says which years are held, in
    Thai or English (``message(lang)``). A year announced but not published says so, and
    ``note`` holds why nothing is shipped for it (as `not_held` gives it, in English).

    >>> print(NationalNotHeldError(2562, (2563, 2564)))
    no published national ITA figures for fiscal year 2562; held: 2563, 2564 / ...
    """

    def __init__(self, fiscal_year: int, held: tuple[int, ...], note: str | None = None) -> None:
        self.fiscal_year = fiscal_year
        self.held = held
        self.note = note
        super().__init__(fiscal_year, held, note)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.fiscal_year, self.held, self.note))

    @property
    def code(self) -> str:
        """The catalogue code of the message."""
        return "ita.national.not_held" if self.note is None else "ita.national.announced"

    def message(self, lang: Lang) -> str:
        """Which year is not held and which are, in ``lang`` (``"th"`` or ``"en"``)."""
        params = {"fiscal_year": shown(self.fiscal_year), "held": shown(self.held)}
        return render(self.code, lang, params)

    def __str__(self) -> str:
        return f"{self.message('en')} / {self.message('th')}"


def published(fiscal_year: FiscalYear | int) -> NationalResult:
    """The published national figures of one fiscal year.

    A year not held raises `NationalNotHeldError` (a `KeyError`) naming the years held; a
    fiscal year that is not a whole number, `moralkit.ValidationError` at ``fiscal_year``.
    """
    problems: list[Problem] = []
    fy = fiscal_year_arg(fiscal_year, problems)
    if fy is None:
        refuse(problems, "published")
    for year in _data().years:
        if year.fiscal_year == fy:
            return year
    held = tuple(y.fiscal_year.be for y in _data().years)
    note = next((n.note for n in _data().not_held if n.fiscal_year == fy), None)
    raise NationalNotHeldError(fy.be, held, note)


def not_held() -> tuple[NotHeld, ...]:
    """Years announced but not published, each with why nothing is shipped for it.

    >>> [n.fiscal_year.be for n in not_held()]
    [2569]
    """
    return _data().not_held


def sources() -> tuple[RuleSource, ...]:
    """The sources the national figures cite."""
    return _data().sources
