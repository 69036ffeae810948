"""Fuzz families share the harness; at the end of a run each family's table is printed.

The tables print when ``MORALKIT_FUZZ_REPORT`` is set (``make fuzz`` sets it) or when any family
broke a promise, so ``make test`` stays quiet when all is well.
"""

from __future__ import annotations

import os

import pytest

from tests.fuzz.harness import COLUMNS, format_table, iter_families


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    families = list(iter_families())
    if not families:
        return
    broken = any(fam.counts()[c] for fam in families for c in COLUMNS if c != "tried")
    if os.environ.get("MORALKIT_FUZZ_REPORT") or broken:
        terminalreporter.write_sep("=", "fuzz families")
        terminalreporter.write_line(format_table(families))
