"""Oempro's administrator objects in the graph: plans (user groups) with their sending settings,
interface themes, and a user's payment periods; and how records become them.

No type here has a field for a credential: a plan's SMTP user name and password, the install's
S3 keys and users' API keys stop in the adapter.
"""

from __future__ import annotations

import enum
from datetime import datetime

import strawberry

from mailgql.graph.context import Info
from mailgql.graph.enum_values import described
from mailgql.graph.node import Node
from mailgql.graph.platforms._mapping import identity
from mailgql.platforms import Platform
from mailgql.upstreams.oempro import UserGroup as UserGroupRecord
from mailgql.upstreams.oempro.admin_records import (
    PaymentPeriod as PeriodRecord,
    SendingSettings as SendingRecord,
    Theme as ThemeRecord,
)

__all__ = [
    "PaymentPeriod",
    "PaymentStatus",
    "PlanLimits",
    "SendingSettings",
    "Theme",
    "UserGroup",
    "to_payment_period",
    "to_theme",
    "to_user_group",
]

_P = Platform.OEMPRO


@strawberry.enum(description="Where an Oempro payment period stands.")
class PaymentStatus(enum.Enum):
    """Where a payment period stands."""

    UNPAID = described("Unpaid", description="Billed, not paid.")
    WAITING = described("Waiting", description="Payment started, not confirmed.")
    PAID = described("Paid", description="Paid.")
    WAIVED = described("Waived", description="Not to be paid.")
    NOT_APPLICABLE = described(
        "NA", description="Nothing to pay (Oempro `NA`), or a status this gateway does not know."
    )


@strawberry.type(
    description="How a plan's mail leaves the install (Oempro `SendMethod` and its settings). "
    "The SMTP user name and password are never shown."
)
class SendingSettings:
    """How a plan's mail leaves the install."""

    method: str | None = strawberry.field(
        description="`SMTP`, `LocalMTA`, `PHPMail`, `PowerMTA` or `SaveToDisk`."
    )
    smtp_host: str | None = strawberry.field(description="SMTP: the server's host name.")
    smtp_port: int | None = strawberry.field(description="SMTP: the server's port.")
    smtp_security: str | None = strawberry.field(
        description="SMTP: `ssl`, `tls`, or null for none."
    )
    smtp_timeout_seconds: int | None = strawberry.field(
        description="SMTP: seconds to wait for the server."
    )
    smtp_authentication: bool = strawberry.field(
        description="SMTP: whether the server wants a login (which is never shown)."
    )
    local_mta_path: str | None = strawberry.field(
        description="LocalMTA: the path of the local mail program."
    )
    power_mta_virtual_mta: str | None = strawberry.field(description="PowerMTA: the virtual MTA.")
    power_mta_pickup_dir: str | None = strawberry.field(
        description="PowerMTA: the pickup directory."
    )
    save_to_disk_dir: str | None = strawberry.field(
        description="SaveToDisk: where messages are written instead of sent."
    )


@strawberry.type(description="A plan's limits; null is unlimited (Oempro stores 0 or -1).")
class PlanLimits:
    """A plan's limits."""

    subscribers: int | None = strawberry.field(description="Subscribers across all lists.")
    lists: int | None = strawberry.field(description="Lists.")
    campaigns_per_period: int | None = strawberry.field(description="Campaigns sent per period.")
    emails_per_period: int | None = strawberry.field(description="Emails sent per period.")


@strawberry.type(
    description="An Oempro user group: the plan its users share, with the commands they may "
    "use, their limits and how their mail is sent. Read with an admin login only (with a user "
    "login Oempro refuses it: FORBIDDEN)."
)
class UserGroup(Node):
    """An Oempro plan."""

    platform: Platform = strawberry.field(description="Always OEMPRO.")
    legacy_id: str = strawberry.field(description="Oempro's `UserGroupID`.")
    name: str = strawberry.field(description="The plan's name (`GroupName`).")
    permissions: list[str] = strawberry.field(
        description="What its users may do, as Oempro names each permission "
        "(`Lists.Create`, `Campaigns.Get`...)."
    )
    limits: PlanLimits = strawberry.field(description="How much its users may have and send.")
    import_threshold: int | None = strawberry.field(
        description="Subscribers one import may hold before an administrator approves it."
    )
    send_threshold: int | None = strawberry.field(
        description="Recipients one campaign may have before an administrator approves it."
    )
    charges_per_send: bool = strawberry.field(
        description="Whether the plan bills its users (`PaymentSystem`); then a user's "
        "`quota.sendsAvailable` is its credits."
    )
    trial: bool = strawberry.field(description="Whether this is a trial plan.")
    trial_seconds: int | None = strawberry.field(
        description="How long a trial lasts, in seconds; null when not a trial."
    )
    theme_id: strawberry.ID | None = strawberry.field(
        description="The global ID of the interface theme its users see."
    )
    subscriber_area_logout_url: str | None = strawberry.field(
        description="Where subscribers go when they log out of the subscriber area."
    )
    forces_unsubscription_link: bool = strawberry.field(
        description="Whether every email must carry an unsubscription link."
    )
    forces_reject_opt_link: bool = strawberry.field(
        description="Whether every confirmation email must carry a reject link."
    )
    plain_email_header: str | None = strawberry.field(
        description="Text put before every plain-text email of its users."
    )
    plain_email_footer: str | None = strawberry.field(
        description="Text put after every plain-text email of its users."
    )
    html_email_header: str | None = strawberry.field(
        description="HTML put before every HTML email of its users."
    )
    html_email_footer: str | None = strawberry.field(
        description="HTML put after every HTML email of its users."
    )
    sending: SendingSettings | None = strawberry.field(
        description="How its users' mail is sent; null when the plan names no method."
    )

    @strawberry.field(
        description="The interface theme its users see (one Theme.Get call per theme). Null, "
        "with an error at its path, when Oempro fails to answer it."
    )
    async def theme(self, info: Info) -> Theme | None:
        """The plan's interface theme."""
        if not self._theme_number:
            return None
        found = await info.context.oempro().theme(self._theme_number)
        return to_theme(found) if found is not None else None

    _theme_number: strawberry.Private[int] = 0
    """The theme's ``ThemeID`` (0: none)."""


@strawberry.type(
    description="An Oempro user interface theme: an installed template with its names, logo and "
    "settings. Read with an admin login only."
)
class Theme(Node):
    """An Oempro interface theme."""

    platform: Platform = strawberry.field(description="Always OEMPRO.")
    legacy_id: str = strawberry.field(description="Oempro's `ThemeID`.")
    template: str = strawberry.field(description="The installed template it is made from.")
    name: str = strawberry.field(description="The theme's name (`ThemeName`).")
    product_name: str | None = strawberry.field(description="The product name the interface shows.")
    logo_type: str | None = strawberry.field(description="The logo's media type; null: no logo.")
    logo_size: int | None = strawberry.field(description="The logo's size in bytes.")
    settings: str | None = strawberry.field(
        description="The theme's own settings as Oempro stores them (often JSON)."
    )


@strawberry.type(
    description="A billing period of an Oempro user (ESP licences only): what the user sent and "
    "what it owes."
)
class PaymentPeriod:
    """A billing period of a user."""

    legacy_id: str = strawberry.field(description="Oempro's `LogID` of the period.")
    starts_at: datetime | None = strawberry.field(description="When the period starts.")
    ends_at: datetime | None = strawberry.field(description="When the period ends.")
    campaigns_sent: int | None = strawberry.field(description="Campaigns sent in the period.")
    campaign_recipients: int | None = strawberry.field(description="Recipients of those campaigns.")
    auto_responders_sent: int | None = strawberry.field(
        description="Auto responder emails sent in the period."
    )
    design_preview_requests: int | None = strawberry.field(
        description="Design previews asked in the period."
    )
    subtotal: float | None = strawberry.field(description="The amount before discount and tax.")
    discount: float | None = strawberry.field(description="The discount given.")
    tax: float | None = strawberry.field(description="The tax of the period.")
    total: float | None = strawberry.field(description="What the user owes for the period.")
    tax_included: bool = strawberry.field(description="Whether the total includes the tax.")
    status: PaymentStatus = strawberry.field(description="Where its payment stands.")
    status_changed_at: datetime | None = strawberry.field(
        description="When the status last changed; null if never."
    )
    receipt_sent: bool = strawberry.field(description="Whether a receipt was mailed.")


# -- records to types -----------------------------------------------------------------------------


def _limit(value: int | None) -> int | None:
    # Installs store "no limit" as 0 or as -1 (contract §15): both are unlimited.
    return value if value is not None and value > 0 else None


def _sending(record: SendingRecord | None) -> SendingSettings | None:
    if record is None:
        return None
    return SendingSettings(
        method=record.method,
        smtp_host=record.smtp_host,
        smtp_port=record.smtp_port,
        smtp_security=record.smtp_secure,
        smtp_timeout_seconds=record.smtp_timeout,
        smtp_authentication=record.smtp_auth,
        local_mta_path=record.local_mta_path,
        power_mta_virtual_mta=record.powermta_vmta,
        power_mta_pickup_dir=record.powermta_dir,
        save_to_disk_dir=record.save_to_disk_dir,
    )


def theme_gid(theme_id: int) -> strawberry.ID:
    """The global ID of an Oempro theme."""
    return identity("Theme", _P, theme_id)["id"]


def to_user_group(record: UserGroupRecord) -> UserGroup:
    """A plan row as a UserGroup."""
    return UserGroup(
        **identity("UserGroup", _P, record.group_id),
        name=record.name,
        permissions=list(record.permissions),
        limits=PlanLimits(
            subscribers=_limit(record.limit_subscribers),
            lists=_limit(record.limit_lists),
            campaigns_per_period=_limit(record.limit_campaign_send_per_period),
            emails_per_period=_limit(record.limit_email_send_per_period),
        ),
        import_threshold=_limit(record.threshold_import),
        send_threshold=_limit(record.threshold_email_send),
        charges_per_send=record.payment_system,
        trial=record.trial_group,
        trial_seconds=_limit(record.trial_expire_seconds) if record.trial_group else None,
        theme_id=theme_gid(record.theme_id) if record.theme_id is not None else None,
        subscriber_area_logout_url=record.subscriber_area_logout_url,
        forces_unsubscription_link=record.force_unsubscription_link,
        forces_reject_opt_link=record.force_reject_opt_link,
        plain_email_header=record.plain_email_header,
        plain_email_footer=record.plain_email_footer,
        html_email_header=record.html_email_header,
        html_email_footer=record.html_email_footer,
        sending=_sending(record.sending),
        _theme_number=record.theme_id or 0,
    )


def to_theme(record: ThemeRecord) -> Theme:
    """A theme row as a Theme."""
    return Theme(
        **identity("Theme", _P, record.theme_id),
        template=record.template,
        name=record.name,
        product_name=record.product_name,
        logo_type=record.logo_type,
        logo_size=record.logo_size,
        settings=record.settings,
    )


_STATUSES = {
    "unpaid": PaymentStatus.UNPAID,
    "waiting": PaymentStatus.WAITING,
    "paid": PaymentStatus.PAID,
    "waived": PaymentStatus.WAIVED,
}
"""Oempro's spelling of each status, lower-cased (anything else is NOT_APPLICABLE)."""


def to_payment_period(record: PeriodRecord) -> PaymentPeriod:
    """A payment period row as a PaymentPeriod."""
    return PaymentPeriod(
        legacy_id=str(record.log_id),
        starts_at=record.period_start,
        ends_at=record.period_end,
        campaigns_sent=record.campaigns_sent,
        campaign_recipients=record.campaigns_total_recipients,
        auto_responders_sent=record.auto_responders_sent,
        design_preview_requests=record.design_preview_requests,
        subtotal=record.subtotal,
        discount=record.discount,
        tax=record.tax,
        total=record.total,
        tax_included=record.include_tax,
        status=_STATUSES.get(record.status.lower(), PaymentStatus.NOT_APPLICABLE),
        status_changed_at=record.status_changed_at,
        receipt_sent=record.receipt_sent,
    )
