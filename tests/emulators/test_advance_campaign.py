"""The ``advance-campaign`` control of the Maxmailer and Oempro emulators: a sending campaign
moves forward step by step, as the platform's own API then reports it, and ends in its final
status; anything else is refused with a message saying what to send."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from mailgql.emulators import Emulators
from tests.emulators.test_maxmailer_emulator import admin
from tests.emulators.test_oempro_support import OemproApi, open_api

MAXMAILER_SENDING = 14
OEMPRO_SENDING = 4


@pytest.fixture
async def client(emulators: Emulators) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=emulators.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emu") as http:
        yield http


async def advance(http: httpx.AsyncClient, platform: str, **params: Any) -> dict[str, Any]:
    response = await http.post(f"/_emulator/{platform}/advance-campaign", json=params)
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


async def test_a_maxmailer_campaign_sends_a_quarter_per_step_then_completes(client):
    before = await admin(client, "GetCamp", MessageID=MAXMAILER_SENDING)
    assert before["Status"] == "sending"
    recipients = int(before["Subscribers"])
    left = int(before["Left"])

    step = await advance(client, "maxmailer", id=MAXMAILER_SENDING)
    after = await admin(client, "GetCamp", MessageID=MAXMAILER_SENDING)
    assert int(after["Left"]) == step["left"] == left - math.ceil(recipients / 4)
    assert int(after["Sent"]) == step["sent"] > int(before["Sent"])
    assert int(after["ReadsUnique"]) > int(before["ReadsUnique"])
    assert after["Status"] == "sending"

    done = await advance(client, "maxmailer", id=MAXMAILER_SENDING, finish=True)
    final = await admin(client, "GetCamp", MessageID=MAXMAILER_SENDING)
    assert done == {"id": MAXMAILER_SENDING, "status": "completed", "sent": done["sent"], "left": 0}
    assert final["Status"] == "completed"
    assert int(final["Left"]) == 0
    assert int(final["Sent"]) + int(final["Failed"]) == recipients

    again = await advance(client, "maxmailer", id=MAXMAILER_SENDING)
    assert again == {"error": f"campaign {MAXMAILER_SENDING} is completed, not sending"}


async def test_an_oempro_campaign_moves_forward_then_is_sent(emulators):
    async with open_api(emulators) as api:
        before = await campaign(api)
        assert before["CampaignStatus"] == "Sending"
        recipients = int(before["TotalRecipients"])

        step = api.emulator.advance_campaign(OEMPRO_SENDING, recipients=1)
        after = await campaign(api)
        assert int(after["TotalSent"]) + int(after["TotalFailed"]) == (
            int(before["TotalSent"]) + int(before["TotalFailed"]) + 1
        )
        assert step["sent"] == int(after["TotalSent"])

        response = await api.client.post(
            "/_emulator/oempro/advance-campaign", json={"id": OEMPRO_SENDING, "finish": True}
        )
        assert response.json()["status"] == "Sent"
        final = await campaign(api)
        assert final["CampaignStatus"] == "Sent"
        assert int(final["TotalSent"]) + int(final["TotalFailed"]) == recipients
        assert final["SendProcessFinishedOn"] != "0000-00-00 00:00:00"


async def campaign(api: OemproApi) -> dict[str, Any]:
    body = await api.as_user("Campaign.Get", CampaignID=OEMPRO_SENDING)
    assert body["Success"] is True, body
    found: dict[str, Any] = body["Campaign"]
    return found


@pytest.mark.parametrize(
    ("platform", "params", "error"),
    [
        ("maxmailer", {"id": 999_999}, "no campaign 999999"),
        ("maxmailer", {"id": 1}, "campaign 1 is completed, not sending"),
        ("oempro", {"id": 1}, "campaign 1 is Sent, not Sending"),
        ("oempro", {"id": "x"}, 'send {"id": <campaign id>'),
        ("oempro", {"id": 4, "recipients": 0}, 'send {"id": <campaign id>'),
        ("maxmailer", {}, 'send {"id": <campaign id>'),
    ],
)
async def test_anything_but_a_sending_campaign_is_refused(client, platform, params, error):
    body = await advance(client, platform, **params)
    assert set(body) == {"error"}
    assert body["error"].startswith(error)
