"""Typed records of Oempro's content side: campaign tags, templates, media and attachments.

Beside ``records`` (which re-exports none of these): what ``wire.content`` decodes. Like every
record, no field holds a credential.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mailgql.upstreams.oempro.write_values import TemplateValues

__all__ = [
    "Attachment",
    "EmailTemplate",
    "MediaFile",
    "MediaLibrary",
    "PersonalizationTag",
    "SpamRule",
    "SpamTest",
    "Tag",
    "TemplateValues",
]


@dataclass(frozen=True, slots=True)
class Tag:
    """A campaign tag: a label for campaigns (filtering, the public archive)."""

    tag_id: int
    name: str


@dataclass(frozen=True, slots=True)
class SpamRule:
    """One spam-filter rule an email matched, with the points it scored."""

    rule: str
    score: float | None
    description: str | None


@dataclass(frozen=True, slots=True)
class SpamTest:
    """What ``Email.SpamTest`` found: the score, the threshold, and the rules behind it."""

    score: float | None
    threshold: float | None
    is_spam: bool | None
    rules: tuple[SpamRule, ...]


@dataclass(frozen=True, slots=True)
class PersonalizationTag:
    """A merge tag an email may hold (``%Subscriber:EmailAddress%``) and its label."""

    tag: str
    label: str | None


@dataclass(frozen=True, slots=True)
class EmailTemplate:
    """A design template emails start from; ``owner_user_id`` None: the administrator's, for
    every user."""

    template_id: int
    owner_user_id: int | None
    name: str
    description: str | None
    subject: str | None
    html_content: str | None
    plain_content: str | None
    thumbnail_path: str | None


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file attached to an email record."""

    attachment_id: int
    email_id: int | None
    file_name: str
    mime_type: str | None
    size: int | None


@dataclass(frozen=True, slots=True)
class MediaFile:
    """A file of the media library (its bytes stay on the server: ``url`` serves them)."""

    media_id: int
    name: str
    mime_type: str | None
    size: int | None
    url: str | None
    uploaded_at: datetime | None


@dataclass(frozen=True, slots=True)
class MediaLibrary:
    """What ``Media.Browse`` lists: folder names (none on 4.x) and files."""

    folders: tuple[str, ...]
    files: tuple[MediaFile, ...]
