"""Media library and attachment mutations (Oempro): upload and delete files, delete an email's
attachment."""

from __future__ import annotations

import strawberry

from mailgql.data.oempro.media import MAX_UPLOAD_BYTES
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput
from mailgql.graph.ids import decode_id, global_id
from mailgql.graph.media import MediaFile
from mailgql.graph.mutations._oempro import Numbered, oempro
from mailgql.graph.mutations._run import Input, input_paths, input_type, mutation
from mailgql.graph.mutations.payloads import (
    DeleteAttachmentPayload,
    DeleteMediaPayload,
    MediaFilePayload,
)
from mailgql.graph.platforms.oempro.content import attachment_key
from mailgql.graph.validation import check_not_blank
from mailgql.input_rules import legacy_number
from mailgql.platforms import Platform

__all__ = [
    "DeleteAttachmentInput",
    "DeleteMediaInput",
    "MediaMutation",
    "UploadMediaInput",
]

_P = Platform.OEMPRO
_PATHS = input_paths(
    {
        "MediaData": "data",
        "MediaType": "mimeType",
        "MediaSize": "data",
        "MediaName": "name",
        "MediaID": "mediaId",
        "AttachmentID": "attachmentId",
    }
)
_MEDIA = Numbered("MediaFile", _PATHS["MediaID"])
_ATTACHMENT_FIELD = _PATHS["AttachmentID"]
_UPLOAD_PATHS = _MEDIA.unnamed_in(_PATHS)


@input_type
class UploadMediaInput:
    """A file to store in the media library (Oempro `Media.Upload`)."""

    name: str = strawberry.field(description="The file name, e.g. `logo.png` (not blank).")
    mime_type: str = strawberry.field(description="Its MIME type, e.g. `image/png`.")
    data: str = strawberry.field(
        description=f"The file's bytes, base64-encoded (RFC 4648, no line breaks): at most "
        f"{MAX_UPLOAD_BYTES} bytes once decoded (the input itself at most 1 MB). The server may "
        "keep a smaller limit of its own (Oempro's code 4; the emulator's is 500000 bytes)."
    )


@input_type
class DeleteMediaInput:
    """Delete a file of the media library (Oempro)."""

    media_id: strawberry.ID = strawberry.field(
        description="The file: a MediaFile global ID or the plain Oempro media id."
    )


@input_type
class DeleteAttachmentInput:
    """Delete a file attached to an email (Oempro)."""

    attachment_id: strawberry.ID = strawberry.field(
        description="The attachment: an Attachment global ID (it names its email too)."
    )


def _attachment(info: Info, value: str) -> tuple[int, int]:
    """``(email id, attachment id)`` of an Attachment global ID of the login's own session."""
    info.context.oempro()
    decoded = decode_id(value.strip(), expect="Attachment", field=_ATTACHMENT_FIELD)
    email_part, _, attachment_part = decoded.key.partition(":")
    email_id, attachment_id = legacy_number(email_part), legacy_number(attachment_part)
    if decoded.platform is not _P or email_id is None or attachment_id is None:
        raise BadUserInput(
            f"{value!r} does not name an Oempro attachment", field=_ATTACHMENT_FIELD, platform=_P
        )
    return email_id, attachment_id


@strawberry.type
class MediaMutation:
    """Mutations on the media library and attachments."""

    @mutation
    async def upload_media(self, info: Info, input: Input[UploadMediaInput]) -> MediaFilePayload:
        """Store a file in the media library (Oempro: Media.Upload, then Media.Retrieve). The
        gateway checks the base64 and the size before any call."""

        async def change() -> MediaFile:
            name = check_not_blank(input.name, field=("input", "name"), what="name")
            mime = check_not_blank(input.mime_type, field=("input", "mimeType"), what="mimeType")
            return await oempro(info).upload_media(info, name, mime, input.data.strip())

        return await MediaFilePayload.run(change, input_paths=_UPLOAD_PATHS)

    @mutation
    async def delete_media(self, info: Info, input: Input[DeleteMediaInput]) -> DeleteMediaPayload:
        """Delete a file of the media library (Oempro: Media.Delete). Emails that link it show a
        broken image afterwards. Cannot be undone."""

        change = _MEDIA.deleting(
            info, input.media_id, lambda media_id: oempro(info).delete_media(info, media_id)
        )
        return await DeleteMediaPayload.run(change, input_paths=_PATHS)

    @mutation
    async def delete_attachment(
        self, info: Info, input: Input[DeleteAttachmentInput]
    ) -> DeleteAttachmentPayload:
        """Delete a file attached to an email (Oempro: Email.Get to check the email holds it,
        unless the request read it already, then Attachment.Delete). Cannot be undone."""

        async def change() -> strawberry.ID:
            email_id, attachment_id = _attachment(info, input.attachment_id)
            await oempro(info).delete_attachment(info, email_id, attachment_id)
            return global_id("Attachment", _P, attachment_key(email_id, attachment_id))

        return await DeleteAttachmentPayload.run(change, input_paths=_PATHS)
