"""The graph as an Apollo Federation 2 subgraph (``MAILGQL_FEDERATION``).

A federation router composes mailgql with other subgraphs and asks it for objects by key:

- ``Account``, ``Campaign`` and ``MailingList`` carry ``@key(fields: "id")``: the global ID is
  the key, so another subgraph may extend them (``type Account @key(fields: "id")``) knowing
  only the IDs mailgql hands out;
- ``_entities(representations:)`` answers the router's ``{__typename, id}`` representations
  through the same platform reads as ``node(id:)``, all of them started at once, so that the
  loaders batch them as they batch ``nodes(ids:)``. A representation naming another type,
  carrying no ID of ours or naming an unconfigured platform is null with a typed error at its
  index (``_entities.<i>``); the others still answer. At most :data:`MAX_REPRESENTATIONS`;
  the cost rules count the representations as they count the IDs of ``nodes(ids:)``;
- ``_service { sdl }`` is the subgraph's SDL, with the ``@link`` to Federation and the keys.
  It describes the whole schema, so it counts as introspection (``MAILGQL_INTROSPECTION``).

The types keep their one definition: the keys are added to this schema's GraphQL types only
(:class:`SubgraphSchema`), so the default schema and ``schema.graphql`` do not change.
"""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Iterable, Mapping
from functools import cached_property
from typing import Annotated, Any, Final

import strawberry
from graphql import GraphQLNamedType
from strawberry.federation import Schema as FederationSchema
from strawberry.federation.schema import FederationAny
from strawberry.federation.schema_directives import Key
from strawberry.federation.types import FieldSet
from strawberry.printer import print_schema
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.base import get_object_definition
from strawberry.types.unset import UNSET

from mailgql.graph.accounts import Account
from mailgql.graph.campaigns import Campaign
from mailgql.graph.context import Info
from mailgql.graph.dispatch import platform_graph
from mailgql.graph.errors import BadUserInput
from mailgql.graph.ids import decode_id
from mailgql.graph.lists import MailingList
from mailgql.graph.node import Node
from mailgql.graph.queries import MAX_NODES, Query

__all__ = [
    "ENTITY_TYPES",
    "FEDERATION_VERSION",
    "MAX_REPRESENTATIONS",
    "SubgraphQuery",
    "SubgraphSchema",
]

FEDERATION_VERSION: Final = "2.3"
"""The Federation 2 version the subgraph links to (``@link(url: ".../federation/v2.3")``)."""

ENTITY_TYPES: tuple[type, ...] = (Account, Campaign, MailingList)
"""The types other subgraphs may extend, each keyed by its global ID."""

MAX_REPRESENTATIONS = MAX_NODES
"""The most representations one ``_entities`` call takes: as many IDs as ``nodes(ids:)``."""

_ENTITY_NAMES = frozenset(t.__name__ for t in ENTITY_TYPES)

Entity = Annotated[
    Account | Campaign | MailingList,
    strawberry.union(
        "_Entity", description="An object other subgraphs may extend: one with a @key."
    ),
]

_ANY = strawberry.scalar(
    name="_Any",
    description="A representation of an entity, as a federation router sends it: "
    '`{"__typename": "Account", "id": "<global ID>"}`.',
    serialize=lambda value: value,
    parse_value=lambda value: value,
)


@strawberry.type(name="_Service", description="This subgraph, as a federation router reads it.")
class Service:
    """This subgraph, as a federation router reads it."""

    sdl: str = strawberry.field(
        description="The subgraph's schema in SDL, with its @link to Federation and its keys."
    )


def _refused(index: int, message: str, *, part: str | None = None) -> BadUserInput:
    field = ("representations", str(index), *((part,) if part is not None else ()))
    return BadUserInput(f"representation {index}: {message}", field=field)


async def _entity(info: Info, index: int, representation: object) -> Node | None:
    """One representation's object; None when it no longer exists (as ``node(id:)``)."""
    if not isinstance(representation, Mapping):
        raise _refused(index, "expected an object with __typename and id")
    type_name = representation.get("__typename")
    if not isinstance(type_name, str) or type_name not in _ENTITY_NAMES:
        raise _refused(
            index,
            f"__typename must be one of {', '.join(sorted(_ENTITY_NAMES))}, "
            f"not {str(type_name)[:100]!r}",
            part="__typename",
        )
    value = representation.get("id")
    if not isinstance(value, str):
        raise _refused(index, f"a {type_name} needs its global ID in id", part="id")
    decoded = decode_id(value, expect=type_name, field=("representations", str(index), "id"))
    return await platform_graph(info, decoded.platform).node(info, type_name, decoded.key)


@strawberry.type(name="Query", description=get_object_definition(Query, strict=True).description)
class SubgraphQuery(Query):
    """The root query fields, and those a federation router asks a subgraph."""

    @strawberry.field(
        name="_entities",
        description="Objects by key, for a federation router: each representation is "
        '`{"__typename": "Account" | "Campaign" | "MailingList", "id": "<global ID>"}`. In '
        "order; null for an object that no longer exists, and null with an error at its index "
        "for a representation naming another type, an ID that is not ours or an unconfigured "
        f"platform. Reads what `nodes(ids:)` reads, batched alike; at most "
        f"{MAX_REPRESENTATIONS} representations.",
    )
    def federation_entities(
        self,
        info: Info,
        representations: Annotated[
            list[FederationAny],
            strawberry.argument(description="What the router knows of each object."),
        ],
    ) -> list[Entity | None]:
        """The objects the representations name, each resolved on its own."""
        if len(representations) > MAX_REPRESENTATIONS:
            raise BadUserInput(
                f"_entities takes at most {MAX_REPRESENTATIONS} representations",
                field=("representations",),
            )
        # Awaitables, all started together by the executor: the loaders batch their reads, and
        # each one's error lands at its own index.
        found: list[Awaitable[Node | None]] = [
            _entity(info, i, r) for i, r in enumerate(representations)
        ]
        return found  # type: ignore[return-value]  # graphql-core awaits each item

    @strawberry.field(
        name="_service",
        description="This subgraph's SDL, for composing a supergraph. Counts as introspection: "
        "refused while MAILGQL_INTROSPECTION is off.",
    )
    def federation_service(self, info: Info) -> Service:
        """The subgraph's SDL."""
        schema = info.schema
        sdl = schema.subgraph_sdl if isinstance(schema, SubgraphSchema) else print_schema(schema)
        return Service(sdl=sdl)


class SubgraphSchema(FederationSchema):
    """Strawberry's Federation schema, with ``@key(fields: "id")`` on :data:`ENTITY_TYPES`.

    The keys go on this schema's GraphQL types only, before Strawberry collects the schema
    directives in use (which gives the ``@link`` importing ``@key``): the Python types, and
    every other schema built from them, stay as they are.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(
            federation_version=FEDERATION_VERSION,
            scalar_overrides={FederationAny: _ANY},
            **options,
        )

    def _collect_schema_directives(
        self,
        explicit_directive_types: Iterable[type],
        graphql_types: Iterable[GraphQLNamedType | None],
    ) -> list[type]:
        for entity in ENTITY_TYPES:
            definition = get_object_definition(entity, strict=True)
            keyed = copy.copy(definition)
            keyed.directives = [
                *(definition.directives or ()),
                Key(fields=FieldSet("id"), resolvable=UNSET),
            ]
            graphql_type = self.schema_converter.from_object(definition)
            graphql_type.extensions = {
                **graphql_type.extensions,
                GraphQLCoreConverter.DEFINITION_BACKREF: keyed,
            }
        return super()._collect_schema_directives(explicit_directive_types, graphql_types)

    @cached_property
    def subgraph_sdl(self) -> str:
        """The SDL ``_service { sdl }`` answers (the schema is fixed once built)."""
        return print_schema(self)
