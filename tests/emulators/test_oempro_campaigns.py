"""Oempro emulator: campaigns, their statistics, and email content records."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from mailgql.emulators import Emulators
from mailgql.emulators.oempro.campaign_stats import CAMPAIGN_STATUSES
from tests.emulators.test_oempro_support import OemproApi, failed, open_api


@pytest.fixture
async def api(emulators: Emulators) -> AsyncIterator[OemproApi]:
    async with open_api(emulators) as api:
        yield api


ZERO = "0000-00-00 00:00:00"
COUNTERS = (
    "TotalRecipients",
    "TotalSent",
    "TotalFailed",
    "TotalOpens",
    "UniqueOpens",
    "TotalClicks",
    "UniqueClicks",
    "TotalForwards",
    "UniqueForwards",
    "TotalViewsOnBrowser",
    "UniqueViewsOnBrowser",
    "TotalUnsubscriptions",
    "TotalHardBounces",
    "TotalSoftBounces",
)


async def all_campaigns(api: OemproApi, **params: Any) -> dict[str, Any]:
    body: dict[str, Any] = await api.as_user(
        "Campaigns.Get",
        **{
            "CampaignStatus": "All",
            "OrderField": "CampaignID",
            "OrderType": "ASC",
            "RecordsFrom": 0,
            "RecordsPerRequest": 100,
            **params,
        },
    )
    return body


# Campaigns.Get ------------------------------------------------------------------------------
async def test_campaigns_get_rows_carry_string_statistics(api: OemproApi) -> None:
    body = await all_campaigns(api)
    assert body["TotalCampaigns"] == 10
    assert isinstance(body["TotalCampaigns"], int)
    assert {row["CampaignStatus"] for row in body["Campaigns"]} == set(CAMPAIGN_STATUSES)
    for row in body["Campaigns"]:
        assert "Subject" not in row
        assert all(isinstance(row[column], str) and row[column].isdigit() for column in COUNTERS)
        assert row["RelOwnerUserID"] == "1"


def check_consistent(row: dict[str, str]) -> None:
    n = {column: int(row[column]) for column in COUNTERS}
    status = row["CampaignStatus"]
    assert n["UniqueOpens"] <= n["TotalOpens"]
    assert n["UniqueClicks"] <= n["TotalClicks"]
    assert n["UniqueClicks"] <= n["UniqueOpens"]
    assert n["UniqueForwards"] <= n["TotalForwards"]
    assert n["UniqueViewsOnBrowser"] <= n["TotalViewsOnBrowser"]
    assert n["TotalHardBounces"] + n["TotalSoftBounces"] + n["UniqueOpens"] <= n["TotalSent"]
    assert n["TotalSent"] + n["TotalFailed"] <= n["TotalRecipients"]
    if status in {"Draft", "Ready", "Pending Approval"}:
        assert set(n.values()) == {0}
        assert row["SendProcessStartedOn"] == ZERO
        assert row["SendProcessFinishedOn"] == ZERO
    else:
        assert row["SendProcessStartedOn"] != ZERO
        assert n["TotalRecipients"] > 0
    if status == "Sent":
        assert n["TotalSent"] + n["TotalFailed"] == n["TotalRecipients"]
        assert row["SendProcessFinishedOn"] > row["SendProcessStartedOn"]
    if status in {"Sending", "Paused"}:
        assert row["SendProcessFinishedOn"] == ZERO
        assert n["TotalSent"] + n["TotalFailed"] < n["TotalRecipients"]
    if status == "Failed":
        assert n["TotalSent"] + n["TotalFailed"] == n["TotalRecipients"]
        assert n["TotalFailed"] > n["TotalSent"]


async def test_statistics_agree_with_the_status(api: OemproApi) -> None:
    for row in (await all_campaigns(api))["Campaigns"]:
        check_consistent(row)


async def test_statistics_agree_with_the_status_in_the_large_set() -> None:
    from mailgql.emulators import build_emulators

    async with open_api(build_emulators(seed=3, size="large")) as api:
        body = await all_campaigns(api, RecordsPerRequest=0)
        assert body["TotalCampaigns"] == 120
        for row in body["Campaigns"]:
            check_consistent(row)


async def test_campaigns_get_pages_and_filters(api: OemproApi) -> None:
    page = await all_campaigns(api, RecordsFrom=3, RecordsPerRequest=4)
    assert [row["CampaignID"] for row in page["Campaigns"]] == ["4", "5", "6", "7"]
    assert page["TotalCampaigns"] == 10
    sent = await all_campaigns(api, CampaignStatus="Sent", RecordsPerRequest=1)
    assert sent["TotalCampaigns"] == 3
    assert len(sent["Campaigns"]) == 1
    pending = await all_campaigns(api, CampaignStatus="Pending Approval")
    assert [row["CampaignStatus"] for row in pending["Campaigns"]] == ["Pending Approval"]
    assert (await all_campaigns(api, CampaignStatus="Archived"))["TotalCampaigns"] == 0
    newest = await all_campaigns(
        api, OrderField="CampaignID", OrderType="DESC", RecordsPerRequest=1
    )
    assert newest["Campaigns"][0]["CampaignID"] == "10"


@pytest.mark.parametrize("spelling", ["SearchKeyowrd", "SearchKeyword", "searchkeyowrd"])
async def test_campaigns_get_search_accepts_both_spellings(api: OemproApi, spelling: str) -> None:
    body = await all_campaigns(api, **{spelling: "NEWSLETTER"})
    assert [row["CampaignName"] for row in body["Campaigns"]] == ["May newsletter"]
    assert body["TotalCampaigns"] == 1


async def test_campaigns_get_tags(api: OemproApi) -> None:
    # Seeded tags label some campaigns (tests/emulators/test_oempro_tags.py has the rest).
    tagged = await all_campaigns(api, RetrieveTags="true", RecordsPerRequest=2)
    assert all(isinstance(row["Tags"], list) for row in tagged["Campaigns"])
    assert "Tags" not in (await all_campaigns(api, RecordsPerRequest=1))["Campaigns"][0]
    assert (await all_campaigns(api, Tags="998,999"))["TotalCampaigns"] == 0


# Campaign.Get -------------------------------------------------------------------------------
async def test_campaign_get_and_its_subject_on_the_email(api: OemproApi) -> None:
    body = await api.as_user("Campaign.Get", CampaignID=1)
    assert body["Success"] is True
    assert "ErrorText" not in body
    campaign = body["Campaign"]
    assert campaign["CampaignName"] == "May newsletter"
    assert "Subject" not in campaign
    assert "HardBounceRatio" not in campaign
    email = await api.as_user("Email.Get", EmailID=campaign["RelEmailID"])
    assert email["EmailInformation"]["Subject"] == "Fresh trails and new gear: our May newsletter"


async def test_campaign_get_with_statistics(api: OemproApi) -> None:
    sent = next(c for c in api.state.campaigns.values() if c["CampaignStatus"] == "Sent")
    body = await api.as_user("Campaign.Get", CampaignID=sent.id, RetrieveStatistics="true")
    campaign = body["Campaign"]
    total = int(campaign["TotalSent"])
    hard = int(campaign["TotalHardBounces"])
    assert campaign["HardBounceRatio"] == f"{hard * 100 / total:.2f}"
    assert "SoftBounceRatio" in campaign
    stats = campaign["Statistics"]
    opens = stats["OpenStatistics"]
    assert sum(int(day["Unique"]) for day in opens) == int(campaign["UniqueOpens"])
    assert sum(int(day["Total"]) for day in opens) == int(campaign["TotalOpens"])
    assert opens[0]["Date"] == campaign["SendProcessStartedOn"][:10]
    clicks = stats["ClickStatistics"]
    assert sum(int(day["Total"]) for day in clicks) == int(campaign["TotalClicks"])
    draft = next(c for c in api.state.campaigns.values() if c["CampaignStatus"] == "Draft")
    empty = await api.as_user("Campaign.Get", CampaignID=draft.id, RetrieveStatistics="true")
    assert empty["Campaign"]["HardBounceRatio"] == "0"
    assert empty["Campaign"]["Statistics"]["OpenStatistics"] == []


async def test_campaign_get_not_found_and_codes(api: OemproApi) -> None:
    assert await api.as_user("Campaign.Get", CampaignID=999) == {
        "Success": True,
        "ErrorCode": 0,
        "Campaign": [],
    }
    foreign = next(c.id for c in api.state.campaigns.values() if c.owner_id != 1)
    assert (await api.as_user("Campaign.Get", CampaignID=foreign))["Campaign"] == []
    assert failed(await api.as_user("Campaign.Get", CampaignID=999, FailOnNotFound="true"), 3)
    assert failed(await api.as_user("Campaign.Get"), 1)
    assert failed(await api.as_user("Campaign.Get", CampaignID="abc"), 2)


# Campaign.Create / Update / Delete ----------------------------------------------------------
async def test_campaign_create_is_a_draft(api: OemproApi) -> None:
    body = await api.as_user("Campaign.Create", CampaignName="Holiday hours")
    assert isinstance(body["CampaignID"], int)
    row = (await api.as_user("Campaign.Get", CampaignID=body["CampaignID"]))["Campaign"]
    assert row["CampaignStatus"] == "Draft"
    assert row["RelEmailID"] == "0"
    assert row["TotalSent"] == "0"
    missing = await api.as_user("Campaign.Create")
    assert failed(missing, 1)
    assert "ErrorText" not in missing


async def test_the_sending_sequence(api: OemproApi) -> None:
    campaign_id = (await api.as_user("Campaign.Create", CampaignName="Flash sale"))["CampaignID"]
    email_id = (await api.as_user("Email.Create"))["EmailID"]
    filled = await api.as_user(
        "Email.Update",
        EmailID=email_id,
        ValidateScope="Campaign",
        Mode="Empty",
        EmailName="Flash sale",
        Subject="48 hours only",
        FromName="Northwind",
        FromEmail="news@northwind.example",
        HTMLContent='<p>Sale!</p><a href="%Link:Unsubscribe%">bye</a>',
        PlainContent="Sale! %Link:Unsubscribe%",
    )
    assert filled["Success"] is True
    ready = await api.as_user(
        "Campaign.Update",
        CampaignID=campaign_id,
        RelEmailID=email_id,
        RecipientListsAndSegments="1:0,2:0,999:0",
        ScheduleType="Immediate",
        CampaignStatus="Ready",
    )
    assert ready["Success"] is True
    campaign = api.state.campaigns[campaign_id]
    assert campaign["CampaignStatus"] == "Ready"
    assert campaign.recipients == [(1, 0), (2, 0)]
    row = (await api.as_user("Campaign.Get", CampaignID=campaign_id))["Campaign"]
    assert row["RecipientLists"] == ["1", "2"]
    assert row["RelEmailID"] == str(email_id)


async def test_untrusted_users_ready_becomes_pending_approval(api: OemproApi) -> None:
    session = await api.switch("bluepeak")
    campaign_id = (await api.call("Campaign.Create", SessionID=session, CampaignName="X"))[
        "CampaignID"
    ]
    body = await api.call(
        "Campaign.Update", SessionID=session, CampaignID=campaign_id, CampaignStatus="Ready"
    )
    assert body["Success"] is True
    row = (await api.call("Campaign.Get", SessionID=session, CampaignID=campaign_id))["Campaign"]
    assert row["CampaignStatus"] == "Pending Approval"


async def test_campaign_update_schedules(api: OemproApi) -> None:
    future = await api.as_user(
        "Campaign.Update",
        CampaignID=2,
        ScheduleType="Future",
        SendDate="2030-01-02",
        SendTime="08:30:00",
        SendTimeZone="Europe/Stockholm",
    )
    assert future["Success"] is True
    recursive = await api.as_user(
        "Campaign.Update",
        CampaignID=2,
        ScheduleType="Recursive",
        ScheduleRecDaysOfWeek="0",
        ScheduleRecMonths="0",
        ScheduleRecHours="9",
        ScheduleRecMinutes="15",
        ScheduleRecSendMaxInstance="0",
    )
    assert recursive["Success"] is True  # the time zone set before still holds
    assert api.state.campaigns[2]["ScheduleType"] == "Recursive"


@pytest.mark.parametrize(
    ("params", "codes"),
    [
        ({}, [1]),
        ({"CampaignID": "999"}, [2]),
        ({"CampaignID": "11"}, [2]),
        ({"CampaignID": "2", "CampaignStatus": "Launched"}, [3]),
        ({"CampaignID": "2", "RelEmailID": "9999"}, [4]),
        ({"CampaignID": "2", "ScheduleType": "Sometimes"}, [5]),
        ({"CampaignID": "2", "ScheduleType": "Future"}, [6, 7, 13]),
        (
            {"CampaignID": "2", "ScheduleType": "Future", "SendDate": "tomorrow", "SendTime": "9"},
            [6, 7, 13],
        ),
        (
            {
                "CampaignID": "2",
                "ScheduleType": "Future",
                "SendDate": "2030-01-01",
                "SendTime": "09:00:00",
            },
            [13],
        ),
        ({"CampaignID": "2", "ScheduleType": "Recursive"}, [8, 9, 10, 11, 12, 13]),
        (
            {
                "CampaignID": "2",
                "ScheduleType": "Recursive",
                "ScheduleRecDaysOfMonth": "1",
                "ScheduleRecMonths": "0",
                "ScheduleRecHours": "9",
                "SendTimeZone": "UTC",
            },
            [11, 12],
        ),
    ],
)
async def test_campaign_update_codes(
    api: OemproApi, params: dict[str, str], codes: list[int]
) -> None:
    before = api.state.campaigns[2].row()
    body = await api.as_user("Campaign.Update", **params)
    assert failed(body, *codes)
    assert "ErrorText" not in body
    assert api.state.campaigns[2].row() == before


async def test_campaigns_delete(api: OemproApi) -> None:
    assert failed(await api.as_user("Campaigns.Delete"), 1)
    foreign = next(c.id for c in api.state.campaigns.values() if c.owner_id != 1)
    assert (await api.as_user("Campaigns.Delete", Campaigns=f"1,2,{foreign}"))["Success"] is True
    assert (await all_campaigns(api))["TotalCampaigns"] == 8
    assert foreign in api.state.campaigns
    assert 1 not in api.state.clients[1].campaign_ids


# Emails -------------------------------------------------------------------------------------
async def test_emails_get_is_unpaged(api: OemproApi) -> None:
    body = await api.as_user("Emails.Get", RecordsPerRequest=1)
    mine = [e for e in api.state.emails.values() if e["RelUserID"] == "1"]
    assert body["TotalEmailCount"] == len(mine) == len(body["Emails"])
    assert all(isinstance(row["EmailID"], str) for row in body["Emails"])


async def test_email_get_codes(api: OemproApi) -> None:
    assert failed(await api.as_user("Email.Get"), 1)
    assert failed(await api.as_user("Email.Get", EmailID=9999), 2)
    foreign = next(e.id for e in api.state.emails.values() if e["RelUserID"] != "1")
    assert failed(await api.as_user("Email.Get", EmailID=foreign), 2)


async def test_email_delete_takes_one_email_id(api: OemproApi) -> None:
    assert failed(await api.as_user("Email.Delete"), 1)
    email_id = (await api.as_user("Email.Create"))["EmailID"]
    foreign = next(e.id for e in api.state.emails.values() if e["RelUserID"] != "1")
    assert (await api.as_user("Email.Delete", EmailID=email_id))["Success"] is True
    assert email_id not in api.state.emails
    assert failed(await api.as_user("Email.Get", EmailID=email_id), 2)
    # Another user's email (or none at all): left alone, and the call still succeeds.
    assert (await api.as_user("Email.Delete", EmailID=foreign))["Success"] is True
    assert (await api.as_user("Email.Delete", EmailID=9999))["Success"] is True
    assert foreign in api.state.emails


async def test_email_create_is_blank(api: OemproApi) -> None:
    email_id = (await api.as_user("Email.Create"))["EmailID"]
    info = (await api.as_user("Email.Get", EmailID=email_id))["EmailInformation"]
    assert info["Subject"] == ""
    assert info["Mode"] == "Empty"


HTML_OK = '<a href="%Link:Unsubscribe%">x</a>'
OPTIN_HTML = '<a href="%Link:Confirm%">y</a> <a href="%Link:Reject%">n</a>'


@pytest.mark.parametrize(
    ("params", "codes"),
    [
        ({}, [1, 9]),
        ({"ValidateScope": "Campaign"}, [1]),
        ({"EmailID": "{id}"}, [9]),
        ({"EmailID": "9999", "ValidateScope": "Campaign"}, [3]),
        ({"EmailID": "{id}", "ValidateScope": "Newsletter"}, [10]),
        ({"EmailID": "{id}", "ValidateScope": "Campaign", "Mode": "Magic"}, [5]),
        ({"EmailID": "{id}", "ValidateScope": "Campaign", "Mode": "Import"}, [2]),
        ({"EmailID": "{id}", "ValidateScope": "Campaign", "Mode": "Template"}, [4]),
        ({"EmailID": "{id}", "ValidateScope": "Campaign", "FromEmail": "nope"}, [6]),
        ({"EmailID": "{id}", "ValidateScope": "Campaign", "ReplyToEmail": "nope@"}, [7]),
        ({"EmailID": "{id}", "ValidateScope": "Campaign"}, [8]),
        ({"EmailID": "{id}", "ValidateScope": "Campaign", "HTMLContent": "<p>hi</p>"}, [11]),
        (
            {
                "EmailID": "{id}",
                "ValidateScope": "AutoResponder",
                "HTMLContent": HTML_OK,
                "PlainContent": "hi",
            },
            [12],
        ),
        ({"EmailID": "{id}", "ValidateScope": "OptIn", "HTMLContent": "<p>hi</p>"}, [13]),
        ({"EmailID": "{id}", "ValidateScope": "OptIn", "PlainContent": "hi %Link:Reject%"}, [14]),
        ({"EmailID": "{id}", "ValidateScope": "OptIn", "HTMLContent": "%Link:Confirm%"}, [15]),
        (
            {
                "EmailID": "{id}",
                "ValidateScope": "OptIn",
                "HTMLContent": OPTIN_HTML,
                "PlainContent": "%Link:Confirm%",
            },
            [16],
        ),
    ],
)
async def test_email_update_codes(api: OemproApi, params: dict[str, str], codes: list[int]) -> None:
    email_id = (await api.as_user("Email.Create"))["EmailID"]
    values = {k: v.replace("{id}", str(email_id)) for k, v in params.items()}
    body = await api.as_user("Email.Update", **values)
    assert failed(body, *codes)
    assert "ErrorText" not in body
    assert api.state.emails[email_id]["Subject"] == ""


@pytest.mark.parametrize(
    ("scope", "html"),
    [("Campaign", HTML_OK), ("AutoResponder", HTML_OK), ("OptIn", OPTIN_HTML)],
)
async def test_email_update_fills_the_record(api: OemproApi, scope: str, html: str) -> None:
    email_id = (await api.as_user("Email.Create"))["EmailID"]
    body = await api.as_user(
        "Email.Update",
        EmailID=email_id,
        ValidateScope=scope,
        Subject="Hello",
        FromEmail="a@example.com",
        ReplyToEmail="b@example.com",
        HTMLContent=html,
        ImageEmbedding="Enabled",
    )
    assert body["Success"] is True
    info = (await api.as_user("Email.Get", EmailID=email_id))["EmailInformation"]
    assert info["Subject"] == "Hello"
    assert info["HTMLContent"] == html
    assert info["ImageEmbedding"] == "Enabled"


async def test_email_update_import_and_template_modes(api: OemproApi) -> None:
    email_id = (await api.as_user("Email.Create"))["EmailID"]
    imported = await api.as_user(
        "Email.Update",
        EmailID=email_id,
        ValidateScope="Campaign",
        Mode="Import",
        FetchURL="https://x.example/n.html",
    )
    assert imported["Success"] is True
    templated = await api.as_user(
        "Email.Update",
        EmailID=email_id,
        ValidateScope="Campaign",
        Mode="Template",
        RelTemplateID=3,
        HTMLContent=HTML_OK,
    )
    assert templated["Success"] is True
    assert api.state.emails[email_id]["RelTemplateID"] == "3"
