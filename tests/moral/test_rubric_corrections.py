"""The corrected rubric data: FY2566-2568 thresholds, statuses, verbatim texts, variants."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moralkit import RuleNotFoundError, validate
from moralkit.model import DeclarationOfIntent, TargetVirtue, Virtue, core_virtues
from moralkit.moral import RUBRICS, Evidence, assess, with_level_rule
from moralkit.moral.variants import VARIANTS, variant, variants
from moralkit.thai import FiscalYear

B1_TH = (
    "องค์กรมีการประกาศเจตนารมณ์ร่วมกัน ที่จะขับเคลื่อนองค์กรให้เป็นองค์กรคุณธรรม "
    "โดยยึดมั่นในหลักธรรมทางศาสนา หลักปรัชญาของเศรษฐกิจพอเพียง "
    "วิถีวัฒนธรรมไทยและคุณธรรม ๕ ประการ พอเพียง วินัย สุจริต จิตอาสา กตัญญู"
)
# The test vector: 60 % signed, four problems/good deeds, two Do & Don't items, a plan.
UNIT = {1: (60, 100), 2: {"problems_and_good_deeds": 4, "do_and_dont": 2}, 3: True}


@pytest.mark.parametrize("year", [2566, 2567, 2568])
def test_fy2566_to_2568_unit_passes_activities_1_to_3(year):
    result = assess(Evidence.of("unit", year, UNIT))
    assert [result.score(n).points for n in (1, 2, 3)] == [1, 1, 1]
    assert result.level == 1
    assert result.rubric_id == "moral-org-b-2568"


def test_the_same_unit_fails_in_fy2569():
    result = assess(Evidence.of("unit", 2569, UNIT))
    assert [result.score(n).points for n in (1, 2, 3)] == [0, 0, 1]
    assert result.level == 0


def test_fy2569_thresholds_are_a_named_variant_for_earlier_years():
    strict = variant("moral-org-b-2568.fy2569-thresholds")
    assert (strict.first_year, strict.last_year) == (FiscalYear(2566), FiscalYear(2568))
    assert strict.status == "unsourced"
    assert strict.activity(1).bands == RUBRICS.for_year(2569).activity(1).bands
    assert strict.activity(2).requirements == RUBRICS.for_year(2569).activity(2).requirements
    assert strict.activity(7).bands == RUBRICS.for_year(2568).activity(7).bands  # 70 %, as FY2568
    result = assess(Evidence.of("unit", 2567, UNIT), strict)
    assert result.level == 0
    assert result.rubric_status == "unsourced"
    # Packaged lookups never return a variant.
    assert RUBRICS.for_year(2567).id == "moral-org-b-2568"
    with pytest.raises(RuleNotFoundError, match=r"moral-org-b-2569\.community") as caught:
        variant("no-such-variant")
    assert caught.value.variant_id == "no-such-variant"
    assert "moral-org-b-2568.fy2569-thresholds" in caught.value.message("th")


def test_fy2568_activity_1_needs_a_declaration_not_a_share():
    b68 = RUBRICS.for_year(2568)
    points = [
        assess(Evidence.of("u", 2568, {1: Decimal(v)})).score(1).points
        for v in ("0", "0.004", "0.01", "1", "79.99")
    ]
    assert points == [0, 0, 1, 1, 1]  # 0.004 rounds to 0.00: nobody signed
    assert b68.activity(2).requirements[0].min == 1
    assert b68.activity(2).requirements[1].min == 0


def test_statuses_and_texts_follow_the_sources():
    for rubric in (RUBRICS.for_year(2568), RUBRICS.for_year(2569)):
        one, three = rubric.activity(1), rubric.activity(3)
        assert one.text_th == B1_TH
        assert one.text_th_complete
        assert three.status == "inferred"
        assert not three.text_th_complete
        assert rubric.title_th != "แนวทางพัฒนาองค์กรคุณธรรม 9 ประการ"
        assert "newspaper phrase" in " ".join(rubric.notes)
        assert "R2" in rubric.level_rule.note
    a = RUBRICS.for_year(2565)
    assert a.activity(1).text_th.startswith("องค์กรมีการประกาศเจตนารมณ์ร่วมกัน…")
    assert "ที่จะขับเคลื่อนหน่วยงานให้เป็นองค์กรคุณธรรม" in a.activity(1).text_th
    assert not a.activity(1).text_th_complete


@pytest.mark.parametrize("year", [2559, 2560, 2561])
def test_rubric_a_before_fy2562_is_marked_unsourced(year):
    rubric = RUBRICS.for_year(year)
    assert rubric.id == "moral-org-a-2559"
    assert rubric.status == "unsourced"
    assert assess(Evidence.of("u", year, {1: Decimal(100)})).rubric_status == "unsourced"
    assert RUBRICS.for_year(2562).id == "moral-org-a"
    assert RUBRICS.for_year(2562).status == "inferred"


def test_community_variants_put_target_virtues_first():
    for rubric in VARIANTS.all():
        if not rubric.id.endswith(".community"):
            continue
        assert rubric.tiers == ("community", "district")
        assert any(s.id == "PHICHIT" for s in rubric.sources)
        first, second, third = (rubric.activity(n) for n in (1, 2, 3))
        assert first.text_en.startswith("Step 1: target virtues")
        assert second.text_en.startswith("Step 2: a joint")
        assert third.text_en.startswith("Step 3: a moral-promotion plan")
        assert {"PHICHIT"} <= set(first.sources)
    ids = [v.id for v in variants(2564, tier="community")]
    assert ids == ["moral-org-a.community"]
    assert variants(2560) == ()
    community = Evidence.of(
        "ban-mueang-ruang",
        2567,
        {1: {"problems_and_good_deeds": 2, "do_and_dont": 0}, 2: (30, 40), 3: True},
        tier="community",
    )
    result = assess(community, variant("moral-org-b-2568.community"))
    assert result.level == 1
    assert result.label_th == "ชุมชนส่งเสริมคุณธรรม"


def test_gratitude_is_core_from_fy2565():
    assert Virtue.GRATITUDE in core_virtues(2565)
    assert Virtue.GRATITUDE not in core_virtues(2564)
    assert len(core_virtues(2559)) == 4
    declaration = DeclarationOfIntent(
        "d", "o", fiscal_year=FiscalYear(2565), target_virtues=[TargetVirtue(Virtue.GRATITUDE)]
    )
    assert validate(declaration) == []


percentages = st.decimals(min_value=0, max_value=100, places=2)
b_evidence = st.fixed_dictionaries(
    {
        1: percentages,
        2: st.fixed_dictionaries(
            {
                "problems_and_good_deeds": st.integers(0, 8),
                "do_and_dont": st.integers(0, 5),
            }
        ),
        3: st.booleans(),
        4: percentages,
        5: st.booleans(),
        6: st.booleans(),
        7: percentages,
        8: st.booleans(),
        9: st.booleans(),
    }
)


@given(b_evidence, st.sampled_from([2566, 2567, 2568, 2569]))
def test_r2_equals_r1_on_the_met_scale(values, year):
    rubric = RUBRICS.for_year(year)
    evidence = Evidence.of("u", year, values)
    assert assess(evidence, rubric).level == assess(evidence, with_level_rule(rubric, "R2")).level


@given(b_evidence, st.sampled_from([2566, 2567, 2568]))
def test_the_fy2569_threshold_variant_is_never_more_lenient(values, year):
    evidence = Evidence.of("u", year, values)
    strict = variant("moral-org-b-2568.fy2569-thresholds")
    assert assess(evidence, strict).level <= assess(evidence).level


def test_fy2568_counts_may_leave_out_the_do_and_dont_pledge():
    result = assess(Evidence.of("u", 2567, {2: {"problems_and_good_deeds": 3}}))
    assert result.score(2).points == 1
