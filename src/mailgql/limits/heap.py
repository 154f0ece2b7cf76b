"""The garbage collector of a serving process, tuned so that it does not stall the event loop.

Python's full collection walks every object the process holds; while a large answer is being
built (hundreds of thousands of dicts) it runs every few hundred thousand allocations and holds
the loop 50-150 ms each time (``bench/RESULTS.md``, issue 15). Once the app has started,
:func:`settle_heap` collects once, moves everything alive (modules, the schema, the settings,
the clients) out of the collector's sight for good (``gc.freeze``), and makes full collections a
hundred times rarer (one every seven million allocations or so, rather than during every large
answer). Young objects are collected as often as before, so short-lived cycles still go at once;
cycles that outlive two young collections wait longer (a served gateway settles some 30 MB
higher). Only a process that serves should do this, never one that builds many apps, such as a
test run: :class:`SettleHeapAtStartup` does it when a server runs the app's ASGI lifespan.
"""

from __future__ import annotations

import gc

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["FULL_COLLECTION_EVERY", "SettleHeapAtStartup", "settle_heap"]

FULL_COLLECTION_EVERY = 1_000
"""Collections of the middle generation between two full collections (Python's default: 10)."""

_settled = False


def settle_heap() -> None:
    """Freeze what start-up built and make full collections rarer; once per process (a second
    call does nothing)."""
    global _settled
    if _settled:
        return
    _settled = True
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)


class SettleHeapAtStartup:
    """ASGI middleware: :func:`settle_heap` once the app has started under a server (the ASGI
    lifespan protocol), before the server takes its first request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass everything through; settle the heap as the lifespan reports start-up done."""
        if scope["type"] != "lifespan":
            await self.app(scope, receive, send)
            return

        async def started(message: Message) -> None:
            if message["type"] == "lifespan.startup.complete":
                settle_heap()
            await send(message)

        await self.app(scope, receive, started)
