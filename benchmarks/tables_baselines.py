"""Hand-written exact computations to measure moralkit's table functions against.

Each does the same work with the engine's own API: whole-number points, sums and counts per
agency and question, respondents per agency and tool, the repeated-answer check, then the same
exact finishing (integer numerators over a common denominator, rounded half-up once).
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa

from moralkit.ita.rules_model import ItaRules

LABELS_2568 = (
    ("ผ่านดีเยี่ยม", "excellent pass"),
    ("ผ่านดี", "good pass"),
    ("ผ่าน", "pass"),
    ("ต้องปรับปรุง", "needs improvement"),
    ("ต้องปรับปรุงโดยด่วน", "needs urgent improvement"),
)
LEVELS_2568 = (
    ("excellent", 9500, 9500),
    ("good", 8500, 8500),
    ("pass", 8500, None),
    ("improve", 7000, None),
    ("urgent", 0, None),
)


def points_table(rules: ItaRules) -> tuple[list[str], list[str], list[int], dict[str, int]]:
    scales = {s.id: s for s in rules.answer_scales}
    questions, choices, points = [], [], []
    for q in rules.questions:
        for c in scales[q.scale].choices:
            questions.append(q.code)
            choices.append(c.value)
            points.append(int(c.points * 100))
    return questions, choices, points, {q.code: q.indicator for q in rules.questions}


def finish(
    rows: list[tuple[str, str, int, int]], indicator_of: dict[str, int]
) -> dict[str, dict[int, Decimal]]:
    """(agency, question, points in hundredths, answers) -> indicator scores to 4 places."""
    grouped: dict[str, dict[int, list[tuple[int, int]]]] = {}
    for agency, question, total, n in rows:
        grouped.setdefault(agency, {}).setdefault(indicator_of[question], []).append((total, n))
    out: dict[str, dict[int, Decimal]] = {}
    for agency, indicators in grouped.items():
        out[agency] = {}
        for number, items in indicators.items():
            common = math.lcm(*(n for _, n in items))
            numerator = sum(p * (common // n) for p, n in items)
            denominator = common * len(items) * 100
            whole = (2 * numerator * 10**4 + denominator) // (2 * denominator)
            out[agency][number] = Decimal(whole).scaleb(-4)
    return out


def polars_indicators(answers: Any, rules: ItaRules) -> dict[str, dict[int, Decimal]]:
    """The computation by hand in polars (lazy, streaming)."""
    questions, choices, points, indicator_of = points_table(rules)
    lookup = pl.LazyFrame({"question": questions, "choice": choices, "points": points})
    lazy = answers.lazy() if isinstance(answers, pl.DataFrame) else answers
    counts = (
        lazy.group_by("agency", "tool", "question", "choice")
        .agg(pl.len().alias("n"))
        .with_columns(pl.col(c).cast(pl.String) for c in ("agency", "question", "choice"))
    )
    sums = (
        counts.join(lookup, on=["question", "choice"])
        .group_by("agency", "question")
        .agg((pl.col("points") * pl.col("n")).sum().alias("points"), pl.col("n").sum())
    )
    respondents = (
        lazy.group_by("agency", "tool", "respondent")
        .agg(pl.len().alias("answers"), pl.col("question").n_unique().alias("questions"))
        .group_by("agency", "tool")
        .agg(pl.len(), (pl.col("answers") - pl.col("questions")).sum().alias("repeats"))
    )
    done, checks = pl.collect_all([sums, respondents], engine="streaming")
    assert checks["repeats"].sum() == 0
    return finish(done.rows(), indicator_of)


def duckdb_indicators(
    path: str, rules: ItaRules, threads: int | None
) -> dict[str, dict[int, Decimal]]:
    """The computation by hand in duckdb SQL over the parquet file."""
    questions, choices, points, indicator_of = points_table(rules)
    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {threads}")
    con.execute("CREATE TABLE lookup (question VARCHAR, choice VARCHAR, points BIGINT)")
    con.executemany(
        "INSERT INTO lookup VALUES (?, ?, ?)", list(zip(questions, choices, points, strict=False))
    )
    rows = con.execute(
        f"""
        WITH counts AS (
          SELECT agency::VARCHAR AS agency, question::VARCHAR AS question,
                 choice::VARCHAR AS choice, count(*) AS n
          FROM read_parquet('{path}') GROUP BY ALL)
        SELECT agency, question, sum(points * n)::BIGINT, sum(n)::BIGINT
        FROM counts JOIN lookup USING (question, choice) GROUP BY agency, question
        """
    ).fetchall()
    repeats = con.execute(
        f"""
        SELECT coalesce(sum(answers - questions), 0) FROM (
          SELECT count(*) AS answers, count(DISTINCT question) AS questions
          FROM read_parquet('{path}') GROUP BY agency, tool, respondent)
        """
    ).fetchone()
    assert repeats is not None
    assert repeats[0] == 0
    return finish([(a, q, int(p), int(n)) for a, q, p, n in rows], indicator_of)


def polars_scores(frame: Any, weights: tuple[int, int, int] = (30, 30, 40)) -> Any:
    """score_table's figures by hand in polars: indicator decimals to whole hundredths."""
    ints = [(pl.col(f"i{n}") * 100).cast(pl.Int64) for n in range(1, 11)]
    iit = sum(ints[0:5])
    eit = sum(ints[5:8])
    oit = ints[8] + ints[9]
    # total = 0.3 * IIT/5 + 0.3 * EIT/3 + 0.4 * OIT/2 over hundredths: common denominator 30.
    weighted = iit * (weights[0] * 6) + eit * (weights[1] * 10) + oit * (weights[2] * 15)
    denominator = 30 * 100 * 100
    total = (weighted * 2 * 100 + denominator) // (2 * denominator)

    def tool(value: Any, k: int, places: int) -> Any:
        d = k * 100
        return (value * 2 * 10**places + d) // (2 * d)

    frame = frame.with_columns(
        total.alias("__total"),
        *(
            tool(v, k, 4).alias(f"__t4_{c}")
            for v, k, c in ((iit, 5, "IIT"), (eit, 3, "EIT"), (oit, 2, "OIT"))
        ),
        *(
            tool(v, k, 2).alias(f"__t2_{c}")
            for v, k, c in ((iit, 5, "IIT"), (eit, 3, "EIT"), (oit, 2, "OIT"))
        ),
    )
    level = pl.lit(len(LEVELS_2568) - 1)
    for index in range(len(LEVELS_2568) - 2, -1, -1):
        _, floor, each = LEVELS_2568[index]
        test = pl.col("__total") >= floor
        if each is not None:
            test = test & pl.all_horizontal(
                pl.col(f"__t2_{c}") >= each for c in ("IIT", "EIT", "OIT")
            )
        level = pl.when(test).then(index).otherwise(level)
    codes = pl.Series([c for c, _, _ in LEVELS_2568])
    return frame.select(
        "agency",
        *(
            (pl.col(f"__t4_{c}").cast(pl.Decimal(19, 0)) * Decimal("0.0001"))
            .cast(pl.Decimal(9, 4))
            .alias(c)
            for c in ("IIT", "EIT", "OIT")
        ),
        (pl.col("__total").cast(pl.Decimal(19, 0)) * Decimal("0.01"))
        .cast(pl.Decimal(7, 2))
        .alias("total"),
        level.replace_strict(list(range(len(LEVELS_2568))), codes.to_list()).alias("level"),
        level.replace_strict(list(range(5)), [t for t, _ in LABELS_2568]).alias("level_th"),
        level.replace_strict(list(range(5)), [e for _, e in LABELS_2568]).alias("level_en"),
        (pl.col("__total") >= 8500).alias("passed"),
    )


def pandas_scores(frame: Any, weights: tuple[int, int, int] = (30, 30, 40)) -> Any:
    """The same by hand in pandas, on a pandas frame of arrow decimals."""
    ints = [(frame[f"i{n}"] * 100).astype("int64[pyarrow]") for n in range(1, 11)]
    iit = sum(ints[0:5])
    eit = sum(ints[5:8])
    oit = ints[8] + ints[9]
    weighted = iit * (weights[0] * 6) + eit * (weights[1] * 10) + oit * (weights[2] * 15)
    denominator = 30 * 100 * 100
    total = (weighted * 200 + denominator) // (2 * denominator)

    def tool(value: Any, k: int, places: int) -> Any:
        d = k * 100
        return (value * 2 * 10**places + d) // (2 * d)

    rounded = {c: tool(v, k, 2) for v, k, c in ((iit, 5, "IIT"), (eit, 3, "EIT"), (oit, 2, "OIT"))}
    level = pd.Series(len(LEVELS_2568) - 1, index=frame.index)
    for index in range(len(LEVELS_2568) - 2, -1, -1):
        _, floor, each = LEVELS_2568[index]
        test = total >= floor
        if each is not None:
            for value in rounded.values():
                test = test & (value >= each)
        level = level.where(~test.astype(bool), index)
    codes = [c for c, _, _ in LEVELS_2568]

    def decimal(whole: Any, places: int, precision: int) -> Any:
        return (
            whole.astype(pd.ArrowDtype(pa.decimal128(19, 0))) * Decimal(1).scaleb(-places)
        ).astype(pd.ArrowDtype(pa.decimal128(precision, places)))

    out = pd.DataFrame({"agency": frame["agency"]})
    for v, k, c in ((iit, 5, "IIT"), (eit, 3, "EIT"), (oit, 2, "OIT")):
        out[c] = decimal(tool(v, k, 4), 4, 9)
    out["total"] = decimal(total, 2, 7)
    out["level"] = level.map(dict(enumerate(codes)))
    out["level_th"] = level.map(dict(enumerate(t for t, _ in LABELS_2568)))
    out["level_en"] = level.map(dict(enumerate(e for _, e in LABELS_2568)))
    out["passed"] = (total >= 8500).astype(bool)
    return out
