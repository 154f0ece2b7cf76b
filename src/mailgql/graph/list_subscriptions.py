"""Subscriptions of addresses to lists, and how an input names a list.

A Maxmailer list has no number: its subscription API is reached with a key configured per list
name (MAILGQL_MAXMAILER_LIST_KEYS). Such a list is addressed by its MailingList global ID or by
that name as a plain legacy id. An Oempro list is addressed by its global ID or by its plain
``ListID`` (digits); v2 REST lists take no subscriptions through the gateway.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import strawberry

from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput, NotFound
from mailgql.graph.ids import decode_id
from mailgql.graph.lists import MailingList
from mailgql.graph.validation import check_text, plain_legacy_id
from mailgql.input_rules import legacy_number
from mailgql.platforms import Platform

__all__ = ["ListSubscription", "ListTarget", "resolve_list"]


@strawberry.type(description="One address in one list, and whether it receives mail.")
class ListSubscription:
    """One address in one list."""

    email: str = strawberry.field(description="The subscribed address.")
    name: str | None = strawberry.field(default=None, description="The subscriber's name.")
    subscribed_at: datetime | None = strawberry.field(
        default=None, description="When the address was (last) subscribed."
    )
    expires_at: datetime | None = strawberry.field(
        default=None,
        description="When the subscription ends (Maxmailer `unsus_date`); null: it does not.",
    )
    active: bool = strawberry.field(
        description="The address receives mail: false once unsubscribed or past `expiresAt`."
    )
    list_: MailingList = strawberry.field(name="list", description="The list.")


@dataclass(frozen=True, slots=True)
class ListTarget:
    """A list an input names: its platform and its legacy key."""

    platform: Platform
    key: str


def _maxmailer_names(info: Info) -> tuple[str, ...]:
    data = info.context.data.maxmailer
    return data.list_names if data is not None else ()


def resolve_list(info: Info, value: str, *, field: tuple[str, ...]) -> ListTarget:
    """The list a ``listId`` names: a MailingList global ID, a configured Maxmailer list name, or
    (with Oempro configured) a plain Oempro list id."""
    text = check_text(value, kind="id", field=field).strip()
    names = _maxmailer_names(info)
    if text in names:
        return ListTarget(Platform.MAXMAILER, text)
    if Platform.OEMPRO in info.context.configured:
        number = plain_legacy_id(text, field=field, what="list")
        if number is not None:
            return ListTarget(Platform.OEMPRO, str(number))
    try:
        decode_id(text, field=field)
    except BadUserInput:
        if Platform.MAXMAILER not in info.context.configured:
            raise
        raise NotFound(
            f"{value!r} is neither a MailingList ID nor a Maxmailer list configured in "
            "MAILGQL_MAXMAILER_LIST_KEYS",
            platform=Platform.MAXMAILER,
            field=field,
        ) from None
    decoded = decode_id(text, expect="MailingList", field=field)
    if decoded.platform is Platform.OEMPRO:
        number = legacy_number(decoded.key)
        if number is None:
            raise BadUserInput(f"{value!r} does not name an Oempro list", field=field)
        return ListTarget(Platform.OEMPRO, str(number))
    if decoded.platform is Platform.MAXMAILER and decoded.key not in names:
        raise NotFound(
            f"no Maxmailer list named {decoded.key!r} is configured in MAILGQL_MAXMAILER_LIST_KEYS",
            platform=Platform.MAXMAILER,
            field=field,
        )
    return ListTarget(decoded.platform, decoded.key)
