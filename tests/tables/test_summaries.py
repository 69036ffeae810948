"""summarize_table and year_over_year: exact, never mixing years."""

from __future__ import annotations

from decimal import Decimal

import pytest

from moralkit import ita
from moralkit.ita.tables import score_table, summarize_table, year_over_year
from tests.tables.conftest import rows_of, to_engine

TOOLS = {
    "agency": ["a", "b", "c", "a", "b", "c"],
    "fiscal_year": [2566, 2566, 2566, 2567, 2567, 2567],
    "province": ["TH-10", "TH-10", "TH-50", "TH-10", "TH-10", "TH-50"],
    "IIT": ["90", "80", "99", "92", "85", "99"],
    "EIT": ["88", "75", "99", "90", "85", "98"],
    "OIT": ["95", "60", "99", "97", "85", "97"],
}


@pytest.mark.parametrize("engine", ["polars", "pandas", "dask"])
def test_summaries_agree_with_summary_and_keep_years_apart(engine: str) -> None:
    scored = score_table(to_engine(TOOLS, engine))
    got = rows_of(summarize_table(scored, by=["province"]))
    assert [(r["fiscal_year"], r["province"]) for r in got] == [
        (2566, "TH-10"),
        (2566, "TH-50"),
        (2567, "TH-10"),
        (2567, "TH-50"),
    ]
    for row in got:
        members = [
            ita.score(y, tools={c: TOOLS[c][i] for c in ("IIT", "EIT", "OIT")})
            for i, y in enumerate(TOOLS["fiscal_year"])
            if y == row["fiscal_year"] and TOOLS["province"][i] == row["province"]
        ]
        want = ita.summary(members)
        assert (row["count"], row["mean"], row["median"]) == (want.count, want.mean, want.median)
        assert (row["passing"], row["share_passing"]) == (want.passing, want.share_passing)
        assert row["meets_target"] == want.meets_target
        for level in want.levels:
            assert row[f"level_{level.code}"] == level.count


def test_national_summary_is_one_row_per_year() -> None:
    got = rows_of(summarize_table(score_table(to_engine(TOOLS, "polars"))))
    assert [(r["fiscal_year"], r["count"]) for r in got] == [(2566, 3), (2567, 3)]
    assert got[0]["target_share"] == Decimal("80.00")


def test_year_over_year_per_agency_and_indicator() -> None:
    frame = to_engine(
        {
            "agency": ["a", "a", "b"],
            "fiscal_year": [2566, 2567, 2567],
            **{f"i{n}": ["80", "85.5", "90"] for n in range(1, 11)},
        },
        "polars",
    )
    got = rows_of(year_over_year(score_table(frame)))
    assert len(got) == 1
    row = got[0]
    assert (row["agency"], row["fiscal_year"], row["previous_year"]) == ("a", 2567, 2566)
    assert row["total_change"] == Decimal("5.50")
    assert row["i1_change"] == Decimal("5.5")
    assert row["IIT_change"] == Decimal("5.5000")


@pytest.mark.parametrize(("fiscal_year", "seed"), [(2564, 2), (2566, 5), (2567, 9)])
@pytest.mark.parametrize("own_rules", [False, True])
def test_table_summary_and_summary_agree_on_generated_data(
    fiscal_year: int, seed: int, *, own_rules: bool
) -> None:
    # A generated year, scored as a table and record by record: the two summaries agree on
    # every figure, the national target's status included.
    from moralkit._synthetic import synthetic_ita  # noqa: PLC0415 (polars only here)
    from moralkit.ita.tables import indicators_from_answers, oit_from_checklist  # noqa: PLC0415

    data = synthetic_ita(agencies=12, respondents=600, fiscal_year=fiscal_year, seed=seed)
    indicators = indicators_from_answers(data.answers, fiscal_year, rules=data.rules)
    oit = oit_from_checklist(data.oit, fiscal_year, rules=data.rules)
    frame = indicators.join(oit.drop("fiscal_year"), on="agency")
    rules = data.rules if own_rules else None
    scored = score_table(frame, rules=rules)
    got = rows_of(summarize_table(scored, rules=rules))
    assert len(got) == 1
    row = got[0]
    records = [
        ita.score(
            fiscal_year,
            indicators={n: agency[f"i{n}"] for n in range(1, 11) if f"i{n}" in agency},
            rules=rules,
        )
        for agency in rows_of(frame)
    ]
    want = ita.summary(records, rules=rules)
    assert want.target_status is not None
    assert row["target_status"] == want.target_status
    assert row["target_share"] == want.target_share
    assert row["meets_target"] == want.meets_target
    assert (row["count"], row["mean"], row["median"]) == (want.count, want.mean, want.median)
    assert (row["passing"], row["share_passing"]) == (want.passing, want.share_passing)
    for level in want.levels:
        assert row[f"level_{level.code}"] == level.count
