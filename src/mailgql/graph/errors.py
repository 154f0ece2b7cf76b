"""Errors the graph reports, and how every error reaches a client.

Two kinds of failure reach clients:

- ``errors[]`` entries with ``extensions`` ``{code, platform?, legacyCode?, legacyMessage?,
  httpStatus?, outcome?}``, for failed reads and system failures; ``outcome`` is on a write
  that failed in transit: ``NOT_APPLIED`` (it never reached the platform) or ``UNKNOWN`` (it was
  sent, and no answer came back: never reported as a success, never sent again on its own);
- ``userErrors`` in mutation payloads, for expected refusals (bad input, not found, forbidden).

Anything that is neither a :class:`GraphError` nor an upstream error is masked: the client sees
``INTERNAL_SERVER_ERROR`` and the details go to the log.

Upstream endpoints and commands (``operation``), HTTP statuses and session details go to the log
only: clients see them (``httpStatus``, ``operation``, the message as the adapter wrote it) only
while :func:`error_details` is on (``MAILGQL_DEBUG_ERRORS``).
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from contextvars import ContextVar
from typing import Any

import strawberry

from mailgql.platforms import Platform
from mailgql.scoped_values import holding
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
from mailgql.upstreams.scope import CallBudgetExceeded

__all__ = [
    "BadUserInput",
    "ErrorCode",
    "Forbidden",
    "GraphError",
    "NotFound",
    "PlatformNotConfigured",
    "UserError",
    "error_details",
    "extensions_for",
    "message_for",
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
    CALL_BUDGET_EXCEEDED = "CALL_BUDGET_EXCEEDED"
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
    (CallBudgetExceeded, ErrorCode.CALL_BUDGET_EXCEEDED),
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


_DETAILS: ContextVar[bool] = ContextVar("mailgql_error_details", default=False)


def error_details(on: bool) -> AbstractContextManager[bool]:
    """Show clients the upstream details of errors (operation, HTTP status) inside the block."""
    return holding(_DETAILS, on)


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
        if isinstance(error, CallBudgetExceeded):
            out["limit"] = error.limit
        if _DETAILS.get():
            if error.http_status is not None:
                out["httpStatus"] = error.http_status
            if error.operation is not None:
                out["operation"] = error.operation
        if error.outcome is not None:
            out["outcome"] = error.outcome.value
        return out
    return None


_FROM_COMMAND = re.compile(r"\s*\(from [A-Z][a-z]\w*\.[A-Z]\w*\)")
_COMMAND = re.compile(r"\b[A-Z][a-z]\w*\.[A-Z]\w*\b")
_HTTP_NOTE = re.compile(r"\s*\(HTTP \d{3}\)")
_HTTP_STATUS = re.compile(r"\bHTTP \d{3}\b")


def message_for(error: BaseException) -> str:
    """The message a client sees for ``error``: an upstream error's without the endpoint or
    command it names, nor HTTP statuses (all kept in the log), unless :func:`error_details`."""
    if not isinstance(error, UpstreamError):
        return str(error)
    text = error.message
    if _DETAILS.get():
        return text
    operation = error.operation
    if operation:
        text = text.replace(f"no command {operation}", "no such command", 1)
        text = text.replace(f"call {operation}", "make this call", 1)
        text = text.replace(f"'s {operation} ", "'s call ", 1)
        text = re.sub(rf"(?<![\w/.]){re.escape(operation)}(?![\w/.])", "the call", text, count=1)
    text = _FROM_COMMAND.sub("", text)
    text = _COMMAND.sub("a call", text)
    text = _HTTP_NOTE.sub("", text)
    return _HTTP_STATUS.sub("an unexpected status", text)


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
        message=message_for(error),
        field=[*field] if field is not None else ([error.field] if error.field else None),
        platform=error.platform,
        legacy_code=error.legacy_code,
    )
