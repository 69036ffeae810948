"""Scoring and evaluation entry points under hostile input: ITA, the moral ladder, evaluation.

Seeds are valid inputs as plain data (what a service receives); each input plants one fault
(`tests.fuzz.harness.mutants`) or passes an argument of the wrong type. Every outcome must be a
result that round-trips through the converter, or a documented error whose problems locate the
fault.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from moralkit import load, samples
from moralkit.evaluation import (
    EvaluationForm,
    FormItem,
    FormResponse,
    Section,
    attendance,
    knowledge_gain,
    summarize,
)
from moralkit.evaluation.outcomes import KnowledgeTest
from moralkit.ita import RULES, Response, Result, published_rows, score
from moralkit.moral import Evidence, assess
from moralkit.moral import Result as MoralResult
from moralkit.serde import dump
from tests.fuzz.harness import examples, family, fuzz_settings, mutants


def _ita_seeds() -> list[tuple[int, dict[str, Any]]]:
    trat = published_rows()[0].indicator_scores
    answers = [
        dump(Response.of("r1", "IIT", {"I1": "highest", "I2": "high"})),
        dump(Response.of("r2", "IIT", {"I1": "high", "I2": "low"})),
    ]
    oit = {item.code: item.code != "O9" for item in RULES.for_year(2564).oit_items}
    return [
        (2568, {"tools": {"IIT": "98", "EIT": "84", "OIT": "99.5"}}),
        (2565, {"tools": {"IIT": "84.995", "EIT": "84.995", "OIT": "84.995"}}),
        (2564, {"indicators": {str(k): str(v) for k, v in trat.items()}}),
        (
            2564,
            {
                "responses": answers,
                "indicators": {str(n): "90" for n in range(3, 9)},
                "oit": oit,
            },
        ),
        (2568, {"indicators": {str(n): "90" for n in range(1, 9)}, "oit": {"O1": True}}),
    ]


ITA_SEEDS = _ita_seeds()


def _evidence_seeds() -> list[dict[str, Any]]:
    full = {
        1: (45, 50),
        2: {"problems_and_good_deeds": 5, "do_and_dont": 3},
        3: True,
        4: Decimal("75.5"),
        5: True,
    }
    return [
        dump(Evidence.of("unit-a", 2569, full)),
        dump(Evidence.of("unit-b", 2565, {1: Decimal(100), 2: Decimal("79.995"), 3: True})),
        dump(Evidence.of("unit-c", 2568, {4: (15, 20), 7: Decimal(70)}, tier="community")),
    ]


EVIDENCE_SEEDS = _evidence_seeds()


def test_ita_score_mutated_inputs() -> None:
    fam = family("ita.score (mutated inputs)")
    rng = random.Random(21)
    for number in range(examples(20)):
        year, document = ITA_SEEDS[number % len(ITA_SEEDS)]
        for mutant in mutants(document, rng, 1):
            fam.check(
                lambda year=year, doc=mutant.document: score(year, doc),
                data=mutant.document,
                must_refuse=mutant.must_refuse,
                # A removed key of an either-or input (tools, or indicators with answers and
                # the OIT checklist) is reported as what is missing, not at the key removed.
                fault_at=mutant.fault_at if mutant.must_refuse else None,
                roundtrip=lambda result: load(Result, dump(result)),
            )
    fam.assert_clean()


HOSTILE_ARGUMENTS: list[object] = [
    "2567",
    2567.0,
    [2567],
    None,
    True,
    10**5000,
    {"year": 2567},
    Decimal(2567),
]


@fuzz_settings()
@given(st.sampled_from(HOSTILE_ARGUMENTS), st.sampled_from(["tools", "indicators", "oit"]))
def test_ita_score_hostile_arguments(year: object, where: str) -> None:
    fam = family("ita.score (wrong argument types)")
    tools = {"IIT": "90", "EIT": "90", "OIT": "90"}
    fam.check(
        lambda: score(year, tools=tools),  # type: ignore[arg-type]
        data=None,
        resolve_in=None,
        must_refuse=True,
    )
    wrong = {"tools": ["IIT", "EIT"], "indicators": [1, 2, 3], "oit": "O1"}[where]
    fam.check(
        lambda: score(2564, **{where: wrong}),  # type: ignore[arg-type]
        data={where: wrong},
        must_refuse=True,
        fault_at=where,
    )
    fam.assert_clean()


def test_moral_assess_mutated_evidence() -> None:
    fam = family("moral.assess (mutated evidence)")
    rng = random.Random(22)
    for number in range(examples(20)):
        document = EVIDENCE_SEEDS[number % len(EVIDENCE_SEEDS)]
        for mutant in mutants(document, rng, 1):
            fam.check(
                lambda doc=mutant.document: assess(doc),
                data=mutant.document,
                must_refuse=mutant.must_refuse,
                fault_at=mutant.fault_at if mutant.must_refuse else None,
                roundtrip=lambda result: load(MoralResult, dump(result)),
            )
    fam.assert_clean()


def test_knowledge_gain_mutated_scores() -> None:
    fam = family("evaluation.knowledge_gain (mutated scores)")
    rng = random.Random(23)
    seed = {"pre": {"a": "6", "b": "7.5", "c": 5}, "post": {"a": 9, "b": "7.5", "d": "8"}}
    for _ in range(examples(10)):
        for mutant in mutants(seed, rng, 1):
            doc = mutant.document
            # Participant ids are data: a new key in pre or post is a new participant.
            new_participant = mutant.how == "unknown key" and mutant.fault_at.startswith("p")
            fam.check(
                lambda doc=doc: knowledge_gain(load(KnowledgeTest, doc)),
                data=doc,
                must_refuse=mutant.must_refuse and not new_participant,
                fault_at=mutant.fault_at if mutant.must_refuse else None,
            )
    fam.assert_clean()


def test_evidence_of_hostile_values() -> None:
    fam = family("moral.Evidence.of (hostile values)")
    values: list[object] = [0.5, float("nan"), "85", [1, 2], None, object(), (1, 2, 3), {1: 2}]
    for value in values:
        fam.check(
            lambda value=value: Evidence.of("u", 2569, {1: value}),  # type: ignore[dict-item]
            data=None,
            resolve_in=None,
            must_refuse=True,
        )
    fam.check(lambda: Evidence.of("u", 2569, [1, 2]), data=None, resolve_in=None, must_refuse=True)  # type: ignore[arg-type]
    fam.assert_clean()


def test_samples_still_score() -> None:
    # The bundled dataset is the friendliest input there is: it must never be refused.
    data = samples.load()
    assert data.events


FORM = EvaluationForm(
    "fuzz-form",
    "แบบประเมิน",
    items=(
        FormItem("c1", "เนื้อหา", Section.CONTENT),
        FormItem("v1", "สถานที่", Section.VENUE, scale="3"),
        FormItem("b1", "นำไปใช้ได้", Section.BENEFIT, scale="yes_no"),
        FormItem("o1", "ข้อเสนอแนะ", Section.OTHER, scale="open"),
    ),
)
FORM_SEED = {
    "responses": [
        dump(FormResponse.of("p01", {"c1": 5, "v1": 3, "b1": True, "o1": "ดี"})),
        dump(FormResponse.of("p02", {"c1": 4, "v1": 2, "b1": False})),
    ]
}


def test_form_summaries_mutated_responses() -> None:
    fam = family("evaluation.summarize (mutated responses)")
    rng = random.Random(24)
    for _ in range(examples(10)):
        for mutant in mutants(FORM_SEED, rng, 1):
            doc = mutant.document
            # The argument is the list under "responses" (or the mutated root itself).
            given = {"responses": doc.get("responses") if isinstance(doc, dict) else doc}
            fam.check(
                lambda given=given: summarize(FORM, given["responses"]),
                data=doc,
                resolve_in=given,
                must_refuse=mutant.must_refuse and mutant.fault_at != "responses",
                fault_at=mutant.fault_at if mutant.must_refuse else None,
            )
    fam.assert_clean()


def test_attendance_mutated_counts() -> None:
    fam = family("evaluation.attendance (mutated counts)")
    seminar = samples.load().from_source("seed-004").events[0]
    rng = random.Random(25)
    seed = {"counts": {"5": {"1": 57, "2": 104, "3": 9}}}
    for _ in range(examples(10)):
        for mutant in mutants(seed, rng, 1):
            doc = mutant.document
            given = {"counts": doc.get("counts") if isinstance(doc, dict) else doc}
            fam.check(
                lambda given=given: attendance(seminar, given["counts"]),
                data=doc,
                resolve_in=given,
                must_refuse=mutant.must_refuse and mutant.how != "unknown key",
                fault_at=mutant.fault_at if mutant.must_refuse else None,
            )
    fam.assert_clean()
