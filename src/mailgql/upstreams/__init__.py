"""Adapters for the legacy APIs: wire formats, auth and quirks in, typed records and errors out."""

from mailgql.upstreams.errors import (
    UpstreamBadResponse,
    UpstreamError,
    UpstreamForbidden,
    UpstreamInvalidInput,
    UpstreamNotFound,
    UpstreamRefused,
    UpstreamTimeout,
    UpstreamUnauthenticated,
    UpstreamUnavailable,
)

__all__ = [
    "UpstreamBadResponse",
    "UpstreamError",
    "UpstreamForbidden",
    "UpstreamInvalidInput",
    "UpstreamNotFound",
    "UpstreamRefused",
    "UpstreamTimeout",
    "UpstreamUnauthenticated",
    "UpstreamUnavailable",
]
