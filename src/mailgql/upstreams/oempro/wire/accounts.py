"""Oempro's account records: users, the admin, clients, user groups and their sending settings,
what a login answers, and the rest of the administrator's records: themes, payment periods.

Quirks handled (contract §3, §15-§19): a login answers ``UserInfo``, ``AdminInfo``, 5.x's
``ClientInfo`` or no account at all, beside its ``SessionID``; a user row without
``AccountStatus`` (a user that could log in is enabled); ``Permissions`` as one comma-separated
string. A plan's ``SendMethodSMTP*`` columns mix settings with the SMTP login, so the settings
are read by name and the login never is (``SMTP_LOGIN``); ``SendMethodSMTPAuth`` as
``true``/``false``; amounts as plain or formatted strings (``$1,234.50`` with
``ReturnFormatted=Yes``); dates with or without a time; a failed delivery test's reason in
``EmailSettingsErrorMessage`` (folded into the error text by ``envelope``). Password hashes, API
keys and the SMTP login are dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mailgql.upstreams.oempro.admin_records import PaymentPeriod, SendingSettings, Theme
from mailgql.upstreams.oempro.records import Admin, Client, User, UserGroup
from mailgql.upstreams.oempro.wire.columns import Row, empty
from mailgql.upstreams.oempro.wire.envelope import decode_record, unreadable

__all__ = [
    "SMTP_LOGIN",
    "parse_admin",
    "parse_client",
    "parse_login",
    "parse_payment_period",
    "parse_sending",
    "parse_theme",
    "parse_user",
    "parse_user_group",
]


def parse_user(raw: Mapping[str, Any]) -> User:
    """A user row (``Users.Get``, ``User.Get``, ``UserInfo`` of ``User.Login``)."""
    row = Row(raw)
    return User(
        user_id=row.req_int("UserID"),
        group_id=row.ref("RelUserGroupID"),
        username=row.req_str("Username"),
        email=row.text("EmailAddress"),
        first_name=row.text("FirstName"),
        last_name=row.text("LastName"),
        company_name=row.text("CompanyName"),
        website=row.text("Website"),
        street=row.text("Street"),
        city=row.text("City"),
        state=row.text("State"),
        zip_code=row.text("Zip"),
        country=row.text("Country"),
        phone=row.text("Phone"),
        fax=row.text("Fax"),
        timezone=row.text("TimeZone"),
        language=row.text("Language"),
        reputation=row.text("ReputationLevel"),
        # The seed's UserInfo has no AccountStatus: a user that could log in is enabled.
        enabled=row.flag("AccountStatus", default=True),
        user_since=row.time("UserSince"),
        last_activity_at=row.time("LastActivityDateTime"),
        available_credits=row.opt_int("AvailableCredits"),
    )


def parse_admin(raw: Mapping[str, Any]) -> Admin:
    """The ``AdminInfo`` of ``Admin.Login``."""
    row = Row(raw)
    return Admin(
        admin_id=row.req_int("AdminID"),
        name=row.text("Name"),
        email=row.text("EmailAddress"),
        username=row.req_str("Username"),
    )


def parse_client(raw: Mapping[str, Any]) -> Client:
    """A client row (``Clients.Get``; 5.x ``ClientInfo``)."""
    row = Row(raw)
    return Client(
        client_id=row.req_int("ClientID"),
        owner_user_id=row.ref("RelOwnerUserID"),
        name=row.text("ClientName"),
        username=row.req_str("ClientUsername"),
        email=row.text("ClientEmailAddress"),
        enabled=row.flag("ClientAccountStatus", default=True),
    )


def parse_login(
    payload: Mapping[str, Any], *, command: str
) -> tuple[str, User | Admin | Client | None]:
    """The session id and the account a login describes (``UserInfo``/``AdminInfo``/none)."""
    session = payload.get("SessionID")
    if not isinstance(session, str) or not session.strip():
        raise unreadable(command, "a success envelope without a SessionID")
    account: User | Admin | Client | None = None
    if not empty(payload.get("UserInfo")):
        account = decode_record(payload, "UserInfo", parse=parse_user, command=command)
    elif not empty(payload.get("AdminInfo")):
        account = decode_record(payload, "AdminInfo", parse=parse_admin, command=command)
    elif not empty(payload.get("ClientInfo")):
        account = decode_record(payload, "ClientInfo", parse=parse_client, command=command)
    return session.strip(), account


def parse_user_group(raw: Mapping[str, Any]) -> UserGroup:
    """A user group row; its SMTP user name and password are dropped (the rest of its sending
    settings are read by name, see ``parse_sending``)."""
    sending = parse_sending(raw)
    row = Row(raw)
    permissions = row.text("Permissions") or ""
    return UserGroup(
        group_id=row.req_int("UserGroupID"),
        name=row.req_str("GroupName"),
        permissions=tuple(p.strip() for p in permissions.split(",") if p.strip()),
        limit_subscribers=row.opt_int("LimitSubscribers"),
        limit_lists=row.opt_int("LimitLists"),
        limit_campaign_send_per_period=row.opt_int("LimitCampaignSendPerPeriod"),
        limit_email_send_per_period=row.opt_int("LimitEmailSendPerPeriod"),
        threshold_import=row.opt_int("ThresholdImport"),
        threshold_email_send=row.opt_int("ThresholdEmailSend"),
        trial_group=row.flag("TrialGroup"),
        trial_expire_seconds=row.opt_int("TrialExpireSeconds"),
        payment_system=row.flag("PaymentSystem"),
        send_method=row.text("SendMethod"),
        theme_id=row.ref("RelThemeID"),
        subscriber_area_logout_url=row.text("SubscriberAreaLogoutURL"),
        force_unsubscription_link=row.flag("ForceUnsubscriptionLink"),
        force_reject_opt_link=row.flag("ForceRejectOptLink"),
        plain_email_header=row.text("PlainEmailHeader"),
        plain_email_footer=row.text("PlainEmailFooter"),
        html_email_header=row.text("HTMLEmailHeader"),
        html_email_footer=row.text("HTMLEmailFooter"),
        sending=sending,
    )


# -- the administrator's records -----------------------------------------------------------------

SMTP_LOGIN = frozenset({"SendMethodSMTPUsername", "SendMethodSMTPPassword"})
"""The credentials among a plan's sending columns: never read."""


def parse_sending(raw: Mapping[str, Any]) -> SendingSettings | None:
    """A plan's (or the install's) send method and its settings; None without a method."""
    row = Row(raw, secret=SMTP_LOGIN.__contains__)
    method = row.text("SendMethod")
    if method is None:
        return None
    return SendingSettings(
        method=method,
        smtp_host=row.text("SendMethodSMTPHost"),
        smtp_port=row.opt_int("SendMethodSMTPPort"),
        smtp_secure=row.text("SendMethodSMTPSecure"),
        smtp_timeout=row.opt_int("SendMethodSMTPTimeOut"),
        smtp_auth=row.flag("SendMethodSMTPAuth"),
        local_mta_path=row.text("SendMethodLocalMTAPath"),
        powermta_vmta=row.text("SendMethodPowerMTAVMTA"),
        powermta_dir=row.text("SendMethodPowerMTADir"),
        save_to_disk_dir=row.text("SendMethodSaveToDiskDir"),
    )


def parse_theme(raw: Mapping[str, Any]) -> Theme:
    """A theme row (``Themes.Get``, ``Theme.Get``); its logo's bytes are not kept."""
    row = Row(raw)
    return Theme(
        theme_id=row.req_int("ThemeID"),
        template=row.req_str("Template"),
        name=row.req_str("ThemeName"),
        product_name=row.text("ProductName"),
        logo_type=row.text("LogoType"),
        logo_size=row.ref("LogoSize"),
        settings=row.text("ThemeSettings"),
    )


def parse_payment_period(raw: Mapping[str, Any]) -> PaymentPeriod:
    """A payment period row (``User.PaymentPeriods``, ``User.PaymentPeriods.Update``)."""
    row = Row(raw)
    return PaymentPeriod(
        log_id=row.req_int("LogID"),
        user_id=row.ref("RelUserID"),
        period_start=row.time("PeriodStartDate"),
        period_end=row.time("PeriodEndDate"),
        campaigns_sent=row.opt_int("CampaignsSent"),
        campaigns_total_recipients=row.opt_int("CampaignsTotalRecipients"),
        auto_responders_sent=row.opt_int("AutoRespondersSent"),
        design_preview_requests=row.opt_int("DesignPreviewRequests"),
        subtotal=row.amount("SubTotal"),
        discount=row.amount("Discount"),
        tax=row.amount("Tax"),
        total=row.amount("TotalAmount"),
        include_tax=(row.text("IncludeTax") or "").lower() == "include",
        status=row.text("PaymentStatus") or "NA",
        status_changed_at=row.time("PaymentStatusDate"),
        receipt_sent=row.flag("ReceiptSent"),
    )
