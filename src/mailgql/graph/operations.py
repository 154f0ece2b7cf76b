"""GraphQL's GetOperation rule: a document with several operations needs ``operationName``.

Strawberry runs the first operation of such a document when the request names none; the
specification refuses it instead. The schema's entry points note whether the request named an
operation (:func:`note_operation_name`), and :class:`RequireOperationName` refuses the document
after validation, in place of executing it: an invalid document reports its validation errors
first, as the specification orders the steps.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextvars import ContextVar

from graphql import ExecutionResult, GraphQLError, OperationDefinitionNode
from strawberry.extensions import SchemaExtension

from mailgql.graph.errors import ErrorCode

__all__ = ["RequireOperationName", "note_operation_name"]

# Set on entry by each schema entry point of the running task (execute, stream), so a value left
# over from an earlier operation of the same task is always replaced before it is read.
_NAMED: ContextVar[bool] = ContextVar("mailgql_operation_named", default=True)


def note_operation_name(name: str | None) -> None:
    """Remember, for the operation the running task is about to run, whether it was named."""
    _NAMED.set(name is not None)


class RequireOperationName(SchemaExtension):
    """Refuse a valid document holding several operations when the request named none."""

    def on_execute(self) -> Iterator[None]:
        """Before execution: pick the operation as GraphQL's GetOperation() does."""
        context = self.execution_context
        document = context.graphql_document
        if not _NAMED.get() and document is not None and context.result is None:
            operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
            if len(operations) > 1:
                # Strawberry runs nothing when a result is already set.
                context.result = ExecutionResult(
                    data=None,
                    errors=[
                        GraphQLError(
                            "the document has several operations: give operationName",
                            extensions={"code": ErrorCode.BAD_USER_INPUT},
                        )
                    ],
                )
        yield
