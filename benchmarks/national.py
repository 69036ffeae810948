"""The national run: indicators from raw answers at 0.1 to 1.35 million respondents.

    python -m benchmarks.national [--sizes 100000,350000,700000,1350000] [--data DIR]

Each size's answers are drawn once by `moralkit.testing.synthetic_ita` (about 8,300 agencies
at the national size, as in FY2568) and written as parquet. Each computation then runs in a
fresh process, so its time (read included) and peak memory are its own: moralkit on a lazy
polars scan (default threads and one thread), and the same computation written by hand in
polars and in duckdb SQL (default threads and one thread). Every run's figures are checked
identical to moralkit's. Outside CI: ``make bench-national``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import polars as pl

from benchmarks import tables_baselines as base
from moralkit._synthetic import synthetic_ita
from moralkit.ita.tables import indicators_from_answers

AGENCIES_PER_RESPONDENT = 8300 / 1_350_000
YEAR = 2567
RUNNERS = {
    "moralkit (polars lazy)": ("moralkit", None),
    "moralkit (polars lazy, 1 thread)": ("moralkit", 1),
    "hand-written polars": ("polars", None),
    "hand-written polars, 1 thread": ("polars", 1),
    "hand-written duckdb": ("duckdb", None),
    "hand-written duckdb, 1 thread": ("duckdb", 1),
}


def _digest(figures: dict[str, dict[int, object]]) -> str:
    text = json.dumps(
        {a: {str(k): str(v) for k, v in f.items()} for a, f in figures.items()}, sort_keys=True
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def child(kind: str, path: str, threads: int | None) -> None:
    """One measured computation; prints its time, peak memory and a digest of its figures."""
    rules = synthetic_ita(agencies=1, respondents=10, fiscal_year=YEAR).rules
    start = time.perf_counter()
    if kind == "moralkit":
        out = indicators_from_answers(pl.scan_parquet(path), YEAR, rules=rules)
        figures = {
            r["agency"]: {n: r[f"i{n}"] for n in range(1, 9)} for r in out.iter_rows(named=True)
        }
    elif kind == "polars":
        figures = base.polars_indicators(pl.scan_parquet(path), rules)
    else:
        figures = base.duckdb_indicators(path, rules, threads)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mb": peak,
                "digest": _digest(figures),
                "agencies": len(figures),
            }
        )
    )


def make_data(size: int, folder: Path) -> tuple[Path, int]:
    path = folder / f"answers-{size}.parquet"
    if not path.exists():
        code = (
            "import sys; from moralkit._synthetic import synthetic_ita; "
            f"d = synthetic_ita(agencies={max(10, round(size * AGENCIES_PER_RESPONDENT))}, "
            f"respondents={size}, fiscal_year={YEAR}, seed=2568); "
            f"d.answers.write_parquet(r'{path}')"
        )
        subprocess.run([sys.executable, "-c", code], check=True)
    rows = pl.scan_parquet(path).select(pl.len()).collect().item()
    return path, int(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100000,350000,700000,1350000")
    parser.add_argument("--data", default=".venv/bench-national")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "PATH", "THREADS"))
    args = parser.parse_args()
    if args.child:
        kind, path, threads = args.child
        child(kind, path, None if threads == "-" else int(threads))
        return
    folder = Path(args.data)
    folder.mkdir(parents=True, exist_ok=True)
    print(
        f"{'respondents':>11} {'answers':>10}  {'computation':<34} {'seconds':>8} "
        f"{'s per M answers':>15} {'peak MB':>8}  figures"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        path, rows = make_data(size, folder)
        reference = None
        for name, (kind, threads) in RUNNERS.items():
            env = dict(os.environ)
            if threads:
                env["POLARS_MAX_THREADS"] = str(threads)
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "benchmarks.national",
                    "--child",
                    kind,
                    str(path),
                    "-" if threads is None else str(threads),
                ],
                check=True,
                capture_output=True,
                text=True,
                env=env,
            )
            measured = json.loads(result.stdout.strip().splitlines()[-1])
            reference = reference or measured["digest"]
            same = "identical" if measured["digest"] == reference else "DIFFERENT"
            print(
                f"{size:>11,} {rows:>10,}  {name:<34} {measured['seconds']:>8.2f} "
                f"{measured['seconds'] / rows * 1e6:>15.3f} {measured['peak_mb']:>8.0f}  {same}",
                flush=True,
            )


if __name__ == "__main__":
    main()
