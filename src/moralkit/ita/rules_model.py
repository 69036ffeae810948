"""The shape of an ITA rule file, and the checks a file must pass.

One file per fiscal year holds: the three tools (IIT, EIT, OIT) and their weights, the ten
indicators and the tool each belongs to, the answer scales and their points, the questions
known for the year, the OIT items and their sub-indicators, the levels, the pass mark, and the
national target. Every value that can be doubted carries a status.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from attrs import field, frozen

from moralkit.errors import Problem
from moralkit.model._base import ID, MANY, TEXT, bounded
from moralkit.rules import RuleSource, RuleStatus
from moralkit.thai.calendar import FiscalYear

__all__ = [
    "AnswerChoice",
    "AnswerScale",
    "ItaLevelRule",
    "ItaRules",
    "OitItem",
    "Question",
    "SubIndicator",
    "Tool",
    "ToolIndicator",
    "check_ita_rules",
]

ToolCode = Literal["IIT", "EIT", "OIT"]
TOOL_CODES: tuple[ToolCode, ...] = ("IIT", "EIT", "OIT")


@frozen
class Tool:
    """One of the three tools, with its weight in the total (percent)."""

    code: ToolCode
    name_th: str = field(**TEXT)
    name_en: str = field(**TEXT)
    weight: Decimal = field(**bounded(Decimal(0), Decimal(100)))
    status: RuleStatus = "unverified"
    sources: tuple[str, ...] = field(default=(), **MANY)


@frozen
class ToolIndicator:
    """An indicator (ตัวชี้วัด) and the tool whose score is the mean of its indicators."""

    number: int = field(**bounded(1, 99))
    tool: ToolCode
    name_th: str = field(**TEXT)
    name_en: str = field(**TEXT)
    status: RuleStatus = "verified"


@frozen
class AnswerChoice:
    """One answer and the points it scores."""

    value: str = field(**ID)
    points: Decimal = field(**bounded(Decimal(0), Decimal(100)))
    label_th: str | None = field(default=None, **TEXT)
    label_en: str | None = field(default=None, **TEXT)


@frozen
class AnswerScale:
    """A way of answering (a 4-level scale, a yes/no item), with the points of each answer."""

    id: str = field(**ID)
    choices: tuple[AnswerChoice, ...] = field(**MANY)
    status: RuleStatus = "unverified"
    note: str | None = field(default=None, **TEXT)


@frozen
class Question:
    """A question of the IIT or EIT, the indicator it feeds and the scale it is answered on."""

    code: str = field(**TEXT)
    indicator: int = field(**bounded(1, 99))
    scale: str = field(**ID)
    text_en: str | None = field(default=None, **TEXT)
    text_th: str | None = field(default=None, **TEXT)
    status: RuleStatus = "third-party"


@frozen
class SubIndicator:
    """An OIT sub-indicator (9.1 ... 10.2): the share of its items present."""

    code: str = field(**TEXT)
    indicator: int = field(**bounded(1, 99))
    name_th: str | None = field(default=None, **TEXT)
    name_en: str | None = field(default=None, **TEXT)


@frozen
class OitItem:
    """An OIT item (O1 ...): present scores 100, absent 0.

    ``sub_indicator`` is ``None`` when the year's grouping is not known.
    """

    code: str = field(**TEXT)
    sub_indicator: str | None = field(default=None, **TEXT)
    name_en: str | None = field(default=None, **TEXT)
    name_th: str | None = field(default=None, **TEXT)


@frozen
class ItaLevelRule:
    """A level and what it takes; ``code`` is ``AA`` ... ``F`` or ``excellent`` ... ``urgent``.

    A total at or above ``min_total`` and, when given, every tool at or above
    ``min_each_tool``. Levels are tried from the top.
    """

    code: str = field(**TEXT)
    label_th: str = field(**TEXT)
    label_en: str = field(**TEXT)
    min_total: Decimal = field(**bounded(Decimal(0), Decimal(100)))
    passed: bool
    min_each_tool: Decimal | None = field(default=None, **bounded(Decimal(0), Decimal(100)))
    status: RuleStatus = "unverified"
    sources: tuple[str, ...] = field(default=(), **MANY)


@frozen
class ItaRules:
    """The ITA rules of one fiscal year.

    ``oit_scoring`` is ``"sub_indicators"`` (an indicator is the mean of its sub-indicators,
    each the share of its items present) or ``"share_of_items"`` (the OIT is the plain share of
    all items, for years whose grouping is unknown).
    """

    id: str = field(**ID)
    version: str = field(**TEXT)
    title_th: str = field(**TEXT)
    title_en: str = field(**TEXT)
    first_year: FiscalYear
    last_year: FiscalYear | None
    tools: tuple[Tool, ...] = field(**MANY)
    indicators: tuple[ToolIndicator, ...] = field(**MANY)
    levels: tuple[ItaLevelRule, ...] = field(**MANY)
    pass_mark: Decimal = field(**bounded(Decimal(0), Decimal(100)))
    national_target_share: Decimal | None = field(default=None, **bounded(Decimal(0), Decimal(100)))
    answer_scales: tuple[AnswerScale, ...] = field(default=(), **MANY)
    questions: tuple[Question, ...] = field(default=(), **MANY)
    sub_indicators: tuple[SubIndicator, ...] = field(default=(), **MANY)
    oit_items: tuple[OitItem, ...] = field(default=(), **MANY)
    oit_scoring: Literal["sub_indicators", "share_of_items"] = "sub_indicators"
    status: RuleStatus = "unverified"
    sources: tuple[RuleSource, ...] = field(default=(), **MANY)
    notes: tuple[str, ...] = field(default=(), **MANY)

    def tool(self, code: str) -> Tool:
        """The tool with this code."""
        return next(t for t in self.tools if t.code == code)

    def indicators_of(self, code: str) -> tuple[ToolIndicator, ...]:
        """The indicators of one tool, in number order."""
        return tuple(sorted((i for i in self.indicators if i.tool == code), key=lambda i: i.number))

    @property
    def weights_status(self) -> RuleStatus:
        """The weakest status among the tool weights."""
        order = ("verified", "derived", "inferred", "third-party", "unverified", "unsourced")
        return max((t.status for t in self.tools), key=order.index)


def _problem(path: str, code: str, en: str, th: str) -> Problem:
    return Problem.legacy(path, code, en, th)


def _tool_problems(rules: ItaRules) -> list[Problem]:
    problems: list[Problem] = []
    codes = [t.code for t in rules.tools]
    if sorted(codes) != sorted(TOOL_CODES):
        problems.append(
            _problem(
                "tools",
                "bad_tools",
                f"the tools must be IIT, EIT and OIT once each (got {codes})",
                "ต้องมีเครื่องมือ IIT EIT OIT อย่างละหนึ่ง",
            )
        )
    total = sum((t.weight for t in rules.tools), Decimal(0))
    if total != 100:
        problems.append(
            _problem(
                "tools",
                "weights_not_100",
                f"the tool weights add up to {total}, not 100",
                f"น้ำหนักรวม {total} ไม่เท่ากับ 100",
            )
        )
    numbers = [i.number for i in rules.indicators]
    for index, number in enumerate(numbers):
        if numbers.index(number) != index:
            problems.append(
                _problem(
                    f"indicators[{index}].number",
                    "duplicate",
                    f"indicator {number} appears twice",
                    f"ตัวชี้วัดที่ {number} ซ้ำ",
                )
            )
    problems.extend(
        _problem("indicators", "missing", f"no indicator belongs to {code}", f"ไม่มีตัวชี้วัดของ {code}")
        for code in TOOL_CODES
        if not rules.indicators_of(code)
    )
    return problems


def _level_problems(rules: ItaRules) -> list[Problem]:
    problems: list[Problem] = []
    previous: tuple[Decimal, Decimal] | None = None
    for index, level in enumerate(rules.levels):
        key = (level.min_total, level.min_each_tool or Decimal(0))
        if previous is not None and (
            key[0] > previous[0] or (key[0] == previous[0] and key[1] >= previous[1])
        ):
            problems.append(
                _problem(
                    f"levels[{index}]",
                    "levels_out_of_order",
                    "levels must go from the highest to the lowest requirement",
                    "ระดับต้องเรียงจากเกณฑ์สูงสุดไปต่ำสุด",
                )
            )
        previous = key
        if level.passed and level.min_total < rules.pass_mark:
            problems.append(
                _problem(
                    f"levels[{index}].passed",
                    "pass_below_mark",
                    f"level {level.code} passes below the pass mark {rules.pass_mark}",
                    f"ระดับ {level.code} ผ่านทั้งที่ต่ำกว่าเกณฑ์ {rules.pass_mark}",
                )
            )
    if (
        not rules.levels
        or rules.levels[-1].min_total != 0
        or rules.levels[-1].min_each_tool is not None
    ):
        problems.append(
            _problem(
                "levels",
                "no_floor",
                "the last level must take every total from 0, with no tool condition",
                "ระดับสุดท้ายต้องครอบคลุมคะแนนตั้งแต่ 0",
            )
        )
    codes = [level.code for level in rules.levels]
    if len(set(codes)) != len(codes):
        problems.append(
            _problem("levels", "duplicate", "level codes must be unique", "รหัสระดับต้องไม่ซ้ำ")
        )
    return problems


def _catalogue_problems(rules: ItaRules) -> list[Problem]:
    problems: list[Problem] = []
    scales = {s.id for s in rules.answer_scales}
    indicators = {i.number: i for i in rules.indicators}
    for index, question in enumerate(rules.questions):
        if question.scale not in scales:
            problems.append(
                _problem(
                    f"questions[{index}].scale",
                    "unknown_reference",
                    f"no answer scale {question.scale!r}",
                    f"ไม่พบมาตรวัด {question.scale!r}",
                )
            )
        indicator = indicators.get(question.indicator)
        if indicator is None or indicator.tool == "OIT":
            problems.append(
                _problem(
                    f"questions[{index}].indicator",
                    "unknown_reference",
                    f"question {question.code} must feed an IIT or EIT indicator "
                    f"(got {question.indicator})",
                    "คำถามต้องอยู่ในตัวชี้วัดของ IIT หรือ EIT",
                )
            )
    subs = {s.code for s in rules.sub_indicators}
    for index, sub in enumerate(rules.sub_indicators):
        indicator = indicators.get(sub.indicator)
        if indicator is None or indicator.tool != "OIT":
            problems.append(
                _problem(
                    f"sub_indicators[{index}].indicator",
                    "unknown_reference",
                    f"sub-indicator {sub.code} must belong to an OIT indicator",
                    "ตัวชี้วัดย่อยต้องอยู่ในตัวชี้วัดของ OIT",
                )
            )
    seen: set[str] = set()
    for index, item in enumerate(rules.oit_items):
        if item.code in seen:
            problems.append(
                _problem(
                    f"oit_items[{index}].code",
                    "duplicate",
                    f"item {item.code} appears twice",
                    f"รายการ {item.code} ซ้ำ",
                )
            )
        seen.add(item.code)
        grouped = rules.oit_scoring == "sub_indicators"
        if grouped and item.sub_indicator not in subs:
            problems.append(
                _problem(
                    f"oit_items[{index}].sub_indicator",
                    "unknown_reference",
                    f"item {item.code} needs one of the sub-indicators {sorted(subs)}",
                    "รายการต้องระบุตัวชี้วัดย่อย",
                )
            )
    for index, scale in enumerate(rules.answer_scales):
        values = [c.value for c in scale.choices]
        if len(set(values)) != len(values) or len(values) < 2:
            problems.append(
                _problem(
                    f"answer_scales[{index}].choices",
                    "bad_scale",
                    "a scale needs at least two distinct answers",
                    "มาตรวัดต้องมีคำตอบอย่างน้อยสองแบบที่ไม่ซ้ำกัน",
                )
            )
    return problems


def check_ita_rules(rules: ItaRules) -> list[Problem]:
    """Everything wrong with an ITA rule file that its types alone do not catch."""
    return _tool_problems(rules) + _level_problems(rules) + _catalogue_problems(rules)
