"""The Maxmailer adapter: users and resellers, credits, campaign reports, list subscriptions."""

from mailgql.upstreams.maxmailer.client import MaxmailerClient
from mailgql.upstreams.maxmailer.records import (
    UNLIMITED,
    Campaign,
    CampaignState,
    CampaignSummary,
    LimitAsked,
    Limits,
    NewUserOptions,
    Permissions,
    SendPeriod,
    Subscription,
    Usage,
    User,
    UserDetail,
    UserType,
)

__all__ = [
    "Campaign",
    "CampaignState",
    "CampaignSummary",
    "UNLIMITED",
    "LimitAsked",
    "Limits",
    "MaxmailerClient",
    "NewUserOptions",
    "Permissions",
    "SendPeriod",
    "Subscription",
    "Usage",
    "User",
    "UserDetail",
    "UserType",
]
