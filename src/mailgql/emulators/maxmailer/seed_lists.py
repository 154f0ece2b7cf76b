"""Seed lists: each with subscriptions in every state (active, term passed or ahead, gone)."""

from __future__ import annotations

from mailgql.emulators.maxmailer.records import MailingList, Subscription
from mailgql.emulators.maxmailer.seed_context import DAY, SeedContext, ascii_only
from mailgql.emulators.maxmailer.seed_pools import DOMAINS, FIRST_NAMES, LAST_NAMES

__all__ = ["add_list"]


def add_list(ctx: SeedContext, name: str, *, api_key: str, owner_id: int) -> MailingList:
    """A list reachable by ``api_key``, holding 6-20 subscriptions."""
    mailing_list = MailingList(name=name, api_key=api_key, owner_id=owner_id)
    _add_subscriptions(ctx, mailing_list, ctx.rng.randint(6, 20))
    ctx.state.lists[api_key] = mailing_list
    return mailing_list


def _add_subscriptions(ctx: SeedContext, mailing_list: MailingList, count: int) -> None:
    rng = ctx.rng
    anchor = ctx.anchor
    for index in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        base = ascii_only(f"{first}.{last}").lower()
        email = f"{base}@{rng.choice(DOMAINS)}"
        n = 1
        while email.lower() in mailing_list.subscriptions:
            n += 1
            email = f"{base}{n}@{email.rpartition('@')[2]}"
        subscription = Subscription(
            email=email,
            name=f"{first} {last}",
            creation_date=anchor - rng.randint(60, 700) * DAY - rng.randint(0, DAY - 1),
        )
        # Every list has an expired term, a term ahead and an unsubscribed address.
        if index % 7 == 1:
            subscription.unsus_date = anchor - rng.randint(1, 45) * DAY
        elif index % 7 == 3:
            subscription.unsus_date = anchor + rng.randint(3, 365) * DAY
        elif index % 7 == 5:
            subscription.unsubscribed = True
        mailing_list.subscriptions[email.lower()] = subscription
