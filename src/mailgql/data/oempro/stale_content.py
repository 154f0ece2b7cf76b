"""What each content write makes stale (tags, emails): the loader entries to forget after it.

Keys start with the record's id and end with the scope, as in ``stale``.
"""

from __future__ import annotations

from mailgql.data._facade import Stale
from mailgql.data.oempro.stale import entries_of, stale_emails

__all__ = [
    "stale_email_content",
    "stale_media",
    "stale_tag_labels",
    "stale_tags",
    "stale_templates",
]


def stale_tags(tag_id: int | None) -> list[Stale]:
    """A tag was created, renamed or deleted: every scope's tag listing, that tag's archive
    address, and (the rows carry tag names) every campaign block and campaign's tags."""
    return [Stale("tags"), entries_of("tag_archive_urls", tag_id), *stale_tag_labels(None)]


def stale_tag_labels(campaign_id: int | None) -> list[Stale]:
    """Campaigns gained or lost a tag: the campaign blocks (their rows carry tags) and the
    tags read for that campaign (None: for any campaign)."""
    return [Stale("campaign_blocks"), entries_of("campaign_tags", campaign_id)]


def stale_email_content(email_id: int | None) -> list[Stale]:
    """An email record (or an attachment of it) was created, changed, copied or deleted: every
    email listing, that email with its attachments, and its spam score (None: of any email)."""
    return [
        *stale_emails(email_id),
        entries_of("spam_tests", email_id),
        entries_of("email_details", email_id),
    ]


def stale_templates(template_id: int | None) -> list[Stale]:
    """A template was created, changed or deleted: every scope's listing, and that template."""
    return [Stale("templates"), entries_of("template_by_id", template_id)]


def stale_media(media_id: int | None) -> list[Stale]:
    """A media file was uploaded or deleted: every scope's library, and that file."""
    return [Stale("media"), entries_of("media_by_id", media_id)]
