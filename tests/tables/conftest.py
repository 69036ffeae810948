"""Engines for the table tests: each test runs on every installed engine it names."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")


def to_engine(data: dict[str, list[Any]], engine: str) -> Any:
    """The same columns as a frame of ``engine``."""
    if engine == "polars":
        return pl.DataFrame(data)
    if engine == "polars-lazy":
        return pl.LazyFrame(data)
    if engine == "pandas":
        return pd.DataFrame(data)
    if engine == "pyarrow":
        pa = pytest.importorskip("pyarrow")
        return pa.table(data)
    if engine == "dask":
        dd = pytest.importorskip("dask.dataframe")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            return dd.from_pandas(pd.DataFrame(data), npartitions=2)
    if engine == "duckdb":
        duckdb = pytest.importorskip("duckdb")
        frame = pl.DataFrame(data)  # noqa: F841 (read by duckdb's replacement scan)
        return duckdb.sql("select * from frame")
    raise AssertionError(engine)


def rows_of(frame: Any) -> list[dict[str, Any]]:
    """The rows of any engine's frame, as plain dicts (lazy frames computed)."""
    if hasattr(frame, "compute"):
        frame = frame.compute()
    if hasattr(frame, "collect"):
        frame = frame.collect()
    if isinstance(frame, pd.DataFrame):
        return frame.to_dict("records")
    if isinstance(frame, pl.DataFrame):
        return frame.to_dicts()
    if hasattr(frame, "pl"):  # a duckdb relation
        return frame.pl().to_dicts()
    return frame.to_pylist()
