"""The schema: Query, Mutation and Subscription, the Node types, and how errors reach clients.

Nothing here runs at import: :func:`build_schema` makes a schema when the app or the schema
command asks for one.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Iterator
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.schema import StreamResult
from strawberry.types import ExecutionResult, StreamExecutionResult
from strawberry.types.graphql import OperationType

from mailgql.auth.authorization import MutationAuthorization
from mailgql.graph.accounts import Account
from mailgql.graph.call_scope import UpstreamScope
from mailgql.graph.campaign_tags import CampaignTag
from mailgql.graph.campaigns import Campaign
from mailgql.graph.context import Context
from mailgql.graph.documents import DocumentCache
from mailgql.graph.emails import Email, EmailTemplate
from mailgql.graph.errors import ErrorCode, extensions_for, message_for
from mailgql.graph.federation import SubgraphQuery, SubgraphSchema
from mailgql.graph.lists import MailingList
from mailgql.graph.media import Attachment, MediaFile
from mailgql.graph.mutations import Mutation
from mailgql.graph.newsletters import Newsletter
from mailgql.graph.operations import RequireOperationName, note_operation_name
from mailgql.graph.queries import Query
from mailgql.graph.resolution import streamline
from mailgql.graph.scalars import SCALAR_MAP
from mailgql.graph.segments import Segment
from mailgql.graph.streams import Subscription
from mailgql.graph.value_echoes import without_values
from mailgql.limits import PacedExecutionContext, RequestLimits
from mailgql.telemetry.operations import OperationTelemetry
from mailgql.upstreams.errors import UpstreamError

__all__ = ["NODE_TYPES", "PARSE_FAILED", "VALIDATION_FAILED", "ErrorTranslation", "build_schema"]

logger = logging.getLogger("mailgql.graph")

PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
"""``extensions.code`` of a syntax error in the document."""
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
"""``extensions.code`` of a document that does not validate against the schema."""

NODE_TYPES: list[type] = [Account, MailingList, Segment, Newsletter, Campaign]
NODE_TYPES += [CampaignTag, Email, EmailTemplate, MediaFile, Attachment]
"""Every type implementing Node (listed so that each appears in the schema)."""


def _translate(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    # graphql-core's own refusals of the request (a variable that does not coerce, say) have no
    # field path and wrap its own error: their message is meant for the client, less the value.
    if original is None or (error.path is None and isinstance(original, GraphQLError)):
        return without_values(error) if error.path is None else error
    extensions = extensions_for(original)
    if extensions is None:
        logger.error("unexpected error at %s", error.path, exc_info=original)
        return GraphQLError(
            "Internal server error",
            nodes=error.nodes,
            path=error.path,
            extensions={"code": ErrorCode.INTERNAL_SERVER_ERROR},
        )
    if isinstance(original, UpstreamError):
        logger.warning("%r at %s", original, error.path)
    return GraphQLError(
        message_for(original) if isinstance(original, UpstreamError) else error.message,
        nodes=error.nodes,
        path=error.path,
        original_error=original,
        extensions=extensions,
    )


def _with_code(errors: list[GraphQLError] | None, code: str) -> None:
    # The same error objects may sit in the document cache: the code is the same every time.
    for error in errors or ():
        extensions = error.extensions or {}
        if "code" not in extensions:
            error.extensions = {**extensions, "code": code}


class ErrorTranslation(SchemaExtension):
    """Give our errors their extensions, mask the rest, and add fan-out partial errors.

    Errors raised before execution get the code of the step that raised them
    (``GRAPHQL_PARSE_FAILED``, ``GRAPHQL_VALIDATION_FAILED``), so every transport reports them
    alike.
    """

    def on_parse(self) -> Iterator[None]:
        """After parsing: a syntax error gets its code."""
        yield
        _with_code(self.execution_context.pre_execution_errors, PARSE_FAILED)

    def on_validate(self) -> Iterator[None]:
        """After validation: each validation error gets its code, and loses any value it
        repeats."""
        yield
        errors = self.execution_context.pre_execution_errors
        _with_code(errors, VALIDATION_FAILED)
        for error in errors or ():
            without_values(error)

    def on_execute(self) -> Iterator[None]:
        """After execution: rewrite the result's errors."""
        yield
        result = self.execution_context.result
        if result is None:
            return
        errors = [_translate(e) for e in (result.errors or [])]
        context = self.execution_context.context
        if isinstance(context, Context):
            for partial in context.partial_errors:
                extensions = extensions_for(partial.error) or {
                    "code": ErrorCode.INTERNAL_SERVER_ERROR
                }
                errors.append(
                    GraphQLError(
                        message_for(partial.error), path=list(partial.path), extensions=extensions
                    )
                )
        if errors and not self._is_mutation():
            # A write's outcome belongs to mutations; a query that failed at a call sent as a
            # write (an Oempro login opening a session) changed nothing a client asked for.
            for error in errors:
                if error.extensions and "outcome" in error.extensions:
                    error.extensions = {k: v for k, v in error.extensions.items() if k != "outcome"}
        result.errors = errors or None

    def on_stream_result(self, result: StreamExecutionResult) -> Iterator[None]:
        """Before each event of a subscription goes out: translate and mask its errors."""
        # Queries and mutations over a stream were translated by on_execute already; only a
        # subscription's events (and a refusal to start one) come here untranslated.
        if isinstance(result, ExecutionResult) and result.errors and self._is_subscription():
            result.errors = [_translate(e) for e in result.errors]
        yield

    def _is_mutation(self) -> bool:
        try:
            return self.execution_context.operation_type is OperationType.MUTATION
        except RuntimeError:  # no document: nothing ran
            return False

    def _is_subscription(self) -> bool:
        try:
            return self.execution_context.operation_type is OperationType.SUBSCRIPTION
        except RuntimeError:  # no document (a syntax error): nothing ran to translate
            return False


_EXECUTE = inspect.signature(strawberry.Schema.execute)
_STREAM = inspect.signature(strawberry.Schema.stream)


def _operation_name(
    entry: inspect.Signature, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> str | None:
    """The ``operation_name`` a call of a schema entry point passes, by keyword or position."""
    name: str | None = entry.bind(None, *args, **kwargs).arguments.get("operation_name")
    return name


class _Schema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        # Errors are logged once, by ErrorTranslation, with secrets-free messages.
        return None

    # Both entry points take Strawberry's arguments as they are: only the operation name is read.
    async def execute(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        """Strawberry's execute, noting whether the request named its operation."""
        note_operation_name(_operation_name(_EXECUTE, args, kwargs))
        return await super().execute(*args, **kwargs)

    async def stream(self, *args: Any, **kwargs: Any) -> StreamResult:
        """Strawberry's stream (SSE, WebSocket), noting whether the request named its operation."""
        # The stream is consumed in this task or in one it starts later, which sees the note.
        note_operation_name(_operation_name(_STREAM, args, kwargs))
        return await super().stream(*args, **kwargs)


class _Subgraph(_Schema, SubgraphSchema):
    """The same schema as an Apollo Federation 2 subgraph (:mod:`.federation`)."""


def build_schema(
    *, documents: DocumentCache | None = None, federation: bool = False
) -> strawberry.Schema:
    """A new schema, with its own document cache unless one is given (the app and the schema
    command each build theirs; a test may pass a cache to read its counters), its fields
    resolved directly where Strawberry's wrapping changes nothing (:mod:`.resolution`); an
    Apollo Federation 2 subgraph with ``federation`` (``MAILGQL_FEDERATION``)."""
    cache = documents if documents is not None else DocumentCache()
    schema_class, query = (_Subgraph, SubgraphQuery) if federation else (_Schema, Query)
    schema = schema_class(
        query=query,
        mutation=Mutation,
        subscription=Subscription,
        types=NODE_TYPES,
        extensions=[
            OperationTelemetry,
            cache.extension(),
            RequireOperationName,
            MutationAuthorization,
            RequestLimits,
            UpstreamScope,
            ErrorTranslation,
        ],
        config=StrawberryConfig(auto_camel_case=True, scalar_map=SCALAR_MAP),
        execution_context_class=PacedExecutionContext,
    )
    streamline(schema)
    return schema
