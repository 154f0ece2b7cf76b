"""The per-list subscription API, called with a list's API key: subscribe, unsubscribe, status."""

from __future__ import annotations

from collections.abc import Mapping

from mailgql.emulators.maxmailer.checks import is_email
from mailgql.emulators.maxmailer.errors import fail
from mailgql.emulators.maxmailer.records import MailingList, MaxmailerState, Subscription
from mailgql.emulators.maxmailer.render import subscription_status

__all__ = ["ACTIONS", "canonical_action", "run_subscription"]

ACTIONS = ("subscribe", "unsubscribe", "status")


def canonical_action(name: str) -> str | None:
    """The wire name of an action given in any letter case, or None when there is none."""
    lowered = name.lower()
    return lowered if lowered in ACTIONS else None


def run_subscription(state: MaxmailerState, params: Mapping[str, str], now: int) -> dict[str, str]:
    """Answer a subscription API request, or raise the error the legacy server prints."""
    mailing_list = state.lists.get(params.get("apikey", ""))
    if mailing_list is None:
        raise fail(1101)
    action = canonical_action(params.get("action", ""))
    if action is None:
        raise fail(1102)
    email = params.get("email", "").strip()
    if not is_email(email):
        raise fail(1103)
    row = mailing_list.subscriptions.get(email.lower())
    if action == "subscribe":
        return _subscribe(state, mailing_list, row, email, params, now)
    if row is None:
        raise fail(1107)
    if action == "unsubscribe":
        # The row stays, marked inactive, so ``status`` still answers for the address.
        row.unsubscribed = True
        return {"status": "Email unsubscribed"}
    return subscription_status(row, now)


def _subscribe(
    state: MaxmailerState,
    mailing_list: MailingList,
    row: Subscription | None,
    email: str,
    params: Mapping[str, str],
    now: int,
) -> dict[str, str]:
    if state.is_blacklisted(email):
        raise fail(1108)
    unsus_date = _term(params.get("unsus_date"), now)
    if row is not None and row.active(now):
        raise fail(1105)
    if mailing_list.capacity and mailing_list.active_count(now) >= mailing_list.capacity:
        raise fail(1104)
    owner = state.users.get(mailing_list.owner_id)
    if (
        owner is not None
        and owner.max_subscribers
        and state.current_subscribers(owner, now) >= owner.max_subscribers
    ):
        raise fail(1104)
    name = params.get("name", "")
    if row is None:
        mailing_list.subscriptions[email.lower()] = Subscription(
            email=email, name=name, creation_date=now, unsus_date=unsus_date
        )
    else:
        # An address that unsubscribed or whose term ran out comes back as a new subscription.
        row.name = name or row.name
        row.creation_date = now
        row.unsus_date = unsus_date
        row.unsubscribed = False
    return {"status": "Email added"}


def _term(raw: str | None, now: int) -> int:
    """The subscription's end in Unix seconds, 0 for none; a date not in the future is refused."""
    if raw is None or raw.strip() in ("", "0"):
        return 0
    value = raw.strip()
    if not value.isascii() or not value.isdigit() or len(value) > 18 or int(value) <= now:
        raise fail(1106)
    return int(value)
