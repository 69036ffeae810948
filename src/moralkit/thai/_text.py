r"""Text normalisation shared by the Thai date readers, and the length they read at most.

Every reader folds its input the same way before matching: NFC, Thai digits to Arabic,
zero-width characters dropped, runs of white space folded to one space. Each step is one
linear pass, so input of any length is folded in time proportional to its length; the
readers then refuse folded text longer than `MAX_TEXT_LENGTH` before matching anything.

>>> normalise("  ๑๖\u200b  กันยายน\n๒๕๖๗ ", "f")
'16 กันยายน 2567'
"""

from __future__ import annotations

import unicodedata

from moralkit.errors import ThaiDateError
from moralkit.thai.numerals import to_arabic_digits

__all__ = ["MAX_TEXT_LENGTH", "normalise"]

#: The longest folded text a date, time, range or fiscal-year reader looks at, in characters.
#: The longest accepted range (two dates with weekdays, prefixes, era words and times) is
#: well under it; anything longer is not a date and is refused without matching.
MAX_TEXT_LENGTH = 300

_INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")


def normalise(text: object, function: str) -> str:
    """Fold ``text`` for matching; `TypeError` if it is not a str, `ThaiDateError` if too long."""
    if not isinstance(text, str):
        raise TypeError(f"{function}() takes a str (got {type(text).__name__}: {text!r:.60})")
    folded = text
    for invisible in _INVISIBLE:
        if invisible in folded:
            folded = folded.replace(invisible, "")
    folded = " ".join(folded.split())  # white-space runs to one space, ends stripped
    # The cap is checked before the per-character steps, which then see at most 300 characters.
    # Neither step lengthens the text: NFC only composes, and digits map one to one.
    if len(folded) > MAX_TEXT_LENGTH:
        raise ThaiDateError(
            text, "date.too_long", {"length": len(folded), "maximum": MAX_TEXT_LENGTH}
        )
    return to_arabic_digits(unicodedata.normalize("NFC", folded))
