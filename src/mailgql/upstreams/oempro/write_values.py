"""What Oempro's commands write: how email goes out, the values of a plan, a user's profile, the
administrator's profile, a theme, a payment period, the install's settings, a design template, a
custom field and an auto responder.

Where a field may be None, None leaves the value out (an update keeps it, a create takes the
server's default where it has one). Secrets written (a new password, an SMTP password, an S3
secret key) travel as ``SecretStr``, so no ``repr`` or log line shows them; the forms that send
these values are in ``commands.value_forms``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import SecretStr

from mailgql.upstreams.changes import Changes
from mailgql.upstreams.oempro.list_records import FieldOption

__all__ = [
    "AdminProfile",
    "DeliveryValues",
    "FieldSpec",
    "PaymentPeriodChange",
    "PlanValues",
    "ResponderSpec",
    "SettingsChange",
    "TemplateValues",
    "ThemeValues",
    "UserProfile",
]


@dataclass(frozen=True, slots=True)
class DeliveryValues(Changes):
    """How email goes out, as a plan (``UserGroup.Create``/``Update``) and the install's settings
    (``Settings.Update``) write it: the send method and its settings; None leaves a value out."""

    send_method: str | None = None
    smtp_host: str | None = None
    smtp_port: int | None = None
    smtp_secure: str | None = None
    smtp_auth: bool | None = None
    smtp_login_name: str | None = None
    smtp_login_secret: SecretStr | None = None
    """Written, never read back."""
    local_mta_path: str | None = None
    powermta_vmta: str | None = None
    powermta_dir: str | None = None
    save_to_disk_dir: str | None = None


@dataclass(frozen=True, slots=True)
class PlanValues(DeliveryValues):
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
    smtp_timeout: int | None = None


@dataclass(frozen=True, slots=True)
class UserProfile(Changes):
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
class ThemeValues(Changes):
    """What ``Theme.Create``/``Theme.Update`` write; None leaves a value out."""

    template: str | None = None
    name: str | None = None
    product_name: str | None = None
    settings: str | None = None


@dataclass(frozen=True, slots=True)
class PaymentPeriodChange:
    """What ``User.PaymentPeriods.Update`` sets on one period (every value is required)."""

    discount: float
    include_tax: bool
    status: str
    send_receipt: bool


@dataclass(frozen=True, slots=True)
class SettingsChange(DeliveryValues):
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


@dataclass(frozen=True, slots=True)
class TemplateValues(Changes):
    """What ``Email.Template.Create``/``Update`` write; None leaves a value as it is (or empty,
    on create)."""

    name: str | None = None
    description: str | None = None
    subject: str | None = None
    html: str | None = None
    plain: str | None = None
    thumbnail_path: str | None = None


@dataclass(frozen=True, slots=True)
class FieldSpec(Changes):
    """A custom field's settings as ``CustomField.Create``/``Update`` take them; None: not sent.

    ``preset`` (``Gender``, ``Age``...) replaces name, type and options on create.
    """

    name: str | None = None
    field_type: str | None = None
    preset: str | None = None
    default_value: str | None = None
    options: Sequence[FieldOption] | None = None
    validation_method: str | None = None
    validation_rule: str | None = None
    visibility: str | None = None
    required: bool | None = None
    unique: bool | None = None
    is_global: bool | None = None
    merge_tag_alias: str | None = None


@dataclass(frozen=True, slots=True)
class ResponderSpec(Changes):
    """An auto responder's settings as Create/Update take them; None: not sent."""

    name: str | None = None
    email_id: int | None = None
    trigger_type: str | None = None
    trigger_value: str | None = None
    time_type: str | None = None
    time_amount: int | None = None
