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
from decimal import Decimal
from fractions import Fraction

__all__ = ["CONTEXT", "exact", "percent", "round_half_up"]

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
    """
    fraction = exact(value)
    numerator, denominator = abs(fraction.numerator), fraction.denominator
    whole = (2 * numerator * 10**places + denominator) // (2 * denominator)
    if fraction < 0:
        whole = -whole
    return Decimal(whole).scaleb(-places)


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


# --- fast exact paths for Decimal inputs (scoring) ------------------------------------------

#: `CONTEXT` with inexact results trapped: arithmetic in it is exact or raises `decimal.Inexact`,
#: so a caller can try Decimal arithmetic first and fall back to fractions.
EXACT = CONTEXT.copy()
EXACT.traps[decimal.Inexact] = True

_QUANTA = {places: Decimal(1).scaleb(-places) for places in range(0, 9)}


def quantize_half_up(value: Decimal, places: int) -> Decimal:
    """`round_half_up` for a finite Decimal, by ``quantize`` in `CONTEXT`: same result, faster.

    The caller's decimal context is never read.

    >>> quantize_half_up(Decimal("84.995"), 2), quantize_half_up(Decimal("-0.005"), 2)
    (Decimal('85.00'), Decimal('-0.01'))
    """
    quantum = _QUANTA.get(places) or Decimal(1).scaleb(-places, context=CONTEXT)
    return value.quantize(quantum, rounding=decimal.ROUND_HALF_UP, context=CONTEXT)
