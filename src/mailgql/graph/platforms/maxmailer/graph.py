"""Maxmailer's part of the graph: users and resellers, campaigns, configured lists."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from mailgql.graph.accounts import Account
from mailgql.graph.campaigns import Campaign
from mailgql.graph.context import Info
from mailgql.graph.list_subscriptions import ListSubscription
from mailgql.graph.node import Node
from mailgql.graph.pagination import Connection, Window
from mailgql.graph.platforms.base import PlatformGraph
from mailgql.graph.platforms.maxmailer import writes
from mailgql.graph.platforms.maxmailer.objects import (
    SELF_KEY,
    account_by_id,
    account_from_user,
    campaign_from_record,
    campaign_from_summary,
    campaign_owners,
    list_subscription,
    me_account,
    to_list,
)
from mailgql.platforms import Platform
from mailgql.upstreams.maxmailer import records as r

if TYPE_CHECKING:
    from mailgql.graph.mutations.accounts import CreateSubAccountInput

__all__ = ["MaxmailerGraph"]

_ACCOUNT_FIELD = ("input", "accountId")


class MaxmailerGraph(PlatformGraph):
    """Maxmailer's part of the graph: users and resellers, campaigns, configured lists."""

    platform = Platform.MAXMAILER

    async def me(self, info: Info) -> Account | None:
        """The Login ID's account (see the module doc for what each role shows)."""
        return await me_account(info)

    async def accounts(self, info: Info, window: Window) -> Connection[Account]:
        """Every user ListUsers returns, in id order (one call)."""
        users = await info.context.maxmailer().listing()
        return Connection.slice([account_from_user(u) for u in users], window)

    async def campaigns(self, info: Info, window: Window) -> Connection[Campaign]:
        """The Login ID's campaigns, then its users' (one ListCamps per user, read as needed).

        Users are read a few at a time (MAILGQL_UPSTREAM_CONCURRENCY) until the page is full;
        totalCount is known once every user has been read.
        """
        loaders = info.context.maxmailer()
        owners = await campaign_owners(info)
        step = max(1, info.context.settings.upstream_concurrency)
        needed = window.offset + window.fetch_count
        found: list[r.CampaignSummary] = []
        for start in range(0, len(owners), step):
            chunk: Sequence[tuple[r.CampaignSummary, ...]] = await asyncio.gather(
                *(loaders.campaigns_of(o) for o in owners[start : start + step])
            )
            for summaries in chunk:
                found.extend(summaries)
            if len(found) >= needed and start + step < len(owners):
                items = [campaign_from_summary(s) for s in found[window.offset : needed]]
                return Connection.build(items, window, total=None)
        return Connection.slice([campaign_from_summary(s) for s in found], window)

    async def node(self, info: Info, type_name: str, key: str) -> Node | None:
        """Accounts by user id (or ``me``), campaigns by message id, lists by configured name."""
        loaders = info.context.maxmailer()
        if type_name == "Account":
            if key == SELF_KEY:
                return await me_account(info)
            return await account_by_id(info, int(key)) if key.isdigit() else None
        if type_name == "Campaign":
            if not key.isdigit():
                return None
            record = await loaders.campaign(int(key))
            return campaign_from_record(record) if record is not None else None
        if type_name == "MailingList":
            return to_list(key) if key in loaders.client.list_names else None
        return None

    async def list_subscription(
        self, info: Info, list_key: str, email: str
    ) -> ListSubscription | None:
        """The list's ``status`` action for the address."""
        return await list_subscription(info, list_key, email)

    # -- writes ---------------------------------------------------------------------------------

    async def create_sub_account(self, info: Info, input: CreateSubAccountInput) -> Account:
        """``CreateUser`` with the input's limits and flags, then the new account."""
        field = ("input", "username")
        return await writes.create_user(
            info,
            username=writes.check_username(input.username.strip(), field=field),
            password=writes.check_password(input.password, field=("input", "password")),
            email=input.email.strip(),
            options=writes.new_user_options(input),
        )

    async def set_account_status(self, info: Info, key: str, *, active: bool) -> Account:
        """``UnsuspendUser`` or ``SuspendUser``."""
        user_id = writes.target_user(key, field=_ACCOUNT_FIELD)
        return await writes.set_status(info, user_id, active=active)

    async def delete_account(self, info: Info, key: str) -> None:
        """``DeleteUser``."""
        await writes.delete_user(info, writes.target_user(key, field=_ACCOUNT_FIELD))

    async def change_account_password(self, info: Info, key: str, password: str) -> Account:
        """``ChangePassword``."""
        user_id = writes.target_user(key, field=_ACCOUNT_FIELD)
        checked = writes.check_password(password, field=("input", "password"))
        return await writes.change_password(info, user_id, checked)

    async def add_send_credit(self, info: Info, key: str, credits: int) -> Account:
        """``AddCredit``."""
        user_id = writes.target_user(key, field=_ACCOUNT_FIELD)
        return await writes.add_credit(info, user_id, credits)

    async def subscribe(
        self,
        info: Info,
        list_key: str,
        *,
        email: str,
        name: str | None,
        expires_at: datetime | None,
    ) -> ListSubscription | None:
        """The list's ``subscribe`` action, then its ``status``."""
        return await writes.subscribe(info, list_key, email=email, name=name, expires_at=expires_at)

    async def unsubscribe(
        self, info: Info, list_key: str, *, email: str
    ) -> ListSubscription | None:
        """The list's ``unsubscribe`` action, then its ``status``."""
        return await writes.unsubscribe(info, list_key, email=email)
