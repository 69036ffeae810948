"""CPI records carry a status and full source URLs."""

import pytest

from moralkit.ita import cpi, cpi_years
from moralkit.ita.cpi import CpiNotHeldError, cpi_status


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
