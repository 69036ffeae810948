"""Charts of ITA and moral-assessment figures, in Thai or English, drawn with Thai glyphs.

Four charts, each returning a matplotlib `~matplotlib.figure.Figure` (nothing is shown or
written unless you ask: ``fig.savefig("totals.png")``):

- `distribution`: the totals of one fiscal year, with the year's level bands shaded;
- `share_passing`: the share of agencies passing per group, against the national target;
- `year_over_year`: the change of each agency's total between two fiscal years;
- `moral_levels`: how many units are at each moral level, per province (or other group).

The ITA charts read the columns of `moralkit.ita.score_table`'s output (``agency``, ``total``,
``passed``, ``fiscal_year`` and a group column such as ``province``) from any frame narwhals
reads (pandas, polars, pyarrow, dask ...), or plain lists of results or dicts. Every word comes
from the catalogue (``lang="th"`` or ``"en"``). Thai needs a font with Thai glyphs, which most
machines lack; moralkit ships Sarabun (SIL Open Font License, beside the files) and sets it on
each text of its figures, without changing matplotlib's global settings.

Needs ``pip install "moralkit[plot]"``.

>>> from moralkit import plot
>>> rows = [{"agency": "a", "total": "91.20"}, {"agency": "b", "total": "78.05"}]
>>> fig = plot.distribution(rows, fiscal_year=2568, lang="en")
>>> fig.axes[0].get_title(loc="left")
'ITA totals, fiscal year 2568'
"""

from __future__ import annotations

import atexit
import contextlib
import math
import operator
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, localcontext
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, SupportsFloat, SupportsIndex, cast

from moralkit._args import not_allowed, refuse, wrong_type
from moralkit._decimal import CONTEXT, percent, round_half_up
from moralkit.errors import Problem, ValidationError
from moralkit.messages import Lang, Term, catalogue, check_lang, render
from moralkit.thai.calendar import FiscalYear

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    from moralkit.ita.rules_model import ItaRules

__all__ = [
    "apply_thai_font",
    "distribution",
    "font_path",
    "font_properties",
    "moral_levels",
    "share_passing",
    "year_over_year",
]

Weight = Literal["regular", "bold"]

_FONT_FILES: dict[Weight, str] = {"regular": "Sarabun-Regular.ttf", "bold": "Sarabun-Bold.ttf"}
_FILES = contextlib.ExitStack()
atexit.register(_FILES.close)

# Colours: passing levels in greens, the others in warm tones; one colour per moral level.
_PASS_COLOURS = ("#1b7837", "#5aae61", "#a6dba0", "#d9f0d3")
_FAIL_COLOURS = ("#fdb863", "#e08214", "#b35806", "#7f3b08", "#542788", "#2d004b")
_MORAL_COLOURS = ("#bdbdbd", "#a6dba0", "#5aae61", "#1b7837")
_UP, _DOWN, _NEUTRAL = "#1b7837", "#b2182b", "#878787"
_YEAR_COLOURS = ("#2166ac", "#67a9cf", "#d1e5f0", "#b2182b", "#ef8a62", "#fddbc7")


# --- the Thai font --------------------------------------------------------------------------


def font_path(weight: Weight = "regular") -> Path:
    """The path of the bundled Sarabun font file (``"regular"`` or ``"bold"``).

    Another ``weight`` is refused with `moralkit.ValidationError` (``not_allowed``).

    >>> font_path().name
    'Sarabun-Regular.ttf'
    """
    if type(weight) is not str or weight not in _FONT_FILES:
        refuse([not_allowed("weight", tuple(_FONT_FILES), weight)], "font_path")
    return _font_path(weight)


@cache
def _font_path(weight: Weight) -> Path:
    resource = files("moralkit").joinpath("fonts", _FONT_FILES[weight])
    # A zipped install has no real file: extract it once, for the life of the process.
    return Path(_FILES.enter_context(as_file(resource)))


def font_properties(weight: Weight = "regular", size: float | None = None) -> FontProperties:
    """A `~matplotlib.font_manager.FontProperties` of the bundled Sarabun font.

    Pass it to your own texts (``ax.set_title("...", fontproperties=font_properties())``)
    to draw Thai in charts of your own. Nothing global changes.

    ``size`` is a size in points (above 0, at most 1000) or a matplotlib size name
    (``"large"``); a ``weight`` or ``size`` of another kind is refused with
    `moralkit.ValidationError`, each problem at the argument's name.

    >>> font_properties("bold").get_file().endswith("Sarabun-Bold.ttf")
    True
    """
    problems: list[Problem] = []
    if type(weight) is not str or weight not in _FONT_FILES:
        problems.append(not_allowed("weight", tuple(_FONT_FILES), weight))
    if size is not None and not _is_font_size(size):
        problems.append(wrong_type("size", "plot.kind.font_size", size))
    if problems:
        refuse(problems, "font_properties")
    _require_matplotlib()
    from matplotlib.font_manager import FontProperties  # noqa: PLC0415 (an optional extra)

    return FontProperties(fname=font_path(weight), size=size)


#: The size names matplotlib's `FontProperties` reads.
_SIZE_NAMES = ("xx-small", "x-small", "small", "medium", "large", "x-large", "xx-large")


def _is_font_size(size: object) -> bool:
    if isinstance(size, str):
        return size in _SIZE_NAMES
    if isinstance(size, bool) or not isinstance(size, int | float | Decimal):
        return False
    if isinstance(size, Decimal) and not size.is_finite():
        return False
    if isinstance(size, float) and not math.isfinite(size):
        return False
    return 0 < size <= _LARGEST_FONT_SIZE


#: The largest font size `font_properties` takes, in points.
_LARGEST_FONT_SIZE = 1000


def apply_thai_font(fig: Figure) -> Figure:
    """Set the bundled Thai font on every text of ``fig``, keeping each text's size and weight.

    The charts of this module call it themselves; call it on a figure of your own after adding
    texts with Thai in them. Tick labels added later take the font of the first tick. A
    ``fig`` that is not a matplotlib figure is refused with `moralkit.ValidationError`.

    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> _ = fig.add_subplot().set_title("คะแนน")
    >>> apply_thai_font(fig).axes[0].title.get_fontproperties().get_file().endswith(".ttf")
    True
    """
    _require_matplotlib()
    from matplotlib.axis import Axis  # noqa: PLC0415 (an optional extra)
    from matplotlib.figure import FigureBase  # noqa: PLC0415
    from matplotlib.text import Text  # noqa: PLC0415

    if not isinstance(fig, FigureBase):
        refuse([wrong_type("fig", "plot.kind.figure", fig)], "apply_thai_font")

    for ax in fig.axes:
        for name in ("xaxis", "yaxis", "zaxis"):
            axis = getattr(ax, name, None)
            if isinstance(axis, Axis):
                # Make the ticks of the current limits now, so their labels get the font too.
                axis.get_major_ticks()
                axis.get_minor_ticks()
    for text in fig.findobj(Text):
        assert isinstance(text, Text)
        current = text.get_fontproperties()
        weight = current.get_weight()
        bold = weight in ("bold", "heavy", "extra bold", "black", "semibold", "demibold") or (
            isinstance(weight, int) and weight >= 600
        )
        text.set_fontproperties(
            font_properties("bold" if bold else "regular", current.get_size_in_points())
        )
    return fig


def _require_matplotlib() -> None:
    """Raise a clear error naming the extra when matplotlib is not installed."""
    try:
        import matplotlib  # noqa: F401, PLC0415 (an optional extra)
    except ImportError as exc:
        raise ImportError("moralkit.plot needs matplotlib: pip install 'moralkit[plot]'") from exc


# --- reading the data -----------------------------------------------------------------------


def _fail(path: str, code: str, **params: object) -> ValidationError:
    return ValidationError([Problem(path, code, params)])


def _rows(
    data: object, columns: Sequence[str], optional: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """The rows of ``data`` with ``columns`` (and ``optional`` ones, when present), as dicts."""
    if isinstance(data, Mapping | str | bytes):
        raise _fail("data", "plot.unsupported_data", kind=type(data).__name__)
    if isinstance(data, Sequence | Iterable) and not _is_frame(data):
        return _rows_of_items(data, columns, optional)
    return _rows_of_frame(data, columns, optional)


def _is_frame(data: object) -> bool:
    module = type(data).__module__.split(".")[0]
    engines = {"pandas", "polars", "pyarrow", "dask", "duckdb", "modin", "cudf", "ibis", "pyspark"}
    return module in engines or (
        hasattr(data, "__narwhals_dataframe__") or hasattr(data, "__narwhals_lazyframe__")
    )


def _rows_of_frame(
    data: object, columns: Sequence[str], optional: Sequence[str]
) -> list[dict[str, Any]]:
    try:
        import narwhals as nw  # noqa: PLC0415 (an optional extra, as ita.score_table reads it)
    except ImportError as exc:
        raise ImportError(
            "moralkit.plot needs narwhals to read data frames: pip install 'moralkit[plot]'"
        ) from exc
    try:
        frame: Any = nw.from_native(data)
    except TypeError:
        raise _fail("data", "plot.unsupported_data", kind=type(data).__name__) from None
    names = list(frame.collect_schema().names())
    missing = [c for c in columns if c not in names]
    if missing:
        raise ValidationError(
            [
                Problem("data", "plot.missing_column", {"column": c, "columns": names})
                for c in missing
            ]
        )
    wanted = [*columns, *(c for c in optional if c in names and c not in columns)]
    selected = frame.select(wanted)
    if isinstance(selected, nw.LazyFrame):
        selected = selected.collect()
    return list(selected.rows(named=True))


def _rows_of_items(
    items: Iterable[object], columns: Sequence[str], optional: Sequence[str]
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for index, item in enumerate(items):
        row = _row_of(item)
        if row is None:
            raise _fail(f"data[{index}]", "plot.unsupported_data", kind=type(item).__name__)
        problems.extend(
            Problem(f"data[{index}]", "plot.missing_column", {"column": c, "columns": list(row)})
            for c in columns
            if c not in row
        )
        rows.append(row)
    if problems:
        raise ValidationError(problems)
    return rows


def _row_of(item: object) -> dict[str, Any] | None:
    """A row of a dict, an ITA `~moralkit.ita.Result`, a scored agency or a moral tally."""
    if isinstance(item, Mapping):
        return {str(k): v for k, v in item.items()}
    result = getattr(item, "result", None)
    agency = getattr(item, "agency", None)
    if result is not None and isinstance(agency, str):  # ScoredAgency: agency, groups, result
        row = _row_of(result) or {}
        row["agency"] = agency
        row.update(dict(getattr(item, "groups", ())))
        return row
    if hasattr(item, "total") and hasattr(item, "fiscal_year") and hasattr(item, "level"):
        level = item.level
        return {
            "total": item.total,
            "passed": getattr(item, "passed", None),
            "fiscal_year": item.fiscal_year,
            "level": getattr(level, "code", level),
            "level_th": getattr(level, "label_th", None),
            "level_en": getattr(level, "label_en", None),
        }
    key, counts = getattr(item, "key", None), getattr(item, "counts", None)
    if isinstance(key, str) and isinstance(counts, tuple):
        return {"key": key, "counts": counts}  # a moral rollup Tally
    return None


_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?", re.ASCII)


def _kind(value: object) -> str:
    """The numpy kind of a numpy scalar (``"b"``, ``"i"``, ``"u"``, ``"f"`` ...), else ``""``."""
    dtype = getattr(value, "dtype", None)
    kind = getattr(dtype, "kind", "")
    return kind if isinstance(kind, str) else ""


def _whole(value: object) -> int | None:
    """A whole number of a Python or numpy integer (never a bool), else ``None``."""
    if isinstance(value, bool) or _kind(value) == "b":
        return None
    if isinstance(value, int):
        return value
    if _kind(value) in ("i", "u"):
        return operator.index(cast("SupportsIndex", value))
    return None


def _missing(value: object) -> bool:
    """None, a float NaN, or pandas' NA / NaT: a frame's ways of saying "no value"."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    return (isinstance(value, float) or _kind(value) == "f") and math.isnan(
        float(cast("SupportsFloat", value))
    )


def _number(value: object, path: str) -> Decimal:
    """A figure of the data as an exact Decimal (floats through their shortest repr)."""
    if _missing(value):
        raise _fail(path, "plot.missing_value")
    whole = _whole(value)
    if whole is not None:
        return Decimal(whole)
    if isinstance(value, Decimal) and value.is_finite():
        return value
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        return Decimal(value.strip())
    if isinstance(value, float) or _kind(value) == "f":
        number = float(cast("SupportsFloat", value))
        if math.isfinite(number):
            return Decimal(repr(number))
    raise _fail(path, "plot.not_a_number", value=value)


def _is_number_like(value: object) -> bool:
    return not isinstance(value, bool) and (
        isinstance(value, Decimal | int | float | str) or _kind(value) in ("i", "u", "f")
    )


def _flag(value: object, path: str) -> bool:
    if _missing(value):
        raise _fail(path, "plot.missing_value")
    if isinstance(value, bool):
        return value
    if _kind(value) == "b":
        return bool(value)
    raise _fail(path, "plot.not_a_bool", value=value)


def _count(value: object, path: str) -> int:
    if _missing(value):
        raise _fail(path, "plot.missing_value")
    whole = _whole(value)
    if whole is None or whole < 0:
        raise _fail(path, "plot.not_a_count", value=value)
    return whole


def _year(value: object, path: str) -> int:
    if isinstance(value, FiscalYear):
        return value.be
    if _missing(value):
        raise _fail(path, "plot.missing_value")
    whole = int(value.strip()) if isinstance(value, str) and value.strip().isdigit() else None
    whole = _whole(value) if whole is None else whole
    if whole is not None:
        try:
            return FiscalYear(whole).be
        except (TypeError, ValueError):
            pass
    raise _fail(path, "plot.not_a_year", value=value)


def _years_of(rows: Sequence[Mapping[str, Any]], fiscal_year: FiscalYear | int | None) -> list[int]:
    """The fiscal year of each row: the column, or the argument for every row."""
    if fiscal_year is not None:
        chosen = _year(fiscal_year, "fiscal_year")
        if rows and "fiscal_year" in rows[0]:
            return [
                _year(row["fiscal_year"], f"data[{i}].fiscal_year") for i, row in enumerate(rows)
            ]
        return [chosen] * len(rows)
    if rows and "fiscal_year" in rows[0]:
        return [_year(row["fiscal_year"], f"data[{i}].fiscal_year") for i, row in enumerate(rows)]
    raise _fail("fiscal_year", "plot.no_year")


def _one_year(
    rows: list[dict[str, Any]], fiscal_year: FiscalYear | int | None
) -> tuple[int, list[dict[str, Any]]]:
    """The rows of one fiscal year: the one asked for, or the only one the data holds."""
    years = _years_of(rows, fiscal_year)
    held = sorted(set(years))
    if fiscal_year is not None:
        chosen = _year(fiscal_year, "fiscal_year")
        if chosen not in held:
            raise _fail("fiscal_year", "plot.year_not_held", year=chosen, years=held)
        return chosen, [row for row, year in zip(rows, years, strict=True) if year == chosen]
    if len(held) > 1:
        raise _fail("data.fiscal_year", "plot.mixed_years", years=held)
    return held[0], rows


def _rows_of_either(
    data: object,
    shapes: Sequence[tuple[Sequence[str], Sequence[str]]],
) -> tuple[int, list[dict[str, Any]]]:
    """The rows of the first shape (required, optional columns) ``data`` has, and its index.

    When ``data`` has none of them, the problems name the first shape's missing columns.
    """
    if (
        not _is_frame(data)
        and isinstance(data, Iterable)
        and not isinstance(data, Sequence | Mapping | str | bytes)
    ):
        data = list(cast("Iterable[object]", data))  # read a one-pass iterator once
    first: ValidationError | None = None
    for index, (columns, optional) in enumerate(shapes):
        try:
            return index, _rows(data, columns, optional)
        except ValidationError as error:
            if any(p.code != "plot.missing_column" for p in error.problems):
                raise
            first = first or error
    assert first is not None
    raise first


def _no_rows_check(rows: Sequence[object]) -> None:
    if not rows:
        raise _fail("data", "plot.no_rows")


# --- drawing helpers ------------------------------------------------------------------------


def _figure(width: float, height: float) -> tuple[Figure, Axes]:
    # A bare Figure, not pyplot: nothing is registered globally and no window opens.
    _require_matplotlib()
    from moralkit._figure import ChartFigure  # noqa: PLC0415 (needs the optional matplotlib)

    fig = ChartFigure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def _height(bars: float) -> float:
    """A bar chart's height in inches: titles, axis, and a row per bar (narrower past 24)."""
    return max(3.2, 1.8 + bars * (0.3 if bars <= 24 else 0.2))


def _titles(ax: Axes, title: str, subtitle: str) -> None:
    ax.set_title(title, loc="left", fontsize=13, fontweight="bold", pad=22, parse_math=False)
    ax.text(
        0,
        1.02,
        subtitle,
        transform=ax.transAxes,
        fontsize=9,
        color="#555555",
        va="bottom",
        parse_math=False,
    )


def _group_name(by: str, lang: Lang) -> str:
    code = f"plot.group.{by}"
    return render(code, lang) if code in catalogue() else by


def _group_label(key: object, lang: Lang) -> str:
    """A group as a reader knows it: a province code becomes the province's name."""
    text = str(key)
    if re.fullmatch(r"TH-[0-9]{2}", text):
        from moralkit.model import provinces  # noqa: PLC0415 (only for province codes)

        for found in provinces():
            if found.code == text:
                return found.name_th if lang == "th" else found.name_en
    return text


def _points(value: Decimal) -> str:
    return f"{value:+}" if value else "0"


def _finish(fig: Figure) -> Figure:
    return apply_thai_font(fig)


# --- (a) the distribution of totals ---------------------------------------------------------


def _bands(rules: ItaRules, lang: Lang) -> list[tuple[Decimal, Decimal, str, bool]]:
    """The year's levels as bands (low, high, label, passes); levels sharing a floor share one."""
    floors: dict[Decimal, list[tuple[str, bool]]] = {}
    for level in rules.levels:
        label = level.label_th if lang == "th" else level.label_en
        floors.setdefault(level.min_total, []).append((label, level.passed))
    ordered = sorted(floors)
    bands = []
    for index, low in enumerate(ordered):
        high = ordered[index + 1] if index + 1 < len(ordered) else Decimal(100)
        labels = floors[low]
        bands.append((low, high, " / ".join(label for label, _ in labels), labels[0][1]))
    return bands


def distribution(
    data: object,
    fiscal_year: FiscalYear | int | None = None,
    *,
    lang: Lang = "th",
    bin_width: int = 1,
    rules: ItaRules | None = None,
) -> Figure:
    """A histogram of the ITA totals of one fiscal year, with the year's level bands shaded.

    ``data`` is a frame with a ``total`` column (and ``fiscal_year`` unless given), a list
    of ITA results or dicts, or a plain list of totals. The bands come from the year's rule
    file (``rules`` to use your own), so FY2562-2565 show AA ... F and FY2566 on show the pass
    levels; levels with the same floor (``good`` and ``pass`` from FY2566, told apart by the
    tool scores) share a band. The data is never mixed across years: give ``fiscal_year`` when
    it holds several.

    >>> from moralkit import ita
    >>> results = [ita.score(2567, tools={"IIT": t, "EIT": 80, "OIT": 90}) for t in (70, 95)]
    >>> fig = distribution(results, lang="en")
    >>> [t.get_text() for t in fig.axes[0].texts][:3]
    ['needs improvement', 'good pass / pass', 'excellent pass']
    """
    check_lang(lang)  # before any work: a misspelt language is refused, not guessed
    if isinstance(data, list | tuple) and all(_is_number_like(v) for v in data):
        data = [{"total": value} for value in data]  # plain totals
    rows = _rows(data, ["total"], ["fiscal_year"])
    _no_rows_check(rows)
    year, rows = _one_year(rows, fiscal_year)
    totals = [_number(row["total"], f"data[{i}].total") for i, row in enumerate(rows)]
    problems = [  # a total off the 0-100 scale would fall outside every bar, unseen
        Problem(
            f"data[{i}].total",
            "below_minimum" if t < 0 else "above_maximum",
            {"minimum" if t < 0 else "maximum": 0 if t < 0 else 100, "value": t},
        )
        for i, t in enumerate(totals)
        if not 0 <= t <= 100
    ]
    if isinstance(bin_width, bool) or not isinstance(bin_width, int):
        params: dict[str, object] = {"expected": Term("kind.integer"), "value": bin_width}
        problems.append(Problem("bin_width", "wrong_type", params))
    elif bin_width < 1:
        problems.append(Problem("bin_width", "below_minimum", {"minimum": 1, "value": bin_width}))
    if problems:
        raise ValidationError(problems)
    if rules is None:
        from moralkit.ita import RULES  # noqa: PLC0415 (plot sits above the scoring layers)

        rules = RULES.for_year(year)

    fig, ax = _figure(9, 4.8)
    lowest = min(totals)
    left = Decimal(max(0, math.floor(lowest / 10) * 10 - 5))
    edges = [*range(int(left), 100, bin_width), 100]
    heights = ax.hist([float(t) for t in totals], bins=edges, color="#4d4d4d", zorder=3)[0]
    ax.set_ylim(0, float(max(heights)) * 1.2 + 1)  # room above the bars for the band labels
    ax.set_xlim(float(left), 100)

    passing = failing = 0
    from matplotlib.patches import Patch  # noqa: PLC0415 (an optional extra)
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415
    from matplotlib.transforms import blended_transform_factory  # noqa: PLC0415

    blend = blended_transform_factory(ax.transData, ax.transAxes)
    for low, high, label, passes in _bands(rules, lang):
        if high <= left:
            continue
        shown_low = max(low, left)
        palette = _PASS_COLOURS if passes else _FAIL_COLOURS
        colour = palette[(passing if passes else failing) % len(palette)]
        passing, failing = passing + passes, failing + (not passes)
        ax.axvspan(float(shown_low), float(high), color=colour, alpha=0.35, zorder=1, lw=0)
        ax.text(
            float(shown_low + high) / 2,
            0.97,
            label,
            transform=blend,
            ha="center",
            va="top",
            fontsize=8,
            rotation=90 if high - shown_low < 8 and len(label) > 3 else 0,
            parse_math=False,
        )
    ax.axvline(
        float(rules.pass_mark),
        color="#000000",
        ls="--",
        lw=1.2,
        zorder=4,
        label=render("plot.pass_mark", lang, {"mark": rules.pass_mark}),
    )
    handles = [
        Patch(color=_PASS_COLOURS[0], alpha=0.35, label=render("plot.band.passed", lang)),
        Patch(color=_FAIL_COLOURS[0], alpha=0.35, label=render("plot.band.failed", lang)),
        *ax.get_legend_handles_labels()[0],
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=3, fontsize=8, frameon=False)
    ax.set_xlabel(render("plot.axis.total", lang))
    ax.set_ylabel(render("plot.axis.agencies", lang))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _titles(
        ax,
        render("plot.distribution.title", lang, {"year": year}),
        render("plot.distribution.subtitle", lang, {"count": len(totals)}),
    )
    return _finish(fig)


# --- (b) share passing per group ------------------------------------------------------------


def share_passing(  # noqa: PLR0915 (the steps in order, the language check first)
    data: object,
    by: str = "province",
    *,
    fiscal_year: FiscalYear | int | None = None,
    target: Decimal | int | str | None = None,
    lang: Lang = "th",
) -> Figure:
    """The share of agencies passing in each group, against the national target.

    ``data`` holds ``passed``, the group column ``by`` and ``fiscal_year`` (or give
    ``fiscal_year``), one row per agency; or it is a summary with ``passing`` and ``count``
    per group, as `moralkit.ita.summarize_table` gives. Shares are exact percentages of whole
    counts, rounded half-up to one place. The target is the year's national target from its
    rule file (80 % of agencies passing) unless ``target`` is given. Several fiscal years are
    drawn side by side, never pooled. Province codes (``TH-10``) are shown as province names.

    >>> rows = [{"province": "TH-10", "passed": p, "fiscal_year": 2568} for p in (True, False)]
    >>> fig = share_passing(rows, lang="en")
    >>> fig.axes[0].get_yticklabels()[0].get_text(), fig.axes[0].texts[0].get_text()
    ('Bangkok', '50.0% (1/2)')
    """
    check_lang(lang)  # before any work: a misspelt language is refused, not guessed
    shape, rows = _rows_of_either(
        data, [(["passed", by], ["fiscal_year"]), (["passing", "count", by], ["fiscal_year"])]
    )
    _no_rows_check(rows)
    years = _years_of(rows, fiscal_year)
    if fiscal_year is not None:
        year_rows = _one_year(rows, fiscal_year)[1]
        rows, years = year_rows, [_year(fiscal_year, "fiscal_year")] * len(year_rows)
    counts: dict[tuple[int, str], list[int]] = {}
    for index, (row, year) in enumerate(zip(rows, years, strict=True)):
        group = row[by]
        if _missing(group):
            raise _fail(f"data[{index}].{by}", "plot.missing_value")
        tally = counts.setdefault((year, str(group)), [0, 0])
        if shape == 0:  # one row per agency
            tally[0] += _flag(row["passed"], f"data[{index}].passed")
            tally[1] += 1
        else:  # a summary: agencies passing and counted per group
            tally[0] += _count(row["passing"], f"data[{index}].passing")
            tally[1] += _count(row["count"], f"data[{index}].count")
    for (year, group), (passed, count) in counts.items():
        if count == 0 or passed > count:
            raise _fail(
                "data", "plot.bad_tally", group=group, year=year, passed=passed, count=count
            )
    held = sorted({year for year, _ in counts})
    shares = {key: percent(p, n, places=1) for key, (p, n) in counts.items()}
    targets = {year: _target(year, target) for year in held}

    groups = sorted({g for _, g in counts}, key=lambda g: (-_best(shares, held, g), g))
    fig, ax = _figure(9, _height(len(groups) * max(1.0, len(held) * 0.7)))
    bar = 0.8 / len(held)
    for slot, year in enumerate(held):
        for position, group in enumerate(groups):
            if (year, group) not in counts:
                continue
            share = shares[year, group]
            passed, count = counts[year, group]
            y = position + (slot - (len(held) - 1) / 2) * bar
            reached = targets[year] is not None and share >= targets[year]  # type: ignore[operator]
            colour = (
                _YEAR_COLOURS[slot % len(_YEAR_COLOURS)]
                if len(held) > 1
                else (_UP if reached else _NEUTRAL)
            )
            ax.barh(y, float(share), height=bar * 0.9, color=colour, zorder=3)
            ax.text(
                float(share) + 1,
                y,
                render("plot.share.bar", lang, {"share": share, "passed": passed, "count": count}),
                va="center",
                fontsize=8,
                parse_math=False,
            )
    for year in held:
        goal = targets[year]
        if goal is not None and (year == held[0] or goal != targets[held[0]]):
            ax.axvline(
                float(goal),
                color="#000000",
                ls="--",
                lw=1.2,
                zorder=4,
                label=render("plot.target", lang, {"target": goal}),
            )
    if len(held) > 1:
        from matplotlib.patches import Patch  # noqa: PLC0415 (an optional extra)

        handles = [
            Patch(
                color=_YEAR_COLOURS[s % len(_YEAR_COLOURS)],
                label=render("plot.year", lang, {"year": y}),
            )
            for s, y in enumerate(held)
        ]
        ax.legend(
            handles=[*handles, *ax.get_legend_handles_labels()[0]], loc="lower right", fontsize=8
        )
    elif any(targets.values()):
        ax.legend(loc="lower right", fontsize=8)
    ax.set_yticks(
        range(len(groups)), labels=[_group_label(g, lang) for g in groups], parse_math=False
    )
    ax.invert_yaxis()
    ax.set_xlim(0, 118)
    ax.set_xticks([0, 20, 40, 60, 80, 100])
    ax.set_xlabel(render("plot.axis.share_passing", lang))
    _titles(
        ax,
        render(
            "plot.share.title",
            lang,
            {"group": _group_name(by, lang), "years": ", ".join(str(y) for y in held)},
        ),
        render("plot.share.subtitle", lang, {"count": sum(n for _, n in counts.values())}),
    )
    return _finish(fig)


def _best(shares: Mapping[tuple[int, str], Decimal], years: Sequence[int], group: str) -> Decimal:
    """The group's share in the latest year it has (orders the bars)."""
    return next(shares[y, group] for y in reversed(years) if (y, group) in shares)


def _target(year: int, given: Decimal | int | str | None) -> Decimal | None:
    if given is not None:
        return _number(given, "target")
    from moralkit.ita import RULES  # noqa: PLC0415

    return RULES.for_year(year).national_target_share


# --- (c) year-over-year change --------------------------------------------------------------


def year_over_year(
    data: object,
    *,
    before: FiscalYear | int | None = None,
    after: FiscalYear | int | None = None,
    limit: int = 20,
    label: str = "agency",
    lang: Lang = "th",
) -> Figure:
    """The change of each agency's total between two fiscal years, largest changes first.

    ``data`` holds ``agency``, ``fiscal_year`` and ``total`` (and ``label``, a column to name
    the agencies by, such as ``name_th``). The years default to the two latest in the data.
    Changes are exact differences of the totals; the ``limit`` agencies with the largest
    changes are drawn (all of them when ``limit`` is 0), and the subtitle gives the count and
    the median change of all agencies scored in both years.

    >>> rows = [{"agency": a, "fiscal_year": y, "total": t}
    ...         for a, y, t in [("a", 2567, "80.00"), ("a", 2568, "86.25"),
    ...                         ("b", 2567, "90.00"), ("b", 2568, "88.50")]]
    >>> fig = year_over_year(rows, lang="en")
    >>> [t.get_text() for t in fig.axes[0].texts][:2]
    ['+6.25', '-1.50']
    """
    check_lang(lang)  # before any work: a misspelt language is refused, not guessed
    rows = _rows(data, ["agency", "fiscal_year", "total"], [label])
    _no_rows_check(rows)
    years = _years_of(rows, None)
    held = sorted(set(years))
    if (before is None or after is None) and len(held) < 2:
        raise _fail("data.fiscal_year", "plot.need_two_years", years=held)
    first = _year(before, "before") if before is not None else held[-2]
    second = _year(after, "after") if after is not None else held[-1]
    for name, year in (("before", first), ("after", second)):
        if year not in held:
            raise _fail(name, "plot.year_not_held", year=year, years=held)

    totals: dict[tuple[int, str], tuple[Decimal, int]] = {}
    names: dict[str, str] = {}
    problems: list[Problem] = []
    for index, (row, year) in enumerate(zip(rows, years, strict=True)):
        if year not in (first, second):
            continue
        agency = str(row["agency"])
        key = (year, agency)
        if key in totals:
            problems.append(
                Problem(
                    f"data[{index}]",
                    "plot.duplicate_row",
                    {"key": f"{agency} {year}", "first": totals[key][1]},
                )
            )
            continue
        totals[key] = (_number(row["total"], f"data[{index}].total"), index)
        names.setdefault(agency, str(row.get(label, agency)))
    if problems:
        raise ValidationError(problems)
    changes = sorted(
        (
            (totals[second, agency][0] - totals[first, agency][0], agency)
            for (year, agency) in totals
            if year == first and (second, agency) in totals
        ),
        key=lambda item: (-abs(item[0]), item[1]),
    )
    if not changes:
        raise _fail("data", "plot.no_common_agency", before=first, after=second)
    shown = changes[:limit] if limit > 0 else changes
    shown.sort(key=lambda item: (-item[0], item[1]))
    median = round_half_up(_median([change for change, _ in changes]), 2)

    fig, ax = _figure(9, _height(len(shown)))
    widest = max(abs(change) for change, _ in shown) or Decimal(1)
    for position, (change, _agency) in enumerate(shown):
        colour = _UP if change > 0 else _DOWN if change < 0 else _NEUTRAL
        ax.barh(position, float(change), color=colour, height=0.7, zorder=3)
        offset = float(widest) * 0.02 * (1 if change >= 0 else -1)
        ax.text(
            float(change) + offset,
            position,
            _points(change),
            va="center",
            ha="left" if change >= 0 else "right",
            fontsize=8,
            parse_math=False,
        )
    ax.axvline(0, color="#000000", lw=0.8, zorder=4)
    ax.set_xlim(-float(widest) * 1.25, float(widest) * 1.25)
    ax.set_yticks(
        range(len(shown)), labels=[_group_label(names[a], lang) for _, a in shown], parse_math=False
    )
    ax.invert_yaxis()
    ax.set_xlabel(render("plot.axis.change", lang))
    subtitle = (
        render("plot.change.subtitle_all", lang, {"count": len(changes), "median": _points(median)})
        if len(shown) == len(changes)
        else render(
            "plot.change.subtitle_some",
            lang,
            {"shown": len(shown), "count": len(changes), "median": _points(median)},
        )
    )
    _titles(ax, render("plot.change.title", lang, {"before": first, "after": second}), subtitle)
    return _finish(fig)


def _median(values: Sequence[Decimal]) -> Decimal:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    # Exact: the mean of two figures of few places is a figure of one more place.
    with localcontext(CONTEXT):
        return (ordered[middle - 1] + ordered[middle]) / 2


# --- (d) moral levels per province ----------------------------------------------------------


def moral_levels(
    data: object,
    by: str = "province",
    *,
    fiscal_year: FiscalYear | int | None = None,
    tier: str = "organization",
    lang: Lang = "th",
) -> Figure:
    """How many units are at each moral level (1-3, and 0 when present), per group.

    ``data`` is a frame of ``province`` (or ``by``) and ``level`` with a ``count`` column
    (or one row per unit, when there is no ``count``), a frame with a column per level
    (``level_1`` ... ``level_3``, and ``level_0``) as `moralkit.moral.tables.rollup_table` gives, or
    the tallies of `moralkit.moral.rollup`. A ``fiscal_year`` column is never pooled: give
    ``fiscal_year`` when it holds several. Level names are the ladder's for ``tier``.

    >>> rows = [{"province": "TH-50", "level": 1, "count": 4},
    ...         {"province": "TH-50", "level": 3, "count": 1}]
    >>> fig = moral_levels(rows, lang="en")
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['moral-promoting organization', 'moral organization', 'model moral organization']
    """
    check_lang(lang)  # before any work: a misspelt language is refused, not guessed
    from moralkit.moral.assess import level_label  # noqa: PLC0415

    counts: dict[str, list[int]] = {}
    items = list(data) if isinstance(data, list | tuple) else None
    if items and all(_row_of(i) is not None and "counts" in (_row_of(i) or {}) for i in items):
        for item in items:
            row = _row_of(item) or {}
            counts[str(row["key"])] = list(row["counts"])
    else:
        wide = [f"level_{level}" for level in (1, 2, 3)]
        shape, rows = _rows_of_either(
            data,
            [([by, "level"], ["count", "fiscal_year"]), ([by, *wide], ["level_0", "fiscal_year"])],
        )
        _no_rows_check(rows)
        if "fiscal_year" in rows[0] or fiscal_year is not None:
            rows = _one_year(rows, fiscal_year)[1]
        for index, row in enumerate(rows):
            group = row[by]
            if _missing(group):
                raise _fail(f"data[{index}].{by}", "plot.missing_value")
            tally = counts.setdefault(str(group), [0, 0, 0, 0])
            if shape == 1:  # one column per level, as moral.rollup_table gives
                for level in range(4):
                    if f"level_{level}" in row:
                        path = f"data[{index}].level_{level}"
                        tally[level] += _count(row[f"level_{level}"], path)
                continue
            level = _count(row["level"], f"data[{index}].level")
            if level > 3:
                raise _fail(f"data[{index}].level", "plot.unknown_level", value=row["level"])
            tally[level] += _count(row["count"], f"data[{index}].count") if "count" in row else 1
    if not counts:
        raise _fail("data", "plot.no_rows")

    levels = [0, 1, 2, 3] if any(c[0] for c in counts.values()) else [1, 2, 3]
    groups = sorted(counts, key=lambda g: (-sum(counts[g]), g))
    fig, ax = _figure(9, _height(len(groups)))
    starts = [0] * len(groups)
    for level in levels:
        widths = [counts[g][level] for g in groups]
        ax.barh(
            range(len(groups)),
            widths,
            left=starts,
            color=_MORAL_COLOURS[level],
            height=0.7,
            zorder=3,
            label=level_label(level, tier, lang),
        )
        starts = [s + w for s, w in zip(starts, widths, strict=True)]
    widest = max(starts) or 1
    for position, total in enumerate(starts):
        ax.text(total + widest * 0.01, position, str(total), va="center", fontsize=8)
    ax.set_xlim(0, widest * 1.12)
    ax.set_yticks(
        range(len(groups)), labels=[_group_label(g, lang) for g in groups], parse_math=False
    )
    ax.invert_yaxis()
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415 (an optional extra)

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(render("plot.axis.units", lang))
    ax.legend(loc="lower right", fontsize=8)
    _titles(
        ax,
        render("plot.moral.title", lang, {"group": _group_name(by, lang)}),
        render("plot.moral.subtitle", lang, {"count": sum(starts)}),
    )
    return _finish(fig)
