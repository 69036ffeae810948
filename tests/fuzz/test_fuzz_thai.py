"""The Thai date functions under hostile input, through the shared fuzz harness.

Families:

* round trips: every date the library writes (each style, digit set and option, ranges and
  datetimes) must read back to itself; a different answer is a round-trip failure.
* noise that cannot change the meaning (a lead word in the middle, zero-width and extra
  spaces, Thai digits, upper case): the reader must give the original value or refuse.
* texts the policy refuses (a contradicted era, a wrong weekday, a day or time that does not
  exist, a two-digit year of unclear era, a Common-Era year without ค.ศ. when strict): any
  answer is a wrong acceptance. So is any answer for a text with no digit in it.
* random character mutations of valid texts, arbitrary text, and huge texts (100,000
  separators, a megabyte of spaces): only crashes, hangs (slower than 1 s) and mutation count.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from moralkit.thai import (
    MONTHS_EN,
    SUPPORTED_DATES,
    THAI_DIGITS,
    THAI_MONTHS,
    DateRange,
    FiscalYear,
    bangkok,
    be_year,
    format_thai_date,
    format_thai_date_range,
    format_thai_datetime,
    parse_fiscal_year,
    parse_thai_date,
    parse_thai_date_range,
    parse_thai_datetime,
    to_thai_digits,
)
from tests.fuzz.harness import examples, family, fuzz_settings

BKK = bangkok()
STYLES = ("full", "abbr", "numeric")
WEEKDAYS = (False, True, "abbr")
CLOCKS = ("th", "24h", "12h")
READERS: dict[str, Callable[[str], object]] = {
    "parse_thai_date": parse_thai_date,
    "parse_thai_datetime": parse_thai_datetime,
    "parse_thai_date_range": parse_thai_date_range,
    "parse_fiscal_year": parse_fiscal_year,
}


def _options(rng: random.Random, *, datetime_: bool = False) -> dict[str, Any]:
    style = rng.choice(STYLES)
    eras = (False, True, "be") if datetime_ else (False, True, "be", "ce")
    era = rng.choice(eras) if style != "numeric" and rng.random() < 0.4 else False
    return {
        "style": style,
        "digits": rng.choice(("arabic", "thai")),
        "weekday": rng.choice(WEEKDAYS),
        "era": era,
        "year_digits": 2 if era != "ce" and rng.random() < 0.2 else 4,
        "pad_day": rng.random() < 0.3,
    }


def _span(options: dict[str, Any]) -> tuple[date, date]:
    if options["era"] == "ce":
        return date(1, 1, 1), date(2399, 12, 31)
    if options["year_digits"] == 2:
        return date(1957, 1, 1), date(2056, 12, 31)
    return SUPPORTED_DATES.start, SUPPORTED_DATES.end


def _day(rng: random.Random, options: dict[str, Any]) -> date:
    first, last = _span(options)
    # Half the time near the present, where most documents are; else anywhere it can be written.
    if rng.random() < 0.5:
        first, last = max(first, date(1941, 1, 1)), min(last, date(2100, 12, 31))
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def _written(rng: random.Random) -> tuple[str, object, Callable[[str], object]]:
    """A text the library wrote, the value it stands for, and the reader that reads it."""
    roll = rng.random()
    options = _options(rng, datetime_=roll >= 0.7)
    start = _day(rng, options)
    if roll < 0.4:
        return format_thai_date(start, **options), start, parse_thai_date
    if roll < 0.7:
        end = min(start + timedelta(days=rng.choice((0, 1, 2, 6, 40, 400))), _span(options)[1])
        r = DateRange(start, end)
        return format_thai_date_range(r, **options), r, parse_thai_date_range
    moment = datetime.combine(start, datetime.min.time()) + timedelta(seconds=rng.randrange(86_400))
    moment = moment.replace(tzinfo=BKK) if rng.random() < 0.5 else moment
    seconds = rng.random() < 0.5
    text = format_thai_datetime(moment, **options, clock=rng.choice(CLOCKS), seconds=seconds)
    expected = moment.replace(tzinfo=BKK)
    if not seconds:
        expected = expected.replace(second=0)
    return text, expected, parse_thai_datetime


# --- round trips ----------------------------------------------------------------------------


def test_format_then_parse_round_trips() -> None:
    fam = family("thai.format then parse (every option)")
    rng = random.Random(13)
    for _ in range(examples(16)):
        text, value, reader = _written(rng)
        fam.check(
            lambda reader=reader, text=text: reader(text),
            data=text,
            roundtrip=lambda _result, value=value: value,
        )
    fam.assert_clean()


@fuzz_settings(2)
@given(
    d=st.datetimes(datetime(1857, 4, 2), datetime(9456, 12, 30), timezones=st.just(UTC)),
    style=st.sampled_from(STYLES),
    clock=st.sampled_from(CLOCKS),
)
def test_aware_datetimes_round_trip(d: datetime, style: str, clock: str) -> None:
    text = format_thai_datetime(d, style, clock=clock, seconds=True)  # type: ignore[arg-type]
    family("thai.format then parse (aware datetimes)").check(
        lambda: parse_thai_datetime(text),
        data=text,
        roundtrip=lambda _result: d.replace(microsecond=0),
        raise_on_failure=True,
    )


# --- noise that cannot change the meaning ---------------------------------------------------

# Words that open a text; "ถึง" and "-" are left out: a separator makes a range on purpose.
LEAD_WORDS = ("ระหว่าง", "ตั้งแต่", "เมื่อวันที่", "ณ วันที่", "ใน", "วันที่", "เวลา")
INVISIBLE = ("\u200b", "\ufeff", "\u200c", " \t ", "\n")


def _noisy(text: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.5:
        at = rng.randrange(1, len(text) + 1)
        return text[:at] + rng.choice(LEAD_WORDS) + text[at:]
    if roll < 0.75:
        at = rng.randrange(len(text) + 1)
        return text[:at] + rng.choice(INVISIBLE) + text[at:]
    if roll < 0.9:
        return to_thai_digits(text)
    return text.upper()


def test_noise_never_changes_the_answer() -> None:
    fam = family("thai.parse (meaning-keeping noise)")
    rng = random.Random(14)
    for _ in range(examples(16)):
        text, value, reader = _written(rng)
        changed = _noisy(text, rng)
        fam.check(
            lambda reader=reader, changed=changed: reader(changed),
            data=changed,
            roundtrip=lambda _result, value=value: value,
        )
    fam.assert_clean()


# --- texts the policy refuses ---------------------------------------------------------------


def _refused(rng: random.Random) -> tuple[str, Callable[[str], object]]:
    d = _day(rng, {"era": False, "year_digits": 4})
    be = be_year(d)
    month_th, month_en = THAI_MONTHS[d.month - 1], MONTHS_EN[d.month - 1]
    year = d.year
    kind = rng.randrange(11)
    if kind == 0 and year < 2400:  # a year marked BE that cannot be one
        return f"{d.day} {month_th} พ.ศ. {year}", parse_thai_date
    if kind == 1 and be >= 2400:  # a CE-marked or ISO year that looks BE
        form = rng.choice((f"{d.day} {month_th} ค.ศ. {be}", f"{be}-{d.month:02d}-{d.day:02d}"))
        return form, parse_thai_date
    if kind == 2:  # a weekday that is not the date's
        wrong = (d + timedelta(days=rng.randrange(1, 7))).weekday()
        named = format_thai_date(d + timedelta(days=(wrong - d.weekday()) % 7), weekday=True)
        return named.split("ที่ ")[0] + "ที่ " + format_thai_date(d), parse_thai_date
    if kind == 3:  # a day the month does not have
        return f"{rng.choice((32, 33, 0, 99))} {month_th} {be}", parse_thai_date
    if kind == 4:  # a time that does not exist
        clock = rng.choice(("24:00", "23:60", "12:00:61", "13 pm", "0:15 am", "99.99 น."))
        return f"{format_thai_date(d)} {clock}", parse_thai_date
    if kind == 5:  # a two-digit year of unclear era
        return f"{d.day} {month_en} {be % 100:02d}", parse_thai_date
    if kind == 6:  # a two-digit year marked CE
        return f"{d.day} {month_th} ค.ศ. {year % 100:02d}", parse_thai_date
    if kind == 7 and year < 2400:  # strict: a Common-Era year needs its marker
        return f"{d.day} {month_th} {year}", lambda text: parse_thai_date(text, strict=True)
    if kind == 8:  # a range that ends before it starts
        later = d + timedelta(days=rng.randrange(1, 30))
        if later not in SUPPORTED_DATES:
            later = d - timedelta(days=1)
            return f"{format_thai_date(d)} - {format_thai_date(later)}", parse_thai_date_range
        return f"{format_thai_date(later)} - {format_thai_date(d)}", parse_thai_date_range
    if kind == 9:  # a date without a time, read as a datetime
        return format_thai_date(d, rng.choice(STYLES)), parse_thai_datetime  # type: ignore[arg-type]
    # a lead word where no lead word can stand, inside the day number
    day = f"{d.day:02d}"
    return f"{day[0]}{rng.choice(('ระหว่าง', 'ตั้งแต่'))}{day[1]} {month_th} {be}", parse_thai_date


def test_refused_texts_are_refused() -> None:
    fam = family("thai.parse (texts the policy refuses)")
    rng = random.Random(15)
    for _ in range(examples(16)):
        text, reader = _refused(rng)
        fam.check(lambda reader=reader, text=text: reader(text), data=text, must_refuse=True)
    fam.assert_clean()


# --- mutations, arbitrary text and huge text ------------------------------------------------

ALPHABET = (
    list("0123456789" + THAI_DIGITS + " -–/.:,")
    + list(LEAD_WORDS)
    + ["ม.ค.", "กันยายน", "พ.ศ.", "ค.ศ.", "BE", "pm", "น.", "วันจันทร์ที่", "Sep", "2567", "2015"]
)


def _mutated(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randrange(1, 4)):
        at = rng.randrange(len(chars) + 1)
        roll = rng.random()
        if roll < 0.4:
            chars.insert(at, rng.choice(ALPHABET))
        elif roll < 0.7 and chars:
            del chars[min(at, len(chars) - 1)]
        elif chars:
            chars[min(at, len(chars) - 1)] = rng.choice(ALPHABET)
    return "".join(chars)


def test_mutated_texts() -> None:
    fam = family("thai.parse (mutated texts)")
    rng = random.Random(16)
    names = list(READERS)
    for number in range(examples(24)):
        text, _, _ = _written(rng)
        changed = _mutated(text, rng)
        reader = READERS[names[number % len(names)]]
        fam.check(lambda reader=reader, changed=changed: reader(changed), data=changed)
    fam.assert_clean()


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


@fuzz_settings(4)
@given(
    reader=st.sampled_from(sorted(READERS)),
    text=st.text(max_size=80) | st.lists(st.sampled_from(ALPHABET), max_size=40).map("".join),
)
def test_arbitrary_text(reader: str, text: str) -> None:
    family("thai.parse (arbitrary text)").check(
        lambda: READERS[reader](text),
        data=text,
        must_refuse=not _has_digit(text),  # every date and fiscal year has a number in it
        raise_on_failure=True,
    )


HUGE = (
    "1 - " * 100_000,
    "-" * 100_000,
    "ถึง" * 100_000,
    "๒๕ - " * 100_000,
    "ระหว่าง" * 50_000 + "25 - 26 มิถุนายน 2562",
    "25 - 26 มิถุนายน 2562 " * 10_000,
    "16" + " " * 1_000_000 + "กันยายน 2567",
    "\u200b" * 1_000_000,
    "1" * 1_000_000,
    "เวลา 12:22 น. " * 20_000,
    "วันจันทร์ที่ " * 50_000,
    "16/09/2567 - " * 50_000,
    ("1 - " * 74)[:300],
    ("1 ม.ค. - 2 ม.ค. - 3 ม.ค. - " * 9)[:300],
)


def test_huge_and_worst_case_texts() -> None:
    fam = family("thai.parse (huge and worst-case text)")
    for text in HUGE:
        for reader in READERS.values():
            fam.check(lambda reader=reader, text=text: reader(text), data=text)
    fam.assert_clean()


def test_fiscal_year_round_trips() -> None:
    fam = family("thai.fiscal year label then parse")
    rng = random.Random(17)
    for _ in range(examples(4)):
        fy = FiscalYear(rng.randrange(2400, 10_000))
        text = fy.label(rng.choice(("th", "en")), rng.choice(("arabic", "thai")))
        fam.check(
            lambda text=text: parse_fiscal_year(text), data=text, roundtrip=lambda _r, fy=fy: fy
        )
    fam.assert_clean()
