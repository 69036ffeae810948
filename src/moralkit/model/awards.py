"""The moral-organization levels and the awards that recognise them.

>>> MoralLevel.MODEL.label_th
'องค์กรคุณธรรมต้นแบบ'
>>> MoralLevel.parse("ระดับพัฒนาคุณธรรม")
<MoralLevel.MORAL: 2>
"""

from __future__ import annotations

from datetime import date

from attrs import field, frozen

from moralkit.model._base import ID, MANY, TEXT, LabelledIntEnum, refers_to
from moralkit.thai.calendar import FiscalYear

__all__ = ["Award", "AwardRecipient", "MoralLevel"]


class MoralLevel(LabelledIntEnum):
    """The three levels of the national ladder; the same for communities and districts.

    Udon Thani's FY2566 notice calls level 2 ระดับพัฒนาคุณธรรม; `parse` accepts that name too.
    """

    PROMOTING = 1, "องค์กรส่งเสริมคุณธรรม", "moral-promoting organization"
    MORAL = 2, "องค์กรคุณธรรม", "moral organization"
    MODEL = 3, "องค์กรคุณธรรมต้นแบบ", "model moral organization"

    def label_for(self, tier: str = "organization") -> str:
        """The Thai level name for a tier (ชุมชนคุณธรรมต้นแบบ, อำเภอส่งเสริมคุณธรรม ...).

        ``tier`` is ``organization``, ``community``, ``district`` or ``province``.
        """
        prefixes = {"organization": "องค์กร", "community": "ชุมชน", "district": "อำเภอ"}
        prefixes["province"] = "จังหวัด"
        if tier not in prefixes:
            raise ValueError(f"'tier' must be one of {', '.join(prefixes)} (got {tier!r})")
        return prefixes[tier] + self.label_th.removeprefix("องค์กร")

    @classmethod
    def parse(cls, name: str) -> MoralLevel:
        """Find a level by its number, Thai name (any tier, with or without ระดับ) or alias."""
        key = name.strip().removeprefix("ระดับที่").removeprefix("ระดับ").strip()
        if key.isdigit() and key.isascii():
            return cls(int(key))
        for tier in ("องค์กร", "ชุมชน", "อำเภอ", "จังหวัด", ""):
            key = key.removeprefix(tier)
        aliases = {"ส่งเสริมคุณธรรม": 1, "คุณธรรม": 2, "พัฒนาคุณธรรม": 2, "คุณธรรมต้นแบบ": 3}
        if key in aliases:
            return cls(aliases[key])
        raise ValueError(f"unknown moral level {name!r}")


@frozen
class AwardRecipient:
    """An organization that received an award, with the level it reached or its prize."""

    organization: str = field(**refers_to("organization"))
    level: MoralLevel | None = field(default=None)
    prize_th: str | None = field(default=None, **TEXT)


@frozen
class Award:
    """An award or certificate and the organizations that received it.

    ``fiscal_year`` is the year the award is for (results for one fiscal year are often
    presented in the next); ``presented_on`` the day it was presented.
    """

    id: str = field(**ID)
    name_th: str = field(**TEXT)
    name_en: str | None = field(default=None, **TEXT)
    fiscal_year: FiscalYear | None = field(default=None)
    presented_on: date | None = field(default=None)
    presenter: str | None = field(default=None, **refers_to("person"))
    event: str | None = field(default=None, **refers_to("event"))
    recipients: tuple[AwardRecipient, ...] = field(default=(), **MANY)
    sources: tuple[str, ...] = field(default=(), **refers_to("document", many=True))
