"""Request errors: a request the endpoint will not execute, the status it earns, its body."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cross_web import HTTPException

from mailgql.graph.errors import ErrorCode

__all__ = [
    "METHOD_NOT_ALLOWED",
    "NOT_ACCEPTABLE",
    "PAYLOAD_TOO_LARGE",
    "UNSUPPORTED_MEDIA_TYPE",
    "RequestError",
    "as_request_error",
    "with_code",
]

METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
NOT_ACCEPTABLE = "NOT_ACCEPTABLE"
PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"
UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"

# For the HTTPExceptions Strawberry raises itself, which carry a status but no code.
_CODES = {
    405: METHOD_NOT_ALLOWED,
    406: NOT_ACCEPTABLE,
    413: PAYLOAD_TOO_LARGE,
    415: UNSUPPORTED_MEDIA_TYPE,
}


class RequestError(HTTPException):
    """A request that cannot be executed, with its status, ``extensions.code`` and headers.

    An ``HTTPException`` as Strawberry's view knows it, so that it leaves ``run()`` the way
    Strawberry's own refusals do.
    """

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str = ErrorCode.BAD_USER_INPUT,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(status, message)
        self.code = code
        self.headers = dict(headers or {})

    @property
    def body(self) -> dict[str, Any]:
        """The GraphQL response for it: one error, no ``data``."""
        return {"errors": [{"message": self.reason, "extensions": {"code": self.code}}]}


def as_request_error(exc: HTTPException) -> RequestError:
    """Ours as it is; one of Strawberry's with the code its status implies."""
    if isinstance(exc, RequestError):
        return exc
    code = _CODES.get(exc.status_code, ErrorCode.BAD_USER_INPUT)
    return RequestError(exc.status_code, exc.reason, code=code)


def with_code(error: Mapping[str, Any], default: str) -> dict[str, Any]:
    """A formatted error whose ``extensions.code`` is set (to ``default`` when it had none)."""
    extensions = dict(error.get("extensions") or {})
    extensions.setdefault("code", default)
    return {**error, "extensions": extensions}
