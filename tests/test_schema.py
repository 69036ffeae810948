import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import moralkit.model as model
from moralkit import dump, json_schema, samples
from moralkit.testing import strategy

CLASSES = [obj for name in model.__all__ if attrs.has(obj := getattr(model, name))]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_schemas_are_valid_draft_2020_12(cls):
    schema = json_schema(cls)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False


def test_every_sample_validates_against_the_schema():
    validator = Draft202012Validator(
        json_schema(model.Dataset), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    payload = dump(samples.load())
    errors = list(validator.iter_errors(payload))
    assert errors == []
    for seed_id in samples.SEED_IDS:
        assert list(validator.iter_errors(dump(samples.load_seed(seed_id)))) == []


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@settings(max_examples=15)
@given(data=st.data())
def test_generated_objects_validate(cls, data):
    validator = Draft202012Validator(json_schema(cls))
    assert list(validator.iter_errors(dump(data.draw(strategy(cls))))) == []


GOOD = {"id": "e", "kind": "seminar", "title_th": "สัมมนา"}
WRONG = [
    GOOD | {"budget": 1500.5},
    GOOD | {"budget": "-1"},
    GOOD | {"budget": "๑๕๐๐"},
    GOOD | {"kind": "party"},
    GOOD | {"id": "Bad Id"},
    GOOD | {"title_th": "  "},
    GOOD | {"colour": "red"},
    GOOD | {"participants": "70"},
    GOOD | {"dates": {"start": "25/06/2562", "end": "2019-06-26"}},
    GOOD | {"venue": {"province": "TH-99"}},
    GOOD | {"fiscal_year_stated": 2019},
    GOOD | {"organizers": "ocsc"},
    {"kind": "seminar", "title_th": "สัมมนา"},
]


@pytest.mark.parametrize("payload", WRONG)
def test_obviously_wrong_payloads_fail(payload):
    validator = Draft202012Validator(json_schema(model.Event))
    assert validator.is_valid(GOOD)
    assert not validator.is_valid(payload)


def test_schema_is_a_fresh_copy():
    first = json_schema(model.Event)
    first["title"] = "changed"
    assert json_schema(model.Event)["title"] == "Event"


def test_schema_refuses_non_attrs():
    with pytest.raises(TypeError):
        json_schema(dict)
