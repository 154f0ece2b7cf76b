"""List upkeep mutations (Oempro): delete a subscriber, unsubscribe one by id, answer a pending
opt-in, import subscribers from CSV text, and change or copy segments; composed from one mixin
per topic."""

from __future__ import annotations

import strawberry

from mailgql.graph.mutations.segments import SegmentUpkeepMutation
from mailgql.graph.mutations.subscriber_import import SubscriberImportMutation
from mailgql.graph.mutations.subscriber_upkeep import SubscriberUpkeepMutation

__all__ = ["ListUpkeepMutation"]


@strawberry.type
class ListUpkeepMutation(SubscriberUpkeepMutation, SubscriberImportMutation, SegmentUpkeepMutation):
    """Mutations that keep a list's subscribers and segments."""
