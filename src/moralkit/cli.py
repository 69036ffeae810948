"""The ``moralkit`` command: the demo, and quick look-ups of Thai dates and fiscal years.

This is the only module that prints.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from importlib.resources import files

from moralkit.errors import MoralkitError
from moralkit.thai import (
    FiscalYear,
    format_thai_date,
    format_thai_date_range,
    parse_fiscal_year,
    parse_thai_date_range,
)

__all__ = ["main"]


def _print(text: str = "") -> None:
    print(text)


def _describe_range(text: str) -> str:
    r = parse_thai_date_range(text)
    fiscal = sorted({FiscalYear.of(r.start), FiscalYear.of(r.end)})
    iso = r.start.isoformat() if r.days == 1 else f"{r.start.isoformat()} .. {r.end.isoformat()}"
    years = ", ".join(f"{fy.label_en} ({fy.label_th})" for fy in fiscal)
    return f"{iso}  |  {format_thai_date_range(r, 'abbr')}  |  {years}"


def _demo(_args: argparse.Namespace) -> int:
    data = files("moralkit.samples").joinpath("data/seed_dates.json").read_text("utf-8")
    _print("moralkit demo: the dates in the five source documents (เอกสารต้นทาง 5 ฉบับ)")
    _print()
    for row in json.loads(data):
        text = row["text"]
        if text.startswith("ปีงบประมาณ"):
            fy = parse_fiscal_year(text)
            shown = f"{fy.start.isoformat()} .. {fy.end.isoformat()}  |  {fy.label_en}"
        else:
            shown = _describe_range(text)
        _print(f"[{row['seed'][:3]}] {row['what']}")
        _print(f"      {text}")
        _print(f"   -> {shown}")
    return 0


def _date(args: argparse.Namespace) -> int:
    for text in args.text:
        _print(f"{text}  ->  {_describe_range(text)}")
    return 0


def _fiscal_year(args: argparse.Namespace) -> int:
    fy = parse_fiscal_year(args.text)
    _print(f"{fy.label_th} / {fy.label_en}")
    _print(f"  {format_thai_date(fy.start)} - {format_thai_date(fy.end)}")
    for number, half in enumerate(fy.halves, 1):
        _print(f"  half {number}: {format_thai_date_range(half, 'abbr')}")
    for number, quarter in enumerate(fy.quarters, 1):
        _print(f"  quarter {number}: {format_thai_date_range(quarter, 'abbr')}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="moralkit", description="Thailand's moral-promotion domain, from the command line."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="show moralkit on its bundled sample data")
    demo.set_defaults(run=_demo)
    date = commands.add_parser("date", help="read Thai dates or ranges; print ISO and fiscal year")
    date.add_argument("text", nargs="+", help="for example '๑๕ กรกฎาคม ๒๕๖๓' or '2-3 พ.ค. 2566'")
    date.set_defaults(run=_date)
    fy = commands.add_parser("fy", help="show a fiscal year's dates, halves and quarters")
    fy.add_argument("text", help="for example 'ปีงบประมาณ พ.ศ. 2567' or 'FY2567'")
    fy.set_defaults(run=_fiscal_year)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (2 for input moralkit cannot read)."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    args = _parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except MoralkitError as exc:
        print(f"moralkit: {exc}", file=sys.stderr)
        return 2
    return status
