"""v2 REST failures (HTTP status + legacy message) mapped onto the shared upstream errors."""

from __future__ import annotations

from mailgql.platforms import Platform
from mailgql.upstreams import errors

__all__ = ["error_for"]

_PLATFORM = Platform.V2REST

# "Specified account is not your sub account." comes with 401 although the credentials were
# fine: the account is unknown to (or not owned by) the admin, which callers see as not found.
_NOT_YOUR_ACCOUNT = "not your sub account"
_BAD_CREDENTIALS = "incorrect credentials"


def error_for(status: int, message: str | None, *, operation: str) -> errors.UpstreamError:
    """The upstream error for a v2 failure envelope (or a bare failing status)."""
    legacy = (message or "").strip() or None
    text = legacy or f"HTTP {status}"
    lowered = text.lower()
    cls: type[errors.UpstreamError]
    if _NOT_YOUR_ACCOUNT in lowered:
        cls, summary = errors.UpstreamNotFound, f"v2 REST: {text}"
    elif status == 401 or _BAD_CREDENTIALS in lowered:
        cls = errors.UpstreamUnauthenticated
        summary = (
            "v2 REST rejected the gateway's credentials; check MAILGQL_V2REST_USERNAME and "
            "MAILGQL_V2REST_TOKEN"
        )
    elif status == 403:
        cls, summary = errors.UpstreamForbidden, f"v2 REST: {text}"
    elif status == 404:
        cls, summary = errors.UpstreamNotFound, f"v2 REST: {text}"
    elif status in (400, 409, 422):
        cls, summary = errors.UpstreamInvalidInput, f"v2 REST: {text}"
    elif status >= 500:
        cls, summary = errors.UpstreamUnavailable, f"v2 REST failed on {operation} (HTTP {status})"
    else:
        cls, summary = errors.UpstreamRefused, f"v2 REST: {text}"
    return cls(
        summary,
        platform=_PLATFORM,
        operation=operation,
        legacy_code=status,
        legacy_message=legacy,
        http_status=status,
    )
