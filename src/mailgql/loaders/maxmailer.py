"""Per-request loaders over Maxmailer's admin and subscription APIs: one loader per legacy read.

No Maxmailer call takes several keys, so batching here means de-duplication and reuse within one
request. Which of these reads answers which graph field, and what a write makes stale, is
:class:`mailgql.data.maxmailer.MaxmailerData`'s to decide.
"""

from __future__ import annotations

from mailgql.loaders._base import PerKeyLoader, missing_as_none
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


class UserListingLoader(PerKeyLoader[str, tuple[User, ...]]):
    """ListUsers, under the single key :data:`ALL`: one call."""

    def __init__(self, client: MaxmailerClient) -> None:
        async def fetch(key: str) -> tuple[User, ...]:
            return tuple(await client.list_users())

        super().__init__(fetch)


class UserByIdLoader(PerKeyLoader[int, UserDetail | None]):
    """GetUser by user id, one call each; None for an id unknown to (or not managed by) the
    Login ID."""

    def __init__(self, client: MaxmailerClient) -> None:
        super().__init__(missing_as_none(client.get_user))


class CampaignsByUserLoader(PerKeyLoader[int, tuple[CampaignSummary, ...]]):
    """ListCamps by user id, one call each; :data:`OWN_CAMPAIGNS` for the caller's own
    campaigns."""

    def __init__(self, client: MaxmailerClient) -> None:
        async def fetch(user_id: int) -> tuple[CampaignSummary, ...]:
            return tuple(await client.list_campaigns(None if user_id == OWN_CAMPAIGNS else user_id))

        super().__init__(fetch)


class CampaignByIdLoader(PerKeyLoader[int, Campaign | None]):
    """GetCamp by message id, one call each; None for a campaign the Login ID cannot see."""

    def __init__(self, client: MaxmailerClient) -> None:
        super().__init__(missing_as_none(client.get_campaign))


class SubscriptionByEmailLoader(PerKeyLoader[tuple[str, str], Subscription | None]):
    """The ``status`` action by (list name, lower-cased address), one call each; None when not
    in the list."""

    def __init__(self, client: MaxmailerClient) -> None:
        async def fetch(key: tuple[str, str]) -> Subscription:
            return await client.subscription_status(key[0], email=key[1])

        super().__init__(missing_as_none(fetch))

    @staticmethod
    def key(list_name: str, email: str) -> tuple[str, str]:
        """The one key of an address in a list: Maxmailer compares addresses in any case."""
        return (list_name, email.lower())
