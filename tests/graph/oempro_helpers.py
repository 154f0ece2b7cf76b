"""Shared bits of the Oempro graph tests: the three ways to log in, global IDs, seeded facts."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from mailgql.emulators import Emulators
from mailgql.emulators.oempro import (
    OEMPRO_ADMIN_PASSWORD,
    OEMPRO_ADMIN_USERNAME,
    OEMPRO_USER_API_KEY,
    OEMPRO_USER_USERNAME,
)
from mailgql.emulators.oempro.records import Campaign, Subscriber, SubscriberList, User
from mailgql.emulators.oempro.state import OemproState
from tests.graph.v2_helpers import error_codes, gid as any_gid
from tests.upstreams.oempro_support import expire_sessions, oempro_state

__all__ = [
    "ADMIN",
    "API_KEY",
    "USER_ERRORS",
    "XML",
    "canned_error",
    "demo_user",
    "error_codes",
    "expected_count",
    "expire_sessions",
    "gid",
    "iso",
    "mutate",
    "oempro_state",
    "own_campaigns",
    "own_lists",
    "refusal",
    "state",
    "subscriber_in",
]

ADMIN: dict[str, Any] = {
    "oempro_login_as": "admin",
    "oempro_username": OEMPRO_ADMIN_USERNAME,
    "oempro_password": OEMPRO_ADMIN_PASSWORD,
}
"""Gateway settings that log in as the administrator."""
API_KEY: dict[str, Any] = {"oempro_api_key": OEMPRO_USER_API_KEY}
"""Gateway settings that send the demo user's API key on every call (no login)."""
XML: dict[str, Any] = {"oempro_response_format": "XML"}
"""Gateway settings that ask Oempro for XML answers."""

USER_ERRORS = "userErrors { code message field platform legacyCode }"


def gid(type_name: str, key: str | int) -> str:
    """The global ID the graph gives an Oempro object."""
    return any_gid(type_name, key, "oempro")


def state(emulators: Emulators) -> OemproState:
    """The emulated install's database."""
    return oempro_state(emulators)


def demo_user(emulators: Emulators) -> User:
    """The user the gateway logs in as by default."""
    user = state(emulators).user_by_username(OEMPRO_USER_USERNAME)
    assert user is not None
    return user


def own_lists(emulators: Emulators) -> list[SubscriberList]:
    """The demo user's lists, in id order."""
    return state(emulators).lists_of(demo_user(emulators).id)


def own_campaigns(emulators: Emulators) -> list[Campaign]:
    """The demo user's campaigns, in id order."""
    owner = demo_user(emulators).id
    return sorted(
        (c for c in state(emulators).campaigns.values() if c.owner_id == owner),
        key=lambda c: c.id,
    )


def expected_count(emulators: Emulators, list_id: int, segment: str) -> int:
    """What the emulator's database says a list's count is."""
    rows = list(state(emulators).subscribers[list_id].values())
    if segment == "Active":
        return sum(
            s["SubscriptionStatus"] == "Subscribed" and s["BounceType"] != "Hard" for s in rows
        )
    if segment == "Unsubscribed":
        return sum(s["SubscriptionStatus"] == "Unsubscribed" for s in rows)
    return sum(s["BounceType"] == "Hard" for s in rows)


def subscriber_in(emulators: Emulators, list_id: int, *, status: str = "Subscribed") -> Subscriber:
    """A seeded, deliverable subscriber of a list in a status."""
    for row in state(emulators).subscribers[list_id].values():
        if row["SubscriptionStatus"] == status and row["BounceType"] == "Not Bounced":
            return row
    raise AssertionError(f"list {list_id} has no {status} subscriber")


def iso(stamp: str) -> str | None:
    """A seeded ``YYYY-MM-DD HH:MM:SS`` as the graph prints it (the zero date: null)."""
    if stamp.startswith("0000"):
        return None
    return (
        datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S")
        .replace(tzinfo=UTC)
        .strftime("%Y-%m-%dT%H:%M:%SZ")
    )


async def mutate(gateway: Any, name: str, input: dict[str, Any], payload: str) -> dict[str, Any]:
    """Run one mutation with its input as a variable; its payload."""
    type_name = name[0].upper() + name[1:]
    data = await gateway.query(
        f"mutation($input: {type_name}Input!) {{ {name}(input: $input) {{ {payload} }} }}",
        {"input": input},
    )
    result: dict[str, Any] = data[name]
    return result


def refusal(
    payload: dict[str, Any], key: str, code: str, legacy: str | None, field: list[str] | None
) -> dict[str, Any]:
    """The one user error of a refused change, checked (the changed object is null)."""
    assert payload[key] is None
    [error] = payload["userErrors"]
    assert (error["code"], error["legacyCode"], error["field"]) == (code, legacy, field)
    if code not in {"PLATFORM_NOT_CONFIGURED"}:
        assert error["platform"] in {"OEMPRO", None}
    return error


def canned_error(code: int | str, text: str = "refused") -> str:
    """An Oempro error envelope, as a fault body for one command."""
    return json.dumps({"Success": False, "ErrorCode": [code], "ErrorText": [text]})
