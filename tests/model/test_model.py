import pickle
from datetime import date
from decimal import Decimal

import pytest

from moralkit import ValidationError
from moralkit.model import (
    AreaNotFoundError,
    DeclarationOfIntent,
    Event,
    EventKind,
    MoralLevel,
    Organization,
    OrganizationKind,
    OrganizationRegistry,
    Region,
    Round,
    TargetGroup,
    TargetVirtue,
    Venue,
    Virtue,
    core_virtues,
    province,
    provinces,
)
from moralkit.model.plans import ActionPlan, Activity, Indicator, NationalPlan, PlanStrategy
from moralkit.thai import DateRange, FiscalYear

# --- virtues -------------------------------------------------------------------------------


def test_core_virtues_by_fiscal_year():  # T22, as corrected: five from FY2565
    four = core_virtues(2564)
    five = core_virtues(FiscalYear(2565))
    assert [v.label_th for v in four] == ["พอเพียง", "วินัย", "สุจริต", "จิตอาสา"]
    assert set(five) - set(four) == {Virtue.GRATITUDE}
    assert Virtue.GRATITUDE.label_th == "กตัญญู"
    assert Virtue.GRATITUDE.core_from == FiscalYear(2565)
    assert not Virtue.GRATITUDE.is_core_in(2564)
    assert Virtue.HONESTY.is_core_in(2559)


@pytest.mark.parametrize(
    ("bad", "code"),
    [("2565", "wrong_type"), (2565.0, "float"), (None, "wrong_type"), ([[2565]], "wrong_type")],
)
def test_core_virtues_refuses_what_is_not_a_fiscal_year(bad, code):
    with pytest.raises(ValidationError) as info:
        core_virtues(bad)
    assert [(p.path, p.code) for p in info.value.problems] == [("fiscal_year", code)]
    assert info.value.subject == "core_virtues"
    str(info.value)


def test_virtue_labels_and_lookup():
    assert Virtue("discipline") is Virtue.DISCIPLINE
    assert Virtue.DISCIPLINE.label("en") == "discipline"
    assert str(Virtue.DISCIPLINE) == "discipline"
    with pytest.raises(ValueError, match="'lang'"):
        Virtue.DISCIPLINE.label("fr")


def test_target_virtue_is_core_or_own():
    assert TargetVirtue(Virtue.DISCIPLINE).label_th == "วินัย"
    courage = TargetVirtue(name_th="กล้าหาญ")
    assert (courage.label_th, courage.label_en) == ("กล้าหาญ", "กล้าหาญ")
    with pytest.raises(ValueError, match="either a core 'virtue' or its own 'name_th'"):
        TargetVirtue()
    with pytest.raises(ValueError, match="not both"):
        TargetVirtue(Virtue.HONESTY, name_th="ซื่อสัตย์")


def test_string_is_not_taken_as_a_list():
    with pytest.raises(TypeError, match="not a string"):
        TargetVirtue(Virtue.HONESTY, problems_to_fix="มาสาย")  # type: ignore[arg-type]
    assert TargetVirtue(Virtue.HONESTY, problems_to_fix=["มาสาย"]).problems_to_fix == ("มาสาย",)


# --- areas ---------------------------------------------------------------------------------


def test_provinces():
    everything = provinces()
    assert len(everything) == 77
    assert len({p.code for p in everything}) == 77
    counts = {region: len(provinces(region)) for region in Region}
    assert counts == {Region.NORTH: 17, Region.NORTHEAST: 20, Region.CENTRAL: 26, Region.SOUTH: 14}


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("เชียงราย", "TH-57"),
        ("จังหวัดเชียงราย", "TH-57"),
        ("จ.เชียงราย", "TH-57"),
        ("จ. เชียงราย", "TH-57"),
        ("Chiang Rai", "TH-57"),
        ("chiang rai province", "TH-57"),
        ("TH-57", "TH-57"),
        ("Chonburi", "TH-20"),
        ("กรุงเทพฯ", "TH-10"),
        ("Bangkok", "TH-10"),
        ("Nong Bua Lamphu", "TH-39"),
        ("อยุธยา", "TH-14"),
    ],
)
def test_province_lookup(name, code):
    assert province(name).code == code


def test_province_labels():
    assert province("TH-57").label_th == "จังหวัดเชียงราย"
    assert province("TH-57").label_en == "Chiang Rai Province"
    assert province("TH-10").label_th == "กรุงเทพมหานคร"


def test_unknown_province_suggests():
    with pytest.raises(AreaNotFoundError, match="did you mean 'เชียงราย'") as info:
        province("เชียงรา")
    assert isinstance(info.value, LookupError)
    assert pickle.loads(pickle.dumps(info.value)) == info.value


@pytest.mark.parametrize("bad", [None, 10, pytest.param(10**5000, id="huge"), ["TH-57"]])
def test_province_refuses_a_name_that_is_not_text(bad):
    with pytest.raises(ValidationError) as info:
        province(bad)
    assert [(p.path, p.code) for p in info.value.problems] == [("name", "wrong_type")]
    assert "name: expected a string" in str(info.value)


def test_venue_rejects_unknown_province_code():
    with pytest.raises(ValueError, match="ISO 3166-2:TH"):
        Venue(province="TH-99")


# --- organizations -------------------------------------------------------------------------


def _org(org_id, parent=None):
    return Organization(org_id, f"หน่วยงาน {org_id}", kind=OrganizationKind.DIVISION, parent=parent)


def test_registry_hierarchy():
    registry = OrganizationRegistry(
        [_org("moi"), _org("ops", "moi"), _org("a", "ops"), _org("b", "ops"), _org("a1", "a")]
    )
    assert len(registry) == 5
    assert "a1" in registry
    assert registry.parent("ops").id == "moi"
    assert registry.parent("moi") is None
    assert [o.id for o in registry.children("ops")] == ["a", "b"]
    assert [o.id for o in registry.ancestors("a1")] == ["a", "ops", "moi"]
    assert [o.id for o in registry.descendants("moi")] == ["ops", "a", "a1", "b"]
    assert [o.id for o in registry.roots()] == ["moi"]
    with pytest.raises(KeyError, match="no organization with id 'zz'"):
        registry.get("zz")


def test_registry_reports_every_problem():
    with pytest.raises(ValidationError) as info:
        OrganizationRegistry(
            [_org("a"), _org("a"), _org("b", "ghost"), _org("c", "d"), _org("d", "c")]
        )
    codes = [(p.path, p.code) for p in info.value.problems]
    assert ("organizations[1].id", "duplicate") in codes
    assert ("organizations[2].parent", "unknown_parent") in codes
    assert ("organizations[3].parent", "cycle") in codes
    assert ("organizations[4].parent", "cycle") in codes


def test_organization_labels():
    org = Organization("hsd", "กองบริหารการสาธารณสุข", abbreviation_th="กบรส.")
    assert org.label_th == "กองบริหารการสาธารณสุข (กบรส.)"
    assert org.label_en == "กองบริหารการสาธารณสุข"


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"id": "Bad Id"}, "an id of lower-case letters"),
        ({"name_th": "   "}, "must not be blank"),
        ({"member_count": -1}, "must be >= 0"),
    ],
)
def test_organization_field_rules(kwargs, fragment):
    values = {"id": "ok", "name_th": "ชื่อ"} | kwargs
    with pytest.raises(ValueError, match=fragment):
        Organization(**values)


# --- declarations, plans, events, levels ---------------------------------------------------


def test_share_signed_rounds_half_up():
    declaration = DeclarationOfIntent("d", "o", signatories=2, members=3)
    assert declaration.share_signed == Decimal("66.67")
    assert DeclarationOfIntent("d", "o", signatories=1, members=8).share_signed == Decimal("12.50")
    assert DeclarationOfIntent("d", "o").share_signed is None
    assert DeclarationOfIntent("d", "o", signatories=0, members=0).share_signed is None


def test_plan_activities_and_reports():
    plan = ActionPlan(
        "p",
        "o",
        "แผน",
        strategies=[
            PlanStrategy(1, "ก", activities=[Activity("a1", "หนึ่ง"), Activity("a2", "สอง")])
        ],
        other_activities=[Activity("a3", "สาม")],
        stated_activity_count=17,
    )
    assert [a.id for a in plan.activities] == ["a1", "a2", "a3"]
    assert plan.activity_count == 3
    assert ActionPlan("q", "o", "แผน", stated_activity_count=17).activity_count == 17
    assert plan.report(6) is None


def test_indicator_percentage():
    assert Indicator("ร้อยละของบุคลากร", Decimal(80), unit_th="ร้อยละ").is_percentage
    assert not Indicator("จำนวนครั้ง", Decimal(2), unit_th="ครั้ง").is_percentage


def test_national_plan_years():
    plan = NationalPlan("ap2", "แผน", first_year=FiscalYear(2566), last_year=FiscalYear(2570))
    assert [fy.be for fy in plan.fiscal_years] == [2566, 2567, 2568, 2569, 2570]
    assert plan.covers(FiscalYear(2568))
    assert not NationalPlan("x", "แผน").covers(FiscalYear(2568))


def test_event_fiscal_year_and_planned_size():
    dated = Event(
        "e", EventKind.SEMINAR, "ส", dates=DateRange(date(2024, 9, 30), date(2024, 10, 1))
    )
    assert dated.fiscal_year == FiscalYear(2567)
    by_round = Event(
        "e",
        EventKind.SEMINAR,
        "ส",
        rounds=[Round(5, dates=DateRange.single(date(2019, 6, 25)))],
    )
    assert by_round.fiscal_year == FiscalYear(2562)
    stated = Event("e", EventKind.SEMINAR, "ส", fiscal_year_stated=FiscalYear(2565))
    assert stated.fiscal_year == FiscalYear(2565)
    assert Event("e", EventKind.SEMINAR, "ส").fiscal_year is None
    groups = [TargetGroup("ก", planned_size=60), TargetGroup("ข", planned_size=100)]
    assert Event("e", EventKind.SEMINAR, "ส", target_groups=groups).planned_size == 160
    unknown = [TargetGroup("ก", planned_size=60), TargetGroup("ข")]
    assert Event("e", EventKind.SEMINAR, "ส", target_groups=unknown).planned_size is None


def test_moral_levels():
    assert MoralLevel(3) is MoralLevel.MODEL
    assert MoralLevel.MODEL.label_en == "model moral organization"
    assert MoralLevel.MORAL.label_for("community") == "ชุมชนคุณธรรม"
    assert MoralLevel.PROMOTING.label_for("district") == "อำเภอส่งเสริมคุณธรรม"
    assert MoralLevel.MODEL.label_for("province") == "จังหวัดคุณธรรมต้นแบบ"
    for name, level in [
        ("ระดับพัฒนาคุณธรรม", 2),
        ("องค์กรคุณธรรม", 2),
        ("ระดับคุณธรรมต้นแบบ", 3),
        ("ชุมชนส่งเสริมคุณธรรม", 1),
        ("ระดับที่ 3", 3),
        ("2", 2),
    ]:
        assert MoralLevel.parse(name) is MoralLevel(level)
    with pytest.raises(ValueError, match="unknown moral level"):
        MoralLevel.parse("ดีมาก")
    with pytest.raises(ValueError, match="'tier'"):
        MoralLevel.MODEL.label_for("country")


def test_objects_are_frozen_values():
    venue = Venue(room_th="ห้อง 1", capacity=50)
    assert venue == Venue(room_th="ห้อง 1", capacity=50)
    assert hash(venue) == hash(Venue(room_th="ห้อง 1", capacity=50))
    with pytest.raises(AttributeError):
        venue.capacity = 60  # type: ignore[misc]
