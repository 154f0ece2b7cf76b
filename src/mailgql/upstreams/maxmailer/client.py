"""The Maxmailer client: one async method per admin function (10) and list action (3).

I/O here; decoding in ``wire``; credentials in ``auth``. Every call is a form POST to the one
``api.php`` URL (the contract accepts GET or POST alike; POST keeps credentials out of URLs).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx

from mailgql.platforms import Platform
from mailgql.settings import MaxmailerConfig
from mailgql.upstreams._http import Endpoint, PlatformClient, UpstreamHttp
from mailgql.upstreams.errors import UpstreamNotFound, UpstreamUnauthenticated
from mailgql.upstreams.maxmailer import wire
from mailgql.upstreams.maxmailer.auth import list_key_auth, login_id_auth
from mailgql.upstreams.maxmailer.records import (
    Campaign,
    CampaignSummary,
    NewUserOptions,
    Subscription,
    User,
    UserDetail,
)

__all__ = ["MaxmailerClient"]

_PLATFORM = Platform.MAXMAILER


class MaxmailerClient(PlatformClient[MaxmailerConfig]):
    """Calls Maxmailer's admin API with the configured Login ID and lists with their keys."""

    platform = _PLATFORM

    def __init__(self, http: UpstreamHttp, config: MaxmailerConfig) -> None:
        super().__init__(http, config)
        self._url = config.url
        self._login = login_id_auth(config.login_id) if config.login_id is not None else None
        self._lists = {name: list_key_auth(key) for name, key in config.list_keys.items()}

    @classmethod
    def endpoint(cls, config: MaxmailerConfig) -> Endpoint:
        """No base URL: every call goes to the configured ``api.php``, authenticated per call."""
        return Endpoint("")

    @property
    def can_administer(self) -> bool:
        """Whether a Login ID is configured (the admin functions need one)."""
        return self._login is not None

    @property
    def list_names(self) -> tuple[str, ...]:
        """Names of the lists whose subscription API keys are configured (never the keys)."""
        return tuple(self._lists)

    # -- plumbing -------------------------------------------------------------------------------

    async def _post(
        self, operation: str, form: dict[str, str], auth: httpx.Auth, read: bool
    ) -> Any:
        return await self._http.call(
            "POST",
            self._url,
            operation=operation,
            read=read,
            decode=lambda r: wire.decode_answer(r.status_code, r.content, operation=operation),
            data=form,
            auth=auth,
        )

    async def _admin(self, function: str, *, read: bool, **params: str) -> Any:
        if self._login is None:
            raise UpstreamUnauthenticated(
                f"Maxmailer's {function} needs a Login ID; set MAILGQL_MAXMAILER_LOGIN_ID",
                platform=_PLATFORM,
                operation=function,
            )
        return await self._post(function, {"function": function, **params}, self._login, read)

    async def _list_action(self, list_name: str, action: str, *, read: bool, **params: str) -> Any:
        auth = self._lists.get(list_name)
        if auth is None:
            raise UpstreamNotFound(
                f"no Maxmailer list named {list_name!r} is configured; "
                "add its API key to MAILGQL_MAXMAILER_LIST_KEYS",
                platform=_PLATFORM,
                operation=action,
            )
        return await self._post(action, {"action": action, **params}, auth, read)

    # -- users ----------------------------------------------------------------------------------

    async def list_users(self) -> list[User]:
        """``ListUsers``: every user the Login ID manages, in id order."""
        return wire.parse_user_listing(await self._admin("ListUsers", read=True))

    async def get_user(self, user_id: int) -> UserDetail:
        """``GetUser``: one user with its usage in the current period."""
        payload = await self._admin("GetUser", read=True, id=str(user_id))
        return wire.parse_user_detail(payload, user_id)

    async def create_user(
        self, *, username: str, password: str, email: str, options: NewUserOptions
    ) -> int:
        """``CreateUser``; returns the new user's id."""
        form = wire.new_user_form(
            username=username, password=password, email=email, options=options
        )
        return wire.parse_created_user_id(await self._admin("CreateUser", read=False, **form))

    async def add_credit(self, user_id: int, credits: int) -> int:
        """``AddCredit`` (one-time send accounts only); returns the sends now available."""
        payload = await self._admin("AddCredit", read=False, id=str(user_id), credits=str(credits))
        return wire.parse_credit(payload)

    async def delete_user(self, user_id: int) -> str:
        """``DeleteUser``."""
        payload = await self._admin("DeleteUser", read=False, id=str(user_id))
        return wire.parse_status(payload, "User deleted", operation="DeleteUser")

    async def change_password(self, user_id: int, password: str) -> str:
        """``ChangePassword``."""
        payload = await self._admin(
            "ChangePassword", read=False, id=str(user_id), password=password
        )
        return wire.parse_status(payload, "Password changed", operation="ChangePassword")

    async def suspend_user(self, user_id: int) -> str:
        """``SuspendUser``."""
        payload = await self._admin("SuspendUser", read=False, id=str(user_id))
        return wire.parse_status(payload, "User suspended", operation="SuspendUser")

    async def unsuspend_user(self, user_id: int) -> str:
        """``UnsuspendUser`` (the seed also spells it UunsuspendUser)."""
        payload = await self._admin("UnsuspendUser", read=False, id=str(user_id))
        return wire.parse_status(payload, "User unsuspended", operation="UnsuspendUser")

    # -- campaigns ------------------------------------------------------------------------------

    async def list_campaigns(self, user_id: int | None = None) -> list[CampaignSummary]:
        """``ListCamps``: the caller's campaigns, or those of a user it manages."""
        params = {} if user_id is None else {"id": str(user_id)}
        return wire.parse_campaign_listing(await self._admin("ListCamps", read=True, **params))

    async def get_campaign(self, message_id: int) -> Campaign:
        """``GetCamp``: one campaign with its report."""
        payload = await self._admin("GetCamp", read=True, MessageID=str(message_id))
        return wire.parse_campaign(payload, message_id)

    # -- the subscription API -------------------------------------------------------------------

    async def subscribe(
        self,
        list_name: str,
        *,
        email: str,
        name: str | None = None,
        expires_at: datetime | None = None,
    ) -> str:
        """``subscribe``: add an address, optionally until ``expires_at``."""
        params = {"email": email}
        if name:
            params["name"] = name
        if expires_at is not None:
            params["unsus_date"] = str(wire.unix_seconds(expires_at))
        payload = await self._list_action(list_name, "subscribe", read=False, **params)
        return wire.parse_status(payload, "Email added", operation="subscribe")

    async def unsubscribe(self, list_name: str, *, email: str) -> str:
        """``unsubscribe``."""
        payload = await self._list_action(list_name, "unsubscribe", read=False, email=email)
        return wire.parse_status(payload, "Email unsubscribed", operation="unsubscribe")

    async def subscription_status(self, list_name: str, *, email: str) -> Subscription:
        """``status``: one address in a list."""
        payload = await self._list_action(list_name, "status", read=True, email=email)
        return wire.parse_subscription(payload)
