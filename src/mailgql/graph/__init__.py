"""The GraphQL graph: types, resolvers and the schema. Knows records and errors, never wires.

Importing it builds nothing: :func:`build_schema` makes the schema when asked.
"""

# Registered first: strawberry reads an enum's description when a type first refers to it.
from mailgql.graph import platform_enum as _platform_enum  # noqa: F401  (isort: skip)
from mailgql.graph.context import Context, build_context
from mailgql.graph.documents import DocumentCache, DocumentCacheStats
from mailgql.graph.schema import build_schema

__all__ = ["Context", "DocumentCache", "DocumentCacheStats", "build_context", "build_schema"]
