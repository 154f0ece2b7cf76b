"""Per-request loaders over Maxmailer's admin and subscription APIs.

Which call answers an account, by the fields asked (the graph picks, these loaders serve):

- **ListUsers** returns every user the Login ID manages in one call, with everything but usage.
  Listings (`accounts`, `subAccounts`), `parent` and look-ups by id read it, so any number of
  accounts with any ListUsers field (name, status, parent, limits, permissions...) costs one call.
- **GetUser** adds the usage of the current period (sends available, sent, subscribers, reset
  date) for one user. It is called only for an account whose `quota` asks for usage: at most one
  call per such account, after the listing. A look-up by id that asks for usage goes to GetUser
  alone, since it also carries every ListUsers field.

Campaigns: ListCamps per account (or for the caller, key :data:`OWN`) gives subjects and dates;
GetCamp per campaign gives status, sender and report, and is called only when those are asked.
Subscriptions: one ``status`` call per (list, address). No Maxmailer call takes several keys, so
batching here means de-duplication and reuse within one request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from mailgql.loaders._base import GatewayLoader, gather_per_key, missing_as_none
from mailgql.upstreams.errors import UpstreamForbidden
from mailgql.upstreams.maxmailer import (
    Campaign,
    CampaignSummary,
    MaxmailerClient,
    Subscription,
    User,
    UserDetail,
)

__all__ = [
    "ALL",
    "OWN",
    "Caller",
    "CampaignByIdLoader",
    "CampaignsByUserLoader",
    "MaxmailerLoaders",
    "Role",
    "SubscriptionByEmailLoader",
    "UserByIdLoader",
    "UserListingLoader",
]

ALL = "all"
"""The one key of the ListUsers loader."""
OWN = 0
"""The campaigns key of the caller's own campaigns (ListCamps without ``id``; no user has id 0)."""

K = TypeVar("K")
V = TypeVar("V")
Role = Literal["admin", "reseller", "user"]


class UserListingLoader(GatewayLoader[str, tuple[User, ...]]):
    """ListUsers, under the single key :data:`ALL`."""

    def __init__(self, client: MaxmailerClient) -> None:
        super().__init__()
        self._client = client

    async def load_batch(self, keys: Sequence[str]) -> Sequence[tuple[User, ...] | Exception]:
        """One call, whatever the keys."""

        async def fetch(key: str) -> tuple[User, ...]:
            return tuple(await self._client.list_users())

        return await gather_per_key(keys, fetch)


class UserByIdLoader(GatewayLoader[int, UserDetail | None]):
    """GetUser by user id; None for an id unknown to (or not managed by) the Login ID."""

    def __init__(self, client: MaxmailerClient) -> None:
        super().__init__()
        self._client = client

    async def load_batch(self, keys: Sequence[int]) -> Sequence[UserDetail | None | Exception]:
        """One call per id."""
        return await gather_per_key(keys, missing_as_none(self._client.get_user))


class CampaignsByUserLoader(GatewayLoader[int, tuple[CampaignSummary, ...]]):
    """ListCamps by user id; :data:`OWN` for the caller's own campaigns."""

    def __init__(self, client: MaxmailerClient) -> None:
        super().__init__()
        self._client = client

    async def load_batch(
        self, keys: Sequence[int]
    ) -> Sequence[tuple[CampaignSummary, ...] | Exception]:
        """One call per user."""

        async def fetch(user_id: int) -> tuple[CampaignSummary, ...]:
            return tuple(await self._client.list_campaigns(None if user_id == OWN else user_id))

        return await gather_per_key(keys, fetch)


class CampaignByIdLoader(GatewayLoader[int, Campaign | None]):
    """GetCamp by message id; None for a campaign the Login ID cannot see."""

    def __init__(self, client: MaxmailerClient) -> None:
        super().__init__()
        self._client = client

    async def load_batch(self, keys: Sequence[int]) -> Sequence[Campaign | None | Exception]:
        """One call per campaign."""
        return await gather_per_key(keys, missing_as_none(self._client.get_campaign))


class SubscriptionByEmailLoader(GatewayLoader[tuple[str, str], Subscription | None]):
    """The ``status`` action by (list name, lower-cased address); None when not in the list."""

    def __init__(self, client: MaxmailerClient) -> None:
        super().__init__()
        self._client = client

    async def load_batch(
        self, keys: Sequence[tuple[str, str]]
    ) -> Sequence[Subscription | None | Exception]:
        """One call per (list, address)."""

        async def fetch(key: tuple[str, str]) -> Subscription:
            return await self._client.subscription_status(key[0], email=key[1])

        return await gather_per_key(keys, missing_as_none(fetch))


@dataclass(frozen=True, slots=True)
class Caller:
    """Who the Login ID is, as far as the ListUsers answer tells.

    The API has no "who am I": an admin's listing holds its own row (the admin-type user); a
    user-manager's holds only its users, whose common ``parent_id`` is its id; a plain user may
    not list users at all (errno 9001).
    """

    role: Role
    user_id: int | None
    record: User | None


@dataclass(frozen=True, slots=True)
class MaxmailerLoaders:
    """Every Maxmailer loader of one request, and the client that writes go through."""

    client: MaxmailerClient
    users: UserListingLoader
    user_details: UserByIdLoader
    campaign_lists: CampaignsByUserLoader
    campaigns: CampaignByIdLoader
    subscriptions: SubscriptionByEmailLoader

    @classmethod
    def build(cls, client: MaxmailerClient) -> MaxmailerLoaders:
        """Fresh loaders for one request."""
        return cls(
            client=client,
            users=UserListingLoader(client),
            user_details=UserByIdLoader(client),
            campaign_lists=CampaignsByUserLoader(client),
            campaigns=CampaignByIdLoader(client),
            subscriptions=SubscriptionByEmailLoader(client),
        )

    # -- reads --------------------------------------------------------------------------------

    async def listing(self) -> tuple[User, ...]:
        """Every user the Login ID manages, in id order (one ListUsers call per request)."""
        return await self.users.get(ALL)

    async def user(self, user_id: int) -> User | None:
        """One user by id, from the listing."""
        return next((u for u in await self.listing() if u.user_id == user_id), None)

    async def user_detail(self, user_id: int) -> UserDetail | None:
        """One user with its usage (GetUser)."""
        return await self.user_details.get(user_id)

    async def caller(self) -> Caller:
        """The Login ID's role and, where the listing shows it, its id and record."""
        try:
            users = await self.listing()
        except UpstreamForbidden:
            return Caller(role="user", user_id=None, record=None)
        admins = [u for u in users if u.user_type == "admin"]
        if admins:
            # Several admin rows cannot be told apart; the top-level one with the lowest id wins.
            me = min(admins, key=lambda u: (u.parent_id is not None, u.user_id))
            return Caller(role="admin", user_id=me.user_id, record=me)
        parents = {u.parent_id for u in users}
        parent = parents.pop() if len(parents) == 1 else None
        return Caller(role="reseller", user_id=parent, record=None)

    async def campaigns_of(self, user_id: int) -> tuple[CampaignSummary, ...]:
        """ListCamps of one user, or of the caller for :data:`OWN`."""
        return await self.campaign_lists.get(user_id)

    async def campaign(self, message_id: int) -> Campaign | None:
        """One campaign with its report (GetCamp)."""
        return await self.campaigns.get(message_id)

    async def subscription(self, list_name: str, email: str) -> Subscription | None:
        """One address in one list (the ``status`` action)."""
        return await self.subscriptions.get((list_name, email.lower()))

    # -- after writes ---------------------------------------------------------------------------

    def forget_user(self, user_id: int) -> None:
        """After a write to one user: the listing and that user's details."""
        self.users.clear_all()
        self.user_details.clear(user_id)

    def forget_deleted_user(self, user_id: int) -> None:
        """After DeleteUser: the user, its campaigns, and users that moved under a new parent."""
        self.users.clear_all()
        self.user_details.clear_all()
        self.campaign_lists.clear(user_id)
        self.campaigns.clear_all()

    def forget_subscription(self, list_name: str, email: str) -> None:
        """After subscribe or unsubscribe."""
        self.subscriptions.clear((list_name, email.lower()))
