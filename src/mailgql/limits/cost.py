"""What one operation asks of the gateway, measured on its document before anything runs.

Four numbers, each with fragments (named and inline) expanded where they are spread:

- **depth**: fields on the longest path from the root (``{ me { username } }`` is 2; a fragment
  adds no level);
- **aliases**: fields selected under an alias;
- **root fields**: fields selected at the operation's root;
- **cost**: how many items the operation may make the gateway read upstream. A connection (a
  field with ``first``) costs its page size, and a field with a list argument (``nodes(ids:)``)
  the list's length, each times the *multiplier* of where it sits: 1 at the root, multiplied by
  the page size or list length of every such field above. Other fields cost nothing (they come
  with the items their connection reads, or are bounded by depth). So
  ``subAccounts(first: 50) { nodes { inheritedLists(first: 50) { totalCount } } }`` costs
  ``50 + 50 × 50``. A page size is the ``first`` given (literally or by a variable), else the
  argument's default (the largest page when it has none), clamped to ``0..max_page_size`` (a
  larger one is refused by the field itself). Every branch of a selection counts, whatever its
  type condition, ``@skip`` or ``@include`` says.

Introspection (``__schema``, ``__type``) reads no platform: such a field counts as one level and
nothing under it is measured; :class:`Measures` lists them so that they can be refused when
introspection is off. Each named fragment is measured once per operation (its cost scales with
the multiplier where it is spread), so a document that spreads fragments into each other many
times is measured in time linear in its size; a fragment spread inside itself counts nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FloatValueNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    NullValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValueNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_list_type,
    value_from_ast_untyped,
)

__all__ = ["INTROSPECTION_FIELDS", "Measures", "measure_operation"]

INTROSPECTION_FIELDS = frozenset({"__schema", "__type", "_service"})
"""The fields that introspect the schema (``__typename`` is not one of them): ``_service``, a
federation subgraph's SDL, tells as much."""


@dataclass(frozen=True, slots=True)
class Measures:
    """The numbers the limits are checked against, for one operation and its variables."""

    depth: int
    aliases: int
    root_fields: int
    cost: int
    introspection: tuple[str, ...]
    """The introspection fields selected, in the order first met."""


@dataclass(slots=True)
class _Tally:
    """One selection set measured at multiplier 1 (costs scale linearly with the multiplier)."""

    depth: int = 0
    aliases: int = 0
    fields: int = 0
    cost: int = 0
    introspection: dict[str, None] = field(default_factory=dict)

    def add(self, other: _Tally, *, levels: int = 0, factor: int = 1) -> None:
        """Add what a nested selection set holds: ``levels`` below this one, at ``factor``."""
        self.depth = max(self.depth, levels + other.depth)
        self.aliases += other.aliases
        self.cost += factor * other.cost
        self.introspection.update(other.introspection)


_EMPTY = _Tally()


class _Measurer:
    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        operation: OperationDefinitionNode,
        variables: Mapping[str, Any],
        max_page_size: int,
    ) -> None:
        self.schema = schema
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.variables = dict(variables)
        for definition in operation.variable_definitions or ():
            name = definition.variable.name.value
            if name not in self.variables and definition.default_value is not None:
                self.variables[name] = value_from_ast_untyped(definition.default_value)
        self.max_page_size = max_page_size
        self.done: dict[str, _Tally] = {}
        self.open: set[str] = set()

    def selections(
        self, selection_set: SelectionSetNode, parent: GraphQLNamedType | None
    ) -> _Tally:
        """Measure a selection set of ``parent`` (at multiplier 1)."""
        tally = _Tally()
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                self.field(tally, selection, parent)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                kind = parent if condition is None else self.schema.get_type(condition.name.value)
                inner = self.selections(selection.selection_set, kind)
                tally.fields += inner.fields
                tally.add(inner)
            elif isinstance(selection, FragmentSpreadNode):
                inner = self.fragment(selection.name.value)
                tally.fields += inner.fields
                tally.add(inner)
        return tally

    def fragment(self, name: str) -> _Tally:
        """A named fragment, measured once per operation; a spread inside itself counts nothing."""
        if name in self.done:
            return self.done[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.open:
            return _EMPTY
        self.open.add(name)
        try:
            kind = self.schema.get_type(definition.type_condition.name.value)
            tally = self.selections(definition.selection_set, kind)
        finally:
            self.open.discard(name)
        self.done[name] = tally
        return tally

    def field(self, tally: _Tally, node: FieldNode, parent: GraphQLNamedType | None) -> None:
        """Count one field, and what it selects, into ``tally``."""
        tally.fields += 1
        if node.alias is not None:
            tally.aliases += 1
        tally.depth = max(tally.depth, 1)
        name = node.name.value
        if name in INTROSPECTION_FIELDS:
            tally.introspection[name] = None
            return
        definition = _field_of(parent, name)
        if definition is None or node.selection_set is None:
            return  # a scalar, __typename, or a field the schema lacks (validation reports it)
        kind = get_named_type(definition.type)
        size = self.page_size(node, definition)
        if size is None:
            size = self.list_length(node, definition)
        if size is None:
            size = 1
        else:
            tally.cost += size
        tally.add(self.selections(node.selection_set, kind), levels=1, factor=size)

    def page_size(self, node: FieldNode, definition: GraphQLField) -> int | None:
        """A connection's page size, or None for a field without ``first``."""
        argument = definition.args.get("first")
        if argument is None:
            return None
        given = _argument(node, "first")
        size = None if given is None else _as_int(self.value(given))
        if size is None:
            default = argument.default_value
            size = default if isinstance(default, int) else self.max_page_size
        return min(max(size, 0), self.max_page_size)

    def list_length(self, node: FieldNode, definition: GraphQLField) -> int | None:
        """The length of the longest list argument given, or None for a field without one."""
        lengths = []
        for name, argument in definition.args.items():
            if not is_list_type(get_nullable_type(argument.type)):
                continue
            given = _argument(node, name)
            if given is not None:
                lengths.append(self.length(given))
        return max(lengths) if lengths else None

    def length(self, node: ValueNode) -> int:
        """How many items a list argument holds (a single value is coerced to a list of one)."""
        if isinstance(node, ListValueNode):
            return len(node.values)
        if isinstance(node, NullValueNode):
            return 0
        value = self.value(node)
        if value is None:
            return 0
        return len(value) if isinstance(value, list | tuple) else 1

    def value(self, node: ValueNode) -> Any:
        """An argument's value: its literal, or the variable's value (or its default)."""
        if isinstance(node, VariableNode):
            return self.variables.get(node.name.value)
        if isinstance(node, IntValueNode):
            return int(node.value)
        if isinstance(node, FloatValueNode):
            return float(node.value)
        return None


def _field_of(parent: GraphQLNamedType | None, name: str) -> GraphQLField | None:
    if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        found: GraphQLField | None = parent.fields.get(name)
        return found
    return None


def _argument(node: FieldNode, name: str) -> ValueNode | None:
    for argument in node.arguments or ():
        if argument.name.value == name:
            return argument.value
    return None


def _as_int(value: object) -> int | None:
    """An Int argument's value as GraphQL coerces it (an integral float too), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def measure_operation(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any] | None,
    *,
    max_page_size: int,
) -> Measures:
    """Measure ``operation`` of ``document`` with the request's (raw) ``variables``."""
    root = schema.get_root_type(operation.operation)
    measurer = _Measurer(schema, document, operation, variables or {}, max_page_size)
    tally = measurer.selections(operation.selection_set, root)
    return Measures(
        depth=tally.depth,
        aliases=tally.aliases,
        root_fields=tally.fields,
        cost=tally.cost,
        introspection=tuple(tally.introspection),
    )
