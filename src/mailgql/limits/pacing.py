"""Large answers are completed in slices, so that the event loop keeps serving everything else.

graphql-core completes a resolved value in one go (a page of 500 accounts with all their fields)
and wakes every field waiting on the same read at once (500 accounts' inherited lists). A query
within the limits can so hold the loop for seconds, and every other request (``/healthz``
included) waits. :class:`PacedExecutionContext` gives each request a :class:`Pacer` and asks it
for a *turn* before completing a value a resolver awaited, and before completing each further
item of a list once the request has used its slice:

- while the request has used less than ``SLICE_SECONDS`` of the loop's current pass, its fields
  go on at once (a small query never waits: it pays one coroutine per awaited field);
- past that, they queue, and the request's pump lets a batch of them go once per pass of the
  loop, in order; the batch halves when the pass it ran in took longer than a slice and doubles
  when it took less than half of one. Other requests run between two batches.

Each request has its own pacer: a large request slows itself, not the small ones beside it.
What a slice starts reading upstream is batched with what the same slice reads (the loaders
group the calls of one pass of the loop), so a request too large for one slice may make a few
more batched calls than it would in one go; a request within one slice makes exactly the same.

The slices cannot cut the cyclic garbage collector's full collections: one walks every object
alive, so while a large answer is being built it holds the loop for as long as that answer is
large (~170 ms for 7.8 MB). So, from the moment a request first queues until its execution
ends (:class:`PacingScope`, opened by the request limits' extension around execution), full
collections wait: :data:`FULL_COLLECTIONS` raises the collector's oldest-generation threshold
out of reach and puts it back when no large request is being completed, or after
``MAX_HOLD_SECONDS`` of holding whatever comes, so garbage cycles are never left for long.
Young collections go on as usual; a small request never takes the hold.
"""

from __future__ import annotations

import asyncio
import gc
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from time import perf_counter
from typing import Any, TypeVar

from graphql import GraphQLOutputType, GraphQLResolveInfo
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from mailgql.scoped_values import holding

__all__ = [
    "FULL_COLLECTIONS",
    "MAX_BATCH",
    "MAX_HOLD_SECONDS",
    "SLICE_SECONDS",
    "FullCollections",
    "PacedExecutionContext",
    "Pacer",
    "PacingScope",
    "pacing_scope",
]

SLICE_SECONDS = 0.01
"""How long a request's fields may run in one pass of the loop before they queue."""
MAX_BATCH = 1024
"""The most queued fields one pass of the loop lets go."""

MAX_HOLD_SECONDS = 10.0
"""The longest full collections wait, however many large requests follow one another."""

_OUT_OF_REACH = 2**30
"""An oldest-generation threshold the collector never reaches."""

T = TypeVar("T")


class FullCollections:
    """The process's hold on the garbage collector's full collections (see the module)."""

    def __init__(
        self,
        *,
        max_hold_seconds: float = MAX_HOLD_SECONDS,
        clock: Callable[[], float] = perf_counter,
    ) -> None:
        self._max_hold = max_hold_seconds
        self._clock = clock
        self._holders = 0
        self._saved: tuple[int, int, int] | None = None
        self._since = 0.0

    @property
    def held(self) -> bool:
        """Whether full collections wait now."""
        return self._saved is not None

    def hold(self) -> None:
        """One more large request is being completed: full collections wait (unless they have
        waited ``max_hold_seconds`` already)."""
        self._holders += 1
        if self._holders == 1:
            threshold = gc.get_threshold()
            self._saved = (threshold[0], threshold[1], threshold[2])
            self._since = self._clock()
            gc.set_threshold(threshold[0], threshold[1], _OUT_OF_REACH)
        else:
            self.check()

    def release(self) -> None:
        """A large request's execution ended; the last one puts the threshold back."""
        self._holders -= 1
        if self._holders <= 0:
            self._holders = 0
            self._restore()

    def check(self) -> None:
        """Put the threshold back if full collections have waited too long."""
        if self._saved is not None and self._clock() - self._since > self._max_hold:
            self._restore()

    def _restore(self) -> None:
        saved, self._saved = self._saved, None
        if saved is not None:
            gc.set_threshold(*saved)


FULL_COLLECTIONS = FullCollections()
"""The hold of this process (the collector is one per process)."""


class PacingScope:
    """One request's execution: takes the hold when the request first queues, and gives it
    back when its execution ends."""

    def __init__(self, collections: FullCollections = FULL_COLLECTIONS) -> None:
        self._collections = collections
        self._holding = False

    def hold(self) -> None:
        """The request has outgrown its slice: hold full collections (once)."""
        if not self._holding:
            self._holding = True
            self._collections.hold()
        else:
            self._collections.check()

    def close(self) -> None:
        """The request's execution ended."""
        if self._holding:
            self._holding = False
            self._collections.release()


_SCOPE: ContextVar[PacingScope | None] = ContextVar("mailgql_pacing_scope", default=None)


@asynccontextmanager
async def pacing_scope(
    collections: FullCollections = FULL_COLLECTIONS,
) -> AsyncIterator[PacingScope]:
    """The scope of one request's execution, seen by the pacer its fields get."""
    scope = PacingScope(collections)
    try:
        with holding(_SCOPE, scope):
            yield scope
    finally:
        scope.close()


class Pacer:
    """Turns for the fields of one request, on one event loop."""

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        *,
        slice_seconds: float = SLICE_SECONDS,
        scope: PacingScope | None = None,
    ) -> None:
        self._loop = loop
        self._slice = slice_seconds
        self._scope = scope
        self._waiting: deque[asyncio.Future[None]] = deque()
        self._slices = 0
        self._open = False
        self._started = 0.0
        self._pumping = False
        self._batch = 1
        self._released: float | None = None
        self.queued = 0
        """Turns that had to wait, so far (read by tests and benchmarks)."""

    def _begin(self, now: float) -> None:
        """Open a slice; it lasts until the loop comes round to the callback closing it."""
        self._slices += 1
        self._open = True
        self._started = now
        self._loop.call_soon(self._close, self._slices)

    def _close(self, number: int) -> None:
        if number == self._slices:
            self._open = False

    def spent(self) -> bool:
        """Whether the request has used its slice of this pass (what follows should wait); a
        request with no slice open opens one."""
        if self._pumping:
            return True
        now = perf_counter()
        if not self._open:
            self._begin(now)
            return False
        return now - self._started >= self._slice

    async def turn(self) -> None:
        """Return at once while the request is within its slice; else wait for the pump."""
        if not self.spent():
            return
        waiter: asyncio.Future[None] = self._loop.create_future()
        self._waiting.append(waiter)
        self.queued += 1
        if not self._pumping:
            self._pumping = True
            if self._scope is not None:
                self._scope.hold()
            self._loop.call_soon(self._pump)
        await waiter

    def _pump(self) -> None:
        """Let the next batch go (their tasks run in the loop's next pass, in a slice of their
        own), then come again while fields wait."""
        now = perf_counter()
        if self._released is not None:
            spent = now - self._released
            if spent > self._slice:
                self._batch = max(1, self._batch // 2)
            elif spent < self._slice / 2:
                self._batch = min(MAX_BATCH, self._batch * 2)
        released = 0
        while self._waiting and released < self._batch:
            waiter = self._waiting.popleft()
            if not waiter.done():  # a cancelled request's fields are skipped
                waiter.set_result(None)
                released += 1
        if self._waiting:
            self._released = perf_counter()
            self._loop.call_soon(self._pump)
        else:
            self._pumping = False
            self._released = None
            self._begin(now)


class PacedExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's graphql-core executor, completing each awaited value, and each list item
    past the request's slice, on its turn."""

    _pacer: Pacer | None = None

    def _own_pacer(self) -> Pacer:
        pacer = self._pacer
        if pacer is None:
            pacer = self._pacer = Pacer(asyncio.get_running_loop(), scope=_SCOPE.get())
        return pacer

    async def with_abort_signal(self, awaitable: Awaitable[T]) -> T:
        """Await a resolver's value (as graphql-core does), then wait for the request's turn
        before graphql-core completes it."""
        value = await super().with_abort_signal(awaitable)
        await self._own_pacer().turn()
        return value

    def complete_list_item_value(
        self,
        item: Any,
        complete_results: list[Any],
        item_type: GraphQLOutputType,
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo[Any],
        item_path: Path,
        position_context: Any,
    ) -> bool:
        """Complete a list item now, or, once the request has used its slice, on a later turn
        (graphql-core then awaits it with the list's other awaited items)."""
        pacer = self._pacer
        if pacer is None or not pacer.spent():
            return super().complete_list_item_value(
                item,
                complete_results,
                item_type,
                field_details_list,
                info,
                item_path,
                position_context,
            )
        complete_results.append(
            self._complete_later(
                pacer, item, item_type, field_details_list, info, item_path, position_context
            )
        )
        return True

    async def _complete_later(
        self,
        pacer: Pacer,
        item: Any,
        item_type: GraphQLOutputType,
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo[Any],
        item_path: Path,
        position_context: Any,
    ) -> Any:
        await pacer.turn()
        completed: list[Any] = []
        if super().complete_list_item_value(
            item, completed, item_type, field_details_list, info, item_path, position_context
        ):
            return await completed[0]
        return completed[0]
