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
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar

from mailgql.loaders._base import GatewayLoader, gather_per_key
from mailgql.upstreams.errors import UpstreamBadResponse, UpstreamError, UpstreamNotFound
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
    "ME",
    "CampaignByIdLoader",
    "CampaignWindow",
    "CampaignsByWindowLoader",
    "ClientsByLoginLoader",
    "CustomFieldsByListLoader",
    "EmailByIdLoader",
    "EmailsByLoginLoader",
    "ListByIdLoader",
    "ListsByLoginLoader",
    "OemproLoaders",
    "SegmentsByListLoader",
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

ME = "me"
"""The key of a listing that belongs to the gateway's own login (there is only one)."""

EMAILS_LISTING_FROM = 2
"""Email ids in one batch from which the whole ``Emails.Get`` listing is cheaper than
one ``Email.Get`` each."""


def window(items: Sequence[T], *, offset: int, count: int) -> Page[T]:
    """``count`` records from ``offset`` of a listing read whole (gateway-side paging)."""
    if offset < 0 or count < 0:
        raise ValueError("offset and count must be 0 or more")
    return Page(items=tuple(items[offset : offset + count]), offset=offset, total=len(items))


class SubscriberCount(NamedTuple):
    """Subscribers of one list in one ``SubscriberSegment`` (a status name or a segment id)."""

    list_id: int
    segment: str


class SubscriberWindow(NamedTuple):
    """A window of one list's subscribers in one status or segment."""

    list_id: int
    segment: str
    offset: int
    limit: int


class CampaignWindow(NamedTuple):
    """A window of the campaign listing, for one status or all (None)."""

    status: CampaignStatus | None
    offset: int
    limit: int


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


def _or_none(fetch: Callable[[K], Awaitable[V]]) -> Callable[[K], Awaitable[V | None]]:
    """A look-up for which "no such record" is a None value, not an error."""

    async def one(key: K) -> V | None:
        try:
            return await fetch(key)
        except UpstreamNotFound:
            return None

    return one


class ListsByLoginLoader(_PerKeyLoader[str, tuple[MailingList, ...]]):
    """Every list of the login: one ``Lists.Get`` (unpaged on 4.x)."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(_: str) -> tuple[MailingList, ...]:
            return (await client.get_lists()).items

        super().__init__(fetch)


class ListByIdLoader(_PerKeyLoader[int, MailingList | None]):
    """One list by id: ``List.Get`` each; None when the login has no such list."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(_or_none(client.get_list))


class SubscriberCountByListSegmentLoader(_PerKeyLoader[SubscriberCount, int]):
    """How many subscribers a list has in a status or segment.

    One ``Subscribers.Get`` with ``RecordsPerRequest=1`` each, read from ``TotalSubscribers``:
    4.x list rows carry no counts.
    """

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: SubscriberCount) -> int:
            page = await client.get_subscribers(key.list_id, segment=key.segment, limit=1)
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
                    key.list_id, segment=key.segment, offset=key.offset, limit=1
                )
                return Page(items=(), offset=key.offset, total=page.total)
            return await client.get_subscribers(
                key.list_id, segment=key.segment, offset=key.offset, limit=key.limit
            )

        super().__init__(fetch)


class SubscriberByEmailLoader(_PerKeyLoader[tuple[int, str], Subscriber | None]):
    """One subscriber by (list id, address): ``Subscriber.Get`` each (or its fallback).

    None when the list has no such subscriber.
    """

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: tuple[int, str]) -> Subscriber:
            return await client.get_subscriber(key[0], key[1])

        super().__init__(_or_none(fetch))


class CampaignsByWindowLoader(_PerKeyLoader[CampaignWindow, Page[Campaign]]):
    """A window of campaigns: one ``Campaigns.Get`` (rows carry the statistics columns)."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: CampaignWindow) -> Page[Campaign]:
            limit = max(key.limit, 1)
            page = await client.get_campaigns(status=key.status, offset=key.offset, limit=limit)
            if key.limit == 0:
                return Page(items=(), offset=key.offset, total=page.total)
            return page

        super().__init__(fetch)


class CampaignByIdLoader(_PerKeyLoader[int, Campaign | None]):
    """One campaign with its statistics: ``Campaign.Get`` each; None when unknown."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(_or_none(client.get_campaign))


class EmailsByLoginLoader(_PerKeyLoader[str, tuple[Email, ...]]):
    """Every email content record of the login: one ``Emails.Get`` (unpaged)."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(_: str) -> tuple[Email, ...]:
            return (await client.get_emails()).items

        super().__init__(fetch)


class EmailByIdLoader(GatewayLoader[int, Email | None]):
    """One email by id (where a campaign's subject lives).

    ``Email.Get`` for a lone id; the whole ``Emails.Get`` listing, read once, for a batch of
    :data:`EMAILS_LISTING_FROM` ids or more. None for an unknown id.
    """

    def __init__(self, client: OemproClient, emails: EmailsByLoginLoader) -> None:
        super().__init__()
        self._one = _or_none(client.get_email)
        self._emails = emails

    async def load_batch(self, keys: Sequence[int]) -> Sequence[Email | None | Exception]:
        """Look the ids up in the listing, or fetch the one id."""
        if len(keys) < EMAILS_LISTING_FROM:
            return await gather_per_key(keys, self._one)
        try:
            listing = await self._emails.get(ME)
        except UpstreamError as exc:
            # The listing's failure is every key's failure.
            return [exc for _ in keys]
        by_id = {email.email_id: email for email in listing}
        return [by_id.get(key) for key in keys]


class SegmentsByListLoader(_PerKeyLoader[int, tuple[Segment, ...]]):
    """Every segment of a list: one ``Segment.Get`` per list (unpaged)."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(list_id: int) -> tuple[Segment, ...]:
            return (await client.get_segments(list_id)).items

        super().__init__(fetch)


class CustomFieldsByListLoader(_PerKeyLoader[int, tuple[CustomField, ...]]):
    """Every custom field of a list: one ``CustomFields.Get`` per list (unpaged)."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(list_id: int) -> tuple[CustomField, ...]:
            return (await client.get_custom_fields(list_id)).items

        super().__init__(fetch)


class ClientsByLoginLoader(_PerKeyLoader[str, tuple[Client, ...]]):
    """Every client of the login (a user): one ``Clients.Get`` (unpaged)."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(_: str) -> tuple[Client, ...]:
            return (await client.get_clients()).items

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
        super().__init__(_or_none(client.get_user))


class UserGroupByIdLoader(_PerKeyLoader[int, UserGroup | None]):
    """One user group (plan) by id (admin login): ``UserGroup.Get`` each; None when unknown."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(_or_none(client.get_user_group))


@dataclass(frozen=True, slots=True)
class OemproLoaders:
    """Every Oempro loader of one request, and the client that writes go through."""

    client: OemproClient
    lists: ListsByLoginLoader
    list_by_id: ListByIdLoader
    subscriber_counts: SubscriberCountByListSegmentLoader
    subscriber_windows: SubscribersByWindowLoader
    subscriber_by_email: SubscriberByEmailLoader
    campaign_windows: CampaignsByWindowLoader
    campaign_by_id: CampaignByIdLoader
    emails: EmailsByLoginLoader
    email_by_id: EmailByIdLoader
    segments_by_list: SegmentsByListLoader
    custom_fields_by_list: CustomFieldsByListLoader
    clients: ClientsByLoginLoader
    user_windows: UsersByWindowLoader
    user_by_id: UserByIdLoader
    user_group_by_id: UserGroupByIdLoader

    @classmethod
    def build(cls, client: OemproClient) -> OemproLoaders:
        """Fresh loaders for one request."""
        emails = EmailsByLoginLoader(client)
        return cls(
            client=client,
            lists=ListsByLoginLoader(client),
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
            clients=ClientsByLoginLoader(client),
            user_windows=UsersByWindowLoader(client),
            user_by_id=UserByIdLoader(client),
            user_group_by_id=UserGroupByIdLoader(client),
        )

    # -- reads --------------------------------------------------------------------------------

    async def all_lists(self) -> tuple[MailingList, ...]:
        """Every list of the login (read once per request)."""
        return await self.lists.get(ME)

    async def list(self, list_id: int) -> MailingList | None:
        """One list by id (None when the login has no such list)."""
        return await self.list_by_id.get(list_id)

    async def subscriber_count(self, list_id: int, segment: str) -> int:
        """Subscribers of a list in a status (``Active``, ``Unsubscribed``...) or segment id."""
        return await self.subscriber_counts.get(SubscriberCount(list_id, segment))

    async def subscriber_window(
        self, list_id: int, segment: str, *, offset: int, count: int
    ) -> Page[Subscriber]:
        """A window of a list's subscribers; its total also answers the matching count."""
        page = await self.subscriber_windows.get(SubscriberWindow(list_id, segment, offset, count))
        if page.total is not None:
            self.subscriber_counts.prime(SubscriberCount(list_id, segment), page.total)
        return page

    async def subscriber(self, list_id: int, email: str) -> Subscriber | None:
        """One subscriber of a list by address (addresses compare case-insensitively)."""
        return await self.subscriber_by_email.get((list_id, email.strip().lower()))

    async def campaign_window(
        self, *, status: CampaignStatus | None = None, offset: int, count: int
    ) -> Page[Campaign]:
        """A window of the campaign listing."""
        return await self.campaign_windows.get(CampaignWindow(status, offset, count))

    async def email(self, email_id: int | None) -> Email | None:
        """A campaign's email record (None for a campaign without one)."""
        return None if email_id is None else await self.email_by_id.get(email_id)

    async def all_clients(self) -> tuple[Client, ...]:
        """Every client of the login (read once per request)."""
        return await self.clients.get(ME)

    async def all_emails(self) -> tuple[Email, ...]:
        """Every email record of the login (read once per request)."""
        return await self.emails.get(ME)

    async def user_window(self, *, offset: int, count: int) -> Page[User]:
        """A window of the user listing (admin login)."""
        return await self.user_windows.get(UserWindow(offset, count))

    # -- after writes ---------------------------------------------------------------------------

    def forget_lists(self, list_id: int | None = None) -> None:
        """After a list was created, changed or deleted (None: every list)."""
        self.lists.clear_all()
        self.list_by_id.clear_where(lambda key: list_id is None or key == list_id)

    def forget_subscribers(self, list_id: int) -> None:
        """After a subscription, unsubscription or subscriber update in a list."""
        self.subscriber_counts.clear_where(lambda key: key.list_id == list_id)
        self.subscriber_windows.clear_where(lambda key: key.list_id == list_id)
        self.subscriber_by_email.clear_where(lambda key: key[0] == list_id)

    def forget_campaigns(self, campaign_id: int | None = None) -> None:
        """After a campaign was created, changed or deleted (None: every campaign)."""
        self.campaign_windows.clear_all()
        self.campaign_by_id.clear_where(lambda key: campaign_id is None or key == campaign_id)

    def forget_emails(self, email_id: int | None = None) -> None:
        """After an email record was created or changed."""
        self.emails.clear_all()
        self.email_by_id.clear_where(lambda key: email_id is None or key == email_id)

    def forget_segments(self, list_id: int | None = None) -> None:
        """After a segment was created or deleted (None: in any list)."""
        self.segments_by_list.clear_where(lambda key: list_id is None or key == list_id)

    def forget_users(self, user_id: int | None = None) -> None:
        """After a user was changed (its status, its details)."""
        self.user_windows.clear_all()
        self.user_by_id.clear_where(lambda key: user_id is None or key == user_id)
