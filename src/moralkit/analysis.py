"""Tabular views: flat records of any moralkit values, and pandas DataFrames.

Each value becomes one row; nested objects become dotted columns (``level.code``,
``venue.province``); lists of objects are left out of the row (call `records` on them), lists
of plain values are joined with ``"; "``. Values keep their wire form (dates as ISO strings,
decimals as strings, enums as values), so nothing is lost; with ``exact=False`` decimals come
out as `~decimal.Decimal` numbers instead.

>>> from moralkit import ita
>>> rows = records([ita.score(2566, tools={"IIT": 90, "EIT": 84, "OIT": 99})])
>>> rows[0]["total"], rows[0]["level.code"], rows[0]["fiscal_year"]
('91.80', 'pass', 2566)
>>> records([ita.score(2566, tools={"IIT": 90, "EIT": 84, "OIT": 99})], exact=False)[0]["total"]
Decimal('91.80')
"""

from __future__ import annotations

import typing
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from typing import Any

import attrs

from moralkit.serde import dump
from moralkit.thai.calendar import FiscalYear

__all__ = ["records", "to_dataframe"]


@cache
def _record_lists(cls: type) -> frozenset[str]:
    """The fields of ``cls`` that hold tuples of records (kept out of flat rows)."""
    hints = typing.get_type_hints(cls)
    names = set()
    for name, hint in hints.items():
        args = typing.get_args(hint) if typing.get_origin(hint) is tuple else ()
        if any(attrs.has(a) or typing.get_origin(a) is tuple for a in args):
            names.add(name)
    return frozenset(names)


def _flatten(prefix: str, value: Any, row: dict[str, Any], exact: bool) -> None:
    if attrs.has(type(value)) and not isinstance(value, FiscalYear):
        kind: type = type(value)
        skip = _record_lists(kind)
        for f in attrs.fields(type(value)):
            if f.name not in skip:
                key = f"{prefix}.{f.name}" if prefix else f.name
                _flatten(key, getattr(value, f.name), row, exact)
    elif isinstance(value, tuple | list):
        row[prefix] = "; ".join(str(dump(item)) for item in value)
    elif isinstance(value, Decimal) and not exact:
        row[prefix] = value
    else:
        row[prefix] = dump(value)


def records(items: Iterable[object], *, exact: bool = True) -> list[dict[str, Any]]:
    """One flat dict per item, with dotted column names."""
    rows = []
    for item in items:
        row: dict[str, Any] = {}
        _flatten("", item, row, exact)
        rows.append(row)
    return rows


def to_dataframe(items: Iterable[object], *, exact: bool = True) -> Any:
    """The `records` as a pandas DataFrame. Needs ``pip install "moralkit[pandas]"``."""
    try:
        import pandas as pd  # noqa: PLC0415 (an optional extra, imported only when asked for)
    except ImportError as exc:
        raise ImportError(
            "moralkit.analysis.to_dataframe needs pandas: pip install 'moralkit[pandas]'"
        ) from exc
    return pd.DataFrame(records(items, exact=exact))
