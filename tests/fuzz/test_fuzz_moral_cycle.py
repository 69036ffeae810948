"""The yearly moral cycle under hostile input: submissions, province reports and rules, scaffolds.

Seeds are valid documents of each kind, dumped; each input plants one fault
(`tests.fuzz.harness.mutants`). A loader must refuse every planted fault with a path that
locates it, never crash, never mutate its input, and give back what it read.
"""

from __future__ import annotations

import json
import random
from typing import Any

from moralkit import dump, load
from moralkit.moral.province import (
    DecisionRule,
    ProvinceReport,
    TierCount,
    decide,
    load_decision_rule,
    load_province_rubric,
    province_scaffold,
)
from moralkit.moral.submission import Submission, check_submission, load_submission
from moralkit.thai import FiscalYear
from tests.fuzz.harness import examples, family, mutants

SUBMISSION = {
    "unit": "moind-ops-hr",
    "fiscal_year": 2567,
    "declared_level": 2,
    "activities": [
        {"number": 1, "part": 45, "whole": 50},
        {
            "number": 2,
            "counts": [
                {"name": "problems_and_good_deeds", "count": 4},
                {"name": "do_and_dont", "count": 2},
            ],
        },
        {"number": 3, "done": True},
        {"number": 4, "percentage": "75.50"},
    ],
    "documents": [
        {"activity": 1, "file_name": "ประกาศเจตนารมณ์.pdf", "dated": "2023-11-01"},
        {"activity": 4, "url": "https://example.org/report", "title_th": "รายงานรอบ 6 เดือน"},
    ],
    "tier": "organization",
    "submitted_on": "2024-08-30",
    "verdict": {"decided_on": "2024-09-12", "level": 1, "committee_th": "คณะอนุกรรมการ"},
}
REPORT = dump(
    ProvinceReport(
        "TH-10",
        FiscalYear(2562),
        (
            TierCount("community", model=7, moral=6, promoting=9),
            TierCount("organization", model=28, moral=18, promoting=12),
        ),
    )
)
RULE = {
    "id": "my-rule",
    "level": 2,
    "share": "80",
    "counting": "at_least",
    "tiers": ["organization"],
    "status": "unsourced",
    "sources": ["guideline"],
}


def _filled_scaffold() -> dict[str, Any]:
    data = province_scaffold()
    data |= {
        "id": "province-th-10",
        "version": "1",
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
            "text_th": f"ตัวชี้วัดที่ {n}",
            "text_en": f"indicator {n}",
            "status": "verified",
        }
    return data


def _back(cls: type[Any]) -> Any:
    return lambda value: load(cls, dump(value))


def _run(name: str, seed: object, call: Any, cls: type[Any] | None, weight: float) -> None:
    fam = family(name)
    rng = random.Random(name)
    for _ in range(examples(weight)):
        for mutant in mutants(seed, rng, 1):
            fam.check(
                lambda doc=mutant.document: call(doc),
                data=mutant.document,
                must_refuse=mutant.must_refuse,
                fault_at=mutant.fault_at,
                roundtrip=_back(cls) if cls is not None else None,
            )
    fam.assert_clean()


def test_load_submission_mutated() -> None:
    _run("moral.load_submission (mutated)", SUBMISSION, load_submission, Submission, 8)


def test_check_submission_mutated() -> None:
    # Loading and checking together: a planted fault is refused by one or the other.
    _run(
        "moral.check_submission (mutated)",
        SUBMISSION,
        lambda doc: check_submission(load_submission(doc)),
        None,
        4,
    )


def test_province_report_mutated() -> None:
    _run(
        "moral.ProvinceReport (mutated)",
        REPORT,
        lambda d: load(ProvinceReport, d),
        ProvinceReport,
        4,
    )


def test_decision_rule_mutated() -> None:
    def call(doc: object) -> object:
        rule = load_decision_rule(doc)
        decide(load(ProvinceReport, REPORT), rule)
        return rule

    _run("moral.load_decision_rule (mutated)", RULE, call, DecisionRule, 4)


def test_province_rubric_mutated() -> None:
    _run("moral.load_province_rubric (mutated)", _filled_scaffold(), load_province_rubric, None, 4)


def test_province_rubric_text() -> None:
    fam = family("moral.load_province_rubric (JSON text)")
    text = json.dumps(_filled_scaffold(), ensure_ascii=False)
    rng = random.Random(11)
    for _ in range(examples(4)):
        cut = rng.randrange(len(text))
        broken = text[:cut] + rng.choice(["", "}", "\x00", "๑", '"', "[", "1e999999"]) + text[cut:]
        fam.check(lambda t=broken: load_province_rubric(t), data=broken, resolve_in=None)
    fam.assert_clean()
