"""Tenants: each key's tenant has its own platforms, clients, cached reads and kept answers,
with the caches on; a key naming an unknown tenant stops start-up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from httpx_ws import aconnect_ws

from mailgql.app import create_app
from mailgql.emulators import build_emulators
from mailgql.emulators.maxmailer.seed import (
    MAXMAILER_ADMIN_LOGIN_ID,
    MAXMAILER_RESELLER_LOGIN_ID,
)
from mailgql.platforms import Platform
from mailgql.settings import SettingsError
from tests.auth.conftest import bearer, make_key, open_secured, post, tenants_file
from tests.conftest import gateway_settings

MAXMAILER_URL = "http://emulators/maxmailer/app/api.php"
ACCOUNTS = "{ accounts(platform: MAXMAILER) { nodes { username } } }"
ME = "{ me(platform: MAXMAILER) { username status } }"
RESELLERS_USERS = ["cfernandez", "ifernandez", "truiz", "gmartinez"]


def two_tenants(directory: Path) -> Path:
    """``north`` calls Maxmailer as its administrator, ``south`` as a reseller."""
    return tenants_file(
        directory,
        {
            "north": {
                "maxmailer_url": MAXMAILER_URL,
                "maxmailer_login_id": MAXMAILER_ADMIN_LOGIN_ID,
            },
            "south": {
                "maxmailer_url": MAXMAILER_URL,
                "maxmailer_login_id": MAXMAILER_RESELLER_LOGIN_ID,
            },
        },
    )


def usernames(response: Any) -> list[str]:
    """The usernames of an ``accounts`` answer, failing on any error."""
    body = response.json()
    assert "errors" not in body, body
    return [node["username"] for node in body["data"]["accounts"]["nodes"]]


async def test_each_tenant_sees_its_own_data_and_never_anothers_kept_answer(emulators, tmp_path):
    north, south = make_key("reader", tenant="north"), make_key("reader", tenant="south")
    async with open_secured(
        emulators, north, south, cache_ttl=30, tenants_file=two_tenants(tmp_path)
    ) as gateway:
        everyone = usernames(await post(gateway, ACCOUNTS, north))
        assert set(RESELLERS_USERS) < set(everyone)
        calls = await gateway.calls(Platform.MAXMAILER)
        assert usernames(await post(gateway, ACCOUNTS, north)) == everyone
        assert await gateway.calls(Platform.MAXMAILER) == calls  # north's answer, kept

        assert usernames(await post(gateway, ACCOUNTS, south)) == RESELLERS_USERS
        assert await gateway.calls(Platform.MAXMAILER) > calls  # never north's kept answer
        calls = await gateway.calls(Platform.MAXMAILER)
        assert usernames(await post(gateway, ACCOUNTS, south)) == RESELLERS_USERS
        assert await gateway.calls(Platform.MAXMAILER) == calls  # south's answer, kept
        assert usernames(await post(gateway, ACCOUNTS, north)) == everyone


async def test_a_tenant_never_reads_anothers_cached_reads(emulators, tmp_path):
    north, south = make_key("reader", tenant="north"), make_key("reader", tenant="south")
    async with open_secured(
        emulators, north, south, cache_ttl=30, tenants_file=two_tenants(tmp_path)
    ) as gateway:
        assert (await post(gateway, ME, north)).status_code == 200  # reads every user, kept
        calls = await gateway.calls(Platform.MAXMAILER)
        # Another document (no kept answer) over the same read: south reads for itself...
        assert usernames(await post(gateway, ACCOUNTS, south)) == RESELLERS_USERS
        assert await gateway.calls(Platform.MAXMAILER) > calls
        calls = await gateway.calls(Platform.MAXMAILER)
        # ...while north's kept read answers north.
        assert set(RESELLERS_USERS) < set(usernames(await post(gateway, ACCOUNTS, north)))
        assert await gateway.calls(Platform.MAXMAILER) == calls


async def test_a_key_without_a_tenant_uses_the_main_platforms(emulators, tmp_path):
    main, south = make_key("reader"), make_key("reader", tenant="south")
    async with open_secured(emulators, main, south, tenants_file=two_tenants(tmp_path)) as gateway:
        body = (await post(gateway, "{ me(platform: V2REST) { username } }", main)).json()
        assert body == {"data": {"me": {"username": "demo-admin"}}}
        assert set(RESELLERS_USERS) < set(usernames(await post(gateway, ACCOUNTS, main)))


async def test_a_tenant_has_only_its_own_platforms(emulators, tmp_path):
    north = make_key("reader", tenant="north")
    async with open_secured(emulators, north, tenants_file=two_tenants(tmp_path)) as gateway:
        body = (await post(gateway, "{ me(platform: V2REST) { username } }", north)).json()
        assert body["errors"][0]["extensions"]["code"] == "PLATFORM_NOT_CONFIGURED"
        assert await gateway.calls(Platform.V2REST) == 0


async def test_a_websocket_gets_the_platforms_of_its_keys_tenant(emulators, tmp_path):
    south = make_key("reader", tenant="south")
    async with (
        open_secured(emulators, south, tenants_file=two_tenants(tmp_path)) as gateway,
        aconnect_ws("/graphql", gateway.client, subprotocols=["graphql-transport-ws"]) as ws,
    ):
        await ws.send_json({"type": "connection_init", "payload": bearer(south)})
        assert (await ws.receive_json())["type"] == "connection_ack"
        await ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": ACCOUNTS}})
        message = await ws.receive_json()
        nodes = message["payload"]["data"]["accounts"]["nodes"]
        assert [node["username"] for node in nodes] == RESELLERS_USERS


def test_a_key_naming_an_unknown_tenant_stops_start_up_naming_it(emulators, tmp_path):
    stray = make_key("reader", tenant="west")
    settings = gateway_settings(
        emulators, "http://emulators", api_keys=stray.entry, tenants_file=two_tenants(tmp_path)
    )
    with pytest.raises(SettingsError) as error:
        create_app(settings)
    assert "'west'" in str(error.value)
    assert stray.key_id in str(error.value)
    without_file = gateway_settings(emulators, "http://emulators", api_keys=stray.entry)
    with pytest.raises(SettingsError, match="'west'"):
        create_app(without_file)


@pytest.mark.parametrize(
    ("tenant", "problem"),
    [
        ({"maxmailer_url": MAXMAILER_URL}, "[tenants.t] maxmailer_login_id: required"),
        ({"maxmailer_ur": MAXMAILER_URL}, "did you mean maxmailer_url?"),
        ({"v2rest_url": "not a url"}, "[tenants.t] v2rest_url:"),
        ({"oempro_login_as": "root"}, "[tenants.t] oempro_login_as:"),
        ({}, "configures no platform"),
    ],
)
def test_an_unusable_tenant_stops_start_up_naming_it(tmp_path, tenant, problem):
    settings = gateway_settings(
        build_emulators(seed=1),
        "http://emulators",
        tenants_file=tenants_file(tmp_path, {"t": tenant}),
    )
    with pytest.raises(SettingsError) as error:
        create_app(settings)
    assert error.value.setting == "MAILGQL_TENANTS_FILE"
    assert problem in str(error.value)


def test_a_tenants_secret_never_shows_in_a_start_up_error(tmp_path):
    secret = MAXMAILER_ADMIN_LOGIN_ID
    path = tenants_file(
        tmp_path,
        {"t": {"maxmailer_url": f"not a url {secret}", "maxmailer_login_id": secret}},
    )
    settings = gateway_settings(build_emulators(seed=1), "http://emulators", tenants_file=path)
    with pytest.raises(SettingsError) as error:
        create_app(settings)
    assert "maxmailer_url" in str(error.value)
    assert secret not in str(error.value)


def test_a_missing_or_broken_tenants_file_stops_start_up(tmp_path):
    emulators = build_emulators(seed=1)
    missing = gateway_settings(emulators, "http://e", tenants_file=tmp_path / "none.toml")
    with pytest.raises(SettingsError, match="cannot read"):
        create_app(missing)
    broken = tmp_path / "broken.toml"
    broken.write_text("[tenants.a\n")
    with pytest.raises(SettingsError, match="not valid TOML"):
        create_app(gateway_settings(emulators, "http://e", tenants_file=broken))
