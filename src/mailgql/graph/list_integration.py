"""List integration (Oempro): the web-service hooks a list calls when an address subscribes or
unsubscribes."""

from __future__ import annotations

import enum

import strawberry

from mailgql.graph.enum_values import described

__all__ = ["ListHook", "ListHookEvent"]


@strawberry.enum(description="The list event a web-service hook is called on.")
class ListHookEvent(enum.Enum):
    """The list event a web-service hook is called on."""

    SUBSCRIPTION = described("subscription", description="An address subscribed to the list.")
    UNSUBSCRIPTION = described(
        "unsubscription", description="An address unsubscribed from the list."
    )


@strawberry.type(description="A URL a list calls on one of its events (Oempro list integration).")
class ListHook:
    """A web-service hook of a list."""

    legacy_id: str = strawberry.field(
        description="The hook's own id (Oempro `WebServiceIntegrationID`)."
    )
    event: ListHookEvent = strawberry.field(description="When the list calls it.")
    url: str = strawberry.field(description="The URL called.")
