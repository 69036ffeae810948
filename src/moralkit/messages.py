"""The message catalogue: every problem, reason, status and heading code in Thai and English.

Words live here and in the JSON files of ``moralkit/catalogue/``, one file per area
(``core.json``, ``serde.json``, ``ita.json`` ...). Each file maps a code to a template in each
language; templates take named parameters in ``{braces}``, and the Thai and English templates
of a code take the same parameters. Nothing else in moralkit builds sentences: problems and
results carry codes and parameters, and text is rendered here, when someone asks for it.

>>> render("status.unsourced", "en")
'no published source; a replaceable assumption'
>>> render("status.unsourced", "th")
'ไม่มีแหล่งที่มาที่เผยแพร่ เป็นข้อสมมุติที่เปลี่ยนได้'
>>> render("core.problems", "en", {"count": 2})
'2 problems'
"""

from __future__ import annotations

import itertools
import json
import string
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Literal, NoReturn, get_args

from attrs import frozen

if TYPE_CHECKING:
    from moralkit.errors import Problem

__all__ = [
    "LANGS",
    "Lang",
    "Template",
    "Term",
    "Verbatim",
    "Words",
    "catalogue",
    "check_lang",
    "lang_problem",
    "render",
    "show",
    "status_text",
]

#: The languages every message exists in. Thai comes first: it is what most readers read.
Lang = Literal["th", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)

#: The longest a parameter value is shown in a message, in characters.
SHOWN_LENGTH = 60


@frozen
class Template:
    """A code's two templates and the parameter names they take."""

    code: str
    th: str
    en: str
    params: frozenset[str]

    def text(self, lang: Lang) -> str:
        """The template in ``lang``; any other ``lang`` is refused (see `check_lang`)."""
        if lang == "th":
            return self.th
        if lang != "en":
            _refuse_lang(lang)
        return self.en


def _fields(template: str) -> frozenset[str]:
    return frozenset(
        name.split(".")[0].split("[")[0]
        for _, name, _, _ in string.Formatter().parse(template)
        if name
    )


def _read(area: str, raw: Mapping[str, object]) -> Iterable[Template]:
    for code, entry in raw.items():
        if not isinstance(entry, Mapping) or set(entry) != {"th", "en"}:
            raise ValueError(f"catalogue {area}: {code!r} must have exactly 'th' and 'en'")
        th, en = entry["th"], entry["en"]
        if not isinstance(th, str) or not isinstance(en, str) or not th or not en:
            raise ValueError(f"catalogue {area}: {code!r} needs non-empty 'th' and 'en' text")
        if _fields(th) != _fields(en):
            raise ValueError(
                f"catalogue {area}: {code!r} takes {sorted(_fields(en))} in English "
                f"but {sorted(_fields(th))} in Thai"
            )
        yield Template(code, th, en, _fields(en))


@cache
def catalogue() -> Mapping[str, Template]:
    """Every code the library knows, read once from the packaged catalogue files."""
    found: dict[str, Template] = {}
    folder = files("moralkit") / "catalogue"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        area = entry.name.removesuffix(".json")
        for template in _read(area, json.loads(entry.read_text(encoding="utf-8"))):
            if template.code in found:
                raise ValueError(f"catalogue {area}: {template.code!r} is defined twice")
            found[template.code] = template
    return found


class Verbatim(str):
    """Text a message shows whole, such as the file name an error is about."""

    __slots__ = ()


def show(value: object, *, _depth: int = 0) -> str:
    """A parameter value as a message shows it: short, plain, never a huge ``repr``.

    >>> show(Decimal("84.50")), show(True), show(("a", "b"))
    ('84.50', 'true', 'a, b')
    >>> show("/tmp/" + "x" * 100 + "/rubric.json")[-20:]
    'xxxxxxxx/rubric.json'
    >>> show(Verbatim("/tmp/" + "x" * 100))[-3:]
    'xxx'
    >>> show(10**5000), show({"a": 1, "b": 2}), show([[], [1, 2]])
    ('~10^5000', '{a, b}', '[[], [1, 2]]')

    Nothing in it is a word of one language: a message in Thai shows the same value.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return show(value.value)
    if isinstance(value, int):
        digits = len(str(abs(value))) if abs(value) < 10**SHOWN_LENGTH else None
        if digits is None:
            # Counting digits of a huge int without str(): bit length gives it to within one.
            approx = int(abs(value).bit_length() * 0.30103)
            return f"{'-' if value < 0 else ''}~10^{approx}"
        return str(value)
    if isinstance(value, Decimal):
        return str(value) if value.is_finite() and abs(value.adjusted()) < 30 else f"{value:.6E}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Verbatim):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, str):
        value = value.encode("utf-8", "backslashreplace").decode("utf-8")  # lone surrogates
        # Cut in the middle: the end of a long text (a file name, a code) says most.
        keep = (SHOWN_LENGTH - 5) // 2
        return value if len(value) <= SHOWN_LENGTH else value[:keep] + " ... " + value[-keep:]
    if isinstance(value, dict):
        keys = [_depth_safe(key, _depth + 1) for key in itertools.islice(value, 5)]
        shown = "{" + ", ".join(keys) + (", ...}" if len(value) > len(keys) else "}")
        return shown if len(shown) <= SHOWN_LENGTH else shown[: SHOWN_LENGTH - 5] + " ...}"
    if isinstance(value, tuple | list | frozenset | set):
        items = [_depth_safe(item, _depth + 1) for item in itertools.islice(value, 10)]
        if isinstance(value, frozenset | set):
            items.sort()  # a set's order changes from run to run; its message must not
        shown = ", ".join(items) + (", ..." if len(value) > len(items) else "")
        nested = any(isinstance(item, tuple | list) for item in itertools.islice(value, 10))
        if _depth > 0 or not items or nested:  # lists inside lists keep their brackets
            shown = f"[{shown}]"
        return shown if len(shown) <= SHOWN_LENGTH else shown[: SHOWN_LENGTH - 4] + " ..."
    if value is None:
        return "-"
    text = _bounded_repr(value)
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 4] + " ..."


def _bounded_repr(value: object) -> str:
    try:
        return repr(value)
    except (ValueError, RecursionError, TypeError):  # huge or deep values, odd reprs
        return f"a {type(value).__name__}"


class Term(str):
    """A parameter that is itself a catalogue code, rendered in the message's language.

    It is a plain `str` (it pickles, compares and serializes as its code).

    >>> render("wrong_type", "en", {"expected": Term("kind.integer"), "value": "7"})
    'expected an integer (got 7)'
    """

    __slots__ = ()


@frozen
class Words:
    """A parameter given in both languages (a label, another library's reason): shown as is.

    >>> render("unreadable_dates_text", "th", {"text": "x", "reason": Words("ไทย", "English")})
    'อ่านวันที่ใน x ไม่ได้: ไทย'
    """

    th: str
    en: str


def _depth_safe(value: object, depth: int = 0) -> str:
    # show() recurses into containers only a few levels, so a deep value is never walked.
    if depth > 2 and isinstance(value, tuple | list | frozenset | set | dict):
        return "[...]" if not isinstance(value, dict) else "{...}"
    return show(value, _depth=depth)


class _Shown(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def check_lang(lang: object) -> Lang:
    """``lang`` itself when it is ``"th"`` or ``"en"``; anything else is refused.

    Every function that renders words checks its language here (through `render`), so a
    misspelt ``lang`` is never read as English. The refusal is `moralkit.ValidationError`
    with code ``not_allowed`` at path ``lang``, listing the languages there are.

    >>> check_lang("th")
    'th'
    >>> check_lang("EN")
    Traceback (most recent call last):
    ...
    moralkit.errors.ValidationError: 1 problem:
      lang: expected one of th, en (got EN) / ต้องเป็นค่าใดค่าหนึ่งใน th, en (ได้รับ EN)
    """
    if not isinstance(lang, str) or lang not in ("th", "en"):
        _refuse_lang(lang)
    return lang  # type: ignore[return-value]  # narrowed by the comparisons above


def lang_problem(lang: object) -> Problem | None:
    """The problem with ``lang`` (``not_allowed`` at path ``lang``), or None for th / en.

    For functions that report every bad argument at once; `check_lang` raises it alone.

    >>> lang_problem("en") is None, lang_problem("fr").code
    (True, 'not_allowed')
    """
    if isinstance(lang, str) and lang in LANGS:
        return None
    from moralkit.errors import Problem  # noqa: PLC0415 (errors imports us)

    # The value is kept as shown text: the error pickles and compares whatever was passed.
    return Problem("lang", "not_allowed", {"allowed": LANGS, "value": show(lang)})


def _refuse_lang(lang: object) -> NoReturn:
    from moralkit.errors import ValidationError  # noqa: PLC0415 (errors imports us)

    problem = lang_problem(lang)
    assert problem is not None  # only called for a language that is not th or en
    raise ValidationError([problem])


def _refuse_code(code: object) -> NoReturn:
    from moralkit.errors import Problem, ValidationError  # noqa: PLC0415 (errors imports us)

    raise ValidationError([Problem("code", "core.unknown_code", {"code": show(code)})])


def _refuse_params(params: object) -> NoReturn:
    from moralkit.errors import Problem, ValidationError  # noqa: PLC0415 (errors imports us)

    expected = Term("kind.object")
    problem = Problem("params", "wrong_type", {"expected": expected, "value": show(params)})
    raise ValidationError([problem])


def render(code: str, lang: Lang, params: Mapping[str, object] | None = None) -> str:
    """The message of ``code`` in ``lang``, with ``params`` filled in.

    A ``lang`` other than ``"th"`` or ``"en"`` is refused with `moralkit.ValidationError`
    (see `check_lang`), never read as English. So is a code the catalogue does not hold
    (``core.unknown_code`` at path ``code``); the catalogue test makes sure moralkit uses none.

    >>> render("core.warning", "fr")
    Traceback (most recent call last):
    ...
    moralkit.errors.ValidationError: 1 problem:
      lang: expected one of th, en (got fr) / ต้องเป็นค่าใดค่าหนึ่งใน th, en (ได้รับ fr)
    """
    # Checked once here, cheaply (this runs for every message); isinstance first, so an
    # array-like `lang` never answers `==` with an array.
    if not isinstance(lang, str) or lang not in ("th", "en"):
        _refuse_lang(lang)
    template = catalogue().get(code) if isinstance(code, str) else None
    if template is None:
        _refuse_code(code)
    if params is not None and type(params) is not dict and not isinstance(params, Mapping):
        _refuse_params(params)
    shown = _Shown(
        {
            name: render(value, lang)
            if isinstance(value, Term)
            else (value.th if lang == "th" else value.en)
            if isinstance(value, Words)
            else show(value)
            for name, value in (params or {}).items()
        }
    )
    return template.text(lang).format_map(shown)


def status_text(status: str, lang: Lang) -> str:
    """How a rule value's status reads (``verified``, ``unsourced`` ...), never dropped in Thai.

    >>> status_text("inferred", "en")
    'inferred from the sources, not stated in them'

    A status that is not one of them is refused with `moralkit.ValidationError`
    (``not_allowed`` at path ``status``).
    """
    if not isinstance(status, str) or f"status.{status}" not in catalogue():
        from moralkit.errors import Problem, ValidationError  # noqa: PLC0415 (errors imports us)

        known = tuple(
            code.removeprefix("status.") for code in catalogue() if code.startswith("status.")
        )
        problem = Problem("status", "not_allowed", {"allowed": known, "value": show(status)})
        raise ValidationError([problem])
    return render(f"status.{status}", lang)
