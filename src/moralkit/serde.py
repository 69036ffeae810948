"""The one converter: strict structuring with paths, and unstructuring to JSON-ready data.

`make_converter` builds a `cattrs.Converter` whose hooks are strict where cattrs' defaults
coerce: no ``int("7")``, no ``7.9 -> 7``, no ``123 -> "123"``, no string taken as a list,
unknown keys are errors. Dates travel as ISO strings, `~decimal.Decimal` as strings, enums by
value, `FiscalYear` as its BE year. The hook for attrs classes structures every field, checks
each field's `Constraint`, and only then builds the object, so *all* problems are reported at
once, each with its path (``plans[2].projects[0].budget``).

This module knows no domain class: it works for any attrs class.

>>> from attrs import frozen
>>> @frozen
... class Item:
...     name: str
...     count: int
>>> load(Item, {"name": "a", "count": 2})
Item(name='a', count=2)
>>> load(Item, {"name": 1, "count": "2", "colour": "red"})
Traceback (most recent call last):
...
moralkit.errors.ValidationError: 3 problems in Item:
  colour: unknown key 'colour'; expected one of: count, name / ...
  name: expected a string (got int 1) / ...
  count: expected a whole number (got str '2') / ...
"""

from __future__ import annotations

import difflib
import json
import re
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache
from typing import Any, Literal, NoReturn, TypeVar, Union

import attrs
import cattrs

from moralkit.errors import Problem, ValidationError
from moralkit.thai.calendar import FiscalYear
from moralkit.thai.numerals import THAI_DIGITS

__all__ = [
    "CONSTRAINT_KEY",
    "ITEM_CONSTRAINT_KEY",
    "Constraint",
    "converter",
    "dump",
    "from_json",
    "load",
    "make_converter",
    "to_json",
]

T = TypeVar("T")

#: The key under which a field's `Constraint` sits in its attrs metadata.
CONSTRAINT_KEY = "moralkit.constraint"
#: The key for a `Constraint` that applies to each item of a tuple field.
ITEM_CONSTRAINT_KEY = "moralkit.item_constraint"

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?", re.ASCII)


class _Problems(Exception):  # noqa: N818 (internal signal, never escapes this module)
    """Problems found while structuring, with paths relative to the value being built."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


def _fail(code: str, message_en: str, message_th: str) -> NoReturn:
    raise _Problems([Problem.legacy("", code, message_en, message_th)])


def _show(value: object) -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(value).__name__} {text}"


@attrs.frozen
class Constraint:
    """A single-field rule: bounds, length and pattern; read by load, schema and strategies.

    ``minimum``/``maximum`` are inclusive. ``min_length`` applies to strings and tuples.

    >>> Constraint(minimum=0).problem(-5)
    ('below_minimum', 'must be >= 0 (got -5)', 'ต้องไม่น้อยกว่า 0 (ได้รับ -5)')
    >>> Constraint(minimum=0).problem(5) is None
    True
    """

    minimum: int | Decimal | None = None
    maximum: int | Decimal | None = None
    min_length: int | None = None
    pattern: str | None = None
    #: What the pattern asks for, in words, for messages: "a province code such as 'TH-10'".
    pattern_en: str | None = None
    pattern_th: str | None = None
    _compiled: re.Pattern[str] | None = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        compiled = re.compile(self.pattern) if self.pattern is not None else None
        object.__setattr__(self, "_compiled", compiled)

    def problem(self, value: object) -> tuple[str, str, str] | None:
        """Return ``(code, message_en, message_th)`` when ``value`` breaks the rule."""
        if value is None:
            return None
        if self.minimum is not None and isinstance(value, int | Decimal) and value < self.minimum:
            return (
                "below_minimum",
                f"must be >= {self.minimum} (got {value})",
                f"ต้องไม่น้อยกว่า {self.minimum} (ได้รับ {value})",
            )
        if self.maximum is not None and isinstance(value, int | Decimal) and value > self.maximum:
            return (
                "above_maximum",
                f"must be <= {self.maximum} (got {value})",
                f"ต้องไม่เกิน {self.maximum} (ได้รับ {value})",
            )
        if self.min_length is not None and isinstance(value, str | tuple):
            size = len(value.strip()) if isinstance(value, str) else len(value)
            if size < self.min_length and self.min_length == 1:
                return ("blank", "must not be blank", "ต้องไม่เว้นว่าง")
            if size < self.min_length:
                what, what_th = (
                    ("characters", "ตัวอักษร") if isinstance(value, str) else ("items", "รายการ")
                )
                return (
                    "too_short",
                    f"must have at least {self.min_length} {what} (got {size})",
                    f"ต้องมีอย่างน้อย {self.min_length} {what_th} (ได้รับ {size})",
                )
        if (
            self._compiled is not None
            and isinstance(value, str)
            and not self._compiled.fullmatch(value)
        ):
            wanted_en = self.pattern_en or f"text matching {self.pattern}"
            wanted_th = self.pattern_th or f"ข้อความตามรูปแบบ {self.pattern}"
            return (
                "bad_format",
                f"must be {wanted_en} (got {value!r})",
                f"ต้องเป็น{wanted_th} (ได้รับ {value!r})",
            )
        return None

    def validator(self, _instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        """An attrs validator that raises `ValueError` shaped ``'field' must be ...``."""
        found = self.problem(value)
        if found is not None:
            raise ValueError(f"{attribute.name!r} {found[1]}")


# --- scalars ---------------------------------------------------------------------------------


def _structure_str(value: object, target: object) -> str:
    if target is not str and _is_enum(target):
        # str-based enums reach the str hook first (str precedes Enum in their MRO).
        return _structure_enum(value, target)  # type: ignore[arg-type, return-value]
    if not isinstance(value, str):
        _fail("wrong_type", f"expected a string (got {_show(value)})", "ต้องเป็นข้อความ")
    return value


def _structure_bool(value: object, _type: object) -> bool:
    if not isinstance(value, bool):
        _fail("wrong_type", f"expected true or false (got {_show(value)})", "ต้องเป็น true หรือ false")
    return value


def _structure_int(value: object, target: object) -> int:
    if target is not int and _is_enum(target):
        return _structure_enum(value, target)  # type: ignore[arg-type, return-value]
    if isinstance(value, bool) or not isinstance(value, int):
        hint_th = ""
        if isinstance(value, str) and any(c in THAI_DIGITS for c in value):
            hint_th = " (เลขไทยต้องเขียนเป็นตัวเลขอารบิก)"
        _fail(
            "wrong_type",
            f"expected a whole number (got {_show(value)})",
            f"ต้องเป็นจำนวนเต็ม{hint_th}",
        )
    return value


def _structure_decimal(value: object, _type: object) -> Decimal:
    if isinstance(value, Decimal):
        if not value.is_finite():
            _fail("not_finite", f"expected a finite number (got {value})", "ต้องเป็นจำนวนจำกัด")
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, float):
        _fail(
            "float",
            f"a float cannot carry decimals exactly; write the number as a string, "
            f"such as {str(value)!r} (got {value!r})",
            f"ทศนิยมแบบ float ไม่แม่นยำ ให้เขียนเป็นข้อความ เช่น {str(value)!r}",
        )
    if isinstance(value, str):
        if any(c in THAI_DIGITS for c in value):
            _fail(
                "thai_digits",
                f"write numbers with Arabic digits (got {value!r})",
                f"ให้เขียนตัวเลขด้วยเลขอารบิก (ได้รับ {value!r})",
            )
        if _DECIMAL.fullmatch(value):
            try:
                return Decimal(value)
            except InvalidOperation:  # pragma: no cover (the pattern admits only valid text)
                pass
        _fail(
            "bad_number",
            f"expected a decimal number written as a string, such as '1500.50' (got {value!r})",
            f"ต้องเป็นตัวเลขในรูปข้อความ เช่น '1500.50' (ได้รับ {value!r})",
        )
    _fail("wrong_type", f"expected a number (got {_show(value)})", "ต้องเป็นตัวเลข")


def _structure_date(value: object, _type: object) -> date:
    if type(value) is date:
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            _fail(
                "bad_date",
                f"{value!r} is not a real date",
                f"{value!r} ไม่ใช่วันที่ที่มีอยู่จริง",
            )
    _fail(
        "bad_date",
        f"expected an ISO date such as '2024-09-16' (got {_show(value)}); "
        "read Thai dates with moralkit.parse_thai_date first",
        "ต้องเป็นวันที่รูปแบบ ISO เช่น '2024-09-16' (แปลงวันที่ภาษาไทยด้วย parse_thai_date ก่อน)",
    )


def _structure_fiscal_year(value: object, _type: object) -> FiscalYear:
    if isinstance(value, FiscalYear):
        return value
    be = _structure_int(value, int)
    if be < 2400:
        _fail(
            "bad_fiscal_year",
            f"expected a Buddhist-Era fiscal year such as 2567 (got {be})",
            f"ต้องเป็นปีงบประมาณ พ.ศ. เช่น 2567 (ได้รับ {be})",
        )
    return FiscalYear(be)


# --- generic shapes -------------------------------------------------------------------------


def _is_union(t: object) -> bool:
    return typing.get_origin(t) in (Union, types.UnionType)


def _is_tuple(t: object) -> bool:
    return typing.get_origin(t) is tuple


def _is_mapping(t: object) -> bool:
    return typing.get_origin(t) in (dict, Mapping)


def _is_literal(t: object) -> bool:
    return typing.get_origin(t) is Literal


def _is_enum(t: object) -> bool:
    return isinstance(t, type) and issubclass(t, Enum)


Hook = Callable[[Any, Any], Any]


@cache
def _enum_table(enum_type: type[Enum]) -> tuple[dict[object, Enum], str]:
    by_value = {member.value: member for member in enum_type}
    return by_value, ", ".join(repr(v) for v in by_value)


def _structure_enum(value: object, enum_type: type[Enum]) -> Enum:
    if isinstance(value, enum_type):
        return value
    by_value, allowed = _enum_table(enum_type)
    # Look up by type as well as value, so True is never taken for 1 nor "1" for 1.
    member = by_value.get(value) if isinstance(value, str | int) else None
    if member is None or type(member.value) is not type(value):
        _fail(
            "not_allowed",
            f"expected one of {allowed} (got {_show(value)})",
            f"ต้องเป็นค่าใดค่าหนึ่งใน {allowed}",
        )
    return member


def _enum_hook(_enum_type: type[Enum]) -> Hook:
    return _structure_enum


def _literal_hook(literal: object) -> Hook:
    options = typing.get_args(literal)
    allowed = ", ".join(repr(o) for o in options)

    def structure(value: object, _type: object) -> object:
        for option in options:
            if type(option) is type(value) and option == value:
                return option
        _fail(
            "not_allowed",
            f"expected one of {allowed} (got {_show(value)})",
            f"ต้องเป็นค่าใดค่าหนึ่งใน {allowed}",
        )

    return structure


class _Factories:
    """Hook factories for the shapes of data; each closes over the converter's dispatch."""

    def __init__(self, conv: cattrs.Converter) -> None:
        self.structure = conv.structure
        self.unstructure = conv.unstructure

    def union(self, union: object) -> Hook:
        members = [a for a in typing.get_args(union) if a is not type(None)]
        nullable = len(members) < len(typing.get_args(union))
        structure = self.structure

        def structure_union(value: object, _type: object) -> object:
            if value is None:
                if nullable:
                    return None
                _fail("null", "must not be null", "ต้องไม่เป็นค่าว่าง (null)")
            first: _Problems | None = None
            for member in members:
                try:
                    return structure(value, member)
                except _Problems as exc:
                    first = first or exc
            assert first is not None  # a union has at least one member
            raise first

        return structure_union

    def sequence(self, tuple_type: object) -> Hook:
        args = typing.get_args(tuple_type)
        fixed = not (len(args) == 2 and args[1] is Ellipsis)
        structure = self.structure

        def structure_tuple(value: object, _type: object) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                _fail("wrong_type", f"expected a list (got {_show(value)})", "ต้องเป็นรายการ (list)")
            if fixed and len(value) != len(args):
                _fail(
                    "wrong_length",
                    f"expected a list of exactly {len(args)} items (got {len(value)})",
                    f"ต้องเป็นรายการ {len(args)} รายการพอดี (ได้รับ {len(value)})",
                )
            items: list[Any] = []
            problems: list[Problem] = []
            for index, item in enumerate(value):
                item_type = args[index] if fixed else args[0]
                try:
                    items.append(structure(item, item_type))
                except _Problems as exc:
                    problems.extend(p.at(f"[{index}]") for p in exc.problems)
            if problems:
                raise _Problems(problems)
            return tuple(items)

        return structure_tuple

    def mapping(self, mapping_type: object) -> Hook:
        key_type, value_type = typing.get_args(mapping_type)
        structure = self.structure

        def structure_key(key: object) -> object:
            # JSON object keys are always strings: an int key may arrive as "7".
            if key_type is int and isinstance(key, str) and key.isascii() and key.isdigit():
                return int(key)
            return structure(key, key_type)

        def structure_mapping(value: object, _type: object) -> dict[Any, Any]:
            if not isinstance(value, Mapping):
                _fail("wrong_type", f"expected an object (got {_show(value)})", "ต้องเป็นออบเจกต์")
            result: dict[Any, Any] = {}
            problems: list[Problem] = []
            for key, item in value.items():
                step = f"[{key!r}]" if isinstance(key, str) else f"[{key}]"
                try:
                    result[structure_key(key)] = structure(item, value_type)
                except _Problems as exc:
                    problems.extend(p.at(step) for p in exc.problems)
            if problems:
                raise _Problems(problems)
            return result

        return structure_mapping

    def attrs_class(self, cls: type[Any]) -> Hook:
        hints = typing.get_type_hints(cls)
        specs = [
            _FieldSpec(
                f.name,
                f.alias if getattr(f, "alias", None) else f.name,
                hints[f.name],
                f.default is attrs.NOTHING,
                f.metadata.get(CONSTRAINT_KEY),
                f.metadata.get(ITEM_CONSTRAINT_KEY),
            )
            for f in attrs.fields(cls)
            if f.init
        ]
        known = {spec.name for spec in specs}
        expected = ", ".join(sorted(known))
        structure = self.structure

        def structure_attrs(value: object, _type: object) -> Any:
            if not isinstance(value, Mapping):
                _fail(
                    "wrong_type",
                    f"expected an object with keys {expected} (got {_show(value)})",
                    "ต้องเป็นออบเจกต์",
                )
            problems = [_unknown_key(key, known) for key in value if key not in known]
            kwargs: dict[str, Any] = {}
            for spec in specs:
                if spec.name not in value:
                    if spec.required:
                        problems.append(_missing(spec.name))
                    continue
                try:
                    item = structure(value[spec.name], spec.type)
                except _Problems as exc:
                    problems.extend(p.at(spec.name) for p in exc.problems)
                    continue
                found = spec.check(item)
                if found:
                    problems.extend(found)
                    continue
                kwargs[spec.alias] = item
            if problems:
                raise _Problems(problems)
            try:
                return cls(**kwargs)
            except (ValueError, TypeError) as exc:
                raise _Problems([_problem_from(exc)]) from None

        return structure_attrs

    def tuple_unstructure(self, tuple_type: object) -> Callable[[tuple[Any, ...]], list[Any]]:
        args = typing.get_args(tuple_type)
        fixed = bool(args) and not (len(args) == 2 and args[1] is Ellipsis)
        unstructure = self.unstructure

        def unstructure_tuple(value: tuple[Any, ...]) -> list[Any]:
            if fixed:
                return [unstructure(item, kind) for item, kind in zip(value, args, strict=True)]
            item_type = args[0] if args else Any
            return [unstructure(item, item_type) for item in value]

        return unstructure_tuple


@attrs.frozen
class _FieldSpec:
    name: str
    alias: str
    type: Any
    required: bool
    constraint: Constraint | None
    item_constraint: Constraint | None

    def check(self, value: Any) -> list[Problem]:
        if self.constraint is not None:
            found = self.constraint.problem(value)
            if found is not None:
                return [Problem.legacy(self.name, *found)]
        if self.item_constraint is None:
            return []
        item_constraint = self.item_constraint
        return [
            Problem.legacy(f"{self.name}[{index}]", *found)
            for index, element in enumerate(value)
            if (found := item_constraint.problem(element)) is not None
        ]


def _missing(name: str) -> Problem:
    return Problem.legacy(
        name, "missing", f"missing required key {name!r}", f"ขาดข้อมูลที่จำเป็น {name!r}"
    )


def make_converter() -> cattrs.Converter:
    """Build the strict converter. Call it once; `converter` returns a shared one.

    The converter structures with `cattrs.Converter.structure` and unstructures with
    `cattrs.Converter.unstructure`; its hooks raise an internal signal on bad input, which
    `load` turns into `moralkit.ValidationError`. Use `load` and `dump` rather than calling it
    directly.
    """
    conv = cattrs.Converter()
    for scalar, hook in (
        (str, _structure_str),
        (bool, _structure_bool),
        (int, _structure_int),
        (Decimal, _structure_decimal),
        (date, _structure_date),
        (FiscalYear, _structure_fiscal_year),
    ):
        conv.register_structure_hook(scalar, hook)
    factories = _Factories(conv)
    conv.register_structure_hook_factory(_is_enum, _enum_hook)
    conv.register_structure_hook_factory(_is_literal, _literal_hook)
    conv.register_structure_hook_factory(_is_union, factories.union)
    conv.register_structure_hook_factory(_is_tuple, factories.sequence)
    conv.register_structure_hook_factory(_is_mapping, factories.mapping)
    conv.register_structure_hook_factory(attrs.has, factories.attrs_class)

    conv.register_unstructure_hook(Decimal, str)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_unstructure_hook(FiscalYear, lambda fy: fy.be)
    # A str-based enum meets the str hook first (str precedes Enum in its MRO).
    conv.register_unstructure_hook(str, _plain_str)
    conv.register_unstructure_hook(Enum, _enum_value)
    conv.register_unstructure_hook_factory(_is_tuple, factories.tuple_unstructure)
    return conv


def _enum_value(member: Enum) -> Any:
    return member.value if isinstance(member, Enum) else member


def _plain_str(value: str) -> str:
    return str(value.value) if isinstance(value, Enum) else value


def _unknown_key(key: object, known: set[str]) -> Problem:
    close = difflib.get_close_matches(str(key), sorted(known), n=1)
    hint = (
        f"; did you mean {close[0]!r}?"
        if close
        else f"; expected one of: {', '.join(sorted(known))}"
    )
    return Problem.legacy(
        str(key),
        "unknown_key",
        f"unknown key {key!r}{hint}",
        f"ไม่รู้จักคีย์ {key!r}" + (f" (หมายถึง {close[0]!r} หรือไม่)" if close else ""),
    )


def _problem_from(exc: Exception) -> Problem:
    message_en = getattr(exc, "problem_en", None) or str(exc)
    message_th = getattr(exc, "problem_th", None) or f"ค่าไม่ถูกต้อง: {exc}"
    return Problem.legacy("", "invalid", message_en, message_th)


@cache
def converter() -> cattrs.Converter:
    """The shared converter, built on first use; thread-safe to use from many threads."""
    return make_converter()


def load(cls: type[T], data: object) -> T:
    """Build a ``cls`` from JSON-like ``data`` (dicts, lists, strings, numbers).

    Raises `moralkit.ValidationError` listing every problem with its path. ``data`` is
    never modified.
    """
    try:
        result: T = converter().structure(data, cls)
    except _Problems as exc:
        raise ValidationError(exc.problems, getattr(cls, "__name__", str(cls))) from None
    return result


def dump(obj: object) -> Any:
    """Turn a moralkit value into JSON-ready data: dicts, lists, strings, numbers, None.

    Dates become ISO strings, Decimals strings, enums their values, fiscal years their BE
    year; `load` turns the result back into an equal value.
    """
    return converter().unstructure(obj)


def to_json(obj: object, *, indent: int | None = 2) -> str:
    """Serialize to JSON text, keeping Thai characters as they are (no escapes)."""
    return json.dumps(dump(obj), ensure_ascii=False, indent=indent)


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number JSON allows")


def from_json(cls: type[T], text: str | bytes) -> T:
    """Parse JSON text and `load` a ``cls`` from it.

    JSON numbers with a fraction are read as `~decimal.Decimal`, so ``12.50`` keeps its
    exact value. Malformed JSON is a `moralkit.ValidationError` too.
    """
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except ValueError as exc:
        raise ValidationError(
            [Problem.legacy("", "invalid_json", f"not valid JSON: {exc}", f"JSON ไม่ถูกต้อง: {exc}")],
            getattr(cls, "__name__", str(cls)),
        ) from None
    return load(cls, data)
