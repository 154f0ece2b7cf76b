"""The GraphQL graph: types, resolvers and the schema. Knows records and errors, never wires."""

from mailgql.graph.context import Context, build_context
from mailgql.graph.schema import build_schema, schema

__all__ = ["Context", "build_context", "build_schema", "schema"]
