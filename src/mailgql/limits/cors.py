"""Cross-origin access to ``/graphql`` for the browser origins the settings allow."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp

__all__ = ["CORS_HEADERS", "CORS_METHODS", "with_cors"]

CORS_HEADERS = ("Authorization", "Content-Type", "Idempotency-Key", "Cache-Control")
"""Request headers a browser may send cross-origin: the ones clients of the gateway send."""
CORS_METHODS = ("GET", "POST")
"""Methods a browser may use cross-origin."""
_EXPOSED = ("Retry-After", "WWW-Authenticate")


def with_cors(app: ASGIApp, origins: Sequence[str]) -> ASGIApp:
    """``app`` answering CORS requests (preflights included) from ``origins`` (``*``: any); with
    no origins, ``app`` itself, which sends no CORS headers and leaves preflights to it."""
    if not origins:
        return app
    return CORSMiddleware(
        app,
        allow_origins=list(origins),
        allow_methods=list(CORS_METHODS),
        allow_headers=list(CORS_HEADERS),
        expose_headers=list(_EXPOSED),
        max_age=600,
    )
