"""The moral-organization ladder: rubrics, evidence, assessment, rollups.

Levels 1 องค์กรส่งเสริมคุณธรรม, 2 องค์กรคุณธรรม, 3 องค์กรคุณธรรมต้นแบบ (and the same for
communities and districts). Rubrics are versioned data chosen by fiscal year.

>>> from decimal import Decimal
>>> from moralkit.moral import Evidence, assess
>>> full = {1: Decimal(100), 2: Decimal(100), **{n: True for n in range(3, 10)}}
>>> assess(Evidence.of("unit", 2565, full)).label_th
'องค์กรคุณธรรมต้นแบบ'
"""

from moralkit.moral.assess import (
    RUBRICS,
    ActivityScore,
    GapItem,
    LevelCheck,
    Result,
    Step,
    assess,
    level_label,
)
from moralkit.moral.checklist import HAPPINESS_LEVELS, MODEL_CRITERIA, Criterion, ModelChecklist
from moralkit.moral.evidence import ActivityEvidence, Evidence, NamedCount, percent_of
from moralkit.moral.rollup import (
    Coverage,
    LevelChange,
    Tally,
    by_parent,
    by_province,
    rollup,
    sub_unit_coverage,
    what_if,
)
from moralkit.moral.rubric import (
    LEVEL_RULE_ALIASES,
    LEVEL_RULE_NAMES,
    Activity,
    Band,
    EvidenceKind,
    LevelRule,
    Requirement,
    Rubric,
    canonical_rule,
    check_rubric,
)
from moralkit.moral.variants import with_level_rule, with_requirement, with_threshold
from moralkit.thai.calendar import FiscalYear

__all__ = [
    "HAPPINESS_LEVELS",
    "LEVEL_RULE_ALIASES",
    "LEVEL_RULE_NAMES",
    "MODEL_CRITERIA",
    "RUBRICS",
    "Activity",
    "ActivityEvidence",
    "ActivityScore",
    "Band",
    "Coverage",
    "Criterion",
    "Evidence",
    "EvidenceKind",
    "GapItem",
    "LevelChange",
    "LevelCheck",
    "LevelRule",
    "ModelChecklist",
    "NamedCount",
    "Requirement",
    "Result",
    "Rubric",
    "Step",
    "Tally",
    "approval_year",
    "assess",
    "by_parent",
    "by_province",
    "canonical_rule",
    "check_rubric",
    "level_label",
    "load_rubric",
    "percent_of",
    "rollup",
    "sub_unit_coverage",
    "what_if",
    "with_level_rule",
    "with_requirement",
    "with_threshold",
]


def load_rubric(source: object) -> Rubric:
    """Read your own rubric (a path, JSON text or parsed data), with the packaged checks.

    Province rubrics (10 indicators, texts unpublished) are supplied this way.
    """
    return RUBRICS.load(source)  # type: ignore[arg-type]


def approval_year(assessed: FiscalYear) -> FiscalYear:
    """The fiscal year in which results for ``assessed`` are approved and awarded.

    Inferred from every dated example found (FY2562 results approved on 2 Sep 2563, in
    FY2563): one year later. Not a published rule.
    """
    return assessed.next()
