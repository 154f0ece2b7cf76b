"""Errors the graph reports, and how every error reaches a client.

Two kinds of failure reach clients:

- ``errors[]`` entries with ``extensions`` ``{code, platform?, legacyCode?, legacyMessage?,
  httpStatus?}``, for failed reads and system failures;
- ``userErrors`` in mutation payloads, for expected refusals (bad input, not found, forbidden).

Anything that is neither a :class:`GraphError` nor an upstream error is masked: the client sees
``INTERNAL_SERVER_ERROR`` and the details go to the log.
"""

from __future__ import annotations

from typing import Any

import strawberry

from mailgql.platforms import Platform
from mailgql.upstreams.errors import (
    UpstreamBadResponse,
    UpstreamError,
    UpstreamForbidden,
    UpstreamInvalidInput,
    UpstreamNotFound,
    UpstreamTimeout,
    UpstreamUnauthenticated,
    UpstreamUnavailable,
)

__all__ = [
    "BadUserInput",
    "ErrorCode",
    "Forbidden",
    "GraphError",
    "NotFound",
    "PlatformNotConfigured",
    "UserError",
    "extensions_for",
    "upstream_code",
    "user_error_from",
]


class ErrorCode:
    """The fixed vocabulary of ``extensions.code`` and ``UserError.code``."""

    BAD_USER_INPUT = "BAD_USER_INPUT"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    PLATFORM_NOT_CONFIGURED = "PLATFORM_NOT_CONFIGURED"
    UPSTREAM_ERROR = "UPSTREAM_ERROR"
    UPSTREAM_UNAVAILABLE = "UPSTREAM_UNAVAILABLE"
    UPSTREAM_TIMEOUT = "UPSTREAM_TIMEOUT"
    UPSTREAM_BAD_RESPONSE = "UPSTREAM_BAD_RESPONSE"
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


class GraphError(Exception):
    """An error the graph raises on purpose, with its code and where it applies."""

    code = ErrorCode.BAD_USER_INPUT

    def __init__(
        self,
        message: str,
        *,
        platform: Platform | None = None,
        field: tuple[str, ...] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.platform = platform
        self.field = field

    @property
    def extensions(self) -> dict[str, Any]:
        """What ``errors[].extensions`` shows for this error."""
        out: dict[str, Any] = {"code": self.code}
        if self.platform is not None:
            out["platform"] = self.platform.name
        if self.field is not None:
            out["field"] = list(self.field)
        return out


class BadUserInput(GraphError):
    """The client sent something the graph cannot use."""

    code = ErrorCode.BAD_USER_INPUT


class NotFound(GraphError):
    """The object asked for does not exist, or is not visible to the gateway."""

    code = ErrorCode.NOT_FOUND


class Forbidden(GraphError):
    """The gateway's credentials on that platform may not do this."""

    code = ErrorCode.FORBIDDEN


class PlatformNotConfigured(GraphError):
    """The platform asked for has no URL configured."""

    code = ErrorCode.PLATFORM_NOT_CONFIGURED

    def __init__(self, platform: Platform) -> None:
        super().__init__(
            f"{platform.label} is not configured on this gateway; "
            f"set MAILGQL_{platform.name}_URL and its credentials",
            platform=platform,
        )


_UPSTREAM_CODES: tuple[tuple[type[UpstreamError], str], ...] = (
    (UpstreamUnavailable, ErrorCode.UPSTREAM_UNAVAILABLE),
    (UpstreamTimeout, ErrorCode.UPSTREAM_TIMEOUT),
    (UpstreamBadResponse, ErrorCode.UPSTREAM_BAD_RESPONSE),
    (UpstreamUnauthenticated, ErrorCode.UNAUTHENTICATED),
    (UpstreamForbidden, ErrorCode.FORBIDDEN),
    (UpstreamNotFound, ErrorCode.NOT_FOUND),
    (UpstreamInvalidInput, ErrorCode.BAD_USER_INPUT),
)


def upstream_code(error: UpstreamError) -> str:
    """The ``extensions.code`` for an upstream error."""
    for cls, code in _UPSTREAM_CODES:
        if isinstance(error, cls):
            return code
    return ErrorCode.UPSTREAM_ERROR


def extensions_for(error: BaseException) -> dict[str, Any] | None:
    """The extensions for one of our errors, or None for an error that must be masked."""
    if isinstance(error, GraphError):
        return error.extensions
    if isinstance(error, UpstreamError):
        out: dict[str, Any] = {"code": upstream_code(error), "platform": error.platform.name}
        if error.legacy_code is not None:
            out["legacyCode"] = error.legacy_code
        if error.legacy_message is not None:
            out["legacyMessage"] = error.legacy_message
        if error.http_status is not None:
            out["httpStatus"] = error.http_status
        if error.operation is not None:
            out["operation"] = error.operation
        return out
    return None


@strawberry.type(description="An expected refusal of a mutation: what went wrong and where.")
class UserError:
    """An expected refusal of a mutation: what went wrong and where."""

    code: str = strawberry.field(
        description="One of BAD_USER_INPUT, NOT_FOUND, FORBIDDEN, UNAUTHENTICATED, "
        "PLATFORM_NOT_CONFIGURED, UPSTREAM_ERROR (the same words as errors[].extensions.code)."
    )
    message: str = strawberry.field(description="What went wrong, in words a person can act on.")
    field: list[str] | None = strawberry.field(
        default=None,
        description='Path to the input field at fault, e.g. ["input", "email"]; null when the '
        "refusal is not about one field.",
    )
    platform: Platform | None = strawberry.field(
        default=None, description="The platform that refused, when one did."
    )
    legacy_code: str | None = strawberry.field(
        default=None, description="The platform's own error code (errno, ErrorCode or HTTP status)."
    )


def user_error_from(
    error: GraphError | UpstreamError, *, field: list[str] | None = None
) -> UserError:
    """A ``UserError`` for an expected refusal."""
    if isinstance(error, GraphError):
        return UserError(
            code=error.code,
            message=error.message,
            field=list(error.field) if error.field is not None else field,
            platform=error.platform,
        )
    return UserError(
        code=upstream_code(error),
        message=error.message,
        field=[*field] if field is not None else ([error.field] if error.field else None),
        platform=error.platform,
        legacy_code=error.legacy_code,
    )
