"""Oempro emulator: the rest of users (§4), the administrator (§5), the rest of clients (§12),
settings (§17) and themes (§18) — every command, its codes, JSON and XML."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mailgql.emulators import Emulators
from mailgql.emulators.oempro import OEMPRO_ADMIN_PASSWORD, OEMPRO_CLIENT_PASSWORD
from mailgql.emulators.oempro.records import md5_hex
from tests.emulators.test_oempro_support import OemproApi, failed, open_api


@pytest.fixture
async def api(emulators: Emulators) -> AsyncIterator[OemproApi]:
    async with open_api(emulators) as api:
        yield api


# User.AddCredits ----------------------------------------------------------------------------
async def test_add_credits_adds_to_the_users_credits(api: OemproApi) -> None:
    before = api.state.users[2].number("AvailableCredits")
    assert (await api.as_admin("User.AddCredits", UserID=2, Credits=300))["Success"] is True
    assert api.state.users[2].number("AvailableCredits") == before + 300
    assert failed(await api.as_admin("User.AddCredits"), 1, 2)
    assert failed(await api.as_admin("User.AddCredits", UserID=99, Credits=5), 3)
    assert failed(await api.as_admin("User.AddCredits", UserID=2, Credits="-5"), 4)
    assert failed(await api.as_admin("User.AddCredits", UserID=2, Credits=0), 4)
    assert (await api.as_user("User.AddCredits", UserID=1, Credits=5))["ErrorCode"] == 99999


# password reminders and resets ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("prefix", "address", "key", "kind"),
    [
        ("User", "ben@bluepeakanalytics.example", "UserID", "user"),
        ("Client", "summit@clients.example", "ClientID", "client"),
        ("Admin", "admin@oempro.example", "AdminID", "admin"),
    ],
)
async def test_remind_then_reset_without_a_session(
    api: OemproApi, prefix: str, address: str, key: str, kind: str
) -> None:
    remind = await api.call(f"{prefix}.PasswordRemind", EmailAddress=address)
    assert remind["Success"] is True
    [mail] = api.state.outbox
    assert (mail.to, mail.kind) == (address, f"{kind}-remind")
    token = mail.body.rsplit("id=", 1)[1]
    assert len(token) == 32
    reset = await api.call(f"{prefix}.PasswordReset", **{key: token})
    assert reset["Success"] is True
    new_mail = api.state.outbox[-1]
    assert new_mail.kind == f"{kind}-reset"
    assert len(api.state.outbox) == 2
    assert md5_hex(new_mail.body) in {u["Password"] for u in api.state.users.values()} | {
        c["ClientPassword"] for c in api.state.clients.values()
    } | {api.state.admin["Password"]}


@pytest.mark.parametrize("prefix", ["User", "Client", "Admin"])
async def test_reminder_and_reset_codes(api: OemproApi, prefix: str) -> None:
    key = {"User": "UserID", "Client": "ClientID", "Admin": "AdminID"}[prefix]
    assert failed(await api.call(f"{prefix}.PasswordRemind"), 1)
    assert failed(await api.call(f"{prefix}.PasswordRemind", EmailAddress="nope"), 2)
    unknown = await api.call(f"{prefix}.PasswordRemind", EmailAddress="who@nowhere.example")
    assert failed(unknown, 3)
    assert failed(await api.call(f"{prefix}.PasswordReset"), 1)
    assert failed(await api.call(f"{prefix}.PasswordReset", **{key: "0" * 32}), 2)
    assert api.state.outbox == []


async def test_a_custom_reset_link_is_used(api: OemproApi) -> None:
    await api.call(
        "Admin.PasswordRemind",
        EmailAddress="admin@oempro.example",
        CustomResetLink="https://ops.example/reset",
    )
    assert api.state.outbox[0].body.startswith("https://ops.example/reset?id=")


# payment periods ------------------------------------------------------------------------------
async def test_payment_periods_of_a_user_by_status(api: OemproApi) -> None:
    every = await api.as_admin("User.PaymentPeriods", UserID=2, PaymentStatus="NA")
    own = [p for p in api.state.payment_periods.values() if p.user_id == 2]
    assert [p["LogID"] for p in every["PaymentPeriods"]] == [p["LogID"] for p in own]
    unpaid = await api.as_admin(
        "User.PaymentPeriods", UserID=2, PaymentStatus="unpaid", ReturnFormatted="No"
    )
    assert {p["PaymentStatus"] for p in unpaid["PaymentPeriods"]} == {"Unpaid"}
    formatted = await api.as_admin(
        "User.PaymentPeriods", UserID=2, PaymentStatus="NA", ReturnFormatted="Yes"
    )
    assert formatted["PaymentPeriods"][0]["TotalAmount"].startswith("$")


async def test_payment_period_codes(api: OemproApi) -> None:
    assert failed(await api.as_admin("User.PaymentPeriods", PaymentStatus="NA"), 1)
    assert failed(await api.as_admin("User.PaymentPeriods", UserID=99, PaymentStatus="NA"), 2)
    assert failed(await api.as_admin("User.PaymentPeriods", UserID=2, PaymentStatus="Owed"), 3)
    api.state.esp_licence = False
    body = await api.as_admin("User.PaymentPeriods", UserID=2, PaymentStatus="NA")
    assert (body["Success"], body["ErrorCode"]) == (False, 99997)
    assert (await api.as_user("User.PaymentPeriods", UserID=1))["ErrorCode"] == 99999


async def test_payment_period_update(api: OemproApi) -> None:
    period = next(p for p in api.state.payment_periods.values() if p.user_id == 3)
    body = await api.as_admin(
        "User.PaymentPeriods.Update",
        UserID=3,
        LogID=period["LogID"],
        Discount="1.00",
        IncludeTax="Exclude",
        PaymentStatus="Paid",
        ReturnFormatted="No",
        SendReceipt="Yes",
    )
    row = body["PaymentPeriod"]
    subtotal = float(period["SubTotal"])
    assert row["TotalAmount"] == f"{max(subtotal - 1, 0):.2f}"
    assert (row["PaymentStatus"], row["IncludeTax"], row["ReceiptSent"]) == (
        "Paid",
        "Exclude",
        "Yes",
    )
    assert api.state.outbox[-1].kind == "user-receipt"
    base = {"UserID": 3, "LogID": period["LogID"], "IncludeTax": "Include", "PaymentStatus": "Paid"}
    update = "User.PaymentPeriods.Update"
    assert failed(await api.as_admin(update, **{**base, "UserID": ""}), 1)
    assert failed(await api.as_admin(update, **{**base, "UserID": 99}), 2)
    assert failed(await api.as_admin(update, **{**base, "LogID": ""}), 3)
    assert failed(await api.as_admin(update, **{**base, "UserID": 2}), 4)
    assert failed(await api.as_admin(update, **{**base, "IncludeTax": "Both"}), 5)
    assert failed(await api.as_admin(update, **{**base, "PaymentStatus": "NA"}), 6)


# the administrator ------------------------------------------------------------------------------
async def test_admin_update_changes_the_logged_in_admin(api: OemproApi) -> None:
    body = await api.as_admin(
        "Admin.Update",
        AdminID=1,
        Name="Chief Admin",
        Username="admin",
        EmailAddress="chief@oempro.example",
        Password="",
    )
    assert body["Success"] is True
    admin = api.state.admin
    assert (admin["Name"], admin["EmailAddress"]) == ("Chief Admin", "chief@oempro.example")
    assert admin["Password"] == md5_hex(OEMPRO_ADMIN_PASSWORD)
    base = {"AdminID": 1, "Name": "A", "Username": "admin", "EmailAddress": "a@oempro.example"}
    assert failed(await api.as_admin("Admin.Update"), 1, 2, 3, 4)
    assert failed(await api.as_admin("Admin.Update", **{**base, "EmailAddress": "bad"}), 7)
    assert failed(await api.as_admin("Admin.Update", **{**base, "AdminID": 2}), 8)
    assert (await api.as_user("Admin.Update", **base))["ErrorCode"] == 99999
    await api.as_admin("Admin.Update", **base, Password="New-Admin-Pass")
    assert admin["Password"] == md5_hex("New-Admin-Pass")


# clients: one assigned list or campaign -------------------------------------------------------
async def test_a_client_reads_one_assigned_list_or_campaign(api: OemproApi) -> None:
    client = next(
        c
        for c in api.state.clients.values()
        if c["ClientPassword"] == md5_hex(OEMPRO_CLIENT_PASSWORD)
    )
    list_id, campaign_id = client.list_ids[0], client.campaign_ids[0]
    lst = await api.as_client("Client.List.Get", ListID=list_id)
    assert lst["List"]["ListID"] == str(list_id)
    camp = await api.as_client("Client.Campaign.Get", CampaignID=campaign_id)
    assert camp["Campaign"]["CampaignID"] == str(campaign_id)
    other_list = next(i for i in api.state.lists if i not in client.list_ids)
    other_campaign = next(i for i in api.state.campaigns if i not in client.campaign_ids)
    assert failed(await api.as_client("Client.List.Get"), 1)
    assert failed(await api.as_client("Client.List.Get", ListID=other_list), 2)
    assert failed(await api.as_client("Client.Campaign.Get"), 1)
    assert failed(await api.as_client("Client.Campaign.Get", CampaignID=other_campaign), 2)
    assert (await api.as_user("Client.List.Get", ListID=list_id))["ErrorCode"] == 99999


# themes -----------------------------------------------------------------------------------------
async def test_themes_get_and_theme_get(api: OemproApi) -> None:
    body = await api.as_admin("Themes.Get")
    assert [t["ThemeName"] for t in body["Themes"]] == [
        "Default",
        "Northwind Blue",
        "Reseller Dark",
    ]
    one = await api.as_admin("Theme.Get", ThemeID=2)
    assert one["Theme"]["ProductName"] == "Northwind Mail"
    assert failed(await api.as_admin("Theme.Get"), 1)
    assert failed(await api.as_admin("Theme.Get", ThemeID=99), 2)
    assert (await api.as_user("Themes.Get"))["ErrorCode"] == 99999


async def test_theme_create_update_delete(api: OemproApi) -> None:
    created = await api.as_admin(
        "Theme.Create", Template="Clean", ThemeName="Summer", ProductName="Sunmail"
    )
    theme_id = created["ThemeID"]
    assert api.state.themes[theme_id]["Template"] == "clean"
    assert failed(await api.as_admin("Theme.Create"), 1, 2)
    assert failed(await api.as_admin("Theme.Create", Template="nope", ThemeName="x"), 3)
    updated = await api.as_admin("Theme.Update", ThemeID=theme_id, ThemeName="Autumn")
    assert updated["Success"] is True
    assert api.state.themes[theme_id]["ThemeName"] == "Autumn"
    assert api.state.themes[theme_id]["ProductName"] == "Sunmail"
    assert failed(await api.as_admin("Theme.Update", ThemeID=theme_id, Template="nope"), 3)
    assert failed(await api.as_admin("Theme.Update"), 4)
    assert failed(await api.as_admin("Theme.Update", ThemeID=99, ThemeName="x"), 5)
    assert (await api.as_admin("Theme.Delete", Themes=f"{theme_id},2"))["Success"] is True
    assert sorted(api.state.themes) == [1, 3]
    assert failed(await api.as_admin("Theme.Delete"), 1)
    assert failed(await api.as_admin("Theme.Delete", Themes="1,3"), 2)


# settings ---------------------------------------------------------------------------------------
async def test_settings_update_checks_and_stores(api: OemproApi) -> None:
    body = await api.as_admin(
        "Settings.Update", SystemEmailFromName="Mailer", S3Bucket="new-bucket", NoSuchSetting="x"
    )
    assert body["Success"] is True
    settings = api.state.settings
    assert (settings["SystemEmailFromName"], settings["S3Bucket"]) == ("Mailer", "new-bucket")
    assert "NoSuchSetting" not in settings
    cases = [
        ({"SystemEmailFromEmail": "bad"}, 1),
        ({"SystemEmailReplyToEmail": "bad"}, 2),
        ({"AlertRecipientEmail": "bad"}, 3),
        ({"ReportAbuseEmail": "bad"}, 4),
        ({"MediaUploadMethod": "ftp"}, 5),
        ({"S3SecretKey": ""}, 6),
        ({"LoadBalanceEmails": "lots"}, 7),
        ({"SendMethod": "Pigeon"}, 8),
    ]
    for params, code in cases:
        assert failed(await api.as_admin("Settings.Update", **params), code), params
    assert (await api.as_user("Settings.Update", SystemEmailFromName="x"))["ErrorCode"] == 99999


async def test_email_sending_test(api: OemproApi) -> None:
    passed = await api.as_admin(
        "Settings.EmailSendingTest", SendMethod="SMTP", SendMethodSMTPHost="smtp.ok.example"
    )
    assert passed["Success"] is True
    broken = await api.as_admin(
        "Settings.EmailSendingTest", SendMethod="smtp", SendMethodSMTPHost="mail.host.invalid"
    )
    assert failed(broken, 1)
    assert "mail.host.invalid:25" in broken["EmailSettingsErrorMessage"]
    lacking = await api.as_admin("Settings.EmailSendingTest", SendMethod="LocalMTA")
    assert failed(lacking, 1)
    assert failed(await api.as_admin("Settings.EmailSendingTest", SendMethod="Pigeon"), 2)
    assert (await api.as_admin("Settings.EmailSendingTest", SendMethod="PHPMail"))["Success"]


# XML --------------------------------------------------------------------------------------------
async def test_the_admin_area_answers_xml(api: OemproApi) -> None:
    session = await api.login("admin")
    themes = await api.raw("Themes.Get", SessionID=session, ResponseFormat="XML")
    assert "<ThemeName><![CDATA[Default]]></ThemeName>" in themes.text
    periods = await api.raw(
        "User.PaymentPeriods", SessionID=session, ResponseFormat="XML", UserID=2, PaymentStatus="NA"
    )
    assert "<PaymentPeriods>" in periods.text
    assert "<node_0>" in periods.text
    test = await api.raw(
        "Settings.EmailSendingTest",
        SessionID=session,
        ResponseFormat="XML",
        SendMethod="SMTP",
        SendMethodSMTPHost="x.invalid",
    )
    assert "<Success></Success>" in test.text
    assert "<EmailSettingsErrorMessage>" in test.text
    remind = await api.raw("User.PasswordRemind", ResponseFormat="XML", EmailAddress="x")
    assert "<node_0><![CDATA[2]]></node_0>" in remind.text
