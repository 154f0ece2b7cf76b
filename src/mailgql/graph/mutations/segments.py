"""Segment mutations (Oempro): create a segment of a list with its rules, delete one."""

from __future__ import annotations

import strawberry

from mailgql.data.oempro import NewSegment
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput
from mailgql.graph.mutations._oempro import OemproListInput, oempro, on_list
from mailgql.graph.mutations._run import Input
from mailgql.graph.mutations.payloads import DeleteSegmentPayload, SegmentPayload
from mailgql.graph.platforms.oempro import OemproGraph
from mailgql.graph.platforms.oempro.writes import find_segment
from mailgql.graph.segments import Segment, SegmentConnector
from mailgql.graph.validation import MAX_IDS, check_not_blank
from mailgql.upstreams.oempro import SegmentRule

__all__ = [
    "CreateSegmentInput",
    "DeleteSegmentInput",
    "SegmentMutation",
    "SegmentRuleInput",
    "segment_rules",
]

_PATHS: dict[str, tuple[str, ...]] = {
    "SubscriberListID": ("input", "listId"),
    "SegmentName": ("input", "name"),
    "SegmentOperator": ("input", "match"),
    "Segments": ("input", "segmentId"),
}


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
class CreateSegmentInput(OemproListInput):
    """A new segment of a list."""

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
    return segment_rules(given)


def segment_rules(given: list[SegmentRuleInput]) -> list[SegmentRule]:
    """An input's ``rules`` as Oempro takes them, each with a field and an operator (not
    blank); how many there may be is each mutation's own rule."""
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
    async def create_segment(self, info: Info, input: Input[CreateSegmentInput]) -> SegmentPayload:
        """Create a segment."""

        async def write(on: OemproGraph, target: int) -> Segment:
            new = NewSegment(
                name=check_not_blank(input.name, field=("input", "name"), what="name"),
                match_any=input.match is SegmentConnector.OR,
                rules=_rules(input.rules),
            )
            return await on.create_segment(info, target, new)

        return await SegmentPayload.run(on_list(info, input.list_id, write), input_paths=_PATHS)

    @strawberry.mutation(
        description="Delete a segment (Oempro: Segment.Get to find it, then Segments.Delete)."
    )
    async def delete_segment(
        self, info: Info, input: Input[DeleteSegmentInput]
    ) -> DeleteSegmentPayload:
        """Delete a segment."""

        async def change() -> strawberry.ID:
            info.context.oempro()
            segment = await find_segment(info, input.segment_id, field=("input", "segmentId"))
            return await oempro(info).delete_segment(info, segment)

        return await DeleteSegmentPayload.run(change, input_paths=_PATHS)
