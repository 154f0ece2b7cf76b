"""How a progress poller reads a campaign: afresh, through the platform's data facade.

Each reading opens new facades (new loaders, so nothing is remembered from the last tick) whose
reads skip the shared read cache, as a request with ``Cache-Control: no-cache`` does: a
``MAILGQL_CACHE_TTL`` never freezes the numbers, and what is read refreshes the cache for
everyone else. The reading runs in its own upstream scope (``MAILGQL_REQUEST_DEADLINE``,
``MAILGQL_MAX_UPSTREAM_CALLS``), and through the platform's breaker, like any operation.
"""

from __future__ import annotations

from collections.abc import Callable

from mailgql.data import Data
from mailgql.graph.campaigns import CampaignDetails
from mailgql.graph.errors import NotFound
from mailgql.graph.progress.hub import ReadCampaign, WatchKey
from mailgql.settings import Settings
from mailgql.upstreams.scope import call_scope

__all__ = ["OpenData", "campaign_reader"]

OpenData = Callable[[str | None], tuple[Settings, Data]]
"""A tenant's settings and fresh data facades that bypass the shared read cache (None: the
main settings' platforms)."""


def campaign_reader(open_data: OpenData) -> ReadCampaign:
    """The reading of a :class:`WatchKey` with facades from ``open_data``."""

    async def read(key: WatchKey) -> CampaignDetails:
        # Imported here: the platforms build the graph types this package's field returns.
        from mailgql.graph.platforms import PLATFORMS

        settings, data = open_data(key.tenant)
        with call_scope(seconds=settings.request_deadline, max_calls=settings.max_upstream_calls):
            details = await PLATFORMS[key.platform].campaign_progress(data, key.key)
        if details is None:
            raise NotFound(
                f"{key.platform.label} shows no campaign {key.key!r}", platform=key.platform
            )
        return details

    return read
