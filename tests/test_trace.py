"""Trace nodes serialize through the one converter; explain renders them in both languages."""

import copy
import json
import pickle
import re
import threading
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import moralkit as moralkit_path
from moralkit import MoralLevel, dump, explain, from_json, ita, load, moral, to_json
from moralkit.evaluation import knowledge_gain
from moralkit.messages import render
from moralkit.trace import Node, RuleValue, defer, deferred_trace, node, walk
from tests.moral.evidence_values import measure

STATUSES = ("verified", "inferred", "derived", "third-party", "unverified", "unsourced")


class Traced:
    def __init__(self, *nodes):
        self.trace = nodes


def sample():
    return node(
        "trace.figure",
        Decimal("84.50"),
        params={"name": "total", "numbers": [1, 2], "code": Decimal("9.1")},
        inputs=("tools",),
        rule=RuleValue("pass_mark", Decimal(85), "unsourced", ("S1",)),
        children=[Node("trace.figure", "AA", params={"name": "9.1"})],
    )


def test_round_trips_through_the_converter():
    node = sample()
    assert load(Node, dump(node)) == node
    assert from_json(Node, to_json(node)) == node


def test_decimal_params_keep_their_exact_text():
    assert sample().params["code"] == "9.1"
    assert sample().params["numbers"] == ("1", "2")


def test_nodes_are_frozen():
    with pytest.raises(AttributeError):
        sample().code = "x"  # type: ignore[misc]


def test_explain_renders_every_node_with_its_rule_status():
    result = Traced(sample())
    en, th = explain(result, "en"), explain(result, "th")
    assert en.splitlines() == [
        "total: 84.50 [rule value 85: no published source; a replaceable assumption; sources S1]",
        "  9.1: AA",
    ]
    assert render("status.unsourced", "th") in th
    assert "ค่าตามเกณฑ์ 85" in th


def test_explain_picks_the_language_of_paired_params():
    node = Node("trace.figure", 1, params={"name_th": "ผ่าน", "name_en": "pass"})
    assert explain(Traced(node), "th") == "ผ่าน: 1"
    assert explain(Traced(node), "en") == "pass: 1"


def test_explain_shows_names_and_sources_whole():
    long_en = "External Integrity and Transparency Assessment (service users), version 2"
    node = Node(
        "trace.figure",
        1,
        params={"name_th": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก", "name_en": long_en},
        rule=RuleValue("k", 1, "verified", tuple(f"source{n}" for n in range(12))),
    )
    english = explain(Traced(node), "en")
    assert english.startswith(long_en + ": 1 ")
    assert english.endswith("source10, source11]")
    assert explain(Traced(node), "th").endswith("source10, source11]")


def test_explain_refuses_an_unknown_language():
    with pytest.raises(ValueError, match="lang"):
        explain(Traced(sample()), "fr")  # type: ignore[arg-type]


@given(st.sampled_from(STATUSES), st.sampled_from(("th", "en")))
def test_every_status_is_worded_in_both_languages(status, lang):
    node = Node("trace.figure", 1, params={"name": "x"}, rule=RuleValue("k", 1, status))
    assert render("status." + status, lang) in explain(Traced(node), lang)


def test_walk_is_depth_first_and_iterative():
    deep = Node("trace.figure", 0, params={"name": "leaf"})
    for depth in range(1, 3000):
        deep = Node("trace.figure", depth, params={"name": "n"}, children=(deep,))
    assert sum(1 for _ in walk([deep])) == 3000
    assert explain(Traced(deep), "en").count("\n") == 2999


# --- Thai carries everything English carries ---------------------------------------------------

NUMBER = re.compile(r"\d+(?:\.\d+)?")
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
SOURCES = re.compile(r"แหล่งที่มา [^\]]*")


def _numbers(text):
    return sorted(NUMBER.findall(text))


def _check_both_languages(result):
    th, en = explain(result, "th"), explain(result, "en")
    assert "{" not in th
    assert "{" not in en
    assert _numbers(th) == _numbers(en)
    statuses = {n.rule.status for n in walk(result.trace) if n.rule is not None}
    for status in statuses:
        assert render("status." + status, "th") in th
        assert render("status." + status, "en") in en
    # Keys (problems_and_good_deeds, all_full_marks ...) never stand in for Thai words; source
    # ids are citations and may be keys.
    assert not SNAKE.findall(SOURCES.sub("", th))
    assert len(th.splitlines()) == len(en.splitlines())


SCORES = st.decimals(min_value=0, max_value=100, places=2)


@given(
    st.sampled_from(ita.RULES.years()),
    st.tuples(SCORES, SCORES, SCORES),
)
def test_ita_explanations_carry_the_same_numbers_and_statuses(year, values):
    tools = dict(zip(("IIT", "EIT", "OIT"), values, strict=True))
    _check_both_languages(ita.score(year, tools=tools))


@given(st.sampled_from(ita.RULES.years()), st.lists(SCORES, min_size=10, max_size=10))
def test_ita_indicator_explanations_agree(year, values):
    indicators = dict(enumerate(values, 1))
    _check_both_languages(ita.score(year, indicators=indicators))


@st.composite
def evidence(draw):
    rubric = draw(st.sampled_from(moral.RUBRICS.all()))
    chosen = draw(st.lists(st.sampled_from(rubric.ordered), unique=True))
    values = {a.number: measure(a, draw) for a in chosen}
    return moral.Evidence.of("unit", rubric.first_year, values), rubric


@given(evidence(), st.sampled_from(["R0", "R1", "R2", "R3"]))
def test_moral_explanations_carry_the_same_numbers_and_statuses(case, rule):
    ev, rubric = case
    if rule != "R1":
        rubric = moral.with_level_rule(rubric, rule, threshold=1, check="R1")
        ev = attrs.evolve(ev, declared_level=MoralLevel.MORAL)
    _check_both_languages(moral.assess(ev, rubric))


@given(
    st.dictionaries(st.sampled_from("abcdef"), st.integers(0, 20)),
    st.dictionaries(st.sampled_from("abcdef"), st.integers(0, 20)),
)
def test_evaluation_explanations_agree(pre, post):
    _check_both_languages(knowledge_gain(pre, post))


# --- the scoring catalogue is exactly what scoring uses ----------------------------------------

SRC = Path(moralkit_path.__file__).parent
SCORING_FILES = [
    SRC / "trace.py",
    SRC / "rules.py",
    SRC / "ita" / "score.py",
    SRC / "ita" / "many.py",
    # Not scoring, but their errors take ita.* words: a CPI or national year not held.
    SRC / "ita" / "cpi.py",
    SRC / "ita" / "national.py",
    *sorted((SRC / "moral").glob("*.py")),
    *sorted((SRC / "evaluation").glob("*.py")),
]
CODE = re.compile(r'"((?:ita|moral|evaluation|rules|trace)\.[a-z_]+(?:\.[a-z_-]+)*)"')
# Codes built from data: a level rule's name, a rubric's scale, an evidence kind, a unit.
FAMILIES = {
    "moral.level_rule.": {
        "all_full_marks",
        "all_score_a_point",
        "level_total_at_least",
        "declared_level",
    },
    "moral.scale.": {"points", "met"},
    "moral.wrong_evidence.": {kind.value for kind in moral.EvidenceKind},
    "moral.needs.": {"count", "count_no_evidence", "percent", "percent_no_evidence"},
}
PATHS = {"rules.indicators", "rules.oit_items", "rules.tools"}  # problem paths, not codes


def test_every_scoring_code_is_in_the_catalogue_and_every_one_is_used():
    ours = {}
    for area in ("trace", "ita", "moral", "evaluation", "rules"):
        text = (SRC / "catalogue" / f"{area}.json").read_text("utf-8")
        ours.update(json.loads(text))
    used = set()
    for path in SCORING_FILES:
        used |= set(CODE.findall(path.read_text("utf-8"))) - PATHS
    used |= {prefix + name for prefix, names in FAMILIES.items() for name in names}
    assert sorted(used - set(ours)) == []
    assert sorted(set(ours) - used) == []


# --- traces built when first read ------------------------------------------------------------


def _ita_result():
    return ita.score(2568, tools={"IIT": 98, "EIT": 84, "OIT": "99.5"})


def _moral_result():
    return moral.assess(moral.Evidence.of("unit", 2569, {1: (45, 50), 3: True}))


def _eager_copy(result):
    # The same result with its trace stored outright, as the loader builds it.
    return type(result)(**{a.name: getattr(result, a.name) for a in attrs.fields(type(result))})


@pytest.mark.parametrize("make", [_ita_result, _moral_result])
def test_a_deferred_trace_reads_as_a_stored_one(make):
    lazy, eager = make(), _eager_copy(make())
    assert lazy.trace == eager.trace
    assert lazy.trace
    assert lazy.trace is lazy.trace  # built once
    assert lazy == eager
    assert hash(lazy) == hash(eager)
    assert repr(lazy) == repr(eager)
    assert dump(make()) == dump(eager)
    assert to_json(make()) == to_json(eager)
    assert explain(make(), "th") == explain(eager, "th")
    assert load(type(eager), dump(make())) == eager
    assert pickle.loads(pickle.dumps(make())) == eager
    assert copy.deepcopy(make()) == eager
    assert attrs.evolve(make()) == eager
    assert attrs.asdict(make()) == attrs.asdict(eager)


@pytest.mark.parametrize("make", [_ita_result, _moral_result])
def test_a_deferred_trace_is_still_frozen(make):
    result = make()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.trace = ()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del result.trace
    assert result.trace


def test_threads_reading_a_deferred_trace_get_the_same_tuple():
    for _ in range(20):
        result = _ita_result()
        seen = []
        barrier = threading.Barrier(8)

        def read(result=result, seen=seen, barrier=barrier):
            barrier.wait()
            seen.append(result.trace)

        threads = [threading.Thread(target=read) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(seen) == 8
        assert all(trace is seen[0] for trace in seen)


def test_defer_builds_once_and_only_when_read():
    calls = []

    @deferred_trace
    @attrs.frozen
    class Scored:
        total: int
        trace: tuple[Node, ...] = ()

    def build(scored, name):
        calls.append(name)
        return (Node("trace.figure", scored.total, params={"name": name}),)

    scored = defer(Scored(3), build, "n")
    assert calls == []
    assert scored.trace[0].value == 3
    assert scored.trace[0].value == 3
    assert calls == ["n"]


def test_deferred_trace_needs_a_slotted_trace_field():
    @attrs.define(slots=False)
    class Loose:
        trace: tuple[Node, ...] = ()

    from moralkit import ValidationError  # noqa: PLC0415

    with pytest.raises(ValidationError, match="slotted attrs class") as info:
        deferred_trace(Loose)
    assert info.value.paths == ("cls",)


# --- arguments of the wrong kind -------------------------------------------------------------


def _refused(info):
    str(info.value)  # renders, whatever was passed
    return [(p.path, p.code) for p in info.value.problems]


def test_node_refuses_arguments_of_the_wrong_kind():
    from moralkit import ValidationError  # noqa: PLC0415

    with pytest.raises(ValidationError) as info:
        node(None, [1], 5, params={"a": [[1]], "b": object()}, inputs="ab", rule=1, children=[1])
    assert _refused(info) == [
        ("code", "wrong_type"),
        ("value", "wrong_type"),
        ("reason", "wrong_type"),
        ("params.a", "wrong_type"),
        ("params.b", "wrong_type"),
        ("inputs", "wrong_type"),
        ("children[0]", "wrong_type"),
        ("rule", "wrong_type"),
    ]
    deep: list[object] = []
    for _ in range(2000):
        deep = [deep]
    with pytest.raises(ValidationError) as info:
        node("trace.figure", params=deep, inputs=[10**5000])
    assert _refused(info) == [("params", "wrong_type"), ("inputs[0]", "wrong_type")]
    with pytest.raises(ValidationError) as info:
        node("trace.figure", params={"n": [10**5000]})
    assert _refused(info) == [("params.n", "wrong_type")]


def test_defer_and_deferred_trace_refuse_what_they_cannot_use():
    from moralkit import ValidationError  # noqa: PLC0415

    with pytest.raises(ValidationError) as info:
        defer(object(), None)
    assert _refused(info) == [("result", "wrong_type"), ("build", "wrong_type")]
    with pytest.raises(ValidationError) as info:
        deferred_trace(5)
    assert _refused(info) == [("cls", "wrong_type")]

    @attrs.frozen
    class NoTrace:
        total: int

    with pytest.raises(ValidationError) as info:
        deferred_trace(NoTrace)
    assert _refused(info) == [("cls", "wrong_type")]
