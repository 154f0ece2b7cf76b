"""Segment mutations (Oempro): create a segment of a list with its rules, delete one, change one
and copy a list's segments into another."""

from __future__ import annotations

import strawberry

from mailgql.data.oempro import NewSegment, OemproData
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput
from mailgql.graph.mutations._oempro import (
    OemproListCopyInput,
    OemproListInput,
    copy_between_lists,
    oempro,
    on_list,
)
from mailgql.graph.mutations._run import Input, input_paths, input_type, mutation, optional
from mailgql.graph.mutations.payloads import (
    DeleteSegmentPayload,
    MailingListPayload,
    SegmentPayload,
)
from mailgql.graph.mutations.subscriber_upkeep import UPKEEP_PATHS
from mailgql.graph.platforms.base import existing
from mailgql.graph.platforms.oempro import OemproGraph
from mailgql.graph.platforms.oempro.mapping import to_segment
from mailgql.graph.platforms.oempro.writes import find_segment
from mailgql.graph.segments import Segment, SegmentConnector
from mailgql.graph.validation import MAX_IDS, check_not_blank
from mailgql.platforms import Platform
from mailgql.upstreams.oempro import SegmentRule

__all__ = [
    "CopySegmentsInput",
    "CreateSegmentInput",
    "DeleteSegmentInput",
    "SegmentMutation",
    "SegmentRuleInput",
    "SegmentUpkeepMutation",
    "UpdateSegmentInput",
    "segment_rules",
]

_P = Platform.OEMPRO
_PATHS = input_paths(
    {
        "SubscriberListID": "listId",
        "SegmentName": "name",
        "SegmentOperator": "match",
        "Segments": "segmentId",
    }
)


@input_type
class SegmentRuleInput:
    """One condition of a new segment (Oempro's own vocabulary)."""

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


@input_type
class CreateSegmentInput(OemproListInput):
    """A new segment of a list (Oempro)."""

    name: str = strawberry.field(description="The segment's name (not blank).")
    match: SegmentConnector = strawberry.field(
        default=SegmentConnector.AND,
        description="AND: a subscriber must match every rule; OR: any one of them.",
    )
    rules: list[SegmentRuleInput] = strawberry.field(
        description=f"The conditions: at most {MAX_IDS}; none selects the whole list."
    )


@input_type
class DeleteSegmentInput:
    """Delete a segment (Oempro)."""

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

    @mutation
    async def create_segment(self, info: Info, input: Input[CreateSegmentInput]) -> SegmentPayload:
        """Create a segment of a list (Oempro: Segment.Create with its rules, then Segment.Get
        of the list)."""

        async def write(on: OemproGraph, target: int) -> Segment:
            new = NewSegment(
                name=check_not_blank(input.name, field=("input", "name"), what="name"),
                match_any=input.match is SegmentConnector.OR,
                rules=_rules(input.rules),
            )
            return await on.create_segment(info, target, new)

        return await SegmentPayload.run(on_list(info, input.list_id, write), input_paths=_PATHS)

    @mutation
    async def delete_segment(
        self, info: Info, input: Input[DeleteSegmentInput]
    ) -> DeleteSegmentPayload:
        """Delete a segment (Oempro: Segment.Get to find it, then Segments.Delete)."""

        async def change() -> strawberry.ID:
            info.context.oempro()
            segment = await find_segment(info, input.segment_id, field=("input", "segmentId"))
            return await oempro(info).delete_segment(info, segment)

        return await DeleteSegmentPayload.run(change, input_paths=_PATHS)


@input_type
class UpdateSegmentInput:
    """Change a segment (Oempro); an omitted or null setting is left as it is."""

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


@input_type
class CopySegmentsInput(OemproListCopyInput):
    """Copy every segment of one list into another (Oempro)."""


def _new_rules(given: list[SegmentRuleInput] | None) -> list[SegmentRule] | None:
    if given is None:
        return None
    if not given or len(given) > MAX_IDS:
        raise BadUserInput(f"give 1 to {MAX_IDS} rules", field=("input", "rules"))
    return segment_rules(given)


@strawberry.type
class SegmentUpkeepMutation:
    """Mutations that keep a list's segments: change one, copy them into another list."""

    @mutation
    async def update_segment(self, info: Info, input: Input[UpdateSegmentInput]) -> SegmentPayload:
        """Change a segment's name, match or rules (Oempro: Segment.Get to read it,
        Segment.Update with its name and operator, then Segment.Get of the list)."""

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
                rules=_new_rules(input.rules),
            )
            record = await data.segment(owner, number)
            missing = f"Oempro list {owner} no longer shows segment {number}"
            return to_segment(existing(record, _P, missing), owner)

        return await SegmentPayload.run(change, input_paths=UPKEEP_PATHS)

    @mutation
    async def copy_segments(
        self, info: Info, input: Input[CopySegmentsInput]
    ) -> MailingListPayload:
        """Copy every segment of one list into another (Oempro: Segments.Copy, then List.Get of
        the target)."""

        return await copy_between_lists(info, input, OemproData.copy_segments, UPKEEP_PATHS)
