"""The schema: Query and Mutation, the Node types, and how errors reach clients."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.schema.config import StrawberryConfig

from mailgql.graph.accounts import Account
from mailgql.graph.campaigns import Campaign
from mailgql.graph.context import Context
from mailgql.graph.errors import ErrorCode, extensions_for
from mailgql.graph.lists import MailingList
from mailgql.graph.mutations import Mutation
from mailgql.graph.newsletters import Newsletter
from mailgql.graph.queries import Query
from mailgql.graph.scalars import SCALAR_MAP
from mailgql.graph.segments import Segment
from mailgql.upstreams.errors import UpstreamError

__all__ = ["ErrorTranslation", "build_schema", "schema"]

logger = logging.getLogger("mailgql.graph")

NODE_TYPES: list[type] = [Account, MailingList, Segment, Newsletter, Campaign]
"""Every type implementing Node (listed so that each appears in the schema)."""


def _translate(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if original is None:
        return error
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
        error.message,
        nodes=error.nodes,
        path=error.path,
        original_error=original,
        extensions=extensions,
    )


class ErrorTranslation(SchemaExtension):
    """Give our errors their extensions, mask the rest, and add fan-out partial errors."""

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
                    GraphQLError(str(partial.error), path=list(partial.path), extensions=extensions)
                )
        result.errors = errors or None


class _Schema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        # Errors are logged once, by ErrorTranslation, with secrets-free messages.
        return None


def build_schema() -> strawberry.Schema:
    """A new schema object (the app and the schema command share one from here)."""
    return _Schema(
        query=Query,
        mutation=Mutation,
        types=NODE_TYPES,
        extensions=[ErrorTranslation],
        config=StrawberryConfig(auto_camel_case=True, scalar_map=SCALAR_MAP),
    )


schema = build_schema()
