"""The ITA cycle under hostile input: rule files users complete, OIT checklists, gap, history.

Rule files are edited in well-typed ways (the loader's own policy is fuzzed by the serde
families), so the ITA checks themselves are what is tried; a file the checks accept must then
score and give a gap without crashing. Checklists come from hostile table rows and mutated
JSON dumps.
"""

from __future__ import annotations

import json
import random
from importlib.resources import files
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from moralkit.ita import RULES, gap, history, load_rules, published_rows, score
from moralkit.ita.oit import OitChecklist, checklist_from_rows, load_checklist
from moralkit.serde import dump, load
from tests.fuzz.harness import examples, family, fuzz_settings, mutants

YEARS = (2564, 2566, 2568)
SCORES = st.decimals(min_value=0, max_value=100, places=3, allow_nan=False)


def _rules_data(year: int) -> dict[str, Any]:
    path = files("moralkit.ita").joinpath(f"rules/ita-{year}.json")
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def _pick(draw: st.DrawFn, items: list[Any]) -> Any:
    return items[draw(st.integers(0, len(items) - 1))]


@st.composite
def edited_rules(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """A shipped rule file with a few well-typed edits, and the path of the last one."""
    data = _rules_data(draw(st.sampled_from(YEARS)))
    where = ""
    for edit in draw(st.lists(st.integers(0, 8), min_size=1, max_size=3)):
        if edit == 0 and data["oit_items"]:
            index = draw(st.integers(0, len(data["oit_items"]) - 1))
            data["oit_items"].pop(index)
            where = "oit_items"
        elif edit == 1 and data["sub_indicators"]:
            data["sub_indicators"].pop(draw(st.integers(0, len(data["sub_indicators"]) - 1)))
            where = "sub_indicators"
        elif edit == 2:
            tool = draw(st.integers(0, 2))
            data["tools"][tool]["weight"] = str(draw(SCORES))
            where = f"tools[{tool}].weight"
        elif edit == 3:
            index = draw(st.integers(0, len(data["levels"]) - 1))
            key = draw(st.sampled_from(["min_total", "min_each_tool"]))
            data["levels"][index][key] = str(draw(SCORES))
            where = f"levels[{index}].{key}"
        elif edit == 4:
            index = draw(st.integers(0, len(data["levels"]) - 1))
            data["levels"][index]["passed"] = not data["levels"][index]["passed"]
            where = f"levels[{index}].passed"
        elif edit == 5:
            data["levels"] = draw(st.permutations(data["levels"]))
            where = "levels"
        elif edit == 6:
            data["pass_mark"] = str(draw(SCORES))
            where = "pass_mark"
        elif edit == 7 and data["oit_items"]:
            index = draw(st.integers(0, len(data["oit_items"]) - 1))
            data["oit_items"][index]["sub_indicator"] = draw(
                st.sampled_from(["9.1", "9.5", "10.2", "11.1"])
            )
            where = f"oit_items[{index}].sub_indicator"
        elif edit == 8:
            index = draw(st.integers(0, 9))
            data["indicators"][index]["tool"] = draw(st.sampled_from(["IIT", "EIT", "OIT"]))
            where = f"indicators[{index}].tool"
    return data, where


@fuzz_settings(4.0)
@given(edited=edited_rules(), values=st.tuples(SCORES, SCORES, SCORES), rnd=st.randoms())
def test_edited_rule_files(
    edited: tuple[dict[str, Any], str], values: tuple[Any, ...], rnd: random.Random
) -> None:
    data, _ = edited
    outcome = family("ita.load_rules (edited rule files)").check(
        lambda: load_rules(data), data=data, raise_on_failure=True
    )
    rules = outcome.result
    if rules is None:
        return
    tools = dict(zip(("IIT", "EIT", "OIT"), values, strict=True))
    year = rules.first_year
    scored = family("ita.gap (accepted rule files)").check(
        lambda: gap(score(year, tools=tools, rules=rules), rules=rules),
        data=tools,
        resolve_in=None,
        raise_on_failure=True,
    )
    assert scored.error is None
    if rules.oit_items:
        present = {item.code: rnd.random() < 0.7 for item in rules.oit_items}
        others = {i.number: "90" for i in rules.indicators if i.tool != "OIT"}
        family("ita.gap (accepted rule files)").check(
            lambda: gap(
                score(year, indicators=others, oit=present, rules=rules),
                checklist=present,
                rules=rules,
            ),
            data=present,
            resolve_in=None,
            raise_on_failure=True,
        )


CELLS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.decimals(allow_nan=True)
    | st.text(max_size=12)
    | st.lists(st.text(max_size=8) | st.integers(), max_size=3)
    | st.sampled_from(["มี", "ไม่มี", "O1", "O17", "accepted", "rejected", "https://a.go.th/x"])
)
ROWS = st.lists(
    st.dictionaries(
        st.sampled_from(["item", "present", "urls", "explanation", "verdict", "comment", "x"]),
        CELLS,
        max_size=6,
    )
    | st.integers()
    | st.text(max_size=3),
    max_size=6,
)


def _checklist_roundtrip(value: OitChecklist) -> OitChecklist:
    return load(OitChecklist, dump(value))


@fuzz_settings(2.0)
@given(rows=ROWS, year=st.sampled_from(YEARS))
def test_checklist_rows(rows: list[Any], year: int) -> None:
    family("ita.checklist_from_rows (hostile rows)").check(
        lambda: checklist_from_rows(rows, agency="agency", fiscal_year=year),
        data=rows,
        roundtrip=_checklist_roundtrip,
        raise_on_failure=True,
    )


def _checklist_document() -> dict[str, Any]:
    rows = [
        {"item": item.code, "present": True, "urls": f"https://agency.go.th/{item.code}"}
        for item in RULES.for_year(2566).oit_items
    ]
    rows[0] |= {"verdict": "rejected", "comment": "ไม่ใช่ข้อมูลปีนี้", "explanation": "ดูหน้าเว็บ"}
    document: dict[str, Any] = dump(checklist_from_rows(rows, agency="agency", fiscal_year=2566))
    return document


def test_mutated_checklists() -> None:
    fam = family("ita.load_checklist (mutated dumps)")
    rng = random.Random(13)
    document = _checklist_document()
    for mutant in mutants(document, rng, examples(20)):
        fam.check(
            lambda doc=mutant.document: load_checklist(doc),
            data=mutant.document,
            must_refuse=mutant.must_refuse,
            fault_at=mutant.fault_at,
            roundtrip=_checklist_roundtrip,
        )
    fam.assert_clean()


ROW_IDS = [row.id for row in published_rows()]


@fuzz_settings()
@given(
    picked=st.lists(st.sampled_from(ROW_IDS), max_size=8),
    scored=st.lists(st.tuples(st.sampled_from(YEARS), SCORES, SCORES, SCORES), max_size=3),
)
def test_history_of_mixed_results(picked: list[str], scored: list[tuple[Any, ...]]) -> None:
    rows = {row.id: row for row in published_rows()}
    results: list[Any] = [rows[i] for i in picked]
    results += [score(y, tools={"IIT": a, "EIT": b, "OIT": c}) for y, a, b, c in scored]
    family("ita.history (mixed results)").check(
        lambda: history("agency", results), data=None, resolve_in=None, raise_on_failure=True
    )
