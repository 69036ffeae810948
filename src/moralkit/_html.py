"""Small bilingual HTML tables of moralkit results, for Jupyter's ``_repr_html_``.

`repr_html` builds the table from the result's wire form (`moralkit.dump`), so it shows what
a result serializes to, no more. Headings are the catalogue's, Thai first with English beneath;
Thai and English values (``label_th`` / ``label_en``, ``reason_th`` / ``reason_en`` ...) sit
side by side. Every text is escaped.

>>> from moralkit import ita
>>> page = repr_html(ita.score(2568, tools={"IIT": 98, "EIT": 84, "OIT": "99.5"}))
>>> "ผลการประเมิน ITA" in page, "ITA result" in page, "<td>94.40</td>" in page
(True, True, True)
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from moralkit.messages import catalogue, render

__all__ = ["repr_html"]

#: Fields that are long prose or working (the trace, explanations, notes): `explain` shows them.
_SKIPPED = frozenset({"explanation", "trace", "notes", "evidence", "inputs"})
#: The column a list's messages are shown under, when its records carry a code and params.
_WORDS = {"gap": "needs"}
#: Top-level fields whose value names a catalogue entry (``level_rule`` -> its description).
_NAMED = {"level_rule": "moral.level_rule.{value}"}
#: The most rows a nested table shows before saying how many more there are.
MAX_ROWS = 12


def repr_html(obj: object) -> str:
    """A small HTML table of ``obj`` (an ITA result, a moral assessment result ...).

    Scalar fields become rows, Thai and English pairs share a row, and lists of records
    (tools, indicators, activity scores, level checks, the gap) become small tables of their
    own. The trace, explanations and notes are left to `moralkit.explain`.

    >>> from decimal import Decimal
    >>> from moralkit.moral import Evidence, assess
    >>> page = repr_html(assess(Evidence.of("unit-1", 2568, {4: Decimal(75)})))
    >>> "ผลการประเมินคุณธรรม" in page, "not yet at level 1" in page
    (True, True)
    """
    from moralkit.serde import dump  # noqa: PLC0415 (kept out of the import of moralkit)

    try:
        data = dump(obj)
    except Exception:
        return f"<pre>{_escape(repr(obj))}</pre>"
    if not isinstance(data, Mapping):
        return f"<pre>{_escape(repr(obj))}</pre>"
    rows: list[str] = []
    tables: list[str] = []
    for key, value in _merged(data).items():
        if key in _SKIPPED:
            continue
        if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            tables.append(_table_of_records(key, value))
        elif isinstance(value, Mapping):
            if "label_th" in value or "label_en" in value:
                rows.append(_row(key, _label_cell(value)))
        elif not isinstance(value, list) or value:
            rows.append(_row(key, _cell(key, value, obj)))
    extra = [
        _row(name, _cell(name, getattr(obj, name), obj))
        for name in ("organization",)
        if name not in data and isinstance(getattr(obj, name, None), str)
    ]
    title = _title(data)
    head = f"<tr><th>{_both('html.item')}</th><th>{_both('html.value')}</th></tr>"
    return (
        '<div class="moralkit">'
        f"<table><caption>{title}</caption><thead>{head}</thead>"
        f"<tbody>{''.join(extra + rows)}</tbody></table>"
        f"{''.join(tables)}</div>"
    )


def _escape(text: object) -> str:
    return html.escape(str(text), quote=True)


def _both(code: str) -> str:
    """A catalogue text in Thai with the English beneath, escaped."""
    return (
        f'<span lang="th">{_escape(render(code, "th"))}</span><br>'
        f'<small lang="en">{_escape(render(code, "en"))}</small>'
    )


def _heading(key: str) -> str:
    code = f"html.field.{key}"
    return _both(code) if code in catalogue() else _escape(key)


def _title(data: Mapping[str, Any]) -> str:
    if "rules_id" in data and "total" in data:
        return _both("html.ita_result")
    if "rubric_id" in data:
        return _both("html.moral_result")
    return ""


def _merged(record: Mapping[str, Any], words: str = "detail") -> dict[str, Any]:
    """The record with Thai/English pairs joined and its message rendered in both languages.

    Each ``x_th`` / ``x_en`` pair is joined under ``x``. A record's ``reason`` (or ``code``)
    with ``params`` is a message: it is shown as its Thai and English text, under ``reason``
    (or ``words``, such as ``needs`` for the gap).
    """
    merged: dict[str, Any] = {}
    params = record.get("params")
    if isinstance(params, Mapping):
        for key in ("reason", "code"):
            code = record.get(key)
            if isinstance(code, str) and code in catalogue():
                text = _Pair(
                    render(code, "th", _localized(params, "th")),
                    render(code, "en", _localized(params, "en")),
                )
                record = {
                    **{k: v for k, v in record.items() if k not in (key, "params")},
                    "reason" if key == "reason" else words: text,
                }
                break
    for key, value in record.items():
        base, _, lang = key.rpartition("_")
        if lang in ("th", "en") and base and f"{base}_th" in record and f"{base}_en" in record:
            if base not in merged:
                merged[base] = _Pair(record[f"{base}_th"], record[f"{base}_en"])
            continue
        merged[key] = value
    return merged


def _localized(params: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """A message's parameters in one language, as the trace renders them.

    ``x_th`` / ``x_en`` give ``x`` in their language (the other one when only that is given),
    and ``x_code`` gives ``x`` as the rendered text of that catalogue code.
    """
    shown = dict(params)
    suffix = "_" + lang
    for key, item in params.items():
        if key.endswith(suffix):
            shown.setdefault(key[: -len(suffix)], item)
    for key, item in params.items():
        if key.endswith("_code") and isinstance(item, str) and item in catalogue():
            shown[key[: -len("_code")]] = render(item, "th" if lang == "th" else "en", shown)
    for key, item in params.items():
        if key.endswith(("_th", "_en")):
            shown.setdefault(key[:-3], item)
    return shown


class _Pair:
    """A Thai text and its English twin."""

    def __init__(self, th: object, en: object) -> None:
        self.th, self.en = th, en

    def html(self) -> str:
        if self.th == self.en or self.en is None:
            return _escape(_plain(self.th))
        if self.th is None:
            return _escape(_plain(self.en))
        return (
            f'<span lang="th">{_escape(_plain(self.th))}</span><br>'
            f'<small lang="en">{_escape(_plain(self.en))}</small>'
        )


def _plain(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    return str(value)


def _label_cell(value: Mapping[str, Any]) -> str:
    pair = _Pair(value.get("label_th"), value.get("label_en")).html()
    code = value.get("code")
    if code is not None and code not in (value.get("label_th"), value.get("label_en")):
        return f"{pair} <small>({_escape(code)})</small>"
    return pair


def _cell(key: str, value: object, obj: object) -> str:
    if isinstance(value, _Pair):
        return value.html()
    if isinstance(value, bool):
        return _both("html.yes" if value else "html.no")
    if key.endswith("status") and isinstance(value, str) and f"status.{value}" in catalogue():
        return f"{_both(f'status.{value}')} <small>({_escape(value)})</small>"
    named = _NAMED.get(key, "").format(value=value)
    if named in catalogue():
        return f"{_both(named)} <small>({_escape(value)})</small>"
    if key == "level" and isinstance(value, int):
        # A moral level is a number; its name depends on the tier, so the result gives it.
        th, en = getattr(obj, "label_th", None), getattr(obj, "label_en", None)
        if isinstance(th, str) and isinstance(en, str):
            return f"{value}: {_Pair(th, en).html()}"
    return _escape(_plain(value))


def _row(key: str, cell: str) -> str:
    return f"<tr><th>{_heading(key)}</th><td>{cell}</td></tr>"


def _table_of_records(key: str, records: Sequence[Mapping[str, Any]]) -> str:
    merged = [_merged(r, _WORDS.get(key, "detail")) for r in records]
    columns = [
        c
        for c in merged[0]
        if not isinstance(merged[0][c], Mapping | list) or isinstance(merged[0][c], _Pair)
    ]
    head = "".join(f"<th>{_heading(c)}</th>" for c in columns)
    body = [
        "<tr>" + "".join(f"<td>{_cell(c, row.get(c), None)}</td>" for c in columns) + "</tr>"
        for row in merged[:MAX_ROWS]
    ]
    if len(merged) > MAX_ROWS:
        more = {"count": len(merged) - MAX_ROWS}
        text = (
            f'<span lang="th">{_escape(render("html.more_rows", "th", more))}</span> '
            f'<small lang="en">{_escape(render("html.more_rows", "en", more))}</small>'
        )
        body.append(f'<tr><td colspan="{len(columns)}">{text}</td></tr>')
    return (
        f"<table><caption>{_heading(key)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )
