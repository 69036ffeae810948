import pickle

import pytest

import moralkit
from moralkit.errors import (
    MoralkitError,
    Problem,
    RuleNotFoundError,
    ThaiDateError,
    ValidationError,
)

PROBLEMS = (
    Problem.legacy("plans[2].projects[0].budget", "negative", "must be >= 0 (got -5)", "ต้องไม่ติดลบ"),
    Problem.legacy("", "wrong_type", "expected an object", "ต้องเป็นออบเจกต์", "warning"),
)

ERRORS = [
    ValidationError(PROBLEMS, "ActionPlan"),
    ValidationError([]),
    ThaiDateError("31 มิถุนายน 2562", "day 31 is out of range", "ไม่มีวันที่ 31"),
    ThaiDateError(None, "end before start", "สิ้นสุดก่อนเริ่ม"),
    RuleNotFoundError("ita", 2555, [2563, 2562]),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_errors_pickle_and_unpickle_equal(error):
    copy = pickle.loads(pickle.dumps(error))
    assert copy == error
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert hash(copy) == hash(error)


def test_hierarchy():
    assert issubclass(ValidationError, MoralkitError)
    assert issubclass(ValidationError, ValueError)
    assert issubclass(ThaiDateError, ValueError)
    assert issubclass(RuleNotFoundError, LookupError)
    for name in ("MoralkitError", "ValidationError", "ThaiDateError", "RuleNotFoundError"):
        assert getattr(moralkit, name) is getattr(moralkit.errors, name)


def test_validation_error_lists_every_problem():
    error = ValidationError(PROBLEMS, "ActionPlan")
    assert error.problems == PROBLEMS
    assert error.paths == ("plans[2].projects[0].budget", "")
    assert str(error) == (
        "2 problems in ActionPlan:\n"
        "  plans[2].projects[0].budget: must be >= 0 (got -5) / ต้องไม่ติดลบ\n"
        "  (input) [warning]: expected an object / ต้องเป็นออบเจกต์"
    )


def test_errors_with_different_fields_differ():
    assert ThaiDateError("a", "b", "c") != ThaiDateError("a", "b", "d")
    assert RuleNotFoundError("ita", 2555, []) != ValidationError([])


def test_rule_not_found_names_the_years():
    error = RuleNotFoundError("ita", 2555, [2563, 2562])
    assert str(error) == "no 'ita' rules for fiscal year 2555; available: 2562, 2563"
    assert error.available == (2562, 2563)
    assert "available: none" in str(RuleNotFoundError("moral", 2500, []))


def test_problem_at_prefixes_paths():
    problem = Problem.legacy("budget", "negative", "m", "ข")
    assert problem.at("plans[2]").path == "plans[2].budget"
    assert problem.at("").path == "budget"
    assert Problem.legacy("", "c", "m", "ข").at("plans").path == "plans"
    assert Problem.legacy("[3]", "c", "m", "ข").at("plans").path == "plans[3]"
