"""Deterministic seed data for the Maxmailer emulator, and the demo's fixed credentials.

Timestamps are laid out around ``anchor`` (the start of the current UTC day), so "scheduled"
campaigns start in the future and a subscription "term" is either well past or well ahead of now.
The same seed, size and day always give the same data. This module says who is in the demo
install; ``seed_accounts``, ``seed_campaigns`` and ``seed_lists`` draw the rest.
"""

from __future__ import annotations

from mailgql.emulators.maxmailer.licence import licensed_subscribers
from mailgql.emulators.maxmailer.records import Licence, MaxmailerState, User
from mailgql.emulators.maxmailer.seed_accounts import (
    UNLIMITED,
    Account,
    Limits,
    add_children,
    add_user,
    grow,
)
from mailgql.emulators.maxmailer.seed_campaigns import add_campaigns
from mailgql.emulators.maxmailer.seed_context import SeedContext
from mailgql.emulators.maxmailer.seed_lists import add_list
from mailgql.emulators.store import Size, rng_for

__all__ = [
    "ADMIN_ID",
    "BLACKLISTED_ADDRESSES",
    "BLACKLISTED_DOMAINS",
    "LICENCE_SUBSCRIBERS_PER_USER",
    "MAXMAILER_ADMIN_LOGIN_ID",
    "MAXMAILER_LIST_KEYS",
    "MAXMAILER_RESELLER_LOGIN_ID",
    "MAXMAILER_USER_LOGIN_ID",
    "PLAIN_USER_ID",
    "RESELLER_ID",
    "build_state",
]

MAXMAILER_ADMIN_LOGIN_ID = "7f3a9c2e5b1d4f60a8e2c4b6d9f1a3e5"
"""Login ID of the administrator (user 1): sees and manages every user."""
MAXMAILER_RESELLER_LOGIN_ID = "c4e81b6f2a9d3e7058b1f4a6c2d9e0b7"
"""Login ID of a user-manager (user 2) with limited quotas and room for two more users."""
MAXMAILER_USER_LOGIN_ID = "2b9e6d1f8c3a4e5097d2b6f1a8c3e4d6"
"""Login ID of a plain user (user 3, managed by user 2) with one campaign in every status."""
MAXMAILER_LIST_KEYS: dict[str, str] = {
    "newsletter": "db2542df8c4b08d7e1a9",
    "customers": "5e8a1f3c9b7d2e4a60c1",
    "webinars": "9c3f7a2e1d8b4c6f05e2",
    "vip-club": "e6b1d4a8f2c9e3b7a05d",
}
"""Subscription API keys by list name.

``webinars`` belongs to a user whose subscriber quota is reached and ``vip-club`` is full, so
subscribing a new address to either answers 1104.
"""

LICENCE_SUBSCRIBERS_PER_USER = 100_000
"""The seeded licence's cap on one new user's subscribers: unlimited is refused (2009)."""

ADMIN_ID = 1
RESELLER_ID = 2
PLAIN_USER_ID = 3

BLACKLISTED_DOMAINS = frozenset({"blocked.example"})
BLACKLISTED_ADDRESSES = frozenset({"spamtrap@example.com", "complaints@example.org"})

_DIRECT_USERS = (
    Account("user", "monthly", UNLIMITED, smtp=True),
    Account("user", "daily", Limits(2_000, 10, 5_000, 1024)),
    Account("user", "weekly", Limits(15_000, 20, 8_000, 2048), smtp=True),
    Account("user", "one_time", Limits(5_000, 5, 3_000, 1024), suspended=True, exhausted=True),
)
"""The admin's own users; the second owns ``webinars``."""


def build_state(*, seed: int, size: Size, anchor: int) -> MaxmailerState:
    """The seeded state for ``seed`` and ``size``, with timestamps around ``anchor``."""
    state = MaxmailerState(
        blacklisted_domains=BLACKLISTED_DOMAINS,
        blacklisted_addresses=BLACKLISTED_ADDRESSES,
    )
    ctx = SeedContext(rng_for(seed, "maxmailer"), anchor, state)
    direct = _add_accounts(ctx)
    if size == "large":
        grow(ctx, admin_id=ADMIN_ID)
    add_campaigns(ctx, every_status_for=PLAIN_USER_ID)
    _add_lists(ctx, webinars_owner=direct[1])
    _add_licence(state)
    return state


def _add_accounts(ctx: SeedContext) -> list[User]:
    """The admin, three user-managers with their users, direct users and a demo account."""
    admin = Account(
        "admin",
        "monthly",
        UNLIMITED,
        login_id=MAXMAILER_ADMIN_LOGIN_ID,
        person=("Marta", "Ibáñez"),
        uname="admin",
        smtp=True,
    )
    add_user(ctx, admin, parent_id=0)
    # User-manager A (the demo reseller): limited, room for two more users.
    reseller_a = Account(
        "reseller",
        "monthly",
        Limits(250_000, 50, 60_000, 4096),
        login_id=MAXMAILER_RESELLER_LOGIN_ID,
        uname="agencianorte",
        max_users=6,
        smtp=True,
    )
    manager = add_user(ctx, reseller_a, parent_id=ADMIN_ID)
    add_children(ctx, manager, 4, first_login=MAXMAILER_USER_LOGIN_ID, suspend_last=True)
    # User-manager B: unlimited in everything.
    reseller_b = Account("reseller", "weekly", UNLIMITED, uname="mediahub")
    manager = add_user(ctx, reseller_b, parent_id=ADMIN_ID)
    add_children(ctx, manager, ctx.rng.randint(3, 5))
    # User-manager C: one-time sends, and as many users as it may ever create.
    reseller_c = Account(
        "reseller", "one_time", Limits(100_000, 20, 20_000, 2048), uname="pixelpress"
    )
    manager = add_user(ctx, reseller_c, parent_id=ADMIN_ID)
    manager.max_users = add_children(ctx, manager, ctx.rng.randint(3, 5))
    direct = [add_user(ctx, account, parent_id=ADMIN_ID) for account in _DIRECT_USERS]
    demo = Account("demo", "one_time", Limits(100, 1, 100, 512), uname="demo", trial=15)
    add_user(ctx, demo, parent_id=ADMIN_ID)
    return direct


def _add_lists(ctx: SeedContext, *, webinars_owner: User) -> None:
    owners = {
        "newsletter": ADMIN_ID,
        "customers": PLAIN_USER_ID,
        "webinars": webinars_owner.id,
        "vip-club": RESELLER_ID,
    }
    lists = {
        name: add_list(ctx, name, api_key=api_key, owner_id=owners[name])
        for name, api_key in MAXMAILER_LIST_KEYS.items()
    }
    active = {name: lst.active_count(ctx.anchor) for name, lst in lists.items()}
    # A list that is full, and an owner whose subscriber quota is reached: both answer 1104.
    lists["vip-club"].capacity = active["vip-club"]
    webinars_owner.max_subscribers = webinars_owner.other_subscribers + active["webinars"]
    # The plain demo user keeps room to subscribe more addresses to its list.
    plain = ctx.state.users[PLAIN_USER_ID]
    room = plain.max_subscribers - active["customers"] - 100
    plain.other_subscribers = max(0, min(plain.other_subscribers, room))


def _add_licence(state: MaxmailerState) -> None:
    """A licence that caps subscribers, as hosted servers do, with room left to hand out.

    Accounts made before the cap keep their unlimited quotas; lists and sends are uncapped.
    """
    licensed = licensed_subscribers(state)
    state.licence = Licence(
        subscribers_per_user=LICENCE_SUBSCRIBERS_PER_USER,
        subscribers_total=(licensed // 1_000_000 + 2) * 1_000_000,
    )
