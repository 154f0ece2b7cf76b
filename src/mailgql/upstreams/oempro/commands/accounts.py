"""Commands about who calls: the logins, ``User.Switch``, users, user groups and clients."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import SecretStr

from mailgql.upstreams.oempro import wire
from mailgql.upstreams.oempro.auth import Login, LoginKind
from mailgql.upstreams.oempro.commands._base import Command, Form, listing, record, write
from mailgql.upstreams.oempro.commands._form import enabled_disabled, given, ordered, window
from mailgql.upstreams.oempro.records import Client, Page, User, UserGroup

__all__ = [
    "admin_login",
    "client_login",
    "get_clients",
    "get_user",
    "get_user_group",
    "get_users",
    "switch_user",
    "update_user",
    "user_login",
]


def _login(command: str, kind: LoginKind, username: str, password: SecretStr) -> Command[Login]:
    form: Form = [
        ("Username", username),
        ("Password", password.get_secret_value()),
        ("RememberMe", "yes"),
        # Without it, an install with login CAPTCHA on refuses API logins with code 4.
        ("DisableCaptcha", "true"),
    ]
    return Command(command, form, decode=_session(command, kind), read=False, public=True)


def _session(command: str, kind: LoginKind) -> Callable[[dict[str, Any]], Login]:
    def decode(data: dict[str, Any]) -> Login:
        session, account = wire.parse_login(data, command=command)
        return Login(kind=kind, session=SecretStr(session), account=account)

    return decode


def user_login(username: str, password: SecretStr) -> Command[Login]:
    """``User.Login``: a user session and the user's row (its hash and API key dropped)."""
    return _login("User.Login", "user", username, password)


def admin_login(username: str, password: SecretStr) -> Command[Login]:
    """``Admin.Login``: an admin session and the admin's row (its hash dropped)."""
    return _login("Admin.Login", "admin", username, password)


def client_login(username: str, password: SecretStr) -> Command[Login]:
    """``Client.Login``: a client session (4.x describes no account with it)."""
    return _login("Client.Login", "client", username, password)


def switch_user(user_id: int) -> Command[Login]:
    """``User.Switch`` (admin scope): a session of the user with default privileges.

    The admin's own session stays valid. The reads taking ``as_user`` call this themselves,
    once per user for the life of the client; an unknown user is ``UpstreamNotFound``.
    """
    form: Form = [("UserID", str(user_id)), ("PrivilegeType", "Default")]
    # Not a read: each answer opens a session, so a lost answer is not sent again.
    return Command("User.Switch", form, decode=_session("User.Switch", "user"), read=False)


def get_users(
    *,
    offset: int = 0,
    limit: int = 100,
    group: int | str | None = None,
    order_field: str = "UserID",
    order_type: str = "ASC",
    search_field: str = "",
    search_keyword: str = "",
) -> Command[Page[User]]:
    """``Users.Get``: a page of users, optionally of one group.

    ``group`` is a group id, ``Enabled``, ``Disabled`` or ``Online``; None means every user.
    """
    form: Form = [
        *ordered(order_field, order_type),
        ("RelUserGroupID", "" if group is None else str(group)),
        *window(offset, limit),
        ("SearchField", search_field),
        ("SearchKeyword", search_keyword),
    ]
    return listing(
        "Users.Get", form, "Users", wire.parse_user, totals=("TotalUsers",), offset=offset
    )


def get_user(user_id: int | None = None, *, email: str | None = None) -> Command[User]:
    """``User.Get`` by id or by e-mail address."""
    form: Form = []
    given(form, "UserID", user_id)
    given(form, "EmailAddress", email)
    return record("User.Get", form, "UserInformation", wire.parse_user)


def update_user(
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
) -> Command[None]:
    """``User.Update``: change only the given columns; ``enabled`` sets ``AccountStatus``.

    The user's ``APIKey`` column is not offered: a server that takes per-call API keys
    reads an ``APIKey`` parameter as the caller's credentials, not as the new value.
    """
    form: Form = [("UserID", str(user_id))]
    given(form, "AccountStatus", enabled, enabled_disabled)
    given(form, "EmailAddress", email)
    given(form, "Username", username)
    given(form, "Password", password, SecretStr.get_secret_value)
    given(form, "FirstName", first_name)
    given(form, "LastName", last_name)
    # The v4 page spells it "Companyname"; names are case-insensitive, so send the sane one.
    given(form, "CompanyName", company_name)
    given(form, "Phone", phone)
    given(form, "TimeZone", timezone)
    given(form, "Language", language)
    given(form, "ReputationLevel", reputation)
    given(form, "RelUserGroupID", group_id)
    given(form, "AvailableCredits", available_credits)
    return write("User.Update", form)


def get_user_group(group_id: int) -> Command[UserGroup]:
    """``UserGroup.Get``: one plan with its limits (sending credentials dropped)."""
    form: Form = [("UserGroupID", str(group_id))]
    return record("UserGroup.Get", form, "UserGroup", wire.parse_user_group)


def get_clients(
    *, order_field: str = "ClientID", order_type: str = "ASC", as_user: int | None = None
) -> Command[Page[Client]]:
    """``Clients.Get``: every client of the user (unpaged; passwords dropped)."""
    form = ordered(order_field, order_type)
    totals = ("TotalClientCount",)
    return listing(
        "Clients.Get", form, "Clients", wire.parse_client, totals=totals, as_user=as_user
    )
