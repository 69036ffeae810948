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
from moralkit.messages import Term, render

PROBLEMS = (
    Problem("plans[2].projects[0].budget", "below_minimum", {"minimum": 0, "value": -5}),
    Problem("", "wrong_type", {"expected": Term("kind.object"), "value": "a list"}, "warning"),
)

ERRORS = [
    ValidationError(PROBLEMS, "ActionPlan"),
    ValidationError([]),
    ThaiDateError("31 มิถุนายน 2562", "date.day_out_of_range", {"day": 31, "year": 2562}),
    ThaiDateError(None, "end_before_start"),
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
        "  plans[2].projects[0].budget: must be >= 0 (got -5) / ต้องไม่น้อยกว่า 0 (ได้รับ -5)\n"
        f"  (input) [warning]: expected {render('kind.object', 'en')} (got a list) / "
        f"ต้องเป็น{render('kind.object', 'th')} (ได้รับ a list)"
    )


def test_errors_with_different_fields_differ():
    assert ThaiDateError("a", "date.unreadable") != ThaiDateError("b", "date.unreadable")
    assert RuleNotFoundError("ita", 2555, []) != ValidationError([])


def test_rule_not_found_names_the_years():
    error = RuleNotFoundError("ita", 2555, [2563, 2562])
    assert str(error) == "no 'ita' rules for fiscal year 2555; available: 2562, 2563"
    assert error.available == (2562, 2563)
    assert "available: none" in str(RuleNotFoundError("moral", 2500, []))


def test_problem_at_prefixes_paths():
    problem = Problem("budget", "below_minimum")
    assert problem.at("plans[2]").path == "plans[2].budget"
    assert problem.at("").path == "budget"
    assert Problem("", "blank").at("plans").path == "plans"
    assert Problem("[3]", "blank").at("plans").path == "plans[3]"


# --- the catalogue, pinned ----------------------------------------------------------------------

import os  # noqa: E402
import re  # noqa: E402
import string  # noqa: E402
from pathlib import Path  # noqa: E402

from moralkit.messages import catalogue  # noqa: E402

SRC = Path(__file__).resolve().parents[1] / "src" / "moralkit"
CODES_PAGE = Path(__file__).resolve().parents[1] / "docs" / "codes.md"


def _source() -> str:
    return "\n".join(p.read_text("utf-8") for p in sorted(SRC.rglob("*.py")))


# A code is used when it is written as a string literal, or when its family is built by an
# f-string such as f"status.{status}" or f"ref.{what}".
_CODE_LITERAL = re.compile(r"""["']([a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)*)["']""")
_FAMILY = re.compile(r"""f["']([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*)\.\{""")
# Where a code is used: Problem(path, "code" ...), _problem(path, "code" ...), Term("code"),
# render("code" ...).
_USES = re.compile(
    r"""(?:\bProblem|\b_problem)\(\s*[^,()]+,\s*["']([a-z][a-z0-9_.-]*)["']"""
    r"""|\bTerm\(\s*["']([a-z][a-z0-9_.-]*)["']"""
    r"""|\brender\(\s*["']([a-z][a-z0-9_.-]*)["']"""
)


def test_every_code_defined_is_used():
    source = _source()
    literals = set(_CODE_LITERAL.findall(source))
    families = set(_FAMILY.findall(source))
    unused = [
        code
        for code in catalogue()
        if code not in literals and not any(code.startswith(f + ".") for f in families)
    ]
    assert unused == []


def test_every_code_used_is_defined():
    defined = set(catalogue())
    seen = False
    for path in sorted(SRC.rglob("*.py")):
        used = {next(g for g in groups if g) for groups in _USES.findall(path.read_text("utf-8"))}
        seen = seen or bool(used)
        assert sorted(used - defined) == [], path
    assert seen, "the pattern finds the uses"


def test_thai_and_english_take_the_same_parameters():
    for code, template in catalogue().items():
        fields_th = {f for _, f, _, _ in string.Formatter().parse(template.th) if f}
        fields_en = {f for _, f, _, _ in string.Formatter().parse(template.en) if f}
        assert fields_th == fields_en, code


def codes_page() -> str:
    """docs/codes.md, generated from the catalogue."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [
        "# Message codes",
        "",
        "Every code in moralkit's message catalogue, with its English and Thai templates.",
        "Problems (`moralkit.Problem.code`), reasons and headings use these codes; the words",
        "are rendered from the templates, with the named parameters in braces.",
        "This page is generated from `src/moralkit/catalogue/*.json`; a test keeps it current",
        "(run `MORALKIT_WRITE_DOCS=1 pytest tests/test_errors.py` after changing the catalogue).",
        "",
        "| Code | English | Thai |",
        "| --- | --- | --- |",
    ]
    for code in sorted(catalogue()):
        template = catalogue()[code]
        lines.append(f"| `{code}` | {cell(template.en)} | {cell(template.th)} |")
    return "\n".join(lines) + "\n"


def test_codes_page_lists_every_code():
    expected = codes_page()
    if os.environ.get("MORALKIT_WRITE_DOCS"):
        CODES_PAGE.write_text(expected, "utf-8")
    assert CODES_PAGE.read_text("utf-8") == expected
