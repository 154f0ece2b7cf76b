"""Oempro's media library and email attachments.

What costs calls: a scope's library, one ``Media.Browse`` per request; one file, one
``Media.Retrieve``; an email's attachments, nothing for an email read by ``Email.Get`` (it
carries them) and one ``Email.Get`` per email otherwise. An upload is checked here before any
call (base64, and :data:`MAX_UPLOAD_BYTES`); the server applies its own, possibly smaller, limit
(code 4). ``Attachment.Delete`` passes over ids it does not know: the email is read first, and
NOT_FOUND (``AttachmentID``) when it holds no such attachment.
"""

from __future__ import annotations

import base64
import binascii

from mailgql.data.oempro._base import PLATFORM, invalid
from mailgql.data.oempro.campaigns import CampaignReads
from mailgql.data.oempro.stale_content import stale_email_content, stale_media
from mailgql.loaders.oempro_keys import Scope, ScopedId
from mailgql.upstreams.errors import UpstreamNotFound
from mailgql.upstreams.oempro import Email
from mailgql.upstreams.oempro.content_records import Attachment, MediaFile, MediaLibrary

__all__ = ["MAX_UPLOAD_BYTES", "MediaData"]

MAX_UPLOAD_BYTES = 700_000
"""The largest file the gateway sends on (its base64 fits the 1 MB limit of an input)."""


class MediaData(CampaignReads):
    """Media files and attachments of one scope (``as_user``); writes in the login's own."""

    async def media_library(self, *, as_user: int | None = None) -> MediaLibrary:
        """The scope's library (one ``Media.Browse`` per request)."""
        return await self._content.media.get(Scope(as_user))

    async def media_file(self, media_id: int, *, as_user: int | None = None) -> MediaFile | None:
        """One file (``Media.Retrieve``); None when the scope has none such."""
        return await self._content.media_by_id.get(ScopedId(media_id, as_user))

    async def email_details(self, email_id: int, *, as_user: int | None = None) -> Email | None:
        """An email read with its attachments (``Email.Get``)."""
        return await self._content.email_details.get(ScopedId(email_id, as_user))

    async def attachments(
        self, email: Email, *, as_user: int | None = None
    ) -> tuple[Attachment, ...]:
        """An email's attachments: those it carries, else from its ``Email.Get``."""
        if email.attachments is not None:
            return email.attachments
        found = await self.email_details(email.email_id, as_user=as_user)
        return (found.attachments or ()) if found is not None else ()

    async def upload_media(self, name: str, mime_type: str, data: str) -> int:
        """``Media.Upload`` of base64 ``data``; the new file's id. Data that is not base64, or
        decodes to more than :data:`MAX_UPLOAD_BYTES`, is refused before the call
        (``MediaData``)."""
        try:
            raw = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            raise invalid(
                "data must be base64 (RFC 4648, no line breaks)", field="MediaData"
            ) from None
        if not raw:
            raise invalid("data holds no bytes", field="MediaData")
        if len(raw) > MAX_UPLOAD_BYTES:
            raise invalid(f"a file may hold at most {MAX_UPLOAD_BYTES} bytes", field="MediaData")
        return await self._write(
            self._client.upload_media(name, mime_type, data, len(raw)), stale=stale_media(None)
        )

    async def delete_media(self, media_id: int) -> None:
        """``Media.Delete`` (an unknown file is Oempro's code 2, NOT_FOUND)."""
        await self._write(self._client.delete_media(media_id), stale=stale_media(media_id))

    async def delete_attachment(self, email_id: int, attachment_id: int) -> None:
        """``Attachment.Delete`` of an attachment the email holds (read first: the email as
        this request already read it, when that read carried its attachments)."""
        email = await self.email(email_id)
        if email is not None and email.attachments is None:
            email = await self.email_details(email_id)
        held = (email.attachments or ()) if email is not None else ()
        if not any(a.attachment_id == attachment_id for a in held):
            raise UpstreamNotFound(
                f"Oempro email {email_id} holds no attachment {attachment_id}",
                platform=PLATFORM,
                field="AttachmentID",
            )
        await self._write(
            self._client.delete_attachment(attachment_id), stale=stale_email_content(email_id)
        )
