"""The content tables of one install: tags, templates, media and attachments (contract §13-14).

Kept beside :class:`~mailgql.emulators.oempro.state.OemproState` (its ``content``) with the
look-ups their commands share; rows of other users are never "found".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mailgql.emulators.oempro.records import owned_by
from mailgql.emulators.oempro.records.content import Attachment, Media, Tag, Template

__all__ = ["ContentTables"]


@dataclass
class ContentTables:
    """Tags, templates, media files and attachments, each keyed by id."""

    tags: dict[int, Tag] = field(default_factory=dict)
    templates: dict[int, Template] = field(default_factory=dict)
    media: dict[int, Media] = field(default_factory=dict)
    attachments: dict[int, Attachment] = field(default_factory=dict)
    previews: list[tuple[int, str]] = field(default_factory=list)
    """Tests sent by ``Email.EmailPreview``: (email id, address), oldest first."""

    def tags_of(self, user_id: int) -> list[Tag]:
        """A user's tags in id order."""
        return [t for t in self.tags.values() if t.owner_id == user_id]

    def owned_tag(self, user_id: int, tag_id: int | None) -> Tag | None:
        """The tag if it exists and belongs to the user."""
        return owned_by(self.tags, user_id, tag_id)

    def tags_of_campaign(self, campaign_id: int) -> list[Tag]:
        """The tags labelling a campaign, in tag id order."""
        return [t for t in self.tags.values() if campaign_id in t.campaign_ids]

    def visible_template(self, user_id: int, template_id: int | None) -> Template | None:
        """A template the user may use: its own, or a global one (owner 0)."""
        found = self.templates.get(template_id) if template_id is not None else None
        if found is None or found.owner_id not in (0, user_id):
            return None
        return found

    def owned_media(self, user_id: int, media_id: int | None) -> Media | None:
        """The media file if it exists and belongs to the user."""
        return owned_by(self.media, user_id, media_id)

    def attachments_of(self, email_id: int) -> list[Attachment]:
        """The files attached to an email, in id order."""
        return [a for a in self.attachments.values() if a.number("RelEmailID") == email_id]
