"""Segments: saved searches over lists, with their rule tree as typed objects."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Annotated

import strawberry

from mailgql.graph.enum_values import described
from mailgql.graph.lists import MailingList
from mailgql.graph.node import Node
from mailgql.graph.relations import platform_answer
from mailgql.platforms import Platform

__all__ = [
    "Segment",
    "SegmentConnector",
    "SegmentRule",
    "SegmentRuleGroup",
    "SegmentRuleNode",
]


@strawberry.enum(description="How a rule or group joins the ones before it.")
class SegmentConnector(enum.Enum):
    """How a rule or group joins the ones before it."""

    AND = described("and", description="Both this and what comes before must hold.")
    OR = described("or", description="This or what comes before must hold.")


@strawberry.type(description="One condition: a subscriber field compared with values.")
class SegmentRule:
    """One condition of a segment."""

    connector: SegmentConnector = strawberry.field(description="Joins it to the previous node.")
    field: str = strawberry.field(
        description="The subscriber field tested, e.g. `email`; Oempro: a subscriber column such "
        "as `EmailAddress` or a custom field as `CustomField<id>`."
    )
    operator: str = strawberry.field(
        description="The platform's operator, e.g. `like`; Oempro: `Is`, `Contains`, `Ends with`..."
    )
    values: list[str] = strawberry.field(description="The values compared with.")


@strawberry.type(description="A group of conditions and groups; nest fragments to read depth.")
class SegmentRuleGroup:
    """A group of segment conditions."""

    connector: SegmentConnector = strawberry.field(description="Joins it to the previous node.")
    children: list[Annotated[SegmentRuleNode, strawberry.lazy("mailgql.graph.segments")]] = (
        strawberry.field(description="Rules and groups, in order.")
    )


SegmentRuleNode = Annotated[
    SegmentRule | SegmentRuleGroup,
    strawberry.union("SegmentRuleNode", description="A rule or a group of rules."),
]


@strawberry.type(description="A segment: a saved set of rules selecting subscribers of lists.")
class Segment(Node):
    """A segment on one platform."""

    platform: Platform = strawberry.field(description="The platform the segment lives on.")
    legacy_id: str = strawberry.field(description="The segment's own id on its platform.")
    name: str = strawberry.field(description="The segment's name.")
    created_at: datetime | None = strawberry.field(default=None, description="When it was created.")
    updated_at: datetime | None = strawberry.field(
        default=None, description="When it last changed."
    )
    list_ids: list[strawberry.ID] = strawberry.field(
        description="Global IDs of every list the segment uses (also those not visible as objects)."
    )
    rules: list[SegmentRuleGroup] = strawberry.field(
        description="The rule tree: top-level groups, each with its rules and nested groups. "
        "Oempro: one group whose rules all carry the segment's AND (match all) or OR (match "
        "any); no group when the segment has no rules (it selects the whole list)."
    )
    _context_key: strawberry.Private[str | None] = None
    _record: strawberry.Private[object] = None
    """What the platform's part of the graph built the segment from, for its relations."""

    lists: list[MailingList] | None = platform_answer(
        lambda graph: graph.segment_lists,
        "The lists the segment selects from, as far as visible (Oempro: the one list it belongs "
        "to, from one Lists.Get call per request).",
    )
