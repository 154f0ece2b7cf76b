"""Mailing lists."""

from __future__ import annotations

import strawberry

from mailgql.graph.node import Node
from mailgql.platforms import Platform

__all__ = ["MailingList"]


@strawberry.type(description="A mailing list (subscriber list) on one platform.")
class MailingList(Node):
    """A mailing list on one platform."""

    platform: Platform = strawberry.field(description="The platform the list lives on.")
    legacy_id: str = strawberry.field(description="The list's own id on its platform.")
    name: str = strawberry.field(description="The list's name.")
    description: str | None = strawberry.field(
        default=None, description="Longer name or description, where the platform keeps one."
    )
    subscriber_count: int | None = strawberry.field(
        default=None, description="Subscribed addresses; null when the platform does not say."
    )
    unsubscribed_count: int | None = strawberry.field(
        default=None, description="Unsubscribed addresses; null when the platform does not say."
    )
    bounced_count: int | None = strawberry.field(
        default=None, description="Bounced addresses; null when the platform does not say."
    )
    owner_name: str | None = strawberry.field(default=None, description="Sender name of the list.")
    owner_email: str | None = strawberry.field(default=None, description="Sender address.")
    reply_to_email: str | None = strawberry.field(default=None, description="Reply-to address.")
    company_name: str | None = strawberry.field(default=None, description="Company in the footer.")
    deleted: bool | None = strawberry.field(
        default=None, description="The list is deleted (v2 REST keeps deleted lists visible)."
    )
