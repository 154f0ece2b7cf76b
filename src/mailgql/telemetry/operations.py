"""The schema's telemetry extension: each operation's name for the request's metrics and log
line, and, while tracing is on, its span, parent of the spans of its upstream calls.

It is a Strawberry extension, so every transport gets it (HTTP, Server-Sent Events, each
operation of a WebSocket). The span is named ``<type> <name>`` (``query Dashboard``) and carries
``graphql.operation.type``, ``graphql.operation.name`` and ``mailgql.request_id``; its parent
is the caller's span when the request carries W3C ``traceparent``. Imported by its own path
(``mailgql.telemetry.operations``), as it is the one part of the package that needs Strawberry.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError, Lexer, Source, TokenKind
from opentelemetry import propagate
from opentelemetry.trace import Span, SpanKind, Status, StatusCode, use_span
from strawberry.extensions import SchemaExtension

from mailgql.telemetry.metrics import UNKNOWN, bounded_name, gateway_metrics
from mailgql.telemetry.requests import current_request
from mailgql.telemetry.tracing import tracer

__all__ = ["OperationTelemetry", "requested_operation"]

_OPERATIONS = frozenset({"query", "mutation", "subscription"})


def requested_operation(document: object, operation_name: object) -> str:
    """The operation label of a request answered without executing it (a kept answer): its
    ``operationName``, or else the name of the document's first operation."""
    if isinstance(operation_name, str) and operation_name:
        return bounded_name(operation_name)
    if not isinstance(document, str):
        return UNKNOWN
    try:
        return bounded_name(_first_operation_name(document))
    except GraphQLError:
        return UNKNOWN


def _first_operation_name(document: str) -> str | None:
    """The first operation's name, read token by token up to it (fragments skipped)."""
    lexer = Lexer(Source(document))
    depth = 0
    fragment = False
    token = lexer.advance()
    while token.kind is not TokenKind.EOF:
        if token.kind is TokenKind.BRACE_L:
            if depth == 0 and not fragment:
                return None  # the shorthand query, `{ ... }`
            depth += 1
        elif token.kind is TokenKind.BRACE_R:
            depth -= 1
            fragment = fragment and depth > 0
        elif depth == 0 and token.kind is TokenKind.NAME:
            if token.value in _OPERATIONS:
                following = lexer.advance()
                return following.value if following.kind is TokenKind.NAME else None
            if token.value == "fragment":
                fragment = True
        token = lexer.advance()
    return None


class OperationTelemetry(SchemaExtension):
    """Name each operation for the request's telemetry, and trace it."""

    def on_operation(self) -> Iterator[None]:
        """Around the whole operation: parsing, validation and execution."""
        # Noted in `finally`: a stream refused before its first result (a WebSocket operation
        # that does not validate) is closed where it stands, and is an operation all the same.
        traced = tracer()
        if traced is None:
            try:
                yield
            finally:
                self._note()
            return
        span = traced.start_span("graphql.operation", context=self._parent(), kind=SpanKind.SERVER)
        record = current_request()
        if record is not None:
            span.set_attribute("mailgql.request_id", record.request_id)
        with use_span(span, end_on_exit=True):
            try:
                yield
            finally:
                self._note(span)

    def _parent(self) -> Any:
        """The caller's trace context, from the request's ``traceparent`` header, if any."""
        request = getattr(self.execution_context.context, "request", None)
        headers = getattr(request, "headers", None)
        return propagate.extract(headers) if headers is not None else None

    def _note(self, span: Span | None = None) -> None:
        context = self.execution_context
        name = context.operation_name
        kind: str | None
        try:
            kind = context.operation_type.value
        except RuntimeError:  # no document: it did not parse
            kind = None
        label = bounded_name(name) if kind is not None or name is not None else UNKNOWN
        result = context.result
        errors = (result.errors if result is not None else None) or context.pre_execution_errors
        record = current_request()
        if record is not None:
            record.operation = label
            record.operation_type = kind
            if record.websocket:
                record.operations += 1
                outcome = "graphql_error" if errors else "success"
                gateway_metrics().websocket_operation(label, outcome)
        if span is None:
            return
        span.update_name(f"{kind or 'unknown'} {label}")
        span.set_attribute("graphql.operation.name", label)
        if kind is not None:
            span.set_attribute("graphql.operation.type", kind)
        if errors:
            span.set_attribute("mailgql.errors", len(errors))
            span.set_status(Status(StatusCode.ERROR, "the operation returned errors"))
