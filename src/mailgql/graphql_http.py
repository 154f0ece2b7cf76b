"""GraphQL over HTTP: the ``/graphql`` endpoint, following the GraphQL-over-HTTP specification.

- ``POST`` with ``Content-Type: application/json`` (UTF-8: no ``charset``, or ``charset=utf-8``);
  ``GET`` with ``query``, ``variables``, ``operationName``, ``extensions`` in the query string
  (an empty ``operationName`` counts as none). A mutation over GET is 405 with ``Allow: POST``
  and never runs. Other methods: 405 with ``Allow: GET, POST``; a POST body of another media
  type, of another charset or with no ``Content-Type``: 415; a body over ``MAX_BODY_BYTES``: 413.
- The response media type follows ``Accept`` by q-value, the most specific range deciding each
  type's q: ``application/graphql-response+json`` when it is named (it wins a tie with a named
  ``application/json``); ``application/json`` when only that is named, when only wildcards
  (``*/*``, ``application/*``) match, or when no ``Accept`` is sent; 406 when neither is
  acceptable (a ``charset`` other than UTF-8 rules a range out). Every body is UTF-8 and every
  ``Content-Type`` says ``charset=utf-8``.
- A request that is not a well-formed GraphQL-over-HTTP request (body not a UTF-8 JSON object,
  ``query`` missing or not a string, ``variables`` or ``extensions`` not a map,
  ``operationName`` not a string) is 400 whatever the media type. A well-formed request that
  GraphQL refuses before execution (syntax error, validation error, no operation to pick,
  variables that do not coerce) is 400 with ``application/graphql-response+json`` and 200 with
  ``application/json``, as the specification asks for legacy clients. Anything that executed is
  200 with ``data`` (null when a non-null root field failed), field errors and all.
- Every request error carries ``extensions.code``: ``GRAPHQL_PARSE_FAILED``,
  ``GRAPHQL_VALIDATION_FAILED``, ``BAD_USER_INPUT``, ``METHOD_NOT_ALLOWED``,
  ``UNSUPPORTED_MEDIA_TYPE``, ``NOT_ACCEPTABLE`` or ``PAYLOAD_TOO_LARGE``.
- ``GET`` from a browser (``Accept`` naming ``text/html``, no ``query``) serves GraphiQL when the
  app has it enabled.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    parse,
    validate,
)
from graphql.execution import get_variable_values
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from mailgql.graph.context import Context
from mailgql.graph.errors import ErrorCode

__all__ = ["GRAPHQL_RESPONSE", "MAX_BODY_BYTES", "GraphQLHttp"]

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
MAX_BODY_BYTES = 1_000_000
"""Largest request body accepted; a larger one is refused with 413."""

_ALLOWED_METHODS = "GET, POST"
_UTF8 = ("utf-8", "utf8")


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
        refused_by_graphql: bool = False,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.headers = headers or {}
        self.errors = errors
        # A well-formed request that GraphQL itself turned down before execution: the
        # specification answers those 200 under application/json (and 400 otherwise).
        self.refused_by_graphql = refused_by_graphql


@dataclass(frozen=True, slots=True)
class _Params:
    """The four GraphQL-over-HTTP request parameters, checked for type."""

    query: str
    variables: dict[str, Any] | None
    operation_name: str | None
    extensions: dict[str, Any] | None


# -- media types ----------------------------------------------------------------------------------


def _media_ranges(header: str) -> list[tuple[str, float, str | None]]:
    """``(media range, q, charset or None)`` for each entry of an ``Accept`` header."""
    found: list[tuple[str, float, str | None]] = []
    for part in header.split(","):
        media, params = _split_media_type(part)
        if not media:
            continue
        try:
            quality = float(params.get("q", "1"))
        except ValueError:
            quality = 0.0
        found.append((media, quality, params.get("charset")))
    return found


def _split_media_type(value: str) -> tuple[str, dict[str, str]]:
    """A media type lower-cased, and its parameters (names lower-cased, values unquoted)."""
    media, *pieces = value.split(";")
    params: dict[str, str] = {}
    for piece in pieces:
        name, _, raw = piece.partition("=")
        params[name.strip().lower()] = raw.strip().strip('"').lower()
    return media.strip().lower(), params


def _specificity(media_range: str, media: str) -> int:
    """How closely a media range names a media type: 3 exactly, 2 by ``type/*``, 1 by ``*/*``."""
    if media_range == media:
        return 3
    if media_range == media.split("/")[0] + "/*":
        return 2
    if media_range == "*/*":
        return 1
    return 0


def negotiate(accept: str | None) -> str | None:
    """The response media type for an ``Accept`` header, or None when nothing fits (406)."""
    if accept is None or not accept.strip():
        return JSON
    ranges = _media_ranges(accept)
    best: tuple[float, int, int, str] | None = None
    for media in (GRAPHQL_RESPONSE, JSON):
        # RFC 9110 12.5.1: the most specific range that matches gives the type its q.
        quality, specificity = 0.0, 0
        for media_range, range_quality, charset in ranges:
            closeness = _specificity(media_range, media)
            if closeness > specificity and (charset is None or charset in _UTF8):
                quality, specificity = range_quality, closeness
        if quality <= 0:
            continue
        # At equal q a named type beats a wildcard; between two named types the newer media
        # type wins, while wildcards alone get application/json, the type every client reads.
        named = specificity == 3
        preference = int(named) if media == GRAPHQL_RESPONSE else int(not named)
        choice = (quality, specificity, preference, media)
        if best is None or choice[:3] > best[:3]:
            best = choice
    return best[3] if best else None


def _wants_html(request: Request) -> bool:
    accepts_html = any(
        media == "text/html" and quality > 0
        for media, quality, _ in _media_ranges(request.headers.get("accept", ""))
    )
    return accepts_html and "query" not in request.query_params


# -- the endpoint ---------------------------------------------------------------------------------


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
        if request.method not in ("GET", "POST"):
            # The method is wrong whatever the representation asked for, so 405 comes first.
            error = _RequestError(
                405,
                f"{request.method} is not supported; use GET or POST",
                code="METHOD_NOT_ALLOWED",
                headers={"Allow": _ALLOWED_METHODS},
            )
            return self._request_error(error, negotiate(request.headers.get("accept")) or JSON)
        if request.method == "GET" and self._graphiql_page is not None and _wants_html(request):
            return HTMLResponse(self._graphiql_page())
        media = negotiate(request.headers.get("accept"))
        if media is None:
            error = _RequestError(
                406, f"Accept {GRAPHQL_RESPONSE} or {JSON}", code="NOT_ACCEPTABLE"
            )
            return self._request_error(error, JSON)
        try:
            params = await self._params(request)
            operation = self._check_document(params, method=request.method)
            self._check_variables(operation, params.variables)
        except _RequestError as exc:
            return self._request_error(exc, media)
        result = await self._schema.execute(
            params.query,
            variable_values=params.variables,
            context_value=self._context_factory(),
            operation_name=params.operation_name,
            operation_extensions=params.extensions,
        )
        errors = list(result.errors or [])
        if result.data is None and not any(e.path for e in errors):
            # Execution never started after all: with no field path, these are request errors.
            refused = _RequestError(
                400,
                errors[0].message if errors else "the request was not executed",
                errors=errors or None,
                refused_by_graphql=True,
            )
            return self._request_error(refused, media)
        body: dict[str, Any] = {}
        if errors:
            body["errors"] = [e.formatted for e in errors]
        body["data"] = result.data
        return self._json(body, 200, media)

    # -- request reading --------------------------------------------------------------------------

    async def _params(self, request: Request) -> _Params:
        if request.method == "GET":
            raw: dict[str, Any] = dict(request.query_params)
            for key in ("variables", "extensions"):
                if key in raw:
                    try:
                        raw[key] = json.loads(raw[key]) if raw[key] else None
                    except ValueError:
                        raise _RequestError(400, f"{key} is not valid JSON") from None
            # The specification makes an empty operationName in a URL the same as none.
            if raw.get("operationName") == "":
                raw["operationName"] = None
        else:
            raw = await self._json_body(request)
        query = raw.get("query")
        if query is None:
            raise _RequestError(400, "the query parameter is required")
        if not isinstance(query, str):
            raise _RequestError(400, "query must be a string")
        variables = raw.get("variables")
        if variables is not None and not isinstance(variables, dict):
            raise _RequestError(400, "variables must be a JSON object")
        operation_name = raw.get("operationName")
        if operation_name is not None and not isinstance(operation_name, str):
            raise _RequestError(400, "operationName must be a string")
        extensions = raw.get("extensions")
        if extensions is not None and not isinstance(extensions, dict):
            raise _RequestError(400, "extensions must be a JSON object")
        return _Params(query, variables, operation_name, extensions)

    @staticmethod
    async def _json_body(request: Request) -> dict[str, Any]:
        media, params = _split_media_type(request.headers.get("content-type", ""))
        if media != JSON:
            raise _RequestError(
                415, f"POST needs Content-Type: {JSON}", code="UNSUPPORTED_MEDIA_TYPE"
            )
        if params.get("charset", "utf-8") not in _UTF8:
            raise _RequestError(415, "the body must be UTF-8", code="UNSUPPORTED_MEDIA_TYPE")
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY_BYTES:
                raise _RequestError(
                    413, f"the body is over {MAX_BODY_BYTES} bytes", code="PAYLOAD_TOO_LARGE"
                )
        try:
            # Decoded as UTF-8 explicitly: json.loads would guess UTF-16 and UTF-32 from bytes.
            raw = json.loads(body.decode("utf-8"))
        except UnicodeDecodeError:
            raise _RequestError(400, "the body is not UTF-8") from None
        except ValueError:
            raise _RequestError(400, "the body is not valid JSON") from None
        if not isinstance(raw, dict):
            raise _RequestError(400, "the body must be a JSON object")
        return raw

    def _check_document(self, params: _Params, *, method: str) -> OperationDefinitionNode:
        """Parse, pick the operation, validate: each refusal before execution gets its status."""
        try:
            document = parse(params.query)
        except GraphQLError as exc:
            raise _RequestError(
                400,
                exc.message,
                code="GRAPHQL_PARSE_FAILED",
                errors=[exc],
                refused_by_graphql=True,
            ) from None
        operation, problem = _pick_operation(document, params.operation_name)
        # Before validation, so that no mutation sent with GET gets any further than here.
        if method == "GET" and operation is not None:
            if operation.operation is OperationType.MUTATION:
                raise _RequestError(
                    405,
                    "a mutation cannot be sent with GET; use POST",
                    code="METHOD_NOT_ALLOWED",
                    headers={"Allow": "POST"},
                )
        errors = validate(self._schema._schema, document)
        if errors:
            raise _RequestError(
                400,
                errors[0].message,
                code="GRAPHQL_VALIDATION_FAILED",
                errors=list(errors),
                refused_by_graphql=True,
            )
        if operation is None:
            raise _RequestError(400, problem, refused_by_graphql=True)
        return operation

    def _check_variables(
        self, operation: OperationDefinitionNode, variables: dict[str, Any] | None
    ) -> None:
        """Coerce the variables as execution would, so that a bad one is a request error."""
        coerced = get_variable_values(
            self._schema._schema, operation.variable_definitions or (), variables or {}
        )
        if isinstance(coerced, list):
            raise _RequestError(400, coerced[0].message, errors=coerced, refused_by_graphql=True)

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
        # application/json clients trust only a 200 to hold a GraphQL response, so a request
        # GraphQL refused is answered 200 there; the body says what went wrong.
        status = 200 if exc.refused_by_graphql and media == JSON else exc.status
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


def _pick_operation(
    document: DocumentNode, name: str | None
) -> tuple[OperationDefinitionNode | None, str]:
    """GraphQL's GetOperation(): the operation to run, or None and the reason there is none."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        if len(operations) == 1:
            return operations[0], ""
        if not operations:
            return None, "the document has no operation"
        return None, "the document has several operations: give operationName"
    chosen = [o for o in operations if o.name is not None and o.name.value == name]
    if len(chosen) == 1:
        return chosen[0], ""
    return None, f"no operation named {name!r} in the document"
