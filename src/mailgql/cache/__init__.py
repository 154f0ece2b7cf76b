"""What the gateway keeps between requests: upstream reads (shared by every request, joined
while in flight), whole answers to repeated queries, and persisted query texts.

One store holds them all: this process's memory by default, Redis when ``MAILGQL_REDIS_URL`` is
set (then every gateway process using that server shares them, invalidations included).
``MAILGQL_CACHE_TTL`` (seconds, 30 by default) is how long reads and answers are kept; 0 keeps
none. A request with ``Cache-Control: no-cache`` reads upstream and refreshes what is kept;
``no-store`` neither uses nor keeps anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from mailgql.cache.backend import MISSING, Answer, CacheBackend, Missing, StoreUnfit
from mailgql.cache.memory import MemoryBackend
from mailgql.cache.persisted import (
    PERSISTED_QUERY_NOT_FOUND,
    PersistedQueries,
    PersistedQueryError,
    PersistedQueryRequest,
)
from mailgql.cache.reads import KindReads, PlatformReads, RequestReads, SharedReads, TtlPolicy
from mailgql.cache.responses import ResponseCache, document_hash
from mailgql.settings import Settings

__all__ = [
    "MISSING",
    "PERSISTED_QUERY_NOT_FOUND",
    "Answer",
    "CacheBackend",
    "Caches",
    "KindReads",
    "MemoryBackend",
    "Missing",
    "PersistedQueries",
    "PersistedQueryError",
    "PersistedQueryRequest",
    "PlatformReads",
    "RequestReads",
    "ResponseCache",
    "SharedReads",
    "StoreUnfit",
    "TtlPolicy",
    "cache_control",
    "document_hash",
    "open_caches",
]


@dataclass(frozen=True, slots=True)
class Caches:
    """The caches of one gateway process, over one store."""

    backend: CacheBackend
    reads: SharedReads
    responses: ResponseCache | None
    """None when answers are not kept (``MAILGQL_CACHE_TTL=0`` or ``MAILGQL_CACHE_RESPONSES``
    off)."""
    persisted: PersistedQueries

    async def aclose(self) -> None:
        """Release the store's connections."""
        await self.backend.aclose()


def open_caches(settings: Settings, backend: CacheBackend | None = None) -> Caches:
    """The caches ``settings`` ask for (``backend`` replaces the store they name)."""
    if backend is None:
        if settings.redis_url is not None:
            from mailgql.cache.redis import RedisBackend

            backend = RedisBackend(settings.redis_url.get_secret_value())
        else:
            backend = MemoryBackend(
                max_entries=settings.cache_max_entries,
                max_response_bytes=settings.cache_memory_max_bytes,
            )
    policy = TtlPolicy(settings.cache_ttl, dict(settings.cache_kind_ttl))
    keep_answers = settings.cache_responses and settings.cache_ttl > 0
    return Caches(
        backend=backend,
        reads=SharedReads(backend, policy, coalesce=settings.coalesce),
        responses=(
            ResponseCache(
                backend, default_ttl=settings.cache_ttl, max_bytes=settings.cache_answer_max_bytes
            )
            if keep_answers
            else None
        ),
        persisted=PersistedQueries(backend),
    )


def cache_control(header: str | None) -> tuple[bool, bool]:
    """Whether a request may be answered from the caches, and whether what it reads may be
    kept, by its ``Cache-Control`` header (``no-cache``: not answered from them; ``no-store``:
    neither)."""
    if not header:
        return True, True
    directives = {part.strip().split("=", 1)[0].lower() for part in header.split(",")}
    no_store = "no-store" in directives
    return not (no_store or "no-cache" in directives), not no_store
