"""The Oempro data facade: every read and write the graph asks of Oempro, for one request.

Reads go through per-request loaders keyed by what identifies a record or a listing (see
:mod:`mailgql.loaders.oempro`): unpaged listings are read whole, paged ones in blocks, windows
are cut here. Every user-scope read takes ``as_user``: None for the login's own session, or the
user an admin login reads as (``sessions``). The parts, by domain:

- ``sessions``: who the login is (:class:`OemproLogin`), scopes, users, user groups, clients;
- ``lists``: lists, counts, subscribers, custom fields and names;
- ``campaigns``: campaigns and the emails that hold their subjects;
- ``segments``: segments per list, and a segment by its id alone;
- ``writes`` and ``campaign_writes``: every write, each declaring what it makes stale
  (``stale``), with Oempro's own rules checked before any call.
"""

from __future__ import annotations

from mailgql.cache.reads import PlatformReads
from mailgql.data.oempro.admin_area import AdminAreaData
from mailgql.data.oempro.auto_responders import AutoResponderWrites
from mailgql.data.oempro.campaign_writes import CampaignContent, CampaignDraft, CampaignWrites
from mailgql.data.oempro.content import ContentData
from mailgql.data.oempro.custom_fields import CustomFieldWrites
from mailgql.data.oempro.list_integration import ListIntegrationData
from mailgql.data.oempro.list_upkeep import ListUpkeep
from mailgql.data.oempro.sessions import CallerKind, OemproLogin
from mailgql.data.oempro.writes import ListSettings, ListWrites, NewSegment
from mailgql.loaders.oempro_keys import OWN_SESSION, Scope
from mailgql.settings import Settings
from mailgql.upstreams.oempro import OemproClient

__all__ = [
    "OWN_SESSION",
    "CampaignContent",
    "CampaignDraft",
    "OemproLogin",
    "CallerKind",
    "ListSettings",
    "NewSegment",
    "OemproData",
    "Scope",
]


class OemproData(
    ListWrites,
    CampaignWrites,
    CustomFieldWrites,
    AutoResponderWrites,
    ListIntegrationData,
    ListUpkeep,
    ContentData,
    AdminAreaData,
):
    """Oempro's reads and writes during one request.

    Built with the request's client, and optionally the custom field that holds subscriber
    names (MAILGQL_OEMPRO_NAME_FIELD) and the configured login name (MAILGQL_OEMPRO_USERNAME).
    """

    @classmethod
    def build(
        cls, client: OemproClient, settings: Settings, *, shared: PlatformReads | None = None
    ) -> OemproData:
        """Fresh loaders over ``client`` for one request, with the settings that shape reads
        (and the reads shared across requests, if given)."""
        return cls(
            client,
            name_field=settings.oempro_name_field,
            username=settings.oempro_username,
            shared=shared,
        )
