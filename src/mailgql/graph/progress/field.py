"""``campaignProgress``: a campaign's statistics, pushed when they change while it sends."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, cast

import strawberry

from mailgql.auth.principal import principal_of
from mailgql.graph.campaigns import CampaignStats
from mailgql.graph.context import Info
from mailgql.graph.errors import ErrorCode, GraphError, PlatformNotConfigured
from mailgql.graph.ids import decode_id
from mailgql.graph.progress.hub import ProgressHub, WatchKey

__all__ = ["PROGRESS_STATE", "ProgressSubscription", "progress_hub"]

PROGRESS_STATE = "mailgql_progress"
"""The attribute of the app's ``state`` that holds its :class:`ProgressHub`."""


class _Unauthenticated(GraphError):
    code = ErrorCode.UNAUTHENTICATED


def progress_hub(info: Info) -> ProgressHub:
    """The app's hub of campaign pollers."""
    hub = getattr(info.context.request.app.state, PROGRESS_STATE, None)
    if not isinstance(hub, ProgressHub):
        raise RuntimeError("the app was built without a progress hub")
    return hub


@strawberry.type(description="Live campaign progress.")
class ProgressSubscription:
    """The ``campaignProgress`` stream."""

    @strawberry.subscription(
        description="The campaign's statistics now, then again each time they change, read "
        "from its platform every MAILGQL_PROGRESS_INTERVAL seconds (one reading per campaign "
        "however many clients watch it). Completes once the campaign is COMPLETED, FAILED or "
        "STOPPED: the last statistics sent are then final. Refused before any event with "
        "BAD_USER_INPUT for an ID that is not a campaign's, NOT_FOUND for a campaign the "
        "platform does not show (v2 REST has no campaigns), or the platform's error when it "
        "cannot be read. While it runs, a failed reading is sent once as an event with a null "
        "value and the error (UPSTREAM_TIMEOUT, UPSTREAM_UNAVAILABLE...); the readings go on, "
        "and the next good one is sent even if unchanged. A campaign deleted meanwhile ends "
        "the stream with NOT_FOUND. Past MAILGQL_PROGRESS_MAX_CAMPAIGNS campaigns or "
        "MAILGQL_PROGRESS_MAX_WATCHES subscriptions at once: TOO_MANY_SUBSCRIPTIONS."
    )
    async def campaign_progress(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID,
            strawberry.argument(description="The campaign's global ID (`Campaign.id`)."),
        ],
    ) -> AsyncIterator[CampaignStats]:
        """Check the ID and read the campaign now, so that a refusal comes before any event."""
        decoded = decode_id(id, expect="Campaign", field=("id",))
        principal = principal_of(info.context.request)
        if principal is None:  # every admitted role (reader and up) may watch
            raise _Unauthenticated("this connection was not admitted: send an API key")
        if decoded.platform not in info.context.configured:
            raise PlatformNotConfigured(decoded.platform)
        key = WatchKey(principal.tenant, decoded.platform, decoded.key)
        watch = await progress_hub(info).watch(key)
        # An error the watch yields is that event's error: graphql-core raises an Exception
        # item where the field's value would be, so the event carries it at this field's path.
        return cast("AsyncIterator[CampaignStats]", watch)
