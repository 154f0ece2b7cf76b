"""Hand-written Relay connections: ``first``/``after`` in, edges, nodes, pageInfo, totalCount out.

A cursor is the opaque base64 of ``cursor:<offset>``; adapters translate offsets into their
platform's own paging. A page starts at most ``MAILGQL_MAX_OFFSET`` items in (10,000 unless
configured): a cursor further on, or one we did not make, is a BAD_USER_INPUT naming ``after``,
so no crafted cursor makes a platform read past that.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Generic, TypeVar

import strawberry

from mailgql.graph.errors import BadUserInput
from mailgql.input_rules import ascii_number

if TYPE_CHECKING:
    from mailgql.graph.context import Info

__all__ = [
    "DEFAULT_MAX_OFFSET",
    "DEFAULT_PAGE_SIZE",
    "After",
    "Connection",
    "Edge",
    "First",
    "PageInfo",
    "Window",
    "decode_cursor",
    "encode_cursor",
]

T = TypeVar("T")
DEFAULT_PAGE_SIZE = 50
DEFAULT_MAX_OFFSET = 10_000
"""How far into a connection a page may start unless MAILGQL_MAX_OFFSET says otherwise."""
_PREFIX = "cursor:"
_LAST_OFFSET = 10**18
"""The largest offset a cursor we make may carry (far past any MAILGQL_MAX_OFFSET)."""

First = Annotated[
    int | None,
    strawberry.argument(
        description="How many items to return: default 50, at most MAILGQL_MAX_PAGE_SIZE (500 "
        "by default)."
    ),
]
"""The ``first`` argument of every connection field."""
After = Annotated[
    str | None,
    strawberry.argument(
        description="Return the items after this cursor (an `endCursor` of a previous page)."
    ),
]
"""The ``after`` argument of every connection field."""


def encode_cursor(offset: int) -> str:
    """The opaque cursor of the item at ``offset``."""
    return base64.b64encode(f"{_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    """The offset a cursor points at; a cursor we did not make is a BAD_USER_INPUT."""
    try:
        text = base64.b64decode(cursor.encode(), validate=True).decode()
    except (binascii.Error, UnicodeError, ValueError):
        text = ""
    offset = None
    if text.startswith(_PREFIX):
        offset = ascii_number(text[len(_PREFIX) :], max_value=_LAST_OFFSET)
    if offset is None:
        shown = repr(cursor[:64]) + ("..." if len(cursor) > 64 else "")
        raise BadUserInput(f"{shown} is not a cursor of this connection", field=("after",))
    return offset


@dataclass(frozen=True, slots=True)
class Window:
    """Which slice of a listing a connection field asks for."""

    offset: int
    first: int

    @classmethod
    def from_args(
        cls,
        first: int | None,
        after: str | None,
        *,
        max_page_size: int,
        max_offset: int = DEFAULT_MAX_OFFSET,
    ) -> Window:
        """Validate ``first``/``after``; out-of-range values are a BAD_USER_INPUT, and so is a
        cursor whose page would start past ``max_offset``."""
        size = DEFAULT_PAGE_SIZE if first is None else first
        if size < 0:
            raise BadUserInput("first must be 0 or more", field=("first",))
        if size > max_page_size:
            raise BadUserInput(
                f"first must be at most {max_page_size} (MAILGQL_MAX_PAGE_SIZE)", field=("first",)
            )
        offset = 0 if after is None else decode_cursor(after) + 1
        if offset > max_offset:
            raise BadUserInput(
                f"after points {offset} items in; pages start at most {max_offset} items in "
                "(MAILGQL_MAX_OFFSET)",
                field=("after",),
            )
        return cls(offset=offset, first=size)

    @classmethod
    def asked(cls, info: Info, first: int | None, after: str | None) -> Window:
        """The window a connection field's ``first``/``after`` ask for, bounded by the
        request's MAILGQL_MAX_PAGE_SIZE and MAILGQL_MAX_OFFSET."""
        settings = info.context.settings
        return cls.from_args(
            first, after, max_page_size=settings.max_page_size, max_offset=settings.max_offset
        )

    @property
    def fetch_count(self) -> int:
        """How many records to read: one more than asked, to learn whether a next page exists."""
        return self.first + 1


@strawberry.type(description="Where a page sits in its connection.")
class PageInfo:
    """Where a page sits in its connection."""

    has_next_page: bool = strawberry.field(description="More items follow this page.")
    has_previous_page: bool = strawberry.field(description="Items precede this page.")
    start_cursor: str | None = strawberry.field(
        description="Cursor of the first item; null if empty."
    )
    end_cursor: str | None = strawberry.field(
        description="Cursor of the last item; pass it as `after` for the next page. Null if empty."
    )


@strawberry.type(description="One item of a connection and its cursor.")
class Edge(Generic[T]):
    """One item of a connection and its cursor."""

    cursor: str = strawberry.field(description="Opaque position of this item; use it as `after`.")
    node: T = strawberry.field(description="The item.")


def _edges(root: Connection[T]) -> list[Edge[T]]:
    """The ``edges`` of a connection, made only when a document asks for them."""
    return root.edges


@strawberry.type(
    description="A page of items. Ask with `first` (default 50, at most MAILGQL_MAX_PAGE_SIZE, "
    "500 unless configured) and `after` (an `endCursor`)."
)
class Connection(Generic[T]):
    """A page of items with Relay paging.

    Its edges (an object and a cursor per item) are built from ``nodes`` when read, so a page
    asked only for its ``nodes`` never makes them.
    """

    edge_list: list[Edge[T]] = strawberry.field(
        name="edges", resolver=_edges, description="The items with their cursors."
    )
    nodes: list[T] = strawberry.field(description="The items alone.")
    page_info: PageInfo = strawberry.field(description="Paging state of this page.")
    total_count: int | None = strawberry.field(
        description="Number of items in the whole connection; null when the platform does not "
        "say and the gateway has not read to the end."
    )
    offset: strawberry.Private[int] = 0
    """The position of the first of ``nodes`` in the whole connection."""

    @property
    def edges(self) -> list[Edge[T]]:
        """The items with their cursors."""
        start = self.offset
        return [Edge(cursor=encode_cursor(start + i), node=n) for i, n in enumerate(self.nodes)]

    @classmethod
    def build(cls, items: Sequence[T], window: Window, *, total: int | None) -> Connection[T]:
        """A connection from up to ``window.fetch_count`` items read at ``window.offset``."""
        page = list(items[: window.first])
        has_next = len(items) > window.first
        if total is not None:
            has_next = window.offset + len(page) < total
        last = window.offset + len(page) - 1
        return cls(
            nodes=page,
            page_info=PageInfo(
                has_next_page=has_next,
                has_previous_page=window.offset > 0,
                start_cursor=encode_cursor(window.offset) if page else None,
                end_cursor=encode_cursor(last) if page else None,
            ),
            total_count=total,
            offset=window.offset,
        )

    @classmethod
    def slice(cls, items: Sequence[T], window: Window) -> Connection[T]:
        """A connection cut from a complete in-memory listing."""
        chunk = items[window.offset : window.offset + window.fetch_count]
        return cls.build(chunk, window, total=len(items))

    @classmethod
    def empty(cls) -> Connection[T]:
        """A connection with no items (the platform has none of these)."""
        return cls.slice([], Window(offset=0, first=0))
