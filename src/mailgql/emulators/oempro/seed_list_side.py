"""Seed what lists do by themselves: auto responders with their emails and counters, and
web-service hooks. Drawn from a random source of its own, so the rest of the seed is the same
with or without it."""

from __future__ import annotations

import random

from mailgql.emulators.oempro.commands.emails import LINKS
from mailgql.emulators.oempro.records import SubscriberList
from mailgql.emulators.oempro.records.automation import AutoResponder, IntegrationHook
from mailgql.emulators.oempro.seed_context import SeedContext

__all__ = ["seed_list_side"]

# (name, trigger type, trigger value, time type, amount)
_RESPONDERS = (
    ("Welcome", "OnSubscription", "", "Immediately", 0),
    ("Getting started tips", "OnSubscription", "", "Days later", 3),
    ("We miss you", "OnSubscription", "", "Weeks later", 6),
    ("Read the guide", "OnSubscriberLinkClick", "https://{site}/guide", "Hours later", 2),
    ("Shared with a friend", "OnSubscriberForwardToFriend", "1", "Minutes later", 30),
)  # fmt: skip


def seed_list_side(ctx: SeedContext, rng: random.Random) -> None:
    """Auto responders (0-3 per list) and hooks (every third list) for every list."""
    for lst in list(ctx.state.lists.values()):
        owner = ctx.state.users.get(lst.owner_id)
        if owner is None:
            continue
        site = owner["Website"].removeprefix("https://www.") or "example.com"
        for spec in rng.sample(_RESPONDERS, rng.randint(0, 3)):
            _responder(ctx, rng, lst, site, *spec)
        if lst.id % 3 == 1:
            _hook(ctx, lst, "subscription", f"https://crm.{site}/hooks/oempro/subscribed")
            _hook(ctx, lst, "unsubscription", f"https://crm.{site}/hooks/oempro/unsubscribed")


def _responder(
    ctx: SeedContext,
    rng: random.Random,
    lst: SubscriberList,
    site: str,
    name: str,
    trigger: str,
    value: str,
    time_type: str,
    amount: int,
) -> None:
    subject = f"{name} — {lst['Name']}"
    html = f'<html><body><p>{subject}</p><a href="{LINKS["unsubscribe"]}">Leave</a></body></html>'
    text = (subject, html, f"{subject}\nLeave: {LINKS['unsubscribe']}\n")
    email_id = ctx.add_email(
        lst.owner_id, f"Auto responder: {name}", lst["Name"], site, text, "AutoResponder"
    )
    sent = rng.randint(20, 400)
    opens = rng.randint(sent // 4, sent)
    unique_opens = rng.randint(opens // 2, opens)
    clicks = rng.randint(0, opens)
    responder_id = ctx.state.next_id("autoresponder")
    ctx.state.list_side.auto_responders[responder_id] = AutoResponder.in_list(
        responder_id,
        lst,
        RelEmailID=str(email_id),
        AutoResponderName=name,
        AutoResponderTriggerType=trigger,
        AutoResponderTriggerValue=value.format(site=site),
        TriggerTimeType=time_type,
        TriggerTime=str(amount),
        TotalSent=str(sent),
        TotalOpens=str(opens),
        UniqueOpens=str(unique_opens),
        TotalClicks=str(clicks),
        UniqueClicks=str(rng.randint(clicks // 2, clicks)),
        TotalUnsubscriptions=str(rng.randint(0, sent // 20)),
        TotalHardBounces=str(rng.randint(0, sent // 25)),
        TotalSoftBounces=str(rng.randint(0, sent // 15)),
        CreateDateTime=ctx.random_stamp(30, 400),
    )


def _hook(ctx: SeedContext, lst: SubscriberList, event: str, url: str) -> None:
    hook_id = ctx.state.next_id("integration")
    ctx.state.list_side.hooks[hook_id] = IntegrationHook.in_list(
        hook_id, lst, EventType=event, ServiceURL=url
    )
