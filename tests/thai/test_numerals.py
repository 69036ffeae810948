import pytest
from hypothesis import given
from hypothesis import strategies as st

from moralkit import ValidationError
from moralkit.thai import THAI_DIGITS, to_arabic_digits, to_thai_digits


def test_examples():
    assert to_thai_digits("16/09/2567") == "๑๖/๐๙/๒๕๖๗"
    assert to_arabic_digits("๒๕ - ๒๖ มิถุนายน ๒๕๖๒") == "25 - 26 มิถุนายน 2562"
    assert to_thai_digits("") == ""
    assert THAI_DIGITS == "๐๑๒๓๔๕๖๗๘๙"


@pytest.mark.parametrize("function", [to_thai_digits, to_arabic_digits])
@pytest.mark.parametrize("bad", [2567, b"2567", None, pytest.param(10**5000, id="huge")])
def test_non_str_is_refused_at_text(function, bad):
    with pytest.raises(ValidationError) as info:
        function(bad)
    assert [(p.path, p.code) for p in info.value.problems] == [("text", "wrong_type")]
    assert info.value.subject == function.__name__
    assert "text: expected a string" in str(info.value)


no_thai_digits = st.text().filter(lambda s: not any(c in THAI_DIGITS for c in s))
no_arabic_digits = st.text().filter(lambda s: not any(c in "0123456789" for c in s))


@given(no_thai_digits)
def test_arabic_round_trip(text):
    assert to_arabic_digits(to_thai_digits(text)) == text


@given(no_arabic_digits)
def test_thai_round_trip(text):
    assert to_thai_digits(to_arabic_digits(text)) == text


@given(st.text())
def test_only_digits_change(text):
    converted = to_thai_digits(text)
    assert len(converted) == len(text)
    for before, after in zip(text, converted, strict=True):
        assert before == after or (before.isascii() and before.isdigit())
