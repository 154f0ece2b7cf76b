"""List upkeep mutations (Oempro): delete a subscriber, unsubscribe one by id, answer a pending
opt-in, import subscribers from CSV text, and change or copy segments."""

from __future__ import annotations

import enum

import strawberry

from mailgql.data.oempro import OemproData
from mailgql.data.oempro.list_upkeep import OptInMode
from mailgql.data.oempro.lists import custom_field_id
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput, GraphError, UserError, user_error_from
from mailgql.graph.mutations._oempro import (
    LIST_FIELD,
    OemproListCopyInput,
    OemproListInput,
    copy_between_lists,
    list_id,
    on_list,
)
from mailgql.graph.mutations._run import Change, Input, InputPaths, attempt, optional, refusal
from mailgql.graph.mutations.payloads import MailingListPayload, Payload, SegmentPayload, refused
from mailgql.graph.mutations.segments import SegmentRuleInput, segment_rules
from mailgql.graph.platforms.base import existing
from mailgql.graph.platforms.oempro import OemproGraph
from mailgql.graph.platforms.oempro.mapping import to_segment
from mailgql.graph.platforms.oempro.writes import find_segment
from mailgql.graph.segments import Segment, SegmentConnector
from mailgql.graph.validation import MAX_IDS, check_email, check_not_blank, plain_legacy_id
from mailgql.platforms import Platform
from mailgql.upstreams.errors import UpstreamError, UpstreamRefused
from mailgql.upstreams.oempro import SegmentRule
from mailgql.upstreams.oempro.list_records import ImportStarted

__all__ = [
    "AnswerOptInInput",
    "AnswerOptInPayload",
    "CopySegmentsInput",
    "DeleteSubscriberInput",
    "DeleteSubscriberPayload",
    "ImportColumnInput",
    "ImportSubscribersInput",
    "ImportSubscribersPayload",
    "ListUpkeepMutation",
    "OptInDecision",
    "SubscriberImport",
    "UnsubscribeSubscriberInput",
    "UnsubscribeSubscriberPayload",
    "UpdateSegmentInput",
]

_P = Platform.OEMPRO
_SUBSCRIBER_ID = ("input", "subscriberId")
_PATHS: dict[str, tuple[str, ...]] = {
    "SubscriberListID": LIST_FIELD,
    "ListID": LIST_FIELD,
    "Subscribers": ("input", "email"),
    "EmailAddress": ("input", "email"),
    "SubscriberID": _SUBSCRIBER_ID,
    "Mode": ("input", "decision"),
    "ImportData": ("input", "csv"),
    "MappedFields": ("input", "emailColumn"),
    "SegmentID": ("input", "segmentId"),
    "SegmentName": ("input", "name"),
    "SegmentOperator": ("input", "match"),
    "SourceListID": ("input", "sourceListId"),
    "TargetListID": ("input", "targetListId"),
}
_BY_ID_PATHS: dict[str, tuple[str, ...]] = {
    **_PATHS,
    # Unsubscribing by id: what Oempro says of the address is about the subscriber given.
    "EmailAddress": _SUBSCRIBER_ID,
    "CampaignID": _SUBSCRIBER_ID,
}


@strawberry.enum(description="What to do with a subscription waiting for its double opt-in.")
class OptInDecision(enum.Enum):
    """What to do with a pending subscription (Oempro `Subscriber.OptIn` `Mode`)."""

    CONFIRM = strawberry.enum_value("Confirm", description="Subscribe the address.")
    REJECT = strawberry.enum_value("Reject", description="Remove the address from the list.")


@strawberry.input(description="Delete an address from a list altogether (Oempro).")
class DeleteSubscriberInput(OemproListInput):
    """Delete a subscriber."""

    email: str = strawberry.field(description="The subscriber's address in the list.")


@strawberry.input(description="Unsubscribe a subscriber known by its id (Oempro).")
class UnsubscribeSubscriberInput(OemproListInput):
    """Unsubscribe a subscriber by id."""

    subscriber_id: strawberry.ID = strawberry.field(
        description="The subscriber's `legacyId` in this list."
    )


@strawberry.input(description="Confirm or reject a subscription waiting for its opt-in.")
class AnswerOptInInput(OemproListInput):
    """Answer a pending double opt-in."""

    subscriber_id: strawberry.ID = strawberry.field(
        description="The pending subscriber's `legacyId` in this list."
    )
    decision: OptInDecision = strawberry.field(description="Confirm or reject it.")


@strawberry.input(description="Which custom field one CSV column fills.")
class ImportColumnInput:
    """A CSV column and the custom field it fills."""

    column: int = strawberry.field(description="The column, counted from 1.")
    field: str = strawberry.field(
        description="The custom field: its name, its `legacyId` or `CustomField<id>`."
    )


@strawberry.input(
    description="Subscribers to add to a list from CSV text (Oempro Subscribers.Import, both "
    "steps). Rows whose address is invalid or already subscribed are counted, not added."
)
class ImportSubscribersInput(OemproListInput):
    """Subscribers to import from CSV text."""

    csv: str = strawberry.field(description="The rows, one subscriber each (at most 1 MB).")
    email_column: int = strawberry.field(description="The column holding the address, from 1.")
    field_columns: list[ImportColumnInput] = strawberry.field(
        default_factory=list,
        description=f"Columns filling custom fields (at most {MAX_IDS}); others are ignored.",
    )
    delimiter: str = strawberry.field(default=",", description="One character between columns.")
    quote: str = strawberry.field(default='"', description="One character enclosing a value.")


@strawberry.input(
    description="Change a segment (Oempro); an omitted or null setting is left as it is."
)
class UpdateSegmentInput:
    """Change a segment."""

    segment_id: strawberry.ID = strawberry.field(
        description="The segment: a Segment global ID, or the plain segment id (every list's "
        "segments are then read to find it)."
    )
    name: str | None = optional("A new name (not blank).")
    match: SegmentConnector | None = optional("AND: every rule must hold; OR: any one.")
    rules: list[SegmentRuleInput] | None = optional(
        f"New conditions replacing the old ones: 1 to {MAX_IDS} (Oempro keeps the old ones when "
        "none are sent)."
    )


@strawberry.input(description="Copy every segment of one list into another (Oempro).")
class CopySegmentsInput(OemproListCopyInput):
    """Copy a list's segments."""


@strawberry.type(description="The subscriber a mutation deleted, or why it did not.")
class DeleteSubscriberPayload(Payload[strawberry.ID]):
    """The subscriber a mutation deleted, or why it did not."""

    deleted_subscriber_id: strawberry.ID | None = strawberry.field(
        default=None, description="The deleted subscriber's `legacyId`; null if refused."
    )
    user_errors: list[UserError] = refused("deletion")


@strawberry.type(description="The subscriber a mutation unsubscribed, or why it did not.")
class UnsubscribeSubscriberPayload(Payload[strawberry.ID]):
    """The subscriber a mutation unsubscribed, or why it did not."""

    unsubscribed_subscriber_id: strawberry.ID | None = strawberry.field(
        default=None, description="The unsubscribed subscriber's `legacyId`; null if refused."
    )
    user_errors: list[UserError] = refused("change")


@strawberry.type(description="How a pending opt-in was answered, or why it was not.")
class AnswerOptInPayload:
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
    async def run(
        cls, change: Change[object], *, input_paths: InputPaths | None = None
    ) -> AnswerOptInPayload:
        """A refusal made before the change (an input rule): no decision, the user errors."""
        _, errors = await attempt(change, input_paths=input_paths)
        return cls(decision=None, redirect_url=None, user_errors=errors)


@strawberry.type(description="What an import did with the rows it was given.")
class SubscriberImport:
    """What an import did."""

    import_id: str = strawberry.field(description="Oempro's id of the import (`ImportID`).")
    columns: list[str] = strawberry.field(description="The first row's values, as step 1 read it.")
    rows: int | None = strawberry.field(description="Rows read; null if not reported.")
    imported: int | None = strawberry.field(description="Rows added to the list.")
    duplicates: int | None = strawberry.field(description="Rows already subscribed.")
    failed: int | None = strawberry.field(description="Rows without a valid address.")


@strawberry.type(
    description="What an import did, or which of its two steps failed and why. The steps are "
    "not atomic: a failed step 2 leaves step 1's data stored unprocessed on the platform."
)
class ImportSubscribersPayload:
    """What an import did, or which step failed."""

    result: SubscriberImport | None = strawberry.field(
        description="The import's totals; null unless both steps succeeded."
    )
    failed_step: int | None = strawberry.field(
        description="1: reading the data failed, nothing was stored or added. 2: the data was "
        "stored (see the user error) but mapping and adding the rows failed, or its outcome is "
        "unknown. Null on success."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why a step was refused or failed; empty on success."
    )

    @classmethod
    async def run(
        cls, change: Change[object], *, input_paths: InputPaths | None = None
    ) -> ImportSubscribersPayload:
        """A refusal made before step 1 (an input rule): nothing was sent."""
        _, errors = await attempt(change, input_paths=input_paths)
        return cls(result=None, failed_step=1, user_errors=errors)


def _number(value: str, *, field: tuple[str, ...], what: str) -> int:
    number = plain_legacy_id(value.strip(), field=field, what=what)
    if number is None:
        raise BadUserInput(f"{value[:40]!r} is not an Oempro {what} id", field=field)
    return number


def _char(value: str, name: str) -> str:
    if len(value) != 1:
        raise BadUserInput(f"{name} must be one character", field=("input", name))
    return value


async def _columns(data: OemproData, target: int, input: ImportSubscribersInput) -> dict[int, str]:
    """The step 2 mapping: the address column and each field column, checked."""
    if input.email_column < 1:
        raise BadUserInput("emailColumn counts from 1", field=("input", "emailColumn"))
    if len(input.field_columns) > MAX_IDS:
        raise BadUserInput(f"give at most {MAX_IDS} field columns", field=("input", "fieldColumns"))
    columns = {input.email_column: "EmailAddress"}
    known = await data.custom_fields(target) if input.field_columns else ()
    for index, given in enumerate(input.field_columns):
        path = ("input", "fieldColumns", str(index))
        if given.column < 1 or given.column in columns:
            raise BadUserInput(
                "each column counts from 1 and is mapped once", field=(*path, "column")
            )
        field_id = custom_field_id(given.field, known)
        if field_id is None:
            raise BadUserInput(
                f"Oempro list {target} has no custom field {given.field!r}", field=(*path, "field")
            )
        columns[given.column] = f"CustomField{field_id}"
    return columns


def _rules(given: list[SegmentRuleInput] | None) -> list[SegmentRule] | None:
    if given is None:
        return None
    if not given or len(given) > MAX_IDS:
        raise BadUserInput(f"give 1 to {MAX_IDS} rules", field=("input", "rules"))
    return segment_rules(given)


def _failure(error: GraphError | UpstreamError, paths: InputPaths, prefix: str) -> UserError:
    """A step's failure as a user error, its message saying which step and what is left."""
    if isinstance(error, GraphError):
        found = refusal(error, paths)
    else:
        found = user_error_from(error)
        path = paths.get(error.field) if error.field is not None else None
        found.field = list(path) if path is not None else None
    found.message = f"{prefix}: {found.message}"
    return found


@strawberry.type
class ListUpkeepMutation:
    """Mutations that keep a list's subscribers and segments."""

    @strawberry.mutation(
        description="Delete an address from a list altogether, its history with it (Oempro: "
        "Subscriber.Get to find its id, then Subscribers.Delete). To keep the history, "
        "unsubscribe it instead."
    )
    async def delete_subscriber(
        self, info: Info, input: Input[DeleteSubscriberInput]
    ) -> DeleteSubscriberPayload:
        """Delete a subscriber."""

        async def write(_: OemproGraph, target: int) -> strawberry.ID:
            email = check_email(input.email, field=("input", "email"))
            gone = await info.context.oempro().delete_subscriber(target, email)
            return strawberry.ID(str(gone.subscriber_id))

        return await DeleteSubscriberPayload.run(
            on_list(info, input.list_id, write), input_paths=_PATHS
        )

    @strawberry.mutation(
        description="Unsubscribe a subscriber known by its id (Oempro: Subscriber.Unsubscribe "
        "with SubscriberID; a list that unsubscribes from all lists does so everywhere)."
    )
    async def unsubscribe_subscriber(
        self, info: Info, input: Input[UnsubscribeSubscriberInput]
    ) -> UnsubscribeSubscriberPayload:
        """Unsubscribe a subscriber by id."""

        async def write(_: OemproGraph, target: int) -> strawberry.ID:
            number = _number(input.subscriber_id, field=_SUBSCRIBER_ID, what="subscriber")
            await info.context.oempro().unsubscribe_by_id(target, number)
            return strawberry.ID(str(number))

        return await UnsubscribeSubscriberPayload.run(
            on_list(info, input.list_id, write), input_paths=_BY_ID_PATHS
        )

    @strawberry.mutation(
        description="Confirm or reject a subscription waiting for its double opt-in (Oempro: "
        "Subscriber.OptIn, what the confirmation e-mail's links call)."
    )
    async def answer_opt_in(self, info: Info, input: Input[AnswerOptInInput]) -> AnswerOptInPayload:
        """Answer a pending double opt-in."""

        async def write(_: OemproGraph, target: int) -> AnswerOptInPayload:
            number = _number(input.subscriber_id, field=_SUBSCRIBER_ID, what="subscriber")
            mode: OptInMode = "Confirm" if input.decision is OptInDecision.CONFIRM else "Reject"
            result = await info.context.oempro().answer_opt_in(target, number, mode)
            return AnswerOptInPayload(
                decision=input.decision, redirect_url=result.redirect_url, user_errors=[]
            )

        answer, errors = await attempt(on_list(info, input.list_id, write), input_paths=_PATHS)
        if answer is not None:
            return answer
        return AnswerOptInPayload(decision=None, redirect_url=None, user_errors=errors)

    @strawberry.mutation(
        description="Add subscribers to a list from CSV text (Oempro: Subscribers.Import step "
        "1 with the data, then step 2 with the column mapping; CustomFields.Get first when "
        "custom fields are mapped). The two steps are not atomic: `failedStep` says which one "
        "failed."
    )
    async def import_subscribers(
        self, info: Info, input: Input[ImportSubscribersInput]
    ) -> ImportSubscribersPayload:
        """Import subscribers from CSV text."""
        data = info.context.oempro

        async def prepare() -> tuple[int, dict[int, str]]:
            target = list_id(info, input.list_id, field=LIST_FIELD)
            _char(input.delimiter, "delimiter")
            _char(input.quote, "quote")
            check_not_blank(input.csv, field=("input", "csv"), what="csv")
            return target, await _columns(data(), target, input)

        async def step_one() -> tuple[int, dict[int, str], ImportStarted]:
            target, columns = await prepare()
            started = await data().import_rows(
                target, input.csv, delimiter=input.delimiter, quote=input.quote
            )
            return target, columns, started

        first, errors = await attempt(step_one, input_paths=_PATHS)
        if first is None:
            return ImportSubscribersPayload(result=None, failed_step=1, user_errors=errors)
        target, columns, started = first
        try:
            done = await data().import_mapping(target, started.import_id, columns)
        except (GraphError, UpstreamError) as exc:
            stored = f"step 1 stored the data as Oempro import {started.import_id}"
            if isinstance(exc, GraphError | UpstreamRefused):
                prefix = (
                    f"step 2 of 2 (mapping and adding the rows) failed; {stored}, which is left "
                    "unprocessed"
                )
            else:
                prefix = (
                    f"step 2 of 2 (mapping and adding the rows) got no usable answer, so whether "
                    f"the rows were added is unknown (look before trying again); {stored}"
                )
            return ImportSubscribersPayload(
                result=None, failed_step=2, user_errors=[_failure(exc, _PATHS, prefix)]
            )
        return ImportSubscribersPayload(
            result=SubscriberImport(
                import_id=str(started.import_id),
                columns=list(started.columns),
                rows=done.total,
                imported=done.imported,
                duplicates=done.duplicates,
                failed=done.failed,
            ),
            failed_step=None,
            user_errors=[],
        )

    @strawberry.mutation(
        description="Change a segment's name, match or rules (Oempro: Segment.Get to read it, "
        "Segment.Update with its name and operator, then Segment.Get of the list)."
    )
    async def update_segment(self, info: Info, input: Input[UpdateSegmentInput]) -> SegmentPayload:
        """Change a segment."""

        async def change() -> Segment:
            info.context.oempro()
            found = await find_segment(info, input.segment_id, field=("input", "segmentId"))
            owner, number = int(found._context_key or 0), int(found.legacy_id)
            name = (
                None
                if input.name is None
                else check_not_blank(input.name, field=("input", "name"), what="name")
            )
            data = info.context.oempro()
            await data.update_segment(
                owner,
                number,
                name=name,
                match_any=None if input.match is None else input.match is SegmentConnector.OR,
                rules=_rules(input.rules),
            )
            record = await data.segment(owner, number)
            missing = f"Oempro list {owner} no longer shows segment {number}"
            return to_segment(existing(record, _P, missing), owner)

        return await SegmentPayload.run(change, input_paths=_PATHS)

    @strawberry.mutation(
        description="Copy every segment of one list into another (Oempro: Segments.Copy, then "
        "List.Get of the target)."
    )
    async def copy_segments(
        self, info: Info, input: Input[CopySegmentsInput]
    ) -> MailingListPayload:
        """Copy a list's segments."""

        change = copy_between_lists(
            info,
            input,
            lambda source, target: info.context.oempro().copy_segments(source, target),
        )
        return await MailingListPayload.run(change, input_paths=_PATHS)
