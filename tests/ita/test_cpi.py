"""CPI records carry a status and full source URLs."""

import pickle
from decimal import Decimal

import pytest

from moralkit import ValidationError
from moralkit.ita import cpi, cpi_years
from moralkit.ita.cpi import CpiNotHeldError, cpi_change, cpi_status


@pytest.mark.parametrize("year", [2016, 2017])
def test_source_urls_are_whole(year):
    urls = [s.url for s in cpi_status(year).sources if s.url]
    assert urls
    assert all(url.count("/") >= 4 and "%E0%B8" in url for url in urls)


def test_2015_country_count_rests_on_seed_001_only():
    status = cpi_status(2015)
    assert status.status == "unverified"
    assert status.note is not None
    assert "seed 001" in status.note
    assert cpi(2015).countries == 168


@pytest.mark.parametrize("year", cpi_years())
def test_every_record_has_a_status_and_cited_sources(year):
    status = cpi_status(year)
    assert status.status in ("verified", "unverified")
    assert status.sources
    assert tuple(s.id for s in status.sources) == cpi(year).sources


def test_year_not_held():
    with pytest.raises(CpiNotHeldError):
        cpi_status(2011)


@pytest.mark.parametrize("function", [cpi, cpi_change, cpi_status])
@pytest.mark.parametrize(
    ("year", "code"),
    [(None, "wrong_type"), ([2016], "wrong_type"), ("2016", "wrong_type"), (True, "wrong_type")],
)
def test_a_year_that_is_not_a_whole_number_is_refused(function, year, code):
    with pytest.raises(ValidationError) as info:
        function(year)
    assert [(p.path, p.code) for p in info.value.problems] == [("year", code)]
    assert "year" in str(info.value)


@pytest.mark.parametrize(
    "year", [None, pytest.param(10**5000, id="huge"), Decimal("NaN"), [1], "x", 2011]
)
def test_not_held_renders_for_any_year(year):
    error = CpiNotHeldError(year, cpi_years())
    text = str(error)
    assert text.startswith("no CPI for ")
    assert "2012-2024" in error.message("en")
    assert "ค.ศ." in error.message("th")
    assert str(pickle.loads(pickle.dumps(error))) == text  # a NaN year is not equal to itself


def test_a_year_not_held_is_said_in_both_languages():
    with pytest.raises(CpiNotHeldError) as info:
        cpi_change(2012)  # 2011 is on the old 0-10 scale
    assert info.value.year == 2011
    assert info.value.code == "ita.cpi.old_scale"
    assert "0-10 scale" in info.value.message("en")
    assert "คะแนนเต็ม 10" in info.value.message("th")
