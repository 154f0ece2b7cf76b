"""Deterministic seed data of the Oempro emulator: same seed and size, same install.

"small": an admin (login CAPTCHA on), 3 user groups, 5 users (the demo user, an untrusted one,
a disabled one), 12 lists with custom fields and 10-60 subscribers each in every status,
1-3 segments per list, 12 campaigns in every status with their emails, 3 clients of the demo
user. "large": 320 users, 30 lists and 120 campaigns for the demo user, whose first list holds
2400 subscribers.
"""

from __future__ import annotations

from dataclasses import dataclass

from mailgql.emulators.oempro.records import Admin
from mailgql.emulators.oempro.seed_accounts import seed_admin, seed_clients, seed_groups, seed_users
from mailgql.emulators.oempro.seed_admin_area import seed_admin_area
from mailgql.emulators.oempro.seed_campaigns import DEMO_STATUSES, large_statuses, seed_campaigns
from mailgql.emulators.oempro.seed_content import seed_content
from mailgql.emulators.oempro.seed_context import SeedContext
from mailgql.emulators.oempro.seed_list_side import seed_list_side
from mailgql.emulators.oempro.seed_lists import seed_lists
from mailgql.emulators.oempro.state import OemproState
from mailgql.emulators.store import Size, rng_for

__all__ = ["Seeded", "seed_state"]

LARGE_FIRST_LIST = 2400


@dataclass(frozen=True)
class Seeded:
    """A freshly seeded install and every secret value it holds."""

    state: OemproState
    secrets: frozenset[str]


def seed_state(seed: int, size: Size) -> Seeded:
    """Build the install for a seed and a size."""
    ctx = SeedContext(rng_for(seed, "oempro"), OemproState(admin=Admin()), size)
    ctx.state.admin = seed_admin(ctx)
    seed_groups(ctx)
    demo = seed_users(ctx)
    large = size == "large"
    seed_lists(ctx, demo, 30 if large else 8, big_first=LARGE_FIRST_LIST if large else 0)
    seed_campaigns(ctx, demo, large_statuses(120) if large else DEMO_STATUSES)
    seed_clients(ctx, demo)
    seed_content(ctx, demo)
    by_name = {user["Username"]: user for user in ctx.state.users.values()}
    untrusted, lumen = by_name["bluepeak"], by_name["lumenlabs"]
    # The untrusted user sits at its plan's list limit (3) with one campaign awaiting approval.
    seed_lists(ctx, untrusted, 3)
    seed_campaigns(ctx, untrusted, ("Pending Approval",))
    seed_lists(ctx, lumen, 1)
    seed_campaigns(ctx, lumen, ("Sent",))
    seed_admin_area(ctx, rng_for(seed, "oempro-admin-area"))
    seed_list_side(ctx, rng_for(seed, "oempro-list-side"))
    return Seeded(ctx.state, frozenset(ctx.secrets))
