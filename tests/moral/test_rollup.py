from decimal import Decimal

import pytest

from moralkit import ValidationError, load, samples
from moralkit.model import Organization, OrganizationKind, OrganizationRegistry
from moralkit.moral import (
    HAPPINESS_LEVELS,
    MODEL_CRITERIA,
    RUBRICS,
    Evidence,
    ModelChecklist,
    Tally,
    assess,
    by_parent,
    by_province,
    rollup,
    sub_unit_coverage,
    what_if,
    with_threshold,
)
from tests.conftest import SEEDS_DIR
from tests.moral.evidence_values import FULL_B, LEVEL_1_B, LEVEL_2_B

FULL, LEVEL_1, LEVEL_2 = FULL_B, LEVEL_1_B, LEVEL_2_B
BY_LEVEL = {0: {}, 1: LEVEL_1, 2: LEVEL_2, 3: FULL}


def results_at(levels, fy=2566, tier="organization", prefix="u"):
    out = []
    for index, level in enumerate(levels):
        out.append(assess(Evidence.of(f"{prefix}-{index}", fy, BY_LEVEL[level], tier=tier)))
    assert [r.level for r in out] == list(levels)
    return out


def test_t10_bangkok_fy2562_tallies():
    communities = Tally.from_counts("กรุงเทพมหานคร", {3: 7, 2: 6, 1: 9})
    organizations = Tally.from_counts("กรุงเทพมหานคร", {3: 28, 2: 18, 1: 12})
    assert (communities.total, organizations.total) == (22, 58)
    assert communities.share(3) == Decimal("31.82")
    assert organizations.share_at_least(2) == Decimal("79.31")


def test_t10_from_results():
    levels = [3] * 7 + [2] * 6 + [1] * 9
    (tally,) = rollup(results_at(levels, fy=2562 + 4, tier="community"))
    assert tally.key == "TH"
    assert (tally.count(3), tally.count(2), tally.count(1), tally.total) == (7, 6, 9, 22)


def test_t11_samut_prakan_outstanding_units():
    units = {"community": 5, "organization": 33, "district": 1}
    assert sum(units.values()) == 39


def test_t15_nakhon_pathom_districts_all_model():
    (tally,) = rollup(results_at([3] * 7, tier="district"))
    assert tally.share(3) == Decimal("100.00")
    assert tally.total == 7


def _registry(units, kind=OrganizationKind.DIVISION):
    parent = Organization(
        "ect", "สำนักงานคณะกรรมการการเลือกตั้ง", kind=OrganizationKind.DEPARTMENT, province="TH-10"
    )
    children = [
        Organization(f"ect-{i}", f"หน่วย {i}", kind=kind, parent="ect", province="TH-10")
        for i in range(units)
    ]
    return OrganizationRegistry([parent, *children])


def test_t12_all_division_units_assessed_at_level_1():
    registry = _registry(28)
    results = results_at([1] * 28, prefix="ect")
    coverage = sub_unit_coverage(registry, "ect", results)
    assert coverage.share_assessed == Decimal("100.00")
    assert coverage.missing == ()
    assert coverage.tally.count(1) == 28
    assert coverage.tally.share(1) == Decimal("100.00")


def test_t13_office_and_26_units_at_model_level():
    registry = _registry(26)
    results = results_at([3] * 26, prefix="ect")
    results.append(assess(Evidence.of("ect", 2568, FULL)))
    coverage = sub_unit_coverage(registry, "ect", results)
    assert coverage.tally.count(3) == 26
    assert results[-1].label_th == "องค์กรคุณธรรมต้นแบบ"


def test_coverage_names_the_missing_units_and_ignores_other_kinds():
    registry = OrganizationRegistry(
        [
            Organization("dept", "กรม"),
            Organization("div-a", "กอง ก", kind=OrganizationKind.DIVISION, parent="dept"),
            Organization("div-b", "กอง ข", kind=OrganizationKind.DIVISION, parent="dept"),
            Organization("group", "คณะทำงาน", kind=OrganizationKind.WORKING_GROUP, parent="dept"),
        ]
    )
    results = [
        assess(Evidence.of("div-a", 2567, LEVEL_2)),
        assess(Evidence.of("group", 2567, FULL)),
    ]
    coverage = sub_unit_coverage(registry, "dept", results)
    assert coverage.units == ("div-a", "div-b")
    assert coverage.missing == ("div-b",)
    assert coverage.share_assessed == Decimal("50.00")
    assert coverage.tally.count(2) == 1


def test_rollup_by_parent_and_province():
    data = samples.load()
    registry = data.registry()
    units = [o.id for o in registry.children("moind-ops")]
    results = [assess(Evidence.of(u, 2567, FULL)) for u in units]
    results.append(assess(Evidence.of("moph-hsd", 2567, LEVEL_1)))
    by_dept = {t.key: t for t in rollup(results, by_parent(registry))}
    assert by_dept["moind-ops"].count(3) == 8
    assert by_dept["moph-ops"].count(1) == 1
    by_area = {t.key: t for t in rollup(results, by_province(data.organizations))}
    assert by_area["(unknown)"].total == 9  # the seeds do not say where these units are


def test_what_if_lists_who_changes_level():
    stricter = with_threshold(RUBRICS.for_year(2568), 7, Decimal(90))
    evidence = [
        Evidence.of("a", 2568, FULL | {7: Decimal(75)}),
        Evidence.of("b", 2568, FULL | {7: Decimal(95)}),
        Evidence.of("c", 2568, LEVEL_1),
    ]
    changes = what_if(evidence, stricter)
    assert [(c.organization, c.before, c.after) for c in changes] == [("a", 3, 2)]


def test_tally_rejects_unknown_levels():
    with pytest.raises(ValidationError, match="levels are 0-3"):
        Tally.from_counts("x", {4: 1})
    assert Tally.from_counts("x", {}).share(1) == Decimal("0.00")


def test_model_organization_checklist():
    assert [c.text_th for c in MODEL_CRITERIA][1] == "ยึดหลักการมีส่วนร่วมของคนในองค์กร"
    assert [h.text_th for h in HAPPINESS_LEVELS] == ["สุขจากการได้", "สุขจากการให้", "สุขจากการปล่อยวาง"]
    record = ModelChecklist("moph-hsd", criteria_met=[1, 2, 3, 4, 5], happiness_levels=[1, 2, 3])
    assert record.complete
    partial = ModelChecklist("moph-hsd", criteria_met=(2, 5))
    assert [c.number for c in partial.missing] == [1, 3, 4]
    with pytest.raises(ValueError, match="<= 5"):
        ModelChecklist("x", criteria_met=(6,))
    with pytest.raises(ValueError, match="more than once"):
        ModelChecklist("x", happiness_levels=(1, 1))


def test_model_checklist_loads_with_a_path_per_problem():
    with pytest.raises(ValidationError) as info:
        load(ModelChecklist, {"organization": "x", "criteria_met": [0, 6]})
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("criteria_met[0]", "below_minimum"),
        ("criteria_met[1]", "above_maximum"),
    ]
    with pytest.raises(ValidationError) as info:
        load(ModelChecklist, {"organization": "x", "happiness_levels": [1, 2, 1]})
    assert [(p.path, p.code) for p in info.value.problems] == [("happiness_levels[2]", "duplicate")]


def test_criteria_are_the_seed_text():
    if not SEEDS_DIR.is_dir():
        pytest.skip("the shared seeds are not beside the repo")
    seed = next(SEEDS_DIR.glob("000_*.txt")).read_text("utf-8")
    for criterion in (*MODEL_CRITERIA, *HAPPINESS_LEVELS):
        assert criterion.text_th in seed


# --- arguments of the wrong kind -------------------------------------------------------------


def _refused(info):
    str(info.value)  # renders, whatever was passed
    return [(p.path, p.code) for p in info.value.problems]


def test_by_province_refuses_what_is_not_organizations():
    with pytest.raises(ValidationError) as info:
        by_province(None)
    assert _refused(info) == [("organizations", "wrong_type")]
    ect = _registry(1).get("ect")
    with pytest.raises(ValidationError) as info:
        by_province([ect, {"id": "x"}, "TH-10"])
    assert _refused(info) == [
        ("organizations[1]", "wrong_type"),
        ("organizations[2]", "wrong_type"),
    ]


def test_sub_unit_coverage_refuses_arguments_of_the_wrong_kind():
    registry = _registry(2)
    with pytest.raises(ValidationError) as info:
        sub_unit_coverage({}, 5, "results", kinds=None)
    assert _refused(info) == [
        ("registry", "wrong_type"),
        ("parent", "wrong_type"),
        ("results", "wrong_type"),
        ("kinds", "wrong_type"),
    ]
    with pytest.raises(ValidationError) as info:
        sub_unit_coverage(registry, "nobody", [object()], kinds=["division", "club"])
    assert _refused(info) == [
        ("parent", "moral.unknown_organization"),
        ("results[0]", "wrong_type"),
        ("kinds[1]", "not_allowed"),
    ]
    assert sub_unit_coverage(registry, "ect", [], kinds=["division"]).missing == ("ect-0", "ect-1")


def test_what_if_refuses_arguments_of_the_wrong_kind():
    with pytest.raises(ValidationError) as info:
        what_if(5, None, base="rubric")
    assert _refused(info) == [
        ("evidence", "wrong_type"),
        ("variant", "wrong_type"),
        ("base", "wrong_type"),
    ]
    with pytest.raises(ValidationError) as info:
        what_if([{"organization": "u"}], RUBRICS.for_year(2566))
    assert _refused(info) == [("evidence[0]", "wrong_type")]


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        ("2", 0, [("part", "wrong_type"), ("whole", "below_minimum")]),
        (True, 3.0, [("part", "wrong_type"), ("whole", "float")]),
        pytest.param(10**5000, 3, [("part", "above_maximum")], id="huge"),
        (2, Decimal("NaN"), [("whole", "wrong_type")]),
    ],
)
def test_percent_of_refuses_what_is_not_a_count(part, whole, expected):
    from moralkit.moral.evidence import percent_of  # noqa: PLC0415

    with pytest.raises(ValidationError) as info:
        percent_of(part, whole)
    assert _refused(info) == expected
    assert percent_of(2, 3) == Decimal("66.67")
