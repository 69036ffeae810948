"""The Starlette app behind `moralkit.server.create_app`.

Every answer is JSON: moralkit's own dumps on success, RFC 9457 problem details
(``application/problem+json``) with ``errors: [{path, code, message}]`` on failure. Bodies
are refused before they are parsed when they are too big (413) or nested too deep (400).
"""

from __future__ import annotations

import csv
import html
import io
import json
import logging
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any, NoReturn, TypeVar

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from moralkit import ita, moral
from moralkit.errors import (
    MoralkitError,
    Problem,
    RuleNotFoundError,
    ThaiDateError,
    ValidationError,
)
from moralkit.messages import Lang, render
from moralkit.serde import dump, from_json
from moralkit.server._core import (
    OUTPUT_COLUMNS,
    ItaScoreInput,
    ItaTableInput,
    ItaTableRow,
    ValidationReport,
    classes,
    explain_text,
    find_class,
    problem,
    reported,
    row_input,
    score_row,
)
from moralkit.server._limits import Limits
from moralkit.server.openapi import build_document, published_schema
from moralkit.thai.calendar import FiscalYear
from moralkit.validation import validate

__all__ = ["build"]

_LOG = logging.getLogger("moralkit.server")
T = TypeVar("T")
_PROBLEM_JSON = "application/problem+json"
_TITLES = {
    400: "service.title.400",
    404: "service.title.404",
    405: "service.title.405",
    413: "service.title.413",
    415: "service.title.415",
    422: "service.title.422",
    500: "service.title.500",
}
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_OPEN = frozenset(b"[{")


class _Refused(Exception):  # noqa: N818 (an internal signal, answered as problem details)
    def __init__(self, status: int, problems: Sequence[Problem], detail: str | None = None) -> None:
        super().__init__(status)
        self.status = status
        self.problems = tuple(problems)
        self.detail = detail


def _refuse(
    status: int, path: str, code: str, params: Mapping[str, object] | None = None
) -> NoReturn:
    raise _Refused(status, [problem(path, code, params)])


def _lang(request: Request) -> Lang:
    """Thai when the client prefers it (``Accept-Language: th``), else English."""
    header = request.headers.get("accept-language", "")
    best: tuple[float, Lang] = (0.0, "en")
    for part in header.split(",")[:20]:
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        tag = tag.strip().lower()
        lang: Lang | None = "th" if tag.startswith("th") else "en" if tag.startswith("en") else None
        if lang is not None and weight > best[0]:
            best = (weight, lang)
    return best[1]


def _problem_response(
    status: int, lang: Lang, problems: Iterable[Problem] = (), detail: str | None = None
) -> JSONResponse:
    items = list(problems)
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": render(_TITLES[status], lang),
        "status": status,
    }
    if detail is not None:
        body["detail"] = detail
    elif items:
        body["detail"] = render("service.detail.problems", lang, {"count": len(items)})
    if items:
        body["errors"] = [
            {"path": p.path, "code": p.code, "message": p.message(lang)} for p in items
        ]
    return JSONResponse(
        body, status_code=status, media_type=_PROBLEM_JSON, headers={"Content-Language": lang}
    )


def _json(data: object, lang: Lang, media_type: str = "application/json") -> Response:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Response(text, media_type=media_type, headers={"Content-Language": lang})


async def _body(request: Request, limit: int) -> bytes:
    """The raw body, refused (413) as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        _refuse(413, "", "service.too_large", {"limit": limit})
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            _refuse(413, "", "service.too_large", {"limit": limit})
        chunks.append(chunk)
    return b"".join(chunks)


def _depth(body: bytes, limit: int) -> None:
    """Refuse JSON nested deeper than ``limit`` without parsing it (strings cannot nest)."""
    depth = 0
    for byte in _STRINGS.sub(b"", body).translate(None, _NOT_BRACKETS):
        if byte in _OPEN:
            depth += 1
            if depth > limit:
                _refuse(400, "", "too_deep", {"limit": limit})
        else:
            depth -= 1


def _media(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _is_json(media: str) -> bool:
    return media in ("", "application/json") or media.endswith("+json")


async def _json_body(request: Request, limits: Limits) -> bytes:
    """The body of a JSON request, refused before parsing when too big or too deep."""
    media = _media(request)
    if not _is_json(media):
        _refuse(
            415, "", "service.media_type", {"media_type": media, "accepted": "application/json"}
        )
    body = await _body(request, limits.max_body)
    _depth(body, limits.max_depth)
    return body


#: Problems about the document as a whole, which make a request malformed (400), not invalid.
_MALFORMED = frozenset({"invalid_json", "not_utf8", "number_too_long", "too_deep"})


def _load(cls: type[T], body: bytes) -> T:
    """``from_json`` (the library's one JSON policy): 400 when malformed, 422 when invalid."""
    try:
        return from_json(cls, body)
    except ValidationError as exc:
        malformed = all(p.code in _MALFORMED and not p.path for p in exc.problems)
        raise _Refused(400 if malformed else 422, exc.problems) from None


def _explain(request: Request) -> Lang | None:
    value = request.query_params.get("explain")
    if value is None:
        return None
    if value not in ("th", "en"):
        _refuse(400, "explain", "service.bad_query", {"name": "explain", "allowed": ("th", "en")})
    return "th" if value == "th" else "en"


def _scored(result: object, explain: Lang | None) -> dict[str, Any]:
    body: dict[str, Any] = {"result": dump(result)}
    if explain is not None:
        body["explanation"] = explain_text(result, explain)
    return body


def _domain_problems(exc: Exception) -> list[Problem]:
    """Problems for an error raised by the library while scoring loaded input."""
    if isinstance(exc, ValidationError):
        return list(exc.problems)
    if isinstance(exc, RuleNotFoundError):
        available = ", ".join(str(y) for y in exc.available)
        return [
            problem(
                "fiscal_year",
                "service.no_rules",
                {"kind": exc.kind, "fiscal_year": exc.fiscal_year, "available": available},
            )
        ]
    if isinstance(exc, ThaiDateError):
        return [problem("", "invalid", {"reason": exc.problem_en})]
    return [problem("", "invalid", {"reason": str(exc)[:200]})]


# The library's own refusals: anything else is a bug, answered 500 and logged.
_DATA_ERRORS = (MoralkitError, ValueError, ArithmeticError)


class _Service:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits

    async def ita_score(self, request: Request) -> Response:
        explain = _explain(request)
        given = _load(ItaScoreInput, await _json_body(request, self.limits))
        try:
            result = ita.score(
                given.fiscal_year,
                tools=given.tools,
                indicators=given.indicators,
                responses=given.responses,
                oit=given.oit,
            )
        except _DATA_ERRORS as exc:
            raise _Refused(422, _domain_problems(exc)) from None
        return _json(_scored(result, explain), _lang(request))

    async def moral_assess(self, request: Request) -> Response:
        explain = _explain(request)
        evidence = _load(moral.Evidence, await _json_body(request, self.limits))
        try:
            result = moral.assess(evidence)
        except _DATA_ERRORS as exc:
            raise _Refused(422, _domain_problems(exc)) from None
        return _json(_scored(result, explain), _lang(request))

    async def ita_score_table(self, request: Request) -> Response:
        media = _media(request)
        if _is_json(media):
            table = _load(ItaTableInput, await _json_body(request, self.limits))
            if len(table.rows) > self.limits.max_rows:
                _refuse(
                    413,
                    "rows",
                    "service.too_many_rows",
                    {"limit": self.limits.max_rows, "count": len(table.rows)},
                )
            fiscal_year, records = table.fiscal_year, list(table.rows)
        else:
            fiscal_year, records = await self._upload(request, media)
        columns, problems = _group_columns(records)
        scored, scoring_problems = await run_in_threadpool(_score_all, records, fiscal_year)
        problems.extend(scoring_problems)
        if problems:
            raise _Refused(422, sorted(problems, key=_row_order))
        rows = [
            {**dump(row), **{name: record.groups.get(name) for name in columns}}
            for record, row in zip(records, scored, strict=True)
        ]
        return _json({"fiscal_year": fiscal_year.be, "rows": rows}, _lang(request))

    async def _upload(self, request: Request, media: str) -> tuple[FiscalYear, list[ItaTableRow]]:
        accepted = "application/json, text/csv, application/vnd.apache.parquet, multipart/form-data"
        if media == "multipart/form-data":
            content, fields = await self._multipart(request)
            year_text = fields.get("fiscal_year") or request.query_params.get("fiscal_year")
            kind = "parquet" if content[:4] == b"PAR1" else "csv"
        elif media in ("text/csv", "application/csv"):
            content = await _body(request, self.limits.max_upload)
            year_text, kind = request.query_params.get("fiscal_year"), "csv"
        elif media in ("application/vnd.apache.parquet", "application/x-parquet"):
            content = await _body(request, self.limits.max_upload)
            year_text, kind = request.query_params.get("fiscal_year"), "parquet"
        else:
            _refuse(415, "", "service.media_type", {"media_type": media, "accepted": accepted})
        fiscal_year = _fiscal_year(year_text)
        raw = _csv_rows(content) if kind == "csv" else _parquet_rows(content)
        records: list[ItaTableRow] = []
        problems: list[Problem] = []
        for index, row in enumerate(raw):
            if index >= self.limits.max_rows:
                _refuse(
                    413,
                    "rows",
                    "service.too_many_rows",
                    {"limit": self.limits.max_rows, "count": f"> {index}"},
                )
            _, record, row_problems = row_input(row)
            if record is None:
                problems.extend(p.at(f"rows[{index}]") for p in row_problems)
            else:
                records.append(record)
        if problems:
            raise _Refused(422, problems)
        return fiscal_year, records

    async def _multipart(self, request: Request) -> tuple[bytes, dict[str, str]]:
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limits.max_upload:
            _refuse(413, "", "service.too_large", {"limit": self.limits.max_upload})
        try:
            form = await request.form(
                max_files=1, max_fields=8, max_part_size=self.limits.max_upload
            )
        except HTTPException as exc:  # malformed multipart: starlette's own 400
            _refuse(400, "", "service.bad_table", {"reason": exc.detail})
        except AssertionError:
            _refuse(
                400, "", "service.bad_table", {"reason": "python-multipart is needed for uploads"}
            )
        try:
            upload = form.get("file")
            fields = {k: v for k, v in form.items() if isinstance(v, str)}
            if upload is None or isinstance(upload, str):
                _refuse(422, "file", "missing", {"key": "file"})
            content = await upload.read(self.limits.max_upload + 1)
            if len(content) > self.limits.max_upload:
                _refuse(413, "file", "service.too_large", {"limit": self.limits.max_upload})
            return content, fields
        finally:
            await form.close()

    async def validate(self, request: Request) -> Response:
        name = request.path_params["name"]
        cls = find_class(name)
        if cls is None:
            raise _Refused(404, [problem("name", "service.unknown_class", {"name": name})])
        body = await _json_body(request, self.limits)
        lang = _lang(request)
        try:
            problems = validate(_load(cls, body))
        except _Refused as exc:
            if exc.status != 422:
                raise
            problems = list(exc.problems)
        except _DATA_ERRORS as exc:
            problems = _domain_problems(exc)
        errors = [p for p in problems if p.severity == "error"]
        warnings = [p for p in problems if p.severity != "error"]
        report = ValidationReport(
            name, not errors, reported(errors, lang), reported(warnings, lang)
        )
        return _json(dump(report), lang)

    async def schemas(self, request: Request) -> Response:
        return _json({n: published_schema(n)["$id"] for n in classes()}, _lang(request))

    async def schema(self, request: Request) -> Response:
        name = request.path_params["name"]
        cls = find_class(name)
        if cls is None:
            raise _Refused(404, [problem("name", "service.unknown_class", {"name": name})])
        full = next(key for key, value in classes().items() if value is cls)
        return _json(published_schema(full), _lang(request), "application/schema+json")

    async def rules(self, request: Request) -> Response:
        assessment = request.path_params["assessment"]
        text = request.path_params["fiscal_year"]
        books: dict[str, Any] = {"ita": ita.RULES, "moral": moral.RUBRICS}
        book = books.get(assessment)
        if book is None:
            raise _Refused(
                404, [problem("assessment", "service.unknown_class", {"name": assessment})]
            )
        try:
            rules = book.for_year(int(text)) if len(text) < 8 else None
        except _DATA_ERRORS:
            rules = None
        if rules is None:
            available = ", ".join(str(y) for y in book.years())
            raise _Refused(
                404,
                [
                    problem(
                        "fiscal_year",
                        "service.no_rules",
                        {"kind": assessment, "fiscal_year": text[:10], "available": available},
                    )
                ],
            )
        return _json(dump(rules), _lang(request))

    async def health(self, request: Request) -> Response:
        return _json(
            {"status": "ok", "version": build_document(self.limits)["info"]["version"]},
            _lang(request),
        )

    async def openapi(self, request: Request) -> Response:
        return _json(build_document(self.limits), _lang(request))

    async def docs(self, request: Request) -> Response:
        return HTMLResponse(_docs_page(build_document(self.limits)))


def _fiscal_year(text: str | None) -> FiscalYear:
    if text is None:
        _refuse(422, "fiscal_year", "missing", {"key": "fiscal_year"})
    try:
        if text.isdigit() and len(text) < 8:
            return FiscalYear(int(text))
    except _DATA_ERRORS:
        pass
    _refuse(422, "fiscal_year", "invalid", {"reason": text[:20]})


def _csv_rows(content: bytes) -> list[dict[str, object]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        _refuse(400, "", "not_utf8", {"position": exc.start})
    if "\0" in text:
        _refuse(400, "", "service.bad_table", {"reason": "NUL byte"})
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        return [
            dict(row)
            for row in reader
            if any((v or "").strip() for v in row.values() if isinstance(v, str))
        ]
    except csv.Error as exc:
        _refuse(400, "", "service.bad_table", {"reason": str(exc)})


def _parquet_rows(content: bytes) -> list[dict[str, object]]:
    try:
        import pyarrow.parquet as pq  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415
    except ImportError:
        _refuse(
            415,
            "",
            "service.media_type",
            {"media_type": "parquet", "accepted": "text/csv (install pyarrow for parquet)"},
        )
    try:
        rows: list[dict[str, object]] = pq.read_table(io.BytesIO(content)).to_pylist()
    except Exception as exc:  # pyarrow's ArrowInvalid and friends: not a parquet file
        _refuse(400, "", "service.bad_table", {"reason": str(exc)[:200]})
    return rows


def _group_columns(records: Sequence[ItaTableRow]) -> tuple[list[str], list[Problem]]:
    """The group columns of a table, in the order first met, and the groups refused.

    A group named like a column of the scored row would overwrite it in the answer.
    """
    columns: dict[str, None] = {}
    problems: list[Problem] = []
    for index, record in enumerate(records):
        for name in record.groups:
            if name == "agency" or name in OUTPUT_COLUMNS:
                path = f"rows[{index}].groups[{name!r}]"  # as the loader writes a key
                problems.append(problem(path, "service.group_is_a_column", {"name": name}))
            else:
                columns.setdefault(name, None)
    return list(columns), problems


def _row_order(item: Problem) -> int:
    # Problems of one row together, rows in order, whichever check found them (sorting is
    # stable: a row's problems keep their order).
    match = re.match(r"rows\[(\d+)\]", item.path)
    return int(match.group(1)) if match else -1


def _score_all(
    records: Sequence[ItaTableRow], fiscal_year: FiscalYear
) -> tuple[list[Any], list[Problem]]:
    scored = []
    problems: list[Problem] = []
    for index, record in enumerate(records):
        try:
            scored.append(score_row(record, fiscal_year))
        except _DATA_ERRORS as exc:
            problems.extend(p.at(f"rows[{index}]") for p in _domain_problems(exc))
    return scored, problems


def _docs_page(document: Mapping[str, Any]) -> str:
    """A plain HTML page of the operations: nothing loaded from the internet."""
    rows = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            body = operation.get("requestBody", {}).get("content", {})
            media = ", ".join(body) or "-"
            rows.append(
                f"<tr><td><code>{method.upper()}</code></td><td><code>{html.escape(path)}"
                f"</code></td><td>{html.escape(operation.get('summary', ''))}</td>"
                f"<td>{html.escape(media)}</td></tr>"
            )
    names = "".join(
        f'<li><a href="schemas/{html.escape(n)}"><code>{html.escape(n)}</code></a></li>'
        for n in classes()
    )
    info = document["info"]
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(info['title'])} API</title>"
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
        "td{padding:.2em .6em;border-bottom:1px solid #ddd}</style></head><body>"
        f"<h1>{html.escape(info['title'])} {html.escape(info['version'])}</h1>"
        f"<p>{html.escape(info['summary'])}</p>"
        "<p>The machine-readable description: <a href='openapi.json'>openapi.json</a> "
        "(OpenAPI 3.1). Errors are <code>application/problem+json</code>.</p>"
        "<table><tr><th>Method</th><th>Path</th><th>What</th><th>Body</th></tr>"
        + "".join(rows)
        + "</table><h2>Schemas</h2><ul>"
        + names
        + "</ul></body></html>"
    )


def _guarded(
    handler: Callable[[Request], Awaitable[Response]],
) -> Callable[[Request], Awaitable[Response]]:
    async def run(request: Request) -> Response:
        try:
            return await handler(request)
        except _Refused as exc:
            return _problem_response(exc.status, _lang(request), exc.problems, exc.detail)

    return run


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    lang = _lang(request)
    status = exc.status_code if exc.status_code in (400, 404, 405, 413, 415, 422) else 400
    if status == 404:
        detail = render("service.detail.not_found", lang, {"path": request.url.path})
    elif status == 405:
        detail = render("service.detail.method", lang, {"method": request.method})
    else:
        detail = str(exc.detail)
    response = _problem_response(status, lang, detail=detail)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _server_error(request: Request, exc: Exception) -> Response:
    # Never expected: the fuzz tests require none. Logged with its traceback for the operator.
    _LOG.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    lang = _lang(request)
    return _problem_response(500, lang, detail=render("service.detail.internal", lang))


def build(limits: Limits) -> Starlette:
    """Build the app with these limits."""
    service = _Service(limits)
    routes = [
        Route("/ita/score", _guarded(service.ita_score), methods=["POST"]),
        Route("/ita/score-table", _guarded(service.ita_score_table), methods=["POST"]),
        Route("/moral/assess", _guarded(service.moral_assess), methods=["POST"]),
        Route("/validate/{name}", _guarded(service.validate), methods=["POST"]),
        Route("/schemas", _guarded(service.schemas), methods=["GET"]),
        Route("/schemas/{name}", _guarded(service.schema), methods=["GET"]),
        Route("/rules/{assessment}/{fiscal_year}", _guarded(service.rules), methods=["GET"]),
        Route("/health", _guarded(service.health), methods=["GET"]),
        Route("/openapi.json", _guarded(service.openapi), methods=["GET"]),
        Route("/docs", _guarded(service.docs), methods=["GET"]),
    ]
    return Starlette(
        routes=routes,
        exception_handlers={HTTPException: _http_error, Exception: _server_error},
    )
