"""The service's limits: how big and how deep a request may be."""

from __future__ import annotations

from attrs import frozen

__all__ = ["Limits"]


@frozen
class Limits:
    """Request limits; every one is checked before a body is parsed.

    >>> Limits().max_rows
    10000
    """

    #: Largest JSON body, in bytes.
    max_body: int = 1_048_576
    #: Largest table upload (CSV or parquet), in bytes.
    max_upload: int = 16_777_216
    #: Most rows in one score-table request.
    max_rows: int = 10_000
    #: Deepest nesting of arrays and objects in a JSON body.
    max_depth: int = 32
