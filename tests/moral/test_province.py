"""A province's yearly roll-up, its own decision rule (no default), and its rubric scaffold."""

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moralkit import ValidationError, dump, load
from moralkit._decimal import percent
from moralkit.moral import Evidence, assess
from moralkit.moral.province import (
    ProvinceReport,
    TierCount,
    decide,
    load_decision_rule,
    load_province_rubric,
    province_scaffold,
)
from moralkit.thai import FiscalYear

from .evidence_values import FULL_B, LEVEL_1_B, LEVEL_2_B

BANGKOK_2562 = ProvinceReport(  # T10: the BMA's FY2562 tallies
    "TH-10",
    FiscalYear(2562),
    (
        TierCount("community", model=7, moral=6, promoting=9),
        TierCount("organization", model=28, moral=18, promoting=12),
    ),
)


def rule(**changes):
    base = {
        "id": "my-province-rule",
        "level": 2,
        "share": "80",
        "counting": "at_least",
        "tiers": ["organization"],
        "status": "unsourced",
    }
    return load_decision_rule(base | changes)


def test_t10_tallies():
    assert BANGKOK_2562.total("community") == 22
    assert BANGKOK_2562.total("organization") == 58
    assert BANGKOK_2562.count("organization", 3) == 28
    assert BANGKOK_2562.tier("community").at_least(2) == 13
    with pytest.raises(KeyError, match="no 'district' counts"):
        BANGKOK_2562.tier("district")


def test_the_decision_rule_has_no_default():
    with pytest.raises(TypeError):
        decide(BANGKOK_2562)  # type: ignore[call-arg]
    with pytest.raises(ValidationError) as info:
        load_decision_rule({"id": "r", "level": 2})
    assert set(info.value.paths) == {"share", "counting", "tiers", "status"}


def test_decisions_at_least_and_exactly():
    at_least = decide(BANGKOK_2562, rule())
    assert (at_least.qualifying, at_least.units, at_least.share) == (46, 58, Decimal("79.31"))
    assert (at_least.met, at_least.short_by) == (False, 1)
    assert at_least.reason == "moral_cycle.decision_not_met"
    assert at_least.message("th") == (
        "เกณฑ์ my-province-rule: หน่วยที่นับได้ที่ระดับ 2 มี 46 จาก 58 หน่วย (ร้อยละ 79.31) "
        "ต้องการร้อยละ 80 ขาดอีก 1 หน่วย"
    )
    pooled = decide(BANGKOK_2562, rule(tiers=["organization", "community"], share="50"))
    assert (pooled.qualifying, pooled.units, pooled.met, pooled.short_by) == (59, 80, True, 0)
    exactly = decide(BANGKOK_2562, rule(level=3, counting="exactly", share="48.28"))
    assert (exactly.share, exactly.met) == (Decimal("48.28"), True)
    assert exactly.rule_status == "unsourced"
    with pytest.raises(KeyError):
        decide(BANGKOK_2562, rule(tiers=["district"]))


def test_no_units_no_share():
    empty = ProvinceReport("TH-73", FiscalYear(2566), (TierCount("district"),))
    decision = decide(empty, rule(tiers=["district"]))
    assert (decision.share, decision.met, decision.short_by) == (None, False, None)
    assert decision.reason == "moral_cycle.decision_no_units"


def test_report_from_results_and_round_trip():
    results = [assess(Evidence.of(f"d{n}", 2566, FULL_B, tier="district")) for n in range(7)]
    results += [
        assess(Evidence.of("c1", 2566, LEVEL_1_B, tier="community")),
        assess(Evidence.of("o1", 2566, LEVEL_2_B)),
        assess(Evidence.of("o2", 2566, {})),
    ]
    report = ProvinceReport.from_results("TH-73", 2566, results)
    assert report.count("district", 3) == 7  # T15: Nakhon Pathom, all 7 districts at model level
    assert report.tier("organization") == TierCount("organization", moral=1, not_yet=1)
    assert report.total("community") == 1
    assert load(ProvinceReport, dump(report)) == report
    with pytest.raises(ValidationError) as info:
        ProvinceReport.from_results("TH-73", 2567, results[:1])
    assert info.value.paths == ("[0].evidence.fiscal_year",)
    with pytest.raises(ValueError, match="each tier once"):
        ProvinceReport("TH-73", FiscalYear(2566), (TierCount("district"), TierCount("district")))


def test_the_scaffold_is_refused_until_filled():
    scaffold = province_scaffold()
    assert scaffold is not province_scaffold()  # a fresh copy each time
    with pytest.raises(ValidationError) as info:
        load_province_rubric(scaffold)
    paths = info.value.paths
    assert "activities[9].text_th" in paths
    assert "level_rule" in paths
    assert {p.code for p in info.value.problems} == {"moral_cycle.unfilled"}


def filled():
    data = province_scaffold()
    data |= {
        "id": "province-th-73-2566",
        "version": "2566",
        "first_year": 2566,
        "scale": "met",
        "status": "verified",
        "level_rule": {"rule": "R1", "status": "verified"},
    }
    for activity in data["activities"]:
        n = activity["number"]
        activity |= {
            "level": 1 if n <= 3 else 2 if n <= 6 else 3,
            "evidence": "yes_no",
            "text_th": f"ตัวชี้วัดที่ {n} ของจังหวัด",
            "text_en": f"indicator {n}",
            "status": "verified",
        }
    return data


def test_a_filled_scaffold_loads_and_assesses_a_province():
    data = filled()
    rubric = load_province_rubric(json.dumps(data, ensure_ascii=False))
    assert rubric.tiers == ("province",)
    assert len(rubric.activities) == 10
    every = dict.fromkeys(range(1, 11), True)
    evidence = Evidence.of("nakhon-pathom", 2566, every, tier="province")
    assert assess(evidence, rubric).label_th == "จังหวัดคุณธรรมต้นแบบ"
    one_blank = filled()
    one_blank["activities"][4]["text_en"] = "  "
    with pytest.raises(ValidationError) as info:
        load_province_rubric(one_blank)
    assert info.value.paths == ("activities[4].text_en",)
    wrong = filled() | {"tiers": ["organization"], "activities": filled()["activities"][:9]}
    with pytest.raises(ValidationError) as info:
        load_province_rubric(wrong)
    assert [p.code for p in info.value.problems] == [
        "moral_cycle.province_tiers",
        "moral_cycle.province_indicator_count",
    ]
    with pytest.raises(ValidationError, match="not valid JSON"):
        load_province_rubric("{")


counts = st.integers(0, 300)


@given(counts, counts, counts, counts, st.integers(1, 3), st.decimals(0, 100, places=2))
def test_decide_matches_the_rounded_share(model, moral, promoting, not_yet, level, share):
    report = ProvinceReport(
        "TH-10",
        FiscalYear(2567),
        (TierCount("organization", model, moral, promoting, not_yet),),
    )
    decision = decide(report, rule(level=level, share=str(share)))
    units = model + moral + promoting + not_yet
    qualifying = report.tier("organization").at_least(level)
    if units == 0:
        assert decision.share is None
        return
    assert decision.met == (percent(qualifying, units) >= share)
    if decision.short_by is not None:
        k = decision.short_by
        assert percent(qualifying + k, units) >= share
        assert k == 0 or percent(qualifying + k - 1, units) < share
    else:
        assert percent(units, units) < share or qualifying == units
