"""Benchmark reporting: the serde ratio table prints after pytest-benchmark's own table."""

from __future__ import annotations

import sys

import pytest


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for name, module in list(sys.modules.items()):
        if name.endswith("test_bench_serde") and getattr(module, "RESULTS", None):
            terminalreporter.write_sep("=", "moralkit vs peers (median; ratio = moralkit / peer)")
            terminalreporter.write_line(module.ratio_table())
