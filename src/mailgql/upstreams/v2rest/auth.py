"""v2 REST authentication: two headers on every request."""

from __future__ import annotations

from collections.abc import Generator

import httpx
from pydantic import SecretStr

__all__ = ["V2RestAuth"]


class V2RestAuth(httpx.Auth):
    """Adds ``Apiusername`` and ``Apitoken`` to every request."""

    def __init__(self, username: str, token: SecretStr) -> None:
        self._username = username
        self._token = token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Set the two credential headers."""
        request.headers["Apiusername"] = self._username
        request.headers["Apitoken"] = self._token.get_secret_value()
        yield request
