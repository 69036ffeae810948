"""Tables at scale: moralkit's table functions side by side with hand-written exact code.

Run with ``make bench`` (pytest-benchmark groups each comparison; the ratios are read from one
run). The national run (1.35 million respondents, time and peak memory per size) is
``make bench-national``.

Each side gets one warm-up call and the same seven rounds: a first call pays one-off setup (the
year's rule plan, the engine's thread pool and allocator), which otherwise lands in one side's
median only and swings the ratio between runs.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from benchmarks import tables_baselines as base
from moralkit._synthetic import synthetic_ita
from moralkit.ita.tables import indicators_from_answers, score_table

pl = pytest.importorskip("polars")
pd = pytest.importorskip("pandas")
ROWS = 200_000


@cache
def indicator_frame() -> object:
    rng = np.random.default_rng(0)
    data = {"agency": [f"A{i:06d}" for i in range(ROWS)]}
    for n in range(1, 11):
        hundredths = rng.integers(6000, 10001, ROWS)
        data[f"i{n}"] = pl.Series(
            [Decimal(int(h)).scaleb(-2) for h in hundredths], dtype=pl.Decimal(7, 2)
        )
    return pl.DataFrame(data)


def same_figures(a: object, b: object) -> None:
    a_pl = a if isinstance(a, pl.DataFrame) else pl.from_pandas(a)
    b_pl = b if isinstance(b, pl.DataFrame) else pl.from_pandas(b)
    for column in ("IIT", "EIT", "OIT", "total", "level", "level_th", "level_en", "passed"):
        assert a_pl[column].to_list() == b_pl[column].to_list(), column


@pytest.mark.benchmark(group="score_table 200k rows, polars")
def test_score_table_polars(benchmark):
    frame = indicator_frame()
    out = benchmark.pedantic(
        score_table, args=(frame, 2568), rounds=7, iterations=1, warmup_rounds=1
    )
    same_figures(out, base.polars_scores(frame))


@pytest.mark.benchmark(group="score_table 200k rows, polars")
def test_hand_written_polars(benchmark):
    benchmark.pedantic(
        base.polars_scores, args=(indicator_frame(),), rounds=7, iterations=1, warmup_rounds=1
    )


@cache
def pandas_frame() -> object:
    return indicator_frame().to_pandas(use_pyarrow_extension_array=True)


@pytest.mark.benchmark(group="score_table 200k rows, pandas")
def test_score_table_pandas(benchmark):
    frame = pandas_frame()
    out = benchmark.pedantic(
        score_table, args=(frame, 2568), rounds=7, iterations=1, warmup_rounds=1
    )
    same_figures(out, base.pandas_scores(frame))


@pytest.mark.benchmark(group="score_table 200k rows, pandas")
def test_hand_written_pandas(benchmark):
    benchmark.pedantic(
        base.pandas_scores, args=(pandas_frame(),), rounds=7, iterations=1, warmup_rounds=1
    )


@cache
def answers_100k() -> tuple[object, object, str]:
    data = synthetic_ita(agencies=620, respondents=100_000, fiscal_year=2567, seed=1)
    path = Path(tempfile.mkdtemp()) / "answers.parquet"
    data.answers.write_parquet(path)
    return data.answers, data.rules, str(path)


def as_dict(frame: object) -> dict[str, dict[int, Decimal]]:
    return {
        row["agency"]: {n: row[f"i{n}"] for n in range(1, 9)}
        for row in frame.iter_rows(named=True)  # type: ignore[attr-defined]
    }


@pytest.mark.benchmark(group="indicators_from_answers 100k respondents")
def test_indicators_from_answers_polars(benchmark):
    answers, rules, _ = answers_100k()
    out = benchmark.pedantic(
        indicators_from_answers,
        args=(answers.lazy(), 2567),
        kwargs={"rules": rules},
        rounds=7,
        iterations=1,
        warmup_rounds=1,
    )
    assert as_dict(out) == base.polars_indicators(answers, rules)


@pytest.mark.benchmark(group="indicators_from_answers 100k respondents")
def test_hand_written_polars_group_by(benchmark):
    answers, rules, _ = answers_100k()
    benchmark.pedantic(
        base.polars_indicators, args=(answers, rules), rounds=7, iterations=1, warmup_rounds=1
    )


@pytest.mark.parametrize("threads", [1, None])
@pytest.mark.benchmark(group="indicators_from_answers 100k respondents")
def test_hand_written_duckdb(benchmark, threads):
    answers, rules, path = answers_100k()
    got = benchmark.pedantic(
        base.duckdb_indicators,
        args=(path, rules, threads),
        rounds=7,
        iterations=1,
        warmup_rounds=1,
    )
    assert got == base.polars_indicators(answers, rules)
