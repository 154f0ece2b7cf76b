"""Concurrent requests that need the same upstream read share one call."""

from __future__ import annotations

import asyncio

import pytest

from mailgql.platforms import Platform
from tests.conftest import open_gateway

QUERY = """{ me(platform: V2REST) { subAccounts(first: 3) { nodes {
  username inheritedLists { totalCount } } } } }"""
CALLS = 1 + 3
LATENCY_MS = 300
"""Every v2 answer takes this long, so the second request arrives while the first's calls are
still on their way."""


async def answers_of_two_at_once(gateway):
    await gateway.fault(platform="v2rest", kind="latency", latency_ms=LATENCY_MS, count=None)
    return await asyncio.gather(gateway.query(QUERY), gateway.query(QUERY))


@pytest.mark.parametrize("ttl", [0, 30], ids=["no-cache", "cache"])
async def test_two_concurrent_requests_make_one_set_of_calls(emulators, ttl):
    async with open_gateway(emulators, cache_ttl=ttl) as gateway:
        first, second = await answers_of_two_at_once(gateway)
        assert first == second
        assert len(first["me"]["subAccounts"]["nodes"]) == 3
        assert await gateway.counts(Platform.V2REST) == {
            "GET /Users/SubAccounts": 1,
            "GET /Users/InheritLists": 3,
        }


async def test_without_coalescing_each_request_reads_for_itself(emulators):
    async with open_gateway(emulators, cache_ttl=0, coalesce=False) as gateway:
        first, second = await answers_of_two_at_once(gateway)
        assert first == second
        assert await gateway.calls(Platform.V2REST) == 2 * CALLS
