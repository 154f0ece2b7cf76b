"""Maxmailer in the graph: users and resellers by the Login ID's role, campaigns, lists."""

from mailgql.graph.platforms.maxmailer.graph import MaxmailerGraph

__all__ = ["MaxmailerGraph"]
