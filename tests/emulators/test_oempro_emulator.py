"""Oempro emulator: transport, envelopes (JSON, XML, JSONP), counters, faults, seeding, HTTP."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from defusedxml import ElementTree

from mailgql.emulators import Emulators, build_emulators, serve_in_thread
from mailgql.emulators.oempro import (
    OEMPRO_ADMIN_PASSWORD,
    OEMPRO_CLIENT_PASSWORD,
    OEMPRO_USER_API_KEY,
    OEMPRO_USER_PASSWORD,
    OEMPRO_USER_USERNAME,
    OemproEmulator,
)
from mailgql.emulators.oempro.commands import COMMANDS
from mailgql.emulators.oempro.records import md5_hex
from mailgql.emulators.store import EmulatorHub
from tests.emulators.test_oempro_support import API, OemproApi, failed, open_api


@pytest.fixture
async def api(emulators: Emulators) -> AsyncIterator[OemproApi]:
    async with open_api(emulators) as api:
        yield api


LOGIN = {
    "Username": OEMPRO_USER_USERNAME,
    "Password": OEMPRO_USER_PASSWORD,
    "DisableCaptcha": "true",
}


def xml(response: httpx.Response) -> Any:
    assert response.status_code == 200
    assert response.text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<response>')
    return ElementTree.fromstring(response.content)


# registration and settings ------------------------------------------------------------------
def test_registered_in_the_combined_app(emulators: Emulators) -> None:
    platform = emulators.platforms["oempro"]
    assert isinstance(platform, OemproEmulator)
    assert platform.mount == "/oempro"
    env = emulators.gateway_env("http://127.0.0.1:8123/")
    assert env["MAILGQL_OEMPRO_URL"] == "http://127.0.0.1:8123/oempro/api.php"
    assert env["MAILGQL_OEMPRO_USERNAME"] == OEMPRO_USER_USERNAME
    assert env["MAILGQL_OEMPRO_PASSWORD"] == OEMPRO_USER_PASSWORD


def test_every_brief_command_has_a_handler() -> None:
    names = {command.name for command in COMMANDS.values()}
    # The core commands; each further category's tests check its own (test_oempro_tags...).
    assert names >= {
        *("User.Login", "Admin.Login", "Client.Login", "User.Switch"),
        *("Users.Get", "User.Get", "User.Create", "User.Update", "Users.Delete", "UserGroup.Get"),
        *("List.Create", "Lists.Get", "List.Get", "List.Update", "Lists.Delete"),
        *("Subscriber.Subscribe", "Subscriber.Unsubscribe", "Subscriber.Get"),
        *("Subscribers.Get", "Subscriber.Update", "Subscribers.Delete"),
        *("Campaign.Create", "Campaign.Update", "Campaigns.Get", "Campaign.Get"),
        "Campaigns.Delete",
        *("Segment.Create", "Segment.Update", "Segment.Get", "Segments.Delete"),
        *("Clients.Get", "Client.Create", "Client.Update", "Clients.Delete"),
        *("Client.AssignSubscriberLists", "Client.AssignCampaigns"),
        *("Client.Lists.Get", "Client.Campaigns.Get"),
        *("Email.Create", "Email.Update", "Email.Get", "Emails.Get", "Email.Delete"),
        "CustomFields.Get",
    }


def test_secrets_cover_every_seeded_credential(emulators: Emulators) -> None:
    platform = emulators.platforms["oempro"]
    assert isinstance(platform, OemproEmulator)
    secrets = platform.secrets()
    state = platform.state
    assert {OEMPRO_USER_PASSWORD, OEMPRO_ADMIN_PASSWORD, OEMPRO_CLIENT_PASSWORD} <= secrets
    assert md5_hex(OEMPRO_USER_PASSWORD) in secrets
    assert OEMPRO_USER_API_KEY in secrets
    for user in state.users.values():
        assert {user["Password"], user["APIKey"]} <= secrets
        assert user["PreviewMyEmailAPIKey"] == "" or user["PreviewMyEmailAPIKey"] in secrets
    assert any(u["PreviewMyEmailAPIKey"] for u in state.users.values())
    assert {c["ClientPassword"] for c in state.clients.values()} <= secrets
    assert state.admin["Password"] in secrets
    sync = {lst["SyncMySQLPassword"] for lst in state.lists.values()} - {""}
    smtp = {g["SendMethodSMTPPassword"] for g in state.groups.values()} - {""}
    assert sync
    assert smtp
    assert sync | smtp <= secrets
    assert "" not in secrets
    assert all(len(secret) >= 8 for secret in secrets)


# transport ----------------------------------------------------------------------------------
async def test_get_and_post_carry_the_same_parameters(api: OemproApi) -> None:
    session = await api.login("user")
    params = {"SessionID": session, "OrderField": "Name", "OrderType": "DESC"}
    posted = await api.raw("Lists.Get", **params)
    got = await api.raw("Lists.Get", method="GET", **params)
    assert posted.status_code == got.status_code == 200
    assert posted.json() == got.json()
    assert posted.json()["TotalListCount"] == 8


async def test_query_string_and_body_merge_with_the_body_winning(api: OemproApi) -> None:
    session = await api.login("user")
    response = await api.client.post(
        f"{API}?Command=List.Get&ListID=1&SessionID={session}",
        content=b"ListID=2",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.json()["List"]["ListID"] == "2"


async def test_parameter_names_and_command_values_fold_case(api: OemproApi) -> None:
    login = await api.client.get(
        API,
        params={
            "command": "user.login",
            "username": OEMPRO_USER_USERNAME,
            "PASSWORD": OEMPRO_USER_PASSWORD,
            "disablecaptcha": "true",
            "responseformat": "JSON",
        },
    )
    session = login.json()["SessionID"]
    body = (await api.client.get(API, params={"COMMAND": "lIsTs.GeT", "sessionid": session})).json()
    assert body["Success"] is True
    assert body["TotalListCount"] == 8


async def test_json_is_php_encoded_with_escaped_slashes(api: OemproApi) -> None:
    response = await api.raw("User.Login", **LOGIN)
    assert response.headers["content-type"].startswith("application/json")
    assert '"Website":"https:\\/\\/www.' in response.text
    assert response.json()["UserInfo"]["Website"].startswith("https://www.")


async def test_response_format_value_is_case_sensitive(api: OemproApi) -> None:
    assert (await api.raw("User.Login", ResponseFormat="xml", **LOGIN)).json()["Success"] is True
    assert (await api.raw("User.Login", ResponseFormat="XML", **LOGIN)).text.startswith("<?xml")


async def test_jsonp_callback_wraps_the_body(api: OemproApi) -> None:
    response = await api.raw("User.Login", JSONPCallBack="handle_login", **LOGIN)
    assert response.text.startswith('handle_login({"Success":true')
    assert response.text.endswith("})")
    unsafe = await api.raw("User.Login", JSONPCallBack="alert(1);x", **LOGIN)
    assert unsafe.json()["Success"] is True


async def test_unknown_or_missing_command_is_a_php_fatal_page(api: OemproApi) -> None:
    for command in ("Tags.Fetch", "Nonsense.Command", None):
        response = await api.raw(command)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        assert "<b>Fatal error</b>" in response.text
        assert "Success" not in response.text


async def test_other_paths_are_apache_404(api: OemproApi) -> None:
    response = await api.client.get("/oempro/admin/index.php")
    assert response.status_code == 404
    assert "Not Found" in response.text


@pytest.mark.parametrize(
    ("command", "params"),
    [
        ("Subscribers.Get", {"SubscriberListID": "1; DROP", "SubscriberSegment": "-1"}),
        (
            "Subscribers.Get",
            {
                "SubscriberListID": "1",
                "SubscriberSegment": "Active",
                "RecordsFrom": "x",
                "RecordsPerRequest": "-5",
            },
        ),
        ("Campaign.Update", {"CampaignID": "1e9"}),
        ("Campaigns.Get", {"RecordsPerRequest": "many", "OrderField": "'"}),
        ("Lists.Delete", {"Lists": ",,,"}),
        ("Users.Get", {"RelUserGroupID": "", "SearchField": "Nope", "SearchKeyword": "x"}),
        (
            "Subscriber.Update",
            {
                "SubscriberID": "1",
                "SubscriberListID": "1",
                "EmailAddress": "a@b.co",
                "Fields": "flat",
            },
        ),
        (
            "Segment.Create",
            {
                "SubscriberListID": "1",
                "SegmentName": "x",
                "SegmentOperator": "and",
                "SegmentRuleField[]": "Nope",
            },
        ),
        ("Client.AssignSubscriberLists", {"ClientID": "1", "SubscriberListIDs": "a,b"}),
    ],
)
async def test_bad_input_never_crashes(
    api: OemproApi, command: str, params: dict[str, str]
) -> None:
    session = await api.login("admin" if command == "Users.Get" else "user")
    response = await api.raw(command, SessionID=session, **params)
    assert response.status_code == 200
    assert isinstance(response.json()["Success"], bool)


async def test_non_form_bodies_add_no_parameters(api: OemproApi) -> None:
    response = await api.client.post(API, json={"Command": "User.Login", **LOGIN})
    assert "Fatal error" in response.text
    query = await api.client.post(
        f"{API}?Command=Lists.Get&APIKey={OEMPRO_USER_API_KEY}",
        content=b"\xff\xfe{not json",
        headers={"content-type": "application/json"},
    )
    assert query.json()["Success"] is True


# XML ----------------------------------------------------------------------------------------
async def test_xml_login_matches_the_vendor_example(api: OemproApi) -> None:
    response = await api.raw("User.Login", ResponseFormat="XML", **LOGIN)
    assert "<Success><![CDATA[1]]></Success>" in response.text
    assert "<ErrorCode><![CDATA[0]]></ErrorCode>" in response.text
    assert "<ErrorText></ErrorText>" in response.text
    root = xml(response)
    assert root.tag == "response"
    assert len(root.findtext("SessionID")) == 32
    assert root.findtext("UserInfo/Username") == OEMPRO_USER_USERNAME
    assert root.findtext("UserInfo/Password") == md5_hex(OEMPRO_USER_PASSWORD)
    assert f"<Password><![CDATA[{md5_hex(OEMPRO_USER_PASSWORD)}]]></Password>" in response.text


async def test_xml_error_codes_are_node_elements(api: OemproApi) -> None:
    response = await api.raw("User.Login", ResponseFormat="XML")
    root = xml(response)
    assert "<Success></Success>" in response.text
    assert [n.tag for n in root.find("ErrorCode")] == ["node_0", "node_1"]
    assert [n.text for n in root.find("ErrorCode")] == ["1", "2"]
    assert root.findtext("ErrorText/node_1") == "Password is missing"
    auth = xml(await api.raw("Lists.Get", ResponseFormat="XML"))
    assert auth.findtext("ErrorCode") == "99998"


async def test_xml_lists_subscribers_and_campaign(api: OemproApi) -> None:
    session = await api.login("user")
    lists = xml(await api.raw("Lists.Get", SessionID=session, ResponseFormat="XML"))
    assert [n.tag for n in lists.find("Lists")] == [f"node_{i}" for i in range(8)]
    assert lists.findtext("Lists/node_0/ListID") == "1"
    assert lists.findtext("TotalListCount") == "8"
    subscribers = xml(
        await api.raw(
            "Subscribers.Get",
            SessionID=session,
            ResponseFormat="XML",
            SubscriberListID=1,
            SubscriberSegment="Active",
            RecordsPerRequest=2,
        )
    )
    assert len(subscribers.find("Subscribers")) == 2
    assert subscribers.findtext("Subscribers/node_1/SubscriptionStatus") == "Subscribed"
    assert int(subscribers.findtext("TotalSubscribers")) > 2
    campaign = xml(
        await api.raw(
            "Campaign.Get",
            SessionID=session,
            ResponseFormat="XML",
            CampaignID=1,
            RetrieveStatistics="true",
        )
    )
    assert campaign.findtext("Campaign/CampaignName") == "May newsletter"
    assert campaign.findtext("Campaign/Statistics/OpenStatistics/node_0/Date")
    assert campaign.find("ErrorText") is None
    missing = await api.raw("Campaign.Get", SessionID=session, ResponseFormat="XML", CampaignID=999)
    assert "<Campaign></Campaign>" in missing.text


async def test_xml_false_lists_render_empty(api: OemproApi) -> None:
    session = await api.switch("orbitfoods")
    response = await api.raw("Lists.Get", SessionID=session, ResponseFormat="XML")
    assert "<Lists></Lists>" in response.text
    assert xml(response).findtext("TotalListCount") == "0"


# counters and faults ------------------------------------------------------------------------
async def counts(api: OemproApi) -> dict[str, int]:
    body = (await api.client.get("/_emulator/requests")).json()
    return dict(body["counts"].get("oempro", {}))


async def test_requests_are_counted_by_canonical_command(api: OemproApi) -> None:
    await api.client.post("/_emulator/requests/reset")
    session = await api.login("user")
    await api.client.get(API, params={"command": "lists.get", "sessionid": session})
    await api.call("Lists.Get", SessionID=session)
    await api.raw("Made.Up")
    await api.client.get("/oempro/nothing-here")
    assert await counts(api) == {
        "User.Login": 1,
        "Lists.Get": 2,
        "Made.Up": 1,
        "/nothing-here": 1,
    }
    totals = (await api.client.get("/_emulator/requests")).json()["totals"]
    assert totals["oempro"] == 5


async def arm(api: OemproApi, **spec: Any) -> None:
    response = await api.client.post("/_emulator/faults", json={"platform": "oempro", **spec})
    assert response.status_code == 200, response.text


async def test_status_fault_on_one_command(api: OemproApi) -> None:
    session = await api.login("user")
    await arm(api, kind="status", endpoint="Lists.Get", status=503)
    assert (await api.raw("Lists.Get", SessionID=session)).status_code == 503
    assert (await api.raw("Lists.Get", SessionID=session)).status_code == 200


async def test_status_fault_only_hits_the_named_command(api: OemproApi) -> None:
    session = await api.login("user")
    await arm(api, kind="status", endpoint="Campaigns.Get", status=500, count=None)
    assert (await api.raw("Lists.Get", SessionID=session)).status_code == 200
    assert (await api.raw("campaigns.get", SessionID=session)).status_code == 500
    await api.client.delete("/_emulator/faults")
    assert (await api.raw("Campaigns.Get", SessionID=session)).status_code == 200


async def test_malformed_fault_is_an_html_page_with_200(api: OemproApi) -> None:
    await arm(api, kind="malformed")
    response = await api.raw("User.Login", **LOGIN)
    assert response.status_code == 200
    assert response.text.startswith("<html>")
    assert (await api.raw("User.Login", **LOGIN)).json()["Success"] is True


async def test_latency_fault_delays_but_answers(api: OemproApi) -> None:
    await arm(api, kind="latency", latency_ms=120)
    started = time.monotonic()
    response = await api.raw("User.Login", **LOGIN)
    assert time.monotonic() - started >= 0.1
    assert response.json()["Success"] is True


async def test_hang_fault_holds_the_request_until_its_time_is_up(api: OemproApi) -> None:
    await arm(api, kind="hang", hang_seconds=0.2)
    response = await api.raw("User.Login", **LOGIN)
    assert response.status_code == 504
    assert (await api.raw("User.Login", **LOGIN)).status_code == 200


async def test_a_fault_refuses_before_the_command_runs(api: OemproApi) -> None:
    session = await api.login("user")
    before = len(api.state.lists)
    await arm(api, kind="status", endpoint="List.Create", status=502)
    response = await api.raw("List.Create", SessionID=session, SubscriberListName="Never")
    assert response.status_code == 502
    assert len(api.state.lists) == before


# seeding ------------------------------------------------------------------------------------
def snapshot(emulator: OemproEmulator) -> dict[str, Any]:
    state = emulator.state
    return {
        "users": [u.row() for u in state.users.values()],
        "lists": [lst.row() for lst in state.lists.values()],
        "subscribers": {k: [s.row() for s in v.values()] for k, v in state.subscribers.items()},
        "campaigns": [c.row() for c in state.campaigns.values()],
        "segments": [s.row() for s in state.segments.values()],
        "emails": [e.row() for e in state.emails.values()],
        "clients": [(c.row(), c.list_ids, c.campaign_ids) for c in state.clients.values()],
        "fields": [f.row() for f in state.fields.values()],
        "suppressed": {k: sorted(v) for k, v in state.suppressed.items()},
        "secrets": sorted(emulator.secrets()),
    }


def test_seeding_is_deterministic() -> None:
    first = OemproEmulator(EmulatorHub(seed=7))
    again = OemproEmulator(EmulatorHub(seed=7))
    other = OemproEmulator(EmulatorHub(seed=8))
    assert snapshot(first) == snapshot(again)
    assert snapshot(first)["subscribers"] != snapshot(other)["subscribers"]
    # The fixed credentials do not depend on the seed.
    assert other.state.user_by_username(OEMPRO_USER_USERNAME) is not None


def test_small_seed_shape(emulators: Emulators) -> None:
    platform = emulators.platforms["oempro"]
    assert isinstance(platform, OemproEmulator)
    state = platform.state
    assert state.login_captcha is True
    assert len(state.groups) == 3
    assert len(state.users) == 5
    assert {u["ReputationLevel"] for u in state.users.values()} == {"Trusted", "Untrusted"}
    assert {u["AccountStatus"] for u in state.users.values()} == {"Enabled", "Disabled"}
    assert 10 <= len(state.lists) <= 14
    assert len(state.clients) == 3
    assert 11 <= len(state.campaigns) <= 13
    for lst in state.lists.values():
        names = {f["FieldName"] for f in state.fields_of(lst.id)}
        assert {"First name", "Last name", "City"} <= names
        assert 1 <= len([s for s in state.segments.values() if s.list_id == lst.id]) <= 3
    for campaign in state.campaigns.values():
        email = state.emails.get(campaign.number("RelEmailID"))
        if email is None:
            assert campaign["CampaignStatus"] == "Draft"
        else:
            assert email["Subject"]


async def test_reset_restores_the_seed_and_forgets_sessions(api: OemproApi) -> None:
    session = await api.login("user")
    await api.call("Lists.Delete", SessionID=session, Lists="1,2,3")
    assert (await api.client.post("/_emulator/reset")).json() == {"ok": True}
    assert (await api.call("Lists.Get", SessionID=session))["ErrorCode"] == 99998
    assert (await api.call("Lists.Get", APIKey=OEMPRO_USER_API_KEY))["TotalListCount"] == 8


async def test_large_size() -> None:
    async with open_api(build_emulators(seed=1, size="large")) as api:
        users = await api.as_admin("Users.Get", RecordsFrom=300, RecordsPerRequest=10)
        assert users["TotalUsers"] >= 300
        assert len(users["Users"]) == 10
        common = {"SubscriberListID": 1, "SubscriberSegment": "Active"}
        count = await api.as_user("Subscribers.Get", **common, RecordsPerRequest=1)
        total = sum(
            1
            for s in api.state.subscribers[1].values()
            if s["SubscriptionStatus"] == "Subscribed" and s["BounceType"] != "Hard"
        )
        assert count["TotalSubscribers"] == total
        assert len(api.state.subscribers[1]) >= 2000
        tail = await api.as_user(
            "Subscribers.Get", **common, RecordsFrom=total - 3, RecordsPerRequest=1000
        )
        assert len(tail["Subscribers"]) == 3
        assert (await api.as_user("Lists.Get"))["TotalListCount"] == 30


# real HTTP ----------------------------------------------------------------------------------
def test_over_real_http(emulators: Emulators) -> None:
    with (
        serve_in_thread(emulators.app) as server,
        httpx.Client(base_url=server.url, timeout=10) as http,
    ):
        url = emulators.gateway_env(server.url)["MAILGQL_OEMPRO_URL"]
        assert url.startswith("http://127.0.0.1:")
        login = http.post(url, data={"Command": "User.Login", **LOGIN}).json()
        assert login["Success"] is True
        lists = http.get(
            url, params={"Command": "Lists.Get", "SessionID": login["SessionID"]}
        ).json()
        assert lists["TotalListCount"] == 8
        expired = http.post("/_emulator/oempro/expire-sessions").json()
        assert expired == {"expired": 1}
        again = http.get(
            url, params={"Command": "Lists.Get", "SessionID": login["SessionID"]}
        ).json()
        assert again["ErrorCode"] == 99998
        assert failed(http.post(url, data={"Command": "Client.Login"}).json(), 1, 2)


PARAMETER_NAMES = (
    "ListID SubscriberListID EmailAddress IPAddress SubscriberID CampaignID EmailID "
    "AutoResponderID SegmentID UserID UserGroupID ClientID RecordsFrom RecordsPerRequest "
    "OrderField OrderType SubscriberSegment SearchField SearchKeyword CampaignStatus ScheduleType "
    "SendDate SendTime SendTimeZone SegmentOperator SegmentName Lists Campaigns Segments Users "
    "Clients Subscribers SubscriberListIDs CampaignIDs RelEmailID RelUserGroupID OptInMode "
    "OptInConfirmationEmailID Mode ValidateScope HTMLContent PlainContent FetchURL RelTemplateID "
    "ClientName ClientUsername ClientPassword ClientEmailAddress ClientAccountStatus Username "
    "Password FirstName CompanyName TimeZone Language ReputationLevel PrivilegeType Fields "
    "SubscriberListName Name CampaignName RecipientListsAndSegments FailOnNotFound "
    "RetrieveStatistics SegmentRuleField SegmentRuleOperator SegmentRuleFilter Preview "
    "AccountStatus AvailableCredits HideInSubscriberArea OptOutScope"
).split()
GARBAGE: dict[str, Callable[[str], list[tuple[str, str]]]] = {
    "superscript digits": lambda name: [(name, "²")],
    "negative": lambda name: [(name, "-1")],
    "empty": lambda name: [(name, "")],
    "list arrays": lambda name: [(f"{name}[]", "1"), (f"{name}[]", "x")],
    "keyed arrays": lambda name: [(f"{name}[CustomField1]", "1")],
}


@pytest.mark.parametrize("kind", list(GARBAGE))
async def test_garbage_in_every_parameter_of_every_command(api: OemproApi, kind: str) -> None:
    sessions = {k: await api.login(k) for k in ("user", "admin", "client")}
    pairs = [pair for name in PARAMETER_NAMES for pair in GARBAGE[kind](name)]
    for command in COMMANDS.values():
        for session in sessions.values():
            response = await api.raw(command.name, *pairs, SessionID=session)
            assert response.status_code == 200, (command.name, response.text)
            assert isinstance(response.json()["Success"], bool), command.name
