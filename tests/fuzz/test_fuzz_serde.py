"""The loaders under hostile input: `load`, `from_json`, and their round trips.

Seeds are the objects of the bundled sample dataset, dumped; each family plants one fault per
input (see `tests.fuzz.harness.mutants`) or feeds arbitrary JSON-like values.
"""

from __future__ import annotations

import json
import random
from typing import Any

import attrs
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
    for number in range(examples(40)):
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
    for number in range(examples(20)):
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
