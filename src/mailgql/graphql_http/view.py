"""The ``/graphql`` view: Strawberry's ASGI integration, with the project's HTTP rules as overrides.

Strawberry's ``AsyncBaseHTTPView.run()`` keeps the order of things; each hook below bends one
step of it to the GraphQL-over-HTTP behaviour described in :mod:`mailgql.graphql_http`:

================================  =============================================================
hook                              what it does here
================================  =============================================================
``get_sub_response``              picks the response media type from ``Accept``
``get_context``                   builds the :class:`~mailgql.graph.Context` with the request
``is_request_allowed``            405 with ``Allow: GET, POST`` for any other method
``should_render_graphql_ide``     GraphiQL only for a browser's GET with no ``query``
``render_graphql_ide``            the project's own offline GraphiQL page
``parse_http_body``               406, 415, 413, 400 for malformed requests; SSE by ``Accept``;
                                  a persisted query's text by its hash
``execute_single``                405 for a mutation over GET; no operation to run: a refusal;
                                  notes a clean execution for the answer cache
``process_result``                a refusal before execution has no ``data``, codes on errors
``create_response``               400 or 200 by media type, ``charset=utf-8`` on every answer
``__call__``                      the gate first (API key, rate limit; not for GraphiQL's
                                  page); request errors as GraphQL responses rather than plain
                                  text; a kept answer before ``run()``, keeping one after it;
                                  a mutation with an ``Idempotency-Key`` run once per key;
                                  then the request counted by operation and outcome
``on_ws_connect``                 the gate at a WebSocket's ``connection_init`` (4403 refused)
================================  =============================================================
"""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable, Mapping

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import GraphQLError
from starlette.requests import HTTPConnection, Request
from starlette.responses import HTMLResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError, MissingQueryError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.base import BaseRequestProtocol
from strawberry.http.streaming import SSETransport
from strawberry.schema import BaseSchema
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_SSE_PROTOCOL, GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UnsetType

from mailgql.auth.gate import Gate, Refused
from mailgql.cache.persisted import PersistedQueries
from mailgql.graph.context import Context
from mailgql.graph.errors import ErrorCode
from mailgql.graph.schema import PARSE_FAILED
from mailgql.graphql_http.caching import AnswerCache
from mailgql.graphql_http.errors import (
    METHOD_NOT_ALLOWED,
    NOT_ACCEPTABLE,
    RequestError,
    as_request_error,
    with_code,
)
from mailgql.graphql_http.idempotency import REPLAYED, Idempotency
from mailgql.graphql_http.negotiation import GRAPHQL_RESPONSE, JSON, negotiate, wants_html
from mailgql.graphql_http.params import (
    BoundedRequestAdapter,
    json_body_object,
    load_json,
    read_request,
)
from mailgql.telemetry.operations import requested_operation
from mailgql.telemetry.requests import current_request, observe_request, outcome_of

__all__ = ["ContextGetter", "GraphQLView"]

ContextGetter = Callable[[HTTPConnection, Response | None], Awaitable[Context]]
"""Builds the context of one request (or WebSocket), given it and the response to add to."""

_SSE = SSETransport()
_SUBSCRIPTION_TRANSPORTS = (
    "a subscription needs a WebSocket on /graphql (graphql-transport-ws) "
    "or a request with Accept: text/event-stream"
)


def _refused(message: str, code: str = ErrorCode.BAD_USER_INPUT) -> ExecutionResult:
    """A well-formed request GraphQL turned down before execution."""
    return ExecutionResult(data=None, errors=[GraphQLError(message, extensions={"code": code})])


def _encode(body: object) -> bytes:
    """Compact UTF-8 JSON: orjson's (several times faster), or the standard library's for what
    orjson does not write (an integer past 64 bits, a key that is not a string, deep nesting)."""
    try:
        return orjson.dumps(body)
    except TypeError:
        return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()


async def _requested_operation(request: Request) -> str:
    """The operation label of a request answered without executing it (a kept answer, a
    replayed mutation), from the parameters the answer cache or the idempotency keys read."""
    raw = getattr(request.state, "mailgql_raw_params", None)
    if raw is None and request.method == "POST":
        try:
            raw = await json_body_object(request)
        except HTTPException:
            raw = None
    raw = raw or {}
    return requested_operation(raw.get("query"), raw.get("operationName"))


def _json(
    body: object, status: int, media: str, headers: Mapping[str, str] | None = None
) -> Response:
    return Response(
        _encode(body),
        status_code=status,
        media_type=f"{media}; charset=utf-8",
        headers=headers,
    )


class GraphQLView(GraphQL[Context, None]):
    """``/graphql`` over HTTP (GET, POST, Server-Sent Events) and WebSocket, for one schema."""

    request_adapter_class = BoundedRequestAdapter

    def __init__(
        self,
        schema: BaseSchema,
        context_getter: ContextGetter,
        *,
        graphiql_page: Callable[[], str] | None = None,
        answers: AnswerCache | None = None,
        persisted: PersistedQueries | None = None,
        gate: Gate | None = None,
        idempotency: Idempotency | None = None,
    ) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if graphiql_page is not None else None,
            allow_queries_via_get=True,
            # graphql-sse is no WebSocket subprotocol: Strawberry reads it as "serve SSE".
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL, GRAPHQL_SSE_PROTOCOL),
        )
        self.context_getter = context_getter
        self.graphiql_page = graphiql_page
        self.answers = answers
        self.persisted = persisted
        self.gate = gate
        self.idempotency = idempotency

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one HTTP request or one WebSocket connection."""
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive)
        started = time.perf_counter()
        page = cached = False
        try:
            page = self.graphiql_page is not None and wants_html(
                request.method, request.headers, request.query_params
            )
            if self.gate is not None and not page:
                await self._admit(request)
            response = None if self.answers is None else await self.answers.lookup(request)
            cached = response is not None
            if response is None:
                if self.idempotency is None:
                    response = await self.run(request)
                else:
                    response = await self.idempotency.serve(request, self.run)
                if self.answers is not None:
                    await self.answers.keep(request, response)
        except HTTPException as exc:
            response = self._request_error(as_request_error(exc), request.headers.get("accept"))
        await response(scope, receive, send)
        if not page:
            record = current_request()
            replayed = REPLAYED in response.headers
            if (cached or replayed) and record is not None and record.operation is None:
                record.operation = await _requested_operation(request)
            outcome = outcome_of(record, response.status_code, cached=cached, replayed=replayed)
            observe_request(record, outcome, started)

    async def _admit(self, request: Request) -> None:
        """Authenticate and rate-limit the request, before anything else reads it."""
        assert self.gate is not None
        try:
            await self.gate.admit(request)
        except Refused as refused:
            raise RequestError(
                refused.status, refused.message, code=refused.code, headers=refused.headers
            ) from None

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """Admit a WebSocket at its ``connection_init`` (refused: closed with 4403, as
        graphql-transport-ws has it), then give it the context of the key's tenant."""
        if self.gate is not None:
            try:
                await self.gate.admit_connection(context.request, context.connection_params)
            except Refused:
                raise ConnectionRejectionError() from None
            params = context.connection_params
            fresh = await self.context_getter(context.request, None)
            vars(context).clear()
            vars(context).update(vars(fresh))
            context.connection_params = params
        return await super().on_ws_connect(context)

    # -- before execution ---------------------------------------------------------------------

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        """The response headers and status collect on; it also carries the negotiated type."""
        sub_response = await super().get_sub_response(request)
        # None when nothing is acceptable: parse_http_body answers 406 once the method and
        # GraphiQL have had their say.
        sub_response.media_type = negotiate(request.headers.get("accept"))
        return sub_response

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        """The request's context; fresh loaders, bound to the running loop."""
        return await self.context_getter(
            request, response if isinstance(response, Response) else None
        )

    def is_request_allowed(self, request: BaseRequestProtocol) -> bool:
        """GET and POST only; anything else is 405, whatever representation it asked for."""
        if request.method not in ("GET", "POST"):
            raise RequestError(
                405,
                f"{request.method} is not supported; use GET or POST",
                code=METHOD_NOT_ALLOWED,
                headers={"Allow": "GET, POST"},
            )
        return True

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        """A browser opening the endpoint, when GraphiQL is on."""
        return self.graphiql_page is not None and wants_html(
            request.method, request.headers, request.query_params
        )

    async def render_graphql_ide(self, request: Request) -> Response:
        """The project's GraphiQL page, whose assets the gateway serves itself."""
        assert self.graphiql_page is not None  # should_render_graphql_ide checked it
        return HTMLResponse(self.graphiql_page())

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> GraphQLRequestData:
        """Check ``Accept`` and read the parameters; ``text/event-stream`` asks for SSE."""
        accept = request.headers.get("accept")
        if _SSE.accepts(accept or ""):
            return await read_request(request, protocol="sse", persisted=self.persisted)
        if negotiate(accept) is None:
            raise RequestError(406, f"Accept {GRAPHQL_RESPONSE} or {JSON}", code=NOT_ACCEPTABLE)
        data = await read_request(request, protocol="http", persisted=self.persisted)
        if isinstance(request, BoundedRequestAdapter):
            request.request.state.mailgql_document = data.query
        return data

    # -- execution ----------------------------------------------------------------------------

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        """Run a query (GET or POST) or a mutation (POST); a subscription needs a stream."""
        post = request_adapter.method == "POST"
        allowed = {OperationType.QUERY, OperationType.MUTATION} if post else {OperationType.QUERY}
        try:
            result = await self.schema.execute(
                request_data.query,
                variable_values=request_data.variables,
                context_value=context,
                root_value=root_value,
                operation_name=request_data.operation_name,
                allowed_operation_types=allowed,
                operation_extensions=request_data.extensions,
            )
            AnswerCache.executed(
                request, context.reads, clean=not result.errors and result.data is not None
            )
            return result
        except InvalidOperationTypeError as exc:
            # Raised after parsing and before validation: a mutation sent with GET never runs,
            # valid or not.
            if exc.operation_type is OperationType.MUTATION:
                raise RequestError(
                    405,
                    "a mutation cannot be sent with GET; use POST",
                    code=METHOD_NOT_ALLOWED,
                    headers={"Allow": "POST"},
                ) from None
            return _refused(_SUBSCRIPTION_TRANSPORTS)
        except CannotGetOperationTypeError as exc:
            name = exc.operation_name
            if name is None:
                return _refused("the document has no operation")
            return _refused(f"no operation named {name!r} in the document")
        except MissingQueryError:
            return _refused("the document is empty", PARSE_FAILED)

    # -- responses ----------------------------------------------------------------------------

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        """The response body; a request GraphQL refused before execution gets no ``data``."""
        response = await super().process_result(request, result)
        errors = result.errors or []
        record = current_request()
        if record is not None:
            record.executed = True
            record.errors = bool(errors)
        if result.data is None and not any(error.path for error in errors):
            # No field path anywhere: execution never started, so this is a request error.
            response.pop("data", None)
            default = ErrorCode.BAD_USER_INPUT
            response["errors"] = [with_code(error.formatted, default) for error in errors] or [
                {"message": "the request was not executed", "extensions": {"code": default}}
            ]
        return response

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        """The answer in the negotiated media type, with what resolvers set on ``response``."""
        media = sub_response.media_type or JSON
        if sub_response.status_code:
            status = sub_response.status_code
        elif isinstance(response_data, list) or "data" in response_data or media == JSON:
            # application/json clients trust only a 200 to hold a GraphQL response, so a request
            # GraphQL refused is answered 200 there; the body says what went wrong.
            status = 200
        else:
            status = 400
        response = _json(response_data, status, media)
        response.headers.raw.extend(sub_response.headers.raw)
        response.background = sub_response.background
        return response

    def encode_json(self, data: object) -> str:
        """Compact UTF-8 JSON, for HTTP, SSE and WebSocket messages alike."""
        return _encode(data).decode()

    def decode_json(self, data: str | bytes) -> object:
        """A WebSocket message, read as request bodies are (:func:`load_json`): one nested too
        deep or not standard JSON is refused as not JSON (the connection closes with 4400)."""
        try:
            text = data if isinstance(data, str) else data.decode("utf-8")
            return load_json(text, what="the message")
        except (RequestError, UnicodeDecodeError) as exc:
            raise json.JSONDecodeError(str(exc), "", 0) from None

    def _request_error(self, error: RequestError, accept: str | None) -> Response:
        return _json(error.body, error.status_code, negotiate(accept) or JSON, error.headers)
