"""Subscriptions over real HTTP: the gateway served by uvicorn on 127.0.0.1, read by clients as
they arrive (a WebSocket with graphql-transport-ws, and a streamed text/event-stream body)."""

import json

import httpx
import pytest
from httpx_ws import aconnect_ws

pytestmark = pytest.mark.live

HEARTBEAT = "subscription { heartbeat(count: 3, intervalMs: 10) { sequence remaining } }"


async def test_websocket_subscription_over_http(live_gateway):
    # A client of its own: the suite's response hook reads every body, which a 101 has none of.
    async with (
        httpx.AsyncClient(base_url=live_gateway.client.base_url) as client,
        aconnect_ws("/graphql", client, subprotocols=["graphql-transport-ws"]) as ws,
    ):
        await ws.send_json({"type": "connection_init"})
        assert await ws.receive_json() == {"type": "connection_ack"}
        await ws.send_json({"id": "beat", "type": "subscribe", "payload": {"query": HEARTBEAT}})
        messages = [await ws.receive_json() for _ in range(4)]

    assert [m["type"] for m in messages] == ["next", "next", "next", "complete"]
    assert [m["payload"]["data"]["heartbeat"] for m in messages[:3]] == [
        {"sequence": 1, "remaining": 2},
        {"sequence": 2, "remaining": 1},
        {"sequence": 3, "remaining": 0},
    ]


async def test_sse_subscription_over_http_is_read_event_by_event(live_gateway):
    events: list[tuple[str, str]] = []
    async with live_gateway.client.stream(
        "POST",
        "/graphql",
        json={"query": HEARTBEAT},
        headers={"Accept": "text/event-stream"},
    ) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        event = ""
        async for line in response.aiter_lines():
            if line.startswith("event: "):
                event = line.removeprefix("event: ")
            elif line.startswith("data: "):
                events.append((event, line.removeprefix("data: ")))

    assert [name for name, _ in events] == ["next", "next", "next", "complete"]
    assert [json.loads(data)["data"]["heartbeat"]["sequence"] for _, data in events[:3]] == [
        1,
        2,
        3,
    ]
