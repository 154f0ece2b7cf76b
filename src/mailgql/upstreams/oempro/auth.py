"""Oempro authentication: a per-call ``APIKey``, or a ``SessionID`` from a login, renewed on 99998.

Oempro's credentials are form parameters of each command, next to the command's own, and its
login is itself a command that must go through the same send path (bounded concurrency, error
mapping, redacted logs). So this is not an ``httpx.Auth`` that rewrites finished requests: it
hands the client the parameters to add, and the client sends the login when asked to.

One :class:`SessionAuth` holds the one session of one credential set. Concurrent first calls
share a single login (an ``asyncio.Lock``); calls that saw the same session expire share a
single re-login. :class:`SwitchedSessions` keeps one more :class:`SessionAuth` per user id for
an admin login that reads users' data (up to :data:`SWITCHED_SESSIONS_KEPT`, the least recently
used forgotten first): each opened by the admin's ``User.Switch``, with its own lock, so
concurrent first calls as one user switch once.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Literal, Protocol

from pydantic import SecretStr

from mailgql.platforms import Platform
from mailgql.upstreams.errors import UpstreamUnauthenticated
from mailgql.upstreams.oempro.error_codes import SESSION_EXPIRED
from mailgql.upstreams.oempro.records import Admin, Client, User

__all__ = [
    "SWITCHED_SESSIONS_KEPT",
    "ApiKeyAuth",
    "Credentials",
    "Login",
    "LoginKind",
    "OemproAuth",
    "SessionAuth",
    "SwitchedSessions",
]

LoginKind = Literal["user", "admin", "client"]
Credentials = dict[str, str]
"""Parameters to add to a command: ``{"SessionID": ...}`` or ``{"APIKey": ...}``."""


@dataclass(frozen=True, slots=True)
class Login:
    """A successful login: the session (kept secret) and the account it belongs to."""

    kind: LoginKind
    session: SecretStr = field(repr=False)
    account: User | Admin | Client | None


class OemproAuth(Protocol):
    """How the client authenticates its commands."""

    async def credentials(self) -> Credentials:
        """The parameters to send with the next command (logging in first if needed)."""
        ...

    async def renew(self, stale: Credentials, *, command: str) -> None:
        """Replace credentials the server called expired; raise if that is not possible."""
        ...

    async def account(self) -> User | Admin | Client | None:
        """The account these credentials belong to, when a login said so."""
        ...


class ApiKeyAuth:
    """``APIKey`` on every call and no login at all; a rejected key cannot be renewed."""

    def __init__(self, api_key: SecretStr) -> None:
        self._key = api_key

    def __repr__(self) -> str:
        return "ApiKeyAuth(APIKey=***)"

    async def credentials(self) -> Credentials:
        """The key as a parameter."""
        return {"APIKey": self._key.get_secret_value()}

    async def renew(self, stale: Credentials, *, command: str) -> None:
        """Keys do not expire: a 99998 means the key is wrong or revoked."""
        raise UpstreamUnauthenticated(
            f"Oempro rejected the gateway's API key on {command}; check MAILGQL_OEMPRO_API_KEY",
            platform=Platform.OEMPRO,
            operation=command,
            legacy_code=SESSION_EXPIRED,
        )

    async def account(self) -> None:
        """An API key names no account the gateway can read in user scope."""
        return


class SessionAuth:
    """A session from ``login``, opened on first use and reopened when the server drops it."""

    def __init__(self, login: Callable[[], Awaitable[Login]]) -> None:
        self._login = login
        self._lock = asyncio.Lock()
        self._current: Login | None = None

    def __repr__(self) -> str:
        state = "open" if self._current is not None else "closed"
        return f"SessionAuth(session={state})"

    async def _open(self) -> Login:
        current = self._current
        if current is not None:
            return current
        async with self._lock:
            # Another call may have logged in while this one waited for the lock.
            if self._current is None:
                self._current = await self._login()
            return self._current

    async def credentials(self) -> Credentials:
        """``SessionID`` of the shared session."""
        login = await self._open()
        return {"SessionID": login.session.get_secret_value()}

    async def renew(self, stale: Credentials, *, command: str) -> None:
        """Log in again, unless another call already replaced the stale session."""
        async with self._lock:
            current = self._current
            if current is not None and current.session.get_secret_value() != stale.get("SessionID"):
                return
            self._current = None
            self._current = await self._login()

    async def account(self) -> User | Admin | Client | None:
        """The account of the session (the login's ``UserInfo`` or ``AdminInfo``)."""
        return (await self._open()).account


SWITCHED_SESSIONS_KEPT = 1024
"""User sessions an admin login keeps at the most; the least recently used goes first."""


class SwitchedSessions:
    """User sessions an admin login opened with ``User.Switch``: one per user id, kept and renewed.

    Each user's session is a :class:`SessionAuth` whose login is the switch, so it follows the
    same rules as the main session: opened once on first use (its own lock), and replaced once
    when the server calls it expired. At most ``keep`` are kept, the least recently used
    forgotten first (a user id a request names need not exist, so the ids asked are not bounded
    by the platform's users); a forgotten user is switched to again when next asked.
    """

    def __init__(
        self, switch: Callable[[int], Awaitable[Login]], *, keep: int = SWITCHED_SESSIONS_KEPT
    ) -> None:
        if keep < 1:
            raise ValueError("keep at least one switched session")
        self._switch = switch
        self._keep = keep
        self._by_user: OrderedDict[int, SessionAuth] = OrderedDict()

    def __repr__(self) -> str:
        return f"SwitchedSessions(users={len(self._by_user)})"

    def __len__(self) -> int:
        return len(self._by_user)

    def of(self, user_id: int) -> SessionAuth:
        """The session of ``user_id`` (switched to when first used)."""
        # No await in here: concurrent callers as one user share one entry.
        auth = self._by_user.get(user_id)
        if auth is not None:
            self._by_user.move_to_end(user_id)
            return auth
        auth = self._by_user[user_id] = SessionAuth(partial(self._switch, user_id))
        if len(self._by_user) > self._keep:
            # A caller holding the forgotten session finishes with it; nobody is handed it again.
            self._by_user.popitem(last=False)
        return auth
