"""Relation fields written as the one call that answers them.

An object's relation (its parent, a page of its lists, its quota) is read by one call: of the
object's platform part of the graph (:func:`platform_page`, :func:`platform_answer`), of that
part only where it answers a kind of object such as emails (:func:`part_answer`), or of a module
function that answers for any platform (:func:`page`). These build the field from that call, so
each relation is declared the same short way and every one says alike that it is null, with an
error at its path, when the platform fails to answer it.

Each returns what ``strawberry.field`` builds, typed as the value the class attribute it is
assigned to holds (as strawberry types its own ``strawberry.field(resolver=...)``); the GraphQL
type is that attribute's annotation. Their resolvers take the object as ``self``, as a method
would, so that :func:`~mailgql.graph.resolution.streamline` serves them directly.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

import strawberry

from mailgql.graph.context import Info
from mailgql.graph.dispatch import platform_graph, platform_part
from mailgql.graph.pagination import After, Connection, First, Window
from mailgql.platforms import Platform

if TYPE_CHECKING:
    from mailgql.graph.platforms import PlatformGraph

__all__ = ["FAILS", "page", "part_answer", "part_page", "platform_answer", "platform_page"]

FAILS = "Null, with an error at its path, when the platform fails to answer it."
"""What every relation field's description ends with."""


class OnPlatform(Protocol):
    """An object of one platform."""

    @property
    def platform(self) -> Platform:
        """The platform the object lives on."""
        ...


R = TypeVar("R", bound=OnPlatform)
T = TypeVar("T")
G = TypeVar("G")


def page(
    read: Callable[[Info, R, Window], Awaitable[Connection[T]]], description: str
) -> Connection[T] | None:
    """A paged relation (``first``, ``after``) that ``read`` answers for the window asked."""

    async def resolve(self: R, info: Info, first: First = 50, after: After = None) -> Connection[T]:
        return await read(info, self, Window.asked(info, first, after))

    field: Connection[T] | None = strawberry.field(
        resolver=resolve, description=f"{description} {FAILS}"
    )
    return field


def platform_page(
    pick: Callable[[PlatformGraph], Callable[[Info, R, Window], Awaitable[Connection[T]]]],
    description: str,
) -> Connection[T] | None:
    """A paged relation answered by the call ``pick`` chooses of the object's platform."""

    async def read(info: Info, root: R, window: Window) -> Connection[T]:
        return await pick(platform_graph(info, root.platform))(info, root, window)

    return page(read, description)


def part_page(
    kind: type[G], pick: Callable[[G], Callable[[Info, R, Window], Awaitable[Connection[T]]]]
) -> Callable[[Info, R, Window], Awaitable[Connection[T]]]:
    """The paged read (for :func:`page`) of the call ``pick`` chooses of the object's platform
    when that platform answers ``kind`` (such as ``EmailGraph``); an empty page on any other."""

    async def read(info: Info, root: R, window: Window) -> Connection[T]:
        graph = platform_part(info, root.platform, kind)
        return Connection.empty() if graph is None else await pick(graph)(info, root, window)

    return read


def platform_answer(
    pick: Callable[[PlatformGraph], Callable[[Info, R], Awaitable[T | None]]], description: str
) -> T | None:
    """A relation to one object (or none), answered by the call ``pick`` chooses of the object's
    platform."""

    async def resolve(self: R, info: Info) -> T | None:
        return await pick(platform_graph(info, self.platform))(info, self)

    field: T | None = strawberry.field(resolver=resolve, description=f"{description} {FAILS}")
    return field


def part_answer(
    kind: type[G],
    pick: Callable[[G], Callable[[Info, R], Awaitable[T | None]]],
    description: str,
    ending: str = FAILS,
) -> T | None:
    """A relation answered by the call ``pick`` chooses of the object's platform when that
    platform answers ``kind`` (such as ``EmailGraph``); null on any other platform."""

    async def resolve(self: R, info: Info) -> T | None:
        graph = platform_part(info, self.platform, kind)
        return None if graph is None else await pick(graph)(info, self)

    field: T | None = strawberry.field(resolver=resolve, description=f"{description} {ending}")
    return field
