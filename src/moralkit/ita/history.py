"""An agency's ITA results across fiscal years, and what changed from one year to the next.

`history` lines up an agency's results (scored `~moralkit.ita.Result` values, or published
rows that give only a total and a level) and, for each pair of consecutive years held, gives
the change of the total, of each tool and of each indicator both years have.

The level wording changed in FY2566. Up to FY2565 a level is a letter band of the total alone
(AA 95-100 and A 85-94.99 pass; B ... F fail); from FY2566 the levels are pass levels, and a level
above a plain pass needs every tool at its threshold as well as the total (good pass: all at
85; excellent pass: all at 95). A change across that line says so, and says how the earlier
result reads in the new wording: exactly when its tool scores are known, otherwise the levels
its total alone allows.

>>> from moralkit.ita import published_rows
>>> ipst = [row for row in published_rows() if row.agency_en == "IPST"]
>>> h = history("IPST", ipst)
>>> [(y.fiscal_year.be, str(y.total), y.level) for y in h.years][-3:]
[(2565, '90.22', 'A'), (2566, '86.78', 'pass'), (2567, '91.15', 'pass')]
>>> change = h.change(2565, 2566)
>>> change.total, change.wording_changed, change.reads_as
(Decimal('-3.44'), True, ('good', 'pass'))
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, Literal, Protocol

from attrs import field, frozen

from moralkit._args import refuse, shown, wrong_type
from moralkit._decimal import round_half_up
from moralkit.errors import Problem, ValidationError
from moralkit.ita._nodes import node
from moralkit.ita._scored import Scored
from moralkit.ita.national import PublishedRow
from moralkit.ita.rules_model import TOOL_CODES, ItaRules
from moralkit.messages import Words
from moralkit.model._base import MANY
from moralkit.thai.calendar import FiscalYear
from moralkit.trace import Node

__all__ = ["Change", "History", "LevelScheme", "YearChange", "YearResult", "history"]

#: How a year names its levels: letter bands of the total (``letters``, FY2562-2565) or pass
#: levels with per-tool floors (``pass_levels``, from FY2566).
LevelScheme = Literal["letters", "pass_levels"]

_LETTERS = frozenset({"AA", "A", "B", "C", "D", "E", "F"})


class _Scored(Scored, Protocol):
    """What `history` reads from a scored result."""

    def indicator(self, number: int) -> Decimal: ...


@frozen
class YearResult:
    """One year of an agency's results.

    ``tools`` and ``indicators`` are ``(code, score)`` pairs, empty when only the total and
    the level are known (a published row). ``source`` is ``"scored"`` or ``"published"``.
    """

    fiscal_year: FiscalYear
    total: Decimal
    level: str
    label_th: str
    label_en: str
    passed: bool
    scheme: LevelScheme
    rules_id: str
    source: Literal["scored", "published"]
    tools: tuple[tuple[str, Decimal], ...] = field(default=(), **MANY)
    indicators: tuple[tuple[int, Decimal], ...] = field(default=(), **MANY)


@frozen
class Change:
    """How one figure moved between two years: ``after - before``."""

    figure: str
    before: Decimal
    after: Decimal
    change: Decimal


@frozen
class YearChange:
    """What changed between two consecutive years held.

    ``wording_changed`` is true across the FY2565/FY2566 line; ``reads_as`` is then how the
    earlier result reads in the later wording: one level when its tool scores are known,
    otherwise every level its total alone allows.
    """

    from_year: FiscalYear
    to_year: FiscalYear
    total: Decimal
    level_before: str
    level_after: str
    passed_before: bool
    passed_after: bool
    tools: tuple[Change, ...] = field(default=(), **MANY)
    indicators: tuple[Change, ...] = field(default=(), **MANY)
    wording_changed: bool = False
    reads_as: tuple[str, ...] = field(default=(), **MANY)


@frozen
class History:
    """An agency's results across fiscal years, oldest first, and the change between them."""

    agency: str
    years: tuple[YearResult, ...] = field(**MANY)
    changes: tuple[YearChange, ...] = field(**MANY)
    trace: tuple[Node, ...] = field(default=(), **MANY)

    def year(self, fiscal_year: FiscalYear | int) -> YearResult:
        """The result of one year (`KeyError` when not held)."""
        be = fiscal_year.be if isinstance(fiscal_year, FiscalYear) else fiscal_year
        for year in self.years:
            if year.fiscal_year.be == be:
                return year
        raise KeyError(f"no result for FY{be}")

    def change(self, from_year: int, to_year: int) -> YearChange:
        """The change between two consecutive years held (`KeyError` otherwise)."""
        for change in self.changes:
            if (change.from_year.be, change.to_year.be) == (from_year, to_year):
                return change
        raise KeyError(f"no change from FY{from_year} to FY{to_year}")


def _scheme(rules: ItaRules) -> LevelScheme:
    return "letters" if {level.code for level in rules.levels} <= _LETTERS else "pass_levels"


def _year(entry: _Scored | PublishedRow, rules: ItaRules) -> YearResult:
    codes = {level.code: level for level in rules.levels}
    if isinstance(entry, PublishedRow):
        level = codes[entry.published_level]
        source: Literal["scored", "published"] = "published"
        tools: tuple[tuple[str, Decimal], ...] = ()
        indicators = tuple(sorted((entry.indicator_scores or {}).items()))
    else:
        level = codes[entry.level.code]
        source = "scored"
        tools = tuple((code, entry.tool(code)) for code in TOOL_CODES)
        indicators = tuple(
            (i.number, value)
            for i in rules.indicators
            if (value := _indicator(entry, i.number)) is not None
        )
    return YearResult(
        fiscal_year=entry.fiscal_year,
        total=entry.total,
        level=level.code,
        label_th=level.label_th,
        label_en=level.label_en,
        passed=level.passed,
        scheme=_scheme(rules),
        rules_id=rules.id,
        source=source,
        tools=tools,
        indicators=indicators,
    )


def _indicator(entry: _Scored, number: int) -> Decimal | None:
    # A result scored from tool scores alone has no indicators.
    try:
        return entry.indicator(number)
    except (StopIteration, LookupError):
        return None


def _changes(
    before: Iterable[tuple[object, Decimal]], after: Iterable[tuple[object, Decimal]]
) -> tuple[Change, ...]:
    later = dict(after)
    return tuple(
        Change(str(key), value, later[key], later[key] - value)
        for key, value in before
        if key in later
    )


def _reads_as(earlier: YearResult, later_rules: ItaRules) -> tuple[str, ...]:
    from moralkit.ita.gap import reaches  # noqa: PLC0415 (gap and history share no cycle)
    from moralkit.ita.score import possible_levels  # noqa: PLC0415

    if earlier.tools:
        values = dict(earlier.tools)
        for level in later_rules.levels:
            if reaches(later_rules, level, {c: values[c] for c in TOOL_CODES}):
                return (level.code,)
    return possible_levels(later_rules.first_year, earlier.total, rules=later_rules)


_RESULTS = Words("รายการผลการประเมิน ITA หรือแถวผลที่เผยแพร่", "a list of ITA results or published rows")
_RESULT = Words(
    "ผลการประเมิน ITA (moralkit.ita.score) หรือแถวผลที่เผยแพร่ (PublishedRow)",
    "an ITA result (moralkit.ita.score) or a published row (PublishedRow)",
)
_RULES = Words("รายการเกณฑ์ ITA (ItaRules)", "a list of ITA rules (ItaRules)")


def _is_result(entry: object) -> bool:
    if isinstance(entry, PublishedRow):
        return True
    year, level = getattr(entry, "fiscal_year", None), getattr(entry, "level", None)
    return (
        isinstance(year, FiscalYear)
        and isinstance(getattr(entry, "rules_id", None), str)
        and isinstance(getattr(level, "code", None), str)
        and callable(getattr(entry, "tool", None))
    )


def _many(value: object) -> bool:
    return isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping)


def _items(
    value: object,
    path: str,
    expected: tuple[Words, Words],
    fits: Callable[[object], bool],
    problems: list[Problem],
) -> list[Any]:
    """``value`` as a list, with a `wrong_type` problem for it or for each item that does not fit.

    ``expected`` says what the whole and what each item should be.
    """
    if not _many(value):
        problems.append(
            Problem(path, "wrong_type", {"expected": expected[0], "value": shown(value)})
        )
        return []
    items: list[Any] = list(value)  # type: ignore[call-overload]
    problems.extend(
        Problem(f"{path}[{i}]", "wrong_type", {"expected": expected[1], "value": shown(item)})
        for i, item in enumerate(items)
        if not fits(item)
    )
    return items


def _checked_arguments(
    results: object, rules: object, agency: object
) -> tuple[list[_Scored | PublishedRow], list[ItaRules]]:
    """The arguments as lists, or `ValidationError` naming each one of the wrong type."""
    problems: list[Problem] = []
    if not isinstance(agency, str):
        problems.append(wrong_type("agency", "kind.text", agency))
    entries = _items(results, "results", (_RESULTS, _RESULT), _is_result, problems)
    own = _items(rules, "rules", (_RULES, _RULES), lambda r: isinstance(r, ItaRules), problems)
    if problems:
        refuse(problems, _subject(agency))
    return entries, own


def _subject(agency: object) -> str:
    """What a refusal is about: the agency's history, named when its name is text."""
    return f"ITA history of {agency}" if isinstance(agency, str) else "ITA history"


def history(
    agency: str,
    results: Iterable[_Scored | PublishedRow],
    *,
    rules: Iterable[ItaRules] = (),
) -> History:
    """Line up ``agency``'s results by fiscal year and say what changed each year.

    ``results`` are scored results or published rows, in any order, one per fiscal year.
    ``rules`` lists your own rule files for results scored with them. Consecutive years held
    are compared: the total, each tool, and each indicator both years give.
    """
    from moralkit.ita.score import RULES  # noqa: PLC0415 (score imports nothing from here)

    results, rules = _checked_arguments(results, rules, agency)
    own = {r.id: r for r in rules}
    problems: list[Problem] = []
    years: dict[int, YearResult] = {}
    for index, entry in enumerate(results):
        be = entry.fiscal_year.be
        try:
            ita = (
                own[entry.rules_id]
                if not isinstance(entry, PublishedRow) and entry.rules_id in own
                else RULES.for_year(be)
            )
        except LookupError:
            problems.append(
                Problem(f"results[{index}]", "ita_history.no_rules", {"fiscal_year": be})
            )
            continue
        if be in years:
            problems.append(
                Problem(f"results[{index}]", "ita_history.year_twice", {"fiscal_year": be})
            )
            continue
        known = {level.code for level in ita.levels}
        level = entry.published_level if isinstance(entry, PublishedRow) else entry.level.code
        if level not in known:
            problems.append(
                Problem(
                    f"results[{index}]",
                    "ita_history.unknown_level",
                    {"level": level, "fiscal_year": be},
                )
            )
            continue
        years[be] = _year(entry, ita)
    if problems:
        raise ValidationError(problems, f"ITA history of {agency}")
    ordered = [years[be] for be in sorted(years)]
    changes = []
    used: dict[str, ItaRules] = {}
    for earlier, later in itertools.pairwise(ordered):
        if later.fiscal_year.be != earlier.fiscal_year.be + 1:
            continue
        wording = earlier.scheme != later.scheme
        later_rules = own.get(later.rules_id) or RULES.by_id(later.rules_id)
        used[later_rules.id] = later_rules
        changes.append(
            YearChange(
                from_year=earlier.fiscal_year,
                to_year=later.fiscal_year,
                total=later.total - earlier.total,
                level_before=earlier.level,
                level_after=later.level,
                passed_before=earlier.passed,
                passed_after=later.passed,
                tools=_changes(earlier.tools, later.tools),
                indicators=_changes(earlier.indicators, later.indicators),
                wording_changed=wording,
                reads_as=_reads_as(earlier, later_rules) if wording else (),
            )
        )
    return History(agency, tuple(ordered), tuple(changes), _trace(agency, ordered, changes, used))


def _trace(
    agency: str, years: list[YearResult], changes: list[YearChange], rules: dict[str, ItaRules]
) -> tuple[Node, ...]:
    by_year = {y.fiscal_year.be: y for y in years}
    nodes = [node("ita_history.agency", len(years), params={"agency": agency})]
    nodes.extend(
        node(
            "ita_history.year",
            year.total,
            reason=f"ita_history.scheme.{year.scheme}",
            params={
                "fiscal_year": year.fiscal_year,
                "label_th": year.label_th,
                "label_en": year.label_en,
            },
            children=[
                node("ita_history.tool", value, params={"tool": code}) for code, value in year.tools
            ],
        )
        for year in years
    )
    for change in changes:
        earlier, later = by_year[change.from_year.be], by_year[change.to_year.be]
        labels = {lv.code: (lv.label_th, lv.label_en) for lv in rules[later.rules_id].levels}
        children: list[Node | None] = [
            node(
                "ita_history.tool_change",
                c.change,
                params={"tool": c.figure, "before": c.before, "after": c.after},
            )
            for c in change.tools
        ]
        children += [
            node(
                "ita_history.indicator_change",
                c.change,
                params={"number": c.figure, "before": c.before, "after": c.after},
            )
            for c in change.indicators
        ]
        if change.level_before != change.level_after or change.wording_changed:
            children.append(
                node(
                    "ita_history.level_change",
                    change.level_after,
                    params={
                        "before_th": earlier.label_th,
                        "before_en": earlier.label_en,
                        "after_th": later.label_th,
                        "after_en": later.label_en,
                    },
                )
            )
        if change.wording_changed:
            children.append(
                node(
                    "ita_history.wording_changed",
                    None,
                    reason="ita_history.reason.letters_to_pass_levels",
                    params={"from_year": change.from_year, "to_year": change.to_year},
                    children=[
                        node("ita_history.wording_rule"),
                        node(
                            "ita_history.reads_as",
                            len(change.reads_as),
                            reason=(
                                "ita_history.reason.from_tools"
                                if earlier.tools
                                else "ita_history.reason.total_only"
                            ),
                            params={
                                "levels_th": [labels[c][0] for c in change.reads_as],
                                "levels_en": [labels[c][1] for c in change.reads_as],
                                "level": earlier.level,
                            },
                        ),
                    ],
                )
            )
        nodes.append(
            node(
                "ita_history.change",
                round_half_up(change.total, 2),
                params={"from_year": change.from_year, "to_year": change.to_year},
                children=children,
            )
        )
    return tuple(nodes)
