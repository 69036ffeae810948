"""Loader outcomes as text, for the determinism test (importable by spawned processes)."""

from __future__ import annotations

import json
import random

from moralkit import samples
from moralkit.errors import ValidationError
from moralkit.serde import dump, from_json, load
from tests.fuzz.harness import mutants


def inputs(seed: int, count: int) -> list[tuple[str, object]]:
    """``count`` mutated dumps of the sample organizations, people and awards."""
    data = samples.load()
    seeds = [(type(o).__name__, dump(o)) for o in (*data.organizations, *data.people)]
    rng = random.Random(seed)
    found: list[tuple[str, object]] = []
    while len(found) < count:
        name, document = seeds[len(found) % len(seeds)]
        found.extend((name, m.document) for m in mutants(document, rng, 1))
    return found


def outcome(item: tuple[str, object]) -> str:
    """What `load` and `from_json` make of one input: the value, or every problem."""
    name, document = item
    cls = getattr(__import__("moralkit.model", fromlist=[name]), name)
    parts = []
    for attempt in ("load", "from_json"):
        try:
            if attempt == "load":
                parts.append(repr(load(cls, document)))
            else:
                text = json.dumps(document, ensure_ascii=False)
                parts.append(repr(from_json(cls, text)))
        except ValidationError as exc:
            parts.append(str(exc))
        except (ValueError, RecursionError):  # json cannot write the input: nothing to compare
            parts.append("unwritable")
    return "\n".join(parts)


def outcomes(seed: int, count: int) -> list[str]:
    """The outcome of every input, in order."""
    return [outcome(item) for item in inputs(seed, count)]
