"""Oempro campaigns and the email records that hold their subjects and senders.

What costs calls, and when: a scope's campaigns, one ``Campaigns.Get`` per block of 1000 that a
window covers (rows carry status and statistics); one campaign by id, one ``Campaign.Get``; the
emails of every campaign of a request, one ``Emails.Get`` per scope together (a lone one, one
``Email.Get``).
"""

from __future__ import annotations

from mailgql.data.oempro._base import OemproBase
from mailgql.loaders.oempro_keys import CampaignBlock, Scope, ScopedId, read_window
from mailgql.upstreams.oempro import Campaign, CampaignStatus, Email, Page

__all__ = ["CampaignReads"]


class CampaignReads(OemproBase):
    """Campaigns and their emails, each read in one scope (``as_user``, see ``sessions``)."""

    async def campaign_window(
        self,
        *,
        status: CampaignStatus | None = None,
        offset: int,
        count: int,
        as_user: int | None = None,
    ) -> Page[Campaign]:
        """A window of the scope's campaign listing (of one status, or all)."""

        async def block(number: int) -> Page[Campaign]:
            return await self._campaign_blocks.get(CampaignBlock(status, as_user, number))

        return await read_window(block, offset=offset, count=count)

    async def campaign(self, campaign_id: int, *, as_user: int | None = None) -> Campaign | None:
        """One campaign by id with its statistics (None when the scope has no such campaign)."""
        return await self._campaign_by_id.get(ScopedId(campaign_id, as_user))

    async def email(self, email_id: int | None, *, as_user: int | None = None) -> Email | None:
        """A campaign's email record (None for a campaign without one, or an unknown id)."""
        if email_id is None:
            return None
        return await self._email_by_id.get(ScopedId(email_id, as_user))

    async def all_emails(self, *, as_user: int | None = None) -> tuple[Email, ...]:
        """Every email record of the scope (read once per request)."""
        return await self._emails.get(Scope(as_user))
