"""The shape of an ITA rule file, and the checks a file must pass.

One file per fiscal year holds: the three tools (IIT, EIT, OIT) and their weights, the ten
indicators and the tool each belongs to, the answer scales and their points, the questions
known for the year, the OIT items and their sub-indicators, the levels, the pass mark, and the
national target. Every value that can be doubted carries a status.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal, localcontext
from importlib.resources import files
from typing import Literal

from attrs import field, frozen

from moralkit._args import fiscal_year_arg, refuse, wrong_type
from moralkit._decimal import CONTEXT, round_half_up
from moralkit.errors import Problem, RuleNotFoundError
from moralkit.model._base import ID, MANY, TEXT, bounded
from moralkit.rules import RuleFile, RuleStatus
from moralkit.thai.calendar import FiscalYear

__all__ = [
    "SCAFFOLD_YEARS",
    "AnswerChoice",
    "AnswerScale",
    "Catalogue",
    "ItaLevelRule",
    "ItaRules",
    "MinimumRespondents",
    "OitItem",
    "Question",
    "SubIndicator",
    "Tool",
    "ToolIndicator",
    "check_ita_rules",
    "scaffold",
]

ToolCode = Literal["IIT", "EIT", "OIT"]
TOOL_CODES: tuple[ToolCode, ...] = ("IIT", "EIT", "OIT")


@frozen
class Tool:
    """One of the three tools, with its weight in the total (percent).

    ``status`` and ``sources`` (ids of the file's sources) are those of the weight: each
    weight cites its own evidence.
    """

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
    """An OIT sub-indicator (9.1 ... 10.2): the share of its items present.

    ``status`` is that of its name and place; ``None`` means the catalogue's grouping status.
    """

    code: str = field(**TEXT)
    indicator: int = field(**bounded(1, 99))
    name_th: str | None = field(default=None, **TEXT)
    name_en: str | None = field(default=None, **TEXT)
    status: RuleStatus | None = None
    sources: tuple[str, ...] = field(default=(), **MANY)


@frozen
class OitItem:
    """An OIT item (O1 ...): present scores 100, absent 0.

    ``sub_indicator`` is ``None`` when the year's grouping is not known. ``status`` is that of
    the item's name; ``None`` means the catalogue's (`Catalogue.names_status`).
    """

    code: str = field(**TEXT)
    sub_indicator: str | None = field(default=None, **TEXT)
    name_en: str | None = field(default=None, **TEXT)
    name_th: str | None = field(default=None, **TEXT)
    status: RuleStatus | None = None
    sources: tuple[str, ...] = field(default=(), **MANY)


@frozen
class Catalogue:
    """How far a list (the OIT items, the questionnaire) can be trusted, as a whole.

    ``names_status`` is that of the names and codes; ``grouping_status`` that of the
    grouping into sub-indicators or indicators (``None`` when the grouping is unknown).
    ``complete`` is false when only part of the list is held.

    >>> from moralkit.ita import RULES
    >>> RULES.for_year(2567).questionnaire.names_status
    'unverified'
    """

    names_status: RuleStatus
    grouping_status: RuleStatus | None = None
    complete: bool = True
    sources: tuple[str, ...] = field(default=(), **MANY)
    note: str | None = field(default=None, **TEXT)


@frozen
class MinimumRespondents:
    """The fewest respondents a tool needs, where a rule is known.

    ``minimum`` is ``None`` when no number is published (NACC's ITAS computes the minimum
    sample itself); ``rule_en`` / ``rule_th`` say what is known.

    >>> from moralkit.ita import RULES
    >>> [(m.tool, m.minimum, m.status) for m in RULES.for_year(2568).minimum_respondents]
    [('IIT', None, 'verified'), ('EIT', None, 'verified')]
    """

    tool: Literal["IIT", "EIT"]
    minimum: int | None = field(default=None, **bounded(1, 1_000_000))
    rule_en: str | None = field(default=None, **TEXT)
    rule_th: str | None = field(default=None, **TEXT)
    status: RuleStatus = "unverified"
    sources: tuple[str, ...] = field(default=(), **MANY)


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
class ItaRules(RuleFile):
    """The ITA rules of one fiscal year.

    The header (id, version, titles, years, status, sources) is the shared
    `moralkit.rules.RuleFile`; a file that states no status is ``unverified``.

    ``oit_scoring`` is ``"sub_indicators"`` (an indicator is the mean of its sub-indicators,
    each the share of its items present) or ``"share_of_items"`` (the OIT is the plain share of
    all items, for years whose grouping is unknown).

    Values that can be doubted carry their own status and sources: each tool weight, each
    level, the national target (``national_target_status``), the OIT list
    (``oit_catalogue``, and each item or sub-indicator that differs), the questionnaire
    (``questionnaire``) and the minimum respondents. ``scaffold`` marks a template still to be
    filled in (`moralkit.ita.scaffold`); such a file is refused as rules.

    >>> from moralkit.ita import RULES
    >>> fy2564 = RULES.for_year(2564)
    >>> isinstance(fy2564, RuleFile), fy2564.id, fy2564.status, fy2564.covers(2564)
    (True, 'ita-2564', 'verified', True)
    """

    # An ITA file without a status is an unconfirmed reading of NACC's manual, not a rule
    # chosen with no source (the header's default): the default it has always had.
    status: RuleStatus = field(default="unverified", kw_only=True)
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
    national_target_status: RuleStatus = "unverified"
    national_target_sources: tuple[str, ...] = field(default=(), **MANY)
    oit_catalogue: Catalogue | None = None
    questionnaire: Catalogue | None = None
    minimum_respondents: tuple[MinimumRespondents, ...] = field(default=(), **MANY)
    notes: tuple[str, ...] = field(default=(), **MANY)
    scaffold: bool = False

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


def _on_grid(value: Decimal, places: int) -> bool:
    return value == round_half_up(value, places)


def _grid_problems(rules: ItaRules) -> list[Problem]:
    """Thresholds and weights must sit on the 0.01 grid scores are compared on."""
    values: list[tuple[str, Decimal]] = [("pass_mark", rules.pass_mark)]
    if rules.national_target_share is not None:
        values.append(("national_target_share", rules.national_target_share))
    values += [(f"tools[{i}].weight", t.weight) for i, t in enumerate(rules.tools)]
    for i, level in enumerate(rules.levels):
        values.append((f"levels[{i}].min_total", level.min_total))
        if level.min_each_tool is not None:
            values.append((f"levels[{i}].min_each_tool", level.min_each_tool))
    problems = [
        Problem(path, "ita_rules.off_grid", {"value": value, "places": 2})
        for path, value in values
        if not _on_grid(value, 2)
    ]
    problems += [
        Problem(
            f"answer_scales[{s}].choices[{c}].points",
            "ita_rules.off_grid",
            {"value": choice.points, "places": 4},
        )
        for s, scale in enumerate(rules.answer_scales)
        for c, choice in enumerate(scale.choices)
        if not _on_grid(choice.points, 4)
    ]
    return problems


def _duplicates(path: str, field_name: str, codes: Sequence[object]) -> list[Problem]:
    seen: set[object] = set()
    problems = []
    for index, code in enumerate(codes):
        if code in seen:
            problems.append(
                Problem(f"{path}[{index}].{field_name}", "ita_rules.duplicate", {"code": code})
            )
        seen.add(code)
    return problems


def _tool_problems(rules: ItaRules) -> list[Problem]:
    problems: list[Problem] = []
    codes = [t.code for t in rules.tools]
    if sorted(codes) != sorted(TOOL_CODES):
        problems.append(Problem("tools", "ita_rules.bad_tools", {"codes": tuple(codes)}))
    with localcontext(CONTEXT):
        total = sum((t.weight for t in rules.tools), Decimal(0))
    if total != 100:
        problems.append(Problem("tools", "ita_rules.weights_not_100", {"total": total}))
    problems += _duplicates("indicators", "number", [i.number for i in rules.indicators])
    problems.extend(
        Problem("indicators", "ita_rules.tool_without_indicators", {"tool": code})
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
                Problem(f"levels[{index}]", "ita_rules.levels_out_of_order", {"code": level.code})
            )
        previous = key
        params = {"code": level.code, "min_total": level.min_total, "pass_mark": rules.pass_mark}
        if level.passed and level.min_total < rules.pass_mark:
            problems.append(Problem(f"levels[{index}].passed", "ita_rules.pass_below_mark", params))
        if not level.passed and level.min_total >= rules.pass_mark:
            problems.append(Problem(f"levels[{index}].passed", "ita_rules.fail_above_mark", params))
    if rules.levels and not any(level.passed for level in rules.levels):
        problems.append(
            Problem("levels", "ita_rules.no_pass_level", {"pass_mark": rules.pass_mark})
        )
    if (
        not rules.levels
        or rules.levels[-1].min_total != 0
        or rules.levels[-1].min_each_tool is not None
    ):
        problems.append(Problem("levels", "ita_rules.no_floor"))
    problems += _duplicates("levels", "code", [level.code for level in rules.levels])
    return problems


def _unknown(path: str, value: object, known: Iterable[object]) -> Problem:
    return Problem(
        path,
        "ita_rules.unknown_reference",
        {"value": value, "known": tuple(sorted(map(str, known)))},
    )


def _question_problems(rules: ItaRules) -> list[Problem]:
    problems: list[Problem] = []
    scales = {s.id for s in rules.answer_scales}
    indicators = {i.number: i for i in rules.indicators}
    for index, question in enumerate(rules.questions):
        if question.scale not in scales:
            problems.append(_unknown(f"questions[{index}].scale", question.scale, scales))
        indicator = indicators.get(question.indicator)
        if indicator is None or indicator.tool == "OIT":
            problems.append(
                Problem(
                    f"questions[{index}].indicator",
                    "ita_rules.question_not_iit_eit",
                    {"code": question.code, "indicator": question.indicator},
                )
            )
    problems += _duplicates("questions", "code", [q.code for q in rules.questions])
    problems += _duplicates("answer_scales", "id", [s.id for s in rules.answer_scales])
    for index, scale in enumerate(rules.answer_scales):
        values = [c.value for c in scale.choices]
        if len(set(values)) != len(values) or len(values) < 2:
            problems.append(
                Problem(f"answer_scales[{index}].choices", "ita_rules.bad_scale", {"id": scale.id})
            )
    problems += _duplicates(
        "minimum_respondents", "tool", [m.tool for m in rules.minimum_respondents]
    )
    return problems


def _oit_problems(rules: ItaRules) -> list[Problem]:
    problems: list[Problem] = []
    indicators = {i.number: i for i in rules.indicators}
    subs = {s.code for s in rules.sub_indicators}
    for index, sub in enumerate(rules.sub_indicators):
        indicator = indicators.get(sub.indicator)
        if indicator is None or indicator.tool != "OIT":
            problems.append(
                Problem(
                    f"sub_indicators[{index}].indicator",
                    "ita_rules.sub_indicator_not_oit",
                    {"code": sub.code, "indicator": sub.indicator},
                )
            )
    problems += _duplicates("sub_indicators", "code", [s.code for s in rules.sub_indicators])
    problems += _duplicates("oit_items", "code", [i.code for i in rules.oit_items])
    grouped = rules.oit_scoring == "sub_indicators" and bool(rules.oit_items)
    for index, item in enumerate(rules.oit_items):
        if grouped and item.sub_indicator not in subs:
            problems.append(_unknown(f"oit_items[{index}].sub_indicator", item.sub_indicator, subs))
    if grouped:
        # Scoring divides by the items of each sub-indicator and the sub-indicators of each
        # indicator: an empty one would be a division by zero, not a score.
        used = {i.sub_indicator for i in rules.oit_items}
        for index, sub in enumerate(rules.sub_indicators):
            if sub.code not in used:
                problems.append(
                    Problem(
                        f"sub_indicators[{index}]",
                        "ita_rules.sub_indicator_without_items",
                        {"code": sub.code},
                    )
                )
        filled = {s.indicator for s in rules.sub_indicators if s.code in used}
        problems.extend(
            Problem(
                f"indicators[{index}]", "ita_rules.indicator_without_items", {"number": i.number}
            )
            for index, i in enumerate(rules.indicators)
            if i.tool == "OIT" and i.number not in filled
        )
    return problems


def _source_problems(rules: ItaRules) -> list[Problem]:
    ids = [s.id for s in rules.sources]
    known = set(ids)
    problems = _duplicates("sources", "id", ids)
    cited: list[tuple[str, tuple[str, ...]]] = [
        ("national_target_sources", rules.national_target_sources)
    ]
    cited += [(f"tools[{i}].sources", t.sources) for i, t in enumerate(rules.tools)]
    cited += [(f"levels[{i}].sources", lv.sources) for i, lv in enumerate(rules.levels)]
    cited += [(f"oit_items[{i}].sources", it.sources) for i, it in enumerate(rules.oit_items)]
    cited += [
        (f"sub_indicators[{i}].sources", s.sources) for i, s in enumerate(rules.sub_indicators)
    ]
    cited += [
        (f"minimum_respondents[{i}].sources", m.sources)
        for i, m in enumerate(rules.minimum_respondents)
    ]
    for name in ("oit_catalogue", "questionnaire"):
        catalogue = getattr(rules, name)
        if catalogue is not None:
            cited.append((f"{name}.sources", catalogue.sources))
    for path, sources in cited:
        problems.extend(
            _unknown(f"{path}[{j}]", source, known)
            for j, source in enumerate(sources)
            if source not in known
        )
    return problems


def check_ita_rules(rules: ItaRules) -> list[Problem]:
    """Everything wrong with an ITA rule file that its types alone do not catch.

    The same checks hold for the packaged files, a user's own file and a derived variant:
    tools and weights that add up to 100, thresholds on the 0.01 grid, levels that can each be
    reached and agree with the pass mark, questions, scales and OIT items that refer to what
    the file defines, and no OIT indicator or sub-indicator left without items. Anything but
    an `ItaRules` is refused with `moralkit.ValidationError` (``wrong_type`` at ``rules``).

    >>> from moralkit.ita import RULES
    >>> check_ita_rules(RULES.for_year(2568))
    []
    """
    if not isinstance(rules, ItaRules):
        refuse([wrong_type("rules", "ita.kind.rules", rules)], "check_ita_rules")
    problems: list[Problem] = []
    if rules.scaffold:
        problems.append(Problem("scaffold", "ita_rules.scaffold", {"year": rules.first_year.be}))
    return (
        problems
        + _tool_problems(rules)
        + _grid_problems(rules)
        + _level_problems(rules)
        + _question_problems(rules)
        + _oit_problems(rules)
        + _source_problems(rules)
    )


#: The fiscal years a scaffold is shipped for: years whose rules are not yet published.
SCAFFOLD_YEARS: tuple[int, ...] = (2569,)


def scaffold(fiscal_year: FiscalYear | int = 2569) -> str:
    """The JSON text of a rule-file scaffold to fill in once a year's rules are published.

    No FY2569 rules are shipped: NACC is reforming the ITA and its rules are not published, so
    any shipped value would be a guess. The scaffold has the shape of a rule file, every
    unknown value left empty or zero with the status ``unsourced``, and ``"scaffold": true``;
    loading it as rules is refused until it is filled in and the flag is set to false. A year
    with no scaffold raises `moralkit.RuleNotFoundError` naming the years that have one; a
    fiscal year that is not a whole number, `moralkit.ValidationError`.

    >>> import json
    >>> data = json.loads(scaffold(2569))
    >>> data["scaffold"], data["first_year"], data["tools"][0]["weight"]
    (True, 2569, '0')
    """
    problems: list[Problem] = []
    fy = fiscal_year_arg(fiscal_year, problems)
    if fy is None:
        refuse(problems, "scaffold")
    if fy.be not in SCAFFOLD_YEARS:
        raise RuleNotFoundError("ita scaffold", fy.be, SCAFFOLD_YEARS)
    path = files("moralkit.ita").joinpath(f"scaffold/ita-{fy.be}.json")
    return path.read_text("utf-8")
