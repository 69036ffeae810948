"""The core virtues (คุณธรรมหลัก) and the target virtues organizations choose.

Master Plan No.1 promoted four virtues in its campaign years: พอเพียง วินัย สุจริต จิตอาสา.
By FY2565 the Moral Center used five, adding กตัญญู (gratitude): its declaration of 3 Dec 2564
calls the five the national virtues (คุณธรรมประจำชาติ), and its criteria of a model organization
of 21 Feb 2565 (sample seed 000) list all five. Action Plan phase 2 (FY2566-2570) measures the
same five.

>>> [v.label_th for v in core_virtues(2564)]
['พอเพียง', 'วินัย', 'สุจริต', 'จิตอาสา']
>>> len(core_virtues(2565)), len(core_virtues(2566))
(5, 5)
"""

from __future__ import annotations

from attrs import field, frozen

from moralkit._args import fiscal_year_arg, refuse
from moralkit.errors import Problem
from moralkit.model._base import TEXT, TEXTS, LabelledEnum
from moralkit.thai.calendar import FiscalYear

__all__ = ["TargetVirtue", "Virtue", "core_virtues"]

# The first fiscal year in which the sources use five core virtues (gratitude joins): FY2565.
# Sources: the Moral Center's declaration of 3 Dec 2564 (FY2565), "คุณธรรมประจำชาติ" five,
# https://moralcenter.or.th/en/9-demo-news/746-news-04-12-64-3.html, and its model-organization
# criteria of 21 Feb 2565 (seed 000). Earlier years keep the four of Master Plan No.1.
_FIVE_VIRTUES_FROM = 2565


class Virtue(LabelledEnum):
    """A national core virtue, with its Thai and English labels."""

    SUFFICIENCY = "sufficiency", "พอเพียง", "sufficiency"
    DISCIPLINE = "discipline", "วินัย", "discipline"
    HONESTY = "honesty", "สุจริต", "honesty"
    VOLUNTEERISM = "volunteerism", "จิตอาสา", "volunteerism"
    GRATITUDE = "gratitude", "กตัญญู", "gratitude"

    @property
    def core_from(self) -> FiscalYear:
        """The first fiscal year in which this virtue is one of the core set.

        The four-virtue set is used for every year up to FY2564 (Master Plan No.1 began in
        FY2559); gratitude is core from FY2565, when the Moral Center used five virtues.
        """
        if self is Virtue.GRATITUDE:
            return FiscalYear(_FIVE_VIRTUES_FROM)
        return FiscalYear(2400)

    def is_core_in(self, fiscal_year: FiscalYear | int) -> bool:
        """Whether this virtue is in the core set of ``fiscal_year``."""
        return self in core_virtues(fiscal_year)


def core_virtues(fiscal_year: FiscalYear | int) -> tuple[Virtue, ...]:
    """The core virtues of a fiscal year: four up to FY2564, five from FY2565.

    ``fiscal_year`` is a `FiscalYear` or its BE year; anything else is refused with
    `moralkit.ValidationError` at ``fiscal_year``.

    >>> len(core_virtues(2564)), len(core_virtues(FiscalYear(2565)))
    (4, 5)
    """
    if isinstance(fiscal_year, FiscalYear):
        be = fiscal_year.be
    else:
        problems: list[Problem] = []
        year = fiscal_year_arg(fiscal_year, problems)
        if year is None:
            refuse(problems, "core_virtues")
        be = year.be
    if be >= _FIVE_VIRTUES_FROM:
        return tuple(Virtue)
    return (Virtue.SUFFICIENCY, Virtue.DISCIPLINE, Virtue.HONESTY, Virtue.VOLUNTEERISM)


@frozen
class TargetVirtue:
    """A virtue an organization sets itself (คุณธรรมเป้าหมาย), from what it wants to change.

    Either one of the core `Virtue` values, or a virtue of the organization's own
    (``name_th``, such as กล้าหาญ). ``problems_to_fix`` (ปัญหาที่อยากแก้) and ``good_deeds``
    (ความดีที่อยากทำ) are where the target comes from.

    >>> TargetVirtue(Virtue.DISCIPLINE).label_th
    'วินัย'
    >>> TargetVirtue(name_th="กล้าหาญ", name_en="courage").label_en
    'courage'
    """

    virtue: Virtue | None = field(default=None)
    name_th: str | None = field(default=None, **TEXT)
    name_en: str | None = field(default=None, **TEXT)
    problems_to_fix: tuple[str, ...] = field(default=(), **TEXTS)
    good_deeds: tuple[str, ...] = field(default=(), **TEXTS)

    def __attrs_post_init__(self) -> None:
        if (self.virtue is None) == (self.name_th is None):
            raise ValueError(
                "a TargetVirtue names either a core 'virtue' or its own 'name_th', not both "
                f"and not neither (got virtue={self.virtue!r}, name_th={self.name_th!r})"
            )

    @property
    def label_th(self) -> str:
        """The Thai name of the virtue."""
        return self.virtue.label_th if self.virtue is not None else str(self.name_th)

    @property
    def label_en(self) -> str:
        """The English name, or the Thai one when no English name was given."""
        if self.virtue is not None:
            return self.virtue.label_en
        return self.name_en or str(self.name_th)
