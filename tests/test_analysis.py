import sys
from decimal import Decimal

import pytest

from moralkit import ita, samples
from moralkit.analysis import records, to_dataframe


def test_records_flatten_nested_values():
    rows = records(samples.load().organizations)
    assert len(rows) == 28
    assert rows[0]["id"] == "moral-center"
    assert rows[0]["kind"] == "public_organization"
    assert rows[0]["sources"] == "seed-000; seed-002"
    events = records(samples.load().events)
    assert events[0]["venue.province"] == "TH-12"
    assert events[0]["dates.start"] == "2022-02-21"
    assert "sessions" not in events[0]  # lists of objects stay out of the row


def test_exact_and_numeric_decimals():
    result = ita.score(2564, indicators=ita.published_rows()[0].indicator_scores)
    assert records([result])[0]["total"] == "81.45"
    assert records([result], exact=False)[0]["total"] == 81.45
    assert records([result])[0]["tools.IIT"] == "89.9460"
    assert records([result])[0]["indicators.10"] == "65.5600"
    assert Decimal(records([result])[0]["total"]) == result.total


def test_dataframe():
    pytest.importorskip("pandas")  # the lowest-versions run installs no extras
    frame = to_dataframe(
        ita.score_many([ita.ItaRecord("a", tools={"IIT": 90, "EIT": 90, "OIT": 90})], 2566)
    )
    assert list(frame["result.total"]) == ["90.00"]
    assert list(frame["result.tools.OIT"]) == ["90.0000"]


def test_dataframe_keeps_groups():
    pytest.importorskip("pandas")
    scored = ita.score_many(
        [ita.ItaRecord("a", tools={"IIT": 90, "EIT": 90, "OIT": 90}, groups={"ministry": "m"})],
        2566,
    )
    frame = to_dataframe(scored, exact=False)
    assert frame.loc[0, "groups.ministry"] == "m"
    assert frame.loc[0, "result.total"] == 90.0


def test_dataframe_without_pandas_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"moralkit\[pandas\]"):
        to_dataframe([])


@pytest.mark.parametrize("function", [records, to_dataframe])
def test_items_that_are_not_moralkit_values_are_refused(function):
    from moralkit import ValidationError  # noqa: PLC0415

    if function is to_dataframe:
        pytest.importorskip("pandas")

    deep: list[object] = []
    for _ in range(2000):
        deep = [deep]
    with pytest.raises(ValidationError) as info:
        function([samples.load().organizations[0], deep, 10**5000], exact="yes")
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("items[1]", "wrong_type"),
        ("items[2]", "wrong_type"),
        ("exact", "wrong_type"),
    ]
    assert "items[2]: expected a moralkit value" in str(info.value)
    with pytest.raises(ValidationError) as info:
        function(None)
    assert info.value.paths == ("items",)
