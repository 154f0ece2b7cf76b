"""Typed records the Oempro adapter returns: strings coerced, secrets already dropped.

No record has a field for a password, a password hash, an API key, an SMTP or sync credential:
``wire`` never copies those columns, so nothing downstream can leak them.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, Literal, TypeVar

from mailgql.upstreams.oempro.admin_records import SendingSettings
from mailgql.upstreams.oempro.content_records import Attachment, Tag

__all__ = [
    "Admin",
    "BounceType",
    "Campaign",
    "CampaignStatistics",
    "CampaignStatus",
    "Client",
    "CustomField",
    "Email",
    "MailingList",
    "Page",
    "ScheduleType",
    "Segment",
    "SegmentRule",
    "SubscribeResult",
    "Subscriber",
    "SubscriptionStatus",
    "User",
    "UserGroup",
]

T = TypeVar("T")

ScheduleType = Literal["Not Scheduled", "Immediate", "Future", "Recursive"]
"""``Campaign.Update`` schedule types, spelled as the API spells them."""


class SubscriptionStatus(enum.Enum):
    """Where a subscriber stands with one list."""

    SUBSCRIBED = "Subscribed"
    OPT_IN_PENDING = "Opt-In Pending"
    """Waiting for a double opt-in confirmation (also read from ``Confirmation Pending``)."""
    OPT_OUT_PENDING = "Opt-Out Pending"
    UNSUBSCRIBED = "Unsubscribed"


class BounceType(enum.Enum):
    """Whether mail to a subscriber bounced, and how."""

    NOT_BOUNCED = "Not Bounced"
    SOFT = "Soft"
    HARD = "Hard"


class CampaignStatus(enum.Enum):
    """A campaign's status, as ``CampaignStatus`` spells it on 4.x."""

    DRAFT = "Draft"
    READY = "Ready"
    SENDING = "Sending"
    PAUSED = "Paused"
    PENDING_APPROVAL = "Pending Approval"
    SENT = "Sent"
    FAILED = "Failed"


@dataclass(frozen=True, slots=True)
class User:
    """A user: the customer account that owns lists, campaigns and clients."""

    user_id: int
    group_id: int | None
    username: str
    email: str | None
    first_name: str | None
    last_name: str | None
    company_name: str | None
    website: str | None
    street: str | None
    city: str | None
    state: str | None
    zip_code: str | None
    country: str | None
    phone: str | None
    fax: str | None
    timezone: str | None
    language: str | None
    reputation: str | None
    """``Trusted`` or ``Untrusted``: an untrusted user's campaigns wait for approval."""
    enabled: bool
    """``AccountStatus`` is ``Enabled``."""
    user_since: datetime | None
    last_activity_at: datetime | None
    available_credits: int | None


@dataclass(frozen=True, slots=True)
class Admin:
    """The administrator account, as ``Admin.Login`` describes it."""

    admin_id: int
    name: str | None
    email: str | None
    username: str


@dataclass(frozen=True, slots=True)
class UserGroup:
    """A user group (plan): permissions and limits; sending credentials are not kept."""

    group_id: int
    name: str
    permissions: tuple[str, ...]
    limit_subscribers: int | None
    limit_lists: int | None
    limit_campaign_send_per_period: int | None
    limit_email_send_per_period: int | None
    """Oempro stores 0 for "no limit" on some installs and -1 on others; both are kept as read."""
    threshold_import: int | None
    threshold_email_send: int | None
    trial_group: bool
    trial_expire_seconds: int | None
    payment_system: bool
    send_method: str | None
    theme_id: int | None = None
    subscriber_area_logout_url: str | None = None
    force_unsubscription_link: bool = False
    force_reject_opt_link: bool = False
    plain_email_header: str | None = None
    plain_email_footer: str | None = None
    html_email_header: str | None = None
    html_email_footer: str | None = None
    sending: SendingSettings | None = None
    """``SendMethod`` and its settings, without the SMTP user name and password."""


@dataclass(frozen=True, slots=True)
class MailingList:
    """A subscriber list; its sync settings (database credentials) are not kept."""

    list_id: int
    owner_user_id: int | None
    name: str
    created_at: datetime | None
    opt_in_mode: str | None
    opt_in_confirmation_email_id: int | None
    opt_out_scope: str | None
    opt_out_add_to_suppression_list: bool
    send_service_integration_failed_notification: bool
    hide_in_subscriber_area: bool
    subscription_confirmation_pending_page_url: str | None
    subscription_confirmed_page_url: str | None
    unsubscription_confirmed_page_url: str | None
    subscriber_count: int | None
    """Only 5.x computes it on the row; on 4.x ask ``Subscribers.Get`` for a total."""


@dataclass(frozen=True, slots=True)
class CustomField:
    """A custom field of a list; subscribers carry its value under its id."""

    field_id: int
    list_id: int | None
    name: str
    field_type: str | None
    default_value: str | None
    options: str | None
    validation_method: str | None
    validation_rule: str | None
    required: bool
    unique: bool
    visibility: str | None
    is_global: bool


@dataclass(frozen=True, slots=True)
class Subscriber:
    """A subscriber of one list, with its custom field values by field id."""

    subscriber_id: int
    list_id: int
    email: str
    status: SubscriptionStatus
    bounce_type: BounceType
    subscribed_at: datetime | None
    unsubscribed_at: datetime | None
    opted_in_at: datetime | None
    custom_fields: Mapping[int, str]
    """``CustomField<N>`` columns as ``{N: value}`` (read-only)."""

    @property
    def active(self) -> bool:
        """Subscribed and deliverable (not hard-bounced)."""
        subscribed = self.status is SubscriptionStatus.SUBSCRIBED
        return subscribed and self.bounce_type is not BounceType.HARD


@dataclass(frozen=True, slots=True)
class SubscribeResult:
    """What ``Subscriber.Subscribe`` answers: the new id and where the form would go next."""

    subscriber_id: int
    status: SubscriptionStatus | None
    redirect_url: str | None


@dataclass(frozen=True, slots=True)
class CampaignStatistics:
    """The counters of a campaign row; None where the row has no such column."""

    total_recipients: int | None
    total_sent: int | None
    total_failed: int | None
    total_opens: int | None
    unique_opens: int | None
    total_clicks: int | None
    unique_clicks: int | None
    total_forwards: int | None
    unique_forwards: int | None
    total_views_on_browser: int | None
    unique_views_on_browser: int | None
    total_unsubscriptions: int | None
    total_hard_bounces: int | None
    total_soft_bounces: int | None
    hard_bounce_ratio: float | None
    """Percent; only ``Campaign.Get`` with statistics reports it."""
    soft_bounce_ratio: float | None


@dataclass(frozen=True, slots=True)
class Campaign:
    """A campaign row. Its subject is not here: it lives on the email (``email_id``)."""

    campaign_id: int
    owner_user_id: int | None
    name: str
    status: CampaignStatus
    email_id: int | None
    schedule_type: str | None
    send_date: str | None
    send_time: str | None
    send_timezone: str | None
    schedule_rec_days_of_week: str | None
    schedule_rec_days_of_month: str | None
    schedule_rec_months: str | None
    schedule_rec_hours: str | None
    schedule_rec_minutes: str | None
    schedule_rec_send_max_instance: int | None
    schedule_rec_sent_instances: int | None
    started_at: datetime | None
    finished_at: datetime | None
    statistics: CampaignStatistics
    benchmark_emails_per_second: float | None
    approval_user_explanation: str | None
    google_analytics_domains: tuple[str, ...]
    publish_on_rss: bool
    last_activity_at: datetime | None
    created_at: datetime | None
    tags: tuple[Tag, ...] | None = None
    """Its tags, when the listing was asked for them (``RetrieveTags``); None: not read."""


@dataclass(frozen=True, slots=True)
class Email:
    """An email content record: what a campaign sends."""

    email_id: int
    name: str | None
    subject: str | None
    from_name: str | None
    from_email: str | None
    reply_to_name: str | None
    reply_to_email: str | None
    mode: str | None
    html_content: str | None
    plain_content: str | None
    fetch_url: str | None
    template_id: int | None
    image_embedding: bool
    attachments: tuple[Attachment, ...] | None = None
    """Its attachments, when read by ``Email.Get``; None: not read (``Emails.Get`` rows)."""


@dataclass(frozen=True, slots=True)
class SegmentRule:
    """One segment rule: a subscriber column, an operator and the value compared with."""

    field: str
    operator: str
    filter: str


@dataclass(frozen=True, slots=True)
class Segment:
    """A segment of one list: rules joined by ``and`` (match all) or ``or`` (match any)."""

    segment_id: int
    list_id: int | None
    name: str
    operator: str
    rules: tuple[SegmentRule, ...]
    subscriber_count: int | None


@dataclass(frozen=True, slots=True)
class Client:
    """A client: a user's restricted sub-login (its password is not kept)."""

    client_id: int
    owner_user_id: int | None
    name: str | None
    username: str
    email: str | None
    enabled: bool


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """A window of a listing: the items from ``offset``, and the listing's size when known."""

    items: tuple[T, ...]
    offset: int
    total: int | None
