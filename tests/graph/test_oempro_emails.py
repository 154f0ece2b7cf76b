"""Oempro email records in the graph: on the account and on campaigns, their spam score and
merge tags, their writes and refusals with Oempro's codes, and what their reads cost."""

from __future__ import annotations

from mailgql.emulators import Emulators
from mailgql.emulators.oempro.records import Email
from mailgql.platforms import Platform
from tests.graph.oempro_helpers import (
    USER_ERRORS,
    demo_user,
    gid,
    mutate,
    own_campaigns,
    own_lists,
    refusal,
    state,
)

EMAIL_FIELDS = "legacyId name subject fromEmail htmlContent plainContent mode imageEmbedding"
EMAIL = f"email {{ {EMAIL_FIELDS} }} {USER_ERRORS}"


def demo_emails(emulators: Emulators) -> list[Email]:
    owner = demo_user(emulators).id
    return sorted(
        (e for e in state(emulators).emails.values() if e.number("RelUserID") == owner),
        key=lambda e: e.id,
    )


def campaign_email_id(emulators: Emulators) -> int:
    """The email of the demo user's first campaign (its content greets the subscriber)."""
    return own_campaigns(emulators)[0].number("RelEmailID")


async def test_the_account_lists_its_emails_in_one_call(gateway, emulators):
    await gateway.reset_calls()
    data = await gateway.query(
        "{ me(platform: OEMPRO) { emails(first: 100) { totalCount "
        f"nodes {{ id {EMAIL_FIELDS} }} }} }} }}"
    )
    counts = await gateway.counts(Platform.OEMPRO)
    emails = data["me"]["emails"]
    stored = demo_emails(emulators)
    assert emails["totalCount"] == len(stored)
    for node, row in zip(emails["nodes"], stored, strict=True):
        assert node["legacyId"] == str(row.id)
        assert node["id"] == gid("Email", row.id)
        assert node["subject"] == (row["Subject"] or None)
        assert node["htmlContent"] == (row["HTMLContent"] or None)
    assert counts == {"User.Login": 1, "Emails.Get": 1}


async def test_each_campaigns_email_costs_one_listing_together(gateway, emulators):
    await gateway.reset_calls()
    data = await gateway.query(
        "{ campaigns(platform: OEMPRO, first: 20) { nodes { legacyId subject "
        "email { legacyId subject fromEmail } } } }"
    )
    counts = await gateway.counts(Platform.OEMPRO)
    emails = state(emulators).emails
    for node, stored in zip(data["campaigns"]["nodes"], own_campaigns(emulators), strict=True):
        email = emails.get(stored.number("RelEmailID"))
        if email is None:
            assert node["email"] is None
        else:
            assert node["email"] == {
                "legacyId": str(email.id),
                "subject": email["Subject"],
                "fromEmail": email["FromEmail"],
            }
            assert node["subject"] == email["Subject"]
    assert counts == {"User.Login": 1, "Campaigns.Get": 1, "Emails.Get": 1}


async def test_an_email_by_node_with_its_spam_score(gateway, emulators):
    email_id = campaign_email_id(emulators)
    data = await gateway.query(
        "query($id: ID!) { node(id: $id) { ... on Email { subject "
        "spamTest { score threshold isSpam rules { rule score } } } } }",
        {"id": gid("Email", email_id)},
    )
    test = data["node"]["spamTest"]
    assert data["node"]["subject"] == state(emulators).emails[email_id]["Subject"]
    assert test["isSpam"] is False
    assert test["score"] < test["threshold"]


async def test_a_spam_test_refused_nulls_only_its_field(gateway, emulators):
    created = await mutate(
        gateway, "createEmail", {"htmlContent": "<p>%Link:Unsubscribe%</p>"}, EMAIL
    )
    email_id = int(created["email"]["legacyId"])
    state(emulators).emails[email_id]["HTMLContent"] = ""
    body = await gateway.result(
        "query($id: ID!) { node(id: $id) { ... on Email { legacyId spamTest { score } } } }",
        {"id": gid("Email", email_id)},
    )
    assert body["data"]["node"] == {"legacyId": str(email_id), "spamTest": None}
    [error] = body["errors"]
    assert error["path"] == ["node", "spamTest"]
    assert (error["extensions"]["code"], error["extensions"]["legacyCode"]) == (
        "BAD_USER_INPUT",
        "3",
    )


async def test_personalization_tags_with_a_lists_fields(gateway, emulators):
    first = own_lists(emulators)[0]
    data = await gateway.query(
        "query($l: [ID!]) { me(platform: OEMPRO) { "
        "personalizationTags(scopes: [SUBSCRIBER, LIST_LINKS], listIds: $l) { tag label } } }",
        {"l": [gid("MailingList", first.id)]},
    )
    tags = {t["tag"]: t["label"] for t in data["me"]["personalizationTags"]}
    assert tags["%Subscriber:EmailAddress%"] == "Email address"
    assert "%Link:Unsubscribe%" in tags
    for field in state(emulators).fields_of(first.id):
        assert tags[f"%Subscriber:CustomField{field.id}%"] == field["FieldName"]
    body = await gateway.result(
        "{ me(platform: OEMPRO) { username personalizationTags(scopes: [SUBSCRIBER]) { tag } } }"
    )
    assert body["data"]["me"]["personalizationTags"] is None
    assert body["errors"][0]["extensions"]["legacyCode"] == "2"


async def test_create_update_duplicate_and_delete_an_email(gateway, emulators):
    content = "<p>Hello</p><p>%Link:Unsubscribe%</p>"
    created = await mutate(
        gateway,
        "createEmail",
        {
            "name": "Welcome",
            "subject": "Hi",
            "fromEmail": "news@example.com",
            "htmlContent": content,
        },
        EMAIL,
    )
    assert created["userErrors"] == []
    email_id = int(created["email"]["legacyId"])
    stored = state(emulators).emails[email_id]
    assert (stored["Subject"], stored["FromEmail"], stored["HTMLContent"]) == (
        "Hi",
        "news@example.com",
        content,
    )
    updated = await mutate(
        gateway, "updateEmail", {"emailId": gid("Email", email_id), "subject": "Hello again"}, EMAIL
    )
    assert updated["email"]["subject"] == "Hello again"
    assert updated["email"]["htmlContent"] == content
    copied = await mutate(gateway, "duplicateEmail", {"emailId": str(email_id)}, EMAIL)
    assert copied["email"]["name"] == "Welcome (copy)"
    assert copied["email"]["legacyId"] != str(email_id)
    deleted = await mutate(
        gateway, "deleteEmail", {"emailId": str(email_id)}, f"deletedEmailId {USER_ERRORS}"
    )
    assert deleted["deletedEmailId"] == gid("Email", email_id)
    assert email_id not in state(emulators).emails


async def test_a_refused_create_leaves_no_blank_email_behind(gateway, emulators):
    before = len(demo_emails(emulators))
    await gateway.reset_calls()
    payload = await mutate(
        gateway, "createEmail", {"subject": "No way out", "htmlContent": "<p>Hi</p>"}, EMAIL
    )
    refusal(payload, "email", "BAD_USER_INPUT", "11", ["input", "htmlContent"])
    assert len(demo_emails(emulators)) == before
    counts = await gateway.counts(Platform.OEMPRO)
    # The gateway's first call of the test logs in.
    assert counts == {"User.Login": 1, "Email.Create": 1, "Email.Update": 1, "Email.Delete": 1}


async def test_email_update_refusals_carry_oempro_codes(gateway, emulators):
    email_id = str(campaign_email_id(emulators))
    cases = [
        ({"emailId": "999999", "subject": "x"}, "NOT_FOUND", "3", ["input", "emailId"]),
        ({"emailId": email_id, "mode": "IMPORT"}, "BAD_USER_INPUT", "2", ["input", "fetchUrl"]),
        ({"emailId": email_id, "mode": "TEMPLATE"}, "BAD_USER_INPUT", "4", ["input", "templateId"]),
        (
            {"emailId": email_id, "purpose": "OPT_IN"},
            "BAD_USER_INPUT",
            "13",
            ["input", "htmlContent"],
        ),
        (
            {"emailId": email_id, "htmlContent": " ", "plainContent": " "},
            "BAD_USER_INPUT",
            "8",
            ["input", "htmlContent"],
        ),
    ]
    for given, code, legacy, field in cases:
        payload = await mutate(gateway, "updateEmail", given, EMAIL)
        refusal(payload, "email", code, legacy, field)


async def test_unknown_emails_are_not_found_before_any_write(gateway, emulators):
    await gateway.reset_calls()
    payload = await mutate(
        gateway, "deleteEmail", {"emailId": "999999"}, f"deletedEmailId {USER_ERRORS}"
    )
    refusal(payload, "deletedEmailId", "NOT_FOUND", None, ["input", "emailId"])
    assert "Email.Delete" not in await gateway.counts(Platform.OEMPRO)
    copied = await mutate(gateway, "duplicateEmail", {"emailId": "999999"}, EMAIL)
    refusal(copied, "email", "NOT_FOUND", "2", ["input", "emailId"])


async def test_send_a_test_email_and_its_refusals(gateway, emulators):
    email_id = campaign_email_id(emulators)
    first_list = gid("MailingList", own_lists(emulators)[0].id)
    sent = await mutate(
        gateway,
        "sendTestEmail",
        {"emailId": gid("Email", email_id), "to": "qa@example.com", "listId": first_list},
        EMAIL,
    )
    assert sent["userErrors"] == []
    assert state(emulators).content.previews == [(email_id, "qa@example.com")]
    no_list = await mutate(
        gateway, "sendTestEmail", {"emailId": str(email_id), "to": "qa@example.com"}, EMAIL
    )
    refusal(no_list, "email", "BAD_USER_INPUT", "5", ["input", "listId"])
    other = await mutate(
        gateway,
        "sendTestEmail",
        {"emailId": str(email_id), "to": "qa@example.com", "listId": "999999"},
        EMAIL,
    )
    refusal(other, "email", "NOT_FOUND", "6", ["input", "listId"])
    campaign = await mutate(
        gateway,
        "sendTestEmail",
        {
            "emailId": str(email_id),
            "to": "qa@example.com",
            "listId": first_list,
            "campaignId": "999999",
        },
        EMAIL,
    )
    refusal(campaign, "email", "NOT_FOUND", "7", ["input", "campaignId"])
    missing = await mutate(
        gateway, "sendTestEmail", {"emailId": "999999", "to": "qa@example.com"}, EMAIL
    )
    refusal(missing, "email", "NOT_FOUND", "3", ["input", "emailId"])
    assert len(state(emulators).content.previews) == 1
