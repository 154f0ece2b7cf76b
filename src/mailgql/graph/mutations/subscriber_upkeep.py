"""Subscriber upkeep mutations (Oempro): delete a subscriber, unsubscribe one by id and answer a
pending opt-in."""

from __future__ import annotations

import enum
from typing import Self

import strawberry

from mailgql.data.oempro import OemproData
from mailgql.data.oempro.list_upkeep import OptInMode
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput, UserError
from mailgql.graph.mutations._oempro import OemproListInput, on_list, on_list_part
from mailgql.graph.mutations._run import (
    Input,
    RefusedFirst,
    attempt,
    input_paths,
    input_type,
    mutation,
)
from mailgql.graph.mutations.payloads import (
    DeleteSubscriberPayload,
    UnsubscribeSubscriberPayload,
)
from mailgql.graph.platforms.oempro import OemproGraph
from mailgql.graph.validation import check_email, plain_legacy_id

__all__ = [
    "UPKEEP_PATHS",
    "AnswerOptInInput",
    "AnswerOptInPayload",
    "DeleteSubscriberInput",
    "OptInDecision",
    "SubscriberUpkeepMutation",
    "UnsubscribeSubscriberInput",
]

UPKEEP_PATHS = input_paths(
    {
        "SubscriberListID": "listId",
        "ListID": "listId",
        "Subscribers": "email",
        "EmailAddress": "email",
        "SubscriberID": "subscriberId",
        "Mode": "decision",
        "ImportData": "csv",
        "MappedFields": "emailColumn",
        "SegmentID": "segmentId",
        "SegmentName": "name",
        "SegmentOperator": "match",
        "SourceListID": "sourceListId",
        "TargetListID": "targetListId",
    }
)
_SUBSCRIBER_ID = UPKEEP_PATHS["SubscriberID"]
_BY_ID_PATHS = {
    **UPKEEP_PATHS,
    # Unsubscribing by id: what Oempro says of the address is about the subscriber given.
    **input_paths({"EmailAddress": "subscriberId", "CampaignID": "subscriberId"}),
}
"""Input paths of the list upkeep mutations' refusals, by Oempro's names of the values."""


@strawberry.enum(description="What to do with a subscription waiting for its double opt-in.")
class OptInDecision(enum.Enum):
    """What to do with a pending subscription (Oempro `Subscriber.OptIn` `Mode`)."""

    CONFIRM = strawberry.enum_value("Confirm", description="Subscribe the address.")
    REJECT = strawberry.enum_value("Reject", description="Remove the address from the list.")


@input_type
class DeleteSubscriberInput(OemproListInput):
    """Delete an address from a list altogether (Oempro)."""

    email: str = strawberry.field(description="The subscriber's address in the list.")


@input_type
class UnsubscribeSubscriberInput(OemproListInput):
    """Unsubscribe a subscriber known by its id (Oempro)."""

    subscriber_id: strawberry.ID = strawberry.field(
        description="The subscriber's `legacyId` in this list."
    )


@input_type
class AnswerOptInInput(OemproListInput):
    """Confirm or reject a subscription waiting for its opt-in."""

    subscriber_id: strawberry.ID = strawberry.field(
        description="The pending subscriber's `legacyId` in this list."
    )
    decision: OptInDecision = strawberry.field(description="Confirm or reject it.")


@strawberry.type(description="How a pending opt-in was answered, or why it was not.")
class AnswerOptInPayload(RefusedFirst):
    """How a pending opt-in was answered."""

    decision: OptInDecision | None = strawberry.field(
        description="What Oempro did; null if refused."
    )
    redirect_url: str | None = strawberry.field(
        description="The page the list sends the subscriber to next; null if none or refused."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why the answer was refused; empty on success."
    )

    @classmethod
    def refused_first(cls, errors: list[UserError]) -> Self:
        """A refused answer: no decision, the user errors."""
        return cls(decision=None, redirect_url=None, user_errors=errors)


def _number(value: str, *, field: tuple[str, ...], what: str) -> int:
    number = plain_legacy_id(value.strip(), field=field, what=what)
    if number is None:
        raise BadUserInput(f"{value[:40]!r} is not an Oempro {what} id", field=field)
    return number


@strawberry.type
class SubscriberUpkeepMutation:
    """Mutations that keep a list's subscribers: delete, unsubscribe by id, answer an opt-in."""

    @mutation
    async def delete_subscriber(
        self, info: Info, input: Input[DeleteSubscriberInput]
    ) -> DeleteSubscriberPayload:
        """Delete an address from a list altogether, its history with it (Oempro: Subscriber.Get
        to find its id, then Subscribers.Delete). To keep the history, unsubscribe it instead."""

        async def write(_: OemproGraph, target: int) -> strawberry.ID:
            email = check_email(input.email, field=("input", "email"))
            gone = await info.context.oempro().delete_subscriber(target, email)
            return strawberry.ID(str(gone.subscriber_id))

        return await DeleteSubscriberPayload.run(
            on_list(info, input.list_id, write), input_paths=UPKEEP_PATHS
        )

    @mutation
    async def unsubscribe_subscriber(
        self, info: Info, input: Input[UnsubscribeSubscriberInput]
    ) -> UnsubscribeSubscriberPayload:
        """Unsubscribe a subscriber known by its id (Oempro: Subscriber.Unsubscribe with
        SubscriberID; a list that unsubscribes from all lists does so everywhere)."""

        change = on_list_part(
            info,
            input.list_id,
            lambda: _number(input.subscriber_id, field=_SUBSCRIBER_ID, what="subscriber"),
            OemproData.unsubscribe_by_id,
        )
        return await UnsubscribeSubscriberPayload.run(change, input_paths=_BY_ID_PATHS)

    @mutation
    async def answer_opt_in(self, info: Info, input: Input[AnswerOptInInput]) -> AnswerOptInPayload:
        """Confirm or reject a subscription waiting for its double opt-in (Oempro:
        Subscriber.OptIn, what the confirmation e-mail's links call)."""

        async def write(_: OemproGraph, target: int) -> AnswerOptInPayload:
            number = _number(input.subscriber_id, field=_SUBSCRIBER_ID, what="subscriber")
            mode: OptInMode = "Confirm" if input.decision is OptInDecision.CONFIRM else "Reject"
            result = await info.context.oempro().answer_opt_in(target, number, mode)
            return AnswerOptInPayload(
                decision=input.decision, redirect_url=result.redirect_url, user_errors=[]
            )

        answer, errors = await attempt(
            on_list(info, input.list_id, write), input_paths=UPKEEP_PATHS
        )
        if answer is not None:
            return answer
        return AnswerOptInPayload.refused_first(errors)
