"""The cache in this process's memory: LRU, bounded by entry count (and, for whole answers, by
their bytes together), expiring by TTL.

What it holds is seen by this process alone: with several gateway processes, each has its own,
and a write through one of them reaches another's entries only when they expire. Values are
kept as they are (records are immutable), so a hit costs a dictionary look-up.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Collection, Sequence

from mailgql.cache.backend import MISSING, Answer, Missing

__all__ = ["MemoryBackend"]


class _Lru:
    """Entries by name, least recently used first, each with the time it expires; with
    ``max_bytes``, the ``bytes`` values together stay within it too."""

    def __init__(
        self, max_entries: int, clock: Callable[[], float], *, max_bytes: int | None = None
    ) -> None:
        self._entries: OrderedDict[str, tuple[float, object]] = OrderedDict()
        self._max = max_entries
        self._clock = clock
        self._max_bytes = max_bytes
        self._bytes = 0

    @staticmethod
    def _size(value: object) -> int:
        return len(value) if isinstance(value, bytes) else 0

    def get(self, name: str) -> object | Missing:
        found = self._entries.get(name)
        if found is None:
            return MISSING
        expires, value = found
        if expires <= self._clock():
            self.pop(name)
            return MISSING
        self._entries.move_to_end(name)
        return value

    def put(self, name: str, value: object, ttl: float) -> list[str]:
        """Store; the names pushed out to stay within bounds."""
        self.pop(name)
        self._entries[name] = (self._clock() + ttl, value)
        self._bytes += self._size(value)
        evicted = []
        while len(self._entries) > self._max or (
            self._max_bytes is not None and self._bytes > self._max_bytes and self._entries
        ):
            oldest, (_, dropped) = self._entries.popitem(last=False)
            self._bytes -= self._size(dropped)
            evicted.append(oldest)
        return evicted

    def pop(self, name: str) -> None:
        found = self._entries.pop(name, None)
        if found is not None:
            self._bytes -= self._size(found[1])

    @property
    def bytes(self) -> int:
        """The bytes of the ``bytes`` values held."""
        return self._bytes

    def names_starting(self, prefixes: Collection[str]) -> list[str]:
        starts = tuple(prefixes)
        return [name for name in self._entries if name.startswith(starts)]

    def __len__(self) -> int:
        return len(self._entries)


class MemoryBackend:
    """Reads, responses and persisted documents in this process, each bounded to
    ``max_entries``, the responses' bytes together to ``max_response_bytes``; ``clock``
    (monotonic seconds) is what expiry is measured against."""

    name = "memory"

    def __init__(
        self,
        *,
        max_entries: int = 10_000,
        max_response_bytes: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._reads = _Lru(max_entries, clock)
        self._responses = _Lru(max_entries, clock, max_bytes=max_response_bytes)
        self._documents = _Lru(max_entries, clock)
        self._claims = _Lru(max_entries, clock)
        self._tags: dict[str, set[str]] = {}
        self._tags_of: dict[str, tuple[str, ...]] = {}
        self._generations: dict[str, int] = {}

    @property
    def sizes(self) -> tuple[int, int, int]:
        """How many reads, responses and documents are held."""
        return len(self._reads), len(self._responses), len(self._documents)

    @property
    def response_bytes(self) -> int:
        """The bytes of the answers held."""
        return self._responses.bytes

    async def read(
        self, names: Sequence[str], generation: str
    ) -> tuple[list[object | Missing], int]:
        """See :class:`~mailgql.cache.backend.CacheBackend`."""
        return [self._reads.get(n) for n in names], self._generations.get(generation, 0)

    async def store(
        self, entries: Sequence[tuple[str, object]], ttl: float, *, generation: str, expected: int
    ) -> bool:
        """See :class:`~mailgql.cache.backend.CacheBackend`."""
        if self._generations.get(generation, 0) != expected:
            return False
        for name, value in entries:
            self._reads.put(name, value, ttl)
        return True

    async def invalidate(self, prefixes: Collection[str], generations: Collection[str]) -> None:
        """See :class:`~mailgql.cache.backend.CacheBackend`."""
        for generation in generations:
            self._generations[generation] = self._generations.get(generation, 0) + 1
        if not prefixes:
            return
        for name in self._reads.names_starting(prefixes):
            self._reads.pop(name)
        starts = tuple(prefixes)
        for tag in [t for t in self._tags if t.startswith(starts)]:
            for key in self._tags.pop(tag, set()):
                self._drop_response(key)

    async def response(self, key: str) -> bytes | None:
        """See :class:`~mailgql.cache.backend.CacheBackend`."""
        body = self._responses.get(key)
        if isinstance(body, bytes):
            return body
        if body is not MISSING:  # expired entries come back MISSING; nothing else is stored
            return None
        self._untag(key)
        return None

    async def store_response(self, key: str, answer: Answer) -> bool:
        """See :class:`~mailgql.cache.backend.CacheBackend`."""
        if any(self._generations.get(g, 0) != n for g, n in answer.generations.items()):
            return False
        self._untag(key)
        evicted = self._responses.put(key, answer.body, answer.ttl)
        for name in evicted:
            self._untag(name)
        if key in evicted:  # larger than all the room there is
            return False
        self._tags_of[key] = tuple(answer.tags)
        for tag in answer.tags:
            self._tags.setdefault(tag, set()).add(key)
        return True

    async def document(self, sha256: str) -> str | None:
        """See :class:`~mailgql.cache.backend.CacheBackend`."""
        text = self._documents.get(sha256)
        return text if isinstance(text, str) else None

    async def store_document(self, sha256: str, text: str) -> None:
        """See :class:`~mailgql.cache.backend.CacheBackend`."""
        self._documents.put(sha256, text, float("inf"))

    async def claim(self, name: str, record: bytes, ttl: float) -> bytes | None:
        """See :class:`~mailgql.cache.backend.CacheBackend`."""
        held = self._claims.get(name)
        if isinstance(held, bytes):
            return held
        self._claims.put(name, record, ttl)
        return None

    async def settle(self, name: str, expected: bytes, record: bytes | None, ttl: float) -> bool:
        """See :class:`~mailgql.cache.backend.CacheBackend`."""
        if self._claims.get(name) != expected:
            return False
        if record is None:
            self._claims.pop(name)
        else:
            self._claims.put(name, record, ttl)
        return True

    async def claimed(self, name: str) -> bytes | None:
        """See :class:`~mailgql.cache.backend.CacheBackend`."""
        held = self._claims.get(name)
        return held if isinstance(held, bytes) else None

    async def aclose(self) -> None:
        """Nothing to release."""

    def _drop_response(self, key: str) -> None:
        self._responses.pop(key)
        self._untag(key)

    def _untag(self, key: str) -> None:
        for tag in self._tags_of.pop(key, ()):
            keys = self._tags.get(tag)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self._tags[tag]
