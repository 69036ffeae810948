"""moralkit: Thailand's moral-promotion domain as typed, immutable Python values.

The public names are re-exported here on purpose; submodules hold the details.

>>> import moralkit
>>> moralkit.FiscalYear.of(moralkit.parse_thai_date("๑๕ กรกฎาคม ๒๕๖๓"))
FiscalYear(2563)
"""

from __future__ import annotations

from moralkit.errors import (
    MoralkitError,
    Problem,
    RuleNotFoundError,
    Severity,
    ThaiDateError,
    ValidationError,
)
from moralkit.model import (
    ActionPlan,
    Activity,
    ActivityResult,
    Award,
    AwardRecipient,
    Community,
    CpiRecord,
    Dataset,
    DeclarationKind,
    DeclarationOfIntent,
    District,
    Event,
    EventKind,
    EventMode,
    Indicator,
    MoralLevel,
    NationalPlan,
    Organization,
    OrganizationKind,
    OrganizationRegistry,
    Person,
    PlanStrategy,
    ProgressReport,
    Province,
    Region,
    TargetGroup,
    TargetVirtue,
    Venue,
    Virtue,
    core_virtues,
    province,
    provinces,
)
from moralkit.schema import json_schema
from moralkit.serde import dump, from_json, load, to_json
from moralkit.thai import (
    DateRange,
    FiscalYear,
    be_year,
    ce_date,
    format_thai_date,
    format_thai_date_range,
    parse_fiscal_year,
    parse_thai_date,
    parse_thai_date_range,
    to_arabic_digits,
    to_thai_digits,
)
from moralkit.trace import explain
from moralkit.validation import validate

__all__ = [
    "ActionPlan",
    "Activity",
    "ActivityResult",
    "Award",
    "AwardRecipient",
    "Community",
    "CpiRecord",
    "Dataset",
    "DateRange",
    "DeclarationKind",
    "DeclarationOfIntent",
    "District",
    "Event",
    "EventKind",
    "EventMode",
    "FiscalYear",
    "Indicator",
    "MoralLevel",
    "MoralkitError",
    "NationalPlan",
    "Organization",
    "OrganizationKind",
    "OrganizationRegistry",
    "Person",
    "PlanStrategy",
    "Problem",
    "ProgressReport",
    "Province",
    "Region",
    "RuleNotFoundError",
    "Severity",
    "TargetGroup",
    "TargetVirtue",
    "ThaiDateError",
    "ValidationError",
    "Venue",
    "Virtue",
    "be_year",
    "ce_date",
    "core_virtues",
    "dump",
    "explain",
    "format_thai_date",
    "format_thai_date_range",
    "from_json",
    "json_schema",
    "load",
    "parse_fiscal_year",
    "parse_thai_date",
    "parse_thai_date_range",
    "province",
    "provinces",
    "to_arabic_digits",
    "to_json",
    "to_thai_digits",
    "validate",
]


def __getattr__(name: str) -> str:
    # The version is read from the installed metadata on first use, never hard-coded.
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("moralkit")
    raise AttributeError(f"module 'moralkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), "__version__"])
