"""Every public function under hostile arguments, through the shared fuzz harness.

The promise: whatever a caller passes to a public function, the answer is a result or a
`moralkit.MoralkitError` (`ValidationError`, `ThaiDateError`, `RuleNotFoundError` and their
kin) that renders; never a `TypeError`, `KeyError`, `ValueError`, `AttributeError` or
`RecursionError`, never a hang, and nothing the caller passed is changed.

The functions are every callable (not a class) in ``__all__`` of `moralkit` and of its public
modules. For each one, each hostile value (``None``, ``""``, ``"x"``, ``-1``, a 5,001-digit
integer, NaN, ``True``, ``[]``, ``{}``, an ``object()``, a list nested 2,000 deep, a set, a
decimal NaN, a mapping holding one) goes

* into every required argument at once, and
* into one argument at a time (optional ones too), the others given a valid value where this
  file knows one (`VALID`) and the same hostile value otherwise.

That grid is fixed, so a known failure fails every run. ``MORALKIT_FUZZ_EXAMPLES`` adds
random arguments on top (seeded by the function's name): a few in ``make test``, many in
``make fuzz``. Arguments whose names start with ``_`` are internal and not tried.

Functions of modules owned elsewhere that still break the promise are marked
``xfail(strict=True)`` in `KNOWN`, each with what it raises: when one is fixed, its test passes
unexpectedly and fails, so the mark is removed with the fix.
"""

from __future__ import annotations

import importlib
import inspect
import random
import zlib
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from moralkit import MoralkitError, ValidationError
from tests.fuzz.harness import Family, deep, examples, family, split_path

#: The public modules whose ``__all__`` is walked (the top level first).
MODULES = (
    "moralkit",
    "moralkit.ita",
    "moralkit.moral",
    "moralkit.moral.variants",
    "moralkit.evaluation",
    "moralkit.thai",
    "moralkit.model",
    "moralkit.serde",
    "moralkit.validation",
    "moralkit.schema",
    "moralkit.rules",
    "moralkit.messages",
    "moralkit.trace",
    "moralkit.samples",
    "moralkit.analysis",
    "moralkit.plot",
)

HOSTILE: tuple[tuple[str, object], ...] = (
    ("None", None),
    ("empty text", ""),
    ("text", "x"),
    ("-1", -1),
    ("huge int", 10**5000),
    ("nan", float("nan")),
    ("True", True),
    ("empty list", []),
    ("empty dict", {}),
    ("object", object()),
    ("deep list", deep(2000)),
    ("set", frozenset({1, "a"})),
    ("decimal nan", Decimal("NaN")),
    ("mapping of nan", {"a": Decimal("NaN")}),
)


def _ita_result() -> object:
    from moralkit import ita  # noqa: PLC0415

    return ita.score(2567, tools={"IIT": "90", "EIT": "88", "OIT": "95"})


def _rubric(year: int) -> object:
    from moralkit.moral import RUBRICS  # noqa: PLC0415

    return RUBRICS.for_year(year)


#: Valid arguments of some functions, by qualified name: one argument at a time is then
#: made hostile while the others are right, which reaches checks past the first argument.
VALID: dict[str, Callable[[], dict[str, object]]] = {
    "moralkit.messages.render": lambda: {"code": "core.warning", "lang": "en", "params": None},
    "moralkit.messages.status_text": lambda: {"status": "verified", "lang": "en"},
    "moralkit.trace.explain": lambda: {"result": _ita_result(), "lang": "en"},
    "moralkit.moral.variants.variants": lambda: {"fiscal_year": 2567, "tier": "community"},
    "moralkit.moral.variants.with_threshold": lambda: {
        "rubric": _rubric(2568),
        "number": 7,
        "minimum": Decimal(90),
    },
    "moralkit.moral.variants.with_requirement": lambda: {
        "rubric": _rubric(2569),
        "number": 2,
        "name": "do_and_dont",
        "minimum": 4,
    },
    "moralkit.moral.variants.with_level_rule": lambda: {
        "rubric": _rubric(2565),
        "rule": "R3",
        "threshold": 4,
        "check": None,
    },
    "moralkit.ita.score.score": lambda: {
        "fiscal_year": 2567,
        "tools": {"IIT": "90", "EIT": "88", "OIT": "95"},
    },
    "moralkit.ita.score.possible_levels": lambda: {
        "fiscal_year": 2568,
        "total": "94.64",
        "rules": None,
    },
    "moralkit.evaluation.outcomes.knowledge_gain": lambda: {
        "pre": {"a": 5, "b": 7},
        "post": {"a": 8, "b": 7},
    },
    "moralkit.moral.assess.assess": lambda: {"evidence": _evidence(), "rubric": None},
    "moralkit.serde.load": lambda: {"cls": _venue(), "data": {"name_th": "หอประชุม"}},
    "moralkit.serde.from_json": lambda: {"cls": _venue(), "text": '{"name_th": "หอประชุม"}'},
    "moralkit.plot.distribution": lambda: {
        "data": [Decimal("80.5"), Decimal(91)],
        "fiscal_year": 2567,
        "lang": "en",
    },
}


def _evidence() -> object:
    from moralkit.moral import Evidence  # noqa: PLC0415

    return Evidence.of("unit", 2569, {1: Decimal(90), 3: True})


def _venue() -> type:
    from moralkit.model import Venue  # noqa: PLC0415

    return Venue


#: Many refusals outside moralkit's own errors build their message with repr(), which itself
#: raises for a 5,001-digit int (ValueError) or a list nested 2,000 deep (RecursionError).
_REPR = "; ValueError/RecursionError from repr() in its message"

#: Functions of modules owned elsewhere that break the promise today, with what they raise.
#: Each is a strict xfail: fixing one makes its test pass, and the mark goes with the fix.
KNOWN: dict[str, str] = {}


def _qualified(function: Callable[..., Any]) -> str:
    module = getattr(function, "__module__", None) or "?"
    return f"{module}.{getattr(function, '__qualname__', getattr(function, '__name__', '?'))}"


def _public_functions() -> list[tuple[str, Callable[..., Any]]]:
    found: dict[str, Callable[..., Any]] = {}
    for module_name in MODULES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:  # an optional extra that is not installed
            continue
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if inspect.isclass(value) or not callable(value):
                continue
            if type(value).__module__ in ("typing", "typing_extensions"):
                continue  # a Literal alias such as Severity
            found.setdefault(_qualified(value), value)
    return sorted(found.items())


FUNCTIONS = _public_functions()


def _parameters(function: Callable[..., Any]) -> list[inspect.Parameter]:
    return [
        p
        for p in inspect.signature(function).parameters.values()
        if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD) and not p.name.startswith("_")
    ]


def _random_value(rng: random.Random, depth: int = 0) -> object:
    roll = rng.randrange(14)
    if depth < 3 and roll == 0:
        return [_random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    if depth < 3 and roll == 1:
        return {
            rng.choice(("", "a", "1", "agency", "IIT", "ก")): _random_value(rng, depth + 1)
            for _ in range(rng.randrange(4))
        }
    choices: tuple[Callable[[], object], ...] = (
        lambda: rng.randrange(-(10**20), 10**20),
        lambda: rng.choice((0, 1, 7, 99, 2400, 2567, 10542, 10543, -(2**63))),
        lambda: rng.choice((0.5, -0.0, float("inf"), 1e308)),
        lambda: Decimal(rng.choice(("NaN", "-Infinity", "1E+999999", "0.001", "85.50"))),
        lambda: "".join(rng.choice("ก๑1 .,-\u200b\x00\ud800eEnN") for _ in range(rng.randrange(8))),
        lambda: rng.choice(("th", "en", "TH", "community", "R1", "core.warning", "verified")),
        lambda: bytes(rng.randrange(256) for _ in range(rng.randrange(6))),
        lambda: date(rng.randrange(1, 9999), 1, 1),
        lambda: (rng.randrange(3), "x"),
        lambda: frozenset({1, "a"}),
        lambda: rng.choice((False, True, None)),
        lambda: deep(rng.randrange(1, 1500)),
    )
    return rng.choice(choices)()


def _cases(
    name: str, function: Callable[..., Any], extra: int
) -> Iterator[tuple[str, dict[str, object]]]:
    parameters = _parameters(function)
    required = [p.name for p in parameters if p.default is p.empty]
    valid = VALID[name]() if name in VALID else {}
    if not parameters:
        yield "no arguments", {}
        return
    for label, hostile in HOSTILE:
        yield f"{label} everywhere", dict.fromkeys(required, hostile)
        for parameter in parameters:
            arguments = {p: valid.get(p, hostile) for p in required}
            arguments[parameter.name] = hostile
            yield f"{label} as {parameter.name}", arguments
    rng = random.Random(zlib.crc32(name.encode()))
    for number in range(extra):
        arguments = {p: valid[p] for p in required if p in valid}
        for parameter in parameters:
            if parameter.name not in arguments or rng.random() < 0.5:
                arguments[parameter.name] = _random_value(rng)
        yield f"random #{number}", arguments


#: One family in the report for all the functions expected to keep the promise.
REPORT = "api entry points"


def _entry(name: str, function: Callable[..., Any]) -> Any:
    marks = []
    if name in KNOWN:
        marks.append(pytest.mark.xfail(strict=True, reason=f"{name}: {KNOWN[name]}"))
    return pytest.param(name, function, id=name, marks=marks)


#: The optional extras some functions need, by name prefix: without them a function raises
#: ImportError naming its extra (documented), so the sweep skips it.
_EXTRAS = {
    "moralkit.plot.": ("matplotlib", "narwhals"),
    "moralkit.ita.tables.": ("narwhals", "polars"),
    "moralkit.analysis.to_dataframe": ("pandas",),
}


def _skip_without_extra(name):
    for prefix, modules in _EXTRAS.items():
        if name.startswith(prefix):
            for module in modules:
                pytest.importorskip(module)


@pytest.mark.parametrize(("name", "function"), [_entry(n, f) for n, f in FUNCTIONS])
def test_hostile_arguments_get_an_answer_or_a_moralkit_error(name, function, monkeypatch):
    _skip_without_extra(name)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    checked = Family(name, register=False)
    for _label, arguments in _cases(name, function, examples(0.2, minimum=2)):
        checked.check(
            lambda arguments=arguments: function(**arguments),
            data=arguments,
            resolve_in=None,  # problem paths name arguments, not parts of one document
            allowed=(MoralkitError,),
            raise_on_failure=name in KNOWN,  # a known failure needs showing once, not tallying
        )
    if name not in KNOWN:
        report = family(REPORT)
        counts = checked.counts()
        with report._lock:
            for column, count in counts.items():
                report.tally[column] += count
            report.samples.extend(checked.samples[: max(0, 20 - len(report.samples))])
    checked.assert_clean()


def test_every_known_failure_names_a_public_function():
    names = {name for name, _ in FUNCTIONS}
    assert set(KNOWN) <= names, sorted(set(KNOWN) - names)
    assert set(VALID) <= names, sorted(set(VALID) - names)


#: Functions whose refusals locate each problem by the argument it is about: the first step
#: of every problem path is an argument's name (or "" for the only argument).
NAMES_THE_ARGUMENT = (
    "moralkit.ita.cpi.cpi",
    "moralkit.ita.cpi.cpi_change",
    "moralkit.ita.cpi.cpi_status",
    "moralkit.ita.many.summary",
    "moralkit.ita.many.summary_by",
    "moralkit.ita.national.published",
    "moralkit.ita.oit.oit_items",
    "moralkit.ita.rules_model.check_ita_rules",
    "moralkit.ita.rules_model.scaffold",
    "moralkit.ita.score.possible_levels",
    "moralkit.analysis.records",
    "moralkit.analysis.to_dataframe",
    "moralkit.messages.check_lang",
    "moralkit.messages.render",
    "moralkit.messages.status_text",
    "moralkit.model.areas.province",
    "moralkit.model.virtues.core_virtues",
    "moralkit.moral.approval_year",
    "moralkit.moral.approval_year_rule",
    "moralkit.moral.evidence.percent_of",
    "moralkit.moral.rollup.by_province",
    "moralkit.moral.rollup.sub_unit_coverage",
    "moralkit.moral.rollup.what_if",
    "moralkit.moral.variants.variant",
    "moralkit.moral.variants.variants",
    "moralkit.moral.variants.with_level_rule",
    "moralkit.moral.variants.with_requirement",
    "moralkit.moral.variants.with_threshold",
    "moralkit.plot.apply_thai_font",
    "moralkit.plot.distribution",
    "moralkit.plot.font_path",
    "moralkit.plot.font_properties",
    "moralkit.plot.moral_levels",
    "moralkit.plot.share_passing",
    "moralkit.plot.year_over_year",
    "moralkit.thai.dates.format_thai_date",
    "moralkit.thai.dates.format_thai_date_range",
    "moralkit.thai.dates.format_thai_datetime",
    "moralkit.thai.dates.parse_thai_date",
    "moralkit.thai.dates.parse_thai_date_range",
    "moralkit.thai.dates.parse_thai_datetime",
    "moralkit.rules.tiling_problems",
    "moralkit.schema.json_schema",
    "moralkit.schema.validator",
    "moralkit.thai.calendar.be_year",
    "moralkit.thai.calendar.ce_date",
    "moralkit.thai.calendar.ce_year",
    "moralkit.thai.calendar.parse_fiscal_year",
    "moralkit.thai.numerals.to_arabic_digits",
    "moralkit.thai.numerals.to_thai_digits",
    "moralkit.trace.defer",
    "moralkit.trace.deferred_trace",
    "moralkit.trace.node",
    "moralkit.validation.validate",
)


@pytest.mark.parametrize("name", NAMES_THE_ARGUMENT)
def test_argument_refusals_name_the_argument(name, monkeypatch):
    _skip_without_extra(name)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    functions = dict(FUNCTIONS)
    if name not in functions:
        pytest.skip(f"{name} is not importable here (an optional extra)")
    function = functions[name]
    names = {p.name for p in _parameters(function)}
    wrong: list[str] = []
    for label, arguments in _cases(name, function, 0):
        try:
            function(**arguments)
        except ValidationError as exc:
            for problem in exc.problems:
                first = split_path(problem.path)[0] if problem.path else ""
                if first not in names and not (first == "" and len(names) == 1):
                    wrong.append(f"{label}: {problem.code} at {problem.path!r}")
        except MoralkitError:
            pass
    assert not wrong, wrong[:10]
