"""Tabular views: flat records of any moralkit values, and pandas DataFrames.

Each value becomes one row; nested objects become dotted columns (``level.code``,
``venue.province``); lists of plain values are joined with ``"; "``. Lists of coded figures
(an ITA result's tools, indicators and OIT sub-indicators) become one column per code
(``tools.IIT``, ``indicators.9``, ``sub_indicators.9.1``), and a scored agency's groups one
column per group (``groups.province``); other lists of objects are left out of the row (call
`records` on them).

Two ways to read numbers, chosen with ``exact``:

- ``exact=True`` (the default) keeps the wire form: decimals as strings (``"84.99"``, which
  ``Decimal("84.99")`` gives back exactly), dates as ISO strings, enums as values. Nothing is
  lost; use it for exports, joins and anything you compute figures from.
- ``exact=False`` gives floats, for plotting and quick looks. A float cannot hold most
  two-place decimals exactly, so never compute a published figure from them.

>>> from moralkit import ita
>>> rows = records([ita.score(2566, tools={"IIT": 90, "EIT": 84, "OIT": 99})])
>>> rows[0]["total"], rows[0]["level.code"], rows[0]["tools.EIT"], rows[0]["fiscal_year"]
('91.80', 'pass', '84.0000', 2566)
>>> records([ita.score(2566, tools={"IIT": 90, "EIT": 84, "OIT": 99})], exact=False)[0]["total"]
91.8

For whole tables of agencies, `moralkit.ita.score_table` works on the frame itself.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import cache
from typing import Any

import attrs

from moralkit._args import refuse, wrong_type
from moralkit.errors import Problem
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


def _coded(items: tuple[Any, ...]) -> bool:
    """Whether a tuple holds coded figures (``code`` and ``value``) or ``(key, value)`` pairs."""
    if not items:
        return False
    figures = all(hasattr(i, "code") and hasattr(i, "value") for i in items)
    pairs = all(isinstance(i, tuple) and len(i) == 2 and isinstance(i[0], str) for i in items)
    return figures or pairs


def _flatten(prefix: str, value: Any, row: dict[str, Any], exact: bool) -> None:
    if attrs.has(type(value)) and not isinstance(value, FiscalYear):
        kind: type = type(value)
        skip = _record_lists(kind)
        for f in attrs.fields(type(value)):
            key = f"{prefix}.{f.name}" if prefix else f.name
            item = getattr(value, f.name)
            if f.name not in skip:
                _flatten(key, item, row, exact)
            elif isinstance(item, tuple) and _coded(item):
                for entry in item:
                    code, figure = (entry.code, entry.value) if hasattr(entry, "code") else entry
                    _flatten(f"{key}.{code}", figure, row, exact)
    elif isinstance(value, tuple | list):
        row[prefix] = "; ".join(str(dump(item)) for item in value)
    elif isinstance(value, Decimal) and not exact:
        row[prefix] = float(value)
    else:
        row[prefix] = dump(value)


def records(items: Iterable[object], *, exact: bool = True) -> list[dict[str, Any]]:
    """One flat dict per item, with dotted column names (``exact``: see the module).

    ``items`` is a collection of moralkit values (attrs instances) and ``exact`` a bool;
    anything else is refused with `moralkit.ValidationError`, each problem at its place
    (``items[3]``, ``exact``).
    """
    found = _checked_items(items, exact, "records")
    rows = []
    for item in found:
        row: dict[str, Any] = {}
        _flatten("", item, row, exact)
        rows.append(row)
    return rows


def to_dataframe(items: Iterable[object], *, exact: bool = True) -> Any:
    """The `records` as a pandas DataFrame. Needs ``pip install "moralkit[pandas]"``.

    Scored agencies keep their groups and tool scores as columns (``groups.province``,
    ``result.tools.IIT``). ``exact=True`` gives decimals as exact strings; ``exact=False``
    gives floats, for plotting.

    >>> from moralkit import ita
    >>> scored = ita.score_many([ita.ItaRecord("a", tools={"IIT": 90, "EIT": 84, "OIT": 99},
    ...                                         groups={"province": "TH-10"})], 2566)
    >>> frame = to_dataframe(scored, exact=False)
    >>> row = frame.iloc[0]
    >>> row["agency"], row["groups.province"], float(row["result.tools.EIT"])
    ('a', 'TH-10', 84.0)
    """
    try:
        import pandas as pd  # noqa: PLC0415 (an optional extra, imported only when asked for)
    except ImportError as exc:
        raise ImportError(
            "moralkit.analysis.to_dataframe needs pandas: pip install 'moralkit[pandas]'"
        ) from exc
    return pd.DataFrame(records(_checked_items(items, exact, "to_dataframe"), exact=exact))


def _checked_items(items: object, exact: object, subject: str) -> tuple[object, ...]:
    problems: list[Problem] = []
    found: tuple[object, ...] = ()
    if not isinstance(items, Iterable) or isinstance(items, str | bytes | Mapping):
        problems.append(wrong_type("items", "kind.list", items))
    else:
        found = tuple(items)
        problems.extend(
            wrong_type(f"items[{index}]", "kind.data_value", item)
            for index, item in enumerate(found)
            if not attrs.has(type(item))
        )
    if not isinstance(exact, bool):
        problems.append(wrong_type("exact", "kind.boolean", exact))
    if problems:
        refuse(problems, subject)
    return found
