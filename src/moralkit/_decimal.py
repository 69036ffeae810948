"""The one place for exact rounding and percentages, in a local decimal context.

Scores, percentages and money are `~decimal.Decimal`. Every rounding in moralkit goes through
`round_half_up`, which works in whole numbers (so no decimal context, the caller's included,
can change a figure), and every percentage through `percent`.

>>> round_half_up(Fraction(84985, 1000), 2)
Decimal('84.99')
>>> percent(108, 120)
Decimal('90.00')
>>> percent(1, 3, places=4)
Decimal('33.3333')
"""

from __future__ import annotations

import decimal
import math
import re
from decimal import Decimal
from fractions import Fraction

from moralkit.errors import Problem
from moralkit.messages import Term

__all__ = [
    "CONTEXT",
    "MAX_MAGNITUDE",
    "MAX_PLACES",
    "check_decimal",
    "check_integer",
    "exact",
    "percent",
    "plain_scalar",
    "round_half_up",
]

#: A context for the few Decimal operations that are not whole-number arithmetic: wide enough
#: for every figure moralkit accepts, with traps on, so nothing is silently rounded. Use it as
#: ``with decimal.localcontext(CONTEXT): ...``; never rely on the caller's context.
CONTEXT = decimal.Context(
    prec=60,
    rounding=decimal.ROUND_HALF_UP,
    Emin=-999,
    Emax=999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)


def exact(value: Decimal | int | Fraction) -> Fraction:
    """An exact rational of a finite Decimal, int or Fraction."""
    return value if isinstance(value, Fraction) else Fraction(value)


def round_half_up(value: Fraction | Decimal | int, places: int) -> Decimal:
    """Round half-up (away from zero), exactly, to ``places`` decimal places.

    floor(|n|/d * 10**places + 1/2) in whole numbers: (2 * |n| * 10**places + d) // (2 * d),
    with the sign put back.

    >>> round_half_up(Fraction(-5, 1000), 2)
    Decimal('-0.01')
    >>> round_half_up(Decimal("2.5"), 0)
    Decimal('3')
    >>> import decimal
    >>> with decimal.localcontext(decimal.Context(prec=2)):
    ...     round_half_up(Fraction(84455, 1000), 2)
    Decimal('84.46')
    """
    fraction = exact(value)
    numerator, denominator = abs(fraction.numerator), fraction.denominator
    whole = (2 * numerator * 10**places + denominator) // (2 * denominator)
    # Built from its digits, not with scaleb(), which would round to the caller's precision.
    digits = tuple(int(d) for d in str(whole))
    return Decimal((1 if fraction < 0 and whole else 0, digits, -places))


def percent(
    part: Fraction | Decimal | int, whole: Fraction | Decimal | int, places: int = 2
) -> Decimal:
    """``part`` as a percentage of ``whole``, rounded half-up to ``places``.

    Raises `ZeroDivisionError` when ``whole`` is zero: callers decide what an empty whole means.
    """
    whole_exact = exact(whole)
    if whole_exact == 0:
        raise ZeroDivisionError("percentage of an empty whole")
    return round_half_up(exact(part) * 100 / whole_exact, places)


# --- the input number policy ----------------------------------------------------------------
#
# Every number moralkit reads (through the converter or as an argument of a scoring or
# evaluation function) passes one of these two checks. They bound a value *before* anything
# formats or computes with it, so a few bytes of input can never cost minutes of arithmetic or
# a 4,300-digit conversion error. Rounding stays above; this section only says what comes in.

#: The largest magnitude accepted, exclusive: a thousand trillion (baht, people, answers).
MAX_MAGNITUDE = 10**15
#: The most decimal places a number may carry (scores use 2 to 4, money 2).
MAX_PLACES = 12

_PLAIN_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?", re.ASCII)
_THAI_DIGITS = frozenset("๐๑๒๓๔๕๖๗๘๙")
# Long enough for MAX_MAGNITUDE with MAX_PLACES and a sign, short enough to refuse cheaply.
_LONGEST_TEXT = 40


def plain_scalar(value: object) -> object:
    """Numpy and pandas scalars as their Python twins: ``int64`` -> int, ``NA`` -> None.

    Neither library is imported: the value's own type says where it comes from.

    >>> plain_scalar(7), plain_scalar("x")
    (7, 'x')
    """
    module = type(value).__module__
    if module.startswith("numpy"):
        item = getattr(value, "item", None)
        return item() if callable(item) else value
    if module.startswith("pandas") and type(value).__name__ in ("NAType", "NaTType"):
        return None
    return value


def _magnitude(value: int | Decimal) -> Problem | None:
    if value >= MAX_MAGNITUDE:
        return Problem("", "above_maximum", {"maximum": MAX_MAGNITUDE - 1, "value": value})
    if value <= -MAX_MAGNITUDE:
        return Problem("", "below_minimum", {"minimum": -(MAX_MAGNITUDE - 1), "value": value})
    return None


def check_integer(value: object) -> int | Problem:
    """``value`` as a whole number within the policy's bounds, or the problem with it.

    ``bool`` is not a number; floats are refused even when whole (``7.0``): one float policy.

    >>> check_integer(7)
    7
    >>> check_integer(True).code, check_integer(10**5000).code, check_integer(7.0).code
    ('wrong_type', 'above_maximum', 'float')
    """
    if type(value) is not int:
        value = plain_scalar(value)
        if isinstance(value, float):
            return _float_problem(value)
        if isinstance(value, bool) or not isinstance(value, int):
            params: dict[str, object] = {"expected": Term("kind.integer"), "value": value}
            if isinstance(value, str) and _THAI_DIGITS.intersection(value):
                return Problem("", "thai_digits", {"value": value})
            return Problem("", "wrong_type", params)
        value = int(value)  # an int subclass (an IntEnum member) as a plain int
    return _magnitude(value) or value


def _float_problem(value: float) -> Problem:
    if math.isnan(value) or math.isinf(value):
        return Problem("", "not_finite", {"value": value})
    return Problem("", "float", {"value": value, "suggestion": repr(value)})


def check_decimal(value: object) -> Decimal | Problem:
    """``value`` as a finite, bounded `~decimal.Decimal`, or the problem with it.

    Accepted: a Decimal, an int, or text of plain decimal digits (``"1500.50"``, no exponent,
    no Thai digits). Refused: bool, float (inexact: write it as text), NaN and infinities, more
    than `MAX_PLACES` places, a magnitude of `MAX_MAGNITUDE` or more.

    >>> check_decimal("12.50"), check_decimal(3)
    (Decimal('12.50'), Decimal('3'))
    >>> check_decimal(Decimal("1E+999999")).code, check_decimal(0.1).code
    ('above_maximum', 'float')
    """
    if type(value) is Decimal:
        return _bounded_decimal(value)
    if type(value) is str:
        if len(value) <= _LONGEST_TEXT and _PLAIN_DECIMAL.fullmatch(value):
            number = Decimal(value)
            # Plain digits are finite and have no exponent: the places are the digits after the
            # point, so the common case needs neither the full check nor `Decimal.as_tuple`.
            point = value.find(".")
            if number.adjusted() < 15 and (point < 0 or len(value) - point - 1 <= MAX_PLACES):
                return number
            return _bounded_decimal(number)
        if _THAI_DIGITS.intersection(value[:_LONGEST_TEXT]):
            return Problem("", "thai_digits", {"value": value})
        return Problem("", "bad_number", {"value": value})
    value = plain_scalar(value)
    if isinstance(value, float):
        return _float_problem(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return _magnitude(value) or Decimal(int(value))
    if isinstance(value, Decimal):
        return _bounded_decimal(Decimal(value))
    if isinstance(value, str):
        return check_decimal(str(value))
    return Problem("", "wrong_type", {"expected": Term("kind.number"), "value": value})


def _bounded_decimal(value: Decimal) -> Decimal | Problem:
    if not value.is_finite():
        return Problem("", "not_finite", {"value": value})
    if value.adjusted() >= 15:  # read from the exponent alone: 1E+999999999 costs nothing
        if value > 0:
            return Problem("", "above_maximum", {"maximum": MAX_MAGNITUDE - 1, "value": value})
        return Problem("", "below_minimum", {"minimum": -(MAX_MAGNITUDE - 1), "value": value})
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite
    if exponent < -MAX_PLACES:
        return Problem("", "too_precise", {"places": MAX_PLACES, "value": value})
    if exponent > 0:
        # 1E+3 means 1000: keep the value, drop the exponent form, so it round-trips as text.
        with decimal.localcontext(CONTEXT):
            return value.quantize(Decimal(1))
    return value


# --- fast exact paths for Decimal inputs (scoring) ------------------------------------------

#: `CONTEXT` with inexact results trapped: arithmetic in it is exact or raises `decimal.Inexact`,
#: so a caller can try Decimal arithmetic first and fall back to fractions.
EXACT = CONTEXT.copy()
EXACT.traps[decimal.Inexact] = True

_QUANTA = {places: Decimal(1).scaleb(-places, context=CONTEXT) for places in range(0, 9)}
_HALF_UP = decimal.ROUND_HALF_UP


def quantize_half_up(value: Decimal, places: int) -> Decimal:
    """`round_half_up` for a finite Decimal, by ``quantize`` in `CONTEXT`: same result, faster.

    The caller's decimal context is never read.

    >>> quantize_half_up(Decimal("84.995"), 2), quantize_half_up(Decimal("-0.005"), 2)
    (Decimal('85.00'), Decimal('-0.01'))
    """
    quantum = _QUANTA.get(places)
    if quantum is None:
        quantum = Decimal(1).scaleb(-places, context=CONTEXT)
    return value.quantize(quantum, _HALF_UP, CONTEXT)


def share_of_counts(part: int, whole: int, places: int = 2) -> Decimal:
    """``part`` of ``whole`` (whole numbers, ``whole`` > 0) as a percentage, rounded half-up.

    The same figure as `percent`, in whole-number arithmetic only (counts are the common case).

    >>> share_of_counts(2, 3), share_of_counts(45, 50)
    (Decimal('66.67'), Decimal('90.00'))
    """
    if whole <= 0:
        raise ZeroDivisionError("percentage of an empty whole")
    scaled = abs(part) * 100 * 10**places
    rounded = (2 * scaled + whole) // (2 * whole)
    return Decimal((1 if part < 0 else 0, tuple(int(d) for d in str(rounded)), -places))
