"""v2 REST in the graph: the admin, its sub-accounts, and the lists, segments and newsletters
they inherit."""

from mailgql.graph.platforms.v2rest.graph import V2RestGraph

__all__ = ["V2RestGraph"]
