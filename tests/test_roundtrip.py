"""Round trips for every public class, with objects built by moralkit.testing."""

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import moralkit.model as model
from moralkit import dump, from_json, load, to_json
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
