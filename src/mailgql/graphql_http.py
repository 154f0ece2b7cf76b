"""GraphQL over HTTP: the ``/graphql`` endpoint, following the GraphQL-over-HTTP specification.

- ``POST`` with ``Content-Type: application/json``; ``GET`` with ``query``, ``variables``,
  ``operationName``, ``extensions`` in the query string (queries only: a mutation over GET is
  405). Other methods: 405 with ``Allow``; other request media types: 415.
- The response media type follows ``Accept``: ``application/graphql-response+json`` when the
  client accepts it (or ``*/*``), ``application/json`` when only that is accepted or no
  ``Accept`` is sent, 406 when neither is acceptable.
- With ``application/graphql-response+json``, a request that never reached execution (bad JSON,
  missing query, syntax error, validation error, bad variables) is answered 400; anything that
  executed is 200, whatever its field errors. With ``application/json`` every well-formed
  request is answered 200, as the specification asks for legacy clients.
- ``GET`` from a browser (``Accept: text/html``, no ``query``) serves GraphiQL.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from graphql import (
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    parse,
    validate,
)
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from mailgql.graph.context import Context
from mailgql.graph.errors import ErrorCode

__all__ = ["GRAPHQL_RESPONSE", "GraphQLHttp"]

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
MAX_BODY_BYTES = 1_000_000
"""Largest request body accepted; a larger one is refused with 413."""


class _RequestError(Exception):
    """A request that cannot be executed, with the status it earns."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str = ErrorCode.BAD_USER_INPUT,
        headers: dict[str, str] | None = None,
        errors: list[GraphQLError] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.headers = headers or {}
        self.errors = errors


def _parse_media_types(header: str) -> list[tuple[str, float]]:
    found: list[tuple[str, float]] = []
    for part in header.split(","):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        quality = 1.0
        for param in pieces[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        found.append((media, quality))
    return found


def negotiate(accept: str | None) -> str | None:
    """The response media type for an ``Accept`` header, or None when nothing fits (406)."""
    if accept is None or not accept.strip():
        return JSON
    best: tuple[float, int, str] | None = None
    for media, quality in _parse_media_types(accept):
        if quality <= 0:
            continue
        if media == GRAPHQL_RESPONSE:
            choice = (quality, 2, GRAPHQL_RESPONSE)
        elif media == JSON:
            choice = (quality, 1, JSON)
        elif media in ("*/*", "application/*"):
            choice = (quality, 0, GRAPHQL_RESPONSE)
        else:
            continue
        if best is None or choice[:2] > best[:2]:
            best = choice
    return best[2] if best else None


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "query" not in request.query_params


class GraphQLHttp:
    """The ``/graphql`` endpoint over a Strawberry schema."""

    def __init__(
        self,
        schema: Any,
        context_factory: Callable[[], Context],
        *,
        graphiql_page: Callable[[], str] | None = None,
    ) -> None:
        self._schema = schema
        self._context_factory = context_factory
        self._graphiql_page = graphiql_page

    async def __call__(self, request: Request) -> Response:
        """Serve one request."""
        if request.method == "GET" and self._graphiql_page is not None and _wants_html(request):
            return HTMLResponse(self._graphiql_page())
        media = negotiate(request.headers.get("accept"))
        if media is None:
            return JSONResponse(
                {
                    "errors": [
                        {
                            "message": f"Accept {GRAPHQL_RESPONSE} or {JSON}",
                            "extensions": {"code": "NOT_ACCEPTABLE"},
                        }
                    ]
                },
                status_code=406,
            )
        try:
            params = await self._params(request)
            self._check_document(params, method=request.method)
        except _RequestError as exc:
            return self._request_error(exc, media)
        result = await self._schema.execute(
            params["query"],
            variable_values=params.get("variables"),
            context_value=self._context_factory(),
            operation_name=params.get("operationName"),
        )
        body: dict[str, Any] = {}
        executed = result.data is not None or any(e.path for e in (result.errors or []))
        if result.errors:
            body["errors"] = [e.formatted for e in result.errors]
        if executed:
            body["data"] = result.data
        if not executed:
            # Variables that do not fit their types are caught before execution.
            for error in body.get("errors", []):
                error.setdefault("extensions", {}).setdefault("code", ErrorCode.BAD_USER_INPUT)
            status = 400 if media == GRAPHQL_RESPONSE else 200
            return self._json(body, status, media)
        return self._json(body, 200, media)

    # -- request reading --------------------------------------------------------------------------

    async def _params(self, request: Request) -> dict[str, Any]:
        if request.method == "GET":
            raw: dict[str, Any] = dict(request.query_params)
            for key in ("variables", "extensions"):
                if key in raw:
                    try:
                        raw[key] = json.loads(raw[key]) if raw[key] else None
                    except ValueError:
                        raise _RequestError(400, f"{key} is not valid JSON") from None
        elif request.method == "POST":
            content_type = request.headers.get("content-type", "")
            media, _, options = content_type.partition(";")
            if media.strip().lower() != JSON:
                raise _RequestError(
                    415,
                    f"POST needs Content-Type: {JSON}",
                    code="UNSUPPORTED_MEDIA_TYPE",
                )
            charset = options.lower().replace(" ", "")
            if "charset=" in charset and "charset=utf-8" not in charset:
                raise _RequestError(415, "the body must be UTF-8", code="UNSUPPORTED_MEDIA_TYPE")
            body = await request.body()
            if len(body) > MAX_BODY_BYTES:
                raise _RequestError(413, f"the body is over {MAX_BODY_BYTES} bytes")
            try:
                raw = json.loads(body)
            except (ValueError, UnicodeDecodeError):
                raise _RequestError(400, "the body is not valid JSON") from None
            if not isinstance(raw, dict):
                raise _RequestError(400, "the body must be a JSON object")
        else:
            raise _RequestError(
                405,
                f"{request.method} is not supported; use GET or POST",
                code="METHOD_NOT_ALLOWED",
                headers={"Allow": "GET, POST"},
            )
        query = raw.get("query")
        if not isinstance(query, str) or not query.strip():
            raise _RequestError(400, "a non-empty query string is required")
        variables = raw.get("variables")
        if variables is not None and not isinstance(variables, dict):
            raise _RequestError(400, "variables must be a JSON object")
        operation_name = raw.get("operationName")
        if operation_name is not None and not isinstance(operation_name, str):
            raise _RequestError(400, "operationName must be a string")
        extensions = raw.get("extensions")
        if extensions is not None and not isinstance(extensions, dict):
            raise _RequestError(400, "extensions must be a JSON object")
        return {"query": query, "variables": variables, "operationName": operation_name}

    def _check_document(self, params: dict[str, Any], *, method: str) -> None:
        """Parse and validate before executing, so request errors get their own status."""
        try:
            document = parse(params["query"])
        except GraphQLError as exc:
            raise _RequestError(
                400, exc.message, code="GRAPHQL_PARSE_FAILED", errors=[exc]
            ) from None
        errors = validate(self._schema._schema, document)
        if errors:
            raise _RequestError(
                400, errors[0].message, code="GRAPHQL_VALIDATION_FAILED", errors=list(errors)
            )
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        name = params.get("operationName")
        chosen = [o for o in operations if name is None or (o.name and o.name.value == name)]
        if not chosen:
            raise _RequestError(400, f"no operation named {name!r} in the document")
        if len(chosen) > 1:
            raise _RequestError(400, "the document has several operations: give operationName")
        operation = chosen[0]
        if method == "GET" and operation.operation is not OperationType.QUERY:
            raise _RequestError(
                405,
                f"a {operation.operation.value} cannot be sent with GET; use POST",
                code="METHOD_NOT_ALLOWED",
                headers={"Allow": "POST"},
            )

    # -- responses ------------------------------------------------------------------------------

    def _request_error(self, exc: _RequestError, media: str) -> Response:
        if exc.errors:
            errors = []
            for error in exc.errors:
                formatted: dict[str, Any] = dict(error.formatted)
                extensions: dict[str, Any] = dict(formatted.get("extensions") or {})
                formatted["extensions"] = {**extensions, "code": exc.code}
                errors.append(formatted)
        else:
            errors = [{"message": exc.message, "extensions": {"code": exc.code}}]
        status = exc.status
        if (
            status == 400
            and media == JSON
            and exc.code
            in (
                "GRAPHQL_PARSE_FAILED",
                "GRAPHQL_VALIDATION_FAILED",
            )
        ):
            # application/json clients get 200 for documents that parse but fail validation
            # and for syntax errors alike: the body says what went wrong.
            status = 200
        return self._json({"errors": errors}, status, media, headers=exc.headers)

    @staticmethod
    def _json(
        body: dict[str, Any], status: int, media: str, *, headers: dict[str, str] | None = None
    ) -> Response:
        return Response(
            json.dumps(body, separators=(",", ":"), ensure_ascii=False),
            status_code=status,
            media_type=f"{media}; charset=utf-8",
            headers=headers,
        )
