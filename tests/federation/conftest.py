"""The gateway as a federation subgraph: its schema (built once, with a document cache of its
own), gateways opened with ``federation=True`` over the emulators, and entity queries."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator
from typing import Any

import pytest
import strawberry

from mailgql.emulators import Emulators, build_emulators
from mailgql.graph import DocumentCache, build_schema
from tests.conftest import Gateway, open_gateway

SUBGRAPH_DOCUMENTS = DocumentCache()
"""The document cache of the subgraph schema (apart from the suite's shared schema's)."""

ENTITIES = """
query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Account { id username platform }
    ... on Campaign { id legacyId platform }
    ... on MailingList { id legacyId name platform }
  }
}
"""
"""What a router asks: the entities, with the fields of each entity type."""

NODES = """
query Nodes($ids: [ID!]!) {
  nodes(ids: $ids) {
    __typename
    ... on Account { id username platform }
    ... on Campaign { id legacyId platform }
    ... on MailingList { id legacyId name platform }
  }
}
"""
"""The same objects and fields by ``nodes(ids:)``."""


@functools.cache
def _subgraph_schema() -> strawberry.Schema:
    return build_schema(documents=SUBGRAPH_DOCUMENTS, federation=True)


def subgraph_schema() -> strawberry.Schema:
    """The subgraph schema, built once per session, its document cache emptied for each call."""
    DocumentCache.__init__(SUBGRAPH_DOCUMENTS)
    return _subgraph_schema()


def open_subgraph(emulators: Emulators, **extra: Any) -> Any:
    """A gateway with ``MAILGQL_FEDERATION`` over ``emulators`` (``extra``: more settings)."""
    return open_gateway(emulators, schema=subgraph_schema(), federation=True, **extra)


def representations(type_name: str, ids: list[str]) -> dict[str, Any]:
    """The variables of :data:`ENTITIES` for objects of one type."""
    return {"representations": [{"__typename": type_name, "id": i} for i in ids]}


@pytest.fixture
async def subgraph(emulators: Emulators) -> AsyncIterator[Gateway]:
    """The subgraph in-process over the demo emulators (seed 1, small)."""
    async with open_subgraph(emulators) as gateway:
        yield gateway


@pytest.fixture(scope="module")
def large_emulators() -> Emulators:
    """The large seed (hundreds of accounts); read-only tests share it."""
    return build_emulators(seed=1, size="large")


@pytest.fixture
async def large_subgraph(large_emulators: Emulators) -> AsyncIterator[Gateway]:
    """The subgraph over the large seed, its call counters at zero."""
    async with open_subgraph(large_emulators) as gateway:
        await gateway.reset_calls()
        yield gateway
