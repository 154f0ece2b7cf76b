"""Custom scalars of the graph: ``datetime`` values travel as the ``DateTime`` scalar."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry
from strawberry.types.scalar import ScalarDefinition

__all__ = ["SCALAR_MAP", "parse_datetime", "serialize_datetime"]


def serialize_datetime(value: datetime) -> str:
    """ISO 8601 in UTC with a Z, to the second."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_datetime(value: object) -> datetime:
    """An aware datetime from ISO 8601 text; a value without a zone is refused. A refusal does
    not repeat the value (:mod:`.value_echoes`)."""
    if not isinstance(value, str):
        raise ValueError("DateTime must be an ISO 8601 string such as 2021-03-26T12:10:20Z")
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError("not an ISO 8601 date-time such as 2021-03-26T12:10:20Z") from None
    if parsed.tzinfo is None:
        raise ValueError("no time zone: add Z for UTC or an offset like +02:00")
    return parsed.astimezone(UTC)


SCALAR_MAP: dict[object, ScalarDefinition] = {
    datetime: strawberry.scalar(
        name="DateTime",
        description='An instant in ISO 8601; always UTC on output, e.g. "2021-03-26T12:10:20Z".',
        serialize=serialize_datetime,
        parse_value=parse_datetime,
    )
}
"""Python types mapped to the graph's own scalars."""
