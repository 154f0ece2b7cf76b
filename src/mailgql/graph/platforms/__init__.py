"""Each platform's part of the graph: one :class:`PlatformGraph` per platform, in one registry."""

from __future__ import annotations

from mailgql.graph.platforms.base import NotSupported, PlatformGraph
from mailgql.graph.platforms.maxmailer import MaxmailerGraph
from mailgql.graph.platforms.oempro import OemproGraph
from mailgql.graph.platforms.v2rest import V2RestGraph
from mailgql.platforms import Platform

__all__ = ["PLATFORMS", "NotSupported", "PlatformGraph"]

PLATFORMS: dict[Platform, PlatformGraph] = {
    Platform.V2REST: V2RestGraph(),
    Platform.MAXMAILER: MaxmailerGraph(),
    Platform.OEMPRO: OemproGraph(),
}
"""The platforms the graph knows how to serve, in the order cross-platform fields merge them."""
