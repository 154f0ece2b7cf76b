"""What the Oempro-only mutations share: the input fields that name one Oempro object (a list, a
campaign, a theme...), reading ids from inputs (:class:`Numbered`), naming the platform, deleting
an object an input names and copying one list's parts into another."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

import strawberry

from mailgql.data.oempro import OemproData
from mailgql.graph.context import Info
from mailgql.graph.dispatch import platform_graph
from mailgql.graph.errors import BadUserInput, NotFound
from mailgql.graph.ids import decode_id, global_id, legacy_int_id
from mailgql.graph.lists import MailingList
from mailgql.graph.mutations._run import Change, InputPaths
from mailgql.graph.mutations.payloads import MailingListPayload
from mailgql.graph.platforms.oempro import OemproGraph
from mailgql.graph.platforms.oempro.custom_fields import read_list
from mailgql.graph.platforms.oempro.keys import split_owned_key, split_segment_key
from mailgql.graph.validation import plain_legacy_id
from mailgql.input_rules import legacy_number
from mailgql.platforms import Platform

__all__ = [
    "EMAIL_ID",
    "LIST_FIELD",
    "LIST_ID",
    "Numbered",
    "NumberedWrite",
    "OemproCampaignInput",
    "OemproClientInput",
    "OemproEmailInput",
    "OemproListCopyInput",
    "OemproListInput",
    "OemproTagInput",
    "OemproThemeInput",
    "OemproUserGroupInput",
    "OemproUserInput",
    "copy_between_lists",
    "deleting",
    "list_id",
    "oempro",
    "on_list",
    "on_list_part",
    "on_oempro",
    "plain_id",
    "recipient_segment_id",
]

T = TypeVar("T")
R = TypeVar("R")

_P = Platform.OEMPRO

LIST_ID = "The list: a MailingList global ID or the plain Oempro list id."
"""The description of an input's Oempro ``listId``."""
LIST_FIELD = ("input", "listId")
"""The input path of a mutation's ``listId``."""

EMAIL_ID = "The email: an Email global ID or the plain Oempro email id."
"""The description of an input's Oempro ``emailId``."""

NumberedWrite = Callable[[OemproGraph, int], Awaitable[T]]
"""A write of the Oempro object with a given number, by Oempro's part of the graph."""


@strawberry.input
class OemproListInput:
    """What the inputs about one Oempro list start with: the list."""

    list_id: strawberry.ID = strawberry.field(description=LIST_ID)


@strawberry.input
class OemproCampaignInput:
    """What the inputs about one campaign start with: the campaign."""

    campaign_id: strawberry.ID = strawberry.field(
        description="The campaign: a Campaign global ID or the plain Oempro campaign id."
    )


@strawberry.input
class OemproEmailInput:
    """What the inputs about one email record start with: the record."""

    email_id: strawberry.ID = strawberry.field(description=EMAIL_ID)


@strawberry.input
class OemproTagInput:
    """What the inputs about one campaign tag start with: the tag."""

    tag_id: strawberry.ID = strawberry.field(
        description="The tag: a CampaignTag global ID or the plain Oempro tag id."
    )


@strawberry.input
class OemproClientInput:
    """What the inputs about one Oempro client start with: the client."""

    client_id: strawberry.ID = strawberry.field(
        description="The client: an Account global ID of an Oempro client (as `subAccounts` "
        "lists it)."
    )


@strawberry.input
class OemproThemeInput:
    """What the inputs about one interface theme start with: the theme."""

    theme_id: strawberry.ID = strawberry.field(
        description="The theme: a Theme global ID or the plain Oempro `ThemeID`."
    )


@strawberry.input
class OemproUserGroupInput:
    """What the inputs about one plan (user group) start with: the plan."""

    user_group_id: strawberry.ID = strawberry.field(
        description="The plan: a UserGroup global ID or the plain Oempro `UserGroupID`."
    )


@strawberry.input
class OemproUserInput:
    """What the inputs about one Oempro user start with: the user."""

    account_id: strawberry.ID = strawberry.field(
        description="The user: an Account global ID of an Oempro user."
    )


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
    try:
        return legacy_int_id(value, expect=expect, platform=_P, field=field)
    except BadUserInput:
        _refuse_another_users(value, expect=expect, field=field)
        raise


def _refuse_another_users(value: str, *, expect: str, field: tuple[str, ...]) -> None:
    """The refusal of an ID the graph gave an admin login for a user's object (read in that
    user's session): mutations act in the login's own session, so they are told why."""
    try:
        decoded = decode_id(value.strip(), expect=expect)
    except BadUserInput:
        return
    owned = split_owned_key(decoded.key) if decoded.platform is _P else None
    if owned is None or owned[0] is None or legacy_number(owned[1]) is None:
        return
    raise BadUserInput(
        f"this {expect} is user {owned[0]}'s (read through User.Switch); a mutation changes "
        "only what the gateway's own Oempro login owns",
        field=field,
    )


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


@dataclass(frozen=True, slots=True)
class Numbered:
    """A kind of Oempro object that inputs name by its number: a global ID of type ``expect``
    or the plain legacy id, given in the input field at ``field``."""

    expect: str
    """The global ID type of the kind."""
    field: tuple[str, ...]
    """The input path of the id that names the object."""

    def unnamed_in(self, paths: InputPaths) -> InputPaths:
        """``paths`` without those to the id of this kind: the input paths of a mutation that
        creates the object, whose input has no id yet to point at."""
        return {name: path for name, path in paths.items() if tuple(path) != self.field}

    def number(self, info: Info, value: str) -> int:
        """The number of the object ``value`` names (see :func:`plain_id`)."""
        return plain_id(info, value, expect=self.expect, field=self.field)

    def on(self, info: Info, value: str, write: NumberedWrite[T]) -> Change[T]:
        """:func:`on_oempro` for the object ``value`` names."""
        return on_oempro(info, value, write, expect=self.expect, field=self.field)

    def shown(self, record: R | None, number: int, what: str) -> R:
        """A record Oempro must still show (read back after a write): NOT_FOUND at the id's
        input path when it shows none."""
        if record is None:
            raise NotFound(f"Oempro shows no {what} {number}", platform=_P, field=self.field)
        return record

    def deleting(
        self, info: Info, value: str, delete: Callable[[int], Awaitable[object]]
    ) -> Change[strawberry.ID]:
        """:func:`deleting` of the object ``value`` names."""
        return deleting(info, value, delete, expect=self.expect, field=self.field)


def on_list(info: Info, value: str, write: NumberedWrite[T]) -> Change[T]:
    """:func:`on_oempro` for the list an input's ``listId`` names."""
    return on_oempro(info, value, write, expect="MailingList", field=LIST_FIELD)


def on_list_part(
    info: Info,
    list_value: str,
    part: Callable[[], int],
    write: Callable[[OemproData, int, int], Awaitable[object]],
) -> Change[strawberry.ID]:
    """The change that reads the list an input's ``listId`` names, then the plain id of one of
    its parts (``part``: an auto responder, a custom field, a hook, a subscriber), has Oempro
    ``write`` that part of the list (delete it...), then answers the part's id."""

    async def change(_: OemproGraph, target: int) -> strawberry.ID:
        number = part()
        await write(info.context.oempro(), target, number)
        return strawberry.ID(str(number))

    return on_list(info, list_value, change)


async def copy_between_lists(
    info: Info,
    input: OemproListCopyInput,
    copy: Callable[[OemproData, int, int], Awaitable[object]],
    input_paths: InputPaths,
) -> MailingListPayload:
    """Read the input's two lists, have Oempro ``copy`` from the source into the target, then
    read the target back: the payload of a mutation that copies one list's parts into another."""

    async def change() -> MailingList:
        source = list_id(info, input.source_list_id, field=("input", "sourceListId"))
        target = list_id(info, input.target_list_id, field=("input", "targetListId"))
        await copy(info.context.oempro(), source, target)
        return await read_list(info, target)

    return await MailingListPayload.run(change, input_paths=input_paths)


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
