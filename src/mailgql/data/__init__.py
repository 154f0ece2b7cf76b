"""The data facades: what each platform is asked, how its calls are grouped, and what each of
its writes makes stale. Below the graph, above the loaders and the upstream clients.

One facade per configured platform is built for every request, over fresh per-request loaders
(aiodataloader binds them to the running event loop).
"""

from __future__ import annotations

from dataclasses import dataclass

from mailgql.data._facade import Facade, Stale
from mailgql.data.maxmailer import MaxmailerData
from mailgql.data.oempro import OemproData
from mailgql.data.v2rest import V2RestData
from mailgql.settings import Settings
from mailgql.upstreams.clients import UpstreamClients

__all__ = ["Data", "Facade", "Stale", "V2RestData", "build_data"]


@dataclass(frozen=True, slots=True)
class Data:
    """The facades of one request, per platform; None where the platform is not configured."""

    v2rest: V2RestData | None
    maxmailer: MaxmailerData | None = None
    oempro: OemproData | None = None


def build_data(clients: UpstreamClients, settings: Settings) -> Data:
    """Fresh facades for one request (call inside the running event loop)."""
    in_flight = settings.upstream_concurrency
    return Data(
        v2rest=(
            V2RestData(clients.v2rest, in_flight=in_flight) if clients.v2rest is not None else None
        ),
        maxmailer=(
            MaxmailerData(clients.maxmailer, in_flight=in_flight)
            if clients.maxmailer is not None
            else None
        ),
        oempro=OemproData.build(clients.oempro, settings) if clients.oempro is not None else None,
    )
