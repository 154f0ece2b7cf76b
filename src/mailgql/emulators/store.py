"""What every platform emulator shares: seed, size, counter, faults, and seeded-state caching."""

from __future__ import annotations

import pickle
import random
import threading
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, ClassVar, Generic, Literal, Protocol, TypeVar

from starlette.responses import Response
from starlette.types import ASGIApp

from mailgql.emulators.faults import Faults, RequestCounter

__all__ = [
    "ControlAction",
    "EmulatorHub",
    "PlatformEmulator",
    "SeedCache",
    "SeededCopy",
    "Size",
    "rng_for",
]

Size = Literal["small", "large"]
ControlAction = Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]
"""A platform's control (``POST /_emulator/<platform>/<action>``): the JSON body in, the JSON
answer out."""

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


def rng_for(seed: int, platform: str) -> random.Random:
    """A deterministic random source for one platform's seed data."""
    return random.Random(f"{seed}:{platform}")


class SeededCopy(Generic[T]):
    """One caller's copy of a seeded state, made the first time it is read: an emulator that no
    request reaches (most tests ask one platform) never pays for its copy."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._state: T | None = None
        # Servers run in threads: the first two readers must not make two different copies.
        self._lock = threading.Lock()

    @property
    def made(self) -> bool:
        """Whether the copy has been made (read at least once)."""
        return self._state is not None

    def get(self) -> T:
        """The copy, made now if it was never read."""
        state = self._state
        if state is not None:
            return state
        with self._lock:
            if self._state is None:
                # Our own bytes, made by the cache from our own objects: never data from outside.
                made: T = pickle.loads(self._data)
                self._state = made
            return self._state


class SeedCache(Generic[K, T]):
    """Seeded states built once per key in this process, each caller given its own copy.

    A build is kept pickled: the template is immutable bytes that no emulator can mutate, and
    every copy is a new object graph sharing nothing mutable with any other copy (unpickling is
    also several times faster than ``copy.deepcopy`` of these states, and than building them).
    A copy is as good as a fresh build only because ``build`` is deterministic in its key; the
    key therefore holds everything a build reads (seed, size and, where seeded times depend on
    it, the day). The last ``keep`` keys are kept, so a long-running server that reseeds every
    day does not grow. The seeded secrets of a key (``secrets`` of a build) are read once, so an
    emulator can name them without making its copy.
    """

    def __init__(
        self,
        build: Callable[[K], T],
        *,
        secrets: Callable[[T], set[str]] | None = None,
        keep: int = 8,
    ) -> None:
        self._build = build
        self._secrets_of = secrets or (lambda _: set())
        self._keep = keep
        self._pickled: dict[K, tuple[bytes, frozenset[str]]] = {}
        # Servers run in threads: one build per key, and no torn dict while another thread reads.
        self._lock = threading.Lock()

    def _template(self, key: K) -> tuple[bytes, frozenset[str]]:
        with self._lock:
            template = self._pickled.get(key)
            if template is None:
                built = self._build(key)
                template = (
                    pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL),
                    frozenset(self._secrets_of(built)),
                )
                self._pickled[key] = template
                while len(self._pickled) > self._keep:
                    del self._pickled[next(iter(self._pickled))]
            return template

    def copy(self, key: K) -> SeededCopy[T]:
        """A copy of the state built for ``key``, owned by the caller alone, made when first
        read."""
        return SeededCopy(self._template(key)[0])

    def fresh(self, key: K) -> T:
        """A copy of the state built for ``key``, made now."""
        return self.copy(key).get()

    def secrets(self, key: K) -> frozenset[str]:
        """Every secret the state built for ``key`` was seeded with."""
        return self._template(key)[1]


class EmulatorHub:
    """Shared state of an emulator process: seed, size, request counter and armed faults."""

    def __init__(self, *, seed: int = 1, size: Size = "small") -> None:
        self.seed = seed
        self.size: Size = size
        self.faults = Faults()
        self.counter = RequestCounter()

    async def enter(self, platform: str, endpoint: str) -> Response | None:
        """Count a request and apply any armed fault; a response returned replaces the answer."""
        self.counter.hit(platform, endpoint)
        return await self.faults.intercept(platform, endpoint)


class PlatformEmulator(Protocol):
    """One legacy API's emulator: an ASGI app over its own seeded in-memory state."""

    name: ClassVar[str]
    """Platform key used by counters, faults and control routes (``v2rest``...)."""
    mount: ClassVar[str]
    """Path the app is mounted at inside the combined emulator app."""

    @property
    def app(self) -> ASGIApp:
        """The ASGI app serving the legacy API."""
        ...

    def reset(self) -> None:
        """Put back the seeded state of the hub's seed and size (a platform is seeded when made)."""
        ...

    def gateway_env(self, base_url: str) -> dict[str, str]:
        """``MAILGQL_*`` settings that point a gateway at this emulator served at ``base_url``."""
        ...
