"""What every part of the Oempro facade shares: the client, the loaders of one request, and the
refusals its writes make before any call."""

from __future__ import annotations

from typing import TypeVar

from mailgql.cache.reads import PlatformReads
from mailgql.data._facade import Facade
from mailgql.loaders.oempro import (
    CampaignBlockLoader,
    CampaignByIdLoader,
    ClientsByScopeLoader,
    CustomFieldsByListLoader,
    EmailByIdLoader,
    EmailsByScopeLoader,
    ListByIdLoader,
    ListsByScopeLoader,
    SegmentsByListLoader,
    SubscriberBlockLoader,
    SubscriberByEmailLoader,
    SubscriberCountLoader,
    UserBlockLoader,
    UserByIdLoader,
    UserGroupByIdLoader,
)
from mailgql.loaders.oempro_admin import AdminLoaders
from mailgql.loaders.oempro_content import ContentLoaders
from mailgql.loaders.oempro_lists import ListSideLoaders
from mailgql.platforms import Platform
from mailgql.upstreams.changes import Emptiable
from mailgql.upstreams.errors import UpstreamInvalidInput, UpstreamNotFound
from mailgql.upstreams.oempro import OemproClient

__all__ = ["PLATFORM", "OemproBase", "changing", "invalid", "not_shown", "shown"]

PLATFORM = Platform.OEMPRO

_Record = TypeVar("_Record")
_Values = TypeVar("_Values", bound=Emptiable)


def invalid(message: str, *, field: str) -> UpstreamInvalidInput:
    """A value Oempro cannot take, refused before any call; ``field`` names it (see ``writes``)."""
    return UpstreamInvalidInput(message, platform=PLATFORM, field=field)


def not_shown(what: str, number: int, *, field: str) -> UpstreamNotFound:
    """A record the login does not see, refused before any write to it."""
    return UpstreamNotFound(
        f"Oempro shows no {what} {number} to this login", platform=PLATFORM, field=field
    )


def shown(record: _Record | None, what: str, number: int, *, field: str) -> _Record:
    """``record`` as read before a write to it; :func:`not_shown` when the login sees none."""
    if record is None:
        raise not_shown(what, number, field=field)
    return record


def changing(values: _Values, what: str, *, field: str = "values") -> _Values:
    """``values`` of an update; INVALID_INPUT ("give at least one ``what`` to change") before
    any call when they change nothing."""
    if values.empty():
        raise invalid(f"give at least one {what} to change", field=field)
    return values


class OemproBase(Facade):
    """The client and the loaders of one request; the facade's parts read and write through
    them."""

    def __init__(
        self,
        client: OemproClient,
        *,
        name_field: str | None = None,
        username: str | None = None,
        shared: PlatformReads | None = None,
    ) -> None:
        self._client = client
        self._name_field = (name_field or "").strip() or None
        self._username = username
        self._lists = ListsByScopeLoader(client)
        self._list_by_id = ListByIdLoader(client)
        self._subscriber_blocks = SubscriberBlockLoader(client)
        self._subscriber_counts = SubscriberCountLoader(client, self._subscriber_blocks)
        self._subscriber_by_email = SubscriberByEmailLoader(client)
        self._custom_fields = CustomFieldsByListLoader(client)
        self._segments = SegmentsByListLoader(client)
        self._campaign_blocks = CampaignBlockLoader(client)
        self._campaign_by_id = CampaignByIdLoader(client)
        self._emails = EmailsByScopeLoader(client)
        self._email_by_id = EmailByIdLoader(client, self._emails)
        self._clients = ClientsByScopeLoader(client)
        self._user_blocks = UserBlockLoader(client)
        self._user_by_id = UserByIdLoader(client)
        self._user_groups = UserGroupByIdLoader(client)
        self._content = ContentLoaders.build(client, self._campaign_blocks)
        self._admin = AdminLoaders.build(client)
        self._list_side = ListSideLoaders.build(client)
        super().__init__(
            {
                "lists": self._lists,
                "list_by_id": self._list_by_id,
                "subscriber_counts": self._subscriber_counts,
                "subscriber_blocks": self._subscriber_blocks,
                "subscriber_by_email": self._subscriber_by_email,
                "custom_fields": self._custom_fields,
                "segments": self._segments,
                "campaign_blocks": self._campaign_blocks,
                "campaign_by_id": self._campaign_by_id,
                "emails": self._emails,
                "email_by_id": self._email_by_id,
                "clients": self._clients,
                "user_blocks": self._user_blocks,
                "user_by_id": self._user_by_id,
                "user_groups": self._user_groups,
                **self._content.by_name(),
                **self._admin.by_name(),
                **self._list_side.by_name(),
            },
            shared=shared,
        )
