"""Oempro campaign tags: read, written, and put on or taken off campaigns.

What costs calls: a scope's tags, one ``Tags.Get`` per request; a campaign's tags, nothing for a
campaign from a listing (its row carries them) and one ``Campaigns.Get`` per 1000 campaigns of the
scope for campaigns read by id, all of them together (``loaders.oempro_content``). Writes are
sent once and forget what they made stale (``stale_content``); a tag or campaign the login does
not have is refused before the write (NOT_FOUND, naming ``TagID`` or ``CampaignIDs``), since
``Tags.Delete`` and the assignments pass over ids they do not know without a word.
"""

from __future__ import annotations

from collections.abc import Sequence

from mailgql.data.oempro._base import invalid, not_shown, shown
from mailgql.data.oempro.campaigns import CampaignReads
from mailgql.data.oempro.stale_content import stale_tag_labels, stale_tags
from mailgql.loaders.oempro_keys import Scope, ScopedId
from mailgql.upstreams.oempro import Campaign
from mailgql.upstreams.oempro.content_records import Tag

__all__ = ["MAX_TAGGED", "TagData"]

MAX_TAGGED = 500
"""Campaigns one assignment may name."""


class TagData(CampaignReads):
    """Tags of one scope (``as_user``, see ``sessions``), and their writes in the login's own."""

    async def tags(self, *, as_user: int | None = None) -> tuple[Tag, ...]:
        """Every tag of the scope (one ``Tags.Get`` per request)."""
        return await self._content.tags.get(Scope(as_user))

    async def tag(self, tag_id: int, *, as_user: int | None = None) -> Tag | None:
        """One tag by id, from the scope's listing; None when it has none such."""
        return next((t for t in await self.tags(as_user=as_user) if t.tag_id == tag_id), None)

    async def campaign_tags(
        self, campaign: Campaign, *, as_user: int | None = None
    ) -> tuple[Tag, ...]:
        """A campaign's tags: those its row carries, else from the scope's listing."""
        if campaign.tags is not None:
            return campaign.tags
        found = await self._content.campaign_tags.get(ScopedId(campaign.campaign_id, as_user))
        return found or ()

    async def tag_archive_url(self, tag_id: int, *, as_user: int | None = None) -> str | None:
        """The public archive address of a tag's campaigns (``Campaigns.Archive.GetURL``)."""
        return await self._content.tag_archive_urls.get(ScopedId(tag_id, as_user))

    # -- writes -----------------------------------------------------------------------------------

    async def create_tag(self, name: str) -> int:
        """``Tag.Create``; the new tag's id."""
        return await self._write(self._client.create_tag(name), stale=stale_tags(None))

    async def rename_tag(self, tag_id: int, name: str) -> None:
        """``Tag.Update`` of a tag the login has (else NOT_FOUND, ``TagID``)."""
        await self._own_tag(tag_id)
        await self._write(self._client.update_tag(tag_id, name), stale=stale_tags(tag_id))

    async def delete_tag(self, tag_id: int) -> None:
        """``Tags.Delete`` of a tag the login has (else NOT_FOUND, ``Tags``); the campaigns it
        labelled lose it."""
        shown(await self.tag(tag_id), "tag", tag_id, field="Tags")
        await self._write(self._client.delete_tags([tag_id]), stale=stale_tags(tag_id))

    async def tag_campaigns(self, tag_id: int, campaign_ids: Sequence[int], *, on: bool) -> None:
        """``Tag.AssignToCampaigns`` (``on``) or ``Tag.UnassignFromCampaigns`` of a tag and
        campaigns the login has, each checked first."""
        wanted = list(dict.fromkeys(campaign_ids))
        if not wanted:
            raise invalid("name at least one campaign", field="CampaignIDs")
        if len(wanted) > MAX_TAGGED:
            raise invalid(f"name at most {MAX_TAGGED} campaigns", field="CampaignIDs")
        await self._own_tag(tag_id)
        known = await self._content.campaign_tags.get_many([ScopedId(c) for c in wanted])
        for campaign_id, tags in zip(wanted, known, strict=True):
            if tags is None:
                raise not_shown("campaign", campaign_id, field="CampaignIDs")
        client = self._client
        command = client.assign_tag if on else client.unassign_tag
        stale = [s for c in wanted for s in stale_tag_labels(c)]
        await self._write(command(tag_id, wanted), stale=stale)

    async def _own_tag(self, tag_id: int) -> Tag:
        return shown(await self.tag(tag_id), "tag", tag_id, field="TagID")
