"""What a user writes with: campaign tags, design templates, media files and attachments."""

from __future__ import annotations

from collections.abc import Mapping

from mailgql.emulators.oempro.records._base import OwnedRow, Row

__all__ = ["Attachment", "Media", "Tag", "Template"]


class Tag(OwnedRow):
    """A campaign tag (contract §13): a name, and the campaigns it labels."""

    COLUMNS = ("TagID", "RelOwnerUserID", "Tag")
    __slots__ = ("campaign_ids",)

    def __init__(self, values: Mapping[str, str] | None = None, **columns: str) -> None:
        super().__init__(values, **columns)
        self.campaign_ids: list[int] = []
        """The campaigns it labels, in the order they were tagged."""


class Template(OwnedRow):
    """A design template (``Email.Template.*``); ``RelOwnerUserID`` 0 is the admin's, for all."""

    COLUMNS = (
        "TemplateID",
        "RelOwnerUserID",
        "TemplateName",
        "TemplateDescription",
        "TemplateSubject",
        "TemplateHTMLContent",
        "TemplatePlainContent",
        "TemplateThumbnailPath",
    )
    __slots__ = ()


class Media(OwnedRow):
    """A file of the media library, its bytes base64-encoded as ``Media.Upload`` took them."""

    COLUMNS = (
        "MediaID",
        "RelOwnerUserID",
        "MediaName",
        "MediaType",
        "MediaSize",
        "MediaData",
        "UploadDateTime",
    )
    __slots__ = ()


class Attachment(Row):
    """A file attached to an email content record."""

    COLUMNS = (
        "AttachmentID",
        "RelOwnerUserID",
        "RelEmailID",
        "FileName",
        "FileMimeType",
        "FileSize",
    )
    __slots__ = ()
