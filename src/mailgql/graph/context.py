"""The per-request context: settings, upstream clients, fresh loaders, and fan-out errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeAlias

import strawberry

from mailgql.graph.errors import PlatformNotConfigured
from mailgql.loaders import (
    Loaders,
    MaxmailerLoaders,
    OemproLoaders,
    V2RestLoaders,
    build_loaders,
)
from mailgql.platforms import Platform
from mailgql.settings import Settings
from mailgql.upstreams.clients import UpstreamClients

__all__ = ["Context", "Info", "PartialError", "build_context"]


@dataclass(frozen=True, slots=True)
class PartialError:
    """An error to report next to partial data (one platform of a fan-out failed)."""

    error: Exception
    path: tuple[str | int, ...]


@dataclass
class Context:
    """Everything a resolver may use during one request."""

    settings: Settings
    clients: UpstreamClients
    loaders: Loaders
    partial_errors: list[PartialError] = field(default_factory=list)

    @property
    def configured(self) -> list[Platform]:
        """Platforms this gateway can reach."""
        return self.settings.configured()

    def v2rest(self) -> V2RestLoaders:
        """The v2 loaders, or PLATFORM_NOT_CONFIGURED."""
        if self.loaders.v2rest is None:
            raise PlatformNotConfigured(Platform.V2REST)
        return self.loaders.v2rest

    def maxmailer(self) -> MaxmailerLoaders:
        """The Maxmailer loaders, or PLATFORM_NOT_CONFIGURED."""
        if self.loaders.maxmailer is None:
            raise PlatformNotConfigured(Platform.MAXMAILER)
        return self.loaders.maxmailer

    def oempro(self) -> OemproLoaders:
        """The Oempro loaders, or PLATFORM_NOT_CONFIGURED."""
        if self.loaders.oempro is None:
            raise PlatformNotConfigured(Platform.OEMPRO)
        return self.loaders.oempro


Info: TypeAlias = strawberry.Info[Context, None]


def build_context(settings: Settings, clients: UpstreamClients) -> Context:
    """A fresh context (call inside the running event loop: loaders bind to it)."""
    return Context(settings=settings, clients=clients, loaders=build_loaders(clients))
