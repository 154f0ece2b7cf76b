"""Campaign mutations (Oempro): create a draft with its content, schedule, cancel, delete."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TypeVar

import strawberry

from mailgql.data.oempro import CampaignContent, CampaignDraft
from mailgql.graph.campaigns import Campaign
from mailgql.graph.context import Info
from mailgql.graph.dispatch import platform_graph
from mailgql.graph.errors import BadUserInput
from mailgql.graph.mutations._oempro import (
    LIST_ID,
    NumberedWrite,
    list_id,
    on_oempro,
    recipient_segment_id,
)
from mailgql.graph.mutations._run import Change, Input, optional
from mailgql.graph.mutations.payloads import CampaignPayload, DeleteCampaignPayload
from mailgql.graph.platforms.oempro import OemproGraph
from mailgql.graph.validation import MAX_IDS, check_email, check_not_blank
from mailgql.platforms import Platform

__all__ = [
    "CampaignContentInput",
    "CampaignMutation",
    "CampaignRecipientInput",
    "CancelCampaignInput",
    "CreateCampaignInput",
    "DeleteCampaignInput",
    "ScheduleCampaignInput",
    "recipient_pairs",
]

T = TypeVar("T")

_CAMPAIGN = "The campaign: a Campaign global ID or the plain Oempro campaign id."
_CAMPAIGN_FIELD = ("input", "campaignId")
_RECIPIENTS = (
    f"Who receives it: lists, each whole or one segment of it; at most {MAX_IDS}. An address "
    "on several of them gets one copy."
)

_PATHS: dict[str, tuple[str, ...]] = {
    "CampaignName": ("input", "name"),
    "CampaignID": _CAMPAIGN_FIELD,
    "Campaigns": _CAMPAIGN_FIELD,
    "FromEmail": ("input", "content", "fromEmail"),
    "ReplyToEmail": ("input", "content", "replyToEmail"),
    "HTMLContent": ("input", "content", "htmlContent"),
    "PlainContent": ("input", "content", "plainContent"),
    "SendDate": ("input", "sendAt"),
    "SendTime": ("input", "sendAt"),
    "SendTimeZone": ("input", "timeZone"),
}

_CREATE_PATHS = {k: v for k, v in _PATHS.items() if v != _CAMPAIGN_FIELD}
"""createCampaign has no campaignId: a refusal naming the campaign it made points nowhere."""


@strawberry.input(
    description="What a campaign sends: an Oempro email record. Each body given must hold the "
    "unsubscribe link `%Link:Unsubscribe%`, and at least one body is needed."
)
class CampaignContentInput:
    """What a campaign sends."""

    subject: str = strawberry.field(description="The subject line (not blank).")
    from_name: str | None = optional("The sender's name.")
    from_email: str | None = optional("The sender's address (syntax is checked).")
    reply_to_name: str | None = optional("Reply-to name.")
    reply_to_email: str | None = optional("Reply-to address (syntax is checked).")
    html_content: str | None = optional("The HTML body.")
    plain_content: str | None = optional("The text body.")


@strawberry.input(description="One list a campaign goes to, whole or one of its segments.")
class CampaignRecipientInput:
    """One list a campaign goes to."""

    list_id: strawberry.ID = strawberry.field(description=LIST_ID)
    segment_id: strawberry.ID | None = optional(
        "Only this segment of the list: a Segment global ID or the plain segment "
        "id; null: the whole list."
    )


@strawberry.input(description="A new draft campaign (Oempro).")
class CreateCampaignInput:
    """A new draft campaign."""

    platform: Platform = strawberry.field(description="Where to create it: OEMPRO only.")
    name: str = strawberry.field(
        description="The campaign's own name (not blank); recipients see the subject instead."
    )
    content: CampaignContentInput | None = optional(
        "What it sends; null: a draft without content yet."
    )
    recipients: list[CampaignRecipientInput] | None = optional(_RECIPIENTS)


@strawberry.input
class _OnCampaign:
    """What the inputs about one campaign start with: the campaign."""

    campaign_id: strawberry.ID = strawberry.field(description=_CAMPAIGN)


@strawberry.input(
    description="Schedule a campaign to send now or later (Oempro). An untrusted user's "
    "campaign then waits for the administrator's approval (`legacyStatus` `Pending Approval`)."
)
class ScheduleCampaignInput(_OnCampaign):
    """Schedule a campaign."""

    send_at: datetime | None = optional(
        "When to send (must be in the future); null: as soon as Oempro's sending task next runs."
    )
    time_zone: str = strawberry.field(
        default="UTC",
        description="The IANA time zone Oempro keeps the send time in (e.g. `Europe/Lisbon`); "
        "`sendAt` is the same instant whatever the zone.",
    )
    recipients: list[CampaignRecipientInput] | None = optional(
        f"{_RECIPIENTS} Null: keep those the campaign has."
    )


@strawberry.input(description="Take a scheduled or paused campaign back to a draft (Oempro).")
class CancelCampaignInput(_OnCampaign):
    """Cancel a campaign."""


@strawberry.input(description="Delete a campaign (Oempro).")
class DeleteCampaignInput(_OnCampaign):
    """Delete a campaign."""


def _recipients(
    info: Info, given: Sequence[CampaignRecipientInput] | None
) -> list[tuple[int, int]]:
    """``(list id, segment id)`` pairs (segment 0: the whole list), checked."""
    items = list(given or [])
    if len(items) > MAX_IDS:
        raise BadUserInput(f"give at most {MAX_IDS} recipients", field=("input", "recipients"))
    pairs: list[tuple[int, int]] = []
    for index, item in enumerate(items):
        path = ("input", "recipients", str(index))
        target = list_id(info, item.list_id, field=(*path, "listId"))
        segment = 0
        if item.segment_id is not None:
            segment = recipient_segment_id(
                item.segment_id, in_list=target, field=(*path, "segmentId")
            )
        if (target, segment) not in pairs:
            pairs.append((target, segment))
    return pairs


recipient_pairs = _recipients
"""``(list id, segment id)`` pairs of a mutation's ``recipients`` (updateCampaign's too)."""


def _email_content(given: CampaignContentInput | None) -> CampaignContent | None:
    if given is None:
        return None
    path = ("input", "content")

    def address(value: str | None, name: str) -> str | None:
        return None if value is None else check_email(value, field=(*path, name))

    if not (given.html_content or "").strip() and not (given.plain_content or "").strip():
        raise BadUserInput("give htmlContent, plainContent or both", field=path)
    return CampaignContent(
        subject=check_not_blank(given.subject, field=(*path, "subject"), what="subject"),
        from_name=given.from_name,
        from_email=address(given.from_email, "fromEmail"),
        reply_to_name=given.reply_to_name,
        reply_to_email=address(given.reply_to_email, "replyToEmail"),
        html=given.html_content,
        plain=given.plain_content,
    )


def _on_campaign(info: Info, campaign_id: str, write: NumberedWrite[T]) -> Change[T]:
    """:func:`on_oempro` for the campaign an input's ``campaignId`` names."""
    return on_oempro(info, campaign_id, write, expect="Campaign", field=_CAMPAIGN_FIELD)


@strawberry.type
class CampaignMutation:
    """Mutations on campaigns."""

    @strawberry.mutation(
        description="Create a draft campaign, with its content and recipients when given "
        "(Oempro: Email.Create and Email.Update for the content, then Campaign.Create and "
        "Campaign.Update; finally Campaign.Get). When a later step fails, what the earlier ones "
        "created is deleted again (Campaigns.Delete, Email.Delete), so a failed attempt leaves "
        "nothing behind and may simply be sent again."
    )
    async def create_campaign(
        self, info: Info, input: Input[CreateCampaignInput]
    ) -> CampaignPayload:
        """Create a draft campaign."""

        async def change() -> Campaign:
            draft = CampaignDraft(
                name=check_not_blank(input.name, field=("input", "name"), what="name"),
                content=_email_content(input.content),
                recipients=_recipients(info, input.recipients),
            )
            return await platform_graph(info, input.platform).create_campaign(info, draft)

        return await CampaignPayload.run(change, input_paths=_CREATE_PATHS)

    @strawberry.mutation(
        description="Schedule a campaign to send now or at `sendAt` (Oempro: Campaign.Update "
        "with CampaignStatus Ready, then Campaign.Get); its status becomes SCHEDULED."
    )
    async def schedule_campaign(
        self, info: Info, input: Input[ScheduleCampaignInput]
    ) -> CampaignPayload:
        """Schedule a campaign."""

        async def write(on: OemproGraph, target: int) -> Campaign:
            zone = check_not_blank(input.time_zone, field=("input", "timeZone"), what="timeZone")
            return await on.schedule_campaign(
                info,
                target,
                send_at=input.send_at,
                time_zone=zone,
                recipients=_recipients(info, input.recipients),
            )

        return await CampaignPayload.run(
            _on_campaign(info, input.campaign_id, write), input_paths=_PATHS
        )

    @strawberry.mutation(
        description="Take a scheduled (or pending approval) or paused campaign back to an "
        "unscheduled draft (Oempro 4.x has no cancel command: Campaign.Get to check its status, "
        "then Campaign.Update). A sending or sent campaign is refused."
    )
    async def cancel_campaign(
        self, info: Info, input: Input[CancelCampaignInput]
    ) -> CampaignPayload:
        """Cancel a campaign."""
        change = _on_campaign(
            info, input.campaign_id, lambda on, target: on.cancel_campaign(info, target)
        )
        return await CampaignPayload.run(change, input_paths=_PATHS)

    @strawberry.mutation(
        description="Delete a campaign (Oempro: Campaign.Get to check it exists, then "
        "Campaigns.Delete). Cannot be undone."
    )
    async def delete_campaign(
        self, info: Info, input: Input[DeleteCampaignInput]
    ) -> DeleteCampaignPayload:
        """Delete a campaign."""
        change = _on_campaign(
            info, input.campaign_id, lambda on, target: on.delete_campaign(info, target)
        )
        return await DeleteCampaignPayload.run(change, input_paths=_PATHS)
