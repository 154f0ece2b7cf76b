"""Per-request DataLoaders: the only place that decides how upstream reads are grouped.

Every upstream read goes through a loader, so the same read in one request runs once. Writes
call the clients directly and then clear the loader entries they changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from mailgql.loaders.maxmailer import MaxmailerLoaders
from mailgql.loaders.oempro import OemproLoaders
from mailgql.loaders.v2rest import V2RestLoaders
from mailgql.upstreams.clients import UpstreamClients

__all__ = ["Loaders", "MaxmailerLoaders", "OemproLoaders", "V2RestLoaders", "build_loaders"]


@dataclass(frozen=True, slots=True)
class Loaders:
    """The loaders of one request, per platform; None where the platform is not configured."""

    v2rest: V2RestLoaders | None
    maxmailer: MaxmailerLoaders | None = None
    oempro: OemproLoaders | None = None


def build_loaders(clients: UpstreamClients) -> Loaders:
    """Fresh loaders for one request (call inside the running event loop)."""
    return Loaders(
        v2rest=V2RestLoaders.build(clients.v2rest) if clients.v2rest is not None else None,
        maxmailer=(
            MaxmailerLoaders.build(clients.maxmailer) if clients.maxmailer is not None else None
        ),
        oempro=OemproLoaders.build(clients.oempro) if clients.oempro is not None else None,
    )
