"""The one way the graph chooses a platform: ``platform_graph(info, platform)``."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from mailgql.graph.context import Info
from mailgql.graph.errors import PlatformNotConfigured
from mailgql.platforms import Platform

if TYPE_CHECKING:
    from mailgql.graph.platforms import PlatformGraph

__all__ = ["configured_platforms", "platform_graph", "platform_part"]

G = TypeVar("G")


def platform_graph(info: Info, platform: Platform) -> PlatformGraph:
    """The platform's part of the graph; PLATFORM_NOT_CONFIGURED when the gateway lacks it."""
    # Imported here: the platforms build the graph types whose resolvers call this function.
    from mailgql.graph.platforms import PLATFORMS

    if platform not in info.context.configured or platform not in PLATFORMS:
        raise PlatformNotConfigured(platform)
    return PLATFORMS[platform]


def platform_part(info: Info, platform: Platform, kind: type[G]) -> G | None:
    """The platform's part of the graph when it answers ``kind`` (such as ``EmailGraph``); None
    on a platform without it. PLATFORM_NOT_CONFIGURED as for :func:`platform_graph`."""
    graph = platform_graph(info, platform)
    return graph if isinstance(graph, kind) else None


def configured_platforms(info: Info) -> list[PlatformGraph]:
    """Every configured platform's part of the graph, in merge order."""
    from mailgql.graph.platforms import PLATFORMS

    return [graph for platform, graph in PLATFORMS.items() if platform in info.context.configured]
