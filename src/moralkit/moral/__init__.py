"""The moral-organization ladder: rubrics, evidence, assessment, rollups.

Levels 1 องค์กรส่งเสริมคุณธรรม, 2 องค์กรคุณธรรม, 3 องค์กรคุณธรรมต้นแบบ (and the same for
communities and districts). Rubrics are versioned data chosen by fiscal year.

>>> from decimal import Decimal
>>> from moralkit.moral import Evidence, assess
>>> full = {1: Decimal(100), 2: Decimal(100), **{n: True for n in range(3, 10)}}
>>> assess(Evidence.of("unit", 2565, full)).label_th
'องค์กรคุณธรรมต้นแบบ'
"""

from moralkit.errors import ValidationError
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
from moralkit.moral.variants import (
    VARIANTS,
    UnknownVariantError,
    variant,
    variants,
    with_level_rule,
    with_requirement,
    with_threshold,
)
from moralkit.rules import RuleSource, RuleStatus
from moralkit.serde import load
from moralkit.thai.calendar import FiscalYear
from moralkit.trace import RuleValue

__all__ = [
    "APPROVAL_YEAR_SOURCES",
    "APPROVAL_YEAR_STATUS",
    "HAPPINESS_LEVELS",
    "LEVEL_RULE_ALIASES",
    "LEVEL_RULE_NAMES",
    "MODEL_CRITERIA",
    "RUBRICS",
    "VARIANTS",
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
    "UnknownVariantError",
    "approval_year",
    "approval_year_rule",
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
    "variant",
    "variants",
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


#: How far the one-year lag of `approval_year` can be trusted: read from dated national
#: examples, never published as a rule, and contradicted by seed 003 (see `approval_year`).
APPROVAL_YEAR_STATUS: RuleStatus = "inferred"

#: The dated national examples the lag is inferred from.
APPROVAL_YEAR_SOURCES: tuple[RuleSource, ...] = (
    RuleSource(
        "bma-fy2562",
        "BMA Strategy and Evaluation Department, certificate notice of 10 Feb 2564: the FY2562 "
        "results approved at the committee meeting of 2 Sep 2563 (in FY2563)",
        note="page URL not recorded",
    ),
    RuleSource(
        "moral-center-fy2564",
        "Moral Center news of 23 Nov 2564: FY2564 certificates presented (in FY2565)",
        "https://moralcenter.or.th/ข่าวและกิจกรรม/pr-news/730-news-23-11-64.html",
    ),
    RuleSource(
        "ect-fy2568",
        "Election Commission FY2568: certificates presented on 2 Dec 2568 (in FY2569)",
        "https://mgronline.com/politics/detail/9680000115463",
    ),
)


def approval_year(assessed: FiscalYear | int) -> FiscalYear:
    """The fiscal year in which results for ``assessed`` are usually approved and awarded.

    One year later: FY N results have been approved and awarded in FY N+1 in every dated
    national example found (FY2562 results approved on 2 Sep 2563; FY2564 certificates on
    23 Nov 2564; FY2568 certificates on 2 Dec 2568). That is an assumption with the status
    ``inferred`` (`APPROVAL_YEAR_STATUS`), not a published rule, and it does not hold
    everywhere: sample seed 003 shows a ministry's own FY2567 level-3 award presented on
    12 Sep 2567, inside FY2567. `approval_year_rule` returns the same year with its status
    and sources, for a report or a trace.

    >>> approval_year(FiscalYear(2562)), approval_year(2562)
    (FiscalYear(2563), FiscalYear(2563))
    """
    return _assessed_year(assessed).next()


def _assessed_year(value: object) -> FiscalYear:
    # A fiscal year given as a number goes through the one input policy (no bool, float or
    # text; 2400-10542), so a wrong value is a ValidationError at ``assessed``.
    if isinstance(value, FiscalYear):
        return value
    try:
        return load(FiscalYear, value)
    except ValidationError as exc:
        raise ValidationError([p.at("assessed") for p in exc.problems], "approval year") from None


def approval_year_rule(assessed: FiscalYear | int) -> RuleValue:
    """`approval_year` as a rule value: the BE year, its status and the sources it rests on.

    The status travels with the year, so whoever reports it reports an assumption
    (``inferred``); the sources are the ids of `APPROVAL_YEAR_SOURCES`.

    >>> rule = approval_year_rule(2567)
    >>> rule.key, rule.value, rule.status
    ('approval_year', 2568, 'inferred')
    >>> rule.sources
    ('bma-fy2562', 'moral-center-fy2564', 'ect-fy2568')
    """
    fiscal_year = _assessed_year(assessed)
    return RuleValue(
        "approval_year",
        approval_year(fiscal_year).be,
        APPROVAL_YEAR_STATUS,
        tuple(source.id for source in APPROVAL_YEAR_SOURCES),
    )
