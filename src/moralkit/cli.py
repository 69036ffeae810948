"""The ``moralkit`` command: score tables, assess evidence, validate files, print schemas and rules.

This is the only module, besides the service, that reads users' files and prints. Every
failure ends with one line ``moralkit: <message>`` on standard error and a documented exit
status, never a traceback:

* ``0``: done;
* ``1``: the data is invalid (every problem is listed, with its path);
* ``2``: the command was used wrongly, or a file could not be read or written.

Words come from the catalogue (``catalogue/cli.json``) in Thai or English: ``--lang th|en``,
by default from the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import errno
import io
import itertools
import json
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, NoReturn, TypeVar

from moralkit import evaluation, ita, moral, samples
from moralkit.errors import (
    MoralkitError,
    Problem,
    RuleNotFoundError,
    ThaiDateError,
    ValidationError,
)
from moralkit.messages import Lang, Term, catalogue, render, status_text
from moralkit.model import Dataset, Event, EventMode, SourceDocument, Venue, province
from moralkit.serde import dump, from_json
from moralkit.server._core import (
    OUTPUT_COLUMNS,
    ItaTableRow,
    ScoredRow,
    classes,
    explain_text,
    find_class,
    group_columns,
    problem,
    row_input,
    score_row,
    status_words,
)
from moralkit.thai import (
    DateRange,
    FiscalYear,
    format_thai_date,
    format_thai_date_range,
    parse_fiscal_year,
    parse_thai_date,
    parse_thai_date_range,
    parse_thai_datetime,
)
from moralkit.validation import validate

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "MAX_JSON_BYTES", "main"]

#: Exit status: done.
EXIT_OK = 0
#: Exit status: the data is invalid.
EXIT_INVALID = 1
#: Exit status: the command was used wrongly, or a file could not be read or written.
EXIT_USAGE = 2
#: The largest JSON (not JSON Lines) input, in bytes: a JSON document is parsed whole.
MAX_JSON_BYTES = 64 * 1024 * 1024
#: The longest line of a CSV or JSON Lines input, in bytes.
MAX_LINE_BYTES = 1_048_576
#: How many problems are printed before "... and N more".
SHOWN_PROBLEMS = 200

_PROBLEM_HEADINGS = (
    "cli.heading.path",
    "cli.heading.code",
    "cli.heading.severity",
    "cli.heading.message",
)
_ISO_LIKE = re.compile(r"\s*[0-9๐-๙]{4}-[0-9๐-๙]{1,2}-[0-9๐-๙]{1,2}\s*")
_T = TypeVar("_T")


class _Fail(Exception):  # noqa: N818 (an internal signal, caught in main)
    """Stop with ``moralkit: <message>`` and an exit status."""

    def __init__(self, code: str, status: int = EXIT_USAGE, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.status = status
        self.params = params


class _OutputError(Exception):
    """Writing to standard output failed (closed pipe, full disk)."""

    def __init__(self, cause: OSError) -> None:
        super().__init__(str(cause))
        self.cause = cause


class _Context:
    """The options every command reads: language, format, and where output goes."""

    def __init__(self, lang: Lang, fmt: str | None) -> None:
        self.lang = lang
        self.format = fmt

    def t(self, code: str, **params: object) -> str:
        return _words(code, self.lang, params)

    def fmt(self, default: str = "table") -> str:
        return self.format or default


class _Verbatim(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _words(code: str, lang: Lang, params: Mapping[str, object] | None = None) -> str:
    """A catalogue template filled in verbatim.

    The command line's own words take paths and messages it built itself, which must not be
    shortened the way a user's data values are in problem messages.
    """
    shown = _Verbatim({name: str(value) for name, value in (params or {}).items()})
    return catalogue()[code].text(lang).format_map(shown)


def _default_lang() -> Lang:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "th" if value.lower().startswith("th") else "en"
    return "en"


# -- output ----------------------------------------------------------------------------------


#: How much held output stays in memory before it spills to a temporary file.
HELD_IN_MEMORY = 8 * 1024 * 1024


class _Held:
    """Standard output held back until the command has finished.

    A command that fails part-way (a bad row after good ones, a date that cannot be read
    after one that can) writes nothing to stdout: its output is released only when it returns,
    and dropped when it raises or calls `discard`. Large output spills to a temporary file.
    """

    def __init__(self) -> None:
        self.buffer: tempfile.SpooledTemporaryFile[str] = tempfile.SpooledTemporaryFile(  # noqa: SIM115 (closed by main)
            max_size=HELD_IN_MEMORY, mode="w+", encoding="utf-8", newline=""
        )
        self.dropped = False

    def write(self, text: str) -> None:
        try:
            self.buffer.write(text)
        except OSError as exc:  # a full disk while spilling
            raise _OutputError(exc) from None

    def discard(self) -> None:
        self.dropped = True
        self.buffer.seek(0)
        self.buffer.truncate()

    def release(self) -> None:
        if self.dropped or not self.buffer.tell():
            return
        self.buffer.seek(0)
        while chunk := self.buffer.read(65536):
            _write_now(chunk)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.buffer.close()


#: The output of the command being run, or ``None`` when output goes straight to stdout.
_HELD: list[_Held] = []


def _discard_output() -> None:
    """Drop what the running command has written: it failed, and leaves no partial output."""
    if _HELD:
        _HELD[-1].discard()


def _write(text: str) -> None:
    if _HELD:
        _HELD[-1].write(text)
    else:
        _write_now(text)


def _write_now(text: str) -> None:
    stream = sys.stdout
    if stream is None:  # started with stdout closed (`moralkit ... >&-`)
        raise _Fail("cli.error.no_output")
    try:
        stream.write(text)
    except OSError as exc:
        raise _OutputError(exc) from None


def _print(text: str = "") -> None:
    _write(text + "\n")


def _width(text: str) -> int:
    # Thai vowel and tone marks take no column of their own on a terminal.
    return sum(1 for ch in text if unicodedata.category(ch) not in ("Mn", "Me", "Cf"))


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    body = [list(r) for r in rows]
    widths = [_width(h) for h in header]
    for row in body:
        widths = [max(w, _width(cell)) for w, cell in zip(widths, row, strict=True)]
    for row in [list(header), *body]:
        cells = [cell + " " * (w - _width(cell)) for w, cell in zip(widths, row, strict=True)]
        _print("  ".join(cells).rstrip())


def _csv_rows(header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
        if buffer.tell() > 65536:
            _write(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()
    _write(buffer.getvalue())


def _json(data: object) -> None:
    _print(json.dumps(data, ensure_ascii=False, indent=2))


def _emit(ctx: _Context, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    fmt = ctx.fmt()
    if fmt == "csv":
        _csv_rows(header, rows)
    elif fmt == "json":
        _json([dict(zip(header, row, strict=True)) for row in rows])
    else:
        _table(header, rows)


# -- input -----------------------------------------------------------------------------------


def _check_readable(path: Path) -> None:
    try:
        if path.is_dir():
            raise _Fail("cli.error.is_directory", path=str(path))
        if not path.exists():
            raise _Fail("cli.error.no_file", path=str(path))
    except OSError as exc:  # a name too long, a loop of links ...
        raise _Fail("cli.error.read_failed", path=str(path), reason=exc.strerror or exc) from None


def _open(path: Path) -> IO[bytes]:
    _check_readable(path)
    try:
        return path.open("rb")
    except PermissionError:
        raise _Fail("cli.error.not_permitted", path=str(path)) from None
    except OSError as exc:
        raise _Fail("cli.error.read_failed", path=str(path), reason=exc.strerror or exc) from None


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")  # a leading BOM, as spreadsheet programs write, is fine
    except UnicodeDecodeError as exc:
        raise _Fail("cli.error.not_utf8", EXIT_INVALID, path=str(path), offset=exc.start) from None


def _read_text(path: Path, limit: int = MAX_JSON_BYTES) -> str:
    """A whole JSON file as text, refused above ``limit`` bytes before it is read."""
    with _open(path) as handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise _Fail(
                    "cli.error.too_large",
                    path=str(path),
                    size=size // 1_048_576,
                    limit=limit // 1_048_576,
                )
            data = handle.read(limit + 1)
        except OSError as exc:
            raise _Fail("cli.error.read_failed", path=str(path), reason=exc.strerror) from None
    if len(data) > limit:  # a file that grew, or a device with no size
        raise _Fail("cli.error.too_large", path=str(path), size=len(data) // 1_048_576, limit=64)
    return _decode(data, path)


def _parse_json(text: str) -> Any:
    """Parse JSON the way moralkit's loaders do: decimals exact, no NaN, a bounded depth."""

    def constant(name: str) -> NoReturn:
        raise ValueError(f"{name} is not a number JSON allows")

    try:
        return json.loads(text, parse_float=Decimal, parse_constant=constant)
    except RecursionError:
        raise ValidationError(
            [problem("", "too_deep", {"limit": sys.getrecursionlimit()})]
        ) from None
    except json.JSONDecodeError as exc:
        params = {"reason": exc.msg, "line": exc.lineno, "column": exc.colno}
        raise ValidationError([problem("", "invalid_json", params)]) from None
    except ValueError as exc:  # NaN, or an integer past the interpreter's digit limit
        params = {"reason": str(exc), "line": "-", "column": "-"}
        raise ValidationError([problem("", "invalid_json", params)]) from None


def _load_json(cls: Any, text: str) -> Any:
    try:
        return from_json(cls, text)
    except RecursionError:
        raise ValidationError(
            [problem("", "too_deep", {"limit": sys.getrecursionlimit()})]
        ) from None


class _Progress:
    """A progress bar on standard error, only when it is a terminal and rich is installed."""

    def __init__(self, ctx: _Context, total: int) -> None:
        self._bar: Any = None
        self._task: Any = None
        stderr = sys.stderr
        if stderr is None or not stderr.isatty() or total <= 0:
            return
        try:
            from rich.console import Console  # noqa: PLC0415 (optional: moralkit[cli])
            from rich.progress import Progress  # noqa: PLC0415
        except ImportError:
            return
        # On standard error: standard output may be a pipe carrying the scored rows.
        self._bar = Progress(console=Console(file=stderr), transient=True)
        self._task = self._bar.add_task(ctx.t("cli.progress"), total=total)
        self._bar.start()

    def update(self, done: int) -> None:
        if self._bar is not None:
            self._bar.update(self._task, completed=done)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


class _Rows:
    """A table file read row by row: CSV, JSON Lines and parquet are streamed, never held."""

    def __init__(self, path: Path, lang: Lang = "en") -> None:
        self.path = path
        self.lang = lang
        self.read_bytes = 0
        suffix = path.suffix.lower()
        kinds = {".csv": "csv", ".txt": "csv", ".tsv": "tsv", ".json": "json", ".jsonl": "jsonl"}
        kinds |= {".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet", ".xlsx": "xlsx"}
        kind = kinds.get(suffix)
        if kind is None:
            _check_readable(path)
            raise _Fail("cli.error.unknown_format", path=str(path))
        self.kind = kind
        _check_readable(path)
        try:
            self.size = path.stat().st_size
        except OSError:
            self.size = 0

    def _bad(self, reason: object) -> _Fail:
        return _Fail("cli.error.bad_table", EXIT_INVALID, path=str(self.path), reason=reason)

    def __iter__(self) -> Iterator[dict[str, object]]:
        readers: dict[str, Callable[[], Iterator[dict[str, object]]]] = {
            "csv": self._csv,
            "tsv": self._csv,
            "json": self._json,
            "jsonl": self._jsonl,
            "parquet": self._parquet,
            "xlsx": self._xlsx,
        }
        return readers[self.kind]()

    def lines(self, handle: IO[bytes]) -> Iterator[str]:
        """The file's lines as text, each read with a bound, NUL and bad UTF-8 refused."""
        number = 0
        while True:
            # A bounded read: a file with no line breaks is never taken in whole.
            raw = handle.readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            number += 1
            if len(raw) > MAX_LINE_BYTES:
                raise self._bad(
                    _words(
                        "cli.error.long_line",
                        self.lang,
                        {"line": number, "limit": MAX_LINE_BYTES // 1_048_576},
                    )
                )
            self.read_bytes += len(raw)
            if b"\0" in raw:
                raise self._bad(_words("cli.error.nul_byte", self.lang, {"line": number}))
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                offset = self.read_bytes - len(raw) + exc.start
                raise _Fail(
                    "cli.error.not_utf8", EXIT_INVALID, path=str(self.path), offset=offset
                ) from None
            yield line

    def _csv(self) -> Iterator[dict[str, object]]:
        with _open(self.path) as handle:
            reader = csv.reader(self.lines(handle), delimiter="\t" if self.kind == "tsv" else ",")
            try:
                header = next(reader, None)
                if header is None:
                    raise self._bad(_words("cli.error.empty_table", self.lang))
                header = [h.strip() for h in header]
                twice = sorted({h for h in header if header.count(h) > 1})
                if twice:  # a dict keeps one of them: never choose a value silently
                    raise ValidationError(
                        [problem("header", "duplicate_key", {"key": h}) for h in twice],
                        str(self.path),
                    )
                index = 0
                for cells in reader:
                    if not any(c.strip() for c in cells):
                        continue  # blank lines between rows
                    if len(cells) > len(header):  # an unquoted "85,5" would shift the columns
                        params = {"expected": len(header), "count": len(cells)}
                        raise ValidationError(
                            [problem(f"rows[{index}]", "wrong_length", params)], str(self.path)
                        )
                    index += 1
                    yield dict(zip(header, cells, strict=False))
            except csv.Error as exc:
                raise self._bad(f"line {reader.line_num}: {exc}") from None
            except OSError as exc:
                raise _Fail("cli.error.read_failed", path=str(self.path), reason=exc) from None

    def _jsonl(self) -> Iterator[dict[str, object]]:
        with _open(self.path) as handle:
            for number, line in enumerate(self.lines(handle), 1):
                if not line.strip():
                    continue
                try:
                    value = _parse_json(line)
                except ValidationError as exc:
                    raise ValidationError(exc.problems, f"line {number}") from None
                if not isinstance(value, dict):
                    raise ValidationError(
                        [
                            problem(
                                f"[{number - 1}]",
                                "wrong_type",
                                {"expected": Term("kind.object"), "value": value},
                            )
                        ]
                    )
                yield value

    def _json(self) -> Iterator[dict[str, object]]:
        value = _parse_json(_read_text(self.path))
        self.read_bytes = self.size
        if isinstance(value, dict) and isinstance(value.get("rows"), list):
            value = value["rows"]
        if not isinstance(value, list):
            raise ValidationError(
                [problem("", "wrong_type", {"expected": Term("kind.list"), "value": value})]
            )
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                raise ValidationError(
                    [
                        problem(
                            f"[{index}]",
                            "wrong_type",
                            {"expected": Term("kind.object"), "value": item},
                        )
                    ]
                )
            yield item

    def _parquet(self) -> Iterator[dict[str, object]]:
        try:
            import pyarrow.parquet as pq  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415
        except ImportError:
            raise _Fail(
                "cli.error.needs_extra", what="parquet", package="pyarrow", extra="cli"
            ) from None
        try:
            source = pq.ParquetFile(self.path)
            for batch in source.iter_batches(batch_size=8192):
                self.read_bytes = min(self.size, self.read_bytes + batch.nbytes)
                yield from batch.to_pylist()
        except OSError as exc:
            raise _Fail("cli.error.read_failed", path=str(self.path), reason=exc) from None
        except Exception as exc:  # pyarrow's own errors: ArrowInvalid and friends
            raise self._bad(exc) from None

    def _xlsx(self) -> Iterator[dict[str, object]]:
        try:
            import openpyxl  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415
        except ImportError:
            raise _Fail(
                "cli.error.needs_extra", what="Excel", package="openpyxl", extra="cli"
            ) from None
        try:
            book = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        except OSError as exc:
            raise _Fail("cli.error.read_failed", path=str(self.path), reason=exc) from None
        except Exception as exc:  # not a workbook: zipfile and openpyxl errors
            raise self._bad(exc) from None
        try:
            sheet = book.active
            rows = sheet.iter_rows(values_only=True) if sheet is not None else iter(())
            header = next(rows, None)
            if header is None:
                raise self._bad(_words("cli.error.empty_table", self.lang))
            names = [str(h).strip() if h is not None else "" for h in header]
            for cells in rows:
                if all(c is None for c in cells):
                    continue
                yield dict(zip(names, cells, strict=False))
        finally:
            book.close()


def _fiscal_year(text: str) -> FiscalYear:
    try:
        return FiscalYear(int(text)) if text.strip().isdigit() else parse_fiscal_year(text)
    except (ValueError, MoralkitError):
        raise argparse.ArgumentTypeError(text) from None


# -- ita -------------------------------------------------------------------------------------


class _Scored:
    """Scored rows as they stream, with the input's other columns carried through.

    ``extra`` (the group columns, in the input's order) is known once the first row is read:
    `rows` reads it before yielding anything, so writers can write their header first.
    """

    def __init__(self, ctx: _Context, path: Path, fiscal_year: FiscalYear) -> None:
        self.ctx = ctx
        self.path = path
        self.fiscal_year = fiscal_year
        self.problems: list[Problem] = []
        self.extra: list[str] = []
        self.records: list[ItaTableRow] = []
        self.keep_records = False

    def _all(self) -> Iterator[tuple[ScoredRow, Mapping[str, str]]]:
        rows = _Rows(self.path, self.ctx.lang)
        progress = _Progress(self.ctx, rows.size)
        try:
            for index, raw in enumerate(rows):
                if index == 0:
                    self.extra = group_columns(raw)
                _, record, row_problems = row_input(raw)
                if record is None:
                    self.problems.extend(p.at(f"rows[{index}]") for p in row_problems)
                    continue
                try:
                    scored = score_row(record, self.fiscal_year)
                except ValidationError as exc:
                    self.problems.extend(p.at(f"rows[{index}]") for p in exc.problems)
                    continue
                if self.keep_records:
                    self.records.append(record)
                yield scored, record.groups
                if index % 512 == 0:
                    progress.update(rows.read_bytes)
        finally:
            progress.close()

    def rows(self) -> Iterator[tuple[ScoredRow, Mapping[str, str]]]:
        """The scored rows; ``extra`` is set before the first is returned."""
        source = self._all()
        first = next(source, None)
        if first is not None:
            yield first
            yield from source

    def header(self) -> tuple[str, ...]:
        return (*OUTPUT_COLUMNS, *self.extra)

    def cells(self, row: ScoredRow, groups: Mapping[str, str]) -> tuple[str, ...]:
        return (*row.cells(), *(groups.get(name, "") for name in self.extra))

    def record(self, row: ScoredRow, groups: Mapping[str, str]) -> dict[str, Any]:
        data: dict[str, Any] = dump(row)
        data.update({name: groups.get(name) for name in self.extra})
        return data


def _primed(table: _Scored) -> Iterator[tuple[ScoredRow, Mapping[str, str]]]:
    # Pull the first row now, so that table.extra is known before a header is written.
    source = table.rows()
    first = next(source, None)
    return iter(()) if first is None else itertools.chain([first], source)


def _report(ctx: _Context, problems: Sequence[Problem], path: str) -> None:
    errors = [p for p in problems if p.severity == "error"]
    lines = [ctx.t("cli.error.invalid", count=len(errors), path=path)]
    for item in problems[:SHOWN_PROBLEMS]:
        where = item.path or render("core.input", ctx.lang)
        lines.append(f"  {where}: {item.message(ctx.lang)}")
    if len(problems) > SHOWN_PROBLEMS:
        lines.append("  " + ctx.t("cli.error.more_problems", count=len(problems) - SHOWN_PROBLEMS))
    print(ctx.t("cli.error.prefix", message="\n".join(lines)), file=sys.stderr)


_Writer = Callable[[IO[str], _Scored, Iterator[tuple[ScoredRow, Mapping[str, str]]]], int]


def _writer_for(path: Path) -> tuple[str, _Writer]:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        return "csv", _write_csv
    if suffix in (".json", ".jsonl", ".ndjson"):
        return "json", _write_jsonl if suffix != ".json" else _write_json
    if suffix in (".parquet", ".pq"):
        return "parquet", _write_csv  # replaced by the parquet writer in _ita_score
    raise _Fail("cli.error.unknown_output_format", path=str(path))


def _write_csv(
    handle: IO[str], table: _Scored, rows: Iterator[tuple[ScoredRow, Mapping[str, str]]]
) -> int:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(table.header())
    count = 0
    for row, groups in rows:
        writer.writerow(table.cells(row, groups))
        count += 1
    return count


def _write_json(
    handle: IO[str], table: _Scored, rows: Iterator[tuple[ScoredRow, Mapping[str, str]]]
) -> int:
    handle.write("[")
    count = 0
    for row, groups in rows:
        text = json.dumps(table.record(row, groups), ensure_ascii=False)
        handle.write(("\n  " if count == 0 else ",\n  ") + text)
        count += 1
    handle.write("\n]\n" if count else "]\n")
    return count


def _write_jsonl(
    handle: IO[str], table: _Scored, rows: Iterator[tuple[ScoredRow, Mapping[str, str]]]
) -> int:
    count = 0
    for row, groups in rows:
        handle.write(json.dumps(table.record(row, groups), ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_parquet(
    path: Path, table: _Scored, rows: Iterator[tuple[ScoredRow, Mapping[str, str]]]
) -> int:
    try:
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415
        import pyarrow.parquet as pq  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415
    except ImportError:
        raise _Fail(
            "cli.error.needs_extra", what="parquet", package="pyarrow", extra="cli"
        ) from None
    # Scores stay exact: decimals with the places the figures are given to.
    fields = [
        ("agency", pa.string()),
        ("IIT", pa.decimal128(9, 4)),
        ("EIT", pa.decimal128(9, 4)),
        ("OIT", pa.decimal128(9, 4)),
        ("total", pa.decimal128(7, 2)),
        ("level", pa.string()),
        ("level_th", pa.string()),
        ("level_en", pa.string()),
        ("passed", pa.bool_()),
        ("fiscal_year", pa.int64()),
    ]
    schema = pa.schema(fields + [(name, pa.string()) for name in table.extra])
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[tuple[ScoredRow, Mapping[str, str]]] = []

        def flush() -> None:
            columns: dict[str, list[Any]] = {
                name: [getattr(r, name) for r, _ in batch] for name in OUTPUT_COLUMNS
            }
            columns["fiscal_year"] = [r.fiscal_year.be for r, _ in batch]
            for name in table.extra:
                columns[name] = [groups.get(name) for _, groups in batch]
            writer.write_table(pa.table(columns, schema=schema))
            batch.clear()

        for item in rows:
            batch.append(item)
            count += 1
            if len(batch) >= 8192:
                flush()
        if batch or count == 0:
            flush()
    return count


def _ita_score(ctx: _Context, args: argparse.Namespace) -> int:
    path = Path(args.file)
    table = _Scored(ctx, path, args.fiscal_year)
    problems = table.problems
    if args.output:
        out = Path(args.output)
        kind, writer = _writer_for(out)
        folder = out.parent if str(out.parent) else Path()
        # Written beside the target, then renamed: a failed run never leaves half a file.
        try:
            fd, temp_name = tempfile.mkstemp(prefix=".moralkit-", suffix=out.suffix, dir=folder)
        except OSError as exc:
            raise _Fail("cli.error.write_failed", path=str(out), reason=exc.strerror) from None
        temp = Path(temp_name)
        try:
            if kind == "parquet":
                os.close(fd)
                count = _write_parquet(temp, table, _primed(table))
            else:
                with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                    count = writer(handle, table, _primed(table))
            if problems:
                _report(ctx, problems, str(path))
                return EXIT_INVALID
            temp.replace(out)
        except OSError as exc:
            raise _Fail("cli.error.write_failed", path=str(out), reason=exc.strerror) from None
        finally:
            with contextlib.suppress(OSError):
                temp.unlink()
        print(
            ctx.t("cli.error.prefix", message=ctx.t("cli.ok.wrote", count=count, path=str(out))),
            file=sys.stderr,
        )
        return EXIT_OK
    fmt = ctx.fmt()
    if fmt == "csv":
        _stream(lambda handle: _write_csv(handle, table, _primed(table)))
    elif fmt == "json":
        _stream(lambda handle: _write_json(handle, table, _primed(table)))
    else:
        rows = list(_primed(table))
        if not problems:
            _table(table.header(), (table.cells(row, groups) for row, groups in rows))
    if problems:
        _discard_output()  # the rows before the bad one were held back, never shown
        _report(ctx, problems, str(path))
        return EXIT_INVALID
    return EXIT_OK


class _StdoutText(io.TextIOBase):
    """A text sink that writes through `_write` (so output errors are handled once)."""

    def write(self, text: str) -> int:
        _write(text)
        return len(text)


def _stream(write: Callable[[IO[str]], int]) -> None:
    write(_StdoutText())  # type: ignore[arg-type]


def _ita_summary(ctx: _Context, args: argparse.Namespace) -> int:
    path = Path(args.file)
    table = _Scored(ctx, path, args.fiscal_year)
    problems = table.problems
    table.keep_records = True
    for _ in table.rows():
        pass  # every row checked first: problems are reported before anything is summarised
    scored = [
        ita.ScoredAgency(
            record.agency,
            tuple(sorted(record.groups.items())),
            ita.score(args.fiscal_year, tools=record.tools, indicators=record.indicators),
        )
        for record in table.records
    ]
    if problems:
        _report(ctx, problems, str(path))
        return EXIT_INVALID
    if not scored:
        raise _Fail("cli.error.bad_table", EXIT_INVALID, path=str(path), reason="no rows")
    summaries = [ita.summary(scored, "TH")] if args.by is None else ita.summary_by(scored, args.by)
    header = (
        "key",
        "count",
        "mean",
        "median",
        "passing",
        "share_passing",
        "meets_target",
        "levels",
    )
    rows = [
        (
            s.key,
            str(s.count),
            str(s.mean),
            str(s.median),
            str(s.passing),
            str(s.share_passing),
            "" if s.meets_target is None else str(s.meets_target).lower(),
            " ".join(f"{level.code}:{level.count}" for level in s.levels),
        )
        for s in summaries
    ]
    if ctx.fmt() == "json":
        _json([dump(s) for s in summaries])
    else:
        _emit(ctx, header, rows)
    return EXIT_OK


# -- moral -----------------------------------------------------------------------------------


def _evidence(path: Path, lang: Lang) -> tuple[moral.Evidence, ...]:
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        items: list[moral.Evidence] = []
        problems: list[Problem] = []
        rows = _Rows(path, lang)
        with _open(path) as handle:
            # Each line goes through from_json itself: one JSON policy, line by line.
            lines = (line for line in rows.lines(handle) if line.strip())
            for index, line in enumerate(lines):
                try:
                    items.append(_load_json(moral.Evidence, line))
                except ValidationError as exc:
                    problems.extend(p.at(f"[{index}]") for p in exc.problems)
        if problems:
            raise ValidationError(problems, str(path))
        return tuple(items)
    text = _read_text(path)
    if text.lstrip().startswith("["):
        loaded: tuple[moral.Evidence, ...] = _load_json(tuple[moral.Evidence, ...], text)
        return loaded
    return (_load_json(moral.Evidence, text),)


def _moral_assess(ctx: _Context, args: argparse.Namespace) -> int:
    path = Path(args.file)
    results = [moral.assess(evidence) for evidence in _evidence(path, ctx.lang)]
    fmt = ctx.fmt()
    if fmt == "json":
        data = [dump(r) for r in results]
        _json(data[0] if len(data) == 1 and not _is_array(path) else data)
        return EXIT_OK
    if fmt == "csv" or len(results) > 1:
        header = ("organization", "fiscal_year", "level", "label_th", "label_en", "rubric_id")
        rows = [
            (
                r.organization,
                str(r.evidence.fiscal_year.be),
                str(r.level),
                r.label_th,
                r.label_en,
                r.rubric_id,
            )
            for r in results
        ]
        _emit(ctx, header, rows)
        return EXIT_OK
    result = results[0]
    _print(explain_text(result, ctx.lang))
    if result.gap:
        _print(ctx.t("cli.heading.needed"))
        for item in result.gap:
            _print(f"  {item.needs_th if ctx.lang == 'th' else item.needs_en}")
    return EXIT_OK


def _is_array(path: Path) -> bool:
    return path.suffix.lower() in (".jsonl", ".ndjson") or _read_text(path).lstrip().startswith("[")


def _assess_legacy(ctx: _Context, args: argparse.Namespace) -> int:
    if args.thai:
        ctx.lang = "th"
    if args.json:
        ctx.format = "json"
    return _moral_assess(ctx, args)


# -- validate, schema, rules -------------------------------------------------------------------


def _class(name: str) -> type[Any]:
    cls = find_class(name)
    if cls is None:
        known = ", ".join(classes())
        raise _Fail("cli.error.unknown_class", name=name, known=known)
    return cls


def _validate(ctx: _Context, args: argparse.Namespace) -> int:
    cls = _class(args.class_name)
    path = Path(args.file)
    text = _read_text(path)
    try:
        value = _load_json(cls, text)
        problems = validate(value)
    except ValidationError as exc:
        problems = list(exc.problems)
    errors = [p for p in problems if p.severity == "error"]
    fmt = ctx.fmt()
    if fmt == "json":
        _json(
            {
                "name": args.class_name,
                "valid": not errors,
                "problems": [
                    {
                        "path": p.path,
                        "code": p.code,
                        "severity": p.severity,
                        "message": p.message(ctx.lang),
                    }
                    for p in problems
                ],
            }
        )
    elif problems:
        header: tuple[str, ...] = ("path", "code", "severity", "message")
        if fmt == "table":
            header = tuple(ctx.t(code) for code in _PROBLEM_HEADINGS)
        _emit(
            ctx,
            header,
            ((p.path or "-", p.code, p.severity, p.message(ctx.lang)) for p in problems),
        )
    else:
        _print(ctx.t("cli.ok.valid", path=str(path), name=args.class_name))
    return EXIT_INVALID if errors else EXIT_OK


def _schema(ctx: _Context, args: argparse.Namespace) -> int:
    from moralkit.server.openapi import published_schema, schema_files  # noqa: PLC0415

    if args.all:
        if args.out is None:
            _json({name: published_schema(name) for name in classes()})
            return EXIT_OK
        folder = Path(args.out)
        files = schema_files()
        _write_all(folder, files)
        _print(ctx.t("cli.ok.schemas_written", count=len(files), path=str(folder)))
        return EXIT_OK
    if args.name is None:
        raise _Fail("cli.error.schema_needs_name")
    cls = _class(args.name)
    name = next(key for key, value in classes().items() if value is cls)
    _json(published_schema(name))
    return EXIT_OK


def _write_all(folder: Path, files: Mapping[str, str]) -> None:
    """Write every file, or none: each is written beside its target, then all are renamed."""
    written: list[tuple[Path, Path]] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for file_name, text in files.items():
            fd, temp = tempfile.mkstemp(prefix=".moralkit-", suffix=".json", dir=folder)
            written.append((Path(temp), folder / file_name))
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        for temp_path, target in written:
            temp_path.replace(target)
    except OSError as exc:
        raise _Fail("cli.error.write_failed", path=str(folder), reason=exc.strerror) from None
    finally:
        for temp_path, _ in written:
            with contextlib.suppress(OSError):
                temp_path.unlink(missing_ok=True)


def _statuses(data: object, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            here = f"{path}.{key}" if path else str(key)
            if (key == "status" or str(key).endswith("_status")) and isinstance(value, str):
                yield here, value
            else:
                yield from _statuses(value, here)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _statuses(value, f"{path}[{index}]")


def _rules(ctx: _Context, args: argparse.Namespace) -> int:
    book: Any = ita.RULES if args.assessment == "ita" else moral.RUBRICS
    rules = book.for_year(args.fiscal_year)
    data = dump(rules)
    if ctx.fmt() == "json":
        _json(data)
        return EXIT_OK
    title = rules.title_th if ctx.lang == "th" else rules.title_en
    _print(ctx.t("cli.heading.rules", id=rules.id, version=rules.version, title=title))
    last = rules.last_year.be if rules.last_year is not None else ctx.t("cli.heading.open_ended")
    _print(ctx.t("cli.heading.years", first=rules.first_year.be, last=last))
    _print(
        ctx.t(
            "cli.heading.status", status=rules.status, meaning=status_words(rules.status, ctx.lang)
        )
    )
    _print(ctx.t("cli.heading.statuses"))
    rows = [(where, status) for where, status in _statuses(data) if where != "status"]
    if ctx.fmt() == "csv":
        _csv_rows(("path", "status"), rows)
    else:
        for where, status in rows:
            _print(f"  {where}: {status}")
    _print(ctx.t("cli.heading.sources"))
    for source in rules.sources:
        url = f" <{source.url}>" if source.url else ""
        _print(f"  [{source.id}] {source.title}{url}")
    if rules.notes:
        _print(ctx.t("cli.heading.notes"))
        for note in rules.notes:
            _print(f"  - {note}")
    return EXIT_OK


def _serve(ctx: _Context, args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        raise _Fail("cli.error.bad_port", value=args.port)
    try:
        import uvicorn  # noqa: PLC0415 (optional: moralkit[server])

        from moralkit.server import create_app  # noqa: PLC0415
    except ImportError:
        raise _Fail(
            "cli.error.needs_extra", what="serve", package="starlette, uvicorn", extra="server"
        ) from None
    uvicorn.run(create_app(), host=args.host, port=args.port, log_level="info")
    return EXIT_OK


# -- date, fy, demo --------------------------------------------------------------------------


def _describe(text: str) -> str:
    if _ISO_LIKE.fullmatch(text):
        # An ISO-looking date is one day: the single-date reader says what is wrong with it.
        day = parse_thai_date(text)
        r = DateRange(day, day)
    else:
        r = parse_thai_date_range(text)
    fiscal = sorted({FiscalYear.of(r.start), FiscalYear.of(r.end)})
    iso = r.start.isoformat() if r.days == 1 else f"{r.start.isoformat()} .. {r.end.isoformat()}"
    years = ", ".join(f"{fy.label_en} ({fy.label_th})" for fy in fiscal)
    return f"{iso}  |  {format_thai_date_range(r, 'abbr')}  |  {years}"


def _date(_ctx: _Context, args: argparse.Namespace) -> int:
    for text in args.text:
        _print(f"{text}  ->  {_describe(text)}")
    return EXIT_OK


def _fy(_ctx: _Context, args: argparse.Namespace) -> int:
    fy = parse_fiscal_year(args.text)
    _print(f"{fy.label_th} / {fy.label_en}")
    _print(f"  {format_thai_date(fy.start)} - {format_thai_date(fy.end)}")
    for number, half in enumerate(fy.halves, 1):
        _print(f"  half {number}: {format_thai_date_range(half, 'abbr')}")
    for number, quarter in enumerate(fy.quarters, 1):
        _print(f"  quarter {number}: {format_thai_date_range(quarter, 'abbr')}")
    return EXIT_OK


def _label(ctx: _Context, th: str, en: str) -> str:
    """A label from the data: Thai alone in Thai, the Thai term with its English in English."""
    return th if ctx.lang == "th" else ctx.t("demo.label_pair", th=th, en=en)


def _pick(ctx: _Context, th: str | None, en: str | None) -> str:
    """One of a data value's two languages, the other when the first is missing."""
    first, second = (th, en) if ctx.lang == "th" else (en, th)
    return first or second or ""


_SIZES = {
    (False, False): "demo.size.exact",
    (True, False): "demo.size.about_exact",
    (False, True): "demo.size.per_round",
    (True, True): "demo.size.about_per_round",
}


def _size(ctx: _Context, size: int | None, about: bool, per_round: bool) -> str:
    return ctx.t(_SIZES[about, per_round], size=size)


def _when(ctx: _Context, dates: DateRange | None) -> str:
    if dates is None:
        return ctx.t("demo.not_stated")
    fy = FiscalYear.of(dates.start)
    iso = dates.start.isoformat() if dates.days == 1 else str(dates)
    return ctx.t(
        "demo.when",
        dates=format_thai_date_range(dates, "abbr"),
        iso=iso,
        fiscal_year=fy.label_th if ctx.lang == "th" else fy.label_en,
    )


def _where(ctx: _Context, venue: Venue | None) -> str:
    if venue is None:
        return ctx.t("demo.not_stated")
    # A Thai address, in the order the sources write it; its words from the catalogue.
    floor = ctx.t("cli.address.floor", floor=venue.floor_th) if venue.floor_th else None
    parts = [venue.room_th, floor, venue.building_th, venue.name_th]
    if venue.district_th:
        parts.append(ctx.t("cli.address.district", district=venue.district_th))
    if venue.province:
        parts.append(province(venue.province).label_th)
    return " ".join(p for p in parts if p)


def _event(ctx: _Context, data: Dataset, event: Event) -> None:
    t = ctx.t
    kind = _pick(ctx, event.kind.label_th, event.kind.label_en)
    _print("  " + t("demo.event", kind=kind, title=event.title_th))
    _print("    " + t("demo.event.when", when=_when(ctx, event.dates)))
    where = _where(ctx, event.venue)
    if event.mode is not EventMode.ON_SITE:
        mode = _pick(ctx, event.mode.label_th, event.mode.label_en)
        if event.platform:
            where += t("demo.event.mode_platform", mode=mode, platform=event.platform)
        else:
            where += t("demo.event.mode", mode=mode)
    _print("    " + t("demo.event.where", where=where))
    for role in event.people:
        person = data.person(role.person)
        name = _pick(ctx, role.role.label_th, role.role.label_en)
        if person.position_th:
            line = t(
                "demo.event.person_position",
                role=name,
                name=person.label_th,
                position=person.position_th,
            )
            _print("    " + line)
        else:
            _print("    " + t("demo.event.person", role=name, name=person.label_th))
    if event.participants is not None:
        size = _size(ctx, event.participants, event.participants_approximate, per_round=False)
        _print("    " + t("demo.event.participants", size=size))
    for group in event.target_groups:
        if group.planned_size is None:
            _print("    " + t("demo.event.target_group", description=group.description_th))
        else:
            size = _size(ctx, group.planned_size, group.size_is_approximate, group.size_per_round)
            line = t("demo.event.target_group_size", size=size, description=group.description_th)
            _print("    " + line)
    for round_ in event.rounds:
        names = ", ".join(province(code).name_th for code in round_.provinces)
        planned = event.rounds_planned or "?"
        when = _when(ctx, round_.dates)
        _print("    " + t("demo.event.round", number=round_.number, planned=planned, when=when))
        _print("      " + t("demo.event.round_provinces", count=len(round_.provinces), names=names))
        _print("      " + t("demo.event.round_venue", where=_where(ctx, round_.venue)))
    if event.provinces:
        _print("    " + t("demo.event.provinces", count=len(event.provinces)))
    if event.budget is not None:
        _print("    " + t("demo.event.budget", budget=event.budget))
    for cpi in event.cited_cpi:
        params: dict[str, object] = {"year": cpi.year, "year_be": cpi.year_be, "score": cpi.score}
        params |= {"rank": cpi.rank, "countries": cpi.countries}
        _print("    " + t("demo.event.cpi", **params))
    if event.fiscal_year is not None and event.dates is None:
        fy = event.fiscal_year
        label = fy.label_th if ctx.lang == "th" else fy.label_en
        _print("    " + t("demo.event.fiscal_year", fiscal_year=label))


def _source(ctx: _Context, data: Dataset, doc: SourceDocument) -> None:
    t = ctx.t
    part = data.from_source(doc.id)
    kind = _pick(ctx, doc.kind_th, doc.kind_en)
    _print(t("demo.source", id=doc.id, kind=kind, title=doc.title_th))
    if doc.published_on is not None:
        published = format_thai_date(doc.published_on, weekday=True)
        _print("  " + t("demo.published", date=published, iso=doc.published_on.isoformat()))
    for event in part.events:
        _event(ctx, data, event)
    for plan in part.action_plans:
        if plan.fiscal_year is None:
            year = t("demo.no_fiscal_year")
        else:
            year = plan.fiscal_year.label_th if ctx.lang == "th" else plan.fiscal_year.label_en
        _print("  " + t("demo.action_plan", fiscal_year=year, title=plan.title_th))
        counts = {"strategies": len(plan.strategies), "activities": plan.activity_count}
        _print("    " + t("demo.action_plan.counts", **counts))
        for strategy in plan.strategies:
            _print("    " + t("demo.numbered", number=strategy.number, text=strategy.title_th))
    for national in part.national_plans:
        kind = _pick(ctx, national.kind.label_th, national.kind.label_en)
        years = national.fiscal_years
        if years:
            span = {"first": years[0].be, "last": years[-1].be}
            line = t("demo.national_plan_years", kind=kind, name=national.name_th, **span)
        else:
            line = t("demo.national_plan", kind=kind, name=national.name_th)
        _print("  " + line)
    for declaration in part.declarations:
        virtues = ", ".join(v.label_th for v in declaration.target_virtues)
        kind = _pick(ctx, declaration.kind.label_th, declaration.kind.label_en)
        _print("  " + t("demo.declaration", kind=kind, virtues=virtues))
    for award in part.awards:
        if award.fiscal_year is None:
            _print("  " + t("demo.award", name=award.name_th))
        else:
            fy = award.fiscal_year
            label = fy.label_th if ctx.lang == "th" else fy.label_en
            _print("  " + t("demo.award_year", fiscal_year=label, name=award.name_th))
        for recipient in award.recipients:
            level = recipient.level.label_th if recipient.level else recipient.prize_th or ""
            name = data.organization(recipient.organization).label_th
            _print("    " + t("demo.recipient", organization=name, level=level))
    _print()


_DEMO_COUNTS = (
    "documents",
    "organizations",
    "people",
    "events",
    "action_plans",
    "national_plans",
    "declarations",
    "awards",
)


def _demo(ctx: _Context, _args: argparse.Namespace) -> int:
    t = ctx.t
    data = samples.load()
    _print(t("demo.title", count=len(data.documents)))
    _print(t("demo.loaded", **{name: len(getattr(data, name)) for name in _DEMO_COUNTS}))
    problems = validate(data)
    if problems:
        _print(t("demo.validation.problems", count=len(problems)))
        for problem in problems:
            _print("  " + t("demo.problem", path=problem.path, message=problem.message(ctx.lang)))
    else:
        _print(t("demo.validation.none"))
    _print()
    for doc in data.documents:
        _source(ctx, data, doc)
    _print(t("demo.organizations"))
    registry = data.registry()

    def show(org_id: str, depth: int) -> None:
        org = registry.get(org_id)
        kind = _pick(ctx, org.kind.label_th, org.kind.label_en)
        _print(f"  {'  ' * depth}" + t("demo.organization", name=org.label_th, kind=kind))
        for child in registry.children(org_id):
            show(child.id, depth + 1)

    for root in registry.roots():
        show(root.id, 0)
    for section in (_moral_demo, _threshold_demo, _ita_demo, _gap_demo, _dates_demo):
        _print()
        section(ctx)
    _print()
    _monitoring_demo(ctx, data)
    _print()
    _national_demo(ctx)
    return EXIT_OK


def _explained(ctx: _Context, result: object, indent: str = "    ") -> None:
    for line in explain_text(result, ctx.lang).splitlines():
        _print(indent + line)


def _moral_demo(ctx: _Context) -> None:
    t = ctx.t
    rubric = moral.RUBRICS.for_year(2567)
    _print(t("demo.moral.heading", levels=3, activities=len(rubric.activities)))
    fy = FiscalYear(2567)
    label = fy.label_th if ctx.lang == "th" else fy.label_en
    status = status_text(rubric.status, ctx.lang)
    params: dict[str, object] = {
        "fiscal_year": label,
        "title": rubric.title_th,
        "id": rubric.id,
        "status": status,
    }
    _print("  " + t("demo.moral.rubric", **params))
    for activity in sorted(rubric.activities, key=lambda a: a.number):
        # The source's own words, in both languages: the traces below explain each rule.
        params = {"number": activity.number, "level": activity.level, "text": activity.text_th}
        _print("    " + t("demo.moral.activity", **params))
    example = {"signed": 45, "members": 50, "deeds": 5, "pledges": 3, "done": 15, "planned": 20}
    _print("  " + t("demo.moral.example", **example))
    evidence = moral.Evidence.of(
        "moind-ops-hr",
        2567,
        {
            1: (example["signed"], example["members"]),
            2: {"problems_and_good_deeds": example["deeds"], "do_and_dont": example["pledges"]},
            3: True,
            4: (example["done"], example["planned"]),
        },
    )
    result = moral.assess(evidence)
    _explained(ctx, result)
    _print("  " + t("cli.heading.needed"))
    for item in result.gap:
        _print("    " + (item.needs_th if ctx.lang == "th" else item.needs_en))
    _print("  " + t("demo.moral.tallies", year=2562, day=10, published=2564))
    for what, tallies in (
        ("demo.moral.tally.communities", {3: 7, 2: 6, 1: 9}),
        ("demo.moral.tally.organizations", {3: 28, 2: 18, 1: 12}),
    ):
        tally = moral.Tally.from_counts("กรุงเทพมหานคร", tallies)
        shares = ", ".join(
            t("demo.moral.share", level=level, count=tally.count(level), share=tally.share(level))
            for level in (3, 2, 1)
        )
        _print("    " + t(what, total=tally.total, shares=shares))


def _threshold_demo(ctx: _Context) -> None:
    """The same evidence under the FY2567 and the FY2569 rubric."""
    t = ctx.t
    example = {"signed": 60, "members": 100, "deeds": 4, "pledges": 2}
    _print(t("demo.threshold.heading", first=2567, second=2569))
    _print("  " + t("demo.threshold.example", **example))
    for year in (2567, 2569):
        evidence = moral.Evidence.of(
            "demo-unit",
            year,
            {
                1: (example["signed"], example["members"]),
                2: {"problems_and_good_deeds": example["deeds"], "do_and_dont": example["pledges"]},
                3: True,
            },
        )
        result = moral.assess(evidence)
        passed = result.level >= 1
        fy = FiscalYear(year)
        label = fy.label_th if ctx.lang == "th" else fy.label_en
        verdict = "demo.threshold.passes" if passed else "demo.threshold.fails"
        _print("  " + t(verdict, fiscal_year=label, level=result.level))
        _explained(ctx, result)


def _ita_demo(ctx: _Context) -> None:
    t = ctx.t
    _print(t("demo.ita.heading"))
    _print("  " + t("demo.ita.recomputed"))
    for row in ita.published_rows():
        indicators = row.indicator_scores
        if indicators is None:
            continue
        result = ita.score(row.fiscal_year, indicators=indicators)
        fy = row.fiscal_year
        params = {
            "agency": row.agency_th,
            "fiscal_year": fy.label_th if ctx.lang == "th" else fy.label_en,
            "sources": ", ".join(row.sources),
            "published": row.total,
            "published_level": row.published_level,
            "total": result.total,
            "level": result.level.code,
        }
        _print("    " + t("demo.ita.row", **params))
        for line in explain_text(result, ctx.lang).splitlines()[-5:]:
            _print(f"      {line}")
    tools = {"iit": 98, "oit": "99.5"}
    _print("  " + t("demo.ita.sao", fiscal_year=2568, floor=85))
    for eit in (84, 85):
        result = ita.score(2568, tools={"IIT": tools["iit"], "EIT": eit, "OIT": tools["oit"]})
        level = _label(ctx, result.level.label_th, result.level.label_en)
        _print("    " + t("demo.ita.sao_case", eit=eit, total=result.total, level=level, **tools))
    _print("  " + t("demo.ita.national", target=80))
    for year in ita.published_years():
        parts = []
        if year.agencies is not None:
            parts.append(t("demo.ita.national.agencies", count=year.agencies))
        if year.mean is not None:
            parts.append(t("demo.ita.national.mean", mean=year.mean))
        if year.share_passing is not None:
            parts.append(
                t("demo.ita.national.share", share=year.share_passing, floor=85, target=80)
            )
        fy = year.fiscal_year
        params = {
            "fiscal_year": fy.label_th if ctx.lang == "th" else fy.label_en,
            "parts": ", ".join(parts),
            "status": status_text(year.status, ctx.lang),
        }
        _print("    " + t("demo.ita.national.year", **params))
    _print("  " + t("demo.ita.cpi"))
    scores = ", ".join(
        t("demo.ita.cpi.year", year=y, score=ita.cpi(y).score) for y in ita.cpi_years()
    )
    _print("    " + scores)


def _gap_demo(ctx: _Context) -> None:
    """What the FY2568 State Audit Office case lacks for the next level: EIT 85."""
    t = ctx.t
    _print(t("demo.gap.heading", fiscal_year=2568))
    result = ita.score(2568, tools={"IIT": 98, "EIT": 84, "OIT": "99.5"})
    gap = ita.gap(result)
    _explained(ctx, gap, "  ")


def _dates_demo(ctx: _Context) -> None:
    """Dates as the sources write them: a Christian-era year with a Thai month, a time of day."""
    t = ctx.t
    _print(t("demo.dates.heading"))
    text = "8 มกราคม 2015"
    day = parse_thai_date(text)
    fy = FiscalYear.of(day)
    params = {"text": text, "iso": day.isoformat(), "thai": format_thai_date(day)}
    params["fiscal_year"] = fy.label_th if ctx.lang == "th" else fy.label_en
    _print("  " + t("demo.dates.date", **params))
    text = "16 ก.ย. 2567 เวลา 12:22 น."
    moment = parse_thai_datetime(text)
    fy = FiscalYear.of(moment.date())
    params = {"text": text, "iso": moment.isoformat(), "zone": "Asia/Bangkok"}
    params["fiscal_year"] = fy.label_th if ctx.lang == "th" else fy.label_en
    _print("  " + t("demo.dates.datetime", **params))


def _monitoring_demo(ctx: _Context, data: Dataset) -> None:
    t = ctx.t
    _print(t("demo.monitoring.heading"))
    seminar = data.from_source("seed-004").events[0]
    methods = ", ".join(seminar.evaluation_methods_th)
    _print("  " + t("demo.monitoring.event", title=seminar.title_th[:60], methods=methods))
    _print("  " + t("demo.monitoring.planned"))
    for number, group in enumerate(seminar.target_groups, 1):
        size = _size(ctx, group.planned_size, group.size_is_approximate, group.size_per_round)
        _print("    " + t("demo.monitoring.group", number=number, size=size))
    _print("  " + t("demo.monitoring.outcomes"))
    for number, outcome in enumerate(seminar.expected_outcomes_th, 1):
        _print("    " + t("demo.monitoring.outcome", number=number, outcome=outcome[:70]))
    table = evaluation.INTERPRETATIONS.all()[0]
    bands = ", ".join(
        t("demo.monitoring.band", min=b.min, max=b.max, label=_label(ctx, b.label_th, b.label_en))
        for b in table.bands
    )
    status = status_text(table.status, ctx.lang)
    _print("  " + t("demo.monitoring.bands", points=5, bands=bands, status=status))


#: The national-scale section: small enough to run in a few seconds.
_NATIONAL = {"agencies": 50, "respondents": 2000, "fiscal_year": 2568, "seed": 7}


def _national_demo(ctx: _Context) -> None:
    """A synthetic national year, from raw answers to totals and counts per level."""
    t = ctx.t
    _print(t("demo.national.heading", **_NATIONAL))
    try:
        import narwhals  # noqa: F401, PLC0415 (optional: moralkit[tables])
        import polars  # noqa: F401, PLC0415
    except ImportError:
        _print("  " + t("demo.national.needs_extra", extra="moralkit[tables]"))
        return
    from moralkit._synthetic import synthetic_ita  # noqa: PLC0415

    year = _NATIONAL["fiscal_year"]
    data = synthetic_ita(**_NATIONAL)
    indicators = ita.indicators_from_answers(data.answers, year, rules=data.rules)
    oit = ita.oit_from_checklist(data.oit, year, rules=data.rules)
    scored = ita.score_table(
        indicators.join(oit.drop("fiscal_year"), on="agency"), rules=data.rules
    )
    summary = ita.summarize_table(scored).row(0, named=True)
    _print("  " + t("demo.national.answers", answers=data.answers.height, agencies=scored.height))
    params = {key: summary[key] for key in ("count", "mean", "median", "passing")}
    params |= {"share": summary["share_passing"], "target": summary["target_share"]}
    meets = "demo.national.meets" if summary["meets_target"] else "demo.national.misses"
    _print("  " + t("demo.national.summary", verdict=t(meets), **params))
    for level in data.rules.levels:
        label = _label(ctx, level.label_th, level.label_en)
        count = summary[f"level_{level.code}"]
        _print("    " + t("demo.national.level", level=label, count=count))


# -- the parser ------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors as one ``moralkit:`` line and exit status 2."""

    lang: Lang = "en"

    def error(self, message: str) -> NoReturn:
        detail = _words("cli.error.usage", self.lang, {"detail": message})
        self.exit(EXIT_USAGE, _words("cli.error.prefix", self.lang, {"message": detail}) + "\n")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version("moralkit")
    except PackageNotFoundError:
        return "unknown"


def _parser(lang: Lang) -> _Parser:
    def t(code: str) -> str:
        return _words(code, lang)

    _Parser.lang = lang
    # Options that may stand before or after the command; SUPPRESS keeps the later one.
    common = _Parser(add_help=False)
    common.add_argument(
        "--lang", choices=("th", "en"), default=argparse.SUPPRESS, help=t("cli.help.lang")
    )
    common.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default=argparse.SUPPRESS,
        help=t("cli.help.format"),
    )
    parser = _Parser(
        prog="moralkit", description=t("cli.description"), epilog=t("cli.epilog"), parents=[common]
    )
    parser.add_argument(
        "--version", action="version", version=f"moralkit {_version()}", help=t("cli.help.version")
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(
        group: Any, name: str, help_code: str, run: Callable[[_Context, argparse.Namespace], int]
    ) -> _Parser:
        sub: _Parser = group.add_parser(
            name, help=t(help_code), description=t(help_code), parents=[common]
        )
        sub.set_defaults(run=run)
        return sub

    ita_cmd = commands.add_parser("ita", help=t("cli.help.ita"), parents=[common])
    ita_sub = ita_cmd.add_subparsers(dest="ita_command", required=True, parser_class=_Parser)
    score = command(ita_sub, "score", "cli.help.ita_score", _ita_score)
    score.add_argument("file", help=t("cli.help.file"))
    score.add_argument(
        "--fiscal-year", type=_fiscal_year, required=True, help=t("cli.help.fiscal_year")
    )
    score.add_argument("-o", "--output", help=t("cli.help.output"))
    summary = command(ita_sub, "summary", "cli.help.ita_summary", _ita_summary)
    summary.add_argument("file", help=t("cli.help.file"))
    summary.add_argument(
        "--fiscal-year", type=_fiscal_year, required=True, help=t("cli.help.fiscal_year")
    )
    summary.add_argument("--by", help=t("cli.help.by"))

    moral_cmd = commands.add_parser("moral", help=t("cli.help.moral"), parents=[common])
    moral_sub = moral_cmd.add_subparsers(dest="moral_command", required=True, parser_class=_Parser)
    assess = command(moral_sub, "assess", "cli.help.moral_assess", _moral_assess)
    assess.add_argument("file", help=t("cli.help.file"))

    check = command(commands, "validate", "cli.help.validate", _validate)
    check.add_argument("file", help=t("cli.help.file"))
    check.add_argument("--class", dest="class_name", required=True, help=t("cli.help.class"))

    schema = command(commands, "schema", "cli.help.schema", _schema)
    schema.add_argument("name", nargs="?", help=t("cli.help.class"))
    schema.add_argument("--all", action="store_true", help=t("cli.help.all"))
    schema.add_argument("--out", help=t("cli.help.out_dir"))

    rules = command(commands, "rules", "cli.help.rules", _rules)
    rules.add_argument("assessment", choices=("ita", "moral"))
    rules.add_argument(
        "--fiscal-year", type=_fiscal_year, required=True, help=t("cli.help.fiscal_year")
    )

    serve = command(commands, "serve", "cli.help.serve", _serve)
    serve.add_argument("--host", default="127.0.0.1", help=t("cli.help.host"))
    serve.add_argument("--port", type=int, default=8000, help=t("cli.help.port"))

    command(commands, "demo", "cli.help.demo", _demo)
    date = command(commands, "date", "cli.help.date", _date)
    date.add_argument("text", nargs="+", help="'๑๕ กรกฎาคม ๒๕๖๓', '2-3 พ.ค. 2566'")
    fy = command(commands, "fy", "cli.help.fy", _fy)
    fy.add_argument("text", help="'ปีงบประมาณ พ.ศ. 2567', 'FY2567'")
    old = command(commands, "assess", "cli.help.assess", _assess_legacy)
    old.add_argument("file", help=t("cli.help.file"))
    old.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    old.add_argument("--thai", action="store_true", help=argparse.SUPPRESS)
    return parser


def _lang_in(argv: Sequence[str]) -> Lang:
    # Read --lang before parsing, so argparse's own help and errors use it too.
    lang: Lang = _default_lang()
    for index, arg in enumerate(argv):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if value in ("th", "en"):
            lang = "th" if value == "th" else "en"
    return lang


def _failure(ctx: _Context, exc: BaseException) -> tuple[str, int]:
    """The message and exit status for an error a command raised."""
    if isinstance(exc, _Fail):
        return ctx.t(exc.code, **exc.params), exc.status
    if isinstance(exc, ValidationError):
        problems = exc.problems
        lines = [ctx.t("cli.error.invalid", count=len(problems), path=exc.subject or "input")]
        lines += [
            f"  {p.path or render('core.input', ctx.lang)}: {p.message(ctx.lang)}"
            for p in problems[:SHOWN_PROBLEMS]
        ]
        return "\n".join(lines), EXIT_INVALID
    if isinstance(exc, ThaiDateError):
        problem = exc.problem_th if ctx.lang == "th" else exc.problem_en
        if exc.text is None:
            return problem, EXIT_USAGE
        from moralkit.errors import DATE_FORMS  # noqa: PLC0415

        lines = [ctx.t("cli.error.cannot_read_date", text=repr(exc.text), problem=problem)]
        lines.append(ctx.t("cli.error.accepted_forms"))
        lines += [f"  {example}  ({ctx.t(what)})" for example, what in DATE_FORMS]
        return "\n".join(lines), EXIT_USAGE
    if isinstance(exc, RuleNotFoundError):
        available = ", ".join(str(y) for y in exc.available) or "-"
        return (
            ctx.t(
                "cli.error.no_rules",
                kind=exc.kind,
                fiscal_year=exc.fiscal_year,
                available=available,
            ),
            EXIT_USAGE,
        )
    if isinstance(exc, MoralkitError):
        return str(exc), EXIT_USAGE
    return ctx.t("cli.error.internal", kind=type(exc).__name__, detail=str(exc)[:200]), EXIT_USAGE


def _silence_stdout() -> None:
    # Point stdout at devnull so the interpreter's last flush cannot fail again.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status (0 done, 1 invalid data, 2 usage/I-O).

    >>> main(["fy", "FY2567"])
    ปีงบประมาณ พ.ศ. 2567 / FY2567
    ...
    0
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    if sys.stdout is not None and hasattr(sys.stdout, "reconfigure"):
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.reconfigure(encoding="utf-8")
    if sys.stderr is not None and hasattr(sys.stderr, "reconfigure"):
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.reconfigure(encoding="utf-8", errors="backslashreplace")
    lang = _lang_in(args_list)
    args = _parser(lang).parse_args(args_list)
    ctx = _Context(getattr(args, "lang", lang), getattr(args, "format", None))
    held = _Held()
    _HELD.append(held)
    try:
        try:
            status: int = args.run(ctx, args)
        finally:
            _HELD.remove(held)
        held.release()  # only a command that returned shows its output
        if sys.stdout is not None:
            try:
                sys.stdout.flush()
            except OSError as exc:
                raise _OutputError(exc) from None
    except _OutputError as exc:
        _silence_stdout()
        if exc.cause.errno == errno.EPIPE or isinstance(exc.cause, BrokenPipeError):
            message = ctx.t("cli.error.output_closed")
        elif exc.cause.errno == errno.EBADF:
            message = ctx.t("cli.error.no_output")
        else:
            message = ctx.t(
                "cli.error.write_failed", path="stdout", reason=exc.cause.strerror or exc.cause
            )
        _stderr(ctx, message)
        return EXIT_USAGE
    except KeyboardInterrupt:
        _stderr(ctx, ctx.t("cli.error.interrupted"))
        return 130
    except Exception as exc:
        if os.environ.get("MORALKIT_DEBUG"):
            raise
        message, status = _failure(ctx, exc)
        _stderr(ctx, message)
        return status
    finally:
        held.close()
    return status


def _stderr(ctx: _Context, message: str) -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(ctx.t("cli.error.prefix", message=message), file=sys.stderr)
