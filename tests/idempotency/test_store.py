"""Claims in the store, in memory and in Redis: one claimant per name, settled only by it, held
for as long as asked."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
import redis

from mailgql.cache import CacheBackend, MemoryBackend
from mailgql.cache.redis import RedisBackend
from tests.auth.conftest import FakeClock


@pytest.fixture(params=["memory", "redis"])
async def store(request: pytest.FixtureRequest) -> AsyncIterator[CacheBackend]:
    if request.param == "memory":
        yield MemoryBackend()
        return
    backend = RedisBackend(request.getfixturevalue("redis_url"))
    try:
        yield backend
    finally:
        await backend.aclose()


async def test_a_name_is_claimed_once(store):
    assert await store.claim("n", b"first", 60) is None
    assert await store.claim("n", b"second", 60) == b"first"
    assert await store.claimed("n") == b"first"
    assert await store.claimed("other") is None


async def test_only_the_claimant_settles(store):
    await store.claim("n", b"mine", 60)
    assert await store.settle("n", b"theirs", b"answer", 60) is False
    assert await store.claimed("n") == b"mine"
    assert await store.settle("n", b"mine", b"answer", 60) is True
    assert await store.claimed("n") == b"answer"
    assert await store.claim("n", b"again", 60) == b"answer"


async def test_a_claim_given_back_frees_the_name(store):
    await store.claim("n", b"mine", 60)
    assert await store.settle("n", b"mine", None, 0) is True
    assert await store.claimed("n") is None
    assert await store.claim("n", b"next", 60) is None


async def test_nothing_to_settle_is_not_settled(store):
    assert await store.settle("n", b"mine", b"answer", 60) is False
    assert await store.claimed("n") is None


async def test_concurrent_claims_have_one_winner(store):
    found = await asyncio.gather(*(store.claim("n", f"{i}".encode(), 60) for i in range(20)))
    winners = [i for i, held in enumerate(found) if held is None]
    assert len(winners) == 1
    assert all(held == str(winners[0]).encode() for held in found if held is not None)


async def test_claims_in_redis_have_one_winner_across_processes(redis_url):
    stores = [RedisBackend(redis_url) for _ in range(4)]
    try:
        found = await asyncio.gather(
            *(s.claim("n", f"{i}".encode(), 60) for i, s in enumerate(stores * 5))
        )
    finally:
        for s in stores:
            await s.aclose()
    assert sum(held is None for held in found) == 1


async def test_redis_holds_a_claim_and_its_answer_for_their_ttl(redis_url):
    store = RedisBackend(redis_url, namespace="t:")
    server = redis.Redis.from_url(redis_url)
    try:
        await store.claim("n", b"pending", 10)
        assert 0 < server.pttl("t:i|n") <= 10_000
        await store.settle("n", b"pending", b"answer", 86_400)
        assert 10_000 < server.pttl("t:i|n") <= 86_400_000
    finally:
        server.close()
        await store.aclose()


async def test_memory_holds_a_claim_and_its_answer_for_their_ttl():
    clock = FakeClock()
    store = MemoryBackend(clock=clock)
    await store.claim("n", b"pending", 10)
    clock.advance(9.9)
    assert await store.claimed("n") == b"pending"
    assert await store.settle("n", b"pending", b"answer", 100) is True
    clock.advance(99.9)
    assert await store.claimed("n") == b"answer"
    clock.advance(0.2)
    assert await store.claimed("n") is None
    assert await store.claim("n", b"next", 10) is None
