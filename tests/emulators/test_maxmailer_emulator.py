"""Contract tests of the Maxmailer emulator: functions, actions, roles, errnos, quirks, faults."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from mailgql.emulators import Emulators, build_emulators, serve_in_thread
from mailgql.emulators.maxmailer import (
    MAXMAILER_ADMIN_LOGIN_ID as ADMIN,
    MAXMAILER_LIST_KEYS as LIST_KEYS,
    MAXMAILER_RESELLER_LOGIN_ID as RESELLER,
    MAXMAILER_USER_LOGIN_ID as PLAIN,
    MaxmailerEmulator,
)
from mailgql.emulators.maxmailer.seed import (
    ADMIN_ID,
    LICENCE_SUBSCRIBERS_PER_USER,
    PLAIN_USER_ID,
    RESELLER_ID,
)

API = "/maxmailer/app/api.php"
METHODS = pytest.mark.parametrize("method", ["GET", "POST"])
UNKNOWN_ID = "Unknow user ID."
USER_FIELDS = [
    "uname",
    "name",
    "lastname",
    "email",
    "max_sends",
    "max_list",
    "max_suscribers",
    "allow_attach",
    "attach_max_size",
    "max_message_size",
    "allow_bounce",
    "allow_forms",
    "allow_api",
    "smtp",
    "smtp_host",
    "smtp_user",
    "smtp_pass",
    "parent_id",
    "lastLogin",
    "dateCreated",
    "susp_date",
    "trial",
    "allow_embedded",
    "status",
    "usertType",
    "max_sends_period",
]
USAGE_FIELDS = ["available_sends", "email_sent_in_period", "current_subscribers", "limit_reset"]
CAMP_FIELDS = [
    "Status",
    "Subject",
    "From",
    "DateStart",
    "DateEnd",
    "Subscribers",
    "Sent",
    "Left",
    "Failed",
    "Bounced",
    "ReadsUnique",
    "ReadsTotal",
    "Unsubscribed",
    "Refered",
    "ReferReads",
    "TotalReads",
    "NewSubscribers",
]
STATUSES = {"completed", "scheduled", "stopped", "saved", "sending", "restarting"}


@pytest.fixture
def emulators() -> Emulators:
    return build_emulators(seed=1, size="small")


@pytest.fixture
def mm(emulators: Emulators) -> MaxmailerEmulator:
    platform = emulators.platforms["maxmailer"]
    assert isinstance(platform, MaxmailerEmulator)
    return platform


@pytest.fixture
async def client(emulators: Emulators) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=emulators.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emu") as http:
        yield http


async def call(http: httpx.AsyncClient, method: str, **params: Any) -> httpx.Response:
    """One request to ``api.php``: parameters in the query string (GET) or a form body (POST)."""
    sent = {k: str(v) for k, v in params.items()}
    if method == "GET":
        return await http.get(API, params=sent)
    return await http.post(API, data=sent)


async def admin(
    http: httpx.AsyncClient, function: str, login: str = ADMIN, method: str = "GET", **params: Any
) -> Any:
    """The JSON answer of an admin function, which always comes with HTTP 200."""
    response = await call(http, method, login_id=login, function=function, **params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


async def sub(
    http: httpx.AsyncClient, list_name: str, action: str, method: str = "GET", **p: Any
) -> Any:
    """The JSON answer of a subscription action on a seeded list."""
    response = await call(http, method, apikey=LIST_KEYS[list_name], action=action, **p)
    assert response.status_code == 200, response.text
    return response.json()


def error(errno: int, message: str) -> dict[str, Any]:
    return {"error": True, "errno": errno, "message": message}


def all_strings(value: Any) -> bool:
    """Whether every scalar in a decoded answer is a string, as PHP prints them."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and all_strings(v) for k, v in value.items())
    if isinstance(value, list):
        return all(all_strings(v) for v in value)
    return isinstance(value, str)


async def users_of(http: httpx.AsyncClient, login: str = ADMIN) -> dict[str, dict[str, str]]:
    users = await admin(http, "ListUsers", login)
    assert isinstance(users, dict)
    return users


def pick(users: dict[str, dict[str, str]], **want: str) -> str:
    """The id of the first user whose fields have the wanted values."""
    for user_id, record in users.items():
        if all(record.get(k) == v for k, v in want.items()):
            return user_id
    raise AssertionError(f"no seeded user with {want}")


def direct_user(users: dict[str, dict[str, str]]) -> str:
    """A plain user of the admin: outside every user-manager's scope."""
    return pick(users, parent_id=str(ADMIN_ID), usertType="user", status="active")


# --- admin API: roles and ListUsers


@METHODS
async def test_admin_lists_every_user_keyed_by_id(client: httpx.AsyncClient, method: str) -> None:
    users = await admin(client, "ListUsers", method=method)
    assert all_strings(users)
    assert list(users) == sorted(users, key=int)
    assert users[str(ADMIN_ID)]["usertType"] == "admin"
    assert {u["usertType"] for u in users.values()} == {"admin", "reseller", "user", "demo"}
    for record in users.values():
        expected = list(USER_FIELDS)
        if record["usertType"] == "reseller":
            expected.insert(expected.index("smtp"), "max_users")
        assert list(record) == expected
        assert record["status"] == ("suspended" if record["susp_date"] != "0" else "active")
        assert record["max_sends_period"] in {"one_time", "daily", "weekly", "monthly"}


async def test_list_users_hands_out_smtp_credentials(client: httpx.AsyncClient) -> None:
    users = await users_of(client)
    with_smtp = [u for u in users.values() if u["smtp"] == "1"]
    without = [u for u in users.values() if u["smtp"] == "0"]
    assert with_smtp
    assert without
    assert all(u["smtp_host"] and u["smtp_user"] and u["smtp_pass"] for u in with_smtp)
    assert all(u["smtp_user"] == u["smtp_pass"] == "" for u in without)
    assert users[str(PLAIN_USER_ID)]["smtp"] == "1"


@METHODS
async def test_user_manager_sees_only_its_own_users(client: httpx.AsyncClient, method: str) -> None:
    everyone = await users_of(client)
    mine = await admin(client, "ListUsers", RESELLER, method)
    expected = {k for k, v in everyone.items() if v["parent_id"] == str(RESELLER_ID)}
    assert set(mine) == expected
    assert 3 <= len(mine) <= 5
    assert str(RESELLER_ID) not in mine
    assert str(PLAIN_USER_ID) in mine
    assert {k: everyone[k] for k in mine} == mine


async def test_list_users_is_an_empty_object_when_nobody_is_visible(
    client: httpx.AsyncClient,
) -> None:
    for user_id in await users_of(client, RESELLER):
        assert await admin(client, "DeleteUser", RESELLER, id=user_id) == {"status": "User deleted"}
    response = await call(client, "GET", login_id=RESELLER, function="ListUsers")
    assert response.text == "{}"


@pytest.mark.parametrize(
    ("function", "errno", "message"),
    [
        ("ListUsers", 9001, "You are not allowed to get users information"),
        ("GetUser", 4001, "You are not allowed to get user information"),
        ("CreateUser", 2001, "You don't have permissions to create users."),
        ("AddCredit", 3001, "You are not allowed to add credit."),
        ("DeleteUser", 8001, "You don't have permissions to delete users"),
        ("ChangePassword", 7001, "You don't have permissions to change users password."),
        ("SuspendUser", 5001, "You don't have permissions to get user data."),
        ("UnsuspendUser", 6001, "You don't have permissions to get user data."),
    ],
)
@METHODS
async def test_plain_user_may_not_manage_users(
    client: httpx.AsyncClient, method: str, function: str, errno: int, message: str
) -> None:
    params = {
        "id": str(PLAIN_USER_ID),
        "username": "newcomer",
        "password": "secret1",
        "email": "new@example.com",
        "credits": "10",
    }
    body = await admin(client, function, PLAIN, method, **params)
    assert body == error(errno, message)
    assert await admin(client, "ListCamps", PLAIN, method)


@pytest.mark.parametrize("login", ["", "0", "nope", ADMIN.upper(), ADMIN + "0", "' OR 1=1 --"])
@METHODS
async def test_unknown_login_id_is_refused(
    client: httpx.AsyncClient, method: str, login: str
) -> None:
    assert await admin(client, "ListCamps", login, method) == error(1001, "Invalid login ID.")


async def test_missing_login_id_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.get(API, params={"function": "ListUsers"})
    assert response.json() == error(1001, "Invalid login ID.")
    assert (await client.get(API)).json() == error(1001, "Invalid login ID.")


async def test_a_suspended_account_cannot_log_in(client: httpx.AsyncClient) -> None:
    suspended = await admin(client, "SuspendUser", id=PLAIN_USER_ID)
    assert suspended == {"status": "User suspended"}
    assert await admin(client, "ListCamps", PLAIN) == error(1001, "Invalid login ID.")
    assert await admin(client, "UnsuspendUser", id=PLAIN_USER_ID) == {"status": "User unsuspended"}
    assert len(await admin(client, "ListCamps", PLAIN)) == 6


@pytest.mark.parametrize(
    "function", ["Frobnicate", "", "ListUser", "ListCaps", "UunsuspendUser", "GetUsers"]
)
@METHODS
async def test_unknown_function_is_refused(
    client: httpx.AsyncClient, method: str, function: str
) -> None:
    body = await admin(client, function, method=method)
    assert body == error(1002, "Function not recognized.")


async def test_function_names_match_in_any_letter_case(client: httpx.AsyncClient) -> None:
    assert await admin(client, "listusers") == await admin(client, "ListUsers")
    assert await admin(client, "LISTCAMPS", PLAIN) == await admin(client, "ListCamps", PLAIN)


async def test_invalid_login_is_reported_before_an_unknown_function(
    client: httpx.AsyncClient,
) -> None:
    assert await admin(client, "Frobnicate", "nope") == error(1001, "Invalid login ID.")


# --- GetUser


@METHODS
async def test_get_user_adds_usage_to_the_record(client: httpx.AsyncClient, method: str) -> None:
    users = await users_of(client)
    for user_id, record in users.items():
        got = await admin(client, "GetUser", method=method, id=user_id)
        assert all_strings(got)
        assert list(got) == list(record) + USAGE_FIELDS
        assert {k: got[k] for k in record} == record
        assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", got["limit_reset"])
        max_sends, sent = int(got["max_sends"]), int(got["email_sent_in_period"])
        if max_sends == 0:
            assert got["available_sends"] == "0"
        else:
            assert 0 <= sent <= max_sends
            assert int(got["available_sends"]) == max_sends - sent
        if got["max_suscribers"] != "0":
            assert int(got["current_subscribers"]) <= int(got["max_suscribers"])


async def test_limit_reset_follows_the_period(client: httpx.AsyncClient) -> None:
    users = await users_of(client)
    today = datetime.now(UTC).date()
    expected = {
        "daily": today,
        "weekly": today - timedelta(days=today.weekday()),
        "monthly": today.replace(day=1),
    }
    for period, day in expected.items():
        got = await admin(client, "GetUser", id=pick(users, max_sends_period=period))
        assert got["limit_reset"] == day.strftime("%d/%m/%Y")
    one_time = await admin(client, "GetUser", id=pick(users, max_sends_period="one_time"))
    reset = datetime.strptime(one_time["limit_reset"], "%d/%m/%Y").replace(tzinfo=UTC)
    created = datetime.fromtimestamp(int(one_time["dateCreated"]), tz=UTC)
    assert created.date() <= reset.date() < today


async def test_user_manager_gets_only_its_users(client: httpx.AsyncClient) -> None:
    users = await users_of(client)
    mine = await admin(client, "GetUser", RESELLER, id=PLAIN_USER_ID)
    assert mine["parent_id"] == str(RESELLER_ID)
    for outside in (direct_user(users), str(ADMIN_ID), str(RESELLER_ID)):
        assert await admin(client, "GetUser", RESELLER, id=outside) == error(4002, UNKNOWN_ID)
    reseller = await admin(client, "GetUser", id=RESELLER_ID)
    assert reseller["usertType"] == "reseller"
    assert reseller["max_users"] == "6"


@pytest.mark.parametrize("bad_id", ["999999", "abc", "", "-1", "2.0", " 3"])
async def test_get_user_with_an_unknown_id(client: httpx.AsyncClient, bad_id: str) -> None:
    assert await admin(client, "GetUser", id=bad_id) == error(4002, UNKNOWN_ID)
    assert await admin(client, "GetUser") == error(4002, UNKNOWN_ID)


# --- CreateUser


def new_user(**changes: Any) -> dict[str, str]:
    base = {
        "username": "nuevo.user",
        "password": "S3cret$@-_",
        "name": "Nuria",
        "lastname": "Vidal",
        "email": "nuria.vidal@example.com",
        "max_sends": "1000",
        "max_list": "2",
        "max_suscribers": "500",
        "max_message_size": "1024",
        "allow_api": "1",
    }
    base.update({k: str(v) for k, v in changes.items()})
    return base


@METHODS
async def test_admin_creates_a_user(client: httpx.AsyncClient, method: str) -> None:
    body = await admin(client, "CreateUser", method=method, **new_user(max_sends_type="2"))
    assert body == {"status": "User created", "user_ID": body["user_ID"]}
    assert all_strings(body)
    users = await users_of(client)
    created = users[body["user_ID"]]
    assert created["uname"] == "nuevo.user"
    assert created["parent_id"] == str(ADMIN_ID)
    assert created["max_sends_period"] == "weekly"
    assert created["usertType"] == "user"
    assert (created["max_sends"], created["max_list"], created["max_suscribers"]) == (
        "1000",
        "2",
        "500",
    )
    assert (created["allow_api"], created["allow_forms"]) == ("1", "0")
    assert (created["status"], created["susp_date"], created["smtp"]) == ("active", "0", "0")
    assert abs(int(created["dateCreated"]) - time.time()) < 60
    got = await admin(client, "GetUser", id=body["user_ID"])
    assert (got["available_sends"], got["email_sent_in_period"]) == ("1000", "0")
    assert await admin(client, "ListCamps", id=body["user_ID"]) == []


async def test_created_user_options(client: httpx.AsyncClient) -> None:
    demo = await admin(
        client, "CreateUser", **new_user(is_demo="1", name="N" * 50, max_sends_type="")
    )
    record = (await users_of(client))[demo["user_ID"]]
    assert record["usertType"] == "demo"
    assert record["name"] == "N" * 40
    assert record["max_sends_period"] == "one_time"


async def test_user_manager_creates_users_with_its_own_period(client: httpx.AsyncClient) -> None:
    body = await admin(client, "CreateUser", RESELLER, **new_user(max_sends_type="1"))
    assert body["status"] == "User created"
    mine = await users_of(client, RESELLER)
    assert mine[body["user_ID"]]["parent_id"] == str(RESELLER_ID)
    assert mine[body["user_ID"]]["max_sends_period"] == "monthly"


@pytest.mark.parametrize(
    ("changes", "errno", "message"),
    [
        ({"username": "ab"}, 2002, "Username contain invalid charactes."),
        ({"username": "a" * 16}, 2002, "Username contain invalid charactes."),
        ({"username": "bad name"}, 2002, "Username contain invalid charactes."),
        ({"username": "ñandú"}, 2002, "Username contain invalid charactes."),
        ({"username": ""}, 2002, "Username contain invalid charactes."),
        ({"password": "abcd"}, 2003, "Password contain invalid charactes."),
        ({"password": "a" * 16}, 2003, "Password contain invalid charactes."),
        ({"password": "pass word"}, 2003, "Password contain invalid charactes."),
        ({"password": "pässwörd"}, 2003, "Password contain invalid charactes."),
        ({"max_sends": "ten"}, 2004, "max_sends must be a number."),
        ({"max_sends": "-5"}, 2004, "max_sends must be a number."),
        ({"max_sends": "1.5"}, 2004, "max_sends must be a number."),
        ({"max_sends_type": "4"}, 2004, "max_sends must be a number."),
        ({"max_message_size": "big"}, 2005, "max_message_size must be a number."),
        ({"max_list": "x2"}, 2006, "max_list must be a number."),
        (
            {"max_suscribers": "lots"},
            2012,
            "Your license does not allow you to assign lots subscribers.",
        ),
        ({"email": "not-an-email"}, 2007, "Invalid email address."),
        ({"email": "a@b"}, 2007, "Invalid email address."),
        ({"email": "a b@example.com"}, 2007, "Invalid email address."),
        ({"email": ""}, 2007, "Invalid email address."),
        ({"username": "admin"}, 2008, "This username is in use."),
        ({"username": "ADMIN"}, 2008, "This username is in use."),
    ],
)
@METHODS
async def test_create_user_validation(
    client: httpx.AsyncClient, method: str, changes: dict[str, str], errno: int, message: str
) -> None:
    before = await users_of(client)
    body = await admin(client, "CreateUser", method=method, **new_user(**changes))
    assert body == error(errno, message)
    assert await users_of(client) == before


async def reseller_room(http: httpx.AsyncClient) -> dict[str, int]:
    """What the demo user-manager has left to hand out, from its record and its users'."""
    own = await admin(http, "GetUser", id=RESELLER_ID)
    mine = (await users_of(http, RESELLER)).values()
    return {
        field: int(own[field]) - sum(int(u[field]) for u in mine)
        for field in ("max_sends", "max_list", "max_suscribers")
    } | {"max_message_size": int(own["max_message_size"])}


async def test_user_manager_cannot_hand_out_more_than_it_has(client: httpx.AsyncClient) -> None:
    room = await reseller_room(client)
    assert all(v > 0 for v in room.values())
    sends, lists, subscribers = room["max_sends"], room["max_list"], room["max_suscribers"]
    cases = [
        ({"max_sends": sends + 1}, 2016, f"Can not allocate more than {sends} sends"),
        ({"max_sends": 0}, 2016, "You do not have enough sends to assign."),
        ({"max_list": lists + 1}, 2014, f"Can not allocate more than {lists} lists."),
        ({"max_list": 0}, 2013, "You do not have enough lists to assign."),
        (
            {"max_suscribers": subscribers + 1},
            2022,
            f"Your account allows you to assign no more than {subscribers} subscribers.",
        ),
        (
            {"max_suscribers": 0},
            2019,
            "Your account will not allows you to assign unlimited subscribers.",
        ),
        (
            {"max_suscribers": "lots"},
            2021,
            "Your license does not allow you to assign lots subscribers.",
        ),
        (
            {"max_message_size": room["max_message_size"] + 1},
            2024,
            f"Messages can not allocate more than {room['max_message_size']} kB",
        ),
    ]
    for changes, errno, message in cases:
        body = await admin(client, "CreateUser", RESELLER, **new_user(**changes))
        assert body == error(errno, message), changes
    exact = new_user(
        max_sends=sends,
        max_list=lists,
        max_suscribers=subscribers,
        max_message_size=room["max_message_size"],
    )
    assert (await admin(client, "CreateUser", RESELLER, **exact))["status"] == "User created"
    assert (await reseller_room(client))["max_sends"] == 0
    body = await admin(client, "CreateUser", RESELLER, **new_user(username="one.more"))
    assert body == error(2016, "Can not allocate more than 0 sends")


async def set_licence(client: httpx.AsyncClient, **caps: int) -> dict[str, Any]:
    response = await client.post("/_emulator/maxmailer/licence", json=caps)
    assert response.status_code == 200
    return response.json()


async def test_the_seeded_licence_caps_subscribers_per_user(client: httpx.AsyncClient) -> None:
    cap = LICENCE_SUBSCRIBERS_PER_USER
    body = await admin(client, "CreateUser", **new_user(max_suscribers=0))
    assert body == error(2009, "Your license does not allow you to assign unlimited subscribers.")
    body = await admin(client, "CreateUser", **new_user(max_suscribers=cap + 1))
    assert body == error(2012, f"Your license does not allow you to assign {cap + 1} subscribers.")
    # lists and sends are not capped by the seeded licence
    created = await admin(client, "CreateUser", **new_user(max_sends=0, max_list=0))
    assert created["status"] == "User created"
    record = (await users_of(client))[created["user_ID"]]
    assert (record["max_sends"], record["max_list"]) == ("0", "0")


async def test_admin_may_hand_out_unlimited_quotas_without_a_cap(
    client: httpx.AsyncClient,
) -> None:
    await set_licence(client, subscribers_per_user=0, subscribers_total=0)
    body = await admin(client, "CreateUser", **new_user(max_sends=0, max_list=0, max_suscribers=0))
    assert body["status"] == "User created"
    record = (await users_of(client))[body["user_ID"]]
    assert (record["max_sends"], record["max_list"], record["max_suscribers"]) == ("0", "0", "0")


async def test_left_out_limits_take_the_licence_defaults(client: httpx.AsyncClient) -> None:
    base = new_user()
    for name in ("max_sends", "max_list", "max_suscribers", "max_message_size"):
        del base[name]
    before = await users_of(client)
    body = await admin(client, "CreateUser", **base)
    assert body["status"] == "User created"
    record = (await users_of(client))[body["user_ID"]]
    defaults = (await set_licence(client, default_lists=5))["licence"]
    assert (
        record["max_sends"],
        record["max_list"],
        record["max_suscribers"],
        record["max_message_size"],
    ) == (
        str(defaults["default_sends"]),
        str(defaults["default_lists"]),
        str(defaults["default_subscribers"]),
        str(defaults["default_message_size"]),
    )
    assert all(v != "0" for v in (record["max_sends"], record["max_suscribers"]))
    assert len(await users_of(client)) == len(before) + 1
    # a user-manager's left-out limits take the same defaults, checked against what it has left
    body = await admin(client, "CreateUser", RESELLER, **{**base, "username": "from.pool"})
    assert body["status"] == "User created"
    mine = (await users_of(client, RESELLER))[body["user_ID"]]
    assert mine["max_suscribers"] == str(defaults["default_subscribers"])


@pytest.mark.parametrize(
    ("caps", "changes", "errno", "message"),
    [
        (
            {"lists_per_user": 10},
            {"max_list": 11},
            2015,
            "Can not allocate more than 10 lists.",
        ),
        ({"lists_per_user": 10}, {"max_list": 0}, 2015, "Can not allocate more than 10 lists."),
        (
            {"sends_per_user": 5000},
            {"max_sends": 5001},
            2017,
            "Can not allocate more than 5000 sends",
        ),
        ({"sends_per_user": 5000}, {"max_sends": 0}, 2017, "Can not allocate more than 5000 sends"),
        (
            {"subscribers_per_user": 0, "subscribers_total": 1},
            {"max_suscribers": 0},
            2009,
            "Your license does not allow you to assign unlimited subscribers.",
        ),
    ],
)
async def test_licence_caps_on_what_an_admin_hands_out(
    client: httpx.AsyncClient,
    caps: dict[str, int],
    changes: dict[str, Any],
    errno: int,
    message: str,
) -> None:
    await set_licence(client, **caps)
    before = await users_of(client)
    assert await admin(client, "CreateUser", **new_user(**changes)) == error(errno, message)
    assert await users_of(client) == before


async def test_the_licence_total_runs_out(client: httpx.AsyncClient, mm: MaxmailerEmulator) -> None:
    await set_licence(client, subscribers_per_user=0, subscribers_total=1)
    # the seeded accounts hold far more than one subscriber between them: nothing is left
    body = await admin(client, "CreateUser", **new_user(max_suscribers=1))
    assert body == error(2011, "You can not asign more subscribers than license allows you to.")
    await set_licence(client, subscribers_total=10**11)
    assert (await admin(client, "CreateUser", **new_user(max_suscribers=500)))["user_ID"]
    body = await admin(client, "CreateUser", **new_user(username="too.big", max_suscribers=10**12))
    assert body == error(2010, "Can not allocate more subscribers than your license allow.")
    # an unlimited user-manager draws from the licence too, with its own errnos
    unlimited = next(
        u for u in mm.state.users.values() if u.user_type == "reseller" and not u.max_subscribers
    )
    body = await admin(
        client,
        "CreateUser",
        unlimited.login_id,
        **new_user(username="pooled", max_suscribers=10**12),
    )
    assert body == error(
        2023, f"The system can not allocate {10**12} subscribers. Please contact the administrator."
    )
    body = await admin(
        client, "CreateUser", unlimited.login_id, **new_user(username="pooled", max_suscribers=0)
    )
    assert body["errno"] == 2019


async def test_licence_caps_what_a_user_manager_hands_out(client: httpx.AsyncClient) -> None:
    await set_licence(client, subscribers_per_user=50)
    body = await admin(client, "CreateUser", RESELLER, **new_user(max_suscribers=51))
    assert body == error(2020, "Your license does not allow you to assign 51 subscribers.")


@pytest.mark.parametrize(
    "bad",
    [[], {"lists_per_user": -1}, {"lists_per_user": True}, {"unknown": 1}, {"sends_per_user": "5"}],
)
async def test_licence_control_refuses_bad_values(client: httpx.AsyncClient, bad: Any) -> None:
    response = await client.post("/_emulator/maxmailer/licence", json=bad)
    assert "error" in response.json()


async def test_user_manager_stops_at_its_user_limit(client: httpx.AsyncClient) -> None:
    room = len(await users_of(client, RESELLER))
    assert room < 6
    for n in range(6 - room):
        small = new_user(username=f"extra{n}", max_sends=10, max_list=1, max_suscribers=10)
        assert (await admin(client, "CreateUser", RESELLER, **small))["status"] == "User created"
    body = await admin(client, "CreateUser", RESELLER, **new_user(username="too.many"))
    assert body == error(2025, "Your are not allowed to create more users.")
    # The user limit is checked first, whatever else is wrong with the request.
    body = await admin(client, "CreateUser", RESELLER, username="!")
    assert body["errno"] == 2025
    assert (await admin(client, "CreateUser", **new_user(username="by.admin")))["user_ID"]


# --- AddCredit


@METHODS
async def test_add_credit_to_a_one_time_account(client: httpx.AsyncClient, method: str) -> None:
    users = await users_of(client)
    demo_id = pick(users, usertType="demo")
    before = await admin(client, "GetUser", id=demo_id)
    assert before["max_sends_period"] == "one_time"
    body = await admin(client, "AddCredit", method=method, id=demo_id, credits=250)
    expected = int(before["available_sends"]) + 250
    assert body == {"status": "Credit added", "available_sends": str(expected)}
    after = await admin(client, "GetUser", id=demo_id)
    assert after["available_sends"] == str(expected)
    assert int(after["max_sends"]) == int(before["max_sends"]) + 250
    assert after["limit_reset"] == datetime.now(UTC).strftime("%d/%m/%Y")


async def test_add_credit_errors(client: httpx.AsyncClient) -> None:
    users = await users_of(client)
    one_time = pick(users, max_sends_period="one_time", usertType="user")
    monthly = pick(users, max_sends_period="monthly", usertType="user")
    unlimited_one_time = await admin(
        client, "CreateUser", **new_user(max_sends=0, max_sends_type=0)
    )
    only_one_time = "Credit can only be added to one time send accounts."
    assert await admin(client, "AddCredit", id="999999", credits=5) == error(3002, UNKNOWN_ID)
    assert await admin(client, "AddCredit", id=monthly, credits=5) == error(3003, only_one_time)
    body = await admin(client, "AddCredit", id=unlimited_one_time["user_ID"], credits=5)
    assert body == error(3003, only_one_time)
    for credits in ("0", "-3", "abc", "", "1.5"):
        body = await admin(client, "AddCredit", id=one_time, credits=credits)
        assert body == error(3004, "Credits must be a positive number.")
    assert await admin(client, "AddCredit", id=one_time) == error(
        3004, "Credits must be a positive number."
    )


# --- DeleteUser, ChangePassword, SuspendUser, UnsuspendUser


@METHODS
async def test_delete_user(client: httpx.AsyncClient, method: str) -> None:
    users = await users_of(client)
    victim = direct_user(users)
    camps = await admin(client, "ListCamps", id=victim)
    assert camps
    assert await admin(client, "DeleteUser", method=method, id=victim) == {"status": "User deleted"}
    assert victim not in await users_of(client)
    assert await admin(client, "GetUser", id=victim) == error(4002, UNKNOWN_ID)
    body = await admin(client, "GetCamp", MessageID=camps[0]["MessageID"])
    assert body == error(1201, "Wrong message ID")
    assert await admin(client, "DeleteUser", id=victim) == error(8002, UNKNOWN_ID)


async def test_deleting_a_user_manager_moves_its_users_to_its_parent(
    client: httpx.AsyncClient,
) -> None:
    mine = await users_of(client, RESELLER)
    assert await admin(client, "DeleteUser", id=RESELLER_ID) == {"status": "User deleted"}
    users = await users_of(client)
    assert all(users[k]["parent_id"] == str(ADMIN_ID) for k in mine)
    assert await admin(client, "ListUsers", RESELLER) == error(1001, "Invalid login ID.")


async def test_deleting_the_owner_of_a_list_removes_the_list(client: httpx.AsyncClient) -> None:
    assert await admin(client, "DeleteUser", id=PLAIN_USER_ID) == {"status": "User deleted"}
    body = await sub(client, "customers", "status", email="anyone@example.com")
    assert body == error(1101, "Invalid list or api key")


async def test_nobody_deletes_or_suspends_itself(client: httpx.AsyncClient) -> None:
    body = await admin(client, "DeleteUser", id=ADMIN_ID)
    assert body == error(8001, "You don't have permissions to delete users")
    body = await admin(client, "SuspendUser", id=ADMIN_ID)
    assert body == error(5001, "You don't have permissions to get user data.")
    assert len(await users_of(client)) == 21


@METHODS
async def test_change_password(
    client: httpx.AsyncClient, method: str, mm: MaxmailerEmulator
) -> None:
    body = await admin(
        client, "ChangePassword", method=method, id=PLAIN_USER_ID, password="N3w-pass$@_"
    )
    assert body == {"status": "Password changed"}
    assert mm.state.users[PLAIN_USER_ID].password == "N3w-pass$@_"


@pytest.mark.parametrize(
    ("password", "errno", "message"),
    [
        ("", 7004, "Password is too short."),
        ("abcd", 7004, "Password is too short."),
        ("a" * 16, 7005, "Password is too long."),
        ("pass word", 7006, "Password contain invalid chars."),
        ("contraseña", 7006, "Password contain invalid chars."),
        ("semi;colon", 7006, "Password contain invalid chars."),
    ],
)
async def test_change_password_validation(
    client: httpx.AsyncClient, mm: MaxmailerEmulator, password: str, errno: int, message: str
) -> None:
    before = mm.state.users[PLAIN_USER_ID].password
    body = await admin(client, "ChangePassword", RESELLER, id=PLAIN_USER_ID, password=password)
    assert body == error(errno, message)
    assert mm.state.users[PLAIN_USER_ID].password == before
    body = await admin(client, "ChangePassword", id="424242", password="valid1")
    assert body == error(7002, UNKNOWN_ID)


@METHODS
async def test_suspend_and_unsuspend(client: httpx.AsyncClient, method: str) -> None:
    started = int(time.time())
    body = await admin(client, "SuspendUser", RESELLER, method, id=PLAIN_USER_ID)
    assert body == {"status": "User suspended"}
    record = await admin(client, "GetUser", RESELLER, id=PLAIN_USER_ID)
    assert record["status"] == "suspended"
    assert started <= int(record["susp_date"]) <= int(time.time())
    body = await admin(client, "UnsuspendUser", RESELLER, method, id=PLAIN_USER_ID)
    assert body == {"status": "User unsuspended"}
    record = await admin(client, "GetUser", RESELLER, id=PLAIN_USER_ID)
    assert (record["status"], record["susp_date"]) == ("active", "0")


async def test_seeded_suspensions_can_be_lifted(client: httpx.AsyncClient) -> None:
    users = await users_of(client)
    suspended = pick(users, status="suspended")
    assert int(users[suspended]["susp_date"]) > int(users[suspended]["dateCreated"])
    assert await admin(client, "UnsuspendUser", id=suspended) == {"status": "User unsuspended"}
    assert (await users_of(client))[suspended]["status"] == "active"
    assert await admin(client, "SuspendUser", id="x") == error(5002, UNKNOWN_ID)
    assert await admin(client, "UnsuspendUser", id="0") == error(6002, UNKNOWN_ID)


@pytest.mark.parametrize(
    ("function", "params", "errno"),
    [
        ("GetUser", {}, 4002),
        ("AddCredit", {"credits": "10"}, 3002),
        ("DeleteUser", {}, 8002),
        ("ChangePassword", {"password": "valid1"}, 7002),
        ("SuspendUser", {}, 5002),
        ("UnsuspendUser", {}, 6002),
        ("ListCamps", {}, 4002),
    ],
)
async def test_user_manager_cannot_touch_users_outside_its_scope(
    client: httpx.AsyncClient, function: str, params: dict[str, str], errno: int
) -> None:
    users = await users_of(client)
    before = {k: await admin(client, "GetUser", id=k) for k in users}
    other_managers_user = pick(users, parent_id=pick(users, usertType="reseller", uname="mediahub"))
    for outside in (direct_user(users), str(ADMIN_ID), other_managers_user, "999999"):
        body = await admin(client, function, RESELLER, id=outside, **params)
        assert body == error(errno, UNKNOWN_ID)
    assert {k: await admin(client, "GetUser", id=k) for k in users} == before


# --- campaigns


@METHODS
async def test_list_camps_gives_the_callers_campaigns(
    client: httpx.AsyncClient, method: str
) -> None:
    camps = await admin(client, "ListCamps", PLAIN, method)
    assert all_strings(camps)
    assert len(camps) == 6
    assert all(list(c) == ["MessageID", "Subject", "DateStart", "DateEnd"] for c in camps)
    assert [int(c["MessageID"]) for c in camps] == sorted(int(c["MessageID"]) for c in camps)
    statuses = set()
    for camp in camps:
        stats = await admin(client, "GetCamp", PLAIN, method, MessageID=camp["MessageID"])
        assert (stats["Subject"], stats["DateStart"], stats["DateEnd"]) == (
            camp["Subject"],
            camp["DateStart"],
            camp["DateEnd"],
        )
        statuses.add(stats["Status"])
    assert statuses == STATUSES
    assert await admin(client, "ListCamps", id=PLAIN_USER_ID) == camps
    assert await admin(client, "ListCamps", RESELLER, id=PLAIN_USER_ID) == camps
    own = await admin(client, "ListCamps", RESELLER)
    assert own == await admin(client, "ListCamps", RESELLER, id=RESELLER_ID)
    assert {c["MessageID"] for c in own}.isdisjoint({c["MessageID"] for c in camps})


async def test_list_camps_with_an_id_errors(client: httpx.AsyncClient) -> None:
    body = await admin(client, "ListCamps", PLAIN, id=PLAIN_USER_ID)
    assert body == error(4001, "You are not allowed to get user information")
    for bad in ("999999", "abc", "-2"):
        assert await admin(client, "ListCamps", id=bad) == error(4002, UNKNOWN_ID)


def check_stats(stats: dict[str, str], now: int) -> None:
    """The statistics of one campaign agree with each other and with its status."""
    n = {k: int(v) for k, v in stats.items() if k not in ("Status", "Subject", "From")}
    assert n["Sent"] + n["Failed"] + n["Left"] == n["Subscribers"]
    assert n["ReadsUnique"] <= n["ReadsTotal"]
    assert n["TotalReads"] == n["ReadsTotal"] + n["ReferReads"]
    assert n["Bounced"] <= n["Sent"]
    assert n["ReadsUnique"] <= n["Sent"] - n["Bounced"]
    assert n["Unsubscribed"] <= n["ReadsUnique"]
    assert n["Refered"] <= n["ReferReads"]
    assert n["NewSubscribers"] <= n["Refered"]
    status = stats["Status"]
    if status == "completed":
        assert n["Left"] == 0
        assert n["Sent"] + n["Failed"] == n["Subscribers"]
        assert 0 < n["DateStart"] < n["DateEnd"] <= now
    elif status in ("sending", "stopped", "restarting"):
        assert n["Left"] > 0
        assert n["Sent"] > 0
        assert 0 < n["DateStart"] <= now
        assert n["DateEnd"] == 0
    else:
        assert n["Sent"] == n["Failed"] == n["ReadsTotal"] == n["ReferReads"] == 0
        assert n["Left"] == n["Subscribers"]
        assert n["DateEnd"] == 0
        if status == "scheduled":
            assert n["DateStart"] > now
        else:
            assert n["DateStart"] == 0


async def test_every_campaign_has_consistent_statistics(client: httpx.AsyncClient) -> None:
    now = int(time.time())
    statuses: set[str] = set()
    for user_id in await users_of(client):
        camps = await admin(client, "ListCamps", id=user_id)
        assert 2 <= len(camps) <= 6
        for camp in camps:
            stats = await admin(client, "GetCamp", MessageID=camp["MessageID"])
            assert all_strings(stats)
            assert list(stats) == CAMP_FIELDS
            assert stats["Status"] in STATUSES
            check_stats(stats, now)
            statuses.add(stats["Status"])
    assert statuses == STATUSES


async def test_get_camp_visibility(client: httpx.AsyncClient) -> None:
    users = await users_of(client)
    outsider = (await admin(client, "ListCamps", id=direct_user(users)))[0]["MessageID"]
    ours = (await admin(client, "ListCamps", PLAIN))[0]["MessageID"]
    reseller_own = (await admin(client, "ListCamps", RESELLER))[0]["MessageID"]
    wrong = error(1201, "Wrong message ID")
    assert await admin(client, "GetCamp", PLAIN, MessageID=outsider) == wrong
    assert await admin(client, "GetCamp", PLAIN, MessageID=reseller_own) == wrong
    assert await admin(client, "GetCamp", RESELLER, MessageID=outsider) == wrong
    assert (await admin(client, "GetCamp", RESELLER, MessageID=ours))["Status"]
    assert (await admin(client, "GetCamp", RESELLER, MessageID=reseller_own))["Status"]
    assert (await admin(client, "GetCamp", MessageID=outsider))["Status"]
    for bad in ("999999", "abc", "", "1e3"):
        assert await admin(client, "GetCamp", MessageID=bad) == wrong
    assert await admin(client, "GetCamp") == wrong
    # Parameter names are case-sensitive, as in PHP.
    assert await admin(client, "GetCamp", messageid=ours) == wrong


# --- subscription API


@METHODS
async def test_subscribe_then_read_the_status(client: httpx.AsyncClient, method: str) -> None:
    started = int(time.time())
    body = await sub(
        client, "newsletter", "subscribe", method, email="Ana.Gil@Example.com", name="Ana"
    )
    assert body == {"status": "Email added"}
    status = await sub(client, "newsletter", "status", method, email="ana.gil@example.com")
    assert list(status) == ["email", "name", "creation_date", "unsus_date", "active"]
    assert all_strings(status)
    assert (status["email"], status["name"], status["unsus_date"], status["active"]) == (
        "Ana.Gil@Example.com",
        "Ana",
        "0",
        "1",
    )
    assert started <= int(status["creation_date"]) <= int(time.time())
    again = await sub(client, "newsletter", "subscribe", method, email="ana.gil@example.com")
    assert again == error(1105, "Email already exist in this list")


@METHODS
async def test_unsubscribe_keeps_the_address_inactive(
    client: httpx.AsyncClient, method: str
) -> None:
    await sub(client, "customers", "subscribe", method, email="leo@example.org", name="Leo")
    body = await sub(client, "customers", "unsubscribe", method, email="leo@example.org")
    assert body == {"status": "Email unsubscribed"}
    status = await sub(client, "customers", "status", method, email="leo@example.org")
    assert (status["name"], status["active"]) == ("Leo", "0")
    # Unsubscribing again is harmless; subscribing again makes the address active.
    again = await sub(client, "customers", "unsubscribe", method, email="leo@example.org")
    assert again == {"status": "Email unsubscribed"}
    assert (await sub(client, "customers", "subscribe", method, email="leo@example.org")) == {
        "status": "Email added"
    }
    status = await sub(client, "customers", "status", method, email="leo@example.org")
    assert (status["name"], status["active"]) == ("Leo", "1")


async def test_subscription_counts_towards_the_owners_subscribers(
    client: httpx.AsyncClient,
) -> None:
    before = await admin(client, "GetUser", id=PLAIN_USER_ID)
    await sub(client, "customers", "subscribe", email="count.me@example.com")
    after = await admin(client, "GetUser", id=PLAIN_USER_ID)
    assert int(after["current_subscribers"]) == int(before["current_subscribers"]) + 1
    await sub(client, "customers", "unsubscribe", email="count.me@example.com")
    assert await admin(client, "GetUser", id=PLAIN_USER_ID) == before


async def test_seeded_subscriptions_read_back_by_state(
    client: httpx.AsyncClient, mm: MaxmailerEmulator
) -> None:
    now = int(time.time())
    assert len(mm.state.lists) == len(LIST_KEYS) == 4
    for name, key in LIST_KEYS.items():
        rows = mm.state.lists[key].subscriptions.values()
        assert 5 <= len(rows) <= 20
        seen = {"expired": 0, "ahead": 0, "unsubscribed": 0}
        for row in rows:
            status = await sub(client, name, "status", email=row.email)
            assert all_strings(status)
            unsus = int(status["unsus_date"])
            if row.unsubscribed:
                seen["unsubscribed"] += 1
                assert status["active"] == "0"
            elif unsus and unsus < now:
                seen["expired"] += 1
                assert status["active"] == "0"
            else:
                seen["ahead"] += unsus > now
                assert status["active"] == "1"
            assert int(status["creation_date"]) < now
        assert all(seen.values()), (name, seen)


async def test_a_term_that_passes_turns_the_subscription_inactive(
    client: httpx.AsyncClient,
) -> None:
    term = int(time.time()) + 3600
    body = await sub(client, "newsletter", "subscribe", email="brief@example.com", unsus_date=term)
    assert body == {"status": "Email added"}
    status = await sub(client, "newsletter", "status", email="brief@example.com")
    assert (status["unsus_date"], status["active"]) == (str(term), "1")
    moved = await client.post("/_emulator/maxmailer/advance-clock", json={"seconds": 7200})
    assert moved.status_code == 200
    assert moved.json()["offset"] == 7200
    assert moved.json()["now"] > term
    status = await sub(client, "newsletter", "status", email="brief@example.com")
    assert (status["unsus_date"], status["active"]) == (str(term), "0")
    # The old term is now in the past too, and the address may subscribe again.
    body = await sub(client, "newsletter", "subscribe", email="x@example.com", unsus_date=term)
    assert body == error(1106, "Unsubscription date is in the past")
    assert await sub(client, "newsletter", "subscribe", email="brief@example.com") == {
        "status": "Email added"
    }
    assert (await client.post("/_emulator/reset")).status_code == 200
    assert (await sub(client, "newsletter", "status", email="brief@example.com"))["errno"] == 1107


@pytest.mark.parametrize(
    "bad",
    ['{"seconds": "10"}', '{"seconds": true}', "{}", '{"secs": 5}', '{"seconds": 1e400}', "[5]"],
)
async def test_advance_clock_wants_a_number(
    client: httpx.AsyncClient, mm: MaxmailerEmulator, bad: str
) -> None:
    response = await client.post("/_emulator/maxmailer/advance-clock", content=bad)
    assert "error" in response.json()
    assert mm.clock.offset == 0


@pytest.mark.parametrize("apikey", ["", "nope", LIST_KEYS["newsletter"].upper(), ADMIN])
@METHODS
async def test_unknown_api_key(client: httpx.AsyncClient, method: str, apikey: str) -> None:
    for action in ("subscribe", "unsubscribe", "status", "explode"):
        response = await call(client, method, apikey=apikey, action=action, email="a@example.com")
        assert response.json() == error(1101, "Invalid list or api key")
    response = await call(client, method, action="subscribe", email="a@example.com")
    assert response.json() == error(1101, "Invalid list or api key")


@pytest.mark.parametrize("action", ["explode", "", "subscribe2", "unsuscribe"])
@METHODS
async def test_unknown_action(client: httpx.AsyncClient, method: str, action: str) -> None:
    body = await sub(client, "newsletter", action, method, email="a@example.com")
    assert body == error(1102, "Action not recognized")


async def test_missing_action_with_an_api_key(client: httpx.AsyncClient) -> None:
    response = await client.get(API, params={"apikey": LIST_KEYS["newsletter"]})
    assert response.json() == error(1102, "Action not recognized")


@pytest.mark.parametrize(
    "email", ["", "plainaddress", "a@b", "two@@example.com", "a b@example.com"]
)
@pytest.mark.parametrize("action", ["subscribe", "unsubscribe", "status"])
async def test_invalid_email(client: httpx.AsyncClient, action: str, email: str) -> None:
    body = await sub(client, "newsletter", action, email=email)
    assert body == error(1103, "Invalid emails address")


@pytest.mark.parametrize("list_name", ["webinars", "vip-club"])
@METHODS
async def test_quota_exceeded(client: httpx.AsyncClient, method: str, list_name: str) -> None:
    body = await sub(client, list_name, "subscribe", method, email="late@example.com")
    assert body == error(1104, "Subscribers quota exceeded")
    status = await sub(client, list_name, "status", email="late@example.com")
    assert status == error(1107, "Email not in list")


async def test_an_expiring_term_frees_quota(
    client: httpx.AsyncClient, mm: MaxmailerEmulator
) -> None:
    vip = mm.state.lists[LIST_KEYS["vip-club"]]
    now = int(time.time())
    last_term = max(s.unsus_date for s in vip.subscriptions.values() if s.active(now))
    assert last_term > now
    body = await sub(client, "vip-club", "subscribe", email="late@example.com")
    assert body == error(1104, "Subscribers quota exceeded")
    moved = await client.post(
        "/_emulator/maxmailer/advance-clock", json={"seconds": last_term - now + 1}
    )
    assert moved.json()["now"] > last_term
    assert await sub(client, "vip-club", "subscribe", email="late@example.com") == {
        "status": "Email added"
    }


@pytest.mark.parametrize("unsus_date", ["1", "1320422607", "abc", "-5", "1.5e9"])
@METHODS
async def test_a_term_in_the_past_is_refused(
    client: httpx.AsyncClient, method: str, unsus_date: str
) -> None:
    body = await sub(
        client, "newsletter", "subscribe", method, email="past@example.com", unsus_date=unsus_date
    )
    assert body == error(1106, "Unsubscription date is in the past")


@pytest.mark.parametrize("email", ["someone@blocked.example", "SPAMTRAP@example.com"])
async def test_blacklisted_address(client: httpx.AsyncClient, email: str) -> None:
    body = await sub(client, "newsletter", "subscribe", email=email)
    message = (
        "The email address entered is blacklisted. It must be subscribed by an double opt-in form"
    )
    assert body == error(1108, message)


@pytest.mark.parametrize("action", ["unsubscribe", "status"])
@METHODS
async def test_email_not_in_list(client: httpx.AsyncClient, method: str, action: str) -> None:
    body = await sub(client, "newsletter", action, method, email="stranger@example.com")
    assert body == error(1107, "Email not in list")


async def test_redirects_instead_of_json(client: httpx.AsyncClient) -> None:
    params = {"apikey": LIST_KEYS["newsletter"], "email": "hop@example.com"}
    done = await client.get(
        API,
        params=params | {"action": "subscribe", "success_url": "https://shop.example/thanks"},
    )
    assert (done.status_code, done.headers["location"]) == (302, "https://shop.example/thanks")
    failed = await client.post(
        API,
        data=params | {"action": "subscribe", "error_url": "https://shop.example/oops?form=2"},
    )
    assert failed.status_code == 302
    location = urlsplit(failed.headers["location"])
    assert (location.netloc, location.path) == ("shop.example", "/oops")
    assert parse_qs(location.query) == {
        "form": ["2"],
        "error": ["Email already exist in this list"],
        "errno": ["1105"],
    }
    bad_key = await client.get(
        API, params={"apikey": "nope", "action": "status", "error_url": "https://s.example/e"}
    )
    assert parse_qs(urlsplit(bad_key.headers["location"]).query)["errno"] == ["1101"]
    # Without the matching URL the answer stays JSON.
    plain = await client.get(
        API, params=params | {"action": "status", "error_url": "https://s.example/e"}
    )
    assert (plain.status_code, plain.json()["active"]) == (200, "1")
    admin_api = await client.get(
        API, params={"login_id": ADMIN, "function": "ListCamps", "success_url": "https://x.example"}
    )
    assert admin_api.status_code == 200
    assert isinstance(admin_api.json(), list)


async def test_json_is_printed_like_php(client: httpx.AsyncClient) -> None:
    await sub(client, "newsletter", "subscribe", email="slash@example.com", name="Ana/José")
    response = await call(
        client, "GET", apikey=LIST_KEYS["newsletter"], action="status", email="slash@example.com"
    )
    assert '"name":"Ana\\/Jos\\u00e9"' in response.text
    assert response.json()["name"] == "Ana/José"


# --- robustness, counters, faults


@pytest.mark.parametrize(
    "content",
    [
        b'{"login_id": "x", "function": "ListUsers"}',
        b"\xff\xfe\x00garbage",
        b"login_id=%ZZ&function=ListUsers",
        # Past PHP's 1000 input variables the rest is dropped, login_id included.
        b"&".join(b"f%d=1" % i for i in range(1000)) + b"&login_id=" + ADMIN.encode(),
    ],
)
async def test_bad_bodies_get_the_api_error(client: httpx.AsyncClient, content: bytes) -> None:
    response = await client.post(
        API, content=content, headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 200
    assert response.json() == error(1001, "Invalid login ID.")


async def test_a_long_query_string_is_answered(client: httpx.AsyncClient) -> None:
    params = {f"f{i}": "1" for i in range(3000)} | {"login_id": ADMIN, "function": "ListUsers"}
    response = await client.get(API, params=params)
    assert response.json() == error(1001, "Invalid login ID.")
    response = await client.get(
        API, params={"login_id": ADMIN, "function": "GetUser", "id": "9" * 40}
    )
    assert response.json() == error(4002, UNKNOWN_ID)


async def test_post_body_wins_over_the_query_string(client: httpx.AsyncClient) -> None:
    response = await client.post(
        API, params={"login_id": "nope", "function": "ListUsers"}, data={"login_id": ADMIN}
    )
    assert str(ADMIN_ID) in response.json()


async def test_requests_are_counted_by_function_and_action(client: httpx.AsyncClient) -> None:
    await admin(client, "ListUsers")
    await admin(client, "listUSERS", method="POST")
    await admin(client, "GetCamp", PLAIN, MessageID="1")
    await admin(client, "Frobnicate")
    await admin(client, "ListUsers", "nope")
    await sub(client, "newsletter", "Subscribe", email="c@example.com")
    await sub(client, "newsletter", "status", email="c@example.com")
    await sub(client, "newsletter", "unsubscribe", "POST", email="c@example.com")
    await sub(client, "newsletter", "explode", email="c@example.com")
    report = (await client.get("/_emulator/requests")).json()
    assert report["counts"]["maxmailer"] == {
        "Frobnicate": 1,
        "GetCamp": 1,
        "ListUsers": 3,
        "explode": 1,
        "status": 1,
        "subscribe": 1,
        "unsubscribe": 1,
    }
    assert report["totals"]["maxmailer"] == 9


async def arm(http: httpx.AsyncClient, **spec: Any) -> None:
    response = await http.post("/_emulator/faults", json={"platform": "maxmailer", **spec})
    assert response.status_code == 200, response.text


async def test_status_fault_on_one_function(client: httpx.AsyncClient) -> None:
    await arm(client, kind="status", status=503, endpoint="GetUser")
    assert len(await users_of(client)) == 21
    response = await call(client, "GET", login_id=ADMIN, function="GetUser", id="1")
    assert (response.status_code, response.text) == (503, "Service Unavailable")
    assert (await admin(client, "GetUser", id="1"))["usertType"] == "admin"


async def test_status_fault_on_a_subscription_action(client: httpx.AsyncClient) -> None:
    await arm(client, kind="status", status=500, endpoint="subscribe", count=None)
    for _ in range(2):
        response = await call(
            client,
            "POST",
            apikey=LIST_KEYS["newsletter"],
            action="subscribe",
            email="f@example.com",
        )
        assert response.status_code == 500
    assert (await sub(client, "newsletter", "status", email="f@example.com"))["errno"] == 1107
    assert (await client.delete("/_emulator/faults")).status_code == 200
    assert await sub(client, "newsletter", "subscribe", email="f@example.com") == {
        "status": "Email added"
    }


async def test_malformed_fault_sends_a_php_error_page(client: httpx.AsyncClient) -> None:
    await arm(client, kind="malformed")
    response = await call(client, "GET", login_id=ADMIN, function="ListUsers")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    with pytest.raises(json.JSONDecodeError):
        response.json()
    await arm(client, kind="malformed", body='{"error": true, "errno": ', endpoint="ListCamps")
    response = await call(client, "GET", login_id=ADMIN, function="ListCamps")
    assert response.text == '{"error": true, "errno": '


async def test_latency_fault_delays_a_normal_answer(client: httpx.AsyncClient) -> None:
    await arm(client, kind="latency", latency_ms=80)
    started = time.perf_counter()
    users = await users_of(client)
    assert time.perf_counter() - started >= 0.07
    assert len(users) == 21


async def test_hang_fault_holds_the_request_until_its_time_is_up(client: httpx.AsyncClient) -> None:
    await arm(client, kind="hang", hang_seconds=0.1)
    response = await call(client, "GET", login_id=ADMIN, function="ListUsers")
    assert (response.status_code, response.text) == (504, "hung request released")
    assert len(await users_of(client)) == 21


async def test_clearing_faults_releases_a_hung_request(
    client: httpx.AsyncClient, emulators: Emulators
) -> None:
    await arm(client, kind="hang", hang_seconds=30, endpoint="status")
    params = {"apikey": LIST_KEYS["newsletter"], "action": "status", "email": "a@example.com"}
    hung = asyncio.create_task(client.get(API, params=params))
    # The fault leaves the armed list once the request has taken it.
    for _ in range(10_000):
        if not emulators.hub.faults.armed():
            break
        await asyncio.sleep(0)
    assert not emulators.hub.faults.armed()
    assert not hung.done()
    assert (await client.delete("/_emulator/faults")).status_code == 200
    response = await asyncio.wait_for(hung, timeout=5)
    assert (response.status_code, response.text) == (504, "hung request released")
    assert (await client.get(API, params=params)).json()["errno"] == 1107


# --- seed, reset, size, credentials


async def snapshot(http: httpx.AsyncClient) -> dict[str, Any]:
    """Everything the API shows: users, their campaigns, and every seeded subscription."""
    users = await users_of(http)
    seen: dict[str, Any] = {"users": users}
    for user_id in users:
        seen[f"user {user_id}"] = await admin(http, "GetUser", id=user_id)
        for camp in await admin(http, "ListCamps", id=user_id):
            seen[f"camp {camp['MessageID']}"] = await admin(
                http, "GetCamp", MessageID=camp["MessageID"]
            )
    return seen


async def test_seed_is_deterministic(client: httpx.AsyncClient) -> None:
    same = build_emulators(seed=1, size="small")
    other = build_emulators(seed=2, size="small")
    transport = httpx.ASGITransport(app=same.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emu") as twin:
        assert await snapshot(client) == await snapshot(twin)
    transport = httpx.ASGITransport(app=other.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emu") as stranger:
        assert await snapshot(client) != await snapshot(stranger)
        # The demo credentials do not depend on the seed.
        assert (await admin(stranger, "ListCamps", PLAIN))[0]["MessageID"]
        assert await admin(stranger, "ListUsers", RESELLER)


async def test_reset_restores_the_seed(client: httpx.AsyncClient, mm: MaxmailerEmulator) -> None:
    before = await snapshot(client)
    secrets = mm.secrets()
    await admin(client, "CreateUser", **new_user())
    await admin(client, "DeleteUser", id=PLAIN_USER_ID)
    await admin(client, "SuspendUser", id=RESELLER_ID)
    await sub(client, "newsletter", "subscribe", email="r@example.com")
    await client.post("/_emulator/maxmailer/advance-clock", json={"seconds": 99})
    assert (await client.post("/_emulator/reset")).status_code == 200
    assert mm.clock.offset == 0
    assert await snapshot(client) == before
    assert (await sub(client, "newsletter", "status", email="r@example.com"))["errno"] == 1107
    assert mm.secrets() == secrets


async def test_seed_shape(client: httpx.AsyncClient) -> None:
    users = await users_of(client)
    resellers = [k for k, v in users.items() if v["usertType"] == "reseller"]
    assert len(resellers) == 3
    for reseller in resellers:
        assert 3 <= sum(v["parent_id"] == reseller for v in users.values()) <= 5
    direct = [v for v in users.values() if v["parent_id"] == str(ADMIN_ID)]
    assert sum(v["usertType"] == "user" for v in direct) >= 3
    assert sum(v["usertType"] == "demo" for v in users.values()) == 1
    assert {v["max_sends_period"] for v in users.values()} == {
        "one_time",
        "daily",
        "weekly",
        "monthly",
    }
    assert any(v["max_sends"] == "0" for v in users.values())
    assert any(v["max_sends"] != "0" for v in users.values())
    assert sum(v["status"] == "suspended" for v in users.values()) >= 2
    plain = users[str(PLAIN_USER_ID)]
    assert (plain["usertType"], plain["status"]) == ("user", "active")


async def test_large_size_has_hundreds_of_users() -> None:
    large = build_emulators(seed=1, size="large")
    transport = httpx.ASGITransport(app=large.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emu") as http:
        users = await users_of(http)
        assert len(users) >= 300
        assert sum(v["usertType"] == "reseller" for v in users.values()) > 3
        assert len(await admin(http, "ListUsers", RESELLER)) == len(
            [v for v in users.values() if v["parent_id"] == str(RESELLER_ID)]
        )
        assert len(await admin(http, "ListCamps", PLAIN)) == 6
        sample = list(users)[::40]
        for user_id in sample:
            assert 2 <= len(await admin(http, "ListCamps", id=user_id)) <= 6


async def test_secrets_cover_every_credential(
    client: httpx.AsyncClient, mm: MaxmailerEmulator
) -> None:
    secrets = mm.secrets()
    users = await users_of(client)
    for record in users.values():
        for field in ("smtp_user", "smtp_pass"):
            assert not record[field] or record[field] in secrets
    assert set(LIST_KEYS.values()) <= secrets
    assert {ADMIN, RESELLER, PLAIN} <= secrets
    assert {u.password for u in mm.state.users.values()} <= secrets
    assert "" not in secrets
    # Secrets are distinctive: none is a common word that could appear by chance.
    assert all(len(s) >= 12 for s in secrets)


def test_gateway_env(mm: MaxmailerEmulator) -> None:
    env = mm.gateway_env("http://127.0.0.1:8123/")
    assert env == {
        "MAILGQL_MAXMAILER_URL": "http://127.0.0.1:8123/maxmailer/app/api.php",
        "MAILGQL_MAXMAILER_LOGIN_ID": ADMIN,
        "MAILGQL_MAXMAILER_LIST_KEYS": json.dumps(LIST_KEYS),
    }
    assert json.loads(env["MAILGQL_MAXMAILER_LIST_KEYS"]) == LIST_KEYS


async def test_over_real_http(emulators: Emulators) -> None:
    with serve_in_thread(emulators.app) as server:
        env = emulators.gateway_env(server.url)
        url = env["MAILGQL_MAXMAILER_URL"]
        login = env["MAILGQL_MAXMAILER_LOGIN_ID"]
        key = json.loads(env["MAILGQL_MAXMAILER_LIST_KEYS"])["customers"]
        async with httpx.AsyncClient() as http:
            users = await http.get(url, params={"login_id": login, "function": "ListUsers"})
            assert users.status_code == 200
            assert len(users.json()) == 21
            added = await http.post(
                url, data={"apikey": key, "action": "subscribe", "email": "live@example.com"}
            )
            assert added.json() == {"status": "Email added"}
            status = await http.get(
                url, params={"apikey": key, "action": "status", "email": "live@example.com"}
            )
            assert status.json()["active"] == "1"
            report = (await http.get(server.url + "/_emulator/requests")).json()
            assert report["counts"]["maxmailer"] == {"ListUsers": 1, "status": 1, "subscribe": 1}
