"""The exceptions moralkit raises, and the `Problem` record they carry.

Every error subclasses `MoralkitError` *and* the builtin a caller would naturally catch
(`ValueError`, `LookupError`), so ``except ValueError`` keeps working. Errors keep their
structured fields, build their message in ``__str__``, pickle, and compare equal when their
fields are equal: services send them across process boundaries and tests compare them.

>>> problem = Problem("plans[0].budget", "below_minimum", {"minimum": 0, "value": -5})
>>> err = ValidationError([problem])
>>> isinstance(err, ValueError)
True
>>> print(err)
1 problem:
  plans[0].budget: must be >= 0 (got -5) / ต้องไม่น้อยกว่า 0 (ได้รับ -5)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from attrs import field, frozen

from moralkit.messages import Lang, render

__all__ = [
    "MoralkitError",
    "Problem",
    "RuleNotFoundError",
    "Severity",
    "ThaiDateError",
    "ValidationError",
]

Severity = Literal["error", "warning"]


def _params(value: Mapping[str, Any]) -> dict[str, Any]:
    return dict(value)


@frozen
class Problem:
    """One thing wrong with some input, located by its path.

    ``path`` uses attribute and index steps as written in Python: ``plans[2].projects[0].budget``;
    the empty string means the input as a whole. ``code`` is a stable machine-readable key from
    the message catalogue (``"wrong_type"``, ``"unknown_key"``, ``"below_minimum"`` ...), and
    ``params`` fill its templates: the messages are rendered in Thai or English on demand.
    ``severity`` is ``"error"`` or ``"warning"`` (validation can warn without rejecting).

    >>> p = Problem("plans[0].budget", "below_minimum", {"minimum": 0, "value": -5})
    >>> p.message("en")
    'must be >= 0 (got -5)'
    >>> str(p)
    'plans[0].budget: must be >= 0 (got -5) / ต้องไม่น้อยกว่า 0 (ได้รับ -5)'
    """

    path: str
    code: str
    params: Mapping[str, Any] = field(factory=dict, converter=_params, hash=False)
    severity: Severity = field(default="error")

    @classmethod
    def legacy(
        cls, path: str, code: str, message_en: str, message_th: str, severity: Severity = "error"
    ) -> Problem:
        """A problem whose words are given rather than read from the catalogue."""
        return cls(path, code, {"_en": message_en, "_th": message_th}, severity)

    def message(self, lang: Lang) -> str:
        """The message in ``lang`` (``"th"`` or ``"en"``), rendered from the catalogue."""
        legacy = self.params.get("_" + lang)
        if isinstance(legacy, str):
            return legacy
        return render(self.code, lang, self.params)

    @property
    def message_en(self) -> str:
        """The message in English."""
        return self.message("en")

    @property
    def message_th(self) -> str:
        """The message in Thai."""
        return self.message("th")

    def __str__(self) -> str:
        where = self.path or render("core.input", "en")
        flag = "" if self.severity == "error" else f" [{render('core.warning', 'en')}]"
        return f"{where}{flag}: {self.message_en} / {self.message_th}"

    def at(self, prefix: str) -> Problem:
        """Return the same problem with ``prefix`` put in front of its path.

        >>> Problem("budget", "below_minimum").at("plans[2]").path
        'plans[2].budget'
        >>> Problem("[0]", "below_minimum").at("plans").path
        'plans[0]'
        """
        if not prefix:
            return self
        if not self.path:
            path = prefix
        elif self.path.startswith("["):
            path = prefix + self.path
        else:
            path = f"{prefix}.{self.path}"
        return Problem(path, self.code, self.params, self.severity)


class MoralkitError(Exception):
    """Base class of every exception moralkit raises on purpose."""

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.args == other.args

    def __hash__(self) -> int:
        return hash((type(self), self.args))


class ValidationError(MoralkitError, ValueError):
    """Input that does not fit: every problem found, each with its path.

    ``problems`` is a tuple of `Problem`; ``str(err)`` lists them all. Loaders never raise
    after the first problem: they collect all of them first.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem], subject: str = "") -> None:
        self.problems = tuple(problems)
        self.subject = subject
        super().__init__(self.problems, subject)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.problems, self.subject))

    def __str__(self) -> str:
        count = len(self.problems)
        head = render("core.problem" if count == 1 else "core.problems", "en", {"count": count})
        if self.subject:
            head += " " + render("core.in_subject", "en", {"subject": self.subject})
        return head + ":\n" + "\n".join(f"  {p}" for p in self.problems)

    @property
    def paths(self) -> tuple[str, ...]:
        """The path of each problem, in order."""
        return tuple(p.path for p in self.problems)


#: The forms `parse_thai_date` accepts, shown in every `ThaiDateError`.
DATE_FORMS: Sequence[tuple[str, str]] = (
    ("16 กันยายน 2567", "day, full month name, Buddhist-Era year"),
    ("16 ก.ย. 2567 / 16 ก.ย 67", "abbreviated month (dots optional), 4- or 2-digit BE year"),
    ("๑๖ กันยายน ๒๕๖๗", "Thai digits"),
    ("วันจันทร์ที่ 16 กันยายน พ.ศ. 2567", "leading weekday (must match), optional พ.ศ."),
    ("16 กันยายน ค.ศ. 2024", "Common-Era year, marked ค.ศ."),
    ("16/09/2567", "numeric, day first, BE year"),
    ("2024-09-16", "ISO 8601 (Common Era)"),
)


class ThaiDateError(MoralkitError, ValueError):
    """A Thai date, date range or fiscal year that cannot be read or does not exist.

    The message quotes the input, says what is wrong in English and Thai, and shows the forms
    that are accepted.
    """

    def __init__(self, text: str | None, problem_en: str, problem_th: str) -> None:
        self.text = text
        self.problem_en = problem_en
        self.problem_th = problem_th
        super().__init__(text, problem_en, problem_th)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.text, self.problem_en, self.problem_th))

    def __str__(self) -> str:
        if self.text is None:
            return f"{self.problem_en} / {self.problem_th}"
        forms = "\n".join(f"  {_pad(example, 36)} {what}" for example, what in DATE_FORMS)
        return (
            f"cannot read {self.text!r}: {self.problem_en} / {self.problem_th}\n"
            f"Accepted forms (รูปแบบที่รับได้):\n{forms}"
        )


def _pad(text: str, width: int) -> str:
    # Thai vowel and tone marks take no column of their own on a terminal.
    shown = sum(1 for ch in text if unicodedata.category(ch) not in ("Mn", "Me", "Cf"))
    return text + " " * max(width - shown, 0)


class RuleNotFoundError(MoralkitError, LookupError):
    """No rule file of the asked kind covers the asked fiscal year.

    >>> print(RuleNotFoundError("ita", 2555, (2562, 2563)))
    no 'ita' rules for fiscal year 2555; available: 2562, 2563
    """

    def __init__(self, kind: str, fiscal_year: int, available: Iterable[int]) -> None:
        self.kind = kind
        self.fiscal_year = fiscal_year
        self.available = tuple(sorted(available))
        super().__init__(kind, fiscal_year, self.available)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.kind, self.fiscal_year, self.available))

    def __str__(self) -> str:
        years = ", ".join(str(y) for y in self.available) or "none"
        return f"no {self.kind!r} rules for fiscal year {self.fiscal_year}; available: {years}"
