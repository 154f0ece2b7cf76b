"""The legacy keys in Oempro global IDs, made and taken apart.

Accounts: ``admin``, ``user:<UserID>`` and ``client:<ClientID>``. Lists and campaigns: their
id; a segment: ``<list id>:<segment id>`` (segments are read per list); subscribers have no
global ID (their ids are only unique within a list). An object read in a user's switched session
(an admin login reading as that user) puts ``<UserID>/`` before its key (a list ``2/14``, a
segment ``2/14:3``, a client ``client:2/5``), so that ``node`` reads it in that session again;
objects of the login's own session keep their plain keys.
"""

from __future__ import annotations

from typing import NamedTuple

from mailgql.input_rules import legacy_number

__all__ = [
    "ADMIN_KEY",
    "AccountKey",
    "owned_key",
    "parse_account_key",
    "segment_key",
    "split_owned_key",
    "split_segment_key",
]

ADMIN_KEY = "admin"
"""Account key of the administrator (an install has one)."""
_OWNER = "/"


class AccountKey(NamedTuple):
    """An account key taken apart: its kind, its number, and (clients) the user read as."""

    kind: str
    number: int | None
    owner: int | None = None


def owned_key(as_user: int | None, key: str | int) -> str:
    """The legacy key of an object's global ID: ``<UserID>/<key>`` when read as that user."""
    return str(key) if as_user is None else f"{as_user}{_OWNER}{key}"


def split_owned_key(key: str) -> tuple[int | None, str] | None:
    """``(UserID or None, key)`` of an :func:`owned_key`; None for a malformed owner."""
    if _OWNER not in key:
        return None, key
    owner, _, rest = key.partition(_OWNER)
    number = legacy_number(owner)
    if number is None:
        return None
    return number, rest


def parse_account_key(key: str) -> AccountKey | None:
    """``admin``, ``user:<id>``, ``client:<id>`` or ``client:<UserID>/<id>``; None otherwise."""
    if key == ADMIN_KEY:
        return AccountKey(ADMIN_KEY, None)
    kind, _, rest = key.partition(":")
    if kind == "user" and (user := legacy_number(rest)) is not None:
        return AccountKey(kind, user)
    owned = split_owned_key(rest) if kind == "client" else None
    if owned is not None and (client := legacy_number(owned[1])) is not None:
        return AccountKey(kind, client, owned[0])
    return None


def segment_key(list_id: int, segment_id: int) -> str:
    """The legacy key of a segment's global ID (before any owner prefix)."""
    return f"{list_id}:{segment_id}"


def split_segment_key(key: str) -> tuple[int, int] | None:
    """``(list id, segment id)`` of a segment key without an owner prefix; None for a key we
    did not make."""
    list_part, _, segment_part = key.partition(":")
    list_id, segment_id = legacy_number(list_part), legacy_number(segment_part)
    if list_id is None or segment_id is None:
        return None
    return list_id, segment_id
