"""Building a domain object directly refuses a bad value as `load` does: codes and paths."""

import pytest

from moralkit import ValidationError
from moralkit.model import Event, Venue
from moralkit.moral import ModelChecklist


def test_a_bad_field_is_a_validation_error_with_its_code_and_path():
    with pytest.raises(ValidationError) as info:
        Venue(name_th="\u200b")
    assert [(p.path, p.code) for p in info.value.problems] == [("name_th", "blank")]
    assert "Venue" in str(info.value)
    assert "ต้องไม่เว้นว่าง" in str(info.value)


def test_every_bad_item_of_a_tuple_is_listed():
    with pytest.raises(ValidationError) as info:
        Event(id="e", kind="seminar", title_th="สัมมนา", organizers=("ok", "Bad Id", "also bad"))
    assert [p.path for p in info.value.problems] == ["organizers[1]", "organizers[2]"]


def test_it_is_still_a_value_error():
    with pytest.raises(ValueError, match="<= 5"):
        ModelChecklist("x", criteria_met=(6,))
