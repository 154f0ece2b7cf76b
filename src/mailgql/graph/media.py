"""The media library and email attachments (Oempro): files a user's emails link or carry.

Only Oempro has them: elsewhere an account's ``media`` is empty and an email (Oempro only)
always answers its attachments. The platform's part of the graph answers them by being a
:class:`MediaGraph`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import strawberry

from mailgql.graph.context import Info
from mailgql.graph.node import Node
from mailgql.graph.pagination import Connection, Window
from mailgql.graph.relations import part_page
from mailgql.platforms import Platform

if TYPE_CHECKING:
    from mailgql.graph.accounts import Account

__all__ = ["Attachment", "MediaFile", "MediaGraph", "account_media"]


@strawberry.type(description="A file of the media library (Oempro), served at its `url`.")
class MediaFile(Node):
    """A file of the media library."""

    platform: Platform = strawberry.field(description="The platform the file lives on.")
    legacy_id: str = strawberry.field(description="The file's own id (`MediaID`).")
    name: str = strawberry.field(description="The file name.")
    mime_type: str | None = strawberry.field(description="Its MIME type, e.g. `image/png`.")
    size: int | None = strawberry.field(description="Its size in bytes.")
    url: str | None = strawberry.field(description="Where the library serves it.")
    uploaded_at: datetime | None = strawberry.field(description="When it was uploaded.")


@strawberry.type(description="A file attached to an email record (Oempro).")
class Attachment(Node):
    """A file attached to an email record."""

    platform: Platform = strawberry.field(description="The platform the file lives on.")
    legacy_id: str = strawberry.field(description="The attachment's own id (`AttachmentID`).")
    file_name: str = strawberry.field(description="The file name.")
    mime_type: str | None = strawberry.field(description="Its MIME type.")
    size: int | None = strawberry.field(description="Its size in bytes.")


class MediaGraph:
    """What a platform with a media library answers (Oempro's part of the graph is one)."""

    async def account_media(
        self, info: Info, account: Account, window: Window
    ) -> Connection[MediaFile]:
        """The files of an account's media library."""
        raise NotImplementedError


account_media = part_page(MediaGraph, lambda graph: graph.account_media)
"""An account's media files; none on a platform without a library."""
