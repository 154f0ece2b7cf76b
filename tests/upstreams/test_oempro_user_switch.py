"""The Oempro client reading as a user under an admin login: ``User.Switch`` once per user, the
switched session kept, renewed on 99998 like the main one, and its errors mapped."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

import pytest

from mailgql.emulators import Emulators
from mailgql.emulators.oempro import OEMPRO_ADMIN_PASSWORD
from mailgql.emulators.oempro.records import md5_hex
from mailgql.upstreams.errors import (
    UpstreamError,
    UpstreamForbidden,
    UpstreamInvalidInput,
    UpstreamNotFound,
    UpstreamUnauthenticated,
)
from mailgql.upstreams.oempro import OemproClient, User
from mailgql.upstreams.oempro.auth import SwitchedSessions
from mailgql.upstreams.oempro.error_codes import LegacyError, error_for
from tests.upstreams.oempro_support import (
    ADMIN,
    Recorder,
    arm_fault,
    expire_sessions,
    oempro_state,
    open_client,
    requests_by_command,
    reset_requests,
)


@pytest.fixture
def recorder(emulators: Emulators) -> Recorder:
    return Recorder(emulators)


@pytest.fixture
async def admin(emulators: Emulators, recorder: Recorder) -> AsyncIterator[OemproClient]:
    """The administrator, logged in, with the counter zeroed."""
    async with open_client(emulators, recorder=recorder, **ADMIN) as client:
        await client.login_account()
        await reset_requests(emulators)
        yield client


def lists_of(emulators: Emulators, user_id: int) -> list[int]:
    return [lst.id for lst in oempro_state(emulators).lists_of(user_id)]


async def test_switch_opens_a_default_session_of_the_user(
    emulators: Emulators, admin: OemproClient, recorder: Recorder
) -> None:
    login = await admin.switch_user(2)
    assert login.kind == "user"
    assert isinstance(login.account, User)
    assert (login.account.user_id, login.account.username) == (2, "bluepeak")
    (form,) = recorder.sent("User.Switch")
    assert (form["UserID"], form["PrivilegeType"]) == (["2"], ["Default"])
    assert oempro_state(emulators).sessions[login.session.get_secret_value()].principal_id == 2
    assert "bluepeak" not in repr(login.session)
    # The admin's own session stays valid.
    assert (await admin.get_users()).total == 5
    assert await requests_by_command(emulators) == {"User.Switch": 1, "Users.Get": 1}


async def test_reads_as_a_user_are_that_users_and_the_session_is_kept(
    emulators: Emulators, admin: OemproClient, recorder: Recorder
) -> None:
    bluepeak = await admin.get_lists(as_user=2)
    lumen = await admin.get_lists(as_user=4)
    assert [lst.list_id for lst in bluepeak.items] == lists_of(emulators, 2)
    assert [lst.list_id for lst in lumen.items] == lists_of(emulators, 4)
    campaigns = await admin.get_campaigns(as_user=2)
    assert [c.owner_user_id for c in campaigns.items] == [2]
    clients = await admin.get_clients(as_user=1)
    assert clients.total == 3
    sessions = {form["SessionID"][0] for form in recorder.sent("Lists.Get")}
    assert len(sessions) == 2  # one per user
    assert await requests_by_command(emulators) == {
        "User.Switch": 3,
        "Lists.Get": 2,
        "Campaigns.Get": 1,
        "Clients.Get": 1,
    }
    # Without as_user the reads stay in the admin's session, which Oempro refuses.
    with pytest.raises(UpstreamForbidden) as caught:
        await admin.get_lists()
    assert caught.value.legacy_code == "99999"


async def test_concurrent_first_reads_as_one_user_switch_once(
    emulators: Emulators, admin: OemproClient
) -> None:
    # A slow switch keeps every read waiting for it at the same time.
    await arm_fault(emulators, kind="latency", endpoint="User.Switch", latency_ms=30, count=None)
    ids = lists_of(emulators, 1)[:4]
    await asyncio.gather(
        admin.get_lists(as_user=1),
        admin.get_campaigns(as_user=1, limit=3),
        *(admin.get_list(list_id, as_user=1) for list_id in ids),
        admin.get_lists(as_user=2),
        admin.get_lists(as_user=2),
    )
    counts = await requests_by_command(emulators)
    assert counts["User.Switch"] == 2  # one per user
    assert counts["List.Get"] == 4


async def test_every_session_expired_renews_the_admin_then_switches_and_replays_once(
    emulators: Emulators, admin: OemproClient
) -> None:
    await admin.get_lists(as_user=2)
    assert await expire_sessions(emulators) == 2
    await reset_requests(emulators)
    lists = await admin.get_lists(as_user=2)
    assert [lst.list_id for lst in lists.items] == lists_of(emulators, 2)
    # Lists.Get: 99998; User.Switch: 99998 (the admin's session is gone too); Admin.Login;
    # User.Switch; Lists.Get once more.
    assert await requests_by_command(emulators) == {
        "Lists.Get": 2,
        "User.Switch": 2,
        "Admin.Login": 1,
    }


async def test_only_the_switched_session_expired_costs_one_switch(
    emulators: Emulators, admin: OemproClient, recorder: Recorder
) -> None:
    await admin.get_lists(as_user=2)
    (stale,) = {form["SessionID"][0] for form in recorder.sent("Lists.Get")}
    del oempro_state(emulators).sessions[stale]
    await reset_requests(emulators)
    # Slow answers make all three reads send the stale session before any of them hears 99998.
    await arm_fault(emulators, kind="latency", endpoint="List.Get", latency_ms=30, count=3)
    await asyncio.gather(
        *(admin.get_list(list_id, as_user=2) for list_id in lists_of(emulators, 2))
    )
    counts = await requests_by_command(emulators)
    assert counts == {"List.Get": 6, "User.Switch": 1}


async def test_a_session_refused_after_a_fresh_switch_is_unauthenticated(
    emulators: Emulators, admin: OemproClient
) -> None:
    # cedarworks is disabled: its switched session opens, and every command refuses it.
    with pytest.raises(UpstreamUnauthenticated) as caught:
        await admin.get_lists(as_user=3)
    assert caught.value.legacy_code == "99998"
    assert "user 3" in caught.value.message
    assert "MAILGQL_OEMPRO_PASSWORD" not in caught.value.message
    assert await requests_by_command(emulators) == {"User.Switch": 2, "Lists.Get": 2}


async def test_an_unknown_user_is_not_found_and_a_user_login_may_not_switch(
    emulators: Emulators, admin: OemproClient
) -> None:
    with pytest.raises(UpstreamNotFound) as caught:
        await admin.get_lists(as_user=999)
    assert (caught.value.operation, caught.value.legacy_code, caught.value.field) == (
        "User.Switch",
        "2",
        "UserID",
    )
    assert "Lists.Get" not in await requests_by_command(emulators)
    async with open_client(emulators) as user:
        with pytest.raises(UpstreamForbidden) as refused:
            await user.get_lists(as_user=2)
    assert (refused.value.operation, refused.value.legacy_code) == ("User.Switch", "99999")


@pytest.mark.parametrize(
    ("code", "expected", "field"),
    [
        (1, UpstreamInvalidInput, "UserID"),
        (2, UpstreamNotFound, "UserID"),
        (3, UpstreamInvalidInput, "PrivilegeType"),
        (99999, UpstreamForbidden, None),
        (99998, UpstreamUnauthenticated, None),
    ],
)
def test_user_switch_codes(code: int, expected: type[UpstreamError], field: str | None) -> None:
    error = error_for("User.Switch", [LegacyError(code, "text")])
    assert type(error) is expected
    assert (error.operation, error.legacy_code, error.field) == ("User.Switch", str(code), field)


async def test_no_switched_session_reaches_the_logs_or_the_errors(
    emulators: Emulators, admin: OemproClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await admin.get_lists(as_user=2)
    await expire_sessions(emulators)
    await admin.get_clients(as_user=1)
    errors = []
    for user_id in (3, 999):
        try:
            await admin.get_lists(as_user=user_id)
        except UpstreamError as exc:
            errors.append(f"{exc!s} {exc!r}")
    assert len(errors) == 2
    sessions = list(oempro_state(emulators).sessions)
    assert len(sessions) >= 3
    text = caplog.text + " ".join(errors) + repr(admin.auth)
    assert "User.Switch" in caplog.text
    for secret in (OEMPRO_ADMIN_PASSWORD, md5_hex(OEMPRO_ADMIN_PASSWORD), *sessions):
        assert secret not in text


async def test_the_least_recently_used_switched_session_is_forgotten_past_the_bound(
    emulators: Emulators, admin: OemproClient
) -> None:
    sessions = SwitchedSessions(admin.switch_user, keep=2)
    for user_id in (2, 3, 2, 4):  # 2 used again, so 4 pushes 3 out
        await sessions.of(user_id).credentials()
    assert len(sessions) == 2
    assert await requests_by_command(emulators) == {"User.Switch": 3}

    await sessions.of(2).credentials()  # kept: no switch
    await sessions.of(3).credentials()  # forgotten: switched to again
    assert (await requests_by_command(emulators))["User.Switch"] == 4
    assert len(sessions) == 2


async def test_user_ids_that_do_not_exist_keep_no_more_than_the_bound(
    emulators: Emulators, admin: OemproClient
) -> None:
    sessions = SwitchedSessions(admin.switch_user, keep=3)
    for user_id in range(9000, 9010):
        with pytest.raises(UpstreamError):
            await sessions.of(user_id).credentials()
    assert len(sessions) == 3
    assert (await requests_by_command(emulators))["User.Switch"] == 10
