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
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from moralkit.model import Dataset
from moralkit.serde import from_json

__all__ = ["SEED_IDS", "load", "load_seed"]

#: The ids of the five source documents, in order.
SEED_IDS = ("seed-000", "seed-001", "seed-002", "seed-003", "seed-004")


@cache
def load_seed(seed_id: str) -> Dataset:
    """The objects first described in one seed (shared ones appear under their first seed)."""
    if seed_id not in SEED_IDS:
        raise KeyError(f"no sample seed {seed_id!r}; the seeds are {', '.join(SEED_IDS)}")
    text = files("moralkit.samples").joinpath(f"data/{seed_id}.json").read_text("utf-8")
    return from_json(Dataset, text)


@cache
def load() -> Dataset:
    """The whole sample dataset, read once and cached; the result is immutable."""
    result = Dataset()
    for seed_id in SEED_IDS:
        result = result.merge(load_seed(seed_id))
    return result
