"""Each operation's upstream deadline and call budget, and how much of its errors clients see.

An operation (a query or mutation over HTTP, Server-Sent Events or a WebSocket) runs inside a
:func:`~mailgql.upstreams.scope.call_scope` of ``MAILGQL_REQUEST_DEADLINE`` seconds and
``MAILGQL_MAX_UPSTREAM_CALLS`` calls, opened when its execution starts: the send path reads it
from a context variable in every task the operation starts. It is opened here, per operation,
rather than in the context getter, because a WebSocket builds one context for all the operations
of its connection. A subscription's events get no scope: it may run for as long as the client
listens.
"""

from __future__ import annotations

from collections.abc import Iterator

from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from mailgql.graph.context import Context
from mailgql.graph.errors import error_details
from mailgql.upstreams.scope import call_scope

__all__ = ["UpstreamScope"]


class UpstreamScope(SchemaExtension):
    """Open the operation's deadline and call budget (and its error detail setting) for the
    length of its execution."""

    def on_execute(self) -> Iterator[None]:
        """Around execution: the scope of the operation's upstream calls."""
        context = self.execution_context.context
        if not isinstance(context, Context) or self._is_subscription():
            yield
            return
        settings = context.settings
        with (
            error_details(settings.debug_errors),
            call_scope(seconds=settings.request_deadline, max_calls=settings.max_upstream_calls),
        ):
            yield

    def _is_subscription(self) -> bool:
        try:
            return self.execution_context.operation_type is OperationType.SUBSCRIPTION
        except RuntimeError:  # no document: nothing will run
            return True
