"""Typed records the Maxmailer adapter returns: PHP-printed strings already coerced.

No record has a field for ``smtp_user``, ``smtp_pass`` or a password: the legacy API hands them
out, ``wire`` drops them, and nothing past the adapter can see them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Final, Literal

__all__ = [
    "CAMPAIGN_STATES",
    "SEND_PERIODS",
    "UNLIMITED",
    "USER_TYPES",
    "Campaign",
    "CampaignState",
    "CampaignSummary",
    "LimitAsked",
    "Limits",
    "NewUserOptions",
    "Permissions",
    "SendPeriod",
    "Subscription",
    "Usage",
    "User",
    "UserDetail",
    "UserType",
]

UserType = Literal["admin", "reseller", "user", "demo"]
SendPeriod = Literal["one_time", "daily", "weekly", "monthly"]
CampaignState = Literal["completed", "scheduled", "stopped", "saved", "sending", "restarting"]

USER_TYPES: tuple[UserType, ...] = ("admin", "reseller", "user", "demo")
SEND_PERIODS: tuple[SendPeriod, ...] = ("one_time", "daily", "weekly", "monthly")
"""In ``max_sends_type`` order: 0 one time, 1 daily, 2 weekly, 3 monthly."""
UNLIMITED: Final = "unlimited"
"""A limit asked for as unlimited."""
LimitAsked = int | Literal["unlimited"] | None
"""A limit a write asks for: a number, ``UNLIMITED``, or None for the platform's default."""
CAMPAIGN_STATES: tuple[CampaignState, ...] = (
    "completed",
    "scheduled",
    "stopped",
    "saved",
    "sending",
    "restarting",
)


@dataclass(frozen=True, slots=True)
class Limits:
    """What an account may use; None is unlimited (the wire's ``0``)."""

    send_limit: int | None
    send_period: SendPeriod
    list_limit: int | None
    subscriber_limit: int | None
    message_size_kb: int | None
    attachment_size_kb: int | None
    user_limit: int | None
    """Users a user-manager may create; None when unlimited or not a user-manager."""


@dataclass(frozen=True, slots=True)
class Permissions:
    """The account's feature flags."""

    attachments: bool
    bounce_handling: bool
    forms: bool
    api: bool
    embedded_images: bool
    custom_smtp: bool
    smtp_host: str | None


@dataclass(frozen=True, slots=True)
class User:
    """One account as ListUsers and GetUser print it, without its SMTP credentials."""

    user_id: int
    username: str
    first_name: str | None
    last_name: str | None
    email: str | None
    user_type: UserType
    parent_id: int | None
    """The managing account; None at the top (the wire's ``0``)."""
    active: bool
    suspended_at: datetime | None
    created_at: datetime | None
    last_login_at: datetime | None
    trial_days: int | None
    limits: Limits
    permissions: Permissions

    @property
    def full_name(self) -> str | None:
        """First and last name joined, or None when both are blank."""
        parts = [p for p in (self.first_name, self.last_name) if p]
        return " ".join(parts) if parts else None


@dataclass(frozen=True, slots=True)
class Usage:
    """What GetUser adds to the account row: use in the current period."""

    sends_available: int | None
    """Sends left in this period; None for an account without a send limit."""
    sent_this_period: int
    subscribers: int
    reset_date: date | None


@dataclass(frozen=True, slots=True)
class UserDetail:
    """A GetUser answer: the account and its usage."""

    user: User
    usage: Usage


@dataclass(frozen=True, slots=True)
class CampaignSummary:
    """A ListCamps item."""

    message_id: int
    subject: str | None
    started_at: datetime | None
    finished_at: datetime | None


@dataclass(frozen=True, slots=True)
class Campaign:
    """A GetCamp answer: the campaign and its report."""

    message_id: int
    state: CampaignState
    subject: str | None
    sender: str | None
    started_at: datetime | None
    finished_at: datetime | None
    subscribers: int
    sent: int
    left: int
    failed: int
    bounced: int
    reads_unique: int
    reads_total: int
    unsubscribed: int
    referred: int
    referred_reads: int
    total_reads: int
    """Reads by subscribers and by referred people."""
    new_subscribers: int


@dataclass(frozen=True, slots=True)
class Subscription:
    """A subscription API ``status`` answer."""

    email: str
    name: str | None
    subscribed_at: datetime | None
    expires_at: datetime | None
    active: bool


@dataclass(frozen=True, slots=True)
class NewUserOptions:
    """CreateUser's optional settings; None leaves a value out, so Maxmailer applies its default.

    A limit is a number, ``UNLIMITED`` (the wire's ``0``, which a licence may refuse) or None.
    """

    first_name: str = ""
    last_name: str = ""
    send_limit: LimitAsked = None
    send_period: SendPeriod | None = None
    """Admins only; a user-manager's users share its period and Maxmailer ignores this."""
    list_limit: LimitAsked = None
    subscriber_limit: LimitAsked = None
    message_size_kb: LimitAsked = None
    attachment_size_kb: int | None = None
    attachments: bool | None = None
    bounce_handling: bool | None = None
    forms: bool | None = None
    api: bool | None = None
    embedded_images: bool | None = None
    trial_days: int | None = None
    demo: bool = False
