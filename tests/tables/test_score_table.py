"""score_table agrees with ita.score on every row, on every engine."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moralkit import ValidationError, ita
from moralkit.ita.tables import score_table
from tests.tables.conftest import rows_of, to_engine

ENGINES = ["polars", "polars-lazy", "pandas", "pyarrow", "dask", "duckdb"]
YEARS = [2562, 2563, 2564, 2565, 2566, 2567, 2568]


def score_text(places: int) -> st.SearchStrategy[str]:
    return st.integers(0, 100 * 10**places).map(lambda n: f"{Decimal(n).scaleb(-places):f}")


SCORE = st.integers(0, 4).flatmap(score_text)
#: Scores near the band edges, where half-up rounding decides the level.
EDGE = st.sampled_from(
    ["84.985", "84.995", "84.9849", "85", "94.995", "95", "69.995", "70", "100", "0", "84.99"]
)
ANY_SCORE = st.one_of(SCORE, EDGE)


def expected(row: dict[str, str], year: int, tools: bool) -> dict[str, Any]:
    if tools:
        result = ita.score(year, tools={c: row[c] for c in ("IIT", "EIT", "OIT")})
    else:
        result = ita.score(year, indicators={n: row[f"i{n}"] for n in range(1, 11)})
    return {
        "IIT": result.tool("IIT"),
        "EIT": result.tool("EIT"),
        "OIT": result.tool("OIT"),
        "total": result.total,
        "level": result.level.code,
        "level_th": result.level.label_th,
        "level_en": result.level.label_en,
        "passed": result.passed,
        "fiscal_year": year,
    }


def check(frame: Any, rows: list[dict[str, str]], years: list[int], tools: bool) -> None:
    got = rows_of(frame)
    assert [g["agency"] for g in got] == [r["agency"] for r in rows]
    for g, row, year in zip(got, rows, years, strict=True):
        want = expected(row, year, tools)
        assert {k: g[k] for k in want} == want, row


def tool_rows(draw: st.DrawFn, n: int) -> list[dict[str, str]]:
    return [
        {"agency": f"A{i}", "IIT": draw(ANY_SCORE), "EIT": draw(ANY_SCORE), "OIT": draw(ANY_SCORE)}
        for i in range(n)
    ]


@st.composite
def tool_tables(draw: st.DrawFn) -> list[dict[str, str]]:
    return tool_rows(draw, draw(st.integers(1, 12)))


@st.composite
def indicator_tables(draw: st.DrawFn) -> list[dict[str, str]]:
    rows = []
    for i in range(draw(st.integers(1, 12))):
        row = {"agency": f"A{i}"}
        row.update({f"i{n}": draw(ANY_SCORE) for n in range(1, 11)})
        rows.append(row)
    return rows


def columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    return {key: [r[key] for r in rows] for key in rows[0]}


FAST = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("engine", ["polars", "pandas"])
@FAST
@given(rows=tool_tables(), year=st.sampled_from(YEARS))
def test_tools_agree_with_score(engine: str, rows: list[dict[str, str]], year: int) -> None:
    check(score_table(to_engine(columns(rows), engine), year), rows, [year] * len(rows), True)


@pytest.mark.parametrize("engine", ["polars", "pandas"])
@FAST
@given(rows=indicator_tables(), year=st.sampled_from(YEARS))
def test_indicators_agree_with_score(engine: str, rows: list[dict[str, str]], year: int) -> None:
    check(score_table(to_engine(columns(rows), engine), year), rows, [year] * len(rows), False)


@SLOW
@given(rows=indicator_tables(), year=st.sampled_from(YEARS))
def test_dask_agrees_with_score(rows: list[dict[str, str]], year: int) -> None:
    check(score_table(to_engine(columns(rows), "dask"), year), rows, [year] * len(rows), False)


@pytest.mark.parametrize("engine", ["polars", "pandas"])
@SLOW
@given(data=st.data())
def test_several_years_each_by_its_own_rules(engine: str, data: st.DataObject) -> None:
    rows = data.draw(tool_tables())
    years = [data.draw(st.sampled_from(YEARS)) for _ in rows]
    table = columns(rows) | {"fiscal_year": years}
    check(score_table(to_engine(table, engine)), rows, years, True)


@pytest.mark.parametrize("engine", ENGINES)
def test_every_engine_gives_the_same_kind_back(engine: str) -> None:
    rows = [
        {"agency": "edge", "IIT": "84.985", "EIT": "84.985", "OIT": "84.985"},
        {"agency": "sao", "IIT": "98", "EIT": "84", "OIT": "99.5"},
        {"agency": "good", "IIT": "98", "EIT": "85", "OIT": "99.5"},
    ]
    native = to_engine(columns(rows), engine)
    out = score_table(native, 2568)
    assert type(out).__name__ == type(native).__name__
    check(out, rows, [2568] * 3, True)
    got = rows_of(out)
    assert got[0]["total"] == Decimal("84.99")
    assert [g["level"] for g in got] == ["improve", "pass", "good"]


def test_an_exact_total_of_84_985_rounds_up_at_the_edge() -> None:
    # 0.3 x 84.98 + 0.3 x 84.99 + 0.4 x 84.985 = 84.985 exactly; a float total misses it.
    rows = [{"agency": "A", "IIT": "84.98", "EIT": "84.99", "OIT": "84.985"}]
    got = rows_of(score_table(to_engine(columns(rows), "polars"), 2564))[0]
    assert (
        got["total"]
        == Decimal("84.99")
        == ita.score(2564, tools={c: rows[0][c] for c in ("IIT", "EIT", "OIT")}).total
    )
    assert got["level"] == "B"


def test_column_order_agency_first_and_other_columns_kept() -> None:
    frame = to_engine(
        {"province": ["TH-10"], "code": ["A1"], "iit": ["90"], "EIT": ["90"], "OIT": ["90"]},
        "polars",
    )
    out = score_table(frame, 2566, columns={"agency": "code", "IIT": "iit"})
    assert out.columns == [
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
        "province",
    ]


def test_decimal_and_integer_columns_are_read_exactly() -> None:
    pl = pytest.importorskip("polars")
    frame = pl.DataFrame(
        {
            "agency": ["A"],
            "IIT": pl.Series([Decimal("84.985")], dtype=pl.Decimal(9, 3)),
            "EIT": pl.Series([85], dtype=pl.Int32),
            "OIT": ["84.98"],
        }
    )
    got = score_table(frame, 2564).row(0, named=True)
    assert got["total"] == ita.score(2564, tools={"IIT": "84.985", "EIT": 85, "OIT": "84.98"}).total


def problems_of(frame: Any, *args: Any, **kwargs: Any) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as info:
        score_table(frame, *args, **kwargs)
    return [(p.path, p.code) for p in info.value.problems]


@pytest.mark.parametrize("engine", ["polars", "pandas"])
def test_unreadable_scores_are_reported_with_their_rows(engine: str) -> None:
    frame = to_engine(
        {
            "agency": ["A", "B", "C", "D"],
            "IIT": ["90", "abc", None, "100.5"],
            "EIT": ["90", "90", "90", "90.1234567"],
            "OIT": ["90", "90", "90", "90"],
        },
        engine,
    )
    assert problems_of(frame, 2566) == [
        ("[1].IIT", "tables.not_a_score"),
        ("[2].IIT", "tables.missing_value"),
        ("[3].IIT", "tables.out_of_range"),
        ("[3].EIT", "tables.too_many_places"),
    ]


def test_lazy_frames_report_problems_by_agency() -> None:
    frame = to_engine(
        {"agency": ["A", "B"], "IIT": ["90", "x"], "EIT": ["1", "2"], "OIT": ["3", "4"]},
        "polars-lazy",
    )
    assert problems_of(frame, 2566) == [("[agency='B'].IIT", "tables.not_a_score")]


def test_floats_are_refused_unless_allowed() -> None:
    frame = to_engine({"agency": ["A"], "IIT": [93.55], "EIT": [90.0], "OIT": [84.985]}, "pandas")
    assert problems_of(frame, 2566) == [
        ("IIT", "tables.float_column"),
        ("EIT", "tables.float_column"),
        ("OIT", "tables.float_column"),
    ]
    got = rows_of(score_table(frame, 2566, allow_float=True))[0]
    want = ita.score(2566, tools={"IIT": 93.55, "EIT": 90.0, "OIT": 84.985}, allow_float=True)
    assert got["total"] == want.total


def test_missing_columns_years_and_unknown_years() -> None:
    frame = to_engine({"agency": ["A"], "IIT": ["1"], "EIT": ["1"]}, "polars")
    assert problems_of(frame, 2566) == [("OIT", "tables.no_score_columns")]
    frame = to_engine({"agency": ["A"], "IIT": ["1"], "EIT": ["1"], "OIT": ["1"]}, "polars")
    assert problems_of(frame) == [("fiscal_year", "tables.no_year")]
    assert problems_of(frame, 2500) == [("fiscal_year", "tables.unknown_year")]
    assert problems_of(frame, 2566, columns={"agency": "nope"}) == [
        ("nope", "tables.missing_column")
    ]
    with_year = to_engine(
        {"agency": ["A"], "IIT": ["1"], "EIT": ["1"], "OIT": ["1"], "fiscal_year": [2566]}, "polars"
    )
    assert problems_of(with_year, 2566) == [("fiscal_year", "tables.year_twice")]


def test_problems_render_in_both_languages() -> None:
    frame = to_engine({"agency": ["A"], "IIT": ["x"], "EIT": ["1"], "OIT": ["1"]}, "polars")
    with pytest.raises(ValidationError) as info:
        score_table(frame, 2566)
    problem = info.value.problems[0]
    assert problem.message_en == "expected a score such as '85.50' (got x)"
    assert problem.message_th == "ต้องเป็นคะแนน เช่น '85.50' (ได้รับ x)"


# -- the widest values an engine holds ------------------------------------------------------

WIDE_ENGINES = ["polars", "polars-lazy", "pyarrow", "pandas-arrow", "duckdb"]


def from_arrow(table: Any, engine: str) -> Any:
    """An arrow table as a frame of ``engine``, its column types kept."""
    pl = pytest.importorskip("polars")
    if engine == "polars":
        return pl.from_arrow(table)
    if engine == "polars-lazy":
        return pl.from_arrow(table).lazy()
    if engine == "pandas-arrow":
        pd = pytest.importorskip("pandas")
        return table.to_pandas(types_mapper=pd.ArrowDtype)
    if engine == "duckdb":
        return pytest.importorskip("duckdb").from_arrow(table)
    return table


@pytest.mark.parametrize("engine", WIDE_ENGINES)
@pytest.mark.parametrize(("precision", "scale"), [(38, 8), (38, 2), (38, 0), (20, 8), (11, 8)])
def test_38_digit_decimal_columns_score_as_score_does(
    engine: str, precision: int, scale: int
) -> None:
    # decimal128(38, s) is what many engines produce; its largest accepted values are 100 and
    # the smallest step above 0, and they once overflowed the engine's 38-digit arithmetic.
    pa = pytest.importorskip("pyarrow")
    step = Decimal(1).scaleb(-scale)
    values = [Decimal(100), 100 - step, step, Decimal(0), Decimal("84.985").quantize(step)]
    kind = pa.decimal128(precision, scale)
    table = pa.table(
        {
            "agency": [f"A{i}" for i in range(len(values))],
            "IIT": pa.array([v.quantize(step) for v in values], kind),
            "EIT": pa.array([v.quantize(step) for v in reversed(values)], kind),
            "OIT": pa.array([Decimal(100).quantize(step)] * len(values), kind),
        }
    )
    rows = table.to_pylist()
    frame = from_arrow(table, engine)
    got = rows_of(score_table(frame, 2566))
    assert [g["agency"] for g in got] == [r["agency"] for r in rows]
    for g, row in zip(got, rows, strict=True):
        want = expected(row, 2566, tools=True)
        assert {k: g[k] for k in want} == want, row


@pytest.mark.parametrize("engine", WIDE_ENGINES)
@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("int64", 2**56 + 50),  # times 10**8 wraps round to 50 in 64 bits
        ("int64", 2**62),  # wraps round to 0
        ("int64", 2**63 - 1),
        ("uint64", 2**64 - 1),
        ("decimal38", Decimal(10**29)),
        ("decimal38", Decimal("100.00000001")),
    ],
)
def test_values_beyond_64_bits_are_refused_at_their_row(
    engine: str, kind: str, value: int | Decimal
) -> None:
    # An 8-place column beside them makes every score a whole number of 10**-8.
    pa = pytest.importorskip("pyarrow")
    types = {"int64": pa.int64(), "uint64": pa.uint64(), "decimal38": pa.decimal128(38, 8)}
    table = pa.table(
        {
            "agency": ["A", "B"],
            "IIT": pa.array([Decimal("85.12345678")] * 2, pa.decimal128(11, 8)),
            "EIT": pa.array([50, value], types[kind]),
            "OIT": ["90", "90"],
        }
    )
    where = "[agency='B'].EIT" if engine in ("polars-lazy", "duckdb") else "[1].EIT"
    assert problems_of(from_arrow(table, engine), 2566) == [(where, "tables.out_of_range")]
    # The per-record score refuses the same value.
    with pytest.raises(ValidationError) as info:
        ita.score(2566, tools={"IIT": "85.12345678", "EIT": value, "OIT": "90"})
    assert [p.code for p in info.value.problems] == ["above_maximum"]


def many_indicator_rules(weights: tuple[str, str, str] = ("33.33", "33.33", "33.34")) -> Any:
    """Rules of FY2564 whose tools have 7, 8 and 9 indicators, weighted as given.

    Their common denominator is large: with 8-place scores a total once overflowed 64 bits.
    """
    import attrs  # noqa: PLC0415

    packaged = ita.RULES.for_year(2564)
    first = packaged.indicators[0]
    counts = {"IIT": 7, "EIT": 8, "OIT": 9}
    indicators = []
    for tool, count in counts.items():
        start = len(indicators) + 1
        indicators += [
            attrs.evolve(first, number=n, tool=tool) for n in range(start, start + count)
        ]
    weight = dict(zip(("IIT", "EIT", "OIT"), map(Decimal, weights), strict=True))
    return attrs.evolve(
        packaged,
        id="ita-2564-many-indicators",
        tools=tuple(attrs.evolve(t, weight=weight[t.code]) for t in packaged.tools),
        indicators=tuple(indicators),
        oit_items=(),
        sub_indicators=(),
    )


def test_the_rules_with_many_indicators_are_valid() -> None:
    from moralkit.ita.rules_model import check_ita_rules  # noqa: PLC0415

    assert check_ita_rules(many_indicator_rules()) == []


@pytest.mark.parametrize("engine", WIDE_ENGINES)
def test_many_indicators_at_8_places_score_as_score_does(engine: str) -> None:
    pa = pytest.importorskip("pyarrow")
    rules = many_indicator_rules()
    rows = [
        {n: Decimal("99.99999999") for n in range(1, 25)},
        {n: Decimal(100) for n in range(1, 25)},
        {n: Decimal("84.98500000") + Decimal(n).scaleb(-8) for n in range(1, 25)},
        {n: Decimal(n * 4 + 3).scaleb(-1) for n in range(1, 25)},
    ]
    kind = pa.decimal128(11, 8)
    table = pa.table(
        {
            "agency": [f"A{i}" for i in range(len(rows))],
            **{f"i{n}": pa.array([row[n] for row in rows], kind) for n in range(1, 25)},
        }
    )
    got = rows_of(score_table(from_arrow(table, engine), 2564, rules=rules))
    for g, row in zip(got, rows, strict=True):
        want = ita.score(2564, indicators=row, rules=rules)
        assert (g["total"], g["level"]) == (want.total, want.level.code)
        assert [g[c] for c in ("IIT", "EIT", "OIT")] == [
            want.tool(c) for c in ("IIT", "EIT", "OIT")
        ]


@pytest.mark.parametrize("engine", ["polars", "pyarrow", "pandas-arrow"])
def test_rules_beyond_64_bits_are_refused_not_wrapped_round(engine: str) -> None:
    # Weights of 8 places (ita.score takes them) over tools of 7, 8 and 9 indicators, read to
    # 8 places: the exact arithmetic needs more than 64 bits, so the table refuses the rules
    # rather than give a total that wrapped round. At 2 places the same rules fit.
    pa = pytest.importorskip("pyarrow")
    rules = many_indicator_rules(("33.33333333", "33.33333333", "33.33333334"))
    row = {n: Decimal("99.99999999") for n in range(1, 25)}
    table = pa.table(
        {"agency": ["A"], **{f"i{n}": pa.array([v], pa.decimal128(11, 8)) for n, v in row.items()}}
    )
    with pytest.raises(ValidationError) as info:
        score_table(from_arrow(table, engine), 2564, rules=rules)
    assert [(p.path, p.code, p.params) for p in info.value.problems] == [
        ("rules", "tables.rules_too_fine", {"year": 2564, "places": 8})
    ]
    assert ita.score(2564, indicators=row, rules=rules).total == Decimal("100.00")
    coarse = {n: Decimal("84.99") for n in range(1, 25)}
    table = pa.table(
        {
            "agency": ["A"],
            **{f"i{n}": pa.array([v], pa.decimal128(4, 2)) for n, v in coarse.items()},
        }
    )
    got = rows_of(score_table(from_arrow(table, engine), 2564, rules=rules))[0]
    assert got["total"] == ita.score(2564, indicators=coarse, rules=rules).total


@pytest.mark.parametrize("engine", WIDE_ENGINES)
@pytest.mark.parametrize(("kind", "value"), [("int64", 2**63 - 1), ("uint64", 2**64 - 1)])
def test_whole_number_columns_refuse_their_largest_values(
    engine: str, kind: str, value: int
) -> None:
    pa = pytest.importorskip("pyarrow")
    types = {"int64": pa.int64(), "uint64": pa.uint64()}
    table = pa.table(
        {
            "agency": ["A", "B"],
            **{code: pa.array([85, value], types[kind]) for code in ("IIT", "EIT", "OIT")},
        }
    )
    where = "[agency='B']" if engine in ("polars-lazy", "duckdb") else "[1]"
    assert problems_of(from_arrow(table, engine), 2566) == [
        (f"{where}.{code}", "tables.out_of_range") for code in ("IIT", "EIT", "OIT")
    ]


@pytest.mark.parametrize("engine", ["polars", "pyarrow", "pandas-arrow"])
@FAST
@given(
    scale=st.integers(0, 8),
    wholes=st.lists(st.integers(0, 100 * 10**8), min_size=3, max_size=18),
)
def test_38_digit_decimals_agree_with_score_on_every_row(
    engine: str, scale: int, wholes: list[int]
) -> None:
    pa = pytest.importorskip("pyarrow")
    values = [Decimal(w // 10 ** (8 - scale)).scaleb(-scale) for w in wholes]
    rows = [
        {"agency": f"A{i}", "IIT": values[i], "EIT": values[-1 - i], "OIT": values[i // 2]}
        for i in range(len(values))
    ]
    kind = pa.decimal128(38, scale)
    table = pa.table(
        {
            "agency": [r["agency"] for r in rows],
            **{c: pa.array([r[c] for r in rows], kind) for c in ("IIT", "EIT", "OIT")},
        }
    )
    check(score_table(from_arrow(table, engine), 2567), rows, [2567] * len(rows), tools=True)
