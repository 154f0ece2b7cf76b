"""The Oempro adapter: users, clients, lists, subscribers, campaigns, emails and segments."""

from mailgql.upstreams.oempro.auth import Login, LoginKind
from mailgql.upstreams.oempro.client import STATUS_SEGMENTS, OemproClient
from mailgql.upstreams.oempro.records import (
    Admin,
    BounceType,
    Campaign,
    CampaignStatistics,
    CampaignStatus,
    Client,
    CustomField,
    Email,
    MailingList,
    Page,
    ScheduleType,
    Segment,
    SegmentRule,
    Subscriber,
    SubscribeResult,
    SubscriptionStatus,
    User,
    UserGroup,
)

__all__ = [
    "STATUS_SEGMENTS",
    "Admin",
    "BounceType",
    "Campaign",
    "CampaignStatistics",
    "CampaignStatus",
    "Client",
    "CustomField",
    "Email",
    "Login",
    "LoginKind",
    "MailingList",
    "OemproClient",
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
