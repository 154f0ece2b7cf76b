"""``campaignProgress`` over real HTTP: the gateway served by uvicorn on 127.0.0.1 with a short
interval, a WebSocket client, and the emulators' control route moving the campaign forward;
each event is awaited as it arrives."""

from typing import Any

import httpx
import pytest
from httpx_ws import aconnect_ws

from mailgql.graph.ids import encode_id
from mailgql.platforms import Platform

pytestmark = pytest.mark.live

PROGRESS = "subscription($id: ID!) { campaignProgress(id: $id) { sent pending } }"
SENDING = 14
"""A seeded Maxmailer campaign in SENDING state."""


@pytest.fixture
def live_settings() -> dict[str, Any]:
    """A reading every tenth of a second."""
    return {"upstream_timeout": 1.0, "progress_interval": 0.1}


async def test_a_live_client_sees_the_campaign_move_and_complete(live_gateway):
    campaign = encode_id("Campaign", Platform.MAXMAILER, SENDING)
    payload = {"query": PROGRESS, "variables": {"id": campaign}}
    async with (
        httpx.AsyncClient(base_url=live_gateway.client.base_url) as client,
        aconnect_ws("/graphql", client, subprotocols=["graphql-transport-ws"]) as ws,
    ):
        await ws.send_json({"type": "connection_init"})
        assert await ws.receive_json() == {"type": "connection_ack"}
        await ws.send_json({"id": "1", "type": "subscribe", "payload": payload})
        first = await ws.receive_json()
        assert first["type"] == "next"

        advance = "/_emulator/maxmailer/advance-campaign"
        step = (await live_gateway.emulator.post(advance, json={"id": SENDING})).json()
        moved = await ws.receive_json()
        assert moved["payload"]["data"]["campaignProgress"] == {
            "sent": step["sent"],
            "pending": step["left"],
        }

        done = (
            await live_gateway.emulator.post(advance, json={"id": SENDING, "finish": True})
        ).json()
        last = await ws.receive_json()
        assert last["payload"]["data"]["campaignProgress"] == {"sent": done["sent"], "pending": 0}
        assert await ws.receive_json() == {"id": "1", "type": "complete"}
