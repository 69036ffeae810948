"""What the ITA follow-ups (`~moralkit.ita.gap`, `~moralkit.ita.history`) read from a result.

They take a scored `moralkit.ita.Result`, or anything shaped like one; these protocols name
the parts they read, declared once for both.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from moralkit.thai.calendar import FiscalYear

__all__ = ["Level", "Scored"]


class Level(Protocol):
    """A level reached: its code (``pass``, ``good``, ``A`` ...)."""

    @property
    def code(self) -> str: ...


class Scored(Protocol):
    """A scored result: its year, the id of its rules, its total, level and tool scores."""

    @property
    def fiscal_year(self) -> FiscalYear: ...

    @property
    def rules_id(self) -> str: ...

    @property
    def total(self) -> Decimal: ...

    @property
    def level(self) -> Level: ...

    def tool(self, code: str) -> Decimal: ...
