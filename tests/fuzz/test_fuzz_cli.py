"""The command line under hostile files: one ``moralkit:`` line and a documented status, always.

Each input is written to a file and given to `moralkit.cli.main` in process. A *crash* is an
exit status other than 0, 1 or 2, a failure without a ``moralkit: `` line on standard error,
or the catch-all "unexpected error" message (a bug the command did not foresee).
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from moralkit import dump
from moralkit.cli import main
from moralkit.moral import Evidence
from tests.fuzz.harness import examples, family, fuzz_settings, mutants

CSV_SEED = "agency,IIT,EIT,OIT,province\na,90,88,95,TH-10\nb,80,75,60,TH-10\n"
EVIDENCE_SEED = dump(Evidence.of("unit", 2569, {1: (45, 50), 2: Decimal(80), 3: True}))


class CliCrashError(RuntimeError):
    """The command broke its promise: a traceback's worth of trouble, or no message."""


def run_cli(*args: str) -> int:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(args))
        except SystemExit as exc:  # argparse's own exit, after its one line
            status = exc.code if isinstance(exc.code, int) else 2
    message = err.getvalue()
    if status not in (0, 1, 2):
        raise CliCrashError(f"exit status {status}: {message[:300]}")
    if status and not message.startswith("moralkit: ") and not out.getvalue():
        raise CliCrashError(f"status {status} without a message")
    if "unexpected error" in message or "Traceback" in message:
        raise CliCrashError(message[:300])
    return status


def _with_file(name: str, content: bytes, *args: str) -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        return run_cli(*[a.replace("{file}", str(path)) for a in args])


@given(content=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".json", ".jsonl"]))
@fuzz_settings(1.0)
def test_ita_score_on_arbitrary_bytes(content: bytes, suffix: str) -> None:
    fam = family("cli.ita score (arbitrary bytes)")
    fam.check(
        lambda: _with_file(
            "rows" + suffix, content, "ita", "score", "{file}", "--fiscal-year", "2567"
        ),
        data=content,
    )


@given(text=st.text(alphabet=st.sampled_from(list("agency,IIT EOT01234.56789-\n\"'\r\t\ufeffกข"))))
@fuzz_settings(2.0)
def test_ita_score_on_table_like_text(text: str) -> None:
    fam = family("cli.ita score (table-like text)")
    content = (CSV_SEED + text).encode("utf-8", "surrogatepass")
    fam.check(
        lambda: _with_file(
            "rows.csv",
            content,
            "--format",
            "csv",
            "ita",
            "score",
            "{file}",
            "--fiscal-year",
            "2567",
        ),
        data=text,
    )


def test_moral_assess_and_validate_on_mutated_evidence() -> None:
    fam = family("cli.moral assess / validate (mutated evidence)")
    rng = random.Random(12)
    for _ in range(examples(2.0)):
        for mutant in mutants(EVIDENCE_SEED, rng, 1):
            try:
                text = json.dumps(mutant.document, ensure_ascii=False)
            except (ValueError, RecursionError):
                continue
            content = text.encode("utf-8", "surrogatepass")
            fam.check(lambda c=content: _with_file("e.json", c, "moral", "assess", "{file}"))
            fam.check(
                lambda c=content: _with_file(
                    "e.json", c, "validate", "{file}", "--class", "Evidence"
                )
            )
    fam.assert_clean()


@given(
    args=st.lists(
        st.sampled_from(
            [
                "ita",
                "score",
                "--fiscal-year",
                "x",
                "2567",
                "-o",
                "--lang",
                "th",
                "--format",
                "csv",
                "rules",
                "moral",
                "schema",
                "--all",
                "date",
                "2567-09-16",
                "fy",
                "validate",
                "--class",
            ]
        ),
        max_size=6,
    )
)
@fuzz_settings(1.0)
def test_arbitrary_argument_lists(args: list[str]) -> None:
    fam = family("cli.arguments")
    if "serve" in args:
        return
    fam.check(lambda: run_cli(*args), data=args)


def test_the_tallies_are_clean() -> None:
    for name in (
        "cli.ita score (arbitrary bytes)",
        "cli.ita score (table-like text)",
        "cli.arguments",
    ):
        family(name).assert_clean()
