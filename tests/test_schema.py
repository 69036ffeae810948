import json
import os
import random

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from jsonschema import Draft202012Validator

import moralkit.model as model
from moralkit import ValidationError, dump, json_schema, samples
from moralkit._fields import text_problem
from moralkit.ita.many import ItaRecord
from moralkit.schema import CROSS_FIELD_CODES, TEXT_FORMAT
from moralkit.schema import validator as schema_validator
from moralkit.serde import load
from moralkit.server._core import classes as published_classes
from moralkit.server.openapi import published_schema
from moralkit.testing import strategy
from tests.fuzz.harness import mutants

CLASSES = [obj for name in model.__all__ if attrs.has(obj := getattr(model, name))]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_schemas_are_valid_draft_2020_12(cls):
    schema = json_schema(cls)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False


def test_every_sample_validates_against_the_schema():
    validator = schema_validator(model.Dataset)
    payload = dump(samples.load())
    errors = list(validator.iter_errors(payload))
    assert errors == []
    for seed_id in samples.SEED_IDS:
        assert list(validator.iter_errors(dump(samples.load_seed(seed_id)))) == []


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@settings(max_examples=15)
@given(data=st.data())
def test_generated_objects_validate(cls, data):
    validator = schema_validator(cls)
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
    validator = schema_validator(model.Event)
    assert validator.is_valid(GOOD)
    assert not validator.is_valid(payload)


def test_schema_is_a_fresh_copy():
    first = json_schema(model.Event)
    first["title"] = "changed"
    assert json_schema(model.Event)["title"] == "Event"


@pytest.mark.parametrize("cls", [dict, None, "Venue", pytest.param(10**5000, id="huge")])
def test_schema_refuses_non_attrs(cls):
    for function in (json_schema, schema_validator):
        with pytest.raises(ValidationError) as info:
            function(cls)
        assert [(p.path, p.code) for p in info.value.problems] == [("cls", "wrong_type")]
        assert "cls: expected a data class" in str(info.value)


def test_definitions_are_keyed_by_qualified_name():
    defs = json_schema(model.Event)["$defs"]
    assert "moralkit.model.events.Venue" in defs
    assert all(key.startswith("moralkit.") for key in defs)


def test_every_public_attrs_class_has_a_schema():
    import moralkit.ita.many as many  # noqa: PLC0415

    for cls in [*CLASSES, ItaRecord, many.ScoredAgency]:
        Draft202012Validator.check_schema(json_schema(cls))


# --- the schema agrees with the loader ---------------------------------------------------------


def _old_many_protocol():
    """hypothesis-jsonschema 0.23 drives ``many`` by ``more()``, which Hypothesis since dropped
    for iteration; this gives ``many`` the old method on top of the new protocol."""
    from hypothesis.internal.conjecture import utils  # noqa: PLC0415

    if hasattr(utils.many, "more"):
        return

    def more(self):
        if getattr(self, "_compat_iterator", None) is None:
            self.__enter__()
            self._compat_iterator = iter(self)
        try:
            next(self._compat_iterator)
        except StopIteration:
            self.__exit__(None)
            return False
        return True

    utils.many.more = more


_old_many_protocol()


def _loader_accepts(cls, payload):
    try:
        load(cls, payload)
    except ValidationError as exc:
        if {p.code for p in exc.problems} <= CROSS_FIELD_CODES:
            return None  # a rule the schema cannot state: no verdict
        return False
    return True


def _for_generation(schema, depth=2):
    """The published schema in the dialect hypothesis-jsonschema reads (draft 7), unchanged in
    meaning except that recursive references stop after ``depth`` levels.

    - ``$id`` goes: hypothesis-jsonschema resolves ``#/$defs/...`` against it and cannot fetch
      a ``urn:``;
    - ``prefixItems`` + ``items: false`` (a fixed-length list) becomes ``items: [...]`` +
      ``additionalItems: false``;
    - every ``$ref`` is inlined; one met again ``depth`` times inside itself becomes ``false``,
      which only an empty list of children can satisfy (trace nodes nest without end);
    - open-ended lists hold at most two items, so that a whole rule file fits in one example.

    Each change narrows what is generated, never widens it: every payload still conforms to
    the published schema (the test checks that too).
    """
    defs = schema.get("$defs", {})

    def walk(node, seen):
        if isinstance(node, list):
            return [walk(item, seen) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            name = node["$ref"].removeprefix("#/$defs/")
            if seen.count(name) >= depth:
                return False
            return walk(defs[name], [*seen, name])
        out = {k: walk(v, seen) for k, v in node.items() if k not in ("$id", "$defs", "$schema")}
        if "prefixItems" in out:
            out["items"] = out.pop("prefixItems")
            out["additionalItems"] = False
        elif out.get("type") == "array" and "maxItems" not in out:
            out["maxItems"] = max(out.get("minItems", 0), 2)
        return out

    return walk(schema, [])


# Text in the moralkit format: any text the policy accepts, and often an id-shaped word, so that
# fields whose pattern asks for an id (lowercase, digits, separators) are reachable.
_TEXT = st.one_of(
    st.text(max_size=12).filter(lambda t: text_problem(t) is None),
    st.from_regex(r"[a-z0-9]{1,6}(?:[-_.][a-z0-9]{1,4})?", fullmatch=True),
)
_GENERATED = int(os.environ.get("MORALKIT_SCHEMA_EXAMPLES", "3"))


@pytest.mark.parametrize("name", sorted(published_classes()))
@settings(max_examples=_GENERATED, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_payloads_generated_from_each_published_schema_load(name, data):
    schema = _for_generation(published_schema(name))
    payload = data.draw(from_schema(schema, custom_formats={TEXT_FORMAT: _TEXT}))
    assert schema_validator(published_classes()[name]).is_valid(payload), payload
    assert _loader_accepts(published_classes()[name], payload) in (True, None), payload


def test_mutated_dumps_are_judged_alike():
    rng = random.Random(4)
    judged = 0
    for name, item in samples.load().items():
        cls = type(item)
        validator = schema_validator(cls)
        for mutant in mutants(dump(item), rng, 3):
            loader = _loader_accepts(cls, mutant.document)
            if loader is None or _too_deep(mutant.document):
                continue
            assert validator.is_valid(mutant.document) == loader, (
                name,
                mutant.how,
                mutant.fault_at,
            )
            judged += 1
    assert judged > 100


def _too_deep(document):
    # jsonschema recurses: the deep-list mutant is the loader's business alone.
    try:
        json.dumps(document)
    except (RecursionError, ValueError):
        return True
    return False


def test_a_fiscal_year_travels_as_its_be_year():
    from moralkit.thai.calendar import FiscalYear  # noqa: PLC0415

    validator = schema_validator(FiscalYear)
    assert validator.is_valid(2568)
    assert not validator.is_valid({"be": 2568})
    assert load(FiscalYear, 2568) == FiscalYear(2568)
    assert dump(FiscalYear(2568)) == 2568
