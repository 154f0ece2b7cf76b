"""``Campaign.Update`` in full: a campaign's name, email, recipients, schedule, time zone,
Google Analytics domains, RSS publishing and status, each only when given.

One call, sent once; Oempro checks every value before it stores any (codes 1-13), so a refusal
changes nothing. An untrusted user's ``Ready`` turns ``Pending Approval`` while the call
succeeds: the campaign read back shows which.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, time

from mailgql.data.oempro._base import changing
from mailgql.data.oempro.campaigns import CampaignReads
from mailgql.data.oempro.stale import stale_campaigns
from mailgql.upstreams.changes import Changes
from mailgql.upstreams.oempro import CampaignStatus, ScheduleType

__all__ = ["CampaignChanges", "CampaignUpdateData", "RecursiveSchedule"]


@dataclass(frozen=True, slots=True)
class RecursiveSchedule:
    """When a recursive campaign repeats: each a list (0 meaning every day, month...)."""

    days_of_week: Sequence[int] | None = None
    days_of_month: Sequence[int] | None = None
    months: Sequence[int] | None = None
    hours: Sequence[int] | None = None
    minutes: Sequence[int] | None = None
    max_instances: int | None = None
    """How many times it is sent at most; 0: without end."""


@dataclass(frozen=True, slots=True)
class CampaignChanges(Changes):
    """What ``Campaign.Update`` may change; None leaves a value as it is."""

    name: str | None = None
    email_id: int | None = None
    recipients: Sequence[tuple[int, int]] | None = None
    """``(list id, segment id)`` pairs, segment 0 meaning the whole list."""
    schedule_type: ScheduleType | None = None
    send_date: date | None = None
    send_time: time | None = None
    time_zone: str | None = None
    recursive: RecursiveSchedule | None = None
    google_analytics_domains: Sequence[str] | None = None
    publish_on_rss: bool | None = None
    status: CampaignStatus | None = None
    approval_explanation: str | None = None


class CampaignUpdateData(CampaignReads):
    """``Campaign.Update`` of the login's own campaigns."""

    async def update_campaign(self, campaign_id: int, changes: CampaignChanges) -> None:
        """``Campaign.Update`` with the given values only (nothing given: refused before any
        call, naming ``CampaignID``)."""
        changing(changes, "value", field="CampaignID")
        # the changes (and the schedule's) are named as the command's arguments, but for two
        arguments = asdict(changes)
        repeat = arguments.pop("recursive") or {}
        call = self._client.update_campaign(
            campaign_id,
            send_timezone=arguments.pop("time_zone"),
            approval_user_explanation=arguments.pop("approval_explanation"),
            **arguments,
            **repeat,
        )
        await self._write(call, stale=stale_campaigns(campaign_id))
