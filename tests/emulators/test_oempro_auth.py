"""Oempro emulator: logins, CAPTCHA, sessions, expiry, scopes, API keys and ``User.Switch``."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest

from mailgql.emulators import Emulators
from mailgql.emulators.oempro import (
    OEMPRO_ADMIN_PASSWORD,
    OEMPRO_ADMIN_USERNAME,
    OEMPRO_CLIENT_PASSWORD,
    OEMPRO_CLIENT_USERNAME,
    OEMPRO_USER_API_KEY,
    OEMPRO_USER_PASSWORD,
    OEMPRO_USER_USERNAME,
)
from mailgql.emulators.oempro.records import md5_hex
from tests.emulators.test_oempro_support import OemproApi, failed, open_api


@pytest.fixture
async def api(emulators: Emulators) -> AsyncIterator[OemproApi]:
    async with open_api(emulators) as api:
        yield api


LOGINS = [
    ("User.Login", OEMPRO_USER_USERNAME, OEMPRO_USER_PASSWORD),
    ("Admin.Login", OEMPRO_ADMIN_USERNAME, OEMPRO_ADMIN_PASSWORD),
]


async def test_user_login_returns_session_and_full_user_row_with_secrets(api: OemproApi) -> None:
    body = await api.call(
        "User.Login",
        Username=OEMPRO_USER_USERNAME,
        Password=OEMPRO_USER_PASSWORD,
        RememberMe="yes",
        DisableCaptcha="true",
    )
    assert body["Success"] is True
    assert body["ErrorCode"] == 0
    assert re.fullmatch(r"[0-9a-f]{32}", body["SessionID"])
    info = body["UserInfo"]
    assert info["Username"] == OEMPRO_USER_USERNAME
    assert info["Password"] == md5_hex(OEMPRO_USER_PASSWORD)
    assert info["APIKey"] == OEMPRO_USER_API_KEY
    assert info["UserID"] == "1"
    assert info["AccountStatus"] == "Enabled"
    assert "PreviewMyEmailAPIKey" in info
    assert all(isinstance(v, str) for v in info.values())


async def test_admin_login_returns_admin_info_with_hash(api: OemproApi) -> None:
    body = await api.call(
        "Admin.Login",
        Username=OEMPRO_ADMIN_USERNAME,
        Password=OEMPRO_ADMIN_PASSWORD,
        DisableCaptcha="true",
    )
    assert body["Success"] is True
    assert re.fullmatch(r"[0-9a-f]{32}", body["SessionID"])
    assert body["AdminInfo"]["Password"] == md5_hex(OEMPRO_ADMIN_PASSWORD)
    assert body["AdminInfo"]["Username"] == OEMPRO_ADMIN_USERNAME
    assert set(body["AdminInfo"]) == {"AdminID", "Name", "EmailAddress", "Username", "Password"}


async def test_client_login_returns_only_a_session(api: OemproApi) -> None:
    body = await api.call(
        "Client.Login", Username=OEMPRO_CLIENT_USERNAME, Password=OEMPRO_CLIENT_PASSWORD
    )
    assert body["Success"] is True
    assert re.fullmatch(r"[0-9a-f]{32}", body["SessionID"])
    assert set(body) == {"Success", "ErrorCode", "ErrorText", "SessionID"}


@pytest.mark.parametrize(("command", "username", "password"), LOGINS)
async def test_login_validation_codes(
    api: OemproApi, command: str, username: str, password: str
) -> None:
    both = await api.call(command, DisableCaptcha="true")
    assert failed(both, 1, 2)
    assert both["ErrorText"] == ["Username is missing", "Password is missing"]
    assert failed(await api.call(command, Password=password, DisableCaptcha="true"), 1)
    assert failed(await api.call(command, Username=username, DisableCaptcha="true"), 2)
    wrong = await api.call(command, Username=username, Password="nope", DisableCaptcha="true")
    assert failed(wrong, 3)


@pytest.mark.parametrize(("command", "username", "password"), LOGINS)
async def test_captcha_is_on_so_logins_need_disable_captcha(
    api: OemproApi, command: str, username: str, password: str
) -> None:
    assert failed(await api.call(command, Username=username, Password=password), 4)
    guessed = await api.call(command, Username=username, Password=password, Captcha="x7k2")
    assert failed(guessed, 5)
    off = await api.call(command, Username=username, Password=password, DisableCaptcha="TRUE")
    assert off["Success"] is True


async def test_client_login_codes_and_no_captcha(api: OemproApi) -> None:
    assert failed(await api.call("Client.Login"), 1, 2)
    assert failed(await api.call("Client.Login", Username=OEMPRO_CLIENT_USERNAME), 2)
    assert failed(await api.call("Client.Login", Username="x", Password="y"), 3)
    ok = await api.call(
        "Client.Login", Username=OEMPRO_CLIENT_USERNAME.upper(), Password=OEMPRO_CLIENT_PASSWORD
    )
    assert ok["Success"] is True


async def test_disabled_accounts_cannot_log_in(api: OemproApi) -> None:
    cedar = api.state.user_by_username("cedarworks")
    assert cedar is not None
    assert cedar["AccountStatus"] == "Disabled"
    await api.as_admin("User.Update", UserID=cedar.id, Password="Known-Pass-1")
    body = await api.call(
        "User.Login", Username="cedarworks", Password="Known-Pass-1", DisableCaptcha="true"
    )
    assert failed(body, 3)
    juniper = next(c for c in api.state.clients.values() if c["ClientName"] == "Juniper Studio")
    await api.as_user(
        "Client.Update",
        ClientID=juniper.id,
        ClientName="Juniper Studio",
        ClientUsername="juniper-studio",
        ClientEmailAddress="juniper@clients.example",
        ClientPassword="Known-Pass-2",
    )
    body = await api.call("Client.Login", Username="juniper-studio", Password="Known-Pass-2")
    assert failed(body, 3)


async def test_missing_or_unknown_session_is_bare_99998(api: OemproApi) -> None:
    for body in (
        await api.call("Lists.Get"),
        await api.call("Lists.Get", SessionID="0" * 32),
        await api.call("Users.Get", SessionID="not-a-session"),
    ):
        assert body["Success"] is False
        assert body["ErrorCode"] == 99998
        assert isinstance(body["ErrorCode"], int)
        assert isinstance(body["ErrorText"], str)


async def test_expired_sessions_refuse_writes_before_running_them(api: OemproApi) -> None:
    session = await api.login("user")
    before = len(api.state.lists)
    expired = (await api.client.post("/_emulator/oempro/expire-sessions")).json()
    assert expired == {"expired": 1}
    refused = await api.call("List.Create", SessionID=session, SubscriberListName="Late list")
    assert refused["ErrorCode"] == 99998
    assert len(api.state.lists) == before
    fresh = await api.login("user")
    assert fresh != session
    names = [row["Name"] for row in (await api.call("Lists.Get", SessionID=fresh))["Lists"]]
    assert "Late list" not in names
    replay = await api.call("List.Create", SessionID=fresh, SubscriberListName="Late list")
    assert replay["Success"] is True


async def test_expire_sessions_counts_every_kind(api: OemproApi) -> None:
    for kind in ("user", "admin", "client"):
        await api.login(kind)
    assert (await api.client.post("/_emulator/oempro/expire-sessions")).json() == {"expired": 3}
    for kind in ("user", "admin", "client"):
        body = await api.call("Client.Lists.Get", SessionID=api.sessions[kind])
        assert body["ErrorCode"] == 99998


@pytest.mark.parametrize(
    ("kind", "command"),
    [
        ("user", "Users.Get"),
        ("user", "User.Get"),
        ("user", "User.Create"),
        ("user", "Users.Delete"),
        ("user", "User.Switch"),
        ("user", "UserGroup.Get"),
        ("user", "Client.Lists.Get"),
        ("user", "Client.Campaigns.Get"),
        ("admin", "Lists.Get"),
        ("admin", "Subscribers.Get"),
        ("admin", "Campaign.Create"),
        ("admin", "Clients.Get"),
        ("admin", "Emails.Get"),
        ("admin", "Client.Lists.Get"),
        ("client", "Lists.Get"),
        ("client", "Clients.Get"),
        ("client", "Client.Create"),
        ("client", "Campaigns.Get"),
        ("client", "Users.Get"),
    ],
)
async def test_wrong_scope_is_bare_99999(api: OemproApi, kind: str, command: str) -> None:
    session = await api.login(kind)
    body = await api.call(command, SessionID=session)
    assert body == {"Success": False, "ErrorCode": 99999, "ErrorText": "Not enough privileges"}


async def test_public_commands_need_no_session(api: OemproApi) -> None:
    body = await api.call(
        "Subscriber.Subscribe", ListID=1, EmailAddress="walk.in@example.com", IPAddress="127.0.0.1"
    )
    assert body["Success"] is True
    body = await api.call(
        "Subscriber.Unsubscribe", ListID=1, EmailAddress="walk.in@example.com", IPAddress="1.2.3.4"
    )
    assert body["Success"] is True


async def test_api_key_authenticates_every_call_without_login(api: OemproApi) -> None:
    body = await api.call("Lists.Get", APIKey=OEMPRO_USER_API_KEY)
    assert body["Success"] is True
    assert body["TotalListCount"] == 8
    created = await api.call("List.Create", apikey=OEMPRO_USER_API_KEY, SubscriberListName="K")
    assert isinstance(created["ListID"], int)
    assert api.state.sessions == {}


async def test_api_key_errors(api: OemproApi) -> None:
    assert (await api.call("Lists.Get", APIKey="0000-0000-0000-0000"))["ErrorCode"] == 99998
    assert (await api.call("Users.Get", APIKey=OEMPRO_USER_API_KEY))["ErrorCode"] == 99999
    cedar = api.state.user_by_username("cedarworks")
    assert cedar is not None
    assert (await api.call("Lists.Get", APIKey=cedar["APIKey"]))["ErrorCode"] == 99998


async def test_user_switch_gives_the_admin_a_user_session(api: OemproApi) -> None:
    bluepeak = api.state.user_by_username("bluepeak")
    assert bluepeak is not None
    body = await api.as_admin("User.Switch", UserID=bluepeak.id, PrivilegeType="Full")
    assert body["Success"] is True
    assert re.fullmatch(r"[0-9a-f]{32}", body["SessionID"])
    assert body["UserInfo"]["Username"] == "bluepeak"
    lists = await api.call("Lists.Get", SessionID=body["SessionID"])
    assert {row["RelOwnerUserID"] for row in lists["Lists"]} == {str(bluepeak.id)}
    assert lists["TotalListCount"] == 3
    # The admin session itself keeps its scope.
    assert (await api.as_admin("Lists.Get"))["ErrorCode"] == 99999
    assert (await api.as_admin("Users.Get"))["Success"] is True


async def test_user_switch_codes(api: OemproApi) -> None:
    both = await api.as_admin("User.Switch")
    assert failed(both, 1, 3)
    assert isinstance(both["ErrorText"], str)
    assert failed(await api.as_admin("User.Switch", UserID=999, PrivilegeType="Default"), 2)
    assert failed(await api.as_admin("User.Switch", UserID="abc", PrivilegeType="Default"), 2)
    assert failed(await api.as_admin("User.Switch", UserID=1, PrivilegeType="Root"), 3)


async def test_client_session_sees_only_its_assignments(api: OemproApi) -> None:
    harbor = next(c for c in api.state.clients.values() if c["ClientName"] == "Harbor Agency")
    lists = await api.as_client("Client.Lists.Get")
    assert [int(row["ListID"]) for row in lists["Lists"]] == sorted(harbor.list_ids)
    assert lists["TotalListCount"] == 2
    campaigns = await api.as_client("Client.Campaigns.Get")
    assert [int(row["CampaignID"]) for row in campaigns["Campaigns"]] == harbor.campaign_ids
    assert campaigns["TotalCampaigns"] == 3
    # A client may edit itself (Access=client) but no other client.
    own = await api.as_client(
        "Client.Update",
        ClientID=harbor.id,
        ClientName="Harbor Agency Ltd",
        ClientUsername=OEMPRO_CLIENT_USERNAME,
        ClientEmailAddress="harbor@clients.example",
        Access="client",
    )
    assert own["Success"] is True
    assert harbor["ClientName"] == "Harbor Agency Ltd"
    other = await api.as_client(
        "Client.Update",
        ClientID=harbor.id + 1,
        ClientName="X",
        ClientUsername="x-client",
        ClientEmailAddress="x@clients.example",
    )
    assert failed(other, 8)


async def test_online_users_are_the_ones_with_a_session(api: OemproApi) -> None:
    assert (await api.as_admin("Users.Get", RelUserGroupID="Online"))["TotalUsers"] == 0
    await api.login("user")
    online = await api.as_admin("Users.Get", RelUserGroupID="Online")
    assert [row["Username"] for row in online["Users"]] == [OEMPRO_USER_USERNAME]
