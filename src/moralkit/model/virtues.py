"""The core virtues (คุณธรรมหลัก) and the target virtues organizations choose.

Master Plan No.1 (FY2559-2565) promoted four virtues: พอเพียง วินัย สุจริต จิตอาสา. Action Plan
phase 2 (FY2566-2570) measures five, adding กตัญญู (gratitude).

>>> [v.label_th for v in core_virtues(2565)]
['พอเพียง', 'วินัย', 'สุจริต', 'จิตอาสา']
>>> len(core_virtues(2566))
5
"""

from __future__ import annotations

from attrs import field, frozen

from moralkit.model._base import TEXT, TEXTS, LabelledEnum
from moralkit.thai.calendar import FiscalYear

__all__ = ["TargetVirtue", "Virtue", "core_virtues"]

# The first fiscal year of Action Plan phase 2, when gratitude joined the core set.
_FIVE_VIRTUES_FROM = 2566


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

        The four-virtue set is used for every year up to FY2565 (Master Plan No.1 began in
        FY2559); gratitude is core from FY2566.
        """
        if self is Virtue.GRATITUDE:
            return FiscalYear(_FIVE_VIRTUES_FROM)
        return FiscalYear(2400)

    def is_core_in(self, fiscal_year: FiscalYear | int) -> bool:
        """Whether this virtue is in the core set of ``fiscal_year``."""
        return self in core_virtues(fiscal_year)


def core_virtues(fiscal_year: FiscalYear | int) -> tuple[Virtue, ...]:
    """The core virtues of a fiscal year: four up to FY2565, five from FY2566.

    ``fiscal_year`` is a `FiscalYear` or its BE year.
    """
    be = fiscal_year.be if isinstance(fiscal_year, FiscalYear) else FiscalYear(fiscal_year).be
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
