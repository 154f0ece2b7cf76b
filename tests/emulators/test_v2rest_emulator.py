"""Contract tests of the v2 REST emulator: every endpoint, error, quirk, fault and seed property."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from mailgql.emulators import Emulators, build_emulators, serve_in_thread
from mailgql.emulators.v2rest import V2REST_ADMIN_TOKEN, V2REST_ADMIN_USERNAME, V2RestEmulator

BASE = "/v2rest/v2.0"
AUTH = {"Apiusername": V2REST_ADMIN_USERNAME, "Apitoken": V2REST_ADMIN_TOKEN}
CREDENTIALS = "You have attempted to execute a API call with incorrect credentials! Access denied!"
NOT_YOURS = "Specified account is not your sub account."
MISSING = "Missing required parameter."
SUB_ACCOUNT_KEYS = {
    "groupid",
    "username",
    "status",
    "fullname",
    "ownerEmail",
    "phone",
    "usertimezone",
    "createdate",
    "lastloggedin",
}
LIST_KEYS = {
    "listid",
    "listName",
    "descriptiveName",
    "ownername",
    "owneremail",
    "replytoemail",
    "companyname",
    "companyemail",
    "companyaddress",
    "companyphone",
    "subscribecount",
    "unsubscribecount",
    "bouncecount",
    "deleted",
    "smssubscribecount",
    "sms_prefix",
}
NEWSLETTER_KEYS = (
    "newsletterid",
    "name",
    "subject",
    "createdate",
    "active",
    "updatedate",
    "selectedlists",
    "selectedsegments",
    "url",
)
ENDPOINTS = [
    ("GET", "/Users/SubAccounts"),
    ("POST", "/Users/SubAccounts"),
    ("PUT", "/Users/SubAccounts"),
    ("GET", "/Users/InheritLists"),
    ("PUT", "/Users/InheritLists"),
    ("DELETE", "/Users/InheritLists"),
    ("GET", "/Users/InheritSegments"),
    ("PUT", "/Users/InheritSegments"),
    ("DELETE", "/Users/InheritSegments"),
    ("GET", "/Users/InheritNewsletters"),
    ("PUT", "/Users/InheritNewsletters"),
    ("DELETE", "/Users/InheritNewsletters"),
]
NOT_AN_ADMIN_ID = 1
SEEDED = "<a seeded account>"


@pytest.fixture
def emulators() -> Emulators:
    return build_emulators(seed=1, size="small")


@pytest.fixture
def v2(emulators: Emulators) -> V2RestEmulator:
    platform = emulators.platforms["v2rest"]
    assert isinstance(platform, V2RestEmulator)
    return platform


@pytest.fixture
async def client(emulators: Emulators) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=emulators.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emu") as http:
        yield http


async def call(
    http: httpx.AsyncClient,
    method: str,
    path: str,
    *,
    params: dict[str, Any] | None = None,
    body: Any = None,
    raw: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """One request to the emulated API, authenticated as the admin unless headers are given."""
    content = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    sent = dict(AUTH if headers is None else headers)
    if content is not None:
        sent["Content-Type"] = "application/json"
    return await http.request(method, BASE + path, params=params, content=content, headers=sent)


def ok(response: httpx.Response, code: int = 200) -> Any:
    """The ``data`` of a success envelope whose HTTP status and ``code`` are both ``code``."""
    body = response.json()
    assert (response.status_code, body["status"], body["code"]) == (code, True, code), body
    assert set(body) == {"status", "code", "data"}
    return body["data"]


def failed(response: httpx.Response, code: int, message: str) -> None:
    """Assert a failure envelope with this status and exact message."""
    body = response.json()
    assert response.status_code == code, body
    assert body == {"status": False, "code": code, "message": message}


async def sub_accounts(http: httpx.AsyncClient) -> list[dict[str, str]]:
    data: list[dict[str, str]] = ok(await call(http, "GET", "/Users/SubAccounts"))
    return data


async def catalogue(http: httpx.AsyncClient) -> dict[str, list[int]]:
    response = await http.post("/_emulator/v2rest/catalogue")
    assert response.status_code == 200
    result: dict[str, list[int]] = response.json()
    return result


async def with_seeded_name(http: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    """``body`` with the placeholder account name replaced by the first seeded account's."""
    if body.get("accountName") != SEEDED:
        return body
    return {**body, "accountName": (await sub_accounts(http))[0]["username"]}


def bare(v2: V2RestEmulator) -> str:
    """A seeded account that inherits nothing at all."""
    return next(
        a.username
        for a in v2.state.sub_accounts()
        if not (a.inherited_lists or a.inherited_segments or a.inherited_newsletters)
    )


def with_lists(v2: V2RestEmulator, at_least: int = 2) -> str:
    """A seeded account that inherits at least ``at_least`` lists."""
    return next(a.username for a in v2.state.sub_accounts() if len(a.inherited_lists) >= at_least)


# --- credentials, routing, envelope


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Apiusername": V2REST_ADMIN_USERNAME},
        {"Apiusername": V2REST_ADMIN_USERNAME, "Apitoken": "v2tok-000000000000000000000000"},
        {"Apiusername": "someone-else", "Apitoken": V2REST_ADMIN_TOKEN},
    ],
    ids=["none", "no-token", "wrong-token", "wrong-user"],
)
async def test_every_endpoint_refuses_bad_credentials(
    client: httpx.AsyncClient, method: str, path: str, headers: dict[str, str]
) -> None:
    response = await call(client, method, path, params={"accountName": "x"}, headers=headers)
    failed(response, 401, CREDENTIALS)


async def test_headers_are_matched_case_insensitively(client: httpx.AsyncClient) -> None:
    headers = {"APIUSERNAME": V2REST_ADMIN_USERNAME, "apitoken": V2REST_ADMIN_TOKEN}
    assert len(ok(await call(client, "GET", "/Users/SubAccounts", headers=headers))) == 12


async def test_trailing_slash_reaches_the_same_endpoint(
    client: httpx.AsyncClient, v2: V2RestEmulator
) -> None:
    plain = ok(await call(client, "GET", "/Users/SubAccounts"))
    slashed = ok(await call(client, "GET", "/Users/SubAccounts/"))
    assert plain == slashed
    name = with_lists(v2)
    for path in ("/Users/InheritLists", "/Users/InheritSegments", "/Users/InheritNewsletters"):
        params = {"accountName": name}
        assert ok(await call(client, "GET", path + "/", params=params)) == ok(
            await call(client, "GET", path, params=params)
        )
    body = {"accountName": name, "status": False}
    ok(await call(client, "PUT", "/Users/SubAccounts/", body=body))
    counts = (await client.get("/_emulator/requests")).json()["counts"]["v2rest"]
    assert counts["GET /Users/SubAccounts"] == 2
    assert counts["GET /Users/InheritLists"] == 2
    assert counts["PUT /Users/SubAccounts"] == 1


async def test_unknown_path_gets_a_404_envelope(client: httpx.AsyncClient) -> None:
    failed(await call(client, "GET", "/Users/Campaigns"), 404, "Endpoint not found.")
    failed(await call(client, "GET", "/"), 404, "Endpoint not found.")


async def test_unknown_path_needs_credentials_first(client: httpx.AsyncClient) -> None:
    failed(await call(client, "GET", "/Users/Campaigns", headers={}), 401, CREDENTIALS)


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("DELETE", "/Users/SubAccounts", "GET, POST, PUT"),
        ("POST", "/Users/InheritLists/", "GET, PUT, DELETE"),
        ("PATCH", "/Users/InheritNewsletters", "GET, PUT, DELETE"),
    ],
)
async def test_wrong_method_gets_a_405_envelope(
    client: httpx.AsyncClient, method: str, path: str, allowed: str
) -> None:
    response = await call(client, method, path)
    endpoint = path.rstrip("/")
    failed(response, 405, f"Method {method} is not allowed on {endpoint}; use {allowed}.")
    assert response.headers["allow"] == allowed


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'{"accountName": "x",', "Invalid JSON body."),
        (b"\xff\xfe not utf-8", "Invalid JSON body."),
        (b"[" * 100_000, "Invalid JSON body."),
        (b"[1, 2]", "Request body must be a JSON object."),
        (b'"accountName"', "Request body must be a JSON object."),
        (b"null", "Request body must be a JSON object."),
    ],
    ids=["truncated", "not-utf8", "deep", "array", "string", "null"],
)
@pytest.mark.parametrize(
    "path", ["/Users/SubAccounts", "/Users/InheritLists", "/Users/InheritNewsletters"]
)
async def test_bad_json_bodies_get_a_400(
    client: httpx.AsyncClient, raw: bytes, message: str, path: str
) -> None:
    failed(await call(client, "PUT", path, raw=raw), 400, message)


@pytest.mark.parametrize(
    "raw",
    [
        b'{"accountName": "x", "listid": 1}',
        b'[{"accountName": "x", "listid": 1}]',
        b'[{"accountName": "x"}, 7601]',
        b"[{}]",
    ],
    ids=["object", "two-key-object", "bare-number", "empty-object"],
)
@pytest.mark.parametrize(
    "path", ["/Users/InheritLists", "/Users/InheritSegments", "/Users/InheritNewsletters"]
)
async def test_delete_bodies_must_be_arrays_of_one_key_objects(
    client: httpx.AsyncClient, raw: bytes, path: str
) -> None:
    message = (
        "Request body must be an array of one-key objects, "
        'e.g. [{"accountName":"X"},{"listid":12}].'
    )
    failed(await call(client, "DELETE", path, raw=raw), 400, message)


async def test_malformed_delete_json_gets_a_400(client: httpx.AsyncClient) -> None:
    failed(
        await call(client, "DELETE", "/Users/InheritLists", raw=b"[{"), 400, "Invalid JSON body."
    )


# --- GET /Users/SubAccounts and paging


async def test_sub_accounts_are_listed_with_string_values(client: httpx.AsyncClient) -> None:
    accounts = await sub_accounts(client)
    assert len(accounts) == 12
    for account in accounts:
        assert set(account) == SUB_ACCOUNT_KEYS
        assert all(isinstance(value, str) for value in account.values())
        assert account["status"] in {"0", "1"}
        assert account["ownerEmail"].endswith(("@example.com", "@example.org"))
        assert account["groupid"].isdigit()
        assert account["createdate"].isdigit()
        assert account["lastloggedin"].isdigit()
        assert "/" in account["usertimezone"]
    groupids = [int(a["groupid"]) for a in accounts]
    assert groupids == sorted(groupids)
    assert len({a["username"] for a in accounts}) == 12
    assert {a["status"] for a in accounts} == {"0", "1"}
    assert len({a["usertimezone"] for a in accounts}) >= 4
    assert any(a["phone"] == "" for a in accounts)
    assert any(a["phone"] for a in accounts)


async def test_sub_accounts_never_carry_a_password(
    client: httpx.AsyncClient, v2: V2RestEmulator
) -> None:
    text = (await call(client, "GET", "/Users/SubAccounts")).text
    assert "password" not in text.lower()
    for secret in v2.secrets():
        assert secret not in text


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"limit": 5}, range(5)),
        ({"limit": 5, "offset": 5}, range(5, 10)),
        ({"limit": 5, "offset": 10}, range(10, 12)),
        ({"offset": 11}, range(11, 12)),
        ({"offset": 12}, range(0)),
        ({"limit": 1000}, range(12)),
        ({"limit": " 3 "}, range(3)),
    ],
    ids=["first", "second", "short-last", "offset-only", "past-end", "max", "spaces"],
)
async def test_paging_slices_the_accounts(
    client: httpx.AsyncClient, params: dict[str, Any], expected: range
) -> None:
    everyone = await sub_accounts(client)
    page = ok(await call(client, "GET", "/Users/SubAccounts", params=params))
    assert page == [everyone[i] for i in expected]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"limit": 0}, "Parameter limit must be between 1 and 1000."),
        ({"limit": 1001}, "Parameter limit must be between 1 and 1000."),
        ({"limit": -5}, "Parameter limit must be between 1 and 1000."),
        ({"limit": "ten"}, "Parameter limit must be between 1 and 1000."),
        ({"limit": ""}, "Parameter limit must be between 1 and 1000."),
        ({"limit": "9" * 5000}, "Parameter limit must be between 1 and 1000."),
        ({"offset": -1}, "Parameter offset must be 0 or more."),
        ({"offset": "first"}, "Parameter offset must be 0 or more."),
    ],
)
@pytest.mark.parametrize(
    "path", ["/Users/SubAccounts", "/Users/InheritSegments", "/Users/InheritNewsletters"]
)
async def test_paging_out_of_range_gets_a_400(
    client: httpx.AsyncClient, v2: V2RestEmulator, params: dict[str, Any], message: str, path: str
) -> None:
    query = {**params, "accountName": with_lists(v2)}
    failed(await call(client, "GET", path, params=query), 400, message)


async def test_large_size_pages_by_100_by_default_and_1000_at_most() -> None:
    emulators = build_emulators(seed=1, size="large")
    transport = httpx.ASGITransport(app=emulators.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emu") as http:
        default = ok(await call(http, "GET", "/Users/SubAccounts"))
        assert len(default) == 100
        everyone = ok(await call(http, "GET", "/Users/SubAccounts", params={"limit": 1000}))
        assert len(everyone) >= 520
        assert everyone[:100] == default
        assert len({a["username"] for a in everyone}) == len(everyone)
        last = ok(await call(http, "GET", "/Users/SubAccounts", params={"offset": 600}))
        assert last == everyone[600:]
        assert 0 < len(last) < 100
        # The first account inherits more lists than one default page holds.
        name = everyone[0]["username"]
        first = ok(await call(http, "GET", "/Users/InheritLists", params={"accountName": name}))
        rest = ok(
            await call(
                http, "GET", "/Users/InheritLists", params={"accountName": name, "offset": 100}
            )
        )
        assert len(first) == 100
        assert 0 < len(rest) < 100
        assert len({row["listid"] for row in first + rest}) == len(first) + len(rest)


# --- POST /Users/SubAccounts


def new_account(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "accountName": "test-account_4",
        "accountPassword": "Tq7-unique-password-Zx",
        "ownerEmail": "test@example.com",
        "allowedDomains": ["@example.com", "@example.org"],
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not ...}


async def test_create_sub_account(client: httpx.AsyncClient, v2: V2RestEmulator) -> None:
    before = int(time.time())
    response = await call(client, "POST", "/Users/SubAccounts", body=new_account())
    assert ok(response, 201) == {"message": "New sub account created successfully."}
    after = int(time.time())
    accounts = await sub_accounts(client)
    assert len(accounts) == 13
    created = accounts[-1]
    assert int(created["groupid"]) > int(accounts[-2]["groupid"])
    assert created["username"] == "test-account_4"
    assert created["fullname"] == "test-account_4"
    assert created["ownerEmail"] == "test@example.com"
    assert created["status"] == "1"
    assert created["lastloggedin"] == "0"
    assert before <= int(created["createdate"]) <= after
    assert set(created) == SUB_ACCOUNT_KEYS
    assert "Tq7-unique-password-Zx" in v2.secrets()
    listed = (await call(client, "GET", "/Users/SubAccounts")).text
    assert "Tq7-unique-password-Zx" not in listed
    assert v2.state.accounts["test-account_4"].allowed_domains == ("@example.com", "@example.org")
    # A new account inherits nothing yet.
    for path in ("/Users/InheritLists", "/Users/InheritSegments", "/Users/InheritNewsletters"):
        params = {"accountName": "test-account_4"}
        assert ok(await call(client, "GET", path, params=params)) == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"accountName": ...}, "Parameter accountName is empty."),
        ({"accountName": "  "}, "Parameter accountName is empty."),
        ({"accountPassword": ...}, "Parameter accountPassword is empty."),
        ({"accountPassword": ""}, "Parameter accountPassword is empty."),
        ({"ownerEmail": ...}, "Parameter ownerEmail is empty."),
        ({"ownerEmail": ""}, "Parameter ownerEmail is empty."),
        ({"allowedDomains": ...}, "Parameter allowedDomains is empty."),
        ({"allowedDomains": []}, "Parameter allowedDomains is empty."),
        (
            {"allowedDomains": "@example.com"},
            "Parameter allowedDomains must be an array of strings.",
        ),
        (
            {"allowedDomains": ["@example.com", 7]},
            "Parameter allowedDomains must be an array of strings.",
        ),
        ({"accountName": 12}, "Parameter accountName must be a string."),
        ({"ownerEmail": ["a@example.com"]}, "Parameter ownerEmail must be a string."),
        ({"ownerEmail": "not-an-email"}, "Parameter ownerEmail is not a valid email."),
        ({"ownerEmail": "two@@example.com"}, "Parameter ownerEmail is not a valid email."),
        ({"ownerEmail": "nodot@example"}, "Parameter ownerEmail is not a valid email."),
    ],
)
async def test_create_sub_account_validates_its_input(
    client: httpx.AsyncClient, changes: dict[str, Any], message: str
) -> None:
    response = await call(client, "POST", "/Users/SubAccounts", body=new_account(**changes))
    failed(response, 400, message)
    assert len(await sub_accounts(client)) == 12


async def test_empty_post_body_names_the_first_missing_parameter(
    client: httpx.AsyncClient,
) -> None:
    response = await call(client, "POST", "/Users/SubAccounts", raw=b"")
    failed(response, 400, "Parameter accountName is empty.")


async def test_create_sub_account_refuses_a_taken_name(client: httpx.AsyncClient) -> None:
    taken = (await sub_accounts(client))[0]["username"]
    response = await call(client, "POST", "/Users/SubAccounts", body=new_account(accountName=taken))
    failed(response, 400, "Account name already exists.")
    ok(await call(client, "POST", "/Users/SubAccounts", body=new_account()), 201)
    again = await call(client, "POST", "/Users/SubAccounts", body=new_account())
    failed(again, 400, "Account name already exists.")


# --- PUT /Users/SubAccounts


async def test_set_status_toggles_between_1_and_0(client: httpx.AsyncClient) -> None:
    name = next(a["username"] for a in await sub_accounts(client) if a["status"] == "1")

    async def status() -> str:
        return next(a["status"] for a in await sub_accounts(client) if a["username"] == name)

    response = await call(
        client, "PUT", "/Users/SubAccounts", body={"accountName": name, "status": False}
    )
    assert ok(response) == {"message": "Sub account has been updated"}
    assert await status() == "0"
    ok(await call(client, "PUT", "/Users/SubAccounts", body={"accountName": name, "status": False}))
    assert await status() == "0"
    ok(await call(client, "PUT", "/Users/SubAccounts", body={"accountName": name, "status": True}))
    assert await status() == "1"


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        ({"status": False}, 400, "Parameter accountName is empty"),
        ({"accountName": "", "status": True}, 400, "Parameter accountName is empty"),
        ({"accountName": "nobody_here", "status": True}, 401, NOT_YOURS),
        ({"accountName": SEEDED}, 400, "Parameter status is empty."),
        (
            {"accountName": SEEDED, "status": "false"},
            400,
            "Parameter status must be a boolean (true active, false disabled).",
        ),
        (
            {"accountName": SEEDED, "status": 0},
            400,
            "Parameter status must be a boolean (true active, false disabled).",
        ),
    ],
)
async def test_set_status_errors(
    client: httpx.AsyncClient, body: dict[str, Any], code: int, message: str
) -> None:
    body = await with_seeded_name(client, body)
    failed(await call(client, "PUT", "/Users/SubAccounts", body=body), code, message)


# --- /Users/InheritLists


async def inherited_list_ids(http: httpx.AsyncClient, name: str) -> list[str]:
    rows = ok(await call(http, "GET", "/Users/InheritLists", params={"accountName": name}))
    return [row["listid"] for row in rows]


async def test_get_inherited_lists(client: httpx.AsyncClient, v2: V2RestEmulator) -> None:
    name = with_lists(v2)
    rows = ok(await call(client, "GET", "/Users/InheritLists", params={"accountName": name}))
    assert len(rows) >= 2
    admin_lists = {str(i) for i in (await catalogue(client))["lists"]}
    for row in rows:
        assert set(row) == LIST_KEYS
        assert all(isinstance(value, str) for value in row.values())
        assert row["listid"] in admin_lists
        assert row["deleted"] in {"0", "1"}
        assert row["subscribecount"].isdigit()
    ids = [int(row["listid"]) for row in rows]
    assert ids == sorted(ids)
    second = ok(
        await call(
            client,
            "GET",
            "/Users/InheritLists",
            params={"accountName": name, "limit": 1, "offset": 1},
        )
    )
    assert second == rows[1:2]
    assert await inherited_list_ids(client, bare(v2)) == []


@pytest.mark.parametrize(
    ("path", "params", "code", "message"),
    [
        (path, params, code, message)
        for path in ("/Users/InheritLists", "/Users/InheritSegments", "/Users/InheritNewsletters")
        for params, code, message in [
            ({}, 400, "Parameter accountName is empty."),
            ({"accountName": ""}, 400, "Parameter accountName is empty."),
            ({"accountName": "nobody_here"}, 401, NOT_YOURS),
        ]
    ],
)
async def test_inherited_reads_need_a_known_account(
    client: httpx.AsyncClient, path: str, params: dict[str, str], code: int, message: str
) -> None:
    failed(await call(client, "GET", path, params=params), code, message)


async def test_inherit_lists(client: httpx.AsyncClient, v2: V2RestEmulator) -> None:
    name = bare(v2)
    admin = (await catalogue(client))["lists"]
    body = {"accountName": name, "inheritLists": [admin[2], admin[0]]}
    response = await call(client, "PUT", "/Users/InheritLists", body=body)
    assert ok(response, 200) == {"message": "Inherit successful."}
    assert await inherited_list_ids(client, name) == [str(admin[0]), str(admin[2])]
    # Inheriting again, or a list twice in one call, adds no duplicates.
    again = {"accountName": name, "inheritLists": [admin[0], admin[0], admin[1]]}
    ok(await call(client, "PUT", "/Users/InheritLists/", body=again))
    assert await inherited_list_ids(client, name) == [str(i) for i in admin[:3]]


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        ({"inheritLists": [7601]}, 400, "Parameter accountName is empty."),
        (
            {"accountName": 5, "inheritLists": [7601]},
            400,
            "Parameter accountName must be a string.",
        ),
        ({"accountName": "nobody_here", "inheritLists": [7601]}, 401, NOT_YOURS),
        ({"accountName": SEEDED}, 400, "Parameter inheritLists is empty."),
        ({"accountName": SEEDED, "inheritLists": []}, 400, "Parameter inheritLists is empty."),
        (
            {"accountName": SEEDED, "inheritLists": ["7601"]},
            400,
            "Parameter inheritLists must be an array of integer ids.",
        ),
        (
            {"accountName": SEEDED, "inheritLists": 7601},
            400,
            "Parameter inheritLists must be an array of integer ids.",
        ),
        (
            {"accountName": SEEDED, "inheritLists": [True]},
            400,
            "Parameter inheritLists must be an array of integer ids.",
        ),
        (
            {"accountName": SEEDED, "inheritLists": [7601, NOT_AN_ADMIN_ID]},
            403,
            "This user is not owner of the list",
        ),
    ],
)
async def test_inherit_lists_errors_change_nothing(
    client: httpx.AsyncClient, body: dict[str, Any], code: int, message: str
) -> None:
    body = await with_seeded_name(client, body)
    name = (await sub_accounts(client))[0]["username"]
    before = await inherited_list_ids(client, name)
    failed(await call(client, "PUT", "/Users/InheritLists", body=body), code, message)
    assert await inherited_list_ids(client, name) == before


async def test_remove_inherited_list(client: httpx.AsyncClient, v2: V2RestEmulator) -> None:
    name = with_lists(v2)
    before = await inherited_list_ids(client, name)
    body = [{"accountName": name}, {"listid": int(before[0])}]
    response = await call(client, "DELETE", "/Users/InheritLists", body=body)
    assert ok(response) == {"message": "Inherited list has been deleted."}
    assert await inherited_list_ids(client, name) == before[1:]
    # The order of the one-key objects does not matter.
    reversed_body = [{"listid": int(before[1])}, {"accountName": name}]
    ok(await call(client, "DELETE", "/Users/InheritLists/", body=reversed_body))
    assert await inherited_list_ids(client, name) == before[2:]
    # Deleting it again: the list is the admin's, but no longer inherited.
    failed(
        await call(client, "DELETE", "/Users/InheritLists", body=body),
        404,
        "Inherited list not found.",
    )


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        (
            [{"accountName": SEEDED}, {"listid": NOT_AN_ADMIN_ID}],
            403,
            "This user is not owner of the list",
        ),
        ([{"accountName": "nobody_here"}, {"listid": 7601}], 401, NOT_YOURS),
        ([{"accountName": SEEDED}], 400, MISSING),
        ([{"listid": 7601}], 400, MISSING),
        ([], 400, MISSING),
        (
            [{"accountName": SEEDED}, {"listid": "7601"}],
            400,
            "Parameter listid must be an integer.",
        ),
        (
            [{"accountName": SEEDED}, {"listid": 7601.5}],
            400,
            "Parameter listid must be an integer.",
        ),
    ],
)
async def test_remove_inherited_list_errors(
    client: httpx.AsyncClient, body: list[dict[str, Any]], code: int, message: str
) -> None:
    first = (await sub_accounts(client))[0]["username"]
    body = [{k: first if v == SEEDED else v for k, v in pair.items()} for pair in body]
    failed(await call(client, "DELETE", "/Users/InheritLists", body=body), code, message)


async def test_empty_delete_body_is_a_missing_parameter(client: httpx.AsyncClient) -> None:
    failed(await call(client, "DELETE", "/Users/InheritNewsletters", raw=b""), 400, MISSING)


# --- /Users/InheritSegments


def check_rule_tree(node: dict[str, Any], depth: int, seen: dict[str, set[Any]]) -> None:
    """Assert the vendor's rule-tree shape, collecting what the tree uses."""
    assert node["connector"] in {"and", "or"}
    seen["connectors"].add(node["connector"])
    if node["type"] == "group":
        assert list(node) == ["type", "rules", "connector"]
        assert isinstance(node["rules"], list)
        assert node["rules"]
        seen["depths"].add(depth)
        for child in node["rules"]:
            check_rule_tree(child, depth + 1, seen)
        return
    assert list(node) == ["type", "connector", "rules"]
    assert node["type"] == "rule"
    leaf = node["rules"]
    assert set(leaf) == {"ruleName", "ruleOperator", "ruleValues"}
    assert isinstance(leaf["ruleName"], str)
    assert isinstance(leaf["ruleOperator"], str)
    assert all(isinstance(value, str) for value in leaf["ruleValues"])
    seen["operators"].add(leaf["ruleOperator"])


async def inherited_segment_ids(http: httpx.AsyncClient, name: str) -> list[int]:
    rows = ok(await call(http, "GET", "/Users/InheritSegments", params={"accountName": name}))
    return [row["segmentid"] for row in rows]


async def test_segments_carry_numbers_and_the_full_search_tree(
    client: httpx.AsyncClient, v2: V2RestEmulator
) -> None:
    name = bare(v2)
    admin = (await catalogue(client))["segments"]
    body = {"accountName": name, "inheritSegments": admin}
    ok(await call(client, "PUT", "/Users/InheritSegments", body=body), 201)
    rows = ok(await call(client, "GET", "/Users/InheritSegments", params={"accountName": name}))
    assert [row["segmentid"] for row in rows] == admin
    seen: dict[str, set[Any]] = {"connectors": set(), "operators": set(), "depths": set()}
    operators_used = []
    for row in rows:
        assert list(row) == [
            "segmentid",
            "segmentname",
            "createdate",
            "updatedate",
            "usedlists",
            "otmrule",
            "wtrrule",
            "searchinfo",
        ]
        for key in ("segmentid", "createdate", "updatedate", "otmrule", "wtrrule"):
            assert type(row[key]) is int, key
        assert row["updatedate"] >= row["createdate"]
        info = row["searchinfo"]
        assert list(info) == ["Lists", "Rules", "Operators"]
        assert all(type(i) is int for block in info["Lists"] for i in block)
        assert row["usedlists"] == sorted({i for block in info["Lists"] for i in block})
        assert len(info["Lists"]) == len(info["Rules"])
        for block in info["Rules"]:
            for group in block:
                assert group["type"] == "group"
                check_rule_tree(group, 1, seen)
        operators_used.append(info["Operators"])
        if info["Operators"] is not None:
            assert len(info["Operators"]) == len(info["Rules"]) - 1
    assert seen["connectors"] == {"and", "or"}
    assert len(seen["operators"]) >= 5
    assert max(seen["depths"]) >= 3
    assert None in operators_used
    assert any(ops for ops in operators_used)


async def test_inherit_and_remove_segments(client: httpx.AsyncClient, v2: V2RestEmulator) -> None:
    name = bare(v2)
    admin = (await catalogue(client))["segments"]
    response = await call(
        client,
        "PUT",
        "/Users/InheritSegments",
        body={"accountName": name, "inheritSegments": [admin[1]]},
    )
    assert ok(response, 201) == {"message": "Inherit successful."}
    body = {"accountName": name, "inheritSegments": [admin[1], admin[0], admin[1]]}
    ok(await call(client, "PUT", "/Users/InheritSegments/", body=body), 201)
    assert await inherited_segment_ids(client, name) == [admin[0], admin[1]]
    deletion = [{"accountName": name}, {"segmentid": admin[0]}]
    response = await call(client, "DELETE", "/Users/InheritSegments", body=deletion)
    assert ok(response) == {"message": "Inherited segment has been deleted."}
    assert await inherited_segment_ids(client, name) == [admin[1]]
    failed(
        await call(client, "DELETE", "/Users/InheritSegments/", body=deletion),
        403,
        "Only inherit segments can be deleted.",
    )


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        ({"inheritSegments": [31]}, 400, "Parameter accountName is empty."),
        ({"accountName": "", "inheritSegments": [31]}, 400, "Parameter accountName is empty."),
        ({"accountName": "nobody_here", "inheritSegments": [31]}, 401, NOT_YOURS),
        ({"accountName": SEEDED}, 400, "Parameter inheritSegments is empty."),
        (
            {"accountName": SEEDED, "inheritSegments": [31.0]},
            400,
            "Parameter inheritSegments must be an array of integer ids.",
        ),
        (
            {"accountName": SEEDED, "inheritSegments": [31, 9999]},
            403,
            "This user is not owner of the segment",
        ),
    ],
)
async def test_inherit_segments_errors_change_nothing(
    client: httpx.AsyncClient, body: dict[str, Any], code: int, message: str
) -> None:
    body = await with_seeded_name(client, body)
    name = (await sub_accounts(client))[0]["username"]
    before = await inherited_segment_ids(client, name)
    failed(await call(client, "PUT", "/Users/InheritSegments", body=body), code, message)
    assert await inherited_segment_ids(client, name) == before


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        (
            [{"accountName": "BARE"}, {"segmentid": 31}],
            403,
            "Only inherit segments can be deleted.",
        ),
        (
            [{"accountName": "BARE"}, {"segmentid": 9999}],
            403,
            "Only inherit segments can be deleted.",
        ),
        ([{"accountName": "nobody_here"}, {"segmentid": 31}], 401, NOT_YOURS),
        ([{"segmentid": 31}], 400, MISSING),
        ([{"accountName": "BARE"}], 400, MISSING),
        ([{"accountName": "BARE"}, {"segmentid": None}], 400, MISSING),
        (
            [{"accountName": "BARE"}, {"segmentid": [31]}],
            400,
            "Parameter segmentid must be an integer.",
        ),
    ],
)
async def test_remove_inherited_segment_errors(
    client: httpx.AsyncClient,
    v2: V2RestEmulator,
    body: list[dict[str, Any]],
    code: int,
    message: str,
) -> None:
    body = [{k: bare(v2) if v == "BARE" else v for k, v in pair.items()} for pair in body]
    failed(await call(client, "DELETE", "/Users/InheritSegments", body=body), code, message)


# --- /Users/InheritNewsletters


async def inherited_newsletters(http: httpx.AsyncClient, name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = ok(
        await call(http, "GET", "/Users/InheritNewsletters", params={"accountName": name})
    )
    return rows


def inheritable(c: dict[str, list[int]]) -> list[int]:
    return [i for i in c["newsletters"] if i not in c["dynamicNewsletters"]]


async def test_get_inherited_newsletters(client: httpx.AsyncClient, v2: V2RestEmulator) -> None:
    name = next(a.username for a in v2.state.sub_accounts() if len(a.inherited_newsletters) >= 2)
    rows = await inherited_newsletters(client, name)
    assert len(rows) >= 2
    c = await catalogue(client)
    for row in rows:
        assert tuple(row) == NEWSLETTER_KEYS
        for key in ("newsletterid", "name", "subject", "createdate", "active", "updatedate", "url"):
            assert isinstance(row[key], str), key
        assert int(row["newsletterid"]) in inheritable(c)
        assert row["active"] in {"0", "1"}
        assert row["url"].startswith("https://")
        assert f"N={row['newsletterid']}&T=" in row["url"]
        recipients = row["selectedlists"] + row["selectedsegments"]
        assert recipients
        assert all(isinstance(i, str) for i in recipients)
        # Recipients are either lists or segments, never both.
        assert not (row["selectedlists"] and row["selectedsegments"])
        admin = c["lists"] if row["selectedlists"] else c["segments"]
        assert {int(i) for i in recipients} <= set(admin)
    ids = [int(row["newsletterid"]) for row in rows]
    assert ids == sorted(ids)
    assert await inherited_newsletters(client, bare(v2)) == []


async def test_inherit_and_remove_a_newsletter(
    client: httpx.AsyncClient, v2: V2RestEmulator
) -> None:
    name = bare(v2)
    c = await catalogue(client)
    newsletter = inheritable(c)[0]
    body = {
        "accountName": name,
        "newsletterid": newsletter,
        "recipientsType": "list",
        "recipeintsid": [c["lists"][3], c["lists"][1], c["lists"][3]],
    }
    response = await call(client, "PUT", "/Users/InheritNewsletters", body=body)
    assert ok(response, 201) == {"message": "Inherit successful."}
    [row] = await inherited_newsletters(client, name)
    assert tuple(row) == NEWSLETTER_KEYS
    assert row["newsletterid"] == str(newsletter)
    assert row["selectedlists"] == [str(c["lists"][3]), str(c["lists"][1])]
    assert row["selectedsegments"] == []
    # Inheriting it again replaces its recipients.
    body |= {"recipientsType": "segment", "recipeintsid": [c["segments"][0]]}
    ok(await call(client, "PUT", "/Users/InheritNewsletters/", body=body), 201)
    [row] = await inherited_newsletters(client, name)
    assert (row["selectedlists"], row["selectedsegments"]) == ([], [str(c["segments"][0])])
    deletion = [{"accountName": name}, {"newsletterid": newsletter}]
    response = await call(client, "DELETE", "/Users/InheritNewsletters", body=deletion)
    assert ok(response) == {"message": "Inherited campaign has been deleted."}
    assert await inherited_newsletters(client, name) == []
    failed(
        await call(client, "DELETE", "/Users/InheritNewsletters/", body=deletion),
        404,
        "Inherited newsletter not found.",
    )


def newsletter_body(c: dict[str, list[int]], name: str, changes: dict[str, Any]) -> dict[str, Any]:
    """A valid PUT /Users/InheritNewsletters body for ``name`` with ``changes`` applied.

    ``...`` drops a key; "DYNAMIC" stands for a dynamic newsletter and "LIST" for an admin list.
    """
    stand_in = {"DYNAMIC": c["dynamicNewsletters"][0], "LIST": c["lists"][0]}
    body: dict[str, Any] = {
        "accountName": name,
        "newsletterid": inheritable(c)[0],
        "recipientsType": "list",
        "recipeintsid": [c["lists"][0]],
    }
    for key, value in changes.items():
        if isinstance(value, list):
            value = [stand_in.get(v, v) if isinstance(v, str) else v for v in value]
        elif isinstance(value, str):
            value = stand_in.get(value, value)
        body[key] = value
    return {k: v for k, v in body.items() if v is not ...}


@pytest.mark.parametrize(
    ("changes", "code", "message"),
    [
        ({"accountName": ...}, 400, "Parameter accountName is empty."),
        ({"accountName": "nobody_here"}, 401, NOT_YOURS),
        ({"newsletterid": ...}, 400, MISSING),
        ({"newsletterid": None}, 400, MISSING),
        ({"newsletterid": "501"}, 400, "Parameter newsletterid must be an integer."),
        ({"recipientsType": ...}, 400, MISSING),
        ({"recipientsType": "group"}, 400, 'Parameter recipientsType must be "list" or "segment".'),
        (
            {"recipientsType": ["list"]},
            400,
            'Parameter recipientsType must be "list" or "segment".',
        ),
        ({"recipeintsid": ...}, 400, MISSING),
        ({"recipeintsid": []}, 400, MISSING),
        # The correct spelling is not the wire name.
        ({"recipeintsid": ..., "recipientsid": ["LIST"]}, 400, MISSING),
        (
            {"recipeintsid": ["7601"]},
            400,
            "Parameter recipeintsid must be an array of integer ids.",
        ),
        ({"newsletterid": NOT_AN_ADMIN_ID}, 403, "This user is not owner of the newsletter"),
        (
            {"newsletterid": "DYNAMIC"},
            400,
            "Newsletter with dynamic content or relation fields can not be inherited.",
        ),
        ({"recipeintsid": ["LIST", NOT_AN_ADMIN_ID]}, 403, "This user is not owner of the list"),
        # An admin list id given as a segment is no segment of the admin.
        ({"recipientsType": "segment"}, 403, "This user is not owner of the segment"),
    ],
)
async def test_inherit_newsletter_errors_change_nothing(
    client: httpx.AsyncClient,
    v2: V2RestEmulator,
    changes: dict[str, Any],
    code: int,
    message: str,
) -> None:
    name = bare(v2)
    body = newsletter_body(await catalogue(client), name, changes)
    failed(await call(client, "PUT", "/Users/InheritNewsletters", body=body), code, message)
    assert await inherited_newsletters(client, name) == []


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        ([{"accountName": "BARE"}], 400, MISSING),
        ([{"newsletterid": 501}], 400, MISSING),
        (
            [{"accountName": "BARE"}, {"newsletterid": "501"}],
            400,
            "Parameter newsletterid must be an integer.",
        ),
        ([{"accountName": "nobody_here"}, {"newsletterid": 501}], 401, NOT_YOURS),
        (
            [{"accountName": "BARE"}, {"newsletterid": NOT_AN_ADMIN_ID}],
            403,
            "This user is not owner of the newsletter",
        ),
        ([{"accountName": "BARE"}, {"newsletterid": 501}], 404, "Inherited newsletter not found."),
    ],
)
async def test_remove_inherited_newsletter_errors(
    client: httpx.AsyncClient,
    v2: V2RestEmulator,
    body: list[dict[str, Any]],
    code: int,
    message: str,
) -> None:
    body = [{k: bare(v2) if v == "BARE" else v for k, v in pair.items()} for pair in body]
    failed(await call(client, "DELETE", "/Users/InheritNewsletters", body=body), code, message)


# --- odd input never crashes


@pytest.mark.parametrize(("method", "path"), [(m, p) for m, p in ENDPOINTS if m != "GET"])
@pytest.mark.parametrize(
    "raw",
    [
        b"123",
        b"true",
        b'{"accountName": ["x"], "status": true}',
        b'{"accountName": {"a": 1}, "inheritLists": [7601]}',
        b'[{"accountName": null}, {"listid": null}, {"segmentid": {}}]',
        b'{"accountName": "x", "newsletterid": {}, "recipientsType": [], "recipeintsid": {}}',
        b'{"accountName": "x", "allowedDomains": {"@example.com": 1}, "ownerEmail": 5}',
        b'{"accountName": "\\u0000", "inheritSegments": [1e400]}',
    ],
)
async def test_odd_bodies_get_a_client_error_envelope(
    client: httpx.AsyncClient, method: str, path: str, raw: bytes
) -> None:
    response = await call(client, method, path, raw=raw)
    body = response.json()
    assert 400 <= response.status_code < 500
    assert body["status"] is False
    assert body["code"] == response.status_code
    assert isinstance(body["message"], str)
    assert body["message"]


@pytest.mark.parametrize(
    "query",
    [
        "accountName=a&accountName=b",
        "accountName=%00&limit=1e3",
        "limit=%F0%9F%92%A5",
        "accountName=" + "x" * 5000,
    ],
)
async def test_odd_queries_get_a_client_error_envelope(
    client: httpx.AsyncClient, query: str
) -> None:
    response = await client.get(f"{BASE}/Users/InheritLists?{query}", headers=AUTH)
    body = response.json()
    assert 400 <= response.status_code < 500
    assert body["status"] is False
    assert body["code"] == response.status_code


# --- counters, faults, reset


async def test_requests_are_counted_per_endpoint(client: httpx.AsyncClient) -> None:
    await call(client, "GET", "/Users/SubAccounts")
    await call(client, "GET", "/Users/SubAccounts/", headers={})
    await call(client, "POST", "/Users/SubAccounts", body={})
    await call(client, "GET", "/Users/InheritLists", params={"accountName": "nobody_here"})
    await call(client, "DELETE", "/Users/InheritSegments", body=[])
    await call(client, "GET", "/Users/Nothing/")
    await call(client, "PATCH", "/Users/SubAccounts")
    report = (await client.get("/_emulator/requests")).json()
    assert report["counts"]["v2rest"] == {
        "DELETE /Users/InheritSegments": 1,
        "GET /Users/InheritLists": 1,
        "GET /Users/Nothing": 1,
        "GET /Users/SubAccounts": 2,
        "PATCH /Users/SubAccounts": 1,
        "POST /Users/SubAccounts": 1,
    }
    assert report["totals"]["v2rest"] == 7
    assert (await client.post("/_emulator/requests/reset")).status_code == 200
    assert (await client.get("/_emulator/requests")).json()["totals"]["v2rest"] == 0


async def arm(http: httpx.AsyncClient, **spec: Any) -> None:
    response = await http.post("/_emulator/faults", json={"platform": "v2rest", **spec})
    assert response.status_code == 200, response.text


async def test_status_fault_answers_once_with_the_status(client: httpx.AsyncClient) -> None:
    await arm(client, kind="status", status=503, endpoint="GET /Users/SubAccounts")
    response = await call(client, "GET", "/Users/SubAccounts/")
    assert (response.status_code, response.text) == (503, "Service Unavailable")
    assert len(await sub_accounts(client)) == 12


async def test_fault_on_one_endpoint_leaves_the_others_alone(client: httpx.AsyncClient) -> None:
    await arm(client, kind="status", status=500, endpoint="POST /Users/SubAccounts", count=None)
    assert len(await sub_accounts(client)) == 12
    for _ in range(2):
        response = await call(client, "POST", "/Users/SubAccounts", body=new_account())
        assert response.status_code == 500
    assert (await client.delete("/_emulator/faults")).status_code == 200
    ok(await call(client, "POST", "/Users/SubAccounts", body=new_account()), 201)


async def test_malformed_fault_sends_a_body_that_is_not_json(client: httpx.AsyncClient) -> None:
    await arm(client, kind="malformed")
    response = await call(client, "GET", "/Users/SubAccounts")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    with pytest.raises(json.JSONDecodeError):
        response.json()
    custom = '{"status":true,"code":201 "data":{"message":"Inherit successful."}}'
    await arm(client, kind="malformed", body=custom, endpoint="PUT /Users/InheritSegments")
    response = await call(client, "PUT", "/Users/InheritSegments", body={})
    assert response.text == custom


async def test_latency_fault_delays_a_normal_answer(client: httpx.AsyncClient) -> None:
    await arm(client, kind="latency", latency_ms=80)
    started = time.perf_counter()
    accounts = await sub_accounts(client)
    assert time.perf_counter() - started >= 0.07
    assert len(accounts) == 12


async def test_hang_fault_holds_the_request_until_its_time_is_up(client: httpx.AsyncClient) -> None:
    await arm(client, kind="hang", hang_seconds=0.1)
    response = await call(client, "GET", "/Users/SubAccounts")
    assert (response.status_code, response.text) == (504, "hung request released")
    assert len(await sub_accounts(client)) == 12


async def test_clearing_faults_releases_a_hung_request(
    client: httpx.AsyncClient, emulators: Emulators
) -> None:
    await arm(client, kind="hang", hang_seconds=30)
    hung = asyncio.create_task(call(client, "GET", "/Users/SubAccounts"))
    # The fault leaves the armed list once the request has taken it.
    for _ in range(10_000):
        if not emulators.hub.faults.armed():
            break
        await asyncio.sleep(0)
    assert not emulators.hub.faults.armed()
    assert not hung.done()
    assert (await client.delete("/_emulator/faults")).status_code == 200
    response = await asyncio.wait_for(hung, timeout=5)
    assert response.status_code == 504


async def snapshot(http: httpx.AsyncClient) -> dict[str, Any]:
    """Everything the API shows: accounts and what each inherits."""
    accounts = ok(await call(http, "GET", "/Users/SubAccounts", params={"limit": 1000}))
    seen: dict[str, Any] = {"accounts": accounts}
    for account in accounts:
        params = {"accountName": account["username"], "limit": 1000}
        for path in ("/Users/InheritLists", "/Users/InheritSegments", "/Users/InheritNewsletters"):
            seen[f"{path} {account['username']}"] = ok(await call(http, "GET", path, params=params))
    return seen


async def test_reset_restores_the_seed(client: httpx.AsyncClient, v2: V2RestEmulator) -> None:
    before = await snapshot(client)
    name = with_lists(v2)
    c = await catalogue(client)
    ok(await call(client, "POST", "/Users/SubAccounts", body=new_account()), 201)
    ok(await call(client, "PUT", "/Users/SubAccounts", body={"accountName": name, "status": False}))
    ok(
        await call(
            client,
            "PUT",
            "/Users/InheritLists",
            body={"accountName": name, "inheritLists": c["lists"]},
        )
    )
    deletion = [{"accountName": name}, {"segmentid": c["segments"][0]}]
    await call(client, "DELETE", "/Users/InheritSegments", body=deletion)
    changed = await snapshot(client)
    assert changed != before
    assert len(changed["accounts"]) == len(before["accounts"]) + 1
    await arm(client, kind="status", count=None)
    assert (await client.post("/_emulator/reset")).status_code == 200
    assert (await client.get("/_emulator/requests")).json()["totals"]["v2rest"] == 0
    assert (await client.get("/_emulator/faults")).json() == {"faults": []}
    assert await snapshot(client) == before
    assert "Tq7-unique-password-Zx" not in v2.secrets()


# --- seeding, secrets, settings


async def snapshot_of(seed: int) -> dict[str, Any]:
    emulators = build_emulators(seed=seed, size="small")
    transport = httpx.ASGITransport(app=emulators.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emu") as http:
        return await snapshot(http)


async def test_same_seed_same_data_and_another_seed_other_data() -> None:
    first, again, other = await snapshot_of(1), await snapshot_of(1), await snapshot_of(2)
    assert first == again
    assert first["accounts"] != other["accounts"]
    assert [a["username"] for a in first["accounts"]] != [a["username"] for a in other["accounts"]]


def test_large_seed_is_deterministic() -> None:
    def usernames(seed: int) -> list[str]:
        platform = build_emulators(seed=seed, size="large").platforms["v2rest"]
        assert isinstance(platform, V2RestEmulator)
        return [account.username for account in platform.state.sub_accounts()]

    assert usernames(3) == usernames(3)
    assert usernames(3) != usernames(4)
    assert len(usernames(3)) >= 520


async def test_small_seed_is_varied(client: httpx.AsyncClient, v2: V2RestEmulator) -> None:
    c = await catalogue(client)
    assert len(c["lists"]) >= 8
    assert len(c["segments"]) >= 5
    assert len(c["newsletters"]) >= 6
    assert c["dynamicNewsletters"]
    assert set(c["dynamicNewsletters"]) < set(c["newsletters"])
    counts = []
    for account in await sub_accounts(client):
        name = account["username"]
        counts.append(
            (
                len(await inherited_list_ids(client, name)),
                len(await inherited_segment_ids(client, name)),
                len(await inherited_newsletters(client, name)),
            )
        )
    assert (0, 0, 0) in counts
    assert len(set(counts)) >= 6
    assert any(n for _, _, n in counts)


def test_secrets_hold_the_token_and_every_password(v2: V2RestEmulator) -> None:
    secrets = v2.secrets()
    assert V2REST_ADMIN_TOKEN in secrets
    assert V2REST_ADMIN_TOKEN.startswith("v2tok-")
    assert len(V2REST_ADMIN_TOKEN) == 30
    passwords = {a.password for a in v2.state.sub_accounts()}
    assert len(passwords) == 12
    assert passwords <= secrets
    assert all(len(secret) >= 12 for secret in secrets)


async def test_no_seeded_secret_appears_in_any_answer(
    client: httpx.AsyncClient, v2: V2RestEmulator
) -> None:
    text = json.dumps(await snapshot(client))
    assert not [secret for secret in v2.secrets() if secret in text]


def test_gateway_env_points_at_the_mount(v2: V2RestEmulator) -> None:
    assert v2.gateway_env("http://127.0.0.1:8123/") == {
        "MAILGQL_V2REST_URL": "http://127.0.0.1:8123/v2rest/v2.0",
        "MAILGQL_V2REST_USERNAME": "demo-admin",
        "MAILGQL_V2REST_TOKEN": V2REST_ADMIN_TOKEN,
    }


async def test_catalogue_control_lists_the_admin_ids(client: httpx.AsyncClient) -> None:
    c = await catalogue(client)
    assert set(c) == {"lists", "segments", "newsletters", "dynamicNewsletters"}
    # The error tables above name these seeded ids directly.
    assert {7601} <= set(c["lists"])
    assert {31} <= set(c["segments"])
    assert 501 in inheritable(c)
    assert c["lists"] == sorted(c["lists"])
    assert len(set(c["lists"])) == len(c["lists"])
    assert not set(c["lists"]) & set(c["segments"])
    assert not set(c["lists"]) & set(c["newsletters"])


async def test_served_over_real_http(emulators: Emulators) -> None:
    with serve_in_thread(emulators.app) as server:
        env = emulators.gateway_env(server.url)
        url = env["MAILGQL_V2REST_URL"]
        assert url == server.url + "/v2rest/v2.0"
        headers = {
            "Apiusername": env["MAILGQL_V2REST_USERNAME"],
            "Apitoken": env["MAILGQL_V2REST_TOKEN"],
        }
        async with httpx.AsyncClient(base_url=url, headers=headers, timeout=10) as http:
            page = ok(await http.get("/Users/SubAccounts/", params={"limit": 3}))
            assert [a["groupid"] for a in page] == ["249", "250", "251"]
            name = page[0]["username"]
            lists = ok(await http.get("/Users/InheritLists", params={"accountName": name}))
            gone = lists[0]["listid"]
            body = json.dumps([{"accountName": name}, {"listid": int(gone)}])
            response = await http.request(
                "DELETE",
                "/Users/InheritLists/",
                content=body,
                headers={"Content-Type": "application/json"},
            )
            assert ok(response) == {"message": "Inherited list has been deleted."}
            left = ok(await http.get("/Users/InheritLists", params={"accountName": name}))
            assert left == lists[1:]
            failed(
                await http.get("/Users/SubAccounts", headers={"Apitoken": "nope"}), 401, CREDENTIALS
            )
            report = (await http.get(server.url + "/_emulator/requests")).json()
        assert report["counts"]["v2rest"]["GET /Users/InheritLists"] == 2
        assert report["counts"]["v2rest"]["DELETE /Users/InheritLists"] == 1
