"""Per-request loaders over Oempro's ``api.php``.

Oempro has no command that reads several records by id, so most loaders batch by
de-duplicating keys and sending their calls concurrently (bounded by the platform's semaphore).
Two places do better than one call per key:

- the listings 4.x does not page (``Lists.Get``, ``Segment.Get``, ``CustomFields.Get``,
  ``Clients.Get``, ``Emails.Get``) are read whole, once per request; the graph cuts its
  ``first``/``after`` windows from them with :func:`window`;
- campaign subjects live on email records: a batch of two or more email ids reads the whole
  ``Emails.Get`` listing once instead of one ``Email.Get`` per id.

Counting a list's subscribers costs one ``Subscribers.Get`` with ``RecordsPerRequest=1`` per
(list, status or segment), read from ``TotalSubscribers``; a window of subscribers read in the
same request already carries that total, so it primes the count.

Every user-scope read has a scope in its key: ``as_user`` None for the login's own session, or
the id of the user an admin login reads as (``User.Switch``, done by the client). Two users'
lists, counts or emails never share an entry, and the same read in one scope still runs once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar

from mailgql.loaders._base import GatewayLoader, gather_per_key, missing_as_none
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
    "EMAILS_LISTING_FROM",
    "OWN",
    "CampaignByIdLoader",
    "CampaignWindow",
    "CampaignsByWindowLoader",
    "ClientsByScopeLoader",
    "CustomFieldsByListLoader",
    "EmailByIdLoader",
    "EmailsByScopeLoader",
    "ListByIdLoader",
    "ListsByScopeLoader",
    "OemproLoaders",
    "Scope",
    "ScopedId",
    "SegmentsByListLoader",
    "SubscriberAddress",
    "SubscriberByEmailLoader",
    "SubscriberCount",
    "SubscriberCountByListSegmentLoader",
    "SubscriberWindow",
    "SubscribersByWindowLoader",
    "UserByIdLoader",
    "UserGroupByIdLoader",
    "UserWindow",
    "UsersByWindowLoader",
    "window",
]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
T = TypeVar("T")


class Scope(NamedTuple):
    """Whose session a read runs in: the login's own (``as_user`` None), or user ``as_user``'s,
    which an admin login reaches with ``User.Switch``."""

    as_user: int | None = None


OWN = Scope()
"""The login's own session."""

EMAILS_LISTING_FROM = 2
"""Email ids in one batch from which the whole ``Emails.Get`` listing is cheaper than
one ``Email.Get`` each."""


def window(items: Sequence[T], *, offset: int, count: int) -> Page[T]:
    """``count`` records from ``offset`` of a listing read whole (gateway-side paging)."""
    if offset < 0 or count < 0:
        raise ValueError("offset and count must be 0 or more")
    return Page(items=tuple(items[offset : offset + count]), offset=offset, total=len(items))


class ScopedId(NamedTuple):
    """A record id (a list, campaign or email; the list of a listing) read in one scope."""

    id: int
    as_user: int | None = None


class SubscriberCount(NamedTuple):
    """Subscribers of one list in one ``SubscriberSegment`` (a status name or a segment id)."""

    list_id: int
    segment: str
    as_user: int | None = None


class SubscriberWindow(NamedTuple):
    """A window of one list's subscribers in one status or segment."""

    list_id: int
    segment: str
    offset: int
    limit: int
    as_user: int | None = None


class SubscriberAddress(NamedTuple):
    """One subscriber of a list by its (lower-cased) address."""

    list_id: int
    email: str
    as_user: int | None = None


class CampaignWindow(NamedTuple):
    """A window of the campaign listing, for one status or all (None)."""

    status: CampaignStatus | None
    offset: int
    limit: int
    as_user: int | None = None


class UserWindow(NamedTuple):
    """A window of the user listing (admin login)."""

    offset: int
    limit: int


class _PerKeyLoader(GatewayLoader[K, V], Generic[K, V]):
    """One upstream call per distinct key, all of a batch at once."""

    def __init__(self, fetch: Callable[[K], Awaitable[V]]) -> None:
        super().__init__()
        self._fetch = fetch

    async def load_batch(self, keys: Sequence[K]) -> Sequence[V | Exception]:
        """Fetch every key concurrently; a failed key fails alone."""
        return await gather_per_key(keys, self._fetch)


class ListsByScopeLoader(_PerKeyLoader[Scope, tuple[MailingList, ...]]):
    """Every list of the login or of a user: one ``Lists.Get`` per scope (unpaged on 4.x)."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: Scope) -> tuple[MailingList, ...]:
            return (await client.get_lists(as_user=key.as_user)).items

        super().__init__(fetch)


class ListByIdLoader(_PerKeyLoader[ScopedId, MailingList | None]):
    """One list by id: ``List.Get`` each; None when the scope's user has no such list (or the
    user does not exist)."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: ScopedId) -> MailingList:
            return await client.get_list(key.id, as_user=key.as_user)

        super().__init__(missing_as_none(fetch))


class SubscriberCountByListSegmentLoader(_PerKeyLoader[SubscriberCount, int]):
    """How many subscribers a list has in a status or segment.

    One ``Subscribers.Get`` with ``RecordsPerRequest=1`` each, read from ``TotalSubscribers``:
    4.x list rows carry no counts.
    """

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: SubscriberCount) -> int:
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


class SubscribersByWindowLoader(_PerKeyLoader[SubscriberWindow, Page[Subscriber]]):
    """A window of subscribers: one ``Subscribers.Get`` (the API pages this one itself)."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: SubscriberWindow) -> Page[Subscriber]:
            if key.limit == 0:
                # The API has no empty page; one record still brings the total.
                page = await client.get_subscribers(
                    key.list_id,
                    segment=key.segment,
                    offset=key.offset,
                    limit=1,
                    as_user=key.as_user,
                )
                return Page(items=(), offset=key.offset, total=page.total)
            return await client.get_subscribers(
                key.list_id,
                segment=key.segment,
                offset=key.offset,
                limit=key.limit,
                as_user=key.as_user,
            )

        super().__init__(fetch)


class SubscriberByEmailLoader(_PerKeyLoader[SubscriberAddress, Subscriber | None]):
    """One subscriber by (list id, address): ``Subscriber.Get`` each (or its fallback).

    None when the list has no such subscriber.
    """

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: SubscriberAddress) -> Subscriber:
            return await client.get_subscriber(key.list_id, key.email, as_user=key.as_user)

        super().__init__(missing_as_none(fetch))


class CampaignsByWindowLoader(_PerKeyLoader[CampaignWindow, Page[Campaign]]):
    """A window of campaigns: one ``Campaigns.Get`` (rows carry the statistics columns)."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: CampaignWindow) -> Page[Campaign]:
            limit = max(key.limit, 1)
            page = await client.get_campaigns(
                status=key.status, offset=key.offset, limit=limit, as_user=key.as_user
            )
            if key.limit == 0:
                return Page(items=(), offset=key.offset, total=page.total)
            return page

        super().__init__(fetch)


class CampaignByIdLoader(_PerKeyLoader[ScopedId, Campaign | None]):
    """One campaign with its statistics: ``Campaign.Get`` each; None when unknown."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: ScopedId) -> Campaign:
            return await client.get_campaign(key.id, as_user=key.as_user)

        super().__init__(missing_as_none(fetch))


class EmailsByScopeLoader(_PerKeyLoader[Scope, tuple[Email, ...]]):
    """Every email content record of the login or of a user: one ``Emails.Get`` per scope."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: Scope) -> tuple[Email, ...]:
            return (await client.get_emails(as_user=key.as_user)).items

        super().__init__(fetch)


class EmailByIdLoader(GatewayLoader[ScopedId, Email | None]):
    """One email by id (where a campaign's subject lives).

    Per scope: ``Email.Get`` for a lone id; the whole ``Emails.Get`` listing, read once, for
    :data:`EMAILS_LISTING_FROM` ids or more. None for an unknown id.
    """

    def __init__(self, client: OemproClient, emails: EmailsByScopeLoader) -> None:
        super().__init__()

        async def one(key: ScopedId) -> Email:
            return await client.get_email(key.id, as_user=key.as_user)

        self._one = missing_as_none(one)
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


class SegmentsByListLoader(_PerKeyLoader[ScopedId, tuple[Segment, ...]]):
    """Every segment of a list: one ``Segment.Get`` per list (unpaged)."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: ScopedId) -> tuple[Segment, ...]:
            return (await client.get_segments(key.id, as_user=key.as_user)).items

        super().__init__(fetch)


class CustomFieldsByListLoader(_PerKeyLoader[ScopedId, tuple[CustomField, ...]]):
    """Every custom field of a list: one ``CustomFields.Get`` per list (unpaged)."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: ScopedId) -> tuple[CustomField, ...]:
            return (await client.get_custom_fields(key.id, as_user=key.as_user)).items

        super().__init__(fetch)


class ClientsByScopeLoader(_PerKeyLoader[Scope, tuple[Client, ...]]):
    """Every client of the login or of a user: one ``Clients.Get`` per scope (unpaged)."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: Scope) -> tuple[Client, ...]:
            return (await client.get_clients(as_user=key.as_user)).items

        super().__init__(fetch)


class UsersByWindowLoader(_PerKeyLoader[UserWindow, Page[User]]):
    """A window of users (admin login): one ``Users.Get``."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: UserWindow) -> Page[User]:
            page = await client.get_users(offset=key.offset, limit=max(key.limit, 1))
            if key.limit == 0:
                return Page(items=(), offset=key.offset, total=page.total)
            return page

        super().__init__(fetch)


class UserByIdLoader(_PerKeyLoader[int, User | None]):
    """One user by id (admin login): ``User.Get`` each; None when unknown."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(missing_as_none(client.get_user))


class UserGroupByIdLoader(_PerKeyLoader[int, UserGroup | None]):
    """One user group (plan) by id (admin login): ``UserGroup.Get`` each; None when unknown."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(missing_as_none(client.get_user_group))


@dataclass(frozen=True, slots=True)
class OemproLoaders:
    """Every Oempro loader of one request, and the client that writes go through."""

    client: OemproClient
    lists: ListsByScopeLoader
    list_by_id: ListByIdLoader
    subscriber_counts: SubscriberCountByListSegmentLoader
    subscriber_windows: SubscribersByWindowLoader
    subscriber_by_email: SubscriberByEmailLoader
    campaign_windows: CampaignsByWindowLoader
    campaign_by_id: CampaignByIdLoader
    emails: EmailsByScopeLoader
    email_by_id: EmailByIdLoader
    segments_by_list: SegmentsByListLoader
    custom_fields_by_list: CustomFieldsByListLoader
    clients: ClientsByScopeLoader
    user_windows: UsersByWindowLoader
    user_by_id: UserByIdLoader
    user_group_by_id: UserGroupByIdLoader

    @classmethod
    def build(cls, client: OemproClient) -> OemproLoaders:
        """Fresh loaders for one request."""
        emails = EmailsByScopeLoader(client)
        return cls(
            client=client,
            lists=ListsByScopeLoader(client),
            list_by_id=ListByIdLoader(client),
            subscriber_counts=SubscriberCountByListSegmentLoader(client),
            subscriber_windows=SubscribersByWindowLoader(client),
            subscriber_by_email=SubscriberByEmailLoader(client),
            campaign_windows=CampaignsByWindowLoader(client),
            campaign_by_id=CampaignByIdLoader(client),
            emails=emails,
            email_by_id=EmailByIdLoader(client, emails),
            segments_by_list=SegmentsByListLoader(client),
            custom_fields_by_list=CustomFieldsByListLoader(client),
            clients=ClientsByScopeLoader(client),
            user_windows=UsersByWindowLoader(client),
            user_by_id=UserByIdLoader(client),
            user_group_by_id=UserGroupByIdLoader(client),
        )

    # -- reads --------------------------------------------------------------------------------
    # ``as_user`` None reads in the login's own session; a user id, in that user's session
    # (admin login only).

    async def all_lists(self, *, as_user: int | None = None) -> tuple[MailingList, ...]:
        """Every list of the scope (read once per request)."""
        return await self.lists.get(Scope(as_user))

    async def list(self, list_id: int, *, as_user: int | None = None) -> MailingList | None:
        """One list by id (None when the scope has no such list)."""
        return await self.list_by_id.get(ScopedId(list_id, as_user))

    async def subscriber_count(
        self, list_id: int, segment: str, *, as_user: int | None = None
    ) -> int:
        """Subscribers of a list in a status (``Active``, ``Unsubscribed``...) or segment id."""
        return await self.subscriber_counts.get(SubscriberCount(list_id, segment, as_user))

    async def subscriber_window(
        self, list_id: int, segment: str, *, offset: int, count: int, as_user: int | None = None
    ) -> Page[Subscriber]:
        """A window of a list's subscribers; its total also answers the matching count."""
        page = await self.subscriber_windows.get(
            SubscriberWindow(list_id, segment, offset, count, as_user)
        )
        if page.total is not None:
            self.subscriber_counts.prime(SubscriberCount(list_id, segment, as_user), page.total)
        return page

    async def subscriber(
        self, list_id: int, email: str, *, as_user: int | None = None
    ) -> Subscriber | None:
        """One subscriber of a list by address (addresses compare case-insensitively)."""
        key = SubscriberAddress(list_id, email.strip().lower(), as_user)
        return await self.subscriber_by_email.get(key)

    async def campaign_window(
        self,
        *,
        status: CampaignStatus | None = None,
        offset: int,
        count: int,
        as_user: int | None = None,
    ) -> Page[Campaign]:
        """A window of the campaign listing."""
        return await self.campaign_windows.get(CampaignWindow(status, offset, count, as_user))

    async def campaign(self, campaign_id: int, *, as_user: int | None = None) -> Campaign | None:
        """One campaign by id with its statistics (None when the scope has no such campaign)."""
        return await self.campaign_by_id.get(ScopedId(campaign_id, as_user))

    async def email(self, email_id: int | None, *, as_user: int | None = None) -> Email | None:
        """A campaign's email record (None for a campaign without one)."""
        if email_id is None:
            return None
        return await self.email_by_id.get(ScopedId(email_id, as_user))

    async def segments(self, list_id: int, *, as_user: int | None = None) -> tuple[Segment, ...]:
        """Every segment of a list (read once per request)."""
        return await self.segments_by_list.get(ScopedId(list_id, as_user))

    async def custom_fields(
        self, list_id: int, *, as_user: int | None = None
    ) -> tuple[CustomField, ...]:
        """Every custom field of a list (read once per request)."""
        return await self.custom_fields_by_list.get(ScopedId(list_id, as_user))

    async def all_clients(self, *, as_user: int | None = None) -> tuple[Client, ...]:
        """Every client of the scope's user (read once per request)."""
        return await self.clients.get(Scope(as_user))

    async def all_emails(self, *, as_user: int | None = None) -> tuple[Email, ...]:
        """Every email record of the scope (read once per request)."""
        return await self.emails.get(Scope(as_user))

    async def user_window(self, *, offset: int, count: int) -> Page[User]:
        """A window of the user listing (admin login)."""
        return await self.user_windows.get(UserWindow(offset, count))

    # -- after writes ---------------------------------------------------------------------------
    # Ids are unique across the install, so an entry is forgotten in every scope that holds it.

    def forget_lists(self, list_id: int | None = None) -> None:
        """After a list was created, changed or deleted (None: every list)."""
        self.lists.clear_all()
        self.list_by_id.clear_where(lambda key: list_id is None or key.id == list_id)

    def forget_subscribers(self, list_id: int) -> None:
        """After a subscription, unsubscription or subscriber update in a list."""
        self.subscriber_counts.clear_where(lambda key: key.list_id == list_id)
        self.subscriber_windows.clear_where(lambda key: key.list_id == list_id)
        self.subscriber_by_email.clear_where(lambda key: key.list_id == list_id)

    def forget_campaigns(self, campaign_id: int | None = None) -> None:
        """After a campaign was created, changed or deleted (None: every campaign)."""
        self.campaign_windows.clear_all()
        self.campaign_by_id.clear_where(lambda key: campaign_id is None or key.id == campaign_id)

    def forget_emails(self, email_id: int | None = None) -> None:
        """After an email record was created or changed."""
        self.emails.clear_all()
        self.email_by_id.clear_where(lambda key: email_id is None or key.id == email_id)

    def forget_segments(self, list_id: int | None = None) -> None:
        """After a segment was created or deleted (None: in any list)."""
        self.segments_by_list.clear_where(lambda key: list_id is None or key.id == list_id)

    def forget_users(self, user_id: int | None = None) -> None:
        """After a user was changed (its status, its details)."""
        self.user_windows.clear_all()
        self.user_by_id.clear_where(lambda key: user_id is None or key == user_id)
