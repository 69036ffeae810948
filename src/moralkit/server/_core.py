"""What the service and the command line share, free of HTTP: named classes, row scoring, words.

Nothing here imports a web framework, so the command line can use it without
``moralkit[server]`` installed.
"""

from __future__ import annotations

import importlib
import inspect
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from functools import cache
from typing import Any, cast

import attrs
from attrs import field, frozen

from moralkit.errors import Problem, ValidationError
from moralkit.ita.score import Response
from moralkit.messages import Lang, Term, render
from moralkit.model._base import MANY, TEXT
from moralkit.serde import load
from moralkit.thai.calendar import FiscalYear

__all__ = [
    "OUTPUT_COLUMNS",
    "TOOL_COLUMNS",
    "ItaScoreInput",
    "ItaTableInput",
    "ItaTableRow",
    "ScoredRow",
    "ValidationReport",
    "classes",
    "explain_text",
    "find_class",
    "group_columns",
    "row_input",
    "score_rows",
]

#: The columns of a scored table, the same as ``ita.score_table``'s.
OUTPUT_COLUMNS: tuple[str, ...] = (
    "agency",
    "IIT",
    "EIT",
    "OIT",
    "total",
    "level",
    "level_th",
    "level_en",
    "passed",
    "fiscal_year",
)
TOOL_COLUMNS: tuple[str, ...] = ("IIT", "EIT", "OIT")
_INDICATOR_COLUMN = re.compile(r"(?:indicator_?|i)?([0-9]{1,2})", re.ASCII | re.IGNORECASE)

# The packages whose public attrs classes can be named; names outside moralkit's own face
# carry their package (``ita.Result``, ``moral.Result``) because bare names would collide.
_PACKAGES = ("moralkit", "moralkit.moral", "moralkit.ita", "moralkit.evaluation")


@frozen
class ItaScoreInput:
    """One agency's ITA input, in the shape ``ita.score`` takes.

    Give ``tools`` alone, or ``indicators`` (``{"1": "93.55", ...}``), ``responses`` and
    ``oit`` together. Scores are strings such as ``"85.50"`` or whole numbers.

    >>> from moralkit import load
    >>> load(ItaScoreInput, {"fiscal_year": 2568, "tools": {"IIT": 98, "EIT": 84, "OIT": "99.5"}})
    ... # doctest: +ELLIPSIS
    ItaScoreInput(fiscal_year=FiscalYear(2568), tools={'IIT': Decimal('98'), ...}, ...)
    """

    fiscal_year: FiscalYear
    tools: Mapping[str, Decimal] | None = None
    indicators: Mapping[int, Decimal] | None = None
    responses: tuple[Response, ...] | None = None
    oit: Mapping[str, bool] | None = None


@frozen
class ItaTableRow:
    """One agency in a table: tool or indicator scores, and the groups it belongs to."""

    agency: str = field(**TEXT)
    tools: Mapping[str, Decimal] | None = None
    indicators: Mapping[int, Decimal] | None = None
    groups: Mapping[str, str] = field(factory=dict)


@frozen
class ItaTableInput:
    """Many agencies of one fiscal year."""

    fiscal_year: FiscalYear
    rows: tuple[ItaTableRow, ...] = field(**MANY)


@frozen
class ScoredRow:
    """One scored agency: the columns of ``ita.score_table``."""

    agency: str
    IIT: Decimal
    EIT: Decimal
    OIT: Decimal
    total: Decimal
    level: str
    level_th: str
    level_en: str
    passed: bool
    fiscal_year: FiscalYear

    def cells(self) -> tuple[str, ...]:
        """The row as text cells, in `OUTPUT_COLUMNS` order."""
        return (
            self.agency,
            str(self.IIT),
            str(self.EIT),
            str(self.OIT),
            str(self.total),
            self.level,
            self.level_th,
            self.level_en,
            "true" if self.passed else "false",
            str(self.fiscal_year.be),
        )


@frozen
class ReportedProblem:
    """A problem as the service reports it: where, which code, and the words."""

    path: str
    code: str
    message: str
    severity: str = "error"


@frozen
class ValidationReport:
    """The answer of a validation: whether the input is valid, and every problem found."""

    name: str
    valid: bool
    errors: tuple[ReportedProblem, ...] = ()
    warnings: tuple[ReportedProblem, ...] = ()


def reported(problems: Iterable[Problem], lang: Lang) -> tuple[ReportedProblem, ...]:
    """Problems with their message in ``lang``."""
    return tuple(ReportedProblem(p.path, p.code, p.message(lang), p.severity) for p in problems)


@cache
def classes() -> Mapping[str, type[Any]]:
    """Every public class that has a JSON Schema, by the name the service and CLI use.

    >>> classes()["Dataset"].__name__, classes()["moral.Evidence"].__name__
    ('Dataset', 'Evidence')
    """
    from moralkit.schema import json_schema  # noqa: PLC0415

    found: dict[str, type[Any]] = {}
    for package in _PACKAGES:
        module = importlib.import_module(package)
        prefix = "" if package == "moralkit" else package.removeprefix("moralkit.") + "."
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name, None)
            if not (inspect.isclass(obj) and attrs.has(obj)):
                continue
            try:
                json_schema(obj)
            except (TypeError, KeyError, ValueError):
                continue  # not a wire class (holds callables or Any): nothing to publish
            found[prefix + name] = obj
    for cls in (ItaScoreInput, ItaTableInput, ScoredRow, ValidationReport):
        found["service." + cls.__name__] = cls
    return dict(sorted(found.items()))


def find_class(name: str) -> type[Any] | None:
    """The class called ``name``: its full name, or a bare name that only one class has.

    >>> find_class("Evidence").__module__
    'moralkit.moral.evidence'
    >>> find_class("Result") is None  # ita.Result or moral.Result?
    True
    """
    known = classes()
    if name in known:
        return known[name]
    matches = [cls for key, cls in known.items() if key.rsplit(".", 1)[-1] == name]
    return matches[0] if len(matches) == 1 else None


def explain_text(result: object, lang: Lang) -> str:
    """A result's explanation in ``lang``: `moralkit.trace.explain` of its trace, else its steps."""
    if getattr(result, "trace", None) is not None:
        from moralkit.trace import Traced, explain  # noqa: PLC0415

        return explain(cast(Traced, result), lang)
    steps = getattr(result, "explanation", ())
    return "\n".join(step.text_th if lang == "th" else step.text_en for step in steps)


def _cell(value: object) -> object:
    """A table cell as scoring takes it: text trimmed, empty as missing, floats by their repr."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        return text or None
    if isinstance(value, float):
        if math.isnan(value):  # an empty cell in a numeric column
            return None
        return Decimal(repr(value))
    return value


def _column_kind(key: str) -> str:
    if key == "agency":
        return "agency"
    if key in TOOL_COLUMNS:
        return "tool"
    if _INDICATOR_COLUMN.fullmatch(key):
        return "indicator"
    if key in OUTPUT_COLUMNS:
        return "output"  # a column scoring writes (a scored file read again): not a group
    return "group"


def group_columns(row: Mapping[str, object]) -> list[str]:
    """The columns of a row that are groups (not agency, tool, indicator or output columns).

    >>> group_columns({"agency": "a", "IIT": "90", "i3": "1", "total": "9", "province": "x"})
    ['province']
    """
    return [key for key in row if _column_kind(key) == "group"]


def row_input(row: Mapping[str, object]) -> tuple[str, ItaTableRow | None, list[Problem]]:
    """Read one table row into an `ItaTableRow`, with problems (paths are column names).

    Tool columns are ``IIT``, ``EIT``, ``OIT``; indicator columns ``1`` ... ``10`` (or
    ``indicator_1``, ``i1``); any other column is a group (``province``, ``ministry`` ...).

    >>> record = row_input({"agency": "a", "IIT": "90", "EIT": "88", "OIT": "95", "x": "y"})[1]
    >>> record.tools["IIT"], record.groups
    (Decimal('90'), {'x': 'y'})
    """
    problems: list[Problem] = []
    agency = _cell(row.get("agency"))
    if not isinstance(agency, str):
        problems.append(
            problem("agency", "missing", {"key": "agency"})
            if agency is None
            else problem("agency", "wrong_type", {"expected": Term("kind.text"), "value": agency})
        )
    tools: dict[str, Any] = {}
    indicators: dict[int, Any] = {}
    groups: dict[str, str] = {}
    for key, raw in row.items():
        kind = _column_kind(key)
        value = _cell(raw)
        if value is None or kind in ("agency", "output"):
            continue
        if kind == "tool":
            tools[key] = value
        elif kind == "indicator":
            match = _INDICATOR_COLUMN.fullmatch(key)
            assert match is not None
            indicators[int(match.group(1))] = value
        else:
            groups[key] = str(value)
    if problems:
        return "", None, problems
    assert isinstance(agency, str)
    # Through the converter, so every field rule (a blank-looking agency, a stray control
    # character in a group) is a problem with its path, never an exception.
    data = {
        "agency": agency,
        "tools": {k: _wire(v) for k, v in tools.items()} or None,
        "indicators": {str(k): _wire(v) for k, v in indicators.items()} or None,
        "groups": groups,
    }
    try:
        record = load(ItaTableRow, data)
    except ValidationError as exc:
        return agency, None, list(exc.problems)
    return agency, record, []


def _wire(value: object) -> object:
    # Cells read by an engine may be Decimals: give them to the loader as their text.
    return str(value) if isinstance(value, Decimal) else value


def score_row(record: ItaTableRow, fiscal_year: FiscalYear) -> ScoredRow:
    """Score one row; `ValidationError` with paths relative to the row."""
    from moralkit import ita  # noqa: PLC0415

    result = ita.score(fiscal_year, tools=record.tools, indicators=record.indicators)
    return ScoredRow(
        record.agency,
        result.tool("IIT"),
        result.tool("EIT"),
        result.tool("OIT"),
        result.total,
        result.level.code,
        result.level.label_th,
        result.level.label_en,
        result.passed,
        result.fiscal_year,
    )


def score_rows(
    rows: Iterable[ItaTableRow], fiscal_year: FiscalYear, problems: list[Problem]
) -> Iterator[tuple[ItaTableRow, ScoredRow]]:
    """Score rows one by one; a row's problems go to ``problems`` with ``rows[i]`` paths."""
    for index, record in enumerate(rows):
        try:
            yield record, score_row(record, fiscal_year)
        except ValidationError as exc:
            problems.extend(p.at(f"rows[{index}]") for p in exc.problems)


def status_words(status: str, lang: Lang) -> str:
    """What a rule status means, in ``lang``."""
    try:
        return render(f"status.{status}", lang)
    except ValidationError:  # a status the catalogue does not hold: shown as given
        return status


def problem(path: str, code: str, params: Mapping[str, object] | None = None) -> Problem:
    """A `Problem` with ``params`` copied (the service builds them from request values)."""
    return Problem(path, code, dict(params or {}))
