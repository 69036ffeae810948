"""Rewrite the golden snapshot files: ``make snapshots``, then review the diff.

Every rule change shows up as a change in these files; a test compares them with fresh results.
"""

import json
from decimal import Decimal
from pathlib import Path

from moralkit import dump
from moralkit.ita import RULES as ITA_RULES
from moralkit.ita import published_rows, score
from moralkit.moral import RUBRICS, Evidence, assess

HERE = Path(__file__).parent


def moral_cases(rubric):
    """A fixed set of evidence for one rubric: empty, level 1 only, edges, everything."""
    year = rubric.first_year
    full, level_one, edge = {}, {}, {}
    for activity in sorted(rubric.activities, key=lambda a: a.number):
        kind = activity.evidence.value
        if kind in ("percentage", "success_rate"):
            best, edge_value = Decimal(100), Decimal("79.995")
        elif kind == "counts":
            best = edge_value = {r.name: r.min for r in activity.requirements}
        elif kind == "count":
            best = edge_value = 100
        else:
            best, edge_value = True, True
        full[activity.number] = best
        edge[activity.number] = edge_value
        if activity.level == 1:
            level_one[activity.number] = best
    return {
        "empty": Evidence.of("case-empty", year, {}),
        "level-one-only": Evidence.of("case-level-one", year, level_one),
        "edge-79-995": Evidence.of("case-edge", year, edge),
        "full": Evidence.of("case-full", year, full),
    }


def moral_snapshot(rubric):
    return {name: dump(assess(ev, rubric)) for name, ev in moral_cases(rubric).items()}


ITA_CASES = {
    "all-100": {"tools": {"IIT": 100, "EIT": 100, "OIT": 100}},
    "edge-84-995": {"tools": {"IIT": "84.995", "EIT": "84.995", "OIT": "84.995"}},
    "edge-94-99": {"tools": {"IIT": "94.99", "EIT": "94.99", "OIT": "94.99"}},
    "one-tool-low": {"tools": {"IIT": 98, "EIT": 84, "OIT": "99.5"}},
    "trat-2564-indicators": {"indicators": published_rows()[0].indicator_scores},
    "zero": {"tools": {"IIT": 0, "EIT": 0, "OIT": 0}},
}


def ita_snapshot(rules):
    return {
        name: dump(score(rules.first_year, rules=rules, **case)) for name, case in ITA_CASES.items()
    }


def _write(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"wrote {path}")


def main():
    for rubric in RUBRICS.all():
        _write(HERE / "moral" / f"{rubric.id}.json", moral_snapshot(rubric))
    for rules in ITA_RULES.all():
        _write(HERE / "ita" / f"{rules.id}.json", ita_snapshot(rules))


if __name__ == "__main__":
    main()
