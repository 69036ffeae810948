"""The charts: figures from frames and lists, words from the catalogue, Thai glyphs drawn."""

import io
import itertools
import pickle
import random
import subprocess
import sys
import unicodedata
import warnings
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip(
    "matplotlib", reason="matplotlib is not installed: pip install 'moralkit[plot]'"
)

import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import findfont, fontManager
from matplotlib.ft2font import FT2Font
from matplotlib.text import Text

from moralkit import ita, plot
from moralkit.errors import ValidationError
from moralkit.messages import render
from moralkit.moral.rollup import Tally

PROVINCES = ("TH-10", "TH-50", "TH-30", "TH-90", "TH-40")


def _scored(seed=7, agencies=60, years=(2567, 2568)):
    """Rows shaped like score_table's output, each scored by ita.score."""
    rng = random.Random(seed)
    rows = []
    for year in years:
        for number in range(agencies):
            tools = {
                tool: str(Decimal(rng.triangular(55, 100, 92)).quantize(Decimal("0.01")))
                for tool in ("IIT", "EIT", "OIT")
            }
            result = ita.score(year, tools=tools)
            rows.append(
                {
                    "agency": f"A{number:03d}",
                    "province": PROVINCES[number % len(PROVINCES)],
                    **{tool: Decimal(value) for tool, value in tools.items()},
                    "total": result.total,
                    "level": result.level.code,
                    "level_th": result.level.label_th,
                    "level_en": result.level.label_en,
                    "passed": result.passed,
                    "fiscal_year": year,
                }
            )
    return rows


ROWS = _scored()
MORAL = [
    {"province": province, "level": level, "count": (index * 7 + level * 3) % 11}
    for index, province in enumerate(PROVINCES)
    for level in (1, 2, 3)
]


def _charts(lang):
    yield "distribution", plot.distribution(ROWS, 2568, lang=lang)
    yield "share_passing", plot.share_passing(ROWS, "province", fiscal_year=2568, lang=lang)
    yield "share_passing_years", plot.share_passing(ROWS, "province", lang=lang)
    yield "year_over_year", plot.year_over_year(ROWS, lang=lang)
    yield "moral_levels", plot.moral_levels(MORAL, lang=lang)


# --- every character drawn is in the font that draws it --------------------------------------


@cache
def _charmap(path):
    return frozenset(FT2Font(path).get_charmap())


def _is_thai(char):
    return "\u0e00" <= char <= "\u0e7f"


def _render(fig):
    """Draw ``fig`` to PNG with Agg (a missing glyph warning fails) and return the PNG bytes."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # A low resolution keeps the suite fast; the text is laid out all the same.
        fig.savefig(buffer, format="png", dpi=50)
    return buffer.getvalue()


def _uncovered(fig):
    """Every (text, character, font file) drawn where the font lacks the character, and
    every text with Thai in it drawn in a font other than the bundled Sarabun."""
    wrong = []
    for text in fig.findobj(Text):
        shown = text.get_text()
        if not (text.get_visible() and shown):
            continue
        path = findfont(text.get_fontproperties(), fallback_to_default=False)
        covered = _charmap(path)
        wrong.extend((shown, c, Path(path).name) for c in shown if ord(c) not in covered)
        if any(_is_thai(c) for c in shown) and FT2Font(path).family_name != "Sarabun":
            wrong.append((shown, "(Thai)", Path(path).name))
    return wrong


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_character_drawn_is_in_the_font_that_draws_it(lang):
    for name, fig in _charts(lang):
        png = _render(fig)
        assert png.startswith(b"\x89PNG"), name
        texts = [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]
        assert len(texts) > 10, name
        if lang == "th":
            assert any(any(_is_thai(c) for c in t) for t in texts), name
        assert _uncovered(fig) == [], name


def test_thai_text_is_drawn_in_sarabun_not_a_fallback():
    fig = plot.distribution(ROWS, 2568, lang="th")
    _render(fig)
    wanted = fig.axes[0].get_title(loc="left")
    title = next(t for t in fig.findobj(Text) if t.get_text() == wanted)
    assert any(_is_thai(c) for c in wanted)
    path = findfont(title.get_fontproperties())
    assert Path(path).name == "Sarabun-Bold.ttf"
    assert FT2Font(path).family_name == "Sarabun"
    ticks = [t for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert ticks
    assert {Path(findfont(t.get_fontproperties())).name for t in ticks} == {"Sarabun-Regular.ttf"}


def test_the_check_catches_thai_in_the_default_font():
    # Without the bundled font, matplotlib's default (DejaVu Sans) has no Thai glyphs.
    fig = Figure()
    fig.add_subplot().set_title("คะแนนรวม")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        FigureCanvasAgg(fig).draw()
    assert ("คะแนนรวม", "ค", Path(findfont(fig.axes[0].title.get_fontproperties())).name) in (
        _uncovered(fig)
    )
    plot.apply_thai_font(fig)
    _render(fig)
    assert _uncovered(fig) == []


def test_ticks_made_after_the_chart_is_built_keep_the_thai_font():
    fig = plot.share_passing(ROWS, "province", fiscal_year=2568)
    fig.axes[0].set_xlim(0, 300)  # new tick labels, created at draw time
    _render(fig)
    assert _uncovered(fig) == []
    names = {Path(findfont(t.get_fontproperties())).name for t in fig.axes[0].get_xticklabels()}
    assert names == {"Sarabun-Regular.ttf"}


def test_no_global_state_changes():
    before = dict(mpl.rcParams)
    fonts = len(fontManager.ttflist)
    pyplot = sys.modules.get("matplotlib.pyplot")
    open_figures = pyplot.get_fignums() if pyplot else []
    _render(plot.moral_levels(MORAL))
    _render(plot.distribution(ROWS, 2568))
    assert dict(mpl.rcParams) == before
    assert len(fontManager.ttflist) == fonts
    if pyplot:
        assert pyplot.get_fignums() == open_figures


def test_the_font_ships_with_its_licence():
    folder = plot.font_path().parent
    licence = (folder / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Copyright 2018 The Sarabun Project Authors" in licence
    for weight, name in (("regular", "Sarabun-Regular.ttf"), ("bold", "Sarabun-Bold.ttf")):
        path = plot.font_path(weight)
        assert path.name == name
        font = FT2Font(str(path))
        assert font.family_name == "Sarabun"
        # Every Thai letter, vowel, tone mark and digit in the Unicode block is in the font.
        thai = [c for c in map(chr, range(0x0E01, 0x0E5C)) if unicodedata.name(c, "")]
        assert all(ord(c) in font.get_charmap() for c in thai)


# --- (a) the distribution with the year's bands --------------------------------------------


def _band_spans(fig):
    """The x extent of each shaded band (a Rectangle from matplotlib 3.9, a Polygon before)."""
    spans = []
    for patch in fig.axes[0].patches:
        if patch.get_alpha() == 0.35:
            box = patch.get_path().get_extents(patch.get_patch_transform())
            spans.append((round(box.x0, 6), round(box.x1, 6)))
    return sorted(spans)


def test_distribution_bands_come_from_the_years_rule_file():
    fig = plot.distribution(ROWS, 2568, lang="th")
    labels = [t.get_text() for t in fig.axes[0].texts]
    rules = ita.RULES.for_year(2568)
    assert "ผ่านดี / ผ่าน" in labels  # two levels with the same floor share a band
    assert "ผ่านดีเยี่ยม" in labels
    left = fig.axes[0].get_xlim()[0]
    floors = sorted({float(level.min_total) for level in rules.levels} | {100.0})
    expected = [(max(low, left), high) for low, high in itertools.pairwise(floors) if high > left]
    assert _band_spans(fig) == expected
    assert [line.get_xdata()[0] for line in fig.axes[0].lines] == [float(rules.pass_mark)]


def test_distribution_of_an_older_year_shows_its_letter_levels():
    rows = [{"total": t} for t in ("40.00", "72.10", "96.50")]
    fig = plot.distribution(rows, fiscal_year=2564, lang="en")
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert [label for label in labels if len(label) <= 2] == ["F", "E", "D", "C", "B", "A", "AA"]
    counts = [p.get_height() for p in fig.axes[0].patches if p.get_alpha() is None]
    assert sum(counts) == 3


def test_distribution_counts_every_total_once():
    fig = plot.distribution(ROWS, 2568)
    bars = [p for p in fig.axes[0].patches if p.get_alpha() is None]
    assert sum(p.get_height() for p in bars) == sum(r["fiscal_year"] == 2568 for r in ROWS)
    subtitle = fig.axes[0].texts[-1].get_text()
    assert subtitle == render("plot.distribution.subtitle", "th", {"count": 60})


def test_distribution_accepts_results_and_scored_agencies():
    results = [ita.score(2566, tools={"IIT": t, "EIT": 90, "OIT": 90}) for t in (60, 80, 99)]
    fig = plot.distribution(results, lang="en")
    assert fig.axes[0].get_title(loc="left") == "ITA totals, fiscal year 2566"
    scored = ita.score_many(
        [ita.ItaRecord("x", tools={"IIT": 90, "EIT": 90, "OIT": 90}, groups={"province": "TH-10"})],
        2566,
    )
    fig = plot.share_passing(scored, lang="en")
    assert fig.axes[0].get_yticklabels()[0].get_text() == "Bangkok"


def test_distribution_never_mixes_years():
    with pytest.raises(ValidationError) as caught:
        plot.distribution(ROWS)
    assert caught.value.problems[0].code == "plot.mixed_years"
    assert caught.value.problems[0].params["years"] == (2567, 2568)
    with pytest.raises(ValidationError) as caught:
        plot.distribution(ROWS, 2565)
    assert caught.value.problems[0].code == "plot.year_not_held"
    with pytest.raises(ValidationError) as caught:
        plot.distribution([{"total": "90"}])
    assert caught.value.problems[0].code == "plot.no_year"


def test_bad_values_are_reported_with_their_row():
    rows = [{"total": "90.00"}, {"total": "ninety"}, {"total": None}]
    with pytest.raises(ValidationError) as caught:
        plot.distribution(rows[:2], 2568)
    assert caught.value.paths == ("data[1].total",)
    assert caught.value.problems[0].code == "plot.not_a_number"
    with pytest.raises(ValidationError) as caught:
        plot.distribution([rows[0], rows[2]], 2568)
    assert caught.value.problems[0].code == "plot.missing_value"
    with pytest.raises(ValidationError) as caught:
        plot.distribution([{"score": 1}], 2568)
    assert caught.value.problems[0].code == "plot.missing_column"
    assert "total" in caught.value.problems[0].message("en")
    with pytest.raises(ValidationError, match="nothing to draw"):
        plot.distribution([], 2568)
    with pytest.raises(ValidationError) as caught:
        plot.distribution({"total": 1}, 2568)
    assert caught.value.problems[0].code == "plot.unsupported_data"


# --- frames of any engine -------------------------------------------------------------------


def _signature(fig):
    """What a chart shows, without drawing it: its texts and the place of every patch."""
    texts = [t.get_text() for t in fig.findobj(Text) if t.get_text()]
    patches = [(p.get_x(), p.get_y(), p.get_width(), p.get_height()) for p in fig.axes[0].patches]
    return texts, patches


def test_pandas_and_polars_frames_draw_the_same_chart_as_lists():
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    plain = [
        {**r, "total": str(r["total"]), **{t: str(r[t]) for t in ("IIT", "EIT", "OIT")}}
        for r in ROWS
    ]
    frames = [pd.DataFrame(plain), pl.DataFrame(plain), pl.DataFrame(plain).lazy()]
    floats = pd.DataFrame(ROWS).assign(total=lambda f: f["total"].astype(float))
    expected = _signature(plot.year_over_year(ROWS))
    for frame in [*frames, floats]:
        assert _signature(plot.year_over_year(frame)) == expected
    expected = _signature(plot.share_passing(ROWS))
    assert _signature(plot.share_passing(frames[1])) == expected


@pytest.mark.parametrize("engine", ["pyarrow", "duckdb"])
def test_arrow_and_duckdb_tables_draw_the_same_chart(engine):
    pa = pytest.importorskip("pyarrow")
    keep = ("agency", "province", "total", "passed", "fiscal_year")
    frame = pa.Table.from_pylist(
        [{k: str(r[k]) if k == "total" else r[k] for k in keep} for r in ROWS]
    )
    if engine == "duckdb":
        connection = pytest.importorskip("duckdb").connect()  # held: a relation needs it open
        frame = connection.from_arrow(frame)
    expected = _signature(plot.year_over_year(ROWS))
    assert _signature(plot.year_over_year(frame)) == expected


def test_frame_without_a_column_names_it():
    pd = pytest.importorskip("pandas")
    with pytest.raises(ValidationError) as caught:
        plot.share_passing(pd.DataFrame(ROWS).drop(columns="passed"), "province")
    assert caught.value.problems[0].params["column"] == "passed"


# --- (b) share passing per group ------------------------------------------------------------


def test_share_passing_is_exact_and_drawn_against_the_target():
    rows = [
        {"province": "TH-10", "passed": p, "fiscal_year": 2568} for p in (True, True, False)
    ] + [{"province": "TH-50", "passed": True, "fiscal_year": 2568}]
    fig = plot.share_passing(rows, lang="en")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Chiang Mai", "Bangkok"]
    assert [t.get_text() for t in ax.texts[:2]] == ["100.0% (1/1)", "66.7% (2/3)"]
    assert [round(p.get_width(), 6) for p in ax.patches] == [100.0, 66.7]
    target = ita.RULES.for_year(2568).national_target_share
    assert [line.get_xdata()[0] for line in ax.lines] == [float(target)]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == [render("plot.target", "en", {"target": target})]
    fig = plot.share_passing(rows, target=70, lang="en")
    assert [line.get_xdata()[0] for line in fig.axes[0].lines] == [70.0]


def test_share_passing_keeps_years_apart():
    fig = plot.share_passing(ROWS, "province", lang="en")
    ax = fig.axes[0]
    assert len(ax.patches) == 2 * len(PROVINCES)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:2] == ["FY2567", "FY2568"]
    shown = sorted(t.get_text() for t in ax.texts[: len(ax.patches)])
    expected = []
    for year in (2567, 2568):
        for province in PROVINCES:
            group = [r for r in ROWS if r["fiscal_year"] == year and r["province"] == province]
            passed = sum(r["passed"] for r in group)
            share = (Decimal(passed) * 100 / len(group)).quantize(Decimal("0.1"))
            expected.append(f"{share}% ({passed}/{len(group)})")
    assert shown == sorted(expected)


def test_share_passing_wants_true_or_false():
    with pytest.raises(ValidationError) as caught:
        plot.share_passing([{"province": "x", "passed": "yes"}], fiscal_year=2568)
    assert caught.value.problems[0].code == "plot.not_a_bool"


# --- (c) year-over-year change --------------------------------------------------------------


def test_year_over_year_changes_are_exact_and_largest_first():
    fig = plot.year_over_year(ROWS, limit=5, lang="en")
    ax = fig.axes[0]
    before = {r["agency"]: r["total"] for r in ROWS if r["fiscal_year"] == 2567}
    after = {r["agency"]: r["total"] for r in ROWS if r["fiscal_year"] == 2568}
    changes = {a: after[a] - before[a] for a in before}
    largest = sorted(changes, key=lambda a: (-abs(changes[a]), a))[:5]
    largest.sort(key=lambda a: (-changes[a], a))
    assert [t.get_text() for t in ax.get_yticklabels()] == largest
    assert [t.get_text() for t in ax.texts[:5]] == [
        f"{changes[a]:+}" if changes[a] else "0" for a in largest
    ]
    assert "the 5 largest changes of 60 agencies" in ax.texts[-1].get_text()


def test_year_over_year_names_agencies_by_a_label_column_and_chosen_years():
    rows = [
        {"agency": "a", "name_th": "เทศบาลตำบลหนึ่ง", "fiscal_year": y, "total": t}
        for y, t in ((2565, "70.00"), (2566, "75.50"), (2567, "80.00"))
    ]
    fig = plot.year_over_year(rows, before=2565, after=2567, label="name_th")
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["เทศบาลตำบลหนึ่ง"]
    assert fig.axes[0].texts[0].get_text() == "+10.00"
    _render(fig)
    assert _uncovered(fig) == []


def test_year_over_year_refuses_what_it_cannot_compare():
    with pytest.raises(ValidationError) as caught:
        plot.year_over_year([r for r in ROWS if r["fiscal_year"] == 2568])
    assert caught.value.problems[0].code == "plot.need_two_years"
    twice = [*ROWS, ROWS[0]]
    with pytest.raises(ValidationError) as caught:
        plot.year_over_year(twice)
    assert caught.value.problems[0].code == "plot.duplicate_row"
    assert caught.value.paths == (f"data[{len(ROWS)}]",)
    apart = [
        {"agency": "a", "fiscal_year": 2567, "total": 1},
        {"agency": "b", "fiscal_year": 2568, "total": 1},
    ]
    with pytest.raises(ValidationError) as caught:
        plot.year_over_year(apart)
    assert caught.value.problems[0].code == "plot.no_common_agency"


# --- (d) moral levels per province ----------------------------------------------------------


def _stacks(fig):
    ax = fig.axes[0]
    names = [t.get_text() for t in ax.get_yticklabels()]
    widths: dict[str, list[int]] = {name: [] for name in names}
    for container in ax.containers:
        for name, bar in zip(names, container, strict=True):
            widths[name].append(round(bar.get_width()))
    return widths


def test_moral_levels_from_counts_rows_and_tallies_agree():
    from_counts = plot.moral_levels(MORAL, lang="en")
    units = [
        {"province": r["province"], "level": r["level"]} for r in MORAL for _ in range(r["count"])
    ]
    from_units = plot.moral_levels(units, lang="en")
    tallies = [
        Tally.from_counts(p, {r["level"]: r["count"] for r in MORAL if r["province"] == p})
        for p in PROVINCES
    ]
    from_tallies = plot.moral_levels(tallies, lang="en")
    expected = {
        plot._group_label(p, "en"): [
            next(r["count"] for r in MORAL if r["province"] == p and r["level"] == level)
            for level in (1, 2, 3)
        ]
        for p in PROVINCES
    }
    assert _stacks(from_counts) == expected
    assert _stacks(from_units) == expected
    assert _stacks(from_tallies) == expected
    legend = [t.get_text() for t in from_counts.axes[0].get_legend().get_texts()]
    assert legend == [
        "moral-promoting organization",
        "moral organization",
        "model moral organization",
    ]


def test_moral_levels_show_level_zero_only_when_present_and_refuse_others():
    fig = plot.moral_levels([{"province": "TH-10", "level": 0}], tier="community", lang="th")
    legend = fig.axes[0].get_legend().get_texts()
    assert legend[0].get_text() == "ยังไม่ผ่านระดับที่ 1"
    with pytest.raises(ValidationError) as caught:
        plot.moral_levels([{"province": "TH-10", "level": 4}])
    assert caught.value.problems[0].code == "plot.unknown_level"
    with pytest.raises(ValidationError) as caught:
        plot.moral_levels([{"province": "TH-10", "level": 1, "count": -1}])
    assert caught.value.problems[0].code == "plot.not_a_count"


# --- words ----------------------------------------------------------------------------------


def test_titles_are_the_catalogues_in_each_language():
    for lang in ("th", "en"):
        fig = plot.year_over_year(ROWS, lang=lang)
        assert fig.axes[0].get_title(loc="left") == render(
            "plot.change.title", lang, {"before": 2567, "after": 2568}
        )
        assert fig.axes[0].get_xlabel() == render("plot.axis.change", lang)


def test_charts_return_figures_and_write_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for _, fig in _charts("en"):
        assert isinstance(fig, Figure)
    assert list(tmp_path.iterdir()) == []


def test_without_matplotlib_the_error_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImportError, match=r"moralkit\[plot\]"):
        plot.distribution([{"total": 1}], 2568)


def test_distribution_of_plain_totals():
    fig = plot.distribution([Decimal("91.20"), "78.05", 96.4, 88], 2568, lang="en")
    bars = [p for p in fig.axes[0].patches if p.get_alpha() is None]
    assert sum(p.get_height() for p in bars) == 4
    with pytest.raises(ValidationError) as caught:
        plot.distribution(["90", "n/a"], 2568)
    assert caught.value.paths == ("data[1].total",)


def test_missing_values_of_a_frame_are_named_missing():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {"province": ["TH-10", "TH-10"], "passed": [True, None], "fiscal_year": [2568, 2568]}
    ).astype({"passed": "boolean"})
    with pytest.raises(ValidationError) as caught:
        plot.share_passing(frame)
    assert caught.value.problems[0].code == "plot.missing_value"
    assert caught.value.paths == ("data[1].passed",)
    frame = pd.DataFrame({"total": [90.5, float("nan")], "fiscal_year": [2568, 2568]})
    with pytest.raises(ValidationError) as caught:
        plot.distribution(frame)
    assert caught.value.paths == ("data[1].total",)
    assert caught.value.problems[0].code == "plot.missing_value"


def test_share_passing_from_a_summary_matches_the_rows():
    # summarize_table gives passing and count per group and year; the chart is the same.
    summary = {}
    for row in ROWS:
        key = (row["fiscal_year"], row["province"])
        passing, count = summary.get(key, (0, 0))
        summary[key] = (passing + row["passed"], count + 1)
    rows = [
        {"fiscal_year": y, "province": p, "count": n, "passing": k, "share_passing": "ignored"}
        for (y, p), (k, n) in summary.items()
    ]
    assert _signature(plot.share_passing(rows)) == _signature(plot.share_passing(ROWS))
    with pytest.raises(ValidationError) as caught:
        plot.share_passing([{**rows[0], "passing": rows[0]["count"] + 1}])
    assert caught.value.problems[0].code == "plot.bad_tally"
    with pytest.raises(ValidationError) as caught:
        plot.share_passing([{"province": "TH-10", "fiscal_year": 2568}])
    assert caught.value.problems[0].params["column"] == "passed"  # the first shape is named


def test_moral_levels_from_a_wide_rollup_and_one_year_at_a_time():
    wide = [
        {
            "fiscal_year": 2567,
            "province": p,
            "total": 0,
            **{
                f"level_{level}": next(
                    (r["count"] for r in MORAL if r["province"] == p and r["level"] == level), 0
                )
                for level in range(4)
            },
        }
        for p in PROVINCES
    ]
    assert _signature(plot.moral_levels(wide)) == _signature(plot.moral_levels(MORAL))
    later = [{**row, "fiscal_year": 2568, "level_1": 0} for row in wide]
    with pytest.raises(ValidationError) as caught:
        plot.moral_levels(wide + later)
    assert caught.value.problems[0].code == "plot.mixed_years"
    fig = plot.moral_levels(wide + later, fiscal_year=2568)
    assert all(widths[0] == 0 for widths in _stacks(fig).values())
    assert _stacks(plot.moral_levels(iter(MORAL))) == _stacks(plot.moral_levels(MORAL))


def test_charts_show_themselves_as_png_in_jupyter_without_pyplot():
    fig = plot.moral_levels(MORAL)
    png = fig._repr_png_()
    assert png.startswith(b"\x89PNG")
    assert isinstance(pickle.loads(pickle.dumps(fig)), Figure)


def test_charts_never_import_pyplot():
    code = (
        "import sys; from moralkit import plot; "
        "plot.moral_levels([{'province': 'TH-10', 'level': 1}])._repr_png_(); "
        "print('matplotlib.pyplot' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


@settings(max_examples=12, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["TH-10", "TH-50", "x"]), st.booleans()), min_size=1, max_size=40
    )
)
def test_share_labels_and_bars_are_the_exact_shares(agencies):
    rows = [{"province": p, "passed": ok, "fiscal_year": 2568} for p, ok in agencies]
    ax = plot.share_passing(rows, lang="en").axes[0]
    names = {plot._group_label(p, "en"): p for p, _ in agencies}
    shown = dict(zip([t.get_text() for t in ax.get_yticklabels()], ax.patches, strict=True))
    assert set(shown) == set(names)
    for name, bar in shown.items():
        flags = [ok for p, ok in agencies if p == names[name]]
        # Half-up to one place, by whole numbers: floor(1000 p / n + 1/2) tenths of a percent.
        share = Decimal((2000 * sum(flags) + len(flags)) // (2 * len(flags))) / 10
        assert bar.get_width() == pytest.approx(float(share))
        assert f"{share:.1f}% ({sum(flags)}/{len(flags)})" in [t.get_text() for t in ax.texts]


@pytest.mark.parametrize("lang", ["fr", "TH", "", None, "english"])
@pytest.mark.parametrize(
    "draw",
    [
        lambda lang: plot.distribution(ROWS, 2568, lang=lang),
        lambda lang: plot.share_passing(ROWS, "province", fiscal_year=2568, lang=lang),
        lambda lang: plot.year_over_year(ROWS, lang=lang),
        lambda lang: plot.moral_levels(MORAL, lang=lang),
    ],
    ids=["distribution", "share_passing", "year_over_year", "moral_levels"],
)
def test_an_unknown_language_is_refused_not_drawn_in_english(draw, lang):
    with pytest.raises(ValidationError) as caught:
        draw(lang)
    assert [(p.path, p.code) for p in caught.value.problems] == [("lang", "not_allowed")]


# --- the font functions refuse arguments of the wrong kind -----------------------------------


def _refused(info):
    str(info.value)  # renders, whatever was passed
    return [(p.path, p.code) for p in info.value.problems]


@pytest.mark.parametrize("weight", ["heavy", None, ["bold"], {}])
def test_font_path_refuses_an_unknown_weight(weight):
    from moralkit import ValidationError  # noqa: PLC0415

    with pytest.raises(ValidationError) as info:
        plot.font_path(weight)
    assert _refused(info) == [("weight", "not_allowed")]


def test_font_properties_refuses_a_bad_weight_or_size():
    from moralkit import ValidationError  # noqa: PLC0415

    with pytest.raises(ValidationError) as info:
        plot.font_properties("heavy", size=float("nan"))
    assert _refused(info) == [("weight", "not_allowed"), ("size", "wrong_type")]
    for size in (0, 10**5000, True, "huge", [12]):
        with pytest.raises(ValidationError) as info:
            plot.font_properties(size=size)
        assert _refused(info) == [("size", "wrong_type")]
    assert plot.font_properties(size=Decimal("10.5")).get_size() == 10.5
    assert plot.font_properties(size="large").get_file().endswith("Sarabun-Regular.ttf")


def test_apply_thai_font_refuses_what_is_not_a_figure():
    from moralkit import ValidationError  # noqa: PLC0415

    with pytest.raises(ValidationError) as info:
        plot.apply_thai_font({"axes": []})
    assert _refused(info) == [("fig", "wrong_type")]
