"""The one converter: strict structuring with paths, and unstructuring to JSON-ready data.

`make_converter` builds a `cattrs.Converter` whose hooks are strict where cattrs' defaults
coerce: no ``int("7")``, no ``7.9 -> 7``, no ``123 -> "123"``, no string taken as a list,
unknown keys are errors. Dates travel as ISO strings, `~decimal.Decimal` as strings, enums by
value, `FiscalYear` as its BE year. Attrs classes are structured by the functions cattrs
generates (`cattrs.gen.make_dict_structure_fn`, with unknown keys forbidden and cattrs'
detailed validation on); each constrained field gets an override hook that structures the
value and checks its `Constraint` once, with its path. cattrs' `ClassValidationError` tree,
walked through the exceptions' ``__notes__``, becomes moralkit `Problem` values, so *all*
problems are reported at once (``plans[2].projects[0].budget``).

Every value read passes one input policy: the number policy of `moralkit._decimal`, the
text policy of `moralkit._fields`, ISO dates before year 2400, and no duplicate keys or
unreadable nesting in JSON text. This module knows no domain class: it works for any attrs class.

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
  name: expected a string (got 1) / ...
  count: expected an integer (got 2) / ...
  colour: unknown key 'colour'; expected one of: count, name / ...
"""

from __future__ import annotations

import difflib
import json
import re
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, Literal, NoReturn, TypeVar, Union

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
    StructureHandlerNotFoundError,
)
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from moralkit._args import shown
from moralkit._decimal import MAX_MAGNITUDE, check_decimal, check_integer, plain_scalar
from moralkit._fields import (
    CONSTRAINT_KEY,
    INVARIANTS,
    ITEM_CONSTRAINT_KEY,
    PLAIN_TEXT,
    PLAINLY_VISIBLE,
    Constraint,
    check_invariants,
    plain_text,
    text_problem,
)
from moralkit.errors import Problem, ValidationError
from moralkit.messages import Term
from moralkit.thai.calendar import FiscalYear

__all__ = [
    "CONSTRAINT_KEY",
    "ITEM_CONSTRAINT_KEY",
    "MAX_JSON_DEPTH",
    "Constraint",
    "converter",
    "dump",
    "from_json",
    "load",
    "make_converter",
    "to_json",
]

T = TypeVar("T")

#: The deepest nesting `from_json` reads; no moralkit class nests anywhere near it.
MAX_JSON_DEPTH = 200
#: The first ISO year taken for a Buddhist-Era year written by mistake (2400 BE is 1857 CE).
FIRST_SUSPECT_YEAR = 2400
#: The last fiscal year there is (year 9999 of the Common Era).
LAST_FISCAL_YEAR = 10542

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


class _Problems(Exception):  # noqa: N818 (internal signal, never escapes this module)
    """Problems found while structuring, with paths relative to the value being built."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


class _Slow(Exception):  # noqa: N818 (internal signal, never escapes this module)
    """The optimistic pass met something it does not handle; the checked pass takes over."""


#: A field the data does not give (the optimistic pass then uses the field's default).
_ABSENT: Any = object()


def _fail(problem: Problem) -> NoReturn:
    raise _Problems([problem])


def _wrong_type(kind: str, value: object) -> NoReturn:
    _fail(Problem("", "wrong_type", {"expected": Term(kind), "value": value}))


def _step(key: object) -> str:
    """The path step of a mapping key: ``['key']`` or ``[7]``, never a huge repr."""
    if isinstance(key, str):
        shown = key if len(key) <= 60 else key[:56] + " ..."
        return f"[{shown!r}]"
    if isinstance(key, int) and not isinstance(key, bool) and -(10**15) < key < 10**15:
        return f"[{key}]"
    return f"[{type(key).__name__!r}]"


# --- scalars ---------------------------------------------------------------------------------


def _structure_str(value: object, target: object) -> str:
    if type(value) is str and target is str and plain_text(value):
        return value  # ordinary text: the text policy has nothing to say
    if target is not str and _is_enum(target):
        # str-based enums reach the str hook first (str precedes Enum in their MRO).
        return _structure_enum(value, target)  # type: ignore[arg-type, return-value]
    if type(value) is not str:
        value = plain_scalar(value)
        if not isinstance(value, str):
            _wrong_type("kind.text", value)
        value = str(value)
    found = text_problem(value)
    if found is not None:
        _fail(found)
    return value


def _structure_bool(value: object, _type: object) -> bool:
    if value is True or value is False:
        return value
    value = plain_scalar(value)
    if not isinstance(value, bool):
        _wrong_type("kind.boolean", value)
    return value


def _structure_int(value: object, target: object) -> int:
    if target is not int and _is_enum(target):
        return _structure_enum(value, target)  # type: ignore[arg-type, return-value]
    checked = check_integer(value)
    if isinstance(checked, Problem):
        _fail(checked)
    return checked


def _structure_decimal(value: object, _type: object) -> Decimal:
    checked = check_decimal(value)
    if isinstance(checked, Problem):
        _fail(checked)
    return checked


def _suspect_year(value: object, day: date) -> NoReturn:
    try:
        probable: object = day.replace(year=day.year - 543)
    except ValueError:  # 29 February of a BE leap year that is no CE leap year
        probable = f"{day.year - 543:04d}-{day.month:02d}-{day.day:02d}"
    _fail(
        Problem("", "buddhist_era_date", {"year": day.year, "probable": probable, "value": value})
    )


def _structure_date(value: object, _type: object) -> date:
    if type(value) is date:
        day = value
    elif isinstance(value, str) and len(value) == 10 and _ISO_DATE.fullmatch(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            _fail(Problem("", "bad_date", {"value": value}))
    elif isinstance(value, str):
        _fail(Problem("", "bad_date", {"value": value}))
    else:
        _wrong_type("kind.date", value)
    if day.year >= FIRST_SUSPECT_YEAR:
        _suspect_year(value, day)
    return day


def _structure_fiscal_year(value: object, _type: object) -> FiscalYear:
    if isinstance(value, FiscalYear):
        return value
    be = _structure_int(value, int)
    if be < FIRST_SUSPECT_YEAR:
        _fail(Problem("", "below_minimum", {"minimum": FIRST_SUSPECT_YEAR, "value": be}))
    if be > LAST_FISCAL_YEAR:
        _fail(Problem("", "above_maximum", {"maximum": LAST_FISCAL_YEAR, "value": be}))
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
def _enum_table(enum_type: type[Enum]) -> tuple[dict[object, Enum], tuple[object, ...]]:
    by_value = {member.value: member for member in enum_type}
    return by_value, tuple(by_value)


def _structure_enum(value: object, enum_type: type[Enum]) -> Enum:
    if isinstance(value, enum_type):
        return value
    by_value, allowed = _enum_table(enum_type)
    value = plain_scalar(value)
    # Look up by type as well as value, so True is never taken for 1 nor "1" for 1.
    member = by_value.get(value) if isinstance(value, str | int) else None
    if member is None or type(member.value) is not type(value):
        _fail(Problem("", "not_allowed", {"allowed": allowed, "value": value}))
    return member


def _enum_hook(_enum_type: type[Enum]) -> Hook:
    return _structure_enum


def _literal_hook(literal: object) -> Hook:
    options = typing.get_args(literal)

    def structure(value: object, _type: object) -> object:
        for option in options:
            if type(option) is type(value) and option == value:
                return option
        _fail(Problem("", "not_allowed", {"allowed": options, "value": value}))

    return structure


_BUILTIN = frozenset({str, int, bool, dict, list, tuple, Decimal, float})


def _foreign(value: object) -> bool:
    return type(value).__module__.startswith(("numpy", "pandas"))


class _DuplicateKeys(dict[str, Any]):
    """A JSON object in which some keys appeared twice (the last value is kept, as json does)."""

    duplicates: tuple[str, ...] = ()


def _duplicate_problems(value: object) -> list[Problem]:
    if type(value) is not _DuplicateKeys:
        return []
    return [Problem(_step(key), "duplicate_key", {"key": key}) for key in value.duplicates]


class _Factories:
    """Hook factories for the shapes of data; each closes over the converter's dispatch."""

    def __init__(self, conv: cattrs.Converter, *, optimistic: bool = True) -> None:
        self.conv = conv
        self.optimistic = optimistic
        # Per attrs class: its fields as the converter checks them, its structure hook, and its
        # optimistic pass once made.
        self.fields: dict[type[Any], list[_FieldRule]] = {}
        self.attrs_hooks: dict[type[Any], Hook] = {}
        self.fast_passes: dict[type[Any], Callable[[Any], Any]] = {}

    def hook(self, target: object) -> Hook:
        """The structure hook the converter dispatches ``target`` to, looked up once."""
        get = getattr(self.conv, "get_structure_hook", None)
        if get is not None:
            return typing.cast(Hook, get(target))
        dispatch: Any = self.conv._structure_func.dispatch  # cattrs < 24 has no public lookup
        return typing.cast(Hook, dispatch(target))

    def union(self, union: object) -> Hook:
        members = [a for a in typing.get_args(union) if a is not type(None)]
        nullable = len(members) < len(typing.get_args(union))
        hooks: list[tuple[Hook, object]] = []

        def structure_union(value: object, _type: object) -> object:
            if value is None or (
                type(value) not in _BUILTIN and _foreign(value) and plain_scalar(value) is None
            ):
                if nullable:
                    return None
                _fail(Problem("", "null"))
            if not hooks:
                hooks.extend((self.hook(m), m) for m in members)
            if len(hooks) == 1:
                return hooks[0][0](value, hooks[0][1])
            first: _Problems | None = None
            for hook, member in hooks:
                try:
                    return hook(value, member)
                except _Problems as exc:
                    first = first or exc
            assert first is not None  # a union has at least one member
            raise first

        return structure_union

    def sequence(self, tuple_type: object, item_constraint: Constraint | None = None) -> Hook:
        args = typing.get_args(tuple_type)
        fixed = not (len(args) == 2 and args[1] is Ellipsis)
        hooks: list[Hook] = []
        if (
            item_constraint is not None
            and not fixed
            and _said_by_the_text_policy(args[0], item_constraint)
        ):
            item_constraint = None  # the str hook already refuses blank items, with their path
        accepts = _accepts(item_constraint) if item_constraint is not None else None
        # Text items: when every item is plain text (and passes the quick test of the rule),
        # the str hook and the rule would return each item as it is.
        text_items = not fixed and args[0] is str and (item_constraint is None or accepts)

        def structure_tuple(value: object, _type: object) -> tuple[Any, ...]:
            if type(value) is not list and not isinstance(value, list | tuple):
                _wrong_type("kind.list", value)
            if fixed and len(value) != len(args):
                _fail(Problem("", "wrong_length", {"expected": len(args), "count": len(value)}))
            if not value:
                return ()
            if not hooks:
                hooks.extend(self.hook(a) for a in (args if fixed else args[:1]))
            if text_items and hooks[0] is _structure_str:
                for item in value:
                    if type(item) is not str or not plain_text(item):
                        break
                    if accepts is not None and not accepts(item):
                        break
                else:
                    return tuple(value)
            items: list[Any] = []
            problems: list[Problem] = []
            hook = hooks[0]
            item_type = args[0]
            for index, item in enumerate(value):
                if fixed:
                    hook, item_type = hooks[index], args[index]
                try:
                    structured = hook(item, item_type)
                except _Problems as exc:
                    problems.extend(p.at(f"[{index}]") for p in exc.problems)
                    continue
                if item_constraint is not None and not (accepts and accepts(structured)):
                    found = item_constraint.problem(structured)
                    if found is not None:
                        problems.append(found.at(f"[{index}]"))
                        continue
                items.append(structured)
            if problems:
                raise _Problems(problems)
            return tuple(items)

        return structure_tuple

    def mapping(self, mapping_type: object) -> Hook:
        key_type, value_type = typing.get_args(mapping_type)
        hooks: list[Hook] = []

        def structure_key(key: object) -> object:
            # JSON object keys are always strings: an int key may arrive as "7".
            if (
                key_type is int
                and isinstance(key, str)
                and len(key) < 16
                and key.isascii()
                and key.isdigit()
            ):
                return int(key)
            return hooks[0](key, key_type)

        def structure_mapping(value: object, _type: object) -> dict[Any, Any]:
            if not isinstance(value, Mapping):
                _wrong_type("kind.object", value)
            if not hooks:
                hooks.extend((self.hook(key_type), self.hook(value_type)))
            result: dict[Any, Any] = {}
            problems = _duplicate_problems(value)
            structure_value = hooks[1]
            for key, item in value.items():
                try:
                    result[structure_key(key)] = structure_value(item, value_type)
                except _Problems as exc:
                    problems.extend(p.at(_step(key)) for p in exc.problems)
            if problems:
                raise _Problems(problems)
            return result

        return structure_mapping

    def checked(self, hint: object, constraint: Constraint) -> Hook:
        """A field's hook: structure by type, then check the constraint (once)."""
        hooks: list[Hook] = []
        accepts = _accepts(constraint)

        def structure_checked(value: object, target: object) -> object:
            if not hooks:
                hooks.append(self.hook(hint))
            structured = hooks[0](value, target)
            if accepts is not None and accepts(structured):
                return structured
            found = constraint.problem(structured)
            if found is not None:
                _fail(found)
            return structured

        return structure_checked

    def attrs_class(self, cls: type[Any]) -> Hook:
        hints = typing.get_type_hints(cls)
        overrides: dict[str, Any] = {}
        known: list[str] = []
        rules: list[_FieldRule] = []
        for index, f in enumerate(attrs.fields(cls)):
            if not f.init:
                continue
            known.append(f.name)
            hint = hints[f.name]
            item_constraint = f.metadata.get(ITEM_CONSTRAINT_KEY)
            constraint = f.metadata.get(CONSTRAINT_KEY)
            rule = _FieldRule(index, f.name, hint, f.default is attrs.NOTHING)
            if item_constraint is not None and _is_tuple(hint):
                rule.hook = self.sequence(hint, item_constraint)
                rule.item_constraint = item_constraint
            elif constraint is not None and not _said_by_the_text_policy(hint, constraint):
                rule.hook = self.checked(hint, constraint)
                rule.constraint = constraint
            if rule.hook is not None:
                overrides[f.name] = override(struct_hook=rule.hook)
            rules.append(rule)
        self.fields[cls] = rules
        generated = make_dict_structure_fn(
            cls,
            self.conv,
            _cattrs_forbid_extra_keys=True,
            _cattrs_detailed_validation=True,
            **overrides,
        )
        # The generated function builds the instance through its argument ``__cl``; the builder
        # runs the class's registered invariants first, so their problems carry paths.
        _replace_default(generated, "__cl", _builder(cls))
        names = tuple(sorted(known))
        fast: list[Callable[[Any], Any]] = []

        optimistic = self.optimistic

        def structure_attrs(value: object, _type: object) -> Any:
            if type(value) is dict and optimistic:
                # The optimistic pass builds the object when nothing is wrong; on anything it
                # does not expect it stops, and the checked pass below finds every problem.
                if not fast:
                    fast.append(self.fast_pass(cls))
                try:
                    return fast[0](value)
                except Exception:  # the checked pass below reports what is wrong
                    pass
            elif type(value) is not dict:
                if type(value) is _DuplicateKeys:
                    _duplicate_and_more(value, generated, cls, names)
                if not isinstance(value, Mapping):
                    _wrong_type("kind.object", value)
                value = dict(value)
            try:
                return generated(value, cls)
            except ClassValidationError as exc:
                raise _Problems(_problems_of(exc, names)) from None
            except _Problems:
                raise
            except (TypeError, ValueError) as exc:
                raise _Problems(_invalid(exc)) from None

        self.attrs_hooks[cls] = structure_attrs
        return structure_attrs

    def fast_pass(self, cls: type[Any]) -> Callable[[Any], Any]:
        """The optimistic pass of ``cls``: made once, kept, shared by the classes that hold it."""
        made = self.fast_passes.get(cls)
        if made is None:
            made = _FastPass(self, cls).make()
        return made

    def tuple_unstructure(self, tuple_type: object) -> Callable[[tuple[Any, ...]], list[Any]]:
        args = typing.get_args(tuple_type)
        fixed = bool(args) and not (len(args) == 2 and args[1] is Ellipsis)
        unstructure = self.conv.unstructure
        if not fixed and args and args[0] in (str, int, bool):
            return list
        if not fixed and args and _is_enum(args[0]):
            return lambda value: [_enum_value(item) for item in value]
        if not fixed and args and attrs.has(args[0]):
            hooks: list[Callable[[Any], Any]] = []

            def unstructure_objects(value: tuple[Any, ...]) -> list[Any]:
                if not value:
                    return []
                if not hooks:
                    hooks.append(self.unstructure_hook(args[0]))
                hook = hooks[0]
                # A subclass instance takes its own hook (its fields may differ).
                return [
                    hook(item) if type(item) is args[0] else unstructure(item) for item in value
                ]

            return unstructure_objects

        def unstructure_tuple(value: tuple[Any, ...]) -> list[Any]:
            if fixed:
                return [unstructure(item, kind) for item, kind in zip(value, args, strict=True)]
            item_type = args[0] if args else Any
            return [unstructure(item, item_type) for item in value]

        return unstructure_tuple

    def unstructure_hook(self, target: object) -> Callable[[Any], Any]:
        """The unstructure hook the converter dispatches ``target`` to, looked up once."""
        get = getattr(self.conv, "get_unstructure_hook", None)
        if get is not None:
            return typing.cast(Callable[[Any], Any], get(target))
        dispatch: Any = self.conv._unstructure_func.dispatch  # cattrs < 24
        return typing.cast(Callable[[Any], Any], dispatch(target))

    def attrs_unstructure(self, cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
        # Fields that hold enums write their values; a str- or int-based enum would otherwise
        # pass through as the str or int it also is.
        hints = typing.get_type_hints(cls)
        unstructure = self.conv.unstructure

        def enum_or_other(value: object) -> Any:
            return value.value if isinstance(value, Enum) else unstructure(value)

        overrides: dict[str, Any] = {
            f.name: override(unstruct_hook=enum_or_other)
            for f in attrs.fields(cls)
            if any(_is_enum(t) for t in (hints[f.name], *typing.get_args(hints[f.name])))
        }
        return make_dict_unstructure_fn(cls, self.conv, **overrides)


@attrs.define
class _FieldRule:
    """One init field of an attrs class as the converter reads it."""

    index: int
    name: str
    hint: Any
    required: bool
    hook: Hook | None = None  # the field's own hook, when it has a constraint to check
    constraint: Constraint | None = None
    item_constraint: Constraint | None = None


def _optional_member(hint: object) -> object | None:
    """``X`` for ``X | None``, else None."""
    if not _is_union(hint):
        return None
    members = typing.get_args(hint)
    if len(members) != 2 or type(None) not in members:
        return None
    member: object = members[0] if members[1] is type(None) else members[1]
    return member


def _pattern_only(constraint: Constraint | None) -> bool:
    """The rule is a pattern (perhaps with a length of 1): plain text matching it passes."""
    return (
        constraint is not None
        and constraint._compiled is not None
        and constraint.minimum is None
        and constraint.maximum is None
        and constraint.min_length in (None, 1)
    )


class _FastPass:
    """Writes the optimistic pass of one attrs class: straight-line code, no bookkeeping.

    For each field it tests the value cheaply: text that plainly passes the text policy (and
    the field's pattern), whole numbers within bounds, booleans, enum values, None where the
    field is optional, lists of such text, nested objects through their own optimistic pass.
    Such values are exactly what the checked hooks return unchanged (or, for enums, the member
    they return). Anything else goes to the field's hook. The object is then built as the
    checked pass builds it. On any exception (an unknown key, a missing field, a problem) the
    caller runs the checked pass, which reports every problem with its path: this pass never
    decides that data is wrong, it only builds what it is sure of.
    """

    def __init__(self, factories: _Factories, cls: type[Any]) -> None:
        self.factories = factories
        self.cls = cls
        self.namespace: dict[str, Any] = {
            "_Slow": _Slow,
            "_ABSENT": _ABSENT,
            "_plain": PLAIN_TEXT.fullmatch,
            "_plainly": PLAINLY_VISIBLE,
            "_tuple": tuple,
        }
        self.nested: dict[str, type[Any]] = {}

    def make(self) -> Callable[[Any], Any]:
        factories, cls = self.factories, self.cls
        factories.hook(cls)  # the converter reads the class's fields on first lookup
        rules = factories.fields.get(cls)
        if rules is None:  # pragma: no cover (a hook registered by hand: checked pass only)
            return _slow
        ns = self.namespace
        required = sum(rule.required for rule in rules)
        lines = ["def fast(o):", "  if type(o) is not dict: raise _Slow", f"  n = {required}"]
        for rule in rules:
            i = rule.index
            ns[f"_h{i}"] = rule.hook or factories.hook(rule.hint)
            ns[f"_t{i}"] = rule.hint
            body = self.field(rule)
            if rule.required:
                lines.append(f"  v = o[{rule.name!r}]")
                lines.extend("  " + line for line in body)
            else:
                lines.append(f"  v = o.get({rule.name!r}, _ABSENT)")
                lines.append("  if v is _ABSENT:")
                lines.append(f"    a{i} = _ABSENT")
                lines.append("  else:")
                lines.append("    n += 1")
                lines.extend("    " + line for line in body)
        lines.append("  if len(o) != n: raise _Slow")
        build = None if cls in INVARIANTS else _init_lines(cls, ns, given="locals")
        if build is None:
            ns["_build"] = _builder(cls)
            lines.append("  kw = {}")
            for rule in rules:
                alias = _alias(attrs.fields(cls)[rule.index])
                lines.append(f"  if a{rule.index} is not _ABSENT: kw[{alias!r}] = a{rule.index}")
            lines.append("  return _build(**kw)")
        else:
            lines.extend(build)
        source = "\n".join(lines)
        # Generated like cattrs' own functions, from the class's own fields.
        exec(compile(source, f"<moralkit optimistic structure {cls.__qualname__}>", "exec"), ns)
        made: Callable[[Any], Any] = ns["fast"]
        factories.fast_passes[cls] = made  # before the nested ones: a class may hold itself
        for name, nested in self.nested.items():
            ns[name] = factories.fast_pass(nested)
        return made

    def nested_pass(self, hint: object) -> str | None:
        """The name under which the pass calls ``hint``'s optimistic pass, or None.

        None unless ``hint`` is an attrs class that the converter structures with its own hook.
        """
        if not (isinstance(hint, type) and attrs.has(hint)):
            return None
        hook = self.factories.hook(hint)
        if self.factories.attrs_hooks.get(hint) is not hook:
            return None
        name = f"_fast_{len(self.nested)}"
        self.nested[name] = hint
        return name

    def text_test(self, var: str, constraint: Constraint | None, i: int) -> str:
        """An expression true only for text the str hook and ``constraint`` return as it is."""
        test = (
            f"type({var}) is str and "
            f"(({var}[:1] in _plainly and {var}.isprintable()) or _plain({var}) is not None)"
        )
        if constraint is not None:
            assert constraint._compiled is not None
            self.namespace[f"_match{i}"] = constraint._compiled.fullmatch
            test += f" and _match{i}({var}) is not None"
        return test

    def field(self, rule: _FieldRule) -> list[str]:
        """Statements setting ``a{i}`` from ``v``."""
        i = rule.index
        member = _optional_member(rule.hint)
        checked = f"a{i} = _h{i}(v, _t{i})"
        case = self.case(rule, rule.hint if member is None else member)
        lines = ["if v is None:", f"  a{i} = None"] if member is not None else []
        if case is None:
            return [*lines, "else:", "  " + checked] if lines else [checked]
        test, then = case
        if test is None:
            return [*lines, "else:", *("  " + line for line in then)] if lines else then
        branch = "elif" if lines else "if"
        return [
            *lines,
            f"{branch} {test}:",
            *("  " + line for line in then),
            "else:",
            "  " + checked,
        ]

    def case(self, rule: _FieldRule, base: object) -> tuple[str | None, list[str]] | None:
        """A test on ``v`` and the statements that set ``a{i}`` when it holds, or None.

        A test of None means the statements always apply; None means only the field's hook can
        tell.
        """
        i, ns = rule.index, self.namespace
        constraint, items = rule.constraint, rule.item_constraint
        if base is str and (constraint is None or _pattern_only(constraint)):
            return self.text_test("v", constraint, i), [f"a{i} = v"]
        if base is int and (bounds := _int_bounds(constraint)) is not None:
            ns[f"_low{i}"], ns[f"_high{i}"] = bounds
            return f"type(v) is int and _low{i} <= v <= _high{i}", [f"a{i} = v"]
        if base is bool and constraint is None:
            return "v is True or v is False", [f"a{i} = v"]
        if constraint is not None:
            return None
        if _is_enum(base):
            enum_type = typing.cast(type[Enum], base)
            kinds = {type(m.value) for m in enum_type}
            if len(kinds) == 1 and kinds <= {str, int}:
                ns[f"_members{i}"], ns[f"_kind{i}"] = _enum_table(enum_type)[0], kinds.pop()
                return f"type(v) is _kind{i} and v in _members{i}", [f"a{i} = _members{i}[v]"]
            return None
        nested = self.nested_pass(base)
        if nested is not None:
            return None, [f"a{i} = {nested}(v)"]
        args = typing.get_args(base) if _is_tuple(base) else ()
        if not (len(args) == 2 and args[1] is Ellipsis):
            return None
        item = args[0]
        if items is not None and _said_by_the_text_policy(item, items):
            items = None  # the str hook says it
        if item is str and (items is None or _pattern_only(items)):
            return "type(v) is list", [
                "for x in v:",
                f"  if not ({self.text_test('x', items, i)}):",
                f"    a{i} = _h{i}(v, _t{i})",
                "    break",
                "else:",
                f"  a{i} = _tuple(v)",
            ]
        if items is None and (nested := self.nested_pass(item)) is not None:
            return "type(v) is list", [f"a{i} = _tuple([{nested}(x) for x in v])"]
        return None


def _slow(_value: object) -> NoReturn:  # pragma: no cover (see _FastPass.make)
    raise _Slow


def _int_bounds(constraint: Constraint | None) -> tuple[int | Decimal, int | Decimal] | None:
    """The range of whole numbers the number policy and ``constraint`` both accept."""
    low: int | Decimal = -(MAX_MAGNITUDE - 1)
    high: int | Decimal = MAX_MAGNITUDE - 1
    if constraint is not None:
        if constraint._compiled is not None or constraint.min_length is not None:
            return None
        if constraint.minimum is not None:
            low = max(low, constraint.minimum)
        if constraint.maximum is not None:
            high = min(high, constraint.maximum)
    return low, high


def _alias(field: attrs.Attribute[Any]) -> str:
    return getattr(field, "alias", None) or field.name.lstrip("_")


def _accepts(constraint: Constraint) -> Callable[[object], bool] | None:
    """A quick test passing only values ``constraint.problem`` finds nothing wrong with.

    Values it does not pass take the full check, which finds the problem (or none). None when
    the rule has no quick test.
    """
    low, high, length, compiled = (
        constraint.minimum,
        constraint.maximum,
        constraint.min_length,
        constraint._compiled,
    )
    if length is None and compiled is None and (low is not None or high is not None):

        def within(value: object) -> bool:
            kind = type(value)
            return (kind is int or kind is Decimal) and (
                (low is None or value >= low) and (high is None or value <= high)  # type: ignore[operator]
            )

        return within
    if low is None and high is None and length in (None, 1) and compiled is not None:
        fullmatch = compiled.fullmatch
        if length is None:
            return lambda value: type(value) is str and fullmatch(value) is not None
        # min_length 1: plain text is not blank and keeps its first character when stripped.
        return lambda value: (
            type(value) is str and plain_text(value) and fullmatch(value) is not None
        )
    return None


def _said_by_the_text_policy(hint: object, constraint: Constraint) -> bool:
    """A bare non-blank rule on text: the str hook's text policy already refuses blank text."""
    text_only = hint is str or (_is_union(hint) and set(typing.get_args(hint)) == {str, type(None)})
    plain = constraint == Constraint(min_length=1)
    return text_only and plain


def _duplicate_and_more(
    value: _DuplicateKeys, generated: Hook, cls: type[Any], names: tuple[str, ...]
) -> NoReturn:
    problems = _duplicate_problems(value)
    try:
        generated(dict(value), cls)
    except ClassValidationError as exc:
        problems.extend(_problems_of(exc, names))
    except _Problems as exc:
        problems.extend(exc.problems)
    raise _Problems(problems)


def _replace_default(function: Any, name: str, value: object) -> None:
    code = function.__code__
    defaults = function.__defaults__ or ()
    names = code.co_varnames[: code.co_argcount]
    first = len(names) - len(defaults)
    if name in names[first:]:
        index = names.index(name) - first
        function.__defaults__ = (*defaults[:index], value, *defaults[index + 1 :])
    elif name in getattr(function, "__globals__", {}):  # pragma: no cover (older cattrs)
        function.__globals__[name] = value


def _is_constraint_check(validator: object) -> bool:
    owner = getattr(validator, "__self__", None)
    return isinstance(owner, Constraint) and getattr(validator, "__func__", None) in (
        Constraint.validator,
        Constraint.each,
    )


def _init_lines(cls: type[Any], namespace: dict[str, Any], *, given: str) -> list[str] | None:
    """The body of ``__init__`` for ``cls`` without the constraint validators, as source lines.

    ``given="kw"`` reads each field from the keyword dict ``kw`` (absent: the default);
    ``given="locals"`` reads field ``i`` from the local ``a{i}``, where `_ABSENT` means absent.
    Converters (but `as_tuple`: structured values already are tuples), defaults, the other
    validators and ``__attrs_post_init__`` run as the class's own ``__init__`` runs them. None
    for classes this cannot mirror (no slots, or ``__attrs_pre_init__``).
    """
    if not getattr(cls, "__attrs_attrs__", None) or "__slots__" not in cls.__dict__:
        return None
    if hasattr(cls, "__attrs_pre_init__"):
        return None
    namespace.update(_cls=cls, _new=object.__new__, _set=object.__setattr__, _ABSENT=_ABSENT)
    lines = ["  self = _new(_cls)"]
    checks: list[str] = []
    for index, field in enumerate(attrs.fields(cls)):
        if not field.init:
            continue
        alias = _alias(field)
        local = f"a{index}"
        if field.default is attrs.NOTHING:
            lines.append(f"  v = kw[{alias!r}]" if given == "kw" else f"  v = {local}")
        elif isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            namespace[f"_factory{index}"] = field.default.factory
            made = f"_factory{index}({'self' if field.default.takes_self else ''})"
            if given == "kw":
                lines.append(f"  v = kw[{alias!r}] if {alias!r} in kw else {made}")
            else:
                lines.append(f"  v = {made} if {local} is _ABSENT else {local}")
        else:
            namespace[f"_default{index}"] = field.default
            if given == "kw":
                lines.append(f"  v = kw.get({alias!r}, _default{index})")
            else:
                lines.append(f"  v = _default{index} if {local} is _ABSENT else {local}")
        converter = field.converter
        if converter is not None and getattr(converter, "__name__", "") != "as_tuple":
            namespace[f"_convert{index}"] = converter
            lines.append(f"  v = _convert{index}(v)")
        slot = _slot(cls, field.name)
        if slot is not None:  # the slot's own setter: no attribute look-up on the class
            namespace[f"_slot{index}"] = slot
            lines.append(f"  _slot{index}(self, v)")
        else:  # pragma: no cover (attrs slotted classes keep every field in a slot)
            lines.append(f"  _set(self, {field.name!r}, v)")
        validator = field.validator
        if validator is not None and not _is_constraint_check(validator):
            namespace[f"_validate{index}"] = validator
            namespace[f"_attribute{index}"] = field
            checks.append(f"  _validate{index}(self, _attribute{index}, self.{field.name})")
    lines.extend(checks)
    if hasattr(cls, "__attrs_post_init__"):
        lines.append("  self.__attrs_post_init__()")
    lines.append("  return self")
    return lines


def _slot(cls: type[Any], name: str) -> Callable[[Any, Any], None] | None:
    """The setter of the slot that holds field ``name`` of ``cls``, if a slot holds it."""
    for klass in cls.__mro__:
        found = klass.__dict__.get(name)
        if found is not None:
            if isinstance(found, types.MemberDescriptorType):
                setter: Callable[[Any, Any], None] = found.__set__
                return setter
            return None
    return None


def _unchecked_init(cls: type[Any]) -> Callable[..., Any] | None:
    """Build ``cls`` from structured fields without re-running the constraint validators.

    The converter has already checked every `Constraint` (with paths); the attrs validators
    stay for objects built directly in Python. Returns None for classes `_init_lines` cannot
    mirror, which use ``cls(**)``.
    """
    namespace: dict[str, Any] = {}
    lines = _init_lines(cls, namespace, given="kw")
    if lines is None:
        return None
    # The source is built from the class's own fields.
    exec("\n".join(["def build(**kw):", *lines]), namespace)
    built: Callable[..., Any] = namespace["build"]
    return built


def _builder(cls: type[Any]) -> Callable[..., Any]:
    construct = _unchecked_init(cls) or cls
    if cls not in INVARIANTS:
        return construct

    def build(**fields: Any) -> Any:
        problems = check_invariants(cls, fields)
        if problems:
            raise _Problems(problems)
        return construct(**fields)

    return build


def _invalid(exc: BaseException) -> list[Problem]:
    if isinstance(exc, ValidationError):  # a class's own check, with codes and paths
        return list(exc.problems)
    found = getattr(exc, "problem", None)
    if isinstance(found, Problem):
        return [found]
    reason = str(exc) if not isinstance(exc, RecursionError) else "nested too deeply"
    return [Problem("", "invalid", {"reason": reason})]


def _unknown_key(key: object, known: tuple[str, ...]) -> Problem:
    shown = key if isinstance(key, str) else str(type(key).__name__)
    close = difflib.get_close_matches(shown[:100], known, n=1)
    step = key if isinstance(key, str) and key.isidentifier() else _step(key)
    return Problem(step, "unknown_key", {"key": key, "known": tuple(close) or known})


def _problems_of(error: ClassValidationError, known: tuple[str, ...]) -> list[Problem]:
    """Walk cattrs' exception group: each exception's notes say which attribute or item failed."""
    problems: list[Problem] = []
    pending: list[tuple[BaseException, str]] = [(e, "") for e in error.exceptions]
    while pending:
        exc, prefix = pending.pop(0)
        step = prefix
        for note in getattr(exc, "__notes__", ()):
            if isinstance(note, AttributeValidationNote):
                step = f"{prefix}.{note.name}" if prefix else note.name
            elif isinstance(note, IterableValidationNote):
                step = prefix + _step(note.index)
        if isinstance(exc, _Problems):
            problems.extend(p.at(step) for p in exc.problems)
        elif isinstance(exc, ForbiddenExtraKeysError):
            extra = sorted(exc.extra_fields, key=lambda k: (type(k).__name__, str(k)))
            problems.extend(_unknown_key(key, known) for key in extra)
        elif isinstance(exc, KeyError) and step != prefix:
            problems.append(Problem(step, "missing", {"key": step.rsplit(".", 1)[-1]}))
        elif isinstance(exc, ClassValidationError | IterableValidationError):
            pending[0:0] = [(e, step) for e in exc.exceptions]
        else:
            problems.extend(p.at(step) for p in _invalid(exc))
    return problems


def _is_optional_plain(t: object) -> bool:
    return _is_union(t) and set(typing.get_args(t)) <= {str, int, bool, type(None)}


def _decimal_text(value: Decimal) -> str:
    text = str(value)
    # str() writes tiny and exponent-form values as 1E-7 / 1E+3; the wire form is plain digits.
    return format(value, "f") if "E" in text else text


def make_converter() -> cattrs.Converter:
    """Build the strict converter. Call it once; `converter` returns a shared one.

    The converter structures with `cattrs.Converter.structure` and unstructures with
    `cattrs.Converter.unstructure`; its hooks raise an internal signal on bad input, which
    `load` turns into `moralkit.ValidationError`. Use `load` and `dump` rather than calling it
    directly.
    """
    return _build_converter()[0]


def _build_converter(*, optimistic: bool = True) -> tuple[cattrs.Converter, _Factories]:
    """The converter and its hook factories; ``optimistic=False`` leaves out the fast pass.

    Both build the same objects and report the same problems (the tests hold them to it).
    """
    conv = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    for scalar, hook in (
        (str, _structure_str),
        (bool, _structure_bool),
        (int, _structure_int),
        (Decimal, _structure_decimal),
        (date, _structure_date),
        (FiscalYear, _structure_fiscal_year),
    ):
        conv.register_structure_hook(scalar, hook)
    factories = _Factories(conv, optimistic=optimistic)
    conv.register_structure_hook_factory(_is_enum, _enum_hook)
    conv.register_structure_hook_factory(_is_literal, _literal_hook)
    conv.register_structure_hook_factory(_is_union, factories.union)
    conv.register_structure_hook_factory(_is_tuple, factories.sequence)
    conv.register_structure_hook_factory(_is_mapping, factories.mapping)
    conv.register_structure_hook_factory(attrs.has, factories.attrs_class)

    conv.register_unstructure_hook(Decimal, _decimal_text)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_unstructure_hook(FiscalYear, lambda fy: fy.be)
    # Enums by predicate: a str-based enum would otherwise meet str's hook first (str precedes
    # Enum in its MRO), and plain strings then need no hook at all.
    conv.register_unstructure_hook_factory(_is_enum, lambda _t: _enum_value)
    conv.register_unstructure_hook_factory(_is_tuple, factories.tuple_unstructure)
    # Optional plain scalars need no hook: the generated functions then copy them inline.
    conv.register_unstructure_hook_factory(_is_optional_plain, lambda _t: identity)
    conv.register_unstructure_hook_factory(attrs.has, factories.attrs_unstructure)
    return conv, factories


def _enum_value(member: Enum) -> Any:
    return member.value if isinstance(member, Enum) else member


@cache
def converter() -> cattrs.Converter:
    """The shared converter, built on first use; thread-safe to use from many threads."""
    return make_converter()


def _subject(cls: object) -> str:
    name = getattr(cls, "__name__", None)
    return name if isinstance(name, str) else str(shown(cls))


# The structure hook of each type `load` was asked for, looked up once per type.
_HOOKS: dict[object, Hook] = {}


def _refuse_cls(cls: object) -> NoReturn:
    problem = Problem("cls", "wrong_type", {"expected": Term("kind.loadable"), "value": shown(cls)})
    raise ValidationError([problem], "load")


def _hook_for(cls: object) -> Hook:
    try:
        return _HOOKS[cls]
    except KeyError:
        pass
    except TypeError:  # an unhashable value is no type
        _refuse_cls(cls)
    if cls is None or isinstance(cls, str | bytes | int | float | Decimal):
        _refuse_cls(cls)
    try:
        found = _Factories(converter()).hook(cls)
    except (StructureHandlerNotFoundError, TypeError, ValueError):
        _refuse_cls(cls)
    _HOOKS[cls] = found  # safe to race: equal values
    return found


def load(cls: type[T], data: object) -> T:
    """Build a ``cls`` from JSON-like ``data`` (dicts, lists, strings, numbers).

    Raises `moralkit.ValidationError` listing every problem with its path. ``data`` is
    never modified. A ``cls`` the loader cannot build is refused too (code ``wrong_type`` at
    ``cls``).
    """
    hook = _hook_for(cls)
    try:
        result: T = hook(data, cls)
    except _Problems as exc:
        raise ValidationError(exc.problems, _subject(cls)) from None
    except StructureHandlerNotFoundError:
        _refuse_cls(cls)
    except RecursionError:  # pragma: no cover (no moralkit type nests near the limit)
        raise ValidationError([Problem("", "too_deep", {"limit": MAX_JSON_DEPTH})]) from None
    return result


def dump(obj: object) -> Any:
    """Turn a moralkit value into JSON-ready data: dicts, lists, strings, numbers, None.

    Dates become ISO strings, Decimals strings of plain digits, enums their values, fiscal
    years their BE year; `load` turns the result back into an equal value.
    """
    if isinstance(obj, Enum):  # a bare str- or int-based enum would pass as its str or int
        return obj.value
    try:
        return converter().unstructure(obj)
    except RecursionError:  # plain lists or dicts nested past the interpreter's limit
        raise ValidationError([Problem("", "too_deep", {"limit": MAX_JSON_DEPTH})]) from None


#: Write with orjson when it is installed (``pip install moralkit[fast]``); the standard
#: library writes the same text otherwise. Tests turn it off to check the fallback.
FAST_ENCODER = True


@cache
def _orjson() -> tuple[Callable[..., bytes], int, int] | None:
    """The ``dumps`` of orjson and its options for compact and two-space text, or None.

    Dates are passed to `_write_other` (which writes them as `dump` does), whole-number keys
    are written as text, as the json module writes them.
    """
    try:
        import orjson  # noqa: PLC0415 (optional, loaded on first use)
    except ImportError:
        return None
    compact = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME
    return orjson.dumps, compact, compact | orjson.OPT_INDENT_2


#: The fields of each attrs class as `dump` has them, for orjson's ``default`` (`_write_other`):
#: values `dump` turns into text or numbers by their declared type (decimals, dates, fiscal
#: years) already turned, the rest as they are (orjson writes text, numbers, enums by value,
#: tuples and nested objects as the json module writes what `dump` makes of them).
_WRITE: dict[type[Any], Callable[[Any], dict[str, Any]]] = {}
#: Per type: whether `to_json` may write it that way (None: it may not).
_WRITABLE: dict[object, bool] = {}
_AS_THEY_ARE = frozenset({str, int, bool, type(None)})


def _writes_plain_data(hint: object) -> bool:
    """Whether orjson can write values of ``hint`` as the json module writes their `dump`.

    True for an attrs class whose fields, and the fields of every attrs class they hold, are
    text, whole numbers, booleans, None, enums of text or whole numbers, decimals, dates,
    fiscal years, and tuples, optionals and mappings (text or whole-number keys) of those:
    never a float, ``Any`` or ``object``, whose writing may differ. Read from the type hints
    once per type, so it holds for objects whose fields hold what their types say.
    """
    known = _WRITABLE.get(hint)
    if known is None:
        found: dict[type[Any], Callable[[Any], dict[str, Any]]] = {}
        pending = [hint] if isinstance(hint, type) and attrs.has(hint) else []
        known = bool(pending)
        while pending:
            cls = pending.pop()
            if cls in found or cls in _WRITE:
                continue
            made = _fields_as_dict(cls, pending)
            if made is None:
                known = False
                break
            found[cls] = made
        if known:
            _WRITE.update(found)
        _WRITABLE[hint] = known
    return known


def _fields_as_dict(
    cls: type[Any], nested: list[type[Any]]
) -> Callable[[Any], dict[str, Any]] | None:
    """``{field: value}`` for an instance of ``cls`` as `dump` has it, or None if it cannot.

    Attrs classes its fields hold are added to ``nested``.
    """
    try:
        hints = typing.get_type_hints(cls)
    except Exception:  # a hint that does not resolve: the json module writes it
        return None
    namespace: dict[str, Any] = {"_decimal": _decimal_text, "_iso": date.isoformat}
    items = []
    for field in attrs.fields(cls):
        written = _written(hints.get(field.name, Any), f"o.{field.name}", nested, 0)
        if written is None:
            return None
        items.append(f"{field.name!r}: {written}")
    source = f"def fields(o): return {{{', '.join(items)}}}"
    exec(source, namespace)  # built from the class's own field names and hints
    made: Callable[[Any], dict[str, Any]] = namespace["fields"]
    return made


def _written(hint: object, var: str, nested: list[type[Any]], depth: int) -> str | None:
    """An expression for ``var`` (of type ``hint``) as `dump` has it, for orjson to write."""
    if hint in _AS_THEY_ARE:
        return var
    if hint is Decimal:
        return f"_decimal({var})"
    if hint is date:
        return f"_iso({var})"
    if hint is FiscalYear:
        return f"{var}.be"
    if _is_enum(hint):
        plain = all(type(m.value) in (str, int) for m in typing.cast(type[Enum], hint))
        return var if plain else None
    if _is_literal(hint):
        plain = all(type(a) in _AS_THEY_ARE for a in typing.get_args(hint))
        return var if plain else None
    if isinstance(hint, type) and attrs.has(hint):
        nested.append(hint)
        return var  # orjson asks `_write_other`, which knows the class by then
    member = _optional_member(hint)
    if member is not None:
        inner = _written(member, var, nested, depth)
        if inner is None or inner == var:
            return inner
        return f"(None if {var} is None else {inner})"
    item = f"x{depth}"
    if _is_union(hint):  # dump writes each member by its own type: only those as they are
        members = [_written(m, var, nested, depth) for m in typing.get_args(hint)]
        return var if all(m == var for m in members) else None
    args = typing.get_args(hint) if _is_tuple(hint) else ()
    if len(args) == 2 and args[1] is Ellipsis:
        inner = _written(args[0], item, nested, depth + 1)
        if inner is None or inner == item:
            return None if inner is None else var
        return f"[{inner} for {item} in {var}]"
    if args and all(_written(a, item, nested, depth + 1) == item for a in args):
        return var
    if _is_mapping(hint):
        key_type, value_type = typing.get_args(hint)
        if key_type not in (str, int):
            return None
        inner = _written(value_type, item, nested, depth + 1)
        if inner is None or inner == item:
            return None if inner is None else var
        return f"{{k{depth}: {inner} for k{depth}, {item} in {var}.items()}}"
    return None


def _write_other(value: object) -> Any:
    """The ``default`` of orjson: an attrs object as a dict of its fields, or TypeError."""
    write = _WRITE.get(type(value))
    if write is None:  # anything else (a subclass, a decimal where a number belongs): the json
        raise TypeError  # module writes it from `dump`, or says why it cannot
    return write(value)


def to_json(obj: object, *, indent: int | None = 2) -> str:
    """Serialize to JSON text, keeping Thai characters as they are (no escapes).

    ``indent=None`` writes compact text (no space after ``,`` or ``:``). With orjson
    installed (the ``fast`` extra) moralkit objects are written by it straight from their
    fields; the text is the same byte for byte as the standard library writes from `dump`.

    >>> from moralkit.thai import DateRange
    >>> from datetime import date
    >>> to_json(DateRange(date(2019, 6, 25), date(2019, 6, 26)), indent=None)
    '{"start":"2019-06-25","end":"2019-06-26"}'
    """
    if indent is not None and indent != 2:
        _check_indent(indent)
    if FAST_ENCODER and (indent is None or indent == 2) and _writes_plain_data(type(obj)):
        fast = _orjson()
        if fast is not None:  # (plain data: an attrs class)
            dumps, compact, indented = fast
            option = compact if indent is None else indented
            try:
                return dumps(obj, default=_write_other, option=option).decode()
            except TypeError:  # a type it does not know, a lone surrogate, a huge integer
                pass
    # `dump` builds a fresh tree (a cycle would never get out of it), so the encoder's own
    # cycle bookkeeping has nothing to find.
    separators = (",", ":") if indent is None else None
    data = dump(obj)
    try:
        return json.dumps(
            data, ensure_ascii=False, indent=indent, separators=separators, check_circular=False
        )
    except RecursionError:
        problem = Problem("obj", "too_deep", {"limit": MAX_JSON_DEPTH})
    except ValueError:  # an integer beyond the interpreter's digit limit
        problem = Problem("obj", "number_too_long", {"limit": 4300})
    except TypeError:  # a value JSON has no form for
        problem = Problem(
            "obj", "wrong_type", {"expected": Term("kind.json_value"), "value": shown(obj)}
        )
    raise ValidationError([problem], "to_json")


#: The deepest indent `to_json` writes.
MAX_INDENT = 16


def _check_indent(indent: object) -> None:
    found = check_integer(indent)
    if isinstance(found, Problem):
        raise ValidationError([found.at("indent")], "to_json")
    if not 0 <= found <= MAX_INDENT:
        code, bound = ("below_minimum", "minimum") if found < 0 else ("above_maximum", "maximum")
        limit = 0 if found < 0 else MAX_INDENT
        raise ValidationError([Problem("indent", code, {bound: limit, "value": found})], "to_json")


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    marked = _DuplicateKeys(result)
    seen: set[str] = set()
    duplicates: list[str] = []
    for key, _ in pairs:
        if key in seen and key not in duplicates:
            duplicates.append(key)
        seen.add(key)
    marked.duplicates = tuple(duplicates)
    return marked


def _parse(text: str | bytes) -> object:
    """JSON text as data: duplicate keys marked, NaN and infinities left for the policy."""
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _Problems([Problem("", "not_utf8", {"position": exc.start})]) from None
    if not isinstance(text, str):
        _wrong_type("kind.text", text)
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_constant=float)
    except json.JSONDecodeError as exc:
        reason = exc.msg
        raise _Problems(
            [
                Problem(
                    "", "invalid_json", {"reason": reason, "line": exc.lineno, "column": exc.colno}
                )
            ]
        ) from None
    except ValueError:  # an integer beyond the interpreter's digit limit
        raise _Problems([Problem("", "number_too_long", {"limit": 4300})]) from None
    except RecursionError:
        raise _Problems([Problem("", "too_deep", {"limit": MAX_JSON_DEPTH})]) from None


def from_json(cls: type[T], text: str | bytes) -> T:
    """Parse JSON text and `load` a ``cls`` from it.

    Bytes must be UTF-8. A number with a fraction is a float and is refused where a decimal
    belongs, exactly as `load` refuses a Python float: write decimals as strings (``"12.50"``).
    Malformed JSON, duplicate keys and nesting deeper than `MAX_JSON_DEPTH` are
    `moralkit.ValidationError` too.
    """
    try:
        data = _parse(text)
    except _Problems as exc:
        raise ValidationError(exc.problems, _subject(cls)) from None
    return load(cls, data)
