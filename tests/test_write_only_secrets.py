"""Secrets a client writes (new passwords, a plan's SMTP password, the settings' S3 secret key)
go to the platform and nowhere else: no field of the graph reads one back, the values written
hold them as ``SecretStr`` below the graph (on every platform: the graph passes each on as one,
and it is unwrapped only for the legacy call), and no log line shows them."""

from __future__ import annotations

import dataclasses
import logging
import typing

import pytest
from graphql import GraphQLInterfaceType, GraphQLObjectType
from pydantic import SecretStr

from mailgql.emulators.oempro.records import md5_hex
from mailgql.graph import build_schema
from mailgql.upstreams.oempro import admin_records
from tests.conftest import open_gateway
from tests.graph.maxmailer_helpers import PLAIN_USER_ID, gid as maxmailer_gid, mm_state
from tests.graph.oempro_helpers import ADMIN, USER_ERRORS, mutate, state
from tests.graph.test_oempro_user_groups import NEW_PLAN

SECRET_WORDS = ("password", "secret", "apikey", "token", "smtpusername", "smtplogin")


@pytest.mark.parametrize("federation", [False, True], ids=["graph", "subgraph"])
def test_no_field_a_client_reads_is_named_like_a_secret(federation: bool) -> None:
    schema = build_schema(federation=federation)._schema
    found = [
        f"{name}.{field}"
        for name, kind in schema.type_map.items()
        if isinstance(kind, GraphQLObjectType | GraphQLInterfaceType)
        and name not in {"Mutation", "Subscription"}
        and not name.startswith("__")
        for field in kind.fields
        if any(word in field.lower() for word in SECRET_WORDS)
    ]
    assert found == []


def _secret_fields() -> list[tuple[str, str, object]]:
    found = []
    for name in admin_records.__all__:
        record = getattr(admin_records, name)
        if not dataclasses.is_dataclass(record):
            continue
        hints = typing.get_type_hints(record)
        for field in dataclasses.fields(record):
            if "password" in field.name or "secret" in field.name:
                found.append((name, field.name, hints[field.name]))
    return found


def test_the_values_written_hold_each_secret_as_secret_str() -> None:
    fields = _secret_fields()
    assert {(record, field) for record, field, _ in fields} >= {
        ("PlanValues", "smtp_login_secret"),
        ("SettingsChange", "s3_secret_key"),
        ("SettingsChange", "smtp_login_secret"),
        ("UserProfile", "password"),
        ("AdminProfile", "password"),
    }
    assert [(r, f) for r, f, hint in fields if hint != SecretStr | None] == []
    values = admin_records.PlanValues(smtp_login_secret=SecretStr("pl4n-smtp-secret"))
    assert "pl4n-smtp-secret" not in repr(values)


async def test_a_new_client_password_reaches_the_platform_and_no_log_line(emulators, caplog):
    caplog.set_level(logging.DEBUG)
    password = "Fjord-Secret-77"
    new_client = {
        "name": "Fjord Media",
        "username": "fjord-media",
        "password": password,
        "email": "hello@fjord.example",
    }
    async with open_gateway(emulators) as gateway:
        payload = await mutate(
            gateway, "createClient", new_client, f"account {{ username }} {USER_ERRORS}"
        )
    assert payload["userErrors"] == []
    stored = [c for c in state(emulators).clients.values() if c["ClientUsername"] == "fjord-media"]
    assert [c["ClientPassword"] for c in stored] == [md5_hex(password)]
    assert caplog.records, "DEBUG logging was on"
    assert [r.getMessage() for r in caplog.records if password in r.getMessage()] == []


async def test_a_plan_smtp_password_reaches_the_platform_and_no_log_line(emulators, caplog):
    caplog.set_level(logging.DEBUG)
    smtp_password = "Sm7p-Plan-Secret"
    async with open_gateway(emulators, **ADMIN) as gateway:
        payload = await mutate(
            gateway,
            "createUserGroup",
            {**NEW_PLAN, "sending": {**NEW_PLAN["sending"], "smtpPassword": smtp_password}},
            f"userGroup {{ name sending {{ method smtpHost }} }} {USER_ERRORS}",
        )
    assert payload["userErrors"] == [], payload
    assert payload["userGroup"]["sending"] == {"method": "SMTP", "smtpHost": "smtp.agency.example"}
    [plan] = [g for g in state(emulators).groups.values() if g["GroupName"] == "Agency"]
    assert plan["SendMethodSMTPPassword"] == smtp_password
    assert [r.getMessage() for r in caplog.records if smtp_password in r.getMessage()] == []


async def test_a_new_v2_sub_account_password_reaches_the_platform_and_no_log_line(
    emulators, caplog
):
    caplog.set_level(logging.DEBUG)
    password = "Skagen-Secret-51"
    new_account = {
        "platform": "V2REST",
        "username": "skagen_sails",
        "password": password,
        "email": "crew@skagen.example",
        "allowedDomains": ["@skagen.example"],
    }
    async with open_gateway(emulators) as gateway:
        payload = await mutate(
            gateway, "createSubAccount", new_account, f"account {{ username }} {USER_ERRORS}"
        )
    assert payload["userErrors"] == [], payload
    assert emulators.platforms["v2rest"].state.accounts["skagen_sails"].password == password
    assert caplog.records, "DEBUG logging was on"
    assert [r.getMessage() for r in caplog.records if password in r.getMessage()] == []


async def test_a_changed_maxmailer_password_reaches_the_platform_and_no_log_line(emulators, caplog):
    caplog.set_level(logging.DEBUG)
    password = "Tr0ms0-Pass$"
    change = {"accountId": maxmailer_gid("Account", PLAIN_USER_ID), "password": password}
    async with open_gateway(emulators) as gateway:
        payload = await mutate(
            gateway, "changeAccountPassword", change, f"account {{ id }} {USER_ERRORS}"
        )
    assert payload["userErrors"] == [], payload
    assert mm_state(emulators).users[PLAIN_USER_ID].password == password
    assert caplog.records, "DEBUG logging was on"
    assert [r.getMessage() for r in caplog.records if password in r.getMessage()] == []
