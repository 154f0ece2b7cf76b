"""The form every Oempro error table is written in: a code's :data:`Rule` is the error class it
raises and the request parameter it is about, with a short name for each class. In a command's
table the commonest rule, a parameter's value refused, is written as the parameter's name alone
(an :data:`Entry`); :func:`rules` reads a table back as rules."""

from __future__ import annotations

from collections.abc import Mapping

from mailgql.upstreams import errors
from mailgql.upstreams.errors import UpstreamError

__all__ = ["AUTH", "DENY", "GONE", "INPUT", "NO", "Entry", "Rule", "one_record", "rules"]

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


Entry = str | Rule
"""A code's entry in a command's table: the name of the parameter whose value was refused
(``INPUT`` about it), or the :data:`Rule` of any other error."""


def rules(table: Mapping[int, Entry]) -> dict[int, Rule]:
    """A command's table with each entry read as its :data:`Rule`."""
    return {code: (INPUT, e) if isinstance(e, str) else e for code, e in table.items()}


def one_record(parameter: str) -> Mapping[int, Entry]:
    """The codes of a command about the one record ``parameter`` names: 1, the id is missing or
    malformed; 2, there is no such record (or it is not the caller's)."""
    return {1: parameter, 2: (GONE, parameter)}
