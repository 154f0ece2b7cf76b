"""Per-request loaders over Oempro's ``api.php``: one record, one entry.

Oempro has no command that reads several records by id, so most loaders batch by
de-duplicating keys and sending their calls concurrently (bounded by the platform's semaphore).
Each key names what identifies a record or a listing, never how much of it a query wants (the
keys, and the reads the loaders are built from, are in :mod:`.oempro_keys`):

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
import contextlib
from collections.abc import Sequence

from mailgql.loaders._base import GatewayLoader, PerKeyLoader, gather_per_key, missing_as_none
from mailgql.loaders.oempro_keys import (
    BLOCK,
    EMAILS_LISTING_FROM,
    CampaignBlock,
    Scope,
    ScopedId,
    SubscriberAddress,
    SubscriberBlock,
    SubscriberListing,
    one_by_id,
    whole_listing,
    whole_listing_of,
)
from mailgql.upstreams.errors import UpstreamBadResponse, UpstreamError
from mailgql.upstreams.oempro import (
    Campaign,
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
    "CampaignBlockLoader",
    "CampaignByIdLoader",
    "ClientsByScopeLoader",
    "CustomFieldsByListLoader",
    "EmailByIdLoader",
    "EmailsByScopeLoader",
    "ListByIdLoader",
    "ListsByScopeLoader",
    "SegmentsByListLoader",
    "SubscriberBlockLoader",
    "SubscriberByEmailLoader",
    "SubscriberCountLoader",
    "UserBlockLoader",
    "UserByIdLoader",
    "UserGroupByIdLoader",
]


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
    from ``TotalSubscribers`` (4.x list rows carry no counts); none when the request reads the
    listing's first block anyway, whose answer carries the same total."""

    def __init__(self, client: OemproClient, blocks: SubscriberBlockLoader) -> None:
        async def fetch(key: SubscriberListing) -> int:
            first = SubscriberBlock(key.list_id, key.segment, key.as_user, 0)
            if blocks.asked(first):
                with contextlib.suppress(UpstreamError):
                    total = (await blocks.get(first)).total
                    if total is not None:
                        return total
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
    :data:`EMAILS_LISTING_FROM` ids or more, or for any number once the request asked for that
    listing itself. None for an unknown id.
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
        few = len(keys) < EMAILS_LISTING_FROM
        if few and not self._emails.asked(scope):
            return await gather_per_key(keys, self._one)
        try:
            listing = await self._emails.get(scope)
        except UpstreamError as exc:
            if few:  # the listing the request asked for failed: a few ids are read alone
                return await gather_per_key(keys, self._one)
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
