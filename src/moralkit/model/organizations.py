"""Organizations, the people who speak for them, and the hierarchy between them.

>>> ministry = Organization("moi", "กระทรวงอุตสาหกรรม", kind=OrganizationKind.MINISTRY)
>>> office = Organization("moi-ops", "สำนักงานปลัดกระทรวงอุตสาหกรรม",
...                       kind=OrganizationKind.DEPARTMENT, parent="moi")
>>> registry = OrganizationRegistry([ministry, office])
>>> [o.id for o in registry.ancestors("moi-ops")]
['moi']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from types import MappingProxyType

from attrs import field, frozen

from moralkit.errors import Problem, ValidationError
from moralkit.model._base import COUNT, ID, PROVINCE, TEXT, LabelledEnum, refers_to

__all__ = [
    "Organization",
    "OrganizationKind",
    "OrganizationRegistry",
    "Person",
]


class OrganizationKind(LabelledEnum):
    """What kind of body an organization is."""

    MINISTRY = "ministry", "กระทรวง", "ministry"
    DEPARTMENT = "department", "กรมหรือเทียบเท่า", "department or equivalent"
    DIVISION = "division", "กอง/สำนักหรือเทียบเท่า", "division or bureau"
    SECTION = "section", "กลุ่มงาน/ฝ่าย", "section or work group"
    PROVINCIAL_OFFICE = "provincial_office", "ส่วนราชการระดับจังหวัด", "provincial office"
    DISTRICT_OFFICE = "district_office", "ส่วนราชการระดับอำเภอ", "district office"
    PUBLIC_ORGANIZATION = "public_organization", "องค์การมหาชน", "public organization"
    STATE_ENTERPRISE = "state_enterprise", "รัฐวิสาหกิจ", "state enterprise"
    LOCAL_ADMINISTRATION = (
        "local_administration",
        "องค์กรปกครองส่วนท้องถิ่น",
        "local administration",
    )
    SCHOOL = "school", "โรงเรียน", "school"
    UNIVERSITY = "university", "มหาวิทยาลัย", "university"
    COMMITTEE = "committee", "คณะกรรมการ", "committee"
    COMMUNITY_GROUP = "community_group", "กลุ่มในชุมชน", "community group"
    WORKING_GROUP = "working_group", "คณะทำงาน/กลุ่มรณรงค์", "working group or campaign group"
    INTERNATIONAL = "international", "องค์กรระหว่างประเทศ", "international organization"
    OTHER = "other", "อื่น ๆ", "other"


@frozen
class Organization:
    """A public body, unit, group or committee.

    ``id`` is a short identifier of your choosing (``moph-hsd``); ``parent`` is the id of
    the organization it belongs to. ``province`` is an ISO 3166-2:TH code and
    ``district_th`` a district name, where the organization is local. ``member_count`` is
    the number of executives and members, when known.
    """

    id: str = field(**ID)
    name_th: str = field(**TEXT)
    name_en: str | None = field(default=None, **TEXT)
    abbreviation_th: str | None = field(default=None, **TEXT)
    kind: OrganizationKind = OrganizationKind.OTHER
    parent: str | None = field(default=None, **ID)
    province: str | None = field(default=None, **PROVINCE)
    district_th: str | None = field(default=None, **TEXT)
    member_count: int | None = field(default=None, **COUNT)
    sources: tuple[str, ...] = field(default=(), **refers_to("document", many=True))

    @property
    def label_th(self) -> str:
        """The Thai name, with the abbreviation in brackets when there is one."""
        if self.abbreviation_th:
            return f"{self.name_th} ({self.abbreviation_th})"
        return self.name_th

    @property
    def label_en(self) -> str:
        """The English name, or the Thai name when none is known."""
        return self.name_en or self.name_th


@frozen
class Person:
    """Someone who speaks, presides or takes part: a name, a title and a position.

    ``title_th`` is the honorific (นาย, นางสาว ...); ``name_th`` the given and family name.
    ``position_th`` is the position as the source writes it; ``organization`` the id of the
    organization it belongs to, when known.
    """

    id: str = field(**ID)
    name_th: str = field(**TEXT)
    title_th: str | None = field(default=None, **TEXT)
    name_en: str | None = field(default=None, **TEXT)
    position_th: str | None = field(default=None, **TEXT)
    position_en: str | None = field(default=None, **TEXT)
    organization: str | None = field(default=None, **refers_to("organization"))
    sources: tuple[str, ...] = field(default=(), **refers_to("document", many=True))

    @property
    def label_th(self) -> str:
        """``นายยงจิรายุ อุปเสน`` (the title joins the name, as Thai writes it)."""
        return f"{self.title_th or ''}{self.name_th}"


class OrganizationRegistry:
    """Organizations by id, with their hierarchy; immutable once built.

    Building one checks that ids are unique, every parent exists, and no organization is
    its own ancestor; all problems are raised together as a `ValidationError` with paths
    such as ``organizations[3].parent``.
    """

    __slots__ = ("_by_id", "_children")

    def __init__(self, organizations: Iterable[Organization]) -> None:
        items = tuple(organizations)
        problems = self.problems(items)
        if problems:
            raise ValidationError(problems, "OrganizationRegistry")
        by_id = {org.id: org for org in items}
        children: dict[str, list[str]] = {}
        for org in items:
            if org.parent is not None:
                children.setdefault(org.parent, []).append(org.id)
        self._by_id = MappingProxyType(by_id)
        self._children = MappingProxyType({k: tuple(v) for k, v in children.items()})

    @staticmethod
    def problems(organizations: Iterable[Organization]) -> list[Problem]:
        """What would stop ``organizations`` forming a registry, as a list of problems.

        Duplicate ids, unknown parents and cycles, at paths such as ``organizations[3].parent``.
        """
        items = tuple(organizations)
        problems: list[Problem] = []
        by_id: dict[str, Organization] = {}
        for index, org in enumerate(items):
            if org.id in by_id:
                problems.append(
                    Problem(f"organizations[{index}].id", "duplicate", {"value": org.id})
                )
            else:
                by_id[org.id] = org
        for index, org in enumerate(items):
            if org.parent is not None and org.parent not in by_id:
                problems.append(
                    Problem(
                        f"organizations[{index}].parent",
                        "unknown_parent",
                        {"parent": org.parent, "id": org.id},
                    )
                )
        problems.extend(_cycles(items, by_id))
        return problems

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Organization]:
        return iter(self._by_id.values())

    def __contains__(self, org_id: object) -> bool:
        return org_id in self._by_id

    def get(self, org_id: str) -> Organization:
        """The organization with id ``org_id``; `KeyError` naming it when unknown."""
        try:
            return self._by_id[org_id]
        except KeyError:
            raise KeyError(f"no organization with id {org_id!r}") from None

    def parent(self, org_id: str) -> Organization | None:
        """The direct parent, or ``None`` for a top-level organization."""
        parent = self.get(org_id).parent
        return None if parent is None else self._by_id[parent]

    def children(self, org_id: str) -> tuple[Organization, ...]:
        """The organizations directly under ``org_id``, in the order given."""
        self.get(org_id)
        return tuple(self._by_id[c] for c in self._children.get(org_id, ()))

    def ancestors(self, org_id: str) -> tuple[Organization, ...]:
        """Parent, grandparent ... up to the top, nearest first."""
        result: list[Organization] = []
        current = self.parent(org_id)
        while current is not None:
            result.append(current)
            current = self.parent(current.id)
        return tuple(result)

    def descendants(self, org_id: str) -> tuple[Organization, ...]:
        """Everything under ``org_id``, depth first, in the order given.

        Iterative and linear in the number of descendants: a hierarchy 10,000 deep is fine.
        """
        self.get(org_id)
        result: list[Organization] = []
        stack = list(reversed(self._children.get(org_id, ())))
        while stack:
            child = stack.pop()
            result.append(self._by_id[child])
            stack.extend(reversed(self._children.get(child, ())))
        return tuple(result)

    def roots(self) -> tuple[Organization, ...]:
        """The organizations with no parent."""
        return tuple(o for o in self._by_id.values() if o.parent is None)


def _cycles(items: tuple[Organization, ...], by_id: dict[str, Organization]) -> list[Problem]:
    """Every organization whose chain of parents runs into a loop, in one linear pass.

    Each id is settled once: walking up from an unsettled organization either reaches a
    settled one, the top, an unknown parent, or an id already on this walk (a loop); every id
    on the walk then takes that answer.
    """
    looped: dict[str, bool] = {}
    for org in items:
        walk: list[str] = []
        on_walk: set[str] = set()
        current: str | None = org.id
        answer = False
        while current is not None and current in by_id:
            if current in looped:
                answer = looped[current]
                break
            if current in on_walk:
                answer = True
                break
            walk.append(current)
            on_walk.add(current)
            current = by_id[current].parent
        for org_id in walk:
            looped[org_id] = answer
    return [
        Problem(f"organizations[{index}].parent", "cycle", {"id": org.id, "parent": org.parent})
        for index, org in enumerate(items)
        if looped.get(org.id) and by_id.get(org.id) is org
    ]
