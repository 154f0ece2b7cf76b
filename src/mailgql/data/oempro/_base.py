"""What every part of the Oempro facade shares: the client, the loaders of one request, and the
loader entries each kind of write makes stale."""

from __future__ import annotations

from mailgql.data._facade import Facade, Stale
from mailgql.loaders.oempro import (
    CampaignBlockLoader,
    CampaignByIdLoader,
    ClientsByScopeLoader,
    CustomFieldsByListLoader,
    EmailByIdLoader,
    EmailsByScopeLoader,
    ListByIdLoader,
    ListsByScopeLoader,
    SegmentsByListLoader,
    SubscriberBlockLoader,
    SubscriberByEmailLoader,
    SubscriberCountLoader,
    UserBlockLoader,
    UserByIdLoader,
    UserGroupByIdLoader,
)
from mailgql.platforms import Platform
from mailgql.upstreams.oempro import OemproClient

__all__ = [
    "PLATFORM",
    "OemproBase",
    "stale_campaigns",
    "stale_emails",
    "stale_lists",
    "stale_segments",
    "stale_subscribers",
    "stale_users",
]

PLATFORM = Platform.OEMPRO


# -- what writes make stale -----------------------------------------------------------------------
# Keys start with the record's id and end with the scope, so an id's prefix reaches its entries
# in every scope (ids are unique across an install). ``None``: every record of the kind.


def _of(loader: str, record_id: int | None) -> Stale:
    return Stale(loader) if record_id is None else Stale(loader, (record_id,))


def stale_lists(list_id: int | None) -> list[Stale]:
    """A list was created, changed or deleted: every scope's listing, and that list."""
    return [Stale("lists"), _of("list_by_id", list_id)]


def stale_subscribers(list_id: int) -> list[Stale]:
    """Subscribers of a list changed: its counts, blocks and look-ups by address."""
    return [
        Stale("subscriber_counts", (list_id,)),
        Stale("subscriber_blocks", (list_id,)),
        Stale("subscriber_by_email", (list_id,)),
    ]


def stale_segments(list_id: int) -> list[Stale]:
    """A segment of a list was created or deleted: that list's segment listing."""
    return [Stale("segments", (list_id,))]


def stale_campaigns(campaign_id: int | None) -> list[Stale]:
    """A campaign was created, changed or deleted: every campaign block, and that campaign."""
    return [Stale("campaign_blocks"), _of("campaign_by_id", campaign_id)]


def stale_emails(email_id: int | None) -> list[Stale]:
    """An email record was created, changed or deleted: every listing, and that email."""
    return [Stale("emails"), _of("email_by_id", email_id)]


def stale_users(user_id: int) -> list[Stale]:
    """A user was changed: every block of the user listing, and that user."""
    return [Stale("user_blocks"), Stale("user_by_id", (user_id,))]


class OemproBase(Facade):
    """The client and the loaders of one request; the facade's parts read and write through
    them."""

    def __init__(
        self, client: OemproClient, *, name_field: str | None = None, username: str | None = None
    ) -> None:
        self._client = client
        self._name_field = (name_field or "").strip() or None
        self._username = username
        self._lists = ListsByScopeLoader(client)
        self._list_by_id = ListByIdLoader(client)
        self._subscriber_counts = SubscriberCountLoader(client)
        self._subscriber_blocks = SubscriberBlockLoader(client)
        self._subscriber_by_email = SubscriberByEmailLoader(client)
        self._custom_fields = CustomFieldsByListLoader(client)
        self._segments = SegmentsByListLoader(client)
        self._campaign_blocks = CampaignBlockLoader(client)
        self._campaign_by_id = CampaignByIdLoader(client)
        self._emails = EmailsByScopeLoader(client)
        self._email_by_id = EmailByIdLoader(client, self._emails)
        self._clients = ClientsByScopeLoader(client)
        self._user_blocks = UserBlockLoader(client)
        self._user_by_id = UserByIdLoader(client)
        self._user_groups = UserGroupByIdLoader(client)
        super().__init__(
            {
                "lists": self._lists,
                "list_by_id": self._list_by_id,
                "subscriber_counts": self._subscriber_counts,
                "subscriber_blocks": self._subscriber_blocks,
                "subscriber_by_email": self._subscriber_by_email,
                "custom_fields": self._custom_fields,
                "segments": self._segments,
                "campaign_blocks": self._campaign_blocks,
                "campaign_by_id": self._campaign_by_id,
                "emails": self._emails,
                "email_by_id": self._email_by_id,
                "clients": self._clients,
                "user_blocks": self._user_blocks,
                "user_by_id": self._user_by_id,
                "user_groups": self._user_groups,
            }
        )
