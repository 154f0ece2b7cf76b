"""Each platform's part of the graph, behind one registry."""

from __future__ import annotations

from mailgql.graph.sources.base import PlatformSource
from mailgql.graph.sources.maxmailer import MaxmailerSource
from mailgql.graph.sources.oempro import OemproSource
from mailgql.graph.sources.v2rest import V2RestSource
from mailgql.platforms import Platform

__all__ = ["SOURCES", "PlatformSource"]

SOURCES: dict[Platform, PlatformSource] = {
    Platform.V2REST: V2RestSource(),
    Platform.MAXMAILER: MaxmailerSource(),
    Platform.OEMPRO: OemproSource(),
}
"""The platforms the graph knows how to serve."""
