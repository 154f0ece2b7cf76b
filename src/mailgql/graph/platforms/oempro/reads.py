"""The Oempro platform in the graph: the root fields and look-ups by global ID.

Who ``me`` and ``accounts`` are depends on how the gateway logs in (see
``oempro_accounts``); lists, subscribers, campaigns and segments are built in
``oempro_objects``. Reads of the login's own data (``campaigns``, ``node`` of a list, campaign or
segment with a plain key) go to the API as they are: with an admin login, Oempro answers them
with 99999 (FORBIDDEN), since they run in a user's session. A key with an owner
(``<UserID>/...``, given to objects an admin login read as that user) is read in that user's
session again (see ``oempro_scope``).
"""

from __future__ import annotations

from mailgql.graph.accounts import Account
from mailgql.graph.context import Info
from mailgql.graph.node import Node
from mailgql.graph.platforms.oempro.accounts import (
    ADMIN_KEY,
    account_from_client,
    account_from_user,
    admin_account,
    caller,
    parse_account_key,
)
from mailgql.graph.platforms.oempro.objects import (
    campaign_from_record,
    split_segment_key,
    to_list,
    to_segment,
)
from mailgql.graph.platforms.oempro.scope import scope_for_user, split_owned_key
from mailgql.loaders.oempro import OWN, Scope
from mailgql.platforms import Platform
from mailgql.upstreams.errors import UpstreamNotFound
from mailgql.upstreams.oempro import Admin, Client, User

__all__ = ["account_by_key", "me", "object_by_key", "scoped"]

_P = Platform.OEMPRO


async def me(info: Info) -> Account | None:
    """The login's account: the user of ``UserInfo``, the administrator, or null (API key)."""
    who = await caller(info)
    if isinstance(who.account, User):
        return account_from_user(who.account)
    if isinstance(who.account, Client):
        return account_from_client(who.account)
    if who.kind == "admin":
        admin = who.account if isinstance(who.account, Admin) else None
        return admin_account(admin, info.context.settings.oempro_username or ADMIN_KEY)
    return None


async def scoped(info: Info, key: str) -> tuple[Scope, str] | None:
    """The scope a key names (its owner's session, or the login's own) and the rest of the key;
    None when the owner is malformed or invisible to the login."""
    owned = split_owned_key(key)
    if owned is None:
        return None
    owner, rest = owned
    if owner is None:
        return OWN, rest
    scope = await scope_for_user(info, owner)
    return None if scope is None else (scope, rest)


async def _client(info: Info, client_id: int, owner: int) -> Account | None:
    """A client read as its owner (the key says who); None when that user is out of sight."""
    scope = await scope_for_user(info, owner)
    if scope is None:
        return None
    try:
        clients = await info.context.oempro().all_clients(as_user=scope.as_user)
    except UpstreamNotFound:
        return None  # User.Switch: no such user
    found = next((c for c in clients if c.client_id == client_id), None)
    return account_from_client(found, scope.as_user) if found is not None else None


async def account_by_key(info: Info, key: str) -> Account | None:
    parsed = parse_account_key(key)
    if parsed is None:
        return None
    kind, number, owner = parsed
    if kind == "client" and owner is not None and number is not None:
        return await _client(info, number, owner)
    who = await caller(info)
    if kind == ADMIN_KEY:
        return await me(info) if who.kind == "admin" else None
    if kind == "user":
        if who.user_id is not None and who.user_id == number:
            return await me(info)
        if who.kind == "admin" and number is not None:
            user = await info.context.oempro().user_by_id.get(number)
            return account_from_user(user) if user is not None else None
        # Another user is invisible to a user login (User.Get is the admin's).
        return None
    if who.kind == "admin":
        return None  # clients are read in their user's session
    clients = await info.context.oempro().all_clients()
    found = next((c for c in clients if c.client_id == number), None)
    return account_from_client(found) if found is not None else None


async def object_by_key(info: Info, type_name: str, key: str, as_user: int | None) -> Node | None:
    """A list, campaign or segment by its key (owner prefix removed), read in scope ``as_user``."""
    loaders = info.context.oempro()
    if type_name == "Segment":
        parsed = split_segment_key(key)
        if parsed is None:
            return None
        list_id, segment_id = parsed
        segments = await loaders.segments(list_id, as_user=as_user)
        found = next((s for s in segments if s.segment_id == segment_id), None)
        return to_segment(found, list_id, as_user) if found is not None else None
    if not key.isdigit():
        return None
    if type_name == "MailingList":
        record = await loaders.list(int(key), as_user=as_user)
        return to_list(record, as_user) if record is not None else None
    if type_name == "Campaign":
        campaign = await loaders.campaign(int(key), as_user=as_user)
        return campaign_from_record(campaign, as_user) if campaign is not None else None
    return None
