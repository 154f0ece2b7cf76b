"""Oempro campaign writes: a draft with its content, scheduling, cancelling, deleting.

Each call is sent once and forgets what it made stale, as in ``writes``. ``create_campaign``
is the one Oempro write made of several calls: when a later call fails, it deletes what it
created (:mod:`mailgql.data._undo`) and the caller gets the failure as it came. Refusals before
any call name the value at fault by Oempro's parameter (``SendDate``, ``SendTimeZone``,
``CampaignID``, ``Campaigns``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from mailgql.data._undo import undo_on_failure
from mailgql.data.oempro._base import PLATFORM, invalid, shown
from mailgql.data.oempro.campaigns import CampaignReads
from mailgql.data.oempro.emails import EmailFields, update_email
from mailgql.data.oempro.stale import stale_campaigns, stale_emails
from mailgql.upstreams.oempro import CampaignStatus

__all__ = ["CampaignContent", "CampaignDraft", "CampaignWrites"]

_CANCELLABLE = frozenset(
    {CampaignStatus.READY, CampaignStatus.PENDING_APPROVAL, CampaignStatus.PAUSED}
)


@dataclass(frozen=True, slots=True)
class CampaignContent:
    """The email a campaign sends (an Oempro email record, ``ValidateScope=Campaign``); each
    field is the :class:`~mailgql.data.oempro.emails.EmailFields` field of its name."""

    subject: str
    from_name: str | None
    from_email: str | None
    reply_to_name: str | None
    reply_to_email: str | None
    html: str | None
    plain: str | None


@dataclass(frozen=True, slots=True)
class CampaignDraft:
    """A draft campaign to create: its name, the email it sends (if any) and who it goes to."""

    name: str
    content: CampaignContent | None
    recipients: Sequence[tuple[int, int]]
    """``(list id, segment id)`` pairs, segment 0 meaning the whole list."""


class CampaignWrites(CampaignReads):
    """Campaign writes, in the login's own session."""

    async def create_campaign(self, draft: CampaignDraft) -> int:
        """A draft; its id. Its email first (``Email.Create``, ``Email.Update``), then
        ``Campaign.Create`` and ``Campaign.Update`` with the email and the recipients.

        When a write after the first fails, what this call created is deleted again, newest
        first (``Campaigns.Delete``, then ``Email.Delete``), and the failure is raised as it
        came: a retry leaves no orphan email or campaign behind.
        """
        client = self._client
        name, content, recipients = draft.name, draft.content, draft.recipients
        email_id: int | None = None
        async with undo_on_failure(PLATFORM, "createCampaign") as undo:
            if content is not None:
                new_email = email_id = await self._write(
                    client.create_email(), stale=stale_emails(None)
                )

                async def delete_email() -> None:
                    await self._write(client.delete_email(new_email), stale=stale_emails(new_email))

                undo.add(f"email {new_email}", delete_email)
                values = EmailFields(name=name, **asdict(content))
                call = update_email(client, new_email, "Campaign", values)
                await self._write(call, stale=stale_emails(new_email))
            campaign_id = await self._write(
                client.create_campaign(name), stale=stale_campaigns(None)
            )

            async def delete_campaign() -> None:
                await self._write(
                    client.delete_campaigns([campaign_id]), stale=stale_campaigns(campaign_id)
                )

            undo.add(f"campaign {campaign_id}", delete_campaign)
            if email_id is not None or recipients:
                await self._write(
                    client.update_campaign(
                        campaign_id, email_id=email_id, recipients=list(recipients) or None
                    ),
                    stale=stale_campaigns(campaign_id),
                )
        return campaign_id

    async def schedule_campaign(
        self,
        campaign_id: int,
        *,
        send_at: datetime | None,
        time_zone: str,
        recipients: Sequence[tuple[int, int]],
    ) -> None:
        """``Campaign.Update`` to ``Ready``, now (``send_at`` None) or at ``send_at`` in
        ``time_zone``.

        A time in the past (``SendDate``) or an unknown time zone (``SendTimeZone``) is refused
        before any call. An untrusted user's campaign turns ``Pending Approval`` while the call
        succeeds: re-read it.
        """
        if send_at is not None and send_at <= datetime.now(UTC):
            raise invalid("sendAt must be in the future (or null to send now)", field="SendDate")
        try:
            await self._write(
                self._client.schedule_campaign(
                    campaign_id,
                    send_at=send_at,
                    timezone=time_zone,
                    recipients=list(recipients) or None,
                ),
                stale=stale_campaigns(campaign_id),
            )
        except ValueError as exc:
            # The client checks the zone before sending anything.
            raise invalid(str(exc), field="SendTimeZone") from None

    async def cancel_campaign(self, campaign_id: int) -> None:
        """Back to an unscheduled draft (``Campaign.Update``: 4.x has no cancel command).

        Only a scheduled or paused campaign can be cancelled: turning a sent one back into a
        draft would let it be sent again. Refused before the update (``CampaignID``): a
        campaign the login does not have (NOT_FOUND), one in another status (BAD_USER_INPUT).
        """
        record = shown(
            await self.campaign(campaign_id), "campaign", campaign_id, field="CampaignID"
        )
        if record.status not in _CANCELLABLE:
            raise invalid(
                f"only a scheduled or paused campaign can be cancelled; this one is "
                f"{record.status.value}",
                field="CampaignID",
            )
        await self._write(
            self._client.cancel_campaign(campaign_id), stale=stale_campaigns(campaign_id)
        )

    async def delete_campaign(self, campaign_id: int) -> None:
        """``Campaigns.Delete`` of a campaign the login has; NOT_FOUND (``Campaigns``) before any
        write when it has no such campaign."""
        shown(await self.campaign(campaign_id), "campaign", campaign_id, field="Campaigns")
        await self._write(
            self._client.delete_campaigns([campaign_id]), stale=stale_campaigns(campaign_id)
        )
