"""assess_table gives moral.assess's levels; rollup_table counts them per group."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moralkit import ValidationError
from moralkit.moral import Evidence, assess
from moralkit.moral.tables import assess_table, rollup_table
from tests.tables.conftest import rows_of, to_engine

PERCENT = st.integers(0, 10000).map(lambda n: Decimal(n).scaleb(-2))


@st.composite
def unit_values(draw: st.DrawFn, year: int) -> dict[int, Any]:
    values: dict[int, Any] = {}
    if year <= 2565:
        forms = {1: "percent", 2: "percent", **dict.fromkeys(range(3, 10), "done")}
    else:
        forms = {
            1: "percent",
            2: "counts",
            3: "done",
            4: "share",
            5: "done",
            6: "done",
            7: "share",
            8: "done",
            9: "done",
        }
    for number, form in forms.items():
        if draw(st.integers(0, 6)) == 0:
            continue  # not reported
        if form == "percent":
            values[number] = draw(PERCENT)
        elif form == "done":
            values[number] = draw(st.booleans())
        elif form == "share":
            whole = draw(st.integers(1, 30))
            values[number] = (draw(st.integers(0, whole)), whole)
        else:
            values[number] = {
                "problems_and_good_deeds": draw(st.integers(0, 6)),
                "do_and_dont": draw(st.integers(0, 4)),
            }
    return values


def long_rows(unit: str, values: dict[int, Any]) -> list[dict[str, Any]]:
    rows = []
    empty = dict.fromkeys(("percentage", "part", "whole", "count", "done", "name"))
    for number, value in values.items():
        base = {"unit": unit, "activity": number}
        if isinstance(value, bool):
            rows.append(base | empty | {"done": value})
        elif isinstance(value, Decimal):
            rows.append(base | empty | {"percentage": str(value)})
        elif isinstance(value, tuple):
            rows.append(base | empty | {"part": value[0], "whole": value[1]})
        else:
            rows.extend(base | empty | {"name": k, "count": v} for k, v in value.items())
    return rows


@pytest.mark.parametrize("engine", ["polars", "pandas"])
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), year=st.sampled_from([2565, 2567, 2569]))
def test_levels_agree_with_assess(engine: str, data: st.DataObject, year: int) -> None:
    units = {f"u{i}": data.draw(unit_values(year)) for i in range(data.draw(st.integers(1, 5)))}
    units = {u: v for u, v in units.items() if v}
    if not units:
        return
    rows = [r for unit, values in units.items() for r in long_rows(unit, values)]
    table = {k: [r[k] for r in rows] for k in rows[0]}
    got = {r["unit"]: r for r in rows_of(assess_table(to_engine(table, engine), year))}
    for unit, values in units.items():
        want = assess(Evidence.of(unit, year, values))
        assert (got[unit]["level"], got[unit]["label_th"]) == (want.level, want.label_th)
        assert got[unit]["points"] == sum(s.points for s in want.scores)


def test_problems_name_the_row_or_unit() -> None:
    frame = to_engine(
        {"unit": ["a", "a", "b"], "activity": [1, 2, 99], "percentage": ["abc", "50", "50"]},
        "polars",
    )
    with pytest.raises(ValidationError) as info:
        assess_table(frame, 2565)
    paths = [p.path for p in info.value.problems]
    assert paths[0] == "[0].percentage"
    assert any(p.startswith("[unit='b']") for p in paths)


@pytest.mark.parametrize("engine", ["polars", "pandas", "duckdb"])
def test_rollup_by_province_and_by_parent(engine: str) -> None:
    assessed = to_engine(
        {"unit": ["a", "b", "c", "d"], "fiscal_year": [2567] * 4, "level": [3, 2, 0, 1]},
        engine,
    )
    units = to_engine({"unit": ["a", "b", "c", "d"], "parent": ["m1", "m1", "m2", "m2"]}, engine)
    got = rows_of(rollup_table(assessed, "parent", units=units))
    assert [(r["parent"], r["total"], r["level_0"], r["at_least_2"]) for r in got] == [
        ("m1", 2, 0, Decimal("100.00")),
        ("m2", 2, 1, Decimal("0.00")),
    ]
    national = rows_of(rollup_table(assessed))[0]
    assert (national["group"], national["total"], national["at_least_1"]) == (
        "TH",
        4,
        Decimal("75.00"),
    )
