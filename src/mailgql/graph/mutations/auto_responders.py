"""Auto responder mutations (Oempro): create, change and delete a list's auto responders, and
copy them into another list."""

from __future__ import annotations

import strawberry

from mailgql.data.oempro import OemproData
from mailgql.data.oempro.auto_responders import ResponderSpec
from mailgql.graph.auto_responders import (
    AutoResponder,
    AutoResponderDelayUnit,
    AutoResponderTriggerType,
)
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput
from mailgql.graph.mutations._oempro import (
    OemproListCopyInput,
    OemproListInput,
    copy_between_lists,
    on_list,
    on_list_part,
)
from mailgql.graph.mutations._run import Input, input_paths, input_type, mutation, optional
from mailgql.graph.mutations.payloads import (
    AutoResponderPayload,
    DeleteAutoResponderPayload,
    MailingListPayload,
)
from mailgql.graph.platforms.oempro import OemproGraph
from mailgql.graph.platforms.oempro.auto_responders import (
    create_auto_responder,
    update_auto_responder,
)
from mailgql.graph.validation import check_not_blank, plain_legacy_id

__all__ = [
    "AutoResponderMutation",
    "CopyAutoRespondersInput",
    "CreateAutoResponderInput",
    "DeleteAutoResponderInput",
    "UpdateAutoResponderInput",
]

_PATHS = input_paths(
    {
        "SubscriberListID": "listId",
        "AutoResponderID": "autoResponderId",
        "AutoResponders": "autoResponderId",
        "AutoResponderName": "name",
        "AutoResponderTriggerType": "trigger",
        "AutoResponderTriggerValue": "triggerValue",
        "TriggerTimeType": "delayUnit",
        "TriggerTime": "delayAmount",
        "EmailID": "emailId",
        "SourceListID": "sourceListId",
        "TargetListID": "targetListId",
    }
)
_ID = _PATHS["AutoResponderID"]


@input_type
class CreateAutoResponderInput(OemproListInput):
    """A new auto responder of a list (Oempro)."""

    name: str = strawberry.field(description="Its name (not blank).")
    email_id: strawberry.ID = strawberry.field(
        description="The e-mail it sends: the plain Oempro `EmailID` of one of the login's "
        "e-mails (its unsubscribe link must be in it)."
    )
    trigger: AutoResponderTriggerType = strawberry.field(
        default=AutoResponderTriggerType.ON_SUBSCRIPTION, description="What sends it."
    )
    trigger_value: str | None = optional(
        "The link, campaign id or date field the trigger watches; needed by every trigger "
        "but ON_SUBSCRIPTION."
    )
    delay_unit: AutoResponderDelayUnit = strawberry.field(
        default=AutoResponderDelayUnit.IMMEDIATELY, description="The delay's unit."
    )
    delay_amount: int | None = optional(
        "How many units after the trigger (1 or more; needed unless IMMEDIATELY)."
    )


@input_type
class UpdateAutoResponderInput(OemproListInput):
    """Change an auto responder (Oempro); an omitted or null setting is left as it is."""

    auto_responder_id: strawberry.ID = strawberry.field(
        description="The auto responder: its `legacyId` (Oempro `AutoResponderID`)."
    )
    name: str | None = optional("A new name (not blank).")
    email_id: strawberry.ID | None = optional("Another e-mail to send (plain `EmailID`).")
    trigger: AutoResponderTriggerType | None = optional("A new trigger.")
    trigger_value: str | None = optional("What a new trigger watches.")
    delay_unit: AutoResponderDelayUnit | None = optional("A new delay unit.")
    delay_amount: int | None = optional("A new delay amount (1 or more).")


@input_type
class DeleteAutoResponderInput(OemproListInput):
    """Delete an auto responder of a list (Oempro)."""

    auto_responder_id: strawberry.ID = strawberry.field(
        description="The auto responder: its `legacyId` in this list."
    )


@input_type
class CopyAutoRespondersInput(OemproListCopyInput):
    """Copy every auto responder of one list into another (Oempro)."""


def _number(value: str | None, *, field: tuple[str, ...], what: str) -> int | None:
    if value is None:
        return None
    number = plain_legacy_id(value.strip(), field=field, what=what)
    if number is None:
        raise BadUserInput(f"{value!r} is not an Oempro {what} id", field=field)
    return number


def _responder_id(value: str) -> int:
    number = _number(value, field=_ID, what="auto responder")
    assert number is not None  # given a value, _number answers its number or refuses it
    return number


def _amount(value: int | None) -> int | None:
    if value is not None and value < 0:
        raise BadUserInput("delayAmount must be 0 or more", field=("input", "delayAmount"))
    return value


def _name(value: str | None) -> str | None:
    return None if value is None else check_not_blank(value, field=("input", "name"), what="name")


def _word(member: AutoResponderTriggerType | AutoResponderDelayUnit | None) -> str | None:
    return None if member is None else str(member.value)


def _spec(input: CreateAutoResponderInput | UpdateAutoResponderInput) -> ResponderSpec:
    return ResponderSpec(
        name=_name(input.name),
        email_id=_number(input.email_id, field=("input", "emailId"), what="e-mail"),
        trigger_type=_word(input.trigger),
        trigger_value=input.trigger_value,
        time_type=_word(input.delay_unit),
        time_amount=_amount(input.delay_amount),
    )


@strawberry.type
class AutoResponderMutation:
    """Mutations on auto responders."""

    @mutation
    async def create_auto_responder(
        self, info: Info, input: Input[CreateAutoResponderInput]
    ) -> AutoResponderPayload:
        """Create an auto responder in a list (Oempro: AutoResponder.Create, then
        AutoResponder.Get)."""

        async def write(_: OemproGraph, target: int) -> AutoResponder:
            return await create_auto_responder(info, target, _spec(input))

        return await AutoResponderPayload.run(
            on_list(info, input.list_id, write), input_paths=_PATHS
        )

    @mutation
    async def update_auto_responder(
        self, info: Info, input: Input[UpdateAutoResponderInput]
    ) -> AutoResponderPayload:
        """Change an auto responder (Oempro: AutoResponder.Update with the given settings, then
        AutoResponder.Get)."""

        async def write(_: OemproGraph, target: int) -> AutoResponder:
            number = _responder_id(input.auto_responder_id)
            return await update_auto_responder(info, target, number, _spec(input))

        return await AutoResponderPayload.run(
            on_list(info, input.list_id, write), input_paths=_PATHS
        )

    @mutation
    async def delete_auto_responder(
        self, info: Info, input: Input[DeleteAutoResponderInput]
    ) -> DeleteAutoResponderPayload:
        """Delete an auto responder of a list (Oempro: AutoResponders.Get to find it, then
        AutoResponders.Delete)."""

        change = on_list_part(
            info,
            input.list_id,
            lambda: _responder_id(input.auto_responder_id),
            OemproData.delete_auto_responder,
        )
        return await DeleteAutoResponderPayload.run(change, input_paths=_PATHS)

    @mutation
    async def copy_auto_responders(
        self, info: Info, input: Input[CopyAutoRespondersInput]
    ) -> MailingListPayload:
        """Copy every auto responder of one list into another (Oempro: AutoResponders.Copy, then
        List.Get of the target)."""

        return await copy_between_lists(info, input, OemproData.copy_auto_responders, _PATHS)
