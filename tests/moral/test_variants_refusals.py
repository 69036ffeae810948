"""Deriving and looking up variants refuses bad arguments with paths, never KeyError/TypeError."""

import pickle
from decimal import Decimal

import pytest

from moralkit import RuleNotFoundError, ValidationError
from moralkit.moral import (
    RUBRICS,
    approval_year,
    approval_year_rule,
    check_rubric,
    with_level_rule,
    with_requirement,
    with_threshold,
)
from moralkit.moral.variants import VARIANTS, UnknownVariantError, variant, variants

B68 = RUBRICS.for_year(2568)  # activity 7 a percentage, 3 yes/no
B69 = RUBRICS.for_year(2569)  # activity 2 several named counts


def _where(call):
    with pytest.raises(ValidationError) as caught:
        call()
    return [(p.path, p.code) for p in caught.value.problems]


def test_an_unknown_variant_names_every_id_there_is():
    with pytest.raises(RuleNotFoundError) as caught:
        variant("nope")
    err = caught.value
    assert isinstance(err, UnknownVariantError)
    assert isinstance(err, LookupError)
    for shipped in VARIANTS.all():
        assert shipped.id in str(err)
        assert shipped.id in err.message("th")
    assert err.fiscal_year is None
    assert pickle.loads(pickle.dumps(err)) == err


@pytest.mark.parametrize("value", [None, 7, ["x"], b"x"])
def test_a_variant_id_that_is_not_text_is_refused(value):
    assert _where(lambda: variant(value)) == [("variant_id", "wrong_type")]


def test_variants_refuses_a_bad_year_and_tier_together():
    assert _where(lambda: variants(None, tier="planet")) == [
        ("fiscal_year", "wrong_type"),
        ("tier", "not_allowed"),
    ]
    assert _where(lambda: variants(2019)) == [("fiscal_year", "below_minimum")]


def test_with_threshold_reports_every_argument_at_its_name():
    assert _where(lambda: with_threshold(B68, 99, "1.5e3")) == [
        ("number", "moral.unknown_activity"),
        ("minimum", "bad_number"),
    ]
    assert _where(lambda: with_threshold({"id": "x"}, True, 0.5)) == [
        ("rubric", "wrong_type"),
        ("number", "wrong_type"),
        ("minimum", "float"),
    ]
    assert _where(lambda: with_threshold(B68, 3, 1)) == [("number", "moral.no_threshold")]


@pytest.mark.parametrize(
    ("minimum", "code"),
    [
        (Decimal(0), "below_minimum"),
        (Decimal("100.01"), "above_maximum"),
        (Decimal("80.555"), "moral.band_off_grid"),
        (Decimal("NaN"), "not_finite"),
        pytest.param(10**5000, "above_maximum", id="huge"),
    ],
)
def test_a_percentage_threshold_is_on_the_scale(minimum, code):
    assert _where(lambda: with_threshold(B68, 7, minimum)) == [("minimum", code)]


def test_with_requirement_reports_name_and_minimum():
    assert _where(lambda: with_requirement(B69, 2, "x", -1)) == [
        ("minimum", "below_minimum"),
        ("name", "moral.unknown_count"),
    ]
    assert _where(lambda: with_requirement(B69, 2, None, "3")) == [
        ("minimum", "wrong_type"),
        ("name", "wrong_type"),
    ]
    assert _where(lambda: with_requirement(B69, 0, "do_and_dont", 1)) == [
        ("number", "moral.unknown_activity")
    ]


def test_with_level_rule_reports_at_the_argument_names():
    assert _where(lambda: with_level_rule(B68, "R9", -1, check=[])) == [
        ("rule", "moral.unknown_level_rule"),
        ("check", "moral.unknown_level_rule"),
        ("threshold", "below_minimum"),
    ]
    # A problem the rubric check finds is reported at the argument too.
    assert _where(lambda: with_level_rule(B68, "level_total_at_least")) == [
        ("threshold", "moral.threshold_missing")
    ]


def test_rubric_lookups_refuse_with_paths():
    assert _where(lambda: B68.activity(99)) == [("number", "moral.unknown_activity")]
    assert _where(lambda: B68.activity("7")) == [("number", "wrong_type")]
    assert B68.activity(7).number == 7
    assert _where(lambda: check_rubric(None)) == [("", "wrong_type")]
    assert _where(lambda: B68.at_level(4)) == [("level", "above_maximum")]
    assert _where(lambda: B68.at_level("1")) == [("level", "wrong_type")]
    assert [a.level for a in B68.at_level(1)] == [1] * len(B68.at_level(1))


@pytest.mark.parametrize(
    "value", [None, "2567", True, 2.5, 10**5000], ids=lambda v: type(v).__name__
)
def test_approval_year_refuses_what_is_not_a_fiscal_year(value):
    for call in (approval_year, approval_year_rule):
        assert [path for path, _ in _where(lambda call=call: call(value))] == ["assessed"]


def test_nothing_passed_is_changed():
    with_threshold(B68, 7, Decimal(90))
    with_requirement(B69, 2, "do_and_dont", 4)
    assert B68.activity(7).bands[0].min == Decimal("70.00")
    assert [r.min for r in B69.activity(2).requirements] == [5, 3]
