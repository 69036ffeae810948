"""read_table reads CSV, parquet and Excel exactly; synthetic data has the promised shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from moralkit._io import read_table
from moralkit._synthetic import synthetic_ita
from moralkit.ita.tables import score_table

pl = pytest.importorskip("polars")

FRAME = {
    "agency": ["A1", "A2"],
    "IIT": ["84.985", "98"],
    "EIT": ["84.985", "84"],
    "OIT": ["84.985", "99.5"],
}


@pytest.mark.parametrize("suffix", ["csv", "parquet", "xlsx"])
def test_read_table_keeps_scores_exact(tmp_path: Path, suffix: str) -> None:
    pytest.importorskip("xlsxwriter")
    path = tmp_path / f"tools.{suffix}"
    frame = pl.DataFrame(FRAME)
    getattr(frame, {"csv": "write_csv", "parquet": "write_parquet", "xlsx": "write_excel"}[suffix])(
        path
    )
    read = read_table(path)
    assert read.to_dict(as_series=False) == FRAME
    totals = score_table(read, 2568)["total"].to_list()
    assert [str(t) for t in totals] == ["84.99", "94.40"]
    lazy = read_table(path, lazy=True)
    assert isinstance(lazy, pl.LazyFrame)


def test_read_table_refuses_unknown_files(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"reads \.csv"):
        read_table(tmp_path / "x.json")


def test_synthetic_shape_and_determinism(tmp_path: Path) -> None:
    data = synthetic_ita(agencies=30, respondents=3000, fiscal_year=2566, seed=4)
    again = synthetic_ita(agencies=30, respondents=3000, fiscal_year=2566, seed=4)
    assert data.answers.equals(again.answers)
    per_agency = (
        data.answers.group_by("agency")
        .agg(pl.col("respondent").n_unique())
        .get_column("respondent")
    )
    assert per_agency.min() >= 10
    assert per_agency.max() > 5 * per_agency.min()  # skewed sizes
    shares = data.answers.get_column("choice").value_counts(normalize=True)
    top = shares.filter(pl.col("choice") == "highest").get_column("proportion")[0]
    assert top > 0.4  # answers lean to the top of the scale
    assert data.rules.id == "ita-2566-synthetic"
    assert any(q.status == "unsourced" for q in data.rules.questions)
    assert all(
        "SYNTHETIC" in (q.text_en or "") for q in data.rules.questions if q.status == "unsourced"
    )
    assert data.oit.height == 30 * len(data.rules.oit_items)
    next_year = synthetic_ita(agencies=30, respondents=3000, fiscal_year=2567, seed=4)
    assert next_year.agencies.equals(data.agencies)
    paths = data.write_parquet(tmp_path)
    assert pl.read_parquet(paths["answers"]).height == data.answers.height
