"""Maxmailer's errnos mapped onto the shared upstream errors; ``legacy_code`` keeps the errno.

The digit pattern is the vendor's: ``x001`` is "not allowed" and ``x002`` "unknown user ID" for
the function family ``x``; 2002-2024 reject CreateUser's input; 11xx belong to the subscription
API. ``field`` names the value at fault in the adapter's own terms (the keyword arguments and
record fields: ``username``, ``send_limit``, ``user_id``, ``expires_at``...), never a wire name.
"""

from __future__ import annotations

from collections.abc import Mapping

from mailgql.platforms import Platform
from mailgql.upstreams import errors

__all__ = ["ERRNOS", "error_for"]

_PLATFORM = Platform.MAXMAILER

_FORBIDDEN: Mapping[int, str | None] = {
    2001: None,  # may not create users
    2025: None,  # no more users allowed
    3001: None,
    4001: None,
    5001: None,
    6001: None,
    7001: None,
    8001: None,
    9001: None,
    1104: "email",  # subscribers quota exceeded (list full or owner's limit reached)
    1108: "email",  # blacklisted address: only a double opt-in form may subscribe it
}
_NOT_FOUND: Mapping[int, str | None] = {
    3002: "user_id",
    4002: "user_id",
    5002: "user_id",
    6002: "user_id",
    7002: "user_id",
    8002: "user_id",
    1107: "email",  # email not in list
    1201: "message_id",
}
_INVALID: Mapping[int, str | None] = {
    2002: "username",
    2003: "password",
    2004: "send_limit",
    2005: "message_size_kb",
    2006: "list_limit",
    2007: "email",
    2008: "username",
    **dict.fromkeys((2009, 2010, 2011, 2012, 2019, 2020, 2021, 2022, 2023), "subscriber_limit"),
    **dict.fromkeys((2013, 2014, 2015), "list_limit"),
    **dict.fromkeys((2016, 2017), "send_limit"),
    2024: "message_size_kb",
    3003: "user_id",  # credit only for one-time send accounts
    3004: "credits",
    7004: "password",
    7005: "password",
    7006: "password",
    1103: "email",
    1105: "email",  # already in the list
    1106: "expires_at",  # unsubscription date in the past
}
_UNAUTHENTICATED = {
    1001: "Maxmailer refused the gateway's Login ID; check MAILGQL_MAXMAILER_LOGIN_ID",
    1101: "Maxmailer refused the list's API key; check MAILGQL_MAXMAILER_LIST_KEYS",
}
_OURS = {
    1002: None,  # function not recognized: the gateway asked for something Maxmailer lacks
    1102: None,  # action not recognized
}

ERRNOS: frozenset[int] = frozenset((*_FORBIDDEN, *_NOT_FOUND, *_INVALID, *_UNAUTHENTICATED, *_OURS))
"""Every errno the contract lists (2011, 2015, 2017 and 2019-2023 as the seed prints them)."""

_TABLES: tuple[tuple[Mapping[int, str | None], type[errors.UpstreamError]], ...] = (
    (_FORBIDDEN, errors.UpstreamForbidden),
    (_NOT_FOUND, errors.UpstreamNotFound),
    (_INVALID, errors.UpstreamInvalidInput),
)
"""Each table of errnos with the error class they raise; an errno maps to the field at fault."""


def error_for(
    errno: int, message: str | None, *, operation: str, http_status: int | None = None
) -> errors.UpstreamError:
    """The upstream error for an ``{"error": true, "errno", "message"}`` answer."""
    legacy = (message or "").strip() or None
    text = f"Maxmailer: {legacy}" if legacy else f"Maxmailer refused {operation} (errno {errno})"
    cls: type[errors.UpstreamError] = errors.UpstreamRefused
    field: str | None = None
    if errno in _UNAUTHENTICATED:
        cls, text = errors.UpstreamUnauthenticated, _UNAUTHENTICATED[errno]
    else:
        for table, kind in _TABLES:
            if errno in table:
                cls, field = kind, table[errno]
                break
    return cls(
        text,
        platform=_PLATFORM,
        operation=operation,
        legacy_code=errno,
        legacy_message=legacy,
        http_status=http_status,
        field=field,
    )
