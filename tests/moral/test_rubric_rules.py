import json
from decimal import Decimal
from importlib.resources import files

import pytest

from moralkit import ValidationError
from moralkit.moral import (
    RUBRICS,
    Evidence,
    assess,
    load_rubric,
    with_level_rule,
    with_requirement,
    with_threshold,
)
from moralkit.moral.assess import RUBRICS as SAME

A = RUBRICS.for_year(2565)
B69 = RUBRICS.for_year(2569)


def rubric_data():
    """A fresh, editable copy of the packaged version-A rubric file."""
    return json.loads(
        files("moralkit.moral").joinpath("rules", "moral-org-a.json").read_text("utf-8")
    )


def test_packaged_rubrics_are_loaded_once():
    assert RUBRICS is SAME
    assert RUBRICS.all() is RUBRICS.all()
    assert [r.id for r in RUBRICS.all()] == [
        "moral-org-a-2559",
        "moral-org-a",
        "moral-org-b-2568",
        "moral-org-b-2569",
    ]
    assert RUBRICS.by_id("moral-org-a") is A
    with pytest.raises(KeyError, match="packaged: moral-org-a"):
        RUBRICS.by_id("nope")


def test_user_rubric_round_trip():
    data = rubric_data()
    mine = load_rubric(data | {"id": "my-rubric", "first_year": 2570, "last_year": None})
    assert mine.id == "my-rubric"
    result = assess(Evidence.of("u", 2570, {1: Decimal(100)}), mine)
    assert result.rubric_id == "my-rubric"
    assert load_rubric(json.dumps(data)).id == "moral-org-a"


@pytest.mark.parametrize(
    ("change", "path", "code"),
    [
        (
            lambda d: d["activities"][0]["bands"].__setitem__(
                1, {"min": "50.00", "max": "79.98", "points": 1}
            ),
            "activities[0].bands",
            "rules.band_gap",
        ),
        (
            lambda d: d["activities"][0]["bands"].__setitem__(
                1, {"min": "50.00", "max": "80.00", "points": 1}
            ),
            "activities[0].bands",
            "rules.band_overlap",
        ),
        (
            lambda d: d["activities"][0]["bands"].__setitem__(
                2, {"min": "1", "max": "49.99", "points": 0}
            ),
            "activities[0].bands",
            "rules.bands_start",
        ),
        (
            lambda d: d["activities"][0].__setitem__("evidence", "essay"),
            "activities[0].evidence",
            "not_allowed",
        ),
        (
            lambda d: d.__setitem__("activities", [a for a in d["activities"] if a["level"] != 3]),
            "activities",
            "moral.missing_level",
        ),
        (
            lambda d: d["activities"][3].__setitem__("number", 2),
            "activities[3].number",
            "moral.activity_twice",
        ),
        (
            lambda d: d.__setitem__("level_rule", {"rule": "R3"}),
            "level_rule.threshold",
            "moral.threshold_missing",
        ),
        (
            lambda d: d.__setitem__("level_rule", {"rule": "R3", "threshold": 9}),
            "level_rule.threshold",
            "moral.threshold_unreachable",
        ),
        (
            lambda d: d.__setitem__("level_rule", {"rule": "R0"}),
            "level_rule.check",
            "moral.check_missing",
        ),
        (lambda d: d.__setitem__("last_year", 2550), "last_year", "rules.end_before_start"),
        (
            lambda d: d["activities"][2].__setitem__(
                "bands", [{"min": "0", "max": "100", "points": 2}]
            ),
            "activities[2].bands",
            "moral.unexpected_bands",
        ),
        (
            lambda d: d["activities"][0]["bands"][0].__setitem__("points", 3),
            "activities[0].bands[0].points",
            "above_maximum",
        ),
        (
            lambda d: d["activities"][0].__setitem__("sources", ["S99"]),
            "activities[0].sources[0]",
            "moral.unknown_source",
        ),
        (lambda d: d.__setitem__("colour", "blue"), "colour", "unknown_key"),
    ],
)
def test_malformed_rubrics(change, path, code):
    data = rubric_data()
    change(data)
    with pytest.raises(ValidationError) as info:
        load_rubric(data)
    assert (path, code) in {(p.path, p.code) for p in info.value.problems}


def test_malformed_json_text():
    with pytest.raises(ValidationError, match="not valid JSON"):
        load_rubric("{")


def test_variants_leave_the_original_alone():
    stricter = with_threshold(B69, 4, Decimal(80))
    assert stricter.status == "unsourced"
    assert stricter.id == "moral-org-b-2569.derived"
    assert B69.activity(4).bands[0].min == Decimal("70.00")
    evidence = Evidence.of("u", 2569, {4: Decimal(75)})
    assert assess(evidence).score(4).points == 1
    assert assess(evidence, stricter).score(4).points == 0
    fewer = with_requirement(B69, 2, "problems_and_good_deeds", 4)
    ok = Evidence.of("u", 2569, {2: {"problems_and_good_deeds": 4, "do_and_dont": 3}})
    assert assess(ok, fewer).score(2).points == 1
    with pytest.raises(ValidationError, match="counts problems_and_good_deeds, do_and_dont, not x"):
        with_requirement(B69, 2, "x", 1)
    with pytest.raises(ValidationError, match="has no threshold"):
        with_threshold(B69, 3, 1)
    with pytest.raises(ValidationError, match="has no activity 12"):
        with_threshold(B69, 12, 1)


def test_a_derived_variant_is_checked():
    with pytest.raises(ValidationError):
        RUBRICS.derive(A, activities=A.activities[:3])


def test_an_unknown_level_rule_name_is_refused_never_read_as_another():
    with pytest.raises(ValidationError) as info:
        with_level_rule(A, "every_unit_is_a_model")
    assert [p.code for p in info.value.problems] == ["moral.unknown_level_rule"]
    with pytest.raises(ValidationError):
        with_level_rule(A, "declared_level", check="nonsense")


@pytest.mark.parametrize(("alias", "name"), [("R1", "all_full_marks"), ("R2", "all_score_a_point")])
def test_level_rule_names_and_their_old_codes_agree(alias, name):
    values = {1: Decimal(60), 2: Decimal(60), 3: True}
    by_code = assess(Evidence.of("u", 2565, values), with_level_rule(A, alias))
    by_name = assess(Evidence.of("u", 2565, values), with_level_rule(A, name))
    assert by_code.level == by_name.level
    assert by_code.level_rule == by_name.level_rule == name


def test_all_score_a_point_differs_from_all_full_marks_only_on_the_points_scale():
    # A 1 of 2 points is enough for all_score_a_point, not for all_full_marks; on the met
    # scale a 1 is full marks, so the two rules cannot differ there (corrections item 7).
    one_point = {1: Decimal(60), 2: Decimal(100), **dict.fromkeys(range(3, 10), True)}
    levels = [
        assess(Evidence.of("u", 2565, one_point), with_level_rule(A, rule)).level
        for rule in ("all_full_marks", "all_score_a_point")
    ]
    assert levels == [0, 3]
    assert A.scale == "points"
    assert {r.scale for r in RUBRICS.all() if r.first_year.be >= 2566} == {"met"}


def test_thresholds_off_the_grid_are_refused():
    with pytest.raises(ValidationError) as info:
        with_threshold(B69, 4, Decimal("79.995"))
    assert "moral.band_off_grid" in {p.code for p in info.value.problems}


def test_bands_that_never_give_full_marks_are_refused():
    data = rubric_data()
    data["activities"][0]["bands"] = [
        {"min": "50.00", "max": "100", "points": 1},
        {"min": "0", "max": "49.99", "points": 0},
    ]
    with pytest.raises(ValidationError) as info:
        load_rubric(data)
    assert ("activities[0].bands", "moral.never_full_marks") in {
        (p.path, p.code) for p in info.value.problems
    }


def test_each_bad_band_is_named_by_its_own_index():
    data = rubric_data()
    bad = {"min": "60", "max": "10", "points": 1}
    data["activities"][0]["bands"] = [bad, bad, {"min": "0", "max": "100", "points": 2}]
    with pytest.raises(ValidationError) as info:
        load_rubric(data)
    bad_paths = [p.path for p in info.value.problems if p.code == "moral.bad_band"]
    assert bad_paths == ["activities[0].bands[0]", "activities[0].bands[1]"]


def test_a_missing_or_broken_file_is_a_validation_error_naming_it(tmp_path):
    missing = tmp_path / "nowhere.json"
    with pytest.raises(ValidationError, match=r"nowhere\.json"):
        load_rubric(missing)
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", "utf-8")
    with pytest.raises(ValidationError) as info:
        load_rubric(broken)
    assert str(broken) in str(info.value)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    with pytest.raises(ValidationError, match=r"folder\.json"):
        load_rubric(folder)


def test_fractional_values_from_text_are_checked_like_parsed_data(tmp_path):
    data = rubric_data()
    data["activities"][0]["bands"][1]["max"] = "79.995"
    with pytest.raises(ValidationError) as from_data:
        load_rubric(data)
    path = tmp_path / "rubric.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ValidationError) as from_path:
        load_rubric(path)
    with pytest.raises(ValidationError) as from_text:
        load_rubric(json.dumps(data))
    codes = {p.code for p in from_data.value.problems}
    assert codes == {p.code for p in from_path.value.problems}
    assert codes == {p.code for p in from_text.value.problems}
    assert "moral.band_off_grid" in codes


def test_a_fractional_json_number_is_refused_from_text_as_from_data():
    data = rubric_data()
    text = json.dumps(data).replace('"79.99"', "79.99", 1)
    assert text != json.dumps(data)
    with pytest.raises(ValidationError) as from_text:
        load_rubric(text)
    data["activities"][0]["bands"][1]["max"] = 79.99
    with pytest.raises(ValidationError) as from_data:
        load_rubric(data)
    assert [p.code for p in from_text.value.problems] == [p.code for p in from_data.value.problems]
