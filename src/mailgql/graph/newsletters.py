"""Newsletters (reusable campaign content) an account can inherit."""

from __future__ import annotations

from datetime import datetime

import strawberry

from mailgql.graph.node import Node
from mailgql.platforms import Platform

__all__ = ["Newsletter"]


@strawberry.type(description="A newsletter: reusable content an admin can hand to sub-accounts.")
class Newsletter(Node):
    """A newsletter on one platform."""

    platform: Platform = strawberry.field(description="The platform the newsletter lives on.")
    legacy_id: str = strawberry.field(description="The newsletter's own id on its platform.")
    name: str = strawberry.field(description="The newsletter's name.")
    subject: str | None = strawberry.field(description="The e-mail subject line.")
    active: bool = strawberry.field(description="The newsletter is active.")
    created_at: datetime | None = strawberry.field(description="When it was created.")
    updated_at: datetime | None = strawberry.field(description="When it last changed.")
    url: str | None = strawberry.field(description="Public web view of the newsletter.")
    recipient_list_ids: list[strawberry.ID] = strawberry.field(
        description="IDs of the lists it is addressed to (global IDs of MailingList)."
    )
    recipient_segment_ids: list[strawberry.ID] = strawberry.field(
        description="IDs of the segments it is addressed to (global IDs of Segment)."
    )
