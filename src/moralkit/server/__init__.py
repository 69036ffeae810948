"""moralkit as an HTTP service: an ASGI app on Starlette, run by uvicorn (``moralkit[server]``).

``create_app()`` builds the app; mount it inside your own Starlette or FastAPI app, or run it
with ``moralkit serve``. The OpenAPI 3.1 document is built from the same JSON Schemas that
`moralkit.json_schema` exports (`openapi_document`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from starlette.applications import Starlette

__all__ = ["Limits", "create_app", "openapi_document"]

from moralkit.server._limits import Limits


def create_app(limits: Limits | None = None) -> Starlette:
    """The moralkit service as an ASGI app (needs ``moralkit[server]``).

    >>> app = create_app()  # doctest: +SKIP
    """
    from moralkit.server.app import build  # noqa: PLC0415 (starlette is optional)

    return build(limits or Limits())


def openapi_document(limits: Limits | None = None) -> dict[str, Any]:
    """The service's OpenAPI 3.1 document, built from moralkit's JSON Schemas (no extra needed).

    >>> doc = openapi_document()
    >>> doc["openapi"], "/ita/score" in doc["paths"]
    ('3.1.0', True)
    """
    from moralkit.server.openapi import build_document  # noqa: PLC0415

    return build_document(limits or Limits())
