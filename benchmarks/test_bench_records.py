"""Per-record costs that services pay many times: loading, dumping, assessing."""

from decimal import Decimal

from moralkit import Event, dump, ita, load, samples
from moralkit.moral import Evidence, assess

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


def test_load_event(benchmark):
    assert benchmark(load, Event, EVENT).id == "event-004-seminar"


def test_dump_event(benchmark):
    assert benchmark(dump, samples.load().events[-1])["id"] == "event-004-seminar"


def test_assess(benchmark):
    assert benchmark(assess, EVIDENCE).level == 3


TRAT = ita.published_rows()[0].indicator_scores


def test_ita_score_from_indicators(benchmark):
    assert benchmark(ita.score, 2564, indicators=TRAT).total == Decimal("81.45")


def test_ita_score_from_tools(benchmark):
    tools = {"IIT": 98, "EIT": 84, "OIT": "99.5"}
    assert benchmark(ita.score, 2568, tools=tools).level.code == "pass"
