"""Upstream reads kept across requests: hits, misses, TTLs, credentials kept apart,
``Cache-Control``, and a store that fails.

Every count is the emulators' own; answers are compared with those of a gateway without caches.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

import pytest

from mailgql.cache import MemoryBackend
from mailgql.emulators.maxmailer import MAXMAILER_ADMIN_LOGIN_ID, MAXMAILER_RESELLER_LOGIN_ID
from mailgql.platforms import Platform
from tests.conftest import open_gateway

V2 = Platform.V2REST
LISTS = """{ me(platform: V2REST) { subAccounts(first: 3) { nodes {
  username inheritedLists { totalCount nodes { name } } } } } }"""
LISTS_CALLS = 1 + 3
"""The listing, then one inherited-lists call per sub-account."""
NAMES = "{ me(platform: V2REST) { subAccounts(first: 2) { nodes { username } } } }"
SEGMENTS = """{ me(platform: V2REST) { subAccounts(first: 3) { nodes {
  username inheritedSegments { totalCount } } } } }"""
READS_ONLY: dict[str, Any] = {"cache_ttl": 30, "cache_responses": False}
"""Caching upstream reads, not whole answers: every request executes."""


class Clock:
    """Monotonic seconds that move only when a test says so."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


async def test_a_repeated_read_is_answered_from_the_cache(emulators):
    async with open_gateway(emulators) as plain:
        expected = await plain.query(LISTS)
        await plain.reset_calls()
    async with open_gateway(emulators, **READS_ONLY) as gateway:
        assert await gateway.query(LISTS) == expected
        assert await gateway.calls(V2) == LISTS_CALLS
        assert await gateway.query(LISTS) == expected
        assert await gateway.calls(V2) == LISTS_CALLS  # no call for the second


async def test_another_query_reuses_the_records_it_shares_and_reads_the_rest(emulators):
    async with open_gateway(emulators, **READS_ONLY) as gateway:
        await gateway.query(LISTS)
        await gateway.reset_calls()

        names = await gateway.query(NAMES)
        assert len(names["me"]["subAccounts"]["nodes"]) == 2
        assert await gateway.calls(V2) == 0  # the listing block is held

        await gateway.query(SEGMENTS)
        # the listing is held; each sub-account's segments are not
        assert await gateway.counts(V2) == {"GET /Users/InheritSegments": 3}


async def test_entries_expire_after_the_ttl(emulators):
    clock = Clock()
    backend = MemoryBackend(clock=clock)
    async with open_gateway(emulators, cache_backend=backend, **READS_ONLY) as gateway:
        await gateway.query(LISTS)
        clock.now += 29.9
        await gateway.query(LISTS)
        assert await gateway.calls(V2) == LISTS_CALLS  # still within 30 s

        clock.now += 0.2
        await gateway.query(LISTS)
        assert await gateway.calls(V2) == 2 * LISTS_CALLS


async def test_a_kind_keeps_its_own_ttl(emulators):
    clock = Clock()
    backend = MemoryBackend(clock=clock)
    kinds = {"v2rest.inherited_lists": 5}
    async with open_gateway(
        emulators, cache_backend=backend, cache_kind_ttl=kinds, **READS_ONLY
    ) as gateway:
        await gateway.query(LISTS)
        await gateway.reset_calls()
        clock.now += 6
        await gateway.query(LISTS)
        # the inherited lists expired after 5 s; the listing keeps the default 30 s
        assert await gateway.counts(V2) == {"GET /Users/InheritLists": 3}


async def test_a_ttl_of_zero_keeps_nothing(emulators):
    async with open_gateway(emulators, cache_ttl=0) as gateway:
        await gateway.query(LISTS)
        await gateway.query(LISTS)
        assert await gateway.calls(V2) == 2 * LISTS_CALLS


@pytest.mark.parametrize("answers", [False, True], ids=["reads", "reads-and-answers"])
async def test_one_set_of_credentials_never_reads_anothers_entries(emulators, answers):
    backend = MemoryBackend()  # one store, as two gateway processes would share one Redis
    me = "{ me(platform: MAXMAILER) { username accountType } }"
    settings = {"cache_ttl": 30, "cache_responses": answers}
    async with open_gateway(
        emulators, cache_backend=backend, maxmailer_login_id=MAXMAILER_ADMIN_LOGIN_ID, **settings
    ) as admin:
        as_admin = await admin.query(me)
        calls = await admin.calls(Platform.MAXMAILER)
        assert calls > 0
    async with open_gateway(
        emulators,
        cache_backend=backend,
        maxmailer_login_id=MAXMAILER_RESELLER_LOGIN_ID,
        **settings,
    ) as reseller:
        as_reseller = await reseller.query(me)
        assert await reseller.calls(Platform.MAXMAILER) == 2 * calls  # read for itself
        assert as_reseller != as_admin
        assert as_reseller["me"]["accountType"] == "reseller"
        assert await reseller.query(me) == as_reseller  # and now held for it
        assert await reseller.calls(Platform.MAXMAILER) == 2 * calls


async def test_no_cache_reads_upstream_and_refreshes_what_is_kept(emulators):
    async with open_gateway(emulators, **READS_ONLY) as gateway:
        expected = await gateway.query(LISTS)
        response = await gateway.client.post(
            "/graphql", json={"query": LISTS}, headers={"Cache-Control": "no-cache"}
        )
        assert response.json() == {"data": expected}
        assert await gateway.calls(V2) == 2 * LISTS_CALLS  # read again despite the entries

        await gateway.reset_calls()
        assert await gateway.query(LISTS) == expected
        assert await gateway.calls(V2) == 0


async def test_no_store_keeps_nothing_of_what_it_read(emulators):
    async with open_gateway(emulators, **READS_ONLY) as gateway:
        response = await gateway.client.post(
            "/graphql", json={"query": LISTS}, headers={"Cache-Control": "no-store"}
        )
        assert "errors" not in response.json()
        await gateway.query(LISTS)
        assert await gateway.calls(V2) == 2 * LISTS_CALLS


class UnreachableStore(MemoryBackend):
    """A store every operation of which fails, as a Redis server that went away does."""

    async def read(self, names: Any, generation: str) -> Any:
        raise ConnectionError("store unreachable")

    async def store(self, *args: Any, **kwargs: Any) -> bool:
        raise ConnectionError("store unreachable")

    async def invalidate(self, *args: Any, **kwargs: Any) -> None:
        raise ConnectionError("store unreachable")

    async def response(self, key: str) -> bytes | None:
        raise ConnectionError("store unreachable")

    async def store_response(self, *args: Any, **kwargs: Any) -> bool:
        raise ConnectionError("store unreachable")

    async def document(self, sha256: str) -> str | None:
        raise ConnectionError("store unreachable")

    async def store_document(self, sha256: str, text: str) -> None:
        raise ConnectionError("store unreachable")


async def test_a_store_that_fails_leaves_every_request_going_upstream(emulators, caplog):
    caplog.set_level(logging.ERROR, logger="mailgql.cache")
    async with open_gateway(emulators) as plain:
        expected = await plain.query(LISTS)
        await plain.reset_calls()
    async with open_gateway(emulators, cache_backend=UnreachableStore(), cache_ttl=30) as gateway:
        assert await gateway.query(LISTS) == expected
        assert await gateway.query(LISTS) == expected
        assert await gateway.calls(V2) == 2 * LISTS_CALLS
        # a persisted query cannot be kept: its hash alone is never found, its text still runs
        sha = hashlib.sha256(LISTS.encode()).hexdigest()
        persisted = {"persistedQuery": {"version": 1, "sha256Hash": sha}}
        ran = await gateway.client.post("/graphql", json={"query": LISTS, "extensions": persisted})
        assert ran.json() == {"data": expected}
        missed = await gateway.client.post("/graphql", json={"extensions": persisted})
        assert missed.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    logged = {r.getMessage() for r in caplog.records}
    assert "cache read failed; reading upstream" in logged
    assert "answer look-up failed; executing the query" in logged
