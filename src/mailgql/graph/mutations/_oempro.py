"""What the Oempro-only mutations share: reading ids from inputs, naming the platform,
deleting an object an input names and copying one list's parts into another."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import strawberry

from mailgql.graph.context import Info
from mailgql.graph.dispatch import platform_graph
from mailgql.graph.errors import BadUserInput
from mailgql.graph.ids import decode_id, global_id, legacy_int_id
from mailgql.graph.lists import MailingList
from mailgql.graph.mutations._run import Change
from mailgql.graph.platforms.oempro import OemproGraph
from mailgql.graph.platforms.oempro.custom_fields import read_list
from mailgql.graph.platforms.oempro.keys import split_segment_key
from mailgql.graph.validation import plain_legacy_id
from mailgql.platforms import Platform

__all__ = [
    "LIST_FIELD",
    "LIST_ID",
    "NumberedWrite",
    "OemproListCopyInput",
    "OemproListInput",
    "copy_between_lists",
    "deleting",
    "list_id",
    "oempro",
    "on_list",
    "on_oempro",
    "plain_id",
    "recipient_segment_id",
]

T = TypeVar("T")

_P = Platform.OEMPRO

LIST_ID = "The list: a MailingList global ID or the plain Oempro list id."
"""The description of an input's Oempro ``listId``."""
LIST_FIELD = ("input", "listId")
"""The input path of a mutation's ``listId``."""

NumberedWrite = Callable[[OemproGraph, int], Awaitable[T]]
"""A write of the Oempro object with a given number, by Oempro's part of the graph."""


@strawberry.input
class OemproListInput:
    """What the inputs about one Oempro list start with: the list."""

    list_id: strawberry.ID = strawberry.field(description=LIST_ID)


@strawberry.input
class OemproListCopyInput:
    """What the inputs that copy one Oempro list's parts into another hold: the two lists."""

    source_list_id: strawberry.ID = strawberry.field(
        description="The list copied from: a MailingList global ID or the plain list id."
    )
    target_list_id: strawberry.ID = strawberry.field(
        description="The list the copies are added to (another list of the same login)."
    )


def oempro(info: Info) -> OemproGraph:
    """Oempro's part of the graph, for a write whose ids name Oempro objects."""
    graph = platform_graph(info, _P)
    assert isinstance(graph, OemproGraph)  # the one the registry holds for Oempro
    return graph


def plain_id(info: Info, value: str, *, expect: str, field: tuple[str, ...]) -> int:
    """An Oempro object's number: from its global ID, or given as plain digits."""
    info.context.oempro()
    return legacy_int_id(value, expect=expect, platform=_P, field=field)


def list_id(info: Info, value: str, *, field: tuple[str, ...]) -> int:
    """An Oempro list's id: a MailingList global ID or the plain ``ListID``."""
    return plain_id(info, value, expect="MailingList", field=field)


def on_oempro(
    info: Info,
    value: str,
    write: NumberedWrite[T],
    *,
    expect: str,
    field: tuple[str, ...],
) -> Change[T]:
    """The change that reads the number of the ``expect`` object an input names (see
    :func:`plain_id`), then has Oempro's part of the graph ``write`` it."""

    async def change() -> T:
        number = plain_id(info, value, expect=expect, field=field)
        return await write(oempro(info), number)

    return change


def deleting(
    info: Info,
    value: str,
    delete: Callable[[int], Awaitable[object]],
    *,
    expect: str,
    field: tuple[str, ...],
) -> Change[strawberry.ID]:
    """The change that reads the number of the ``expect`` object an input names (see
    :func:`plain_id`), has ``delete`` delete it, then answers its global ID."""

    async def change() -> strawberry.ID:
        number = plain_id(info, value, expect=expect, field=field)
        await delete(number)
        return global_id(expect, _P, number)

    return change


def on_list(info: Info, value: str, write: NumberedWrite[T]) -> Change[T]:
    """:func:`on_oempro` for the list an input's ``listId`` names."""
    return on_oempro(info, value, write, expect="MailingList", field=LIST_FIELD)


def copy_between_lists(
    info: Info, input: OemproListCopyInput, copy: Callable[[int, int], Awaitable[object]]
) -> Change[MailingList]:
    """The change that reads the input's two lists, has ``copy`` copy from the source into the
    target, then reads the target back."""

    async def change() -> MailingList:
        source = list_id(info, input.source_list_id, field=("input", "sourceListId"))
        target = list_id(info, input.target_list_id, field=("input", "targetListId"))
        await copy(source, target)
        return await read_list(info, target)

    return change


def recipient_segment_id(value: str, *, in_list: int, field: tuple[str, ...]) -> int:
    """A segment of ``in_list``: a Segment global ID of that list, or a plain segment id."""
    text = value.strip()
    number = plain_legacy_id(text, field=field, what="segment")
    if number is not None:
        return number
    decoded = decode_id(text, expect="Segment", field=field)
    key = split_segment_key(decoded.key) if decoded.platform is _P else None
    if key is None:
        raise BadUserInput(f"{value!r} does not name an Oempro segment", field=field)
    if key[0] != in_list:
        raise BadUserInput(
            f"{value!r} is a segment of list {key[0]}, not of list {in_list}", field=field
        )
    return key[1]
