"""Whole answers to repeated queries: the same operation (document, operation name, variables)
under the same credentials, within the TTL, is answered with the bytes of the first answer and
not executed again.

Only a query that executed without a single error is kept, for the shortest TTL of the kinds of
record it read. It is tagged with the name of every upstream read it used, so a write that
invalidates one of those reads (in any process the store reaches) evicts it.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping

from mailgql.cache.backend import Answer, CacheBackend
from mailgql.cache.reads import RequestReads

__all__ = ["ResponseCache", "document_hash"]

logger = logging.getLogger("mailgql.cache")


def document_hash(text: str) -> str:
    """A document's SHA-256, in hex: what Automatic Persisted Queries name it by (a text that
    is not valid Unicode, which no client can have hashed, gets a hash all the same)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class ResponseCache:
    """Answers by operation and credentials, in one store; ``default_ttl`` is kept by an answer
    that read no upstream record; an answer over ``max_bytes`` is not kept (distinct large
    queries would otherwise fill the store)."""

    def __init__(
        self, backend: CacheBackend, *, default_ttl: float, max_bytes: int | None = None
    ) -> None:
        self._backend = backend
        self._default_ttl = default_ttl
        self._max_bytes = max_bytes

    @staticmethod
    def key(
        *,
        document: str,
        operation_name: str | None,
        variables: Mapping[str, object] | None,
        scope: str,
    ) -> str:
        """The name of one operation's answer; ``document`` is the text's SHA-256, ``scope``
        says whose credentials (and, once callers are told apart, which caller) it was for."""
        canonical = json.dumps(
            [document, operation_name, variables or {}, scope],
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
            default=str,
        )
        return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()

    async def get(self, key: str) -> bytes | None:
        """A kept answer, or None (also when the store fails: then the query executes)."""
        try:
            return await self._backend.response(key)
        except Exception:
            logger.exception("answer look-up failed; executing the query")
            return None

    async def put(self, key: str, body: bytes, reads: RequestReads) -> bool:
        """Keep an answer built from ``reads``; False when it may not be kept (a kind it read
        keeps nothing, or a write invalidated one of them while it was being built)."""
        ttl = self._default_ttl if reads.ttl is None else reads.ttl
        if ttl <= 0 or not reads.store:
            return False
        if self._max_bytes is not None and len(body) > self._max_bytes:
            return False
        try:
            answer = Answer(body, ttl, tags=reads.tags, generations=reads.generations)
            return await self._backend.store_response(key, answer)
        except Exception:
            logger.exception("answer store failed; the answer is not kept")
            return False
