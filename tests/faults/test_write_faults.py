"""Writes whose answer never comes: on each platform, a mutation that the platform applies and then
answers past the timeout (``late``), whose connection is reset once it was sent (``reset``), that
the platform holds without handling (``hang``), and that cannot be sent at all (``down``).

Each is told as a typed error within the deadline, with ``extensions.outcome``: ``UNKNOWN`` once
the write was sent (it may have landed), ``NOT_APPLIED`` when it never left. The emulator's
counter shows it sent once at most, never again; the emulator's state shows it applied at most
once (once when the platform applied it, never otherwise). A repeat with the same
Idempotency-Key gets the first answer and sends nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from mailgql.emulators import Emulators
from mailgql.emulators.v2rest import V2RestEmulator
from tests.faults.conftest import PLATFORM_NAMES, Stage, down_settings, open_stage
from tests.graph.maxmailer_helpers import mm_state
from tests.graph.oempro_helpers import own_lists
from tests.graph.v2_helpers import ACCOUNT as V2_ACCOUNT, gid as v2_gid
from tests.idempotency.conftest import Target

pytestmark = pytest.mark.live


@dataclass(frozen=True)
class Write:
    """One platform's write: its mutation, the upstream call that applies it, and what of the
    emulator's state it changes, by ``step`` each time it is applied."""

    field: str
    document: str
    endpoint: str
    variables: Callable[[Emulators], dict[str, Any]]
    measure: Callable[[Emulators], int]
    step: int = 1


def _v2_accounts(emulators: Emulators) -> dict[str, Any]:
    platform = emulators.platforms["v2rest"]
    assert isinstance(platform, V2RestEmulator)
    return platform.state.accounts


NEW_ACCOUNT = "fault_shop"
NEW_LIST = "Fault suite list"
CREDITS = 100

WRITES = {
    "v2rest": Write(
        field="createSubAccount",
        document="mutation($input: CreateSubAccountInput!) { createSubAccount(input: $input) "
        "{ account { username } userErrors { code } } }",
        endpoint="POST /Users/SubAccounts",
        variables=lambda emulators: {
            "input": {
                "platform": "V2REST",
                "username": NEW_ACCOUNT,
                "password": "Fs9-fault-suite",
                "email": "owner@example.com",
                "allowedDomains": ["@example.com"],
            }
        },
        measure=lambda emulators: int(NEW_ACCOUNT in _v2_accounts(emulators)),
    ),
    "maxmailer": Write(
        field="addSendCredit",
        document="mutation($input: AddSendCreditInput!) { addSendCredit(input: $input) "
        "{ account { quota { sendsAvailable } } userErrors { code } } }",
        endpoint="AddCredit",
        variables=lambda emulators: {
            "input": {"accountId": Target.pick(emulators).account_id, "credits": CREDITS}
        },
        measure=lambda emulators: (
            mm_state(emulators).users[Target.pick(emulators).user_id].max_sends
        ),
        step=CREDITS,
    ),
    "oempro": Write(
        field="createList",
        document="mutation($input: CreateListInput!) { createList(input: $input) "
        "{ list { name } userErrors { code } } }",
        endpoint="List.Create",
        variables=lambda emulators: {"input": {"platform": "OEMPRO", "name": NEW_LIST}},
        measure=lambda emulators: [lst["Name"] for lst in own_lists(emulators)].count(NEW_LIST),
    ),
}

FAULTS: dict[str, tuple[dict[str, Any] | None, str, str, int, int]] = {
    "late": ({"kind": "late", "hang_seconds": 30}, "UPSTREAM_TIMEOUT", "UNKNOWN", 1, 1),
    "reset": ({"kind": "reset"}, "UPSTREAM_UNAVAILABLE", "UNKNOWN", 1, 0),
    "hang": ({"kind": "hang", "hang_seconds": 30}, "UPSTREAM_TIMEOUT", "UNKNOWN", 1, 0),
    "down": (None, "UPSTREAM_UNAVAILABLE", "NOT_APPLIED", 0, 0),
}
"""Fault -> what is armed on the write's endpoint (None: the platform's URL is a closed port),
the error's code and outcome, the write calls the emulator receives, and the times it is
applied."""

CASES = [
    pytest.param(fault, platform, transport, id=f"{fault}-{platform}-{transport}")
    for fault in FAULTS
    for platform in WRITES
    for transport in ("aiohttp", "httpx")
]


@pytest.mark.parametrize(("fault", "platform", "transport"), CASES)
async def test_a_write_without_an_answer_is_sent_once_applied_at_most_once_and_never_again(
    emulators, server, fault, platform, transport
):
    write = WRITES[platform]
    spec, code, outcome, calls, applied = FAULTS[fault]
    variables = write.variables(emulators)
    before = write.measure(emulators)
    # Reads are tried again here (the default): a write never is, whatever that setting says.
    extra: dict[str, Any] = {"upstream_transport": transport, "read_retries": 2}
    if spec is None:
        extra.update(down_settings(emulators, platform))
    async with open_stage(emulators, server, **extra) as stage:
        await stage.warm(*(p for p in WRITES if spec is not None or p != platform))
        if spec is not None:
            await stage.arm(platform, endpoint=write.endpoint, **spec)

        first = await stage.post(write.document, variables, key="fault-suite-1")
        body = first.json()
        assert body["data"] is None
        [error] = body["errors"]
        assert error["path"] == [write.field]
        assert error["extensions"] == {
            "code": code,
            "platform": PLATFORM_NAMES[platform],
            "outcome": outcome,
        }
        for leak in (write.endpoint, "HTTP", "/"):
            assert leak not in error["message"], error["message"]
        assert stage.calls(platform, write.endpoint) == calls
        assert write.measure(emulators) - before == applied * write.step

        # The client tries again with the same key: the first answer, nothing sent.
        again = await stage.post(write.document, variables, key="fault-suite-1")
        assert (again.status_code, again.content) == (first.status_code, first.content)
        assert again.headers["idempotent-replayed"] == "true"
        assert stage.calls(platform, write.endpoint) == calls
        assert write.measure(emulators) - before == applied * write.step
        await assert_one_failure_leaves_the_circuit_closed(stage)


async def assert_one_failure_leaves_the_circuit_closed(stage: Stage) -> None:
    """One failed write is one failure: every circuit is still closed."""
    assert set((await stage.breakers()).values()) == {"CLOSED"}


@pytest.mark.parametrize("transport", ["aiohttp", "httpx"])
@pytest.mark.parametrize("count", [1, None], ids=["reset-once", "reset-always"])
async def test_a_v2_put_cut_by_a_reset_is_sent_once(emulators, server, transport, count):
    """aiohttp by itself resends a PUT whose kept-alive connection drops: the gateway's pool does
    not, so a write the platform may have applied is never sent again."""
    document = (
        "mutation($input: SetAccountStatusInput!) { setAccountStatus(input: $input) "
        "{ account { status } userErrors { code } } }"
    )
    async with open_stage(emulators, server, upstream_transport=transport) as stage:
        await stage.warm()
        await stage.arm("v2rest", "reset", endpoint="PUT /Users/SubAccounts", count=count)
        answer = await stage.post(
            document, {"input": {"accountId": v2_gid("Account", V2_ACCOUNT), "active": False}}
        )
        [error] = answer.json()["errors"]
        assert error["extensions"]["outcome"] == "UNKNOWN"
        assert stage.calls("v2rest", "PUT /Users/SubAccounts") == 1


@pytest.mark.parametrize("fault", ["reset", "hang"])
async def test_a_write_whose_oempro_login_fails_in_transit_was_not_applied(
    emulators, server, fault
):
    """The login a write waits for fails after it was sent: the login's outcome is unknown, but
    the write itself never left, so its outcome is NOT_APPLIED."""
    write = WRITES["oempro"]
    spec, code, _, _, _ = FAULTS[fault]
    assert spec is not None
    before = write.measure(emulators)
    async with open_stage(emulators, server) as stage:
        await stage.warm("v2rest", "maxmailer")
        await stage.arm("oempro", endpoint="User.Login", **spec)

        body = (await stage.post(write.document, write.variables(emulators))).json()

        [error] = body["errors"]
        assert error["path"] == [write.field]
        assert error["extensions"] == {"code": code, "platform": "OEMPRO", "outcome": "NOT_APPLIED"}
        assert stage.calls("oempro", "User.Login") == 1
        assert stage.calls("oempro", write.endpoint) == 0
        assert write.measure(emulators) == before
