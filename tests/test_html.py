"""The HTML tables results show in Jupyter: bilingual, escaped, with the figures."""

from decimal import Decimal
from html.parser import HTMLParser

import attrs

from moralkit import _html, ita
from moralkit._html import MAX_ROWS, repr_html
from moralkit.messages import render
from moralkit.moral import Evidence, assess

INDICATORS = {
    1: "93.55",
    2: "87.72",
    3: "91.01",
    4: "87.93",
    5: "89.52",
    6: "90.55",
    7: "88.68",
    8: "88.58",
    9: "72.89",
    10: "65.56",
}


class _Checker(HTMLParser):
    """Collects the text and checks that every tag opened is closed, in order."""

    VOID = frozenset({"br", "meta"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open.pop() == tag

    def handle_data(self, data):
        self.text.append(data)


def _parse(page):
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.open == []
    return checker


def test_ita_result_table_has_the_figures_and_both_languages():
    result = ita.score(2564, indicators=INDICATORS)
    page = repr_html(result)
    parsed = _parse(page)
    text = parsed.text
    for code in (
        "html.ita_result",
        "html.field.total",
        "html.field.fiscal_year",
        "html.field.tools",
    ):
        assert render(code, "th") in text
        assert render(code, "en") in text
    assert "81.45" in text
    assert "2564" in text
    for tool in result.tools:
        assert str(tool.value) in text
        assert tool.name_th in text
    for figure in result.indicators:
        assert str(figure.value) in text
    assert render("html.no", "th") in text  # not passed
    assert render(f"status.{result.weights_status}", "en") in text
    assert "script" not in parsed.tags


def test_moral_result_table_names_the_level_and_the_gap():
    result = assess(Evidence.of("unit-1", 2568, {4: Decimal(75), 7: Decimal(75)}))
    parsed = _parse(repr_html(result))
    text = " ".join(parsed.text)
    assert render("html.moral_result", "th") in text
    assert "unit-1" in text
    assert result.label_th in text
    assert result.label_en in text
    for item in result.gap[:MAX_ROWS]:
        assert item.needs_th in text
        assert item.needs_en in text
    assert render("html.field.gap", "en") in text


def test_long_lists_are_cut_with_a_count(monkeypatch):
    monkeypatch.setattr(_html, "MAX_ROWS", 4)
    result = assess(Evidence.of("unit-1", 2568, {}))
    text = " ".join(_parse(repr_html(result)).text)
    assert result.scores[3].reason_en in text
    more = {"count": len(result.scores) - 4}
    assert render("html.more_rows", "th", more) in text
    assert render("html.more_rows", "en", more) in text


def test_every_text_is_escaped():
    result = ita.score(2568, tools={"IIT": 90, "EIT": 90, "OIT": 90})
    hostile = "<script>alert('x')</script> & \"quoted\""
    level = attrs.evolve(result.level, label_th=hostile, label_en=hostile, code="<b>")
    tools = (attrs.evolve(result.tools[0], name_th=hostile), *result.tools[1:])
    page = repr_html(attrs.evolve(result, level=level, tools=tools, rules_id="<i>x</i>"))
    parsed = _parse(page)
    assert "script" not in parsed.tags
    assert "b" not in parsed.tags
    assert "i" not in parsed.tags
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quoted&quot;" in page
    assert hostile in parsed.text


def test_objects_that_do_not_serialize_show_their_escaped_repr():
    class Odd:
        def __repr__(self):
            return "<odd & end>"

    assert repr_html(Odd()) == "<pre>&lt;odd &amp; end&gt;</pre>"


@attrs.frozen
class _Step:
    number: int
    reason: str
    params: dict


@attrs.frozen
class _Need:
    level: int
    code: str
    params: dict


@attrs.frozen
class _Coded:
    rubric_id: str
    scores: tuple
    gap: tuple


def test_records_with_a_code_and_params_show_the_message_in_both_languages():
    # Results whose records carry a catalogue code and its figures (``reason`` + ``params``,
    # ``code`` + ``params``), with words given per language as ``x_th`` / ``x_en``.
    coded = _Coded(
        "r-1",
        (_Step(1, "plot.not_a_number", {"value": "n/a"}),),
        (
            _Need(
                1,
                "plot.missing_column",
                {"column_th": "คอลัมน์", "column_en": "col", "columns": ["a", "b"]},
            ),
        ),
    )
    parsed = _parse(repr_html(coded))
    text = parsed.text
    assert render("plot.not_a_number", "th", {"value": "n/a"}) in text
    assert render("plot.not_a_number", "en", {"value": "n/a"}) in text
    assert render("plot.missing_column", "th", {"column": "คอลัมน์", "columns": ["a", "b"]}) in text
    assert render("plot.missing_column", "en", {"column": "col", "columns": ["a", "b"]}) in text
    assert render("html.field.needs", "en") in text  # the gap's messages sit under "needs"
    assert "plot.not_a_number" not in text  # the code itself is not shown
