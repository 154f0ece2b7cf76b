"""Answers kept between requests, at the door of ``/graphql``: a repeated query is answered
before Strawberry sees it, and a query that executed cleanly is kept on its way out.

The look-up reads the request's parameters itself, and steps aside (the request then takes the
ordinary path, which answers any error) for anything that is not a plain, well-formed GET or
POST of a document or of a persisted query's hash. Only a query is kept (never a mutation), only
when it executed without an error, and never for a request with ``Cache-Control: no-store``; a
request with ``no-cache`` is executed and its answer refreshes the one kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import OperationType
from starlette.requests import Request
from starlette.responses import Response

from mailgql.cache import ResponseCache, cache_control, document_hash
from mailgql.cache.reads import RequestReads
from mailgql.graphql_http.negotiation import negotiate, wants_html
from mailgql.graphql_http.params import json_body_object, load_json, operation_type

__all__ = ["AnswerCache"]

_KEY = "mailgql_answer_key"
_READS = "mailgql_answer_reads"


class AnswerCache:
    """Looks answers up before execution and keeps them after; ``scope`` names the credentials
    the gateway calls the platforms with."""

    def __init__(self, responses: ResponseCache, *, scope: str) -> None:
        self._responses = responses
        self._scope = scope

    async def lookup(self, request: Request) -> Response | None:
        """The kept answer to this request, or None (then the request is executed)."""
        use, keep = cache_control(request.headers.get("cache-control"))
        if not keep:
            return None
        accept = request.headers.get("accept")
        media = negotiate(accept)
        if media is None or "text/event-stream" in (accept or ""):
            return None
        params = await _params(request)
        if params is None:
            return None
        document, operation_name, variables = params
        key = self._responses.key(
            document=document, operation_name=operation_name, variables=variables, scope=self._scope
        )
        setattr(request.state, _KEY, key)
        if not use:
            return None
        body = await self._responses.get(key)
        if body is None:
            return None
        return Response(body, status_code=200, media_type=f"{media}; charset=utf-8")

    @staticmethod
    def executed(request: Request, reads: RequestReads | None, *, clean: bool) -> None:
        """Note that the request executed, cleanly (no error) or not, with ``reads``."""
        if clean and reads is not None:
            setattr(request.state, _READS, reads)

    async def keep(self, request: Request, response: Response) -> None:
        """Keep the answer the request got, if it may be kept."""
        key: str | None = getattr(request.state, _KEY, None)
        reads: RequestReads | None = getattr(request.state, _READS, None)
        if key is None or reads is None or response.status_code != 200:
            return
        if not _is_query(await _document_text(request), _operation_name(request)):
            return
        await self._responses.put(key, bytes(response.body), reads)


async def _params(request: Request) -> tuple[str, str | None, dict[str, Any] | None] | None:
    """(document hash, operation name, variables) of a plain GET or POST; None otherwise."""
    if request.method == "GET":
        if wants_html(request.method, request.headers, request.query_params):
            return None
        raw: dict[str, Any] = dict(request.query_params)
        for param in ("variables", "extensions"):
            if raw.get(param):
                raw[param] = load_json(raw[param], what=param)
        if raw.get("operationName") == "":
            raw["operationName"] = None
    elif request.method == "POST":
        body = await json_body_object(request)
        if body is None:
            return None
        raw = body
    else:
        return None
    request.state.mailgql_raw_params = raw
    query = raw.get("query")
    name = raw.get("operationName")
    variables = raw.get("variables")
    if not (name is None or isinstance(name, str)):
        return None
    if not (variables is None or isinstance(variables, dict)):
        return None
    if isinstance(query, str):
        return document_hash(query), name, variables
    persisted = (raw.get("extensions") or {}).get("persistedQuery")
    if query is None and isinstance(persisted, Mapping):
        sha = persisted.get("sha256Hash")
        if persisted.get("version") == 1 and isinstance(sha, str) and len(sha) == 64:
            return sha.lower(), name, variables
    return None


async def _document_text(request: Request) -> str | None:
    text = getattr(request.state, "mailgql_document", None)
    if isinstance(text, str):
        return text
    raw = getattr(request.state, "mailgql_raw_params", None) or {}
    query = raw.get("query")
    return query if isinstance(query, str) else None


def _operation_name(request: Request) -> str | None:
    raw = getattr(request.state, "mailgql_raw_params", None) or {}
    name = raw.get("operationName")
    return name if isinstance(name, str) else None


def _is_query(text: str | None, operation_name: str | None) -> bool:
    """Whether the operation the request ran is a query (parsed again: this runs only when an
    answer is about to be kept, once per TTL)."""
    return text is not None and operation_type(text, operation_name) is OperationType.QUERY
