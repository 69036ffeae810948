"""Many agencies at once: score a list of records, and summarise a year.

>>> records = [
...     ItaRecord("a", tools={"IIT": "90", "EIT": "88", "OIT": "95"}, groups={"type": "province"}),
...     ItaRecord("b", tools={"IIT": "80", "EIT": "75", "OIT": "60"}, groups={"type": "province"}),
... ]
>>> s = summary(score_many(records, 2566))
>>> s.count, s.mean, s.passing, s.share_passing, s.meets_target
(2, Decimal('80.95'), 1, Decimal('50.00'), False)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from attrs import field, frozen

from moralkit._decimal import percent, round_half_up
from moralkit.errors import Problem, ValidationError
from moralkit.ita.rules_model import ItaRules
from moralkit.ita.score import Result, score
from moralkit.model._base import MANY, TEXT
from moralkit.thai.calendar import FiscalYear

__all__ = [
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
    """Count, mean, median, share passing and level counts of a group of results."""

    key: str
    count: int
    mean: Decimal
    median: Decimal
    passing: int
    share_passing: Decimal
    target_share: Decimal | None
    levels: tuple[LevelCount, ...] = field(**MANY)

    @property
    def meets_target(self) -> bool | None:
        """Whether the share passing reaches the national target (80% of agencies at 85+)."""
        if self.target_share is None:
            return None
        return self.share_passing >= self.target_share


def _as_result(item: Result | ScoredAgency) -> Result:
    return item.result if isinstance(item, ScoredAgency) else item


def summary(items: Iterable[Result | ScoredAgency], key: str = "TH") -> Summary:
    """Summarise the results of one fiscal year: figures are rounded half-up to 2 places.

    An empty input, or results of more than one fiscal year, raise `moralkit.ValidationError`:
    a mean of nothing, or of two years' different rules, says nothing.

    >>> summary([])
    Traceback (most recent call last):
    ...
    moralkit.errors.ValidationError: 1 problem in summary:
      (input): ...
    """
    results = [_as_result(i) for i in items]
    if not results:
        raise ValidationError([Problem("", "ita.summary_empty")], "summary")
    years = sorted({r.fiscal_year.be for r in results})
    if len(years) > 1:
        raise ValidationError(
            [Problem("", "ita.summary_mixed_years", {"years": tuple(years)})], "summary"
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
    targets = {r.target_share for r in results}
    target = targets.pop() if len(targets) == 1 else None
    return Summary(key, count, mean, median, passing, share, target, tuple(counts.values()))


def summary_by(items: Iterable[ScoredAgency], group: str) -> tuple[Summary, ...]:
    """One summary per value of ``group`` (``"province"``, ``"ministry"`` ...).

    Groups come in the order they are first seen.
    """
    buckets: dict[str, list[ScoredAgency]] = {}
    for item in items:
        buckets.setdefault(item.group(group) or "(unknown)", []).append(item)
    return tuple(summary(members, key) for key, members in buckets.items())
