"""Every mutation, composed from one mixin per domain."""

from __future__ import annotations

import strawberry

from mailgql.graph.mutations.accounts import AccountMutation
from mailgql.graph.mutations.campaigns import CampaignMutation
from mailgql.graph.mutations.inheritance import InheritanceMutation
from mailgql.graph.mutations.lists import ListMutation
from mailgql.graph.mutations.payloads import AccountPayload
from mailgql.graph.mutations.segments import SegmentMutation
from mailgql.graph.mutations.subscriptions import SubscriptionMutation
from mailgql.graph.validation import apply_input_rules

__all__ = ["AccountPayload", "Mutation"]


@strawberry.type(description="Change the graph: one mutation per legacy write.")
class Mutation(
    AccountMutation,
    InheritanceMutation,
    SubscriptionMutation,
    ListMutation,
    CampaignMutation,
    SegmentMutation,
):
    """Every mutation."""


# Every string of every mutation's input is checked before the mutation runs (graph.validation).
apply_input_rules(Mutation)
