"""Campaign mutations (Oempro): create a draft with its content, schedule, cancel, delete."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import strawberry

from mailgql.data.oempro import CampaignContent, CampaignDraft
from mailgql.graph.campaigns import Campaign
from mailgql.graph.context import Info
from mailgql.graph.dispatch import platform_graph
from mailgql.graph.errors import BadUserInput
from mailgql.graph.mutations._oempro import (
    LIST_ID,
    Numbered,
    OemproCampaignInput,
    list_id,
    recipient_segment_id,
)
from mailgql.graph.mutations._run import Input, input_paths, input_type, mutation, optional
from mailgql.graph.mutations.email_content import sender_and_bodies
from mailgql.graph.mutations.payloads import CampaignPayload, DeleteCampaignPayload
from mailgql.graph.platforms.oempro import OemproGraph
from mailgql.graph.validation import MAX_IDS, check_not_blank
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


_RECIPIENTS = (
    f"Who receives it: lists, each whole or one segment of it; at most {MAX_IDS}. An address "
    "on several of them gets one copy."
)

_PATHS = input_paths(
    {
        "CampaignName": "name",
        "CampaignID": "campaignId",
        "Campaigns": "campaignId",
        "FromEmail": "content.fromEmail",
        "ReplyToEmail": "content.replyToEmail",
        "HTMLContent": "content.htmlContent",
        "PlainContent": "content.plainContent",
        "SendDate": "sendAt",
        "SendTime": "sendAt",
        "SendTimeZone": "timeZone",
    }
)
_CAMPAIGNS = Numbered("Campaign", _PATHS["CampaignID"])

_CREATE_PATHS = _CAMPAIGNS.unnamed_in(_PATHS)
"""createCampaign has no campaignId: a refusal naming the campaign it made points nowhere."""


@input_type
class CampaignContentInput:
    """What a campaign sends: an Oempro email record. Each body given must hold the unsubscribe
    link `%Link:Unsubscribe%`, and at least one body is needed."""

    subject: str = strawberry.field(description="The subject line (not blank).")
    from_name: str | None = optional("The sender's name.")
    from_email: str | None = optional("The sender's address (syntax is checked).")
    reply_to_name: str | None = optional("Reply-to name.")
    reply_to_email: str | None = optional("Reply-to address (syntax is checked).")
    html_content: str | None = optional("The HTML body.")
    plain_content: str | None = optional("The text body.")


@input_type
class CampaignRecipientInput:
    """One list a campaign goes to, whole or one of its segments."""

    list_id: strawberry.ID = strawberry.field(description=LIST_ID)
    segment_id: strawberry.ID | None = optional(
        "Only this segment of the list: a Segment global ID or the plain segment "
        "id; null: the whole list."
    )


@input_type
class CreateCampaignInput:
    """A new draft campaign (Oempro)."""

    platform: Platform = strawberry.field(description="Where to create it: OEMPRO only.")
    name: str = strawberry.field(
        description="The campaign's own name (not blank); recipients see the subject instead."
    )
    content: CampaignContentInput | None = optional(
        "What it sends; null: a draft without content yet."
    )
    recipients: list[CampaignRecipientInput] | None = optional(_RECIPIENTS)


@input_type
class ScheduleCampaignInput(OemproCampaignInput):
    """Schedule a campaign to send now or later (Oempro). An untrusted user's campaign then
    waits for the administrator's approval (`legacyStatus` `Pending Approval`)."""

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


@input_type
class CancelCampaignInput(OemproCampaignInput):
    """Take a scheduled or paused campaign back to a draft (Oempro)."""


@input_type
class DeleteCampaignInput(OemproCampaignInput):
    """Delete a campaign (Oempro)."""


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
    if not (given.html_content or "").strip() and not (given.plain_content or "").strip():
        raise BadUserInput("give htmlContent, plainContent or both", field=path)
    return CampaignContent(
        subject=check_not_blank(given.subject, field=(*path, "subject"), what="subject"),
        **sender_and_bodies(given, path),
    )


@strawberry.type
class CampaignMutation:
    """Mutations on campaigns."""

    @mutation
    async def create_campaign(
        self, info: Info, input: Input[CreateCampaignInput]
    ) -> CampaignPayload:
        """Create a draft campaign, with its content and recipients when given (Oempro:
        Email.Create and Email.Update for the content, then Campaign.Create and Campaign.Update;
        finally Campaign.Get). When a later step fails, what the earlier ones created is deleted
        again (Campaigns.Delete, Email.Delete), so a failed attempt leaves nothing behind and
        may simply be sent again."""

        async def change() -> Campaign:
            draft = CampaignDraft(
                name=check_not_blank(input.name, field=("input", "name"), what="name"),
                content=_email_content(input.content),
                recipients=_recipients(info, input.recipients),
            )
            return await platform_graph(info, input.platform).create_campaign(info, draft)

        return await CampaignPayload.run(change, input_paths=_CREATE_PATHS)

    @mutation
    async def schedule_campaign(
        self, info: Info, input: Input[ScheduleCampaignInput]
    ) -> CampaignPayload:
        """Schedule a campaign to send now or at `sendAt` (Oempro: Campaign.Update with
        CampaignStatus Ready, then Campaign.Get); its status becomes SCHEDULED."""

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
            _CAMPAIGNS.on(info, input.campaign_id, write), input_paths=_PATHS
        )

    @mutation
    async def cancel_campaign(
        self, info: Info, input: Input[CancelCampaignInput]
    ) -> CampaignPayload:
        """Take a scheduled (or pending approval) or paused campaign back to an unscheduled
        draft (Oempro 4.x has no cancel command: Campaign.Get to check its status, then
        Campaign.Update). A sending or sent campaign is refused."""
        change = _CAMPAIGNS.on(
            info, input.campaign_id, lambda on, target: on.cancel_campaign(info, target)
        )
        return await CampaignPayload.run(change, input_paths=_PATHS)

    @mutation
    async def delete_campaign(
        self, info: Info, input: Input[DeleteCampaignInput]
    ) -> DeleteCampaignPayload:
        """Delete a campaign (Oempro: Campaign.Get to check it exists, then Campaigns.Delete).
        Cannot be undone."""
        change = _CAMPAIGNS.on(
            info, input.campaign_id, lambda on, target: on.delete_campaign(info, target)
        )
        return await DeleteCampaignPayload.run(change, input_paths=_PATHS)
