"""Versioned rule files: loading, checking, looking up by fiscal year, deriving variants.

Every assessment keeps its rules as JSON files beside its code. A rule file states its id and
version, the fiscal years it is effective for, its status, and the sources it came from. This
module is shared by the assessments and knows none of them: a `RuleBook` is given the attrs
class of its files and a function that checks what the loader cannot.

* Lookups need an explicit fiscal year; nothing defaults to "the latest". A year no file covers
  raises `moralkit.RuleNotFoundError` naming the years that are covered.
* Each packaged file is read once, on first use, and cached; lookups do no I/O afterwards.
* `load_rules` reads a user's own file with the same checks; `derive` makes a changed copy
  ("what if the pass mark were 80?") without touching the original.
"""

from __future__ import annotations

import itertools
import threading
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from importlib.resources import files
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

import attrs
from attrs import field, frozen

from moralkit._args import refuse, wrong_type
from moralkit._decimal import check_decimal
from moralkit.errors import Problem, RuleNotFoundError, ValidationError
from moralkit.model._base import ID, MANY, TEXT
from moralkit.serde import dump, from_json, load
from moralkit.thai.calendar import FiscalYear

__all__ = [
    "RuleBook",
    "RuleFile",
    "RuleSource",
    "RuleStatus",
    "Rules",
    "Step",
    "compiled",
    "derive",
    "load_rules",
    "tiling_problems",
]

#: How far a rule can be trusted: read in a source (verified), read between the lines
#: (inferred), recomputed from published figures (derived), seen only in someone else's
#: code (third-party), believed but not confirmed (unverified), or chosen with no source at
#: all (unsourced).
RuleStatus = Literal["verified", "inferred", "derived", "third-party", "unverified", "unsourced"]


@frozen
class RuleSource:
    """A public source a rule comes from, cited by ``id`` (``S1``) inside the file."""

    id: str = field(**TEXT)
    title: str = field(**TEXT)
    url: str | None = field(default=None, **TEXT)
    note: str | None = field(default=None, **TEXT)


@frozen
class Step:
    """One line of a result's explanation, in English and Thai."""

    text_en: str
    text_th: str


@frozen
class RuleFile:
    """The header every rule file shares, whatever it rules: the one base class.

    ``id`` and ``version`` name the file; ``title_th`` / ``title_en`` describe it; it is
    effective from ``first_year`` to ``last_year`` (``None``: open-ended); ``status`` says how
    far it can be trusted and ``sources`` where it comes from. Assessments subclass it and add
    their own fields (`moralkit.moral.Rubric`, `moralkit.ita.ItaRules`, the evaluation's
    interpretation tables); ``status`` and ``sources`` are keyword-only, so a subclass can add
    required fields after them, and a subclass may redeclare ``status`` with its own default.

    >>> header = RuleFile("demo", "1", "ตัวอย่าง", "demo", FiscalYear(2567), None)
    >>> header.status, covers(header, FiscalYear(2570))
    ('unsourced', True)
    """

    id: str = field(**ID)
    version: str = field(**TEXT)
    title_th: str = field(**TEXT)
    title_en: str = field(**TEXT)
    first_year: FiscalYear
    last_year: FiscalYear | None
    status: RuleStatus = field(default="unsourced", kw_only=True)
    sources: tuple[RuleSource, ...] = field(default=(), kw_only=True, **MANY)

    def covers(self, fiscal_year: FiscalYear | int) -> bool:
        """Whether the file is effective in ``fiscal_year``."""
        fy = fiscal_year if isinstance(fiscal_year, FiscalYear) else FiscalYear(fiscal_year)
        return covers(self, fy)


#: What `RuleBook` and the functions here accept: a `RuleFile`. The name is kept for code
#: written when the header was a protocol each assessment re-declared.
Rules = RuleFile

R = TypeVar("R", bound=RuleFile)

Checker = Callable[[Any], Iterable[Problem]]


def tiling_problems(
    path: str, spans: Sequence[tuple[Decimal, Decimal]], low: Decimal, high: Decimal, step: Decimal
) -> list[Problem]:
    """Problems with ranges ``(min, max)`` that must cover ``low`` to ``high`` exactly.

    Each range must start ``step`` after the previous one ends (two-decimal bands use 0.01),
    so no value falls between two bands and none lies in two.

    Arguments that are not text (``path``), a list of number pairs (``spans``) or numbers
    are refused with `moralkit.ValidationError`, each problem at the argument's name.

    >>> [p.code for p in tiling_problems("bands", [(Decimal(0), Decimal(50))], Decimal(0),
    ...                                   Decimal(100), Decimal("0.01"))]
    ['rules.bands_end']
    """
    pairs, low, high, step = _tiling_arguments(path, spans, low, high, step)
    ordered = sorted(pairs)
    problems: list[Problem] = []
    if not ordered or ordered[0][0] != low:
        problems.append(Problem(path, "rules.bands_start", {"low": low}))
    for (_, end), (following, _) in itertools.pairwise(ordered):
        if following <= end:
            problems.append(Problem(path, "rules.band_overlap", {"at": following}))
        elif following - end != step:
            problems.append(Problem(path, "rules.band_gap", {"end": end, "next": following}))
    if ordered and ordered[-1][1] != high:
        problems.append(Problem(path, "rules.bands_end", {"high": high}))
    return problems


def _number_arg(path: str, value: object, problems: list[Problem]) -> Decimal:
    checked = check_decimal(value)
    if isinstance(checked, Problem):
        problems.append(checked.at(path))
        return Decimal(0)
    return checked


def _tiling_arguments(
    path: object, spans: object, low: object, high: object, step: object
) -> tuple[list[tuple[Decimal, Decimal]], Decimal, Decimal, Decimal]:
    problems: list[Problem] = []
    if not isinstance(path, str):
        problems.append(wrong_type("path", "kind.text", path))
    pairs: list[tuple[Decimal, Decimal]] = []
    if not isinstance(spans, list | tuple):
        problems.append(wrong_type("spans", "kind.list", spans))
    else:
        for index, span in enumerate(spans):
            where = f"spans[{index}]"
            if not isinstance(span, list | tuple) or len(span) != 2:
                problems.append(wrong_type(where, "rules.kind.pair", span))
                continue
            first = _number_arg(f"{where}[0]", span[0], problems)
            pairs.append((first, _number_arg(f"{where}[1]", span[1], problems)))
    bounds = tuple(
        _number_arg(n, v, problems) for n, v in (("low", low), ("high", high), ("step", step))
    )
    if problems:
        refuse(problems, "tiling_problems")
    return pairs, bounds[0], bounds[1], bounds[2]


def covers(rules: RuleFile, fiscal_year: FiscalYear) -> bool:
    """Whether ``rules`` are effective in ``fiscal_year``."""
    last = rules.last_year
    return rules.first_year <= fiscal_year and (last is None or fiscal_year <= last)


def _common_problems(rules: RuleFile) -> list[Problem]:
    problems: list[Problem] = []
    if rules.last_year is not None and rules.last_year < rules.first_year:
        problems.append(
            Problem(
                "last_year",
                "rules.end_before_start",
                {"first": rules.first_year.be, "last": rules.last_year.be},
            )
        )
    return problems


def _checked(cls: type[R], data: object, check: Checker, subject: str) -> R:
    rules = load(cls, data)
    return _check(rules, check, subject)


def _check(rules: R, check: Checker, subject: str) -> R:
    problems = _common_problems(rules) + list(check(rules))
    if problems:
        raise ValidationError(problems, subject)
    return rules


def _from_text(cls: type[R], text: str | bytes, check: Checker, subject: str) -> R:
    # JSON text goes through the same reader as `moralkit.from_json`, so its numbers obey the
    # same policy as parsed data: a fractional value is read and checked exactly the same way.
    try:
        rules = from_json(cls, text)
    except ValidationError as exc:
        raise ValidationError(exc.problems, subject) from None
    except RecursionError:
        raise ValidationError(
            [Problem("", "rules.invalid_json", {"detail": "nested too deeply"})], subject
        ) from None
    return _check(rules, check, subject)


def load_rules(cls: type[R], source: str | Path | bytes | Mapping[str, Any], check: Checker) -> R:
    """Read a rule file: a path, JSON text or bytes, or already-parsed data.

    The result is checked by the loader (types, unknown keys) and by ``check``; every
    problem is raised together as `moralkit.ValidationError` with its path. A file that is
    missing or unreadable raises `moralkit.ValidationError` naming the file; JSON text is read
    as `moralkit.from_json` reads it, so its numbers are checked exactly as parsed data's are.

    >>> from moralkit.ita import ItaRules, check_ita_rules
    >>> load_rules(ItaRules, Path("no-such-file.json"), check_ita_rules)
    Traceback (most recent call last):
    ...
    moralkit.errors.ValidationError: 1 problem in no-such-file.json:
      (input): cannot read no-such-file.json: No such file or directory / ...

    A ``cls`` that is not a `RuleFile` class, a ``source`` of another kind or a ``check`` that
    is not callable is refused the same way, at the argument's name.
    """
    if not (isinstance(cls, type) and issubclass(cls, RuleFile)) or not callable(check):
        _refuse_rule_arguments("load_rules", cls=cls, check=check)
    if isinstance(source, Path):
        subject = str(source)
        try:
            raw = source.read_bytes()
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise ValidationError(
                [Problem("", "rules.unreadable_file", {"file": subject, "reason": reason})],
                subject,
            ) from None
        return _from_text(cls, raw, check, subject)
    if isinstance(source, str | bytes):
        return _from_text(cls, source, check, cls.__name__)
    if not isinstance(source, Mapping):
        refuse([wrong_type("source", "rules.kind.source", source)], "load_rules")
    return _checked(cls, source, check, cls.__name__)


def _refuse_rule_arguments(subject: str, **arguments: object) -> None:
    """Refuse, together, the rule arguments (``cls``, ``rules``, ``check``) of the wrong kind."""
    problems: list[Problem] = []
    for name, value in arguments.items():
        if name == "cls" and not (isinstance(value, type) and issubclass(value, RuleFile)):
            problems.append(wrong_type(name, "rules.kind.rule_class", value))
        elif name == "rules" and not isinstance(value, RuleFile):
            problems.append(wrong_type(name, "rules.kind.rule_file", value))
        elif name == "check" and not callable(value):
            problems.append(wrong_type(name, "rules.kind.check", value))
    if problems:
        refuse(problems, subject)


def derive(rules: R, check: Checker, **changes: Any) -> R:
    """A changed copy of ``rules``, checked again; the original is untouched.

    Unless ``changes`` set them, the copy's ``id`` gains ``.derived``, its status becomes
    ``"unsourced"``, and its version gains ``+derived``: a variant is nobody's published rule.
    The copy is read back through the converter, so each changed value is checked as a rule
    file's value is (types, bounds, unknown statuses), with the field's name as its path.
    ``rules`` that are not a `RuleFile`, a ``check`` that is not callable, or a change to a
    field the rules do not have is refused with `moralkit.ValidationError` too.
    """
    if not isinstance(rules, RuleFile) or not callable(check):
        _refuse_rule_arguments("derive", rules=rules, check=check)
    known = attrs.fields_dict(type(rules))
    unknown = [name for name in changes if name not in known]
    if unknown:
        listed = tuple(sorted(known))
        refuse([Problem(n, "unknown_key", {"key": n, "known": listed}) for n in unknown], "derive")
    changes.setdefault("id", f"{rules.id}.derived")
    changes.setdefault("version", f"{rules.version}+derived")
    changes.setdefault("status", "unsourced")
    wire = dump(rules)
    for name, value in changes.items():
        try:
            wire[name] = dump(value)
        except ValidationError as exc:  # nested past the interpreter's limit
            refuse([p.at(name) for p in exc.problems], "derive")
    try:
        variant = load(type(rules), wire)
    except ValidationError as exc:
        raise ValidationError(exc.problems, "derive") from None
    return _check(variant, check, variant.id)


class RuleBook(Generic[R]):
    """The packaged rule files of one kind, looked up by fiscal year.

    ``package`` and ``folder`` locate the JSON files (``moralkit.ita``, ``rules``); each is
    loaded on first use and kept. Thread-safe.
    """

    def __init__(self, kind: str, cls: type[R], package: str, folder: str, check: Checker) -> None:
        self.kind = kind
        self.cls = cls
        self.check = check
        self._package = package
        self._folder = folder
        self._lock = threading.Lock()
        self._rules: tuple[R, ...] | None = None
        self._by_year: dict[int, R] = {}

    def all(self) -> tuple[R, ...]:
        """Every packaged rule file of this kind, oldest first."""
        if self._rules is None:
            with self._lock:
                if self._rules is None:
                    self._rules = self._load_all()
        return self._rules

    def _load_all(self) -> tuple[R, ...]:
        folder = files(self._package).joinpath(self._folder)
        loaded = [
            _from_text(self.cls, entry.read_bytes(), self.check, entry.name)
            for entry in sorted(folder.iterdir(), key=lambda e: e.name)
            if entry.name.endswith(".json")
        ]
        return tuple(sorted(loaded, key=lambda r: r.first_year))

    def years(self) -> tuple[int, ...]:
        """The BE fiscal years some packaged file covers (open-ended files up to their start)."""
        years: set[int] = set()
        for rules in self.all():
            last = rules.last_year or rules.first_year
            years.update(range(rules.first_year.be, last.be + 1))
        return tuple(sorted(years))

    def for_year(self, fiscal_year: FiscalYear | int) -> R:
        """The rules effective in ``fiscal_year``; `RuleNotFoundError` naming the years held."""
        be = fiscal_year.be if isinstance(fiscal_year, FiscalYear) else fiscal_year
        found = self._by_year.get(be)
        if found is not None:
            return found
        fy = fiscal_year if isinstance(fiscal_year, FiscalYear) else FiscalYear(fiscal_year)
        for rules in self.all():
            if covers(rules, fy):
                self._by_year[fy.be] = rules  # safe to race: every thread stores the same value
                return rules
        raise RuleNotFoundError(self.kind, fy.be, self.years())

    def by_id(self, rules_id: str) -> R:
        """The packaged rules with this id."""
        for rules in self.all():
            if rules.id == rules_id:
                return rules
        known = ", ".join(r.id for r in self.all())
        raise KeyError(f"no {self.kind!r} rules with id {rules_id!r}; packaged: {known}")

    def load(self, source: str | Path | bytes | Mapping[str, Any]) -> R:
        """Read a user's own rule file of this kind, with the same checks as packaged ones."""
        return load_rules(self.cls, source, self.check)

    def derive(self, rules: R, **changes: Any) -> R:
        """A checked variant of ``rules`` (see `derive`)."""
        return derive(rules, self.check, **changes)


_O = TypeVar("_O")
_P = TypeVar("_P")


def compiled(build: Callable[[_O], _P], kept: int = 64) -> Callable[[_O], _P]:
    """``build`` made once per rule object, cached by identity and forgotten with the object.

    Scoring compiles a rule file (weights as exact shares, bands, level plans) the first time
    it meets it; later calls with the same object reuse the result. Entries of objects that
    are gone are dropped when the cache grows past ``kept``, since their ids may be reused.
    Thread-safe; two threads may build the same plan once each, and either result is right.

    >>> calls = []
    >>> plan = compiled(lambda rules: calls.append(rules) or len(calls))
    >>> rules = RuleSource("S1", "a source")
    >>> plan(rules), plan(rules), len(calls)
    (1, 1, 1)
    """
    plans: dict[int, tuple[weakref.ref[Any], _P]] = {}
    lock = threading.Lock()

    def plan(rules: _O) -> _P:
        found = plans.get(id(rules))
        if found is not None and found[0]() is rules:
            return found[1]
        made = build(rules)
        with lock:
            if len(plans) >= kept:
                for key in [k for k, (ref, _) in plans.items() if ref() is None]:
                    del plans[key]
            plans[id(rules)] = (weakref.ref(rules), made)
        return made

    return plan
