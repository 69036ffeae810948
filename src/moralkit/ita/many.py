"""Many agencies at once: score a list of records, and summarise a year.

>>> records = [
...     ItaRecord("a", tools={"IIT": "90", "EIT": "88", "OIT": "95"}, groups={"type": "province"}),
...     ItaRecord("b", tools={"IIT": "80", "EIT": "75", "OIT": "60"}, groups={"type": "province"}),
... ]
>>> s = summary(score_many(records, 2566))
>>> s.count, s.mean, s.passing, s.share_passing, s.meets_target, s.target_status
(2, Decimal('80.95'), 1, Decimal('50.00'), False, 'unverified')
>>> from moralkit import explain
>>> print(explain(s, "en").splitlines()[1])
share passing 50.00% is below the national target of 80%: not met [rule value 80: believed ...]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from attrs import field, frozen

from moralkit._args import items_of, refuse, wrong_type
from moralkit._decimal import percent, round_half_up
from moralkit._fields import text_problem
from moralkit.errors import Problem, RuleNotFoundError, ValidationError
from moralkit.ita.rules_model import ItaRules
from moralkit.ita.score import RULES, Result, score
from moralkit.model._base import MANY, TEXT
from moralkit.rules import RuleStatus
from moralkit.thai.calendar import FiscalYear
from moralkit.trace import Node, Param, RuleValue

__all__ = [
    "UNGROUPED",
    "ItaRecord",
    "LevelCount",
    "ScoredAgency",
    "Summary",
    "score_many",
    "summary",
    "summary_by",
]


@frozen(unsafe_hash=False)
class ItaRecord:
    """One agency's input: tool or indicator scores, and the groups it belongs to.

    ``groups`` names the agency's province, ministry, type ... (``{"province": "TH-23"}``).
    """

    agency: str = field(**TEXT)
    tools: Mapping[str, Any] | None = None
    indicators: Mapping[int, Any] | None = None
    groups: Mapping[str, str] = field(factory=dict)
    name_th: str | None = field(default=None, **TEXT)


@frozen
class ScoredAgency:
    """A record and its result."""

    agency: str
    groups: tuple[tuple[str, str], ...]
    result: Result

    def group(self, key: str) -> str | None:
        """The agency's group for ``key`` (``province``, ``ministry`` ...), if given."""
        return dict(self.groups).get(key)


def score_many(
    records: Iterable[ItaRecord], fiscal_year: FiscalYear | int, *, rules: ItaRules | None = None
) -> tuple[ScoredAgency, ...]:
    """Score every record; problems in any record are raised together, with paths."""
    scored: list[ScoredAgency] = []
    problems: list[Problem] = []
    if isinstance(records, str | bytes | Mapping) or not isinstance(records, Iterable):
        raise ValidationError([Problem("records", "ita.records_not_a_list")], "score_many")
    for index, record in enumerate(records):
        if not isinstance(record, ItaRecord):
            problems.append(Problem(f"records[{index}]", "ita.not_a_record"))
            continue
        try:
            result = score(
                fiscal_year, tools=record.tools, indicators=record.indicators, rules=rules
            )
        except ValidationError as exc:
            problems.extend(p.at(f"records[{index}]") for p in exc.problems)
            continue
        scored.append(ScoredAgency(record.agency, tuple(sorted(record.groups.items())), result))
    if problems:
        raise ValidationError(problems, "score_many")
    return tuple(scored)


@frozen
class LevelCount:
    """How many agencies reached one level."""

    code: str
    label_th: str
    count: int


@frozen
class Summary:
    """Count, mean, median, share passing and level counts of a group of results.

    ``target_share`` is the national target (at least that share of agencies passing),
    ``target_status`` how far it can be trusted and ``target_sources`` where it comes from,
    as the rule file states them: the target is verified for the master plan of 2561-2580,
    but the revised plan's values for FY2566-2568 could not be read, so a ``meets_target``
    of those years is ``unverified``. ``target_status`` is ``None`` when the results were
    scored with rules the summary was not given. ``moralkit.explain(summary, lang)`` says
    all of it in Thai or English.
    """

    key: str
    count: int
    mean: Decimal
    median: Decimal
    passing: int
    share_passing: Decimal
    target_share: Decimal | None
    levels: tuple[LevelCount, ...] = field(**MANY)
    target_status: RuleStatus | None = None
    target_sources: tuple[str, ...] = field(default=(), **MANY)

    @property
    def meets_target(self) -> bool | None:
        """Whether the share passing reaches the national target (80% of agencies at 85+).

        Read it with ``target_status``: for FY2566-2568 the target is ``unverified``.
        """
        if self.target_share is None:
            return None
        return self.share_passing >= self.target_share

    @property
    def trace(self) -> tuple[Node, ...]:
        """The summary's figures and the target, with the target's status, as trace nodes."""
        params: dict[str, Param] = {
            "passing": self.passing,
            "share": str(self.share_passing),
            "mean": str(self.mean),
            "median": str(self.median),
        }
        if self.key == UNGROUPED:
            figures = Node("ita.summary.ungrouped", self.count, None, params)
        else:
            figures = Node("ita.summary", self.count, None, {"key": self.key, **params})
        if self.target_share is None:
            return (figures, Node("ita.summary.no_target"))
        met = self.share_passing >= self.target_share
        rule: RuleValue | None = None
        reason: str | None = "ita.reason.target_rules_unknown"
        if self.target_status is not None:
            reason = None
            rule = RuleValue(
                "national_target_share",
                self.target_share,
                self.target_status,
                self.target_sources,
            )
        target = Node(
            "ita.summary.meets_target" if met else "ita.summary.below_target",
            met,
            reason,
            {"share": str(self.share_passing), "target": str(self.target_share)},
            (),
            rule,
        )
        return (figures, target)


#: The key of the summary of agencies that do not name the group `summary_by` asked for; its
#: trace is worded from the catalogue in either language.
UNGROUPED = "(unknown)"


def _items(items: object, problems: list[Problem], *, agencies_only: bool = False) -> list[Any]:
    """``items`` as a list of results or scored agencies; each other item is a problem."""
    kinds = ScoredAgency if agencies_only else (Result, ScoredAgency)
    kind = "ita.kind.scored_agency" if agencies_only else "ita.kind.scored"
    return list(items_of("items", items, kinds, kind, problems))


def _text(path: str, value: object, problems: list[Problem]) -> None:
    if not isinstance(value, str):
        problems.append(wrong_type(path, "kind.text", value))
    elif (problem := text_problem(value)) is not None:
        problems.append(problem.at(path))


def _rules(rules: object, problems: list[Problem]) -> None:
    if rules is not None and not isinstance(rules, ItaRules):
        problems.append(wrong_type("rules", "ita.kind.rules", rules))


def _as_result(item: Result | ScoredAgency) -> Result:
    return item.result if isinstance(item, ScoredAgency) else item


def _target(
    results: list[Result], rules: ItaRules | None
) -> tuple[Decimal | None, RuleStatus | None, tuple[str, ...]]:
    """The national target of the results' year, with its status when the rules are known."""
    ids = {(r.rules_id, r.rules_version) for r in results}
    if rules is None:
        try:
            rules = RULES.for_year(results[0].fiscal_year)
        except RuleNotFoundError:
            rules = None
    if rules is not None and ids == {(rules.id, rules.version)}:
        return (
            rules.national_target_share,
            rules.national_target_status,
            rules.national_target_sources,
        )
    # Scored with rules this summary was not given: the share they carried, status unknown.
    targets = {r.target_share for r in results}
    return (targets.pop() if len(targets) == 1 else None), None, ()


def summary(
    items: Iterable[Result | ScoredAgency], key: str = "TH", *, rules: ItaRules | None = None
) -> Summary:
    """Summarise the results of one fiscal year: figures are rounded half-up to 2 places.

    An empty input, or results of more than one fiscal year, raise `moralkit.ValidationError`:
    a mean of nothing, or of two years' different rules, says nothing. So do items that are
    not results (each at ``items[i]``), a ``key`` that is not text and ``rules`` that are not
    `ItaRules`. The national target and its status come from the year's packaged rules, or
    from ``rules`` when the results were scored with rules of your own.

    >>> summary([])
    Traceback (most recent call last):
    ...
    moralkit.errors.ValidationError: 1 problem in summary:
      items: ...
    """
    problems: list[Problem] = []
    found = _items(items, problems)
    _text("key", key, problems)
    _rules(rules, problems)
    if problems:
        refuse(problems, "summary")
    return _summary(found, key, rules)


def _summary(items: Iterable[Result | ScoredAgency], key: str, rules: ItaRules | None) -> Summary:
    results = [_as_result(i) for i in items]
    if not results:
        raise ValidationError([Problem("items", "ita.summary_empty")], "summary")
    years = sorted({r.fiscal_year.be for r in results})
    if len(years) > 1:
        raise ValidationError(
            [Problem("items", "ita.summary_mixed_years", {"years": tuple(years)})], "summary"
        )
    totals = sorted(r.total for r in results)
    count = len(totals)
    mean = round_half_up(sum((Fraction(t) for t in totals), Fraction(0)) / count, 2)
    middle = count // 2
    exact_median = (
        Fraction(totals[middle])
        if count % 2
        else (Fraction(totals[middle - 1]) + Fraction(totals[middle])) / 2
    )
    median = round_half_up(exact_median, 2)
    passing = sum(1 for r in results if r.passed)
    share = percent(passing, count)
    counts: dict[str, LevelCount] = {}
    for r in results:
        found = counts.get(r.level.code)
        counts[r.level.code] = LevelCount(
            r.level.code, r.level.label_th, (found.count if found else 0) + 1
        )
    target, status, sources = _target(results, rules)
    return Summary(
        key,
        count,
        mean,
        median,
        passing,
        share,
        target,
        tuple(counts.values()),
        status,
        sources,
    )


def summary_by(
    items: Iterable[ScoredAgency], group: str, *, rules: ItaRules | None = None
) -> tuple[Summary, ...]:
    """One summary per value of ``group`` (``"province"``, ``"ministry"`` ...).

    Groups come in the order they are first seen; ``rules`` as for `summary`. Agencies that
    do not name the group are summarised under the key `UNGROUPED` (``"(unknown)"``), whose
    `explain` says so in Thai or English. Items that are not `ScoredAgency` values are
    refused with `moralkit.ValidationError`, each at ``items[i]``, as are a ``group`` that
    is not text and ``rules`` that are not `ItaRules`.
    """
    problems: list[Problem] = []
    found: list[ScoredAgency] = _items(items, problems, agencies_only=True)
    _text("group", group, problems)
    _rules(rules, problems)
    if problems:
        refuse(problems, "summary_by")
    buckets: dict[str, list[ScoredAgency]] = {}
    for item in found:
        buckets.setdefault(item.group(group) or UNGROUPED, []).append(item)
    return tuple(_summary(members, key, rules) for key, members in buckets.items())
