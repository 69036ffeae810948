"""Figures a document states, Thailand's Corruption Perceptions Index, and source documents.

>>> CpiRecord(year=2016, score=35, rank=101, countries=176).year_be
2559
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from attrs import field, frozen

from moralkit.model._base import COUNT, ID, TEXT, bounded, refers_to

__all__ = ["CpiRecord", "Figure", "SourceDocument"]


@frozen
class CpiRecord:
    """Thailand's result in one year of Transparency International's CPI (0-100 scale).

    ``year`` is the CPI year (a calendar year; each is published early the next year). The
    0-100 scale began with CPI 2012, so earlier years (scored 0-10) are refused. The
    Buddhist-Era year is derived.
    """

    year: int = field(**bounded(2012, 2100))
    score: int = field(**bounded(0, 100))
    rank: int | None = field(default=None, **COUNT)
    countries: int | None = field(default=None, **COUNT)
    sources: tuple[str, ...] = field(default=(), **refers_to("document", many=True))

    @property
    def year_be(self) -> int:
        """The CPI year in the Buddhist Era."""
        return self.year + 543


@frozen
class Figure:
    """A number a document states, with what it counts: "1 of 12 provincial indicators".

    ``value`` is exact; ``total`` is the whole it is part of, when stated.
    """

    label_th: str = field(**TEXT)
    value: Decimal = field()
    unit_th: str | None = field(default=None, **TEXT)
    total: Decimal | None = field(default=None)
    label_en: str | None = field(default=None, **TEXT)
    unit_en: str | None = field(default=None, **TEXT)


@frozen
class SourceDocument:
    """A document data comes from: a news item, a project plan, an activity report.

    Other objects cite it by ``id`` in their ``sources``. ``published_on`` is the date the
    document carries, when it carries one, and ``published_text_th`` that date as printed.
    """

    id: str = field(**ID)
    title_th: str = field(**TEXT)
    kind_th: str | None = field(default=None, **TEXT)
    kind_en: str | None = field(default=None, **TEXT)
    published_on: date | None = field(default=None)
    published_text_th: str | None = field(default=None, **TEXT)
    url: str | None = field(default=None, **TEXT)
    file_name: str | None = field(default=None, **TEXT)
