"""``GET /metrics``: the Prometheus text, behind its own door.

Who may read it (the series name operations, platforms and commands, so it is not served to
just anyone):

- with ``MAILGQL_METRICS_TOKEN`` set: a scraper sending ``Authorization: Bearer <that token>``;
- otherwise, with API keys configured: an ``admin`` key;
- otherwise (an open gateway: ``mailgql demo``, ``serve --insecure-no-auth``): anyone.

``MAILGQL_METRICS=false`` takes the route away (404).
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable

from pydantic import SecretStr
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from mailgql.auth.keys import KeyRefusal, KeyRing
from mailgql.auth.roles import Role
from mailgql.telemetry.metrics import CONTENT_TYPE, render

__all__ = ["metrics_endpoint"]

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="mailgql-metrics"'}


def _refusal(status: int, message: str) -> Response:
    headers = _CHALLENGE if status == 401 else None
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def metrics_endpoint(
    *,
    token: SecretStr | None,
    keys: KeyRing | None,
    refresh: Callable[[], None] | None = None,
) -> Callable[[Request], Awaitable[Response]]:
    """The ``/metrics`` handler: ``token`` (a scrape token) or else ``keys`` (an admin key)
    guard it, neither: open. ``refresh`` runs before each read (values read at scrape time)."""
    secret = token.get_secret_value().encode() if token is not None else None

    async def metrics(request: Request) -> Response:
        header = request.headers.get("authorization")
        if secret is not None:
            scheme, _, presented = (header or "").strip().partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(
                presented.strip().encode(), secret
            ):
                return _refusal(401, "send Authorization: Bearer <MAILGQL_METRICS_TOKEN>")
        elif keys is not None:
            try:
                principal = keys.authenticate(header)
            except KeyRefusal:
                return _refusal(401, "send Authorization: Bearer <an admin API key>")
            if not principal.role.allows(Role.ADMIN):
                return _refusal(403, "/metrics needs an admin key or MAILGQL_METRICS_TOKEN")
        if refresh is not None:
            refresh()
        return Response(render(), media_type=CONTENT_TYPE)

    return metrics
