"""The Oempro client: one async method per ``api.php`` command. I/O here, decoding in ``wire``.

Every command is a form POST to the one ``api.php`` URL with the documented PascalCase names
(the server folds case anyway), PHP bracket arrays and comma-separated id lists. Credentials
come from ``auth``: a session id, logged in on first use and renewed once on 99998, or an API
key. The public commands (``Subscriber.Subscribe``, ``Subscriber.Unsubscribe`` and the logins)
are sent without credentials, as hosted forms send them.

With an admin login, the user-scope reads take ``as_user=<UserID>``: they then run in that
user's session, opened by the admin's ``User.Switch`` (``PrivilegeType=Default``) on first use,
kept for the life of the client and renewed like the main session. ``as_user=None`` (the
default) is the login's own session.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, time
from typing import Any, TypeVar
from urllib.parse import urlencode
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import httpx
from pydantic import SecretStr

from mailgql.platforms import Platform
from mailgql.settings import HttpConfig, OemproConfig
from mailgql.upstreams._http import UpstreamHttp, build_http_client
from mailgql.upstreams.errors import UpstreamNotFound, UpstreamUnauthenticated
from mailgql.upstreams.oempro import wire
from mailgql.upstreams.oempro.auth import (
    ApiKeyAuth,
    Credentials,
    Login,
    LoginKind,
    OemproAuth,
    SessionAuth,
    SwitchedSessions,
)
from mailgql.upstreams.oempro.error_codes import SESSION_EXPIRED
from mailgql.upstreams.oempro.records import (
    Admin,
    Campaign,
    CampaignStatus,
    Client,
    CustomField,
    Email,
    MailingList,
    Page,
    ScheduleType,
    Segment,
    SegmentRule,
    Subscriber,
    SubscribeResult,
    User,
    UserGroup,
)

__all__ = ["STATUS_SEGMENTS", "OemproClient"]

_PLATFORM = Platform.OEMPRO
T = TypeVar("T")

STATUS_SEGMENTS = (
    "Active",
    "Suppressed",
    "Unsubscribed",
    "Soft bounced",
    "Hard bounced",
    "Opt-in pending",
)
"""The named ``SubscriberSegment`` values of ``Subscribers.Get`` (a segment id works too)."""

Form = list[tuple[str, str]]
_FORM_TYPE = {"Content-Type": "application/x-www-form-urlencoded"}
_SEARCH_PAGE = 100


def _ids(values: Sequence[int]) -> str:
    return ",".join(str(v) for v in values)


def _enabled(value: bool) -> str:
    return "Enabled" if value else "Disabled"


def _yes(value: bool) -> str:
    return "Yes" if value else "No"


def _true(value: bool) -> str:
    return "true" if value else "false"


def _given(form: Form, name: str, value: str | int | None) -> None:
    """Add a parameter only when the caller gave it (``None`` leaves the setting alone)."""
    if value is not None:
        form.append((name, str(value)))


def _window(offset: int, limit: int) -> Form:
    if limit < 1:
        raise ValueError("limit must be 1 or more")
    if offset < 0:
        raise ValueError("offset must be 0 or more")
    return [("RecordsFrom", str(offset)), ("RecordsPerRequest", str(limit))]


class OemproClient:
    """Calls ``api.php`` as the configured user, admin (or a user it switched to) or API key."""

    platform = _PLATFORM

    def __init__(self, http: UpstreamHttp, config: OemproConfig) -> None:
        self._http = http
        self._url = config.url
        self._format = config.response_format
        self._ip_address = config.ip_address
        self._config = config
        self._subscriber_get: bool | None = None
        """Whether the server has ``Subscriber.Get`` (4.1.15+); None until it answered once."""
        self._switched = SwitchedSessions(self.switch_user)
        self.auth: OemproAuth
        if config.api_key is not None and config.api_key.get_secret_value().strip():
            self.auth = ApiKeyAuth(config.api_key)
            self.login_as: LoginKind = "user"
        elif config.username and config.password is not None:
            self.auth = SessionAuth(self._configured_login)
            self.login_as = config.login_as
        else:
            raise ValueError(
                "Oempro needs credentials: set MAILGQL_OEMPRO_USERNAME and "
                "MAILGQL_OEMPRO_PASSWORD, or MAILGQL_OEMPRO_API_KEY"
            )

    @classmethod
    def create(
        cls,
        config: OemproConfig,
        http_config: HttpConfig,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> OemproClient:
        """A client with its own connection pool; close it with :meth:`aclose`."""
        accept = "text/xml" if config.response_format == "XML" else "application/json"
        client = build_http_client("", http_config, transport=transport, headers={"Accept": accept})
        return cls(UpstreamHttp(_PLATFORM, client, http_config), config)

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.client.aclose()

    @property
    def uses_api_key(self) -> bool:
        """Whether calls carry an API key (no login, no session)."""
        return isinstance(self.auth, ApiKeyAuth)

    # -- plumbing -------------------------------------------------------------------------------

    async def _send(
        self, command: str, form: Form, *, credentials: Credentials, read: bool
    ) -> dict[str, Any]:
        body: Form = [("Command", command), ("ResponseFormat", self._format)]
        body += list(credentials.items())
        body += form
        response = await self._http.send(
            "POST",
            self._url,
            operation=command,
            read=read,
            content=urlencode(body).encode("utf-8"),
            headers=_FORM_TYPE,
        )
        return wire.decode_envelope(
            response.status_code, response.content, command=command, xml=self._format == "XML"
        )

    async def _listing(
        self,
        command: str,
        key: str,
        parse: Callable[[dict[str, Any]], T],
        *,
        totals: tuple[str, ...],
        form: Form | None = None,
        as_user: int | None = None,
        offset: int | None = None,
    ) -> Page[T]:
        """Send a listing command and decode its records and total (``offset``: paged ones)."""
        data = await self._call(command, form, read=True, as_user=as_user)
        return wire.decode_listing(
            data, key, parse=parse, command=command, totals=totals, offset=offset
        )

    async def _call(
        self,
        command: str,
        form: Form | None = None,
        *,
        read: bool,
        public: bool = False,
        as_user: int | None = None,
    ) -> dict[str, Any]:
        """Send a command; on 99998 renew the credentials and send it once more.

        The server refuses an unauthenticated command before running it, so sending a write
        again after 99998 cannot apply it twice. ``as_user`` sends it in that user's switched
        session; renewing that session is a new ``User.Switch``, which itself renews the admin
        session first when the server dropped that one too.
        """
        form = form or []
        if public:
            return await self._send(command, form, credentials={}, read=read)
        auth = self.auth if as_user is None else self._switched.of(as_user)
        credentials = await auth.credentials()
        try:
            return await self._send(command, form, credentials=credentials, read=read)
        except UpstreamUnauthenticated as exc:
            if exc.legacy_code != str(SESSION_EXPIRED):
                raise
        await auth.renew(credentials, command=command)
        credentials = await auth.credentials()
        try:
            return await self._send(command, form, credentials=credentials, read=read)
        except UpstreamUnauthenticated as exc:
            if exc.legacy_code != str(SESSION_EXPIRED):
                raise
            if as_user is None:
                hint = (
                    f"Oempro rejected a fresh session on {command} too; check that the account "
                    "is enabled and MAILGQL_OEMPRO_USERNAME and MAILGQL_OEMPRO_PASSWORD"
                )
            else:
                hint = (
                    f"Oempro rejected a fresh session of user {as_user} (from User.Switch) on "
                    f"{command} too; check that the user is enabled"
                )
            raise UpstreamUnauthenticated(
                hint,
                platform=_PLATFORM,
                operation=command,
                legacy_code=SESSION_EXPIRED,
                legacy_message=exc.legacy_message,
                http_status=exc.http_status,
            ) from None

    async def _configured_login(self) -> Login:
        username = self._config.username or ""
        password = self._config.password or SecretStr("")
        if self._config.login_as == "admin":
            return await self.admin_login(username, password)
        return await self.user_login(username, password)

    # -- authentication -------------------------------------------------------------------------

    async def _login(
        self, command: str, *, kind: LoginKind, username: str, password: SecretStr
    ) -> Login:
        form: Form = [
            ("Username", username),
            ("Password", password.get_secret_value()),
            ("RememberMe", "yes"),
            # Without it, an install with login CAPTCHA on refuses API logins with code 4.
            ("DisableCaptcha", "true"),
        ]
        data = await self._call(command, form, read=False, public=True)
        session, account = wire.parse_login(data, command=command)
        return Login(kind=kind, session=SecretStr(session), account=account)

    async def user_login(self, username: str, password: SecretStr) -> Login:
        """``User.Login``: a user session and the user's row (its hash and API key dropped)."""
        return await self._login("User.Login", kind="user", username=username, password=password)

    async def admin_login(self, username: str, password: SecretStr) -> Login:
        """``Admin.Login``: an admin session and the admin's row (its hash dropped)."""
        return await self._login("Admin.Login", kind="admin", username=username, password=password)

    async def client_login(self, username: str, password: SecretStr) -> Login:
        """``Client.Login``: a client session (4.x describes no account with it)."""
        return await self._login(
            "Client.Login", kind="client", username=username, password=password
        )

    async def login_account(self) -> User | Admin | Client | None:
        """The account the gateway logs in as (logging in if needed); None with an API key."""
        return await self.auth.account()

    async def switch_user(self, user_id: int) -> Login:
        """``User.Switch`` (admin scope): a session of the user with default privileges.

        The admin's own session stays valid. The reads taking ``as_user`` call this themselves,
        once per user for the life of the client; an unknown user is ``UpstreamNotFound``.
        """
        form: Form = [("UserID", str(user_id)), ("PrivilegeType", "Default")]
        # Not a read: each answer opens a session, so a lost answer is not sent again.
        data = await self._call("User.Switch", form, read=False)
        session, account = wire.parse_login(data, command="User.Switch")
        return Login(kind="user", session=SecretStr(session), account=account)

    # -- users and groups (admin scope) ---------------------------------------------------------

    async def get_users(
        self,
        *,
        offset: int = 0,
        limit: int = 100,
        group: int | str | None = None,
        order_field: str = "UserID",
        order_type: str = "ASC",
        search_field: str = "",
        search_keyword: str = "",
    ) -> Page[User]:
        """``Users.Get``: a page of users, optionally of one group.

        ``group`` is a group id, ``Enabled``, ``Disabled`` or ``Online``; None means every user.
        """
        form: Form = [
            ("OrderField", order_field),
            ("OrderType", order_type),
            ("RelUserGroupID", "" if group is None else str(group)),
            *_window(offset, limit),
            ("SearchField", search_field),
            ("SearchKeyword", search_keyword),
        ]
        return await self._listing(
            "Users.Get", "Users", wire.parse_user, totals=("TotalUsers",), form=form, offset=offset
        )

    async def get_user(self, user_id: int | None = None, *, email: str | None = None) -> User:
        """``User.Get`` by id or by e-mail address."""
        form: Form = []
        _given(form, "UserID", user_id)
        _given(form, "EmailAddress", email)
        data = await self._call("User.Get", form, read=True)
        return wire.decode_record(
            data, "UserInformation", parse=wire.parse_user, command="User.Get"
        )

    async def update_user(
        self,
        user_id: int,
        *,
        enabled: bool | None = None,
        email: str | None = None,
        username: str | None = None,
        password: SecretStr | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        company_name: str | None = None,
        phone: str | None = None,
        timezone: str | None = None,
        language: str | None = None,
        reputation: str | None = None,
        group_id: int | None = None,
        available_credits: int | None = None,
    ) -> None:
        """``User.Update``: change only the given columns; ``enabled`` sets ``AccountStatus``.

        The user's ``APIKey`` column is not offered: a server that takes per-call API keys
        reads an ``APIKey`` parameter as the caller's credentials, not as the new value.
        """
        form: Form = [("UserID", str(user_id))]
        _given(form, "AccountStatus", None if enabled is None else _enabled(enabled))
        _given(form, "EmailAddress", email)
        _given(form, "Username", username)
        _given(form, "Password", None if password is None else password.get_secret_value())
        _given(form, "FirstName", first_name)
        _given(form, "LastName", last_name)
        # The v4 page spells it "Companyname"; names are case-insensitive, so send the sane one.
        _given(form, "CompanyName", company_name)
        _given(form, "Phone", phone)
        _given(form, "TimeZone", timezone)
        _given(form, "Language", language)
        _given(form, "ReputationLevel", reputation)
        _given(form, "RelUserGroupID", group_id)
        _given(form, "AvailableCredits", available_credits)
        await self._call("User.Update", form, read=False)

    async def get_user_group(self, group_id: int) -> UserGroup:
        """``UserGroup.Get``: one plan with its limits (sending credentials dropped)."""
        data = await self._call("UserGroup.Get", [("UserGroupID", str(group_id))], read=True)
        return wire.decode_record(
            data, "UserGroup", parse=wire.parse_user_group, command="UserGroup.Get"
        )

    # -- lists ----------------------------------------------------------------------------------

    async def get_lists(
        self,
        *,
        order_field: str = "ListID",
        order_type: str = "ASC",
        as_user: int | None = None,
    ) -> Page[MailingList]:
        """``Lists.Get``: every list of the user at once (4.x does not page it)."""
        form: Form = [("OrderField", order_field), ("OrderType", order_type)]
        return await self._listing(
            "Lists.Get",
            "Lists",
            wire.parse_list,
            totals=("TotalListCount",),
            form=form,
            as_user=as_user,
        )

    async def get_list(self, list_id: int, *, as_user: int | None = None) -> MailingList:
        """``List.Get``; a list that is not the user's is ``UpstreamNotFound``."""
        form: Form = [("ListID", str(list_id))]
        data = await self._call("List.Get", form, read=True, as_user=as_user)
        return wire.decode_record(data, "List", parse=wire.parse_list, command="List.Get")

    async def create_list(self, name: str) -> int:
        """``List.Create``; returns the new list's id."""
        data = await self._call("List.Create", [("SubscriberListName", name)], read=False)
        return wire.new_id(data, "ListID", command="List.Create")

    async def update_list(
        self,
        list_id: int,
        *,
        name: str | None = None,
        opt_in_mode: str | None = None,
        opt_in_confirmation_email_id: int | None = None,
        opt_out_scope: str | None = None,
        opt_out_add_to_suppression_list: bool | None = None,
        send_service_integration_failed_notification: bool | None = None,
        hide_in_subscriber_area: bool | None = None,
        subscription_confirmation_pending_page_url: str | None = None,
        subscription_confirmed_page_url: str | None = None,
    ) -> None:
        """``List.Update``: change only the given settings (5.x makes all but the id optional)."""
        form: Form = [("SubscriberListID", str(list_id))]
        _given(form, "Name", name)
        _given(form, "OptInMode", opt_in_mode)
        _given(form, "OptInConfirmationEmailID", opt_in_confirmation_email_id)
        _given(form, "OptOutScope", opt_out_scope)
        if opt_out_add_to_suppression_list is not None:
            form.append(("OptOutAddToSuppressionList", _yes(opt_out_add_to_suppression_list)))
        if send_service_integration_failed_notification is not None:
            form.append(
                (
                    "SendServiceIntegrationFailedNotification",
                    _true(send_service_integration_failed_notification),
                )
            )
        if hide_in_subscriber_area is not None:
            form.append(("HideInSubscriberArea", _true(hide_in_subscriber_area)))
        _given(
            form,
            "SubscriptionConfirmationPendingPageURL",
            subscription_confirmation_pending_page_url,
        )
        _given(form, "SubscriptionConfirmedPageURL", subscription_confirmed_page_url)
        await self._call("List.Update", form, read=False)

    async def delete_lists(self, list_ids: Sequence[int]) -> None:
        """``Lists.Delete``: a comma list of ids."""
        await self._call("Lists.Delete", [("Lists", _ids(list_ids))], read=False)

    async def get_custom_fields(
        self,
        list_id: int,
        *,
        order_field: str = "CustomFieldID",
        order_type: str = "ASC",
        as_user: int | None = None,
    ) -> Page[CustomField]:
        """``CustomFields.Get``: every field of a list (unpaged)."""
        form: Form = [
            ("SubscriberListID", str(list_id)),
            ("OrderField", order_field),
            ("OrderType", order_type),
        ]
        return await self._listing(
            "CustomFields.Get",
            "CustomFields",
            wire.parse_custom_field,
            totals=("TotalCustomFields", "TotalFieldCount"),
            form=form,
            as_user=as_user,
        )

    # -- subscribers ----------------------------------------------------------------------------

    async def subscribe(
        self,
        list_id: int,
        email: str,
        *,
        custom_fields: Mapping[int, str | Sequence[str]] | None = None,
        ip_address: str | None = None,
    ) -> SubscribeResult:
        """``Subscriber.Subscribe`` (public): ``CustomField<N>`` values, several as ``[]``."""
        form: Form = [
            ("ListID", str(list_id)),
            ("EmailAddress", email),
            ("IPAddress", self._ip_address if ip_address is None else ip_address),
        ]
        for field_id, value in (custom_fields or {}).items():
            if isinstance(value, str):
                form.append((f"CustomField{field_id}", value))
            else:
                form += [(f"CustomField{field_id}[]", item) for item in value]
        data = await self._call("Subscriber.Subscribe", form, read=False, public=True)
        return wire.parse_subscribe_result(data, command="Subscriber.Subscribe")

    async def unsubscribe(
        self,
        list_id: int,
        *,
        email: str | None = None,
        subscriber_id: int | None = None,
        campaign_id: int | None = None,
        email_id: int | None = None,
        preview: bool = False,
        ip_address: str | None = None,
    ) -> str | None:
        """``Subscriber.Unsubscribe`` (public) by address or id; returns the redirect URL.

        ``preview`` asks for a dry run; ``campaign_id``/``email_id`` credit the unsubscription.
        """
        form: Form = [
            ("ListID", str(list_id)),
            ("IPAddress", self._ip_address if ip_address is None else ip_address),
        ]
        _given(form, "EmailAddress", email)
        _given(form, "SubscriberID", subscriber_id)
        _given(form, "CampaignID", campaign_id)
        _given(form, "EmailID", email_id)
        if preview:
            form.append(("Preview", "1"))
        data = await self._call("Subscriber.Unsubscribe", form, read=False, public=True)
        redirect = data.get("RedirectURL")
        return redirect if isinstance(redirect, str) and redirect else None

    async def get_subscriber(
        self, list_id: int, email: str, *, as_user: int | None = None
    ) -> Subscriber:
        """``Subscriber.Get`` (4.1.15+); on an older server, a searched ``Subscribers.Get``.

        The server is older when it answers ``Subscriber.Get`` as it answers a command it does
        not have (a PHP fatal error page, an empty body, or code 100003); the client then stops
        asking it. The fallback reads the ``Active`` subscribers only (contract §7).
        """
        if self._subscriber_get is not False:
            form: Form = [("ListID", str(list_id)), ("EmailAddress", email)]
            try:
                data = await self._call("Subscriber.Get", form, read=True, as_user=as_user)
            except wire.OemproUnknownCommand:
                if self._subscriber_get:
                    raise
                self._subscriber_get = False
            else:
                self._subscriber_get = True
                return wire.decode_record(
                    data,
                    "SubscriberInformation",
                    parse=lambda raw: wire.parse_subscriber(raw, list_id=list_id),
                    command="Subscriber.Get",
                )
        return await self._search_subscriber(list_id, email, as_user=as_user)

    async def _search_subscriber(
        self, list_id: int, email: str, *, as_user: int | None
    ) -> Subscriber:
        wanted = email.strip().lower()
        offset = 0
        while True:
            page = await self.get_subscribers(
                list_id,
                segment="Active",
                offset=offset,
                limit=_SEARCH_PAGE,
                search_field="EmailAddress",
                search_keyword=email.strip(),
                as_user=as_user,
            )
            # The search matches substrings: keep the exact address only.
            for subscriber in page.items:
                if subscriber.email.lower() == wanted:
                    return subscriber
            offset += len(page.items)
            if not page.items or page.total is None or offset >= page.total:
                raise UpstreamNotFound(
                    f"Oempro list {list_id} has no active subscriber with that address",
                    platform=_PLATFORM,
                    operation="Subscribers.Get",
                )

    async def get_subscribers(
        self,
        list_id: int,
        *,
        segment: str | int = "Active",
        offset: int = 0,
        limit: int = 100,
        order_field: str = "SubscriberID",
        order_type: str = "ASC",
        search_field: str = "",
        search_keyword: str = "",
        as_user: int | None = None,
    ) -> Page[Subscriber]:
        """``Subscribers.Get``: a page of one status or segment, with the total.

        ``segment`` is one of :data:`STATUS_SEGMENTS` or a segment id. ``TotalSubscribers``
        counts the whole status, so ``limit=1`` is how a list's subscribers are counted.
        """
        form: Form = [
            ("SubscriberListID", str(list_id)),
            ("SubscriberSegment", str(segment)),
            ("OrderField", order_field),
            ("OrderType", order_type),
            *_window(offset, limit),
            # Empty strings switch the search off.
            ("SearchField", search_field),
            ("SearchKeyword", search_keyword),
        ]
        return await self._listing(
            "Subscribers.Get",
            "Subscribers",
            lambda raw: wire.parse_subscriber(raw, list_id=list_id),
            totals=("TotalSubscribers",),
            form=form,
            as_user=as_user,
            offset=offset,
        )

    async def update_subscriber(
        self,
        list_id: int,
        subscriber_id: int,
        *,
        email: str,
        custom_fields: Mapping[int, str] | None = None,
    ) -> None:
        """``Subscriber.Update`` as the list's owner: address and ``Fields[CustomField<N>]``."""
        form: Form = [
            ("SubscriberID", str(subscriber_id)),
            ("SubscriberListID", str(list_id)),
            ("EmailAddress", email),
            ("Access", "admin"),
        ]
        form += [
            (f"Fields[CustomField{field_id}]", value)
            for field_id, value in (custom_fields or {}).items()
        ]
        await self._call("Subscriber.Update", form, read=False)

    # -- campaigns ------------------------------------------------------------------------------

    async def get_campaigns(
        self,
        *,
        status: CampaignStatus | None = None,
        offset: int = 0,
        limit: int = 100,
        order_field: str = "CampaignID",
        order_type: str = "ASC",
        search: str = "",
        as_user: int | None = None,
    ) -> Page[Campaign]:
        """``Campaigns.Get``: a page of campaigns (rows carry the statistics columns)."""
        form: Form = [
            ("CampaignStatus", "All" if status is None else status.value),
            ("OrderField", order_field),
            ("OrderType", order_type),
            *_window(offset, limit),
            # The v4 reference spells it "SearchKeyowrd"; 5.x reads "SearchKeyword".
            ("SearchKeyowrd", search),
            ("SearchKeyword", search),
        ]
        return await self._listing(
            "Campaigns.Get",
            "Campaigns",
            wire.parse_campaign,
            totals=("TotalCampaigns",),
            form=form,
            as_user=as_user,
            offset=offset,
        )

    async def get_campaign(
        self, campaign_id: int, *, statistics: bool = True, as_user: int | None = None
    ) -> Campaign:
        """``Campaign.Get``; an empty ``Campaign`` (how it says "not found") is NotFound."""
        form: Form = [
            ("CampaignID", str(campaign_id)),
            ("RetrieveStatistics", _true(statistics)),
        ]
        data = await self._call("Campaign.Get", form, read=True, as_user=as_user)
        return wire.decode_record(
            data, "Campaign", parse=wire.parse_campaign, command="Campaign.Get"
        )

    async def create_campaign(self, name: str) -> int:
        """``Campaign.Create``: a draft; returns its id."""
        data = await self._call("Campaign.Create", [("CampaignName", name)], read=False)
        return wire.new_id(data, "CampaignID", command="Campaign.Create")

    async def update_campaign(
        self,
        campaign_id: int,
        *,
        name: str | None = None,
        status: CampaignStatus | None = None,
        email_id: int | None = None,
        recipients: Sequence[tuple[int, int]] | None = None,
        schedule_type: ScheduleType | None = None,
        send_date: date | None = None,
        send_time: time | None = None,
        send_timezone: str | None = None,
        days_of_week: Sequence[int] | None = None,
        days_of_month: Sequence[int] | None = None,
        months: Sequence[int] | None = None,
        hours: Sequence[int] | None = None,
        minutes: Sequence[int] | None = None,
        max_instances: int | None = None,
        publish_on_rss: bool | None = None,
        google_analytics_domains: Sequence[str] | None = None,
        approval_user_explanation: str | None = None,
    ) -> None:
        """``Campaign.Update``: change only what is given.

        ``recipients`` are ``(list id, segment id)`` pairs, segment 0 meaning the whole list.
        Recursive schedules take comma lists (0 = every day, month, ...). An untrusted user's
        ``Ready`` becomes ``Pending Approval`` while the call still succeeds: re-read it.
        """
        form: Form = [("CampaignID", str(campaign_id))]
        _given(form, "CampaignName", name)
        _given(form, "RelEmailID", email_id)
        if recipients is not None:
            pairs = ",".join(f"{list_id}:{segment_id}" for list_id, segment_id in recipients)
            form.append(("RecipientListsAndSegments", pairs))
        _given(form, "ScheduleType", schedule_type)
        _given(form, "SendDate", None if send_date is None else send_date.strftime("%Y-%m-%d"))
        _given(form, "SendTime", None if send_time is None else send_time.strftime("%H:%M:%S"))
        _given(form, "SendTimeZone", send_timezone)
        for param, values in (
            ("ScheduleRecDaysOfWeek", days_of_week),
            ("ScheduleRecDaysOfMonth", days_of_month),
            ("ScheduleRecMonths", months),
            ("ScheduleRecHours", hours),
            ("ScheduleRecMinutes", minutes),
        ):
            _given(form, param, None if values is None else _ids(values))
        _given(form, "ScheduleRecSendMaxInstance", max_instances)
        if publish_on_rss is not None:
            form.append(("PublishOnRSS", _enabled(publish_on_rss)))
        if google_analytics_domains is not None:
            form.append(("GoogleAnalyticsDomains", "\n".join(google_analytics_domains)))
        _given(form, "ApprovalUserExplanation", approval_user_explanation)
        _given(form, "CampaignStatus", None if status is None else status.value)
        await self._call("Campaign.Update", form, read=False)

    async def schedule_campaign(
        self,
        campaign_id: int,
        *,
        send_at: datetime | None = None,
        timezone: str = "UTC",
        email_id: int | None = None,
        recipients: Sequence[tuple[int, int]] | None = None,
    ) -> None:
        """Ready a campaign to send now (``send_at`` None) or at ``send_at``.

        ``Campaign.Update`` with ``CampaignStatus=Ready`` and ``ScheduleType`` ``Immediate`` or
        ``Future`` (``send_at``, an aware time, is sent as date and time in ``timezone``); the
        server's cron sends it.
        """
        if send_at is None:
            await self.update_campaign(
                campaign_id,
                email_id=email_id,
                recipients=recipients,
                schedule_type="Immediate",
                status=CampaignStatus.READY,
            )
            return
        if send_at.tzinfo is None:
            raise ValueError("send_at must be timezone-aware")
        try:
            zone = UTC if timezone == "UTC" else ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {timezone!r}") from None
        local = send_at.astimezone(zone)
        await self.update_campaign(
            campaign_id,
            email_id=email_id,
            recipients=recipients,
            schedule_type="Future",
            send_date=local.date(),
            send_time=local.time().replace(microsecond=0),
            send_timezone=timezone,
            status=CampaignStatus.READY,
        )

    async def cancel_campaign(self, campaign_id: int) -> None:
        """Take a campaign back to an unscheduled draft.

        4.x has no cancel command: this is ``Campaign.Update`` with ``CampaignStatus=Draft`` and
        ``ScheduleType=Not Scheduled``.
        """
        await self.update_campaign(
            campaign_id, schedule_type="Not Scheduled", status=CampaignStatus.DRAFT
        )

    async def delete_campaigns(self, campaign_ids: Sequence[int]) -> None:
        """``Campaigns.Delete``: a comma list of ids."""
        await self._call("Campaigns.Delete", [("Campaigns", _ids(campaign_ids))], read=False)

    # -- emails ---------------------------------------------------------------------------------

    async def create_email(self) -> int:
        """``Email.Create``: a blank content record to fill with :meth:`update_email`."""
        data = await self._call("Email.Create", read=False)
        return wire.new_id(data, "EmailID", command="Email.Create")

    async def update_email(
        self,
        email_id: int,
        *,
        validate_scope: str = "Campaign",
        name: str | None = None,
        subject: str | None = None,
        from_name: str | None = None,
        from_email: str | None = None,
        reply_to_name: str | None = None,
        reply_to_email: str | None = None,
        mode: str | None = None,
        html_content: str | None = None,
        plain_content: str | None = None,
        fetch_url: str | None = None,
        template_id: int | None = None,
        image_embedding: bool | None = None,
    ) -> None:
        """``Email.Update``: change only the given parts of an email record.

        ``validate_scope`` (``Campaign``, ``OptIn``, ``AutoResponder``) decides which links the
        content must hold.
        """
        form: Form = [("EmailID", str(email_id)), ("ValidateScope", validate_scope)]
        _given(form, "EmailName", name)
        _given(form, "Subject", subject)
        _given(form, "FromName", from_name)
        _given(form, "FromEmail", from_email)
        _given(form, "ReplyToName", reply_to_name)
        _given(form, "ReplyToEmail", reply_to_email)
        _given(form, "Mode", mode)
        _given(form, "HTMLContent", html_content)
        _given(form, "PlainContent", plain_content)
        _given(form, "FetchURL", fetch_url)
        _given(form, "RelTemplateID", template_id)
        if image_embedding is not None:
            form.append(("ImageEmbedding", _enabled(image_embedding)))
        await self._call("Email.Update", form, read=False)

    async def get_email(self, email_id: int, *, as_user: int | None = None) -> Email:
        """``Email.Get``: one content record (where a campaign's subject lives)."""
        form: Form = [("EmailID", str(email_id))]
        data = await self._call("Email.Get", form, read=True, as_user=as_user)
        return wire.decode_record(
            data, "EmailInformation", parse=wire.parse_email, command="Email.Get"
        )

    async def get_emails(self, *, as_user: int | None = None) -> Page[Email]:
        """``Emails.Get``: every content record of the user at once (unpaged)."""
        return await self._listing(
            "Emails.Get", "Emails", wire.parse_email, totals=("TotalEmailCount",), as_user=as_user
        )

    async def delete_email(self, email_id: int) -> None:
        """``Email.Delete``: one content record (singular, by ``EmailID``, unlike bulk deletes)."""
        await self._call("Email.Delete", [("EmailID", str(email_id))], read=False)

    # -- segments -------------------------------------------------------------------------------

    async def get_segments(
        self,
        list_id: int,
        *,
        order_field: str = "SegmentID",
        order_type: str = "ASC",
        as_user: int | None = None,
    ) -> Page[Segment]:
        """``Segment.Get`` (singular: the 4.x *list* command): every segment of a list."""
        form: Form = [
            ("SubscriberListID", str(list_id)),
            ("OrderField", order_field),
            ("OrderType", order_type),
        ]
        return await self._listing(
            "Segment.Get",
            "Segments",
            wire.parse_segment,
            totals=("TotalSegments", "TotalSegmentCount"),
            form=form,
            as_user=as_user,
        )

    async def create_segment(
        self,
        list_id: int,
        name: str,
        *,
        operator: str = "and",
        rules: Sequence[SegmentRule] = (),
    ) -> int:
        """``Segment.Create`` with its rules as the parallel ``SegmentRule*[]`` arrays."""
        form: Form = [
            ("SubscriberListID", str(list_id)),
            ("SegmentName", name),
            ("SegmentOperator", operator),
        ]
        for rule in rules:
            form += [
                ("SegmentRuleField[]", rule.field),
                ("SegmentRuleOperator[]", rule.operator),
                ("SegmentRuleFilter[]", rule.filter),
            ]
        data = await self._call("Segment.Create", form, read=False)
        return wire.new_id(data, "SegmentID", command="Segment.Create")

    async def delete_segments(self, segment_ids: Sequence[int]) -> None:
        """``Segments.Delete``: a comma list of ids."""
        await self._call("Segments.Delete", [("Segments", _ids(segment_ids))], read=False)

    # -- clients --------------------------------------------------------------------------------

    async def get_clients(
        self,
        *,
        order_field: str = "ClientID",
        order_type: str = "ASC",
        as_user: int | None = None,
    ) -> Page[Client]:
        """``Clients.Get``: every client of the user (unpaged; passwords dropped)."""
        # Documented as "OrderTYPE"; names are case-insensitive, so the sane spelling works.
        form: Form = [("OrderField", order_field), ("OrderType", order_type)]
        return await self._listing(
            "Clients.Get",
            "Clients",
            wire.parse_client,
            totals=("TotalClientCount",),
            form=form,
            as_user=as_user,
        )
