"""The schema extension that checks each operation against the limits before it runs.

Why ``on_execute``: it runs after the document was parsed and validated (each document once, from
the document cache on a repeat) and before anything executes, on every road an operation takes
(``POST``/``GET /graphql``, Server-Sent Events, a WebSocket's ``subscribe``), with the request's
variables at hand, which a page size may come from. The checks run for every request, a cached
document included: nothing of their outcome is kept. The limits come from the request's
settings (``context.settings``), so every app, and every tenant, uses its own.

A refused query or mutation gets a result with only errors, set before Strawberry executes
(Strawberry then runs nothing): no resolver runs and nothing is sent upstream. Over HTTP this is
a request error (400 with ``application/graphql-response+json``, 200 with ``application/json``).
A subscription is refused by raising the first error, which Strawberry turns into the
stream's one result.

A long document (over ``OFFLOAD_CHARS``) is parsed, validated and measured in a worker thread,
so that the event loop goes on serving other requests meanwhile (graphql-core needs about a
second for a megabyte of fields); each step still runs once, before the next, as Strawberry
orders them. A long document that does not parse is parsed again by Strawberry, which reports
the syntax error the way it always does.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from graphql import ExecutionResult, GraphQLError, get_operation_ast, parse
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document
from strawberry.types.graphql import OperationType

from mailgql.limits.cost import measure_operation
from mailgql.limits.pacing import pacing_scope
from mailgql.limits.rules import Limits, refusals
from mailgql.settings import Settings

__all__ = ["OFFLOAD_CHARS", "RequestLimits"]

OFFLOAD_CHARS = 10_000
"""Documents longer than this are parsed, validated and measured in a worker thread."""

_DEFAULTS = Limits.of(Settings.model_construct())
"""The limits of a schema run without the gateway's context (the settings' defaults)."""


class RequestLimits(SchemaExtension):
    """Refuse an operation over a limit (``QUERY_TOO_COMPLEX``) or one that introspects while
    introspection is off (``INTROSPECTION_DISABLED``), before any of it runs."""

    def _long(self) -> bool:
        return len(self.execution_context.query or "") > OFFLOAD_CHARS

    async def on_parse(self) -> AsyncIterator[None]:
        """A long document not parsed yet (not in the document cache) is parsed in a thread."""
        context = self.execution_context
        if context.graphql_document is None and context.query and self._long():
            try:
                context.graphql_document = await asyncio.to_thread(
                    parse, context.query, **context.parse_options
                )
            except GraphQLError:
                pass  # left to Strawberry, which reports it as every syntax error
        yield

    async def on_validate(self) -> AsyncIterator[None]:
        """A long document not validated yet is validated in a thread, with Strawberry's rules."""
        context = self.execution_context
        document = context.graphql_document
        if (
            context.pre_execution_errors is None
            and document is not None
            and context.validation_rules
            and self._long()
        ):
            context.pre_execution_errors = await asyncio.to_thread(
                validate_document, context.schema._schema, document, context.validation_rules
            )
        yield

    async def on_execute(self) -> AsyncIterator[None]:
        """Before execution: measure the operation and refuse it if it breaks a limit."""
        context = self.execution_context
        if context.result is None and context.graphql_document is not None:
            errors = await asyncio.to_thread(self._refusals) if self._long() else self._refusals()
            if errors:
                if context.operation_type is OperationType.SUBSCRIPTION:
                    raise errors[0]
                # Strawberry runs nothing when a result is already set.
                context.result = ExecutionResult(data=None, errors=errors)
        async with pacing_scope():
            yield

    def _refusals(self) -> list[GraphQLError]:
        context = self.execution_context
        assert context.graphql_document is not None
        operation = get_operation_ast(context.graphql_document, context.operation_name)
        if operation is None:
            return []  # Strawberry refuses the request itself
        settings = getattr(context.context, "settings", None)
        limits = Limits.of(settings) if isinstance(settings, Settings) else _DEFAULTS
        measures = measure_operation(
            context.schema._schema,
            context.graphql_document,
            operation,
            context.variables,
            max_page_size=limits.max_page_size,
        )
        return refusals(measures, limits)
