"""moralkit: Thailand's moral-promotion domain as typed, immutable Python values.

The public names are re-exported here on purpose; submodules hold the details.

>>> import moralkit
>>> moralkit.FiscalYear.of(moralkit.parse_thai_date("๑๕ กรกฎาคม ๒๕๖๓"))
FiscalYear(2563)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # type checkers see the names; the runtime loads them on first use
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
        format_thai_datetime,
        parse_fiscal_year,
        parse_thai_date,
        parse_thai_date_range,
        parse_thai_datetime,
        to_arabic_digits,
        to_thai_digits,
    )
    from moralkit.trace import explain
    from moralkit.validation import validate

#: Where each public name lives; `__getattr__` imports the module on first use (PEP 562).
_LAZY = {
    "ActionPlan": "moralkit.model",
    "Activity": "moralkit.model",
    "ActivityResult": "moralkit.model",
    "Award": "moralkit.model",
    "AwardRecipient": "moralkit.model",
    "Community": "moralkit.model",
    "CpiRecord": "moralkit.model",
    "Dataset": "moralkit.model",
    "DateRange": "moralkit.thai",
    "DeclarationKind": "moralkit.model",
    "DeclarationOfIntent": "moralkit.model",
    "District": "moralkit.model",
    "Event": "moralkit.model",
    "EventKind": "moralkit.model",
    "EventMode": "moralkit.model",
    "FiscalYear": "moralkit.thai",
    "Indicator": "moralkit.model",
    "MoralLevel": "moralkit.model",
    "MoralkitError": "moralkit.errors",
    "NationalPlan": "moralkit.model",
    "Organization": "moralkit.model",
    "OrganizationKind": "moralkit.model",
    "OrganizationRegistry": "moralkit.model",
    "Person": "moralkit.model",
    "PlanStrategy": "moralkit.model",
    "Problem": "moralkit.errors",
    "ProgressReport": "moralkit.model",
    "Province": "moralkit.model",
    "Region": "moralkit.model",
    "RuleNotFoundError": "moralkit.errors",
    "Severity": "moralkit.errors",
    "TargetGroup": "moralkit.model",
    "TargetVirtue": "moralkit.model",
    "ThaiDateError": "moralkit.errors",
    "ValidationError": "moralkit.errors",
    "Venue": "moralkit.model",
    "Virtue": "moralkit.model",
    "be_year": "moralkit.thai",
    "ce_date": "moralkit.thai",
    "core_virtues": "moralkit.model",
    "dump": "moralkit.serde",
    "format_thai_date": "moralkit.thai",
    "format_thai_date_range": "moralkit.thai",
    "format_thai_datetime": "moralkit.thai",
    "explain": "moralkit.trace",
    "from_json": "moralkit.serde",
    "json_schema": "moralkit.schema",
    "load": "moralkit.serde",
    "parse_fiscal_year": "moralkit.thai",
    "parse_thai_date": "moralkit.thai",
    "parse_thai_date_range": "moralkit.thai",
    "parse_thai_datetime": "moralkit.thai",
    "province": "moralkit.model",
    "provinces": "moralkit.model",
    "to_arabic_digits": "moralkit.thai",
    "to_json": "moralkit.serde",
    "to_thai_digits": "moralkit.thai",
    "validate": "moralkit.validation",
}

#: Subpackages reachable as attributes (``moralkit.ita``) without importing them first.
_SUBMODULES = frozenset(
    {
        "analysis",
        "evaluation",
        "ita",
        "model",
        "moral",
        "plot",
        "rules",
        "samples",
        "schema",
        "serde",
        "testing",
        "thai",
        "trace",
        "validation",
    }
)

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
    "format_thai_datetime",
    "from_json",
    "json_schema",
    "load",
    "parse_fiscal_year",
    "parse_thai_date",
    "parse_thai_date_range",
    "parse_thai_datetime",
    "province",
    "provinces",
    "to_arabic_digits",
    "to_json",
    "to_thai_digits",
    "validate",
]


def __getattr__(name: str) -> object:
    # Public names load their module on first use, so `import moralkit` stays light.
    module = _LAZY.get(name)
    if module is not None:
        from importlib import import_module  # noqa: PLC0415

        value = getattr(import_module(module), name)
        globals()[name] = value  # later look-ups skip this function
        return value
    if name in _SUBMODULES:
        from importlib import import_module  # noqa: PLC0415

        return import_module(f"moralkit.{name}")
    # The version is read from the installed metadata on first use, never hard-coded.
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("moralkit")
    raise AttributeError(f"module 'moralkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY, *_SUBMODULES, "__version__"})
