"""The fuzz harness every family uses: run one input, classify what happened, keep a tally.

A *family* is one public entry point under hostile input (``serde.load``, ``thai.parse_date``,
``ita.score`` ...). Each input goes through `Family.check`, which records:

tried
    every input checked.
crashes
    the call raised anything other than the documented moralkit errors (`ValidationError`,
    `ThaiDateError`, `RuleNotFoundError`), or a documented error that does not render (its
    ``str()`` raises): both are bugs.
pathless
    a `ValidationError` problem that does not locate the offending part. Precisely, a problem is
    *pathless* when either

    * its path does not *resolve* in the input: walking the path's steps (``name``, ``[3]``,
      ``['key']``) from the input's root must reach an existing value. The last step may be
      absent when the problem's code is ``missing`` (the key that should be there) and the
      path may stop early (a prefix) when the code is in ``ROOTED_CODES`` (problems about the
      document itself, such as ``invalid_json``), or
    * the family knows where it planted the fault (``fault_at``, a non-empty path) and *no*
      problem's path is on the way to it: each problem path must be either a prefix of
      ``fault_at`` or start with it, and at least one must be non-empty. An empty path is only
      correct for a fault in the input as a whole.

    When the input is JSON text, paths resolve against the parsed document (``resolve_in``).
wrong acceptances
    the call returned although the family's oracle (``must_refuse=True``) says the policy
    refuses this input.
round-trip failures
    ``roundtrip(result)`` returned something not equal to the result (for example
    ``load(cls, dump(x)) != x`` or ``from_json(cls, to_json(x)) != x``), or raised.
slow
    one call took longer than ``SLOW_SECONDS`` (1 s, or ``MORALKIT_FUZZ_SLOW``) of CPU time in
    its thread, so other work on a shared machine does not count against it.
mutated
    the input differed after the call from a deep copy taken before it.

The number of examples comes from ``MORALKIT_FUZZ_EXAMPLES`` (default 25 per family, so
``make test`` stays quick); ``make fuzz`` raises it and prints one table per family at the end.
A family with any count other than *tried* fails its test, listing the first offending inputs.

>>> family = Family("doc.int", register=False)
>>> family.check(lambda: int("7"), data="7").ok
True
>>> family.check(lambda: int("x"), data="x").crash is not None
True
>>> family.counts()["crashes"]
1
"""

from __future__ import annotations

import ast
import math
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from attrs import define, field
from hypothesis import HealthCheck, settings

from moralkit.errors import RuleNotFoundError, ThaiDateError, ValidationError

__all__ = [
    "COLUMNS",
    "FAMILIES",
    "REFUSED_EVERYWHERE",
    "ROOTED_CODES",
    "Family",
    "FuzzFailure",
    "Mutant",
    "Outcome",
    "deep",
    "examples",
    "family",
    "format_table",
    "fuzz_settings",
    "leaves",
    "mutants",
    "remove_at",
    "replace_at",
    "resolves",
    "same",
    "snapshot",
    "split_path",
]

#: The errors the library documents; anything else escaping a public function is a crash.
DOCUMENTED = (ValidationError, ThaiDateError, RuleNotFoundError)

#: Problem codes about the document as a whole; their path may stop short of the fault.
ROOTED_CODES = frozenset({"invalid_json", "too_deep", "too_large", "duplicate_key", "bad_text"})

#: The columns of the per-family table, in order.
COLUMNS = (
    "tried",
    "crashes",
    "pathless",
    "wrong_acceptances",
    "roundtrip_failures",
    "slow",
    "mutated",
)

SLOW_SECONDS = float(os.environ.get("MORALKIT_FUZZ_SLOW", "1.0"))
_DEFAULT_EXAMPLES = 25


def examples(weight: float = 1.0, *, minimum: int = 5) -> int:
    """How many inputs a family tries: ``MORALKIT_FUZZ_EXAMPLES`` (default 25) x ``weight``.

    Bulk families (cheap mutations, no Hypothesis) pass a larger weight.

    >>> examples(0.0)
    5
    """
    base = int(os.environ.get("MORALKIT_FUZZ_EXAMPLES", str(_DEFAULT_EXAMPLES)))
    return max(minimum, int(base * weight))


def fuzz_settings(weight: float = 1.0) -> settings:
    """Hypothesis settings for a family: `examples` inputs, no deadline (the harness times).

    >>> fuzz_settings(0.0).max_examples
    5
    """
    return settings(
        max_examples=examples(weight),
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


class FuzzFailure(AssertionError):  # noqa: N818 (a failed promise, read as an assertion)
    """One input broke the contract; Hypothesis shrinks it and shows it."""


# --- paths -----------------------------------------------------------------------------------

_STEP = re.compile(
    r"""\[(?P<index>-?[0-9]+)\]|\['(?P<key>(?:[^'\\]|\\.)*)'\]|\["(?P<dkey>(?:[^"\\]|\\.)*)"\]"""
    r"""|\.?(?P<name>[^.\[\]]+)"""
)


def split_path(path: str) -> list[str | int]:
    """The steps of a problem path: names and quoted keys as `str`, indexes as `int`.

    >>> split_path("plans[2].projects[0].budget")
    ['plans', 2, 'projects', 0, 'budget']
    >>> split_path("scores['a.b'][7]")
    ['scores', 'a.b', 7]
    """
    steps: list[str | int] = []
    position = 0
    while position < len(path):
        match = _STEP.match(path, position)
        if match is None or match.end() == position:
            raise ValueError(f"cannot read path {path!r} at {position}")
        if match.group("index") is not None:
            steps.append(int(match.group("index")))
        elif match.group("key") is not None:
            steps.append(_literal("'" + match.group("key") + "'"))
        elif match.group("dkey") is not None:
            steps.append(_literal('"' + match.group("dkey") + '"'))
        else:
            steps.append(match.group("name"))
        position = match.end()
    return steps


_ABSENT = object()


def _literal(quoted: str) -> str:
    """A key as Python's repr quoted it (escapes included)."""
    try:
        value = ast.literal_eval(quoted)
    except (ValueError, SyntaxError):
        return quoted[1:-1]
    return value if isinstance(value, str) else quoted[1:-1]


def _step(value: object, step: str | int) -> object:
    if isinstance(value, Mapping):
        if step in value:
            return value[step]
        if isinstance(step, str) and step.endswith(" ..."):
            # A long key is shortened in paths: it names the key that starts so.
            for key in value:
                if isinstance(key, str) and key.startswith(step[:-4]):
                    return value[key]
        if isinstance(step, int) and str(step) in value:
            return value[str(step)]
        return _ABSENT
    if isinstance(value, list | tuple) and isinstance(step, int):
        return value[step] if -len(value) <= step < len(value) else _ABSENT
    if isinstance(step, str) and not isinstance(value, str | bytes | int | float):
        return getattr(value, step, _ABSENT)
    return _ABSENT


def resolves(data: object, path: str, code: str) -> bool:
    """Whether ``path`` reaches an existing part of ``data`` (see the module doc).

    >>> resolves({"a": [1, {"b": 2}]}, "a[1].b", "wrong_type")
    True
    >>> resolves({"a": []}, "a[0]", "wrong_type")
    False
    >>> resolves({"a": {}}, "a.b", "missing")
    True
    """
    if code in ROOTED_CODES:
        return True
    try:
        steps = split_path(path)
    except ValueError:
        return False
    current = data
    for number, step in enumerate(steps):
        current = _step(current, step)
        if current is _ABSENT:
            return code == "missing" and number == len(steps) - 1
    return True


def _on_the_way(path: str, fault_at: str) -> bool:
    if not path:
        return False
    try:
        mine, theirs = split_path(path), split_path(fault_at)
    except ValueError:
        return False
    shorter = min(len(mine), len(theirs))
    return mine[:shorter] == theirs[:shorter]


# --- deep copy and comparison, iterative (hostile inputs nest deeper than the recursion limit) --


def snapshot(value: object) -> object:
    """A deep copy of JSON-like data (dicts, lists, tuples, sets, scalars), without recursion.

    >>> data = {"a": [1, {"b": [2]}]}
    >>> copy = snapshot(data)
    >>> copy == data and copy["a"] is not data["a"]
    True
    """
    root: list[object] = [None]
    stack: list[tuple[object, Callable[[object], None]]] = [
        (value, lambda v: root.__setitem__(0, v))
    ]
    while stack:
        item, put = stack.pop()
        if isinstance(item, dict):
            fresh: dict[object, object] = dict.fromkeys(item)
            put(fresh)
            for key, child in item.items():
                stack.append((child, lambda v, k=key, d=fresh: d.__setitem__(k, v)))
        elif isinstance(item, list | tuple):
            slots: list[object] = [None] * len(item)
            kind = type(item)
            if kind is list:
                put(slots)
                target = slots
            else:
                # A tuple is built once its items are known: fill a list, then convert.
                target = slots
                stack.append((None, lambda _v, s=slots, p=put, k=kind: p(_tuple(k, s))))
            for index, child in enumerate(item):
                stack.append((child, lambda v, i=index, t=target: t.__setitem__(i, v)))
        elif isinstance(item, set | frozenset):
            put(type(item)(item))
        else:
            put(item)
    return root[0]


def _tuple(kind: type, items: list[object]) -> object:
    try:
        return kind(items)
    except TypeError:  # a namedtuple takes its items as arguments
        return kind(*items)


def same(left: object, right: object) -> bool:
    """Deep equality that treats NaN as equal to NaN and never recurses.

    >>> same({"a": [float("nan")]}, {"a": [float("nan")]})
    True
    >>> same([1, 2], [1, 3])
    False
    """
    stack = [(left, right)]
    while stack:
        a, b = stack.pop()
        if a is b:
            continue
        if type(a) is not type(b):
            return False
        if isinstance(a, dict):
            assert isinstance(b, dict)
            if list(a) != list(b):
                return False
            stack.extend((a[k], b[k]) for k in a)
        elif isinstance(a, list | tuple):
            assert isinstance(b, list | tuple)
            if len(a) != len(b):
                return False
            stack.extend(zip(a, b, strict=True))
        elif isinstance(a, float) and math.isnan(a):
            if not (isinstance(b, float) and math.isnan(b)):
                return False
        else:
            try:
                if not bool(a == b):
                    return False
            except (TypeError, ValueError):  # numpy NA and friends refuse bool()
                if repr(a) != repr(b):
                    return False
    return True


# --- outcomes and tallies -------------------------------------------------------------------


@define
class Outcome:
    """What one input did: its result, and each broken promise (None when kept)."""

    result: object = None
    error: BaseException | None = None
    crash: str | None = None
    pathless: str | None = None
    wrong_acceptance: str | None = None
    roundtrip_failure: str | None = None
    slow: str | None = None
    mutated: str | None = None

    @property
    def ok(self) -> bool:
        """True when the input kept every promise."""
        return not self.failures()

    def failures(self) -> list[str]:
        """One line per broken promise."""
        named = (
            ("crash", self.crash),
            ("pathless", self.pathless),
            ("wrong acceptance", self.wrong_acceptance),
            ("round-trip failure", self.roundtrip_failure),
            ("slow", self.slow),
            ("mutated", self.mutated),
        )
        return [f"{what}: {why}" for what, why in named if why is not None]


def _short(value: object, limit: int = 200) -> str:
    try:
        text = repr(value)
    except (RecursionError, ValueError):  # a huge int or a deep value
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 4] + " ..."


@define
class Family:
    """The tally of one fuzz family; thread-safe, registered in `FAMILIES` by name."""

    name: str
    tally: dict[str, int] = field(factory=lambda: dict.fromkeys(COLUMNS, 0))
    samples: list[str] = field(factory=list)
    register: bool = field(default=True, kw_only=True)
    _lock: threading.Lock = field(factory=threading.Lock, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.register:
            FAMILIES.setdefault(self.name, self)

    def counts(self) -> dict[str, int]:
        """A copy of the tally, column by column."""
        with self._lock:
            return dict(self.tally)

    def check(
        self,
        call: Callable[[], object],
        *,
        data: object = None,
        resolve_in: object = _ABSENT,
        must_refuse: bool = False,
        fault_at: str | None = None,
        roundtrip: Callable[[Any], object] | None = None,
        allowed: tuple[type[BaseException], ...] = DOCUMENTED,
        raise_on_failure: bool = False,
    ) -> Outcome:
        """Run ``call()`` once on ``data`` and record what happened.

        ``data`` is the input (deep-copied before and compared after); ``resolve_in`` is what
        problem paths resolve against when it is not ``data`` (the parsed document of a JSON
        text; pass None to skip the check). ``must_refuse`` says the policy refuses the input;
        ``fault_at`` is the path where the family planted a fault; ``roundtrip`` maps a result
        back through the serializer (it must return an equal value). With
        ``raise_on_failure``, a broken promise raises `FuzzFailure` (Hypothesis then shrinks it).
        """
        before = snapshot(data)
        outcome = Outcome()
        # CPU time of this thread, not wall time: a hang is work, and a busy machine is not.
        started = time.thread_time()
        try:
            outcome.result = call()
        except allowed as exc:
            outcome.error = exc
            try:
                str(exc)
            except Exception as render_error:
                outcome.crash = f"{type(exc).__name__} does not render: {render_error!r}"
        except RecursionError:
            outcome.crash = "RecursionError"
        except Exception as exc:
            outcome.crash = f"{type(exc).__name__}: {_short(exc)}"
        elapsed = time.thread_time() - started
        if elapsed > SLOW_SECONDS:
            outcome.slow = f"{elapsed:.2f} s"
        if not same(before, data):
            outcome.mutated = "the input changed during the call"
        target = data if resolve_in is _ABSENT else resolve_in
        if isinstance(outcome.error, ValidationError) and target is not None:
            outcome.pathless = _pathless(outcome.error, target, fault_at)
        if outcome.error is None and outcome.crash is None:
            if must_refuse:
                outcome.wrong_acceptance = f"accepted, giving {_short(outcome.result)}"
            elif roundtrip is not None:
                outcome.roundtrip_failure = _roundtrip(roundtrip, outcome.result)
        self._record(outcome, data)
        if raise_on_failure and not outcome.ok:
            raise FuzzFailure("; ".join(outcome.failures()))
        return outcome

    def run(self, inputs: Iterable[Any], check: Callable[[Any], Outcome]) -> None:
        """Check every input (``check`` calls `check` on it), then `assert_clean`."""
        for item in inputs:
            check(item)
        self.assert_clean()

    def _record(self, outcome: Outcome, data: object) -> None:
        flags = {
            "crashes": outcome.crash,
            "pathless": outcome.pathless,
            "wrong_acceptances": outcome.wrong_acceptance,
            "roundtrip_failures": outcome.roundtrip_failure,
            "slow": outcome.slow,
            "mutated": outcome.mutated,
        }
        with self._lock:
            self.tally["tried"] += 1
            for column, why in flags.items():
                if why is not None:
                    self.tally[column] += 1
                    if len(self.samples) < 20:
                        self.samples.append(f"{column}: {why}\n    input: {_short(data)}")

    def assert_clean(self) -> None:
        """Fail, listing the first offending inputs, unless every count but *tried* is 0."""
        counts = self.counts()
        bad = {k: v for k, v in counts.items() if k != "tried" and v}
        if bad:
            listed = "\n  ".join(self.samples)
            raise FuzzFailure(f"{self.name}: {bad}\n  {listed}")


def _pathless(error: ValidationError, data: object, fault_at: str | None) -> str | None:
    for problem in error.problems:
        if not resolves(data, problem.path, problem.code):
            return f"{problem.code} at {problem.path!r} does not resolve in the input"
    if fault_at and not any(_on_the_way(p.path, fault_at) for p in error.problems):
        paths = [p.path for p in error.problems]
        return f"fault planted at {fault_at!r}, problems at {paths}"
    return None


def _roundtrip(back: Callable[[Any], object], result: object) -> str | None:
    try:
        again = back(result)
    except Exception as exc:
        return f"raised {type(exc).__name__}: {_short(exc)}"
    if again != result:
        return f"{_short(result)} came back as {_short(again)}"
    return None


#: Every family created in this process, by name, in creation order.
FAMILIES: dict[str, Family] = {}


def family(name: str) -> Family:
    """The family called ``name``, created on first use."""
    return FAMILIES.get(name) or Family(name)


def format_table(families: Iterable[Family]) -> str:
    """One table per family, and a total line, as `make fuzz` prints them."""
    lines: list[str] = []
    total = 0
    for fam in families:
        counts = fam.counts()
        total += counts["tried"]
        lines.append(f"{fam.name}")
        lines.extend(f"  {column:<20}{counts[column]:>10}" for column in COLUMNS)
    lines.append(f"total inputs tried: {total}")
    return "\n".join(lines)


def iter_families() -> Iterator[Family]:
    """The families that tried anything, in creation order."""
    return (fam for fam in FAMILIES.values() if fam.counts()["tried"])


# --- mutating valid documents ---------------------------------------------------------------


@define(frozen=True)
class Mutant:
    """A valid document with one fault planted: where, and whether the policy must refuse it."""

    document: object
    fault_at: str
    must_refuse: bool
    how: str


def leaves(document: object) -> list[tuple[str, object]]:
    """Every (path, value) of a JSON-like document, containers included, root first.

    Paths use the problem syntax: ``name``, ``[3]``, and ``['key']`` for keys that are not
    identifiers.

    >>> [p for p, _ in leaves({"a": [1], "b c": 2})]
    ['', 'a', 'a[0]', "['b c']"]
    """
    found: list[tuple[str, object]] = []
    stack: list[tuple[str, object]] = [("", document)]
    while stack:
        path, value = stack.pop()
        found.append((path, value))
        children: list[tuple[str, object]] = []
        if isinstance(value, dict):
            for key, child in value.items():
                step = (
                    (f".{key}" if path else key)
                    if isinstance(key, str) and key.isidentifier()
                    else f"[{key!r}]"
                )
                children.append((path + step, child))
        elif isinstance(value, list):
            children.extend((f"{path}[{i}]", child) for i, child in enumerate(value))
        stack.extend(reversed(children))
    return found


def replace_at(document: object, path: str, new: object) -> object:
    """A copy of ``document`` with the part at ``path`` replaced by ``new`` (path must exist)."""
    if not path:
        return new
    copy = snapshot(document)
    steps = split_path(path)
    parent: Any = copy
    for step in steps[:-1]:
        parent = parent[step]
    parent[steps[-1]] = new
    return copy


def remove_at(document: object, path: str) -> object:
    """A copy of ``document`` without the key at ``path`` (its parent must be a dict)."""
    copy = snapshot(document)
    steps = split_path(path)
    parent: Any = copy
    for step in steps[:-1]:
        parent = parent[step]
    del parent[steps[-1]]
    return copy


def deep(depth: int, leaf: object = 1) -> object:
    """``depth`` nested lists around ``leaf``, built without recursion."""
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


#: Values the input policy refuses wherever a document holds them, by name.
REFUSED_EVERYWHERE: tuple[tuple[str, object], ...] = (
    ("nan", float("nan")),
    ("infinity", float("inf")),
    ("float", 0.5),
    ("huge int", 10**5000),
    ("nested list", [[["x"]]]),
    ("nested object", {"": {"": 1}}),
    ("deep list", deep(5000)),
    ("lone surrogate", "a\ud800b"),
    ("NUL", "ab\x00"),
    ("control character", "a\x07"),
)


def mutants(
    document: object,
    rng: Any,
    count: int,
    *,
    refused: Iterable[tuple[str, object]] = REFUSED_EVERYWHERE,
) -> Iterator[Mutant]:
    """``count`` mutants of a valid ``document``, each with one fault planted at random.

    A fault is a value from ``refused`` put in place of a part, or a key removed or added.
    Removing a key may be harmless (an optional field), so only planted values and unknown keys
    are marked ``must_refuse``.
    """
    spots = leaves(document)
    values = list(refused)
    objects = [(p, v) for p, v in spots if isinstance(v, dict)]
    for _ in range(count):
        roll = rng.random()
        if roll < 0.1 and objects:
            path, obj = rng.choice(objects)
            key = "unexpected_key_" + str(rng.randrange(100))
            copy = snapshot(document)
            target: Any = copy
            for step in split_path(path) if path else []:
                target = target[step]
            target[key] = 1
            yield Mutant(copy, (f"{path}.{key}" if path else key), True, "unknown key")
        elif roll < 0.2 and any(obj for _, obj in objects):
            path, obj = rng.choice([(p, o) for p, o in objects if o])
            assert isinstance(obj, dict)
            key = rng.choice(list(obj))
            child = f"{path}.{key}" if path else key
            yield Mutant(remove_at(document, child), child, False, "key removed")
        else:
            path, old = rng.choice(spots)
            name, value = rng.choice(values)
            yield Mutant(
                replace_at(document, path, value), path, True, f"{name} for {type(old).__name__}"
            )
