"""The Integrity and Transparency Assessment (ITA) of Thai public agencies.

Rules are versioned by fiscal year (FY2562-FY2568) and carry each value's status. Scores can be
computed from tool scores, indicator scores, or raw answers and the OIT checklist.

>>> from moralkit.ita import score
>>> r = score(2568, tools={"IIT": 98, "EIT": 84, "OIT": "99.5"})
>>> r.total, r.level.label_th
(Decimal('94.40'), 'ผ่าน')
"""

from moralkit.ita.cpi import (
    CpiChange,
    CpiNotHeldError,
    CpiStatus,
    cpi,
    cpi_change,
    cpi_sources,
    cpi_status,
    cpi_years,
)
from moralkit.ita.gap import Gap, GapTarget, gap
from moralkit.ita.history import History, history
from moralkit.ita.many import (
    UNGROUPED,
    ItaRecord,
    LevelCount,
    ScoredAgency,
    Summary,
    score_many,
    summary,
    summary_by,
)
from moralkit.ita.national import (
    NationalNotHeldError,
    NationalResult,
    NotHeld,
    PublishedRow,
    not_held,
    published,
    published_rows,
    published_years,
)
from moralkit.ita.oit import (
    ItemEvidence,
    OitChecklist,
    carry_forward,
    checklist_from_rows,
    load_checklist,
    oit_items,
)
from moralkit.ita.rules_model import ItaRules, check_ita_rules, scaffold
from moralkit.ita.score import (
    RULES,
    Answer,
    Figure,
    ItaInput,
    ItaLevel,
    Response,
    Result,
    possible_levels,
    score,
)
from moralkit.ita.tables import (
    indicators_from_answers,
    oit_from_checklist,
    score_table,
    summarize_table,
    year_over_year,
)

__all__ = [
    "RULES",
    "UNGROUPED",
    "Answer",
    "CpiChange",
    "CpiNotHeldError",
    "CpiStatus",
    "Figure",
    "Gap",
    "GapTarget",
    "History",
    "ItaInput",
    "ItaLevel",
    "ItaRecord",
    "ItaRules",
    "ItemEvidence",
    "LevelCount",
    "NationalNotHeldError",
    "NationalResult",
    "NotHeld",
    "OitChecklist",
    "PublishedRow",
    "Response",
    "Result",
    "ScoredAgency",
    "Summary",
    "carry_forward",
    "check_ita_rules",
    "checklist_from_rows",
    "cpi",
    "cpi_change",
    "cpi_sources",
    "cpi_status",
    "cpi_years",
    "gap",
    "history",
    "indicators_from_answers",
    "load_checklist",
    "load_rules",
    "not_held",
    "oit_from_checklist",
    "oit_items",
    "possible_levels",
    "published",
    "published_rows",
    "published_years",
    "scaffold",
    "score",
    "score_many",
    "score_table",
    "summarize_table",
    "summary",
    "summary_by",
    "year_over_year",
]


def load_rules(source: object) -> ItaRules:
    """Read your own ITA rule file (a path, JSON text or parsed data), with the packaged checks."""
    return RULES.load(source)  # type: ignore[arg-type]
