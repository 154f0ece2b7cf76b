"""Seed campaigns in every status, each with its email and statistics that add up."""

from __future__ import annotations

from datetime import datetime, timedelta

from mailgql.emulators.oempro.campaign_stats import CAMPAIGN_STATUSES, fill_counters
from mailgql.emulators.oempro.commands.emails import LINKS
from mailgql.emulators.oempro.records import ZERO_DATE, Campaign, User
from mailgql.emulators.oempro.seed_context import ANCHOR, SeedContext
from mailgql.emulators.oempro.seed_pools import CAMPAIGN_TOPICS
from mailgql.emulators.oempro.segment_rules import is_active, segment_members

__all__ = ["DEMO_STATUSES", "large_statuses", "seed_campaigns"]

DEMO_STATUSES = (
    "Sent",
    "Draft",
    "Ready",
    "Sending",
    "Paused",
    "Pending Approval",
    "Sent",
    "Failed",
    "Sent",
    "Draft",
)
"""The demo user's campaigns in "small": every status, with sent ones the most common."""

_STARTED = {"Sending", "Paused", "Sent", "Failed"}
_MONTHLY = {
    "ScheduleType": "Recursive",
    "ScheduleRecDaysOfMonth": "1",
    "ScheduleRecDaysOfWeek": "",
    "ScheduleRecMonths": "0",
    "ScheduleRecHours": "8",
    "ScheduleRecMinutes": "30",
    "ScheduleRecSendMaxInstance": "0",
    "ScheduleRecSentInstances": "3",
}
"""A recurring campaign's schedule: the 1st of every month at 08:30, sent three times so far."""


def seed_campaigns(ctx: SeedContext, owner: User, statuses: tuple[str, ...]) -> None:
    """One campaign per status given; the second draft has no email yet, the third campaign
    (when ready) repeats monthly."""
    drafts = 0
    for index, status in enumerate(statuses):
        name, subject = CAMPAIGN_TOPICS[index % len(CAMPAIGN_TOPICS)]
        if index >= len(CAMPAIGN_TOPICS):
            name = f"{name} #{index // len(CAMPAIGN_TOPICS) + 1}"
        drafts += status == "Draft"
        email_id = 0 if status == "Draft" and drafts == 2 else _email(ctx, owner, name, subject)
        _campaign(ctx, owner, name, status, email_id, recursive=index == 2)


def large_statuses(count: int) -> tuple[str, ...]:
    """Many campaigns: mostly sent, every status present."""
    weights = (6, 2, 1, 1, 1, 1, 12, 1)
    pool = [s for s, w in zip((*CAMPAIGN_STATUSES, "Sent"), weights, strict=True) for _ in range(w)]
    return tuple(pool[i % len(pool)] for i in range(count))


def _email(ctx: SeedContext, owner: User, name: str, subject: str) -> int:
    site = owner["Website"].removeprefix("https://www.")
    unsubscribe = LINKS["unsubscribe"]
    html = (
        f"<html><body><h1>{subject}</h1><p>Hello %Subscriber:EmailAddress%,</p>"
        f'<p>Read more on our site.</p><p><a href="{unsubscribe}">Unsubscribe</a></p>'
        "</body></html>"
    )
    plain = f"{subject}\n\nRead more on our site.\n\nUnsubscribe: {unsubscribe}\n"
    company = owner["CompanyName"]
    return ctx.add_email(
        owner.id,
        name,
        company,
        site,
        (subject, html, plain),
        "Campaign",
        mailbox="news",
        reply_name=f"{owner['FirstName']} at {company}",
    )


def _recipients(ctx: SeedContext, owner: User) -> tuple[list[tuple[int, int]], int]:
    """One or two target lists (sometimes a segment of one) and how many active members."""
    lists = ctx.state.lists_of(owner.id)
    if not lists:
        return [], 0
    chosen = ctx.rng.sample(lists, min(len(lists), ctx.rng.randint(1, 2)))
    pairs: list[tuple[int, int]] = []
    reached: set[str] = set()
    for lst in chosen:
        subscribers = list(ctx.state.subscribers.get(lst.id, {}).values())
        segments = [s for s in ctx.state.segments.values() if s.list_id == lst.id]
        pairs.append((lst.id, 0))
        members = [s for s in subscribers if is_active(s)]
        if segments and ctx.rng.random() < 0.3:
            segment = ctx.rng.choice(segments)
            # A segment nobody matches would make a sent campaign with no recipients.
            if segment_members(segment, subscribers):
                pairs[-1] = (lst.id, segment.id)
                members = segment_members(segment, subscribers)
        # An address on two target lists gets one copy, as the sending engine de-duplicates.
        reached |= {s["EmailAddress"].lower() for s in members}
    return pairs, len(reached)


def _campaign(
    ctx: SeedContext, owner: User, name: str, status: str, email_id: int, *, recursive: bool
) -> None:
    campaign_id = ctx.state.next_id("campaign")
    created = ctx.random_stamp(2, 400)
    campaign = Campaign(
        CampaignID=str(campaign_id),
        RelOwnerUserID=str(owner.id),
        CampaignStatus=status,
        CampaignName=name,
        RelEmailID=str(email_id),
        ScheduleType="Not Scheduled",
        ScheduleRecSentInstances="0",
        SendProcessStartedOn=ZERO_DATE,
        SendProcessFinishedOn=ZERO_DATE,
        BenchmarkEmailsPerSecond="0",
        PublishOnRSS=ctx.rng.choice(("Enabled", "Disabled")),
        GoogleAnalyticsDomains=owner["Website"].removeprefix("https://"),
        CreateDateTime=created,
        LastActivityDateTime=created,
    )
    pairs, reached = _recipients(ctx, owner) if email_id else ([], 0)
    campaign.recipients = pairs
    fill_counters(campaign, reached if status in _STARTED else 0, ctx.rng)
    _schedule(ctx, campaign, owner, status, recursive=recursive)
    ctx.state.campaigns[campaign_id] = campaign


def _schedule(
    ctx: SeedContext, campaign: Campaign, owner: User, status: str, *, recursive: bool
) -> None:
    zone = owner["TimeZone"]
    if status in {"Ready", "Pending Approval"}:
        if recursive:
            campaign.cols.update(_MONTHLY, SendTimeZone=zone)
        else:
            when = ANCHOR + timedelta(days=ctx.rng.randint(2, 20))
            campaign.cols.update(
                ScheduleType="Future",
                SendDate=when.strftime("%Y-%m-%d"),
                SendTime="09:00:00",
                SendTimeZone=zone,
            )
        if status == "Pending Approval":
            campaign["ApprovalUserExplanation"] = "First send to a freshly imported list"
        return
    if status not in _STARTED:
        return
    created = datetime.fromisoformat(campaign["CreateDateTime"])
    if status in {"Sending", "Paused"}:
        started = ANCHOR - timedelta(hours=ctx.rng.randint(1, 30))
    else:
        started = created + timedelta(hours=ctx.rng.randint(2, 72))
    campaign.cols.update(
        ScheduleType="Immediate",
        SendProcessStartedOn=started.strftime("%Y-%m-%d %H:%M:%S"),
        BenchmarkEmailsPerSecond=f"{ctx.rng.uniform(4, 40):.2f}",
        LastActivityDateTime=started.strftime("%Y-%m-%d %H:%M:%S"),
    )
    if status in {"Sent", "Failed"}:
        finished = started + timedelta(minutes=ctx.rng.randint(3, 240))
        campaign["SendProcessFinishedOn"] = finished.strftime("%Y-%m-%d %H:%M:%S")
        campaign["LastActivityDateTime"] = campaign["SendProcessFinishedOn"]
