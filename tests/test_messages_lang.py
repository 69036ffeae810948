"""A language other than Thai or English is refused wherever words are rendered."""

import pickle

import pytest

from moralkit import ValidationError, explain, ita
from moralkit.errors import Problem, ThaiDateError
from moralkit.messages import LANGS, Template, catalogue, check_lang, render, status_text

NOT_LANGUAGES = ["fr", "TH", "En", "", " th", "th-TH", None, 1, b"th", ["th"], ("en",), object()]


def _refusal(caught: pytest.ExceptionInfo[ValidationError]) -> Problem:
    (problem,) = caught.value.problems
    assert (problem.path, problem.code) == ("lang", "not_allowed")
    assert problem.params["allowed"] == LANGS
    return problem


@pytest.mark.parametrize("lang", LANGS)
def test_thai_and_english_are_rendered(lang):
    assert check_lang(lang) == lang
    assert render("core.warning", lang) == catalogue()["core.warning"].text(lang)


@pytest.mark.parametrize("lang", NOT_LANGUAGES, ids=repr)
def test_render_refuses_an_unknown_language(lang):
    with pytest.raises(ValidationError) as caught:
        render("core.problems", lang, {"count": 2})
    problem = _refusal(caught)
    # The refusal itself renders in both languages, pickles, and names what is allowed.
    assert "th, en" in problem.message_en
    assert "th, en" in problem.message_th
    assert "lang" in str(caught.value)
    assert pickle.loads(pickle.dumps(caught.value)) == caught.value


@pytest.mark.parametrize("lang", NOT_LANGUAGES, ids=repr)
def test_every_renderer_refuses_an_unknown_language(lang):
    problem = Problem("budget", "below_minimum", {"minimum": 0, "value": -5})
    date_error = ThaiDateError("31 มิถุนายน 2562", "date.unreadable", {})
    template: Template = catalogue()["core.warning"]
    calls = [
        lambda: check_lang(lang),
        lambda: problem.message(lang),
        lambda: date_error.message(lang),
        lambda: status_text("verified", lang),
        lambda: template.text(lang),
        lambda: explain(ita.score(2567, tools={"IIT": 80, "EIT": 80, "OIT": 80}), lang),
    ]
    for call in calls:
        with pytest.raises(ValidationError) as caught:
            call()
        assert [(p.path, p.code) for p in caught.value.problems] == [("lang", "not_allowed")]


def test_errors_still_print_in_both_languages():
    err = ValidationError([Problem("budget", "below_minimum", {"minimum": 0, "value": -5})])
    assert str(err).endswith("must be >= 0 (got -5) / ต้องไม่น้อยกว่า 0 (ได้รับ -5)")


def test_an_array_like_language_is_refused_without_comparing_it():
    class Weird:
        def __ne__(self, other):
            raise AssertionError("compared")

        __eq__ = __ne__
        __hash__ = object.__hash__

    with pytest.raises(ValidationError):
        render("core.warning", Weird())  # type: ignore[arg-type]
