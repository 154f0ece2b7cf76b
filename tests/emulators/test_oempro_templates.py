"""Oempro emulator: design templates (``Email.Template.*``), for users and the administrator."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mailgql.emulators import Emulators
from mailgql.emulators.oempro.commands import COMMANDS
from mailgql.emulators.oempro.seed_content import TEMPLATE_NAMES
from tests.emulators.test_oempro_support import OemproApi, failed, open_api


@pytest.fixture
async def api(emulators: Emulators) -> AsyncIterator[OemproApi]:
    async with open_api(emulators) as api:
        yield api


def test_every_template_command_has_a_handler() -> None:
    names = {command.name for command in COMMANDS.values()}
    assert names >= {
        *("Email.Templates.Get", "Email.Template.Get", "Email.Template.Create"),
        *("Email.Template.Update", "Email.Template.Delete"),
    }


async def names(api: OemproApi, **params: object) -> list[str]:
    body = await api.as_user("Email.Templates.Get", **params)
    assert body["TotalTemplateCount"] == len(body["Templates"])
    return [row["TemplateName"] for row in body["Templates"]]


async def test_a_user_sees_global_templates_and_its_own(api: OemproApi) -> None:
    assert await names(api) == list(TEMPLATE_NAMES)
    other = await api.call("Email.Templates.Get", SessionID=await api.switch("bluepeak"))
    assert [row["TemplateName"] for row in other["Templates"]] == list(TEMPLATE_NAMES[:2])
    admin = await api.as_admin("Email.Templates.Get")
    assert admin["TotalTemplateCount"] == len(TEMPLATE_NAMES)


async def test_template_get_and_its_codes(api: OemproApi) -> None:
    body = await api.as_user("Email.Template.Get", TemplateID=1)
    assert body["Template"]["TemplateName"] == TEMPLATE_NAMES[0]
    assert failed(await api.as_user("Email.Template.Get"), 1)
    assert failed(await api.as_user("Email.Template.Get", TemplateID=999), 2)
    own = await api.as_user("Email.Template.Get", TemplateID=3)
    assert own["Success"] is True
    other = await api.call(
        "Email.Template.Get", TemplateID=3, SessionID=await api.switch("bluepeak")
    )
    assert failed(other, 2)


async def test_template_create_update_delete_and_their_codes(api: OemproApi) -> None:
    created = await api.as_user(
        "Email.Template.Create", TemplateName="Promo", TemplateHTMLContent="<p>Hi</p>"
    )
    template_id = created["TemplateID"]
    assert api.state.content.templates[template_id]["TemplateName"] == "Promo"
    assert failed(await api.as_user("Email.Template.Create"), 1)
    assert failed(await api.as_user("Email.Template.Create", TemplateName="Empty"), 2)
    admin = await api.as_admin(
        "Email.Template.Create", TemplateName="x", TemplatePlainContent="x", RelOwnerUserID=999
    )
    assert failed(admin, 3)
    updated = await api.as_user(
        "Email.Template.Update", TemplateID=template_id, TemplateSubject="S"
    )
    assert updated["Success"] is True
    assert api.state.content.templates[template_id]["TemplateSubject"] == "S"
    assert failed(await api.as_user("Email.Template.Update"), 1)
    assert failed(await api.as_user("Email.Template.Update", TemplateID=1, TemplateName="x"), 2)
    assert failed(
        await api.as_user("Email.Template.Update", TemplateID=template_id, TemplateName=" "), 3
    )
    assert failed(await api.as_user("Email.Template.Delete"), 1)
    gone = await api.as_user("Email.Template.Delete", Templates=f"{template_id},1")
    assert gone["Success"] is True
    assert template_id not in api.state.content.templates
    assert 1 in api.state.content.templates  # a global template is the administrator's


async def test_templates_answer_xml(api: OemproApi) -> None:
    response = await api.raw(
        "Email.Templates.Get", SessionID=await api.login(), ResponseFormat="XML"
    )
    assert f"<TemplateName><![CDATA[{TEMPLATE_NAMES[0]}]]></TemplateName>" in response.text
