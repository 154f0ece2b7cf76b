"""Campaign tags (Oempro): labels on campaigns, listed on the account and on each campaign.

Only Oempro has them: on every other platform an account's ``tags`` are empty and a campaign's
are an empty list. The platform's part of the graph answers them by being a :class:`TagGraph`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from mailgql.graph.context import Info
from mailgql.graph.dispatch import platform_part
from mailgql.graph.node import Node
from mailgql.graph.pagination import Connection, Window
from mailgql.graph.relations import part_answer, part_page
from mailgql.platforms import Platform

if TYPE_CHECKING:
    from mailgql.graph.accounts import Account
    from mailgql.graph.campaigns import Campaign

__all__ = ["CampaignTag", "TagGraph", "account_tags", "campaign_tags"]


class TagGraph:
    """What a platform with campaign tags answers (Oempro's part of the graph is one)."""

    async def account_tags(
        self, info: Info, account: Account, window: Window
    ) -> Connection[CampaignTag]:
        """The tags an account owns."""
        raise NotImplementedError

    async def campaign_tags(self, info: Info, campaign: Campaign) -> list[CampaignTag]:
        """The tags on a campaign."""
        raise NotImplementedError

    async def tag_archive_url(self, info: Info, tag: CampaignTag) -> str | None:
        """The public archive page of a tag's campaigns."""
        raise NotImplementedError


@strawberry.type(
    description="A campaign tag (Oempro): a label on campaigns, used to filter them and to "
    "publish a public archive of the campaigns it labels."
)
class CampaignTag(Node):
    """A campaign tag."""

    platform: Platform = strawberry.field(description="The platform the tag lives on.")
    legacy_id: str = strawberry.field(description="The tag's own id on its platform (`TagID`).")
    name: str = strawberry.field(description="The tag's name (`Tag`), unique per user.")
    _record: strawberry.Private[object] = None
    """What the platform's part of the graph built the tag from, for its relations."""

    archive_url: str | None = part_answer(
        TagGraph,
        lambda graph: graph.tag_archive_url,
        "The address of the public archive page of the campaigns this tag labels (Oempro "
        "`Campaigns.Archive.GetURL`, one call per tag).",
    )


account_tags = part_page(TagGraph, lambda graph: graph.account_tags)
"""An account's tags; none on a platform without tags."""


async def campaign_tags(info: Info, campaign: Campaign) -> list[CampaignTag]:
    """A campaign's tags; none on a platform without tags."""
    graph = platform_part(info, campaign.platform, TagGraph)
    if graph is None:
        return []
    return await graph.campaign_tags(info, campaign)
