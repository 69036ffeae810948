"""Declarations of intent (ประกาศเจตนารมณ์) and moral pledges (ปฏิญญาคุณธรรม, Do & Don't).

>>> d = DeclarationOfIntent("d1", "org", kind=DeclarationKind.MORAL_ORGANIZATION,
...                         signatories=45, members=50)
>>> d.share_signed
Decimal('90.00')
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from attrs import field, frozen

from moralkit.model._base import COUNT, ID, MANY, TEXT, LabelledEnum, refers_to
from moralkit.model.virtues import TargetVirtue
from moralkit.thai.calendar import FiscalYear

__all__ = ["DeclarationKind", "DeclarationOfIntent", "Pledge", "PledgeKind"]

_CENT = Decimal("0.01")


class DeclarationKind(LabelledEnum):
    """What an organization declares its intent to do."""

    MORAL_ORGANIZATION = (
        "moral_organization",
        "ขับเคลื่อนองค์กรคุณธรรม",
        "become a moral organization",
    )
    NO_GIFT = "no_gift", "ไม่รับของขวัญและของกำนัล (No Gift Policy)", "No Gift Policy"
    ANTI_HARASSMENT = (
        "anti_harassment",
        "ป้องกันการล่วงละเมิดหรือคุกคามทางเพศ",
        "prevent sexual harassment",
    )
    OTHER = "other", "อื่น ๆ", "other"


class PledgeKind(LabelledEnum):
    """A pledge says what to do or what not to do."""

    DO = "do", "สิ่งที่ควรทำ (Do)", "do"
    DONT = "dont", "สิ่งที่ไม่ควรทำ (Don't)", "don't"


@frozen
class Pledge:
    """One item of a moral pledge (ปฏิญญาคุณธรรม)."""

    text_th: str = field(**TEXT)
    kind: PledgeKind = PledgeKind.DO
    text_en: str | None = field(default=None, **TEXT)


@frozen
class DeclarationOfIntent:
    """A joint written declaration of intent by an organization's executives and members.

    ``signatories`` of ``members`` signed; `share_signed` is their percentage, which the
    moral-organization rubric scores. ``fiscal_year`` is the year the declaration is for,
    as stated; ``declared_on`` the day it was made, when known.
    """

    id: str = field(**ID)
    organization: str = field(**refers_to("organization"))
    kind: DeclarationKind = DeclarationKind.MORAL_ORGANIZATION
    title_th: str | None = field(default=None, **TEXT)
    declared_on: date | None = field(default=None)
    fiscal_year: FiscalYear | None = field(default=None)
    signatories: int | None = field(default=None, **COUNT)
    members: int | None = field(default=None, **COUNT)
    target_virtues: tuple[TargetVirtue, ...] = field(default=(), **MANY)
    pledges: tuple[Pledge, ...] = field(default=(), **MANY)
    sources: tuple[str, ...] = field(default=(), **refers_to("document", many=True))

    @property
    def share_signed(self) -> Decimal | None:
        """Signatories as a percentage of members, rounded half-up to 2 places."""
        if self.signatories is None or not self.members:
            return None
        share = Decimal(self.signatories) * 100 / Decimal(self.members)
        return share.quantize(_CENT, rounding=ROUND_HALF_UP)
