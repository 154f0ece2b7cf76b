"""The media library and email attachments (contract §14) — user scope.

``Media.Upload`` takes the file base64-encoded with its declared size; the codes are 1 data
missing (or not base64), 2 type missing, 3 size missing (or not the data's size), 5 name
missing, 4 larger than :data:`MAX_MEDIA_BYTES` (our reading of "too large"). 4.x has no media
folders: ``Media.Browse`` answers an empty ``Folders`` beside ``Files``. An attachment or media
id that is not the user's is left alone by the deletes and not found by ``Media.Retrieve``.
"""

from __future__ import annotations

import base64
import binascii

from mailgql.emulators.oempro.commands._base import USER, Call, CommandTable, requires
from mailgql.emulators.oempro.envelope import Outcome, fail, ok
from mailgql.emulators.oempro.records.content import Media

__all__ = ["COMMANDS", "MAX_MEDIA_BYTES", "media_url"]

COMMANDS = CommandTable()

MAX_MEDIA_BYTES = 500_000
"""The largest file ``Media.Upload`` stores."""

_MEDIA_ID = ("MediaID", 1, "Media id is missing")


def media_url(media: Media) -> str:
    """Where the library serves a file."""
    return f"http://oempro.example.com/data/media/{media.owner_id}/{media.id}/{media['MediaName']}"


def _listed(media: Media) -> dict[str, str]:
    row = {k: v for k, v in media.row().items() if k != "MediaData"}
    row["URL"] = media_url(media)
    return row


@COMMANDS.register("Media.Upload", USER)
@requires(
    ("MediaData", 1, "Media data is missing"),
    ("MediaType", 2, "Media type is missing"),
    ("MediaSize", 3, "Media size is missing"),
    ("MediaName", 5, "Media name is missing"),
)
def media_upload(call: Call) -> Outcome:
    """``Media.Upload``: codes 1, 2, 3, 5 (missing) and 4 (too large); the new ``MediaID``."""
    p = call.params
    data = p.filled("MediaData") or ""
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        return fail((1, "Media data is not base64"))
    if p.integer("MediaSize") != len(raw):
        return fail((3, "Media size does not match the data"))
    if len(raw) > MAX_MEDIA_BYTES:
        return fail((4, "Media is too large"))
    media_id = call.state.next_id("media")
    call.state.content.media[media_id] = Media(
        MediaID=str(media_id),
        RelOwnerUserID=str(call.user.id),
        MediaName=p.filled("MediaName") or "",
        MediaType=p.filled("MediaType") or "",
        MediaSize=str(len(raw)),
        MediaData=data,
        UploadDateTime=call.now,
    )
    return ok(MediaID=media_id)


@COMMANDS.register("Media.Browse", USER)
def media_browse(call: Call) -> Outcome:
    """``Media.Browse``: the user's files (no folders on 4.x)."""
    files = [m for m in call.state.content.media.values() if m.owner_id == call.user.id]
    return ok(Folders=[], Files=[_listed(m) for m in files])


@COMMANDS.register("Media.Retrieve", USER)
@requires(_MEDIA_ID)
def media_retrieve(call: Call) -> Outcome:
    """``Media.Retrieve``: ``Name``, ``Type``, ``Size``, ``URL``; 2 when not the user's."""
    media = call.owned(call.state.content.owned_media, "MediaID", (2, "Media not found"))
    return ok(
        MediaID=media["MediaID"],
        Name=media["MediaName"],
        Type=media["MediaType"],
        Size=media["MediaSize"],
        URL=media_url(media),
    )


@COMMANDS.register("Media.Delete", USER)
@requires(_MEDIA_ID)
def media_delete(call: Call) -> Outcome:
    """``Media.Delete``: 1 id missing, 2 not found."""
    media = call.owned(call.state.content.owned_media, "MediaID", (2, "Media not found"))
    del call.state.content.media[media.id]
    return ok()


@COMMANDS.register("Attachment.Delete", USER)
@requires(("AttachmentID", 1, "Attachment id is missing"))
def attachment_delete(call: Call) -> Outcome:
    """``Attachment.Delete``: 1 id missing; another user's attachment is left alone."""
    content = call.state.content
    found = content.attachments.get(call.params.integer("AttachmentID") or 0)
    if found is not None and found.number("RelOwnerUserID") == call.user.id:
        del content.attachments[found.id]
    return ok()
