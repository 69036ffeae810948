"""Hypothesis strategies that build valid moralkit objects, for your own tests.

`strategy` builds instances of any moralkit attrs class. It reads each field's type and its
declared constraint (bounds, patterns, non-blank text), and uses explicit strategies for the
values with cross-field rules (`DateRange`, `TargetVirtue`, `FiscalYear`, money). It does not
rely on ``st.builds``, which ignores attrs validators. Every object it builds is accepted by its
constructor and by `moralkit.load`; it may still draw `moralkit.validate` warnings, such as a
virtue used before it became core.

Requires Hypothesis: ``pip install "moralkit[testing]"``.

>>> from hypothesis import given
>>> from moralkit import dump, load
>>> from moralkit.model import Event
>>> @given(strategy(Event))
... def test_round_trip(event):
...     assert load(Event, dump(event)) == event
>>> test_round_trip()
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, Literal, TypeVar, Union

import attrs

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover (the dev extra always has Hypothesis)
    raise ImportError("moralkit.testing needs Hypothesis: pip install 'moralkit[testing]'") from exc

from moralkit._fields import CONSTRAINT_KEY, ITEM_CONSTRAINT_KEY, Constraint, text_problem
from moralkit._synthetic import SyntheticIta, synthetic_ita
from moralkit.model import TargetVirtue, Virtue, provinces
from moralkit.model._base import ID_PATTERN, PROVINCE_CODE_PATTERN
from moralkit.thai.calendar import DateRange, FiscalYear

__all__ = [
    "SyntheticIta",
    "dates",
    "decimals",
    "fiscal_years",
    "register",
    "strategy",
    "synthetic_ita",
    "thai_text",
]

T = TypeVar("T")

#: Thai letters, vowels and tone marks with a few Latin letters, digits and spaces.
_THAI_ALPHABET = "กขคงจฉชซญดตถทนบปผพฟมยรลวศษสหอฮะาิีึืุูเแโใไ่้๊๋ั็์ำ ABCxyz0123456789.-/"


def thai_text(min_size: int = 1, max_size: int = 24) -> st.SearchStrategy[str]:
    """Text in Thai script (with some Latin letters, digits and punctuation) that shows something.

    A lone tone mark or vowel sign shows nothing: such text is blank by moralkit's text policy.
    """
    text = st.text(_THAI_ALPHABET, min_size=min_size, max_size=max_size)
    return text.filter(lambda t: text_problem(t) is None)


def dates(
    min_value: date = date(1941, 1, 1), max_value: date = date(2399, 12, 31)
) -> st.SearchStrategy[date]:
    """Calendar dates; by default the span where BE = CE + 543, before the year 2400.

    ISO dates in 2400 or later are refused as Buddhist-Era years written by mistake.
    """
    return st.dates(min_value, max_value)


def fiscal_years(min_be: int = 2500, max_be: int = 2700) -> st.SearchStrategy[FiscalYear]:
    """Fiscal years between two Buddhist-Era years, inclusive."""
    return st.integers(min_be, max_be).map(FiscalYear)


def decimals(
    min_value: Decimal | int = 0, max_value: Decimal | int = 10_000_000, places: int = 2
) -> st.SearchStrategy[Decimal]:
    """Exact decimals with at most ``places`` decimal places (money, scores)."""
    return st.decimals(min_value, max_value, places=places, allow_nan=False, allow_infinity=False)


def _date_ranges() -> st.SearchStrategy[DateRange]:
    return st.builds(
        lambda start, length: DateRange(
            start, min(start + timedelta(days=length), date(2399, 12, 31))
        ),
        dates(),
        st.integers(0, 30),
    )


def _target_virtues() -> st.SearchStrategy[TargetVirtue]:
    lists = st.lists(thai_text(), max_size=2)
    core = st.builds(
        TargetVirtue, virtue=st.sampled_from(Virtue), problems_to_fix=lists, good_deeds=lists
    )
    own = st.builds(
        TargetVirtue,
        name_th=thai_text(),
        name_en=st.none() | thai_text(),
        problems_to_fix=lists,
        good_deeds=lists,
    )
    return core | own


_OVERRIDES: dict[Any, Callable[[], st.SearchStrategy[Any]]] = {
    DateRange: _date_ranges,
    TargetVirtue: _target_virtues,
    FiscalYear: fiscal_years,
    date: dates,
    bool: st.booleans,
}


def register(cls: type[T], make: Callable[[], st.SearchStrategy[T]]) -> None:
    """Use ``make()`` whenever `strategy` needs a ``cls`` (for your own classes' invariants)."""
    _OVERRIDES[cls] = make
    _for_class.cache_clear()


def _constrained_text(constraint: Constraint | None) -> st.SearchStrategy[str]:
    if constraint is not None and constraint.pattern == ID_PATTERN:
        return st.from_regex(r"\A[a-z][a-z0-9]{0,6}(?:-[a-z0-9]{1,5}){0,2}\Z")
    if constraint is not None and constraint.pattern == PROVINCE_CODE_PATTERN:
        return st.sampled_from([p.code for p in provinces()])
    if constraint is not None and constraint.pattern is not None:
        return st.from_regex(f"\\A(?:{constraint.pattern})\\Z")
    return thai_text()


def _number(hint: Any, constraint: Constraint | None) -> st.SearchStrategy[Any]:
    low = constraint.minimum if constraint and constraint.minimum is not None else 0
    high = constraint.maximum if constraint and constraint.maximum is not None else 10_000
    if hint is int:
        return st.integers(int(low), int(high))
    return decimals(low, high)


def _for_hint(hint: Any, constraint: Constraint | None = None) -> st.SearchStrategy[Any]:
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        members = [a for a in typing.get_args(hint) if a is not type(None)]
        options = st.one_of(*[_for_hint(m, constraint) for m in members])
        return st.none() | options if len(members) < len(typing.get_args(hint)) else options
    if origin is tuple:
        args = typing.get_args(hint)
        if not (len(args) == 2 and args[1] is Ellipsis):
            return st.tuples(*(_for_hint(a) for a in args))
        item = _for_hint(args[0], constraint)
        return st.lists(item, max_size=2).map(tuple)
    if origin in (dict, Mapping):
        key, value = typing.get_args(hint)
        return st.dictionaries(_for_hint(key), _for_hint(value), max_size=3)
    if origin is Literal:
        return st.sampled_from(typing.get_args(hint))
    if hint in _OVERRIDES:
        return _OVERRIDES[hint]()
    if inspect.isclass(hint) and issubclass(hint, Enum):
        return st.sampled_from(list(hint))
    if hint is str:
        return _constrained_text(constraint)
    if hint in (int, Decimal):
        return _number(hint, constraint)
    if attrs.has(hint):
        return st.deferred(lambda: _for_class(hint))
    raise TypeError(f"no strategy for {hint!r}; register one with moralkit.testing.register")


@cache
def _for_class(cls: type[Any]) -> st.SearchStrategy[Any]:
    hints = typing.get_type_hints(cls)
    required: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for f in attrs.fields(cls):
        if not f.init:
            continue
        item = f.metadata.get(ITEM_CONSTRAINT_KEY)
        constraint = item if item is not None else f.metadata.get(CONSTRAINT_KEY)
        value = _for_hint(hints[f.name], constraint)
        (required if f.default is attrs.NOTHING else optional)[f.alias or f.name] = value
    # Optional fields are drawn too, so defaults and filled-in values are both exercised.
    return st.fixed_dictionaries(required, optional=optional).map(lambda kwargs: cls(**kwargs))


def strategy(cls: type[T]) -> st.SearchStrategy[T]:
    """A strategy for valid instances of ``cls`` (any moralkit attrs class, or `DateRange`)."""
    if cls in _OVERRIDES:
        return _OVERRIDES[cls]()
    if not attrs.has(cls):
        raise TypeError(f"strategy() takes an attrs class (got {cls!r})")
    result: st.SearchStrategy[T] = _for_class(cls)
    return result
