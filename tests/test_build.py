"""Results built without __init__ equal those built with it, and stay frozen."""

import attrs
import pytest

from moralkit import ita, moral
from moralkit._build import builder


def _values(instance):
    return [getattr(instance, f.name) for f in attrs.fields(type(instance))]


@pytest.mark.parametrize(
    "instance",
    [
        ita.score(2568, tools={"IIT": 98, "EIT": 84, "OIT": "99.5"}),
        ita.score(2568, tools={"IIT": 98, "EIT": 84, "OIT": "99.5"}).tools[0],
        moral.assess(moral.Evidence.of("unit", 2569, {1: (45, 50), 3: True})),
        moral.assess(moral.Evidence.of("unit", 2569, {1: (45, 50)})).scores[0],
        moral.assess(moral.Evidence.of("unit", 2569, {1: (45, 50)})).levels[0],
    ],
    ids=type,
)
def test_built_equals_initialised(instance):
    cls = type(instance)
    built = builder(cls)(*_values(instance))
    assert built == cls(*_values(instance)) == instance
    assert repr(built) == repr(instance)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        built.x = 1


def test_classes_that_check_their_values_are_refused():
    @attrs.frozen
    class Checked:
        value: int = attrs.field(validator=attrs.validators.instance_of(int))

    @attrs.frozen
    class Finished:
        value: int

        def __attrs_post_init__(self):
            pass

    @attrs.define(slots=False)
    class Loose:
        value: int

    for cls in (Checked, Finished, Loose):
        with pytest.raises(TypeError):
            builder(cls)
