"""The form every Oempro error table is written in: a code's :data:`Rule` is the error class it
raises and the request parameter it is about, with a short name for each class."""

from __future__ import annotations

from collections.abc import Mapping

from mailgql.upstreams import errors
from mailgql.upstreams.errors import UpstreamError

__all__ = ["AUTH", "DENY", "GONE", "INPUT", "NO", "Rule", "one_record"]

Rule = tuple[type[UpstreamError], str | None]
"""The error class for a code, and the request parameter it is about (if one)."""

INPUT = errors.UpstreamInvalidInput
"""A parameter's value was refused."""
GONE = errors.UpstreamNotFound
"""What a parameter names does not exist (or is not the caller's)."""
AUTH = errors.UpstreamUnauthenticated
"""The credentials or the session were refused."""
DENY = errors.UpstreamForbidden
"""The caller may not do this."""
NO = errors.UpstreamRefused
"""Refused for another reason (the code is kept)."""


def one_record(parameter: str) -> Mapping[int, Rule]:
    """The codes of a command about the one record ``parameter`` names: 1, the id is missing or
    malformed; 2, there is no such record (or it is not the caller's)."""
    return {1: (INPUT, parameter), 2: (GONE, parameter)}
