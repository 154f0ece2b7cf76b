"""Oempro objects by the key of their global ID (``node``): accounts by account key; lists,
campaigns and content by number; segments by ``<list id>:<segment id>``; attachments by
``<email id>:<attachment id>``. Each is read in the scope the key names, and is None where that
scope does not see it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TypeVar

from mailgql.data.oempro import OemproData
from mailgql.graph.accounts import Account
from mailgql.graph.context import Info
from mailgql.graph.node import Node
from mailgql.graph.platforms.oempro.content_mapping import (
    to_attachment,
    to_email,
    to_media,
    to_tag,
    to_template,
)
from mailgql.graph.platforms.oempro.keys import ADMIN_KEY, parse_account_key, split_segment_key
from mailgql.graph.platforms.oempro.mapping import (
    account_from_client,
    account_from_user,
    admin_account,
    campaign_from_record,
    to_list,
    to_segment,
)
from mailgql.input_rules import legacy_number
from mailgql.upstreams.oempro import Admin, User

__all__ = [
    "NUMBERED_NODES",
    "NodeRead",
    "account_node",
    "by_number",
    "login_admin",
    "object_node",
]

R = TypeVar("R")


NodeRead = Callable[[OemproData, int, int | None], Awaitable[Node | None]]
"""A look-up of one kind of object by number, in scope ``as_user``."""


def by_number(
    read: Callable[[OemproData, int, int | None], Awaitable[R | None]],
    convert: Callable[[R, int | None], Node],
) -> NodeRead:
    """The look-up that reads a record (number, scope) from the facade and converts what it
    finds."""

    async def look_up(data: OemproData, number: int, as_user: int | None) -> Node | None:
        found = await read(data, number, as_user)
        return convert(found, as_user) if found is not None else None

    return look_up


NUMBERED_NODES: Mapping[str, NodeRead] = {
    "MailingList": by_number(lambda data, n, scope: data.list(n, as_user=scope), to_list),
    "Campaign": by_number(
        lambda data, n, scope: data.campaign(n, as_user=scope), campaign_from_record
    ),
    "MediaFile": by_number(lambda data, n, scope: data.media_file(n, as_user=scope), to_media),
    "CampaignTag": by_number(lambda data, n, scope: data.tag(n, as_user=scope), to_tag),
    "Email": by_number(lambda data, n, scope: data.email(n, as_user=scope), to_email),
    "EmailTemplate": by_number(lambda data, n, scope: data.template(n, as_user=scope), to_template),
}
"""The objects whose key is their number, by type name."""


def _data(info: Info) -> OemproData:
    return info.context.oempro()


async def login_admin(info: Info) -> Account | None:
    """The administrator, when the gateway is logged in as it."""
    data = _data(info)
    who = await data.caller()
    if who.kind != "admin":
        return None
    admin = who.account if isinstance(who.account, Admin) else None
    return admin_account(admin, data.login_username or ADMIN_KEY)


async def account_node(info: Info, key: str) -> Account | None:
    """An account by key, where the login sees it."""
    parsed = parse_account_key(key)
    if parsed is None:
        return None
    kind, number, owner = parsed
    data = _data(info)
    if kind == "client" and owner is not None and number is not None:
        # A client read as its owner: the key says who.
        scope = await data.scope_for_user(owner)
        if scope is None:
            return None
        found = await data.find_client(number, as_user=scope.as_user)
        return account_from_client(found, scope.as_user) if found is not None else None
    who = await data.caller()
    if kind == ADMIN_KEY:
        return await login_admin(info)
    if kind == "user":
        if who.user_id is not None and who.user_id == number:
            return account_from_user(who.account) if isinstance(who.account, User) else None
        if who.kind == "admin" and number is not None:
            user = await data.user(number)
            return account_from_user(user) if user is not None else None
        return None  # another user is invisible to a user login (User.Get is the admin's)
    if who.kind == "admin" or number is None:
        return None  # clients are read in their user's session
    own = await data.find_client(number)
    return account_from_client(own) if own is not None else None


async def object_node(info: Info, type_name: str, key: str, as_user: int | None) -> Node | None:
    """A list, campaign, segment or content object by its key (owner prefix removed), read in
    scope ``as_user``."""
    data = _data(info)
    if type_name == "Segment":
        parsed = split_segment_key(key)
        if parsed is None:
            return None
        list_id, segment_id = parsed
        found = await data.segment(list_id, segment_id, as_user=as_user)
        return to_segment(found, list_id, as_user) if found is not None else None
    if type_name == "Attachment":
        return await _attachment(data, key, as_user)
    number = legacy_number(key)
    read = NUMBERED_NODES.get(type_name)
    if number is None or read is None:
        return None
    return await read(data, number, as_user)


async def _attachment(data: OemproData, key: str, as_user: int | None) -> Node | None:
    """An attachment by ``<email id>:<attachment id>``, from its email's ``Email.Get``."""
    email_part, _, attachment_part = key.partition(":")
    email_id, attachment_id = legacy_number(email_part), legacy_number(attachment_part)
    if email_id is None or attachment_id is None:
        return None
    email = await data.email_details(email_id, as_user=as_user)
    held = (email.attachments or ()) if email is not None else ()
    found = next((a for a in held if a.attachment_id == attachment_id), None)
    return to_attachment(found, email_id, as_user) if found is not None else None
