"""Synthetic national ITA data, realistic in shape, for tests, benchmarks and the notebook.

`synthetic_ita` draws a year's agencies, their IIT and EIT answers (a long table) and their OIT
checklists from a seeded generator. Agencies range from 10 respondents to several thousand
(a skewed, log-normal size); answers lean to the top of the scale, each agency with its own
lean; a few answers are left out, as respondents skip questions.

The year's rules come back completed with a question catalogue. NACC does not publish its
questionnaires, so every question not found in a public source is SYNTHETIC: its status is
``unsourced``, its text says so, and the rule id ends in ``-synthetic``. Do not report figures
computed with it as NACC's.

>>> data = synthetic_ita(agencies=4, respondents=200, fiscal_year=2567, seed=7)
>>> data.answers.columns
['agency', 'tool', 'respondent', 'question', 'choice']
>>> data.rules.id, data.agencies.height
('ita-2567-synthetic', 4)
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
from attrs import frozen

from moralkit.ita.rules_model import ItaRules, Question, check_ita_rules
from moralkit.ita.score import RULES
from moralkit.thai.calendar import FiscalYear

__all__ = ["SyntheticIta", "synthetic_ita"]

#: Questions per indicator in the synthetic catalogue: six per IIT indicator (I1-I30, the
#: replica's count) and five per EIT indicator (E1-E15).
IIT_PER_INDICATOR = 6
EIT_PER_INDICATOR = 5
#: The share of IIT respondents among all respondents.
IIT_SHARE = 0.4
#: The share of answers left out (skipped questions).
SKIPPED = 0.02


@frozen
class SyntheticIta:
    """One synthetic year: ``answers`` (long), ``oit`` (checklist), ``agencies`` and ``rules``.

    The frames are polars DataFrames; `write_parquet` writes them for other engines.
    """

    fiscal_year: int
    answers: Any
    oit: Any
    agencies: Any
    rules: ItaRules

    def write_parquet(self, folder: str | Path) -> dict[str, Path]:
        """Write ``answers``, ``oit`` and ``agencies`` as parquet files in ``folder``."""
        target = Path(folder)
        target.mkdir(parents=True, exist_ok=True)
        paths = {}
        for name in ("answers", "oit", "agencies"):
            path = target / f"{name}-{self.fiscal_year}.parquet"
            getattr(self, name).write_parquet(path)
            paths[name] = path
        return paths


def _libraries() -> tuple[Any, Any]:
    try:
        import numpy as np  # noqa: PLC0415 (optional extras, imported only when asked for)
        import polars as pl  # noqa: PLC0415
    except ImportError as exc:  # pragma: no cover (installed with the dev extra)
        raise ImportError(
            "synthetic_ita needs polars and numpy: pip install 'moralkit[tables]'"
        ) from exc
    return np, pl


def _complete_rules(rules: ItaRules) -> ItaRules:
    """The rules with a question for every IIT and EIT slot; the missing ones synthetic."""
    known = {q.code: q for q in rules.questions}
    questions = []
    for tool, prefix, per in (("IIT", "I", IIT_PER_INDICATOR), ("EIT", "E", EIT_PER_INDICATOR)):
        for position, indicator in enumerate(rules.indicators_of(tool)):
            for k in range(per):
                code = f"{prefix}{position * per + k + 1}"
                if code in known and known[code].indicator == indicator.number:
                    questions.append(known[code])
                    continue
                scale = "yes-no-negative" if tool == "IIT" and k >= per - 1 else "level4"
                questions.append(
                    Question(
                        code=code,
                        indicator=indicator.number,
                        scale=scale,
                        text_en=f"SYNTHETIC question {code} for indicator {indicator.number} "
                        "(not NACC's wording)",
                        status="unsourced",
                    )
                )
    completed = attrs.evolve(
        rules,
        id=f"{rules.id}-synthetic",
        version=f"{rules.version}+synthetic",
        questions=tuple(questions),
        notes=(
            *rules.notes,
            "SYNTHETIC question catalogue: questions marked unsourced are made up for testing; "
            "NACC's questionnaire is not public.",
        ),
    )
    problems = check_ita_rules(completed)
    if problems:  # pragma: no cover (a packaged year that cannot take a catalogue)
        raise ValueError(f"cannot complete the FY{rules.first_year.be} rules: {problems}")
    return completed


def _provinces() -> list[str]:
    raw = (files("moralkit") / "model" / "data" / "provinces.json").read_text(encoding="utf-8")
    return [p["code"] for p in json.loads(raw)["provinces"]]


def _enum(pl: Any, categories: list[str], codes: Any) -> Any:
    """An enum column from category positions, without building a string per row."""
    return pl.Series(categories, dtype=pl.Enum(categories)).gather(codes)


def _sizes(np: Any, rng: Any, agencies: int, respondents: int) -> Any:
    """Respondents per agency: log-normal, at least 10, adding up to ``respondents``."""
    floor = 10
    if respondents < floor * agencies:
        return np.full(agencies, max(respondents // agencies, 1), dtype=np.int64)
    weights = rng.lognormal(mean=0.0, sigma=1.2, size=agencies)
    spare = respondents - floor * agencies
    extra = np.floor(weights / weights.sum() * spare).astype(np.int64)
    extra[: spare - int(extra.sum())] += 1
    return floor + extra


def synthetic_ita(
    agencies: int = 100,
    respondents: int = 10_000,
    fiscal_year: int = 2567,
    seed: int = 0,
) -> SyntheticIta:
    """A synthetic ITA year: ``agencies`` agencies, about ``respondents`` respondents.

    The same seed gives the same data; agencies keep their ids and provinces across years
    for the same ``agencies`` and ``seed`` (only the answers change with the year), so several
    years can be compared.
    """
    np, pl = _libraries()
    year = fiscal_year.be if isinstance(fiscal_year, FiscalYear) else int(fiscal_year)
    rules = _complete_rules(RULES.for_year(year))
    fixed = np.random.default_rng(seed)
    rng = np.random.default_rng([seed, year])
    names = [f"AG{i:05d}" for i in range(agencies)]
    provinces = _provinces()
    agency_table = pl.DataFrame(
        {
            "agency": names,
            "province": [provinces[i] for i in fixed.integers(0, len(provinces), agencies)],
            "kind": [
                ("local", "provincial", "central", "state enterprise")[i]
                for i in fixed.choice(4, size=agencies, p=[0.75, 0.12, 0.08, 0.05])
            ],
        }
    )
    sizes = _sizes(np, fixed, agencies, respondents)
    # Each agency leans to the top of the scale by its own amount, a little different each year.
    lean = np.clip(fixed.beta(6.0, 1.4, agencies) + rng.normal(0, 0.03, agencies), 0.05, 0.995)
    level_choices = ["none", "low", "high", "highest"]
    yes_no = ["yes", "no"]
    categories = level_choices + yes_no
    all_questions = [q.code for q in rules.questions]
    frames = []
    first_respondent = 0
    for tool, share in (("IIT", IIT_SHARE), ("EIT", 1 - IIT_SHARE)):
        tool_questions = [
            q
            for q in rules.questions
            if q.indicator in {i.number for i in rules.indicators_of(tool)}
        ]
        per_agency = np.maximum(np.round(sizes * share).astype(np.int64), 1)
        count = int(per_agency.sum())
        respondent_agency = np.repeat(np.arange(agencies), per_agency)
        nq = len(tool_questions)
        row_agency = np.repeat(respondent_agency, nq)
        row_question = np.tile(np.arange(nq, dtype=np.int64), count)
        row_respondent = np.repeat(np.arange(count, dtype=np.int64) + first_respondent, nq)
        first_respondent += count
        p = lean[row_agency]
        u = rng.random(row_agency.size)
        # Four levels: "highest" with probability p, then high, low, none in shrinking shares.
        level = np.where(
            u < p, 3, np.where(u < p + (1 - p) * 0.7, 2, np.where(u < p + (1 - p) * 0.93, 1, 0))
        )
        negative = np.array([q.scale == "yes-no-negative" for q in tool_questions])[row_question]
        # For "did staff ask for a bribe" the good answer is "no" (index 5).
        choice = np.where(negative, np.where(u < 0.5 + p / 2, 5, 4), level)
        keep = rng.random(row_agency.size) >= SKIPPED
        offset = all_questions.index(tool_questions[0].code)
        frames.append(
            pl.DataFrame(
                {
                    "agency": _enum(pl, names, row_agency[keep]),
                    "tool": _enum(
                        pl, ["IIT", "EIT"], np.full(int(keep.sum()), 0 if tool == "IIT" else 1)
                    ),
                    "respondent": row_respondent[keep],
                    "question": _enum(pl, all_questions, row_question[keep] + offset),
                    "choice": _enum(pl, categories, choice[keep]),
                }
            )
        )
    answers = pl.concat(frames)
    items = [i.code for i in rules.oit_items]
    if items:
        openness = np.clip(fixed.beta(5.0, 1.2, agencies) + rng.normal(0, 0.05, agencies), 0, 1)
        present = rng.random((agencies, len(items))) < openness[:, None]
        agency_col = np.repeat(np.array(names), len(items))
        item_col = np.tile(np.array(items), agencies)
        flat = present.ravel()
        oit = pl.DataFrame(
            {
                "agency": agency_col,
                "item": item_col,
                "present": flat,
            }
        ).with_columns(
            pl.when(pl.col("present"))
            .then(pl.format("https://agency.example/{}/ita/{}", pl.col("agency"), pl.col("item")))
            .otherwise(None)
            .alias("evidence_url")
        )
    else:
        oit = pl.DataFrame(
            schema={
                "agency": pl.String,
                "item": pl.String,
                "present": pl.Boolean,
                "evidence_url": pl.String,
            }
        )
    return SyntheticIta(year, answers, oit, agency_table, rules)
