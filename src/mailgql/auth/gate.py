"""The door of ``/graphql``: who is asking (authentication), and whether they may ask now (rate
limits), before anything else looks at the request — the answer cache included.

One :class:`Gate` per app. With keys configured, a request needs ``Authorization: Bearer
<key>``; without, the gateway is open and everyone is :data:`~mailgql.auth.principal.OPEN`.
Either way the request then takes a token from its bucket: its key's, or (open) its client
address's. What it was admitted as is bound to the connection
(:func:`~mailgql.auth.principal.bind`) for the context getter, the answer cache and the
mutation check. A refusal is a :class:`Refused`, which the view turns into a GraphQL error
response (401 with ``WWW-Authenticate: Bearer``, or 429 with ``Retry-After``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from starlette.requests import HTTPConnection

from mailgql.auth.keys import KeyRefusal, KeyRing
from mailgql.auth.principal import OPEN, Principal, bind
from mailgql.auth.rate import RateLimiter, retry_after

__all__ = ["FORBIDDEN", "RATE_LIMITED", "UNAUTHENTICATED", "Gate", "Refused"]

logger = logging.getLogger("mailgql.auth")

UNAUTHENTICATED = "UNAUTHENTICATED"
FORBIDDEN = "FORBIDDEN"
RATE_LIMITED = "RATE_LIMITED"

_REALM = 'Bearer realm="mailgql"'


class Refused(Exception):
    """A request the gate turns away: its status, ``extensions.code``, message and headers."""

    def __init__(
        self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


class Gate:
    """Authentication (``keys``; None: open) and rate limits (``limiter``; None: none)."""

    def __init__(self, keys: KeyRing | None, limiter: RateLimiter | None) -> None:
        self.keys = keys if keys is not None and len(keys) else None
        self.limiter = limiter

    @property
    def open(self) -> bool:
        """Whether every caller is admitted without a key."""
        return self.keys is None

    async def admit(self, connection: HTTPConnection) -> Principal:
        """Admit an HTTP request by its ``Authorization`` header; Refused if not admitted."""
        principal = self._authenticate(connection, connection.headers.get("authorization"))
        await self._limit(connection, principal)
        bind(connection, principal)
        return principal

    async def admit_connection(
        self, connection: HTTPConnection, params: Mapping[str, object] | None
    ) -> Principal:
        """Admit a WebSocket at its ``connection_init``: the key in the upgrade's
        ``Authorization`` header, or else in the payload's (``{"Authorization": "Bearer …"}``)."""
        header = connection.headers.get("authorization")
        if not header and params:
            value = params.get("Authorization", params.get("authorization"))
            header = value if isinstance(value, str) else None
        principal = self._authenticate(connection, header)
        await self._limit(connection, principal)
        bind(connection, principal)
        return principal

    def _authenticate(self, connection: HTTPConnection, header: str | None) -> Principal:
        if self.keys is None:
            return OPEN
        try:
            return self.keys.authenticate(header)
        except KeyRefusal as refusal:
            logger.info("refused a request from %s: %s", _address(connection), refusal.reason)
            if refusal.presented:
                message = "the API key is not valid"
                challenge = f'{_REALM}, error="invalid_token"'
            else:
                message = "an API key is required: send Authorization: Bearer <key>"
                challenge = _REALM
            raise Refused(401, UNAUTHENTICATED, message, {"WWW-Authenticate": challenge}) from None

    async def _limit(self, connection: HTTPConnection, principal: Principal) -> None:
        if self.limiter is None:
            return
        subject = (
            f"key:{principal.key_id}"
            if principal.key_id is not None
            else f"addr:{_address(connection)}"
        )
        wait = await self.limiter.take(subject)
        if wait > 0:
            seconds = retry_after(wait)
            logger.info("rate limited %s for %d s", principal.describe(), seconds)
            raise Refused(
                429,
                RATE_LIMITED,
                f"too many requests: retry in {seconds} s",
                {"Retry-After": str(seconds)},
            )


def _address(connection: HTTPConnection) -> str:
    client = connection.client
    return client.host if client is not None else "unknown"
