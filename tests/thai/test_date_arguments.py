"""The Thai date readers and writers refuse arguments of the wrong kind with a ValidationError.

Each problem is at the argument's name with a catalogue code: ``wrong_type`` for a value of
the wrong kind, ``not_allowed`` (listing the allowed values) for an option outside its set,
and the two codes of options that clash. Text that is a str but no date stays a
`ThaiDateError`.
"""

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moralkit import MoralkitError, ThaiDateError, ValidationError
from moralkit.messages import Term
from moralkit.thai import (
    DateRange,
    format_thai_date,
    format_thai_date_range,
    format_thai_datetime,
    parse_thai_date,
    parse_thai_date_range,
    parse_thai_datetime,
)

DAY = date(2024, 9, 16)
MOMENT = datetime(2024, 9, 16, 9, 30)
RANGE = DateRange(date(2019, 6, 25), date(2019, 6, 26))


def _deep(levels: int) -> list[object]:
    value: list[object] = []
    for _ in range(levels):
        value = [value]
    return value


def _id(value: object) -> str:
    return type(value).__name__


def _problems(call):
    with pytest.raises(ValidationError) as info:
        call()
    error = info.value
    assert str(error)  # renders, whatever was passed
    return [(p.path, p.code) for p in error.problems], error


READERS = [parse_thai_date, parse_thai_date_range, parse_thai_datetime]
WRITERS = [
    (format_thai_date, DAY, "d", "date.kind.date"),
    (format_thai_date_range, RANGE, "r", "date.kind.date_range"),
    (format_thai_datetime, MOMENT, "dt", "date.kind.datetime"),
]
WRITER_IDS = [w[0].__name__ for w in WRITERS]


# --- the readers ---------------------------------------------------------------------------


@pytest.mark.parametrize("reader", READERS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    "text",
    [None, 7, 10**5000, b"16/09/2567", DAY, ["16/09/2567"], _deep(2000), Decimal("sNaN")],
    ids=_id,
)
def test_readers_refuse_text_that_is_not_a_str(reader, text):
    problems, error = _problems(lambda: reader(text))
    assert problems == [("text", "wrong_type")]
    assert error.problems[0].params["expected"] == Term("kind.text")
    assert error.subject == reader.__name__
    assert isinstance(error, MoralkitError)


@pytest.mark.parametrize("reader", READERS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("strict", [1, 0, "yes", None, Decimal(1)], ids=repr)
def test_readers_refuse_a_strict_that_is_not_a_bool(reader, strict):
    problems, _ = _problems(lambda: reader("16 ก.ย. 2567 เวลา 09.30 น.", strict=strict))
    assert problems == [("strict", "wrong_type")]


@pytest.mark.parametrize("reader", READERS, ids=lambda f: f.__name__)
def test_readers_list_every_wrong_argument_at_once(reader):
    problems, error = _problems(lambda: reader(10**5000, strict=_deep(2000)))
    assert problems == [("text", "wrong_type"), ("strict", "wrong_type")]
    assert "~10^5000" in str(error)


@pytest.mark.parametrize("reader", READERS, ids=lambda f: f.__name__)
def test_unreadable_text_stays_a_thai_date_error(reader):
    with pytest.raises(ThaiDateError) as info:
        reader("yesterday", strict=True)
    assert info.value.code == "date.unreadable"
    assert not isinstance(info.value, ValidationError)


def test_a_str_subclass_is_text():
    class Text(str):
        pass

    assert parse_thai_date(Text("16 ก.ย. 2567")) == DAY


# --- the writers ---------------------------------------------------------------------------


@pytest.mark.parametrize(("writer", "valid", "name", "kind"), WRITERS, ids=WRITER_IDS)
@pytest.mark.parametrize("value", [None, "2024-09-16", 10**5000, _deep(2000), (DAY, DAY)], ids=_id)
def test_writers_refuse_a_value_of_the_wrong_kind(writer, valid, name, kind, value):
    problems, error = _problems(lambda: writer(value))
    assert problems == [(name, "wrong_type")]
    assert error.problems[0].params["expected"] == Term(kind)
    assert error.subject == writer.__name__


def test_format_thai_datetime_wants_a_time_of_day():
    problems, error = _problems(lambda: format_thai_datetime(DAY))
    assert problems == [("dt", "wrong_type")]
    assert "expected a date and time (datetime.datetime) (got 2024-09-16)" in str(error)


@pytest.mark.parametrize(("writer", "valid", "name", "kind"), WRITERS, ids=WRITER_IDS)
@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"style": "long"}, [("style", "not_allowed")]),
        ({"style": 7}, [("style", "wrong_type")]),
        ({"digits": "roman"}, [("digits", "not_allowed")]),
        ({"digits": None}, [("digits", "wrong_type")]),
        ({"weekday": "short"}, [("weekday", "not_allowed")]),
        ({"weekday": 1}, [("weekday", "not_allowed")]),
        ({"era": "yes"}, [("era", "not_allowed")]),
        ({"era": 1}, [("era", "not_allowed")]),
        ({"era": Decimal("sNaN")}, [("era", "not_allowed")]),
        ({"year_digits": 3}, [("year_digits", "not_allowed")]),
        ({"year_digits": 10**4000}, [("year_digits", "not_allowed")]),
        ({"year_digits": "2"}, [("year_digits", "wrong_type")]),
        ({"year_digits": 2.0}, [("year_digits", "wrong_type")]),
        ({"year_digits": True}, [("year_digits", "wrong_type")]),
        ({"pad_day": 1}, [("pad_day", "wrong_type")]),
        ({"style": "numeric", "era": True}, [("era", "date.era_not_in_numeric")]),
        ({"style": "numeric", "era": "ce"}, [("era", "date.era_not_in_numeric")]),
        ({"era": "ce", "year_digits": 2}, [("year_digits", "date.two_digit_year_with_ce")]),
    ],
)
def test_writers_refuse_options_outside_their_set(writer, valid, name, kind, options, expected):
    problems, _ = _problems(lambda: writer(valid, **options))
    assert problems == expected


def test_not_allowed_lists_the_allowed_values():
    _, error = _problems(lambda: format_thai_date(DAY, "long"))
    assert error.problems[0].params == {"allowed": ("full", "abbr", "numeric"), "value": "long"}
    assert "style: expected one of full, abbr, numeric (got long)" in str(error)
    assert "ต้องเป็นค่าใดค่าหนึ่งใน full, abbr, numeric (ได้รับ long)" in str(error)
    _, error = _problems(lambda: format_thai_date(DAY, era="yes"))
    assert error.problems[0].params["allowed"] == (False, True, "be", "ce")


def test_writers_list_every_wrong_argument_at_once():
    problems, _ = _problems(
        lambda: format_thai_date("x", "long", "roman", "short", era=1, year_digits=3, pad_day=None)
    )
    assert problems == [
        ("d", "wrong_type"),
        ("style", "not_allowed"),
        ("digits", "not_allowed"),
        ("weekday", "not_allowed"),
        ("era", "not_allowed"),
        ("year_digits", "not_allowed"),
        ("pad_day", "wrong_type"),
    ]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"clock": "am"}, [("clock", "not_allowed")]),
        ({"clock": 12}, [("clock", "wrong_type")]),
        ({"seconds": 1}, [("seconds", "wrong_type")]),
        ({"seconds": None, "clock": None}, [("clock", "wrong_type"), ("seconds", "wrong_type")]),
    ],
)
def test_format_thai_datetime_refuses_clock_options(options, expected):
    problems, _ = _problems(lambda: format_thai_datetime(MOMENT, **options))
    assert problems == expected


def test_clashing_options_say_why_in_both_languages():
    _, error = _problems(lambda: format_thai_date(DAY, "numeric", era=True))
    assert error.problems[0].message("en") == (
        "'era' marks the year in the full and abbr styles only; the numeric style writes no era "
        "marker (got era=true)"
    )
    assert error.problems[0].message("th") == (
        "'era' ใช้ระบุศักราชของปีในรูปแบบ full และ abbr เท่านั้น รูปแบบ numeric ไม่เขียนคำระบุศักราช "
        "(ได้รับ era=true)"
    )


@pytest.mark.parametrize(
    "dt",
    [
        datetime(9999, 12, 31, 20, tzinfo=UTC),
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))),
    ],
)
def test_an_instant_whose_bangkok_time_does_not_exist_is_a_thai_date_error(dt):
    for era in (False, "ce"):
        with pytest.raises(ThaiDateError) as info:
            format_thai_datetime(dt, era=era)
        assert info.value.code == "date.outside_supported_range"


def test_a_tzinfo_without_an_offset_is_naive():
    class NoOffset(tzinfo):  # a time zone that gives no offset
        def utcoffset(self, dt):
            return None

        def dst(self, dt):
            return None

        def tzname(self, dt):
            return None

    naive = datetime(2025, 1, 8, 12, 22)
    assert format_thai_datetime(naive.replace(tzinfo=NoOffset())) == format_thai_datetime(naive)


@given(
    st.one_of(
        st.none(),
        st.integers(),
        st.floats(allow_nan=True),
        st.text(max_size=5),
        st.binary(max_size=4),
        st.lists(st.integers(), max_size=3),
        st.decimals(allow_nan=True),
    )
)
def test_any_option_value_is_accepted_or_refused_at_its_name(value):
    for name in ("style", "digits", "weekday", "era", "year_digits", "pad_day", "clock"):
        paths: set[str] = set()
        try:
            format_thai_datetime(MOMENT, **{name: value})
        except ValidationError as exc:
            paths = {p.path for p in exc.problems}
            str(exc)  # renders
        assert paths <= {name, "era", "year_digits"}
