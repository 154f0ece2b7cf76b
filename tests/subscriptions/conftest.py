"""A gateway whose campaign pollers wait for ticks the test gives, and a graphql-transport-ws
client to watch campaigns with."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from httpx_ws import AsyncWebSocketSession, aconnect_ws
from httpx_ws.transport import ASGIWebSocketTransport

from mailgql.app import create_app
from mailgql.emulators import Emulators
from mailgql.graph.ids import encode_id
from mailgql.graph.progress import PROGRESS_STATE, ProgressHub
from mailgql.platforms import Platform
from tests.conftest import WATCH, Gateway, gateway_schema, gateway_settings

PROGRESS = "subscription($id: ID!) { campaignProgress(id: $id) { sent pending uniqueOpens } }"
TRANSPORT_WS = "graphql-transport-ws"


class Ticks:
    """The wait between two readings, given by hand: each poller parks here until
    :meth:`tick`, so a test decides when a reading happens and never sleeps."""

    def __init__(self) -> None:
        self._parked: list[asyncio.Future[None]] = []
        self._changed = asyncio.Event()

    async def __call__(self, seconds: float) -> None:
        future = asyncio.get_running_loop().create_future()
        self._parked.append(future)
        self._changed.set()
        try:
            await future
        finally:
            if future in self._parked:
                self._parked.remove(future)

    async def parked(self, count: int = 1) -> None:
        """Return once ``count`` pollers wait for their next tick."""
        while len(self._parked) < count:
            self._changed.clear()
            await self._changed.wait()

    async def tick(self, *, parked_after: int = 1) -> None:
        """Let every waiting poller read once, then wait until ``parked_after`` of them are
        waiting again (their reading made and handed out)."""
        released, self._parked = self._parked, []
        for future in released:
            future.set_result(None)
        await self.parked(parked_after)


@dataclass
class ProgressGateway:
    """A gateway, its hub of pollers, the ticks they wait for, and the emulators behind it."""

    gateway: Gateway
    hub: ProgressHub
    ticks: Ticks

    async def reads(self, platform: Platform, endpoint: str) -> int:
        """Upstream calls of ``endpoint`` the platform's emulator received."""
        return (await self.gateway.counts(platform)).get(endpoint, 0)

    async def advance(self, platform: Platform, campaign: int, **params: Any) -> dict[str, Any]:
        """One step of sending of a campaign, through the emulators' control route."""
        response = await self.gateway.emulator.post(
            f"/_emulator/{platform.value}/advance-campaign", json={"id": campaign, **params}
        )
        body: dict[str, Any] = response.json()
        assert response.status_code == 200
        assert "error" not in body, body
        return body


@asynccontextmanager
async def open_progress_gateway(
    emulators: Emulators, **extra: Any
) -> AsyncIterator[ProgressGateway]:
    """The gateway in-process (HTTP and WebSocket) over the emulators, its pollers on ticks."""
    WATCH.add_emulators(emulators)
    extra.setdefault("rate_limit", 0)
    settings = gateway_settings(emulators, "http://emulators", **extra)
    transports: dict[Platform, httpx.AsyncBaseTransport] = {
        p: httpx.ASGITransport(app=emulators.app) for p in Platform
    }
    ticks = Ticks()
    app = create_app(settings, transports=transports, schema=gateway_schema(), progress_wait=ticks)
    hub = getattr(app.state, PROGRESS_STATE)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=ASGIWebSocketTransport(app),
            base_url="http://gateway",
            event_hooks={"response": [WATCH.record_response]},
        ) as client,
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=emulators.app), base_url="http://emulators"
        ) as emu,
    ):
        yield ProgressGateway(Gateway(client, emu, emulators), hub, ticks)


def campaign_id(platform: Platform, key: str | int) -> str:
    """The global ID of a campaign."""
    return encode_id("Campaign", platform, key)


@asynccontextmanager
async def watching(
    client: httpx.AsyncClient,
    campaign: str,
    *,
    init: dict[str, Any] | None = None,
    query: str = PROGRESS,
) -> AsyncIterator[AsyncWebSocketSession]:
    """A graphql-transport-ws connection subscribed (id ``1``) to ``campaign``'s progress."""
    async with aconnect_ws("/graphql", client, subprotocols=[TRANSPORT_WS]) as ws:
        message: dict[str, Any] = {"type": "connection_init"}
        if init is not None:
            message["payload"] = init
        await ws.send_json(message)
        assert await ws.receive_json() == {"type": "connection_ack"}
        payload = {"query": query, "variables": {"id": campaign}}
        await ws.send_json({"id": "1", "type": "subscribe", "payload": payload})
        yield ws


async def next_stats(ws: AsyncWebSocketSession) -> dict[str, Any]:
    """The stats of the next event, failing on anything else."""
    message = await ws.receive_json()
    assert message["type"] == "next", message
    assert "errors" not in message["payload"], message
    stats: dict[str, Any] = message["payload"]["data"]["campaignProgress"]
    return stats
