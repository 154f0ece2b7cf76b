"""Seed lists with their custom fields, subscribers in every status, and segments."""

from __future__ import annotations

from mailgql.emulators.oempro.commands.emails import LINKS
from mailgql.emulators.oempro.records import (
    ZERO_DATE,
    CustomField,
    Segment,
    SegmentRule,
    Subscriber,
    SubscriberList,
    User,
)
from mailgql.emulators.oempro.seed_context import SeedContext
from mailgql.emulators.oempro.seed_pools import CITIES, DOMAINS, FIRST_NAMES, LAST_NAMES, LIST_NAMES

__all__ = ["seed_lists"]

# The first subscribers of every list walk through every state a subscriber can be in:
# (SubscriptionStatus, BounceType, suppressed).
_EVERY_STATE = (
    ("Subscribed", "Not Bounced", False),
    ("Opt-In Pending", "Not Bounced", False),
    ("Unsubscribed", "Not Bounced", False),
    ("Subscribed", "Hard", False),
    ("Subscribed", "Soft", False),
    ("Opt-Out Pending", "Not Bounced", False),
    ("Unsubscribed", "Not Bounced", True),
    ("Confirmation Pending", "Not Bounced", False),
)


def seed_lists(ctx: SeedContext, owner: User, count: int, *, big_first: int = 0) -> None:
    """``count`` lists for ``owner``; the first gets ``big_first`` subscribers when non-zero."""
    site = owner["Website"].removeprefix("https://www.")
    for index in range(count):
        name = LIST_NAMES[index] if index < len(LIST_NAMES) else f"Regional list {index + 1:02d}"
        lst = _new_list(ctx, owner, name, index, site)
        fields = _fields(ctx, owner, lst, with_member_number=index % 2 == 0)
        size = big_first if index == 0 and big_first else ctx.rng.randint(10, 60)
        _subscribers(ctx, owner, lst, fields, size)
        _segments(ctx, owner, lst, fields)


def _new_list(ctx: SeedContext, owner: User, name: str, index: int, site: str) -> SubscriberList:
    list_id = ctx.state.next_id("list")
    double = index % 3 == 1
    synced = index == 2
    lst = SubscriberList(
        ListID=str(list_id),
        RelOwnerUserID=str(owner.id),
        Name=name,
        CreatedOn=ctx.random_stamp(120, 900),
        OptInMode="Double" if double else "Single",
        RelOptInConfirmationEmailID="0",
        OptOutScope="All lists" if index == 3 else "This list",
        OptOutAddToSuppressionList="Yes" if index % 2 == 0 else "No",
        SendServiceIntegrationFailedNotification="false",
        SubscriptionConfirmationPendingPageURL=f"https://{site}/subscribe/pending",
        SubscriptionConfirmedPageURL=f"https://{site}/subscribe/thanks",
        UnsubscriptionConfirmedPageURL=f"https://{site}/unsubscribed",
        HideInSubscriberArea="true" if index == 6 else "false",
        SyncStatus="Enabled" if synced else "Disabled",
        SyncPeriod="Daily" if synced else "",
        SyncSendReportEmail="Yes" if synced else "No",
        SyncMySQLHost=ctx.secret("crm-db.internal.example") if synced else "",
        SyncMySQLPort="3306" if synced else "",
        SyncMySQLUsername=ctx.secret(f"crm_sync_{list_id}") if synced else "",
        SyncMySQLPassword=ctx.secret(f"CrmSync-{ctx.hex(10)}") if synced else "",
        SyncMySQLDBName="crm" if synced else "",
        SyncMySQLQuery="SELECT email FROM customers WHERE newsletter = 1" if synced else "",
        SyncLastDateTime=ctx.random_stamp(0, 1) if synced else ZERO_DATE,
    )
    if double:
        lst["RelOptInConfirmationEmailID"] = str(_confirmation_email(ctx, owner, name, site))
    ctx.state.lists[list_id] = lst
    ctx.state.subscribers[list_id] = {}
    return lst


def _confirmation_email(ctx: SeedContext, owner: User, list_name: str, site: str) -> int:
    subject = f"Please confirm your subscription to {list_name}"
    html = (
        f'<html><body><p>{subject}.</p><p><a href="{LINKS["confirm"]}">Yes, subscribe me'
        f'</a> or <a href="{LINKS["reject"]}">No, remove me</a></p></body></html>'
    )
    plain = f"{subject}.\nConfirm: {LINKS['confirm']}\nReject: {LINKS['reject']}\n"
    name = f"Opt-in confirmation: {list_name}"
    text = (subject, html, plain)
    return ctx.add_email(owner.id, name, owner["CompanyName"], site, text, "OptIn")


def _fields(
    ctx: SeedContext, owner: User, lst: SubscriberList, *, with_member_number: bool
) -> list[CustomField]:
    specs = [
        ("First name", "Single line", "Letters", "Yes", "No"),
        ("Last name", "Single line", "Disabled", "No", "No"),
        ("City", "Drop down", "Disabled", "No", "No"),
    ]
    if with_member_number:
        specs.append(("Member number", "Single line", "Numbers", "No", "Yes"))
    out = []
    for name, kind, validation, required, unique in specs:
        field_id = ctx.state.next_id("field")
        custom = CustomField.in_list(
            field_id,
            lst,
            FieldName=name,
            FieldType=kind,
            FieldOptions="||".join(f"[[{c}]||[{c}]]" for c in CITIES)
            if kind == "Drop down"
            else "",
            ValidationMethod=validation,
            IsRequired=required,
            IsUnique=unique,
            Visibility="Public",
            IsGlobal="No",
        )
        ctx.state.fields[field_id] = custom
        out.append(custom)
    return out


def _subscribers(
    ctx: SeedContext, owner: User, lst: SubscriberList, fields: list[CustomField], size: int
) -> None:
    table = ctx.state.subscribers[lst.id]
    used: set[str] = set()
    suppressed = ctx.state.suppressed.setdefault(owner.id, set())
    double = lst["OptInMode"] == "Double"
    for index in range(size):
        first, last = ctx.rng.choice(FIRST_NAMES), ctx.rng.choice(LAST_NAMES)
        city = ctx.rng.choice(CITIES)
        address = f"{first}.{last}@{ctx.rng.choice(DOMAINS)}".lower()
        if address in used:
            address = address.replace("@", f"{index}@")
        used.add(address)
        if index < len(_EVERY_STATE):
            status, bounce, is_suppressed = _EVERY_STATE[index]
        else:
            status, bounce, is_suppressed = _random_state(ctx, double)
        subscribed_on = ctx.random_stamp(1, 700)
        unsubscribed = status == "Unsubscribed"
        pending = status in {"Opt-In Pending", "Confirmation Pending"}
        sub = Subscriber(
            SubscriberID=str(ctx.state.next_id(f"sub:{lst.id}")),
            EmailAddress=address,
            BounceType=bounce,
            SubscriptionStatus=status,
            SubscriptionDate=subscribed_on,
            SubscriptionIP=ctx.ip(),
            UnsubscriptionDate=max(subscribed_on, ctx.random_stamp(0, 60))
            if unsubscribed
            else ZERO_DATE,
            UnsubscriptionIP=ctx.ip() if unsubscribed else "",
            OptInDate=ZERO_DATE if pending else subscribed_on,
        )
        values = {"First name": first, "Last name": last, "City": city}
        values["Member number"] = str(100000 + lst.id * 10000 + index)
        for custom in fields:
            # A few subscribers never gave a last name or a city: optional fields stay empty.
            skip = custom["IsRequired"] == "No" and ctx.rng.random() < 0.1
            sub[custom.column] = (
                "" if skip and custom["IsUnique"] == "No" else values[custom["FieldName"]]
            )
        table[sub.id] = sub
        if is_suppressed:
            suppressed.add(address)


def _random_state(ctx: SeedContext, double: bool) -> tuple[str, str, bool]:
    roll = ctx.rng.random()
    if roll < 0.08:
        return "Unsubscribed", "Not Bounced", False
    if roll < 0.12:
        return ("Opt-In Pending" if double else "Subscribed"), "Not Bounced", False
    if roll < 0.15:
        return "Subscribed", "Hard", False
    if roll < 0.20:
        return "Subscribed", "Soft", False
    return "Subscribed", "Not Bounced", False


def _segments(
    ctx: SeedContext, owner: User, lst: SubscriberList, fields: list[CustomField]
) -> None:
    by_name = {f["FieldName"]: f.column for f in fields}
    city = ctx.rng.choice(CITIES)
    templates = [
        (f"Locals in {city}", "and", [(by_name["City"], "Is", city)]),
        ("Readers at example.org", "and", [("EmailAddress", "Ends with", "example.org")]),
        ("Joined in 2024", "and", [("SubscriptionDate", "Is after", "2024-01-01")]),
        (
            "A-names or Lisbon",
            "or",
            [(by_name["First name"], "Begins with", "A"), (by_name["City"], "Is", "Lisbon")],
        ),
    ]
    for name, operator, rules in ctx.rng.sample(templates, ctx.rng.randint(1, 3)):
        segment_id = ctx.state.next_id("segment")
        segment = Segment.in_list(segment_id, lst, SegmentName=name, SegmentOperator=operator)
        segment.rules = [SegmentRule(field, op, value) for field, op, value in rules]
        ctx.state.segments[segment_id] = segment
