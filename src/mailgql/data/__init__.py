"""The data facades: what each platform is asked, how its calls are grouped, and what each of
its writes makes stale. Below the graph, above the loaders and the upstream clients.

One facade per configured platform is built for every request, over fresh per-request loaders
(aiodataloader binds them to the running event loop).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from mailgql.cache.reads import PlatformReads, RequestReads
from mailgql.data._facade import Facade, Stale
from mailgql.data.maxmailer import MaxmailerData
from mailgql.data.oempro import OemproData
from mailgql.data.v2rest import V2RestData
from mailgql.platforms import Platform
from mailgql.settings import Settings
from mailgql.upstreams.breaker import PlatformHealth
from mailgql.upstreams.clients import UpstreamClients

__all__ = ["Data", "Facade", "Stale", "V2RestData", "build_data"]


@dataclass(frozen=True, slots=True)
class Data:
    """The facades of one request, per platform; None where the platform is not configured."""

    v2rest: V2RestData | None
    maxmailer: MaxmailerData | None = None
    oempro: OemproData | None = None
    health: Mapping[Platform, PlatformHealth] = field(default_factory=dict)
    """Per configured platform: its breaker, latest failure, latency and calls in flight."""

    def kinds(self) -> dict[Platform, frozenset[str]]:
        """Per configured platform, the kinds of record its facade reads."""
        facades: dict[Platform, Facade | None] = {
            Platform.V2REST: self.v2rest,
            Platform.MAXMAILER: self.maxmailer,
            Platform.OEMPRO: self.oempro,
        }
        return {p: f.kinds for p, f in facades.items() if f is not None}


def build_data(
    clients: UpstreamClients, settings: Settings, reads: RequestReads | None = None
) -> Data:
    """Fresh facades for one request (call inside the running event loop); with ``reads``,
    their loaders share reads across requests, each platform under its credentials."""

    def shared(platform: Platform) -> PlatformReads | None:
        if reads is None:
            return None
        return reads.platform(platform, clients.fingerprints.get(platform, ""))

    in_flight = settings.upstream_concurrency
    return Data(
        v2rest=(
            V2RestData(clients.v2rest, in_flight=in_flight, shared=shared(Platform.V2REST))
            if clients.v2rest is not None
            else None
        ),
        maxmailer=(
            MaxmailerData(clients.maxmailer, in_flight=in_flight, shared=shared(Platform.MAXMAILER))
            if clients.maxmailer is not None
            else None
        ),
        oempro=(
            OemproData.build(clients.oempro, settings, shared=shared(Platform.OEMPRO))
            if clients.oempro is not None
            else None
        ),
        health=clients.health(),
    )
