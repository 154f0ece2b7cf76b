"""Commands about the media library and email attachments (contract §14)."""

from __future__ import annotations

from typing import Any

from mailgql.upstreams.oempro.commands._base import Command, Form, created, write
from mailgql.upstreams.oempro.content_records import MediaFile, MediaLibrary
from mailgql.upstreams.oempro.wire import content as wire_content

__all__ = ["browse_media", "delete_attachment", "delete_media", "retrieve_media", "upload_media"]


def browse_media(*, as_user: int | None = None) -> Command[MediaLibrary]:
    """``Media.Browse``: the library's folders and files."""
    return Command(
        "Media.Browse", [], decode=wire_content.parse_media_library, read=True, as_user=as_user
    )


def _media(data: dict[str, Any]) -> MediaFile:
    return wire_content.parse_media_file(data)


def retrieve_media(media_id: int, *, as_user: int | None = None) -> Command[MediaFile]:
    """``Media.Retrieve``: one file's name, type, size and address."""
    form: Form = [("MediaID", str(media_id))]
    return Command("Media.Retrieve", form, decode=_media, read=True, as_user=as_user)


def upload_media(name: str, mime_type: str, data: str, size: int) -> Command[int]:
    """``Media.Upload``: ``data`` base64-encoded, ``size`` its decoded length; the new id."""
    form: Form = [
        ("MediaData", data),
        ("MediaType", mime_type),
        ("MediaSize", str(size)),
        ("MediaName", name),
    ]
    return created("Media.Upload", form, "MediaID")


def delete_media(media_id: int) -> Command[None]:
    """``Media.Delete``: one file."""
    return write("Media.Delete", [("MediaID", str(media_id))])


def delete_attachment(attachment_id: int) -> Command[None]:
    """``Attachment.Delete``: one file attached to an email."""
    return write("Attachment.Delete", [("AttachmentID", str(attachment_id))])
