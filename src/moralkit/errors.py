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
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal, overload

from attrs import field, frozen

from moralkit.messages import Lang, Verbatim, render, show

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
    # A problem keeps what it shows, not the caller's object: a huge integer, or a list, dict
    # or set (mutable, maybe huge or deeply nested), is kept as its shown text, so that the
    # problem's repr, pickling and comparison never walk or convert it.
    return {key: _kept(item) for key, item in value.items()}


def _kept(item: object) -> object:
    if type(item) is int:
        return item if item.bit_length() < 256 else show(item)
    if isinstance(item, list | tuple | set | frozenset) and not isinstance(item, str):
        if len(item) <= 100 and all(_plain(i) for i in item):
            return item if type(item) is tuple else tuple(item)  # a list of scalars, frozen
        return show(item)
    if isinstance(item, dict):
        return show(item)
    return item


def _plain(item: object) -> bool:
    return (
        isinstance(item, str | bool | float | Decimal)
        or item is None
        or (type(item) is int and item.bit_length() < 256)
    )


class InLanguage:
    """A read-only attribute that says something in one language: ``say(obj, lang)``.

    Words are rendered when read, never stored; one class serves every pair of
    ``..._en`` / ``..._th`` attributes (`Problem.message_en`, the reasons of an assessment).

    >>> class Greeting:
    ...     def say(self, lang):
    ...         return {"th": "สวัสดี", "en": "hello"}[lang]
    ...     hello_en = InLanguage(say, "en")
    >>> Greeting().hello_en
    'hello'
    """

    __slots__ = ("lang", "say")

    def __init__(self, say: Callable[[Any, Lang], str], lang: Lang) -> None:
        self.say = say
        self.lang = lang

    @overload
    def __get__(self, owner: None, kind: type) -> InLanguage: ...
    @overload
    def __get__(self, owner: object, kind: type | None = None) -> str: ...
    def __get__(self, owner: object, kind: type | None = None) -> InLanguage | str:
        return self if owner is None else self.say(owner, self.lang)


class _Rendered:
    """What a ``code`` with its ``params`` says, rendered from the catalogue on demand."""

    __slots__ = ()

    code: str
    params: Mapping[str, Any]

    def message(self, lang: Lang) -> str:
        """The message in ``lang`` (``"th"`` or ``"en"``), rendered from the catalogue."""
        return render(self.code, lang, self.params)

    message_en = InLanguage(message, "en")
    """The message in English."""
    message_th = InLanguage(message, "th")
    """The message in Thai."""


@frozen
class Problem(_Rendered):
    """One thing wrong with some input, located by its path.

    ``path`` uses attribute and index steps as written in Python: ``plans[2].projects[0].budget``;
    the empty string means the input as a whole. ``code`` is a stable machine-readable key from
    the message catalogue (``"wrong_type"``, ``"unknown_key"``, ``"below_minimum"`` ...), and
    ``params`` fill its templates: the messages are rendered in Thai or English on demand.
    ``severity`` is ``"error"`` or ``"warning"`` (validation can warn without rejecting).
    ``message(lang)`` renders the message in ``"th"`` or ``"en"``; ``message_en`` and
    ``message_th`` are the two at hand.

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
            head += " " + render("core.in_subject", "en", {"subject": Verbatim(self.subject)})
        return head + ":\n" + "\n".join(f"  {p}" for p in self.problems)

    @property
    def paths(self) -> tuple[str, ...]:
        """The path of each problem, in order."""
        return tuple(p.path for p in self.problems)


#: The forms `parse_thai_date` accepts, shown in every `ThaiDateError`: an example of each
#: form and the catalogue code (``date.form.*``) of its description in Thai and English.
DATE_FORMS: Sequence[tuple[str, str]] = (
    ("16 กันยายน 2567", "date.form.full"),
    ("16 ก.ย. 2567 / 16 ก.ย 67", "date.form.abbr"),
    ("๑๖ กันยายน ๒๕๖๗", "date.form.thai_digits"),
    ("วันจันทร์ที่ 16 กันยายน พ.ศ. 2567", "date.form.weekday"),
    ("16 กันยายน 2024 / 16 กันยายน ค.ศ. 2024", "date.form.common_era"),
    ("September 16, 2567 BE / 16 Sep 2567 B.E.", "date.form.english"),
    ("16/09/2567", "date.form.numeric"),
    ("2024-09-16", "date.form.iso"),
    ("16 กันยายน 2567 เวลา 09.30 น.", "date.form.time"),
)

#: Longest input quoted in a message; longer text is cut, with its length shown.
_QUOTED_LENGTH = 80


class ThaiDateError(MoralkitError, ValueError, _Rendered):
    """A Thai date, date range, time or fiscal year that cannot be read or does not exist.

    ``code`` is a catalogue code (``date.day_out_of_range``, ``date.weekday_mismatch`` ...;
    every one is listed in the Thai-dates docs) and ``params`` fill its templates, with month
    and weekday names as `Words`, so ``Problem(path, err.code, err.params)`` says the same.
    ``text`` is the input that could not be read, or ``None`` when no text was read.
    ``message(lang)``, ``message_en`` and ``message_th`` say what is wrong; ``str(err)``
    quotes the input, says what is wrong in English and Thai, and shows the accepted forms.

    >>> from moralkit.messages import Words
    >>> june = Words("มิถุนายน", "June")
    >>> err = ThaiDateError("31 มิถุนายน 2562", "date.day_out_of_range",
    ...                     {"day": 31, "month_name": june, "year": 2562, "days": 30})
    >>> err.message("en")
    'day 31 is out of range for June 2562 (30 days)'
    >>> err.message("th")
    'ไม่มีวันที่ 31 ในเดือนมิถุนายน 2562 (มี 30 วัน)'
    """

    text: str | None
    code: str
    params: Mapping[str, Any]

    def __init__(
        self,
        text: str | None,
        code: str,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        self.text = text
        self.code = code
        self.params = _params(params or {})
        super().__init__(text, code, self.params)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.text, self.code, dict(self.params)))

    def __hash__(self) -> int:
        return hash((type(self), self.text, self.code))

    # The names these messages had before the catalogue; kept for existing callers.
    problem_en = _Rendered.message_en
    problem_th = _Rendered.message_th

    def __str__(self) -> str:
        said = f"{self.message_en} / {self.message_th}"
        if self.text is None:
            return said
        forms = "\n".join(
            f"  {_pad(example, 42)} {render(code, 'en')} / {render(code, 'th')}"
            for example, code in DATE_FORMS
        )
        return f"cannot read {_quoted(self.text)}: {said}\nAccepted forms (รูปแบบที่รับได้):\n{forms}"


def _quoted(text: str) -> str:
    if len(text) <= _QUOTED_LENGTH:
        return repr(text)
    return f"{text[: _QUOTED_LENGTH - 4]!r} ... ({len(text)} characters)"


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
