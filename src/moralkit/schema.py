"""JSON Schema (draft 2020-12) for moralkit's classes, so other languages can validate payloads.

The schema describes the wire form `moralkit.dump` writes and `moralkit.load` reads, under
the same input policy: dates as ISO strings before the year 2400, decimals as strings of plain
digits (or whole numbers) within the number bounds, fiscal years as BE integers, enums by
value, text that shows something and holds no control characters, no unknown keys. It is
built from the classes' type hints and field constraints, so it cannot drift from the loader.
Definitions are keyed by qualified name (``moralkit.model.events.Venue``), so two classes
with the same short name never merge.

>>> from moralkit.model import Venue
>>> schema = json_schema(Venue)
>>> schema["$schema"], schema["additionalProperties"]
('https://json-schema.org/draft/2020-12/schema', False)
>>> schema["properties"]["capacity"]["anyOf"][0]
{'type': 'integer', 'minimum': 0, 'maximum': 999999999999999}

Text fields carry ``"format": "moralkit-text"``: a validator that does not know the format
still checks the control-character pattern; `TEXT_FORMAT` says what the format adds (text
that shows something). What a schema cannot state is listed in `CROSS_FIELD_CODES`: those
rules need more than one field, and `moralkit.load` or `moralkit.validate` checks them.
"""

from __future__ import annotations

import copy
import inspect
import types
import typing
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, Literal, Union

import attrs

from moralkit._args import refuse, wrong_type
from moralkit._decimal import MAX_MAGNITUDE, MAX_PLACES
from moralkit._fields import CONSTRAINT_KEY, ITEM_CONSTRAINT_KEY, Constraint, text_problem
from moralkit.thai.calendar import FiscalYear

__all__ = ["CROSS_FIELD_CODES", "TEXT_FORMAT", "json_schema", "validator"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: The format name of moralkit text: no control characters or lone surrogates, not blank.
TEXT_FORMAT = "moralkit-text"
#: Problem codes `load` can raise that no JSON Schema states, because they join fields.
CROSS_FIELD_CODES = frozenset(
    {
        "end_before_start",
        "virtue_or_own_name",
        "moral.one_form",
        "moral.part_and_whole",
        "moral.empty_whole",
        "moral.part_above_whole",
        "duplicate",
    }
)

_NO_CONTROL = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ud800-\\udfff]*$"
# Years 0000-2399: an ISO date in 2400 or later is a Buddhist-Era year written by mistake.
_ISO_DATE = "^(?:[01][0-9]{3}|2[0-3][0-9]{2})-[0-9]{2}-[0-9]{2}$"
_LARGEST = MAX_MAGNITUDE - 1
_FRACTION = f"(?:\\.[0-9]{{1,{MAX_PLACES}}})?"
_ZERO_FRACTION = f"(?:\\.0{{1,{MAX_PLACES}}})?"


def _below(bound: int) -> str:
    """A regex for the whole numbers 0 .. bound - 1 written without leading zeros."""
    if bound <= 0:
        return "(?!)"
    digits = len(str(bound)) - 1
    if bound == 10**digits and digits > 0:
        return f"[0-9]{{1,{digits}}}"  # with the leading zeros the caller strips
    top = str(bound - 1)
    options = ["[0-9]"] if len(top) > 1 else []
    options += [f"[1-9][0-9]{{{n - 1}}}" for n in range(2, len(top))]
    # Numbers as long as top: below top at some digit, equal before it, anything after.
    for position, digit in enumerate(top):
        first = 1 if position == 0 and len(top) > 1 else 0
        if int(digit) > first:
            rest = len(top) - position - 1
            tail = f"[0-9]{{{rest}}}" if rest else ""
            options.append(f"{top[:position]}[{first}-{int(digit) - 1}]{tail}")
    options.append(top)
    return "(?:" + "|".join(options) + ")"


def _decimal_text(constraint: Constraint | None) -> dict[str, Any]:
    """The string form of a decimal: plain digits, within the policy, and within the bounds.

    Bounds of 0 and a whole-number maximum are written into the pattern; other bounds
    (fractional, or a positive minimum) are left to the loader, the pattern keeping the policy.
    """
    low = constraint.minimum if constraint is not None else None
    high = constraint.maximum if constraint is not None else None
    sign = "" if low is not None and low >= 0 else "-?"
    whole = _below(MAX_MAGNITUDE)
    pattern = f"^{sign}0*{whole}{_FRACTION}$"
    if low is not None and low == 0 and high is not None and high == int(high) and high >= 0:
        top = int(high)
        pattern = f"^0*(?:{_below(top)}{_FRACTION}|{top}{_ZERO_FRACTION})$"
    return {"type": "string", "pattern": pattern, "maxLength": 40}


def _number(value: int | Decimal) -> int | float:
    # JSON Schema keywords are JSON numbers; bounds here are whole or short decimals.
    return int(value) if value == int(value) else float(value)


def _integer(constraint: Constraint | None) -> dict[str, Any]:
    low: int | Decimal = -_LARGEST
    high: int | Decimal = _LARGEST
    if constraint is not None and constraint.minimum is not None:
        low = max(low, constraint.minimum)
    if constraint is not None and constraint.maximum is not None:
        high = min(high, constraint.maximum)
    return {"type": "integer", "minimum": _number(low), "maximum": _number(high)}


def _text(constraint: Constraint | None) -> dict[str, Any]:
    result: dict[str, Any] = {"type": "string", "format": TEXT_FORMAT, "pattern": _NO_CONTROL}
    if constraint is not None and constraint.min_length:
        result["minLength"] = constraint.min_length
    if constraint is not None and constraint.pattern is not None:
        result["allOf"] = [{"pattern": f"^(?:{constraint.pattern})$"}]
    return result


def _qualified(cls: type[Any]) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def of(self, hint: Any, constraint: Constraint | None = None) -> dict[str, Any]:
        origin = typing.get_origin(hint)
        if origin in (Union, types.UnionType):
            members = [a for a in typing.get_args(hint) if a is not type(None)]
            options = [self.of(m, constraint) for m in members]
            if len(members) < len(typing.get_args(hint)):
                options.append({"type": "null"})
            return options[0] if len(options) == 1 else {"anyOf": options}
        if origin is tuple:
            args = typing.get_args(hint)
            if len(args) == 2 and args[1] is Ellipsis:
                result: dict[str, Any] = {"type": "array", "items": self.of(args[0])}
                if constraint is not None and constraint.min_length:
                    result["minItems"] = constraint.min_length
                return result
            return {
                "type": "array",
                "prefixItems": [self.of(a) for a in args],
                "items": False,
                "minItems": len(args),
            }
        if origin in (dict, Mapping):
            key_type, value_type = typing.get_args(hint)
            mapping: dict[str, Any] = {
                "type": "object",
                "additionalProperties": self.of(value_type),
            }
            if key_type is int:
                mapping["propertyNames"] = {"pattern": "^[0-9]{1,15}$"}
            elif key_type is str:
                mapping["propertyNames"] = _text(None)
            return mapping
        if origin is Literal:
            return {"enum": list(typing.get_args(hint))}
        return self.scalar(hint, constraint)

    def scalar(self, hint: Any, constraint: Constraint | None) -> dict[str, Any]:
        if hint is Any or hint is object:
            return {}
        if inspect.isclass(hint) and issubclass(hint, Enum):
            values = [m.value for m in hint]
            kind = "integer" if all(isinstance(v, int) for v in values) else "string"
            return {"type": kind, "enum": values}
        if hint is str:
            return _text(constraint)
        if hint is bool:
            return {"type": "boolean"}
        if hint is int:
            return _integer(constraint)
        if hint is date:
            return {"type": "string", "format": "date", "pattern": _ISO_DATE}
        if hint is FiscalYear:
            return {"type": "integer", "minimum": 2400, "maximum": 10542}
        if hint is Decimal:
            return {"anyOf": [_decimal_text(constraint), _integer(constraint)]}
        if attrs.has(hint):
            return self.ref(hint)
        raise TypeError(f"no JSON Schema for {hint!r}")

    def ref(self, cls: type[Any]) -> dict[str, Any]:
        name = _qualified(cls)
        if name not in self.defs:
            self.defs[name] = {}  # placeholder first: classes may refer to themselves
            self.defs[name] = self.object(cls)
        return {"$ref": f"#/$defs/{name}"}

    def object(self, cls: type[Any]) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for f in attrs.fields(cls):
            if not f.init:
                continue
            item_constraint = f.metadata.get(ITEM_CONSTRAINT_KEY)
            hint = hints[f.name]
            if item_constraint is not None and typing.get_origin(hint) is tuple:
                item_hint = typing.get_args(hint)[0]
                schema = {"type": "array", "items": self.of(item_hint, item_constraint)}
            else:
                schema = self.of(hint, f.metadata.get(CONSTRAINT_KEY))
            properties[f.name] = schema
            if f.default is attrs.NOTHING:
                required.append(f.name)
        doc = inspect.getdoc(cls) or ""
        result: dict[str, Any] = {
            "title": cls.__name__,
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
        if doc:
            result["description"] = doc.split("\n\n")[0].replace("\n", " ")
        return result


@cache
def _schema(cls: type[Any]) -> dict[str, Any]:
    builder = _Builder()
    name = _qualified(cls)
    if cls is FiscalYear:
        # A fiscal year travels as its BE year, as it does inside every other class.
        root = {"title": cls.__name__, **builder.of(cls, None)}
        doc = inspect.getdoc(cls) or ""
        root["description"] = doc.split("\n\n")[0].replace("\n", " ")
        return {"$schema": _DIALECT, "$id": f"urn:moralkit:{name}", **root}
    root = builder.object(cls)
    defs = {key: body for key, body in builder.defs.items() if key != name}
    schema = {"$schema": _DIALECT, "$id": f"urn:moralkit:{name}", **root}
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    if name in builder.defs:
        # The class refers to itself somewhere below: point those references at the root.
        schema["$defs"] = {**schema.get("$defs", {}), name: {"$ref": "#"}}
    return schema


def json_schema(cls: type[Any]) -> dict[str, Any]:
    """The draft 2020-12 JSON Schema of an attrs class, as a new dict each call.

    Nested classes appear once under ``$defs``, keyed by qualified name; every object
    forbids unknown keys and lists its required keys. A ``cls`` that is not an attrs class
    is refused with `moralkit.ValidationError` (``wrong_type`` at ``cls``).

    >>> from moralkit.model import Venue
    >>> json_schema(Venue)["$id"]
    'urn:moralkit:moralkit.model.events.Venue'
    """
    _check_class(cls, "json_schema")
    return copy.deepcopy(_schema(cls))  # type: ignore[arg-type]  # classes hash by identity


def _check_class(cls: object, subject: str) -> None:
    if not (isinstance(cls, type) and attrs.has(cls)):
        refuse([wrong_type("cls", "kind.attrs_class", cls)], subject)


def _is_text(value: object) -> bool:
    return not isinstance(value, str) or text_problem(value) is None


def validator(cls: type[Any]) -> Any:
    """A `jsonschema` validator of ``cls``'s schema that checks formats, ``moralkit-text`` too.

    Needs the ``jsonschema`` package (``pip install jsonschema``). A ``cls`` that is not an
    attrs class is refused with `moralkit.ValidationError` (``wrong_type`` at ``cls``).

    >>> from moralkit.model import Venue
    >>> validator(Venue).is_valid({"name_th": "\u200b"})
    False
    """
    try:
        from jsonschema import Draft202012Validator  # noqa: PLC0415 (optional dependency)
    except ImportError as exc:  # pragma: no cover (the dev extra has it)
        raise ImportError(
            "moralkit.schema.validator needs jsonschema: pip install jsonschema"
        ) from exc
    _check_class(cls, "validator")
    checker = copy.deepcopy(Draft202012Validator.FORMAT_CHECKER)
    checker.checks(TEXT_FORMAT)(_is_text)
    schema: Any = _schema(cls)  # type: ignore[arg-type]  # classes hash by identity
    return Draft202012Validator(schema, format_checker=checker)
