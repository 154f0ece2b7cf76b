"""Campaigns and their statistics, one shape for every platform."""

from __future__ import annotations

import enum
from datetime import datetime

import strawberry

from mailgql.graph.node import Node
from mailgql.platforms import Platform

__all__ = ["Campaign", "CampaignStats", "CampaignStatus"]


@strawberry.enum(description="Where a campaign is in its life.")
class CampaignStatus(enum.Enum):
    """Where a campaign is in its life."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    PAUSED = "paused"
    STOPPED = "stopped"
    COMPLETED = "completed"
    FAILED = "failed"


def _rate(part: int | None, whole: int | None) -> float | None:
    if part is None or whole is None or whole <= 0:
        return None
    return round(part / whole, 4)


@strawberry.type(
    description="Delivery and engagement counts of a campaign. A count the platform does not "
    "report is null, never 0."
)
class CampaignStats:
    """Delivery and engagement counts of a campaign."""

    recipients: int | None = strawberry.field(default=None, description="Addresses targeted.")
    sent: int | None = strawberry.field(default=None, description="Messages sent.")
    pending: int | None = strawberry.field(default=None, description="Messages still to send.")
    failed: int | None = strawberry.field(default=None, description="Messages that failed.")
    bounced: int | None = strawberry.field(default=None, description="Bounces (hard and soft).")
    unique_opens: int | None = strawberry.field(default=None, description="Distinct openers.")
    total_opens: int | None = strawberry.field(default=None, description="All opens.")
    unique_clicks: int | None = strawberry.field(default=None, description="Distinct clickers.")
    total_clicks: int | None = strawberry.field(default=None, description="All clicks.")
    unsubscribed: int | None = strawberry.field(default=None, description="Unsubscriptions.")

    @strawberry.field(description="uniqueOpens / sent, 0..1, 4 decimals; null if unknown.")
    def open_rate(self) -> float | None:
        """uniqueOpens / sent."""
        return _rate(self.unique_opens, self.sent)

    @strawberry.field(description="uniqueClicks / sent, 0..1, 4 decimals; null if unknown.")
    def click_rate(self) -> float | None:
        """uniqueClicks / sent."""
        return _rate(self.unique_clicks, self.sent)

    @strawberry.field(description="bounced / sent, 0..1, 4 decimals; null if unknown.")
    def bounce_rate(self) -> float | None:
        """bounced / sent."""
        return _rate(self.bounced, self.sent)


@strawberry.type(description="A campaign (a mailing sent or to be sent) on one platform.")
class Campaign(Node):
    """A campaign on one platform."""

    platform: Platform = strawberry.field(description="The platform the campaign lives on.")
    legacy_id: str = strawberry.field(description="The campaign's own id on its platform.")
    subject: str | None = strawberry.field(description="The e-mail subject line.")
    status: CampaignStatus = strawberry.field(description="Where the campaign is in its life.")
    started_at: datetime | None = strawberry.field(description="When sending started.")
    finished_at: datetime | None = strawberry.field(description="When sending finished.")
    stats: CampaignStats = strawberry.field(description="Delivery and engagement counts.")
