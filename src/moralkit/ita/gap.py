"""What an ITA result lacks: the smallest raises that reach the next level and the pass mark.

`gap` takes a scored `~moralkit.ita.Result` and, for the level above it and for the pass mark,
works out what the agency's tool scores would have to be. It accounts for the weights of the
year, the rounding of the total (half-up to 2 places, classified on the rounded value) and,
from FY2566, the per-tool floor of the higher levels (every tool at 85 for a good pass).

For each target level it gives the smallest raise of each tool alone (or why that tool alone
cannot do it) and the raises that together cost the fewest points. When the OIT came from a
checklist, pass it in and the missing items are listed with what each is worth to the total,
and the fewest of them that reach the target on their own.

Needed scores are the smallest written with two decimals, as tool scores are published.
Arithmetic is exact; the result is data with a ``trace`` that `moralkit.explain` renders.

>>> from moralkit.ita import score
>>> result = score(2568, tools={"IIT": 98, "EIT": 84, "OIT": "99.5"})
>>> result.level.code
'pass'
>>> g = gap(result)
>>> target = g.target("good")
>>> [(r.tool, r.needed, r.by) for r in target.together]
[('EIT', Decimal('85.00'), Decimal('1.0000'))]
>>> [(a.tool, a.needed) for a in target.alone]
[('IIT', None), ('EIT', Decimal('85.00')), ('OIT', None)]
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Literal, Protocol

from attrs import field, frozen

from moralkit._decimal import exact, round_half_up
from moralkit.errors import Problem, ValidationError
from moralkit.ita._nodes import node, rule_value
from moralkit.ita._scored import Scored
from moralkit.ita.rules_model import TOOL_CODES, ItaLevelRule, ItaRules, ToolCode
from moralkit.messages import Words
from moralkit.model._base import MANY
from moralkit.thai.calendar import FiscalYear
from moralkit.trace import Node, RuleValue

__all__ = [
    "Alone",
    "Gap",
    "GapTarget",
    "MissingItem",
    "Raise",
    "ToolScore",
    "gap",
    "item_worth",
    "reaches",
]

#: Why a level is a target: it is the next level up, the lowest passing level, or both, or
#: the caller asked for it.
TargetKind = Literal["next_level", "pass_mark", "next_level_and_pass_mark", "asked"]

_CENT = Fraction(1, 100)
_HALF_CENT = Fraction(1, 200)
_HUNDRED = Fraction(100)


class _Scored(Scored, Protocol):
    """What `gap` reads from a result: its year, its rules and its tool scores."""

    @property
    def rules_version(self) -> str: ...


class _Checklist(Protocol):
    """An OIT checklist: `moralkit.ita.oit.OitChecklist` or anything with ``presence()``."""

    def presence(self) -> Mapping[str, bool]: ...


@frozen
class Raise:
    """A tool score to reach: ``needed`` (2 places) and ``by`` how much above ``current``."""

    tool: ToolCode
    current: Decimal
    needed: Decimal
    by: Decimal


@frozen
class Alone:
    """The smallest score of one tool that reaches a target with the others unchanged.

    ``needed`` and ``by`` are ``None`` when this tool alone cannot reach it; ``blocked_by``
    then names the tools under the level's per-tool floor, or is empty when even 100 would
    not do.
    """

    tool: ToolCode
    current: Decimal
    needed: Decimal | None
    by: Decimal | None
    blocked_by: tuple[ToolCode, ...] = field(default=(), **MANY)


@frozen
class MissingItem:
    """An OIT item marked absent, and what adding it is worth.

    ``worth_oit`` is what it adds to the OIT score, ``worth_total`` to the total (both exact
    values shown to 4 places).
    """

    code: str
    name_th: str | None
    name_en: str | None
    sub_indicator: str | None
    worth_oit: Decimal
    worth_total: Decimal


@frozen
class GapTarget:
    """One level to reach and what it takes.

    ``alone`` has one entry per tool; ``together`` the raises that reach the level while
    adding the fewest points in all (``cost``), and ``total_after`` the total they give.
    ``items`` are the fewest missing OIT items that reach it on their own (``None`` without a
    checklist, or when the items cannot do it).
    """

    level: str
    label_th: str
    label_en: str
    passed: bool
    kind: TargetKind
    min_total: Decimal
    min_each_tool: Decimal | None
    alone: tuple[Alone, ...] = field(**MANY)
    together: tuple[Raise, ...] = field(**MANY)
    cost: Decimal
    total_after: Decimal
    items: tuple[str, ...] | None = None


@frozen
class ToolScore:
    """A tool's current score, as the gap read it from the result (4 places)."""

    tool: ToolCode
    score: Decimal


@frozen
class Gap:
    """What a result lacks to reach the next level and the pass mark.

    ``tools`` are the scores the gap starts from. ``targets`` is empty when the result is
    already at the top level, or already at (or above) the level asked for; the trace says
    which. ``missing_items`` lists the absent OIT items, most valuable
    first, when a checklist was given.
    """

    fiscal_year: FiscalYear
    rules_id: str
    rules_version: str
    total: Decimal
    level: str
    passed: bool
    tools: tuple[ToolScore, ...] = field(**MANY)
    targets: tuple[GapTarget, ...] = field(**MANY)
    missing_items: tuple[MissingItem, ...] = field(default=(), **MANY)
    trace: tuple[Node, ...] = field(default=(), **MANY)

    def target(self, level: str) -> GapTarget:
        """The target for the level with this code (`KeyError` when it is not a target)."""
        for target in self.targets:
            if target.level == level:
                return target
        held = ", ".join(t.level for t in self.targets) or "none"
        raise KeyError(f"{level!r} is not a target of this gap; targets: {held}")


# --- the arithmetic ------------------------------------------------------------------------


def _weights(rules: ItaRules) -> dict[ToolCode, Fraction]:
    return {code: exact(rules.tool(code).weight) / 100 for code in TOOL_CODES}


def _total(weights: Mapping[ToolCode, Fraction], values: Mapping[ToolCode, Fraction]) -> Fraction:
    return sum((weights[c] * values[c] for c in TOOL_CODES), Fraction(0))


def _below_floor(level: ItaLevelRule, values: Mapping[ToolCode, Fraction]) -> list[ToolCode]:
    if level.min_each_tool is None:
        return []
    return [c for c in TOOL_CODES if round_half_up(values[c], 2) < level.min_each_tool]


def reaches(
    rules: ItaRules, level: ItaLevelRule, values: Mapping[ToolCode, Fraction | Decimal]
) -> bool:
    """Whether tool scores ``values`` reach ``level`` (or a higher one) under ``rules``.

    The total is rounded half-up to 2 places and compared with the level's minimum; from
    FY2566 every tool, rounded the same way, must also reach the level's per-tool floor.

    >>> from moralkit.ita import RULES
    >>> rules = RULES.for_year(2568)
    >>> good = next(level for level in rules.levels if level.code == "good")
    >>> reaches(rules, good, {"IIT": Decimal(98), "EIT": Decimal(85), "OIT": Decimal("99.5")})
    True
    """
    exact_values = {c: exact(values[c]) for c in TOOL_CODES}
    total = round_half_up(_total(_weights(rules), exact_values), 2)
    return total >= level.min_total and not _below_floor(level, exact_values)


def _grid_up(value: Fraction) -> Fraction:
    """The smallest multiple of 0.01 at or above ``value``."""
    return Fraction(math.ceil(value * 100), 100)


def _needed_total(level: ItaLevelRule) -> Fraction:
    # A total rounds half-up to the level's minimum from half a cent below it.
    return exact(level.min_total) - _HALF_CENT


def _alone(
    rules: ItaRules, level: ItaLevelRule, values: Mapping[ToolCode, Fraction], code: ToolCode
) -> Alone:
    weights = _weights(rules)
    current = values[code]
    shown = round_half_up(current, 4)
    blocked = tuple(c for c in _below_floor(level, values) if c != code)
    if blocked:
        return Alone(code, shown, None, None, blocked)
    others = sum((weights[c] * values[c] for c in TOOL_CODES if c != code), Fraction(0))
    candidates = [current]
    if weights[code] > 0:
        for_total = (_needed_total(level) - others) / weights[code]
        if for_total > current:
            candidates.append(_grid_up(for_total))
    elif others < _needed_total(level):
        return Alone(code, shown, None, None)
    if level.min_each_tool is not None and round_half_up(current, 2) < level.min_each_tool:
        candidates.append(exact(level.min_each_tool))
    needed = max(candidates)
    if needed > _HUNDRED or not reaches(rules, level, {**values, code: needed}):
        return Alone(code, shown, None, None)
    return Alone(code, shown, round_half_up(needed, 2), round_half_up(needed - current, 4))


def _together(
    rules: ItaRules, level: ItaLevelRule, values: Mapping[ToolCode, Fraction]
) -> dict[ToolCode, Fraction]:
    """The new scores of the tools to raise: the per-tool floors first, then the total.

    Each point of a tool adds its weight to the total, so the shortfall is taken from the
    heaviest tool first (up to 100), then the next: the fewest points in all.
    """
    weights = _weights(rules)
    new = dict(values)
    for code in _below_floor(level, values):
        assert level.min_each_tool is not None
        new[code] = exact(level.min_each_tool)
    for code in sorted(TOOL_CODES, key=lambda c: -weights[c]):
        short = _needed_total(level) - _total(weights, new)
        if short <= 0:
            break
        if weights[code] == 0:
            continue
        new[code] = min(_HUNDRED, _grid_up(new[code] + short / weights[code]))
    return {code: value for code, value in new.items() if value != values[code]}


def item_worth(rules: ItaRules) -> dict[str, Fraction]:
    """What each OIT item adds to the OIT score when present (exact), by item code.

    Grouped years: an item is worth its share of its sub-indicator, within the mean of the
    sub-indicators of its indicator, within the mean of the OIT indicators. Years whose
    grouping is unknown: each item is worth an equal share of the OIT.

    >>> from moralkit.ita import RULES
    >>> str(item_worth(RULES.for_year(2568))["O1"])
    '50/13'
    """
    items = rules.oit_items
    if not items:
        return {}
    if rules.oit_scoring == "share_of_items":
        return {item.code: _HUNDRED / len(items) for item in items}
    indicators = [i.number for i in rules.indicators_of("OIT")]
    worth: dict[str, Fraction] = {}
    for number in indicators:
        subs = [s.code for s in rules.sub_indicators if s.indicator == number]
        filled = [s for s in subs if any(i.sub_indicator == s for i in items)]
        for sub in filled:
            own = [i.code for i in items if i.sub_indicator == sub]
            for code in own:
                worth[code] = _HUNDRED / len(own) / len(filled) / len(indicators)
    return worth


def _oit_from(rules: ItaRules, presence: Mapping[str, bool]) -> Fraction:
    worth = item_worth(rules)
    return sum((worth[code] for code, present in presence.items() if present), Fraction(0))


def _items_alone(
    rules: ItaRules,
    level: ItaLevelRule,
    values: Mapping[ToolCode, Fraction],
    missing: list[tuple[str, Fraction]],
) -> tuple[str, ...] | None:
    """The fewest missing items that reach ``level`` alone: the most valuable first."""
    oit = values["OIT"]
    chosen: list[str] = []
    for code, worth in missing:
        if reaches(rules, level, {**values, "OIT": oit}):
            break
        chosen.append(code)
        oit += worth
    if not reaches(rules, level, {**values, "OIT": oit}):
        return None
    return tuple(chosen)


# --- targets and the trace -----------------------------------------------------------------


def _targets(
    rules: ItaRules, current: str, asked: str | None, problems: list[Problem]
) -> list[tuple[ItaLevelRule, TargetKind]]:
    codes = [level.code for level in rules.levels]
    index = codes.index(current)
    if asked is not None:
        if asked not in codes:
            problems.append(
                Problem("level", "ita_gap.unknown_level", {"level": asked, "known": codes})
            )
            return []
        return [(rules.levels[codes.index(asked)], "asked")] if codes.index(asked) < index else []
    found: list[tuple[ItaLevelRule, TargetKind]] = []
    lowest_pass = max((i for i, level in enumerate(rules.levels) if level.passed), default=None)
    if index > 0:
        kind: TargetKind = "next_level_and_pass_mark" if lowest_pass == index - 1 else "next_level"
        found.append((rules.levels[index - 1], kind))
    if lowest_pass is not None and lowest_pass < index - 1:
        found.append((rules.levels[lowest_pass], "pass_mark"))
    return found


def _rule_of(level: ItaLevelRule) -> RuleValue:
    return rule_value(f"levels.{level.code}", level.min_total, level.status, level.sources)


def _raise_node(item: Raise) -> Node:
    return node(
        "ita_gap.raise",
        item.needed,
        params={"tool": item.tool, "current": item.current, "by": item.by},
        inputs=(f"tools.{item.tool}",),
    )


def _target_node(target: GapTarget, level: ItaLevelRule) -> Node:
    children = []
    for alone in target.alone:
        if alone.needed is None:
            reason = "ita_gap.reason.floor" if alone.blocked_by else "ita_gap.reason.beyond_100"
            children.append(
                node(
                    "ita_gap.alone_impossible",
                    None,
                    reason=reason,
                    params={"tool": alone.tool, "blocked_by": alone.blocked_by},
                )
            )
        else:
            children.append(
                node(
                    "ita_gap.alone",
                    alone.needed,
                    params={"tool": alone.tool, "current": alone.current, "by": alone.by},
                )
            )
    children.append(
        node(
            "ita_gap.together",
            target.cost,
            params={"total_after": target.total_after},
            children=[_raise_node(r) for r in target.together],
        )
    )
    if target.items is not None:
        children.append(
            node("ita_gap.items_alone", len(target.items), params={"items": target.items})
        )
    floor = (
        node(
            "ita_gap.floor",
            level.min_each_tool,
            rule=rule_value(
                f"levels.{level.code}.min_each_tool",
                level.min_each_tool,
                level.status,
                level.sources,
            ),
        )
        if level.min_each_tool is not None
        else None
    )
    return node(
        "ita_gap.target",
        target.level,
        reason=f"ita_gap.reason.{target.kind}",
        params={
            "label_th": target.label_th,
            "label_en": target.label_en,
            "min_total": target.min_total,
        },
        rule=_rule_of(level),
        children=[floor, *children],
    )


_RESULT = Words("ผลการประเมิน ITA จาก moralkit.ita.score", "an ITA result from moralkit.ita.score")
_CHECKLIST = Words(
    "รายการตรวจสอบ OIT (OitChecklist หรือ {รหัสรายการ: true/false})",
    "an OIT checklist (an OitChecklist or {item: true/false})",
)
_RULES = Words("เกณฑ์ ITA (ItaRules)", "ITA rules (ItaRules)")


def _check_arguments(result: object, checklist: object, rules: object) -> None:
    """Wrong argument types as `ValidationError`, before anything reads them."""
    problems = []
    if not isinstance(getattr(result, "rules_id", None), str) or not callable(
        getattr(result, "tool", None)
    ):
        problems.append(Problem("result", "wrong_type", {"expected": _RESULT, "value": result}))
    if not (
        checklist is None
        or isinstance(checklist, Mapping)
        or callable(getattr(checklist, "presence", None))
    ):
        problems.append(
            Problem("checklist", "wrong_type", {"expected": _CHECKLIST, "value": checklist})
        )
    if rules is not None and not isinstance(rules, ItaRules):
        problems.append(Problem("rules", "wrong_type", {"expected": _RULES, "value": rules}))
    if problems:
        raise ValidationError(problems, "ITA gap")


def _rules_for(result: _Scored, rules: ItaRules | None) -> ItaRules:
    if rules is not None:
        if rules.id != result.rules_id:
            raise ValidationError(
                [
                    Problem(
                        "rules",
                        "ita_gap.rules_mismatch",
                        {"given": rules.id, "scored": result.rules_id},
                    )
                ],
                "ITA gap",
            )
        return rules
    from moralkit.ita.score import RULES  # noqa: PLC0415 (score imports nothing from here)

    try:
        return RULES.by_id(result.rules_id)
    except KeyError:
        raise ValidationError(
            [Problem("rules", "ita_gap.rules_needed", {"rules_id": result.rules_id})],
            "ITA gap",
        ) from None


def gap(
    result: _Scored,
    *,
    level: str | None = None,
    checklist: Mapping[str, bool] | _Checklist | None = None,
    rules: ItaRules | None = None,
) -> Gap:
    """What ``result`` lacks to reach the next level and the pass mark.

    ``level`` asks for one level instead (``"excellent"``, ``"AA"``). ``checklist`` is the OIT
    checklist the result was scored from (``{"O1": True, ...}`` or an
    `~moralkit.ita.oit.OitChecklist`): the missing items are then listed with their worth.
    ``rules`` are needed only for a result scored with your own rules.

    Tool scores are read from the result (4 places). A needed score is the smallest with two
    decimals that reaches the level; ``by`` is how far that is above the current score.

    >>> from moralkit.ita import score
    >>> g = gap(score(2564, tools={"IIT": "89.95", "EIT": "89.27", "OIT": "69.22"}))
    >>> g.level, [t.level for t in g.targets]
    ('B', ['A'])
    >>> [(r.tool, r.needed) for r in g.targets[0].together]
    [('OIT', Decimal('78.08'))]
    """
    _check_arguments(result, checklist, rules)
    ita = _rules_for(result, rules)
    values: dict[ToolCode, Fraction] = {c: exact(result.tool(c)) for c in TOOL_CODES}
    weights = _weights(ita)
    current = next(lv for lv in ita.levels if lv.code == result.level.code)
    problems: list[Problem] = []
    missing: list[tuple[str, Fraction]] = []
    presence: Mapping[str, bool] | None = None
    if checklist is not None:
        presence = checklist if isinstance(checklist, Mapping) else checklist.presence()
        worth = item_worth(ita)
        unknown = [code for code in presence if code not in worth]
        absent = [code for code in worth if code not in presence]
        if not worth:
            problems.append(
                Problem("checklist", "ita_gap.no_catalogue", {"fiscal_year": ita.first_year.be})
            )
        elif unknown or absent:
            problems.extend(
                Problem(f"checklist[{code!r}]", "ita_gap.unknown_item", {"item": code})
                for code in unknown
            )
            if absent:
                problems.append(Problem("checklist", "ita_gap.items_missing", {"items": absent}))
        elif round_half_up(_oit_from(ita, presence), 4) != round_half_up(values["OIT"], 4):
            problems.append(
                Problem(
                    "checklist",
                    "ita_gap.checklist_mismatch",
                    {
                        "oit": round_half_up(_oit_from(ita, presence), 4),
                        "scored": round_half_up(values["OIT"], 4),
                    },
                )
            )
        else:
            missing = sorted(
                ((code, worth[code]) for code, present in presence.items() if not present),
                key=lambda pair: (-pair[1], list(worth).index(pair[0])),
            )
    targets_found = _targets(ita, current.code, level, problems)
    if problems:
        raise ValidationError(problems, "ITA gap")
    asked = next((lv for lv in ita.levels if lv.code == level), None)
    targets = []
    nodes = []
    for target_level, kind in targets_found:
        alone = tuple(_alone(ita, target_level, values, code) for code in TOOL_CODES)
        new = _together(ita, target_level, values)
        after = {**values, **new}
        together = tuple(
            Raise(
                code,
                round_half_up(values[code], 4),
                round_half_up(new[code], 2),
                round_half_up(new[code] - values[code], 4),
            )
            for code in TOOL_CODES
            if code in new
        )
        target = GapTarget(
            level=target_level.code,
            label_th=target_level.label_th,
            label_en=target_level.label_en,
            passed=target_level.passed,
            kind=kind,
            min_total=target_level.min_total,
            min_each_tool=target_level.min_each_tool,
            alone=alone,
            together=together,
            cost=round_half_up(sum((new[c] - values[c] for c in new), Fraction(0)), 4),
            total_after=round_half_up(_total(weights, after), 2),
            items=(
                _items_alone(ita, target_level, values, missing) if presence is not None else None
            ),
        )
        targets.append(target)
        nodes.append(_target_node(target, target_level))
    items = _missing_items(ita, missing, weights["OIT"])
    return Gap(
        fiscal_year=result.fiscal_year,
        rules_id=ita.id,
        rules_version=ita.version,
        total=result.total,
        level=current.code,
        passed=current.passed,
        tools=tuple(ToolScore(c, round_half_up(values[c], 4)) for c in TOOL_CODES),
        targets=tuple(targets),
        missing_items=items,
        trace=_trace(ita, result, current, asked, values, nodes, items),
    )


def _missing_items(
    rules: ItaRules, missing: list[tuple[str, Fraction]], oit_weight: Fraction
) -> tuple[MissingItem, ...]:
    named = {item.code: item for item in rules.oit_items}
    return tuple(
        MissingItem(
            code,
            named[code].name_th,
            named[code].name_en,
            named[code].sub_indicator,
            round_half_up(worth, 4),
            round_half_up(worth * oit_weight, 4),
        )
        for code, worth in missing
    )


def _item_name(item: MissingItem) -> dict[str, str]:
    """How a missing item is named in the trace: in Thai when a Thai name is held.

    Otherwise it is named as its source gives it, marked in Thai as the source's English
    name, or said to have no name held. Thai names are never made up: the public sources
    give most OIT items in English only.
    """
    if item.name_th:
        return {"name_th": item.name_th, "name_en": item.name_en or item.name_th}
    if item.name_en:
        return {"name_en": item.name_en, "name_code": "ita_gap.item_name.source_en"}
    return {"name_code": "ita_gap.item_name.none"}


def _trace(  # noqa: PLR0917 (private; one call site)
    rules: ItaRules,
    result: _Scored,
    current: ItaLevelRule,
    asked: ItaLevelRule | None,
    values: Mapping[ToolCode, Fraction],
    targets: list[Node],
    items: tuple[MissingItem, ...],
) -> tuple[Node, ...]:
    weights = node(
        "ita_gap.weights",
        None,
        children=[
            node(
                "ita_gap.weight",
                rules.tool(code).weight,
                params={"tool": code, "score": round_half_up(values[code], 4)},
                rule=rule_value(
                    f"tools.{code}.weight",
                    rules.tool(code).weight,
                    rules.tool(code).status,
                    rules.tool(code).sources,
                ),
            )
            for code in TOOL_CODES
        ],
    )
    nodes = [
        node(
            "ita_gap.result",
            result.total,
            params={
                "fiscal_year": result.fiscal_year,
                "label_th": current.label_th,
                "label_en": current.label_en,
            },
            rule=rule_value("rules", rules.id, rules.status),
        ),
        weights,
        node("ita_gap.rounding", None),
    ]
    if asked is not None and not targets:
        nodes.append(
            node(
                "ita_gap.reached",
                asked.code,
                params={
                    "label_th": asked.label_th,
                    "label_en": asked.label_en,
                    "min_total": asked.min_total,
                    "current_th": current.label_th,
                    "current_en": current.label_en,
                },
                rule=_rule_of(asked),
            )
        )
    elif not targets:
        nodes.append(
            node(
                "ita_gap.top",
                current.code,
                params={"label_th": current.label_th, "label_en": current.label_en},
            )
        )
    nodes.extend(targets)
    if items:
        nodes.append(
            node(
                "ita_gap.missing_items",
                len(items),
                children=[
                    node(
                        "ita_gap.missing_item",
                        item.worth_total,
                        params={"item": item.code, **_item_name(item), "worth_oit": item.worth_oit},
                    )
                    for item in items
                ],
            )
        )
    return tuple(nodes)
