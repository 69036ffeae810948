"""The ITA on tables: thousands of agencies and millions of answers, on the user's own engine.

Every function takes any frame that `narwhals <https://narwhals-dev.github.io/>`_ supports
(pandas, polars, pyarrow, dask, duckdb ...) and works on it column-wise, in that engine.
Figures are exact: scores become whole numbers (hundredths, ten-thousandths, or the finer unit
the data needs) and every division is done once, as a half-up rounding in whole-number
arithmetic, so each row agrees with `moralkit.ita.score` to the last digit, edges such as an
exact total of 84.985 included. Floats are never used for a figure.

>>> import polars as pl
>>> frame = pl.DataFrame({"agency": ["A1", "A2"], "IIT": ["98", "84.985"],
...                       "EIT": ["84", "84.985"], "OIT": ["99.5", "84.985"]})
>>> out = score_table(frame, 2568)
>>> out.select("agency", "total", "level", "passed").rows()
[('A1', Decimal('94.40'), 'pass', True), ('A2', Decimal('84.99'), 'improve', False)]
"""

from __future__ import annotations

import itertools
import math
import re
import sys
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any

from attrs import frozen

from moralkit._args import fiscal_year_arg, not_allowed, refuse, shown, wrong_type
from moralkit._decimal import check_integer
from moralkit._io import narwhals
from moralkit.errors import Problem, RuleNotFoundError, ValidationError
from moralkit.ita.rules_model import TOOL_CODES, ItaRules
from moralkit.ita.score import RULES

__all__ = [
    "indicators_from_answers",
    "oit_from_checklist",
    "score_table",
    "summarize_table",
    "year_over_year",
]

#: The most decimal places a score may carry in a table (whole numbers stay within 64 bits).
MAX_PLACES = 8
#: The places read from text and float columns, whose precision the type does not say.
TEXT_PLACES = 6
#: Problems listed one by one before the rest are counted.
MAX_LISTED = 200

YearRules = ItaRules | Mapping[int, ItaRules] | None


@frozen
class _Level:
    code: str
    label_th: str
    label_en: str
    min_total: int  # hundredths, rounded up: a whole number of hundredths >= the rule's value
    min_each_tool: int | None


@frozen
class _Plan:
    """What a rule file says, turned once into whole numbers for column arithmetic."""

    year: int
    weights: tuple[tuple[str, int], ...]  # tool code -> weight in units of 10**-weight_places %
    weight_places: int
    indicators: tuple[tuple[str, tuple[int, ...]], ...]  # tool code -> its indicator numbers
    levels: tuple[_Level, ...]
    pass_mark: int  # hundredths, rounded up

    def tool_indicators(self, code: str) -> tuple[int, ...]:
        return dict(self.indicators)[code]


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _scale(value: Decimal) -> int:
    """The places a decimal is written with (``93.40`` has 2)."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _ceil_hundredths(value: Decimal) -> int:
    return math.ceil(Fraction(value) * 100)


@lru_cache(maxsize=64)
def _plan(rules: ItaRules, year: int) -> _Plan:
    weight_places = max(_places(t.weight) for t in rules.tools)
    weights = tuple(
        (code, int(Fraction(rules.tool(code).weight) * 10**weight_places)) for code in TOOL_CODES
    )
    indicators = tuple(
        (code, tuple(i.number for i in rules.indicators_of(code))) for code in TOOL_CODES
    )
    levels = tuple(
        _Level(
            level.code,
            level.label_th,
            level.label_en,
            _ceil_hundredths(level.min_total),
            None if level.min_each_tool is None else _ceil_hundredths(level.min_each_tool),
        )
        for level in rules.levels
    )
    return _Plan(
        year, weights, weight_places, indicators, levels, _ceil_hundredths(rules.pass_mark)
    )


def _rules_for(year: int, rules: YearRules) -> ItaRules:
    if isinstance(rules, ItaRules):
        return rules
    if rules is not None and year in rules:
        return rules[year]
    return RULES.for_year(year)


class _Problems:
    """Problems gathered from a table, listed up to `MAX_LISTED` and counted beyond."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.more = 0

    def add(self, path: str, code: str, params: Mapping[str, Any] | None = None) -> None:
        if len(self.items) < MAX_LISTED:
            self.items.append(Problem(path, code, dict(params or {})))
        else:
            self.more += 1

    def raise_if_any(self, subject: str) -> None:
        if not self.items:
            return
        items = list(self.items)
        if self.more:
            items.append(Problem("", "tables.more_problems", {"count": self.more}))
        raise ValidationError(items, subject)


# -- reading columns -----------------------------------------------------------------------


def _is_lazy(frame: Any) -> bool:
    nw = narwhals()
    return isinstance(frame, nw.LazyFrame)


def _column_places(dtype: Any, allow_float: bool) -> tuple[str, int]:
    """How a column is read ("int", "decimal", "text", "float", "bad") and its places."""
    nw = narwhals()
    if dtype == nw.Boolean:
        return "bad", 0
    if dtype.is_integer():
        return "int", 0
    if dtype.is_decimal():
        scale = getattr(dtype, "scale", None)
        if isinstance(scale, int) and scale <= MAX_PLACES:
            return "decimal", scale
        return "text", MAX_PLACES
    if dtype.is_float():
        return ("text", TEXT_PLACES) if allow_float else ("float", 0)
    if dtype in (nw.String, nw.Object, nw.Categorical):
        return "text", TEXT_PLACES
    return "bad", 0


def _fits(dtype: Any, places: int) -> bool:
    """Whether any value of an integer or decimal column, scaled to ``places``, fits unchecked.

    That is, within 64-bit integers, duckdb's 18-digit decimals and arrow's 38-digit ones:
    Int32 and narrower, Int64 unscaled, decimals of at most 18 digits with the places added.
    A column that may not fit is compared with 0-100 before any arithmetic instead.
    """
    nw = narwhals()
    if dtype.is_integer():
        small = (nw.Int8, nw.Int16, nw.Int32, nw.UInt8, nw.UInt16, nw.UInt32)
        return dtype in small or (dtype == nw.Int64 and places == 0)
    precision = getattr(dtype, "precision", None)
    return isinstance(precision, int) and precision + places <= 18


def _wholes(exact: Any, places: int, digits: int) -> Any:
    """Decimals (or decimal text) of at most ``digits`` whole digits as Int64 10**-places.

    duckdb multiplies decimals of up to 18 digits in 64 bits: when the product might not fit
    them, the values are cast to 19 digits, which every engine multiplies in 128 bits and
    whose product stays within arrow's 38. Otherwise the narrower cast is the faster.
    """
    nw = narwhals()
    precision = digits + places if digits + 2 * places <= 18 else 19
    exact = exact.cast(nw.Decimal(precision=precision, scale=places))
    return (exact * nw.lit(Decimal(10**places))).cast(nw.Int64)


_NUMBER = re.compile(r"[0-9]{1,6}(?:\.([0-9]+))?")


class _Score:
    """One score column as exact whole numbers in units of 10**-places, and whether it is.

    Integer and decimal cells that might not fit the engine's arithmetic once scaled
    (`_fits`: a decimal of 38 digits, an integer near 2**63) are compared with 0-100 first,
    so that none overflows or wraps round into range: it is refused, at its row.
    """

    def __init__(self, name: str, kind: str, places: int, dtype: Any) -> None:
        nw = narwhals()
        column = nw.col(name)
        self.name = name
        self.kind = kind
        self.guarded = kind in ("int", "decimal") and not _fits(dtype, places)
        unit = 10**places
        if self.guarded and kind == "int":
            zero, hundred = nw.lit(0, dtype=dtype), nw.lit(100, dtype=dtype)
            readable = ((column >= zero) & (column <= hundred)).fill_null(value=False)
            self.value = nw.when(readable).then(column).otherwise(zero).cast(nw.Int64) * unit
        elif self.guarded:
            readable = ((column >= 0) & (column <= 100)).fill_null(value=False)
            self.value = _wholes(nw.when(readable).then(column), places, 3)
        elif kind == "int":
            self.value = column.cast(nw.Int64) * unit
            readable = nw.lit(value=True)
        elif kind == "decimal":
            self.value = (column * unit).cast(nw.Int64)
            readable = nw.lit(value=True)
        else:
            text = column.cast(nw.String).str.strip_chars()
            pattern = (
                r"^[0-9]{1,6}$" if places == 0 else rf"^[0-9]{{1,6}}(?:\.[0-9]{{1,{places}}})?$"
            )
            readable = text.str.contains(pattern).fill_null(value=False)
            safe = nw.when(readable).then(text).otherwise(nw.lit("0"))
            self.value = _wholes(safe, places, 6)
        self.ok = (readable & (self.value >= 0) & (self.value <= 100 * unit)).fill_null(value=False)
        self.readable = readable
        self.unit = unit

    def checks(self) -> list[Any]:
        """Whole-column checks: no null, every cell read, all within 0-100.

        Cheap reductions that spare the per-cell flags when a table is clean, as most are.
        """
        nw = narwhals()
        value = nw.col(f"__v_{self.name}")
        return [
            (nw.col(self.name).null_count() == 0).alias(f"__nonull_{self.name}"),
            value.min().alias(f"__min_{self.name}"),
            value.max().alias(f"__max_{self.name}"),
            *(
                [self.readable.cast(nw.Int64).min().alias(f"__read_{self.name}")]
                if self.kind == "text" or self.guarded
                else []
            ),
        ]

    def clean(self, found: Mapping[str, Any]) -> bool:
        """Whether the `checks` found this column clean."""
        low, high = found[f"__min_{self.name}"], found[f"__max_{self.name}"]
        return bool(
            found[f"__nonull_{self.name}"]
            and low is not None
            and high is not None
            and low >= 0
            and high <= 100 * self.unit
            and found.get(f"__read_{self.name}", 1) == 1
        )

    def problem(self, raw: Any, null: bool, places: int) -> tuple[str, dict[str, Any]]:
        """Why a cell this column could not read was refused."""
        if null:
            return "tables.missing_value", {}
        if self.kind == "text":
            match = _NUMBER.fullmatch(str(raw).strip())
            if match is None:
                return "tables.not_a_score", {"value": raw}
            if len(match.group(1) or "") > places:
                return "tables.too_many_places", {"value": raw, "places": places}
        return "tables.out_of_range", {"value": raw}


def _read_scores(
    frame: Any, names: Sequence[str], allow_float: bool, problems: _Problems
) -> tuple[dict[str, _Score], int]:
    schema = frame.collect_schema()
    kinds = {}
    for name in names:
        kind, places = _column_places(schema[name], allow_float)
        if kind == "float":
            problems.add(name, "tables.float_column", {"column": name})
        elif kind == "bad":
            problems.add(
                name,
                "tables.wrong_column_type",
                {"column": name, "dtype": str(schema[name]), "expected": "a decimal, int or text"},
            )
        kinds[name] = (kind, places)
    places = min(max((p for _, p in kinds.values()), default=0), MAX_PLACES)
    scores = {name: _Score(name, kind, places, schema[name]) for name, (kind, _) in kinds.items()}
    return scores, places


def _row_problems(
    frame: Any,
    scores: Mapping[str, _Score],
    places: int,
    keys: Sequence[str],
    problems: _Problems,
    *,
    keyed: bool = False,
    rows: bool = False,
) -> None:
    """Find the rows whose scores cannot be read, and report each with its row (or key).

    ``rows`` asks for row numbers from a lazy plan made of an eager frame.

    ``frame`` carries an ``__ok_<column>`` flag per score column; only the refused rows are
    brought into Python, where the reason is read from the cell.
    """
    nw = narwhals()
    if not scores:
        return
    bad = nw.lit(value=False)
    for name in scores:
        bad = bad | ~nw.col(f"__ok_{name}")
    if not _collect(frame.select(bad.any())).item():
        return
    if rows and _is_lazy(frame):
        frame = frame.collect()
    lazy = _is_lazy(frame)
    keyed = keyed or lazy
    located = frame if keyed else frame.with_row_index("__row")
    where = [] if keyed else ["__row"]
    details = []
    for name in scores:
        details += [
            nw.col(f"__ok_{name}"),
            nw.col(name).is_null().alias(f"__null_{name}"),
            nw.col(name).cast(nw.String).alias(f"__raw_{name}"),
        ]
    found = located.filter(bad).select(*where, *keys, *details)
    if lazy:
        found = found.collect()
    count = len(found)
    if count == 0:
        return
    listed = found.head(MAX_LISTED).rows(named=True)
    for row in listed:
        if keyed:
            prefix = "[" + ", ".join(f"{k}={row[k]!r}" for k in keys) + "]"
        else:
            prefix = f"[{row['__row']}]"
        for name, score in scores.items():
            if not row[f"__ok_{name}"]:
                code, params = score.problem(row[f"__raw_{name}"], row[f"__null_{name}"], places)
                problems.add(f"{prefix}.{name}", code, params)
    problems.more += max(0, count - len(listed))


# -- arithmetic -----------------------------------------------------------------------------


def _half_up(numerator: Any, denominator: int, places: int, most: int) -> Any:
    """round(numerator / denominator, places) half-up, as a whole number of 10**-places.

    floor(n / d * 10**p + 1/2) = (2 * n * 10**p + d) // (2 * d), for n >= 0, when that fits
    64 bits for the largest numerator, ``most``. Otherwise, with n = q * d + r (0 <= r < d),
    it is q * 10**p + (2 * r * 10**p + d) // (2 * d): only the remainder is scaled up, so a
    total over tools of many indicators, read to 8 places, stays within 64 bits.
    """
    scale = 2 * 10**places
    if most * scale + denominator < _INT64:
        return (numerator * scale + denominator) // (2 * denominator)
    whole = numerator // denominator
    rest = numerator - whole * denominator
    return whole * 10**places + (rest * scale + denominator) // (2 * denominator)


def _decimal(whole: Any, places: int, precision: int) -> Any:
    """A whole number of 10**-places as an exact decimal column."""
    nw = narwhals()
    unit = nw.lit(Decimal(1).scaleb(-places))
    exact = whole.cast(nw.Decimal(precision=19, scale=0)) * unit
    return exact.cast(nw.Decimal(precision=precision, scale=places))


def _figures(plan: _Plan, given: Mapping[str, bool], places: int) -> dict[str, Any]:
    """The whole-number figures of one year: tools to 4 and 2 places, the total to 2."""
    nw = narwhals()
    unit = 10**places
    parts: dict[str, tuple[Any, int]] = {}
    for code in TOOL_CODES:
        if given[code]:
            parts[code] = (nw.col(f"__v_{code}"), unit)
        else:
            numbers = plan.tool_indicators(code)
            total = nw.col(f"__v_i{numbers[0]}")
            for n in numbers[1:]:
                total = total + nw.col(f"__v_i{n}")
            parts[code] = (total, len(numbers) * unit)
    weights = dict(plan.weights)
    common = math.lcm(*(d for _, d in parts.values()))
    factors = {tool: weights[tool] * (common // d) for tool, (_, d) in parts.items()}
    weighted: Any = None
    for tool, (value, _) in parts.items():
        term = value * factors[tool]
        weighted = term if weighted is None else weighted + term
    most = sum(d * 100 * factors[tool] for tool, (_, d) in parts.items())
    denominator = common * 10**plan.weight_places * 100
    figures = {"__total": _half_up(weighted, denominator, 2, most)}
    for tool, (value, d) in parts.items():
        figures[f"__t4_{tool}"] = _half_up(value, d, 4, d * 100)
        figures[f"__t2_{tool}"] = _half_up(value, d, 2, d * 100)
    return figures


#: Whole numbers on the way to a score must stay below this (64-bit engines' integers).
_INT64 = 2**63


def _largest(plan: _Plan, given: Mapping[str, bool], places: int) -> int:
    """The largest whole number `_figures` meets, with every score at 100.

    The weighted sum, and the remainders `_half_up` scales up for the total and the tools.
    Rules whose weights have many places and whose tools have many indicators, read to many
    places, can need more than 64 bits.
    """
    unit = 10**places
    parts = {
        code: unit if given[code] else len(plan.tool_indicators(code)) * unit for code in TOOL_CODES
    }
    weights = dict(plan.weights)
    common = math.lcm(*parts.values())
    denominator = common * 10**plan.weight_places * 100
    return int(
        max(
            sum(d * 100 * weights[code] * (common // d) for code, d in parts.items()),
            denominator * (2 * 10**2 + 1),
            *(d * (2 * 10**4 + 1) for d in parts.values()),
        )
    )


def _level_index(plan: _Plan) -> Any:
    """The index of the level reached, read from the rounded total and tool columns."""
    nw = narwhals()
    total = nw.col("__total")
    expr = nw.lit(len(plan.levels) - 1)
    for index in range(len(plan.levels) - 2, -1, -1):
        level = plan.levels[index]
        test = total >= level.min_total
        if level.min_each_tool is not None:
            for code in TOOL_CODES:
                test = test & (nw.col(f"__t2_{code}") >= level.min_each_tool)
        expr = nw.when(test).then(nw.lit(index)).otherwise(expr)
    return expr


def _level_labels(plan: _Plan) -> dict[str, Any]:
    """The level's code and labels, from its index; and whether the total passes."""
    nw = narwhals()
    index = nw.col("__level")
    positions = list(range(len(plan.levels)))

    def label(attribute: str) -> Any:
        values = [getattr(level, attribute) for level in plan.levels]
        return index.replace_strict(positions, values, default=values[-1], return_dtype=nw.String)

    return {
        "level": label("code"),
        "level_th": label("label_th"),
        "level_en": label("label_en"),
        "passed": nw.col("__total") >= plan.pass_mark,
    }


def _by_year(year_column: Any, per_year: Mapping[int, Any]) -> Any:
    """One expression per fiscal year, chosen by the row's year."""
    nw = narwhals()
    items = list(per_year.items())
    expr = items[-1][1]
    for year, value in reversed(items[:-1]):
        expr = nw.when(year_column == year).then(value).otherwise(expr)
    return expr


def _rename(frame: Any, columns: Mapping[str, str] | None, problems: _Problems) -> Any:
    if not columns:
        return frame
    present = set(frame.collect_schema().names())
    renames = {}
    for canonical, actual in columns.items():
        if actual not in present:
            problems.add(actual, "tables.missing_column", {"column": actual})
        elif actual != canonical:
            renames[actual] = canonical
    return frame.rename(renames) if renames else frame


def _years(frame: Any, fiscal_year: int | None, problems: _Problems) -> list[int]:
    names = frame.collect_schema().names()
    if fiscal_year is not None:
        if "fiscal_year" in names:
            problems.add("fiscal_year", "tables.year_twice")
            return []
        return [int(fiscal_year)]
    if "fiscal_year" not in names:
        problems.add("fiscal_year", "tables.no_year")
        return []
    unique = frame.select("fiscal_year").unique()
    if _is_lazy(unique):
        unique = unique.collect()
    values = unique["fiscal_year"].to_list()
    years = []
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int):
            try:
                number = int(str(value))
            except ValueError:
                problems.add("fiscal_year", "tables.unknown_year", {"year": value})
                continue
        else:
            number = value
        years.append(number)
    return sorted(set(years))


def _year_value(year: Any) -> int:
    return int(year.be) if hasattr(year, "be") else int(year)


def score_table(
    frame: Any,
    fiscal_year: int | Any | None = None,
    *,
    columns: Mapping[str, str] | None = None,
    rules: YearRules = None,
    allow_float: bool = False,
) -> Any:
    """Score every agency of a table; the result is a frame of the same kind.

    ``frame`` holds an ``agency`` column and, for each tool, either its score (``IIT``,
    ``EIT``, ``OIT``) or its indicator scores (``i1`` ... ``i10``). Scores are decimals,
    integers or text such as ``"85.50"``; float columns are refused unless
    ``allow_float=True`` (then each float is read as the shortest text that gives it back, as
    `moralkit.ita.score` does). ``columns`` maps the names used here to yours
    (``{"agency": "code", "i1": "ind_1"}``).

    Give ``fiscal_year`` as an argument, or a ``fiscal_year`` column to score several years at
    once, each by its own rules (``rules`` may be one `ItaRules` or ``{year: rules}``).

    The result has ``agency`` first, then the tool scores (decimals, 4 places), ``total``
    (2 places, half-up), ``level``, ``level_th``, ``level_en``, ``passed`` and
    ``fiscal_year``, then the other columns as given. A lazy frame stays lazy (its scores are
    checked in one pass first). Unreadable scores raise `moralkit.ValidationError`, each
    problem at ``[row].column`` (``[agency='A1'].column`` for lazy frames).

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"agency": ["Trat"], **{f"i{n}": [v] for n, v in enumerate(
    ...     ["93.55", "87.72", "91.01", "87.93", "89.52", "90.55", "88.68", "88.58",
    ...      "72.89", "65.56"], start=1)}})
    >>> score_table(frame, 2564)[["agency", "IIT", "total", "level"]].to_dict("records")
    [{'agency': 'Trat', 'IIT': Decimal('89.9460'), 'total': Decimal('81.45'), 'level': 'B'}]
    """
    if _from_native(frame, "frame").implementation.is_dask():
        return _score_dask(frame, fiscal_year, columns, rules, allow_float)
    return _score(frame, fiscal_year, columns, rules, allow_float)


def _from_native(value: object, where: str) -> Any:
    """``value`` as a narwhals frame; what is not a frame, or repeats a column, is refused."""
    problems: list[Problem] = []
    frame = _frame_arg(value, where, problems)
    if frame is None:
        raise ValidationError(problems)
    return frame


def _frame_arg(value: object, where: str, problems: list[Problem]) -> Any | None:
    """``value`` as a narwhals frame, or None and a problem (not a frame, a name used twice)."""
    nw = narwhals()
    try:
        return nw.from_native(value)
    except TypeError:
        problems.append(wrong_type(where, "tables.kind.frame", value))
    except nw.exceptions.DuplicateError:
        names = [str(name) for name in getattr(value, "columns", ())]
        repeated = sorted({name for name in names if names.count(name) > 1})
        problems.extend(
            Problem(f"{where}.columns", "duplicate_key", {"key": name}) for name in repeated
        )
    return None


def _rules_arg(rules: object, problems: list[Problem], *, by_year: bool = False) -> None:
    """A problem at ``rules`` unless it is None, `ItaRules` or (``by_year``) {year: ItaRules}."""
    if rules is None or isinstance(rules, ItaRules):
        return
    if (
        by_year
        and isinstance(rules, Mapping)
        and all(type(k) is int and isinstance(v, ItaRules) for k, v in rules.items())
    ):
        return
    kind = "tables.kind.year_rules" if by_year else "tables.kind.ita_rules"
    problems.append(wrong_type("rules", kind, rules))


def _columns_arg(columns: object, problems: list[Problem]) -> None:
    """A problem at ``columns`` unless it is None or a mapping of names to names."""
    if columns is None or (
        isinstance(columns, Mapping)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in columns.items())
    ):
        return
    problems.append(wrong_type("columns", "tables.kind.columns", columns))


def _names_arg(names: object, path: str, problems: list[Problem]) -> list[str] | None:
    """``names`` as a list of column names (one name alone too), or None with a problem."""
    if isinstance(names, str):
        return [names]
    if isinstance(names, list | tuple) and all(isinstance(n, str) for n in names):
        return list(names)
    problems.append(wrong_type(path, "tables.kind.column_names", names))
    return None


def _outputs(given_year: int | None) -> list[Any]:
    """The result columns after ``agency``, from the staged whole numbers and labels."""
    nw = narwhals()
    outputs = [_decimal(nw.col(f"__t4_{code}"), 4, 9).alias(code) for code in TOOL_CODES]
    outputs.append(_decimal(nw.col("__total"), 2, 7).alias("total"))
    outputs += [nw.col(name) for name in ("level", "level_th", "level_en", "passed")]
    if given_year is not None:
        outputs.append(nw.lit(given_year).cast(nw.Int64).alias("fiscal_year"))
    else:
        outputs.append(nw.col("fiscal_year"))
    return outputs


def _score_columns(
    names: Sequence[str], plans: Mapping[int, _Plan], problems: _Problems
) -> tuple[dict[str, bool], list[str]]:
    """Which tools are given as scores, and the score columns to read."""
    given: dict[str, bool] = {code: code in names for code in TOOL_CODES}
    needed: list[str] = [code for code in TOOL_CODES if given[code]]
    for code in TOOL_CODES:
        if given[code]:
            continue
        numbers = sorted({n for p in plans.values() for n in p.tool_indicators(code)})
        missing = [f"i{n}" for n in numbers if f"i{n}" not in names]
        if missing:
            problems.add(
                code,
                "tables.no_score_columns",
                {"tools": code, "indicators": ", ".join(f"i{n}" for n in numbers)},
            )
        needed += [f"i{n}" for n in numbers]
    return given, needed


def _score(  # noqa: PLR0915 (the steps in order; the pandas path is a function of its own)
    frame: Any,
    fiscal_year: int | Any | None,
    columns: Mapping[str, str] | None,
    rules: YearRules,
    allow_float: bool,
    *,
    known_years: list[int] | None = None,
    keyed: bool = False,
    fast: bool = True,
) -> Any:
    nw = narwhals()
    problems = _Problems()
    data = nw.from_native(frame)
    eager_polars = not _is_lazy(data) and data.implementation.is_polars()
    if eager_polars:  # one optimised plan instead of a frame per step; row numbers kept
        data = data.lazy()
    data = _rename(data, columns, problems)
    problems.raise_if_any("score_table")
    names = data.collect_schema().names()
    if "agency" not in names:
        problems.add("agency", "tables.missing_column", {"column": "agency"})
    given_year = None if fiscal_year is None else _year_value(fiscal_year)
    years = known_years if known_years is not None else _years(data, given_year, problems)
    plans: dict[int, _Plan] = {}
    for year in years:
        try:
            plans[year] = _plan(_rules_for(year, rules), year)
        except RuleNotFoundError:
            problems.add("fiscal_year", "tables.unknown_year", {"year": year})
    problems.raise_if_any("score_table")
    given, needed = _score_columns(names, plans, problems)
    problems.raise_if_any("score_table")
    scores, places = _read_scores(data, needed, allow_float, problems)
    for year, plan in plans.items():
        if _largest(plan, given, places) >= _INT64:
            problems.add("rules", "tables.rules_too_fine", {"year": year, "places": places})
    problems.raise_if_any("score_table")
    if fast and (done := _score_pandas(data, scores, places, plans, given, given_year, rules)):
        return done.frame

    keys = ["agency"] + (["fiscal_year"] if given_year is None else [])
    # An eager frame (pandas, pyarrow) copies itself at each step: work on the columns read,
    # and put the others back beside the result at the end.
    narrow = not _is_lazy(data)
    base = data.select(*keys, *needed) if narrow else data
    staged = base.with_columns(
        *(score.value.alias(f"__v_{name}") for name, score in scores.items())
    )
    found = _collect(staged.select(*(c for score in scores.values() for c in score.checks())))
    summary = found.rows(named=True)[0] if len(found) else {}
    if not summary or not all(score.clean(summary) for score in scores.values()):
        flagged = staged.with_columns(
            *(score.ok.alias(f"__ok_{name}") for name, score in scores.items())
        )
        _row_problems(flagged, scores, places, keys, problems, keyed=keyed, rows=eager_polars)
    problems.raise_if_any("score_table")
    year_column = nw.col("fiscal_year")

    def pick(per_year: Mapping[int, Any]) -> Any:
        if given_year is not None:
            return per_year[given_year]
        return _by_year(year_column, per_year)

    figures = {year: _figures(plan, given, places) for year, plan in plans.items()}
    names_of_figures = list(next(iter(figures.values())))
    staged = staged.with_columns(
        *(pick({y: f[name] for y, f in figures.items()}).alias(name) for name in names_of_figures)
    )
    staged = staged.with_columns(
        pick({y: _level_index(plan) for y, plan in plans.items()}).alias("__level")
    )
    labels = {year: _level_labels(plan) for year, plan in plans.items()}
    staged = staged.with_columns(
        *(pick({y: lv[name] for y, lv in labels.items()}).alias(name) for name in labels[years[0]])
    )
    outputs = _outputs(given_year)
    replaced = {"agency", "fiscal_year", *TOOL_CODES}
    rest = [n for n in names if n not in replaced]
    if narrow:
        parts = [data.select("agency"), staged.select(*outputs)]
        if rest:
            parts.append(data.select(*rest))
        return nw.concat(parts, how="horizontal").to_native()
    result = staged.select(nw.col("agency"), *outputs, *rest)
    return (result.collect() if eager_polars else result).to_native()


# -- pandas arrow decimals: whole numbers read from the columns' own buffers ------------------


def _pandas_wholes(native: Any, scores: Mapping[str, _Score], places: int) -> dict[str, Any] | None:
    """Arrow decimal columns of a pandas frame as int64 whole numbers of 10**-places.

    A decimal128 column stores each value as its unscaled integer, so no arithmetic is needed to
    read it. None unless every column is such a column, without nulls, within 0-100 (so all the
    checks `score_table` makes are met and its figures fit in 64 bits).
    """
    import numpy as np  # noqa: PLC0415 (pandas brings numpy)
    import pandas as pd  # noqa: PLC0415 (only reached with a pandas frame)
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

    if sys.byteorder != "little":  # pragma: no cover (decimal128 words are little-endian)
        return None
    wholes = {}
    for name, score in scores.items():
        dtype = native[name].dtype
        if score.kind != "decimal" or not isinstance(dtype, pd.ArrowDtype):
            return None
        kind = dtype.pyarrow_dtype
        if not pa.types.is_decimal128(kind) or not 0 <= kind.scale <= places:
            return None
        array = native[name].array.__arrow_array__().combine_chunks()
        if array.null_count:
            return None
        words = np.frombuffer(array.buffers()[1], dtype=np.int64)
        words = words[2 * array.offset : 2 * (array.offset + len(array))].reshape(-1, 2)
        low, high = words[:, 0], words[:, 1]
        if len(low) and (
            bool((high != 0).any()) or low.min() < 0 or low.max() > 100 * 10**kind.scale
        ):
            return None
        wholes[name] = low * 10 ** (places - kind.scale)
    return wholes


def _arrow_decimals(whole: Any, places: int, precision: int) -> Any:
    """Whole numbers of 10**-places (int64, >= 0) as a pandas column of arrow decimals."""
    import numpy as np  # noqa: PLC0415 (pandas brings numpy)
    import pandas as pd  # noqa: PLC0415 (only reached with a pandas frame)
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

    words = np.zeros((len(whole), 2), dtype=np.int64)
    words[:, 0] = whole  # the unscaled value; the high word is 0 for values >= 0
    array = pa.Array.from_buffers(
        pa.decimal128(precision, places), len(whole), [None, pa.py_buffer(words)]
    )
    return pd.arrays.ArrowExtensionArray(array)


@frozen
class _Done:
    frame: Any


def _score_pandas(  # noqa: PLR0917 (private; the one call site passes what `_score` read)
    data: Any,
    scores: Mapping[str, _Score],
    places: int,
    plans: Mapping[int, _Plan],
    given: Mapping[str, bool],
    given_year: int | None,
    rules: YearRules,
) -> _Done | None:
    """`score_table` of one year on a pandas frame of arrow decimals, in numpy int64.

    The same whole-number arithmetic as the general path (`_figures`, `_level_index`,
    `_level_labels`), done once per column rather than per narwhals step; the result has the
    same columns, types and figures. None when the frame is not one this path reads.
    """
    if not data.implementation.is_pandas() or len(plans) != 1:
        return None
    import numpy as np  # noqa: PLC0415 (pandas brings numpy)
    import pandas as pd  # noqa: PLC0415 (only reached with a pandas frame)

    plan = next(iter(plans.values()))
    native = data.to_native()
    wholes = _pandas_wholes(native, scores, places)
    if wholes is None:
        return None
    unit = 10**places
    parts: dict[str, tuple[Any, int]] = {}
    for code in TOOL_CODES:
        if given[code]:
            parts[code] = (wholes[code], unit)
        else:
            numbers = plan.tool_indicators(code)
            total = wholes[f"i{numbers[0]}"].copy()
            for n in numbers[1:]:
                total += wholes[f"i{n}"]
            parts[code] = (total, len(numbers) * unit)
    weights = dict(plan.weights)
    common = math.lcm(*(d for _, d in parts.values()))
    factors = {tool: weights[tool] * (common // d) for tool, (_, d) in parts.items()}
    denominator = common * 10**plan.weight_places * 100
    if _largest(plan, given, places) >= _INT64:  # pragma: no cover (`_score` refused it)
        return None
    weighted = sum(value * factors[tool] for tool, (value, _) in parts.items())
    most = sum(d * 100 * factors[tool] for tool, (_, d) in parts.items())
    total = _half_up(weighted, denominator, 2, most)
    rounded = {tool: _half_up(value, d, 2, d * 100) for tool, (value, d) in parts.items()}
    level = np.full(len(total), len(plan.levels) - 1, dtype=np.int64)
    for index in range(len(plan.levels) - 2, -1, -1):
        floor = plan.levels[index]
        test = total >= floor.min_total
        if floor.min_each_tool is not None:
            for code in TOOL_CODES:
                test &= rounded[code] >= floor.min_each_tool
        level[test] = index
    meta = _score_meta(native, given_year, plan.year, rules)
    columns: dict[str, Any] = {"agency": native["agency"].array}
    for tool, (value, d) in parts.items():
        columns[tool] = _arrow_decimals(_half_up(value, d, 4, d * 100), 4, 9)
    columns["total"] = _arrow_decimals(total, 2, 7)
    for name in ("code", "label_th", "label_en"):
        labels = [getattr(lv, name) for lv in plan.levels]
        column = "level" if name == "code" else f"level_{name[6:]}"
        columns[column] = pd.array(labels, dtype=meta[column]).take(level)
    columns["passed"] = pd.array(total >= plan.pass_mark, dtype=meta["passed"])
    if given_year is not None:
        columns["fiscal_year"] = np.full(len(total), given_year, dtype=meta["fiscal_year"])
    else:
        columns["fiscal_year"] = native["fiscal_year"].array
    replaced = {"agency", "fiscal_year", *TOOL_CODES}
    rest = [n for n in native.columns if n not in replaced]
    if set(rest) & set(columns):
        return None
    for name in rest:
        columns[name] = native[name].array
    return _Done(pd.DataFrame(columns, index=native.index, copy=False))


#: The general path's output types per input types (they depend on nothing else).
_PANDAS_TYPES: dict[tuple[Any, ...], dict[str, Any]] = {}


def _score_meta(native: Any, given_year: int | None, year: int, rules: YearRules) -> Any:
    """The types of the general path's result columns for frames typed as ``native`` is."""
    key = (given_year is None, *((str(n), t) for n, t in native.dtypes.items()))
    types = _PANDAS_TYPES.get(key)
    if types is None:
        empty = _score(
            native.head(0), given_year, None, rules, False, known_years=[year], fast=False
        )
        types = dict(empty.dtypes.items())
        if len(_PANDAS_TYPES) < 64:
            _PANDAS_TYPES[key] = types
    return types


def _score_dask(
    frame: Any,
    fiscal_year: int | Any | None,
    columns: Mapping[str, str] | None,
    rules: YearRules,
    allow_float: bool,
) -> Any:
    """The same scoring on each partition of a dask frame (rows are independent).

    The years are read first and the partitions checked in one pass, so problems are raised
    here, keyed by agency; the returned frame is lazy, as given.
    """
    import pandas as pd  # noqa: PLC0415 (dask brings pandas)

    years: list[int] | None = None
    year_column = (columns or {}).get("fiscal_year", "fiscal_year")
    if fiscal_year is None and year_column in frame.columns:
        years = sorted(int(y) for y in frame[year_column].dropna().unique().compute())
    meta = _score(frame._meta, fiscal_year, columns, rules, allow_float, known_years=years)
    options = {
        "fiscal_year": fiscal_year,
        "columns": columns,
        "rules": rules,
        "allow_float": allow_float,
        "known_years": years,
    }
    found = frame.map_partitions(
        _partition_problems, meta=pd.DataFrame({"problem": pd.Series([], dtype=object)}), **options
    ).compute()
    problems = _Problems()
    for problem in found["problem"]:
        problems.add(problem.path, problem.code, problem.params)
    problems.raise_if_any("score_table")
    return frame.map_partitions(_score_partition, meta=meta, **options)


def _score_partition(
    part: Any,
    *,
    fiscal_year: Any,
    columns: Mapping[str, str] | None,
    rules: YearRules,
    allow_float: bool,
    known_years: list[int] | None,
    keyed: bool = False,
) -> Any:
    return _score(
        part, fiscal_year, columns, rules, allow_float, known_years=known_years, keyed=keyed
    )


def _partition_problems(part: Any, **options: Any) -> Any:
    """The problems `_score_partition` finds in ``part``, keyed by agency, as a frame."""
    import pandas as pd  # noqa: PLC0415 (dask brings pandas)

    try:
        _score_partition(part, keyed=True, **options)
    except ValidationError as error:
        return pd.DataFrame({"problem": pd.Series(list(error.problems), dtype=object)})
    return pd.DataFrame({"problem": pd.Series([], dtype=object)})


# -- raw answers ----------------------------------------------------------------------------

ANSWER_COLUMNS = ("agency", "tool", "respondent", "question", "choice")
#: The columns of an OIT checklist (an ``evidence_url`` column may be there, and is not read).
CHECKLIST_COLUMNS = ("agency", "item", "present")


@frozen
class _AnswerPlan:
    """A year's question catalogue turned once into lookups for the engine and the finishing."""

    year: int
    question_tool: tuple[tuple[str, str], ...]  # question -> IIT | EIT
    question_indicator: tuple[tuple[str, int], ...]
    question_scale: tuple[tuple[str, str], ...]
    scale_choices: tuple[tuple[str, tuple[str, ...]], ...]  # scale -> its answers, for messages
    points: tuple[tuple[str, str, int], ...]  # (question, answer or Thai label, points)
    points_places: int
    indicators: tuple[tuple[str, tuple[int, ...]], ...]  # IIT/EIT -> indicator numbers


@lru_cache(maxsize=64)
def _answer_plan(rules: ItaRules, year: int) -> _AnswerPlan:
    tools = {i.number: i.tool for i in rules.indicators}
    scales = {s.id: s for s in rules.answer_scales}
    places = max((_places(c.points) for s in rules.answer_scales for c in s.choices), default=0)
    points = []
    for q in rules.questions:
        for choice in scales[q.scale].choices:
            whole = int(Fraction(choice.points) * 10**places)
            points.append((q.code, choice.value, whole))
            if choice.label_th and choice.label_th != choice.value:
                points.append((q.code, choice.label_th, whole))
    return _AnswerPlan(
        year=year,
        question_tool=tuple((q.code, tools[q.indicator]) for q in rules.questions),
        question_indicator=tuple((q.code, q.indicator) for q in rules.questions),
        question_scale=tuple((q.code, q.scale) for q in rules.questions),
        scale_choices=tuple((s.id, tuple(c.value for c in s.choices)) for s in rules.answer_scales),
        points=tuple(points),
        points_places=places,
        indicators=tuple(
            (code, tuple(i.number for i in rules.indicators_of(code))) for code in ("IIT", "EIT")
        ),
    )


def _year_rules(
    fiscal_year: object,
    rules: object,
    subject: str,
    frame: tuple[object, str],
    *,
    columns: object,
    problems: list[Problem],
) -> tuple[int, ItaRules, Any]:
    """The arguments checked together: the year, its rules and the input as a narwhals frame.

    ``rules`` are the caller's or the packaged ones; ``problems`` holds the caller's own
    argument checks.

    Arguments of the wrong kind, and a year without packaged rules, raise
    `moralkit.ValidationError` naming each argument.
    """
    year = fiscal_year_arg(fiscal_year, problems)
    _rules_arg(rules, problems)
    _columns_arg(columns, problems)
    data = _frame_arg(*frame, problems)
    if year is None or data is None or problems:
        refuse(problems, subject)
    if isinstance(rules, ItaRules):
        return year.be, rules, data
    try:
        return year.be, RULES.for_year(year.be), data
    except RuleNotFoundError:
        problems.append(Problem("fiscal_year", "tables.unknown_year", {"year": year.be}))
        refuse(problems, subject)


def _long_table(
    frame: Any,
    columns: Mapping[str, str] | None,
    required: Sequence[str],
    problems: _Problems,
) -> tuple[Any, Any]:
    """A long input table renamed by ``columns``, and its schema; a problem per missing column."""
    data = _rename(frame, columns, problems)
    schema = data.collect_schema()
    for column in required:
        if column not in schema:
            problems.add(column, "tables.missing_column", {"column": column})
    return data, schema


def _collect(frame: Any) -> Any:
    """Compute a lazy frame; polars' streaming engine keeps a national group-by in bounds."""
    if not _is_lazy(frame):
        return frame
    if frame.implementation.is_polars():
        return frame.collect(engine="streaming")
    return frame.collect()


_SURVEY_TOOLS = ("IIT", "EIT")


def _minimum_arg(value: object, problems: list[Problem]) -> dict[str, int] | None:
    """``minimum_respondents`` as {tool: count} (None when not given), problems for the rest."""
    if value is None:
        return None
    path = "minimum_respondents"
    given = (
        value.items() if isinstance(value, Mapping) else [(tool, value) for tool in _SURVEY_TOOLS]
    )
    found: dict[str, int] = {}
    for tool, count in given:
        if tool not in _SURVEY_TOOLS:
            problems.append(not_allowed(path, _SURVEY_TOOLS, tool))
            continue
        at = f"{path}[{tool!r}]" if isinstance(value, Mapping) else path
        whole = check_integer(count)
        if isinstance(whole, int) and whole >= 0:
            found[tool] = whole
        elif isinstance(whole, int):
            problems.append(Problem(at, "below_minimum", {"minimum": 0, "value": whole}))
        elif whole.code == "wrong_type":
            problems.append(wrong_type(at, "tables.kind.minimum", count))
        else:
            problems.append(whole.at(at))
        if not isinstance(value, Mapping) and tool not in found:
            break  # one count for both tools: one problem
    return found


def _minimum(rules: ItaRules, given: dict[str, int] | None) -> dict[str, int]:
    """The minimum respondents per tool: given, or read from the rule file when it has one.

    A rule file's ``minimum_respondents`` entries with no published number (``None``) set no
    minimum: NACC's own system computes it, and the formula is not public.
    """
    if given is not None:
        return given
    value: Any = getattr(rules, "minimum_respondents", None)
    if value is None:
        return {}
    if isinstance(value, tuple):  # the rule file's MinimumRespondents(tool, minimum, ...) entries
        return {
            str(getattr(item, "tool", "")): int(item.minimum)
            for item in value
            if isinstance(getattr(item, "minimum", None), int)
        }
    return {}


def _answer_row_problems(
    data: Any,
    bad: Any,
    make: Any,
    problems: _Problems,
) -> None:
    """Report the rows of ``data`` matching ``bad``; ``make(row)`` gives (column, code, params)."""
    nw = narwhals()
    lazy = _is_lazy(data)
    located = data if lazy else data.with_row_index("__row")
    found = _collect(located.filter(bad))
    count = len(found)
    rows = found.head(MAX_LISTED).rows(named=True)
    for row in rows:
        if lazy:
            prefix = (
                f"[agency={row['agency']!r}, respondent={row['respondent']!r}, "
                f"question={row['question']!r}]"
            )
        else:
            prefix = f"[{row['__row']}]"
        column, code, params = make(row)
        problems.add(f"{prefix}.{column}", code, params)
    problems.more += max(0, count - len(rows))
    del nw


def _check_combinations(data: Any, counts: Any, plan: _AnswerPlan, problems: _Problems) -> None:
    """Check the few distinct (tool, question, choice) found; report the rows of bad ones."""
    nw = narwhals()
    year = plan.year
    combos = counts.select(
        nw.col("tool").cast(nw.String),
        nw.col("question").cast(nw.String),
        nw.col("choice").cast(nw.String),
    ).unique()
    question_tool = dict(plan.question_tool)
    question_scale = dict(plan.question_scale)
    scale_choices = dict(plan.scale_choices)
    known = {(q, c) for q, c, _ in plan.points}
    bad_combos: dict[tuple[str, str, str], tuple[str, str, dict[str, Any]]] = {}
    for tool, question, choice in combos.rows():
        if tool not in ("IIT", "EIT"):
            reason = ("tool", "tables.unknown_tool", {"tool": tool})
        elif question not in question_tool:
            reason = ("question", "tables.unknown_question", {"question": question, "year": year})
        elif question_tool[question] != tool:
            expected = question_tool[question]
            reason = (
                "question",
                "tables.wrong_tool",
                {"question": question, "tool": tool, "expected": expected},
            )
        elif (question, choice) not in known:
            scale = question_scale[question]
            reason = (
                "choice",
                "tables.not_on_scale",
                {
                    "choice": choice,
                    "scale": scale,
                    "question": question,
                    "allowed": ", ".join(scale_choices[scale]),
                },
            )
        else:
            continue
        bad_combos[(tool, question, choice)] = reason
    if bad_combos:
        triples = list(bad_combos)
        key = nw.concat_str(
            [
                nw.col("tool").cast(nw.String),
                nw.col("question").cast(nw.String),
                nw.col("choice").cast(nw.String),
            ],
            separator="\x1f",
        )
        wanted = ["\x1f".join(t) for t in triples]

        def make(row: Mapping[str, Any]) -> tuple[str, str, dict[str, Any]]:
            t = (str(row["tool"]), str(row["question"]), str(row["choice"]))
            return bad_combos[t]

        _answer_row_problems(data, key.is_in(wanted), make, problems)


def indicators_from_answers(
    answers: Any,
    fiscal_year: int | Any,
    *,
    rules: ItaRules | None = None,
    columns: Mapping[str, str] | None = None,
    minimum_respondents: int | Mapping[str, int] | None = None,
) -> Any:
    """The IIT and EIT indicator scores of every agency, from a long table of raw answers.

    ``answers`` has one row per answer: ``agency``, ``tool`` (``IIT`` or ``EIT``),
    ``respondent``, ``question`` and ``choice`` (the answer's value, such as ``highest``, or
    its Thai label, such as ``มากที่สุด``, where the scale gives one); ``columns`` maps these
    names to yours. The engine counts answers per agency, question and choice; the rest is
    exact: a question's score is the mean of its answers' points, an indicator's the mean of its
    questions', rounded half-up to 4 places at the end, as `moralkit.ita.score` shows them.

    The result is an eager frame (the engine's own; pandas for dask) with ``agency``,
    ``fiscal_year``, ``respondents_IIT``, ``respondents_EIT`` and ``i1`` ... ``i8`` as
    decimals, ready for `score_table` once the OIT indicators are joined (`oit_from_checklist`).

    Problems raise `moralkit.ValidationError` with the row of each: a question not in the
    year's catalogue, an answer not on its scale, a question in the wrong tool, a question one
    respondent answers twice; and an agency with fewer respondents to a tool than
    ``minimum_respondents`` (or the rule file's ``minimum_respondents``, when it has one).

    >>> from moralkit._synthetic import synthetic_ita
    >>> data = synthetic_ita(agencies=3, respondents=60, fiscal_year=2567, seed=1)
    >>> out = indicators_from_answers(data.answers, 2567, rules=data.rules)
    >>> out.columns[:4], out.height
    (['agency', 'fiscal_year', 'respondents_IIT', 'respondents_EIT'], 3)
    """
    nw = narwhals()
    arguments: list[Problem] = []
    minimum_given = _minimum_arg(minimum_respondents, arguments)
    year, year_rules, native = _year_rules(
        fiscal_year,
        rules,
        "indicators_from_answers",
        (answers, "answers"),
        columns=columns,
        problems=arguments,
    )
    problems = _Problems()
    plan = _answer_plan(year_rules, year)
    if not plan.points:
        problems.add("", "tables.no_questions", {"year": year})
    data, _ = _long_table(native, columns, ANSWER_COLUMNS, problems)
    problems.raise_if_any("indicators_from_answers")
    data = data.select(*ANSWER_COLUMNS)

    # The two passes over the answers, both whole-number counts in the engine.
    counts = _collect(
        data.group_by("agency", "tool", "question", "choice").agg(nw.len().alias("n"))
    )
    if data.implementation.is_dask():
        # dask's grouped n_unique adds up the partitions' counts: count distinct in two steps.
        per_respondent = (
            data.group_by("agency", "tool", "respondent", "question")
            .agg(nw.len().alias("times"))
            .group_by("agency", "tool", "respondent")
            .agg(nw.col("times").sum().alias("answers"), nw.len().alias("questions"))
        )
    else:
        per_respondent = data.group_by("agency", "tool", "respondent").agg(
            nw.len().alias("answers"), nw.col("question").n_unique().alias("questions")
        )
    respondents = _collect(
        per_respondent.with_columns((nw.col("answers") - nw.col("questions")).alias("repeats"))
        .group_by("agency", "tool")
        .agg(nw.len().alias("respondents"), nw.col("repeats").sum())
    )

    _check_combinations(data, counts, plan, problems)
    repeats = respondents.filter(nw.col("repeats") > 0)
    if len(repeats):
        _report_repeats(data, problems)

    minimum = _minimum(year_rules, minimum_given)
    respondent_counts: dict[tuple[str, str], int] = {}
    for agency, tool, count in respondents.select("agency", "tool", "respondents").rows():
        respondent_counts[(str(agency), str(tool))] = int(count)
        floor = minimum.get(str(tool))
        if floor is not None and count < floor:
            problems.add(
                f"[agency={agency!r}]",
                "tables.too_few_respondents",
                {"agency": agency, "tool": tool, "count": count, "minimum": floor},
            )
    problems.raise_if_any("indicators_from_answers")
    return _finish_answers(counts, plan, respondent_counts, year)


def _report_repeats(data: Any, problems: _Problems) -> None:
    """Find the answers that repeat a respondent's earlier answer to the same question."""
    nw = narwhals()
    keys = ["agency", "tool", "respondent", "question"]
    twice = _collect(data.group_by(*keys).agg(nw.len().alias("times")).filter(nw.col("times") > 1))
    lazy = _is_lazy(data)
    located = data if lazy else data.with_row_index("__row")
    marked = located.join(
        (twice.lazy(backend=data.implementation) if lazy else twice).select(*keys, "times"),
        on=keys,
        how="inner",
    )
    found = _collect(marked)
    if not lazy:
        found = found.sort("__row")
    seen: set[tuple[Any, ...]] = set()
    listed = 0
    for row in found.rows(named=True):
        key = tuple(row[k] for k in keys)
        if key not in seen:
            seen.add(key)
            continue
        if lazy:
            prefix = f"[agency={row['agency']!r}, respondent={row['respondent']!r}]"
        else:
            prefix = f"[{row['__row']}]"
        problems.add(
            f"{prefix}.question",
            "tables.answered_twice",
            {
                "respondent": row["respondent"],
                "agency": row["agency"],
                "question": row["question"],
                "count": row["times"],
            },
        )
        listed += 1


def _finish_answers(
    counts: Any, plan: _AnswerPlan, respondents: Mapping[tuple[str, str], int], year: int
) -> Any:
    """Points per agency and question, then the exact means, rounded once to 4 places."""
    nw = narwhals()
    backend = counts.implementation
    lookup = nw.from_dict(
        {
            "question": [q for q, _, _ in plan.points],
            "choice": [c for _, c, _ in plan.points],
            "points": [p for _, _, p in plan.points],
        },
        backend=backend,
    )
    sums = (
        counts.with_columns(
            nw.col("agency").cast(nw.String),
            nw.col("question").cast(nw.String),
            nw.col("choice").cast(nw.String),
        )
        .join(lookup, on=["question", "choice"], how="inner")
        .with_columns((nw.col("points") * nw.col("n")).alias("points"))
        .group_by("agency", "question")
        .agg(nw.col("points").sum(), nw.col("n").sum())
        .sort("agency", "question")
    )
    indicator_of = dict(plan.question_indicator)
    per_agency: dict[str, dict[int, list[tuple[int, int]]]] = {}
    agencies = sums["agency"].to_list()
    questions = sums["question"].to_list()
    points = sums["points"].to_list()
    ns = sums["n"].to_list()
    for agency, question, total, n in zip(agencies, questions, points, ns, strict=True):
        per_agency.setdefault(agency, {}).setdefault(indicator_of[question], []).append(
            (int(total), int(n))
        )
    numbers = [n for _, group in plan.indicators for n in group]
    unit = 10**plan.points_places
    table: dict[str, list[Any]] = {
        "agency": [],
        "fiscal_year": [],
        "respondents_IIT": [],
        "respondents_EIT": [],
        **{f"i{n}": [] for n in numbers},
    }
    for agency in sorted(per_agency):
        table["agency"].append(agency)
        table["fiscal_year"].append(year)
        table["respondents_IIT"].append(respondents.get((agency, "IIT"), 0))
        table["respondents_EIT"].append(respondents.get((agency, "EIT"), 0))
        by_indicator = per_agency[agency]
        for number in numbers:
            table[f"i{number}"].append(_indicator_value(by_indicator.get(number), unit))
    schema = {
        "agency": nw.String(),
        "fiscal_year": nw.Int64(),
        "respondents_IIT": nw.Int64(),
        "respondents_EIT": nw.Int64(),
        **{f"i{n}": nw.Decimal(precision=9, scale=4) for n in numbers},
    }
    return nw.from_dict(table, schema=schema, backend=backend).to_native()


def _indicator_value(questions: list[tuple[int, int]] | None, unit: int) -> Decimal | None:
    """The mean over questions of (points / answers), in points of 10**-places, to 4 places.

    sum(P_j / n_j) / q over a common denominator D = lcm(n_j): whole numbers throughout.
    """
    if not questions:
        return None
    common = math.lcm(*(n for _, n in questions))
    numerator = sum(p * (common // n) for p, n in questions)
    denominator = common * len(questions) * unit
    whole = (2 * numerator * 10**4 + denominator) // (2 * denominator)
    return Decimal(whole).scaleb(-4)


# -- the OIT checklist ----------------------------------------------------------------------

_YES = ("true", "yes", "1", "มี", "y", "t")
_NO = ("false", "no", "0", "ไม่มี", "n", "f")


def _flag(dtype: Any, column: str) -> Any:
    """``present`` as 1 / 0 (null when it is not a yes or a no)."""
    nw = narwhals()
    col = nw.col(column)
    if dtype == nw.Boolean:
        return col.cast(nw.Int64)
    if dtype.is_integer():
        return nw.when(col.is_in([0, 1])).then(col.cast(nw.Int64)).otherwise(nw.lit(None))
    text = col.cast(nw.String).str.strip_chars().str.to_lowercase()
    return (
        nw.when(text.is_in(list(_YES)))
        .then(nw.lit(1))
        .otherwise(nw.when(text.is_in(list(_NO))).then(nw.lit(0)).otherwise(nw.lit(None)))
    )


def oit_from_checklist(
    checklist: Any,
    fiscal_year: int | Any,
    *,
    rules: ItaRules | None = None,
    columns: Mapping[str, str] | None = None,
) -> Any:
    """The OIT indicators of every agency, from a long checklist table.

    ``checklist`` has one row per agency and item: ``agency``, ``item`` (``O1`` ...) and
    ``present`` (true / false, 1 / 0, or มี / ไม่มี); an ``evidence_url`` column may be there
    and is not read. Each sub-indicator is the share of its items present and each indicator
    the mean of its sub-indicators, rounded half-up to 4 places once, as `moralkit.ita.score`
    does; for years whose grouping is unknown the result holds the ``OIT`` share of all items.

    The result is an eager frame with ``agency``, ``fiscal_year`` and ``i9``, ``i10`` (or
    ``OIT``). Items not in the year's list, items given twice, missing items and unreadable
    ``present`` cells raise `moralkit.ValidationError`.

    >>> from moralkit._synthetic import synthetic_ita
    >>> data = synthetic_ita(agencies=2, respondents=40, fiscal_year=2566, seed=3)
    >>> oit_from_checklist(data.oit, 2566).columns
    ['agency', 'fiscal_year', 'i9', 'i10']
    """
    nw = narwhals()
    year, year_rules, native = _year_rules(
        fiscal_year,
        rules,
        "oit_from_checklist",
        (checklist, "checklist"),
        columns=columns,
        problems=[],
    )
    problems = _Problems()
    items = [i.code for i in year_rules.oit_items]
    if not items:
        problems.add("", "tables.no_oit_catalogue", {"year": year})
    data, schema = _long_table(native, columns, CHECKLIST_COLUMNS, problems)
    problems.raise_if_any("oit_from_checklist")
    data = data.select(
        nw.col("agency").cast(nw.String),
        nw.col("item").cast(nw.String),
        nw.col("present"),
        _flag(schema["present"], "present").alias("__flag"),
    )
    lazy = _is_lazy(data)
    located = data if lazy else data.with_row_index("__row")
    bad = _collect(located.filter(~nw.col("item").is_in(items) | nw.col("__flag").is_null()))
    for row in bad.head(MAX_LISTED).rows(named=True):
        prefix = f"[agency={row['agency']!r}]" if lazy else f"[{row['__row']}]"
        if row["item"] not in items:
            problems.add(
                f"{prefix}.item", "tables.unknown_item", {"item": row["item"], "year": year}
            )
        else:
            problems.add(f"{prefix}.present", "tables.not_a_flag", {"value": row["present"]})
    problems.more += max(0, len(bad) - MAX_LISTED)
    problems.raise_if_any("oit_from_checklist")
    counts = _collect(
        data.group_by("agency", "item").agg(
            nw.len().alias("n"), nw.col("__flag").sum().alias("present")
        )
    )
    present: dict[str, dict[str, int]] = {}
    for agency, item, n, yes in counts.select("agency", "item", "n", "present").rows():
        if n > 1:
            problems.add(
                f"[agency={agency!r}].item",
                "tables.item_twice",
                {"agency": agency, "item": item, "count": n},
            )
        present.setdefault(agency, {})[item] = int(yes > 0)
    for agency, marks in present.items():
        missing = [i for i in items if i not in marks]
        if missing:
            problems.add(
                f"[agency={agency!r}]",
                "tables.missing_items",
                {"agency": agency, "items": missing},
            )
    problems.raise_if_any("oit_from_checklist")
    return _finish_oit(present, year_rules, year, counts.implementation)


def _finish_oit(
    present: Mapping[str, Mapping[str, int]], rules: ItaRules, year: int, backend: Any
) -> Any:
    nw = narwhals()
    agencies = sorted(present)
    table: dict[str, list[Any]] = {"agency": agencies, "fiscal_year": [year] * len(agencies)}
    if rules.oit_scoring == "share_of_items":
        table["OIT"] = [
            _round4(Fraction(sum(present[a].values()) * 100, len(present[a]))) for a in agencies
        ]
    else:
        groups: dict[int, list[list[str]]] = {}
        for sub in rules.sub_indicators:
            codes = [i.code for i in rules.oit_items if i.sub_indicator == sub.code]
            if codes:
                groups.setdefault(sub.indicator, []).append(codes)
        for indicator in rules.indicators_of("OIT"):
            subs = groups.get(indicator.number, [])
            values = []
            for agency in agencies:
                marks = present[agency]
                shares = [
                    Fraction(sum(marks[c] for c in codes) * 100, len(codes)) for codes in subs
                ]
                values.append(_round4(sum(shares, Fraction(0)) / len(shares)) if shares else None)
            table[f"i{indicator.number}"] = values
    schema = {"agency": nw.String(), "fiscal_year": nw.Int64()}
    schema.update({k: nw.Decimal(precision=9, scale=4) for k in table if k not in schema})
    return nw.from_dict(table, schema=schema, backend=backend).to_native()


def _round4(value: Fraction) -> Decimal:
    whole = (2 * value.numerator * 10**4 + value.denominator) // (2 * value.denominator)
    return Decimal(whole).scaleb(-4)


# -- summaries ------------------------------------------------------------------------------


def _as_decimal(value: Any) -> Decimal | None:
    """An exact score as a Decimal (None for an empty cell); `ValueError` for anything else."""
    if value is None:
        return None
    if isinstance(value, Decimal) and value.is_finite():
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        return Decimal(value.strip())
    raise ValueError("not an exact score")


def _exact_rows(
    rows: list[dict[str, Any]], figures: Sequence[str], subject: str
) -> list[dict[str, Any]]:
    """``rows`` with each figure read as an exact Decimal and the fiscal year as an int.

    A float, NaN, text that is not a score, or a fiscal year that is not a whole number is a
    problem at ``[row].column``; all of them raise together as `moralkit.ValidationError`.
    """
    problems = _Problems()
    for index, row in enumerate(rows):
        year = row["fiscal_year"]
        if type(year) is not int:
            whole = check_integer(year)
            if isinstance(whole, int):
                row["fiscal_year"] = whole
            else:
                refused = wrong_type(f"[{index}].fiscal_year", "kind.integer", year)
                problems.add(refused.path, refused.code, refused.params)
        for figure in figures:
            try:
                row[figure] = _as_decimal(row[figure])
            except ValueError:
                problems.add(
                    f"[{index}].{figure}", "tables.not_a_score", {"value": shown(row[figure])}
                )
    problems.raise_if_any(subject)
    return rows


def _rows(
    frame: Any, names: Sequence[str], where: str, subject: str
) -> tuple[Any, list[dict[str, Any]]]:
    """The named columns of a narwhals frame as Python rows (computed if lazy), and its kind.

    A column the frame lacks is a problem at ``where``.
    """
    present = set(frame.collect_schema().names())
    missing = [name for name in dict.fromkeys(names) if name not in present]
    if missing:
        refuse(
            [Problem(where, "tables.missing_column", {"column": name}) for name in missing],
            subject,
        )
    data = _collect(frame.select(*dict.fromkeys(names)))
    return data.implementation, data.rows(named=True)


def _median(values: list[Decimal]) -> Fraction:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return Fraction(ordered[middle])
    return (Fraction(ordered[middle - 1]) + Fraction(ordered[middle])) / 2


def summarize_table(
    scored: Any,
    by: Sequence[str] = (),
    *,
    rules: YearRules = None,
) -> Any:
    """Count, mean, median, share passing and level counts per group of a scored table.

    ``scored`` is what `score_table` returns (any engine); ``by`` names grouping columns
    (``["province"]``, ``["ministry", "kind"]``). The fiscal year is always part of the key, so
    years are never mixed. Figures are exact: ``mean``, ``median`` and ``share_passing``
    (percent) are decimals rounded half-up to 2 places; ``target_share`` is the year's
    national target (80: at least 80% of agencies passing), ``meets_target`` compares the
    two and ``target_status`` says how far the target can be trusted, as the rule file states
    it (``unverified`` for FY2566-2568), as `moralkit.ita.summary` does; ``level_<code>``
    counts the agencies at each of the year's levels.

    >>> import polars as pl
    >>> frame = pl.DataFrame({"agency": ["a", "b", "c"], "province": ["TH-10", "TH-10", "TH-50"],
    ...                       "IIT": ["90", "80", "99"], "EIT": ["88", "75", "99"],
    ...                       "OIT": ["95", "60", "99"]})
    >>> s = summarize_table(score_table(frame, 2566), by=["province"])
    >>> for row in s.select("fiscal_year", "province", "count", "mean", "share_passing").rows():
    ...     print(row)
    (2566, 'TH-10', 2, Decimal('80.95'), Decimal('50.00'))
    (2566, 'TH-50', 1, Decimal('99.00'), Decimal('100.00'))
    """
    nw = narwhals()
    problems: list[Problem] = []
    frame = _frame_arg(scored, "scored", problems)
    grouping = _names_arg(by, "by", problems)
    _rules_arg(rules, problems, by_year=True)
    if frame is None or grouping is None or problems:
        refuse(problems, "summarize_table")
    keys = ["fiscal_year", *[k for k in grouping if k != "fiscal_year"]]
    backend, rows = _rows(frame, [*keys, "total", "level", "passed"], "scored", "summarize_table")
    rows = _exact_rows(rows, ["total"], "summarize_table")
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(row[k] for k in keys), []).append(row)
    years = sorted({int(k[0]) for k in groups})
    year_rules = {y: _rules_for(y, rules) for y in years}
    level_codes: list[str] = []
    for y in years:
        level_codes += [lv.code for lv in year_rules[y].levels if lv.code not in level_codes]
    table: dict[str, list[Any]] = {k: [] for k in keys}
    for column in ("count", "mean", "median", "passing", "share_passing", "target_share"):
        table[column] = []
    table["meets_target"] = []
    table["target_status"] = []
    for code in level_codes:
        table[f"level_{code}"] = []
    for key in sorted(groups, key=lambda k: tuple(str(v) for v in k)):
        members = groups[key]
        exact = [m["total"] for m in members if m["total"] is not None]
        for name, value in zip(keys, key, strict=True):
            table[name].append(value)
        count = len(members)
        passing = sum(1 for m in members if m["passed"])
        share = _round2(Fraction(passing * 100, count))
        target = year_rules[int(key[0])].national_target_share
        table["count"].append(count)
        table["mean"].append(
            _round2(sum((Fraction(t) for t in exact), Fraction(0)) / len(exact)) if exact else None
        )
        table["median"].append(_round2(_median(exact)) if exact else None)
        table["passing"].append(passing)
        table["share_passing"].append(share)
        table["target_share"].append(target)
        table["meets_target"].append(None if target is None else share >= target)
        table["target_status"].append(year_rules[int(key[0])].national_target_status)
        for code in level_codes:
            table[f"level_{code}"].append(sum(1 for m in members if m["level"] == code))
    schema: dict[str, Any] = {}
    for name in table:
        if name in ("mean", "median", "share_passing", "target_share"):
            schema[name] = nw.Decimal(precision=7, scale=2)
        elif name in ("count", "passing") or name.startswith("level_"):
            schema[name] = nw.Int64()
        elif name == "meets_target":
            schema[name] = nw.Boolean()
        elif name == "target_status":
            schema[name] = nw.String()
    table["target_share"] = [
        None if t is None else _round2(Fraction(t)) for t in table["target_share"]
    ]
    return _eager_frame(table, schema, backend)


def _eager_frame(table: Mapping[str, list[Any]], schema: Mapping[str, Any], backend: Any) -> Any:
    """A frame of the eager kind of ``backend`` (pandas for dask), with typed columns."""
    nw = narwhals()
    frame = nw.from_dict(dict(table), backend=backend)
    casts = [nw.col(name).cast(dtype) for name, dtype in schema.items()]
    return frame.with_columns(*casts).to_native() if casts else frame.to_native()


def _round2(value: Fraction) -> Decimal:
    sign = -1 if value < 0 else 1
    magnitude = abs(value)
    whole = (2 * magnitude.numerator * 100 + magnitude.denominator) // (2 * magnitude.denominator)
    return Decimal(sign * whole).scaleb(-2)


def year_over_year(
    scored: Any,
    *,
    columns: Sequence[str] | None = None,
    key: str = "agency",
) -> Any:
    """The change of each agency's figures from one fiscal year to the next it was scored in.

    ``scored`` holds several years of `score_table` output (or any table with ``agency``,
    ``fiscal_year`` and exact score columns). ``columns`` are the figures compared: by default
    ``total``, the tool scores and the indicator columns ``i1`` ... present. The result has
    ``agency``, ``fiscal_year``, ``previous_year`` and, for each figure, its value, its previous
    value and ``<figure>_change`` (exact decimals); an agency's first year has no row.

    >>> import polars as pl
    >>> frame = pl.DataFrame({"agency": ["a", "a"], "fiscal_year": [2566, 2567],
    ...                       "IIT": ["90", "92"], "EIT": ["88", "90"], "OIT": ["95", "97"]})
    >>> change = year_over_year(score_table(frame), columns=["total"])
    >>> change.select("agency", "fiscal_year", "total", "total_change").rows()
    [('a', 2567, Decimal('93.40'), Decimal('2.00'))]
    """
    nw = narwhals()
    problems: list[Problem] = []
    frame = _frame_arg(scored, "scored", problems)
    chosen = None if columns is None else _names_arg(columns, "columns", problems)
    if not isinstance(key, str):
        problems.append(wrong_type("key", "kind.text", key))
    if frame is None or problems:
        refuse(problems, "year_over_year")
    if chosen is None:
        names = frame.collect_schema().names()
        figures = [c for c in ("total", *TOOL_CODES) if c in names]
        figures += sorted(
            (c for c in names if c.startswith("i") and c[1:].isdigit()), key=lambda c: int(c[1:])
        )
    else:
        figures = [c for c in chosen if c not in (key, "fiscal_year")]
    backend, rows = _rows(frame, [key, "fiscal_year", *figures], "scored", "year_over_year")
    rows = _exact_rows(rows, figures, "year_over_year")
    history: dict[Any, list[dict[str, Any]]] = {}
    for row in rows:
        history.setdefault(row[key], []).append(row)
    table: dict[str, list[Any]] = {key: [], "fiscal_year": [], "previous_year": []}
    for figure in figures:
        table[figure] = []
        table[f"{figure}_previous"] = []
        table[f"{figure}_change"] = []
    for agency in sorted(history, key=str):
        years = sorted(history[agency], key=lambda r: int(r["fiscal_year"]))
        for before, after in itertools.pairwise(years):
            table[key].append(agency)
            table["fiscal_year"].append(int(after["fiscal_year"]))
            table["previous_year"].append(int(before["fiscal_year"]))
            for figure in figures:
                now, then = after[figure], before[figure]
                table[figure].append(now)
                table[f"{figure}_previous"].append(then)
                table[f"{figure}_change"].append(
                    None if now is None or then is None else now - then
                )
    schema: dict[str, Any] = {"fiscal_year": nw.Int64(), "previous_year": nw.Int64()}
    for figure in figures:
        places = max(
            (_scale(v) for name in (figure, f"{figure}_previous") for v in table[name] if v),
            default=0,
        )
        for name in (figure, f"{figure}_previous", f"{figure}_change"):
            table[name] = [
                None if v is None else v.quantize(Decimal(1).scaleb(-places)) for v in table[name]
            ]
            schema[name] = nw.Decimal(precision=9, scale=places)
    return _eager_frame(table, schema, backend)
