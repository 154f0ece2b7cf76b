"""Each HTTP request's id and what the telemetry learns of it on its way through.

:class:`RequestIdMiddleware` wraps the whole app: it takes the request's id from the
request-id header (``X-Request-Id`` by default) when that is a sane one, or makes one, returns
it in the same header on every answer, and logs one line per request when the answer is sent.
While the request runs, :func:`current_request` is its :class:`RequestRecord`, in every task
it starts: log records carry its id (:mod:`.logs`), the ``/graphql`` view notes its operation
and outcome there and counts it (:func:`observe_request`). The line of a ``/graphql`` request
is written at INFO, any other (probes, scrapes, the demo's emulators) at DEBUG.

A WebSocket is one request too: its upgrade answer carries the id (as a refusal of it does), the
id is on every log line written while it is open and on the span of each operation it runs, the
``mailgql_websocket_connections`` gauge counts it while it is open, and one INFO line is written
when it closes, with its close code and the number of operations it ran (each counted in
``mailgql_websocket_operations_total`` by :mod:`.operations`).
"""

from __future__ import annotations

import logging
import re
import secrets
import time
from contextvars import ContextVar
from dataclasses import dataclass, field

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mailgql.scoped_values import holding
from mailgql.telemetry.metrics import UNKNOWN, gateway_metrics

__all__ = [
    "RequestIdMiddleware",
    "RequestRecord",
    "current_request",
    "observe_request",
    "outcome_of",
]

logger = logging.getLogger("mailgql.request")

_SANE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/+=@-]{0,127}")
"""A request id taken as it comes: short, printable, no spaces or quotes."""

_CURRENT: ContextVar[RequestRecord | None] = ContextVar("mailgql_request", default=None)


@dataclass(slots=True)
class RequestRecord:
    """One HTTP request, as the telemetry sees it."""

    request_id: str
    started: float = field(default_factory=time.perf_counter)
    operation: str | None = None
    """The bounded operation label, once a GraphQL operation was read."""
    operation_type: str | None = None
    executed: bool = False
    """Whether GraphQL produced a result for the request (data, errors, or both)."""
    errors: bool = False
    """Whether that result held errors."""
    outcome: str | None = None
    websocket: bool = False
    """Whether the request is a WebSocket, whose operations are counted one by one."""
    operations: int = 0
    """The operations a WebSocket ran."""


def current_request() -> RequestRecord | None:
    """The request being served in this task, if any."""
    return _CURRENT.get()


def outcome_of(record: RequestRecord | None, status: int, *, cached: bool, replayed: bool) -> str:
    """The outcome word of a ``/graphql`` request that ended with HTTP ``status``."""
    if status == 401:
        return "unauthenticated"
    if status == 403:
        return "forbidden"
    if status == 429:
        return "rate_limited"
    if status >= 500:
        return "server_error"
    if record is not None and record.executed:
        return "graphql_error" if record.errors else "success"
    if status >= 400:
        return "rejected"
    if cached:
        return "cached"
    if replayed:
        return "replayed"
    return "streamed"


def observe_request(record: RequestRecord | None, outcome: str, started: float) -> None:
    """Count one ``/graphql`` request and its time, and note its outcome for the log line."""
    operation = UNKNOWN
    if record is not None:
        record.outcome = outcome
        if record.operation is not None:
            operation = record.operation
    gateway_metrics().request(operation, outcome, time.perf_counter() - started)


class RequestIdMiddleware:
    """Give every HTTP request an id, return it in ``header``, and log the request once."""

    def __init__(self, app: ASGIApp, *, header: str = "X-Request-Id") -> None:
        self.app = app
        self.header = header
        self._key = header.lower().encode("latin-1")

    def _incoming(self, scope: Scope) -> str | None:
        for name, value in scope["headers"]:
            if name == self._key:
                text = value.decode("latin-1")
                return text if _SANE_ID.fullmatch(text) else None
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve the request under its id."""
        if scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        record = RequestRecord(self._incoming(scope) or secrets.token_hex(16))
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)[self.header] = record.request_id
            await send(message)

        try:
            with holding(_CURRENT, record):
                await self.app(scope, receive, send_with_id)
        finally:
            # /graphql at INFO; probes, scrapes and the demo's emulators at DEBUG.
            level = logging.INFO if record.outcome is not None else logging.DEBUG
            if logger.isEnabledFor(level):
                self._log(scope, record, status, level)

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve a WebSocket under its id, count it while it is open, log it once closed."""
        record = RequestRecord(self._incoming(scope) or secrets.token_hex(16), websocket=True)
        status = 403  # closed before it was accepted
        close_code: int | None = None

        async def send_with_id(message: Message) -> None:
            nonlocal status, close_code
            kind = message["type"]
            if kind in ("websocket.accept", "websocket.http.response.start"):
                status = message.get("status", 101)
                message.setdefault("headers", [])
                MutableHeaders(scope=message)[self.header] = record.request_id
            elif kind == "websocket.close" and close_code is None and status == 101:
                close_code = message.get("code", 1000)
            await send(message)

        async def receive_closing() -> Message:
            nonlocal close_code
            message = await receive()
            if message["type"] == "websocket.disconnect" and close_code is None and status == 101:
                close_code = message.get("code", 1005)
            return message

        gauge = gateway_metrics().websockets_open
        gauge.inc()
        try:
            with holding(_CURRENT, record):
                await self.app(scope, receive_closing, send_with_id)
        finally:
            gauge.dec()
            if logger.isEnabledFor(logging.INFO):
                self._log(scope, record, status, logging.INFO, close_code=close_code)

    @staticmethod
    def _log(
        scope: Scope,
        record: RequestRecord,
        status: int,
        level: int,
        *,
        close_code: int | None = None,
    ) -> None:
        elapsed_ms = (time.perf_counter() - record.started) * 1000
        method = "WEBSOCKET" if record.websocket else scope["method"]
        fields: dict[str, object] = {
            "request_id": record.request_id,
            "method": method,
            "path": scope["path"],
            "status": status,
            "duration_ms": round(elapsed_ms, 2),
        }
        if record.websocket:
            fields["operations"] = record.operations
            fields["close_code"] = close_code
            ran = f"{record.operations} operation" + ("" if record.operations == 1 else "s")
            summary = f" ({ran}, closed {close_code})" if status == 101 else " (refused)"
        else:
            summary = ""
            if record.operation is not None:
                fields["operation"] = record.operation
            if record.outcome is not None:
                fields["outcome"] = record.outcome
                summary = f" ({record.operation or UNKNOWN}: {record.outcome})"
        logger.log(
            level,
            "%s %s %d in %.1f ms%s",
            method,
            scope["path"],
            status,
            elapsed_ms,
            summary,
            extra={"fields": fields},
        )
