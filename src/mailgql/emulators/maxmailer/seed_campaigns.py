"""Seed campaigns: statistics consistent with each campaign's status."""

from __future__ import annotations

from mailgql.emulators.maxmailer.records import CAMPAIGN_STATUSES, Campaign, CampaignStatus, User
from mailgql.emulators.maxmailer.seed_context import DAY, SeedContext
from mailgql.emulators.maxmailer.seed_pools import SUBJECTS

__all__ = ["add_campaigns"]

_STATUS_WEIGHTS: tuple[int, ...] = (50, 10, 10, 10, 10, 10)  # CAMPAIGN_STATUSES order


def add_campaigns(ctx: SeedContext, *, every_status_for: int) -> None:
    """A few campaigns of every user; ``every_status_for`` gets one in each status."""
    rng = ctx.rng
    for user in list(ctx.state.users.values()):
        statuses = (
            list(CAMPAIGN_STATUSES)
            if user.id == every_status_for
            else rng.choices(CAMPAIGN_STATUSES, weights=_STATUS_WEIGHTS, k=rng.randint(2, 6))
        )
        for status in statuses:
            _add_campaign(ctx, user, status)


def _add_campaign(ctx: SeedContext, owner: User, status: CampaignStatus) -> None:
    rng = ctx.rng
    anchor = ctx.anchor
    recipients = rng.randint(40, 6_000)
    campaign = Campaign(
        message_id=ctx.state.next_message_id,
        owner_id=owner.id,
        status=status,
        subject=rng.choice(SUBJECTS),
        sender=owner.email,
        date_start=0,
        date_end=0,
        subscribers=recipients,
    )
    if status == "completed":
        campaign.date_start = anchor - rng.randint(2, 400) * DAY + rng.randint(0, DAY // 2)
        campaign.date_end = campaign.date_start + rng.randint(600, 6 * 3600)
        processed = recipients
    elif status in ("sending", "stopped", "restarting"):
        back = rng.randint(600, 20 * 3600) if status == "sending" else rng.randint(1, 30) * DAY
        campaign.date_start = anchor - back
        processed = rng.randint(max(1, recipients // 10), recipients * 8 // 10)
    else:
        if status == "scheduled":
            campaign.date_start = anchor + rng.randint(2, 20) * DAY + rng.randint(0, DAY - 1)
        processed = 0
    campaign.failed = rng.randint(0, processed // 40)
    campaign.sent = processed - campaign.failed
    campaign.left = recipients - processed
    if campaign.sent:
        campaign.bounced = rng.randint(0, campaign.sent // 20)
        delivered = campaign.sent - campaign.bounced
        campaign.reads_unique = rng.randint(delivered // 10, delivered // 2)
        campaign.reads_total = campaign.reads_unique + rng.randint(0, campaign.reads_unique * 2)
        campaign.unsubscribed = rng.randint(0, campaign.reads_unique // 30)
        campaign.refered = rng.randint(0, campaign.reads_unique // 50)
        campaign.refer_reads = campaign.refered + rng.randint(0, campaign.refered * 2)
        campaign.new_subscribers = rng.randint(0, campaign.refered)
    ctx.state.campaigns[campaign.message_id] = campaign
    ctx.state.next_message_id += 1
