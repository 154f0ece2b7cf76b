"""Reading the v2 REST API's inputs: query paging, JSON bodies and their typed fields.

Every reader raises :class:`V2RestError` with a 400 in the API's own words, so no input, however
malformed, reaches the state unchecked.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from mailgql.emulators.v2rest.state import V2RestError

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "MISSING_PARAMETER",
    "id_array",
    "id_value",
    "json_object",
    "json_pairs",
    "page",
    "text_value",
]

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
MISSING_PARAMETER = "Missing required parameter."

_LIMIT_MESSAGE = f"Parameter limit must be between 1 and {MAX_LIMIT}."
_OFFSET_MESSAGE = "Parameter offset must be 0 or more."
_PAIRS_MESSAGE = (
    'Request body must be an array of one-key objects, e.g. [{"accountName":"X"},{"listid":12}].'
)


def _bad(message: str) -> V2RestError:
    return V2RestError(400, message)


def _query_int(raw: str | None, *, default: int, message: str) -> int:
    if raw is None:
        return default
    try:
        return int(raw.strip())
    except ValueError:
        # Not a number at all, or too many digits to convert: out of range either way.
        raise _bad(message) from None


def page(query: Mapping[str, str]) -> tuple[int, int]:
    """``(limit, offset)`` from the query string: limit 1..1000 (100 unless given), offset >= 0."""
    limit = _query_int(query.get("limit"), default=DEFAULT_LIMIT, message=_LIMIT_MESSAGE)
    if not 1 <= limit <= MAX_LIMIT:
        raise _bad(_LIMIT_MESSAGE)
    offset = _query_int(query.get("offset"), default=0, message=_OFFSET_MESSAGE)
    if offset < 0:
        raise _bad(_OFFSET_MESSAGE)
    return limit, offset


def _decode(raw: bytes) -> object:
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        # ValueError covers bad syntax and bytes that are not UTF-8; RecursionError, absurd nesting.
        raise _bad("Invalid JSON body.") from None


def json_object(raw: bytes) -> dict[str, object]:
    """A JSON object body; an empty body reads as an object with no parameters."""
    if not raw.strip():
        return {}
    value = _decode(raw)
    if not isinstance(value, dict):
        raise _bad("Request body must be a JSON object.")
    return value


def json_pairs(raw: bytes) -> dict[str, object]:
    """A DELETE body, ``[{"accountName": "X"}, {"listid": 12}]``, merged into one mapping."""
    if not raw.strip():
        return {}
    value = _decode(raw)
    if not isinstance(value, list) or not all(
        isinstance(item, dict) and len(item) == 1 for item in value
    ):
        raise _bad(_PAIRS_MESSAGE)
    merged: dict[str, object] = {}
    for item in value:
        merged.update(item)
    return merged


def text_value(value: object, *, key: str, empty_message: str) -> str:
    """A required string parameter; missing or blank gives ``empty_message``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _bad(empty_message)
    if not isinstance(value, str):
        raise _bad(f"Parameter {key} must be a string.")
    return value


def id_value(value: object, *, key: str) -> int:
    """A required integer id; missing gives the API's ``Missing required parameter.``."""
    if value is None:
        raise _bad(MISSING_PARAMETER)
    # bool is an int subclass in Python, but true is no id.
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad(f"Parameter {key} must be an integer.")
    return value


def id_array(value: object, *, key: str, missing_message: str) -> list[int]:
    """A required, non-empty JSON array of integer ids."""
    if value is None or value == []:
        raise _bad(missing_message)
    if not isinstance(value, list) or not all(
        isinstance(i, int) and not isinstance(i, bool) for i in value
    ):
        raise _bad(f"Parameter {key} must be an array of integer ids.")
    return value
