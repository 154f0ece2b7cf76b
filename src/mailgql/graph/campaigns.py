"""Campaigns and their statistics, one shape for every platform.

A platform may report a campaign's status, sender and statistics only on a second read (Maxmailer:
ListCamps gives subjects and dates, GetCamp the rest): its part of the graph makes that read when
one of those fields is asked; a platform that reports everything at once passes the details when
it builds the campaign. A platform that keeps the subject and sender on another record (Oempro:
the campaign's email) reads them in its part of the graph, only when asked.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

import strawberry

from mailgql.graph.campaign_tags import CampaignTag, campaign_tags
from mailgql.graph.context import Info
from mailgql.graph.dispatch import platform_graph
from mailgql.graph.emails import Email, campaign_email
from mailgql.graph.enum_values import described
from mailgql.graph.node import Node
from mailgql.platforms import Platform

__all__ = [
    "Campaign",
    "CampaignDetails",
    "CampaignStats",
    "CampaignStatus",
    "SentCounts",
    "count_field",
    "rate",
    "sent_rate",
]


@strawberry.enum(description="Where a campaign is in its life.")
class CampaignStatus(enum.Enum):
    """Where a campaign is in its life."""

    DRAFT = described("draft", description="Being prepared; not set to go out (Maxmailer `saved`).")
    SCHEDULED = described(
        "scheduled",
        description="Set to go out at `startedAt` or when approved (Oempro Ready and Pending "
        "Approval).",
    )
    SENDING = described("sending", description="Going out now (Maxmailer `restarting` included).")
    PAUSED = described("paused", description="Paused part-way; may be resumed.")
    STOPPED = described("stopped", description="Stopped part-way by its owner.")
    COMPLETED = described("completed", description="Sent to every recipient.")
    FAILED = described("failed", description="The platform gave up sending it.")


def rate(part: int | None, whole: int | None) -> float | None:
    """``part / whole`` rounded to 4 decimals; null when either is unknown or ``whole`` is 0."""
    if part is None or whole is None or whole <= 0:
        return None
    return round(part / whole, 4)


def count_field(description: str, *, source: str | None = None) -> int | None:
    """A count of campaign statistics, null where the platform does not report it (never 0);
    ``source`` names the one platform column it comes from, where only some platforms report
    it."""
    if source is not None:
        description = f"{description} ({source}); null where not reported."
    field: int | None = strawberry.field(default=None, description=description)
    return field


class SentCounts(Protocol):
    """Counts of e-mails sent, with the opens and clicks among them."""

    @property
    def sent(self) -> int | None:
        """E-mails sent."""
        ...

    @property
    def unique_opens(self) -> int | None:
        """Recipients who opened."""
        ...

    @property
    def unique_clicks(self) -> int | None:
        """Recipients who clicked."""
        ...


def sent_rate(count: Callable[[SentCounts], int | None], name: str) -> float | None:
    """A field of ``count / sent`` (see :func:`rate`); ``name`` is the count's GraphQL name."""

    def resolve(self: SentCounts) -> float | None:
        return rate(count(self), self.sent)

    field: float | None = strawberry.field(
        resolver=resolve, description=f"{name} / sent, 0..1, 4 decimals; null if unknown."
    )
    return field


@strawberry.type(
    description="Delivery and engagement counts of a campaign. A count the platform does not "
    "report is null, never 0."
)
class CampaignStats:
    """Delivery and engagement counts of a campaign."""

    recipients: int | None = count_field("Addresses targeted.")
    sent: int | None = count_field("Messages sent.")
    pending: int | None = count_field("Messages still to send.")
    failed: int | None = count_field("Messages that failed.")
    bounced: int | None = count_field("Bounces (hard and soft).")
    unique_opens: int | None = count_field("Distinct openers.")
    total_opens: int | None = count_field("All opens.")
    unique_clicks: int | None = count_field(
        "Distinct clickers (null on Maxmailer, which does not report it)."
    )
    total_clicks: int | None = count_field(
        "All clicks (null on Maxmailer, which does not report it)."
    )
    unsubscribed: int | None = count_field("Unsubscriptions.")
    referred: int | None = count_field(
        "People a recipient forwarded the campaign to", source="Maxmailer `Refered`"
    )
    referred_opens: int | None = count_field(
        "Opens by referred people", source="Maxmailer `ReferReads`"
    )
    all_opens: int | None = count_field(
        "Opens by recipients and referred people together", source="Maxmailer `TotalReads`"
    )
    new_subscribers: int | None = count_field(
        "Subscriptions the campaign brought in", source="Maxmailer `NewSubscribers`"
    )
    hard_bounced: int | None = count_field(
        "Hard bounces, part of `bounced`", source="Oempro `TotalHardBounces`"
    )
    soft_bounced: int | None = count_field(
        "Soft bounces, part of `bounced`", source="Oempro `TotalSoftBounces`"
    )
    total_forwards: int | None = count_field(
        "Times recipients forwarded the campaign to a friend", source="Oempro `TotalForwards`"
    )
    unique_forwards: int | None = count_field(
        "Distinct recipients who forwarded it", source="Oempro `UniqueForwards`"
    )
    total_browser_views: int | None = count_field(
        "Views of the web version", source="Oempro `TotalViewsOnBrowser`"
    )
    unique_browser_views: int | None = count_field(
        "Distinct recipients who viewed the web version", source="Oempro `UniqueViewsOnBrowser`"
    )

    open_rate: float | None = sent_rate(lambda stats: stats.unique_opens, "uniqueOpens")
    click_rate: float | None = sent_rate(lambda stats: stats.unique_clicks, "uniqueClicks")

    @strawberry.field(description="bounced / sent, 0..1, 4 decimals; null if unknown.")
    def bounce_rate(self) -> float | None:
        """bounced / sent."""
        return rate(self.bounced, self.sent)


@dataclass(frozen=True, slots=True)
class CampaignDetails:
    """What some platforms report only on a campaign's own read."""

    status: CampaignStatus
    legacy_status: str | None
    sender: str | None
    stats: CampaignStats


@strawberry.type(description="A campaign (a mailing sent or to be sent) on one platform.")
class Campaign(Node):
    """A campaign on one platform."""

    platform: Platform = strawberry.field(description="The platform the campaign lives on.")
    legacy_id: str = strawberry.field(description="The campaign's own id on its platform.")
    name: str | None = strawberry.field(
        default=None,
        description="The campaign's own name, apart from its subject (Oempro `CampaignName`); "
        "null where the platform keeps none.",
    )
    started_at: datetime | None = strawberry.field(
        default=None, description="When sending started (or is scheduled to start)."
    )
    finished_at: datetime | None = strawberry.field(
        default=None, description="When sending finished; null until then."
    )
    subject: strawberry.Private[str | None] = None
    _details: strawberry.Private[CampaignDetails | None] = None
    _record: strawberry.Private[object] = None
    """What the platform's part of the graph built the campaign from, for its relations."""

    async def _read_details(self, info: Info) -> CampaignDetails:
        if self._details is not None:
            return self._details
        return await platform_graph(info, self.platform).campaign_details(info, self)

    @strawberry.field(
        name="subject",
        description="The e-mail subject line. Oempro: it lives on the campaign's email record; "
        "the subjects of all campaigns in a request cost one Emails.Get call together (one "
        "Email.Get for a lone campaign); null for a campaign without content yet.",
    )
    async def resolve_subject(self, info: Info) -> str | None:
        """The e-mail subject line."""
        return await platform_graph(info, self.platform).campaign_subject(info, self)

    @strawberry.field(
        description="Where the campaign is in its life. Maxmailer: `saved` is DRAFT and "
        "`restarting` is SENDING; costs one GetCamp call per campaign. Oempro: `Ready` and "
        "`Pending Approval` are SCHEDULED, `Sent` is COMPLETED (4.x has no STOPPED)."
    )
    async def status(self, info: Info) -> CampaignStatus:
        """Where the campaign is in its life."""
        return (await self._read_details(info)).status

    @strawberry.field(
        description="The platform's own word for the status, e.g. Maxmailer `restarting`, "
        "Oempro `Pending Approval`."
    )
    async def legacy_status(self, info: Info) -> str | None:
        """The platform's own status word."""
        return (await self._read_details(info)).legacy_status

    @strawberry.field(
        name="from",
        description="The sender address. Maxmailer: costs one GetCamp call per campaign. "
        "Oempro: read from the campaign's email record, with the subject and at the same cost.",
    )
    async def sender(self, info: Info) -> str | None:
        """The sender address."""
        return await platform_graph(info, self.platform).campaign_sender(info, self)

    @strawberry.field(
        description="Delivery and engagement counts. Maxmailer: costs one GetCamp call per "
        "campaign (shared with `status` and `from`). Null, with an error at its path, when the "
        "platform fails to answer it."
    )
    async def stats(self, info: Info) -> CampaignStats | None:
        """Delivery and engagement counts."""
        return (await self._read_details(info)).stats

    @strawberry.field(
        description="The campaign's tags (Oempro; an empty list elsewhere). Free for campaigns "
        "from a listing (their rows carry them); campaigns read by id share one Campaigns.Get "
        "call per 1000 campaigns of their owner. Null, with an error at its path, when the "
        "platform fails to answer it."
    )
    async def tags(self, info: Info) -> list[CampaignTag] | None:
        """The campaign's tags."""
        return await campaign_tags(info, self)

    @strawberry.field(
        description="The email record the campaign sends (Oempro `RelEmailID`; null elsewhere, "
        "and for a campaign without content yet). The emails of all campaigns in a request cost "
        "one Emails.Get call together (one Email.Get for a lone campaign, none when the request "
        "reads the account's emails anyway), shared with "
        "`subject` and `from`. Null, with an error at its path, when the platform fails to "
        "answer it."
    )
    async def email(self, info: Info) -> Email | None:
        """The email record the campaign sends."""
        return await campaign_email(info, self)
