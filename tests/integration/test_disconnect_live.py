"""A client that hangs up mid-query leaves the gateway answering the next queries normally.

Pool slots can leak when an upstream call is abandoned (encode/httpcore#1093); a slot of the
per-platform semaphore or of the connection pool that never comes back would leave later queries
waiting. Run over both transports, with real sockets on 127.0.0.1 at every hop.
"""

import asyncio
import json
from typing import Any

import httpx
import pytest

from mailgql.platforms import Platform
from tests.conftest import Gateway

pytestmark = pytest.mark.live

CONCURRENCY = 2
"""Calls in flight per platform: small, so a leaked slot or two would stop the gateway."""
SUB_ACCOUNTS = 6
DOCUMENT = f"""{{ me(platform: V2REST) {{ subAccounts(first: {SUB_ACCOUNTS}) {{ nodes {{
  username inheritedLists {{ totalCount nodes {{ name }} }} }} }} }} }}"""
CALLS = 1 + SUB_ACCOUNTS
"""What DOCUMENT costs: the listing, then one inherited-lists call per sub-account."""
INHERITED = "GET /Users/InheritLists"
FOLLOWING = 4 * CONCURRENCY
"""Queries after the hang-up: several times the bound, so one leaked slot would hang them."""
BOUND = 20.0
"""Seconds any wait in this module may take before the test fails."""


@pytest.fixture(params=["httpx", "aiohttp"])
def live_settings(request: pytest.FixtureRequest) -> dict[str, Any]:
    """The live gateway with a small bound on calls in flight, over each transport; concurrent
    queries do not share reads, so every one of them needs the slots."""
    return {
        "coalesce": False,
        "upstream_timeout": BOUND,
        "upstream_concurrency": CONCURRENCY,
        "upstream_transport": request.param,
    }


async def wait_for_calls(gateway: Gateway, total: int) -> None:
    """Wait until the emulators have received ``total`` v2 requests (bounded by BOUND)."""
    async with asyncio.timeout(BOUND):
        # The counter lives behind the emulators' HTTP control route: read it until it gets there.
        while True:
            if await gateway.calls(Platform.V2REST) >= total:
                return
            await asyncio.sleep(0.01)


async def start_query_then_hang_up(base_url: str) -> asyncio.StreamWriter:
    """POST DOCUMENT on a raw connection and return its writer, without reading the answer."""
    url = httpx.URL(base_url)
    assert url.port is not None
    _, writer = await asyncio.open_connection(url.host, url.port)
    body = json.dumps({"query": DOCUMENT}).encode()
    head = (
        f"POST /graphql HTTP/1.1\r\nHost: {url.host}:{url.port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    writer.write(head.encode() + body)
    await writer.drain()
    return writer


async def test_a_client_hanging_up_mid_query_leaves_the_next_queries_answered(live_gateway):
    expected = await live_gateway.query(DOCUMENT)
    assert len(expected["me"]["subAccounts"]["nodes"]) == SUB_ACCOUNTS
    await live_gateway.reset_calls()
    await live_gateway.fault(
        platform="v2rest", kind="hang", endpoint=INHERITED, count=None, hang_seconds=BOUND
    )

    writer = await start_query_then_hang_up(str(live_gateway.client.base_url))
    # The listing answered and every slot holds a hung call: the gateway is mid-query.
    await wait_for_calls(live_gateway, 1 + CONCURRENCY)
    writer.close()
    await writer.wait_closed()
    await live_gateway.emulator.delete("/_emulator/faults")
    # The released calls answer 504 and are tried again: uvicorn does not cancel a request whose
    # client has gone, so the gateway finishes the abandoned query; wait for its last call.
    await wait_for_calls(live_gateway, CALLS + CONCURRENCY)

    await live_gateway.reset_calls()
    async with asyncio.timeout(BOUND):
        answers = await asyncio.gather(*(live_gateway.query(DOCUMENT) for _ in range(FOLLOWING)))
    assert answers == [expected] * FOLLOWING
    assert await live_gateway.calls(Platform.V2REST) == CALLS * FOLLOWING
