"""Small builders of trace nodes for the ITA cycle modules (gap, history)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from moralkit.rules import RuleStatus
from moralkit.trace import Node, RuleValue, Value
from moralkit.trace import node as _node

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
    """`moralkit.trace.node`, leaving out ``None`` children so optional steps read naturally."""
    kept = [child for child in children if child is not None]
    return _node(code, value, reason, params=params, inputs=inputs, rule=rule, children=kept)


def rule_value(
    key: str, value: Value, status: RuleStatus, sources: Iterable[str] = ()
) -> RuleValue:
    """A `RuleValue` citing ``sources`` (ids of the rule file's sources)."""
    return RuleValue(key, value, status, tuple(sources))
