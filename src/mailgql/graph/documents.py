"""Parsed and validated documents, kept by their text so that each is parsed and validated once.

The cache works inside Strawberry's own pipeline, as a schema extension: on a hit it hands
Strawberry the stored document (Strawberry does not parse when a document is already set) and
the stored validation outcome (Strawberry does not validate when one is already set); on a miss
it lets Strawberry do the work and keeps the result. A document that failed validation is kept
with its errors, so it is refused again without being validated again. Syntax errors are not
kept: finding one again is cheap, and keeping them would let junk push good documents out.

The key is the document text alone: parse options and validation rules are fixed per schema,
and every schema gets its own cache.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from graphql import DocumentNode, GraphQLError
from strawberry.extensions import SchemaExtension

__all__ = [
    "DEFAULT_MAX_CHARS",
    "DEFAULT_MAX_ENTRIES",
    "DocumentCache",
    "DocumentCacheStats",
    "DocumentCaching",
]

DEFAULT_MAX_ENTRIES = 1_000
"""Documents a cache keeps before it drops the least recently used one."""

DEFAULT_MAX_CHARS = 2_000_000
"""Characters of document text a cache keeps in all; a longer single document is not kept."""


@dataclass(frozen=True, slots=True)
class DocumentCacheStats:
    """What a cache has done so far: the public hook tests and metrics read."""

    parses: int
    """Documents Strawberry had to parse (every lookup that missed, syntax errors included)."""
    validations: int
    """Documents Strawberry had to validate."""
    hits: int
    """Requests served a stored parse."""
    entries: int
    """Documents held now."""
    chars: int
    """Characters of document text held now."""


@dataclass(slots=True)
class _Entry:
    document: DocumentNode
    # None until validation has run to its end once for this document.
    errors: tuple[GraphQLError, ...] | None = None


class DocumentCache:
    """A bounded LRU cache of parsed documents and their validation errors, keyed by text."""

    def __init__(
        self, *, max_entries: int = DEFAULT_MAX_ENTRIES, max_chars: int = DEFAULT_MAX_CHARS
    ) -> None:
        if max_entries < 1 or max_chars < 1:
            raise ValueError("a document cache needs room for at least one document")
        self.max_entries = max_entries
        self.max_chars = max_chars
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._chars = 0
        self._parses = 0
        self._validations = 0
        self._hits = 0

    @property
    def stats(self) -> DocumentCacheStats:
        """The counters and the current size."""
        return DocumentCacheStats(
            parses=self._parses,
            validations=self._validations,
            hits=self._hits,
            entries=len(self._entries),
            chars=self._chars,
        )

    def extension(self) -> Callable[[], SchemaExtension]:
        """A factory for ``strawberry.Schema(extensions=[...])``: one extension per request."""
        return partial(DocumentCaching, cache=self)

    def document(self, text: str) -> DocumentNode | None:
        """The stored document for this text (now the most recently used), or None."""
        entry = self._entries.get(text)
        if entry is None:
            return None
        self._entries.move_to_end(text)
        self._hits += 1
        return entry.document

    def record_parse(self, text: str, document: DocumentNode | None) -> None:
        """Count a parse Strawberry made, and keep its document (None: a syntax error)."""
        self._parses += 1
        if document is None or len(text) > self.max_chars or text in self._entries:
            return
        self._entries[text] = _Entry(document)
        self._chars += len(text)
        while len(self._entries) > self.max_entries or self._chars > self.max_chars:
            oldest, _ = self._entries.popitem(last=False)
            self._chars -= len(oldest)

    def validation(self, text: str) -> tuple[GraphQLError, ...] | None:
        """The stored validation errors for this text (empty: valid), or None if never validated."""
        entry = self._entries.get(text)
        return None if entry is None else entry.errors

    def record_validation(self, text: str, errors: list[GraphQLError]) -> None:
        """Count a validation Strawberry made, and keep its errors with the document."""
        self._validations += 1
        entry = self._entries.get(text)
        if entry is not None:
            entry.errors = tuple(errors)


S = TypeVar("S")


def _served(
    text: str | None,
    lookup: Callable[[str], S | None],
    serve: Callable[[S], None],
    keep: Callable[[str], None],
) -> Iterator[None]:
    """One step of Strawberry's pipeline around its ``yield``: before it, hand over what the
    cache holds for ``text``; after it, on a miss, keep what the step made. With no ``text``
    the step runs untouched."""
    if text is None:
        yield
        return
    stored = lookup(text)
    if stored is not None:
        serve(stored)
    yield
    if stored is None:
        keep(text)


class DocumentCaching(SchemaExtension):
    """Serve parses and validations from a :class:`DocumentCache`, and fill it on a miss."""

    def __init__(self, *, cache: DocumentCache) -> None:
        super().__init__()
        self.cache = cache

    def on_parse(self) -> Iterator[None]:
        """Before parsing: hand over the stored document; after: keep what was parsed."""
        context = self.execution_context

        def serve(document: DocumentNode) -> None:
            context.graphql_document = document

        # A document set by someone else (a persisted-query extension, say) is left alone.
        text = context.query if context.graphql_document is None else None
        yield from _served(
            text,
            self.cache.document,
            serve,
            lambda query: self.cache.record_parse(query, context.graphql_document),
        )

    def on_validate(self) -> Iterator[None]:
        """Before validating: hand over the stored outcome; after: keep the new one."""
        context = self.execution_context

        def serve(errors: tuple[GraphQLError, ...]) -> None:
            # A list, even an empty one, tells Strawberry that validation has been done.
            context.pre_execution_errors = list(errors)

        def keep(query: str) -> None:
            if context.pre_execution_errors is not None:
                self.cache.record_validation(query, context.pre_execution_errors)

        text = context.query if context.pre_execution_errors is None else None
        yield from _served(text, self.cache.validation, serve, keep)
