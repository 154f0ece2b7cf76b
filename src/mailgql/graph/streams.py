"""The root subscription: every stream the graph serves, composed from one mixin per stream."""

from __future__ import annotations

import strawberry

from mailgql.graph.heartbeat import HeartbeatSubscription
from mailgql.graph.progress import ProgressSubscription

__all__ = ["Subscription"]


@strawberry.type(
    description="Streams. Subscribe over a WebSocket on /graphql (subprotocol "
    "graphql-transport-ws), or POST to /graphql with `Accept: text/event-stream` for "
    "Server-Sent Events."
)
class Subscription(HeartbeatSubscription, ProgressSubscription):
    """The root subscription fields."""
