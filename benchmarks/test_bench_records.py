"""Per-record costs that services pay many times: loading, dumping, scoring, assessing.

Run with ``make bench``. Nothing here asserts a time. `test_ratio_table` prints, in one run, the
cost of `moralkit.ita.score` and `moralkit.moral.assess` per record beside a plain formula doing
the same job: the same rounding and level rule for the ITA, a hand-written evaluator of the same
rubric for the moral ladder. Targets (issue 10): within 3x of each.

The machines this runs on are shared and their speed drifts by a factor of two within seconds,
so each ratio is taken from short rounds that time the library and the formula back to back,
and the table shows the median of the rounds (with the lower and upper quartile of the ratio).
The trace is built when first read; the table also shows the cost of a result whose trace is
read, so that reading it stays visible.
"""

import statistics
import timeit
from decimal import ROUND_HALF_UP, Decimal

import pytest

from moralkit import Event, dump, ita, load, samples
from moralkit.moral import RUBRICS, Evidence, EvidenceKind, assess

EVENT = dump(samples.load().events[-1])
FULL = {
    1: (45, 50),
    2: {"problems_and_good_deeds": 5, "do_and_dont": 3},
    3: True,
    4: Decimal(100),
    5: True,
    6: True,
    7: Decimal(95),
    8: True,
    9: True,
}
EVIDENCE = Evidence.of("unit", 2569, FULL)
TRAT = ita.published_rows()[0].indicator_scores
TOOLS = {"IIT": Decimal(98), "EIT": Decimal(84), "OIT": Decimal("99.5")}
CENT = Decimal("0.01")


# --- the plain formulas the library is measured against ----------------------------------------


def _ita_plain_rules(fiscal_year):
    rules = ita.RULES.for_year(fiscal_year)
    weights = tuple((t.code, t.weight) for t in rules.tools)
    levels = tuple((lv.min_total, lv.min_each_tool, lv.code) for lv in rules.levels)
    return weights, levels, rules.pass_mark


ITA_PLAIN = _ita_plain_rules(2568)


def ita_plain(tools, plain=ITA_PLAIN):
    """The ITA total and level by a plain Decimal formula: the same rounding and level rule."""
    weights, levels, pass_mark = plain
    total = (sum(w * tools[c] for c, w in weights) / 100).quantize(CENT, ROUND_HALF_UP)
    lowest = min(tools[c].quantize(CENT, ROUND_HALF_UP) for c, _ in weights)
    for min_total, min_each, code in levels:
        if total >= min_total and (min_each is None or lowest >= min_each):
            return total, code, total >= pass_mark
    raise AssertionError


def _moral_plain_rubric(fiscal_year):
    rubric = RUBRICS.for_year(fiscal_year)
    activities = []
    for a in rubric.ordered:
        bands = tuple((b.min, b.max, b.points) for b in a.bands)
        needs = tuple((r.name, r.min) for r in a.requirements)
        activities.append((a.number, a.level, a.evidence, bands, needs))
    return tuple(activities), rubric.max_points


MORAL_PLAIN = _moral_plain_rubric(2569)


def moral_plain(evidence, plain=MORAL_PLAIN):
    """A hand-written evaluator of the same rubric: points per activity, then the level (R1)."""
    activities, top = plain
    given = {item.number: item for item in evidence.activities}
    points = {}
    for number, level, kind, bands, needs in activities:
        item = given.get(number)
        if item is None:
            points[number] = (level, 0)
        elif kind in (EvidenceKind.PERCENTAGE, EvidenceKind.SUCCESS_RATE):
            if item.percentage is not None:
                value = item.percentage.quantize(CENT, ROUND_HALF_UP)
            else:
                value = (Decimal(item.part) * 100 / item.whole).quantize(CENT, ROUND_HALF_UP)
            points[number] = (
                level,
                next(p for lo, hi, p in bands if lo <= value and (hi is None or value <= hi)),
            )
        elif kind is EvidenceKind.COUNTS:
            counts = {c.name: c.count for c in item.counts}
            points[number] = (level, top if all(counts.get(n, 0) >= m for n, m in needs) else 0)
        else:
            points[number] = (level, top if item.done else 0)
    reached = 0
    for level in (1, 2, 3):
        if all(p == top for lv, p in points.values() if lv <= level):
            reached = level
        else:
            break
    return reached


# --- raw costs (pytest-benchmark) ----------------------------------------------------------------


def test_load_event(benchmark):
    assert benchmark(load, Event, EVENT).id == "event-004-seminar"


def test_dump_event(benchmark):
    assert benchmark(dump, samples.load().events[-1])["id"] == "event-004-seminar"


def test_assess(benchmark):
    assert benchmark(assess, EVIDENCE).level == 3


def test_assess_plain(benchmark):
    assert benchmark(moral_plain, EVIDENCE) == 3


def test_ita_score_from_indicators(benchmark):
    assert benchmark(ita.score, 2564, indicators=TRAT).total == Decimal("81.45")


def test_ita_score_from_tools(benchmark):
    assert benchmark(ita.score, 2568, tools=TOOLS).level.code == "pass"


def test_ita_plain(benchmark):
    assert benchmark(ita_plain, TOOLS)[1] == "pass"


# --- the ratio table ---------------------------------------------------------------------


ROUNDS = 41


def _per_call(function, number):
    return timeit.timeit(function, number=number) / number


def _paired(ours, plain, rounds=ROUNDS):
    """Median seconds per call of ``ours`` and ``plain``, and the quartiles of their ratio."""
    number_ours = max(1, timeit.Timer(ours).autorange()[0] // 10)
    number_plain = max(1, timeit.Timer(plain).autorange()[0] // 10)
    times_ours, times_plain, ratios = [], [], []
    for _ in range(rounds):
        a, b = _per_call(ours, number_ours), _per_call(plain, number_plain)
        times_ours.append(a)
        times_plain.append(b)
        ratios.append(a / b)
    low, middle, high = statistics.quantiles(ratios, n=4)
    return statistics.median(times_ours), statistics.median(times_plain), middle, low, high


def _score_and_read_trace():
    return ita.score(2568, tools=TOOLS).trace


def _assess_and_read_trace():
    return assess(EVIDENCE).trace


def ratio_rows():
    """(what, moralkit s, plain s, median ratio, lower, upper quartile) per record, one run."""
    return [
        (
            "ita.score per record (tools)",
            *_paired(lambda: ita.score(2568, tools=TOOLS), lambda: ita_plain(TOOLS)),
        ),
        (
            "ita.score + reading .trace",
            *_paired(_score_and_read_trace, lambda: ita_plain(TOOLS)),
        ),
        (
            "moral.assess per record",
            *_paired(lambda: assess(EVIDENCE), lambda: moral_plain(EVIDENCE)),
        ),
        (
            "moral.assess + reading .trace",
            *_paired(_assess_and_read_trace, lambda: moral_plain(EVIDENCE)),
        ),
    ]


def test_plain_formulas_agree_with_the_library():
    for values in ({"IIT": Decimal(98), "EIT": Decimal(85), "OIT": Decimal("99.5")}, TOOLS):
        result = ita.score(2568, tools=values)
        assert ita_plain(values) == (result.total, result.level.code, result.passed)
    assert moral_plain(EVIDENCE) == assess(EVIDENCE).level
    partial = Evidence.of("unit", 2569, {1: (45, 50), 3: True, 4: Decimal("69.99")})
    assert moral_plain(partial) == assess(partial).level


def test_ratio_table(benchmark, capsys):
    if benchmark.disabled:
        pytest.skip("timings are taken by `make bench` only")
    rows = benchmark.pedantic(ratio_rows, rounds=1, iterations=1)
    with capsys.disabled():
        print(
            f"\n| per record (median of {ROUNDS} paired rounds) | moralkit | plain | ratio "
            "| quartiles | target |"
        )
        print("|---|---:|---:|---:|---:|---:|")
        for what, ours, plain, ratio, low, high in rows:
            print(
                f"| {what} | {ours * 1e6:.1f} us | {plain * 1e6:.1f} us | "
                f"{ratio:.1f}x | {low:.1f}-{high:.1f}x | 3x |"
            )
