r"""Field constraints, reference specs and the text policy: what every type-walker reads.

A field declares its rule once, in its attrs metadata: a `Constraint` (bounds, length,
pattern), a `Constraint` for each item of a tuple, or a `Reference` naming the kind of object
its id points at. The serializer checks constraints with a path, the attrs validator checks
them on direct construction, the JSON Schema states them, the Hypothesis strategies respect
them, and `moralkit.validate` derives its cross-object reference checks from the references.
This module knows no domain class.

>>> Constraint(minimum=0).problem(-5)
Problem(path='', code='below_minimum', params={'minimum': 0, 'value': -5}, severity='error')
>>> Constraint(minimum=0).problem(5) is None
True
>>> text_problem("\u200b").code
'blank'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from moralkit.errors import Problem, ValidationError
from moralkit.messages import Term

__all__ = [
    "CONSTRAINT_KEY",
    "INVARIANTS",
    "ITEM_CONSTRAINT_KEY",
    "PLAINLY_VISIBLE",
    "PLAIN_TEXT",
    "REFERENCE_KEY",
    "Constraint",
    "Reference",
    "check_invariants",
    "invariant",
    "is_blank",
    "plain_text",
    "text_problem",
]

#: The key under which a field's `Constraint` sits in its attrs metadata.
CONSTRAINT_KEY = "moralkit.constraint"
#: The key for a `Constraint` that applies to each item of a tuple field.
ITEM_CONSTRAINT_KEY = "moralkit.item_constraint"
#: The key for a `Reference`: the field holds the id (or ids) of another object.
REFERENCE_KEY = "moralkit.reference"


# --- text ------------------------------------------------------------------------------------

# Control characters other than tab, line feed and carriage return, and lone surrogates.
_BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# First characters that are plainly visible: ASCII letters and digits, Thai letters and digits.
_PLAINLY_VISIBLE_RANGES = "0-9A-Za-z\u0e01-\u0e2e\u0e40-\u0e44\u0e50-\u0e59"
_PLAINLY_VISIBLE = re.compile(f"[{_PLAINLY_VISIBLE_RANGES}]")
#: The plainly visible first characters, as a set (one look-up instead of a match).
PLAINLY_VISIBLE = frozenset(
    chr(code) for code in range(0x0E5A) if _PLAINLY_VISIBLE.fullmatch(chr(code))
)
# Categories that show something on their own: letters, numbers, punctuation, symbols.
_VISIBLE_CATEGORIES = frozenset("LNPS")
#: Ordinary text in one pass: a plainly visible first character and no bad character anywhere.
#: Text it matches passes the text policy; anything else takes the full check.
PLAIN_TEXT = re.compile(
    f"[{_PLAINLY_VISIBLE_RANGES}][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]*"
)


def plain_text(text: str) -> bool:
    r"""True when ``text`` plainly passes the text policy: not blank, no bad character.

    Exactly the texts `PLAIN_TEXT` matches. `str.isprintable` answers most of them faster
    than the pattern: a printable text has no control character and no lone surrogate (they
    are categories Cc and Cs, which are not printable), and a plainly visible first character
    is not blank. Text with a tab or a line break, or with a no-break or zero-width space,
    is not printable but may still be plain: the pattern decides.

    >>> plain_text("สัมมนา"), plain_text("a\tb"), plain_text(" a"), plain_text("a\x00")
    (True, True, False, False)
    """
    return (text[:1] in PLAINLY_VISIBLE and text.isprintable()) or (
        PLAIN_TEXT.fullmatch(text) is not None
    )


def is_blank(text: str) -> bool:
    r"""True when ``text`` shows nothing: only spaces, invisible formatting or lone marks.

    Zero-width spaces, the byte-order mark, NUL and a combining mark with no letter to sit on
    count as blank, as do the empty string and white space.

    >>> is_blank(" \u200b\ufeff"), is_blank("\u0e31"), is_blank("ก")
    (True, True, False)
    """
    if text and _PLAINLY_VISIBLE.match(text):
        return False
    return not any(unicodedata.category(ch)[0] in _VISIBLE_CATEGORIES for ch in text)


def text_problem(text: str, *, allow_blank: bool = False) -> Problem | None:
    r"""The text policy: no lone surrogates, no control characters, and (usually) not blank.

    Tab, line feed and carriage return are allowed. The problem names the character by its
    code point and position.

    >>> text_problem("ab\x00").params["character"]
    'U+0000'
    >>> text_problem("ok") is None
    True
    """
    if plain_text(text):
        return None
    bad = _BAD_CHARACTER.search(text)
    if bad is not None:
        return Problem(
            "",
            "bad_character",
            {"character": f"U+{ord(bad.group()):04X}", "position": bad.start()},
        )
    if not allow_blank and is_blank(text):
        return Problem("", "blank")
    return None


# --- constraints -----------------------------------------------------------------------------


@attrs.frozen
class Constraint:
    """A single-field rule: bounds, length and pattern; read by load, schema and strategies.

    ``minimum``/``maximum`` are inclusive. ``min_length`` applies to strings (counting
    visible text: a blank-looking string is ``blank``) and tuples. ``pattern`` is matched in
    full; ``format`` is the catalogue term that says in words what it asks for.

    >>> Constraint(min_length=1).problem(" ").code
    'blank'
    >>> Constraint(pattern="[a-z]+", format="format.id").problem("A").code
    'bad_format'
    """

    minimum: int | Decimal | None = None
    maximum: int | Decimal | None = None
    min_length: int | None = None
    pattern: str | None = None
    format: str | None = None
    _compiled: re.Pattern[str] | None = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        compiled = re.compile(self.pattern) if self.pattern is not None else None
        object.__setattr__(self, "_compiled", compiled)

    def problem(self, value: object) -> Problem | None:
        """The problem (with an empty path) when ``value`` breaks the rule, else None."""
        if value is None:
            return None
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            if self.minimum is not None and value < self.minimum:
                return Problem("", "below_minimum", {"minimum": self.minimum, "value": value})
            if self.maximum is not None and value > self.maximum:
                return Problem("", "above_maximum", {"maximum": self.maximum, "value": value})
            return None
        if self.min_length is not None:
            if isinstance(value, str):
                if self.min_length == 1 and is_blank(value):
                    return Problem("", "blank")
                if len(value.strip()) < self.min_length:
                    return Problem(
                        "", "too_short", {"minimum": self.min_length, "count": len(value.strip())}
                    )
            elif isinstance(value, tuple) and len(value) < self.min_length:
                return Problem("", "too_short", {"minimum": self.min_length, "count": len(value)})
        if (
            self._compiled is not None
            and isinstance(value, str)
            and not self._compiled.fullmatch(value)
        ):
            expected = Term(self.format) if self.format else Term("format.pattern")
            return Problem("", "bad_format", {"expected": expected, "value": value})
        return None

    def validator(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        """An attrs validator: building an object with a bad value raises `ValidationError`.

        The problem has the field's name as its path and the rule's code, as `load` reports it
        (`ValidationError` is a `ValueError`, so ``except ValueError`` still catches it).
        """
        found = self.problem(value)
        if found is not None:
            raise ValidationError([found.at(attribute.name)], type(instance).__name__)

    def each(
        self, instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]
    ) -> None:
        """An attrs validator applying the rule to each item of a tuple, every problem at once."""
        problems = []
        for index, item in enumerate(value):
            found = self.problem(item)
            if found is not None:
                problems.append(found.at(f"{attribute.name}[{index}]"))
        if problems:
            raise ValidationError(problems, type(instance).__name__)


@attrs.frozen
class Reference:
    """The field holds the id (or a tuple of ids) of an object of kind ``target``.

    Kinds are the collections of a `moralkit.model.Dataset` in the singular: ``organization``,
    ``person``, ``document``, ``event``, ``national_plan``; ``activity`` refers to an activity
    of the same plan. `moralkit.validate` checks every declared reference.
    """

    target: str


# --- cross-field invariants of a class, checked before it is built ---------------------------

Invariant = Callable[[Mapping[str, Any]], list[Problem]]

#: Checks that need several fields of one class (``end`` not before ``start``), keyed by class.
#: The converter runs them on the structured fields, so a bad combination becomes a problem
#: with its path instead of an exception from the class's own check.
INVARIANTS: dict[type[Any], Invariant] = {}


def invariant(cls: type[Any]) -> Callable[[Invariant], Invariant]:
    """Register ``check(fields) -> problems`` for ``cls`` (fields as given to its ``__init__``)."""

    def register(check: Invariant) -> Invariant:
        INVARIANTS[cls] = check
        return check

    return register


def check_invariants(cls: type[Any], fields: Mapping[str, Any]) -> list[Problem]:
    """The problems the registered invariant of ``cls`` finds in ``fields`` (none if none)."""
    check = INVARIANTS.get(cls)
    return check(fields) if check is not None else []
