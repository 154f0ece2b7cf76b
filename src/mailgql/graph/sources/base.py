"""What each platform contributes to the root fields."""

from __future__ import annotations

from typing import Protocol

from mailgql.graph.accounts import Account
from mailgql.graph.campaigns import Campaign
from mailgql.graph.context import Info
from mailgql.graph.node import Node
from mailgql.graph.pagination import Connection, Window
from mailgql.platforms import Platform

__all__ = ["PlatformSource"]


class PlatformSource(Protocol):
    """One platform's answers to the root fields."""

    platform: Platform

    async def me(self, info: Info) -> Account | None:
        """The account whose credentials the gateway uses."""
        ...

    async def accounts(self, info: Info, window: Window) -> Connection[Account]:
        """Every account visible to the gateway's credentials."""
        ...

    async def campaigns(self, info: Info, window: Window) -> Connection[Campaign]:
        """Every campaign visible to the gateway's credentials."""
        ...

    async def node(self, info: Info, type_name: str, key: str) -> Node | None:
        """The object a global ID names, or None if it does not exist."""
        ...
