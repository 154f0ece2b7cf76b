"""The Oempro client: the one session-aware send, and a method per ``api.php`` command.

Each command is built by a pure function in ``commands`` (the form, and how to read the answer)
and sent here by :meth:`OemproClient.send`: a form POST to the one ``api.php`` URL with the
command, the response format and the credentials added, decoded by ``wire``. Credentials come
from ``auth``: a session id, logged in on first use and renewed once on 99998, or an API key.
The public commands (``Subscriber.Subscribe``, ``Subscriber.Unsubscribe`` and the logins) are
sent without credentials, as hosted forms send them.

With an admin login, the user-scope reads take ``as_user=<UserID>``: they then run in that
user's session, opened by the admin's ``User.Switch`` (``PrivilegeType=Default``) on first use,
kept for the life of the client and renewed like the main session. ``as_user=None`` (the
default) is the login's own session.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, Concatenate, ParamSpec, TypeVar
from urllib.parse import urlencode

from pydantic import SecretStr

from mailgql.platforms import Platform
from mailgql.settings import OemproConfig
from mailgql.time_zones import time_zone
from mailgql.upstreams._http import Endpoint, PlatformClient, UpstreamHttp
from mailgql.upstreams.errors import (
    Outcome,
    UpstreamError,
    UpstreamNotFound,
    UpstreamRefused,
    UpstreamUnauthenticated,
)
from mailgql.upstreams.oempro import wire
from mailgql.upstreams.oempro.admin_records import SendingTest, SettingsChange
from mailgql.upstreams.oempro.auth import (
    ApiKeyAuth,
    Credentials,
    Login,
    LoginKind,
    OemproAuth,
    SessionAuth,
    SwitchedSessions,
)
from mailgql.upstreams.oempro.commands import (
    Command,
    Form,
    accounts,
    campaigns,
    clients,
    email_tools,
    lists,
    media,
    plans,
    system_settings,
    tags as tag_commands,
    templates,
    themes,
    users,
)
from mailgql.upstreams.oempro.commands.lists import STATUS_SEGMENTS
from mailgql.upstreams.oempro.error_codes import SESSION_EXPIRED
from mailgql.upstreams.oempro.records import Admin, Client, Subscriber, User
from mailgql.upstreams.oempro.wire.columns import server_zone

__all__ = ["STATUS_SEGMENTS", "OemproClient"]

_PLATFORM = Platform.OEMPRO
_FORM_TYPE = {"Content-Type": "application/x-www-form-urlencoded"}
_SEARCH_PAGE = 100

P = ParamSpec("P")
T = TypeVar("T")
_S = TypeVar("_S")


def _sends(
    build: Callable[P, Command[T]],
) -> Callable[Concatenate[OemproClient, P], Coroutine[Any, Any, T]]:
    """A client method that builds its command with ``build`` and sends it.

    The method takes ``build``'s arguments and docstring, so the signature is written once.
    """

    async def method(self: OemproClient, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return await self.send(build(*args, **kwargs))

    method.__name__ = build.__name__
    method.__qualname__ = f"OemproClient.{build.__name__}"
    method.__doc__ = build.__doc__
    # For help() and inspect: the builder's parameters after ``self``, not ``*args, **kwargs``.
    signature = inspect.signature(build)
    me = inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY)
    method.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[me, *signature.parameters.values()],
        return_annotation=inspect.Signature.empty,
    )
    return method


async def _before_sending(command: Command[Any], step: Awaitable[_S]) -> _S:
    """Await a session step a command waits for (a login, a switch, a renewal). When it fails,
    the command itself was never sent: a write's outcome is NOT_APPLIED, whatever the step's own
    was (a login is a write of its own, whose outcome may be unknown), and a read has none."""
    try:
        return await step
    except UpstreamError as exc:
        exc.outcome = None if command.read else Outcome.NOT_APPLIED
        raise


def _fresh_session_refused(
    command: str, as_user: int | None, exc: UpstreamUnauthenticated
) -> UpstreamUnauthenticated:
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
    return UpstreamUnauthenticated(
        hint,
        platform=_PLATFORM,
        operation=command,
        legacy_code=SESSION_EXPIRED,
        legacy_message=exc.legacy_message,
        http_status=exc.http_status,
    )


class OemproClient(PlatformClient[OemproConfig]):
    """Calls ``api.php`` as the configured user, admin (or a user it switched to) or API key."""

    platform = _PLATFORM

    def __init__(self, http: UpstreamHttp, config: OemproConfig) -> None:
        super().__init__(http, config)
        self._subscriber_get: bool | None = None
        """Whether the server has ``Subscriber.Get`` (4.1.15+); None until it answered once."""
        self._switched = SwitchedSessions(self.switch_user)
        self._zone = time_zone(config.server_timezone)
        """The zone of the server's clock, in which its answers' dates are read."""
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
    def endpoint(cls, config: OemproConfig) -> Endpoint:
        """No base URL: every command goes to the configured ``api.php``, in the set format."""
        return Endpoint("", "text/xml" if config.response_format == "XML" else "application/json")

    @property
    def uses_api_key(self) -> bool:
        """Whether calls carry an API key (no login, no session)."""
        return isinstance(self.auth, ApiKeyAuth)

    async def login_account(self) -> User | Admin | Client | None:
        """The account the gateway logs in as (logging in if needed); None with an API key."""
        return await self.auth.account()

    # -- the one send path ----------------------------------------------------------------------

    async def send(self, command: Command[T]) -> T:
        """Send a built command in its session and read the answer with ``command.decode``."""
        answer = await self._call(command)
        with server_zone(self._zone):
            return command.decode(answer)

    async def _call(self, command: Command[Any]) -> dict[str, Any]:
        """Send a command; on 99998 renew the credentials and send it once more.

        The server refuses an unauthenticated command before running it, so sending a write
        again after 99998 cannot apply it twice. ``as_user`` sends it in that user's switched
        session; renewing that session is a new ``User.Switch``, which itself renews the admin
        session first when the server dropped that one too.
        """
        if command.public:
            return await self._post(command, credentials={})
        as_user = command.as_user
        auth = self.auth if as_user is None else self._switched.of(as_user)
        for renewed in (False, True):
            credentials = await _before_sending(command, auth.credentials())
            try:
                return await self._post(command, credentials=credentials)
            except UpstreamUnauthenticated as exc:
                if exc.legacy_code != str(SESSION_EXPIRED):
                    raise
                if renewed:
                    raise _fresh_session_refused(command.name, as_user, exc) from None
            await _before_sending(command, auth.renew(credentials, command=command.name))
        raise AssertionError("unreachable")  # pragma: no cover

    async def _post(self, command: Command[Any], *, credentials: Credentials) -> dict[str, Any]:
        body: Form = [("Command", command.name), ("ResponseFormat", self._config.response_format)]
        body += list(credentials.items())
        body += command.form
        if command.needs_ip and not any(name == "IPAddress" for name, _ in command.form):
            body.append(("IPAddress", self._config.ip_address))
        xml = self._config.response_format == "XML"
        envelope: dict[str, Any] = await self._http.call(
            "POST",
            self._config.url,
            operation=command.name,
            read=command.read,
            decode=lambda r: wire.decode_envelope(
                r.status_code, r.content, command=command.name, xml=xml
            ),
            content=urlencode(body).encode("utf-8"),
            headers=_FORM_TYPE,
        )
        return envelope

    async def _configured_login(self) -> Login:
        username = self._config.username or ""
        password = self._config.password or SecretStr("")
        if self._config.login_as == "admin":
            return await self.admin_login(username, password)
        if self._config.login_as == "client":
            return await self.client_login(username, password)
        return await self.user_login(username, password)

    # -- a read that depends on the server's version --------------------------------------------

    async def get_subscriber(
        self, list_id: int, email: str, *, as_user: int | None = None
    ) -> Subscriber:
        """``Subscriber.Get`` (4.1.15+); on an older server, a searched ``Subscribers.Get``.

        The server is older when it answers ``Subscriber.Get`` as it answers a command it does
        not have (a PHP fatal error page, an empty body, or code 100003); the client then stops
        asking it. The fallback reads the ``Active`` subscribers only (contract §7).
        """
        if self._subscriber_get is not False:
            command = lists.get_subscriber(list_id, email, as_user=as_user)
            try:
                data = await self._call(command)
            except wire.OemproUnknownCommand:
                if self._subscriber_get:
                    raise
                self._subscriber_get = False
            else:
                self._subscriber_get = True
                with server_zone(self._zone):
                    return command.decode(data)
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

    # -- every other command: built in ``commands``, sent by :meth:`send` ------------------------

    user_login = _sends(accounts.user_login)
    admin_login = _sends(accounts.admin_login)
    client_login = _sends(accounts.client_login)
    switch_user = _sends(accounts.switch_user)
    get_users = _sends(accounts.get_users)
    get_user = _sends(accounts.get_user)
    update_user = _sends(accounts.update_user)
    get_user_group = _sends(accounts.get_user_group)
    get_clients = _sends(accounts.get_clients)

    get_lists = _sends(lists.get_lists)
    get_list = _sends(lists.get_list)
    create_list = _sends(lists.create_list)
    update_list = _sends(lists.update_list)
    delete_lists = _sends(lists.delete_lists)
    get_custom_fields = _sends(lists.get_custom_fields)
    get_segments = _sends(lists.get_segments)
    create_segment = _sends(lists.create_segment)
    delete_segments = _sends(lists.delete_segments)

    subscribe = _sends(lists.subscribe)
    unsubscribe = _sends(lists.unsubscribe)
    get_subscribers = _sends(lists.get_subscribers)
    update_subscriber = _sends(lists.update_subscriber)

    get_campaigns = _sends(campaigns.get_campaigns)
    get_campaign = _sends(campaigns.get_campaign)
    create_campaign = _sends(campaigns.create_campaign)
    update_campaign = _sends(campaigns.update_campaign)
    schedule_campaign = _sends(campaigns.schedule_campaign)
    cancel_campaign = _sends(campaigns.cancel_campaign)
    delete_campaigns = _sends(campaigns.delete_campaigns)
    create_email = _sends(campaigns.create_email)
    update_email = _sends(campaigns.update_email)
    get_email = _sends(campaigns.get_email)
    get_emails = _sends(campaigns.get_emails)
    delete_email = _sends(campaigns.delete_email)

    get_tags = _sends(tag_commands.get_tags)
    create_tag = _sends(tag_commands.create_tag)
    update_tag = _sends(tag_commands.update_tag)
    delete_tags = _sends(tag_commands.delete_tags)
    assign_tag = _sends(tag_commands.assign_tag)
    unassign_tag = _sends(tag_commands.unassign_tag)
    get_archive_url = _sends(tag_commands.get_archive_url)

    duplicate_email = _sends(email_tools.duplicate_email)
    send_test_email = _sends(email_tools.send_test_email)
    spam_test = _sends(email_tools.spam_test)
    personalization_tags = _sends(email_tools.personalization_tags)

    get_templates = _sends(templates.get_templates)
    get_template = _sends(templates.get_template)
    create_template = _sends(templates.create_template)
    update_template = _sends(templates.update_template)
    delete_templates = _sends(templates.delete_templates)

    browse_media = _sends(media.browse_media)
    retrieve_media = _sends(media.retrieve_media)
    upload_media = _sends(media.upload_media)
    delete_media = _sends(media.delete_media)
    delete_attachment = _sends(media.delete_attachment)

    # -- the administrator's area: user groups, users, clients, the admin, themes, settings ----

    get_user_groups = _sends(plans.get_user_groups)
    create_user_group = _sends(plans.create_user_group)
    update_user_group = _sends(plans.update_user_group)
    delete_user_group = _sends(plans.delete_user_group)
    duplicate_user_group = _sends(plans.duplicate_user_group)
    create_user = _sends(users.create_user)
    update_user_profile = _sends(users.update_user_profile)
    delete_users = _sends(users.delete_users)
    add_user_credits = _sends(users.add_user_credits)
    get_payment_periods = _sends(users.get_payment_periods)
    update_payment_period = _sends(users.update_payment_period)
    remind_password = _sends(users.remind_password)
    reset_password = _sends(users.reset_password)
    update_admin = _sends(users.update_admin)
    create_client = _sends(clients.create_client)
    update_client = _sends(clients.update_client)
    delete_clients = _sends(clients.delete_clients)
    assign_client_lists = _sends(clients.assign_client_lists)
    assign_client_campaigns = _sends(clients.assign_client_campaigns)
    get_client_lists = _sends(clients.get_client_lists)
    get_client_list = _sends(clients.get_client_list)
    get_client_campaigns = _sends(clients.get_client_campaigns)
    get_client_campaign = _sends(clients.get_client_campaign)
    get_themes = _sends(themes.get_themes)
    get_theme = _sends(themes.get_theme)
    create_theme = _sends(themes.create_theme)
    update_theme = _sends(themes.update_theme)
    delete_themes = _sends(themes.delete_themes)
    update_settings = _sends(system_settings.update_settings)

    async def check_email_sending(self, change: SettingsChange) -> SendingTest:
        """``Settings.EmailSendingTest``: whether the settings deliver, and the server's reason
        when they do not (its error 1 is the test's answer, not a failed call)."""
        try:
            await self.send(system_settings.check_email_sending(change))
        except UpstreamRefused as exc:
            if exc.legacy_code != "1":
                raise
            return SendingTest(passed=False, message=exc.legacy_message)
        return SendingTest(passed=True, message=None)
