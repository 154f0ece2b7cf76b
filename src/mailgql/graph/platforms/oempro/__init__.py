"""Oempro in the graph: users and clients by the login's kind, lists, subscribers, campaigns
and segments, each read in the session that owns it."""

from mailgql.graph.platforms.oempro.graph import OemproGraph

__all__ = ["OemproGraph"]
