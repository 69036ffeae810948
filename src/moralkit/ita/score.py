"""Score the ITA of one agency for a fiscal year, from any depth of input.

Give the three tool scores; or the ten indicator scores; or raw data: IIT and EIT respondents'
answers per question and the OIT checklist. Indicator scores, answers and the checklist can be
mixed, as long as each indicator comes from one place. Arithmetic is exact (fractions); only the
total is rounded, half-up to 2 places, and the level is read from the rounded total (and, from
FY2566, the rounded tool scores).

The result is data: figures, and a ``trace`` of nodes saying how each was reached, which
`moralkit.explain` renders in Thai or English.

>>> r = score(2564, indicators={1: "93.55", 2: "87.72", 3: "91.01", 4: "87.93", 5: "89.52",
...                            6: "90.55", 7: "88.68", 8: "88.58", 9: "72.89", 10: "65.56"})
>>> r.total, r.level.code, r.passed
(Decimal('81.45'), 'B', False)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, Inexact, Rounded, localcontext
from fractions import Fraction
from typing import Any, Literal, cast

from attrs import field, frozen

from moralkit._args import refuse, wrong_type
from moralkit._build import builder
from moralkit._decimal import (
    CONTEXT,
    EXACT,
    check_decimal,
    quantize_half_up,
    round_half_up,
)
from moralkit._decimal import MAX_PLACES as POLICY_PLACES
from moralkit.errors import Problem, RuleNotFoundError, ValidationError
from moralkit.ita.rules_model import TOOL_CODES, ItaLevelRule, ItaRules, check_ita_rules
from moralkit.model._base import ID, MANY, TEXT
from moralkit.rules import RuleBook, RuleStatus, Step, compiled, covers
from moralkit.serde import dump, load
from moralkit.thai.calendar import FiscalYear
from moralkit.trace import Node, Param, RuleValue, defer, deferred_trace, pending

__all__ = [
    "RULES",
    "Answer",
    "Figure",
    "ItaInput",
    "ItaLevel",
    "Response",
    "Result",
    "possible_levels",
    "score",
]

#: The packaged ITA rules, one file per fiscal year: ``RULES.for_year(2567)``.
RULES: RuleBook[ItaRules] = RuleBook("ita", ItaRules, "moralkit.ita", "rules", check_ita_rules)

_HUNDRED = Decimal(100)
_ZERO = Decimal(0)
Number = Fraction | Decimal
#: The most decimal places a score may carry: more says nothing about an agency, and a huge
#: exponent would make the exact arithmetic below crawl.
MAX_PLACES = 60


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
        """A response from ``{question code: answer}``.

        >>> Response.of("r1", "IIT", {"I1": "high"}).answers[0].choice
        'high'
        """
        return cls(respondent, tool, tuple(Answer(q, c) for q, c in answers.items()))


@frozen
class ItaInput:
    """What `score` reads, at any depth: tool scores alone, or indicators, answers and OIT.

    Scores are decimals from 0 to 100 (strings such as ``"85.50"`` in JSON). ``indicators``
    maps an indicator number to its score; ``oit`` an OIT item code to whether it is present.
    Load it from JSON with ``moralkit.load(ItaInput, data)``; its JSON Schema is
    ``moralkit.json_schema(ItaInput)``.

    >>> from moralkit import load
    >>> load(ItaInput, {"tools": {"IIT": "98", "EIT": "84", "OIT": "99.5"}}).tools["OIT"]
    Decimal('99.5')
    """

    tools: Mapping[str, Decimal] | None = None
    indicators: Mapping[int, Decimal] | None = None
    responses: tuple[Response, ...] | None = None
    oit: Mapping[str, bool] | None = None


@frozen
class Figure:
    """A figure the score used or computed: a tool, an indicator or an OIT sub-indicator.

    ``value`` is shown to 4 places; the total is computed from exact values. ``given`` says
    whether the figure was an input rather than computed.
    """

    code: str
    name_th: str | None
    name_en: str | None
    value: Decimal
    given: bool


@frozen
class ItaLevel:
    """The level reached: ``code`` (``AA`` ... ``F``, or ``excellent`` ... ``urgent``)."""

    code: str
    label_th: str
    label_en: str
    passed: bool
    status: RuleStatus


@deferred_trace
@frozen
class Result:
    """An agency's ITA result: the total, the level, the figures behind them, and their trace.

    ``trace`` holds one node per step (the rules read, each indicator and tool, the total, the
    level, the pass mark, and the caveats); ``moralkit.explain(result, "th")`` renders it.
    `score` builds the trace when it is first read; it is the same data either way.
    """

    fiscal_year: FiscalYear
    rules_id: str
    rules_version: str
    rules_status: RuleStatus
    weights_status: RuleStatus
    total: Decimal
    level: ItaLevel
    passed: bool
    pass_mark: Decimal
    # Results are built here (or loaded by the converter), always with tuples: no converters.
    tools: tuple[Figure, ...]
    indicators: tuple[Figure, ...] = ()
    sub_indicators: tuple[Figure, ...] = ()
    target_share: Decimal | None = None
    trace: tuple[Node, ...] = ()

    def _repr_html_(self) -> str:
        # Jupyter shows the result as a small bilingual table.
        from moralkit._html import repr_html  # noqa: PLC0415 (only notebooks ask for it)

        return repr_html(self)

    def tool(self, code: str) -> Decimal:
        """A tool's score (4 places)."""
        return next(f.value for f in self.tools if f.code == code)

    def indicator(self, number: int) -> Decimal:
        """An indicator's score (4 places)."""
        return next(f.value for f in self.indicators if f.code == str(number))

    @property
    def explanation(self) -> tuple[Step, ...]:
        """The trace rendered line by line in English and Thai (kept for older callers).

        Prefer ``moralkit.explain(result, lang)``; nothing is stored but the trace.
        """
        from moralkit.trace import explain  # noqa: PLC0415 (render only when asked)

        en, th = explain(self, "en").splitlines(), explain(self, "th").splitlines()
        return tuple(Step(e, t) for e, t in zip(en, th, strict=True))


#: Results and figures of the quick path, built from exact values without ``__init__``.
_new_result = builder(Result)
_new_figure = builder(Figure)


# --- the rules, compiled once per rule file ----------------------------------------------------


@frozen
class _Level:
    rule: ItaLevelRule
    level: ItaLevel
    code: str
    params: dict[str, Param]
    node_rule: RuleValue
    tools_rule: RuleValue | None


class _Plan:
    """Everything `score` looks up in a rule file, computed once per file."""

    def __init__(self, rules: ItaRules) -> None:
        self.rules = rules
        self.tools = {t.code: t for t in rules.tools}
        self.weights = {c: Fraction(t.weight) / 100 for c, t in self.tools.items()}
        self.decimal_weights = {c: t.weight for c, t in self.tools.items()}
        # The quick path's rows: code, weight as an exact share (30 -> 0.30), names.
        self.quick_tools = tuple(
            (c, t.weight.scaleb(-2, context=EXACT), t.name_th, t.name_en)
            for c, t in ((c, self.tools[c]) for c in TOOL_CODES if c in self.tools)
        )
        self.tool_rules = {
            c: RuleValue(f"tools.{c}.weight", t.weight, t.status, t.sources)
            for c, t in self.tools.items()
        }
        self.tool_params: dict[str, dict[str, Param]] = {
            c: {
                "tool": c,
                "name_th": t.name_th,
                "name_en": t.name_en,
                "weight": str(t.weight),
                "indicators": tuple(str(i.number) for i in rules.indicators_of(c)),
            }
            for c, t in self.tools.items()
        }
        self.tool_inputs = {c: (f"tools[{c!r}]",) for c in TOOL_CODES}
        self.indicators_of = {
            c: tuple(i.number for i in rules.indicators_of(c)) for c in TOOL_CODES
        }
        self.indicators = {i.number: i for i in rules.indicators}
        self.indicator_params: dict[int, dict[str, Param]] = {
            i.number: {"number": i.number, "name_th": i.name_th, "name_en": i.name_en}
            for i in rules.indicators
        }
        self.last_indicator = max(self.indicators, default=0)
        self.questions = {q.code: q for q in rules.questions}
        self.scales = {
            s.id: {c.value: Fraction(c.points) for c in s.choices} for s in rules.answer_scales
        }
        self.tool_of = {i.number: i.tool for i in rules.indicators}
        self.oit_items = tuple(i.code for i in rules.oit_items)
        subs: dict[int, list[tuple[str, str | None, str | None, tuple[str, ...]]]] = {}
        for sub in rules.sub_indicators:
            codes = tuple(i.code for i in rules.oit_items if i.sub_indicator == sub.code)
            subs.setdefault(sub.indicator, []).append((sub.code, sub.name_th, sub.name_en, codes))
        self.subs = {number: tuple(items) for number, items in subs.items()}
        self.levels = tuple(self._level(level) for level in rules.levels)
        self.thresholds = tuple((lv.min_total, lv.min_each_tool) for lv in rules.levels)
        self.pass_rule = RuleValue("pass_mark", rules.pass_mark, rules.status)
        self.pass_mark = rules.pass_mark
        self.pass_mark_text = str(rules.pass_mark)
        self.weights_status = rules.weights_status if self.tools else rules.status
        sources = tuple(s.id for s in rules.sources)
        self.rules_rule = RuleValue("status", None, rules.status, sources)
        self._rules_nodes: dict[int, Node] = {}
        self.caveats: tuple[Node, ...] = ()
        if self.weights_status not in ("verified", "derived"):
            weights_rule = RuleValue("tools.weight", None, self.weights_status)
            self.caveats = (Node("ita.caveat.weights", rule=weights_rule),)
        self.problems = tuple(self._structure_problems())

    @staticmethod
    def _level(level: ItaLevelRule) -> _Level:
        params: dict[str, Param] = {
            "label_th": level.label_th,
            "label_en": level.label_en,
            "min_total": str(level.min_total),
        }
        tools_rule = None
        if level.min_each_tool is not None:
            params["min_each_tool"] = str(level.min_each_tool)
            tools_rule = RuleValue(
                f"levels.{level.code}.min_each_tool",
                level.min_each_tool,
                level.status,
                level.sources,
            )
        return _Level(
            level,
            ItaLevel(level.code, level.label_th, level.label_en, level.passed, level.status),
            "ita.level" if level.min_each_tool is None else "ita.level_tools",
            params,
            RuleValue(
                f"levels.{level.code}.min_total", level.min_total, level.status, level.sources
            ),
            tools_rule,
        )

    def rules_node(self, fy: FiscalYear) -> Node:
        found = self._rules_nodes.get(fy.be)
        if found is None:
            params: dict[str, Param] = {"fiscal_year": fy.be, "version": self.rules.version}
            found = Node("ita.rules", self.rules.id, None, params, (), self.rules_rule)
            self._rules_nodes[fy.be] = found  # safe to race: every thread stores an equal node
        return found

    def _structure_problems(self) -> Iterable[Problem]:
        # A rule file can pass its own checks and still leave nothing to average.
        for code in TOOL_CODES:
            if code not in self.tools:
                yield Problem("rules.tools", "ita.tool_without_indicators", {"tool": code})
            elif not self.indicators_of[code]:
                yield Problem("rules.indicators", "ita.tool_without_indicators", {"tool": code})
        if self.rules.oit_scoring == "sub_indicators" and self.oit_items:
            for number in self.indicators_of["OIT"]:
                if not any(codes for *_, codes in self.subs.get(number, ())):
                    yield Problem(
                        "rules.oit_items", "ita.indicator_without_items", {"indicator": number}
                    )


_plan = compiled(_Plan)


# --- reading the input -------------------------------------------------------------------------


def _score_problem(value: Decimal, path: str) -> Problem | None:
    # Compare before any exact conversion: a finite Decimal with a huge exponent is cheap to
    # compare and ruinous to turn into a fraction. A non-zero score within 0-100 whose first
    # digit lies further than MAX_PLACES below the point is refused; a zero of any exponent is
    # just zero, and other exponents are bounded by the digits actually written.
    if value < 0:
        return Problem(path, "below_minimum", {"minimum": 0, "value": value})
    if value > _HUNDRED:
        return Problem(path, "above_maximum", {"maximum": 100, "value": value})
    if value and value.adjusted() < -MAX_PLACES:
        return Problem(path, "ita.too_many_places", {"places": MAX_PLACES, "value": value})
    return None


def _floats_to_decimal(values: object) -> object:
    if isinstance(values, Mapping):
        return {k: Decimal(repr(v)) if isinstance(v, float) else v for k, v in values.items()}
    return values


def _as_input(
    data: ItaInput | Mapping[str, Any] | None,
    given: Mapping[str, object],
    allow_float: bool,
) -> ItaInput:
    if isinstance(data, ItaInput):
        if given:
            raise ValidationError([Problem("", "ita.mixed_forms")], "ITA score")
        return data
    raw: dict[str, object] = {}
    if data is not None:
        if given:
            raise ValidationError([Problem("", "ita.mixed_forms")], "ITA score")
        if not isinstance(data, Mapping):
            # The loader names what it expected and what it got.
            return load(ItaInput, data)
        raw.update(data)
    raw.update(given)
    if allow_float:
        for key in ("tools", "indicators"):
            if key in raw:
                raw[key] = _floats_to_decimal(raw[key])
    responses = raw.get("responses")
    if isinstance(responses, Iterable) and not isinstance(responses, str | bytes | Mapping):
        raw["responses"] = [dump(r) if isinstance(r, Response) else r for r in responses]
    return load(ItaInput, raw)


#: Fiscal years already built from a whole number (a bounded set: the years FiscalYear allows).
_YEARS: dict[int, FiscalYear] = {}
#: The packaged rules' plan per fiscal year given as a whole number. Packaged rules never
#: change once loaded (`RULES` keeps what it loaded), so the look-up is done once per year.
_PACKAGED: dict[int, tuple[FiscalYear, _Plan]] = {}


def _fiscal_year(value: object) -> FiscalYear:
    if isinstance(value, FiscalYear):
        return value
    if type(value) is int:
        found = _YEARS.get(value)
        if found is not None:
            return found
        try:
            found = _YEARS[value] = FiscalYear(value)  # safe to race: equal values
        except ValueError:
            pass  # the loader below names the problem with its path
        else:
            return found
    try:
        return load(FiscalYear, value)
    except ValidationError as exc:
        raise ValidationError([p.at("fiscal_year") for p in exc.problems], "ITA score") from None


def _arguments(fiscal_year: object, rules: object, subject: str) -> tuple[FiscalYear, ItaRules]:
    """The fiscal year and the rules for it: every wrong argument is refused at once."""
    problems: list[Problem] = []
    fy: FiscalYear | None = None
    try:
        fy = _fiscal_year(fiscal_year)
    except ValidationError as exc:
        problems.extend(exc.problems)
    if rules is not None and not isinstance(rules, ItaRules):
        problems.append(wrong_type("rules", "ita.kind.rules", rules))
    if fy is None or problems:
        refuse(problems, subject)
    return fy, _rules_for(fy, cast("ItaRules | None", rules))


def _rules_for(fy: FiscalYear, rules: ItaRules | None) -> ItaRules:
    if rules is None:
        return RULES.for_year(fy)
    if not covers(rules, fy):
        last = rules.last_year or rules.first_year
        raise RuleNotFoundError(f"ita ({rules.id})", fy.be, range(rules.first_year.be, last.be + 1))
    return rules


def _mean(values: list[Fraction]) -> Fraction:
    return sum(values, Fraction(0)) / len(values)


class _Computation:
    """The figures of one scoring, built up step by step, with every problem found."""

    def __init__(self, plan: _Plan) -> None:
        self.plan = plan
        self.problems: list[Problem] = []
        # number -> (exact value, given, trace node without its value filled in)
        self.indicators: dict[int, tuple[Fraction, bool, str, tuple[Node, ...]]] = {}
        self.subs: list[Figure] = []
        self.oit_share: tuple[Fraction, int, int] | None = None

    def fail(self, path: str, code: str, **params: object) -> None:
        self.problems.append(Problem(path, code, params))

    def value(self, value: Decimal, path: str) -> Fraction | None:
        problem = _score_problem(value, path)
        if problem is not None:
            self.problems.append(problem)
            return None
        return Fraction(value) if value else Fraction(0)

    def set_indicator(  # noqa: PLR0917 (one call site per input kind, all positional)
        self,
        number: int,
        value: Fraction,
        given: bool,
        reason: str,
        path: str,
        children: tuple[Node, ...] = (),
    ) -> None:
        if number in self.indicators:
            self.fail(path, "ita.given_twice", indicator=number)
            return
        self.indicators[number] = (value, given, reason, children)

    def read_tools(self, tools: Mapping[str, Decimal]) -> dict[str, Number]:
        values: dict[str, Number] = {}
        for key, raw in tools.items():
            path = f"tools[{key!r}]"
            if key not in TOOL_CODES:
                self.fail(path, "ita.unknown_tool", tool=key)
                continue
            problem = _score_problem(raw, path)
            if problem is not None:
                self.problems.append(problem)
            else:
                values[key] = raw if raw else _ZERO
        missing = tuple(code for code in TOOL_CODES if code not in tools)
        if missing:
            self.fail("tools", "ita.missing_tools", tools=missing)
        return values

    def read_indicators(self, indicators: Mapping[int, Decimal], fy: FiscalYear) -> None:
        plan = self.plan
        for number, raw in indicators.items():
            path = f"indicators[{number}]"
            if number not in plan.indicators:
                self.fail(
                    path,
                    "ita.unknown_indicator",
                    fiscal_year=fy.be,
                    last=plan.last_indicator,
                    indicator=number,
                )
                continue
            value = self.value(raw, path)
            if value is not None:
                self.set_indicator(number, value, True, "ita.reason.given", path)

    def read_responses(self, responses: tuple[Response, ...], fy: FiscalYear) -> None:
        plan = self.plan
        per_question: dict[str, list[Fraction]] = {}
        seen: set[tuple[str, str]] = set()
        for r, response in enumerate(responses):
            if (response.tool, response.respondent) in seen:
                self.fail(
                    f"responses[{r}].respondent",
                    "ita.duplicate_respondent",
                    respondent=response.respondent,
                    tool=response.tool,
                )
                continue
            seen.add((response.tool, response.respondent))
            answered: set[str] = set()
            for a, answer in enumerate(response.answers):
                path = f"responses[{r}].answers[{a}]"
                question = plan.questions.get(answer.question)
                if question is None:
                    self.fail(
                        f"{path}.question",
                        "ita.unknown_question",
                        question=answer.question,
                        fiscal_year=fy.be,
                    )
                    continue
                if answer.question in answered:
                    self.fail(
                        f"{path}.question",
                        "ita.repeated_answer",
                        respondent=response.respondent,
                        question=answer.question,
                    )
                    continue
                answered.add(answer.question)
                belongs = plan.tool_of.get(question.indicator)
                if belongs != response.tool:
                    self.fail(
                        f"{path}.question",
                        "ita.wrong_tool",
                        question=question.code,
                        belongs=belongs,
                        tool=response.tool,
                    )
                    continue
                scale = plan.scales.get(question.scale, {})
                points = scale.get(answer.choice)
                if points is None:
                    self.fail(
                        f"{path}.choice",
                        "ita.not_on_scale",
                        choice=answer.choice,
                        scale=question.scale,
                        allowed=tuple(scale),
                    )
                    continue
                per_question.setdefault(question.code, []).append(points)
        by_indicator: dict[int, list[tuple[str, Fraction, int]]] = {}
        for code, scored in per_question.items():
            by_indicator.setdefault(plan.questions[code].indicator, []).append(
                (code, _mean(scored), len(scored))
            )
        for number, means in sorted(by_indicator.items()):
            children = tuple(
                Node(
                    "ita.question",
                    _shown(mean, 4),
                    params={"question": code, "count": count},
                    inputs=("responses",),
                )
                for code, mean, count in means
            )
            self.set_indicator(
                number,
                _mean([m for _, m, _ in means]),
                False,
                "ita.reason.mean_of_questions",
                "responses",
                children,
            )

    def read_oit(self, oit: Mapping[str, bool], fy: FiscalYear) -> None:
        plan = self.plan
        rules = plan.rules
        if not plan.oit_items:
            self.fail("oit", "ita.no_oit_catalogue", fiscal_year=fy.be)
            return
        before = len(self.problems)
        for number in plan.indicators_of["OIT"]:
            if number in self.indicators:
                self.fail(f"indicators[{number}]", "ita.given_and_computed", indicator=number)
        known = set(plan.oit_items)
        for key in oit:
            if key not in known:
                self.fail(f"oit[{key!r}]", "ita.unknown_oit_item", item=key, fiscal_year=fy.be)
        missing = tuple(code for code in plan.oit_items if code not in oit)
        if missing:
            self.fail("oit", "ita.missing_oit_items", items=missing)
        if len(self.problems) > before:
            return
        if rules.oit_scoring == "share_of_items":
            present = sum(1 for code in plan.oit_items if oit[code])
            self.oit_share = (
                Fraction(present * 100, len(plan.oit_items)),
                present,
                len(plan.oit_items),
            )
            return
        for number in plan.indicators_of["OIT"]:
            values: list[Fraction] = []
            children: list[Node] = []
            for code, name_th, name_en, codes in plan.subs.get(number, ()):
                if not codes:
                    continue
                have = sum(1 for c in codes if oit[c])
                share = Fraction(have * 100, len(codes))
                values.append(share)
                shown = _shown(share, 4)
                self.subs.append(Figure(code, name_th, name_en, shown, False))
                children.append(
                    Node(
                        "ita.sub_indicator",
                        shown,
                        params={
                            "sub": code,
                            "name_th": name_th or code,
                            "name_en": name_en or code,
                            "present": have,
                            "items": len(codes),
                        },
                        inputs=tuple(f"oit[{c!r}]" for c in codes),
                    )
                )
            self.set_indicator(
                number,
                _mean(values),
                False,
                "ita.reason.mean_of_sub_indicators",
                "oit",
                tuple(children),
            )


def _shown(value: Number, places: int) -> Decimal:
    if isinstance(value, Decimal):
        return quantize_half_up(value, places)
    with localcontext(CONTEXT):
        return round_half_up(value, places)


def _weighted_total(plan: _Plan, tool_values: Mapping[str, Number]) -> Number:
    try:
        total = Decimal(0)
        for code in TOOL_CODES:
            value = tool_values[code]
            if not isinstance(value, Decimal):
                break
            total = EXACT.add(total, EXACT.multiply(plan.decimal_weights[code], value))
        else:
            return total.scaleb(-2, context=EXACT)
    except Inexact:
        pass  # more digits than the exact context holds: fractions below
    return sum((plan.weights[c] * Fraction(tool_values[c]) for c in TOOL_CODES), Fraction(0))


def _level(plan: _Plan, total: Decimal, lowest_tool: Decimal) -> int:
    for index, (min_total, min_each_tool) in enumerate(plan.thresholds):
        if total >= min_total and (min_each_tool is None or lowest_tool >= min_each_tool):
            return index
    raise AssertionError("a checked rule file has a floor level")  # pragma: no cover


def score(
    fiscal_year: FiscalYear | int,
    data: ItaInput | Mapping[str, Any] | None = None,
    *,
    tools: Mapping[str, object] | None = None,
    indicators: Mapping[Any, object] | None = None,
    responses: Iterable[Response] | None = None,
    oit: Mapping[str, object] | None = None,
    rules: ItaRules | None = None,
    allow_float: bool = False,
) -> Result:
    """Score one agency's ITA for ``fiscal_year``.

    Give the input as an `ItaInput`, a plain mapping of the same shape (``data``), or as
    keywords. ``tools`` (``{"IIT": ..., "EIT": ..., "OIT": ...}``) stands alone; otherwise
    the ten indicators come from ``indicators`` (``{1: ..., 10: ...}``), ``responses`` (IIT
    and EIT answers) and ``oit`` (``{"O1": True, ...}``) together. Scores are
    `~decimal.Decimal`, ``int`` or strings; floats only with ``allow_float=True``. Every
    problem (a score outside 0-100, a missing indicator, an answer not on the scale or given
    twice, an OIT item the year does not have, a fiscal year that is not a whole number) is
    raised together as `moralkit.ValidationError` with its path. Rules given explicitly must
    cover ``fiscal_year``, or `moralkit.RuleNotFoundError` is raised.

    >>> score(2568, {"tools": {"IIT": "98", "EIT": "84", "OIT": "99.5"}}).level.code
    'pass'
    """
    if allow_float is not False and allow_float is not True:
        refuse([wrong_type("allow_float", "kind.boolean", allow_float)], "ITA score")
    packaged = _PACKAGED.get(fiscal_year) if rules is None and type(fiscal_year) is int else None
    if packaged is not None:
        fy, plan = packaged
    else:
        fy, chosen = _arguments(fiscal_year, rules, "ITA score")
        plan = _plan(chosen)
        if plan.problems:
            raise ValidationError(plan.problems, f"ITA rules {chosen.id}")
        if rules is None and type(fiscal_year) is int:
            _PACKAGED[fiscal_year] = (fy, plan)  # safe to race: equal values
    if data is None and indicators is None and responses is None and oit is None:
        quick = _tools_result(fy, plan, tools)
        if quick is not None:
            return quick
    given = {
        key: value
        for key, value in (
            ("tools", tools),
            ("indicators", indicators),
            ("responses", responses),
            ("oit", oit),
        )
        if value is not None
    }
    try:
        entry = _as_input(data, given, allow_float)
    except ValidationError as exc:
        raise ValidationError(exc.problems, f"ITA score for {fy}") from None
    return _score(fy, plan, entry)


def _score(fy: FiscalYear, plan: _Plan, entry: ItaInput) -> Result:
    calc = _Computation(plan)
    tool_values: dict[str, Number] = {}
    if entry.tools is not None:
        if entry.indicators is not None or entry.responses is not None or entry.oit is not None:
            calc.fail("tools", "ita.mixed_depths")
        tool_values = calc.read_tools(entry.tools)
    else:
        if entry.indicators is None and entry.responses is None and entry.oit is None:
            calc.fail("", "ita.no_input")
        calc.read_indicators(entry.indicators or {}, fy)
        calc.read_responses(entry.responses or (), fy)
        if entry.oit is not None:
            calc.read_oit(entry.oit, fy)
        if not calc.problems:
            for code in TOOL_CODES:
                if code == "OIT" and calc.oit_share is not None:
                    tool_values[code] = calc.oit_share[0]
                    continue
                own = plan.indicators_of[code]
                missing = tuple(str(n) for n in own if n not in calc.indicators)
                if missing:
                    # Located at the indicators given, or at the input as a whole when none
                    # were: the missing ones could come from answers or the OIT checklist too.
                    where = "indicators" if entry.indicators is not None else ""
                    calc.fail(where, "ita.missing_indicators", tool=code, indicators=missing)
                    continue
                tool_values[code] = _mean([calc.indicators[n][0] for n in own])
    if calc.problems:
        raise ValidationError(calc.problems, f"ITA score for {fy}")
    return _result(fy, plan, calc, tool_values, given_tools=entry.tools is not None)


def _result(
    fy: FiscalYear,
    plan: _Plan,
    calc: _Computation,
    tool_values: Mapping[str, Number],
    *,
    given_tools: bool,
) -> Result:
    rules = plan.rules
    exact_total = _weighted_total(plan, tool_values)
    total = _shown(exact_total, 2)
    rounded_tools = {c: _shown(v, 2) for c, v in tool_values.items()}
    index = _level(plan, total, min(rounded_tools.values()))
    level = plan.levels[index]
    passed = total >= rules.pass_mark
    indicator_figures: list[Figure] = []
    for number, (value, given, _, _) in sorted(calc.indicators.items()):
        indicator = plan.indicators[number]
        indicator_figures.append(
            Figure(str(number), indicator.name_th, indicator.name_en, _shown(value, 4), given)
        )
    tool_figures: list[Figure] = []
    for code in TOOL_CODES:
        tool = plan.tools[code]
        shown = _shown(tool_values[code], 4)
        tool_figures.append(Figure(code, tool.name_th, tool.name_en, shown, given_tools))
    result = Result(
        fy,
        rules.id,
        rules.version,
        rules.status,
        plan.weights_status,
        total,
        level.level,
        passed,
        rules.pass_mark,
        tuple(tool_figures),
        tuple(indicator_figures),
        tuple(calc.subs),
        rules.national_target_share,
    )
    return defer(
        result,
        _trace,
        fy,
        plan,
        calc,
        _shown(exact_total, 4),
        index,
        rounded_tools,
        given_tools,
    )


def _trace(  # noqa: PLR0917 (the figures one scoring computed, as they are)
    result: Result,
    fy: FiscalYear,
    plan: _Plan,
    calc: _Computation,
    exact_total: Decimal,
    index: int,
    rounded_tools: Mapping[str, Decimal],
    given_tools: bool,
) -> tuple[Node, ...]:
    """The trace of a result of the general path, from the figures it kept."""
    trace: list[Node] = [plan.rules_node(fy)]
    indicator_nodes: dict[int, Node] = {}
    shown_indicators = {f.code: f.value for f in result.indicators}
    for number, (_, given, reason, built) in sorted(calc.indicators.items()):
        indicator_nodes[number] = Node(
            "ita.indicator",
            shown_indicators[str(number)],
            reason,
            plan.indicator_params[number],
            (f"indicators[{number}]",) if given else (),
            None,
            built,
        )
    for code, figure in zip(TOOL_CODES, result.tools, strict=True):
        params = plan.tool_params[code]
        children: tuple[Node, ...] = ()
        inputs: tuple[str, ...] = ()
        if given_tools:
            reason, inputs = "ita.reason.given", plan.tool_inputs[code]
        elif code == "OIT" and calc.oit_share is not None:
            reason, inputs = "ita.reason.share_of_items", ("oit",)
            _, present, items = calc.oit_share
            params = {**params, "present": present, "items": items}
        else:
            reason = "ita.reason.mean_of_indicators"
            children = tuple(indicator_nodes[n] for n in plan.indicators_of[code])
        trace.append(
            Node("ita.tool", figure.value, reason, params, inputs, plan.tool_rules[code], children)
        )
    _close(trace, plan, result.total, exact_total, index, rounded_tools)
    if calc.oit_share is not None:
        trace.append(_OIT_SHARE_CAVEAT)
    return tuple(trace)


def _close(  # noqa: PLR0917 (the figures one scoring computed, as they are)
    trace: list[Node],
    plan: _Plan,
    total: Decimal,
    exact_total: Decimal,
    index: int,
    rounded_tools: Mapping[str, Decimal],
) -> None:
    """The nodes after the tools: the total, the level, levels held back, the pass mark."""
    level = plan.levels[index]
    total_text = str(total)
    trace.append(Node("ita.total", total, None, {"exact": str(exact_total)}))
    trace.append(
        Node(
            level.code,
            level.rule.code,
            None,
            {**level.params, "total": total_text},
            (),
            level.node_rule,
        )
    )
    for higher in plan.levels[:index]:
        floor = higher.rule.min_each_tool
        if floor is not None and total >= higher.rule.min_total:
            low = tuple(c for c, v in rounded_tools.items() if v < floor)
            trace.append(
                Node(
                    "ita.held_below",
                    higher.rule.code,
                    None,
                    {**higher.params, "tools": low},
                    (),
                    higher.tools_rule,
                )
            )
    passed = total >= plan.pass_mark
    trace.append(
        Node(
            "ita.passed" if passed else "ita.below_pass_mark",
            passed,
            None,
            {"total": total_text, "pass_mark": plan.pass_mark_text},
            (),
            plan.pass_rule,
        )
    )
    trace.extend(plan.caveats)


_OIT_SHARE_CAVEAT = Node("ita.caveat.oit_share_of_items")


#: Tool scores given as whole numbers, as the Decimals the number policy makes of them.
_WHOLE_SCORES = tuple(Decimal(n) for n in range(101))
_QUANTUM_2 = Decimal("0.01")
_QUANTUM_4 = Decimal("0.0001")
#: The same, shown to 4 places.
_WHOLE_SHOWN = tuple(d.quantize(_QUANTUM_4, ROUND_HALF_UP, CONTEXT) for d in _WHOLE_SCORES)
#: `CONTEXT` that refuses to drop a digit: a score with at most 4 places is shown to 4 places
#: exactly, with no rounding at all, and one with more signals `decimal.Rounded`.
_NO_DIGIT_DROPPED = CONTEXT.copy()
_NO_DIGIT_DROPPED.traps[Rounded] = True


def _tools_result(fy: FiscalYear, plan: _Plan, tools: object) -> Result | None:
    """The common case, three tool scores as Decimals or ints, computed in one pass.

    Applies the number policy's checks without the converter (those of
    `moralkit._decimal.check_decimal`) and the range 0-100, and gives the same result as the general
    path (a test holds them equal). Returns ``None`` for anything else (another type, a
    score out of range or refused by the policy, more digits than exact Decimal arithmetic
    holds), which the general path then reports or computes.
    """
    if type(tools) is not dict or len(tools) != len(TOOL_CODES):
        return None
    exact_total = _ZERO
    values: list[Decimal] = []
    figures: list[Figure] = []
    fma = EXACT.fma
    try:
        for code, share, name_th, name_en in plan.quick_tools:
            value = tools.get(code)
            if type(value) is int:
                if not 0 <= value <= 100:
                    return None
                shown = _WHOLE_SHOWN[value]
                value = _WHOLE_SCORES[value]
            elif type(value) is Decimal:
                if not value.is_finite() or not _ZERO <= value <= _HUNDRED:
                    return None
                try:
                    # A non-zero score of at most 4 places (the usual case) is shown exactly
                    # and has no more places than the policy allows. A positive exponent
                    # (1E+1) is a whole number, which the policy keeps: the same figures.
                    shown = value.quantize(_QUANTUM_4, ROUND_HALF_UP, _NO_DIGIT_DROPPED)
                except Rounded:
                    shown = None
                if shown is None or not value:
                    # More places, or a zero (quantize keeps any exponent of a zero silent).
                    exponent = value.as_tuple().exponent
                    if type(exponent) is not int or exponent < -POLICY_PLACES:
                        return None
                    if not value:
                        value = _ZERO  # -0 and 0E-2 are zero, as the general path reads them
                    shown = value.quantize(_QUANTUM_4, ROUND_HALF_UP, CONTEXT)
            else:
                # Text and other scalars: the converter's number policy, without the converter.
                value = check_decimal(value)
                if type(value) is not Decimal or not _ZERO <= value <= _HUNDRED:
                    return None
                if not value:
                    value = _ZERO
                shown = value.quantize(_QUANTUM_4, ROUND_HALF_UP, CONTEXT)
            exact_total = fma(share, value, exact_total)
            values.append(value)
            figures.append(_new_figure(code, name_th, name_en, shown, True))
    except Inexact:
        return None
    total = exact_total.quantize(_QUANTUM_2, ROUND_HALF_UP, CONTEXT)
    # Half-up rounding keeps order, so the lowest rounded score is the lowest score rounded.
    lowest = min(values).quantize(_QUANTUM_2, ROUND_HALF_UP, CONTEXT)
    index = 0
    for min_total, min_each_tool in plan.thresholds:
        if total >= min_total and (min_each_tool is None or lowest >= min_each_tool):
            break
        index += 1
    rules = plan.rules
    result: Result = _new_result(
        fy,
        rules.id,
        rules.version,
        rules.status,
        plan.weights_status,
        total,
        plan.levels[index].level,
        total >= plan.pass_mark,
        plan.pass_mark,
        tuple(figures),
        (),
        (),
        rules.national_target_share,
        pending(_tools_trace, fy, plan, exact_total, index, tuple(values)),
    )
    return result


def _tools_trace(  # noqa: PLR0917 (the figures one scoring computed, as they are)
    result: Result,
    fy: FiscalYear,
    plan: _Plan,
    exact_total: Decimal,
    index: int,
    values: tuple[Decimal, ...],
) -> tuple[Node, ...]:
    """The trace of a result of the quick path, from the figures it kept."""
    trace = [plan.rules_node(fy)]
    for code, figure in zip(TOOL_CODES, result.tools, strict=True):
        trace.append(
            Node(
                "ita.tool",
                figure.value,
                "ita.reason.given",
                plan.tool_params[code],
                plan.tool_inputs[code],
                plan.tool_rules[code],
            )
        )
    by_tool: dict[str, Decimal] = {
        c: quantize_half_up(v, 2) for c, v in zip(TOOL_CODES, values, strict=True)
    }
    _close(trace, plan, result.total, quantize_half_up(exact_total, 4), index, by_tool)
    return tuple(trace)


def possible_levels(
    fiscal_year: FiscalYear | int, total: Decimal | int | str, rules: ItaRules | None = None
) -> tuple[str, ...]:
    """The levels a published total alone is consistent with, highest first.

    From FY2566 the level also depends on each tool, so a total of 97.29 may be ``excellent``
    or ``good`` (but not ``pass``: with any tool below 85 the total cannot exceed 95.5).

    >>> possible_levels(2568, "94.64")
    ('good', 'pass')
    """
    problems: list[Problem] = []
    chosen: ItaRules | None = None
    try:
        _, chosen = _arguments(fiscal_year, rules, "possible_levels")
    except ValidationError as exc:
        problems.extend(exc.problems)
    loaded = check_decimal(total)
    if isinstance(loaded, Problem):
        problems.append(loaded.at("total"))
    elif (problem := _score_problem(loaded, "total")) is not None:
        problems.append(problem)
    if problems:
        refuse(problems, "possible_levels")
    assert isinstance(loaded, Decimal)  # checked above
    assert chosen is not None
    value = Fraction(loaded) if loaded else Fraction(0)
    weights = [Fraction(t.weight) for t in chosen.tools]
    result = []
    for index, level in enumerate(chosen.levels):
        if value < level.min_total:
            continue
        floor = Fraction(level.min_each_tool) if level.min_each_tool is not None else Fraction(0)
        if value < floor:
            continue
        blocked = False
        ceilings = []
        for higher in chosen.levels[:index]:
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
