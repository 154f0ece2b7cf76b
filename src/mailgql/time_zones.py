"""Time zones by their IANA names, for the settings and the platforms that name one."""

from __future__ import annotations

from datetime import UTC, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["time_zone"]


def time_zone(name: str) -> tzinfo:
    """The zone ``name`` names (``UTC``, ``Europe/Istanbul``); ValueError for any other."""
    if name == "UTC":
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {name!r}; expected an IANA name such as Europe/Istanbul"
        ) from None
