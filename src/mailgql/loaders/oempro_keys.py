"""The keys of Oempro's loaders and the reads they are built from: whose session a read runs in
(:class:`Scope`), which record or listing it reads (:class:`ScopedId`, the subscriber and
campaign blocks), how a window is cut from a listing read whole (:func:`window`) or from fixed
blocks (:func:`read_window`), and the builders that make a client read a loader's fetch
(:func:`in_scope`, :func:`by_id`, :func:`whole_listing`, :func:`one_by_id`...)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import NamedTuple, Protocol, TypeVar

from mailgql.loaders._base import missing_as_none
from mailgql.upstreams.oempro import CampaignStatus, Page

__all__ = [
    "BLOCK",
    "EMAILS_LISTING_FROM",
    "OWN_SESSION",
    "CampaignBlock",
    "Scope",
    "ScopedId",
    "SubscriberAddress",
    "SubscriberBlock",
    "SubscriberListing",
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
