"""What each kind of Oempro write makes stale: the loader entries to forget after it.

Keys start with the record's id and end with the scope, so an id's prefix reaches its entries
in every scope (ids are unique across an install). ``None``: every record of the kind.
"""

from __future__ import annotations

from mailgql.data._facade import Stale

__all__ = [
    "entries_of",
    "stale_campaigns",
    "stale_emails",
    "stale_lists",
    "stale_segments",
    "stale_subscribers",
    "stale_users",
]


def entries_of(loader: str, record_id: int | None) -> Stale:
    """The loader's entries of one record (keys starting with its id); None: every entry."""
    return Stale(loader) if record_id is None else Stale(loader, (record_id,))


def stale_lists(list_id: int | None) -> list[Stale]:
    """A list was created, changed or deleted: every scope's listing, and that list."""
    return [Stale("lists"), entries_of("list_by_id", list_id)]


def stale_subscribers(list_id: int | None) -> list[Stale]:
    """Subscribers of a list (None: of any list) changed: counts, blocks, look-ups by address,
    and what every subscriber's area shows (the lists an address is in span lists)."""
    return [
        entries_of("subscriber_counts", list_id),
        entries_of("subscriber_blocks", list_id),
        entries_of("subscriber_by_email", list_id),
        Stale("subscribed_lists"),
    ]


def stale_segments(list_id: int) -> list[Stale]:
    """A segment of a list was created or deleted: that list's segment listing."""
    return [Stale("segments", (list_id,))]


def stale_campaigns(campaign_id: int | None) -> list[Stale]:
    """A campaign was created, changed or deleted: every campaign block, and that campaign."""
    return [Stale("campaign_blocks"), entries_of("campaign_by_id", campaign_id)]


def stale_emails(email_id: int | None) -> list[Stale]:
    """An email record was created, changed or deleted: every listing, and that email."""
    return [Stale("emails"), entries_of("email_by_id", email_id)]


def stale_users(user_id: int) -> list[Stale]:
    """A user was changed: every block of the user listing, and that user."""
    return [Stale("user_blocks"), Stale("user_by_id", (user_id,))]
