"""Maxmailer campaigns through the graph: status, sender, one CampaignStats shape, paging."""

from __future__ import annotations

from datetime import UTC, datetime

from mailgql.emulators import Emulators
from mailgql.platforms import Platform
from tests.conftest import Gateway, open_gateway
from tests.graph.maxmailer_helpers import (
    PLAIN_LOGIN,
    PLAIN_USER_ID,
    gid,
    legacy_key,
    mm_state,
)

CAMPAIGN = """
  id platform legacyId subject status legacyStatus from startedAt finishedAt
  stats { recipients sent pending failed bounced uniqueOpens totalOpens uniqueClicks totalClicks
          unsubscribed referred referredOpens allOpens newSubscribers
          openRate clickRate bounceRate }
"""
STATUS = {
    "completed": "COMPLETED",
    "scheduled": "SCHEDULED",
    "stopped": "STOPPED",
    "saved": "DRAFT",
    "sending": "SENDING",
    "restarting": "SENDING",
}


def iso(seconds: int) -> str | None:
    """A seeded Unix time as the graph prints it; 0 is null."""
    if not seconds:
        return None
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


async def test_every_status_and_counter_of_a_users_campaigns(gateway, emulators):
    state = mm_state(emulators)
    data = await gateway.query(
        f"""query($id: ID!) {{ node(id: $id) {{ ... on Account {{
              campaigns {{ totalCount nodes {{ {CAMPAIGN} }} }} }} }} }}""",
        {"id": gid("Account", PLAIN_USER_ID)},
    )
    nodes = data["node"]["campaigns"]["nodes"]
    seeded = sorted(
        (c for c in state.campaigns.values() if c.owner_id == PLAIN_USER_ID),
        key=lambda c: c.message_id,
    )
    # the demo's plain user has one campaign in every status
    assert {c.status for c in seeded} == set(STATUS)
    assert data["node"]["campaigns"]["totalCount"] == len(seeded)
    for node, campaign in zip(nodes, seeded, strict=True):
        assert node["id"] == gid("Campaign", campaign.message_id)
        assert node["platform"] == "MAXMAILER"
        assert node["legacyId"] == str(campaign.message_id)
        assert node["subject"] == campaign.subject
        assert node["status"] == STATUS[campaign.status]
        assert node["legacyStatus"] == campaign.status
        assert node["from"] == campaign.sender
        assert node["startedAt"] == iso(campaign.date_start)
        assert node["finishedAt"] == iso(campaign.date_end)
        stats = node["stats"]
        assert stats == {
            "recipients": campaign.subscribers,
            "sent": campaign.sent,
            "pending": campaign.left,
            "failed": campaign.failed,
            "bounced": campaign.bounced,
            "uniqueOpens": campaign.reads_unique,
            "totalOpens": campaign.reads_total,
            "uniqueClicks": None,  # Maxmailer does not report clicks: null, never 0
            "totalClicks": None,
            "unsubscribed": campaign.unsubscribed,
            "referred": campaign.refered,
            "referredOpens": campaign.refer_reads,
            "allOpens": campaign.reads_total + campaign.refer_reads,
            "newSubscribers": campaign.new_subscribers,
            "openRate": round(campaign.reads_unique / campaign.sent, 4) if campaign.sent else None,
            "clickRate": None,
            "bounceRate": round(campaign.bounced / campaign.sent, 4) if campaign.sent else None,
        }


async def test_node_of_a_campaign_is_read_with_get_camp_alone(gateway, emulators):
    campaign = next(c for c in mm_state(emulators).campaigns.values() if c.status == "saved")
    data = await gateway.query(
        f"query($id: ID!) {{ node(id: $id) {{ ... on Campaign {{ {CAMPAIGN} }} }} }}",
        {"id": gid("Campaign", campaign.message_id)},
    )
    assert data["node"]["status"] == "DRAFT"
    assert data["node"]["startedAt"] is None
    assert data["node"]["stats"]["sent"] == 0
    assert data["node"]["stats"]["openRate"] is None  # nothing sent: no rate, not a 0
    assert await gateway.counts(Platform.MAXMAILER) == {"GetCamp": 1}


async def test_root_campaigns_of_the_admin_are_every_users_in_order(gateway, emulators):
    state = mm_state(emulators)
    expected = [
        c.message_id
        for user_id in sorted(state.users)
        for c in sorted(state.campaigns.values(), key=lambda c: c.message_id)
        if c.owner_id == user_id
    ]
    data = await gateway.query(
        "{ campaigns(platform: MAXMAILER, first: 500) { totalCount nodes { id } } }"
    )
    assert data["campaigns"]["totalCount"] == len(expected)
    assert [int(legacy_key(n["id"])) for n in data["campaigns"]["nodes"]] == expected
    assert await gateway.counts(Platform.MAXMAILER) == {
        "ListUsers": 1,
        "ListCamps": len(state.users),
    }


async def test_root_campaigns_read_users_only_as_far_as_the_page_needs(emulators):
    # Users are read in waves of `upstream_concurrency`: a wave smaller than the seed's users.
    async with open_gateway(emulators, upstream_concurrency=8) as gateway:
        await _read_only_as_far_as_the_page_needs(gateway, emulators)


async def _read_only_as_far_as_the_page_needs(gateway: Gateway, emulators: Emulators) -> None:
    data = await gateway.query(
        "{ campaigns(platform: MAXMAILER, first: 2) { totalCount pageInfo { hasNextPage "
        "endCursor } nodes { id } } }"
    )
    conn = data["campaigns"]
    assert len(conn["nodes"]) == 2
    assert conn["pageInfo"]["hasNextPage"] is True
    assert conn["totalCount"] is None  # not every user was read
    counts = await gateway.counts(Platform.MAXMAILER)
    assert counts["ListCamps"] < len(mm_state(emulators).users)
    rest = await gateway.query(
        "query($after: String) { campaigns(platform: MAXMAILER, first: 500, after: $after) "
        "{ pageInfo { hasNextPage } nodes { id } } }",
        {"after": conn["pageInfo"]["endCursor"]},
    )
    ids = [n["id"] for n in conn["nodes"] + rest["campaigns"]["nodes"]]
    assert len(ids) == len(set(ids)) == len(mm_state(emulators).campaigns)
    assert rest["campaigns"]["pageInfo"]["hasNextPage"] is False


async def test_a_plain_user_sees_its_own_campaigns(emulators):
    owned = sorted(
        c.message_id for c in mm_state(emulators).campaigns.values() if c.owner_id == PLAIN_USER_ID
    )
    async with open_gateway(emulators, maxmailer_login_id=PLAIN_LOGIN) as gateway:
        data = await gateway.query(
            "{ campaigns(platform: MAXMAILER) { totalCount nodes { id status stats { sent } } } "
            "me(platform: MAXMAILER) { campaigns { nodes { id } } } }"
        )
        counts = await gateway.counts(Platform.MAXMAILER)
    assert data["campaigns"]["totalCount"] == len(owned)
    assert [int(legacy_key(n["id"])) for n in data["campaigns"]["nodes"]] == owned
    assert data["me"]["campaigns"]["nodes"] == [{"id": n["id"]} for n in data["campaigns"]["nodes"]]
    # ListUsers answers 9001 once (that tells the role); ListCamps without id, read once
    assert counts == {"ListUsers": 1, "ListCamps": 1, "GetCamp": len(owned)}
