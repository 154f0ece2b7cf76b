"""Typed records of what Oempro's administrator manages beyond users: a plan's sending settings,
themes, payment periods, and a delivery test's outcome; with the names of the values these are
written with (defined in ``write_values``).

Beside ``records``: what ``wire.accounts`` decodes. Like every record, no field holds a
credential: a plan's SMTP user name and password, the settings' S3 keys and the users' API keys
are dropped by the wire.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mailgql.upstreams.oempro.write_values import (
    AdminProfile,
    PaymentPeriodChange,
    PlanValues,
    SettingsChange,
    ThemeValues,
    UserProfile,
)

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
class SendingTest:
    """The outcome of ``Settings.EmailSendingTest``: delivered, or why not."""

    passed: bool
    message: str | None
    """The server's ``EmailSettingsErrorMessage`` when the test failed."""
