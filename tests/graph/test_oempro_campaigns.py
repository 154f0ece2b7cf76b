"""Oempro campaigns through the graph: rows with statistics, subjects from their emails, status
mapping, node(), and the campaign mutations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mailgql.platforms import Platform
from tests.graph.oempro_helpers import (
    USER_ERRORS,
    demo_user,
    gid,
    iso,
    mutate,
    own_campaigns,
    own_lists,
    refusal,
    state,
)

CAMPAIGN = """
  id platform legacyId name subject from status legacyStatus startedAt finishedAt
  stats { recipients sent pending failed bounced hardBounced softBounced uniqueOpens totalOpens
          uniqueClicks totalClicks unsubscribed totalForwards uniqueForwards totalBrowserViews
          uniqueBrowserViews referred referredOpens allOpens newSubscribers openRate clickRate
          bounceRate }
"""
PAYLOAD = f"campaign {{ id name subject from status legacyStatus }} {USER_ERRORS}"
STATUSES = {
    "Draft": "DRAFT",
    "Ready": "SCHEDULED",
    "Pending Approval": "SCHEDULED",
    "Sending": "SENDING",
    "Paused": "PAUSED",
    "Sent": "COMPLETED",
    "Failed": "FAILED",
}
CONTENT = {
    "subject": "Our autumn news",
    "fromName": "Northwind",
    "fromEmail": "news@northwind.example",
    "htmlContent": "<p>Hello</p><p><a href='%Link:Unsubscribe%'>Unsubscribe</a></p>",
    "plainContent": "Hello\n\nUnsubscribe: %Link:Unsubscribe%",
}


def rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole > 0 else None


def expected(emulators, stored) -> dict:
    """The campaign as the contract's mapping (§8) makes it from the emulator's row."""
    n = stored.number
    email = state(emulators).emails.get(n("RelEmailID"))
    recipients, sent, failed = n("TotalRecipients"), n("TotalSent"), n("TotalFailed")
    draft = stored["CampaignStatus"] == "Draft" and recipients == 0
    bounced = n("TotalHardBounces") + n("TotalSoftBounces")
    return {
        "id": gid("Campaign", stored.id),
        "platform": "OEMPRO",
        "legacyId": str(stored.id),
        "name": stored["CampaignName"],
        "subject": email["Subject"] if email else None,
        "from": email["FromEmail"] if email else None,
        "status": STATUSES[stored["CampaignStatus"]],
        "legacyStatus": stored["CampaignStatus"],
        "startedAt": iso(stored["SendProcessStartedOn"]),
        "finishedAt": iso(stored["SendProcessFinishedOn"]),
        "stats": {
            "recipients": recipients,
            "sent": sent,
            "pending": None if draft else recipients - sent - failed,
            "failed": failed,
            "bounced": bounced,
            "hardBounced": n("TotalHardBounces"),
            "softBounced": n("TotalSoftBounces"),
            "uniqueOpens": n("UniqueOpens"),
            "totalOpens": n("TotalOpens"),
            "uniqueClicks": n("UniqueClicks"),
            "totalClicks": n("TotalClicks"),
            "unsubscribed": n("TotalUnsubscriptions"),
            "totalForwards": n("TotalForwards"),
            "uniqueForwards": n("UniqueForwards"),
            "totalBrowserViews": n("TotalViewsOnBrowser"),
            "uniqueBrowserViews": n("UniqueViewsOnBrowser"),
            # Maxmailer's own counts; Oempro reports forwards instead.
            "referred": None,
            "referredOpens": None,
            "allOpens": None,
            "newSubscribers": None,
            "openRate": rate(n("UniqueOpens"), sent),
            "clickRate": rate(n("UniqueClicks"), sent),
            "bounceRate": rate(bounced, sent),
        },
    }


# -- reads ----------------------------------------------------------------------------------------


async def test_campaigns_are_the_rows_with_subjects_from_their_emails(gateway, emulators):
    data = await gateway.query(
        f"{{ campaigns(platform: OEMPRO, first: 50) {{ totalCount nodes {{ {CAMPAIGN} }} }} }}"
    )
    stored = own_campaigns(emulators)
    assert data["campaigns"]["totalCount"] == len(stored) == 10
    assert data["campaigns"]["nodes"] == [expected(emulators, c) for c in stored]
    statuses = {n["status"] for n in data["campaigns"]["nodes"]}
    assert statuses == {"DRAFT", "SCHEDULED", "SENDING", "PAUSED", "COMPLETED", "FAILED"}
    assert [n["legacyStatus"] for n in data["campaigns"]["nodes"]].count("Pending Approval") == 1
    assert any(n["subject"] is None for n in data["campaigns"]["nodes"])  # a draft, no email yet
    assert any(n["stats"]["totalForwards"] for n in data["campaigns"]["nodes"])
    assert await gateway.counts(Platform.OEMPRO) == {
        "User.Login": 1,
        "Campaigns.Get": 1,
        "Emails.Get": 1,
    }


async def test_me_campaigns_are_the_same_and_page_with_the_api(gateway, emulators):
    first = await gateway.query(
        "{ me(platform: OEMPRO) { campaigns(first: 4) { totalCount "
        "pageInfo { hasNextPage endCursor } nodes { legacyId } } } }"
    )
    page = first["me"]["campaigns"]
    second = await gateway.query(
        "query($a: String) { me(platform: OEMPRO) { campaigns(first: 10, after: $a) { "
        "pageInfo { hasNextPage } nodes { legacyId } } } }",
        {"a": page["pageInfo"]["endCursor"]},
    )
    ids = [str(c.id) for c in own_campaigns(emulators)]
    assert page["totalCount"] == 10
    assert [n["legacyId"] for n in page["nodes"]] == ids[:4]
    assert [n["legacyId"] for n in second["me"]["campaigns"]["nodes"]] == ids[4:]
    assert second["me"]["campaigns"]["pageInfo"]["hasNextPage"] is False
    assert (await gateway.counts(Platform.OEMPRO))["Campaigns.Get"] == 2


async def test_rows_alone_cost_no_email_read(gateway):
    await gateway.query(
        "{ campaigns(platform: OEMPRO) { nodes { name status stats { sent openRate } } } }"
    )
    assert await gateway.counts(Platform.OEMPRO) == {"User.Login": 1, "Campaigns.Get": 1}


async def test_node_of_a_campaign_reads_it_and_its_one_email(gateway, emulators):
    stored = next(c for c in own_campaigns(emulators) if c["CampaignStatus"] == "Sent")
    data = await gateway.query(
        f'{{ node(id: "{gid("Campaign", stored.id)}") {{ ... on Campaign {{ {CAMPAIGN} }} }} }}'
    )
    assert data["node"] == expected(emulators, stored)
    # A lone subject reads its own email rather than every email of the user.
    assert await gateway.counts(Platform.OEMPRO) == {
        "User.Login": 1,
        "Campaign.Get": 1,
        "Email.Get": 1,
    }


async def test_node_of_campaigns_that_are_not_visible(gateway, emulators):
    owner = demo_user(emulators).id
    foreign = next(c for c in state(emulators).campaigns.values() if c.owner_id != owner)
    data = await gateway.query(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
        {"ids": [gid("Campaign", foreign.id), gid("Campaign", 999), gid("Campaign", "x")]},
    )
    # Campaign.Get says "not found" as Success with an empty Campaign.
    assert data["nodes"] == [None, None, None]


# -- createCampaign -----------------------------------------------------------------------------


async def test_create_a_campaign_with_content_and_recipients(gateway, emulators):
    lst = own_lists(emulators)[0]
    segment = next(s for s in state(emulators).segments.values() if s.list_id == lst.id)
    other = own_lists(emulators)[1]
    payload = await mutate(
        gateway,
        "createCampaign",
        {
            "platform": "OEMPRO",
            "name": "Autumn news",
            "content": CONTENT,
            "recipients": [
                {
                    "listId": gid("MailingList", lst.id),
                    "segmentId": gid("Segment", f"{lst.id}:{segment.id}"),
                },
                {"listId": str(other.id)},
            ],
        },
        PAYLOAD,
    )
    assert payload["userErrors"] == []
    campaign = payload["campaign"]
    assert {k: campaign[k] for k in ("name", "subject", "from", "status", "legacyStatus")} == {
        "name": "Autumn news",
        "subject": "Our autumn news",
        "from": "news@northwind.example",
        "status": "DRAFT",
        "legacyStatus": "Draft",
    }
    stored = own_campaigns(emulators)[-1]
    assert campaign["id"] == gid("Campaign", stored.id)
    assert stored.recipients == [(lst.id, segment.id), (other.id, 0)]
    email = state(emulators).emails[stored.number("RelEmailID")]
    assert (email["Subject"], email["FromName"]) == ("Our autumn news", "Northwind")
    assert await gateway.counts(Platform.OEMPRO) == {
        "User.Login": 1,
        "Email.Create": 1,
        "Email.Update": 1,
        "Campaign.Create": 1,
        "Campaign.Update": 1,
        "Campaign.Get": 1,
        "Email.Get": 1,
    }


async def test_create_a_bare_draft(gateway, emulators):
    payload = await mutate(
        gateway, "createCampaign", {"platform": "OEMPRO", "name": "Later"}, PAYLOAD
    )
    assert payload["campaign"]["subject"] is None
    assert payload["campaign"]["status"] == "DRAFT"
    assert own_campaigns(emulators)[-1]["CampaignName"] == "Later"
    assert "Email.Create" not in await gateway.counts(Platform.OEMPRO)


async def test_content_without_the_unsubscribe_link_leaves_no_campaign(gateway, emulators):
    before = len(own_campaigns(emulators))
    payload = await mutate(
        gateway,
        "createCampaign",
        {
            "platform": "OEMPRO",
            "name": "No link",
            "content": {**CONTENT, "htmlContent": "<p>Hello</p>", "plainContent": None},
        },
        PAYLOAD,
    )
    refusal(payload, "campaign", "BAD_USER_INPUT", "11", ["input", "content", "htmlContent"])
    assert len(own_campaigns(emulators)) == before
    assert "Campaign.Create" not in await gateway.counts(Platform.OEMPRO)


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"platform": "MAXMAILER"}, ["input", "platform"]),
        ({"name": " "}, ["input", "name"]),
        ({"content": {**CONTENT, "subject": ""}}, ["input", "content", "subject"]),
        ({"content": {**CONTENT, "fromEmail": "nope"}}, ["input", "content", "fromEmail"]),
        ({"content": {**CONTENT, "replyToEmail": "nope"}}, ["input", "content", "replyToEmail"]),
        (
            {"content": {**CONTENT, "htmlContent": " ", "plainContent": None}},
            ["input", "content"],
        ),
        ({"recipients": [{"listId": "x"}]}, ["input", "recipients", "0", "listId"]),
        (
            {"recipients": [{"listId": "1", "segmentId": "U2VnbWVudDpvZW1wcm86Mjo0"}]},
            ["input", "recipients", "0", "segmentId"],
        ),
        ({"recipients": [{"listId": "1"}] * 101}, ["input", "recipients"]),
    ],
    ids=[
        "platform",
        "name",
        "subject",
        "from-email",
        "reply-to",
        "no-body",
        "list-id",
        "segment-of-another-list",
        "too-many",
    ],
)
async def test_create_campaign_input_is_checked_before_any_call(gateway, patch, field):
    payload = await mutate(
        gateway, "createCampaign", {"platform": "OEMPRO", "name": "x", **patch}, PAYLOAD
    )
    refusal(payload, "campaign", "BAD_USER_INPUT", None, field)
    assert await gateway.calls(Platform.OEMPRO) == 0


# -- scheduleCampaign / cancelCampaign / deleteCampaign -------------------------------------------


def draft_with_email(emulators):
    return next(
        c
        for c in own_campaigns(emulators)
        if c["CampaignStatus"] == "Draft" and c.number("RelEmailID")
    )


async def test_schedule_now_then_cancel(gateway, emulators):
    stored = draft_with_email(emulators)
    scheduled = await mutate(
        gateway, "scheduleCampaign", {"campaignId": gid("Campaign", stored.id)}, PAYLOAD
    )
    assert scheduled["userErrors"] == []
    assert (scheduled["campaign"]["status"], scheduled["campaign"]["legacyStatus"]) == (
        "SCHEDULED",
        "Ready",
    )
    assert (stored["CampaignStatus"], stored["ScheduleType"]) == ("Ready", "Immediate")
    cancelled = await mutate(gateway, "cancelCampaign", {"campaignId": str(stored.id)}, PAYLOAD)
    assert cancelled["campaign"]["status"] == "DRAFT"
    assert (stored["CampaignStatus"], stored["ScheduleType"]) == ("Draft", "Not Scheduled")


async def test_schedule_later_in_a_time_zone(gateway, emulators):
    stored = draft_with_email(emulators)
    when = (datetime.now(UTC) + timedelta(days=3)).replace(hour=7, minute=30, second=0)
    lst = own_lists(emulators)[0]
    payload = await mutate(
        gateway,
        "scheduleCampaign",
        {
            "campaignId": str(stored.id),
            "sendAt": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "timeZone": "Asia/Tokyo",
            "recipients": [{"listId": str(lst.id)}],
        },
        PAYLOAD,
    )
    assert payload["campaign"]["status"] == "SCHEDULED"
    local = when + timedelta(hours=9)  # Tokyo keeps no summer time
    assert (stored["ScheduleType"], stored["SendTimeZone"]) == ("Future", "Asia/Tokyo")
    assert (stored["SendDate"], stored["SendTime"]) == (
        local.strftime("%Y-%m-%d"),
        local.strftime("%H:%M:%S"),
    )
    assert stored.recipients == [(lst.id, 0)]


async def test_an_untrusted_users_campaign_waits_for_approval(gateway, emulators):
    demo_user(emulators)["ReputationLevel"] = "Untrusted"
    stored = draft_with_email(emulators)
    payload = await mutate(gateway, "scheduleCampaign", {"campaignId": str(stored.id)}, PAYLOAD)
    assert (payload["campaign"]["status"], payload["campaign"]["legacyStatus"]) == (
        "SCHEDULED",
        "Pending Approval",
    )


@pytest.mark.parametrize(
    ("patch", "field", "words"),
    [
        ({"sendAt": "2001-01-01T00:00:00Z"}, ["input", "sendAt"], "in the future"),
        (
            {"sendAt": "2099-01-01T00:00:00Z", "timeZone": "Mars/Olympus"},
            ["input", "timeZone"],
            "unknown time zone",
        ),
        ({"timeZone": " "}, ["input", "timeZone"], "must not be empty"),
        ({"campaignId": "QWNjb3VudDpvZW1wcm86YWRtaW4="}, ["input", "campaignId"], "Account"),
    ],
    ids=["past", "zone", "blank-zone", "not-a-campaign-id"],
)
async def test_schedule_input_is_checked_before_any_call(gateway, emulators, patch, field, words):
    stored = draft_with_email(emulators)
    payload = await mutate(
        gateway, "scheduleCampaign", {"campaignId": str(stored.id), **patch}, PAYLOAD
    )
    error = refusal(payload, "campaign", "BAD_USER_INPUT", None, field)
    assert words in error["message"]
    assert "Campaign.Update" not in await gateway.counts(Platform.OEMPRO)
    assert stored["CampaignStatus"] == "Draft"


async def test_schedule_an_unknown_campaign_is_not_found_with_code_2(gateway):
    payload = await mutate(gateway, "scheduleCampaign", {"campaignId": "999"}, PAYLOAD)
    refusal(payload, "campaign", "NOT_FOUND", "2", ["input", "campaignId"])


@pytest.mark.parametrize("status", ["Sent", "Sending", "Draft"])
async def test_only_a_scheduled_or_paused_campaign_can_be_cancelled(gateway, emulators, status):
    stored = next(c for c in own_campaigns(emulators) if c["CampaignStatus"] == status)
    payload = await mutate(gateway, "cancelCampaign", {"campaignId": str(stored.id)}, PAYLOAD)
    error = refusal(payload, "campaign", "BAD_USER_INPUT", None, ["input", "campaignId"])
    assert status in error["message"]
    assert stored["CampaignStatus"] == status
    assert "Campaign.Update" not in await gateway.counts(Platform.OEMPRO)


async def test_cancel_a_paused_campaign_and_an_unknown_one(gateway, emulators):
    stored = next(c for c in own_campaigns(emulators) if c["CampaignStatus"] == "Paused")
    payload = await mutate(gateway, "cancelCampaign", {"campaignId": str(stored.id)}, PAYLOAD)
    assert payload["campaign"]["status"] == "DRAFT"
    unknown = await mutate(gateway, "cancelCampaign", {"campaignId": "999"}, PAYLOAD)
    refusal(unknown, "campaign", "NOT_FOUND", None, ["input", "campaignId"])


async def test_delete_a_campaign_then_it_is_gone(gateway, emulators):
    stored = own_campaigns(emulators)[0]
    payload = await mutate(
        gateway,
        "deleteCampaign",
        {"campaignId": gid("Campaign", stored.id)},
        f"deletedCampaignId {USER_ERRORS}",
    )
    assert payload == {"deletedCampaignId": gid("Campaign", stored.id), "userErrors": []}
    assert stored.id not in state(emulators).campaigns
    data = await gateway.query("{ campaigns(platform: OEMPRO) { totalCount } }")
    assert data["campaigns"]["totalCount"] == 9


async def test_delete_an_unknown_campaign_is_not_found(gateway, emulators):
    before = len(state(emulators).campaigns)
    payload = await mutate(
        gateway, "deleteCampaign", {"campaignId": "999"}, f"deletedCampaignId {USER_ERRORS}"
    )
    assert payload["deletedCampaignId"] is None
    assert payload["userErrors"][0]["code"] == "NOT_FOUND"
    assert len(state(emulators).campaigns) == before
