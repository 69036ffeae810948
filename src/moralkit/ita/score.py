"""Score the ITA of one agency for a fiscal year, from any depth of input.

Give the three tool scores; or the ten indicator scores; or raw data: IIT and EIT respondents'
answers per question and the OIT checklist. Indicator scores, answers and the checklist can be
mixed, as long as each indicator comes from one place. Arithmetic is exact (fractions); only the
total is rounded, half-up to 2 places, and the level is read from the rounded total (and, from
FY2566, the rounded tool scores).

>>> r = score(2564, indicators={1: "93.55", 2: "87.72", 3: "91.01", 4: "87.93", 5: "89.52",
...                            6: "90.55", 7: "88.68", 8: "88.58", 9: "72.89", 10: "65.56"})
>>> r.total, r.level.code, r.passed
(Decimal('81.45'), 'B', False)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from attrs import field, frozen

from moralkit.errors import Problem, ValidationError
from moralkit.ita.rules_model import TOOL_CODES, ItaLevelRule, ItaRules, check_ita_rules
from moralkit.model._base import ID, MANY, TEXT
from moralkit.rules import RuleBook, RuleStatus, Step
from moralkit.thai.calendar import FiscalYear

__all__ = [
    "RULES",
    "Answer",
    "Figure",
    "ItaLevel",
    "Response",
    "Result",
    "possible_levels",
    "score",
]

#: The packaged ITA rules, one file per fiscal year: ``RULES.for_year(2567)``.
RULES: RuleBook[ItaRules] = RuleBook("ita", ItaRules, "moralkit.ita", "rules", check_ita_rules)

_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?", re.ASCII)
_HUNDRED = Fraction(100)


@frozen
class Answer:
    """One respondent's answer to one question: the question code and the chosen answer."""

    question: str = field(**TEXT)
    choice: str = field(**ID)


@frozen
class Response:
    """All of one IIT or EIT respondent's answers."""

    respondent: str = field(**TEXT)
    tool: Literal["IIT", "EIT"]
    answers: tuple[Answer, ...] = field(default=(), **MANY)

    @classmethod
    def of(
        cls, respondent: str, tool: Literal["IIT", "EIT"], answers: Mapping[str, str]
    ) -> Response:
        """A response from ``{question code: answer}``."""
        return cls(respondent, tool, tuple(Answer(q, c) for q, c in answers.items()))


@frozen
class Figure:
    """A figure the score used or computed: a tool, an indicator or an OIT sub-indicator.

    ``value`` is shown to 4 places; the total is computed from exact values.
    """

    code: str
    name_th: str | None
    name_en: str | None
    value: Decimal
    given: bool
    how_en: str
    how_th: str


@frozen
class ItaLevel:
    """The level reached: ``code`` (``AA`` ... ``F``, or ``excellent`` ... ``urgent``)."""

    code: str
    label_th: str
    label_en: str
    passed: bool
    status: RuleStatus


@frozen
class Result:
    """An agency's ITA result: the total, the level, the figures behind them, and why."""

    fiscal_year: FiscalYear
    rules_id: str
    rules_version: str
    rules_status: RuleStatus
    weights_status: RuleStatus
    total: Decimal
    level: ItaLevel
    passed: bool
    pass_mark: Decimal
    tools: tuple[Figure, ...] = field(**MANY)
    indicators: tuple[Figure, ...] = field(default=(), **MANY)
    sub_indicators: tuple[Figure, ...] = field(default=(), **MANY)
    target_share: Decimal | None = None
    explanation: tuple[Step, ...] = field(default=(), **MANY)
    notes: tuple[str, ...] = field(default=(), **MANY)

    def tool(self, code: str) -> Decimal:
        """A tool's score (4 places)."""
        return next(f.value for f in self.tools if f.code == code)

    def indicator(self, number: int) -> Decimal:
        """An indicator's score (4 places)."""
        return next(f.value for f in self.indicators if f.code == str(number))


def _round(value: Fraction, places: int) -> Decimal:
    """Round half-up (away from zero for the non-negative values scored here), exactly.

    floor(n/d * 10**places + 1/2) in whole numbers: (2 * n * 10**places + d) // (2 * d).
    """
    numerator, denominator = value.numerator, value.denominator
    whole = (2 * numerator * 10**places + denominator) // (2 * denominator)
    return Decimal(whole).scaleb(-places)


class _Reader:
    """Turns inputs into exact numbers, collecting every problem with its path."""

    def __init__(self, allow_float: bool) -> None:
        self.allow_float = allow_float
        self.problems: list[Problem] = []

    def fail(self, path: str, code: str, en: str, th: str) -> None:
        self.problems.append(Problem.legacy(path, code, en, th))

    def number(self, value: object, path: str) -> Fraction | None:
        result: Fraction | None = None
        if isinstance(value, Decimal) and value.is_finite():  # noqa: SIM114 (mypy narrows each)
            result = Fraction(value)
        elif isinstance(value, int | Fraction) and not isinstance(value, bool):
            result = Fraction(value)
        elif isinstance(value, str) and _NUMBER.fullmatch(value):
            result = Fraction(Decimal(value))
        elif isinstance(value, float):
            if not self.allow_float:
                self.fail(
                    path,
                    "float",
                    f"a float cannot carry two decimals exactly; pass {str(value)!r} as a string "
                    "or a Decimal, or allow floats with allow_float=True",
                    "ค่าทศนิยมแบบ float ไม่แม่นยำ ให้ส่งเป็นข้อความหรือ Decimal",
                )
                return None
            result = Fraction(Decimal(repr(value)))
        if result is None:
            self.fail(
                path,
                "wrong_type",
                f"expected a score such as '85.50' (got {type(value).__name__} {value!r})",
                "ต้องเป็นคะแนน เช่น '85.50'",
            )
            return None
        if not 0 <= result <= _HUNDRED:
            self.fail(
                path,
                "out_of_range",
                f"a score must be between 0 and 100 (got {value})",
                f"คะแนนต้องอยู่ระหว่าง 0 ถึง 100 (ได้รับ {value})",
            )
            return None
        return result


def _mean(values: Iterable[Fraction]) -> Fraction:
    items = list(values)
    return sum(items, Fraction(0)) / len(items)


class _Computation:
    """The figures of one scoring, built up step by step."""

    def __init__(self, rules: ItaRules) -> None:
        self.rules = rules
        self.indicators: dict[int, tuple[Fraction, bool, str, str]] = {}
        self.subs: list[Figure] = []
        self.notes: list[str] = []

    def set_indicator(
        self,
        reader: _Reader,
        *,
        number: int,
        value: Fraction,
        given: bool,
        how: tuple[str, str],
        path: str,
    ) -> None:
        if number in self.indicators:
            reader.fail(
                path,
                "given_twice",
                f"indicator {number} comes from two inputs",
                f"ตัวชี้วัดที่ {number} มาจากข้อมูลสองแหล่ง",
            )
            return
        self.indicators[number] = (value, given, *how)


def _read_tools(reader: _Reader, tools: Mapping[str, object]) -> dict[str, Fraction]:
    values: dict[str, Fraction] = {}
    for key, raw in tools.items():
        if key not in TOOL_CODES:
            reader.fail(
                f"tools[{key!r}]",
                "unknown_tool",
                f"unknown tool {key!r}; the tools are IIT, EIT and OIT",
                f"ไม่รู้จักเครื่องมือ {key!r}",
            )
            continue
        value = reader.number(raw, f"tools[{key!r}]")
        if value is not None:
            values[key] = value
    missing = [code for code in TOOL_CODES if code not in tools]
    if missing:
        reader.fail(
            "tools",
            "missing",
            f"missing tool scores: {', '.join(missing)}",
            f"ขาดคะแนนเครื่องมือ: {', '.join(missing)}",
        )
    return values


def _read_indicators(reader: _Reader, calc: _Computation, indicators: Mapping[Any, object]) -> None:
    known = {i.number for i in calc.rules.indicators}
    for key, raw in indicators.items():
        number = int(key) if isinstance(key, str) and key.isascii() and key.isdigit() else key
        path = f"indicators[{key!r}]" if isinstance(key, str) else f"indicators[{key}]"
        if not isinstance(number, int) or isinstance(number, bool) or number not in known:
            reader.fail(
                path,
                "unknown_indicator",
                f"FY{calc.rules.first_year.be} has indicators 1-{max(known)} (got {key!r})",
                f"ไม่มีตัวชี้วัด {key!r}",
            )
            continue
        value = reader.number(raw, path)
        if value is not None:
            calc.set_indicator(
                reader, number=number, value=value, given=True, how=("given", "ให้มา"), path=path
            )


def _read_responses(reader: _Reader, calc: _Computation, responses: Iterable[Response]) -> None:
    rules = calc.rules
    questions = {q.code: q for q in rules.questions}
    scales = {s.id: {c.value: Fraction(c.points) for c in s.choices} for s in rules.answer_scales}
    tool_of = {i.number: i.tool for i in rules.indicators}
    per_question: dict[str, list[Fraction]] = {}
    seen: set[tuple[str, str]] = set()
    for r, response in enumerate(responses):
        if (response.tool, response.respondent) in seen:
            reader.fail(
                f"responses[{r}].respondent",
                "duplicate",
                f"respondent {response.respondent!r} answers the {response.tool} twice",
                f"ผู้ตอบ {response.respondent!r} ตอบซ้ำ",
            )
            continue
        seen.add((response.tool, response.respondent))
        for a, answer in enumerate(response.answers):
            path = f"responses[{r}].answers[{a}]"
            question = questions.get(answer.question)
            if question is None:
                reader.fail(
                    f"{path}.question",
                    "unknown_question",
                    f"question {answer.question!r} is not in the FY{rules.first_year.be} "
                    "catalogue; supply the catalogue in your rules",
                    f"ไม่มีคำถาม {answer.question!r} ในชุดคำถามของปีนี้",
                )
                continue
            if tool_of[question.indicator] != response.tool:
                reader.fail(
                    f"{path}.question",
                    "wrong_tool",
                    f"question {question.code} belongs to the "
                    f"{tool_of[question.indicator]}, not the {response.tool}",
                    "คำถามไม่อยู่ในเครื่องมือนี้",
                )
                continue
            points = scales[question.scale].get(answer.choice)
            if points is None:
                allowed = ", ".join(scales[question.scale])
                reader.fail(
                    f"{path}.choice",
                    "not_on_scale",
                    f"{answer.choice!r} is not an answer on the {question.scale} scale ({allowed})",
                    f"คำตอบ {answer.choice!r} ไม่อยู่ในมาตรวัด",
                )
                continue
            per_question.setdefault(question.code, []).append(points)
    by_indicator: dict[int, list[tuple[str, Fraction, int]]] = {}
    for code, scored in per_question.items():
        by_indicator.setdefault(questions[code].indicator, []).append(
            (code, _mean(scored), len(scored))
        )
    for number, means in sorted(by_indicator.items()):
        value = _mean(m for _, m, _ in means)
        detail = ", ".join(f"{code} {_round(m, 2)} ({n})" for code, m, n in means)
        calc.set_indicator(
            reader,
            number=number,
            value=value,
            given=False,
            how=(
                f"mean of its questions' means over respondents: {detail}",
                f"ค่าเฉลี่ยของคำถาม: {detail}",
            ),
            path="responses",
        )


def _read_oit(reader: _Reader, calc: _Computation, oit: Mapping[str, object]) -> Fraction | None:
    rules = calc.rules
    items = {i.code: i for i in rules.oit_items}
    if not items:
        reader.fail(
            "oit",
            "no_catalogue",
            f"no OIT item list is held for FY{rules.first_year.be}; "
            "give indicators 9 and 10 instead",
            "ไม่มีรายการ OIT ของปีนี้",
        )
        return None
    before = len(reader.problems)
    for indicator in rules.indicators_of("OIT"):
        if indicator.number in calc.indicators:
            reader.fail(
                f"indicators[{indicator.number}]",
                "given_twice",
                f"indicator {indicator.number} is given and also computed from the OIT checklist",
                f"ตัวชี้วัดที่ {indicator.number} ให้มาแล้วและคำนวณจาก OIT ซ้ำ",
            )
    present: dict[str, bool] = {}
    for key, value in oit.items():
        if key not in items:
            reader.fail(
                f"oit[{key!r}]",
                "unknown_item",
                f"FY{rules.first_year.be} has no OIT item {key!r}",
                f"ไม่มีรายการ {key!r} ใน OIT ปีนี้",
            )
        elif not isinstance(value, bool):
            reader.fail(
                f"oit[{key!r}]",
                "wrong_type",
                f"expected true or false (got {value!r})",
                "ต้องเป็น true หรือ false",
            )
        else:
            present[key] = value
    missing = [code for code in items if code not in oit]
    if missing:
        reader.fail(
            "oit",
            "missing",
            f"missing OIT items: {', '.join(missing)}",
            f"ขาดรายการ OIT: {', '.join(missing)}",
        )
    if len(reader.problems) > before:
        return None
    if rules.oit_scoring == "share_of_items":
        share = Fraction(sum(present.values())) * 100 / len(present)
        calc.notes.append(
            "OIT scored as the plain share of items present: "
            "this year's sub-indicator grouping is unknown"
        )
        return share
    for indicator in rules.indicators_of("OIT"):
        values = []
        for sub in (s for s in rules.sub_indicators if s.indicator == indicator.number):
            codes = [i.code for i in rules.oit_items if i.sub_indicator == sub.code]
            if not codes:
                continue
            share = Fraction(sum(present[c] for c in codes)) * 100 / len(codes)
            values.append(share)
            have = sum(present[c] for c in codes)
            calc.subs.append(
                Figure(
                    sub.code,
                    sub.name_th,
                    sub.name_en,
                    _round(share, 4),
                    False,
                    f"{have} of {len(codes)} items present",
                    f"มี {have} จาก {len(codes)} รายการ",
                )
            )
        calc.set_indicator(
            reader,
            number=indicator.number,
            value=_mean(values),
            given=False,
            how=(
                "mean of its sub-indicators, each the share of its items present",
                "ค่าเฉลี่ยของตัวชี้วัดย่อย",
            ),
            path="oit",
        )
    return None


def _level(rules: ItaRules, total: Decimal, tools: Mapping[str, Decimal]) -> ItaLevelRule:
    for level in rules.levels:
        if total < level.min_total:
            continue
        if level.min_each_tool is not None and any(v < level.min_each_tool for v in tools.values()):
            continue
        return level
    raise AssertionError("a checked rule file has a floor level")  # pragma: no cover


def score(
    fiscal_year: FiscalYear | int,
    *,
    tools: Mapping[str, object] | None = None,
    indicators: Mapping[Any, object] | None = None,
    responses: Iterable[Response] | None = None,
    oit: Mapping[str, object] | None = None,
    rules: ItaRules | None = None,
    allow_float: bool = False,
) -> Result:
    """Score one agency's ITA for ``fiscal_year``.

    ``tools`` (``{"IIT": ..., "EIT": ..., "OIT": ...}``) stands alone; otherwise the ten
    indicators come from ``indicators`` (``{1: ..., 10: ...}``), ``responses`` (IIT and EIT
    answers) and ``oit`` (``{"O1": True, ...}``) together. Scores are `~decimal.Decimal`,
    ``int`` or strings; floats only with ``allow_float=True``. Every problem (a score outside
    0-100, a missing indicator, an answer not on the scale, an OIT item the year does not have)
    is raised together as `moralkit.ValidationError` with its path.
    """
    fy = fiscal_year if isinstance(fiscal_year, FiscalYear) else FiscalYear(fiscal_year)
    rules = rules if rules is not None else RULES.for_year(fy)
    reader = _Reader(allow_float)
    calc = _Computation(rules)
    tool_values: dict[str, Fraction] = {}
    given_tools = tools is not None
    oit_share: Fraction | None = None
    if given_tools:
        if indicators is not None or responses is not None or oit is not None:
            reader.fail(
                "tools",
                "mixed_depths",
                "give tool scores alone, "
                "or build them from indicators, answers and the OIT checklist",
                "ให้คะแนนเครื่องมืออย่างเดียว หรือให้ข้อมูลระดับตัวชี้วัด",
            )
        assert tools is not None
        tool_values = _read_tools(reader, tools)
    else:
        if indicators is None and responses is None and oit is None:
            reader.fail(
                "",
                "no_input",
                "give tools, indicators, responses or an OIT checklist",
                "ต้องระบุข้อมูลสำหรับคำนวณ",
            )
        _read_indicators(reader, calc, indicators or {})
        _read_responses(reader, calc, responses or ())
        if oit is not None:
            oit_share = _read_oit(reader, calc, oit)
        if not reader.problems:
            for code in TOOL_CODES:
                own = rules.indicators_of(code)
                if code == "OIT" and oit_share is not None:
                    tool_values[code] = oit_share
                    continue
                missing = [i.number for i in own if i.number not in calc.indicators]
                if missing:
                    reader.fail(
                        "indicators",
                        "missing",
                        f"missing indicators for the {code}: {missing}",
                        f"ขาดตัวชี้วัดของ {code}: {missing}",
                    )
                    continue
                tool_values[code] = _mean(calc.indicators[i.number][0] for i in own)
    if reader.problems:
        raise ValidationError(reader.problems, f"ITA score for {fy}")
    return _result(
        fy,
        rules=rules,
        calc=calc,
        tool_values=tool_values,
        given_tools=given_tools,
        oit_share=oit_share is not None,
    )


def _result(
    fy: FiscalYear,
    *,
    rules: ItaRules,
    calc: _Computation,
    tool_values: Mapping[str, Fraction],
    given_tools: bool,
    oit_share: bool,
) -> Result:
    exact_total = sum(
        (Fraction(rules.tool(c).weight) / 100 * tool_values[c] for c in TOOL_CODES), Fraction(0)
    )
    total = _round(exact_total, 2)
    exact_shown = _round(exact_total, 4)
    rounded_tools = {c: _round(v, 2) for c, v in tool_values.items()}
    formula = " + ".join(
        f"{rules.tool(c).weight}% x {_round(tool_values[c], 4)}" for c in TOOL_CODES
    )
    level = _level(rules, total, rounded_tools)
    steps = [
        Step(
            f"Rules {rules.id} version {rules.version} "
            f"({rules.status}; weights {rules.weights_status})",
            f"เกณฑ์ {rules.title_th} ({rules.status})",
        )
    ]
    indicator_figures = []
    names = {i.number: i for i in rules.indicators}
    for number, (value, given, how_en, how_th) in sorted(calc.indicators.items()):
        indicator = names[number]
        shown = _round(value, 4)
        indicator_figures.append(
            Figure(
                str(number),
                indicator.name_th,
                indicator.name_en,
                shown,
                given,
                how_en,
                how_th,
            )
        )
        steps.append(
            Step(
                f"Indicator {number} {indicator.name_en}: {shown} ({how_en})",
                f"ตัวชี้วัดที่ {number} {indicator.name_th}: {shown}",
            )
        )
    tool_figures = []
    for code in TOOL_CODES:
        tool = rules.tool(code)
        if given_tools:
            how = ("given", "ให้มา")
        elif code == "OIT" and oit_share:
            how = ("share of OIT items present", "สัดส่วนรายการ OIT ที่มี")
        else:
            numbers = [i.number for i in rules.indicators_of(code)]
            how = (f"mean of indicators {numbers}", f"ค่าเฉลี่ยของตัวชี้วัด {numbers}")
        shown = _round(tool_values[code], 4)
        tool_figures.append(Figure(code, tool.name_th, tool.name_en, shown, given_tools, *how))
        steps.append(
            Step(
                f"{code} = {shown} ({how[0]}), weight {tool.weight}%",
                f"{code} = {shown} ({how[1]}) น้ำหนักร้อยละ {tool.weight}",
            )
        )
    steps.append(
        Step(
            f"Total = {formula} = {exact_shown}, rounded half-up to {total}",
            f"คะแนนรวม {exact_shown} ปัดเป็น {total}",
        )
    )
    condition = (
        f" and every tool >= {level.min_each_tool}" if level.min_each_tool is not None else ""
    )
    level_name = (
        level.label_en
        if level.label_en == level.label_th
        else f"{level.label_en} ({level.label_th})"
    )
    steps.append(
        Step(
            f"Level {level_name}: total >= {level.min_total}{condition}; "
            f"{'passes' if total >= rules.pass_mark else 'below'} the pass mark {rules.pass_mark}",
            f"ระดับ {level.label_th}: คะแนนรวมไม่น้อยกว่า {level.min_total}",
        )
    )
    for higher in rules.levels[: rules.levels.index(level)]:
        if total >= higher.min_total and higher.min_each_tool is not None:
            low = [c for c, v in rounded_tools.items() if v < higher.min_each_tool]
            steps.append(
                Step(
                    f"Not {higher.label_en}: {', '.join(low)} below {higher.min_each_tool}",
                    f"ไม่ถึงระดับ{higher.label_th}: {', '.join(low)} ต่ำกว่า {higher.min_each_tool}",
                )
            )
    return Result(
        fiscal_year=fy,
        rules_id=rules.id,
        rules_version=rules.version,
        rules_status=rules.status,
        weights_status=rules.weights_status,
        total=total,
        level=ItaLevel(level.code, level.label_th, level.label_en, level.passed, level.status),
        passed=total >= rules.pass_mark,
        pass_mark=rules.pass_mark,
        tools=tuple(tool_figures),
        indicators=tuple(indicator_figures),
        sub_indicators=tuple(calc.subs),
        target_share=rules.national_target_share,
        explanation=tuple(steps),
        notes=(*rules.notes, *calc.notes),
    )


def possible_levels(
    fiscal_year: FiscalYear | int, total: Decimal | int | str, rules: ItaRules | None = None
) -> tuple[str, ...]:
    """The levels a published total alone is consistent with, highest first.

    From FY2566 the level also depends on each tool, so a total of 97.29 may be ``excellent``
    or ``good`` (but not ``pass``: with any tool below 85 the total cannot exceed 95.5).

    >>> possible_levels(2568, "94.64")
    ('good', 'pass')
    """
    fy = fiscal_year if isinstance(fiscal_year, FiscalYear) else FiscalYear(fiscal_year)
    rules = rules if rules is not None else RULES.for_year(fy)
    reader = _Reader(allow_float=False)
    value = reader.number(total, "total")
    if value is None:
        raise ValidationError(reader.problems, "possible_levels")
    weights = [Fraction(t.weight) for t in rules.tools]
    result = []
    for index, level in enumerate(rules.levels):
        if value < level.min_total:
            continue
        floor = Fraction(level.min_each_tool) if level.min_each_tool is not None else Fraction(0)
        if value < floor:
            continue
        blocked = False
        ceilings = []
        for higher in rules.levels[:index]:
            if value < higher.min_total:
                continue
            if higher.min_each_tool is None:
                blocked = True  # the higher level needs only the total, which is met
                break
            ceilings.append(Fraction(higher.min_each_tool))
        if blocked:
            continue
        if ceilings:
            # Some tool must fall below the lowest ceiling; the rest can be at most 100.
            ceiling = min(ceilings)
            best = max((w * ceiling + (100 - w) * 100) / 100 for w in weights)
            if value >= best:
                continue
        result.append(level.code)
    return tuple(result)
