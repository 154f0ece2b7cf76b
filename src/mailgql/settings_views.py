"""What the settings give each part of the gateway: the HTTP behaviour towards every platform,
and where and as whom it calls each one (:class:`~mailgql.settings.Settings` builds them)."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeVar

from pydantic import SecretStr

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

__all__ = [
    "HttpConfig",
    "MaxmailerConfig",
    "OemproConfig",
    "PlatformConfig",
    "Transport",
    "V2RestConfig",
    "view_of",
]

Transport = Literal["httpx", "aiohttp"]
"""What sends the upstream calls under httpx's API: its own pool, or aiohttp's (httpx-aiohttp)."""

_View = TypeVar("_View", bound="DataclassInstance")


def view_of(
    view: type[_View], source: object, prefix: str, names: Iterable[str] = (), **given: object
) -> _View:
    """``view`` with ``given``, and each other field (or each of ``names``) read from the
    attribute ``prefix + field`` of ``source``."""
    names = names or [f.name for f in dataclasses.fields(view) if f.name not in given]
    return view(**{name: getattr(source, prefix + name) for name in names}, **given)


@dataclass(frozen=True, slots=True)
class HttpConfig:
    """How the gateway talks HTTP to every legacy platform."""

    timeout: float
    connect_timeout: float
    concurrency: int
    max_connections: int
    read_retries: int
    retry_backoff: float
    transport: Transport = "aiohttp"
    breaker_failures: int = 5
    """Consecutive failures that open a platform's circuit; 0: never opens."""
    breaker_cooldown: float = 30.0
    """Seconds an open circuit refuses calls before one probe call may go."""
    clock: Callable[[], float] = time.monotonic
    """The clock of the circuit breakers (a test injects its own)."""


@dataclass(frozen=True, slots=True)
class PlatformConfig:
    """Where the gateway calls a legacy platform."""

    url: str


@dataclass(frozen=True, slots=True)
class V2RestConfig(PlatformConfig):
    """Where and as whom the gateway calls the v2 REST API."""

    username: str
    token: SecretStr


@dataclass(frozen=True, slots=True)
class MaxmailerConfig(PlatformConfig):
    """Where and as whom the gateway calls Maxmailer."""

    login_id: SecretStr | None
    list_keys: dict[str, SecretStr]


@dataclass(frozen=True, slots=True)
class OemproConfig(PlatformConfig):
    """Where and as whom the gateway calls Oempro."""

    username: str | None
    password: SecretStr | None
    api_key: SecretStr | None
    login_as: Literal["user", "admin", "client"]
    response_format: Literal["JSON", "XML"]
    ip_address: str
    name_field: str | None
    server_timezone: str = "UTC"
    """The zone of the server's clock, in which its dates are written."""
