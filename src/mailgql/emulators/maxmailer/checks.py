"""Input checks the legacy server applies: usernames, passwords, addresses and numbers."""

from __future__ import annotations

import re

__all__ = ["is_email", "is_password", "is_username", "parse_count", "parse_id"]

_USERNAME = re.compile(r"[A-Za-z0-9_.\-]{3,15}")
_PASSWORD = re.compile(r"[0-9a-zA-Z_$@\-]{5,15}")
_DIGITS = re.compile(r"[0-9]{1,18}")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-]+)*"
    rf"@{_LABEL}(?:\.{_LABEL})*\.[A-Za-z]{{2,63}}"
)


def is_username(value: str) -> bool:
    """3 to 15 letters, digits, ``_``, ``-`` or ``.``."""
    return _USERNAME.fullmatch(value) is not None


def is_password(value: str) -> bool:
    """5 to 15 characters of ``0-9a-zA-Z-_$@``."""
    return _PASSWORD.fullmatch(value) is not None


def is_email(value: str) -> bool:
    """Whether ``value`` is a syntactically valid address (dotted domain, no spaces)."""
    return len(value) <= 254 and _EMAIL.fullmatch(value) is not None


def parse_count(value: str | None) -> int | None:
    """A non-negative whole number; missing or blank is 0; anything else is None."""
    if value is None or value == "":
        return 0
    return int(value) if _DIGITS.fullmatch(value) else None


def parse_id(value: str | None) -> int | None:
    """A record id given as digits, or None."""
    if value is None or _DIGITS.fullmatch(value) is None:
        return None
    return int(value)
