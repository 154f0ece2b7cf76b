"""Shared bits of the v2 graph tests."""

from __future__ import annotations

import base64

ADMIN = "demo-admin"
ACCOUNT = "lund_tech"  # inherits lists 7605 and 7607 in the seed-1 demo data
EMPTY_ACCOUNT = "bergen_surf"  # inherits no list
ADMIN_LISTS = [7601, 7602, 7603, 7604, 7605, 7606, 7607, 7608]
DYNAMIC_NEWSLETTER = 505


def gid(type_name: str, key: str | int, platform: str = "v2rest") -> str:
    """The global ID the graph gives a v2 object."""
    return base64.b64encode(f"{type_name}:{platform}:{key}".encode()).decode()


def error_codes(body: dict) -> list[str]:
    """The extensions.code of every error in a response body."""
    return [e.get("extensions", {}).get("code") for e in body.get("errors", [])]
