"""The bundled sample dataset: the five source documents as data.

Everything the five seed documents state (organizations, people, areas, plans, declarations,
events, awards and figures) as one `moralkit.model.Dataset`, with each object citing the seed
it came from in ``sources`` (``seed-000`` ... ``seed-004``). What a seed does not say is left
empty: nothing is invented.

>>> from moralkit import samples
>>> data = samples.load()
>>> len(data.documents)
5
>>> [a.name_th for a in data.from_source("seed-003").awards]
['มีวินัย ใส่ใจการเป็นองค์กรคุณธรรมต้นแบบ']

An id that is not one of `SEED_IDS` is a `moralkit.ValidationError` naming the seeds held:

>>> samples.load_seed("seed-009")
Traceback (most recent call last):
...
moralkit.errors.ValidationError: 1 problem in samples:
  seed_id: no sample seed seed-009; the seeds are seed-000, seed-001, ..., seed-004 / ...
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from moralkit.errors import Problem, ValidationError
from moralkit.model import Dataset
from moralkit.serde import from_json

__all__ = ["SEED_IDS", "load", "load_seed"]

#: The ids of the five source documents, in order.
SEED_IDS = ("seed-000", "seed-001", "seed-002", "seed-003", "seed-004")


def load_seed(seed_id: str) -> Dataset:
    """The objects first described in one seed (shared ones appear under their first seed).

    Each seed is read once and cached. An id not in `SEED_IDS` raises
    `moralkit.ValidationError` (code ``samples.unknown_seed``) naming the seeds held.

    >>> [e.dates.start.isoformat() for e in load_seed("seed-003").events]
    ['2024-09-12']
    """
    if not isinstance(seed_id, str) or seed_id not in SEED_IDS:
        problem = Problem("seed_id", "samples.unknown_seed", {"seed": seed_id, "known": SEED_IDS})
        raise ValidationError([problem], "samples")
    return _read_seed(seed_id)


@cache
def _read_seed(seed_id: str) -> Dataset:
    text = files("moralkit.samples").joinpath(f"data/{seed_id}.json").read_text("utf-8")
    return from_json(Dataset, text)


@cache
def load() -> Dataset:
    """The whole sample dataset, read once and cached; the result is immutable."""
    result = Dataset()
    for seed_id in SEED_IDS:
        result = result.merge(load_seed(seed_id))
    return result
