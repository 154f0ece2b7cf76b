"""``Campaign.Update`` in full: a campaign's name, email, recipients, schedule, time zone,
Google Analytics domains, RSS publishing and status, each only when given.

One call, sent once; Oempro checks every value before it stores any (codes 1-13), so a refusal
changes nothing. An untrusted user's ``Ready`` turns ``Pending Approval`` while the call
succeeds: the campaign read back shows which.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields as dataclass_fields
from datetime import date, time

from mailgql.data.oempro._base import invalid
from mailgql.data.oempro.campaigns import CampaignReads
from mailgql.data.oempro.stale import stale_campaigns
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
class CampaignChanges:
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

    def empty(self) -> bool:
        """Whether nothing would change."""
        return all(getattr(self, f.name) is None for f in dataclass_fields(self))


class CampaignUpdateData(CampaignReads):
    """``Campaign.Update`` of the login's own campaigns."""

    async def update_campaign(self, campaign_id: int, changes: CampaignChanges) -> None:
        """``Campaign.Update`` with the given values only (nothing given: refused before any
        call, naming ``CampaignID``)."""
        if changes.empty():
            raise invalid("give at least one value to change", field="CampaignID")
        repeat = changes.recursive or RecursiveSchedule()
        await self._write(
            self._client.update_campaign(
                campaign_id,
                name=changes.name,
                status=changes.status,
                email_id=changes.email_id,
                recipients=changes.recipients,
                schedule_type=changes.schedule_type,
                send_date=changes.send_date,
                send_time=changes.send_time,
                send_timezone=changes.time_zone,
                days_of_week=repeat.days_of_week,
                days_of_month=repeat.days_of_month,
                months=repeat.months,
                hours=repeat.hours,
                minutes=repeat.minutes,
                max_instances=repeat.max_instances,
                publish_on_rss=changes.publish_on_rss,
                google_analytics_domains=changes.google_analytics_domains,
                approval_user_explanation=changes.approval_explanation,
            ),
            stale=stale_campaigns(campaign_id),
        )
