"""What every wire module shares: the errors for answers they cannot use, and reading a record.

The errors read alike on every platform ("<platform> answered <operation> with <problem>");
``read_record`` says what is wrong with a record, never the value: that is part of the raw body
and may be a secret.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from mailgql.platforms import Platform
from mailgql.upstreams.errors import UpstreamBadResponse, UpstreamUnavailable

__all__ = ["bad_answer", "read_record", "server_failed"]

R = TypeVar("R")


def bad_answer(
    platform: Platform, operation: str, problem: str, status: int | None = None
) -> UpstreamBadResponse:
    """The error for an answer we cannot read; ``problem`` says what, never quoting the body."""
    return UpstreamBadResponse(
        f"{platform.label} answered {operation} with {problem}",
        platform=platform,
        operation=operation,
        http_status=status,
    )


def server_failed(
    platform: Platform, operation: str, status: int, *, legacy_code: int | None = None
) -> UpstreamUnavailable:
    """The error for a 5xx answer that holds no error of the platform's own."""
    return UpstreamUnavailable(
        f"{platform.label} failed on {operation} (HTTP {status})",
        platform=platform,
        operation=operation,
        legacy_code=legacy_code,
        http_status=status,
    )


def read_record(
    raw: Any,
    parse: Callable[[dict[str, Any]], R],
    *,
    platform: Platform,
    operation: str,
    what: str,
) -> R:
    """``parse(raw)``; a record that is not an object or that ``parse`` cannot read is bad.

    ``what`` names the record in the message ("record 3", "a Campaign").
    """
    if not isinstance(raw, dict):
        raise bad_answer(platform, operation, f"{what} that is not an object")
    try:
        return parse(raw)
    except KeyError as exc:
        raise bad_answer(platform, operation, f"{what} without {exc}") from None
    except (ValueError, TypeError):
        # Not ``exc``: a coercion's message quotes the value.
        raise bad_answer(platform, operation, f"{what} holding a value of the wrong type") from None
