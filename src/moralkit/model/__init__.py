"""The domain model: plain, frozen attrs classes with Thai and English labels.

Classes hold data and cheap single-field invariants only; cross-field checks live in
`moralkit.validate`, serialization in `moralkit.serde`.
"""

from collections.abc import Mapping
from typing import Any

from moralkit._fields import invariant
from moralkit.errors import Problem
from moralkit.model._base import LabelledEnum, LabelledIntEnum
from moralkit.model.areas import (
    AreaNotFoundError,
    Community,
    District,
    Province,
    Region,
    province,
    provinces,
)
from moralkit.model.awards import Award, AwardRecipient, MoralLevel
from moralkit.model.dataset import Dataset
from moralkit.model.declarations import DeclarationKind, DeclarationOfIntent, Pledge, PledgeKind
from moralkit.model.events import (
    Contribution,
    DiscussionTopic,
    Event,
    EventKind,
    EventMode,
    EventRole,
    Role,
    Round,
    Session,
    TargetGroup,
    Venue,
)
from moralkit.model.figures import CpiRecord, Figure, SourceDocument
from moralkit.model.organizations import (
    Organization,
    OrganizationKind,
    OrganizationRegistry,
    Person,
)
from moralkit.model.plans import (
    ActionPlan,
    Activity,
    ActivityKind,
    ActivityResult,
    Indicator,
    NationalPlan,
    NationalPlanKind,
    NationalStrategy,
    PlanStrategy,
    ProgressReport,
    SubPlan,
)
from moralkit.model.virtues import TargetVirtue, Virtue, core_virtues

__all__ = [
    "ActionPlan",
    "Activity",
    "ActivityKind",
    "ActivityResult",
    "AreaNotFoundError",
    "Award",
    "AwardRecipient",
    "Community",
    "Contribution",
    "CpiRecord",
    "Dataset",
    "DeclarationKind",
    "DeclarationOfIntent",
    "DiscussionTopic",
    "District",
    "Event",
    "EventKind",
    "EventMode",
    "EventRole",
    "Figure",
    "Indicator",
    "LabelledEnum",
    "LabelledIntEnum",
    "MoralLevel",
    "NationalPlan",
    "NationalPlanKind",
    "NationalStrategy",
    "Organization",
    "OrganizationKind",
    "OrganizationRegistry",
    "Person",
    "PlanStrategy",
    "Pledge",
    "PledgeKind",
    "ProgressReport",
    "Province",
    "Region",
    "Role",
    "Round",
    "Session",
    "SourceDocument",
    "SubPlan",
    "TargetGroup",
    "TargetVirtue",
    "Venue",
    "Virtue",
    "core_virtues",
    "province",
    "provinces",
]


@invariant(TargetVirtue)
def _virtue_or_own_name(fields: Mapping[str, Any]) -> list[Problem]:
    if (fields.get("virtue") is None) == (fields.get("name_th") is None):
        return [Problem("", "virtue_or_own_name")]
    return []
