"""Each document is parsed and validated once: the schema's document cache, read through its
counters, the public hook :class:`~mailgql.graph.DocumentCache` offers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from graphql import parse

from mailgql.app import create_app
from mailgql.graph import DocumentCache, DocumentCacheStats, build_schema
from mailgql.settings import Settings

GRJ = "application/graphql-response+json"
JSON = "application/json"


@asynccontextmanager
async def serving(cache: DocumentCache) -> AsyncIterator[httpx.AsyncClient]:
    """The gateway (no platform configured) on a schema that uses ``cache``."""
    app = create_app(Settings(cache_ttl=0), schema=build_schema(documents=cache))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as client,
    ):
        yield client


async def post(
    client: httpx.AsyncClient, body: dict[str, Any], accept: str = GRJ
) -> httpx.Response:
    return await client.post("/graphql", json=body, headers={"Accept": accept})


def stats(
    *, parses: int, validations: int, hits: int, entries: int, chars: int
) -> DocumentCacheStats:
    return DocumentCacheStats(
        parses=parses, validations=validations, hits=hits, entries=entries, chars=chars
    )


async def test_the_same_document_twice_is_parsed_and_validated_once():
    cache = DocumentCache()
    document = "query Twice { __typename }"

    async with serving(cache) as client:
        first = await post(client, {"query": document})
        second = await post(client, {"query": document})

    assert first.json() == second.json() == {"data": {"__typename": "Query"}}
    assert cache.stats == stats(parses=1, validations=1, hits=1, entries=1, chars=len(document))


async def test_one_request_parses_and_validates_once():
    cache = DocumentCache()

    async with serving(cache) as client:
        response = await post(client, {"query": "{ a: __typename b: __typename }"})

    assert response.status_code == 200
    assert (cache.stats.parses, cache.stats.validations, cache.stats.hits) == (1, 1, 0)


@pytest.mark.parametrize(("accept", "status"), [(GRJ, 400), (JSON, 200)])
async def test_a_document_failing_validation_is_refused_every_time(accept, status):
    cache = DocumentCache()
    document = "{ thisFieldDoesNotExist }"

    async with serving(cache) as client:
        responses = [await post(client, {"query": document}, accept) for _ in range(3)]

    for response in responses:
        assert response.status_code == status
        [error] = response.json()["errors"]
        assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
        assert "thisFieldDoesNotExist" in error["message"]
        assert "data" not in response.json()
    assert (cache.stats.parses, cache.stats.validations, cache.stats.hits) == (1, 1, 2)


async def test_a_syntax_error_is_not_kept_and_is_refused_every_time():
    cache = DocumentCache()

    async with serving(cache) as client:
        responses = [await post(client, {"query": "{ broken"}) for _ in range(2)]

    assert [r.status_code for r in responses] == [400, 400]
    assert {r.json()["errors"][0]["extensions"]["code"] for r in responses} == {
        "GRAPHQL_PARSE_FAILED"
    }
    assert cache.stats == stats(parses=2, validations=0, hits=0, entries=0, chars=0)


async def test_variables_do_not_split_the_cache_and_are_coerced_each_time():
    cache = DocumentCache()
    document = "query($name: String!) { __type(name: $name) { name } }"

    async with serving(cache) as client:
        found = await post(client, {"query": document, "variables": {"name": "Account"}})
        refused = await post(client, {"query": document, "variables": {"name": 7}})

    assert found.json() == {"data": {"__type": {"name": "Account"}}}
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert (cache.stats.parses, cache.stats.validations, cache.stats.hits) == (1, 1, 1)


async def test_a_document_that_needs_an_operation_name_is_refused_but_stays_valid():
    cache = DocumentCache()
    document = "query A { a: __typename } query B { b: __typename }"

    async with serving(cache) as client:
        unnamed = await post(client, {"query": document})
        named = await post(client, {"query": document, "operationName": "B"})

    assert unnamed.status_code == 400
    assert unnamed.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert named.json() == {"data": {"b": "Query"}}
    assert (cache.stats.parses, cache.stats.validations) == (1, 1)


# -- the cache on its own ----------------------------------------------------------------------


def test_the_least_recently_used_document_goes_first():
    cache = DocumentCache(max_entries=2)
    for text in ("{ a }", "{ b }"):
        cache.record_parse(text, parse(text))
    assert cache.document("{ a }") is not None  # a is now the most recent

    cache.record_parse("{ c }", parse("{ c }"))

    assert cache.document("{ b }") is None
    assert cache.document("{ a }") is not None
    assert cache.document("{ c }") is not None
    assert cache.stats.entries == 2


def test_the_text_held_is_bounded_and_an_oversized_document_is_not_kept():
    cache = DocumentCache(max_chars=12)
    cache.record_parse("{ aaaa }", parse("{ aaaa }"))
    cache.record_parse("{ bbbb }", parse("{ bbbb }"))  # 16 chars in all: aaaa goes

    assert cache.document("{ aaaa }") is None
    assert cache.stats.chars == 8
    long = "{ " + "x" * 20 + " }"
    cache.record_parse(long, parse(long))
    assert cache.document(long) is None
    assert cache.document("{ bbbb }") is not None


def test_validation_is_kept_with_its_document_only():
    cache = DocumentCache()
    cache.record_parse("{ a }", parse("{ a }"))

    assert cache.validation("{ a }") is None
    cache.record_validation("{ a }", [])
    cache.record_validation("{ never parsed }", [])

    assert cache.validation("{ a }") == ()
    assert cache.validation("{ never parsed }") is None
    assert cache.stats.validations == 2


def test_a_cache_needs_room():
    with pytest.raises(ValueError, match="at least one document"):
        DocumentCache(max_entries=0)
