"""No legacy secret ever reaches a client or a log line.

A broad set of documents runs over every configured platform, in-process and over real HTTP,
while every log record is captured at DEBUG and every response body is kept. None may contain
any credential an emulator seeded (``secrets()`` of each platform: tokens, passwords and their
hashes, SMTP users and passwords, Login IDs, list and API keys). The check is written over
``emulators.platforms``, so a platform added later is covered as soon as its emulator is.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest

from mailgql.emulators import Emulators
from mailgql.platforms import Platform
from tests.conftest import WATCH, Gateway, gateway_settings, open_gateway
from tests.graph import maxmailer_helpers as mm, oempro_helpers as oe
from tests.graph.v2_helpers import ACCOUNT as V2_ACCOUNT, gid as v2_gid

ACCOUNT_FIELDS = """
  id platform username name email phone timezone status accountType createdAt lastLoginAt
  suspendedAt trialDays parent { id username }
  permissions { attachments bounceHandling forms api embeddedImages customSmtp smtpHost }
  quota { sendLimit sendPeriod sendsAvailable sentThisPeriod listLimit subscriberLimit
          subscribers resetDate messageSizeLimitKb attachmentSizeLimitKb userLimit }
  lists { nodes { id legacyId name description ownerEmail } }
  inheritedLists { nodes { id name ownerEmail companyName } }
"""
CAMPAIGN_FIELDS = """
  id platform legacyId subject status legacyStatus from startedAt finishedAt
  stats { recipients sent pending failed bounced uniqueOpens totalOpens unsubscribed referred
          referredOpens allOpens newSubscribers openRate bounceRate }
"""
USER_ERRORS = "userErrors { code message field platform legacyCode }"
OEMPRO_ADMIN_AREA = """{ oemproAdmin { administrator { id username name email }
  userGroups { nodes { id name permissions sending { method smtpHost smtpPort smtpAuthentication }
                       theme { name settings } } }
  themes { nodes { id name template settings logoType } } }
  accounts(platform: OEMPRO) { nodes { plan { name sending { smtpHost } }
                                       paymentPeriods { total status } } } }"""
"""Oempro's administrator area: plans (which hold SMTP logins), themes, billing."""


def per_platform_documents(platforms: list[Platform]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The root reads, on every configured platform (errors are welcome: they are checked too)."""
    for platform in platforms:
        yield (
            f"""{{ me(platform: {platform.name}) {{ {ACCOUNT_FIELDS}
                   subAccounts(first: 20) {{ nodes {{ {ACCOUNT_FIELDS} }} }} }}
                 accounts(platform: {platform.name}, first: 100) {{ nodes {{ {ACCOUNT_FIELDS} }} }}
                 campaigns(platform: {platform.name}, first: 20) {{ nodes {{ {CAMPAIGN_FIELDS} }} }}
               }}""",
            {},
        )


OEMPRO_LIST_SIDE = """{ me(platform: OEMPRO) { lists { nodes {
  customFields { nodes { name kind options { value } } }
  autoResponders { nodes { name trigger { value } stats { sent } email { subject fromEmail } } }
  hooks { url } subscriptionFormHtml unsubscriptionFormHtml
  subscribers(first: 2) { nodes { fields { kind values } subscribedLists { name } } } } } } }"""
"""Oempro lists' own machinery: fields, auto responders, hooks, forms (rows carry sync logins)."""


def oempro_list_side_writes(emulators: Emulators) -> list[tuple[str, dict[str, Any], str]]:
    """Every write of an Oempro list's own machinery, each with a payload that reads it back."""
    lst = oe.own_lists(emulators)[2]  # the list that syncs from a database
    assert lst["SyncMySQLPassword"]
    target = str(oe.own_lists(emulators)[3].id)
    lid = str(lst.id)
    row = oe.subscriber_in(emulators, lst.id)
    return [
        (
            "createCustomField",
            {"listId": lid, "name": "Secret check", "kind": "SINGLE_LINE"},
            "customField { name }",
        ),
        ("copyCustomFields", {"sourceListId": lid, "targetListId": target}, "list { name }"),
        (
            "createAutoResponder",
            {"listId": lid, "name": "S", "emailId": "1"},
            "autoResponder { name email { subject } }",
        ),
        ("copyAutoResponders", {"sourceListId": lid, "targetListId": target}, "list { name }"),
        (
            "addListHook",
            {"listId": lid, "event": "SUBSCRIPTION", "url": "https://x.example/h"},
            "hook { url }",
        ),
        ("testListHookUrl", {"url": "https://x.example/h"}, "url reachable"),
        (
            "importSubscribers",
            {"listId": lid, "csv": "i@example.com\n", "emailColumn": 1},
            "result { imported } failedStep",
        ),
        ("deleteSubscriber", {"listId": lid, "email": row["EmailAddress"]}, "deletedSubscriberId"),
        ("copySegments", {"sourceListId": lid, "targetListId": target}, "list { name }"),
    ]


def oempro_documents(emulators: Emulators) -> Iterator[tuple[str, dict[str, Any]]]:
    """Oempro's lists with subscribers, segments and look-ups, and every kind of Oempro write."""
    lst = oe.own_lists(emulators)[0]
    row = oe.subscriber_in(emulators, lst.id)
    yield (
        f"""{{ me(platform: OEMPRO) {{ lists {{ nodes {{ id name subscriberCount
                 segments {{ nodes {{ name rules {{ children {{
                   ... on SegmentRule {{ field operator values }} }} }} }} }}
                 subscribers(first: 100) {{ nodes {{ email name fields {{ name value }} }} }}
                 gone: subscribers(status: UNSUBSCRIBED) {{ nodes {{ email }} }} }} }} }}
               listSubscription(listId: "{lst.id}", email: "{row["EmailAddress"]}") {{
                 email name active list {{ name }} }}
               nodes(ids: ["{oe.gid("Account", "user:1")}", "{oe.gid("Account", "client:1")}",
                           "{oe.gid("Account", "user:2")}", "{oe.gid("Campaign", 1)}"]) {{ id
                 ... on Account {{ {ACCOUNT_FIELDS} }} ... on Campaign {{ {CAMPAIGN_FIELDS} }} }}
            }}""",
        {},
    )
    yield OEMPRO_ADMIN_AREA, {}
    yield OEMPRO_LIST_SIDE, {}
    writes: list[tuple[str, dict[str, Any], str]] = [
        *oempro_list_side_writes(emulators),
        (
            "createUserGroup",
            {
                "name": "Secret check",
                "themeId": "1",
                "subscriberAreaLogoutUrl": "https://x.example/",
                "permissions": ["Lists.Get"],
                "sending": {
                    "method": "SMTP",
                    "smtpHost": "h.example",
                    "smtpUsername": "u",
                    "smtpPassword": "Group-Smtp-Pass-1",
                },
            },
            "userGroup { id sending { smtpHost smtpAuthentication } }",
        ),
        ("createList", {"platform": "OEMPRO", "name": "Secret check"}, "list { id name }"),
        ("createList", {"platform": "OEMPRO", "name": lst["Name"]}, "list { id }"),
        ("updateList", {"listId": str(lst.id), "name": "Renamed"}, "list { name }"),
        (
            "updateSubscriber",
            {"listId": str(lst.id), "email": row["EmailAddress"], "newEmail": "s2@example.com"},
            "subscriber { email fields { name value } }",
        ),
        ("subscribe", {"listId": str(lst.id), "email": "s@example.com"}, "subscription { email }"),
        (
            "unsubscribe",
            {"listId": str(lst.id), "email": "s@example.com"},
            "subscription { email }",
        ),
        (
            "createCampaign",
            {
                "platform": "OEMPRO",
                "name": "Secret check",
                "content": {"subject": "S", "plainContent": "%Link:Unsubscribe%"},
            },
            "campaign { id subject from }",
        ),
        ("scheduleCampaign", {"campaignId": "2"}, "campaign { status }"),
        ("createSegment", {"listId": str(lst.id), "name": "S", "rules": []}, "segment { id }"),
        (
            "setAccountStatus",
            {"accountId": oe.gid("Account", "user:2"), "active": False},
            "account { id username email }",
        ),
    ]
    for name, value, fields in writes:
        type_name = name[0].upper() + name[1:]
        yield (
            f"mutation($input: {type_name}Input!) {{ {name}(input: $input) "
            f"{{ {fields} {USER_ERRORS} }} }}",
            {"input": value},
        )


def documents(emulators: Emulators) -> Iterator[tuple[str, dict[str, Any]]]:
    """Reads across platforms, look-ups, subscriptions, every account write, and refusals."""
    settings = gateway_settings(emulators, "http://emulators")
    yield from per_platform_documents(settings.configured())
    yield from oempro_documents(emulators)
    yield f"{{ accounts(first: 500) {{ nodes {{ {ACCOUNT_FIELDS} }} }} }}", {}
    yield f"{{ campaigns(first: 20) {{ nodes {{ {CAMPAIGN_FIELDS} }} }} }}", {}
    ids = [
        mm.gid("Account", mm.PLAIN_USER_ID),
        mm.gid("Account", mm.RESELLER_ID),
        mm.gid("Campaign", 1),
        mm.gid("MailingList", "newsletter"),
        v2_gid("Account", V2_ACCOUNT),
        v2_gid("MailingList", 7605),
    ]
    yield (
        f"""query($ids: [ID!]!) {{ nodes(ids: $ids) {{ id
              ... on Account {{ {ACCOUNT_FIELDS} campaigns {{ nodes {{ {CAMPAIGN_FIELDS} }} }} }}
              ... on Campaign {{ {CAMPAIGN_FIELDS} }}
              ... on MailingList {{ name ownerEmail companyName }} }} }}""",
        {"ids": ids},
    )
    row = mm.subscriber(emulators, "customers")
    for email in (row.email, "nobody@example.com"):
        yield (
            'query($e: String!) { listSubscription(listId: "customers", email: $e) '
            "{ email name subscribedAt expiresAt active list { id name } } }",
            {"e": email},
        )
    created = {
        "platform": "MAXMAILER",
        "username": "fresh_user",
        "password": "Fresh_Pass$1",
        "email": "fresh@example.com",
        "limits": {"sendLimit": 100},
    }
    target = mm.gid("Account", mm.one_time_user(emulators).id)
    writes: list[tuple[str, str, dict[str, Any]]] = [
        ("createSubAccount", "CreateSubAccountInput", created),
        ("createSubAccount", "CreateSubAccountInput", {**created, "username": "admin"}),
        (
            "createSubAccount",
            "CreateSubAccountInput",
            {
                "platform": "V2REST",
                "username": "fresh_v2",
                "password": "Fresh_Pass$2",
                "email": "fresh@example.com",
                "allowedDomains": ["@example.com"],
            },
        ),
        ("setAccountStatus", "SetAccountStatusInput", {"accountId": target, "active": False}),
        ("setAccountStatus", "SetAccountStatusInput", {"accountId": target, "active": True}),
        (
            "setAccountStatus",
            "SetAccountStatusInput",
            {"accountId": v2_gid("Account", V2_ACCOUNT), "active": False},
        ),
        (
            "changeAccountPassword",
            "ChangeAccountPasswordInput",
            {"accountId": target, "password": "Other_Pass$3"},
        ),
        ("addSendCredit", "AddSendCreditInput", {"accountId": target, "credits": 10}),
        ("addSendCredit", "AddSendCreditInput", {"accountId": mm.gid("Account", 3), "credits": 1}),
    ]
    for name, input_type, value in writes:
        yield (
            f"mutation($input: {input_type}!) {{ {name}(input: $input) "
            f"{{ account {{ {ACCOUNT_FIELDS} }} {USER_ERRORS} }} }}",
            {"input": value},
        )
    for name, input_type, value in [
        ("subscribe", "SubscribeInput", {"listId": "newsletter", "email": "s@example.com"}),
        ("subscribe", "SubscribeInput", {"listId": "webinars", "email": "s@example.com"}),
        ("unsubscribe", "UnsubscribeInput", {"listId": "newsletter", "email": "s@example.com"}),
    ]:
        yield (
            f"mutation($input: {input_type}!) {{ {name}(input: $input) "
            f"{{ subscription {{ email name active list {{ id name }} }} {USER_ERRORS} }} }}",
            {"input": value},
        )
    yield (
        "mutation($input: DeleteAccountInput!) { deleteAccount(input: $input) "
        f"{{ deletedAccountId {USER_ERRORS} }} }}",
        {"input": {"accountId": target}},
    )


def every_secret(emulators: Emulators) -> dict[str, set[str]]:
    """Every seeded credential, per platform; each platform's emulator must say what they are."""
    found = {name: set(platform.secrets()) for name, platform in emulators.platforms.items()}  # type: ignore[attr-defined]
    for name, secrets in found.items():
        assert secrets, f"the {name} emulator names no secret"
    return found


async def run_everything(gateway: Gateway, emulators: Emulators) -> list[str]:
    """Every document, then again with Maxmailer failing; the response bodies."""
    bodies = []
    for query, variables in documents(emulators):
        bodies.append((await gateway.post(query, variables)).text)
    await gateway.fault(platform="maxmailer", kind="malformed", count=None)
    for query, variables in per_platform_documents([Platform.MAXMAILER]):
        bodies.append((await gateway.post(query, variables)).text)
    return bodies


def assert_clean(bodies: list[str], caplog: pytest.LogCaptureFixture, emulators: Emulators) -> None:
    """No seeded secret in any body or any log line."""
    lines = [caplog.text] + [r.getMessage() for r in caplog.records]
    assert len(caplog.records) > 0  # DEBUG logging ran: the check below means something
    for platform, secrets in every_secret(emulators).items():
        for secret in secrets:
            for body in bodies:
                assert secret not in body, f"a {platform} secret reached a client"
            for line in lines:
                assert secret not in line, f"a {platform} secret reached the log"


def test_the_check_knows_oempros_hashes_and_api_keys(emulators):
    secrets = every_secret(emulators)["oempro"]
    state = oe.state(emulators)
    for user in state.users.values():
        assert {user["Password"], user["APIKey"]} <= secrets
    assert state.admin["Password"] in secrets
    for group in state.groups.values():
        assert not group["SendMethodSMTPPassword"] or group["SendMethodSMTPPassword"] in secrets
    assert {state.settings["S3SecretKey"], state.settings["S3AccessID"]} <= secrets
    assert state.settings["SendMethodSMTPPassword"] in secrets
    assert oe.API_KEY["oempro_api_key"] in secrets
    synced = [lst for lst in state.lists.values() if lst["SyncStatus"] == "Enabled"]
    assert synced
    for lst in synced:
        sync = {lst["SyncMySQLHost"], lst["SyncMySQLUsername"], lst["SyncMySQLPassword"]}
        assert sync <= secrets
    # What the suite-wide watch (tests/test_secrets_suite_wide.py) looks for, too.
    WATCH.add_emulators(emulators)
    assert {u["Password"] for u in state.users.values()} <= WATCH.secrets


async def test_no_secret_in_any_answer_or_log_line_in_process(emulators, caplog):
    caplog.set_level(logging.DEBUG)
    async with open_gateway(emulators) as gateway:
        bodies = await run_everything(gateway, emulators)
    assert any('"MAXMAILER"' in b for b in bodies)
    assert any('"V2REST"' in b for b in bodies)
    assert any('"OEMPRO"' in b for b in bodies)
    assert_clean(bodies, caplog, emulators)


@pytest.mark.parametrize("login", ["admin", "api-key"])
async def test_no_secret_with_the_other_oempro_logins(emulators, caplog, login):
    caplog.set_level(logging.DEBUG)
    settings = oe.ADMIN if login == "admin" else oe.API_KEY
    async with open_gateway(emulators, **settings) as gateway:
        bodies = [
            (await gateway.post(query, variables)).text
            for query, variables in [
                *per_platform_documents([Platform.OEMPRO]),
                *oempro_documents(emulators),
            ]
        ]
    assert any('"OEMPRO"' in b for b in bodies)
    assert_clean(bodies, caplog, emulators)


async def test_no_secret_with_rejected_credentials(emulators, caplog):
    caplog.set_level(logging.DEBUG)
    wrong = {
        "v2rest_token": "wrong-token-0001",
        "maxmailer_login_id": mm.PLAIN_LOGIN,
        "oempro_password": "Wrong-Password-0001",
    }
    # debug_errors: the most an error ever shows (operations, HTTP statuses), still no secret
    async with open_gateway(emulators, debug_errors=True, **wrong) as gateway:
        bodies = await run_everything(gateway, emulators)
    assert any("UNAUTHENTICATED" in b for b in bodies)
    assert any('"legacyCode":"9001"' in b.replace(" ", "") for b in bodies)
    assert any('"operation":"User.Login"' in b.replace(" ", "") for b in bodies)
    assert_clean(bodies, caplog, emulators)


@pytest.fixture
def live_settings():
    return {"upstream_timeout": 2.0, "read_retries": 0}


async def test_no_secret_in_any_answer_or_log_line_over_http(live_gateway, emulators, caplog):
    caplog.set_level(logging.DEBUG)
    bodies = await run_everything(live_gateway, emulators)
    assert any('"MAXMAILER"' in b for b in bodies)
    assert_clean(bodies, caplog, emulators)
