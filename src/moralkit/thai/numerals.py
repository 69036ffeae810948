"""Thai digits (๐-๙) and Arabic digits (0-9).

Both functions take a string; anything else is refused with `moralkit.ValidationError`
(``wrong_type`` at ``text``).

>>> to_thai_digits("16/09/2567")
'๑๖/๐๙/๒๕๖๗'
>>> to_arabic_digits("ปีงบประมาณ พ.ศ. ๒๕๖๗")
'ปีงบประมาณ พ.ศ. 2567'
"""

from __future__ import annotations

from moralkit._args import refuse, wrong_type

__all__ = ["THAI_DIGITS", "to_arabic_digits", "to_thai_digits"]

#: The ten Thai digits, zero first.
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"

_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")


def _require_str(text: object, name: str) -> str:
    if not isinstance(text, str):
        refuse([wrong_type("text", "kind.text", text)], name)
    return text


def to_thai_digits(text: str) -> str:
    """Replace every Arabic digit in ``text`` with its Thai digit; other characters stay.

    >>> to_thai_digits("FY2567")
    'FY๒๕๖๗'
    """
    return _require_str(text, "to_thai_digits").translate(_TO_THAI)


def to_arabic_digits(text: str) -> str:
    """Replace every Thai digit in ``text`` with its Arabic digit; other characters stay.

    >>> to_arabic_digits("๑๕ กรกฎาคม ๒๕๖๓")
    '15 กรกฎาคม 2563'
    """
    return _require_str(text, "to_arabic_digits").translate(_TO_ARABIC)
