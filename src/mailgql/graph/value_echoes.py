"""A refused value is named by where it stands and what was expected, never repeated.

graphql-core words its refusals of a client's values by appending the value: ``…to include
required field 'email', found: {'username': …, 'password': …}.``, ``Int cannot represent
non-integer value: 'abc'``, ``Value 'X' does not exist in 'Platform' enum.``. The value may be
a password the client is writing, and a response body is seen by more than its sender: proxies,
browser tools, error trackers, the idempotency store. :func:`without_values` cuts the value out
of those messages and keeps the rest: the variable and the path in it (``at .input.platform``),
the expected type, the field that is missing or unknown, and the suggestions, which come from
the schema.

The patterns are graphql-core's own wordings (its ``validate_input_value``, the built-in scalars
and enums); the graph's own scalars word theirs without the value (:mod:`.scalars`). A test sends
every kind of refusal and checks that no value comes back.
"""

from __future__ import annotations

import re

from graphql import GraphQLError

__all__ = ["without_values"]

_CUTS: tuple[tuple[re.Pattern[str], str], ...] = (
    # "…, found: {…}." and "…; found: 'x'." (the value ends the message)
    (re.compile(r"[,;] found: .*\Z", re.DOTALL), "."),
    # "…unknown field 'x'. Did you mean 'y'? Found: {…}."
    (re.compile(r" Found: .*\Z", re.DOTALL), ""),
    # "Int cannot represent non-integer value: 'abc'", "Enum 'E' cannot represent non-string
    # value: 3. Did you mean …?", "ID cannot represent value: …"
    (re.compile(r"(cannot represent [^:]*?value): .*\Z", re.DOTALL), r"\1."),
    # "Value 'X' does not exist in 'Platform' enum. Did you mean the enum value 'V2REST'?"
    (re.compile(r"\bValue '.*?' does not exist in '", re.DOTALL), "The value does not exist in '"),
)


def without_values(error: GraphQLError) -> GraphQLError:
    """``error`` with its message cut of any value the client sent (changed in place, so that an
    error kept in the document cache reads the same every time)."""
    message = error.message
    for pattern, replacement in _CUTS:
        message = pattern.sub(replacement, message)
    error.message = message
    return error
