"""Oempro's media library and email attachments in the graph: reads and what they cost,
uploads (base64, size limits), deletes, and refusals with Oempro's codes."""

from __future__ import annotations

import base64

from mailgql.emulators.oempro.commands.media import MAX_MEDIA_BYTES
from mailgql.emulators.oempro.seed_content import MEDIA_FILES
from mailgql.platforms import Platform
from tests.graph.oempro_helpers import USER_ERRORS, gid, mutate, own_campaigns, refusal, state

MEDIA = f"media {{ legacyId name mimeType size url }} {USER_ERRORS}"


def first_email(emulators) -> int:
    return own_campaigns(emulators)[0].number("RelEmailID")


async def test_the_media_library_in_one_call(gateway, emulators):
    await gateway.reset_calls()
    data = await gateway.query(
        "{ me(platform: OEMPRO) { media { totalCount nodes { id legacyId name mimeType size "
        "url uploadedAt } } } }"
    )
    media = data["me"]["media"]
    assert [n["name"] for n in media["nodes"]] == [name for name, _, _ in MEDIA_FILES]
    assert [n["size"] for n in media["nodes"]] == [len(raw) for _, _, raw in MEDIA_FILES]
    assert all(n["url"].endswith(n["name"]) and n["uploadedAt"] for n in media["nodes"])
    assert await gateway.counts(Platform.OEMPRO) == {"User.Login": 1, "Media.Browse": 1}
    one = media["nodes"][0]
    found = await gateway.query(
        "query($id: ID!) { node(id: $id) { ... on MediaFile { name size } } }", {"id": one["id"]}
    )
    assert found["node"] == {"name": one["name"], "size": one["size"]}
    assert (await gateway.counts(Platform.OEMPRO))["Media.Retrieve"] == 1


async def test_attachments_of_an_email(gateway, emulators):
    email_id = first_email(emulators)
    await gateway.reset_calls()
    data = await gateway.query(
        "{ me(platform: OEMPRO) { emails(first: 100) { nodes { legacyId "
        "attachments { id fileName mimeType size } } } } }"
    )
    by_email = {n["legacyId"]: n["attachments"] for n in data["me"]["emails"]["nodes"]}
    assert [a["fileName"] for a in by_email[str(email_id)]] == ["terms.pdf", "map.png"]
    counts = await gateway.counts(Platform.OEMPRO)
    # Emails.Get rows carry no attachments: one Email.Get per email.
    assert counts["Emails.Get"] == 1
    assert counts["Email.Get"] == len(by_email)
    await gateway.reset_calls()
    alone = await gateway.query(
        "query($id: ID!) { node(id: $id) { ... on Email { attachments { fileName } } } }",
        {"id": gid("Email", email_id)},
    )
    assert len(alone["node"]["attachments"]) == 2
    assert await gateway.counts(Platform.OEMPRO) == {"Email.Get": 1}


async def test_upload_and_delete_a_file(gateway, emulators):
    raw = b"\x89PNG\r\n\x1a\n tiny"
    uploaded = await mutate(
        gateway,
        "uploadMedia",
        {"name": "tiny.png", "mimeType": "image/png", "data": base64.b64encode(raw).decode()},
        MEDIA,
    )
    assert uploaded["userErrors"] == []
    assert (uploaded["media"]["name"], uploaded["media"]["size"]) == ("tiny.png", len(raw))
    media_id = int(uploaded["media"]["legacyId"])
    stored = state(emulators).content.media[media_id]
    assert base64.b64decode(stored["MediaData"]) == raw
    deleted = await mutate(
        gateway,
        "deleteMedia",
        {"mediaId": gid("MediaFile", media_id)},
        f"deletedMediaId {USER_ERRORS}",
    )
    assert deleted["deletedMediaId"] == gid("MediaFile", media_id)
    assert media_id not in state(emulators).content.media
    again = await mutate(
        gateway, "deleteMedia", {"mediaId": str(media_id)}, f"deletedMediaId {USER_ERRORS}"
    )
    refusal(again, "deletedMediaId", "NOT_FOUND", "2", ["input", "mediaId"])


async def test_upload_refusals(gateway, emulators):
    await gateway.reset_calls()
    base = {"name": "x.png", "mimeType": "image/png"}
    not_base64 = await mutate(gateway, "uploadMedia", {**base, "data": "%%%"}, MEDIA)
    refusal(not_base64, "media", "BAD_USER_INPUT", None, ["input", "data"])
    blank = await mutate(gateway, "uploadMedia", {**base, "name": " ", "data": "eA=="}, MEDIA)
    refusal(blank, "media", "BAD_USER_INPUT", None, ["input", "name"])
    assert "Media.Upload" not in await gateway.counts(Platform.OEMPRO)
    big = base64.b64encode(b"x" * (MAX_MEDIA_BYTES + 1)).decode()
    too_large = await mutate(gateway, "uploadMedia", {**base, "data": big}, MEDIA)
    refusal(too_large, "media", "BAD_USER_INPUT", "4", ["input", "data"])


async def test_delete_an_attachment(gateway, emulators):
    email_id = first_email(emulators)
    held = state(emulators).content.attachments_of(email_id)
    target = gid("Attachment", f"{email_id}:{held[0].id}")
    gone = f"deletedAttachmentId {USER_ERRORS}"
    deleted = await mutate(gateway, "deleteAttachment", {"attachmentId": target}, gone)
    assert deleted["deletedAttachmentId"] == target
    assert [a.id for a in state(emulators).content.attachments_of(email_id)] == [held[1].id]
    await gateway.reset_calls()
    again = await mutate(gateway, "deleteAttachment", {"attachmentId": target}, gone)
    refusal(again, "deletedAttachmentId", "NOT_FOUND", None, ["input", "attachmentId"])
    assert "Attachment.Delete" not in await gateway.counts(Platform.OEMPRO)
    plain = await mutate(gateway, "deleteAttachment", {"attachmentId": "5"}, gone)
    refusal(plain, "deletedAttachmentId", "BAD_USER_INPUT", None, ["input", "attachmentId"])
