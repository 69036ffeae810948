import copy
import importlib.util
import json
import random
from datetime import date, datetime
from decimal import Decimal

import attrs
import cattrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import moralkit
import moralkit.model as model
import moralkit.testing
from moralkit import ValidationError, dump, from_json, load, samples, serde, to_json
from moralkit._decimal import _bounded_decimal, check_decimal
from moralkit._fields import _BAD_CHARACTER, PLAIN_TEXT, is_blank, plain_text, text_problem
from moralkit.errors import Problem
from moralkit.model import (
    ActionPlan,
    AwardRecipient,
    Dataset,
    DeclarationOfIntent,
    Event,
    EventKind,
    MoralLevel,
    Organization,
    TargetVirtue,
    Venue,
    Virtue,
)
from moralkit.moral import Tally
from moralkit.serde import _build_converter, _Problems, converter, make_converter
from moralkit.thai import DateRange, FiscalYear
from tests.fuzz.harness import mutants

GOOD_EVENT = {
    "id": "event-1",
    "kind": "seminar",
    "title_th": "สัมมนา",
    "budget": "1500.50",
    "dates": {"start": "2019-06-25", "end": "2019-06-26"},
    "fiscal_year_stated": 2562,
    "venue": {"province": "TH-71", "capacity": 120},
    "rounds": [{"number": 5, "provinces": ["TH-71", "TH-70"]}],
}


def test_load_good_event():
    event = load(Event, GOOD_EVENT)
    assert event.kind is EventKind.SEMINAR
    assert event.budget == Decimal("1500.50")
    assert event.dates == DateRange(date(2019, 6, 25), date(2019, 6, 26))
    assert event.fiscal_year_stated == FiscalYear(2562)
    assert event.rounds[0].provinces == ("TH-71", "TH-70")


def test_loaded_enums_are_enum_members_not_strings():
    assert type(load(Event, GOOD_EVENT).kind) is EventKind
    assert type(load(AwardRecipient, {"organization": "a", "level": 3}).level) is MoralLevel
    target = load(TargetVirtue, {"virtue": "discipline"})
    assert type(target.virtue) is Virtue


def test_dump_is_plain_json_data():
    data = dump(load(Event, GOOD_EVENT))
    assert type(data["kind"]) is str
    assert data["budget"] == "1500.50"
    assert data["dates"] == {"start": "2019-06-25", "end": "2019-06-26"}
    assert data["fiscal_year_stated"] == 2562
    assert data["rounds"][0]["provinces"] == ["TH-71", "TH-70"]
    assert type(dump(AwardRecipient("a", MoralLevel.MODEL))["level"]) is int
    json.dumps(data)  # nothing in it needs a custom encoder


def test_to_json_keeps_thai_text():
    text = to_json(load(Event, GOOD_EVENT))
    assert "สัมมนา" in text
    assert "\\u0e" not in text
    assert from_json(Event, text) == load(Event, GOOD_EVENT)


def test_from_json_reads_decimal_strings_exactly():
    text = '{"id": "e", "kind": "seminar", "title_th": "ส", "budget": "1500.10"}'
    assert from_json(Event, text).budget == Decimal("1500.10")


def test_from_json_refuses_json_fractions_as_load_refuses_floats():
    text = '{"id": "e", "kind": "seminar", "title_th": "ส", "budget": 1500.10}'
    with pytest.raises(ValidationError) as info:
        from_json(Event, text)
    assert [(p.path, p.code) for p in info.value.problems] == [("budget", "float")]
    with pytest.raises(ValidationError) as info:
        from_json(Event, text.replace("1500.10", "NaN"))
    assert [(p.path, p.code) for p in info.value.problems] == [("budget", "not_finite")]


@pytest.mark.parametrize("text", ["{", "[1,", ""])
def test_from_json_bad_text(text):
    with pytest.raises(ValidationError) as info:
        from_json(Event, text)
    assert info.value.problems[0].code == "invalid_json"


def _problems(cls, payload):
    before = copy.deepcopy(payload)
    with pytest.raises(ValidationError) as info:
        load(cls, payload)
    assert payload == before, "load() must not change the caller's data"
    return {(p.path, p.code) for p in info.value.problems}


# (class, payload, expected (path, code) pairs)
BAD_PAYLOADS = [
    # wrong types: no coercion
    (Venue, {"capacity": "120"}, {("capacity", "wrong_type")}),
    (Venue, {"capacity": 119.9}, {("capacity", "float")}),
    (Venue, {"capacity": True}, {("capacity", "wrong_type")}),
    (Venue, {"capacity": "๑๒๐"}, {("capacity", "thai_digits")}),
    (Venue, {"room_th": 123}, {("room_th", "wrong_type")}),
    (Organization, {"id": "a", "name_th": ["ก"]}, {("name_th", "wrong_type")}),
    (Event, GOOD_EVENT | {"organizers": "ocsc"}, {("organizers", "wrong_type")}),
    (
        Event,
        GOOD_EVENT | {"participants_approximate": "yes"},
        {("participants_approximate", "wrong_type")},
    ),
    # unknown keys, missing fields
    (Event, GOOD_EVENT | {"budjet": "1"}, {("budjet", "unknown_key")}),
    (Event, {"kind": "seminar", "title_th": "ส"}, {("id", "missing")}),
    (Event, "not an object", {("", "wrong_type")}),
    # bad dates
    (
        Event,
        GOOD_EVENT | {"dates": {"start": "25/06/2562", "end": "2019-06-26"}},
        {("dates.start", "bad_date")},
    ),
    (
        Event,
        GOOD_EVENT | {"dates": {"start": "2019-02-30", "end": "2019-06-26"}},
        {("dates.start", "bad_date")},
    ),
    (
        Event,
        GOOD_EVENT | {"dates": {"start": "2019-06-26", "end": "2019-06-25"}},
        {("dates.end", "end_before_start")},
    ),
    (Event, GOOD_EVENT | {"fiscal_year_stated": 2019}, {("fiscal_year_stated", "below_minimum")}),
    # money
    (Event, GOOD_EVENT | {"budget": "-5"}, {("budget", "below_minimum")}),
    (Event, GOOD_EVENT | {"budget": 1500.5}, {("budget", "float")}),
    (Event, GOOD_EVENT | {"budget": "๑๕๐๐"}, {("budget", "thai_digits")}),
    (Event, GOOD_EVENT | {"budget": "1,500"}, {("budget", "bad_number")}),
    (Event, GOOD_EVENT | {"budget": "NaN"}, {("budget", "bad_number")}),
    # enums and codes
    (Event, GOOD_EVENT | {"kind": "Seminar"}, {("kind", "not_allowed")}),
    (AwardRecipient, {"organization": "a", "level": "3"}, {("level", "not_allowed")}),
    (AwardRecipient, {"organization": "a", "level": 4}, {("level", "not_allowed")}),
    (
        Event,
        GOOD_EVENT | {"rounds": [{"number": 5, "provinces": ["TH-71", "TH-99"]}]},
        {("rounds[0].provinces[1]", "bad_format")},
    ),
    # single-field rules
    (Event, GOOD_EVENT | {"id": "Event 1"}, {("id", "bad_format")}),
    (Event, GOOD_EVENT | {"title_th": " "}, {("title_th", "blank")}),
    (Event, GOOD_EVENT | {"rounds": [{"number": 0}]}, {("rounds[0].number", "below_minimum")}),
    (
        DeclarationOfIntent,
        {"id": "d", "organization": "o", "members": -3},
        {("members", "below_minimum")},
    ),
    (TargetVirtue, {"virtue": "discipline", "name_th": "วินัย"}, {("", "virtue_or_own_name")}),
    (TargetVirtue, {"virtue": "courage"}, {("virtue", "not_allowed")}),
    (
        ActionPlan,
        {"id": "p", "organization": "o", "title_th": "แผน", "reports": [{"round": 9}]},
        {("reports[0].round", "not_allowed")},
    ),
]


@pytest.mark.parametrize(("cls", "payload", "expected"), BAD_PAYLOADS)
def test_bad_payloads(cls, payload, expected):
    assert _problems(cls, payload) == expected


def test_every_problem_is_reported_at_once():
    payload = GOOD_EVENT | {
        "id": "Bad",
        "budget": "-1",
        "venue": {"province": "TH-00", "capacity": "10"},
        "rounds": [{"number": 1}, {"number": "2"}],
        "colour": "red",
    }
    assert _problems(Event, payload) == {
        ("colour", "unknown_key"),
        ("id", "bad_format"),
        ("budget", "below_minimum"),
        ("venue.province", "bad_format"),
        ("venue.capacity", "wrong_type"),
        ("rounds[1].number", "wrong_type"),
    }


def test_messages_are_bilingual_and_exact():
    with pytest.raises(ValidationError) as info:
        load(Venue, {"capacity": "120", "colr": 1})
    problems = {p.path: p for p in info.value.problems}
    assert problems["capacity"].message_en == "expected an integer (got 120)"
    assert problems["capacity"].message_th == "ต้องเป็นจำนวนเต็ม (ได้รับ 120)"
    assert problems["colr"].message_en.startswith("unknown key 'colr'; expected one of: ")
    assert str(info.value).startswith("2 problems in Venue:")


def test_unknown_key_suggests_the_close_one():
    with pytest.raises(ValidationError, match="unknown key 'budjet'; expected one of: budget /"):
        load(Event, GOOD_EVENT | {"budjet": "1"})


def test_thai_digits_in_a_number_are_explained():
    with pytest.raises(ValidationError) as info:
        load(Venue, {"capacity": "๑๒๐"})
    assert info.value.problems[0].code == "thai_digits"
    assert "เลขอารบิก" in info.value.problems[0].message_th


def test_decimals_accept_int_and_decimal():
    assert load(Event, GOOD_EVENT | {"budget": 1500}).budget == Decimal(1500)
    assert load(Event, GOOD_EVENT | {"budget": Decimal("1.25")}).budget == Decimal("1.25")


def test_dates_accept_date_objects_but_not_datetimes():
    dated = GOOD_EVENT | {"dates": {"start": date(2019, 6, 25), "end": date(2019, 6, 26)}}
    assert load(Event, dated).dates.days == 2
    timed = GOOD_EVENT | {"dates": {"start": datetime(2019, 6, 25), "end": "2019-06-26"}}
    with pytest.raises(ValidationError):
        load(Event, timed)


def test_converter_is_built_once_and_separate_from_cattrs_global():
    assert converter() is converter()
    assert converter() is not cattrs.global_converter
    assert make_converter() is not converter()


def test_public_names():
    for name in ("load", "dump", "to_json", "from_json", "validate", "json_schema"):
        assert callable(getattr(moralkit, name))


def test_fixed_length_tuples():
    tally = Tally.from_counts("TH-10", {3: 7, 2: 6, 1: 9})
    assert dump(tally) == {"key": "TH-10", "counts": [0, 9, 6, 7]}
    assert load(Tally, dump(tally)) == tally
    with pytest.raises(ValidationError) as info:
        load(Tally, {"key": "x", "counts": [1, 2, 3]})
    assert info.value.problems[0].code == "wrong_length"
    with pytest.raises(ValidationError) as info:
        load(Tally, {"key": "x", "counts": [1, 2, "3", 4]})
    assert info.value.paths == ("counts[2]",)


def test_loaders_are_deterministic_across_threads_and_processes():
    import hashlib  # noqa: PLC0415
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    from tests.fuzz import loader_outcomes  # noqa: PLC0415
    from tests.fuzz.harness import examples  # noqa: PLC0415

    # 10,000 inputs under `make fuzz`; 2,000 in the quick default run.
    count = 10_000 if examples() >= 400 else 2_000
    items = loader_outcomes.inputs(7, count)
    sequential = [loader_outcomes.outcome(item) for item in items]
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(loader_outcomes.outcome, items, chunksize=50))
    assert threaded == sequential
    # Two fresh interpreters at once, each with its own hash seed, over the same inputs.
    digest = hashlib.sha256("\x00".join(sequential).encode()).hexdigest()
    code = (
        "import hashlib; from tests.fuzz import loader_outcomes as o; "
        f"print(hashlib.sha256('\\x00'.join(o.outcomes(7, {count})).encode()).hexdigest())"
    )
    root = Path(__file__).resolve().parents[1]
    spawned = [
        subprocess.Popen([sys.executable, "-c", code], cwd=root, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    assert [p.communicate(timeout=300)[0].strip() for p in spawned] == [digest, digest]


# --- the optimistic pass and the checked pass agree -------------------------------------------

CHECKED, _ = _build_converter(optimistic=False)
OPTIMISTIC, FACTORIES = _build_converter()


def _sample_documents() -> list[tuple[type, object]]:
    data = samples.load()
    found: list[tuple[type, object]] = [(Dataset, dump(data))]
    found.extend((type(item), dump(item)) for name, item in data.items() if name != "documents")
    return found


SAMPLE_DOCUMENTS = _sample_documents()


def _comparable(value):
    return "NaN" if isinstance(value, float) and value != value else value


def _outcome(conv, cls, data):
    """What a converter makes of ``data``: the object (and its repr, which shows enum members
    and types), or the problems (NaN parameters made comparable)."""
    try:
        value = conv.structure(data, cls)
    except RecursionError:
        return ("too deep",)
    except _Problems as exc:
        return "refused", [
            (p.path, p.code, p.severity, {k: _comparable(v) for k, v in p.params.items()})
            for p in exc.problems
        ]
    return "built", value, repr(value)


def test_the_optimistic_pass_builds_the_samples_on_its_own():
    # It raises on anything it does not handle itself, so a pass that always gave up (and
    # left the work to the checked pass) fails here.
    for cls, document in SAMPLE_DOCUMENTS:
        built = FACTORIES.fast_pass(cls)(document)
        assert _outcome(CHECKED, cls, document) == ("built", built, repr(built))


@pytest.mark.parametrize("seed", range(4))
def test_optimistic_and_checked_passes_agree_on_faulty_documents(seed):
    rng = random.Random(seed)
    for number in range(60):
        cls, document = SAMPLE_DOCUMENTS[number % len(SAMPLE_DOCUMENTS)]
        for mutant in mutants(document, rng, 1):
            expected = _outcome(CHECKED, cls, mutant.document)
            assert _outcome(OPTIMISTIC, cls, mutant.document) == expected
            if mutant.must_refuse:
                assert expected[0] == "refused"


TEXTS = st.text(
    st.characters(exclude_categories=())  # lone surrogates too
    | st.sampled_from("\t\n\r \x00\x08\x0b\x1f\x7f\x85\x9f\xa0\u200b\ufeff\u0e31ก0aZ\ud800"),
    max_size=12,
)
ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.decimals(), st.floats(), TEXTS, st.dates()
)


@settings(max_examples=150)
@given(
    cls=st.sampled_from([Event, Venue, TargetVirtue, DateRange, Organization]),
    field=st.sampled_from(sorted({f.name for c in (Event, Venue) for f in attrs.fields(c)})),
    value=ODD_VALUES | st.lists(ODD_VALUES, max_size=3),
)
def test_optimistic_and_checked_passes_agree_on_odd_values(cls, field, value):
    document = dict(GOOD_EVENT) if cls is Event else {}
    document[field] = value
    assert _outcome(OPTIMISTIC, cls, document) == _outcome(CHECKED, cls, document)


# --- the text policy's quick test -------------------------------------------------------------


def _text_problem_by_pattern(text: str) -> Problem | None:
    """The text policy as it was written before `plain_text` had its quick test."""
    if PLAIN_TEXT.fullmatch(text):
        return None
    bad = _BAD_CHARACTER.search(text)
    if bad is not None:
        return Problem(
            "", "bad_character", {"character": f"U+{ord(bad.group()):04X}", "position": bad.start()}
        )
    if is_blank(text):
        return Problem("", "blank")
    return None


@settings(max_examples=500)
@given(text=TEXTS | st.text() | st.from_regex(PLAIN_TEXT, fullmatch=True))
def test_plain_text_accepts_exactly_what_the_pattern_accepts(text):
    assert plain_text(text) is (PLAIN_TEXT.fullmatch(text) is not None)
    assert text_problem(text) == _text_problem_by_pattern(text)


# --- to_json: orjson and the standard library write the same text ------------------------------

HAS_ORJSON = importlib.util.find_spec("orjson") is not None
MODEL_CLASSES = sorted(
    (obj for name in model.__all__ if attrs.has(obj := getattr(model, name))),
    key=lambda cls: cls.__name__,
)


def _by_the_standard_library(obj, indent):
    serde.FAST_ENCODER = False
    try:
        return to_json(obj, indent=indent)
    finally:
        serde.FAST_ENCODER = True


@attrs.frozen
class _Inner:
    when: date
    year: FiscalYear | None = None


@attrs.frozen
class _Note:
    text: str
    count: int = 0
    tags: tuple[str, ...] = ()
    amount: Decimal | None = None
    amounts: tuple[Decimal, ...] = ()
    by_key: dict[int, Decimal] = attrs.Factory(dict)
    kind: EventKind | None = None
    level: MoralLevel | None = None
    inner: _Inner | None = None
    inners: tuple[_Inner, ...] = ()


def _written(writer, obj, indent):
    try:
        return "text", writer(obj, indent)
    except (TypeError, ValueError) as exc:
        return "refused", type(exc)


AWKWARD = '"quoted" \\ back\\slash\ttab\nline\r\u2028\u2029\x7f\x85 ก\u0e31 \U0001f600 </script>'


def test_every_model_class_writes_plain_data():
    # Else to_json would quietly take the standard library's (slower) path for it.
    assert all(serde._writes_plain_data(cls) for cls in [*MODEL_CLASSES, DateRange])
    assert not serde._writes_plain_data(dict)
    assert not serde._writes_plain_data(float)


@pytest.mark.skipif(not HAS_ORJSON, reason="the fast extra (orjson) is not installed")
@settings(max_examples=60, deadline=None)
@given(
    data=st.data(),
    cls=st.sampled_from([*MODEL_CLASSES, DateRange]),
    indent=st.sampled_from([None, 2]),
)
def test_to_json_is_the_same_text_with_either_encoder(data, cls, indent):
    obj = data.draw(moralkit.testing.strategy(cls))
    assert serde._orjson() is not None
    assert to_json(obj, indent=indent) == _by_the_standard_library(obj, indent)


NUMBERS = st.integers(-(2**80), 2**80) | st.decimals(allow_nan=False, allow_infinity=False)
INNER = st.builds(
    _Inner,
    st.dates() | st.datetimes(),
    st.none() | st.integers(2400, 10542).map(FiscalYear),
)


@pytest.mark.skipif(not HAS_ORJSON, reason="the fast extra (orjson) is not installed")
@settings(max_examples=300, deadline=None)
@given(
    note=st.builds(
        _Note,
        text=st.text(st.characters(exclude_categories=("Cs",)) | st.sampled_from(AWKWARD)),
        count=st.integers(-(2**80), 2**80) | st.sampled_from([True, Decimal(1), "7"]),
        tags=st.lists(st.text(st.sampled_from(AWKWARD))).map(tuple),
        amount=st.none() | NUMBERS,
        amounts=st.lists(NUMBERS, max_size=3).map(tuple),
        by_key=st.dictionaries(st.integers(-5, 5) | st.booleans(), NUMBERS, max_size=3),
        kind=st.none() | st.sampled_from(EventKind) | st.just("seminar"),
        level=st.none() | st.sampled_from(MoralLevel),
        inner=st.none() | INNER,
        inners=st.lists(INNER, max_size=2).map(tuple),
    ),
    indent=st.sampled_from([None, 2]),
)
def test_escapes_numbers_and_nested_objects_are_written_alike(note, indent):
    # Some values their types do not allow (an int or a bool where a decimal or a whole number
    # belongs, a datetime where a date does, text where an enum does) come out as the standard
    # library writes them from dump too. (A float where a whole number belongs may not: orjson
    # writes floats its own way.)
    assert serde._writes_plain_data(_Note)
    fast = _written(lambda obj, indent: to_json(obj, indent=indent), note, indent)
    assert fast == _written(_by_the_standard_library, note, indent)
    if fast[0] == "text":
        assert json.loads(fast[1]) == json.loads(json.dumps(dump(note)))


@pytest.mark.parametrize("indent", [None, 2])
def test_text_orjson_cannot_write_falls_back_to_the_standard_library(indent):
    note = _Note("lone \ud800 surrogate", 2**70)
    assert to_json(note, indent=indent) == _by_the_standard_library(note, indent)
    assert "\ud800" in to_json(note, indent=indent)


def test_to_json_without_orjson(monkeypatch):
    monkeypatch.setattr(serde, "_orjson", lambda: None)
    event = load(Event, GOOD_EVENT)
    compact = to_json(event, indent=None)
    assert '"title_th":"สัมมนา"' in compact
    assert "\n" not in compact
    assert from_json(Event, compact) == event
    assert from_json(Event, to_json(event)) == event
    assert to_json(event, indent=2) == json.dumps(dump(event), ensure_ascii=False, indent=2)


def test_compact_and_indented_text():
    event = load(Event, GOOD_EVENT)
    for writer in (lambda obj, indent: to_json(obj, indent=indent), _by_the_standard_library):
        assert writer(event, None) == json.dumps(
            dump(event), ensure_ascii=False, separators=(",", ":")
        )
        assert writer(event, 2) == json.dumps(dump(event), ensure_ascii=False, indent=2)
        assert writer(event, 4) == json.dumps(dump(event), ensure_ascii=False, indent=4)
    assert to_json({"a": 1.5, "b": [1, 2]}, indent=None) == '{"a":1.5,"b":[1,2]}'


@settings(max_examples=300)
@given(text=st.from_regex(r"-?[0-9]{1,20}(\.[0-9]{1,16})?", fullmatch=True))
def test_decimal_text_takes_the_same_checks_on_its_quick_path(text):
    # check_decimal skips the full bounds check for ordinary decimal text; the answer is the same.
    found, full = check_decimal(text), _bounded_decimal(Decimal(text))
    assert type(found) is type(full)
    assert repr(found) == repr(full)


@attrs.frozen
class _Unresolved:
    other: "_NowhereDefined | None" = None  # noqa: F821 (the point: it does not resolve)


@attrs.frozen
class _HoldsUnresolved:
    name: str
    inner: _Unresolved | None = None


def test_a_class_whose_nested_hints_do_not_resolve_is_not_plain_data():
    assert not serde._writes_plain_data(_HoldsUnresolved)  # and the check itself never raises
