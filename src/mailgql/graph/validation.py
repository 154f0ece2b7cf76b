"""Input checks shared by mutations: they fail before any upstream call is made."""

from __future__ import annotations

import re
from collections.abc import Sequence

from mailgql.graph.errors import BadUserInput

__all__ = [
    "MAX_IDS",
    "check_email",
    "check_ids",
    "check_length",
    "check_not_blank",
    "check_positive",
]

MAX_IDS = 100
"""The most IDs one mutation input list takes."""

# Deliberately simple: one @, a dot in the domain, no spaces. Platforms apply their own rules too.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def check_not_blank(value: str, *, field: tuple[str, ...], what: str) -> str:
    """The value stripped; blank is a BAD_USER_INPUT."""
    text = value.strip()
    if not text:
        raise BadUserInput(f"{what} must not be empty", field=field)
    return text


def check_email(value: str, *, field: tuple[str, ...]) -> str:
    """A syntactically valid e-mail address, stripped."""
    text = value.strip()
    if not _EMAIL.match(text) or len(text) > 254:
        raise BadUserInput(f"{value!r} is not a valid e-mail address", field=field)
    return text


def check_ids(values: Sequence[str], *, field: tuple[str, ...], what: str) -> None:
    """A non-empty list of at most MAX_IDS ids."""
    if not values:
        raise BadUserInput(f"give at least one {what}", field=field)
    if len(values) > MAX_IDS:
        raise BadUserInput(f"give at most {MAX_IDS} {what}s per call", field=field)


def check_length(value: str, *, field: tuple[str, ...], what: str, low: int, high: int) -> str:
    """The value, if its length is within ``low``..``high`` characters."""
    if not low <= len(value) <= high:
        raise BadUserInput(
            f"{what} must be {low} to {high} characters long (got {len(value)})", field=field
        )
    return value


def check_positive(value: int | None, *, field: tuple[str, ...], what: str) -> int | None:
    """The value if it is None or 1 or more."""
    if value is not None and value < 1:
        raise BadUserInput(f"{what} must be 1 or more (got {value})", field=field)
    return value
