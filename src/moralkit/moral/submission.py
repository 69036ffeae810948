"""A unit's yearly self-assessment submission, and where its declared level and evidence disagree.

Each year a unit (organization, community or district) declares the level it believes it has
reached, files its evidence activity by activity (the measure, plus files or links with their
dates), and a committee later gives its verdict. The real systems work this way: the level is
declared by the unit, not computed (rule R0). `check_submission` scores the evidence with the
rubric (through `moralkit.moral.assess`), finds the level the evidence supports, and reports
every disagreement as a `moralkit.Problem`: a catalogue code, its parameters and the path in the
submission it concerns. Words come from the catalogue (``moral_cycle.json``), in Thai or English.

>>> from datetime import date
>>> from decimal import Decimal
>>> from moralkit.model import MoralLevel
>>> sub = Submission(
...     "moind-ops-hr", FiscalYear(2567), MoralLevel.MORAL,
...     activities=Evidence.of("x", 2567, {1: (60, 100),
...         2: {"problems_and_good_deeds": 4, "do_and_dont": 2}, 3: True}).activities,
...     documents=(EvidenceDocument(1, url="https://example.org/declaration.pdf",
...                                 dated=date(2023, 11, 1)),),
... )
>>> check = check_submission(sub)
>>> check.declared, check.supported, check.agrees
(2, 1, False)
>>> [p.code for p in check.findings][:2]
['moral_cycle.declared_above_evidence', 'moral_cycle.activity_missing']
>>> check.findings[0].message("en")
'declares level 2 but the evidence supports level 1'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from attrs import field, frozen

from moralkit.errors import Problem
from moralkit.messages import Lang, render
from moralkit.model import MoralLevel
from moralkit.model._base import ID, MANY, TEXT, bounded
from moralkit.moral.assess import RUBRICS, Result, assess
from moralkit.moral.evidence import ActivityEvidence, Evidence
from moralkit.moral.rubric import Rubric, Tier
from moralkit.serde import load
from moralkit.thai.calendar import FiscalYear

__all__ = [
    "CommitteeVerdict",
    "EvidenceDocument",
    "Submission",
    "SubmissionCheck",
    "check_submission",
    "load_submission",
]


@frozen
class EvidenceDocument:
    """A file or a link a unit offers as evidence for one activity, with its date.

    ``activity`` is the activity (indicator) number it supports; at least one of ``file_name``
    and ``url`` is given. ``dated`` is the date the document carries (a declaration's signing
    day, a report's date), when it carries one.

    >>> EvidenceDocument(1, file_name="ประกาศเจตนารมณ์.pdf").activity
    1
    """

    activity: int = field(**bounded(1, 99))
    file_name: str | None = field(default=None, **TEXT)
    url: str | None = field(default=None, **TEXT)
    title_th: str | None = field(default=None, **TEXT)
    dated: date | None = field(default=None)
    note: str | None = field(default=None, **TEXT)

    def __attrs_post_init__(self) -> None:
        if self.file_name is None and self.url is None:
            raise ValueError(
                f"evidence for activity {self.activity} needs a 'file_name' or a 'url' "
                "(got neither)"
            )


@frozen
class CommitteeVerdict:
    """What the assessing committee decided, and when.

    ``level`` is the level it recognised; ``None`` means it recognised none.
    ``committee_th`` names the committee as the unit's papers do (คณะอนุกรรมการส่งเสริม
    คุณธรรมจังหวัด...).
    """

    decided_on: date
    level: MoralLevel | None = field(default=None)
    committee_th: str | None = field(default=None, **TEXT)
    note_th: str | None = field(default=None, **TEXT)


@frozen
class Submission:
    """A unit's self-assessment for one fiscal year.

    ``declared_level`` is the level the unit declares. ``activities`` are the measures per
    activity, as `moralkit.moral.ActivityEvidence`; ``documents`` the files and links behind
    them. ``verdict`` is the committee's, once given.
    """

    unit: str = field(**ID)
    fiscal_year: FiscalYear
    declared_level: MoralLevel
    activities: tuple[ActivityEvidence, ...] = field(default=(), **MANY)
    documents: tuple[EvidenceDocument, ...] = field(default=(), **MANY)
    tier: Tier = "organization"
    submitted_on: date | None = field(default=None)
    verdict: CommitteeVerdict | None = field(default=None)
    note: str | None = field(default=None, **TEXT)

    def evidence(self) -> Evidence:
        """The measures as `moralkit.moral.Evidence`, declared level included."""
        return Evidence(
            self.unit,
            self.fiscal_year,
            self.activities,
            tier=self.tier,
            declared_level=self.declared_level,
        )


def load_submission(data: object) -> Submission:
    """Read a submission from JSON-like data with the one converter (all problems at once)."""
    return load(Submission, data)


@frozen
class SubmissionCheck:
    """What the evidence of a `Submission` supports, and where it disagrees.

    ``declared`` is the declared level, ``supported`` the level the evidence reaches under the
    rubric's level rule (0 to 3), ``verdict`` the committee's level (0 for none; ``None``
    before it decides). ``findings`` are problems with catalogue codes, in the order: level,
    activities, documents, verdict. ``result`` is the full `moralkit.moral.Result`.
    """

    unit: str
    fiscal_year: FiscalYear
    declared: int
    supported: int
    verdict: int | None
    findings: tuple[Problem, ...] = field(**MANY)
    result: Result

    @property
    def agrees(self) -> bool:
        """Whether no finding is an error.

        That is: the evidence supports the declared level and the documents fit the rubric.
        Warnings (a verdict that differs, a measure with no document, a level declared below
        the evidence) are listed but do not count against it.
        """
        return not any(p.severity == "error" for p in self.findings)

    def messages(self, lang: Lang = "th") -> tuple[str, ...]:
        """The summary and every finding, rendered in ``lang``."""
        code = "moral_cycle.summary_agrees" if self.agrees else "moral_cycle.summary_disagrees"
        params = {"unit": self.unit, "declared": self.declared, "supported": self.supported}
        head = render(code, lang, params)
        return (head, *(f"{p.path or '-'}: {p.message(lang)}" for p in self.findings))


def _supported(result: Result) -> int:
    return max((c.level for c in result.levels if c.passed), default=0)


# Level rules by code and by name, so either spelling in a rubric file judges the same way.
_RULE_CODES = {
    "R0": "R0",
    "R1": "R1",
    "R2": "R2",
    "R3": "R3",
    "declared_level": "R0",
    "all_full_marks": "R1",
    "all_score_a_point": "R2",
    "level_total_at_least": "R3",
}


def _rule(rubric: Rubric) -> str:
    """The code of the rule the scores are judged by (under R0, the rule it checks with)."""
    rule = rubric.level_rule
    code = _RULE_CODES.get(rule.rule, rule.rule)
    if code == "R0" and rule.check:
        return _RULE_CODES.get(rule.check, rule.check)
    return code


def _index(submission: Submission) -> dict[int, int]:
    return {item.number: index for index, item in enumerate(submission.activities)}


def _activity_findings(
    submission: Submission, rubric: Rubric, result: Result, declared: int
) -> Iterable[Problem]:
    rule = _rule(rubric)
    where = _index(submission)
    if rule == "R3":
        threshold = rubric.level_rule.threshold or 0
        for level in range(1, declared + 1):
            total = sum(s.points for s in result.scores if s.level == level)
            if total < threshold:
                yield Problem(
                    "activities",
                    "moral_cycle.level_total_short",
                    {"level": level, "total": total, "threshold": threshold},
                )
        return
    needed = rubric.max_points if rule == "R1" else 1
    for score in result.scores:
        if score.level > declared or score.points >= needed:
            continue
        index = where.get(score.number)
        path = f"activities[{index}]" if index is not None else "activities"
        code = "moral_cycle.activity_short" if index is not None else "moral_cycle.activity_missing"
        params = {"activity": score.number, "level": score.level}
        if index is not None:
            params |= {"points": score.points, "needed": needed}
        yield Problem(path, code, params)


def _document_findings(submission: Submission, rubric: Rubric, declared: int) -> Iterable[Problem]:
    numbers = {a.number: a.level for a in rubric.activities}
    documented = {d.activity for d in submission.documents}
    fy = submission.fiscal_year
    for index, document in enumerate(submission.documents):
        path = f"documents[{index}]"
        if document.activity not in numbers:
            yield Problem(
                f"{path}.activity",
                "moral_cycle.document_unknown_activity",
                {"activity": document.activity, "rubric": rubric.id},
            )
        if document.dated is not None and document.dated not in fy:
            yield Problem(
                f"{path}.dated",
                "moral_cycle.document_outside_year",
                {"activity": document.activity, "dated": document.dated, "fiscal_year": fy.be},
                "warning",
            )
    for index, item in enumerate(submission.activities):
        level = numbers.get(item.number)
        if level is not None and level <= declared and item.number not in documented:
            yield Problem(
                f"activities[{index}]",
                "moral_cycle.no_document",
                {"activity": item.number},
                "warning",
            )


def _verdict_findings(submission: Submission, supported: int) -> Iterable[Problem]:
    verdict = submission.verdict
    if verdict is None:
        return
    level = verdict.level.value if verdict.level is not None else 0
    if level != supported:
        yield Problem(
            "verdict.level",
            "moral_cycle.verdict_differs",
            {"verdict": level, "supported": supported},
            "warning",
        )
    if submission.submitted_on is not None and verdict.decided_on < submission.submitted_on:
        yield Problem(
            "verdict.decided_on",
            "moral_cycle.verdict_before_submission",
            {"decided_on": verdict.decided_on, "submitted_on": submission.submitted_on},
        )


def check_submission(
    submission: Submission | Mapping[str, Any], rules: Rubric | None = None
) -> SubmissionCheck:
    """Compare a submission's declared level with what its evidence supports.

    ``rules`` is the rubric (a packaged one, a shipped variant or your own); by default the
    packaged rubric of the submission's fiscal year. The evidence is scored with `assess`
    under the rubric's level rule (for R0, the rule it checks with). Findings:

    * ``moral_cycle.declared_above_evidence`` (error) / ``declared_below_evidence`` (warning);
    * ``moral_cycle.activity_short`` / ``activity_missing`` (errors): activities at or below
      the declared level that fall short; ``level_total_short`` under R3;
    * ``moral_cycle.no_document`` (warning): a measure with no file or link behind it;
      ``document_outside_year`` (warning); ``document_unknown_activity`` (error);
    * ``moral_cycle.verdict_differs`` (warning) and ``verdict_before_submission`` (error).

    ``submission`` is a `Submission` or a plain mapping of the same shape (read by
    `load_submission`). Evidence that does not fit the rubric at all raises
    `moralkit.ValidationError`, as `assess` does.
    """
    if not isinstance(submission, Submission):
        submission = load_submission(submission)  # a plain mapping, read by the one converter
    result = assess(submission.evidence(), rules)
    rubric = rules if rules is not None else RUBRICS.for_year(submission.fiscal_year)
    declared = submission.declared_level.value
    supported = _supported(result)
    findings: list[Problem] = []
    params = {"declared": declared, "supported": supported}
    if declared > supported:
        findings.append(Problem("declared_level", "moral_cycle.declared_above_evidence", params))
    elif declared < supported:
        findings.append(
            Problem("declared_level", "moral_cycle.declared_below_evidence", params, "warning")
        )
    findings.extend(_activity_findings(submission, rubric, result, declared))
    findings.extend(_document_findings(submission, rubric, declared))
    findings.extend(_verdict_findings(submission, supported))
    verdict = submission.verdict
    return SubmissionCheck(
        unit=submission.unit,
        fiscal_year=submission.fiscal_year,
        declared=declared,
        supported=supported,
        verdict=(verdict.level.value if verdict.level else 0) if verdict is not None else None,
        findings=tuple(findings),
        result=result,
    )
