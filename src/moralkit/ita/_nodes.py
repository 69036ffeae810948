"""Typed builders of trace nodes for the ITA cycle modules.

`moralkit.trace.Node` converts its sequences with ``converter=tuple``, which mypy's attrs
plugin types as a generic ``Iterable`` no argument satisfies; these builders take precise
types and hand them on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from moralkit.rules import RuleStatus
from moralkit.trace import Node, RuleValue, Value

__all__ = ["node", "rule_value"]


def node(
    code: str,
    value: Value = None,
    *,
    reason: str | None = None,
    params: Mapping[str, object] | None = None,
    inputs: Iterable[str] = (),
    rule: RuleValue | None = None,
    children: Iterable[Node | None] = (),
) -> Node:
    """A `Node`; ``None`` children are left out, so optional steps read naturally."""
    extra: dict[str, Any] = {
        "inputs": tuple(inputs),
        "children": tuple(child for child in children if child is not None),
    }
    return Node(code, value, reason=reason, params=dict(params or {}), rule=rule, **extra)


def rule_value(
    key: str, value: Value, status: RuleStatus, sources: Iterable[str] = ()
) -> RuleValue:
    """A `RuleValue` citing ``sources`` (ids of the rule file's sources)."""
    extra: dict[str, Any] = {"sources": tuple(sources)}
    return RuleValue(key, value, status, **extra)
