"""Input checks shared by mutations: they fail before any upstream call is made."""

from __future__ import annotations

import re
from collections.abc import Sequence

from mailgql.graph.errors import BadUserInput

__all__ = [
    "MAX_IDS",
    "check_email",
    "check_ids",
    "check_not_blank",
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
