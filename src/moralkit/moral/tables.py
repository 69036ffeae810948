"""Moral-organization assessments in batch, from a table of evidence, and rollups of a table.

`assess_table` reads a long table of evidence (one row per unit and activity, or per named
count) from any engine narwhals supports, builds each unit's `Evidence` and assesses it with
`moralkit.moral.assess`: the same rubric, the same rules, the same figures. Evidence tables are
small (units x activities), so the rows are read once into Python; the rubric of each fiscal
year is looked up once. `rollup_table` counts units per level and group in the engine.

>>> import polars as pl
>>> evidence = pl.DataFrame({
...     "unit": ["u1"] * 9,
...     "activity": list(range(1, 10)),
...     "percentage": ["100", "100"] + [None] * 7,
...     "done": [None, None] + [True] * 7,
... })
>>> assess_table(evidence, 2565).select("unit", "level", "label_th").row(0)
('u1', 3, 'องค์กรคุณธรรมต้นแบบ')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from moralkit._io import narwhals
from moralkit.errors import Problem, RuleNotFoundError, ValidationError
from moralkit.moral.assess import RUBRICS, assess
from moralkit.moral.evidence import ActivityEvidence, Evidence, NamedCount
from moralkit.moral.rubric import Rubric
from moralkit.thai.calendar import FiscalYear

__all__ = ["assess_table", "rollup_table"]

#: The value columns of an evidence table: each row fills the one its activity's form needs.
VALUE_COLUMNS = ("percentage", "part", "whole", "count", "done", "name")


def _cell_decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        return Decimal(value.strip())
    raise TypeError(value)


def _cell_int(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    if isinstance(value, float) and value.is_integer():
        # pandas stores a whole-number column with gaps as floats; whole floats are exact.
        return int(value)
    raise TypeError(value)


def _cell_bool(value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "yes", "1", "มี", "ทำ"}:
        return True
    if text in {"false", "no", "0", "ไม่มี", "ไม่ทำ"}:
        return False
    raise TypeError(value)


def _null(value: Any) -> Any:
    """Missing values of pandas (NaN, NA, NaT) as ``None``; everything else as it is."""
    try:
        return None if value != value else value  # noqa: PLR0124 (NaN is the one value != itself)
    except (TypeError, ValueError):
        return None if value is None else value


def _activities(rows: Sequence[tuple[int, Mapping[str, Any]]]) -> tuple[list[Any], list[Problem]]:
    """One `ActivityEvidence` per activity number, from its rows; and the cells refused."""
    problems: list[Problem] = []
    by_number: dict[int, list[tuple[int, Mapping[str, Any]]]] = {}
    for index, row in rows:
        try:
            number = _cell_int(row["activity"])
        except (TypeError, ValueError):
            number = None
        if number is None:
            problems.append(
                Problem(
                    f"[{index}].activity",
                    "tables.moral_bad_cell",
                    {"column": "activity", "value": row["activity"]},
                )
            )
            continue
        by_number.setdefault(number, []).append((index, row))
    activities = []
    for number, items in sorted(by_number.items()):
        index, row = items[0]
        column = ""
        try:
            if any(r.get("name") is not None for _, r in items):
                column = "count"
                counts = tuple(
                    NamedCount(str(r["name"]), _cell_int(r.get("count")) or 0) for _, r in items
                )
                activities.append(ActivityEvidence(number, counts=counts))
                continue
            column = "percentage"
            percentage = _cell_decimal(row.get("percentage"))
            column = "part"
            part = _cell_int(row.get("part"))
            column = "whole"
            whole = _cell_int(row.get("whole"))
            column = "count"
            count = _cell_int(row.get("count"))
            column = "done"
            done = _cell_bool(row.get("done"))
            activities.append(
                ActivityEvidence(
                    number, percentage=percentage, part=part, whole=whole, count=count, done=done
                )
            )
        except ValidationError as error:
            problems.extend(p.at(f"[{index}]") for p in error.problems)
        except (TypeError, ValueError, ArithmeticError):
            problems.append(
                Problem(
                    f"[{index}].{column}",
                    "tables.moral_bad_cell",
                    {"column": column, "value": row.get(column)},
                )
            )
    return activities, problems


def assess_table(
    evidence: Any,
    fiscal_year: int | FiscalYear | None = None,
    *,
    columns: Mapping[str, str] | None = None,
    rules: Rubric | Mapping[int, Rubric] | None = None,
    tier: str = "organization",
) -> Any:
    """Assess every unit of a long evidence table; an eager frame of results comes back.

    ``evidence`` has a ``unit`` column, an ``activity`` number and, per row, the value in the
    column its form needs: ``percentage`` (a decimal or text), ``part`` and ``whole``,
    ``count``, ``done`` (true / false), or ``name`` and ``count`` for named counts (one row
    per name). A ``fiscal_year`` column may replace the argument; ``columns`` maps these names
    to yours; ``rules`` is a `Rubric` (or ``{year: Rubric}``) to use instead of the packaged
    ones. Each unit is assessed by `moralkit.moral.assess`, so the levels are the same.

    The result has ``unit``, ``fiscal_year``, ``level`` (0-3), ``label_th``, ``label_en``,
    ``points`` and ``rubric_id``, one row per unit. Problems (an unreadable cell, evidence that
    does not fit the rubric) raise one `moralkit.ValidationError`, paths starting with the
    row (``[12].percentage``) or the unit (``[unit='u1'].activities[0]``).
    """
    nw = narwhals()
    data = nw.from_native(evidence)
    if columns:
        data = data.rename({actual: canonical for canonical, actual in columns.items()})
    if hasattr(data, "collect"):
        data = data.collect()
    names = data.columns
    problems: list[Problem] = [
        Problem(column, "tables.missing_column", {"column": column})
        for column in ("unit", "activity")
        if column not in names
    ]
    if fiscal_year is None and "fiscal_year" not in names:
        problems.append(Problem("fiscal_year", "tables.no_year"))
    if problems:
        raise ValidationError(problems, "assess_table")
    wanted = [c for c in ("unit", "activity", "fiscal_year", *VALUE_COLUMNS) if c in names]
    units: dict[tuple[str, int], list[tuple[int, dict[str, Any]]]] = {}
    for index, raw in enumerate(data.select(*wanted).rows(named=True)):
        row = {k: _null(v) for k, v in raw.items()}
        year = fiscal_year if fiscal_year is not None else row["fiscal_year"]
        be = year.be if isinstance(year, FiscalYear) else int(year)
        units.setdefault((str(row["unit"]), be), []).append((index, row))
    rubrics: dict[int, Rubric] = {}
    table: dict[str, list[Any]] = {
        k: [] for k in ("unit", "fiscal_year", "level", "label_th", "label_en", "points")
    }
    table["rubric_id"] = []
    for (unit, year), rows in units.items():
        if year not in rubrics:
            try:
                rubrics[year] = _rubric(year, rules)
            except RuleNotFoundError:
                problems.append(Problem("fiscal_year", "tables.unknown_year", {"year": year}))
                rubrics[year] = None  # type: ignore[assignment]
        rubric = rubrics[year]
        if rubric is None:
            continue
        activities, refused = _activities(rows)
        problems.extend(refused)
        if refused:
            continue
        try:
            result = assess(
                Evidence(unit, FiscalYear(year), tuple(activities), tier=tier),  # type: ignore[arg-type]
                rubric,
            )
        except ValidationError as error:
            problems.extend(p.at(f"[unit={unit!r}]") for p in error.problems)
            continue
        table["unit"].append(unit)
        table["fiscal_year"].append(year)
        table["level"].append(result.level)
        table["label_th"].append(result.label_th)
        table["label_en"].append(result.label_en)
        table["points"].append(sum(s.points for s in result.scores))
        table["rubric_id"].append(result.rubric_id)
    if problems:
        raise ValidationError(problems, "assess_table")
    frame = nw.from_dict(table, backend=data.implementation)
    return frame.with_columns(
        nw.col("fiscal_year").cast(nw.Int64),
        nw.col("level").cast(nw.Int64),
        nw.col("points").cast(nw.Int64),
    ).to_native()


def _rubric(year: int, rules: Rubric | Mapping[int, Rubric] | None) -> Rubric:
    if isinstance(rules, Rubric):
        return rules
    if rules is not None and year in rules:
        return rules[year]
    return RUBRICS.for_year(year)


def rollup_table(
    assessed: Any,
    by: str | None = None,
    *,
    units: Any = None,
    unit_column: str = "unit",
) -> Any:
    """Units at each level per group, and the shares at or above each level (exact percent).

    ``assessed`` holds a ``level`` column (0-3, as `assess_table` gives) and a ``fiscal_year``
    column; ``by`` names the group column (``"province"``, ``"parent"``), taken from
    ``assessed`` or, when it is not there, from ``units`` (a table with ``unit`` and the group
    column, joined on ``unit``). Without ``by`` the whole table is one group, ``TH``. Counting
    runs in the engine; shares are rounded half-up to 2 places, as `moralkit.moral.Tally` does.

    >>> import polars as pl
    >>> assessed = pl.DataFrame({"unit": ["a", "b", "c"], "fiscal_year": [2567] * 3,
    ...                          "level": [3, 1, 0], "province": ["TH-10", "TH-10", "TH-50"]})
    >>> rollup_table(assessed, "province").select("province", "total", "at_least_1").rows()
    [('TH-10', 2, Decimal('100.00')), ('TH-50', 1, Decimal('0.00'))]
    """
    nw = narwhals()
    data = nw.from_native(assessed)
    names = data.collect_schema().names()
    if by is not None and by not in names:
        if units is None:
            raise ValidationError(
                [Problem(by, "tables.missing_column", {"column": by})], "rollup_table"
            )
        lookup = nw.from_native(units).select(nw.col(unit_column), nw.col(by))
        if hasattr(data, "collect") and not hasattr(lookup, "collect"):
            lookup = lookup.lazy()
        data = data.join(lookup, on=unit_column, how="left")
    key = by if by is not None else "__group"
    if by is None:
        data = data.with_columns(nw.lit("TH").alias("__group"))
    keys = [k for k in ("fiscal_year", key) if k in names or k == key]
    counted = (
        data.with_columns(
            *(
                (nw.col("level") == level).cast(nw.Int64).alias(f"level_{level}")
                for level in range(4)
            )
        )
        .group_by(*keys)
        .agg(nw.len().alias("total"), *(nw.col(f"level_{level}").sum() for level in range(4)))
    )
    if hasattr(counted, "collect"):
        counted = counted.collect()
    counted = counted.sort(*keys)
    rows = counted.rows(named=True)
    shares: dict[str, list[Decimal]] = {f"at_least_{level}": [] for level in (1, 2, 3)}
    for row in rows:
        for level in (1, 2, 3):
            at_least = sum(int(row[f"level_{k}"]) for k in range(level, 4))
            whole = int(row["total"])
            value = Fraction(at_least * 100, whole) if whole else Fraction(0)
            rounded = (2 * value.numerator * 100 + value.denominator) // (2 * value.denominator)
            shares[f"at_least_{level}"].append(Decimal(rounded).scaleb(-2))
    result = counted.with_columns(
        *(
            nw.new_series(
                name, values, nw.Decimal(precision=5, scale=2), backend=counted.implementation
            )
            for name, values in shares.items()
        )
    )
    if by is None:
        result = result.rename({"__group": "group"})
    return result.to_native()
