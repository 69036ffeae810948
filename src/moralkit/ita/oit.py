"""The OIT evidence checklist: what an agency discloses on its website, item by item.

For the OIT (แบบวัดการเปิดเผยข้อมูลสาธารณะ) an agency answers มี / ไม่มี (has / does not have)
for each item of the year's list, gives the URL or URLs on its own site and an explanation; the
NACC consultants then check each item. An `OitChecklist` holds that, per item: present or not,
the URLs, the agency's explanation, and the reviewer's verdict with a comment. An item counts
as present for the score when the agency has it and the reviewer has not rejected it.

Checklists load from JSON (`load_checklist`, through the one converter) or from a table, one
row per item (`checklist_from_rows`); `carry_forward` moves a checklist to a later year's list
along a mapping of item codes (FY2566 and FY2568 renumbered the list).

>>> checklist = checklist_from_rows(
...     [{"item": "O1", "present": "มี", "urls": "https://example.go.th/structure"},
...      {"item": "O2", "present": "ไม่มี"}],
...     agency="example", fiscal_year=2568,
... )
>>> checklist.presence()["O1"], checklist.presence()["O2"]
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

import attrs
from attrs import field, frozen

from moralkit._args import fiscal_year_arg, refuse, shown, wrong_type
from moralkit._decimal import plain_scalar
from moralkit._fields import text_problem
from moralkit.errors import Problem, ValidationError
from moralkit.ita.rules_model import ItaRules
from moralkit.messages import Term, Words, show
from moralkit.model._base import MANY, TEXT, TEXTS
from moralkit.rules import RuleSource, RuleStatus
from moralkit.serde import from_json, load
from moralkit.thai.calendar import FiscalYear

__all__ = [
    "Carried",
    "CatalogueItem",
    "ItemEvidence",
    "OitChecklist",
    "Verdict",
    "carry_forward",
    "checklist_from_rows",
    "checklist_problems",
    "load_checklist",
    "mapping_steps",
    "oit_items",
]

#: The reviewer's verdict on one item: accepted, rejected (it does not count as present), or
#: to be revised by the agency.
Verdict = Literal["accepted", "rejected", "revise"]

_URL = re.compile(r"https?://\S+", re.ASCII)
_YES = {"มี": True, "ไม่มี": False, "yes": True, "no": False, "true": True, "false": False}


@frozen
class ItemEvidence:
    """One OIT item as the agency answers it and the reviewer judges it.

    ``carried_from`` names the previous year's items this evidence came from (see
    `carry_forward`); the verdict never carries, since each year is reviewed anew.
    """

    item: str = field(**TEXT)
    present: bool
    urls: tuple[str, ...] = field(default=(), **TEXTS)
    explanation: str | None = field(default=None, **TEXT)
    verdict: Verdict | None = None
    comment: str | None = field(default=None, **TEXT)
    carried_from: tuple[str, ...] = field(default=(), **TEXTS)

    @property
    def counts(self) -> bool:
        """Whether the item counts as present for the score."""
        return self.present and self.verdict != "rejected"


@frozen
class OitChecklist:
    """An agency's OIT checklist for one fiscal year.

    >>> c = OitChecklist("example", FiscalYear(2568), (ItemEvidence("O1", True),))
    >>> c.item("O1").present
    True
    """

    agency: str = field(**TEXT)
    fiscal_year: FiscalYear
    items: tuple[ItemEvidence, ...] = field(**MANY)

    def presence(self) -> dict[str, bool]:
        """``{item code: counts as present}``, the ``oit=`` input of `moralkit.ita.score`."""
        return {evidence.item: evidence.counts for evidence in self.items}

    def item(self, code: str) -> ItemEvidence:
        """The evidence of one item (`KeyError` when the checklist has none)."""
        for evidence in self.items:
            if evidence.item == code:
                return evidence
        raise KeyError(f"the checklist has no item {code!r}")

    def missing(self) -> tuple[str, ...]:
        """The items that do not count as present (absent or rejected)."""
        return tuple(e.item for e in self.items if not e.counts)


@frozen
class CatalogueItem:
    """An item of a year's OIT list, with the status of its name."""

    code: str
    name_th: str | None
    name_en: str | None
    sub_indicator: str | None
    status: RuleStatus
    sources: tuple[str, ...] = ()


def _rules(fiscal_year: FiscalYear | int, rules: ItaRules | None) -> ItaRules:
    if rules is not None:
        return rules
    from moralkit.ita.score import RULES  # noqa: PLC0415 (score imports nothing from here)

    return RULES.for_year(fiscal_year)


def _rules_arg(rules: object, problems: list[Problem]) -> ItaRules | None:
    if rules is not None and not isinstance(rules, ItaRules):
        problems.append(wrong_type("rules", "ita.kind.rules", rules))
        return None
    return rules


def oit_items(
    fiscal_year: FiscalYear | int, rules: ItaRules | None = None
) -> tuple[CatalogueItem, ...]:
    """The OIT items of a year, each with the status of its name (its own, else its list's).

    A fiscal year that is not a whole number, or ``rules`` that are not `ItaRules`, are
    refused with `moralkit.ValidationError` naming the argument.

    >>> [(i.code, i.name_th, i.status) for i in oit_items(2566)][9]
    ('O10', 'นโยบายคุ้มครองข้อมูลส่วนบุคคล', 'third-party')
    """
    problems: list[Problem] = []
    fy = fiscal_year_arg(fiscal_year, problems)
    given = _rules_arg(rules, problems)
    if fy is None or problems:
        refuse(problems, "oit_items")
    ita = _rules(fy, given)
    default: RuleStatus = ita.oit_catalogue.names_status if ita.oit_catalogue else "unverified"
    listed = ita.oit_catalogue.sources if ita.oit_catalogue else ()
    return tuple(
        CatalogueItem(
            i.code,
            i.name_th,
            i.name_en,
            i.sub_indicator,
            i.status or default,
            i.sources or listed,
        )
        for i in ita.oit_items
    )


def checklist_problems(checklist: OitChecklist, rules: ItaRules | None = None) -> list[Problem]:
    """Everything wrong with a checklist against its year's list; warnings included.

    Errors: items the year does not have, items given twice, URLs that are not http(s).
    Warnings: items of the year left out, an item marked present with no URL, a rejected item
    with no comment.
    """
    ita = _rules(checklist.fiscal_year, rules)
    known = [i.code for i in ita.oit_items]
    problems: list[Problem] = []
    if not known:
        return [
            Problem(
                "fiscal_year", "ita_oit.no_catalogue", {"fiscal_year": checklist.fiscal_year.be}
            )
        ]
    seen: set[str] = set()
    for index, evidence in enumerate(checklist.items):
        path = f"items[{index}]"
        if evidence.item not in known:
            problems.append(
                Problem(
                    f"{path}.item",
                    "ita_oit.unknown_item",
                    {"item": evidence.item, "fiscal_year": checklist.fiscal_year.be},
                )
            )
        if evidence.item in seen:
            problems.append(
                Problem(f"{path}.item", "ita_oit.duplicate_item", {"item": evidence.item})
            )
        seen.add(evidence.item)
        problems.extend(
            Problem(f"{path}.urls[{u}]", "ita_oit.bad_url", {"url": url})
            for u, url in enumerate(evidence.urls)
            if not _URL.fullmatch(url)
        )
        if evidence.present and not evidence.urls:
            problems.append(
                Problem(f"{path}.urls", "ita_oit.no_url", {"item": evidence.item}, "warning")
            )
        if evidence.verdict == "rejected" and evidence.comment is None:
            problems.append(
                Problem(
                    f"{path}.comment",
                    "ita_oit.rejected_without_comment",
                    {"item": evidence.item},
                    "warning",
                )
            )
    left_out = [code for code in known if code not in seen]
    if left_out:
        problems.append(Problem("items", "ita_oit.items_left_out", {"items": left_out}, "warning"))
    return problems


def _checked(checklist: OitChecklist, rules: ItaRules | None) -> OitChecklist:
    errors = [p for p in checklist_problems(checklist, rules) if p.severity == "error"]
    if errors:
        raise ValidationError(errors, "OIT checklist")
    return checklist


def load_checklist(
    source: str | bytes | Path | Mapping[str, Any], rules: ItaRules | None = None
) -> OitChecklist:
    """Read a checklist from JSON text, a path or parsed data, checked against its year.

    A path that cannot be read (missing, a directory) raises `moralkit.ValidationError`
    naming the file.

    >>> c = load_checklist('{"agency": "example", "fiscal_year": 2568, '
    ...                    '"items": [{"item": "O4", "present": true}]}')
    >>> c.presence()
    {'O4': True}
    """
    if isinstance(source, Path):
        try:
            raw = source.read_bytes()
        except OSError as exc:  # missing, a directory, unreadable: name the file
            subject = str(source)
            reason = exc.strerror or type(exc).__name__
            raise ValidationError(
                [Problem("", "rules.unreadable_file", {"file": subject, "reason": reason})],
                subject,
            ) from None
        checklist = from_json(OitChecklist, raw)
    elif isinstance(source, str | bytes):
        checklist = from_json(OitChecklist, source)
    else:
        checklist = load(OitChecklist, source)
    return _checked(checklist, rules)


def _present(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _YES.get(value.strip().lower())
    return None


def _urls(value: object) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(value.split())
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    return None


_COLUMNS = {"item", "present", "urls", "explanation", "verdict", "comment", "agency", "fiscal_year"}


def checklist_from_rows(
    rows: Iterable[Mapping[str, object]],
    *,
    agency: str | None = None,
    fiscal_year: FiscalYear | int | None = None,
    rules: ItaRules | None = None,
) -> OitChecklist:
    """Build a checklist from table rows, one per item (a list of dicts, a CSV reader ...).

    Columns: ``item``, ``present`` (``True``/``False``, ``มี``/``ไม่มี`` or ``yes``/``no``),
    ``urls`` (a list, or URLs separated by spaces or new lines), ``explanation``, ``verdict``
    (``accepted``/``rejected``/``revise``), ``comment``; ``agency`` and ``fiscal_year`` as
    columns or arguments. Empty cells are missing values. Every problem is reported at once,
    with the row's index in its path (``[3].present``).
    """
    problems: list[Problem] = []
    items: list[dict[str, object]] = []
    agencies: set[str] = set()
    years: set[int] = set()
    if agency is not None:
        _text_arg("agency", agency, agencies, problems)
    if fiscal_year is not None and (fy := fiscal_year_arg(fiscal_year, problems)) is not None:
        years.add(fy.be)
    refused = len(problems)  # an agency or year refused is not also counted as missing
    given = _rules_arg(rules, problems)
    if isinstance(rows, str | bytes | Mapping) or not isinstance(rows, Iterable):
        problems.append(wrong_type("rows", "kind.list", rows))
        rows = ()
    for index, row in enumerate(rows):
        path = f"[{index}]"
        if not isinstance(row, Mapping):
            problems.append(Problem(path, "ita_oit.row_not_mapping", {"got": type(row).__name__}))
            continue
        cells = {
            k: v
            for k, v in row.items()
            if not (v is None or (isinstance(v, str) and not v.strip()))
        }
        problems.extend(
            Problem(
                _cell_path(path, key),
                "ita_oit.unknown_column",
                {"column": shown(key), "known": sorted(_COLUMNS)},
            )
            for key in cells
            if not isinstance(key, str) or key not in _COLUMNS
        )
        cells = {k: v for k, v in cells.items() if isinstance(k, str) and k in _COLUMNS}
        before = len(problems)
        if "agency" in cells:
            _text_arg(f"{path}.agency", cells.pop("agency"), agencies, problems)
        if "fiscal_year" in cells:
            year = cells.pop("fiscal_year")
            # A year read from a CSV file is text; a whole number written in digits is meant.
            if isinstance(year, str) and year.strip().isdecimal() and year.isascii():
                year = int(year)
            if (fy := fiscal_year_arg(year, problems, f"{path}.fiscal_year")) is not None:
                years.add(fy.be)
        refused += len(problems) - before
        present = _present(cells.get("present"))
        if "present" not in cells:
            problems.append(Problem(f"{path}.present", "missing", {"key": "present"}))
        elif present is None:
            problems.append(
                Problem(
                    f"{path}.present", "ita_oit.bad_present", {"value": shown(cells["present"])}
                )
            )
        urls = _urls(cells.get("urls"))
        if urls is None:
            problems.append(
                Problem(f"{path}.urls", "ita_oit.bad_urls", {"value": shown(cells.get("urls"))})
            )
        item = {k: v for k, v in cells.items() if k in _COLUMNS}
        item.update(present=present, urls=list(urls or ()))
        items.append(item)
    if len(agencies) > 1 or len(years) > 1 or (not refused and (not agencies or not years)):
        problems.append(
            Problem(
                "",
                "ita_oit.one_agency_year",
                {"agencies": sorted(agencies), "years": sorted(map(str, years))},
            )
        )
    if problems:
        raise ValidationError(problems, "OIT checklist")
    data = {"agency": agencies.pop(), "fiscal_year": years.pop(), "items": items}
    try:
        return _checked(load(OitChecklist, data), given)
    except ValidationError as error:
        raise ValidationError([_row_path(p) for p in error.problems], "OIT checklist") from None


def _cell_path(row: str, key: object) -> str:
    """The path of a row's cell: ``[3].urls``, or ``[3][7]`` for a column that is not text."""
    return f"{row}.{key}" if isinstance(key, str) else f"{row}[{show(key)}]"


def _text_arg(path: str, value: object, found: set[str], problems: list[Problem]) -> None:
    """An agency given as an argument or a cell: text, added to ``found``, or a problem."""
    if not isinstance(value, str):
        problems.append(wrong_type(path, "kind.text", value))
    elif (problem := text_problem(value)) is not None:
        problems.append(problem.at(path))
    else:
        found.add(value)


def _row_path(problem: Problem) -> Problem:
    """A checklist problem located in the rows: ``items[3].urls`` is row ``[3].urls``.

    The agency and the fiscal year are arguments or repeated columns, so a problem with
    them is about the input as a whole.
    """
    if problem.path.startswith("items["):
        path = problem.path.removeprefix("items")
    elif problem.path.startswith("items"):
        path = problem.path.removeprefix("items").lstrip(".")
    else:
        path = ""
    return Problem(path, problem.code, problem.params, problem.severity)


# --- carrying evidence to a later year --------------------------------------------------------


@frozen
class _Pair:
    item: str
    to: tuple[str, ...] = field(**TEXTS)
    status: RuleStatus | None = None
    note: str | None = None


@frozen
class MappingStep:
    """How item codes carry from ``from_year`` to ``to_year``, with a status."""

    from_year: int
    to_year: int
    status: RuleStatus
    note: str
    sources: tuple[str, ...]
    pairs: tuple[_Pair, ...]

    def targets(self, code: str) -> tuple[tuple[str, RuleStatus], ...]:
        """The next year's items an item's evidence goes to, each with the pair's status."""
        return tuple(
            (to, pair.status or self.status)
            for pair in self.pairs
            if pair.item == code
            for to in pair.to
        )


@frozen
class _Mapping:
    about: str
    sources: tuple[RuleSource, ...]
    steps: tuple[MappingStep, ...]


@cache
def _mapping() -> _Mapping:
    raw = files("moralkit.ita").joinpath("data/oit_mapping.json").read_bytes()
    return from_json(_Mapping, raw)


def mapping_steps() -> tuple[MappingStep, ...]:
    """The packaged mapping steps between consecutive years' OIT lists.

    >>> [(s.from_year, s.status) for s in mapping_steps()]
    [(2564, 'verified'), (2565, 'derived'), (2566, 'unverified'), (2567, 'derived')]
    """
    return _mapping().steps


@frozen
class Carried:
    """A checklist carried to a later year, and what did not carry.

    ``checklist`` holds every item of the new year: evidence carried from the old items that
    map to it (``carried_from``), or an absent item with no evidence when none maps to it
    (listed in ``new_items``). ``dropped`` are old items with evidence that maps nowhere.
    ``statuses`` gives the weakest status of the mapping behind each new item.
    """

    checklist: OitChecklist
    new_items: tuple[str, ...]
    dropped: tuple[str, ...]
    statuses: tuple[tuple[str, RuleStatus], ...]


_ORDER: tuple[RuleStatus, ...] = (
    "verified",
    "derived",
    "inferred",
    "third-party",
    "unverified",
    "unsourced",
)


def _weakest(statuses: Iterable[RuleStatus]) -> RuleStatus:
    return max(statuses, key=_ORDER.index)


def _step(checklist: OitChecklist, step: MappingStep, rules: ItaRules) -> Carried:
    new: dict[str, list[tuple[ItemEvidence, RuleStatus]]] = {i.code: [] for i in rules.oit_items}
    dropped = []
    for evidence in checklist.items:
        targets = step.targets(evidence.item)
        if not targets:
            dropped.append(evidence.item)
        for code, status in targets:
            new[code].append((evidence, status))
    items = []
    statuses = []
    for code, sources in new.items():
        if not sources:
            items.append(ItemEvidence(code, False))
            continue
        olds = [e for e, _ in sources]
        urls = tuple(dict.fromkeys(u for e in olds for u in e.urls))
        notes = [e.explanation for e in olds if e.explanation]
        items.append(
            ItemEvidence(
                code,
                all(e.counts for e in olds),
                urls,
                "\n".join(notes) or None,
                carried_from=tuple(e.item for e in olds),
            )
        )
        statuses.append((code, _weakest(s for _, s in sources)))
    carried = OitChecklist(checklist.agency, FiscalYear(step.to_year), tuple(items))
    new_items = tuple(code for code, sources in new.items() if not sources)
    return Carried(carried, new_items, tuple(dropped), tuple(statuses))


def carry_forward(checklist: OitChecklist, to_year: FiscalYear | int) -> Carried:
    """Carry a checklist's evidence to a later year's OIT list, step by step.

    An item of the new year takes the URLs and explanations of the old items that map to it,
    and counts as present when all of them did; the reviewer's verdict does not carry. Items
    with nothing mapped to them start absent. Over several steps, ``carried_from`` names the
    items of the year before ``to_year``.

    >>> old = OitChecklist("example", FiscalYear(2567), (
    ...     ItemEvidence("O27", True, ("https://example.go.th/complaints",), verdict="accepted"),
    ... ))
    >>> carried = carry_forward(old, 2568)
    >>> e = carried.checklist.item("O17")
    >>> e.present, e.urls, e.carried_from, e.verdict
    (True, ('https://example.go.th/complaints',), ('O27',), None)
    >>> dict(carried.statuses)["O17"]
    'derived'
    """
    from moralkit.ita.score import RULES  # noqa: PLC0415 (score imports nothing from here)

    problems = []
    if not isinstance(checklist, OitChecklist):
        expected = Words("รายการตรวจสอบ OIT (OitChecklist)", "an OIT checklist (OitChecklist)")
        problems.append(
            Problem("checklist", "wrong_type", {"expected": expected, "value": checklist})
        )
    target = to_year.be if isinstance(to_year, FiscalYear) else plain_scalar(to_year)
    if isinstance(target, bool) or not isinstance(target, int):
        params = {"expected": Term("kind.integer"), "value": to_year}
        problems.append(Problem("to_year", "wrong_type", params))
    if problems:
        raise ValidationError(problems, "OIT carry forward")
    assert isinstance(target, int)  # checked above
    steps = {s.from_year: s for s in mapping_steps()}
    year = checklist.fiscal_year.be
    if target <= year or any(y not in steps for y in range(year, target)):
        held = ", ".join(f"{s.from_year}->{s.to_year}" for s in mapping_steps())
        raise ValidationError(
            [
                Problem(
                    "to_year",
                    "ita_oit.no_mapping",
                    {"from_year": year, "to_year": target, "held": held},
                )
            ],
            "OIT carry forward",
        )
    carried = Carried(checklist, (), (), ())
    dropped: list[str] = []
    weakest: dict[str, RuleStatus] = {}
    while year < target:
        step = steps[year]
        carried = _step(carried.checklist, step, RULES.for_year(step.to_year))
        dropped.extend(f"FY{year} {code}" for code in carried.dropped)
        weakest = {
            code: _weakest([status, *_previous(weakest, carried.checklist.item(code).carried_from)])
            for code, status in carried.statuses
        }
        year = step.to_year
    return attrs.evolve(carried, dropped=tuple(dropped), statuses=tuple(weakest.items()))


def _previous(weakest: Mapping[str, RuleStatus], codes: Iterable[str]) -> list[RuleStatus]:
    return [weakest[c] for c in codes if c in weakest]
