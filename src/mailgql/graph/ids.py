"""Global IDs: base64 of ``Type:platform:legacy key``, built on ``strawberry.relay.GlobalID``.

``Account:v2rest:sub_account5988`` becomes ``QWNjb3VudDp2MnJlc3Q6c3ViX2FjY291bnQ1OTg4``. The type
tells the graph what the ID names; the platform and the key tell the adapter which legacy object.
"""

from __future__ import annotations

from base64 import b64encode
from dataclasses import dataclass

import strawberry
from strawberry.relay import GlobalID

from mailgql.graph.errors import BadUserInput
from mailgql.platforms import Platform

__all__ = ["DecodedId", "decode_id", "encode_id", "global_id", "legacy_int_id"]

_PLATFORMS = {p.value: p for p in Platform}


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
    """Read a global ID; a malformed one, or one of another type, is a BAD_USER_INPUT."""
    expected = (expect,) if isinstance(expect, str) else expect
    try:
        gid = GlobalID.from_id(value)
        platform_key, _, key = gid.node_id.partition(":")
        platform = _PLATFORMS[platform_key]
        if not key:
            raise ValueError("empty key")
    except Exception:
        raise BadUserInput(f"{value!r} is not a mailgql ID", field=field) from None
    if expected is not None and gid.type_name not in expected:
        raise BadUserInput(
            f"{value!r} is the ID of a {gid.type_name}, not of a {' or '.join(expected)}",
            field=field,
        )
    return DecodedId(gid.type_name, platform, key)


def legacy_int_id(
    value: str, *, expect: str, platform: Platform, field: tuple[str, ...] | None = None
) -> int:
    """A numeric legacy id from a global ID of ``expect`` on ``platform``, or from plain digits."""
    text = value.strip()
    if text.isdigit():
        return int(text)
    decoded = decode_id(text, expect=expect, field=field)
    if decoded.platform is not platform:
        raise BadUserInput(
            f"{value!r} is a {decoded.platform.label} {expect}, not a {platform.label} one",
            field=field,
        )
    if not decoded.key.isdigit():
        raise BadUserInput(f"{value!r} does not name a {expect} by number", field=field)
    return int(decoded.key)
