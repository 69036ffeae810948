"""The shared rule-file functions refuse arguments they cannot use, each at its name."""

from decimal import Decimal
from pathlib import Path

import pytest

from moralkit import ValidationError
from moralkit.ita import ItaRules, check_ita_rules
from moralkit.moral import RUBRICS
from moralkit.rules import derive, load_rules, tiling_problems


def _refused(info):
    str(info.value)  # renders, whatever was passed
    return [(p.path, p.code) for p in info.value.problems]


def test_tiling_problems_refuses_what_is_not_bands():
    with pytest.raises(ValidationError) as info:
        tiling_problems(None, [(1,), ("x", 2.5)], None, 1, "0.01")
    assert _refused(info) == [
        ("path", "wrong_type"),
        ("spans[0]", "wrong_type"),
        ("spans[1][0]", "bad_number"),
        ("spans[1][1]", "float"),
        ("low", "wrong_type"),
    ]
    with pytest.raises(ValidationError) as info:
        tiling_problems("bands", {(0, 1)}, Decimal("NaN"), 10**5000, 1)
    assert _refused(info) == [
        ("spans", "wrong_type"),
        ("low", "not_finite"),
        ("high", "above_maximum"),
    ]


def test_tiling_problems_reads_numbers_by_the_policy():
    bands = [(0, "49.99"), (Decimal(50), Decimal(100))]
    assert tiling_problems("bands", bands, 0, 100, "0.01") == []


def test_load_rules_refuses_arguments_of_the_wrong_kind():
    with pytest.raises(ValidationError) as info:
        load_rules(dict, {}, None)
    assert _refused(info) == [("cls", "wrong_type"), ("check", "wrong_type")]
    with pytest.raises(ValidationError) as info:
        load_rules(ItaRules, [1, 2], check_ita_rules)
    assert _refused(info) == [("source", "wrong_type")]
    with pytest.raises(ValidationError) as info:
        load_rules(ItaRules, Path("no-such-file.json"), check_ita_rules)
    assert _refused(info) == [("", "rules.unreadable_file")]


def test_derive_refuses_arguments_of_the_wrong_kind():
    rubric = RUBRICS.for_year(2568)
    with pytest.raises(ValidationError) as info:
        derive({"id": "x"}, 5)
    assert _refused(info) == [("rules", "wrong_type"), ("check", "wrong_type")]
    with pytest.raises(ValidationError) as info:
        derive(rubric, lambda rules: [], pass_mark=80)
    assert _refused(info) == [("pass_mark", "unknown_key")]
    assert derive(rubric, lambda rules: []).id == f"{rubric.id}.derived"


def test_derive_checks_each_changed_value_as_a_rule_file_value():
    rubric = RUBRICS.for_year(2568)
    check = RUBRICS.check
    deep: list[object] = []
    for _ in range(2000):
        deep = [deep]
    cases = [
        ({"first_year": "x"}, [("first_year", "wrong_type")]),
        ({"id": ""}, [("id", "blank")]),
        ({"status": "bogus"}, [("status", "not_allowed")]),
        ({"activities": None}, [("activities", "wrong_type")]),
        ({"title_th": deep}, [("title_th", "too_deep")]),
        ({"last_year": 10**5000}, [("last_year", "above_maximum")]),
    ]
    for changes, expected in cases:
        with pytest.raises(ValidationError) as info:
            derive(rubric, check, **changes)
        assert _refused(info) == expected, changes
    variant = derive(rubric, check, title_en="A variant")
    assert variant.title_en == "A variant"
    assert variant.activities == rubric.activities
    assert rubric.title_en != "A variant"
