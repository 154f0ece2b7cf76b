"""Oempro accounts in the graph: the administrator, users and their clients, by the login's kind.

- **Admin login** (MAILGQL_OEMPRO_LOGIN_AS=admin): ``me`` is the administrator (``AdminInfo`` of
  ``Admin.Login``); its ``subAccounts`` and ``accounts`` are the users (``Users.Get``, paged by
  the API). A user's lists, campaigns and clients are read in that user's session, which the
  administrator opens with ``User.Switch`` (once per user per process, see ``oempro_scope``);
  its ``quota`` comes from its user group (``UserGroup.Get``, one call per group).
- **User login** (the default): ``me`` is the user, from the ``UserInfo`` its login answered (no
  call beyond the login); its ``subAccounts`` and ``accounts`` are its clients (``Clients.Get``,
  unpaged); its ``lists`` and ``campaigns`` are its own.
- **API key** (MAILGQL_OEMPRO_API_KEY): calls run as the key's user, but no answer describes
  that user, so ``me`` is null; ``accounts`` are still its clients.

A client's lists and campaigns are whatever its user assigned to it, which 4.x lets a user set
but not read back: they are empty with a null ``totalCount``. Account keys are ``admin``,
``user:<UserID>`` and ``client:<ClientID>``; a client read in a user's switched session is
``client:<UserID>/<ClientID>``.
"""

from __future__ import annotations

from typing import NamedTuple

import strawberry

from mailgql.graph.accounts import Account, AccountQuota, AccountStatus, NoAccountExtras
from mailgql.graph.campaigns import Campaign
from mailgql.graph.context import Info
from mailgql.graph.ids import encode_id
from mailgql.graph.lists import MailingList
from mailgql.graph.pagination import Connection, Window
from mailgql.graph.platforms.oempro.objects import campaign_from_record, to_list
from mailgql.graph.platforms.oempro.scope import (
    Caller,
    CallerKind,
    caller,
    owned_key,
    split_owned_key,
    user_scope,
)
from mailgql.platforms import Platform
from mailgql.upstreams.oempro import Admin, Client, User, UserGroup

__all__ = [
    "ADMIN_KEY",
    "AccountKey",
    "Caller",
    "CallerKind",
    "account_from_client",
    "account_from_user",
    "admin_account",
    "caller",
    "campaign_connection",
    "client_connection",
    "parse_account_key",
    "user_connection",
]

_P = Platform.OEMPRO
ADMIN_KEY = "admin"
"""Account key of the administrator (an install has one)."""


class AccountKey(NamedTuple):
    """An account key taken apart: its kind, its number, and (clients) the user read as."""

    kind: str
    number: int | None
    owner: int | None = None


def parse_account_key(key: str) -> AccountKey | None:
    """``admin``, ``user:<id>``, ``client:<id>`` or ``client:<UserID>/<id>``; None otherwise."""
    if key == ADMIN_KEY:
        return AccountKey(ADMIN_KEY, None)
    kind, _, rest = key.partition(":")
    if kind == "user" and rest.isdigit():
        return AccountKey(kind, int(rest))
    owned = split_owned_key(rest) if kind == "client" else None
    if owned is not None and owned[1].isdigit():
        return AccountKey(kind, int(owned[1]), owned[0])
    return None


def _name(*parts: str | None) -> str | None:
    return " ".join(p.strip() for p in parts if p and p.strip()) or None


# -- records -> accounts ------------------------------------------------------------------------


def account_from_user(user: User) -> Account:
    """A user row as an Account (``AccountStatus`` Disabled is DISABLED; 4.x has no suspension)."""
    key = f"user:{user.user_id}"
    return Account(
        id=strawberry.ID(encode_id("Account", _P, key)),
        platform=_P,
        username=user.username,
        name=_name(user.first_name, user.last_name) or user.company_name,
        email=user.email,
        phone=user.phone,
        timezone=user.timezone,
        status=AccountStatus.ACTIVE if user.enabled else AccountStatus.DISABLED,
        created_at=user.user_since,
        last_login_at=user.last_activity_at,
        account_type="user",
        _backend=_UserAccount(user),
        _key=key,
        _role="user",
    )


def account_from_client(client: Client, as_user: int | None = None) -> Account:
    """A client row, read in scope ``as_user``, as an Account."""
    key = f"client:{owned_key(as_user, client.client_id)}"
    return Account(
        id=strawberry.ID(encode_id("Account", _P, key)),
        platform=_P,
        username=client.username,
        name=client.name,
        email=client.email,
        status=AccountStatus.ACTIVE if client.enabled else AccountStatus.DISABLED,
        account_type="client",
        _backend=_ClientAccount(client),
        _key=key,
        _role="client",
    )


def admin_account(admin: Admin | None, username: str) -> Account:
    """The administrator, as ``Admin.Login`` described it (its name alone if it did not)."""
    return Account(
        id=strawberry.ID(encode_id("Account", _P, ADMIN_KEY)),
        platform=_P,
        username=admin.username if admin is not None else username,
        name=admin.name if admin is not None else None,
        email=admin.email if admin is not None else None,
        # A disabled administrator could not have logged in.
        status=AccountStatus.ACTIVE,
        account_type="admin",
        _backend=_ADMIN,
        _key=ADMIN_KEY,
        _role="admin",
    )


def _quota(user: User, group: UserGroup) -> AccountQuota:
    def limit(value: int | None) -> int | None:
        # Installs store "no limit" as 0 or as -1 (contract §15): both are unlimited.
        return value if value is not None and value > 0 else None

    return AccountQuota(
        send_limit=limit(group.limit_email_send_per_period),
        send_period=None,
        sends_available=user.available_credits if group.payment_system else None,
        sent_this_period=None,
        list_limit=limit(group.limit_lists),
        subscriber_limit=limit(group.limit_subscribers),
        subscribers=None,
    )


# -- connections --------------------------------------------------------------------------------


async def user_connection(info: Info, window: Window) -> Connection[Account]:
    """A window of ``Users.Get`` (admin login), paged by the API."""
    page = await info.context.oempro().user_window(offset=window.offset, count=window.fetch_count)
    items = [account_from_user(u) for u in page.items]
    return Connection.build(items, window, total=page.total)


async def client_connection(
    info: Info, window: Window, *, as_user: int | None = None
) -> Connection[Account]:
    """The clients of the scope's user (one unpaged ``Clients.Get``), windowed here."""
    clients = await info.context.oempro().all_clients(as_user=as_user)
    return Connection.slice([account_from_client(c, as_user) for c in clients], window)


async def campaign_connection(
    info: Info, window: Window, *, as_user: int | None = None
) -> Connection[Campaign]:
    """A window of the scope's ``Campaigns.Get``, paged by the API."""
    page = await info.context.oempro().campaign_window(
        offset=window.offset, count=window.fetch_count, as_user=as_user
    )
    items = [campaign_from_record(c, as_user) for c in page.items]
    return Connection.build(items, window, total=page.total)


async def _list_connection(
    info: Info, window: Window, *, as_user: int | None
) -> Connection[MailingList]:
    lists = await info.context.oempro().all_lists(as_user=as_user)
    return Connection.slice([to_list(r, as_user) for r in lists], window)


# -- relations ----------------------------------------------------------------------------------


class _UserAccount(NoAccountExtras):
    """A user: its clients, lists and campaigns in its session (the login's own, or switched to
    by the administrator); its plan's limits."""

    def __init__(self, user: User) -> None:
        self.user = user

    async def parent(self, info: Info, account: Account) -> Account | None:
        """The administrator, when the gateway is logged in as it."""
        who = await caller(info)
        if who.kind != "admin":
            return None
        admin = who.account if isinstance(who.account, Admin) else None
        return admin_account(admin, info.context.settings.oempro_username or ADMIN_KEY)

    async def sub_accounts(
        self, info: Info, account: Account, window: Window
    ) -> Connection[Account]:
        """The user's clients (``Clients.Get`` runs in the user's session)."""
        scope = await user_scope(info, self.user.user_id, "clients")
        return await client_connection(info, window, as_user=scope.as_user)

    async def lists(self, info: Info, account: Account, window: Window) -> Connection[MailingList]:
        """The user's lists (``Lists.Get``, unpaged)."""
        scope = await user_scope(info, self.user.user_id, "lists")
        return await _list_connection(info, window, as_user=scope.as_user)

    async def campaigns(self, info: Info, account: Account, window: Window) -> Connection[Campaign]:
        """The user's campaigns (``Campaigns.Get``, paged)."""
        scope = await user_scope(info, self.user.user_id, "campaigns")
        return await campaign_connection(info, window, as_user=scope.as_user)

    async def quota(self, info: Info, account: Account) -> AccountQuota | None:
        """The limits of the user's group (``UserGroup.Get``, admin login only; else null)."""
        if self.user.group_id is None or (await caller(info)).kind != "admin":
            return None
        group = await info.context.oempro().user_group_by_id.get(self.user.group_id)
        return _quota(self.user, group) if group is not None else None


class _ClientAccount(NoAccountExtras):
    """A client: its owner is its parent; what it was assigned cannot be read back."""

    def __init__(self, client: Client) -> None:
        self.client = client

    async def parent(self, info: Info, account: Account) -> Account | None:
        """The user that owns the client (null with an API key: no answer describes it)."""
        owner = self.client.owner_user_id
        who = await caller(info)
        if isinstance(who.account, User) and who.account.user_id == owner:
            return account_from_user(who.account)
        if who.kind == "admin" and owner is not None:
            user = await info.context.oempro().user_by_id.get(owner)
            return account_from_user(user) if user is not None else None
        return None

    async def lists(self, info: Info, account: Account, window: Window) -> Connection[MailingList]:
        """Unknown: 4.x lets a user assign lists to a client but not read the assignment."""
        return Connection[MailingList].build([], window, total=None)

    async def campaigns(self, info: Info, account: Account, window: Window) -> Connection[Campaign]:
        """Unknown, as for lists."""
        return Connection[Campaign].build([], window, total=None)


class _AdminAccount(NoAccountExtras):
    """The administrator manages the users."""

    async def sub_accounts(
        self, info: Info, account: Account, window: Window
    ) -> Connection[Account]:
        """Every user (``Users.Get``, paged)."""
        return await user_connection(info, window)


_ADMIN = _AdminAccount()
