"""How far a value in the data can be trusted, when it is not simply what the source states.

A dataset holds what its sources say. Where a value was worked out instead (the seventeen
provinces behind "17 จังหวัดภาคเหนือ", taken from the four-region scheme) or read between the
lines (a declaration's fiscal year, when only the award is dated), the object says so with a
`FieldStatus` naming the field. The statuses are those of the rule files: verified, inferred,
derived, third-party, unverified, unsourced.

>>> FieldStatus("provinces", "derived").status
'derived'
"""

from __future__ import annotations

from typing import Literal

from attrs import field, frozen

from moralkit._fields import CONSTRAINT_KEY, Constraint
from moralkit.model._base import TEXT

__all__ = ["FieldStatus", "ValueStatus"]

#: How far a value can be trusted (the same words as a rule file's status).
ValueStatus = Literal["verified", "inferred", "derived", "third-party", "unverified", "unsourced"]

_FIELD_NAME = Constraint(
    min_length=1,
    pattern=r"[a-z][a-z0-9_]*",
    format="format.field_name",
)


@frozen
class FieldStatus:
    """The status of one field (``name``) of the object that carries it, with a note saying why."""

    name: str = field(validator=_FIELD_NAME.validator, metadata={CONSTRAINT_KEY: _FIELD_NAME})
    status: ValueStatus
    note: str | None = field(default=None, **TEXT)
