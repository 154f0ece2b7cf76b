"""Oempro's own administration in the graph: the administrator, interface themes and system
settings (which 4.x cannot read back), for an admin login and refused to a user login."""

from __future__ import annotations

import pytest

from mailgql.emulators.oempro import OEMPRO_ADMIN_PASSWORD
from mailgql.emulators.oempro.records import md5_hex
from mailgql.platforms import Platform
from tests.conftest import open_gateway
from tests.graph.oempro_helpers import ADMIN, USER_ERRORS, XML, gid, mutate, refusal, state

THEMES = """{ oemproAdmin { themes { totalCount nodes { id legacyId template name productName
  logoType logoSize settings } } } }"""
THEME = f"theme {{ legacyId template name productName settings }} {USER_ERRORS}"


# -- the administrator ----------------------------------------------------------------------------


async def test_the_administrator_root_shows_the_login_without_secrets(emulators):
    query = "{ oemproAdmin { administrator { id username name email accountType } } }"
    async with open_gateway(emulators, **ADMIN) as gateway:
        data = await gateway.query(query)
        calls = await gateway.counts(Platform.OEMPRO)
    assert data["oemproAdmin"]["administrator"] == {
        "id": gid("Account", "admin"),
        "username": "admin",
        "name": "Site Administrator",
        "email": "admin@oempro.example",
        "accountType": "admin",
    }
    assert calls == {"Admin.Login": 1}
    assert state(emulators).admin["Password"] not in str(data)


async def test_update_the_administrator(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        payload = await mutate(
            gateway,
            "updateOemproAdministrator",
            {"name": "Chief Admin", "email": "chief@oempro.example"},
            f"account {{ username name email }} {USER_ERRORS}",
        )
        bad = await mutate(
            gateway,
            "updateOemproAdministrator",
            {"email": "chief@oempro"},
            f"account {{ name }} {USER_ERRORS}",
        )
    assert payload == {
        "account": {"username": "admin", "name": "Chief Admin", "email": "chief@oempro.example"},
        "userErrors": [],
    }
    admin = state(emulators).admin
    assert (admin["Name"], admin["EmailAddress"]) == ("Chief Admin", "chief@oempro.example")
    # No password given: the one the gateway logs in with still works.
    assert admin["Password"] == md5_hex(OEMPRO_ADMIN_PASSWORD)
    refusal(bad, "account", "BAD_USER_INPUT", None, ["input", "email"])


async def test_a_user_login_may_not_see_or_change_the_administrator(emulators):
    async with open_gateway(emulators) as gateway:
        body = await gateway.result("{ oemproAdmin { administrator { username } } }")
        payload = await mutate(
            gateway,
            "updateOemproAdministrator",
            {"name": "Me"},
            f"account {{ name }} {USER_ERRORS}",
        )
        calls = await gateway.counts(Platform.OEMPRO)
    assert body["data"]["oemproAdmin"]["administrator"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    refusal(payload, "account", "FORBIDDEN", None, None)
    assert "Admin.Update" not in calls
    assert state(emulators).admin["Name"] == "Site Administrator"


# -- themes ---------------------------------------------------------------------------------------


async def test_themes_and_one_theme(emulators):
    query = """query($id: ID!) { oemproAdmin { theme(id: $id) { name }
        missing: theme(id: "99") { name } } node(id: $id) { ... on Theme { legacyId } } }"""
    async with open_gateway(emulators, **ADMIN, **XML) as gateway:
        listed = await gateway.query(THEMES)
        one = await gateway.query(query, {"id": gid("Theme", 3)})
    nodes = listed["oemproAdmin"]["themes"]["nodes"]
    rows = list(state(emulators).themes.values())
    assert [n["name"] for n in nodes] == [r["ThemeName"] for r in rows]
    assert nodes[1] == {
        "id": gid("Theme", 2),
        "legacyId": "2",
        "template": "clean",
        "name": "Northwind Blue",
        "productName": "Northwind Mail",
        "logoType": "image/png",
        "logoSize": int(rows[1]["LogoSize"]),
        "settings": rows[1]["ThemeSettings"],
    }
    assert one["oemproAdmin"] == {"theme": {"name": "Reseller Dark"}, "missing": None}
    assert one["node"] == {"legacyId": "3"}


async def test_create_update_and_delete_a_theme(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        created = await mutate(
            gateway,
            "createTheme",
            {"template": "octeth", "name": "Harvest", "productName": "Harvest Mail"},
            THEME,
        )
        updated = await mutate(
            gateway, "updateTheme", {"themeId": "4", "settings": '{"Dark":false}'}, THEME
        )
        deleted = await mutate(
            gateway, "deleteTheme", {"themeId": gid("Theme", 4)}, f"deletedThemeId {USER_ERRORS}"
        )
        listed = await gateway.query(THEMES)
    assert created["theme"] == {
        "legacyId": "4",
        "template": "octeth",
        "name": "Harvest",
        "productName": "Harvest Mail",
        "settings": None,
    }
    assert updated["theme"]["settings"] == '{"Dark":false}'
    assert updated["theme"]["name"] == "Harvest"
    assert deleted == {"deletedThemeId": gid("Theme", 4), "userErrors": []}
    assert listed["oemproAdmin"]["themes"]["totalCount"] == 3


@pytest.mark.parametrize(
    ("name", "input", "key", "code", "legacy", "field"),
    [
        (
            "createTheme",
            {"template": "retro", "name": "x"},
            "theme",
            "BAD_USER_INPUT",
            "3",
            ["input", "template"],
        ),
        (
            "createTheme",
            {"template": "clean", "name": " "},
            "theme",
            "BAD_USER_INPUT",
            "2",
            ["input", "name"],
        ),
        (
            "updateTheme",
            {"themeId": "99", "name": "x"},
            "theme",
            "NOT_FOUND",
            "5",
            ["input", "themeId"],
        ),
        ("updateTheme", {"themeId": "1"}, "theme", "BAD_USER_INPUT", None, ["input"]),
        (
            "deleteTheme",
            {"themeId": "99"},
            "deletedThemeId",
            "NOT_FOUND",
            None,
            ["input", "themeId"],
        ),
    ],
)
async def test_refused_theme_writes(emulators, name, input, key, code, legacy, field):
    selection = "theme { legacyId }" if key == "theme" else key
    async with open_gateway(emulators, **ADMIN) as gateway:
        payload = await mutate(gateway, name, input, f"{selection} {USER_ERRORS}")
    refusal(payload, key, code, legacy, field)
    assert len(state(emulators).themes) == 3


async def test_the_last_theme_stays_and_a_user_may_not_touch_themes(emulators):
    themes = state(emulators).themes
    del themes[2], themes[3]
    async with open_gateway(emulators, **ADMIN) as gateway:
        last = await mutate(
            gateway, "deleteTheme", {"themeId": "1"}, f"deletedThemeId {USER_ERRORS}"
        )
    refusal(last, "deletedThemeId", "BAD_USER_INPUT", "2", ["input", "themeId"])
    async with open_gateway(emulators) as gateway:
        body = await gateway.result(THEMES)
        user = await mutate(
            gateway,
            "createTheme",
            {"template": "clean", "name": "Mine"},
            f"theme {{ legacyId }} {USER_ERRORS}",
        )
    assert body["errors"][0]["extensions"]["legacyCode"] == "99999"
    refusal(user, "theme", "FORBIDDEN", "99999", None)
    assert list(themes) == [1]


# -- settings -------------------------------------------------------------------------------------


async def test_update_settings_writes_and_never_shows_credentials(emulators):
    change = {
        "systemFromName": "Northwind Mailer",
        "s3SecretKey": "New-S3-Secret-Key-0001",
        "sending": {"method": "SMTP", "smtpHost": "relay.example", "smtpPassword": "P-0001"},
    }
    async with open_gateway(emulators, **ADMIN) as gateway:
        payload = await mutate(gateway, "updateOemproSettings", change, f"updated {USER_ERRORS}")
    assert payload == {"updated": True, "userErrors": []}
    settings = state(emulators).settings
    assert settings["SystemEmailFromName"] == "Northwind Mailer"
    assert settings["S3SecretKey"] == "New-S3-Secret-Key-0001"
    assert settings["SendMethodSMTPHost"] == "relay.example"
    assert settings["SendMethodSMTPAuth"] == "true"


@pytest.mark.parametrize(
    ("change", "code", "legacy", "field"),
    [
        ({"mediaUploadMethod": "ftp"}, "BAD_USER_INPUT", "5", ["input", "mediaUploadMethod"]),
        ({"s3Bucket": ""}, "BAD_USER_INPUT", "6", ["input", "s3Bucket"]),
        (
            {"alertRecipientEmail": "alerts"},
            "BAD_USER_INPUT",
            None,
            ["input", "alertRecipientEmail"],
        ),
        ({}, "BAD_USER_INPUT", None, ["input"]),
    ],
)
async def test_refused_settings(emulators, change, code, legacy, field):
    before = dict(state(emulators).settings)
    async with open_gateway(emulators, **ADMIN) as gateway:
        payload = await mutate(gateway, "updateOemproSettings", change, f"updated {USER_ERRORS}")
    refusal(payload, "updated", code, legacy, field)
    assert state(emulators).settings == before


async def test_a_delivery_test_answers_pass_or_why_not(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        good = await mutate(
            gateway,
            "testOemproEmailSending",
            {"sending": {"method": "SMTP", "smtpHost": "smtp.relay.example", "smtpPort": 587}},
            f"result {{ passed message }} {USER_ERRORS}",
        )
        bad = await mutate(
            gateway,
            "testOemproEmailSending",
            {"sending": {"method": "SMTP", "smtpHost": "mx.nowhere.invalid"}},
            f"result {{ passed message }} {USER_ERRORS}",
        )
        lacking = await mutate(
            gateway,
            "testOemproEmailSending",
            {"sending": {"method": "SAVE_TO_DISK"}},
            f"result {{ passed message }} {USER_ERRORS}",
        )
    assert good == {"result": {"passed": True, "message": None}, "userErrors": []}
    assert bad["result"]["passed"] is False
    assert "mx.nowhere.invalid:25" in bad["result"]["message"]
    assert lacking["result"] == {
        "passed": False,
        "message": "SendMethodSaveToDiskDir is missing",
    }


async def test_a_user_login_may_not_change_settings(emulators):
    async with open_gateway(emulators) as gateway:
        payload = await mutate(
            gateway, "updateOemproSettings", {"systemFromName": "x"}, f"updated {USER_ERRORS}"
        )
        test = await mutate(
            gateway,
            "testOemproEmailSending",
            {"sending": {"method": "PHP_MAIL"}},
            f"result {{ passed }} {USER_ERRORS}",
        )
    refusal(payload, "updated", "FORBIDDEN", "99999", None)
    refusal(test, "result", "FORBIDDEN", "99999", None)
