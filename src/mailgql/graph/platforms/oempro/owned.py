"""What an Oempro account owns, read in the owning user's session: a user's lists, campaigns,
clients, tags, emails, media and templates. A client's cannot be read (4.x lets a user assign
lists and campaigns to a client but not read the assignment back): empty, with a null
``totalCount``. The administrator owns none."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from mailgql.data.oempro import OemproData
from mailgql.graph.accounts import Account
from mailgql.graph.context import Info
from mailgql.graph.pagination import Connection, Window
from mailgql.graph.platforms.oempro.mapping import CLIENT_ROLE, USER_ROLE
from mailgql.upstreams.oempro import User

__all__ = ["OwnedListing", "OwnerSession", "owned", "owner_scope", "user_of"]

R = TypeVar("R")
T = TypeVar("T")


class OwnerSession(Protocol):
    """The session an account's user reads in: its own (``as_user`` None) or a switched one."""

    @property
    def as_user(self) -> int | None:
        """None for the login's own session, else the user an admin login switched to."""
        ...


def _data(info: Info) -> OemproData:
    return info.context.oempro()


def user_of(account: Account) -> User:
    """The user row a user account carries."""
    if not isinstance(account._record, User):
        raise TypeError(f"Oempro account {account._key} carries no user row")
    return account._record


async def owner_scope(info: Info, account: Account, what: str) -> OwnerSession | None:
    """The session to read a user account's ``what`` in; None for any other account."""
    if account._role != USER_ROLE:
        return None
    return await _data(info).user_scope(user_of(account).user_id, what)


async def owned(
    info: Info,
    account: Account,
    window: Window,
    what: str,
    read: Callable[[int | None], Awaitable[Connection[T]]],
) -> Connection[T]:
    """What an account owns (``what``), which ``read`` reads in its user's session (it gets the
    session's ``as_user``)."""
    if account._role == CLIENT_ROLE:
        return Connection.build([], window, total=None)
    scope = await owner_scope(info, account, what)
    if scope is None:
        return Connection.empty()
    return await read(scope.as_user)


@dataclass(frozen=True, slots=True)
class OwnedListing(Generic[R, T]):
    """What an account owns of one kind (``what``): one unpaged listing ``read`` in its user's
    session, each record converted as read in it, windowed here."""

    what: str
    read: Callable[[OemproData, int | None], Awaitable[Sequence[R]]]
    convert: Callable[[R, int | None], T]

    async def window(self, info: Info, account: Account, window: Window) -> Connection[T]:
        """The account's window of the listing."""

        async def read(as_user: int | None) -> Connection[T]:
            records = await self.read(_data(info), as_user)
            return Connection.slice([self.convert(r, as_user) for r in records], window)

        return await owned(info, account, window, self.what, read)
