"""Maxmailer's part of the graph: users and resellers by the Login ID's role, campaigns, lists.

Roles: an admin's ``accounts`` are every user, itself included, and ``me`` is its own row; a
user-manager's are its users, and since the API shows no user its own record, its ``me`` is an
account named ``me`` (key ``me``) that is every listed user's parent. A plain user may not list
users (``accounts`` is FORBIDDEN), and its ``me`` is such an account with its own campaigns.
``me.lists`` are the lists configured in MAILGQL_MAXMAILER_LIST_KEYS, by name only.

Every read and write goes through the request's :class:`~mailgql.data.maxmailer.MaxmailerData`.
The graph tells it one thing about the query: whether an account's ``quota`` asks for usage,
which only GetUser reports (``with_usage``); the facade decides which call answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import SecretStr

from mailgql.data.maxmailer import SELF_KEY, MaxmailerData, MaxmailerLogin, UserView
from mailgql.graph.accounts import Account, AccountQuota
from mailgql.graph.campaigns import Campaign, CampaignDetails
from mailgql.graph.context import Info
from mailgql.graph.errors import PlatformNotConfigured
from mailgql.graph.list_subscriptions import ListSubscription
from mailgql.graph.lists import MailingList
from mailgql.graph.node import Node
from mailgql.graph.pagination import Connection, Window
from mailgql.graph.platforms.base import NewSubscription, PlatformGraph, existing
from mailgql.graph.platforms.maxmailer.mapping import (
    SELF_ROLE,
    account_from_user,
    campaign_details,
    campaign_from_record,
    campaign_from_summary,
    self_account,
    to_list,
    to_quota,
    to_subscription,
)
from mailgql.graph.platforms.maxmailer.writes import new_user_options
from mailgql.graph.selections import fields_at
from mailgql.input_rules import legacy_number
from mailgql.platforms import Platform
from mailgql.upstreams.maxmailer import User

if TYPE_CHECKING:
    from mailgql.data import Data
    from mailgql.graph.mutations.accounts import CreateSubAccountInput

__all__ = ["USAGE_FIELDS", "MaxmailerGraph"]

_P = Platform.MAXMAILER
USAGE_FIELDS = frozenset({"sendsAvailable", "sentThisPeriod", "subscribers", "resetDate"})
"""AccountQuota fields that only GetUser reports."""


def _data(info: Info) -> MaxmailerData:
    return info.context.maxmailer()


def _with_usage(info: Info, *path: str) -> bool:
    """Whether the account at ``path`` below the current field asks for GetUser-only usage."""
    return bool(fields_at(info, (*path, "quota")) & USAGE_FIELDS)


def _owner(account: Account) -> int | None:
    """The facade's id of an account: a user id, or None for the Login ID's own placeholder."""
    return None if account._role == SELF_ROLE else _view(account).user.user_id


def _view(account: Account) -> UserView:
    record = account._record
    if not isinstance(record, UserView):
        raise TypeError(f"Maxmailer account {account._key} carries no user record")
    return record


def _accounts(users: tuple[User, ...], window: Window) -> Connection[Account]:
    return Connection.slice([account_from_user(UserView(u)) for u in users], window)


class MaxmailerGraph(PlatformGraph):
    """Maxmailer's part of the graph: users and resellers, campaigns, configured lists."""

    platform = _P

    # -- root fields ------------------------------------------------------------------------------

    async def me(self, info: Info) -> Account | None:
        """The Login ID's account (see the module doc for what each role shows)."""
        return await self._me(info)

    async def accounts(self, info: Info, window: Window) -> Connection[Account]:
        """Every user ListUsers returns, in id order (one call)."""
        return _accounts(await _data(info).listing(), window)

    async def campaigns(self, info: Info, window: Window) -> Connection[Campaign]:
        """The Login ID's campaigns, then its users' (one ListCamps per user, read as needed);
        totalCount is known once every user has been read."""
        page = await _data(info).campaign_window(offset=window.offset, count=window.fetch_count)
        items = [campaign_from_summary(s) for s in page.items]
        return Connection.build(items, window, total=page.total)

    async def node(self, info: Info, type_name: str, key: str) -> Node | None:
        """Accounts by user id (or ``me``), campaigns by message id, lists by configured name."""
        data = _data(info)
        if type_name == "Account":
            if key == SELF_KEY:
                return await self._me(info)
            user_id = legacy_number(key)
            if user_id is None:
                return None
            return await self._account(info, user_id)
        if type_name == "Campaign":
            message_id = legacy_number(key)
            if message_id is None:
                return None
            record = await data.campaign(message_id)
            return campaign_from_record(record) if record is not None else None
        if type_name == "MailingList":
            return to_list(key) if key in data.list_names else None
        return None

    async def list_subscription(
        self, info: Info, list_key: str, email: str
    ) -> ListSubscription | None:
        """The list's ``status`` action for the address."""
        record = await _data(info).subscription(list_key, email)
        return to_subscription(list_key, record) if record is not None else None

    # -- relations --------------------------------------------------------------------------------

    async def parent(self, info: Info, account: Account) -> Account | None:
        """The account of ``parent_id``; for a user-manager's users, its own placeholder."""
        if account._role == SELF_ROLE:
            return None
        found = await _data(info).parent(_view(account).user, with_usage=_with_usage(info))
        if isinstance(found, MaxmailerLogin):
            return self_account(found)
        return account_from_user(found) if found is not None else None

    async def sub_accounts(
        self, info: Info, account: Account, window: Window
    ) -> Connection[Account]:
        """Listed users whose parent is this account (a user-manager's placeholder: all)."""
        return _accounts(await _data(info).users_under(_owner(account)), window)

    async def account_campaigns(
        self, info: Info, account: Account, window: Window
    ) -> Connection[Campaign]:
        """ListCamps of this user (of the Login ID itself for its placeholder)."""
        summaries = await _data(info).campaigns_of(_owner(account))
        return Connection.slice([campaign_from_summary(s) for s in summaries], window)

    async def account_lists(
        self, info: Info, account: Account, window: Window
    ) -> Connection[MailingList]:
        """The configured lists, on the Login ID's own account only."""
        names = await _data(info).lists_of(_owner(account))
        return Connection.slice([to_list(n) for n in names], window)

    async def quota(self, info: Info, account: Account) -> AccountQuota | None:
        """Limits from the record; usage from GetUser, read only when asked. None for a
        placeholder, whose own record the API does not show."""
        if account._role == SELF_ROLE:
            return None
        view = _view(account)
        with_usage = bool(fields_at(info) & USAGE_FIELDS)
        return to_quota(view.user.limits, await _data(info).usage(view, with_usage=with_usage))

    async def campaign_progress(self, data: Data, key: str) -> CampaignDetails | None:
        """GetCamp of the campaign: one call."""
        if data.maxmailer is None:
            raise PlatformNotConfigured(_P)
        message_id = legacy_number(key)
        record = await data.maxmailer.campaign(message_id) if message_id is not None else None
        return campaign_details(record) if record is not None else None

    async def campaign_details(self, info: Info, campaign: Campaign) -> CampaignDetails:
        """GetCamp of a listed campaign: one call per campaign per request."""
        record = await _data(info).campaign(int(campaign.legacy_id))
        missing = f"Maxmailer no longer shows campaign {campaign.legacy_id}"
        return campaign_details(existing(record, _P, missing))

    # -- writes -----------------------------------------------------------------------------------

    async def create_sub_account(self, info: Info, input: CreateSubAccountInput) -> Account:
        """``CreateUser`` with the input's limits and flags, then the new account."""
        user_id = await _data(info).create_user(
            username=input.username.strip(),
            password=SecretStr(input.password),
            email=input.email.strip(),
            options=new_user_options(input),
        )
        return await self._fresh(info, user_id)

    async def set_account_status(self, info: Info, key: str, *, active: bool) -> Account:
        """``UnsuspendUser`` or ``SuspendUser``."""
        return await self._fresh(info, await _data(info).set_user_status(key, active=active))

    async def delete_account(self, info: Info, key: str) -> None:
        """``DeleteUser``."""
        await _data(info).delete_user(key)

    async def change_account_password(self, info: Info, key: str, password: SecretStr) -> Account:
        """``ChangePassword``."""
        return await self._fresh(info, await _data(info).change_password(key, password))

    async def add_send_credit(self, info: Info, key: str, credits: int) -> Account:
        """``AddCredit``."""
        return await self._fresh(info, await _data(info).add_credit(key, credits))

    async def subscribe(
        self, info: Info, list_key: str, new: NewSubscription
    ) -> ListSubscription | None:
        """The list's ``subscribe`` action, then its ``status``."""
        await _data(info).subscribe(
            list_key, email=new.email, name=new.name, expires_at=new.expires_at
        )
        return await self.list_subscription(info, list_key, new.email)

    async def unsubscribe(
        self, info: Info, list_key: str, *, email: str
    ) -> ListSubscription | None:
        """The list's ``unsubscribe`` action, then its ``status`` (null if Maxmailer dropped it)."""
        await _data(info).unsubscribe(list_key, email=email)
        return await self.list_subscription(info, list_key, email)

    # -- helpers ----------------------------------------------------------------------------------

    @staticmethod
    async def _me(info: Info) -> Account:
        me = await _data(info).me(with_usage=_with_usage(info))
        return self_account(me) if isinstance(me, MaxmailerLogin) else account_from_user(me)

    @staticmethod
    async def _account(info: Info, user_id: int, *path: str) -> Account | None:
        """One user, GetUser alone when the account at ``path`` asks for usage."""
        view = await _data(info).user(user_id, with_usage=_with_usage(info, *path))
        return account_from_user(view) if view is not None else None

    @classmethod
    async def _fresh(cls, info: Info, user_id: int) -> Account:
        """The account after a write, as the payload's ``account`` asks for it."""
        account = await cls._account(info, user_id, "account")
        return existing(account, _P, f"Maxmailer shows no user {user_id} to this Login ID")
