"""The distributed path: the same calls on a dask frame, on a local cluster of two workers."""

from __future__ import annotations

import warnings

import pytest

from moralkit._synthetic import synthetic_ita
from moralkit.ita.tables import indicators_from_answers, oit_from_checklist, score_table

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")


def test_dask_on_two_workers_gives_the_pandas_figures() -> None:
    data = synthetic_ita(agencies=12, respondents=1500, fiscal_year=2566, seed=11)
    answers = data.answers.to_pandas()
    for column in ("agency", "tool", "question", "choice"):
        answers[column] = answers[column].astype(str)
    oit = oit_from_checklist(data.oit.to_pandas(), 2566)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the cluster's start-up chatter
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        )
    with cluster, distributed.Client(cluster):
        lazy = dd.from_pandas(answers, npartitions=4)
        on_dask = indicators_from_answers(lazy, 2566, rules=data.rules)
        on_pandas = indicators_from_answers(answers, 2566, rules=data.rules)
        assert on_dask.equals(on_pandas)
        table = on_pandas.merge(oit.drop(columns="fiscal_year"), on="agency")
        scored = score_table(dd.from_pandas(table, npartitions=3), rules=data.rules)
        assert isinstance(scored, dd.DataFrame)
        got = scored.compute().sort_values("agency").reset_index(drop=True)
    want = score_table(table, rules=data.rules).sort_values("agency").reset_index(drop=True)
    assert got.to_dict("records") == want.to_dict("records")
