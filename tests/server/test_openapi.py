"""The OpenAPI document: valid 3.1, references that resolve, built from the published schemas."""

import json
from importlib import resources

import pytest
from jsonschema import Draft202012Validator

from moralkit import dump, ita, json_schema, moral
from moralkit.server import Limits, openapi_document
from moralkit.server._core import ItaScoreInput, classes
from moralkit.server.openapi import (
    EVIDENCE_EXAMPLE,
    SCORE_EXAMPLE,
    TABLE_EXAMPLE,
    published_schema,
    schema_files,
)

DOCUMENT = openapi_document()


def refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from refs(item)


def validator_for(component: str) -> Draft202012Validator:
    # The document itself is the root the component references resolve against.
    root = {"$ref": f"#/components/schemas/{component}", "components": DOCUMENT["components"]}
    return Draft202012Validator(root)


def test_the_document_is_valid_openapi_3_1():
    validate = pytest.importorskip("openapi_spec_validator").validate
    validate(DOCUMENT)
    assert DOCUMENT["openapi"] == "3.1.0"


def test_every_reference_resolves_inside_the_document():
    found = list(refs(DOCUMENT))
    assert found
    schemas = DOCUMENT["components"]["schemas"]
    for ref in found:
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.removeprefix("#/components/schemas/") in schemas, ref


def test_components_are_valid_json_schemas():
    for schema in DOCUMENT["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_components_are_the_library_schemas():
    # The same schema, only with its references pointing into the document.
    evidence = json_schema(moral.Evidence)
    component = DOCUMENT["components"]["schemas"]["moral.Evidence"]
    assert component["properties"].keys() == evidence["properties"].keys()
    assert component["required"] == evidence["required"]


def test_examples_and_real_dumps_validate():
    validator_for("service.ItaScoreInput").validate(SCORE_EXAMPLE)
    validator_for("service.ItaTableInput").validate(TABLE_EXAMPLE)
    validator_for("moral.Evidence").validate(EVIDENCE_EXAMPLE)
    result = ita.score(2568, tools=SCORE_EXAMPLE["tools"])
    validator_for("ita.ScoreResponse").validate({"result": json.loads(json.dumps(dump(result)))})
    assessed = moral.assess(moral.Evidence.of("u", 2569, {1: (45, 50), 3: True}))
    validator_for("moral.Result").validate(json.loads(json.dumps(dump(assessed))))
    rules = json.loads(json.dumps(dump(ita.RULES.for_year(2567))))
    validator_for("ita.ItaRules").validate(rules)


def test_the_row_limit_is_in_the_document():
    document = openapi_document(Limits(max_rows=7))
    table = document["components"]["schemas"]["service.ItaTableInput"]
    assert table["properties"]["rows"]["maxItems"] == 7


@pytest.mark.parametrize("name", sorted(classes()))
def test_every_published_schema_has_a_stable_versioned_id(name):
    schema = published_schema(name)
    assert schema["$id"] == f"urn:moralkit:schema:{name}:1"
    Draft202012Validator.check_schema(schema)


def test_published_schema_accepts_what_the_loader_accepts():
    schema = published_schema("service.ItaScoreInput")
    Draft202012Validator(schema).validate(SCORE_EXAMPLE)
    assert ItaScoreInput.__name__ in schema["title"]


def test_the_packaged_schema_files_are_current():
    # Regenerate with `make schemas` after a class changes its wire form.
    folder = resources.files("moralkit.server") / "schemas"
    shipped = {
        entry.name: entry.read_text("utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".schema.json")
    }
    expected = schema_files()
    assert sorted(shipped) == sorted(expected)
    stale = [name for name, text in expected.items() if shipped[name] != text]
    assert stale == []
