"""The v2 REST platform in the graph: records from the loaders turned into graph objects.

The configured admin is ``me``; its sub-accounts are ``accounts`` and ``me.subAccounts``; each
sub-account's ``parent`` is the admin. Lists, segments and newsletters are the admin's, seen
through the sub-accounts that inherit them: the API has no endpoint that reads them by id, so
``node()`` on one scans the sub-accounts' inherited collections (one call per sub-account at
most, stopping at the first that has it).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

import strawberry

from mailgql.graph.accounts import Account, AccountStatus, NoAccountExtras
from mailgql.graph.context import Info
from mailgql.graph.ids import decode_id, encode_id
from mailgql.graph.lists import MailingList
from mailgql.graph.newsletters import Newsletter
from mailgql.graph.pagination import Connection, Window
from mailgql.graph.segments import (
    Segment,
    SegmentConnector,
    SegmentRule,
    SegmentRuleGroup,
)
from mailgql.loaders.v2rest import BLOCK
from mailgql.platforms import Platform
from mailgql.upstreams.v2rest import records as r

__all__ = [
    "account_from_record",
    "admin_account",
    "admin_name",
    "find_newsletter",
    "find_segment",
    "scan",
    "sub_account_connection",
    "to_list",
    "to_newsletter",
    "to_segment",
]

_P = Platform.V2REST
T = TypeVar("T")
ADMIN_ROLE = "admin"
SUB_ROLE = "sub"


# -- records -> graph objects -------------------------------------------------------------------


def account_from_record(record: r.SubAccount) -> Account:
    """A sub-account record as an Account."""
    return Account(
        id=strawberry.ID(encode_id("Account", _P, record.username)),
        platform=_P,
        username=record.username,
        name=record.full_name,
        email=record.owner_email,
        phone=record.phone,
        timezone=record.timezone,
        status=AccountStatus.ACTIVE if record.active else AccountStatus.DISABLED,
        created_at=record.created_at,
        last_login_at=record.last_login_at,
        _backend=_ACCOUNTS,
        _key=record.username,
        _role=SUB_ROLE,
    )


def admin_account(username: str) -> Account:
    """The configured admin: the API says nothing about it beyond its name."""
    return Account(
        id=strawberry.ID(encode_id("Account", _P, username)),
        platform=_P,
        username=username,
        status=AccountStatus.ACTIVE,
        _backend=_ACCOUNTS,
        _key=username,
        _role=ADMIN_ROLE,
    )


def to_list(record: r.MailingList) -> MailingList:
    """A list record as a MailingList."""
    return MailingList(
        id=strawberry.ID(encode_id("MailingList", _P, record.list_id)),
        platform=_P,
        legacy_id=str(record.list_id),
        name=record.name,
        description=record.descriptive_name,
        subscriber_count=record.subscribe_count,
        unsubscribed_count=record.unsubscribe_count,
        bounced_count=record.bounce_count,
        owner_name=record.owner_name,
        owner_email=record.owner_email,
        reply_to_email=record.reply_to_email,
        company_name=record.company_name,
        deleted=record.deleted,
    )


def _connector(value: str) -> SegmentConnector:
    return SegmentConnector.OR if value.lower() == "or" else SegmentConnector.AND


def _node(node: r.SegmentNode) -> SegmentRule | SegmentRuleGroup:
    if isinstance(node, r.SegmentRule):
        return SegmentRule(
            connector=_connector(node.connector),
            field=node.name,
            operator=node.operator,
            values=list(node.values),
        )
    return SegmentRuleGroup(
        connector=_connector(node.connector), children=[_node(c) for c in node.children]
    )


def to_segment(record: r.Segment, *, seen_through: str | None) -> Segment:
    """A segment record as a Segment; ``seen_through`` is the sub-account it was read from."""
    return Segment(
        id=strawberry.ID(encode_id("Segment", _P, record.segment_id)),
        platform=_P,
        legacy_id=str(record.segment_id),
        name=record.name,
        created_at=record.created_at,
        updated_at=record.updated_at,
        list_ids=[strawberry.ID(encode_id("MailingList", _P, i)) for i in record.used_list_ids],
        rules=[
            SegmentRuleGroup(connector=SegmentConnector.AND, children=[_node(n) for n in group])
            for group in record.rule_groups
        ],
        _backend=_SEGMENTS,
        _context_key=seen_through,
    )


def to_newsletter(record: r.Newsletter) -> Newsletter:
    """A newsletter record as a Newsletter."""
    return Newsletter(
        id=strawberry.ID(encode_id("Newsletter", _P, record.newsletter_id)),
        platform=_P,
        legacy_id=str(record.newsletter_id),
        name=record.name,
        subject=record.subject,
        active=record.active,
        created_at=record.created_at,
        updated_at=record.updated_at,
        url=record.url,
        recipient_list_ids=[
            strawberry.ID(encode_id("MailingList", _P, i)) for i in record.selected_list_ids
        ],
        recipient_segment_ids=[
            strawberry.ID(encode_id("Segment", _P, i)) for i in record.selected_segment_ids
        ],
    )


# -- relations ----------------------------------------------------------------------------------


class _V2Accounts(NoAccountExtras):
    """Relations of v2 accounts: the admin manages sub-accounts, which inherit."""

    async def parent(self, info: Info, account: Account) -> Account | None:
        """A sub-account's parent is the configured admin."""
        if account._role == ADMIN_ROLE:
            return None
        return admin_account(admin_name(info))

    async def sub_accounts(
        self, info: Info, account: Account, window: Window
    ) -> Connection[Account]:
        """The admin's sub-accounts; a sub-account manages none."""
        if account._role != ADMIN_ROLE:
            return Connection.empty()
        return await sub_account_connection(info, window)

    async def inherited_lists(
        self, info: Info, account: Account, window: Window
    ) -> Connection[MailingList]:
        """Lists the sub-account inherits."""
        if account._role == ADMIN_ROLE:
            return Connection.empty()
        page = await info.context.v2rest().inherited_list_window(
            account._key, offset=window.offset, count=window.fetch_count
        )
        return Connection.build([to_list(x) for x in page.items], window, total=page.total)

    async def inherited_segments(
        self, info: Info, account: Account, window: Window
    ) -> Connection[Segment]:
        """Segments the sub-account inherits."""
        if account._role == ADMIN_ROLE:
            return Connection.empty()
        page = await info.context.v2rest().inherited_segment_window(
            account._key, offset=window.offset, count=window.fetch_count
        )
        items = [to_segment(x, seen_through=account._key) for x in page.items]
        return Connection.build(items, window, total=page.total)

    async def inherited_newsletters(
        self, info: Info, account: Account, window: Window
    ) -> Connection[Newsletter]:
        """Newsletters the sub-account inherits."""
        if account._role == ADMIN_ROLE:
            return Connection.empty()
        page = await info.context.v2rest().inherited_newsletter_window(
            account._key, offset=window.offset, count=window.fetch_count
        )
        return Connection.build([to_newsletter(x) for x in page.items], window, total=page.total)


class _V2Segments:
    """A v2 segment's lists: ids come with the segment, the lists from an inheriting account."""

    async def segment_lists(self, info: Info, segment: Segment) -> list[MailingList]:
        """Lists the segment uses that are visible through a sub-account."""
        loaders = info.context.v2rest()
        wanted = [int(_legacy_key(i)) for i in segment.list_ids]
        found: dict[int, r.MailingList] = {}
        if segment._context_key is not None:
            for list_id in wanted:
                record = await loaders.inherited_list(segment._context_key, list_id)
                if record is not None:
                    found[list_id] = record
        for list_id in wanted:
            if list_id not in found:
                record = await scan(info, _inherited_list_finder(info, list_id))
                if record is not None:
                    found[list_id] = record
        return [to_list(found[i]) for i in wanted if i in found]


def _inherited_list_finder(
    info: Info, list_id: int
) -> Callable[[str], Awaitable[r.MailingList | None]]:
    loaders = info.context.v2rest()

    async def find(username: str) -> r.MailingList | None:
        return await loaders.inherited_list(username, list_id)

    return find


def _legacy_key(global_id: str) -> str:
    return decode_id(global_id).key


_ACCOUNTS = _V2Accounts()
_SEGMENTS = _V2Segments()


def admin_name(info: Info) -> str:
    return info.context.v2rest().client.admin_username


async def sub_account_connection(info: Info, window: Window) -> Connection[Account]:
    page = await info.context.v2rest().sub_account_window(
        offset=window.offset, count=window.fetch_count
    )
    return Connection.build([account_from_record(a) for a in page.items], window, total=page.total)


async def scan(info: Info, find: Callable[[str], Awaitable[T | None]]) -> T | None:
    """Ask each sub-account in turn (a few at a time) until one answers."""
    loaders = info.context.v2rest()
    step = max(1, info.context.settings.upstream_concurrency)
    offset = 0
    while True:
        page = await loaders.sub_account_window(offset=offset, count=BLOCK)
        names = [a.username for a in page.items]
        for start in range(0, len(names), step):
            batch: Sequence[T | None] = await asyncio.gather(
                *(find(n) for n in names[start : start + step])
            )
            for result in batch:
                if result is not None:
                    return result
        if page.total is not None:
            return None
        offset += len(page.items)


# -- the root fields ----------------------------------------------------------------------------


async def find_segment(info: Info, name: str, segment_id: int) -> Segment | None:
    page = await info.context.v2rest().inherited_segment_window(name, offset=0, count=BLOCK)
    for record in page.items:
        if record.segment_id == segment_id:
            return to_segment(record, seen_through=name)
    return None


async def find_newsletter(info: Info, name: str, newsletter_id: int) -> r.Newsletter | None:
    page = await info.context.v2rest().inherited_newsletter_window(name, offset=0, count=BLOCK)
    return next((x for x in page.items if x.newsletter_id == newsletter_id), None)
