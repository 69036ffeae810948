"""Schemathesis against the live service on loopback: no 5xx, every response as documented.

``make test`` runs a few examples per operation; ``make fuzz-api`` (part of ``make fuzz``)
runs ``MORALKIT_API_FUZZ_EXAMPLES`` (default there: 400) and prints a tally per operation.
"""

import os
from collections import Counter

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from moralkit.server import openapi_document  # noqa: E402
from tests.server.live import live_server  # noqa: E402

EXAMPLES = int(os.environ.get("MORALKIT_API_FUZZ_EXAMPLES", "8"))
TALLY: Counter[tuple[str, str]] = Counter()


@pytest.fixture(scope="module")
def base_url():
    with live_server() as base:
        yield base


def tally_table() -> str:
    operations = sorted({operation for operation, _ in TALLY})
    kinds = ("tried", "5xx", "4xx", "2xx", "nonconforming")
    lines = [f"{'operation':34} " + " ".join(f"{k:>13}" for k in kinds)]
    for operation in [*operations, "all"]:
        if operation == "all":
            counts = [sum(TALLY[o, kind] for o in operations) for kind in kinds]
        else:
            counts = [TALLY[operation, kind] for kind in kinds]
        lines.append(f"{operation:34} " + " ".join(f"{c:>13}" for c in counts))
    return "\n".join(lines)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
OPERATIONS = [
    result.ok()
    for result in schemathesis.openapi.from_dict(openapi_document()).get_all_operations()
]


# Operations whose inputs have constraints to break; the others accept anything.
NEGATIVE = {
    "POST /ita/score",
    "POST /ita/score-table",
    "POST /moral/assess",
    "GET /rules/{assessment}/{fiscal_year}",
}
CASES = [
    pytest.param(operation, mode, id=f"{operation.label} {mode.value}")
    for operation in OPERATIONS
    for mode in GenerationMode
    if mode is GenerationMode.POSITIVE or operation.label in NEGATIVE
]


@pytest.mark.parametrize(("operation", "mode"), CASES)
def test_every_response_is_documented_and_none_is_a_server_error(base_url, operation, mode):
    label = operation.label

    @given(case=operation.as_strategy(mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=EXAMPLES <= 10,
        database=None,
    )
    def check(case):
        response = case.call(base_url=base_url, timeout=30)
        TALLY[label, "tried"] += 1
        TALLY[label, f"{response.status_code // 100}xx"] += 1
        try:
            case.validate_response(response, checks=CHECKS)
        except Exception:
            TALLY[label, "nonconforming"] += 1
            raise

    try:
        check()
    except Unsatisfiable:
        pytest.skip(f"no {mode.value} input exists for {label}: its schema accepts anything")


def test_print_the_tally():
    # Runs after the fuzz cases (pytest keeps file order): the table ``make fuzz`` shows.
    if TALLY:
        print("\nAPI fuzz tally (schemathesis, live on 127.0.0.1):\n" + tally_table())
    assert sum(TALLY[o, "5xx"] for o, _ in list(TALLY)) == 0
