"""Results as data: trace nodes, and `explain`, which renders them in Thai or English.

Scoring builds no sentences. Every figure a result rests on is a `Node`: a catalogue ``code``
saying what the figure is, its ``value``, a ``reason`` code saying how it was reached, the
``params`` the two codes' templates take, the ``inputs`` it used, the rule value it read
(`RuleValue`, with that value's status and sources) and the nodes it was built from. Results
carry ``trace: tuple[Node, ...]``; `explain` turns any such trace into text through the
message catalogue, so the Thai and the English say the same things: every number, every
count, every status.

>>> from decimal import Decimal
>>> total = Node(
...     "trace.figure",
...     Decimal("94.40"),
...     params={"name": "total"},
...     rule=RuleValue("pass_mark", Decimal(85), "unsourced"),
... )
>>> class Scored:
...     trace = (total,)
>>> print(explain(Scored(), "en"))
total: 94.40 [rule value 85: no published source; a replaceable assumption]
>>> print(explain(Scored(), "th"))
total: 94.40 [ค่าตามเกณฑ์ 85: ไม่มีแหล่งที่มาที่เผยแพร่ เป็นข้อสมมุติที่เปลี่ยนได้]
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from enum import Enum
from typing import Any, NoReturn, Protocol, TypeVar

from attrs import field, frozen

from moralkit._args import refuse, wrong_type
from moralkit.errors import Problem, ValidationError
from moralkit.messages import Lang, Verbatim, lang_problem, render
from moralkit.rules import RuleStatus
from moralkit.thai.calendar import FiscalYear

__all__ = [
    "Node",
    "Param",
    "RuleValue",
    "Traced",
    "Value",
    "defer",
    "deferred_trace",
    "explain",
    "node",
    "pending",
    "walk",
]

#: A node's value: a figure, a count, a flag or a short code (``"AA"``, ``"IIT"``). Strings are
#: codes, never numbers written as text (the converter would read ``"85"`` back as a Decimal).
Value = bool | int | Decimal | str | None

#: A template parameter. Decimals are kept as their exact text (``"84.50"``), so a parameter
#: reads back from JSON as what it was; sequences become tuples of text.
Param = bool | int | str | tuple[str, ...] | None


class _NotAParamError(Exception):
    """A trace parameter of a kind a node cannot hold."""


def _param(value: object) -> Param:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, FiscalYear):
        return value.be
    if isinstance(value, Enum):
        return _param(value.value)
    if isinstance(value, Iterable) and not isinstance(value, Mapping | bytes):
        return tuple(_item(item) for item in value)
    raise _NotAParamError


def _item(value: object) -> str:
    """One item of a sequence parameter, as text: a scalar only, never a nested sequence."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and not -(10**15) < value < 10**15:
        raise _NotAParamError  # its text would run to thousands of digits
    if value is None or isinstance(value, bool | int | Decimal | FiscalYear | Enum):
        shown = _param(value)
        if isinstance(shown, tuple):
            raise _NotAParamError
        return str(shown)
    raise _NotAParamError


def _params(value: Mapping[str, object]) -> dict[str, Param]:
    return {key: _param(item) for key, item in value.items()}


@frozen
class RuleValue:
    """A value read from a rule file: where it sits, what it is, how far it can be trusted.

    ``key`` locates the value in its rule file (``tools.IIT.weight``, ``level_rule``);
    ``status`` is the value's `moralkit.rules.RuleStatus`; ``sources`` are the ids of the
    file's sources it cites.

    >>> RuleValue("pass_mark", 85, "unsourced").status
    'unsourced'
    """

    key: str
    value: Value
    status: RuleStatus
    sources: tuple[str, ...] = ()


@frozen
class Node:
    """One step of a computation: what it is, its value, why, and what it rests on.

    ``code`` and ``reason`` are catalogue codes (``ita.tool``, ``ita.reason.mean_of_indicators``);
    ``params`` fill their templates. A parameter pair ``name_th`` / ``name_en`` is shown as
    ``{name}`` in the reader's language, whole (a rule file's words are never shortened the
    way echoed input is), and a parameter ending in ``_code`` holds a catalogue
    code shown, rendered, without the suffix. The fields take their exact types (tuples, and
    parameters already as `Param`), so building a node costs little; `node` converts
    friendlier arguments (lists, Decimals) for you.

    >>> Node("trace.figure", 3, params={"name": "levels"}).value
    3
    """

    code: str
    value: Value = None
    reason: str | None = None
    params: Mapping[str, Param] = field(factory=dict, hash=False)
    inputs: tuple[str, ...] = ()
    rule: RuleValue | None = None
    children: tuple[Node, ...] = ()


def node(
    code: str,
    value: Value = None,
    reason: str | None = None,
    *,
    params: Mapping[str, object] | None = None,
    inputs: Iterable[str] = (),
    rule: RuleValue | None = None,
    children: Iterable[Node] = (),
) -> Node:
    """A `Node` from friendlier arguments: Decimal parameters become their exact text.

    >>> node("trace.figure", 1, params={"name": "x", "share": Decimal("9.10")}).params["share"]
    '9.10'

    An argument of the wrong kind is refused with `moralkit.ValidationError`, each problem at
    the argument's name (``params.share`` for one parameter).
    """
    # Exact-type tests first: the ABC checks run only for unusual (or wrong) arguments.
    ok = (
        type(code) is str
        and (type(value) in _VALUE_TYPES or isinstance(value, Value))
        and (reason is None or type(reason) is str)
        and (params is None or type(params) is dict or isinstance(params, Mapping))
        and (type(inputs) in _SEQUENCES or _is_sequence(inputs))
        and (type(children) in _SEQUENCES or _is_sequence(children))
        and (rule is None or type(rule) is RuleValue or isinstance(rule, RuleValue))
    )
    if ok:
        try:
            converted = _params(params) if params else {}
            lines, steps = tuple(inputs), tuple(children)
        except (_NotAParamError, TypeError, ValueError, RecursionError):
            ok = False
        else:
            for line in lines:
                ok = ok and type(line) is str
            for step in steps:
                ok = ok and isinstance(step, Node)
    if not ok:
        _refuse_node(
            code=code,
            value=value,
            reason=reason,
            params=params,
            inputs=inputs,
            rule=rule,
            children=children,
        )
    return Node(code, value, reason, converted, lines, rule, steps)


_VALUE_TYPES = frozenset((bool, int, Decimal, str, type(None)))
_SEQUENCES = frozenset((tuple, list))


def _is_sequence(value: object) -> bool:
    return isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping)


def _refuse_node(**arguments: object) -> NoReturn:
    code, value, reason = arguments["code"], arguments["value"], arguments["reason"]
    params, rule = arguments["params"], arguments["rule"]
    problems: list[Problem] = []
    if not isinstance(code, str):
        problems.append(wrong_type("code", "kind.text", code))
    if not isinstance(value, Value):
        problems.append(wrong_type("value", "trace.kind.value", value))
    if not (reason is None or isinstance(reason, str)):
        problems.append(wrong_type("reason", "kind.text", reason))
    if isinstance(params, Mapping):
        for key, item in params.items():
            if not isinstance(key, str):
                problems.append(wrong_type("params", "kind.object", params))
                break
            try:
                _param(item)
            except (_NotAParamError, TypeError, ValueError, RecursionError):
                problems.append(wrong_type(f"params.{key}", "trace.kind.param", item))
    elif params is not None:
        problems.append(wrong_type("params", "kind.object", params))
    for name, kind in (("inputs", "kind.text"), ("children", "trace.kind.node")):
        items = arguments[name]
        if not _is_sequence(items):
            problems.append(wrong_type(name, "kind.list", items))
            continue
        for index, item in enumerate(tuple(items)):  # type: ignore[arg-type]  # checked above
            if not (isinstance(item, str) if name == "inputs" else isinstance(item, Node)):
                problems.append(wrong_type(f"{name}[{index}]", kind, item))
    if not (rule is None or isinstance(rule, RuleValue)):
        problems.append(wrong_type("rule", "trace.kind.rule_value", rule))
    refuse(problems, "node")


class Traced(Protocol):
    """Anything that carries a trace: every scoring and evaluation result."""

    @property
    def trace(self) -> tuple[Node, ...]:
        """The result's nodes, in the order they are explained."""


# --- traces built when first read -------------------------------------------------------------

_C = TypeVar("_C", bound=type)
_RESOLVING = threading.Lock()
#: The slot setter of each `deferred_trace` class, for `defer`.
_SETTERS: dict[type, Callable[[object, object], None]] = {}


class _Pending(tuple[Callable[..., tuple[Node, ...]], tuple[Any, ...]]):
    """A trace not built yet: the function that builds it and its other arguments.

    A tuple of the two, so that making one (once per scored record) runs no Python code.
    """

    __slots__ = ()


class _TraceSlot:
    """The ``trace`` slot of a result class, building a deferred trace on first read.

    Wraps the slot attrs made for the field, so the field stays an ordinary attrs field:
    ``dump``, ``to_json``, equality, hashing, ``repr``, ``evolve`` and pickling all read it
    through this descriptor and see the built tuple. The tuple is built outside any lock
    (building is pure) and stored under one, so every reader gets the same object; frozen
    classes still refuse assignment, which goes through their ``__setattr__``, not here.
    """

    __slots__ = ("slot",)

    def __init__(self, slot: Any) -> None:
        self.slot = slot

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = self.slot.__get__(instance, owner)
        if type(value) is not _Pending:
            return value
        build, args = value
        built = build(instance, *args)
        with _RESOLVING:
            value = self.slot.__get__(instance, owner)
            if type(value) is not _Pending:
                return value  # another thread stored it first: hand out the same tuple
            self.slot.__set__(instance, built)
        return built

    def __set__(self, instance: object, value: object) -> None:
        self.slot.__set__(instance, value)

    def __delete__(self, instance: object) -> None:
        self.slot.__delete__(instance)


def deferred_trace(cls: _C) -> _C:
    """Let instances of the slotted attrs class ``cls`` build their ``trace`` when first read.

    Scoring computes its figures at once and leaves the trace to `defer`; most callers read a
    total or a level and never the trace, so they never pay for its nodes. Readers cannot
    tell the difference: the field is read through a descriptor that builds it once.

    >>> from attrs import frozen
    >>> @deferred_trace
    ... @frozen
    ... class Scored:
    ...     total: int
    ...     trace: tuple[Node, ...] = ()
    >>> def build(scored, name):
    ...     return (Node("trace.figure", scored.total, params={"name": name}),)
    >>> scored = defer(Scored(3), build, "n")
    >>> scored.trace[0].value, scored == Scored(3, (Node("trace.figure", 3, params={"name": "n"}),))
    (3, True)
    """
    slot: Any = cls.__dict__.get("trace") if isinstance(cls, type) else None
    if not hasattr(slot, "__set__") or isinstance(slot, _TraceSlot):
        refuse([wrong_type("cls", "trace.kind.slotted_class", cls)], "deferred_trace")
    setattr(cls, "trace", _TraceSlot(slot))  # noqa: B010 (a class attribute mypy cannot see)
    _SETTERS[cls] = slot.__set__
    return cls


_T = TypeVar("_T")


def defer(result: _T, build: Callable[..., tuple[Node, ...]], *args: Any) -> _T:
    """Give ``result`` (of a `deferred_trace` class) a trace that ``build(result, *args)`` makes.

    ``build`` must be pure, and ``args`` must not change afterwards: the trace is built from
    the result and them whenever it is first read, perhaps on another thread. A ``result``
    of another class, or a ``build`` that is not callable, is refused with
    `moralkit.ValidationError`.
    """
    setter = _SETTERS.get(type(result))
    if setter is None or not callable(build):
        problems = [] if setter else [wrong_type("result", "trace.kind.deferred_result", result)]
        if not callable(build):
            problems.append(wrong_type("build", "trace.kind.build", build))
        refuse(problems, "defer")
    setter(result, _Pending((build, args)))
    return result


def pending(build: Callable[..., tuple[Node, ...]], *args: Any) -> Any:
    """The value to store as ``trace`` when building a `deferred_trace` instance directly.

    For code that sets every field at once (`moralkit._build.builder`); the trace is
    ``build(result, *args)``, made when first read. Anything else should use `defer`.
    """
    return _Pending((build, args))


def walk(trace: Iterable[Node]) -> Iterator[Node]:
    """Every node of a trace, depth first, each before its children.

    >>> [n.code for n in walk([Node("a", children=[Node("b")]), Node("c")])]
    ['a', 'b', 'c']
    """
    stack = list(reversed(tuple(trace)))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


def _token(name: str) -> str:
    # A stand-in for text that is already rendered: messages shorten long parameter values,
    # which is right for input echoed back and wrong for words of our own catalogue.
    return f"\ue000{name}\ue000"


def _compose(code: str, lang: Lang, params: Mapping[str, Any], parts: Mapping[str, str]) -> str:
    text = render(code, lang, {**params, **{name: _token(name) for name in parts}})
    for name, part in parts.items():
        text = text.replace(_token(name), part)
    return text


def _words(item: Param) -> Any:
    # A name given in both languages comes from a rule file: shown whole, never shortened
    # the way echoed input is (a long name cut in one language only would drop words).
    return Verbatim(item) if isinstance(item, str) else item


def _shown(node: Node, lang: Lang) -> tuple[dict[str, Any], dict[str, str]]:
    params: dict[str, Any] = {"value": node.value}
    parts: dict[str, str] = {}
    suffix = "_" + lang
    for key, item in node.params.items():
        params[key] = item
        if key.endswith(suffix):
            params.setdefault(key[: -len(suffix)], _words(item))
    # A value given in one language only is shown in both rather than left as a template.
    for key, item in node.params.items():
        for other in ("_th", "_en"):
            if key.endswith(other):
                params.setdefault(key[: -len(other)], _words(item))
    for key, item in node.params.items():
        if key.endswith("_code") and isinstance(item, str):
            parts[key[: -len("_code")]] = render(item, lang, params)
    return params, parts


def _rule_text(rule: RuleValue, lang: Lang) -> str:
    status = render(f"status.{rule.status}", lang)
    # A rule value that is a name (a level rule) is a key, not words: only its status is shown.
    shown = rule.value is not None and not isinstance(rule.value, str)
    code = "trace.rule" if shown else "trace.rule_status"
    text = _compose(code, lang, {"value": rule.value}, {"status": status})
    if rule.sources:
        # Every source is cited: a list cut short would hide what the value rests on.
        text += render("trace.sources", lang, {"sources": Verbatim(", ".join(rule.sources))})
    return text


def _line(node: Node, lang: Lang) -> str:
    params, parts = _shown(node, lang)
    text = _compose(node.code, lang, params, parts)
    if node.reason is not None:
        reason = _compose(node.reason, lang, params, parts)
        text += _compose("trace.because", lang, {}, {"reason": reason})
    if node.rule is not None:
        text += " [" + _rule_text(node.rule, lang) + "]"
    return text


def explain(result: Traced, lang: Lang = "th") -> str:
    """The trace of ``result`` as text in Thai (``"th"``, the default) or English (``"en"``).

    One line per node, children indented under their parent. Every rule value read is shown
    with its status in the chosen language, so an assumed weight or an unpublished pass rule
    never reads as official. Works for any object with a ``trace`` attribute.

    >>> class Counted:
    ...     trace = (Node("trace.figure", 108, params={"name": "signatories"},
    ...                   children=(Node("trace.figure", 120, params={"name": "members"}),)),)
    >>> print(explain(Counted(), "en"))
    signatories: 108
      members: 120
    """
    refused = lang_problem(lang)
    if refused is not None:
        raise ValidationError([refused], "explain")
    nodes = getattr(result, "trace", None)
    if not isinstance(nodes, tuple | list) or not all(isinstance(n, Node) for n in nodes):
        problem = Problem("result", "trace.no_trace", {"value": type(result).__name__})
        raise ValidationError([problem], "explain")
    lines: list[str] = []
    stack: list[tuple[Node, int]] = [(node, 0) for node in reversed(tuple(nodes))]
    while stack:
        node, depth = stack.pop()
        lines.append("  " * depth + _line(node, lang))
        stack.extend((child, depth + 1) for child in reversed(node.children))
    return "\n".join(lines)
