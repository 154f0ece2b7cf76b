"""Segment mutations (Oempro): create a segment of a list with its rules, delete one."""

from __future__ import annotations

from typing import Annotated

import strawberry

from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput, UserError
from mailgql.graph.mutations._oempro import list_id, oempro
from mailgql.graph.mutations._run import INPUT, attempt
from mailgql.graph.platforms.oempro.writes import find_segment
from mailgql.graph.segments import Segment, SegmentConnector
from mailgql.graph.validation import MAX_IDS, check_not_blank
from mailgql.upstreams.oempro import SegmentRule

__all__ = [
    "CreateSegmentInput",
    "DeleteSegmentInput",
    "DeleteSegmentPayload",
    "SegmentMutation",
    "SegmentPayload",
    "SegmentRuleInput",
]

_PATHS: dict[str, tuple[str, ...]] = {
    "SubscriberListID": ("input", "listId"),
    "SegmentName": ("input", "name"),
    "SegmentOperator": ("input", "match"),
    "Segments": ("input", "segmentId"),
}


@strawberry.type(description="The segment a mutation created, or why it did not.")
class SegmentPayload:
    """The segment a mutation created, or why it did not."""

    segment: Segment | None = strawberry.field(
        default=None, description="The segment as it is after the change; null if refused."
    )
    user_errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why the change was refused; empty on success."
    )


@strawberry.type(description="The segment a mutation deleted, or why it did not.")
class DeleteSegmentPayload:
    """The segment a mutation deleted, or why it did not."""

    deleted_segment_id: strawberry.ID | None = strawberry.field(
        default=None, description="The global ID of the deleted segment; null if refused."
    )
    user_errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why the deletion was refused; empty on success."
    )


@strawberry.input(description="One condition of a new segment (Oempro's own vocabulary).")
class SegmentRuleInput:
    """One condition of a new segment."""

    field: str = strawberry.field(
        description="The subscriber column tested: `EmailAddress`, `SubscriptionDate`... or a "
        "custom field as `CustomField<id>` (see `Subscriber.fields`)."
    )
    operator: str = strawberry.field(
        description="Oempro's operator, e.g. `Is`, `Is not`, `Contains`, `Begins with`, "
        "`Ends with`, `Is after`, `Is before`, `Is set`."
    )
    value: str = strawberry.field(
        default="", description="The value compared with (empty for `Is set`, `Is not set`)."
    )


@strawberry.input(description="A new segment of a list (Oempro).")
class CreateSegmentInput:
    """A new segment of a list."""

    list_id: strawberry.ID = strawberry.field(
        description="The list: a MailingList global ID or the plain Oempro list id."
    )
    name: str = strawberry.field(description="The segment's name (not blank).")
    match: SegmentConnector = strawberry.field(
        default=SegmentConnector.AND,
        description="AND: a subscriber must match every rule; OR: any one of them.",
    )
    rules: list[SegmentRuleInput] = strawberry.field(
        description=f"The conditions: at most {MAX_IDS}; none selects the whole list."
    )


@strawberry.input(description="Delete a segment (Oempro).")
class DeleteSegmentInput:
    """Delete a segment."""

    segment_id: strawberry.ID = strawberry.field(
        description="The segment: a Segment global ID, or the plain segment id (every list's "
        "segments are then read to find it: one Lists.Get and one Segment.Get per list)."
    )


def _rules(given: list[SegmentRuleInput]) -> list[SegmentRule]:
    if len(given) > MAX_IDS:
        raise BadUserInput(f"give at most {MAX_IDS} rules", field=("input", "rules"))
    rules = []
    for index, rule in enumerate(given):
        path = ("input", "rules", str(index))
        field = check_not_blank(rule.field, field=(*path, "field"), what="field")
        operator = check_not_blank(rule.operator, field=(*path, "operator"), what="operator")
        rules.append(SegmentRule(field=field, operator=operator, filter=rule.value))
    return rules


@strawberry.type
class SegmentMutation:
    """Mutations on segments."""

    @strawberry.mutation(
        description="Create a segment of a list (Oempro: Segment.Create with its rules, then "
        "Segment.Get of the list)."
    )
    async def create_segment(
        self, info: Info, input: Annotated[CreateSegmentInput, INPUT]
    ) -> SegmentPayload:
        """Create a segment."""

        async def change() -> Segment:
            target = list_id(info, input.list_id, field=("input", "listId"))
            name = check_not_blank(input.name, field=("input", "name"), what="name")
            return await oempro(info).create_segment(
                info,
                target,
                name,
                match_any=input.match is SegmentConnector.OR,
                rules=_rules(input.rules),
            )

        created, errors = await attempt(change, input_paths=_PATHS)
        return SegmentPayload(segment=created, user_errors=errors)

    @strawberry.mutation(
        description="Delete a segment (Oempro: Segment.Get to find it, then Segments.Delete)."
    )
    async def delete_segment(
        self, info: Info, input: Annotated[DeleteSegmentInput, INPUT]
    ) -> DeleteSegmentPayload:
        """Delete a segment."""

        async def change() -> strawberry.ID:
            info.context.oempro()
            segment = await find_segment(info, input.segment_id, field=("input", "segmentId"))
            return await oempro(info).delete_segment(info, segment)

        deleted, errors = await attempt(change, input_paths=_PATHS)
        return DeleteSegmentPayload(deleted_segment_id=deleted, user_errors=errors)
