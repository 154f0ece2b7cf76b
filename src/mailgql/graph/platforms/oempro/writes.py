"""Oempro writes: check what the gateway can, call the client, clear the loaders, read back fresh.

Writes are never retried on their own. The one exception is the adapter's: a command refused
with 99998 (session expired) was refused before it ran, so it is sent once more after a new
login. Deletes of lists and segments first read the object, because Oempro's bulk deletes say
nothing about ids they did not find. Campaign writes live in ``oempro_campaign_writes``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime

import strawberry

from mailgql.graph.accounts import Account
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput, Forbidden, NotFound
from mailgql.graph.ids import encode_id
from mailgql.graph.list_subscriptions import ListSubscription
from mailgql.graph.lists import MailingList, Subscriber
from mailgql.graph.platforms.oempro.accounts import (
    ADMIN_KEY,
    account_from_user,
    caller,
    parse_account_key,
)
from mailgql.graph.platforms.oempro.objects import (
    list_subscription,
    name_field_id,
    segment_key,
    subscriber_from_record,
    to_list,
    to_segment,
)
from mailgql.graph.segments import Segment
from mailgql.platforms import Platform
from mailgql.upstreams.errors import UpstreamForbidden
from mailgql.upstreams.oempro import SegmentRule

__all__ = [
    "ListSettings",
    "create_list",
    "create_segment",
    "delete_list",
    "delete_segment",
    "set_status",
    "subscribe",
    "unsubscribe",
    "update_list",
    "update_subscriber",
]

_P = Platform.OEMPRO


# -- accounts -----------------------------------------------------------------------------------


async def set_status(info: Info, key: str, *, active: bool, field: tuple[str, ...]) -> Account:
    """``User.Update`` with ``AccountStatus``, then the user read back (``User.Get``).

    Only an admin login may change a user's status: a user login (or an API key) is FORBIDDEN
    before any call, since Oempro would take the update and silently keep the status.
    """
    parsed = parse_account_key(key)
    if parsed is None:
        raise BadUserInput(f"{key!r} does not name an Oempro account", field=field, platform=_P)
    kind, user_id = parsed.kind, parsed.number
    if kind == ADMIN_KEY:
        raise BadUserInput("the Oempro administrator cannot be disabled", field=field, platform=_P)
    if kind == "client" or user_id is None:
        raise BadUserInput(
            "changing an Oempro client's status is not supported; only users have one here",
            field=field,
            platform=_P,
        )
    if (await caller(info)).kind != "admin":
        raise Forbidden(
            "only an Oempro administrator may enable or disable users; set "
            "MAILGQL_OEMPRO_LOGIN_AS=admin with the administrator's credentials",
            platform=_P,
            field=field,
        )
    loaders = info.context.oempro()
    await loaders.client.update_user(user_id, enabled=active)
    loaders.forget_users(user_id)
    user = await loaders.user_by_id.get(user_id)
    if user is None:
        raise NotFound(f"Oempro has no user {user_id}", platform=_P, field=field)
    return account_from_user(user)


# -- subscriptions ------------------------------------------------------------------------------


async def _read_back(info: Info, list_id: int, email: str) -> ListSubscription | None:
    """The address as the list now holds it; None when the login may not read the list.

    ``Subscriber.Subscribe`` and ``Subscriber.Unsubscribe`` are public, so they work with any
    login; reading back runs in a user's session and an admin login is refused (99999).
    """
    info.context.oempro().forget_subscribers(list_id)
    try:
        return await list_subscription(info, list_id, email)
    except UpstreamForbidden:
        return None


async def subscribe(
    info: Info,
    list_id: int,
    *,
    email: str,
    name: str | None,
    expires_at: datetime | None,
) -> ListSubscription | None:
    """``Subscriber.Subscribe`` (the name into the configured field), then the address."""
    if expires_at is not None:
        raise BadUserInput(
            "Oempro subscriptions do not expire; leave expiresAt out",
            field=("input", "expiresAt"),
            platform=_P,
        )
    fields: dict[int, str] = {}
    if name is not None:
        if not (info.context.settings.oempro_name_field or "").strip():
            raise BadUserInput(
                "Oempro keeps no name of its own; set MAILGQL_OEMPRO_NAME_FIELD to the custom "
                "field that holds names, or leave name out",
                field=("input", "name"),
                platform=_P,
            )
        field_id = await name_field_id(info, list_id)
        if field_id is None:
            raise BadUserInput(
                f"Oempro list {list_id} has no custom field named in MAILGQL_OEMPRO_NAME_FIELD",
                field=("input", "name"),
                platform=_P,
            )
        fields[field_id] = name
    await info.context.oempro().client.subscribe(list_id, email, custom_fields=fields)
    return await _read_back(info, list_id, email)


async def unsubscribe(info: Info, list_id: int, *, email: str) -> ListSubscription | None:
    """``Subscriber.Unsubscribe`` by address, then the address (inactive from now on)."""
    await info.context.oempro().client.unsubscribe(list_id, email=email)
    return await _read_back(info, list_id, email)


# -- lists --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ListSettings:
    """What ``List.Update`` may change; None leaves a setting as it is."""

    name: str | None = None
    double_opt_in: bool | None = None
    opt_in_confirmation_email_id: int | None = None
    unsubscribe_from_all_lists: bool | None = None
    suppress_unsubscribed: bool | None = None
    hide_in_subscriber_area: bool | None = None
    subscription_pending_page_url: str | None = None
    subscription_confirmed_page_url: str | None = None

    def empty(self) -> bool:
        """Whether nothing would change."""
        return all(getattr(self, f.name) is None for f in fields(self))


async def _fresh_list(info: Info, list_id: int) -> MailingList:
    record = await info.context.oempro().list(list_id)
    if record is None:
        raise NotFound(f"Oempro shows no list {list_id} to this login", platform=_P)
    return to_list(record)


async def create_list(info: Info, name: str) -> MailingList:
    """``List.Create``, then the new list (``List.Get``)."""
    loaders = info.context.oempro()
    list_id = await loaders.client.create_list(name)
    loaders.forget_lists(list_id)
    return await _fresh_list(info, list_id)


async def update_list(info: Info, list_id: int, settings: ListSettings) -> MailingList:
    """``List.Update`` with the given settings only, then the list read back."""
    loaders = info.context.oempro()

    def scope(all_lists: bool | None) -> str | None:
        return None if all_lists is None else ("All lists" if all_lists else "This list")

    await loaders.client.update_list(
        list_id,
        name=settings.name,
        opt_in_mode=None
        if settings.double_opt_in is None
        else ("Double" if settings.double_opt_in else "Single"),
        opt_in_confirmation_email_id=settings.opt_in_confirmation_email_id,
        opt_out_scope=scope(settings.unsubscribe_from_all_lists),
        opt_out_add_to_suppression_list=settings.suppress_unsubscribed,
        hide_in_subscriber_area=settings.hide_in_subscriber_area,
        subscription_confirmation_pending_page_url=settings.subscription_pending_page_url,
        subscription_confirmed_page_url=settings.subscription_confirmed_page_url,
    )
    loaders.forget_lists(list_id)
    return await _fresh_list(info, list_id)


async def delete_list(info: Info, list_id: int, *, field: tuple[str, ...]) -> strawberry.ID:
    """``Lists.Delete`` of a list the login has (its subscribers and segments go with it)."""
    loaders = info.context.oempro()
    if await loaders.list(list_id) is None:
        raise NotFound(f"Oempro shows no list {list_id} to this login", platform=_P, field=field)
    await loaders.client.delete_lists([list_id])
    loaders.forget_lists(list_id)
    loaders.forget_subscribers(list_id)
    loaders.forget_segments(list_id)
    return strawberry.ID(encode_id("MailingList", _P, list_id))


async def update_subscriber(
    info: Info,
    list_id: int,
    email: str,
    *,
    new_email: str | None,
    values: Sequence[tuple[str, str]],
    field: tuple[str, ...],
) -> Subscriber:
    """``Subscriber.Update`` (address and custom field values by field name or id).

    The subscriber is found by its current address first (``Subscriber.Get``), since the
    update needs its id; it is read back by its new address.
    """
    loaders = info.context.oempro()
    record, found_list = await asyncio.gather(
        loaders.subscriber(list_id, email), loaders.list(list_id)
    )
    if found_list is None:
        raise NotFound(
            f"Oempro shows no list {list_id} to this login", platform=_P, field=("input", "listId")
        )
    if record is None:
        raise NotFound(f"Oempro list {list_id} has no subscriber {email}", platform=_P, field=field)
    known = await loaders.custom_fields(list_id)
    by_name = {f.name.strip().lower(): f.field_id for f in known}
    ids = set(by_name.values())
    custom: dict[int, str] = {}
    for index, (name, value) in enumerate(values):
        key = name.strip()
        number = key.lower().removeprefix("customfield")
        field_id = (
            int(number) if number.isdigit() and int(number) in ids else by_name.get(key.lower())
        )
        if field_id is None:
            raise BadUserInput(
                f"Oempro list {list_id} has no custom field {name!r}",
                field=("input", "fields", str(index), "name"),
                platform=_P,
            )
        custom[field_id] = value
    target = new_email or record.email
    await loaders.client.update_subscriber(
        list_id, record.subscriber_id, email=target, custom_fields=custom
    )
    loaders.forget_subscribers(list_id)
    fresh = await loaders.subscriber(list_id, target)
    if fresh is None:
        raise NotFound(f"Oempro list {list_id} no longer shows {target}", platform=_P)
    return subscriber_from_record(fresh, to_list(found_list))


# -- segments -----------------------------------------------------------------------------------


async def create_segment(
    info: Info,
    list_id: int,
    name: str,
    *,
    match_any: bool,
    rules: Sequence[SegmentRule],
) -> Segment:
    """``Segment.Create`` with its rules, then the segment from the list's ``Segment.Get``."""
    loaders = info.context.oempro()
    segment_id = await loaders.client.create_segment(
        list_id, name, operator="or" if match_any else "and", rules=rules
    )
    loaders.forget_segments(list_id)
    for record in await loaders.segments(list_id):
        if record.segment_id == segment_id:
            return to_segment(record, list_id)
    raise NotFound(f"Oempro list {list_id} does not show its new segment", platform=_P)


async def delete_segment(info: Info, segment: Segment) -> strawberry.ID:
    """``Segments.Delete`` of a segment found first (``find_segment``)."""
    loaders = info.context.oempro()
    await loaders.client.delete_segments([int(segment.legacy_id)])
    list_id = int(segment._context_key or 0)
    loaders.forget_segments(list_id)
    # Campaigns may target the segment; subscriber windows by segment id are stale too.
    loaders.forget_subscribers(list_id)
    return strawberry.ID(encode_id("Segment", _P, segment_key(list_id, int(segment.legacy_id))))
