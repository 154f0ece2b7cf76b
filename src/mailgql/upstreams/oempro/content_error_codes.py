"""Error codes of Oempro's content commands (contract §8 archive URL, §13 tags, §14 emails),
one table per command; ``error_codes.COMMAND_ERRORS`` takes them in."""

from __future__ import annotations

from collections.abc import Mapping

from mailgql.upstreams import errors
from mailgql.upstreams.errors import UpstreamError

__all__ = ["CONTENT_ERRORS"]

_INPUT = errors.UpstreamInvalidInput
_GONE = errors.UpstreamNotFound
_NO = errors.UpstreamRefused

_Rule = tuple[type[UpstreamError], str | None]

_TAG_ASSIGNMENT: Mapping[int, _Rule] = {1: (_INPUT, "TagID"), 2: (_INPUT, "CampaignIDs")}

CONTENT_ERRORS: Mapping[str, Mapping[int, _Rule]] = {
    "Tags.Get": {},
    "Tag.Create": {
        1: (_INPUT, "Tag"),
        # The user has a tag of that name already: the client picks another.
        2: (_INPUT, "Tag"),
        3: (_INPUT, "Tag"),
        4: (_INPUT, "Tag"),
    },
    "Tag.Update": {
        1: (_GONE, "TagID"),
        2: (_INPUT, "Tag"),
        3: (_INPUT, "Tag"),
        4: (_INPUT, "Tag"),
    },
    "Tags.Delete": {1: (_INPUT, "Tags")},
    "Tag.AssignToCampaigns": _TAG_ASSIGNMENT,
    "Tag.UnassignFromCampaigns": _TAG_ASSIGNMENT,
    "Campaigns.Archive.GetURL": {1: (_INPUT, "TagID"), 2: (_GONE, "TagID")},
    "Email.Duplicate": {1: (_INPUT, "EmailID"), 2: (_GONE, "EmailID")},
    "Email.EmailPreview": {
        1: (_INPUT, "EmailID"),
        2: (_INPUT, "EmailAddress"),
        3: (_GONE, "EmailID"),
        4: (_INPUT, "EmailAddress"),
        5: (_INPUT, "ListID"),
        6: (_GONE, "ListID"),
        7: (_GONE, "CampaignID"),
    },
    "Email.SpamTest": {1: (_INPUT, "EmailID"), 2: (_GONE, "EmailID"), 3: (_INPUT, "EmailID")},
    "Email.PersonalizationTags": {1: (_INPUT, "Scope"), 2: (_INPUT, "ListID")},
    "Email.Templates.Get": {},
    "Email.Template.Get": {1: (_INPUT, "TemplateID"), 2: (_GONE, "TemplateID")},
    "Email.Template.Create": {
        1: (_INPUT, "TemplateName"),
        2: (_INPUT, "TemplateHTMLContent"),
        3: (_INPUT, "RelOwnerUserID"),
    },
    "Email.Template.Update": {
        1: (_INPUT, "TemplateID"),
        2: (_GONE, "TemplateID"),
        3: (_INPUT, "TemplateName"),
    },
    "Email.Template.Delete": {1: (_INPUT, "Templates")},
    "Media.Upload": {
        1: (_INPUT, "MediaData"),
        2: (_INPUT, "MediaType"),
        3: (_INPUT, "MediaSize"),
        # The server's size limit: the client sends a smaller file.
        4: (_INPUT, "MediaData"),
        5: (_INPUT, "MediaName"),
    },
    "Media.Browse": {},
    "Media.Retrieve": {1: (_INPUT, "MediaID"), 2: (_GONE, "MediaID")},
    "Media.Delete": {1: (_INPUT, "MediaID"), 2: (_GONE, "MediaID")},
    "Attachment.Delete": {1: (_INPUT, "AttachmentID")},
}
"""Every content command the adapter sends, with its documented codes."""
