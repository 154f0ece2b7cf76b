"""What a cache store does for the gateway, whatever holds it (process memory or Redis).

Three kinds of entries share one store:

- **reads**: upstream records, named as :mod:`mailgql.cache.keys` says, each with a TTL;
- **responses**: whole GraphQL answers (bytes), each tagged with the names of the reads it
  was built from, so that invalidating a read evicts every answer that showed it;
- **documents**: persisted query texts by their SHA-256 (Automatic Persisted Queries);
- **claims**: records of requests that must run once (``Idempotency-Key``), each claimed
  atomically, then settled with what it answered (:mod:`mailgql.graphql_http.idempotency`).

A *generation* counts the invalidations of one kind of record in one scope. A read or an
answer is stored only if the generations it was read under are still current, so a call that
was in flight while a write invalidated its kind cannot put a stale value back.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

__all__ = ["MISSING", "Answer", "CacheBackend", "Missing", "StoreUnfit"]


class Missing:
    """The type of :data:`MISSING`."""

    _instance: Missing | None = None

    def __new__(cls) -> Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __reduce__(self) -> str:
        return "MISSING"


MISSING = Missing()
"""No entry under that name (a cached ``None`` is a value)."""


class StoreUnfit(Exception):
    """The store answers but cannot hold the caches (a Redis server older than 6.2)."""


@dataclass(frozen=True, slots=True)
class Answer:
    """A GraphQL answer to keep: its bytes, for how long, what it was built from (the names of
    its upstream reads), and the generation of each kind it read when it read it."""

    body: bytes
    ttl: float
    tags: Collection[str]
    generations: Mapping[str, int]


class CacheBackend(Protocol):
    """A store of reads, responses and documents; every method is safe to call concurrently."""

    name: str
    """``memory`` or ``redis``: shown in logs and metrics."""

    async def read(
        self, names: Sequence[str], generation: str
    ) -> tuple[list[object | Missing], int]:
        """The values stored under ``names`` (``MISSING`` where none), and the current value of
        the generation counter ``generation``."""
        ...

    async def store(
        self, entries: Sequence[tuple[str, object]], ttl: float, *, generation: str, expected: int
    ) -> bool:
        """Store reads for ``ttl`` seconds, unless ``generation`` moved past ``expected``
        (then nothing is stored and the answer is False)."""
        ...

    async def invalidate(self, prefixes: Collection[str], generations: Collection[str]) -> None:
        """Advance ``generations``, drop every read whose name starts with one of
        ``prefixes``, and every response tagged with such a name."""
        ...

    async def response(self, key: str) -> bytes | None:
        """A stored response body, or None."""
        ...

    async def store_response(self, key: str, answer: Answer) -> bool:
        """Keep an answer under ``key`` with its tags, unless a generation it was read under
        has moved (then the answer is False)."""
        ...

    async def document(self, sha256: str) -> str | None:
        """A persisted query's text by its hash, or None."""
        ...

    async def store_document(self, sha256: str, text: str) -> None:
        """Persist a query's text under its hash."""
        ...

    async def claim(self, name: str, record: bytes, ttl: float) -> bytes | None:
        """Hold ``record`` under ``name`` for ``ttl`` seconds unless a record is held there,
        atomically: None when it is now held, else the record found (left as it is)."""
        ...

    async def settle(self, name: str, expected: bytes, record: bytes | None, ttl: float) -> bool:
        """If ``name`` holds ``expected``, atomically hold ``record`` there instead for ``ttl``
        seconds (None: hold nothing); whether it held ``expected``."""
        ...

    async def claimed(self, name: str) -> bytes | None:
        """The record held under ``name``, or None."""
        ...

    async def aclose(self) -> None:
        """Release connections."""
        ...
