"""Oempro campaign writes: a draft with its content, scheduling, cancelling, deleting.

Writes are never retried on their own (the adapter's 99998 replay aside, see ``oempro_writes``).
``create_campaign`` is the one Oempro write made of several calls: when a later call fails, it
deletes what it created (``_undo``) and the caller gets the failure as it came.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import strawberry

from mailgql.graph.campaigns import Campaign
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput, NotFound
from mailgql.graph.ids import encode_id
from mailgql.graph.platforms._undo import undo_on_failure
from mailgql.graph.platforms.oempro.objects import campaign_from_record
from mailgql.platforms import Platform
from mailgql.upstreams.oempro import CampaignStatus

__all__ = [
    "CampaignContent",
    "cancel_campaign",
    "create_campaign",
    "delete_campaign",
    "schedule_campaign",
]

_P = Platform.OEMPRO
_CANCELLABLE = frozenset(
    {CampaignStatus.READY, CampaignStatus.PENDING_APPROVAL, CampaignStatus.PAUSED}
)


@dataclass(frozen=True, slots=True)
class CampaignContent:
    """The email a campaign sends (an Oempro email record, ``ValidateScope=Campaign``)."""

    subject: str
    from_name: str | None
    from_email: str | None
    reply_to_name: str | None
    reply_to_email: str | None
    html: str | None
    plain: str | None


async def _fresh_campaign(info: Info, campaign_id: int) -> Campaign:
    record = await info.context.oempro().campaign(campaign_id)
    if record is None:
        raise NotFound(f"Oempro shows no campaign {campaign_id} to this login", platform=_P)
    return campaign_from_record(record)


async def create_campaign(
    info: Info,
    name: str,
    *,
    content: CampaignContent | None,
    recipients: Sequence[tuple[int, int]],
) -> Campaign:
    """A draft: its email first (``Email.Create``, ``Email.Update``), then ``Campaign.Create``
    and ``Campaign.Update`` with the email and the recipients; then ``Campaign.Get``.

    When a write after the first fails, what this call created is deleted again, newest first
    (``Campaigns.Delete``, then ``Email.Delete``) and the failure is raised as it came: a retry
    leaves no orphan email or campaign behind. A failed read-back undoes nothing.
    """
    loaders = info.context.oempro()
    client = loaders.client
    email_id: int | None = None
    async with undo_on_failure(_P, "createCampaign") as undo:
        if content is not None:
            new_email = email_id = await client.create_email()
            loaders.forget_emails()

            async def delete_email() -> None:
                await client.delete_email(new_email)
                loaders.forget_emails(new_email)

            undo.add(f"email {new_email}", delete_email)
            await client.update_email(
                new_email,
                validate_scope="Campaign",
                name=name,
                subject=content.subject,
                from_name=content.from_name,
                from_email=content.from_email,
                reply_to_name=content.reply_to_name,
                reply_to_email=content.reply_to_email,
                html_content=content.html,
                plain_content=content.plain,
            )
            loaders.forget_emails(new_email)
        campaign_id = await client.create_campaign(name)
        loaders.forget_campaigns()

        async def delete_campaign() -> None:
            await client.delete_campaigns([campaign_id])
            loaders.forget_campaigns(campaign_id)

        undo.add(f"campaign {campaign_id}", delete_campaign)
        if email_id is not None or recipients:
            await client.update_campaign(
                campaign_id, email_id=email_id, recipients=list(recipients) or None
            )
            loaders.forget_campaigns(campaign_id)
    return await _fresh_campaign(info, campaign_id)


async def schedule_campaign(
    info: Info,
    campaign_id: int,
    *,
    send_at: datetime | None,
    timezone: str,
    recipients: Sequence[tuple[int, int]],
) -> Campaign:
    """``Campaign.Update`` to ``Ready``, now or at ``send_at``; then the campaign read back.

    An untrusted user's campaign turns ``Pending Approval`` (still SCHEDULED) while the call
    succeeds: the read-back shows which.
    """
    if send_at is not None and send_at <= datetime.now(UTC):
        raise BadUserInput(
            "sendAt must be in the future (or null to send now)",
            field=("input", "sendAt"),
            platform=_P,
        )
    loaders = info.context.oempro()
    try:
        await loaders.client.schedule_campaign(
            campaign_id,
            send_at=send_at,
            timezone=timezone,
            recipients=list(recipients) or None,
        )
    except ValueError as exc:
        raise BadUserInput(str(exc), field=("input", "timeZone"), platform=_P) from None
    loaders.forget_campaigns(campaign_id)
    return await _fresh_campaign(info, campaign_id)


async def cancel_campaign(info: Info, campaign_id: int, *, field: tuple[str, ...]) -> Campaign:
    """Back to an unscheduled draft (``Campaign.Update``: 4.x has no cancel command).

    Only a scheduled or paused campaign can be cancelled: turning a sent one back into a draft
    would let it be sent again.
    """
    loaders = info.context.oempro()
    record = await loaders.campaign(campaign_id)
    if record is None:
        raise NotFound(
            f"Oempro shows no campaign {campaign_id} to this login", platform=_P, field=field
        )
    if record.status not in _CANCELLABLE:
        raise BadUserInput(
            f"only a scheduled or paused campaign can be cancelled; this one is "
            f"{record.status.value}",
            field=field,
            platform=_P,
        )
    await loaders.client.cancel_campaign(campaign_id)
    loaders.forget_campaigns(campaign_id)
    return await _fresh_campaign(info, campaign_id)


async def delete_campaign(info: Info, campaign_id: int, *, field: tuple[str, ...]) -> strawberry.ID:
    """``Campaigns.Delete`` of a campaign the login has."""
    loaders = info.context.oempro()
    if await loaders.campaign(campaign_id) is None:
        raise NotFound(
            f"Oempro shows no campaign {campaign_id} to this login", platform=_P, field=field
        )
    await loaders.client.delete_campaigns([campaign_id])
    loaders.forget_campaigns(campaign_id)
    return strawberry.ID(encode_id("Campaign", _P, campaign_id))
