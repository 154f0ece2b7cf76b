"""Per-request loaders over Maxmailer's admin and subscription APIs: one loader per legacy read.

No Maxmailer call takes several keys, so batching here means de-duplication and reuse within one
request. Which of these reads answers which graph field, and what a write makes stale, is
:class:`mailgql.data.maxmailer.MaxmailerData`'s to decide.
"""

from __future__ import annotations

from collections.abc import Sequence

from mailgql.loaders._base import GatewayLoader, gather_per_key, missing_as_none
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
    "OWN_CAMPAIGNS",
    "CampaignByIdLoader",
    "CampaignsByUserLoader",
    "SubscriptionByEmailLoader",
    "UserByIdLoader",
    "UserListingLoader",
]

ALL = "all"
"""The one key of the ListUsers loader."""
OWN_CAMPAIGNS = 0
"""The campaigns key of the caller's own campaigns (ListCamps without ``id``; no user has id 0)."""


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
    """ListCamps by user id; :data:`OWN_CAMPAIGNS` for the caller's own campaigns."""

    def __init__(self, client: MaxmailerClient) -> None:
        super().__init__()
        self._client = client

    async def load_batch(
        self, keys: Sequence[int]
    ) -> Sequence[tuple[CampaignSummary, ...] | Exception]:
        """One call per user."""

        async def fetch(user_id: int) -> tuple[CampaignSummary, ...]:
            return tuple(
                await self._client.list_campaigns(None if user_id == OWN_CAMPAIGNS else user_id)
            )

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

    @staticmethod
    def key(list_name: str, email: str) -> tuple[str, str]:
        """The one key of an address in a list: Maxmailer compares addresses in any case."""
        return (list_name, email.lower())

    async def load_batch(
        self, keys: Sequence[tuple[str, str]]
    ) -> Sequence[Subscription | None | Exception]:
        """One call per (list, address)."""

        async def fetch(key: tuple[str, str]) -> Subscription:
            return await self._client.subscription_status(key[0], email=key[1])

        return await gather_per_key(keys, missing_as_none(fetch))
