"""The loaders under hostile input: `load`, `from_json`, and their round trips.

Seeds are the objects of the bundled sample dataset, dumped; each family plants one fault per
input (see `tests.fuzz.harness.mutants`) or feeds arbitrary JSON-like values.
"""

from __future__ import annotations

import json
import random
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from moralkit import samples
from moralkit.model import Dataset
from moralkit.serde import dump, from_json, load, to_json
from tests.fuzz.harness import examples, family, fuzz_settings, mutants


def _seeds() -> list[tuple[type[Any], object]]:
    data = samples.load()
    seeds: list[tuple[type[Any], object]] = []
    for name, item in data.items():
        if name != "documents":
            seeds.append((type(item), dump(item)))
    return seeds


SEEDS = _seeds()
CLASSES = sorted({cls for cls, _ in SEEDS} | {Dataset}, key=lambda c: c.__qualname__)


def _roundtrip(cls: type[Any]) -> Any:
    def back(value: Any) -> Any:
        again = load(cls, dump(value))
        if again != value:
            return again
        return from_json(cls, to_json(value))

    return back


def test_load_mutated_documents() -> None:
    fam = family("serde.load (mutated dumps)")
    rng = random.Random(9)
    for number in range(examples(60)):
        cls, document = SEEDS[number % len(SEEDS)]
        for mutant in mutants(document, rng, 1):
            fam.check(
                lambda cls=cls, doc=mutant.document: load(cls, doc),
                data=mutant.document,
                must_refuse=mutant.must_refuse,
                fault_at=mutant.fault_at,
                roundtrip=_roundtrip(cls),
            )
    fam.assert_clean()


def test_from_json_mutated_documents() -> None:
    fam = family("serde.from_json (mutated dumps)")
    rng = random.Random(10)
    for number in range(examples(45)):
        cls, document = SEEDS[number % len(SEEDS)]
        for mutant in mutants(document, rng, 1):
            try:
                text = json.dumps(mutant.document, ensure_ascii=False)
            except (ValueError, RecursionError):
                continue  # json cannot write it (a huge int, a deep list); load covers those
            fam.check(
                lambda cls=cls, text=text: from_json(cls, text),
                data=text,
                resolve_in=mutant.document,
                must_refuse=mutant.must_refuse,
                fault_at=mutant.fault_at,
                roundtrip=_roundtrip(cls),
            )
    fam.assert_clean()


JSONISH = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.decimals()
    | st.text(max_size=20)
    | st.dates().map(str),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from([f.name for c in CLASSES for f in attrs.fields(c)])
            | st.text(max_size=5),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@fuzz_settings()
@given(cls=st.sampled_from(CLASSES), data=JSONISH)
def test_load_arbitrary_values(cls: type[Any], data: object) -> None:
    family("serde.load (arbitrary values)").check(
        lambda: load(cls, data), data=data, roundtrip=_roundtrip(cls), raise_on_failure=True
    )


@fuzz_settings()
@given(cls=st.sampled_from(CLASSES), text=st.text(max_size=60) | st.binary(max_size=60))
def test_from_json_arbitrary_text(cls: type[Any], text: str | bytes) -> None:
    family("serde.from_json (arbitrary text)").check(
        lambda: from_json(cls, text), data=text, resolve_in=None, raise_on_failure=True
    )


# --- targeted values of the input policy ---------------------------------------------------------

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")

#: (value, field of Venue it goes into, refused?) : numbers, text and dates at the policy's edges.
POLICY_CASES = [
    (np.int64(120), "capacity", False),
    (np.float64(120.0), "capacity", True),
    (np.bool_(True), "capacity", True),
    (pd.NA, "capacity", False),
    (10**5000, "capacity", True),
    (-(10**15), "capacity", True),
    (10**15 - 1, "capacity", False),
    (float("nan"), "capacity", True),
    (True, "capacity", True),
    ("\u200b", "name_th", True),
    ("\ufeff", "name_th", True),
    ("\u0e31", "name_th", True),
    ("a\x00", "name_th", True),
    ("a\ud800", "name_th", True),
    ("ห้อง\n2", "name_th", False),
    (np.str_("ห้อง"), "name_th", False),
]


@pytest.mark.parametrize(
    ("value", "field", "refused"), POLICY_CASES, ids=[f"case{n}" for n in range(len(POLICY_CASES))]
)
def test_policy_values(value, field, refused):
    from moralkit.model import Venue  # noqa: PLC0415

    data = {field: value}
    outcome = family("serde.load (policy values)").check(
        lambda: load(Venue, data),
        data=data,
        must_refuse=refused,
        fault_at=field,
        roundtrip=_roundtrip(Venue),
        raise_on_failure=True,
    )
    assert (outcome.error is not None) == refused


DECIMAL_EDGES = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from(["1E+999999999", "-1E+999999999", "1E-999999999", "0E+5", "1e3"]).map(
        lambda t: __import__("decimal").Decimal(t)
    ),
    st.floats(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.from_regex(r"\A-?[0-9]{1,20}(\.[0-9]{1,15})?\Z"),
)


@fuzz_settings(2.0)
@given(value=DECIMAL_EDGES)
def test_decimal_edges(value):
    from moralkit.model import Figure  # noqa: PLC0415

    data = {"label_th": "ก", "value": value}
    family("serde.load (decimal edges)").check(
        lambda: load(Figure, data),
        data=data,
        must_refuse=isinstance(value, float),
        roundtrip=_roundtrip(Figure),
        raise_on_failure=True,
    )


DATES = st.dates().map(lambda d: d.isoformat()) | st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


@fuzz_settings()
@given(text=DATES)
def test_iso_dates(text):
    from moralkit.model import SourceDocument  # noqa: PLC0415

    data = {"id": "d", "title_th": "ก", "published_on": text}
    family("serde.load (ISO dates)").check(
        lambda: load(SourceDocument, data),
        data=data,
        must_refuse=text[:4] >= "2400",
        fault_at="published_on",
        roundtrip=_roundtrip(SourceDocument),
        raise_on_failure=True,
    )
