"""The Maxmailer data facade: every read and write the graph asks of Maxmailer, for one request.

Which call answers an account. **ListUsers** returns every user the Login ID manages in one call,
with everything but usage: listings, parents, children and look-ups by id read it, so any number
of accounts costs one call. **GetUser** adds the usage of the current period (sends available,
sent, subscribers, reset date) for one user; it is called only where the graph says usage is
asked (``with_usage``), at most once per user. A look-up by id that asks for usage goes to
GetUser alone, since it also carries every ListUsers field. The graph passes these flags; this
module never reads the query.

Who the Login ID is. The API has no "who am I": an admin's listing holds its own row (the
admin-type user), a user-manager's holds only its users (whose common parent is its id), and a
plain user may not list users (errno 9001). Where no row shows the Login ID, its own account is
addressed as ``None`` here and keyed :data:`SELF_KEY` in the graph.

Campaigns: ListCamps per user, or for the Login ID itself, gives subjects and dates; GetCamp per
campaign gives status, sender and report. Subscriptions: one ``status`` call per (list, address).

Writes: one client call each, checked first against the rules in
:mod:`mailgql.data.maxmailer_rules`, never retried, then the loader entries it made stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from pydantic import SecretStr

from mailgql.cache.reads import PlatformReads
from mailgql.data._facade import Stale
from mailgql.data._waves import WaveFacade
from mailgql.data.maxmailer_rules import (
    SELF_KEY,
    check_expiry,
    check_new_user,
    check_password,
    check_username,
    managed_user,
)
from mailgql.loaders.maxmailer import (
    ALL,
    OWN_CAMPAIGNS,
    CampaignByIdLoader,
    CampaignsByUserLoader,
    SubscriptionByEmailLoader,
    UserByIdLoader,
    UserListingLoader,
)
from mailgql.upstreams.errors import UpstreamForbidden
from mailgql.upstreams.maxmailer import (
    Campaign,
    CampaignSummary,
    MaxmailerClient,
    NewUserOptions,
    Subscription,
    Usage,
    User,
)

__all__ = [
    "SELF_KEY",
    "CampaignPage",
    "MaxmailerLogin",
    "MaxmailerData",
    "Role",
    "UserView",
]

Role = Literal["admin", "reseller", "user"]
"""The Login ID's kind: an admin, a user-manager (Maxmailer "reseller") or a plain user."""


@dataclass(frozen=True, slots=True)
class MaxmailerLogin:
    """Who the Login ID is, as far as the ListUsers answer tells (see the module doc)."""

    role: Role
    user_id: int | None
    """Its id where the listing tells it: an admin's row, a user-manager's users' parent."""
    record: User | None
    """Its own row; only an admin's listing holds one."""


@dataclass(frozen=True, slots=True)
class UserView:
    """A user as this request read it: its row, and its usage where GetUser was read."""

    user: User
    usage: Usage | None = None


@dataclass(frozen=True, slots=True)
class CampaignPage:
    """A window of every campaign the Login ID sees; ``total`` is None until all were read."""

    items: tuple[CampaignSummary, ...]
    total: int | None


_LISTING = Stale("users")
"""The ListUsers answer."""
_EVERY_DETAIL = Stale("user_details")
"""Every GetUser answer."""


def _user(user_id: int) -> list[Stale]:
    """One user's row in the listing and its GetUser answer."""
    return [_LISTING, Stale("user_details", (user_id,))]


_EVERY_SUBSCRIPTION = Stale("subscriptions")
"""Every ``status`` answer, of every list."""


def _subscription(list_name: str, email: str) -> list[Stale]:
    """One address's ``status`` in one list, and the usage of the list's owner: GetUser
    counts its subscribers. Which user owns a configured list the API does not say, so every
    GetUser answer."""
    return [Stale("subscriptions", SubscriptionByEmailLoader.key(list_name, email)), _EVERY_DETAIL]


class MaxmailerData(WaveFacade[MaxmailerClient]):
    """Maxmailer's reads and writes during one request.

    ``None`` as a user id is the Login ID's own account where the API shows no record of it.
    """

    def __init__(
        self, client: MaxmailerClient, *, in_flight: int, shared: PlatformReads | None = None
    ) -> None:
        self._users = UserListingLoader(client)
        self._details = UserByIdLoader(client)
        self._campaign_lists = CampaignsByUserLoader(client)
        self._campaigns = CampaignByIdLoader(client)
        self._subscriptions = SubscriptionByEmailLoader(client)
        super().__init__(
            client,
            {
                "users": self._users,
                "user_details": self._details,
                "campaign_lists": self._campaign_lists,
                "campaigns": self._campaigns,
                "subscriptions": self._subscriptions,
            },
            in_flight=in_flight,
            shared=shared,
        )

    @property
    def list_names(self) -> tuple[str, ...]:
        """The lists configured for this gateway (MAILGQL_MAXMAILER_LIST_KEYS), by name."""
        return self._client.list_names

    # -- users ----------------------------------------------------------------------------------

    async def listing(self) -> tuple[User, ...]:
        """Every user the Login ID manages, in id order (one ListUsers call per request)."""
        return await self._users.get(ALL)

    async def user(self, user_id: int, *, with_usage: bool = False) -> UserView | None:
        """One user: GetUser alone when its usage is asked, else its row in the listing."""
        if with_usage:
            detail = await self._details.get(user_id)
            return UserView(detail.user, detail.usage) if detail is not None else None
        found = next((u for u in await self.listing() if u.user_id == user_id), None)
        return UserView(found) if found is not None else None

    async def usage(self, view: UserView, *, with_usage: bool) -> Usage | None:
        """The user's usage when asked: as already read, else from GetUser (None if unseen)."""
        if view.usage is not None or not with_usage:
            return view.usage
        detail = await self._details.get(view.user.user_id)
        return detail.usage if detail is not None else None

    async def caller(self) -> MaxmailerLogin:
        """The Login ID's role and, where the listing shows it, its id and record."""
        try:
            users = await self.listing()
        except UpstreamForbidden:
            return MaxmailerLogin(role="user", user_id=None, record=None)
        admins = [u for u in users if u.user_type == "admin"]
        if admins:
            # Several admin rows cannot be told apart; the top-level one with the lowest id wins.
            me = min(admins, key=lambda u: (u.parent_id is not None, u.user_id))
            return MaxmailerLogin(role="admin", user_id=me.user_id, record=me)
        parents = {u.parent_id for u in users}
        parent = parents.pop() if len(parents) == 1 else None
        return MaxmailerLogin(role="reseller", user_id=parent, record=None)

    async def me(self, *, with_usage: bool = False) -> UserView | MaxmailerLogin:
        """The Login ID's own account: its row where the listing shows one (an admin's), read
        as :meth:`user` reads; else the MaxmailerLogin, as no record of it can be read."""
        caller = await self.caller()
        if caller.record is None:
            return caller
        found = await self.user(caller.record.user_id, with_usage=with_usage)
        return found if found is not None else UserView(caller.record)

    async def parent(
        self, user: User, *, with_usage: bool = False
    ) -> UserView | MaxmailerLogin | None:
        """The account managing ``user``: its row, or the Login ID itself where it is a
        user-manager whose own row the API does not show; None at the top or out of sight."""
        if user.parent_id is None:
            return None
        found = await self.user(user.parent_id, with_usage=with_usage)
        if found is not None:
            return found
        caller = await self.caller()
        if caller.role == "reseller" and caller.user_id == user.parent_id:
            return caller
        return None

    async def users_under(self, user_id: int | None) -> tuple[User, ...]:
        """The users one account manages; for the Login ID's own account, a user-manager's are
        every listed user and a plain user's none (it may not list users)."""
        if user_id is not None:
            return tuple(u for u in await self.listing() if u.parent_id == user_id)
        caller = await self.caller()
        if caller.role == "user":
            return ()
        if caller.role == "reseller":
            return await self.listing()
        return await self.users_under(caller.user_id)

    async def lists_of(self, user_id: int | None) -> tuple[str, ...]:
        """The configured lists, which belong to the Login ID's own account and no other."""
        if user_id is None:
            return self.list_names
        caller = await self.caller()
        return self.list_names if caller.role == "admin" and caller.user_id == user_id else ()

    # -- campaigns ------------------------------------------------------------------------------

    async def campaigns_of(self, user_id: int | None) -> tuple[CampaignSummary, ...]:
        """ListCamps of one user, or of the Login ID itself for None."""
        return await self._campaign_lists.get(OWN_CAMPAIGNS if user_id is None else user_id)

    async def campaign(self, message_id: int) -> Campaign | None:
        """One campaign with its report (GetCamp); None when the Login ID cannot see it."""
        return await self._campaigns.get(message_id)

    async def campaign_owners(self) -> tuple[int | None, ...]:
        """Whose campaigns the Login ID sees, in order: its own, then its users'."""
        caller = await self.caller()
        if caller.role == "user":
            return (None,)
        users = tuple(u.user_id for u in await self.listing())
        # An admin's listing holds its own row; a user-manager's does not.
        return users if caller.role == "admin" else (None, *users)

    async def campaign_window(self, *, offset: int, count: int) -> CampaignPage:
        """``count`` campaigns from ``offset`` across :meth:`campaign_owners`, in that order.

        Owners are read as many at a time as calls may be in flight towards Maxmailer
        (MAILGQL_UPSTREAM_CONCURRENCY) until the window is full; the total is known only once
        every owner has been read.
        """
        owners = await self.campaign_owners()
        needed = offset + count
        found: list[CampaignSummary] = []
        asked = 0
        async for wave in self._waves(owners, self.campaigns_of):
            asked += len(wave)
            for _, summaries in wave:
                found.extend(summaries)
            if len(found) >= needed and asked < len(owners):
                return CampaignPage(items=tuple(found[offset:needed]), total=None)
        return CampaignPage(items=tuple(found[offset:needed]), total=len(found))

    # -- subscriptions --------------------------------------------------------------------------

    async def subscription(self, list_name: str, email: str) -> Subscription | None:
        """One address in one list (the ``status`` action); None when the list lacks it."""
        return await self._subscriptions.get(SubscriptionByEmailLoader.key(list_name, email))

    # -- writes ---------------------------------------------------------------------------------

    async def create_user(
        self, *, username: str, password: SecretStr, email: str, options: NewUserOptions
    ) -> int:
        """``CreateUser``; the new user's id. Every GetUser answer is stale too: the new id
        may have been looked up, and found unknown, earlier in the request."""
        return await self._write(
            self._client.create_user(
                username=check_username(username),
                password=check_password(password.get_secret_value()),
                email=email,
                options=check_new_user(options),
            ),
            stale=[_LISTING, _EVERY_DETAIL],
        )

    async def set_user_status(self, key: str, *, active: bool) -> int:
        """``UnsuspendUser`` or ``SuspendUser`` of the user ``key`` names; its id."""
        user_id = managed_user(key)
        client = self._client
        call = client.unsuspend_user(user_id) if active else client.suspend_user(user_id)
        await self._write(call, stale=_user(user_id))
        return user_id

    async def delete_user(self, key: str) -> int:
        """``DeleteUser``; its id. The user's own users move up to its parent, so every row
        and GetUser answer is stale, and so are its campaigns; its lists go with it, and which
        configured lists were its own the API does not say, so every ``status`` answer too."""
        user_id = managed_user(key)
        await self._write(
            self._client.delete_user(user_id),
            stale=[
                _LISTING,
                _EVERY_DETAIL,
                Stale("campaign_lists", (user_id,)),
                Stale("campaigns"),
                _EVERY_SUBSCRIPTION,
            ],
        )
        return user_id

    async def change_password(self, key: str, password: SecretStr) -> int:
        """``ChangePassword``; the user's id."""
        user_id = managed_user(key)
        checked = check_password(password.get_secret_value())
        await self._write(self._client.change_password(user_id, checked), stale=_user(user_id))
        return user_id

    async def add_credit(self, key: str, credits: int) -> int:
        """``AddCredit`` (one-time send accounts only); the user's id."""
        user_id = managed_user(key)
        await self._write(self._client.add_credit(user_id, credits), stale=_user(user_id))
        return user_id

    async def subscribe(
        self, list_name: str, *, email: str, name: str | None, expires_at: datetime | None
    ) -> None:
        """The list's ``subscribe`` action, until ``expires_at`` if given."""
        ends = check_expiry(expires_at, now=datetime.now(UTC))
        await self._write(
            self._client.subscribe(list_name, email=email, name=name, expires_at=ends),
            stale=_subscription(list_name, email),
        )

    async def unsubscribe(self, list_name: str, *, email: str) -> None:
        """The list's ``unsubscribe`` action."""
        await self._write(
            self._client.unsubscribe(list_name, email=email),
            stale=_subscription(list_name, email),
        )
