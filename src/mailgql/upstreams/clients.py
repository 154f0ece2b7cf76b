"""The set of upstream clients of one gateway process, opened from settings."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from mailgql.platforms import Platform
from mailgql.settings import Settings
from mailgql.upstreams.maxmailer.client import MaxmailerClient
from mailgql.upstreams.oempro.client import OemproClient
from mailgql.upstreams.v2rest.client import V2RestClient

__all__ = ["Transports", "UpstreamClients"]

Transports = dict[Platform, httpx.AsyncBaseTransport]
"""Transports to use instead of the network, per platform (tests and the demo pass these)."""


@dataclass(frozen=True, slots=True)
class UpstreamClients:
    """One pooled client per configured platform; None for a platform that is not configured."""

    v2rest: V2RestClient | None = None
    maxmailer: MaxmailerClient | None = None
    oempro: OemproClient | None = None

    @classmethod
    def open(cls, settings: Settings, transports: Transports | None = None) -> UpstreamClients:
        """Build a client for every configured platform."""
        transports = transports or {}
        v2 = settings.v2rest
        mm = settings.maxmailer
        oe = settings.oempro
        return cls(
            v2rest=(
                V2RestClient.create(v2, settings.http, transport=transports.get(Platform.V2REST))
                if v2 is not None
                else None
            ),
            maxmailer=(
                MaxmailerClient.create(
                    mm, settings.http, transport=transports.get(Platform.MAXMAILER)
                )
                if mm is not None
                else None
            ),
            oempro=(
                OemproClient.create(oe, settings.http, transport=transports.get(Platform.OEMPRO))
                if oe is not None
                else None
            ),
        )

    async def aclose(self) -> None:
        """Close every connection pool."""
        if self.v2rest is not None:
            await self.v2rest.aclose()
        if self.maxmailer is not None:
            await self.maxmailer.aclose()
        if self.oempro is not None:
            await self.oempro.aclose()
