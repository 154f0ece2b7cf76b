"""Custom scalars of the graph."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import NewType

import strawberry

__all__ = ["DateTime"]


def _serialize(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse(value: object) -> datetime:
    if not isinstance(value, str):
        raise ValueError("DateTime must be an ISO 8601 string such as 2021-03-26T12:10:20Z")
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"{value!r} is not an ISO 8601 date-time such as 2021-03-26T12:10:20Z"
        ) from None
    if parsed.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone; add Z for UTC or an offset like +02:00")
    return parsed.astimezone(UTC)


DateTime = strawberry.scalar(
    NewType("DateTime", datetime),
    name="DateTime",
    description='An instant in ISO 8601, always in UTC on output, e.g. "2021-03-26T12:10:20Z".',
    serialize=_serialize,
    parse_value=_parse,
)
