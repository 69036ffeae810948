"""Programme monitoring: evaluation forms, knowledge tests, attendance, outcomes, plan progress.

>>> from moralkit.evaluation import knowledge_gain
>>> knowledge_gain({"a": 5}, {"a": 8}).mean_gain
Decimal('3.00')
"""

from moralkit.evaluation.forms import (
    INTERPRETATIONS,
    EvaluationForm,
    FormItem,
    FormResponse,
    FormSummary,
    InterpretationBand,
    InterpretationTable,
    ItemAnswer,
    ItemSummary,
    Section,
    SectionSummary,
    summarize,
)
from moralkit.evaluation.outcomes import (
    AttendanceLine,
    KnowledgeGain,
    KnowledgeTest,
    OutcomeCheck,
    OutcomeReport,
    OutcomeTick,
    attendance,
    check_outcomes,
    knowledge_gain,
)
from moralkit.evaluation.progress import Breakdown, PlanProgress, plan_progress

__all__ = [
    "INTERPRETATIONS",
    "AttendanceLine",
    "Breakdown",
    "EvaluationForm",
    "FormItem",
    "FormResponse",
    "FormSummary",
    "InterpretationBand",
    "InterpretationTable",
    "ItemAnswer",
    "ItemSummary",
    "KnowledgeGain",
    "KnowledgeTest",
    "OutcomeCheck",
    "OutcomeReport",
    "OutcomeTick",
    "PlanProgress",
    "Section",
    "SectionSummary",
    "attendance",
    "check_outcomes",
    "knowledge_gain",
    "plan_progress",
    "summarize",
]
