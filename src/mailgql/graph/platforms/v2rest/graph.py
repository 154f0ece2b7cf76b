"""v2 REST's part of the graph: the admin, its sub-accounts and what they inherit.

The configured admin is ``me``; its sub-accounts are ``accounts`` and ``me.subAccounts``; each
sub-account's ``parent`` is the admin. Lists, segments and newsletters are the admin's, seen
through the sub-accounts that inherit them: the API reads none of them by id, so ``node()`` on
one asks the sub-accounts in turn (see :meth:`V2RestData.find_inherited`). Every read and write
goes through the request's :class:`~mailgql.data.V2RestData`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Protocol, TypeVar

from pydantic import SecretStr

from mailgql.data import V2RestData
from mailgql.graph.accounts import Account
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput
from mailgql.graph.ids import decode_id
from mailgql.graph.lists import MailingList
from mailgql.graph.newsletters import Newsletter
from mailgql.graph.node import Node
from mailgql.graph.pagination import Connection, Window
from mailgql.graph.platforms.base import PlatformGraph, Recipients, existing
from mailgql.graph.platforms.v2rest.mapping import (
    ADMIN_ROLE,
    account_from_record,
    admin_account,
    to_list,
    to_newsletter,
    to_segment,
)
from mailgql.graph.segments import Segment
from mailgql.graph.validation import MAX_IDS
from mailgql.input_rules import legacy_number
from mailgql.platforms import Platform
from mailgql.upstreams.v2rest import MailingList as MailingListRecord, Page

if TYPE_CHECKING:
    from mailgql.graph.mutations.accounts import CreateSubAccountInput

__all__ = ["V2RestGraph"]

_P = Platform.V2REST
T = TypeVar("T")
R = TypeVar("R")
_ACCOUNT_FIELD = ("input", "accountId")


def _data(info: Info) -> V2RestData:
    return info.context.v2rest()


def _inherited_list_of(
    data: V2RestData, list_id: int
) -> Callable[[str], Awaitable[MailingListRecord | None]]:
    """A look-up of one list among what a sub-account inherits."""

    async def find(username: str) -> MailingListRecord | None:
        return await data.inherited_list(username, list_id)

    return find


class _WindowRead(Protocol[R]):
    """A facade read of one window of what a sub-account inherits."""

    def __call__(self, username: str, *, offset: int, count: int) -> Awaitable[Page[R]]: ...


async def _inherited(
    account: Account, window: Window, read: _WindowRead[R], to_node: Callable[[R], T]
) -> Connection[T]:
    """A window of what a sub-account inherits, as graph objects; the admin inherits nothing."""
    if account._role == ADMIN_ROLE:
        return Connection.empty()
    page = await read(account._key, offset=window.offset, count=window.fetch_count)
    return Connection.build([to_node(r) for r in page.items], window, total=page.total)


async def _fresh(info: Info, username: str) -> Account:
    """The account as the listing shows it after a write."""
    record = await _data(info).sub_account(username)
    missing = f"v2 REST has no sub-account named {username!r}"
    return account_from_record(existing(record, _P, missing))


async def _fresh_after(info: Info, username: str, write: Awaitable[None]) -> Account:
    """Send a write about a sub-account, then the account as the listing shows it."""
    await write
    return await _fresh(info, username)


class V2RestGraph(PlatformGraph):
    """v2 REST's part of the graph."""

    platform = _P

    # -- root fields ------------------------------------------------------------------------------

    async def me(self, info: Info) -> Account | None:
        """The configured admin account (the API says nothing about it beyond its name)."""
        return admin_account(_data(info).admin_username)

    async def accounts(self, info: Info, window: Window) -> Connection[Account]:
        """The admin's sub-accounts (the admin itself is `me`)."""
        return await self._sub_accounts(info, window)

    async def node(self, info: Info, type_name: str, key: str) -> Node | None:
        """Accounts by username; lists, segments and newsletters by id (see the module doc)."""
        data = _data(info)
        if type_name == "Account":
            if key == data.admin_username:
                return admin_account(key)
            record = await data.sub_account(key)
            return account_from_record(record) if record is not None else None
        number = legacy_number(key)
        if number is None:
            return None
        wanted = number
        if type_name == "MailingList":
            found_list = await data.find_inherited(lambda n: data.inherited_list(n, wanted))
            return to_list(found_list[1]) if found_list is not None else None
        if type_name == "Segment":
            found_segment = await data.find_inherited(lambda n: data.inherited_segment(n, wanted))
            if found_segment is None:
                return None
            seen_through, segment = found_segment
            return to_segment(segment, seen_through=seen_through)
        if type_name == "Newsletter":
            found_nl = await data.find_inherited(lambda n: data.inherited_newsletter(n, wanted))
            return to_newsletter(found_nl[1]) if found_nl is not None else None
        return None

    # -- relations --------------------------------------------------------------------------------

    async def parent(self, info: Info, account: Account) -> Account | None:
        """A sub-account's parent is the configured admin; the admin has none."""
        if account._role == ADMIN_ROLE:
            return None
        return admin_account(_data(info).admin_username)

    async def sub_accounts(
        self, info: Info, account: Account, window: Window
    ) -> Connection[Account]:
        """The admin's sub-accounts; a sub-account manages none."""
        if account._role != ADMIN_ROLE:
            return Connection.empty()
        return await self._sub_accounts(info, window)

    async def inherited_lists(
        self, info: Info, account: Account, window: Window
    ) -> Connection[MailingList]:
        """Lists the sub-account inherits."""
        return await _inherited(account, window, _data(info).inherited_list_window, to_list)

    async def inherited_segments(
        self, info: Info, account: Account, window: Window
    ) -> Connection[Segment]:
        """Segments the sub-account inherits, each seen through it."""
        read = _data(info).inherited_segment_window
        return await _inherited(
            account, window, read, partial(to_segment, seen_through=account._key)
        )

    async def inherited_newsletters(
        self, info: Info, account: Account, window: Window
    ) -> Connection[Newsletter]:
        """Newsletters the sub-account inherits."""
        read = _data(info).inherited_newsletter_window
        return await _inherited(account, window, read, to_newsletter)

    async def segment_lists(self, info: Info, segment: Segment) -> list[MailingList]:
        """The segment's lists visible through a sub-account: the one it was read through
        first, then any other that inherits them."""
        data = _data(info)
        wanted = [int(decode_id(i).key) for i in segment.list_ids]
        found: dict[int, MailingListRecord] = {}
        if segment._context_key is not None:
            for list_id in wanted:
                record = await data.inherited_list(segment._context_key, list_id)
                if record is not None:
                    found[list_id] = record
        for list_id in wanted:
            if list_id not in found:
                hit = await data.find_inherited(_inherited_list_of(data, list_id))
                if hit is not None:
                    found[list_id] = hit[1]
        return [to_list(found[i]) for i in wanted if i in found]

    # -- writes -----------------------------------------------------------------------------------

    async def create_sub_account(self, info: Info, input: CreateSubAccountInput) -> Account:
        """``POST /Users/SubAccounts`` with the allowed sender domains, then the new account."""
        domains = [d.strip() for d in input.allowed_domains or [] if d.strip()]
        if not domains:
            raise BadUserInput(
                'v2 REST needs at least one allowed domain, e.g. "@example.com"',
                field=("input", "allowedDomains"),
            )
        if len(domains) > MAX_IDS:
            raise BadUserInput(
                f"give at most {MAX_IDS} allowed domains", field=("input", "allowedDomains")
            )
        username = input.username.strip()
        await _data(info).create_sub_account(
            username=username,
            password=SecretStr(input.password),
            email=input.email.strip(),
            allowed_domains=domains,
        )
        return await _fresh(info, username)

    async def set_account_status(self, info: Info, key: str, *, active: bool) -> Account:
        """``PUT /Users/SubAccounts``, then the account as listed."""
        name = self.inheriting_account(info, key)
        return await _fresh_after(
            info, name, _data(info).set_sub_account_status(name, active=active)
        )

    def inheriting_account(self, info: Info, key: str) -> str:
        """A sub-account's username; the admin itself is refused."""
        if key == _data(info).admin_username:
            raise BadUserInput(
                "this is the v2 admin account; only its sub-accounts can be changed",
                field=_ACCOUNT_FIELD,
                platform=_P,
            )
        return key

    async def inherit_lists(self, info: Info, name: str, list_ids: Sequence[int]) -> Account:
        """``PUT /Users/InheritLists``."""
        return await _fresh_after(info, name, _data(info).inherit_lists(name, list_ids))

    async def remove_inherited_list(self, info: Info, name: str, list_id: int) -> Account:
        """``DELETE /Users/InheritLists``."""
        return await _fresh_after(info, name, _data(info).remove_inherited_list(name, list_id))

    async def inherit_segments(self, info: Info, name: str, segment_ids: Sequence[int]) -> Account:
        """``PUT /Users/InheritSegments``."""
        return await _fresh_after(info, name, _data(info).inherit_segments(name, segment_ids))

    async def remove_inherited_segment(self, info: Info, name: str, segment_id: int) -> Account:
        """``DELETE /Users/InheritSegments``."""
        write = _data(info).remove_inherited_segment(name, segment_id)
        return await _fresh_after(info, name, write)

    async def inherit_newsletter(
        self, info: Info, name: str, newsletter_id: int, recipients: Recipients
    ) -> Account:
        """``PUT /Users/InheritNewsletters``."""
        write = _data(info).inherit_newsletter(
            name, newsletter_id, recipients_type=recipients.type, recipient_ids=recipients.ids
        )
        return await _fresh_after(info, name, write)

    async def remove_inherited_newsletter(
        self, info: Info, name: str, newsletter_id: int
    ) -> Account:
        """``DELETE /Users/InheritNewsletters``."""
        write = _data(info).remove_inherited_newsletter(name, newsletter_id)
        return await _fresh_after(info, name, write)

    # -- helpers ----------------------------------------------------------------------------------

    @staticmethod
    async def _sub_accounts(info: Info, window: Window) -> Connection[Account]:
        page = await _data(info).sub_account_window(offset=window.offset, count=window.fetch_count)
        items = [account_from_record(a) for a in page.items]
        return Connection.build(items, window, total=page.total)
