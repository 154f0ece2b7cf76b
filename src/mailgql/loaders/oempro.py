"""Per-request loaders over Oempro's ``api.php``: one record, one entry.

Oempro has no command that reads several records by id, so most loaders batch by
de-duplicating keys and sending their calls concurrently (bounded by the platform's semaphore).
Each key names what identifies a record or a listing, never how much of it a query wants:

- the listings 4.x does not page (``Lists.Get``, ``Segment.Get``, ``CustomFields.Get``,
  ``Clients.Get``, ``Emails.Get``) are read whole, once per request, and paged by the gateway
  (:func:`window`);
- the listings the API pages (``Subscribers.Get``, ``Campaigns.Get``, ``Users.Get``) are read in
  fixed blocks of :data:`BLOCK` records, one call each, keyed by the listing and the block
  number: :func:`read_window` cuts any window from the blocks that cover it, so two windows of
  one listing share their calls;
- a list's count in one status or segment is keyed by the same listing as its blocks
  (:class:`SubscriberListing`): one ``Subscribers.Get`` of one record reads its
  ``TotalSubscribers``, and a block read in the same request already carries it;
- campaign subjects live on email records: a batch of two or more email ids reads the whole
  ``Emails.Get`` listing once instead of one ``Email.Get`` per id.

Every user-scope key ends with its scope: ``as_user`` None for the login's own session, or the
id of the user an admin login reads as (``User.Switch``, done by the client). Two users' lists,
counts or emails never share an entry, the same read in one scope still runs once, and since a
key starts with the record's id, one id's entries are found in every scope (ids are unique
across an install).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import NamedTuple, Protocol, TypeVar

from mailgql.loaders._base import GatewayLoader, PerKeyLoader, gather_per_key, missing_as_none
from mailgql.upstreams.errors import UpstreamBadResponse, UpstreamError
from mailgql.upstreams.oempro import (
    Campaign,
    CampaignStatus,
    Client,
    CustomField,
    Email,
    MailingList,
    OemproClient,
    Page,
    Segment,
    Subscriber,
    User,
    UserGroup,
)

__all__ = [
    "BLOCK",
    "EMAILS_LISTING_FROM",
    "OWN_SESSION",
    "CampaignBlock",
    "CampaignBlockLoader",
    "CampaignByIdLoader",
    "ClientsByScopeLoader",
    "CustomFieldsByListLoader",
    "EmailByIdLoader",
    "EmailsByScopeLoader",
    "ListByIdLoader",
    "ListsByScopeLoader",
    "Scope",
    "ScopedId",
    "SegmentsByListLoader",
    "SubscriberAddress",
    "SubscriberBlock",
    "SubscriberBlockLoader",
    "SubscriberByEmailLoader",
    "SubscriberCountLoader",
    "SubscriberListing",
    "UserBlockLoader",
    "UserByIdLoader",
    "UserGroupByIdLoader",
    "by_id",
    "in_scope",
    "items_of",
    "one_by_id",
    "read_window",
    "whole_listing",
    "whole_listing_of",
    "window",
]

K = TypeVar("K")
T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

BLOCK = 1000
"""Records per block of a paged listing, one call each. Larger than the largest page the graph
accepts by default (MAILGQL_MAX_PAGE_SIZE, 500, plus the one record that tells whether another
page follows), so a first page of any size costs one call."""

EMAILS_LISTING_FROM = 2
"""Email ids in one batch from which the whole ``Emails.Get`` listing is cheaper than
one ``Email.Get`` each."""


class Scope(NamedTuple):
    """Whose session a read runs in: the login's own (``as_user`` None), or user ``as_user``'s,
    which an admin login reaches with ``User.Switch``."""

    as_user: int | None = None


OWN_SESSION = Scope()
"""The login's own session."""


class ScopedId(NamedTuple):
    """A record id (a list, campaign or email; the list of a listing) read in one scope."""

    id: int
    as_user: int | None = None


class SubscriberListing(NamedTuple):
    """One list's subscribers in one ``SubscriberSegment`` (a status name or a segment id), read
    in one scope: what a count counts and what its blocks are cut from."""

    list_id: int
    segment: str
    as_user: int | None = None


class SubscriberBlock(NamedTuple):
    """Block ``block`` of a :class:`SubscriberListing`."""

    list_id: int
    segment: str
    as_user: int | None
    block: int


class SubscriberAddress(NamedTuple):
    """One subscriber of a list by its (lower-cased) address."""

    list_id: int
    email: str
    as_user: int | None = None


class CampaignBlock(NamedTuple):
    """Block ``block`` of one scope's campaign listing, for one status or all (None)."""

    status: CampaignStatus | None
    as_user: int | None
    block: int


def window(items: Sequence[T], *, offset: int, count: int) -> Page[T]:
    """``count`` records from ``offset`` of a listing read whole (gateway-side paging)."""
    if offset < 0 or count < 0:
        raise ValueError("offset and count must be 0 or more")
    return Page(items=tuple(items[offset : offset + count]), offset=offset, total=len(items))


async def read_window(
    load_block: Callable[[int], Awaitable[Page[T]]], *, offset: int, count: int
) -> Page[T]:
    """``count`` records from ``offset``, cut from the blocks that cover them.

    The block holding ``offset`` is always read, even for ``count`` 0: its total (the API counts
    the whole listing) is the window's. Later blocks are read only while records are missing
    and the listing goes on.
    """
    if offset < 0 or count < 0:
        raise ValueError("offset and count must be 0 or more")
    block_no = offset // BLOCK
    block = await load_block(block_no)
    total = block.total
    items = list(block.items[offset - block_no * BLOCK :][:count])
    while len(items) < count and len(block.items) == BLOCK:
        block_no += 1
        if total is not None and block_no * BLOCK >= total:
            break
        block = await load_block(block_no)
        items.extend(block.items[: count - len(items)])
    return Page(items=tuple(items), offset=offset, total=total)


class _ScopeRead(Protocol[T_co]):
    """A client read of what one scope holds (such as a whole unpaged listing)."""

    def __call__(self, *, as_user: int | None = ...) -> Awaitable[T_co]: ...


class _ScopedRead(Protocol[T_co]):
    """A client read of one record, or of one list's unpaged listing, by id in one scope."""

    def __call__(self, record_id: int, /, *, as_user: int | None = ...) -> Awaitable[T_co]: ...


def in_scope(read: _ScopeRead[T]) -> Callable[[Scope], Awaitable[T]]:
    """``read`` in the key's scope, one call each."""
    return lambda key: read(as_user=key.as_user)


def by_id(read: _ScopedRead[T]) -> Callable[[ScopedId], Awaitable[T]]:
    """``read`` of the key's id in the key's scope, one call each."""
    return lambda key: read(key.id, as_user=key.as_user)


def items_of(read: Callable[[K], Awaitable[Page[T]]]) -> Callable[[K], Awaitable[tuple[T, ...]]]:
    """The records of the whole unpaged listing ``read`` answers for a key."""

    async def fetch(key: K) -> tuple[T, ...]:
        return (await read(key)).items

    return fetch


def whole_listing(read: _ScopeRead[Page[T]]) -> Callable[[Scope], Awaitable[tuple[T, ...]]]:
    """The whole listing of a scope, one call each."""
    return items_of(in_scope(read))


def whole_listing_of(read: _ScopedRead[Page[T]]) -> Callable[[ScopedId], Awaitable[tuple[T, ...]]]:
    """The whole listing of one list (its fields, its segments), one call each."""
    return items_of(by_id(read))


def one_by_id(read: _ScopedRead[T]) -> Callable[[ScopedId], Awaitable[T | None]]:
    """One record by id, one call each; None when the scope has no such record."""
    return missing_as_none(by_id(read))


# -- lists, subscribers, custom fields ------------------------------------------------------------


class ListsByScopeLoader(PerKeyLoader[Scope, tuple[MailingList, ...]]):
    """Every list of the login or of a user: one ``Lists.Get`` per scope (unpaged on 4.x)."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(whole_listing(client.get_lists))


class ListByIdLoader(PerKeyLoader[ScopedId, MailingList | None]):
    """One list by id: ``List.Get`` each; None when the scope's user has no such list (or the
    user does not exist)."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(one_by_id(client.get_list))


class SubscriberCountLoader(PerKeyLoader[SubscriberListing, int]):
    """How many subscribers a listing holds: one ``Subscribers.Get`` of one record each, read
    from ``TotalSubscribers`` (4.x list rows carry no counts)."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: SubscriberListing) -> int:
            page = await client.get_subscribers(
                key.list_id, segment=key.segment, limit=1, as_user=key.as_user
            )
            if page.total is None:
                raise UpstreamBadResponse(
                    "Oempro answered Subscribers.Get without TotalSubscribers",
                    platform=client.platform,
                    operation="Subscribers.Get",
                )
            return page.total

        super().__init__(fetch)


class SubscriberBlockLoader(PerKeyLoader[SubscriberBlock, Page[Subscriber]]):
    """A block of a listing's subscribers: one ``Subscribers.Get`` of :data:`BLOCK` records."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: SubscriberBlock) -> Page[Subscriber]:
            return await client.get_subscribers(
                key.list_id,
                segment=key.segment,
                offset=key.block * BLOCK,
                limit=BLOCK,
                as_user=key.as_user,
            )

        super().__init__(fetch)


class SubscriberByEmailLoader(PerKeyLoader[SubscriberAddress, Subscriber | None]):
    """One subscriber by (list id, address): ``Subscriber.Get`` each (or its fallback).

    None when the list has no such subscriber.
    """

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: SubscriberAddress) -> Subscriber:
            return await client.get_subscriber(key.list_id, key.email, as_user=key.as_user)

        super().__init__(missing_as_none(fetch))


class CustomFieldsByListLoader(PerKeyLoader[ScopedId, tuple[CustomField, ...]]):
    """Every custom field of a list: one ``CustomFields.Get`` per list (unpaged)."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(whole_listing_of(client.get_custom_fields))


class SegmentsByListLoader(PerKeyLoader[ScopedId, tuple[Segment, ...]]):
    """Every segment of a list: one ``Segment.Get`` per list (unpaged)."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(whole_listing_of(client.get_segments))


# -- campaigns and their emails -------------------------------------------------------------------


class CampaignBlockLoader(PerKeyLoader[CampaignBlock, Page[Campaign]]):
    """A block of a scope's campaigns: one ``Campaigns.Get`` of :data:`BLOCK` rows (rows carry
    the statistics columns)."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: CampaignBlock) -> Page[Campaign]:
            return await client.get_campaigns(
                status=key.status, offset=key.block * BLOCK, limit=BLOCK, as_user=key.as_user
            )

        super().__init__(fetch)


class CampaignByIdLoader(PerKeyLoader[ScopedId, Campaign | None]):
    """One campaign with its statistics: ``Campaign.Get`` each; None when unknown."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(one_by_id(client.get_campaign))


class EmailsByScopeLoader(PerKeyLoader[Scope, tuple[Email, ...]]):
    """Every email content record of the login or of a user: one ``Emails.Get`` per scope."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(whole_listing(client.get_emails))


class EmailByIdLoader(GatewayLoader[ScopedId, Email | None]):
    """One email by id (where a campaign's subject lives).

    Per scope: ``Email.Get`` for a lone id; the whole ``Emails.Get`` listing, read once, for
    :data:`EMAILS_LISTING_FROM` ids or more. None for an unknown id.
    """

    def __init__(self, client: OemproClient, emails: EmailsByScopeLoader) -> None:
        super().__init__()
        self._one = one_by_id(client.get_email)
        self._emails = emails

    async def load_batch(self, keys: Sequence[ScopedId]) -> Sequence[Email | None | Exception]:
        """Look the ids up in their scope's listing, or fetch a scope's one id."""
        by_scope: dict[int | None, list[ScopedId]] = {}
        for key in keys:
            by_scope.setdefault(key.as_user, []).append(key)
        found = await asyncio.gather(
            *(self._scope_batch(Scope(as_user), group) for as_user, group in by_scope.items())
        )
        answers: dict[ScopedId, Email | None | Exception] = {}
        for group, values in zip(by_scope.values(), found, strict=True):
            answers.update(zip(group, values, strict=True))
        return [answers[key] for key in keys]

    async def _scope_batch(
        self, scope: Scope, keys: Sequence[ScopedId]
    ) -> Sequence[Email | None | Exception]:
        if len(keys) < EMAILS_LISTING_FROM:
            return await gather_per_key(keys, self._one)
        try:
            listing = await self._emails.get(scope)
        except UpstreamError as exc:
            # The listing's failure is every key's failure.
            return [exc for _ in keys]
        by_id = {email.email_id: email for email in listing}
        return [by_id.get(key.id) for key in keys]


# -- accounts -------------------------------------------------------------------------------------


class ClientsByScopeLoader(PerKeyLoader[Scope, tuple[Client, ...]]):
    """Every client of the login or of a user: one ``Clients.Get`` per scope (unpaged)."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(whole_listing(client.get_clients))


class UserBlockLoader(PerKeyLoader[int, Page[User]]):
    """A block of the user listing (admin login), by block number: one ``Users.Get`` each."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(block_no: int) -> Page[User]:
            return await client.get_users(offset=block_no * BLOCK, limit=BLOCK)

        super().__init__(fetch)


class UserByIdLoader(PerKeyLoader[int, User | None]):
    """One user by id (admin login): ``User.Get`` each; None when unknown."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(missing_as_none(client.get_user))


class UserGroupByIdLoader(PerKeyLoader[int, UserGroup | None]):
    """One user group (plan) by id (admin login): ``UserGroup.Get`` each; None when unknown."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(missing_as_none(client.get_user_group))
