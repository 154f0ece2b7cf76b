"""Reading a GraphQL-over-HTTP request: the four parameters from the URL or from a JSON body.

JSON is read by :func:`load_json`: at most :data:`MAX_JSON_DEPTH` levels of arrays and objects
(a body nested 50,000 levels deep would otherwise overflow the decoder's recursion), standard
JSON only (no ``NaN`` or ``Infinity``), numbers of at most 4,300 digits (Python's limit); anything
else is a 400 with a GraphQL error body, never a 500.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, StarletteRequestAdapter
from graphql import GraphQLError, OperationType, get_operation_ast, parse
from starlette.requests import Request
from strawberry.http import GraphQLRequestData, GraphQLRequestProtocol

from mailgql.cache.persisted import (
    PERSISTED_QUERY_NOT_FOUND,
    PersistedQueries,
    PersistedQueryError,
    PersistedQueryRequest,
)
from mailgql.graphql_http.errors import PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, RequestError
from mailgql.graphql_http.negotiation import JSON, UTF8, split_media_type

__all__ = [
    "BODY_LIMIT_STATE",
    "MAX_BODY_BYTES",
    "MAX_JSON_DEPTH",
    "BoundedRequestAdapter",
    "body_limit",
    "load_json",
    "operation_type",
    "read_body",
    "read_request",
]

MAX_BODY_BYTES = 1_000_000
"""Largest request body accepted when the app sets no other (``MAILGQL_MAX_BODY_BYTES`` does);
a larger one is refused with 413."""

BODY_LIMIT_STATE = "max_body_bytes"
"""The name, in the app's ``state``, of the largest request body it accepts."""

MAX_JSON_DEPTH = 64
"""The most levels of arrays and objects a request's JSON may nest (the body, or ``variables``
and ``extensions`` in a URL); no GraphQL input needs a tenth of them."""


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _depth_over(value: Any, limit: int) -> bool:
    """Whether ``value`` nests arrays and objects more than ``limit`` levels deep (walked
    without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def load_json(text: str, *, what: str) -> Any:
    """``text`` decoded as standard JSON of at most :data:`MAX_JSON_DEPTH` levels; else a 400
    naming ``what`` (``the body``, ``variables``...)."""
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        value, too_deep = None, True
    except ValueError:
        raise RequestError(400, f"{what} is not valid JSON") from None
    else:
        too_deep = _depth_over(value, MAX_JSON_DEPTH)
    if too_deep:
        raise RequestError(400, f"{what} nests arrays and objects over {MAX_JSON_DEPTH} levels")
    return value


def operation_type(text: str, operation_name: str | None) -> OperationType | None:
    """The type of the operation ``operation_name`` picks in the document ``text`` (parsed
    again); ``None`` when the text does not parse or names no such operation."""
    try:
        operation = get_operation_ast(parse(text, no_location=True), operation_name)
    except GraphQLError:
        return None
    return None if operation is None else operation.operation


def body_limit(request: Request) -> int:
    """The largest body the app serving ``request`` accepts: what it keeps in its ``state``
    (set from ``MAILGQL_MAX_BODY_BYTES``), else ``MAX_BODY_BYTES``."""
    state = getattr(request.scope.get("app"), "state", None)
    limit = getattr(state, BODY_LIMIT_STATE, None)
    return limit if isinstance(limit, int) else MAX_BODY_BYTES


async def read_body(request: Request) -> bytes:
    """The body, read chunk by chunk so that one over :func:`body_limit` is refused (413)
    before it is all read; later readers of the request get the same bytes."""
    limit = body_limit(request)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise RequestError(
                413,
                f"the body is over {limit} bytes (MAILGQL_MAX_BODY_BYTES)",
                code=PAYLOAD_TOO_LARGE,
            )
    kept = bytes(body)
    request._body = kept
    return kept


_EARLY = "mailgql_json_body"


async def json_body_object(request: Request) -> dict[str, Any] | None:
    """A POST's body as the JSON object a GraphQL request is, read once for everything that
    looks at it before Strawberry does (the answer cache, idempotency keys); None for a body
    the ordinary path refuses (another media type or charset, not UTF-8, not an object), so
    that path answers it. Over the size limit: 413, as the ordinary path would."""
    if hasattr(request.state, _EARLY):
        found: dict[str, Any] | None = getattr(request.state, _EARLY)
        return found
    media, params = split_media_type(request.headers.get("content-type", ""))
    raw: Any = None
    if media == JSON and params.get("charset", "utf-8") in UTF8:
        try:
            raw = load_json((await read_body(request)).decode("utf-8"), what="the body")
        except (ValueError, RequestError) as exc:
            if isinstance(exc, RequestError) and exc.status_code == 413:
                raise
            raw = None
    kept = raw if isinstance(raw, dict) else None
    setattr(request.state, _EARLY, kept)
    return kept


class BoundedRequestAdapter(StarletteRequestAdapter):
    """Strawberry's view of a Starlette request, reading no more body than :func:`body_limit`."""

    def __init__(self, request: Request) -> None:
        super().__init__(request)
        self.request = request

    async def get_body(self) -> bytes:
        """The body; 413 past the limit."""
        return await read_body(self.request)


_PARAMETERS: tuple[tuple[str, type, str], ...] = (
    ("query", str, "a string"),
    ("variables", dict, "a JSON object"),
    ("operationName", str, "a string"),
    ("extensions", dict, "a JSON object"),
)
"""Each request parameter, the type it must have when present, and how to say so."""


async def read_request(
    request: AsyncHTTPRequestAdapter,
    *,
    protocol: GraphQLRequestProtocol,
    persisted: PersistedQueries | None = None,
) -> GraphQLRequestData:
    """The request's parameters, each checked for type; a malformed request is a 400. With
    ``persisted``, a document may come as its hash (Automatic Persisted Queries)."""
    if request.method == "GET":
        raw = _from_query_string(request.query_params)
    else:
        raw = await _from_json_body(request)
    for name, kind, what in _PARAMETERS:
        value = raw.get(name)
        if value is not None and not isinstance(value, kind):
            raise RequestError(400, f"{name} must be {what}")
    query = raw.get("query")
    variables = raw.get("variables")
    operation_name = raw.get("operationName")
    extensions = raw.get("extensions")
    wanted = (extensions or {}).get("persistedQuery")
    if persisted is not None and wanted is not None:
        query = await _persisted_query(persisted, wanted, query)
    if query is None:
        raise RequestError(400, "the query parameter is required")
    return GraphQLRequestData(
        query=query,
        variables=variables,
        operation_name=operation_name,
        extensions=extensions,
        protocol=protocol,
    )


async def _persisted_query(
    persisted: PersistedQueries, extension: object, query: str | None
) -> str:
    """The document a ``persistedQuery`` extension names: registered now when the request
    carries its text, looked up when it carries only the hash."""
    try:
        wanted = PersistedQueryRequest.parse(extension)
        if query is not None:
            await persisted.register(wanted, query)
            return query
    except PersistedQueryError as exc:
        raise RequestError(400, str(exc)) from None
    text = await persisted.text(wanted)
    if text is None:
        # 200, as every APQ client expects: it then sends the hash again with the text.
        raise RequestError(200, "PersistedQueryNotFound", code=PERSISTED_QUERY_NOT_FOUND)
    return text


def _from_query_string(params: Mapping[str, str | None]) -> dict[str, Any]:
    raw: dict[str, Any] = dict(params)
    for key in ("variables", "extensions"):
        if key in raw:
            raw[key] = load_json(raw[key], what=key) if raw[key] else None
    # The specification makes an empty operationName in a URL the same as none.
    if raw.get("operationName") == "":
        raw["operationName"] = None
    return raw


async def _from_json_body(request: AsyncHTTPRequestAdapter) -> dict[str, Any]:
    media, params = split_media_type(request.content_type or "")
    if media != JSON:
        raise RequestError(415, f"POST needs Content-Type: {JSON}", code=UNSUPPORTED_MEDIA_TYPE)
    if params.get("charset", "utf-8") not in UTF8:
        raise RequestError(415, "the body must be UTF-8", code=UNSUPPORTED_MEDIA_TYPE)
    body = await request.get_body()
    try:
        # Decoded as UTF-8 explicitly: json.loads would guess UTF-16 and UTF-32 from bytes.
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise RequestError(400, "the body is not UTF-8") from None
    raw = load_json(text, what="the body")
    if not isinstance(raw, dict):
        raise RequestError(400, "the body must be a JSON object")
    return raw
