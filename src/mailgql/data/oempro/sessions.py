"""Who the gateway is on Oempro, in whose session it reads a user's data, and the accounts.

A user's lists, campaigns and clients live in that user's session. The facade reads them:

- in its own session, when it is logged in as that user;
- in the user's session opened with ``User.Switch``, when it is logged in as the administrator
  (the client keeps one such session per user for the life of the process);
- not at all otherwise: another user (or, with an API key, anyone but the key's unknown user)
  is invisible, and asking is FORBIDDEN before any call.

The administrator reads the users (``Users.Get`` in blocks, ``User.Get``) and their groups
(``UserGroup.Get``, where a user's quota lives); a user's clients come from one unpaged
``Clients.Get`` in the user's session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mailgql.data.oempro._base import PLATFORM, OemproBase
from mailgql.loaders.oempro_keys import OWN_SESSION, Scope, read_window
from mailgql.upstreams.errors import UpstreamForbidden, UpstreamNotFound
from mailgql.upstreams.oempro import Admin, Client, Page, User, UserGroup

__all__ = ["AccountReads", "OemproLogin", "CallerKind"]

CallerKind = Literal["user", "admin", "client", "key"]
"""How the gateway logs in: as a user, the administrator, a user's client, or with a user's
API key."""


@dataclass(frozen=True, slots=True)
class OemproLogin:
    """Who the gateway is on Oempro: a user or admin login (and its account), or an API key."""

    kind: CallerKind
    account: User | Admin | Client | None

    @property
    def user_id(self) -> int | None:
        """The logged-in user's id (None for an admin login or an API key)."""
        return self.account.user_id if isinstance(self.account, User) else None


class AccountReads(OemproBase):
    """The login, its scopes, and the accounts it sees."""

    @property
    def login_username(self) -> str | None:
        """The configured login name (MAILGQL_OEMPRO_USERNAME), where there is one."""
        return self._username

    async def caller(self) -> OemproLogin:
        """The gateway's login on Oempro (logging in first, once per process, if needed)."""
        if self._client.uses_api_key:
            return OemproLogin("key", None)
        account = await self._client.login_account()
        return OemproLogin(self._client.login_as, account)

    async def scope_for_user(self, user_id: int) -> Scope | None:
        """The session that reads user ``user_id``'s data; None when the login cannot see it."""
        who = await self.caller()
        if who.kind == "admin":
            return Scope(user_id)
        if who.kind == "user" and who.user_id == user_id:
            return OWN_SESSION
        return None

    async def scope_of_owner(self, owner: int | None) -> Scope | None:
        """The session of an object read as ``owner`` (None: the login's own session); None
        when the login cannot see that user's data."""
        return OWN_SESSION if owner is None else await self.scope_for_user(owner)

    async def user_scope(self, user_id: int, what: str) -> Scope:
        """As :meth:`scope_for_user`, but FORBIDDEN (before any call) when the login cannot see
        the user's ``what``."""
        scope = await self.scope_for_user(user_id)
        if scope is not None:
            return scope
        keyed = (await self.caller()).kind == "key"
        how = "using an API key" if keyed else "logged in as another user"
        raise UpstreamForbidden(
            f"Oempro shows a user's {what} in that user's own session or to the administrator, "
            f"and the gateway is {how}; log in as the user, or as the administrator "
            "(MAILGQL_OEMPRO_LOGIN_AS=admin), to read them",
            platform=PLATFORM,
        )

    # -- the administrator's users ----------------------------------------------------------------

    async def user_window(self, *, offset: int, count: int) -> Page[User]:
        """A window of the user listing (admin login), cut from its blocks."""
        return await read_window(self._user_blocks.get, offset=offset, count=count)

    async def user(self, user_id: int) -> User | None:
        """One user by id (admin login); None when unknown."""
        return await self._user_by_id.get(user_id)

    async def user_group(self, group_id: int) -> UserGroup | None:
        """One user group (plan) by id (admin login); None when unknown."""
        return await self._user_groups.get(group_id)

    # -- clients ----------------------------------------------------------------------------------

    async def all_clients(self, *, as_user: int | None = None) -> tuple[Client, ...]:
        """Every client of the scope's user (read once per request)."""
        return await self._clients.get(Scope(as_user))

    async def find_client(self, client_id: int, *, as_user: int | None = None) -> Client | None:
        """One client of the scope's user; None when it has no such client (or, read as a user,
        when that user does not exist)."""
        try:
            clients = await self.all_clients(as_user=as_user)
        except UpstreamNotFound:
            if as_user is None:
                raise
            return None  # User.Switch: no such user
        return next((c for c in clients if c.client_id == client_id), None)
