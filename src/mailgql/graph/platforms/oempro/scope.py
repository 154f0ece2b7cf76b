"""Who the gateway is on Oempro, and in whose session it reads a user's data.

A user's lists, campaigns and clients live in that user's session. The gateway reads them:

- in its own session, when it is logged in as that user;
- in the user's session opened with ``User.Switch``, when it is logged in as the administrator
  (the client keeps one such session per user for the life of the process);
- not at all otherwise: another user (or, with an API key, anyone but the key's unknown user)
  is invisible.

Objects read in a switched session carry the user's id and put it in their global IDs, as
``<UserID>/<key>`` (a list ``2/14``, a segment ``2/14:3``, a client ``client:2/5``), so that
``node`` reads them in the same session again. Objects of the login's own session keep their
plain keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mailgql.graph.context import Info
from mailgql.graph.errors import Forbidden
from mailgql.loaders.oempro import OWN, Scope
from mailgql.platforms import Platform
from mailgql.upstreams.oempro import Admin, Client, User

__all__ = [
    "Caller",
    "CallerKind",
    "caller",
    "owned_key",
    "scope_for_user",
    "split_owned_key",
    "user_scope",
]

_P = Platform.OEMPRO
_OWNER = "/"

CallerKind = Literal["user", "admin", "key"]


@dataclass(frozen=True, slots=True)
class Caller:
    """Who the gateway is on Oempro: a user or admin login (and its account), or an API key."""

    kind: CallerKind
    account: User | Admin | Client | None

    @property
    def user_id(self) -> int | None:
        """The logged-in user's id (None for an admin login or an API key)."""
        return self.account.user_id if isinstance(self.account, User) else None


async def caller(info: Info) -> Caller:
    """The gateway's login on Oempro (logging in first, once per process, if needed)."""
    client = info.context.oempro().client
    if client.uses_api_key:
        return Caller("key", None)
    account = await client.login_account()
    return Caller("admin" if client.login_as == "admin" else "user", account)


async def scope_for_user(info: Info, user_id: int) -> Scope | None:
    """The session that reads user ``user_id``'s data; None when the login cannot see it."""
    who = await caller(info)
    if who.kind == "admin":
        return Scope(user_id)
    if who.kind == "user" and who.user_id == user_id:
        return OWN
    return None


async def user_scope(info: Info, user_id: int, what: str) -> Scope:
    """As :func:`scope_for_user`, but FORBIDDEN (before any call) when the login cannot see it."""
    scope = await scope_for_user(info, user_id)
    if scope is not None:
        return scope
    how = "using an API key" if (await caller(info)).kind == "key" else "logged in as another user"
    raise Forbidden(
        f"Oempro shows a user's {what} in that user's own session or to the administrator, "
        f"and the gateway is {how}; log in as the user, or as the administrator "
        "(MAILGQL_OEMPRO_LOGIN_AS=admin), to read them",
        platform=_P,
    )


def owned_key(as_user: int | None, key: str | int) -> str:
    """The legacy key of an object's global ID: ``<UserID>/<key>`` when read as that user."""
    return str(key) if as_user is None else f"{as_user}{_OWNER}{key}"


def split_owned_key(key: str) -> tuple[int | None, str] | None:
    """``(UserID or None, key)`` of an :func:`owned_key`; None for a malformed owner."""
    if _OWNER not in key:
        return None, key
    owner, _, rest = key.partition(_OWNER)
    if not owner.isdigit():
        return None
    return int(owner), rest
