"""National ITA figures added after the review, with their sources."""

import pickle
from decimal import Decimal

import pytest

from moralkit import ValidationError
from moralkit.ita import published, published_years
from moralkit.ita.national import NationalNotHeldError, not_held, sources


def test_fy2566_figures():
    year = published(2566)
    assert (year.agencies, year.passing, year.failing) == (8323, 6737, 1586)
    assert year.passing + year.failing == year.agencies
    assert (year.share_passing, year.mean, year.mean_change) == (
        Decimal("80.94"),
        Decimal("90.19"),
        Decimal("2.62"),
    )
    assert year.mean - year.mean_change == published(2565).mean


def test_respondents():
    assert published(2565).respondents == 1_300_132
    assert published(2568).respondents_over == 1_350_000
    assert published(2568).respondents is None


def test_fy2569_is_noted_not_shipped():
    assert [n.fiscal_year.be for n in not_held()] == [2569]
    assert not_held()[0].agencies_over == 7300
    with pytest.raises(KeyError, match="announced but not published") as info:
        published(2569)
    assert "reformed framework" in info.value.note


def test_every_cited_source_exists():
    ids = {s.id for s in sources()}
    cited = {s for year in published_years() for s in year.sources}
    cited |= {s for n in not_held() for s in n.sources}
    assert cited <= ids
    urls = {s.id: s.url for s in sources()}
    assert urls["nation66"] == "https://www.nationthailand.com/thailand/general/40030119"
    assert urls["bkbiz65"] == "https://www.bangkokbiznews.com/politics/1018382"


@pytest.mark.parametrize(
    ("year", "met", "status"),
    [(2565, False, "verified"), (2566, True, "unverified"), (2568, True, "unverified")],
)
def test_meeting_the_target_carries_its_status(year, met, status):
    target = published(year).target()
    assert (target.met, target.status) == (met, status)


def test_target_unknown_without_a_published_share():
    assert published(2564).target().met is None


def test_a_year_not_held_names_the_years_held():
    with pytest.raises(NationalNotHeldError) as info:
        published(2562)
    error = info.value
    assert isinstance(error, KeyError)
    assert (error.fiscal_year, error.note, error.code) == (2562, None, "ita.national.not_held")
    assert error.held == tuple(y.fiscal_year.be for y in published_years())
    assert "2563, 2564" in error.message("en")
    assert "ปีงบประมาณ พ.ศ. 2562" in error.message("th")
    assert pickle.loads(pickle.dumps(error)) == error


@pytest.mark.parametrize(
    ("year", "code"),
    [
        (None, "wrong_type"),
        ("2568", "wrong_type"),
        pytest.param(10**5000, "above_maximum", id="huge"),
    ],
)
def test_published_refuses_a_year_that_is_not_a_whole_number(year, code):
    with pytest.raises(ValidationError) as info:
        published(year)
    assert [(p.path, p.code) for p in info.value.problems] == [("fiscal_year", code)]
