"""The loader and the writer side by side with pydantic v2 and msgspec, on the same schema.

The peer models are generated from moralkit's own field specs (type hints and `Constraint`
metadata), so they stay equivalent as the model grows: strings with their length and pattern,
bounded integers, decimals, ISO dates, enums by value, nested classes, unknown keys forbidden.
msgspec cannot bound a Decimal, so its peer checks those only as decimals.

The payload is a `Dataset` of sample events with distinct ids: 5 events (small) and 10,000
(large). ``make bench`` prints the table of ratios at the end of the run. Nothing here asserts
a time: the figures are for reading and comparing.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import types
import typing
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal, Union

import attrs
import msgspec
import pydantic
import pytest

from moralkit import dump, from_json, samples, serde, to_json
from moralkit._fields import CONSTRAINT_KEY, ITEM_CONSTRAINT_KEY, Constraint
from moralkit.model import Dataset
from moralkit.thai.calendar import FiscalYear

# --- peers generated from the field specs -------------------------------------------------------


def _enum_values(hint: type[Enum]) -> Any:
    return Literal[tuple(m.value for m in hint)]  # type: ignore[misc]


def _pydantic_type(hint: Any, constraint: Constraint | None, made: dict[type, Any]) -> Any:
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        members = [_pydantic_type(a, constraint, made) for a in typing.get_args(hint)]
        return Union[tuple(members)]  # noqa: UP007 (built from a list)
    if hint is type(None):
        return type(None)
    if origin is tuple:
        args = typing.get_args(hint)
        return list[_pydantic_type(args[0], constraint, made)]  # type: ignore[misc]
    if origin in (dict, Mapping):
        key, value = typing.get_args(hint)
        return dict[_pydantic_type(key, None, made), _pydantic_type(value, None, made)]  # type: ignore[misc]
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _enum_values(hint)
    c = constraint or Constraint()
    if hint is str:
        return Annotated[
            str,
            pydantic.StringConstraints(
                min_length=c.min_length, pattern=f"^(?:{c.pattern})$" if c.pattern else None
            ),
        ]
    if hint is int:
        return Annotated[int, pydantic.Field(ge=c.minimum, le=c.maximum)]
    if hint is Decimal:
        return Annotated[Decimal, pydantic.Field(ge=c.minimum, le=c.maximum)]
    if hint is FiscalYear:
        return Annotated[int, pydantic.Field(ge=2400, le=10542)]
    if hint in (bool, date):
        return hint
    if attrs.has(hint):
        return pydantic_model(hint, made)
    return Any


def pydantic_model(cls: type, made: dict[type, Any] | None = None) -> Any:
    made = {} if made is None else made
    if cls in made:
        return made[cls]
    hints = typing.get_type_hints(cls)
    fields: dict[str, Any] = {}
    for f in attrs.fields(cls):
        if not f.init:
            continue
        constraint = f.metadata.get(ITEM_CONSTRAINT_KEY) or f.metadata.get(CONSTRAINT_KEY)
        kind = _pydantic_type(hints[f.name], constraint, made)
        default = ... if f.default is attrs.NOTHING else None
        fields[f.name] = (kind, default)
    config = pydantic.ConfigDict(extra="forbid", strict=True)
    made[cls] = pydantic.create_model(cls.__name__, __config__=config, **fields)
    return made[cls]


def _msgspec_type(hint: Any, constraint: Constraint | None, made: dict[type, Any]) -> Any:
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        return Union[tuple(_msgspec_type(a, constraint, made) for a in typing.get_args(hint))]  # noqa: UP007
    if hint is type(None):
        return type(None)
    if origin is tuple:
        return list[_msgspec_type(typing.get_args(hint)[0], constraint, made)]  # type: ignore[misc]
    if origin in (dict, Mapping):
        key, value = typing.get_args(hint)
        return dict[_msgspec_type(key, None, made), _msgspec_type(value, None, made)]  # type: ignore[misc]
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _enum_values(hint)
    c = constraint or Constraint()
    if hint is str:
        pattern = f"^(?:{c.pattern})$" if c.pattern else None
        return Annotated[str, msgspec.Meta(min_length=c.min_length, pattern=pattern)]
    if hint is int:
        return Annotated[int, msgspec.Meta(ge=c.minimum, le=c.maximum)]
    if hint is FiscalYear:
        return Annotated[int, msgspec.Meta(ge=2400, le=10542)]
    if hint in (bool, date, Decimal):
        return hint
    if attrs.has(hint):
        return msgspec_struct(hint, made)
    return Any


def msgspec_struct(cls: type, made: dict[type, Any] | None = None) -> Any:
    made = {} if made is None else made
    if cls in made:
        return made[cls]
    hints = typing.get_type_hints(cls)
    fields = []
    for f in attrs.fields(cls):
        if not f.init:
            continue
        constraint = f.metadata.get(ITEM_CONSTRAINT_KEY) or f.metadata.get(CONSTRAINT_KEY)
        kind = _msgspec_type(hints[f.name], constraint, made)
        fields.append((f.name, kind) if f.default is attrs.NOTHING else (f.name, kind, None))
    made[cls] = msgspec.defstruct(cls.__name__, fields, forbid_unknown_fields=True, kw_only=True)
    return made[cls]


# --- payloads -----------------------------------------------------------------------------------

EVENT = dump(samples.load().events[-1])


def payload(count: int) -> str:
    events = [dict(EVENT, id=f"event-{n}") for n in range(count)]
    return json.dumps({"events": events}, ensure_ascii=False)


SIZES = {"small": payload(5), "large": payload(10_000)}
PYDANTIC = pydantic.TypeAdapter(pydantic_model(Dataset))
MSGSPEC = msgspec.json.Decoder(msgspec_struct(Dataset))
RESULTS: dict[tuple[str, str, str], float] = {}


def _record(benchmark: Any, key: tuple[str, str, str]) -> None:
    RESULTS[key] = benchmark.stats.stats.median


def test_peers_accept_the_payload_moralkit_accepts(benchmark):
    benchmark.pedantic(lambda: None, rounds=1)  # a check, run under --benchmark-only too
    for text in SIZES.values():
        loaded = from_json(Dataset, text)
        assert len(PYDANTIC.validate_json(text).events) == len(loaded.events)
        assert len(MSGSPEC.decode(text.encode()).events) == len(loaded.events)


def test_peers_refuse_what_moralkit_refuses(benchmark):
    benchmark.pedantic(lambda: None, rounds=1)
    bad = SIZES["small"].replace('"event-1"', '"Event 1"', 1)
    with pytest.raises(ValueError):  # noqa: PT011 (each library's own error)
        from_json(Dataset, bad)
    with pytest.raises(pydantic.ValidationError):
        PYDANTIC.validate_json(bad)
    with pytest.raises(msgspec.ValidationError):
        MSGSPEC.decode(bad.encode())


@pytest.mark.parametrize("size", SIZES)
def test_from_json_moralkit(benchmark, size):
    text = SIZES[size]
    benchmark(from_json, Dataset, text)
    _record(benchmark, ("from_json", size, "moralkit"))


@pytest.mark.parametrize("size", SIZES)
def test_from_json_pydantic(benchmark, size):
    text = SIZES[size]
    benchmark(PYDANTIC.validate_json, text)
    _record(benchmark, ("from_json", size, "pydantic"))


@pytest.mark.parametrize("size", SIZES)
def test_from_json_msgspec(benchmark, size):
    data = SIZES[size].encode()
    benchmark(MSGSPEC.decode, data)
    _record(benchmark, ("from_json", size, "msgspec"))


@pytest.mark.parametrize("size", SIZES)
def test_to_json_moralkit(benchmark, size):
    value = from_json(Dataset, SIZES[size])
    benchmark(to_json, value, indent=None)
    _record(benchmark, ("to_json", size, "moralkit"))


@pytest.mark.parametrize("size", SIZES)
def test_to_json_moralkit_standard_library(benchmark, size, monkeypatch):
    # Without the fast extra: the same text, written by the json module.
    monkeypatch.setattr(serde, "FAST_ENCODER", False)
    value = from_json(Dataset, SIZES[size])
    benchmark(to_json, value, indent=None)
    _record(benchmark, ("to_json (no orjson)", size, "moralkit"))


@pytest.mark.parametrize("size", SIZES)
def test_to_json_pydantic(benchmark, size):
    value = PYDANTIC.validate_json(SIZES[size])
    benchmark(PYDANTIC.dump_json, value)
    _record(benchmark, ("to_json", size, "pydantic"))


@pytest.mark.parametrize("size", SIZES)
def test_to_json_msgspec(benchmark, size):
    value = MSGSPEC.decode(SIZES[size].encode())
    benchmark(msgspec.json.encode, value)
    _record(benchmark, ("to_json", size, "msgspec"))


def _import_seconds(module: str, runs: int = 7) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    times = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout)
        for _ in range(runs)
    ]
    return statistics.median(times)


def test_import_time(benchmark):
    benchmark.pedantic(lambda: None, rounds=1)
    RESULTS[("import", "fresh process", "moralkit")] = _import_seconds("moralkit")
    RESULTS[("import", "fresh process", "pydantic")] = _import_seconds("pydantic")


def ratio_table() -> str:
    """moralkit's median time over each peer's, one line per operation and size."""
    lines = [f"{'operation':<22}{'size':<15}{'moralkit ms':>12}{'/ pydantic':>12}{'/ msgspec':>12}"]
    for operation, size in dict.fromkeys((op, sz) for op, sz, _ in RESULTS):
        ours = RESULTS.get((operation, size, "moralkit"))
        if ours is None:
            continue
        cells = [f"{ours * 1000:>12.2f}"]
        for peer in ("pydantic", "msgspec"):
            # The stdlib row compares with the same peers as to_json.
            theirs = RESULTS.get((operation.split(" ")[0], size, peer))
            cells.append(f"{ours / theirs:>11.2f}x" if theirs else f"{'-':>12}")
        lines.append(f"{operation:<22}{size:<15}" + "".join(cells))
    return "\n".join(lines)
