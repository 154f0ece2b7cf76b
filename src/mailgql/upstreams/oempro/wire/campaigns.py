"""Oempro's campaign records: campaigns with their statistics, and the emails they send.

Quirks handled (contract §8 and §19): the statistics are columns of the campaign row, strings
like the rest, and ``HardBounceRatio``/``SoftBounceRatio`` come only with ``RetrieveStatistics``;
``GoogleAnalyticsDomains`` is newline-separated. The subject is not on the campaign row: it is
the ``Subject`` of the email that ``RelEmailID`` names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mailgql.upstreams._coerce import opt_int, req_int, req_str
from mailgql.upstreams.oempro.records import Campaign, CampaignStatistics, CampaignStatus, Email
from mailgql.upstreams.oempro.wire.columns import (
    choice,
    drop_secrets,
    flag,
    opt_float,
    opt_id,
    server_time,
    text,
)
from mailgql.upstreams.oempro.wire.content import parse_attachments, parse_campaign_tags

__all__ = ["parse_campaign", "parse_email"]

_CAMPAIGN_STATUSES: Mapping[str, CampaignStatus] = {s.value.lower(): s for s in CampaignStatus}

_STAT_COLUMNS = {
    "total_recipients": "TotalRecipients",
    "total_sent": "TotalSent",
    "total_failed": "TotalFailed",
    "total_opens": "TotalOpens",
    "unique_opens": "UniqueOpens",
    "total_clicks": "TotalClicks",
    "unique_clicks": "UniqueClicks",
    "total_forwards": "TotalForwards",
    "unique_forwards": "UniqueForwards",
    "total_views_on_browser": "TotalViewsOnBrowser",
    "unique_views_on_browser": "UniqueViewsOnBrowser",
    "total_unsubscriptions": "TotalUnsubscriptions",
    "total_hard_bounces": "TotalHardBounces",
    "total_soft_bounces": "TotalSoftBounces",
}
"""The counts of ``CampaignStatistics``, each with the column it is read from."""


def _statistics(raw: Mapping[str, Any]) -> CampaignStatistics:
    return CampaignStatistics(
        **{field: opt_int(raw.get(column)) for field, column in _STAT_COLUMNS.items()},
        hard_bounce_ratio=opt_float(raw.get("HardBounceRatio")),
        soft_bounce_ratio=opt_float(raw.get("SoftBounceRatio")),
    )


def parse_campaign(raw: Mapping[str, Any]) -> Campaign:
    """A campaign row with every statistics column (``Campaigns.Get``, ``Campaign.Get``)."""
    raw = drop_secrets(raw)
    domains = text(raw, "GoogleAnalyticsDomains") or ""
    return Campaign(
        campaign_id=req_int(raw["CampaignID"]),
        owner_user_id=opt_id(raw.get("RelOwnerUserID")),
        name=req_str(raw["CampaignName"]),
        status=choice(_CAMPAIGN_STATUSES, raw.get("CampaignStatus"), "campaign status"),
        email_id=opt_id(raw.get("RelEmailID")),
        schedule_type=text(raw, "ScheduleType"),
        send_date=text(raw, "SendDate"),
        send_time=text(raw, "SendTime"),
        send_timezone=text(raw, "SendTimeZone"),
        schedule_rec_days_of_week=text(raw, "ScheduleRecDaysOfWeek"),
        schedule_rec_days_of_month=text(raw, "ScheduleRecDaysOfMonth"),
        schedule_rec_months=text(raw, "ScheduleRecMonths"),
        schedule_rec_hours=text(raw, "ScheduleRecHours"),
        schedule_rec_minutes=text(raw, "ScheduleRecMinutes"),
        schedule_rec_send_max_instance=opt_int(raw.get("ScheduleRecSendMaxInstance")),
        schedule_rec_sent_instances=opt_int(raw.get("ScheduleRecSentInstances")),
        started_at=server_time(raw.get("SendProcessStartedOn")),
        finished_at=server_time(raw.get("SendProcessFinishedOn")),
        statistics=_statistics(raw),
        benchmark_emails_per_second=opt_float(raw.get("BenchmarkEmailsPerSecond")),
        approval_user_explanation=text(raw, "ApprovalUserExplanation"),
        google_analytics_domains=tuple(d.strip() for d in domains.splitlines() if d.strip()),
        publish_on_rss=flag(raw.get("PublishOnRSS")),
        last_activity_at=server_time(raw.get("LastActivityDateTime")),
        created_at=server_time(raw.get("CreateDateTime")),
        tags=parse_campaign_tags(raw.get("Tags")),
    )


def parse_email(raw: Mapping[str, Any]) -> Email:
    """An email content record (``Email.Get``'s ``EmailInformation``, ``Emails.Get`` rows)."""
    raw = drop_secrets(raw)
    return Email(
        email_id=req_int(raw["EmailID"]),
        name=text(raw, "EmailName"),
        subject=text(raw, "Subject"),
        from_name=text(raw, "FromName"),
        from_email=text(raw, "FromEmail"),
        reply_to_name=text(raw, "ReplyToName"),
        reply_to_email=text(raw, "ReplyToEmail"),
        mode=text(raw, "Mode"),
        html_content=text(raw, "HTMLContent"),
        plain_content=text(raw, "PlainContent"),
        fetch_url=text(raw, "FetchURL"),
        template_id=opt_id(raw.get("RelTemplateID")),
        image_embedding=flag(raw.get("ImageEmbedding")),
        attachments=parse_attachments(raw.get("Attachments")),
    )
