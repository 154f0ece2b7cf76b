"""The v2 REST client against the v2 emulator: every endpoint, every documented error, faults."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import httpx
import pytest

from mailgql.emulators import Emulators, build_emulators
from mailgql.emulators.v2rest import V2RestEmulator
from mailgql.platforms import Platform
from mailgql.upstreams.errors import (
    UpstreamBadResponse,
    UpstreamError,
    UpstreamForbidden,
    UpstreamInvalidInput,
    UpstreamNotFound,
    UpstreamTimeout,
    UpstreamUnauthenticated,
    UpstreamUnavailable,
)
from mailgql.upstreams.v2rest import V2RestClient
from tests.conftest import gateway_settings

CREDENTIALS = "You have attempted to execute a API call with incorrect credentials! Access denied!"
NOT_YOURS = "Specified account is not your sub account."
GHOST = "no_such_account"
NOT_AN_ADMIN_ID = 1

Call = Callable[[V2RestClient], Awaitable[Any]]


def open_client(
    emulators: Emulators, *, live_url: str | None = None, **settings: Any
) -> V2RestClient:
    """A v2 client configured from Settings: in-process to the emulators, or to ``live_url``."""
    values = gateway_settings(emulators, live_url or "http://emu", **settings)
    assert values.v2rest is not None
    transport = None if live_url else httpx.ASGITransport(app=emulators.app)
    return V2RestClient.create(values.v2rest, values.http, transport=transport)


class Control:
    """The emulators' control routes: request counts, faults and the admin catalogue."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def counts(self) -> dict[str, int]:
        """Requests per v2 endpoint since the last reset."""
        answer = (await self.http.get("/_emulator/requests")).json()
        return dict(answer["counts"].get("v2rest", {}))

    async def total(self) -> int:
        """v2 requests since the last reset."""
        return sum((await self.counts()).values())

    async def reset(self) -> None:
        """Zero the request counts."""
        assert (await self.http.post("/_emulator/requests/reset")).status_code == 200

    async def fault(self, **spec: Any) -> None:
        """Arm a v2 fault."""
        response = await self.http.post("/_emulator/faults", json={"platform": "v2rest", **spec})
        assert response.status_code == 200, response.text

    async def clear_faults(self) -> None:
        """Disarm every fault and release hung requests."""
        assert (await self.http.delete("/_emulator/faults")).status_code == 200

    async def catalogue(self) -> dict[str, list[int]]:
        """The admin's list, segment and newsletter ids, and which newsletters are dynamic."""
        response = await self.http.post("/_emulator/v2rest/catalogue")
        assert response.status_code == 200, response.text
        return dict(response.json())


@pytest.fixture
def v2(emulators: Emulators) -> V2RestEmulator:
    platform = emulators.platforms["v2rest"]
    assert isinstance(platform, V2RestEmulator)
    return platform


@pytest.fixture
async def control(emulators: Emulators) -> AsyncIterator[Control]:
    transport = httpx.ASGITransport(app=emulators.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emu") as http:
        yield Control(http)


@pytest.fixture
async def client(emulators: Emulators) -> AsyncIterator[V2RestClient]:
    v2client = open_client(emulators)
    yield v2client
    await v2client.aclose()


@pytest.fixture
async def catalogue(control: Control) -> dict[str, list[int]]:
    return await control.catalogue()


def account_with(v2: V2RestEmulator, *, lists: bool) -> str:
    """A seeded sub-account that inherits at least one list (or none at all)."""
    for account in v2.state.sub_accounts():
        if bool(account.inherited_lists) is lists:
            return account.username
    raise AssertionError("the seed has no such account")


def snapshot(v2: V2RestEmulator) -> list[tuple[Any, ...]]:
    """A copy of every sub-account's status and inheritance, to compare before and after."""
    return [
        (
            a.username,
            a.active,
            frozenset(a.inherited_lists),
            frozenset(a.inherited_segments),
            tuple(sorted(a.inherited_newsletters.items())),
        )
        for a in v2.state.sub_accounts()
    ]


def assert_error(
    error: UpstreamError, cls: type[UpstreamError], status: int, message: str, operation: str
) -> None:
    """The error is exactly ``cls`` and carries what the platform said."""
    assert type(error) is cls
    assert error.platform is Platform.V2REST
    assert error.operation == operation
    assert error.legacy_code == str(status)
    assert error.http_status == status
    assert error.legacy_message == message


# --- every endpoint succeeds --------------------------------------------------------------------


async def test_get_sub_accounts_pages_through_the_listing(client, control, v2):
    seeded = v2.state.sub_accounts()
    first = await client.get_sub_accounts(limit=5)
    rest = await client.get_sub_accounts(limit=1000, offset=5)
    assert [a.username for a in first + rest] == [a.username for a in seeded]
    assert [a.group_id for a in first] == [a.groupid for a in seeded[:5]]
    assert [a.active for a in first + rest] == [a.active for a in seeded]
    assert all(a.created_at is not None for a in first + rest)
    assert await control.counts() == {"GET /Users/SubAccounts": 2}


async def test_the_default_page_is_100_records():
    large = build_emulators(seed=1, size="large")
    v2client = open_client(large)
    try:
        accounts = await v2client.get_sub_accounts()
    finally:
        await v2client.aclose()
    assert len(accounts) == 100
    assert large.hub.counter.total("v2rest") == 1


async def test_create_sub_account(client, control, v2):
    message = await client.create_sub_account(
        account_name="new_shop",
        password="pa55-word-1",
        owner_email="owner@example.com",
        allowed_domains=["@example.com", "@example.org"],
    )
    assert message == "New sub account created successfully."
    stored = v2.state.accounts["new_shop"]
    assert (stored.owner_email, stored.allowed_domains) == (
        "owner@example.com",
        ("@example.com", "@example.org"),
    )
    listed = {a.username: a for a in await client.get_sub_accounts(limit=1000)}
    assert listed["new_shop"].active is True
    assert listed["new_shop"].last_login_at is None  # "0" on the wire: never logged in
    assert await control.counts() == {"POST /Users/SubAccounts": 1, "GET /Users/SubAccounts": 1}


async def test_set_sub_account_status(client, control, v2):
    name = next(a.username for a in v2.state.sub_accounts() if a.active)
    assert (
        await client.set_sub_account_status(account_name=name, active=False)
        == "Sub account has been updated"
    )
    assert v2.state.accounts[name].active is False
    listed = {a.username: a for a in await client.get_sub_accounts(limit=1000)}
    assert listed[name].active is False
    await client.set_sub_account_status(account_name=name, active=True)
    assert v2.state.accounts[name].active is True
    assert (await control.counts())["PUT /Users/SubAccounts"] == 2


async def test_inherit_read_and_remove_lists(client, control, v2, catalogue):
    name = account_with(v2, lists=False)
    wanted = catalogue["lists"][:2]
    assert await client.get_inherited_lists(name) == []
    assert await client.inherit_lists(account_name=name, list_ids=wanted) == "Inherit successful."
    lists = await client.get_inherited_lists(name)
    assert [m.list_id for m in lists] == wanted
    assert all(m.name and m.deleted is False for m in lists)
    assert v2.state.accounts[name].inherited_lists == set(wanted)
    removed = await client.remove_inherited_list(account_name=name, list_id=wanted[0])
    assert removed == "Inherited list has been deleted."
    assert [m.list_id for m in await client.get_inherited_lists(name)] == wanted[1:]
    assert await control.counts() == {
        "GET /Users/InheritLists": 3,
        "PUT /Users/InheritLists": 1,
        "DELETE /Users/InheritLists": 1,
    }


async def test_inherited_lists_page_with_limit_and_offset(client, v2):
    name = max(v2.state.sub_accounts(), key=lambda a: len(a.inherited_lists)).username
    expected = sorted(v2.state.accounts[name].inherited_lists)
    assert len(expected) >= 3
    page = await client.get_inherited_lists(name, limit=2, offset=1)
    assert [m.list_id for m in page] == expected[1:3]


async def test_inherit_read_and_remove_segments(client, control, v2, catalogue):
    name = account_with(v2, lists=False)
    already = v2.state.accounts[name].inherited_segments
    new = [i for i in catalogue["segments"] if i not in already][:1]
    assert new, "the seed leaves a segment to inherit"
    message = await client.inherit_segments(account_name=name, segment_ids=new)
    assert message == "Inherit successful."  # answered with 201
    segments = {s.segment_id: s for s in await client.get_inherited_segments(name)}
    assert set(segments) == already | set(new)
    assert segments[new[0]].name
    assert segments[new[0]].rule_groups  # the seeded segments all carry rules
    removed = await client.remove_inherited_segment(account_name=name, segment_id=new[0])
    assert removed == "Inherited segment has been deleted."
    assert new[0] not in v2.state.accounts[name].inherited_segments
    assert await control.counts() == {
        "PUT /Users/InheritSegments": 1,
        "GET /Users/InheritSegments": 1,
        "DELETE /Users/InheritSegments": 1,
    }


async def test_inherit_read_and_remove_a_newsletter(client, control, v2, catalogue):
    name = account_with(v2, lists=False)
    inheritable = [
        i
        for i in catalogue["newsletters"]
        if i not in catalogue["dynamicNewsletters"]
        and i not in v2.state.accounts[name].inherited_newsletters
    ]
    newsletter_id = inheritable[0]
    recipients = catalogue["lists"][:2]
    message = await client.inherit_newsletter(
        account_name=name,
        newsletter_id=newsletter_id,
        recipients_type="list",
        recipient_ids=recipients,
    )
    assert message == "Inherit successful."
    newsletters = {n.newsletter_id: n for n in await client.get_inherited_newsletters(name)}
    inherited = newsletters[newsletter_id]
    assert inherited.selected_list_ids == tuple(recipients)
    assert inherited.selected_segment_ids == ()
    assert inherited.url is not None
    assert f"N={newsletter_id}" in inherited.url
    removed = await client.remove_inherited_newsletter(
        account_name=name, newsletter_id=newsletter_id
    )
    assert removed == "Inherited campaign has been deleted."
    assert newsletter_id not in v2.state.accounts[name].inherited_newsletters
    assert await control.counts() == {
        "PUT /Users/InheritNewsletters": 1,
        "GET /Users/InheritNewsletters": 1,
        "DELETE /Users/InheritNewsletters": 1,
    }


async def test_a_newsletter_sent_to_segments(client, v2, catalogue):
    name = account_with(v2, lists=False)
    newsletter_id = next(
        i
        for i in catalogue["newsletters"]
        if i not in catalogue["dynamicNewsletters"]
        and i not in v2.state.accounts[name].inherited_newsletters
    )
    await client.inherit_newsletter(
        account_name=name,
        newsletter_id=newsletter_id,
        recipients_type="segment",
        recipient_ids=catalogue["segments"][:1],
    )
    newsletters = {n.newsletter_id: n for n in await client.get_inherited_newsletters(name)}
    assert newsletters[newsletter_id].selected_segment_ids == tuple(catalogue["segments"][:1])
    assert newsletters[newsletter_id].selected_list_ids == ()


# --- every documented error ---------------------------------------------------------------------


def _first_admin_list(catalogue: dict[str, list[int]]) -> int:
    return catalogue["lists"][0]


ERRORS = [
    pytest.param(
        lambda c, a, k: c.create_sub_account(
            account_name="x1", password="pw", owner_email="", allowed_domains=["@example.com"]
        ),
        UpstreamInvalidInput,
        400,
        "Parameter ownerEmail is empty.",
        "POST /Users/SubAccounts",
        id="create-empty-owner-email",
    ),
    pytest.param(
        lambda c, a, k: c.create_sub_account(
            account_name="", password="pw", owner_email="o@example.com", allowed_domains=["@x.dk"]
        ),
        UpstreamInvalidInput,
        400,
        "Parameter accountName is empty.",
        "POST /Users/SubAccounts",
        id="create-empty-account-name",
    ),
    pytest.param(
        lambda c, a, k: c.create_sub_account(
            account_name="x2", password="", owner_email="o@example.com", allowed_domains=["@x.dk"]
        ),
        UpstreamInvalidInput,
        400,
        "Parameter accountPassword is empty.",
        "POST /Users/SubAccounts",
        id="create-empty-password",
    ),
    pytest.param(
        lambda c, a, k: c.create_sub_account(
            account_name="x3", password="pw", owner_email="o@example.com", allowed_domains=[]
        ),
        UpstreamInvalidInput,
        400,
        "Parameter allowedDomains is empty.",
        "POST /Users/SubAccounts",
        id="create-no-domains",
    ),
    pytest.param(
        lambda c, a, k: c.create_sub_account(
            account_name=a, password="pw", owner_email="o@example.com", allowed_domains=["@x.dk"]
        ),
        UpstreamInvalidInput,
        400,
        "Account name already exists.",
        "POST /Users/SubAccounts",
        id="create-existing-name",
    ),
    pytest.param(
        lambda c, a, k: c.create_sub_account(
            account_name="x4", password="pw", owner_email="not-an-email", allowed_domains=["@x.dk"]
        ),
        UpstreamInvalidInput,
        400,
        "Parameter ownerEmail is not a valid email.",
        "POST /Users/SubAccounts",
        id="create-invalid-email",
    ),
    pytest.param(
        lambda c, a, k: c.set_sub_account_status(account_name="", active=False),
        UpstreamInvalidInput,
        400,
        "Parameter accountName is empty",
        "PUT /Users/SubAccounts",
        id="status-empty-name",
    ),
    pytest.param(
        lambda c, a, k: c.set_sub_account_status(account_name=GHOST, active=False),
        UpstreamNotFound,
        401,
        NOT_YOURS,
        "PUT /Users/SubAccounts",
        id="status-not-yours",
    ),
    pytest.param(
        lambda c, a, k: c.get_inherited_lists(GHOST),
        UpstreamNotFound,
        401,
        NOT_YOURS,
        "GET /Users/InheritLists",
        id="lists-not-yours",
    ),
    pytest.param(
        lambda c, a, k: c.inherit_lists(account_name=GHOST, list_ids=[_first_admin_list(k)]),
        UpstreamNotFound,
        401,
        NOT_YOURS,
        "PUT /Users/InheritLists",
        id="inherit-lists-not-yours",
    ),
    pytest.param(
        lambda c, a, k: c.inherit_lists(account_name=a, list_ids=[NOT_AN_ADMIN_ID]),
        UpstreamForbidden,
        403,
        "This user is not owner of the list",
        "PUT /Users/InheritLists",
        id="inherit-lists-not-owner",
    ),
    pytest.param(
        lambda c, a, k: c.remove_inherited_list(account_name=a, list_id=NOT_AN_ADMIN_ID),
        UpstreamForbidden,
        403,
        "This user is not owner of the list",
        "DELETE /Users/InheritLists",
        id="remove-list-not-owner",
    ),
    pytest.param(
        lambda c, a, k: c.remove_inherited_list(account_name=a, list_id=_first_admin_list(k)),
        UpstreamNotFound,
        404,
        "Inherited list not found.",
        "DELETE /Users/InheritLists",
        id="remove-list-not-inherited",
    ),
    pytest.param(
        lambda c, a, k: c.get_inherited_segments(GHOST),
        UpstreamNotFound,
        401,
        NOT_YOURS,
        "GET /Users/InheritSegments",
        id="segments-not-yours",
    ),
    pytest.param(
        lambda c, a, k: c.inherit_segments(account_name="", segment_ids=k["segments"][:1]),
        UpstreamInvalidInput,
        400,
        "Parameter accountName is empty.",
        "PUT /Users/InheritSegments",
        id="inherit-segments-empty-name",
    ),
    pytest.param(
        lambda c, a, k: c.inherit_segments(account_name=a, segment_ids=[NOT_AN_ADMIN_ID]),
        UpstreamForbidden,
        403,
        "This user is not owner of the segment",
        "PUT /Users/InheritSegments",
        id="inherit-segments-not-owner",
    ),
    pytest.param(
        lambda c, a, k: c.remove_inherited_segment(account_name=a, segment_id=NOT_AN_ADMIN_ID),
        UpstreamForbidden,
        403,
        "Only inherit segments can be deleted.",
        "DELETE /Users/InheritSegments",
        id="remove-segment-not-inherited",
    ),
    pytest.param(
        lambda c, a, k: c.get_inherited_newsletters(GHOST),
        UpstreamNotFound,
        401,
        NOT_YOURS,
        "GET /Users/InheritNewsletters",
        id="newsletters-not-yours",
    ),
    pytest.param(
        lambda c, a, k: c.inherit_newsletter(
            account_name=GHOST,
            newsletter_id=k["newsletters"][0],
            recipients_type="list",
            recipient_ids=k["lists"][:1],
        ),
        UpstreamNotFound,
        401,
        NOT_YOURS,
        "PUT /Users/InheritNewsletters",
        id="inherit-newsletter-not-yours",
    ),
    pytest.param(
        lambda c, a, k: c.inherit_newsletter(
            account_name=a,
            newsletter_id=k["dynamicNewsletters"][0],
            recipients_type="list",
            recipient_ids=k["lists"][:1],
        ),
        UpstreamInvalidInput,
        400,
        "Newsletter with dynamic content or relation fields can not be inherited.",
        "PUT /Users/InheritNewsletters",
        id="inherit-newsletter-dynamic",
    ),
    pytest.param(
        lambda c, a, k: c.inherit_newsletter(
            account_name=a,
            newsletter_id=NOT_AN_ADMIN_ID,
            recipients_type="list",
            recipient_ids=k["lists"][:1],
        ),
        UpstreamForbidden,
        403,
        "This user is not owner of the newsletter",
        "PUT /Users/InheritNewsletters",
        id="inherit-newsletter-not-owner",
    ),
    pytest.param(
        lambda c, a, k: c.remove_inherited_newsletter(
            account_name="", newsletter_id=k["newsletters"][0]
        ),
        UpstreamInvalidInput,
        400,
        "Missing required parameter.",
        "DELETE /Users/InheritNewsletters",
        id="remove-newsletter-missing-parameter",
    ),
]


@pytest.mark.parametrize(("call", "cls", "status", "message", "operation"), ERRORS)
async def test_documented_errors(
    client, control, v2, catalogue, call, cls, status, message, operation
):
    name = account_with(v2, lists=False)
    before = snapshot(v2)
    with pytest.raises(UpstreamError) as caught:
        await call(client, name, catalogue)
    assert_error(caught.value, cls, status, message, operation)
    assert snapshot(v2) == before
    # A refusal is an answer: never retried, even on a read.
    assert await control.counts() == {operation: 1}


# --- limits -------------------------------------------------------------------------------------

LISTINGS: list[tuple[str, Callable[..., Awaitable[Any]]]] = [
    ("sub-accounts", lambda c, **page: c.get_sub_accounts(**page)),
    ("lists", lambda c, **page: c.get_inherited_lists("lund_tech", **page)),
    ("segments", lambda c, **page: c.get_inherited_segments("lund_tech", **page)),
    ("newsletters", lambda c, **page: c.get_inherited_newsletters("lund_tech", **page)),
]


@pytest.mark.parametrize("listing", [case[1] for case in LISTINGS], ids=[c[0] for c in LISTINGS])
@pytest.mark.parametrize(
    "page", [{"limit": 1001}, {"limit": 0}, {"limit": -5}, {"offset": -1}], ids=str
)
async def test_a_page_outside_the_api_limits_is_refused_before_any_request(
    client, control, listing, page
):
    with pytest.raises(ValueError, match="limit|offset"):
        await listing(client, **page)
    assert await control.total() == 0


@pytest.mark.parametrize("listing", [case[1] for case in LISTINGS], ids=[c[0] for c in LISTINGS])
async def test_the_largest_page_is_accepted(client, control, listing):
    await listing(client, limit=1000, offset=0)
    assert await control.total() == 1


# --- credentials --------------------------------------------------------------------------------

EVERY_METHOD: list[tuple[str, Call]] = [
    ("get_sub_accounts", lambda c: c.get_sub_accounts()),
    (
        "create_sub_account",
        lambda c: c.create_sub_account(
            account_name="x", password="pw", owner_email="o@example.com", allowed_domains=["@x.dk"]
        ),
    ),
    ("set_sub_account_status", lambda c: c.set_sub_account_status(account_name="x", active=True)),
    ("get_inherited_lists", lambda c: c.get_inherited_lists("x")),
    ("inherit_lists", lambda c: c.inherit_lists(account_name="x", list_ids=[1])),
    ("remove_inherited_list", lambda c: c.remove_inherited_list(account_name="x", list_id=1)),
    ("get_inherited_segments", lambda c: c.get_inherited_segments("x")),
    ("inherit_segments", lambda c: c.inherit_segments(account_name="x", segment_ids=[1])),
    (
        "remove_inherited_segment",
        lambda c: c.remove_inherited_segment(account_name="x", segment_id=1),
    ),
    ("get_inherited_newsletters", lambda c: c.get_inherited_newsletters("x")),
    (
        "inherit_newsletter",
        lambda c: c.inherit_newsletter(
            account_name="x", newsletter_id=1, recipients_type="list", recipient_ids=[1]
        ),
    ),
    (
        "remove_inherited_newsletter",
        lambda c: c.remove_inherited_newsletter(account_name="x", newsletter_id=1),
    ),
]


@pytest.mark.parametrize(
    "call", [case[1] for case in EVERY_METHOD], ids=[c[0] for c in EVERY_METHOD]
)
async def test_a_wrong_token_is_unauthenticated_on_every_method(emulators, control, v2, call):
    before = snapshot(v2)
    wrong = open_client(emulators, v2rest_token="not-the-token-5e1d")
    try:
        with pytest.raises(UpstreamUnauthenticated) as caught:
            await call(wrong)
    finally:
        await wrong.aclose()
    error = caught.value
    assert error.legacy_code == "401"
    assert error.legacy_message == CREDENTIALS
    assert "not-the-token-5e1d" not in str(error) + repr(error)
    assert await control.total() == 1
    assert snapshot(v2) == before


async def test_a_wrong_username_is_unauthenticated(emulators):
    wrong = open_client(emulators, v2rest_username="someone-else")
    try:
        with pytest.raises(UpstreamUnauthenticated):
            await wrong.get_sub_accounts()
    finally:
        await wrong.aclose()


# --- faults -------------------------------------------------------------------------------------

SUB_ACCOUNTS = "GET /Users/SubAccounts"


@pytest.mark.parametrize("retries", [0, 1, 3])
async def test_a_lasting_503_on_a_read_is_tried_1_plus_read_retries_times(
    emulators, control, retries
):
    await control.fault(kind="status", status=503, endpoint=SUB_ACCOUNTS, count=None)
    v2client = open_client(emulators, read_retries=retries)
    try:
        with pytest.raises(UpstreamUnavailable) as caught:
            await v2client.get_sub_accounts()
    finally:
        await v2client.aclose()
    assert (caught.value.legacy_code, caught.value.http_status) == ("503", 503)
    assert caught.value.operation == SUB_ACCOUNTS
    assert await control.counts() == {SUB_ACCOUNTS: 1 + retries}


async def test_a_single_503_on_a_read_is_retried_and_succeeds(client, control, v2):
    await control.fault(kind="status", status=503, endpoint=SUB_ACCOUNTS, count=1)
    accounts = await client.get_sub_accounts()
    assert len(accounts) == len(v2.state.sub_accounts())
    assert await control.counts() == {SUB_ACCOUNTS: 2}


async def test_a_503_envelope_keeps_its_message_after_the_retries(client, control):
    body = json.dumps({"status": False, "code": 503, "message": "Down for maintenance."})
    await control.fault(kind="status", status=503, body=body, count=None)
    with pytest.raises(UpstreamUnavailable) as caught:
        await client.get_inherited_lists("lund_tech")
    assert caught.value.legacy_message == "Down for maintenance."
    assert await control.counts() == {"GET /Users/InheritLists": 3}


@pytest.mark.parametrize(
    ("call", "endpoint"),
    [
        (
            lambda c, k: c.create_sub_account(
                account_name="retry_me",
                password="pw",
                owner_email="o@example.com",
                allowed_domains=["@x.dk"],
            ),
            "POST /Users/SubAccounts",
        ),
        (
            lambda c, k: c.inherit_lists(account_name="bergen_surf", list_ids=k["lists"][:1]),
            "PUT /Users/InheritLists",
        ),
        (
            lambda c, k: c.remove_inherited_segment(
                account_name="bergen_surf", segment_id=k["segments"][0]
            ),
            "DELETE /Users/InheritSegments",
        ),
    ],
    ids=["post", "put", "delete"],
)
async def test_a_503_on_a_write_is_not_retried(client, control, v2, catalogue, call, endpoint):
    before = snapshot(v2)
    await control.fault(kind="status", status=503, endpoint=endpoint, count=1)
    with pytest.raises(UpstreamUnavailable) as caught:
        await call(client, catalogue)
    assert caught.value.operation == endpoint
    assert caught.value.http_status == 503
    assert await control.counts() == {endpoint: 1}
    assert snapshot(v2) == before


@pytest.mark.parametrize(
    "body",
    [
        None,
        '{"status":true,"code":201\n"data":{"message":"New sub account created successfully."}}',
        "",
    ],
    ids=["html", "missing-comma", "empty"],
)
async def test_a_malformed_body_is_a_bad_response(client, control, body):
    spec: dict[str, Any] = {"kind": "malformed", "count": 1}
    if body is not None:
        spec["body"] = body
    await control.fault(**spec)
    with pytest.raises(UpstreamBadResponse) as caught:
        await client.get_sub_accounts()
    error = caught.value
    assert (error.platform, error.operation, error.http_status) == (
        Platform.V2REST,
        SUB_ACCOUNTS,
        200,
    )
    assert "Fatal error" not in str(error) + repr(error)
    # A 200 that cannot be read is not a transient failure: it is not retried.
    assert await control.total() == 1


async def test_a_malformed_answer_to_a_write_is_a_bad_response(client, control):
    await control.fault(kind="malformed", count=1)
    with pytest.raises(UpstreamBadResponse):
        await client.set_sub_account_status(account_name="lund_tech", active=False)
    assert await control.total() == 1


# --- real sockets -------------------------------------------------------------------------------

TRANSPORTS = pytest.mark.parametrize("transport", ["httpx", "aiohttp"])
"""Both values of MAILGQL_UPSTREAM_TRANSPORT: what a socket does depends on the pool under httpx."""


@TRANSPORTS
async def test_a_hang_past_the_timeout_is_upstream_timeout(emulators, emulator_server, transport):
    async with httpx.AsyncClient(base_url=emulator_server.url) as http:
        control = Control(http)
        await control.fault(kind="hang", endpoint=SUB_ACCOUNTS, count=None, hang_seconds=5)
        v2client = open_client(
            emulators,
            live_url=emulator_server.url,
            upstream_timeout=0.3,
            read_retries=0,
            upstream_transport=transport,
        )
        try:
            with pytest.raises(UpstreamTimeout) as caught:
                await v2client.get_sub_accounts()
        finally:
            await v2client.aclose()
            await control.clear_faults()
        assert caught.value.platform is Platform.V2REST
        assert caught.value.operation == SUB_ACCOUNTS
        assert isinstance(caught.value.__cause__, httpx.TimeoutException)
        assert await control.counts() == {SUB_ACCOUNTS: 1}


@TRANSPORTS
async def test_a_read_that_timed_out_once_is_retried(emulators, emulator_server, transport):
    async with httpx.AsyncClient(base_url=emulator_server.url) as http:
        control = Control(http)
        await control.fault(kind="hang", endpoint=SUB_ACCOUNTS, count=1, hang_seconds=5)
        v2client = open_client(
            emulators,
            live_url=emulator_server.url,
            upstream_timeout=0.3,
            read_retries=1,
            upstream_transport=transport,
        )
        try:
            accounts = await v2client.get_sub_accounts(limit=3)
        finally:
            await v2client.aclose()
            await control.clear_faults()
        assert len(accounts) == 3
        assert await control.counts() == {SUB_ACCOUNTS: 2}


def unused_port() -> int:
    """A port on 127.0.0.1 that nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.get_sub_accounts(),
        lambda c: c.set_sub_account_status(account_name="lund_tech", active=True),
    ],
    ids=["read", "write"],
)
@TRANSPORTS
async def test_a_refused_connection_is_upstream_unavailable(emulators, call, transport):
    v2client = open_client(
        emulators, live_url=f"http://127.0.0.1:{unused_port()}", upstream_transport=transport
    )
    try:
        with pytest.raises(UpstreamUnavailable) as caught:
            await call(v2client)
    finally:
        await v2client.aclose()
    assert caught.value.platform is Platform.V2REST
    assert caught.value.http_status is None
    cause = caught.value.__cause__
    if transport == "httpx":
        assert isinstance(cause, httpx.ConnectError)
    else:
        # httpx-aiohttp 0.2 raises ConnectTimeout for every aiohttp connection error;
        # map_transport_errors reads the aiohttp error under it.
        assert isinstance(cause, httpx.ConnectTimeout)
        assert isinstance(cause.__cause__, aiohttp.ClientConnectorError)


@TRANSPORTS
async def test_cancelled_calls_give_their_slots_back(emulators, emulator_server, transport):
    """Reads cancelled while in flight (encode/httpcore#1093) leave no slot taken behind them."""
    concurrency = 2
    async with httpx.AsyncClient(base_url=emulator_server.url) as http:
        control = Control(http)
        await control.fault(kind="hang", endpoint=SUB_ACCOUNTS, count=None, hang_seconds=20)
        v2client = open_client(
            emulators,
            live_url=emulator_server.url,
            upstream_timeout=20,
            upstream_concurrency=concurrency,
            upstream_transport=transport,
        )
        try:
            hung = [asyncio.create_task(v2client.get_sub_accounts(limit=3)) for _ in range(3)]
            # Wait on the emulator's counter: the semaphore lets exactly `concurrency` in.
            async with asyncio.timeout(10):
                while True:
                    if await control.total() >= concurrency:
                        break
                    await asyncio.sleep(0.01)
            for task in hung:
                task.cancel()
            await asyncio.gather(*hung, return_exceptions=True)
            assert all(task.cancelled() for task in hung)
            await control.clear_faults()
            await control.reset()
            # Several times the bound: one leaked slot would leave these waiting.
            async with asyncio.timeout(10):
                answers = await asyncio.gather(
                    *(v2client.get_sub_accounts(limit=3) for _ in range(4 * concurrency))
                )
        finally:
            await v2client.aclose()
            await control.clear_faults()
        assert all(len(accounts) == 3 for accounts in answers)
        assert await control.counts() == {SUB_ACCOUNTS: 4 * concurrency}
