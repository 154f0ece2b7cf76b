"""One poller per watched campaign, fanned out to every client that watches it.

:class:`ProgressHub` lives as long as the app (created in its factory, closed in its lifespan).
A subscription asks it to :meth:`~ProgressHub.watch` a campaign of one tenant: the first watch
of a (tenant, platform, campaign) starts a poller that reads the campaign at once, then once per
interval; later watches of the same campaign join that poller and start from its latest
reading, at no upstream cost. Each reading goes to every watcher through a slot that keeps only
the newest (a slow client skips readings rather than queueing them). When the last watcher
leaves, the poller's task is cancelled; when a reading is final (a final status, or the campaign
is gone), the poller ends by itself after handing that reading out.

What a failed reading means is decided here, once:

- the first reading fails: every watch waiting for it is refused with that error, before any
  event, and the poller ends;
- a later reading fails with NOT_FOUND (the campaign was deleted): final, the stream ends with it;
- a later reading fails otherwise (the platform timed out, is unavailable, answered badly, its
  circuit is open): the watchers get it once, as an error event; the poller keeps its interval
  and the next good reading is sent even when its numbers did not change.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from mailgql.graph.campaigns import CampaignDetails, CampaignStats, CampaignStatus
from mailgql.graph.errors import GraphError, NotFound
from mailgql.platforms import Platform

__all__ = [
    "FINAL_STATUSES",
    "ProgressHub",
    "ReadCampaign",
    "TooManyWatches",
    "Update",
    "Watch",
    "WatchKey",
]

logger = logging.getLogger("mailgql.progress")

FINAL_STATUSES = frozenset(
    {CampaignStatus.COMPLETED, CampaignStatus.FAILED, CampaignStatus.STOPPED}
)
"""Statuses after which a campaign's numbers no longer move: a watch completes there."""


@dataclass(frozen=True, slots=True)
class WatchKey:
    """What one poller reads: a campaign (platform and legacy key) as one tenant sees it."""

    tenant: str | None
    platform: Platform
    key: str


ReadCampaign = Callable[[WatchKey], Awaitable[CampaignDetails]]
"""Reads a campaign's status and statistics afresh; NotFound when it does not exist."""

Wait = Callable[[float], Awaitable[None]]
"""Waits the poll interval (``asyncio.sleep``; a test's hand-given ticks)."""


class TooManyWatches(GraphError):
    """The gateway already polls as many campaigns, or serves as many watches, as allowed."""

    code = "TOO_MANY_SUBSCRIPTIONS"


@dataclass(frozen=True, slots=True)
class Update:
    """One reading of a campaign as the poller hands it out: its details, or the error."""

    details: CampaignDetails | None = None
    error: Exception | None = None
    final: bool = False
    """After this one, the poller reads no more."""

    @staticmethod
    def of(details: CampaignDetails) -> Update:
        """A good reading; final at a final status."""
        return Update(details=details, final=details.status in FINAL_STATUSES)


_CLOSED = Update(final=True)
"""Handed out when the hub closes: the watch ends without another event."""


class _Slot:
    """A watcher's inbox: the newest update not yet taken."""

    __slots__ = ("_event", "_update")

    def __init__(self) -> None:
        self._update: Update | None = None
        self._event = asyncio.Event()

    def put(self, update: Update) -> None:
        self._update = update
        self._event.set()

    async def peek(self) -> Update:
        await self._event.wait()
        assert self._update is not None
        return self._update

    async def take(self) -> Update:
        update = await self.peek()
        self._event.clear()
        self._update = None
        return update


class _Poller:
    """The one reader of one campaign for everyone watching it."""

    def __init__(self, hub: ProgressHub, key: WatchKey) -> None:
        self.hub = hub
        self.key = key
        self.slots: set[_Slot] = set()
        self.latest: Update | None = None
        self.reads = 0
        """Readings made so far (each one upstream read of the campaign)."""
        # A context of its own: the poller outlives the request that started it, and must
        # carry none of its context variables (an operation's upstream scope, say).
        self.task = asyncio.create_task(
            self._run(), name=f"mailgql-progress-{key.key}", context=contextvars.Context()
        )

    async def _read(self) -> Update:
        self.reads += 1
        try:
            return Update.of(await self.hub.read(self.key))
        except NotFound as exc:
            return Update(error=exc, final=True)
        except Exception as exc:  # every failure is handed to the watchers as it is
            logger.warning("reading campaign progress of %s failed: %r", self.key, exc)
            return Update(error=exc)

    async def _run(self) -> None:
        try:
            update = await self._read()
            if update.error is not None:
                update = Update(error=update.error, final=True)  # a refusal, before any event
            self._publish(update)
            while not update.final:
                await self.hub.wait(self.hub.interval)
                update = await self._read()
                self._publish(update)
        except Exception as exc:  # a fault of the poller itself: no watcher waits forever
            self._publish(Update(error=exc, final=True))
            raise
        finally:
            self.hub._forget(self)

    def _publish(self, update: Update) -> None:
        self.latest = update
        for slot in self.slots:
            slot.put(update)


class Watch:
    """One client's view of a poller: its events (:class:`CampaignStats` when they changed, or
    an error), ending after the final reading. Iterate it; close it to leave."""

    def __init__(self, hub: ProgressHub, poller: _Poller, slot: _Slot) -> None:
        self._hub = hub
        self._poller = poller
        self._slot = slot
        self._last: CampaignStats | None = None
        self._failing = False
        self._done = False

    def __aiter__(self) -> Watch:
        return self

    async def __anext__(self) -> CampaignStats | Exception:
        """The next event: changed stats, or an error; StopAsyncIteration after the last."""
        while not self._done:
            update = await self._slot.take()
            self._done = update.final
            if update.error is not None:
                if update.final or not self._failing:
                    self._failing = True
                    return update.error
                continue  # the same outage goes on: told once
            if update.details is None:
                break  # the hub closed
            stats = update.details.stats
            if stats != self._last or self._failing:
                self._last, self._failing = stats, False
                return stats
        await self.aclose()
        raise StopAsyncIteration

    async def aclose(self) -> None:
        """Stop watching (idempotent): the poller stops when no one else watches."""
        self._done = True
        self._hub._leave(self._poller, self._slot)


class ProgressHub:
    """Every poller of the process: at most one per (tenant, platform, campaign).

    ``read`` reads a campaign afresh (bypassing the shared read cache); ``interval`` is the
    time between two readings, waited with ``wait``; ``max_campaigns`` caps the pollers and
    ``max_watches`` the watches at once (past either, a watch is refused with
    TOO_MANY_SUBSCRIPTIONS).
    """

    def __init__(
        self,
        read: ReadCampaign,
        *,
        interval: float,
        max_campaigns: int,
        max_watches: int,
        wait: Wait = asyncio.sleep,
    ) -> None:
        self.read = read
        self.interval = interval
        self.wait = wait
        self.max_campaigns = max_campaigns
        self.max_watches = max_watches
        self._pollers: dict[WatchKey, _Poller] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._watches = 0
        self._idle = asyncio.Event()
        self._idle.set()

    # -- inspection ---------------------------------------------------------------------------

    @property
    def campaigns(self) -> dict[WatchKey, int]:
        """Each campaign polled now, and how many watch it."""
        return {key: len(poller.slots) for key, poller in self._pollers.items()}

    def reads(self, key: WatchKey) -> int:
        """Readings the current poller of ``key`` made (0 when none polls it)."""
        poller = self._pollers.get(key)
        return poller.reads if poller is not None else 0

    @property
    def running(self) -> int:
        """Poller tasks not finished yet (a cancelled one counts until it has stopped)."""
        return len(self._tasks)

    async def idle(self) -> None:
        """Return once no poller is left and every poller task has stopped."""
        await self._idle.wait()

    # -- watching -----------------------------------------------------------------------------

    async def watch(self, key: WatchKey) -> Watch:
        """Join (or start) the poller of ``key`` and wait for its first reading: the latest one
        when the poller already runs. A failed first reading is raised here, before any event."""
        if self._watches >= self.max_watches:
            raise TooManyWatches(
                f"the gateway serves {self.max_watches} campaign progress subscriptions at once "
                "(MAILGQL_PROGRESS_MAX_WATCHES); try again later"
            )
        poller = self._pollers.get(key)
        if poller is None:
            if len(self._pollers) >= self.max_campaigns:
                raise TooManyWatches(
                    f"the gateway follows {self.max_campaigns} campaigns at once "
                    "(MAILGQL_PROGRESS_MAX_CAMPAIGNS); try again later"
                )
            poller = self._start(key)
        slot = _Slot()
        poller.slots.add(slot)
        self._watches += 1
        if poller.latest is not None:
            slot.put(poller.latest)
        watch = Watch(self, poller, slot)
        try:
            first = await slot.peek()
        except BaseException:
            await watch.aclose()
            raise
        if first.error is not None:
            # The campaign cannot be read now: refused before any event.
            await watch.aclose()
            raise first.error
        return watch

    def _start(self, key: WatchKey) -> _Poller:
        poller = _Poller(self, key)
        self._pollers[key] = poller
        self._tasks.add(poller.task)
        self._idle.clear()
        poller.task.add_done_callback(self._finished)
        return poller

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error("a campaign progress poller stopped", exc_info=task.exception())
        self._check_idle()

    def _check_idle(self) -> None:
        if not self._pollers and not self._tasks:
            self._idle.set()

    def _forget(self, poller: _Poller) -> None:
        """The poller ended (final reading, or cancelled): a new watch starts another."""
        if self._pollers.get(poller.key) is poller:
            del self._pollers[poller.key]
        self._check_idle()

    def _leave(self, poller: _Poller, slot: _Slot) -> None:
        if slot not in poller.slots:
            return
        poller.slots.discard(slot)
        self._watches -= 1
        if not poller.slots:
            self._forget(poller)
            poller.task.cancel()

    async def aclose(self) -> None:
        """Stop every poller (the app is shutting down); open watches end without an event."""
        pollers = list(self._pollers.values())
        for poller in pollers:
            poller.task.cancel()
            for slot in poller.slots:
                slot.put(_CLOSED)
        await asyncio.gather(*(p.task for p in pollers), return_exceptions=True)
