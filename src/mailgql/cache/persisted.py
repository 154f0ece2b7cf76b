"""Automatic Persisted Queries: a client sends a document's SHA-256 instead of its text, and the
text once, when the gateway does not know the hash yet.

The protocol (``extensions.persistedQuery`` with ``version: 1`` and ``sha256Hash``, over GET or
POST): a hash the gateway does not hold is answered ``PERSISTED_QUERY_NOT_FOUND``, and the
client sends the hash again with the text, which is checked against the hash and kept.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from mailgql.cache.backend import CacheBackend
from mailgql.cache.responses import document_hash

__all__ = [
    "PERSISTED_QUERY_NOT_FOUND",
    "PersistedQueries",
    "PersistedQueryError",
    "PersistedQueryRequest",
]

PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
"""``extensions.code`` of an answer to a hash the gateway does not hold."""

logger = logging.getLogger("mailgql.cache")

_SHA256 = re.compile(r"[0-9a-f]{64}")


class PersistedQueryError(ValueError):
    """A ``persistedQuery`` extension that is malformed or does not match its text."""


@dataclass(frozen=True, slots=True)
class PersistedQueryRequest:
    """What a request's ``persistedQuery`` extension asks for."""

    sha256: str

    @classmethod
    def parse(cls, extension: object) -> PersistedQueryRequest:
        """Read the extension; a malformed one is a :class:`PersistedQueryError`."""
        if not isinstance(extension, dict):
            raise PersistedQueryError("extensions.persistedQuery must be a JSON object")
        if extension.get("version") != 1:
            raise PersistedQueryError("extensions.persistedQuery.version must be 1")
        sha = extension.get("sha256Hash")
        if not isinstance(sha, str) or not _SHA256.fullmatch(sha.lower()):
            raise PersistedQueryError(
                "extensions.persistedQuery.sha256Hash must be 64 hexadecimal digits"
            )
        return cls(sha.lower())


class PersistedQueries:
    """Documents by their hash, in one store (this process's memory, or Redis for all)."""

    def __init__(self, backend: CacheBackend, *, max_chars: int = 100_000) -> None:
        self._backend = backend
        self._max_chars = max_chars

    async def text(self, request: PersistedQueryRequest) -> str | None:
        """The document registered under the request's hash, or None (also when the store
        fails: the client then sends the text again)."""
        try:
            return await self._backend.document(request.sha256)
        except Exception:
            logger.exception("persisted query look-up failed")
            return None

    async def register(self, request: PersistedQueryRequest, text: str) -> None:
        """Keep ``text`` under the request's hash, after checking that it is the text's hash."""
        if document_hash(text) != request.sha256:
            raise PersistedQueryError("the query's SHA-256 is not extensions.persistedQuery's")
        if len(text) > self._max_chars:
            return
        try:
            await self._backend.store_document(request.sha256, text)
        except Exception:
            logger.exception("persisted query store failed; the text is not kept")
