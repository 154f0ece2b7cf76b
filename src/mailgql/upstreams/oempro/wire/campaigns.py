"""Oempro's campaign records: campaigns with their statistics, and the emails they send.

Quirks handled (contract §8 and §19): the statistics are columns of the campaign row, strings
like the rest, and ``HardBounceRatio``/``SoftBounceRatio`` come only with ``RetrieveStatistics``;
``GoogleAnalyticsDomains`` is newline-separated. The subject is not on the campaign row: it is
the ``Subject`` of the email that ``RelEmailID`` names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mailgql.upstreams.oempro.records import Campaign, CampaignStatistics, CampaignStatus, Email
from mailgql.upstreams.oempro.wire.columns import Row, choice
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


def _statistics(row: Row) -> CampaignStatistics:
    return CampaignStatistics(
        **{field: row.opt_int(column) for field, column in _STAT_COLUMNS.items()},
        hard_bounce_ratio=row.number("HardBounceRatio"),
        soft_bounce_ratio=row.number("SoftBounceRatio"),
    )


def parse_campaign(raw: Mapping[str, Any]) -> Campaign:
    """A campaign row with every statistics column (``Campaigns.Get``, ``Campaign.Get``)."""
    row = Row(raw)
    domains = row.text("GoogleAnalyticsDomains") or ""
    return Campaign(
        campaign_id=row.req_int("CampaignID"),
        owner_user_id=row.ref("RelOwnerUserID"),
        name=row.req_str("CampaignName"),
        status=choice(_CAMPAIGN_STATUSES, row.get("CampaignStatus"), "campaign status"),
        email_id=row.ref("RelEmailID"),
        schedule_type=row.text("ScheduleType"),
        send_date=row.text("SendDate"),
        send_time=row.text("SendTime"),
        send_timezone=row.text("SendTimeZone"),
        schedule_rec_days_of_week=row.text("ScheduleRecDaysOfWeek"),
        schedule_rec_days_of_month=row.text("ScheduleRecDaysOfMonth"),
        schedule_rec_months=row.text("ScheduleRecMonths"),
        schedule_rec_hours=row.text("ScheduleRecHours"),
        schedule_rec_minutes=row.text("ScheduleRecMinutes"),
        schedule_rec_send_max_instance=row.opt_int("ScheduleRecSendMaxInstance"),
        schedule_rec_sent_instances=row.opt_int("ScheduleRecSentInstances"),
        started_at=row.time("SendProcessStartedOn"),
        finished_at=row.time("SendProcessFinishedOn"),
        statistics=_statistics(row),
        benchmark_emails_per_second=row.number("BenchmarkEmailsPerSecond"),
        approval_user_explanation=row.text("ApprovalUserExplanation"),
        google_analytics_domains=tuple(d.strip() for d in domains.splitlines() if d.strip()),
        publish_on_rss=row.flag("PublishOnRSS"),
        last_activity_at=row.time("LastActivityDateTime"),
        created_at=row.time("CreateDateTime"),
        tags=parse_campaign_tags(row.get("Tags")),
    )


def parse_email(raw: Mapping[str, Any]) -> Email:
    """An email content record (``Email.Get``'s ``EmailInformation``, ``Emails.Get`` rows)."""
    row = Row(raw)
    return Email(
        email_id=row.req_int("EmailID"),
        name=row.text("EmailName"),
        subject=row.text("Subject"),
        from_name=row.text("FromName"),
        from_email=row.text("FromEmail"),
        reply_to_name=row.text("ReplyToName"),
        reply_to_email=row.text("ReplyToEmail"),
        mode=row.text("Mode"),
        html_content=row.text("HTMLContent"),
        plain_content=row.text("PlainContent"),
        fetch_url=row.text("FetchURL"),
        template_id=row.ref("RelTemplateID"),
        image_embedding=row.flag("ImageEmbedding"),
        attachments=parse_attachments(row.get("Attachments")),
    )
