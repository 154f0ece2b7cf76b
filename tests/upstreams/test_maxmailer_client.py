"""The Maxmailer client against the Maxmailer emulator: every function, action and errno, faults.

In-process over ``httpx.ASGITransport``, and once over real HTTP on 127.0.0.1.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from mailgql.emulators import Emulators, Fault, serve_in_thread
from mailgql.platforms import Platform
from mailgql.upstreams.errors import (
    UpstreamBadResponse,
    UpstreamError,
    UpstreamForbidden,
    UpstreamInvalidInput,
    UpstreamNotFound,
    UpstreamRefused,
    UpstreamUnauthenticated,
    UpstreamUnavailable,
)
from mailgql.upstreams.maxmailer import UNLIMITED, MaxmailerClient, NewUserOptions
from tests.conftest import gateway_settings
from tests.graph.maxmailer_helpers import (
    ADMIN_ID,
    ADMIN_LOGIN,
    LIST_KEYS,
    PLAIN_LOGIN,
    PLAIN_USER_ID,
    RESELLER_ID,
    RESELLER_LOGIN,
    mm_state,
    one_time_user,
    open_client,
    subscriber,
)

UNKNOWN_ID = 999_999


@pytest.fixture
async def admin(emulators: Emulators) -> AsyncIterator[MaxmailerClient]:
    client = open_client(emulators)
    yield client
    await client.aclose()


@pytest.fixture
async def reseller(emulators: Emulators) -> AsyncIterator[MaxmailerClient]:
    client = open_client(emulators, maxmailer_login_id=RESELLER_LOGIN)
    yield client
    await client.aclose()


@pytest.fixture
async def plain(emulators: Emulators) -> AsyncIterator[MaxmailerClient]:
    client = open_client(emulators, maxmailer_login_id=PLAIN_LOGIN)
    yield client
    await client.aclose()


def calls(emulators: Emulators) -> dict[str, int]:
    """Maxmailer requests per function or action."""
    return emulators.hub.counter.snapshot().get("maxmailer", {})


async def refused(call: Any, cls: type[UpstreamError], errno: int) -> UpstreamError:
    """Await ``call`` and check it raised exactly ``cls`` carrying ``errno``."""
    with pytest.raises(UpstreamError) as caught:
        await call
    error = caught.value
    assert type(error) is cls, repr(error)
    assert error.platform is Platform.MAXMAILER
    assert error.legacy_code == str(errno)
    assert error.http_status == 200  # the legacy server answers errors with HTTP 200
    return error


def options(**changes: Any) -> NewUserOptions:
    """Small limits a limited user-manager can still hand out."""
    values: dict[str, Any] = {
        "send_limit": 100,
        "list_limit": 1,
        "subscriber_limit": 100,
        "message_size_kb": 512,
    }
    values.update(changes)
    return NewUserOptions(**values)


# -- users ------------------------------------------------------------------------------------


async def test_list_users_as_admin_is_everyone_in_id_order(admin, emulators):
    users = await admin.list_users()
    seeded = mm_state(emulators).users
    assert [u.user_id for u in users] == sorted(seeded)
    assert {u.username for u in users} == {u.uname for u in seeded.values()}
    by_id = {u.user_id: u for u in users}
    assert by_id[ADMIN_ID].user_type == "admin"
    assert by_id[ADMIN_ID].parent_id is None
    assert by_id[RESELLER_ID].user_type == "reseller"
    assert by_id[PLAIN_USER_ID].parent_id == RESELLER_ID
    assert calls(emulators) == {"ListUsers": 1}


async def test_list_users_as_a_user_manager_is_its_own_users(reseller, emulators):
    users = await reseller.list_users()
    expected = sorted(u.id for u in mm_state(emulators).children(RESELLER_ID))
    assert [u.user_id for u in users] == expected
    assert all(u.parent_id == RESELLER_ID for u in users)


async def test_get_user_adds_usage(admin, emulators):
    seeded = mm_state(emulators).users[PLAIN_USER_ID]
    detail = await admin.get_user(PLAIN_USER_ID)
    assert detail.user.username == seeded.uname
    assert detail.user.limits.send_limit == seeded.max_sends
    assert detail.usage.sent_this_period == seeded.sent_in_period
    assert detail.usage.sends_available == max(0, seeded.max_sends - seeded.sent_in_period)
    assert detail.usage.reset_date is not None


async def test_create_user_without_limits_takes_the_platforms_defaults(admin, emulators):
    new_id = await admin.create_user(
        username="pordefecto", password="abcde", email="d@example.com", options=NewUserOptions()
    )
    licence = mm_state(emulators).licence
    stored = mm_state(emulators).users[new_id]
    assert (stored.max_sends, stored.max_list, stored.max_subscribers) == (
        licence.default_sends,
        licence.default_lists,
        licence.default_subscribers,
    )
    assert stored.max_message_size == licence.default_message_size


async def test_an_unlimited_limit_the_licence_forbids_is_refused(admin, emulators):
    before = set(mm_state(emulators).users)
    error = await refused(
        admin.create_user(
            username="sinlimite",
            password="abcde",
            email="s@example.com",
            options=NewUserOptions(subscriber_limit=UNLIMITED),
        ),
        UpstreamInvalidInput,
        2009,
    )
    assert error.field == "subscriber_limit"
    assert set(mm_state(emulators).users) == before


async def test_get_user_of_an_unlimited_account_has_no_available_count(admin):
    detail = await admin.get_user(ADMIN_ID)
    assert detail.user.limits.send_limit is None
    assert detail.usage.sends_available is None


async def test_create_user_then_read_it(admin, emulators):
    new_id = await admin.create_user(
        username="nuevo_01",
        password="Abc_123$x",
        email="nuevo@example.com",
        options=NewUserOptions(
            first_name="Ana",
            last_name="Ruiz",
            send_limit=500,
            send_period="daily",
            list_limit=3,
            api=True,
            trial_days=30,
        ),
    )
    stored = mm_state(emulators).users[new_id]
    assert (stored.uname, stored.password, stored.period) == ("nuevo_01", "Abc_123$x", "daily")
    detail = await admin.get_user(new_id)
    user = detail.user
    assert (user.first_name, user.last_name, user.email) == ("Ana", "Ruiz", "nuevo@example.com")
    assert user.parent_id == ADMIN_ID
    assert (user.limits.send_limit, user.limits.list_limit) == (500, 3)
    # not given: left out of the request, so the platform's default applies
    assert user.limits.subscriber_limit == mm_state(emulators).licence.default_subscribers
    assert (user.permissions.api, user.permissions.forms) == (True, False)
    assert user.trial_days == 30


async def test_add_credit_to_a_one_time_account(admin, emulators):
    target = one_time_user(emulators)
    before = (await admin.get_user(target.id)).usage.sends_available
    assert before is not None
    available = await admin.add_credit(target.id, 250)
    assert available == (await admin.get_user(target.id)).usage.sends_available
    assert available > before


async def test_delete_user(admin, emulators):
    victim = next(u.id for u in mm_state(emulators).children(RESELLER_ID))
    assert await admin.delete_user(victim) == "User deleted"
    await refused(admin.get_user(victim), UpstreamNotFound, 4002)


async def test_change_password(admin, emulators):
    assert await admin.change_password(PLAIN_USER_ID, "N3w-Pass$") == "Password changed"
    assert mm_state(emulators).users[PLAIN_USER_ID].password == "N3w-Pass$"


async def test_suspend_and_unsuspend(admin):
    assert await admin.suspend_user(PLAIN_USER_ID) == "User suspended"
    suspended = (await admin.get_user(PLAIN_USER_ID)).user
    assert suspended.active is False
    assert suspended.suspended_at is not None
    assert await admin.unsuspend_user(PLAIN_USER_ID) == "User unsuspended"
    back = (await admin.get_user(PLAIN_USER_ID)).user
    assert (back.active, back.suspended_at) == (True, None)


# -- campaigns --------------------------------------------------------------------------------


async def test_list_camps_own_and_of_a_managed_user(admin, plain, emulators):
    state = mm_state(emulators)
    own = await plain.list_campaigns()
    expected = sorted(c.message_id for c in state.campaigns.values() if c.owner_id == PLAIN_USER_ID)
    assert [c.message_id for c in own] == expected
    assert [c.message_id for c in await admin.list_campaigns(PLAIN_USER_ID)] == expected
    admins_own = await admin.list_campaigns()
    assert {c.message_id for c in admins_own} == {
        c.message_id for c in state.campaigns.values() if c.owner_id == ADMIN_ID
    }


async def test_get_camp_reports_every_counter(plain, emulators):
    seeded = next(
        c for c in mm_state(emulators).campaigns.values() if c.owner_id == PLAIN_USER_ID and c.sent
    )
    campaign = await plain.get_campaign(seeded.message_id)
    assert campaign.state == seeded.status
    assert (campaign.sent, campaign.left, campaign.failed) == (
        seeded.sent,
        seeded.left,
        seeded.failed,
    )
    assert (campaign.reads_unique, campaign.reads_total) == (
        seeded.reads_unique,
        seeded.reads_total,
    )
    assert campaign.referred == seeded.refered
    assert campaign.total_reads == seeded.reads_total + seeded.refer_reads
    assert campaign.sender == seeded.sender


# -- the subscription API ---------------------------------------------------------------------


async def test_subscribe_status_unsubscribe(admin):
    ends = datetime.now(UTC) + timedelta(days=30)
    added = await admin.subscribe(
        "newsletter", email="Nueva@Example.com", name="Nu", expires_at=ends
    )
    assert added == "Email added"
    status = await admin.subscription_status("newsletter", email="nueva@example.com")
    assert (status.email, status.name, status.active) == ("Nueva@Example.com", "Nu", True)
    assert status.expires_at == ends.replace(microsecond=0)
    assert await admin.unsubscribe("newsletter", email="nueva@example.com") == "Email unsubscribed"
    gone = await admin.subscription_status("newsletter", email="nueva@example.com")
    assert gone.active is False


async def test_a_subscription_read_after_its_term_is_inactive(admin, emulators):
    await admin.subscribe(
        "customers", email="brief@example.com", expires_at=datetime.now(UTC) + timedelta(hours=1)
    )
    assert (await admin.subscription_status("customers", email="brief@example.com")).active
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=emulators.app), base_url="http://emu"
    ) as control:
        moved = await control.post("/_emulator/maxmailer/advance-clock", json={"seconds": 7200})
        assert moved.status_code == 200
    assert not (await admin.subscription_status("customers", email="brief@example.com")).active


async def test_list_names_are_configured_and_keys_are_not_exposed(admin):
    assert admin.list_names == tuple(LIST_KEYS)
    for key in LIST_KEYS.values():
        assert key not in repr(admin.__dict__)


# -- every errno, end to end ------------------------------------------------------------------


async def test_invalid_login_id_is_1001_and_names_the_setting(emulators):
    client = open_client(emulators, maxmailer_login_id="0" * 32)
    try:
        error = await refused(client.list_users(), UpstreamUnauthenticated, 1001)
    finally:
        await client.aclose()
    assert "MAILGQL_MAXMAILER_LOGIN_ID" in error.message
    assert "0" * 32 not in repr(error)


async def test_unknown_function_is_1002(admin):
    # the client never sends one; its plumbing still maps the answer
    await refused(admin._admin("ListCampaigns", read=True), UpstreamRefused, 1002)


async def test_plain_user_is_refused_every_user_function(plain):
    await refused(plain.list_users(), UpstreamForbidden, 9001)
    await refused(plain.get_user(PLAIN_USER_ID), UpstreamForbidden, 4001)
    await refused(
        plain.create_user(
            username="abc", password="abcde", email="a@example.com", options=options()
        ),
        UpstreamForbidden,
        2001,
    )
    await refused(plain.add_credit(PLAIN_USER_ID, 5), UpstreamForbidden, 3001)
    await refused(plain.suspend_user(PLAIN_USER_ID), UpstreamForbidden, 5001)
    await refused(plain.unsuspend_user(PLAIN_USER_ID), UpstreamForbidden, 6001)
    await refused(plain.change_password(PLAIN_USER_ID, "abcdef"), UpstreamForbidden, 7001)
    await refused(plain.delete_user(PLAIN_USER_ID), UpstreamForbidden, 8001)
    await refused(plain.list_campaigns(ADMIN_ID), UpstreamForbidden, 4001)


async def test_unknown_user_ids(admin, reseller):
    await refused(admin.get_user(UNKNOWN_ID), UpstreamNotFound, 4002)
    await refused(admin.add_credit(UNKNOWN_ID, 5), UpstreamNotFound, 3002)
    await refused(admin.suspend_user(UNKNOWN_ID), UpstreamNotFound, 5002)
    await refused(admin.unsuspend_user(UNKNOWN_ID), UpstreamNotFound, 6002)
    await refused(admin.change_password(UNKNOWN_ID, "abcdef"), UpstreamNotFound, 7002)
    await refused(admin.delete_user(UNKNOWN_ID), UpstreamNotFound, 8002)
    await refused(admin.list_campaigns(UNKNOWN_ID), UpstreamNotFound, 4002)
    # a user outside a user-manager's scope is unknown to it
    await refused(reseller.get_user(ADMIN_ID), UpstreamNotFound, 4002)


@pytest.mark.parametrize(
    ("changes", "errno", "field"),
    [
        ({"username": "bad name!"}, 2002, "username"),
        ({"password": "bad pass!"}, 2003, "password"),
        ({"send_limit": -5}, 2004, "send_limit"),
        ({"message_size_kb": -1}, 2005, "message_size_kb"),
        ({"list_limit": -1}, 2006, "list_limit"),
        ({"email": "a@b.c"}, 2007, "email"),
        ({"username": "admin"}, 2008, "username"),
        ({"subscriber_limit": -1}, 2012, "subscriber_limit"),
    ],
)
async def test_create_user_refusals(admin, changes, errno, field):
    args: dict[str, Any] = {"username": "okname", "password": "abcde", "email": "a@example.com"}
    opts = options()
    for name, value in changes.items():
        if name in args:
            args[name] = value
        else:
            opts = options(**{name: value})
    error = await refused(admin.create_user(**args, options=opts), UpstreamInvalidInput, errno)
    assert error.field == field


@pytest.mark.parametrize(
    ("changes", "errno"),
    [
        ({"subscriber_limit": UNLIMITED}, 2019),
        ({"subscriber_limit": 10_000_000}, 2022),
        ({"list_limit": UNLIMITED}, 2013),
        ({"list_limit": 1000}, 2014),
        ({"send_limit": UNLIMITED}, 2016),
        ({"send_limit": 10_000_000}, 2016),
        ({"message_size_kb": UNLIMITED}, 2024),
        ({"message_size_kb": 100_000}, 2024),
    ],
)
async def test_a_user_manager_hands_out_only_what_it_has(reseller, changes, errno):
    await refused(
        reseller.create_user(
            username="hijo01", password="abcde", email="h@example.com", options=options(**changes)
        ),
        UpstreamInvalidInput,
        errno,
    )


async def test_a_user_manager_stops_at_its_user_limit(reseller, emulators):
    state = mm_state(emulators)
    room = state.users[RESELLER_ID].max_users - len(state.children(RESELLER_ID))
    for n in range(room):
        await reseller.create_user(
            username=f"hijo{n:02d}", password="abcde", email="h@example.com", options=options()
        )
    await refused(
        reseller.create_user(
            username="hijo99", password="abcde", email="h@example.com", options=options()
        ),
        UpstreamForbidden,
        2025,
    )


async def test_add_credit_refusals(admin, emulators):
    await refused(admin.add_credit(PLAIN_USER_ID, 10), UpstreamInvalidInput, 3003)  # monthly
    target = one_time_user(emulators)
    await refused(admin.add_credit(target.id, 0), UpstreamInvalidInput, 3004)
    await refused(admin.add_credit(target.id, -3), UpstreamInvalidInput, 3004)


@pytest.mark.parametrize(
    ("password", "errno"), [("abc", 7004), ("a" * 16, 7005), ("bad pass!", 7006)]
)
async def test_change_password_refusals(admin, password, errno):
    error = await refused(
        admin.change_password(PLAIN_USER_ID, password), UpstreamInvalidInput, errno
    )
    assert error.field == "password"


async def test_get_camp_of_an_unknown_or_invisible_campaign_is_1201(plain, emulators):
    others = next(c for c in mm_state(emulators).campaigns.values() if c.owner_id == ADMIN_ID)
    await refused(plain.get_campaign(UNKNOWN_ID), UpstreamNotFound, 1201)
    await refused(plain.get_campaign(others.message_id), UpstreamNotFound, 1201)


async def test_subscription_refusals(admin, emulators):
    known = subscriber(emulators, "newsletter").email
    await refused(admin.subscribe("newsletter", email="a@b"), UpstreamInvalidInput, 1103)
    await refused(admin.subscribe("webinars", email="new1@example.com"), UpstreamForbidden, 1104)
    await refused(admin.subscribe("vip-club", email="new2@example.com"), UpstreamForbidden, 1104)
    await refused(admin.subscribe("newsletter", email=known), UpstreamInvalidInput, 1105)
    past = datetime.now(UTC) - timedelta(days=1)
    await refused(
        admin.subscribe("newsletter", email="new3@example.com", expires_at=past),
        UpstreamInvalidInput,
        1106,
    )
    await refused(
        admin.subscribe("newsletter", email="spamtrap@example.com"), UpstreamForbidden, 1108
    )
    await refused(admin.subscribe("newsletter", email="x@blocked.example"), UpstreamForbidden, 1108)
    await refused(
        admin.unsubscribe("newsletter", email="nobody@example.com"), UpstreamNotFound, 1107
    )
    await refused(
        admin.subscription_status("newsletter", email="nobody@example.com"), UpstreamNotFound, 1107
    )
    await refused(admin.unsubscribe("newsletter", email="a@b"), UpstreamInvalidInput, 1103)
    await refused(admin.subscription_status("newsletter", email="a@b"), UpstreamInvalidInput, 1103)
    # the client never sends an unknown action; its plumbing still maps the answer
    await refused(
        admin._list_action("newsletter", "resubscribe", read=True, email="a@example.com"),
        UpstreamRefused,
        1102,
    )


async def test_a_wrong_list_key_is_1101_and_names_the_setting(emulators):
    client = open_client(emulators, maxmailer_list_keys={"newsletter": "not-the-key-0000"})
    try:
        error = await refused(
            client.subscribe("newsletter", email="a@example.com"), UpstreamUnauthenticated, 1101
        )
    finally:
        await client.aclose()
    assert "MAILGQL_MAXMAILER_LIST_KEYS" in error.message
    assert "not-the-key-0000" not in repr(error)


async def test_a_list_that_is_not_configured_is_not_called(admin, emulators):
    with pytest.raises(UpstreamNotFound, match="MAILGQL_MAXMAILER_LIST_KEYS"):
        await admin.subscription_status("unknown-list", email="a@example.com")
    assert calls(emulators) == {}


async def test_without_a_login_id_admin_functions_are_not_called(emulators):
    client = open_client(emulators, maxmailer_login_id=None)
    try:
        with pytest.raises(UpstreamUnauthenticated, match="MAILGQL_MAXMAILER_LOGIN_ID"):
            await client.list_users()
        assert client.can_administer is False
        status = await client.subscription_status(
            "newsletter", email=subscriber(emulators, "newsletter").email
        )
    finally:
        await client.aclose()
    assert status.active is True
    assert calls(emulators) == {"status": 1}


# -- transport, retries, credentials ----------------------------------------------------------


async def test_reads_are_retried_on_5xx_and_writes_are_not(admin, emulators):
    emulators.hub.faults.arm(Fault(platform="maxmailer", kind="status", remaining=2))
    assert len(await admin.list_users()) == len(mm_state(emulators).users)
    assert calls(emulators) == {"ListUsers": 3}
    emulators.hub.counter.reset()
    emulators.hub.faults.arm(Fault(platform="maxmailer", kind="status", remaining=1))
    with pytest.raises(UpstreamUnavailable):
        await admin.suspend_user(PLAIN_USER_ID)
    assert calls(emulators) == {"SuspendUser": 1}
    assert mm_state(emulators).users[PLAIN_USER_ID].suspended is False


async def test_a_php_error_page_is_a_bad_response(admin, emulators):
    emulators.hub.faults.arm(Fault(platform="maxmailer", kind="malformed", remaining=1))
    with pytest.raises(UpstreamBadResponse) as caught:
        await admin.get_user(PLAIN_USER_ID)
    assert "Fatal error" not in str(caught.value)


async def test_credentials_travel_in_the_form_body_never_in_the_url(emulators, caplog):
    seen: list[httpx.Request] = []
    inner = httpx.ASGITransport(app=emulators.app)

    class Recording(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            seen.append(request)
            return await inner.handle_async_request(request)

    values = gateway_settings(emulators, "http://emu")
    assert values.maxmailer is not None
    client = MaxmailerClient.create(values.maxmailer, values.http, transport=Recording())
    caplog.set_level(logging.DEBUG)
    try:
        await client.get_user(PLAIN_USER_ID)
        await client.subscription_status("newsletter", email="nobody@example.com")
    except UpstreamNotFound:
        pass
    finally:
        await client.aclose()
    assert [r.method for r in seen] == ["POST", "POST"]
    for request, secret in zip(seen, (ADMIN_LOGIN, LIST_KEYS["newsletter"]), strict=True):
        assert secret not in str(request.url)
        assert secret in request.content.decode()
        assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert ADMIN_LOGIN not in caplog.text
    assert LIST_KEYS["newsletter"] not in caplog.text


async def test_every_function_and_action_over_real_http(emulators):
    with serve_in_thread(emulators.app) as server:
        client = open_client(emulators, base_url=server.url)
        try:
            users = await client.list_users()
            await client.get_user(PLAIN_USER_ID)
            new_id = await client.create_user(
                username="viahttp", password="abcde", email="v@example.com", options=options()
            )
            await client.change_password(new_id, "fghij")
            await client.suspend_user(new_id)
            await client.unsuspend_user(new_id)
            await client.delete_user(new_id)
            await client.add_credit(one_time_user(emulators).id, 10)
            campaigns = await client.list_campaigns(PLAIN_USER_ID)
            await client.get_campaign(campaigns[0].message_id)
            await client.subscribe("newsletter", email="http@example.com")
            await client.subscription_status("newsletter", email="http@example.com")
            await client.unsubscribe("newsletter", email="http@example.com")
        finally:
            await client.aclose()
    # the user created over HTTP is gone again: the listing read first matches the state now
    assert {u.user_id for u in users} == set(mm_state(emulators).users)
    assert set(calls(emulators)) == {
        "ListUsers",
        "GetUser",
        "CreateUser",
        "ChangePassword",
        "SuspendUser",
        "UnsuspendUser",
        "DeleteUser",
        "AddCredit",
        "ListCamps",
        "GetCamp",
        "subscribe",
        "status",
        "unsubscribe",
    }
