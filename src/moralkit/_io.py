"""Reading tables from files, and the lazy import of the dataframe layer.

moralkit's table functions take any frame that `narwhals <https://narwhals-dev.github.io/>`_
supports (pandas, polars, pyarrow, dask, duckdb ...). Files are read by the embedded default
engine, polars: it reads CSV, parquet and Excel (through fastexcel) with one dependency, scans
CSV and parquet lazily, and keeps decimals and text exact. duckdb reads CSV and parquet as well,
but its Excel reader is an extension it downloads at run time, which an offline machine cannot.

`read_table` reads CSV and Excel cells as text, so ``85.50`` stays the exact decimal it was
written as (a float could not carry it); parquet keeps the types it was written with.
Needs ``pip install "moralkit[tables]"``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["narwhals", "polars", "read_table"]


def narwhals() -> Any:
    """The narwhals module, or an ImportError that names the extra to install."""
    try:
        import narwhals as nw  # noqa: PLC0415 (an optional extra, imported only when asked for)
    except ImportError as exc:  # pragma: no cover (installed with the dev extra)
        raise ImportError(
            "moralkit's table functions need narwhals and an engine: "
            "pip install 'moralkit[tables]' (polars) or 'moralkit[dask]'"
        ) from exc
    return nw


def polars() -> Any:
    """The polars module, or an ImportError that names the extra to install."""
    try:
        import polars as pl  # noqa: PLC0415 (an optional extra, imported only when asked for)
    except ImportError as exc:  # pragma: no cover (installed with the dev extra)
        raise ImportError("reading tables needs polars: pip install 'moralkit[tables]'") from exc
    return pl


def read_table(path: str | Path, *, lazy: bool = False, sheet: str | None = None) -> Any:
    r"""Read a CSV, parquet or Excel file as a polars frame.

    CSV and Excel cells are read as text (scores stay exact decimals; the table functions
    parse them); parquet keeps its own types. ``lazy=True`` scans CSV and parquet lazily (a
    ``polars.LazyFrame``), so a national file is read only as far as the computation needs.
    ``sheet`` names the Excel sheet (the first one by default).

    >>> import tempfile, pathlib, polars as pl
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "tools.csv"
    >>> pl.DataFrame({"agency": ["A1"], "IIT": [98], "EIT": [84], "OIT": ["99.5"]}).write_csv(path)
    >>> read_table(path).row(0)
    ('A1', '98', '84', '99.5')
    """
    pl = polars()
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix in {".csv", ".txt", ".tsv"}:
        separator = "\t" if suffix == ".tsv" else ","
        if lazy:
            return pl.scan_csv(file, infer_schema=False, separator=separator)
        return pl.read_csv(file, infer_schema=False, separator=separator)
    if suffix in {".parquet", ".pq"}:
        return pl.scan_parquet(file) if lazy else pl.read_parquet(file)
    if suffix in {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}:
        frame = pl.read_excel(file, sheet_name=sheet, infer_schema_length=0, engine="calamine")
        return frame.lazy() if lazy else frame
    raise ValueError(f"read_table reads .csv, .tsv, .parquet and Excel files (got {file.name!r})")
