"""Shared bits of the Maxmailer tests: the demo's Login IDs, global IDs, seeded facts."""

from __future__ import annotations

import base64
import time
from typing import Any

import httpx

from mailgql.emulators import Emulators
from mailgql.emulators.maxmailer import (
    MAXMAILER_ADMIN_LOGIN_ID as ADMIN_LOGIN,
    MAXMAILER_LIST_KEYS as LIST_KEYS,
    MAXMAILER_RESELLER_LOGIN_ID as RESELLER_LOGIN,
    MAXMAILER_USER_LOGIN_ID as PLAIN_LOGIN,
    MaxmailerEmulator,
)
from mailgql.emulators.maxmailer.records import MaxmailerState, Subscription, User
from mailgql.emulators.maxmailer.seed import ADMIN_ID, PLAIN_USER_ID, RESELLER_ID
from mailgql.upstreams.maxmailer import MaxmailerClient
from tests.conftest import gateway_settings
from tests.graph.v2_helpers import error_codes, gid as v2_gid

__all__ = [
    "ADMIN_ID",
    "ADMIN_LOGIN",
    "LIST_KEYS",
    "PLAIN_LOGIN",
    "PLAIN_USER_ID",
    "RESELLER_ID",
    "RESELLER_LOGIN",
    "error_codes",
    "gid",
    "legacy_key",
    "mm_state",
    "one_time_user",
    "open_client",
    "subscriber",
]


def gid(type_name: str, key: str | int) -> str:
    """The global ID the graph gives a Maxmailer object."""
    return v2_gid(type_name, key, "maxmailer")


def legacy_key(global_id: str) -> str:
    """The legacy key a global ID carries."""
    return base64.b64decode(global_id).decode().split(":", 2)[2]


def mm_state(emulators: Emulators) -> MaxmailerState:
    """The Maxmailer emulator's live state (to pick seeded facts and check effects)."""
    platform = emulators.platforms["maxmailer"]
    assert isinstance(platform, MaxmailerEmulator)
    return platform.state


def one_time_user(emulators: Emulators, *, active: bool = True) -> User:
    """A seeded user with a limited one-time send allocation (AddCredit applies to it)."""
    for user in mm_state(emulators).users.values():
        if user.period == "one_time" and user.max_sends and user.suspended is not active:
            if user.user_type == "user":
                return user
    raise AssertionError("the seed has no such user")


def subscriber(emulators: Emulators, list_name: str, *, state: str = "active") -> Subscription:
    """A seeded subscription of a list: ``active``, ``expired`` or ``unsubscribed``."""
    now = int(time.time())
    key = LIST_KEYS[list_name]
    for row in mm_state(emulators).lists[key].subscriptions.values():
        if state == "active" and row.active(now):
            return row
        if state == "expired" and not row.unsubscribed and row.unsus_date and row.unsus_date < now:
            return row
        if state == "unsubscribed" and row.unsubscribed:
            return row
    raise AssertionError(f"list {list_name} has no {state} subscriber")


def open_client(
    emulators: Emulators, *, base_url: str = "http://emu", **settings: Any
) -> MaxmailerClient:
    """A Maxmailer client configured from Settings, in-process unless a real URL is given."""
    values = gateway_settings(emulators, base_url, **settings)
    assert values.maxmailer is not None
    transport = httpx.ASGITransport(app=emulators.app) if base_url == "http://emu" else None
    return MaxmailerClient.create(values.maxmailer, values.http, transport=transport)
