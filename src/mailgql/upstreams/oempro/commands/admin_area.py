"""Commands of what the administrator manages: user groups, the rest of users, the
administrator itself, themes and settings; and the rest of clients (user scope).

Secrets sent here (new passwords, a plan's SMTP login, the settings' S3 keys) go out as
parameters and are never read back: no answer of these commands carries them, and the wire
drops them from every row that does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeVar

from pydantic import SecretStr

from mailgql.upstreams.oempro import wire
from mailgql.upstreams.oempro.admin_records import (
    AdminProfile,
    PaymentPeriod,
    PaymentPeriodChange,
    PlanValues,
    SettingsChange,
    Theme,
    ThemeValues,
    UserProfile,
)
from mailgql.upstreams.oempro.commands._base import (
    Command,
    Form,
    created,
    listing,
    record,
    write,
)
from mailgql.upstreams.oempro.commands._form import (
    enabled_disabled,
    given,
    ids,
    ordered,
    true_false,
    yes_no,
)
from mailgql.upstreams.oempro.records import Campaign, MailingList, Page, UserGroup
from mailgql.upstreams.oempro.wire.admin_area import parse_payment_period, parse_theme

__all__ = [
    "add_user_credits",
    "assign_client_campaigns",
    "assign_client_lists",
    "create_client",
    "create_theme",
    "create_user",
    "create_user_group",
    "delete_clients",
    "delete_themes",
    "delete_user_group",
    "delete_users",
    "duplicate_user_group",
    "get_client_campaign",
    "get_client_campaigns",
    "get_client_list",
    "get_client_lists",
    "get_payment_periods",
    "get_theme",
    "get_themes",
    "get_user_groups",
    "remind_password",
    "reset_password",
    "check_email_sending",
    "update_admin",
    "update_client",
    "update_payment_period",
    "update_settings",
    "update_theme",
    "update_user_group",
    "update_user_profile",
]

V = TypeVar("V")


def _each(form: Form, pairs: Sequence[tuple[str, V | None]], spell: Callable[[V], str]) -> None:
    for name, value in pairs:
        given(form, name, value, spell)


# -- user groups ------------------------------------------------------------------------------


def get_user_groups() -> Command[Page[UserGroup]]:
    """``UserGroups.Get``: every plan (unpaged; sending credentials dropped)."""
    form = ordered("UserGroupID", "ASC")
    return listing("UserGroups.Get", form, "UserGroups", wire.parse_user_group, totals=())


def _plan_form(values: PlanValues) -> Form:
    form: Form = []
    given(form, "GroupName", values.name)
    given(form, "RelThemeID", values.theme_id)
    given(form, "SubscriberAreaLogoutURL", values.subscriber_area_logout_url)
    _each(
        form,
        [
            ("ForceUnsubscriptionLink", values.force_unsubscription_link),
            ("ForceRejectOptLink", values.force_reject_opt_link),
        ],
        enabled_disabled,
    )
    given(form, "Permissions", values.permissions, ",".join)
    _each(
        form,
        [
            ("LimitSubscribers", values.limit_subscribers),
            ("LimitLists", values.limit_lists),
            ("LimitCampaignSendPerPeriod", values.limit_campaign_send_per_period),
            ("LimitEmailSendPerPeriod", values.limit_email_send_per_period),
            ("ThresholdImport", values.threshold_import),
            ("ThresholdEmailSend", values.threshold_email_send),
            ("TrialExpireSeconds", values.trial_expire_seconds),
            ("SendMethodSMTPPort", values.smtp_port),
            ("SendMethodSMTPTimeOut", values.smtp_timeout),
        ],
        str,
    )
    given(form, "TrialGroup", values.trial_group, yes_no)
    given(form, "SendMethodSMTPAuth", values.smtp_auth, true_false)
    _each(
        form,
        [
            ("PlainEmailHeader", values.plain_email_header),
            ("PlainEmailFooter", values.plain_email_footer),
            ("HTMLEmailHeader", values.html_email_header),
            ("HTMLEmailFooter", values.html_email_footer),
            ("SendMethod", values.send_method),
            ("SendMethodSMTPHost", values.smtp_host),
            ("SendMethodSMTPSecure", values.smtp_secure),
            ("SendMethodSMTPUsername", values.smtp_login_name),
            ("SendMethodLocalMTAPath", values.local_mta_path),
            ("SendMethodPowerMTAVMTA", values.powermta_vmta),
            ("SendMethodPowerMTADir", values.powermta_dir),
            ("SendMethodSaveToDiskDir", values.save_to_disk_dir),
        ],
        str,
    )
    given(form, "SendMethodSMTPPassword", values.smtp_login_secret, SecretStr.get_secret_value)
    return form


def create_user_group(values: PlanValues) -> Command[int]:
    """``UserGroup.Create``: a new plan; its id."""
    return created("UserGroup.Create", _plan_form(values), "UserGroupID")


def update_user_group(group_id: int, values: PlanValues) -> Command[None]:
    """``UserGroup.Update``: the given values only."""
    return write("UserGroup.Update", [("UserGroupID", str(group_id)), *_plan_form(values)])


def delete_user_group(group_id: int) -> Command[None]:
    """``UserGroup.Delete`` of one plan (not the last one)."""
    return write("UserGroup.Delete", [("UserGroupID", str(group_id))])


def duplicate_user_group(group_id: int) -> Command[int]:
    """``UserGroup.Duplicate`` (4.0.3+): a copy of the plan; the copy's id."""
    return created("UserGroup.Duplicate", [("UserGroupID", str(group_id))], "UserGroupID")


# -- users ------------------------------------------------------------------------------------


def _profile_form(profile: UserProfile) -> Form:
    form: Form = []
    _each(
        form,
        [
            ("EmailAddress", profile.email),
            ("Username", profile.username),
            ("FirstName", profile.first_name),
            ("LastName", profile.last_name),
            # The v4 page spells it "Companyname"; names fold case, so send the sane one.
            ("CompanyName", profile.company_name),
            ("Website", profile.website),
            ("Street", profile.street),
            ("City", profile.city),
            ("State", profile.state),
            ("Zip", profile.zip_code),
            ("Country", profile.country),
            ("Phone", profile.phone),
            ("Fax", profile.fax),
            ("TimeZone", profile.timezone),
            ("Language", profile.language),
            ("ReputationLevel", profile.reputation),
        ],
        str,
    )
    given(form, "RelUserGroupID", profile.group_id)
    given(form, "AccountStatus", profile.enabled, enabled_disabled)
    given(form, "AvailableCredits", profile.available_credits)
    given(form, "Password", profile.password, SecretStr.get_secret_value)
    return form


def create_user(profile: UserProfile) -> Command[int]:
    """``User.Create``: a new user; its id. Its API key is the server's to make (and is never
    read back)."""
    return created("User.Create", _profile_form(profile), "UserID")


def update_user_profile(user_id: int, profile: UserProfile) -> Command[None]:
    """``User.Update`` with the given columns only (never ``APIKey``: see ``update_user``)."""
    return write("User.Update", [("UserID", str(user_id)), *_profile_form(profile)])


def delete_users(user_ids: Sequence[int]) -> Command[None]:
    """``Users.Delete``: the users and everything they own."""
    return write("Users.Delete", [("Users", ids(user_ids))])


def add_user_credits(user_id: int, credits: int) -> Command[None]:
    """``User.AddCredits``: sending credits added to the user's ``AvailableCredits``."""
    return write("User.AddCredits", [("UserID", str(user_id)), ("Credits", str(credits))])


def get_payment_periods(user_id: int, *, status: str = "NA") -> Command[Page[PaymentPeriod]]:
    """``User.PaymentPeriods``: a user's billing periods in one status (``NA``: all), amounts
    unformatted."""
    form: Form = [("UserID", str(user_id)), ("PaymentStatus", status), ("ReturnFormatted", "No")]
    return listing("User.PaymentPeriods", form, "PaymentPeriods", parse_payment_period, totals=())


def update_payment_period(
    user_id: int, log_id: int, change: PaymentPeriodChange
) -> Command[PaymentPeriod]:
    """``User.PaymentPeriods.Update``: one period's discount, tax and status; the period."""
    form: Form = [
        ("UserID", str(user_id)),
        ("LogID", str(log_id)),
        ("Discount", f"{change.discount:.2f}"),
        ("IncludeTax", "Include" if change.include_tax else "Exclude"),
        ("PaymentStatus", change.status),
        ("ReturnFormatted", "No"),
        ("SendReceipt", yes_no(change.send_receipt)),
    ]
    return Command(
        "User.PaymentPeriods.Update",
        form,
        decode=lambda data: wire.decode_record(
            data, "PaymentPeriod", parse=parse_payment_period, command="User.PaymentPeriods.Update"
        ),
        read=False,
    )


_REMINDS = {"user": "User", "admin": "Admin", "client": "Client"}


def remind_password(kind: str, email: str) -> Command[None]:
    """``User``/``Admin``/``Client.PasswordRemind`` (``kind``: ``user``, ``admin``, ``client``):
    the account with that address is mailed a reset link. Sent without credentials."""
    command = write(f"{_REMINDS[kind]}.PasswordRemind", [("EmailAddress", email)])
    return replace(command, public=True)


def reset_password(kind: str, token: str) -> Command[None]:
    """``User``/``Admin``/``Client.PasswordReset`` with the token of a reset link (the MD5 the
    link carries): the account is mailed a new password. Sent without credentials."""
    key = {"user": "UserID", "admin": "AdminID", "client": "ClientID"}[kind]
    return replace(write(f"{_REMINDS[kind]}.PasswordReset", [(key, token)]), public=True)


# -- the administrator ------------------------------------------------------------------------


def update_admin(profile: AdminProfile) -> Command[None]:
    """``Admin.Update`` of the logged-in administrator (an empty password keeps it)."""
    form: Form = [
        ("AdminID", str(profile.admin_id)),
        ("Name", profile.name),
        ("Username", profile.username),
        ("EmailAddress", profile.email),
        ("Password", profile.password.get_secret_value() if profile.password else ""),
    ]
    return write("Admin.Update", form)


# -- clients (user scope: ``as_user`` for an admin login) -------------------------------------


def _as(command: Command[V], as_user: int | None) -> Command[V]:
    """The command sent in user ``as_user``'s session (None: the login's own)."""
    return replace(command, as_user=as_user)


def create_client(
    name: str, username: str, password: SecretStr, email: str, *, as_user: int | None = None
) -> Command[int]:
    """``Client.Create`` in the user's session; the new client's id."""
    form: Form = [
        ("ClientName", name),
        ("ClientUsername", username),
        ("ClientPassword", password.get_secret_value()),
        ("ClientEmailAddress", email),
    ]
    return _as(created("Client.Create", form, "ClientID"), as_user)


def update_client(
    client_id: int,
    *,
    name: str,
    username: str,
    email: str,
    password: SecretStr | None = None,
    enabled: bool | None = None,
    as_user: int | None = None,
) -> Command[None]:
    """``Client.Update``: name, user name and address are always sent (Oempro requires them);
    the password and status only when given."""
    form: Form = [
        ("ClientID", str(client_id)),
        ("ClientName", name),
        ("ClientUsername", username),
        ("ClientEmailAddress", email),
    ]
    given(form, "ClientPassword", password, SecretStr.get_secret_value)
    given(form, "ClientAccountStatus", enabled, enabled_disabled)
    return _as(write("Client.Update", form), as_user)


def delete_clients(client_ids: Sequence[int], *, as_user: int | None = None) -> Command[None]:
    """``Clients.Delete`` of the user's clients."""
    return _as(write("Clients.Delete", [("Clients", ids(client_ids))]), as_user)


def assign_client_lists(
    client_id: int, list_ids: Sequence[int], *, as_user: int | None = None
) -> Command[None]:
    """``Client.AssignSubscriberLists``: the client's lists become exactly these."""
    form: Form = [("ClientID", str(client_id)), ("SubscriberListIDs", ids(list_ids))]
    return _as(write("Client.AssignSubscriberLists", form), as_user)


def assign_client_campaigns(
    client_id: int, campaign_ids: Sequence[int], *, as_user: int | None = None
) -> Command[None]:
    """``Client.AssignCampaigns``: the client's campaigns become exactly these."""
    form: Form = [("ClientID", str(client_id)), ("CampaignIDs", ids(campaign_ids))]
    return _as(write("Client.AssignCampaigns", form), as_user)


def get_client_lists() -> Command[Page[MailingList]]:
    """``Client.Lists.Get`` (client login): the lists assigned to it."""
    totals = ("TotalListCount",)
    return listing("Client.Lists.Get", [], "Lists", wire.parse_list, totals=totals)


def get_client_list(list_id: int) -> Command[MailingList]:
    """``Client.List.Get`` (client login): one assigned list."""
    return record("Client.List.Get", [("ListID", str(list_id))], "List", wire.parse_list)


def get_client_campaigns() -> Command[Page[Campaign]]:
    """``Client.Campaigns.Get`` (client login): the campaigns assigned to it."""
    totals = ("TotalCampaigns", "TotalCampaignCount")
    return listing("Client.Campaigns.Get", [], "Campaigns", wire.parse_campaign, totals=totals)


def get_client_campaign(campaign_id: int) -> Command[Campaign]:
    """``Client.Campaign.Get`` (client login): one assigned campaign."""
    form: Form = [("CampaignID", str(campaign_id))]
    return record("Client.Campaign.Get", form, "Campaign", wire.parse_campaign)


# -- themes -----------------------------------------------------------------------------------


def get_themes() -> Command[Page[Theme]]:
    """``Themes.Get``: every interface theme (unpaged)."""
    return listing("Themes.Get", ordered("ThemeID", "ASC"), "Themes", parse_theme, totals=())


def get_theme(theme_id: int) -> Command[Theme]:
    """``Theme.Get``: one theme."""
    return record("Theme.Get", [("ThemeID", str(theme_id))], "Theme", parse_theme)


def _theme_form(values: ThemeValues) -> Form:
    form: Form = []
    _each(
        form,
        [
            ("Template", values.template),
            ("ThemeName", values.name),
            ("ProductName", values.product_name),
            ("ThemeSettings", values.settings),
        ],
        str,
    )
    return form


def create_theme(values: ThemeValues) -> Command[int]:
    """``Theme.Create``: a theme of an installed template; its id."""
    return created("Theme.Create", _theme_form(values), "ThemeID")


def update_theme(theme_id: int, values: ThemeValues) -> Command[None]:
    """``Theme.Update``: the given values only."""
    return write("Theme.Update", [("ThemeID", str(theme_id)), *_theme_form(values)])


def delete_themes(theme_ids: Sequence[int]) -> Command[None]:
    """``Theme.Delete`` (singular name, comma list ``Themes``)."""
    return write("Theme.Delete", [("Themes", ids(theme_ids))])


# -- settings ---------------------------------------------------------------------------------


def _settings_form(change: SettingsChange) -> Form:
    form: Form = []
    _each(
        form,
        [
            ("SystemEmailFromName", change.system_from_name),
            ("SystemEmailFromEmail", change.system_from_email),
            ("SystemEmailReplyToName", change.system_reply_to_name),
            ("SystemEmailReplyToEmail", change.system_reply_to_email),
            ("AlertRecipientEmail", change.alert_recipient_email),
            ("ReportAbuseEmail", change.report_abuse_email),
            ("MediaUploadMethod", change.media_upload_method),
            ("S3Bucket", change.s3_bucket),
            ("S3AccessID", change.s3_access_id),
            ("S3URL", change.s3_url),
            ("SendMethod", change.send_method),
            ("SendMethodSMTPHost", change.smtp_host),
            ("SendMethodSMTPSecure", change.smtp_secure),
            ("SendMethodSMTPUsername", change.smtp_login_name),
            ("SendMethodLocalMTAPath", change.local_mta_path),
            ("SendMethodPowerMTAVMTA", change.powermta_vmta),
            ("SendMethodPowerMTADir", change.powermta_dir),
            ("SendMethodSaveToDiskDir", change.save_to_disk_dir),
        ],
        str,
    )
    _each(
        form,
        [
            ("LoadBalanceEmails", change.load_balance_emails),
            ("LoadBalanceSleep", change.load_balance_sleep),
            ("SendMethodSMTPPort", change.smtp_port),
        ],
        str,
    )
    given(form, "SendMethodSMTPAuth", change.smtp_auth, true_false)
    given(form, "S3SecretKey", change.s3_secret_key, SecretStr.get_secret_value)
    given(form, "SendMethodSMTPPassword", change.smtp_login_secret, SecretStr.get_secret_value)
    return form


def update_settings(change: SettingsChange) -> Command[None]:
    """``Settings.Update`` with the given settings only."""
    return write("Settings.Update", _settings_form(change))


def check_email_sending(change: SettingsChange) -> Command[None]:
    """``Settings.EmailSendingTest`` of a send method's settings (nothing is saved).

    A failed test is error 1 with the server's reason as its text (see ``wire.envelope``);
    the client turns it into a :class:`~mailgql.upstreams.oempro.admin_records.SendingTest`.
    """
    return write("Settings.EmailSendingTest", _settings_form(change))
