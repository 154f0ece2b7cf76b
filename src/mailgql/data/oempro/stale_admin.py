"""What each administrator write makes stale: the loader entries to forget after it.

Plans, themes and payment periods are keyed by their own id (no scope: the administrator reads
them in its own session); clients by the scope of the user they belong to.
"""

from __future__ import annotations

from mailgql.data._facade import Stale
from mailgql.data.oempro.stale import entries_of

__all__ = [
    "stale_client_assignments",
    "stale_clients",
    "stale_deleted_users",
    "stale_payment_periods",
    "stale_plans",
    "stale_themes",
    "stale_user_rows",
]


def stale_plans(group_id: int | None) -> list[Stale]:
    """A plan was created, changed, copied or deleted: the plan listing, and that plan (None:
    every plan read by id, which a user's ``quota`` and ``plan`` read)."""
    return [Stale("user_group_list"), entries_of("user_groups", group_id)]


def stale_user_rows(user_id: int | None) -> list[Stale]:
    """A user was created or changed: every block of the user listing, and that user (None:
    every user read by id)."""
    return [Stale("user_blocks"), entries_of("user_by_id", user_id)]


def stale_deleted_users() -> list[Stale]:
    """Users were deleted with all they owned: the user rows, and every scope's lists, clients,
    campaigns and emails (keys end with the scope, so a user's entries cannot be picked out)."""
    owned = ("lists", "list_by_id", "clients", "campaign_blocks", "campaign_by_id", "emails")
    return [*stale_user_rows(None), Stale("payment_periods"), *(Stale(name) for name in owned)]


def stale_payment_periods(user_id: int) -> list[Stale]:
    """A user's payment period was changed."""
    return [Stale("payment_periods", (user_id,))]


def stale_themes(theme_id: int | None) -> list[Stale]:
    """A theme was created, changed or deleted: the listing, and that theme (None: every)."""
    return [Stale("themes"), entries_of("theme_by_id", theme_id)]


def stale_clients() -> list[Stale]:
    """A client was created, changed or deleted: every scope's client listing."""
    return [Stale("clients")]


def stale_client_assignments() -> list[Stale]:
    """A client's lists or campaigns were reassigned: what a client login reads of them."""
    return [
        Stale("client_lists"),
        Stale("client_campaigns"),
        Stale("client_list_by_id"),
        Stale("client_campaign_by_id"),
    ]
