"""Global IDs: base64 of ``Type:platform:legacy key``, built on ``strawberry.relay.GlobalID``.

``Account:v2rest:sub_account5988`` becomes ``QWNjb3VudDp2MnJlc3Q6c3ViX2FjY291bnQ1OTg4``. The type
tells the graph what the ID names; the platform and the key tell the adapter which legacy object.

Every ID a client gives is read here: a global ID by :func:`decode_id` (at most
``TEXT_RULES["id"]`` characters, its key a printable name of at most ``TEXT_RULES["name"]``), a
number in it or a plain legacy id by :func:`legacy_int_id`, through the one rule of
:func:`mailgql.input_rules.legacy_number` (ASCII digits, ``1..2**31-1``).
"""

from __future__ import annotations

from base64 import b64encode
from dataclasses import dataclass

import strawberry
from strawberry.relay import GlobalID

from mailgql.graph.errors import BadUserInput
from mailgql.graph.validation import plain_legacy_id
from mailgql.input_rules import TEXT_RULES, legacy_number
from mailgql.platforms import Platform

__all__ = ["DecodedId", "decode_id", "encode_id", "global_id", "legacy_int_id"]

_PLATFORMS = {p.value: p for p in Platform}
_MAX_ID = TEXT_RULES["id"].limit
_MAX_KEY = TEXT_RULES["name"].limit


def _shown(value: str) -> str:
    """A client's value as a refusal quotes it: at most 100 characters of it."""
    return repr(value[:100]) + ("..." if len(value) > 100 else "")


@dataclass(frozen=True, slots=True)
class DecodedId:
    """What a global ID names."""

    type_name: str
    platform: Platform
    key: str


def encode_id(type_name: str, platform: Platform, key: str | int) -> str:
    """The opaque global ID of a legacy object."""
    # What str(GlobalID(type_name, f"{platform.value}:{key}")) gives, without building one
    # GlobalID per object of every page.
    return b64encode(f"{type_name}:{platform.value}:{key}".encode()).decode()


def global_id(type_name: str, platform: Platform, key: str | int) -> strawberry.ID:
    """The global ID of a legacy object, typed as the graph's ``ID`` fields hold it."""
    return strawberry.ID(encode_id(type_name, platform, key))


def decode_id(
    value: str, *, expect: str | tuple[str, ...] | None = None, field: tuple[str, ...] | None = None
) -> DecodedId:
    """Read a global ID; a malformed one, or one of another type, is a BAD_USER_INPUT.

    Its key must be a printable name of at most ``TEXT_RULES["name"]`` characters: no legacy
    key is longer, and the key may be sent upstream as it is (a v2 account name).
    """
    expected = (expect,) if isinstance(expect, str) else expect
    try:
        if len(value) > _MAX_ID:
            raise ValueError("too long")
        gid = GlobalID.from_id(value)
        platform_key, _, key = gid.node_id.partition(":")
        platform = _PLATFORMS[platform_key]
        if not key or len(key) > _MAX_KEY or not key.isprintable():
            raise ValueError("no key we make")
    except Exception:
        raise BadUserInput(f"{_shown(value)} is not a mailgql ID", field=field) from None
    if expected is not None and gid.type_name not in expected:
        raise BadUserInput(
            f"{_shown(value)} is the ID of a {gid.type_name}, not of a {' or '.join(expected)}",
            field=field,
        )
    return DecodedId(gid.type_name, platform, key)


def legacy_int_id(
    value: str, *, expect: str, platform: Platform, field: tuple[str, ...] | None = None
) -> int:
    """A numeric legacy id from a global ID of ``expect`` on ``platform``, or from plain digits
    (ASCII, ``1..2**31-1``: anything else is a BAD_USER_INPUT naming ``field``)."""
    text = value.strip()
    number = plain_legacy_id(text, field=field, what=expect)
    if number is not None:
        return number
    decoded = decode_id(text, expect=expect, field=field)
    if decoded.platform is not platform:
        raise BadUserInput(
            f"{_shown(value)} is a {decoded.platform.label} {expect}, not a {platform.label} one",
            field=field,
        )
    number = legacy_number(decoded.key)
    if number is None:
        raise BadUserInput(f"{_shown(value)} does not name a {expect} by number", field=field)
    return number
