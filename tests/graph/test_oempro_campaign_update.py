"""``updateCampaign`` (Oempro ``Campaign.Update`` in full): every part it changes, and every
documented code (1-13) as a typed user error with its legacyCode at the input it is about."""

from __future__ import annotations

import pytest

from mailgql.emulators import Emulators
from mailgql.emulators.oempro.records import Campaign
from mailgql.platforms import Platform
from tests.graph.oempro_helpers import (
    USER_ERRORS,
    canned_error,
    gid,
    mutate,
    own_campaigns,
    own_lists,
    refusal,
    state,
)

PAYLOAD = f"campaign {{ legacyId name status legacyStatus email {{ legacyId }} }} {USER_ERRORS}"


def draft(emulators: Emulators) -> Campaign:
    """A draft of the demo user with no email and no schedule (the second seeded draft)."""
    return next(
        c
        for c in own_campaigns(emulators)
        if c["CampaignStatus"] == "Draft" and not c.number("RelEmailID")
    )


def other_email(emulators: Emulators) -> int:
    """The email of the demo user's first campaign that has one."""
    return next(c.number("RelEmailID") for c in own_campaigns(emulators) if c.number("RelEmailID"))


async def test_every_part_of_a_campaign_changes(gateway, emulators):
    campaign = draft(emulators)
    email_id = other_email(emulators)
    first, second = own_lists(emulators)[:2]
    payload = await mutate(
        gateway,
        "updateCampaign",
        {
            "campaignId": gid("Campaign", campaign.id),
            "name": "Spring sale",
            "emailId": gid("Email", email_id),
            "recipients": [{"listId": str(first.id)}, {"listId": gid("MailingList", second.id)}],
            "schedule": {"type": "FUTURE", "sendDate": "2031-04-01", "sendTime": "09:30:00"},
            "timeZone": "Europe/Lisbon",
            "googleAnalyticsDomains": ["example.com", "shop.example.com"],
            "publishOnRss": True,
            "status": "SCHEDULED",
        },
        PAYLOAD,
    )
    assert payload["userErrors"] == []
    assert payload["campaign"]["name"] == "Spring sale"
    assert payload["campaign"]["status"] == "SCHEDULED"
    assert payload["campaign"]["email"] == {"legacyId": str(email_id)}
    row = state(emulators).campaigns[campaign.id]
    assert (row["SendDate"], row["SendTime"], row["SendTimeZone"]) == (
        "2031-04-01",
        "09:30:00",
        "Europe/Lisbon",
    )
    assert row["ScheduleType"] == "Future"
    assert row["GoogleAnalyticsDomains"] == "example.com\nshop.example.com"
    assert row["PublishOnRSS"] == "Enabled"
    assert row["CampaignStatus"] == "Ready"
    assert row.recipients == [(first.id, 0), (second.id, 0)]


async def test_a_recursive_schedule_and_back_to_a_draft(gateway, emulators):
    campaign = draft(emulators)
    schedule = {
        "type": "RECURSIVE",
        "daysOfWeek": [1, 3],
        "months": [0],
        "hours": [8, 20],
        "minutes": [15],
        "maxInstances": 0,
    }
    payload = await mutate(
        gateway,
        "updateCampaign",
        {"campaignId": str(campaign.id), "schedule": schedule, "timeZone": "UTC"},
        PAYLOAD,
    )
    assert payload["userErrors"] == []
    row = state(emulators).campaigns[campaign.id]
    assert row["ScheduleType"] == "Recursive"
    assert (row["ScheduleRecDaysOfWeek"], row["ScheduleRecHours"]) == ("1,3", "8,20")
    assert (row["ScheduleRecMinutes"], row["ScheduleRecSendMaxInstance"]) == ("15", "0")
    again = await mutate(
        gateway,
        "updateCampaign",
        {"campaignId": str(campaign.id), "schedule": {"type": "NOT_SCHEDULED"}, "status": "DRAFT"},
        PAYLOAD,
    )
    assert again["campaign"]["status"] == "DRAFT"
    assert state(emulators).campaigns[campaign.id]["ScheduleType"] == "Not Scheduled"


async def test_refusals_the_emulator_makes_carry_their_codes(gateway, emulators):
    """Codes 2, 4 and 6-13 as Oempro answers them to real requests."""
    target = str(draft(emulators).id)
    schedule = "schedule"
    recursive = {"type": "RECURSIVE", "daysOfWeek": [1], "months": [0], "hours": [8]}
    recursive |= {"minutes": [0], "maxInstances": 0}
    cases = [
        ({"campaignId": "999999", "name": "x"}, "NOT_FOUND", "2", ["input", "campaignId"]),
        ({"campaignId": target, "emailId": "999999"}, "BAD_USER_INPUT", "4", ["input", "emailId"]),
        (
            {"campaignId": target, schedule: {"type": "FUTURE", "sendTime": "09:00:00"}},
            "BAD_USER_INPUT",
            "6",
            ["input", "schedule", "sendDate"],
        ),
        (
            {"campaignId": target, schedule: {"type": "FUTURE", "sendDate": "2031-01-01"}},
            "BAD_USER_INPUT",
            "7",
            ["input", "schedule", "sendTime"],
        ),
        (
            {"campaignId": target, schedule: {**recursive, "daysOfWeek": None}},
            "BAD_USER_INPUT",
            "8",
            ["input", "schedule", "daysOfMonth"],
        ),
        (
            {"campaignId": target, schedule: {**recursive, "months": None}, "timeZone": "UTC"},
            "BAD_USER_INPUT",
            "9",
            ["input", "schedule", "months"],
        ),
        (
            {"campaignId": target, schedule: {**recursive, "hours": None}, "timeZone": "UTC"},
            "BAD_USER_INPUT",
            "10",
            ["input", "schedule", "hours"],
        ),
        (
            {"campaignId": target, schedule: {**recursive, "minutes": None}, "timeZone": "UTC"},
            "BAD_USER_INPUT",
            "11",
            ["input", "schedule", "minutes"],
        ),
        (
            {
                "campaignId": target,
                schedule: {**recursive, "maxInstances": None},
                "timeZone": "UTC",
            },
            "BAD_USER_INPUT",
            "12",
            ["input", "schedule", "maxInstances"],
        ),
        (
            {"campaignId": target, schedule: recursive},
            "BAD_USER_INPUT",
            "13",
            ["input", "timeZone"],
        ),
    ]
    for given, code, legacy, field in cases:
        payload = await mutate(gateway, "updateCampaign", given, PAYLOAD)
        refusal(payload, "campaign", code, legacy, field)
    assert state(emulators).campaigns[int(target)]["ScheduleType"] == "Not Scheduled"


FIELDS = {
    1: ("BAD_USER_INPUT", ["input", "campaignId"]),
    2: ("NOT_FOUND", ["input", "campaignId"]),
    3: ("BAD_USER_INPUT", ["input", "status"]),
    4: ("BAD_USER_INPUT", ["input", "emailId"]),
    5: ("BAD_USER_INPUT", ["input", "schedule", "type"]),
    6: ("BAD_USER_INPUT", ["input", "schedule", "sendDate"]),
    7: ("BAD_USER_INPUT", ["input", "schedule", "sendTime"]),
    8: ("BAD_USER_INPUT", ["input", "schedule", "daysOfMonth"]),
    9: ("BAD_USER_INPUT", ["input", "schedule", "months"]),
    10: ("BAD_USER_INPUT", ["input", "schedule", "hours"]),
    11: ("BAD_USER_INPUT", ["input", "schedule", "minutes"]),
    12: ("BAD_USER_INPUT", ["input", "schedule", "maxInstances"]),
    13: ("BAD_USER_INPUT", ["input", "timeZone"]),
}


@pytest.mark.parametrize("code", sorted(FIELDS))
async def test_every_documented_code_is_a_typed_user_error(gateway, emulators, code):
    """Each code as Oempro's answer to the call (1, 3 and 5 cannot come from a graph input,
    which always names the campaign and spells statuses and schedule types right)."""
    await gateway.fault(
        platform="oempro",
        kind="status",
        status=200,
        endpoint="Campaign.Update",
        body=canned_error(code, f"text of {code}"),
    )
    payload = await mutate(
        gateway,
        "updateCampaign",
        {"campaignId": str(draft(emulators).id), "name": "x", "status": "DRAFT"},
        PAYLOAD,
    )
    expected_code, field = FIELDS[code]
    refusal(payload, "campaign", expected_code, str(code), field)


async def test_refusals_before_any_call(gateway, emulators):
    target = str(draft(emulators).id)
    await gateway.reset_calls()
    stopped = await mutate(
        gateway, "updateCampaign", {"campaignId": target, "status": "STOPPED"}, PAYLOAD
    )
    refusal(stopped, "campaign", "BAD_USER_INPUT", None, ["input", "status"])
    hours = await mutate(
        gateway,
        "updateCampaign",
        {"campaignId": target, "schedule": {"type": "RECURSIVE", "hours": [8, 24]}},
        PAYLOAD,
    )
    refusal(hours, "campaign", "BAD_USER_INPUT", None, ["input", "schedule", "hours", "1"])
    nothing = await mutate(gateway, "updateCampaign", {"campaignId": target}, PAYLOAD)
    refusal(nothing, "campaign", "BAD_USER_INPUT", None, ["input", "campaignId"])
    assert "Campaign.Update" not in await gateway.counts(Platform.OEMPRO)
