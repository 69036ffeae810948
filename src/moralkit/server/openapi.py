"""The service's OpenAPI 3.1 document, built from the JSON Schemas moralkit exports.

Each class's schema (`moralkit.json_schema`) is published whole at ``GET /schemas/{name}``;
inside the OpenAPI document its ``$defs`` become entries of ``components/schemas`` and every
``$ref`` is rewritten to point there, so references resolve in any OpenAPI tool. Two classes
with one name (``ita.Result``, ``moral.Result``) get distinct component names.

>>> doc = build_document(Limits())
>>> doc["components"]["schemas"]["ita.ScoreResponse"]["properties"]["result"]
{'$ref': '#/components/schemas/ita.Result'}
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from functools import cache
from typing import Any

from moralkit.schema import json_schema
from moralkit.server._core import classes
from moralkit.server._limits import Limits

__all__ = ["SCHEMA_VERSION", "build_document", "published_schema", "schema_files"]

#: The version of the published schemas: it changes when a wire form changes.
SCHEMA_VERSION = "1"

_PROBLEM = "Problem"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version("moralkit")
    except PackageNotFoundError:
        return "0"


def published_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of the class published under ``name``, with a stable, versioned ``$id``.

    >>> published_schema("moral.Evidence")["$id"]
    'urn:moralkit:schema:moral.Evidence:1'
    """
    schema = json_schema(classes()[name])
    schema["$id"] = f"urn:moralkit:schema:{name}:{SCHEMA_VERSION}"
    return schema


def schema_files() -> dict[str, str]:
    """Every published schema as the text of its file, by file name (``<name>.schema.json``).

    The package ships these files in ``moralkit/server/schemas/`` for services in other
    languages; a test keeps them equal to what this function gives.

    >>> "moral.Evidence.schema.json" in schema_files()
    True
    """
    return {
        f"{name}.schema.json": json.dumps(published_schema(name), ensure_ascii=False, indent=2)
        + "\n"
        for name in classes()
    }


def _rewrite(node: Any, mapping: Mapping[str, str]) -> Any:
    if isinstance(node, dict):
        result = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                result[key] = mapping.get(value, value)
            else:
                result[key] = _rewrite(value, mapping)
        return result
    if isinstance(node, list):
        return [_rewrite(item, mapping) for item in node]
    return node


class _Components:
    """Gathers class schemas into ``components/schemas`` under names that do not collide."""

    def __init__(self) -> None:
        self.schemas: dict[str, Any] = {}
        self._raw: dict[str, str] = {}

    def add(self, name: str) -> str:
        """Add the class published as ``name`` with everything it refers to; its component."""
        if name in self.schemas:
            return f"#/components/schemas/{name}"
        schema = json_schema(classes()[name])
        defs: dict[str, Any] = schema.pop("$defs", {})
        schema.pop("$schema", None)
        schema.pop("$id", None)
        self._raw.setdefault(name, json.dumps(schema, sort_keys=True))
        prefix = name.rsplit(".", 1)[0] + "." if "." in name else ""
        mapping = {"#": f"#/components/schemas/{name}"}
        keys: dict[str, str] = {}
        for def_name, body in defs.items():
            if body == {"$ref": "#"}:
                keys[def_name] = name
                continue
            key = self._key(def_name, body, prefix)
            keys[def_name] = key
        for def_name, key in keys.items():
            mapping[f"#/$defs/{def_name}"] = f"#/components/schemas/{key}"
        for def_name, key in keys.items():
            if key not in self.schemas and key != name:
                self.schemas[key] = _rewrite(defs[def_name], mapping)
        self.schemas[name] = _rewrite(schema, mapping)
        return f"#/components/schemas/{name}"

    def _key(self, def_name: str, body: Any, prefix: str) -> str:
        # Prefer the name the class is published under, so a class is one component. The
        # library keys definitions by qualified name (``moralkit.moral.evidence.Evidence``).
        text = json.dumps(body, sort_keys=True)
        known = classes()
        published = {f"{c.__module__}.{c.__qualname__}": n for n, c in known.items()}
        short = def_name.rsplit(".", 1)[-1]
        candidates = [published[def_name]] if def_name in published else []
        candidates += [n for n in (prefix + short, short) if n in known]
        candidates += [short, def_name]
        candidates += [f"{short}{index}" for index in range(2, 100)]
        for key in candidates:
            if key not in self._raw:
                self._raw[key] = text
                return key
            if self._raw[key] == text:
                return key
        raise ValueError(f"too many schemas named {def_name}")  # pragma: no cover


def _ref(target: str) -> dict[str, str]:
    return {"$ref": target}


def _problem_schema() -> dict[str, Any]:
    return {
        "title": "Problem details (RFC 9457)",
        "type": "object",
        "required": ["type", "title", "status"],
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "detail": {"type": "string"},
            "instance": {"type": "string"},
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["path", "code", "message"],
                    "properties": {
                        "path": {"type": "string"},
                        "code": {"type": "string"},
                        "message": {"type": "string"},
                    },
                },
            },
        },
    }


def _problems(*statuses: int) -> dict[str, Any]:
    words = {
        400: "Malformed JSON, a body nested too deeply, or bad query parameters",
        404: "No such class, assessment or rules",
        405: "Method not allowed",
        413: "The body is over the size limit",
        415: "A body of a type this operation does not read",
        422: "The data is invalid: every problem with its path",
    }
    return {
        str(status): {
            "description": words[status],
            "content": {
                "application/problem+json": {"schema": _ref(f"#/components/schemas/{_PROBLEM}")}
            },
        }
        for status in statuses
    }


def _json_body(schema: dict[str, Any], example: object = None) -> dict[str, Any]:
    media: dict[str, Any] = {"schema": schema}
    if example is not None:
        media["examples"] = {"example": {"value": example}}
    return {"required": True, "content": {"application/json": media}}


#: Worked examples, shown in the docs page and tried first by API fuzzers.
SCORE_EXAMPLE = {"fiscal_year": 2568, "tools": {"IIT": "98", "EIT": "84", "OIT": "99.5"}}
TABLE_EXAMPLE = {
    "fiscal_year": 2567,
    "rows": [
        {"agency": "a", "tools": {"IIT": "90", "EIT": "88", "OIT": "95"}},
        {"agency": "b", "tools": {"IIT": "80", "EIT": "75", "OIT": "60"}},
    ],
}
EVIDENCE_EXAMPLE = {
    "organization": "unit",
    "fiscal_year": 2569,
    "activities": [{"number": 1, "part": 45, "whole": 50}, {"number": 3, "done": True}],
}


def _ok(schema: dict[str, Any], media: str = "application/json") -> dict[str, Any]:
    return {"200": {"description": "OK", "content": {media: {"schema": schema}}}}


_EXPLAIN = {
    "name": "explain",
    "in": "query",
    "required": False,
    "description": "Add the explanation, rendered in Thai (th) or English (en).",
    "schema": {"type": "string", "enum": ["th", "en"]},
}
_LANGUAGE = {
    "name": "Accept-Language",
    "in": "header",
    "required": False,
    "description": "Language of error messages: Thai (th) or English (en, the default).",
    "schema": {"type": "string"},
}


@cache
def _document(limits: Limits) -> str:
    parts = _Components()
    ita_result = parts.add("ita.Result")
    moral_result = parts.add("moral.Result")
    score_input = parts.add("service.ItaScoreInput")
    table_input = parts.add("service.ItaTableInput")
    scored_row = parts.add("service.ScoredRow")
    report = parts.add("service.ValidationReport")
    evidence = parts.add("moral.Evidence")
    ita_rules = parts.add("ita.ItaRules")
    rubric = parts.add("moral.Rubric")
    schemas = parts.schemas
    schemas[_PROBLEM] = _problem_schema()
    table = copy.deepcopy(schemas["service.ItaTableInput"])
    table["properties"]["rows"]["maxItems"] = limits.max_rows
    schemas["service.ItaTableInput"] = table
    for name, result in (("ita", ita_result), ("moral", moral_result)):
        schemas[f"{name}.ScoreResponse"] = {
            "type": "object",
            "required": ["result"],
            "properties": {"result": _ref(result), "explanation": {"type": "string"}},
            "additionalProperties": False,
        }
    # A scored row, then the row's group columns as given (null where a row has none).
    table_row = copy.deepcopy(schemas[scored_row.rsplit("/", 1)[1]])
    table_row["additionalProperties"] = {"type": ["string", "null"]}
    table_row["description"] = (
        "One scored agency: the columns of `ita.score_table`, then the group columns as given "
        "(null where a row has none)."
    )
    schemas["service.ScoreTableRow"] = table_row
    schemas["service.ScoreTableResponse"] = {
        "type": "object",
        "required": ["fiscal_year", "rows"],
        "properties": {
            "fiscal_year": {"type": "integer"},
            "rows": {"type": "array", "items": _ref("#/components/schemas/service.ScoreTableRow")},
        },
        "additionalProperties": False,
    }
    names = sorted(classes())
    class_param = {
        "name": "name",
        "in": "path",
        "required": True,
        "description": "A class name, as `GET /schemas` lists them.",
        "schema": {"type": "string"},
        "examples": {"evidence": {"value": "moral.Evidence"}},
    }
    upload = {
        "type": "object",
        "required": ["file"],
        "properties": {"file": {"type": "string", "contentMediaType": "text/csv"}},
    }
    fiscal_query = {
        "name": "fiscal_year",
        "in": "query",
        "required": False,
        "description": "The fiscal year of a CSV or parquet upload (Buddhist Era).",
        "schema": {"type": "integer", "minimum": 2400, "maximum": 10542},
    }
    paths: dict[str, Any] = {
        "/ita/score": {
            "post": {
                "operationId": "itaScore",
                "summary": "Score one agency's ITA",
                "description": "The input takes the shape of `moralkit.ita.score`'s arguments.",
                "parameters": [_EXPLAIN, _LANGUAGE],
                "requestBody": _json_body(_ref(score_input), SCORE_EXAMPLE),
                "responses": {
                    **_ok(_ref("#/components/schemas/ita.ScoreResponse")),
                    **_problems(400, 413, 415, 422),
                },
            }
        },
        "/ita/score-table": {
            "post": {
                "operationId": "itaScoreTable",
                "summary": "Score many agencies: JSON rows, or a CSV or parquet upload",
                "description": (
                    f"Up to {limits.max_rows} rows. Send JSON, or a table as `text/csv`, "
                    "`application/vnd.apache.parquet` or a multipart `file` field, with "
                    "`?fiscal_year=`. Columns: `agency`, `IIT`/`EIT`/`OIT` or `1`..`10`; "
                    "any other column is a group, passed through to the answer's rows (in "
                    "JSON, the `groups` of a row; a group may not be named like an answer column)."
                ),
                "parameters": [fiscal_query, _LANGUAGE],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": _ref(table_input),
                            "examples": {"example": {"value": TABLE_EXAMPLE}},
                        },
                        "text/csv": {"schema": {"type": "string"}},
                        "application/vnd.apache.parquet": {
                            "schema": {
                                "type": "string",
                                "contentMediaType": "application/octet-stream",
                            }
                        },
                        "multipart/form-data": {"schema": upload},
                    },
                },
                "responses": {
                    **_ok(_ref("#/components/schemas/service.ScoreTableResponse")),
                    **_problems(400, 413, 415, 422),
                },
            }
        },
        "/moral/assess": {
            "post": {
                "operationId": "moralAssess",
                "summary": "Assess an organization's evidence on the moral-organization ladder",
                "parameters": [_EXPLAIN, _LANGUAGE],
                "requestBody": _json_body(_ref(evidence), EVIDENCE_EXAMPLE),
                "responses": {
                    **_ok(_ref("#/components/schemas/moral.ScoreResponse")),
                    **_problems(400, 413, 415, 422),
                },
            }
        },
        "/validate/{name}": {
            "post": {
                "operationId": "validate",
                "summary": "Check a JSON value against a class: every problem with its path",
                "description": "Answers 200 with `valid: false` and the problems when invalid.",
                "parameters": [class_param, _LANGUAGE],
                "requestBody": _json_body({}),
                "responses": {**_ok(_ref(report)), **_problems(400, 404, 413, 415)},
            }
        },
        "/schemas": {
            "get": {
                "operationId": "listSchemas",
                "summary": "The names and ids of the published schemas",
                "responses": _ok({"type": "object", "additionalProperties": {"type": "string"}}),
            }
        },
        "/schemas/{name}": {
            "get": {
                "operationId": "getSchema",
                "summary": "A class's JSON Schema (draft 2020-12), as published",
                "parameters": [class_param, _LANGUAGE],
                "responses": {
                    **_ok({"type": "object"}, "application/schema+json"),
                    **_problems(404),
                },
            }
        },
        "/rules/{assessment}/{fiscal_year}": {
            "get": {
                "operationId": "getRules",
                "summary": "The rule file in force for a fiscal year, with statuses and sources",
                "parameters": [
                    {
                        "name": "assessment",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "enum": ["ita", "moral"]},
                    },
                    {
                        "name": "fiscal_year",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer"},
                    },
                    _LANGUAGE,
                ],
                "responses": {
                    **_ok({"oneOf": [_ref(ita_rules), _ref(rubric)]}),
                    **_problems(404),
                },
            }
        },
        "/health": {
            "get": {
                "operationId": "health",
                "summary": "Whether the service is up, and its version",
                "responses": _ok(
                    {
                        "type": "object",
                        "required": ["status", "version"],
                        "properties": {"status": {"const": "ok"}, "version": {"type": "string"}},
                    }
                ),
            }
        },
    }
    document = {
        "openapi": "3.1.0",
        "info": {
            "title": "moralkit",
            "version": _version(),
            "summary": "Thailand's moral-organization assessment and ITA rules, as a service.",
            "description": (
                "Responses are moralkit's own dumps (decimals as strings, dates as ISO "
                "strings). Errors are RFC 9457 problem details with `errors: [{path, code, "
                f"message}}]`. Schemas: {len(names)} classes under `/schemas/{{name}}`."
            ),
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "paths": paths,
        "components": {"schemas": dict(sorted(schemas.items()))},
    }
    return json.dumps(document, ensure_ascii=False)


def build_document(limits: Limits) -> dict[str, Any]:
    """The OpenAPI 3.1 document of the service with these limits (a new dict each call)."""
    result: dict[str, Any] = json.loads(_document(limits))
    return result
