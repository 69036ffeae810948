"""Assess evidence against a rubric: points per activity, the level reached, why, and the gap.

`assess` is pure: the same evidence and rubric always give the same `Result`, a frozen value
carrying the rubric's id and version, the evidence it used, every activity's points and the
reason code for them, each level's verdict, what is missing for the next level, and a
``trace`` of nodes that `moralkit.explain` renders in Thai or English. No sentence is built
while assessing. Percentages are rounded half-up to 2 places before bands are applied, so
79.995 becomes 80.00 and never falls between two bands.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, localcontext
from functools import cache
from typing import Any

from attrs import field, frozen

from moralkit._build import builder
from moralkit._decimal import CONTEXT, check_integer
from moralkit.errors import InLanguage, Problem, RuleNotFoundError, ValidationError
from moralkit.messages import Lang, Words, lang_problem
from moralkit.model import MoralLevel
from moralkit.model._base import MANY
from moralkit.moral.evidence import ActivityEvidence, Evidence
from moralkit.moral.rubric import Activity, Band, EvidenceKind, Rubric, canonical_rule, check_rubric
from moralkit.rules import RuleBook, RuleStatus, Step, compiled, covers
from moralkit.serde import load
from moralkit.trace import Node, Param, RuleValue, deferred_trace, pending

__all__ = [
    "RUBRICS",
    "ActivityScore",
    "GapItem",
    "LevelCheck",
    "Result",
    "Step",
    "assess",
    "level_label",
]

#: The packaged rubrics, looked up by fiscal year: ``RUBRICS.for_year(2567)``.
RUBRICS: RuleBook[Rubric] = RuleBook("moral", Rubric, "moralkit.moral", "rules", check_rubric)

_LEVEL_ZERO = ("ยังไม่ผ่านระดับที่ 1", "not yet at level 1")
#: The tiers a level is named for (those of `Evidence.tier`).
_TIERS = ("organization", "community", "district", "province")


def level_label(level: int, tier: str = "organization", lang: str = "th") -> str:
    """The name of a level (0-3) for a tier, in Thai or English.

    ``tier`` is ``organization``, ``community``, ``district`` or ``province``; ``lang`` is
    ``"th"`` or ``"en"``. Anything else raises `moralkit.ValidationError`, with a problem at
    ``level``, ``tier`` or ``lang`` for each argument that is wrong.

    >>> level_label(3, "community"), level_label(2, lang="en"), level_label(0)
    ('ชุมชนคุณธรรมต้นแบบ', 'moral organization', 'ยังไม่ผ่านระดับที่ 1')
    >>> level_label(4, lang="fr")
    Traceback (most recent call last):
    ...
    moralkit.errors.ValidationError: 2 problems in level_label:
      level: must be <= 3 (got 4) / ต้องไม่เกิน 3 (ได้รับ 4)
      lang: expected one of th, en (got fr) / ต้องเป็นค่าใดค่าหนึ่งใน th, en (ได้รับ fr)
    """
    number = check_integer(level)
    problems: list[Problem] = []
    if isinstance(number, Problem):
        problems.append(number.at("level"))
    elif number < 0:
        problems.append(Problem("level", "below_minimum", {"minimum": 0, "value": level}))
    elif number > 3:
        problems.append(Problem("level", "above_maximum", {"maximum": 3, "value": level}))
    if not isinstance(tier, str) or tier not in _TIERS:
        problems.append(Problem("tier", "not_allowed", {"allowed": _TIERS, "value": tier}))
    refused = lang_problem(lang)
    if refused is not None:
        problems.append(refused)
    if problems:
        raise ValidationError(problems, "level_label")
    assert isinstance(number, int)  # no problem with it
    return _level_label(number, tier, lang)


@cache
def _level_label(level: int, tier: str, lang: str) -> str:
    if level == 0:
        return _LEVEL_ZERO[0] if lang == "th" else _LEVEL_ZERO[1]
    moral = MoralLevel(level)
    if lang == "en":
        return moral.label_en.replace("organization", tier)
    return moral.label_for(tier)


def _render(code: str, lang: Lang, params: Mapping[str, Param]) -> str:
    from moralkit.trace import explain  # noqa: PLC0415 (words only when asked)

    class _One:
        trace = (Node(code, None, None, params),)

    return explain(_One(), lang)


def _reason_in(item: ActivityScore | LevelCheck, lang: Lang) -> str:
    return _render(item.reason, lang, item.params)


def _needs_in(item: GapItem, lang: Lang) -> str:
    return _render(item.code, lang, item.params)


@frozen
class ActivityScore:
    """How one activity scored, and why: ``reason`` is a catalogue code, ``params`` its figures."""

    number: int
    level: int
    evidence: EvidenceKind
    value: Decimal | None
    points: int
    max_points: int
    reason: str
    params: Mapping[str, Param] = field(factory=dict, hash=False)
    status: RuleStatus = "unsourced"

    @property
    def full_marks(self) -> bool:
        """Whether the activity scored the most it can."""
        return self.points == self.max_points

    reason_en = InLanguage(_reason_in, "en")
    """The reason in English, rendered from the catalogue."""
    reason_th = InLanguage(_reason_in, "th")
    """The reason in Thai, rendered from the catalogue."""


@frozen
class LevelCheck:
    """Whether one level is passed, and why (``reason`` code and its ``params``)."""

    level: int
    passed: bool
    reason: str
    params: Mapping[str, Param] = field(factory=dict, hash=False)

    reason_en = InLanguage(_reason_in, "en")
    """The reason in English, rendered from the catalogue."""
    reason_th = InLanguage(_reason_in, "th")
    """The reason in Thai, rendered from the catalogue."""


@frozen
class GapItem:
    """Something still needed for the next level: a ``code`` (``moral.needs.*``) and figures."""

    level: int
    number: int | None
    code: str
    params: Mapping[str, Param] = field(factory=dict, hash=False)

    needs_en = InLanguage(_needs_in, "en")
    """What is needed, in English."""
    needs_th = InLanguage(_needs_in, "th")
    """What is needed, in Thai."""


@deferred_trace
@frozen
class Result:
    """The outcome of `assess`: the level reached and everything that explains it.

    ``level`` is 0 to 3. Under the ``declared_level`` rule (old code R0) it is the declared
    level, and ``declared_supported`` says whether the scores support it. ``trace`` holds the
    steps; ``moralkit.explain(result, "th")`` renders them. `assess` builds the trace when it
    is first read; it is the same data either way.
    """

    rubric_id: str
    rubric_version: str
    rubric_status: RuleStatus
    level_rule: str
    level_rule_status: RuleStatus
    evidence: Evidence
    scores: tuple[ActivityScore, ...] = field(**MANY)
    levels: tuple[LevelCheck, ...] = field(**MANY)
    level: int = 0
    declared_supported: bool | None = None
    gap: tuple[GapItem, ...] = field(default=(), **MANY)
    trace: tuple[Node, ...] = field(default=(), **MANY)

    def _repr_html_(self) -> str:
        # Jupyter shows the result as a small bilingual table.
        from moralkit._html import repr_html  # noqa: PLC0415 (only notebooks ask for it)

        return repr_html(self)

    @property
    def organization(self) -> str:
        """The id of the organization (or area) assessed."""
        return self.evidence.organization

    @property
    def moral_level(self) -> MoralLevel | None:
        """The level as a `MoralLevel`, or ``None`` below level 1."""
        return MoralLevel(self.level) if self.level else None

    @property
    def label_th(self) -> str:
        """The level's Thai name for the evidence's tier (องค์กรคุณธรรมต้นแบบ ...)."""
        return level_label(self.level, self.evidence.tier, "th")

    @property
    def label_en(self) -> str:
        """The level's English name for the evidence's tier."""
        return level_label(self.level, self.evidence.tier, "en")

    def score(self, number: int) -> ActivityScore:
        """The score of activity ``number``."""
        return next(s for s in self.scores if s.number == number)

    @property
    def explanation(self) -> tuple[Step, ...]:
        """The trace rendered line by line in English and Thai (kept for older callers).

        Prefer ``moralkit.explain(result, lang)``; nothing is stored but the trace.
        """
        from moralkit.trace import explain  # noqa: PLC0415 (words only when asked)

        en, th = explain(self, "en").splitlines(), explain(self, "th").splitlines()
        return tuple(Step(e, t) for e, t in zip(en, th, strict=True))


#: Built from exact values (tuples, ready parameters) without ``__init__``: see `builder`.
_new_result = builder(Result)
_new_activity_score = builder(ActivityScore)
_new_level_check = builder(LevelCheck)


# --- fitting the evidence to the rubric ------------------------------------------------------

_FORMS = {
    EvidenceKind.PERCENTAGE: {"percentage", "part_of_whole"},
    EvidenceKind.SUCCESS_RATE: {"percentage", "part_of_whole"},
    EvidenceKind.COUNT: {"count"},
    EvidenceKind.COUNTS: {"counts"},
    EvidenceKind.YES_NO: {"done"},
}
_FORM_FIELD = {
    "percentage": "percentage",
    "part_of_whole": "part",
    "count": "count",
    "counts": "counts",
    "done": "done",
}


def _fit_problems(evidence: Evidence, rubric: Rubric, plan: _Plan) -> list[Problem]:
    problems: list[Problem] = []
    if evidence.tier not in rubric.tiers:
        problems.append(
            Problem(
                "tier",
                "moral.wrong_tier",
                {"rubric": rubric.id, "tiers": rubric.tiers, "tier": evidence.tier},
            )
        )
    if plan.rule == "declared_level" and evidence.declared_level is None:
        problems.append(Problem("declared_level", "moral.declared_level_missing"))
    seen: set[int] = set()
    for index, item in enumerate(evidence.activities):
        path = f"activities[{index}]"
        activity = plan.activities.get(item.number)
        if item.number in seen:
            problems.append(
                Problem(f"{path}.number", "moral.activity_twice", {"number": item.number})
            )
            continue
        seen.add(item.number)
        if activity is None:
            problems.append(
                Problem(
                    f"{path}.number",
                    "moral.unknown_activity",
                    {"rubric": rubric.id, "number": item.number, "numbers": plan.numbers},
                )
            )
            continue
        if item.form not in plan.forms[item.number]:
            problems.append(
                Problem(
                    f"{path}.{_FORM_FIELD[item.form]}",
                    f"moral.wrong_evidence.{activity.evidence.value}",
                    {"number": item.number},
                )
            )
        elif item.counts is not None:
            wanted = plan.requirement_names[item.number]
            for c, named in enumerate(item.counts):
                if named.name not in wanted:
                    problems.append(
                        Problem(
                            f"{path}.counts[{c}].name",
                            "moral.unknown_count",
                            {
                                "number": item.number,
                                "names": tuple(sorted(wanted)),
                                "name": named.name,
                            },
                        )
                    )
    return problems


# --- the rubric, compiled once -----------------------------------------------------------------


class _Plan:
    """What `assess` looks up in a rubric, computed once per rubric."""

    def __init__(self, rubric: Rubric) -> None:
        self.rubric = rubric
        self.ordered = rubric.ordered
        self.activities = {a.number: a for a in rubric.activities}
        self.numbers = tuple(str(n) for n in sorted(self.activities))
        self.forms = {a.number: _FORMS[a.evidence] for a in rubric.activities}
        self.requirement_names = {
            a.number: frozenset(r.name for r in a.requirements) for a in rubric.activities
        }
        self.top = rubric.max_points
        level_rule = rubric.level_rule
        self.rule = canonical_rule(level_rule.rule) or level_rule.rule
        self.judged_by = level_rule.judged_by
        self.threshold = level_rule.threshold
        self.activity_rules = {
            a.number: RuleValue(f"activities.{a.number}", None, a.status, a.sources)
            for a in rubric.activities
        }
        self.level_rule_value = RuleValue("level_rule", self.rule, level_rule.status, ())
        sources = tuple(s.id for s in rubric.sources)
        self.rubric_rule = RuleValue("status", None, rubric.status, sources)
        self.problems = tuple(check_rubric(rubric))
        # all_full_marks and all_score_a_point judge every activity of the level and below;
        # level_total_at_least the level's own total. Positions in ``ordered``, per level.
        own = self.judged_by == "level_total_at_least"
        self.judged = tuple(
            (
                level,
                tuple(
                    i
                    for i, a in enumerate(self.ordered)
                    if (a.level == level if own else a.level <= level)
                ),
            )
            for level in (1, 2, 3)
        )
        # A rubric with problems is refused before scoring: no scorers for it.
        self.scorers = () if self.problems else tuple(_Scorer(a, self.top) for a in self.ordered)


_plan = compiled(_Plan)


# --- scoring ---------------------------------------------------------------------------------


def _band_params(band: Band) -> dict[str, Param]:
    return {"band_min": str(band.min), "band_max": None if band.max is None else str(band.max)}


class _Scorer:
    """How one activity of a rubric is scored, worked out once per rubric.

    Everything that does not depend on the evidence is ready: the band parameters, and the
    whole score where the outcome cannot vary (no evidence, done, not done).
    """

    __slots__ = ("activity", "bands", "base", "done", "kind", "missing", "not_done", "top")

    def __init__(self, activity: Activity, top: int) -> None:
        self.activity = activity
        self.kind = activity.evidence
        self.top = top
        self.base: dict[str, Param] = {"number": activity.number, "top": top}
        self.bands = tuple((band, _band_params(band)) for band in activity.bands)
        self.missing = self.make(0, None, "moral.reason.no_evidence", {})
        self.done = self.make(top, None, "moral.reason.done", {})
        self.not_done = self.make(0, None, "moral.reason.not_done", {})

    def make(
        self, points: int, value: Decimal | None, reason: str, params: dict[str, Param]
    ) -> ActivityScore:
        activity = self.activity
        return _new_activity_score(
            activity.number,
            activity.level,
            self.kind,
            value,
            points,
            self.top,
            reason,
            {**self.base, "points": points, **params},
            activity.status,
        )

    def band(self, value: Decimal) -> tuple[Band, dict[str, Param]]:
        for band, params in self.bands:
            if band.min <= value and (band.max is None or value <= band.max):
                return band, params
        raise AssertionError(f"checked bands cover every value (got {value})")  # pragma: no cover

    def score(self, item: ActivityEvidence | None) -> ActivityScore:
        if item is None:
            return self.missing
        kind = self.kind
        if kind is EvidenceKind.YES_NO:
            return self.done if item.done else self.not_done
        if kind is EvidenceKind.PERCENTAGE or kind is EvidenceKind.SUCCESS_RATE:
            value = item.as_percentage
            assert value is not None  # the form was checked
            band, params = self.band(value)
            if item.percentage is not None and item.percentage == value:
                reason = "moral.reason.percent_in_band"
                params = {"percent": str(value), **params}
            elif item.percentage is not None:
                reason = "moral.reason.rounded_in_band"
                params = {"given": str(item.percentage), "percent": str(value), **params}
            else:
                reason = "moral.reason.share_in_band"
                params = {"part": item.part, "whole": item.whole, "percent": str(value), **params}
            return self.make(band.points, value, reason, params)
        if kind is EvidenceKind.COUNT:
            value = Decimal(item.count or 0)
            band, params = self.band(value)
            code = (
                "moral.reason.count_in_band" if band.max is not None else "moral.reason.count_from"
            )
            return self.make(band.points, value, code, {"count": item.count, **params})
        # named counts
        given = {c.name: c.count for c in item.counts or ()}
        requirements = self.activity.requirements
        short = sum(1 for r in requirements if given.get(r.name, 0) < r.min)
        counts = tuple(f"{given.get(r.name, 0)}/{r.min}" for r in requirements)
        if short:
            return self.make(
                0,
                None,
                "moral.reason.counts_short",
                {"short": short, "of": len(counts), "counts": counts},
            )
        return self.make(
            self.top, None, "moral.reason.counts_met", {"of": len(counts), "counts": counts}
        )


def _requirement_nodes(activity: Activity, item: ActivityEvidence | None) -> tuple[Node, ...]:
    given = {c.name: c.count for c in (item.counts or ())} if item is not None else {}
    return tuple(
        Node(
            "moral.requirement",
            given.get(r.name, 0),
            "moral.reason.requirement_met"
            if given.get(r.name, 0) >= r.min
            else "moral.reason.requirement_short",
            {"name_th": r.label_th or r.name, "name_en": r.label_en or r.name, "min": r.min},
            (),
            None,
        )
        for r in activity.requirements
    )


# --- levels ------------------------------------------------------------------------------------


def _level_passes(
    rule: str, threshold: int | None, scores: list[ActivityScore]
) -> tuple[bool, str, dict[str, Param]]:
    if rule == "all_full_marks":
        short = tuple(str(s.number) for s in scores if s.points != s.max_points)
        if short:
            return (
                False,
                "moral.reason.below_full_marks",
                {"activities": short, "short": len(short), "count": len(scores)},
            )
        return True, "moral.reason.all_full_marks", {"count": len(scores)}
    if rule == "all_score_a_point":
        short = tuple(str(s.number) for s in scores if s.points < 1)
        if short:
            return (
                False,
                "moral.reason.some_score_zero",
                {"activities": short, "short": len(short), "count": len(scores)},
            )
        return True, "moral.reason.all_score_a_point", {"count": len(scores)}
    total = sum(s.points for s in scores)
    needed = threshold or 0
    params: dict[str, Param] = {"total": total, "threshold": needed}
    if total < needed:
        return False, "moral.reason.level_total_short", params
    return True, "moral.reason.level_total_met", params


def _levels(plan: _Plan, scores: list[ActivityScore]) -> list[LevelCheck]:
    checks: list[LevelCheck] = []
    lower_passed = True
    rule = plan.judged_by
    for level, positions in plan.judged:
        judged = [scores[i] for i in positions]
        ok, reason, params = _level_passes(rule, plan.threshold, judged)
        params = {"level": level, **params}
        if ok and not lower_passed:
            ok, reason, params = (
                False,
                "moral.reason.lower_level_not_passed",
                {"level": level, "lower": level - 1},
            )
        checks.append(_new_level_check(level, ok, reason, params))
        lower_passed = ok
    return checks


def _needs(
    activity: Activity, score: ActivityScore, points_needed: int
) -> tuple[str, dict[str, Param]]:
    kind = activity.evidence
    params: dict[str, Param] = {"number": activity.number}
    if kind in (EvidenceKind.PERCENTAGE, EvidenceKind.SUCCESS_RATE, EvidenceKind.COUNT):
        lowest = min(b.min for b in activity.bands if b.points >= points_needed)
        unit = "count" if kind is EvidenceKind.COUNT else "percent"
        params["minimum"] = str(lowest)
        if score.value is None:
            return f"moral.needs.{unit}_no_evidence", params
        params["has"] = str(score.value)
        return f"moral.needs.{unit}", params
    if kind is EvidenceKind.COUNTS:
        params["count"] = len(activity.requirements)
        return "moral.needs.counts", params
    return "moral.needs.done", params


def _gap(plan: _Plan, scores: list[ActivityScore], reached: int) -> list[GapItem]:
    if reached >= 3:
        return []
    target = reached + 1
    by_number = {s.number: s for s in scores}
    items: list[GapItem] = []
    rule = plan.judged_by
    if rule == "level_total_at_least":
        threshold = plan.threshold or 0
        for level in range(1, target + 1):
            total = sum(s.points for s in scores if s.level == level)
            if total < threshold:
                params: dict[str, Param] = {"level": level, "total": total, "threshold": threshold}
                items.append(GapItem(level, None, "moral.needs.level_total", params))
        return items
    needed = plan.top if rule == "all_full_marks" else 1
    for activity in plan.ordered:
        score = by_number[activity.number]
        if activity.level <= target and score.points < needed:
            code, params = _needs(activity, score, needed)
            items.append(GapItem(activity.level, activity.number, code, params))
    return items


def _as_evidence(evidence: object) -> Evidence:
    if isinstance(evidence, Evidence):
        return evidence
    return load(Evidence, evidence)


def assess(evidence: Evidence | Mapping[str, Any], rules: Rubric | None = None) -> Result:
    """Assess ``evidence`` against ``rules``, or against the packaged rubric of its fiscal year.

    ``evidence`` is an `Evidence` or a plain mapping of the same shape (read by the one
    converter). Raises `moralkit.RuleNotFoundError` when no packaged rubric covers the fiscal
    year, or when the rubric given does not; and `moralkit.ValidationError` (with paths) when
    the evidence does not fit the rubric: an activity the rubric lacks, a count where a
    percentage is needed, the wrong tier.

    >>> from decimal import Decimal
    >>> ev = Evidence.of("unit-a", 2569, {1: Decimal("85"),
    ...     2: {"problems_and_good_deeds": 5, "do_and_dont": 3}, 3: True, 4: Decimal("75")})
    >>> result = assess(ev)
    >>> result.level, result.label_th
    (1, 'องค์กรส่งเสริมคุณธรรม')
    >>> [g.needs_en for g in result.gap][:2]
    ['activity 5: needs to be done', 'activity 6: needs to be done']
    """
    if rules is not None and not isinstance(rules, Rubric):
        expected = Words("เกณฑ์การประเมิน (Rubric)", "a rubric (Rubric)")
        problem = Problem("rules", "wrong_type", {"expected": expected, "value": rules})
        raise ValidationError([problem], "assess")
    evidence = _as_evidence(evidence)
    if rules is None:
        rubric = RUBRICS.for_year(evidence.fiscal_year)
    else:
        rubric = rules
        if not covers(rubric, evidence.fiscal_year):
            last = rubric.last_year or rubric.first_year
            raise RuleNotFoundError(
                f"moral ({rubric.id})",
                evidence.fiscal_year.be,
                range(rubric.first_year.be, last.be + 1),
            )
    plan = _plan(rubric)
    if plan.problems:
        raise ValidationError(plan.problems, f"rubric {rubric.id}")
    problems = _fit_problems(evidence, rubric, plan)
    if problems:
        raise ValidationError(problems, f"Evidence for rubric {rubric.id}")
    with localcontext(CONTEXT):
        return _assess(evidence, plan)


def _assess(evidence: Evidence, plan: _Plan) -> Result:
    rubric = plan.rubric
    given = {item.number: item for item in evidence.activities}
    scores = [scorer.score(given.get(scorer.activity.number)) for scorer in plan.scorers]
    levels = _levels(plan, scores)
    computed = max((c.level for c in levels if c.passed), default=0)
    declared_supported: bool | None = None
    reached = computed
    if plan.rule == "declared_level" and evidence.declared_level is not None:
        reached = evidence.declared_level.value
        declared_supported = reached <= computed
    gap = _gap(plan, scores, computed)
    result: Result = _new_result(
        rubric.id,
        rubric.version,
        rubric.status,
        plan.rule if plan.rule != "declared_level" else f"declared_level/{plan.judged_by}",
        rubric.level_rule.status,
        evidence,
        tuple(scores),
        tuple(levels),
        reached,
        declared_supported,
        tuple(gap),
        pending(_trace, plan, computed),
    )
    return result


def _trace(result: Result, plan: _Plan, computed: int) -> tuple[Node, ...]:
    """The trace of an assessment, from the figures its result holds."""
    rubric = plan.rubric
    evidence = result.evidence
    given = {item.number: item for item in evidence.activities}
    scores, levels, gap = result.scores, result.levels, result.gap
    declared_supported, reached = result.declared_supported, result.level
    trace: list[Node] = [
        Node(
            "moral.rubric",
            rubric.id,
            None,
            {
                "version": rubric.version,
                "fiscal_year": evidence.fiscal_year.be,
                "scale_code": f"moral.scale.{rubric.scale}",
            },
            (),
            plan.rubric_rule,
        ),
        Node(
            f"moral.level_rule.{plan.rule}",
            plan.rule,
            None,
            {
                "threshold": plan.threshold,
                "check_code": f"moral.level_rule.{plan.judged_by}",
            },
            (),
            plan.level_rule_value,
        ),
    ]
    for activity, score in zip(plan.ordered, scores, strict=True):
        trace.append(
            Node(
                "moral.activity",
                score.points,
                score.reason,
                {**score.params, "level": score.level},
                (f"activities[{activity.number}]",) if activity.number in given else (),
                plan.activity_rules[activity.number],
                _requirement_nodes(activity, given.get(activity.number))
                if activity.evidence is EvidenceKind.COUNTS
                else (),
            )
        )
    trace.extend(
        Node(
            "moral.level_passed" if c.passed else "moral.level_not_passed",
            c.passed,
            c.reason,
            c.params,
            (),
            plan.level_rule_value,
        )
        for c in levels
    )
    if declared_supported is not None:
        trace.append(
            Node(
                "moral.declared_supported"
                if declared_supported
                else "moral.declared_not_supported",
                declared_supported,
                None,
                {"declared": reached, "computed": computed},
            )
        )
    if gap:
        trace.append(
            Node(
                "moral.gap",
                len(gap),
                None,
                {"level": computed + 1},
                (),
                None,
                tuple(
                    Node(
                        g.code,
                        g.number,
                        None,
                        g.params,
                        (),
                        None,
                        _requirement_nodes(plan.activities[g.number], given.get(g.number))
                        if g.number is not None and g.code == "moral.needs.counts"
                        else (),
                    )
                    for g in gap
                ),
            )
        )
    trace.append(
        Node(
            "moral.result",
            reached,
            None,
            {
                "label_th": level_label(reached, evidence.tier, "th"),
                "label_en": level_label(reached, evidence.tier, "en"),
            },
            (),
            plan.level_rule_value,
        )
    )
    return tuple(trace)
