"""The Oempro client against the emulator, in-process: every command, both formats, auth.

Reads are checked against the emulator's database; writes by reading that database after them.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from typing import Any, cast

import httpx
import pytest
from pydantic import SecretStr

from mailgql.emulators import Emulators
from mailgql.emulators.oempro import (
    OEMPRO_ADMIN_PASSWORD,
    OEMPRO_ADMIN_USERNAME,
    OEMPRO_CLIENT_PASSWORD,
    OEMPRO_CLIENT_USERNAME,
    OEMPRO_USER_API_KEY,
    OEMPRO_USER_PASSWORD,
    OEMPRO_USER_USERNAME,
)
from mailgql.emulators.oempro.records import md5_hex
from mailgql.emulators.oempro.state import OemproState
from mailgql.platforms import Platform
from mailgql.upstreams.errors import (
    UpstreamBadResponse,
    UpstreamError,
    UpstreamForbidden,
    UpstreamInvalidInput,
    UpstreamNotFound,
    UpstreamUnauthenticated,
    UpstreamUnavailable,
)
from mailgql.upstreams.oempro import (
    Admin,
    CampaignStatus,
    OemproClient,
    SegmentRule,
    SubscriptionStatus,
    User,
)
from mailgql.upstreams.oempro.wire import decode_envelope
from tests.upstreams.oempro_support import (
    ADMIN,
    HTTP,
    Recorder,
    arm_fault,
    control,
    expire_sessions,
    oempro_config,
    oempro_state,
    open_client,
    requests_by_command,
)

FATAL_PAGE = (
    "<html><head><title>Oempro</title></head><body>\n<br />\n<b>Fatal error</b>:  Call to "
    "undefined method API::Subscriber.Get() in <b>/var/www/oempro/api.php</b> on line "
    "<b>87</b><br />\n</body></html>\n"
)
EXPIRED = json.dumps(
    {"Success": False, "ErrorCode": 99998, "ErrorText": "Authentication failure or session expired"}
)


@pytest.fixture
def recorder(emulators: Emulators) -> Recorder:
    return Recorder(emulators)


@pytest.fixture
async def user(emulators: Emulators, recorder: Recorder) -> AsyncIterator[OemproClient]:
    """The demo user, logging in with user name and password (JSON)."""
    async with open_client(emulators, recorder=recorder) as client:
        yield client


@pytest.fixture
async def admin(emulators: Emulators) -> AsyncIterator[OemproClient]:
    """The administrator (``MAILGQL_OEMPRO_LOGIN_AS=admin``)."""
    async with open_client(emulators, **ADMIN) as client:
        yield client


# --- logins ------------------------------------------------------------------------------------


async def test_user_login_describes_the_user_without_secrets(user: OemproClient) -> None:
    login = await user.user_login(OEMPRO_USER_USERNAME, SecretStr(OEMPRO_USER_PASSWORD))
    assert login.kind == "user"
    assert isinstance(login.account, User)
    assert login.account.username == OEMPRO_USER_USERNAME
    assert login.account.enabled is True
    text = repr(login)
    for secret in (OEMPRO_USER_PASSWORD, md5_hex(OEMPRO_USER_PASSWORD), OEMPRO_USER_API_KEY):
        assert secret not in text
    assert login.session.get_secret_value() not in text


async def test_admin_login_describes_the_admin(user: OemproClient) -> None:
    login = await user.admin_login(OEMPRO_ADMIN_USERNAME, SecretStr(OEMPRO_ADMIN_PASSWORD))
    assert isinstance(login.account, Admin)
    assert login.account.username == OEMPRO_ADMIN_USERNAME
    assert md5_hex(OEMPRO_ADMIN_PASSWORD) not in repr(login)


async def test_client_login_gives_a_session_only(user: OemproClient) -> None:
    login = await user.client_login(OEMPRO_CLIENT_USERNAME, SecretStr(OEMPRO_CLIENT_PASSWORD))
    assert login.kind == "client"
    assert login.account is None
    assert len(login.session.get_secret_value()) == 32


async def test_logins_always_opt_out_of_the_captcha(
    emulators: Emulators, user: OemproClient, recorder: Recorder
) -> None:
    assert oempro_state(emulators).login_captcha is True
    account = await user.login_account()
    assert isinstance(account, User)
    (form,) = recorder.sent("User.Login")
    assert form["DisableCaptcha"] == ["true"]
    assert form["Username"] == [OEMPRO_USER_USERNAME]


async def test_without_the_captcha_opt_out_the_login_fails_with_code_4(
    emulators: Emulators,
) -> None:
    """What ``DisableCaptcha=true`` avoids, mapped by the adapter's decoding."""
    async with control(emulators) as emu:
        response = await emu.post(
            "/oempro/api.php",
            data={
                "Command": "User.Login",
                "ResponseFormat": "JSON",
                "Username": OEMPRO_USER_USERNAME,
                "Password": OEMPRO_USER_PASSWORD,
            },
        )
    with pytest.raises(UpstreamUnauthenticated) as caught:
        decode_envelope(response.status_code, response.content, command="User.Login")
    assert caught.value.legacy_code == "4"


# --- sessions: one login, renewal on 99998, replay once ------------------------------------------


async def test_concurrent_first_calls_log_in_once(emulators: Emulators, user: OemproClient) -> None:
    # A slow login keeps every call waiting for it at the same time (in-process, nothing else
    # would make the calls overlap).
    await arm_fault(emulators, kind="latency", endpoint="User.Login", latency_ms=30)
    await asyncio.gather(
        user.get_lists(),
        user.get_campaigns(limit=5),
        user.get_clients(),
        *(user.get_list(list_id) for list_id in range(1, 8)),
    )
    counts = await requests_by_command(emulators)
    assert counts["User.Login"] == 1
    assert counts["List.Get"] == 7


async def test_a_write_replayed_after_expiry_is_applied_once(
    emulators: Emulators, user: OemproClient
) -> None:
    await user.get_lists()
    assert await expire_sessions(emulators) == 1
    list_id = await user.create_list("Replayed once")
    state = oempro_state(emulators)
    assert [lst.id for lst in state.lists.values() if lst["Name"] == "Replayed once"] == [list_id]
    counts = await requests_by_command(emulators)
    assert counts["User.Login"] == 2
    assert counts["List.Create"] == 2


async def test_calls_that_see_the_same_expiry_log_in_again_once(
    emulators: Emulators, user: OemproClient
) -> None:
    await user.get_lists()
    await expire_sessions(emulators)
    # Slow answers make all five calls send the stale session before any of them hears 99998.
    await arm_fault(emulators, kind="latency", endpoint="List.Get", latency_ms=30, count=5)
    await asyncio.gather(*(user.get_list(list_id) for list_id in range(1, 6)))
    counts = await requests_by_command(emulators)
    assert counts["User.Login"] == 2
    assert counts["List.Get"] == 10


async def test_a_second_99998_is_unauthenticated_and_nothing_is_written(
    emulators: Emulators, user: OemproClient
) -> None:
    await arm_fault(emulators, kind="malformed", endpoint="List.Create", body=EXPIRED, count=2)
    with pytest.raises(UpstreamUnauthenticated) as caught:
        await user.create_list("Never written")
    assert caught.value.legacy_code == "99998"
    assert "MAILGQL_OEMPRO_USERNAME" in caught.value.message
    state = oempro_state(emulators)
    assert not [lst for lst in state.lists.values() if lst["Name"] == "Never written"]
    counts = await requests_by_command(emulators)
    assert counts["User.Login"] == 2
    assert counts["List.Create"] == 2


async def test_a_wrong_password_is_unauthenticated_without_retrying(
    emulators: Emulators,
) -> None:
    async with open_client(emulators, password=SecretStr("wrong")) as client:
        with pytest.raises(UpstreamUnauthenticated) as caught:
            await client.get_lists()
    assert caught.value.legacy_code == "3"
    assert caught.value.operation == "User.Login"
    counts = await requests_by_command(emulators)
    assert counts == {"User.Login": 1}


# --- API keys and the admin login -------------------------------------------------------------


async def test_api_key_mode_sends_the_key_and_never_logs_in(
    emulators: Emulators, recorder: Recorder
) -> None:
    async with open_client(
        emulators,
        recorder=recorder,
        username=None,
        password=None,
        api_key=SecretStr(OEMPRO_USER_API_KEY),
    ) as client:
        assert client.uses_api_key
        lists = await client.get_lists()
        assert lists.total == 8
        assert await client.login_account() is None
    (form,) = recorder.sent("Lists.Get")
    assert form["APIKey"] == [OEMPRO_USER_API_KEY]
    assert "SessionID" not in form
    assert "User.Login" not in await requests_by_command(emulators)


async def test_a_rejected_api_key_is_unauthenticated_at_once(emulators: Emulators) -> None:
    async with open_client(
        emulators, username=None, password=None, api_key=SecretStr("0000-0000-0000-0000")
    ) as client:
        with pytest.raises(UpstreamUnauthenticated) as caught:
            await client.get_lists()
    assert caught.value.legacy_code == "99998"
    assert "MAILGQL_OEMPRO_API_KEY" in caught.value.message
    assert await requests_by_command(emulators) == {"Lists.Get": 1}


async def test_an_api_key_has_user_scope_only(emulators: Emulators) -> None:
    async with open_client(
        emulators, username=None, password=None, api_key=SecretStr(OEMPRO_USER_API_KEY)
    ) as client:
        with pytest.raises(UpstreamForbidden) as caught:
            await client.get_users()
    assert caught.value.legacy_code == "99999"


async def test_admin_mode_logs_in_as_the_administrator(
    emulators: Emulators, admin: OemproClient
) -> None:
    assert admin.login_as == "admin"
    users = await admin.get_users()
    assert users.total == 5
    assert isinstance(await admin.login_account(), Admin)
    with pytest.raises(UpstreamForbidden) as caught:
        await admin.get_lists()
    assert caught.value.legacy_code == "99999"
    counts = await requests_by_command(emulators)
    assert counts["Admin.Login"] == 1
    assert "User.Login" not in counts


def test_a_client_without_credentials_names_the_settings() -> None:
    with pytest.raises(ValueError, match="MAILGQL_OEMPRO_API_KEY"):
        OemproClient.create(oempro_config(username=None, password=None), HTTP)


# --- secrets never reach logs or errors -------------------------------------------------------


async def test_no_secret_reaches_the_logs_or_the_errors(
    emulators: Emulators, user: OemproClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await user.get_lists()
    await expire_sessions(emulators)
    await user.get_list(1)
    errors = []
    for call in (user.get_list(999), user.update_list(999, name="x")):
        try:
            await call
        except Exception as exc:
            errors.append(f"{exc!s} {exc!r}")
    assert len(errors) == 2
    sessions = list(oempro_state(emulators).sessions)
    assert sessions
    text = caplog.text + " ".join(errors)
    assert "oempro" in caplog.text.lower()
    for secret in (OEMPRO_USER_PASSWORD, md5_hex(OEMPRO_USER_PASSWORD), OEMPRO_USER_API_KEY):
        assert secret not in text
    for session in sessions:
        assert session not in text


# --- transport failures: reads retried, writes never -------------------------------------------


async def test_an_html_page_with_200_is_a_bad_response(
    emulators: Emulators, user: OemproClient
) -> None:
    await arm_fault(emulators, kind="malformed", endpoint="Lists.Get")
    with pytest.raises(UpstreamBadResponse) as caught:
        await user.get_lists()
    assert caught.value.http_status == 200


async def test_a_failing_read_is_retried_and_a_write_is_not(
    emulators: Emulators, user: OemproClient
) -> None:
    await user.get_lists()
    await arm_fault(emulators, kind="status", endpoint="Lists.Get", status=503, count=None)
    await arm_fault(emulators, kind="status", endpoint="List.Create", status=503, count=None)
    with pytest.raises(UpstreamUnavailable):
        await user.get_lists()
    with pytest.raises(UpstreamUnavailable):
        await user.create_list("Not retried")
    counts = await requests_by_command(emulators)
    assert counts["Lists.Get"] == 1 + 3
    assert counts["List.Create"] == 1


# --- users and groups (admin) -------------------------------------------------------------------


async def test_users_are_paged_and_filtered(admin: OemproClient) -> None:
    first = await admin.get_users(limit=2)
    assert [u.username for u in first.items] == ["northwind", "bluepeak"]
    assert (first.offset, first.total) == (0, 5)
    rest = await admin.get_users(offset=2, limit=10)
    assert [u.username for u in rest.items] == ["cedarworks", "lumenlabs", "orbitfoods"]
    disabled = await admin.get_users(group="Disabled")
    assert [u.username for u in disabled.items] == ["cedarworks"]
    assert disabled.items[0].enabled is False
    searched = await admin.get_users(search_field="Username", search_keyword="lumen")
    assert [u.username for u in searched.items] == ["lumenlabs"]
    assert OEMPRO_USER_API_KEY not in repr(first)


async def test_one_user_by_id_or_address(admin: OemproClient) -> None:
    by_id = await admin.get_user(1)
    by_email = await admin.get_user(email=by_id.email)
    assert by_email == by_id
    assert by_id.username == OEMPRO_USER_USERNAME
    assert by_id.user_since is not None
    assert by_id.user_since.tzinfo is UTC


async def test_update_user_sets_the_account_status(
    emulators: Emulators, admin: OemproClient
) -> None:
    state = oempro_state(emulators)
    await admin.update_user(5, enabled=False, phone="+1 555 0100")
    assert state.users[5]["AccountStatus"] == "Disabled"
    assert state.users[5]["Phone"] == "+1 555 0100"
    assert (await admin.get_user(5)).enabled is False
    await admin.update_user(5, enabled=True)
    assert state.users[5]["AccountStatus"] == "Enabled"


async def test_a_user_group_without_its_smtp_credentials(
    emulators: Emulators, admin: OemproClient
) -> None:
    group = await admin.get_user_group(1)
    stored = oempro_state(emulators).groups[1]
    assert group.name == stored["GroupName"]
    assert group.limit_lists == 3
    assert "Lists.Get" in group.permissions
    assert stored["SendMethodSMTPPassword"]
    assert stored["SendMethodSMTPPassword"] not in repr(group)


# --- lists ----------------------------------------------------------------------------------


async def test_lists_come_whole_without_sync_credentials(
    emulators: Emulators, user: OemproClient
) -> None:
    page = await user.get_lists()
    state = oempro_state(emulators)
    own = [lst for lst in state.lists.values() if lst.owner_id == 1]
    assert [lst.list_id for lst in page.items] == [lst.id for lst in own]
    assert page.total == len(own) == 8
    synced = next(lst for lst in own if lst["SyncMySQLPassword"])
    assert synced["SyncMySQLPassword"] not in repr(page)


async def test_one_list_and_an_unknown_one(user: OemproClient) -> None:
    lst = await user.get_list(2)
    assert lst.list_id == 2
    assert lst.opt_in_mode == "Double"
    assert lst.opt_in_confirmation_email_id is not None
    with pytest.raises(UpstreamNotFound) as caught:
        await user.get_list(9999)
    assert caught.value.operation == "List.Get"


async def test_create_update_and_delete_a_list(emulators: Emulators, user: OemproClient) -> None:
    state = oempro_state(emulators)
    list_id = await user.create_list("Autumn launch")
    assert state.lists[list_id]["Name"] == "Autumn launch"
    await user.update_list(
        list_id,
        name="Autumn launch 2024",
        opt_out_scope="All lists",
        opt_out_add_to_suppression_list=True,
        hide_in_subscriber_area=True,
        subscription_confirmed_page_url="https://example.com/thanks",
    )
    stored = state.lists[list_id]
    assert stored["Name"] == "Autumn launch 2024"
    assert stored["OptOutScope"] == "All lists"
    assert stored["OptOutAddToSuppressionList"] == "Yes"
    assert stored["HideInSubscriberArea"] == "true"
    assert stored["SubscriptionConfirmedPageURL"] == "https://example.com/thanks"
    other = await user.create_list("Short-lived")
    await user.delete_lists([list_id, other])
    assert list_id not in state.lists
    assert other not in state.lists


async def test_custom_fields_of_a_list(emulators: Emulators, user: OemproClient) -> None:
    page = await user.get_custom_fields(1)
    stored = oempro_state(emulators).fields_of(1)
    assert [f.field_id for f in page.items] == [f.id for f in stored]
    assert page.total == len(stored)
    first = page.items[0]
    assert (first.name, first.required, first.validation_method) == ("First name", True, "Letters")


# --- subscribers ------------------------------------------------------------------------------


async def test_subscribe_is_public_and_sends_custom_fields(
    emulators: Emulators, user: OemproClient, recorder: Recorder
) -> None:
    result = await user.subscribe(
        1, "zoe@example.com", custom_fields={1: "Zoe", 3: ["Lisbon"], 4: "990001"}
    )
    stored = oempro_state(emulators).subscribers[1][result.subscriber_id]
    assert stored["EmailAddress"] == "zoe@example.com"
    assert (stored["CustomField1"], stored["CustomField3"], stored["CustomField4"]) == (
        "Zoe",
        "Lisbon",
        "990001",
    )
    assert stored["SubscriptionIP"] == "127.0.0.1"
    assert result.status is SubscriptionStatus.SUBSCRIBED
    (form,) = recorder.sent("Subscriber.Subscribe")
    assert form["CustomField3[]"] == ["Lisbon"]
    assert form["IPAddress"] == ["127.0.0.1"]
    assert "SessionID" not in form
    assert "User.Login" not in await requests_by_command(emulators)


async def test_subscribing_to_a_double_opt_in_list_is_pending(user: OemproClient) -> None:
    result = await user.subscribe(2, "pending@example.com", ip_address="198.51.100.4")
    assert result.status is SubscriptionStatus.OPT_IN_PENDING
    subscriber = await user.get_subscriber(2, "pending@example.com")
    assert subscriber.status is SubscriptionStatus.OPT_IN_PENDING


async def test_unsubscribe_with_preview_then_for_real(
    emulators: Emulators, user: OemproClient
) -> None:
    stored = oempro_state(emulators).subscribers[1][1]
    email = stored["EmailAddress"]
    redirect = await user.unsubscribe(1, email=email, preview=True)
    assert redirect is not None
    assert stored["SubscriptionStatus"] == "Subscribed"
    await user.unsubscribe(1, email=email, campaign_id=1)
    assert stored["SubscriptionStatus"] == "Unsubscribed"
    assert (await user.get_subscriber(1, email)).status is SubscriptionStatus.UNSUBSCRIBED


async def test_one_subscriber_by_address(emulators: Emulators, user: OemproClient) -> None:
    stored = oempro_state(emulators).subscribers[1][1]
    subscriber = await user.get_subscriber(1, stored["EmailAddress"].upper())
    assert subscriber.subscriber_id == 1
    assert subscriber.custom_fields[1] == stored["CustomField1"]
    with pytest.raises(UpstreamNotFound):
        await user.get_subscriber(1, "nobody@example.com")


async def test_subscriber_get_falls_back_to_a_search_on_older_servers(
    emulators: Emulators, user: OemproClient
) -> None:
    """A 4.1.14 server has no ``Subscriber.Get``: it prints PHP's fatal error page."""
    await arm_fault(emulators, kind="malformed", endpoint="Subscriber.Get", body=FATAL_PAGE)
    stored = oempro_state(emulators).subscribers[1][1]
    first = await user.get_subscriber(1, stored["EmailAddress"])
    second = await user.get_subscriber(1, stored["EmailAddress"])
    assert first == second
    assert first.subscriber_id == 1
    with pytest.raises(UpstreamNotFound):
        await user.get_subscriber(1, "nobody@example.com")
    counts = await requests_by_command(emulators)
    # Asked once; the answer showed the command is missing, so later look-ups search at once.
    assert counts["Subscriber.Get"] == 1
    assert counts["Subscribers.Get"] == 3


async def test_subscribers_by_status_segment_and_page(
    emulators: Emulators, user: OemproClient
) -> None:
    active = await user.get_subscribers(1, segment="Active", limit=5)
    rows = list(oempro_state(emulators).subscribers[1].values())
    expected = [
        s.id for s in rows if s["SubscriptionStatus"] == "Subscribed" and s["BounceType"] != "Hard"
    ]
    assert active.total == len(expected)
    assert [s.subscriber_id for s in active.items] == expected[:5]
    assert all(s.active for s in active.items)
    later = await user.get_subscribers(1, segment="Active", offset=5, limit=5)
    assert [s.subscriber_id for s in later.items] == expected[5:10]
    assert later.offset == 5
    unsubscribed = await user.get_subscribers(1, segment="Unsubscribed", limit=100)
    assert {s.status for s in unsubscribed.items} == {SubscriptionStatus.UNSUBSCRIBED}
    pending = await user.get_subscribers(1, segment="Opt-in pending", limit=100)
    assert {s.status for s in pending.items} == {SubscriptionStatus.OPT_IN_PENDING}
    assert pending.total == 2  # both spellings of the pending state
    by_segment = await user.get_subscribers(1, segment=2, limit=100)
    assert by_segment.total is not None
    assert by_segment.total <= active.total


async def test_update_a_subscriber(emulators: Emulators, user: OemproClient) -> None:
    await user.update_subscriber(1, 1, email="renamed@example.com", custom_fields={2: "Newname"})
    stored = oempro_state(emulators).subscribers[1][1]
    assert stored["EmailAddress"] == "renamed@example.com"
    assert stored["CustomField2"] == "Newname"


# --- campaigns ----------------------------------------------------------------------------------


async def test_campaigns_are_paged_filtered_and_searched(
    emulators: Emulators, user: OemproClient, recorder: Recorder
) -> None:
    page = await user.get_campaigns(limit=4)
    own = [c for c in oempro_state(emulators).campaigns.values() if c.owner_id == 1]
    assert page.total == len(own) == 10
    assert [c.campaign_id for c in page.items] == [c.id for c in own[:4]]
    sent = await user.get_campaigns(status=CampaignStatus.SENT)
    assert {c.status for c in sent.items} == {CampaignStatus.SENT}
    assert sent.total == 3
    name = own[0]["CampaignName"]
    searched = await user.get_campaigns(search=name[:6])
    assert own[0].id in [c.campaign_id for c in searched.items]
    form = recorder.sent("Campaigns.Get")[-1]
    assert form["SearchKeyowrd"] == [name[:6]]
    assert form["SearchKeyword"] == [name[:6]]


async def test_one_campaign_with_statistics(emulators: Emulators, user: OemproClient) -> None:
    campaign = await user.get_campaign(1)
    stored = oempro_state(emulators).campaigns[1]
    assert campaign.status is CampaignStatus.SENT
    assert campaign.statistics.total_sent == int(stored["TotalSent"])
    assert campaign.statistics.unique_opens == int(stored["UniqueOpens"])
    assert campaign.statistics.hard_bounce_ratio is not None
    assert campaign.finished_at is not None
    with pytest.raises(UpstreamNotFound):
        await user.get_campaign(9999)


async def test_create_schedule_cancel_and_delete_a_campaign(
    emulators: Emulators, user: OemproClient, recorder: Recorder
) -> None:
    state = oempro_state(emulators)
    campaign_id = await user.create_campaign("Winter sale")
    assert state.campaigns[campaign_id]["CampaignStatus"] == "Draft"
    await user.update_campaign(
        campaign_id, name="Winter sale 2024", email_id=4, recipients=[(1, 0), (3, 0)]
    )
    stored = state.campaigns[campaign_id]
    assert stored["CampaignName"] == "Winter sale 2024"
    assert stored["RelEmailID"] == "4"
    assert stored.recipients == [(1, 0), (3, 0)]
    assert recorder.sent("Campaign.Update")[-1]["RecipientListsAndSegments"] == ["1:0,3:0"]

    await user.schedule_campaign(
        campaign_id, send_at=datetime(2030, 1, 15, 8, 30, tzinfo=UTC), timezone="Europe/Stockholm"
    )
    assert (stored["CampaignStatus"], stored["ScheduleType"]) == ("Ready", "Future")
    assert (stored["SendDate"], stored["SendTime"]) == ("2030-01-15", "09:30:00")
    assert stored["SendTimeZone"] == "Europe/Stockholm"
    assert (await user.get_campaign(campaign_id)).status is CampaignStatus.READY

    await user.cancel_campaign(campaign_id)
    assert (stored["CampaignStatus"], stored["ScheduleType"]) == ("Draft", "Not Scheduled")

    await user.schedule_campaign(campaign_id)
    assert (stored["CampaignStatus"], stored["ScheduleType"]) == ("Ready", "Immediate")

    await user.delete_campaigns([campaign_id])
    assert campaign_id not in state.campaigns


async def test_a_recursive_schedule_sends_comma_lists(
    emulators: Emulators, user: OemproClient
) -> None:
    campaign_id = await user.create_campaign("Monthly digest")
    await user.update_campaign(
        campaign_id,
        schedule_type="Recursive",
        days_of_month=[1, 15],
        months=[0],
        hours=[8],
        minutes=[30],
        max_instances=0,
        send_timezone="UTC",
        publish_on_rss=True,
    )
    stored = oempro_state(emulators).campaigns[campaign_id]
    assert stored["ScheduleType"] == "Recursive"
    assert stored["ScheduleRecDaysOfMonth"] == "1,15"
    assert stored["PublishOnRSS"] == "Enabled"


async def test_an_untrusted_users_ready_waits_for_approval(
    emulators: Emulators, admin: OemproClient
) -> None:
    await admin.update_user(2, password=SecretStr("Bluepeak-Test-0001"))
    async with open_client(
        emulators, username="bluepeak", password=SecretStr("Bluepeak-Test-0001")
    ) as bluepeak:
        campaign_id = await bluepeak.create_campaign("Needs approval")
        await bluepeak.schedule_campaign(campaign_id)
        campaign = await bluepeak.get_campaign(campaign_id)
    assert campaign.status is CampaignStatus.PENDING_APPROVAL


# --- emails -------------------------------------------------------------------------------------


async def test_create_fill_and_read_an_email(emulators: Emulators, user: OemproClient) -> None:
    email_id = await user.create_email()
    await user.update_email(
        email_id,
        name="Winter sale",
        subject="Up to 40% off",
        from_name="Northwind",
        from_email="news@example.com",
        html_content='<p>Sale!</p><a href="%Link:Unsubscribe%">Unsubscribe</a>',
        plain_content="Sale!\n%Link:Unsubscribe%",
        image_embedding=True,
    )
    email = await user.get_email(email_id)
    assert (email.subject, email.from_email, email.image_embedding) == (
        "Up to 40% off",
        "news@example.com",
        True,
    )
    listing = await user.get_emails()
    own = [e for e in oempro_state(emulators).emails.values() if e.number("RelUserID") == 1]
    assert listing.total == len(own)
    # Email.Get carries the attachments (none here); the listing's rows do not say.
    assert email.attachments == ()
    assert replace(email, attachments=None) in listing.items


async def test_delete_an_email_by_its_id(
    emulators: Emulators, user: OemproClient, recorder: Recorder
) -> None:
    email_id = await user.create_email()
    await user.delete_email(email_id)
    assert email_id not in oempro_state(emulators).emails
    assert [form["EmailID"] for form in recorder.sent("Email.Delete")] == [[str(email_id)]]
    with pytest.raises(UpstreamNotFound):
        await user.get_email(email_id)


# --- segments -------------------------------------------------------------------------------


async def test_segments_of_a_list_created_and_deleted(
    emulators: Emulators, user: OemproClient, recorder: Recorder
) -> None:
    before = await user.get_segments(1)
    stored = [s for s in oempro_state(emulators).segments.values() if s.list_id == 1]
    assert [s.segment_id for s in before.items] == [s.id for s in stored]
    assert all(s.rules for s in before.items)
    rules = (
        SegmentRule(field="CustomField3", operator="Is", filter="Lisbon"),
        SegmentRule(field="EmailAddress", operator="Ends with", filter=".org"),
    )
    segment_id = await user.create_segment(1, "Lisbon .org", operator="or", rules=rules)
    created = next(s for s in (await user.get_segments(1)).items if s.segment_id == segment_id)
    assert created.rules == rules
    assert created.operator == "or"
    form = recorder.sent("Segment.Create")[0]
    assert form["SegmentRuleField[]"] == ["CustomField3", "EmailAddress"]
    await user.delete_segments([segment_id])
    assert segment_id not in oempro_state(emulators).segments


# --- clients ----------------------------------------------------------------------------------


async def test_clients_of_the_user_without_passwords(
    emulators: Emulators, user: OemproClient
) -> None:
    page = await user.get_clients()
    state = oempro_state(emulators)
    assert [c.username for c in page.items] == [c["ClientUsername"] for c in state.clients.values()]
    assert [c.enabled for c in page.items] == [True, True, False]
    for client in state.clients.values():
        assert client["ClientPassword"] not in repr(page)


# --- JSON and XML agree ---------------------------------------------------------------------


async def test_xml_answers_decode_like_json(emulators: Emulators, recorder: Recorder) -> None:
    async with (
        open_client(emulators) as by_json,
        open_client(emulators, recorder=recorder, response_format="XML") as by_xml,
    ):
        assert await by_xml.login_account() == await by_json.login_account()
        assert await by_xml.get_lists() == await by_json.get_lists()
        assert await by_xml.get_list(3) == await by_json.get_list(3)
        assert await by_xml.get_subscribers(1, limit=20) == await by_json.get_subscribers(
            1, limit=20
        )
        email = oempro_state(emulators).subscribers[1][2]["EmailAddress"]
        assert await by_xml.get_subscriber(1, email) == await by_json.get_subscriber(1, email)
        assert await by_xml.get_campaigns() == await by_json.get_campaigns()
        assert await by_xml.get_campaign(1) == await by_json.get_campaign(1)
        assert await by_xml.get_email(4) == await by_json.get_email(4)
        assert await by_xml.get_segments(1) == await by_json.get_segments(1)
        assert await by_xml.get_custom_fields(1) == await by_json.get_custom_fields(1)
        assert await by_xml.get_clients() == await by_json.get_clients()
        assert all(form[1] == ("ResponseFormat", "XML") for form in recorder.forms)


async def test_xml_admin_reads_decode_like_json(emulators: Emulators) -> None:
    async with (
        open_client(emulators, **ADMIN) as by_json,
        open_client(emulators, response_format="XML", **ADMIN) as by_xml,
    ):
        assert await by_xml.get_users() == await by_json.get_users()
        assert await by_xml.get_user(1) == await by_json.get_user(1)
        assert await by_xml.get_user_group(2) == await by_json.get_user_group(2)


async def test_xml_writes_and_errors(emulators: Emulators) -> None:
    state = oempro_state(emulators)
    async with open_client(emulators, response_format="XML") as client:
        list_id = await client.create_list("From XML")
        assert state.lists[list_id]["Name"] == "From XML"
        result = await client.subscribe(list_id, "xml@example.com")
        assert state.subscribers[list_id][result.subscriber_id]["EmailAddress"] == "xml@example.com"
        with pytest.raises(UpstreamNotFound) as caught:
            await client.update_list(9999, name="x")
        assert caught.value.legacy_code == "2"
        with pytest.raises(UpstreamNotFound):
            await client.get_campaign(9999)
        await expire_sessions(emulators)
        await client.delete_lists([list_id])
    assert list_id not in state.lists


async def test_xml_api_key_mode(emulators: Emulators) -> None:
    async with open_client(
        emulators,
        username=None,
        password=None,
        api_key=SecretStr(OEMPRO_USER_API_KEY),
        response_format="XML",
    ) as client:
        assert (await client.get_lists()).total == 8


# --- every documented code these commands can be made to answer, mapped per command -------------


@dataclass
class Scene:
    """The clients and the database an error scenario works with."""

    emulators: Emulators
    user: OemproClient
    admin: OemproClient

    @property
    def state(self) -> OemproState:
        return oempro_state(self.emulators)

    def email_of(self, list_id: int, subscriber_id: int) -> str:
        return self.state.subscribers[list_id][subscriber_id]["EmailAddress"]

    def foreign_list(self) -> int:
        """A list of another user (lumenlabs)."""
        return next(lst.id for lst in self.state.lists.values() if lst.owner_id == 4)

    async def login_as(self, username: str) -> OemproClient:
        """A client of another user, after the admin set its password."""
        user = self.state.user_by_username(username)
        assert user is not None
        await self.admin.update_user(user.id, password=SecretStr("Scene-Pass-01"))
        return OemproClient.create(
            oempro_config(username=username, password=SecretStr("Scene-Pass-01")),
            HTTP,
            transport=httpx.ASGITransport(app=self.emulators.app),
        )

    async def disable_lumenlabs(self) -> int:
        """Disable the owner of :meth:`foreign_list`; returns that list."""
        await self.admin.update_user(4, enabled=False)
        return self.foreign_list()

    async def new_email(self) -> int:
        return await self.user.create_email()


Action = Callable[[Scene], Awaitable[object]]


async def _quota(s: Scene) -> object:
    bluepeak = await s.login_as("bluepeak")
    try:
        return await bluepeak.create_list("One too many")
    finally:
        await bluepeak.aclose()


async def _email_update(s: Scene, **kwargs: Any) -> None:
    await s.user.update_email(await s.new_email(), **kwargs)


_NO_LINK = "<p>No links here</p>"
_UNSUB = "%Link:Unsubscribe%"
_CONFIRM = "%Link:Confirm%"

ERROR_CASES: list[Any] = [
    # logins (1 username missing, 2 password missing, 3 invalid)
    ("User.Login", 1, UpstreamUnauthenticated, lambda s: s.user.user_login("", SecretStr("x"))),
    (
        "User.Login",
        2,
        UpstreamUnauthenticated,
        lambda s: s.user.user_login(OEMPRO_USER_USERNAME, SecretStr("")),
    ),
    (
        "User.Login",
        3,
        UpstreamUnauthenticated,
        lambda s: s.user.user_login(OEMPRO_USER_USERNAME, SecretStr("nope")),
    ),
    ("Admin.Login", 1, UpstreamUnauthenticated, lambda s: s.user.admin_login("", SecretStr("x"))),
    (
        "Admin.Login",
        2,
        UpstreamUnauthenticated,
        lambda s: s.user.admin_login(OEMPRO_ADMIN_USERNAME, SecretStr("")),
    ),
    (
        "Admin.Login",
        3,
        UpstreamUnauthenticated,
        lambda s: s.user.admin_login(OEMPRO_ADMIN_USERNAME, SecretStr("nope")),
    ),
    ("Client.Login", 1, UpstreamUnauthenticated, lambda s: s.user.client_login("", SecretStr("x"))),
    (
        "Client.Login",
        2,
        UpstreamUnauthenticated,
        lambda s: s.user.client_login(OEMPRO_CLIENT_USERNAME, SecretStr("")),
    ),
    (
        "Client.Login",
        3,
        UpstreamUnauthenticated,
        lambda s: s.user.client_login(OEMPRO_CLIENT_USERNAME, SecretStr("nope")),
    ),
    # scope
    ("Users.Get", 99999, UpstreamForbidden, lambda s: s.user.get_users()),
    ("Lists.Get", 99999, UpstreamForbidden, lambda s: s.admin.get_lists()),
    # users and groups
    ("User.Get", 1, UpstreamInvalidInput, lambda s: s.admin.get_user()),
    ("User.Get", 3, UpstreamNotFound, lambda s: s.admin.get_user(9999)),
    ("User.Update", 2, UpstreamForbidden, lambda s: s.user.update_user(2, phone="1")),
    ("User.Update", 5, UpstreamNotFound, lambda s: s.admin.update_user(9999, phone="1")),
    (
        "User.Update",
        6,
        UpstreamInvalidInput,
        lambda s: s.admin.update_user(2, email=s.state.users[1]["EmailAddress"]),
    ),
    ("UserGroup.Get", 2, UpstreamNotFound, lambda s: s.admin.get_user_group(99)),
    # lists
    ("List.Create", 1, UpstreamInvalidInput, lambda s: s.user.create_list("")),
    (
        "List.Create",
        2,
        UpstreamInvalidInput,
        lambda s: s.user.create_list(s.state.lists[1]["Name"]),
    ),
    ("List.Create", 3, UpstreamForbidden, _quota),
    ("List.Update", 2, UpstreamNotFound, lambda s: s.user.update_list(9999, name="x")),
    ("List.Update", 3, UpstreamInvalidInput, lambda s: s.user.update_list(1, opt_in_mode="Triple")),
    (
        "List.Update",
        4,
        UpstreamInvalidInput,
        lambda s: s.user.update_list(1, opt_out_scope="Every list ever"),
    ),
    ("List.Update", 7, UpstreamInvalidInput, lambda s: s.user.update_list(1, opt_in_mode="Double")),
    ("Lists.Delete", 1, UpstreamInvalidInput, lambda s: s.user.delete_lists([])),
    ("CustomFields.Get", 2, UpstreamNotFound, lambda s: s.user.get_custom_fields(s.foreign_list())),
    # Subscriber.Subscribe
    ("Subscriber.Subscribe", 2, UpstreamInvalidInput, lambda s: s.user.subscribe(1, "")),
    (
        "Subscriber.Subscribe",
        3,
        UpstreamInvalidInput,
        lambda s: s.user.subscribe(1, "a@example.com", ip_address=""),
    ),
    ("Subscriber.Subscribe", 4, UpstreamNotFound, lambda s: s.user.subscribe(9999, "a@b.example")),
    (
        "Subscriber.Subscribe",
        5,
        UpstreamInvalidInput,
        lambda s: s.user.subscribe(1, "not-an-email"),
    ),
    (
        "Subscriber.Subscribe",
        6,
        UpstreamInvalidInput,
        lambda s: s.user.subscribe(1, "a@example.com", custom_fields={1: ""}),
    ),
    (
        "Subscriber.Subscribe",
        7,
        UpstreamInvalidInput,
        lambda s: s.user.subscribe(
            1, "a@example.com", custom_fields={4: s.state.subscribers[1][1]["CustomField4"]}
        ),
    ),
    (
        "Subscriber.Subscribe",
        8,
        UpstreamInvalidInput,
        lambda s: s.user.subscribe(1, "a@example.com", custom_fields={1: "R2D2"}),
    ),
    (
        "Subscriber.Subscribe",
        9,
        UpstreamInvalidInput,
        lambda s: s.user.subscribe(1, s.email_of(1, 1)),
    ),
    (
        "Subscriber.Subscribe",
        11,
        UpstreamForbidden,
        lambda s: _then(s.disable_lumenlabs(), lambda lid: s.user.subscribe(lid, "a@b.example")),
    ),
    # Subscriber.Unsubscribe
    (
        "Subscriber.Unsubscribe",
        2,
        UpstreamInvalidInput,
        lambda s: s.user.unsubscribe(1, email=s.email_of(1, 1), ip_address=""),
    ),
    ("Subscriber.Unsubscribe", 3, UpstreamInvalidInput, lambda s: s.user.unsubscribe(1)),
    (
        "Subscriber.Unsubscribe",
        4,
        UpstreamNotFound,
        lambda s: s.user.unsubscribe(9999, email="a@b.example"),
    ),
    (
        "Subscriber.Unsubscribe",
        5,
        UpstreamForbidden,
        lambda s: _then(
            s.disable_lumenlabs(), lambda lid: s.user.unsubscribe(lid, email="a@b.example")
        ),
    ),
    (
        "Subscriber.Unsubscribe",
        6,
        UpstreamInvalidInput,
        lambda s: s.user.unsubscribe(1, email="not-an-email"),
    ),
    (
        "Subscriber.Unsubscribe",
        7,
        UpstreamNotFound,
        lambda s: s.user.unsubscribe(1, email="nobody@example.com"),
    ),
    (
        "Subscriber.Unsubscribe",
        8,
        UpstreamInvalidInput,
        lambda s: s.user.unsubscribe(1, email=s.email_of(1, 1), campaign_id=9999),
    ),
    (
        "Subscriber.Unsubscribe",
        9,
        UpstreamInvalidInput,
        lambda s: s.user.unsubscribe(1, subscriber_id=3),
    ),
    (
        "Subscriber.Unsubscribe",
        10,
        UpstreamInvalidInput,
        lambda s: s.user.unsubscribe(1, email=s.email_of(1, 1), email_id=9999),
    ),
    # Subscriber.Get, Subscribers.Get, Subscriber.Update
    ("Subscriber.Get", 1, UpstreamInvalidInput, lambda s: s.user.get_subscriber(1, "")),
    (
        "Subscriber.Get",
        3,
        UpstreamNotFound,
        lambda s: s.user.get_subscriber(1, "nobody@example.com"),
    ),
    (
        "Subscribers.Get",
        2,
        UpstreamInvalidInput,
        lambda s: s.user.get_subscribers(1, segment="Everyone"),
    ),
    (
        "Subscribers.Get",
        3,
        UpstreamNotFound,
        lambda s: s.user.get_subscribers(s.foreign_list()),
    ),
    (
        "Subscriber.Update",
        3,
        UpstreamInvalidInput,
        lambda s: s.user.update_subscriber(1, 1, email=""),
    ),
    (
        "Subscriber.Update",
        4,
        UpstreamInvalidInput,
        lambda s: s.user.update_subscriber(1, 1, email="not-an-email"),
    ),
    (
        "Subscriber.Update",
        5,
        UpstreamNotFound,
        lambda s: s.user.update_subscriber(9999, 1, email="a@b.example"),
    ),
    (
        "Subscriber.Update",
        6,
        UpstreamNotFound,
        lambda s: s.user.update_subscriber(1, 9999, email="a@b.example"),
    ),
    (
        "Subscriber.Update",
        7,
        UpstreamInvalidInput,
        lambda s: s.user.update_subscriber(1, 1, email=s.email_of(1, 2)),
    ),
    (
        "Subscriber.Update",
        8,
        UpstreamInvalidInput,
        lambda s: s.user.update_subscriber(1, 1, email=s.email_of(1, 1), custom_fields={1: ""}),
    ),
    (
        "Subscriber.Update",
        9,
        UpstreamInvalidInput,
        lambda s: s.user.update_subscriber(
            1,
            1,
            email=s.email_of(1, 1),
            custom_fields={4: s.state.subscribers[1][2]["CustomField4"]},
        ),
    ),
    (
        "Subscriber.Update",
        10,
        UpstreamInvalidInput,
        lambda s: s.user.update_subscriber(1, 1, email=s.email_of(1, 1), custom_fields={1: "R2D2"}),
    ),
    # campaigns
    ("Campaign.Create", 1, UpstreamInvalidInput, lambda s: s.user.create_campaign("")),
    ("Campaign.Update", 2, UpstreamNotFound, lambda s: s.user.update_campaign(9999, name="x")),
    (
        "Campaign.Update",
        3,
        UpstreamInvalidInput,
        lambda s: s.user.update_campaign(2, status=cast(CampaignStatus, _Fake("Exploded"))),
    ),
    (
        "Campaign.Update",
        4,
        UpstreamInvalidInput,
        lambda s: s.user.update_campaign(2, email_id=9999),
    ),
    (
        "Campaign.Update",
        5,
        UpstreamInvalidInput,
        lambda s: s.user.update_campaign(2, schedule_type=cast(Any, "Sometimes")),
    ),
    (
        "Campaign.Update",
        6,
        UpstreamInvalidInput,
        lambda s: s.user.update_campaign(
            2, schedule_type="Future", send_time=time(9), send_timezone="UTC"
        ),
    ),
    (
        "Campaign.Update",
        7,
        UpstreamInvalidInput,
        lambda s: s.user.update_campaign(
            2, schedule_type="Future", send_date=date(2030, 1, 1), send_timezone="UTC"
        ),
    ),
    (
        "Campaign.Update",
        8,
        UpstreamInvalidInput,
        lambda s: s.user.update_campaign(2, schedule_type="Recursive"),
    ),
    (
        "Campaign.Update",
        9,
        UpstreamInvalidInput,
        lambda s: s.user.update_campaign(
            2,
            schedule_type="Recursive",
            days_of_week=[1],
            hours=[8],
            minutes=[0],
            max_instances=0,
            send_timezone="UTC",
        ),
    ),
    (
        "Campaign.Update",
        10,
        UpstreamInvalidInput,
        lambda s: s.user.update_campaign(
            2,
            schedule_type="Recursive",
            days_of_week=[1],
            months=[0],
            minutes=[0],
            max_instances=0,
            send_timezone="UTC",
        ),
    ),
    (
        "Campaign.Update",
        11,
        UpstreamInvalidInput,
        lambda s: s.user.update_campaign(
            2,
            schedule_type="Recursive",
            days_of_week=[1],
            months=[0],
            hours=[8],
            max_instances=0,
            send_timezone="UTC",
        ),
    ),
    (
        "Campaign.Update",
        12,
        UpstreamInvalidInput,
        lambda s: s.user.update_campaign(
            2,
            schedule_type="Recursive",
            days_of_week=[1],
            months=[0],
            hours=[8],
            minutes=[0],
            send_timezone="UTC",
        ),
    ),
    (
        "Campaign.Update",
        13,
        UpstreamInvalidInput,
        lambda s: s.user.update_campaign(
            2, schedule_type="Future", send_date=date(2030, 1, 1), send_time=time(9)
        ),
    ),
    ("Campaigns.Delete", 1, UpstreamInvalidInput, lambda s: s.user.delete_campaigns([])),
    # emails
    ("Email.Update", 2, UpstreamInvalidInput, lambda s: _email_update(s, mode="Import")),
    ("Email.Update", 3, UpstreamNotFound, lambda s: s.user.update_email(9999, subject="x")),
    ("Email.Update", 4, UpstreamInvalidInput, lambda s: _email_update(s, mode="Template")),
    ("Email.Update", 5, UpstreamInvalidInput, lambda s: _email_update(s, mode="Telepathy")),
    ("Email.Update", 6, UpstreamInvalidInput, lambda s: _email_update(s, from_email="nope")),
    ("Email.Update", 7, UpstreamInvalidInput, lambda s: _email_update(s, reply_to_email="nope")),
    ("Email.Update", 8, UpstreamInvalidInput, lambda s: _email_update(s, subject="Empty")),
    ("Email.Update", 9, UpstreamInvalidInput, lambda s: _email_update(s, validate_scope="")),
    ("Email.Update", 10, UpstreamInvalidInput, lambda s: _email_update(s, validate_scope="Fax")),
    ("Email.Update", 11, UpstreamInvalidInput, lambda s: _email_update(s, html_content=_NO_LINK)),
    ("Email.Update", 12, UpstreamInvalidInput, lambda s: _email_update(s, plain_content="Hi")),
    (
        "Email.Update",
        13,
        UpstreamInvalidInput,
        lambda s: _email_update(s, validate_scope="OptIn", html_content=_UNSUB),
    ),
    (
        "Email.Update",
        14,
        UpstreamInvalidInput,
        lambda s: _email_update(s, validate_scope="OptIn", plain_content=_UNSUB),
    ),
    (
        "Email.Update",
        15,
        UpstreamInvalidInput,
        lambda s: _email_update(s, validate_scope="OptIn", html_content=_CONFIRM),
    ),
    (
        "Email.Update",
        16,
        UpstreamInvalidInput,
        lambda s: _email_update(s, validate_scope="OptIn", plain_content=_CONFIRM),
    ),
    ("Email.Get", 2, UpstreamNotFound, lambda s: s.user.get_email(9999)),
    # segments
    ("Segment.Create", 2, UpstreamInvalidInput, lambda s: s.user.create_segment(1, "")),
    (
        "Segment.Create",
        3,
        UpstreamInvalidInput,
        lambda s: s.user.create_segment(1, "Odd", operator="xor"),
    ),
    ("Segment.Create", 4, UpstreamNotFound, lambda s: s.user.create_segment(9999, "Lost")),
    ("Segments.Delete", 1, UpstreamInvalidInput, lambda s: s.user.delete_segments([])),
    # clients
    ("Clients.Get", 1, UpstreamInvalidInput, lambda s: s.user.get_clients(order_field="")),
    ("Clients.Get", 2, UpstreamInvalidInput, lambda s: s.user.get_clients(order_type="")),
]


class _Fake:
    """Stands in for an enum member to send a value the type would not allow."""

    def __init__(self, value: str) -> None:
        self.value = value


async def _then(first: Awaitable[int], then: Callable[[int], Awaitable[object]]) -> object:
    return await then(await first)


@pytest.fixture
async def scene(emulators: Emulators, user: OemproClient, admin: OemproClient) -> Scene:
    return Scene(emulators, user, admin)


@pytest.mark.parametrize(
    ("command", "code", "expected", "action"),
    ERROR_CASES,
    ids=[f"{case[0]}-{case[1]}" for case in ERROR_CASES],
)
async def test_documented_codes_map_to_the_right_error(
    scene: Scene, command: str, code: int, expected: type[UpstreamError], action: Action
) -> None:
    with pytest.raises(UpstreamError) as caught:
        await action(scene)
    error = caught.value
    assert (error.operation, error.legacy_code) == (command, str(code))
    assert type(error) is expected
    assert error.platform is Platform.OEMPRO


async def test_a_missing_record_answered_as_success_is_not_found(scene: Scene) -> None:
    """``List.Get`` and ``Campaign.Get`` say "not found" with ``Success`` and an empty record."""
    for call in (scene.user.get_list(scene.foreign_list()), scene.user.get_campaign(9999)):
        with pytest.raises(UpstreamNotFound) as caught:
            await call
        assert caught.value.legacy_code is None
