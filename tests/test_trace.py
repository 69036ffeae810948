"""Trace nodes serialize through the one converter; explain renders them in both languages."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moralkit import dump, explain, from_json, load, to_json
from moralkit.messages import render
from moralkit.trace import Node, RuleValue, node, walk

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
