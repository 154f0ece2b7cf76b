"""Oempro design templates in the graph: on the account and on emails, their writes and
refusals with Oempro's codes, and what their reads cost."""

from __future__ import annotations

from mailgql.emulators.oempro.seed_content import TEMPLATE_NAMES
from mailgql.platforms import Platform
from tests.conftest import open_gateway
from tests.graph.oempro_helpers import ADMIN, USER_ERRORS, gid, mutate, refusal, state

TEMPLATE = f"template {{ legacyId name subject htmlContent global }} {USER_ERRORS}"


async def test_the_account_sees_its_own_and_the_global_templates(gateway, emulators):
    await gateway.reset_calls()
    data = await gateway.query(
        "{ me(platform: OEMPRO) { emailTemplates { totalCount "
        "nodes { id legacyId name global thumbnailPath } } } }"
    )
    templates = data["me"]["emailTemplates"]
    assert [n["name"] for n in templates["nodes"]] == list(TEMPLATE_NAMES)
    assert [n["global"] for n in templates["nodes"]] == [True, True, False]
    assert templates["nodes"][0]["id"] == gid("EmailTemplate", templates["nodes"][0]["legacyId"])
    assert await gateway.counts(Platform.OEMPRO) == {"User.Login": 1, "Email.Templates.Get": 1}


async def test_the_templates_of_many_emails_cost_one_listing(gateway, emulators):
    emails = state(emulators).emails
    for email in list(emails.values())[:6]:
        email["RelTemplateID"] = "3"
    await gateway.reset_calls()
    data = await gateway.query(
        "{ me(platform: OEMPRO) { emails(first: 100) { nodes { template { name } } } } }"
    )
    names = [
        n["template"]["name"] if n["template"] else None for n in data["me"]["emails"]["nodes"]
    ]
    assert names.count(TEMPLATE_NAMES[2]) == 6
    counts = await gateway.counts(Platform.OEMPRO)
    assert counts == {"User.Login": 1, "Emails.Get": 1, "Email.Templates.Get": 1}


async def test_a_template_by_node(gateway, emulators):
    data = await gateway.query(
        "query($id: ID!) { node(id: $id) { ... on EmailTemplate { name subject } } }",
        {"id": gid("EmailTemplate", 3)},
    )
    assert data["node"]["name"] == TEMPLATE_NAMES[2]
    assert await gateway.counts(Platform.OEMPRO) == {"User.Login": 1, "Email.Template.Get": 1}
    missing = await gateway.query(
        "query($id: ID!) { node(id: $id) { id } }", {"id": gid("EmailTemplate", 999)}
    )
    assert missing["node"] is None


async def test_create_update_and_delete_a_template(gateway, emulators):
    created = await mutate(
        gateway, "createEmailTemplate", {"name": "Promo", "htmlContent": "<p>Sale</p>"}, TEMPLATE
    )
    assert created["userErrors"] == []
    assert created["template"]["global"] is False
    template_id = int(created["template"]["legacyId"])
    updated = await mutate(
        gateway,
        "updateEmailTemplate",
        {"templateId": gid("EmailTemplate", template_id), "subject": "Big sale"},
        TEMPLATE,
    )
    assert updated["template"]["subject"] == "Big sale"
    assert updated["template"]["htmlContent"] == "<p>Sale</p>"
    deleted = await mutate(
        gateway,
        "deleteEmailTemplate",
        {"templateId": str(template_id)},
        f"deletedTemplateId {USER_ERRORS}",
    )
    assert deleted["deletedTemplateId"] == gid("EmailTemplate", template_id)
    assert template_id not in state(emulators).content.templates


async def test_template_refusals_carry_oempro_codes(gateway, emulators):
    no_body = await mutate(gateway, "createEmailTemplate", {"name": "Empty"}, TEMPLATE)
    refusal(no_body, "template", "BAD_USER_INPUT", "2", ["input", "htmlContent"])
    no_name = await mutate(
        gateway, "createEmailTemplate", {"name": "", "plainContent": "x"}, TEMPLATE
    )
    refusal(no_name, "template", "BAD_USER_INPUT", "1", ["input", "name"])
    blank = await mutate(gateway, "updateEmailTemplate", {"templateId": "3", "name": " "}, TEMPLATE)
    refusal(blank, "template", "BAD_USER_INPUT", "3", ["input", "name"])
    shared = await mutate(
        gateway, "updateEmailTemplate", {"templateId": "1", "name": "x"}, TEMPLATE
    )
    refusal(shared, "template", "NOT_FOUND", "2", ["input", "templateId"])
    await gateway.reset_calls()
    gone = f"deletedTemplateId {USER_ERRORS}"
    unknown = await mutate(gateway, "deleteEmailTemplate", {"templateId": "999"}, gone)
    refusal(unknown, "deletedTemplateId", "NOT_FOUND", None, ["input", "templateId"])
    forbidden = await mutate(gateway, "deleteEmailTemplate", {"templateId": "1"}, gone)
    refusal(forbidden, "deletedTemplateId", "FORBIDDEN", None, ["input", "templateId"])
    assert "Email.Template.Delete" not in await gateway.counts(Platform.OEMPRO)
    assert 1 in state(emulators).content.templates


async def test_the_administrator_deletes_a_global_template(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        deleted = await mutate(
            gateway, "deleteEmailTemplate", {"templateId": "1"}, f"deletedTemplateId {USER_ERRORS}"
        )
    assert deleted["userErrors"] == []
    assert 1 not in state(emulators).content.templates
