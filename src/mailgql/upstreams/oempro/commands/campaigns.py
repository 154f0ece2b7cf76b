"""Commands about campaigns and the email content records they send."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from mailgql.time_zones import time_zone
from mailgql.upstreams.oempro import wire
from mailgql.upstreams.oempro.commands._base import Command, Form, created, listing, record, write
from mailgql.upstreams.oempro.commands._form import (
    enabled_disabled,
    given,
    ids,
    ordered,
    true_false,
    window,
)
from mailgql.upstreams.oempro.records import Campaign, CampaignStatus, Email, Page, ScheduleType

__all__ = [
    "cancel_campaign",
    "create_campaign",
    "create_email",
    "delete_campaigns",
    "delete_email",
    "get_campaign",
    "get_campaigns",
    "get_email",
    "get_emails",
    "schedule_campaign",
    "update_campaign",
    "update_email",
]


def get_campaigns(
    *,
    status: CampaignStatus | None = None,
    offset: int = 0,
    limit: int = 100,
    order_field: str = "CampaignID",
    order_type: str = "ASC",
    search: str = "",
    as_user: int | None = None,
) -> Command[Page[Campaign]]:
    """``Campaigns.Get``: a page of campaigns (rows carry the statistics columns and tags)."""
    form: Form = [
        ("CampaignStatus", "All" if status is None else status.value),
        *ordered(order_field, order_type),
        *window(offset, limit),
        # The v4 reference spells it "SearchKeyowrd"; 5.x reads "SearchKeyword".
        ("SearchKeyowrd", search),
        ("SearchKeyword", search),
        # 4.0.4+: each row carries its tags, so a page's tags cost no call of their own.
        ("RetrieveTags", "true"),
    ]
    return listing(
        "Campaigns.Get",
        form,
        "Campaigns",
        wire.parse_campaign,
        totals=("TotalCampaigns",),
        as_user=as_user,
        offset=offset,
    )


def get_campaign(
    campaign_id: int, *, statistics: bool = True, as_user: int | None = None
) -> Command[Campaign]:
    """``Campaign.Get``; an empty ``Campaign`` (how it says "not found") is NotFound."""
    form: Form = [
        ("CampaignID", str(campaign_id)),
        ("RetrieveStatistics", true_false(statistics)),
    ]
    return record("Campaign.Get", form, "Campaign", wire.parse_campaign, as_user=as_user)


def create_campaign(name: str) -> Command[int]:
    """``Campaign.Create``: a draft; returns its id."""
    return created("Campaign.Create", [("CampaignName", name)], "CampaignID")


def update_campaign(
    campaign_id: int,
    *,
    name: str | None = None,
    status: CampaignStatus | None = None,
    email_id: int | None = None,
    recipients: Sequence[tuple[int, int]] | None = None,
    schedule_type: ScheduleType | None = None,
    send_date: date | None = None,
    send_time: time | None = None,
    send_timezone: str | None = None,
    days_of_week: Sequence[int] | None = None,
    days_of_month: Sequence[int] | None = None,
    months: Sequence[int] | None = None,
    hours: Sequence[int] | None = None,
    minutes: Sequence[int] | None = None,
    max_instances: int | None = None,
    publish_on_rss: bool | None = None,
    google_analytics_domains: Sequence[str] | None = None,
    approval_user_explanation: str | None = None,
) -> Command[None]:
    """``Campaign.Update``: change only what is given.

    ``recipients`` are ``(list id, segment id)`` pairs, segment 0 meaning the whole list.
    Recursive schedules take comma lists (0 = every day, month, ...). An untrusted user's
    ``Ready`` becomes ``Pending Approval`` while the call still succeeds: re-read it.
    """
    form: Form = [("CampaignID", str(campaign_id))]
    given(form, "CampaignName", name)
    given(form, "RelEmailID", email_id)
    given(form, "RecipientListsAndSegments", recipients, _list_segment_pairs)
    given(form, "ScheduleType", schedule_type)
    given(form, "SendDate", send_date, _day)
    given(form, "SendTime", send_time, _wall_time)
    given(form, "SendTimeZone", send_timezone)
    for param, values in (
        ("ScheduleRecDaysOfWeek", days_of_week),
        ("ScheduleRecDaysOfMonth", days_of_month),
        ("ScheduleRecMonths", months),
        ("ScheduleRecHours", hours),
        ("ScheduleRecMinutes", minutes),
    ):
        given(form, param, values, ids)
    given(form, "ScheduleRecSendMaxInstance", max_instances)
    given(form, "PublishOnRSS", publish_on_rss, enabled_disabled)
    given(form, "GoogleAnalyticsDomains", google_analytics_domains, "\n".join)
    given(form, "ApprovalUserExplanation", approval_user_explanation)
    given(form, "CampaignStatus", status, _value)
    return write("Campaign.Update", form)


def _list_segment_pairs(recipients: Sequence[tuple[int, int]]) -> str:
    return ",".join(f"{list_id}:{segment_id}" for list_id, segment_id in recipients)


def _day(day: date) -> str:
    return day.strftime("%Y-%m-%d")


def _wall_time(moment: time) -> str:
    return moment.strftime("%H:%M:%S")


def _value(status: CampaignStatus) -> str:
    return status.value


def schedule_campaign(
    campaign_id: int,
    *,
    send_at: datetime | None = None,
    timezone: str = "UTC",
    email_id: int | None = None,
    recipients: Sequence[tuple[int, int]] | None = None,
) -> Command[None]:
    """Ready a campaign to send now (``send_at`` None) or at ``send_at``.

    ``Campaign.Update`` with ``CampaignStatus=Ready`` and ``ScheduleType`` ``Immediate`` or
    ``Future`` (``send_at``, an aware time, is sent as date and time in ``timezone``); the
    server's cron sends it.
    """
    ready = CampaignStatus.READY
    if send_at is None:
        return update_campaign(
            campaign_id,
            email_id=email_id,
            recipients=recipients,
            schedule_type="Immediate",
            status=ready,
        )
    if send_at.tzinfo is None:
        raise ValueError("send_at must be timezone-aware")
    local = send_at.astimezone(time_zone(timezone))
    return update_campaign(
        campaign_id,
        email_id=email_id,
        recipients=recipients,
        schedule_type="Future",
        send_date=local.date(),
        send_time=local.time().replace(microsecond=0),
        send_timezone=timezone,
        status=ready,
    )


def cancel_campaign(campaign_id: int) -> Command[None]:
    """Take a campaign back to an unscheduled draft.

    4.x has no cancel command: this is ``Campaign.Update`` with ``CampaignStatus=Draft`` and
    ``ScheduleType=Not Scheduled``.
    """
    return update_campaign(campaign_id, schedule_type="Not Scheduled", status=CampaignStatus.DRAFT)


def delete_campaigns(campaign_ids: Sequence[int]) -> Command[None]:
    """``Campaigns.Delete``: a comma list of ids."""
    return write("Campaigns.Delete", [("Campaigns", ids(campaign_ids))])


def create_email() -> Command[int]:
    """``Email.Create``: a blank content record to fill with ``update_email``."""
    return created("Email.Create", [], "EmailID")


def update_email(
    email_id: int,
    *,
    validate_scope: str = "Campaign",
    name: str | None = None,
    subject: str | None = None,
    from_name: str | None = None,
    from_email: str | None = None,
    reply_to_name: str | None = None,
    reply_to_email: str | None = None,
    mode: str | None = None,
    html_content: str | None = None,
    plain_content: str | None = None,
    fetch_url: str | None = None,
    template_id: int | None = None,
    image_embedding: bool | None = None,
) -> Command[None]:
    """``Email.Update``: change only the given parts of an email record.

    ``validate_scope`` (``Campaign``, ``OptIn``, ``AutoResponder``) decides which links the
    content must hold.
    """
    form: Form = [("EmailID", str(email_id)), ("ValidateScope", validate_scope)]
    given(form, "EmailName", name)
    given(form, "Subject", subject)
    given(form, "FromName", from_name)
    given(form, "FromEmail", from_email)
    given(form, "ReplyToName", reply_to_name)
    given(form, "ReplyToEmail", reply_to_email)
    given(form, "Mode", mode)
    given(form, "HTMLContent", html_content)
    given(form, "PlainContent", plain_content)
    given(form, "FetchURL", fetch_url)
    given(form, "RelTemplateID", template_id)
    given(form, "ImageEmbedding", image_embedding, enabled_disabled)
    return write("Email.Update", form)


def get_email(email_id: int, *, as_user: int | None = None) -> Command[Email]:
    """``Email.Get``: one content record (where a campaign's subject lives)."""
    form: Form = [("EmailID", str(email_id))]
    return record("Email.Get", form, "EmailInformation", wire.parse_email, as_user=as_user)


def get_emails(*, as_user: int | None = None) -> Command[Page[Email]]:
    """``Emails.Get``: every content record of the user at once (unpaged)."""
    totals = ("TotalEmailCount",)
    return listing("Emails.Get", [], "Emails", wire.parse_email, totals=totals, as_user=as_user)


def delete_email(email_id: int) -> Command[None]:
    """``Email.Delete``: one content record (singular, by ``EmailID``, unlike bulk deletes)."""
    return write("Email.Delete", [("EmailID", str(email_id))])
