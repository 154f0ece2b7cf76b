"""``campaignProgress`` over graphql-transport-ws: one poller per campaign however many clients
watch, one upstream read per tick, an event only when the statistics change, completion at the
final status, typed refusals before any event, and outages told once while the readings go on.

The pollers wait for ticks the test gives (:class:`~tests.subscriptions.conftest.Ticks`), and
upstream reads are counted by the emulators."""

from __future__ import annotations

import pytest
from httpx_ws import WebSocketDisconnect, aconnect_ws

from mailgql.emulators.maxmailer.seed import (
    MAXMAILER_ADMIN_LOGIN_ID,
    MAXMAILER_RESELLER_LOGIN_ID,
)
from mailgql.graph.progress import WatchKey
from mailgql.platforms import Platform
from tests.auth.conftest import bearer, make_key, tenants_file
from tests.subscriptions.conftest import (
    PROGRESS,
    campaign_id,
    next_stats,
    open_progress_gateway,
    watching,
)
from tests.test_graphql_streams import parse_sse

SENDING = {Platform.MAXMAILER: 14, Platform.OEMPRO: 4}
"""A seeded campaign in SENDING state on each platform with campaigns (the Login ID's or the
demo user's)."""
COMPLETED_MAXMAILER = 1
"""A seeded Maxmailer campaign that is completed already."""
READ = {Platform.MAXMAILER: "GetCamp", Platform.OEMPRO: "Campaign.Get"}
"""The one upstream call of a reading."""
STATS = (
    "query($id: ID!) { node(id: $id) { ... on Campaign { status stats { sent pending "
    "uniqueOpens } } } }"
)


def key(platform: Platform, tenant: str | None = None) -> WatchKey:
    """The hub's key of the seeded sending campaign of ``platform``."""
    return WatchKey(tenant, platform, str(SENDING[platform]))


async def test_two_clients_share_one_poller_that_reads_once_per_tick(emulators):
    platform = Platform.MAXMAILER
    campaign = campaign_id(platform, SENDING[platform])
    # Cached reads on: the poller must read past them, or the numbers would freeze.
    async with open_progress_gateway(emulators, cache_ttl=30) as pg:
        before = (await pg.gateway.query(STATS, {"id": campaign}))["node"]
        assert before["status"] == "SENDING"
        await pg.gateway.reset_calls()

        async with (
            watching(pg.gateway.client, campaign) as first,
            watching(pg.gateway.client, campaign) as second,
        ):
            assert await next_stats(first) == before["stats"]
            assert await next_stats(second) == before["stats"]
            assert pg.hub.campaigns == {key(platform): 2}
            assert await pg.reads(platform, "GetCamp") == 1  # the second joined the first's

            await pg.ticks.parked()
            await pg.gateway.reset_calls()
            advanced = await pg.advance(platform, SENDING[platform])
            await pg.ticks.tick()
            assert await pg.reads(platform, "GetCamp") == 1
            after = await next_stats(first)
            assert await next_stats(second) == after
            assert (after["sent"], after["pending"]) == (advanced["sent"], advanced["left"])
            assert after["uniqueOpens"] > before["stats"]["uniqueOpens"]

            # Nothing changed on this tick: read once, and no event (the next one each client
            # gets is the one after the next advance).
            await pg.ticks.tick()
            assert await pg.reads(platform, "GetCamp") == 2
            advanced = await pg.advance(platform, SENDING[platform])
            await pg.ticks.tick()
            assert await pg.reads(platform, "GetCamp") == 3
            latest = await next_stats(first)
            assert await next_stats(second) == latest
            assert latest["sent"] == advanced["sent"] > after["sent"]

            await first.send_json({"id": "1", "type": "complete"})
            await pg.ticks.tick()  # the other client still watches: the poller goes on
            assert pg.hub.campaigns == {key(platform): 1}

        await pg.hub.idle()
        assert pg.hub.campaigns == {}
        assert pg.hub.running == 0


@pytest.mark.parametrize("platform", [Platform.MAXMAILER, Platform.OEMPRO], ids=str)
async def test_the_stream_completes_after_the_final_statistics(emulators, platform):
    campaign = campaign_id(platform, SENDING[platform])
    async with (
        open_progress_gateway(emulators) as pg,
        watching(pg.gateway.client, campaign) as ws,
    ):
        first = await next_stats(ws)
        await pg.ticks.parked()
        await pg.gateway.reset_calls()
        step = await pg.advance(platform, SENDING[platform])
        await pg.ticks.tick()
        assert await pg.gateway.counts(platform) == {READ[platform]: 1}
        assert (await next_stats(ws))["sent"] == step["sent"] > first["sent"]

        final = await pg.advance(platform, SENDING[platform], finish=True)
        assert final["left"] == 0
        await pg.ticks.tick(parked_after=0)
        assert (await next_stats(ws))["sent"] == final["sent"]
        assert await ws.receive_json() == {"id": "1", "type": "complete"}
        await pg.hub.idle()
        assert pg.hub.campaigns == {}

        status = (await pg.gateway.query(STATS, {"id": campaign}))["node"]["status"]
        assert status == "COMPLETED"


async def test_a_campaign_already_completed_sends_its_statistics_once_and_completes(emulators):
    campaign = campaign_id(Platform.MAXMAILER, COMPLETED_MAXMAILER)
    async with (
        open_progress_gateway(emulators) as pg,
        watching(pg.gateway.client, campaign) as ws,
    ):
        expected = (await pg.gateway.query(STATS, {"id": campaign}))["node"]
        assert expected["status"] == "COMPLETED"
        assert await next_stats(ws) == expected["stats"]
        assert await ws.receive_json() == {"id": "1", "type": "complete"}
        await pg.hub.idle()


@pytest.mark.parametrize(
    ("campaign", "code"),
    [
        ("not an id", "BAD_USER_INPUT"),
        ("QWNjb3VudDp2MnJlc3Q6c3ViX2FjY291bnQ1OTg4", "BAD_USER_INPUT"),  # an Account's ID
        (campaign_id(Platform.MAXMAILER, 999_999), "NOT_FOUND"),
        (campaign_id(Platform.OEMPRO, 999_999), "NOT_FOUND"),
        (campaign_id(Platform.V2REST, 5), "NOT_FOUND"),  # v2 REST has no campaigns
    ],
)
async def test_a_campaign_that_cannot_be_watched_is_refused_before_any_event(
    emulators, campaign, code
):
    async with (
        open_progress_gateway(emulators) as pg,
        watching(pg.gateway.client, campaign) as ws,
    ):
        message = await ws.receive_json()
        assert message["type"] == "error", message
        [error] = message["payload"]
        assert error["extensions"]["code"] == code
        await pg.hub.idle()
        assert pg.hub.campaigns == {}


async def test_a_platform_that_fails_the_first_reading_refuses_the_watch(emulators):
    async with open_progress_gateway(emulators, read_retries=0) as pg:
        await pg.gateway.fault(platform="maxmailer", kind="status", status=503, endpoint="GetCamp")
        campaign = campaign_id(Platform.MAXMAILER, SENDING[Platform.MAXMAILER])
        async with watching(pg.gateway.client, campaign) as ws:
            message = await ws.receive_json()
        assert message["type"] == "error", message
        [error] = message["payload"]
        assert error["extensions"] == {"code": "UPSTREAM_UNAVAILABLE", "platform": "MAXMAILER"}
        await pg.hub.idle()


async def test_an_outage_is_told_once_and_the_next_good_reading_follows(emulators):
    platform = Platform.MAXMAILER
    campaign = campaign_id(platform, SENDING[platform])
    async with (
        open_progress_gateway(emulators, read_retries=0) as pg,
        watching(pg.gateway.client, campaign) as ws,
    ):
        first = await next_stats(ws)
        await pg.ticks.parked()
        await pg.gateway.fault(
            platform="maxmailer", kind="status", status=503, endpoint="GetCamp", count=2
        )
        await pg.ticks.tick()
        message = await ws.receive_json()
        assert message["type"] == "next"
        assert message["payload"]["data"] is None
        [error] = message["payload"]["errors"]
        assert error["path"] == ["campaignProgress"]
        assert error["extensions"] == {"code": "UPSTREAM_UNAVAILABLE", "platform": "MAXMAILER"}

        await pg.ticks.tick()  # still failing: not told again
        await pg.ticks.tick()  # back: the numbers, unchanged, but sent after the error
        assert await next_stats(ws) == first
        assert await pg.reads(platform, "GetCamp") == 4
        assert pg.hub.campaigns == {key(platform): 1}


async def test_a_campaign_deleted_while_watched_ends_the_stream_with_not_found(emulators):
    campaign = campaign_id(Platform.OEMPRO, SENDING[Platform.OEMPRO])
    async with (
        open_progress_gateway(emulators) as pg,
        watching(pg.gateway.client, campaign) as ws,
    ):
        await next_stats(ws)
        await pg.ticks.parked()
        deleted = await pg.gateway.query(
            "mutation($id: ID!) { deleteCampaign(input: { campaignId: $id }) "
            "{ userErrors { code } } }",
            {"id": campaign},
        )
        assert deleted == {"deleteCampaign": {"userErrors": []}}
        await pg.ticks.tick(parked_after=0)
        message = await ws.receive_json()
        assert message["payload"]["data"] is None
        [error] = message["payload"]["errors"]
        assert error["extensions"]["code"] == "NOT_FOUND"
        assert error["path"] == ["campaignProgress"]
        assert await ws.receive_json() == {"id": "1", "type": "complete"}
        await pg.hub.idle()


async def test_pollers_are_kept_apart_by_tenant(emulators, tmp_path):
    # Campaign 14 belongs to a user of the reseller: its administrator and the reseller both
    # see it, each with its own Login ID.
    table = {"maxmailer_url": "http://emulators/maxmailer/app/api.php"}
    tenants = tenants_file(
        tmp_path,
        {
            "north": {**table, "maxmailer_login_id": MAXMAILER_ADMIN_LOGIN_ID},
            "south": {**table, "maxmailer_login_id": MAXMAILER_RESELLER_LOGIN_ID},
        },
    )
    north, south = make_key("reader", tenant="north"), make_key("reader", tenant="south")
    platform = Platform.MAXMAILER
    campaign = campaign_id(platform, SENDING[platform])
    async with open_progress_gateway(
        emulators, api_keys=f"{north.entry},{south.entry}", tenants_file=tenants
    ) as pg:
        async with (
            watching(pg.gateway.client, campaign, init=bearer(north)) as first,
            watching(pg.gateway.client, campaign, init=bearer(south)) as second,
        ):
            assert await next_stats(first) == await next_stats(second)
            assert pg.hub.campaigns == {key(platform, "north"): 1, key(platform, "south"): 1}
            await pg.ticks.parked(2)
            await pg.gateway.reset_calls()
            await pg.ticks.tick(parked_after=2)
            assert await pg.reads(platform, "GetCamp") == 2  # one per tenant
        await pg.hub.idle()


async def test_a_connection_without_a_key_is_never_admitted(emulators):
    reader = make_key("reader")
    async with (
        open_progress_gateway(emulators, api_keys=reader.entry) as pg,
        aconnect_ws("/graphql", pg.gateway.client, subprotocols=["graphql-transport-ws"]) as ws,
    ):
        await ws.send_json({"type": "connection_init"})
        with pytest.raises(WebSocketDisconnect) as closed:
            await ws.receive_json()
        assert closed.value.code == 4403
        assert pg.hub.campaigns == {}


async def test_past_the_cap_a_new_campaign_is_refused(emulators):
    async with open_progress_gateway(emulators, progress_max_campaigns=1) as pg:
        sending = campaign_id(Platform.MAXMAILER, SENDING[Platform.MAXMAILER])
        other = campaign_id(Platform.OEMPRO, SENDING[Platform.OEMPRO])
        async with (
            watching(pg.gateway.client, sending) as ws,
            watching(pg.gateway.client, other) as refused,
        ):
            await next_stats(ws)
            message = await refused.receive_json()
            assert message["type"] == "error", message
            [error] = message["payload"]
            assert error["extensions"]["code"] == "TOO_MANY_SUBSCRIPTIONS"
            assert "MAILGQL_PROGRESS_MAX_CAMPAIGNS" in error["message"]
            assert pg.hub.campaigns == {key(Platform.MAXMAILER): 1}


async def test_server_sent_events_carry_it_too(emulators):
    campaign = campaign_id(Platform.MAXMAILER, COMPLETED_MAXMAILER)
    async with open_progress_gateway(emulators) as pg:
        response = await pg.gateway.client.post(
            "/graphql",
            json={"query": PROGRESS, "variables": {"id": campaign}},
            headers={"Accept": "text/event-stream"},
        )
        expected = (await pg.gateway.query(STATS, {"id": campaign}))["node"]["stats"]
    events = parse_sse(response.text)
    assert [name for name, _ in events] == ["next", "complete"]
    assert events[0][1] == {"data": {"campaignProgress": expected}}


async def test_past_the_cap_of_watches_one_more_client_is_refused(emulators):
    async with open_progress_gateway(emulators, progress_max_watches=1) as pg:
        sending = campaign_id(Platform.MAXMAILER, SENDING[Platform.MAXMAILER])
        async with watching(pg.gateway.client, sending) as ws:
            await next_stats(ws)
            async with watching(pg.gateway.client, sending) as refused:
                message = await refused.receive_json()
            assert message["type"] == "error", message
            [error] = message["payload"]
            assert error["extensions"]["code"] == "TOO_MANY_SUBSCRIPTIONS"
            assert "MAILGQL_PROGRESS_MAX_WATCHES" in error["message"]
            assert pg.hub.campaigns == {key(Platform.MAXMAILER): 1}
