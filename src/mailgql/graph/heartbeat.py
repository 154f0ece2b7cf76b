"""``heartbeat``, a short, bounded stream of ticks.

It touches no platform, so a client can check that a streaming transport (a WebSocket with
graphql-transport-ws, or Server-Sent Events) works end to end before it relies on one.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Annotated

import strawberry

from mailgql.graph.errors import BadUserInput

__all__ = [
    "DEFAULT_INTERVAL_MS",
    "MAX_BEATS",
    "MAX_INTERVAL_MS",
    "Heartbeat",
    "HeartbeatSubscription",
]

MAX_BEATS = 100
"""The most ticks one ``heartbeat`` subscription sends."""

MAX_INTERVAL_MS = 60_000
"""The longest wait between two ticks, in milliseconds."""

DEFAULT_INTERVAL_MS = 1_000
"""The wait between two ticks when the client names none, in milliseconds."""


@strawberry.type(description="One tick of a `heartbeat` subscription.")
class Heartbeat:
    """One tick of a ``heartbeat`` subscription."""

    sequence: int = strawberry.field(
        description="The tick's number: 1 for the first, then 2, 3 and so on."
    )
    remaining: int = strawberry.field(
        description="Ticks still to come; 0 on the last one, after which the subscription "
        "completes."
    )
    at: datetime = strawberry.field(description="When the gateway sent this tick.")


async def _ticks(count: int, interval: float) -> AsyncIterator[Heartbeat]:
    for sequence in range(1, count + 1):
        if sequence > 1:
            await asyncio.sleep(interval)
        yield Heartbeat(sequence=sequence, remaining=count - sequence, at=datetime.now(UTC))


@strawberry.type(description="The heartbeat stream.")
class HeartbeatSubscription:
    """The ``heartbeat`` stream (a mixin of the root subscription, :mod:`.streams`)."""

    @strawberry.subscription(
        description=f"Ticks `count` times, `intervalMs` apart (the first at once), then "
        f"completes. At most {MAX_BEATS} ticks and {MAX_INTERVAL_MS} ms between two; outside "
        "those bounds the subscription is refused with BAD_USER_INPUT before any tick."
    )
    async def heartbeat(
        self,
        count: Annotated[
            int,
            strawberry.argument(description=f"How many ticks to send: 1 to {MAX_BEATS}."),
        ] = 3,
        interval_ms: Annotated[
            int,
            strawberry.argument(
                description=f"Milliseconds between two ticks: 0 to {MAX_INTERVAL_MS}."
            ),
        ] = DEFAULT_INTERVAL_MS,
    ) -> AsyncIterator[Heartbeat]:
        """Check the bounds now, so that a refusal comes before the stream starts."""
        if not 1 <= count <= MAX_BEATS:
            raise BadUserInput(f"count must be 1 to {MAX_BEATS}", field=("count",))
        if not 0 <= interval_ms <= MAX_INTERVAL_MS:
            raise BadUserInput(f"intervalMs must be 0 to {MAX_INTERVAL_MS}", field=("intervalMs",))
        return _ticks(count, interval_ms / 1000)
