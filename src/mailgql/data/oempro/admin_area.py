"""What Oempro's administrator manages: plans (user groups), users, the administrator itself,
themes and settings; and a user's clients, with a client login's own view of its assignments.

Reads (see ``loaders.oempro_admin``): the plan listing and the theme listing, one call each per
request; a plan by id, one ``UserGroup.Get`` per distinct plan however many users share it; a
user's payment periods, one call per user. They run in the login's own session: with a user
login (or an API key) Oempro refuses them with 99999, which is FORBIDDEN.

Writes are sent once and forget what they made stale (``stale_admin``). A plan, user or theme
asked to be deleted is read first: Oempro's deletes pass over ids they do not know without a
word, so an unknown one is NOT_FOUND (naming ``UserGroupID``, ``Users`` or ``Themes``) before
any write. A client write runs in its user's session (``as_user``: an admin login opens it with
``User.Switch``; None, the login's own).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from functools import partial
from typing import TypeVar

from pydantic import SecretStr

from mailgql.data._facade import Stale
from mailgql.data.oempro._base import changing, shown
from mailgql.data.oempro.sessions import AccountReads
from mailgql.data.oempro.stale_admin import (
    stale_client_assignments,
    stale_clients,
    stale_deleted_users,
    stale_payment_periods,
    stale_plans,
    stale_themes,
    stale_user_rows,
)
from mailgql.loaders.oempro_admin import WHOLE
from mailgql.upstreams.changes import Emptiable
from mailgql.upstreams.oempro import Campaign, MailingList, UserGroup
from mailgql.upstreams.oempro.admin_records import (
    AdminProfile,
    PaymentPeriod,
    PaymentPeriodChange,
    PlanValues,
    SendingTest,
    SettingsChange,
    Theme,
    ThemeValues,
    UserProfile,
)

__all__ = ["AdminAreaData", "PasswordHolder"]

_V = TypeVar("_V", bound=Emptiable)

PasswordHolder = str
"""Whose password a reminder or reset is about: ``user``, ``admin`` or ``client``."""


class AdminAreaData(AccountReads):
    """The administrator's plans, users, themes and settings; a user's clients."""

    async def _update(
        self, values: _V, what: str, send: Callable[[_V], Awaitable[None]], stale: Iterable[Stale]
    ) -> None:
        """Send an update of ``values``; when they change nothing, INVALID_INPUT ("give at least
        one ``what`` to change") before any call."""
        await self._write(send(changing(values, what)), stale=stale)

    @property
    def admin_login(self) -> bool:
        """Whether the gateway logs in as the administrator (known without logging in)."""
        return not self._client.uses_api_key and self._client.login_as == "admin"

    @property
    def client_login(self) -> bool:
        """Whether the gateway logs in as a user's client (known without logging in)."""
        return not self._client.uses_api_key and self._client.login_as == "client"

    # -- plans ------------------------------------------------------------------------------------

    async def user_groups(self) -> tuple[UserGroup, ...]:
        """Every plan (one ``UserGroups.Get`` per request)."""
        return await self._admin.user_group_list.get(WHOLE)

    async def create_user_group(self, values: PlanValues) -> int:
        """``UserGroup.Create``; the new plan's id."""
        call = self._client.create_user_group(values)
        return await self._write(call, stale=stale_plans(None))

    async def update_user_group(self, group_id: int, values: PlanValues) -> None:
        """``UserGroup.Update`` with the given values; nothing given is refused before any call."""
        send = partial(self._client.update_user_group, group_id)
        await self._update(values, "value of the plan", send, stale_plans(group_id))

    async def delete_user_group(self, group_id: int) -> None:
        """``UserGroup.Delete`` of a plan the install has (read first: NOT_FOUND otherwise)."""
        shown(await self.user_group(group_id), "user group", group_id, field="UserGroupID")
        call = self._client.delete_user_group(group_id)
        await self._write(call, stale=stale_plans(group_id))

    async def duplicate_user_group(self, group_id: int) -> int:
        """``UserGroup.Duplicate``; the copy's id."""
        call = self._client.duplicate_user_group(group_id)
        return await self._write(call, stale=stale_plans(None))

    # -- users ------------------------------------------------------------------------------------

    async def create_user(self, profile: UserProfile) -> int:
        """``User.Create``; the new user's id."""
        return await self._write(self._client.create_user(profile), stale=stale_user_rows(None))

    async def update_user(self, user_id: int, profile: UserProfile) -> None:
        """``User.Update`` with the given columns; nothing given is refused before any call."""
        send = partial(self._client.update_user_profile, user_id)
        await self._update(profile, "value of the user", send, stale_user_rows(user_id))

    async def delete_user(self, user_id: int) -> None:
        """``Users.Delete`` of a user the install has (read first: NOT_FOUND otherwise)."""
        shown(await self.user(user_id), "user", user_id, field="Users")
        await self._write(self._client.delete_users([user_id]), stale=stale_deleted_users())

    async def add_user_credits(self, user_id: int, credits: int) -> None:
        """``User.AddCredits``."""
        call = self._client.add_user_credits(user_id, credits)
        await self._write(call, stale=stale_user_rows(user_id))

    async def payment_periods(self, user_id: int) -> tuple[PaymentPeriod, ...]:
        """Every billing period of a user (one ``User.PaymentPeriods`` per user)."""
        return await self._admin.payment_periods.get(user_id)

    async def update_payment_period(
        self, user_id: int, log_id: int, change: PaymentPeriodChange
    ) -> PaymentPeriod:
        """``User.PaymentPeriods.Update``; the period as Oempro answers it."""
        call = self._client.update_payment_period(user_id, log_id, change)
        return await self._write(call, stale=stale_payment_periods(user_id))

    # -- password reminders and resets (no credentials) -------------------------------------------

    async def remind_password(self, holder: PasswordHolder, email: str) -> None:
        """``<Holder>.PasswordRemind``: the account with that address is mailed a reset link."""
        await self._write(self._client.remind_password(holder, email), stale=[])

    async def reset_password(self, holder: PasswordHolder, token: str) -> None:
        """``<Holder>.PasswordReset`` with a reset link's token: a new password is mailed."""
        await self._write(self._client.reset_password(holder, token), stale=[])

    # -- the administrator ------------------------------------------------------------------------

    async def update_admin(self, profile: AdminProfile) -> None:
        """``Admin.Update`` of the logged-in administrator (no read of it exists to forget)."""
        await self._write(self._client.update_admin(profile), stale=[])

    # -- clients ----------------------------------------------------------------------------------

    async def create_client(
        self, name: str, username: str, password: SecretStr, email: str, *, as_user: int | None
    ) -> int:
        """``Client.Create`` in the user's session; the new client's id."""
        call = self._client.create_client(name, username, password, email, as_user=as_user)
        return await self._write(call, stale=stale_clients())

    async def update_client(
        self,
        client_id: int,
        *,
        name: str | None,
        username: str | None,
        email: str | None,
        password: SecretStr | None,
        enabled: bool | None,
        as_user: int | None,
    ) -> None:
        """``Client.Update``: Oempro wants name, user name and address every time, so those not
        given are taken from the client as it is (NOT_FOUND, ``ClientID``, when there is none)."""
        current = shown(
            await self.find_client(client_id, as_user=as_user),
            "client",
            client_id,
            field="ClientID",
        )
        call = self._client.update_client(
            client_id,
            name=name if name is not None else current.name or current.username,
            username=username if username is not None else current.username,
            email=email if email is not None else current.email or "",
            password=password,
            enabled=enabled,
            as_user=as_user,
        )
        await self._write(call, stale=stale_clients())

    async def delete_client(self, client_id: int, *, as_user: int | None) -> None:
        """``Clients.Delete`` of a client of the user (read first: NOT_FOUND otherwise)."""
        shown(
            await self.find_client(client_id, as_user=as_user), "client", client_id, field="Clients"
        )
        call = self._client.delete_clients([client_id], as_user=as_user)
        await self._write(call, stale=[*stale_clients(), *stale_client_assignments()])

    async def assign_client_lists(
        self, client_id: int, list_ids: Sequence[int], *, as_user: int | None
    ) -> None:
        """``Client.AssignSubscriberLists``: the client's lists become exactly these."""
        call = self._client.assign_client_lists(client_id, list_ids, as_user=as_user)
        await self._write(call, stale=stale_client_assignments())

    async def assign_client_campaigns(
        self, client_id: int, campaign_ids: Sequence[int], *, as_user: int | None
    ) -> None:
        """``Client.AssignCampaigns``: the client's campaigns become exactly these."""
        call = self._client.assign_client_campaigns(client_id, campaign_ids, as_user=as_user)
        await self._write(call, stale=stale_client_assignments())

    async def client_lists(self) -> tuple[MailingList, ...]:
        """A client login's assigned lists (one ``Client.Lists.Get`` per request)."""
        return await self._admin.client_lists.get(WHOLE)

    async def client_campaigns(self) -> tuple[Campaign, ...]:
        """A client login's assigned campaigns (one ``Client.Campaigns.Get`` per request)."""
        return await self._admin.client_campaigns.get(WHOLE)

    async def client_list(self, list_id: int) -> MailingList | None:
        """One list assigned to a client login (``Client.List.Get``); None when not assigned."""
        return await self._admin.client_list_by_id.get(list_id)

    async def client_campaign(self, campaign_id: int) -> Campaign | None:
        """One campaign assigned to a client login (``Client.Campaign.Get``); None when not."""
        return await self._admin.client_campaign_by_id.get(campaign_id)

    # -- themes -----------------------------------------------------------------------------------

    async def themes(self) -> tuple[Theme, ...]:
        """Every interface theme (one ``Themes.Get`` per request)."""
        return await self._admin.themes.get(WHOLE)

    async def theme(self, theme_id: int) -> Theme | None:
        """One theme (``Theme.Get``); None when unknown."""
        return await self._admin.theme_by_id.get(theme_id)

    async def create_theme(self, values: ThemeValues) -> int:
        """``Theme.Create``; the new theme's id."""
        return await self._write(self._client.create_theme(values), stale=stale_themes(None))

    async def update_theme(self, theme_id: int, values: ThemeValues) -> None:
        """``Theme.Update`` with the given values; nothing given is refused before any call."""
        send = partial(self._client.update_theme, theme_id)
        await self._update(values, "value of the theme", send, stale_themes(theme_id))

    async def delete_theme(self, theme_id: int) -> None:
        """``Theme.Delete`` of a theme the install has (read first: NOT_FOUND otherwise)."""
        shown(await self.theme(theme_id), "theme", theme_id, field="Themes")
        await self._write(self._client.delete_themes([theme_id]), stale=stale_themes(theme_id))

    # -- settings ---------------------------------------------------------------------------------

    async def update_settings(self, change: SettingsChange) -> None:
        """``Settings.Update`` (4.x has no read of the settings, so nothing is made stale)."""
        await self._update(change, "setting", self._client.update_settings, [])

    async def check_email_sending(self, change: SettingsChange) -> SendingTest:
        """``Settings.EmailSendingTest``: whether the settings deliver (nothing is saved)."""
        return await self._write(self._client.check_email_sending(change), stale=[])
