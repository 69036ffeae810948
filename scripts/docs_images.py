"""Draw the pictures of docs/plots.md into docs/images/ (``make docs-images``).

The data is synthetic and seeded, so the pictures change only when the charts do. Each agency's
three tool scores are drawn at random and scored by ``moralkit.ita.score``, so totals, levels
and pass flags are the library's own.
"""

from __future__ import annotations

import random
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from moralkit import ita, plot

IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
PROVINCES = ("TH-10", "TH-50", "TH-30", "TH-40", "TH-90", "TH-83", "TH-34", "TH-65")
CENT = Decimal("0.01")


def scored_rows(
    agencies: int = 240, years: tuple[int, ...] = (2567, 2568), seed: int = 2568
) -> list[dict[str, Any]]:
    """Rows shaped like ``ita.score_table``'s output, for synthetic agencies."""
    rng = random.Random(seed)
    skill = [rng.gauss(0, 6) for _ in range(agencies)]
    rows = []
    for round_, year in enumerate(years):
        for number in range(agencies):
            tools: dict[str, Decimal] = {}
            for tool, mode in (("IIT", 96), ("EIT", 93), ("OIT", 94)):
                value = rng.triangular(55, 100, mode) + skill[number] + round_ * 1.5
                tools[tool] = Decimal(min(100.0, max(0.0, value))).quantize(CENT)
            result = ita.score(year, tools=tools)
            rows.append(
                {
                    "agency": f"AG{number:04d}",
                    "province": PROVINCES[number % len(PROVINCES)],
                    **tools,
                    "total": result.total,
                    "level": result.level.code,
                    "level_th": result.level.label_th,
                    "level_en": result.level.label_en,
                    "passed": result.passed,
                    "fiscal_year": year,
                }
            )
    return rows


def moral_rows(seed: int = 2568) -> list[dict[str, Any]]:
    """Units per province and moral level (1-3), as a rollup gives them."""
    rng = random.Random(seed)
    return [
        {"province": province, "level": level, "count": rng.randint(5, 40) // level}
        for province in PROVINCES
        for level in (1, 2, 3)
    ]


def main() -> int:
    """Draw every picture; print the paths written."""
    import pandas as pd  # noqa: PLC0415 (the docs show the charts reading a pandas frame)

    IMAGES.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(scored_rows())
    charts = {
        "plot-distribution-th.png": plot.distribution(frame, 2568, lang="th"),
        "plot-distribution-en.png": plot.distribution(frame, 2568, lang="en"),
        "plot-share-passing-th.png": plot.share_passing(frame, "province", lang="th"),
        "plot-year-over-year-th.png": plot.year_over_year(frame, limit=15, lang="th"),
        "plot-moral-levels-th.png": plot.moral_levels(moral_rows(), lang="th"),
    }
    for name, fig in charts.items():
        # Fixed metadata, so the same chart gives the same bytes and commits no noise.
        fig.savefig(IMAGES / name, dpi=90, metadata={"Software": None})
        print(IMAGES / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
