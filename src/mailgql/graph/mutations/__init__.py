"""Every mutation, composed from one mixin per domain."""

from __future__ import annotations

import strawberry

from mailgql.graph.mutations.accounts import AccountMutation
from mailgql.graph.mutations.auto_responders import AutoResponderMutation
from mailgql.graph.mutations.campaign_update import CampaignUpdateMutation
from mailgql.graph.mutations.campaigns import CampaignMutation
from mailgql.graph.mutations.custom_fields import CustomFieldMutation
from mailgql.graph.mutations.emails import EmailMutation
from mailgql.graph.mutations.inheritance import InheritanceMutation
from mailgql.graph.mutations.list_integration import ListHookMutation
from mailgql.graph.mutations.list_upkeep import ListUpkeepMutation
from mailgql.graph.mutations.lists import ListMutation
from mailgql.graph.mutations.media import MediaMutation
from mailgql.graph.mutations.oempro_admin import OemproAdminMutation
from mailgql.graph.mutations.payloads import AccountPayload
from mailgql.graph.mutations.segments import SegmentMutation
from mailgql.graph.mutations.subscriptions import SubscriptionMutation
from mailgql.graph.mutations.tags import TagMutation
from mailgql.graph.mutations.templates import TemplateMutation
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
    CustomFieldMutation,
    AutoResponderMutation,
    ListHookMutation,
    ListUpkeepMutation,
    TagMutation,
    EmailMutation,
    TemplateMutation,
    CampaignUpdateMutation,
    MediaMutation,
    OemproAdminMutation,
):
    """Every mutation."""


# Every string of every mutation's input is checked before the mutation runs (graph.validation).
apply_input_rules(Mutation)
