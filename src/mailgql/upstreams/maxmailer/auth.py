"""Maxmailer authentication: one credential parameter in the form body of every request.

The admin API takes the caller's ``login_id``, the subscription API a list's ``apikey``. Both go
in the POSTed form, never in the URL, so no access log or proxy on the way records them.
"""

from __future__ import annotations

from collections.abc import Generator
from urllib.parse import parse_qsl, urlencode

import httpx
from pydantic import SecretStr

__all__ = ["FormCredentialAuth", "list_key_auth", "login_id_auth"]


class FormCredentialAuth(httpx.Auth):
    """Adds one credential field to a form-encoded request body."""

    requires_request_body = True

    def __init__(self, field: str, secret: SecretStr) -> None:
        self._field = field
        self._secret = secret

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._field}=***)"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Send the request again with the credential added to its form body."""
        pairs = parse_qsl(request.content.decode("utf-8"), keep_blank_values=True)
        pairs = [(k, v) for k, v in pairs if k != self._field]
        pairs.append((self._field, self._secret.get_secret_value()))
        headers = request.headers.copy()
        headers.pop("Content-Length", None)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        yield httpx.Request(
            request.method,
            request.url,
            headers=headers,
            content=urlencode(pairs).encode("utf-8"),
            extensions=request.extensions,
        )


def login_id_auth(login_id: SecretStr) -> FormCredentialAuth:
    """Credentials of the admin API."""
    return FormCredentialAuth("login_id", login_id)


def list_key_auth(api_key: SecretStr) -> FormCredentialAuth:
    """Credentials of one list's subscription API."""
    return FormCredentialAuth("apikey", api_key)
