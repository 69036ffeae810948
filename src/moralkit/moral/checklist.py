"""The five criteria of a model moral organization and the three levels of happiness.

Both come from a Moral Center talk (21 February 2565, seed 000; moralcenter.or.th news
781-news-23-02-65-2). They are qualitative: a checklist to record, with no points.

>>> record = ModelChecklist("moph-hsd", criteria_met=(1, 2, 3))
>>> [c.number for c in record.missing]
[4, 5]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
from attrs import field, frozen

from moralkit._fields import ITEM_CONSTRAINT_KEY, Constraint, invariant
from moralkit.errors import Problem
from moralkit.model._base import ID, TEXT, as_tuple
from moralkit.thai.calendar import FiscalYear

__all__ = ["HAPPINESS_LEVELS", "MODEL_CRITERIA", "Criterion", "ModelChecklist"]


@frozen
class Criterion:
    """A numbered item with its Thai text (as the source has it) and an English gloss."""

    number: int
    text_th: str
    text_en: str


#: หลักเกณฑ์การเป็นองค์กรต้นแบบด้านคุณธรรม 5 ข้อ (seed 000).
MODEL_CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        1, "มีหลักคุณธรรมที่ยึดถือร่วมกัน (พอเพียง วินัย สุจริต จิตอาสา กตัญญู)", "Shared virtues held in common"
    ),
    Criterion(2, "ยึดหลักการมีส่วนร่วมของคนในองค์กร", "Participation of the people in the organization"),
    Criterion(3, "มีผลลัพธ์ที่เกิดขึ้นจากการดำเนินงาน", "Tangible outcomes of the work"),
    Criterion(4, "ส่งผลกระทบต่อสังคมภายนอก", "Impact on the wider society outside the organization"),
    Criterion(5, "มีความมุ่งมั่น เพื่อเป้าหมายให้เกิดความยั่งยืน", "Commitment aimed at sustainability"),
)

#: ความสุข 3 ระดับ (seed 000); no further definitions were found.
HAPPINESS_LEVELS: tuple[Criterion, ...] = (
    Criterion(1, "สุขจากการได้", "happiness from receiving"),
    Criterion(2, "สุขจากการให้", "happiness from giving"),
    Criterion(3, "สุขจากการปล่อยวาง", "happiness from letting go"),
)


def _numbers(limit: int) -> dict[str, Any]:
    """The spec of a list of distinct numbers from 1 to ``limit``."""
    each = Constraint(minimum=1, maximum=limit)
    return {
        "converter": as_tuple,
        "validator": [each.each, _distinct],
        "metadata": {ITEM_CONSTRAINT_KEY: each},
    }


def _repeats(fields: Mapping[str, Any]) -> list[Problem]:
    problems = []
    for name in ("criteria_met", "happiness_levels"):
        seen: set[object] = set()
        for index, number in enumerate(fields.get(name) or ()):
            if number in seen:
                problems.append(Problem(f"{name}[{index}]", "duplicate", {"value": number}))
            seen.add(number)
    return problems


def _distinct(_instance: object, attribute: attrs.Attribute[Any], value: tuple[int, ...]) -> None:
    found = _repeats({attribute.name: value})
    if found:
        raise ValueError(f"{found[0].path!r} {found[0].message_en}")


@frozen
class ModelChecklist:
    """Which of the five criteria an organization meets, and its happiness levels.

    A record for qualitative review, not a score.
    """

    organization: str = field(**ID)
    fiscal_year: FiscalYear | None = None
    criteria_met: tuple[int, ...] = field(default=(), **_numbers(5))
    happiness_levels: tuple[int, ...] = field(default=(), **_numbers(3))
    notes_th: str | None = field(default=None, **TEXT)

    @property
    def missing(self) -> tuple[Criterion, ...]:
        """The criteria not yet met."""
        return tuple(c for c in MODEL_CRITERIA if c.number not in self.criteria_met)

    @property
    def complete(self) -> bool:
        """Whether all five criteria are met."""
        return not self.missing


# The loader reports every repeated number with its path before it builds the record.
invariant(ModelChecklist)(_repeats)
