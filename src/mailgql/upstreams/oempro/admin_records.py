"""Typed records of what Oempro's administrator manages beyond users: a plan's sending settings
and the values a plan is written with, themes, payment periods, and a delivery test's outcome.

Beside ``records`` (whose ``UserGroup`` carries :class:`SendingSettings`): what
``wire.admin_area`` decodes. Like every record, no field holds a credential: a plan's SMTP user
name and password, the settings' S3 keys and the users' API keys are dropped by the wire. The
values written (a new password, an SMTP password, an S3 secret key) travel as ``SecretStr``, so
no ``repr`` or log line shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from pydantic import SecretStr

__all__ = [
    "AdminProfile",
    "PaymentPeriod",
    "PaymentPeriodChange",
    "PlanValues",
    "SendingSettings",
    "SendingTest",
    "SettingsChange",
    "Theme",
    "ThemeValues",
    "UserProfile",
]


@dataclass(frozen=True, slots=True)
class SendingSettings:
    """How a plan's mail leaves the install (``SendMethod`` and its settings, without the SMTP
    login)."""

    method: str | None
    """``SMTP``, ``LocalMTA``, ``PHPMail``, ``PowerMTA`` or ``SaveToDisk``."""
    smtp_host: str | None = None
    smtp_port: int | None = None
    smtp_secure: str | None = None
    """``ssl``, ``tls`` or empty."""
    smtp_timeout: int | None = None
    smtp_auth: bool = False
    """Whether the SMTP server wants a login (which is never read back)."""
    local_mta_path: str | None = None
    powermta_vmta: str | None = None
    powermta_dir: str | None = None
    save_to_disk_dir: str | None = None


def _given(values: object) -> bool:
    return any(getattr(values, f.name) is not None for f in fields(values))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class PlanValues:
    """What ``UserGroup.Create``/``Update`` write; None leaves a value out (an update keeps it,
    a create takes the server's default where it has one)."""

    name: str | None = None
    theme_id: int | None = None
    subscriber_area_logout_url: str | None = None
    force_unsubscription_link: bool | None = None
    force_reject_opt_link: bool | None = None
    permissions: tuple[str, ...] | None = None
    limit_subscribers: int | None = None
    limit_lists: int | None = None
    limit_campaign_send_per_period: int | None = None
    limit_email_send_per_period: int | None = None
    threshold_import: int | None = None
    threshold_email_send: int | None = None
    trial_group: bool | None = None
    trial_expire_seconds: int | None = None
    plain_email_header: str | None = None
    plain_email_footer: str | None = None
    html_email_header: str | None = None
    html_email_footer: str | None = None
    send_method: str | None = None
    smtp_host: str | None = None
    smtp_port: int | None = None
    smtp_secure: str | None = None
    smtp_timeout: int | None = None
    smtp_auth: bool | None = None
    smtp_login_name: str | None = None
    smtp_login_secret: SecretStr | None = None
    """Written, never read back."""
    local_mta_path: str | None = None
    powermta_vmta: str | None = None
    powermta_dir: str | None = None
    save_to_disk_dir: str | None = None

    def empty(self) -> bool:
        """Whether nothing would be written."""
        return not _given(self)


@dataclass(frozen=True, slots=True)
class UserProfile:
    """What ``User.Create``/``User.Update`` write about a user; None leaves a value out."""

    email: str | None = None
    username: str | None = None
    password: SecretStr | None = None
    group_id: int | None = None
    first_name: str | None = None
    last_name: str | None = None
    company_name: str | None = None
    website: str | None = None
    street: str | None = None
    city: str | None = None
    state: str | None = None
    zip_code: str | None = None
    country: str | None = None
    phone: str | None = None
    fax: str | None = None
    timezone: str | None = None
    language: str | None = None
    reputation: str | None = None
    """``Trusted`` or ``Untrusted``."""
    enabled: bool | None = None
    available_credits: int | None = None

    def empty(self) -> bool:
        """Whether nothing would be written."""
        return not _given(self)


@dataclass(frozen=True, slots=True)
class AdminProfile:
    """What ``Admin.Update`` writes: every field but the password is required by Oempro."""

    admin_id: int
    name: str
    username: str
    email: str
    password: SecretStr | None = None
    """None (sent empty) keeps the password."""


@dataclass(frozen=True, slots=True)
class Theme:
    """A user interface theme: an installed template with names, a logo and its settings."""

    theme_id: int
    template: str
    name: str
    product_name: str | None
    logo_type: str | None
    logo_size: int | None
    settings: str | None
    """Free-form theme settings, as stored (often JSON)."""


@dataclass(frozen=True, slots=True)
class ThemeValues:
    """What ``Theme.Create``/``Theme.Update`` write; None leaves a value out."""

    template: str | None = None
    name: str | None = None
    product_name: str | None = None
    settings: str | None = None

    def empty(self) -> bool:
        """Whether nothing would be written."""
        return not _given(self)


@dataclass(frozen=True, slots=True)
class PaymentPeriod:
    """One billing period of a user (ESP licences): usage, amounts and payment status."""

    log_id: int
    user_id: int | None
    period_start: datetime | None
    period_end: datetime | None
    campaigns_sent: int | None
    campaigns_total_recipients: int | None
    auto_responders_sent: int | None
    design_preview_requests: int | None
    subtotal: float | None
    discount: float | None
    tax: float | None
    total: float | None
    include_tax: bool
    status: str
    """``Unpaid``, ``Waiting``, ``Paid`` or ``Waived``."""
    status_changed_at: datetime | None
    receipt_sent: bool


@dataclass(frozen=True, slots=True)
class PaymentPeriodChange:
    """What ``User.PaymentPeriods.Update`` sets on one period (every value is required)."""

    discount: float
    include_tax: bool
    status: str
    send_receipt: bool


@dataclass(frozen=True, slots=True)
class SettingsChange:
    """What ``Settings.Update`` writes; None leaves a setting as it is."""

    system_from_name: str | None = None
    system_from_email: str | None = None
    system_reply_to_name: str | None = None
    system_reply_to_email: str | None = None
    alert_recipient_email: str | None = None
    report_abuse_email: str | None = None
    media_upload_method: str | None = None
    s3_bucket: str | None = None
    s3_access_id: str | None = None
    s3_secret_key: SecretStr | None = None
    s3_url: str | None = None
    load_balance_emails: int | None = None
    load_balance_sleep: int | None = None
    send_method: str | None = None
    smtp_host: str | None = None
    smtp_port: int | None = None
    smtp_secure: str | None = None
    smtp_auth: bool | None = None
    smtp_login_name: str | None = None
    smtp_login_secret: SecretStr | None = None
    local_mta_path: str | None = None
    powermta_vmta: str | None = None
    powermta_dir: str | None = None
    save_to_disk_dir: str | None = None

    def empty(self) -> bool:
        """Whether nothing would be written."""
        return not _given(self)


@dataclass(frozen=True, slots=True)
class SendingTest:
    """The outcome of ``Settings.EmailSendingTest``: delivered, or why not."""

    passed: bool
    message: str | None
    """The server's ``EmailSettingsErrorMessage`` when the test failed."""
