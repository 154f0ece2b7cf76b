"""Authorization of mutations: a schema extension that refuses, before execution, a mutation
whose root fields need a role beyond the caller's.

Why an extension rather than the HTTP view: a mutation reaches the schema by three roads
(``POST /graphql``, a POST asking for Server-Sent Events, and a ``subscribe`` message on a
WebSocket, which Strawberry runs through ``Schema.stream``), and only the schema sees all three.
Its ``on_execute`` hook runs after the document was parsed and validated, so the operation and
every root field it selects (through fragments too) are known, and setting a result there
stops Strawberry from executing anything: no root field runs, none of them partly, and nothing
is sent upstream. Who the caller is comes from the connection the gate bound it to
(:func:`~mailgql.auth.principal.principal_of`); an operation whose connection was never
admitted may run no mutation at all.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationType,
    SelectionSetNode,
    get_operation_ast,
)
from strawberry.extensions import SchemaExtension

from mailgql.auth.gate import FORBIDDEN, UNAUTHENTICATED
from mailgql.auth.principal import principal_of
from mailgql.auth.roles import required_role

__all__ = ["MutationAuthorization", "mutation_root_fields"]


def mutation_root_fields(document: DocumentNode, operation_name: str | None) -> list[str] | None:
    """The root fields the operation to run selects, when it is a mutation (None otherwise)."""
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation is not OperationType.MUTATION:
        return None
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    return list(dict.fromkeys(_fields(operation.selection_set, fragments, set())))


def _fields(
    selection_set: SelectionSetNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    seen: set[str],
) -> Iterator[str]:
    # Every field counts, @skip and @include notwithstanding: a role is checked on the document.
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield selection.name.value
        elif isinstance(selection, InlineFragmentNode):
            yield from _fields(selection.selection_set, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            if fragment is not None and name not in seen:
                seen.add(name)
                yield from _fields(fragment.selection_set, fragments, seen)


class MutationAuthorization(SchemaExtension):
    """Refuse a mutation whose fields need a role the caller lacks (``FORBIDDEN``, naming the
    role needed), before any of it runs."""

    def on_execute(self) -> Iterator[None]:
        """Before execution: check the operation's root fields against the caller's role."""
        context = self.execution_context
        document = context.graphql_document
        if context.result is None and document is not None:
            fields = mutation_root_fields(document, context.operation_name)
            if fields is not None:
                error = _refusal(getattr(context.context, "request", None), fields)
                if error is not None:
                    _forbidden_status(context.context, error)
                    # Strawberry runs nothing when a result is already set.
                    context.result = ExecutionResult(data=None, errors=[error])
        yield


def _refusal(connection: object, fields: list[str]) -> GraphQLError | None:
    principal = principal_of(connection)
    needed = required_role(fields)
    if principal is None:
        return GraphQLError(
            "this connection was not admitted: no mutation may run",
            extensions={"code": UNAUTHENTICATED},
        )
    if principal.role.allows(needed):
        return None
    beyond = [f for f in fields if not principal.role.allows(required_role([f]))]
    return GraphQLError(
        f"{', '.join(beyond)} needs the {needed.value} role; this API key has the "
        f"{principal.role.value} role",
        extensions={"code": FORBIDDEN, "requiredRole": needed.value},
    )


def _forbidden_status(context: object, error: GraphQLError) -> None:
    """Over HTTP, the answer's status: 403 (401 for a connection never admitted)."""
    response = getattr(context, "response", None)
    if response is not None and hasattr(response, "status_code"):
        code = (error.extensions or {}).get("code")
        response.status_code = 401 if code == UNAUTHENTICATED else 403
