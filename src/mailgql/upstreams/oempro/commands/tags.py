"""Commands about campaign tags (contract §13) and a tag's public archive page (§8)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mailgql.upstreams.oempro.commands._base import Command, Form, created, listing, write
from mailgql.upstreams.oempro.commands._form import ids
from mailgql.upstreams.oempro.content_records import Tag
from mailgql.upstreams.oempro.records import Page
from mailgql.upstreams.oempro.wire import content as wire_content, envelope

__all__ = [
    "assign_tag",
    "create_tag",
    "delete_tags",
    "get_archive_url",
    "get_tags",
    "unassign_tag",
    "update_tag",
]


def get_tags(*, as_user: int | None = None) -> Command[Page[Tag]]:
    """``Tags.Get``: every tag of the user at once (unpaged)."""
    return listing(
        "Tags.Get",
        [],
        "Tags",
        wire_content.parse_tag,
        totals=("TotalTagCount", "TotalTags"),
        as_user=as_user,
    )


def create_tag(name: str) -> Command[int]:
    """``Tag.Create``; the new tag's id."""
    return created("Tag.Create", [("Tag", name)], "TagID")


def update_tag(tag_id: int, name: str) -> Command[None]:
    """``Tag.Update``: rename a tag."""
    return write("Tag.Update", [("TagID", str(tag_id)), ("Tag", name)])


def delete_tags(tag_ids: Sequence[int]) -> Command[None]:
    """``Tags.Delete``: a comma list of ids."""
    return write("Tags.Delete", [("Tags", ids(tag_ids))])


def assign_tag(tag_id: int, campaign_ids: Sequence[int]) -> Command[None]:
    """``Tag.AssignToCampaigns``: label campaigns with a tag."""
    form: Form = [("TagID", str(tag_id)), ("CampaignIDs", ids(campaign_ids))]
    return write("Tag.AssignToCampaigns", form)


def unassign_tag(tag_id: int, campaign_ids: Sequence[int]) -> Command[None]:
    """``Tag.UnassignFromCampaigns``: take a tag off campaigns."""
    form: Form = [("TagID", str(tag_id)), ("CampaignIDs", ids(campaign_ids))]
    return write("Tag.UnassignFromCampaigns", form)


def _url(data: dict[str, Any]) -> str:
    value = data.get("URL")
    if not isinstance(value, str) or not value.strip():
        raise envelope.unreadable("Campaigns.Archive.GetURL", "no URL in the answer")
    return value.strip()


def get_archive_url(
    tag_id: int, *, template_url: str | None = None, as_user: int | None = None
) -> Command[str]:
    """``Campaigns.Archive.GetURL``: the public archive page of a tag's campaigns."""
    form: Form = [("TagID", str(tag_id))]
    if template_url is not None:
        form.append(("TemplateURL", template_url))
    return Command("Campaigns.Archive.GetURL", form, decode=_url, read=True, as_user=as_user)
