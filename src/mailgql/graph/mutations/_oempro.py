"""What the Oempro-only mutations share: reading ids from inputs and naming the platform."""

from __future__ import annotations

from mailgql.graph.context import Info
from mailgql.graph.dispatch import platform_graph
from mailgql.graph.errors import BadUserInput
from mailgql.graph.ids import decode_id, legacy_int_id
from mailgql.graph.platforms import PlatformGraph
from mailgql.graph.platforms.oempro.keys import split_segment_key
from mailgql.platforms import Platform

__all__ = ["list_id", "oempro", "plain_id", "recipient_segment_id"]

_P = Platform.OEMPRO


def oempro(info: Info) -> PlatformGraph:
    """Oempro's part of the graph, for a write whose ids name Oempro objects."""
    return platform_graph(info, _P)


def plain_id(info: Info, value: str, *, expect: str, field: tuple[str, ...]) -> int:
    """An Oempro object's number: from its global ID, or given as plain digits."""
    info.context.oempro()
    return legacy_int_id(value, expect=expect, platform=_P, field=field)


def list_id(info: Info, value: str, *, field: tuple[str, ...]) -> int:
    """An Oempro list's id: a MailingList global ID or the plain ``ListID``."""
    return plain_id(info, value, expect="MailingList", field=field)


def recipient_segment_id(value: str, *, in_list: int, field: tuple[str, ...]) -> int:
    """A segment of ``in_list``: a Segment global ID of that list, or a plain segment id."""
    text = value.strip()
    if text.isdigit():
        return int(text)
    decoded = decode_id(text, expect="Segment", field=field)
    key = split_segment_key(decoded.key) if decoded.platform is _P else None
    if key is None:
        raise BadUserInput(f"{value!r} does not name an Oempro segment", field=field)
    if key[0] != in_list:
        raise BadUserInput(
            f"{value!r} is a segment of list {key[0]}, not of list {in_list}", field=field
        )
    return key[1]
