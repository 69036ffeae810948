"""JSON Schema (draft 2020-12) for moralkit's classes, so other languages can validate payloads.

The schema describes the wire form `moralkit.dump` writes and `moralkit.load` reads: dates as
ISO strings, decimals as strings (or whole numbers), fiscal years as BE integers, enums by value,
no unknown keys. It is built from the classes' type hints and field constraints, so it cannot
drift from the loader.

>>> from moralkit.model import Venue
>>> schema = json_schema(Venue)
>>> schema["$schema"], schema["additionalProperties"]
('https://json-schema.org/draft/2020-12/schema', False)
>>> schema["properties"]["capacity"]
{'anyOf': [{'type': 'integer', 'minimum': 0}, {'type': 'null'}]}

Limits: a schema cannot express cross-field rules (`moralkit.validate` checks those), and a
decimal's bounds are checked only when it is written as a number.
"""

from __future__ import annotations

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

from moralkit.serde import CONSTRAINT_KEY, ITEM_CONSTRAINT_KEY, Constraint
from moralkit.thai.calendar import FiscalYear

__all__ = ["json_schema"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_DECIMAL_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"
_UNSIGNED_DECIMAL_PATTERN = r"^[0-9]+(\.[0-9]+)?$"


def _number(value: int | Decimal) -> int | float:
    # JSON Schema keywords are JSON numbers; bounds here are whole or short decimals.
    return int(value) if value == int(value) else float(value)


def _apply(schema: dict[str, Any], constraint: Constraint | None) -> dict[str, Any]:
    if constraint is None:
        return schema
    result = dict(schema)
    kind = result.get("type")
    if kind in ("integer", "number"):
        if constraint.minimum is not None:
            result["minimum"] = _number(constraint.minimum)
        if constraint.maximum is not None:
            result["maximum"] = _number(constraint.maximum)
    if kind == "string":
        if constraint.min_length:
            result["minLength"] = constraint.min_length
            if constraint.pattern is None:
                result["pattern"] = r"\S"  # not blank: at least one non-space character
        if constraint.pattern is not None:
            result["pattern"] = f"^(?:{constraint.pattern})$"
    if kind == "array" and constraint.min_length:
        result["minItems"] = constraint.min_length
    if "anyOf" in result:  # a decimal: bound the number form, and forbid '-' when >= 0
        result["anyOf"] = [_apply(option, constraint) for option in result["anyOf"]]
        if constraint.minimum is not None and constraint.minimum >= 0:
            result["anyOf"][0] = {"type": "string", "pattern": _UNSIGNED_DECIMAL_PATTERN}
    return result


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
                return {"type": "array", "items": self.of(args[0], constraint)}
            return {
                "type": "array",
                "prefixItems": [self.of(a) for a in args],
                "items": False,
                "minItems": len(args),
            }
        if origin in (dict, Mapping):
            key_type, value_type = typing.get_args(hint)
            result: dict[str, Any] = {"type": "object", "additionalProperties": self.of(value_type)}
            if key_type is int:
                result["propertyNames"] = {"pattern": "^[0-9]+$"}
            return result
        if origin is Literal:
            return {"enum": list(typing.get_args(hint))}
        return _apply(self.scalar(hint), constraint)

    def scalar(self, hint: Any) -> dict[str, Any]:
        if inspect.isclass(hint) and issubclass(hint, Enum):
            values = [m.value for m in hint]
            kind = "integer" if all(isinstance(v, int) for v in values) else "string"
            return {"type": kind, "enum": values}
        simple: dict[Any, dict[str, Any]] = {
            str: {"type": "string"},
            bool: {"type": "boolean"},
            int: {"type": "integer"},
            date: {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
            FiscalYear: {"type": "integer", "minimum": 2400, "maximum": 10542},
            Decimal: {
                "anyOf": [{"type": "string", "pattern": _DECIMAL_PATTERN}, {"type": "integer"}]
            },
        }
        if hint in simple:
            return dict(simple[hint])
        if attrs.has(hint):
            return self.ref(hint)
        raise TypeError(f"no JSON Schema for {hint!r}")

    def ref(self, cls: type[Any]) -> dict[str, Any]:
        name = cls.__name__
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
            if item_constraint is not None:
                item_hint = typing.get_args(hints[f.name])[0]
                schema = {"type": "array", "items": self.of(item_hint, item_constraint)}
            else:
                schema = self.of(hints[f.name], f.metadata.get(CONSTRAINT_KEY))
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
    root = builder.object(cls)
    defs = {name: body for name, body in builder.defs.items() if name != cls.__name__}
    schema = {"$schema": _DIALECT, "$id": f"urn:moralkit:{cls.__module__}.{cls.__name__}", **root}
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    if cls.__name__ in builder.defs:
        # The class refers to itself somewhere below: point those references at the root.
        schema["$defs"] = {**schema.get("$defs", {}), cls.__name__: {"$ref": "#"}}
    return schema


def json_schema(cls: type[Any]) -> dict[str, Any]:
    """The draft 2020-12 JSON Schema of an attrs class, as a new dict each call.

    Nested classes appear once under ``$defs``; every object forbids unknown keys and lists
    its required keys.
    """
    if not attrs.has(cls):
        raise TypeError(f"json_schema() takes an attrs class (got {cls!r})")
    import copy  # noqa: PLC0415 (only here: callers get their own copy of the cached schema)

    return copy.deepcopy(_schema(cls))
