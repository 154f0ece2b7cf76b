"""Oempro's part of the graph: the login's users or clients, lists, campaigns, segments.

Accounts, by how the gateway logs in:

- **Admin login** (MAILGQL_OEMPRO_LOGIN_AS=admin): ``me`` is the administrator (``AdminInfo`` of
  ``Admin.Login``); its ``subAccounts`` and ``accounts`` are the users (``Users.Get``). A user's
  lists, campaigns and clients are read in that user's session, which the administrator opens
  with ``User.Switch`` (once per user per process); its ``quota`` comes from its user group.
- **User login** (the default): ``me`` is the user, from the ``UserInfo`` its login answered (no
  call beyond the login); its ``subAccounts`` and ``accounts`` are its clients; its ``lists``
  and ``campaigns`` are its own.
- **API key** (MAILGQL_OEMPRO_API_KEY): calls run as the key's user, but no answer describes
  that user, so ``me`` is null; ``accounts`` are still its clients.

A client's lists and campaigns are whatever its user assigned to it, which 4.x lets a user set
but not read back: they are empty with a null ``totalCount``. Reads of the login's own data
(``campaigns``, ``node`` of an object with a plain key) go to the API as they are: with an admin
login Oempro answers them with 99999 (FORBIDDEN), since they run in a user's session.

Every read and write goes through the request's :class:`~mailgql.data.oempro.OemproData`;
objects carry the scope they were read in (see ``mapping``), and relations are read in it.
"""

from __future__ import annotations

from mailgql.data import Data
from mailgql.data.oempro import OemproData
from mailgql.graph.accounts import Account, AccountQuota
from mailgql.graph.campaigns import Campaign, CampaignDetails
from mailgql.graph.context import Info
from mailgql.graph.errors import PlatformNotConfigured
from mailgql.graph.list_subscriptions import ListSubscription
from mailgql.graph.lists import (
    ListCount,
    MailingList,
    Subscriber,
    SubscriberField,
    SubscriberStatus,
)
from mailgql.graph.node import Node
from mailgql.graph.oempro_admin import ADMIN_NODE_TYPES, admin_node
from mailgql.graph.pagination import Connection, Window
from mailgql.graph.platforms.oempro.account_writes import OemproAccountWrites
from mailgql.graph.platforms.oempro.client_login import (
    CLIENT_LOGIN_ROLE,
    client_campaigns,
    client_lists,
    client_login_account,
    client_node,
)
from mailgql.graph.platforms.oempro.content import OemproContent
from mailgql.graph.platforms.oempro.custom_fields import custom_field_values
from mailgql.graph.platforms.oempro.keys import split_owned_key
from mailgql.graph.platforms.oempro.mapping import (
    ADMIN_ROLE,
    CLIENT_ROLE,
    COUNT_SEGMENTS,
    STATUS_SEGMENTS,
    USER_ROLE,
    Read,
    account_from_client,
    account_from_user,
    campaign_from_record,
    read_of,
    to_list,
    to_quota,
    to_segment,
    to_subscriber,
)
from mailgql.graph.platforms.oempro.nodes import account_node, login_admin, object_node
from mailgql.graph.platforms.oempro.owned import OwnedListing, owned, owner_scope, user_of
from mailgql.graph.platforms.oempro.writes import read_subscription
from mailgql.graph.segments import Segment
from mailgql.input_rules import legacy_number
from mailgql.upstreams.oempro import (
    Campaign as CampaignRecord,
    Client,
    Email as EmailRecord,
    MailingList as ListRecord,
    Segment as SegmentRecord,
    Subscriber as SubscriberRecord,
    User,
)

__all__ = ["OemproGraph"]


def _data(info: Info) -> OemproData:
    return info.context.oempro()


def _list_read(mailing_list: MailingList) -> Read[ListRecord]:
    return read_of(mailing_list._record, ListRecord)


async def _campaign_email(info: Info, campaign: Campaign) -> EmailRecord | None:
    """The email record the campaign's ``RelEmailID`` names, read in the campaign's scope."""
    read = read_of(campaign._record, CampaignRecord)
    return await _data(info).email(read.record.email_id, as_user=read.as_user)


async def _users(info: Info, window: Window) -> Connection[Account]:
    """A window of ``Users.Get`` (admin login)."""
    page = await _data(info).user_window(offset=window.offset, count=window.fetch_count)
    return Connection.build([account_from_user(u) for u in page.items], window, total=page.total)


async def _clients(info: Info, window: Window, *, as_user: int | None) -> Connection[Account]:
    """The clients of the scope's user (one unpaged ``Clients.Get``), windowed here."""
    clients = await _data(info).all_clients(as_user=as_user)
    return Connection.slice([account_from_client(c, as_user) for c in clients], window)


async def _campaigns(info: Info, window: Window, *, as_user: int | None) -> Connection[Campaign]:
    """A window of the scope's ``Campaigns.Get``."""
    page = await _data(info).campaign_window(
        offset=window.offset, count=window.fetch_count, as_user=as_user
    )
    items = [campaign_from_record(c, as_user) for c in page.items]
    return Connection.build(items, window, total=page.total)


_LISTS = OwnedListing("lists", lambda data, as_user: data.all_lists(as_user=as_user), to_list)


class OemproGraph(OemproAccountWrites, OemproContent):
    """Oempro's part of the graph: the login's users or clients, lists, campaigns, segments."""

    # -- root fields ------------------------------------------------------------------------------

    async def me(self, info: Info) -> Account | None:
        """The user of ``UserInfo``, the administrator, or null (API key)."""
        who = await _data(info).caller()
        if isinstance(who.account, User):
            return account_from_user(who.account)
        if who.kind == "client":
            client = who.account if isinstance(who.account, Client) else None
            return client_login_account(client, _data(info).login_username or "client")
        if isinstance(who.account, Client):
            return account_from_client(who.account)
        return await login_admin(info)

    async def accounts(self, info: Info, window: Window) -> Connection[Account]:
        """Users (admin login, ``Users.Get``) or the login's clients (``Clients.Get``)."""
        if (await _data(info).caller()).kind == "admin":
            return await _users(info, window)
        return await _clients(info, window, as_user=None)

    async def campaigns(self, info: Info, window: Window) -> Connection[Campaign]:
        """The login's campaigns (``Campaigns.Get``)."""
        return await _campaigns(info, window, as_user=None)

    async def node(self, info: Info, type_name: str, key: str) -> Node | None:
        """Accounts by key; lists and campaigns by id; segments by ``<list id>:<segment id>``;
        each with ``<UserID>/`` first when read in that user's switched session."""
        if type_name == "Account":
            return await account_node(info, key)
        if type_name in ADMIN_NODE_TYPES:
            return await admin_node(info, type_name, key)
        if _data(info).client_login:
            return await client_node(info, type_name, key)
        owned = split_owned_key(key)
        if owned is None:
            return None
        owner, rest = owned
        scope = await _data(info).scope_of_owner(owner)
        if scope is None:
            return None
        return await object_node(info, type_name, rest, scope.as_user)

    async def list_subscription(
        self, info: Info, list_key: str, email: str
    ) -> ListSubscription | None:
        """``Subscriber.Get`` and ``List.Get``."""
        return await read_subscription(info, int(list_key), email)

    # -- account relations ------------------------------------------------------------------------

    async def parent(self, info: Info, account: Account) -> Account | None:
        """A user's is the administrator (admin login only); a client's is its user."""
        if account._role == USER_ROLE:
            return await login_admin(info)
        if account._role != CLIENT_ROLE:
            return None
        owner = read_of(account._record, Client).record.owner_user_id
        data = _data(info)
        who = await data.caller()
        if isinstance(who.account, User) and who.account.user_id == owner:
            return account_from_user(who.account)
        if who.kind == "admin" and owner is not None:
            user = await data.user(owner)
            return account_from_user(user) if user is not None else None
        return None  # an API key: no answer describes the key's user

    async def sub_accounts(
        self, info: Info, account: Account, window: Window
    ) -> Connection[Account]:
        """The administrator's users; a user's clients, in the user's session."""
        if account._role == ADMIN_ROLE:
            return await _users(info, window)
        scope = await owner_scope(info, account, "clients")
        if scope is None:
            return Connection.empty()
        return await _clients(info, window, as_user=scope.as_user)

    async def account_campaigns(
        self, info: Info, account: Account, window: Window
    ) -> Connection[Campaign]:
        """A user's campaigns in its session; a client's are unknown (but a client login's
        own are its assigned ones); the admin has none."""
        if account._role == CLIENT_LOGIN_ROLE:
            return await client_campaigns(info, window)
        return await owned(
            info,
            account,
            window,
            "campaigns",
            lambda as_user: _campaigns(info, window, as_user=as_user),
        )

    async def account_lists(
        self, info: Info, account: Account, window: Window
    ) -> Connection[MailingList]:
        """A user's lists (``Lists.Get``, unpaged) in its session; a client's are unknown (4.x
        lets a user assign lists to a client but not read the assignment)."""
        if account._role == CLIENT_LOGIN_ROLE:
            return await client_lists(info, window)
        return await _LISTS.window(info, account, window)

    async def quota(self, info: Info, account: Account) -> AccountQuota | None:
        """A user's group limits (``UserGroup.Get``, admin login only; else null)."""
        if account._role != USER_ROLE:
            return None
        user = user_of(account)
        data = _data(info)
        if user.group_id is None or (await data.caller()).kind != "admin":
            return None
        group = await data.user_group(user.group_id)
        return to_quota(user, group) if group is not None else None

    # -- list, subscriber, campaign and segment relations -----------------------------------------

    async def list_count(
        self, info: Info, mailing_list: MailingList, which: ListCount, known: int | None
    ) -> int | None:
        """``TotalSubscribers`` of the matching status (one call per list and count)."""
        read = _list_read(mailing_list)
        return await _data(info).subscriber_count(
            read.record.list_id, COUNT_SEGMENTS[which], as_user=read.as_user
        )

    async def list_subscribers(
        self, info: Info, mailing_list: MailingList, status: SubscriberStatus, window: Window
    ) -> Connection[Subscriber] | None:
        """A window of ``Subscribers.Get``, one more than asked to learn if another follows."""
        read = _list_read(mailing_list)
        page = await _data(info).subscriber_window(
            read.record.list_id,
            STATUS_SEGMENTS[status],
            offset=window.offset,
            count=window.fetch_count,
            as_user=read.as_user,
        )
        items = [to_subscriber(r, mailing_list, read.as_user) for r in page.items]
        return Connection.build(items, window, total=page.total)

    async def list_segments(
        self, info: Info, mailing_list: MailingList, window: Window
    ) -> Connection[Segment] | None:
        """Every segment of the list (one unpaged ``Segment.Get``), windowed here."""
        read = _list_read(mailing_list)
        list_id = read.record.list_id
        records = await _data(info).segments(list_id, as_user=read.as_user)
        return Connection.slice([to_segment(r, list_id, read.as_user) for r in records], window)

    async def subscriber_name(self, info: Info, subscriber: Subscriber) -> str | None:
        """The value of the custom field MAILGQL_OEMPRO_NAME_FIELD names."""
        read = read_of(subscriber._record, SubscriberRecord)
        return await _data(info).subscriber_name(
            read.record.list_id, subscriber._values, as_user=read.as_user
        )

    async def subscriber_fields(self, info: Info, subscriber: Subscriber) -> list[SubscriberField]:
        """Every field of the list (one ``CustomFields.Get`` per list) with this value."""
        read = read_of(subscriber._record, SubscriberRecord)
        fields = await _data(info).custom_fields(read.record.list_id, as_user=read.as_user)
        return custom_field_values(fields, subscriber._values)

    async def campaign_subject(self, info: Info, campaign: Campaign) -> str | None:
        """The ``Subject`` of the campaign's email record."""
        email = await _campaign_email(info, campaign)
        return email.subject if email is not None else None

    async def campaign_sender(self, info: Info, campaign: Campaign) -> str | None:
        """The ``FromEmail`` of the campaign's email record."""
        email = await _campaign_email(info, campaign)
        return email.from_email if email is not None else None

    async def campaign_progress(self, data: Data, key: str) -> CampaignDetails | None:
        """``Campaign.Get`` of the campaign, in the session its key names: one call."""
        if data.oempro is None:
            raise PlatformNotConfigured(self.platform)
        owned = split_owned_key(key)
        number = legacy_number(owned[1]) if owned is not None else None
        if owned is None or number is None:
            return None
        scope = await data.oempro.scope_of_owner(owned[0])
        if scope is None:
            return None
        record = await data.oempro.campaign(number, as_user=scope.as_user)
        return campaign_from_record(record, scope.as_user)._details if record is not None else None

    async def segment_lists(self, info: Info, segment: Segment) -> list[MailingList]:
        """The list it belongs to, from the scope's list listing (one call per request)."""
        owner = int(segment._context_key or 0)
        as_user = read_of(segment._record, SegmentRecord).as_user
        lists = await _data(info).all_lists(as_user=as_user)
        return [to_list(r, as_user) for r in lists if r.list_id == owner]
