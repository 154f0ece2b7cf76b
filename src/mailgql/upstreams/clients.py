"""The set of upstream clients of one gateway process, opened from settings."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import httpx
from pydantic import SecretStr

from mailgql.cache.keys import fingerprint
from mailgql.platforms import Platform
from mailgql.settings import Settings
from mailgql.upstreams.breaker import PlatformHealth
from mailgql.upstreams.maxmailer.client import MaxmailerClient
from mailgql.upstreams.oempro.client import OemproClient
from mailgql.upstreams.v2rest.client import V2RestClient

__all__ = ["Transports", "UpstreamClients", "credential_fingerprints"]

Transports = dict[Platform, httpx.AsyncBaseTransport]
"""Transports to use instead of the network, per platform (tests and the demo pass these)."""


def _secret(value: SecretStr | None) -> str | None:
    return None if value is None else value.get_secret_value()


def credential_fingerprints(settings: Settings) -> dict[Platform, str]:
    """Per configured platform, a digest of where and as whom the gateway calls it."""
    found: dict[Platform, str] = {}
    if (v2 := settings.v2rest) is not None:
        found[Platform.V2REST] = fingerprint(v2.url, v2.username, _secret(v2.token))
    if (mm := settings.maxmailer) is not None:
        keys = sorted((name, key.get_secret_value()) for name, key in mm.list_keys.items())
        found[Platform.MAXMAILER] = fingerprint(
            mm.url, _secret(mm.login_id), *(part for pair in keys for part in pair)
        )
    if (oe := settings.oempro) is not None:
        found[Platform.OEMPRO] = fingerprint(
            oe.url, oe.login_as, oe.username, _secret(oe.password), _secret(oe.api_key)
        )
    return found


@dataclass(frozen=True, slots=True)
class UpstreamClients:
    """One pooled client per configured platform; None for a platform that is not configured."""

    v2rest: V2RestClient | None = None
    maxmailer: MaxmailerClient | None = None
    oempro: OemproClient | None = None
    fingerprints: Mapping[Platform, str] = field(default_factory=dict)
    """Per platform, a one-way digest of the credentials these clients use: cached reads are
    kept apart by it, so one set of credentials never reads another's."""

    @classmethod
    def open(
        cls,
        settings: Settings,
        transports: Transports | None = None,
        *,
        clock: Callable[[], float] | None = None,
    ) -> UpstreamClients:
        """Build a client for every configured platform; ``clock`` replaces the monotonic clock
        of their circuit breakers (a test's)."""
        transports = transports or {}
        http = settings.http if clock is None else replace(settings.http, clock=clock)
        v2 = settings.v2rest
        mm = settings.maxmailer
        oe = settings.oempro
        return cls(
            v2rest=(
                V2RestClient.create(v2, http, transport=transports.get(Platform.V2REST))
                if v2 is not None
                else None
            ),
            maxmailer=(
                MaxmailerClient.create(mm, http, transport=transports.get(Platform.MAXMAILER))
                if mm is not None
                else None
            ),
            oempro=(
                OemproClient.create(oe, http, transport=transports.get(Platform.OEMPRO))
                if oe is not None
                else None
            ),
            fingerprints=credential_fingerprints(settings),
        )

    def health(self) -> dict[Platform, PlatformHealth]:
        """Per configured platform, what its send path knows of it (breaker, latest failure,
        latency, calls in flight)."""
        clients: dict[Platform, V2RestClient | MaxmailerClient | OemproClient | None] = {
            Platform.V2REST: self.v2rest,
            Platform.MAXMAILER: self.maxmailer,
            Platform.OEMPRO: self.oempro,
        }
        return {p: c.health for p, c in clients.items() if c is not None}

    async def aclose(self) -> None:
        """Close every connection pool."""
        if self.v2rest is not None:
            await self.v2rest.aclose()
        if self.maxmailer is not None:
            await self.maxmailer.aclose()
        if self.oempro is not None:
            await self.oempro.aclose()
