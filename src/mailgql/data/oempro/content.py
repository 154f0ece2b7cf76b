"""The content side of the Oempro facade in one mixin: tags and email records (with their
templates, media and attachments as they are added)."""

from __future__ import annotations

from mailgql.data.oempro.campaign_update import CampaignUpdateData
from mailgql.data.oempro.emails import EmailData
from mailgql.data.oempro.media import MediaData
from mailgql.data.oempro.tags import TagData
from mailgql.data.oempro.templates import TemplateData

__all__ = ["ContentData"]


class ContentData(TagData, EmailData, TemplateData, MediaData, CampaignUpdateData):
    """Campaign tags, email records, templates, media, attachments, ``Campaign.Update``."""
