"""Oempro's part of the graph: the login's users or clients, lists, campaigns, segments."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import strawberry

from mailgql.graph.accounts import Account
from mailgql.graph.campaigns import Campaign
from mailgql.graph.context import Info
from mailgql.graph.list_subscriptions import ListSubscription
from mailgql.graph.lists import MailingList, Subscriber
from mailgql.graph.node import Node
from mailgql.graph.pagination import Connection, Window
from mailgql.graph.platforms.base import PlatformGraph
from mailgql.graph.platforms.oempro import campaign_writes, writes
from mailgql.graph.platforms.oempro.accounts import (
    caller,
    campaign_connection,
    client_connection,
    user_connection,
)
from mailgql.graph.platforms.oempro.campaign_writes import CampaignContent
from mailgql.graph.platforms.oempro.objects import list_subscription
from mailgql.graph.platforms.oempro.reads import account_by_key, me, object_by_key, scoped
from mailgql.graph.platforms.oempro.writes import ListSettings
from mailgql.graph.segments import Segment
from mailgql.platforms import Platform
from mailgql.upstreams.errors import UpstreamNotFound
from mailgql.upstreams.oempro import SegmentRule

__all__ = ["OemproGraph"]

_ACCOUNT_FIELD = ("input", "accountId")
_LIST_FIELD = ("input", "listId")
_CAMPAIGN_FIELD = ("input", "campaignId")


class OemproGraph(PlatformGraph):
    """Oempro's part of the graph: the login's users or clients, lists, campaigns, segments."""

    platform = Platform.OEMPRO

    async def me(self, info: Info) -> Account | None:
        """The login's account; null in API-key mode (see ``oempro_accounts``)."""
        return await me(info)

    async def accounts(self, info: Info, window: Window) -> Connection[Account]:
        """Users (admin login, ``Users.Get``) or the login's clients (``Clients.Get``)."""
        if (await caller(info)).kind == "admin":
            return await user_connection(info, window)
        return await client_connection(info, window)

    async def campaigns(self, info: Info, window: Window) -> Connection[Campaign]:
        """The login's campaigns (``Campaigns.Get``, paged by the API)."""
        return await campaign_connection(info, window)

    async def node(self, info: Info, type_name: str, key: str) -> Node | None:
        """Accounts by key; lists and campaigns by id; segments by ``<list id>:<segment id>``;
        each with ``<UserID>/`` first when read in that user's switched session."""
        if type_name == "Account":
            return await account_by_key(info, key)
        found = await scoped(info, key)
        if found is None:
            return None
        scope, rest = found
        try:
            return await object_by_key(info, type_name, rest, scope.as_user)
        except UpstreamNotFound:
            if scope.as_user is None:
                raise
            return None  # User.Switch: no such user

    async def list_subscription(
        self, info: Info, list_key: str, email: str
    ) -> ListSubscription | None:
        """``Subscriber.Get`` and ``List.Get``."""
        return await list_subscription(info, int(list_key), email)

    # -- writes ---------------------------------------------------------------------------------

    async def set_account_status(self, info: Info, key: str, *, active: bool) -> Account:
        """``User.Update`` with ``AccountStatus`` (an admin login only)."""
        return await writes.set_status(info, key, active=active, field=_ACCOUNT_FIELD)

    async def subscribe(
        self,
        info: Info,
        list_key: str,
        *,
        email: str,
        name: str | None,
        expires_at: datetime | None,
    ) -> ListSubscription | None:
        """``Subscriber.Subscribe``, then the address."""
        return await writes.subscribe(
            info, int(list_key), email=email, name=name, expires_at=expires_at
        )

    async def unsubscribe(
        self, info: Info, list_key: str, *, email: str
    ) -> ListSubscription | None:
        """``Subscriber.Unsubscribe``, then the address."""
        return await writes.unsubscribe(info, int(list_key), email=email)

    async def create_list(self, info: Info, name: str) -> MailingList:
        """``List.Create``, then the list."""
        return await writes.create_list(info, name)

    async def update_list(self, info: Info, list_id: int, settings: ListSettings) -> MailingList:
        """``List.Update``, then the list."""
        return await writes.update_list(info, list_id, settings)

    async def delete_list(self, info: Info, list_id: int) -> strawberry.ID:
        """``Lists.Delete`` of a list the login sees."""
        return await writes.delete_list(info, list_id, field=_LIST_FIELD)

    async def update_subscriber(
        self,
        info: Info,
        list_id: int,
        email: str,
        *,
        new_email: str | None,
        values: Sequence[tuple[str, str]],
    ) -> Subscriber:
        """``Subscriber.Update``, then the subscriber."""
        return await writes.update_subscriber(
            info, list_id, email, new_email=new_email, values=values, field=("input", "email")
        )

    async def create_campaign(
        self,
        info: Info,
        name: str,
        *,
        content: CampaignContent | None,
        recipients: Sequence[tuple[int, int]],
    ) -> Campaign:
        """The email, then the campaign; undone when a later step fails."""
        return await campaign_writes.create_campaign(
            info, name, content=content, recipients=recipients
        )

    async def schedule_campaign(
        self,
        info: Info,
        campaign_id: int,
        *,
        send_at: datetime | None,
        time_zone: str,
        recipients: Sequence[tuple[int, int]],
    ) -> Campaign:
        """``Campaign.Update`` with ``CampaignStatus`` Ready."""
        return await campaign_writes.schedule_campaign(
            info, campaign_id, send_at=send_at, timezone=time_zone, recipients=recipients
        )

    async def cancel_campaign(self, info: Info, campaign_id: int) -> Campaign:
        """Back to an unscheduled draft."""
        return await campaign_writes.cancel_campaign(info, campaign_id, field=_CAMPAIGN_FIELD)

    async def delete_campaign(self, info: Info, campaign_id: int) -> strawberry.ID:
        """``Campaigns.Delete`` of a campaign the login sees."""
        return await campaign_writes.delete_campaign(info, campaign_id, field=_CAMPAIGN_FIELD)

    async def create_segment(
        self,
        info: Info,
        list_id: int,
        name: str,
        *,
        match_any: bool,
        rules: Sequence[SegmentRule],
    ) -> Segment:
        """``Segment.Create`` with its rules."""
        return await writes.create_segment(info, list_id, name, match_any=match_any, rules=rules)

    async def delete_segment(self, info: Info, segment: Segment) -> strawberry.ID:
        """``Segments.Delete``."""
        return await writes.delete_segment(info, segment)
