"""The one error tree every upstream adapter raises.

::

    UpstreamError                        a legacy platform could not give us what we asked
    ├── UpstreamUnavailable              refused or dropped connection, HTTP 5xx
    ├── UpstreamTimeout                  no answer within the configured timeout
    ├── UpstreamBadResponse              an answer we cannot read (not JSON/XML, wrong shape)
    └── UpstreamRefused                  the platform answered and said no
        ├── UpstreamUnauthenticated      the gateway's credentials were rejected
        ├── UpstreamForbidden            these credentials may not do that
        ├── UpstreamNotFound             the object does not exist, or is not visible to us
        └── UpstreamInvalidInput         the platform rejected the input

Every error carries the platform, the operation (endpoint, function or command), the legacy
code and message where the platform gave one, and the HTTP status. Raw bodies never travel
in an error: they may hold secrets.

A write that failed in transit also carries its :class:`Outcome`: ``NOT_APPLIED`` when it never
left the gateway (no connection, or refused before sending), ``UNKNOWN`` when it was sent and
no answer came back (a timeout after sending, a connection lost after sending). A write the
platform answered carries none: its answer says what happened (a refusal: not applied).
"""

from __future__ import annotations

from enum import Enum

from mailgql.platforms import Platform

__all__ = [
    "Outcome",
    "UpstreamBadResponse",
    "UpstreamError",
    "UpstreamForbidden",
    "UpstreamInvalidInput",
    "UpstreamNotFound",
    "UpstreamRefused",
    "UpstreamTimeout",
    "UpstreamUnauthenticated",
    "UpstreamUnavailable",
    "failed_write",
]


class Outcome(Enum):
    """What is known of a write that failed in transit; its value is ``extensions.outcome``."""

    NOT_APPLIED = "NOT_APPLIED"
    """The write never reached the platform: sending it again is safe."""
    UNKNOWN = "UNKNOWN"
    """The write was sent and no answer came back: it may have been applied, or not."""


class UpstreamError(Exception):
    """A legacy platform could not give us what we asked."""

    def __init__(
        self,
        message: str,
        *,
        platform: Platform,
        operation: str | None = None,
        legacy_code: str | int | None = None,
        legacy_message: str | None = None,
        http_status: int | None = None,
        field: str | None = None,
        outcome: Outcome | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.platform = platform
        self.operation = operation
        self.legacy_code = None if legacy_code is None else str(legacy_code)
        self.legacy_message = legacy_message
        self.http_status = http_status
        self.field = field
        self.outcome = outcome
        """Set on a write that failed in transit (see :class:`Outcome`); None otherwise."""

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self.message!r}, platform={self.platform.value}, "
            f"operation={self.operation!r}, legacy_code={self.legacy_code!r}, "
            f"http_status={self.http_status!r})"
        )


class UpstreamUnavailable(UpstreamError):
    """The platform refused or dropped the connection, or answered with a 5xx status."""


class UpstreamTimeout(UpstreamError):
    """The platform gave no answer within the configured timeout."""


class UpstreamBadResponse(UpstreamError):
    """The platform answered something we cannot read."""


class UpstreamRefused(UpstreamError):
    """The platform answered and refused the call."""


class UpstreamUnauthenticated(UpstreamRefused):
    """The platform rejected the gateway's credentials."""


class UpstreamForbidden(UpstreamRefused):
    """The gateway's credentials may not do this."""


class UpstreamNotFound(UpstreamRefused):
    """The object does not exist, or is not visible to the gateway's credentials."""


class UpstreamInvalidInput(UpstreamRefused):
    """The platform rejected the input of a call."""


def failed_write(error: UpstreamError, *, sent: bool) -> UpstreamError:
    """Mark ``error`` as the failure of a write in transit: ``sent`` says whether the request may
    have reached the platform (then its outcome is unknown) or surely did not."""
    error.outcome = Outcome.UNKNOWN if sent else Outcome.NOT_APPLIED
    return error
