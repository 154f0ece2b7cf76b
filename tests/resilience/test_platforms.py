"""The `platforms` query: per platform, configured or not, its breaker, latest failure (without
URLs or endpoints), when it happened, the latency of its calls and its calls in flight."""

from __future__ import annotations

import asyncio
from datetime import datetime

from mailgql.platforms import Platform
from tests.conftest import open_gateway
from tests.resilience.conftest import statuses
from tests.upstreams.test_http_plumbing import GatedTransport, http_config, upstream


async def test_every_platform_is_listed_healthy_before_and_after_calls(gateway):
    before = await statuses(gateway)
    assert list(before) == ["V2REST", "MAXMAILER", "OEMPRO"]
    for entry in before.values():
        assert entry["configured"] is True
        assert entry["breaker"] == "CLOSED"
        assert (entry["lastError"], entry["lastErrorAt"], entry["latencyMs"]) == (None, None, None)
        assert entry["inFlight"] == 0
    assert await gateway.calls() == 0  # the query itself calls no platform
    await gateway.query("{ accounts(platform: V2REST) { nodes { username } } }")
    after = await statuses(gateway)
    assert after["V2REST"]["latencyMs"] >= 0
    assert after["MAXMAILER"]["latencyMs"] is None


async def test_the_latest_failure_shows_its_code_and_time_without_urls_or_endpoints(gateway):
    await gateway.fault(platform="v2rest", kind="status", status=503, count=None)
    await gateway.result("{ accounts(platform: V2REST) { nodes { username } } }")
    v2 = (await statuses(gateway))["V2REST"]
    assert v2["lastError"]["code"] == "UPSTREAM_UNAVAILABLE"
    message = v2["lastError"]["message"]
    assert message.startswith("v2 REST")
    for hidden in ("http", "/Users", "SubAccounts", "503", "emulators"):
        assert hidden not in message
    assert datetime.fromisoformat(v2["lastErrorAt"].replace("Z", "+00:00")).tzinfo is not None
    assert v2["breaker"] == "CLOSED"  # 3 failures of 5


async def test_an_unconfigured_platform_is_listed_as_such(emulators):
    async with open_gateway(emulators, maxmailer_url=None) as gateway:
        found = await statuses(gateway)
    assert found["MAXMAILER"] == {
        "platform": "MAXMAILER",
        "configured": False,
        "breaker": None,
        "lastError": None,
        "lastErrorAt": None,
        "latencyMs": None,
        "inFlight": 0,
    }


async def test_an_answer_with_the_statuses_is_never_kept(emulators):
    async with open_gateway(emulators, cache_ttl=60.0) as gateway:
        assert (await statuses(gateway))["V2REST"]["lastError"] is None
        await gateway.fault(platform="v2rest", kind="status", status=503, count=None)
        await gateway.result("{ accounts(platform: V2REST) { nodes { username } } }")
        assert (await statuses(gateway))["V2REST"]["lastError"] is not None


async def test_calls_in_flight_are_counted_until_answered(closing):
    transport = GatedTransport(wanted_in_flight=3)
    http = upstream(transport, http_config(concurrency=4), closing)
    calls = [
        asyncio.create_task(http.send("GET", f"/r{i}", operation="GET /r", read=True))
        for i in range(3)
    ]
    async with asyncio.timeout(5):
        await transport.reached.wait()
        assert http.health.in_flight == 3
        transport.gate.set()
        await asyncio.gather(*calls)
    assert http.health.in_flight == 0
    assert http.health.latency_ms is not None
    assert http.platform is Platform.V2REST
