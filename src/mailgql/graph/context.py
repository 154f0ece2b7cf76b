"""The per-request context: the request itself, settings, fresh data facades, and
fan-out errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeAlias

import strawberry
from starlette.requests import HTTPConnection
from starlette.responses import Response

from mailgql.cache.reads import RequestReads
from mailgql.data import Data, V2RestData
from mailgql.data.maxmailer import MaxmailerData
from mailgql.data.oempro import OemproData
from mailgql.graph.errors import PlatformNotConfigured
from mailgql.platforms import Platform
from mailgql.settings import Settings

__all__ = ["Context", "Info", "PartialError", "build_context"]


@dataclass(frozen=True, slots=True)
class PartialError:
    """An error to report next to partial data (one platform of a fan-out failed)."""

    error: Exception
    path: tuple[str | int, ...]


@dataclass
class Context:
    """Everything a resolver may use during one request (or one WebSocket connection)."""

    settings: Settings
    data: Data
    """The platforms' data facades for this request."""
    request: HTTPConnection
    """The HTTP request, or the WebSocket: headers, query string, client address."""
    response: Response | None = None
    """Headers and status set here go out with the HTTP answer; None on a WebSocket."""
    connection_params: dict[str, object] | None = None
    """The payload of a WebSocket's ``connection_init`` (set by Strawberry); None over HTTP."""
    partial_errors: list[PartialError] = field(default_factory=list)
    reads: RequestReads | None = None
    """What the request read through the caches shared across requests (None: no caches)."""

    @cached_property
    def configured(self) -> list[Platform]:
        """Platforms this gateway can reach (read from the settings once per request)."""
        return self.settings.configured()

    def v2rest(self) -> V2RestData:
        """The v2 REST facade, or PLATFORM_NOT_CONFIGURED."""
        if self.data.v2rest is None:
            raise PlatformNotConfigured(Platform.V2REST)
        return self.data.v2rest

    def maxmailer(self) -> MaxmailerData:
        """The Maxmailer facade, or PLATFORM_NOT_CONFIGURED."""
        if self.data.maxmailer is None:
            raise PlatformNotConfigured(Platform.MAXMAILER)
        return self.data.maxmailer

    def oempro(self) -> OemproData:
        """The Oempro facade, or PLATFORM_NOT_CONFIGURED."""
        if self.data.oempro is None:
            raise PlatformNotConfigured(Platform.OEMPRO)
        return self.data.oempro


Info: TypeAlias = strawberry.Info[Context, None]


def build_context(
    settings: Settings,
    data: Data,
    *,
    request: HTTPConnection,
    response: Response | None = None,
    reads: RequestReads | None = None,
) -> Context:
    """A fresh context (call inside the running event loop: loaders bind to it)."""
    return Context(
        settings=settings,
        data=data,
        request=request,
        response=response,
        reads=reads,
    )
