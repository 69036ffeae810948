"""approval_year is an inferred assumption, and says so wherever it is reported (corrections §6)."""

import pytest

from moralkit import samples
from moralkit.moral import (
    APPROVAL_YEAR_SOURCES,
    APPROVAL_YEAR_STATUS,
    approval_year,
    approval_year_rule,
)
from moralkit.rules import RuleSource
from moralkit.thai import FiscalYear
from moralkit.trace import RuleValue


def test_the_lag_is_an_inferred_assumption_not_a_verified_rule():
    assert APPROVAL_YEAR_STATUS == "inferred"
    assert all(isinstance(s, RuleSource) for s in APPROVAL_YEAR_SOURCES)


@pytest.mark.parametrize("year", [2562, 2567, 2568])
def test_the_rule_value_carries_the_year_and_its_status(year):
    expected = RuleValue(
        "approval_year",
        year + 1,
        "inferred",
        ("bma-fy2562", "moral-center-fy2564", "ect-fy2568"),
    )
    assert approval_year_rule(year) == expected
    assert approval_year_rule(FiscalYear(year)) == expected
    assert approval_year_rule(year).value == approval_year(FiscalYear(year)).be


def test_every_cited_source_is_declared_once():
    ids = [s.id for s in APPROVAL_YEAR_SOURCES]
    assert len(set(ids)) == len(ids)
    assert set(approval_year_rule(2565).sources) == set(ids)


def test_seed_003_is_a_counter_example():
    # A ministry's own FY2567 level-3 award, presented inside FY2567 itself.
    (award,) = samples.load_seed("seed-003").awards
    assert award.fiscal_year == FiscalYear(2567)
    presented_in = FiscalYear.of(award.presented_on)
    assert presented_in == award.fiscal_year
    assert presented_in != approval_year(award.fiscal_year)
    assert "seed 003" in (approval_year.__doc__ or "")
