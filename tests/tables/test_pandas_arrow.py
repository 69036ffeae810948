"""score_table on pandas frames of arrow decimals: the numpy path gives the general path's frame."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moralkit import ValidationError, ita
from moralkit.ita import tables
from moralkit.ita.tables import score_table

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")

YEARS = [2562, 2563, 2564, 2565, 2566, 2567, 2568]
EDGES = ["84.985", "84.995", "84.9849", "85", "94.995", "95", "69.995", "70", "100", "0"]


def column(values: list[Decimal | None], scale: int, precision: int = 9) -> Any:
    kind = pa.decimal128(precision, scale)
    return pd.Series(pd.arrays.ArrowExtensionArray(pa.array(values, kind)))


@st.composite
def frames(draw: st.DrawFn) -> tuple[Any, list[dict[str, Decimal]], bool]:
    tools = draw(st.booleans())
    names = ["IIT", "EIT", "OIT"] if tools else [f"i{n}" for n in range(1, 11)]
    size = draw(st.integers(1, 8))
    data: dict[str, Any] = {"agency": [f"A{i}" for i in range(size)]}
    rows: list[dict[str, Decimal]] = [{} for _ in range(size)]
    for name in names:
        scale = draw(st.integers(0, 4))
        precision = draw(st.sampled_from([9, 18]))
        values = []
        for row in rows:
            edge = draw(st.sampled_from(EDGES))
            if draw(st.booleans()) and Decimal(edge).as_tuple().exponent >= -scale:  # type: ignore[operator]
                value = Decimal(edge).quantize(Decimal(1).scaleb(-scale))
            else:
                value = Decimal(draw(st.integers(0, 100 * 10**scale))).scaleb(-scale)
            row[name] = value
            values.append(value)
        data[name] = column(values, scale, precision)
    data["note"] = [f"n{i}" for i in range(size)]
    return pd.DataFrame(data), rows, tools


def general(frame: Any, fiscal_year: int | None) -> Any:
    return tables._score(frame, fiscal_year, None, None, allow_float=False, fast=False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frames(), st.sampled_from(YEARS), st.booleans())
def test_numpy_path_is_the_general_path_and_ita_score(
    case: tuple[Any, list[dict[str, Decimal]], bool], year: int, as_column: bool
) -> None:
    frame, rows, tools = case
    if as_column:
        frame = frame.assign(fiscal_year=year)
    fiscal_year = None if as_column else year
    got = score_table(frame, fiscal_year)
    pd.testing.assert_frame_equal(got, general(frame, fiscal_year), check_exact=True)
    for record, row in zip(got.to_dict("records"), rows, strict=True):
        if tools:
            result = ita.score(year, tools=row)
        else:
            result = ita.score(year, indicators={int(k[1:]): v for k, v in row.items()})
        assert record["total"] == result.total
        assert [record[c] for c in ("IIT", "EIT", "OIT")] == [
            result.tool(c) for c in ("IIT", "EIT", "OIT")
        ]
        assert (record["level"], record["level_th"], record["level_en"]) == (
            result.level.code,
            result.level.label_th,
            result.level.label_en,
        )
        assert record["passed"] == result.passed
        assert record["fiscal_year"] == year


def tool_frame(iit: list[Decimal | None], scale: int = 2, precision: int = 9) -> Any:
    size = len(iit)
    return pd.DataFrame(
        {
            "agency": [f"A{i}" for i in range(size)],
            "IIT": column(iit, scale, precision),
            "EIT": column([Decimal("90.00")] * size, 2),
            "OIT": column([Decimal("80.00")] * size, 2),
        }
    )


def test_a_sliced_frame_reads_from_its_offset() -> None:
    frame = tool_frame([Decimal(f"{n}.25") for n in range(60, 70)])
    part = frame.iloc[3:7]
    pd.testing.assert_frame_equal(score_table(part, 2568), general(part, 2568), check_exact=True)
    assert list(score_table(part, 2568)["IIT"]) == [Decimal(f"{n}.2500") for n in range(63, 67)]


@pytest.mark.parametrize(
    ("iit", "scale", "precision", "code"),
    [
        ([Decimal("90.00"), None], 2, 9, "tables.missing_value"),
        ([Decimal("100.01")], 2, 9, "tables.out_of_range"),
        ([Decimal("-0.01")], 2, 9, "tables.out_of_range"),
    ],
)
def test_refusals_are_the_general_paths(
    iit: list[Decimal | None], scale: int, precision: int, code: str
) -> None:
    frame = tool_frame(iit, scale, precision)
    with pytest.raises(ValidationError) as fast:
        score_table(frame, 2568)
    with pytest.raises(ValidationError) as slow:
        general(frame, 2568)
    assert [(p.path, p.code) for p in fast.value.problems] == [
        (p.path, p.code) for p in slow.value.problems
    ]
    assert code in [p.code for p in fast.value.problems]
