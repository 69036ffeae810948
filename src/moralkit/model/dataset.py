"""A `Dataset`: everything a body of documents says, as one value.

>>> Dataset().organizations
()
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from attrs import field, fields, frozen

from moralkit.model._base import MANY
from moralkit.model.areas import Community, District
from moralkit.model.awards import Award
from moralkit.model.declarations import DeclarationOfIntent
from moralkit.model.events import Event
from moralkit.model.figures import SourceDocument
from moralkit.model.laws import LegalProvision
from moralkit.model.organizations import Organization, OrganizationRegistry, Person
from moralkit.model.plans import ActionPlan, NationalPlan

__all__ = ["Dataset"]


@frozen
class Dataset:
    """Organizations, people, areas, plans, declarations, events, awards and laws, with sources."""

    documents: tuple[SourceDocument, ...] = field(default=(), **MANY)
    organizations: tuple[Organization, ...] = field(default=(), **MANY)
    people: tuple[Person, ...] = field(default=(), **MANY)
    districts: tuple[District, ...] = field(default=(), **MANY)
    communities: tuple[Community, ...] = field(default=(), **MANY)
    national_plans: tuple[NationalPlan, ...] = field(default=(), **MANY)
    action_plans: tuple[ActionPlan, ...] = field(default=(), **MANY)
    declarations: tuple[DeclarationOfIntent, ...] = field(default=(), **MANY)
    events: tuple[Event, ...] = field(default=(), **MANY)
    awards: tuple[Award, ...] = field(default=(), **MANY)
    legal_provisions: tuple[LegalProvision, ...] = field(default=(), **MANY)

    def registry(self) -> OrganizationRegistry:
        """The organizations as an `OrganizationRegistry` (raises if ids or parents clash)."""
        return OrganizationRegistry(self.organizations)

    def organization(self, org_id: str) -> Organization:
        """The organization with id ``org_id``."""
        for org in self.organizations:
            if org.id == org_id:
                return org
        raise KeyError(f"no organization with id {org_id!r}")

    def person(self, person_id: str) -> Person:
        """The person with id ``person_id``."""
        for person in self.people:
            if person.id == person_id:
                return person
        raise KeyError(f"no person with id {person_id!r}")

    def items(self) -> Iterator[tuple[str, Any]]:
        """Every object with its collection name, collection by collection."""
        for f in fields(Dataset):
            for item in getattr(self, f.name):
                yield f.name, item

    def from_source(self, source_id: str) -> Dataset:
        """The part of the dataset that cites ``source_id`` (and that document itself)."""
        chosen: dict[str, list[Any]] = {f.name: [] for f in fields(Dataset)}
        for name, item in self.items():
            cited = getattr(item, "sources", ())
            if source_id in cited or (
                getattr(item, "id", None) == source_id and name == "documents"
            ):
                chosen[name].append(item)
        return Dataset(**{k: tuple(v) for k, v in chosen.items()})

    def merge(self, other: Dataset) -> Dataset:
        """Both datasets together: ``self``'s items first, collection by collection."""
        return Dataset(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(Dataset)}
        )
