"""Oempro emulator: copying an email, sending a test, its spam score and merge tags (§14)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mailgql.emulators import Emulators
from mailgql.emulators.oempro.commands import COMMANDS
from tests.emulators.test_oempro_support import OemproApi, failed, open_api


@pytest.fixture
async def api(emulators: Emulators) -> AsyncIterator[OemproApi]:
    async with open_api(emulators) as api:
        yield api


def test_every_email_tool_has_a_handler() -> None:
    names = {command.name for command in COMMANDS.values()}
    assert names >= {
        "Email.Duplicate",
        "Email.EmailPreview",
        "Email.SpamTest",
        "Email.PersonalizationTags",
    }


async def test_email_duplicate_copies_the_record(api: OemproApi) -> None:
    body = await api.as_user("Email.Duplicate", EmailID=1)
    assert body["Success"] is True
    copy = api.state.emails[body["EmailID"]]
    source = api.state.emails[1]
    assert copy["Subject"] == source["Subject"]
    assert copy["EmailName"] == f"{source['EmailName']} (copy)"
    assert failed(await api.as_user("Email.Duplicate"), 1)
    assert failed(await api.as_user("Email.Duplicate", EmailID=999), 2)


async def test_email_preview_sends_a_test_and_its_codes(api: OemproApi) -> None:
    # The first campaign's email greets %Subscriber:EmailAddress%: a list's subscriber fills it.
    email_id = api.state.campaigns[1].number("RelEmailID")
    list_id = api.state.lists_of(api.state.emails[email_id].number("RelUserID"))[0].id
    body = await api.as_user(
        "Email.EmailPreview", EmailID=email_id, EmailAddress="qa@example.com", ListID=list_id
    )
    assert body["Success"] is True
    assert api.state.content.previews == [(email_id, "qa@example.com")]
    assert failed(await api.as_user("Email.EmailPreview"), 1, 2)
    assert failed(await api.as_user("Email.EmailPreview", EmailID=999, EmailAddress="a@b.co"), 3)
    assert failed(await api.as_user("Email.EmailPreview", EmailID=email_id, EmailAddress="nope"), 4)
    assert failed(
        await api.as_user("Email.EmailPreview", EmailID=email_id, EmailAddress="a@b.co"), 5
    )
    assert failed(
        await api.as_user(
            "Email.EmailPreview", EmailID=email_id, EmailAddress="a@b.co", ListID=999
        ),
        6,
    )
    assert failed(
        await api.as_user(
            "Email.EmailPreview",
            EmailID=email_id,
            EmailAddress="a@b.co",
            ListID=list_id,
            CampaignID=999,
        ),
        7,
    )
    assert len(api.state.content.previews) == 1


async def test_email_spam_test_scores_and_its_codes(api: OemproApi) -> None:
    body = await api.as_user("Email.SpamTest", EmailID=1)
    results = body["TestResults"]
    assert results["IsSpam"] == "No"
    assert float(results["Score"]) < float(results["Threshold"])
    email = api.state.emails[1]
    email["Subject"] = "FREE MONEY NOW"
    email["PlainContent"] = ""
    spammy = (await api.as_user("Email.SpamTest", EmailID=1))["TestResults"]
    assert spammy["IsSpam"] == "Yes"
    assert {r["Rule"] for r in spammy["Rules"]} >= {
        "FREE_MONEY",
        "ALL_CAPS_SUBJECT",
        "NO_PLAIN_PART",
    }
    assert failed(await api.as_user("Email.SpamTest"), 1)
    assert failed(await api.as_user("Email.SpamTest", EmailID=999), 2)
    blank = (await api.as_user("Email.Create"))["EmailID"]
    assert failed(await api.as_user("Email.SpamTest", EmailID=blank), 3)


async def test_personalization_tags_by_scope_and_its_codes(api: OemproApi) -> None:
    user = api.state.emails[1].number("RelUserID")
    list_id = api.state.lists_of(user)[0].id
    body = await api.as_user(
        "Email.PersonalizationTags",
        ("Scope[]", "Subscriber"),
        ("Scope[]", "OptLinks"),
        ListID=list_id,
    )
    tags = {row["Tag"]: row["Label"] for row in body["PersonalizationTags"]}
    assert tags["%Subscriber:EmailAddress%"] == "Email address"
    assert "%Link:Confirm%" in tags
    assert "%User:FirstName%" not in tags
    fields = api.state.fields_of(list_id)
    assert all(f"%Subscriber:CustomField{f.id}%" in tags for f in fields)
    assert failed(await api.as_user("Email.PersonalizationTags"), 1)
    assert failed(await api.as_user("Email.PersonalizationTags", ("Scope[]", "Subscriber")), 2)
    xml = await api.raw(
        "Email.PersonalizationTags",
        ("Scope[]", "User"),
        SessionID=await api.login(),
        ResponseFormat="XML",
    )
    assert "<Tag><![CDATA[%User:FirstName%]]></Tag>" in xml.text
