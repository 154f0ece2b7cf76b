"""Oempro createCampaign undoes what it created when a later write fails.

The mutation writes in four steps (``Email.Create``, ``Email.Update``, ``Campaign.Create``,
``Campaign.Update``). When a step after a creation fails, the campaign and then the email are
deleted again, once each, and the caller gets the original failure: a retry leaves no orphan.
"""

from __future__ import annotations

import logging

import pytest

from mailgql.platforms import Platform
from tests.graph.oempro_helpers import (
    USER_ERRORS,
    canned_error,
    demo_user,
    error_codes,
    mutate,
    own_campaigns,
    own_lists,
    refusal,
    state,
)

PAYLOAD = f"campaign {{ id name }} {USER_ERRORS}"
CONTENT = {
    "subject": "Our autumn news",
    "fromName": "Northwind",
    "fromEmail": "news@northwind.example",
    "htmlContent": "<p>Hello</p><p><a href='%Link:Unsubscribe%'>Unsubscribe</a></p>",
    "plainContent": "Hello\n\nUnsubscribe: %Link:Unsubscribe%",
}
NO_LINK = {**CONTENT, "htmlContent": "<p>Hello</p>", "plainContent": None}


def emails_and_campaigns(emulators) -> tuple[object, int]:
    """The login's email ids and its number of campaigns, as the emulator holds them."""
    return own_email_ids(emulators), len(own_campaigns(emulators))


def own_email_ids(emulators) -> set[int]:
    """The ids of the demo user's email records in the emulator's database."""
    owner = demo_user(emulators).id
    return {e.id for e in state(emulators).emails.values() if e.number("RelUserID") == owner}


def undo_warnings(caplog) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING and r.name.startswith("mailgql")
    ]


def sent_in_order(caplog) -> list[str]:
    """The Oempro commands the gateway sent, in order (from its own upstream log)."""
    return [
        r.getMessage().split()[1]
        for r in caplog.records
        if r.name == "mailgql.upstream" and r.getMessage().startswith("oempro ")
    ]


async def create(gateway, content=CONTENT, **extra) -> dict:
    return await mutate(
        gateway,
        "createCampaign",
        {"platform": "OEMPRO", "name": "Autumn news", "content": content, **extra},
        PAYLOAD,
    )


# -- Email.Update refused: the email is deleted ---------------------------------------------------


@pytest.mark.parametrize(
    ("content", "legacy", "field"),
    [
        (NO_LINK, "11", ["input", "content", "htmlContent"]),
        (
            {**CONTENT, "htmlContent": None, "plainContent": "Hello"},
            "12",
            ["input", "content", "plainContent"],
        ),
        # The gateway's own check lets a one-letter top-level domain through; Oempro does not.
        ({**CONTENT, "fromEmail": "news@northwind.x"}, "6", ["input", "content", "fromEmail"]),
    ],
    ids=["no-unsubscribe-link-html", "no-unsubscribe-link-plain", "bad-from-address"],
)
async def test_refused_content_leaves_no_email_behind(gateway, emulators, content, legacy, field):
    before = emails_and_campaigns(emulators)
    payload = await create(gateway, content)
    refusal(payload, "campaign", "BAD_USER_INPUT", legacy, field)
    assert emails_and_campaigns(emulators) == before  # nothing left behind
    assert await gateway.counts(Platform.OEMPRO) == {
        "User.Login": 1,
        "Email.Create": 1,
        "Email.Update": 1,
        "Email.Delete": 1,
    }


async def test_every_retry_still_leaves_nothing_behind(gateway, emulators):
    emails = own_email_ids(emulators)
    for _ in range(3):
        payload = await create(gateway, NO_LINK)
        refusal(payload, "campaign", "BAD_USER_INPUT", "11", ["input", "content", "htmlContent"])
    assert own_email_ids(emulators) == emails
    assert (await gateway.counts(Platform.OEMPRO))["Email.Delete"] == 3


# -- Campaign.Create refused: the email is deleted ------------------------------------------------


async def test_a_refused_campaign_create_deletes_the_email(gateway, emulators):
    before = emails_and_campaigns(emulators)
    await gateway.fault(
        platform="oempro",
        kind="status",
        status=200,
        endpoint="Campaign.Create",
        body=canned_error(1, "Campaign name is missing"),
    )
    payload = await create(gateway)
    refusal(payload, "campaign", "BAD_USER_INPUT", "1", ["input", "name"])
    assert emails_and_campaigns(emulators) == before  # nothing left behind
    assert await gateway.counts(Platform.OEMPRO) == {
        "User.Login": 1,
        "Email.Create": 1,
        "Email.Update": 1,
        "Campaign.Create": 1,
        "Email.Delete": 1,
    }


async def test_a_campaign_create_lost_on_the_wire_is_reported_as_before(debug_gateway, emulators):
    gateway = debug_gateway  # the error names the step that failed
    emails = own_email_ids(emulators)
    await gateway.fault(platform="oempro", kind="status", status=503, endpoint="Campaign.Create")
    body = await gateway.result(
        "mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { campaign { id } "
        "userErrors { code } } }",
        {"input": {"platform": "OEMPRO", "name": "Autumn news", "content": CONTENT}},
    )
    assert error_codes(body) == ["UPSTREAM_UNAVAILABLE"]
    [error] = body["errors"]
    assert (error["extensions"]["platform"], error["extensions"]["operation"]) == (
        "OEMPRO",
        "Campaign.Create",
    )
    assert own_email_ids(emulators) == emails
    counts = await gateway.counts(Platform.OEMPRO)
    assert (counts["Campaign.Create"], counts["Email.Delete"]) == (1, 1)  # neither retried


# -- Campaign.Update refused: the campaign, then the email, are deleted ---------------------------


async def test_a_refused_campaign_update_deletes_the_campaign_then_the_email(
    gateway, emulators, caplog
):
    caplog.set_level(logging.DEBUG, logger="mailgql")
    before = emails_and_campaigns(emulators)
    await gateway.fault(
        platform="oempro",
        kind="status",
        status=200,
        endpoint="Campaign.Update",
        body=canned_error(4, "Invalid email id"),
    )
    payload = await create(gateway, recipients=[{"listId": str(own_lists(emulators)[0].id)}])
    # RelEmailID is no input of the mutation: the error names no field, as before.
    refusal(payload, "campaign", "BAD_USER_INPUT", "4", None)
    assert emails_and_campaigns(emulators) == before  # nothing left behind
    assert sent_in_order(caplog) == [
        "User.Login",
        "Email.Create",
        "Email.Update",
        "Campaign.Create",
        "Campaign.Update",
        "Campaigns.Delete",
        "Email.Delete",
    ]
    assert undo_warnings(caplog) == []


async def test_a_refusal_naming_the_new_campaign_points_at_no_input(gateway, emulators):
    # createCampaign has no campaignId: Oempro's "CampaignID" refusal names no field of it
    await gateway.fault(
        platform="oempro",
        kind="status",
        status=200,
        endpoint="Campaign.Update",
        body=canned_error(1, "Missing campaign id"),
    )
    payload = await create(gateway, recipients=[{"listId": str(own_lists(emulators)[0].id)}])
    refusal(payload, "campaign", "BAD_USER_INPUT", "1", None)


async def test_recipients_alone_lost_on_the_wire_delete_only_the_campaign(debug_gateway, emulators):
    gateway = debug_gateway  # the error names the step that failed
    campaigns = len(own_campaigns(emulators))
    await gateway.fault(platform="oempro", kind="status", status=503, endpoint="Campaign.Update")
    body = await gateway.result(
        "mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { campaign { id } "
        "userErrors { code } } }",
        {
            "input": {
                "platform": "OEMPRO",
                "name": "Lists only",
                "recipients": [{"listId": str(own_lists(emulators)[0].id)}],
            }
        },
    )
    assert error_codes(body) == ["UPSTREAM_UNAVAILABLE"]
    assert body["errors"][0]["extensions"]["operation"] == "Campaign.Update"
    assert len(own_campaigns(emulators)) == campaigns
    assert await gateway.counts(Platform.OEMPRO) == {
        "User.Login": 1,
        "Campaign.Create": 1,
        "Campaign.Update": 1,
        "Campaigns.Delete": 1,
    }


# -- an undo that fails -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fault",
    [
        {"kind": "status", "status": 503},
        {"kind": "status", "status": 200, "body": canned_error(1, "Email id is missing")},
    ],
    ids=["unavailable", "refused"],
)
async def test_a_failed_undo_is_logged_and_the_original_error_reported(
    gateway, emulators, caplog, fault
):
    caplog.set_level(logging.DEBUG, logger="mailgql")
    emails = own_email_ids(emulators)
    await gateway.fault(platform="oempro", endpoint="Email.Delete", **fault)
    payload = await create(gateway, NO_LINK)
    refusal(payload, "campaign", "BAD_USER_INPUT", "11", ["input", "content", "htmlContent"])
    [left] = own_email_ids(emulators) - emails  # the one orphan, reported in the log
    assert (await gateway.counts(Platform.OEMPRO))["Email.Delete"] == 1  # not retried
    [warning] = undo_warnings(caplog)
    assert "Oempro" in warning
    assert f"email {left}" in warning
    assert "createCampaign" in warning
    oempro = emulators.platforms["oempro"]
    assert not [secret for secret in oempro.secrets() if secret in warning]
    assert not [s for s in state(emulators).sessions if s in warning]


async def test_a_failed_campaign_undo_still_deletes_the_email(gateway, emulators, caplog):
    emails, campaigns = own_email_ids(emulators), {c.id for c in own_campaigns(emulators)}
    await gateway.fault(
        platform="oempro",
        kind="status",
        status=200,
        endpoint="Campaign.Update",
        body=canned_error(4, "Invalid email id"),
    )
    await gateway.fault(platform="oempro", kind="status", status=503, endpoint="Campaigns.Delete")
    payload = await create(gateway)
    refusal(payload, "campaign", "BAD_USER_INPUT", "4", None)
    [left] = {c.id for c in own_campaigns(emulators)} - campaigns
    assert own_email_ids(emulators) == emails
    [warning] = undo_warnings(caplog)
    assert f"campaign {left}" in warning
    assert "Campaigns.Delete" in warning
    counts = await gateway.counts(Platform.OEMPRO)
    assert (counts["Campaigns.Delete"], counts["Email.Delete"]) == (1, 1)


# -- reading back is not a write: nothing is undone -----------------------------------------------


async def test_a_failed_read_back_undoes_nothing(gateway, emulators):
    emails, campaigns = own_email_ids(emulators), len(own_campaigns(emulators))
    await gateway.fault(
        platform="oempro", kind="status", status=503, endpoint="Campaign.Get", count=None
    )
    body = await gateway.result(
        "mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { campaign { id } "
        "userErrors { code } } }",
        {"input": {"platform": "OEMPRO", "name": "Autumn news", "content": CONTENT}},
    )
    assert error_codes(body) == ["UPSTREAM_UNAVAILABLE"]
    assert len(own_email_ids(emulators)) == len(emails) + 1
    assert len(own_campaigns(emulators)) == campaigns + 1
    assert own_campaigns(emulators)[-1]["CampaignName"] == "Autumn news"
    counts = await gateway.counts(Platform.OEMPRO)
    assert "Email.Delete" not in counts
    assert "Campaigns.Delete" not in counts
