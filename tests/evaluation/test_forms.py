from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moralkit import ValidationError, dump, load
from moralkit.evaluation import (
    INTERPRETATIONS,
    EvaluationForm,
    FormItem,
    FormResponse,
    FormSummary,
    Section,
    summarize,
)

FORM = EvaluationForm(
    "seminar-form",
    "แบบประเมินผลการสัมมนา (ตัวอย่าง)",
    items=(
        FormItem("c1", "เนื้อหาตรงกับความต้องการ", Section.CONTENT, target=Decimal("4.00")),
        FormItem("s1", "วิทยากรถ่ายทอดได้ชัดเจน", Section.SPEAKER),
        FormItem("v1", "สถานที่เหมาะสม", Section.VENUE, scale="3"),
        FormItem("b1", "นำความรู้ไปใช้ได้", Section.BENEFIT, scale="yes_no"),
        FormItem("o1", "ข้อเสนอแนะ", Section.OTHER, scale="open"),
    ),
)
RESPONSES = [
    FormResponse.of("r1", {"c1": 5, "s1": 5, "v1": 3, "b1": True, "o1": "ควรเพิ่มเวลา"}),
    FormResponse.of("r2", {"c1": 4, "s1": 3, "v1": 2, "b1": True}),
    FormResponse.of("r3", {"c1": 3, "s1": 4, "v1": 3, "b1": False}),
    FormResponse.of("r4", {"c1": 4, "s1": 5}),
]


def test_worked_example():
    s = summarize(FORM, RESPONSES)
    c1 = s.item("c1")
    # 5, 4, 3, 4: mean 4.00; sample SD sqrt(2/3) = 0.8165
    assert (c1.answered, c1.mean, c1.sd) == (4, Decimal("4.00"), Decimal("0.82"))
    assert c1.distribution == ((5, 1), (4, 2), (3, 1), (2, 0), (1, 0))
    assert c1.satisfaction == Decimal("80.00")
    assert (c1.interpretation_th, c1.interpretation_en) == ("มาก", "high")
    assert c1.below_target is False
    s1 = s.item("s1")  # 5, 3, 4, 5: mean 4.25, SD 0.9574
    assert (s1.mean, s1.sd, s1.satisfaction, s1.interpretation_th) == (
        Decimal("4.25"),
        Decimal("0.96"),
        Decimal("85.00"),
        "มาก",
    )
    v1 = s.item("v1")  # 3-point: 3, 2, 3: mean 2.67, satisfaction 88.89; no 3-point table
    assert (v1.mean, v1.satisfaction, v1.interpretation_th) == (
        Decimal("2.67"),
        Decimal("88.89"),
        None,
    )
    assert s.item("b1").share_yes == Decimal("66.67")
    assert s.item("o1").texts == ("ควรเพิ่มเวลา",)
    venue = s.section(Section.VENUE)  # rescaled onto 1-5: 5, 3, 5
    assert (venue.answered, venue.mean) == (3, Decimal("4.33"))
    assert venue.satisfaction == Decimal("86.67")  # from the exact mean 13/3, not from 4.33
    assert s.respondents == 4
    assert s.below_target == ()


def test_items_below_target_and_interpretation_edges():
    form = EvaluationForm("f", "แบบ", items=(FormItem("q", "ข้อ", target=Decimal("4.51")),))
    at = summarize(form, [FormResponse.of(str(i), {"q": v}) for i, v in enumerate([5, 4])])
    assert (at.item("q").mean, at.item("q").interpretation_th, at.item("q").below_target) == (
        Decimal("4.50"),
        "มาก",
        True,
    )
    top = summarize(form, [FormResponse.of(str(i), {"q": v}) for i, v in enumerate([5, 5, 4, 5])])
    assert (top.item("q").mean, top.item("q").interpretation_th) == (Decimal("4.75"), "มากที่สุด")
    assert top.below_target == ()


def test_interpretation_table_is_a_replaceable_convention():
    table = INTERPRETATIONS.all()[0]
    assert table.status == "unsourced"
    assert [b.label_th for b in table.bands] == ["มากที่สุด", "มาก", "ปานกลาง", "น้อย", "น้อยที่สุด"]
    band = type(table.bands[0])
    lenient = INTERPRETATIONS.derive(
        table,
        bands=(
            band(Decimal("4.01"), Decimal("5.00"), "ดีเยี่ยม", "excellent"),
            band(Decimal("3.51"), Decimal("4.00"), "มาก", "high"),
            *table.bands[2:],
        ),
    )
    summary = summarize(FORM, RESPONSES, lenient)
    assert summary.item("s1").interpretation_en == "excellent"
    with pytest.raises(ValidationError, match="band"):
        INTERPRETATIONS.derive(table, bands=table.bands[:4])


@pytest.mark.parametrize(
    ("responses", "paths"),
    [
        ([FormResponse.of("r", {"c1": 6})], ["responses[0].answers[0].rating"]),
        ([FormResponse.of("r", {"v1": 4})], ["responses[0].answers[0].rating"]),
        ([FormResponse.of("r", {"zz": 3})], ["responses[0].answers[0].item"]),
        ([FormResponse.of("r", {"c1": "ดี"})], ["responses[0].answers[0]"]),
        ([FormResponse.of("r", {"b1": 1})], ["responses[0].answers[0]"]),
        ([FormResponse.of("r", {"o1": True})], ["responses[0].answers[0]"]),
        (
            [FormResponse.of("r", {"c1": 4}), FormResponse.of("r", {"c1": 5})],
            ["responses[1].respondent"],
        ),
    ],
)
def test_bad_responses(responses, paths):
    with pytest.raises(ValidationError) as info:
        summarize(FORM, responses)
    assert list(info.value.paths) == paths


def test_summary_serializes():
    s = summarize(FORM, RESPONSES)
    assert load(FormSummary, dump(s)) == s
    assert load(EvaluationForm, dump(FORM)) == FORM


ratings = st.lists(st.integers(1, 5), min_size=1, max_size=40)


@given(ratings)
def test_mean_lies_within_the_scale(values):
    form = EvaluationForm("f", "แบบ", items=(FormItem("q", "ข้อ"),))
    s = summarize(form, [FormResponse.of(str(i), {"q": v}) for i, v in enumerate(values)])
    assert Decimal(1) <= s.item("q").mean <= Decimal(5)
    assert Decimal(20) <= s.item("q").satisfaction <= Decimal(100)
    assert sum(count for _, count in s.item("q").distribution) == len(values)


@given(st.integers(1, 5), st.lists(st.integers(0, 4), max_size=10))
def test_a_respondent_at_the_mean_leaves_it_unchanged(mean, spreads):
    values = []
    for spread in spreads:  # pairs around the mean keep it exact
        d = min(spread, mean - 1, 5 - mean)
        values += [mean + d, mean - d]
    values = values or [mean]
    form = EvaluationForm("f", "แบบ", items=(FormItem("q", "ข้อ"),))
    before = summarize(form, [FormResponse.of(str(i), {"q": v}) for i, v in enumerate(values)])
    after = summarize(
        form, [FormResponse.of(str(i), {"q": v}) for i, v in enumerate([*values, mean])]
    )
    assert before.item("q").mean == after.item("q").mean == Decimal(mean)
