"""Oempro emulator: the media library and email attachments (contract §14), JSON and XML."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator

import pytest

from mailgql.emulators import Emulators
from mailgql.emulators.oempro.commands import COMMANDS
from mailgql.emulators.oempro.commands.media import MAX_MEDIA_BYTES
from mailgql.emulators.oempro.seed_content import MEDIA_FILES
from tests.emulators.test_oempro_support import OemproApi, failed, open_api


@pytest.fixture
async def api(emulators: Emulators) -> AsyncIterator[OemproApi]:
    async with open_api(emulators) as api:
        yield api


def test_every_media_command_has_a_handler() -> None:
    names = {command.name for command in COMMANDS.values()}
    assert names >= {
        *("Media.Upload", "Media.Browse", "Media.Retrieve", "Media.Delete"),
        "Attachment.Delete",
    }


def upload(data: bytes, **extra: object) -> dict[str, object]:
    return {
        "MediaData": base64.b64encode(data).decode(),
        "MediaType": "image/png",
        "MediaSize": len(data),
        "MediaName": "pixel.png",
        **extra,
    }


async def test_browse_retrieve_upload_and_delete(api: OemproApi) -> None:
    browsed = await api.as_user("Media.Browse")
    assert browsed["Folders"] == []
    assert [f["MediaName"] for f in browsed["Files"]] == [name for name, _, _ in MEDIA_FILES]
    assert all("MediaData" not in f for f in browsed["Files"])
    created = await api.as_user("Media.Upload", **upload(b"\x89PNG pixel"))
    media_id = created["MediaID"]
    found = await api.as_user("Media.Retrieve", MediaID=media_id)
    assert (found["Name"], found["Type"], found["Size"]) == ("pixel.png", "image/png", "10")
    assert found["URL"].endswith(f"/{media_id}/pixel.png")
    assert (await api.as_user("Media.Delete", MediaID=media_id))["Success"] is True
    assert failed(await api.as_user("Media.Retrieve", MediaID=media_id), 2)


async def test_upload_codes(api: OemproApi) -> None:
    assert failed(await api.as_user("Media.Upload"), 1, 2, 3, 5)
    assert failed(await api.as_user("Media.Upload", **upload(b"x", MediaData="%%%")), 1)
    assert failed(await api.as_user("Media.Upload", **upload(b"abc", MediaSize=4)), 3)
    big = b"x" * (MAX_MEDIA_BYTES + 1)
    assert failed(await api.as_user("Media.Upload", **upload(big)), 4)


async def test_retrieve_and_delete_codes(api: OemproApi) -> None:
    for command in ("Media.Retrieve", "Media.Delete"):
        assert failed(await api.as_user(command), 1)
        assert failed(await api.as_user(command, MediaID=999), 2)


async def test_attachments_come_with_email_get_and_go_with_attachment_delete(
    api: OemproApi,
) -> None:
    email_id = api.state.campaigns[1].number("RelEmailID")
    body = await api.as_user("Email.Get", EmailID=email_id)
    attachments = body["EmailInformation"]["Attachments"]
    assert [a["FileName"] for a in attachments] == ["terms.pdf", "map.png"]
    listed = await api.as_user("Emails.Get")
    assert all("Attachments" not in row for row in listed["Emails"])
    first = attachments[0]["AttachmentID"]
    assert (await api.as_user("Attachment.Delete", AttachmentID=first))["Success"] is True
    again = await api.as_user("Email.Get", EmailID=email_id)
    assert [a["FileName"] for a in again["EmailInformation"]["Attachments"]] == ["map.png"]
    assert failed(await api.as_user("Attachment.Delete"), 1)


async def test_media_browse_answers_xml(api: OemproApi) -> None:
    response = await api.raw("Media.Browse", SessionID=await api.login(), ResponseFormat="XML")
    assert "<Folders></Folders>" in response.text
    assert "<MediaName><![CDATA[logo.png]]></MediaName>" in response.text
