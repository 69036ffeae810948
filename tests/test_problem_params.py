"""A problem keeps what it shows, never the caller's huge, deep or mutable object."""

import pickle

from moralkit import ValidationError
from moralkit.errors import Problem, ThaiDateError


def _deep(depth):
    value: list[object] = []
    for _ in range(depth):
        value = [value]
    return value


def test_huge_deep_and_mutable_values_are_kept_as_shown_text():
    given = [1, 2]
    problem = Problem("x", "wrong_type", {"expected": "kind.text", "value": given})
    given.append(3)
    assert problem.params["value"] == (1, 2)  # a list of scalars is frozen, not shared
    huge = Problem("x", "above_maximum", {"maximum": 5, "value": 10**5000})
    assert huge.params["value"] == "~10^5000"
    deep = Problem("x", "wrong_type", {"expected": "kind.text", "value": _deep(3000)})
    for problem in (huge, deep):
        assert repr(problem)  # never converts or walks the original
        assert pickle.loads(pickle.dumps(problem)) == problem
    error = ValidationError([huge, deep], "f")
    assert "~10^5000" in repr(error)
    assert "~10^5000" in str(error)


def test_a_date_error_keeps_shown_params_too():
    error = ThaiDateError(None, "date.outside_supported_range", {"year": 10**5000})
    assert "~10^5000" in repr(error)
