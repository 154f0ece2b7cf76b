"""Oempro's content records as graph objects: campaign tags, emails, templates, media files,
attachments and spam tests, each read in the scope its global ID carries (see ``keys``)."""

from __future__ import annotations

from mailgql.graph.campaign_tags import CampaignTag
from mailgql.graph.emails import Email, EmailTemplate, SpamRule, SpamTest
from mailgql.graph.media import Attachment, MediaFile
from mailgql.graph.platforms.oempro.mapping import Read, scoped_identity
from mailgql.upstreams.oempro import Email as EmailRecord
from mailgql.upstreams.oempro.content_records import (
    Attachment as AttachmentRecord,
    EmailTemplate as TemplateRecord,
    MediaFile as MediaRecord,
    SpamTest as SpamTestRecord,
    Tag,
)

__all__ = [
    "attachment_key",
    "to_attachment",
    "to_email",
    "to_media",
    "to_spam_test",
    "to_tag",
    "to_template",
]


def to_tag(record: Tag, as_user: int | None = None) -> CampaignTag:
    """A tag row read in scope ``as_user`` (its global ID carries the scope, see ``keys``)."""
    return CampaignTag(
        **scoped_identity("CampaignTag", record.tag_id, as_user),
        name=record.name,
        _record=Read(record, as_user),
    )


def to_email(record: EmailRecord, as_user: int | None = None) -> Email:
    """An email record read in scope ``as_user``."""
    return Email(
        **scoped_identity("Email", record.email_id, as_user),
        name=record.name,
        subject=record.subject,
        from_name=record.from_name,
        from_email=record.from_email,
        reply_to_name=record.reply_to_name,
        reply_to_email=record.reply_to_email,
        mode=record.mode,
        html_content=record.html_content,
        plain_content=record.plain_content,
        fetch_url=record.fetch_url,
        image_embedding=record.image_embedding,
        _record=Read(record, as_user),
    )


def to_template(record: TemplateRecord, as_user: int | None = None) -> EmailTemplate:
    """A template row read in scope ``as_user``."""
    return EmailTemplate(
        **scoped_identity("EmailTemplate", record.template_id, as_user),
        name=record.name,
        description=record.description,
        subject=record.subject,
        html_content=record.html_content,
        plain_content=record.plain_content,
        thumbnail_path=record.thumbnail_path,
        is_global=record.owner_user_id is None,
    )


def to_media(record: MediaRecord, as_user: int | None = None) -> MediaFile:
    """A media file read in scope ``as_user``."""
    return MediaFile(
        **scoped_identity("MediaFile", record.media_id, as_user),
        name=record.name,
        mime_type=record.mime_type,
        size=record.size,
        url=record.url,
        uploaded_at=record.uploaded_at,
    )


def attachment_key(email_id: int, attachment_id: int) -> str:
    """The legacy key of an attachment's global ID: ``<email id>:<attachment id>``."""
    return f"{email_id}:{attachment_id}"


def to_attachment(
    record: AttachmentRecord, email_id: int, as_user: int | None = None
) -> Attachment:
    """An attachment of email ``email_id`` read in scope ``as_user``."""
    key = attachment_key(email_id, record.attachment_id)
    return Attachment(
        **scoped_identity("Attachment", record.attachment_id, as_user, key=key),
        file_name=record.file_name,
        mime_type=record.mime_type,
        size=record.size,
    )


def to_spam_test(record: SpamTestRecord) -> SpamTest:
    """An ``Email.SpamTest`` answer: the score, the threshold and each rule that scored."""
    return SpamTest(
        score=record.score,
        threshold=record.threshold,
        is_spam=record.is_spam,
        rules=[
            SpamRule(rule=r.rule, score=r.score, description=r.description) for r in record.rules
        ],
    )
