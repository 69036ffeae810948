"""Round trips for every public class, with objects built by moralkit.testing."""

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import moralkit.model as model
from moralkit import dump, from_json, load, to_json
from moralkit._decimal import MAX_MAGNITUDE
from moralkit._fields import CONSTRAINT_KEY, ITEM_CONSTRAINT_KEY
from moralkit.serde import _build_converter, _Problems
from moralkit.testing import strategy
from moralkit.thai import DateRange

CLASSES = sorted(
    (obj for name in model.__all__ if attrs.has(obj := getattr(model, name))),
    key=lambda cls: cls.__name__,
)


def test_every_model_class_is_covered():
    names = {cls.__name__ for cls in CLASSES}
    assert {
        "Dataset",
        "Event",
        "ActionPlan",
        "DeclarationOfIntent",
        "Award",
        "Organization",
    } <= names
    assert len(CLASSES) >= 30


@pytest.mark.parametrize("cls", [*CLASSES, DateRange], ids=lambda c: c.__name__)
@settings(max_examples=25)
@given(data=st.data())
def test_dump_then_load_gives_an_equal_object(cls, data):
    obj = data.draw(strategy(cls))
    assert load(cls, dump(obj)) == obj
    assert from_json(cls, to_json(obj)) == obj


@given(strategy(model.Event))
def test_events_survive_json_with_thai_text(event):
    text = to_json(event)
    assert "\\u0e" not in text
    assert from_json(model.Event, text) == event


def test_strategy_refuses_non_attrs():
    with pytest.raises(TypeError):
        strategy(int)


# The loader's optimistic pass (fast, builds what it is sure of) against its checked pass.
CHECKED, _ = _build_converter(optimistic=False)
OPTIMISTIC, FACTORIES = _build_converter()
EDGES = (None, "", " ", "\t", "a\tb", "a\x00", "\u200b", "ก", True, 0, -1, 1.0, [], {}, ["a", ""])


def _edges(field: attrs.Attribute) -> list[object]:
    edges: list[object] = [*EDGES, MAX_MAGNITUDE - 1, MAX_MAGNITUDE, 1 - MAX_MAGNITUDE]
    rule = field.metadata.get(CONSTRAINT_KEY) or field.metadata.get(ITEM_CONSTRAINT_KEY)
    if rule is not None and rule.minimum is not None:
        edges += [rule.minimum - 1, rule.minimum, str(rule.minimum - 1)]
    if rule is not None and rule.maximum is not None:
        edges += [rule.maximum, rule.maximum + 1, str(rule.maximum + 1)]
    return edges + [[edge] for edge in edges if edge is not None]


def _outcome(conv, cls, data):
    try:
        value = conv.structure(data, cls)
    except _Problems as exc:
        return "refused", exc.problems
    return "built", value, repr(value)


@pytest.mark.parametrize("cls", [*CLASSES, DateRange], ids=lambda c: c.__name__)
@settings(max_examples=2, deadline=None)
@given(data=st.data())
def test_optimistic_pass_builds_alone_and_agrees_at_the_edges(cls, data):
    obj = data.draw(strategy(cls))
    document = dump(obj)
    assert FACTORIES.fast_pass(cls)(document) == obj  # no fallback for valid data
    for field in attrs.fields(cls):
        for edge in _edges(field):
            changed = dict(document, **{field.name: edge})
            assert _outcome(OPTIMISTIC, cls, changed) == _outcome(CHECKED, cls, changed)
