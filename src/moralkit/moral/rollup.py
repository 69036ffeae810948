"""Counts and shares at each level: per province, district, parent organization or nationally.

>>> t = Tally.from_counts("กรุงเทพมหานคร", {3: 7, 2: 6, 1: 9})
>>> t.total, t.count(3), t.share(3)
(22, 7, Decimal('31.82'))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal

from attrs import field, frozen

from moralkit._args import items_of, not_allowed, refuse, shown, wrong_type
from moralkit._decimal import percent
from moralkit.errors import Problem, ValidationError
from moralkit.messages import Words
from moralkit.model import Organization, OrganizationKind, OrganizationRegistry
from moralkit.model._base import MANY
from moralkit.moral.assess import Result, assess
from moralkit.moral.evidence import Evidence
from moralkit.moral.rubric import Rubric

__all__ = [
    "Coverage",
    "LevelChange",
    "Tally",
    "by_parent",
    "by_province",
    "rollup",
    "sub_unit_coverage",
    "what_if",
]


def _share(part: int, whole: int) -> Decimal:
    # An empty group has no share at any level: 0.00 rather than a division by zero.
    if whole == 0:
        return Decimal("0.00")
    return percent(part, whole)


@frozen
class Tally:
    """How many units of a group are at each level (0 = not yet at level 1)."""

    key: str
    counts: tuple[int, int, int, int]

    @classmethod
    def from_counts(cls, key: str, counts: Mapping[int, int]) -> Tally:
        """A tally from ``{level: count}``, as published tallies are written."""
        if not isinstance(counts, Mapping):
            raise ValidationError([Problem("counts", "moral.counts_not_a_mapping")], "Tally")
        problems = [
            Problem(f"counts[{level!r}]", "moral.unknown_tally_level", {"level": level})
            for level in counts
            if type(level) is not int or level not in {0, 1, 2, 3}
        ]
        problems.extend(
            Problem(f"counts[{level}]", "moral.bad_tally_count", {"count": count})
            for level, count in counts.items()
            if type(count) is not int or count < 0
        )
        if problems:
            raise ValidationError(problems, "Tally")
        return cls(key, (counts.get(0, 0), counts.get(1, 0), counts.get(2, 0), counts.get(3, 0)))

    @property
    def total(self) -> int:
        """Units in the group."""
        return sum(self.counts)

    def count(self, level: int) -> int:
        """Units whose level is exactly ``level``."""
        return self.counts[level]

    def at_least(self, level: int) -> int:
        """Units at ``level`` or above (levels are cumulative)."""
        return sum(self.counts[level:])

    def share(self, level: int) -> Decimal:
        """Percentage of the group exactly at ``level``, rounded half-up to 2 places."""
        return _share(self.counts[level], self.total)

    def share_at_least(self, level: int) -> Decimal:
        """Percentage of the group at ``level`` or above."""
        return _share(self.at_least(level), self.total)


Key = Callable[[Result], str | None]


def by_parent(registry: OrganizationRegistry) -> Key:
    """Group results by the parent of each assessed organization."""

    def key(result: Result) -> str | None:
        parent = registry.parent(result.organization)
        return parent.id if parent is not None else None

    return key


def by_province(organizations: Iterable[Organization]) -> Key:
    """Group results by the province code of each assessed organization.

    ``organizations`` that are not a collection of `moralkit.model.Organization` are refused
    with `moralkit.ValidationError`, each problem at its place (``organizations[2]``).
    """
    problems: list[Problem] = []
    found = items_of(
        "organizations", organizations, Organization, "moral.kind.organization", problems
    )
    if problems:
        refuse(problems, "by_province")
    where = {o.id: o.province for o in found}
    return lambda result: where.get(result.organization)


def rollup(results: Iterable[Result], by: Key | None = None) -> tuple[Tally, ...]:
    """Tally results per group (``by`` gives each result's group), or nationally (``TH``).

    Results whose group is ``None`` (unknown) are tallied under ``"(unknown)"``. Groups come
    in order of first appearance.
    """
    expected = Words("ผลการประเมิน (moralkit.moral.assess)", "a result of moralkit.moral.assess")
    if not isinstance(results, Iterable) or isinstance(results, str | bytes | Mapping):
        problem = Problem("results", "wrong_type", {"expected": expected, "value": results})
        raise ValidationError([problem], "rollup")
    groups: dict[str, list[int]] = {}
    problems: list[Problem] = []
    for index, result in enumerate(results):
        if not isinstance(result, Result):
            params = {"expected": expected, "value": result}
            problems.append(Problem(f"results[{index}]", "wrong_type", params))
            continue
        key = "TH" if by is None else (by(result) or "(unknown)")
        groups.setdefault(key, [0, 0, 0, 0])[result.level] += 1
    if problems:
        raise ValidationError(problems, "rollup")
    return tuple(Tally(k, (v[0], v[1], v[2], v[3])) for k, v in groups.items())


@frozen
class Coverage:
    """A department's view of its division-level sub-units for one set of results."""

    parent: str
    units: tuple[str, ...] = field(**MANY)
    assessed: tuple[str, ...] = field(**MANY)
    missing: tuple[str, ...] = field(**MANY)
    tally: Tally = field()

    @property
    def share_assessed(self) -> Decimal:
        """Percentage of the sub-units that were assessed."""
        return _share(len(self.assessed), len(self.units))


def sub_unit_coverage(
    registry: OrganizationRegistry,
    parent: str,
    results: Iterable[Result],
    kinds: Iterable[OrganizationKind] = (OrganizationKind.DIVISION,),
) -> Coverage:
    """How many of ``parent``'s sub-units of the given kinds were assessed, and at what level.

    A department's result draws on its sub-units at bureau/division level or equivalent, so
    by default only `OrganizationKind.DIVISION` units count. Arguments of the wrong kind, and
    a ``parent`` the registry does not hold, are refused with `moralkit.ValidationError`.
    """
    problems: list[Problem] = []
    if not isinstance(registry, OrganizationRegistry):
        problems.append(wrong_type("registry", "moral.kind.registry", registry))
    if not isinstance(parent, str):
        problems.append(wrong_type("parent", "kind.text", parent))
    elif isinstance(registry, OrganizationRegistry) and not _holds(registry, parent):
        problems.append(Problem("parent", "moral.unknown_organization", {"id": shown(parent)}))
    found = items_of("results", results, Result, "moral.kind.result", problems)
    wanted = set(_kinds(kinds, problems))
    if problems:
        refuse(problems, "sub_unit_coverage")
    units = tuple(o.id for o in registry.children(parent) if o.kind in wanted)
    by_unit = {r.organization: r for r in found if r.organization in units}
    assessed = tuple(u for u in units if u in by_unit)
    missing = tuple(u for u in units if u not in by_unit)
    counts = [0, 0, 0, 0]
    for unit in assessed:
        counts[by_unit[unit].level] += 1
    return Coverage(
        parent,
        units,
        assessed,
        missing,
        Tally(parent, (counts[0], counts[1], counts[2], counts[3])),
    )


def _holds(registry: OrganizationRegistry, org_id: str) -> bool:
    try:
        registry.get(org_id)
    except KeyError:
        return False
    return True


def _kinds(kinds: object, problems: list[Problem]) -> tuple[OrganizationKind, ...]:
    allowed = tuple(k.value for k in OrganizationKind)
    if not isinstance(kinds, Iterable) or isinstance(kinds, str | bytes | Mapping):
        problems.append(wrong_type("kinds", "kind.list", kinds))
        return ()
    found: list[OrganizationKind] = []
    for index, kind in enumerate(tuple(kinds)):
        if isinstance(kind, str) and kind in allowed:
            found.append(OrganizationKind(kind))
        else:
            problems.append(not_allowed(f"kinds[{index}]", allowed, kind))
    return tuple(found)


@frozen
class LevelChange:
    """An organization whose level differs under a variant rubric."""

    organization: str
    before: int
    after: int


def what_if(
    evidence: Iterable[Evidence], variant: Rubric, base: Rubric | None = None
) -> tuple[LevelChange, ...]:
    """Re-assess under ``variant`` and list who changes level.

    Each evidence is compared against ``base``, or against its fiscal year's packaged rubric.
    Arguments of the wrong kind are refused with `moralkit.ValidationError`, each problem at
    the argument's name.
    """
    problems: list[Problem] = []
    found = items_of("evidence", evidence, Evidence, "moral.kind.evidence", problems)
    if not isinstance(variant, Rubric):
        problems.append(wrong_type("variant", "moral.kind.rubric", variant))
    if base is not None and not isinstance(base, Rubric):
        problems.append(wrong_type("base", "moral.kind.rubric", base))
    if problems:
        refuse(problems, "what_if")
    changes = []
    for item in found:
        before = assess(item, base).level
        after = assess(item, variant).level
        if before != after:
            changes.append(LevelChange(item.organization, before, after))
    return tuple(changes)
